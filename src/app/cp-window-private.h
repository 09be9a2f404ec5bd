/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-comparison-file.h"
#include "cp-note-list.h"
#include "cp-note-margin.h"
#include "cp-scroll-sync.h"
#include "cp-theme-list.h"
#include "cp-topic-list.h"
#include "cp-window.h"

G_BEGIN_DECLS

typedef void (*CpWindowUndo)      (CpWindow   *window,
                                   gpointer    data);
typedef void (*CpWindowLaunchUri) (CpWindow   *window,
                                   const char *uri);

struct _CpWindow
{
  GtkApplicationWindow  parent_instance;

  GSettings            *settings;
  CpComparison         *comparison;
  CpFocus              *focus;
  CpScrollSync         *scroll_sync;
  GCancellable         *cancellable;
  GtkCssProvider       *text_css;
  char                 *text_css_data;
  GHashTable           *panes;          /* CpDocument → CpReviewPane */
  guint                 n_loading;
  GPtrArray            *loads;          /* the batches being opened */
  guint                 progress_source;
  GtkDropTarget        *drop_target;    /* owned by the window */
  GMenu                *recent_menu;
  GtkSizeGroup         *header_group;
  CpMatcher            *search_matcher;
  CpReviewPane         *search_anchor;  /* weak: the pane whose result leads */
  guint                 snapshot_source;
  guint                 snap_source;
  guint                 relevel_source;
  guint                 scrolled_source;
  double                level_y;        /* where the current mentions are kept level */
  gboolean              level_valid;
  gboolean              snapping;
  GHashTable           *editors;        /* CpTopic → CpTopicEditor */

  /* the comparison as a document: cp-window-file.c */
  CpTopicSet           *topics;
  gboolean              own_topics;     /* a comparison file's, not the user's */
  GFile                *file;           /* the comparison file, or NULL */
  guint                 file_version;   /* the format version it was read in */
  gboolean              read_only;      /* saving over it would lose what was not read */
  gboolean              modified;       /* changed since opened or saved */
  gboolean              close_confirmed;
  GtkWidget            *close_dialog;   /* weak */

  /* notices and errors: cp-window-notices.c */
  GtkRevealer          *notice_revealer;
  GtkLabel             *notice_label;
  GtkButton            *notice_button;
  guint                 notice_source;
  guint                 notice_timeout; /* ms */
  gboolean              notice_hovered;
  gboolean              notice_focused;
  CpWindowUndo          undo;           /* the last action that can be undone */
  gpointer              undo_data;
  GDestroyNotify        undo_destroy;
  CpWindowLaunchUri     launch_uri;

  /* files that change on disk: cp-window-monitor.c */
  GHashTable           *watches;        /* CpDocument → Watch */
  GtkWidget            *changed_banner; /* "… changed on disk", or NULL */
  guint                 watch_settle_ms;

  /* template */
  GtkLabel             *title_label;
  GtkToggleButton      *sidebar_button;
  GtkSpinner           *spinner;
  GtkInscription       *position_label;
  char                 *position_tooltip;
  int                   pending_topic_list_height;
  gulong                sidebar_size_id;
  GtkMenuButton        *menu_button;
  GtkToggleButton      *sync_button;
  GtkToggleButton      *find_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkInscription       *search_label;
  GtkBox               *banners;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkStack             *stack;
  GtkRevealer          *sidebar_revealer;
  GtkPaned             *sidebar_paned;
  CpTopicList          *topic_list;
  CpThemeList          *theme_list;
  CpNoteList           *note_list;
  GtkScrolledWindow    *panes_scroller;
  GtkBox               *panes_box;
};

void cp_window_class_actions_init (CpWindowClass *klass);
void cp_window_actions_init       (CpWindow      *self);
void cp_window_class_topics_init  (CpWindowClass *klass);
void cp_window_topics_init        (CpWindow      *self);
void cp_window_topics_dispose     (CpWindow      *self);
void cp_window_class_print_init   (CpWindowClass *klass);
void cp_window_print_init         (CpWindow      *self);
void cp_window_print_sheet        (CpWindow      *self,
                                   GFile         *export_file);
