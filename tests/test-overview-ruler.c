/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <gtk/gtk.h>

#include "cp-overview-ruler.h"
#include "cp-test-gtk-utils.h"

#define N_LINES 400
/* 1-based, as a reader counts them. */
#define FIRST_LINE 10
#define SECOND_LINE 300

enum {
  LIGHTHOUSE,
  HARBOUR,
};

typedef struct
{
  GtkWindow       *window;
  GtkTextView     *view;
  GtkAdjustment   *vadjustment;
  CpOverviewRuler *ruler;
  CpTopicSet      *topics;
  CpComparison    *comparison;
  CpFocus         *focus;
  CpDocument      *document;
} Fixture;

/* N_LINES short lines, never wrapped: "lighthouse" on FIRST_LINE and
 * SECOND_LINE, "harbour" on every line when @harbour_everywhere, else on
 * every 45th line.
 */
static char *
make_text (gboolean harbour_everywhere)
{
  GString *text = g_string_new (NULL);

  for (guint line = 1; line <= N_LINES; line++)
    {
      if (line == FIRST_LINE || line == SECOND_LINE)
        g_string_append_printf (text, "%u. The lighthouse keeper wrote it down.", line);
      else
        g_string_append_printf (text, "%u. Grey water went past the quay.", line);

      if (harbour_everywhere || line % 45 == 0)
        g_string_append (text, " A harbour seal watched.");

      if (line < N_LINES)
        g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

static gboolean
laid_out (gpointer user_data)
{
  Fixture *fixture = user_data;
  double page_size = gtk_adjustment_get_page_size (fixture->vadjustment);

  return gtk_adjustment_get_upper (fixture->vadjustment) > page_size &&
         page_size > 0 &&
         gtk_widget_get_height (GTK_WIDGET (fixture->ruler)) > 0;
}

/* Idle validation replaces estimated line heights step by step: wait
 * until the text is taller than its view and its height stops changing.
 */
static void
wait_for_layout (Fixture *fixture)
{
  cp_test_wait_until (laid_out, fixture, "the text and the ruler to be laid out");
  cp_test_wait_for_layout (GTK_WIDGET (fixture->window));
  g_assert_true (laid_out (fixture));
}

static void
fixture_set_up_with_text (Fixture  *fixture,
                          gboolean  harbour_everywhere)
{
  g_autoptr(CpTopic) lighthouse = cp_test_make_topic ("lighthouse", "Lighthouse", "#e01b24",
                                                      (const char * const[]) { "lighthouse", NULL });
  g_autoptr(CpTopic) harbour = cp_test_make_topic ("harbour", "Harbour", "#1c71d8",
                                                   (const char * const[]) { "harbour", NULL });
  g_autofree char *text = make_text (harbour_everywhere);
  GtkWidget *box;
  GtkWidget *scrolled;
  GtkWidget *view;
  GtkWidget *ruler;

  fixture->topics = cp_topic_set_new ();
  cp_topic_set_append (fixture->topics, lighthouse);
  cp_topic_set_append (fixture->topics, harbour);

  fixture->document = cp_document_new_from_text ("harbour.txt", text, -1);
  fixture->comparison = cp_comparison_new (fixture->topics);
  cp_comparison_append_document (fixture->comparison, fixture->document);
  fixture->focus = cp_focus_new (fixture->comparison);

  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            cp_document_get_text (fixture->document), -1);

  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_hexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);

  ruler = cp_overview_ruler_new ();
  cp_overview_ruler_set_view (CP_OVERVIEW_RULER (ruler), GTK_TEXT_VIEW (view));
  cp_overview_ruler_set_source (CP_OVERVIEW_RULER (ruler),
                                fixture->focus, fixture->document);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), ruler);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 480, 600);
  gtk_window_set_child (fixture->window, box);

  fixture->view = GTK_TEXT_VIEW (view);
  fixture->ruler = CP_OVERVIEW_RULER (ruler);
  fixture->vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  g_object_add_weak_pointer (G_OBJECT (fixture->ruler), (gpointer *)&fixture->ruler);

  gtk_window_present (fixture->window);
  wait_for_layout (fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture_set_up_with_text (fixture, FALSE);
}

