/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Zip-based documents: Word (DOCX), OpenDocument text (ODT) and EPUB. The
 * archive is read from memory with libarchive; which format it holds is
 * decided by its contents (ODF's and EPUB's "mimetype" entry, OOXML's
 * package relationships), never by the file's name. Entries are read only
 * when a reader asks for them, each pass over the archive loading a named
 * set, with the inflated sizes capped against zip bombs.
 */

#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>

#include "cp-error.h"
#include "cp-import-zip-private.h"

#define READ_CHUNK     (64 * 1024)
#define MIMETYPE_MAX   256

#define MIME_ODT       "application/vnd.oasis.opendocument.text"
#define MIME_OTT       "application/vnd.oasis.opendocument.text-template"
#define MIME_ODF       "application/vnd.oasis.opendocument."
#define MIME_EPUB      "application/epub+zip"

struct _CpZipArchive
{
  GBytes     *contents;
  char       *display_name;
  GHashTable *entries;   /* entry names, a set */
  GHashTable *loaded;    /* name → GBytes */
  guint64     inflated;  /* bytes inflated so far, over all passes */
};

/* Errors {{{ */

static void
set_damaged_error (GError     **error,
                   const char  *display_name,
                   const char  *detail)
{
  g_debug ("%s: %s", display_name, detail);
  g_set_error (error, CP_ERROR, CP_ERROR_DAMAGED,
               _("“%s” is damaged: its zip archive cannot be read. "
                 "Save it again from the program that made it, or ask for a new copy."),
               display_name);
}

static void
set_too_large_error (GError     **error,
                     const char  *display_name,
                     guint64      limit)
{
  g_autofree char *size = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, CP_ERROR, CP_ERROR_TOO_LARGE,
               _("“%s” unpacks to more than %s, far more than a review could hold "
                 "(is it a “zip bomb”?). Counterpoint does not open it."),
               display_name, size);
}

static void
set_ratio_error (GError     **error,
                 const char  *display_name)
{
  g_set_error (error, CP_ERROR, CP_ERROR_TOO_LARGE,
               /* Translators: %d is a fixed limit, 100 */
               _("“%s” unpacks to more than %d times its own size, which no real "
                 "document does (is it a “zip bomb”?). Counterpoint does not open it."),
               display_name, CP_ZIP_MAX_RATIO);
}

void
cp_zip_set_encrypted_error (GError     **error,
                            const char  *display_name)
{
  g_set_error (error, CP_ERROR, CP_ERROR_ENCRYPTED,
               _("“%s” is password-protected. Open it in the program that made it, "
                 "save a copy without a password, and open that."),
               display_name);
}

void
cp_zip_set_unsupported_error (GError     **error,
                              const char  *display_name)
{
  g_set_error (error, CP_ERROR, CP_ERROR_UNSUPPORTED,
               _("“%s” is a zip archive, not a document Counterpoint reads "
                 "(Word, OpenDocument text or EPUB). Unpack it and open the reviews inside."),
               display_name);
}

void
cp_zip_set_missing_error (GError     **error,
                          const char  *display_name,
                          const char  *name)
{
  g_set_error (error, CP_ERROR, CP_ERROR_DAMAGED,
               _("“%s” is damaged or incomplete: it lacks its part “%s”. "
                 "Save it again from the program that made it, or ask for a new copy."),
               display_name, name);
}

/* A spreadsheet, a presentation or another office document that is not
 * the text of a review */
void
cp_zip_set_kind_error (GError     **error,
                       const char  *display_name,
                       CpZipKind    kind)
{
  switch (kind)
    {
    case CP_ZIP_KIND_SPREADSHEET:
      g_set_error (error, CP_ERROR, CP_ERROR_UNSUPPORTED,
                   _("“%s” is a spreadsheet, not a text document. Copy the review "
                     "into a text document and open that."),
                   display_name);
      break;

    case CP_ZIP_KIND_PRESENTATION:
      g_set_error (error, CP_ERROR, CP_ERROR_UNSUPPORTED,
                   _("“%s” is a presentation, not a text document. Copy the review "
                     "into a text document and open that."),
                   display_name);
      break;

    case CP_ZIP_KIND_TEXT:
    case CP_ZIP_KIND_OTHER:
    default:
      g_set_error (error, CP_ERROR, CP_ERROR_UNSUPPORTED,
                   _("“%s” is an office document of a kind Counterpoint does not read. "
                     "Save the review as a text document (Word or OpenDocument) and open that."),
                   display_name);
      break;
    }
}

