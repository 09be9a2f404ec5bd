/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpSheetContent: what goes on a comparison sheet.
 *
 * A snapshot taken at construction: labels, colors, counts, titles and
 * excerpts are copied, so that editing the topics while a sheet is being
 * printed changes nothing on it. Only the documents are shared (they are
 * immutable).
 *
 * Sentences: a sentence ends at . ! ? … (followed, after any closing
 * quotes or brackets, by white space or the end of the text), at the CJK
 * full stops 。！？ (whatever follows), and at a paragraph break (a blank
 * line). A '.' after a common abbreviation ("Mr", "Dr", "e.g") or a
 * single capital initial ("A") does not end a sentence.
 *
 * Words, for the length of an excerpt: runs of letters, digits and marks,
 * where an apostrophe or hyphen between letters and a '.' or ',' between
 * digits do not split a run, as in CpDocument. CJK text has no spaces:
 * there, four characters count as one word.
 *
 * Excerpts: the sentence of a mention when it has at most 2 × context
 * words, else context words around the mention (half before, half after,
 * what one side cannot use going to the other), cut at word boundaries
 * with “…”. Excerpts that overlap, or that only white space without a
 * paragraph break separates, are merged while the result stays within
 * 4 × context words.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cp-escape.h"
#include "cp-note.h"
#include "cp-sheet-content.h"
#include "cp-unichar.h"

/* Excerpt lengths are reckoned in quarters of a word, so that a CJK
 * character (a quarter of a word) and a word are both whole units.
 */
#define QUARTERS_PER_WORD 4

typedef struct
{
  char    *id;
  char    *label;
  char    *color;
  guint32  rgb;
  /* How many earlier topics have its colour (cp_topic_set_get_color_round ()) */
  guint    color_round;
  /* Position in the comparison's topic set. */
  guint    source;
  guint    spread;
  guint    total;
  /* One per document. */
  guint   *counts;
} SheetTopic;

typedef struct
{
  CpDocument *document;
  char       *title;
  char       *name;
  char       *byline;
  guint       n_words;
  GArray     *marks;
} SheetDocument;

typedef struct
{
  GArray *excerpts;
  guint   n_more;
} Cell;

typedef struct
{
  gsize start;
  gsize end;
} Range;

typedef struct
{
  gsize start;
  gsize end;
  guint weight;
} Unit;

typedef struct
{
  gsize    start;
  gsize    end;
  gboolean cut_start;
  gboolean cut_end;
  /* About how long it is, in quarters of a word. */
  guint    quarters;
} Span;

struct _CpSheetContent
{
  GObject    parent_instance;

  char      *title;
  GDateTime *date;
  gboolean   full_texts;
  guint      excerpts_per_cell;
  guint      context_words;

  /* SheetDocument, in the comparison's order. */
  GPtrArray *documents;
  /* SheetTopic, in row order. */
  GPtrArray *topics;
  guint      max_count;

  /* Row indices. */
  GArray    *bands;
  /* bands->len × documents->len, band-major. */
  Cell      *cells;

  /* CpSheetNote, by review, then in text order. */
  GArray    *notes;
};

G_DEFINE_FINAL_TYPE (CpSheetContent, cp_sheet_content, G_TYPE_OBJECT)

static void
sheet_topic_free (gpointer data)
{
  SheetTopic *topic = data;

  g_free (topic->id);
  g_free (topic->label);
  g_free (topic->color);
  g_free (topic->counts);
  g_free (topic);
}

static void
sheet_document_free (gpointer data)
{
  SheetDocument *document = data;

  g_clear_object (&document->document);
  g_free (document->title);
  g_free (document->name);
  g_free (document->byline);
  g_clear_pointer (&document->marks, g_array_unref);
  g_free (document);
}

static void
excerpt_clear (gpointer data)
{
  CpSheetExcerpt *excerpt = data;

  g_clear_pointer (&excerpt->text, g_free);
  g_clear_pointer (&excerpt->marks, g_free);
  g_clear_pointer (&excerpt->notes, g_free);
}

static void
note_clear (gpointer data)
{
  CpSheetNote *note = data;

  g_clear_pointer (&note->quote, g_free);
  g_clear_pointer (&note->text, g_free);
}

/* Text analysis {{{ */

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_cjk_full_stop (gunichar c)
{
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF61;
}

