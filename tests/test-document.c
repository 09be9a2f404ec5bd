/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cp-document.h"
#include "cp-error.h"
#include "cp-test-utils.h"

/* Helpers {{{ */

typedef struct
{
  CpTestTree *tree;
  const char *dir;
} TmpDir;

static void
tmp_dir_setup (TmpDir        *fixture,
               gconstpointer  data)
{
  fixture->tree = cp_test_tree_new ("cp-document");
  fixture->dir = fixture->tree->path;
}

static void
tmp_dir_teardown (TmpDir        *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->tree, cp_test_tree_free);
}

static GFile *
write_file (TmpDir     *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  return cp_test_tree_add_file (fixture->tree, name, contents, length);
}

static GFile *
data_file (const char *name)
{
  return cp_test_dist_file ("data", "document", name, NULL);
}

static CpDocument *
load_ok (GFile   *file,
         guint64  max_size)
{
  g_autoptr(GError) error = NULL;
  CpDocument *document;

  document = cp_document_new_from_file (file, max_size, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (CP_IS_DOCUMENT (document));

  return document;
}

/* Loads @file expecting an error in @domain/@code whose message names
 * @name; returns the message. */
static char *
load_error (GFile      *file,
            guint64     max_size,
            GQuark      domain,
            int         code,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = g_strdup_printf ("“%s”", name);
  CpDocument *document;

  document = cp_document_new_from_file (file, max_size, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, quoted));

  return g_strdup (error->message);
}

static CpDocument *
from_text (const char *text)
{
  return cp_document_new_from_text ("snippet", text, -1);
}

static gsize
words_in (const char *text)
{
  g_autoptr(CpDocument) document = from_text (text);

  return cp_document_get_n_words (document);
}

static char *
title_of (const char *text)
{
  g_autoptr(CpDocument) document = from_text (text);

  return g_strdup (cp_document_get_title (document));
}

/* }}} */

/* Encodings {{{ */

static void
test_encoding_utf8 (void)
{
  g_autoptr(GFile) file = data_file ("utf8.txt");
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  gsize expected_length;
  CpDocument *document;

  g_file_load_contents (file, NULL, &expected, &expected_length, NULL, &error);
  g_assert_no_error (error);

  document = load_ok (file, 0);
  g_assert_cmpint (cp_document_get_encoding (document), ==, CP_ENCODING_UTF8);
  g_assert_cmpstr (cp_document_get_text (document), ==, expected);
  g_assert_cmpuint (cp_document_get_length (document), ==, expected_length);
  g_assert_cmpuint (cp_document_get_length (document), ==, 114);
  g_assert_cmpuint (cp_document_get_n_characters (document), ==, 98);
  /* 4 + 11 + 6 (three Han, one Hiragana, two Katakana characters) */
  g_assert_cmpuint (cp_document_get_n_words (document), ==, 21);
  g_assert_cmpstr (cp_document_get_name (document), ==, "utf8.txt");
  g_assert_cmpstr (cp_document_get_title (document), ==, "Café crawl in Montréal");
  g_assert_true (g_file_equal (cp_document_get_file (document), file));
  g_assert_finalize_object (document);
}

static void
test_encoding_utf8_bom (void)
{
  g_autoptr(GFile) file = data_file ("utf8-bom.txt");
  CpDocument *document = load_ok (file, 0);

  g_assert_cmpint (cp_document_get_encoding (document), ==, CP_ENCODING_UTF8_BOM);
  g_assert_cmpstr (cp_document_get_text (document), ==,
                   "Harbour notes\nThe ferry left at 6:40 and nobody waved.\n");
  g_assert_cmpuint (cp_document_get_length (document), ==, 55);
  g_assert_cmpuint (cp_document_get_n_characters (document), ==, 55);
  g_assert_cmpuint (cp_document_get_n_words (document), ==, 11);
  g_assert_cmpstr (cp_document_get_title (document), ==, "Harbour notes");
  g_assert_finalize_object (document);
}

static void
test_encoding_utf8_bom_crlf (TmpDir        *fixture,
                             gconstpointer  data)
{
  static const char contents[] = "\xEF\xBB\xBF" "Gull\r\nTern\rSkua\r\n";
  g_autoptr(GFile) file = write_file (fixture, "birds.txt", contents, sizeof contents - 1);
  CpDocument *document = load_ok (file, 0);

  g_assert_cmpint (cp_document_get_encoding (document), ==, CP_ENCODING_UTF8_BOM);
  g_assert_cmpstr (cp_document_get_text (document), ==, "Gull\nTern\nSkua\n");
  g_assert_cmpuint (cp_document_get_length (document), ==, 15);
  g_assert_finalize_object (document);
}

static void
test_encoding_utf8_bom_invalid (TmpDir        *fixture,
                                gconstpointer  data)
{
  static const char contents[] = "\xEF\xBB\xBF" "caf\xE9 au lait";
  g_autoptr(GFile) file = write_file (fixture, "broken.txt", contents, sizeof contents - 1);
  CpDocument *document = load_ok (file, 0);

  /* The BOM wins: broken bytes become U+FFFD instead of switching codec. */
  g_assert_cmpint (cp_document_get_encoding (document), ==, CP_ENCODING_UTF8_BOM);
  g_assert_cmpstr (cp_document_get_text (document), ==, "caf\xEF\xBF\xBD au lait");
  g_assert_finalize_object (document);
}

/* "Jour 1 🙂\r\nÉtang\n" in UTF-16 with BOM */
static GBytes *
utf16_sample (gboolean big_endian)
{
  static const gunichar2 units[] = {
    0xFEFF, 'J', 'o', 'u', 'r', ' ', '1', ' ', 0xD83D, 0xDE42, '\r', '\n',
    0x00C9, 't', 'a', 'n', 'g', '\n',
  };
  GByteArray *bytes = g_byte_array_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    {
      guint8 pair[2];

      pair[big_endian ? 0 : 1] = units[i] >> 8;
      pair[big_endian ? 1 : 0] = units[i] & 0xFF;
      g_byte_array_append (bytes, pair, 2);
    }

  return g_byte_array_free_to_bytes (bytes);
}

static void
check_utf16 (TmpDir   *fixture,
             gboolean  big_endian)
{
  g_autoptr(GBytes) bytes = utf16_sample (big_endian);
  g_autoptr(GFile) file = write_file (fixture, "jour.txt",
                                      g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes));
  CpDocument *document = load_ok (file, 0);

  g_assert_cmpint (cp_document_get_encoding (document), ==,
                   big_endian ? CP_ENCODING_UTF16BE : CP_ENCODING_UTF16LE);
  g_assert_cmpstr (cp_document_get_text (document), ==,
                   "Jour 1 \xF0\x9F\x99\x82\n\xC3\x89tang\n");
  g_assert_cmpuint (cp_document_get_length (document), ==, 19);
  g_assert_cmpuint (cp_document_get_n_characters (document), ==, 15);
  g_assert_cmpuint (cp_document_get_n_words (document), ==, 3);
  g_assert_cmpstr (cp_document_get_title (document), ==, "Jour 1 \xF0\x9F\x99\x82");
  g_assert_finalize_object (document);
}

static void
test_encoding_utf16le (TmpDir        *fixture,
                       gconstpointer  data)
{
  check_utf16 (fixture, FALSE);
}

/* UTF-16 without its byte-order mark, as some editors save it, is read;
 * UTF-32 is named, not called binary data */
