/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's actions and their shortcuts. */

#include "config.h"

#include <glib/gi18n.h>

#include "cp-importer.h"
#include "cp-mentions-view.h"
#include "cp-recent.h"
#include "cp-term.h"
#include "cp-window-private.h"

static void
open_response_cb (CpWindow             *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
      guint n = g_list_model_get_n_items (files);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      cp_window_open_files (self, (GFile **) array->pdata, array->len);
    }
  g_object_unref (chooser);
}

void
cp_window_open_dialog (CpWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) text = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_auto(GStrv) imported = cp_importer_dup_content_types ();

  chooser = gtk_file_chooser_native_new (_("Open Reviews"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"),
                                         _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  /* Text files, what the importers read (web pages, PDFs, documents),
   * and comparisons saved whole */
  gtk_file_filter_set_name (text, _("Reviews and Comparisons"));
  gtk_file_filter_add_mime_type (text, "text/plain");
  gtk_file_filter_add_mime_type (text, CP_COMPARISON_FILE_CONTENT_TYPE);
  gtk_file_filter_add_suffix (text, "counterpoint");
  gtk_file_filter_add_suffix (text, "txt");
  gtk_file_filter_add_suffix (text, "md");
  for (guint i = 0; imported[i] != NULL; i++)
    gtk_file_filter_add_mime_type (text, imported[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), text);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect_object (chooser, "response", G_CALLBACK (open_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cp_window_open_dialog (CP_WINDOW (widget));
}

static void
open_samples_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  cp_window_open_samples (CP_WINDOW (widget));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) uris = cp_recent_dup_comparison (self->settings, g_variant_get_uint32 (parameter));
  g_autoptr(GFile) snapshot = NULL;
  g_autoptr(CpTopicSet) topics = NULL;
  g_autoptr(GError) error = NULL;

  if (uris == NULL)
    return;
  for (guint i = 0; uris[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_uri (uris[i]));

  /* A comparison saved as a file opens as itself */
  if (files->len == 1 && cp_comparison_file_is_comparison (files->pdata[0]))
    {
      cp_window_open_files (self, (GFile **) files->pdata, 1);
      return;
    }

  /* A recent comparison comes back as it was: its reviews only, with the
   * topics it had. */
  while (cp_comparison_get_n_documents (self->comparison) > 0)
    cp_comparison_remove_document (self->comparison, 0);
  snapshot = cp_recent_dup_topics_file ((const char * const *) uris);
  topics = cp_topic_set_new_from_file (snapshot, NULL, &error);
  if (topics != NULL)
    {
      g_autofree char *data = cp_topic_set_to_data (topics, NULL);

      if (!cp_topic_set_load_from_data (cp_comparison_get_topics (self->comparison), data, -1, NULL, &error))
        cp_window_add_error (self, error->message);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    cp_window_add_error (self, error->message);

  cp_window_open_files (self, (GFile **) files->pdata, files->len);
}

/**
 * cp_window_update_recent_menu:
 * @self: a #CpWindow
 *
 * Lists the recent comparisons in the main menu: the sets of reviews that
 * were opened together, newest first.
 */
void
cp_window_update_recent_menu (CpWindow *self)
{
  cp_recent_fill_menu (self->settings, self->recent_menu);
}

static CpReviewPane *
current_pane (CpWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  guint n = cp_window_get_n_panes (self);
  CpReviewPane *anchor;

  if (focus != NULL)
    {
      GtkWidget *ancestor = gtk_widget_get_ancestor (focus, CP_TYPE_REVIEW_PANE);

      if (ancestor != NULL)
        return CP_REVIEW_PANE (ancestor);
    }
  /* The pane the reader was last in (a click, the keyboard focus) */
  if (cp_focus_get_anchor (self->focus) != NULL &&
      (anchor = g_hash_table_lookup (self->panes, cp_focus_get_anchor (self->focus))) != NULL)
    return anchor;
  return n > 0 ? cp_window_get_pane (self, n - 1) : NULL;
}

static void
close_pane_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  CpComparison *comparison = cp_window_get_comparison (self);
  guint position;

  if (parameter != NULL)
    position = g_variant_get_uint32 (parameter);
  else
    {
      CpReviewPane *pane = current_pane (self);

      if (pane == NULL)
        return;
      position = cp_review_pane_get_position (pane);
    }

  if (position < cp_comparison_get_n_documents (comparison))
    cp_comparison_remove_document (comparison, position);
}

static void
move_pane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CpComparison *comparison = cp_window_get_comparison (CP_WINDOW (widget));
  guint n = cp_comparison_get_n_documents (comparison);
  guint position;
  int delta;

  g_variant_get (parameter, "(ui)", &position, &delta);
  if (position >= n || (delta < 0 && position == 0) || (delta > 0 && position + 1 >= n))
    return;
  cp_comparison_move_document (comparison, position, position + delta);
}

static void
move_current_pane_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CpReviewPane *pane = current_pane (CP_WINDOW (widget));

  if (pane != NULL)
    gtk_widget_activate_action (widget, "win.move-pane", "(ui)",
                                cp_review_pane_get_position (pane),
                                g_str_equal (action_name, "win.move-current-pane-left") ? -1 : 1);
}