static gboolean
is_full_stop (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

static gboolean
is_closer (gunichar c)
{
  switch (c)
    {
    case '"':
    case '\'':
    case ')':
    case ']':
    case 0x2019: /* ’ */
    case 0x201D: /* ” */
    case 0x00BB: /* » */
    case 0x203A: /* › */
    case 0x300D: /* 」 */
    case 0x300F: /* 』 */
    case 0xFF09: /* ） */
      return TRUE;

    default:
      return FALSE;
    }
}

static gunichar
char_at (const char *text,
         gsize       length,
         gsize       pos)
{
  if (pos >= length)
    return 0;

  return g_utf8_get_char (text + pos);
}

static gsize
next_pos (const char *text,
          gsize       pos)
{
  return g_utf8_next_char (text + pos) - text;
}

/* Whether the '.' at @dot ends an abbreviation or an initial, rather
 * than a sentence: "Mr." "Dr." "e.g." "U.S." "A.".
 */
static gboolean
ends_abbreviation (const char *text,
                   gsize       start,
                   gsize       dot)
{
  static const char * const abbreviations[] = {
    "mr", "mrs", "ms", "mx", "dr", "prof", "st", "jr", "sr", "vs", "cf",
    "capt", "col", "gen", "gov", "lt", "sen", "sgt", "mt", "rev",
  };
  gsize word_start = dot;
  guint n_letters = 0;
  gboolean has_dot = FALSE;
  gboolean upper = FALSE;
  g_autofree char *word = NULL;
  g_autofree char *folded = NULL;

  while (word_start > start)
    {
      const char *prev = g_utf8_prev_char (text + word_start);
      gunichar c = g_utf8_get_char (prev);

      if (c == '.')
        has_dot = TRUE;
      else if (g_unichar_isalpha (c))
        {
          n_letters++;
          upper = g_unichar_isupper (c);
        }
      else
        break;

      word_start = prev - text;
    }

  if (n_letters == 0)
    return FALSE;

  /* An initial: "A." — or letters and dots: "e.g." "U.S." */
  if (n_letters == 1 && !has_dot)
    return upper;
  if (has_dot)
    {
      /* Every part one letter long. */
      const char *p = text + word_start;
      guint run = 0;

      for (; p < text + dot; p = g_utf8_next_char (p))
        {
          if (*p == '.')
            {
              if (run != 1)
                return FALSE;
              run = 0;
            }
          else
            run++;
        }
      return run == 1;
    }

  word = g_strndup (text + word_start, dot - word_start);
  folded = g_utf8_strdown (word, -1);
  for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    if (strcmp (folded, abbreviations[i]) == 0)
      return TRUE;

  return FALSE;
}

static void
add_range (GArray *ranges,
           gsize   start,
           gsize   end)
{
  Range range = { start, end };

  g_array_append_val (ranges, range);
}

/* Splits @text into sentences: ranges without the white space around
 * them, in order.
 */
static GArray *
find_sentences (const char *text,
                gsize       length)
{
  GArray *sentences = g_array_new (FALSE, FALSE, sizeof (Range));
  gsize start = G_MAXSIZE;
  gsize last_end = 0;
  gsize p = 0;

  while (p < length)
    {
      gunichar c = g_utf8_get_char (text + p);
      gsize next = next_pos (text, p);

      if (c == '\n')
        {
          gsize q = next;

          while (q < length && text[q] != '\n' && g_unichar_isspace (g_utf8_get_char (text + q)))
            q = next_pos (text, q);

          if (q < length && text[q] == '\n' && start != G_MAXSIZE)
            {
              add_range (sentences, start, last_end);
              start = G_MAXSIZE;
            }
          p = next;
          continue;
        }

      if (g_unichar_isspace (c))
        {
          p = next;
          continue;
        }

      if (start == G_MAXSIZE)
        start = p;
      last_end = next;

      if (is_full_stop (c) || is_cjk_full_stop (c))
        {
          gboolean cjk = is_cjk_full_stop (c);
          gboolean single_dot = c == '.';
          gsize q = next;
          gunichar d;

          while ((d = char_at (text, length, q)) != 0 && (is_full_stop (d) || is_cjk_full_stop (d)))
            {
              cjk |= is_cjk_full_stop (d);
              single_dot = FALSE;
              q = next_pos (text, q);
            }
          while ((d = char_at (text, length, q)) != 0 && is_closer (d))
            q = next_pos (text, q);

          last_end = q;
          d = char_at (text, length, q);
          if (cjk ||
              ((q >= length || g_unichar_isspace (d)) &&
               !(single_dot && ends_abbreviation (text, start, p))))
            {
              add_range (sentences, start, q);
              start = G_MAXSIZE;
            }
          p = q;
          continue;
        }

      p = next;
    }

  if (start != G_MAXSIZE)
    add_range (sentences, start, last_end);

  return sentences;
}

/* Splits @text[@start, @end) into words: a word weighs
 * QUARTERS_PER_WORD, a CJK character 1. Stops early once the words
 * weigh more than @max_quarters.
 */
static GArray *
find_units (const char *text,
            gsize       start,
            gsize       end,
            guint       max_quarters)
{
  GArray *units = g_array_new (FALSE, FALSE, sizeof (Unit));
  guint quarters = 0;
  gsize p = start;

  while (p < end && quarters <= max_quarters)
    {
      gunichar c = g_utf8_get_char (text + p);
      gsize next = next_pos (text, p);
      Unit unit;

      if (cp_unichar_is_unspaced (c))
        {
          unit = (Unit) { p, next, 1 };
          g_array_append_val (units, unit);
          quarters += unit.weight;
          p = next;
          continue;
        }

      if (!is_word_char (c))
        {
          p = next;
          continue;
        }

      unit = (Unit) { p, next, QUARTERS_PER_WORD };
      p = next;
      while (p < end)
        {
          gunichar prev = g_utf8_get_char (g_utf8_prev_char (text + p));
          gunichar d = g_utf8_get_char (text + p);

          if (cp_unichar_is_unspaced (d))
            break;
          if (is_word_char (d))
            {
              p = next_pos (text, p);
              continue;
            }

          /* don’t, tofu-dreg, 3.14, 1,000 */
          if (p < end)
            {
              gsize after = next_pos (text, p);
              gunichar e = after < end ? g_utf8_get_char (text + after) : 0;
              gboolean joins;

              if (g_unichar_isdigit (prev) && (d == '.' || d == ','))
                joins = g_unichar_isdigit (e);
              else if (g_unichar_isalpha (prev) &&
                       (d == '\'' || d == 0x2019 || d == '-' || d == 0x2010 || d == 0x2011 || d == 0x00AD))
                joins = g_unichar_isalpha (e) && !cp_unichar_is_unspaced (e);
              else
                joins = FALSE;

              if (!joins)
                break;
              p = after;
            }
        }
      unit.end = p;
      g_array_append_val (units, unit);
      quarters += unit.weight;
    }

  return units;
}

static guint
count_quarters (const GArray *units)
{
  guint quarters = 0;

  for (guint i = 0; i < units->len; i++)
    quarters += g_array_index (units, Unit, i).weight;

  return quarters;
}

/* Whether only white space, and no paragraph break, separates two
 * excerpts, so that they read as one.
 */
static gboolean
touches (const char *text,
         gsize       start,
         gsize       end)
{
  guint n_newlines = 0;

  for (gsize p = start; p < end; p = next_pos (text, p))
    {
      gunichar c = g_utf8_get_char (text + p);

      if (!g_unichar_isspace (c))
        return FALSE;
      if (c == '\n' && ++n_newlines > 1)
        return FALSE;
    }

  return TRUE;
}

/* The index of the sentence that holds @pos, or the one after it. */
static guint
find_sentence (const GArray *sentences,
               gsize         pos)
{
  guint lo = 0;
  guint hi = sentences->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (sentences, Range, mid).end <= pos)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* How far from a mention, in bytes, the words of a window are looked
 * for, per context word: a sentence can be a whole document.
 */
#define WINDOW_BYTES_PER_WORD 64

/* The part of @text an excerpt about the mention [@start, @end) shows. */
static Span
excerpt_span (const char   *text,
              const GArray *sentences,
              gsize         start,
              gsize         end,
              guint         context_words)
{
  g_autoptr(GArray) units = NULL;
  Range sentence = { start, end };
  Range range;
  guint first, last;
  guint limit = 2 * context_words * QUARTERS_PER_WORD;
  guint budget, left, right, used_left = 0, used_right = 0;
  guint i0, i1, j, k;
  gboolean clipped_start, clipped_end;
  gsize reach = (gsize)context_words * WINDOW_BYTES_PER_WORD;
  Span span;

  first = find_sentence (sentences, start);
  if (first < sentences->len)
    {
      sentence = g_array_index (sentences, Range, first);
      last = first;
      while (last + 1 < sentences->len && g_array_index (sentences, Range, last).end < end)
        last++;
      sentence.start = MIN (sentence.start, start);
      sentence.end = MAX (g_array_index (sentences, Range, last).end, end);
    }

  units = find_units (text, sentence.start, sentence.end, limit);
  if (count_quarters (units) <= limit)
    return (Span) { sentence.start, sentence.end, FALSE, FALSE, count_quarters (units) };
  g_clear_pointer (&units, g_array_unref);

  /* A window: the words near the mention. The first and last words
   * found may be parts of words where the search was clipped.
   */
  range.start = start - sentence.start > reach ? start - reach : sentence.start;
  range.end = sentence.end - end > reach ? end + reach : sentence.end;
  while (range.start > sentence.start && (text[range.start] & 0xC0) == 0x80)
    range.start--;
  while (range.end < sentence.end && (text[range.end] & 0xC0) == 0x80)
    range.end++;
  clipped_start = range.start > sentence.start;
  clipped_end = range.end < sentence.end;

  units = find_units (text, range.start, range.end, G_MAXUINT);
  if (clipped_end && units->len > 0 && g_array_index (units, Unit, units->len - 1).start >= end)
    g_array_set_size (units, units->len - 1);
  if (clipped_start && units->len > 0 && g_array_index (units, Unit, 0).end <= start)
    g_array_remove_index (units, 0);

  /* The mention's own words, then context around them. */
  for (i0 = 0; i0 < units->len && g_array_index (units, Unit, i0).end <= start; i0++)
    ;
  for (i1 = i0; i1 + 1 < units->len && g_array_index (units, Unit, i1 + 1).start < end; i1++)
    ;
  if (i0 >= units->len)
    return (Span) { start, end, start > sentence.start, end < sentence.end, QUARTERS_PER_WORD };

  budget = context_words * QUARTERS_PER_WORD;
  left = budget / 2;
  right = budget - left;

  j = i0;
  while (j > 0 && used_left + g_array_index (units, Unit, j - 1).weight <= left)
    used_left += g_array_index (units, Unit, --j).weight;
  /* What one side leaves unused goes to the other. */
  right += left - used_left;

  k = i1;
  while (k + 1 < units->len && used_right + g_array_index (units, Unit, k + 1).weight <= right)
    used_right += g_array_index (units, Unit, ++k).weight;
  if (k + 1 == units->len && !clipped_end && j > 0)
    {
      left += right - used_right;
      while (j > 0 && used_left + g_array_index (units, Unit, j - 1).weight <= left)
        used_left += g_array_index (units, Unit, --j).weight;
    }

  span.cut_start = j > 0 || clipped_start;
  span.cut_end = k + 1 < units->len || clipped_end;
  span.start = span.cut_start ? MIN (g_array_index (units, Unit, j).start, start) : sentence.start;
  span.end = span.cut_end ? MAX (g_array_index (units, Unit, k).end, end) : sentence.end;
  span.quarters = used_left + used_right;
  for (guint i = i0; i <= i1; i++)
    span.quarters += g_array_index (units, Unit, i).weight;

  return span;
}

/* Appends @text[@start, @end) with every white space run as one space;
 * @in_space carries the state across calls.
 */
static void
append_collapsed (GString    *out,
                  const char *text,
                  gsize       start,
                  gsize       end,
                  gboolean   *in_space)
{
  gsize p = start;

  while (p < end)
    {
      gsize next = next_pos (text, p);

      if (g_unichar_isspace (g_utf8_get_char (text + p)))
        {
          if (!*in_space)
            g_string_append_c (out, ' ');
          *in_space = TRUE;
        }
      else
        {
          g_string_append_len (out, text + p, next - p);
          *in_space = FALSE;
        }
      p = next;
    }
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *sa = a;
  const Span *sb = b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  if (sa->end != sb->end)
    return sa->end < sb->end ? -1 : 1;

  return 0;
}

/* Merged excerpts are at most 4 × CpSheetOptions.context_words words
 * long (about twice a long sentence); beyond, the next one starts.
 */
#define MAX_MERGED_WORDS_PER_CONTEXT_WORD 4

/* Builds the excerpts of one cell from @mentions (CpMention, all of one
 * topic, in text order), each marked as sheet topic @row.
 */
static void
build_cell (Cell         *cell,
            const char   *text,
            const GArray *sentences,
            const GArray *mentions,
            guint         row,
            guint         context_words,
            guint         excerpts_per_cell)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  guint max_quarters = MAX_MERGED_WORDS_PER_CONTEXT_WORD * context_words * QUARTERS_PER_WORD;
  guint n_merged = 0;
  guint m = 0;

  cell->excerpts = g_array_new (FALSE, TRUE, sizeof (CpSheetExcerpt));
  g_array_set_clear_func (cell->excerpts, excerpt_clear);

  for (guint i = 0; i < mentions->len; i++)
    {
      const CpMention *mention = &g_array_index (mentions, CpMention, i);
      Span span = excerpt_span (text, sentences, mention->start, mention->end, context_words);

      g_array_append_val (spans, span);
    }
  g_array_sort (spans, compare_spans);

  /* Merge spans that overlap or touch, as long as the result stays
   * short enough to read in a cell (merged windows of a text without
   * full stops could otherwise run on to the end).
   */
  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);

      if (n_merged > 0)
        {
          Span *previous = &g_array_index (spans, Span, n_merged - 1);

          if ((span->start <= previous->end || touches (text, previous->end, span->start)) &&
              previous->quarters + span->quarters <= max_quarters)
            {
              previous->quarters += span->quarters;
              if (span->end > previous->end)
                {
                  previous->end = span->end;
                  previous->cut_end = span->cut_end;
                }
              else if (span->end == previous->end)
                previous->cut_end &= span->cut_end;
              continue;
            }

          /* Too long to merge: what the previous excerpt already shows
           * is not shown again. A span that ends inside it adds nothing;
           * one that reaches past it starts where it stops. */
          if (span->start < previous->end)
            {
              if (span->end <= previous->end)
                continue;
              span->start = previous->end;
              while (span->start < span->end && g_ascii_isspace (text[span->start]))
                span->start++;
              span->cut_start = previous->cut_end;
            }
        }
      g_array_index (spans, Span, n_merged++) = *span;
    }

  cell->n_more = n_merged > excerpts_per_cell ? n_merged - excerpts_per_cell : 0;

  for (guint i = 0; i < MIN (n_merged, excerpts_per_cell); i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (CpSheetMark));
      GString *out = g_string_new (NULL);
      gboolean in_space = FALSE;
      gsize pos = span->start;
      CpSheetExcerpt excerpt = { 0 };

      if (span->cut_start)
        g_string_append (out, "…");

      /* Mentions are in text order, and so are the spans. */
      for (; m < mentions->len; m++)
        {
          const CpMention *mention = &g_array_index (mentions, CpMention, m);
          CpSheetMark mark;

          if (mention->start >= span->end)
            break;
          if (mention->start < pos)
            continue;

          append_collapsed (out, text, pos, mention->start, &in_space);
          mark.start = out->len;
          append_collapsed (out, text, mention->start, MIN (mention->end, span->end), &in_space);
          mark.end = out->len;
          mark.topic = row;
          g_array_append_val (marks, mark);
          pos = MIN (mention->end, span->end);
        }
      append_collapsed (out, text, pos, span->end, &in_space);

      if (span->cut_end)
        g_string_append (out, "…");

      excerpt.document_start = span->start;
      excerpt.document_end = span->end;
      /* The length is read before the array is stolen: the order in which
       * a call's arguments are evaluated is unspecified */
      excerpt.n_marks = marks->len;
      excerpt.marks = (CpSheetMark *)(gpointer)g_array_free (g_steal_pointer (&marks), excerpt.n_marks == 0);
      excerpt.text = g_string_free (out, FALSE);
      g_array_append_val (cell->excerpts, excerpt);
    }
}

/* }}} */

/* Default title {{{ */

/* Case-folded, without apostrophes, so that "Don’t" and "don't" are
 * the same word.
 */
