/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-import-html: times the loading of saved web pages into documents, as
 * the window and the command line load them (cp_document_new_from_file()
 * through the registered importers).
 *
 *   bench-import-html [--runs N] FILE...
 *
 * One untimed pass warms the page cache and checks that every file loads
 * as a web page with text; then N timed passes load every file. One line
 * per run, then one for scripts: "RESULT key=value ...", times in
 * milliseconds, sizes in bytes, speeds in MB/s (10^6 bytes) of HTML.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

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

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree double *run_ms = NULL;
  gint runs = 5;
  guint64 html_bytes = 0;
  guint64 text_bytes = 0;
  double median;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs (default 5)", "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("FILE... - time the import of web pages");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-import-html: %s\n", error->message);
      return 2;
    }
  if (argc < 2 || runs < 1)
    {
      g_printerr ("Usage: bench-import-html [--runs N] FILE...\n");
      return 2;
    }

  cp_import_register_all ();

  for (int i = 1; i < argc; i++)
    {
      GFile *file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, &error);
      g_autoptr(CpDocument) document = NULL;

      g_ptr_array_add (files, file);
      if (info == NULL)
        {
          g_printerr ("bench-import-html: %s: %s\n", argv[i], error->message);
          return 1;
        }
      html_bytes += g_file_info_get_size (info);

      document = cp_document_new_from_file (file, CP_DOCUMENT_DEFAULT_MAX_SIZE, NULL, &error);
      if (document == NULL)
        {
          g_printerr ("bench-import-html: %s: %s\n", argv[i], error->message);
          return 1;
        }
      if (strcmp (cp_document_get_format (document), "html") != 0 || cp_document_get_n_words (document) < 50)
        {
          g_printerr ("bench-import-html: %s was read as %s, %" G_GSIZE_FORMAT " words\n", argv[i],
                      cp_document_get_format (document), cp_document_get_n_words (document));
          return 1;
        }
      text_bytes += cp_document_get_length (document);
    }

  run_ms = g_new (double, runs);
  for (gint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < files->len; i++)
        {
          CpDocument *document = cp_document_new_from_file (g_ptr_array_index (files, i),
                                                            CP_DOCUMENT_DEFAULT_MAX_SIZE, NULL, &error);

          g_assert_no_error (error);
          g_object_unref (document);
        }
      run_ms[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_print ("run %d: %.1f ms, %.1f MB/s\n", r + 1, run_ms[r], html_bytes / 1e3 / run_ms[r]);
    }

  qsort (run_ms, runs, sizeof (double), compare_doubles);
  median = runs % 2 ? run_ms[runs / 2] : (run_ms[runs / 2 - 1] + run_ms[runs / 2]) / 2;

  g_print ("RESULT files=%u html_bytes=%" G_GUINT64_FORMAT " text_bytes=%" G_GUINT64_FORMAT
           " runs=%d best_ms=%.1f median_ms=%.1f best_mbps=%.1f median_mbps=%.1f\n",
           files->len, html_bytes, text_bytes, runs, run_ms[0], median,
           html_bytes / 1e3 / run_ms[0], html_bytes / 1e3 / median);

  return 0;
}
