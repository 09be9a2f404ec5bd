/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reviews whose files change on disk.
 *
 * Each open review read from a file has a GFileMonitor. The events of one
 * save (an editor writes a temporary file and renames it over the review,
 * or writes in place in several steps) are let settle for a moment and
 * only then is the file looked at: there again with another version than
 * the one read, it changed; not there, it was deleted or moved away. So
 * a save by rename is one change, never a delete.
 *
 * A change is offered in one banner for every review that changed, with
 * Reload (All). Reloading reads the file again as opening it does (so web
 * pages, PDFs and documents go through their importers), puts the new
 * text in the review's place in the comparison, which re-tags it, and
 * brings the pane back to where the reader was: to the mention of the
 * focused topic nearest the one it showed, at the same height, or else to
 * the same character at the top. The other panes stay where they are. A
 * file that cannot be read again leaves the review as it was and says so
 * in an error banner.
 *
 * A review whose file is gone stays open from memory: its header says so,
 * and a notice once. When the file comes back, Reload is offered again.
 *
 * Reviews without a file (pasted text) have nothing to watch, nor have
 * those of a comparison file, whose text is in the comparison file.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cp-window-private.h"

/* How long the events of one save are let settle, in milliseconds: after
 * the last event that ends a write (closed, created, renamed, deleted) … */
#define SETTLE_MS 300
/* … or, on a system that does not say when a write is done, after the
 * last change (which the monitor reports at most this often) */
#define CHANGE_SETTLE_MS 2000
#define RATE_LIMIT_MS 1000

typedef struct
{
  CpWindow     *window;       /* owns the watch */
  CpDocument   *document;
  GFile        *file;
  GFileMonitor *monitor;
  GCancellable *cancellable;  /* the look at the file, cancelled with the watch */
  char         *etag;         /* the version that was read, when known */
  guint         settle_source;
  gboolean      missing;      /* deleted or moved away */
  gboolean      changed;      /* not as read: Reload is offered */
} Watch;

/* How often, and how many times, a reloaded review's pane is looked at
 * until it is laid out */
#define PLACE_RETRY_MS 20
#define PLACE_MAX_TRIES 250

/* Where the reader was in a review that is reloaded */
typedef struct
{
  CpWindow     *window;       /* weak */
  CpReviewPane *pane;         /* weak: the new review's */
  int           mention;      /* the focused topic's nearest mention in the new text, or -1 */
  guint         top_offset;   /* else the character at the top of the view */
  double        y;            /* where the mention (or that character) was in the view */
  guint         n_tries;
} Place;

static void update_banner (CpWindow *self);

/* --- watches --- */

static void
watch_free (Watch *watch)
{
  g_cancellable_cancel (watch->cancellable);
  g_clear_object (&watch->cancellable);
  g_clear_handle_id (&watch->settle_source, g_source_remove);
  if (watch->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (watch->monitor, watch);
      g_file_monitor_cancel (watch->monitor);
      g_clear_object (&watch->monitor);
    }
  g_clear_object (&watch->file);
  g_clear_object (&watch->document);
  g_free (watch->etag);
  g_free (watch);
}

static CpReviewPane *
watch_get_pane (Watch *watch)
{
  return g_hash_table_lookup (watch->window->panes, watch->document);
}

static char *
watch_dup_title (Watch *watch)
{
  CpWindow *self = watch->window;
  guint position;

  if (!cp_comparison_find_document (self->comparison, watch->document, &position))
    return g_strdup (cp_document_get_name (watch->document));
  return cp_comparison_dup_display_title (self->comparison, position);
}

static void
set_missing (Watch    *watch,
             gboolean  missing)
{
  CpReviewPane *pane = watch_get_pane (watch);

  if (watch->missing == missing)
    return;
  watch->missing = missing;
  if (pane != NULL)
    cp_review_pane_set_file_missing (pane, missing);

  if (missing)
    {
      g_autofree char *title = watch_dup_title (watch);
      g_autofree char *message = NULL;

      /* Translators: %s is a review's title */
      message = g_strdup_printf (_("The file of “%s” was deleted or moved away. The review stays open from memory."),
                                 title);
      cp_window_notify (watch->window, message);
    }
}