/* Gives the keyboard focus to the first widget under @region that can
 * take it, depth first, as Tab would from outside the region. */
static gboolean
grab_first_focusable (GtkWidget *region)
{
  if (!gtk_widget_get_mapped (region) || !gtk_widget_is_sensitive (region))
    return FALSE;
  if (gtk_widget_get_focusable (region) && gtk_widget_grab_focus (region))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (region);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (grab_first_focusable (child))
      return TRUE;
  return FALSE;
}

static gboolean
focus_region (CpWindow  *self,
              GtkWidget *region)
{
  if (!gtk_widget_get_mapped (region))
    return FALSE;
  /* The lists and the panes' text views know where in them the focus
   * goes back to; the header bar and the empty page take their first
   * button. */
  if (region == GTK_WIDGET (self->topic_list) ||
      region == GTK_WIDGET (self->theme_list) ||
      region == GTK_WIDGET (self->note_list) ||
      GTK_IS_TEXT_VIEW (region))
    return gtk_widget_grab_focus (region);
  return grab_first_focusable (region);
}

/* F6 and Shift+F6 go round the window's regions: the header bar, the
 * topic list, the suggested themes and the notes (when the sidebar is
 * shown), then each review (or the empty page's buttons), and back to the
 * header bar. A region that cannot take the focus now (an empty list) is
 * passed over. */
static void
region_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *titlebar = gtk_window_get_titlebar (GTK_WINDOW (self));
  gboolean forward = g_str_equal (action_name, "win.next-region");
  guint n = cp_window_get_n_panes (self);
  guint current = G_MAXUINT;

  if (titlebar != NULL)
    g_ptr_array_add (regions, titlebar);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "panes"))
    {
      if (gtk_revealer_get_reveal_child (self->sidebar_revealer))
        {
          g_ptr_array_add (regions, self->topic_list);
          g_ptr_array_add (regions, self->theme_list);
          g_ptr_array_add (regions, self->note_list);
        }
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (regions, cp_review_pane_get_view (cp_window_get_pane (self, i)));
    }
  else
    g_ptr_array_add (regions, gtk_stack_get_visible_child (self->stack));

  for (guint i = 0; i < regions->len && focus != NULL; i++)
    if (focus == regions->pdata[i] || gtk_widget_is_ancestor (focus, regions->pdata[i]))
      current = i;

  /* From outside every region (the search bar, a banner), F6 starts at
   * the header bar and Shift+F6 at the last review. */
  if (current == G_MAXUINT)
    current = forward ? regions->len - 1 : 0;
  for (guint step = 1; step <= regions->len; step++)
    {
      guint next = (current + (forward ? step : regions->len * step - step)) % regions->len;

      if (focus_region (self, regions->pdata[next]))
        return;
    }
}

/* Ctrl+F10: the menu of the review the reader is in, as F10 opens the
 * main menu (Shift+F10 in a review is its text's own menu). */
static void
review_menu_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CpReviewPane *pane = current_pane (CP_WINDOW (widget));

  if (pane != NULL)
    cp_review_pane_popup_menu (pane);
}

static void
mention_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  cp_window_move_to_mention (CP_WINDOW (widget), g_str_equal (action_name, "win.next-mention"));
}

