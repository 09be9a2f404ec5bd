/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The matcher against a brute-force reference written here from the
 * rules the matcher documents (cp_matcher_add_term(), docs/matcher.md):
 * whole words, simple case folding (cp-unichar.h), a space matching any
 * run of white space, a hyphen matching a hyphen, U+2010, U+2011, an en
 * dash or (inside a word pair) white space, straight and curly
 * apostrophes equal, a trailing `*` running on to the end of the word,
 * Han, Kana and Hangul needing no boundary, and per topic the leftmost,
 * then longest mention.
 *
 * Input: terms, one line per topic with terms separated by '|', a NUL,
 * then the text. The first byte of the terms steers the topic numbers
 * (in order, or reversed so that terms come out of order).
 */
#include "config.h"

#include <string.h>

#include "cp-error.h"
#include "cp-matcher.h"
#include "cp-unichar.h"
#include "fuzz-common.h"

#define MAX_TEXT 4096
#define MAX_TOPICS 8
#define MAX_TERMS 8
#define MAX_FORKS 8

/* A term as the reference reads it: its characters, spaces collapsed */
typedef enum
{
  SYM_CHAR,
  SYM_SPACE,
  SYM_HYPHEN,
  SYM_APOSTROPHE,
} SymKind;

typedef struct
{
  SymKind  kind;
  gunichar c;        /* folded, for SYM_CHAR */
  gboolean forkable; /* a hyphen that may also be white space */
} Sym;

typedef struct
{
  guint   topic;
  guint   term;
  GArray *syms;
  gboolean prefix;
} RefTerm;

static gboolean
ref_is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200B;
}

static gboolean
ref_is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2013;
}

static gboolean
ref_is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x02BC;
}

static gunichar
ref_fold (gunichar c)
{
  return g_unichar_tolower (g_unichar_toupper (c));
}

/* Letters, digits and marks, other than the characters with a meaning of
 * their own in terms; Han, Kana and Hangul are not word characters here
 * either, as they need no boundary */
static gboolean
ref_is_word (gunichar c)
{
  if (ref_is_space (c) || ref_is_hyphen (c) || ref_is_apostrophe (c))
    return FALSE;
  if (cp_unichar_needs_no_boundary (c))
    return FALSE;
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static void
ref_term_clear (gpointer data)
{
  RefTerm *term = data;

  g_clear_pointer (&term->syms, g_array_unref);
}

static void
ref_term_init (RefTerm    *term,
               guint       topic,
               guint       index,
               const char *pattern)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (pattern));
  gsize length = strlen (trimmed);
  guint n_forks = 0;

  term->topic = topic;
  term->term = index;
  term->prefix = FALSE;
  if (length > 0 && trimmed[length - 1] == '*')
    {
      term->prefix = TRUE;
      trimmed[length - 1] = '\0';
      g_strchomp (trimmed);
    }

  term->syms = g_array_new (FALSE, TRUE, sizeof (Sym));
  for (const char *p = trimmed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      Sym sym = { 0 };

      if (ref_is_space (c))
        {
          if (term->syms->len > 0 && g_array_index (term->syms, Sym, term->syms->len - 1).kind == SYM_SPACE)
            continue;
          sym.kind = SYM_SPACE;
        }
      else if (ref_is_hyphen (c))
        sym.kind = SYM_HYPHEN;
      else if (ref_is_apostrophe (c))
        sym.kind = SYM_APOSTROPHE;
      else
        {
          sym.kind = SYM_CHAR;
          sym.c = ref_fold (c);
        }
      g_array_append_val (term->syms, sym);
    }

  /* A hyphen between two characters that are not white space may be
   * white space in the text; the matcher spells out the first eight */
  for (guint i = 1; i + 1 < term->syms->len && n_forks < MAX_FORKS; i++)
    {
      Sym *sym = &g_array_index (term->syms, Sym, i);

      if (sym->kind == SYM_HYPHEN &&
          g_array_index (term->syms, Sym, i - 1).kind != SYM_SPACE &&
          g_array_index (term->syms, Sym, i + 1).kind != SYM_SPACE)
        {
          sym->forkable = TRUE;
          n_forks++;
        }
    }
}

