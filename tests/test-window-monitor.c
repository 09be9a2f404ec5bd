/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reviews whose files change on disk, in the window: the banner that
 * offers Reload, reloading with each pane kept in its place, a file
 * deleted (the review stays open from memory) or coming back, and a save
 * by rename, which is one change and not a delete.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "cp-application.h"
#include "cp-window-private.h"
#include "cp-test-gtk-utils.h"

#define WINDOW_WIDTH 1580
#define WINDOW_HEIGHT 800
#define N_PARAGRAPHS 80

static CpApplication *application;
static char *data_home;

typedef struct
{
  CpWindow   *window;
  CpTestTree *tree;
  GFile      *files[2];
  guint       topic;     /* Sichuan earthquake */
} Fixture;

/* {{{ Fixture and helpers */

/* A review long enough to scroll: numbered paragraphs of the same length
 * that mention no topic, but for those in @mentioned (ending with -1),
 * which mention the earthquake */
static char *
make_text (const char *title,
           const int  *mentioned)
{
  GString *text = g_string_new (title);

  g_string_append (text, "\n\n");
  for (int i = 0; i < N_PARAGRAPHS; i++)
    {
      gboolean mentions = FALSE;

      for (const int *m = mentioned; *m >= 0; m++)
        mentions |= *m == i;
      g_string_append_printf (text, "Paragraph %02d goes on %s, at an even pace, to its end.\n\n",
                              i, mentions ? "about the earthquake" : "about its own affairs");
    }
  return g_string_free (text, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const int first[] = { 10, 30, 50, -1 };
  static const int second[] = { 20, -1 };
  g_autofree char *text0 = make_text ("Alpha", first);
  g_autofree char *text1 = make_text ("Beta", second);
  CpTopicSet *topics;

  fixture->tree = cp_test_tree_new ("cp-window-monitor");
  fixture->files[0] = cp_test_tree_add_file (fixture->tree, "alpha.txt", text0, -1);
  fixture->files[1] = cp_test_tree_add_file (fixture->tree, "beta.txt", text1, -1);
  fixture->window = cp_window_new (application);
  cp_window_set_notice_timeout (fixture->window, 10 * 60 * 1000);
  cp_window_set_watch_delay (fixture->window, 50);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_present (GTK_WINDOW (fixture->window));

  topics = cp_comparison_get_topics (cp_window_get_comparison (fixture->window));
  g_assert_nonnull (cp_topic_set_lookup (topics, "sichuan-earthquake", &fixture->topic));
  cp_test_window_open_files (fixture->window, fixture->files, 2);
  g_assert_cmpuint (cp_window_get_n_panes (fixture->window), ==, 2);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  CpWindow *window = fixture->window;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  cp_test_destroy_window (GTK_WINDOW (fixture->window));
  g_assert_null (window);
  g_clear_object (&fixture->files[0]);
  g_clear_object (&fixture->files[1]);
  g_clear_pointer (&fixture->tree, cp_test_tree_free);
}

/* Writes @text over the file, in place (truncated, then written) */
static void
write_in_place (GFile      *file,
                const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (g_file_peek_path (file), text, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
}

/* Writes @text as editors save: to a new file renamed over the old one */
static void
write_by_rename (GFile      *file,
                 const char *text)
{
  g_autofree char *temporary = g_strconcat (g_file_peek_path (file), ".part", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (temporary, text, -1, &error);
  g_assert_no_error (error);
  g_assert_no_errno (g_rename (temporary, g_file_peek_path (file)));
}

static gboolean
has_changed_banner (gpointer user_data)
{
  return CP_WINDOW (user_data)->changed_banner != NULL;
}

/* The texts of the banner's labels, joined by newlines */
static char *
dup_banner_text (CpWindow *window)
{
  g_autoptr(GPtrArray) labels = cp_test_find_widgets (window->changed_banner, GTK_TYPE_LABEL);
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_ancestor (labels->pdata[i], GTK_TYPE_BUTTON) == NULL)
      g_strv_builder_add (texts, gtk_label_get_text (labels->pdata[i]));
  strv = g_strv_builder_end (texts);
  return g_strjoinv ("\n", strv);
}

static GtkWidget *
find_banner_button (CpWindow   *window,
                    const char *label)
{
  GtkWidget *button = cp_test_find_button (window->changed_banner, label);

  g_assert_nonnull (button);
  return button;
}

static GtkWidget *
find_dismiss_button (CpWindow *window)
{
  g_autoptr(GPtrArray) buttons = cp_test_find_widgets (window->changed_banner, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (buttons->pdata[i]), "Dismiss") == 0)
      return buttons->pdata[i];
  g_assert_not_reached ();
}

/* The banner names both reviews */
static gboolean
has_two_changed (gpointer user_data)
{
  g_autofree char *text = NULL;

  if (!has_changed_banner (user_data))
    return FALSE;
  text = dup_banner_text (user_data);
  return g_str_has_prefix (text, "2 reviews");
}

typedef struct
{
  CpWindow   *window;
  guint       position;
  const char *text;
} TextWait;

static gboolean
has_text (gpointer user_data)
{
  TextWait *wait = user_data;
  CpComparison *comparison = cp_window_get_comparison (wait->window);

  return cp_comparison_get_n_documents (comparison) > wait->position &&
         g_strcmp0 (cp_document_get_text (cp_comparison_get_document (comparison, wait->position)), wait->text) == 0;
}

static void
wait_for_text (CpWindow   *window,
               guint       position,
               const char *text)
{
  TextWait wait = { window, position, text };

  cp_test_wait_until (has_text, &wait, "the review's new text");
  cp_test_window_settle (window);
}

static gboolean
pane_file_missing (gpointer user_data)
{
  return cp_review_pane_get_file_missing (user_data);
}

static const char *
pane_subtitle (CpReviewPane *pane)
{
  GtkWidget *header = cp_review_pane_get_header (pane);
  g_autoptr(GPtrArray) labels = cp_test_find_widgets (header, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], "caption"))
      return gtk_label_get_text (labels->pdata[i]);
  g_assert_not_reached ();
}