static char *
word_key (const char *word,
          gssize      length)
{
  g_autofree char *normalized = g_utf8_normalize (word, length, G_NORMALIZE_DEFAULT);
  g_autofree char *folded = g_utf8_casefold (normalized, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0x2019 && c != '\'')
        g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

typedef struct
{
  /* The words of a title, case-folded, and where they are in it. */
  GPtrArray *keys;
  GArray    *ranges;
} TitleWords;

static void
title_words_clear (TitleWords *words)
{
  g_clear_pointer (&words->keys, g_ptr_array_unref);
  g_clear_pointer (&words->ranges, g_array_unref);
}

static void
split_title (const char *title,
             TitleWords *words)
{
  gsize length = strlen (title);
  g_autoptr(GArray) units = find_units (title, 0, length, G_MAXUINT);

  words->keys = g_ptr_array_new_with_free_func (g_free);
  words->ranges = g_array_new (FALSE, FALSE, sizeof (Range));

  for (guint i = 0; i < units->len; i++)
    {
      const Unit *unit = &g_array_index (units, Unit, i);

      g_ptr_array_add (words->keys, word_key (title + unit->start, unit->end - unit->start));
      add_range (words->ranges, unit->start, unit->end);
    }
}

/* Words that cannot be a subject on their own: the bundled stop-word
 * lists, and the words of reviewing ("review", "film").
 */
static GHashTable *
get_title_stopwords (void)
{
  static const char * const lists[] = { "en", "en-common", "de", "fr", "es" };
  static GHashTable *stopwords;

  if (g_once_init_enter (&stopwords))
    {
      GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
        {
          g_autofree char *path = g_strconcat ("/io/github/counterpoint/Counterpoint/stopwords/", lists[i], ".txt",
                                               NULL);
          g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
          g_autofree char *data = NULL;
          g_auto(GStrv) lines = NULL;

          if (bytes == NULL)
            continue;

          data = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
          lines = g_strsplit (data, "\n", -1);
          for (guint j = 0; lines[j] != NULL; j++)
            {
              char *word = g_strstrip (lines[j]);

              if (*word != '\0' && *word != '#' && g_utf8_validate (word, -1, NULL))
                g_hash_table_add (set, word_key (word, -1));
            }
        }

      g_once_init_leave (&stopwords, set);
    }

  return stopwords;
}

/* Whether a run of words can name a subject: it has a word with a
 * letter that is not a stop word.
 */
static gboolean
is_subject (const TitleWords *words,
            guint             first,
            guint             n)
{
  GHashTable *stopwords = get_title_stopwords ();

  for (guint i = first; i < first + n; i++)
    {
      const char *word = g_ptr_array_index (words->keys, i);
      gboolean has_letter = FALSE;

      for (const char *p = word; *p != '\0' && !has_letter; p = g_utf8_next_char (p))
        has_letter = g_unichar_isalpha (g_utf8_get_char (p));

      if (has_letter && !g_hash_table_contains (stopwords, word))
        return TRUE;
    }

  return FALSE;
}

static char *
join_key (const TitleWords *words,
          guint             first,
          guint             n)
{
  GString *key = g_string_new (NULL);

  for (guint i = first; i < first + n; i++)
    {
      if (i > first)
        g_string_append_c (key, '\n');
      g_string_append (key, g_ptr_array_index (words->keys, i));
    }

  return g_string_free (key, FALSE);
}

/* Takes @subject and cuts it before a bracket it does not close: in "The
 * Salt Orchard (2019)" and "The Salt Orchard (2019, 104 min.)" the shared
 * run ends inside the brackets.
 */
static char *
cut_open_bracket (char *subject)
{
  char *open = NULL;

  for (char *p = subject; *p != '\0'; p++)
    {
      if (*p == '(' || *p == '[')
        open = p;
      else if (*p == ')' || *p == ']')
        open = NULL;
    }

  if (open != NULL && open > subject)
    {
      *open = '\0';
      g_strchomp (subject);
    }

  return subject;
}

/**
 * cp_sheet_content_dup_subject:
 * @documents: (array length=n_documents): the reviews
 * @n_documents: the number of reviews
 *
 * Finds the reviews' common subject in their titles
 * (cp_document_get_title()): the longest run of words that at least half
 * of the titles, and at least two, share, ignoring case and apostrophes
 * (ties go to the run in more titles, then to the one earlier in the
 * first title), as written in the first title that has it, punctuation
 * inside included ("Ai Weiwei: Never Sorry"), cut before a bracket it
 * does not close. A run of stop words only ("the", "a review") is not a
 * subject.
 *
 * Returns: (transfer full) (nullable): the subject, or %NULL when the
 *   titles share none
 */
char *
cp_sheet_content_dup_subject (CpDocument * const *documents,
                              guint               n_documents)
{
  g_autofree TitleWords *titles = NULL;
  const char *best_title = NULL;
  Range best_range = { 0, 0 };
  guint best_words = 0, best_count = 0;
  guint needed;

  g_return_val_if_fail (n_documents == 0 || documents != NULL, NULL);

  needed = MAX (2, (n_documents + 1) / 2);
  titles = g_new0 (TitleWords, MAX (n_documents, 1));

  for (guint d = 0; d < n_documents; d++)
    split_title (cp_document_get_title (documents[d]), &titles[d]);

  if (n_documents >= 2)
    {
      /* key → the number of titles with it. */
      g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

      for (guint d = 0; d < n_documents; d++)
        {
          g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
          guint n = titles[d].keys->len;

          for (guint first = 0; first < n; first++)
            for (guint len = 1; first + len <= n; len++)
              {
                char *key = join_key (&titles[d], first, len);
                guint *count = g_hash_table_lookup (counts, key);

                if (count == NULL)
                  {
                    count = g_new0 (guint, 1);
                    g_hash_table_insert (counts, key, count);
                  }
                else
                  g_free (key);

                /* Each title counts once. */
                if (g_hash_table_add (seen, count))
                  (*count)++;
              }
        }

      /* Candidates in title order: the first title that has a run
       * gives its text, and earlier runs win ties.
       */
      for (guint d = 0; d < n_documents; d++)
        {
          guint n = titles[d].keys->len;

          for (guint first = 0; first < n; first++)
            for (guint len = 1; first + len <= n; len++)
              {
                g_autofree char *key = join_key (&titles[d], first, len);
                guint *found = g_hash_table_lookup (counts, key);
                guint count = found != NULL ? *found : 0;

                if (count < needed || !is_subject (&titles[d], first, len))
                  continue;
                if (len > best_words || (len == best_words && count > best_count))
                  {
                    best_words = len;
                    best_count = count;
                    best_title = cp_document_get_title (documents[d]);
                    best_range.start = g_array_index (titles[d].ranges, Range, first).start;
                    best_range.end = g_array_index (titles[d].ranges, Range, first + len - 1).end;
                  }
              }
        }
    }

  for (guint d = 0; d < n_documents; d++)
    title_words_clear (&titles[d]);

  if (best_title != NULL)
    return cut_open_bracket (g_strndup (best_title + best_range.start, best_range.end - best_range.start));

  return NULL;
}

/**
 * cp_sheet_content_dup_default_title:
 * @comparison: a #CpComparison
 *
 * The reviews' common subject (cp_sheet_content_dup_subject()), or when
 * their titles share none, “Comparison of N reviews”.
 *
 * Returns: (transfer full): the title
 */
char *
cp_sheet_content_dup_default_title (CpComparison *comparison)
{
  guint n_documents;
  g_autofree CpDocument **documents = NULL;
  char *subject;

  g_return_val_if_fail (CP_IS_COMPARISON (comparison), NULL);

  n_documents = cp_comparison_get_n_documents (comparison);
  documents = g_new (CpDocument *, MAX (n_documents, 1));
  for (guint d = 0; d < n_documents; d++)
    documents[d] = cp_comparison_get_document (comparison, d);

  subject = cp_sheet_content_dup_subject (documents, n_documents);
  if (subject != NULL)
    return subject;

  return g_strdup_printf (ngettext ("Comparison of %u review",
                                    "Comparison of %u reviews",
                                    n_documents),
                          n_documents);
}

/* }}} */

/* Construction {{{ */

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const SheetTopic *ta = *(const SheetTopic * const *)a;
  const SheetTopic *tb = *(const SheetTopic * const *)b;

  if (ta->spread != tb->spread)
    return ta->spread > tb->spread ? -1 : 1;
  if (ta->total != tb->total)
    return ta->total > tb->total ? -1 : 1;
  if (ta->source != tb->source)
    return ta->source < tb->source ? -1 : 1;

  return 0;
}

static SheetTopic *
sheet_topic_new (CpComparison *comparison,
                 CpTopic      *topic,
                 guint         source)
{
  SheetTopic *row = g_new0 (SheetTopic, 1);
  guint n_documents = cp_comparison_get_n_documents (comparison);

  row->id = g_strdup (cp_topic_get_id (topic));
  row->label = g_strdup (cp_topic_get_display_label (topic));
  row->color = g_strdup (cp_topic_get_color (topic));
  row->rgb = cp_topic_get_rgb (topic);
  row->color_round = cp_topic_set_get_color_round (cp_comparison_get_topics (comparison), source);
  row->source = source;
  row->spread = cp_comparison_get_spread (comparison, source);
  row->total = cp_comparison_get_total (comparison, source);
  row->counts = g_new0 (guint, MAX (n_documents, 1));
  for (guint d = 0; d < n_documents; d++)
    row->counts[d] = cp_comparison_get_count (comparison, source, d);

  return row;
}

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const CpSheetMark *ma = a;
  const CpSheetMark *mb = b;

  if (ma->start != mb->start)
    return ma->start < mb->start ? -1 : 1;
  /* Longer first. */
  if (ma->end != mb->end)
    return ma->end > mb->end ? -1 : 1;
  if (ma->topic != mb->topic)
    return ma->topic < mb->topic ? -1 : 1;

  return 0;
}

