/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Terms: the words and phrases a topic is made of, as the user types or
 * selects them, and the key under which the matcher treats two of them as
 * the same. */

#include "config.h"

#include <string.h>

#include "cp-matcher.h"
#include "cp-term.h"
#include "cp-unichar.h"

/* Copies [@start, @end) with every run of white space as one space,
 * none at either end, and, when @straighten is set, curly apostrophes
 * made straight. */
static GString *
collapse_space (const char *start,
                const char *end,
                gboolean    straighten)
{
  GString *out = g_string_sized_new (end - start);
  gboolean space = FALSE;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;

      if (straighten && (c == 0x2018 || c == 0x2019 || c == 0x02BC))
        g_string_append_c (out, '\'');
      else
        g_string_append_unichar (out, c);
    }

  return out;
}

/**
 * cp_term_dup_key:
 * @term: a term
 *
 * Terms that the matcher treats as the same have the same key, and terms
 * it tells apart have different ones: case folded one character for one
 * as the matcher folds (cp_unichar_fold ()), curly apostrophes made
 * straight and runs of white space made one space.
 *
 * Returns: (transfer full): the key of @term
 */
char *
cp_term_dup_key (const char *term)
{
  g_autoptr(GString) even = NULL;
  g_autoptr(GString) folded = NULL;

  g_return_val_if_fail (term != NULL, NULL);

  even = collapse_space (term, term + strlen (term), TRUE);

  /* Folded as the matcher folds, character by character */
  folded = g_string_sized_new (even->len);
  for (const char *p = even->str; *p; p = g_utf8_next_char (p))
    g_string_append_unichar (folded, cp_unichar_fold (g_utf8_get_char (p)));

  return g_string_free (g_steal_pointer (&folded), FALSE);
}

/* Punctuation that a selection often takes along at its ends but that a
 * term does not want: everything Unicode calls punctuation or a symbol,
 * the term syntax's `*` included. */
static gboolean
is_edge_char (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_ispunct (c);
}

/**
 * cp_term_from_text:
 * @text: text the user selected
 *
 * Makes a term of a piece of text: white space runs (line breaks
 * included) become one space, and white space and punctuation at either
 * end are dropped ("Tate Modern," → "Tate Modern").
 *
 * Returns: (transfer full) (nullable): the term, or %NULL when nothing is
 *   left
 */
char *
cp_term_from_text (const char *text)
{
  g_autoptr(GString) term = NULL;
  const char *start;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  start = text;
  end = text + strlen (text);

  while (start < end && is_edge_char (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_edge_char (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  if (start == end)
    return NULL;

  term = collapse_space (start, end, FALSE);

  return g_string_free (g_steal_pointer (&term), FALSE);
}

/**
 * cp_term_is_valid:
 * @term: a term as a user would type it
 * @error: return location for the reason it is not
 *
 * Whether @term could be a term of a topic, by the same rules as
 * cp_matcher_add_term().
 *
 * Returns: %TRUE if @term is a valid term
 */
gboolean
cp_term_is_valid (const char  *term,
                  GError     **error)
{
  g_autoptr(CpMatcher) matcher = cp_matcher_new ();

  g_return_val_if_fail (term != NULL, FALSE);

  return cp_matcher_add_term (matcher, 0, 0, term, error);
}
