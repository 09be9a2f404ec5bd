/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-sheet-content.h"
#include "cp-test-utils.h"

/* The fixtures in tests/data/sheet: four reviews of an invented film. */
enum {
  JOURNAL,
  WEEKLY,
  BLOG,
  ZH,
  N_FIXTURES,
};

static const char * const fixture_names[] = {
  "salt-road-journal.txt",
  "salt-road-weekly.txt",
  "salt-road-blog.txt",
  "salt-road-zh.txt",
};

/* Sheet rows for the fixtures: Caravan and Score are both in all four
 * reviews with 9 mentions (set order decides), Ending in all four with
 * 5, Desert in three (spread beats its total of 6), then the topics of
 * one review in set order, then Awards that nobody mentions.
 */
static const char * const expected_rows[] = {
  "Caravan", "Score", "Ending", "Desert", "Budget", "Sequel", "Awards", NULL,
};
enum {
  ROW_CARAVAN,
  ROW_SCORE,
  ROW_ENDING,
  ROW_DESERT,
  ROW_BUDGET,
  ROW_SEQUEL,
  ROW_AWARDS,
};

static CpComparison *
load_fixtures (void)
{
  g_autoptr(GFile) topics_file = cp_test_dist_file ("data", "sheet", "salt-road.topics", NULL);
  g_autoptr(CpTopicSet) topics = cp_test_load_topics (topics_file);
  g_autoptr(GPtrArray) documents = NULL;
  CpComparison *comparison;

  comparison = cp_comparison_new (topics);

  documents = cp_test_load_documents ("data/sheet", fixture_names, N_FIXTURES);
  for (guint i = 0; i < documents->len; i++)
    cp_comparison_append_document (comparison, documents->pdata[i]);

  return comparison;
}

static CpSheetContent *
new_content (CpComparison  *comparison,
             CpSheetTopics  topics,
             guint          excerpts_per_cell)
{
  CpSheetOptions options = { 0 };

  options.topics = topics;
  options.excerpts_per_cell = excerpts_per_cell;

  return cp_sheet_content_new (comparison, &options);
}

/* The position in the comparison's topic set of the sheet topic @row. */
static guint
source_of (CpSheetContent *content,
           CpComparison   *comparison,
           guint           row)
{
  CpTopicSet *set = cp_comparison_get_topics (comparison);
  const char *label = cp_sheet_content_get_topic_label (content, row);

  for (guint t = 0; t < cp_topic_set_get_n_topics (set); t++)
    if (g_strcmp0 (cp_topic_get_display_label (cp_topic_set_get_topic (set, t)), label) == 0)
      return t;

  g_assert_not_reached ();
}

static guint
find_band (CpSheetContent *content,
           guint           row)
{
  for (guint b = 0; b < cp_sheet_content_get_n_bands (content); b++)
    if (cp_sheet_content_get_band_topic (content, b) == row)
      return b;

  g_assert_not_reached ();
}

/* @text[@start, @end) with white space runs as one space. */
static char *
collapse (const char *text,
          gsize       start,
          gsize       end)
{
  GString *out = g_string_new (NULL);
  gboolean in_space = FALSE;

  for (const char *p = text + start; p < text + end; p = g_utf8_next_char (p))
    {
      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          if (!in_space)
            g_string_append_c (out, ' ');
          in_space = TRUE;
        }
      else
        {
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          in_space = FALSE;
        }
    }

  return g_string_free (out, FALSE);
}

static char *
mark_text (const CpSheetExcerpt *excerpt,
           guint                 mark)
{
  return g_strndup (excerpt->text + excerpt->marks[mark].start,
                    excerpt->marks[mark].end - excerpt->marks[mark].start);
}

static void
assert_marks (const CpSheetExcerpt *excerpt,
              guint                 row,
              ...)
{
  va_list args;
  guint n = 0;
  const char *expected;

  va_start (args, row);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_autofree char *text = NULL;

      g_assert_cmpuint (n, <, excerpt->n_marks);
      text = mark_text (excerpt, n);
      g_assert_cmpstr (text, ==, expected);
      g_assert_cmpuint (excerpt->marks[n].topic, ==, row);
      n++;
    }
  va_end (args);

  g_assert_cmpuint (excerpt->n_marks, ==, n);
}

static void
test_rows (void)
{
  g_autoptr(CpComparison) comparison = load_fixtures ();
  g_autoptr(GDateTime) date = g_date_time_new_utc (2024, 3, 1, 12, 0, 0);
  CpSheetOptions options = { 0 };
  CpSheetContent *content;
  guint max_count = 0;

  options.date = date;
  content = cp_sheet_content_new (comparison, &options);

  g_assert_true (cp_sheet_content_get_date (content) == date);
  g_assert_false (cp_sheet_content_get_full_texts (content));
  g_assert_cmpuint (cp_sheet_content_get_n_documents (content), ==, N_FIXTURES);
  g_assert_cmpuint (cp_sheet_content_get_n_topics (content), ==, g_strv_length ((char **)expected_rows));

  for (guint r = 0; expected_rows[r] != NULL; r++)
    {
      guint source = source_of (content, comparison, r);
      CpTopic *topic = cp_topic_set_get_topic (cp_comparison_get_topics (comparison), source);

      g_assert_cmpstr (cp_sheet_content_get_topic_label (content, r), ==, expected_rows[r]);
      g_assert_cmpstr (cp_sheet_content_get_topic_color (content, r), ==, cp_topic_get_color (topic));
      g_assert_cmphex (cp_sheet_content_get_topic_rgb (content, r), ==, cp_topic_get_rgb (topic));
      g_assert_cmpuint (cp_sheet_content_get_spread (content, r), ==, cp_comparison_get_spread (comparison, source));
      for (guint d = 0; d < N_FIXTURES; d++)
        {
          guint count = cp_sheet_content_get_count (content, r, d);

          g_assert_cmpuint (count, ==, cp_comparison_get_count (comparison, source, d));
          max_count = MAX (max_count, count);
        }
    }

  /* Real values, not only agreement with the comparison. */
  g_assert_cmpuint (cp_sheet_content_get_count (content, ROW_CARAVAN, JOURNAL), ==, 3);
  g_assert_cmpuint (cp_sheet_content_get_count (content, ROW_SCORE, WEEKLY), ==, 4);
  g_assert_cmpuint (cp_sheet_content_get_count (content, ROW_DESERT, BLOG), ==, 0);
  g_assert_cmpuint (cp_sheet_content_get_count (content, ROW_DESERT, ZH), ==, 1);
  g_assert_cmpuint (cp_sheet_content_get_spread (content, ROW_ENDING), ==, 4);
  g_assert_cmpuint (cp_sheet_content_get_spread (content, ROW_DESERT), ==, 3);
  g_assert_cmpuint (cp_sheet_content_get_spread (content, ROW_SEQUEL), ==, 1);
  g_assert_cmpuint (cp_sheet_content_get_spread (content, ROW_AWARDS), ==, 0);
  g_assert_cmpuint (cp_sheet_content_get_max_count (content), ==, max_count);
  g_assert_cmpuint (max_count, ==, 4);

  for (guint d = 0; d < N_FIXTURES; d++)
    {
      CpDocument *document = cp_comparison_get_document (comparison, d);

      g_assert_true (cp_sheet_content_get_document (content, d) == document);
      g_assert_cmpstr (cp_sheet_content_get_document_name (content, d), ==, fixture_names[d]);
      g_assert_cmpstr (cp_sheet_content_get_document_title (content, d), ==, cp_document_get_title (document));
      g_assert_cmpuint (cp_sheet_content_get_document_words (content, d), ==, cp_document_get_n_words (document));
    }
  g_assert_cmpstr (cp_sheet_content_get_document_title (content, WEEKLY), ==, "Review: The Salt Road (2019)");

  g_assert_finalize_object (content);
}

static void
assert_bands (CpSheetContent     *content,
              const char * const *labels)
{
  guint n = g_strv_length ((char **)labels);

  g_assert_cmpuint (cp_sheet_content_get_n_bands (content), ==, n);
  for (guint b = 0; b < n; b++)
    {
      guint row = cp_sheet_content_get_band_topic (content, b);

      g_assert_cmpstr (cp_sheet_content_get_topic_label (content, row), ==, labels[b]);
    }
}

