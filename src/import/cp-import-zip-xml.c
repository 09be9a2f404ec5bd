/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * XML for the zip-based readers. Every part is parsed with libxml2's XML
 * parser without network access (XML_PARSE_NONET), without loading DTDs
 * and without substituting entities (no XML_PARSE_DTDLOAD, no
 * XML_PARSE_NOENT), and without XML_PARSE_HUGE, so that libxml2's own
 * limits on depth and entity amplification stay on. Entity references are
 * never followed here either: text and attribute values are gathered from
 * their text nodes only, so a "billion laughs" never expands.
 *
 * Small parts (relationships, metadata, package files) are read as trees;
 * document bodies are streamed with xmlTextReader, which keeps memory
 * bounded and needs no recursion, with our own depth cap below libxml2's.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cp-error.h"
#include "cp-import-zip-private.h"

#define XML_OPTIONS         (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
/* How often a stream checks its cancellable, in nodes (a power of two) */
#define CANCEL_CHECK_NODES  4096

static void
set_too_deep_error (GError     **error,
                    const char  *display_name)
{
  g_set_error (error, CP_ERROR, CP_ERROR_DAMAGED,
               /* Translators: %d is a fixed limit, 200 */
               _("“%s” nests its contents more than %d levels deep, which no real "
                 "document does. Counterpoint does not open it."),
               display_name, CP_XML_MAX_DEPTH);
}

static void
set_parse_error (GError     **error,
                 const char  *display_name,
                 const char  *name,
                 int          line,
                 const char  *message)
{
  /* libxml2 quotes the document in its messages, bytes that are not
   * UTF-8 included; the message is shown in the window */
  g_autofree char *detail = g_strstrip (g_utf8_make_valid (message != NULL ? message : "unknown error", -1));
  g_autofree char *part = g_utf8_make_valid (name, -1);

  /* libxml2's own depth limit, met when it parses ahead of our cap */
  if (strstr (detail, "Excessive depth") != NULL)
    {
      set_too_deep_error (error, display_name);
      return;
    }

  g_set_error (error, CP_ERROR, CP_ERROR_DAMAGED,
               _("“%s” is damaged: its part “%s” is not well-formed XML (line %d: %s). "
                 "Save it again from the program that made it, or ask for a new copy."),
               display_name, part, line, detail);
}

/* Trees {{{ */

/**
 * cp_xml_parse_part:
 * @archive: an archive
 * @name: the entry to parse
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the entry as a tree, or %NULL if
 *   the archive lacks it, it cannot be read or it is not well-formed
 */
