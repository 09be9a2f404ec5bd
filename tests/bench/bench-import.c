/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-import: times reading documents through the importers, as the
 * loader does (cp_document_new_from_file(): the file read whole, its
 * importer picked by content, the text extracted and counted).
 *
 *   bench-import [--runs N] [--batch] FILE...
 *
 * Each file is read once untimed (the page cache warm), then N times
 * timed. One line per file is for scripts: "RESULT name=... format=...
 * file_bytes=... text_bytes=... words=... best_ms=... median_ms=...",
 * times in milliseconds, sizes in bytes.
 *
 * With --batch, the files are many small ones read one after the other,
 * as a folder of saved pages is: N timed passes over them all, and one
 * line "RESULT files=... formats=... file_bytes=... text_bytes=...
 * min_words=... best_ms=... median_ms=...", formats being those the files
 * were read as, comma-separated.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "cp-document.h"
#include "cp-import.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median_of (double *ms,
           gint    runs)
{
  qsort (ms, runs, sizeof (double), compare_doubles);
  return runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
}

/* Every file in each pass; the first pass untimed, and it notes what the
 * files were read as */
static int
time_batch (char  **paths,
            int     n_paths,
            gint    runs)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) formats = g_string_new (NULL);
  g_autofree double *ms = g_new (double, runs);
  guint64 file_bytes = 0;
  guint64 text_bytes = 0;
  gsize min_words = G_MAXSIZE;
  double median;

  for (int i = 0; i < n_paths; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (paths[i]));

  for (gint run = -1; run < runs; run++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < files->len; i++)
        {
          GFile *file = g_ptr_array_index (files, i);
          g_autoptr(GError) error = NULL;
          g_autoptr(CpDocument) document = cp_document_new_from_file (file, CP_DOCUMENT_DEFAULT_MAX_SIZE,
                                                                      NULL, &error);

          if (document == NULL)
            {
              g_printerr ("bench-import: %s\n", error->message);
              return 1;
            }
          if (run < 0)
            {
              const char *format = cp_document_get_format (document);
              g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                             G_FILE_QUERY_INFO_NONE, NULL, NULL);

              file_bytes += info != NULL ? g_file_info_get_size (info) : 0;
              text_bytes += cp_document_get_length (document);
              min_words = MIN (min_words, cp_document_get_n_words (document));
              if (strstr (formats->str, format) == NULL)
                g_string_append_printf (formats, "%s%s", formats->len > 0 ? "," : "", format);
            }
        }
      if (run >= 0)
        {
          ms[run] = (g_get_monotonic_time () - start) / 1000.0;
          g_print ("run %d: %.1f ms\n", run + 1, ms[run]);
        }
    }

  median = median_of (ms, runs);
  g_print ("RESULT files=%u formats=%s file_bytes=%" G_GUINT64_FORMAT " text_bytes=%" G_GUINT64_FORMAT
           " min_words=%" G_GSIZE_FORMAT " best_ms=%.2f median_ms=%.2f\n",
           files->len, formats->str, file_bytes, text_bytes, min_words, ms[0], median);

  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gint runs = 5;
  gboolean batch = FALSE;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs (default 5)", "N" },
    { "batch", 'b', 0, G_OPTION_ARG_NONE, &batch, "Time passes over all the files together", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("FILE... - time reading documents");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-import: %s\n", error->message);
      return 2;
    }
  if (argc < 2 || runs < 1)
    {
      g_printerr ("Usage: bench-import [--runs N] [--batch] FILE...\n");
      return 2;
    }

  cp_import_register_all ();

  if (batch)
    return time_batch (argv + 1, argc - 1, runs);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GFileInfo) info = NULL;
      g_autofree double *ms = g_new (double, runs);
      g_autofree char *name = g_path_get_basename (argv[i]);
      g_autoptr(CpDocument) document = NULL;
      double median;

      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error);
      if (info == NULL)
        {
          g_printerr ("bench-import: %s\n", error->message);
          return 1;
        }

      for (gint run = -1; run < runs; run++)
        {
          gint64 start = g_get_monotonic_time ();

          g_clear_object (&document);
          document = cp_document_new_from_file (file, CP_DOCUMENT_DEFAULT_MAX_SIZE, NULL, &error);
          if (document == NULL)
            {
              g_printerr ("bench-import: %s\n", error->message);
              return 1;
            }
          if (run >= 0)
            ms[run] = (g_get_monotonic_time () - start) / 1000.0;
        }

      median = median_of (ms, runs);
      g_print ("RESULT name=%s format=%s file_bytes=%" G_GOFFSET_FORMAT " text_bytes=%" G_GSIZE_FORMAT
               " words=%" G_GSIZE_FORMAT " best_ms=%.2f median_ms=%.2f\n",
               name, cp_document_get_format (document), g_file_info_get_size (info),
               cp_document_get_length (document), cp_document_get_n_words (document),
               ms[0], median);
    }

  return 0;
}
