/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpKwic: the mentions of one topic (or of a search) in each review, in
 * text order, each with about ten words of context on either side:
 * a keyword-in-context concordance, as the Mentions view shows it and
 * copies or exports it.
 *
 * Words, for the length of the context: runs of characters that are
 * neither white space nor letters of a script written without spaces
 * (cp_unichar_is_unspaced ()); each of those counts as a quarter of a
 * word, as on the comparison sheet, so that a Japanese context is about
 * as long on the page as an English one. The context stops at a word
 * boundary, with “…” where it cuts the text; white space runs in it,
 * line ends included, are one space. The keyword is the mention's own
 * text, unchanged.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cp-escape.h"
#include "cp-kwic.h"
#include "cp-unichar.h"

#define QUARTERS_PER_WORD 4
#define ELLIPSIS "…"

struct _CpKwicRow
{
  GObject     parent_instance;

  CpDocument *document;
  char       *left;
  char       *keyword;
  char       *right;
  guint       column;
  guint       index;
  guint       start;
  guint       end;
  guint       char_start;
};

G_DEFINE_FINAL_TYPE (CpKwicRow, cp_kwic_row, G_TYPE_OBJECT)

typedef struct
{
  CpDocument *document;
  char       *title;
  GListStore *rows;
} Column;

struct _CpKwic
{
  GObject    parent_instance;

  char      *keyword;
  guint      context_words;
  GPtrArray *columns;
};

G_DEFINE_FINAL_TYPE (CpKwic, cp_kwic, G_TYPE_OBJECT)

/* {{{ Rows */

static void
cp_kwic_row_finalize (GObject *object)
{
  CpKwicRow *self = CP_KWIC_ROW (object);

  g_clear_object (&self->document);
  g_free (self->left);
  g_free (self->keyword);
  g_free (self->right);

  G_OBJECT_CLASS (cp_kwic_row_parent_class)->finalize (object);
}

static void
cp_kwic_row_class_init (CpKwicRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cp_kwic_row_finalize;
}

static void
cp_kwic_row_init (CpKwicRow *self)
{
}

/**
 * cp_kwic_row_get_left:
 * @self: a #CpKwicRow
 *
 * Returns: the context before the keyword, “…” first where it cuts the
 *   text, with the space before the keyword if there is one
 */
const char *
cp_kwic_row_get_left (CpKwicRow *self)
{
  g_return_val_if_fail (CP_IS_KWIC_ROW (self), NULL);

  return self->left;
}

/**
 * cp_kwic_row_get_keyword:
 * @self: a #CpKwicRow
 *
 * Returns: the mention, as the review writes it
 */
const char *
cp_kwic_row_get_keyword (CpKwicRow *self)
{
  g_return_val_if_fail (CP_IS_KWIC_ROW (self), NULL);

  return self->keyword;
}

/**
 * cp_kwic_row_get_right:
 * @self: a #CpKwicRow
 *
 * Returns: the context after the keyword, “…” last where it cuts the
 *   text
 */
const char *
cp_kwic_row_get_right (CpKwicRow *self)
{
  g_return_val_if_fail (CP_IS_KWIC_ROW (self), NULL);

  return self->right;
}

/**
 * cp_kwic_row_get_document:
 * @self: a #CpKwicRow
 *
 * Returns: (transfer none): the review the mention is in
 */
CpDocument *
cp_kwic_row_get_document (CpKwicRow *self)
{
  g_return_val_if_fail (CP_IS_KWIC_ROW (self), NULL);

  return self->document;
}

/**
 * cp_kwic_row_get_column:
 * @self: a #CpKwicRow
 *
 * Returns: the column of the row's review (its position in the comparison
 *   for cp_kwic_new_for_topic ())
 */
guint
cp_kwic_row_get_column (CpKwicRow *self)
{
  g_return_val_if_fail (CP_IS_KWIC_ROW (self), 0);

  return self->column;
}

/**
 * cp_kwic_row_get_index:
 * @self: a #CpKwicRow
 *
 * Returns: the #CpKwicSpan's index: for cp_kwic_new_for_topic (), the
 *   index of the mention in the review's #CpMentions
 */
guint
cp_kwic_row_get_index (CpKwicRow *self)
{
  g_return_val_if_fail (CP_IS_KWIC_ROW (self), 0);

  return self->index;
}

