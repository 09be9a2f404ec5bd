/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reviews as they arrive, in the window: the byline in the pane header,
 * Paste as New Review, drops, Save Text As and the progress of a long
 * load. A fake importer (cp-test-fake-importer.h) stands for the readers
 * of web pages, PDFs and documents.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "cp-application.h"
#include "cp-window-private.h"
#include "cp-test-fake-importer.h"
#include "cp-test-gtk-utils.h"

#define WINDOW_WIDTH 1400
#define WINDOW_HEIGHT 800

#define FAKE_TEXT \
  "An artist against the state.\n" \
  "\n" \
  "The film follows Ai Weiwei for three years, from the Sichuan earthquake to Twitter."

static CpApplication *application;
static char *data_home;

typedef struct
{
  CpWindow   *window;
  CpTestTree *tree;
} Fixture;

/* {{{ Fixture and helpers */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *pasted = g_build_filename (data_home, "counterpoint", "pasted", NULL);

  /* Each test pastes into an empty folder */
  cp_test_remove_tree (pasted);
  fixture->tree = cp_test_tree_new ("cp-window-import");
  fixture->window = cp_window_new (application);
  /* A notice stays until a test says otherwise: a slow build (under the
   * sanitizers) must not see one go before the test reads it */
  cp_window_set_notice_timeout (fixture->window, 10 * 60 * 1000);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  CpWindow *window = fixture->window;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  cp_test_destroy_window (GTK_WINDOW (fixture->window));
  g_assert_null (window);
  g_clear_pointer (&fixture->tree, cp_test_tree_free);
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", FALSE, NULL);
}

/* A file in the fake format, with the metadata given (NULL: none) */
static GFile *
add_fake (Fixture    *fixture,
          const char *name,
          const char *title,
          const char *author,
          const char *site,
          const char *date,
          guint       delay_ms,
          const char *text)
{
  g_autoptr(GString) contents = g_string_new (CP_TEST_FAKE_MAGIC "\n");

  if (title != NULL)
    g_string_append_printf (contents, "title: %s\n", title);
  if (author != NULL)
    g_string_append_printf (contents, "author: %s\n", author);
  if (site != NULL)
    g_string_append_printf (contents, "site: %s\n", site);
  if (date != NULL)
    g_string_append_printf (contents, "date: %s\n", date);
  if (delay_ms > 0)
    g_string_append_printf (contents, "delay-ms: %u\n", delay_ms);
  g_string_append_printf (contents, "\n%s", text);

  return cp_test_tree_add_file (fixture->tree, name, contents->str, contents->len);
}

static gboolean
nothing_loading (gpointer user_data)
{
  return cp_window_get_n_loading (user_data) == 0;
}

/* Short reviews are shorter than their views: wait for the load and the
 * layout only */
static void
wait_loaded (CpWindow *window)
{
  cp_test_wait_until (nothing_loading, window, "the reviews to load");
  cp_test_wait_for_layout (GTK_WIDGET (window));
}

typedef struct
{
  CpWindow *window;
  guint     n_panes;
} PaneCount;

static gboolean
has_panes (gpointer user_data)
{
  PaneCount *count = user_data;

  return cp_window_get_n_loading (count->window) == 0 && cp_window_get_n_panes (count->window) == count->n_panes;
}

static void
wait_for_panes (CpWindow *window,
                guint     n_panes)
{
  PaneCount count = { window, n_panes };

  cp_test_wait_until (has_panes, &count, "the new review's pane");
  cp_test_wait_for_layout (GTK_WIDGET (window));
}

static gboolean
has_notice (gpointer user_data)
{
  return cp_window_get_notice (user_data) != NULL;
}

static gboolean
no_notice (gpointer user_data)
{
  return cp_window_get_notice (user_data) == NULL;
}

static gboolean
has_banner (gpointer user_data)
{
  return cp_window_get_n_banners (user_data) > 0;
}

/* The header's line under the title */
static GtkLabel *
subtitle_label (CpReviewPane *pane)
{
  g_autoptr(GPtrArray) labels = cp_test_find_widgets (cp_review_pane_get_header (pane), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], "caption"))
      return labels->pdata[i];
  g_assert_not_reached ();
}

