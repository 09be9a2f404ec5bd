/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpMentions: a document's mentions with their character offsets, counts
 * and look-ups, as every view reads them.
 */
#include "config.h"

#include "cp-comparison.h"
#include "cp-test-utils.h"

/* Topics 0 "café" (café, straße), 1 "quake" (地震, quake), 2 "sea" (sea,
 * sea wall): multi-byte characters before, inside and after mentions. */
static CpComparison *
make_comparison (const char *text)
{
  static const char * const cafe_terms[] = { "café", "straße", NULL };
  static const char * const quake_terms[] = { "地震", "quake", NULL };
  static const char * const sea_terms[] = { "sea", "sea wall", NULL };
  g_autoptr(CpTopicSet) topics = cp_topic_set_new ();
  g_autoptr(CpTopic) cafe = cp_test_make_topic ("cafe", NULL, NULL, cafe_terms);
  g_autoptr(CpTopic) quake = cp_test_make_topic ("quake", NULL, NULL, quake_terms);
  g_autoptr(CpTopic) sea = cp_test_make_topic ("sea", NULL, NULL, sea_terms);
  g_autoptr(CpDocument) document = cp_document_new_from_text ("review", text, -1);
  CpComparison *comparison;

  cp_topic_set_append (topics, cafe);
  cp_topic_set_append (topics, quake);
  cp_topic_set_append (topics, sea);
  comparison = cp_comparison_new (topics);
  cp_comparison_append_document (comparison, document);

  return comparison;
}

static CpMentions *
first_mentions (CpComparison *comparison)
{
  return cp_comparison_get_mentions_for_document (comparison, cp_comparison_get_document (comparison, 0));
}

/* Character offsets agree with a count of the characters before each
 * mention, whatever the bytes */
static void
test_offsets (void)
{
  const char *text = "Ein Café am Meer. 地震之后, the quake; the sea wall by the straße. Sea!";
  g_autoptr(CpComparison) comparison = make_comparison (text);
  CpMentions *mentions = first_mentions (comparison);
  static const struct {
    guint topic;
    const char *text;
  } expected[] = {
    { 0, "Café" }, { 1, "地震" }, { 1, "quake" }, { 2, "sea wall" }, { 0, "straße" }, { 2, "Sea" },
  };

  g_assert_true (cp_mentions_get_document (mentions) == cp_comparison_get_document (comparison, 0));
  g_assert_cmpuint (cp_mentions_get_n_mentions (mentions), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const CpMention *m = cp_mentions_get_mention (mentions, i);
      g_autofree char *found = g_strndup (text + m->start, m->end - m->start);

      g_assert_cmpuint (m->topic, ==, expected[i].topic);
      g_assert_cmpstr (found, ==, expected[i].text);
      g_assert_cmpuint (cp_mentions_get_char_start (mentions, i), ==, g_utf8_strlen (text, m->start));
      g_assert_cmpuint (cp_mentions_get_char_end (mentions, i), ==, g_utf8_strlen (text, m->end));
    }
  /* “地震” is two characters of six bytes */
  g_assert_cmpuint (cp_mentions_get_char_end (mentions, 1) - cp_mentions_get_char_start (mentions, 1), ==, 2);
  g_assert_cmpuint (cp_mentions_get_char_start (mentions, 1), ==, 18);
}

static void
test_counts (void)
{
  g_autoptr(CpComparison) comparison = make_comparison ("sea, sea and a café by the sea.");
  CpMentions *mentions = first_mentions (comparison);
  guint n;

  g_assert_cmpuint (cp_mentions_get_n_topics (mentions), ==, 3);
  g_assert_cmpuint (cp_mentions_get_count (mentions, 0), ==, 1);
  g_assert_cmpuint (cp_mentions_get_count (mentions, 1), ==, 0);
  g_assert_cmpuint (cp_mentions_get_count (mentions, 2), ==, 3);
  g_assert_cmpuint (cp_mentions_get_count (mentions, 7), ==, 0);
  g_assert_cmpuint (cp_mentions_get_n_topics_mentioned (mentions), ==, 2);
  g_assert_nonnull (cp_mentions_get_all (mentions, &n));
  g_assert_cmpuint (n, ==, 4);
  /* The comparison's counts are these */
  g_assert_cmpuint (cp_comparison_get_count (comparison, 2, 0), ==, 3);
}

/* find (next and previous of a topic), rank, and the mention of a rank */
static void
test_find (void)
{
  g_autoptr(CpComparison) comparison = make_comparison ("sea café sea quake sea café");
  CpMentions *mentions = first_mentions (comparison);

  /* 0 sea, 1 café, 2 sea, 3 quake, 4 sea, 5 café */
  g_assert_cmpint (cp_mentions_find (mentions, 2, -1, TRUE), ==, 0);
  g_assert_cmpint (cp_mentions_find (mentions, 2, 0, TRUE), ==, 2);
  g_assert_cmpint (cp_mentions_find (mentions, 2, 4, TRUE), ==, -1);
  g_assert_cmpint (cp_mentions_find (mentions, 2, -1, FALSE), ==, 4);
  g_assert_cmpint (cp_mentions_find (mentions, 2, 4, FALSE), ==, 2);
  g_assert_cmpint (cp_mentions_find (mentions, 2, 0, FALSE), ==, -1);
  g_assert_cmpint (cp_mentions_find (mentions, 0, 1, TRUE), ==, 5);
  g_assert_cmpint (cp_mentions_find (mentions, 9, -1, TRUE), ==, -1);

  g_assert_cmpuint (cp_mentions_get_rank (mentions, 0), ==, 0);
  g_assert_cmpuint (cp_mentions_get_rank (mentions, 4), ==, 2);
  g_assert_cmpuint (cp_mentions_get_rank (mentions, 5), ==, 1);
  g_assert_cmpint (cp_mentions_find_rank (mentions, 2, 1), ==, 2);
  g_assert_cmpint (cp_mentions_find_rank (mentions, 2, 2), ==, 4);
  /* Past the last: the last */
  g_assert_cmpint (cp_mentions_find_rank (mentions, 2, 9), ==, 4);
  g_assert_cmpint (cp_mentions_find_rank (mentions, 1, 0), ==, 3);
  g_assert_cmpint (cp_mentions_find_rank (mentions, 7, 0), ==, -1);
}

