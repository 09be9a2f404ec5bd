/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Mentions window over the sample reviews: its rows are the core's
 * mentions, activating one brings the panes to it, it follows the focus,
 * and what it copies and exports reads back.
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "cp-application.h"
#include "cp-matcher.h"
#include "cp-mentions-view.h"
#include "cp-topic-list-row.h"
#include "cp-window-private.h"
#include "cp-test-gtk-utils.h"

static CpApplication *application;
static char *data_home;

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
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  cp_test_window_open_files (fixture->window, (GFile **) fixture->samples->pdata, fixture->samples->len);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  cp_test_destroy_window (GTK_WINDOW (fixture->window));
  g_clear_pointer (&fixture->samples, g_ptr_array_unref);
}

static guint
topic_index (CpWindow   *window,
             const char *id)
{
  CpTopicSet *topics = cp_comparison_get_topics (cp_window_get_comparison (window));
  guint position = G_MAXUINT;

  g_assert_nonnull (cp_topic_set_lookup (topics, id, &position));

  return position;
}

static CpMentionsView *
find_view (CpWindow *window)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL; l = l->next)
    if (CP_IS_MENTIONS_VIEW (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      return l->data;

  return NULL;
}

/* Opens the view with Ctrl+Shift+M on the window, as the reader would */
static CpMentionsView *
open_view (Fixture *fixture)
{
  CpMentionsView *view;

  cp_test_press_key (GTK_WIDGET (fixture->window), GDK_KEY_m, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.show-mentions");
  view = find_view (fixture->window);
  g_assert_nonnull (view);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (view)) == GTK_WINDOW (fixture->window));
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (view)));
  cp_test_wait_for_draw (GTK_WIDGET (view));

  return view;
}

/* Every column of the view holds the core's mentions of @topic in its
 * review, in text order, with the same text: the rows of its list view
 * are those of the core, compared one by one */
static guint
assert_rows_are_mentions (CpWindow       *window,
                          CpMentionsView *view,
                          guint           topic)
{
  CpComparison *comparison = cp_window_get_comparison (window);
  CpKwic *kwic = cp_mentions_view_get_kwic (view);
  guint n_documents = cp_comparison_get_n_documents (comparison);
  guint total = 0;

  g_assert_nonnull (kwic);
  g_assert_cmpuint (cp_kwic_get_n_columns (kwic), ==, n_documents);
  for (guint d = 0; d < n_documents; d++)
    {
      CpDocument *document = cp_comparison_get_document (comparison, d);
      CpMentions *mentions = cp_comparison_get_mentions_for_document (comparison, document);
      GtkListView *list_view = cp_mentions_view_get_list_view (view, d);
      GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list_view));
      g_autofree char *title = cp_comparison_dup_display_title (comparison, d);
      guint row = 0;

      /* In pane order, headed by the review's title */
      g_assert_true (cp_review_pane_get_document (cp_window_get_pane (window, d)) == document);
      g_assert_cmpstr (cp_kwic_get_column_title (kwic, d), ==, title);
      g_assert_nonnull (cp_test_find_label (GTK_WIDGET (view), title));

      for (guint i = 0; i < cp_mentions_get_n_mentions (mentions); i++)
        {
          const CpMention *m = cp_mentions_get_mention (mentions, i);
          g_autoptr(CpKwicRow) item = NULL;
          g_autofree char *text = NULL;

          if (m->topic != topic)
            continue;
          item = g_list_model_get_item (model, row++);
          g_assert_nonnull (item);
          text = g_strndup (cp_document_get_text (document) + m->start, m->end - m->start);
          g_assert_cmpstr (cp_kwic_row_get_keyword (item), ==, text);
          g_assert_cmpuint (cp_kwic_row_get_index (item), ==, i);
          g_assert_cmpuint (cp_kwic_row_get_start (item), ==, m->start);
          g_assert_true (cp_kwic_row_get_document (item) == document);
        }
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, row);
      g_assert_cmpuint (row, ==, cp_comparison_get_count (comparison, topic, d));
      total += row;
    }

  return total;
}

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  guint seeds = topic_index (fixture->window, "sunflower-seeds");
  guint twitter = topic_index (fixture->window, "twitter");
  CpMentionsView *view;
  g_autofree char *title = NULL;
  CpTopic *topic;

  cp_window_set_focus_topic (fixture->window, seeds);
  cp_test_window_settle (fixture->window);
  view = open_view (fixture);
  topic = cp_topic_set_get_topic (cp_comparison_get_topics (cp_window_get_comparison (fixture->window)), seeds);
  title = g_strdup_printf ("Mentions of “%s”", cp_topic_get_display_label (topic));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (view)), ==, title);
  g_assert_cmpuint (assert_rows_are_mentions (fixture->window, view, seeds), ==,
                    cp_comparison_get_total (cp_window_get_comparison (fixture->window), seeds));
  g_assert_cmpuint (cp_comparison_get_total (cp_window_get_comparison (fixture->window), seeds), >, 0);
  /* The keyboard starts in the first review's mentions */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (view));
    GtkWidget *first = GTK_WIDGET (cp_mentions_view_get_list_view (view, 0));

    g_assert_nonnull (focus);
    g_assert_true (focus == first || gtk_widget_is_ancestor (focus, first));
  }

  /* It follows the focus */
  cp_window_set_focus_topic (fixture->window, twitter);
  cp_test_window_settle (fixture->window);
  assert_rows_are_mentions (fixture->window, view, twitter);

  /* and a re-tagging: a term more, rows more */
  topic = cp_topic_set_get_topic (cp_comparison_get_topics (cp_window_get_comparison (fixture->window)), twitter);
  cp_topic_add_term (topic, "film");
  cp_test_window_settle (fixture->window);
  assert_rows_are_mentions (fixture->window, view, twitter);

  /* The same key again keeps one view */
  g_assert_true (open_view (fixture) == view);
  cp_test_destroy_window (GTK_WINDOW (view));
}

