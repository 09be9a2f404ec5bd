/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The window with real files: the sample reviews, a missing file and a
 * binary one, driven through its actions and its key bindings.
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "cp-application.h"
#include "cp-link-gutter.h"
#include "cp-matcher.h"
#include "cp-sheet.h"
#include "cp-theme-list.h"
#include "cp-tints.h"
#include "cp-topic-editor.h"
#include "cp-topic-list.h"
#include "cp-topic-list-row.h"
#include "cp-recent.h"
#include "cp-window-private.h"
#include "cp-test-gtk-utils.h"
#include "cp-test-pdf-utils.h"

#define WINDOW_WIDTH 1400
#define WINDOW_HEIGHT 800
/* How far mentions that should be level may differ, in pixels */
#define LEVEL_TOLERANCE 4.0

static CpApplication *application;

typedef struct
{
  CpWindow  *window;
  GPtrArray *samples; /* GFile */
} Fixture;


/* {{{ The user's topics */

#define BAD_TOPICS "[Topic seeds\nLabel=Seeds\n"

static char *topics_path;
static char *backup_path;

/* A topics file that cannot be read is kept aside, the first window says
 * so in an error banner that names both files, and the defaults are
 * used. */
static void
test_unreadable_topics (void)
{
  g_autoptr(CpTopicSet) defaults = cp_topic_set_new_default ();
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *kept = NULL;
  CpWindow *window;

  g_assert_true (g_file_get_contents (backup_path, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, BAD_TOPICS);

  g_application_activate (G_APPLICATION (application));
  window = CP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_nonnull (window);
  g_assert_cmpuint (cp_window_get_n_banners (window), ==, 1);
  texts = cp_test_window_banner_texts (window);
  g_assert_cmpuint (texts->len, ==, 1);
  g_assert_nonnull (strstr (texts->pdata[0], topics_path));
  g_assert_nonnull (strstr (texts->pdata[0], backup_path));
  g_assert_cmpuint (cp_topic_set_get_n_topics (cp_comparison_get_topics (cp_window_get_comparison (window))), ==,
                    cp_topic_set_get_n_topics (defaults));
  /* Every window shares the user's topics */
  g_assert_true (cp_comparison_get_topics (cp_window_get_comparison (window)) == cp_application_get_topics (application));
  cp_test_destroy_window (GTK_WINDOW (window));
}

/* }}} */

/* {{{ Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->samples = cp_application_list_samples ();
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

  g_clear_pointer (&fixture->samples, g_ptr_array_unref);
}

static void
open_samples (Fixture *fixture)
{
  cp_test_window_open_files (fixture->window, (GFile **) fixture->samples->pdata, fixture->samples->len);
}

/* }}} */

/* {{{ Helpers */

static guint
topic_index (CpWindow   *window,
             const char *id)
{
  CpTopicSet *topics = cp_comparison_get_topics (cp_window_get_comparison (window));
  guint position = G_MAXUINT;

  g_assert_nonnull (cp_topic_set_lookup (topics, id, &position));

  return position;
}

static GtkWidget *
find_widget (CpWindow *window,
             GType     type)
{
  return cp_test_find_only_widget (GTK_WIDGET (window), type);
}

/* The topic of the row selected in the topic list, or -1 */
static int
topic_list_focus (CpWindow *window)
{
  GtkWidget *list_view = cp_test_find_only_widget (find_widget (window, CP_TYPE_TOPIC_LIST), GTK_TYPE_LIST_VIEW);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  CpTopicListItem *item = gtk_single_selection_get_selected_item (selection);

  return item != NULL && !cp_topic_list_item_is_header (item) ? (int) cp_topic_list_item_get_index (item) : -1;
}

/* How @pane paints @topic: its focus (the window's) names it, and its tag
 * is nearly opaque (or, with no topic focused, every tag alike) */
static int
pane_focus_topic (CpReviewPane *pane)
{
  int topic = cp_focus_get_topic_index (cp_review_pane_get_focus (pane));
  CpHighlighter *highlighter = cp_review_pane_get_highlighter (pane);
  guint n_topics = cp_topic_set_get_n_topics (cp_comparison_get_topics (cp_review_pane_get_comparison (pane)));

  for (guint i = 0; i < n_topics; i++)
    {
      GtkTextTag *tag = cp_highlighter_get_topic_tag (highlighter, i);
      g_autoptr(GdkRGBA) background = NULL;

      if (tag == NULL)
        continue;
      g_object_get (tag, "background-rgba", &background, NULL);
      g_assert_nonnull (background);
      if (topic < 0)
        g_assert_cmpfloat_with_epsilon (background->alpha, cp_tints_get (FALSE)->topic_alpha, 0.01);
      else
        g_assert_cmpfloat_with_epsilon (background->alpha,
                                        (int) i == topic ? cp_tints_get (FALSE)->focused_alpha
                                                         : cp_tints_get (FALSE)->dimmed_alpha,
                                        0.01);
    }
  return topic;
}

/* The current mention of @pane, as the window's focus has it */
static int
pane_current_mention (CpReviewPane *pane)
{
  return cp_focus_get_current (cp_review_pane_get_focus (pane), cp_review_pane_get_document (pane));
}

typedef struct
{
  GdkRGBA     color;
  GtkTextTag *found;
  guint       n_found;
} TagSearch;

static gboolean
same_rgb (const GdkRGBA *a,
          const GdkRGBA *b)
{
  return ABS (a->red - b->red) < 0.5 / 255 &&
         ABS (a->green - b->green) < 0.5 / 255 &&
         ABS (a->blue - b->blue) < 0.5 / 255;
}

static void
match_tag_cb (GtkTextTag *tag,
              gpointer    user_data)
{
  TagSearch *search = user_data;
  g_autoptr(GdkRGBA) background = NULL;
  gboolean set;

  g_object_get (tag, "background-set", &set, "background-rgba", &background, NULL);
  if (set && background != NULL && same_rgb (background, &search->color))
    {
      search->found = tag;
      search->n_found++;
    }
}

/* The tag that paints @topic's mentions: the one tag whose background has
 * the topic's colour. */
static GtkTextTag *
topic_tag (GtkTextBuffer *buffer,
           CpTopic       *topic)
{
  TagSearch search = { { 0, }, NULL, 0 };

  g_assert_true (gdk_rgba_parse (&search.color, cp_topic_get_color (topic)));
  gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (buffer), match_tag_cb, &search);
  g_assert_cmpuint (search.n_found, ==, 1);

  return search.found;
}

static double
tag_alpha (GtkTextTag *tag)
{
  g_autoptr(GdkRGBA) background = NULL;

  g_object_get (tag, "background-rgba", &background, NULL);

  return background->alpha;
}

/* The ranges @tag covers, as pairs of character offsets. */
static GArray *
tag_ranges (GtkTextBuffer *buffer,
            GtkTextTag    *tag)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  for (;;)
    {
      guint start, end;

      if (!gtk_text_iter_has_tag (&iter, tag) && !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
        break;
      start = gtk_text_iter_get_offset (&iter);
      gtk_text_iter_forward_to_tag_toggle (&iter, tag);
      end = gtk_text_iter_get_offset (&iter);
      g_assert_cmpuint (end, >, start);
      g_array_append_val (ranges, start);
      g_array_append_val (ranges, end);
    }
  return ranges;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const guint *x = a;
  const guint *y = b;

  return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0;
}

/* The characters the mentions of @topic in @document cover, as sorted,
 * merged pairs of character offsets: what one tag can show. */
static GArray *
mention_ranges (CpComparison *comparison,
                guint         document,
                guint         topic)
{
  CpDocument *doc = cp_comparison_get_document (comparison, document);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, 2 * sizeof (guint));
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  const CpMention *mentions;
  guint n_mentions;

  mentions = cp_test_get_mentions (comparison, document, &n_mentions);
  for (guint i = 0; i < n_mentions; i++)
    if (mentions[i].topic == topic)
      {
        guint pair[2] = {
          cp_document_get_char_offset (doc, mentions[i].start),
          cp_document_get_char_offset (doc, mentions[i].end),
        };

        g_array_append_val (pairs, pair);
      }
  g_array_sort (pairs, compare_ranges);

  for (guint i = 0; i < pairs->len; i++)
    {
      const guint *pair = &g_array_index (pairs, guint, 2 * i);

      if (ranges->len > 0 && pair[0] <= g_array_index (ranges, guint, ranges->len - 1))
        g_array_index (ranges, guint, ranges->len - 1) = MAX (pair[1], g_array_index (ranges, guint, ranges->len - 1));
      else
        {
          g_array_append_val (ranges, pair[0]);
          g_array_append_val (ranges, pair[1]);
        }
    }
  return ranges;
}

/* The mentions of @topic in the document at @document, in order. */
static GArray *
topic_mentions (CpComparison *comparison,
                guint         document,
                guint         topic)
{
  GArray *indices = g_array_new (FALSE, FALSE, sizeof (int));
  const CpMention *mentions;
  guint n_mentions;

  mentions = cp_test_get_mentions (comparison, document, &n_mentions);
  for (guint i = 0; i < n_mentions; i++)
    if (mentions[i].topic == topic)
      {
        int index = i;

        g_array_append_val (indices, index);
      }
  return indices;
}

static gboolean
is_clamped (CpReviewPane *pane)
{
  GtkAdjustment *adjustment = cp_review_pane_get_vadjustment (pane);
  double value = gtk_adjustment_get_value (adjustment);

  return value <= gtk_adjustment_get_lower (adjustment) + 0.5 ||
         value >= gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 0.5;
}

/* Every pane that mentions @topic shows the mention @expected gives for
 * it (or any of the topic's when @expected is NULL) as its current one,
 * inside its view, and those that are not held by an end of their text
 * show it at the same height. Returns how many panes were level. */
static guint
check_current_mentions (Fixture   *fixture,
                        guint      topic,
                        const int *expected)
{
  CpComparison *comparison = cp_window_get_comparison (fixture->window);
  guint n = cp_window_get_n_panes (fixture->window);
  double min_top = G_MAXDOUBLE, max_top = -G_MAXDOUBLE;
  guint n_level = 0;

  for (guint i = 0; i < n; i++)
    {
      CpReviewPane *pane = cp_window_get_pane (fixture->window, i);
      double height = gtk_widget_get_height (GTK_WIDGET (cp_review_pane_get_view (pane)));
      const CpMention *mentions;
      guint n_mentions;
      double top, bottom;
      int current;

      g_assert_cmpint (pane_focus_topic (pane), ==, topic);
      if (cp_comparison_get_count (comparison, topic, i) == 0)
        continue;

      current = pane_current_mention (pane);
      mentions = cp_test_get_mentions (comparison, i, &n_mentions);
      g_assert_cmpint (current, >=, 0);
      g_assert_cmpint (current, <, n_mentions);
      g_assert_cmpuint (mentions[current].topic, ==, topic);
      if (expected != NULL)
        g_assert_cmpint (current, ==, expected[i]);

      g_assert_true (cp_review_pane_get_mention_y (pane, current, &top, &bottom));
      g_test_message ("pane %u: mention %d at %.1f–%.1f of %.0f, scrolled to %.1f%s",
                      i, current, top, bottom, height,
                      gtk_adjustment_get_value (cp_review_pane_get_vadjustment (pane)),
                      is_clamped (pane) ? " (at an end)" : "");
      g_assert_cmpfloat (top, >=, 0);
      g_assert_cmpfloat (bottom, <=, height);

      if (!is_clamped (pane))
        {
          min_top = MIN (min_top, top);
          max_top = MAX (max_top, top);
          n_level++;
        }
    }

  if (n_level > 0)
    g_assert_cmpfloat (max_top - min_top, <=, LEVEL_TOLERANCE);

  return n_level;
}

/* Whether the header bar's button for @action_name can be clicked: it
 * follows the action's enabled state. */
static gboolean
action_button_sensitive (CpWindow   *window,
                         const char *action_name)
{
  return gtk_widget_get_sensitive (cp_test_find_action_button (GTK_WIDGET (window), action_name));
}

/* }}} */

static gboolean themes_found (gpointer user_data);

/* {{{ Tests */

