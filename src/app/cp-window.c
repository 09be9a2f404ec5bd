/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpWindow: the reviews side by side. It owns the CpComparison, builds one
 * CpReviewPane per document (with a CpLinkGutter between neighbours), loads
 * files in a worker thread and keeps the panes in step: focusing a topic,
 * stepping through its mentions, synchronized scrolling.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cp-error.h"
#include "cp-link-gutter.h"
#include "cp-loader.h"
#include "cp-recent.h"
#include "cp-window-private.h"

G_DEFINE_FINAL_TYPE (CpWindow, cp_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FOCUS_TOPIC,
  PROP_N_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where a focused mention is placed when no pane shows one yet */
#define FOCUS_FRACTION (1.0 / 3.0)

/* --- loading --- */

/* Keeps the topics of the reviews open now for Open Recent */
static void
save_topics_snapshot (CpWindow *self)
{
  g_autoptr(GFile) snapshot = cp_window_dup_topics_snapshot (self);
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->snapshot_source, g_source_remove);
  if (snapshot == NULL)
    return;

  parent = g_file_get_parent (snapshot);
  g_file_make_directory_with_parents (parent, NULL, NULL);
  if (!cp_topic_set_save_to_file (cp_comparison_get_topics (self->comparison), snapshot, NULL, &error))
    g_message ("Could not keep the topics of this comparison: %s", error->message);
}

static gboolean
save_topics_snapshot_cb (gpointer data)
{
  CpWindow *self = data;

  self->snapshot_source = 0;
  save_topics_snapshot (self);
  return G_SOURCE_REMOVE;
}

static void
topics_changed_cb (CpWindow *self)
{
  if (self->n_loading > 0 || cp_comparison_get_n_documents (self->comparison) == 0)
    return;
  g_clear_handle_id (&self->snapshot_source, g_source_remove);
  self->snapshot_source = g_timeout_add_seconds (1, save_topics_snapshot_cb, self);
  g_source_set_name_by_id (self->snapshot_source, "[counterpoint] keep the comparison's topics");
}

static void
remember_comparison (CpWindow *self)
{
  g_auto(GStrv) uris = cp_recent_dup_uris (self->comparison);

  if (uris == NULL)
    return;

  cp_recent_remember (self->settings, (const char * const *) uris);
  cp_window_update_recent_menu (self);
  save_topics_snapshot (self);
}

static void rebuild_panes (CpWindow *self);

/* The panes of the reviews being opened stay hidden until the last one is
 * ready and then appear together: the window lays the panes out and every
 * view wraps its text once, not once per review added. */
static void
show_new_panes (CpWindow *self)
{
  GHashTableIter iter;
  gpointer pane;
  gboolean shown = FALSE;

  g_hash_table_iter_init (&iter, self->panes);
  while (g_hash_table_iter_next (&iter, NULL, &pane))
    if (!gtk_widget_get_visible (pane))
      {
        gtk_widget_set_visible (pane, TRUE);
        shown = TRUE;
      }
  if (shown)
    rebuild_panes (self);
}

static void
loading_done (CpWindow *self)
{
  /* After the window closed, its widgets are gone */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  self->n_loading--;
  if (self->n_loading == 0)
    show_new_panes (self);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->n_loading > 0);
  gtk_spinner_set_spinning (self->spinner, self->n_loading > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADING]);
}

typedef struct
{
  CpWindow  *window;
  GPtrArray *documents; /* still to add */
} AddQueue;

static void add_next (AddQueue *queue);

/* One document is added per main-loop dispatch, so that building its pane
 * never holds the window up for long: a pane of 1 MB takes ~30 ms. */
