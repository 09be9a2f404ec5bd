/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-theme-list.h"

/*
 * CpThemeList:
 *
 * The “Suggested Themes” part of the sidebar: the phrases that several of
 * the open reviews share and that no topic matches yet, found by
 * cp_discover_themes_async() in a worker thread whenever the reviews or
 * the topics change.
 *
 * The work the reviews discuss (cp_comparison_dup_subject()) is named
 * once above the list, since none of its words is suggested.
 *
 * Pointing at a suggestion, or moving the keyboard focus onto it, sets
 * CpThemeList:preview, which the window shows in every pane. Its Track
 * button emits CpThemeList::track; the window makes the topic, and the
 * suggestion leaves the list at once rather than when the next search
 * ends.
 */

/* How long the list waits after a change before it looks again: opening
 * several reviews, or typing terms in the topic editor, is one change. */
#define DISCOVER_DELAY_MS 300

/* The most suggestions shown. */
#define MAX_THEMES 30

struct _CpThemeList
{
  GtkWidget     parent_instance;

  CpComparison *comparison;
  gulong        changed_id;
  GCancellable *cancellable;
  guint         discover_source;
  gboolean      busy;

  char         *subject;
  gboolean      offer_start;

  /* The themes shown, in order, and the rows that show them. */
  GPtrArray    *themes;
  CpTheme      *preview;

  /* Template widgets */
  GtkWidget    *spinner;
  GtkLabel     *subject_label;
  GtkWidget    *start_button;
  GtkStack     *stack;
  GtkLabel     *status_label;
  GtkWidget    *scroller;
  GtkListBox   *list_box;
};

G_DEFINE_FINAL_TYPE (CpThemeList, cp_theme_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COMPARISON,
  PROP_BUSY,
  PROP_PREVIEW,
  PROP_OFFER_START,
  N_PROPS
};

enum {
  TRACK,
  START,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_busy (CpThemeList *self,
          gboolean     busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_visible (self->spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_status (CpThemeList *self,
             const char  *message)
{
  gtk_label_set_label (self->status_label, message);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->status_label));
}

static void
update_start_button (CpThemeList *self)
{
  gtk_widget_set_visible (self->start_button, self->offer_start && self->themes->len > 0);
}

static void
start_clicked_cb (CpThemeList *self)
{
  g_signal_emit (self, signals[START], 0);
}

static void
update_status (CpThemeList *self)
{
  guint n_documents = 0;

  update_start_button (self);
  if (self->comparison != NULL)
    n_documents = cp_comparison_get_n_documents (self->comparison);

  if (self->themes->len > 0)
    gtk_stack_set_visible_child (self->stack, self->scroller);
  else if (n_documents < 2)
    show_status (self, _("Open two or more reviews to see the themes they share"));
  else if (self->busy)
    show_status (self, _("Looking for shared themes…"));
  else
    show_status (self, _("No other themes are shared by two or more reviews"));
}

static void
update_subject (CpThemeList *self)
{
  g_autofree char *label = NULL;

  g_clear_pointer (&self->subject, g_free);
  if (self->comparison != NULL && cp_comparison_get_n_documents (self->comparison) >= 2)
    self->subject = cp_comparison_dup_subject (self->comparison);

  gtk_widget_set_visible (GTK_WIDGET (self->subject_label), self->subject != NULL);
  if (self->subject == NULL)
    {
      gtk_label_set_label (self->subject_label, "");
      return;
    }

  /* Translators: %s is the work the reviews discuss, such as a film's title */
  label = g_strdup_printf (_("Subject: %s"), self->subject);
  gtk_label_set_label (self->subject_label, label);
}

static void
row_enter_cb (GtkEventController *controller,
              double              x,
              double              y,
              CpThemeList        *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (controller);

  cp_theme_list_set_preview (self, g_object_get_data (G_OBJECT (row), "cp-theme"));
}

static void
row_leave_cb (GtkEventController *controller,
              CpThemeList        *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (controller);

  if (self->preview == g_object_get_data (G_OBJECT (row), "cp-theme"))
    cp_theme_list_set_preview (self, NULL);
}

static void
row_focus_enter_cb (GtkEventController *controller,
                    CpThemeList        *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (controller);

  cp_theme_list_set_preview (self, g_object_get_data (G_OBJECT (row), "cp-theme"));
}

static void
track_clicked_cb (GtkButton   *button,
                  CpThemeList *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  g_autoptr(CpTheme) theme = g_object_ref (g_object_get_data (G_OBJECT (row), "cp-theme"));
  guint position;

  if (self->preview == theme)
    cp_theme_list_set_preview (self, NULL);

  /* The suggestion goes now; the next search, which the new topic starts,
   * would drop it anyway. */
  if (g_ptr_array_find (self->themes, theme, &position))
    {
      g_ptr_array_remove_index (self->themes, position);
      gtk_list_box_remove (self->list_box, row);
      update_status (self);
    }

  g_signal_emit (self, signals[TRACK], 0, theme);
}

/* Enter or Space on a suggestion tracks it: the row is the one Tab stop,
 * as in GNOME's lists, and its button is for the pointer. */
static gboolean
row_track_cb (GtkWidget *row,
              GVariant  *args,
              gpointer   button)
{
  /* Clicked at once: gtk_widget_activate () would first show the button
   * pressed for a moment, and the row is gone by then. */
  g_signal_emit_by_name (button, "clicked");
  return TRUE;
}

static const guint track_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_space };