/* }}} */

/* The archive {{{ */

static guint64
read_le (const guchar *p,
         guint         n_bytes)
{
  guint64 value = 0;

  for (guint i = n_bytes; i > 0; i--)
    value = (value << 8) | p[i - 1];

  return value;
}

/* How many entries the end-of-central-directory record (or its zip64
 * version) claims, before libarchive reads and keeps them all; -1 when
 * there is no such record (a damaged or cut-short file, read entry by
 * entry). */
static gint64
count_entries (const guchar *data,
               gsize         size)
{
  gsize lowest;

  if (size < 22)
    return -1;

  /* The record is 22 bytes plus a comment of at most 65535 */
  lowest = size > 22 + 65535 ? size - 22 - 65535 : 0;
  for (gsize pos = size - 22; ; pos--)
    {
      if (memcmp (data + pos, "PK\x05\x06", 4) == 0)
        {
          guint64 count = read_le (data + pos + 10, 2);

          /* Zip64: the locator, 20 bytes before, points at the real record */
          if (count == 0xFFFF && pos >= 20 && memcmp (data + pos - 20, "PK\x06\x07", 4) == 0)
            {
              guint64 offset = read_le (data + pos - 20 + 8, 8);

              if (size >= 56 && offset <= size - 56 && memcmp (data + offset, "PK\x06\x06", 4) == 0)
                count = read_le (data + offset + 32, 8);
            }
          return MIN (count, G_MAXINT32);
        }
      if (pos == lowest)
        break;
    }

  return -1;
}

static struct archive *
open_reader (CpZipArchive  *self,
             GError       **error)
{
  struct archive *reader = archive_read_new ();
  gsize size;
  const void *data = g_bytes_get_data (self->contents, &size);

  archive_read_support_format_zip (reader);
  if (archive_read_open_memory (reader, data, size) != ARCHIVE_OK)
    {
      set_damaged_error (error, self->display_name, archive_error_string (reader));
      archive_read_free (reader);
      return NULL;
    }

  return reader;
}

/* The next entry's name, or NULL at the end (with @error set if the
 * archive is damaged). Directories are skipped. */
static const char *
next_entry (CpZipArchive          *self,
            struct archive        *reader,
            struct archive_entry **entry,
            GError               **error)
{
  for (;;)
    {
      int status = archive_read_next_header (reader, entry);
      const char *name;

      if (status == ARCHIVE_EOF)
        return NULL;
      if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
        {
          set_damaged_error (error, self->display_name, archive_error_string (reader));
          return NULL;
        }

      name = archive_entry_pathname_utf8 (*entry);
      if (name == NULL)
        name = archive_entry_pathname (*entry);
      if (name != NULL && name[0] != '\0' && !g_str_has_suffix (name, "/"))
        return name;
    }
}