static void
test_samples (Fixture       *fixture,
              gconstpointer  data)
{
  CpComparison *comparison = cp_window_get_comparison (fixture->window);
  CpTopicSet *topics = cp_comparison_get_topics (comparison);
  guint n_topics = cp_topic_set_get_n_topics (topics);
  guint n_tagged = 0;

  g_assert_cmpuint (fixture->samples->len, ==, 4);
  open_samples (fixture);

  g_assert_cmpuint (cp_window_get_n_panes (fixture->window), ==, fixture->samples->len);
  g_assert_cmpuint (cp_window_get_n_banners (fixture->window), ==, 0);
  g_assert_cmpint (cp_window_get_focus_topic (fixture->window), ==, -1);

  for (guint i = 0; i < fixture->samples->len; i++)
    {
      CpReviewPane *pane = cp_window_get_pane (fixture->window, i);
      CpDocument *document = cp_review_pane_get_document (pane);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (cp_review_pane_get_view (pane));

      /* in the order they were given, each showing all of its text */
      g_assert_true (cp_review_pane_get_comparison (pane) == comparison);
      g_assert_cmpuint (cp_review_pane_get_position (pane), ==, i);
      g_assert_true (g_file_equal (cp_document_get_file (document), fixture->samples->pdata[i]));
      g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, cp_document_get_n_characters (document));
      g_assert_cmpint (pane_focus_topic (pane), ==, -1);

      /* each topic's tag covers exactly its mentions */
      for (guint t = 0; t < n_topics; t++)
        {
          GtkTextTag *tag = topic_tag (buffer, cp_topic_set_get_topic (topics, t));
          g_autoptr(GArray) expected = mention_ranges (comparison, i, t);
          g_autoptr(GArray) actual = tag_ranges (buffer, tag);

          g_assert_cmpfloat (tag_alpha (tag), >, 0);
          g_assert_cmpmem (actual->data, actual->len * sizeof (guint),
                           expected->data, expected->len * sizeof (guint));
          n_tagged += actual->len / 2;
        }
    }

  /* the samples do share topics */
  g_assert_cmpuint (n_tagged, >=, 40);
}

static void
test_focus (Fixture       *fixture,
            gconstpointer  data)
{
  CpComparison *comparison;
  guint twitter;
  guint n_level;

  open_samples (fixture);
  comparison = cp_window_get_comparison (fixture->window);
  twitter = topic_index (fixture->window, "twitter");
  g_assert_cmpuint (cp_comparison_get_spread (comparison, twitter), ==, fixture->samples->len);

  cp_window_set_focus_topic (fixture->window, twitter);
  cp_test_window_settle (fixture->window);

  g_assert_cmpint (cp_window_get_focus_topic (fixture->window), ==, twitter);
  g_assert_cmpint (topic_list_focus (fixture->window), ==, twitter);
  /* with these reviews no pane is held by an end of its text */
  n_level = check_current_mentions (fixture, twitter, NULL);
  g_assert_cmpuint (n_level, ==, cp_comparison_get_spread (comparison, twitter));

  /* the focused topic stands out, in every pane */
  for (guint i = 0; i < cp_window_get_n_panes (fixture->window); i++)
    {
      CpReviewPane *pane = cp_window_get_pane (fixture->window, i);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (cp_review_pane_get_view (pane));
      CpTopicSet *topics = cp_comparison_get_topics (comparison);
      double focused = tag_alpha (topic_tag (buffer, cp_topic_set_get_topic (topics, twitter)));

      for (guint t = 0; t < cp_topic_set_get_n_topics (topics); t++)
        if (t != twitter)
          g_assert_cmpfloat (tag_alpha (topic_tag (buffer, cp_topic_set_get_topic (topics, t))), <, focused);
    }
}

/* What F3 (@forward) or Shift+F3 should make each pane's current mention
 * of @topic: the next (previous) one, wrapping at the ends; -1 for a pane
 * that does not mention it. */
static void
step_expectations (Fixture  *fixture,
                   guint     topic,
                   gboolean  forward,
                   int      *expected)
{
  CpComparison *comparison = cp_window_get_comparison (fixture->window);
  guint n = cp_window_get_n_panes (fixture->window);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GArray) mentions = topic_mentions (comparison, i, topic);
      int current = pane_current_mention (cp_window_get_pane (fixture->window, i));
      guint k;

      expected[i] = -1;
      if (mentions->len == 0)
        continue;
      for (k = 0; k < mentions->len; k++)
        if (g_array_index (mentions, int, k) == current)
          break;
      g_assert_cmpuint (k, <, mentions->len);
      /* the next one, or the first one after the last */
      k = forward ? (k + 1) % mentions->len : (k + mentions->len - 1) % mentions->len;
      expected[i] = g_array_index (mentions, int, k);
    }
}

static void
test_next_mention (Fixture       *fixture,
                   gconstpointer  data)
{
  CpComparison *comparison;
  GtkSearchBar *search_bar;
  guint twitter;
  guint max_count = 0;
  int expected[16];
  guint n_level = 0;

  open_samples (fixture);
  comparison = cp_window_get_comparison (fixture->window);
  twitter = topic_index (fixture->window, "twitter");
  g_assert_cmpuint (cp_window_get_n_panes (fixture->window), <=, G_N_ELEMENTS (expected));
  for (guint i = 0; i < cp_window_get_n_panes (fixture->window); i++)
    max_count = MAX (max_count, cp_comparison_get_count (comparison, twitter, i));

  /* nothing to step through before a topic is focused */
  g_assert_false (action_button_sensitive (fixture->window, "win.next-mention"));
  g_assert_false (action_button_sensitive (fixture->window, "win.previous-mention"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-mention", NULL);
  for (guint i = 0; i < cp_window_get_n_panes (fixture->window); i++)
    g_assert_cmpint (pane_current_mention (cp_window_get_pane (fixture->window, i)), ==, -1);

  cp_window_set_focus_topic (fixture->window, twitter);
  cp_test_window_settle (fixture->window);
  check_current_mentions (fixture, twitter, NULL);
  g_assert_true (action_button_sensitive (fixture->window, "win.next-mention"));
  g_assert_true (action_button_sensitive (fixture->window, "win.previous-mention"));

  /* F3 until every pane has wrapped around, then Shift+F3 back */
  for (guint step = 0; step < 2 * (max_count + 1); step++)
    {
      gboolean forward = step <= max_count;

      step_expectations (fixture, twitter, forward, expected);
      if (forward)
        cp_test_press_key (GTK_WIDGET (fixture->window), GDK_KEY_F3, 0, "win.next-mention");
      else
        cp_test_press_key (GTK_WIDGET (fixture->window), GDK_KEY_F3, GDK_SHIFT_MASK, "win.previous-mention");
      cp_test_window_settle (fixture->window);
      n_level += check_current_mentions (fixture, twitter, expected);
    }
  /* most steps leave several panes level, not only held at an end */
  g_assert_cmpuint (n_level, >=, 2 * (max_count + 1) * 2);

  /* the action does the same as the key */
  step_expectations (fixture, twitter, TRUE, expected);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-mention", NULL));
  cp_test_window_settle (fixture->window);
  check_current_mentions (fixture, twitter, expected);

  /* Escape first closes the search bar, then clears the focus */
  search_bar = GTK_SEARCH_BAR (find_widget (fixture->window, GTK_TYPE_SEARCH_BAR));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.find", NULL));
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));
  cp_test_press_key (GTK_WIDGET (fixture->window), GDK_KEY_Escape, 0, "win.clear-focus");
  g_assert_false (gtk_search_bar_get_search_mode (search_bar));
  g_assert_cmpint (cp_window_get_focus_topic (fixture->window), ==, twitter);

  cp_test_press_key (GTK_WIDGET (fixture->window), GDK_KEY_Escape, 0, "win.clear-focus");
  cp_test_window_settle (fixture->window);
  g_assert_cmpint (cp_window_get_focus_topic (fixture->window), ==, -1);
  g_assert_cmpint (topic_list_focus (fixture->window), ==, -1);
  for (guint i = 0; i < cp_window_get_n_panes (fixture->window); i++)
    {
      CpReviewPane *pane = cp_window_get_pane (fixture->window, i);

      g_assert_cmpint (pane_focus_topic (pane), ==, -1);
      g_assert_cmpint (pane_current_mention (pane), ==, -1);
    }
  g_assert_false (action_button_sensitive (fixture->window, "win.next-mention"));
}

/* The Dismiss buttons of the banners. */
static GPtrArray *
banner_buttons (CpWindow *window)
{
  g_autoptr(GPtrArray) buttons = cp_test_find_widgets (GTK_WIDGET (window), GTK_TYPE_BUTTON);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < buttons->len; i++)
    for (GtkWidget *ancestor = buttons->pdata[i]; ancestor != NULL; ancestor = gtk_widget_get_parent (ancestor))
      if (gtk_widget_has_css_class (ancestor, "banner"))
        {
          g_ptr_array_add (found, buttons->pdata[i]);
          break;
        }
  return found;
}

static gboolean
texts_mention (GPtrArray  *texts,
               const char *name)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (texts->pdata[i], name) != NULL)
      return TRUE;
  return FALSE;
}

static void
check_panes_intact (Fixture *fixture)
{
  for (guint i = 0; i < cp_window_get_n_panes (fixture->window); i++)
    {
      CpReviewPane *pane = cp_window_get_pane (fixture->window, i);
      CpDocument *document = cp_review_pane_get_document (pane);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (cp_review_pane_get_view (pane));

      g_assert_cmpuint (cp_review_pane_get_position (pane), ==, i);
      g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, cp_document_get_n_characters (document));
      g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), >, 1000);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (pane)));
    }
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  static const char binary[] = "A review\n\nIt starts well\0\0\0\0 and then it does not.";
  g_autofree char *missing_path = g_test_build_filename (G_TEST_BUILT, "no-such-review.txt", NULL);
  g_autofree char *binary_path = g_test_build_filename (G_TEST_BUILT, "binary-review.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  GFile *files[3];
  CpReviewPane *last;

  g_remove (missing_path);
  g_assert_true (g_file_set_contents (binary_path, binary, sizeof binary, &error));
  g_assert_no_error (error);

  /* after reviews are open, two files that cannot be shown */
  open_samples (fixture);
  files[0] = g_file_new_for_path (missing_path);
  files[1] = g_file_new_for_path (binary_path);
  cp_window_open_files (fixture->window, files, 2);
  cp_test_window_settle (fixture->window);

  /* one banner says how many, and why for each */
  g_assert_cmpuint (cp_window_get_n_banners (fixture->window), ==, 1);
  texts = cp_test_window_banner_texts (fixture->window);
  g_assert_cmpuint (texts->len, ==, 3);
  g_assert_cmpstr (texts->pdata[0], ==, "2 files could not be opened");
  g_assert_true (texts_mention (texts, "no-such-review.txt"));
  g_assert_true (texts_mention (texts, "binary-review.txt"));
  g_assert_cmpuint (cp_window_get_n_panes (fixture->window), ==, fixture->samples->len);
  check_panes_intact (fixture);

  /* a banner can be dismissed */
  buttons = banner_buttons (fixture->window);
  g_assert_cmpuint (buttons->len, ==, 1);
  g_signal_emit_by_name (buttons->pdata[0], "clicked");
  cp_test_window_settle (fixture->window);
  g_assert_cmpuint (cp_window_get_n_banners (fixture->window), ==, 0);
  check_panes_intact (fixture);

  /* a review that is open already is not opened twice, which is no
   * failure: a notice says so, and the banner names the missing and the
   * binary files of the same batch */
  files[2] = files[1];
  files[1] = g_object_ref (fixture->samples->pdata[0]);
  cp_window_open_files (fixture->window, files, 3);
  cp_test_window_settle (fixture->window);
  g_assert_cmpuint (cp_window_get_n_banners (fixture->window), ==, 1);
  g_assert_cmpuint (cp_window_get_n_panes (fixture->window), ==, fixture->samples->len);
  {
    g_autoptr(GPtrArray) all = cp_test_window_banner_texts (fixture->window);
    g_autofree char *name = g_file_get_basename (fixture->samples->pdata[0]);
    g_autofree char *already = g_strdup_printf ("“%s” is already open.", name);

    g_assert_false (texts_mention (all, name));
    g_assert_cmpstr (cp_window_get_notice (fixture->window), ==, already);
  }
  check_panes_intact (fixture);

  /* good and bad files in one batch: the good one still opens, last */
  cp_comparison_remove_document (cp_window_get_comparison (fixture->window), 0);
  cp_test_window_settle (fixture->window);
  cp_window_open_files (fixture->window, files, 3);
  cp_test_window_settle (fixture->window);
  g_assert_cmpuint (cp_window_get_n_panes (fixture->window), ==, fixture->samples->len);
  last = cp_window_get_pane (fixture->window, fixture->samples->len - 1);
  g_assert_true (g_file_equal (cp_document_get_file (cp_review_pane_get_document (last)), fixture->samples->pdata[0]));
  check_panes_intact (fixture);

  /* a review with a character cut short opens, mended, and a notice
   * says so */
  {
    g_autofree char *broken_path = g_build_filename (g_get_tmp_dir (), "cut-review.txt", NULL);
    g_autoptr(GFile) broken_file = g_file_new_for_path (broken_path);
    g_autoptr(GString) broken = g_string_new ("A cut review\n\n");

    /* taller than its pane, as every review the settling waits for */
    for (guint i = 0; i < 80; i++)
      g_string_append (broken, "The studio’s \xe2\x80\x9cwall of names\xe2\x80\x9d grows, line by line.\n\n");
    g_string_append (broken, "Cut short: \xc3\n");
    g_assert_true (g_file_set_contents (broken_path, broken->str, broken->len, NULL));
    cp_window_open_files (fixture->window, &broken_file, 1);
    cp_test_window_settle (fixture->window);
    g_assert_cmpuint (cp_window_get_n_panes (fixture->window), ==, fixture->samples->len + 1);
    g_assert_cmpstr (cp_window_get_notice (fixture->window), ==,
                     "“cut-review.txt” has 1 broken character, shown as �. Save it again as UTF-8 to mend it.");
    g_remove (broken_path);
  }

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
  g_remove (binary_path);
}