/* Past the run of white space at @i: a space matches all of it */
static guint
skip_spaces (const gunichar *text,
             guint           n_text,
             guint           i)
{
  while (i < n_text && ref_is_space (text[i]))
    i++;
  return i;
}

/* Where each end of @term starting at character @i of @text can end, in
 * characters; the longest that honours the word boundary at the end */
static void
ref_match (const RefTerm  *term,
           const gunichar *text,
           guint           n_text,
           guint           i,
           guint           k,
           int            *longest)
{
  const Sym *sym;

  if (k == term->syms->len)
    {
      guint end = i;
      const Sym *last = &g_array_index (term->syms, Sym, term->syms->len - 1);

      if (term->prefix)
        {
          while (end < n_text && ref_is_word (text[end]))
            end++;
        }
      else if (last->kind == SYM_CHAR && ref_is_word (last->c) && end < n_text && ref_is_word (text[end]))
        return;

      *longest = MAX (*longest, (int) end);
      return;
    }

  if (i >= n_text)
    return;

  sym = &g_array_index (term->syms, Sym, k);
  switch (sym->kind)
    {
    case SYM_SPACE:
      if (ref_is_space (text[i]))
        ref_match (term, text, n_text, skip_spaces (text, n_text, i), k + 1, longest);
      break;
    case SYM_HYPHEN:
      if (ref_is_hyphen (text[i]))
        ref_match (term, text, n_text, i + 1, k + 1, longest);
      if (sym->forkable && ref_is_space (text[i]))
        ref_match (term, text, n_text, skip_spaces (text, n_text, i), k + 1, longest);
      break;
    case SYM_APOSTROPHE:
      if (ref_is_apostrophe (text[i]))
        ref_match (term, text, n_text, i + 1, k + 1, longest);
      break;
    case SYM_CHAR:
      if (!ref_is_space (text[i]) && !ref_is_hyphen (text[i]) && !ref_is_apostrophe (text[i]) &&
          ref_fold (text[i]) == sym->c)
        ref_match (term, text, n_text, i + 1, k + 1, longest);
      break;
    default:
      g_assert_not_reached ();
    }
}

#define THREE_WAY(a, b) (((a) > (b)) - ((a) < (b)))

/* The documented order: by start, then topic; within a topic the longer
 * first, then the lower term, which is the one leftmost-longest keeps */
static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const CpMention *x = a;
  const CpMention *y = b;
  int order = THREE_WAY (x->start, y->start);

  if (order == 0)
    order = THREE_WAY (x->topic, y->topic);
  if (order == 0)
    order = THREE_WAY (y->end, x->end);
  if (order == 0)
    order = THREE_WAY (x->term, y->term);
  return order;
}

/* Every mention of @terms in @text, as byte offsets, leftmost then
 * longest per topic, ordered by start, then topic. */
static GArray *
ref_scan (GArray     *terms,
          const char *text)
{
  g_autofree gunichar *chars = NULL;
  g_autofree guint32 *offsets = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (CpMention));
  g_autoptr(GHashTable) last_end = g_hash_table_new (NULL, NULL);
  GArray *mentions = g_array_new (FALSE, FALSE, sizeof (CpMention));
  glong n_chars = 0;
  const char *p;
  guint i;

  chars = g_utf8_to_ucs4_fast (text, -1, &n_chars);
  offsets = g_new (guint32, n_chars + 1);
  for (p = text, i = 0; i < n_chars; i++, p = g_utf8_next_char (p))
    offsets[i] = p - text;
  offsets[n_chars] = strlen (text);

  for (guint t = 0; t < terms->len; t++)
    {
      const RefTerm *term = &g_array_index (terms, RefTerm, t);
      const Sym *first = &g_array_index (term->syms, Sym, 0);
      gboolean needs_left = first->kind == SYM_CHAR && ref_is_word (first->c);

      for (i = 0; i < n_chars; i++)
        {
          int longest = -1;

          if (needs_left && i > 0 && ref_is_word (chars[i - 1]))
            continue;
          /* A run of white space starts with its first character */
          if (first->kind == SYM_SPACE && i > 0 && ref_is_space (chars[i - 1]))
            continue;

          ref_match (term, chars, n_chars, i, 0, &longest);
          if (longest >= 0)
            {
              CpMention m = { offsets[i], offsets[longest], term->topic, term->term };

              g_array_append_val (candidates, m);
            }
        }
    }

  g_array_sort (candidates, compare_candidates);
  for (i = 0; i < candidates->len; i++)
    {
      const CpMention *m = &g_array_index (candidates, CpMention, i);
      gpointer end;

      if (g_hash_table_lookup_extended (last_end, GUINT_TO_POINTER (m->topic), NULL, &end) &&
          m->start < GPOINTER_TO_UINT (end))
        continue;
      g_hash_table_insert (last_end, GUINT_TO_POINTER (m->topic), GUINT_TO_POINTER (m->end));
      g_array_append_val (mentions, *m);
    }

  return mentions;
}

