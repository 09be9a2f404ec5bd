/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include "cp-comparison.h"
#include "cp-link-gutter.h"
#include "cp-review-pane.h"
#include "cp-test-gtk-utils.h"

/* Paragraphs (after the title) that mention the wind topic in each review:
 * all of them fit in the window at first, and the reviews are long enough
 * to scroll every one out of view. */
static const guint a_lines[] = { 1, 4, 9 };
static const guint b_lines[] = { 3, 7 };
#define N_PARAGRAPHS 90

typedef struct
{
  CpComparison *comparison;
  CpFocus      *focus;
  GtkWidget    *window;
  GtkWidget    *box;
  CpReviewPane *a;
  CpReviewPane *b;
  CpLinkGutter *gutter;
  guint         a_mentions[G_N_ELEMENTS (a_lines)]; /* the wind topic's */
  guint         b_mentions[G_N_ELEMENTS (b_lines)];
  guint         activated_left;
  guint         activated_right;
  guint         n_activated;
} Fixture;

static CpDocument *
make_review (const char  *title,
             const guint *lines,
             guint        n_lines)
{
  g_autoptr(GString) text = g_string_new (title);
  guint next = 0;

  g_string_append (text, "\n\n");
  for (guint i = 0; i < N_PARAGRAPHS; i++)
    {
      if (next < n_lines && lines[next] == i)
        {
          g_string_append_printf (text, "Paragraph %u: here the zephyr rises over the lake.\n\n", i);
          next++;
        }
      else if (i == 5 || i == 11)
        g_string_append_printf (text, "Paragraph %u: the pacing sags in the middle act.\n\n", i);
      else
        g_string_append_printf (text, "Paragraph %u: nothing much happens in this one.\n\n", i);
    }

  return cp_document_new_from_text (title, text->str, text->len);
}

static void
ribbon_activated_cb (CpLinkGutter *gutter,
                     guint         left_mention,
                     guint         right_mention,
                     Fixture      *fixture)
{
  fixture->activated_left = left_mention;
  fixture->activated_right = right_mention;
  fixture->n_activated++;
}

static void
find_mentions (CpReviewPane *pane,
               guint        *mentions,
               guint         n_mentions)
{
  CpMentions *found = cp_review_pane_get_mentions (pane);
  int mention = -1;

  for (guint i = 0; i < n_mentions; i++)
    {
      mention = cp_mentions_find (found, 0, mention, TRUE);
      g_assert_cmpint (mention, >=, 0);
      mentions[i] = mention;
    }
  g_assert_cmpint (cp_mentions_find (found, 0, mention, TRUE), ==, -1);
}