static void
count_cb (gpointer  object,
          gpointer  pspec,
          guint    *count)
{
  (*count)++;
}

/* }}} */

/* Rewritten with the focused mention moved: Reload reads the new text,
 * which is tagged again; the review keeps its label, and its pane comes
 * back to the mention nearest the one it showed, where it showed it; the
 * other pane stays where it was */
static void
test_reload_keeps_place (Fixture       *fixture,
                         gconstpointer  data)
{
  static const int moved[] = { 2, 8, 33, 45, -1 };
  g_autofree char *new_text = make_text ("Alpha, revised", moved);
  g_autofree char *banner = NULL;
  CpWindow *window = fixture->window;
  CpComparison *comparison = cp_window_get_comparison (window);
  CpFocus *focus = cp_window_get_focus (window);
  CpDocument *old = cp_comparison_get_document (comparison, 0);
  CpDocument *document;
  CpReviewPane *pane;
  GtkAdjustment *other;
  double other_value, old_top, top;

  cp_document_set_label (old, "The first review");
  g_assert_cmpuint (cp_comparison_get_count (comparison, fixture->topic, 0), ==, 3);
  /* The second mention (paragraph 30) is current */
  cp_window_focus_mention (window, cp_window_get_pane (window, 0), 1);
  cp_test_window_settle (window);
  g_assert_cmpint (cp_focus_get_current (focus, old), ==, 1);
  g_assert_true (cp_review_pane_get_mention_y (cp_window_get_pane (window, 0), 1, &old_top, NULL));
  other = cp_review_pane_get_vadjustment (cp_window_get_pane (window, 1));
  other_value = gtk_adjustment_get_value (other);

  write_in_place (fixture->files[0], new_text);
  cp_test_wait_until (has_changed_banner, window, "the banner that offers Reload");
  banner = dup_banner_text (window);
  g_assert_cmpstr (banner, ==, "“The first review” changed on disk.");
  /* Nothing changed until the reader asks */
  g_assert_true (cp_comparison_get_document (comparison, 0) == old);

  g_signal_emit_by_name (find_banner_button (window, "_Reload"), "clicked");
  g_assert_null (window->changed_banner);
  wait_for_text (window, 0, new_text);

  document = cp_comparison_get_document (comparison, 0);
  pane = cp_window_get_pane (window, 0);
  g_assert_true (cp_review_pane_get_document (pane) == document);
  g_assert_cmpstr (cp_document_get_label (document), ==, "The first review");
  g_assert_true (g_file_equal (cp_document_get_file (document), fixture->files[0]));
  /* Tagged again: four mentions now, the other review's as they were */
  g_assert_cmpuint (cp_comparison_get_count (comparison, fixture->topic, 0), ==, 4);
  g_assert_cmpuint (cp_comparison_get_count (comparison, fixture->topic, 1), ==, 1);
  g_assert_cmpuint (cp_comparison_get_total (comparison, fixture->topic), ==, 5);
  /* Paragraph 33's mention is the nearest to paragraph 30's: the third */
  g_assert_cmpint (cp_window_get_focus_topic (window), ==, (int) fixture->topic);
  g_assert_cmpint (cp_focus_get_current (focus, document), ==, 2);
  g_assert_true (cp_review_pane_get_mention_y (pane, 2, &top, NULL));
  g_assert_cmpfloat_with_epsilon (top, old_top, 2);
  /* Within a pixel: the view rounds to whole pixels */
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (other), other_value, 1.5);
  g_assert_cmpstr (cp_window_get_notice (window), ==, NULL);
}

