/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-error.h"
#include "cp-matcher.h"
#include "cp-term.h"

/* Topic and term of a mention, and the text it covers. */
typedef struct
{
  guint       topic;
  guint       term;
  const char *text;
} Expected;

/* Terms are given as "topic:term text"; the term index counts per call. */
static CpMatcher *
build (const char * const *specs)
{
  g_autoptr(CpMatcher) matcher = cp_matcher_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; specs[i] != NULL; i++)
    {
      guint topic = specs[i][0] - '0';

      g_assert_cmpint (specs[i][1], ==, ':');
      cp_matcher_add_term (matcher, topic, i, specs[i] + 2, &error);
      g_assert_no_error (error);
    }

  cp_matcher_compile (matcher, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&matcher);
}

static void
assert_mentions (const char * const *specs,
                 const char         *text,
                 const Expected     *expected,
                 guint               n_expected)
{
  g_autoptr(CpMatcher) matcher = build (specs);
  g_autoptr(GArray) mentions = cp_matcher_scan (matcher, text, strlen (text));

  for (guint i = 0; i < MIN (mentions->len, n_expected); i++)
    {
      const CpMention *m = &g_array_index (mentions, CpMention, i);
      g_autofree char *got = g_strndup (text + m->start, m->end - m->start);

      g_test_message ("mention %u: [%u,%u) topic %u term %u “%s”", i, m->start, m->end, m->topic, m->term, got);
      g_assert_cmpstr (got, ==, expected[i].text);
      g_assert_cmpuint (m->topic, ==, expected[i].topic);
      g_assert_cmpuint (m->term, ==, expected[i].term);
      if (i > 0)
        g_assert_cmpuint (m->start, >=, g_array_index (mentions, CpMention, i - 1).start);
    }
  g_assert_cmpuint (mentions->len, ==, n_expected);
  g_assert_finalize_object (g_steal_pointer (&matcher));
}

static guint
count_mentions (const char *term,
                const char *text)
{
  const char *specs[] = { NULL, NULL };
  g_autofree char *spec = g_strdup_printf ("0:%s", term);
  g_autoptr(CpMatcher) matcher = NULL;
  g_autoptr(GArray) mentions = NULL;

  specs[0] = spec;
  matcher = build (specs);
  mentions = cp_matcher_scan (matcher, text, strlen (text));
  return mentions->len;
}

static void
test_case_folding (void)
{
  /* Simple Unicode case folding, not ASCII-only */
  g_assert_cmpuint (count_mentions ("Été", "ÉTÉ, été and Été"), ==, 3);
  g_assert_cmpuint (count_mentions ("été", "ÉTÉ"), ==, 1);
  g_assert_cmpuint (count_mentions ("Ärger", "ärger ÄRGER Ärger"), ==, 3);
  /* Σ, σ and final ς are one letter */
  g_assert_cmpuint (count_mentions ("ΟΔΟΣ", "οδος οδός ΟΔΟΣ"), ==, 2);
  g_assert_cmpuint (count_mentions ("οδοσ", "ΟΔΟΣ οδος"), ==, 2);
  g_assert_cmpuint (count_mentions ("σοφία", "ΣΟΦΊΑ σοφία Σοφία"), ==, 3);
  g_assert_cmpuint (count_mentions ("twitter", "TWITTER Twitter tWiTtEr"), ==, 3);
  /* Kelvin sign folds to k */
  g_assert_cmpuint (count_mentions ("kelvin", "\xe2\x84\xaa" "ELVIN"), ==, 1);
  /* a different letter stays different */
  g_assert_cmpuint (count_mentions ("ete", "été"), ==, 0);
}

