/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-document.h"

G_BEGIN_DECLS

/* How many bytes of a file an importer's sniff function is shown. */
#define CP_IMPORTER_HEAD_SIZE 4096

typedef struct _CpImporter CpImporter;

/**
 * CpImporter:
 * @format: the format's short name, as cp_document_get_format() reports
 *   it: "html", "pdf", "docx", "odt", "epub"
 * @content_types: (array zero-terminated=1): the MIME types the importer
 *   reads, for choosing files in folders and file choosers
 * @sniff: whether the importer reads a file that begins with @head
 *   (at most %CP_IMPORTER_HEAD_SIZE bytes); @content_type is
 *   g_content_type_guess() of its name and head. Decide by the content:
 *   the name alone must not make a text file an HTML page.
 * @import: turns the whole contents into a document. @file may be %NULL
 *   (text from the clipboard); @display_name names the source in every
 *   error message. Runs in a worker thread; checks @cancellable.
 *
 * A reader for a format beyond plain text. The core knows none itself:
 * the import library (src/import/) registers its readers with
 * cp_importer_register(), and the loader picks one per file by content.
 */
struct _CpImporter
{
  const char         *format;
  const char * const *content_types;
  gboolean          (*sniff)  (const guchar  *head,
                               gsize          head_length,
                               const char    *content_type);
  CpDocument       *(*import) (GBytes        *contents,
                               GFile         *file,
                               const char    *display_name,
                               GCancellable  *cancellable,
                               GError       **error);
};

void               cp_importer_register          (const CpImporter  *importer);
const CpImporter  *cp_importer_find              (const char        *name,
                                                  const guchar      *head,
                                                  gsize              head_length);
gboolean           cp_importer_reads_type        (const char        *content_type);
char             **cp_importer_dup_content_types (void);

G_END_DECLS