static void
test_bands (void)
{
  static const char * const shared[] = { "Caravan", "Score", "Ending", "Desert", NULL };
  static const char * const all[] = { "Caravan", "Score", "Ending", "Desert", "Budget", "Sequel", NULL };
  static const char * const named[] = { "Desert", "Sequel", "Festival", NULL };
  static const char * const ids[] = { "festival", "sequel", "no-such-topic", "desert", "sequel", NULL };
  g_autoptr(CpComparison) comparison = load_fixtures ();
  CpSheetOptions options = { 0 };
  CpSheetContent *content;
  guint band;

  content = new_content (comparison, CP_SHEET_TOPICS_SHARED, 0);
  assert_bands (content, shared);
  g_assert_finalize_object (content);

  content = new_content (comparison, CP_SHEET_TOPICS_ALL, 0);
  assert_bands (content, all);
  band = find_band (content, ROW_BUDGET);
  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, band, JOURNAL), ==, 0);
  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, band, WEEKLY), ==, 1);
  g_assert_cmpstr (cp_sheet_content_get_excerpt (content, band, WEEKLY, 0)->text, ==, "The budget was small.");
  g_assert_finalize_object (content);

  /* Exactly the named topics that exist, in row order; the disabled
   * Festival becomes a row after the enabled ones.
   */
  options.topics = CP_SHEET_TOPICS_SHARED;
  options.topic_ids = ids;
  content = cp_sheet_content_new (comparison, &options);
  assert_bands (content, named);
  g_assert_cmpuint (cp_sheet_content_get_n_topics (content), ==, 8);
  g_assert_cmpstr (cp_sheet_content_get_topic_label (content, 7), ==, "Festival");
  g_assert_cmpuint (cp_sheet_content_get_spread (content, 7), ==, 0);
  for (guint d = 0; d < N_FIXTURES; d++)
    {
      g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, 2, d), ==, 0);
      g_assert_cmpuint (cp_sheet_content_get_n_more (content, 2, d), ==, 0);
    }
  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, 1, BLOG), ==, 1);
  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, 1, WEEKLY), ==, 0);
  g_assert_finalize_object (content);
}

static void
test_sentence_excerpt (void)
{
  g_autoptr(CpComparison) comparison = load_fixtures ();
  CpSheetContent *content = new_content (comparison, CP_SHEET_TOPICS_SHARED, 0);
  const char *text = cp_document_get_text (cp_comparison_get_document (comparison, JOURNAL));
  const CpSheetExcerpt *excerpt;
  guint band;

  band = find_band (content, ROW_SCORE);
  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, band, JOURNAL), ==, 1);
  excerpt = cp_sheet_content_get_excerpt (content, band, JOURNAL, 0);
  g_assert_cmpstr (excerpt->text, ==, "The cello score never tells you what to feel.");
  assert_marks (excerpt, ROW_SCORE, "cello", "score", NULL);
  g_assert_cmpuint (excerpt->marks[0].start, ==, 4);
  g_assert_cmpuint (excerpt->marks[1].start, ==, 10);
  g_assert_true (strncmp (text + excerpt->document_start, excerpt->text, strlen (excerpt->text)) == 0);
  g_assert_cmpuint (excerpt->document_end - excerpt->document_start, ==, strlen (excerpt->text));

  /* Abbreviations and initials do not end the sentence; the blank line
   * before the next paragraph keeps it apart from the one before.
   */
  band = find_band (content, ROW_CARAVAN);
  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, band, JOURNAL), ==, 3);
  excerpt = cp_sheet_content_get_excerpt (content, band, JOURNAL, 1);
  g_assert_cmpstr (excerpt->text, ==,
                   "Dr. Amal Reyes, the expedition's medic (played with dry wit by J. Okafor), "
                   "keeps the camel bells in her pack, e.g. the brass ones from the opening.");
  assert_marks (excerpt, ROW_CARAVAN, "camel", NULL);

  /* Two topics overlap at "desert caravan": each band marks its own. */
  excerpt = cp_sheet_content_get_excerpt (content, band, JOURNAL, 0);
  assert_marks (excerpt, ROW_CARAVAN, "desert caravan", NULL);
  band = find_band (content, ROW_DESERT);
  excerpt = cp_sheet_content_get_excerpt (content, band, JOURNAL, 0);
  g_assert_cmpstr (excerpt->text, ==,
                   "Mira Castellane's second feature follows a desert caravan across four hundred "
                   "kilometres of salt flats, and it asks for patience.");
  assert_marks (excerpt, ROW_DESERT, "desert", NULL);

  /* A sentence that ends on a line of its own, after a hard-wrapped one. */
  band = find_band (content, ROW_ENDING);
  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, band, WEEKLY), ==, 2);
  excerpt = cp_sheet_content_get_excerpt (content, band, WEEKLY, 0);
  g_assert_cmpstr (excerpt->text, ==, "Later, the cello returns for the ending.");
  excerpt = cp_sheet_content_get_excerpt (content, band, WEEKLY, 1);
  g_assert_cmpstr (excerpt->text, ==, "The final scene takes place at night, and the dunes are lit only by a lantern.");
  assert_marks (excerpt, ROW_ENDING, "final scene", NULL);

  g_assert_finalize_object (content);
}

static void
test_window_excerpt (void)
{
  g_autoptr(CpComparison) comparison = load_fixtures ();
  CpSheetContent *content = new_content (comparison, CP_SHEET_TOPICS_SHARED, 0);
  const char *text = cp_document_get_text (cp_comparison_get_document (comparison, WEEKLY));
  const CpSheetExcerpt *excerpt;
  g_autofree char *source = NULL;
  guint band = find_band (content, ROW_CARAVAN);

  /* The 78-word sentence is longer than 2 × 25 words: 25 words around
   * the mention (12 before, 13 after), cut at word boundaries, across
   * the line breaks of the hard-wrapped paragraph.
   */
  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, band, WEEKLY), ==, 2);
  excerpt = cp_sheet_content_get_excerpt (content, band, WEEKLY, 0);
  g_assert_cmpstr (excerpt->text, ==,
                   "…last a whole afternoon, the camera sits on a ridge while the caravan crawls "
                   "along the valley floor below, so small against the pale ground that…");
  assert_marks (excerpt, ROW_CARAVAN, "caravan", NULL);
  g_assert_cmpuint (excerpt->marks[0].start, ==, strlen ("…last a whole afternoon, the camera sits on a ridge while the "));

  source = g_strndup (text + excerpt->document_start, excerpt->document_end - excerpt->document_start);
  g_assert_cmpstr (source, ==,
                   "last a whole afternoon, the camera\nsits on a ridge while the caravan crawls along the "
                   "valley floor below, so\nsmall against the pale ground that");

  excerpt = cp_sheet_content_get_excerpt (content, band, WEEKLY, 1);
  g_assert_cmpstr (excerpt->text, ==, "The music stops when the camels stop.");

  g_assert_finalize_object (content);

  /* Fewer context words: a shorter window. */
  {
    CpSheetOptions options = { 0 };

    options.context_words = 6;
    content = cp_sheet_content_new (comparison, &options);
    band = find_band (content, ROW_CARAVAN);
    excerpt = cp_sheet_content_get_excerpt (content, band, WEEKLY, 0);
    g_assert_cmpstr (excerpt->text, ==, "…ridge while the caravan crawls along the…");
    /* 7 words are at most 2 × 6: whole. */
    excerpt = cp_sheet_content_get_excerpt (content, band, WEEKLY, 1);
    g_assert_cmpstr (excerpt->text, ==, "The music stops when the camels stop.");
    g_assert_finalize_object (content);
  }
}

