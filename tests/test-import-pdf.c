/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The PDF importer, on PDFs this test draws with cairo: a journal review
 * with a running header and footer, a two-column magazine feature, a page
 * a browser saved as PDF, a scan, an encrypted file, damaged files and a
 * 10,000-page one. Each review's text is written here as plain text; the
 * PDF drawn from it must read back as exactly that text.
 */
#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "cp-comparison.h"
#include "cp-error.h"
#include "cp-import.h"
#include "cp-import-private.h"
#include "cp-test-pdf-writer.h"
#include "cp-test-utils.h"

/* The journal review: title, byline, then the body. */
static const char journal_review[] =
  "The Artist Who Would Not Be Quiet\n"
  "\n"
  "By Dana Whitfield\n"
  "\n"
  "Alison Klayman spent the better part of three years following Ai Weiwei through his Beijing "
  "studio, his exhibitions abroad and his increasingly frequent encounters with the police, and "
  "Never Sorry is the record of that apprenticeship in watching. It is not a portrait in the "
  "reverent sense. Klayman lets her subject be vain, funny, impatient and occasionally tiresome, "
  "and the film is better for every one of those qualities.\n"
  "\n"
  "The spine of the documentary is the aftermath of the Sichuan earthquake of 2008. Thousands of "
  "schoolchildren died when their classrooms collapsed, and the government declined to say how "
  "many or to name them. Ai and a team of volunteers set out to do both. We watch them knock on "
  "doors, fill notebooks, and copy out names and birthdays until a wall of his studio is covered "
  "in them. The phrase tofu-dreg, the local term for buildings put up with too little steel and "
  "too much sand, recurs like a refrain.\n"
  "\n"
  "What makes the sequence extraordinary is its patience. Klayman does not hurry the "
  "investigation toward a verdict; she lets the reconciliation of lists, the arguments over "
  "spelling and the long silences on the telephone accumulate until their weight becomes an "
  "indictment of every tofu-dreg contractor in the province.\n"
  "\n"
  "The other half of the film belongs to the internet. Ai discovered Twitter late and took to it "
  "with the zeal of a convert, posting hundreds of messages a day, many of them photographs of "
  "whatever happened to be in front of him. Klayman understands that for Ai the feed is not a "
  "promotional tool but an extension of the work itself, a way of making the act of witnessing "
  "public and therefore harder to erase. His assistants tweet his movements; his followers "
  "retweet them; the police, presumably, read them too.\n"
  "\n"
  "Those police are never far away. In Chengdu, where Ai travelled to testify for the activist "
  "Tan Zuoren, officers burst into his hotel room before dawn, and a blow to the head left him "
  "with a cerebral hemorrhage that required surgery in Munich. The footage of the confrontation, "
  "shot on a phone and shaky with adrenaline, is among the most unsettling images in any recent "
  "documentary. Later the authorities demolish his newly built Shanghai studio, and Ai throws a "
  "feast of river crabs to mark the occasion, a pun that the censors are slow to catch.\n"
  "\n"
  "Between these confrontations Klayman finds room for the art. The installation of one hundred "
  "million porcelain sunflower seeds in the Turbine Hall at the Tate Modern is shown in its "
  "making, in the workshops of Jingdezhen where hundreds of artisans painted each husk by hand, "
  "and in its reception, as London visitors wade through it before the dust forces the gallery "
  "to rope it off. The seeds become the film’s quiet metaphor: each one individual, all of them "
  "together a landscape.\n"
  "\n"
  "The film ends with an epilogue that its makers could not have planned. In April 2011 Ai was "
  "detained at Beijing airport and held without charge for 81 days. When he is released he says "
  "almost nothing to the cameras waiting outside his gate, and the silence of a man who had never "
  "stopped talking is the most eloquent moment in the film. Never Sorry does not pretend to know "
  "what comes next. It settles for showing us, with admirable clarity, what it costs to keep "
  "speaking.";

/* The magazine feature: title and standfirst across both columns, the
 * byline, then the body. */