static void
test_encoding_wide_without_bom (TmpDir        *fixture,
                                gconstpointer  data)
{
  const char *text = "The sea and the salt road, \u00e9tang.\nTwitter, 81 days.\n";
  g_autofree gunichar *chars = g_utf8_to_ucs4 (text, -1, NULL, NULL, NULL);
  glong n_chars = g_utf8_strlen (text, -1);

  for (guint big_endian = 0; big_endian < 2; big_endian++)
    {
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      g_autoptr(GFile) file = NULL;
      CpDocument *document;

      for (glong i = 0; i < n_chars; i++)
        {
          guint8 pair[2];

          pair[big_endian ? 0 : 1] = chars[i] >> 8;
          pair[big_endian ? 1 : 0] = chars[i] & 0xFF;
          g_byte_array_append (bytes, pair, 2);
        }
      file = write_file (fixture, "no-bom.txt", (const char *) bytes->data, bytes->len);
      document = load_ok (file, 0);
      g_assert_cmpint (cp_document_get_encoding (document), ==,
                       big_endian ? CP_ENCODING_UTF16BE : CP_ENCODING_UTF16LE);
      g_assert_cmpstr (cp_document_get_text (document), ==, text);
      g_assert_finalize_object (document);
    }

  {
    g_autoptr(GByteArray) bytes = g_byte_array_new ();
    g_autoptr(GFile) file = NULL;
    g_autofree char *message = NULL;

    for (glong i = 0; i < n_chars; i++)
      {
        guint32 unit = GUINT32_TO_LE (chars[i]);

        g_byte_array_append (bytes, (const guint8 *) &unit, 4);
      }
    file = write_file (fixture, "wide.txt", (const char *) bytes->data, bytes->len);
    message = load_error (file, 0, CP_ERROR, CP_ERROR_NOT_TEXT, "wide.txt");
    g_assert_nonnull (strstr (message, "UTF-32"));
  }
}

static void
test_encoding_utf16be (TmpDir        *fixture,
                       gconstpointer  data)
{
  check_utf16 (fixture, TRUE);
}

static void
test_encoding_utf16_invalid (TmpDir        *fixture,
                             gconstpointer  data)
{
  /* A high surrogate followed by a letter */
  static const char lone_high[] = { '\xFF', '\xFE', 'a', 0, '\x3D', '\xD8', 'b', 0 };
  /* A low surrogate on its own, big endian */
  static const char lone_low[] = { '\xFE', '\xFF', 0, 'a', '\xDE', '\x42' };
  /* A high surrogate at the very end */
  static const char cut_pair[] = { '\xFF', '\xFE', 'a', 0, '\x3D', '\xD8' };
  /* An odd number of bytes */
  static const char odd[] = { '\xFF', '\xFE', 'a', 0, 'b' };
  /* U+0000 in UTF-16 is binary data */
  static const char nul[] = { '\xFF', '\xFE', 'a', 0, 0, 0, 'b', 0 };
  struct {
    const char *name;
    const char *contents;
    gsize length;
  } cases[] = {
    { "lone-high.txt", lone_high, sizeof lone_high },
    { "lone-low.txt", lone_low, sizeof lone_low },
    { "cut-pair.txt", cut_pair, sizeof cut_pair },
    { "odd.txt", odd, sizeof odd },
    { "nul16.txt", nul, sizeof nul },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = write_file (fixture, cases[i].name, cases[i].contents, cases[i].length);
      g_autofree char *message = load_error (file, 0, CP_ERROR, CP_ERROR_NOT_TEXT, cases[i].name);

      if (i < 4)
        g_assert_nonnull (strstr (message, "UTF-16"));
    }
}

static void
test_encoding_windows_1252 (TmpDir        *fixture,
                            gconstpointer  data)
{
  /* “Café” costs 5 € … */
  static const char contents[] = "\x93" "Caf\xE9" "\x94 costs 5 \x80 \x85\r\nit\x92s fine\x81";
  g_autoptr(GFile) file = write_file (fixture, "menu.txt", contents, sizeof contents - 1);
  CpDocument *document = load_ok (file, 0);

  g_assert_cmpint (cp_document_get_encoding (document), ==, CP_ENCODING_WINDOWS_1252);
  g_assert_cmpstr (cp_document_get_text (document), ==,
                   "\xE2\x80\x9C" "Caf\xC3\xA9" "\xE2\x80\x9D costs 5 \xE2\x82\xAC \xE2\x80\xA6\n"
                   "it\xE2\x80\x99s fine\xC2\x81");
  g_assert_true (g_utf8_validate (cp_document_get_text (document), -1, NULL));
  g_assert_cmpuint (cp_document_get_n_characters (document), ==, 29);
  /* Café, costs, 5, it’s, fine */
  g_assert_cmpuint (cp_document_get_n_words (document), ==, 5);
  g_assert_finalize_object (document);
}