static void
focus_topic (Fixture *fixture,
             int      index)
{
  CpTopicSet *topics = cp_comparison_get_topics (fixture->comparison);

  cp_focus_set_topic (fixture->focus, index >= 0 ? cp_topic_set_get_topic (topics, index) : NULL);
  g_assert_cmpint (cp_focus_get_topic_index (fixture->focus), ==, index);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CpTopicSet) topics = cp_topic_set_new ();
  g_autoptr(CpTopic) wind = cp_topic_new ("wind", "Wind");
  g_autoptr(CpTopic) pacing = cp_topic_new ("pacing", "Pacing");
  g_autoptr(CpDocument) doc_a = NULL;
  g_autoptr(CpDocument) doc_b = NULL;
  const char *wind_terms[] = { "zephyr", NULL };
  const char *pacing_terms[] = { "pacing", NULL };

  cp_topic_set_terms (wind, wind_terms);
  cp_topic_set_color (wind, "#3584e4");
  cp_topic_set_terms (pacing, pacing_terms);
  cp_topic_set_color (pacing, "#e66100");
  cp_topic_set_append (topics, wind);
  cp_topic_set_append (topics, pacing);

  fixture->comparison = cp_comparison_new (topics);
  doc_a = make_review ("The Lake, reviewed by A", a_lines, G_N_ELEMENTS (a_lines));
  doc_b = make_review ("The Lake, reviewed by B", b_lines, G_N_ELEMENTS (b_lines));
  cp_comparison_append_document (fixture->comparison, doc_a);
  cp_comparison_append_document (fixture->comparison, doc_b);
  fixture->focus = cp_focus_new (fixture->comparison);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  fixture->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->box);

  fixture->a = cp_review_pane_new (fixture->focus, doc_a);
  fixture->gutter = CP_LINK_GUTTER (cp_link_gutter_new ());
  fixture->b = cp_review_pane_new (fixture->focus, doc_b);
  gtk_box_append (GTK_BOX (fixture->box), GTK_WIDGET (fixture->a));
  gtk_box_append (GTK_BOX (fixture->box), GTK_WIDGET (fixture->gutter));
  gtk_box_append (GTK_BOX (fixture->box), GTK_WIDGET (fixture->b));

  cp_link_gutter_set_panes (fixture->gutter, fixture->a, fixture->b);
  focus_topic (fixture, 0);
  g_signal_connect (fixture->gutter, "ribbon-activated", G_CALLBACK (ribbon_activated_cb), fixture);

  /* Pacing mentions come between the wind ones in the documents. */
  find_mentions (fixture->a, fixture->a_mentions, G_N_ELEMENTS (fixture->a_mentions));
  find_mentions (fixture->b, fixture->b_mentions, G_N_ELEMENTS (fixture->b_mentions));

  gtk_window_present (GTK_WINDOW (fixture->window));
  cp_test_wait_for_layout (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  CpLinkGutter *gutter = fixture->gutter;

  g_object_add_weak_pointer (G_OBJECT (gutter), (gpointer *) &gutter);
  cp_test_destroy_window (GTK_WINDOW (fixture->window));
  g_assert_null (gutter);

  g_assert_finalize_object (fixture->focus);
  g_assert_finalize_object (fixture->comparison);
}

/* Where a mention is, in the gutter's coordinates. */
static void
mention_in_gutter (Fixture      *fixture,
                   CpReviewPane *pane,
                   guint         mention,
                   double       *top,
                   double       *bottom)
{
  GtkWidget *view = GTK_WIDGET (cp_review_pane_get_view (pane));
  double y0, y1, x;

  g_assert_true (cp_review_pane_get_mention_y (pane, mention, &y0, &y1));
  g_assert_true (gtk_widget_translate_coordinates (view, GTK_WIDGET (fixture->gutter), 0, y0, &x, top));
  g_assert_true (gtk_widget_translate_coordinates (view, GTK_WIDGET (fixture->gutter), 0, y1, &x, bottom));
}

/* The top of a pane's visible text, in the gutter's coordinates. */
static double
view_top_in_gutter (Fixture      *fixture,
                    CpReviewPane *pane)
{
  GtkWidget *view = GTK_WIDGET (cp_review_pane_get_view (pane));
  double x, y;

  g_assert_true (gtk_widget_translate_coordinates (view, GTK_WIDGET (fixture->gutter), 0, 0, &x, &y));

  return y;
}

/* The ribbon joining A's a_wind-th wind mention to B's b_wind-th. */
static int
find_ribbon (Fixture *fixture,
             guint    a_wind,
             guint    b_wind)
{
  guint n = cp_link_gutter_get_n_ribbons (fixture->gutter);

  for (guint i = 0; i < n; i++)
    {
      guint l, r;

      g_assert_true (cp_link_gutter_get_ribbon_mentions (fixture->gutter, i, &l, &r));
      if (l == fixture->a_mentions[a_wind] && r == fixture->b_mentions[b_wind])
        return i;
    }

  return -1;
}

/* Clicks the middle of a ribbon, where its band is half way between its
 * two ends. */
