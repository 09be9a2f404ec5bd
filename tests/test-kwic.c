/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpKwic: mentions in context, column by column, and their text, CSV
 * and HTML.
 */
#include "config.h"

#include <string.h>

#include "cp-kwic.h"
#include "cp-test-utils.h"

/* The row of a one-column concordance of @text with a mention at the
 * first occurrence of @keyword */
static CpKwicRow *
row_for (const char *text,
         const char *keyword,
         guint       context_words)
{
  g_autoptr(CpDocument) document = cp_document_new_from_text ("review", text, -1);
  g_autoptr(CpKwic) kwic = cp_kwic_new (keyword, context_words);
  const char *found = strstr (cp_document_get_text (document), keyword);
  CpKwicSpan span;

  g_assert_nonnull (found);
  span.start = found - cp_document_get_text (document);
  span.end = span.start + strlen (keyword);
  span.index = 7;
  cp_kwic_add_column (kwic, document, "Review", &span, 1);
  g_assert_cmpuint (cp_kwic_get_n_columns (kwic), ==, 1);
  g_assert_cmpuint (cp_kwic_get_n_rows (kwic), ==, 1);

  return g_list_model_get_item (cp_kwic_get_column_rows (kwic, 0), 0);
}

/* Ten words either side, cut at word boundaries with “…” */
static void
test_context (void)
{
  g_autoptr(CpKwicRow) row = row_for ("one two three four five six seven eight nine ten eleven twelve "
                                      "sunflower seeds "
                                      "a b c d e f g h i j k l m",
                                      "sunflower seeds", 10);

  g_assert_cmpstr (cp_kwic_row_get_left (row), ==, "…three four five six seven eight nine ten eleven twelve ");
  g_assert_cmpstr (cp_kwic_row_get_keyword (row), ==, "sunflower seeds");
  g_assert_cmpstr (cp_kwic_row_get_right (row), ==, " a b c d e f g h i j…");
  g_assert_cmpuint (cp_kwic_row_get_index (row), ==, 7);
  g_assert_cmpuint (cp_kwic_row_get_start (row), ==, 63);
  g_assert_cmpuint (cp_kwic_row_get_end (row), ==, 78);
  g_assert_cmpuint (cp_kwic_row_get_char_start (row), ==, 63);
  g_assert_cmpuint (cp_kwic_row_get_column (row), ==, 0);

  /* Fewer words when asked; punctuation belongs to its word */
  g_clear_object (&row);
  row = row_for ("Well, the seeds (roasted) were fine, they said.", "seeds", 2);
  g_assert_cmpstr (cp_kwic_row_get_left (row), ==, "Well, the ");
  g_assert_cmpstr (cp_kwic_row_get_right (row), ==, " (roasted) were…");
}

/* A mention at the very start or end of the text, and a text that is
 * only the mention: no context, no “…” */
static void
test_edges (void)
{
  g_autoptr(CpKwicRow) row = row_for ("Seeds everywhere, and more.", "Seeds", 10);

  g_assert_cmpstr (cp_kwic_row_get_left (row), ==, "");
  g_assert_cmpstr (cp_kwic_row_get_right (row), ==, " everywhere, and more.");

  g_clear_object (&row);
  row = row_for ("It ends with seeds", "seeds", 10);
  g_assert_cmpstr (cp_kwic_row_get_left (row), ==, "It ends with ");
  g_assert_cmpstr (cp_kwic_row_get_right (row), ==, "");

  g_clear_object (&row);
  row = row_for ("seeds", "seeds", 10);
  g_assert_cmpstr (cp_kwic_row_get_left (row), ==, "");
  g_assert_cmpstr (cp_kwic_row_get_keyword (row), ==, "seeds");
  g_assert_cmpstr (cp_kwic_row_get_right (row), ==, "");

  /* White space at the ends of the text is not context */
  g_clear_object (&row);
  row = row_for ("  \n seeds \n\n", "seeds", 10);
  g_assert_cmpstr (cp_kwic_row_get_left (row), ==, "");
  g_assert_cmpstr (cp_kwic_row_get_right (row), ==, "");
}