static void
tagged_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AddQueue *queue = user_data;
  CpWindow *self = queue->window;
  g_autoptr(GError) error = NULL;

  if (!cp_comparison_append_documents_finish (CP_COMPARISON (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cp_window_add_error (self, error->message);
      g_ptr_array_set_size (queue->documents, 0);
    }
  add_next (queue);
}

static void
add_next (AddQueue *queue)
{
  CpWindow *self = queue->window;

  if (queue->documents->len > 0 && !g_cancellable_is_cancelled (self->cancellable))
    {
      CpDocument *document = g_ptr_array_steal_index (queue->documents, 0);

      cp_comparison_append_documents_async (self->comparison, &document, 1, self->cancellable, tagged_cb, queue);
      g_object_unref (document);
      return;
    }

  if (!g_cancellable_is_cancelled (self->cancellable))
    remember_comparison (self);
  loading_done (self);
  g_ptr_array_unref (queue->documents);
  g_object_unref (queue->window);
  g_free (queue);
}

/* The files that could not be read share one error banner; a review that
 * is open already is no failure, and only gets a notice. */
static void
report_load_errors (CpWindow     *self,
                    CpLoadResult *loaded)
{
  g_autoptr(GPtrArray) failed = g_ptr_array_new ();
  g_autoptr(GPtrArray) open = g_ptr_array_new ();

  for (guint i = 0; i < cp_load_result_get_n_errors (loaded); i++)
    {
      const GError *error = cp_load_result_get_error (loaded, i);

      g_ptr_array_add (g_error_matches (error, CP_ERROR, CP_ERROR_ALREADY_OPEN) ? open : failed,
                       (gpointer) error);
    }

  cp_window_add_errors (self, failed);
  if (open->len == 1)
    cp_window_notify (self, ((GError *) open->pdata[0])->message);
  else if (open->len > 1)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u review is already open.",
                                                               "%u reviews are already open.", open->len),
                                                  open->len);

      cp_window_notify (self, message);
    }
}

static void
load_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CpWindow) self = user_data;
  g_autoptr(CpLoadResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  AddQueue *queue;
  guint n;

  loaded = cp_load_documents_finish (result, &error);
  if (loaded == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cp_window_add_error (self, error->message);
      loading_done (self);
      return;
    }

  report_load_errors (self, loaded);

  n = cp_load_result_get_n_documents (loaded);
  if (n == 0)
    {
      loading_done (self);
      return;
    }

  /* Tagging runs in a worker thread too; the panes appear as each review
   * is tagged */
  queue = g_new0 (AddQueue, 1);
  queue->window = g_object_ref (self);
  queue->documents = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (queue->documents, g_object_ref (cp_load_result_get_document (loaded, i)));
  add_next (queue);
}

/**
 * cp_window_open_files:
 * @self: a #CpWindow
 * @files: (array length=n_files): files or folders
 * @n_files: the number of @files
 *
 * Loads @files off the main thread and adds a pane for each, in order. A
 * folder adds the text files in it. The files that cannot be read are
 * named in one error banner; the others are still added.
 */
void
cp_window_open_files (CpWindow  *self,
                      GFile    **files,
                      guint      n_files)
{
  g_autoptr(GPtrArray) open = NULL;
  guint n_open;

  g_return_if_fail (CP_IS_WINDOW (self));

  if (n_files == 0)
    return;

  n_open = cp_comparison_get_n_documents (self->comparison);
  open = g_ptr_array_sized_new (n_open);
  for (guint i = 0; i < n_open; i++)
    {
      GFile *file = cp_document_get_file (cp_comparison_get_document (self->comparison, i));

      if (file != NULL)
        g_ptr_array_add (open, file);
    }

  self->n_loading++;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADING]);

  cp_load_documents_async (files, n_files, (GFile **) open->pdata, open->len, 0,
                           self->cancellable, load_ready_cb, g_object_ref (self));
}

void
cp_window_open_samples (CpWindow *self)
{
  g_autoptr(GPtrArray) samples = cp_application_list_samples ();

  if (samples->len == 0)
    {
      cp_window_add_error (self, _("The sample reviews are not installed. Reinstall Counterpoint, or open reviews of your own."));
      return;
    }
  cp_window_open_files (self, (GFile **) samples->pdata, samples->len);
}

/* --- panes --- */

static void level_mentions (CpWindow  *self,
                            const int *mentions,
                            double     y);

/**
 * cp_window_focus_mention:
 * @self: a #CpWindow
 * @pane: the pane of the mention
 * @mention: the mention's index among the review's mentions
 *
 * Focuses the mention's topic and levels every pane with @mention, where
 * it is: the other panes bring their mention of the same rank (or their
 * last one) level with it.
 */
void
cp_window_focus_mention (CpWindow     *self,
                         CpReviewPane *pane,
                         guint         mention)
{
  g_return_if_fail (CP_IS_WINDOW (self));
  g_return_if_fail (CP_IS_REVIEW_PANE (pane));

  cp_focus_focus_mention (self->focus, cp_review_pane_get_document (pane), mention);
}

/* Aligning on a ribbon is a deliberate scroll: synchronized scrolling
 * must not undo it. */