G_GNUC_NORETURN static void
fail (GArray     *terms,
      const char *text,
      GArray     *got,
      GArray     *expected)
{
  g_autoptr(GString) s = g_string_new ("the matcher and the reference disagree\nterms:");

  for (guint i = 0; i < terms->len; i++)
    {
      const RefTerm *term = &g_array_index (terms, RefTerm, i);

      g_string_append_printf (s, " [%u.%u: %u symbols%s]", term->topic, term->term, term->syms->len,
                              term->prefix ? " *" : "");
    }
  g_string_append_printf (s, "\ntext: %s\nmatcher:", text);
  for (guint i = 0; i < got->len; i++)
    {
      const CpMention *m = &g_array_index (got, CpMention, i);

      g_string_append_printf (s, " %u-%u(%u.%u)", m->start, m->end, m->topic, m->term);
    }
  g_string_append (s, "\nreference:");
  for (guint i = 0; i < expected->len; i++)
    {
      const CpMention *m = &g_array_index (expected, CpMention, i);

      g_string_append_printf (s, " %u-%u(%u.%u)", m->start, m->end, m->topic, m->term);
    }
  g_error ("%s", s->str);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GArray) parts = NULL;
  g_autoptr(CpMatcher) matcher = NULL;
  g_autoptr(GArray) terms = NULL;
  g_autoptr(GArray) got = NULL;
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *term_text = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean reversed;

  fuzz_init ();

  parts = fuzz_split (data, size, 2);
  if (parts->len < 2 || g_array_index (parts, FuzzPart, 1).length > MAX_TEXT)
    return 0;

  term_text = fuzz_part_dup_valid (&g_array_index (parts, FuzzPart, 0));
  text = fuzz_part_dup_valid (&g_array_index (parts, FuzzPart, 1));
  reversed = size > 0 && (data[0] & 1);

  matcher = cp_matcher_new ();
  terms = g_array_new (FALSE, TRUE, sizeof (RefTerm));
  g_array_set_clear_func (terms, ref_term_clear);

  lines = g_strsplit (term_text, "\n", MAX_TOPICS);
  for (guint i = 0; lines[i] != NULL && i < MAX_TOPICS; i++)
    {
      g_auto(GStrv) patterns = g_strsplit (lines[i], "|", MAX_TERMS);
      guint topic = reversed ? MAX_TOPICS - i : i;

      for (guint j = 0; patterns[j] != NULL && j < MAX_TERMS; j++)
        {
          RefTerm term;

          if (!cp_matcher_add_term (matcher, topic, j, patterns[j], &error))
            {
              g_assert_error (error, CP_ERROR, CP_ERROR_INVALID_TERM);
              g_assert_true (g_utf8_validate (error->message, -1, NULL));
              g_clear_error (&error);
              continue;
            }
          ref_term_init (&term, topic, j, patterns[j]);
          g_assert_cmpuint (term.syms->len, >, 0);
          g_array_append_val (terms, term);
        }
    }

  if (!cp_matcher_compile (matcher, &error))
    g_error ("%s", error->message);

  got = cp_matcher_scan (matcher, text, strlen (text));
  expected = ref_scan (terms, text);

  if (got->len != expected->len ||
      (got->len > 0 && memcmp (got->data, expected->data, got->len * sizeof (CpMention)) != 0))
    fail (terms, text, got, expected);

  return 0;
}
