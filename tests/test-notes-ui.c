/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Notes in the window: written on a selected passage with win.add-note,
 * tagged and marked in the pane, listed in the sidebar, kept through
 * re-tagging, deleted with Undo, and found again from the list.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "cp-application.h"
#include "cp-note-popover.h"
#include "cp-window-private.h"
#include "cp-test-gtk-utils.h"

#define WINDOW_WIDTH 1400
#define WINDOW_HEIGHT 800
/* A passage after a curly apostrophe: its byte and character offsets
 * differ */
#define PASSAGE "my local arthouse"
#define NOTE_TEXT "Where the carrot cake is.\nWorth a visit."

static CpApplication *application;

typedef struct
{
  CpWindow  *window;
  GPtrArray *samples; /* GFile */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->samples = cp_application_list_samples ();
  fixture->window = cp_window_new (application);
  cp_window_set_notice_timeout (fixture->window, 10 * 60 * 1000);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_present (GTK_WINDOW (fixture->window));
  cp_test_window_open_files (fixture->window, (GFile **) fixture->samples->pdata, fixture->samples->len);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  CpWindow *window = fixture->window;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  cp_test_destroy_window (GTK_WINDOW (fixture->window));
  g_assert_null (window);

  g_clear_pointer (&fixture->samples, g_ptr_array_unref);
}

static CpNotePopover *
find_popover (GtkWidget *root)
{
  GtkWidget *popover = cp_test_find_widget (root, CP_TYPE_NOTE_POPOVER);

  return popover != NULL && gtk_widget_get_visible (popover) ? CP_NOTE_POPOVER (popover) : NULL;
}

static gboolean
popover_gone (gpointer user_data)
{
  return cp_test_find_widget (user_data, CP_TYPE_NOTE_POPOVER) == NULL;
}

static void
type_text (CpNotePopover *popover,
           const char    *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (cp_note_popover_get_view (popover));

  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
}

/* Whether exactly [@start, @end) of @view's buffer carries @tag */
static void
assert_tagged (GtkTextView *view,
               GtkTextTag  *tag,
               guint        start,
               guint        end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (!gtk_text_iter_starts_tag (&iter, tag))
    g_assert_true (gtk_text_iter_forward_to_tag_toggle (&iter, tag));
  g_assert_cmpuint (gtk_text_iter_get_offset (&iter), ==, start);
  g_assert_true (gtk_text_iter_forward_to_tag_toggle (&iter, tag));
  g_assert_cmpuint (gtk_text_iter_get_offset (&iter), ==, end);
  g_assert_false (gtk_text_iter_forward_to_tag_toggle (&iter, tag));
}

static void
assert_untagged (GtkTextView *view,
                 GtkTextTag  *tag)
{
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (view), &iter);
  g_assert_false (gtk_text_iter_has_tag (&iter, tag));
  g_assert_false (gtk_text_iter_forward_to_tag_toggle (&iter, tag));
}

static gboolean
list_shows (gpointer user_data)
{
  return !g_main_context_pending (NULL);
}

/* Whether the range sits inside @pane's view */
static gboolean
range_in_view (CpReviewPane *pane,
               guint         start_char,
               guint         end_char)
{
  double top, bottom;

  return cp_review_pane_get_range_y (pane, start_char, end_char, &top, &bottom) &&
         top >= 0 && bottom <= gtk_widget_get_height (GTK_WIDGET (cp_review_pane_get_view (pane)));
}