/* Whether a row of the topic list shows the summary of a topic @spread
 * of @n_documents reviews mention @total times. */
static gboolean
topic_list_shows (CpWindow *window,
                  guint     spread,
                  guint     n_documents,
                  guint     total)
{
  g_autofree char *summary = g_strdup_printf ("in %u of %u reviews · %u mentions", spread, n_documents, total);
  g_autoptr(GPtrArray) labels = cp_test_find_widgets (find_widget (window, CP_TYPE_TOPIC_LIST), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), summary) == 0)
      return TRUE;
  return FALSE;
}

static void
test_close (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) panes = NULL;
  g_autoptr(GPtrArray) gutters = NULL;
  g_autoptr(CpDocument) closed = NULL;
  CpComparison *comparison;
  CpReviewPane *pane;
  guint twitter, total, spread, count, n_topics;
  guint *counts;
  guint position = 1;

  open_samples (fixture);
  comparison = cp_window_get_comparison (fixture->window);
  twitter = topic_index (fixture->window, "twitter");
  cp_window_set_focus_topic (fixture->window, twitter);
  cp_test_window_settle (fixture->window);

  n_topics = cp_topic_set_get_n_topics (cp_comparison_get_topics (comparison));
  counts = g_new0 (guint, n_topics);
  for (guint t = 0; t < n_topics; t++)
    counts[t] = cp_comparison_get_total (comparison, t);

  total = cp_comparison_get_total (comparison, twitter);
  spread = cp_comparison_get_spread (comparison, twitter);
  count = cp_comparison_get_count (comparison, twitter, position);
  g_assert_cmpuint (count, >, 0);
  g_assert_true (topic_list_shows (fixture->window, spread, fixture->samples->len, total));

  pane = cp_window_get_pane (fixture->window, position);
  closed = g_object_ref (cp_review_pane_get_document (pane));
  for (guint t = 0; t < n_topics; t++)
    counts[t] -= cp_comparison_get_count (comparison, t, position);
  g_object_add_weak_pointer (G_OBJECT (pane), (gpointer *) &pane);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-pane", "u", position));
  cp_test_window_settle (fixture->window);

  g_assert_cmpuint (cp_window_get_n_panes (fixture->window), ==, fixture->samples->len - 1);
  g_assert_cmpuint (cp_comparison_get_total (comparison, twitter), ==, total - count);
  g_assert_cmpuint (cp_comparison_get_spread (comparison, twitter), ==, spread - 1);
  g_assert_true (topic_list_shows (fixture->window, spread - 1, fixture->samples->len - 1, total - count));
  for (guint t = 0; t < n_topics; t++)
    g_assert_cmpuint (cp_comparison_get_total (comparison, t), ==, counts[t]);
  g_free (counts);

  /* the pane is gone, the others moved up and keep the focus */
  g_assert_null (pane);
  for (guint i = 0; i < cp_window_get_n_panes (fixture->window); i++)
    {
      CpReviewPane *other = cp_window_get_pane (fixture->window, i);

      g_assert_true (cp_review_pane_get_document (other) != closed);
      g_assert_cmpint (pane_focus_topic (other), ==, twitter);
    }
  check_panes_intact (fixture);
  panes = cp_test_find_widgets (GTK_WIDGET (fixture->window), CP_TYPE_REVIEW_PANE);
  gutters = cp_test_find_widgets (GTK_WIDGET (fixture->window), CP_TYPE_LINK_GUTTER);
  g_assert_cmpuint (panes->len, ==, fixture->samples->len - 1);
  g_assert_cmpuint (gutters->len, ==, fixture->samples->len - 2);

  /* after a pane closed and another moved, every pane's own buttons still
   * work (GTK 4.8 leaves a re-parented widget's action buttons dead) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.move-pane", "(ui)", 0, 1));
  cp_test_window_settle (fixture->window);
  check_panes_intact (fixture);
  {
    g_autoptr(GPtrArray) buttons = cp_test_find_widgets (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON);
    guint n_close = 0;

    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), "pane.close") == 0)
        {
          g_assert_true (gtk_widget_is_sensitive (buttons->pdata[i]));
          n_close++;
        }
    g_assert_cmpuint (n_close, ==, panes->len);
  }

  /* closing every pane leaves the empty window */
  while (cp_window_get_n_panes (fixture->window) > 0)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-pane", "u", 0));
  cp_test_window_settle (fixture->window);
  g_assert_cmpuint (cp_comparison_get_total (comparison, twitter), ==, 0);
  g_assert_cmpuint (cp_comparison_get_spread (comparison, twitter), ==, 0);
  g_clear_pointer (&panes, g_ptr_array_unref);
  g_clear_pointer (&gutters, g_ptr_array_unref);
  panes = cp_test_find_widgets (GTK_WIDGET (fixture->window), CP_TYPE_REVIEW_PANE);
  gutters = cp_test_find_widgets (GTK_WIDGET (fixture->window), CP_TYPE_LINK_GUTTER);
  g_assert_cmpuint (panes->len, ==, 0);
  g_assert_cmpuint (gutters->len, ==, 0);
}

static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = NULL;
  int width, height;

  open_samples (fixture);
  cp_test_wait_until (themes_found, fixture, "suggested themes");
  /* All four reviews in the picture, in narrower columns */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.fit-all-panes", NULL));
  cp_window_set_focus_topic (fixture->window, topic_index (fixture->window, "twitter"));
  cp_test_window_settle (fixture->window);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (cp_window_get_pane (fixture->window, 0))) * 4, <,
                   gtk_widget_get_width (GTK_WIDGET (fixture->window)));

  width = gtk_widget_get_width (GTK_WIDGET (fixture->window));
  height = gtk_widget_get_height (GTK_WIDGET (fixture->window));
  g_test_message ("Window: %d×%d", width, height);
  g_assert_cmpint (width, >, WINDOW_WIDTH / 2);
  g_assert_cmpint (height, >, WINDOW_HEIGHT / 2);

  path = cp_test_save_screenshot (GTK_WIDGET (fixture->window), "window-samples.png");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.fit-all-panes", NULL);
}

/* }}} */

/* {{{ Import and export */

static GtkWidget *
find_button_with_label (CpWindow   *window,
                        const char *label)
{
  return cp_test_find_button (GTK_WIDGET (window), label);
}

static char *launched_uri;

static void
record_launch (CpWindow   *window,
               const char *uri)
{
  g_free (launched_uri);
  launched_uri = g_strdup (uri);
}

/* The notice's button opens @file, without launching anything here. */
static void
assert_opens (CpWindow *window,
              GFile    *file)
{
  GtkWidget *button = cp_window_get_notice_button (window);
  g_autofree char *uri = g_file_get_uri (file);
  GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Open");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.open-file");
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, uri);

  cp_window_set_uri_launcher (window, record_launch);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (launched_uri, ==, uri);
  g_assert_null (cp_window_get_notice (window));
  cp_window_set_uri_launcher (window, NULL);
  g_clear_pointer (&launched_uri, g_free);
}

static void
test_import_export (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char one_topic[] =
    "[tate-modern]\nLabel=Tate Modern\nColor=#cc79a7\nTerms=Tate Modern;Turbine Hall\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cp-test-topics-XXXXXX", &error);
  g_autofree char *exported_path = g_build_filename (dir, "mine.topics", NULL);
  g_autofree char *import_path = g_build_filename (dir, "one.topics", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.topics", NULL);
  g_autoptr(GFile) exported = g_file_new_for_path (exported_path);
  g_autoptr(GFile) import = g_file_new_for_path (import_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(CpTopicSet) reread = NULL;
  CpWindow *window = fixture->window;
  CpTopicSet *topics = cp_comparison_get_topics (cp_window_get_comparison (window));
  guint n_topics = cp_topic_set_get_n_topics (topics);
  g_autofree char *before = cp_topic_set_to_data (topics, NULL);
  g_autofree char *after_undo = NULL;
  GtkWidget *undo;

  g_assert_no_error (error);
  g_assert_cmpuint (n_topics, >, 1);

  /* Export writes every topic, and says where */
  g_assert_true (cp_window_export_topics (window, exported));
  reread = cp_topic_set_new_from_file (exported, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cp_topic_set_get_n_topics (reread), ==, n_topics);
  g_assert_nonnull (strstr (cp_window_get_notice (window), "“mine.topics”"));
  assert_opens (window, exported);

  /* Import replaces them, and says so with a way back */
  g_file_set_contents (import_path, one_topic, -1, &error);
  g_assert_no_error (error);
  g_assert_true (cp_window_import_topics (window, import));
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, 1);
  g_assert_cmpstr (cp_topic_get_label (cp_topic_set_get_topic (topics, 0)), ==, "Tate Modern");
  g_assert_cmpuint (cp_window_get_n_banners (window), ==, 0);
  g_assert_nonnull (strstr (cp_window_get_notice (window), "“one.topics”"));

  undo = find_button_with_label (window, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  after_undo = cp_topic_set_to_data (topics, NULL);
  g_assert_cmpstr (after_undo, ==, before);
  g_assert_null (cp_window_get_notice (window));
  g_assert_cmpuint (cp_window_get_n_banners (window), ==, 0);

  /* A file that is not a topic set changes nothing and names the file */
  g_file_set_contents (bad_path, "[not a topic\n", -1, &error);
  g_assert_no_error (error);
  g_assert_false (cp_window_import_topics (window, bad));
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, n_topics);
  g_assert_cmpuint (cp_window_get_n_banners (window), ==, 1);

  g_unlink (exported_path);
  g_unlink (import_path);
  g_unlink (bad_path);
  g_rmdir (dir);
}

/* }}} */

/* {{{ Making topics: suggestions, selections, the editor, deleting */

static gboolean
themes_found (gpointer user_data)
{
  Fixture *fixture = user_data;
  CpThemeList *list = CP_THEME_LIST (find_widget (fixture->window, CP_TYPE_THEME_LIST));

  return !cp_theme_list_get_busy (list) && cp_theme_list_get_n_themes (list) > 0;
}

/* Every pane's @topic tag covers exactly the core's mentions of @topic. */
static void
assert_topic_tagged (CpWindow *window,
                     guint     topic)
{
  CpComparison *comparison = cp_window_get_comparison (window);
  guint n = cp_window_get_n_panes (window);

  for (guint d = 0; d < n; d++)
    {
      CpReviewPane *pane = cp_window_get_pane (window, d);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (cp_review_pane_get_view (pane));
      GtkTextTag *tag = cp_highlighter_get_topic_tag (cp_review_pane_get_highlighter (pane), topic);
      g_autoptr(GArray) tagged = NULL;
      g_autoptr(GArray) expected = mention_ranges (comparison, d, topic);

      g_assert_nonnull (tag);
      tagged = tag_ranges (buffer, tag);
      g_assert_cmpuint (tagged->len, ==, expected->len);
      g_assert_cmpmem (tagged->data, tagged->len * sizeof (guint),
                       expected->data, expected->len * sizeof (guint));
    }
}

/* Whether any term of any topic matches @phrase. */
static gboolean
topics_match (CpTopicSet *topics,
              const char *phrase)
{
  g_autoptr(CpMatcher) matcher = cp_matcher_new_for_topics (topics, NULL);
  g_autoptr(GArray) found = NULL;

  g_assert_nonnull (matcher);
  found = cp_matcher_scan (matcher, phrase, strlen (phrase));

  return found->len > 0;
}

static void
emit_motion (GtkWidget  *widget,
             const char *signal)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n = g_list_model_get_n_items (controllers);
  gboolean emitted = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        continue;
      if (g_str_equal (signal, "enter"))
        g_signal_emit_by_name (controller, "enter", 10.0, 10.0);
      else
        g_signal_emit_by_name (controller, signal);
      emitted = TRUE;
    }
  g_assert_true (emitted);
}

