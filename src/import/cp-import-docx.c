/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Word documents (Office Open XML, DOCX). The package's relationships
 * (_rels/.rels) name the main part and the core properties; the content
 * types say whether the main part is a word-processing document at all.
 * The main part is streamed: each w:p is a paragraph (headings and table
 * cells included), text is w:t, w:tab a space, w:br and w:cr line breaks.
 * What a reader of the printed page does not see is left out: deleted
 * text (w:del, w:moveFrom), hidden runs (w:vanish), field codes, text
 * boxes and drawings, and a table of contents. Notes, comments, headers
 * and footers live in other parts, which are not read.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cp-error.h"
#include "cp-import-zip-private.h"

#define W_NS           "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_STRICT_NS    "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS          "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define RELS_NS        "http://schemas.openxmlformats.org/package/2006/relationships"
#define TYPES_NS       "http://schemas.openxmlformats.org/package/2006/content-types"
#define CORE_NS        "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
#define DCTERMS_NS     "http://purl.org/dc/terms/"
#define INSTR_MAX      16

/* The package {{{ */

/* The target of the package relationship whose type ends with @type_suffix
 * (transitional and strict OOXML differ in the start of the type) */
static char *
find_relationship (xmlDoc     *rels,
                   const char *type_suffix)
{
  xmlNode *root = xmlDocGetRootElement (rels);

  for (xmlNode *node = root; node != NULL; node = cp_xml_next (node, root))
    {
      g_autofree char *type = NULL;
      g_autofree char *target = NULL;
      g_autofree char *mode = NULL;

      if (!cp_xml_is (node, RELS_NS, "Relationship"))
        continue;

      type = cp_xml_dup_attr (node, "Type", NULL);
      target = cp_xml_dup_attr (node, "Target", NULL);
      mode = cp_xml_dup_attr (node, "TargetMode", NULL);
      if (type != NULL && target != NULL && g_str_has_suffix (type, type_suffix) &&
          (mode == NULL || g_ascii_strcasecmp (mode, "External") != 0))
        return cp_zip_resolve_path ("", target);
    }

  return NULL;
}

/* The content type of part @name: an override for the part, else the
 * default for its extension (both matched without regard to ASCII case,
 * as OPC says) */
static char *
find_content_type (xmlDoc     *types,
                   const char *name)
{
  xmlNode *root = xmlDocGetRootElement (types);
  g_autofree char *part_name = g_strconcat ("/", name, NULL);
  const char *extension = strrchr (name, '.');
  char *by_extension = NULL;

  for (xmlNode *node = root; node != NULL; node = cp_xml_next (node, root))
    {
      if (cp_xml_is (node, TYPES_NS, "Override"))
        {
          g_autofree char *part = cp_xml_dup_attr (node, "PartName", NULL);

          if (part != NULL && g_ascii_strcasecmp (part, part_name) == 0)
            {
              g_free (by_extension);
              return cp_xml_dup_attr (node, "ContentType", NULL);
            }
        }
      else if (cp_xml_is (node, TYPES_NS, "Default") && extension != NULL && by_extension == NULL)
        {
          g_autofree char *ext = cp_xml_dup_attr (node, "Extension", NULL);

          if (ext != NULL && g_ascii_strcasecmp (ext, extension + 1) == 0)
            by_extension = cp_xml_dup_attr (node, "ContentType", NULL);
        }
    }

  return by_extension;
}