static const char magazine_feature[] =
  "Sunflower Seeds and a Wall of Names\n"
  "\n"
  "Alison Klayman’s documentary about Ai Weiwei is a study of an artist who turned counting "
  "into a form of dissent.\n"
  "\n"
  "By Tomasz Reyes\n"
  "\n"
  "Counting is the most modest of intellectual acts, and the most dangerous in a country that "
  "prefers its statistics unexamined. Ai Weiwei: Never Sorry, Alison Klayman’s first feature, is "
  "at heart a film about counting: names, seeds, followers, days in detention.\n"
  "\n"
  "After the Sichuan earthquake of May 2008, the official figures for the schoolchildren killed "
  "in collapsed classrooms were vague and slow to arrive. Ai’s response was to assemble a "
  "citizens’ investigation, a team of volunteers who travelled from village to village with "
  "notebooks and cameras, collecting the name, age and school of every child they could confirm. "
  "The film shows the work without flourish: long drives, refusals at doorways, a spreadsheet "
  "that grows line by line. By the time the list is published it holds more than five thousand "
  "names, and Ai has them read aloud, one voice after another, in a recording that lasts for "
  "hours.\n"
  "\n"
  "The same arithmetic of the individual drives the installation he made for the Turbine Hall. A "
  "hundred million sunflower seeds, each one sculpted and painted by hand in the porcelain "
  "workshops of Jingdezhen, cover the floor of the Tate Modern like a grey beach. Klayman films "
  "the artisans at their benches and lets us see how a single seed passes through a dozen pairs "
  "of hands. Mass production, in Ai’s version, turns out to be a multitude of small, deliberate "
  "acts, which is also a fair description of his politics.\n"
  "\n"
  "Klayman is equally attentive to the arithmetic of attention. Ai’s Twitter account, which he "
  "began after his blog was shut down, becomes a running commentary on his own life; his tweets "
  "number in the tens of thousands, and the film flashes them across the screen as it cuts "
  "between his studio and the street. It is the first documentary I have seen that makes a "
  "microblog feel like a dramatic device rather than a gimmick.\n"
  "\n"
  "The darker counting comes last. The film records the police raid in Chengdu, the surgery in "
  "Munich for the bleeding it caused, the demolition of the Shanghai studio, and finally the "
  "detention of April 2011, when Ai disappeared into custody for 81 days without charge. Klayman "
  "cannot follow him there, and she does not try to imagine it. Instead she shows us the empty "
  "spaces he leaves: the unattended studio, the cats wandering through it, the mother who waits "
  "for news.\n"
  "\n"
  "Klayman also gives us glimpses of the family. Ai’s mother, Gao Ying, appears at the opening of "
  "an exhibition and later at the studio gate, worried and proud in equal measure; his father, "
  "the poet Ai Qing, is present only in photographs and in the story of the years he spent in "
  "exile in the far northwest. The film does not labour the parallel, but it is there for anyone "
  "who wants to see it: a second generation of the same family learning what it costs to be an "
  "inconvenient voice.\n"
  "\n"
  "What the film understands, and what many profiles of Ai miss, is that his provocations are "
  "rarely just provocations. The middle finger raised at Tiananmen Square and the photograph "
  "taken in a hotel lift as the police close in are jokes, but they are jokes with a ledger "
  "behind them, a refusal to let any act of power go unrecorded. Never Sorry keeps that ledger "
  "with him, and the result is one of the most lucid films about art and the state that the "
  "decade has produced.";

/* The web page: headline, byline, body. */
static const char web_review[] =
  "Never Sorry, reviewed: the artist as citizen\n"
  "\n"
  "By Mei Lin Harper · March 14, 2026\n"
  "\n"
  "There is a scene early in Never Sorry in which Ai Weiwei, asked by a visitor why he bothers, "
  "simply shrugs and points at his camera. The gesture explains the whole documentary. Alison "
  "Klayman’s film is about a man who decided that recording things was itself a political act, "
  "and it is made in the same spirit.\n"
  "\n"
  "Most of what Ai records, in the years Klayman follows him, concerns the Sichuan earthquake. "
  "The collapse of so many school buildings, and the state’s reluctance to count the dead, turns "
  "him from a celebrated artist into a stubborn investigator. His volunteers collect thousands of "
  "names; he posts them online; the posts are deleted; he posts them again.\n"
  "\n"
  "Twitter becomes his megaphone once his blog is closed. Klayman is good on the strange intimacy "
  "of the medium: Ai tweets from taxis, from hospital beds, from police stations, and his "
  "followers answer within seconds. The film suggests that this audience is also a kind of "
  "protection, though the events of 2011 show how thin that protection can be.\n"
  "\n"
  "Those events hang over the last act. Ai is beaten by police in Chengdu, operated on in Munich, "
  "and finally detained for 81 days without charge. Klayman has the tact not to dramatise what "
  "she could not film; her camera waits outside with his family and friends, and the waiting "
  "becomes its own form of testimony.\n"
  "\n"
  "The art is not neglected. The porcelain sunflower seeds at the Tate Modern get a lovely "
  "sequence, and there are glimpses of the earlier work that made his reputation. But this is "
  "above all a film about citizenship, and about the cost of insisting on it in public. It is "
  "essential viewing.";

static const char web_title_metadata[] = "Never Sorry, reviewed: the artist as citizen | Sideline Reviews";
static const char web_url[] = "https://www.sideline-reviews.example/film/2026/03/never-sorry-review";

static const CpTestPdfFont journal_body = { "DejaVu Serif", 10, FALSE, 13 };
static const CpTestPdfFont journal_title = { "DejaVu Serif", 18, TRUE, 22 };
static const CpTestPdfFont journal_byline = { "DejaVu Serif", 9, FALSE, 12 };
static const CpTestPdfFont journal_header = { "DejaVu Serif", 8, FALSE, 0 };

/* Helpers {{{ */

static char *
fixture_path (const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "import-pdf", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static void
set_metadata (CpTestPdfWriter *writer,
              const char      *title,
              const char      *author,
              const char      *date)
{
  cairo_surface_t *surface = cp_test_pdf_writer_get_surface (writer);

  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

static CpDocument *
import_path (const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return cp_document_new_from_file (file, CP_DOCUMENT_DEFAULT_MAX_SIZE, NULL, error);
}

static CpDocument *
import_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  CpDocument *document = import_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpstr (cp_document_get_format (document), ==, "pdf");

  return document;
}

static void
assert_refused (const char *path,
                CpError     code,
                const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpDocument) document = import_path (path, &error);
  g_autofree char *name = g_path_get_basename (path);

  g_assert_error (error, CP_ERROR, (int) code);
  g_assert_null (document);
  /* The message names the file and says what happened */
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, what));
}

