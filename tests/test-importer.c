/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What lies around the importers, with a fake one of our own
 * (cp-test-fake-importer.h): files, bytes and streams read through the
 * importer their content calls for, the metadata a document keeps, its
 * byline, and titles told apart by their real authors.
 */
#include "config.h"

#include <string.h>

#include "cp-comparison.h"
#include "cp-error.h"
#include "cp-importer.h"
#include "cp-test-fake-importer.h"
#include "cp-test-utils.h"

#define FAKE_REVIEW \
  CP_TEST_FAKE_MAGIC "\n" \
  "title: Never Sorry, reviewed\n" \
  "author: Jane Doe\n" \
  "site: The Paper\n" \
  "date: 2012-07-27\n" \
  "\n" \
  "An artist against the state.\n" \
  "\n" \
  "The film follows Ai Weiwei for three years."

#define FAKE_TEXT \
  "An artist against the state.\n" \
  "\n" \
  "The film follows Ai Weiwei for three years."

static void
assert_fake_review (CpDocument *document)
{
  g_assert_cmpstr (cp_document_get_format (document), ==, "fake");
  g_assert_cmpstr (cp_document_get_title (document), ==, "Never Sorry, reviewed");
  g_assert_cmpstr (cp_document_get_author (document), ==, "Jane Doe");
  g_assert_cmpstr (cp_document_get_site (document), ==, "The Paper");
  g_assert_cmpstr (cp_document_get_date (document), ==, "2012-07-27");
  g_assert_cmpstr (cp_document_get_text (document), ==, FAKE_TEXT);
  g_assert_cmpuint (cp_document_get_n_words (document), ==, 13);
}

/* The importer goes by content: its magic line, whatever the name */
static void
test_find (void)
{
  static const char plain[] = "%FAKE-DOCUMENTARY is not the magic line\n";

  g_assert_true (cp_importer_find (NULL, (const guchar *) FAKE_REVIEW, strlen (FAKE_REVIEW)) == &cp_test_fake_importer);
  g_assert_true (cp_importer_find ("review.txt", (const guchar *) FAKE_REVIEW, strlen (FAKE_REVIEW)) == &cp_test_fake_importer);
  g_assert_null (cp_importer_find ("review.fake", (const guchar *) plain, strlen (plain)));
  g_assert_true (cp_importer_reads_type ("application/x-counterpoint-fake"));
  g_assert_false (cp_importer_reads_type ("text/plain"));
}

/* A file: the importer's text and metadata, the file and its name */
static void
test_file (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("cp-importer");
  g_autoptr(GFile) file = cp_test_tree_add_file (tree, "saved page.txt", FAKE_REVIEW, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CpDocument) document = cp_document_new_from_file (file, 0, NULL, &error);

  g_assert_no_error (error);
  assert_fake_review (document);
  g_assert_true (g_file_equal (cp_document_get_file (document), file));
  g_assert_cmpstr (cp_document_get_name (document), ==, "saved page.txt");
}

/* Bytes from no file: through the importer, else as text, else refused
 * naming the source */