static void
test_word_boundaries (void)
{
  const char *specs[] = { "0:Twitter", NULL };
  const Expected expected[] = {
    { 0, 0, "Twitter" },
    { 0, 0, "Twitter" },
    { 0, 0, "twitter" },
    { 0, 0, "Twitter" },
    { 0, 0, "Twitter" },
  };

  assert_mentions (specs,
                   "Twitter's Twitterverse, Twitter’s feed, (twitter) xTwitter "
                   "Twitter2 2Twitter Twitter_ Twitter.",
                   expected, G_N_ELEMENTS (expected));

  /* digits are word characters; punctuation and the ends of text are not */
  g_assert_cmpuint (count_mentions ("2008", "in 2008, not 20080 or 12008"), ==, 1);
  g_assert_cmpuint (count_mentions ("Twitter", "Twitter"), ==, 1);
  g_assert_cmpuint (count_mentions ("Twitter", "Twitters"), ==, 0);
  g_assert_cmpuint (count_mentions ("seed", "seeds seedling seed."), ==, 1);
  /* letters with accents and combining marks are word characters */
  g_assert_cmpuint (count_mentions ("caf", "café cafe\xcc\x81" " caf"), ==, 1);
  g_assert_cmpuint (count_mentions ("Ai", "Ai, Aix, naive Ai’s ai-"), ==, 3);
}

static void
test_prefix (void)
{
  const char *specs[] = { "0:tweet*", NULL };
  const Expected expected[] = {
    { 0, 0, "tweet" },
    { 0, 0, "tweets" },
    { 0, 0, "Tweeted" },
    { 0, 0, "tweeting" },
    { 0, 0, "tweet" },
  };

  assert_mentions (specs, "tweet tweets Tweeted, tweeting retweet atweet tweet’s", expected, G_N_ELEMENTS (expected));

  /* the star extends only the last word of a phrase */
  g_assert_cmpuint (count_mentions ("porcelain seed*", "porcelain seeds, porcelain seedlings, porcelains seed"), ==, 2);
  g_assert_cmpuint (count_mentions ("tweet *", "tweets"), ==, 1);
}

static void
test_white_space (void)
{
  const char *specs[] = { "0:sunflower seeds", NULL };
  const Expected expected[] = {
    { 0, 0, "sunflower seeds" },
    { 0, 0, "Sunflower\nSeeds" },
    { 0, 0, "sunflower \n\t  seeds" },
    { 0, 0, "sunflower\xc2\xa0seeds" },
  };

  assert_mentions (specs,
                   "sunflower seeds; Sunflower\nSeeds; sunflower \n\t  seeds; sunflower\xc2\xa0seeds; "
                   "sunflowerseeds; sunflower-seeds; sunflower, seeds",
                   expected, G_N_ELEMENTS (expected));

  /* runs of spaces in a term are one space */
  g_assert_cmpuint (count_mentions ("  Tate   Modern  ", "Tate\r\nModern"), ==, 1);
}

static void
test_hyphens_and_apostrophes (void)
{
  const char *specs[] = { "0:tofu-dreg", "1:Bird's Nest", NULL };
  const Expected expected[] = {
    { 0, 0, "tofu-dreg" },
    { 0, 0, "tofu–dreg" },
    { 0, 0, "tofu dreg" },
    { 0, 0, "Tofu\ndreg" },
    { 1, 1, "Bird’s Nest" },
    { 1, 1, "bird's nest" },
    { 1, 1, "BIRD‘S NEST" },
  };

  assert_mentions (specs,
                   "tofu-dreg, tofu–dreg, tofu dreg, Tofu\ndreg, tofudreg, tofu—dreg; "
                   "Bird’s Nest, bird's nest, BIRD‘S NEST, Birds Nest",
                   expected, G_N_ELEMENTS (expected));

  /* a curly apostrophe in the term matches a straight one in the text */
  g_assert_cmpuint (count_mentions ("Ai Weiwei’s", "Ai Weiwei's studio"), ==, 1);
  /* a hyphen at the edge of a term is only a hyphen */
  g_assert_cmpuint (count_mentions ("-ism", "an -ism, an ism"), ==, 1);
}

/* U+02BC, the modifier letter apostrophe, is a letter to Unicode but an
 * apostrophe to the matcher: it ends a word as ’ and ' do, for the word
 * boundary after a term and for a trailing `*` (found by fuzzing) */
static void
test_modifier_apostrophe (void)
{
  const char *specs[] = { "0:Twitter", "1:tweet*", NULL };
  const Expected expected[] = {
    { 0, 0, "Twitter" },
    { 1, 1, "tweet" },
    { 0, 0, "Twitter" },
    { 1, 1, "tweets" },
  };

  assert_mentions (specs, "Twitter\u02BCs tweet\u02BCs, Twitter's tweets", expected, G_N_ELEMENTS (expected));
}