static CpZipKind
classify_package (const char *content_type,
                  const char *main_part)
{
  if (content_type != NULL)
    {
      if (strstr (content_type, "wordprocessingml") != NULL || g_str_has_prefix (content_type, "application/vnd.ms-word."))
        return CP_ZIP_KIND_TEXT;
      if (strstr (content_type, "spreadsheetml") != NULL || g_str_has_prefix (content_type, "application/vnd.ms-excel."))
        return CP_ZIP_KIND_SPREADSHEET;
      if (strstr (content_type, "presentationml") != NULL || g_str_has_prefix (content_type, "application/vnd.ms-powerpoint."))
        return CP_ZIP_KIND_PRESENTATION;
      if (!g_str_equal (content_type, "application/xml"))
        return CP_ZIP_KIND_OTHER;
    }

  /* No type, or only the default for .xml: where Office puts each kind */
  if (g_str_has_prefix (main_part, "word/"))
    return CP_ZIP_KIND_TEXT;
  if (g_str_has_prefix (main_part, "xl/"))
    return CP_ZIP_KIND_SPREADSHEET;
  if (g_str_has_prefix (main_part, "ppt/"))
    return CP_ZIP_KIND_PRESENTATION;

  return CP_ZIP_KIND_OTHER;
}

/* }}} */

/* The body {{{ */

typedef struct
{
  CpXmlStream   *stream;
  CpTextBuilder *builder;
  const char    *ns;            /* the document's namespace, transitional or strict */
  gboolean       in_text;       /* inside w:t */
  gboolean       in_run;        /* inside w:r */
  gboolean       run_hidden;    /* the run has w:vanish */
  gboolean       in_instr;      /* inside w:instrText */
  guint          field_depth;   /* complex fields open (w:fldChar begin) */
  guint          toc_depth;     /* field depth of a table of contents being passed over, or 0 */
  GString       *instr;         /* the innermost field's code, its start */
} DocxWalk;

static gboolean
is_toc_code (const char *code)
{
  while (*code == ' ')
    code++;

  return g_ascii_strncasecmp (code, "TOC", 3) == 0 && (code[3] == '\0' || code[3] == ' ');
}

static gboolean
is_off (const char *value)
{
  return value != NULL && (g_str_equal (value, "0") || g_str_equal (value, "false") || g_str_equal (value, "off"));
}

static char *
dup_w_attr (DocxWalk   *walk,
            const char *name)
{
  return cp_xml_dup_attr (xmlTextReaderCurrentNode (cp_xml_stream_get_reader (walk->stream)), name, walk->ns);
}

static gboolean
showing (DocxWalk *walk)
{
  return walk->in_run && !walk->run_hidden && walk->toc_depth == 0;
}

static void
field_char (DocxWalk *walk)
{
  g_autofree char *type = dup_w_attr (walk, "fldCharType");

  if (type == NULL)
    return;

  if (g_str_equal (type, "begin"))
    {
      walk->field_depth++;
      g_string_truncate (walk->instr, 0);
    }
  else if (g_str_equal (type, "separate"))
    {
      /* The field's result follows: a table of contents is passed over */
      if (walk->toc_depth == 0 && walk->field_depth > 0 && is_toc_code (walk->instr->str))
        walk->toc_depth = walk->field_depth;
    }
  else if (g_str_equal (type, "end") && walk->field_depth > 0)
    {
      if (walk->toc_depth == walk->field_depth)
        walk->toc_depth = 0;
      walk->field_depth--;
    }
}