/* Without a focused mention, the pane keeps the character at its top */
static void
test_reload_keeps_top (Fixture       *fixture,
                       gconstpointer  data)
{
  static const int moved[] = { 70, -1 };
  g_autofree char *new_text = make_text ("Alpha, a line longer\nthan before", moved);
  CpWindow *window = fixture->window;
  CpReviewPane *pane = cp_window_get_pane (window, 0);
  GtkAdjustment *adjustment = cp_review_pane_get_vadjustment (pane);
  GtkTextIter iter;
  GdkRectangle visible;
  int old_offset;

  g_assert_cmpint (cp_window_get_focus_topic (window), <, 0);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  cp_test_window_settle (window);
  gtk_text_view_get_visible_rect (cp_review_pane_get_view (pane), &visible);
  gtk_text_view_get_iter_at_location (cp_review_pane_get_view (pane), &iter, visible.x, visible.y);
  old_offset = gtk_text_iter_get_offset (&iter);
  g_assert_cmpint (old_offset, >, 0);

  write_by_rename (fixture->files[0], new_text);
  cp_test_wait_until (has_changed_banner, window, "the banner that offers Reload");
  cp_window_reload_changed (window);
  wait_for_text (window, 0, new_text);

  /* The same character offset is at the top */
  pane = cp_window_get_pane (window, 0);
  gtk_text_view_get_visible_rect (cp_review_pane_get_view (pane), &visible);
  gtk_text_view_get_iter_at_location (cp_review_pane_get_view (pane), &iter, visible.x, visible.y);
  g_assert_cmpint (ABS (gtk_text_iter_get_offset (&iter) - old_offset), <, 80);
}

/* Both files changed: one banner names both, and Reload All reads both;
 * a file that cannot be read any more leaves its review as it was */
