/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-unichar.h"

static inline gboolean
is_letter_or_mark (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/**
 * cp_unichar_is_unspaced:
 * @c: a character
 *
 * Whether @c is a letter of a script written without spaces between
 * words: Han, Hiragana or Katakana, their iteration marks and the
 * prolonged sound mark (U+30FC, U+FF70). See cp-unichar.h for why Hangul
 * is not.
 *
 * Returns: %TRUE if @c is such a letter
 */
gboolean
cp_unichar_is_unspaced (gunichar c)
{
  GUnicodeScript script;

  /* Nothing below the CJK radicals: the ASCII and Latin fast path. */
  if (c < 0x2E80)
    return FALSE;

  /* The common ideographs, Hiragana and Katakana without a script lookup */
  if ((c >= 0x4E00 && c <= 0x9FFF) ||
      (c >= 0x3041 && c <= 0x3096) ||
      (c >= 0x30A1 && c <= 0x30FA))
    return TRUE;

  switch (c)
    {
    case 0x3005: /* 々 */
    case 0x309D: /* ゝ */
    case 0x309E: /* ゞ */
    case 0x30FC: /* ー, of the Common script */
    case 0x30FD: /* ヽ */
    case 0x30FE: /* ヾ */
    case 0xFF70: /* ｰ, of the Common script */
      return TRUE;
    default:
      break;
    }

  if (!is_letter_or_mark (c))
    return FALSE;

  script = g_unichar_get_script (c);
  return script == G_UNICODE_SCRIPT_HAN ||
         script == G_UNICODE_SCRIPT_HIRAGANA ||
         script == G_UNICODE_SCRIPT_KATAKANA;
}

/**
 * cp_unichar_needs_no_boundary:
 * @c: a character
 *
 * Whether a term matches next to @c without a word boundary: the letters
 * of cp_unichar_is_unspaced() and Hangul. See cp-unichar.h.
 *
 * Returns: %TRUE if @c is such a letter
 */
gboolean
cp_unichar_needs_no_boundary (gunichar c)
{
  /* Hangul Jamo start at U+1100, the rest above U+2E80. */
  if (c < 0x1100)
    return FALSE;

  /* Hangul syllables without a script lookup */
  if (c >= 0xAC00 && c <= 0xD7A3)
    return TRUE;

  if (cp_unichar_is_unspaced (c))
    return TRUE;

  return is_letter_or_mark (c) &&
         g_unichar_get_script (c) == G_UNICODE_SCRIPT_HANGUL;
}
