/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-comparison.h"
#include "cp-error.h"
#include "cp-import.h"
#include "cp-importer.h"
#include "cp-loader.h"
#include "cp-test-utils.h"

/* Fixtures {{{ */

typedef struct
{
  const char *name;
  const char *title;
  const char *author;
  const char *site;
  const char *date;
} PageCase;

/* Each page's text is in NAME.expected.txt, beside it in
 * tests/data/import/html: the review as plain text, headline first. */
static const PageCase pages[] = {
  { "news-modern.html", "Ai Weiwei: Never Sorry review – an artist who answers back",
    "Hannah Okafor", "The Harbour Courier", "2012-08-10T06:00:00+01:00" },
  { "blog-old.html", "Never Sorry, and never boring",
    "Tom Reed", "Notes from the Back Row", "2012-08-14T21:10:00+01:00" },
  { "jsonld-paywall.html", "Never Sorry: the artist, the state and the list",
    "Priya Raman, Daniel Cho", "Screen Weekly", "2012-07-27T08:00:00Z" },
  { "festival-report.xhtml", "Sundance diary: Never Sorry",
    "Lena Vogt", "Festival Diary", "2012-01-24" },
  { "windows-1252.html", "Capsule review: “Never Sorry”",
    "Joël Marchand", "Café Kino", NULL },
  { "saved-complete.html", "Never Sorry makes the case for noise",
    "Sam Whitfield", "The Lantern", "2012-09-02T10:30:00Z" },
};

static GFile *
fixture_file (const char *name)
{
  return cp_test_dist_file ("data", "import", "html", name, NULL);
}

static char *
expected_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  return g_strdup_printf ("%.*s.expected.txt", (int) (dot - name), name);
}

