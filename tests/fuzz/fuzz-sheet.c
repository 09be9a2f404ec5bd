/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The sheet renderer on long and odd text: every page of a sheet of the
 * input's topics and documents is laid out and drawn onto a recording
 * surface, in memory. It must not crash, hang or read out of bounds.
 *
 * Input: a steering byte (paper, full texts, excerpts), then topics (one
 * per line, terms separated by '|'), a NUL, and documents separated by
 * NULs.
 */
#include "config.h"

#include "cp-sheet.h"
#include "fuzz-common.h"

/* Enough to reach past a page break; an input of 64 KiB can fill more */
#define MAX_PAGES 12

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const CpPaper papers[] = { CP_PAPER_A4, CP_PAPER_LETTER, CP_PAPER_DEFAULT, CP_PAPER_A4 };
  g_autoptr(CpComparison) comparison = NULL;
  g_autoptr(CpSheetContent) content = NULL;
  g_autoptr(CpSheet) sheet = NULL;
  CpSheetOptions options = { 0 };
  double width, height;
  guint n_pages;
  guint8 steer;

  fuzz_init ();

  comparison = fuzz_comparison_new (data, size, &steer);
  if (comparison == NULL)
    return 0;

  options.topics = (steer & 4) ? CP_SHEET_TOPICS_ALL : CP_SHEET_TOPICS_SHARED;
  options.full_texts = (steer >> 3) & 1;
  options.excerpts_per_cell = (steer >> 4) & 3;
  content = cp_sheet_content_new (comparison, &options);

  cp_sheet_get_paper_size (papers[steer & 3], cp_comparison_get_n_documents (comparison), &width, &height);
  sheet = cp_sheet_new (content, width, height);

  n_pages = cp_sheet_get_n_pages (sheet);
  g_assert_cmpuint (n_pages, >, 0);
  for (guint page = 0; page < MIN (n_pages, MAX_PAGES); page++)
    {
      cairo_rectangle_t extents = { 0, 0, width, height };
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
      cairo_t *cr = cairo_create (surface);

      cp_sheet_draw_page (sheet, cr, page);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  return 0;
}