static GtkLabel *
title_label (CpReviewPane *pane)
{
  g_autoptr(GPtrArray) labels = cp_test_find_widgets (cp_review_pane_get_header (pane), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], "heading"))
      return labels->pdata[i];
  g_assert_not_reached ();
}

static void
assert_headers_alike (CpWindow *window)
{
  int height = gtk_widget_get_height (cp_review_pane_get_header (cp_window_get_pane (window, 0)));

  g_assert_cmpint (height, >, 0);
  for (guint i = 1; i < cp_window_get_n_panes (window); i++)
    g_assert_cmpint (gtk_widget_get_height (cp_review_pane_get_header (cp_window_get_pane (window, i))), ==, height);
}

static char *
pasted_path (const char *name)
{
  return g_build_filename (data_home, "counterpoint", "pasted", name, NULL);
}

static guint
count_pasted (void)
{
  g_autofree char *dir_path = g_build_filename (data_home, "counterpoint", "pasted", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
assert_file_contents (const char *path,
                      const char *expected)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action_name)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *action = NULL;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
          g_str_equal (action, action_name))
        return TRUE;
      for (guint l = 0; l < 2; l++)
        {
          link = g_menu_model_get_item_link (menu, i, l == 0 ? G_MENU_LINK_SECTION : G_MENU_LINK_SUBMENU);
          if (link != NULL)
            {
              gboolean found = menu_has_action (link, action_name);

              g_object_unref (link);
              if (found)
                return TRUE;
            }
        }
    }
  return FALSE;
}

static void
set_clipboard_html (CpWindow   *window,
                    const char *html,
                    const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (html, strlen (html));
  GdkContentProvider *providers[2];
  g_autoptr(GdkContentProvider) content = NULL;
  guint n = 0;

  providers[n++] = gdk_content_provider_new_for_bytes ("text/html", bytes);
  if (text != NULL)
    providers[n++] = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  content = gdk_content_provider_new_union (providers, n);
  g_assert_true (gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (window)), content));
}

static gboolean
drop_value (CpWindow     *window,
            const GValue *value)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (cp_window_get_drop_target (window), "drop", value, 100.0, 100.0, &handled);
  return handled;
}

/* }}} */

/* {{{ What a review carries */

/* The header says who wrote the review and where when its source does,
 * its file when not; the headers keep one height, focused or not; the
 * tooltip tells all that is known */
