/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-alignment.h"

/*
 * Anchors are the longest common subsequence (LCS) of two documents'
 * topic sequences. Reviews of the same work share topics but not their
 * order, so the sequences differ a lot and the number of matching pairs
 * is large (n·m / number of topics): Myers' O((n + m)·D) and
 * Hunt–Szymanski's O((r + n)·log n) both degrade to quadratic or worse on
 * them. What stays fast is the bit-parallel LCS row (Allison and Dix,
 * Hyyrö): one row of the DP table is a bit vector of m bits, and a whole
 * row is updated with a few word operations per 64 columns. Rows only give
 * lengths, so Hirschberg's divide and conquer recovers the subsequence:
 * the forward row of the top half of a and the backward row of the bottom
 * half say where an LCS crosses the middle, then each quarter is solved
 * the same way.
 *
 * Time: O(n·m / 64) word operations (Hirschberg's recursion costs twice a
 * single pass), plus O((n + m)·log n) for the bookkeeping; 20,000 by 20,000
 * mentions take about 20 ms whatever the number of topics. Memory:
 * O(n + m). The match masks of the column symbols would be σ·m/64 words;
 * only symbols with at least m/256 occurrences get a stored mask (so at
 * most 4·m words in all), the mask of a rarer symbol is written into a
 * scratch row when its row is processed and cleared afterwards, which
 * costs fewer than m/256 bit writes, less than the row update itself.
 *
 * Ties are broken deterministically: a common prefix or suffix is matched
 * directly, the split is the leftmost column that reaches the maximum, and
 * a single row matches its leftmost occurrence.
 */

#define NO_SLOT G_MAXUINT

/* A symbol gets a stored mask when it occurs at least once per
 * DENSE_FACTOR words of the row; the masks then fit in DENSE_FACTOR·m words.
 */
#define DENSE_FACTOR 4

typedef struct
{
  /* The mentions whose topic both documents have, as dense symbols, and
   * their indices in the caller's arrays.
   */
  guint32 *a;
  guint   *a_index;
  guint    n_a;
  guint32 *b;
  guint   *b_index;
  guint    n_b;
  guint    n_symbols;

  /* Scratch space, sized for the whole of b. */
  guint64 *row;
  guint64 *masks;
  guint64 *sparse_mask;
  guint   *positions;
  guint   *forward;
  guint   *backward;

  /* Per symbol, valid when stamp[symbol] == generation. */
  guint   *stamp;
  guint   *count;
  guint   *slot;
  guint   *first;
  guint   *last;
  guint    generation;

  GArray  *anchors;
} Lcs;

static inline void
emit (Lcs   *lcs,
      guint  i,
      guint  j)
{
  CpAnchor anchor = { lcs->a_index[i], lcs->b_index[j] };

  g_array_append_val (lcs->anchors, anchor);
}

/* Fills out[k] for k = 0 .. j1 - j0 with the LCS length of a[i0..i1) and
 * b[j0..j0 + k), or when @reverse, of a[i0..i1) and b[j1 - k..j1).
 */