static GBytes *
read_entry (CpZipArchive          *self,
            struct archive        *reader,
            struct archive_entry  *entry,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autoptr(GByteArray) data = NULL;
  gsize archive_size = g_bytes_get_size (self->contents);
  gint64 declared = archive_entry_size_is_set (entry) ? archive_entry_size (entry) : -1;
  gsize length = 0;

  if (archive_entry_is_encrypted (entry))
    {
      cp_zip_set_encrypted_error (error, self->display_name);
      return NULL;
    }
  if (declared > (gint64) CP_ZIP_MAX_ENTRY_SIZE)
    {
      set_too_large_error (error, self->display_name, CP_ZIP_MAX_ENTRY_SIZE);
      return NULL;
    }

  /* The headers may lie; trust them only for a first allocation */
  data = g_byte_array_sized_new (CLAMP (declared, 0, 8 * 1024 * 1024) + 1);
  for (;;)
    {
      la_ssize_t n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      g_byte_array_set_size (data, length + READ_CHUNK);
      n = archive_read_data (reader, data->data + length, READ_CHUNK);
      if (n < 0)
        {
          set_damaged_error (error, self->display_name, archive_error_string (reader));
          return NULL;
        }
      if (n == 0)
        break;

      length += n;
      self->inflated += n;
      if (length > CP_ZIP_MAX_ENTRY_SIZE)
        {
          set_too_large_error (error, self->display_name, CP_ZIP_MAX_ENTRY_SIZE);
          return NULL;
        }
      if (self->inflated > CP_ZIP_MAX_TOTAL_SIZE)
        {
          set_too_large_error (error, self->display_name, CP_ZIP_MAX_TOTAL_SIZE);
          return NULL;
        }
      if (self->inflated > CP_ZIP_RATIO_FLOOR && self->inflated / CP_ZIP_MAX_RATIO > archive_size)
        {
          set_ratio_error (error, self->display_name);
          return NULL;
        }
    }

  g_byte_array_set_size (data, length);

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/**
 * cp_zip_archive_open:
 * @contents: the whole file
 * @display_name: names the file in error messages
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Lists the entries of a zip archive, reading none of them yet.
 *
 * Returns: (transfer full) (nullable): the archive, or %NULL if it is
 *   damaged or holds too many entries
 */
CpZipArchive *
cp_zip_archive_open (GBytes        *contents,
                     const char    *display_name,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(CpZipArchive) self = g_new0 (CpZipArchive, 1);
  struct archive *reader;
  struct archive_entry *entry;
  const char *name;
  GError *local_error = NULL;
  gsize size;
  const guchar *data = g_bytes_get_data (contents, &size);

  self->contents = g_bytes_ref (contents);
  self->display_name = g_strdup (display_name);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);

  if (count_entries (data, size) > CP_ZIP_MAX_ENTRIES)
    {
      g_set_error (error, CP_ERROR, CP_ERROR_TOO_LARGE,
                   /* Translators: %d is a fixed limit, 20000 */
                   _("“%s” holds more than %d files, more than any document has. "
                     "Counterpoint does not open it."),
                   display_name, CP_ZIP_MAX_ENTRIES);
      return NULL;
    }

  reader = open_reader (self, error);
  if (reader == NULL)
    return NULL;

  while ((name = next_entry (self, reader, &entry, &local_error)) != NULL)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        break;
      if (g_hash_table_size (self->entries) >= CP_ZIP_MAX_ENTRIES)
        {
          g_set_error (&local_error, CP_ERROR, CP_ERROR_TOO_LARGE,
                       _("“%s” holds more than %d files, more than any document has. "
                         "Counterpoint does not open it."),
                       display_name, CP_ZIP_MAX_ENTRIES);
          break;
        }
      if (g_utf8_validate (name, -1, NULL))
        g_hash_table_add (self->entries, g_strdup (name));
    }
  archive_read_free (reader);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
cp_zip_archive_free (CpZipArchive *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->loaded, g_hash_table_unref);
  g_free (self->display_name);
  g_free (self);
}

const char *
cp_zip_archive_get_display_name (CpZipArchive *self)
{
  return self->display_name;
}

/**
 * cp_zip_archive_has:
 * @self: an archive
 * @name: an entry's path in the archive
 *
 * Returns: whether the archive holds a file of that name
 */
gboolean
cp_zip_archive_has (CpZipArchive *self,
                    const char   *name)
{
  return g_hash_table_contains (self->entries, name);
}

/**
 * cp_zip_archive_preload:
 * @self: an archive
 * @names: (array zero-terminated=1): entries to read; those the archive
 *   does not hold are passed over
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Inflates the named entries in one pass over the archive, so that
 * cp_zip_archive_read() finds them in memory.
 *
 * Returns: %FALSE if an entry cannot be read (damaged, encrypted, too
 *   large) or the operation was cancelled
 */