static void
test_header_byline (Fixture       *fixture,
                    gconstpointer  data)
{
  CpWindow *window = fixture->window;
  g_autoptr(GFile) page = add_fake (fixture, "never-sorry.fake", "Never Sorry, reviewed", "Jane Doe", "The Paper",
                                    "2012-07-27T09:30:00+01:00", 0, FAKE_TEXT);
  g_autoptr(GFile) outlet = add_fake (fixture, "outlet.fake", "An outlet's take", NULL, "Film Weekly", NULL, 0,
                                      "Ai Weiwei, and Twitter.");
  g_autoptr(GFile) plain = cp_test_tree_add_file (fixture->tree, "plain.txt", "A plain review\n\nIt names no one.", -1);
  GFile *files[] = { page, outlet, plain };
  g_autofree char *page_path = g_file_get_path (page);
  g_autofree char *tooltip = NULL;
  g_autofree char *expected = NULL;
  const char *subtitle;
  int height;

  cp_window_open_files (window, files, G_N_ELEMENTS (files));
  wait_loaded (window);
  g_assert_cmpuint (cp_window_get_n_panes (window), ==, 3);

  g_assert_cmpstr (gtk_label_get_label (title_label (cp_window_get_pane (window, 0))), ==, "Never Sorry, reviewed");
  subtitle = gtk_label_get_label (subtitle_label (cp_window_get_pane (window, 0)));
  g_test_message ("%s", subtitle);
  g_assert_true (g_str_has_prefix (subtitle, "Jane Doe · The Paper · 19 words · "));
  subtitle = gtk_label_get_label (subtitle_label (cp_window_get_pane (window, 1)));
  g_assert_true (g_str_has_prefix (subtitle, "Film Weekly · 4 words · "));
  subtitle = gtk_label_get_label (subtitle_label (cp_window_get_pane (window, 2)));
  g_assert_true (g_str_has_prefix (subtitle, "plain.txt · 7 words · "));

  expected = g_strdup_printf ("Review 1: Never Sorry, reviewed\nBy Jane Doe\nPublished by The Paper\n"
                              "Date: 2012-07-27\nfake · %s\nDouble-click to rename it", page_path);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (title_label (cp_window_get_pane (window, 0)))), ==, expected);
  g_assert_true (g_str_has_prefix (expected, gtk_widget_get_tooltip_text (GTK_WIDGET (subtitle_label (cp_window_get_pane (window, 0))))));
  tooltip = g_strdup (gtk_widget_get_tooltip_text (GTK_WIDGET (title_label (cp_window_get_pane (window, 2)))));
  g_assert_true (g_str_has_prefix (tooltip, "Review 3: A plain review\nPlain text · "));
  g_assert_null (strstr (tooltip, "By "));

  assert_headers_alike (window);
  height = gtk_widget_get_height (cp_review_pane_get_header (cp_window_get_pane (window, 2)));
  g_free (cp_test_save_screenshot (GTK_WIDGET (window), "window-import-byline.png"));

  /* Focusing a topic changes the counts, not the headers' height */
  cp_window_set_focus_topic (window, 0);
  cp_test_wait_for_layout (GTK_WIDGET (window));
  assert_headers_alike (window);
  g_assert_cmpint (gtk_widget_get_height (cp_review_pane_get_header (cp_window_get_pane (window, 0))), ==, height);

  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", TRUE, NULL);
  cp_test_wait_for_layout (GTK_WIDGET (window));
  assert_headers_alike (window);
  g_free (cp_test_save_screenshot (GTK_WIDGET (window), "window-import-byline-dark.png"));
}

/* }}} */

/* {{{ Paste */

/* Ctrl+Shift+V: the clipboard's text becomes a review titled from its
 * first line, kept in the data folder, opened from there; the same text
 * again is the same file, already open */
static void
test_paste_text (Fixture       *fixture,
                 gconstpointer  data)
{
  CpWindow *window = fixture->window;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autofree char *path = pasted_path ("Ai Weiwei - Never Sorry.txt");
  g_autofree char *uri = NULL;
  CpDocument *document;

  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (window->menu_button), "win.paste-review"));

  gdk_clipboard_set_text (clipboard, "\n\n  Ai Weiwei / Never Sorry\n\nA portrait of the artist.\n\n");
  cp_test_press_key (GTK_WIDGET (window), GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.paste-review");
  wait_for_panes (window, 1);

  document = cp_comparison_get_document (cp_window_get_comparison (window), 0);
  g_assert_cmpstr (cp_document_get_title (document), ==, "Ai Weiwei / Never Sorry");
  g_assert_cmpstr (cp_document_get_text (document), ==, "  Ai Weiwei / Never Sorry\n\nA portrait of the artist.\n");
  g_assert_nonnull (cp_document_get_file (document));
  uri = g_file_get_path (cp_document_get_file (document));
  g_assert_cmpstr (uri, ==, path);
  assert_file_contents (path, "  Ai Weiwei / Never Sorry\n\nA portrait of the artist.\n");
  g_assert_cmpstr (gtk_label_get_label (title_label (cp_window_get_pane (window, 0))), ==, "Ai Weiwei / Never Sorry");

  /* The same again: no second file, and a notice that it is open */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste-review", NULL));
  cp_test_wait_until (has_notice, window, "the notice that the review is open");
  wait_loaded (window);
  g_assert_cmpuint (cp_window_get_n_panes (window), ==, 1);
  g_assert_cmpuint (count_pasted (), ==, 1);
  g_assert_cmpstr (cp_window_get_notice (window), ==, "“Ai Weiwei - Never Sorry.txt” is already open.");

  /* Another text under the same first line is a file of its own */
  gdk_clipboard_set_text (clipboard, "Ai Weiwei / Never Sorry\n\nAnother review.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste-review", NULL));
  wait_for_panes (window, 2);
  g_free (path);
  path = pasted_path ("Ai Weiwei - Never Sorry (2).txt");
  assert_file_contents (path, "Ai Weiwei / Never Sorry\n\nAnother review.\n");
  g_assert_cmpuint (count_pasted (), ==, 2);
}