static char *
load_bytes (GFile *file,
            gsize *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_load_contents (file, NULL, &contents, length, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* The mentions of every default topic in @document */
static guint *
count_topics (CpDocument *document,
              guint      *n_topics)
{
  g_autoptr(CpComparison) comparison = cp_comparison_new (NULL);
  CpTopicSet *topics = cp_comparison_get_topics (comparison);
  guint *counts;

  g_assert_no_error ((GError *) cp_comparison_get_topic_error (comparison));
  cp_comparison_append_document (comparison, document);
  *n_topics = cp_topic_set_get_n_topics (topics);
  g_assert_cmpuint (*n_topics, >, 0);

  counts = g_new0 (guint, *n_topics);
  for (guint i = 0; i < *n_topics; i++)
    counts[i] = cp_comparison_get_count (comparison, i, 0);

  return counts;
}

static guint
twitter_topic (void)
{
  g_autoptr(CpComparison) comparison = cp_comparison_new (NULL);
  CpTopicSet *topics = cp_comparison_get_topics (comparison);

  for (guint i = 0; i < cp_topic_set_get_n_topics (topics); i++)
    if (g_strcmp0 (cp_topic_get_id (cp_topic_set_get_topic (topics, i)), "twitter") == 0)
      return i;

  g_assert_not_reached ();
}

/* A page opened as a user opens it reads as the review in plain text:
 * the same text, its headline, author, site and date, and the same
 * mentions of every topic; the page read as raw text mentions Twitter
 * more often (share links, comments), so the counts show that the
 * furniture is gone. */
static void
test_page (gconstpointer data)
{
  const PageCase *page = data;
  g_autoptr(GFile) file = fixture_file (page->name);
  g_autofree char *plain_name = expected_name (page->name);
  g_autoptr(GFile) plain_file = fixture_file (plain_name);
  g_autoptr(CpDocument) document = cp_test_load_document (file);
  g_autoptr(CpDocument) plain = cp_test_load_document (plain_file);
  g_autofree char *expected = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *raw_text = NULL;
  g_autoptr(CpDocument) raw_document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint *counts = NULL;
  g_autofree guint *plain_counts = NULL;
  g_autofree guint *raw_counts = NULL;
  guint twitter = twitter_topic ();
  guint n_topics;
  guint n_plain_topics;
  guint n_raw_topics;
  gsize length;

  expected = load_bytes (plain_file, &length);
  /* The text file ends with a line end; the extracted text does not */
  g_assert_true (g_str_has_suffix (expected, "\n"));
  expected[length - 1] = '\0';

  g_assert_cmpstr (cp_document_get_format (document), ==, "html");
  g_assert_cmpstr (cp_document_get_format (plain), ==, "text");
  g_assert_cmpstr (cp_document_get_text (document), ==, expected);
  g_assert_cmpstr (cp_document_get_title (document), ==, page->title);
  g_assert_cmpstr (cp_document_get_title (plain), ==, page->title);
  g_assert_cmpstr (cp_document_get_author (document), ==, page->author);
  g_assert_cmpstr (cp_document_get_site (document), ==, page->site);
  g_assert_cmpstr (cp_document_get_date (document), ==, page->date);
  g_assert_cmpstr (cp_document_get_name (document), ==, page->name);
  g_assert_true (g_file_equal (cp_document_get_file (document), file));
  g_assert_cmpuint (cp_document_get_n_words (document), ==, cp_document_get_n_words (plain));

  counts = count_topics (document, &n_topics);
  plain_counts = count_topics (plain, &n_plain_topics);
  g_assert_cmpuint (n_topics, ==, n_plain_topics);
  for (guint i = 0; i < n_topics; i++)
    g_assert_cmpuint (counts[i], ==, plain_counts[i]);
  g_assert_cmpuint (counts[twitter], >, 0);

  raw = load_bytes (file, &length);
  raw_text = cp_document_decode_bytes (raw, length, page->name, NULL, &length, &error);
  g_assert_no_error (error);
  raw_document = cp_document_new_from_text (page->name, raw_text, length);
  raw_counts = count_topics (raw_document, &n_raw_topics);
  g_assert_cmpuint (raw_counts[twitter], >, counts[twitter]);
}

/* A "complete" page opens the same, and its folder of images, scripts
 * and styles is not read: a folder holding both gives one review. */
static void
test_saved_complete (void)
{
  static const char * const parts[] = { "style.css", "share.js", "logo.svg" };
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("cp-import-html");
  g_autoptr(GFile) source = fixture_file ("saved-complete.html");
  g_autoptr(GFile) expected_file = fixture_file ("saved-complete.expected.txt");
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) page = NULL;
  g_autoptr(CpLoadResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *path = cp_test_tree_build_path (tree, "");
  gsize length;
  CpDocument *document;

  html = load_bytes (source, &length);
  page = cp_test_tree_add_file (tree, "saved-complete.html", html, length);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *name = g_build_filename ("saved-complete_files", parts[i], NULL);
      g_autoptr(GFile) part_source = cp_test_dist_file ("data", "import", "html", "saved-complete_files",
                                                        parts[i], NULL);
      g_autofree char *contents = load_bytes (part_source, &length);

      g_object_unref (cp_test_tree_add_file (tree, name, contents, length));
    }

  folder = g_file_new_for_path (path);
  result = cp_load_documents (&folder, 1, NULL, 0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cp_load_result_get_n_errors (result), ==, 0);
  g_assert_cmpuint (cp_load_result_get_n_documents (result), ==, 1);

  document = cp_load_result_get_document (result, 0);
  expected = load_bytes (expected_file, &length);
  expected[length - 1] = '\0';
  g_assert_cmpstr (cp_document_get_format (document), ==, "html");
  g_assert_cmpstr (cp_document_get_text (document), ==, expected);
  g_assert_true (g_file_equal (cp_document_get_file (document), page));
}

/* }}} */

/* Pages in memory {{{ */

#define ARTICLE_P "<p>A paragraph of the review, long enough to be read as prose, with commas, and more.</p>"

static const CpImporter *
find_importer (const char *name,
               const char *contents,
               gsize       length)
{
  return cp_importer_find (name, (const guchar *) contents, length);
}

/* @html as if opened from a file named @name: sniffed, then imported */
static CpDocument *
import_page (const char  *name,
             const char  *html,
             gssize       length,
             GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const CpImporter *importer;

  if (length < 0)
    length = strlen (html);
  importer = find_importer (name, html, length);
  g_assert_nonnull (importer);
  g_assert_cmpstr (importer->format, ==, "html");

  bytes = g_bytes_new (html, length);
  return importer->import (bytes, NULL, name, NULL, error);
}

/* An empty page: its bytes hold no pointer at all, which the decoder must
 * not hand to memchr () (found by fuzzing, under UBSan) */
static void
test_empty (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new (NULL, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(CpDocument) document = NULL;
  const CpImporter *importer = find_importer ("page.html", "<html><p>x</p></html>", 21);

  g_assert_nonnull (importer);
  g_assert_null (g_bytes_get_data (bytes, NULL));
  document = importer->import (bytes, NULL, "page.html", NULL, &error);
  g_assert_null (document);
  g_assert_error (error, CP_ERROR, CP_ERROR_NO_TEXT);
}

static CpDocument *
import_ok (const char *html)
{
  g_autoptr(GError) error = NULL;
  CpDocument *document = import_page ("page.html", html, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_null (cp_document_get_file (document));
  g_assert_cmpstr (cp_document_get_name (document), ==, "page.html");

  return document;
}

static void
assert_text (const char *html,
             const char *expected)
{
  g_autoptr(CpDocument) document = import_ok (html);

  g_assert_cmpstr (cp_document_get_text (document), ==, expected);
}

/* }}} */

/* Sniffing {{{ */

typedef struct
{
  const char *name;
  const char *head;
  gsize       length;     /* 0: strlen (head) */
  gboolean    html;
} SniffCase;

#define BOM "\xef\xbb\xbf"

static const SniffCase sniff_cases[] = {
  { "review.txt", "<!DOCTYPE html>\n<html><body><p>Text</p></body></html>", 0, TRUE },
  { "review", "<!doctype HTML><title>t</title>", 0, TRUE },
  { "review.txt", BOM "  \n<!-- saved from url=(0022)https://x.example/ -->\n<html lang=\"en\">", 0, TRUE },
  { "page", "<HEAD><TITLE>Old page</TITLE></HEAD>", 0, TRUE },
  { "page", "<body bgcolor=white>Text", 0, TRUE },
  { "page", "<html>", 0, TRUE },
  /* What browsers put on the clipboard */
  { NULL, "<meta charset='utf-8'><p>Copied from a page</p>", 0, TRUE },
  { NULL, "<meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\"><div>Copied</div>", 0, TRUE },
  { NULL, "<html><body>\n<!--StartFragment--><p>Copied</p>", 0, TRUE },
  { NULL, "<title>A page</title>", 0, TRUE },
  { NULL, "<p>A paragraph, with no name to go by</p>", 0, FALSE },
  { NULL, "<metadata> is not a tag we know", 0, FALSE },
  { "page.xhtml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\" \"x\">", 0, TRUE },
  { "page.xml", "<?xml version=\"1.0\"?>\n<!-- c -->\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", 0, TRUE },
  { "feed.xml", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>", 0, FALSE },
  { "drawing.svg", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">", 0, FALSE },
  { "page.html", "<p>A fragment of a page, saved as HTML.</p>", 0, TRUE },
  { "page.htm", "<div class=\"post\">Text</div>", 0, TRUE },
  { "notes.txt", "<p>A fragment of a page, but named as text.</p>", 0, FALSE },
  { "review.html", "A review that happens to use <b>bold</b> tags in its prose.", 0, FALSE },
  { "review.html", "Plain prose about a documentary, saved with the wrong name.", 0, FALSE },
  { "review.txt", "Plain prose that says <html> in its first line.", 0, FALSE },
  { "page.txt", "<htmlish>not a tag we know</htmlish>", 0, FALSE },
  { "page.txt", "<!-- a comment that never ends, then <html>", 0, FALSE },
  { "page.html", "<!-- a comment that never ends", 0, TRUE },
  { "page.html", "\x01\x02\0\0\x03binary", 10, TRUE },
  { "data.bin", "\x01\x02\0\0\x03binary", 10, FALSE },
  { "page.txt", "\xff\xfe<\0h\0t\0m\0l\0>\0", 14, TRUE },
  { "page.txt", "\xfe\xff\0<\0!\0D\0O\0C\0T\0Y\0P\0E\0 \0h\0t\0m\0l\0>", 32, TRUE },
  { "page.txt", "", 0, FALSE },
};

static void
test_sniff (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sniff_cases); i++)
    {
      const SniffCase *c = &sniff_cases[i];
      gsize length = c->length > 0 ? c->length : strlen (c->head);
      const CpImporter *importer = find_importer (c->name, c->head, length);
      g_autofree char *escaped = g_strescape (c->head, NULL);

      g_test_message ("case %u: %s", i, escaped);
      if (c->html)
        {
          g_assert_nonnull (importer);
          g_assert_cmpstr (importer->format, ==, "html");
        }
      else
        g_assert_true (importer == NULL || g_strcmp0 (importer->format, "html") != 0);
    }
}

/* A text file named .html that holds prose, with a tag or two in it,
 * opens as plain text. */
static void
test_prose_named_html (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("cp-import-html");
  g_autoptr(GFile) file = cp_test_tree_add_file (tree, "review.html",
                                                 "A short review\n\nIt uses <b>bold</b> once.\n", -1);
  g_autoptr(CpDocument) document = cp_test_load_document (file);

  g_assert_cmpstr (cp_document_get_format (document), ==, "text");
  g_assert_cmpstr (cp_document_get_text (document), ==, "A short review\n\nIt uses <b>bold</b> once.\n");
}

static void
test_content_types (void)
{
  g_auto(GStrv) types = cp_importer_dup_content_types ();

  g_assert_true (g_strv_contains ((const char * const *) types, "text/html"));
  g_assert_true (g_strv_contains ((const char * const *) types, "application/xhtml+xml"));
  g_assert_true (cp_importer_reads_type ("text/html"));
  g_assert_true (cp_importer_reads_type ("application/xhtml+xml"));
}

/* }}} */

/* Character sets {{{ */

static void
assert_decoded (const char *html,
                gssize      length,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpDocument) document = import_page ("page.html", html, length, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cp_document_get_text (document), ==, expected);
}

static void
test_charsets (void)
{
  /* No declaration, valid UTF-8 */
  assert_decoded ("<html><body><p>Caf\xc3\xa9 \xe2\x80\x9cKino\xe2\x80\x9d</p></body></html>", -1,
                  "Café “Kino”");
  /* No declaration, not UTF-8: Windows-1252, as for plain text (its
   * undefined bytes are C1 controls, which carry no text) */
  assert_decoded ("<html><body><p>Caf\xe9 \x93Kino\x94 \x81</p></body></html>", -1,
                  "Café “Kino”");
  /* Declared UTF-8 but holding Windows-1252: the plain-text fallback */
  assert_decoded ("<html><head><meta charset=\"utf-8\"></head><body><p>Caf\xe9</p></body></html>", -1,
                  "Café");
  /* meta charset */
  assert_decoded ("<html><head><meta charset=windows-1252></head><body><p>\x93Quoted\x94 \x97 "
                  "na\xefve</p></body></html>", -1,
                  "“Quoted” — naïve");
  /* ISO-8859-1 is read as Windows-1252, as browsers do */
  assert_decoded ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head>"
                  "<body><p>\x93it\x94</p></body></html>", -1, "“it”");
  /* Another charset, through iconv */
  assert_decoded ("<html><head><meta http-equiv='content-type' content='text/html;charset=iso-8859-2'></head>"
                  "<body><p>Krak\xf3w, \xb1</p></body></html>", -1, "Kraków, ą");
  assert_decoded ("<html><head><meta charset=\"koi8-r\"></head><body><p>\xf0\xd2\xc9\xd7\xc5\xd4</p></body></html>", -1,
                  "Привет");
  /* An unknown charset: read as plain text is */
  assert_decoded ("<html><head><meta charset=\"x-unknown-set\"></head><body><p>Caf\xc3\xa9</p></body></html>", -1,
                  "Café");
  /* The XML declaration of an XHTML page */
  assert_decoded ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
                  "<body><p>r\xe9sum\xe9</p></body></html>", -1, "résumé");
  /* A BOM wins over the declaration */
  assert_decoded (BOM "<html><head><meta charset=windows-1252></head><body><p>Caf\xc3\xa9</p></body></html>", -1,
                  "Café");
  assert_decoded ("\xff\xfe<\0p\0>\0C\0a\0f\0\xe9\0<\0/\0p\0>\0", 22, "Café");
}