gboolean
cp_zip_archive_preload (CpZipArchive       *self,
                        const char * const *names,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  struct archive *reader;
  struct archive_entry *entry;
  const char *name;
  GError *local_error = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    if (cp_zip_archive_has (self, names[i]) && !g_hash_table_contains (self->loaded, names[i]))
      g_hash_table_add (wanted, (gpointer) names[i]);

  if (g_hash_table_size (wanted) == 0)
    return TRUE;

  reader = open_reader (self, error);
  if (reader == NULL)
    return FALSE;

  while (g_hash_table_size (wanted) > 0 &&
         (name = next_entry (self, reader, &entry, &local_error)) != NULL)
    {
      GBytes *bytes;

      if (!g_hash_table_contains (wanted, name))
        continue;

      bytes = read_entry (self, reader, entry, cancellable, &local_error);
      if (bytes == NULL)
        break;

      g_hash_table_remove (wanted, name);
      g_hash_table_insert (self->loaded, g_strdup (name), bytes);
    }
  archive_read_free (reader);

  if (local_error == NULL && g_hash_table_size (wanted) > 0)
    {
      /* Listed before, gone now: the central directory and the entries
       * disagree */
      set_damaged_error (&local_error, self->display_name, "an entry listed before cannot be found");
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/**
 * cp_zip_archive_read:
 * @self: an archive
 * @name: an entry's path in the archive
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the entry's inflated contents, or
 *   %NULL with @error set (%CP_ERROR_DAMAGED if the archive lacks it)
 */
GBytes *
cp_zip_archive_read (CpZipArchive  *self,
                     const char    *name,
                     GCancellable  *cancellable,
                     GError       **error)
{
  const char *names[] = { name, NULL };
  GBytes *bytes;

  if (!cp_zip_archive_has (self, name))
    {
      cp_zip_set_missing_error (error, self->display_name, name);
      return NULL;
    }
  if (!cp_zip_archive_preload (self, names, cancellable, error))
    return NULL;

  bytes = g_hash_table_lookup (self->loaded, name);
  g_assert (bytes != NULL);

  return g_bytes_ref (bytes);
}

/* }}} */

/* Shared by the readers {{{ */

static gboolean
has_scheme (const char *href)
{
  const char *p = href;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;

  return *p == ':';
}

/**
 * cp_zip_resolve_path:
 * @base_dir: the folder, inside the archive, of the file that refers to
 *   @href ("" for the archive's root)
 * @href: a relative URI reference, as package files give them
 *
 * Returns: (transfer full) (nullable): the entry @href names, without its
 *   fragment, percent escapes decoded; %NULL for a URI outside the archive
 */
char *
cp_zip_resolve_path (const char *base_dir,
                     const char *href)
{
  g_autofree char *path = g_strdup (href);
  g_autofree char *unescaped = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_auto(GStrv) segments = NULL;
  g_autofree char *joined = NULL;

  if (has_scheme (href))
    return NULL;

  path[strcspn (path, "#?")] = '\0';
  unescaped = g_uri_unescape_string (path, NULL);
  if (unescaped == NULL)
    unescaped = g_strdup (path);
  if (unescaped[0] == '\0')
    return NULL;

  joined = unescaped[0] == '/' ? g_strdup (unescaped) : g_strconcat (base_dir, "/", unescaped, NULL);
  segments = g_strsplit (joined, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (segments[i][0] == '\0' || g_str_equal (segments[i], "."))
        continue;
      if (g_str_equal (segments[i], ".."))
        {
          if (parts->len > 0)
            g_ptr_array_remove_index (parts, parts->len - 1);
          continue;
        }
      g_ptr_array_add (parts, segments[i]);
    }
  g_ptr_array_add (parts, NULL);

  return g_strjoinv ("/", (char **) parts->pdata);
}

/**
 * cp_zip_date_part:
 * @value: (nullable): a date as metadata gives it
 *
 * Returns: (transfer full) (nullable): the date of an ISO 8601 date and
 *   time ("2012-07-27T09:30:00Z" → "2012-07-27"); other values as they are
 */
char *
cp_zip_date_part (const char *value)
{
  gsize digits = 0;

  if (value == NULL)
    return NULL;

  while (g_ascii_isdigit (value[digits]) || (value[digits] == '-' && digits > 0))
    digits++;
  if (digits >= 4 && (value[digits] == 'T' || value[digits] == ' '))
    return g_strndup (value, digits);

  return g_strdup (value);
}

void
cp_zip_metadata_clear (CpZipMetadata *metadata)
{
  g_clear_pointer (&metadata->title, g_free);
  g_clear_pointer (&metadata->author, g_free);
  g_clear_pointer (&metadata->site, g_free);
  g_clear_pointer (&metadata->date, g_free);
}

/**
 * cp_zip_document_new:
 * @builder: (transfer full): the text read
 * @file: (nullable): the file it was read from
 * @display_name: the name of the source
 * @format: "docx", "odt" or "epub"
 * @metadata: what the document says of itself
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with
 *   %CP_ERROR_NO_TEXT if @builder holds no text
 */
CpDocument *
cp_zip_document_new (CpTextBuilder        *builder,
                     GFile                *file,
                     const char           *display_name,
                     const char           *format,
                     const CpZipMetadata  *metadata,
                     GError              **error)
{
  CpDocumentInfo info = {
    .format = format,
    .title = metadata->title,
    .author = metadata->author,
    .site = metadata->site,
    .date = metadata->date,
  };
  g_autofree char *text = NULL;
  gsize length;

  text = cp_text_builder_end (builder, &length);
  if (length == 0)
    {
      g_set_error (error, CP_ERROR, CP_ERROR_NO_TEXT,
                   _("“%s” has no text to read (only pictures, or nothing at all). "
                     "Open a document that holds the review’s text."),
                   display_name);
      return NULL;
    }

  return cp_document_new_from_import (file, display_name, text, length, &info);
}

/* }}} */

/* The importer {{{ */

static char *
dup_mimetype (CpZipArchive  *archive,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GBytes) bytes = cp_zip_archive_read (archive, "mimetype", cancellable, error);
  const char *data;
  gsize size;

  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  return g_strstrip (g_strndup (data, MIN (size, MIMETYPE_MAX)));
}

static gboolean
zip_sniff (const guchar *head,
           gsize         head_length,
           const char   *content_type)
{
  return head_length >= 4 && memcmp (head, "PK\x03\x04", 4) == 0;
}

static CpDocument *
zip_import (GBytes        *contents,
            GFile         *file,
            const char    *display_name,
            GCancellable  *cancellable,
            GError       **error)
{
  static const char * const package_files[] = {
    "mimetype", "_rels/.rels", "[Content_Types].xml", "META-INF/container.xml", "META-INF/manifest.xml", NULL,
  };
  g_autoptr(CpZipArchive) archive = NULL;

  archive = cp_zip_archive_open (contents, display_name, cancellable, error);
  if (archive == NULL || !cp_zip_archive_preload (archive, package_files, cancellable, error))
    return NULL;

  /* ODF and EPUB name their format in a "mimetype" entry; OOXML in its
   * package relationships and content types */
  if (cp_zip_archive_has (archive, "mimetype"))
    {
      g_autofree char *mimetype = dup_mimetype (archive, cancellable, error);

      if (mimetype == NULL)
        return NULL;
      if (g_str_equal (mimetype, MIME_EPUB))
        return cp_import_epub (archive, file, cancellable, error);
      if (g_str_equal (mimetype, MIME_ODT) || g_str_equal (mimetype, MIME_OTT))
        return cp_import_odt (archive, file, cancellable, error);
      if (g_str_has_prefix (mimetype, MIME_ODF))
        {
          const char *kind = mimetype + strlen (MIME_ODF);

          g_debug ("%s: %s", display_name, mimetype);
          cp_zip_set_kind_error (error, display_name,
                                 g_str_has_prefix (kind, "spreadsheet") ? CP_ZIP_KIND_SPREADSHEET :
                                 g_str_has_prefix (kind, "presentation") ? CP_ZIP_KIND_PRESENTATION :
                                 CP_ZIP_KIND_OTHER);
          return NULL;
        }
    }

  if (cp_zip_archive_has (archive, "_rels/.rels"))
    return cp_import_docx (archive, file, cancellable, error);
  if (cp_zip_archive_has (archive, "META-INF/container.xml"))
    return cp_import_epub (archive, file, cancellable, error);

  cp_zip_set_unsupported_error (error, display_name);
  return NULL;
}

static const char * const zip_content_types[] = {
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.oasis.opendocument.text",
  "application/epub+zip",
  NULL,
};

const CpImporter cp_zip_importer = {
  .format = "zip",
  .content_types = zip_content_types,
  .sniff = zip_sniff,
  .import = zip_import,
};

/* }}} */