/* Every mark is a mention of the band topic, at the right place. */
static void
test_marks (void)
{
  g_autoptr(CpComparison) comparison = load_fixtures ();
  CpSheetContent *content = new_content (comparison, CP_SHEET_TOPICS_ALL, 10);
  guint n_checked = 0;

  for (guint b = 0; b < cp_sheet_content_get_n_bands (content); b++)
    {
      guint row = cp_sheet_content_get_band_topic (content, b);
      guint source = source_of (content, comparison, row);

      for (guint d = 0; d < N_FIXTURES; d++)
        {
          const char *text = cp_document_get_text (cp_comparison_get_document (comparison, d));
          const CpMention *mentions;
          guint n_mentions, n_topic_mentions = 0, n_marks = 0;

          mentions = cp_test_get_mentions (comparison, d, &n_mentions);
          for (guint i = 0; i < n_mentions; i++)
            n_topic_mentions += mentions[i].topic == source;

          g_assert_cmpuint (cp_sheet_content_get_n_more (content, b, d), ==, 0);

          for (guint e = 0; e < cp_sheet_content_get_n_excerpts (content, b, d); e++)
            {
              const CpSheetExcerpt *excerpt = cp_sheet_content_get_excerpt (content, b, d, e);
              g_autofree char *expected = collapse (text, excerpt->document_start, excerpt->document_end);
              const char *body = excerpt->text;
              gsize body_length = strlen (body);
              guint m = 0;

              /* The text is the document's, white space collapsed, with
               * "…" only where it was cut.
               */
              if (g_str_has_prefix (body, "…"))
                {
                  body += strlen ("…");
                  body_length -= strlen ("…");
                }
              if (g_str_has_suffix (body, "…"))
                body_length -= strlen ("…");
              g_assert_cmpuint (body_length, ==, strlen (expected));
              g_assert_true (strncmp (body, expected, body_length) == 0);

              for (guint i = 0; i < n_mentions; i++)
                {
                  g_autofree char *mention = NULL;
                  g_autofree char *marked = NULL;

                  if (mentions[i].topic != source ||
                      mentions[i].start < excerpt->document_start ||
                      mentions[i].end > excerpt->document_end)
                    continue;

                  g_assert_cmpuint (m, <, excerpt->n_marks);
                  mention = collapse (text, mentions[i].start, mentions[i].end);
                  marked = mark_text (excerpt, m);
                  g_assert_cmpstr (marked, ==, mention);
                  g_assert_cmpuint (excerpt->marks[m].topic, ==, row);
                  if (m > 0)
                    g_assert_cmpuint (excerpt->marks[m].start, >=, excerpt->marks[m - 1].end);
                  m++;
                  n_checked++;
                }
              g_assert_cmpuint (m, ==, excerpt->n_marks);
              n_marks += m;

              if (e > 0)
                g_assert_cmpuint (excerpt->document_start, >,
                                  cp_sheet_content_get_excerpt (content, b, d, e - 1)->document_end);
            }

          /* Every mention is in some excerpt. */
          g_assert_cmpuint (n_marks, ==, n_topic_mentions);
        }
    }

  /* 9 + 9 + 5 + 6 + 1 + 1 mentions in the six bands. */
  g_assert_cmpuint (n_checked, ==, 31);

  g_assert_finalize_object (content);
}

static void
test_merged (void)
{
  g_autoptr(CpComparison) comparison = load_fixtures ();
  CpSheetContent *content = new_content (comparison, CP_SHEET_TOPICS_SHARED, 0);
  const CpSheetExcerpt *excerpt;
  guint band;

  /* Three sentences in a row mention the desert: one excerpt. */
  band = find_band (content, ROW_DESERT);
  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, band, WEEKLY), ==, 1);
  excerpt = cp_sheet_content_get_excerpt (content, band, WEEKLY, 0);
  g_assert_cmpstr (excerpt->text, ==,
                   "Halfway through, the desert turns from gold to grey. In the last hour the desert "
                   "is the only character left. The final scene takes place at night, and the dunes "
                   "are lit only by a lantern.");
  assert_marks (excerpt, ROW_DESERT, "desert", "desert", "dunes", NULL);
  g_assert_cmpuint (excerpt->marks[1].start, ==, strlen ("Halfway through, the desert turns from gold to grey. In the last hour the "));

  /* Sentences 1 and 3 mention the score, and sentence 2 the music:
   * all three touch.
   */
  band = find_band (content, ROW_SCORE);
  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, band, WEEKLY), ==, 1);
  excerpt = cp_sheet_content_get_excerpt (content, band, WEEKLY, 0);
  g_assert_cmpstr (excerpt->text, ==,
                   "The score leans on a single cello. The music stops when the camels stop. "
                   "Later, the cello returns for the ending.");
  assert_marks (excerpt, ROW_SCORE, "score", "cello", "music", "cello", NULL);

  /* A blank line between two sentences keeps them apart. */
  band = find_band (content, ROW_DESERT);
  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, band, JOURNAL), ==, 2);

  g_assert_finalize_object (content);
}

static void
test_n_more (void)
{
  g_autoptr(CpComparison) comparison = load_fixtures ();
  CpSheetContent *content;
  guint band;

  content = new_content (comparison, CP_SHEET_TOPICS_SHARED, 1);
  band = find_band (content, ROW_CARAVAN);
  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, band, BLOG), ==, 1);
  g_assert_cmpuint (cp_sheet_content_get_n_more (content, band, BLOG), ==, 2);
  g_assert_cmpstr (cp_sheet_content_get_excerpt (content, band, BLOG, 0)->text, ==,
                   "What I got was a film about a caravan that keeps losing people.");
  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, band, ZH), ==, 1);
  g_assert_cmpuint (cp_sheet_content_get_n_more (content, band, ZH), ==, 0);
  /* Merged excerpts count once. */
  band = find_band (content, ROW_SCORE);
  g_assert_cmpuint (cp_sheet_content_get_n_more (content, band, WEEKLY), ==, 0);
  g_assert_finalize_object (content);

  /* The default is three. */
  content = new_content (comparison, CP_SHEET_TOPICS_SHARED, 0);
  band = find_band (content, ROW_CARAVAN);
  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, band, BLOG), ==, 3);
  g_assert_cmpuint (cp_sheet_content_get_n_more (content, band, BLOG), ==, 0);
  g_assert_cmpstr (cp_sheet_content_get_excerpt (content, band, BLOG, 2)->text, ==,
                   "Near the end, the caravan finally reaches the coast.");
  g_assert_finalize_object (content);
}

static void
test_document_marks (void)
{
  g_autoptr(CpComparison) comparison = load_fixtures ();
  CpSheetContent *content = new_content (comparison, CP_SHEET_TOPICS_SHARED, 0);
  static const guint expected_n_marks[] = { 7, 12, 7, 4 };
  const CpSheetMark *marks;
  guint n_marks;

  for (guint d = 0; d < N_FIXTURES; d++)
    {
      const char *text = cp_document_get_text (cp_comparison_get_document (comparison, d));

      marks = cp_sheet_content_get_document_marks (content, d, &n_marks);
      g_assert_cmpuint (n_marks, ==, expected_n_marks[d]);
      for (guint i = 0; i < n_marks; i++)
        {
          g_assert_cmpuint (marks[i].start, <, marks[i].end);
          g_assert_cmpuint (marks[i].end, <=, cp_document_get_length (cp_comparison_get_document (comparison, d)));
          g_assert_cmpuint (marks[i].topic, <, cp_sheet_content_get_n_topics (content));
          g_assert_true (g_utf8_validate (text + marks[i].start, marks[i].end - marks[i].start, NULL));
          if (i > 0)
            g_assert_cmpuint (marks[i].start, >=, marks[i - 1].end);
        }
    }

  /* "desert caravan" is a Caravan mention and holds a Desert one: the
   * longer is kept. Every sheet topic is marked, not only band topics.
   */
  marks = cp_sheet_content_get_document_marks (content, JOURNAL, &n_marks);
  g_assert_cmpuint (marks[0].topic, ==, ROW_CARAVAN);
  g_assert_cmpuint (marks[0].end - marks[0].start, ==, strlen ("desert caravan"));
  g_assert_true (strncmp (cp_document_get_text (cp_comparison_get_document (comparison, JOURNAL)) + marks[0].start,
                          "desert caravan", marks[0].end - marks[0].start) == 0);
  g_assert_cmpuint (marks[3].topic, ==, ROW_SCORE);
  g_assert_cmpuint (marks[4].topic, ==, ROW_DESERT);

  marks = cp_sheet_content_get_document_marks (content, WEEKLY, &n_marks);
  g_assert_cmpuint (marks[1].topic, ==, ROW_BUDGET);

  g_assert_finalize_object (content);
}

static CpComparison *
comparison_for_texts (const char * const *texts)
{
  CpComparison *comparison = cp_comparison_new (NULL);

  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("review-%u.txt", i + 1);
      g_autoptr(CpDocument) document = cp_document_new_from_text (name, texts[i], -1);

      cp_comparison_append_document (comparison, document);
    }

  return comparison;
}