/* }}} */

/* Structure {{{ */

static void
test_structure (void)
{
  /* Blocks end paragraphs; <br> breaks a line, two end a paragraph */
  assert_text ("<html><body><article><h1>The headline</h1><p>One,<br>two.</p><p>Three <em>and</em> four.</p>"
               "<ul><li>First item</li><li>Second item</li></ul>"
               "<div>Direct text<br><br>after two breaks</div>"
               "<blockquote>A quotation.</blockquote>"
               "<dl><dt>Term</dt><dd>Its definition.</dd></dl>"
               "<table><tr><td>Cell one</td><td>cell two</td></tr><tr><th>Head</th><td>cell</td></tr></table>"
               "<pre>line one\n  line two</pre><h2>A subheading</h2><p>Last.</p></article></body></html>",
               "The headline\n\nOne,\ntwo.\n\nThree and four.\n\nFirst item\n\nSecond item\n\n"
               "Direct text\n\nafter two breaks\n\nA quotation.\n\nTerm\n\nIts definition.\n\n"
               "Cell one cell two\n\nHead cell\n\nline one\nline two\n\nA subheading\n\nLast.");
  /* Entities, no-break spaces and white space */
  assert_text ("<html><body><p>  Fish &amp; chips&nbsp;&nbsp;at&#160;n\xc2\xadight, &#8220;quoted&#x201D; "
               "&eacute; &bogus;\n\t</p></body></html>",
               "Fish & chips at night, “quoted” é &bogus;");
}