/**
 * cp_kwic_row_get_start:
 * @self: a #CpKwicRow
 *
 * Returns: the byte offset of the mention in the review's text
 */
guint
cp_kwic_row_get_start (CpKwicRow *self)
{
  g_return_val_if_fail (CP_IS_KWIC_ROW (self), 0);

  return self->start;
}

/**
 * cp_kwic_row_get_end:
 * @self: a #CpKwicRow
 *
 * Returns: the byte offset just past the mention
 */
guint
cp_kwic_row_get_end (CpKwicRow *self)
{
  g_return_val_if_fail (CP_IS_KWIC_ROW (self), 0);

  return self->end;
}

/**
 * cp_kwic_row_get_char_start:
 * @self: a #CpKwicRow
 *
 * Returns: the character offset of the mention in the review's text
 */
guint
cp_kwic_row_get_char_start (CpKwicRow *self)
{
  g_return_val_if_fail (CP_IS_KWIC_ROW (self), 0);

  return self->char_start;
}

/* }}} */
/* {{{ Context */

static gboolean
is_space_at (const char *p)
{
  return g_unichar_isspace (g_utf8_get_char (p));
}

static gboolean
is_unspaced_at (const char *p)
{
  return cp_unichar_is_unspaced (g_utf8_get_char (p));
}

/* Where the context before @start begins: after about @words words,
 * at the start of a word (or of the white space before it). */
static gsize
context_start (const char *text,
               gsize       start,
               guint       words,
               gboolean   *cut)
{
  guint budget = words * QUARTERS_PER_WORD;
  guint used = 0;
  const char *p = text + start;

  while (p > text)
    {
      const char *prev = g_utf8_prev_char (p);

      if (is_space_at (prev))
        {
          p = prev;
          continue;
        }
      if (used >= budget)
        break;
      if (is_unspaced_at (prev))
        {
          used += 1;
          p = prev;
          continue;
        }
      while (p > text)
        {
          prev = g_utf8_prev_char (p);
          if (is_space_at (prev) || is_unspaced_at (prev))
            break;
          p = prev;
        }
      used += QUARTERS_PER_WORD;
    }

  *cut = p > text;
  return p - text;
}

/* Where the context after @end ends: after about @words words. */
static gsize
context_end (const char *text,
             gsize       length,
             gsize       end,
             guint       words,
             gboolean   *cut)
{
  guint budget = words * QUARTERS_PER_WORD;
  guint used = 0;
  const char *p = text + end;
  const char *limit = text + length;

  while (p < limit)
    {
      if (is_space_at (p))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      if (used >= budget)
        break;
      if (is_unspaced_at (p))
        {
          used += 1;
          p = g_utf8_next_char (p);
          continue;
        }
      while (p < limit && !is_space_at (p) && !is_unspaced_at (p))
        p = g_utf8_next_char (p);
      used += QUARTERS_PER_WORD;
    }

  *cut = p < limit;
  return p - text;
}

/* Appends @text[@start, @end) with every white space run as one space;
 * @in_space carries the state across calls. */
static void
append_collapsed (GString    *out,
                  const char *text,
                  gsize       start,
                  gsize       end,
                  gboolean   *in_space)
{
  const char *p = text + start;
  const char *limit = text + end;

  while (p < limit)
    {
      const char *next = g_utf8_next_char (p);

      if (is_space_at (p))
        {
          if (!*in_space)
            g_string_append_c (out, ' ');
          *in_space = TRUE;
        }
      else
        {
          g_string_append_len (out, p, next - p);
          *in_space = FALSE;
        }
      p = next;
    }
}

static CpKwicRow *
row_new (CpDocument       *document,
         guint             column,
         const CpKwicSpan *span,
         guint             words)
{
  CpKwicRow *row = g_object_new (CP_TYPE_KWIC_ROW, NULL);
  const char *text = cp_document_get_text (document);
  gsize length = cp_document_get_length (document);
  GString *left = g_string_new (NULL);
  GString *right = g_string_new (NULL);
  gboolean cut, in_space;
  gsize from, to;

  row->document = g_object_ref (document);
  row->column = column;
  row->index = span->index;
  row->start = span->start;
  row->end = span->end;
  row->char_start = cp_document_get_char_offset (document, span->start);
  row->keyword = g_strndup (text + span->start, span->end - span->start);

  from = context_start (text, span->start, words, &cut);
  if (cut)
    g_string_append (left, ELLIPSIS);
  in_space = TRUE;
  append_collapsed (left, text, from, span->start, &in_space);
  row->left = g_string_free (left, FALSE);

  to = context_end (text, length, span->end, words, &cut);
  in_space = FALSE;
  append_collapsed (right, text, span->end, to, &in_space);
  if (right->len > 0 && right->str[right->len - 1] == ' ')
    g_string_truncate (right, right->len - 1);
  if (cut)
    g_string_append (right, ELLIPSIS);
  row->right = g_string_free (right, FALSE);

  return row;
}

