/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "cp-alignment.h"

/* Mentions whose topics are the given values; offsets are made up. */
static CpMention *
mentions_from_topics (const guint *topics,
                      guint        n)
{
  CpMention *mentions = g_new0 (CpMention, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      mentions[i].start = i * 10;
      mentions[i].end = i * 10 + 5;
      mentions[i].topic = topics[i];
    }

  return mentions;
}

static CpMention *
random_mentions (GRand *rand,
                 guint  n,
                 guint  n_topics)
{
  CpMention *mentions = g_new0 (CpMention, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    mentions[i].topic = g_rand_int_range (rand, 0, n_topics);

  return mentions;
}

/* The anchors are a common subsequence: both indices increase and the
 * topics agree.
 */
static void
assert_common_subsequence (GArray          *anchors,
                           const CpMention *a,
                           guint            n_a,
                           const CpMention *b,
                           guint            n_b)
{
  for (guint k = 0; k < anchors->len; k++)
    {
      const CpAnchor *anchor = &g_array_index (anchors, CpAnchor, k);

      g_assert_cmpuint (anchor->a, <, n_a);
      g_assert_cmpuint (anchor->b, <, n_b);
      g_assert_cmpuint (a[anchor->a].topic, ==, b[anchor->b].topic);
      if (k > 0)
        {
          g_assert_cmpuint (anchor->a, >, g_array_index (anchors, CpAnchor, k - 1).a);
          g_assert_cmpuint (anchor->b, >, g_array_index (anchors, CpAnchor, k - 1).b);
        }
    }
}

/* The textbook O(n·m) table, for the length only. */
static guint
reference_lcs_length (const CpMention *a,
                      guint            n_a,
                      const CpMention *b,
                      guint            n_b)
{
  g_autofree guint *table = g_new0 (guint, (gsize) (n_a + 1) * (n_b + 1));

  for (guint i = 1; i <= n_a; i++)
    for (guint j = 1; j <= n_b; j++)
      {
        guint *cell = &table[(gsize) i * (n_b + 1) + j];

        if (a[i - 1].topic == b[j - 1].topic)
          *cell = table[(gsize) (i - 1) * (n_b + 1) + j - 1] + 1;
        else
          *cell = MAX (table[(gsize) (i - 1) * (n_b + 1) + j], table[(gsize) i * (n_b + 1) + j - 1]);
      }

  return table[(gsize) n_a * (n_b + 1) + n_b];
}

static void
test_empty (void)
{
  const guint topics[] = { 1, 2, 3 };
  g_autofree CpMention *a = mentions_from_topics (topics, G_N_ELEMENTS (topics));
  g_autoptr(GArray) none = cp_alignment_compute_anchors (NULL, 0, NULL, 0);
  g_autoptr(GArray) left = cp_alignment_compute_anchors (NULL, 0, a, G_N_ELEMENTS (topics));
  g_autoptr(GArray) right = cp_alignment_compute_anchors (a, G_N_ELEMENTS (topics), NULL, 0);

  g_assert_nonnull (none);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (left->len, ==, 0);
  g_assert_cmpuint (right->len, ==, 0);
}

static void
test_identical (void)
{
  const guint topics[] = { 4, 0, 4, 4, 7, 1, 0, 9 };
  guint n = G_N_ELEMENTS (topics);
  g_autofree CpMention *a = mentions_from_topics (topics, n);
  g_autofree CpMention *b = mentions_from_topics (topics, n);
  g_autoptr(GArray) anchors = cp_alignment_compute_anchors (a, n, b, n);

  g_assert_cmpuint (anchors->len, ==, n);
  for (guint k = 0; k < n; k++)
    {
      g_assert_cmpuint (g_array_index (anchors, CpAnchor, k).a, ==, k);
      g_assert_cmpuint (g_array_index (anchors, CpAnchor, k).b, ==, k);
    }
}

static void
test_disjoint (void)
{
  const guint topics_a[] = { 0, 1, 2, 1, 0 };
  const guint topics_b[] = { 3, 4, 5, 3, 3, 6 };
  g_autofree CpMention *a = mentions_from_topics (topics_a, G_N_ELEMENTS (topics_a));
  g_autofree CpMention *b = mentions_from_topics (topics_b, G_N_ELEMENTS (topics_b));
  g_autoptr(GArray) anchors = cp_alignment_compute_anchors (a, G_N_ELEMENTS (topics_a),
                                                            b, G_N_ELEMENTS (topics_b));

  g_assert_cmpuint (anchors->len, ==, 0);
}

/* The CLRS example: A B C B D A B against B D C A B A. Its LCS has length
 * 4 (BCBA, BCAB, BDAB), so only the length and validity are fixed.
 */
static void
test_classic (void)
{
  enum { A, B, C, D };
  const guint topics_x[] = { A, B, C, B, D, A, B };
  const guint topics_y[] = { B, D, C, A, B, A };
  g_autofree CpMention *x = mentions_from_topics (topics_x, G_N_ELEMENTS (topics_x));
  g_autofree CpMention *y = mentions_from_topics (topics_y, G_N_ELEMENTS (topics_y));
  g_autoptr(GArray) anchors = cp_alignment_compute_anchors (x, G_N_ELEMENTS (topics_x),
                                                            y, G_N_ELEMENTS (topics_y));
  g_autoptr(GArray) swapped = cp_alignment_compute_anchors (y, G_N_ELEMENTS (topics_y),
                                                            x, G_N_ELEMENTS (topics_x));

  g_assert_cmpuint (anchors->len, ==, 4);
  assert_common_subsequence (anchors, x, G_N_ELEMENTS (topics_x), y, G_N_ELEMENTS (topics_y));
  g_assert_cmpuint (swapped->len, ==, 4);
  assert_common_subsequence (swapped, y, G_N_ELEMENTS (topics_y), x, G_N_ELEMENTS (topics_x));
}

/* 1 2 3 4 5 against 2 9 4 5 1: the only LCS is 2 4 5, so the anchors are
 * fixed: (1, 0), (3, 2), (4, 3). Topics are large numbers on purpose.
 */
static void
test_unique (void)
{
  const guint topics_a[] = { 1001, 1002, 1003, 1004, 1005 };
  const guint topics_b[] = { 1002, 1009, 1004, 1005, 1001 };
  const CpAnchor expected[] = { { 1, 0 }, { 3, 2 }, { 4, 3 } };
  g_autofree CpMention *a = mentions_from_topics (topics_a, G_N_ELEMENTS (topics_a));
  g_autofree CpMention *b = mentions_from_topics (topics_b, G_N_ELEMENTS (topics_b));
  g_autoptr(GArray) anchors = cp_alignment_compute_anchors (a, G_N_ELEMENTS (topics_a),
                                                            b, G_N_ELEMENTS (topics_b));

  g_assert_cmpuint (anchors->len, ==, G_N_ELEMENTS (expected));
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      g_assert_cmpuint (g_array_index (anchors, CpAnchor, k).a, ==, expected[k].a);
      g_assert_cmpuint (g_array_index (anchors, CpAnchor, k).b, ==, expected[k].b);
    }
}