static void
lcs_row (Lcs      *lcs,
         guint     i0,
         guint     i1,
         guint     j0,
         guint     j1,
         gboolean  reverse,
         guint    *out)
{
  guint m = j1 - j0;
  guint n_words = (m + 63) / 64;
  guint n_dense = 0;
  guint offset = 0;
  guint64 *row = lcs->row;

  g_assert (m > 0);

  /* Group the column positions by symbol; frequent symbols get a mask. */
  lcs->generation++;
  for (guint j = j0; j < j1; j++)
    lcs->count[lcs->b[j]]++;

  for (guint j = j0; j < j1; j++)
    {
      guint32 s = lcs->b[j];

      if (lcs->stamp[s] == lcs->generation)
        continue;

      lcs->stamp[s] = lcs->generation;
      lcs->first[s] = lcs->last[s] = offset;
      offset += lcs->count[s];
      lcs->slot[s] = lcs->count[s] * DENSE_FACTOR >= n_words ? n_dense++ : NO_SLOT;
      lcs->count[s] = 0;
    }

  memset (lcs->masks, 0, sizeof (guint64) * n_dense * n_words);
  for (guint j = j0; j < j1; j++)
    {
      guint32 s = lcs->b[j];
      guint bit = reverse ? j1 - 1 - j : j - j0;

      lcs->positions[lcs->last[s]++] = bit;
      if (lcs->slot[s] != NO_SLOT)
        lcs->masks[(gsize) lcs->slot[s] * n_words + bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
    }

  /* A set bit k means row[k + 1] == row[k]; bits past m are never read. */
  memset (row, 0xff, sizeof (guint64) * n_words);

  for (guint r = 0; r < i1 - i0; r++)
    {
      guint32 s = lcs->a[reverse ? i1 - 1 - r : i0 + r];
      const guint64 *mask;
      guint64 carry = 0;

      if (lcs->stamp[s] != lcs->generation)
        continue;

      if (lcs->slot[s] != NO_SLOT)
        {
          mask = lcs->masks + (gsize) lcs->slot[s] * n_words;
        }
      else
        {
          for (guint p = lcs->first[s]; p < lcs->last[s]; p++)
            lcs->sparse_mask[lcs->positions[p] / 64] |= G_GUINT64_CONSTANT (1) << (lcs->positions[p] % 64);
          mask = lcs->sparse_mask;
        }

      /* row = (row + (row & mask)) | (row & ~mask), with the carry
       * rippling through the words.
       */
      for (guint w = 0; w < n_words; w++)
        {
          guint64 v = row[w];
          guint64 u = v & mask[w];
          guint64 sum = v + u;
          guint64 carry_out = sum < v;

          sum += carry;
          carry_out |= sum < carry;
          carry = carry_out;
          row[w] = sum | (v & ~mask[w]);
        }

      if (lcs->slot[s] == NO_SLOT)
        {
          for (guint p = lcs->first[s]; p < lcs->last[s]; p++)
            lcs->sparse_mask[lcs->positions[p] / 64] = 0;
        }
    }

  out[0] = 0;
  for (guint k = 0; k < m; k++)
    out[k + 1] = out[k] + !((row[k / 64] >> (k % 64)) & 1);
}

static void
lcs_solve (Lcs   *lcs,
           guint  i0,
           guint  i1,
           guint  j0,
           guint  j1)
{
  guint n_suffix = 0;

  while (i0 < i1 && j0 < j1 && lcs->a[i0] == lcs->b[j0])
    emit (lcs, i0++, j0++);

  while (i0 < i1 && j0 < j1 && lcs->a[i1 - 1] == lcs->b[j1 - 1])
    {
      i1--;
      j1--;
      n_suffix++;
    }

  if (i0 == i1 || j0 == j1)
    {
      /* Nothing left to match. */
    }
  else if (i1 - i0 == 1)
    {
      for (guint j = j0; j < j1; j++)
        {
          if (lcs->b[j] == lcs->a[i0])
            {
              emit (lcs, i0, j);
              break;
            }
        }
    }
  else
    {
      guint mid = i0 + (i1 - i0) / 2;
      guint m = j1 - j0;
      guint best = 0;
      guint best_length = 0;

      lcs_row (lcs, i0, mid, j0, j1, FALSE, lcs->forward);
      lcs_row (lcs, mid, i1, j0, j1, TRUE, lcs->backward);

      for (guint k = 0; k <= m; k++)
        {
          guint length = lcs->forward[k] + lcs->backward[m - k];

          if (length > best_length)
            {
              best_length = length;
              best = k;
            }
        }

      lcs_solve (lcs, i0, mid, j0, j0 + best);
      lcs_solve (lcs, mid, i1, j0 + best, j1);
    }

  for (guint k = 0; k < n_suffix; k++)
    emit (lcs, i1 + k, j1 + k);
}

/* Keeps the mentions of topics that the other sequence has too, numbering
 * those topics 0 .. n_symbols - 1.
 */
static void
lcs_init (Lcs             *lcs,
          const CpMention *a,
          guint            n_a,
          const CpMention *b,
          guint            n_b)
{
  g_autoptr(GHashTable) symbols = g_hash_table_new (NULL, NULL);
  g_autofree guint *in_a = NULL;
  g_autofree guint *dense = NULL;
  guint n_b_topics = 0;

  /* Values are symbol + 1, so that NULL means absent. */
  for (guint j = 0; j < n_b; j++)
    {
      gpointer key = GUINT_TO_POINTER (b[j].topic);

      if (g_hash_table_lookup (symbols, key) == NULL)
        g_hash_table_insert (symbols, key, GUINT_TO_POINTER (++n_b_topics));
    }

  in_a = g_new0 (guint, n_b_topics);
  lcs->a = g_new (guint32, n_a);
  lcs->a_index = g_new (guint, n_a);
  for (guint i = 0; i < n_a; i++)
    {
      guint symbol = GPOINTER_TO_UINT (g_hash_table_lookup (symbols, GUINT_TO_POINTER (a[i].topic)));

      if (symbol == 0)
        continue;

      in_a[symbol - 1] = TRUE;
      lcs->a[lcs->n_a] = symbol - 1;
      lcs->a_index[lcs->n_a] = i;
      lcs->n_a++;
    }

  /* Renumber so that topics only b has get no symbol. */
  dense = g_new (guint, n_b_topics);
  for (guint t = 0; t < n_b_topics; t++)
    dense[t] = in_a[t] ? lcs->n_symbols++ : NO_SLOT;
  for (guint i = 0; i < lcs->n_a; i++)
    lcs->a[i] = dense[lcs->a[i]];

  lcs->b = g_new (guint32, n_b);
  lcs->b_index = g_new (guint, n_b);
  for (guint j = 0; j < n_b; j++)
    {
      guint symbol = GPOINTER_TO_UINT (g_hash_table_lookup (symbols, GUINT_TO_POINTER (b[j].topic)));

      if (dense[symbol - 1] == NO_SLOT)
        continue;

      lcs->b[lcs->n_b] = dense[symbol - 1];
      lcs->b_index[lcs->n_b] = j;
      lcs->n_b++;
    }
}

static void
lcs_clear (Lcs *lcs)
{
  g_free (lcs->a);
  g_free (lcs->a_index);
  g_free (lcs->b);
  g_free (lcs->b_index);
  g_free (lcs->row);
  g_free (lcs->masks);
  g_free (lcs->sparse_mask);
  g_free (lcs->positions);
  g_free (lcs->forward);
  g_free (lcs->backward);
  g_free (lcs->stamp);
  g_free (lcs->count);
  g_free (lcs->slot);
  g_free (lcs->first);
  g_free (lcs->last);
}

/**
 * cp_alignment_compute_anchors:
 * @a: (array length=n_a): the mentions of the first document, in order
 * @n_a: the number of mentions in @a
 * @b: (array length=n_b): the mentions of the second document, in order
 * @n_b: the number of mentions in @b
 *
 * Finds a longest common subsequence of the two documents' topic
 * sequences: mentions are equal when their topics are. Runs in
 * O(n_a·n_b / 64) time and O(n_a + n_b) memory, and always gives the same
 * answer for the same input.
 *
 * Returns: (transfer full) (element-type CpAnchor): the matched mentions,
 *   with both indices increasing
 */
GArray *
cp_alignment_compute_anchors (const CpMention *a,
                              guint            n_a,
                              const CpMention *b,
                              guint            n_b)
{
  Lcs lcs = { 0 };
  guint n_words;

  g_return_val_if_fail (a != NULL || n_a == 0, NULL);
  g_return_val_if_fail (b != NULL || n_b == 0, NULL);

  if (n_a == 0 || n_b == 0)
    return g_array_new (FALSE, FALSE, sizeof (CpAnchor));

  lcs_init (&lcs, a, n_a, b, n_b);
  lcs.anchors = g_array_sized_new (FALSE, FALSE, sizeof (CpAnchor), MIN (lcs.n_a, lcs.n_b));

  if (lcs.n_a == 0 || lcs.n_b == 0)
    {
      lcs_clear (&lcs);
      return lcs.anchors;
    }

  n_words = (lcs.n_b + 63) / 64;
  lcs.row = g_new (guint64, n_words);
  lcs.masks = g_new (guint64, (gsize) lcs.n_b * DENSE_FACTOR);
  lcs.sparse_mask = g_new0 (guint64, n_words);
  lcs.positions = g_new (guint, lcs.n_b);
  lcs.forward = g_new (guint, lcs.n_b + 1);
  lcs.backward = g_new (guint, lcs.n_b + 1);
  lcs.stamp = g_new0 (guint, lcs.n_symbols);
  lcs.count = g_new0 (guint, lcs.n_symbols);
  lcs.slot = g_new (guint, lcs.n_symbols);
  lcs.first = g_new (guint, lcs.n_symbols);
  lcs.last = g_new (guint, lcs.n_symbols);

  lcs_solve (&lcs, 0, lcs.n_a, 0, lcs.n_b);

  lcs_clear (&lcs);
  return lcs.anchors;
}

/**
 * cp_alignment_map:
 * @from: (array length=n_points): non-decreasing positions
 * @to: (array length=n_points): the positions they correspond to
 * @n_points: the number of points
 * @position: a position on the @from scale
 *
 * Maps @position through the piecewise-linear function that takes each
 * from[i] to to[i]. Positions before the first point map to to[0] and
 * positions after the last one to the last @to. Where several points share
 * a @from value the function jumps, and the value at the jump is that of
 * the last of them. With no points, @position is returned unchanged.
 *
 * Returns: the corresponding position on the @to scale
 */
double
cp_alignment_map (const double *from,
                  const double *to,
                  guint         n_points,
                  double        position)
{
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (n_points == 0 || (from != NULL && to != NULL), position);

  if (n_points == 0)
    return position;
  if (position < from[0])
    return to[0];
  if (position >= from[n_points - 1])
    return to[n_points - 1];

  /* from[lo] <= position < from[hi], so the segment has a width. */
  hi = n_points - 1;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (from[mid] <= position)
        lo = mid;
      else
        hi = mid;
    }

  return to[lo] + (position - from[lo]) / (from[hi] - from[lo]) * (to[hi] - to[lo]);
}