/* “in 3 of 4 reviews · 12 mentions” */
static char *
dup_summary (CpTheme  *theme,
             guint     n_documents,
             gboolean  spoken)
{
  g_autofree char *reviews = NULL;
  g_autofree char *mentions = NULL;
  guint spread = cp_theme_get_spread (theme);
  guint total = cp_theme_get_total (theme);

  reviews = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "in %u of %u review",
                                          "in %u of %u reviews",
                                          n_documents),
                             spread, n_documents);
  mentions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u mention",
                                           "%u mentions",
                                           total),
                              total);

  /* Translators: how widely a suggested theme is used, as a screen
   * reader says it: “in 3 of 4 reviews, 12 mentions” */
  if (spoken)
    return g_strdup_printf (_("%s, %s"), reviews, mentions);
  /* Translators: how widely a suggested theme is used, e.g.
   * “in 3 of 4 reviews · 12 mentions” */
  return g_strdup_printf (_("%s · %s"), reviews, mentions);
}

/* The tooltip: the other spellings that were merged, and what the first
 * reviews say around the phrase. */
static char *
dup_tooltip (CpTheme     *theme,
             CpDocument **documents,
             guint        n_documents)
{
  g_autoptr(GString) tooltip = g_string_new (NULL);
  const char * const *variants = cp_theme_get_variants (theme);
  guint n_contexts = 0;

  if (variants != NULL && variants[0] != NULL && variants[1] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) variants);
      g_autofree char *escaped = g_markup_escape_text (joined, -1);

      /* Translators: the spellings of a suggested theme that were taken
       * as one, e.g. “Spellings: Bird's Nest, Birds Nest” */
      g_string_append_printf (tooltip, _("Spellings: %s"), escaped);
    }

  for (guint d = 0; d < n_documents && n_contexts < 2; d++)
    {
      const char *context = cp_theme_get_context (theme, d);
      g_autofree char *escaped_context = NULL;
      g_autofree char *escaped_title = NULL;

      if (context == NULL)
        continue;

      escaped_context = g_markup_escape_text (context, -1);
      escaped_title = g_markup_escape_text (cp_document_get_title (documents[d]), -1);
      if (tooltip->len > 0)
        g_string_append (tooltip, "\n\n");
      g_string_append_printf (tooltip, "<b>%s</b>\n%s", escaped_title, escaped_context);
      n_contexts++;
    }

  return g_string_free (g_steal_pointer (&tooltip), FALSE);
}