/* The clipboard's HTML goes through the importer that reads it; what is
 * kept is the text it extracted, titled from its first line */
static void
test_paste_html (Fixture       *fixture,
                 gconstpointer  data)
{
  CpWindow *window = fixture->window;
  guint n_imports = cp_test_fake_importer_get_n_imports ();
  g_autofree char *path = pasted_path ("An artist against the state.txt");
  CpDocument *document;

  set_clipboard_html (window,
                      CP_TEST_FAKE_MAGIC "\ntitle: The page's headline\nauthor: Jane Doe\n\n" FAKE_TEXT,
                      "The text the browser offers too");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste-review", NULL));
  wait_for_panes (window, 1);

  g_assert_cmpuint (cp_test_fake_importer_get_n_imports (), ==, n_imports + 1);
  document = cp_comparison_get_document (cp_window_get_comparison (window), 0);
  g_assert_cmpstr (cp_document_get_text (document), ==, FAKE_TEXT "\n");
  g_assert_cmpstr (cp_document_get_title (document), ==, "An artist against the state.");
  assert_file_contents (path, FAKE_TEXT "\n");
}

/* HTML that no importer reads: the clipboard's text instead; with no text
 * either, a notice */
static void
test_paste_html_fallback (Fixture       *fixture,
                          gconstpointer  data)
{
  CpWindow *window = fixture->window;
  g_autofree char *path = pasted_path ("The text the browser offers too.txt");

  set_clipboard_html (window, "Words that no reader of web pages takes for one", "The text the browser offers too\n\nAnd more.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste-review", NULL));
  wait_for_panes (window, 1);
  assert_file_contents (path, "The text the browser offers too\n\nAnd more.\n");

  /* A page the importer refuses, with no text beside it */
  set_clipboard_html (window, CP_TEST_FAKE_MAGIC "\nfail: no-text\n\n", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste-review", NULL));
  cp_test_wait_until (has_notice, window, "the notice that there is nothing to paste");
  g_assert_cmpstr (cp_window_get_notice (window), ==, "There is no text to paste. Copy the text of a review first.");
  g_assert_cmpuint (cp_window_get_n_panes (window), ==, 1);
  g_assert_cmpuint (count_pasted (), ==, 1);
}

/* Nothing on the clipboard, or only blanks: a notice, no review */
static void
test_paste_empty (Fixture       *fixture,
                  gconstpointer  data)
{
  CpWindow *window = fixture->window;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));

  gdk_clipboard_set_content (clipboard, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste-review", NULL));
  cp_test_wait_until (has_notice, window, "the notice that there is nothing to paste");
  g_assert_cmpstr (cp_window_get_notice (window), ==, "There is no text to paste. Copy the text of a review first.");

  cp_window_set_notice_timeout (window, 50);
  cp_test_wait_until (no_notice, window, "the notice to go");
  cp_window_set_notice_timeout (window, 60 * 1000);
  gdk_clipboard_set_text (clipboard, " \n\t\n ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste-review", NULL));
  cp_test_wait_until (has_notice, window, "the notice that there is nothing to paste");
  cp_test_drain_main_context ();
  g_assert_cmpuint (cp_window_get_n_panes (window), ==, 0);
  g_assert_cmpuint (count_pasted (), ==, 0);
}

/* }}} */

/* {{{ Drops */

/* Files from a file manager open; a web address is refused, saying what to
 * do, and the others still open */
