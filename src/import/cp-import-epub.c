/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * E-books (EPUB 2 and 3). META-INF/container.xml names the package file
 * (OPF); its spine gives the reading order of the XHTML content documents.
 * Items marked linear="no", the navigation document, the NCX and a table
 * of contents named by the guide are not the text and are passed over.
 * Each content document is read with libxml2's XML parser, and with its
 * HTML parser when it is not well-formed XML (as many are); both go
 * through one walk: block elements (p, h1–h6, li, blockquote, ...) are
 * paragraphs; head, scripts, styles, navigation, footnotes and page-break
 * markers are left out. The OPF's Dublin Core metadata gives the title,
 * author, date and publisher.
 *
 * This walk is deliberately simple: an e-book's chapters hold the text
 * and little else, unlike a web page.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>

#include "cp-error.h"
#include "cp-import-zip-private.h"

#define CONTAINER_NS   "urn:oasis:names:tc:opendocument:xmlns:container"
#define OPF_NS         "http://www.idpf.org/2007/opf"
#define XHTML_NS       "http://www.w3.org/1999/xhtml"
#define EPUB_NS        "http://www.idpf.org/2007/ops"
#define XMLENC_NS      "http://www.w3.org/2001/04/xmlenc#"

#define HTML_OPTIONS   (HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING)

/* The package file {{{ */

typedef struct
{
  char *id;
  char *path;
  char *media_type;
  char *properties;
} Item;

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->id);
  g_free (item->path);
  g_free (item->media_type);
  g_free (item->properties);
  g_free (item);
}

static char *
find_package_path (CpZipArchive  *archive,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(xmlDoc) container = NULL;
  g_autofree char *fallback = NULL;
  xmlNode *root;

  container = cp_xml_parse_part (archive, "META-INF/container.xml", cancellable, error);
  if (container == NULL)
    return NULL;

  root = xmlDocGetRootElement (container);
  for (xmlNode *node = root; node != NULL; node = cp_xml_next (node, root))
    {
      g_autofree char *full_path = NULL;
      g_autofree char *media_type = NULL;
      g_autofree char *path = NULL;

      if (!cp_xml_is (node, CONTAINER_NS, "rootfile"))
        continue;

      full_path = cp_xml_dup_attr (node, "full-path", NULL);
      media_type = cp_xml_dup_attr (node, "media-type", NULL);
      /* A path that leads out of the archive (or is no URI) is no
       * rootfile: found by fuzzing, it made the import fail without
       * saying why */
      if (full_path != NULL)
        path = cp_zip_resolve_path ("", full_path);
      if (path == NULL)
        continue;
      if (media_type != NULL && g_str_equal (media_type, "application/oebps-package+xml"))
        return g_steal_pointer (&path);
      if (fallback == NULL)
        fallback = g_steal_pointer (&path);
    }

  if (fallback == NULL)
    cp_zip_set_missing_error (error, cp_zip_archive_get_display_name (archive), "META-INF/container.xml: rootfile");

  return g_steal_pointer (&fallback);
}