static void
add_topics (CpSheetContent       *self,
            CpComparison         *comparison,
            const CpSheetOptions *options,
            guint                *source_to_row)
{
  CpTopicSet *set = cp_comparison_get_topics (comparison);
  guint n_set = cp_topic_set_get_n_topics (set);
  guint n_documents = cp_comparison_get_n_documents (comparison);
  g_autofree gboolean *named = g_new0 (gboolean, MAX (n_set, 1));

  if (options->topic_ids != NULL)
    for (guint i = 0; options->topic_ids[i] != NULL; i++)
      {
        guint position;

        if (cp_topic_set_lookup (set, options->topic_ids[i], &position) != NULL)
          named[position] = TRUE;
      }

  for (guint t = 0; t < n_set; t++)
    {
      CpTopic *topic = cp_topic_set_get_topic (set, t);

      if (cp_topic_get_enabled (topic))
        g_ptr_array_add (self->topics, sheet_topic_new (comparison, topic, t));
    }
  g_ptr_array_sort (self->topics, compare_rows);

  /* Disabled topics named explicitly come last, so that every band
   * topic is a row.
   */
  for (guint t = 0; t < n_set; t++)
    {
      CpTopic *topic = cp_topic_set_get_topic (set, t);

      if (named[t] && !cp_topic_get_enabled (topic))
        g_ptr_array_add (self->topics, sheet_topic_new (comparison, topic, t));
    }

  for (guint t = 0; t < n_set; t++)
    source_to_row[t] = G_MAXUINT;

  for (guint r = 0; r < self->topics->len; r++)
    {
      const SheetTopic *row = g_ptr_array_index (self->topics, r);
      gboolean band;

      source_to_row[row->source] = r;
      for (guint d = 0; d < n_documents; d++)
        self->max_count = MAX (self->max_count, row->counts[d]);

      if (options->topic_ids != NULL)
        band = named[row->source];
      else if (options->topics == CP_SHEET_TOPICS_ALL)
        band = row->spread >= 1;
      else
        band = row->spread >= 2;

      if (band)
        g_array_append_val (self->bands, r);
    }
}

static void
add_documents (CpSheetContent *self,
               CpComparison   *comparison,
               const guint    *source_to_row,
               guint           n_sources)
{
  guint n_documents = cp_comparison_get_n_documents (comparison);
  guint n_bands = self->bands->len;
  g_autofree guint *row_to_band = g_new (guint, MAX (self->topics->len, 1));

  for (guint r = 0; r < self->topics->len; r++)
    row_to_band[r] = G_MAXUINT;
  for (guint b = 0; b < n_bands; b++)
    row_to_band[g_array_index (self->bands, guint, b)] = b;

  self->cells = g_new0 (Cell, MAX (n_bands * n_documents, 1));

  for (guint d = 0; d < n_documents; d++)
    {
      CpDocument *document = cp_comparison_get_document (comparison, d);
      SheetDocument *sd = g_new0 (SheetDocument, 1);
      const char *text = cp_document_get_text (document);
      const CpMention *mentions;
      guint n_mentions;
      g_autoptr(GPtrArray) band_mentions = NULL;
      g_autoptr(GArray) sentences = NULL;
      guint last_end = 0;
      guint n_kept;

      sd->document = g_object_ref (document);
      sd->title = cp_comparison_dup_display_title (comparison, d);
      sd->name = g_strdup (cp_document_get_name (document));
      sd->byline = cp_document_dup_byline (document);
      sd->n_words = (guint)MIN (cp_document_get_n_words (document), G_MAXUINT);
      sd->marks = g_array_new (FALSE, FALSE, sizeof (CpSheetMark));
      g_ptr_array_add (self->documents, sd);

      band_mentions = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
      for (guint b = 0; b < n_bands; b++)
        g_ptr_array_add (band_mentions, g_array_new (FALSE, FALSE, sizeof (CpMention)));

      mentions = cp_mentions_get_all (cp_comparison_get_mentions_for_document (comparison, document), &n_mentions);
      for (guint i = 0; i < n_mentions; i++)
        {
          const CpMention *mention = &mentions[i];
          guint row = mention->topic < n_sources ? source_to_row[mention->topic] : G_MAXUINT;
          CpSheetMark mark;

          if (row == G_MAXUINT)
            continue;

          mark = (CpSheetMark) { mention->start, mention->end, row };
          g_array_append_val (sd->marks, mark);
          if (row_to_band[row] != G_MAXUINT)
            g_array_append_val (g_ptr_array_index (band_mentions, row_to_band[row]), *mention);
        }

      /* Keep the earlier, then the longer, of overlapping mentions. */
      g_array_sort (sd->marks, compare_marks);
      n_kept = 0;
      for (guint i = 0; i < sd->marks->len; i++)
        {
          CpSheetMark mark = g_array_index (sd->marks, CpSheetMark, i);

          if (n_kept > 0 && mark.start < last_end)
            continue;
          g_array_index (sd->marks, CpSheetMark, n_kept++) = mark;
          last_end = mark.end;
        }
      g_array_set_size (sd->marks, n_kept);

      for (guint b = 0; b < n_bands; b++)
        {
          GArray *cell_mentions = g_ptr_array_index (band_mentions, b);

          if (cell_mentions->len > 0 && sentences == NULL)
            sentences = find_sentences (text, cp_document_get_length (document));

          build_cell (&self->cells[b * n_documents + d], text, sentences, cell_mentions,
                      g_array_index (self->bands, guint, b),
                      self->context_words, self->excerpts_per_cell);
        }
    }
}


/* Notes {{{ */

/* @quote with every white space run one space, cut after about
 * CP_SHEET_NOTE_QUOTE_WORDS words with “…”. */
static char *
shorten_quote (const char *quote)
{
  gsize length = strlen (quote);
  guint limit = CP_SHEET_NOTE_QUOTE_WORDS * QUARTERS_PER_WORD;
  g_autoptr(GArray) units = find_units (quote, 0, length, limit);
  GString *out = g_string_new (NULL);
  gboolean in_space = TRUE;
  gboolean cut = FALSE;
  gsize end = length;
  guint quarters = 0;

  for (guint i = 0; i < units->len; i++)
    {
      const Unit *unit = &g_array_index (units, Unit, i);

      if (quarters + unit->weight > limit)
        {
          end = i > 0 ? g_array_index (units, Unit, i - 1).end : unit->start;
          cut = TRUE;
          break;
        }
      quarters += unit->weight;
    }

  append_collapsed (out, quote, 0, end, &in_space);
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (cut)
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

static int
compare_sheet_notes (gconstpointer a,
                     gconstpointer b)
{
  const CpSheetNote *na = a;
  const CpSheetNote *nb = b;

  if (na->document != nb->document)
    return na->document < nb->document ? -1 : 1;
  if (na->start != nb->start)
    return na->start < nb->start ? -1 : 1;
  if (na->end != nb->end)
    return na->end < nb->end ? -1 : 1;
  /* Notes on one passage stay in the order they were made (the model's) */
  return na->number < nb->number ? -1 : na->number > nb->number;
}

/* Whether a note's passage overlaps the excerpt */
static gboolean
note_touches (const CpSheetNote    *note,
              const CpSheetExcerpt *excerpt)
{
  return note->start < excerpt->document_end && note->end > excerpt->document_start;
}

static void
add_notes (CpSheetContent *self,
           CpComparison   *comparison)
{
  GListModel *model = cp_comparison_get_notes (comparison);
  guint n_items = g_list_model_get_n_items (model);
  guint n_documents = self->documents->len;
  guint n_bands = self->bands->len;
  g_autofree guint *first = g_new0 (guint, n_documents + 1);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CpNote) note = g_list_model_get_item (model, i);
      CpDocument *document = cp_note_get_document (note);
      CpSheetNote sheet_note = { 0 };
      guint d;

      for (d = 0; d < n_documents; d++)
        if (((SheetDocument *) g_ptr_array_index (self->documents, d))->document == document)
          break;
      if (d == n_documents)
        continue;

      /* The model's order, until the numbers are given below */
      sheet_note.number = i;
      sheet_note.document = d;
      sheet_note.start = (guint) MIN (cp_note_get_start (note), G_MAXUINT);
      sheet_note.end = (guint) MIN (cp_note_get_end (note), G_MAXUINT);
      sheet_note.quote = shorten_quote (cp_note_get_quote (note) != NULL ? cp_note_get_quote (note) : "");
      sheet_note.text = g_strstrip (g_strdup (cp_note_get_text (note) != NULL ? cp_note_get_text (note) : ""));
      g_array_append_val (self->notes, sheet_note);
    }
  g_array_sort (self->notes, compare_sheet_notes);

  /* Each review's notes are notes[first[d]] … notes[first[d + 1] - 1] */
  for (guint i = 0; i < self->notes->len; i++)
    {
      CpSheetNote *note = &g_array_index (self->notes, CpSheetNote, i);

      note->number = i + 1;
      first[note->document + 1] = i + 1;
    }
  for (guint d = 1; d <= n_documents; d++)
    first[d] = MAX (first[d], first[d - 1]);

  for (guint b = 0; b < n_bands; b++)
    for (guint d = 0; d < n_documents; d++)
      {
        Cell *cell = &self->cells[b * n_documents + d];

        for (guint e = 0; e < cell->excerpts->len; e++)
          {
            CpSheetExcerpt *excerpt = &g_array_index (cell->excerpts, CpSheetExcerpt, e);
            g_autoptr(GArray) touching = g_array_new (FALSE, FALSE, sizeof (guint));

            for (guint i = first[d]; i < first[d + 1]; i++)
              if (note_touches (&g_array_index (self->notes, CpSheetNote, i), excerpt))
                g_array_append_val (touching, i);

            excerpt->n_notes = touching->len;
            excerpt->notes = excerpt->n_notes > 0 ? (guint *) (gpointer) g_array_free (g_steal_pointer (&touching), FALSE)
                                                  : NULL;
          }
      }
}

/* }}} */

/**
 * cp_sheet_content_new:
 * @comparison: a #CpComparison
 * @options: (nullable): what to put on the sheet, or %NULL for the
 *   defaults
 *
 * Takes a snapshot of what a comparison sheet shows: later changes to
 * the comparison or its topics do not change it.
 *
 * Returns: (transfer full): a new #CpSheetContent
 */
CpSheetContent *
cp_sheet_content_new (CpComparison         *comparison,
                      const CpSheetOptions *options)
{
  static const CpSheetOptions defaults = { 0 };
  CpSheetContent *self;
  guint n_sources;
  g_autofree guint *source_to_row = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (CP_IS_COMPARISON (comparison), NULL);

  if (options == NULL)
    options = &defaults;

  self = g_object_new (CP_TYPE_SHEET_CONTENT, NULL);

  if (options->title != NULL)
    title = g_strstrip (g_strdup (options->title));
  if (title == NULL || *title == '\0')
    {
      g_free (title);
      title = cp_sheet_content_dup_default_title (comparison);
    }
  self->title = g_steal_pointer (&title);
  self->date = options->date != NULL ? g_date_time_ref (options->date) : g_date_time_new_now_local ();
  self->full_texts = options->full_texts;
  self->excerpts_per_cell = options->excerpts_per_cell > 0 ? options->excerpts_per_cell
                                                           : CP_SHEET_DEFAULT_EXCERPTS_PER_CELL;
  self->context_words = options->context_words > 0 ? options->context_words : CP_SHEET_DEFAULT_CONTEXT_WORDS;

  n_sources = cp_topic_set_get_n_topics (cp_comparison_get_topics (comparison));
  source_to_row = g_new (guint, MAX (n_sources, 1));

  add_topics (self, comparison, options, source_to_row);
  add_documents (self, comparison, source_to_row, n_sources);
  add_notes (self, comparison);

  return self;
}