static void
fixture_set_up_dense (Fixture       *fixture,
                      gconstpointer  user_data)
{
  fixture_set_up_with_text (fixture, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  cp_test_destroy_window (fixture->window);

  /* The window held the only reference. */
  g_assert_null (fixture->ruler);

  g_assert_finalize_object (fixture->focus);
  g_assert_finalize_object (fixture->comparison);
  g_assert_finalize_object (fixture->document);
  g_assert_finalize_object (fixture->topics);
}

/* All the marks, top to bottom. */
static guint
collect_marks (Fixture *fixture,
               double  *tops,
               double  *bottoms,
               guint    max_marks)
{
  guint n_marks = cp_overview_ruler_get_n_marks (fixture->ruler);

  g_assert_cmpuint (n_marks, <=, max_marks);

  for (guint i = 0; i < n_marks; i++)
    g_assert_true (cp_overview_ruler_get_mark_y (fixture->ruler, i, &tops[i], &bottoms[i]));

  g_assert_false (cp_overview_ruler_get_mark_y (fixture->ruler, n_marks, NULL, NULL));

  return n_marks;
}

static void
set_topic_enabled (Fixture  *fixture,
                   guint     position,
                   gboolean  enabled)
{
  CpTopic *topic = cp_topic_set_get_topic (fixture->topics, position);

  cp_topic_set_enabled (topic, enabled);
}

static void
assert_line_visible (Fixture *fixture,
                     guint    line)
{
  GtkTextIter iter;
  GdkRectangle visible;
  int y;
  int height;

  gtk_text_buffer_get_iter_at_line (gtk_text_view_get_buffer (fixture->view), &iter, line - 1);
  gtk_text_view_get_line_yrange (fixture->view, &iter, &y, &height);
  gtk_text_view_get_visible_rect (fixture->view, &visible);

  g_assert_cmpint (y, >=, visible.y);
  g_assert_cmpint (y + height, <=, visible.y + visible.height);
}

static void
test_marks (Fixture       *fixture,
            gconstpointer  user_data)
{
  double tops[8];
  double bottoms[8];
  double height = gtk_widget_get_height (GTK_WIDGET (fixture->ruler));
  guint n_marks;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->ruler)), ==, 12);

  /* Only the lighthouse: the harbour's marks would sit between. */
  set_topic_enabled (fixture, HARBOUR, FALSE);

  n_marks = collect_marks (fixture, tops, bottoms, G_N_ELEMENTS (tops));
  g_assert_cmpuint (n_marks, ==, 2);

  g_assert_cmpfloat_with_epsilon (tops[0], height * (FIRST_LINE - 1) / N_LINES, 3);
  g_assert_cmpfloat_with_epsilon (bottoms[0], height * FIRST_LINE / N_LINES, 3);
  g_assert_cmpfloat_with_epsilon (tops[1], height * (SECOND_LINE - 1) / N_LINES, 3);
  g_assert_cmpfloat_with_epsilon (bottoms[1], height * SECOND_LINE / N_LINES, 3);
  g_assert_cmpfloat (bottoms[0] - tops[0], >=, 2);
  g_assert_cmpfloat (bottoms[1] - tops[1], >=, 2);
}

static void
test_scroll (Fixture       *fixture,
             gconstpointer  user_data)
{
  double top;
  double bottom;
  double height = gtk_widget_get_height (GTK_WIDGET (fixture->ruler));

  g_assert_cmpfloat (gtk_adjustment_get_value (fixture->vadjustment), ==, 0);

  set_topic_enabled (fixture, HARBOUR, FALSE);
  g_assert_true (cp_overview_ruler_get_mark_y (fixture->ruler, 1, &top, &bottom));

  cp_overview_ruler_scroll_to_y (fixture->ruler, (top + bottom) / 2);
  assert_line_visible (fixture, SECOND_LINE);

  /* The frame is centered on the click. */
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (fixture->vadjustment) +
                                  gtk_adjustment_get_page_size (fixture->vadjustment) / 2,
                                  (top + bottom) / 2 * gtk_adjustment_get_upper (fixture->vadjustment) / height,
                                  1);

  /* Clamped at both ends. */
  cp_overview_ruler_scroll_to_y (fixture->ruler, -40);
  g_assert_cmpfloat (gtk_adjustment_get_value (fixture->vadjustment), ==, 0);
  assert_line_visible (fixture, 1);

  cp_overview_ruler_scroll_to_y (fixture->ruler, height + 40);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (fixture->vadjustment),
                                  gtk_adjustment_get_upper (fixture->vadjustment) -
                                  gtk_adjustment_get_page_size (fixture->vadjustment),
                                  0.5);
  assert_line_visible (fixture, N_LINES);
}