/* An element of the w: namespace starts; @empty when it has no content */
static void
docx_start (DocxWalk   *walk,
            const char *name,
            gboolean    empty)
{
  static const char * const skipped[] = {
    "del", "moveFrom", "pPr", "sectPr", "drawing", "pict", "object", "sdtPr",
    "rt", "footnoteReference", "endnoteReference", "commentReference", NULL,
  };

  if (g_strv_contains (skipped, name))
    {
      cp_xml_stream_skip (walk->stream);
      return;
    }

  if (g_str_equal (name, "t"))
    walk->in_text = !empty;
  else if (g_str_equal (name, "r"))
    {
      walk->in_run = !empty;
      walk->run_hidden = FALSE;
    }
  else if (g_str_equal (name, "p"))
    cp_text_builder_end_paragraph (walk->builder);
  else if (g_str_equal (name, "vanish") || g_str_equal (name, "webHidden"))
    {
      g_autofree char *value = dup_w_attr (walk, "val");

      /* Only runs' properties are read: paragraph properties are skipped */
      if (walk->in_run && !is_off (value))
        walk->run_hidden = TRUE;
    }
  else if (g_str_equal (name, "instrText"))
    walk->in_instr = !empty;
  else if (g_str_equal (name, "fldChar"))
    field_char (walk);
  else if (g_str_equal (name, "fldSimple"))
    {
      g_autofree char *code = dup_w_attr (walk, "instr");

      if (code != NULL && is_toc_code (code))
        cp_xml_stream_skip (walk->stream);
    }
  else if (!showing (walk))
    return;
  else if (g_str_equal (name, "tab") || g_str_equal (name, "ptab"))
    cp_text_builder_append (walk->builder, " ", 1);
  else if (g_str_equal (name, "noBreakHyphen"))
    cp_text_builder_append (walk->builder, "-", 1);
  else if (g_str_equal (name, "cr"))
    cp_text_builder_line_break (walk->builder);
  else if (g_str_equal (name, "br"))
    {
      g_autofree char *type = dup_w_attr (walk, "type");

      /* A page or column break is not a line of the text */
      if (type == NULL || g_str_equal (type, "textWrapping"))
        cp_text_builder_line_break (walk->builder);
      else
        cp_text_builder_append (walk->builder, " ", 1);
    }
}

static void
docx_end (DocxWalk   *walk,
          const char *name)
{
  if (g_str_equal (name, "t"))
    walk->in_text = FALSE;
  else if (g_str_equal (name, "r"))
    walk->in_run = walk->run_hidden = FALSE;
  else if (g_str_equal (name, "p"))
    cp_text_builder_end_paragraph (walk->builder);
  else if (g_str_equal (name, "instrText"))
    walk->in_instr = FALSE;
}

static void
docx_text (DocxWalk *walk)
{
  const char *text = (const char *) xmlTextReaderConstValue (cp_xml_stream_get_reader (walk->stream));

  if (text == NULL)
    return;

  if (walk->in_text && showing (walk))
    cp_text_builder_append (walk->builder, text, -1);
  else if (walk->in_instr && walk->instr->len < INSTR_MAX)
    g_string_append_len (walk->instr, text, MIN (strlen (text), INSTR_MAX - walk->instr->len));
}

static gboolean
read_body (CpZipArchive   *archive,
           const char     *name,
           CpTextBuilder  *builder,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autoptr(GBytes) part = NULL;
  g_autoptr(CpXmlStream) stream = NULL;
  g_autoptr(GString) instr = g_string_new (NULL);
  DocxWalk walk = { 0 };
  xmlTextReaderPtr reader;
  int status;

  part = cp_zip_archive_read (archive, name, cancellable, error);
  if (part == NULL)
    return FALSE;

  stream = cp_xml_stream_new (part, name, cp_zip_archive_get_display_name (archive), cancellable);
  reader = cp_xml_stream_get_reader (stream);
  walk.stream = stream;
  walk.builder = builder;
  walk.instr = instr;

  while ((status = cp_xml_stream_read (stream, error)) > 0)
    {
      int type = xmlTextReaderNodeType (reader);
      const char *uri = (const char *) xmlTextReaderConstNamespaceUri (reader);
      const char *local = (const char *) xmlTextReaderConstLocalName (reader);

      if (walk.ns == NULL && type == XML_READER_TYPE_ELEMENT)
        {
          /* The root: w:document, transitional or strict */
          if (uri != NULL && g_str_equal (local, "document") &&
              (g_str_equal (uri, W_NS) || g_str_equal (uri, W_STRICT_NS)))
            {
              walk.ns = g_str_equal (uri, W_NS) ? W_NS : W_STRICT_NS;
              continue;
            }
          cp_zip_set_kind_error (error, cp_zip_archive_get_display_name (archive), CP_ZIP_KIND_OTHER);
          return FALSE;
        }

      switch (type)
        {
        case XML_READER_TYPE_ELEMENT:
          if (uri != NULL && g_str_equal (uri, walk.ns))
            docx_start (&walk, local, xmlTextReaderIsEmptyElement (reader));
          else if (uri != NULL && g_str_equal (uri, MC_NS) && g_str_equal (local, "Fallback"))
            cp_xml_stream_skip (stream);  /* the same content as its mc:Choice */
          break;

        case XML_READER_TYPE_END_ELEMENT:
          if (uri != NULL && g_str_equal (uri, walk.ns))
            docx_end (&walk, local);
          break;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          docx_text (&walk);
          break;

        default:
          break;
        }
    }

  return status == 0;
}