static gboolean
activate_ribbon (Fixture *fixture,
                 guint    ribbon)
{
  double lt, lb, rt, rb;

  g_assert_true (cp_link_gutter_get_ribbon (fixture->gutter, ribbon, &lt, &lb, &rt, &rb));

  return cp_link_gutter_activate_at (fixture->gutter,
                                     gtk_widget_get_width (GTK_WIDGET (fixture->gutter)) / 2.0,
                                     (lt + lb + rt + rb) / 4);
}

static void
scroll_by (CpReviewPane *pane,
           double        dy)
{
  GtkAdjustment *adjustment = cp_review_pane_get_vadjustment (pane);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy);
}

static void
scroll_to_end (CpReviewPane *pane)
{
  GtkAdjustment *adjustment = cp_review_pane_get_vadjustment (pane);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

/* Asserts that A's a_wind-th wind mention is level with B's b_wind-th. */
static void
assert_level (Fixture *fixture,
              guint    a_wind,
              guint    b_wind)
{
  double a_top, a_bottom, b_top, b_bottom;

  mention_in_gutter (fixture, fixture->a, fixture->a_mentions[a_wind], &a_top, &a_bottom);
  mention_in_gutter (fixture, fixture->b, fixture->b_mentions[b_wind], &b_top, &b_bottom);
  g_assert_cmpfloat_with_epsilon (a_top, b_top, 2.0);
  g_assert_cmpfloat_with_epsilon (a_bottom, b_bottom, 2.0);
}

static void
test_pairing (Fixture       *fixture,
              gconstpointer  data)
{
  /* In the order of the wind mentions; the third of A has no partner and
   * joins B's last. */
  static const guint expected[][2] = { { 0, 0 }, { 1, 1 }, { 2, 1 } };

  g_assert_cmpuint (cp_link_gutter_get_n_ribbons (fixture->gutter), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      double lt, lb, rt, rb;
      double a_top, a_bottom, b_top, b_bottom;
      guint l, r;

      g_assert_true (cp_link_gutter_get_ribbon_mentions (fixture->gutter, i, &l, &r));
      g_assert_cmpuint (l, ==, fixture->a_mentions[expected[i][0]]);
      g_assert_cmpuint (r, ==, fixture->b_mentions[expected[i][1]]);

      g_assert_true (cp_link_gutter_get_ribbon (fixture->gutter, i, &lt, &lb, &rt, &rb));
      mention_in_gutter (fixture, fixture->a, l, &a_top, &a_bottom);
      mention_in_gutter (fixture, fixture->b, r, &b_top, &b_bottom);
      g_assert_cmpfloat_with_epsilon (lt, a_top, 1.0);
      g_assert_cmpfloat_with_epsilon (lb, a_bottom, 1.0);
      g_assert_cmpfloat_with_epsilon (rt, b_top, 1.0);
      g_assert_cmpfloat_with_epsilon (rb, b_bottom, 1.0);
      g_assert_cmpfloat (lb - lt, >, 8);
    }

  g_assert_false (cp_link_gutter_get_ribbon (fixture->gutter, 3, NULL, NULL, NULL, NULL));

  /* A point between the panes' text and no ribbon does nothing. */
  g_assert_false (cp_link_gutter_activate_at (fixture->gutter, 20,
                                              gtk_widget_get_height (GTK_WIDGET (fixture->gutter)) - 2));
  g_assert_cmpuint (fixture->n_activated, ==, 0);
}

static void
test_tab (Fixture       *fixture,
          gconstpointer  data)
{
  double lt, lb, rt, rb;
  double a_top, a_bottom, b_top, b_bottom;
  double a_view_top = view_top_in_gutter (fixture, fixture->a);
  double b_view_top = view_top_in_gutter (fixture, fixture->b);

  /* A's first mention goes out of view above: its end is a tab at the top
   * of A's text, the ribbon still reaching B's first mention. */
  mention_in_gutter (fixture, fixture->a, fixture->a_mentions[0], &a_top, &a_bottom);
  scroll_by (fixture->a, a_bottom - a_view_top + 20);
  cp_test_wait_for_layout (fixture->window);

  g_assert_cmpuint (cp_link_gutter_get_n_ribbons (fixture->gutter), ==, 3);
  g_assert_true (cp_link_gutter_get_ribbon (fixture->gutter, 0, &lt, &lb, &rt, &rb));
  g_assert_cmpfloat_with_epsilon (lt, a_view_top, 1.0);
  g_assert_cmpfloat_with_epsilon (lb - lt, 6.0, 0.5);
  mention_in_gutter (fixture, fixture->b, fixture->b_mentions[0], &b_top, &b_bottom);
  g_assert_cmpfloat_with_epsilon (rt, b_top, 1.0);
  g_assert_cmpfloat_with_epsilon (rb, b_bottom, 1.0);

  /* The second ribbon is still whole. */
  g_assert_true (cp_link_gutter_get_ribbon (fixture->gutter, 1, &lt, &lb, &rt, &rb));
  mention_in_gutter (fixture, fixture->a, fixture->a_mentions[1], &a_top, &a_bottom);
  g_assert_cmpfloat_with_epsilon (lt, a_top, 1.0);
  g_assert_cmpfloat_with_epsilon (lb, a_bottom, 1.0);

  g_free (cp_test_save_screenshot (fixture->window, "link-gutter.png"));

  /* B scrolled to its end: every B end is a tab at the top; the first
   * pair, off-screen on both sides, is not drawn. */
  scroll_to_end (fixture->b);
  cp_test_wait_for_layout (fixture->window);
  g_assert_cmpuint (cp_link_gutter_get_n_ribbons (fixture->gutter), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      guint l, r;

      g_assert_true (cp_link_gutter_get_ribbon_mentions (fixture->gutter, i, &l, &r));
      g_assert_cmpuint (l, ==, fixture->a_mentions[i + 1]);
      g_assert_cmpuint (r, ==, fixture->b_mentions[1]);
      g_assert_true (cp_link_gutter_get_ribbon (fixture->gutter, i, &lt, &lb, &rt, &rb));
      g_assert_cmpfloat_with_epsilon (rt, b_view_top, 1.0);
      g_assert_cmpfloat_with_epsilon (rb - rt, 6.0, 0.5);
    }

  /* Both at their ends: nothing crosses the views any more. */
  scroll_to_end (fixture->a);
  cp_test_wait_for_layout (fixture->window);
  g_assert_cmpuint (cp_link_gutter_get_n_ribbons (fixture->gutter), ==, 0);
}

static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  GtkAdjustment *a_adjustment = cp_review_pane_get_vadjustment (fixture->a);
  double a_value = gtk_adjustment_get_value (a_adjustment);
  double a_top, a_bottom;
  int ribbon;

  /* B's first mention is lower than A's: B scrolls up to meet it and A
   * stays where it is. */
  g_assert_true (activate_ribbon (fixture, 0));
  g_assert_cmpuint (fixture->n_activated, ==, 1);
  g_assert_cmpuint (fixture->activated_left, ==, fixture->a_mentions[0]);
  g_assert_cmpuint (fixture->activated_right, ==, fixture->b_mentions[0]);
  assert_level (fixture, 0, 0);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (a_adjustment), a_value, 0.5);
  g_assert_cmpfloat (gtk_adjustment_get_value (cp_review_pane_get_vadjustment (fixture->b)), >, 10);
  g_assert_cmpint (cp_focus_get_current (fixture->focus, cp_review_pane_get_document (fixture->b)), ==,
                   (int) fixture->b_mentions[0]);
  g_assert_cmpint (cp_focus_get_current (fixture->focus, cp_review_pane_get_document (fixture->a)), ==,
                   (int) fixture->a_mentions[0]);
  cp_test_wait_for_layout (fixture->window);

  /* A's third mention is lower than B's second, which cannot come down
   * past the start of B: A scrolls up instead. */
  ribbon = find_ribbon (fixture, 2, 1);
  g_assert_cmpint (ribbon, >=, 0);
  g_assert_true (activate_ribbon (fixture, ribbon));
  g_assert_cmpuint (fixture->n_activated, ==, 2);
  g_assert_cmpuint (fixture->activated_left, ==, fixture->a_mentions[2]);
  g_assert_cmpuint (fixture->activated_right, ==, fixture->b_mentions[1]);
  assert_level (fixture, 2, 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (a_adjustment), >, a_value + 10);
  cp_test_wait_for_layout (fixture->window);

  /* A's first mention is now out of view, a tab: activating its ribbon
   * brings it back and levels B's first mention with it. */
  ribbon = find_ribbon (fixture, 0, 0);
  g_assert_cmpint (ribbon, >=, 0);
  g_assert_true (activate_ribbon (fixture, ribbon));
  g_assert_cmpuint (fixture->n_activated, ==, 3);
  assert_level (fixture, 0, 0);
  g_assert_true (cp_review_pane_get_mention_y (fixture->a, fixture->a_mentions[0], &a_top, &a_bottom));
  g_assert_cmpfloat (a_top, >=, 0);
  g_assert_cmpfloat (a_bottom, <=, gtk_widget_get_height (GTK_WIDGET (cp_review_pane_get_view (fixture->a))));
}