/* Activating a row (a click, Enter) brings every pane to it: the review's
 * current mention is the row's, the others that of the same rank */
static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  guint twitter = topic_index (fixture->window, "twitter");
  CpFocus *focus = cp_window_get_focus (fixture->window);
  CpComparison *comparison = cp_window_get_comparison (fixture->window);
  CpMentionsView *view;
  GtkListView *list_view;
  g_autoptr(CpKwicRow) row = NULL;
  guint column = 1;
  guint n;

  cp_window_set_focus_topic (fixture->window, twitter);
  cp_test_window_settle (fixture->window);
  view = open_view (fixture);

  list_view = cp_mentions_view_get_list_view (view, column);
  n = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list_view)));
  g_assert_cmpuint (n, >=, 2);
  row = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list_view)), n - 1);
  g_assert_cmpint (cp_focus_get_current (focus, cp_kwic_row_get_document (row)), !=, (int) cp_kwic_row_get_index (row));

  gtk_widget_activate_action (GTK_WIDGET (list_view), "list.activate-item", "u", n - 1);
  cp_test_window_settle (fixture->window);

  g_assert_cmpint (cp_focus_get_topic_index (focus), ==, twitter);
  g_assert_cmpint (cp_focus_get_current (focus, cp_kwic_row_get_document (row)), ==, (int) cp_kwic_row_get_index (row));
  g_assert_true (cp_focus_get_anchor (focus) == cp_kwic_row_get_document (row));
  /* The row is the selected one of its column */
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (list_view))), ==, n - 1);
  for (guint d = 0; d < cp_comparison_get_n_documents (comparison); d++)
    {
      CpDocument *document = cp_comparison_get_document (comparison, d);
      CpMentions *mentions = cp_comparison_get_mentions_for_document (comparison, document);
      guint count = cp_comparison_get_count (comparison, twitter, d);
      int current = cp_focus_get_current (focus, document);

      if (count == 0)
        continue;
      g_assert_cmpint (current, >=, 0);
      g_assert_cmpuint (cp_mentions_get_mention (mentions, current)->topic, ==, twitter);
      g_assert_cmpuint (cp_mentions_get_rank (mentions, current), ==, MIN (n - 1, count - 1));
    }

  /* F3 in the window: the next mention is selected in each column */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-mention", NULL);
  cp_test_window_settle (fixture->window);
  for (guint d = 0; d < cp_comparison_get_n_documents (comparison); d++)
    {
      CpDocument *document = cp_comparison_get_document (comparison, d);
      GtkSelectionModel *model = gtk_list_view_get_model (cp_mentions_view_get_list_view (view, d));
      guint selected = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model));
      int current = cp_focus_get_current (focus, document);
      g_autoptr(CpKwicRow) shown = NULL;

      if (current < 0)
        {
          g_assert_cmpuint (selected, ==, GTK_INVALID_LIST_POSITION);
          continue;
        }
      shown = g_list_model_get_item (G_LIST_MODEL (model), selected);
      g_assert_nonnull (shown);
      g_assert_cmpuint (cp_kwic_row_get_index (shown), ==, current);
    }

  cp_test_destroy_window (GTK_WINDOW (view));
}

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