static void
test_add_note (Fixture       *fixture,
               gconstpointer  data)
{
  CpWindow *window = fixture->window;
  CpComparison *comparison = cp_window_get_comparison (window);
  GListModel *notes = cp_comparison_get_notes (comparison);
  CpReviewPane *pane = cp_window_get_pane (window, 0);
  CpDocument *document = cp_review_pane_get_document (pane);
  GtkTextView *view = cp_review_pane_get_view (pane);
  CpNoteMargin *margin = cp_window_get_note_margin (window, pane);
  GtkTextTag *tag = cp_note_margin_get_tag (margin);
  CpTopicSet *topics = cp_comparison_get_topics (comparison);
  CpTopic *topic = cp_topic_set_get_topic (topics, 0);
  const char * const new_terms[] = { "arthouse", "carrot cake", NULL };
  g_autoptr(CpNote) note = NULL;
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  g_auto(GStrv) old_terms = NULL;
  CpNotePopover *popover;
  GtkShortcut *escape;
  GtkWidget *undo;
  guint start_char, end_char;
  gsize start_byte, end_byte;

  /* Nothing selected: there is nothing to write a note on */
  g_assert_nonnull (margin);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (view)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-note", NULL);
  g_assert_null (find_popover (GTK_WIDGET (window)));
  g_assert_cmpuint (cp_note_list_get_n_notes (window->note_list), ==, 0);

  /* Ctrl+M on a selection opens the popover; Escape adds nothing */
  cp_test_select_text (window, 0, PASSAGE, &start_char, &end_char);
  start_byte = cp_document_get_byte_offset (document, start_char);
  end_byte = cp_document_get_byte_offset (document, end_char);
  g_assert_cmpuint (start_byte, >, start_char);
  g_assert_nonnull (cp_test_find_shortcut (GTK_WIDGET (window), GDK_KEY_m, GDK_CONTROL_MASK));
  cp_test_press_key (GTK_WIDGET (window), GDK_KEY_m, GDK_CONTROL_MASK, "win.add-note");
  popover = find_popover (GTK_WIDGET (view));
  g_assert_nonnull (popover);
  type_text (popover, "Dropped");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (cp_note_popover_get_view (popover)));
  escape = cp_test_find_capture_shortcut (GTK_WIDGET (popover), GDK_KEY_Escape, 0);
  g_assert_nonnull (escape);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (escape), 0, GTK_WIDGET (popover), NULL));
  g_clear_object (&escape);
  cp_test_wait_until (popover_gone, view, "the popover to go");
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 0);

  /* A blank note is not added */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-note", NULL);
  popover = find_popover (GTK_WIDGET (view));
  g_assert_nonnull (popover);
  type_text (popover, "  \n ");
  cp_note_popover_confirm (popover);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 0);
  gtk_popover_popdown (GTK_POPOVER (popover));
  cp_test_wait_until (popover_gone, view, "the popover to go");

  /* Not a second popover from the first one */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-note", NULL);
  popover = find_popover (GTK_WIDGET (view));
  g_assert_nonnull (popover);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-note", NULL);
  {
    g_autoptr(GPtrArray) popovers = cp_test_find_widgets (GTK_WIDGET (view), CP_TYPE_NOTE_POPOVER);

    g_assert_cmpuint (popovers->len, ==, 1);
  }
  gtk_popover_popdown (GTK_POPOVER (popover));
  cp_test_wait_until (popover_gone, view, "the popover to go");

  /* Confirmed, the note is on the passage: byte offsets, its quote */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-note", NULL);
  popover = find_popover (GTK_WIDGET (view));
  g_assert_nonnull (popover);
  type_text (popover, "  " NOTE_TEXT "\n");
  cp_note_popover_confirm (popover);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  note = g_list_model_get_item (notes, 0);
  g_assert_true (cp_note_get_document (note) == document);
  g_assert_cmpuint (cp_note_get_start (note), ==, start_byte);
  g_assert_cmpuint (cp_note_get_end (note), ==, end_byte);
  g_assert_cmpstr (cp_note_get_quote (note), ==, PASSAGE);
  g_assert_cmpstr (cp_note_get_text (note), ==, NOTE_TEXT);
  cp_test_wait_until (popover_gone, view, "the popover to go");
  /* the keyboard is back in the text, where it was */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (view));

  /* The pane tags exactly the passage and has a marker; the list shows it */
  assert_tagged (view, tag, start_char, end_char);
  g_assert_cmpuint (cp_note_margin_get_notes (margin)->len, ==, 1);
  g_assert_nonnull (cp_note_margin_get_marker (margin, note));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (cp_note_margin_get_marker (margin, note)), ==, NOTE_TEXT);
  g_assert_true (cp_note_margin_get_note_at (margin, start_char) == note);
  g_assert_null (cp_note_margin_get_note_at (margin, end_char));
  g_assert_cmpuint (cp_note_list_get_n_notes (window->note_list), ==, 1);
  g_assert_true (cp_note_list_get_note (window->note_list, 0) == note);
  g_assert_nonnull (cp_test_find_label (GTK_WIDGET (window->note_list), NOTE_TEXT));
  g_assert_nonnull (cp_test_find_label (GTK_WIDGET (window->note_list), "“" PASSAGE "”"));
  title = cp_comparison_dup_display_title (comparison, 0);
  heading = g_strdup_printf ("1 · %s", title);
  g_assert_nonnull (cp_test_find_label (GTK_WIDGET (window->note_list), heading));

  /* Re-tagging and renaming the review leave the note and its tag */
  old_terms = g_strdupv ((char **) cp_topic_get_terms (topic));
  cp_topic_set_terms (topic, new_terms);
  cp_test_window_settle (window);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  assert_tagged (view, tag, start_char, end_char);
  cp_document_set_label (document, "The blog");
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  assert_tagged (view, tag, start_char, end_char);
  g_assert_nonnull (cp_test_find_label (GTK_WIDGET (window->note_list), "1 · The blog"));

  /* Deleted: gone from the comparison, the pane and the list; Undo puts
   * it back where it was */
  g_signal_emit_by_name (window->note_list, "delete-note", note);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 0);
  assert_untagged (view, tag);
  g_assert_cmpuint (cp_note_margin_get_notes (margin)->len, ==, 0);
  g_assert_cmpuint (cp_note_list_get_n_notes (window->note_list), ==, 0);
  g_assert_nonnull (cp_test_find_label (GTK_WIDGET (window->note_list), "No notes yet — select text in a review and press Ctrl+M"));
  g_assert_cmpstr (cp_window_get_notice (window), ==, "Note deleted");
  undo = cp_test_find_button (GTK_WIDGET (window), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  g_assert_true (g_list_model_get_item (notes, 0) == (gpointer) note);
  g_object_unref (note);
  g_assert_cmpuint (cp_note_get_start (note), ==, start_byte);
  assert_tagged (view, tag, start_char, end_char);
  g_assert_cmpuint (cp_note_list_get_n_notes (window->note_list), ==, 1);

  /* Activating its row brings the passage into view and selects it */
  gtk_adjustment_set_value (cp_review_pane_get_vadjustment (pane),
                            gtk_adjustment_get_upper (cp_review_pane_get_vadjustment (pane)));
  cp_test_wait_for_layout (GTK_WIDGET (window));
  g_assert_false (range_in_view (pane, start_char, end_char));
  g_signal_emit_by_name (cp_note_list_get_row (window->note_list, note), "activate");
  cp_test_wait_for_layout (GTK_WIDGET (window));
  g_assert_true (range_in_view (pane, start_char, end_char));
  {
    GtkTextIter start, end;

    g_assert_true (gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (view), &start, &end));
    g_assert_cmpuint (gtk_text_iter_get_offset (&start), ==, start_char);
    g_assert_cmpuint (gtk_text_iter_get_offset (&end), ==, end_char);
  }
  cp_test_wait_until (list_shows, NULL, "the list");

  /* The user's topics and the review's name are kept between runs */
  cp_topic_set_terms (topic, (const char * const *) old_terms);
  cp_document_set_label (document, NULL);
  cp_test_window_settle (window);
}