static void
test_drop_files (Fixture       *fixture,
                 gconstpointer  data)
{
  CpWindow *window = fixture->window;
  g_autoptr(GFile) page = add_fake (fixture, "page.fake", "A dropped page", "Jane Doe", NULL, NULL, 0, FAKE_TEXT);
  g_autoptr(GFile) plain = cp_test_tree_add_file (fixture->tree, "plain.txt", "A plain review\n\nText.", -1);
  g_autoptr(GFile) web = g_file_new_for_uri ("https://example.com/never-sorry-review");
  GFile *files[] = { page, web, plain };
  g_autoptr(GPtrArray) banners = NULL;
  GValue value = G_VALUE_INIT;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, G_N_ELEMENTS (files)));
  g_assert_true (drop_value (window, &value));
  g_value_unset (&value);
  wait_for_panes (window, 2);

  g_assert_cmpstr (cp_document_get_title (cp_comparison_get_document (cp_window_get_comparison (window), 0)), ==,
                   "A dropped page");
  g_assert_cmpstr (cp_document_get_author (cp_comparison_get_document (cp_window_get_comparison (window), 0)), ==,
                   "Jane Doe");
  g_assert_cmpstr (cp_document_get_title (cp_comparison_get_document (cp_window_get_comparison (window), 1)), ==,
                   "A plain review");
  banners = cp_test_window_banner_texts (window);
  g_assert_cmpuint (banners->len, ==, 1);
  g_assert_cmpstr (banners->pdata[0], ==,
                   "“https://example.com/never-sorry-review” is a web address, and Counterpoint does not fetch pages. "
                   "Save the page in your browser and open the file, or copy its text and paste it as a new review.");
}

/* A browser's text becomes a review as a paste does; a list of file
 * addresses as text opens the files */
static void
test_drop_text (Fixture       *fixture,
                gconstpointer  data)
{
  CpWindow *window = fixture->window;
  g_autoptr(GFile) plain = cp_test_tree_add_file (fixture->tree, "listed.txt", "A listed review\n\nText.", -1);
  g_autofree char *uri = g_file_get_uri (plain);
  g_autofree char *uri_list = g_strdup_printf ("# from a file manager\r\n%s\r\n", uri);
  g_autofree char *path = pasted_path ("Dropped from a browser.txt");
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "Dropped from a browser\n\nIt mentions Twitter.");
  g_assert_true (drop_value (window, &value));
  wait_for_panes (window, 1);
  assert_file_contents (path, "Dropped from a browser\n\nIt mentions Twitter.\n");

  g_value_set_string (&value, uri_list);
  g_assert_true (drop_value (window, &value));
  g_value_unset (&value);
  wait_for_panes (window, 2);
  g_assert_true (g_file_equal (cp_document_get_file (cp_comparison_get_document (cp_window_get_comparison (window), 1)),
                               plain));
  g_assert_cmpuint (count_pasted (), ==, 1);
}

/* A browser's HTML goes through the importer; one it refuses says why */
static void
test_drop_html (Fixture       *fixture,
                gconstpointer  data)
{
  static const char html[] = CP_TEST_FAKE_MAGIC "\nsite: The Paper\n\n" FAKE_TEXT;
  static const char refused[] = CP_TEST_FAKE_MAGIC "\nfail: no-text\n\n";
  CpWindow *window = fixture->window;
  g_autofree char *path = pasted_path ("An artist against the state.txt");
  g_autoptr(GPtrArray) banners = NULL;
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_BYTES);
  g_value_take_boxed (&value, g_bytes_new_static (html, strlen (html)));
  g_assert_true (drop_value (window, &value));
  wait_for_panes (window, 1);
  assert_file_contents (path, FAKE_TEXT "\n");

  g_value_take_boxed (&value, g_bytes_new_static (refused, strlen (refused)));
  g_assert_true (drop_value (window, &value));
  g_value_unset (&value);
  cp_test_wait_until (has_banner, window, "the banner saying why");
  banners = cp_test_window_banner_texts (window);
  g_assert_cmpstr (banners->pdata[0], ==, "“Dropped text” has no text to read.");
  g_assert_cmpuint (cp_window_get_n_panes (window), ==, 1);
}

/* }}} */

/* {{{ Save Text As */