static void
test_default_title (void)
{
  /* They share "a" and "review", which are no subject. */
  static const char * const unrelated[] = {
    "Notes on a winter garden: a review\n\nSnow.\n",
    "A short history of bridges (review)\n\nStone.\n",
    NULL,
  };
  static const char * const two_of_three[] = {
    "Harbour Lights: a review\n\nFine.\n",
    "Something else entirely\n\nYes.\n",
    "On “Harbour Lights”, again\n\nNo.\n",
    NULL,
  };
  g_autoptr(GPtrArray) samples = cp_test_load_samples ();
  g_autoptr(CpComparison) comparison = cp_comparison_new (NULL);
  g_autoptr(CpComparison) fixtures = load_fixtures ();
  g_autoptr(CpComparison) other = NULL;
  CpSheetOptions options = { 0 };
  CpSheetContent *content;
  g_autofree char *title = NULL;

  for (guint i = 0; i < samples->len; i++)
    cp_comparison_append_document (comparison, samples->pdata[i]);

  title = cp_sheet_content_dup_default_title (comparison);
  g_assert_cmpstr (title, ==, "Ai Weiwei: Never Sorry");
  g_clear_pointer (&title, g_free);

  content = cp_sheet_content_new (comparison, NULL);
  g_assert_cmpstr (cp_sheet_content_get_title (content), ==, "Ai Weiwei: Never Sorry");
  g_assert_finalize_object (content);

  title = cp_sheet_content_dup_default_title (fixtures);
  g_assert_cmpstr (title, ==, "The Salt Road");
  g_clear_pointer (&title, g_free);

  /* Shared by two of three titles, quotes around it left out. */
  other = comparison_for_texts (two_of_three);
  title = cp_sheet_content_dup_default_title (other);
  g_assert_cmpstr (title, ==, "Harbour Lights");
  g_clear_pointer (&title, g_free);
  g_clear_object (&other);

  other = comparison_for_texts (unrelated);
  title = cp_sheet_content_dup_default_title (other);
  g_assert_cmpstr (title, ==, "Comparison of 2 reviews");
  g_clear_pointer (&title, g_free);

  /* One title shares nothing with another. */
  cp_comparison_remove_document (other, 1);
  title = cp_sheet_content_dup_default_title (other);
  g_assert_cmpstr (title, ==, "Comparison of 1 review");
  g_clear_pointer (&title, g_free);
  g_clear_object (&other);

  /* A given title wins; a blank one is no title. */
  options.title = "  My seminar  ";
  content = cp_sheet_content_new (comparison, &options);
  g_assert_cmpstr (cp_sheet_content_get_title (content), ==, "My seminar");
  g_assert_finalize_object (content);

  options.title = " ";
  content = cp_sheet_content_new (comparison, &options);
  g_assert_cmpstr (cp_sheet_content_get_title (content), ==, "Ai Weiwei: Never Sorry");
  g_assert_finalize_object (content);
}

static void
test_cjk (void)
{
  g_autoptr(CpComparison) comparison = load_fixtures ();
  CpSheetContent *content = new_content (comparison, CP_SHEET_TOPICS_SHARED, 0);
  const CpSheetExcerpt *excerpt;
  guint band;

  /* No spaces: 。 ends the sentence. */
  band = find_band (content, ROW_DESERT);
  excerpt = cp_sheet_content_get_excerpt (content, band, ZH, 0);
  g_assert_cmpstr (excerpt->text, ==, "导演用很长的镜头拍沙漠。");
  assert_marks (excerpt, ROW_DESERT, "沙漠", NULL);
  g_assert_cmpuint (excerpt->marks[0].start, ==, strlen ("导演用很长的镜头拍"));

  band = find_band (content, ROW_CARAVAN);
  excerpt = cp_sheet_content_get_excerpt (content, band, ZH, 0);
  g_assert_cmpstr (excerpt->text, ==, "骆驼慢慢地走，没有人说话。");

  band = find_band (content, ROW_ENDING);
  excerpt = cp_sheet_content_get_excerpt (content, band, ZH, 0);
  g_assert_cmpstr (excerpt->text, ==, "结尾让我哭了。");

  g_assert_finalize_object (content);
}

/* A long CJK sentence: four characters make a word, so 4 context words
 * are 16 characters around the mention.
 */
static void
test_cjk_window (void)
{
  static const char * const terms[] = { "骆驼", NULL };
  static const char text[] =
    "标题\n\n"
    "一二三四五六七八九十一二三四五六七八九十骆驼一二三四五六七八九十一二三四五六七八九十。下一句。";
  g_autoptr(CpTopicSet) topics = cp_topic_set_new ();
  g_autoptr(CpTopic) topic = cp_topic_new ("camel", "Camel");
  g_autoptr(CpComparison) comparison = NULL;
  g_autoptr(CpDocument) document = cp_document_new_from_text ("zh.txt", text, -1);
  CpSheetOptions options = { 0 };
  CpSheetContent *content;
  const CpSheetExcerpt *excerpt;

  cp_topic_set_terms (topic, terms);
  cp_topic_set_append (topics, topic);
  comparison = cp_comparison_new (topics);
  cp_comparison_append_document (comparison, document);

  options.topics = CP_SHEET_TOPICS_ALL;
  options.context_words = 4;
  content = cp_sheet_content_new (comparison, &options);
  g_assert_cmpuint (cp_sheet_content_get_n_bands (content), ==, 1);
  excerpt = cp_sheet_content_get_excerpt (content, 0, 0, 0);
  g_assert_cmpstr (excerpt->text, ==, "…三四五六七八九十骆驼一二三四五六七八…");
  assert_marks (excerpt, 0, "骆驼", NULL);
  g_assert_finalize_object (content);

  /* 42 characters are 10.5 words: whole for 6 context words. */
  options.context_words = 6;
  content = cp_sheet_content_new (comparison, &options);
  excerpt = cp_sheet_content_get_excerpt (content, 0, 0, 0);
  g_assert_cmpstr (excerpt->text, ==, "一二三四五六七八九十一二三四五六七八九十骆驼一二三四五六七八九十一二三四五六七八九十。");
  g_assert_finalize_object (content);
}

/* Sentence ends: closing quotes, numbers, ellipses, paragraph breaks. */
static void
test_sentences (void)
{
  static const char * const terms[] = { "lantern*", NULL };
  static const char text[] =
    "Title\n\n"
    "We met Mr. Hale and Prof. Ines Varga at 3.5 km past the lantern post. Nothing. "
    "She said “Keep the lantern lit!” Then the wind rose… The lantern went out? Yes\n"
    "it did.\n  \nThe lanterns were\tcold";
  static const char * const expected[] = {
    "We met Mr. Hale and Prof. Ines Varga at 3.5 km past the lantern post.",
    "She said “Keep the lantern lit!”",
    "The lantern went out?",
    "The lanterns were cold",
  };
  g_autoptr(CpTopicSet) topics = cp_topic_set_new ();
  g_autoptr(CpTopic) topic = cp_topic_new ("lantern", "Lantern");
  g_autoptr(CpComparison) comparison = NULL;
  g_autoptr(CpDocument) document = cp_document_new_from_text ("lantern.txt", text, -1);
  CpSheetOptions options = { 0 };
  CpSheetContent *content;

  cp_topic_set_terms (topic, terms);
  cp_topic_set_append (topics, topic);
  comparison = cp_comparison_new (topics);
  cp_comparison_append_document (comparison, document);

  options.topics = CP_SHEET_TOPICS_ALL;
  options.excerpts_per_cell = 10;
  content = cp_sheet_content_new (comparison, &options);

  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, 0, 0), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const CpSheetExcerpt *excerpt = cp_sheet_content_get_excerpt (content, 0, 0, i);

      g_assert_cmpstr (excerpt->text, ==, expected[i]);
      g_assert_cmpuint (excerpt->n_marks, ==, 1);
    }
  g_assert_finalize_object (content);
}

/* A text without full stops is one sentence: windows, and merged
 * windows stay short.
 */