/* }}} */

static void
cp_sheet_content_finalize (GObject *object)
{
  CpSheetContent *self = (CpSheetContent *)object;
  guint n_cells = self->bands->len * self->documents->len;

  for (guint i = 0; i < n_cells && self->cells != NULL; i++)
    g_clear_pointer (&self->cells[i].excerpts, g_array_unref);
  g_clear_pointer (&self->cells, g_free);
  g_clear_pointer (&self->notes, g_array_unref);
  g_clear_pointer (&self->bands, g_array_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (cp_sheet_content_parent_class)->finalize (object);
}

static void
cp_sheet_content_class_init (CpSheetContentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_sheet_content_finalize;
}

static void
cp_sheet_content_init (CpSheetContent *self)
{
  self->documents = g_ptr_array_new_with_free_func (sheet_document_free);
  self->topics = g_ptr_array_new_with_free_func (sheet_topic_free);
  self->bands = g_array_new (FALSE, FALSE, sizeof (guint));
  self->notes = g_array_new (FALSE, TRUE, sizeof (CpSheetNote));
  g_array_set_clear_func (self->notes, note_clear);
}

/* Getters {{{ */

/**
 * cp_sheet_content_get_title:
 * @self: a #CpSheetContent
 *
 * Returns: the sheet's title
 */
const char *
cp_sheet_content_get_title (CpSheetContent *self)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), NULL);

  return self->title;
}

/**
 * cp_sheet_content_get_date:
 * @self: a #CpSheetContent
 *
 * Returns: (transfer none): the date printed on the sheet
 */
GDateTime *
cp_sheet_content_get_date (CpSheetContent *self)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), NULL);

  return self->date;
}

/**
 * cp_sheet_content_get_full_texts:
 * @self: a #CpSheetContent
 *
 * Returns: whether the sheet ends with the full texts side by side
 */
gboolean
cp_sheet_content_get_full_texts (CpSheetContent *self)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), FALSE);

  return self->full_texts;
}

/**
 * cp_sheet_content_get_n_documents:
 * @self: a #CpSheetContent
 *
 * Returns: the number of reviews, the columns of the sheet
 */
guint
cp_sheet_content_get_n_documents (CpSheetContent *self)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), 0);

  return self->documents->len;
}

static const SheetDocument *
get_document (CpSheetContent *self,
              guint           document)
{
  return g_ptr_array_index (self->documents, document);
}

/**
 * cp_sheet_content_get_document:
 * @self: a #CpSheetContent
 * @document: the position of a review
 *
 * Returns: (transfer none): the review
 */
CpDocument *
cp_sheet_content_get_document (CpSheetContent *self,
                               guint           document)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), NULL);
  g_return_val_if_fail (document < self->documents->len, NULL);

  return get_document (self, document)->document;
}

/**
 * cp_sheet_content_get_document_title:
 * @self: a #CpSheetContent
 * @document: the position of a review
 *
 * Returns: the review's title (its first line)
 */
const char *
cp_sheet_content_get_document_title (CpSheetContent *self,
                                     guint           document)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), NULL);
  g_return_val_if_fail (document < self->documents->len, NULL);

  return get_document (self, document)->title;
}

/**
 * cp_sheet_content_get_document_name:
 * @self: a #CpSheetContent
 * @document: the position of a review
 *
 * Returns: the review's file name, for display
 */
const char *
cp_sheet_content_get_document_name (CpSheetContent *self,
                                    guint           document)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), NULL);
  g_return_val_if_fail (document < self->documents->len, NULL);

  return get_document (self, document)->name;
}

/**
 * cp_sheet_content_get_document_byline:
 * @self: a #CpSheetContent
 * @document: the position of a review
 *
 * Returns: (nullable): the review's author and outlet as its source names
 *   them (cp_document_dup_byline()), or %NULL
 */
const char *
cp_sheet_content_get_document_byline (CpSheetContent *self,
                                      guint           document)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), NULL);
  g_return_val_if_fail (document < self->documents->len, NULL);

  return get_document (self, document)->byline;
}

/**
 * cp_sheet_content_get_document_words:
 * @self: a #CpSheetContent
 * @document: the position of a review
 *
 * Returns: the review's word count
 */
guint
cp_sheet_content_get_document_words (CpSheetContent *self,
                                     guint           document)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), 0);
  g_return_val_if_fail (document < self->documents->len, 0);

  return get_document (self, document)->n_words;
}

/**
 * cp_sheet_content_get_document_marks:
 * @self: a #CpSheetContent
 * @document: the position of a review
 * @n_marks: (out): return location for the number of marks
 *
 * Gets the mentions of every sheet topic in the review's full text
 * (cp_document_get_text()), in order and without overlaps: of two
 * mentions that overlap, the one that starts earlier, or else the
 * longer, is kept.
 *
 * Returns: (array length=n_marks) (transfer none) (nullable): the marks
 */
const CpSheetMark *
cp_sheet_content_get_document_marks (CpSheetContent *self,
                                     guint           document,
                                     guint          *n_marks)
{
  const SheetDocument *sd;

  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), NULL);
  g_return_val_if_fail (n_marks != NULL, NULL);

  *n_marks = 0;

  g_return_val_if_fail (document < self->documents->len, NULL);

  sd = get_document (self, document);
  *n_marks = sd->marks->len;

  return sd->marks->len > 0 ? (const CpSheetMark *)(gpointer)sd->marks->data : NULL;
}

/**
 * cp_sheet_content_get_n_topics:
 * @self: a #CpSheetContent
 *
 * Gets the number of sheet topics, the rows of the coverage matrix:
 * the enabled topics, shared ones first (by spread, then total, then
 * the topic set's order), then those one review mentions, then the
 * others; then any disabled topic that was asked for by id.
 *
 * Returns: the number of topics
 */
guint
cp_sheet_content_get_n_topics (CpSheetContent *self)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), 0);

  return self->topics->len;
}

static const SheetTopic *
get_topic (CpSheetContent *self,
           guint           topic)
{
  return g_ptr_array_index (self->topics, topic);
}

/**
 * cp_sheet_content_get_topic_label:
 * @self: a #CpSheetContent
 * @topic: a sheet topic
 *
 * Returns: the topic's label, translated when there is a translation
 */
const char *
cp_sheet_content_get_topic_label (CpSheetContent *self,
                                  guint           topic)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), NULL);
  g_return_val_if_fail (topic < self->topics->len, NULL);

  return get_topic (self, topic)->label;
}

/**
 * cp_sheet_content_get_topic_color:
 * @self: a #CpSheetContent
 * @topic: a sheet topic
 *
 * Returns: the topic's color, "#rrggbb"
 */
const char *
cp_sheet_content_get_topic_color (CpSheetContent *self,
                                  guint           topic)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), NULL);
  g_return_val_if_fail (topic < self->topics->len, NULL);

  return get_topic (self, topic)->color;
}

/**
 * cp_sheet_content_get_topic_rgb:
 * @self: a #CpSheetContent
 * @topic: a sheet topic
 *
 * Returns: the topic's color as 0xRRGGBB
 */
guint32
cp_sheet_content_get_topic_rgb (CpSheetContent *self,
                                guint           topic)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), 0);
  g_return_val_if_fail (topic < self->topics->len, 0);

  return get_topic (self, topic)->rgb;
}

/**
 * cp_sheet_content_get_topic_color_round:
 * @self: a #CpSheetContent
 * @topic: a sheet topic
 *
 * Returns: how many topics before it have its colour: past the palette's
 *   size, a second cue tells them apart
 */
guint
cp_sheet_content_get_topic_color_round (CpSheetContent *self,
                                        guint           topic)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), 0);
  g_return_val_if_fail (topic < self->topics->len, 0);

  return get_topic (self, topic)->color_round;
}

/**
 * cp_sheet_content_get_count:
 * @self: a #CpSheetContent
 * @topic: a sheet topic
 * @document: the position of a review
 *
 * Returns: how many times the review mentions the topic
 */
guint
cp_sheet_content_get_count (CpSheetContent *self,
                            guint           topic,
                            guint           document)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), 0);
  g_return_val_if_fail (topic < self->topics->len, 0);
  g_return_val_if_fail (document < self->documents->len, 0);

  return get_topic (self, topic)->counts[document];
}

/**
 * cp_sheet_content_get_spread:
 * @self: a #CpSheetContent
 * @topic: a sheet topic
 *
 * Returns: the number of reviews that mention the topic
 */
guint
cp_sheet_content_get_spread (CpSheetContent *self,
                             guint           topic)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), 0);
  g_return_val_if_fail (topic < self->topics->len, 0);

  return get_topic (self, topic)->spread;
}

/**
 * cp_sheet_content_get_max_count:
 * @self: a #CpSheetContent
 *
 * Returns: the largest count in the coverage matrix (0 when empty), to
 *   shade the cells by density
 */
guint
cp_sheet_content_get_max_count (CpSheetContent *self)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), 0);

  return self->max_count;
}

/**
 * cp_sheet_content_get_n_bands:
 * @self: a #CpSheetContent
 *
 * Returns: the number of topic bands of excerpts
 */
guint
cp_sheet_content_get_n_bands (CpSheetContent *self)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), 0);

  return self->bands->len;
}

/**
 * cp_sheet_content_get_band_topic:
 * @self: a #CpSheetContent
 * @band: a band
 *
 * Returns: the sheet topic of @band; bands are in row order
 */
guint
cp_sheet_content_get_band_topic (CpSheetContent *self,
                                 guint           band)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), 0);
  g_return_val_if_fail (band < self->bands->len, 0);

  return g_array_index (self->bands, guint, band);
}

static const Cell *
get_cell (CpSheetContent *self,
          guint           band,
          guint           document)
{
  return &self->cells[band * self->documents->len + document];
}

/**
 * cp_sheet_content_get_n_excerpts:
 * @self: a #CpSheetContent
 * @band: a band
 * @document: the position of a review
 *
 * Returns: the number of excerpts in the cell, at most
 *   CpSheetOptions.excerpts_per_cell
 */
guint
cp_sheet_content_get_n_excerpts (CpSheetContent *self,
                                 guint           band,
                                 guint           document)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), 0);
  g_return_val_if_fail (band < self->bands->len, 0);
  g_return_val_if_fail (document < self->documents->len, 0);

  return get_cell (self, band, document)->excerpts->len;
}