gboolean cp_window_export_sheet   (CpWindow      *self,
                                   GFile         *file);
void cp_window_class_file_init   (CpWindowClass *klass);
void cp_window_file_init          (CpWindow      *self);
void cp_window_file_dispose       (CpWindow      *self);
gboolean cp_window_file_confirm_close (CpWindow  *self);
void cp_window_file_opened        (CpWindow         *self,
                                   CpComparisonFile *comparison_file);
void cp_window_open_comparison_file (CpWindow    *self,
                                     GFile       *file);
gboolean cp_window_is_loading_comparison (CpWindow *self);
void cp_window_add_comparison     (CpWindow         *self,
                                   CpComparisonFile *comparison_file);
gboolean cp_window_export_coverage (CpWindow     *self,
                                    GFile        *file);
void cp_window_class_notices_init (CpWindowClass *klass);
void cp_window_notices_init       (CpWindow      *self);
void cp_window_notices_dispose    (CpWindow      *self);
void cp_window_notify             (CpWindow       *self,
                                   const char     *message);
void cp_window_notify_with_undo   (CpWindow       *self,
                                   const char     *message,
                                   CpWindowUndo    undo,
                                   gpointer        data,
                                   GDestroyNotify  destroy);
void cp_window_notify_saved       (CpWindow       *self,
                                   GFile          *file);
void cp_window_add_error          (CpWindow       *self,
                                   const char     *message);
void cp_window_add_errors         (CpWindow       *self,
                                   GPtrArray      *errors);
const char *cp_window_get_notice  (CpWindow       *self);
GtkWidget  *cp_window_get_notice_button (CpWindow *self);
void cp_window_set_notice_timeout (CpWindow       *self,
                                   guint           timeout);
void cp_window_set_uri_launcher   (CpWindow          *self,
                                   CpWindowLaunchUri  launch);
GtkWidget *cp_window_add_banner   (CpWindow       *self,
                                   const char     *icon_name,
                                   GtkWidget      *body,
                                   GtkWidget      *button);
GtkWidget *cp_window_new_message_label (const char *message);

/* files that change on disk: cp-window-monitor.c */
void cp_window_monitor_init       (CpWindow      *self);
void cp_window_monitor_dispose    (CpWindow      *self);
void cp_window_reload_changed     (CpWindow      *self);
void cp_window_set_watch_delay    (CpWindow      *self,
                                   guint          delay_ms);
gboolean cp_window_import_topics  (CpWindow      *self,
                                   GFile         *file);
gboolean cp_window_export_topics  (CpWindow      *self,
                                   GFile         *file);
GFile   *cp_window_dup_topics_snapshot (CpWindow *self);
void cp_window_open_samples       (CpWindow      *self);
void cp_window_cancel_loading     (CpWindow      *self);

/* text from anywhere: cp-window-import.c */
void cp_window_class_import_init  (CpWindowClass *klass);
void cp_window_import_init        (CpWindow      *self);
void cp_window_paste              (CpWindow      *self);
void cp_window_open_text          (CpWindow      *self,
                                   const char    *text,
                                   gssize         length);
void cp_window_open_html          (CpWindow      *self,
                                   GBytes        *html);
gboolean cp_window_save_text      (CpWindow      *self,
                                   guint          position,
                                   GFile         *file);
GtkDropTarget *cp_window_get_drop_target (CpWindow *self);
void cp_window_open_dialog        (CpWindow      *self);
void cp_window_update_recent_menu (CpWindow      *self);
void cp_window_level_ranges       (CpWindow      *self,
                                   const guint   *starts,
                                   const guint   *ends,
                                   CpReviewPane  *anchor);
void cp_window_focus_mention      (CpWindow      *self,
                                   CpReviewPane  *pane,
                                   guint          mention);

int  cp_window_get_topic_list_height (CpWindow *self);

/* notes: cp-window-notes.c */
void cp_window_class_notes_init   (CpWindowClass *klass);
void cp_window_notes_init         (CpWindow      *self);
CpNoteMargin *cp_window_get_note_margin (CpWindow     *self,
                                         CpReviewPane *pane);

G_END_DECLS