/* }}} */
/* {{{ Concordance */

static void
column_free (gpointer data)
{
  Column *column = data;

  g_clear_object (&column->document);
  g_clear_object (&column->rows);
  g_free (column->title);
  g_free (column);
}

static void
cp_kwic_finalize (GObject *object)
{
  CpKwic *self = CP_KWIC (object);

  g_free (self->keyword);
  g_clear_pointer (&self->columns, g_ptr_array_unref);

  G_OBJECT_CLASS (cp_kwic_parent_class)->finalize (object);
}

static void
cp_kwic_class_init (CpKwicClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cp_kwic_finalize;
}

static void
cp_kwic_init (CpKwic *self)
{
  self->columns = g_ptr_array_new_with_free_func (column_free);
}

/**
 * cp_kwic_new:
 * @keyword: what the mentions are of, for titles (a topic's label, a
 *   search term)
 * @context_words: about how many words of context on each side; 0 for
 *   the default (%CP_KWIC_DEFAULT_CONTEXT_WORDS)
 *
 * Makes an empty concordance: add a column for each review with
 * cp_kwic_add_column ().
 *
 * Returns: (transfer full): a new #CpKwic
 */
CpKwic *
cp_kwic_new (const char *keyword,
             guint       context_words)
{
  CpKwic *self;

  g_return_val_if_fail (keyword != NULL, NULL);

  self = g_object_new (CP_TYPE_KWIC, NULL);
  self->keyword = g_strdup (keyword);
  self->context_words = context_words > 0 ? context_words : CP_KWIC_DEFAULT_CONTEXT_WORDS;

  return self;
}

/**
 * cp_kwic_add_column:
 * @self: a #CpKwic
 * @document: a review
 * @title: what the column is headed with
 * @spans: (array length=n_spans): the mentions in @document, in text order
 * @n_spans: the number of @spans
 *
 * Adds a column for @document with a row for each of @spans.
 */
void
cp_kwic_add_column (CpKwic           *self,
                    CpDocument       *document,
                    const char       *title,
                    const CpKwicSpan *spans,
                    guint             n_spans)
{
  Column *column;
  gsize length;

  g_return_if_fail (CP_IS_KWIC (self));
  g_return_if_fail (CP_IS_DOCUMENT (document));
  g_return_if_fail (title != NULL);
  g_return_if_fail (spans != NULL || n_spans == 0);

  length = cp_document_get_length (document);
  for (guint i = 0; i < n_spans; i++)
    g_return_if_fail (spans[i].start <= spans[i].end && spans[i].end <= length);

  column = g_new0 (Column, 1);
  column->document = g_object_ref (document);
  column->title = g_strdup (title);
  column->rows = g_list_store_new (CP_TYPE_KWIC_ROW);
  for (guint i = 0; i < n_spans; i++)
    {
      g_autoptr(CpKwicRow) row = row_new (document, self->columns->len, &spans[i], self->context_words);
      g_list_store_append (column->rows, row);
    }
  g_ptr_array_add (self->columns, column);
}

/**
 * cp_kwic_new_for_topic:
 * @comparison: a #CpComparison
 * @topic: the position of a topic in its topic set
 * @context_words: about how many words of context on each side; 0 for
 *   the default
 *
 * Makes the concordance of a topic: a column for each review, in the
 * comparison's order, headed by its display title, with a row for each
 * of its mentions of @topic in text order (a row's index is the
 * mention's index in the review's #CpMentions).
 *
 * Returns: (transfer full): a new #CpKwic
 */