/* Whether a token of @list, less @prefix, is one of @set */
static gboolean
has_token_in (const char         *list,
              const char         *prefix,
              const char * const *set)
{
  g_auto(GStrv) tokens = NULL;

  if (list == NULL)
    return FALSE;

  tokens = g_strsplit_set (list, " \t\n\r", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (g_str_has_prefix (tokens[i], prefix) && g_strv_contains (set, tokens[i] + strlen (prefix)))
      return TRUE;

  return FALSE;
}

/* The first dc:@name whose opf:@attr (EPUB 2) is absent or one of @wanted,
 * else the first dc:@name */
static char *
find_dc (xmlNode            *metadata,
         const char         *name,
         const char         *attr,
         const char * const *wanted)
{
  xmlNode *first = NULL;

  for (xmlNode *node = metadata; node != NULL; node = cp_xml_next (node, metadata))
    {
      g_autofree char *value = NULL;

      if (!cp_xml_is (node, CP_XML_NS_DC, name))
        continue;
      if (first == NULL)
        first = node;

      value = cp_xml_dup_attr (node, attr, OPF_NS);
      if (value == NULL || g_strv_contains (wanted, value))
        return cp_xml_dup_text (node);
    }

  return cp_xml_dup_text (first);
}

static void
read_metadata (xmlNode       *package,
               CpZipMetadata *metadata)
{
  static const char * const authors[] = { "aut", NULL };
  static const char * const publication[] = { "publication", "original-publication", NULL };
  xmlNode *node = cp_xml_find (package, OPF_NS, "metadata");
  g_autofree char *date = NULL;

  if (node == NULL)
    return;

  metadata->title = cp_xml_find_text (node, CP_XML_NS_DC, "title");
  metadata->author = find_dc (node, "creator", "role", authors);
  metadata->site = cp_xml_find_text (node, CP_XML_NS_DC, "publisher");
  date = find_dc (node, "date", "event", publication);
  metadata->date = cp_zip_date_part (date);
}

/* The paths of the content documents to read, in reading order */
static GPtrArray *
list_content (xmlNode    *package,
              const char *base_dir)
{
  static const char * const nav[] = { "nav", NULL };
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, item_free);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *toc_page = NULL;
  g_autofree char *ncx = NULL;
  xmlNode *manifest = cp_xml_find (package, OPF_NS, "manifest");
  xmlNode *spine = cp_xml_find (package, OPF_NS, "spine");
  xmlNode *guide = cp_xml_find (package, OPF_NS, "guide");

  for (xmlNode *node = manifest; node != NULL; node = cp_xml_next (node, manifest))
    {
      g_autofree char *href = NULL;
      Item *item;

      if (!cp_xml_is (node, OPF_NS, "item"))
        continue;

      href = cp_xml_dup_attr (node, "href", NULL);
      item = g_new0 (Item, 1);
      item->id = cp_xml_dup_attr (node, "id", NULL);
      item->path = href != NULL ? cp_zip_resolve_path (base_dir, href) : NULL;
      item->media_type = cp_xml_dup_attr (node, "media-type", NULL);
      item->properties = cp_xml_dup_attr (node, "properties", NULL);
      if (item->id == NULL || item->path == NULL || g_hash_table_contains (items, item->id))
        item_free (item);
      else
        g_hash_table_insert (items, item->id, item);
    }

  /* EPUB 2 names its table of contents page in the guide */
  for (xmlNode *node = guide; node != NULL; node = cp_xml_next (node, guide))
    {
      g_autofree char *type = NULL;
      g_autofree char *href = NULL;

      if (!cp_xml_is (node, OPF_NS, "reference") || toc_page != NULL)
        continue;
      type = cp_xml_dup_attr (node, "type", NULL);
      href = cp_xml_dup_attr (node, "href", NULL);
      if (type != NULL && href != NULL && g_ascii_strcasecmp (type, "toc") == 0)
        toc_page = cp_zip_resolve_path (base_dir, href);
    }

  if (spine != NULL)
    ncx = cp_xml_dup_attr (spine, "toc", NULL);

  for (xmlNode *node = spine; node != NULL; node = cp_xml_next (node, spine))
    {
      g_autofree char *idref = NULL;
      g_autofree char *linear = NULL;
      Item *item;

      if (!cp_xml_is (node, OPF_NS, "itemref"))
        continue;

      idref = cp_xml_dup_attr (node, "idref", NULL);
      linear = cp_xml_dup_attr (node, "linear", NULL);
      item = idref != NULL ? g_hash_table_lookup (items, idref) : NULL;
      if (item == NULL || (linear != NULL && g_str_equal (linear, "no")))
        continue;
      if (has_token_in (item->properties, "", nav) || g_strcmp0 (item->id, ncx) == 0 ||
          g_strcmp0 (item->path, toc_page) == 0)
        continue;
      if (item->media_type == NULL ||
          (!g_str_equal (item->media_type, "application/xhtml+xml") && !g_str_equal (item->media_type, "text/html")))
        continue;
      if (!g_ptr_array_find_with_equal_func (paths, item->path, g_str_equal, NULL))
        g_ptr_array_add (paths, g_strdup (item->path));
    }

  return paths;
}

