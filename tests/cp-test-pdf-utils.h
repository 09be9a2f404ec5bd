/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <poppler.h>

G_BEGIN_DECLS

/* poppler-glib 22.12 has no g_autoptr () for its types; aliases of our
 * own stay right when a later one does. */
typedef PopplerDocument CpTestPdf;
typedef PopplerPage CpTestPdfPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpTestPdf, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpTestPdfPage, g_object_unref)

/* Opens a PDF; fails the test if it cannot be read. */
PopplerDocument *cp_test_pdf_open            (GFile           *file);
PopplerDocument *cp_test_pdf_open_path       (const char      *path);
/* The text of page @index, as poppler reads it: a newline ends each line. */
char            *cp_test_pdf_page_text       (PopplerDocument *document,
                                              int              index);
/* @text with every run of white space made one space, none at either end:
 * what a reader sees, whatever the line breaks. */
char            *cp_test_pdf_flatten         (const char      *text);
/* Whether the text of page @index holds @needle as it is. */
gboolean         cp_test_pdf_page_has_text   (PopplerDocument *document,
                                              int              index,
                                              const char      *needle);
/* Whether page @index shows @needle, line breaks read as spaces. */
gboolean         cp_test_pdf_page_shows      (PopplerDocument *document,
                                              int              index,
                                              const char      *needle);

G_END_DECLS
