/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The comparison as a document in the window: saved with its labels,
 * order, notes and focus, opened on "another computer" (a copy of the
 * file, in a window of its own, with the file's topics), the question
 * asked before closing on changes (Save, Discard, Cancel), files of a
 * newer or an older format, and damaged ones.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "cp-application.h"
#include "cp-comparison-file.h"
#include "cp-note.h"
#include "cp-window-private.h"
#include "cp-test-gtk-utils.h"

#define WINDOW_WIDTH 1400
#define WINDOW_HEIGHT 800

static CpApplication *application;

typedef struct
{
  CpWindow   *window;
  GPtrArray  *samples; /* GFile */
  CpTestTree *tree;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->samples = cp_application_list_samples ();
  fixture->tree = cp_test_tree_new ("window-file");
  fixture->window = cp_window_new (application);
  cp_window_set_notice_timeout (fixture->window, 10 * 60 * 1000);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

/* Every window the test opened goes, asking nothing */
static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (application))) != NULL)
    {
      GtkWindow *window = windows->data;

      if (CP_IS_WINDOW (window))
        CP_WINDOW (window)->close_confirmed = TRUE;
      cp_test_destroy_window (window);
    }

  g_clear_pointer (&fixture->samples, g_ptr_array_unref);
  cp_test_tree_free (fixture->tree);
}

static void
open_samples (Fixture *fixture)
{
  cp_test_window_open_files (fixture->window, (GFile **) fixture->samples->pdata, fixture->samples->len);
}

static CpWindow *
find_other_window (CpWindow *window)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL; l = l->next)
    if (CP_IS_WINDOW (l->data) && l->data != (gpointer) window)
      return l->data;

  return NULL;
}

static gboolean
other_window_open (gpointer data)
{
  CpWindow *other = find_other_window (data);

  return other != NULL && cp_window_get_file (other) != NULL;
}

/* Opens @file from @window and waits for the window it opens in */
static CpWindow *
open_comparison (CpWindow *window,
                 GFile    *file)
{
  CpWindow *other;

  cp_window_open_files (window, &file, 1);
  cp_test_wait_until (other_window_open, window, "the comparison's window");
  other = find_other_window (window);
  cp_window_set_notice_timeout (other, 10 * 60 * 1000);
  cp_test_window_settle (other);

  return other;
}

static guint
topic_index (CpWindow   *window,
             const char *id)
{
  guint position;

  g_assert_nonnull (cp_topic_set_lookup (cp_comparison_get_topics (cp_window_get_comparison (window)), id,
                                         &position));
  return position;
}

static const char *
title_of (CpWindow *window)
{
  return gtk_label_get_label (window->title_label);
}

static gboolean
dialog_response (CpWindow *window,
                 int       response)
{
  GtkWidget *dialog = cp_window_get_close_dialog (window);

  if (dialog == NULL)
    return FALSE;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (dialog), response);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return TRUE;
}

/* A note on the first occurrence of @word in the review at @position */
static CpNote *
add_note_on (CpWindow   *window,
             guint       position,
             const char *word,
             const char *text)
{
  CpComparison *comparison = cp_window_get_comparison (window);
  CpDocument *document = cp_comparison_get_document (comparison, position);
  const char *found = strstr (cp_document_get_text (document), word);
  g_autoptr(CpNote) note = NULL;
  gsize start;

  g_assert_nonnull (found);
  start = found - cp_document_get_text (document);
  note = cp_note_new (document, start, start + strlen (word), text);
  cp_comparison_add_note (comparison, note);

  return note;
}

