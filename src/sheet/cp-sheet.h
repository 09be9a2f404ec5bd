/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cp-sheet-content.h"

G_BEGIN_DECLS

/**
 * CpPaper:
 * @CP_PAPER_DEFAULT: from the locale (LC_PAPER): Letter where that is the
 *   custom, A4 elsewhere
 * @CP_PAPER_A4: 210 × 297 mm
 * @CP_PAPER_LETTER: 8.5 × 11 in
 */
typedef enum
{
  CP_PAPER_DEFAULT,
  CP_PAPER_A4,
  CP_PAPER_LETTER,
} CpPaper;

/* The margin on every side of a page, in points (15 mm). */
#define CP_SHEET_DEFAULT_MARGIN 42.52

/**
 * CpSheet:
 *
 * Lays a #CpSheetContent out on pages and draws them with Pango and
 * Cairo; the same pages go to the printer, to PDF and to PNG.
 *
 * Page 1 holds the title, the date and the number of reviews, the list
 * of reviews, the legend of topic colors and the coverage matrix; then
 * comes a band for each of the content's bands (a heading bar, one column
 * per review with its excerpts), then the comparison's notes (each under
 * its review's title: its label, the passage quoted, the note), then the
 * full texts when asked for. An excerpt that a note touches carries the
 * note's label (“N1”) at its end, outlined in ink. A
 * footer with the title and “Page n of N” sits at the bottom of every
 * page, inside the margins; nothing is drawn outside them. Every topic
 * color comes with the topic's number in a small square, so that topics
 * stay apart in grayscale.
 *
 * Units are points (1/72 in). Pagination runs once, on the first
 * cp_sheet_get_n_pages() or cp_sheet_draw_page() (again after
 * cp_sheet_set_margins()); a sheet is not thread-safe, use it from one
 * thread at a time.
 */

#define CP_TYPE_SHEET (cp_sheet_get_type ())
G_DECLARE_FINAL_TYPE (CpSheet, cp_sheet, CP, SHEET, GObject)

void            cp_sheet_get_paper_size    (CpPaper          paper,
                                            guint            n_documents,
                                            double          *width,
                                            double          *height);

CpSheet        *cp_sheet_new               (CpSheetContent  *content,
                                            double           page_width,
                                            double           page_height);
CpSheetContent *cp_sheet_get_content       (CpSheet         *self);
double          cp_sheet_get_page_width    (CpSheet         *self);
double          cp_sheet_get_page_height   (CpSheet         *self);
void            cp_sheet_set_margins       (CpSheet         *self,
                                            double           top,
                                            double           right,
                                            double           bottom,
                                            double           left);
void            cp_sheet_get_margins       (CpSheet         *self,
                                            double          *top,
                                            double          *right,
                                            double          *bottom,
                                            double          *left);

guint           cp_sheet_get_n_pages       (CpSheet         *self);
void            cp_sheet_draw_page         (CpSheet         *self,
                                            cairo_t         *cr,
                                            guint            page);

gboolean        cp_sheet_write_pdf         (CpSheet         *self,
                                            GFile           *file,
                                            GCancellable    *cancellable,
                                            GError         **error);
gboolean        cp_sheet_write_png         (CpSheet         *self,
                                            guint            page,
                                            double           dpi,
                                            GFile           *file,
                                            GCancellable    *cancellable,
                                            GError         **error);

G_END_DECLS