static void
test_reload_all (Fixture       *fixture,
                 gconstpointer  data)
{
  static const int none[] = { -1 };
  g_autofree char *new_text = make_text ("Alpha again", none);
  g_autofree char *banner = NULL;
  CpWindow *window = fixture->window;
  CpComparison *comparison = cp_window_get_comparison (window);
  g_autofree char *old_text = g_strdup (cp_document_get_text (cp_comparison_get_document (comparison, 1)));
  g_autoptr(GPtrArray) errors = NULL;
  static const char binary[] = "PK\0\0\x03\x04 not text at all \0\0\0";

  write_in_place (fixture->files[0], new_text);
  cp_test_wait_until (has_changed_banner, window, "the banner that offers Reload");
  {
    g_autoptr(GError) error = NULL;

    g_file_set_contents (g_file_peek_path (fixture->files[1]), binary, sizeof binary, &error);
    g_assert_no_error (error);
  }
  cp_test_wait_until (has_two_changed, window, "the banner to name both reviews");
  banner = dup_banner_text (window);
  g_assert_cmpstr (banner, ==, "2 reviews changed on disk:\n“Alpha”\n“Beta”");

  g_signal_emit_by_name (find_banner_button (window, "_Reload All"), "clicked");
  wait_for_text (window, 0, new_text);
  cp_test_wait_until ((CpTestCondition) cp_window_get_n_banners, window, "the error banner");
  errors = cp_test_window_banner_texts (window);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_true (g_str_has_prefix (errors->pdata[0], "“Beta” could not be reloaded, and shows the text read before."));
  g_assert_nonnull (strstr (errors->pdata[0], "beta.txt"));
  g_assert_cmpstr (cp_document_get_text (cp_comparison_get_document (comparison, 1)), ==, old_text);
  g_assert_cmpuint (cp_comparison_get_n_documents (comparison), ==, 2);
}

/* Deleted: the review stays, with its text, and its header says so; a
 * notice says it once. Back again: Reload is offered. */
static void
test_deleted (Fixture       *fixture,
              gconstpointer  data)
{
  CpWindow *window = fixture->window;
  CpComparison *comparison = cp_window_get_comparison (window);
  CpDocument *document = cp_comparison_get_document (comparison, 1);
  CpReviewPane *pane = cp_window_get_pane (window, 1);
  g_autofree char *text = g_strdup (cp_document_get_text (document));
  g_autofree char *banner = NULL;

  g_assert_false (cp_review_pane_get_file_missing (pane));
  g_assert_false (g_str_has_prefix (pane_subtitle (pane), "Deleted"));
  g_assert_no_errno (g_unlink (g_file_peek_path (fixture->files[1])));
  cp_test_wait_until (pane_file_missing, pane, "the header to say the file is gone");

  g_assert_true (g_str_has_prefix (pane_subtitle (pane), "Deleted on disk — open from memory · "));
  g_assert_cmpstr (cp_window_get_notice (window), ==,
                   "The file of “Beta” was deleted or moved away. The review stays open from memory.");
  g_assert_null (window->changed_banner);
  g_assert_cmpuint (cp_window_get_n_panes (window), ==, 2);
  g_assert_true (cp_comparison_get_document (comparison, 1) == document);
  g_assert_cmpstr (cp_document_get_text (document), ==, text);
  g_assert_false (cp_review_pane_get_file_missing (cp_window_get_pane (window, 0)));
  g_free (cp_test_save_screenshot (GTK_WIDGET (window), "window-monitor-deleted.png"));

  /* Back again */
  write_in_place (fixture->files[1], "Beta is back.\n\nThe earthquake again.\n");
  cp_test_wait_until (has_changed_banner, window, "the banner that offers Reload");
  g_assert_false (cp_review_pane_get_file_missing (pane));
  banner = dup_banner_text (window);
  g_assert_cmpstr (banner, ==, "“Beta” changed on disk.");
  g_free (cp_test_save_screenshot (GTK_WIDGET (window), "window-monitor-banner.png"));

  /* Dismissed: not offered again until the next change */
  g_signal_emit_by_name (find_dismiss_button (window), "clicked");
  g_assert_null (window->changed_banner);
  g_assert_cmpuint (cp_window_get_n_banners (window), ==, 0);
}