/* Saved, and opened from a copy as a colleague would: the same reviews in
 * the same order with the same names and texts, the same topics (the
 * file's own), the same notes and the same focus */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  CpComparison *comparison, *copy;
  g_autoptr(GFile) file = cp_test_tree_add_file (fixture->tree, "never-sorry.counterpoint", "", 0);
  g_autoptr(GFile) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sent_path = NULL;
  GListModel *notes;
  CpWindow *other;
  guint twitter;
  gsize length;

  g_assert_true (g_file_delete (file, NULL, NULL));
  open_samples (fixture);
  comparison = cp_window_get_comparison (fixture->window);
  g_assert_cmpuint (cp_comparison_get_n_documents (comparison), >=, 3);
  g_assert_cmpstr (title_of (fixture->window), ==, "Counterpoint");
  g_assert_false (cp_window_needs_saving (fixture->window));

  cp_comparison_move_document (comparison, 2, 0);
  cp_document_set_label (cp_comparison_get_document (comparison, 0), "Première critique");
  twitter = topic_index (fixture->window, "twitter");
  cp_window_set_focus_topic (fixture->window, twitter);
  add_note_on (fixture->window, 1, "Twitter", "Compare with how the other reviews treat his feed.");
  add_note_on (fixture->window, 2, "the", "An early note — « avec des guillemets » 艾未未");
  cp_test_window_settle (fixture->window);

  /* notes that no file holds yet are worth asking about */
  g_assert_true (cp_window_needs_saving (fixture->window));
  g_assert_cmpstr (title_of (fixture->window), ==, "• Unsaved Comparison");

  g_assert_true (cp_window_save_comparison (fixture->window, file, &error));
  g_assert_no_error (error);
  g_assert_false (cp_window_needs_saving (fixture->window));
  g_assert_cmpstr (title_of (fixture->window), ==, "never-sorry");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "never-sorry — Counterpoint");
  g_assert_true (g_file_equal (cp_window_get_file (fixture->window), file));

  /* a change shows in the title */
  cp_document_set_label (cp_comparison_get_document (comparison, 1), "Second");
  g_assert_true (cp_window_needs_saving (fixture->window));
  g_assert_cmpstr (title_of (fixture->window), ==, "• never-sorry");
  g_assert_true (cp_window_save_comparison (fixture->window, file, &error));
  g_assert_no_error (error);

  /* the file travels */
  g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, &error));
  g_assert_no_error (error);
  sent_path = cp_test_tree_build_path (fixture->tree, "from-a-colleague.counterpoint");
  g_assert_true (g_file_set_contents (sent_path, contents, length, &error));
  sent = g_file_new_for_path (sent_path);

  other = open_comparison (fixture->window, sent);
  copy = cp_window_get_comparison (other);
  g_assert_true (g_file_equal (cp_window_get_file (other), sent));
  g_assert_cmpstr (title_of (other), ==, "from-a-colleague");
  g_assert_false (cp_window_needs_saving (other));
  g_assert_true (cp_comparison_get_topics (copy) != cp_comparison_get_topics (comparison));
  g_assert_cmpuint (cp_topic_set_get_n_topics (cp_comparison_get_topics (copy)), ==,
                    cp_topic_set_get_n_topics (cp_comparison_get_topics (comparison)));
  g_assert_cmpuint (cp_comparison_get_n_documents (copy), ==, cp_comparison_get_n_documents (comparison));
  g_assert_cmpuint (cp_window_get_n_panes (other), ==, cp_comparison_get_n_documents (comparison));
  for (guint i = 0; i < cp_comparison_get_n_documents (comparison); i++)
    {
      CpDocument *a = cp_comparison_get_document (comparison, i);
      CpDocument *b = cp_comparison_get_document (copy, i);
      g_autofree char *title_a = cp_comparison_dup_display_title (comparison, i);
      g_autofree char *title_b = cp_comparison_dup_display_title (copy, i);

      g_assert_cmpstr (cp_document_get_text (a), ==, cp_document_get_text (b));
      g_assert_cmpstr (cp_document_get_label (a), ==, cp_document_get_label (b));
      g_assert_cmpstr (title_a, ==, title_b);
      g_assert_true (cp_review_pane_get_document (cp_window_get_pane (other, i)) == b);
      for (guint t = 0; t < cp_topic_set_get_n_topics (cp_comparison_get_topics (copy)); t++)
        g_assert_cmpuint (cp_comparison_get_count (copy, t, i), ==, cp_comparison_get_count (comparison, t, i));
    }
  g_assert_cmpstr (cp_document_get_label (cp_comparison_get_document (copy, 0)), ==, "Première critique");
  g_assert_cmpint (cp_window_get_focus_topic (other), ==, topic_index (other, "twitter"));
  /* its texts are the file's: no review of it is watched on the disk */
  g_assert_cmpuint (g_hash_table_size (other->watches), ==, 0);
  g_assert_cmpuint (g_hash_table_size (fixture->window->watches), ==, cp_comparison_get_n_documents (comparison));

  notes = cp_comparison_get_notes (copy);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CpNote) saved = g_list_model_get_item (cp_comparison_get_notes (comparison), i);
      g_autoptr(CpNote) opened = g_list_model_get_item (notes, i);
      guint position_a, position_b;

      g_assert_true (cp_comparison_find_document (comparison, cp_note_get_document (saved), &position_a));
      g_assert_true (cp_comparison_find_document (copy, cp_note_get_document (opened), &position_b));
      g_assert_cmpuint (position_a, ==, position_b);
      g_assert_cmpuint (cp_note_get_start (saved), ==, cp_note_get_start (opened));
      g_assert_cmpuint (cp_note_get_end (saved), ==, cp_note_get_end (opened));
      g_assert_cmpstr (cp_note_get_text (saved), ==, cp_note_get_text (opened));
      g_assert_cmpstr (cp_note_get_quote (saved), ==, cp_note_get_quote (opened));
    }

  /* the copy's topics are its own: editing them leaves the user's alone */
  {
    CpTopic *topic = cp_topic_set_get_topic (cp_comparison_get_topics (copy), topic_index (other, "twitter"));
    g_autofree char *before = g_strdup (cp_topic_get_label (cp_topic_set_get_topic (cp_comparison_get_topics (comparison),
                                                                                       twitter)));

    cp_topic_set_label (topic, "Tweets and posts");
    g_assert_cmpstr (cp_topic_get_label (cp_topic_set_get_topic (cp_comparison_get_topics (comparison), twitter)), ==,
                     before);
    g_assert_true (cp_window_needs_saving (other));
    g_assert_cmpstr (title_of (other), ==, "• from-a-colleague");
  }

  /* opening it again brings its window forward: no second window */
  cp_window_open_files (fixture->window, &sent, 1);
  cp_test_drain_main_context ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (application))), ==, 2);

  /* Open Recent lists it first */
  {
    GMenuModel *recent = G_MENU_MODEL (fixture->window->recent_menu);
    g_autofree char *label = NULL;

    cp_window_update_recent_menu (fixture->window);
    g_assert_true (g_menu_model_get_item_attribute (recent, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
    g_assert_cmpstr (label, ==, "from-a-colleague.counterpoint");
  }
}

static gboolean
pointer_cleared (gpointer *location)
{
  return *location == NULL;
}

/* A blank window gives way to the comparison opened in it */
static void
test_blank_window_replaced (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GFile) file = cp_test_tree_add_file (fixture->tree, "blank.counterpoint", "", 0);
  g_autoptr(GError) error = NULL;
  CpWindow *first = fixture->window;
  CpWindow *saved;

  open_samples (fixture);
  add_note_on (first, 0, "the", "A note");
  g_assert_true (cp_window_save_comparison (first, file, &error));
  g_assert_no_error (error);
  cp_test_destroy_window (GTK_WINDOW (first));

  fixture->window = cp_window_new (application);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  cp_window_open_files (fixture->window, &file, 1);
  cp_test_wait_until (pointer_cleared, &fixture->window, "the blank window to give way");
  g_assert_null (fixture->window);

  saved = find_other_window (NULL);
  g_assert_nonnull (saved);
  cp_test_window_settle (saved);
  g_assert_true (g_file_equal (cp_window_get_file (saved), file));
  g_assert_cmpuint (g_list_model_get_n_items (cp_comparison_get_notes (cp_window_get_comparison (saved))), ==, 1);
  fixture->window = saved;
}