/* The content documents META-INF/encryption.xml says are encrypted, font
 * obfuscation (which is no DRM) aside */
static GHashTable *
list_encrypted (CpZipArchive  *archive,
                GCancellable  *cancellable,
                GError       **error)
{
  static const char * const font_obfuscation[] = {
    "http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC", NULL,
  };
  g_autoptr(GHashTable) encrypted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;

  if (!cp_zip_archive_has (archive, "META-INF/encryption.xml"))
    return g_steal_pointer (&encrypted);

  doc = cp_xml_parse_part (archive, "META-INF/encryption.xml", cancellable, error);
  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  for (xmlNode *node = root; node != NULL; node = cp_xml_next (node, root))
    {
      xmlNode *method;
      xmlNode *reference;
      g_autofree char *algorithm = NULL;
      g_autofree char *uri = NULL;

      if (!cp_xml_is (node, XMLENC_NS, "EncryptedData"))
        continue;

      method = cp_xml_find (node, XMLENC_NS, "EncryptionMethod");
      reference = cp_xml_find (node, XMLENC_NS, "CipherReference");
      algorithm = method != NULL ? cp_xml_dup_attr (method, "Algorithm", NULL) : NULL;
      uri = reference != NULL ? cp_xml_dup_attr (reference, "URI", NULL) : NULL;
      if (uri != NULL && (algorithm == NULL || !g_strv_contains (font_obfuscation, algorithm)))
        {
          char *path = cp_zip_resolve_path ("", uri);

          if (path != NULL)
            g_hash_table_add (encrypted, path);
        }
    }

  return g_steal_pointer (&encrypted);
}

/* }}} */

/* Content documents {{{ */

typedef struct
{
  CpXmlStream   *stream;
  CpTextBuilder *builder;
  guint          pre_depth;   /* inside <pre>: line ends are line breaks */
} XhtmlWalk;

static gboolean
is_block (const char *name)
{
  static const char * const blocks[] = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li", "main", "menu", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", NULL,
  };

  return g_strv_contains (blocks, name);
}

/* Elements that are not the text: by name, or by their EPUB or ARIA role */
static gboolean
is_skipped (xmlNode    *node,
            const char *name)
{
  static const char * const names[] = {
    "head", "script", "style", "nav", "template", "noscript", "rt", "rp", "iframe", "object",
    "audio", "video", "canvas", "select", "textarea", "button", NULL,
  };
  static const char * const types[] = {
    "toc", "landmarks", "page-list", "pagebreak", "noteref", "footnote", "footnotes", "endnote",
    "endnotes", "rearnote", "rearnotes", "note", NULL,
  };
  g_autofree char *type = NULL;
  g_autofree char *role = NULL;

  if (g_strv_contains (names, name))
    return TRUE;

  /* epub:type; the HTML parser keeps it as a plain attribute of that name */
  type = cp_xml_dup_attr (node, "type", EPUB_NS);
  if (type == NULL)
    type = cp_xml_dup_attr (node, "epub:type", NULL);
  role = cp_xml_dup_attr (node, "role", NULL);
  if (has_token_in (type, "", types) || has_token_in (role, "doc-", types))
    return TRUE;

  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    if (attr->ns == NULL && strcmp ((const char *) attr->name, "hidden") == 0)
      return TRUE;

  return FALSE;
}

static void
xhtml_start (XhtmlWalk  *walk,
             const char *name,
             gboolean    empty)
{
  xmlNode *node = xmlTextReaderCurrentNode (cp_xml_stream_get_reader (walk->stream));

  if (is_skipped (node, name))
    {
      cp_xml_stream_skip (walk->stream);
      return;
    }

  if (g_str_equal (name, "br"))
    cp_text_builder_line_break (walk->builder);
  else if (is_block (name))
    {
      cp_text_builder_end_paragraph (walk->builder);
      if (g_str_equal (name, "pre") && !empty)
        walk->pre_depth++;
    }
}

static void
xhtml_end (XhtmlWalk  *walk,
           const char *name)
{
  if (!is_block (name))
    return;

  cp_text_builder_end_paragraph (walk->builder);
  if (g_str_equal (name, "pre") && walk->pre_depth > 0)
    walk->pre_depth--;
}