static void
clear_focus_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);

  if (gtk_search_bar_get_search_mode (self->search_bar))
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  else
    cp_window_set_focus_topic (self, -1);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  int zoom = g_settings_get_int (self->settings, "zoom");

  if (g_str_equal (action_name, "win.zoom-in"))
    zoom = MIN (zoom + 1, 12);
  else if (g_str_equal (action_name, "win.zoom-out"))
    zoom = MAX (zoom - 1, -6);
  else
    zoom = 0;
  g_settings_set_int (self->settings, "zoom", zoom);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* "3 of 18": where the search's current result is, counting every
 * review's results in pane order, in the pane the reader is in */
static void
set_search_label (CpWindow   *self,
                  const char *text)
{
  if (g_strcmp0 (gtk_inscription_get_text (self->search_label), text) == 0)
    return;

  gtk_inscription_set_text (self->search_label, text);
  /* GTK 4.8's inscription has no accessible text of its own */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
update_search_label (CpWindow *self)
{
  guint n = cp_window_get_n_panes (self);
  CpReviewPane *anchor = self->search_anchor;
  guint total = 0, n_reviews = 0;
  int position = -1;

  if (self->search_matcher == NULL)
    {
      set_search_label (self, "");
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      CpReviewPane *pane = cp_window_get_pane (self, i);
      guint found;
      int current = cp_highlighter_get_search_position (cp_review_pane_get_highlighter (pane), &found);

      if (pane == anchor && current >= 0)
        position = total + current;
      total += found;
      n_reviews += found > 0;
    }

  if (total == 0)
    set_search_label (self, _("Not found"));
  else if (position >= 0)
    {
      /* Translators: the current result of a search and how many there are in all */
      g_autofree char *label = g_strdup_printf (_("%u of %u"), position + 1, total);

      set_search_label (self, label);
    }
  else
    {
      g_autofree char *results = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u result", "%u results", total), total);
      /* Translators: "12 results" in "3 reviews" */
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in %u review", "%s in %u reviews", n_reviews),
                                                results, n_reviews);

      set_search_label (self, label);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.track-search", total > 0);
}

static void
update_search (CpWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(CpMatcher) matcher = NULL;
  guint n = cp_window_get_n_panes (self);

  if (gtk_search_bar_get_search_mode (self->search_bar) && text[0] != '\0')
    {
      matcher = cp_matcher_new ();
      if (!cp_matcher_add_term (matcher, 0, 0, text, NULL) || !cp_matcher_compile (matcher, NULL))
        g_clear_object (&matcher);
    }
  g_set_object (&self->search_matcher, matcher);
  g_clear_weak_pointer (&self->search_anchor);

  for (guint i = 0; i < n; i++)
    cp_highlighter_set_search (cp_review_pane_get_highlighter (cp_window_get_pane (self, i)), matcher);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.track-search", FALSE);
  update_search_label (self);
}

static void
search_changed_cb (CpWindow *self)
{
  update_search (self);
}

/* Ctrl+G, Shift+Ctrl+G, Enter in the entry: every review steps to its
 * next (previous) result, and they come level with each other, as the
 * mentions of a focused topic do */
static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  gboolean forward = !g_str_equal (action_name, "win.find-previous");
  guint n = cp_window_get_n_panes (self);
  g_autofree guint *starts = g_new (guint, MAX (n, 1));
  g_autofree guint *ends = g_new (guint, MAX (n, 1));
  CpReviewPane *anchor = self->search_anchor;

  if (self->search_matcher == NULL)
    return;

  /* The pane the reader is in keeps its result where it is */
  if (anchor == NULL && cp_focus_get_anchor (self->focus) != NULL)
    anchor = g_hash_table_lookup (self->panes, cp_focus_get_anchor (self->focus));
  for (guint i = 0; i < n; i++)
    {
      CpReviewPane *pane = cp_window_get_pane (self, i);

      if (!cp_highlighter_step_search (cp_review_pane_get_highlighter (pane), forward, &starts[i], &ends[i]))
        {
          starts[i] = ends[i] = G_MAXUINT;
          if (pane == anchor)
            anchor = NULL;
        }
    }
  for (guint i = 0; i < n && anchor == NULL; i++)
    if (starts[i] != G_MAXUINT)
      anchor = cp_window_get_pane (self, i);

  g_set_weak_pointer (&self->search_anchor, anchor);
  cp_window_level_ranges (self, starts, ends, anchor);
  update_search_label (self);
}

static void
search_activate_cb (CpWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.find-next", NULL);
}

static void
search_next_match_cb (CpWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.find-next", NULL);
}