/* Line ends and runs of white space are one space in the context; the
 * keyword is the text as it is */
static void
test_newlines (void)
{
  g_autoptr(CpKwicRow) row = row_for ("First paragraph ends.\n\nThe  sunflower\nseeds\t were\n\n\nfresh", "sunflower\nseeds", 10);

  g_assert_cmpstr (cp_kwic_row_get_left (row), ==, "First paragraph ends. The ");
  g_assert_cmpstr (cp_kwic_row_get_keyword (row), ==, "sunflower\nseeds");
  g_assert_cmpstr (cp_kwic_row_get_right (row), ==, " were fresh");
}

/* As text, a mention is one line even when its keyword spans two */
static void
test_text_newline (void)
{
  const char *text = "The  sunflower\nseeds\t were\n\n\nfresh";
  g_autoptr(CpDocument) document = cp_document_new_from_text ("review", text, -1);
  g_autoptr(CpKwic) kwic = cp_kwic_new ("seeds", 10);
  CpKwicSpan span = { 5, 20, 0 };
  g_autofree char *copy = NULL;

  cp_kwic_add_column (kwic, document, "Review", &span, 1);
  copy = cp_kwic_to_text (kwic, NULL);
  g_assert_cmpstr (copy, ==, "Review: 1 mention\nThe sunflower seeds were fresh\n");
}

/* Accented words are words; a CJK character is a quarter of one, so
 * that two words of context are eight characters of Japanese */
static void
test_non_ascii (void)
{
  g_autoptr(CpKwicRow) row = row_for ("Über die Straße ging ein Bär mit Café und Kuchen", "Bär", 2);

  g_assert_cmpstr (cp_kwic_row_get_left (row), ==, "…ging ein ");
  g_assert_cmpstr (cp_kwic_row_get_right (row), ==, " mit Café…");
  g_assert_cmpuint (cp_kwic_row_get_char_start (row), ==, 25);
  g_assert_cmpuint (cp_kwic_row_get_start (row), ==, 27);

  g_clear_object (&row);
  row = row_for ("長い映画の中で地震の場面が一番印象に残った作品です", "地震", 1);
  g_assert_cmpstr (cp_kwic_row_get_left (row), ==, "…画の中で");
  g_assert_cmpstr (cp_kwic_row_get_right (row), ==, "の場面が…");
  g_assert_cmpuint (cp_kwic_row_get_char_start (row), ==, 7);

  /* A Latin word inside CJK text is one word */
  g_clear_object (&row);
  row = row_for ("我在Twitter上看到", "看到", 1);
  g_assert_cmpstr (cp_kwic_row_get_left (row), ==, "…Twitter上");
  g_assert_cmpstr (cp_kwic_row_get_right (row), ==, "");
}

/* Topics 0 "seeds" (seeds, sunflower seeds), 1 "salt" */
static CpComparison *
make_comparison (void)
{
  static const char * const seed_terms[] = { "seeds", NULL };
  static const char * const salt_terms[] = { "salt", NULL };
  g_autoptr(CpTopicSet) topics = cp_topic_set_new ();
  g_autoptr(CpTopic) seeds = cp_test_make_topic ("seeds", "Sunflower seeds", NULL, seed_terms);
  g_autoptr(CpTopic) salt = cp_test_make_topic ("salt", "Salt", NULL, salt_terms);
  g_autoptr(CpDocument) first = cp_document_new_from_text ("first.txt",
                                                           "=A review\n\nSeeds and salt. More salt than seeds, =oddly.\nSeeds", -1);
  g_autoptr(CpDocument) second = cp_document_new_from_text ("second.txt", "Another review, with no mention at all.", -1);
  g_autoptr(CpDocument) third = cp_document_new_from_text ("third.txt", "Third, \"quoted\" review: the seeds, roasted.", -1);
  CpComparison *comparison;

  cp_topic_set_append (topics, seeds);
  cp_topic_set_append (topics, salt);
  comparison = cp_comparison_new (topics);
  cp_comparison_append_document (comparison, first);
  cp_comparison_append_document (comparison, second);
  cp_comparison_append_document (comparison, third);

  return comparison;
}