static void
press_list_key (CpWindow *window,
                guint     keyval)
{
  g_autoptr(GtkShortcut) shortcut = cp_test_find_shortcut (GTK_WIDGET (window->note_list), keyval, 0);

  g_assert_nonnull (shortcut);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                               GTK_WIDGET (window->note_list),
                                               gtk_shortcut_get_arguments (shortcut)));
}

/* A note's text is edited from its marker; Delete there deletes it */
static void
test_edit_note (Fixture       *fixture,
                gconstpointer  data)
{
  CpWindow *window = fixture->window;
  CpComparison *comparison = cp_window_get_comparison (window);
  GListModel *notes = cp_comparison_get_notes (comparison);
  CpReviewPane *pane = cp_window_get_pane (window, 1);
  GtkTextView *view = cp_review_pane_get_view (pane);
  CpNoteMargin *margin = cp_window_get_note_margin (window, pane);
  CpDocument *document = cp_review_pane_get_document (pane);
  g_autoptr(CpNote) note = cp_note_new (document, 0, 10, "First thought");
  g_autofree char *edited = NULL;
  guint start_char, end_char;
  CpNotePopover *popover;
  GtkTextBuffer *buffer;

  cp_comparison_add_note (comparison, note);
  g_assert_nonnull (cp_note_margin_get_marker (margin, note));
  /* Tab goes from the text to its markers */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (view)));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == cp_note_margin_get_marker (margin, note));
  g_signal_emit_by_name (cp_note_margin_get_marker (margin, note), "clicked");
  popover = find_popover (GTK_WIDGET (view));
  g_assert_nonnull (popover);
  buffer = gtk_text_view_get_buffer (cp_note_popover_get_view (popover));
  gtk_text_buffer_set_text (buffer, "Second thought", -1);
  /* Leaving the popover keeps the change */
  gtk_popover_popdown (GTK_POPOVER (popover));
  g_assert_cmpstr (cp_note_get_text (note), ==, "Second thought");
  cp_test_wait_until (popover_gone, view, "the popover to go");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (cp_note_margin_get_marker (margin, note)), ==, "Second thought");

  /* Delete, from the popover */
  g_signal_emit_by_name (cp_note_margin_get_marker (margin, note), "clicked");
  popover = find_popover (GTK_WIDGET (view));
  g_assert_nonnull (popover);
  g_signal_emit_by_name (cp_test_find_button (GTK_WIDGET (popover), "_Delete"), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 0);
  g_assert_cmpstr (cp_note_get_text (note), ==, "Second thought");
  cp_test_wait_until (popover_gone, view, "the popover to go");

  /* From the keyboard, in the list: F6 comes to it, F2 edits, Delete
   * deletes */
  cp_comparison_add_note (comparison, note);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (window->note_list)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         cp_note_list_get_row (window->note_list, note)) ||
                 gtk_root_get_focus (GTK_ROOT (window)) == cp_note_list_get_row (window->note_list, note));
  press_list_key (window, GDK_KEY_F2);
  popover = find_popover (GTK_WIDGET (window->note_list));
  g_assert_nonnull (popover);
  edited = cp_note_popover_dup_text (popover);
  g_assert_cmpstr (edited, ==, "Second thought");
  gtk_popover_popdown (GTK_POPOVER (popover));
  cp_test_wait_until (popover_gone, window->note_list, "the popover to go");
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (window->note_list)));
  press_list_key (window, GDK_KEY_Delete);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 0);
  g_assert_cmpstr (cp_window_get_notice (window), ==, "Note deleted");
  /* An empty list is passed over by F6 */
  g_assert_false (gtk_widget_grab_focus (GTK_WIDGET (window->note_list)));

  /* A review closed while a note is being written on it takes the
   * popover along */
  cp_test_select_text (window, 1, "the", &start_char, &end_char);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-note", NULL);
  g_assert_nonnull (find_popover (GTK_WIDGET (cp_review_pane_get_view (cp_window_get_pane (window, 1)))));
  cp_comparison_remove_document (comparison, 1);
  cp_test_window_settle (window);
  g_assert_null (cp_test_find_widget (GTK_WIDGET (window), CP_TYPE_NOTE_POPOVER));
}

