/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/*
 * CpTestPdfWriter: a small typesetter on a cairo PDF surface, so that the
 * PDF importer's tests and benchmark read PDFs they draw themselves, laid
 * out as magazines, journals and browsers lay out theirs: columns that
 * text flows through from page to page, indented or spaced paragraphs,
 * justified lines, words hyphenated at line ends, ligatures.
 */
typedef struct _CpTestPdfWriter CpTestPdfWriter;

/* Upright faces only: Debian's fonts-dejavu-core, which the tests
 * depend on, has regular and bold but no italics, and a face that
 * fontconfig slants on one machine and finds on another would set lines
 * differently. */
typedef struct
{
  const char *family;    /* a fontconfig family: "DejaVu Serif" */
  double      size;      /* points */
  gboolean    bold;
  double      leading;   /* baseline to baseline; 0 for 1.2 × size */
} CpTestPdfFont;

typedef enum
{
  CP_TEST_PDF_INDENT    = 1 << 0,  /* the first line indented by 1.5 em */
  CP_TEST_PDF_JUSTIFY   = 1 << 1,  /* lines but the last fill the column */
  CP_TEST_PDF_HYPHENATE = 1 << 2,  /* words broken at line ends with a hyphen */
  CP_TEST_PDF_LIGATURES = 1 << 3,  /* "fi" and "fl" drawn as one glyph */
  CP_TEST_PDF_ACROSS    = 1 << 4,  /* across all the columns: a title */
  CP_TEST_PDF_CENTER    = 1 << 5,
} CpTestPdfFlags;

typedef struct
{
  guint n_pages;
  guint n_lines;
  guint n_hyphenated;     /* words broken at a line end with a hyphen added */
  guint n_compound_breaks; /* compounds broken after their own hyphen */
  guint n_flowed;         /* paragraphs that go on in the next column */
} CpTestPdfStats;

/* Called before each page is shown, to draw its headers and footers;
 * @page counts from 1. */
typedef void (*CpTestPdfDecorate) (cairo_t  *cr,
                                   guint     page,
                                   gpointer  user_data);

typedef struct
{
  double width;
  double height;
  double top;             /* margins */
  double bottom;
  double left;
  double right;
  guint  n_columns;       /* 0 is 1 */
  double gutter;
} CpTestPdfGeometry;

CpTestPdfWriter *cp_test_pdf_writer_new           (const char              *path,
                                                   const CpTestPdfGeometry *geometry);
cairo_surface_t *cp_test_pdf_writer_get_surface   (CpTestPdfWriter         *self);
void             cp_test_pdf_writer_set_decorate  (CpTestPdfWriter         *self,
                                                   CpTestPdfDecorate        decorate,
                                                   gpointer                 user_data);
void             cp_test_pdf_writer_add_paragraph (CpTestPdfWriter         *self,
                                                   const CpTestPdfFont     *font,
                                                   CpTestPdfFlags           flags,
                                                   double                   space_before,
                                                   const char              *text);
/* The pages begun so far */
guint            cp_test_pdf_writer_get_n_pages   (CpTestPdfWriter         *self);
void             cp_test_pdf_writer_finish        (CpTestPdfWriter         *self,
                                                   CpTestPdfStats          *stats);

/* Draws @text with @font at (@x, @y), the baseline's start. */
void             cp_test_pdf_show_text            (cairo_t                 *cr,
                                                   const CpTestPdfFont     *font,
                                                   double                   x,
                                                   double                   y,
                                                   const char              *text);
/* The width @text takes in @font. */
double           cp_test_pdf_text_width           (cairo_t                 *cr,
                                                   const CpTestPdfFont     *font,
                                                   const char              *text);

G_END_DECLS