CpKwic *
cp_kwic_new_for_topic (CpComparison *comparison,
                       guint         topic,
                       guint         context_words)
{
  CpTopicSet *topics;
  CpKwic *self;
  guint n;

  g_return_val_if_fail (CP_IS_COMPARISON (comparison), NULL);

  topics = cp_comparison_get_topics (comparison);
  g_return_val_if_fail (topic < cp_topic_set_get_n_topics (topics), NULL);

  self = cp_kwic_new (cp_topic_get_display_label (cp_topic_set_get_topic (topics, topic)), context_words);
  n = cp_comparison_get_n_documents (comparison);
  for (guint d = 0; d < n; d++)
    {
      CpDocument *document = cp_comparison_get_document (comparison, d);
      CpMentions *mentions = cp_comparison_get_mentions_for_document (comparison, document);
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CpKwicSpan));
      g_autofree char *title = cp_comparison_dup_display_title (comparison, d);
      guint n_mentions = mentions != NULL ? cp_mentions_get_n_mentions (mentions) : 0;

      for (guint i = 0; i < n_mentions; i++)
        {
          const CpMention *m = cp_mentions_get_mention (mentions, i);

          if (m->topic == topic)
            g_array_append_val (spans, ((CpKwicSpan) { m->start, m->end, i }));
        }
      cp_kwic_add_column (self, document, title, (CpKwicSpan *) spans->data, spans->len);
    }

  return self;
}

/**
 * cp_kwic_new_for_matcher:
 * @comparison: a #CpComparison
 * @matcher: a compiled #CpMatcher (a search, a suggested theme's terms)
 * @keyword: what @matcher looks for, for titles
 * @context_words: about how many words of context on each side; 0 for
 *   the default
 *
 * Makes the concordance of what @matcher finds in each review, as
 * cp_kwic_new_for_topic () does for a topic; a row's index is the
 * match's index in the scan of its review.
 *
 * Returns: (transfer full): a new #CpKwic
 */
CpKwic *
cp_kwic_new_for_matcher (CpComparison *comparison,
                         CpMatcher    *matcher,
                         const char   *keyword,
                         guint         context_words)
{
  CpKwic *self;
  guint n;

  g_return_val_if_fail (CP_IS_COMPARISON (comparison), NULL);
  g_return_val_if_fail (CP_IS_MATCHER (matcher), NULL);

  self = cp_kwic_new (keyword, context_words);
  n = cp_comparison_get_n_documents (comparison);
  for (guint d = 0; d < n; d++)
    {
      CpDocument *document = cp_comparison_get_document (comparison, d);
      g_autoptr(GArray) matches = cp_matcher_scan (matcher,
                                                   cp_document_get_text (document),
                                                   cp_document_get_length (document));
      g_autoptr(GArray) spans = g_array_sized_new (FALSE, FALSE, sizeof (CpKwicSpan), matches->len);
      g_autofree char *title = cp_comparison_dup_display_title (comparison, d);

      for (guint i = 0; i < matches->len; i++)
        {
          const CpMention *m = &g_array_index (matches, CpMention, i);

          g_array_append_val (spans, ((CpKwicSpan) { m->start, m->end, i }));
        }
      cp_kwic_add_column (self, document, title, (CpKwicSpan *) spans->data, spans->len);
    }

  return self;
}

/**
 * cp_kwic_get_keyword:
 * @self: a #CpKwic
 *
 * Returns: what the mentions are of
 */
const char *
cp_kwic_get_keyword (CpKwic *self)
{
  g_return_val_if_fail (CP_IS_KWIC (self), NULL);

  return self->keyword;
}

/**
 * cp_kwic_get_n_columns:
 * @self: a #CpKwic
 *
 * Returns: the number of columns, one per review
 */
guint
cp_kwic_get_n_columns (CpKwic *self)
{
  g_return_val_if_fail (CP_IS_KWIC (self), 0);

  return self->columns->len;
}