static void
test_topics (Fixture       *fixture,
             gconstpointer  user_data)
{
  double tops[16];
  double bottoms[16];
  g_autoptr(CpDocument) other = cp_document_new_from_text ("other.txt", "A lighthouse.", -1);

  /* Two lighthouse marks and eight harbour marks (every 45th line). */
  g_assert_cmpuint (collect_marks (fixture, tops, bottoms, G_N_ELEMENTS (tops)), ==, 10);
  for (guint i = 1; i < 10; i++)
    g_assert_cmpfloat (tops[i], >=, tops[i - 1]);

  set_topic_enabled (fixture, LIGHTHOUSE, FALSE);
  g_assert_cmpuint (cp_overview_ruler_get_n_marks (fixture->ruler), ==, 8);

  set_topic_enabled (fixture, HARBOUR, FALSE);
  g_assert_cmpuint (cp_overview_ruler_get_n_marks (fixture->ruler), ==, 0);

  set_topic_enabled (fixture, LIGHTHOUSE, TRUE);
  g_assert_cmpuint (cp_overview_ruler_get_n_marks (fixture->ruler), ==, 2);

  /* The document is found again after it moved. */
  cp_comparison_append_document (fixture->comparison, other);
  cp_comparison_move_document (fixture->comparison, 1, 0);
  g_assert_cmpuint (collect_marks (fixture, tops, bottoms, G_N_ELEMENTS (tops)), ==, 2);
  g_assert_cmpfloat (tops[0], <, tops[1]);

  /* And no marks once it left the comparison. */
  cp_comparison_remove_document (fixture->comparison, 1);
  g_assert_cmpuint (cp_overview_ruler_get_n_marks (fixture->ruler), ==, 0);
}

static void
test_merge (Fixture       *fixture,
            gconstpointer  user_data)
{
  double tops[16];
  double bottoms[16];
  double height = gtk_widget_get_height (GTK_WIDGET (fixture->ruler));
  guint n_marks;

  /* A harbour on every line: the lines are less than two pixels apart in
   * the ruler, so the 400 mentions become one band; the lighthouse keeps
   * its two marks.
   */
  n_marks = collect_marks (fixture, tops, bottoms, G_N_ELEMENTS (tops));
  g_assert_cmpuint (n_marks, ==, 3);
  g_assert_cmpfloat_with_epsilon (tops[0], 0, 1);
  g_assert_cmpfloat_with_epsilon (bottoms[0], height, 1);
}

static void
test_resize (Fixture       *fixture,
             gconstpointer  user_data)
{
  GtkTextIter iter;
  double old_top;
  double top;
  double bottom;
  double height;
  double upper;
  int y;
  int line_height;

  set_topic_enabled (fixture, HARBOUR, FALSE);
  g_assert_true (cp_overview_ruler_get_mark_y (fixture->ruler, 1, &old_top, NULL));

  /* Wide margins rewrap every line and a margin below the ruler makes it
   * shorter: the buffer is the same, but both move the marks.
   */
  gtk_text_view_set_left_margin (fixture->view, 250);
  gtk_widget_set_margin_bottom (GTK_WIDGET (fixture->ruler), 200);
  wait_for_layout (fixture);

  height = gtk_widget_get_height (GTK_WIDGET (fixture->ruler));
  upper = gtk_adjustment_get_upper (fixture->vadjustment);
  gtk_text_buffer_get_iter_at_line (gtk_text_view_get_buffer (fixture->view), &iter,
                                    SECOND_LINE - 1);
  gtk_text_view_get_line_yrange (fixture->view, &iter, &y, &line_height);
  /* The line wraps now. */
  g_assert_cmpint (line_height, >, 20);

  g_assert_cmpuint (cp_overview_ruler_get_n_marks (fixture->ruler), ==, 2);
  g_assert_true (cp_overview_ruler_get_mark_y (fixture->ruler, 1, &top, &bottom));
  g_assert_cmpfloat (fabs (top - old_top), >, 10);
  g_assert_cmpfloat_with_epsilon (top, y * height / upper, 3);
  g_assert_cmpfloat (bottom, <=, (y + line_height) * height / upper + 3);
}