static void
test_cjk (void)
{
  const char *specs[] = { "0:四川", "1:推特", "2:ツイッター", "3:트위터", "1:Twitter", NULL };
  const Expected expected[] = {
    { 0, 0, "四川" },
    { 1, 1, "推特" },
    { 2, 2, "ツイッター" },
    { 3, 3, "트위터" },
    { 1, 4, "Twitter" },
    { 0, 0, "四川" },
  };

  assert_mentions (specs,
                   "2008年四川地震后，他在推特上发布名单。ツイッターで話題に。트위터에서 在Twitter上 四川",
                   expected, G_N_ELEMENTS (expected));
}

static void
test_overlaps (void)
{
  /* one topic: leftmost, then longest; another topic may overlap */
  const char *specs[] = {
    "0:sunflower",
    "0:sunflower seeds",
    "0:seeds at the Tate",
    "1:Tate Modern",
    "1:Tate",
    NULL
  };
  const Expected expected[] = {
    { 0, 1, "sunflower seeds" },
    { 1, 3, "Tate Modern" },
    { 0, 0, "Sunflower" },
    { 0, 2, "seeds at the Tate" },
    { 1, 3, "Tate Modern" },
  };

  assert_mentions (specs,
                   "sunflower seeds at the Tate Modern. Sunflower. seeds at the Tate Modern",
                   expected, G_N_ELEMENTS (expected));
}

static void
test_offsets_and_order (void)
{
  const char *text = "Ai Weiwei tweeted about Sichuan; Sichuan ... Ai Weiwei";
  const char *specs[] = { "7:Sichuan", "3:Ai Weiwei", "3:tweet*", NULL };
  g_autoptr(CpMatcher) matcher = build (specs);
  g_autoptr(GArray) mentions = cp_matcher_scan (matcher, text, strlen (text));
  const CpMention want[] = {
    { 0, 9, 3, 1 },
    { 10, 17, 3, 2 },
    { 24, 31, 7, 0 },
    { 33, 40, 7, 0 },
    { 45, 54, 3, 1 },
  };

  g_assert_cmpuint (mentions->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      const CpMention *m = &g_array_index (mentions, CpMention, i);

      g_assert_cmpuint (m->start, ==, want[i].start);
      g_assert_cmpuint (m->end, ==, want[i].end);
      g_assert_cmpuint (m->topic, ==, want[i].topic);
      g_assert_cmpuint (m->term, ==, want[i].term);
    }
}

static void
test_invalid_terms (void)
{
  const char *bad[] = { "", "   ", "*", " * ", NULL };
  g_autoptr(CpMatcher) matcher = cp_matcher_new ();
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_assert_false (cp_matcher_add_term (matcher, 0, i, bad[i], &error));
      g_assert_error (error, CP_ERROR, CP_ERROR_INVALID_TERM);
      g_assert_nonnull (strstr (error->message, "nothing to match"));
      g_clear_error (&error);
    }

  for (guint i = 0; i < 2000; i++)
    g_string_append (huge, "ab ");
  g_assert_false (cp_matcher_add_term (matcher, 0, 9, huge->str, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID_TERM);
  g_clear_error (&error);

  /* the matcher is still usable after refusals */
  g_assert_true (cp_matcher_add_term (matcher, 0, 0, "ok", &error));
  g_assert_no_error (error);
  g_assert_true (cp_matcher_compile (matcher, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GArray) mentions = cp_matcher_scan (matcher, "ok, OK", 6);
    g_assert_cmpuint (mentions->len, ==, 2);
  }
}

static void
test_empty (void)
{
  g_autoptr(CpMatcher) empty = cp_matcher_new ();
  const char *specs[] = { "0:word", NULL };
  g_autoptr(CpMatcher) matcher = build (specs);
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;

  g_assert_true (cp_matcher_compile (empty, NULL));
  a = cp_matcher_scan (empty, "some words", 10);
  g_assert_cmpuint (a->len, ==, 0);
  b = cp_matcher_scan (matcher, "", 0);
  g_assert_cmpuint (b->len, ==, 0);
  /* an automaton of two roots, plus one state per symbol of "word" */
  g_assert_cmpuint (cp_matcher_get_n_states (matcher), ==, 6);
}