static void
write_file (const char *path,
            const char *contents,
            gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* The document reads like @plain: the same text, and every topic of the
 * default set counted as often as in @plain read as plain text. */
static void
assert_reads_as (CpDocument *document,
                 const char *plain)
{
  g_autoptr(CpComparison) comparison = cp_comparison_new (NULL);
  g_autoptr(CpDocument) text = cp_document_new_from_text ("plain.txt", plain, -1);
  CpTopicSet *topics = cp_comparison_get_topics (comparison);
  const char * const shared[] = { "sichuan-earthquake", "sunflower-seeds", "twitter", "detention" };

  g_assert_cmpstr (cp_document_get_text (document), ==, plain);

  cp_comparison_append_document (comparison, document);
  cp_comparison_append_document (comparison, text);
  for (guint t = 0; t < cp_topic_set_get_n_topics (topics); t++)
    g_assert_cmpuint (cp_comparison_get_count (comparison, t, 0), ==,
                      cp_comparison_get_count (comparison, t, 1));

  /* ... and those counts are not all zero: each review names the four */
  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    {
      guint position = G_MAXUINT;

      for (guint t = 0; t < cp_topic_set_get_n_topics (topics); t++)
        if (g_strcmp0 (cp_topic_get_id (cp_topic_set_get_topic (topics, t)), shared[i]) == 0)
          position = t;
      g_assert_cmpuint (position, !=, G_MAXUINT);
      g_assert_cmpuint (cp_comparison_get_count (comparison, position, 0), >, 0);
    }
}

/* }}} */

/* The journal review {{{ */

static void
decorate_journal (cairo_t  *cr,
                  guint     page,
                  gpointer  user_data)
{
  g_autofree char *footer = g_strdup_printf ("Page %u", page);
  double width = cp_test_pdf_text_width (cr, &journal_header, footer);

  cp_test_pdf_show_text (cr, &journal_header, 50, 36, "The Film Quarterly — Winter 2026");
  cp_test_pdf_show_text (cr, &journal_header, (420 - width) / 2, 570, footer);
}

/* Draws a review as a journal prints it: A5, one column, a running
 * header and footer, the title larger, indented paragraphs, hyphenated
 * line ends. */
static void
draw_journal (const char     *path,
              const char     *title,
              CpTestPdfStats *stats)
{
  static const CpTestPdfGeometry geometry = { 420, 595, 60, 60, 50, 50, 1, 0 };
  CpTestPdfWriter *writer = cp_test_pdf_writer_new (path, &geometry);
  g_auto(GStrv) paragraphs = g_strsplit (journal_review, "\n\n", -1);

  set_metadata (writer, title, "Dana Whitfield", "2026-01-15T09:30:00Z");
  cp_test_pdf_writer_set_decorate (writer, decorate_journal, NULL);

  cp_test_pdf_writer_add_paragraph (writer, &journal_title, 0, 0, paragraphs[0]);
  cp_test_pdf_writer_add_paragraph (writer, &journal_byline, 0, 8, paragraphs[1]);
  for (guint i = 2; paragraphs[i] != NULL; i++)
    cp_test_pdf_writer_add_paragraph (writer, &journal_body,
                                      CP_TEST_PDF_HYPHENATE | (i > 2 ? CP_TEST_PDF_INDENT : 0),
                                      i == 2 ? 12 : 0, paragraphs[i]);

  cp_test_pdf_writer_finish (writer, stats);
}

static void
test_import_pdf_journal (void)
{
  g_autofree char *path = fixture_path ("journal.pdf");
  g_autoptr(CpDocument) document = NULL;
  CpTestPdfStats stats;

  draw_journal (path, "Microsoft Word - never-sorry-fq.docx", &stats);
  /* The layout exercises what it is meant to */
  g_assert_cmpuint (stats.n_pages, >=, 2);
  g_assert_cmpuint (stats.n_hyphenated, >=, 3);

  document = import_ok (path);
  assert_reads_as (document, journal_review);
  /* The Word file name in the metadata is no title: the largest text is */
  g_assert_cmpstr (cp_document_get_title (document), ==, "The Artist Who Would Not Be Quiet");
  g_assert_cmpstr (cp_document_get_author (document), ==, "Dana Whitfield");
  g_assert_cmpstr (cp_document_get_date (document), ==, "2026-01-15");
  g_assert_null (cp_document_get_site (document));
}

/* }}} */

/* The magazine feature {{{ */

static const CpTestPdfFont magazine_body = { "DejaVu Serif", 10, FALSE, 12.5 };
static const CpTestPdfFont magazine_title = { "DejaVu Sans", 20, TRUE, 24 };
static const CpTestPdfFont magazine_standfirst = { "DejaVu Serif", 11, FALSE, 14 };
static const CpTestPdfFont magazine_byline = { "DejaVu Sans", 7, TRUE, 9 };
static const CpTestPdfFont magazine_footer = { "DejaVu Sans", 7, FALSE, 0 };

static void
decorate_magazine (cairo_t  *cr,
                   guint     page,
                   gpointer  user_data)
{
  g_autofree char *footer = g_strdup_printf ("FILM QUARTERLY · WINTER 2026 · %u", 36 + page);
  double width = cp_test_pdf_text_width (cr, &magazine_footer, footer);

  /* Outside edge: left on even pages, right on odd ones */
  cp_test_pdf_show_text (cr, &magazine_footer, page % 2 ? 380 - width : 40, 575, footer);
}

/* The feature in @geometry's columns: title, standfirst and byline
 * across them, then justified and hyphenated paragraphs with space
 * between them. */
static void
draw_feature (const char              *path,
              const CpTestPdfGeometry *geometry,
              CpTestPdfFlags           body_flags,
              CpTestPdfDecorate        decorate,
              CpTestPdfStats          *stats)
{
  CpTestPdfWriter *writer = cp_test_pdf_writer_new (path, geometry);
  g_auto(GStrv) paragraphs = g_strsplit (magazine_feature, "\n\n", -1);

  set_metadata (writer, "Sunflower Seeds and a Wall of Names", "Tomasz Reyes", "2025-11-03T18:00:00+01:00");
  cp_test_pdf_writer_set_decorate (writer, decorate, NULL);

  cp_test_pdf_writer_add_paragraph (writer, &magazine_title, CP_TEST_PDF_ACROSS, 0, paragraphs[0]);
  cp_test_pdf_writer_add_paragraph (writer, &magazine_standfirst, CP_TEST_PDF_ACROSS, 6, paragraphs[1]);
  cp_test_pdf_writer_add_paragraph (writer, &magazine_byline, CP_TEST_PDF_ACROSS, 8, paragraphs[2]);
  for (guint i = 3; paragraphs[i] != NULL; i++)
    cp_test_pdf_writer_add_paragraph (writer, &magazine_body,
                                      CP_TEST_PDF_JUSTIFY | CP_TEST_PDF_HYPHENATE | body_flags,
                                      6, paragraphs[i]);

  cp_test_pdf_writer_finish (writer, stats);
}

static void
test_import_pdf_magazine (void)
{
  /* Two columns on A5, with ligatures, and footers; the text flows from
   * column to column and onto a second page */
  static const CpTestPdfGeometry geometry = { 420, 595, 45, 40, 40, 40, 2, 16 };
  g_autofree char *path = fixture_path ("magazine.pdf");
  g_autoptr(CpDocument) document = NULL;
  CpTestPdfStats stats;

  draw_feature (path, &geometry, CP_TEST_PDF_LIGATURES, decorate_magazine, &stats);
  g_assert_cmpuint (stats.n_pages, ==, 2);
  g_assert_cmpuint (stats.n_hyphenated, >=, 3);
  /* Paragraphs go on from the left column to the right one, and from
   * page to page */
  g_assert_cmpuint (stats.n_flowed, >=, 2);

  document = import_ok (path);
  assert_reads_as (document, magazine_feature);
  g_assert_cmpstr (cp_document_get_title (document), ==, "Sunflower Seeds and a Wall of Names");
  g_assert_cmpstr (cp_document_get_author (document), ==, "Tomasz Reyes");
  /* The date in the PDF's own time zone */
  g_assert_cmpstr (cp_document_get_date (document), ==, "2025-11-03");
}

/* Three columns across a landscape page: a column, then a region of
 * two, each read top to bottom */
static void
test_import_pdf_three_columns (void)
{
  static const CpTestPdfGeometry geometry = { 842, 595, 45, 40, 40, 40, 3, 18 };
  g_autofree char *path = fixture_path ("three-columns.pdf");
  g_autoptr(CpDocument) document = NULL;
  CpTestPdfStats stats;

  draw_feature (path, &geometry, 0, NULL, &stats);
  g_assert_cmpuint (stats.n_pages, ==, 1);
  g_assert_cmpuint (stats.n_flowed, >=, 2);

  document = import_ok (path);
  assert_reads_as (document, magazine_feature);
}

/* }}} */

/* Hyphens and dashes at line ends {{{ */

/* Lines set by hand, so that each one ends where the rule needs it to */
static void
test_import_pdf_hyphens (void)
{
  static const char * const lines[] = {
    "Every tofu-dreg school fell, the phrase tofu-",      /* a compound found elsewhere */
    "dreg was everywhere, and the reconcil-",             /* a word: joined */
    "iation of lists by Sino-",                           /* a capital after it */
    "American volunteers used state-of-the-",             /* a compound already */
    "art spreadsheets from 2008-",                        /* a range */
    "2011, and the film\u2014",                           /* a dash */
    "and its subject\u2014never let go.",
  };
  static const char expected[] =
    "Every tofu-dreg school fell, the phrase tofu-dreg was everywhere, and the reconciliation of "
    "lists by Sino-American volunteers used state-of-the-art spreadsheets from 2008-2011, and the "
    "film\u2014and its subject\u2014never let go.";
  g_autofree char *path = fixture_path ("hyphens.pdf");
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 420, 595);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(CpDocument) document = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    cp_test_pdf_show_text (cr, &journal_body, 50, 100 + 13 * i, lines[i]);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  document = import_ok (path);
  g_assert_cmpstr (cp_document_get_text (document), ==, expected);
}