/* Copy (Ctrl+C) puts every row on the clipboard as text; Export writes
 * CSV or HTML by the file's name, and says why it cannot */
static void
test_copy_export (Fixture       *fixture,
                  gconstpointer  data)
{
  guint seeds = topic_index (fixture->window, "sunflower-seeds");
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("mentions-export");
  g_autofree char *csv_path = cp_test_tree_build_path (tree, "seeds.csv");
  g_autofree char *html_path = cp_test_tree_build_path (tree, "seeds.html");
  g_autofree char *missing_path = cp_test_tree_build_path (tree, "no/such/folder/seeds.csv");
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GFile) html_file = g_file_new_for_path (html_path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autofree char *expected = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *html = NULL;
  g_autoptr(GError) error = NULL;
  CpMentionsView *view;
  CpKwic *kwic;
  const char *line;
  guint n_lines = 0;

  cp_window_set_focus_topic (fixture->window, seeds);
  cp_test_window_settle (fixture->window);
  view = open_view (fixture);
  kwic = cp_mentions_view_get_kwic (view);

  cp_test_press_key (GTK_WIDGET (view), GDK_KEY_c, GDK_CONTROL_MASK, "mentions.copy");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (view)), NULL, read_text_cb, &copied);
  cp_test_wait_for_pointer (&copied, "the clipboard's text");
  expected = cp_kwic_to_text (kwic, NULL);
  g_assert_cmpstr (copied, ==, expected);
  /* a heading per review, a line per mention, a blank line between */
  for (const char *p = copied; *p != '\0'; p++)
    n_lines += *p == '\n';
  g_assert_cmpuint (n_lines, ==, cp_kwic_get_n_rows (kwic) + 2 * cp_kwic_get_n_columns (kwic) - 1);

  g_assert_true (cp_mentions_view_export (view, csv_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "review,number,offset,left,keyword,right\r\n"));
  n_lines = 0;
  for (line = csv; (line = strstr (line, "\r\n")) != NULL; line += 2)
    n_lines++;
  g_assert_cmpuint (n_lines, ==, cp_kwic_get_n_rows (kwic) + 1);

  g_assert_true (cp_mentions_view_export (view, html_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
  {
    static const GMarkupParser parser = { NULL, NULL, NULL, NULL, NULL };
    g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
    guint n_rows = 0;

    g_assert_true (g_markup_parse_context_parse (context, html, -1, &error));
    g_assert_true (g_markup_parse_context_end_parse (context, &error));
    g_assert_no_error (error);
    for (line = html; (line = strstr (line, "<tr>")) != NULL; line++)
      n_rows++;
    g_assert_cmpuint (n_rows, ==, cp_kwic_get_n_rows (kwic));
  }

  g_assert_false (cp_mentions_view_export (view, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "“seeds.csv”"));

  cp_test_destroy_window (GTK_WINDOW (view));
}

static gboolean
has_search (gpointer user_data)
{
  return CP_WINDOW (user_data)->search_matcher != NULL;
}

/* A topic's context menu offers its mentions, whichever topic is
 * focused */
static void
test_topic_menu (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = cp_test_find_widgets (GTK_WIDGET (fixture->window), CP_TYPE_TOPIC_LIST_ROW);
  CpTopicListRow *twitter_row = NULL;
  GMenuModel *menu;
  CpMentionsView *view;
  gboolean found = FALSE;

  cp_window_set_focus_topic (fixture->window, topic_index (fixture->window, "sunflower-seeds"));
  cp_test_window_settle (fixture->window);
  for (guint i = 0; i < rows->len; i++)
    {
      CpTopicListItem *item = cp_topic_list_row_get_item (rows->pdata[i]);
      CpTopic *topic = item != NULL ? cp_topic_list_item_get_topic (item) : NULL;

      if (topic != NULL && g_str_equal (cp_topic_get_id (topic), "twitter"))
        twitter_row = rows->pdata[i];
    }
  g_assert_nonnull (twitter_row);

  cp_topic_list_row_popup_menu (twitter_row);
  menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (cp_test_find_widget (GTK_WIDGET (twitter_row), GTK_TYPE_POPOVER_MENU)));
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *action = NULL;
      g_autofree char *target = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
          g_str_equal (action, "win.show-mentions"))
        {
          g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_TARGET, "s", &target));
          g_assert_cmpstr (target, ==, "twitter");
          found = TRUE;
        }
    }
  g_assert_true (found);
  gtk_popover_popdown (GTK_POPOVER (cp_test_find_widget (GTK_WIDGET (twitter_row), GTK_TYPE_POPOVER_MENU)));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-mentions", "s", "twitter");
  view = find_view (fixture->window);
  g_assert_nonnull (view);
  assert_rows_are_mentions (fixture->window, view, topic_index (fixture->window, "twitter"));
  cp_test_destroy_window (GTK_WINDOW (view));
}