/* A save by rename (a new file renamed over the review) is one change,
 * never a delete */
static void
test_save_by_rename (Fixture       *fixture,
                     gconstpointer  data)
{
  static const int moved[] = { 5, -1 };
  g_autofree char *new_text = make_text ("Beta, saved again", moved);
  CpWindow *window = fixture->window;
  CpReviewPane *pane = cp_window_get_pane (window, 1);
  guint n_missing = 0;

  g_signal_connect (pane, "notify::file-missing", G_CALLBACK (count_cb), &n_missing);
  write_by_rename (fixture->files[1], new_text);
  cp_test_wait_until (has_changed_banner, window, "the banner that offers Reload");
  /* Once the events settled, it is still one change */
  cp_test_wait_for_frames (GTK_WIDGET (window), 10);
  g_assert_cmpuint (n_missing, ==, 0);
  g_assert_false (cp_review_pane_get_file_missing (pane));
  g_assert_null (cp_window_get_notice (window));
  g_assert_cmpuint (cp_window_get_n_banners (window), ==, 1);
  g_signal_handlers_disconnect_by_func (pane, count_cb, &n_missing);

  cp_window_reload_changed (window);
  wait_for_text (window, 1, new_text);
  g_assert_false (cp_review_pane_get_file_missing (cp_window_get_pane (window, 1)));
}

/* Watched: the reviews read from files, not pasted text nor the reviews
 * of a comparison file, whose text is in that file */
static void
test_what_is_watched (Fixture       *fixture,
                      gconstpointer  data)
{
  CpWindow *window = fixture->window;
  CpComparison *comparison = cp_window_get_comparison (window);
  g_autoptr(GFile) source = cp_test_tree_add_file (fixture->tree, "gamma.txt", "Gamma.", -1);
  CpDocumentInfo info = { .format = "text" };
  g_autoptr(CpDocument) embedded = cp_document_new_from_import (source, "gamma.txt", "Gamma, as kept.", -1, &info);
  g_autoptr(CpDocument) pasted = cp_document_new_from_text ("pasted", "Pasted.", -1);
  CpDocument *first = cp_comparison_get_document (comparison, 0);

  cp_document_set_embedded (embedded, TRUE);
  cp_comparison_append_document (comparison, embedded);
  cp_comparison_append_document (comparison, pasted);
  g_assert_cmpuint (g_hash_table_size (window->watches), ==, 2);
  g_assert_true (g_hash_table_contains (window->watches, first));
  g_assert_true (g_hash_table_contains (window->watches, cp_comparison_get_document (comparison, 1)));
  g_assert_false (g_hash_table_contains (window->watches, embedded));

  /* Closed: no longer watched */
  cp_comparison_remove_document (comparison, 0);
  g_assert_cmpuint (g_hash_table_size (window->watches), ==, 1);
  g_assert_false (g_hash_table_contains (window->watches, first));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  data_home = g_test_build_filename (G_TEST_BUILT, "test-window-monitor-home", NULL);
  cp_test_set_home (data_home);

  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  application = cp_test_application_new ();

  g_test_add ("/app/monitor/reload-keeps-place", Fixture, NULL, fixture_set_up, test_reload_keeps_place, fixture_tear_down);
  g_test_add ("/app/monitor/reload-keeps-top", Fixture, NULL, fixture_set_up, test_reload_keeps_top, fixture_tear_down);
  g_test_add ("/app/monitor/reload-all", Fixture, NULL, fixture_set_up, test_reload_all, fixture_tear_down);
  g_test_add ("/app/monitor/deleted", Fixture, NULL, fixture_set_up, test_deleted, fixture_tear_down);
  g_test_add ("/app/monitor/what-is-watched", Fixture, NULL, fixture_set_up, test_what_is_watched, fixture_tear_down);
  g_test_add ("/app/monitor/save-by-rename", Fixture, NULL, fixture_set_up, test_save_by_rename, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  g_free (data_home);

  return status;
}