xmlDoc *
cp_xml_parse_part (CpZipArchive  *archive,
                   const char    *name,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  xmlParserCtxtPtr context;
  xmlDoc *doc;
  const char *data;
  gsize size;

  bytes = cp_zip_archive_read (archive, name, cancellable, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  context = xmlNewParserCtxt ();
  if (context == NULL)
    g_error ("%s: out of memory", G_STRLOC);

  doc = xmlCtxtReadMemory (context, data, size, name, NULL, XML_OPTIONS);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      xmlErrorPtr last = xmlCtxtGetLastError (context);

      set_parse_error (error, cp_zip_archive_get_display_name (archive), name,
                       last != NULL ? last->line : 0, last != NULL ? last->message : NULL);
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  xmlFreeParserCtxt (context);

  return doc;
}

/**
 * cp_xml_parse_metadata:
 * @archive: an archive
 * @name: (nullable): the metadata part
 * @cancellable: (nullable): a #GCancellable
 *
 * Like cp_xml_parse_part() for a part that may be missing or broken:
 * metadata that cannot be read costs the title, not the text.
 *
 * Returns: (transfer full) (nullable): the part as a tree, or %NULL
 */
xmlDoc *
cp_xml_parse_metadata (CpZipArchive *archive,
                       const char   *name,
                       GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  xmlDoc *doc;

  if (name == NULL || !cp_zip_archive_has (archive, name))
    return NULL;

  doc = cp_xml_parse_part (archive, name, cancellable, &error);
  if (doc == NULL)
    g_debug ("%s", error->message);

  return doc;
}

/**
 * cp_xml_is:
 * @node: (nullable): a node
 * @ns: (nullable): a namespace URI, or %NULL for any
 * @name: a local name
 *
 * Returns: whether @node is an element @name in namespace @ns
 */
gboolean
cp_xml_is (xmlNode    *node,
           const char *ns,
           const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         strcmp ((const char *) node->name, name) == 0 &&
         (ns == NULL || (node->ns != NULL && node->ns->href != NULL &&
                         strcmp ((const char *) node->ns->href, ns) == 0));
}

/**
 * cp_xml_next:
 * @node: a node inside @root
 * @root: where the walk started
 *
 * Returns: (nullable): the node after @node in document order, staying
 *   inside @root; entity references are not entered
 */
xmlNode *
cp_xml_next (xmlNode *node,
             xmlNode *root)
{
  if (node->type == XML_ELEMENT_NODE && node->children != NULL)
    return node->children;

  while (node != root)
    {
      if (node->next != NULL)
        return node->next;
      node = node->parent;
    }

  return NULL;
}

/**
 * cp_xml_find:
 * @root: (nullable): where to look
 * @ns: (nullable): a namespace URI, or %NULL for any
 * @name: a local name
 *
 * Returns: (nullable): the first element @name in @root (itself included),
 *   in document order
 */
xmlNode *
cp_xml_find (xmlNode    *root,
             const char *ns,
             const char *name)
{
  for (xmlNode *node = root; node != NULL; node = cp_xml_next (node, root))
    if (cp_xml_is (node, ns, name))
      return node;

  return NULL;
}

static char *
steal_stripped (GString *text)
{
  g_strstrip (text->str);
  if (text->str[0] == '\0')
    {
      g_string_free (text, TRUE);
      return NULL;
    }

  return g_string_free (text, FALSE);
}

/**
 * cp_xml_dup_text:
 * @node: (nullable): an element
 *
 * Returns: (transfer full) (nullable): the text inside @node, white space
 *   at its ends removed, without expanding entity references; %NULL if
 *   there is none
 */
char *
cp_xml_dup_text (xmlNode *node)
{
  GString *text;

  if (node == NULL)
    return NULL;

  text = g_string_new (NULL);
  for (xmlNode *child = node; child != NULL; child = cp_xml_next (child, node))
    if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) && child->content != NULL)
      g_string_append (text, (const char *) child->content);

  return steal_stripped (text);
}

/**
 * cp_xml_dup_attr:
 * @node: an element
 * @name: an attribute's local name
 * @ns: (nullable): its namespace URI, or %NULL for an attribute without one
 *
 * Returns: (transfer full) (nullable): the attribute's value, white space
 *   at its ends removed, without expanding entity references (nor taking
 *   defaults from a DTD); %NULL if @node has no such attribute or it is
 *   empty
 */
char *
cp_xml_dup_attr (xmlNode    *node,
                 const char *name,
                 const char *ns)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      GString *value;

      if (strcmp ((const char *) attr->name, name) != 0)
        continue;
      if (ns == NULL ? attr->ns != NULL
                     : attr->ns == NULL || strcmp ((const char *) attr->ns->href, ns) != 0)
        continue;

      value = g_string_new (NULL);
      for (xmlNode *child = attr->children; child != NULL; child = child->next)
        if (child->type == XML_TEXT_NODE && child->content != NULL)
          g_string_append (value, (const char *) child->content);

      return steal_stripped (value);
    }

  return NULL;
}

/**
 * cp_xml_find_text:
 * @root: (nullable): where to look
 * @ns: (nullable): a namespace URI, or %NULL for any
 * @name: a local name
 *
 * Returns: (transfer full) (nullable): the text of the first element @name
 *   in @root, as cp_xml_dup_text() gives it
 */
char *
cp_xml_find_text (xmlNode    *root,
                  const char *ns,
                  const char *name)
{
  return cp_xml_dup_text (cp_xml_find (root, ns, name));
}

/* }}} */

/* Streams {{{ */

struct _CpXmlStream
{
  xmlTextReaderPtr  reader;
  xmlDoc           *doc;            /* walked and owned, or NULL */
  char             *name;
  char             *display_name;
  GCancellable     *cancellable;
  guint             n_nodes;
  gboolean          skip;           /* the next read skips a subtree */
  char             *error_message;  /* libxml2's first error */
  int               error_line;
};

static void
stream_error_cb (void        *user_data,
                 xmlErrorPtr  error)
{
  CpXmlStream *self = user_data;

  if (self->error_message == NULL && error != NULL && error->level >= XML_ERR_ERROR)
    {
      self->error_message = g_strdup (error->message);
      self->error_line = error->line;
    }
}

