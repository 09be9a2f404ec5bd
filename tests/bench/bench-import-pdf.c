/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-import-pdf: times reading a long PDF of prose into a document.
 *
 *   bench-import-pdf [--runs N] [--pages N] [--columns 1|2] --out FILE CORPUS
 *
 * Draws a PDF of about N pages (default 300) from the paragraphs of
 * CORPUS (cp-bench-corpus's corpus.txt) with the tests' typesetter: A4,
 * justified and hyphenated lines, a heading every twenty paragraphs, a
 * running header and a page number; one column of book prose, or two of a
 * magazine's. Then one untimed run and N timed runs (default 5) of
 * cp_document_new_from_file () on it: reading the file, poppler, the
 * importer's layout analysis and the document's counts. The last line is
 * for scripts: "RESULT key=value ...", times in milliseconds, sizes in
 * bytes; peak_rss is the process's peak resident memory during the runs;
 * text_differs_at is 0 when the text read is exactly the text drawn, else
 * one more than the offset of the first byte that differs.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "cp-document.h"
#include "cp-import.h"
#include "cp-test-pdf-writer.h"

static const CpTestPdfFont book_body = { "DejaVu Serif", 10.5, FALSE, 13.5 };
static const CpTestPdfFont magazine_body = { "DejaVu Serif", 9, FALSE, 11.5 };
static const CpTestPdfFont heading = { "DejaVu Sans", 14, TRUE, 18 };
static const CpTestPdfFont margin = { "DejaVu Serif", 8, FALSE, 0 };

static void
decorate (cairo_t  *cr,
          guint     page,
          gpointer  user_data)
{
  g_autofree char *number = g_strdup_printf ("%u", page);

  cp_test_pdf_show_text (cr, &margin, 72, 40, "Counterpoint benchmark — A Long Review of Never Sorry");
  cp_test_pdf_show_text (cr, &margin, 297 - cp_test_pdf_text_width (cr, &margin, number) / 2, 810, number);
}

/* Draws the PDF and returns its page count; @expected gets the text it
 * shows, as the importer should read it. */
static guint
draw (const char  *path,
      const char  *corpus,
      guint        n_pages,
      guint        n_columns,
      GString     *expected)
{
  const CpTestPdfGeometry geometry = {
    595, 842, 64, 56, n_columns > 1 ? 50 : 72, n_columns > 1 ? 50 : 72, n_columns, 18,
  };
  const CpTestPdfFont *body = n_columns > 1 ? &magazine_body : &book_body;
  CpTestPdfFlags flags = CP_TEST_PDF_JUSTIFY | CP_TEST_PDF_HYPHENATE | CP_TEST_PDF_LIGATURES;
  CpTestPdfWriter *writer = cp_test_pdf_writer_new (path, &geometry);
  g_auto(GStrv) paragraphs = g_strsplit (corpus, "\n\n", -1);
  CpTestPdfStats stats;
  guint n_paragraphs = g_strv_length (paragraphs);

  cp_test_pdf_writer_set_decorate (writer, decorate, NULL);
  for (guint i = 0; cp_test_pdf_writer_get_n_pages (writer) < n_pages; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (paragraphs[i % n_paragraphs], " \t\n", -1);
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
      g_auto(GStrv) kept_words = NULL;
      g_autofree char *paragraph = NULL;

      for (guint j = 0; words[j] != NULL; j++)
        if (words[j][0] != '\0')
          g_strv_builder_add (kept, words[j]);
      kept_words = g_strv_builder_end (kept);
      if (kept_words[0] == NULL)
        continue;
      paragraph = g_strjoinv (" ", kept_words);

      if (i % 20 == 0)
        {
          g_autofree char *title = g_strdup_printf ("Part %u", i / 20 + 1);

          cp_test_pdf_writer_add_paragraph (writer, &heading, 0, 12, title);
          g_string_append_printf (expected, "%s%s", expected->len > 0 ? "\n\n" : "", title);
        }
      cp_test_pdf_writer_add_paragraph (writer, body, flags | (n_columns > 1 ? 0 : CP_TEST_PDF_INDENT),
                                        n_columns > 1 ? 5 : 0, paragraph);
      g_string_append_printf (expected, "\n\n%s", paragraph);
    }
  cp_test_pdf_writer_finish (writer, &stats);

  return stats.n_pages;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The process's peak resident memory in bytes, from the kernel, and a
 * reset of it, so that drawing the PDF does not count. */
static guint64
peak_rss (gboolean reset)
{
  g_autofree char *status = NULL;
  const char *line;
  guint64 peak = 0;

  if (reset)
    {
      g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
      return 0;
    }

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  if (line != NULL)
    peak = g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10) * 1024;

  return peak;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *out_path = NULL;
  g_autofree char *corpus = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  gsize mismatch = 0;
  gint runs = 5;
  gint n_pages = 300;
  gint n_columns = 1;
  guint pages_drawn;
  guint64 bytes = 0;
  guint64 words = 0;
  gsize pdf_bytes = 0;
  double draw_ms, first_ms = 0, median_ms;
  gint64 start;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs (default 5)", "N" },
    { "pages", 'p', 0, G_OPTION_ARG_INT, &n_pages, "Pages to draw (default 300)", "N" },
    { "columns", 'c', 0, G_OPTION_ARG_INT, &n_columns, "Columns on a page, 1 or 2 (default 1)", "N" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, "The PDF to write", "FILE" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("CORPUS - time reading a long PDF");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-import-pdf: %s\n", error->message);
      return 2;
    }
  if (argc != 2 || out_path == NULL || runs < 1 || n_pages < 1 || n_columns < 1 || n_columns > 2)
    {
      g_printerr ("Usage: bench-import-pdf [--runs N] [--pages N] [--columns 1|2] --out FILE CORPUS\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &corpus, NULL, &error))
    {
      g_printerr ("bench-import-pdf: %s\n", error->message);
      return 1;
    }

  cp_import_register_all ();

  start = g_get_monotonic_time ();
  pages_drawn = draw (out_path, corpus, n_pages, n_columns, expected);
  draw_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_print ("drew %u pages in %.1f ms\n", pages_drawn, draw_ms);

  file = g_file_new_for_commandline_arg (out_path);
  peak_rss (TRUE);
  for (gint i = -1; i < runs; i++)
    {
      g_autoptr(CpDocument) document = NULL;
      double ms;

      start = g_get_monotonic_time ();
      document = cp_document_new_from_file (file, CP_DOCUMENT_DEFAULT_MAX_SIZE, NULL, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      if (document == NULL)
        {
          g_printerr ("bench-import-pdf: %s\n", error->message);
          return 1;
        }
      bytes = cp_document_get_length (document);
      words = cp_document_get_n_words (document);

      /* Fast is no good if wrong: the first byte where the text read
       * differs from the text drawn, or 0 */
      if (i < 0)
        {
          const char *text = cp_document_get_text (document);

          while (mismatch < bytes && mismatch < expected->len && text[mismatch] == expected->str[mismatch])
            mismatch++;
          if (mismatch == bytes && bytes == expected->len)
            mismatch = 0;
          else
            {
              g_print ("the text read differs from the text drawn at byte %" G_GSIZE_FORMAT ":\n"
                       "  read:  %.80s\n  drawn: %.80s\n",
                       mismatch, text + MAX (mismatch, 20) - 20, expected->str + MAX (mismatch, 20) - 20);
              mismatch++;
            }
        }

      /* Run 0 loads poppler's fonts and fills its caches */
      if (i < 0)
        {
          first_ms = ms;
          g_print ("run 0 (untimed): %.1f ms\n", ms);
          continue;
        }
      g_array_append_val (times, ms);
      g_print ("run %d: %.1f ms, %" G_GUINT64_FORMAT " bytes of text\n", i + 1, ms, bytes);
    }

  {
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);

    pdf_bytes = info != NULL ? g_file_info_get_size (info) : 0;
  }

  g_array_sort (times, compare_doubles);
  median_ms = times->len % 2 ? g_array_index (times, double, times->len / 2)
                             : (g_array_index (times, double, times->len / 2 - 1) +
                                g_array_index (times, double, times->len / 2)) / 2;

  g_print ("RESULT text_differs_at=%" G_GSIZE_FORMAT " pages=%u columns=%d runs=%d best_ms=%.2f median_ms=%.2f first_ms=%.2f draw_ms=%.1f "
           "text_bytes=%" G_GUINT64_FORMAT " words=%" G_GUINT64_FORMAT " pdf_bytes=%" G_GSIZE_FORMAT
           " peak_rss=%" G_GUINT64_FORMAT "\n",
           mismatch, pages_drawn, n_columns, runs, g_array_index (times, double, 0), median_ms, first_ms, draw_ms,
           bytes, words, pdf_bytes, peak_rss (FALSE));

  return 0;
}
