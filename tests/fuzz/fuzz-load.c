/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Document loading: the loader and every importer. The first byte picks
 * the way in, so that each importer is reached without the fuzzer having
 * to keep its magic bytes intact:
 *
 *   0  cp_document_new_from_bytes(): sniffing, an importer or decoding
 *   1  the HTML importer
 *   2  the PDF importer
 *   3  the zip importer (DOCX, ODT, EPUB) on the bytes as they are
 *   4  the zip importer on an archive built from the input: entries
 *      separated by NUL bytes, each its name, a line end, its contents,
 *      so that the XML of a DOCX, ODT or EPUB is fuzzed, not its deflate
 *   5  text decoding alone (cp_document_decode_bytes())
 *   6  cp_document_new_from_file() on a file of the bytes, with a small
 *      size limit: the regular-file and size checks
 *
 * Errors are fine; a crash, a hang, an out-of-bounds read, a warning or a
 * document that breaks its own promises (fuzz_check_document()) is not.
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cp-error.h"
#include "cp-import.h"
#include "cp-import-private.h"
#include "fuzz-common.h"

#define MAX_ENTRIES 24
#define FILE_MAX_SIZE 16384

enum
{
  WAY_BYTES,
  WAY_HTML,
  WAY_PDF,
  WAY_ZIP,
  WAY_ZIP_BUILT,
  WAY_DECODE,
  WAY_FILE,
  N_WAYS
};

static GBytes *
build_zip (const uint8_t *data,
           size_t         size)
{
  g_autoptr(GArray) parts = fuzz_split (data, size, MAX_ENTRIES);
  struct archive *a = archive_write_new ();
  gsize buffer_size = size + 512 + parts->len * 256;
  guchar *buffer = g_malloc (buffer_size);
  size_t used = 0;

  archive_write_set_format_zip (a);
  archive_write_zip_set_compression_store (a);
  archive_write_set_bytes_in_last_block (a, 1);
  if (archive_write_open_memory (a, buffer, buffer_size, &used) != ARCHIVE_OK)
    g_error ("archive_write_open_memory: %s", archive_error_string (a));

  for (guint i = 0; i < parts->len; i++)
    {
      const FuzzPart *part = &g_array_index (parts, FuzzPart, i);
      const char *newline = memchr (part->data, '\n', part->length);
      g_autofree char *name = NULL;
      const char *contents = "";
      gsize length = 0;
      struct archive_entry *entry;

      if (newline != NULL)
        {
          name = g_strndup (part->data, newline - part->data);
          contents = newline + 1;
          length = part->length - (newline + 1 - part->data);
        }
      else
        name = g_strndup (part->data, part->length);
      if (name[0] == '\0')
        continue;

      entry = archive_entry_new ();
      archive_entry_set_pathname (entry, name);
      archive_entry_set_size (entry, length);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      if (archive_write_header (a, entry) == ARCHIVE_OK && length > 0)
        archive_write_data (a, contents, length);
      archive_entry_free (entry);
    }

  archive_write_close (a);
  archive_write_free (a);

  return g_bytes_new_take (buffer, used);
}

static void
check_result (CpDocument *document,
              GError     *error)
{
  if (document != NULL)
    {
      g_assert_no_error (error);
      fuzz_check_document (document);
      g_object_unref (document);
    }
  else
    {
      /* A failure says what happened, in a sentence */
      g_assert_nonnull (error);
      g_assert_nonnull (error->message);
      if (!g_utf8_validate (error->message, -1, NULL))
        g_error ("an error message is not UTF-8: %s", g_strescape (error->message, NULL));
      g_error_free (error);
    }
}

static char *path;

static void
remove_file (void)
{
  g_unlink (path);
}

static void
load_file (GBytes *contents)
{
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;
  CpDocument *document;

  if (path == NULL)
    {
      int fd = g_file_open_tmp ("cp-fuzz-load-XXXXXX.txt", &path, &error);

      g_assert_no_error (error);
      close (fd);
      atexit (remove_file);
    }
  if (!g_file_set_contents (path, g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), &error))
    g_error ("%s", error->message);

  file = g_file_new_for_path (path);
  document = cp_document_new_from_file (file, FILE_MAX_SIZE, NULL, &error);
  if (g_bytes_get_size (contents) > FILE_MAX_SIZE)
    {
      g_assert_null (document);
      g_assert_error (error, CP_ERROR, CP_ERROR_TOO_LARGE);
    }
  check_result (document, error);
}

static void
decode (GBytes *contents)
{
  GError *error = NULL;
  CpEncoding encoding;
  gsize length = 0;
  g_autofree char *text = NULL;

  text = cp_document_decode_bytes (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents),
                                   "fuzz.txt", &encoding, &length, &error);
  if (text != NULL)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (strlen (text), ==, length);
      g_assert_true (g_utf8_validate_len (text, length, NULL));
      g_assert_nonnull (cp_encoding_to_string (encoding));
    }
  else
    {
      g_assert_nonnull (error);
      g_error_free (error);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) contents = NULL;
  const CpImporter *importer = NULL;
  CpDocument *document;
  GError *error = NULL;
  guint way;

  fuzz_init ();
  cp_import_register_all ();

  if (size == 0)
    return 0;

  way = data[0] % N_WAYS;
  if (way == WAY_ZIP_BUILT)
    contents = build_zip (data + 1, size - 1);
  else
    contents = g_bytes_new (data + 1, size - 1);

  switch (way)
    {
    case WAY_BYTES:
      /* The call first: the order in which arguments are evaluated is
       * unspecified, and check_result () needs the error it sets */
      document = cp_document_new_from_bytes (contents, "fuzz input", NULL, &error);
      check_result (document, error);
      return 0;
    case WAY_DECODE:
      decode (contents);
      return 0;
    case WAY_FILE:
      load_file (contents);
      return 0;
    case WAY_HTML:
      importer = &cp_html_importer;
      break;
    case WAY_PDF:
      importer = &cp_pdf_importer;
      break;
    case WAY_ZIP:
    case WAY_ZIP_BUILT:
      importer = &cp_zip_importer;
      break;
    default:
      g_assert_not_reached ();
    }

  document = importer->import (contents, NULL, "fuzz input", NULL, &error);
  check_result (document, error);

  return 0;
}