static CpXmlStream *
stream_new (xmlTextReaderPtr  reader,
            const char       *name,
            const char       *display_name,
            GCancellable     *cancellable)
{
  CpXmlStream *self = g_new0 (CpXmlStream, 1);

  if (reader == NULL)
    g_error ("%s: out of memory", G_STRLOC);

  self->reader = reader;
  self->name = g_strdup (name);
  self->display_name = g_strdup (display_name);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  return self;
}

/**
 * cp_xml_stream_new:
 * @part: an XML part, which must outlive the stream
 * @name: its name in the archive, for error messages
 * @display_name: the file's name, for error messages
 * @cancellable: (nullable): checked as the stream is read
 *
 * Returns: (transfer full): a stream of @part's nodes
 */
CpXmlStream *
cp_xml_stream_new (GBytes       *part,
                   const char   *name,
                   const char   *display_name,
                   GCancellable *cancellable)
{
  gsize size;
  const char *data = g_bytes_get_data (part, &size);

  CpXmlStream *self;

  g_assert (size <= G_MAXINT);

  self = stream_new (xmlReaderForMemory (data, size, name, NULL, XML_OPTIONS), name, display_name, cancellable);
  /* Not on a walker: it has no parser, and libxml2 2.9 crashes there */
  xmlTextReaderSetStructuredErrorHandler (self->reader, stream_error_cb, self);

  return self;
}

/**
 * cp_xml_stream_new_for_doc:
 * @doc: (transfer full): a tree, from libxml2's HTML parser for instance
 * @name: its name in the archive, for error messages
 * @display_name: the file's name, for error messages
 * @cancellable: (nullable): checked as the stream is read
 *
 * Returns: (transfer full): a stream of @doc's nodes, read as a parsed part
 *   is, so that one walk serves both
 */
CpXmlStream *
cp_xml_stream_new_for_doc (xmlDoc       *doc,
                           const char   *name,
                           const char   *display_name,
                           GCancellable *cancellable)
{
  CpXmlStream *self = stream_new (xmlReaderWalker (doc), name, display_name, cancellable);

  self->doc = doc;

  return self;
}

void
cp_xml_stream_free (CpXmlStream *self)
{
  if (self == NULL)
    return;

  xmlFreeTextReader (self->reader);
  g_clear_pointer (&self->doc, xmlFreeDoc);
  g_clear_object (&self->cancellable);
  g_free (self->name);
  g_free (self->display_name);
  g_free (self->error_message);
  g_free (self);
}

/**
 * cp_xml_stream_read:
 * @self: a stream
 * @error: return location for a #GError
 *
 * Moves to the next node (past the current element's subtree after
 * cp_xml_stream_skip()).
 *
 * Returns: 1 on a node, 0 at the end, -1 with @error set: the part is not
 *   well-formed or nests too deeply (%CP_ERROR_DAMAGED), or the read was
 *   cancelled
 */
int
cp_xml_stream_read (CpXmlStream  *self,
                    GError      **error)
{
  int status;

  if (self->skip)
    {
      self->skip = FALSE;
      status = xmlTextReaderNext (self->reader);
    }
  else
    status = xmlTextReaderRead (self->reader);

  if (status < 0)
    {
      set_parse_error (error, self->display_name, self->name, self->error_line, self->error_message);
      return -1;
    }
  if (status == 0)
    return 0;

  if (xmlTextReaderDepth (self->reader) > CP_XML_MAX_DEPTH)
    {
      set_too_deep_error (error, self->display_name);
      return -1;
    }
  if ((++self->n_nodes & (CANCEL_CHECK_NODES - 1)) == 0 &&
      g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return -1;

  return 1;
}

/**
 * cp_xml_stream_skip:
 * @self: a stream on an element
 *
 * Makes the next read pass over the current element's contents.
 */
void
cp_xml_stream_skip (CpXmlStream *self)
{
  self->skip = TRUE;
}

xmlTextReaderPtr
cp_xml_stream_get_reader (CpXmlStream *self)
{
  return self->reader;
}

/**
 * cp_xml_stream_is:
 * @self: a stream
 * @ns: a namespace URI
 * @name: a local name
 *
 * Returns: whether the current node is an element (start or end) @name in
 *   namespace @ns
 */
gboolean
cp_xml_stream_is (CpXmlStream *self,
                  const char  *ns,
                  const char  *name)
{
  const char *local = (const char *) xmlTextReaderConstLocalName (self->reader);
  const char *uri = (const char *) xmlTextReaderConstNamespaceUri (self->reader);

  return local != NULL && uri != NULL && strcmp (local, name) == 0 && strcmp (uri, ns) == 0;
}

/* }}} */