static void
test_bytes (void)
{
  static const char latin1[] = "Caf\xe9 society\r\nsecond line";
  static const char binary[] = "\x00\x01\x02 not text";
  g_autoptr(GBytes) fake = g_bytes_new_static (FAKE_REVIEW, strlen (FAKE_REVIEW));
  g_autoptr(GBytes) text = g_bytes_new_static (latin1, strlen (latin1));
  g_autoptr(GBytes) data = g_bytes_new_static (binary, sizeof binary);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) failing = g_bytes_new_static (CP_TEST_FAKE_MAGIC "\nfail: no-text\n\n", strlen (CP_TEST_FAKE_MAGIC) + 17);
  g_autoptr(GError) error = NULL;
  CpDocument *document;

  document = cp_document_new_from_bytes (fake, "Pasted text", NULL, &error);
  g_assert_no_error (error);
  assert_fake_review (document);
  g_assert_null (cp_document_get_file (document));
  g_assert_cmpstr (cp_document_get_name (document), ==, "Pasted text");
  g_object_unref (document);

  /* Not UTF-8: Windows-1252, line ends made LF; the bytes are left as they were */
  document = cp_document_new_from_bytes (text, "standard input", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp_document_get_format (document), ==, "text");
  g_assert_cmpint (cp_document_get_encoding (document), ==, CP_ENCODING_WINDOWS_1252);
  g_assert_cmpstr (cp_document_get_text (document), ==, "Café society\nsecond line");
  g_assert_cmpstr (cp_document_get_title (document), ==, "Café society");
  g_assert_null (cp_document_get_author (document));
  g_assert_cmpmem (g_bytes_get_data (text, NULL), g_bytes_get_size (text), latin1, strlen (latin1));
  g_object_unref (document);

  document = cp_document_new_from_bytes (empty, "standard input", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp_document_get_text (document), ==, "");
  g_assert_cmpuint (cp_document_get_length (document), ==, 0);
  g_object_unref (document);

  g_assert_null (cp_document_new_from_bytes (data, "standard input", NULL, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_TEXT);
  g_assert_nonnull (strstr (error->message, "“standard input”"));
  g_clear_error (&error);

  g_assert_null (cp_document_new_from_bytes (failing, "Dropped text", NULL, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_NO_TEXT);
  g_assert_nonnull (strstr (error->message, "“Dropped text”"));
}

typedef struct
{
  CpDocument *document;
  GError     *error;
  gboolean    done;
} Made;

static void
document_made_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Made *made = user_data;

  made->document = cp_document_new_from_bytes_finish (result, &made->error);
  made->done = TRUE;
}

/* The same in a worker thread, and cancelled there */
static void
test_bytes_async (void)
{
  g_autoptr(GBytes) fake = g_bytes_new_static (FAKE_REVIEW, strlen (FAKE_REVIEW));
  g_autoptr(GBytes) slow = g_bytes_new_static (CP_TEST_FAKE_MAGIC "\ndelay-ms: 10000\n\nSlow.", strlen (CP_TEST_FAKE_MAGIC) + 22);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Made made = { NULL, NULL, FALSE };
  Made cancelled = { NULL, NULL, FALSE };
  gint64 start;

  cp_document_new_from_bytes_async (fake, "Pasted text", NULL, document_made_cb, &made);
  cp_test_wait_for_flag (&made.done, "the document made in a thread");
  g_assert_no_error (made.error);
  assert_fake_review (made.document);
  g_object_unref (made.document);

  start = g_get_monotonic_time ();
  cp_document_new_from_bytes_async (slow, "Pasted text", cancellable, document_made_cb, &cancelled);
  g_cancellable_cancel (cancellable);
  cp_test_wait_for_flag (&cancelled.done, "the cancelled import to finish");
  g_assert_null (cancelled.document);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancelled.error);
  /* well before the 10 s the import would take */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* A stream (standard input): read to its end within the limit */
static void
test_stream (void)
{
  g_autoptr(GInputStream) fake = g_memory_input_stream_new_from_data (FAKE_REVIEW, -1, NULL);
  g_autoptr(GInputStream) text = g_memory_input_stream_new_from_data ("Twelve bytes", -1, NULL);
  g_autoptr(GInputStream) large = g_memory_input_stream_new_from_data ("Twelve bytes", -1, NULL);
  g_autoptr(GError) error = NULL;
  CpDocument *document;

  document = cp_document_new_from_stream (fake, "standard input", 0, NULL, &error);
  g_assert_no_error (error);
  assert_fake_review (document);
  g_object_unref (document);

  document = cp_document_new_from_stream (text, "standard input", 12, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cp_document_get_text (document), ==, "Twelve bytes");
  g_object_unref (document);

  g_assert_null (cp_document_new_from_stream (large, "standard input", 11, NULL, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "“standard input”"));
}

static CpDocument *
new_imported (const char *name,
              const char *text,
              const char *title,
              const char *author,
              const char *site)
{
  CpDocumentInfo info = { "fake", title, author, site, NULL };

  return cp_document_new_from_import (NULL, name, text, -1, &info);
}