static void
test_run_on (void)
{
  static const char * const terms[] = { "lantern", NULL };
  g_autoptr(GString) text = g_string_new ("Title\n\n");
  g_autoptr(CpTopicSet) topics = cp_topic_set_new ();
  g_autoptr(CpTopic) topic = cp_topic_new ("lantern", "Lantern");
  g_autoptr(CpComparison) comparison = NULL;
  g_autoptr(CpDocument) document = NULL;
  CpSheetOptions options = { 0 };
  CpSheetContent *content;
  guint n_marks = 0;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text, "%s%s", i % 7 == 3 ? "lantern" : "word", i % 13 == 12 ? "\n" : " ");
  document = cp_document_new_from_text ("run-on.txt", text->str, text->len);

  cp_topic_set_terms (topic, terms);
  cp_topic_set_append (topics, topic);
  comparison = cp_comparison_new (topics);
  cp_comparison_append_document (comparison, document);

  options.topics = CP_SHEET_TOPICS_ALL;
  options.excerpts_per_cell = 100;
  options.context_words = 6;
  content = cp_sheet_content_new (comparison, &options);

  g_assert_cmpuint (cp_sheet_content_get_n_more (content, 0, 0), ==, 0);
  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, 0, 0), >, 1);
  for (guint e = 0; e < cp_sheet_content_get_n_excerpts (content, 0, 0); e++)
    {
      const CpSheetExcerpt *excerpt = cp_sheet_content_get_excerpt (content, 0, 0, e);
      g_auto(GStrv) words = g_strsplit (excerpt->text, " ", -1);

      /* At most 4 × 6 words, cut at both ends but at the text's. */
      g_assert_cmpuint (g_strv_length (words), <=, 4 * 6);
      g_assert_true (e == 0 || g_str_has_prefix (excerpt->text, "…"));
      g_assert_true (e + 1 == cp_sheet_content_get_n_excerpts (content, 0, 0) ||
                     g_str_has_suffix (excerpt->text, "…"));
      for (guint m = 0; m < excerpt->n_marks; m++)
        {
          g_autofree char *marked = mark_text (excerpt, m);

          g_assert_cmpstr (marked, ==, "lantern");
        }
      n_marks += excerpt->n_marks;
    }
  g_assert_cmpuint (n_marks, ==, 43);
  /* Three 7-word windows that touch; a fourth would make it too long. */
  g_assert_cmpstr (cp_sheet_content_get_excerpt (content, 0, 0, 0)->text, ==,
                   "word word word lantern word word word word word word lantern word word word "
                   "word word word lantern word word word…");
  g_assert_cmpstr (cp_sheet_content_get_excerpt (content, 0, 0, 1)->text, ==,
                   "…word word word lantern word word word word word word lantern word word word "
                   "word word word lantern word word word…");

  g_assert_finalize_object (content);
}

/* Editing the topics afterwards does not change a sheet. */
static void
test_snapshot (void)
{
  g_autoptr(CpComparison) comparison = load_fixtures ();
  CpSheetContent *content = new_content (comparison, CP_SHEET_TOPICS_SHARED, 0);
  CpTopicSet *set = cp_comparison_get_topics (comparison);
  guint position;
  CpTopic *topic = cp_topic_set_lookup (set, "caravan", &position);
  static const char * const terms[] = { "nothing-at-all", NULL };

  cp_topic_set_label (topic, "Camels");
  cp_topic_set_color (topic, "#000000");
  cp_topic_set_terms (topic, terms);
  cp_comparison_remove_document (comparison, BLOG);

  g_assert_cmpuint (cp_comparison_get_n_documents (comparison), ==, 3);
  g_assert_cmpuint (cp_sheet_content_get_n_documents (content), ==, N_FIXTURES);
  g_assert_cmpstr (cp_sheet_content_get_topic_label (content, ROW_CARAVAN), ==, "Caravan");
  g_assert_cmpstr (cp_sheet_content_get_topic_color (content, ROW_CARAVAN), ==, "#56b4e9");
  g_assert_cmpuint (cp_sheet_content_get_count (content, ROW_CARAVAN, BLOG), ==, 3);
  g_assert_cmpuint (cp_sheet_content_get_n_excerpts (content, find_band (content, ROW_CARAVAN), BLOG), ==, 3);

  g_assert_finalize_object (content);
}

/* HTML {{{ */

typedef struct
{
  GPtrArray *stack;
  GString   *text;
  GString   *style;
  guint      n_marks;
  guint      n_bands;
  guint      n_sections;
  gboolean   in_style;
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

  g_ptr_array_add (scan->stack, g_strdup (element));
  scan->in_style = g_str_equal (element, "style");

  /* Nothing to fetch, nothing to run. */
  g_assert_cmpstr (element, !=, "script");
  g_assert_cmpstr (element, !=, "link");
  g_assert_cmpstr (element, !=, "img");
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_assert_cmpstr (names[i], !=, "src");
      g_assert_cmpstr (names[i], !=, "href");
      g_assert_false (g_str_has_prefix (names[i], "on"));
      if (g_str_equal (names[i], "class") && g_str_has_prefix (values[i], "band "))
        scan->n_bands++;
    }

  if (g_str_equal (element, "mark"))
    scan->n_marks++;
  if (g_str_equal (element, "section"))
    scan->n_sections++;
}

static void
html_end_cb (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  HtmlScan *scan = user_data;

  g_assert_cmpuint (scan->stack->len, >, 0);
  g_assert_cmpstr (g_ptr_array_index (scan->stack, scan->stack->len - 1), ==, element);
  g_ptr_array_remove_index (scan->stack, scan->stack->len - 1);
  scan->in_style = FALSE;
}

static void
html_text_cb (GMarkupParseContext  *context,
              const char           *text,
              gsize                 length,
              gpointer              user_data,
              GError              **error)
{
  HtmlScan *scan = user_data;

  g_string_append_len (scan->in_style ? scan->style : scan->text, text, length);
  if (!scan->in_style)
    g_string_append_c (scan->text, '\n');
}

/* Parses @html as XML: a tag left open or closed twice fails. Every tag
 * is one of @known.
 */
static void
scan_html (const char *html,
           HtmlScan   *scan)
{
  static const GMarkupParser parser = { html_start_cb, html_end_cb, html_text_cb, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;

  memset (scan, 0, sizeof *scan);
  scan->stack = g_ptr_array_new_with_free_func (g_free);
  scan->text = g_string_new (NULL);
  scan->style = g_string_new (NULL);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\" />"));
  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, scan, NULL);
  g_markup_parse_context_parse (context, html, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scan->stack->len, ==, 0);
}

static void
html_scan_clear (HtmlScan *scan)
{
  g_ptr_array_unref (scan->stack);
  g_string_free (scan->text, TRUE);
  g_string_free (scan->style, TRUE);
}

/* The numbers in the matrix row of @label, after the label: the cells'
 * text, in order.
 */
static char *
matrix_row (const char *html,
            const char *label)
{
  g_autofree char *escaped = g_markup_escape_text (label, -1);
  g_autofree char *needle = g_strdup_printf ("</span>%s</th>", escaped);
  const char *start = strstr (strstr (html, "<table class=\"matrix\">"), needle);
  const char *end;
  GString *numbers = g_string_new (NULL);

  g_assert_nonnull (start);
  end = strstr (start, "</tr>");
  for (const char *p = start; p < end; p++)
    {
      if (*p == '>' && g_ascii_isdigit (p[1]))
        {
          if (numbers->len > 0)
            g_string_append_c (numbers, ' ');
          for (p++; g_ascii_isdigit (*p); p++)
            g_string_append_c (numbers, *p);
        }
    }

  return g_string_free (numbers, FALSE);
}