static void
test_many_overlapping_terms (void)
{
  /* "a", "a a", ... "a a a a a a a a": every position matches many terms */
  g_autoptr(CpMatcher) matcher = cp_matcher_new ();
  g_autoptr(GString) term = g_string_new ("a");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) mentions = NULL;

  for (guint i = 0; i < 8; i++)
    {
      g_assert_true (cp_matcher_add_term (matcher, 0, i, term->str, NULL));
      g_string_append (term, " a");
    }
  g_assert_true (cp_matcher_compile (matcher, NULL));

  for (guint i = 0; i < 20000; i++)
    g_string_append (text, "a ");

  mentions = cp_matcher_scan (matcher, text->str, text->len);
  /* leftmost-longest: 20000 a's in runs of 8 */
  g_assert_cmpuint (mentions->len, ==, 2500);
  for (guint i = 0; i < mentions->len; i++)
    {
      const CpMention *m = &g_array_index (mentions, CpMention, i);

      g_assert_cmpuint (m->start, ==, i * 16);
      g_assert_cmpuint (m->end, ==, i * 16 + 15);
      g_assert_cmpuint (m->term, ==, 7);
    }
}

static void
test_large_text (void)
{
  /* Large texts are scanned in parallel parts: no mention may be lost or
   * doubled at the seams, wherever they fall. Padding the text moves the
   * seams across every position of the repeated unit. */
  const char *unit = "The sunflower\nseeds filled the Turbine Hall; Ai Weiwei tweeted from Beijing. ";
  const char *specs[] = { "0:sunflower seeds", "1:Turbine Hall", "2:tweet*", "2:Ai Weiwei tweeted", NULL };
  static const guint starts[] = { 4, 31, 45 };
  static const guint ends[] = { 19, 43, 62 };
  g_autoptr(CpMatcher) matcher = build (specs);
  gsize unit_len = strlen (unit);

  /* 9 MB: two threads of two interleaved parts; 200 kB: one thread */
  for (guint pad = 0; pad < 2 * unit_len; pad += 7)
    {
      gsize size = pad < unit_len ? 9 * 1024 * 1024 : 200 * 1024;
      g_autoptr(GString) text = g_string_sized_new (size);
      g_autoptr(GArray) mentions = NULL;
      guint n_units = 0;

      for (guint i = 0; i < pad % unit_len; i++)
        g_string_append_c (text, i % 5 ? 'x' : ' ');
      g_string_append_c (text, ' ');
      while (text->len < size)
        {
          g_string_append (text, unit);
          n_units++;
        }

      mentions = cp_matcher_scan (matcher, text->str, text->len);
      g_assert_cmpuint (mentions->len, ==, 3 * n_units);
      for (guint i = 0; i < mentions->len; i++)
        {
          const CpMention *m = &g_array_index (mentions, CpMention, i);
          gsize base = pad % unit_len + 1 + (i / 3) * unit_len;

          g_assert_cmpuint (m->start, ==, base + starts[i % 3]);
          g_assert_cmpuint (m->end, ==, base + ends[i % 3]);
          g_assert_cmpuint (m->topic, ==, i % 3);
        }
    }
}

static void
test_large_cjk_text (void)
{
  /* Text without spaces is split after CJK characters and punctuation */
  const char *unit = "四川地震后，艾未未在推特上公布名单。";
  const char *specs[] = { "0:四川地震", "1:推特", "2:名单。四川", NULL };
  g_autoptr(CpMatcher) matcher = build (specs);
  g_autoptr(GString) text = g_string_sized_new (9 * 1024 * 1024);
  g_autoptr(GArray) mentions = NULL;
  gsize unit_len = strlen (unit);
  guint n_units = 0;

  while (text->len < 9 * 1024 * 1024)
    {
      g_string_append (text, unit);
      n_units++;
    }

  mentions = cp_matcher_scan (matcher, text->str, text->len);
  /* every unit but the last runs into the next one: "名单。四川" */
  g_assert_cmpuint (mentions->len, ==, 3 * n_units - 1);
  for (guint i = 0; i < mentions->len; i++)
    {
      const CpMention *m = &g_array_index (mentions, CpMention, i);
      gsize offsets[] = {
        0,
        strstr (unit, "推特") - unit,
        strstr (unit, "名单") - unit,
      };

      g_assert_cmpuint (m->topic, ==, i % 3);
      g_assert_cmpuint (m->start, ==, (i / 3) * unit_len + offsets[i % 3]);
    }
}