static void
test_changes (Fixture       *fixture,
              gconstpointer  data)
{
  CpTopic *wind = cp_topic_set_get_topic (cp_comparison_get_topics (fixture->comparison), 0);
  const char *terms[] = { "rises", NULL };
  CpReviewPane *b = fixture->b;

  /* No focus topic, nothing to join. */
  focus_topic (fixture, -1);
  g_assert_cmpuint (cp_link_gutter_get_n_ribbons (fixture->gutter), ==, 0);
  focus_topic (fixture, 0);
  g_assert_cmpuint (cp_link_gutter_get_n_ribbons (fixture->gutter), ==, 3);

  /* The "pacing" topic: paragraphs 5 and 11 in both reviews. */
  focus_topic (fixture, 1);
  g_assert_cmpuint (cp_link_gutter_get_n_ribbons (fixture->gutter), ==, 2);
  focus_topic (fixture, 0);

  /* Re-tagging is picked up: "rises" is in the same lines as "zephyr". */
  cp_topic_set_terms (wind, terms);
  g_assert_cmpuint (cp_link_gutter_get_n_ribbons (fixture->gutter), ==, 3);
  terms[0] = "nowhere";
  cp_topic_set_terms (wind, terms);
  g_assert_cmpuint (cp_link_gutter_get_n_ribbons (fixture->gutter), ==, 0);
  terms[0] = "zephyr";
  cp_topic_set_terms (wind, terms);
  g_assert_cmpuint (cp_link_gutter_get_n_ribbons (fixture->gutter), ==, 3);

  /* A closed pane is let go of. */
  g_object_add_weak_pointer (G_OBJECT (b), (gpointer *) &b);
  gtk_box_remove (GTK_BOX (fixture->box), GTK_WIDGET (fixture->b));
  g_assert_null (b);
  fixture->b = NULL;
  g_assert_cmpuint (cp_link_gutter_get_n_ribbons (fixture->gutter), ==, 0);
  cp_test_wait_for_layout (fixture->window);
  scroll_by (fixture->a, 30);
  cp_test_wait_for_layout (fixture->window);

  cp_link_gutter_set_panes (fixture->gutter, NULL, NULL);
  g_assert_cmpuint (cp_link_gutter_get_n_ribbons (fixture->gutter), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/app/link-gutter/pairing", Fixture, NULL, fixture_set_up, test_pairing, fixture_tear_down);
  g_test_add ("/app/link-gutter/tab", Fixture, NULL, fixture_set_up, test_tab, fixture_tear_down);
  g_test_add ("/app/link-gutter/activate", Fixture, NULL, fixture_set_up, test_activate, fixture_tear_down);
  g_test_add ("/app/link-gutter/changes", Fixture, NULL, fixture_set_up, test_changes, fixture_tear_down);

  return g_test_run ();
}