static void
test_html (void)
{
  g_autoptr(CpComparison) comparison = load_fixtures ();
  g_autoptr(GDateTime) date = g_date_time_new_utc (2024, 3, 9, 12, 0, 0);
  CpSheetOptions options = { 0 };
  CpSheetContent *content;
  g_autofree char *html = NULL;
  HtmlScan scan;
  gsize length;
  guint n_excerpt_marks = 0, n_document_marks = 0;

  options.title = "Salt & <Sand> “week 3”";
  options.date = date;
  options.full_texts = TRUE;
  options.excerpts_per_cell = 1;
  content = cp_sheet_content_new (comparison, &options);
  html = cp_sheet_content_to_html (content, &length);
  g_assert_cmpuint (length, ==, strlen (html));
  g_assert_true (g_utf8_validate (html, -1, NULL));

  scan_html (html, &scan);

  /* Title, escaped, in the head and on the page. */
  g_assert_nonnull (strstr (html, "<title>Salt &amp; &lt;Sand&gt; “week 3”</title>"));
  g_assert_nonnull (strstr (html, "<h1>Salt &amp; &lt;Sand&gt; “week 3”</h1>"));
  g_assert_nonnull (strstr (html, "<time datetime=\"2024-03-09\">9 March 2024</time>"));

  for (guint d = 0; d < N_FIXTURES; d++)
    {
      g_autofree char *words = g_strdup_printf ("%u words", cp_sheet_content_get_document_words (content, d));
      guint n;

      g_assert_nonnull (strstr (scan.text->str, cp_sheet_content_get_document_title (content, d)));
      g_assert_nonnull (strstr (scan.text->str, cp_sheet_content_get_document_name (content, d)));
      g_assert_nonnull (strstr (scan.text->str, words));
      cp_sheet_content_get_document_marks (content, d, &n);
      n_document_marks += n;
    }

  /* Every topic in the legend and the matrix, with its counts, its
   * spread and its total.
   */
  for (guint t = 0; t < cp_sheet_content_get_n_topics (content); t++)
    {
      const char *label = cp_sheet_content_get_topic_label (content, t);
      g_autofree char *row = matrix_row (html, label);
      GString *expected = g_string_new (NULL);
      g_autofree char *legend = g_strdup_printf ("<li><span class=\"marker topic-%u\" aria-hidden=\"true\">%u</span>%s</li>",
                                                 t + 1, t + 1, label);
      g_autofree char *color = g_strdup_printf (".topic-%u { --c: %s;", t + 1,
                                                cp_sheet_content_get_topic_color (content, t));
      guint total = 0;

      for (guint d = 0; d < N_FIXTURES; d++)
        {
          g_string_append_printf (expected, "%u ", cp_sheet_content_get_count (content, t, d));
          total += cp_sheet_content_get_count (content, t, d);
        }
      g_string_append_printf (expected, "%u %u", cp_sheet_content_get_spread (content, t), total);

      g_assert_cmpstr (row, ==, expected->str);
      g_assert_nonnull (strstr (html, legend));
      g_assert_nonnull (strstr (scan.style->str, color));
      g_string_free (expected, TRUE);
    }
  {
    g_autofree char *row = matrix_row (html, "Caravan");

    g_assert_cmpstr (row, ==, "3 2 3 1 4 9");
  }

  g_assert_cmpuint (scan.n_bands, ==, 4);
  for (guint b = 0; b < cp_sheet_content_get_n_bands (content); b++)
    for (guint d = 0; d < N_FIXTURES; d++)
      for (guint e = 0; e < cp_sheet_content_get_n_excerpts (content, b, d); e++)
        n_excerpt_marks += cp_sheet_content_get_excerpt (content, b, d, e)->n_marks;
  g_assert_cmpuint (scan.n_marks, ==, n_excerpt_marks + n_document_marks);

  /* Excerpts, marks and "+ N more". */
  g_assert_nonnull (strstr (html, "<p class=\"excerpt\">What I got was a film about a "
                                  "<mark class=\"topic-1\" data-marker=\"1\">caravan</mark> "
                                  "that keeps losing people.</p>\n<p class=\"more\">+ 2 more</p>"));
  g_assert_nonnull (strstr (html, "<p class=\"excerpt\">The <mark class=\"topic-2\" data-marker=\"2\">cello</mark> "
                                  "<mark class=\"topic-2\" data-marker=\"2\">score</mark> never tells you what to feel.</p>"));
  g_assert_nonnull (strstr (scan.text->str, "in 4 of 4 reviews · 9 mentions"));
  g_assert_nonnull (strstr (scan.text->str, "Not mentioned"));

  /* The appendix: paragraphs, and the escaped apostrophe of Castellane's. */
  g_assert_nonnull (strstr (html, "<section class=\"appendix\">"));
  g_assert_nonnull (strstr (html, "<td class=\"text\"><p>The Salt Road: a patient film about walking</p>\n"
                                  "<p>Mira Castellane&apos;s second feature follows a "
                                  "<mark class=\"topic-1\" data-marker=\"1\">desert caravan</mark> across"));
  /* Hard-wrapped lines are joined. */
  g_assert_nonnull (strstr (html, "In the last hour the <mark class=\"topic-4\" data-marker=\"4\">desert</mark> is"));

  /* Print rules. */
  g_assert_nonnull (strstr (scan.style->str, "@media print"));
  g_assert_nonnull (strstr (scan.style->str, "thead { display: table-header-group; }"));

  html_scan_clear (&scan);
  g_assert_finalize_object (content);

  /* No appendix unless asked for; ALL adds bands. */
  options.full_texts = FALSE;
  options.topics = CP_SHEET_TOPICS_ALL;
  content = cp_sheet_content_new (comparison, &options);
  g_clear_pointer (&html, g_free);
  html = cp_sheet_content_to_html (content, NULL);
  scan_html (html, &scan);
  g_assert_null (strstr (html, "class=\"appendix\""));
  g_assert_cmpuint (scan.n_bands, ==, 6);
  g_assert_nonnull (strstr (scan.text->str, "Budget"));
  html_scan_clear (&scan);
  g_assert_finalize_object (content);
}

/* }}} */

/* CSV {{{ */

/* Parses RFC 4180 CSV with CRLF line ends into rows of fields. */
static GPtrArray *
parse_csv (const char *csv)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = csv;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; !(*p == '"' && p[1] != '"'); p++)
            {
              g_assert_cmpint (*p, !=, '\0');
              if (*p == '"')
                p++;
              g_string_append_c (field, *p);
            }
          p++;
          g_assert_true (*p == ',' || *p == '\r');
        }
      else
        {
          for (; *p != ',' && *p != '\r' && *p != '\0'; p++)
            {
              g_assert_cmpint (*p, !=, '"');
              g_assert_cmpint (*p, !=, '\n');
              g_string_append_c (field, *p);
            }
        }

      g_ptr_array_add (row, g_strdup (field->str));
      g_string_truncate (field, 0);

      if (*p == ',')
        p++;
      else
        {
          g_assert_cmpint (p[0], ==, '\r');
          g_assert_cmpint (p[1], ==, '\n');
          p += 2;
          g_ptr_array_add (row, NULL);
          g_ptr_array_add (rows, g_ptr_array_steal (row, NULL));
        }
    }
  g_string_free (field, TRUE);
  g_assert_cmpuint (row->len, ==, 0);

  return rows;
}

/* The list of reviews names the author and outlet a review's source
 * gives, between its title and its file */
static void
test_html_byline (void)
{
  g_autoptr(CpComparison) comparison = cp_comparison_new (NULL);
  CpDocumentInfo info = { "html", "Never Sorry, reviewed", "Jane <Doe>", "The Paper", NULL };
  g_autoptr(CpDocument) page = cp_document_new_from_import (NULL, "page.html", "An artist against the state.", -1, &info);
  g_autoptr(CpDocument) plain = cp_document_new_from_text ("plain.txt", "A plain review\n\nBy Rui Costa", -1);
  g_autoptr(CpSheetContent) content = NULL;
  g_autofree char *html = NULL;

  cp_comparison_append_document (comparison, page);
  cp_comparison_append_document (comparison, plain);
  content = cp_sheet_content_new (comparison, NULL);
  g_assert_cmpstr (cp_sheet_content_get_document_byline (content, 0), ==, "Jane <Doe> · The Paper");
  g_assert_null (cp_sheet_content_get_document_byline (content, 1));

  html = cp_sheet_content_to_html (content, NULL);
  g_assert_nonnull (strstr (html, "<li><span class=\"ref\">1</span><span class=\"title\">Never Sorry, reviewed</span>"
                                  "<span class=\"words\">5 words</span><span class=\"byline\">Jane &lt;Doe&gt; · The Paper</span>"
                                  "<span class=\"file\">page.html</span></li>"));
  g_assert_nonnull (strstr (html, "<li><span class=\"ref\">2</span><span class=\"title\">A plain review</span>"
                                  "<span class=\"words\">6 words</span><span class=\"file\">plain.txt</span></li>"));
}