static void
add_note_on (CpWindow   *window,
             guint       d,
             const char *passage,
             const char *text)
{
  CpDocument *document = cp_review_pane_get_document (cp_window_get_pane (window, d));
  const char *found = strstr (cp_document_get_text (document), passage);
  g_autoptr(CpNote) note = NULL;

  g_assert_nonnull (found);
  note = cp_note_new (document, found - cp_document_get_text (document),
                      found - cp_document_get_text (document) + strlen (passage), text);
  cp_comparison_add_note (cp_window_get_comparison (window), note);
}

/* Two notes in a pane, the list, and the popover: pictures in the build
 * folder (dark with GTK_THEME=Adwaita:dark) */
static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  CpWindow *window = fixture->window;
  GtkTextView *view = cp_review_pane_get_view (cp_window_get_pane (window, 0));
  const char *style = g_getenv ("GTK_THEME") != NULL && strstr (g_getenv ("GTK_THEME"), "dark") != NULL ? "dark" : "light";
  g_autofree char *window_name = g_strdup_printf ("notes-window-%s.png", style);
  g_autofree char *popover_name = g_strdup_printf ("notes-popover-%s.png", style);
  g_autofree char *edit_name = g_strdup_printf ("notes-edit-%s.png", style);
  CpNoteMargin *margin;
  g_autofree char *path = NULL;
  guint start_char, end_char;
  CpNotePopover *popover;

  add_note_on (window, 0, "my local arthouse", "The Rialto: worth a visit for the cake alone.");
  add_note_on (window, 0, "the sunflower seed guy", "Compare the capsule review's opening.");
  add_note_on (window, 2, "Twitter", "Every review mentions his Twitter habit.");
  cp_test_window_settle (window);
  path = cp_test_save_screenshot (GTK_WIDGET (window), window_name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  cp_test_select_text (window, 0, "son of a poet", &start_char, &end_char);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-note", NULL);
  popover = find_popover (GTK_WIDGET (view));
  g_assert_nonnull (popover);
  type_text (popover, "His father, Ai Qing");
  g_clear_pointer (&path, g_free);
  path = cp_test_save_screenshot (GTK_WIDGET (popover), popover_name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  gtk_popover_popdown (GTK_POPOVER (popover));
  cp_test_wait_until (popover_gone, view, "the popover to go");

  /* A note opened from its marker */
  margin = cp_window_get_note_margin (window, cp_window_get_pane (window, 0));
  g_signal_emit_by_name (cp_note_margin_get_marker (margin, cp_note_margin_get_notes (margin)->pdata[0]), "clicked");
  popover = find_popover (GTK_WIDGET (view));
  g_assert_nonnull (popover);
  g_clear_pointer (&path, g_free);
  path = cp_test_save_screenshot (GTK_WIDGET (popover), edit_name);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  gtk_popover_popdown (GTK_POPOVER (popover));
  cp_test_wait_until (popover_gone, view, "the popover to go");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  g_autofree char *topics_path = NULL;
  g_autofree char *labels_path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  home = g_test_build_filename (G_TEST_BUILT, "test-notes-ui-home", NULL);
  cp_test_set_home (home);
  /* What a run that failed midway may have left: the topics it changed,
   * the review it renamed */
  topics_path = g_build_filename (home, "counterpoint", "topics.topics", NULL);
  labels_path = g_build_filename (home, "counterpoint", "labels.ini", NULL);
  g_unlink (topics_path);
  g_unlink (labels_path);

  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  application = cp_test_application_new ();

  g_test_add ("/app/notes-ui/add", Fixture, NULL, fixture_set_up, test_add_note, fixture_tear_down);
  g_test_add ("/app/notes-ui/edit", Fixture, NULL, fixture_set_up, test_edit_note, fixture_tear_down);
  g_test_add ("/app/notes-ui/screenshot", Fixture, NULL, fixture_set_up, test_screenshot, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);

  return status;
}