/* Who wrote it and where, as far as the source says */
static void
test_byline (void)
{
  g_autoptr(CpDocument) both = new_imported ("a", "Some text.", NULL, "Jane Doe", "The Paper");
  g_autoptr(CpDocument) author = new_imported ("b", "Some text.", NULL, " Jane Doe ", "  ");
  g_autoptr(CpDocument) site = new_imported ("c", "Some text.", NULL, NULL, "The Paper");
  g_autoptr(CpDocument) neither = new_imported ("d", "Some text.", NULL, NULL, NULL);
  g_autoptr(CpDocument) text = cp_document_new_from_text ("e", "By Jane Doe\n\nText.", -1);
  g_autofree char *byline_both = cp_document_dup_byline (both);
  g_autofree char *byline_author = cp_document_dup_byline (author);
  g_autofree char *byline_site = cp_document_dup_byline (site);

  g_assert_cmpstr (byline_both, ==, "Jane Doe · The Paper");
  g_assert_cmpstr (byline_author, ==, "Jane Doe");
  g_assert_null (cp_document_get_site (author));
  g_assert_cmpstr (byline_site, ==, "The Paper");
  g_assert_null (cp_document_dup_byline (neither));
  /* A plain text names no author of its own: its first lines are not metadata */
  g_assert_null (cp_document_dup_byline (text));
  g_assert_cmpstr (cp_document_get_format (text), ==, "text");
}

/* A title the source gives, kept on one line, and one taken from the text */
static void
test_given_title (void)
{
  g_autoptr(CpDocument) given = new_imported ("a.html", "First line\tof the text.", " Its\theadline\n ", NULL, NULL);
  g_autoptr(CpDocument) derived = new_imported ("b.html", "First line\tof the text.", NULL, NULL, NULL);
  g_autoptr(CpDocument) blank = new_imported ("c.html", " \n ", "  ", NULL, NULL);
  g_autoptr(CpDocument) text = cp_document_new_from_text ("d.txt", "Plain text.", -1);

  g_assert_cmpstr (cp_document_get_title (given), ==, "Its headline");
  g_assert_false (cp_document_title_is_derived (given));
  g_assert_cmpstr (cp_document_get_title (derived), ==, "First line\tof the text.");
  g_assert_true (cp_document_title_is_derived (derived));
  /* A blank title counts as none; a blank text's title is its name */
  g_assert_cmpstr (cp_document_get_title (blank), ==, "c.html");
  g_assert_true (cp_document_title_is_derived (blank));
  g_assert_true (cp_document_title_is_derived (text));
}

/* Twins told apart by the author their source names, else their outlet,
 * else their file */
static void
test_display_titles (void)
{
  g_autoptr(CpComparison) comparison = cp_comparison_new (NULL);
  /* a's text names Rui Costa, its page's metadata Jane Doe: the metadata wins */
  g_autoptr(CpDocument) a = new_imported ("a.html", "By Rui Costa\n\nText.", "Never Sorry", "Jane Doe", "The Paper");
  g_autoptr(CpDocument) b = new_imported ("b.html", "Text.", "Never Sorry", "Rui Costa", "The Paper");
  g_autoptr(CpDocument) c = new_imported ("c.html", "Text.", "Never Sorry", "Rui Costa", "Film Weekly");
  g_autoptr(CpDocument) d = new_imported ("d.html", "Text.", "Never Sorry", NULL, NULL);
  g_autoptr(CpDocument) e = new_imported ("e.pdf", "Text.", "Something Else", "Jane Doe", NULL);
  const char * const expected[] = {
    "Never Sorry (Jane Doe)",
    "Never Sorry (b)",
    "Never Sorry (Film Weekly)",
    "Never Sorry (d)",
    "Something Else",
  };

  cp_comparison_append_document (comparison, a);
  cp_comparison_append_document (comparison, b);
  cp_comparison_append_document (comparison, c);
  cp_comparison_append_document (comparison, d);
  cp_comparison_append_document (comparison, e);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *title = cp_comparison_dup_display_title (comparison, i);

      g_assert_cmpstr (title, ==, expected[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  cp_test_fake_importer_register ();

  g_test_add_func ("/core/importer/find", test_find);
  g_test_add_func ("/core/importer/file", test_file);
  g_test_add_func ("/core/importer/bytes", test_bytes);
  g_test_add_func ("/core/importer/bytes-async", test_bytes_async);
  g_test_add_func ("/core/importer/stream", test_stream);
  g_test_add_func ("/core/importer/byline", test_byline);
  g_test_add_func ("/core/importer/display-titles", test_display_titles);
  g_test_add_func ("/core/importer/given-title", test_given_title);

  return g_test_run ();
}