static void
test_save_text (Fixture       *fixture,
                gconstpointer  data)
{
  CpWindow *window = fixture->window;
  g_autoptr(GFile) page = add_fake (fixture, "page.fake", "Never Sorry, reviewed", NULL, NULL, NULL, 0, FAKE_TEXT);
  g_autofree char *out_path = cp_test_tree_build_path (fixture->tree, "saved.txt");
  g_autofree char *bad_path = cp_test_tree_build_path (fixture->tree, "no-such-folder/saved.txt");
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GPtrArray) banners = NULL;
  g_autofree char *expected_notice = NULL;
  GtkWidget *menu_button;

  cp_window_open_files (window, &page, 1);
  wait_loaded (window);

  menu_button = cp_test_find_widget (cp_review_pane_get_header (cp_window_get_pane (window, 0)), GTK_TYPE_MENU_BUTTON);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), "pane.save-text"));

  g_assert_true (cp_window_save_text (window, 0, out));
  assert_file_contents (out_path, FAKE_TEXT "\n");
  expected_notice = g_strdup_printf ("Saved “saved.txt” in “%s”", strrchr (fixture->tree->path, '/') + 1);
  g_assert_cmpstr (cp_window_get_notice (window), ==, expected_notice);

  /* Saved again over it, whole */
  g_assert_true (cp_window_save_text (window, 0, out));
  assert_file_contents (out_path, FAKE_TEXT "\n");

  g_assert_false (cp_window_save_text (window, 0, bad));
  banners = cp_test_window_banner_texts (window);
  g_assert_cmpuint (banners->len, ==, 1);
  g_assert_true (g_str_has_prefix (banners->pdata[0], "The text of “Never Sorry, reviewed” was not saved: "));
  g_assert_false (g_file_query_exists (bad, NULL));
}

/* }}} */

/* {{{ Many files */

static gboolean
progress_shown (gpointer user_data)
{
  return gtk_revealer_get_reveal_child (CP_WINDOW (user_data)->progress_revealer);
}

/* A load that takes a while shows its progress after half a second, with
 * Cancel; Cancel stops the reading, and nothing of it opens */
static void
test_progress_cancel (Fixture       *fixture,
                      gconstpointer  data)
{
  CpWindow *window = fixture->window;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRegex) label = g_regex_new ("^Reading ([0-9]+) of 12 reviews…$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;
  guint n_imports = cp_test_fake_importer_get_n_imports ();
  gint64 start;
  guint reading;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("slow-%02u.fake", i);

      g_ptr_array_add (files, add_fake (fixture, name, NULL, NULL, NULL, NULL, 250, FAKE_TEXT));
    }

  start = g_get_monotonic_time ();
  cp_window_open_files (window, (GFile **) files->pdata, files->len);
  g_assert_false (progress_shown (window));
  cp_test_wait_until (progress_shown, window, "the progress bar");
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 500 * 1000);
  cp_test_wait_for_layout (GTK_WIDGET (window));

  g_assert_true (g_regex_match (label, gtk_label_get_label (window->progress_label), 0, &match));
  number = g_match_info_fetch (match, 1);
  reading = (guint) g_ascii_strtoull (number, NULL, 10);
  g_assert_cmpuint (reading, >=, 1);
  g_assert_cmpuint (reading, <, 12);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (window->progress_bar), ==, (reading - 1) / 12.0);
  g_free (cp_test_save_screenshot (GTK_WIDGET (window), "window-import-progress.png"));
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", TRUE, NULL);
  cp_test_wait_for_layout (GTK_WIDGET (window));
  g_free (cp_test_save_screenshot (GTK_WIDGET (window), "window-import-progress-dark.png"));

  /* The button cancels */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cp_test_find_button (GTK_WIDGET (window), "_Cancel")),
                                             "win.cancel-loading", NULL));
  cp_test_wait_until (nothing_loading, window, "the cancelled load to stop");
  g_assert_cmpuint (cp_window_get_n_panes (window), ==, 0);
  g_assert_cmpuint (cp_test_fake_importer_get_n_imports () - n_imports, <, 12);
  g_assert_false (progress_shown (window));
  g_assert_cmpstr (cp_window_get_notice (window), ==, "Opening the reviews was cancelled.");
}

static gboolean
adding (gpointer user_data)
{
  CpWindow *window = user_data;

  return cp_comparison_get_n_documents (cp_window_get_comparison (window)) > 0 && cp_window_get_n_loading (window) > 0;
}

/* Cancelled while the reviews read are being added, the batch takes back
 * what it added: the window is as it was */
