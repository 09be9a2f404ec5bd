/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <gtk/gtk.h>

#include "cp-alignment.h"
#include "cp-comparison.h"
#include "cp-review-pane.h"
#include "cp-scroll-sync.h"
#include "cp-test-gtk-utils.h"

#define N_PANES 3

enum { HARBOR, VIOLIN, WINTER };

static const char * const topic_words[] = { "harbor", "violin", "winter" };

/* Wraps several times in a pane a third of the window wide. */
static const char long_filler[] =
  "The reviewer goes on at some length about the staging, the lighting, "
  "the costumes and the sound design, then about the theatre itself, its "
  "seats, its bar and the long queue for the cloakroom after the show.";

typedef struct
{
  CpComparison *comparison;
  CpFocus      *focus;
  CpTopic      *topics[G_N_ELEMENTS (topic_words)];
  GtkWidget    *window;
  CpReviewPane *panes[N_PANES];
  CpScrollSync *sync;
} Fixture;

/* A review of about 300 lines: n_mentions lines that mention a topic,
 * each after some filler lines, every third of them a long paragraph.
 */
static CpDocument *
make_review (const char *name,
             guint       n_mentions,
             guint     (*topic_of) (guint i),
             guint     (*filler_of) (guint i))
{
  g_autoptr(GString) text = g_string_new (name);
  guint line = 0;

  g_string_append (text, "\n\n");
  for (guint i = 0; i < n_mentions; i++)
    {
      for (guint f = 0; f < filler_of (i); f++, line++)
        {
          if (line % 3 == 2)
            g_string_append_printf (text, "%s\n", long_filler);
          else
            g_string_append_printf (text, "Line %u says nothing in particular.\n", line);
        }
      g_string_append_printf (text, "Line %u: then the %s comes back.\n", line++, topic_words[topic_of (i)]);
    }

  return cp_document_new_from_text (name, text->str, text->len);
}

/* A: harbor, violin, winter, harbor, ... */
static guint
topic_a (guint i)
{
  return i % 3;
}

static guint
filler_a (guint i)
{
  return 6 + (i * 7) % 5;
}

/* B: A's cycle with an extra violin after every fifth mention, and
 * different amounts of filler.
 */
static guint
topic_b (guint i)
{
  return i % 6 == 5 ? VIOLIN : (i - i / 6) % 3;
}

static guint
filler_b (guint i)
{
  return 3 + (i * 5) % 9;
}

/* C never mentions winter. */
static guint
topic_c (guint i)
{
  return i % 2;
}

static guint
filler_c (guint i)
{
  return 8 + (i * 3) % 7;
}

/* Lets the window draw and the text views finish laying out (their
 * validation runs from idles), until nothing moves any more.
 */
static void
settle (Fixture *fixture)
{
  cp_test_wait_for_layout (fixture->window);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CpTopicSet) topics = cp_topic_set_new ();
  g_autoptr(CpDocument) a = make_review ("a.txt", 30, topic_a, filler_a);
  g_autoptr(CpDocument) b = make_review ("b.txt", 36, topic_b, filler_b);
  g_autoptr(CpDocument) c = make_review ("c.txt", 24, topic_c, filler_c);
  const char *colors[] = { "#3584e4", "#e66100", "#26a269" };
  GtkWidget *box;

  for (guint t = 0; t < G_N_ELEMENTS (topic_words); t++)
    {
      const char *terms[] = { topic_words[t], NULL };

      fixture->topics[t] = cp_topic_new (topic_words[t], topic_words[t]);
      cp_topic_set_terms (fixture->topics[t], terms);
      cp_topic_set_color (fixture->topics[t], colors[t]);
      cp_topic_set_append (topics, fixture->topics[t]);
    }

  fixture->comparison = cp_comparison_new (topics);
  fixture->focus = cp_focus_new (fixture->comparison);
  cp_comparison_append_document (fixture->comparison, a);
  cp_comparison_append_document (fixture->comparison, b);
  cp_comparison_append_document (fixture->comparison, c);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 700);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);

  fixture->sync = cp_scroll_sync_new ();
  for (guint i = 0; i < N_PANES; i++)
    {
      fixture->panes[i] = cp_review_pane_new (fixture->focus,
                                              cp_comparison_get_document (fixture->comparison, i));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->panes[i]));
      cp_scroll_sync_add_pane (fixture->sync, fixture->panes[i]);
    }

  gtk_window_present (GTK_WINDOW (fixture->window));
  settle (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  CpReviewPane *panes[N_PANES];

  for (guint i = 0; i < N_PANES; i++)
    {
      panes[i] = fixture->panes[i];
      g_object_add_weak_pointer (G_OBJECT (panes[i]), (gpointer *) &panes[i]);
    }

  cp_test_destroy_window (GTK_WINDOW (fixture->window));

  /* The sync holds the panes until it goes. */
  g_assert_finalize_object (fixture->sync);
  for (guint i = 0; i < N_PANES; i++)
    g_assert_null (panes[i]);

  for (guint t = 0; t < G_N_ELEMENTS (topic_words); t++)
    g_object_unref (fixture->topics[t]);
  g_object_unref (fixture->focus);
  g_object_unref (fixture->comparison);
}

