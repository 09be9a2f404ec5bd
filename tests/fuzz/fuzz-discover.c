/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Discovery: themes from a few documents, then from the same documents
 * rotated, which must give the same themes in the same order, with the
 * same variants, totals, spread and score, and each document's count and
 * context following it to its new position (cp_discover_themes()
 * promises as much).
 *
 * Input: a steering byte, then topics (one per line, terms separated by
 * '|'; leaving out the phrases they match), a NUL, and documents
 * separated by NULs.
 */
#include "config.h"

#include <math.h>

#include "cp-discover.h"
#include "cp-error.h"
#include "fuzz-common.h"

static void
assert_themes_equal (CpTheme *a,
                     CpTheme *b,
                     guint    n_documents,
                     guint    rotation)
{
  double score_a = cp_theme_get_score (a);
  double score_b = cp_theme_get_score (b);

  g_assert_cmpstr (cp_theme_get_phrase (a), ==, cp_theme_get_phrase (b));
  g_assert_cmpstrv (cp_theme_get_variants (a), cp_theme_get_variants (b));
  g_assert_cmpuint (cp_theme_get_n_documents (a), ==, n_documents);
  g_assert_cmpuint (cp_theme_get_n_documents (b), ==, n_documents);
  g_assert_cmpuint (cp_theme_get_total (a), ==, cp_theme_get_total (b));
  g_assert_cmpuint (cp_theme_get_spread (a), ==, cp_theme_get_spread (b));
  /* Sums taken in another order may differ in the last bits */
  g_assert_cmpfloat_with_epsilon (score_a, score_b, 1e-9 * MAX (1.0, fabs (score_a)));

  /* Document i of the first run is document i - rotation of the second */
  for (guint i = 0; i < n_documents; i++)
    {
      guint j = (i + n_documents - rotation) % n_documents;

      g_assert_cmpuint (cp_theme_get_count (a, i), ==, cp_theme_get_count (b, j));
      g_assert_cmpstr (cp_theme_get_context (a, i), ==, cp_theme_get_context (b, j));
    }
}

static void
dump_themes (GString   *s,
             GPtrArray *themes,
             guint      n_documents)
{
  for (guint i = 0; i < themes->len; i++)
    {
      CpTheme *theme = themes->pdata[i];
      g_autofree char *variants = g_strjoinv ("|", (GStrv) cp_theme_get_variants (theme));

      g_string_append_printf (s, "  %s (%s) score %.17g total %u spread %u counts",
                              cp_theme_get_phrase (theme), variants, cp_theme_get_score (theme),
                              cp_theme_get_total (theme), cp_theme_get_spread (theme));
      for (guint d = 0; d < n_documents; d++)
        g_string_append_printf (s, " %u", cp_theme_get_count (theme, d));
      g_string_append_c (s, '\n');
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GArray) parts = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) rotated = NULL;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GPtrArray) themes_rotated = NULL;
  g_autoptr(CpTopicSet) topics = NULL;
  g_autoptr(GError) error = NULL;
  CpDiscoverOptions options = { 0 };
  guint8 steer;
  guint rotation;
  guint n;

  fuzz_init ();

  if (size == 0)
    return 0;
  steer = data[0];
  parts = fuzz_split (data + 1, size - 1, 8);
  if (parts->len < 3)
    return 0;

  if (steer & 1)
    {
      topics = fuzz_topics_from_lines (&g_array_index (parts, FuzzPart, 0));
      options.topics = topics;
    }
  options.min_documents = (steer >> 1) & 3;
  options.limit = (steer >> 3) & 1 ? 5 : 0;

  documents = fuzz_documents_new (parts, 1);
  n = documents->len;
  rotation = 1 + (steer >> 4) % (n - 1);
  rotated = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rotated, documents->pdata[(i + rotation) % n]);

  themes = cp_discover_themes ((CpDocument **)documents->pdata, n, &options, NULL, &error);
  if (themes == NULL)
    {
      /* Only topics can make discovery fail */
      g_assert_error (error, CP_ERROR, CP_ERROR_INVALID_TERM);
      g_assert_nonnull (topics);
      return 0;
    }
  themes_rotated = cp_discover_themes ((CpDocument **)rotated->pdata, n, &options, NULL, &error);
  g_assert_no_error (error);

  if (themes->len != themes_rotated->len)
    {
      g_autoptr(GString) s = g_string_new ("rotating the documents changes the themes:\n");

      dump_themes (s, themes, n);
      g_string_append (s, "rotated:\n");
      dump_themes (s, themes_rotated, n);
      g_error ("%s", s->str);
    }
  for (guint i = 0; i < themes->len; i++)
    assert_themes_equal (themes->pdata[i], themes_rotated->pdata[i], n, rotation);

  return 0;
}
