/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "cp-import-private.h"

G_BEGIN_DECLS

/*
 * What the zip-based readers (DOCX, ODT, EPUB) share: the archive, read
 * from memory with every entry's inflated size capped, and the XML helpers
 * that read its parts without network access, entity expansion or deep
 * recursion. docs/import.md says why the limits are what they are.
 */

/* Inflated bytes: one entry, all entries read from one archive, and (past
 * CP_ZIP_RATIO_FLOOR) the inflated total per byte of the archive. */
#define CP_ZIP_MAX_ENTRY_SIZE  (G_GUINT64_CONSTANT (64) * 1024 * 1024)
#define CP_ZIP_MAX_TOTAL_SIZE  (G_GUINT64_CONSTANT (256) * 1024 * 1024)
#define CP_ZIP_MAX_RATIO       100
#define CP_ZIP_RATIO_FLOOR     (G_GUINT64_CONSTANT (16) * 1024 * 1024)
/* Entries in one archive: a book of chapters and pictures has hundreds. */
#define CP_ZIP_MAX_ENTRIES     20000
/* Element nesting: real documents stay under 50; libxml2 stops at 256. */
#define CP_XML_MAX_DEPTH       200

#define CP_XML_NS_DC           "http://purl.org/dc/elements/1.1/"

typedef struct _CpZipArchive CpZipArchive;

/* What a document's metadata says, as the readers find it */
typedef struct
{
  char *title;
  char *author;
  char *site;
  char *date;
} CpZipMetadata;

CpZipArchive *cp_zip_archive_open             (GBytes              *contents,
                                               const char          *display_name,
                                               GCancellable        *cancellable,
                                               GError             **error);
void          cp_zip_archive_free             (CpZipArchive        *self);
const char   *cp_zip_archive_get_display_name (CpZipArchive        *self);
gboolean      cp_zip_archive_has              (CpZipArchive        *self,
                                               const char          *name);
gboolean      cp_zip_archive_preload          (CpZipArchive        *self,
                                               const char * const  *names,
                                               GCancellable        *cancellable,
                                               GError             **error);
GBytes       *cp_zip_archive_read             (CpZipArchive        *self,
                                               const char          *name,
                                               GCancellable        *cancellable,
                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpZipArchive, cp_zip_archive_free)

void        cp_zip_metadata_clear       (CpZipMetadata *metadata);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CpZipMetadata, cp_zip_metadata_clear)

char       *cp_zip_resolve_path         (const char    *base_dir,
                                         const char    *href);
char       *cp_zip_date_part            (const char    *value);
/* What an office package holds */
typedef enum
{
  CP_ZIP_KIND_TEXT,
  CP_ZIP_KIND_SPREADSHEET,
  CP_ZIP_KIND_PRESENTATION,
  CP_ZIP_KIND_OTHER,
} CpZipKind;

void        cp_zip_set_unsupported_error (GError      **error,
                                          const char   *display_name);
void        cp_zip_set_kind_error       (GError       **error,
                                         const char    *display_name,
                                         CpZipKind      kind);
void        cp_zip_set_encrypted_error  (GError       **error,
                                         const char    *display_name);
void        cp_zip_set_missing_error    (GError       **error,
                                         const char    *display_name,
                                         const char    *name);
CpDocument *cp_zip_document_new         (CpTextBuilder        *builder,
                                         GFile                *file,
                                         const char           *display_name,
                                         const char           *format,
                                         const CpZipMetadata  *metadata,
                                         GError              **error);

/* Small parts (relationships, metadata, package files) as trees */
xmlDoc     *cp_xml_parse_part           (CpZipArchive  *archive,
                                         const char    *name,
                                         GCancellable  *cancellable,
                                         GError       **error);
xmlDoc     *cp_xml_parse_metadata      (CpZipArchive  *archive,
                                         const char    *name,
                                         GCancellable  *cancellable);
gboolean    cp_xml_is                   (xmlNode       *node,
                                         const char    *ns,
                                         const char    *name);
xmlNode    *cp_xml_next                 (xmlNode       *node,
                                         xmlNode       *root);
xmlNode    *cp_xml_find                 (xmlNode       *root,
                                         const char    *ns,
                                         const char    *name);
char       *cp_xml_dup_text             (xmlNode       *node);
char       *cp_xml_dup_attr             (xmlNode       *node,
                                         const char    *name,
                                         const char    *ns);
char       *cp_xml_find_text            (xmlNode       *root,
                                         const char    *ns,
                                         const char    *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* Document bodies, streamed */
typedef struct _CpXmlStream CpXmlStream;

CpXmlStream     *cp_xml_stream_new         (GBytes        *part,
                                            const char    *name,
                                            const char    *display_name,
                                            GCancellable  *cancellable);
CpXmlStream     *cp_xml_stream_new_for_doc (xmlDoc        *doc,
                                            const char    *name,
                                            const char    *display_name,
                                            GCancellable  *cancellable);
void             cp_xml_stream_free        (CpXmlStream   *self);
int              cp_xml_stream_read        (CpXmlStream   *self,
                                            GError       **error);
void             cp_xml_stream_skip        (CpXmlStream   *self);
xmlTextReaderPtr cp_xml_stream_get_reader  (CpXmlStream   *self);
gboolean         cp_xml_stream_is          (CpXmlStream   *self,
                                            const char    *ns,
                                            const char    *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpXmlStream, cp_xml_stream_free)

/* The readers, given an archive the dispatcher recognised */
CpDocument *cp_import_docx              (CpZipArchive  *archive,
                                         GFile         *file,
                                         GCancellable  *cancellable,
                                         GError       **error);
CpDocument *cp_import_odt               (CpZipArchive  *archive,
                                         GFile         *file,
                                         GCancellable  *cancellable,
                                         GError       **error);
CpDocument *cp_import_epub              (CpZipArchive  *archive,
                                         GFile         *file,
                                         GCancellable  *cancellable,
                                         GError       **error);

G_END_DECLS