static void
file_queried_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  Watch *watch;
  const char *etag;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  /* The watch is gone with the review, or the window closed */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  watch = user_data;

  if (info == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      /* Not ours to say: opening it again will */
      g_debug ("Cannot look at %s: %s", g_file_peek_path (watch->file), error->message);
      return;
    }

  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      watch->changed = FALSE;
      set_missing (watch, TRUE);
      update_banner (watch->window);
      return;
    }

  etag = g_file_info_get_etag (info);
  if (watch->missing || watch->etag == NULL || g_strcmp0 (etag, watch->etag) != 0)
    {
      watch->changed = TRUE;
      set_missing (watch, FALSE);
      update_banner (watch->window);
    }
}

static void
look_at_file (Watch *watch)
{
  g_file_query_info_async (watch->file,
                           G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ETAG_VALUE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, watch->cancellable,
                           file_queried_cb, watch);
}

static gboolean
settled_cb (gpointer data)
{
  Watch *watch = data;

  watch->settle_source = 0;
  look_at_file (watch);
  return G_SOURCE_REMOVE;
}

static void
settle (Watch *watch,
        guint  delay_ms)
{
  g_clear_handle_id (&watch->settle_source, g_source_remove);
  watch->settle_source = g_timeout_add (delay_ms, settled_cb, watch);
  g_source_set_name_by_id (watch->settle_source, "[counterpoint] let a file's changes settle");
}

static void
file_changed_cb (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 gpointer           user_data)
{
  Watch *watch = user_data;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
      /* More may come: wait for the end of the write, if it is said */
      settle (watch, MAX (CHANGE_SETTLE_MS, watch->window->watch_settle_ms));
      break;

    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      settle (watch, watch->window->watch_settle_ms);
      break;

    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

static void
etag_queried_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  Watch *watch;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  watch = user_data;
  /* Already changed, or gone: the next look says */
  if (info != NULL && watch->etag == NULL && watch->settle_source == 0)
    watch->etag = g_strdup (g_file_info_get_etag (info));
}

/* Whether @document's text is its file's, to read again when the file
 * changes. The text of a review from a comparison file is in that file,
 * whatever file it was first read from. */
static gboolean
is_read_from_file (CpDocument *document)
{
  return cp_document_get_file (document) != NULL && !cp_document_is_embedded (document);
}

static void
add_watch (CpWindow   *self,
           CpDocument *document)
{
  g_autoptr(GError) error = NULL;
  Watch *watch;

  watch = g_new0 (Watch, 1);
  watch->window = self;
  watch->document = g_object_ref (document);
  watch->file = g_object_ref (cp_document_get_file (document));
  watch->cancellable = g_cancellable_new ();
  g_hash_table_insert (self->watches, document, watch);

  watch->monitor = g_file_monitor_file (watch->file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (watch->monitor == NULL)
    {
      /* A file system that cannot be watched: the review is as it was read */
      g_debug ("Cannot watch %s: %s", g_file_peek_path (watch->file), error->message);
      return;
    }
  g_file_monitor_set_rate_limit (watch->monitor, RATE_LIMIT_MS);
  g_signal_connect (watch->monitor, "changed", G_CALLBACK (file_changed_cb), watch);

  g_file_query_info_async (watch->file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, watch->cancellable, etag_queried_cb, watch);
}

/* One watch per review read from a file, as reviews come and go */
static void
documents_changed_cb (CpWindow   *self,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GListModel *documents)
{
  GHashTableIter iter;
  gpointer key;
  guint n = g_list_model_get_n_items (documents);
  gboolean dropped = FALSE;

  if (self->watches == NULL)
    return;
  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!cp_comparison_find_document (self->comparison, key, NULL))
      {
        g_hash_table_iter_remove (&iter);
        dropped = TRUE;
      }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CpDocument) document = g_list_model_get_item (documents, i);

      if (is_read_from_file (document) && !g_hash_table_contains (self->watches, document))
        add_watch (self, document);
    }

  if (dropped)
    update_banner (self);
}