static GtkWidget *
create_row (CpThemeList  *self,
            CpTheme      *theme,
            CpDocument  **documents,
            guint         n_documents)
{
  g_autofree char *summary = dup_summary (theme, n_documents, FALSE);
  g_autofree char *spoken_summary = dup_summary (theme, n_documents, TRUE);
  g_autofree char *tooltip = dup_tooltip (theme, documents, n_documents);
  g_autofree char *track_label = NULL;
  g_autofree char *row_label = NULL;
  GtkEventController *controller;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *text_box;
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *button;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);

  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text_box);

  title = g_object_new (GTK_TYPE_LABEL,
                        "label", cp_theme_get_phrase (theme),
                        "xalign", 0.0f,
                        "ellipsize", PANGO_ELLIPSIZE_END,
                        NULL);
  gtk_box_append (GTK_BOX (text_box), title);

  subtitle = g_object_new (GTK_TYPE_LABEL,
                           "label", summary,
                           "xalign", 0.0f,
                           /* wrapped, not cut, in longer languages */
                           "wrap", TRUE,
                           "wrap-mode", PANGO_WRAP_WORD_CHAR,
                           "css-classes", (const char *[]) { "caption", "dim-label", NULL },
                           NULL);
  gtk_box_append (GTK_BOX (text_box), subtitle);

  button = gtk_button_new_with_mnemonic (_("_Track"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_focusable (button, FALSE);
  /* Translators: the tooltip and accessible name of the button that
   * turns a suggested theme into a topic; %s is the theme */
  track_label = g_strdup_printf (_("Track “%s” as a topic"), cp_theme_get_phrase (theme));
  gtk_widget_set_tooltip_text (button, track_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, track_label,
                                  -1);
  g_signal_connect (button, "clicked", G_CALLBACK (track_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (row, "theme-row");
  if (*tooltip != '\0')
    gtk_widget_set_tooltip_markup (text_box, tooltip);
  /* Translators: a suggested theme's accessible name: the phrase, then
   * how widely it is used */
  row_label = g_strdup_printf (_("%s, %s"), cp_theme_get_phrase (theme), spoken_summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, row_label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Press Enter to track it as a topic"),
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "cp-theme", g_object_ref (theme), g_object_unref);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (row_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (row_leave_cb), self);
  gtk_widget_add_controller (row, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (row_focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (row_leave_cb), self);
  gtk_widget_add_controller (row, controller);

  controller = gtk_shortcut_controller_new ();
  for (guint i = 0; i < G_N_ELEMENTS (track_keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (track_keys[i], 0),
                                                            gtk_callback_action_new (row_track_cb, button, NULL)));
  gtk_widget_add_controller (row, controller);

  return row;
}

static void
clear_rows (CpThemeList *self)
{
  GtkWidget *child;

  cp_theme_list_set_preview (self, NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  g_ptr_array_set_size (self->themes, 0);
}

typedef struct
{
  CpThemeList *self;
  GPtrArray   *documents;
} DiscoverData;

static void
discover_data_free (DiscoverData *data)
{
  g_object_unref (data->self);
  g_ptr_array_unref (data->documents);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DiscoverData, discover_data_free)

static void
discover_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DiscoverData) data = user_data;
  CpThemeList *self = data->self;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GError) error = NULL;

  themes = cp_discover_themes_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  clear_rows (self);

  if (themes == NULL)
    {
      g_autofree char *message = NULL;

      set_busy (self, FALSE);
      /* Translators: %s says why the search failed */
      message = g_strdup_printf (_("Could not look for shared themes: %s"), error->message);
      show_status (self, message);
      return;
    }

  for (guint i = 0; i < themes->len; i++)
    {
      CpTheme *theme = g_ptr_array_index (themes, i);

      g_ptr_array_add (self->themes, g_object_ref (theme));
      gtk_list_box_append (self->list_box,
                           create_row (self, theme,
                                       (CpDocument **) data->documents->pdata,
                                       data->documents->len));
    }

  set_busy (self, FALSE);
  update_status (self);
}

static gboolean
discover_cb (gpointer user_data)
{
  CpThemeList *self = user_data;
  CpDiscoverOptions options = { 0, };
  DiscoverData *data;
  guint n_documents;

  self->discover_source = 0;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  update_subject (self);

  n_documents = self->comparison != NULL ? cp_comparison_get_n_documents (self->comparison) : 0;
  if (n_documents < 2)
    {
      clear_rows (self);
      set_busy (self, FALSE);
      update_status (self);
      return G_SOURCE_REMOVE;
    }

  data = g_new0 (DiscoverData, 1);
  data->self = g_object_ref (self);
  data->documents = g_ptr_array_new_full (n_documents, g_object_unref);
  for (guint d = 0; d < n_documents; d++)
    g_ptr_array_add (data->documents, g_object_ref (cp_comparison_get_document (self->comparison, d)));

  options.topics = cp_comparison_get_topics (self->comparison);
  options.limit = MAX_THEMES;

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  update_status (self);

  cp_discover_themes_async ((CpDocument **) data->documents->pdata,
                            n_documents,
                            &options,
                            self->cancellable,
                            discover_done_cb,
                            data);

  return G_SOURCE_REMOVE;
}

static void
queue_discover (CpThemeList *self)
{
  g_clear_handle_id (&self->discover_source, g_source_remove);
  self->discover_source = g_timeout_add (DISCOVER_DELAY_MS, discover_cb, self);
  set_busy (self, TRUE);
  update_status (self);
}

static void
comparison_changed_cb (CpThemeList        *self,
                       CpComparisonChange  change,
                       CpComparison       *comparison)
{
  if (change & (CP_COMPARISON_CHANGE_DOCUMENTS | CP_COMPARISON_CHANGE_TOPICS))
    {
      /* What was previewed may be a topic now, or gone with its review. */
      cp_theme_list_set_preview (self, NULL);
      queue_discover (self);
    }
}

static void
cp_theme_list_dispose (GObject *object)
{
  CpThemeList *self = (CpThemeList *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->discover_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->comparison != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->comparison);
      g_clear_object (&self->comparison);
    }

  g_clear_object (&self->preview);

  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_THEME_LIST);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cp_theme_list_parent_class)->dispose (object);
}