static void
test_suggestions (Fixture       *fixture,
                  gconstpointer  data)
{
  CpWindow *window = fixture->window;
  CpComparison *comparison = cp_window_get_comparison (window);
  CpTopicSet *topics = cp_comparison_get_topics (comparison);
  CpThemeList *list = CP_THEME_LIST (find_widget (window, CP_TYPE_THEME_LIST));
  guint n_topics = cp_topic_set_get_n_topics (topics);
  guint n_panes;
  g_autoptr(CpTheme) theme = NULL;
  g_autofree guint *counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *color = NULL;
  g_autofree char *phrase = NULL;
  GtkWidget *row;
  GtkWidget *track;
  CpTopic *topic;
  guint shown_total = 0;

  open_samples (fixture);
  cp_test_wait_until (themes_found, fixture, "suggested themes");
  n_panes = cp_window_get_n_panes (window);

  /* The film the samples review is named once, above the suggestions. */
  g_assert_cmpstr (cp_theme_list_get_subject (list), ==, "Ai Weiwei: Never Sorry");
  for (guint i = 0; i < cp_theme_list_get_n_themes (list); i++)
    g_assert_null (strstr (cp_theme_get_phrase (cp_theme_list_get_theme (list, i)), "Sorry"));

  /* Nothing the topics already find is suggested, and every suggestion
   * is shared. */
  for (guint i = 0; i < cp_theme_list_get_n_themes (list); i++)
    {
      CpTheme *t = cp_theme_list_get_theme (list, i);

      g_assert_false (topics_match (topics, cp_theme_get_phrase (t)));
      g_assert_cmpuint (cp_theme_get_spread (t), >=, 2);
      g_assert_cmpuint (cp_theme_get_n_documents (t), ==, n_panes);
    }

  /* Pointing at a suggestion lights up, in every pane, what its
   * spellings find; leaving it puts the panes back. */
  theme = g_object_ref (cp_theme_list_get_theme (list, 0));
  phrase = g_strdup (cp_theme_get_phrase (theme));
  counts = cp_comparison_count_terms (comparison, cp_theme_get_variants (theme), &error);
  g_assert_no_error (error);

  row = cp_theme_list_get_row (list, 0);
  emit_motion (row, "enter");
  g_assert_true (cp_theme_list_get_preview (list) == theme);
  for (guint d = 0; d < n_panes; d++)
    {
      CpReviewPane *pane = cp_window_get_pane (window, d);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (cp_review_pane_get_view (pane));
      g_autoptr(GArray) lit = tag_ranges (buffer, cp_highlighter_get_preview_tag (cp_review_pane_get_highlighter (pane)));

      g_assert_cmpuint (lit->len / 2, ==, counts[d]);
      g_assert_cmpuint (counts[d] > 0, ==, cp_theme_get_count (theme, d) > 0);
      shown_total += lit->len / 2;
    }
  g_assert_cmpuint (shown_total, >=, cp_theme_get_total (theme));

  emit_motion (row, "leave");
  g_assert_null (cp_theme_list_get_preview (list));
  for (guint d = 0; d < n_panes; d++)
    {
      CpReviewPane *pane = cp_window_get_pane (window, d);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (cp_review_pane_get_view (pane));
      g_autoptr(GArray) lit = tag_ranges (buffer, cp_highlighter_get_preview_tag (cp_review_pane_get_highlighter (pane)));

      g_assert_cmpuint (lit->len, ==, 0);
    }

  /* Track makes it a topic: its spellings as terms, the next palette
   * color, tagged in every pane at once and focused. */
  color = g_strdup (cp_topic_set_pick_color (topics));
  emit_motion (row, "enter");
  track = cp_test_find_button (row, "_Track");
  g_assert_nonnull (track);
  g_signal_emit_by_name (track, "clicked");

  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, n_topics + 1);
  topic = cp_topic_set_get_topic (topics, n_topics);
  g_assert_cmpstr (cp_topic_get_color (topic), ==, color);
  g_assert_cmpint (g_unichar_toupper (g_utf8_get_char (cp_topic_get_label (topic))), ==,
                   g_unichar_toupper (g_utf8_get_char (phrase)));
  g_assert_cmpstr (g_utf8_next_char (cp_topic_get_label (topic)), ==, g_utf8_next_char (phrase));
  g_assert_true (g_strv_contains (cp_topic_get_terms (topic), phrase));
  for (guint i = 0; cp_theme_get_variants (theme)[i] != NULL; i++)
    g_assert_true (topics_match (topics, cp_theme_get_variants (theme)[i]));
  g_assert_cmpuint (cp_comparison_get_spread (comparison, n_topics), ==, cp_theme_get_spread (theme));
  for (guint d = 0; d < n_panes; d++)
    g_assert_cmpuint (cp_comparison_get_count (comparison, n_topics, d), ==, counts[d]);
  assert_topic_tagged (window, n_topics);
  g_assert_cmpint (cp_window_get_focus_topic (window), ==, n_topics);
  g_assert_cmpint (topic_list_focus (window), ==, n_topics);

  /* The suggestion left the list at once, the preview with it, and the
   * next search does not bring it back. */
  g_assert_null (cp_theme_list_get_preview (list));
  for (guint i = 0; i < cp_theme_list_get_n_themes (list); i++)
    g_assert_true (cp_theme_list_get_theme (list, i) != theme);
  g_assert_true (cp_theme_list_get_busy (list));
  cp_test_wait_until (themes_found, fixture, "suggested themes after tracking");
  for (guint i = 0; i < cp_theme_list_get_n_themes (list); i++)
    g_assert_cmpstr (cp_theme_get_phrase (cp_theme_list_get_theme (list, i)), !=, phrase);

  /* Leave the user's topics as they were for the next test. */
  cp_topic_set_remove (topics, n_topics);
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, n_topics);
}

/* Selects the first occurrence of @text in pane @d. */
static void
select_text (CpWindow   *window,
             guint       d,
             const char *text,
             guint      *offset)
{
  CpReviewPane *pane = cp_window_get_pane (window, d);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (cp_review_pane_get_view (pane));
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, text, GTK_TEXT_SEARCH_CASE_INSENSITIVE, &match_start, &match_end, NULL));
  gtk_text_buffer_select_range (buffer, &match_start, &match_end);
  if (offset != NULL)
    *offset = gtk_text_iter_get_offset (&match_start);
}

/* The pane checks a new selection once the main loop is idle. */
static gboolean
selection_checked (gpointer user_data)
{
  return !g_main_context_pending (NULL);
}

static void
test_track_selection (Fixture       *fixture,
                      gconstpointer  data)
{
  CpWindow *window = fixture->window;
  CpComparison *comparison = cp_window_get_comparison (window);
  CpTopicSet *topics = cp_comparison_get_topics (comparison);
  guint n_topics = cp_topic_set_get_n_topics (topics);
  static const char * const expected_terms[] = { "Alison Klayman", "Klayman", NULL };
  GMenuModel *menu;
  GMenuModel *submenu;
  CpReviewPane *pane;
  CpTopic *topic;
  guint offset;
  int current;
  GtkTextIter start, end;

  open_samples (fixture);
  pane = cp_window_get_pane (window, 1);

  /* The text view's context menu offers both, in a section of their
   * own after the view's Copy and Select All, with one item per topic. */
  menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (cp_review_pane_get_context_menu (pane)));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  menu = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  g_object_unref (menu); /* the pane keeps it */
  submenu = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SUBMENU);
  g_assert_nonnull (submenu);
  g_assert_cmpint (g_menu_model_get_n_items (submenu), ==, n_topics);
  g_object_unref (submenu);

  /* Nothing selected: nothing to track. */
  cp_test_wait_until (selection_checked, fixture, "the selection check");
  gtk_widget_activate_action (GTK_WIDGET (cp_review_pane_get_view (pane)), "highlighter.track-selection", NULL);
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, n_topics);

  /* Punctuation only: nothing either. */
  select_text (window, 1, ". ", NULL);
  cp_test_wait_until (selection_checked, fixture, "the selection check");
  gtk_widget_activate_action (GTK_WIDGET (cp_review_pane_get_view (pane)), "highlighter.track-selection", NULL);
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, n_topics);

  /* “Alison Klayman;” with its semicolon selected: the topic is
   * “Alison Klayman”, found in every review that names her, and the pane
   * keeps the selected mention where it was. */
  select_text (window, 1, "Alison Klayman;", &offset);
  cp_test_wait_until (selection_checked, fixture, "the selection check");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cp_review_pane_get_view (pane)), "highlighter.track-selection", NULL));

  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, n_topics + 1);
  topic = cp_topic_set_get_topic (topics, n_topics);
  g_assert_cmpstr (cp_topic_get_label (topic), ==, "Alison Klayman");
  g_assert_cmpstr (cp_topic_get_terms (topic)[0], ==, "Alison Klayman");
  g_assert_null (cp_topic_get_terms (topic)[1]);
  g_assert_cmpint (cp_window_get_focus_topic (window), ==, n_topics);
  g_assert_cmpuint (cp_comparison_get_count (comparison, n_topics, 1), >, 0);
  assert_topic_tagged (window, n_topics);
  current = pane_current_mention (pane);
  g_assert_cmpint (current, ==, cp_mentions_find_at (cp_review_pane_get_mentions (pane), offset, n_topics));

  /* The submenu follows the topics. */
  submenu = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SUBMENU);
  g_assert_cmpint (g_menu_model_get_n_items (submenu), ==, n_topics + 1);
  g_object_unref (submenu);

  /* Add to Topic ▸ Alison Klayman: “Klayman” becomes a second term, once. */
  select_text (window, 0, "Klayman", NULL);
  pane = cp_window_get_pane (window, 0);
  cp_test_wait_until (selection_checked, fixture, "the selection check");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cp_review_pane_get_view (pane)), "highlighter.add-selection-to-topic", "s",
                                             cp_topic_get_id (topic)));
  g_assert_true (g_strv_equal (cp_topic_get_terms (topic), expected_terms));
  select_text (window, 2, "klayman", NULL);
  gtk_widget_activate_action (GTK_WIDGET (cp_review_pane_get_view (cp_window_get_pane (window, 2))),
                              "highlighter.add-selection-to-topic", "s", cp_topic_get_id (topic));
  g_assert_true (g_strv_equal (cp_topic_get_terms (topic), expected_terms));
  assert_topic_tagged (window, n_topics);

  /* A passage is not a term. */
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (cp_review_pane_get_view (pane)), &start, &end);
  gtk_text_buffer_select_range (gtk_text_view_get_buffer (cp_review_pane_get_view (pane)), &start, &end);
  cp_test_wait_until (selection_checked, fixture, "the selection check");
  gtk_widget_activate_action (GTK_WIDGET (cp_review_pane_get_view (pane)), "highlighter.track-selection", NULL);
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, n_topics + 1);

  cp_topic_set_remove (topics, n_topics);
}

static CpTopicEditor *
find_editor (CpWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  CpTopicEditor *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (CP_IS_TOPIC_EDITOR (toplevel) &&
          gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == GTK_WINDOW (window))
        {
          g_assert_null (found);
          found = CP_TOPIC_EDITOR (toplevel);
        }
    }
  return found;
}

static GtkWidget *
topic_row_edit_button (CpWindow   *window,
                       const char *id)
{
  g_autoptr(GPtrArray) rows = cp_test_find_widgets (GTK_WIDGET (window), CP_TYPE_TOPIC_LIST_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      CpTopicListItem *item = cp_topic_list_row_get_item (rows->pdata[i]);
      g_autoptr(GPtrArray) buttons = NULL;

      if (item == NULL || cp_topic_list_item_is_header (item) ||
          !g_str_equal (cp_topic_get_id (cp_topic_list_item_get_topic (item)), id))
        continue;

      buttons = cp_test_find_widgets (rows->pdata[i], GTK_TYPE_BUTTON);
      g_assert_cmpuint (buttons->len, ==, 1);
      return buttons->pdata[0];
    }
  return NULL;
}

/* Activates what @widget's own key bindings do for @keyval. */
static gboolean
activate_binding (GtkWidget *widget,
                  guint      keyval)
{
  g_autoptr(GtkShortcut) shortcut = cp_test_find_shortcut (widget, keyval, 0);

  g_assert_nonnull (shortcut);

  return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                       gtk_shortcut_get_arguments (shortcut));
}

static gboolean
no_editor (gpointer user_data)
{
  Fixture *fixture = user_data;

  return find_editor (fixture->window) == NULL;
}