/* --- the banner --- */

static void
banner_parent_cb (CpWindow   *self,
                  GParamSpec *pspec,
                  GtkWidget  *banner)
{
  GHashTableIter iter;
  gpointer value;

  /* Dismissed: the changes are not offered again until the next */
  if (gtk_widget_get_parent (banner) != NULL || self->changed_banner != banner || self->watches == NULL)
    return;
  self->changed_banner = NULL;
  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((Watch *) value)->changed = FALSE;
}

static void
remove_banner (CpWindow *self)
{
  GtkWidget *banner = g_steal_pointer (&self->changed_banner);

  if (banner != NULL && gtk_widget_get_parent (banner) != NULL)
    gtk_box_remove (GTK_BOX (gtk_widget_get_parent (banner)), banner);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  CpComparison *comparison = user_data;
  guint pa = G_MAXUINT, pb = G_MAXUINT;

  cp_comparison_find_document (comparison, (*(Watch **) a)->document, &pa);
  cp_comparison_find_document (comparison, (*(Watch **) b)->document, &pb);
  return pa < pb ? -1 : pa > pb;
}

/* The reviews changed on disk, in the order of their panes */
static GPtrArray *
list_changed (CpWindow *self)
{
  GPtrArray *changed = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Watch *) value)->changed && !((Watch *) value)->missing)
      g_ptr_array_add (changed, value);
  g_ptr_array_sort_with_data (changed, compare_positions, self->comparison);
  return changed;
}

