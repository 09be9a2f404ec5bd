/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpFocus: the focused topic and each document's current mention, as the
 * window's panes, ribbons, rulers and topic list follow them.
 */
#include "config.h"

#include "cp-focus.h"
#include "cp-test-utils.h"

typedef struct
{
  CpComparison *comparison;
  CpFocus      *focus;
  CpDocument   *docs[3];
  GPtrArray    *changed;    /* documents, one per current-changed */
  GPtrArray    *moved;      /* anchors, one per moved (NULL kept as NULL) */
  guint         n_topic_notifies;
} Fixture;

enum { KITE, RAIN, STORM };

/* kite, rain and storm mentions in three reviews; c never mentions rain */
static const char * const texts[] = {
  "A kite. Rain. A kite again. Rain, rain. One more kite.",
  "Rain first. Then a kite. Rain. Kite. Kite. Kite.",
  "Only a kite here, and a storm.",
};

static void
current_changed_cb (CpFocus    *focus,
                    CpDocument *document,
                    Fixture    *fixture)
{
  g_ptr_array_add (fixture->changed, document);
}

static void
moved_cb (CpFocus    *focus,
          CpDocument *anchor,
          Fixture    *fixture)
{
  g_ptr_array_add (fixture->moved, anchor);
}

static void
topic_notify_cb (CpFocus    *focus,
                 GParamSpec *pspec,
                 Fixture    *fixture)
{
  fixture->n_topic_notifies++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CpTopicSet) topics = cp_topic_set_new ();

  cp_test_add_topic (topics, "kite", "Kite", "kite*");
  cp_test_add_topic (topics, "rain", "Rain", "rain");
  cp_test_add_topic (topics, "storm", "Storm", "storm");
  fixture->comparison = cp_comparison_new (topics);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *name = g_strdup_printf ("review-%u", i);

      fixture->docs[i] = cp_document_new_from_text (name, texts[i], -1);
      cp_comparison_append_document (fixture->comparison, fixture->docs[i]);
    }

  fixture->focus = cp_focus_new (fixture->comparison);
  fixture->changed = g_ptr_array_new ();
  fixture->moved = g_ptr_array_new ();
  g_signal_connect (fixture->focus, "current-changed", G_CALLBACK (current_changed_cb), fixture);
  g_signal_connect (fixture->focus, "moved", G_CALLBACK (moved_cb), fixture);
  g_signal_connect (fixture->focus, "notify::topic", G_CALLBACK (topic_notify_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->focus);
  g_assert_finalize_object (fixture->comparison);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->docs); i++)
    g_assert_finalize_object (fixture->docs[i]);
  g_ptr_array_unref (fixture->changed);
  g_ptr_array_unref (fixture->moved);
}

static CpTopic *
topic (Fixture *fixture,
       guint    index)
{
  return cp_topic_set_get_topic (cp_comparison_get_topics (fixture->comparison), index);
}

static int
current (Fixture *fixture,
         guint    doc)
{
  return cp_focus_get_current (fixture->focus, fixture->docs[doc]);
}

/* The mention of @doc's text that starts with @word after @skip others */
static int
mention_of (Fixture *fixture,
            guint    doc,
            guint    topic_index,
            guint    rank)
{
  CpMentions *mentions = cp_comparison_get_mentions_for_document (fixture->comparison, fixture->docs[doc]);

  return cp_mentions_find_rank (mentions, topic_index, rank);
}