static void
test_topic_set (void)
{
  g_autoptr(CpTopicSet) set = cp_topic_set_new ();
  g_autoptr(CpTopic) quake = cp_topic_new ("quake", "Earthquake");
  g_autoptr(CpTopic) seeds = cp_topic_new ("seeds", "Sunflower seeds");
  g_autoptr(CpTopic) bird = cp_topic_new ("bird", "Bird’s Nest");
  g_autoptr(CpMatcher) matcher = NULL;
  g_autoptr(GArray) mentions = NULL;
  g_autoptr(GError) error = NULL;
  const char *quake_terms[] = { "earthquake", "Sichuan", NULL };
  const char *seed_terms[] = { "sunflower seed*", NULL };
  const char *bird_terms[] = { "Bird's Nest", NULL };
  const char *bad_terms[] = { "stadium", "*", NULL };
  const char *text = "After the Sichuan earthquake, the sunflower seeds; the Bird’s Nest.";

  cp_topic_set_terms (quake, quake_terms);
  cp_topic_set_terms (seeds, seed_terms);
  cp_topic_set_terms (bird, bird_terms);
  cp_topic_set_append (set, quake);
  cp_topic_set_append (set, seeds);
  cp_topic_set_append (set, bird);
  cp_topic_set_enabled (seeds, FALSE);

  matcher = cp_matcher_new_for_topics (set, &error);
  g_assert_no_error (error);
  mentions = cp_matcher_scan (matcher, text, strlen (text));

  /* disabled topics are not matched; topics report their position */
  g_assert_cmpuint (mentions->len, ==, 3);
  g_assert_cmpuint (g_array_index (mentions, CpMention, 0).topic, ==, 0);
  g_assert_cmpuint (g_array_index (mentions, CpMention, 0).term, ==, 1);
  g_assert_cmpuint (g_array_index (mentions, CpMention, 1).topic, ==, 0);
  g_assert_cmpuint (g_array_index (mentions, CpMention, 1).term, ==, 0);
  g_assert_cmpuint (g_array_index (mentions, CpMention, 2).topic, ==, 2);
  g_assert_cmpuint (g_array_index (mentions, CpMention, 2).start, ==, strstr (text, "Bird") - text);

  /* an invalid term names its topic */
  cp_topic_set_terms (bird, bad_terms);
  g_clear_object (&matcher);
  matcher = cp_matcher_new_for_topics (set, &error);
  g_assert_null (matcher);
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID_TERM);
  g_assert_nonnull (strstr (error->message, "Bird’s Nest"));
}

/* A term needs a letter or a digit: white space of any kind, a hyphen or
 * an apostrophe alone would match between every two words */