static void
xhtml_text (XhtmlWalk  *walk,
            const char *text)
{
  const char *line_end;

  if (walk->pre_depth == 0)
    {
      cp_text_builder_append (walk->builder, text, -1);
      return;
    }

  while ((line_end = strchr (text, '\n')) != NULL)
    {
      cp_text_builder_append (walk->builder, text, line_end - text);
      cp_text_builder_line_break (walk->builder);
      text = line_end + 1;
    }
  cp_text_builder_append (walk->builder, text, -1);
}

/* An entity the XML parser left unexpanded: an XHTML 1.1 document may use
 * HTML's named entities, whose DTD is not loaded. Others (declared in the
 * document itself) are never expanded. */
static void
xhtml_entity (XhtmlWalk  *walk,
              const char *name)
{
  const htmlEntityDesc *entity = htmlEntityLookup ((const xmlChar *) name);
  char utf8[8];

  if (entity != NULL)
    cp_text_builder_append (walk->builder, utf8, g_unichar_to_utf8 (entity->value, utf8));
}

static gboolean
walk_xhtml (CpXmlStream    *stream,
            CpTextBuilder  *builder,
            GError        **error)
{
  xmlTextReaderPtr reader = cp_xml_stream_get_reader (stream);
  XhtmlWalk walk = { .stream = stream, .builder = builder };
  int status;

  while ((status = cp_xml_stream_read (stream, error)) > 0)
    {
      const char *uri = (const char *) xmlTextReaderConstNamespaceUri (reader);
      const char *local = (const char *) xmlTextReaderConstLocalName (reader);
      int type = xmlTextReaderNodeType (reader);

      /* XHTML elements, or HTML ones (no namespace) from the HTML parser;
       * SVG, MathML and the like are not prose */
      if ((type == XML_READER_TYPE_ELEMENT || type == XML_READER_TYPE_END_ELEMENT) &&
          uri != NULL && !g_str_equal (uri, XHTML_NS))
        {
          if (type == XML_READER_TYPE_ELEMENT)
            cp_xml_stream_skip (stream);
          continue;
        }

      switch (type)
        {
        case XML_READER_TYPE_ELEMENT:
          xhtml_start (&walk, local, xmlTextReaderIsEmptyElement (reader));
          break;

        case XML_READER_TYPE_END_ELEMENT:
          xhtml_end (&walk, local);
          break;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        case XML_READER_TYPE_WHITESPACE:
          xhtml_text (&walk, (const char *) xmlTextReaderConstValue (reader));
          break;

        case XML_READER_TYPE_ENTITY_REFERENCE:
          xhtml_entity (&walk, local);
          break;

        default:
          break;
        }
    }

  return status == 0;
}

/* Adds the text of one content document, already in the builder's shape
 * (paragraphs separated by a blank line, line breaks inside them) */
static void
append_paragraphs (CpTextBuilder *builder,
                   const char    *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) lines = g_strsplit (paragraphs[i], "\n", -1);

      for (guint j = 0; lines[j] != NULL; j++)
        {
          if (j > 0)
            cp_text_builder_line_break (builder);
          cp_text_builder_append (builder, lines[j], -1);
        }
      cp_text_builder_end_paragraph (builder);
    }
}

/* Reads one content document into @builder: as XML, else (not well-formed)
 * with the HTML parser */