static void
test_set_topic (Fixture       *fixture,
                gconstpointer  data)
{
  g_assert_null (cp_focus_get_topic (fixture->focus));
  g_assert_cmpint (cp_focus_get_topic_index (fixture->focus), ==, -1);
  g_assert_true (cp_focus_get_comparison (fixture->focus) == fixture->comparison);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (current (fixture, i), ==, -1);
  g_assert_false (cp_focus_step (fixture->focus, TRUE));

  /* Each document's first mention becomes current; the anchor is the
   * first document that mentions the topic */
  cp_focus_set_topic (fixture->focus, topic (fixture, RAIN));
  g_assert_true (cp_focus_get_topic (fixture->focus) == topic (fixture, RAIN));
  g_assert_cmpint (cp_focus_get_topic_index (fixture->focus), ==, RAIN);
  g_assert_cmpuint (fixture->n_topic_notifies, ==, 1);
  g_assert_cmpint (current (fixture, 0), ==, mention_of (fixture, 0, RAIN, 0));
  g_assert_cmpint (current (fixture, 0), ==, 1);
  g_assert_cmpint (current (fixture, 1), ==, 0);
  g_assert_cmpint (current (fixture, 2), ==, -1);
  g_assert_cmpuint (fixture->changed->len, ==, 2);
  g_assert_cmpuint (fixture->moved->len, ==, 1);
  g_assert_true (fixture->moved->pdata[0] == fixture->docs[0]);

  /* The same again: nothing */
  cp_focus_set_topic (fixture->focus, topic (fixture, RAIN));
  g_assert_cmpuint (fixture->n_topic_notifies, ==, 1);
  g_assert_cmpuint (fixture->moved->len, ==, 1);

  /* The anchor the reader is in keeps the lead when it mentions the topic */
  cp_focus_set_anchor (fixture->focus, fixture->docs[2]);
  g_assert_true (cp_focus_get_anchor (fixture->focus) == fixture->docs[2]);
  cp_focus_set_topic (fixture->focus, topic (fixture, KITE));
  g_assert_true (fixture->moved->pdata[1] == fixture->docs[2]);
  g_assert_cmpint (current (fixture, 2), ==, 0);

  /* A topic of another set is no topic; NULL clears, without a move */
  cp_focus_set_topic (fixture->focus, NULL);
  g_assert_null (cp_focus_get_topic (fixture->focus));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (current (fixture, i), ==, -1);
  g_assert_cmpuint (fixture->moved->len, ==, 2);
  {
    g_autoptr(CpTopic) stranger = cp_topic_new ("stranger", "Stranger");

    cp_focus_set_topic (fixture->focus, stranger);
    g_assert_null (cp_focus_get_topic (fixture->focus));
  }
}

/* Clicking the second kite of review 0 makes the second kite of every
 * review current, or the last one a review has */
static void
test_focus_mention (Fixture       *fixture,
                    gconstpointer  data)
{
  int second_kite = mention_of (fixture, 0, KITE, 1);

  cp_focus_focus_mention (fixture->focus, fixture->docs[0], second_kite);
  g_assert_cmpint (cp_focus_get_topic_index (fixture->focus), ==, KITE);
  g_assert_cmpint (current (fixture, 0), ==, second_kite);
  g_assert_cmpint (current (fixture, 1), ==, mention_of (fixture, 1, KITE, 1));
  g_assert_cmpint (current (fixture, 2), ==, mention_of (fixture, 2, KITE, 0));
  g_assert_true (cp_focus_get_anchor (fixture->focus) == fixture->docs[0]);
  g_assert_cmpuint (fixture->moved->len, ==, 1);
  g_assert_true (fixture->moved->pdata[0] == fixture->docs[0]);

  /* Clicking a mention of another topic switches topic */
  cp_focus_focus_mention (fixture->focus, fixture->docs[2], mention_of (fixture, 2, STORM, 0));
  g_assert_cmpint (cp_focus_get_topic_index (fixture->focus), ==, STORM);
  g_assert_cmpint (current (fixture, 0), ==, -1);
  g_assert_cmpint (current (fixture, 2), ==, mention_of (fixture, 2, STORM, 0));
  g_assert_cmpuint (fixture->n_topic_notifies, ==, 2);
}

/* Stepping moves every document that mentions the topic, wrapping */
static void
test_step (Fixture       *fixture,
           gconstpointer  data)
{
  cp_focus_set_topic (fixture->focus, topic (fixture, RAIN));
  g_ptr_array_set_size (fixture->changed, 0);

  g_assert_true (cp_focus_step (fixture->focus, TRUE));
  g_assert_cmpint (current (fixture, 0), ==, mention_of (fixture, 0, RAIN, 1));
  g_assert_cmpint (current (fixture, 1), ==, mention_of (fixture, 1, RAIN, 1));
  g_assert_cmpint (current (fixture, 2), ==, -1);
  g_assert_cmpuint (fixture->changed->len, ==, 2);

  /* Review 1 has two rains, review 0 three: 1 wraps to its first */
  cp_focus_step (fixture->focus, TRUE);
  g_assert_cmpint (current (fixture, 0), ==, mention_of (fixture, 0, RAIN, 2));
  g_assert_cmpint (current (fixture, 1), ==, mention_of (fixture, 1, RAIN, 0));

  /* Backwards from the first wraps to the last */
  cp_focus_step (fixture->focus, FALSE);
  cp_focus_step (fixture->focus, FALSE);
  cp_focus_step (fixture->focus, FALSE);
  g_assert_cmpint (current (fixture, 0), ==, mention_of (fixture, 0, RAIN, 2));
  g_assert_cmpuint (fixture->moved->len, ==, 6);
}

/* A re-tagging finds each current mention again where it was; a removed
 * focused topic clears the focus; a closed document is forgotten */