static void
search_previous_match_cb (CpWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.find-previous", NULL);
}

/* “Track as Topic”: the phrase found becomes a topic, focused at the
 * result the reader is on */
static void
track_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  g_autofree char *term = cp_term_from_text (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  CpReviewPane *pane = self->search_anchor;
  guint position = 0;
  guint offset = 0;

  if (term == NULL || !cp_term_is_valid (term, NULL))
    return;

  if (pane == NULL && cp_window_get_n_panes (self) > 0)
    pane = cp_window_get_pane (self, 0);
  if (pane != NULL)
    {
      CpHighlighter *highlighter = cp_review_pane_get_highlighter (pane);
      guint end;

      position = cp_review_pane_get_position (pane);
      if (!cp_highlighter_get_search_range (highlighter, &offset, &end))
        cp_highlighter_step_search (highlighter, TRUE, &offset, &end);
    }

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_activate_action (widget, "win.track-text", "(ssuu)", term, "", position, offset);
}

/* --- topics: import, export, and the topics of a recent comparison --- */

static void
restore_topics_undo (CpWindow *self,
                     gpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!cp_topic_set_load_from_data (cp_comparison_get_topics (self->comparison), data, -1, NULL, &error))
    cp_window_add_error (self, error->message);
}

/**
 * cp_window_import_topics:
 * @self: a #CpWindow
 * @file: a `.topics` file
 *
 * Replaces the topics with the ones in @file, with a notice that can undo
 * it; or, when @file cannot be read, says why in an error banner and
 * changes nothing.
 *
 * Returns: %TRUE if the topics were replaced
 */
/* Replaces the topics with those of @replacement, with a notice that
 * says @message and can undo it. */
static gboolean
replace_topics (CpWindow   *self,
                CpTopicSet *replacement,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  char *previous;

  previous = cp_topic_set_to_data (topics, NULL);
  data = cp_topic_set_to_data (replacement, NULL);
  if (!cp_topic_set_load_from_data (topics, data, -1, NULL, &error))
    {
      cp_window_add_error (self, error->message);
      g_free (previous);
      return FALSE;
    }

  cp_window_notify_with_undo (self, message, restore_topics_undo, previous, g_free);

  return TRUE;
}

gboolean
cp_window_import_topics (CpWindow *self,
                         GFile    *file)
{
  g_autoptr(CpTopicSet) imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  guint n;

  imported = cp_topic_set_new_from_file (file, NULL, &error);
  if (imported == NULL)
    {
      cp_window_add_error (self, error->message);
      return FALSE;
    }

  name = g_file_get_basename (file);
  n = cp_topic_set_get_n_topics (imported);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Imported %u topic from “%s”; it replaces your topics.",
                                          "Imported %u topics from “%s”; they replace your topics.", n),
                             n, name);

  return replace_topics (self, imported, message);
}

/* win.remove-all-topics: for reviews of a work the topics are not about,
 * a clean start for suggestions and selections; and win.default-topics,
 * the way back. Both can be undone. */
static void
reset_topics_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  guint n = cp_topic_set_get_n_topics (cp_comparison_get_topics (self->comparison));
  g_autoptr(CpTopicSet) replacement = NULL;
  g_autofree char *message = NULL;

  if (g_str_equal (action_name, "win.remove-all-topics"))
    {
      if (n == 0)
        return;
      replacement = cp_topic_set_new ();
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Removed your %u topic.",
                                              "Removed all %u of your topics.", n),
                                 n);
    }
  else
    {
      replacement = cp_topic_set_new_default ();
      message = g_strdup (_("Your topics are the default topics again."));
    }

  replace_topics (self, replacement, message);
}

/**
 * cp_window_export_topics:
 * @self: a #CpWindow
 * @file: where to save
 *
 * Saves the topics to @file, atomically, and says where with a way to
 * open it; says why in an error banner if it fails.
 *
 * Returns: %TRUE on success
 */
gboolean
cp_window_export_topics (CpWindow *self,
                         GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (!cp_topic_set_save_to_file (cp_comparison_get_topics (self->comparison), file, NULL, &error))
    {
      cp_window_add_error (self, error->message);
      return FALSE;
    }
  cp_window_notify_saved (self, file);
  return TRUE;
}

static void
topics_file_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) topics = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (topics, _("Topic Sets"));
  gtk_file_filter_add_suffix (topics, "topics");
  gtk_file_chooser_add_filter (chooser, topics);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
}