/* Closing on changes asks: Cancel stays, Discard closes and leaves the
 * file as it was, Save writes it and closes */
static void
test_close_asks (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) file = cp_test_tree_add_file (fixture->tree, "asks.counterpoint", "", 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *secondary = NULL;
  CpComparison *comparison;
  CpWindow *window = fixture->window;
  CpWindow *reopened;

  open_samples (fixture);
  comparison = cp_window_get_comparison (window);
  g_assert_true (cp_window_save_comparison (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (g_file_peek_path (file), &before, NULL, NULL));

  /* nothing changed: it closes without a word */
  g_assert_false (cp_window_needs_saving (window));

  cp_document_set_label (cp_comparison_get_document (comparison, 0), "Renamed");
  g_assert_true (cp_window_needs_saving (window));

  /* Cancel */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_nonnull (cp_window_get_close_dialog (window));
  g_object_get (cp_window_get_close_dialog (window), "text", &secondary, NULL);
  g_assert_cmpstr (secondary, ==, "Save Changes to “asks”?");
  g_assert_true (dialog_response (window, GTK_RESPONSE_CANCEL));
  cp_test_drain_main_context ();
  g_assert_null (cp_window_get_close_dialog (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* Discard: closed, the file untouched */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (dialog_response (window, 1 /* Discard */));
  cp_test_drain_main_context ();
  g_assert_null (window);
  g_assert_true (g_file_get_contents (g_file_peek_path (file), &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Save: written, then closed */
  fixture->window = cp_window_new (application);
  gtk_window_present (GTK_WINDOW (fixture->window));
  reopened = open_comparison (fixture->window, file);
  cp_document_set_label (cp_comparison_get_document (cp_window_get_comparison (reopened), 0), "Saved at closing");
  g_object_add_weak_pointer (G_OBJECT (reopened), (gpointer *) &reopened);
  gtk_window_close (GTK_WINDOW (reopened));
  g_assert_true (dialog_response (reopened, 2 /* Save */));
  cp_test_drain_main_context ();
  g_assert_null (reopened);
  g_assert_true (g_file_get_contents (g_file_peek_path (file), &after, NULL, NULL));
  g_assert_nonnull (strstr (after, "Saved at closing"));
}

/* Notes with no file to keep them: closing asks, with Save As */
static void
test_unsaved_notes (Fixture       *fixture,
                    gconstpointer  data)
{
  CpWindow *window = fixture->window;
  GtkWidget *dialog;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) buttons = NULL;

  open_samples (fixture);
  /* reviews alone are on the disk already: nothing to ask */
  g_assert_false (cp_window_needs_saving (window));
  add_note_on (window, 0, "the", "Worth keeping");
  g_assert_true (cp_window_needs_saving (window));

  gtk_window_close (GTK_WINDOW (window));
  dialog = cp_window_get_close_dialog (window);
  g_assert_nonnull (dialog);
  g_object_get (dialog, "text", &text, NULL);
  g_assert_cmpstr (text, ==, "Save the Comparison and Its Notes?");
  g_assert_nonnull (cp_test_find_button (dialog, "_Save As…"));
  g_assert_nonnull (cp_test_find_button (dialog, "_Discard"));
  g_assert_nonnull (cp_test_find_button (dialog, "_Cancel"));
  g_assert_true (dialog_response (window, GTK_RESPONSE_CANCEL));
  cp_test_drain_main_context ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
}

static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *found = strstr (text, old);

  GString *replaced;

  g_assert_nonnull (found);
  replaced = g_string_new_len (text, found - text);
  g_string_append (replaced, new);
  g_string_append (replaced, found + strlen (old));

  return g_string_free (replaced, FALSE);
}

/* A file from a newer version opens read-only and is never written over;
 * one from an older version is saved in the new format with the original
 * kept beside it */
static void
test_versions (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) file = cp_test_tree_add_file (fixture->tree, "made-here.counterpoint", "", 0);
  g_autoptr(GFile) newer = NULL;
  g_autoptr(GFile) older = NULL;
  g_autoptr(GFile) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) banners = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *newer_text = NULL;
  g_autofree char *older_text = NULL;
  g_autofree char *read_back = NULL;
  g_autofree char *kept = NULL;
  CpWindow *window;
  gboolean said = FALSE;

  open_samples (fixture);
  g_assert_true (cp_window_save_comparison (fixture->window, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (g_file_peek_path (file), &contents, NULL, NULL));

  newer_text = replace_once (contents, "\"version\" : 1", "\"version\" : 99");
  newer = cp_test_tree_add_file (fixture->tree, "from-the-future.counterpoint", newer_text, -1);
  window = open_comparison (fixture->window, newer);
  g_assert_cmpstr (title_of (window), ==, "from-the-future (Read-Only)");
  banners = cp_test_window_banner_texts (window);
  for (guint i = 0; i < banners->len; i++)
    if (strstr (banners->pdata[i], "read-only") != NULL && strstr (banners->pdata[i], "from-the-future") != NULL)
      said = TRUE;
  g_assert_true (said);
  g_assert_false (cp_window_save_comparison (window, newer, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (g_file_peek_path (newer), &read_back, NULL, NULL));
  g_assert_cmpstr (read_back, ==, newer_text);
  g_clear_pointer (&read_back, g_free);
  window->close_confirmed = TRUE;
  cp_test_destroy_window (GTK_WINDOW (window));

  older_text = replace_once (contents, "\"version\" : 1", "\"version\" : 0");
  older = cp_test_tree_add_file (fixture->tree, "from-the-past.counterpoint", older_text, -1);
  window = open_comparison (fixture->window, older);
  g_assert_cmpstr (title_of (window), ==, "from-the-past");
  cp_document_set_label (cp_comparison_get_document (cp_window_get_comparison (window), 0), "Upgraded");
  g_assert_true (cp_window_save_comparison (window, older, &error));
  g_assert_no_error (error);
  kept = cp_test_tree_build_path (fixture->tree, "from-the-past (version 0).counterpoint");
  g_assert_true (g_file_get_contents (kept, &read_back, NULL, NULL));
  g_assert_cmpstr (read_back, ==, older_text);
  g_clear_pointer (&read_back, g_free);
  g_assert_true (g_file_get_contents (g_file_peek_path (older), &read_back, NULL, NULL));
  g_assert_nonnull (strstr (read_back, "\"version\" : 1"));
  g_assert_nonnull (strstr (read_back, "Upgraded"));
  g_assert_nonnull (strstr (cp_window_get_notice (window), "from-the-past (version 0).counterpoint"));
}

/* A damaged file: an error banner that names it, no window, no crash */
static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GFile) file = cp_test_tree_add_file (fixture->tree, "broken.counterpoint",
                                                 "{ \"format\": \"counterpoint-comparison\", \"version\": 1, \"re", -1);
  g_autoptr(GPtrArray) banners = NULL;

  cp_window_open_files (fixture->window, &file, 1);
  cp_test_wait_until ((CpTestCondition) cp_window_get_n_banners, fixture->window, "an error banner");
  banners = cp_test_window_banner_texts (fixture->window);
  g_assert_cmpuint (banners->len, ==, 1);
  g_assert_nonnull (strstr (banners->pdata[0], "broken.counterpoint"));
  g_assert_null (find_other_window (fixture->window));
  g_assert_cmpuint (cp_comparison_get_n_documents (cp_window_get_comparison (fixture->window)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;

  g_test_init (&argc, &argv, NULL);

  /* Opening files records them as recent and review names are kept:
   * each run starts afresh, out of the user's data */
  home = g_test_build_filename (G_TEST_BUILT, "test-window-file-home", NULL);
  cp_test_remove_tree (home);
  cp_test_set_home (home);

  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  application = cp_test_application_new ();

  g_test_add ("/app/window-file/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/app/window-file/blank-window-replaced", Fixture, NULL, fixture_set_up, test_blank_window_replaced,
              fixture_tear_down);
  g_test_add ("/app/window-file/close-asks", Fixture, NULL, fixture_set_up, test_close_asks, fixture_tear_down);
  g_test_add ("/app/window-file/unsaved-notes", Fixture, NULL, fixture_set_up, test_unsaved_notes, fixture_tear_down);
  g_test_add ("/app/window-file/versions", Fixture, NULL, fixture_set_up, test_versions, fixture_tear_down);
  g_test_add ("/app/window-file/damaged", Fixture, NULL, fixture_set_up, test_damaged, fixture_tear_down);

  return g_test_run ();
}