static void
test_retag (Fixture       *fixture,
            gconstpointer  data)
{
  static const char * const more_kites[] = { "kite*", "a", NULL };
  CpMentions *mentions;
  const CpMention *m;
  guint moved;
  int now;

  cp_focus_focus_mention (fixture->focus, fixture->docs[1], mention_of (fixture, 1, KITE, 2));
  moved = fixture->moved->len;
  g_ptr_array_set_size (fixture->changed, 0);

  /* “a” is now a kite term too: indices shift, the place does not */
  cp_topic_set_terms (topic (fixture, KITE), more_kites);
  now = current (fixture, 1);
  mentions = cp_comparison_get_mentions_for_document (fixture->comparison, fixture->docs[1]);
  m = cp_mentions_get_mention (mentions, now);
  g_assert_cmpuint (m->topic, ==, KITE);
  g_assert_cmpuint (m->start, ==, g_strstr_len (texts[1], -1, "Kite. Kite.") - texts[1] + 6);
  g_assert_cmpint (now, !=, mention_of (fixture, 1, KITE, 2));
  g_assert_cmpuint (fixture->changed->len, ==, 3);
  g_assert_cmpuint (fixture->moved->len, ==, moved);

  /* A topic removed before the focused one: the index follows */
  cp_topic_set_remove (cp_comparison_get_topics (fixture->comparison), RAIN);
  g_assert_cmpint (cp_focus_get_topic_index (fixture->focus), ==, KITE);
  cp_focus_set_topic (fixture->focus, topic (fixture, 1));
  g_assert_cmpint (cp_focus_get_topic_index (fixture->focus), ==, 1);
  g_assert_cmpstr (cp_topic_get_id (cp_focus_get_topic (fixture->focus)), ==, "storm");
  cp_topic_set_remove (cp_comparison_get_topics (fixture->comparison), 0);
  g_assert_cmpint (cp_focus_get_topic_index (fixture->focus), ==, 0);
  g_assert_cmpint (current (fixture, 2), ==, 0);

  /* The focused topic removed */
  cp_topic_set_remove (cp_comparison_get_topics (fixture->comparison), 0);
  g_assert_null (cp_focus_get_topic (fixture->focus));
  g_assert_cmpint (current (fixture, 2), ==, -1);

  /* A closed document */
  cp_comparison_remove_document (fixture->comparison, 2);
  g_assert_cmpint (current (fixture, 2), ==, -1);
}

/* Joining two mentions by their ribbon makes them current there only */
static void
test_set_current (Fixture       *fixture,
                  gconstpointer  data)
{
  cp_focus_set_topic (fixture->focus, topic (fixture, KITE));
  g_ptr_array_set_size (fixture->changed, 0);

  cp_focus_set_current (fixture->focus, fixture->docs[1], mention_of (fixture, 1, KITE, 3));
  g_assert_cmpint (current (fixture, 1), ==, mention_of (fixture, 1, KITE, 3));
  g_assert_cmpint (current (fixture, 0), ==, mention_of (fixture, 0, KITE, 0));
  g_assert_cmpuint (fixture->changed->len, ==, 1);
  g_assert_cmpuint (fixture->moved->len, ==, 1);
  cp_focus_set_current (fixture->focus, fixture->docs[1], mention_of (fixture, 1, KITE, 3));
  g_assert_cmpuint (fixture->changed->len, ==, 1);
  cp_focus_set_current (fixture->focus, fixture->docs[1], -1);
  g_assert_cmpint (current (fixture, 1), ==, -1);

  /* A mention of another topic is refused */
  if (g_test_undefined ())
    {
      g_test_expect_message ("Counterpoint", G_LOG_LEVEL_CRITICAL, "*topic == self->topic_index*");
      cp_focus_set_current (fixture->focus, fixture->docs[0], mention_of (fixture, 0, RAIN, 0));
      g_test_assert_expected_messages ();
      g_assert_cmpint (current (fixture, 0), ==, mention_of (fixture, 0, KITE, 0));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/focus/set-topic", Fixture, NULL, fixture_set_up, test_set_topic, fixture_tear_down);
  g_test_add ("/core/focus/focus-mention", Fixture, NULL, fixture_set_up, test_focus_mention, fixture_tear_down);
  g_test_add ("/core/focus/step", Fixture, NULL, fixture_set_up, test_step, fixture_tear_down);
  g_test_add ("/core/focus/retag", Fixture, NULL, fixture_set_up, test_retag, fixture_tear_down);
  g_test_add ("/core/focus/set-current", Fixture, NULL, fixture_set_up, test_set_current, fixture_tear_down);

  return g_test_run ();
}