/* The rows of a topic are its mentions in each review, in text order,
 * with their indices in the review's mentions */
static void
test_topic (void)
{
  g_autoptr(CpComparison) comparison = make_comparison ();
  g_autoptr(CpKwic) kwic = cp_kwic_new_for_topic (comparison, 0, 0);
  guint n_documents = cp_comparison_get_n_documents (comparison);

  g_assert_cmpstr (cp_kwic_get_keyword (kwic), ==, "Sunflower seeds");
  g_assert_cmpuint (cp_kwic_get_n_columns (kwic), ==, n_documents);
  g_assert_cmpuint (cp_kwic_get_n_rows (kwic), ==, 4);

  for (guint d = 0; d < n_documents; d++)
    {
      CpDocument *document = cp_comparison_get_document (comparison, d);
      GListModel *rows = cp_kwic_get_column_rows (kwic, d);
      g_autofree char *title = cp_comparison_dup_display_title (comparison, d);
      const CpMention *all;
      guint n_mentions, r = 0;

      g_assert_cmpstr (cp_kwic_get_column_title (kwic, d), ==, title);
      g_assert_true (cp_kwic_get_column_document (kwic, d) == document);
      all = cp_test_get_mentions (comparison, d, &n_mentions);
      for (guint i = 0; i < n_mentions; i++)
        {
          g_autoptr(CpKwicRow) row = NULL;
          g_autofree char *text = NULL;

          if (all[i].topic != 0)
            continue;
          row = g_list_model_get_item (rows, r++);
          g_assert_nonnull (row);
          text = g_strndup (cp_document_get_text (document) + all[i].start, all[i].end - all[i].start);
          g_assert_cmpstr (cp_kwic_row_get_keyword (row), ==, text);
          g_assert_cmpuint (cp_kwic_row_get_index (row), ==, i);
          g_assert_cmpuint (cp_kwic_row_get_start (row), ==, all[i].start);
          g_assert_true (cp_kwic_row_get_document (row) == document);
          g_assert_cmpuint (cp_kwic_row_get_column (row), ==, d);
        }
      g_assert_cmpuint (g_list_model_get_n_items (rows), ==, r);
    }
  g_assert_cmpuint (g_list_model_get_n_items (cp_kwic_get_column_rows (kwic, 0)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (cp_kwic_get_column_rows (kwic, 1)), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&kwic));
}

static void
test_matcher (void)
{
  g_autoptr(CpComparison) comparison = make_comparison ();
  g_autoptr(CpMatcher) matcher = cp_matcher_new ();
  g_autoptr(CpKwic) kwic = NULL;
  g_autoptr(CpKwicRow) row = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cp_matcher_add_term (matcher, 0, 0, "review", &error));
  g_assert_true (cp_matcher_compile (matcher, &error));
  g_assert_no_error (error);
  kwic = cp_kwic_new_for_matcher (comparison, matcher, "review", 3);
  g_assert_cmpstr (cp_kwic_get_keyword (kwic), ==, "review");
  g_assert_cmpuint (cp_kwic_get_n_columns (kwic), ==, 3);
  for (guint d = 0; d < 3; d++)
    g_assert_cmpuint (g_list_model_get_n_items (cp_kwic_get_column_rows (kwic, d)), ==, 1);
  row = g_list_model_get_item (cp_kwic_get_column_rows (kwic, 2), 0);
  g_assert_cmpstr (cp_kwic_row_get_left (row), ==, "Third, \"quoted\" ");
  g_assert_cmpstr (cp_kwic_row_get_keyword (row), ==, "review");
  g_assert_cmpstr (cp_kwic_row_get_right (row), ==, ": the seeds,…");
  g_assert_cmpuint (cp_kwic_row_get_index (row), ==, 0);
}