/* A single repeated topic: the LCS is the shorter sequence, matched to
 * the leftmost mentions of the longer one.
 */
static void
test_repeated (void)
{
  const guint topics_a[] = { 3, 3 };
  const guint topics_b[] = { 3, 3, 3, 3, 3 };
  g_autofree CpMention *a = mentions_from_topics (topics_a, G_N_ELEMENTS (topics_a));
  g_autofree CpMention *b = mentions_from_topics (topics_b, G_N_ELEMENTS (topics_b));
  g_autoptr(GArray) anchors = cp_alignment_compute_anchors (a, G_N_ELEMENTS (topics_a),
                                                            b, G_N_ELEMENTS (topics_b));

  g_assert_cmpuint (anchors->len, ==, 2);
  g_assert_cmpuint (g_array_index (anchors, CpAnchor, 0).b, ==, 0);
  g_assert_cmpuint (g_array_index (anchors, CpAnchor, 1).b, ==, 1);
}

static void
check_random (GRand *rand,
              guint  n_a,
              guint  n_b,
              guint  n_topics)
{
  g_autofree CpMention *a = random_mentions (rand, n_a, n_topics);
  g_autofree CpMention *b = random_mentions (rand, n_b, n_topics);
  g_autoptr(GArray) anchors = cp_alignment_compute_anchors (a, n_a, b, n_b);
  g_autoptr(GArray) again = cp_alignment_compute_anchors (a, n_a, b, n_b);
  guint expected = reference_lcs_length (a, n_a, b, n_b);

  g_test_message ("%u×%u mentions of %u topics: LCS %u", n_a, n_b, n_topics, expected);
  g_assert_cmpuint (anchors->len, ==, expected);
  assert_common_subsequence (anchors, a, n_a, b, n_b);

  /* Deterministic: the same anchors every time. */
  g_assert_cmpmem (anchors->data, anchors->len * sizeof (CpAnchor),
                   again->data, again->len * sizeof (CpAnchor));
}

/* Sizes around the 64-bit word boundaries, and alphabets small enough
 * that every topic gets a stored mask and large enough that most don't.
 */
static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  const guint sizes[][2] = {
    { 300, 400 }, { 400, 300 }, { 1, 70 }, { 70, 1 }, { 63, 64 },
    { 64, 65 }, { 65, 129 }, { 128, 128 }, { 17, 500 },
  };
  const guint alphabets[] = { 1, 2, 5, 26, 90, 400 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint t = 0; t < G_N_ELEMENTS (alphabets); t++)
      check_random (rand, sizes[s][0], sizes[s][1], alphabets[t]);
}