/* The loader's own UTF-8 check must agree with g_utf8_validate(). */
static void
test_encoding_utf8_edges (TmpDir        *fixture,
                          gconstpointer  data)
{
  struct {
    const char *contents;
    CpEncoding encoding;
    const char *text;
  } cases[] = {
    /* U+10FFFF, U+FFFF and U+E000 are valid UTF-8 */
    { "max \xF4\x8F\xBF\xBF \xEF\xBF\xBF \xEE\x80\x80", CP_ENCODING_UTF8,
      "max \xF4\x8F\xBF\xBF \xEF\xBF\xBF \xEE\x80\x80" },
    /* An encoded surrogate is not: each byte is read as Windows-1252. */
    { "\xED\xA0\x80", CP_ENCODING_WINDOWS_1252, "\xC3\xAD\xC2\xA0\xE2\x82\xAC" },
    /* Overlong forms */
    { "\xC0\xAF", CP_ENCODING_WINDOWS_1252, "\xC3\x80\xC2\xAF" },
    { "\xE0\x80\xAF", CP_ENCODING_WINDOWS_1252, "\xC3\xA0\xE2\x82\xAC\xC2\xAF" },
    /* Past U+10FFFF */
    { "\xF4\x90\x80\x80", CP_ENCODING_WINDOWS_1252, "\xC3\xB4\xC2\x90\xE2\x82\xAC\xE2\x82\xAC" },
    /* A sequence cut short by the end of the file */
    { "caf\xC3", CP_ENCODING_WINDOWS_1252, "caf\xC3\x83" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = write_file (fixture, "edge.txt", cases[i].contents, -1);
      CpDocument *document = load_ok (file, 0);

      g_assert_cmpint (cp_document_get_encoding (document), ==, cases[i].encoding);
      g_assert_cmpstr (cp_document_get_text (document), ==, cases[i].text);
      g_assert_cmpuint (cp_document_get_n_characters (document), ==,
                        g_utf8_strlen (cases[i].text, -1));
      g_assert_finalize_object (document);
    }
}

static void
test_encoding_to_string (void)
{
  g_assert_cmpstr (cp_encoding_to_string (CP_ENCODING_UTF8), ==, "UTF-8");
  g_assert_cmpstr (cp_encoding_to_string (CP_ENCODING_UTF8_BOM), ==, "UTF-8 with BOM");
  g_assert_cmpstr (cp_encoding_to_string (CP_ENCODING_UTF16LE), ==, "UTF-16LE");
  g_assert_cmpstr (cp_encoding_to_string (CP_ENCODING_UTF16BE), ==, "UTF-16BE");
  g_assert_cmpstr (cp_encoding_to_string (CP_ENCODING_WINDOWS_1252), ==, "Windows-1252");
}

/* }}} */

/* Line ends {{{ */

static void
test_line_ends (TmpDir        *fixture,
                gconstpointer  data)
{
  static const char contents[] = "one\r\ntwo\rthree\n\r\rfour\r\n\r\nfive\r";
  g_autoptr(GFile) file = write_file (fixture, "ends.txt", contents, sizeof contents - 1);
  CpDocument *document = load_ok (file, 0);

  g_assert_cmpstr (cp_document_get_text (document), ==, "one\ntwo\nthree\n\n\nfour\n\nfive\n");
  g_assert_cmpuint (cp_document_get_length (document), ==, 27);
  g_assert_cmpuint (cp_document_get_n_characters (document), ==, 27);
  g_assert_cmpuint (cp_document_get_line (document, 27), ==, 9);
  g_assert_finalize_object (document);
}

/* }}} */

/* Binary data {{{ */

static void
test_binary_nul (TmpDir        *fixture,
                 gconstpointer  data)
{
  static const char utf8[] = "looks like text\0until here";
  /* Not UTF-8 either: the check runs before the Windows-1252 fallback. */
  static const char latin[] = "caf\xE9\0cr\xE8me";
  g_autoptr(GFile) utf8_file = write_file (fixture, "sneaky.txt", utf8, sizeof utf8 - 1);
  g_autoptr(GFile) latin_file = write_file (fixture, "latin.txt", latin, sizeof latin - 1);
  g_autofree char *utf8_message = NULL;
  g_autofree char *latin_message = NULL;

  utf8_message = load_error (utf8_file, 0, CP_ERROR, CP_ERROR_NOT_TEXT, "sneaky.txt");
  g_assert_nonnull (strstr (utf8_message, "binary"));

  latin_message = load_error (latin_file, 0, CP_ERROR, CP_ERROR_NOT_TEXT, "latin.txt");
  g_assert_nonnull (strstr (latin_message, "binary"));
}

static void
test_binary_controls (TmpDir        *fixture,
                      gconstpointer  data)
{
  /* 3 stray controls in 20 bytes: 15% */
  static const char mostly[] = "abc\x01" "defg\x02hijkl\x03mnopq";
  /* 2 in 20 bytes is exactly 10%: still text */
  static const char some[] = "abc\x01" "defg\x02hijklmnopqr";
  /* Tabs, form feeds, vertical tabs and escapes do not count. */
  static const char allowed[] = "\t\t\f\v\x1b[1mbold\x1b[0m\t\r\n";
  g_autoptr(GFile) mostly_file = write_file (fixture, "controls.dat", mostly, sizeof mostly - 1);
  g_autoptr(GFile) some_file = write_file (fixture, "some.txt", some, sizeof some - 1);
  g_autoptr(GFile) allowed_file = write_file (fixture, "allowed.txt", allowed, sizeof allowed - 1);
  g_autofree char *message = NULL;
  CpDocument *document;

  g_assert_cmpuint (sizeof mostly - 1, ==, 20);
  g_assert_cmpuint (sizeof some - 1, ==, 20);

  message = load_error (mostly_file, 0, CP_ERROR, CP_ERROR_NOT_TEXT, "controls.dat");

  document = load_ok (some_file, 0);
  g_assert_cmpuint (cp_document_get_n_characters (document), ==, 20);
  g_assert_finalize_object (document);

  document = load_ok (allowed_file, 0);
  g_assert_cmpint (cp_document_get_encoding (document), ==, CP_ENCODING_UTF8);
  g_assert_cmpstr (cp_document_get_text (document), ==, "\t\t\f\v\x1b[1mbold\x1b[0m\t\n");
  g_assert_finalize_object (document);
}

/* }}} */

/* Files that are refused {{{ */

static void
test_size_too_large (TmpDir        *fixture,
                     gconstpointer  data)
{
  /* Binary content: a size check after reading would report NOT_TEXT. */
  static const char contents[] = "0123456789\0";
  g_autoptr(GFile) file = write_file (fixture, "eleven.bin", contents, 11);
  g_autofree char *message = load_error (file, 10, CP_ERROR, CP_ERROR_TOO_LARGE, "eleven.bin");

  g_assert_nonnull (strstr (message, "11 bytes"));
  g_assert_nonnull (strstr (message, "10 bytes"));
}

static void
test_size_exact (TmpDir        *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "ten.txt", "ten bytes.", 10);
  CpDocument *document = load_ok (file, 10);

  g_assert_cmpstr (cp_document_get_text (document), ==, "ten bytes.");
  g_assert_cmpuint (cp_document_get_n_words (document), ==, 2);
  g_assert_finalize_object (document);
}

static void
test_size_grown (void)
{
  /* Files in /proc report a size of 0 but have contents: only the guard
   * while reading can catch them. */
  g_autoptr(GFile) file = g_file_new_for_path ("/proc/self/status");
  g_autofree char *message = NULL;
  CpDocument *document;

  if (!g_file_query_exists (file, NULL))
    {
      g_test_skip ("/proc/self/status is not available");
      return;
    }

  message = load_error (file, 16, CP_ERROR, CP_ERROR_TOO_LARGE, "status");
  g_assert_nonnull (strstr (message, "16 bytes"));

  document = load_ok (file, 0);
  g_assert_cmpuint (cp_document_get_length (document), >, 16);
  g_assert_cmpstr (cp_document_get_title (document), !=, "status");
  g_assert_finalize_object (document);
}

static void
test_missing (TmpDir        *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "gone.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *message G_GNUC_UNUSED = load_error (file, 0, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "gone.txt");
}

static void
test_directory (TmpDir        *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "drafts", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *message = NULL;

  g_assert_no_errno (g_mkdir (path, 0700));
  message = load_error (file, 0, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "drafts");
}

static void
test_unreadable (TmpDir        *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *message = NULL;

  if (getuid () == 0)
    {
      g_test_skip ("root can read files without permission");
      return;
    }

  file = write_file (fixture, "private.txt", "keep out", -1);
  g_assert_no_errno (g_chmod (g_file_peek_path (file), 0));
  message = load_error (file, 0, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "private.txt");
  g_assert_no_errno (g_chmod (g_file_peek_path (file), 0600));
}

static void
test_fifo (TmpDir        *fixture,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "pipe.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *message = NULL;

  if (mkfifo (path, 0600) != 0)
    {
      g_autofree char *reason = g_strdup_printf ("mkfifo failed: %s", g_strerror (errno));

      g_test_skip (reason);
      return;
    }

  /* Opening a FIFO without a writer blocks: fail the test instead of
   * hanging if the loader ever tries. */
  alarm (10);
  message = load_error (file, 0, CP_ERROR, CP_ERROR_NOT_REGULAR_FILE, "pipe.txt");
  alarm (0);
}

static void
test_device (void)
{
  const char *devices[] = { "/dev/null", "/dev/zero" };

  for (gsize i = 0; i < G_N_ELEMENTS (devices); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (devices[i]);
      g_autofree char *name = g_path_get_basename (devices[i]);
      g_autofree char *message = NULL;

      if (!g_file_query_exists (file, NULL))
        continue;

      message = load_error (file, 0, CP_ERROR, CP_ERROR_NOT_REGULAR_FILE, name);
    }
}

/* UTF-8 with one character cut short is mended and said to be, not read
 * all as Windows-1252 ("CafÃ©"); Windows-1252 stays Windows-1252 */