/* }}} */

/* A web page saved as PDF {{{ */

static const CpTestPdfFont web_body = { "DejaVu Sans", 12, FALSE, 19 };
static const CpTestPdfFont web_headline = { "DejaVu Sans", 22, TRUE, 27 };
static const CpTestPdfFont web_byline = { "DejaVu Sans", 9, FALSE, 12 };
static const CpTestPdfFont web_margin = { "DejaVu Sans", 7.5, FALSE, 0 };

static void
decorate_web (cairo_t  *cr,
              guint     page,
              gpointer  user_data)
{
  guint n_pages = GPOINTER_TO_UINT (user_data);
  g_autofree char *counter = g_strdup_printf ("%u/%u", page, n_pages);
  double title_width = cp_test_pdf_text_width (cr, &web_margin, web_title_metadata);

  /* As a browser prints them: date and time, the page's title, its URL,
   * the page number */
  cp_test_pdf_show_text (cr, &web_margin, 22, 20, "3/14/26, 4:31 PM");
  cp_test_pdf_show_text (cr, &web_margin, (612 - title_width) / 2, 20, web_title_metadata);
  cp_test_pdf_show_text (cr, &web_margin, 22, 780, web_url);
  cp_test_pdf_show_text (cr, &web_margin, 590 - cp_test_pdf_text_width (cr, &web_margin, counter), 780, counter);
}