/* A page saved while a dialog was open, the rest hidden from screen
 * readers: when nothing else is left, what it hides is read. */
static void
test_all_hidden (void)
{
  assert_text ("<html><body style=\"display: none\"><div id=\"page\" aria-hidden=\"true\"><article><h1>Headline</h1>"
               "<p class=\"visually-hidden\">Skip</p>" ARTICLE_P "</article></div>"
               "<div role=\"dialog\" class=\"cookie-consent\"><p>We use cookies.</p><button>OK</button></div>"
               "</body></html>",
               "Headline\n\nSkip\n\n"
               "A paragraph of the review, long enough to be read as prose, with commas, and more.");
}

/* A short page, or a fragment copied from one, is read whole: no block
 * in it stands out as the article. */
static void
test_short_page (void)
{
  assert_text ("<meta charset=\"utf-8\"><div><p>Copied from a page.</p><div>Some <b>more</b> of it,<br>and a "
               "line.</div>"
               "<ul><li>A point</li><li>Another point</li></ul></div>",
               "Copied from a page.\n\nSome more of it,\nand a line.\n\nA point\n\nAnother point");
}

/* HTML from the clipboard, as Paste as New Review hands it over: no file,
 * no name to go by, a <meta> before the fragment */
static void
test_clipboard (void)
{
  static const char copied[] = "<meta charset='utf-8'><h2 style=\"color: rgb(0, 0, 0)\">Never Sorry</h2>"
                               "<p>Copied from a review, with a <a href=\"https://x.example/\">link</a> in it.</p>"
                               "<p>And a second paragraph.</p>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (copied, sizeof copied - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CpDocument) document = cp_document_new_from_bytes (bytes, "Pasted text", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cp_document_get_format (document), ==, "html");
  g_assert_null (cp_document_get_file (document));
  g_assert_cmpstr (cp_document_get_text (document), ==,
                   "Never Sorry\n\nCopied from a review, with a link in it.\n\nAnd a second paragraph.");
  g_assert_cmpstr (cp_document_get_title (document), ==, "Never Sorry");
}