/* With no topic focused, the view shows the search: the rows are what
 * the search's matcher finds in each review */
static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  CpComparison *comparison = cp_window_get_comparison (fixture->window);
  g_autoptr(CpMatcher) matcher = cp_matcher_new ();
  CpMentionsView *view;
  CpKwic *kwic;
  guint total = 0;

  cp_window_set_focus_topic (fixture->window, -1);
  gtk_search_bar_set_search_mode (fixture->window->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (fixture->window->search_entry), "porcelain");
  cp_test_wait_until (has_search, fixture->window, "the search");
  view = open_view (fixture);
  kwic = cp_mentions_view_get_kwic (view);
  g_assert_nonnull (kwic);
  g_assert_cmpstr (cp_kwic_get_keyword (kwic), ==, "porcelain");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (view)), ==, "Mentions of “porcelain”");

  g_assert_true (cp_matcher_add_term (matcher, 0, 0, "porcelain", NULL));
  g_assert_true (cp_matcher_compile (matcher, NULL));
  for (guint d = 0; d < cp_comparison_get_n_documents (comparison); d++)
    {
      CpDocument *document = cp_comparison_get_document (comparison, d);
      g_autoptr(GArray) found = cp_matcher_scan (matcher, cp_document_get_text (document), cp_document_get_length (document));
      GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (cp_mentions_view_get_list_view (view, d)));

      g_assert_cmpuint (g_list_model_get_n_items (model), ==, found->len);
      for (guint i = 0; i < found->len; i++)
        {
          g_autoptr(CpKwicRow) row = g_list_model_get_item (model, i);

          g_assert_cmpuint (cp_kwic_row_get_start (row), ==, g_array_index (found, CpMention, i).start);
          g_assert_cmpuint (g_ascii_strcasecmp (cp_kwic_row_get_keyword (row), "porcelain"), ==, 0);
        }
      total += found->len;
    }
  g_assert_cmpuint (total, >, 0);

  /* A row activated leaves the focus alone */
  gtk_widget_activate_action (GTK_WIDGET (cp_mentions_view_get_list_view (view, 0)), "list.activate-item", "u", 0);
  cp_test_window_settle (fixture->window);
  g_assert_cmpint (cp_window_get_focus_topic (fixture->window), ==, -1);

  /* A topic focused takes its place */
  cp_window_set_focus_topic (fixture->window, topic_index (fixture->window, "twitter"));
  cp_test_window_settle (fixture->window);
  assert_rows_are_mentions (fixture->window, view, topic_index (fixture->window, "twitter"));

  cp_test_destroy_window (GTK_WINDOW (view));
}

/* The view in the light and the dark style, left in the build folder
 * to look at */