static GtkAdjustment *
adjustment (Fixture *fixture,
            guint    pane)
{
  return cp_review_pane_get_vadjustment (fixture->panes[pane]);
}

static double
value (Fixture *fixture,
       guint    pane)
{
  return gtk_adjustment_get_value (adjustment (fixture, pane));
}

static double
page (Fixture *fixture,
      guint    pane)
{
  return gtk_adjustment_get_page_size (adjustment (fixture, pane));
}

/* The top of a mention, relative to the visible top of its view. */
static double
mention_top (Fixture *fixture,
             guint    pane,
             guint    mention)
{
  double top;

  g_assert_true (cp_review_pane_get_mention_y (fixture->panes[pane], mention, &top, NULL));

  return top;
}

/* Scrolls so that a mention's top is at the middle of its view. The view
 * may lay out lines it had only estimated, so it takes a second go.
 */
static void
scroll_to_middle (Fixture *fixture,
                  guint    pane,
                  guint    mention)
{
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      double middle = page (fixture, pane) / 2;
      double top = mention_top (fixture, pane, mention);

      if (attempt > 0 && fabs (top - middle) < 1)
        break;
      gtk_adjustment_set_value (adjustment (fixture, pane), value (fixture, pane) + top - middle);
      settle (fixture);
    }
}

/* The anchors between two panes' documents, the lower pane first. */
static GArray *
anchors_between (Fixture *fixture,
                 guint    first,
                 guint    second)
{
  const CpMention *a, *b;
  guint n_a, n_b;

  a = cp_test_get_mentions (fixture->comparison, first, &n_a);
  b = cp_test_get_mentions (fixture->comparison, second, &n_b);

  return cp_alignment_compute_anchors (a, n_a, b, n_b);
}

/* The mention of pane @second that anchors @mention of pane @first, or -1. */
static int
partner (GArray *anchors,
         guint   mention)
{
  for (guint k = 0; k < anchors->len; k++)
    if (g_array_index (anchors, CpAnchor, k).a == mention)
      return g_array_index (anchors, CpAnchor, k).b;

  return -1;
}

/* The mention of pane @first that anchors @mention of pane @second, or -1. */
static int
partner_of_second (GArray *anchors,
                   guint   mention)
{
  for (guint k = 0; k < anchors->len; k++)
    if (g_array_index (anchors, CpAnchor, k).b == mention)
      return g_array_index (anchors, CpAnchor, k).a;

  return -1;
}

/* Pane 0's mentions that both other panes have an anchor for. */
static GArray *
shared_mentions (Fixture  *fixture,
                 GArray  **anchors_01,
                 GArray  **anchors_02)
{
  GArray *shared = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_mentions;

  *anchors_01 = anchors_between (fixture, 0, 1);
  *anchors_02 = anchors_between (fixture, 0, 2);
  g_assert_cmpuint ((*anchors_01)->len, >=, 8);
  g_assert_cmpuint ((*anchors_02)->len, >=, 8);

  cp_test_get_mentions (fixture->comparison, 0, &n_mentions);
  for (guint m = 0; m < n_mentions; m++)
    if (partner (*anchors_01, m) >= 0 && partner (*anchors_02, m) >= 0)
      g_array_append_val (shared, m);

  return shared;
}