static void
ribbon_activated_cb (CpWindow     *self,
                     guint         left_mention,
                     guint         right_mention,
                     CpLinkGutter *gutter)
{
  cp_scroll_sync_set_enabled (self->scroll_sync, FALSE);
}

static void
ribbon_activated_after_cb (CpWindow     *self,
                           guint         left_mention,
                           guint         right_mention,
                           CpLinkGutter *gutter)
{
  cp_scroll_sync_set_enabled (self->scroll_sync, g_settings_get_boolean (self->settings, "sync-scroll"));
}

static CpReviewPane *
ensure_pane (CpWindow   *self,
             CpDocument *document)
{
  CpReviewPane *pane = g_hash_table_lookup (self->panes, document);

  if (pane == NULL)
    {
      pane = cp_review_pane_new (self->focus, document);
      gtk_widget_set_visible (GTK_WIDGET (pane), self->n_loading == 0);
      g_hash_table_insert (self->panes, g_object_ref (document), g_object_ref_sink (pane));
      g_settings_bind (self->settings, "overview-rulers", pane, "show-ruler", G_SETTINGS_BIND_GET);
      gtk_size_group_add_widget (self->header_group, cp_review_pane_get_header (pane));
      cp_scroll_sync_add_pane (self->scroll_sync, pane);
    }
  return pane;
}

static void update_text_style (CpWindow *self);

/* Lays the panes out in document order, with a gutter between each pair. */
static void
rebuild_panes (CpWindow *self)
{
  GtkWidget *child;
  GtkWidget *last = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n = cp_comparison_get_n_documents (self->comparison);
  CpReviewPane *previous = NULL;
  gboolean any_visible = FALSE;

  /* Forget the panes of documents that were closed */
  g_hash_table_iter_init (&iter, self->panes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!cp_comparison_find_document (self->comparison, key, NULL))
        {
          cp_scroll_sync_remove_pane (self->scroll_sync, value);
          if (gtk_widget_get_parent (value) != NULL)
            gtk_box_remove (self->panes_box, value);
          g_hash_table_iter_remove (&iter);
        }
    }

  /* Gutters are cheap: make them anew. Panes stay in the box and are only
   * reordered, so that they keep keyboard focus (and, in GTK 4.8, their
   * header buttons keep their actions). */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->panes_box));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (!CP_IS_REVIEW_PANE (child))
        gtk_box_remove (self->panes_box, child);
      child = next;
    }

  for (guint i = 0; i < n; i++)
    {
      CpReviewPane *pane = ensure_pane (self, cp_comparison_get_document (self->comparison, i));

      if (previous != NULL)
        {
          GtkWidget *gutter = cp_link_gutter_new ();

          gtk_widget_set_visible (gutter,
                                  gtk_widget_get_visible (GTK_WIDGET (previous)) &&
                                  gtk_widget_get_visible (GTK_WIDGET (pane)));

          cp_link_gutter_set_panes (CP_LINK_GUTTER (gutter), previous, pane);
          g_signal_connect_object (gutter, "ribbon-activated", G_CALLBACK (ribbon_activated_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (gutter, "ribbon-activated", G_CALLBACK (ribbon_activated_after_cb), self,
                                   G_CONNECT_SWAPPED | G_CONNECT_AFTER);
          gtk_box_insert_child_after (self->panes_box, gutter, last);
          last = gutter;
        }

      if (gtk_widget_get_parent (GTK_WIDGET (pane)) == NULL)
        gtk_box_insert_child_after (self->panes_box, GTK_WIDGET (pane), last);
      else
        gtk_box_reorder_child_after (self->panes_box, GTK_WIDGET (pane), last);
      last = GTK_WIDGET (pane);
      previous = pane;
      any_visible |= gtk_widget_get_visible (GTK_WIDGET (pane));
    }

  update_text_style (self);
  gtk_stack_set_visible_child_name (self->stack, any_visible ? "panes" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-pane", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-current-pane", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", n > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sidebar_button), n > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), n > 1);
}

static void
documents_changed_cb (CpWindow   *self,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GListModel *documents)
{
  rebuild_panes (self);
}

guint
cp_window_get_n_panes (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), 0);

  return cp_comparison_get_n_documents (self->comparison);
}

/**
 * cp_window_get_pane:
 * @self: a #CpWindow
 * @position: a position, from the left
 *
 * Returns: (transfer none): the pane at @position
 */