static void
test_progress_cancel_adding (Fixture       *fixture,
                             gconstpointer  data)
{
  CpWindow *window = fixture->window;
  g_autoptr(GFile) kept = cp_test_tree_add_file (fixture->tree, "kept.txt", "Kept\n\nA review open before.", -1);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  cp_window_open_files (window, &kept, 1);
  wait_loaded (window);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("review-%02u.txt", i);
      g_autofree char *text = g_strdup_printf ("Review %u\n\nIt mentions Twitter and the Tate Modern.", i);

      g_ptr_array_add (files, cp_test_tree_add_file (fixture->tree, name, text, -1));
    }

  cp_window_open_files (window, (GFile **) files->pdata, files->len);
  cp_test_wait_until (adding, window, "the first reviews added");
  cp_window_cancel_loading (window);
  cp_test_wait_until (nothing_loading, window, "the cancelled load to stop");
  wait_loaded (window);
  g_assert_cmpuint (cp_window_get_n_panes (window), ==, 1);
  g_assert_true (g_file_equal (cp_document_get_file (cp_comparison_get_document (cp_window_get_comparison (window), 0)),
                               kept));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (cp_window_get_pane (window, 0))));
}

static void
reveal_changed_cb (GtkRevealer *revealer,
                   GParamSpec  *pspec,
                   guint       *n_changes)
{
  (*n_changes)++;
}

/* A quick load shows no progress at all */
static void
test_progress_quick (Fixture       *fixture,
                     gconstpointer  data)
{
  CpWindow *window = fixture->window;
  g_autoptr(GFile) plain = cp_test_tree_add_file (fixture->tree, "quick.txt", "Quick\n\nA short review.", -1);
  guint n_changes = 0;

  g_signal_connect (window->progress_revealer, "notify::reveal-child", G_CALLBACK (reveal_changed_cb), &n_changes);
  cp_window_open_files (window, &plain, 1);
  wait_loaded (window);
  /* Past the delay, it stays hidden */
  g_usleep (600 * 1000);
  cp_test_drain_main_context ();
  g_assert_cmpuint (n_changes, ==, 0);
  g_assert_false (progress_shown (window));
  g_assert_cmpuint (cp_window_get_n_panes (window), ==, 1);
  g_signal_handlers_disconnect_by_func (window->progress_revealer, reveal_changed_cb, &n_changes);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  data_home = g_test_build_filename (G_TEST_BUILT, "test-window-import-home", NULL);
  cp_test_set_home (data_home);

  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  cp_test_fake_importer_register ();

  application = cp_test_application_new ();

  g_test_add ("/app/import/header-byline", Fixture, NULL, fixture_set_up, test_header_byline, fixture_tear_down);
  g_test_add ("/app/import/paste-text", Fixture, NULL, fixture_set_up, test_paste_text, fixture_tear_down);
  g_test_add ("/app/import/paste-html", Fixture, NULL, fixture_set_up, test_paste_html, fixture_tear_down);
  g_test_add ("/app/import/paste-html-fallback", Fixture, NULL, fixture_set_up, test_paste_html_fallback, fixture_tear_down);
  g_test_add ("/app/import/paste-empty", Fixture, NULL, fixture_set_up, test_paste_empty, fixture_tear_down);
  g_test_add ("/app/import/drop-files", Fixture, NULL, fixture_set_up, test_drop_files, fixture_tear_down);
  g_test_add ("/app/import/drop-text", Fixture, NULL, fixture_set_up, test_drop_text, fixture_tear_down);
  g_test_add ("/app/import/drop-html", Fixture, NULL, fixture_set_up, test_drop_html, fixture_tear_down);
  g_test_add ("/app/import/save-text", Fixture, NULL, fixture_set_up, test_save_text, fixture_tear_down);
  g_test_add ("/app/import/progress-cancel", Fixture, NULL, fixture_set_up, test_progress_cancel, fixture_tear_down);
  g_test_add ("/app/import/progress-cancel-adding", Fixture, NULL, fixture_set_up, test_progress_cancel_adding, fixture_tear_down);
  g_test_add ("/app/import/progress-quick", Fixture, NULL, fixture_set_up, test_progress_quick, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  g_free (data_home);

  return status;
}