/* One banner says which reviews changed, made anew when that changes */
static void
update_banner (CpWindow *self)
{
  g_autoptr(GPtrArray) changed = list_changed (self);
  g_autofree char *heading = NULL;
  GtkWidget *body, *button;

  remove_banner (self);
  if (changed->len == 0)
    return;

  if (changed->len == 1)
    {
      g_autofree char *title = watch_dup_title (changed->pdata[0]);

      /* Translators: %s is a review's title */
      heading = g_strdup_printf (_("“%s” changed on disk."), title);
      button = gtk_button_new_with_mnemonic (_("_Reload"));
    }
  else
    {
      GString *text = g_string_new (NULL);

      g_string_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                          "%u review changed on disk:",
                                          "%u reviews changed on disk:", changed->len),
                       changed->len);
      for (guint i = 0; i < changed->len; i++)
        {
          g_autofree char *title = watch_dup_title (changed->pdata[i]);

          /* Translators: one of the reviews that changed on disk, on a line of its own */
          g_string_append_printf (text, _("\n“%s”"), title);
        }
      heading = g_string_free (text, FALSE);
      button = gtk_button_new_with_mnemonic (_("_Reload All"));
    }
  /* One label, a line for each review, ellipsized: next to a button, a
   * wrapping label makes the banner (GTK 4.8) ask for less height than
   * it takes at its width, and overlap what is below */
  body = cp_window_new_message_label (heading);
  gtk_label_set_wrap (GTK_LABEL (body), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (body), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (body, heading);
  gtk_widget_set_tooltip_text (button, _("Read the changed files again"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (cp_window_reload_changed), self, G_CONNECT_SWAPPED);

  self->changed_banner = cp_window_add_banner (self, "document-revert-symbolic", body, button);
  gtk_widget_add_css_class (self->changed_banner, "info");
  g_signal_connect_object (self->changed_banner, "notify::parent", G_CALLBACK (banner_parent_cb), self,
                           G_CONNECT_SWAPPED);
}

/* --- reloading --- */

static void
place_free (Place *place)
{
  g_clear_weak_pointer (&place->pane);
  g_clear_weak_pointer (&place->window);
  g_free (place);
}

static gboolean place_restore_cb (gpointer data);

/* Once the new pane is laid out (after GTK's layout and the window's
 * re-levelling of the current mentions), scrolls it alone, with the
 * scroll synchronization off, to where the reader was */
static gboolean
place_restore_cb (gpointer data)
{
  Place *place = data;
  CpWindow *self = place->window;
  CpMentions *mentions;
  guint start, end;

  if (self == NULL || place->pane == NULL || g_cancellable_is_cancelled (self->cancellable) ||
      place->n_tries++ == PLACE_MAX_TRIES)
    {
      place_free (place);
      return G_SOURCE_REMOVE;
    }
  if (gtk_widget_get_height (GTK_WIDGET (cp_review_pane_get_view (place->pane))) <= 0)
    {
      g_timeout_add_full (G_PRIORITY_LOW, PLACE_RETRY_MS, place_restore_cb, place, NULL);
      return G_SOURCE_REMOVE;
    }

  mentions = cp_review_pane_get_mentions (place->pane);
  if (place->mention >= 0 && mentions != NULL && (guint) place->mention < cp_mentions_get_n_mentions (mentions))
    {
      start = cp_mentions_get_char_start (mentions, place->mention);
      end = cp_mentions_get_char_end (mentions, place->mention);
    }
  else
    start = end = place->top_offset;

  cp_scroll_sync_set_enabled (self->scroll_sync, FALSE);
  cp_review_pane_scroll_to_range (place->pane, start, end, place->y);
  cp_scroll_sync_set_enabled (self->scroll_sync, g_settings_get_boolean (self->settings, "sync-scroll"));

  place_free (place);
  return G_SOURCE_REMOVE;
}

/* Where the reader is in @document's pane: its current mention (its
 * start, and its height in the view), and the character at the top */
static void
remember_place (CpWindow   *self,
                CpDocument *document,
                int        *mention_start,
                double     *mention_y,
                guint      *top_offset,
                double     *top_y)
{
  CpReviewPane *pane = g_hash_table_lookup (self->panes, document);
  CpMentions *mentions = cp_comparison_get_mentions_for_document (self->comparison, document);
  int current = cp_focus_get_current (self->focus, document);
  GtkTextView *view;
  GdkRectangle visible;
  GtkTextIter iter;
  double top;

  *mention_start = -1;
  *mention_y = *top_y = 0;
  *top_offset = 0;
  if (pane == NULL)
    return;

  view = cp_review_pane_get_view (pane);
  if (current >= 0 && mentions != NULL)
    {
      *mention_start = cp_mentions_get_char_start (mentions, current);
      if (cp_review_pane_get_mention_y (pane, current, &top, NULL))
        *mention_y = top;
      else
        *mention_y = gtk_widget_get_height (GTK_WIDGET (view)) / 3.0;
    }

  /* The iter is set also between paragraphs, where no text is */
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &iter, visible.x, visible.y);
  *top_offset = gtk_text_iter_get_offset (&iter);
  if (cp_review_pane_get_range_y (pane, *top_offset, *top_offset, &top, NULL))
    *top_y = top;
}

/* Puts @document in @old's place and brings its pane back to where the
 * reader was in @old's */
