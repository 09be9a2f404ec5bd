/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CpEncoding:
 *
 * The encoding a document was decoded from. The text a #CpDocument
 * holds is always UTF-8 with LF line ends.
 */
typedef enum
{
  CP_ENCODING_UTF8,
  CP_ENCODING_UTF8_BOM,
  CP_ENCODING_UTF16LE,
  CP_ENCODING_UTF16BE,
  CP_ENCODING_WINDOWS_1252,
} CpEncoding;

#define CP_TYPE_ENCODING (cp_encoding_get_type ())
GType cp_encoding_get_type (void) G_GNUC_CONST;

/* 256 MiB */
#define CP_DOCUMENT_DEFAULT_MAX_SIZE (G_GUINT64_CONSTANT (256) * 1024 * 1024)

/**
 * CpDocumentInfo:
 * @format: the source format ("html", "pdf", "docx", "odt", "epub"), as
 *   its importer names it
 * @title: (nullable): the headline or the document's own title; %NULL
 *   takes the first line of the text
 * @author: (nullable): who wrote it
 * @site: (nullable): the outlet, site or publisher
 * @date: (nullable): when it was published, as the source gives it
 *   (ISO 8601 where the source has it)
 *
 * What an importer knows of a document besides its text. Empty strings
 * count as %NULL.
 */
typedef struct
{
  const char *format;
  const char *title;
  const char *author;
  const char *site;
  const char *date;
} CpDocumentInfo;

#define CP_TYPE_DOCUMENT (cp_document_get_type ())
G_DECLARE_FINAL_TYPE (CpDocument, cp_document, CP, DOCUMENT, GObject)

const char *cp_encoding_to_string              (CpEncoding            encoding);

CpDocument *cp_document_new_from_file          (GFile                *file,
                                                guint64               max_size,
                                                GCancellable         *cancellable,
                                                GError              **error);
void        cp_document_new_from_file_async    (GFile                *file,
                                                guint64               max_size,
                                                int                   io_priority,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
CpDocument *cp_document_new_from_file_finish   (GAsyncResult         *result,
                                                GError              **error);
CpDocument *cp_document_new_from_bytes         (GBytes               *contents,
                                                const char           *name,
                                                GCancellable         *cancellable,
                                                GError              **error);
void        cp_document_new_from_bytes_async   (GBytes               *contents,
                                                const char           *name,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
CpDocument *cp_document_new_from_bytes_finish  (GAsyncResult         *result,
                                                GError              **error);
CpDocument *cp_document_new_from_stream        (GInputStream         *stream,
                                                const char           *name,
                                                guint64               max_size,
                                                GCancellable         *cancellable,
                                                GError              **error);
CpDocument *cp_document_new_from_text          (const char           *name,
                                                const char           *text,
                                                gssize                length);
CpDocument *cp_document_new_from_import        (GFile                *file,
                                                const char           *name,
                                                const char           *text,
                                                gssize                length,
                                                const CpDocumentInfo *info);

char       *cp_document_decode_bytes           (const char           *data,
                                                gsize                 length,
                                                const char           *display_name,
                                                CpEncoding           *encoding,
                                                gsize                *out_length,
                                                GError              **error);
char       *cp_document_decode_windows_1252    (const char           *data,
                                                gsize                 length,
                                                gsize                *out_length);

GFile      *cp_document_get_file               (CpDocument           *self);
gboolean    cp_document_is_embedded            (CpDocument           *self);
void        cp_document_set_embedded           (CpDocument           *self,
                                                gboolean              embedded);
const char *cp_document_get_name               (CpDocument           *self);
const char *cp_document_get_title              (CpDocument           *self);
gboolean    cp_document_title_is_derived       (CpDocument           *self);
gsize       cp_document_get_n_repaired         (CpDocument           *self);
char       *cp_document_dup_repair_notice      (CpDocument           *self);
const char *cp_document_get_author             (CpDocument           *self);
const char *cp_document_get_site               (CpDocument           *self);
const char *cp_document_get_date               (CpDocument           *self);
const char *cp_document_get_format             (CpDocument           *self);
char       *cp_document_dup_byline             (CpDocument           *self);
const char *cp_document_get_label              (CpDocument           *self);
void        cp_document_set_label              (CpDocument           *self,
                                                const char           *label);
CpEncoding  cp_document_get_encoding           (CpDocument           *self);
void        cp_document_restore_source         (CpDocument           *self,
                                                CpEncoding            encoding,
                                                gsize                 n_repaired);
const char *cp_document_get_text               (CpDocument           *self);
gsize       cp_document_get_length             (CpDocument           *self);
gsize       cp_document_get_n_characters       (CpDocument           *self);
gsize       cp_document_get_n_words            (CpDocument           *self);
gsize       cp_document_get_char_offset        (CpDocument           *self,
                                                gsize                 byte_offset);
gsize       cp_document_get_byte_offset        (CpDocument           *self,
                                                gsize                 char_offset);
gsize       cp_document_count_characters       (CpDocument           *self,
                                                gsize                 start,
                                                gsize                 end);
gsize       cp_document_count_lines            (CpDocument           *self,
                                                gsize                 start,
                                                gsize                 end);
guint       cp_document_get_line               (CpDocument           *self,
                                                gsize                 byte_offset);

G_END_DECLS
