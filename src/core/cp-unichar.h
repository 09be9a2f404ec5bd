/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Which characters are not like Latin letters, and why. Two sets, because
 * the callers want two different things:
 *
 * - cp_unichar_is_unspaced (): a letter of a script written without
 *   spaces between words, Han, Hiragana and Katakana, with their
 *   iteration marks and the prolonged sound mark (U+30FC and its
 *   halfwidth form U+FF70, both of the Common script). Each one is a word
 *   by itself when words are counted (cp-document.c), and a line break
 *   between two of them is not a space when lines are joined again
 *   (cp-sheet-content.c). Hangul is not one of them: Korean writes spaces
 *   between words, so "한국어 문장입니다" is two words and a line break
 *   inside Korean text stands for a space.
 *
 * - cp_unichar_needs_no_boundary (): a character next to which a term
 *   matches without a word boundary, and which is one of its own next to a
 *   Latin word ("在Twitter上" mentions Twitter): the unspaced letters and
 *   Hangul as well, because Korean attaches its particles to the word
 *   ("트위터에서", on Twitter), so a Korean term must match inside a run of
 *   Hangul (cp-matcher.c). Theme discovery, which proposes terms for that
 *   matcher, cuts the same characters into phrases of single characters
 *   (cp-discover.c).
 *
 * Both are about letters: punctuation of these scripts (。「」) and symbols
 * (the CJK radicals) are neither; combining marks (U+3099) follow the
 * rules for marks of their callers.
 */
gboolean cp_unichar_is_unspaced        (gunichar c);
gboolean cp_unichar_needs_no_boundary  (gunichar c);

/*
 * Simple case folding, one character for one: upper then lower maps Σ, σ
 * and ς to σ, ſ to s, K (Kelvin) to k and İ to i, which lower-casing
 * alone does not; ß stays ß (full folding would make it "ss", which the
 * matcher, comparing character by character, never does). The matcher
 * and the keys that tell two terms apart (cp_term_dup_key ()) both fold
 * this way, so that two terms have one key exactly when they match the
 * same text.
 */
static inline gunichar
cp_unichar_fold (gunichar c)
{
  if (c < 0x80)
    return g_ascii_tolower (c);
  return g_unichar_tolower (g_unichar_toupper (c));
}

G_END_DECLS