static void
draw_web (const char     *path,
          guint           n_pages,
          CpTestPdfStats *stats)
{
  static const CpTestPdfGeometry geometry = { 612, 792, 48, 80, 130, 130, 1, 0 };
  CpTestPdfWriter *writer = cp_test_pdf_writer_new (path, &geometry);
  g_auto(GStrv) paragraphs = g_strsplit (web_review, "\n\n", -1);

  set_metadata (writer, web_title_metadata, NULL, "2026-03-14T16:31:00-04:00");
  cp_test_pdf_writer_set_decorate (writer, decorate_web, GUINT_TO_POINTER (n_pages));

  cp_test_pdf_writer_add_paragraph (writer, &web_headline, 0, 0, paragraphs[0]);
  cp_test_pdf_writer_add_paragraph (writer, &web_byline, 0, 10, paragraphs[1]);
  for (guint i = 2; paragraphs[i] != NULL; i++)
    cp_test_pdf_writer_add_paragraph (writer, &web_body, 0, 10, paragraphs[i]);

  cp_test_pdf_writer_finish (writer, stats);
}

static void
test_import_pdf_browser (void)
{
  g_autofree char *path = fixture_path ("browser.pdf");
  g_autoptr(CpDocument) document = NULL;
  CpTestPdfStats stats;

  /* Once to count the pages, once to print "n/N" */
  draw_web (path, 0, &stats);
  draw_web (path, stats.n_pages, &stats);
  g_assert_cmpuint (stats.n_pages, >=, 2);

  document = import_ok (path);
  assert_reads_as (document, web_review);
  /* The headline, without the site's name the page's title adds */
  g_assert_cmpstr (cp_document_get_title (document), ==, "Never Sorry, reviewed: the artist as citizen");
  g_assert_cmpstr (cp_document_get_site (document), ==, "Sideline Reviews");
  g_assert_null (cp_document_get_author (document));
  g_assert_cmpstr (cp_document_get_date (document), ==, "2026-03-14");
}

/* A one-page printout: no repetition to learn from, the date, URL and
 * page number are known by their look, and the title beside the date by
 * its place. The site comes from the URL. */
static void
test_import_pdf_browser_one_page (void)
{
  static const CpTestPdfGeometry geometry = { 612, 792, 48, 80, 130, 130, 1, 0 };
  static const char plain[] =
    "A short note\n"
    "\n"
    "Ai Weiwei posted the names of the schoolchildren on Twitter after the Sichuan earthquake, "
    "and the police came for him; the sunflower seeds came later.";
  g_autofree char *path = fixture_path ("browser-one-page.pdf");
  g_autoptr(CpDocument) document = NULL;
  g_auto(GStrv) paragraphs = g_strsplit (plain, "\n\n", -1);
  CpTestPdfWriter *writer = cp_test_pdf_writer_new (path, &geometry);

  set_metadata (writer, "A short note", NULL, "2026-03-14T16:31:00Z");
  cp_test_pdf_writer_set_decorate (writer, decorate_web, GUINT_TO_POINTER (1));
  cp_test_pdf_writer_add_paragraph (writer, &web_headline, 0, 0, paragraphs[0]);
  cp_test_pdf_writer_add_paragraph (writer, &web_body, 0, 10, paragraphs[1]);
  cp_test_pdf_writer_finish (writer, NULL);

  document = import_ok (path);
  assert_reads_as (document, plain);
  g_assert_cmpstr (cp_document_get_title (document), ==, "A short note");
  g_assert_cmpstr (cp_document_get_site (document), ==, "sideline-reviews.example");
}

/* }}} */

/* Titles {{{ */