/* The mention under a character, preferring a topic where two overlap */
static void
test_find_at (void)
{
  static const char * const wall_terms[] = { "wall", NULL };
  const char *text = "Über die sea wall ging er.";
  g_autoptr(CpComparison) comparison = make_comparison (text);
  CpTopicSet *topics = cp_comparison_get_topics (comparison);
  g_autoptr(CpTopic) wall = cp_test_make_topic ("wall", NULL, NULL, wall_terms);
  CpMentions *mentions;
  guint sea_start;

  cp_topic_set_append (topics, wall);
  mentions = first_mentions (comparison);
  /* 0 “sea wall” (sea), 1 “wall” (wall) */
  g_assert_cmpuint (cp_mentions_get_n_mentions (mentions), ==, 2);
  sea_start = cp_mentions_get_char_start (mentions, 0);
  g_assert_cmpuint (sea_start, ==, 9);

  g_assert_cmpint (cp_mentions_find_at (mentions, 0, -1), ==, -1);
  g_assert_cmpint (cp_mentions_find_at (mentions, sea_start - 1, -1), ==, -1);
  g_assert_cmpint (cp_mentions_find_at (mentions, sea_start, -1), ==, 0);
  /* Inside both: the first, unless the other topic is preferred */
  g_assert_cmpint (cp_mentions_find_at (mentions, sea_start + 5, -1), ==, 0);
  g_assert_cmpint (cp_mentions_find_at (mentions, sea_start + 5, 3), ==, 1);
  g_assert_cmpint (cp_mentions_find_at (mentions, sea_start + 5, 2), ==, 0);
  /* The end is not inside */
  g_assert_cmpint (cp_mentions_find_at (mentions, sea_start + 8, -1), ==, -1);
  g_assert_cmpint (cp_mentions_find_at (mentions, 1000, -1), ==, -1);
}

/* A re-tagging makes a new object; a document that is not in the
 * comparison has none */
/* The mention of a topic nearest to an offset, before or after it */
static void
test_find_nearest (void)
{
  /* sea at 0, 12 and 39; quake at 19 */
  const char *text = "Sea, then a sea. A quake; much later a sea.";
  g_autoptr(CpComparison) comparison = make_comparison (text);
  CpMentions *mentions = first_mentions (comparison);

  g_assert_cmpuint (cp_mentions_get_n_mentions (mentions), ==, 4);
  g_assert_cmpuint (cp_mentions_get_char_start (mentions, 1), ==, 12);
  g_assert_cmpuint (cp_mentions_get_char_start (mentions, 3), ==, 39);

  g_assert_cmpint (cp_mentions_find_nearest (mentions, 2, 0), ==, 0);
  /* 0 and 12 are as far from 6: the earlier */
  g_assert_cmpint (cp_mentions_find_nearest (mentions, 2, 6), ==, 0);
  g_assert_cmpint (cp_mentions_find_nearest (mentions, 2, 7), ==, 1);
  g_assert_cmpint (cp_mentions_find_nearest (mentions, 2, 25), ==, 1);
  g_assert_cmpint (cp_mentions_find_nearest (mentions, 2, 26), ==, 3);
  g_assert_cmpint (cp_mentions_find_nearest (mentions, 2, 1000), ==, 3);
  g_assert_cmpint (cp_mentions_find_nearest (mentions, 1, 1000), ==, 2);
  /* Not mentioned, or no such topic */
  g_assert_cmpint (cp_mentions_find_nearest (mentions, 0, 10), ==, -1);
  g_assert_cmpint (cp_mentions_find_nearest (mentions, 7, 10), ==, -1);
}

static void
test_retag (void)
{
  g_autoptr(CpComparison) comparison = make_comparison ("the sea, the sea");
  g_autoptr(CpMentions) before = g_object_ref (first_mentions (comparison));
  g_autoptr(CpDocument) stranger = cp_document_new_from_text ("other", "sea", -1);
  CpTopic *sea = cp_topic_set_get_topic (cp_comparison_get_topics (comparison), 2);
  static const char * const terms[] = { "the", NULL };

  cp_topic_set_terms (sea, terms);
  g_assert_true (first_mentions (comparison) != before);
  g_assert_cmpuint (cp_mentions_get_count (before, 2), ==, 2);
  g_assert_cmpuint (cp_mentions_get_count (first_mentions (comparison), 2), ==, 2);
  g_assert_cmpuint (cp_mentions_get_char_start (first_mentions (comparison), 1), ==, 9);
  g_assert_null (cp_comparison_get_mentions_for_document (comparison, stranger));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/mentions/offsets", test_offsets);
  g_test_add_func ("/core/mentions/counts", test_counts);
  g_test_add_func ("/core/mentions/find", test_find);
  g_test_add_func ("/core/mentions/find-at", test_find_at);
  g_test_add_func ("/core/mentions/find-nearest", test_find_nearest);
  g_test_add_func ("/core/mentions/retag", test_retag);

  return g_test_run ();
}