/* Two versions of one sequence, with scattered edits: long common runs
 * and a long LCS, which is the case where prefix and suffix trimming and
 * the split must agree.
 */
static void
test_edited (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint n = 1200;
  g_autofree CpMention *a = random_mentions (rand, n, 40);
  g_autofree CpMention *b = g_new0 (CpMention, n + n / 10);
  g_autoptr(GArray) anchors = NULL;
  guint n_b = 0;

  for (guint i = 0; i < n; i++)
    {
      switch (g_rand_int_range (rand, 0, 20))
        {
        case 0: /* dropped */
          break;
        case 1: /* replaced */
          b[n_b++].topic = g_rand_int_range (rand, 0, 40);
          break;
        case 2: /* inserted before */
          b[n_b++].topic = g_rand_int_range (rand, 0, 40);
          b[n_b++] = a[i];
          break;
        default:
          b[n_b++] = a[i];
          break;
        }
      if (n_b + 2 > n + n / 10)
        break;
    }

  anchors = cp_alignment_compute_anchors (a, n, b, n_b);
  g_assert_cmpuint (anchors->len, ==, reference_lcs_length (a, n, b, n_b));
  g_assert_cmpuint (anchors->len, >, n * 8 / 10);
  assert_common_subsequence (anchors, a, n, b, n_b);
}

/* Large enough that the O(n·m) table would need 1.6 GB; only checks that
 * the answer is a common subsequence at least as long as a greedy one.
 */
static void
test_large (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  guint n = 20000;
  g_autofree CpMention *a = random_mentions (rand, n, 30);
  g_autofree CpMention *b = random_mentions (rand, n, 30);
  g_autoptr(GArray) anchors = NULL;
  guint greedy = 0;
  gint64 begin;

  for (guint i = 0, j = 0; i < n && j < n; j++)
    {
      if (a[i].topic == b[j].topic)
        {
          greedy++;
          i++;
        }
    }

  begin = g_get_monotonic_time ();
  anchors = cp_alignment_compute_anchors (a, n, b, n);
  g_test_message ("%u×%u mentions: %u anchors in %.1f ms", n, n, anchors->len,
                  (g_get_monotonic_time () - begin) / 1000.0);

  g_assert_cmpuint (anchors->len, >=, greedy);
  g_assert_cmpuint (anchors->len, <=, n);
  assert_common_subsequence (anchors, a, n, b, n);
}

static void
test_map_interpolates (void)
{
  const double from[] = { 0, 10, 20 };
  const double to[] = { 0, 100, 120 };

  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 3, 0), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 3, 5), 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 3, 10), 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 3, 15), 110, 1e-9);
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 3, 19.5), 119, 1e-9);
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 3, 20), 120, 1e-9);
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 3, 2.5), 25, 1e-9);
}

static void
test_map_clamps (void)
{
  const double from[] = { 100, 200 };
  const double to[] = { 10, 30 };

  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 2, -1e6), 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 2, 99.9), 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 2, 150), 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 2, 200.1), 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 2, 1e9), 30, 1e-9);

  /* One point is a constant; none is the identity. */
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 1, 0), 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 1, 500), 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (NULL, NULL, 0, 42.5), 42.5, 1e-9);
}

static void
test_map_zero_width (void)
{
  const double from[] = { 0, 10, 10, 10, 20 };
  const double to[] = { 0, 100, 150, 200, 300 };
  const double flat_from[] = { 5, 5 };
  const double flat_to[] = { 1, 2 };
  double value;

  /* Approaching the jump from the left, at it, and past it. */
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 5, 9.99), 99.9, 1e-9);
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 5, 10), 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (from, to, 5, 15), 250, 1e-9);

  /* Every point at one position. */
  value = cp_alignment_map (flat_from, flat_to, 2, 5);
  g_assert_false (isnan (value));
  g_assert_cmpfloat_with_epsilon (value, 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (flat_from, flat_to, 2, 4), 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (cp_alignment_map (flat_from, flat_to, 2, 6), 2, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/alignment/empty", test_empty);
  g_test_add_func ("/core/alignment/identical", test_identical);
  g_test_add_func ("/core/alignment/disjoint", test_disjoint);
  g_test_add_func ("/core/alignment/classic", test_classic);
  g_test_add_func ("/core/alignment/unique", test_unique);
  g_test_add_func ("/core/alignment/repeated", test_repeated);
  g_test_add_func ("/core/alignment/random", test_random);
  g_test_add_func ("/core/alignment/edited", test_edited);
  g_test_add_func ("/core/alignment/large", test_large);
  g_test_add_func ("/core/alignment/map-interpolates", test_map_interpolates);
  g_test_add_func ("/core/alignment/map-clamps", test_map_clamps);
  g_test_add_func ("/core/alignment/map-zero-width", test_map_zero_width);

  return g_test_run ();
}