/* }}} */

static void
read_core_properties (CpZipArchive  *archive,
                      const char    *name,
                      CpZipMetadata *metadata,
                      GCancellable  *cancellable)
{
  g_autoptr(xmlDoc) doc = cp_xml_parse_metadata (archive, name, cancellable);
  g_autofree char *created = NULL;
  g_autofree char *modified = NULL;
  xmlNode *root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;

  if (!cp_xml_is (root, CORE_NS, "coreProperties"))
    return;

  metadata->title = cp_xml_find_text (root, CP_XML_NS_DC, "title");
  metadata->author = cp_xml_find_text (root, CP_XML_NS_DC, "creator");
  created = cp_xml_find_text (root, DCTERMS_NS, "created");
  modified = cp_xml_find_text (root, DCTERMS_NS, "modified");
  metadata->date = cp_zip_date_part (created != NULL ? created : modified);
}

/**
 * cp_import_docx:
 * @archive: a zip archive with OOXML package relationships
 * @file: (nullable): the file it was read from
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the Word document's text and
 *   metadata; %CP_ERROR_UNSUPPORTED for a spreadsheet, a presentation or
 *   another kind of package
 */
CpDocument *
cp_import_docx (CpZipArchive  *archive,
                GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  const char *display_name = cp_zip_archive_get_display_name (archive);
  g_autoptr(xmlDoc) rels = NULL;
  g_autofree char *main_part = NULL;
  g_autofree char *core = NULL;
  g_autofree char *content_type = NULL;
  g_autoptr(CpTextBuilder) builder = NULL;
  g_auto(CpZipMetadata) metadata = { NULL, };
  CpZipKind kind;

  rels = cp_xml_parse_part (archive, "_rels/.rels", cancellable, error);
  if (rels == NULL)
    return NULL;

  main_part = find_relationship (rels, "/officeDocument");
  core = find_relationship (rels, "/metadata/core-properties");
  if (main_part == NULL)
    {
      cp_zip_set_unsupported_error (error, display_name);
      return NULL;
    }

  if (cp_zip_archive_has (archive, "[Content_Types].xml"))
    {
      g_autoptr(xmlDoc) types = cp_xml_parse_part (archive, "[Content_Types].xml", cancellable, error);

      if (types == NULL)
        return NULL;
      content_type = find_content_type (types, main_part);
    }

  kind = classify_package (content_type, main_part);
  if (kind != CP_ZIP_KIND_TEXT)
    {
      cp_zip_set_kind_error (error, display_name, kind);
      return NULL;
    }
  if (!cp_zip_archive_has (archive, main_part))
    {
      cp_zip_set_missing_error (error, display_name, main_part);
      return NULL;
    }

  {
    const char *parts[] = { main_part, core, NULL };

    if (!cp_zip_archive_preload (archive, parts, cancellable, error))
      return NULL;
  }

  builder = cp_text_builder_new ();
  if (!read_body (archive, main_part, builder, cancellable, error))
    return NULL;

  read_core_properties (archive, core, &metadata, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return cp_zip_document_new (g_steal_pointer (&builder), file, display_name, "docx", &metadata, error);
}