static void
test_edit_and_delete (Fixture       *fixture,
                      gconstpointer  data)
{
  CpWindow *window = fixture->window;
  CpComparison *comparison = cp_window_get_comparison (window);
  CpTopicSet *topics = cp_comparison_get_topics (comparison);
  guint n_topics = cp_topic_set_get_n_topics (topics);
  guint twitter = topic_index (window, "twitter");
  CpTopic *topic = cp_topic_set_get_topic (topics, twitter);
  g_auto(GStrv) terms_before = g_strdupv ((char **) cp_topic_get_terms (topic));
  g_autofree char *before = cp_topic_set_to_data (topics, NULL);
  g_autofree char *after_undo = NULL;
  GtkWidget *edit;
  CpTopicEditor *editor;
  GtkEditable *add_entry;
  GtkWidget *delete_button;
  GtkWidget *undo;
  guint count_before;

  open_samples (fixture);
  cp_test_wait_for_frames (GTK_WIDGET (fixture->window), 2);
  count_before = cp_comparison_get_total (comparison, twitter);

  /* The row's pencil opens the topic's editor, once. */
  edit = topic_row_edit_button (window, "twitter");
  g_assert_nonnull (edit);
  g_signal_emit_by_name (edit, "clicked");
  editor = find_editor (window);
  g_assert_nonnull (editor);
  g_assert_true (cp_topic_editor_get_topic (editor) == topic);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-topic", "s", "twitter");
  g_assert_true (find_editor (window) == editor);

  /* A term added there is matched in every pane at once. */
  add_entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor), CP_TYPE_TOPIC_EDITOR, "add_entry"));
  gtk_editable_set_text (add_entry, "blog");
  g_signal_emit_by_name (add_entry, "activate");
  g_assert_true (g_strv_contains (cp_topic_get_terms (topic), "blog"));
  g_assert_cmpuint (cp_comparison_get_total (comparison, twitter), >, count_before);
  assert_topic_tagged (window, twitter);

  /* Deleting from the editor closes it and offers Undo. */
  delete_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), CP_TYPE_TOPIC_EDITOR, "delete_button"));
  g_signal_emit_by_name (delete_button, "clicked");
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, n_topics - 1);
  g_assert_null (cp_topic_set_lookup (topics, "twitter", NULL));
  cp_test_wait_until (no_editor, fixture, "the editor to close");
  g_assert_cmpuint (cp_window_get_n_banners (window), ==, 0);
  g_assert_nonnull (strstr (cp_window_get_notice (window), "deleted"));
  g_assert_cmpuint (cp_window_get_n_panes (window), ==, fixture->samples->len);

  undo = find_button_with_label (window, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, n_topics);
  g_assert_true (cp_topic_set_get_topic (topics, twitter) == topic);
  g_assert_cmpuint (cp_comparison_get_total (comparison, twitter), >, count_before);
  assert_topic_tagged (window, twitter);
  g_assert_null (cp_window_get_notice (window));

  /* Focused, deleted by the Delete key in the list, undone: focused again. */
  cp_window_set_focus_topic (window, twitter);
  g_assert_true (activate_binding (find_widget (window, CP_TYPE_TOPIC_LIST), GDK_KEY_Delete));
  g_assert_null (cp_topic_set_lookup (topics, "twitter", NULL));
  g_assert_cmpint (cp_window_get_focus_topic (window), ==, -1);
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, n_topics - 1);
  undo = find_button_with_label (window, "_Undo");
  g_signal_emit_by_name (undo, "clicked");
  g_assert_cmpint (cp_window_get_focus_topic (window), ==, twitter);

  /* Back to the terms it had. */
  cp_topic_set_terms (topic, (const char * const *) terms_before);
  after_undo = cp_topic_set_to_data (topics, NULL);
  g_assert_cmpstr (after_undo, ==, before);
}


/* With no topics at all, as for reviews of a work the default topics are
 * not about, the suggestions bring up what the default topics would
 * have found. */
static void
test_reset_topics (Fixture       *fixture,
                   gconstpointer  data)
{
  CpWindow *window = fixture->window;
  CpTopicSet *topics = cp_comparison_get_topics (cp_window_get_comparison (window));
  CpThemeList *list = CP_THEME_LIST (find_widget (window, CP_TYPE_THEME_LIST));
  g_autoptr(CpTopicSet) defaults = cp_topic_set_new_default ();
  g_autofree char *before = cp_topic_set_to_data (topics, NULL);
  g_autofree char *default_data = cp_topic_set_to_data (defaults, NULL);
  g_autofree char *after = NULL;
  guint n_topics = cp_topic_set_get_n_topics (topics);
  guint n_known = 0;
  GtkWidget *undo;

  open_samples (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-all-topics", NULL));
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, 0);
  g_assert_cmpuint (cp_window_get_n_banners (window), ==, 0);
  g_assert_nonnull (strstr (cp_window_get_notice (window), "Removed all"));

  cp_test_wait_until (themes_found, fixture, "suggested themes with no topics");
  for (guint i = 0; i < MIN (10, cp_theme_list_get_n_themes (list)); i++)
    if (topics_match (defaults, cp_theme_get_phrase (cp_theme_list_get_theme (list, i))))
      n_known++;
  g_test_message ("%u of the first 10 suggestions are default topics", n_known);
  g_assert_cmpuint (n_known, >=, 2);

  undo = find_button_with_label (window, "_Undo");
  g_signal_emit_by_name (undo, "clicked");
  after = cp_topic_set_to_data (topics, NULL);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, n_topics);

  /* Back to the defaults, whatever the topics were. */
  cp_topic_set_remove (topics, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.default-topics", NULL));
  g_clear_pointer (&after, g_free);
  after = cp_topic_set_to_data (topics, NULL);
  g_assert_cmpstr (after, ==, default_data);
}

/* }}} */

/* {{{ Notices and errors */

static gboolean
notice_gone (gpointer user_data)
{
  return cp_window_get_notice (user_data) == NULL;
}

/* Activates the window's own shortcut for @keyval with @modifiers, as the
 * keyboard does when nothing focused handles the key: FALSE when the
 * shortcut does not apply, and the key goes on. */
static gboolean
activate_window_binding (CpWindow        *window,
                         guint            keyval,
                         GdkModifierType  modifiers)
{
  g_autoptr(GtkShortcut) shortcut = cp_test_find_shortcut (GTK_WIDGET (window), keyval, modifiers);

  g_assert_nonnull (shortcut);

  return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, GTK_WIDGET (window),
                                       gtk_shortcut_get_arguments (shortcut));
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  return NULL;
}

/* Information and Undo go by themselves; Ctrl+Z undoes after they went;
 * the failed files of one open share one error banner, which stays. */
static void
test_notices (Fixture       *fixture,
              gconstpointer  data)
{
  static const char binary[] = "A review\0\0\0\0 that is not text.";
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("cp-test-notices");
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  g_auto(GStrv) accels = NULL;
  CpWindow *window = fixture->window;
  CpTopicSet *topics = cp_comparison_get_topics (cp_window_get_comparison (window));
  const char * const names[] = { "missing-one.txt", "missing-two.txt", "binary.txt" };
  GFile *files[G_N_ELEMENTS (names)];
  GtkEventController *motion;
  guint n_topics;

  open_samples (fixture);
  n_topics = cp_topic_set_get_n_topics (topics);
  cp_window_set_notice_timeout (window, 50);

  /* Ctrl+Z is the window's binding, which a focused entry handles first,
   * not an application accelerator, which would come before it; with
   * nothing to undo the key goes on. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application), "win.undo");
  g_assert_cmpuint (g_strv_length (accels), ==, 0);
  g_assert_false (activate_window_binding (window, GDK_KEY_z, GDK_CONTROL_MASK));

  /* A neutral notice, with Undo, that goes by itself */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-topic", "s", "twitter"));
  g_assert_null (cp_topic_set_lookup (topics, "twitter", NULL));
  g_assert_cmpstr (cp_window_get_notice (window), ==, "Topic “Twitter” deleted");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (cp_window_get_notice_button (window))), ==, "_Undo");
  g_assert_cmpuint (cp_window_get_n_banners (window), ==, 0);
  cp_test_wait_until (notice_gone, window, "the Undo notice to go");

  /* Ctrl+Z undoes after it went, once */
  g_assert_true (activate_window_binding (window, GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_nonnull (cp_topic_set_lookup (topics, "twitter", NULL));
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, n_topics);
  g_assert_false (activate_window_binding (window, GDK_KEY_z, GDK_CONTROL_MASK));

  /* The pointer on the notice holds it; leaving counts the time again */
  cp_window_set_notice_timeout (window, 60 * 1000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-topic", "s", "twitter"));
  motion = find_controller (gtk_widget_get_parent (cp_window_get_notice_button (window)),
                            GTK_TYPE_EVENT_CONTROLLER_MOTION);
  g_assert_nonnull (motion);
  g_assert_cmpuint (window->notice_source, !=, 0);
  g_signal_emit_by_name (motion, "enter", 10.0, 10.0);
  g_assert_cmpuint (window->notice_source, ==, 0);
  g_signal_emit_by_name (motion, "leave");
  g_assert_cmpuint (window->notice_source, !=, 0);

  /* A new notice replaces the one shown; Ctrl+Z still undoes the last
   * action that can be undone */
  cp_window_notify (window, "Something else happened.");
  g_assert_cmpstr (cp_window_get_notice (window), ==, "Something else happened.");
  g_assert_false (gtk_widget_get_visible (cp_window_get_notice_button (window)));
  g_assert_true (activate_window_binding (window, GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_nonnull (cp_topic_set_lookup (topics, "twitter", NULL));
  g_assert_cmpstr (cp_window_get_notice (window), ==, "Something else happened.");

  /* Three files that cannot be opened make one error banner that names
   * them all; it stays when notices go */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = cp_test_tree_build_path (tree, names[i]);

      files[i] = g_file_new_for_path (path);
    }
  g_object_unref (cp_test_tree_add_file (tree, "binary.txt", binary, sizeof binary));
  cp_window_set_notice_timeout (window, 50);
  cp_window_open_files (window, files, G_N_ELEMENTS (files));
  cp_test_window_settle (window);
  g_assert_cmpuint (cp_window_get_n_banners (window), ==, 1);
  texts = cp_test_window_banner_texts (window);
  g_assert_cmpuint (texts->len, ==, 1 + G_N_ELEMENTS (names));
  g_assert_cmpstr (texts->pdata[0], ==, "3 files could not be opened");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_nonnull (strstr (texts->pdata[1 + i], names[i]));
  cp_test_wait_until (notice_gone, window, "the notice to go");
  g_assert_cmpuint (cp_window_get_n_banners (window), ==, 1);

  buttons = banner_buttons (window);
  g_assert_cmpuint (buttons->len, ==, 1);
  g_signal_emit_by_name (buttons->pdata[0], "clicked");
  g_assert_cmpuint (cp_window_get_n_banners (window), ==, 0);
  g_assert_cmpuint (cp_window_get_n_panes (window), ==, fixture->samples->len);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

/* The items of @model, sections flattened: an action's name, or a
 * submenu's label in brackets. */
static void
append_menu_items (GString    *items,
                   GMenuModel *model)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);
      g_autofree char *action = NULL;
      g_autofree char *label = NULL;

      if (section != NULL)
        {
          append_menu_items (items, section);
          g_string_append (items, "|");
          continue;
        }
      if (submenu != NULL && g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_string_append_printf (items, " [%s]", label);
      else if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_string_append_printf (items, " %s", action);
    }
}

/* The read-only text's context menu holds what applies to it, from the
 * mouse and from the keyboard. */
static void
test_context_menu (Fixture       *fixture,
                   gconstpointer  data)
{
  static const guint keyvals[] = { GDK_KEY_Menu, GDK_KEY_F10 };
  static const GdkModifierType modifiers[] = { 0, GDK_SHIFT_MASK };
  g_autoptr(GString) items = g_string_new (NULL);
  g_autoptr(GPtrArray) popovers = NULL;
  CpReviewPane *pane;
  GtkWidget *view, *menu;
  GtkTextBuffer *buffer;
  GtkGesture *click = NULL;

  open_samples (fixture);
  pane = cp_window_get_pane (fixture->window, 0);
  view = GTK_WIDGET (cp_review_pane_get_view (pane));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  menu = cp_review_pane_get_context_menu (pane);

  append_menu_items (items, gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu)));
  g_assert_cmpstr (items->str, ==,
                   " clipboard.copy selection.select-all win.add-note|"
                   " highlighter.track-selection [_Add to Topic]|");

  /* The items are the view's own actions, under these names in GTK 4.8 */
  g_assert_true (gtk_widget_activate_action (view, "selection.select-all", NULL));
  g_assert_true (gtk_text_buffer_get_has_selection (buffer));
  g_assert_true (gtk_widget_activate_action (view, "clipboard.copy", NULL));

  /* The secondary click is taken before the view's own handler */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_CLICK (controller) &&
            gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
          click = GTK_GESTURE (controller);
      }
  }
  g_assert_nonnull (click);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (click)), ==, GTK_PHASE_CAPTURE);

  /* The Menu key and Shift+F10 open this menu, and the view never builds
   * its own */
  for (guint i = 0; i < G_N_ELEMENTS (keyvals); i++)
    {
      g_autoptr(GtkShortcut) shortcut = cp_test_find_capture_shortcut (view, keyvals[i], modifiers[i]);

      g_assert_nonnull (shortcut);
      g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, view, NULL));
      g_assert_true (gtk_widget_get_visible (menu));
      gtk_popover_popdown (GTK_POPOVER (menu));
      cp_test_wait_for_frames (view, 1);
    }
  popovers = cp_test_find_widgets (view, GTK_TYPE_POPOVER);
  g_assert_cmpuint (popovers->len, ==, 1);
  g_assert_true (popovers->pdata[0] == menu);
}