static void
assert_level (Fixture *fixture,
              guint    pane_a,
              guint    mention_a,
              guint    pane_b,
              guint    mention_b)
{
  double top_a = mention_top (fixture, pane_a, mention_a);
  double top_b = mention_top (fixture, pane_b, mention_b);

  g_test_message ("pane %u mention %u at %.1f, pane %u mention %u at %.1f",
                  pane_a, mention_a, top_a, pane_b, mention_b, top_b);
  g_assert_cmpfloat (fabs (top_a - top_b), <=, 4);
}

static void
test_level (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GArray) anchors_01 = NULL;
  g_autoptr(GArray) anchors_02 = NULL;
  g_autoptr(GArray) shared = shared_mentions (fixture, &anchors_01, &anchors_02);
  guint mention;

  g_assert_true (cp_scroll_sync_get_enabled (fixture->sync));
  g_assert_cmpuint (shared->len, >=, 10);

  /* Every pane starts at the top and can scroll several pages. */
  for (guint i = 0; i < N_PANES; i++)
    {
      g_assert_cmpfloat (value (fixture, i), ==, 0);
      g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment (fixture, i)), >, 4 * page (fixture, i));
    }

  mention = g_array_index (shared, guint, 4);
  scroll_to_middle (fixture, 0, mention);
  g_assert_cmpfloat (fabs (mention_top (fixture, 0, mention) - page (fixture, 0) / 2), <=, 1);

  g_assert_cmpfloat (value (fixture, 1), >, 0);
  g_assert_cmpfloat (value (fixture, 2), >, 0);
  assert_level (fixture, 0, mention, 1, partner (anchors_01, mention));
  assert_level (fixture, 0, mention, 2, partner (anchors_02, mention));

  /* Further down, pane 2 (which never mentions winter) still follows. */
  mention = g_array_index (shared, guint, shared->len / 2);
  scroll_to_middle (fixture, 0, mention);
  assert_level (fixture, 0, mention, 1, partner (anchors_01, mention));
  assert_level (fixture, 0, mention, 2, partner (anchors_02, mention));
}

/* At either end of the leading pane, the others are at the same end: the
 * sync point moves to the edge of the view there.
 */
static void
test_ends (Fixture       *fixture,
           gconstpointer  data)
{
  GtkAdjustment *leader = adjustment (fixture, 0);

  gtk_adjustment_set_value (leader, gtk_adjustment_get_upper (leader));
  settle (fixture);
  for (guint i = 0; i < N_PANES; i++)
    {
      GtkAdjustment *adj = adjustment (fixture, i);

      g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adj) -
                               (gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj))), <=, 1);
    }

  gtk_adjustment_set_value (leader, 0);
  settle (fixture);
  for (guint i = 0; i < N_PANES; i++)
    g_assert_cmpfloat (value (fixture, i), <=, 1);
}

/* Scrolling a few pixels at a time moves the other panes a few pixels at
 * a time, through wrapped paragraphs too, and never backwards.
 */
static void
test_smooth (Fixture       *fixture,
             gconstpointer  data)
{
  double previous[N_PANES] = { 0, };
  guint n_distinct = 0;

  gtk_adjustment_set_value (adjustment (fixture, 0), page (fixture, 0));
  settle (fixture);
  for (guint i = 1; i < N_PANES; i++)
    previous[i] = value (fixture, i);

  for (guint step = 0; step < 150; step++)
    {
      gtk_adjustment_set_value (adjustment (fixture, 0), value (fixture, 0) + 5);
      for (guint i = 1; i < N_PANES; i++)
        {
          double now = value (fixture, i);

          g_assert_cmpfloat (now, >=, previous[i]);
          g_assert_cmpfloat (now - previous[i], <=, 40);
          if (now != previous[i])
            n_distinct++;
          previous[i] = now;
        }
    }

  /* Nearly every step moved both followers. */
  g_assert_cmpuint (n_distinct, >, 250);
}

static void
count_cb (GtkAdjustment *adj,
          guint         *count)
{
  (*count)++;
}