/* What no reader sees, or sees as furniture, is not text. */
static void
test_dropped (void)
{
  assert_text ("<html><head><title>T</title><style>p { color: red }</style><script>var x = 1;</script></head>"
               "<body><p>Kept paragraph, long enough to be the article, with commas, and more words.</p>"
               "<p hidden>Hidden attribute.</p><p aria-hidden=\"true\">Hidden from readers.</p>"
               "<p style=\"color: red; DISPLAY : none\">Not displayed.</p><p style=\"visibility:hidden\">Invisible.</p>"
               "<p class=\"sr-only\">Screen-reader only.</p><p class=\"note u-hidden\">Hidden by class.</p>"
               "<p class=\"hidden-xs\">Shown on large screens.</p>"
               "<noscript>Turn on JavaScript.</noscript><template><p>Template.</p></template>"
               "<svg><text>Vector text</text></svg><form><label>Name</label><input></form><button>Press</button>"
               "<iframe src=\"x\">Frame</iframe><figure><img alt=\"Alt text\"><figcaption>A "
               "caption.</figcaption></figure>"
               "<select><option>An option</option></select><!-- a comment --></body></html>",
               "Kept paragraph, long enough to be the article, with commas, and more words.\n\n"
               "Shown on large screens.");
}

/* Comments, scripts and styles are taken out before parsing (they are
 * half of many pages); what looks like markup inside them stays out. */
static void
test_code (void)
{
  assert_text ("<html><head><script>if (a < b && \"</scr\" + \"ipt>\") { x = \"<!--\"; }</script>"
               "<STYLE media=\"all\">p::before { content: \"<p>Styled</p>\"; }</STYLE></head><body><article>"
               "<!-- <script> a comment with a script tag </script> --><p>The first paragraph.</p>"
               "<script type=\"text/javascript\" data-x=\"a>b\">document.write(\"<p>Written by a "
               "script</p>\");</script >"
               "<scripty>A custom element.</scripty><!-- <p>Commented out</p> -->"
               "<p>The last paragraph.</p></article><script>an unclosed script <p>to the end</p>",
               "The first paragraph.\n\nA custom element.\n\nThe last paragraph.");
}

/* A div-only page with no class hints: the block with the most prose
 * wins over link lists and short boxes. */
static void
test_scoring (void)
{
  assert_text ("<html><body>"
               "<div id=\"a\"><div><a href=\"/1\">Home</a> <a href=\"/2\">News</a> <a href=\"/3\">Culture</a> "
               "<a href=\"/4\">Sport</a></div></div>"
               "<div id=\"b\">"
               "<div><p>The first paragraph of the article is here, with commas, clauses, and enough words to "
               "count as prose.</p>"
               "<p>The second paragraph goes on, at some length, about the film, its director, and its subject.</p>"
               "<p>The third paragraph ends the review, with a verdict, a recommendation, and a full stop.</p></div>"
               "<div><p>Links: <a href=\"/x\">one story elsewhere</a>, <a href=\"/y\">another story "
               "elsewhere</a>, <a href=\"/z\">a third</a></p></div>"
               "</div>"
               "<div id=\"c\"><p>Short box.</p><ul><li><a href=\"/5\">A related story with a long headline</a></li>"
               "<li><a href=\"/6\">Another related story with a long headline</a></li></ul></div>"
               "</body></html>",
               "The first paragraph of the article is here, with commas, clauses, and enough words to count "
               "as prose.\n\n"
               "The second paragraph goes on, at some length, about the film, its director, and its subject.\n\n"
               "The third paragraph ends the review, with a verdict, a recommendation, and a full stop.");
}

/* }}} */

/* Signals {{{ */

static void
assert_meta (CpDocument *document,
             const char *title,
             const char *author,
             const char *site,
             const char *date)
{
  g_assert_cmpstr (cp_document_get_title (document), ==, title);
  g_assert_cmpstr (cp_document_get_author (document), ==, author);
  g_assert_cmpstr (cp_document_get_site (document), ==, site);
  g_assert_cmpstr (cp_document_get_date (document), ==, date);
}