CpReviewPane *
cp_window_get_pane (CpWindow *self,
                    guint     position)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), NULL);
  g_return_val_if_fail (position < cp_comparison_get_n_documents (self->comparison), NULL);

  return g_hash_table_lookup (self->panes, cp_comparison_get_document (self->comparison, position));
}

CpComparison *
cp_window_get_comparison (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), NULL);

  return self->comparison;
}

guint
cp_window_get_n_loading (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), 0);

  return self->n_loading;
}

/* --- focus --- */

/**
 * cp_window_get_focus:
 * @self: a #CpWindow
 *
 * Returns: (transfer none): the focused topic and each pane's current
 *   mention, which every pane, ribbon, ruler and the topic list follow
 */
CpFocus *
cp_window_get_focus (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), NULL);

  return self->focus;
}

/**
 * cp_window_get_focus_topic:
 * @self: a #CpWindow
 *
 * Returns: the position of the focused topic in the topic set, or -1
 */
int
cp_window_get_focus_topic (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), -1);

  return cp_focus_get_topic_index (self->focus);
}

/* Scrolls each pane to its mention in @mentions (-1: leave the pane
 * alone) so that they all sit at @y, or, when some pane cannot scroll that
 * far (its mention is near the start or the end of its text), at the
 * nearest height that every pane can reach. */
static void
level_mentions (CpWindow  *self,
                const int *mentions,
                double     y)
{
  guint n = cp_window_get_n_panes (self);
  double lo = -G_MAXDOUBLE;
  double hi = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      CpReviewPane *pane = cp_window_get_pane (self, i);
      GtkAdjustment *adjustment = cp_review_pane_get_vadjustment (pane);
      double top, value, max_value;

      if (mentions[i] < 0 || !cp_review_pane_get_mention_y (pane, mentions[i], &top, NULL))
        continue;

      /* the mention's height when the pane is scrolled to the top */
      value = gtk_adjustment_get_value (adjustment);
      max_value = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      hi = MIN (hi, top + value);
      lo = MAX (lo, top + value - MAX (max_value, 0));
    }

  if (lo <= hi)
    y = CLAMP (y, lo, hi);
  else if (hi != G_MAXDOUBLE)
    y = (lo + hi) / 2;

  cp_scroll_sync_set_enabled (self->scroll_sync, FALSE);
  for (guint i = 0; i < n; i++)
    if (mentions[i] >= 0)
      cp_review_pane_scroll_to_mention (cp_window_get_pane (self, i), mentions[i], y);
  cp_scroll_sync_set_enabled (self->scroll_sync, g_settings_get_boolean (self->settings, "sync-scroll"));
}

/* The reader moved the focus: every pane brings its current mention level
 * with the anchor's, where it is when it is in view (a click keeps the
 * mention under the pointer), else a third of the way down. */
static void
focus_moved_cb (CpWindow   *self,
                CpDocument *anchor,
                CpFocus    *focus)
{
  CpReviewPane *reference = anchor != NULL ? g_hash_table_lookup (self->panes, anchor) : NULL;
  guint n = cp_window_get_n_panes (self);
  g_autofree int *mentions = g_new (int, MAX (n, 1));
  double top, bottom, height;
  int current;

  for (guint i = 0; i < n; i++)
    {
      CpReviewPane *pane = cp_window_get_pane (self, i);

      mentions[i] = cp_focus_get_current (focus, cp_review_pane_get_document (pane));
      if (reference == NULL && mentions[i] >= 0)
        reference = pane;
    }
  if (reference == NULL)
    return;

  current = cp_focus_get_current (focus, cp_review_pane_get_document (reference));
  height = gtk_widget_get_height (GTK_WIDGET (cp_review_pane_get_view (reference)));
  if (current < 0 || !cp_review_pane_get_mention_y (reference, current, &top, &bottom) ||
      top < 0 || bottom > height)
    top = height * FOCUS_FRACTION;

  level_mentions (self, mentions, top);
}

static void
focus_topic_cb (CpWindow   *self,
                GParamSpec *pspec,
                CpFocus    *focus)
{
  gboolean focused = cp_focus_get_topic (focus) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-mention", focused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-mention", focused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-focus", focused);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_TOPIC]);
}

/**
 * cp_window_set_focus_topic:
 * @self: a #CpWindow
 * @topic: a topic's position in the topic set, or -1
 *
 * Focuses @topic (see #CpFocus): every pane emphasizes it, dims the
 * others and brings its first mention into view, level with each other.
 * -1 clears.
 */