static gboolean
read_content_document (CpZipArchive   *archive,
                       const char     *path,
                       CpTextBuilder  *builder,
                       GCancellable   *cancellable,
                       GError        **error)
{
  const char *display_name = cp_zip_archive_get_display_name (archive);
  g_autoptr(GBytes) part = NULL;
  g_autoptr(GError) xml_error = NULL;
  g_autoptr(CpTextBuilder) text = NULL;
  g_autofree char *result = NULL;
  const char *data;
  gsize size;

  part = cp_zip_archive_read (archive, path, cancellable, error);
  if (part == NULL)
    return FALSE;

  text = cp_text_builder_new ();
  {
    g_autoptr(CpXmlStream) stream = cp_xml_stream_new (part, path, display_name, cancellable);

    if (!walk_xhtml (stream, text, &xml_error))
      {
        if (!g_error_matches (xml_error, CP_ERROR, CP_ERROR_DAMAGED))
          {
            g_propagate_error (error, g_steal_pointer (&xml_error));
            return FALSE;
          }
        g_clear_pointer (&text, cp_text_builder_free);
      }
  }

  if (text == NULL)
    {
      g_autoptr(CpXmlStream) stream = NULL;
      htmlDocPtr doc;

      g_debug ("%s: %s, read as HTML", display_name, xml_error->message);
      data = g_bytes_get_data (part, &size);
      doc = htmlReadMemory (data, size, path, "UTF-8", HTML_OPTIONS);
      if (doc == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&xml_error));
          return FALSE;
        }

      text = cp_text_builder_new ();
      stream = cp_xml_stream_new_for_doc (doc, path, display_name, cancellable);
      if (!walk_xhtml (stream, text, error))
        return FALSE;
    }

  result = cp_text_builder_end (g_steal_pointer (&text), NULL);
  append_paragraphs (builder, result);

  return TRUE;
}

/* }}} */

/**
 * cp_import_epub:
 * @archive: a zip archive whose mimetype is EPUB (or that has a
 *   META-INF/container.xml)
 * @file: (nullable): the file it was read from
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the book's text in reading order
 *   and its metadata; %CP_ERROR_UNSUPPORTED if its content is encrypted
 *   (DRM)
 */
CpDocument *
cp_import_epub (CpZipArchive  *archive,
                GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  const char *display_name = cp_zip_archive_get_display_name (archive);
  g_autofree char *package_path = NULL;
  g_autofree char *base_dir = NULL;
  g_autoptr(xmlDoc) package = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GHashTable) encrypted = NULL;
  g_autoptr(CpTextBuilder) builder = NULL;
  g_auto(CpZipMetadata) metadata = { NULL, };

  if (!cp_zip_archive_has (archive, "META-INF/container.xml"))
    {
      cp_zip_set_missing_error (error, display_name, "META-INF/container.xml");
      return NULL;
    }

  package_path = find_package_path (archive, cancellable, error);
  if (package_path == NULL)
    return NULL;

  {
    const char *parts[] = { package_path, "META-INF/encryption.xml", NULL };

    if (!cp_zip_archive_preload (archive, parts, cancellable, error))
      return NULL;
  }

  package = cp_xml_parse_part (archive, package_path, cancellable, error);
  if (package == NULL)
    return NULL;
  if (!cp_xml_is (xmlDocGetRootElement (package), OPF_NS, "package"))
    {
      cp_zip_set_missing_error (error, display_name, package_path);
      return NULL;
    }

  encrypted = list_encrypted (archive, cancellable, error);
  if (encrypted == NULL)
    return NULL;

  base_dir = g_path_get_dirname (package_path);
  if (g_str_equal (base_dir, "."))
    base_dir[0] = '\0';
  paths = list_content (xmlDocGetRootElement (package), base_dir);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      if (g_hash_table_contains (encrypted, path))
        {
          g_set_error (error, CP_ERROR, CP_ERROR_UNSUPPORTED,
                       _("“%s” is protected by DRM (its chapters are encrypted), which "
                         "Counterpoint cannot read. Open it in the e-book reader it came "
                         "with, or use a copy without DRM."),
                       display_name);
          return NULL;
        }
      if (!cp_zip_archive_has (archive, path))
        {
          cp_zip_set_missing_error (error, display_name, path);
          return NULL;
        }
    }

  g_ptr_array_add (paths, NULL);
  if (!cp_zip_archive_preload (archive, (const char * const *) paths->pdata, cancellable, error))
    return NULL;
  g_ptr_array_set_size (paths, paths->len - 1);

  builder = cp_text_builder_new ();
  for (guint i = 0; i < paths->len; i++)
    if (!read_content_document (archive, g_ptr_array_index (paths, i), builder, cancellable, error))
      return NULL;

  read_metadata (xmlDocGetRootElement (package), &metadata);

  return cp_zip_document_new (g_steal_pointer (&builder), file, display_name, "epub", &metadata, error);
}