static void
test_text (void)
{
  g_autoptr(CpComparison) comparison = make_comparison ();
  g_autoptr(CpKwic) kwic = cp_kwic_new_for_topic (comparison, 0, 2);
  g_autofree char *text = NULL;
  gsize length;

  text = cp_kwic_to_text (kwic, &length);
  g_assert_cmpuint (length, ==, strlen (text));
  g_assert_cmpstr (text, ==,
                   "=A review: 3 mentions\n"
                   "      =A review Seeds and salt.…\n"
                   "     …salt than seeds, =oddly.…\n"
                   "…seeds, =oddly. Seeds\n"
                   "\n"
                   "Another review, with no mention at all.: 0 mentions\n"
                   "\n"
                   "Third, \"quoted\" review: the seeds, roasted.: 1 mention\n"
                   "…review: the seeds, roasted.\n");
}

/* One CSV record: the fields, unquoted; *p moves past its line end */
static GPtrArray *
parse_csv_record (const char **p)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *s = *p;

  for (;;)
    {
      if (*s == '"')
        {
          for (s++; !(s[0] == '"' && s[1] != '"'); s++)
            {
              g_assert_cmpint (*s, !=, '\0');
              if (s[0] == '"')
                s++;
              g_string_append_c (field, *s);
            }
          s++;
        }
      else
        while (*s != ',' && *s != '\r')
          g_string_append_c (field, *s++);
      g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
      if (*s == ',')
        {
          field = g_string_new (NULL);
          s++;
          continue;
        }
      g_assert_cmpint (s[0], ==, '\r');
      g_assert_cmpint (s[1], ==, '\n');
      *p = s + 2;
      return fields;
    }
}

static void
test_csv (void)
{
  g_autoptr(CpComparison) comparison = make_comparison ();
  g_autoptr(CpKwic) kwic = cp_kwic_new_for_topic (comparison, 0, 2);
  g_autofree char *csv = NULL;
  const char *p;
  gsize length;
  static const char *expected[][6] = {
    { "review", "number", "offset", "left", "keyword", "right" },
    { "'=A review", "1", "11", "'=A review ", "Seeds", " and salt.…" },
    { "'=A review", "2", "42", "…salt than ", "seeds", ", =oddly.…" },
    { "'=A review", "3", "57", "…seeds, =oddly. ", "Seeds", "" },
    { "Third, \"quoted\" review: the seeds, roasted.", "1", "28", "…review: the ", "seeds", ", roasted." },
  };

  csv = cp_kwic_to_csv (kwic, &length);
  g_assert_cmpuint (length, ==, strlen (csv));
  p = csv;
  for (guint r = 0; r < G_N_ELEMENTS (expected); r++)
    {
      g_autoptr(GPtrArray) fields = parse_csv_record (&p);

      g_assert_cmpuint (fields->len, ==, 6);
      for (guint f = 0; f < 6; f++)
        g_assert_cmpstr (fields->pdata[f], ==, expected[r][f]);
    }
  g_assert_cmpstr (p, ==, "");
  /* Quotes and commas are quoted; a leading = is text */
  g_assert_nonnull (strstr (csv, "'=A review,2,42,…salt than ,seeds,\", =oddly.…\"\r\n"));
  g_assert_nonnull (strstr (csv, "\r\n\"Third, \"\"quoted\"\" review: the seeds, roasted.\",1,28,"));
}

typedef struct
{
  GString *cells;
  guint    n_tables;
  guint    n_rows;
  guint    n_headings;
  gboolean in_cell;
} HtmlScan;

static void
html_start_cb (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  HtmlScan *scan = user_data;

  if (g_str_equal (element, "table"))
    scan->n_tables++;
  else if (g_str_equal (element, "tr"))
    scan->n_rows++;
  else if (g_str_equal (element, "h2"))
    scan->n_headings++;
  else if (g_str_equal (element, "td"))
    scan->in_cell = TRUE;
}