static Column *
get_column (CpKwic *self,
            guint   column)
{
  g_return_val_if_fail (CP_IS_KWIC (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  return g_ptr_array_index (self->columns, column);
}

/**
 * cp_kwic_get_column_title:
 * @self: a #CpKwic
 * @column: a column
 *
 * Returns: the title of the column's review
 */
const char *
cp_kwic_get_column_title (CpKwic *self,
                          guint   column)
{
  Column *c = get_column (self, column);

  return c != NULL ? c->title : NULL;
}

/**
 * cp_kwic_get_column_document:
 * @self: a #CpKwic
 * @column: a column
 *
 * Returns: (transfer none): the column's review
 */
CpDocument *
cp_kwic_get_column_document (CpKwic *self,
                             guint   column)
{
  Column *c = get_column (self, column);

  return c != NULL ? c->document : NULL;
}

/**
 * cp_kwic_get_column_rows:
 * @self: a #CpKwic
 * @column: a column
 *
 * Returns: (transfer none): the column's rows, #CpKwicRow in text order
 */
GListModel *
cp_kwic_get_column_rows (CpKwic *self,
                         guint   column)
{
  Column *c = get_column (self, column);

  return c != NULL ? G_LIST_MODEL (c->rows) : NULL;
}

/**
 * cp_kwic_get_n_rows:
 * @self: a #CpKwic
 *
 * Returns: the number of rows in all the columns
 */
guint
cp_kwic_get_n_rows (CpKwic *self)
{
  guint n = 0;

  g_return_val_if_fail (CP_IS_KWIC (self), 0);

  for (guint c = 0; c < self->columns->len; c++)
    n += g_list_model_get_n_items (cp_kwic_get_column_rows (self, c));

  return n;
}

static char *
finish (GString *out,
        gsize   *length)
{
  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

static char *
dup_column_heading (CpKwic *self,
                    guint   column)
{
  guint n = g_list_model_get_n_items (cp_kwic_get_column_rows (self, column));

  /* Translators: a review's title and how many mentions it has */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u mention", "%s: %u mentions", n),
                          cp_kwic_get_column_title (self, column), n);
}

/**
 * cp_kwic_to_text:
 * @self: a #CpKwic
 * @length: (out) (optional): return location for the length in bytes
 *
 * Writes the concordance as plain text: for each review a heading line
 * with its title and number of mentions, then a line per mention, its
 * left context padded with spaces so that the keywords of a review start
 * in one column (in a fixed-width font), and a blank line after each
 * review but the last. A line end in a keyword is a space there.
 *
 * Returns: (transfer full): the text, UTF-8, LF line ends
 */
char *
cp_kwic_to_text (CpKwic *self,
                 gsize  *length)
{
  GString *out;

  g_return_val_if_fail (CP_IS_KWIC (self), NULL);

  out = g_string_new (NULL);
  for (guint c = 0; c < self->columns->len; c++)
    {
      GListModel *rows = cp_kwic_get_column_rows (self, c);
      guint n = g_list_model_get_n_items (rows);
      g_autofree char *heading = dup_column_heading (self, c);
      glong width = 0;

      if (c > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, heading);
      g_string_append_c (out, '\n');

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CpKwicRow) row = g_list_model_get_item (rows, i);

          width = MAX (width, g_utf8_strlen (row->left, -1));
        }
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CpKwicRow) row = g_list_model_get_item (rows, i);
          gboolean in_space = FALSE;

          for (glong pad = g_utf8_strlen (row->left, -1); pad < width; pad++)
            g_string_append_c (out, ' ');
          g_string_append (out, row->left);
          append_collapsed (out, row->keyword, 0, strlen (row->keyword), &in_space);
          g_string_append (out, row->right);
          g_string_append_c (out, '\n');
        }
    }

  return finish (out, length);
}

/**
 * cp_kwic_to_csv:
 * @self: a #CpKwic
 * @length: (out) (optional): return location for the length in bytes
 *
 * Writes the concordance as CSV (RFC 4180, CRLF line ends): a header
 * `review,number,offset,left,keyword,right`, then a line per mention,
 * review by review, with the review's title, the mention's number in its
 * review (from 1), its character offset in the review's text, and its
 * contexts and text. Fields a spreadsheet would take for formulas are
 * made text.
 *
 * Returns: (transfer full): the CSV text, UTF-8
 */