static void
topics_chooser_response_cb (CpWindow             *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  gboolean import = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "cp-import"));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);

  if (file == NULL)
    return;
  if (import)
    cp_window_import_topics (self, file);
  else
    cp_window_export_topics (self, file);
}

static void
topics_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  gboolean import = g_str_equal (action_name, "win.import-topics");
  GtkFileChooserNative *chooser;

  if (import)
    chooser = gtk_file_chooser_native_new (_("Import Topics"), GTK_WINDOW (self),
                                           GTK_FILE_CHOOSER_ACTION_OPEN,
                                           _("_Import"), _("_Cancel"));
  else
    {
      chooser = gtk_file_chooser_native_new (_("Export Topics"), GTK_WINDOW (self),
                                             GTK_FILE_CHOOSER_ACTION_SAVE,
                                             _("_Export"), _("_Cancel"));
      /* Translators: the suggested name of an exported topic set */
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("topics.topics"));
    }
  topics_file_filters (GTK_FILE_CHOOSER (chooser));
  g_object_set_data (G_OBJECT (chooser), "cp-import", GINT_TO_POINTER (import));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (topics_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * cp_window_dup_topics_snapshot:
 * @self: a #CpWindow
 *
 * Returns: (transfer full) (nullable): the file that keeps the topics of
 *   the reviews open now, for Open Recent; %NULL with no review from a file
 */
GFile *
cp_window_dup_topics_snapshot (CpWindow *self)
{
  g_auto(GStrv) uris = cp_recent_dup_uris (self->comparison);

  if (uris == NULL)
    return NULL;

  return cp_recent_dup_topics_file ((const char * const *) uris);
}

/* --- the Mentions window --- */

/* A search's row in the Mentions window: its review comes to it, and
 * every other review to its result of the same rank (its last when it
 * has fewer), level, as a focus move does with mentions */
static void
search_row_activated_cb (CpWindow       *self,
                         CpKwicRow      *row,
                         CpMentionsView *view)
{
  CpKwic *kwic = cp_mentions_view_get_kwic (view);
  guint n = MIN (cp_window_get_n_panes (self), cp_kwic_get_n_columns (kwic));
  g_autofree guint *starts = g_new (guint, MAX (n, 1));
  g_autofree guint *ends = g_new (guint, MAX (n, 1));
  GListModel *rows = cp_kwic_get_column_rows (kwic, cp_kwic_row_get_column (row));
  guint rank = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CpKwicRow) other = g_list_model_get_item (rows, i);

      if (other == row)
        rank = i;
    }

  for (guint c = 0; c < n; c++)
    {
      GListModel *column = cp_kwic_get_column_rows (kwic, c);
      guint n_rows = g_list_model_get_n_items (column);
      g_autoptr(CpKwicRow) shown = n_rows > 0 ? g_list_model_get_item (column, MIN (rank, n_rows - 1)) : NULL;

      starts[c] = ends[c] = G_MAXUINT;
      if (shown != NULL)
        {
          starts[c] = cp_kwic_row_get_char_start (shown);
          ends[c] = starts[c] + g_utf8_strlen (cp_kwic_row_get_keyword (shown), -1);
        }
    }

  if (cp_kwic_row_get_column (row) < n)
    cp_window_level_ranges (self, starts, ends, cp_window_get_pane (self, cp_kwic_row_get_column (row)));
}

static CpMentionsView *
find_mentions_view (CpWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  for (GList *l = application != NULL ? gtk_application_get_windows (application) : NULL; l != NULL; l = l->next)
    if (CP_IS_MENTIONS_VIEW (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (self))
      return l->data;

  return NULL;
}

/* win.show-mentions: the Mentions window, one per window, for the topic
 * whose id is given, or with "": the suggestion the reader is on (pointed
 * at, or the keyboard focus on it), else the focused topic, else the
 * search */
static void
show_mentions_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  CpMentionsView *view = find_mentions_view (self);
  CpTheme *preview = cp_theme_list_get_preview (self->theme_list);
  CpTopic *topic = NULL;
  const char *search = NULL;

  if (*id != '\0')
    topic = cp_topic_set_lookup (cp_comparison_get_topics (self->comparison), id, NULL);
  else if (preview != NULL)
    search = cp_theme_get_phrase (preview);
  else if (cp_focus_get_topic (self->focus) != NULL)
    topic = cp_focus_get_topic (self->focus);
  else if (gtk_search_bar_get_search_mode (self->search_bar) && self->search_matcher != NULL)
    search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (view == NULL)
    {
      view = cp_mentions_view_new (GTK_WINDOW (self), self->focus);
      g_signal_connect_object (view, "search-activated", G_CALLBACK (search_row_activated_cb), self, G_CONNECT_SWAPPED);
    }

  if (topic != NULL)
    cp_mentions_view_show_topic (view, topic);
  else if (search != NULL)
    cp_mentions_view_show_search (view, search);

  gtk_window_present (GTK_WINDOW (view));
}

