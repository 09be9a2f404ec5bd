/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Sheet content: from topics and a few documents, with options the input
 * steers, the HTML export must parse as XML (libxml2, no network, no
 * error: it is documented as well-formed), the CSV must read back with an
 * RFC 4180 reader to a header and a row per sheet topic, each with a
 * label, a count per review, the reviews and the mentions; and every mark
 * must lie within its text, in order, on character boundaries.
 *
 * Input: a steering byte, then topics (one per line, terms separated by
 * '|'), a NUL, and documents separated by NULs.
 */
#include "config.h"

#include <libxml/parser.h>
#include <string.h>

#include "cp-sheet-content.h"
#include "fuzz-common.h"

/* Reads CSV as RFC 4180 writes it: fields separated by commas, records by
 * CRLF, a field quoted when it holds a comma, a quote or a line end, with
 * quotes doubled. Returns the number of fields of each record, or NULL
 * when @csv is not such CSV. */
static GArray *
csv_read (const char *csv,
          gsize       length)
{
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *p = csv;
  const char *end = csv + length;
  guint n_fields = 0;

  while (p < end)
    {
      if (*p == '"')
        {
          /* A quoted field: up to a quote that is not doubled */
          for (p++;; p++)
            {
              if (p >= end)
                return NULL;
              if (*p == '"')
                {
                  if (p + 1 < end && p[1] == '"')
                    p++;
                  else
                    break;
                }
            }
          p++;
        }
      else
        {
          while (p < end && *p != ',' && *p != '\r' && *p != '\n')
            {
              if (*p == '"')
                return NULL;
              p++;
            }
        }

      n_fields++;
      if (p < end && *p == ',')
        {
          p++;
          continue;
        }
      if (p + 1 < end && p[0] == '\r' && p[1] == '\n')
        {
          g_array_append_val (records, n_fields);
          n_fields = 0;
          p += 2;
          continue;
        }
      /* Anything else after a field (a bare CR or LF, text after a
       * closing quote) breaks the format; the last record may end
       * without a line end */
      if (p < end)
        return NULL;
      g_array_append_val (records, n_fields);
    }

  return g_steal_pointer (&records);
}

static void
check_marks (const char        *text,
             gsize              length,
             const CpSheetMark *marks,
             guint              n_marks,
             guint              n_topics)
{
  guint last_end = 0;

  for (guint i = 0; i < n_marks; i++)
    {
      const CpSheetMark *m = &marks[i];

      g_assert_cmpuint (m->start, <, m->end);
      g_assert_cmpuint (m->end, <=, length);
      g_assert_cmpuint (m->start, >=, last_end);
      g_assert_cmpuint (m->topic, <, n_topics);
      /* On character boundaries: neither end is a continuation byte */
      g_assert_cmpint ((text[m->start] & 0xC0), !=, 0x80);
      g_assert_true (m->end == length || (text[m->end] & 0xC0) != 0x80);
      last_end = m->end;
    }
}

static void
check_html (const char *html,
            gsize       length)
{
  xmlParserCtxtPtr context = xmlNewParserCtxt ();
  xmlDocPtr doc;
  const xmlError *error;

  doc = xmlCtxtReadMemory (context, html, length, "sheet.html", "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  error = xmlCtxtGetLastError (context);
  if (doc == NULL || (error != NULL && error->code != XML_ERR_OK))
    g_error ("the sheet's HTML is not well-formed XML: line %d: %s\n%s",
             error != NULL ? error->line : 0, error != NULL ? error->message : "?", html);

  xmlFreeDoc (doc);
  xmlFreeParserCtxt (context);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CpComparison) comparison = NULL;
  g_autoptr(CpSheetContent) content = NULL;
  g_autoptr(GArray) records = NULL;
  g_autofree char *html = NULL;
  g_autofree char *csv = NULL;
  CpSheetOptions options = { 0 };
  gsize html_length, csv_length;
  guint n_documents, n_topics, n_bands;
  guint8 steer;

  fuzz_init ();

  comparison = fuzz_comparison_new (data, size, &steer);
  if (comparison == NULL)
    return 0;

  options.title = (steer & 1) ? "Sheet <&> \"title\"" : NULL;
  options.topics = (steer & 2) ? CP_SHEET_TOPICS_ALL : CP_SHEET_TOPICS_SHARED;
  options.excerpts_per_cell = (steer >> 2) & 3;
  options.context_words = ((steer >> 4) & 3) * 4;
  options.full_texts = (steer >> 6) & 1;
  content = cp_sheet_content_new (comparison, &options);

  n_documents = cp_sheet_content_get_n_documents (content);
  n_topics = cp_sheet_content_get_n_topics (content);
  n_bands = cp_sheet_content_get_n_bands (content);
  g_assert_cmpuint (n_documents, ==, cp_comparison_get_n_documents (comparison));

  for (guint d = 0; d < n_documents; d++)
    {
      CpDocument *document = cp_sheet_content_get_document (content, d);
      const CpSheetMark *marks;
      guint n_marks = 0;

      marks = cp_sheet_content_get_document_marks (content, d, &n_marks);
      check_marks (cp_document_get_text (document), cp_document_get_length (document), marks, n_marks, n_topics);

      for (guint b = 0; b < n_bands; b++)
        for (guint e = 0; e < cp_sheet_content_get_n_excerpts (content, b, d); e++)
          {
            const CpSheetExcerpt *excerpt = cp_sheet_content_get_excerpt (content, b, d, e);
            gsize length = strlen (excerpt->text);

            g_assert_true (g_utf8_validate_len (excerpt->text, length, NULL));
            check_marks (excerpt->text, length, excerpt->marks, excerpt->n_marks, n_topics);
            g_assert_cmpuint (excerpt->document_start, <=, excerpt->document_end);
            g_assert_cmpuint (excerpt->document_end, <=, cp_document_get_length (document));
          }
    }

  html = cp_sheet_content_to_html (content, &html_length);
  g_assert_cmpuint (strlen (html), ==, html_length);
  check_html (html, html_length);

  csv = cp_sheet_content_to_csv (content, &csv_length);
  g_assert_cmpuint (strlen (csv), ==, csv_length);
  g_assert_true (g_utf8_validate_len (csv, csv_length, NULL));
  records = csv_read (csv, csv_length);
  if (records == NULL)
    g_error ("the sheet's CSV does not read back:\n%s", csv);
  g_assert_cmpuint (records->len, ==, n_topics + 1);
  for (guint i = 0; i < records->len; i++)
    g_assert_cmpuint (g_array_index (records, guint, i), ==, n_documents + 3);

  return 0;
}
