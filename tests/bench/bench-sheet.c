/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-sheet: times a comparison sheet from tagged reviews to a PDF file.
 *
 *   bench-sheet [--runs N] [--topics FILE] [--full-texts] [--out FILE] FILE...
 *
 * The files are loaded and tagged first (timed apart) with the default
 * topics or those of --topics. One untimed run loads the fonts (its time
 * is reported as first_ms: what the first sheet after start-up costs),
 * then N
 * timed runs each build the sheet's content (cp_sheet_content_new()),
 * lay it out (cp_sheet_get_n_pages()) and write the PDF
 * (cp_sheet_write_pdf()) on A4, landscape beyond three reviews. The last
 * line is for scripts: "RESULT key=value ...", times in milliseconds,
 * sizes in bytes.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "cp-sheet.h"

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

static double
median (double *values,
        int     n)
{
  qsort (values, n, sizeof (double), compare_doubles);

  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static goffset
file_size (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                                 NULL, NULL);

  return info != NULL ? g_file_info_get_size (info) : 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpTopicSet) topics = NULL;
  g_autoptr(CpComparison) comparison = NULL;
  g_autoptr(GFile) out = NULL;
  g_autofree char *topics_path = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree double *total_ms = NULL;
  g_autofree double *content_ms = NULL;
  g_autofree double *layout_ms = NULL;
  gboolean full_texts = FALSE;
  CpSheetOptions options = { 0 };
  gint runs = 10;
  guint64 bytes = 0;
  guint64 words = 0;
  guint n_pages = 0;
  guint n_bands = 0;
  goffset pdf_bytes = 0;
  double width, height, load_ms, best;
  double first_ms = 0;
  gint64 start;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs (default 10)", "N" },
    { "topics", 't', 0, G_OPTION_ARG_FILENAME, &topics_path, "Topics file (default: the default topics)", "FILE" },
    { "full-texts", 'f', 0, G_OPTION_ARG_NONE, &full_texts, "Add the full texts", NULL },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, "The PDF to write (default: a temporary file)", "FILE" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("FILE... - time a comparison sheet");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-sheet: %s\n", error->message);
      return 2;
    }
  if (argc < 2 || runs < 1)
    {
      g_printerr ("Usage: bench-sheet [--runs N] [--topics FILE] [--full-texts] [--out FILE] FILE...\n");
      return 2;
    }

  if (topics_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (topics_path);

      topics = cp_topic_set_new_from_file (file, NULL, &error);
      if (topics == NULL)
        {
          g_printerr ("bench-sheet: %s\n", error->message);
          return 1;
        }
    }
  else
    topics = cp_topic_set_new_default ();

  if (out_path == NULL)
    {
      tmp_dir = g_dir_make_tmp ("bench-sheet-XXXXXX", &error);
      if (tmp_dir == NULL)
        {
          g_printerr ("bench-sheet: %s\n", error->message);
          return 1;
        }
      out_path = g_build_filename (tmp_dir, "sheet.pdf", NULL);
    }
  out = g_file_new_for_commandline_arg (out_path);

  start = g_get_monotonic_time ();
  comparison = cp_comparison_new (topics);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(CpDocument) document = cp_document_new_from_file (file, CP_DOCUMENT_DEFAULT_MAX_SIZE, NULL, &error);

      if (document == NULL)
        {
          g_printerr ("bench-sheet: %s: %s\n", argv[i], error->message);
          return 1;
        }
      bytes += cp_document_get_length (document);
      words += cp_document_get_n_words (document);
      cp_comparison_append_document (comparison, document);
    }
  load_ms = ms_since (start);

  options.full_texts = full_texts;
  cp_sheet_get_paper_size (CP_PAPER_A4, argc - 1, &width, &height);

  total_ms = g_new (double, runs);
  content_ms = g_new (double, runs);
  layout_ms = g_new (double, runs);
  for (gint i = -1; i < runs; i++)
    {
      g_autoptr(CpSheetContent) content = NULL;
      g_autoptr(CpSheet) sheet = NULL;
      double content_end, layout_end, total;

      start = g_get_monotonic_time ();
      content = cp_sheet_content_new (comparison, &options);
      content_end = ms_since (start);
      sheet = cp_sheet_new (content, width, height);
      n_pages = cp_sheet_get_n_pages (sheet);
      layout_end = ms_since (start);
      if (!cp_sheet_write_pdf (sheet, out, NULL, &error))
        {
          g_printerr ("bench-sheet: %s\n", error->message);
          return 1;
        }
      total = ms_since (start);
      n_bands = cp_sheet_content_get_n_bands (content);

      /* Run 0 loads the fonts and fills fontconfig's caches */
      if (i < 0)
        {
          first_ms = total;
          g_print ("run 0 (untimed): %.2f ms, %u pages\n", total, n_pages);
          continue;
        }

      total_ms[i] = total;
      content_ms[i] = content_end;
      layout_ms[i] = layout_end - content_end;
      g_print ("run %d: %.2f ms (content %.2f, layout %.2f, PDF %.2f), %u pages\n",
               i + 1, total, content_end, layout_end - content_end, total - layout_end, n_pages);
    }

  pdf_bytes = file_size (out);
  if (tmp_dir != NULL)
    {
      g_unlink (out_path);
      g_rmdir (tmp_dir);
    }

  best = total_ms[0];
  for (gint i = 1; i < runs; i++)
    best = MIN (best, total_ms[i]);

  g_print ("RESULT documents=%d bytes=%" G_GUINT64_FORMAT " words=%" G_GUINT64_FORMAT " load_ms=%.2f "
           "runs=%d pages=%u bands=%u pdf_bytes=%" G_GOFFSET_FORMAT " first_ms=%.3f best_ms=%.3f "
           "median_ms=%.3f content_ms=%.3f layout_ms=%.3f\n",
           argc - 1, bytes, words, load_ms, runs, n_pages, n_bands, pdf_bytes, first_ms, best,
           median (total_ms, runs), median (content_ms, runs), median (layout_ms, runs));

  return 0;
}