/**
 * cp_sheet_content_get_excerpt:
 * @self: a #CpSheetContent
 * @band: a band
 * @document: the position of a review
 * @excerpt: the index of an excerpt in the cell
 *
 * Returns: (transfer none): the excerpt, in text order
 */
const CpSheetExcerpt *
cp_sheet_content_get_excerpt (CpSheetContent *self,
                              guint           band,
                              guint           document,
                              guint           excerpt)
{
  const Cell *cell;

  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), NULL);
  g_return_val_if_fail (band < self->bands->len, NULL);
  g_return_val_if_fail (document < self->documents->len, NULL);

  cell = get_cell (self, band, document);

  g_return_val_if_fail (excerpt < cell->excerpts->len, NULL);

  return &g_array_index (cell->excerpts, CpSheetExcerpt, excerpt);
}

/**
 * cp_sheet_content_get_n_more:
 * @self: a #CpSheetContent
 * @band: a band
 * @document: the position of a review
 *
 * Returns: the number of excerpts left out of the cell (“+ N more”)
 */
guint
cp_sheet_content_get_n_more (CpSheetContent *self,
                             guint           band,
                             guint           document)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), 0);
  g_return_val_if_fail (band < self->bands->len, 0);
  g_return_val_if_fail (document < self->documents->len, 0);

  return get_cell (self, band, document)->n_more;
}


/**
 * cp_sheet_content_get_n_notes:
 * @self: a #CpSheetContent
 *
 * Returns: the number of the comparison's notes on the sheet
 */
guint
cp_sheet_content_get_n_notes (CpSheetContent *self)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), 0);

  return self->notes->len;
}

/**
 * cp_sheet_content_get_note:
 * @self: a #CpSheetContent
 * @note: the index of a note, below cp_sheet_content_get_n_notes()
 *
 * Notes come grouped by review, in the sheet's order of reviews, and in
 * text order within a review: the order of the Notes section.
 *
 * Returns: (transfer none): the note
 */
const CpSheetNote *
cp_sheet_content_get_note (CpSheetContent *self,
                           guint           note)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), NULL);
  g_return_val_if_fail (note < self->notes->len, NULL);

  return &g_array_index (self->notes, CpSheetNote, note);
}

/**
 * cp_sheet_content_dup_note_label:
 * @self: a #CpSheetContent
 * @note: the index of a note
 *
 * The short label that marks a note beside the excerpts it touches and in
 * the Notes section (“N3”), the same in every output.
 *
 * Returns: (transfer full): the label
 */
char *
cp_sheet_content_dup_note_label (CpSheetContent *self,
                                 guint           note)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), NULL);
  g_return_val_if_fail (note < self->notes->len, NULL);

  /* TRANSLATORS: the mark of a reader's note on a comparison sheet, by
   * its number: keep it very short (one letter and the number) */
  return g_strdup_printf (C_("note label", "N%u"), g_array_index (self->notes, CpSheetNote, note).number);
}

/* }}} */

/* HTML and CSV {{{ */

/* The page's style: a sans-serif frame around serif excerpts, one
 * restrained type scale, and print rules that keep headings with what
 * follows them and repeat the matrix's header row on every page.
 */
static const char html_style[] =
  ":root {\n"
  "  --ink: #1d2127;\n"
  "  --muted: #5f6670;\n"
  "  --rule: #d8dbe0;\n"
  "  --paper: #ffffff;\n"
  "  --wash: #f5f6f8;\n"
  "  --sans: \"Cantarell\", \"Noto Sans\", \"Helvetica Neue\", Arial, system-ui, sans-serif;\n"
  "  --serif: \"Noto Serif\", \"Source Serif Pro\", Georgia, \"Times New Roman\", serif;\n"
  "}\n"
  "* { box-sizing: border-box; }\n"
  "html { background: var(--wash); }\n"
  "body { margin: 0 auto; max-width: 78rem; padding: 3rem 3.5rem 4rem; background: var(--paper);\n"
  "  color: var(--ink); font: 15px/1.55 var(--sans); -webkit-print-color-adjust: exact;\n"
  "  print-color-adjust: exact; }\n"
  "h1, h2 { font-weight: 700; letter-spacing: -0.01em; margin: 0; }\n"
  "h1 { font-size: 2.1rem; line-height: 1.15; }\n"
  "h2 { font-size: 1.3rem; line-height: 1.25; }\n"
  "header.sheet { border-bottom: 2px solid var(--ink); padding-bottom: 1rem; margin-bottom: 2rem; }\n"
  "header.sheet p { margin: 0.4rem 0 0; color: var(--muted); }\n"
  "section { margin: 0 0 2.5rem; }\n"
  "section > h2 { margin-bottom: 0.9rem; }\n"
  ".overview { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 2.5rem; }\n"
  "ol.reviews { margin: 0; padding: 0; list-style: none; }\n"
  "ol.reviews li { display: grid; grid-template-columns: 1.8rem minmax(0, 1fr) auto; gap: 0 0.6rem;\n"
  "  padding: 0.45rem 0; border-top: 1px solid var(--rule); }\n"
  "ol.reviews .title { font-weight: 600; }\n"
  ".byline, .file, .words, .meta { color: var(--muted); font-size: 0.85rem; font-weight: 400; }\n"
  ".byline { grid-column: 2; color: var(--ink); }\n"
  ".file { grid-column: 2; overflow-wrap: anywhere; }\n"
  ".words { grid-row: 1; grid-column: 3; text-align: right; white-space: nowrap; }\n"
  ".ref { display: inline-block; min-width: 1.4rem; height: 1.4rem; border: 1.5px solid var(--ink);\n"
  "  border-radius: 50%; font-size: 0.75rem; font-weight: 700; line-height: 1.15rem; text-align: center; }\n"
  "ul.legend { margin: 0; padding: 0; list-style: none; columns: 2; column-gap: 1.5rem; }\n"
  "ul.legend li { break-inside: avoid; padding: 0.25rem 0; }\n"
  ".marker { display: inline-block; min-width: 1.35rem; padding: 0 0.3rem; border-radius: 0.3rem;\n"
  "  font-size: 0.75rem; font-weight: 700; line-height: 1.35rem; text-align: center;\n"
  "  margin-right: 0.45rem; vertical-align: 0.1em; background: var(--c); color: var(--on-c);\n"
  "  border: 1px solid rgba(0, 0, 0, 0.35); }\n"
  "table { border-collapse: collapse; width: 100%; }\n"
  "th { font-weight: 600; }\n"
  "table.matrix { font-variant-numeric: tabular-nums; }\n"
  ".matrix th, .matrix td { padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--rule); }\n"
  ".matrix thead th { font-size: 0.8rem; color: var(--muted); text-align: center; vertical-align: bottom;\n"
  "  border-bottom: 2px solid var(--ink); }\n"
  ".matrix thead th:first-child { text-align: left; }\n"
  ".matrix tbody th { text-align: left; white-space: nowrap; }\n"
  ".matrix td { text-align: center; width: 4.5rem; }\n"
  ".matrix td.zero { color: #a3a8b0; }\n"
  ".matrix td.sum { font-weight: 600; background: var(--wash); }\n"
  ".matrix tr.first-of-group > * { border-top: 2px solid var(--ink); }\n"
  ".matrix .group { font-size: 0.75rem; font-weight: 400; color: var(--muted); display: block; }\n"
  /* Bands and the appendix are tables, so that a printed band that runs
   * past a page repeats its topic and column headings on the next.
   */
  "table.columns { table-layout: fixed; }\n"
  ".columns th, .columns td { text-align: left; vertical-align: top; padding: 0 0.8rem; }\n"
  ".columns th:first-child, .columns td:first-child { padding-left: 0; }\n"
  ".columns th:last-child, .columns td:last-child { padding-right: 0; }\n"
  ".columns thead th { padding-top: 0.8rem; padding-bottom: 0.4rem; font-size: 0.85rem; line-height: 1.35;\n"
  "  border-bottom: 1px solid var(--rule); }\n"
  ".columns thead .ref { margin-right: 0.4rem; }\n"
  ".columns tbody td { padding-top: 0.7rem; }\n"
  ".columns tr.topic th { padding: 0 0 0.5rem; font-size: 1.3rem; line-height: 1.25; font-weight: 700;\n"
  "  border-bottom: 2px solid var(--c); }\n"
  ".columns tr.topic .meta { float: right; margin-top: 0.4rem; }\n"
  ".excerpt { margin: 0 0 0.8rem; font: 0.95rem/1.55 var(--serif); hyphens: auto; overflow-wrap: break-word; }\n"
  ".more, .none { margin: 0; font-size: 0.85rem; color: var(--muted); }\n"
  ".none { font-style: italic; }\n"
  "mark { font-weight: 700; color: inherit; background: var(--tint); padding: 0 0.12em;\n"
  "  border-radius: 0.15em; box-decoration-break: clone; -webkit-box-decoration-break: clone;\n"
  "  border-bottom: 1.5px solid var(--c); }\n"
  /* A note's mark: outlined, where topics' markers are filled */
  ".note-ref { display: inline-block; padding: 0 0.25rem; border: 1px solid var(--ink); border-radius: 0.25rem;\n"
  "  font: 700 0.68rem/1.2 var(--sans); color: var(--ink); text-decoration: none; vertical-align: 0.1em;\n"
  "  white-space: nowrap; }\n"
  ".notes h3 { font-size: 0.95rem; margin: 1.2rem 0 0.4rem; padding-bottom: 0.3rem;\n"
  "  border-bottom: 1px solid var(--rule); }\n"
  ".notes h3 .ref { margin-right: 0.4rem; }\n"
  "ol.notes { margin: 0; padding: 0; list-style: none; }\n"
  "ol.notes li { display: grid; grid-template-columns: 2.6rem minmax(0, 1fr); padding: 0.45rem 0; }\n"
  "ol.notes .note-ref { grid-row: 1 / span 2; justify-self: start; align-self: start; }\n"
  "ol.notes blockquote { margin: 0; font: italic 0.92rem/1.5 var(--serif); color: var(--muted); }\n"
  "ol.notes p { grid-column: 2; margin: 0.2rem 0 0; overflow-wrap: break-word; white-space: pre-line; }\n"
  ".appendix .text { font: 0.85rem/1.5 var(--serif); overflow-wrap: break-word; }\n"
  ".appendix .text p { margin: 0 0 0.7em; }\n"
  ".appendix mark::after { content: attr(data-marker); font: 700 0.6rem var(--sans); vertical-align: super;\n"
  "  margin-left: 0.1em; }\n"
  "footer { margin-top: 3rem; padding-top: 0.8rem; border-top: 1px solid var(--rule); color: var(--muted);\n"
  "  font-size: 0.8rem; }\n"
  "@media screen and (max-width: 50rem) {\n"
  "  body { padding: 1.5rem; }\n"
  "  .overview { grid-template-columns: 1fr; }\n"
  "}\n"
  "@page { margin: 15mm; }\n"
  "@media print {\n"
  "  html, body { background: none; }\n"
  "  body { max-width: none; padding: 0; font-size: 9pt; }\n"
  "  h1 { font-size: 20pt; }\n"
  "  h2, .columns tr.topic th { font-size: 13pt; }\n"
  "  h2 { break-after: avoid; page-break-after: avoid; }\n"
  "  thead { display: table-header-group; }\n"
  "  tr, .excerpt, ol.reviews li, ol.notes li, .columns thead th { break-inside: avoid; page-break-inside: avoid; }\n"
  "  .columns tbody tr { break-inside: auto; page-break-inside: auto; }\n"
  "  .band:first-of-type, .appendix { break-before: page; page-break-before: always; }\n"
  "  footer { display: none; }\n"
  "}\n";