static void
test_json_ld (void)
{
  g_autoptr(CpDocument) strings = NULL;
  g_autoptr(CpDocument) markup = NULL;
  g_autoptr(CpDocument) lines = NULL;
  g_autoptr(CpDocument) flat = NULL;
  g_autoptr(CpDocument) nested = NULL;
  g_autoptr(CpDocument) deep = NULL;
  g_autoptr(GString) deep_page = NULL;

  /* Author and publisher as strings, entities in the headline, a body
   * in single lines */
  strings = import_ok ("<html><head><script type=\"application/ld+json\">"
                       "<!--\n{\"@type\": \"BlogPosting\", \"headline\": \"Fish &amp; chips\", \"author\": \"Ann Lee\","
                       " \"publisher\": \"The Daily\", \"datePublished\": \"2012-05-01\","
                       " \"articleBody\": \"First line of the body, long.\\nSecond line of the body, longer "
                       "still.\\nThird.\"}\n-->"
                       "</script></head><body><p>Teaser.</p></body></html>");
  g_assert_cmpstr (cp_document_get_text (strings), ==,
                   "Fish & chips\n\nFirst line of the body, long.\n\nSecond line of the body, longer still.\n\nThird.");
  assert_meta (strings, "Fish & chips", "Ann Lee", "The Daily", "2012-05-01");

  /* An array of authors as strings and objects; a body in HTML */
  markup = import_ok ("<html><head><script type=\"application/ld+json\">"
                      "[{\"@type\": \"WebSite\", \"name\": \"Site\"}, {\"@type\": [\"NewsArticle\"], "
                      "\"headline\": \"Markup body\","
                      " \"author\": [\"Ann Lee\", {\"@type\": \"Person\", \"name\": \"Bo Chen\"}, 7],"
                      " \"articleBody\": \"<p>One &amp; two.</p><p>Three<br>four.</p><script>x()<\\/script>\"}]"
                      "</script></head><body><p>Teaser.</p></body></html>");
  g_assert_cmpstr (cp_document_get_text (markup), ==, "Markup body\n\nOne & two.\n\nThree\nfour.");
  assert_meta (markup, "Markup body", "Ann Lee, Bo Chen", NULL, NULL);

  /* The body starts with the headline: it is not repeated */
  lines = import_ok ("<html><head><script type=\"application/ld+json\">"
                     "{\"@type\": \"Review\", \"headline\": \"Same\", \"reviewBody\": \"Same\\n\\nA paragraph "
                     "of the review, long enough to be read as prose, with commas, and more.\"}"
                     "</script></head><body><article><h1>Same</h1>" ARTICLE_P "</article></body></html>");
  g_assert_cmpstr (cp_document_get_text (lines), ==,
                   "Same\n\nA paragraph of the review, long enough to be read as prose, with commas, and more.");

  /* The page has the text in paragraphs, the JSON-LD as long but in one:
   * the page's is read */
  flat = import_ok ("<html><head><script type=\"application/ld+json\">"
                    "{\"@type\": \"Article\", \"articleBody\": \"One, two and three. Four, five, "
                    "six and seven. Eight.\"}</script></head><body><article>"
                    "<p>One, two and three.</p><p>Four, five, six and seven.</p>"
                    "<h2>Eight.</h2></article></body></html>");
  g_assert_cmpstr (cp_document_get_text (flat), ==,
                   "One, two and three.\n\nFour, five, six and seven.\n\nEight.");

  /* The article inside @graph and mainEntity, malformed JSON-LD beside it */
  nested = import_ok ("<html><head><script type=\"application/ld+json\">{\"broken\": </script>"
                      "<script type=\"application/ld+json\">{\"@graph\": [{\"@type\": \"WebPage\", \"mainEntity\":"
                      " {\"@type\": \"http://schema.org/ReportageNews\", \"headline\": \"Deep headline\","
                      " \"author\": {\"name\": \"Cy Dee\"}, \"publisher\": {\"name\": \"Graph Times\"}, "
                      "\"datePublished\": \"2012-06-02T10:00:00Z\"}}]}</script>"
                      "</head><body><article><h1>Deep headline</h1>" ARTICLE_P "</article></body></html>");
  assert_meta (nested, "Deep headline", "Cy Dee", "Graph Times", "2012-06-02T10:00:00Z");

  /* JSON-LD nested 100,000 deep is skipped, not parsed */
  deep_page = g_string_new ("<html><head><script type=\"application/ld+json\">");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep_page, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep_page, ']');
  g_string_append (deep_page, "</script><title>Deep JSON</title></head><body>" ARTICLE_P "</body></html>");
  deep = import_ok (deep_page->str);
  g_assert_cmpstr (cp_document_get_title (deep), ==, "Deep JSON");
  g_assert_cmpstr (cp_document_get_text (deep), ==,
                   "A paragraph of the review, long enough to be read as prose, with commas, and more.");
}