/* }}} */

/* {{{ Comparison sheets */

static void
test_sheets (Fixture       *fixture,
             gconstpointer  data)
{
  CpWindow *window = fixture->window;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cp-test-sheet-XXXXXX", &error);
  g_autofree char *exported_path = g_build_filename (dir, "sheet.pdf", NULL);
  g_autofree char *printed_path = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *full_path = g_build_filename (dir, "full.pdf", NULL);
  g_autofree char *blocked_path = g_build_filename (exported_path, "sheet.pdf", NULL);
  g_autoptr(GFile) exported = g_file_new_for_path (exported_path);
  g_autoptr(GFile) printed = g_file_new_for_path (printed_path);
  g_autoptr(GFile) full = g_file_new_for_path (full_path);
  g_autoptr(GFile) blocked = g_file_new_for_path (blocked_path);
  g_autoptr(CpTestPdf) exported_pdf = NULL;
  g_autoptr(CpTestPdf) printed_pdf = NULL;
  g_autoptr(CpTestPdf) full_pdf = NULL;
  g_autoptr(CpTestPdfPage) first = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *title = NULL;
  double width, height;
  int n_pages;

  g_assert_no_error (error);

  /* Nothing open: nothing to print. */
  g_assert_false (cp_window_export_sheet (window, exported));
  g_assert_false (g_file_query_exists (exported, NULL));

  open_samples (fixture);
  title = cp_sheet_content_dup_default_title (cp_window_get_comparison (window));
  g_assert_cmpstr (title, ==, "Ai Weiwei: Never Sorry");

  /* Export: four reviews make a landscape sheet with the title on top;
   * a notice says where it went, and opens it. */
  g_assert_true (cp_window_export_sheet (window, exported));
  g_assert_nonnull (strstr (cp_window_get_notice (window), "“sheet.pdf”"));
  assert_opens (window, exported);
  exported_pdf = cp_test_pdf_open (exported);
  n_pages = poppler_document_get_n_pages (exported_pdf);
  g_assert_cmpint (n_pages, >=, 2);
  first = poppler_document_get_page (exported_pdf, 0);
  poppler_page_get_size (first, &width, &height);
  g_assert_cmpfloat (width, >, height);
  g_assert_true (cp_test_pdf_page_has_text (exported_pdf, 0, title));

  /* Printing to a file draws the same pages through GtkPrintOperation. */
  cp_window_print_sheet (window, printed);
  printed_pdf = cp_test_pdf_open (printed);
  g_assert_cmpint (poppler_document_get_n_pages (printed_pdf), ==, n_pages);
  g_assert_true (cp_test_pdf_page_has_text (printed_pdf, 0, title));
  g_assert_cmpuint (cp_window_get_n_banners (window), ==, 0);

  /* The options kept in the settings apply: the full texts add pages. */
  g_settings_set_boolean (settings, "sheet-full-texts", TRUE);
  g_assert_true (cp_window_export_sheet (window, full));
  full_pdf = cp_test_pdf_open (full);
  g_assert_cmpint (poppler_document_get_n_pages (full_pdf), >, n_pages);
  g_settings_reset (settings, "sheet-full-texts");

  /* A target that cannot be written: a banner names it, nothing else
   * changes. */
  g_assert_false (cp_window_export_sheet (window, blocked));
  g_assert_cmpuint (cp_window_get_n_banners (window), ==, 1);
  texts = cp_test_window_banner_texts (window);
  g_assert_cmpuint (texts->len, ==, 1);
  g_test_message ("%s", (const char *) texts->pdata[0]);
  g_assert_nonnull (strstr (texts->pdata[0], "sheet.pdf"));
  g_assert_true (g_file_query_exists (exported, NULL));

  g_unlink (exported_path);
  g_unlink (printed_path);
  g_unlink (full_path);
  g_rmdir (dir);
}

/* }}} */

/* {{{ Focus that holds its place */

/* Where the top of each pane's text view is, in the window */
static void
view_origins (CpWindow *window,
              double   *y)
{
  for (guint i = 0; i < cp_window_get_n_panes (window); i++)
    {
      GtkWidget *view = GTK_WIDGET (cp_review_pane_get_view (cp_window_get_pane (window, i)));
      graphene_point_t point;

      g_assert_true (gtk_widget_compute_point (view, GTK_WIDGET (window), &GRAPHENE_POINT_INIT (0, 0), &point));
      y[i] = point.y;
    }
}

/* Panes share the window: one width whatever their titles, one header
 * height, every text starting at the same height */
static void
assert_panes_alike (CpWindow *window)
{
  guint n = cp_window_get_n_panes (window);
  g_autofree double *y = g_new (double, n);
  int width = gtk_widget_get_width (GTK_WIDGET (cp_window_get_pane (window, 0)));
  int header = gtk_widget_get_height (cp_review_pane_get_header (cp_window_get_pane (window, 0)));

  view_origins (window, y);
  for (guint i = 0; i < n; i++)
    {
      CpReviewPane *pane = cp_window_get_pane (window, i);

      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (pane)), ==, width);
      g_assert_cmpint (gtk_widget_get_height (cp_review_pane_get_header (pane)), ==, header);
      g_assert_cmpfloat (y[i], ==, y[0]);
    }
}

/* The pointer's click on @mention of @pane, through the pane's own
 * gesture: where a reader would click, in the middle of the word */
static void
click_mention (CpReviewPane *pane,
               guint         mention)
{
  GtkTextView *view = cp_review_pane_get_view (pane);
  CpMentions *mentions = cp_review_pane_get_mentions (pane);
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  GtkGesture *click = NULL;
  GtkTextIter iter;
  GdkRectangle rect;
  int x, y;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "cp-mention-click") == 0)
        click = GTK_GESTURE (controller);
    }
  g_object_unref (controllers);
  g_assert_nonnull (click);

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter,
                                      cp_mentions_get_char_start (mentions, mention) + 1);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y + rect.height / 2, &x, &y);
  g_signal_emit_by_name (click, "released", 1, (double) x, (double) y);
}

static double
current_top (CpReviewPane *pane)
{
  double top;

  g_assert_true (cp_review_pane_get_mention_y (pane, pane_current_mention (pane), &top, NULL));
  return top;
}

/* Clicking a mention focuses its topic there and keeps the mention under
 * the pointer; the others come level with it, and stay level through
 * hiding the sidebar, resizing the window and changing the text size;
 * focusing moves no text. */
static void
test_focus_holds_place (Fixture       *fixture,
                        gconstpointer  data)
{
  CpWindow *window = fixture->window;
  CpComparison *comparison;
  guint twitter;
  guint n;
  CpReviewPane *pane;
  CpMentions *mentions;
  g_autofree double *before = NULL;
  g_autofree double *after = NULL;
  g_autofree char *position = NULL;
  int mention;
  double top;

  open_samples (fixture);
  comparison = cp_window_get_comparison (window);
  n = cp_window_get_n_panes (window);
  before = g_new (double, n);
  after = g_new (double, n);
  assert_panes_alike (window);

  /* Focusing a topic, one that a review does not mention, and clearing
   * the focus move no text */
  view_origins (window, before);
  cp_window_set_focus_topic (window, topic_index (window, "tax-case"));
  cp_test_window_settle (window);
  g_assert_true (cp_comparison_get_count (comparison, topic_index (window, "tax-case"), 0) == 0 ||
                 cp_comparison_get_count (comparison, topic_index (window, "tax-case"), 1) == 0);
  view_origins (window, after);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (after[i], ==, before[i]);
  /* The pane that does not mention it says so over its text; the others
   * show no such line */
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *notice = cp_test_find_label (GTK_WIDGET (cp_window_get_pane (window, i)), "Does not mention “Tax case”");
      gboolean mentioned = cp_comparison_get_count (comparison, topic_index (window, "tax-case"), i) > 0;

      if (mentioned)
        g_assert_true (notice == NULL || gtk_widget_get_opacity (notice) == 0);
      else
        g_assert_true (notice != NULL && gtk_widget_get_opacity (notice) == 1 && gtk_widget_get_mapped (notice));
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-focus", NULL);
  cp_test_window_settle (window);
  view_origins (window, after);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (after[i], ==, before[i]);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *notice = cp_test_find_label (GTK_WIDGET (cp_window_get_pane (window, i)), "Does not mention “Tax case”");

      g_assert_true (notice == NULL || gtk_widget_get_opacity (notice) == 0);
    }
  assert_panes_alike (window);

  /* The second Twitter mention of the second review, scrolled to 200 px */
  twitter = topic_index (window, "twitter");
  pane = cp_window_get_pane (window, 1);
  mentions = cp_review_pane_get_mentions (pane);
  mention = cp_mentions_find_rank (mentions, twitter, 1);
  g_assert_cmpint (mention, >=, 0);
  cp_review_pane_scroll_to_mention (pane, mention, 200);
  cp_test_window_settle (window);
  g_assert_true (cp_review_pane_get_mention_y (pane, mention, &top, NULL));
  g_assert_cmpfloat_with_epsilon (top, 200, 1);

  click_mention (pane, mention);
  cp_test_window_settle (window);
  g_assert_cmpint (cp_window_get_focus_topic (window), ==, twitter);
  g_assert_cmpint (pane_current_mention (pane), ==, mention);
  g_assert_cmpfloat_with_epsilon (current_top (pane), 200, 1);
  check_current_mentions (fixture, twitter, NULL);

  /* The header bar says where the reader is, in the review clicked */
  position = g_strdup_printf ("Twitter · 2 of %u", cp_mentions_get_count (mentions, twitter));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->position_label)));
  g_assert_cmpstr (gtk_inscription_get_text (window->position_label), ==, position);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-mention", NULL);
  cp_test_window_settle (window);
  g_clear_pointer (&position, g_free);
  position = g_strdup_printf ("Twitter · %u of %u", cp_mentions_get_count (mentions, twitter) > 2 ? 3 : 1,
                              cp_mentions_get_count (mentions, twitter));
  g_assert_cmpstr (gtk_inscription_get_text (window->position_label), ==, position);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-mention", NULL);
  cp_test_window_settle (window);
  g_assert_cmpint (pane_current_mention (pane), ==, mention);
  check_current_mentions (fixture, twitter, NULL);

  /* F9 hides the sidebar: every pane gets wider and wraps again */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar-visible", NULL);
  cp_test_window_settle (window);
  g_assert_false (gtk_widget_get_visible (find_widget (window, CP_TYPE_TOPIC_LIST)) &&
                  gtk_widget_get_mapped (find_widget (window, CP_TYPE_TOPIC_LIST)));
  assert_panes_alike (window);
  g_assert_cmpfloat_with_epsilon (current_top (pane), 200, LEVEL_TOLERANCE);
  check_current_mentions (fixture, twitter, NULL);

  /* A narrower window */
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH - 300, WINDOW_HEIGHT - 100);
  cp_test_window_settle (window);
  assert_panes_alike (window);
  g_assert_cmpfloat_with_epsilon (current_top (pane), 200, LEVEL_TOLERANCE);
  check_current_mentions (fixture, twitter, NULL);

  /* Larger text */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  cp_test_window_settle (window);
  assert_panes_alike (window);
  g_assert_cmpfloat_with_epsilon (current_top (pane), 200, LEVEL_TOLERANCE);
  check_current_mentions (fixture, twitter, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar-visible", NULL);
  cp_test_window_settle (window);
  check_current_mentions (fixture, twitter, NULL);

  /* The reader's pane moved to the left: it keeps the mention where it
   * was, and the others come level with it again */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.move-pane", "(ui)", 1, -1);
  cp_test_window_settle (window);
  g_assert_true (cp_window_get_pane (window, 0) == pane);
  g_assert_cmpfloat_with_epsilon (current_top (pane), 200, LEVEL_TOLERANCE);
  check_current_mentions (fixture, twitter, NULL);

  /* Another pane closed: the rest get wider and wrap again */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-pane", "u", n - 1);
  cp_test_window_settle (window);
  g_assert_cmpuint (cp_window_get_n_panes (window), ==, n - 1);
  assert_panes_alike (window);
  g_assert_cmpfloat_with_epsilon (current_top (pane), 200, LEVEL_TOLERANCE);
  check_current_mentions (fixture, twitter, NULL);

  /* A preference that lays the text out again: the line spacing */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_double (settings, "line-spacing", 1.8);
    cp_test_window_settle (window);
    g_assert_cmpfloat_with_epsilon (current_top (pane), 200, LEVEL_TOLERANCE);
    check_current_mentions (fixture, twitter, NULL);
    g_settings_reset (settings, "line-spacing");
    cp_test_window_settle (window);
    check_current_mentions (fixture, twitter, NULL);
  }

  /* No focus: the line says how many reviews are open */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-focus", NULL);
  g_clear_pointer (&position, g_free);
  position = g_strdup_printf ("%u reviews", n - 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->position_label)));
  g_assert_cmpstr (gtk_inscription_get_text (window->position_label), ==, position);
}