static void
html_end_cb (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  HtmlScan *scan = user_data;

  if (g_str_equal (element, "td"))
    {
      scan->in_cell = FALSE;
      g_string_append_c (scan->cells, '|');
    }
  else if (g_str_equal (element, "tr"))
    g_string_append_c (scan->cells, '\n');
}

static void
html_text_cb (GMarkupParseContext  *context,
              const char           *text,
              gsize                 length,
              gpointer              user_data,
              GError              **error)
{
  HtmlScan *scan = user_data;

  if (scan->in_cell)
    g_string_append_len (scan->cells, text, length);
}

static void
test_html (void)
{
  static const GMarkupParser parser = { html_start_cb, html_end_cb, html_text_cb, NULL, NULL };
  g_autoptr(CpComparison) comparison = make_comparison ();
  g_autoptr(CpKwic) kwic = cp_kwic_new_for_topic (comparison, 0, 2);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  HtmlScan scan = { g_string_new (NULL), 0, 0, 0, FALSE };
  gsize length;

  html = cp_kwic_to_html (kwic, &length);
  g_assert_cmpuint (length, ==, strlen (html));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\" />"));
  g_assert_nonnull (strstr (html, "<title>Mentions of “Sunflower seeds”</title>"));
  g_assert_nonnull (strstr (html, "<h2>Third, &quot;quoted&quot; review: the seeds, roasted.: 1 mention</h2>"));
  g_assert_nonnull (strstr (html, "<style>"));
  g_assert_null (strstr (html, "<link"));
  g_assert_null (strstr (html, "lang="));

  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &scan, NULL);
  g_markup_parse_context_parse (context, html, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);

  /* One table per review with mentions, a heading for every review */
  g_assert_cmpuint (scan.n_tables, ==, 2);
  g_assert_cmpuint (scan.n_headings, ==, 3);
  g_assert_cmpuint (scan.n_rows, ==, 4);
  g_assert_cmpstr (scan.cells->str, ==,
                   "=A review |Seeds| and salt.…|\n"
                   "…salt than |seeds|, =oddly.…|\n"
                   "…seeds, =oddly. |Seeds||\n"
                   "…review: the |seeds|, roasted.|\n");
  g_string_free (scan.cells, TRUE);
}

/* The same rows rebuilt after a re-tagging: a topic with no mentions
 * left has empty columns */
static void
test_empty (void)
{
  g_autoptr(CpComparison) comparison = make_comparison ();
  g_autoptr(CpKwic) kwic = NULL;
  g_autofree char *text = NULL;
  CpTopic *seeds = cp_topic_set_get_topic (cp_comparison_get_topics (comparison), 0);

  cp_topic_set_terms (seeds, (const char * const[]) { "nowhere", NULL });
  kwic = cp_kwic_new_for_topic (comparison, 0, 0);
  g_assert_cmpuint (cp_kwic_get_n_columns (kwic), ==, 3);
  g_assert_cmpuint (cp_kwic_get_n_rows (kwic), ==, 0);
  text = cp_kwic_to_text (kwic, NULL);
  g_assert_cmpstr (text, ==, "=A review: 0 mentions\n\n"
                   "Another review, with no mention at all.: 0 mentions\n\n"
                   "Third, \"quoted\" review: the seeds, roasted.: 0 mentions\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/kwic/context", test_context);
  g_test_add_func ("/core/kwic/edges", test_edges);
  g_test_add_func ("/core/kwic/newlines", test_newlines);
  g_test_add_func ("/core/kwic/non-ascii", test_non_ascii);
  g_test_add_func ("/core/kwic/topic", test_topic);
  g_test_add_func ("/core/kwic/matcher", test_matcher);
  g_test_add_func ("/core/kwic/text", test_text);
  g_test_add_func ("/core/kwic/text-newline", test_text_newline);
  g_test_add_func ("/core/kwic/csv", test_csv);
  g_test_add_func ("/core/kwic/html", test_html);
  g_test_add_func ("/core/kwic/empty", test_empty);

  return g_test_run ();
}