static void
test_csv (void)
{
  static const char * const texts[] = {
    "He said \"no\", then left\n\nA caravan, a camel.\n",
    "Plain title\n\nNo caravan here? Yes, a caravan.\n",
    NULL,
  };
  g_autoptr(CpComparison) comparison = load_fixtures ();
  g_autoptr(CpComparison) quoted = NULL;
  CpSheetContent *content = cp_sheet_content_new (comparison, NULL);
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  char **header;
  gsize length;

  csv = cp_sheet_content_to_csv (content, &length);
  g_assert_cmpuint (length, ==, strlen (csv));
  g_assert_true (g_str_has_prefix (csv, "topic,The Salt Road: a patient film about walking,"
                                        "Review: The Salt Road (2019),Why I keep thinking about The Salt Road,"
                                        "《盐路》：一部关于行走的电影,reviews,mentions\r\n"
                                        "Caravan,3,2,3,1,4,9\r\n"));

  rows = parse_csv (csv);
  g_assert_cmpuint (rows->len, ==, cp_sheet_content_get_n_topics (content) + 1);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (g_strv_length (header), ==, N_FIXTURES + 3);
  g_assert_cmpstr (header[0], ==, "topic");
  for (guint d = 0; d < N_FIXTURES; d++)
    g_assert_cmpstr (header[d + 1], ==, cp_document_get_title (cp_comparison_get_document (comparison, d)));
  g_assert_cmpstr (header[N_FIXTURES + 1], ==, "reviews");
  g_assert_cmpstr (header[N_FIXTURES + 2], ==, "mentions");

  for (guint t = 0; t < cp_sheet_content_get_n_topics (content); t++)
    {
      char **fields = g_ptr_array_index (rows, t + 1);
      guint source = source_of (content, comparison, t);

      g_assert_cmpuint (g_strv_length (fields), ==, N_FIXTURES + 3);
      g_assert_cmpstr (fields[0], ==, expected_rows[t]);
      for (guint d = 0; d < N_FIXTURES; d++)
        g_assert_cmpuint (g_ascii_strtoull (fields[d + 1], NULL, 10), ==,
                          cp_comparison_get_count (comparison, source, d));
      g_assert_cmpuint (g_ascii_strtoull (fields[N_FIXTURES + 1], NULL, 10), ==,
                        cp_comparison_get_spread (comparison, source));
      g_assert_cmpuint (g_ascii_strtoull (fields[N_FIXTURES + 2], NULL, 10), ==,
                        cp_comparison_get_total (comparison, source));
    }
  g_assert_finalize_object (content);

  /* Quotes and commas are quoted. */
  quoted = comparison_for_texts (texts);
  content = cp_sheet_content_new (quoted, NULL);
  g_clear_pointer (&csv, g_free);
  csv = cp_sheet_content_to_csv (content, NULL);
  g_assert_true (g_str_has_prefix (csv, "topic,\"He said \"\"no\"\", then left\",Plain title,reviews,mentions\r\n"));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = parse_csv (csv);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (header[1], ==, "He said \"no\", then left");
  g_assert_finalize_object (content);
}

/* }}} */

/* On the sample reviews, with every excerpt shown: a cell never shows a
 * stretch of text twice, and every mention of the band's topic inside an
 * excerpt is marked, even where merging stopped at its length limit. */
static void
test_no_repeats (void)
{
  g_autoptr(GPtrArray) samples = cp_test_load_samples ();
  g_autoptr(CpComparison) comparison = cp_comparison_new (NULL);
  g_autoptr(CpSheetContent) content = NULL;
  CpSheetOptions options = { 0 };
  guint n_checked = 0;

  for (guint i = 0; i < samples->len; i++)
    cp_comparison_append_document (comparison, samples->pdata[i]);

  options.topics = CP_SHEET_TOPICS_ALL;
  options.excerpts_per_cell = 100;
  content = cp_sheet_content_new (comparison, &options);

  for (guint b = 0; b < cp_sheet_content_get_n_bands (content); b++)
    {
      guint topic = cp_sheet_content_get_band_topic (content, b);
      CpTopicSet *topics = cp_comparison_get_topics (comparison);
      guint set_index = G_MAXUINT;

      /* The band's topic in the comparison's set, by its label */
      for (guint t = 0; t < cp_topic_set_get_n_topics (topics); t++)
        if (g_str_equal (cp_topic_get_display_label (cp_topic_set_get_topic (topics, t)),
                         cp_sheet_content_get_topic_label (content, topic)))
          set_index = t;
      g_assert_cmpuint (set_index, !=, G_MAXUINT);

      for (guint d = 0; d < cp_sheet_content_get_n_documents (content); d++)
        {
          const CpMention *mentions;
          guint n_mentions;
          guint previous_end = 0;

          g_assert_cmpuint (cp_sheet_content_get_n_more (content, b, d), ==, 0);
          mentions = cp_test_get_mentions (comparison, d, &n_mentions);

          for (guint k = 0; k < cp_sheet_content_get_n_excerpts (content, b, d); k++)
            {
              const CpSheetExcerpt *excerpt = cp_sheet_content_get_excerpt (content, b, d, k);
              guint inside = 0;

              g_assert_cmpuint (excerpt->document_start, >=, previous_end);
              g_assert_cmpuint (excerpt->document_end, >, excerpt->document_start);
              previous_end = excerpt->document_end;

              for (guint m = 0; m < n_mentions; m++)
                if (mentions[m].topic == set_index &&
                    mentions[m].start >= excerpt->document_start &&
                    mentions[m].end <= excerpt->document_end)
                  inside++;
              g_assert_cmpuint (excerpt->n_marks, ==, inside);
              g_assert_cmpuint (inside, >, 0);
              n_checked++;
            }
        }
    }

  g_assert_cmpuint (n_checked, >, 20);
}

/* Text from a review is only text: a control character keeps the HTML
 * well-formed, a title that looks like a formula is text in a
 * spreadsheet's cell */
static void
test_untrusted_text (void)
{
  static const char * const sea_terms[] = { "sea", NULL };
  g_autoptr(CpTopicSet) topics = cp_topic_set_new ();
  g_autoptr(CpTopic) sea = cp_test_make_topic ("sea", "Sea", "#4477aa", sea_terms);
  g_autoptr(CpComparison) comparison = NULL;
  g_autoptr(CpDocument) formula = cp_document_new_from_text ("a.txt", "=HYPERLINK(\"http://example.com\",\"x\")\n\nThe sea.", -1);
  g_autoptr(CpDocument) plus = cp_document_new_from_text ("b.txt", "+1 for the sea\n\nThe sea again.", -1);
  g_autoptr(CpDocument) control = cp_document_new_from_text ("c.txt", "Bell\n\nThe sea \x01 rings\x07.", -1);
  g_autoptr(CpSheetContent) content = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *html = NULL;
  CpSheetOptions options = { 0 };
  HtmlScan scan;
  char **header;

  cp_topic_set_append (topics, sea);
  comparison = cp_comparison_new (topics);
  cp_comparison_append_document (comparison, formula);
  cp_comparison_append_document (comparison, plus);
  cp_comparison_append_document (comparison, control);
  options.excerpts_per_cell = 3;
  options.full_texts = TRUE;
  content = cp_sheet_content_new (comparison, &options);

  csv = cp_sheet_content_to_csv (content, NULL);
  rows = parse_csv (csv);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (header[1], ==, "'=HYPERLINK(\"http://example.com\",\"x\")");
  g_assert_cmpstr (header[2], ==, "'+1 for the sea");
  g_assert_cmpstr (header[3], ==, "Bell");

  html = cp_sheet_content_to_html (content, NULL);
  g_assert_null (strstr (html, "&#x1;"));
  g_assert_null (strstr (html, "&#x7;"));
  scan_html (html, &scan);
  g_assert_nonnull (strstr (scan.text->str, " \xef\xbf\xbd rings\xef\xbf\xbd."));
  html_scan_clear (&scan);
}

/* A colour that comes round again carries its round, for the second cue */
static void
test_color_rounds (void)
{
  static const char * const sea_terms[] = { "sea", NULL };
  static const char * const salt_terms[] = { "salt", NULL };
  g_autoptr(CpTopicSet) topics = cp_topic_set_new ();
  g_autoptr(CpTopic) sea = cp_test_make_topic ("sea", "Sea", "#4477aa", sea_terms);
  g_autoptr(CpTopic) salt = cp_test_make_topic ("salt", "Salt", "#4477AA", salt_terms);
  g_autoptr(CpComparison) comparison = NULL;
  g_autoptr(CpDocument) a = cp_document_new_from_text ("a.txt", "The sea and the salt.", -1);
  g_autoptr(CpDocument) b = cp_document_new_from_text ("b.txt", "Salt on the sea wind.", -1);
  g_autoptr(CpSheetContent) content = NULL;

  cp_topic_set_append (topics, sea);
  cp_topic_set_append (topics, salt);
  comparison = cp_comparison_new (topics);
  cp_comparison_append_document (comparison, a);
  cp_comparison_append_document (comparison, b);
  content = new_content (comparison, CP_SHEET_TOPICS_ALL, 3);

  g_assert_cmpuint (cp_sheet_content_get_n_topics (content), ==, 2);
  for (guint t = 0; t < 2; t++)
    {
      gboolean is_salt = g_str_equal (cp_sheet_content_get_topic_label (content, t), "Salt");

      g_assert_cmpuint (cp_sheet_content_get_topic_rgb (content, t), ==, 0x4477aa);
      g_assert_cmpuint (cp_sheet_content_get_topic_color_round (content, t), ==, is_salt ? 1 : 0);
    }
}

static guint
count_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  return g_strv_length (words);
}

