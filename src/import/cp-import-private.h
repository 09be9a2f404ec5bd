/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-importer.h"
#include "cp-import-text.h"

G_BEGIN_DECLS

/* Each importer's file defines one of these. */
extern const CpImporter cp_html_importer;
extern const CpImporter cp_pdf_importer;
extern const CpImporter cp_zip_importer;

/* For tests: lowers the PDF reader's limits (0: the default). */
void cp_import_pdf_set_limits (guint pages,
                               gsize text);

G_END_DECLS