static void
test_encoding_repaired (TmpDir        *fixture,
                        gconstpointer  data)
{
  static const char broken[] = "Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d, and one cut short: \xc3\n";
  static const char cp1252[] = "Caf\xe9 and na\xefve, \x93quoted\x94\n";
  g_autoptr(GFile) broken_file = write_file (fixture, "broken.txt", broken, sizeof broken - 1);
  g_autoptr(GFile) cp1252_file = write_file (fixture, "old.txt", cp1252, sizeof cp1252 - 1);
  CpDocument *document = load_ok (broken_file, 0);
  g_autofree char *notice = cp_document_dup_repair_notice (document);

  g_assert_cmpint (cp_document_get_encoding (document), ==, CP_ENCODING_UTF8);
  g_assert_cmpstr (cp_document_get_text (document), ==, "Café “quoted”, and one cut short: \xef\xbf\xbd\n");
  g_assert_cmpuint (cp_document_get_n_repaired (document), ==, 1);
  g_assert_nonnull (notice);
  g_assert_true (g_str_has_prefix (notice, "“broken.txt” has 1 broken character"));
  g_assert_finalize_object (document);

  document = load_ok (cp1252_file, 0);
  g_assert_cmpint (cp_document_get_encoding (document), ==, CP_ENCODING_WINDOWS_1252);
  g_assert_cmpstr (cp_document_get_text (document), ==, "Café and naïve, “quoted”\n");
  g_assert_cmpuint (cp_document_get_n_repaired (document), ==, 0);
  g_assert_null (cp_document_dup_repair_notice (document));
  g_assert_finalize_object (document);
}

/* A link that cannot be followed is said to be one, not a device */
static void
test_broken_links (TmpDir        *fixture,
                   gconstpointer  data)
{
  g_autofree char *loop_a = g_build_filename (fixture->dir, "loop-a.txt", NULL);
  g_autofree char *loop_b = g_build_filename (fixture->dir, "loop-b.txt", NULL);
  g_autofree char *dangling = g_build_filename (fixture->dir, "dangling.txt", NULL);
  const char *links[] = { loop_a, dangling };

  g_assert_cmpint (symlink (loop_b, loop_a), ==, 0);
  g_assert_cmpint (symlink (loop_a, loop_b), ==, 0);
  g_assert_cmpint (symlink ("/nonexistent/review.txt", dangling), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (links[i]);
      g_autofree char *name = g_path_get_basename (links[i]);
      g_autofree char *message = load_error (file, 0, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, name);

      g_assert_nonnull (strstr (message, "link that leads nowhere"));
    }
}

/* }}} */

/* Titles {{{ */

static void
test_empty (TmpDir        *fixture,
            gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "empty.txt", "", 0);
  CpDocument *document = load_ok (file, 0);

  g_assert_cmpint (cp_document_get_encoding (document), ==, CP_ENCODING_UTF8);
  g_assert_cmpstr (cp_document_get_text (document), ==, "");
  g_assert_cmpuint (cp_document_get_length (document), ==, 0);
  g_assert_cmpuint (cp_document_get_n_characters (document), ==, 0);
  g_assert_cmpuint (cp_document_get_n_words (document), ==, 0);
  g_assert_cmpstr (cp_document_get_title (document), ==, "empty.txt");
  g_assert_cmpstr (cp_document_get_name (document), ==, "empty.txt");
  g_assert_cmpuint (cp_document_get_char_offset (document, 0), ==, 0);
  g_assert_cmpuint (cp_document_get_byte_offset (document, 0), ==, 0);
  g_assert_cmpuint (cp_document_get_line (document, 0), ==, 1);
  g_assert_finalize_object (document);
}

static void
test_title_files (void)
{
  g_autoptr(GFile) lines = data_file ("title-blank-lines.txt");
  g_autoptr(GFile) blank = data_file ("blank.txt");
  CpDocument *document;

  document = load_ok (lines, 0);
  g_assert_cmpstr (cp_document_get_title (document), ==, "Lanterns over the quiet canal");
  g_assert_finalize_object (document);

  document = load_ok (blank, 0);
  g_assert_cmpstr (cp_document_get_title (document), ==, "blank.txt");
  g_assert_cmpuint (cp_document_get_n_words (document), ==, 0);
  g_assert_finalize_object (document);
}

static void
test_title_trim (void)
{
  g_autofree char *nbsp = title_of ("\xC2\xA0\xE2\x80\x83 Tide tables\xE3\x80\x80\t\nmore");
  g_autofree char *crlf = title_of ("\r\n\r\n  Low water  \r\nmore");
  g_autofree char *last = title_of ("\n\n  Only the last line");

  /* NBSP, EM SPACE and IDEOGRAPHIC SPACE are trimmed too. */
  g_assert_cmpstr (nbsp, ==, "Tide tables");
  g_assert_cmpstr (crlf, ==, "Low water");
  g_assert_cmpstr (last, ==, "Only the last line");
}

static void
test_title_long (void)
{
  /* The 80th character is a space. */
  const char *space_80 =
    "Eighty characters end right here with a word, and the next character is a space so more";
  /* The 81st character is a space. */
  const char *space_81 =
    "A heading whose eightieth character is a space falls right on a word boundary at this point ok";
  /* A word straddles the 80th character. */
  const char *straddle =
    "The committee reviewed every single submission before deciding on the overall winner";
  /* Exactly 80 characters: kept whole. */
  const char *exact =
    "Exactly eighty characters fit in a title without any ellipsis being added to it.";
  /* Trailing white space after 80 characters is not "more". */
  g_autofree char *exact_padded = g_strconcat (exact, "      \nbody", NULL);
  g_autofree char *word = g_strnfill (200, 'w');
  g_autofree char *word_title = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GString) accents = g_string_new (NULL);

  g_assert_cmpint (g_utf8_strlen (exact, -1), ==, 80);

  title = title_of (space_80);
  g_assert_cmpstr (title, ==,
                   "Eighty characters end right here with a word, and the next character is a space…");
  g_clear_pointer (&title, g_free);

  title = title_of (space_81);
  g_assert_cmpstr (title, ==,
                   "A heading whose eightieth character is a space falls right on a word boundary at…");
  g_assert_cmpint (g_utf8_strlen (title, -1), ==, 81);
  g_clear_pointer (&title, g_free);

  title = title_of (straddle);
  g_assert_cmpstr (title, ==,
                   "The committee reviewed every single submission before deciding on the overall…");
  g_assert_cmpint (g_utf8_strlen (title, -1), <=, 81);
  g_clear_pointer (&title, g_free);

  title = title_of (exact);
  g_assert_cmpstr (title, ==, exact);
  g_clear_pointer (&title, g_free);

  title = title_of (exact_padded);
  g_assert_cmpstr (title, ==, exact);
  g_clear_pointer (&title, g_free);

  /* A single 200-character word is cut hard at 80 characters. */
  word_title = title_of (word);
  g_assert_cmpint (g_utf8_strlen (word_title, -1), ==, 81);
  g_assert_true (g_str_has_suffix (word_title, "…"));
  g_assert_cmpint (strncmp (word_title, word, 80), ==, 0);

  /* Characters, not bytes: 40 two-byte words "éé" separated by spaces. */
  for (guint i = 0; i < 40; i++)
    g_string_append (accents, "éé ");
  title = title_of (accents->str);
  g_assert_cmpint (g_utf8_strlen (title, -1), ==, 26 * 3 + 2 + 1);
  g_assert_true (g_str_has_suffix (title, "éé…"));
  g_clear_pointer (&title, g_free);
}

static void
test_title_blank_text (void)
{
  CpDocument *document = cp_document_new_from_text ("Untitled review", " \n\t\n", -1);

  g_assert_cmpstr (cp_document_get_title (document), ==, "Untitled review");
  g_assert_finalize_object (document);
}