static void
replace_keeping_place (CpWindow   *self,
                       CpDocument *old,
                       guint       position,
                       CpDocument *document)
{
  Place *place;
  int mention_start;
  double mention_y, top_y;
  guint top_offset;
  guint n_lost = 0;
  int topic = cp_focus_get_topic_index (self->focus);

  remember_place (self, old, &mention_start, &mention_y, &top_offset, &top_y);
  cp_comparison_replace_document (self->comparison, position, document, &n_lost);

  place = g_new0 (Place, 1);
  g_set_weak_pointer (&place->window, self);
  place->mention = -1;
  place->top_offset = MIN (top_offset, cp_document_get_n_characters (document));
  place->y = top_y;
  g_set_weak_pointer (&place->pane, g_hash_table_lookup (self->panes, document));

  if (mention_start >= 0 && topic >= 0)
    {
      CpMentions *mentions = cp_comparison_get_mentions_for_document (self->comparison, document);

      place->mention = mentions != NULL ? cp_mentions_find_nearest (mentions, topic, mention_start) : -1;
      if (place->mention >= 0)
        {
          cp_focus_set_current (self->focus, document, place->mention);
          place->y = mention_y;
        }
    }
  g_idle_add_full (G_PRIORITY_LOW, place_restore_cb, place, NULL);

  if (n_lost > 0)
    {
      g_autofree char *title = cp_comparison_dup_display_title (self->comparison, position);
      g_autofree char *message = NULL;

      /* Translators: %u notes, %s a review's title */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u note on “%s” was on text that is no longer there, and was removed.",
                                              "%u notes on “%s” were on text that is no longer there, and were removed.",
                                              n_lost),
                                 n_lost, title);
      cp_window_notify (self, message);
    }
}

typedef struct
{
  CpWindow   *window;
  CpDocument *document;
} Reload;

static void
reloaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Reload *reload = user_data;
  CpWindow *self = reload->window;
  g_autoptr(CpDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  document = cp_document_new_from_file_finish (result, &error);
  /* The window closed, or the review did meanwhile */
  if (g_cancellable_is_cancelled (self->cancellable) ||
      !cp_comparison_find_document (self->comparison, reload->document, &position))
    ;
  else if (document == NULL)
    {
      g_autofree char *title = cp_comparison_dup_display_title (self->comparison, position);
      g_autofree char *message = NULL;

      /* Translators: %s is a review's title, then why its file could not be read */
      message = g_strdup_printf (_("“%s” could not be reloaded, and shows the text read before. %s"),
                                 title, error->message);
      cp_window_add_error (self, message);
    }
  else
    {
      g_autofree char *notice = cp_document_dup_repair_notice (document);

      replace_keeping_place (self, reload->document, position, document);
      /* Read, but not quite as written */
      if (notice != NULL)
        cp_window_notify (self, notice);
    }

  g_object_unref (reload->document);
  g_object_unref (reload->window);
  g_free (reload);
}

/**
 * cp_window_reload_changed:
 * @self: a #CpWindow
 *
 * Reads every review that changed on disk again, as the banner's Reload
 * (All) does, keeping each pane's place.
 */
void
cp_window_reload_changed (CpWindow *self)
{
  g_autoptr(GPtrArray) changed = NULL;

  g_return_if_fail (CP_IS_WINDOW (self));

  changed = list_changed (self);
  remove_banner (self);
  for (guint i = 0; i < changed->len; i++)
    {
      Watch *watch = changed->pdata[i];
      Reload *reload = g_new0 (Reload, 1);

      watch->changed = FALSE;
      reload->window = g_object_ref (self);
      reload->document = g_object_ref (watch->document);
      cp_document_new_from_file_async (watch->file, 0, G_PRIORITY_DEFAULT, self->cancellable,
                                       reloaded_cb, reload);
    }
}

/**
 * cp_window_set_watch_delay:
 * @self: a #CpWindow
 * @delay_ms: how long the events of a save are let settle
 *
 * For tests, which do not wait.
 */
void
cp_window_set_watch_delay (CpWindow *self,
                           guint     delay_ms)
{
  g_return_if_fail (CP_IS_WINDOW (self));

  self->watch_settle_ms = delay_ms;
}

/* --- set-up --- */

void
cp_window_monitor_init (CpWindow *self)
{
  self->watch_settle_ms = SETTLE_MS;
  self->watches = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) watch_free);
  g_signal_connect_object (cp_comparison_get_documents (self->comparison), "items-changed",
                           G_CALLBACK (documents_changed_cb), self, G_CONNECT_SWAPPED);
}

void
cp_window_monitor_dispose (CpWindow *self)
{
  g_clear_pointer (&self->watches, g_hash_table_unref);
  self->changed_banner = NULL;
}