void
cp_window_class_actions_init (CpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-samples", NULL, open_samples_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "u", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.import-topics", NULL, topics_file_action);
  gtk_widget_class_install_action (widget_class, "win.export-topics", NULL, topics_file_action);
  gtk_widget_class_install_action (widget_class, "win.remove-all-topics", NULL, reset_topics_action);
  gtk_widget_class_install_action (widget_class, "win.default-topics", NULL, reset_topics_action);
  gtk_widget_class_install_action (widget_class, "win.close-pane", "u", close_pane_action);
  gtk_widget_class_install_action (widget_class, "win.close-current-pane", NULL, close_pane_action);
  gtk_widget_class_install_action (widget_class, "win.move-pane", "(ui)", move_pane_action);
  gtk_widget_class_install_action (widget_class, "win.move-current-pane-left", NULL, move_current_pane_action);
  gtk_widget_class_install_action (widget_class, "win.move-current-pane-right", NULL, move_current_pane_action);
  gtk_widget_class_install_action (widget_class, "win.next-region", NULL, region_action);
  gtk_widget_class_install_action (widget_class, "win.previous-region", NULL, region_action);
  gtk_widget_class_install_action (widget_class, "win.review-menu", NULL, review_menu_action);
  gtk_widget_class_install_action (widget_class, "win.next-mention", NULL, mention_action);
  gtk_widget_class_install_action (widget_class, "win.previous-mention", NULL, mention_action);
  gtk_widget_class_install_action (widget_class, "win.clear-focus", NULL, clear_focus_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "win.track-search", NULL, track_search_action);
  gtk_widget_class_install_action (widget_class, "win.show-mentions", "s", show_mentions_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-current-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK | GDK_SHIFT_MASK, "win.move-current-pane-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK, "win.move-current-pane-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_CONTROL_MASK, "win.review-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "win.next-mention", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, GDK_SHIFT_MASK, "win.previous-mention", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.clear-focus", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.show-mentions", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
}

void
cp_window_actions_init (CpWindow *self)
{
  g_autoptr(GAction) sidebar = g_settings_create_action (self->settings, "sidebar-visible");
  g_autoptr(GAction) sync = g_settings_create_action (self->settings, "sync-scroll");
  GtkEventController *regions;
  GtkWidget *close_search;

  g_action_map_add_action (G_ACTION_MAP (self), sidebar);
  g_action_map_add_action (G_ACTION_MAP (self), sync);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-mention", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-mention", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-focus", FALSE);

  /* F6 is caught on its way down: the sidebar's GtkPaned binds it to
   * moving between its own two children, which kept the focus there. */
  regions = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (regions, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (regions),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F6, 0),
                                                          gtk_named_action_new ("win.next-region")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (regions),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F6, GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.previous-region")));
  gtk_widget_add_controller (GTK_WIDGET (self), regions);

  cp_window_update_recent_menu (self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  /* The search bar's own close button, at its end, has only an icon. */
  close_search = GTK_WIDGET (self->search_bar);
  while (close_search != NULL && !GTK_IS_BUTTON (close_search))
    close_search = gtk_widget_get_last_child (close_search);
  if (close_search != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (close_search),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close search"),
                                    -1);
  g_object_bind_property (self->search_bar, "search-mode-enabled",
                          self->find_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self, G_CONNECT_SWAPPED);
  /* GtkSearchEntry takes Ctrl+G and Shift+Ctrl+G for these */
  g_signal_connect_object (self->search_entry, "next-match", G_CALLBACK (search_next_match_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "previous-match", G_CALLBACK (search_previous_match_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.track-search", FALSE);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
}
