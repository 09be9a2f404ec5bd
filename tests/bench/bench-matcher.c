/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-matcher: times CpMatcher alone on a corpus.
 *
 *   bench-matcher PATTERNS CORPUS [--runs N] [--terms-per-topic K]
 *
 * PATTERNS has one term per line; K consecutive lines make one topic
 * (default 1), as in the .topics files cp-bench-corpus writes. The corpus
 * is read into memory first (timed apart), the matcher is built N times
 * and scanned N times after two untimed scans, the second of which
 * measures how much the process's peak resident memory grows while
 * scanning.
 *
 * The last line of the output is for scripts: "RESULT key=value ...".
 * Sizes are in bytes, times in milliseconds, MB/s in 10⁶ bytes per second.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cp-matcher.h"

/* Reads a "VmHWM:   1234 kB" style line of /proc/self/status, in bytes;
 * 0 when it cannot. */
static guint64
read_status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;
  gsize key_len = strlen (key);

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  for (line = status; line != NULL && *line; line = strchr (line, '\n'))
    {
      if (*line == '\n')
        line++;
      if (strncmp (line, key, key_len) == 0 && line[key_len] == ':')
        return g_ascii_strtoull (line + key_len + 1, NULL, 10) * 1024;
    }

  return 0;
}

/* Makes VmHWM start again from the current resident size (Linux ≥ 4.0). */
static gboolean
reset_peak_rss (void)
{
  FILE *f = g_fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (f == NULL)
    return FALSE;
  ok = fputs ("5", f) >= 0;
  return fclose (f) == 0 && ok;
}