static void
test_titles (void)
{
  g_autoptr(CpDocument) suffix = NULL;
  g_autoptr(CpDocument) prefix = NULL;
  g_autoptr(CpDocument) og = NULL;
  g_autoptr(CpDocument) h1 = NULL;
  g_autoptr(CpDocument) none = NULL;
  g_autoptr(CpDocument) microdata = NULL;

  /* <title> with the site after it: the heading it names is the title */
  suffix = import_ok ("<html><head><title>A headline here | Some Site</title></head><body>"
                      "<div class=\"post\"><h2>A headline here</h2>" ARTICLE_P "</div></body></html>");
  assert_meta (suffix, "A headline here", NULL, "Some Site", NULL);
  g_assert_true (g_str_has_prefix (cp_document_get_text (suffix), "A headline here\n\nA paragraph"));

  /* The site before it, with a colon */
  prefix = import_ok ("<html><head><title>Back Row: Another headline</title></head><body>"
                      "<h3><a href=\"/post\">Another "
                      "headline</a></h3><div>" ARTICLE_P ARTICLE_P "</div></body></html>");
  assert_meta (prefix, "Another headline", NULL, "Back Row", NULL);
  g_assert_true (g_str_has_prefix (cp_document_get_text (prefix), "Another headline\n\nA paragraph"));

  /* og:title with the site's name appended, og:site_name */
  og = import_ok ("<html><head><title>ignored</title><meta property=\"og:title\" content=\"Og headline – Paper\">"
                  "<meta property=\"og:site_name\" content=\"Paper\"><meta name=\"author\" content=\"By Dee Eff\">"
                  "<meta property=\"article:author\" content=\"https://paper.example/dee\"></head>"
                  "<body><article><p class=\"kicker\">Film</p><h1>Og "
                  "headline</h1>" ARTICLE_P "</article></body></html>");
  assert_meta (og, "Og headline", "Dee Eff", "Paper", NULL);
  g_assert_cmpstr (cp_document_get_text (og), ==,
                   "Og headline\n\nA paragraph of the review, long enough to be read as prose, with commas, and more.");

  /* No title matches: the article's h1 */
  h1 = import_ok ("<html><head><title>Home</title></head><body><article><h1>Its own headline</h1>"
                  "<p>by Gee Aitch, 1 May 2012</p>" ARTICLE_P "</article></body></html>");
  assert_meta (h1, "Its own headline", "Gee Aitch", NULL, NULL);
  g_assert_cmpstr (cp_document_get_text (h1), ==,
                   "Its own headline\n\nA paragraph of the review, long enough to be read as prose, with "
                   "commas, and more.");

  /* A first paragraph that begins with "By" is not always a byline */
  assert_text ("<html><body><article><h1>Short</h1><p>By the end, I was won "
               "over.</p>" ARTICLE_P "</article></body></html>",
               "Short\n\nBy the end, I was won over.\n\n"
               "A paragraph of the review, long enough to be read as prose, with commas, and more.");

  /* No heading at all: the <title> without the site's name */
  none = import_ok ("<html><head><title>A title of several words - "
                    "Site</title></head><body>" ARTICLE_P "</body></html>");
  assert_meta (none, "A title of several words", NULL, "Site", NULL);

  /* Microdata */
  microdata = import_ok ("<html><body><div itemscope itemtype=\"https://schema.org/Article\">"
                         "<h1 itemprop=\"headline\">Micro headline</h1>"
                         "<span itemprop=\"author\" itemscope><span itemprop=\"name\">Ida Jay</span></span>"
                         "<time itemprop=\"datePublished\" datetime=\"2012-03-04\">4 March</time>"
                         "<div itemprop=\"articleBody\">" ARTICLE_P "</div></div></body></html>");
  assert_meta (microdata, "Micro headline", "Ida Jay", NULL, "2012-03-04");
  g_assert_cmpstr (cp_document_get_text (microdata), ==,
                   "Micro headline\n\nA paragraph of the review, long enough to be read as prose, with "
                   "commas, and more.");
}

/* }}} */

/* Bad input {{{ */

/* Runs @data, a test function, in a child with capped memory */
static void
test_in_capped_child (gconstpointer data)
{
  GTestFunc body = (GTestFunc) data;

  if (cp_test_in_capped_child ())
    body ();
}

static void
assert_refused (const char *name,
                const char *html,
                gssize      length,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpDocument) document = import_page (name, html, length, &error);
  g_autofree char *quoted = g_strdup_printf ("“%s”", name);

  g_assert_null (document);
  g_assert_error (error, CP_ERROR, code);
  /* Every refusal names the file */
  g_test_message ("%s: %s", name, error->message);
  g_assert_nonnull (strstr (error->message, quoted));
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) page = g_string_new ("<!DOCTYPE html><html><body>");
  g_autoptr(GString) paragraphs = g_string_new ("<!DOCTYPE html><html><body>");
  g_autoptr(CpDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < 100000; i++)
    g_string_append (page, "<div><span>");
  g_string_append (page, "The text at the bottom.</body></html>");
  assert_refused ("deep.html", page->str, page->len, CP_ERROR_DAMAGED);

  /* Paragraphs close each other: 100,000 of them nest nothing */
  for (guint i = 0; i < 100000; i++)
    g_string_append (paragraphs, "<p>Para, graph");
  g_string_append (paragraphs, "</body></html>");
  document = import_page ("paragraphs.html", paragraphs->str, paragraphs->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cp_document_get_n_words (document), ==, 200000);

  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
}

/* A million elements and more are refused before they are parsed */
static void
test_too_many_elements (void)
{
  g_autoptr(GString) page = g_string_new ("<html><body><p>");

  for (guint i = 0; i < 1100000; i++)
    g_string_append (page, "a<br>");
  g_string_append (page, "</p></body></html>");
  assert_refused ("breaks.html", page->str, page->len, CP_ERROR_TOO_LARGE);
}

static void
test_huge_attribute (void)
{
  g_autoptr(GString) page = g_string_new ("<html><body><p title=\"");
  g_autoptr(CpDocument) document = NULL;

  for (guint i = 0; i < 4 * 1024 * 1024; i++)
    g_string_append (page, "abcd");
  g_string_append (page, "\">" "A paragraph after a 16 MB attribute, with commas, and words." "</p></body></html>");

  document = import_ok (page->str);
  g_assert_cmpstr (cp_document_get_text (document), ==, "A paragraph after a 16 MB attribute, with commas, and words.");
}

/* Entities declared in an XHTML page's DOCTYPE are never expanded, and
 * their declarations are not text. */