void
cp_window_set_focus_topic (CpWindow *self,
                           int       topic)
{
  CpTopicSet *topics;

  g_return_if_fail (CP_IS_WINDOW (self));

  topics = cp_comparison_get_topics (self->comparison);
  cp_focus_set_topic (self->focus,
                      topic >= 0 && (guint) topic < cp_topic_set_get_n_topics (topics)
                      ? cp_topic_set_get_topic (topics, topic)
                      : NULL);
}

/**
 * cp_window_move_to_mention:
 * @self: a #CpWindow
 * @forward: next or previous
 *
 * Moves every pane that mentions the focused topic to its next (or
 * previous) mention, all at the same height; at the end, wraps around.
 */
void
cp_window_move_to_mention (CpWindow *self,
                           gboolean  forward)
{
  g_return_if_fail (CP_IS_WINDOW (self));

  cp_focus_step (self->focus, forward);
}

/* --- text appearance --- */

static void
update_text_style (CpWindow *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "font");
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  g_autoptr(GString) css = g_string_new ("textview.review {");
  int zoom = g_settings_get_int (self->settings, "zoom");
  double size = pango_font_description_get_size (desc) / (double) PANGO_SCALE;
  gboolean wrap = g_settings_get_boolean (self->settings, "wrap");

  if (size <= 0)
    size = 12;
  size = MAX (6, size * (1.0 + 0.1 * zoom));

  if (pango_font_description_get_family (desc) != NULL)
    g_string_append_printf (css, " font-family: \"%s\";", pango_font_description_get_family (desc));
  g_string_append_printf (css, " font-size: %.1fpt;", size);
  if (pango_font_description_get_weight (desc) != PANGO_WEIGHT_NORMAL)
    g_string_append_printf (css, " font-weight: %d;", (int) pango_font_description_get_weight (desc));
  if (pango_font_description_get_style (desc) == PANGO_STYLE_ITALIC)
    g_string_append (css, " font-style: italic;");
  g_string_append (css, " }");

  /* Loading a style sheet restyles, and so lays out, every view */
  if (g_strcmp0 (css->str, self->text_css_data) != 0)
    {
      gtk_css_provider_load_from_data (self->text_css, css->str, -1);
      g_free (self->text_css_data);
      self->text_css_data = g_strdup (css->str);
    }

  for (guint i = 0; i < cp_window_get_n_panes (self); i++)
    {
      CpReviewPane *pane = cp_window_get_pane (self, i);
      GtkTextView *view = cp_review_pane_get_view (pane);
      double spacing = g_settings_get_double (self->settings, "line-spacing");
      int pixels = (int) ((spacing - 1.0) * size * 96.0 / 72.0 + 0.5);
      GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
      GtkPolicyType vpolicy;

      gtk_text_view_set_wrap_mode (view, wrap ? GTK_WRAP_WORD_CHAR : GTK_WRAP_NONE);
      gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (scroller), NULL, &vpolicy);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                      wrap ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC, vpolicy);
      gtk_text_view_set_pixels_inside_wrap (view, pixels);
      gtk_text_view_set_pixels_below_lines (view, pixels);
    }
  cp_scroll_sync_invalidate (self->scroll_sync);
}

static void
text_settings_changed_cb (CpWindow   *self,
                          const char *key,
                          GSettings  *settings)
{
  update_text_style (self);
}

/* --- drag and drop --- */

static gboolean
drop_cb (CpWindow      *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *list;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = g_value_get_boxed (value);
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  cp_window_open_files (self, (GFile **) files->pdata, files->len);
  return files->len > 0;
}

/* --- GObject --- */

static void
cp_window_constructed (GObject *object)
{
  CpWindow *self = CP_WINDOW (object);

  G_OBJECT_CLASS (cp_window_parent_class)->constructed (object);

  cp_window_actions_init (self);
  rebuild_panes (self);
}

static gboolean
cp_window_close_request (GtkWindow *window)
{
  CpWindow *self = CP_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_int (self->settings, "topic-list-height", MAX (80, gtk_paned_get_position (self->sidebar_paned)));
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (cp_window_parent_class)->close_request (window);
}