static void
test_notes (void)
{
  g_autoptr(CpComparison) comparison = load_fixtures ();
  CpDocument *journal = cp_comparison_get_document (comparison, JOURNAL);
  CpDocument *weekly = cp_comparison_get_document (comparison, WEEKLY);
  CpNote *medic;
  g_autoptr(CpSheetContent) content = NULL;
  g_autofree char *html = NULL;
  g_autofree char *label = NULL;
  const CpSheetNote *note;
  guint n_touched = 0;
  gboolean cello_shown = FALSE;

  /* Added out of text order, and across reviews */
  cp_test_add_note (comparison, journal, "cello score", "Cello & <wind>: the best idea");
  cp_test_add_note (comparison, weekly, "The Salt Road is a film about distance", "Compare the journal's walking.");
  medic = cp_test_add_note (comparison, journal,
                            "Mira Castellane's second feature follows a desert caravan across four hundred kilometres "
                            "of salt flats, and it asks for patience.\n\nDr. Amal Reyes, the expedition's medic "
                            "(played with dry wit by J. Okafor), keeps the camel bells in her pack",
                            "  Who plays the guide?  ");

  content = new_content (comparison, CP_SHEET_TOPICS_ALL, 0);

  /* Grouped by review, in text order, numbered in that order */
  g_assert_cmpuint (cp_sheet_content_get_n_notes (content), ==, 3);
  note = cp_sheet_content_get_note (content, 0);
  g_assert_cmpuint (note->number, ==, 1);
  g_assert_cmpuint (note->document, ==, JOURNAL);
  g_assert_cmpuint (note->start, ==, cp_note_get_start (medic));
  g_assert_cmpuint (note->end, ==, cp_note_get_end (medic));
  g_assert_cmpstr (note->text, ==, "Who plays the guide?");
  /* 39 words in the passage: the first 30, the paragraph break one space */
  g_assert_true (g_str_has_prefix (note->quote, "Mira Castellane's second feature follows a desert caravan across "
                                                "four hundred kilometres of salt flats, and it asks for patience. Dr. "));
  g_assert_true (g_str_has_suffix (note->quote, "…"));
  g_assert_cmpuint (count_words (note->quote), ==, 30);
  g_assert_null (strchr (note->quote, '\n'));

  note = cp_sheet_content_get_note (content, 1);
  g_assert_cmpuint (note->number, ==, 2);
  g_assert_cmpuint (note->document, ==, JOURNAL);
  g_assert_cmpstr (note->quote, ==, "cello score");
  g_assert_cmpstr (note->text, ==, "Cello & <wind>: the best idea");
  note = cp_sheet_content_get_note (content, 2);
  g_assert_cmpuint (note->number, ==, 3);
  g_assert_cmpuint (note->document, ==, WEEKLY);
  g_assert_cmpstr (note->quote, ==, "The Salt Road is a film about distance");
  label = cp_sheet_content_dup_note_label (content, 2);
  g_assert_cmpstr (label, ==, "N3");

  /* An excerpt lists exactly the notes whose passage overlaps it */
  for (guint b = 0; b < cp_sheet_content_get_n_bands (content); b++)
    for (guint d = 0; d < N_FIXTURES; d++)
      for (guint e = 0; e < cp_sheet_content_get_n_excerpts (content, b, d); e++)
        {
          const CpSheetExcerpt *excerpt = cp_sheet_content_get_excerpt (content, b, d, e);
          guint k = 0;

          for (guint i = 0; i < cp_sheet_content_get_n_notes (content); i++)
            {
              note = cp_sheet_content_get_note (content, i);
              if (note->document != d || note->start >= excerpt->document_end ||
                  note->end <= excerpt->document_start)
                continue;
              g_assert_cmpuint (k, <, excerpt->n_notes);
              g_assert_cmpuint (excerpt->notes[k++], ==, i);
              n_touched++;
              if (i == 1 && strstr (excerpt->text, "cello score") != NULL)
                cello_shown = TRUE;
            }
          g_assert_cmpuint (excerpt->n_notes, ==, k);
          g_assert_true ((excerpt->notes == NULL) == (k == 0));
        }
  g_assert_true (cello_shown);
  g_assert_cmpuint (n_touched, >=, 2);

  /* HTML: the markers link to the Notes section, which quotes and escapes */
  html = cp_sheet_content_to_html (content, NULL);
  g_assert_nonnull (strstr (html, "<a class=\"note-ref\" href=\"#note-2\">N2</a></p>"));
  g_assert_nonnull (strstr (html, "<section class=\"notes\">\n<h2>Notes</h2>\n"));
  g_assert_nonnull (strstr (html, "<li id=\"note-2\"><span class=\"note-ref\">N2</span>"
                                  "<blockquote>“cello score”</blockquote>"
                                  "<p>Cello &amp; &lt;wind&gt;: the best idea</p></li>"));
  g_assert_nonnull (strstr (html, "<li id=\"note-3\">"));
  g_assert_true (strstr (html, "<li id=\"note-1\">") < strstr (html, "<li id=\"note-2\">"));
  /* After the bands, under each review's title */
  g_assert_true (strstr (html, "class=\"band ") < strstr (html, "class=\"notes\""));
  for (guint d = JOURNAL; d <= WEEKLY; d++)
    {
      g_autofree char *heading = g_strdup_printf ("<h3><span class=\"ref\">%u</span>%s</h3>\n<ol class=\"notes\">",
                                                  d + 1, cp_sheet_content_get_document_title (content, d));

      g_assert_nonnull (strstr (html, heading));
    }
  g_assert_null (strstr (html, "<h3><span class=\"ref\">3</span>"));

  /* A snapshot: a note added later is not on this sheet */
  cp_test_add_note (comparison, cp_comparison_get_document (comparison, BLOG), "The", "Later");
  g_assert_cmpuint (cp_sheet_content_get_n_notes (content), ==, 3);
  g_assert_finalize_object (g_steal_pointer (&content));
}

static void
test_no_notes (void)
{
  g_autoptr(CpComparison) comparison = load_fixtures ();
  g_autoptr(CpSheetContent) content = new_content (comparison, CP_SHEET_TOPICS_ALL, 0);
  g_autofree char *html = cp_sheet_content_to_html (content, NULL);

  g_assert_cmpuint (cp_sheet_content_get_n_notes (content), ==, 0);
  for (guint b = 0; b < cp_sheet_content_get_n_bands (content); b++)
    for (guint d = 0; d < N_FIXTURES; d++)
      for (guint e = 0; e < cp_sheet_content_get_n_excerpts (content, b, d); e++)
        {
          g_assert_cmpuint (cp_sheet_content_get_excerpt (content, b, d, e)->n_notes, ==, 0);
          g_assert_null (cp_sheet_content_get_excerpt (content, b, d, e)->notes);
        }
  g_assert_null (strstr (html, "class=\"notes\""));
  g_assert_null (strstr (html, "<a class=\"note-ref\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sheet-content/rows", test_rows);
  g_test_add_func ("/core/sheet-content/html-byline", test_html_byline);
  g_test_add_func ("/core/sheet-content/bands", test_bands);
  g_test_add_func ("/core/sheet-content/sentence-excerpt", test_sentence_excerpt);
  g_test_add_func ("/core/sheet-content/window-excerpt", test_window_excerpt);
  g_test_add_func ("/core/sheet-content/marks", test_marks);
  g_test_add_func ("/core/sheet-content/merged", test_merged);
  g_test_add_func ("/core/sheet-content/no-repeats", test_no_repeats);
  g_test_add_func ("/core/sheet-content/n-more", test_n_more);
  g_test_add_func ("/core/sheet-content/document-marks", test_document_marks);
  g_test_add_func ("/core/sheet-content/default-title", test_default_title);
  g_test_add_func ("/core/sheet-content/cjk", test_cjk);
  g_test_add_func ("/core/sheet-content/cjk-window", test_cjk_window);
  g_test_add_func ("/core/sheet-content/sentences", test_sentences);
  g_test_add_func ("/core/sheet-content/run-on", test_run_on);
  g_test_add_func ("/core/sheet-content/snapshot", test_snapshot);
  g_test_add_func ("/core/sheet-content/html", test_html);
  g_test_add_func ("/core/sheet-content/csv", test_csv);
  g_test_add_func ("/core/sheet-content/color-rounds", test_color_rounds);
  g_test_add_func ("/core/sheet-content/untrusted-text", test_untrusted_text);
  g_test_add_func ("/core/sheet-content/notes", test_notes);
  g_test_add_func ("/core/sheet-content/no-notes", test_no_notes);

  return g_test_run ();
}
