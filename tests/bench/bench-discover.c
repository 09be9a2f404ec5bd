/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-discover: times cp_discover_themes() on a set of documents.
 *
 *   bench-discover [--runs N] [--limit N] FILE...
 *
 * The files are loaded first (timed apart), discovery runs once untimed
 * (the stop words are loaded then) and N times timed. The best themes of
 * the last run are printed, then one line for scripts:
 * "RESULT key=value ...", times in milliseconds, sizes in bytes.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib.h>

#include "cp-discover.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return x < y ? -1 : x > y;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) themes = NULL;
  g_autofree double *run_ms = NULL;
  CpDiscoverOptions options = { 0 };
  gint runs = 10;
  gint limit = 50;
  guint64 bytes = 0;
  gint64 start;
  double load_ms, median;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs (default 10)", "N" },
    { "limit", 'l', 0, G_OPTION_ARG_INT, &limit, "Themes to find (default 50)", "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("FILE... - time theme discovery");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-discover: %s\n", error->message);
      return 2;
    }
  if (argc < 2 || runs < 1 || limit < 1)
    {
      g_printerr ("Usage: bench-discover [--runs N] [--limit N] FILE...\n");
      return 2;
    }

  start = g_get_monotonic_time ();
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      CpDocument *document = cp_document_new_from_file (file, CP_DOCUMENT_DEFAULT_MAX_SIZE, NULL, &error);

      if (document == NULL)
        {
          g_printerr ("bench-discover: %s: %s\n", argv[i], error->message);
          return 1;
        }
      bytes += cp_document_get_length (document);
      g_ptr_array_add (documents, document);
    }
  load_ms = ms_since (start);

  options.limit = limit;
  themes = cp_discover_themes ((CpDocument **)documents->pdata, documents->len, &options, NULL, &error);
  if (themes == NULL)
    {
      g_printerr ("bench-discover: %s\n", error->message);
      return 1;
    }

  run_ms = g_new (double, runs);
  for (gint i = 0; i < runs; i++)
    {
      g_clear_pointer (&themes, g_ptr_array_unref);
      start = g_get_monotonic_time ();
      themes = cp_discover_themes ((CpDocument **)documents->pdata, documents->len, &options, NULL, &error);
      run_ms[i] = ms_since (start);
      g_assert_no_error (error);
      g_print ("run %d: %.2f ms\n", i + 1, run_ms[i]);
    }

  for (guint i = 0; i < MIN (themes->len, 10); i++)
    {
      CpTheme *theme = g_ptr_array_index (themes, i);

      g_print ("%2u. %s (score %.2f, %u documents, %u times)\n", i + 1,
               cp_theme_get_phrase (theme), cp_theme_get_score (theme),
               cp_theme_get_spread (theme), cp_theme_get_total (theme));
    }

  qsort (run_ms, runs, sizeof (double), compare_doubles);
  median = runs % 2 ? run_ms[runs / 2] : (run_ms[runs / 2 - 1] + run_ms[runs / 2]) / 2;

  g_print ("RESULT documents=%u bytes=%" G_GUINT64_FORMAT " load_ms=%.2f runs=%d best_ms=%.3f "
           "median_ms=%.3f themes=%u\n",
           documents->len, bytes, load_ms, runs, run_ms[0], median, themes->len);

  return 0;
}