/* A topic color as r, g, b in 0..1. */
static void
split_rgb (guint32  rgb,
           double  *r,
           double  *g,
           double  *b)
{
  *r = ((rgb >> 16) & 0xFF) / 255.0;
  *g = ((rgb >> 8) & 0xFF) / 255.0;
  *b = (rgb & 0xFF) / 255.0;
}

/* @rgb laid over white at @alpha, as "#rrggbb". */
static void
append_tint (GString *out,
             guint32  rgb,
             double   alpha)
{
  double c[3];

  split_rgb (rgb, &c[0], &c[1], &c[2]);
  g_string_append_c (out, '#');
  for (guint i = 0; i < 3; i++)
    g_string_append_printf (out, "%02x", (guint)(255.0 * (1.0 - alpha + alpha * c[i]) + 0.5));
}

/* Black or white, whichever reads on @rgb laid over white at @alpha. */
static const char *
ink_for (guint32 rgb,
         double  alpha)
{
  double r, g, b, luminance;

  split_rgb (rgb, &r, &g, &b);
  r = 1.0 - alpha + alpha * r;
  g = 1.0 - alpha + alpha * g;
  b = 1.0 - alpha + alpha * b;
  luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;

  return luminance < 0.5 ? "#ffffff" : "#000000";
}

/* Appends text with its marks as <mark>; with @paragraphs, blank lines
 * start a new paragraph, and every white space run is one space.
 */
static void
append_marked (GString           *out,
               const char        *text,
               gsize              length,
               const CpSheetMark *marks,
               guint              n_marks,
               gboolean           paragraphs)
{
  gsize p = 0;
  guint m = 0;
  gboolean in_mark = FALSE;
  gboolean in_space = FALSE;
  gboolean at_start = TRUE;

  if (paragraphs)
    g_string_append (out, "<p>");

  while (p < length)
    {
      gunichar c;
      gsize next;

      if (in_mark && p >= marks[m].end)
        {
          g_string_append (out, "</mark>");
          in_mark = FALSE;
          m++;
        }
      if (!in_mark && m < n_marks && p >= marks[m].start)
        {
          g_string_append_printf (out, "<mark class=\"topic-%u\" data-marker=\"%u\">",
                                  marks[m].topic + 1, marks[m].topic + 1);
          in_mark = TRUE;
        }

      c = g_utf8_get_char (text + p);
      next = next_pos (text, p);

      if (g_unichar_isspace (c))
        {
          if (paragraphs && c == '\n')
            {
              gsize q = next;

              while (q < length && text[q] != '\n' && g_unichar_isspace (g_utf8_get_char (text + q)))
                q = next_pos (text, q);
              if (q < length && text[q] == '\n')
                {
                  /* A paragraph break, possibly inside a mark. */
                  while (q < length && g_unichar_isspace (g_utf8_get_char (text + q)))
                    q = next_pos (text, q);
                  if (!at_start && q < length)
                    {
                      if (in_mark)
                        g_string_append (out, "</mark>");
                      g_string_append (out, "</p>\n<p>");
                      if (in_mark)
                        g_string_append_printf (out, "<mark class=\"topic-%u\" data-marker=\"%u\">",
                                                marks[m].topic + 1, marks[m].topic + 1);
                    }
                  in_space = FALSE;
                  p = q;
                  continue;
                }
            }
          if (!in_space && !(paragraphs && at_start))
            g_string_append_c (out, ' ');
          in_space = TRUE;
          p = next;
          continue;
        }

      in_space = FALSE;
      at_start = FALSE;
      cp_escape_append_markup (out, text + p, next - p);
      p = next;
    }

  if (in_mark)
    g_string_append (out, "</mark>");
  if (paragraphs)
    g_string_append (out, "</p>");
}

static void
append_marker (GString *out,
               guint    topic)
{
  g_string_append_printf (out, "<span class=\"marker topic-%u\" aria-hidden=\"true\">%u</span>",
                          topic + 1, topic + 1);
}

static void
append_head (GString        *out,
             CpSheetContent *self)
{
  g_string_append (out,
                   "<!DOCTYPE html>\n"
                   "<html>\n"
                   "<head>\n"
                   "<meta charset=\"utf-8\" />\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
                   "<meta name=\"generator\" content=\"Counterpoint\" />\n"
                   "<title>");
  cp_escape_append_markup (out, self->title, -1);
  g_string_append (out, "</title>\n<style>\n");
  g_string_append (out, html_style);

  /* One class per topic: its color, a light tint for marks, and the
   * ink that reads on the color.
   */
  for (guint t = 0; t < self->topics->len; t++)
    {
      const SheetTopic *topic = get_topic (self, t);

      g_string_append_printf (out, ".topic-%u { --c: ", t + 1);
      append_tint (out, topic->rgb, 1.0);
      g_string_append (out, "; --tint: ");
      append_tint (out, topic->rgb, 0.3);
      g_string_append_printf (out, "; --on-c: %s; }\n", ink_for (topic->rgb, 1.0));
    }
  g_string_append (out, "</style>\n</head>\n<body>\n");
}

/* The date as the sheet shows it. %e pads single digits with a figure
 * space (U+2007), which g_strstrip() leaves.
 */
static char *
format_date (GDateTime *date)
{
  g_autofree char *text = NULL;
  const char *start;
  const char *end;

  /* TRANSLATORS: the date on a comparison sheet; see g_date_time_format() */
  text = g_date_time_format (date, C_("sheet date", "%e %B %Y"));
  if (text == NULL)
    return g_date_time_format (date, "%Y-%m-%d");

  start = text;
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);

  return g_strndup (start, end - start);
}