/* }}} */

/* Counts {{{ */

static void
test_counts_words (void)
{
  g_assert_cmpuint (words_in (""), ==, 0);
  g_assert_cmpuint (words_in ("   \n\t "), ==, 0);
  g_assert_cmpuint (words_in ("one two  three"), ==, 3);
  g_assert_cmpuint (words_in ("don’t stop"), ==, 2);
  g_assert_cmpuint (words_in ("l’été naïve-élan"), ==, 2);
  g_assert_cmpuint (words_in ("don't stop"), ==, 2);
  g_assert_cmpuint (words_in ("tofu-dreg"), ==, 1);
  g_assert_cmpuint (words_in ("state-of-the-art kitchen"), ==, 2);
  g_assert_cmpuint (words_in ("rock--roll"), ==, 2);
  g_assert_cmpuint (words_in ("'quoted' - dash -"), ==, 2);
  g_assert_cmpuint (words_in ("‘single’ “double”"), ==, 2);
  g_assert_cmpuint (words_in ("the dogs’ bowls"), ==, 3);
  g_assert_cmpuint (words_in ("COVID-19"), ==, 2);
  g_assert_cmpuint (words_in ("pi is 3.14, e is 2,718"), ==, 6);
  g_assert_cmpuint (words_in ("end. Start"), ==, 2);
  g_assert_cmpuint (words_in ("snake_case and a/b"), ==, 5);
  g_assert_cmpuint (words_in ("Ich weiß, dass das Café geöffnet ist."), ==, 7);
  /* e + COMBINING ACUTE stays one word */
  g_assert_cmpuint (words_in ("cafe\xCC\x81 noir"), ==, 2);
  /* Each Han, Hiragana and Katakana character counts. */
  g_assert_cmpuint (words_in ("日本語を話す"), ==, 6);
  g_assert_cmpuint (words_in ("コーヒーを飲む。"), ==, 7);
  g_assert_cmpuint (words_in ("Tokyo東京 2024年"), ==, 5);
  /* Hangul makes runs like Latin. */
  g_assert_cmpuint (words_in ("한국어 문장입니다"), ==, 2);
  g_assert_cmpuint (words_in ("Ελληνικά και русский"), ==, 3);
}

static void
test_counts_characters (void)
{
  CpDocument *document;

  document = from_text ("naïve café");
  g_assert_cmpuint (cp_document_get_n_characters (document), ==, 10);
  g_assert_cmpuint (cp_document_get_length (document), ==, 12);
  g_assert_finalize_object (document);

  /* Characters are code points: a combining accent is one more. */
  document = from_text ("cafe\xCC\x81");
  g_assert_cmpuint (cp_document_get_n_characters (document), ==, 5);
  g_assert_finalize_object (document);

  document = from_text ("日本 🙂\r\n");
  g_assert_cmpuint (cp_document_get_n_characters (document), ==, 5);
  g_assert_cmpuint (cp_document_get_length (document), ==, 12);
  g_assert_finalize_object (document);
}

/* }}} */

/* Offsets {{{ */

static void
test_offsets (void)
{
  static const char *pieces[] = {
    "Plain ASCII words ", "é", "€", "日本", "🙂", "\n", "tofu-dreg ", "ñandú", "\n\n",
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(CpDocument) document = NULL;
  const char *s;
  gsize n_chars = 0;
  guint line = 1;
  GRand *rand;

  /* A 4-byte character straddling the first block boundary */
  while (text->len < 4094)
    g_string_append_c (text, 'x');
  g_string_append (text, "🙂");

  for (guint i = 0; text->len < 5 * 4096 + 100; i++)
    g_string_append (text, pieces[(i * 7 + i / 3) % G_N_ELEMENTS (pieces)]);

  document = cp_document_new_from_text ("offsets", text->str, text->len);
  s = cp_document_get_text (document);
  g_assert_cmpstr (s, ==, text->str);
  g_assert_cmpuint (cp_document_get_length (document), >, 5 * 4096);

  /* Every character boundary, against a running count */
  for (gsize b = 0; b <= text->len; b = g_utf8_next_char (s + b) - s)
    {
      g_assert_cmpuint (cp_document_get_char_offset (document, b), ==, n_chars);
      g_assert_cmpuint (cp_document_get_byte_offset (document, n_chars), ==, b);
      g_assert_cmpuint (cp_document_get_line (document, b), ==, line);

      if (b == text->len)
        break;
      if (s[b] == '\n')
        line++;
      n_chars++;
    }

  g_assert_cmpuint (n_chars, ==, g_utf8_strlen (s, -1));
  g_assert_cmpuint (cp_document_get_n_characters (document), ==, n_chars);

  /* Random access, against the GLib functions */
  rand = g_rand_new_with_seed (1234);
  for (guint i = 0; i < 2000; i++)
    {
      gsize c = g_rand_int_range (rand, 0, n_chars + 1);
      const char *p = g_utf8_offset_to_pointer (s, c);
      gsize b = p - s;
      guint naive_line = 1;

      for (const char *q = s; q < p; q++)
        naive_line += *q == '\n';

      g_assert_cmpuint (cp_document_get_byte_offset (document, c), ==, b);
      g_assert_cmpuint (cp_document_get_char_offset (document, b), ==, g_utf8_pointer_to_offset (s, p));
      g_assert_cmpuint (cp_document_get_line (document, b), ==, naive_line);
    }
  g_rand_free (rand);

  /* Past the end: clamped */
  g_assert_cmpuint (cp_document_get_char_offset (document, text->len + 50), ==, n_chars);
  g_assert_cmpuint (cp_document_get_byte_offset (document, n_chars + 50), ==, text->len);
  g_assert_cmpuint (cp_document_get_line (document, text->len + 50), ==, line);

  /* The straddling emoji */
  g_assert_cmpuint (cp_document_get_byte_offset (document, 4094), ==, 4094);
  g_assert_cmpuint (cp_document_get_byte_offset (document, 4095), ==, 4098);
  g_assert_cmpuint (cp_document_get_char_offset (document, 4098), ==, 4095);
}

/* }}} */

/* Async {{{ */

static void
load_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (source);
  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static GAsyncResult *
wait_for_load (GFile        *file,
               guint64       max_size,
               GCancellable *cancellable)
{
  GAsyncResult *result = NULL;

  cp_document_new_from_file_async (file, max_size, G_PRIORITY_DEFAULT, cancellable,
                                   load_ready_cb, &result);
  cp_test_wait_for_pointer (&result, "the document to load");

  return result;
}

static void
test_async_success (void)
{
  g_autoptr(GFile) file = data_file ("utf8-bom.txt");
  g_autoptr(GAsyncResult) result = wait_for_load (file, 0, NULL);
  g_autoptr(GError) error = NULL;
  CpDocument *document;

  document = cp_document_new_from_file_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cp_document_get_encoding (document), ==, CP_ENCODING_UTF8_BOM);
  g_assert_cmpstr (cp_document_get_title (document), ==, "Harbour notes");
  g_clear_object (&result);
  g_assert_finalize_object (document);
}

static void
test_async_error (TmpDir        *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "absent.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = wait_for_load (file, 0, NULL);
  g_autoptr(GError) error = NULL;
  CpDocument *document;

  document = cp_document_new_from_file_finish (result, &error);
  g_assert_null (document);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“absent.txt”"));
}