/* The panes that follow do not scroll the one that leads: after pane 1
 * takes the lead, pane 0 settles and stays put, and pane 1 stays where it
 * was scrolled to.
 */
static void
test_no_feedback (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GArray) anchors_01 = NULL;
  g_autoptr(GArray) anchors_02 = NULL;
  g_autoptr(GArray) anchors_12 = anchors_between (fixture, 1, 2);
  g_autoptr(GArray) shared = shared_mentions (fixture, &anchors_01, &anchors_02);
  guint counts[N_PANES] = { 0, };
  gulong ids[N_PANES];
  double values[N_PANES];
  guint n_found = 0;
  int mention_0 = -1;
  int mention_1 = -1;
  int mention_2 = -1;
  guint n_mentions;

  scroll_to_middle (fixture, 0, g_array_index (shared, guint, 4));

  /* Pane 1's tenth or so mention that both other panes are anchored to. */
  cp_test_get_mentions (fixture->comparison, 1, &n_mentions);
  for (guint m = 0; m < n_mentions && n_found < 10; m++)
    {
      mention_0 = partner_of_second (anchors_01, m);
      mention_2 = partner (anchors_12, m);
      if (mention_0 >= 0 && mention_2 >= 0)
        {
          mention_1 = m;
          n_found++;
        }
    }
  g_assert_cmpuint (n_found, ==, 10);
  mention_0 = partner_of_second (anchors_01, mention_1);
  mention_2 = partner (anchors_12, mention_1);

  for (guint i = 0; i < N_PANES; i++)
    ids[i] = g_signal_connect (adjustment (fixture, i), "value-changed", G_CALLBACK (count_cb), &counts[i]);

  /* One scroll of pane 1 moves each pane once. */
  gtk_adjustment_set_value (adjustment (fixture, 1),
                            value (fixture, 1) + mention_top (fixture, 1, mention_1) - page (fixture, 1) / 2);
  g_assert_cmpuint (counts[0], ==, 1);
  g_assert_cmpuint (counts[1], ==, 1);
  g_assert_cmpuint (counts[2], ==, 1);

  scroll_to_middle (fixture, 1, mention_1);
  assert_level (fixture, 1, mention_1, 0, mention_0);
  assert_level (fixture, 1, mention_1, 2, mention_2);

  /* Then nothing moves any more. */
  for (guint i = 0; i < N_PANES; i++)
    {
      values[i] = value (fixture, i);
      counts[i] = 0;
    }
  for (guint round = 0; round < 5; round++)
    {
      cp_test_wait_for_frames (fixture->window, 3);
      for (guint i = 0; i < N_PANES; i++)
        g_assert_cmpfloat (value (fixture, i), ==, values[i]);
    }
  for (guint i = 0; i < N_PANES; i++)
    g_assert_cmpuint (counts[i], ==, 0);

  g_assert_cmpfloat (fabs (mention_top (fixture, 1, mention_1) - page (fixture, 1) / 2), <=, 1);
  assert_level (fixture, 1, mention_1, 0, mention_0);
  assert_level (fixture, 1, mention_1, 2, mention_2);

  for (guint i = 0; i < N_PANES; i++)
    g_signal_handler_disconnect (adjustment (fixture, i), ids[i]);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_disabled (Fixture       *fixture,
               gconstpointer  data)
{
  guint n_notify = 0;
  gboolean enabled = TRUE;
  double before_1, before_2;

  g_signal_connect (fixture->sync, "notify::enabled", G_CALLBACK (notify_cb), &n_notify);
  cp_scroll_sync_set_enabled (fixture->sync, FALSE);
  cp_scroll_sync_set_enabled (fixture->sync, FALSE);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_false (cp_scroll_sync_get_enabled (fixture->sync));
  g_object_get (fixture->sync, "enabled", &enabled, NULL);
  g_assert_false (enabled);

  gtk_adjustment_set_value (adjustment (fixture, 0), 800);
  settle (fixture);
  g_assert_cmpfloat (value (fixture, 0), ==, 800);
  g_assert_cmpfloat (value (fixture, 1), ==, 0);
  g_assert_cmpfloat (value (fixture, 2), ==, 0);

  /* Panes placed while off stay where they are when it comes back on. */
  gtk_adjustment_set_value (adjustment (fixture, 2), 300);
  g_object_set (fixture->sync, "enabled", TRUE, NULL);
  g_assert_cmpuint (n_notify, ==, 2);
  settle (fixture);
  g_assert_cmpfloat (value (fixture, 0), ==, 800);
  g_assert_cmpfloat (value (fixture, 1), ==, 0);
  g_assert_cmpfloat (value (fixture, 2), ==, 300);

  /* Until one scrolls: then they move on from where they are, by about
   * as much as the leader (100 px), rather than jumping to where the map
   * would have them (pane 1 was 800 px above that). */
  before_1 = value (fixture, 1);
  before_2 = value (fixture, 2);
  gtk_adjustment_set_value (adjustment (fixture, 0), 900);
  g_assert_cmpfloat (value (fixture, 1), !=, before_1);
  g_assert_cmpfloat (value (fixture, 2), !=, before_2);
  g_assert_cmpfloat (value (fixture, 1) - before_1, >, 0);
  g_assert_cmpfloat (value (fixture, 1) - before_1, <, 300);
  g_assert_cmpfloat (value (fixture, 2) - before_2, >, 0);
  g_assert_cmpfloat (value (fixture, 2) - before_2, <, 300);

  /* Or cp_scroll_sync_align_on() asks. */
  cp_scroll_sync_set_enabled (fixture->sync, FALSE);
  gtk_adjustment_set_value (adjustment (fixture, 1), 0);
  cp_scroll_sync_set_enabled (fixture->sync, TRUE);
  cp_scroll_sync_align_on (fixture->sync, fixture->panes[0]);
  g_assert_cmpfloat (value (fixture, 1), >, 0);
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  cp_scroll_sync_remove_pane (fixture->sync, fixture->panes[2]);
  cp_scroll_sync_remove_pane (fixture->sync, fixture->panes[2]);

  gtk_adjustment_set_value (adjustment (fixture, 0), 800);
  settle (fixture);
  g_assert_cmpfloat (value (fixture, 1), >, 0);
  g_assert_cmpfloat (value (fixture, 2), ==, 0);

  /* Scrolling the removed pane moves nobody. */
  gtk_adjustment_set_value (adjustment (fixture, 2), 500);
  settle (fixture);
  g_assert_cmpfloat (value (fixture, 0), ==, 800);
}

