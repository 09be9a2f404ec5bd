/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The DOCX, ODT and EPUB importer against the fixtures that
 * tests/data/import/documents/make-documents.py writes at build time from
 * one plain-text review: the text each format yields equals that review,
 * its metadata is right, it tags as the plain text does, and every bad
 * input is refused with the right error, naming the file, in bounded time
 * and memory.
 */
#include "config.h"

#include <string.h>

#include "cp-comparison.h"
#include "cp-error.h"
#include "cp-import.h"
#include "cp-import-private.h"
#include "cp-test-utils.h"

#define TITLE     "Never Sorry, and Never Quiet"
#define AUTHOR    "Lena Marsh"
#define DATE      "2012-07-27"
#define PUBLISHER "The Harbour Film Quarterly"

static GFile *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "data", "import", "documents", name, NULL);

  return g_file_new_for_path (path);
}

/* review.txt, which is in the shape importers produce: paragraphs
 * separated by a blank line, line breaks inside them */
static char *
dup_expected_review (void)
{
  g_autoptr(GFile) file = cp_test_dist_file ("data", "import", "documents", "review.txt", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_load_contents (file, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);

  return g_strchomp (contents);
}

static CpDocument *
import_fixture (const char  *name,
                GError     **error)
{
  g_autoptr(GFile) file = fixture (name);

  return cp_document_new_from_file (file, CP_DOCUMENT_DEFAULT_MAX_SIZE, NULL, error);
}

/* The review {{{ */

typedef struct
{
  const char *name;
  const char *format;
  const char *site;
} ReviewCase;

static const ReviewCase review_cases[] = {
  { "review.docx", "docx", NULL },
  { "review.odt", "odt", NULL },
  { "review.epub", "epub", PUBLISHER },
  /* An ODT named .docx: the contents decide */
  { "review-odt.docx", "odt", NULL },
  /* Fonts obfuscated as EPUB allows: not DRM */
  { "obfuscated-fonts.epub", "epub", PUBLISHER },
};

static void
test_review (gconstpointer data)
{
  const ReviewCase *review = data;
  g_autoptr(GFile) file = fixture (review->name);
  g_autoptr(CpDocument) document = cp_test_load_document (file);
  g_autoptr(GFile) text_file = cp_test_dist_file ("data", "import", "documents", "review.txt", NULL);
  g_autoptr(CpDocument) text = cp_test_load_document (text_file);
  g_autofree char *expected = dup_expected_review ();

  /* Paragraphs and headings in order, the byline's line break kept; no
   * deleted, hidden or inserted-then-deleted text, no notes, comments,
   * text boxes, tables of contents, navigation, scripts or pages out of
   * the reading order */
  g_assert_cmpstr (cp_document_get_text (document), ==, expected);
  g_assert_cmpstr (cp_document_get_format (document), ==, review->format);
  g_assert_cmpstr (cp_document_get_title (document), ==, TITLE);
  g_assert_cmpstr (cp_document_get_author (document), ==, AUTHOR);
  g_assert_cmpstr (cp_document_get_date (document), ==, DATE);
  g_assert_cmpstr (cp_document_get_site (document), ==, review->site);
  g_assert_cmpstr (cp_document_get_name (document), ==, review->name);
  g_assert_true (g_file_equal (cp_document_get_file (document), file));
  g_assert_cmpuint (cp_document_get_n_words (document), ==, cp_document_get_n_words (text));
}

/* Tagged with the default topics, each format counts what the plain text
 * counts */
static void
test_counts (void)
{
  static const char * const names[] = { "review.docx", "review.odt", "review.epub" };
  g_autoptr(GFile) topics_file = cp_test_dist_file ("..", "data", "topics", "default.topics", NULL);
  g_autoptr(GFile) text_file = cp_test_dist_file ("data", "import", "documents", "review.txt", NULL);
  g_autoptr(CpTopicSet) topics = cp_test_load_topics (topics_file);
  g_autoptr(CpComparison) comparison = cp_comparison_new (topics);
  g_autoptr(CpDocument) text = cp_test_load_document (text_file);
  guint n_topics = cp_topic_set_get_n_topics (topics);
  guint total = 0;
  guint shared = 0;

  g_assert_cmpstr (cp_document_get_format (text), ==, "text");
  cp_comparison_append_document (comparison, text);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GFile) file = fixture (names[i]);
      g_autoptr(CpDocument) document = cp_test_load_document (file);

      cp_comparison_append_document (comparison, document);
    }

  for (guint topic = 0; topic < n_topics; topic++)
    {
      guint expected = cp_comparison_get_count (comparison, topic, 0);

      for (guint doc = 1; doc <= G_N_ELEMENTS (names); doc++)
        {
          if (cp_comparison_get_count (comparison, topic, doc) != expected)
            g_error ("%s: topic %s counts %u, the plain text %u", names[doc - 1],
                     cp_topic_get_id (cp_topic_set_get_topic (topics, topic)),
                     cp_comparison_get_count (comparison, topic, doc), expected);
        }
      g_test_message ("%s: %u", cp_topic_get_id (cp_topic_set_get_topic (topics, topic)), expected);
      total += expected;
      shared += expected > 0;
    }

  /* The review mentions most topics, several of them more than once */
  g_assert_cmpuint (total, >=, 15);
  g_assert_cmpuint (shared, >=, 6);
}

/* }}} */

/* Tables, lists, a table of contents {{{ */