static void
test_async_cancelled (void)
{
  g_autoptr(GFile) file = data_file ("utf8.txt");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CpDocument *document;

  g_cancellable_cancel (cancellable);
  result = wait_for_load (file, 0, cancellable);
  document = cp_document_new_from_file_finish (result, &error);
  g_assert_null (document);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* }}} */

/* From text, properties {{{ */

static void
test_new_from_text (void)
{
  static const char source[] = "Bright morning\r\nwith a lone CR\rhere";
  CpDocument *document;

  document = cp_document_new_from_text ("Pasted notes", source, -1);
  g_assert_null (cp_document_get_file (document));
  g_assert_cmpstr (cp_document_get_name (document), ==, "Pasted notes");
  g_assert_cmpstr (cp_document_get_title (document), ==, "Bright morning");
  g_assert_cmpint (cp_document_get_encoding (document), ==, CP_ENCODING_UTF8);
  g_assert_cmpstr (cp_document_get_text (document), ==, "Bright morning\nwith a lone CR\nhere");
  g_assert_true (cp_document_get_text (document) != source);
  g_assert_cmpuint (cp_document_get_n_words (document), ==, 7);
  g_assert_cmpuint (cp_document_get_line (document, cp_document_get_length (document)), ==, 3);
  g_assert_finalize_object (document);

  /* An explicit length takes a prefix. */
  document = cp_document_new_from_text ("Prefix", source, 6);
  g_assert_cmpstr (cp_document_get_text (document), ==, "Bright");
  g_assert_cmpuint (cp_document_get_length (document), ==, 6);
  g_assert_finalize_object (document);

  /* A CRLF split by the length keeps only the CR, which becomes LF. */
  document = cp_document_new_from_text ("Split", source, 15);
  g_assert_cmpstr (cp_document_get_text (document), ==, "Bright morning\n");
  g_assert_finalize_object (document);
}

static void
test_properties (void)
{
  g_autoptr(GFile) file = data_file ("utf8.txt");
  CpDocument *document = load_ok (file, 0);
  g_autoptr(GFile) prop_file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  CpEncoding encoding;
  guint64 n_characters;
  guint64 n_words;

  g_object_get (document,
                "file", &prop_file,
                "name", &name,
                "title", &title,
                "encoding", &encoding,
                "n-characters", &n_characters,
                "n-words", &n_words,
                NULL);

  g_assert_true (prop_file == file);
  g_assert_cmpstr (name, ==, "utf8.txt");
  g_assert_cmpstr (title, ==, "Café crawl in Montréal");
  g_assert_cmpint (encoding, ==, CP_ENCODING_UTF8);
  g_assert_cmpuint (n_characters, ==, 98);
  g_assert_cmpuint (n_words, ==, 21);
  g_assert_true (G_TYPE_IS_ENUM (CP_TYPE_ENCODING));

  g_clear_object (&prop_file);
  g_assert_finalize_object (document);
}

/* }}} */

/* Long texts {{{ */

/* From 8 MiB the loader splits its work in parts, one thread each, and
 * the middle of the text is always a seam. These texts put a character,
 * a word or a line end across the middle, at every byte of it, and check
 * the counts against a plain character-by-character count. On a machine
 * with one processor there is no seam, and they check the plain path. */

#define FILLER       "lorem ipsum dolor sit amet "
#define FILLER_WORDS 5
#define FILLER_UNITS (8 * 1024 * 1024 / (sizeof FILLER - 1) + 1)

typedef enum
{
  NAIVE_OTHER,
  NAIVE_LETTER,
  NAIVE_DIGIT,
  NAIVE_MARK,
  NAIVE_CJK,
  NAIVE_JOIN_LETTERS,
  NAIVE_JOIN_DIGITS,
} NaiveClass;

/* Enough of the word rules for the characters these tests use */
static NaiveClass
naive_class (gunichar c)
{
  if (c < 0x80 && g_ascii_isalpha (c))
    return NAIVE_LETTER;
  if (c == '\'' || c == '-' || c == 0x2019)
    return NAIVE_JOIN_LETTERS;
  if (c == '.' || c == ',')
    return NAIVE_JOIN_DIGITS;
  if (c >= 0x4E00 && c <= 0x9FFF)
    return NAIVE_CJK;
  if (g_unichar_ismark (c))
    return NAIVE_MARK;
  if (g_unichar_isdigit (c))
    return NAIVE_DIGIT;
  if (g_unichar_isalpha (c))
    return NAIVE_LETTER;

  return NAIVE_OTHER;
}

/* Counts the characters and words of UTF-8 @text (with LF line ends) one
 * character at a time. */
static void
naive_counts (const char *text,
              gsize       length,
              gsize      *n_chars,
              gsize      *n_words)
{
  const char *end = text + length;
  const char *p = text;
  NaiveClass run = NAIVE_OTHER;
  NaiveClass cls = length > 0 ? naive_class (g_utf8_get_char (p)) : NAIVE_OTHER;

  g_assert_true (g_utf8_validate_len (text, length, NULL));
  *n_chars = 0;
  *n_words = 0;

  while (p < end)
    {
      const char *next_p = g_utf8_next_char (p);
      NaiveClass next = next_p < end ? naive_class (g_utf8_get_char (next_p)) : NAIVE_OTHER;

      switch (cls)
        {
        case NAIVE_LETTER:
        case NAIVE_DIGIT:
          if (run != NAIVE_LETTER && run != NAIVE_DIGIT)
            (*n_words)++;
          run = cls;
          break;

        case NAIVE_MARK:
          if (run == NAIVE_OTHER)
            {
              (*n_words)++;
              run = NAIVE_LETTER;
            }
          break;

        case NAIVE_CJK:
          (*n_words)++;
          run = NAIVE_CJK;
          break;

        case NAIVE_JOIN_LETTERS:
          if (run != NAIVE_LETTER || next != NAIVE_LETTER)
            run = NAIVE_OTHER;
          break;

        case NAIVE_JOIN_DIGITS:
          if (run != NAIVE_DIGIT || next != NAIVE_DIGIT)
            run = NAIVE_OTHER;
          break;

        case NAIVE_OTHER:
        default:
          run = NAIVE_OTHER;
          break;
        }

      (*n_chars)++;
      cls = next;
      p = next_p;
    }
}

/* CRLF and lone CR become LF */
static char *
naive_line_ends (const char *text,
                 gsize      *length)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < *length; i++)
    {
      if (text[i] == '\r')
        {
          g_string_append_c (out, '\n');
          if (i + 1 < *length && text[i + 1] == '\n')
            i++;
        }
      else
        g_string_append_c (out, text[i]);
    }

  *length = out->len;

  return g_string_free (out, FALSE);
}

static void
write_big_file (const char *path,
                const char *contents,
                gsize       length)
{
  g_autoptr(GError) error = NULL;

  /* Without G_FILE_SET_CONTENTS_DURABLE: no fsync() for scratch files */
  g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error);
  g_assert_no_error (error);
}

/* Makes @path hold @length bytes of @contents, of which the first @offset
 * are there already. */