static void
test_term_needs_a_word (void)
{
  const char *invalid[] = { "\u00a0", "\u200b", "-", "'", "’", " - ", "\u00a0\u00a0", "-'-", "*", NULL };
  const char *valid[] = { "a", "7", "Ai Weiwei", "co-op", "’80s", "艾", NULL };

  for (guint i = 0; invalid[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (cp_term_is_valid (invalid[i], &error));
      g_assert_error (error, CP_ERROR, CP_ERROR_INVALID_TERM);
    }
  for (guint i = 0; valid[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (cp_term_is_valid (valid[i], &error));
      g_assert_no_error (error);
    }
}

/* Two terms have one key exactly when they match the same text */
static void
test_term_keys_fold_as_matched (void)
{
  const char *text = "In istanbul and in Straße.";
  struct { const char *a, *b; } pairs[] = {
    { "İstanbul", "istanbul" },
    { "strasse", "straße" },
    { "ΣΟΦΙΑ", "σοφια" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *key_a = cp_term_dup_key (pairs[i].a);
      g_autofree char *key_b = cp_term_dup_key (pairs[i].b);
      g_autoptr(CpMatcher) a = cp_matcher_new ();
      g_autoptr(CpMatcher) b = cp_matcher_new ();
      g_autoptr(GArray) found_a = NULL;
      g_autoptr(GArray) found_b = NULL;
      gboolean same_text;

      g_assert_true (cp_matcher_add_term (a, 0, 0, pairs[i].a, NULL));
      g_assert_true (cp_matcher_add_term (b, 0, 0, pairs[i].b, NULL));
      g_assert_true (cp_matcher_compile (a, NULL));
      g_assert_true (cp_matcher_compile (b, NULL));
      found_a = cp_matcher_scan (a, text, strlen (text));
      found_b = cp_matcher_scan (b, text, strlen (text));
      same_text = found_a->len == found_b->len &&
                  (found_a->len == 0 ||
                   memcmp (found_a->data, found_b->data, found_a->len * sizeof (CpMention)) == 0);
      g_assert_cmpint (g_str_equal (key_a, key_b), ==, same_text);
    }
}

/* Mentions that start together come in the order of their topics'
 * numbers, whatever order the terms were added in */
static void
test_order_by_topic (void)
{
  g_autoptr(CpMatcher) matcher = cp_matcher_new ();
  g_autoptr(GArray) mentions = NULL;
  const char *text = "The sea road.";
  const CpMention *m;

  g_assert_true (cp_matcher_add_term (matcher, 5, 0, "sea", NULL));
  g_assert_true (cp_matcher_add_term (matcher, 2, 0, "sea road", NULL));
  g_assert_true (cp_matcher_add_term (matcher, 9, 0, "sea", NULL));
  g_assert_true (cp_matcher_compile (matcher, NULL));
  mentions = cp_matcher_scan (matcher, text, strlen (text));

  g_assert_cmpuint (mentions->len, ==, 3);
  m = (const CpMention *)(gpointer) mentions->data;
  g_assert_cmpuint (m[0].topic, ==, 2);
  g_assert_cmpuint (m[1].topic, ==, 5);
  g_assert_cmpuint (m[2].topic, ==, 9);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (m[i].start, ==, 4);
}

/* The message about a long term cuts it between characters */
static void
test_long_term_message (void)
{
  g_autoptr(GString) term = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append (term, "é");
  g_assert_false (cp_term_is_valid (term->str, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID_TERM);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  expected = g_strdup_printf ("“%.80s…”", term->str);
  g_assert_nonnull (strstr (error->message, expected));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/matcher/case-folding", test_case_folding);
  g_test_add_func ("/core/matcher/word-boundaries", test_word_boundaries);
  g_test_add_func ("/core/matcher/prefix", test_prefix);
  g_test_add_func ("/core/matcher/white-space", test_white_space);
  g_test_add_func ("/core/matcher/hyphens-and-apostrophes", test_hyphens_and_apostrophes);
  g_test_add_func ("/core/matcher/modifier-apostrophe", test_modifier_apostrophe);
  g_test_add_func ("/core/matcher/cjk", test_cjk);
  g_test_add_func ("/core/matcher/overlaps", test_overlaps);
  g_test_add_func ("/core/matcher/offsets-and-order", test_offsets_and_order);
  g_test_add_func ("/core/matcher/invalid-terms", test_invalid_terms);
  g_test_add_func ("/core/matcher/empty", test_empty);
  g_test_add_func ("/core/matcher/many-overlapping-terms", test_many_overlapping_terms);
  g_test_add_func ("/core/matcher/large-text", test_large_text);
  g_test_add_func ("/core/matcher/large-cjk-text", test_large_cjk_text);
  g_test_add_func ("/core/matcher/topic-set", test_topic_set);
  g_test_add_func ("/core/matcher/term-needs-a-word", test_term_needs_a_word);
  g_test_add_func ("/core/matcher/term-keys", test_term_keys_fold_as_matched);
  g_test_add_func ("/core/matcher/long-term-message", test_long_term_message);
  g_test_add_func ("/core/matcher/order-by-topic", test_order_by_topic);

  return g_test_run ();
}