static gboolean
search_done (gpointer user_data)
{
  CpWindow *window = user_data;

  return window->search_matcher != NULL;
}

/* Find: Ctrl+G in the entry steps every review to its next result, the
 * results come level like the mentions of a topic, the bar says which of
 * them is current, and Track as Topic makes the phrase a topic */
static void
test_find_level (Fixture       *fixture,
                 gconstpointer  data)
{
  CpWindow *window = fixture->window;
  CpTopicSet *topics;
  guint n_topics, n, total = 0;
  double min_top = G_MAXDOUBLE, max_top = -G_MAXDOUBLE;
  g_autofree char *expected = NULL;

  open_samples (fixture);
  topics = cp_comparison_get_topics (cp_window_get_comparison (window));
  n_topics = cp_topic_set_get_n_topics (topics);
  n = cp_window_get_n_panes (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  gtk_editable_set_text (GTK_EDITABLE (window->search_entry), "Klayman");
  cp_test_wait_until (search_done, window, "the search");

  /* GtkSearchEntry's own Ctrl+G */
  g_signal_emit_by_name (window->search_entry, "next-match");
  cp_test_window_settle (window);
  for (guint i = 0; i < n; i++)
    {
      CpReviewPane *pane = cp_window_get_pane (window, i);
      guint found, start, end;
      double top, bottom;

      cp_highlighter_get_search_position (cp_review_pane_get_highlighter (pane), &found);
      total += found;
      if (!cp_highlighter_get_search_range (cp_review_pane_get_highlighter (pane), &start, &end))
        continue;
      g_assert_true (cp_review_pane_get_range_y (pane, start, end, &top, &bottom));
      g_assert_cmpfloat (top, >=, 0);
      g_assert_cmpfloat (bottom, <=, gtk_widget_get_height (GTK_WIDGET (cp_review_pane_get_view (pane))));
      if (!is_clamped (pane))
        {
          min_top = MIN (min_top, top);
          max_top = MAX (max_top, top);
        }
    }
  g_assert_cmpuint (total, >=, 4);
  g_assert_cmpfloat (max_top - min_top, <=, LEVEL_TOLERANCE);
  expected = g_strdup_printf ("1 of %u", total);
  g_assert_cmpstr (gtk_inscription_get_text (window->search_label), ==, expected);

  g_signal_emit_by_name (window->search_entry, "next-match");
  g_signal_emit_by_name (window->search_entry, "previous-match");
  g_signal_emit_by_name (window->search_entry, "previous-match");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%u of %u",
                              cp_highlighter_get_search_position (cp_review_pane_get_highlighter (cp_window_get_pane (window, 0)),
                                                                  &(guint) { 0 }) + 1,
                              total);
  g_assert_cmpstr (gtk_inscription_get_text (window->search_label), ==, expected);

  /* Track as Topic */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.track-search", NULL));
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, n_topics + 1);
  g_assert_cmpint (cp_window_get_focus_topic (window), ==, n_topics);
  g_assert_cmpstr (cp_topic_get_label (cp_topic_set_get_topic (topics, n_topics)), ==, "Klayman");
  g_assert_false (gtk_search_bar_get_search_mode (window->search_bar));

  /* The other tests share the application's topics */
  cp_topic_set_remove (topics, n_topics);
}

/* }}} */

/* What the window does with each batch of reviews it reads */
static void
restore_label (CpDocument *document)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();

  g_ptr_array_add (documents, document);
  cp_recent_restore_labels (documents);
}

/* The file that keeps review names is read with the guards every file
 * has: a FIFO in its place neither hangs the window nor is written over */
static void
test_labels_file_guarded (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "counterpoint", "labels.ini", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GFile) file = cp_test_dist_file ("..", "data", "samples", cp_test_sample_names[0], NULL);
  g_autoptr(CpDocument) document = cp_test_load_document (file);
  g_autoptr(GError) error = NULL;
  GStatBuf info;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_remove (path);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);

  restore_label (document);
  g_assert_null (cp_document_get_label (document));

  cp_document_set_label (document, "The blog");
  g_assert_false (cp_recent_save_label (document, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "“labels.ini” is not a regular file"));
  g_assert_nonnull (strstr (error->message, "Move that file away"));
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_true (S_ISFIFO (info.st_mode));

  g_assert_cmpint (g_remove (path), ==, 0);
}

/* Each pane is numbered as the sheet numbers its columns; a double-click
 * or Rename… names a review, the name shows everywhere and is kept */
static void
test_titles (Fixture       *fixture,
             gconstpointer  data)
{
  CpWindow *window = fixture->window;
  CpComparison *comparison;
  CpReviewPane *pane;
  GtkWidget *entry;
  CpDocument *document;
  g_autoptr(CpDocument) again = NULL;
  g_autoptr(GError) error = NULL;

  open_samples (fixture);
  comparison = cp_window_get_comparison (window);
  for (guint i = 0; i < cp_window_get_n_panes (window); i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *title = cp_comparison_dup_display_title (comparison, i);

      pane = cp_window_get_pane (window, i);
      g_assert_nonnull (cp_test_find_label (cp_review_pane_get_header (pane), number));
      g_assert_nonnull (cp_test_find_label (cp_review_pane_get_header (pane), title));
    }

  /* Rename the second review */
  pane = cp_window_get_pane (window, 1);
  document = cp_review_pane_get_document (pane);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "pane.rename", NULL));
  entry = cp_test_find_widget (cp_review_pane_get_header (pane), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_get_child_visible (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, cp_document_get_title (document));
  gtk_editable_set_text (GTK_EDITABLE (entry), "The capsule, renamed");
  g_signal_emit_by_name (entry, "activate");
  cp_test_window_settle (window);
  g_assert_cmpstr (cp_document_get_label (document), ==, "The capsule, renamed");
  g_assert_nonnull (cp_test_find_label (cp_review_pane_get_header (pane), "The capsule, renamed"));
  g_assert_false (gtk_widget_get_child_visible (entry));

  /* Editing again without confirming keeps the name */
  gtk_widget_activate_action (GTK_WIDGET (pane), "pane.rename", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Not this");
  gtk_widget_activate_action (GTK_WIDGET (pane), "pane.rename", NULL);
  g_assert_cmpstr (cp_document_get_label (document), ==, "The capsule, renamed");

  /* The name comes back when the review is read again */
  again = cp_document_new_from_file (cp_document_get_file (document), 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (cp_document_get_label (again));
  restore_label (again);
  g_assert_cmpstr (cp_document_get_label (again), ==, "The capsule, renamed");

  /* Its own title again is no name of its own */
  gtk_widget_activate_action (GTK_WIDGET (pane), "pane.rename", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), cp_document_get_title (document));
  g_signal_emit_by_name (entry, "activate");
  g_assert_null (cp_document_get_label (document));
  g_clear_object (&again);
  again = cp_document_new_from_file (cp_document_get_file (document), 0, NULL, &error);
  g_assert_no_error (error);
  restore_label (again);
  g_assert_null (cp_document_get_label (again));
}

/* {{{ Keyboard */

enum { REGION_HEADER_BAR, REGION_TOPICS, REGION_SUGGESTIONS, REGION_REVIEWS };

/* The region that holds the keyboard focus: a REGION_, or
 * REGION_REVIEWS + the pane's position; -1 for none. */
static int
focus_region (CpWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  guint n = cp_window_get_n_panes (window);

  if (focus == NULL)
    return -1;
  if (gtk_widget_is_ancestor (focus, gtk_window_get_titlebar (GTK_WINDOW (window))))
    return REGION_HEADER_BAR;
  if (gtk_widget_is_ancestor (focus, find_widget (window, CP_TYPE_TOPIC_LIST)))
    return REGION_TOPICS;
  if (gtk_widget_is_ancestor (focus, find_widget (window, CP_TYPE_THEME_LIST)))
    return REGION_SUGGESTIONS;
  for (guint i = 0; i < n; i++)
    if (focus == GTK_WIDGET (cp_review_pane_get_view (cp_window_get_pane (window, i))))
      return REGION_REVIEWS + i;
  return -1;
}

/* The row widget of topic @id in the topic list */
static GtkWidget *
topic_row (CpWindow   *window,
           const char *id)
{
  GtkWidget *edit = topic_row_edit_button (window, id);

  g_assert_nonnull (edit);
  return gtk_widget_get_ancestor (edit, CP_TYPE_TOPIC_LIST_ROW);
}

/* F6 and Shift+F6 (win.next-region, win.previous-region) go round the
 * header bar, the topic list, the suggestions and each review, and leave
 * out the sidebar when it is hidden. */
static void
test_regions (Fixture       *fixture,
              gconstpointer  data)
{
  CpWindow *window = fixture->window;
  g_autoptr(GtkShortcut) f6 = NULL;
  GtkWidget *focus;
  guint n_regions;
  int expected;

  open_samples (fixture);
  cp_test_wait_until (themes_found, fixture, "suggested themes");
  n_regions = REGION_REVIEWS + cp_window_get_n_panes (window);

  /* The window catches F6 before the sidebar's GtkPaned, whose own F6
   * only went between the topics and the suggestions. */
  f6 = cp_test_find_shortcut (GTK_WIDGET (window), GDK_KEY_F6, 0);
  g_assert_nonnull (f6);

  gtk_widget_grab_focus (GTK_WIDGET (cp_review_pane_get_view (cp_window_get_pane (window, cp_window_get_n_panes (window) - 1))));
  expected = n_regions - 1;
  for (guint i = 0; i < 2 * n_regions; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.next-region", NULL);
      expected = (expected + 1) % n_regions;
      g_assert_cmpint (focus_region (window), ==, expected);

      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (expected == REGION_HEADER_BAR)
        g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)), ==, "win.open");
      else if (expected == REGION_TOPICS)
        {
          /* A topic, never a heading */
          GtkWidget *row = gtk_widget_get_first_child (focus);

          g_assert_true (CP_IS_TOPIC_LIST_ROW (row));
          g_assert_false (cp_topic_list_item_is_header (cp_topic_list_row_get_item (CP_TOPIC_LIST_ROW (row))));
        }
    }
  for (guint i = 0; i < 2 * n_regions; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-region", NULL);
      expected = (expected + n_regions - 1) % n_regions;
      g_assert_cmpint (focus_region (window), ==, expected);
    }

  /* The sidebar hidden (F9): the header bar, then the reviews */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar-visible", NULL);
  cp_test_wait_for_layout (GTK_WIDGET (window));
  g_assert_cmpint (focus_region (window), ==, n_regions - 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-region", NULL);
  g_assert_cmpint (focus_region (window), ==, REGION_HEADER_BAR);
  for (guint i = 0; i < cp_window_get_n_panes (window); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.next-region", NULL);
      g_assert_cmpint (focus_region (window), ==, REGION_REVIEWS + i);
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-region", NULL);
  g_assert_cmpint (focus_region (window), ==, REGION_HEADER_BAR);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-region", NULL);
  g_assert_cmpint (focus_region (window), ==, REGION_REVIEWS);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sidebar-visible", NULL);
}

/* Tab stops once on each row of the suggestions and of the topic list;
 * the keys do what the rows' buttons and switches do. */
static void
test_tab_stops (Fixture       *fixture,
                gconstpointer  data)
{
  CpWindow *window = fixture->window;
  CpTopicSet *topics = cp_comparison_get_topics (cp_window_get_comparison (window));
  CpThemeList *themes = CP_THEME_LIST (find_widget (window, CP_TYPE_THEME_LIST));
  CpTopic *twitter;
  GtkWidget *item;
  GtkWidget *focus;
  GtkWidget *row;
  guint n_topics;
  guint n_themes;

  open_samples (fixture);
  cp_test_wait_until (themes_found, fixture, "suggested themes");
  g_assert_cmpuint (cp_theme_list_get_n_themes (themes), >=, 3);

  /* Suggestions: Tab goes from row to row, past the Track button */
  gtk_widget_grab_focus (cp_theme_list_get_row (themes, 0));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == cp_theme_list_get_row (themes, 0));
  gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == cp_theme_list_get_row (themes, 1));
  gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == cp_theme_list_get_row (themes, 0));

  /* Enter on a suggestion tracks it */
  n_topics = cp_topic_set_get_n_topics (topics);
  n_themes = cp_theme_list_get_n_themes (themes);
  g_assert_true (activate_binding (cp_theme_list_get_row (themes, 0), GDK_KEY_Return));
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, n_topics + 1);
  g_assert_cmpuint (cp_theme_list_get_n_themes (themes), ==, n_themes - 1);

  /* Topics: Tab leaves the row, never for its switch or its button */
  row = topic_row (window, "twitter");
  item = gtk_widget_get_parent (row);
  g_assert_true (gtk_widget_grab_focus (item));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == item);
  gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus != item);
  g_assert_false (gtk_widget_is_ancestor (focus, item));

  /* Space shows and hides the focused topic */
  twitter = cp_topic_set_get_topic (topics, topic_index (window, "twitter"));
  g_assert_true (gtk_widget_grab_focus (item));
  g_assert_true (cp_topic_get_enabled (twitter));
  g_assert_true (activate_binding (find_widget (window, CP_TYPE_TOPIC_LIST), GDK_KEY_space));
  g_assert_false (cp_topic_get_enabled (twitter));
  g_assert_true (activate_binding (find_widget (window, CP_TYPE_TOPIC_LIST), GDK_KEY_space));
  g_assert_true (cp_topic_get_enabled (twitter));

  /* The menu key opens the row's menu */
  g_assert_true (activate_binding (find_widget (window, CP_TYPE_TOPIC_LIST), GDK_KEY_Menu));
  g_assert_true (gtk_widget_get_visible (cp_test_find_widget (row, GTK_TYPE_POPOVER_MENU)));
  gtk_popover_popdown (GTK_POPOVER (cp_test_find_widget (row, GTK_TYPE_POPOVER_MENU)));
}

