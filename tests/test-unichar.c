/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-unichar.h"

/* What both sets answer alike: Latin, Greek and Cyrillic letters, digits,
 * combining marks, spaces and punctuation, CJK punctuation and symbols. */
static void
test_neither (void)
{
  static const gunichar latin_and_others[] = {
    'a', 'Z', '0', ' ', '.',
    0x00E9, /* é */
    0x0301, /* combining acute accent */
    0x03C3, /* σ */
    0x0436, /* ж */
    0x05D0, /* א */
    0x0E01, /* ก: Thai is written without spaces, but its words are
             * runs like Latin here, as before */
    0x10FF, /* just below Hangul Jamo */
    0x2E80, /* ⺀ CJK radical: a symbol of the Han script */
    0x3000, /* ideographic space */
    0x3001, /* 、 */
    0x3002, /* 。 */
    0x300C, /* 「 */
    0x3040, /* unassigned, just below Hiragana */
    0x3099, /* combining voiced sound mark: Inherited script */
    0xFF01, /* ！ */
    0xFF21, /* Ａ fullwidth Latin */
    0xFF10, /* ０ fullwidth digit */
    0xFF9E, /* ﾞ halfwidth voiced sound mark: Common script */
  };

  for (guint i = 0; i < G_N_ELEMENTS (latin_and_others); i++)
    {
      gunichar c = latin_and_others[i];

      g_test_message ("U+%04X", c);
      g_assert_false (cp_unichar_is_unspaced (c));
      g_assert_false (cp_unichar_needs_no_boundary (c));
    }
}

/* Han, Hiragana, Katakana and their marks are in both sets. */
static void
test_unspaced (void)
{
  static const gunichar unspaced[] = {
    0x3005,  /* 々 iteration mark */
    0x3041,  /* ぁ first Hiragana */
    0x3042,  /* あ */
    0x3096,  /* ゖ last Hiragana of the fast range */
    0x309D,  /* ゝ */
    0x309E,  /* ゞ */
    0x309F,  /* ゟ Hiragana digraph, past the fast range */
    0x30A1,  /* ァ first Katakana */
    0x30AB,  /* カ */
    0x30FA,  /* ヺ */
    0x30FC,  /* ー prolonged sound mark, Common script */
    0x30FD,  /* ヽ */
    0x30FE,  /* ヾ */
    0x31F0,  /* ㇰ Katakana phonetic extension */
    0x3400,  /* 㐀 CJK extension A */
    0x4DBF,  /* last of extension A */
    0x4E00,  /* 一 */
    0x6587,  /* 文 */
    0x9FFF,  /* last of the unified ideographs */
    0xF900,  /* 豈 compatibility ideograph */
    0xFF66,  /* ｦ halfwidth Katakana */
    0xFF70,  /* ｰ halfwidth prolonged sound mark, Common script */
    0xFF71,  /* ｱ */
    0x20000, /* 𠀀 CJK extension B */
  };

  for (guint i = 0; i < G_N_ELEMENTS (unspaced); i++)
    {
      gunichar c = unspaced[i];

      g_test_message ("U+%04X", c);
      g_assert_true (cp_unichar_is_unspaced (c));
      g_assert_true (cp_unichar_needs_no_boundary (c));
    }
}

/* Korean writes spaces between words but attaches particles to them:
 * Hangul needs no boundary, yet is not unspaced. */
static void
test_hangul (void)
{
  static const gunichar hangul[] = {
    0x1100, /* ᄀ first Hangul Jamo */
    0x11FF, /* last Hangul Jamo */
    0x3131, /* ㄱ compatibility Jamo */
    0xAC00, /* 가 first syllable */
    0xD55C, /* 한 */
    0xD7A3, /* 힣 last syllable */
    0xFFA1, /* ﾡ halfwidth Jamo */
  };

  for (guint i = 0; i < G_N_ELEMENTS (hangul); i++)
    {
      gunichar c = hangul[i];

      g_test_message ("U+%04X", c);
      g_assert_false (cp_unichar_is_unspaced (c));
      g_assert_true (cp_unichar_needs_no_boundary (c));
    }

  /* Either side of the syllables */
  g_assert_false (cp_unichar_needs_no_boundary (0xABFF)); /* Meetei Mayek */
  g_assert_false (cp_unichar_needs_no_boundary (0xD7A4)); /* unassigned */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/unichar/neither", test_neither);
  g_test_add_func ("/core/unichar/unspaced", test_unspaced);
  g_test_add_func ("/core/unichar/hangul", test_hangul);

  return g_test_run ();
}