/* A search's results are marked too, where they are, and go with it */
static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(CpMatcher) matcher = cp_matcher_new ();
  g_autoptr(CpMentions) results = NULL;
  double tops[8];
  double bottoms[8];
  double height = gtk_widget_get_height (GTK_WIDGET (fixture->ruler));
  guint n_marks;

  /* Only the lighthouse's two marks, and a search for the keeper, who is
   * on the same two lines */
  set_topic_enabled (fixture, HARBOUR, FALSE);
  g_assert_cmpuint (collect_marks (fixture, tops, bottoms, G_N_ELEMENTS (tops)), ==, 2);
  g_assert_true (cp_matcher_add_term (matcher, 0, 0, "keeper", NULL));
  g_assert_true (cp_matcher_compile (matcher, NULL));
  results = cp_mentions_new (fixture->document,
                             cp_matcher_scan (matcher,
                                              cp_document_get_text (fixture->document),
                                              cp_document_get_length (fixture->document)),
                             1);
  g_assert_cmpuint (cp_mentions_get_n_mentions (results), ==, 2);

  cp_overview_ruler_set_search (fixture->ruler, results);
  n_marks = collect_marks (fixture, tops, bottoms, G_N_ELEMENTS (tops));
  g_assert_cmpuint (n_marks, ==, 4);
  g_assert_cmpfloat_with_epsilon (tops[2], height * (FIRST_LINE - 1) / N_LINES, 3);
  g_assert_cmpfloat_with_epsilon (tops[3], height * (SECOND_LINE - 1) / N_LINES, 3);
  g_free (cp_test_save_screenshot (GTK_WIDGET (fixture->window), "overview-ruler-search.png"));

  cp_overview_ruler_set_search (fixture->ruler, NULL);
  g_assert_cmpuint (collect_marks (fixture, tops, bottoms, G_N_ELEMENTS (tops)), ==, 2);
}

static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  user_data)
{
  double top;
  double bottom;

  g_assert_true (cp_overview_ruler_get_mark_y (fixture->ruler, 5, &top, &bottom));
  cp_overview_ruler_scroll_to_y (fixture->ruler, top);
  g_free (cp_test_save_screenshot (GTK_WIDGET (fixture->window), "overview-ruler.png"));

  cp_focus_set_topic (fixture->focus, cp_topic_set_get_topic (fixture->topics, LIGHTHOUSE));
  g_assert_cmpint (cp_focus_get_topic_index (fixture->focus), ==, LIGHTHOUSE);
  g_free (cp_test_save_screenshot (GTK_WIDGET (fixture->window), "overview-ruler-focus.png"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/app/overview-ruler/marks", Fixture, NULL,
              fixture_set_up, test_marks, fixture_tear_down);
  g_test_add ("/app/overview-ruler/scroll", Fixture, NULL,
              fixture_set_up, test_scroll, fixture_tear_down);
  g_test_add ("/app/overview-ruler/topics", Fixture, NULL,
              fixture_set_up, test_topics, fixture_tear_down);
  g_test_add ("/app/overview-ruler/merge", Fixture, NULL,
              fixture_set_up_dense, test_merge, fixture_tear_down);
  g_test_add ("/app/overview-ruler/resize", Fixture, NULL,
              fixture_set_up, test_resize, fixture_tear_down);
  g_test_add ("/app/overview-ruler/search", Fixture, NULL,
              fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/app/overview-ruler/screenshot", Fixture, NULL,
              fixture_set_up, test_screenshot, fixture_tear_down);

  return g_test_run ();
}