/* Peak resident growth, in bytes, during one scan. */
static guint64
measure_scan_growth (CpMatcher  *matcher,
                     const char *text,
                     gsize       length,
                     guint      *n_mentions,
                     gboolean   *peak_was_reset)
{
  g_autoptr(GArray) mentions = NULL;
  guint64 rss_before, hwm_before, hwm_after;

#ifdef __GLIBC__
  malloc_trim (0);
#endif
  *peak_was_reset = reset_peak_rss ();
  rss_before = read_status_kb ("VmRSS");
  hwm_before = read_status_kb ("VmHWM");
  mentions = cp_matcher_scan (matcher, text, length);
  hwm_after = read_status_kb ("VmHWM");
  *n_mentions = mentions->len;

  /* Without a reset, VmHWM holds the earlier peak: growth is a lower bound. */
  if (*peak_was_reset)
    return hwm_after > rss_before ? hwm_after - rss_before : 0;
  return hwm_after > hwm_before ? hwm_after - hwm_before : 0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
min_of (const double *values,
        guint         n)
{
  double best = values[0];

  for (guint i = 1; i < n; i++)
    best = MIN (best, values[i]);
  return best;
}

static double
per_mention (guint64 bytes,
             guint   n_mentions)
{
  return n_mentions ? (double) bytes / n_mentions : 0.0;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static CpMatcher *
build_matcher (GPtrArray  *terms,
               guint       terms_per_topic,
               double     *add_ms,
               double     *compile_ms,
               GError    **error)
{
  g_autoptr(CpMatcher) matcher = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 added;

  matcher = cp_matcher_new ();
  for (guint i = 0; i < terms->len; i++)
    if (!cp_matcher_add_term (matcher, i / terms_per_topic, i % terms_per_topic,
                              g_ptr_array_index (terms, i), error))
      return NULL;
  added = g_get_monotonic_time ();

  if (!cp_matcher_compile (matcher, error))
    return NULL;

  *add_ms = (added - start) / 1000.0;
  *compile_ms = ms_since (added);

  return g_steal_pointer (&matcher);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CpMatcher) matcher = NULL;
  g_autoptr(GArray) mentions = NULL;
  g_autofree char *patterns_data = NULL;
  g_autofree char *text = NULL;
  g_autofree double *build_ms = NULL;
  g_autofree double *compile_ms = NULL;
  g_autofree double *scan_ms = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length = 0;
  gint runs = 5;
  gint terms_per_topic = 1;
  gint64 start;
  double load_ms;
  double best_scan, median_scan;
  guint64 rss_growth_first, rss_growth, rss_fixed;
  gboolean peak_was_reset;
  guint n_mentions;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs (default 5)", "N" },
    { "terms-per-topic", 'k', 0, G_OPTION_ARG_INT, &terms_per_topic,
      "Consecutive terms that make one topic (default 1)", "K" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("PATTERNS CORPUS - time the topic matcher");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-matcher: %s\n", error->message);
      return 2;
    }
  if (argc != 3 || runs < 1 || terms_per_topic < 1)
    {
      g_printerr ("Usage: bench-matcher PATTERNS CORPUS [--runs N] [--terms-per-topic K]\n");
      return 2;
    }

  if (!g_file_get_contents (argv[1], &patterns_data, NULL, &error))
    {
      g_printerr ("bench-matcher: %s\n", error->message);
      return 1;
    }
  lines = g_strsplit (patterns_data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        g_ptr_array_add (terms, g_strdup (lines[i]));
    }
  if (terms->len == 0)
    {
      g_printerr ("bench-matcher: %s has no patterns\n", argv[1]);
      return 1;
    }

  /* Load: read and validate, as any caller must before scanning. */
  start = g_get_monotonic_time ();
  if (!g_file_get_contents (argv[2], &text, &length, &error))
    {
      g_printerr ("bench-matcher: %s\n", error->message);
      return 1;
    }
  if (!g_utf8_validate_len (text, length, NULL) || length > G_MAXUINT32)
    {
      g_printerr ("bench-matcher: %s is not UTF-8 text of at most 4 GiB\n", argv[2]);
      return 1;
    }
  load_ms = ms_since (start);

  build_ms = g_new (double, runs);
  compile_ms = g_new (double, runs);
  for (gint i = 0; i < runs; i++)
    {
      double add_ms;

      g_clear_object (&matcher);
      matcher = build_matcher (terms, terms_per_topic, &add_ms, &compile_ms[i], &error);
      if (matcher == NULL)
        {
          g_printerr ("bench-matcher: %s\n", error->message);
          return 1;
        }
      build_ms[i] = add_ms + compile_ms[i];
    }

  /* Two untimed scans that measure how much the peak resident size grows
   * while scanning: the first pays what a one-shot caller such as the CLI
   * pays (thread stacks and malloc arenas included), the second what a
   * long-running caller pays again. Freed memory goes back to the system
   * before each, so that reusing it does not hide anything. A copy of the
   * text would show as growth of about the text's size. */
  rss_growth_first = measure_scan_growth (matcher, text, length, &n_mentions, &peak_was_reset);
  rss_growth = measure_scan_growth (matcher, text, length, &n_mentions, &peak_was_reset);

  /* What a scan costs whatever it finds (thread stacks, the first block of
   * candidates per part): the same scan with a term that never occurs.
   * The growth above it is what the mentions themselves cost. */
  {
    g_autoptr(CpMatcher) absent = cp_matcher_new ();
    guint n_absent = 0;
    gboolean reset = FALSE;

    cp_matcher_add_term (absent, 0, 0, "qqzzxxjj", NULL);
    cp_matcher_compile (absent, NULL);
    measure_scan_growth (absent, text, length, &n_absent, &reset);
    rss_fixed = measure_scan_growth (absent, text, length, &n_absent, &reset);
  }

  scan_ms = g_new (double, runs);
  for (gint i = 0; i < runs; i++)
    {
      start = g_get_monotonic_time ();
      mentions = cp_matcher_scan (matcher, text, length);
      scan_ms[i] = ms_since (start);

      if (mentions->len != n_mentions)
        {
          g_printerr ("bench-matcher: scan %d found %u mentions, the first %u\n",
                      i + 1, mentions->len, n_mentions);
          return 1;
        }
      g_clear_pointer (&mentions, g_array_unref);
    }

  best_scan = min_of (scan_ms, runs);
  median_scan = median (scan_ms, runs);

  g_print ("patterns         %s: %u terms in %u topics\n", argv[1], terms->len,
           (terms->len + terms_per_topic - 1) / terms_per_topic);
  g_print ("corpus           %s: %" G_GSIZE_FORMAT " bytes, loaded in %.1f ms\n",
           argv[2], length, load_ms);
  g_print ("compile          best %.3f ms (add terms + compile; compile alone %.3f ms), "
           "%u states, %" G_GSIZE_FORMAT " bytes\n",
           min_of (build_ms, runs), min_of (compile_ms, runs),
           cp_matcher_get_n_states (matcher), cp_matcher_get_memory_size (matcher));
  g_print ("scan             best %.1f ms (%.1f MB/s), median %.1f ms (%.1f MB/s), %d runs\n",
           best_scan, length / 1000.0 / best_scan, median_scan, length / 1000.0 / median_scan,
           runs);
  g_print ("mentions         %u, %" G_GSIZE_FORMAT " bytes each in the array\n",
           n_mentions, sizeof (CpMention));
  g_print ("scan memory      peak RSS grew %" G_GUINT64_FORMAT " bytes during the first scan "
           "(%.1f bytes per mention, %.3f × the text), %" G_GUINT64_FORMAT " during the second "
           "(%.1f bytes per mention)%s\n",
           rss_growth_first, per_mention (rss_growth_first, n_mentions),
           length ? (double) rss_growth_first / length : 0.0,
           rss_growth, per_mention (rss_growth, n_mentions),
           peak_was_reset ? "" : " (lower bounds: VmHWM could not be reset)");
  g_print ("                 a scan that finds nothing grows it by %" G_GUINT64_FORMAT " bytes; "
           "above that, %.1f bytes per mention\n",
           rss_fixed, per_mention (rss_growth > rss_fixed ? rss_growth - rss_fixed : 0, n_mentions));

  g_print ("RESULT patterns=%u topics=%u corpus_bytes=%" G_GSIZE_FORMAT " load_ms=%.1f"
           " compile_ms=%.3f compile_only_ms=%.3f states=%u matcher_bytes=%" G_GSIZE_FORMAT
           " scan_best_ms=%.1f scan_median_ms=%.1f scan_best_mbps=%.1f scan_median_mbps=%.1f"
           " runs=%d mentions=%u mention_bytes=%" G_GSIZE_FORMAT
           " scan_rss_growth_first=%" G_GUINT64_FORMAT " rss_bytes_per_mention_first=%.1f"
           " scan_rss_growth=%" G_GUINT64_FORMAT " rss_bytes_per_mention=%.1f"
           " scan_rss_fixed=%" G_GUINT64_FORMAT " rss_bytes_per_mention_marginal=%.1f"
           " peak_reset=%s\n",
           terms->len, (terms->len + terms_per_topic - 1) / terms_per_topic, length, load_ms,
           min_of (build_ms, runs), min_of (compile_ms, runs),
           cp_matcher_get_n_states (matcher), cp_matcher_get_memory_size (matcher),
           best_scan, median_scan, length / 1000.0 / best_scan, length / 1000.0 / median_scan,
           runs, n_mentions, sizeof (CpMention),
           rss_growth_first, per_mention (rss_growth_first, n_mentions),
           rss_growth, per_mention (rss_growth, n_mentions),
           rss_fixed, per_mention (rss_growth > rss_fixed ? rss_growth - rss_fixed : 0, n_mentions),
           peak_was_reset ? "yes" : "no");

  return 0;
}