static void
append_overview (GString        *out,
                 CpSheetContent *self)
{
  guint n_documents = self->documents->len;
  g_autofree char *date = format_date (self->date);
  g_autofree char *date_iso = g_date_time_format (self->date, "%Y-%m-%d");
  g_autofree char *reviews = g_strdup_printf (ngettext ("%u review", "%u reviews", n_documents), n_documents);

  g_string_append (out, "<header class=\"sheet\">\n<h1>");
  cp_escape_append_markup (out, self->title, -1);
  g_string_append_printf (out, "</h1>\n<p><time datetime=\"%s\">", date_iso);
  cp_escape_append_markup (out, date, -1);
  g_string_append (out, "</time> · ");
  cp_escape_append_markup (out, reviews, -1);
  g_string_append (out, "</p>\n</header>\n");

  g_string_append (out, "<div class=\"overview\">\n<section>\n<h2>");
  cp_escape_append_markup (out, _("Reviews"), -1);
  g_string_append (out, "</h2>\n<ol class=\"reviews\">\n");
  for (guint d = 0; d < n_documents; d++)
    {
      const SheetDocument *sd = get_document (self, d);
      g_autofree char *words = g_strdup_printf (ngettext ("%u word", "%u words", sd->n_words), sd->n_words);

      g_string_append_printf (out, "<li><span class=\"ref\">%u</span><span class=\"title\">", d + 1);
      cp_escape_append_markup (out, sd->title, -1);
      g_string_append (out, "</span><span class=\"words\">");
      cp_escape_append_markup (out, words, -1);
      if (sd->byline != NULL)
        {
          g_string_append (out, "</span><span class=\"byline\">");
          cp_escape_append_markup (out, sd->byline, -1);
        }
      g_string_append (out, "</span><span class=\"file\">");
      cp_escape_append_markup (out, sd->name, -1);
      g_string_append (out, "</span></li>\n");
    }
  g_string_append (out, "</ol>\n</section>\n");

  g_string_append (out, "<section>\n<h2>");
  cp_escape_append_markup (out, _("Topics"), -1);
  g_string_append (out, "</h2>\n<ul class=\"legend\">\n");
  for (guint t = 0; t < self->topics->len; t++)
    {
      g_string_append (out, "<li>");
      append_marker (out, t);
      cp_escape_append_markup (out, get_topic (self, t)->label, -1);
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ul>\n</section>\n</div>\n");
}

/* Shared, in one review, not mentioned. */
static guint
group_of (const SheetTopic *topic)
{
  return topic->spread >= 2 ? 0 : topic->spread == 1 ? 1 : 2;
}

static const char *
group_label (guint group)
{
  switch (group)
    {
    case 0:
      return _("Shared");
    case 1:
      return _("In one review");
    default:
      return _("Not mentioned");
    }
}

static void
append_matrix (GString        *out,
               CpSheetContent *self)
{
  guint n_documents = self->documents->len;

  g_string_append (out, "<section class=\"matrix-section\">\n<h2>");
  cp_escape_append_markup (out, _("Coverage"), -1);
  g_string_append (out, "</h2>\n<table class=\"matrix\">\n<thead>\n<tr><th scope=\"col\">");
  cp_escape_append_markup (out, _("Topic"), -1);
  g_string_append (out, "</th>");
  for (guint d = 0; d < n_documents; d++)
    {
      g_string_append_printf (out, "<th scope=\"col\" title=\"");
      cp_escape_append_markup (out, get_document (self, d)->title, -1);
      g_string_append_printf (out, "\"><span class=\"ref\">%u</span></th>", d + 1);
    }
  g_string_append (out, "<th scope=\"col\">");
  cp_escape_append_markup (out, _("Reviews"), -1);
  g_string_append (out, "</th><th scope=\"col\">");
  cp_escape_append_markup (out, _("Mentions"), -1);
  g_string_append (out, "</th></tr>\n</thead>\n<tbody>\n");

  for (guint t = 0; t < self->topics->len; t++)
    {
      const SheetTopic *topic = get_topic (self, t);
      guint group = group_of (topic);
      gboolean first = t == 0 || group != group_of (get_topic (self, t - 1));
      guint total = 0;

      g_string_append_printf (out, "<tr%s><th scope=\"row\">", first && t > 0 ? " class=\"first-of-group\"" : "");
      if (first)
        {
          g_string_append (out, "<span class=\"group\">");
          cp_escape_append_markup (out, group_label (group), -1);
          g_string_append (out, "</span>");
        }
      append_marker (out, t);
      cp_escape_append_markup (out, topic->label, -1);
      g_string_append (out, "</th>");

      for (guint d = 0; d < n_documents; d++)
        {
          guint count = topic->counts[d];

          total += count;
          if (count == 0)
            {
              g_string_append (out, "<td class=\"zero\">0</td>");
              continue;
            }

          {
            /* Denser is darker, from a light tint up to most of the color. */
            double alpha = 0.15 + 0.7 * count / MAX (self->max_count, 1);

            g_string_append (out, "<td style=\"background: ");
            append_tint (out, topic->rgb, alpha);
            g_string_append_printf (out, "; color: %s\">%u</td>", ink_for (topic->rgb, alpha), count);
          }
        }
      g_string_append_printf (out, "<td class=\"sum\">%u</td><td class=\"sum\">%u</td></tr>\n",
                              topic->spread, total);
    }
  g_string_append (out, "</tbody>\n</table>\n</section>\n");
}

/* The head of a band or of the appendix: a heading row, then the
 * reviews' titles; print repeats it on every page the table runs to.
 */
static void
append_columns_head (GString        *out,
                     CpSheetContent *self,
                     const char     *label,
                     int             topic,
                     const char     *meta)
{
  guint n_documents = self->documents->len;

  g_string_append (out, "<table class=\"columns\">\n<thead>\n");
  g_string_append_printf (out, "<tr class=\"topic\"><th colspan=\"%u\" scope=\"colgroup\">", MAX (n_documents, 1));
  if (topic >= 0)
    append_marker (out, (guint)topic);
  cp_escape_append_markup (out, label, -1);
  if (meta != NULL)
    {
      g_string_append (out, "<span class=\"meta\">");
      cp_escape_append_markup (out, meta, -1);
      g_string_append (out, "</span>");
    }
  g_string_append (out, "</th></tr>\n<tr>");
  for (guint d = 0; d < n_documents; d++)
    {
      g_string_append_printf (out, "<th scope=\"col\"><span class=\"ref\">%u</span>", d + 1);
      cp_escape_append_markup (out, get_document (self, d)->title, -1);
      g_string_append (out, "</th>");
    }
  g_string_append (out, "</tr>\n</thead>\n<tbody>\n<tr>\n");
}

static void
append_columns_tail (GString *out)
{
  g_string_append (out, "</tr>\n</tbody>\n</table>\n");
}

/* A note's label; @link: a link to it in the Notes section */
static void
append_note_ref (GString        *out,
                 CpSheetContent *self,
                 guint           note,
                 gboolean        link)
{
  g_autofree char *label = cp_sheet_content_dup_note_label (self, note);
  guint number = g_array_index (self->notes, CpSheetNote, note).number;

  if (link)
    g_string_append_printf (out, "<a class=\"note-ref\" href=\"#note-%u\">", number);
  else
    g_string_append (out, "<span class=\"note-ref\">");
  cp_escape_append_markup (out, label, -1);
  g_string_append (out, link ? "</a>" : "</span>");
}

static void
append_band (GString        *out,
             CpSheetContent *self,
             guint           band)
{
  guint n_documents = self->documents->len;
  guint row = g_array_index (self->bands, guint, band);
  const SheetTopic *topic = get_topic (self, row);
  guint total = 0;
  g_autofree char *meta = NULL;

  for (guint d = 0; d < n_documents; d++)
    total += topic->counts[d];
  /* TRANSLATORS: beside a topic's name: "in 3 of 4 reviews · 9 mentions" */
  meta = g_strdup_printf (ngettext ("in %u of %u reviews · %u mention", "in %u of %u reviews · %u mentions", total),
                          topic->spread, n_documents, total);

  g_string_append_printf (out, "<section class=\"band topic-%u\">\n", row + 1);
  append_columns_head (out, self, topic->label, row, meta);

  for (guint d = 0; d < n_documents; d++)
    {
      const Cell *cell = get_cell (self, band, d);

      g_string_append (out, "<td>\n");
      for (guint e = 0; e < cell->excerpts->len; e++)
        {
          const CpSheetExcerpt *excerpt = &g_array_index (cell->excerpts, CpSheetExcerpt, e);

          g_string_append (out, "<p class=\"excerpt\">");
          append_marked (out, excerpt->text, strlen (excerpt->text), excerpt->marks, excerpt->n_marks, FALSE);
          for (guint n = 0; n < excerpt->n_notes; n++)
            {
              g_string_append_c (out, ' ');
              append_note_ref (out, self, excerpt->notes[n], TRUE);
            }
          g_string_append (out, "</p>\n");
        }

      if (cell->n_more > 0)
        {
          g_autofree char *more = g_strdup_printf (ngettext ("+ %u more", "+ %u more", cell->n_more), cell->n_more);

          g_string_append (out, "<p class=\"more\">");
          cp_escape_append_markup (out, more, -1);
          g_string_append (out, "</p>\n");
        }
      else if (cell->excerpts->len == 0)
        {
          g_string_append (out, "<p class=\"none\">");
          cp_escape_append_markup (out, _("Not mentioned"), -1);
          g_string_append (out, "</p>\n");
        }
      g_string_append (out, "</td>\n");
    }

  append_columns_tail (out);
  g_string_append (out, "</section>\n");
}

/* Every note, under its review's title: the passage, then the note */
static void
append_notes (GString        *out,
              CpSheetContent *self)
{
  guint document = G_MAXUINT;

  g_string_append (out, "<section class=\"notes\">\n<h2>");
  cp_escape_append_markup (out, _("Notes"), -1);
  g_string_append (out, "</h2>\n");
  for (guint i = 0; i < self->notes->len; i++)
    {
      const CpSheetNote *note = &g_array_index (self->notes, CpSheetNote, i);

      if (note->document != document)
        {
          if (document != G_MAXUINT)
            g_string_append (out, "</ol>\n");
          document = note->document;
          g_string_append_printf (out, "<h3><span class=\"ref\">%u</span>", document + 1);
          cp_escape_append_markup (out, get_document (self, document)->title, -1);
          g_string_append (out, "</h3>\n<ol class=\"notes\">\n");
        }

      g_string_append_printf (out, "<li id=\"note-%u\">", note->number);
      append_note_ref (out, self, i, FALSE);
      if (*note->quote != '\0')
        {
          g_string_append (out, "<blockquote>“");
          cp_escape_append_markup (out, note->quote, -1);
          g_string_append (out, "”</blockquote>");
        }
      g_string_append (out, "<p>");
      cp_escape_append_markup (out, note->text, -1);
      g_string_append (out, "</p></li>\n");
    }
  if (document != G_MAXUINT)
    g_string_append (out, "</ol>\n");
  g_string_append (out, "</section>\n");
}

static void
append_appendix (GString        *out,
                 CpSheetContent *self)
{
  guint n_documents = self->documents->len;

  g_string_append (out, "<section class=\"appendix\">\n");
  append_columns_head (out, self, _("Full texts"), -1, NULL);
  for (guint d = 0; d < n_documents; d++)
    {
      const SheetDocument *sd = get_document (self, d);

      g_string_append (out, "<td class=\"text\">");
      append_marked (out, cp_document_get_text (sd->document), cp_document_get_length (sd->document),
                     (const CpSheetMark *)(gpointer)sd->marks->data, sd->marks->len, TRUE);
      g_string_append (out, "</td>\n");
    }
  append_columns_tail (out);
  g_string_append (out, "</section>\n");
}

/**
 * cp_sheet_content_to_html:
 * @self: a #CpSheetContent
 * @length: (out) (optional): return location for the length in bytes
 *
 * Writes the sheet as one self-contained HTML page: an inline style
 * sheet with print rules, no scripts and nothing to fetch. Every topic
 * has a class (“topic-1”… in row order) and a numbered marker, so that
 * topics stay apart in grayscale. Mentions are <mark> elements. The
 * reader's notes follow the bands in a Notes section, each in an element
 * with the id “note-<number>”; an excerpt that a note touches links to it
 * with the note's label. The page is also well-formed XML, everything in
 * it escaped.
 *
 * Returns: (transfer full): the page, UTF-8
 */
char *
cp_sheet_content_to_html (CpSheetContent *self,
                          gsize          *length)
{
  GString *out;

  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), NULL);

  out = g_string_sized_new (16 * 1024);
  append_head (out, self);
  append_overview (out, self);
  append_matrix (out, self);
  for (guint b = 0; b < self->bands->len; b++)
    append_band (out, self, b);
  if (self->notes->len > 0)
    append_notes (out, self);
  if (self->full_texts)
    append_appendix (out, self);

  g_string_append (out, "<footer>");
  cp_escape_append_markup (out, _("Made with Counterpoint"), -1);
  g_string_append (out, "</footer>\n</body>\n</html>\n");

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

/**
 * cp_sheet_content_to_csv:
 * @self: a #CpSheetContent
 * @length: (out) (optional): return location for the length in bytes
 *
 * Writes the coverage matrix as CSV (RFC 4180, CRLF line ends): a header
 * `topic,<review title>…,reviews,mentions`, then one line per sheet
 * topic, in row order, with its label, its count in each review, the
 * number of reviews that mention it and its number of mentions. It has
 * no notes: one CSV text is one table, and this one is the matrix.
 *
 * Returns: (transfer full): the CSV text, UTF-8
 */
char *
cp_sheet_content_to_csv (CpSheetContent *self,
                         gsize          *length)
{
  GString *out;

  g_return_val_if_fail (CP_IS_SHEET_CONTENT (self), NULL);

  out = g_string_new ("topic");
  for (guint d = 0; d < self->documents->len; d++)
    {
      g_string_append_c (out, ',');
      cp_escape_append_csv_field (out, get_document (self, d)->title);
    }
  g_string_append (out, ",reviews,mentions\r\n");

  for (guint t = 0; t < self->topics->len; t++)
    {
      const SheetTopic *topic = get_topic (self, t);
      guint total = 0;

      cp_escape_append_csv_field (out, topic->label);
      for (guint d = 0; d < self->documents->len; d++)
        {
          g_string_append_printf (out, ",%u", topic->counts[d]);
          total += topic->counts[d];
        }
      g_string_append_printf (out, ",%u,%u\r\n", topic->spread, total);
    }

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

/* }}} */