static void
cp_window_dispose (GObject *object)
{
  CpWindow *self = CP_WINDOW (object);

  /* Kept until finalize: pending loads check it */
  g_cancellable_cancel (self->cancellable);
  cp_window_topics_dispose (self);
  cp_window_notices_dispose (self);
  if (self->snapshot_source != 0)
    save_topics_snapshot (self);

  if (self->text_css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->text_css));
  g_clear_object (&self->text_css);

  /* GtkWindow disposes its child and titlebar itself */

  g_clear_pointer (&self->panes, g_hash_table_unref);
  g_clear_object (&self->recent_menu);
  g_clear_object (&self->header_group);
  g_clear_object (&self->search_matcher);
  g_clear_object (&self->scroll_sync);
  g_clear_object (&self->focus);
  g_clear_object (&self->comparison);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cp_window_parent_class)->dispose (object);
}

static void
cp_window_finalize (GObject *object)
{
  CpWindow *self = CP_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->text_css_data, g_free);

  G_OBJECT_CLASS (cp_window_parent_class)->finalize (object);
}

static void
cp_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CpWindow *self = CP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FOCUS_TOPIC:
      g_value_set_int (value, cp_focus_get_topic_index (self->focus));
      break;

    case PROP_N_LOADING:
      g_value_set_uint (value, self->n_loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CpWindow *self = CP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FOCUS_TOPIC:
      cp_window_set_focus_topic (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_window_class_init (CpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cp_window_constructed;
  object_class->dispose = cp_window_dispose;
  object_class->finalize = cp_window_finalize;
  object_class->get_property = cp_window_get_property;
  object_class->set_property = cp_window_set_property;
  window_class->close_request = cp_window_close_request;

  properties[PROP_FOCUS_TOPIC] =
    g_param_spec_int ("focus-topic", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_LOADING] =
    g_param_spec_uint ("n-loading", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CpWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, find_button);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, search_label);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, banners);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, sidebar_revealer);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, sidebar_paned);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, topic_list);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, theme_list);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, panes_scroller);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, panes_box);

  cp_window_class_actions_init (klass);
  cp_window_class_topics_init (klass);
  cp_window_class_print_init (klass);
  cp_window_class_notices_init (klass);
}

static void
cp_window_init (CpWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkDropTarget *drop;
  GMenuModel *menu;

  g_type_ensure (CP_TYPE_TOPIC_LIST);
  g_type_ensure (CP_TYPE_THEME_LIST);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  /* The application property is set after init: the default application
   * is the one creating the window. */
  self->comparison = cp_comparison_new (cp_application_get_topics (NULL));
  /* First of the comparison's listeners: after a re-tagging, the panes
   * find their current mentions where the focus put them again */
  self->focus = cp_focus_new (self->comparison);
  g_signal_connect_object (self->focus, "notify::topic", G_CALLBACK (focus_topic_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->focus, "moved", G_CALLBACK (focus_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cp_comparison_get_topics (self->comparison), "items-changed",
                           G_CALLBACK (topics_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cp_comparison_get_topics (self->comparison), "topic-changed",
                           G_CALLBACK (topics_changed_cb), self, G_CONNECT_SWAPPED);
  self->scroll_sync = cp_scroll_sync_new ();
  self->panes = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  self->header_group = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);
  self->text_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->text_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);

  builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/menus.ui");
  menu = G_MENU_MODEL (gtk_builder_get_object (builder, "primary_menu"));
  gtk_menu_button_set_menu_model (self->menu_button, menu);
  self->recent_menu = g_object_ref (G_MENU (gtk_builder_get_object (builder, "recent_menu")));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "sync-scroll", self->scroll_sync, "enabled", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "sidebar-visible", self->sidebar_revealer, "reveal-child", G_SETTINGS_BIND_DEFAULT);
  /* Read here, saved on closing, like the window's size: a paned clamps
   * its position while the window shrinks, which is not a choice. */
  gtk_paned_set_position (self->sidebar_paned, g_settings_get_int (self->settings, "topic-list-height"));
  g_signal_connect_object (self->settings, "changed::font", G_CALLBACK (text_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::zoom", G_CALLBACK (text_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::wrap", G_CALLBACK (text_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::line-spacing", G_CALLBACK (text_settings_changed_cb), self, G_CONNECT_SWAPPED);

  cp_topic_list_set_focus (self->topic_list, self->focus);
  g_signal_connect_object (cp_comparison_get_documents (self->comparison), "items-changed",
                           G_CALLBACK (documents_changed_cb), self, G_CONNECT_SWAPPED);
  cp_window_topics_init (self);
  cp_window_print_init (self);
  cp_window_notices_init (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

CpWindow *
cp_window_new (CpApplication *application)
{
  return g_object_new (CP_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