/* What the Title field holds, and the title the document gets */
static void
test_import_pdf_titles (void)
{
  static const struct
  {
    const char *metadata;
    const char *title;
  } cases[] = {
    { NULL, "Seeds of Dissent" },
    { "", "Seeds of Dissent" },
    { "Untitled", "Seeds of Dissent" },
    { "Document1", "Seeds of Dissent" },
    { "Microsoft Word - seeds.docx", "Seeds of Dissent" },
    { "seeds-final-v2.indd", "Seeds of Dissent" },
    { "titles", "Seeds of Dissent" },   /* the file's own name */
    { "titles.pdf", "Seeds of Dissent" },
    { "C:\\Users\\dana\\reviews\\seeds.pdf", "Seeds of Dissent" },
    { "Seeds of Dissent: on Never Sorry", "Seeds of Dissent: on Never Sorry" },
    { "Seeds of Dissent — The Film Quarterly", "Seeds of Dissent" },
    { "The Film Quarterly | Seeds of Dissent", "Seeds of Dissent" },
    { "Seeds of Dissent-ish", "Seeds of Dissent-ish" },
  };
  static const char plain[] =
    "Seeds of Dissent\n"
    "\n"
    "A hundred million porcelain seeds lie on the floor of the Turbine Hall.";
  g_autofree char *path = fixture_path ("titles.pdf");
  g_auto(GStrv) paragraphs = g_strsplit (plain, "\n\n", -1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      static const CpTestPdfGeometry geometry = { 420, 595, 60, 60, 50, 50, 1, 0 };
      CpTestPdfWriter *writer = cp_test_pdf_writer_new (path, &geometry);
      g_autoptr(CpDocument) document = NULL;

      set_metadata (writer, cases[i].metadata, NULL, "2026-01-15T09:30:00Z");
      cp_test_pdf_writer_add_paragraph (writer, &journal_title, 0, 0, paragraphs[0]);
      cp_test_pdf_writer_add_paragraph (writer, &journal_body, 0, 12, paragraphs[1]);
      cp_test_pdf_writer_finish (writer, NULL);

      document = import_ok (path);
      g_assert_cmpstr (cp_document_get_text (document), ==, plain);
      g_assert_cmpstr (cp_document_get_title (document), ==, cases[i].title);
    }
}

/* }}} */

/* Refusals {{{ */

static void
test_import_pdf_scan (void)
{
  g_autofree char *path = fixture_path ("scan.pdf");
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 200);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 420, 595);
  cairo_t *cr = cairo_create (image);

  /* A page of a review, photographed: pixels, no text */
  cairo_set_source_rgb (cr, 0.96, 0.95, 0.9);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cp_test_pdf_show_text (cr, &journal_title, 20, 60, "The Artist Who Would Not Be Quiet");
  cp_test_pdf_show_text (cr, &journal_body, 20, 100, "Alison Klayman spent the better part of three years");
  cairo_destroy (cr);

  cr = cairo_create (surface);
  cairo_scale (cr, 0.5, 0.5);
  cairo_set_source_surface (cr, image, 100, 100);
  cairo_paint (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  cairo_surface_destroy (image);

  assert_refused (path, CP_ERROR_NO_TEXT, "OCR");
}

/* A one-page PDF with one line of Helvetica, encrypted with the standard
 * security handler (revision 2: RC4 with a 40-bit key), written by hand
 * because cairo cannot encrypt. */

static const guint8 password_padding[32] = {
  0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
  0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
};

static void
rc4 (const guint8 *key,
     gsize         key_length,
     guint8       *data,
     gsize         length)
{
  guint8 s[256];
  guint8 t;
  guint i, j = 0;

  for (i = 0; i < 256; i++)
    s[i] = i;
  for (i = 0; i < 256; i++)
    {
      j = (j + s[i] + key[i % key_length]) & 0xFF;
      t = s[i], s[i] = s[j], s[j] = t;
    }

  i = j = 0;
  for (gsize n = 0; n < length; n++)
    {
      i = (i + 1) & 0xFF;
      j = (j + s[i]) & 0xFF;
      t = s[i], s[i] = s[j], s[j] = t;
      data[n] ^= s[(s[i] + s[j]) & 0xFF];
    }
}

static void
md5 (const guint8 *data,
     gsize         length,
     guint8        digest[16])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_MD5);
  gsize digest_length = 16;

  g_checksum_update (checksum, data, length);
  g_checksum_get_digest (checksum, digest, &digest_length);
}

static void
pad_password (const char *password,
              guint8      padded[32])
{
  gsize length = MIN (strlen (password), 32);

  memcpy (padded, password, length);
  memcpy (padded + length, password_padding, 32 - length);
}

static void
append_hex (GString      *out,
            const guint8 *data,
            gsize         length)
{
  g_string_append_c (out, '<');
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (out, "%02X", data[i]);
  g_string_append_c (out, '>');
}