/* }}} */

static gboolean
offer_shown (gpointer user_data)
{
  Fixture *fixture = user_data;
  CpThemeList *list = CP_THEME_LIST (find_widget (fixture->window, CP_TYPE_THEME_LIST));

  return themes_found (user_data) && cp_theme_list_get_offer_start (list) &&
         gtk_widget_get_visible (cp_theme_list_get_start_button (list));
}

/* Reviews of another work: the default topics, written for the
 * documentary, find little in them, so the suggestions lead the sidebar
 * and offer to start from them. */
static void
test_start_from_themes (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const glass[] = {
    "blog-post.txt", "capsule-review.txt", "festival-report.txt", "newspaper-review.txt", "review-it.txt",
  };
  CpWindow *window = fixture->window;
  CpComparison *comparison = cp_window_get_comparison (window);
  CpTopicSet *topics = cp_comparison_get_topics (comparison);
  CpThemeList *list = CP_THEME_LIST (find_widget (window, CP_TYPE_THEME_LIST));
  GtkPaned *paned = GTK_PANED (gtk_widget_get_parent (GTK_WIDGET (list)));
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *before = cp_topic_set_to_data (topics, NULL);
  g_autofree char *after_undo = NULL;
  guint n_topics = cp_topic_set_get_n_topics (topics);
  guint n_enabled = 0;
  GtkWidget *undo;

  for (guint i = 0; i < n_topics; i++)
    n_enabled += cp_topic_get_enabled (cp_topic_set_get_topic (topics, i));

  for (guint i = 0; i < G_N_ELEMENTS (glass); i++)
    g_ptr_array_add (files, cp_test_dist_file ("..", "data", "samples-2", glass[i], NULL));
  /* The capsule review is shorter than its pane: no waiting for the
   * panes to scroll. */
  cp_window_open_files (window, (GFile **) files->pdata, files->len);
  cp_test_wait_until (offer_shown, fixture, "the offer to start from the suggestions");

  g_assert_true (gtk_paned_get_start_child (paned) == GTK_WIDGET (list));
  g_assert_cmpstr (cp_theme_list_get_subject (list), ==, "Glass Tides");
  g_assert_cmpuint (cp_theme_list_get_n_themes (list), >=, 8);
  for (guint i = 0; i < 8; i++)
    g_ptr_array_add (phrases, g_strdup (cp_theme_get_phrase (cp_theme_list_get_theme (list, i))));

  g_signal_emit_by_name (cp_theme_list_get_start_button (list), "clicked");

  /* The best eight are topics now, after the others, and the topics that
   * found nothing are switched off. */
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, n_topics + 8);
  for (guint i = 0; i < 8; i++)
    {
      CpTopic *topic = cp_topic_set_get_topic (topics, n_topics + i);

      g_assert_true (cp_topic_get_enabled (topic));
      g_assert_true (g_strv_contains (cp_topic_get_terms (topic), g_ptr_array_index (phrases, i)));
      g_assert_cmpuint (cp_comparison_get_spread (comparison, n_topics + i), >=, 2);
    }
  for (guint i = 0; i < n_topics; i++)
    {
      if (cp_comparison_get_total (comparison, i) == 0)
        g_assert_false (cp_topic_get_enabled (cp_topic_set_get_topic (topics, i)));
    }

  /* With topics that find something, the topics lead again. */
  g_assert_false (cp_theme_list_get_offer_start (list));
  g_assert_true (gtk_paned_get_start_child (paned) != GTK_WIDGET (list));

  /* Undo: the same topics as before, as they were. */
  undo = find_button_with_label (window, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  after_undo = cp_topic_set_to_data (topics, NULL);
  g_assert_cmpstr (after_undo, ==, before);
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, n_topics);
  g_assert_true (cp_theme_list_get_offer_start (list));
  g_assert_true (gtk_paned_get_start_child (paned) == GTK_WIDGET (list));
  g_assert_cmpuint (n_enabled, >, 0);
}

/* A change to the user's topics that cannot be saved is not lost at quit:
 * quitting, or closing the last window, asks first */

static GtkWidget *
find_unsaved_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (GTK_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
      G_GNUC_END_IGNORE_DEPRECATIONS
    }

  return NULL;
}

static CpWindow *
new_window_with_unsaved_change (const char *label)
{
  CpWindow *window = cp_window_new (application);
  CpTopicSet *topics = cp_application_get_topics (application);

  gtk_window_present (GTK_WINDOW (window));
  cp_test_wait_for_layout (GTK_WIDGET (window));

  /* A folder where the file should be: every save fails */
  g_unlink (topics_path);
  g_assert_cmpint (g_mkdir (topics_path, 0700), ==, 0);
  cp_topic_set_label (cp_topic_set_get_topic (topics, 0), label);

  return window;
}

static void
test_unsaved_topics_at_quit (void)
{
  CpWindow *window = new_window_with_unsaved_change ("Seeds, in the end");
  g_autofree char *secondary = NULL;
  g_autofree char *saved = NULL;
  GtkWidget *dialog;

  /* Quit: the dialog says why, and the window stays */
  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  dialog = find_unsaved_dialog ();
  g_assert_nonnull (dialog);
  g_object_get (dialog, "secondary-text", &secondary, NULL);
  g_assert_nonnull (strstr (secondary, "topics.topics"));
  g_assert_nonnull (strstr (secondary, "If you quit now"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  /* Cancel: nothing closes */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_null (find_unsaved_dialog ());
  g_assert_nonnull (window);

  /* Closing the last window asks too; once the way is clear, Try Again
   * saves, and the window closes */
  gtk_window_close (GTK_WINDOW (window));
  dialog = find_unsaved_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (window);
  g_assert_cmpint (g_rmdir (topics_path), ==, 0);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (dialog), 2 /* Try Again */);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_null (find_unsaved_dialog ());
  g_assert_null (window);
  g_assert_true (g_file_get_contents (topics_path, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "Label=Seeds, in the end\n"));
  g_clear_pointer (&saved, g_free);

  /* Quit Without Saving: the window closes and the file stays as it was */
  window = new_window_with_unsaved_change ("Seeds, never saved");
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  dialog = find_unsaved_dialog ();
  g_assert_nonnull (dialog);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (dialog), 1 /* Quit Without Saving */);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_null (window);
  g_assert_true (g_file_test (topics_path, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (g_rmdir (topics_path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  g_autofree char *topics_dir = NULL;
  GError *error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Opening files records them as recent: keep that out of the user's
   * data. */
  home = g_test_build_filename (G_TEST_BUILT, "test-window-home", NULL);
  cp_test_set_home (home);

  /* The user's topics file is unreadable: see test_unreadable_topics () */
  topics_path = g_build_filename (home, "counterpoint", "topics.topics", NULL);
  backup_path = g_strconcat (topics_path, ".bak", NULL);
  g_unlink (backup_path);
  topics_dir = g_path_get_dirname (topics_path);
  g_mkdir_with_parents (topics_dir, 0700);
  g_file_set_contents (topics_path, BAD_TOPICS, -1, &error);
  g_assert_no_error (error);

  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  application = cp_test_application_new ();

  g_test_add_func ("/app/window/unreadable-topics", test_unreadable_topics);
  g_test_add ("/app/window/samples", Fixture, NULL, fixture_set_up, test_samples, fixture_tear_down);
  g_test_add ("/app/window/focus", Fixture, NULL, fixture_set_up, test_focus, fixture_tear_down);
  g_test_add ("/app/window/next-mention", Fixture, NULL, fixture_set_up, test_next_mention, fixture_tear_down);
  g_test_add ("/app/window/focus-holds-place", Fixture, NULL, fixture_set_up, test_focus_holds_place, fixture_tear_down);
  g_test_add ("/app/window/find-level", Fixture, NULL, fixture_set_up, test_find_level, fixture_tear_down);
  g_test_add ("/app/window/titles", Fixture, NULL, fixture_set_up, test_titles, fixture_tear_down);
  g_test_add_func ("/app/window/labels-file-guarded", test_labels_file_guarded);
  g_test_add ("/app/window/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/app/window/close", Fixture, NULL, fixture_set_up, test_close, fixture_tear_down);
  g_test_add ("/app/window/screenshot", Fixture, NULL, fixture_set_up, test_screenshot, fixture_tear_down);
  g_test_add ("/app/window/import-export", Fixture, NULL, fixture_set_up, test_import_export, fixture_tear_down);
  g_test_add ("/app/window/suggestions", Fixture, NULL, fixture_set_up, test_suggestions, fixture_tear_down);
  g_test_add ("/app/window/start-from-themes", Fixture, NULL, fixture_set_up, test_start_from_themes,
              fixture_tear_down);
  g_test_add ("/app/window/track-selection", Fixture, NULL, fixture_set_up, test_track_selection, fixture_tear_down);
  g_test_add ("/app/window/edit-and-delete", Fixture, NULL, fixture_set_up, test_edit_and_delete, fixture_tear_down);
  g_test_add ("/app/window/reset-topics", Fixture, NULL, fixture_set_up, test_reset_topics, fixture_tear_down);
  g_test_add ("/app/window/sheets", Fixture, NULL, fixture_set_up, test_sheets, fixture_tear_down);
  g_test_add ("/app/window/notices", Fixture, NULL, fixture_set_up, test_notices, fixture_tear_down);
  g_test_add ("/app/window/context-menu", Fixture, NULL, fixture_set_up, test_context_menu, fixture_tear_down);
  g_test_add ("/app/window/regions", Fixture, NULL, fixture_set_up, test_regions, fixture_tear_down);
  g_test_add ("/app/window/tab-stops", Fixture, NULL, fixture_set_up, test_tab_stops, fixture_tear_down);
  /* Last: it quits the application */
  g_test_add_func ("/app/window/unsaved-topics-at-quit", test_unsaved_topics_at_quit);

  status = g_test_run ();
  g_clear_object (&application);
  g_free (topics_path);
  g_free (backup_path);

  return status;
}