static void
test_billion_laughs (void)
{
  g_autoptr(GString) page = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE html [\n <!ENTITY lol \"lol\">\n");
  g_autoptr(CpDocument) document = NULL;

  for (guint i = 1; i < 10; i++)
    {
      g_autofree char *previous = i == 1 ? g_strdup ("lol") : g_strdup_printf ("lol%u", i - 1);

      g_string_append_printf (page, " <!ENTITY lol%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (page, "&%s;", previous);
      g_string_append (page, "\">\n");
    }
  g_string_append (page, "]>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>&lol9;</p>"
                         "<p>A real paragraph, with commas, and enough words to be prose.</p></body></html>");

  document = import_ok (page->str);
  g_assert_cmpstr (cp_document_get_text (document), ==,
                   "&lol9;\n\nA real paragraph, with commas, and enough words to be prose.");
}

static void
test_refusals (void)
{
  static const char binary[] = "<html>\0\x01\x02\x03 binary data after a tag \0\0\xff";
  static const char nav_only[] = "<!DOCTYPE html><html><head><title>Menu</title></head><body>"
                                 "<nav><a href=\"/\">Home</a></nav><div class=\"cookie-banner\">Cookies!</div>"
                                 "<footer>(c) 2012</footer></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) big = g_bytes_new_take (g_malloc0 (65 * 1024 * 1024), 65 * 1024 * 1024);
  g_autoptr(CpDocument) document = NULL;
  const CpImporter *importer = find_importer ("page.html", "<html>", 6);

  assert_refused ("binary.html", binary, sizeof binary - 1, CP_ERROR_NOT_TEXT);
  assert_refused ("named.html", "\x01\x02\0\0\x03 binary", 10, CP_ERROR_NOT_TEXT);
  assert_refused ("menu.html", nav_only, -1, CP_ERROR_NO_TEXT);
  assert_refused ("empty.html", "<html><body>  </body></html>", -1, CP_ERROR_NO_TEXT);

  document = importer->import (big, NULL, "big.html", NULL, &error);
  g_assert_null (document);
  g_assert_error (error, CP_ERROR, CP_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "big.html"));
}

static void
test_refusal_through_loader (void)
{
  static const char binary[] = "<html>\0\x01\x02\x03 binary data after a tag \0\0\xff";
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("cp-import-html");
  g_autoptr(GFile) file = cp_test_tree_add_file (tree, "broken.html", binary, sizeof binary - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CpDocument) document = cp_document_new_from_file (file, 0, NULL, &error);

  g_assert_null (document);
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_TEXT);
  g_assert_nonnull (strstr (error->message, "“broken.html”"));
  g_assert_nonnull (strstr (error->message, "web page"));
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("<html><body>" ARTICLE_P "</body></html>",
                                                strlen ("<html><body>" ARTICLE_P "</body></html>"));
  g_autoptr(GError) error = NULL;
  g_autoptr(CpDocument) document = NULL;
  const CpImporter *importer = find_importer ("page.html", "<html>", 6);

  g_cancellable_cancel (cancellable);
  document = importer->import (bytes, NULL, "page.html", cancellable, &error);
  g_assert_null (document);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* }}} */

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  cp_import_register_all ();

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/html/page/%s", pages[i].name);

      g_test_add_data_func (path, &pages[i], test_page);
    }
  g_test_add_func ("/import/html/saved-complete", test_saved_complete);
  g_test_add_func ("/import/html/sniff", test_sniff);
  g_test_add_func ("/import/html/empty", test_empty);
  g_test_add_func ("/import/html/prose-named-html", test_prose_named_html);
  g_test_add_func ("/import/html/content-types", test_content_types);
  g_test_add_func ("/import/html/charsets", test_charsets);
  g_test_add_func ("/import/html/structure", test_structure);
  g_test_add_func ("/import/html/short-page", test_short_page);
  g_test_add_func ("/import/html/clipboard", test_clipboard);
  g_test_add_func ("/import/html/all-hidden", test_all_hidden);
  g_test_add_func ("/import/html/dropped", test_dropped);
  g_test_add_func ("/import/html/code", test_code);
  g_test_add_func ("/import/html/scoring", test_scoring);
  g_test_add_func ("/import/html/json-ld", test_json_ld);
  g_test_add_func ("/import/html/titles", test_titles);
  g_test_add_data_func ("/import/html/bad/deep-nesting", test_deep_nesting, test_in_capped_child);
  g_test_add_data_func ("/import/html/bad/huge-attribute", test_huge_attribute, test_in_capped_child);
  g_test_add_data_func ("/import/html/bad/too-many-elements", test_too_many_elements, test_in_capped_child);
  g_test_add_data_func ("/import/html/bad/billion-laughs", test_billion_laughs, test_in_capped_child);
  g_test_add_data_func ("/import/html/bad/refusals", test_refusals, test_in_capped_child);
  g_test_add_data_func ("/import/html/bad/through-loader", test_refusal_through_loader, test_in_capped_child);
  g_test_add_func ("/import/html/bad/cancelled", test_cancelled);

  return g_test_run ();
}