static GBytes *
make_encrypted_pdf (const char *user_password,
                    const char *owner_password,
                    const char *line)
{
  static const guint8 id[16] = { 0xC0, 0x47, 0x1E, 0x90, 0x1D, 0x5A, 0x21, 0x3B,
                                 0x7E, 0x00, 0x15, 0xAB, 0x42, 0x6C, 0x88, 0x09 };
  const gint32 permissions = -44;
  GString *pdf = g_string_new ("%PDF-1.4\n");
  g_autofree char *content = g_strdup_printf ("BT /F1 18 Tf 72 720 Td (%s) Tj ET", line);
  gsize content_length = strlen (content);
  guint8 user_padded[32], owner_padded[32], digest[16], key[5], object_key[10];
  guint8 owner_entry[32], user_entry[32];
  guint8 material[32 + 32 + 4 + 16];
  guint8 object_material[5 + 5];
  gsize offsets[7];
  gsize xref;

  pad_password (user_password, user_padded);
  pad_password (owner_password, owner_padded);

  /* O: the padded user password, RC4 under a key from the owner's */
  md5 (owner_padded, 32, digest);
  memcpy (owner_entry, user_padded, 32);
  rc4 (digest, 5, owner_entry, 32);

  /* The file key, from the user password, O, the permissions and the ID */
  memcpy (material, user_padded, 32);
  memcpy (material + 32, owner_entry, 32);
  for (int i = 0; i < 4; i++)
    material[64 + i] = ((guint32) permissions >> (8 * i)) & 0xFF;
  memcpy (material + 68, id, 16);
  md5 (material, sizeof material, digest);
  memcpy (key, digest, 5);

  /* U: the padding, RC4 under the file key */
  memcpy (user_entry, password_padding, 32);
  rc4 (key, 5, user_entry, 32);

  /* The content stream (object 5, generation 0), RC4 under its own key */
  memcpy (object_material, key, 5);
  object_material[5] = 5;
  object_material[6] = object_material[7] = object_material[8] = object_material[9] = 0;
  md5 (object_material, sizeof object_material, digest);
  memcpy (object_key, digest, 10);
  rc4 (object_key, 10, (guint8 *) content, content_length);

  offsets[1] = pdf->len;
  g_string_append (pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  offsets[2] = pdf->len;
  g_string_append (pdf, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
  offsets[3] = pdf->len;
  g_string_append (pdf, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>\nendobj\n");
  offsets[4] = pdf->len;
  g_string_append (pdf, "4 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
  offsets[5] = pdf->len;
  g_string_append_printf (pdf, "5 0 obj\n<< /Length %" G_GSIZE_FORMAT " >>\nstream\n", content_length);
  g_string_append_len (pdf, content, content_length);
  g_string_append (pdf, "\nendstream\nendobj\n");
  offsets[6] = pdf->len;
  g_string_append (pdf, "6 0 obj\n<< /Filter /Standard /V 1 /R 2 /O ");
  append_hex (pdf, owner_entry, 32);
  g_string_append (pdf, " /U ");
  append_hex (pdf, user_entry, 32);
  g_string_append_printf (pdf, " /P %d >>\nendobj\n", permissions);

  xref = pdf->len;
  g_string_append (pdf, "xref\n0 7\n0000000000 65535 f \n");
  for (int i = 1; i <= 6; i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append (pdf, "trailer\n<< /Size 7 /Root 1 0 R /Encrypt 6 0 R /ID [");
  append_hex (pdf, id, 16);
  append_hex (pdf, id, 16);
  g_string_append_printf (pdf, "] >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", xref);

  return g_string_free_to_bytes (pdf);
}

static void
test_import_pdf_encrypted (void)
{
  static const char line[] = "A review behind a password.";
  g_autofree char *path = fixture_path ("encrypted.pdf");
  g_autofree char *open_path = fixture_path ("permissions-only.pdf");
  g_autoptr(GBytes) locked = make_encrypted_pdf ("sunflower", "owner secret", line);
  g_autoptr(GBytes) open = make_encrypted_pdf ("", "owner secret", line);
  g_autoptr(GError) error = NULL;
  g_autoptr(CpDocument) document = NULL;
  PopplerDocument *pdf;
  PopplerPage *page;
  g_autofree char *text = NULL;

  /* The fixture is a real encrypted PDF: its password opens it */
  pdf = poppler_document_new_from_bytes (locked, "sunflower", &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (pdf, 0);
  text = poppler_page_get_text (page);
  g_assert_cmpstr (text, ==, line);
  g_object_unref (page);
  g_object_unref (pdf);

  write_file (path, g_bytes_get_data (locked, NULL), g_bytes_get_size (locked));
  assert_refused (path, CP_ERROR_ENCRYPTED, "password-protected");

  /* Encrypted with an owner password only: anyone may read it */
  write_file (open_path, g_bytes_get_data (open, NULL), g_bytes_get_size (open));
  document = import_ok (open_path);
  g_assert_cmpstr (cp_document_get_text (document), ==, line);
}

static void
test_import_pdf_damaged (void)
{
  g_autofree char *path = fixture_path ("damaged-source.pdf");
  g_autofree char *truncated_path = fixture_path ("truncated.pdf");
  g_autofree char *xref_path = fixture_path ("bad-xref.pdf");
  g_autofree char *fake_path = fixture_path ("not-a-pdf.pdf");
  g_autofree char *text_path = fixture_path ("text-named.pdf");
  g_autofree char *contents = NULL;
  g_autoptr(CpDocument) repaired = NULL;
  g_autoptr(CpDocument) text = NULL;
  g_autoptr(GError) error = NULL;
  static const char fake[] = "%PDF-1.7\n<html><body><p>A web page that says it is a PDF.</p></body></html>\n";
  static const char plain[] = "A review saved as plain text under a PDF's name.\n";
  char *xref;
  gsize length;

  draw_journal (path, "The Artist Who Would Not Be Quiet", NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  /* Cut short: the page tree, at the end, is gone */
  write_file (truncated_path, contents, length * 6 / 10);
  assert_refused (truncated_path, CP_ERROR_DAMAGED, "damaged");

  /* Only the cross-reference table is wrong: poppler rebuilds it from the
   * objects, and the text is all there */
  /* (The streams hold NUL bytes: no str functions on the whole file) */
  xref = NULL;
  for (gsize i = length - 6; i > 0 && xref == NULL; i--)
    if (memcmp (contents + i, "\nxref\n", 6) == 0)
      xref = contents + i;
  g_assert_nonnull (xref);
  for (char *p = xref + 6; p < contents + length && !g_str_has_prefix (p, "trailer"); p++)
    if (g_ascii_isdigit (*p))
      *p = '7';
  write_file (xref_path, contents, length);
  repaired = import_ok (xref_path);
  g_assert_cmpstr (cp_document_get_text (repaired), ==, journal_review);

  /* It says it is a PDF and is not */
  write_file (fake_path, fake, strlen (fake));
  assert_refused (fake_path, CP_ERROR_DAMAGED, "not a PDF");

  /* It is named like a PDF and is text: it is read as text */
  write_file (text_path, plain, strlen (plain));
  text = import_path (text_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp_document_get_format (text), ==, "text");
}

/* 10,000 tiny pages: refused at once, before a page is read */
static void
test_import_pdf_many_pages (void)
{
  g_autofree char *path = fixture_path ("10000-pages.pdf");
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 72, 72);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GError) error = NULL;
  g_autoptr(CpDocument) document = NULL;

  for (guint i = 0; i < 10000; i++)
    {
      cp_test_pdf_show_text (cr, &journal_body, 10, 30, "seed");
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  document = import_path (path, &error);
  g_assert_error (error, CP_ERROR, CP_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "10000-pages.pdf"));
  g_assert_nonnull (strstr (error->message, "10000 pages"));
}

/* More text than the limit (lowered here) is refused as well */
static void
test_import_pdf_text_limit (void)
{
  g_autofree char *path = fixture_path ("text-limit.pdf");

  draw_journal (path, NULL, NULL);
  cp_import_pdf_set_limits (0, 2048);
  assert_refused (path, CP_ERROR_TOO_LARGE, "KiB of text");
  cp_import_pdf_set_limits (0, 0);
}

static void
test_import_pdf_cancelled (void)
{
  g_autofree char *path = fixture_path ("cancelled.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CpDocument) document = NULL;

  draw_journal (path, NULL, NULL);
  g_cancellable_cancel (cancellable);
  document = cp_document_new_from_file (file, CP_DOCUMENT_DEFAULT_MAX_SIZE, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (document);
}

/* }}} */

/* Sniffing {{{ */

static void
test_import_pdf_sniff (void)
{
  g_autofree char *head = g_malloc (CP_IMPORTER_HEAD_SIZE);

  memset (head, ' ', CP_IMPORTER_HEAD_SIZE);
  memcpy (head, "%PDF-1.7\n", 9);
  g_assert_true (cp_importer_find ("review.txt", (const guchar *) head, CP_IMPORTER_HEAD_SIZE) == &cp_pdf_importer);

  /* Anywhere in the first KiB, as readers allow */
  memset (head, 'x', CP_IMPORTER_HEAD_SIZE);
  memcpy (head + 1000, "%PDF-1.4\n", 9);
  g_assert_true (cp_importer_find (NULL, (const guchar *) head, CP_IMPORTER_HEAD_SIZE) == &cp_pdf_importer);

  /* Not past it, and not by the name alone */
  memset (head, 'x', CP_IMPORTER_HEAD_SIZE);
  memcpy (head + 1020, "%PDF-1.4\n", 9);
  g_assert_true (cp_importer_find (NULL, (const guchar *) head, CP_IMPORTER_HEAD_SIZE) != &cp_pdf_importer);
  g_assert_true (cp_importer_find ("review.pdf", (const guchar *) "A review\n", 9) != &cp_pdf_importer);
  g_assert_true (cp_importer_reads_type ("application/pdf"));
}

/* }}} */

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  cp_import_register_all ();

  g_test_add_func ("/import/pdf/sniff", test_import_pdf_sniff);
  g_test_add_func ("/import/pdf/journal", test_import_pdf_journal);
  g_test_add_func ("/import/pdf/magazine", test_import_pdf_magazine);
  g_test_add_func ("/import/pdf/three-columns", test_import_pdf_three_columns);
  g_test_add_func ("/import/pdf/hyphens", test_import_pdf_hyphens);
  g_test_add_func ("/import/pdf/browser", test_import_pdf_browser);
  g_test_add_func ("/import/pdf/browser-one-page", test_import_pdf_browser_one_page);
  g_test_add_func ("/import/pdf/titles", test_import_pdf_titles);
  g_test_add_func ("/import/pdf/scan", test_import_pdf_scan);
  g_test_add_func ("/import/pdf/encrypted", test_import_pdf_encrypted);
  g_test_add_func ("/import/pdf/damaged", test_import_pdf_damaged);
  g_test_add_func ("/import/pdf/many-pages", test_import_pdf_many_pages);
  g_test_add_func ("/import/pdf/text-limit", test_import_pdf_text_limit);
  g_test_add_func ("/import/pdf/cancelled", test_import_pdf_cancelled);

  return g_test_run ();
}