static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkSettings *settings = gtk_settings_get_default ();
  CpMentionsView *view;
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;

  cp_window_set_focus_topic (fixture->window, topic_index (fixture->window, "sunflower-seeds"));
  cp_test_window_settle (fixture->window);
  view = open_view (fixture);
  cp_test_wait_for_layout (GTK_WIDGET (view));
  light = cp_test_save_screenshot (GTK_WIDGET (view), "mentions-view-light.png");

  g_object_set (settings, "gtk-application-prefer-dark-theme", TRUE, NULL);
  cp_test_wait_for_layout (GTK_WIDGET (view));
  dark = cp_test_save_screenshot (GTK_WIDGET (view), "mentions-view-dark.png");
  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
  assert_rows_are_mentions (fixture->window, view, topic_index (fixture->window, "sunflower-seeds"));

  cp_test_destroy_window (GTK_WINDOW (view));
}

/* With no topic focused and no search the view says what to do; a topic
 * without mentions says so */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  CpTopicSet *topics = cp_comparison_get_topics (cp_window_get_comparison (fixture->window));
  CpMentionsView *view;
  CpTopic *topic;
  guint position;

  cp_window_set_focus_topic (fixture->window, -1);
  view = open_view (fixture);
  g_assert_null (cp_mentions_view_get_kwic (view));
  g_assert_null (cp_mentions_view_get_list_view (view, 0));
  g_assert_false (gtk_widget_is_sensitive (cp_test_find_action_button (GTK_WIDGET (view), "mentions.copy")));

  topic = cp_topic_set_add_new (topics, "Nowhere", (const char *[]) { "zzyzx", NULL });
  g_assert_nonnull (cp_topic_set_lookup (topics, cp_topic_get_id (topic), &position));
  cp_test_window_settle (fixture->window);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-mentions", "s", cp_topic_get_id (topic));
  g_assert_nonnull (cp_mentions_view_get_kwic (view));
  g_assert_cmpuint (cp_kwic_get_n_rows (cp_mentions_view_get_kwic (view)), ==, 0);
  g_assert_nonnull (cp_test_find_label (GTK_WIDGET (view), "No mentions of “Nowhere” in these reviews."));

  cp_topic_set_remove (topics, position);
  cp_test_window_settle (fixture->window);
  cp_test_destroy_window (GTK_WINDOW (view));
}

/* Export Coverage writes the sheet's coverage matrix */
static void
test_export_coverage (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("coverage-export");
  g_autofree char *path = cp_test_tree_build_path (tree, "coverage.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *csv = NULL;

  g_assert_true (cp_window_export_coverage (fixture->window, file));
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "topic,"));
  g_assert_nonnull (strstr (csv, ",reviews,mentions\r\n"));
  g_assert_cmpuint (cp_window_get_n_banners (fixture->window), ==, 0);

  /* A folder that is not there: a banner names the file */
  g_clear_pointer (&path, g_free);
  g_clear_object (&file);
  path = cp_test_tree_build_path (tree, "missing/coverage.csv");
  file = g_file_new_for_path (path);
  g_assert_false (cp_window_export_coverage (fixture->window, file));
  g_assert_cmpuint (cp_window_get_n_banners (fixture->window), ==, 1);
  texts = cp_test_window_banner_texts (fixture->window);
  g_assert_nonnull (strstr (texts->pdata[0], "“coverage.csv”"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  data_home = g_test_build_filename (G_TEST_BUILT, "test-mentions-view-home", NULL);
  cp_test_set_home (data_home);

  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  application = cp_test_application_new ();

  g_test_add ("/app/mentions-view/rows", Fixture, NULL, fixture_set_up, test_rows, fixture_tear_down);
  g_test_add ("/app/mentions-view/activate", Fixture, NULL, fixture_set_up, test_activate, fixture_tear_down);
  g_test_add ("/app/mentions-view/copy-export", Fixture, NULL, fixture_set_up, test_copy_export, fixture_tear_down);
  g_test_add ("/app/mentions-view/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/app/mentions-view/topic-menu", Fixture, NULL, fixture_set_up, test_topic_menu, fixture_tear_down);
  g_test_add ("/app/mentions-view/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/app/mentions-view/screenshots", Fixture, NULL, fixture_set_up, test_screenshots, fixture_tear_down);
  g_test_add ("/app/mentions-view/export-coverage", Fixture, NULL, fixture_set_up, test_export_coverage, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  g_free (data_home);

  return status;
}