static void
rewrite_big_file (const char *path,
                  const char *contents,
                  gsize       offset,
                  gsize       length)
{
  int fd = g_open (path, O_WRONLY | O_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (ftruncate (fd, offset));
  while (offset < length)
    {
      gssize n = pwrite (fd, contents + offset, length - offset, offset);

      g_assert_cmpint (n, >, 0);
      offset += n;
    }
  g_assert_no_errno (close (fd));
}

typedef struct
{
  char  *text;
  gsize  length;
  gsize  n_fillers;
  gsize  n_spaces;
} LongText;

static void
long_text_init (LongText *long_text)
{
  gsize unit = sizeof FILLER - 1;

  /* Room for the fillers on both sides and a snippet up to a filler long */
  long_text->text = g_malloc ((2 * FILLER_UNITS + 2) * unit + 1);
  for (gsize i = 0; i < FILLER_UNITS; i++)
    memcpy (long_text->text + i * unit, FILLER, unit);
}

/* Makes the text FILLER_UNITS fillers, @snippet, spaces, then one filler
 * fewer, so that its middle byte is byte @k of the snippet. */
static void
long_text_place (LongText   *long_text,
                 const char *snippet,
                 gsize       k)
{
  gsize unit = sizeof FILLER - 1;
  gsize snippet_length = strlen (snippet);
  gsize before = FILLER_UNITS * unit;
  char *p = long_text->text + before;

  g_assert_cmpuint (snippet_length, <=, unit);
  g_assert_cmpuint (k, <=, snippet_length);

  long_text->length = 2 * (before + k);
  long_text->n_spaces = unit + 2 * k - snippet_length;
  long_text->n_fillers = 2 * FILLER_UNITS - 1;

  memcpy (p, snippet, snippet_length);
  p += snippet_length;
  memset (p, ' ', long_text->n_spaces);
  p += long_text->n_spaces;
  memcpy (p, long_text->text, before - unit);
  p += before - unit;
  *p = '\0';

  g_assert_cmpuint (p - long_text->text, ==, long_text->length);
  g_assert_cmpuint (long_text->length / 2, ==, before + k);
}

/* Checks @document, made from @long_text around @snippet, against the
 * plain counts. */
static void
check_long_document (CpDocument     *document,
                     const LongText *long_text,
                     const char     *snippet)
{
  gsize unit = sizeof FILLER - 1;
  gsize before = FILLER_UNITS * unit;
  gsize snippet_length = strlen (snippet);
  gsize expected_length = snippet_length;
  g_autofree char *expected = naive_line_ends (snippet, &expected_length);
  const char *text = long_text->text;
  gsize length = long_text->length;
  const char *result = cp_document_get_text (document);
  gsize n_chars;
  gsize n_words;

  naive_counts (expected, expected_length, &n_chars, &n_words);

  g_assert_cmpuint (cp_document_get_length (document), ==,
                    length - snippet_length + expected_length);
  g_assert_cmpint (memcmp (result, text, before), ==, 0);
  g_assert_cmpmem (result + before, expected_length, expected, expected_length);
  g_assert_cmpint (memcmp (result + before + expected_length,
                           text + before + snippet_length,
                           length - before - snippet_length + 1), ==, 0);
  g_assert_cmpuint (cp_document_get_n_characters (document), ==,
                    long_text->n_fillers * unit + long_text->n_spaces + n_chars);
  g_assert_cmpuint (cp_document_get_n_words (document), ==,
                    long_text->n_fillers * FILLER_WORDS + n_words);
}

static void
test_long_seams (TmpDir        *fixture,
                 gconstpointer  data)
{
  /* Each snippet starts and ends outside a word. */
  static const char * const snippets[] = {
    " seamword ",
    " one\r\ntwo ",
    " one\rtwo\r\r\n ",
    " café naïve ",
    " 日本語 ",
    " don’t don't ",
    " 3.14 1,000 ",
    " cafe\xCC\x81s ",
    " 日\xCC\x81\xCC\x81x ",
    " \xCC\x81\xCC\x81x ",
    " x\xF0\x9F\x99\x82y ",
    " tofu-dreg. ",
  };
  g_autofree char *path = g_build_filename (fixture->dir, "long.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LongText long_text;

  long_text_init (&long_text);

  for (guint i = 0; i < G_N_ELEMENTS (snippets); i++)
    {
      gboolean has_cr = strchr (snippets[i], '\r') != NULL;

      for (gsize k = 1; k < strlen (snippets[i]); k++)
        {
          CpDocument *document;

          g_test_message ("snippet %u, middle at byte %" G_GSIZE_FORMAT, i, k);
          long_text_place (&long_text, snippets[i], k);

          /* Only the part from the snippet on changes */
          if (i == 0 && k == 1)
            write_big_file (path, long_text.text, long_text.length);
          else
            rewrite_big_file (path, long_text.text, FILLER_UNITS * (sizeof FILLER - 1),
                              long_text.length);
          document = load_ok (file, 0);
          g_assert_cmpint (cp_document_get_encoding (document), ==, CP_ENCODING_UTF8);
          check_long_document (document, &long_text, snippets[i]);
          g_assert_finalize_object (document);

          /* A text is normalized before it is scanned: without CRs the
           * middle stays in place. Once per snippet is enough for the
           * text's own path. */
          if (!has_cr && k == strlen (snippets[i]) / 2)
            {
              document = cp_document_new_from_text ("long", long_text.text, long_text.length);
              check_long_document (document, &long_text, snippets[i]);
              g_assert_finalize_object (document);
            }
        }
    }

  g_free (long_text.text);
}

/* Fills @length bytes with "lorem ipsum" lines ending in @line_end after
 * @prefix, padded with spaces; returns the number of lines. */
static gsize
fill_lines (char       *text,
            gsize       length,
            const char *prefix,
            const char *line_end)
{
  g_autofree char *line = g_strconcat ("lorem ipsum", line_end, NULL);
  gsize line_length = strlen (line);
  gsize prefix_length = strlen (prefix);
  gsize n_lines = (length - prefix_length) / line_length;
  char *p = text + prefix_length;

  memcpy (text, prefix, prefix_length);
  for (gsize i = 0; i < n_lines; i++, p += line_length)
    memcpy (p, line, line_length);
  memset (p, ' ', text + length - p);

  return n_lines;
}

static void
test_long_page_multiple (TmpDir        *fixture,
                         gconstpointer  data)
{
  /* A size that is a multiple of the page size, and so of the huge page
   * size, with a BOM and CRLF line ends */
  gsize length = 16 * 1024 * 1024;
  g_autofree char *text = g_malloc (length);
  g_autofree char *path = g_build_filename (fixture->dir, "pages.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gsize n_lines = fill_lines (text, length, "\xEF\xBB\xBF", "\r\n");
  gsize expected_length = length - 3 - n_lines;
  const char *result;
  CpDocument *document;

  g_assert_cmpuint (length % 4096, ==, 0);
  write_big_file (path, text, length);
  document = load_ok (file, 0);
  result = cp_document_get_text (document);

  g_assert_cmpint (cp_document_get_encoding (document), ==, CP_ENCODING_UTF8_BOM);
  g_assert_cmpuint (cp_document_get_length (document), ==, expected_length);
  g_assert_cmpuint (strlen (result), ==, expected_length);
  g_assert_cmpuint (cp_document_get_n_characters (document), ==, expected_length);
  g_assert_cmpuint (cp_document_get_n_words (document), ==, 2 * n_lines);
  g_assert_cmpstr (cp_document_get_title (document), ==, "lorem ipsum");
  g_assert_null (strchr (result, '\r'));
  g_assert_cmpint (strncmp (result, "lorem ipsum\nlorem ipsum\n", 24), ==, 0);
  g_assert_cmpint (strncmp (result + n_lines * 12 - 12, "lorem ipsum\n", 12), ==, 0);
  g_assert_cmpuint (cp_document_get_line (document, expected_length), ==, n_lines + 1);
  g_assert_finalize_object (document);

  /* The same without a BOM, with LF line ends */
  n_lines = fill_lines (text, length, "", "\n");
  write_big_file (path, text, length);
  document = load_ok (file, 0);
  g_assert_cmpint (cp_document_get_encoding (document), ==, CP_ENCODING_UTF8);
  g_assert_cmpuint (cp_document_get_length (document), ==, length);
  g_assert_cmpmem (cp_document_get_text (document), length, text, length);
  g_assert_cmpuint (cp_document_get_text (document)[length], ==, '\0');
  g_assert_cmpuint (cp_document_get_n_words (document), ==, 2 * n_lines);
  g_assert_finalize_object (document);
}

static void
test_long_not_utf8 (TmpDir        *fixture,
                    gconstpointer  data)
{
  static const gsize length = 16 * 1024 * 1024 + 5;
  static const gsize middle = length / 2;
  /* Bytes that are not UTF-8 about the middle, where the scan splits, and
   * at the end, with what Windows-1252 makes of them */
  static const struct {
    gsize       place;
    const char *bytes;
    const char *decoded;
  } cases[] = {
    { middle, "\xE9", "é" },
    { middle - 1, "\xE9", "é" },
    { middle - 2, "\x80\x80\x80\x80", "€€€€" },
    { middle - 1, "\xC3\xA9\xA9", "Ã©©" },
    { length - 1, "\xE9", "é" },
  };
  g_autofree char *text = g_malloc (length);
  g_autofree char *path = g_build_filename (fixture->dir, "latin.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *message = NULL;

  fill_lines (text, length, "", "\n");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize place = cases[i].place;
      gsize n_bytes = strlen (cases[i].bytes);
      gsize n_decoded = strlen (cases[i].decoded);
      g_autofree char *saved = g_memdup2 (text + place, n_bytes);
      const char *result;
      CpDocument *document;
      gsize n_chars;
      gsize n_words;

      memcpy (text + place, cases[i].bytes, n_bytes);
      write_big_file (path, text, length);
      document = load_ok (file, 0);
      result = cp_document_get_text (document);

      g_assert_cmpint (cp_document_get_encoding (document), ==, CP_ENCODING_WINDOWS_1252);
      g_assert_cmpuint (cp_document_get_length (document), ==, length - n_bytes + n_decoded);
      g_assert_cmpint (memcmp (result, text, place), ==, 0);
      g_assert_cmpmem (result + place, n_decoded, cases[i].decoded, n_decoded);
      g_assert_cmpint (memcmp (result + place + n_decoded, text + place + n_bytes,
                               length - place - n_bytes), ==, 0);

      naive_counts (result, cp_document_get_length (document), &n_chars, &n_words);
      g_assert_cmpuint (cp_document_get_n_characters (document), ==, length);
      g_assert_cmpuint (cp_document_get_n_characters (document), ==, n_chars);
      g_assert_cmpuint (cp_document_get_n_words (document), ==, n_words);
      g_assert_finalize_object (document);

      memcpy (text + place, saved, n_bytes);
    }

  /* A NUL in the last part still makes it binary */
  text[length - 2] = '\0';
  write_big_file (path, text, length);
  message = load_error (file, 0, CP_ERROR, CP_ERROR_NOT_TEXT, "latin.txt");
}

/* }}} */

/* A document from a comparison file keeps its source file as
 * information: it says that its text is not that file's */
static void
test_embedded (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/review.html");
  CpDocumentInfo info = { .format = "html" };
  g_autoptr(CpDocument) imported = cp_document_new_from_import (file, "review.html", "A text.", -1, &info);
  g_autoptr(CpDocument) pasted = cp_document_new_from_text ("pasted", "A text.", -1);

  g_assert_false (cp_document_is_embedded (imported));
  g_assert_false (cp_document_is_embedded (pasted));
  cp_document_set_embedded (imported, TRUE);
  g_assert_true (cp_document_is_embedded (imported));
  g_assert_true (cp_document_get_file (imported) == file);
  cp_document_set_embedded (imported, FALSE);
  g_assert_false (cp_document_is_embedded (imported));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TMP(path, func) \
  g_test_add ((path), TmpDir, NULL, tmp_dir_setup, (func), tmp_dir_teardown)

  g_test_add_func ("/core/document/encoding/utf8", test_encoding_utf8);
  g_test_add_func ("/core/document/encoding/utf8-bom", test_encoding_utf8_bom);
  ADD_TMP ("/core/document/encoding/utf8-bom-crlf", test_encoding_utf8_bom_crlf);
  ADD_TMP ("/core/document/encoding/utf8-bom-invalid", test_encoding_utf8_bom_invalid);
  ADD_TMP ("/core/document/encoding/utf16le", test_encoding_utf16le);
  ADD_TMP ("/core/document/encoding/utf16be", test_encoding_utf16be);
  ADD_TMP ("/core/document/encoding/utf16-invalid", test_encoding_utf16_invalid);
  ADD_TMP ("/core/document/encoding/windows-1252", test_encoding_windows_1252);
  ADD_TMP ("/core/document/encoding/utf8-edges", test_encoding_utf8_edges);
  g_test_add_func ("/core/document/encoding/to-string", test_encoding_to_string);
  ADD_TMP ("/core/document/line-ends", test_line_ends);
  ADD_TMP ("/core/document/binary/nul", test_binary_nul);
  ADD_TMP ("/core/document/binary/controls", test_binary_controls);
  ADD_TMP ("/core/document/size/too-large", test_size_too_large);
  ADD_TMP ("/core/document/size/exact", test_size_exact);
  g_test_add_func ("/core/document/size/grown", test_size_grown);
  ADD_TMP ("/core/document/refused/missing", test_missing);
  ADD_TMP ("/core/document/refused/directory", test_directory);
  ADD_TMP ("/core/document/refused/unreadable", test_unreadable);
  ADD_TMP ("/core/document/refused/fifo", test_fifo);
  g_test_add_func ("/core/document/refused/device", test_device);
  g_test_add ("/core/document/encoding/wide-without-bom", TmpDir, NULL, tmp_dir_setup, test_encoding_wide_without_bom, tmp_dir_teardown);
  g_test_add ("/core/document/encoding/repaired", TmpDir, NULL, tmp_dir_setup, test_encoding_repaired, tmp_dir_teardown);
  g_test_add ("/core/document/refused/broken-links", TmpDir, NULL, tmp_dir_setup, test_broken_links, tmp_dir_teardown);
  ADD_TMP ("/core/document/empty", test_empty);
  g_test_add_func ("/core/document/title/files", test_title_files);
  g_test_add_func ("/core/document/title/trim", test_title_trim);
  g_test_add_func ("/core/document/title/long", test_title_long);
  g_test_add_func ("/core/document/title/blank-text", test_title_blank_text);
  g_test_add_func ("/core/document/counts/words", test_counts_words);
  g_test_add_func ("/core/document/counts/characters", test_counts_characters);
  g_test_add_func ("/core/document/offsets", test_offsets);
  g_test_add_func ("/core/document/async/success", test_async_success);
  ADD_TMP ("/core/document/async/error", test_async_error);
  g_test_add_func ("/core/document/async/cancelled", test_async_cancelled);
  g_test_add_func ("/core/document/new-from-text", test_new_from_text);
  g_test_add_func ("/core/document/properties", test_properties);
  g_test_add_func ("/core/document/embedded", test_embedded);
  ADD_TMP ("/core/document/long/seams", test_long_seams);
  ADD_TMP ("/core/document/long/page-multiple", test_long_page_multiple);
  ADD_TMP ("/core/document/long/not-utf8", test_long_not_utf8);

#undef ADD_TMP

  return g_test_run ();
}