static void
cp_theme_list_finalize (GObject *object)
{
  CpThemeList *self = (CpThemeList *)object;

  g_clear_pointer (&self->themes, g_ptr_array_unref);
  g_clear_pointer (&self->subject, g_free);

  G_OBJECT_CLASS (cp_theme_list_parent_class)->finalize (object);
}

static void
cp_theme_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CpThemeList *self = CP_THEME_LIST (object);

  switch (prop_id)
    {
    case PROP_COMPARISON:
      g_value_set_object (value, self->comparison);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_PREVIEW:
      g_value_set_object (value, self->preview);
      break;

    case PROP_OFFER_START:
      g_value_set_boolean (value, self->offer_start);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_theme_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CpThemeList *self = CP_THEME_LIST (object);

  switch (prop_id)
    {
    case PROP_COMPARISON:
      cp_theme_list_set_comparison (self, g_value_get_object (value));
      break;

    case PROP_PREVIEW:
      cp_theme_list_set_preview (self, g_value_get_object (value));
      break;

    case PROP_OFFER_START:
      cp_theme_list_set_offer_start (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* F6 comes here: the row that had the focus last, or the first. */
static gboolean
cp_theme_list_grab_focus (GtkWidget *widget)
{
  CpThemeList *self = CP_THEME_LIST (widget);

  if (gtk_stack_get_visible_child (self->stack) != self->scroller)
    return FALSE;

  return gtk_widget_child_focus (GTK_WIDGET (self->list_box), GTK_DIR_TAB_FORWARD);
}

static void
cp_theme_list_class_init (CpThemeListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_theme_list_dispose;
  object_class->finalize = cp_theme_list_finalize;
  object_class->get_property = cp_theme_list_get_property;
  object_class->set_property = cp_theme_list_set_property;

  /**
   * CpThemeList:comparison:
   *
   * The comparison whose reviews are searched for shared themes.
   */
  properties[PROP_COMPARISON] =
    g_param_spec_object ("comparison", NULL, NULL,
                         CP_TYPE_COMPARISON,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CpThemeList:busy:
   *
   * Whether a search for themes is waiting to start or running.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CpThemeList:preview:
   *
   * The suggestion under the pointer or the keyboard focus, whose
   * mentions the window lights up in every pane; %NULL for none.
   */
  properties[PROP_PREVIEW] =
    g_param_spec_object ("preview", NULL, NULL,
                         CP_TYPE_THEME,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CpThemeList:offer-start:
   *
   * Whether to offer “Start from These Themes” above the suggestions,
   * which the window does when its topics find little in the reviews.
   */
  properties[PROP_OFFER_START] =
    g_param_spec_boolean ("offer-start", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CpThemeList::start:
   *
   * Emitted when “Start from These Themes” is clicked: the window tracks
   * the best suggestions.
   */
  signals[START] =
    g_signal_new ("start",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * CpThemeList::track:
   * @theme: the suggestion to turn into a topic
   *
   * Emitted when the Track button of a suggestion is clicked; the
   * suggestion has already left the list.
   */
  signals[TRACK] =
    g_signal_new ("track",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CP_TYPE_THEME);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cp-theme-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CpThemeList, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpThemeList, subject_label);
  gtk_widget_class_bind_template_child (widget_class, CpThemeList, start_button);
  gtk_widget_class_bind_template_child (widget_class, CpThemeList, stack);
  gtk_widget_class_bind_template_child (widget_class, CpThemeList, status_label);
  gtk_widget_class_bind_template_child (widget_class, CpThemeList, scroller);
  gtk_widget_class_bind_template_child (widget_class, CpThemeList, list_box);

  widget_class->grab_focus = cp_theme_list_grab_focus;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "themelist");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cp_theme_list_init (CpThemeList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->themes = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_set_visible (self->spinner, FALSE);
  g_signal_connect_swapped (self->start_button, "clicked", G_CALLBACK (start_clicked_cb), self);
  update_status (self);
}

GtkWidget *
cp_theme_list_new (void)
{
  return g_object_new (CP_TYPE_THEME_LIST, NULL);
}

CpComparison *
cp_theme_list_get_comparison (CpThemeList *self)
{
  g_return_val_if_fail (CP_IS_THEME_LIST (self), NULL);

  return self->comparison;
}

void
cp_theme_list_set_comparison (CpThemeList  *self,
                              CpComparison *comparison)
{
  g_return_if_fail (CP_IS_THEME_LIST (self));
  g_return_if_fail (comparison == NULL || CP_IS_COMPARISON (comparison));

  if (self->comparison == comparison)
    return;

  if (self->comparison != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->comparison);
      g_clear_object (&self->comparison);
    }

  if (comparison != NULL)
    {
      self->comparison = g_object_ref (comparison);
      self->changed_id = g_signal_connect_object (comparison,
                                                  "changed",
                                                  G_CALLBACK (comparison_changed_cb),
                                                  self,
                                                  G_CONNECT_SWAPPED);
    }

  clear_rows (self);
  queue_discover (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARISON]);
}

gboolean
cp_theme_list_get_offer_start (CpThemeList *self)
{
  g_return_val_if_fail (CP_IS_THEME_LIST (self), FALSE);

  return self->offer_start;
}

void
cp_theme_list_set_offer_start (CpThemeList *self,
                               gboolean     offer_start)
{
  g_return_if_fail (CP_IS_THEME_LIST (self));

  offer_start = !!offer_start;
  if (self->offer_start == offer_start)
    return;

  self->offer_start = offer_start;
  update_start_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFER_START]);
}

/* The button, for tests. */
GtkWidget *
cp_theme_list_get_start_button (CpThemeList *self)
{
  g_return_val_if_fail (CP_IS_THEME_LIST (self), NULL);

  return self->start_button;
}

/**
 * cp_theme_list_get_subject:
 * @self: a #CpThemeList
 *
 * Returns: (nullable): the work the reviews discuss, named above the
 *   suggestions, or %NULL when there is none
 */
const char *
cp_theme_list_get_subject (CpThemeList *self)
{
  g_return_val_if_fail (CP_IS_THEME_LIST (self), NULL);

  return self->subject;
}

gboolean
cp_theme_list_get_busy (CpThemeList *self)
{
  g_return_val_if_fail (CP_IS_THEME_LIST (self), FALSE);

  return self->busy;
}

guint
cp_theme_list_get_n_themes (CpThemeList *self)
{
  g_return_val_if_fail (CP_IS_THEME_LIST (self), 0);

  return self->themes->len;
}

/**
 * cp_theme_list_get_theme:
 * @self: a #CpThemeList
 * @position: the position of a suggestion, from the top
 *
 * Returns: (transfer none) (nullable): the suggestion at @position
 */
CpTheme *
cp_theme_list_get_theme (CpThemeList *self,
                         guint        position)
{
  g_return_val_if_fail (CP_IS_THEME_LIST (self), NULL);

  if (position >= self->themes->len)
    return NULL;

  return g_ptr_array_index (self->themes, position);
}

/**
 * cp_theme_list_get_row:
 * @self: a #CpThemeList
 * @position: the position of a suggestion, from the top
 *
 * Returns: (transfer none) (nullable): the #GtkListBoxRow that shows it
 */
GtkWidget *
cp_theme_list_get_row (CpThemeList *self,
                       guint        position)
{
  g_return_val_if_fail (CP_IS_THEME_LIST (self), NULL);

  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, position));
}

/**
 * cp_theme_list_get_preview:
 * @self: a #CpThemeList
 *
 * Returns: (transfer none) (nullable): the suggestion being previewed
 */
CpTheme *
cp_theme_list_get_preview (CpThemeList *self)
{
  g_return_val_if_fail (CP_IS_THEME_LIST (self), NULL);

  return self->preview;
}

void
cp_theme_list_set_preview (CpThemeList *self,
                           CpTheme     *theme)
{
  g_return_if_fail (CP_IS_THEME_LIST (self));
  g_return_if_fail (theme == NULL || CP_IS_THEME (theme));

  if (g_set_object (&self->preview, theme))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREVIEW]);
}
