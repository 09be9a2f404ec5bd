/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * OpenDocument text (ODT). content.xml is streamed: text:p and text:h are
 * paragraphs (list items and table cells hold them), text:span and links
 * are inline, text:s a space, text:tab a space, text:line-break a line
 * break. Left out, as a reader of the page does not read them as the
 * text: tracked deletions (text:tracked-changes), comments
 * (office:annotation), footnotes and endnotes (text:note), tables of
 * contents and other indexes, and frames (text boxes, pictures). meta.xml
 * gives the title, author and date.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cp-error.h"
#include "cp-import-zip-private.h"

#define OFFICE_NS    "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define TEXT_NS      "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define DRAW_NS      "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define META_NS      "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define MANIFEST_NS  "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

typedef struct
{
  CpXmlStream   *stream;
  CpTextBuilder *builder;
  gboolean       in_body;         /* inside office:text */
  guint          paragraph_depth; /* text:p and text:h open */
} OdtWalk;

static void
odt_start (OdtWalk    *walk,
           const char *ns,
           const char *name,
           gboolean    empty)
{
  static const char * const skipped_text[] = {
    "tracked-changes", "note", "table-of-content", "alphabetical-index", "bibliography",
    "illustration-index", "table-index", "object-index", "user-index", "ruby-text",
    "sequence-decls", "variable-decls", "user-field-decls", "dde-connection-decls", NULL,
  };

  if (g_str_equal (ns, OFFICE_NS))
    {
      if (g_str_equal (name, "text"))
        walk->in_body = !empty;
      else if (g_str_equal (name, "annotation") || g_str_equal (name, "forms"))
        cp_xml_stream_skip (walk->stream);
      return;
    }

  /* Frames hold pictures, text boxes and objects; a link (draw:a) around
   * one is inline */
  if (g_str_equal (ns, DRAW_NS))
    {
      if (!g_str_equal (name, "a"))
        cp_xml_stream_skip (walk->stream);
      return;
    }

  if (!g_str_equal (ns, TEXT_NS) || !walk->in_body)
    return;

  if (g_strv_contains (skipped_text, name))
    cp_xml_stream_skip (walk->stream);
  else if (g_str_equal (name, "p") || g_str_equal (name, "h"))
    {
      cp_text_builder_end_paragraph (walk->builder);
      if (!empty)
        walk->paragraph_depth++;
    }
  else if (walk->paragraph_depth == 0)
    return;
  else if (g_str_equal (name, "s") || g_str_equal (name, "tab"))
    cp_text_builder_append (walk->builder, " ", 1);
  else if (g_str_equal (name, "line-break"))
    cp_text_builder_line_break (walk->builder);
}

static void
odt_end (OdtWalk    *walk,
         const char *ns,
         const char *name)
{
  if (g_str_equal (ns, OFFICE_NS) && g_str_equal (name, "text"))
    walk->in_body = FALSE;
  else if (g_str_equal (ns, TEXT_NS) && (g_str_equal (name, "p") || g_str_equal (name, "h")) &&
           walk->paragraph_depth > 0)
    {
      walk->paragraph_depth--;
      cp_text_builder_end_paragraph (walk->builder);
    }
}