static void
test_structures (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GFile) file = fixture (name);
  g_autoptr(CpDocument) document = cp_test_load_document (file);

  /* A table's cells and a list's items are paragraphs of their own; the
   * table of contents is left out */
  g_assert_cmpstr (cp_document_get_text (document), ==,
                   "Credits\n\n"
                   "Director\n\n"
                   "Alison Klayman\n\n"
                   "Running time\n\n"
                   "91 minutes\n\n"
                   "Scenes worth watching for:\n\n"
                   "The wall of names\n\n"
                   "The seeds at the Tate Modern\n\n"
                   "The police station in Chengdu");
  g_assert_cmpstr (cp_document_get_title (document), ==, "Structures");
  g_assert_cmpstr (cp_document_get_author (document), ==, AUTHOR);
}

/* Entities the document declares are never expanded, and not an error */
static void
test_entities (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpDocument) document = import_fixture ("entities.odt", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cp_document_get_text (document), ==, "Before after.");
  g_assert_cmpstr (cp_document_get_title (document), ==, "Entities");
}

/* }}} */

/* Sniffing {{{ */

static void
test_sniff (void)
{
  static const guchar zip_head[] = "PK\x03\x04\x14\x00\x00\x00";
  static const char text_head[] = "PK is a review that starts with two capitals.";

  /* Any zip, whatever its name: the importer tells documents from other
   * archives and says so */
  g_assert_true (cp_importer_find ("notes.txt", zip_head, sizeof zip_head - 1) == &cp_zip_importer);
  g_assert_true (cp_importer_find ("review.docx", zip_head, sizeof zip_head - 1) == &cp_zip_importer);
  g_assert_null (cp_importer_find ("review.docx", (const guchar *) text_head, sizeof text_head - 1));

  g_assert_true (cp_importer_reads_type ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
  g_assert_true (cp_importer_reads_type ("application/vnd.oasis.opendocument.text"));
  g_assert_true (cp_importer_reads_type ("application/epub+zip"));
  g_assert_false (cp_importer_reads_type ("application/zip"));
}

static void
test_cancelled (void)
{
  g_autoptr(GFile) file = fixture ("review.docx");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CpDocument) document = NULL;

  g_cancellable_cancel (cancellable);
  document = cp_document_new_from_file (file, CP_DOCUMENT_DEFAULT_MAX_SIZE, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (document);
}

/* }}} */

/* Bad input {{{ */

typedef struct
{
  const char *name;
  int         code;
  const char *says;  /* what the message must say besides the name */
} BadCase;

static const BadCase bad_cases[] = {
  { "damaged.docx", CP_ERROR_DAMAGED, "is damaged" },
  { "truncated.docx", CP_ERROR_DAMAGED, "is damaged" },
  { "garbage.docx", CP_ERROR_DAMAGED, "is damaged" },
  { "bomb.docx", CP_ERROR_TOO_LARGE, "zip bomb" },
  { "bomb-ratio.docx", CP_ERROR_TOO_LARGE, "zip bomb" },
  /* libarchive holds an entry to the size its headers give */
  { "bomb-lying.docx", CP_ERROR_DAMAGED, "is damaged" },
  { "billion-laughs.docx", CP_ERROR_DAMAGED, "entity" },
  { "billion-laughs.epub", CP_ERROR_DAMAGED, "entity" },
  { "deep.odt", CP_ERROR_DAMAGED, "levels deep" },
  /* Not well-formed: the XML parser fails, then the HTML parser's tree */
  { "deep.epub", CP_ERROR_DAMAGED, "levels deep" },
  { "archive.zip", CP_ERROR_UNSUPPORTED, "Unpack it" },
  { "spreadsheet.ods", CP_ERROR_UNSUPPORTED, "spreadsheet" },
  { "workbook.xlsx", CP_ERROR_UNSUPPORTED, "spreadsheet" },
  { "drm.epub", CP_ERROR_UNSUPPORTED, "DRM" },
  { "no-container.epub", CP_ERROR_DAMAGED, "META-INF/container.xml" },
  { "locked.docx", CP_ERROR_ENCRYPTED, "password" },
  { "locked.odt", CP_ERROR_ENCRYPTED, "password" },
  { "pictures.docx", CP_ERROR_NO_TEXT, "no text" },
};

static void
test_bad (gconstpointer data)
{
  const BadCase *bad = data;

  /* In a child with capped memory */
  if (cp_test_in_capped_child ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CpDocument) document = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", bad->name);

      document = import_fixture (bad->name, &error);
      g_assert_null (document);
      g_assert_error (error, CP_ERROR, bad->code);
      g_test_message ("%s: %s", bad->name, error->message);
      g_assert_nonnull (strstr (error->message, quoted));
      g_assert_nonnull (strstr (error->message, bad->says));
    }
}

/* }}} */

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  cp_import_register_all ();

  for (guint i = 0; i < G_N_ELEMENTS (review_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/documents/review/%s", review_cases[i].name);

      g_test_add_data_func (path, &review_cases[i], test_review);
    }
  g_test_add_func ("/import/documents/counts", test_counts);
  g_test_add_data_func ("/import/documents/structures/docx", "structures.docx", test_structures);
  g_test_add_data_func ("/import/documents/structures/odt", "structures.odt", test_structures);
  g_test_add_data_func ("/import/documents/structures/epub", "structures.epub", test_structures);
  g_test_add_func ("/import/documents/entities", test_entities);
  g_test_add_func ("/import/documents/sniff", test_sniff);
  g_test_add_func ("/import/documents/cancelled", test_cancelled);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/documents/bad/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }

  return g_test_run ();
}