/* After re-tagging, the anchors are those of the new mentions. */
static void
test_retag (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GArray) anchors_01 = NULL;
  g_autoptr(GArray) anchors_02 = NULL;
  g_autoptr(GArray) shared = NULL;
  guint mention;

  /* Compute the old anchors first, and scroll with them. */
  scroll_to_middle (fixture, 0, 20);

  cp_topic_set_enabled (fixture->topics[HARBOR], FALSE);
  settle (fixture);

  shared = shared_mentions (fixture, &anchors_01, &anchors_02);
  mention = g_array_index (shared, guint, 6);
  scroll_to_middle (fixture, 0, mention);
  assert_level (fixture, 0, mention, 1, partner (anchors_01, mention));
  assert_level (fixture, 0, mention, 2, partner (anchors_02, mention));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/app/scroll-sync/level", Fixture, NULL, fixture_set_up, test_level, fixture_tear_down);
  g_test_add ("/app/scroll-sync/ends", Fixture, NULL, fixture_set_up, test_ends, fixture_tear_down);
  g_test_add ("/app/scroll-sync/smooth", Fixture, NULL, fixture_set_up, test_smooth, fixture_tear_down);
  g_test_add ("/app/scroll-sync/no-feedback", Fixture, NULL, fixture_set_up, test_no_feedback, fixture_tear_down);
  g_test_add ("/app/scroll-sync/disabled", Fixture, NULL, fixture_set_up, test_disabled, fixture_tear_down);
  g_test_add ("/app/scroll-sync/remove", Fixture, NULL, fixture_set_up, test_remove, fixture_tear_down);
  g_test_add ("/app/scroll-sync/retag", Fixture, NULL, fixture_set_up, test_retag, fixture_tear_down);

  return g_test_run ();
}