char *
cp_kwic_to_csv (CpKwic *self,
                gsize  *length)
{
  GString *out;

  g_return_val_if_fail (CP_IS_KWIC (self), NULL);

  out = g_string_new ("review,number,offset,left,keyword,right\r\n");
  for (guint c = 0; c < self->columns->len; c++)
    {
      GListModel *rows = cp_kwic_get_column_rows (self, c);
      guint n = g_list_model_get_n_items (rows);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CpKwicRow) row = g_list_model_get_item (rows, i);

          cp_escape_append_csv_field (out, cp_kwic_get_column_title (self, c));
          g_string_append_printf (out, ",%u,%u,", i + 1, row->char_start);
          cp_escape_append_csv_field (out, row->left);
          g_string_append_c (out, ',');
          cp_escape_append_csv_field (out, row->keyword);
          g_string_append_c (out, ',');
          cp_escape_append_csv_field (out, row->right);
          g_string_append (out, "\r\n");
        }
    }

  return finish (out, length);
}

static const char html_style[] =
  "body { font-family: sans-serif; margin: 2em; color: #1e1e1e; background: #ffffff; }\n"
  "h1 { font-size: 1.5em; }\n"
  "h2 { font-size: 1.15em; margin-top: 2em; }\n"
  "table { border-collapse: collapse; width: 100%; }\n"
  "td { padding: 0.2em 0.3em; vertical-align: baseline; }\n"
  "tr:nth-child(even) { background: #f4f4f4; }\n"
  "td.left { text-align: end; width: 45%; }\n"
  "td.keyword { font-weight: bold; white-space: nowrap; }\n"
  "td.right { text-align: start; width: 45%; }\n"
  "p.empty { color: #666666; }\n"
  "@media (prefers-color-scheme: dark) {\n"
  "  body { color: #eeeeee; background: #242424; }\n"
  "  tr:nth-child(even) { background: #303030; }\n"
  "  p.empty { color: #aaaaaa; }\n"
  "}\n";

static char *
dup_title (CpKwic *self)
{
  /* Translators: the title of the Mentions view and of its exports; %s
   * is a topic or a search term */
  return g_strdup_printf (_("Mentions of “%s”"), self->keyword);
}

/**
 * cp_kwic_to_html:
 * @self: a #CpKwic
 * @length: (out) (optional): return location for the length in bytes
 *
 * Writes the concordance as a web page that needs nothing else (its
 * style is in it): a heading, then for each review a heading with its
 * title and number of mentions and a table with a row per mention (left
 * context, keyword, right context). The page is also well-formed XML,
 * everything in it escaped.
 *
 * Returns: (transfer full): the page, UTF-8
 */
char *
cp_kwic_to_html (CpKwic *self,
                 gsize  *length)
{
  g_autofree char *title = NULL;
  GString *out;

  g_return_val_if_fail (CP_IS_KWIC (self), NULL);

  title = dup_title (self);
  out = g_string_new ("<!DOCTYPE html>\n"
                      "<html>\n"
                      "<head>\n"
                      "<meta charset=\"utf-8\" />\n"
                      "<meta name=\"generator\" content=\"Counterpoint\" />\n"
                      "<title>");
  cp_escape_append_markup (out, title, -1);
  g_string_append (out, "</title>\n<style>\n");
  g_string_append (out, html_style);
  g_string_append (out, "</style>\n</head>\n<body>\n<h1>");
  cp_escape_append_markup (out, title, -1);
  g_string_append (out, "</h1>\n");

  for (guint c = 0; c < self->columns->len; c++)
    {
      GListModel *rows = cp_kwic_get_column_rows (self, c);
      guint n = g_list_model_get_n_items (rows);
      g_autofree char *heading = dup_column_heading (self, c);

      g_string_append (out, "<section>\n<h2>");
      cp_escape_append_markup (out, heading, -1);
      g_string_append (out, "</h2>\n");
      if (n == 0)
        {
          g_string_append (out, "<p class=\"empty\">");
          cp_escape_append_markup (out, _("No mentions in this review."), -1);
          g_string_append (out, "</p>\n</section>\n");
          continue;
        }

      g_string_append (out, "<table>\n");
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CpKwicRow) row = g_list_model_get_item (rows, i);

          g_string_append (out, "<tr><td class=\"left\">");
          cp_escape_append_markup (out, row->left, -1);
          g_string_append (out, "</td><td class=\"keyword\">");
          cp_escape_append_markup (out, row->keyword, -1);
          g_string_append (out, "</td><td class=\"right\">");
          cp_escape_append_markup (out, row->right, -1);
          g_string_append (out, "</td></tr>\n");
        }
      g_string_append (out, "</table>\n</section>\n");
    }
  g_string_append (out, "</body>\n</html>\n");

  return finish (out, length);
}

/* }}} */