static gboolean
read_content (CpZipArchive   *archive,
              CpTextBuilder  *builder,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autoptr(GBytes) part = NULL;
  g_autoptr(CpXmlStream) stream = NULL;
  OdtWalk walk = { 0 };
  xmlTextReaderPtr reader;
  gboolean seen_root = FALSE;
  int status;

  part = cp_zip_archive_read (archive, "content.xml", cancellable, error);
  if (part == NULL)
    return FALSE;

  stream = cp_xml_stream_new (part, "content.xml", cp_zip_archive_get_display_name (archive), cancellable);
  reader = cp_xml_stream_get_reader (stream);
  walk.stream = stream;
  walk.builder = builder;

  while ((status = cp_xml_stream_read (stream, error)) > 0)
    {
      int type = xmlTextReaderNodeType (reader);
      const char *uri = (const char *) xmlTextReaderConstNamespaceUri (reader);
      const char *local = (const char *) xmlTextReaderConstLocalName (reader);

      if (!seen_root && type == XML_READER_TYPE_ELEMENT)
        {
          seen_root = TRUE;
          if (!cp_xml_stream_is (stream, OFFICE_NS, "document-content"))
            {
              cp_zip_set_missing_error (error, cp_zip_archive_get_display_name (archive), "content.xml");
              return FALSE;
            }
          continue;
        }

      switch (type)
        {
        case XML_READER_TYPE_ELEMENT:
          if (uri != NULL)
            odt_start (&walk, uri, local, xmlTextReaderIsEmptyElement (reader));
          break;

        case XML_READER_TYPE_END_ELEMENT:
          if (uri != NULL)
            odt_end (&walk, uri, local);
          break;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          if (walk.in_body && walk.paragraph_depth > 0)
            cp_text_builder_append (builder, (const char *) xmlTextReaderConstValue (reader), -1);
          break;

        default:
          break;
        }
    }

  return status == 0;
}

/* Whether the manifest says content.xml is encrypted (a password) */
static gboolean
is_encrypted (CpZipArchive  *archive,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(xmlDoc) manifest = NULL;
  xmlNode *root;

  if (!cp_zip_archive_has (archive, "META-INF/manifest.xml"))
    return FALSE;

  manifest = cp_xml_parse_part (archive, "META-INF/manifest.xml", cancellable, error);
  if (manifest == NULL)
    return FALSE;

  root = xmlDocGetRootElement (manifest);
  for (xmlNode *node = root; node != NULL; node = cp_xml_next (node, root))
    {
      g_autofree char *path = NULL;

      if (!cp_xml_is (node, MANIFEST_NS, "file-entry"))
        continue;
      path = cp_xml_dup_attr (node, "full-path", MANIFEST_NS);
      if (path != NULL && g_str_equal (path, "content.xml"))
        return cp_xml_find (node, MANIFEST_NS, "encryption-data") != NULL;
    }

  return FALSE;
}

static void
read_meta (CpZipArchive  *archive,
           CpZipMetadata *metadata,
           GCancellable  *cancellable)
{
  g_autoptr(xmlDoc) doc = cp_xml_parse_metadata (archive, "meta.xml", cancellable);
  g_autofree char *created = NULL;
  g_autofree char *date = NULL;
  xmlNode *meta = doc != NULL ? cp_xml_find (xmlDocGetRootElement (doc), OFFICE_NS, "meta") : NULL;

  if (meta == NULL)
    return;

  metadata->title = cp_xml_find_text (meta, CP_XML_NS_DC, "title");
  metadata->author = cp_xml_find_text (meta, META_NS, "initial-creator");
  if (metadata->author == NULL)
    metadata->author = cp_xml_find_text (meta, CP_XML_NS_DC, "creator");
  created = cp_xml_find_text (meta, META_NS, "creation-date");
  date = cp_xml_find_text (meta, CP_XML_NS_DC, "date");
  metadata->date = cp_zip_date_part (created != NULL ? created : date);
}

/**
 * cp_import_odt:
 * @archive: a zip archive whose mimetype is OpenDocument text
 * @file: (nullable): the file it was read from
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the document's text and metadata
 */
CpDocument *
cp_import_odt (CpZipArchive  *archive,
               GFile         *file,
               GCancellable  *cancellable,
               GError       **error)
{
  static const char * const parts[] = { "content.xml", "meta.xml", NULL };
  const char *display_name = cp_zip_archive_get_display_name (archive);
  g_autoptr(CpTextBuilder) builder = NULL;
  g_auto(CpZipMetadata) metadata = { NULL, };
  GError *local_error = NULL;

  if (is_encrypted (archive, cancellable, &local_error))
    {
      cp_zip_set_encrypted_error (error, display_name);
      return NULL;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  if (!cp_zip_archive_preload (archive, parts, cancellable, error))
    return NULL;

  builder = cp_text_builder_new ();
  if (!read_content (archive, builder, cancellable, error))
    return NULL;

  read_meta (archive, &metadata, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return cp_zip_document_new (g_steal_pointer (&builder), file, display_name, "odt", &metadata, error);
}
