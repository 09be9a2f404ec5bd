/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cp-sheet: lays a CpSheetContent out on pages and draws them with Cairo.
 *
 * Pagination runs once, on the first cp_sheet_get_n_pages() or draw: every
 * text becomes a Para (a PangoLayout measured line by line) and every page
 * a list of placed Items (some lines of a Para, a filled rectangle or a
 * topic marker). Drawing a page only replays its items, so pages can be
 * drawn in any order, as often as a print preview likes, on any cairo
 * target: the layouts come from a 72 dpi context with unhinted metrics,
 * never from the target, so PDF, PNG and paper agree to the point.
 */
#include "config.h"

#include <langinfo.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "cp-color-cue.h"
#include "cp-sheet.h"

#define A4_WIDTH      595.276
#define A4_HEIGHT     841.89
#define LETTER_WIDTH  612.0
#define LETTER_HEIGHT 792.0

/* The palette: near-black text, one grey for secondary text, two greys
 * for rules. Topic colors appear only where they mean a topic. */
#define INK   0x1e1e1e
#define MUTED 0x6a6a6a
#define RULE  0xa8a8a8
#define FAINT 0xdedede

/* Sizes, in points */
#define FOOTER_HEIGHT      18.0  /* the footer's band at the bottom of the margin box */
#define RULE_WIDTH         0.5
#define FAINT_WIDTH        0.35
#define SECTION_GAP        19.0  /* above a section label on page 1 */
#define ROW_PADDING        3.5   /* above and below a review list row */
#define LEGEND_MIN_WIDTH   165.0 /* the narrowest legend column */
#define LEGEND_ROW         16.0
#define MARKER_SMALL       10.0  /* legend and matrix rows */
#define MARKER_LARGE       12.0  /* band headings */
#define MATRIX_ROW         17.0
#define MATRIX_MIN_ROW     14.0
#define MATRIX_MAX_LABEL   200.0
#define MATRIX_MAX_CELL    96.0
#define MATRIX_TITLE_MIN   46.0  /* narrower cells show only the number */
#define MATRIX_MAX_ALPHA   0.6   /* the shade of the highest count */
#define MATRIX_MIN_ALPHA   0.06  /* so that one mention still shows */
#define BAND_BAR           22.0
#define BAND_BAR_ALPHA     0.14
#define BAND_GAP           20.0  /* between two bands */
#define EXCERPT_GAP        7.0   /* between two excerpts of a cell */
#define PARAGRAPH_GAP      5.0   /* between two paragraphs of a full text */
#define SMALL_OVERFLOW     48.0  /* a band this much too long starts a page */
#define MARK_ALPHA         0.33  /* the tint behind a highlighted mention */
#define NOTE_GUTTER        30.0  /* the Notes section's column of labels */
#define NOTE_GAP           8.0   /* between two notes */
#define NOTE_BOX_LINE      0.6   /* the outline of a note's label */

typedef enum
{
  STYLE_TITLE,
  STYLE_SUBTITLE,
  STYLE_SECTION,
  STYLE_NUMBER,
  STYLE_ROW,
  STYLE_ROW_MUTED,
  STYLE_COUNT,
  STYLE_HEAD_NUMBER,
  STYLE_HEAD_TITLE,
  STYLE_BAND,
  STYLE_BAND_STATS,
  STYLE_COLUMN,
  STYLE_EXCERPT,
  STYLE_MORE,
  STYLE_APPENDIX_TITLE,
  STYLE_APPENDIX,
  STYLE_NOTE_LABEL,
  STYLE_NOTE_QUOTE,
  STYLE_NOTE,
  STYLE_FOOTER,
  N_STYLES
} Style;

typedef struct
{
  const char  *family;
  double       size;
  PangoWeight  weight;
  PangoStyle   slant;
  guint32      rgb;
  double       letter_spacing;
  double       line_spacing;  /* 0 for the font's own */
  gboolean     uppercase;
  gboolean     tabular;
} TextStyle;

static const TextStyle default_styles[N_STYLES] = {
  [STYLE_TITLE] = { "Serif", 24, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, INK, 0, 1.1, FALSE, FALSE },
  [STYLE_SUBTITLE] = { "Sans", 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, MUTED, 0, 0, FALSE, TRUE },
  [STYLE_SECTION] = { "Sans", 7.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, MUTED, 0.9, 0, TRUE, FALSE },
  [STYLE_NUMBER] = { "Sans", 9, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, INK, 0, 0, FALSE, TRUE },
  [STYLE_ROW] = { "Sans", 9, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, INK, 0, 1.15, FALSE, FALSE },
  [STYLE_ROW_MUTED] = { "Sans", 8, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, MUTED, 0, 1.15, FALSE, TRUE },
  [STYLE_COUNT] = { "Sans", 8.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, INK, 0, 0, FALSE, TRUE },
  [STYLE_HEAD_NUMBER] = { "Sans", 8.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, INK, 0, 0, FALSE, TRUE },
  [STYLE_HEAD_TITLE] = { "Sans", 6.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, MUTED, 0, 1.1, FALSE, FALSE },
  [STYLE_BAND] = { "Sans", 10.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, INK, 0, 0, FALSE, FALSE },
  [STYLE_BAND_STATS] = { "Sans", 8, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, MUTED, 0, 0, FALSE, TRUE },
  [STYLE_COLUMN] = { "Sans", 8, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, MUTED, 0, 0, FALSE, FALSE },
  [STYLE_EXCERPT] = { "Serif", 9, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, INK, 0, 1.25, FALSE, FALSE },
  [STYLE_MORE] = { "Sans", 7.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, MUTED, 0, 0, FALSE, TRUE },
  [STYLE_APPENDIX_TITLE] = { "Serif", 16, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, INK, 0, 0, FALSE, FALSE },
  [STYLE_APPENDIX] = { "Serif", 8.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, INK, 0, 1.25, FALSE, FALSE },
  [STYLE_NOTE_LABEL] = { "Sans", 6.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, INK, 0, 0, FALSE, TRUE },
  [STYLE_NOTE_QUOTE] = { "Serif", 8.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, MUTED, 0, 1.2, FALSE, FALSE },
  [STYLE_NOTE] = { "Sans", 9, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, INK, 0, 1.2, FALSE, FALSE },
  [STYLE_FOOTER] = { "Sans", 7, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, MUTED, 0, 0, FALSE, TRUE },
};

typedef enum
{
  PARA_WRAP      = 1 << 0, /* wrap at the width */
  PARA_ELLIPSIZE = 1 << 1, /* one line, cut with "…" at the width */
  PARA_TWO_LINES = 1 << 2, /* wrap, at most two lines, then "…" */
  PARA_RIGHT     = 1 << 3,
  PARA_CENTER    = 1 << 4,
  PARA_LTR       = 1 << 5, /* left to right, whatever the first letter */
  PARA_RTL       = 1 << 6, /* right to left, whatever the first letter */
} ParaFlags;

typedef struct
{
  guint   start;
  guint   end;
  guint32 rgb;
} Highlight;

/* A note's label inside a paragraph, outlined: a byte range of the
 * paragraph set in STYLE_NOTE_LABEL */
typedef struct
{
  guint start;
  guint end;
} NoteBox;

typedef struct
{
  PangoLayoutLine *line;     /* owned by the layout */
  double           top;      /* the line's band, layout coordinates */
  double           bottom;
  double           baseline;
  double           x;        /* its left edge (alignment) */
  double           ink_top;  /* its logical extents around the baseline, */
  double           ink_height; /* without line spacing: where a tint goes */
} LineInfo;

typedef struct
{
  PangoLayout *layout;
  guint32      rgb;
  LineInfo    *lines;
  guint        n_lines;
  Highlight   *highlights;
  guint        n_highlights;
  NoteBox     *boxes;
  guint        n_boxes;
  double       width;        /* logical extents of the whole layout */
  double       height;
  double       ink_x;        /* ink extents, for centering markers */
  double       ink_y;
  double       ink_width;
  double       ink_height;
} Para;

typedef enum
{
  ITEM_TEXT,
  ITEM_RECT,
  ITEM_MARKER,
} ItemKind;

typedef struct
{
  ItemKind  kind;
  double    x;
  double    y;
  double    width;
  double    height;
  guint32   rgb;
  double    alpha;
  Para     *para;       /* TEXT: the lines; MARKER: the number */
  guint     first_line;
  guint     n_lines;
} Item;

struct _CpSheet
{
  GObject parent_instance;

  CpSheetContent *content;
  double          page_width;
  double          page_height;
  double          margin_top;
  double          margin_right;
  double          margin_bottom;
  double          margin_left;

  PangoContext         *pango;
  PangoContext         *pango_ltr;  /* fixed directions (PARA_LTR, PARA_RTL), */
  PangoContext         *pango_rtl;  /* for the pieces of a long paragraph */
  TextStyle             styles[N_STYLES];
  PangoFontDescription *fonts[N_STYLES];
  GPtrArray            *paras;  /* of Para, owned */
  GPtrArray            *pages;  /* of GArray of Item; NULL until laid out */
};

G_DEFINE_FINAL_TYPE (CpSheet, cp_sheet, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONTENT,
  PROP_PAGE_WIDTH,
  PROP_PAGE_HEIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- Paper ------------------------------------------------------------ */

/**
 * cp_sheet_get_paper_size:
 * @paper: the paper
 * @n_documents: how many reviews the sheet sets side by side
 * @width: (out): the page width, in points
 * @height: (out): the page height, in points
 *
 * The page size for @paper: portrait for up to three reviews, landscape
 * for more. %CP_PAPER_DEFAULT is Letter where LC_PAPER says 216 × 279 mm,
 * A4 everywhere else.
 */
void
cp_sheet_get_paper_size (CpPaper  paper,
                         guint    n_documents,
                         double  *width,
                         double  *height)
{
  double w = A4_WIDTH;
  double h = A4_HEIGHT;

  g_return_if_fail (width != NULL);
  g_return_if_fail (height != NULL);

  if (paper == CP_PAPER_DEFAULT)
    {
#ifdef __GLIBC__
      int paper_width = (int)(intptr_t) nl_langinfo (_NL_PAPER_WIDTH);
      int paper_height = (int)(intptr_t) nl_langinfo (_NL_PAPER_HEIGHT);

      paper = paper_width == 216 && paper_height == 279 ? CP_PAPER_LETTER : CP_PAPER_A4;
#else
      paper = CP_PAPER_A4;
#endif
    }

  if (paper == CP_PAPER_LETTER)
    {
      w = LETTER_WIDTH;
      h = LETTER_HEIGHT;
    }

  if (n_documents > 3)
    {
      *width = h;
      *height = w;
    }
  else
    {
      *width = w;
      *height = h;
    }
}

/* --- Paras: measured layouts ------------------------------------------ */

static void
para_free (gpointer data)
{
  Para *para = data;

  g_clear_object (&para->layout);
  g_free (para->lines);
  g_free (para->highlights);
  g_free (para->boxes);
  g_free (para);
}

/* A tint is @rgb at @alpha blended here with the paper's white, and drawn
 * opaque: a page with any transparency goes through PostScript print paths
 * (CUPS) as one picture without text. Tints are only ever drawn on the
 * white page. */
static void
set_source_rgb (cairo_t *cr,
                guint32  rgb,
                double   alpha)
{
  double a = CLAMP (alpha, 0.0, 1.0);

  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xff) / 255.0 * a + (1 - a),
                        ((rgb >> 8) & 0xff) / 255.0 * a + (1 - a),
                        (rgb & 0xff) / 255.0 * a + (1 - a));
}

static PangoAttribute *
attr_range (PangoAttribute *attr,
            guint           start,
            guint           end)
{
  attr->start_index = start;
  attr->end_index = end;

  return attr;
}

/* Past the palette's size a topic's colour comes round again: its marks
 * get the same second cue as in the window, an underline in its colour */
static void
add_color_cue (CpSheet       *self,
               PangoAttrList *attrs,
               guint          topic,
               guint          start,
               guint          end)
{
  guint round = cp_sheet_content_get_topic_color_round (self->content, topic);
  guint32 rgb = cp_sheet_content_get_topic_rgb (self->content, topic);

  if (round == 0)
    return;
  pango_attr_list_insert (attrs, attr_range (pango_attr_underline_new (cp_color_round_get_underline (round)), start, end));
  pango_attr_list_insert (attrs, attr_range (pango_attr_underline_color_new (((rgb >> 16) & 0xff) * 257,
                                                                             ((rgb >> 8) & 0xff) * 257,
                                                                             (rgb & 0xff) * 257),
                                             start, end));
}

static PangoAttribute *
attr_foreground (guint32 rgb)
{
  return pango_attr_foreground_new (((rgb >> 16) & 0xff) * 257,
                                    ((rgb >> 8) & 0xff) * 257,
                                    (rgb & 0xff) * 257);
}

static double
to_points (int units)
{
  return (double) units / PANGO_SCALE;
}

static void
para_measure (Para *para)
{
  PangoLayoutIter *iter = pango_layout_get_iter (para->layout);
  PangoRectangle ink, logical;
  guint i = 0;

  para->n_lines = pango_layout_get_line_count (para->layout);
  para->lines = g_new0 (LineInfo, para->n_lines);

  do
    {
      LineInfo *info;
      PangoRectangle line_logical;
      int y0, y1;

      g_assert (i < para->n_lines);
      info = &para->lines[i++];
      info->line = pango_layout_iter_get_line_readonly (iter);
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &line_logical);
      info->top = to_points (y0);
      info->bottom = to_points (y1);
      info->baseline = to_points (pango_layout_iter_get_baseline (iter));
      info->x = to_points (line_logical.x);
      pango_layout_line_get_extents (info->line, NULL, &line_logical);
      info->ink_top = to_points (line_logical.y);
      info->ink_height = to_points (line_logical.height);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  para->n_lines = i;

  pango_layout_get_extents (para->layout, &ink, &logical);
  para->width = to_points (logical.width);
  para->height = para->n_lines > 0 ? para->lines[para->n_lines - 1].bottom - para->lines[0].top : 0;
  para->ink_x = to_points (ink.x);
  para->ink_y = to_points (ink.y);
  para->ink_width = to_points (ink.width);
  para->ink_height = to_points (ink.height);
}

/* A measured layout of @text (@length bytes, -1 for all) in @style; @attrs
 * (taken) adds to the style's attributes, @highlights (copied) are tints
 * drawn behind byte ranges. The sheet owns the result. */
static Para *
para_new (CpSheet         *self,
          Style            style,
          const char      *text,
          int              length,
          double           width,
          ParaFlags        flags,
          PangoAttrList   *attrs,
          const Highlight *highlights,
          guint            n_highlights)
{
  const TextStyle *ts = &self->styles[style];
  Para *para = g_new0 (Para, 1);
  PangoAttrList *list = attrs != NULL ? attrs : pango_attr_list_new ();

  if (flags & (PARA_LTR | PARA_RTL))
    {
      /* A direction of its own rather than that of its first letter;
       * without auto-dir Pango leaves the alignment to us */
      para->layout = pango_layout_new (flags & PARA_RTL ? self->pango_rtl : self->pango_ltr);
      pango_layout_set_auto_dir (para->layout, FALSE);
      if ((flags & PARA_RTL) && !(flags & PARA_CENTER))
        flags ^= PARA_RIGHT;
    }
  else
    {
      para->layout = pango_layout_new (self->pango);
    }
  para->rgb = ts->rgb;
  pango_layout_set_font_description (para->layout, self->fonts[style]);
  if (ts->line_spacing > 0)
    pango_layout_set_line_spacing (para->layout, ts->line_spacing);

  if (ts->letter_spacing > 0)
    pango_attr_list_insert_before (list, pango_attr_letter_spacing_new (ts->letter_spacing * PANGO_SCALE));
  if (ts->uppercase)
    pango_attr_list_insert_before (list, pango_attr_text_transform_new (PANGO_TEXT_TRANSFORM_UPPERCASE));
  if (ts->tabular)
    pango_attr_list_insert_before (list, pango_attr_font_features_new ("tnum 1, lnum 1"));
  pango_layout_set_attributes (para->layout, list);
  pango_attr_list_unref (list);

  if (width > 0)
    {
      pango_layout_set_width (para->layout, (int) floor (width * PANGO_SCALE));
      if (flags & PARA_ELLIPSIZE)
        {
          pango_layout_set_ellipsize (para->layout, PANGO_ELLIPSIZE_END);
          pango_layout_set_single_paragraph_mode (para->layout, TRUE);
        }
      else if (flags & PARA_TWO_LINES)
        {
          pango_layout_set_wrap (para->layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_ellipsize (para->layout, PANGO_ELLIPSIZE_END);
          pango_layout_set_height (para->layout, -2);
        }
      else
        pango_layout_set_wrap (para->layout, PANGO_WRAP_WORD_CHAR);
    }
  if (flags & PARA_RIGHT)
    pango_layout_set_alignment (para->layout, PANGO_ALIGN_RIGHT);
  else if (flags & PARA_CENTER)
    pango_layout_set_alignment (para->layout, PANGO_ALIGN_CENTER);

  pango_layout_set_text (para->layout, text, length);

  if (n_highlights > 0)
    {
      para->highlights = g_memdup2 (highlights, sizeof (Highlight) * n_highlights);
      para->n_highlights = n_highlights;
    }

  para_measure (para);
  g_ptr_array_add (self->paras, para);

  return para;
}

/* Keeps the first @n_lines lines of @para only */
static void
para_keep_lines (Para  *para,
                 guint  n_lines)
{
  g_assert (n_lines > 0 && n_lines <= para->n_lines);

  para->n_lines = n_lines;
  para->height = para->lines[n_lines - 1].bottom - para->lines[0].top;
}

/* Titles, names and labels take a line or a few: past SHORT_TEXT_MAX
 * bytes, far more than a page shows of them, they are cut, with “…”, so
 * that a title of megabytes (an imported page's metadata, say) costs no
 * more than a line. Review text goes through column_add_text (). */
#define SHORT_TEXT_MAX 1024

static char *
dup_short_text (const char *text)
{
  gsize length = strlen (text);

  if (length <= SHORT_TEXT_MAX)
    return g_strdup (text);

  length = SHORT_TEXT_MAX;
  while (length > 0 && (text[length] & 0xC0) == 0x80)
    length--;

  return g_strdup_printf ("%.*s…", (int) length, text);
}

static Para *
para_simple (CpSheet    *self,
             Style       style,
             const char *text,
             double      width,
             ParaFlags   flags)
{
  g_autofree char *shown = dup_short_text (text);

  return para_new (self, style, shown, -1, width, flags, NULL, NULL, 0);
}

static double
para_first_baseline (const Para *para)
{
  return para->n_lines > 0 ? para->lines[0].baseline - para->lines[0].top : 0;
}

/* The height of lines first … first + n - 1 */
static double
para_lines_height (const Para *para,
                   guint       first,
                   guint       n)
{
  if (n == 0)
    return 0;

  return para->lines[first + n - 1].bottom - para->lines[first].top;
}

/* --- Drawing ---------------------------------------------------------- */

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The outline around a note's label (STYLE_NOTE_LABEL), @width wide
 * from @x, on the baseline @baseline; stroked in solid ink, as topics'
 * markers are solid colour, but open, so that the two never look alike */
static void
note_box_path (cairo_t *cr,
               double   x,
               double   baseline,
               double   width)
{
  double size = default_styles[STYLE_NOTE_LABEL].size;

  rounded_rectangle (cr, x + NOTE_BOX_LINE / 2, baseline - 0.95 * size,
                     width - NOTE_BOX_LINE, 1.3 * size, 0.3 * size);
}

/* Adds to the path, for each piece of the byte range [@start, @end) on the
 * lines that @item shows, a highlight's rectangle (@box FALSE) or a note
 * label's outline (@box TRUE) */
static void
path_byte_range (cairo_t    *cr,
                 const Item *item,
                 guint       start,
                 guint       end,
                 gboolean    box)
{
  const Para *para = item->para;
  double ox = item->x;
  double oy = item->y - para->lines[item->first_line].top;

  for (guint i = item->first_line; i < item->first_line + item->n_lines; i++)
    {
      const LineInfo *info = &para->lines[i];
      int line_start = pango_layout_line_get_start_index (info->line);
      int line_end = line_start + pango_layout_line_get_length (info->line);
      int *ranges = NULL;
      int n_ranges = 0;

      if ((int) end <= line_start || (int) start >= line_end)
        continue;

      pango_layout_line_get_x_ranges (info->line, MAX ((int) start, line_start), MIN ((int) end, line_end),
                                      &ranges, &n_ranges);
      for (int r = 0; r < n_ranges; r++)
        {
          double x0 = to_points (ranges[2 * r]);
          double x1 = to_points (ranges[2 * r + 1]);

          if (box)
            note_box_path (cr, ox + x0, oy + info->baseline, x1 - x0);
          else
            cairo_rectangle (cr, ox + x0 - 0.75, oy + info->baseline + info->ink_top,
                             x1 - x0 + 1.5, info->ink_height);
        }
      g_free (ranges);
    }
}

static void
draw_text (cairo_t    *cr,
           const Item *item)
{
  const Para *para = item->para;
  double ox = item->x;
  double oy = item->y - para->lines[item->first_line].top;

  for (guint h = 0; h < para->n_highlights; h++)
    {
      set_source_rgb (cr, para->highlights[h].rgb, MARK_ALPHA);
      path_byte_range (cr, item, para->highlights[h].start, para->highlights[h].end, FALSE);
      cairo_fill (cr);
    }

  if (para->n_boxes > 0)
    {
      for (guint b = 0; b < para->n_boxes; b++)
        path_byte_range (cr, item, para->boxes[b].start, para->boxes[b].end, TRUE);
      set_source_rgb (cr, INK, 1);
      cairo_set_line_width (cr, NOTE_BOX_LINE);
      cairo_stroke (cr);
    }

  set_source_rgb (cr, para->rgb, 1);
  for (guint i = item->first_line; i < item->first_line + item->n_lines; i++)
    {
      const LineInfo *info = &para->lines[i];

      cairo_move_to (cr, ox + info->x, oy + info->baseline);
      pango_cairo_show_layout_line (cr, info->line);
    }
}

static void
draw_marker (cairo_t    *cr,
             const Item *item)
{
  const Para *number = item->para;
  double size = item->width;

  set_source_rgb (cr, item->rgb, 1);
  rounded_rectangle (cr, item->x, item->y, size, size, size * 0.22);
  cairo_fill (cr);

  set_source_rgb (cr, number->rgb, 1);
  cairo_move_to (cr,
                 item->x + (size - number->ink_width) / 2 - number->ink_x,
                 item->y + (size - number->ink_height) / 2 - number->ink_y);
  pango_cairo_show_layout (cr, number->layout);
}

static void
draw_item (cairo_t    *cr,
           const Item *item)
{
  switch (item->kind)
    {
    case ITEM_TEXT:
      draw_text (cr, item);
      break;

    case ITEM_RECT:
      set_source_rgb (cr, item->rgb, item->alpha);
      cairo_rectangle (cr, item->x, item->y, item->width, item->height);
      cairo_fill (cr);
      break;

    case ITEM_MARKER:
      draw_marker (cr, item);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* --- Colors ----------------------------------------------------------- */

static double
linear_channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* The relative luminance (WCAG) of @rgb blended at @alpha over white */
static double
luminance_over_white (guint32 rgb,
                      double  alpha)
{
  double r = ((rgb >> 16) & 0xff) / 255.0 * alpha + (1 - alpha);
  double g = ((rgb >> 8) & 0xff) / 255.0 * alpha + (1 - alpha);
  double b = (rgb & 0xff) / 255.0 * alpha + (1 - alpha);

  return 0.2126 * linear_channel (r) + 0.7152 * linear_channel (g) + 0.0722 * linear_channel (b);
}

/* Black or white, whichever contrasts more with @rgb at @alpha on white */
static guint32
text_color_on (guint32 rgb,
               double  alpha)
{
  double l = luminance_over_white (rgb, alpha);

  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? 0x000000 : 0xffffff;
}

/* --- Flow: placing items on pages -------------------------------------- */

typedef struct
{
  CpSheet *self;
  GArray  *page;
  double   y;
  double   top;
  double   bottom;
  double   left;
  double   width;
  /* Columns, one per review */
  guint    n_columns;
  double   column_width;
  double   column_gap;
} Flow;

static void
flow_new_page (Flow *flow)
{
  flow->page = g_array_new (FALSE, TRUE, sizeof (Item));
  g_ptr_array_add (flow->self->pages, flow->page);
  flow->y = flow->top;
}

static gboolean
flow_at_top (const Flow *flow)
{
  return flow->y <= flow->top + 0.001;
}

static gboolean
flow_fits (const Flow *flow,
           double      height)
{
  return flow->y + height <= flow->bottom + 0.001;
}

static double
flow_column_x (const Flow *flow,
               guint       column)
{
  return flow->left + column * (flow->column_width + flow->column_gap);
}

static void
flow_add_lines (Flow   *flow,
                Para   *para,
                double  x,
                double  y,
                guint   first_line,
                guint   n_lines)
{
  Item item = { 0 };

  if (n_lines == 0)
    return;

  item.kind = ITEM_TEXT;
  item.x = x;
  item.y = y;
  item.width = para->width;
  item.height = para_lines_height (para, first_line, n_lines);
  item.para = para;
  item.first_line = first_line;
  item.n_lines = n_lines;
  g_array_append_val (flow->page, item);
}

static void
flow_add_para (Flow   *flow,
               Para   *para,
               double  x,
               double  y)
{
  flow_add_lines (flow, para, x, y, 0, para->n_lines);
}

static void
flow_add_rect (Flow    *flow,
               double   x,
               double   y,
               double   width,
               double   height,
               guint32  rgb,
               double   alpha)
{
  Item item = { 0 };

  item.kind = ITEM_RECT;
  item.x = x;
  item.y = y;
  item.width = width;
  item.height = height;
  item.rgb = rgb;
  item.alpha = alpha;
  g_array_append_val (flow->page, item);
}

static void
flow_add_marker (Flow   *flow,
                 guint   topic,
                 double  x,
                 double  y,
                 double  size)
{
  CpSheet *self = flow->self;
  g_autofree char *number = g_strdup_printf ("%u", topic + 1);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold");
  PangoAttrList *attrs = pango_attr_list_new ();
  guint32 rgb = cp_sheet_content_get_topic_rgb (self->content, topic);
  Item item = { 0 };

  /* Two digits take a smaller size to stay inside the square */
  pango_font_description_set_size (font, (strlen (number) > 1 ? 0.5 : 0.62) * size * PANGO_SCALE);
  pango_attr_list_insert (attrs, pango_attr_font_desc_new (font));
  item.kind = ITEM_MARKER;
  item.x = x;
  item.y = y;
  item.width = size;
  item.height = size;
  item.rgb = rgb;
  item.alpha = 1;
  item.para = para_new (self, STYLE_NUMBER, number, -1, 0, 0, attrs, NULL, 0);
  item.para->rgb = text_color_on (rgb, 1);
  g_array_append_val (flow->page, item);
}

/* A small uppercase label over a rule; on page 1's sections. @keep is the
 * height that must fit under it (its first row), or it starts a page. */
static void
flow_section (Flow       *flow,
              const char *label,
              gboolean    continued,
              double      keep)
{
  g_autofree char *text = continued ? g_strdup_printf (_("%s (continued)"), label) : g_strdup (label);
  Para *para = para_simple (flow->self, STYLE_SECTION, text, flow->width, PARA_ELLIPSIZE);
  double gap = flow_at_top (flow) ? 0 : SECTION_GAP;
  double height = para->height + 3 + RULE_WIDTH + 5;

  if (!flow_fits (flow, gap + height + keep) && !flow_at_top (flow))
    {
      flow_new_page (flow);
      gap = 0;
    }

  flow->y += gap;
  flow_add_para (flow, para, flow->left, flow->y);
  flow->y += para->height + 3;
  flow_add_rect (flow, flow->left, flow->y, flow->width, RULE_WIDTH, RULE, 1);
  flow->y += RULE_WIDTH + 5;
}

/* --- Page 1: title, reviews, legend ------------------------------------ */

/* A topic's name in the legend and the matrix: underlined like its marks
 * when its colour comes round again, so that the legend tells the two
 * topics of one colour apart too */
static Para *
para_topic_label (CpSheet *self,
                  guint    topic,
                  double   width)
{
  g_autofree char *text = dup_short_text (cp_sheet_content_get_topic_label (self->content, topic));
  PangoAttrList *attrs = pango_attr_list_new ();

  add_color_cue (self, attrs, topic, 0, strlen (text));
  return para_new (self, STYLE_ROW, text, -1, width, PARA_ELLIPSIZE, attrs, NULL, 0);
}


static char *
format_date (GDateTime *date)
{
  g_autofree char *text = NULL;

  if (date == NULL)
    return NULL;

  /* TRANSLATORS: the date on a comparison sheet; see g_date_time_format() */
  text = g_date_time_format (date, C_("sheet date", "%-e %B %Y"));
  if (text == NULL)
    return NULL;

  return g_strdup (g_strstrip (text));
}

static void
flow_title (Flow *flow)
{
  CpSheet *self = flow->self;
  guint n_documents = cp_sheet_content_get_n_documents (self->content);
  g_autofree char *date = format_date (cp_sheet_content_get_date (self->content));
  g_autofree char *reviews = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u review", "%u reviews", n_documents),
                                              n_documents);
  g_autofree char *subtitle = date != NULL ? g_strdup_printf ("%s  ·  %s", date, reviews) : g_strdup (reviews);
  Para *title = para_simple (self, STYLE_TITLE, cp_sheet_content_get_title (self->content),
                             flow->width, PARA_WRAP);
  Para *sub = para_simple (self, STYLE_SUBTITLE, subtitle, flow->width, PARA_WRAP);

  flow_add_para (flow, title, flow->left, flow->y);
  flow->y += title->height + 5;
  flow_add_para (flow, sub, flow->left, flow->y);
  flow->y += sub->height;
}

/* Places @paras side by side at @xs with their first baselines aligned;
 * returns the row's height. */
static double
flow_baseline_row (Flow    *flow,
                   Para   **paras,
                   double  *xs,
                   guint    n,
                   double   y)
{
  double baseline = 0;
  double height = 0;

  for (guint i = 0; i < n; i++)
    baseline = MAX (baseline, para_first_baseline (paras[i]));

  for (guint i = 0; i < n; i++)
    {
      double top = baseline - para_first_baseline (paras[i]);

      flow_add_para (flow, paras[i], xs[i], y + top);
      height = MAX (height, top + paras[i]->height);
    }

  return height;
}

static void
flow_reviews (Flow *flow)
{
  CpSheet *self = flow->self;
  guint n_documents = cp_sheet_content_get_n_documents (self->content);
  const double gap = 12;
  const double number_width = 16;
  const double words_width = 72;
  double rest = flow->width - number_width - words_width - 3 * gap;
  double name_width = floor (rest * 0.34);
  double title_width = rest - name_width;
  double xs[4];

  xs[0] = flow->left;
  xs[1] = xs[0] + number_width + gap;
  xs[2] = xs[1] + title_width + gap;
  xs[3] = xs[2] + name_width + gap;

  for (guint d = 0; d < n_documents; d++)
    {
      g_autofree char *number = g_strdup_printf ("%u", d + 1);
      guint n_words = cp_sheet_content_get_document_words (self->content, d);
      g_autofree char *words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u word", "%'u words", n_words),
                                                n_words);
      const char *byline = cp_sheet_content_get_document_byline (self->content, d);
      const char *name = cp_sheet_content_get_document_name (self->content, d);
      /* Who wrote it and where, when its source says, above the file */
      g_autofree char *source = byline != NULL ? g_strconcat (byline, "\n", name, NULL) : g_strdup (name);
      Para *paras[4];
      GArray *page;
      guint mark;
      double height;

      paras[0] = para_simple (self, STYLE_NUMBER, number, number_width, PARA_RIGHT);
      paras[1] = para_simple (self, STYLE_ROW, cp_sheet_content_get_document_title (self->content, d),
                              title_width, PARA_WRAP);
      paras[2] = para_simple (self, STYLE_ROW_MUTED, source, name_width, PARA_WRAP);
      paras[3] = para_simple (self, STYLE_ROW_MUTED, words, words_width, PARA_RIGHT);

      if (d == 0)
        flow_section (flow, _("Reviews"), FALSE, paras[1]->height + 2 * ROW_PADDING);

      /* Lay the row out, then move it to the next page if it ran over */
      page = flow->page;
      mark = page->len;
      height = flow_baseline_row (flow, paras, xs, 4, flow->y + ROW_PADDING) + 2 * ROW_PADDING;
      if (!flow_fits (flow, height))
        {
          g_array_set_size (page, mark);
          flow_new_page (flow);
          flow_section (flow, _("Reviews"), TRUE, 0);
          height = flow_baseline_row (flow, paras, xs, 4, flow->y + ROW_PADDING) + 2 * ROW_PADDING;
        }
      flow->y += height;
      if (d + 1 < n_documents)
        flow_add_rect (flow, flow->left, flow->y - FAINT_WIDTH / 2, flow->width, FAINT_WIDTH, FAINT, 1);
    }
}

static void
flow_legend (Flow *flow)
{
  CpSheet *self = flow->self;
  guint n_topics = cp_sheet_content_get_n_topics (self->content);
  const double gap = 12;
  guint n_columns = MAX (1, (guint) ((flow->width + gap) / (LEGEND_MIN_WIDTH + gap)));
  double column_width = (flow->width - (n_columns - 1) * gap) / n_columns;

  if (n_topics == 0)
    return;

  n_columns = MIN (n_columns, n_topics);
  flow_section (flow, _("Topics"), FALSE, LEGEND_ROW);

  for (guint t = 0; t < n_topics; t += n_columns)
    {
      if (!flow_fits (flow, LEGEND_ROW))
        {
          flow_new_page (flow);
          flow_section (flow, _("Topics"), TRUE, LEGEND_ROW);
        }

      for (guint c = 0; c < n_columns && t + c < n_topics; c++)
        {
          double x = flow->left + c * (column_width + gap);
          Para *label = para_topic_label (self, t + c, column_width - MARKER_SMALL - 6);
          double y = flow->y + (LEGEND_ROW - MARKER_SMALL) / 2;

          flow_add_marker (flow, t + c, x, y, MARKER_SMALL);
          flow_add_para (flow, label, x + MARKER_SMALL + 6, flow->y + (LEGEND_ROW - label->height) / 2);
        }
      flow->y += LEGEND_ROW;
    }
}

/* --- Page 1: the coverage matrix --------------------------------------- */

typedef struct
{
  double label_width;
  double cell_width;
  Para **numbers;
  Para **titles;      /* NULL entries where the cell is too narrow */
  double head_height;
} Matrix;

static void
flow_matrix_head (Flow         *flow,
                  const Matrix *matrix,
                  guint         n_documents)
{
  double top = flow->y;

  for (guint d = 0; d < n_documents; d++)
    {
      double x = flow->left + matrix->label_width + d * matrix->cell_width;

      flow_add_para (flow, matrix->numbers[d], x, top);
      if (matrix->titles[d] != NULL)
        flow_add_para (flow, matrix->titles[d], x + 3, top + matrix->numbers[d]->height + 1);
    }
  flow->y += matrix->head_height + 3;
  flow_add_rect (flow, flow->left, flow->y,
                 matrix->label_width + n_documents * matrix->cell_width, RULE_WIDTH, RULE, 1);
  flow->y += RULE_WIDTH + 2;
}

static void
flow_matrix (Flow *flow)
{
  CpSheet *self = flow->self;
  CpSheetContent *content = self->content;
  guint n_documents = cp_sheet_content_get_n_documents (content);
  guint n_topics = cp_sheet_content_get_n_topics (content);
  guint max_count = cp_sheet_content_get_max_count (content);
  Matrix matrix = { 0 };
  double inset = 0.75;
  double row;

  if (n_documents == 0 || n_topics == 0)
    return;

  matrix.label_width = MIN (MATRIX_MAX_LABEL, floor (flow->width * 0.34));
  matrix.cell_width = MIN (MATRIX_MAX_CELL, (flow->width - matrix.label_width) / n_documents);
  matrix.numbers = g_new0 (Para *, n_documents);
  matrix.titles = g_new0 (Para *, n_documents);
  for (guint d = 0; d < n_documents; d++)
    {
      g_autofree char *number = g_strdup_printf ("%u", d + 1);
      double height;

      matrix.numbers[d] = para_simple (self, STYLE_HEAD_NUMBER, number, matrix.cell_width, PARA_CENTER);
      height = matrix.numbers[d]->height;
      if (matrix.cell_width >= MATRIX_TITLE_MIN)
        {
          matrix.titles[d] = para_simple (self, STYLE_HEAD_TITLE,
                                          cp_sheet_content_get_document_title (content, d),
                                          matrix.cell_width - 6, PARA_TWO_LINES | PARA_CENTER);
          height += 1 + matrix.titles[d]->height;
        }
      matrix.head_height = MAX (matrix.head_height, height);
    }

  flow_section (flow, _("Mentions per review"), FALSE, matrix.head_height + 5 + MATRIX_ROW);
  flow_matrix_head (flow, &matrix, n_documents);

  /* Tighter rows rather than a few of them alone on the next page */
  row = MATRIX_ROW;
  if (!flow_fits (flow, n_topics * row) && flow_fits (flow, n_topics * MATRIX_MIN_ROW))
    row = floor ((flow->bottom - flow->y) / n_topics * 4) / 4;

  for (guint t = 0; t < n_topics; t++)
    {
      Para *label;

      if (!flow_fits (flow, row))
        {
          flow_new_page (flow);
          flow_section (flow, _("Mentions per review"), TRUE, 0);
          flow_matrix_head (flow, &matrix, n_documents);
        }

      flow_add_marker (flow, t, flow->left, flow->y + (row - MARKER_SMALL) / 2, MARKER_SMALL);
      label = para_topic_label (self, t, matrix.label_width - MARKER_SMALL - 14);
      flow_add_para (flow, label, flow->left + MARKER_SMALL + 6, flow->y + (row - label->height) / 2);

      for (guint d = 0; d < n_documents; d++)
        {
          guint count = cp_sheet_content_get_count (content, t, d);
          double x = flow->left + matrix.label_width + d * matrix.cell_width;

          if (count > 0)
            {
              g_autofree char *text = g_strdup_printf ("%u", count);
              guint32 rgb = cp_sheet_content_get_topic_rgb (content, t);
              double alpha = MAX (MATRIX_MIN_ALPHA, MATRIX_MAX_ALPHA * count / MAX (max_count, 1));
              Para *number = para_simple (self, STYLE_COUNT, text, matrix.cell_width, PARA_CENTER);

              number->rgb = text_color_on (rgb, alpha) == 0 ? INK : 0xffffff;
              flow_add_rect (flow, x + inset, flow->y + inset,
                             matrix.cell_width - 2 * inset, row - 2 * inset, rgb, alpha);
              flow_add_para (flow, number, x, flow->y + (row - number->height) / 2);
            }
          else
            {
              flow_add_rect (flow, x + matrix.cell_width / 2 - 3, flow->y + row / 2 - 0.3,
                             6, 0.6, RULE, 1);
            }
        }
      flow->y += row;
    }

  g_free (matrix.numbers);
  g_free (matrix.titles);
}

/* --- Columns: excerpts and full texts ---------------------------------- */

typedef struct
{
  Para   *para;
  double  gap;    /* space above it, unless it starts a page */
} Chunk;

typedef struct
{
  GArray *chunks;  /* of Chunk */
  guint   chunk;   /* where the column goes on */
  guint   line;
} Column;

typedef struct _Columns Columns;
typedef double (*HeadingFunc) (Flow     *flow,
                               Columns  *columns,
                               gboolean  continued,
                               gboolean  measure);

struct _Columns
{
  Column      *columns;
  guint        n_columns;
  HeadingFunc  heading;
  gpointer     data;
  Para       **column_heads;
};

static void
column_add (Column *column,
            Para   *para,
            double  gap)
{
  Chunk chunk = { para, gap };

  g_array_append_val (column->chunks, chunk);
}

/* Long text is laid out in pieces, each a PangoLayout of its own. Pango
 * breaks a word wider than a line by trying it character by character,
 * shaping again at each, so one unbroken run of n characters costs n²
 * (a word of 100,000 letters took 12 s) and a run of megabytes outgrows
 * Pango's units and is not wrapped at all. A piece holds at most
 * PIECE_MAX_BYTES, and ends inside a run without a break opportunity once
 * that run is run_limit characters long (more in wider columns, so that a
 * piece still holds a few lines); it ends on a grapheme boundary. Every
 * line of a piece but its last is kept, and the next piece starts where
 * that last line did: the lines come out as one layout would set them. */
#define PIECE_MAX_BYTES  16384
#define PIECE_SCAN_BYTES 4096
#define RUN_MIN_CHARS    256

/* Whether @text has more than @limit bytes without white space */
static gboolean
has_long_run (const char *text,
              gsize       length,
              guint       limit)
{
  guint run = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (g_ascii_isspace (text[i]))
        run = 0;
      else if (++run > limit)
        return TRUE;
    }

  return FALSE;
}

static gsize
utf8_align (const char *text,
            gsize       offset)
{
  while (offset > 0 && (text[offset] & 0xC0) == 0x80)
    offset--;

  return offset;
}

/* Where the piece of @text (@length bytes) from @start ends */
static gsize
piece_end (const char *text,
           gsize       start,
           gsize       length,
           guint       run_limit)
{
  gsize limit = length - start > PIECE_MAX_BYTES ? utf8_align (text, start + PIECE_MAX_BYTES) : length;
  g_autofree PangoLogAttr *attrs = NULL;
  gsize last_cursor = start;
  guint run = 0;

  if (!has_long_run (text + start, limit - start, run_limit))
    {
      /* Words and spaces: end before the last space, which is always a
       * grapheme boundary */
      if (limit < length)
        {
          for (gsize i = limit; i > start; i--)
            {
              if (text[i] == ' ')
                return i;
            }
        }
      return limit;
    }

  /* Windows of the text: a small one first, for the run that goes on */
  attrs = g_new (PangoLogAttr, PIECE_SCAN_BYTES + 1);
  for (gsize pos = start, window = MIN (4 * (gsize) run_limit, PIECE_SCAN_BYTES); pos < limit;
       window = PIECE_SCAN_BYTES)
    {
      gsize end = limit - pos > window ? utf8_align (text, pos + window) : limit;
      glong n = g_utf8_strlen (text + pos, end - pos);
      const char *p = text + pos;

      pango_get_log_attrs (text + pos, end - pos, -1, pango_language_get_default (), attrs, n + 1);
      for (glong i = 0; i < n; i++, p = g_utf8_next_char (p))
        {
          /* The start of a later window is no boundary: the text goes on */
          if (i > 0 || pos == start)
            {
              if (attrs[i].is_line_break)
                run = 0;
              if (attrs[i].is_cursor_position)
                last_cursor = p - text;
            }
          if (run >= run_limit && last_cursor == (gsize) (p - text) && last_cursor > start)
            return last_cursor;
          run++;
        }
      pos = end;
    }

  /* One grapheme as long as a piece is cut where the piece ends */
  return limit == length || last_cursor == start ? limit : last_cursor;
}

/* A note's label with a thin space on each side, inside its box; no-break
 * joiners keep it on one line */
static void
append_note_label (GString        *out,
                   CpSheetContent *content,
                   guint           note)
{
  g_autofree char *label = cp_sheet_content_dup_note_label (content, note);

  g_string_append (out, "\u2009\u2060");
  g_string_append (out, label);
  g_string_append (out, "\u2060\u2009");
}

/* Adds to @column the paragraph @text (@length bytes) wrapped at @width,
 * in pieces when it is long. @marks, in order, are set in bold on their
 * topic's tint; their offsets less @offset are offsets into @text.
 * @boxes, in order, are notes' labels, offsets into @text. */
static void
column_add_text (CpSheet           *self,
                 Column            *column,
                 Style              style,
                 const char        *text,
                 gsize              length,
                 const CpSheetMark *marks,
                 guint              n_marks,
                 gsize              offset,
                 const NoteBox     *boxes,
                 guint              n_boxes,
                 double             width,
                 double             gap)
{
  guint run_limit = MAX (RUN_MIN_CHARS, (guint) width);
  ParaFlags flags = PARA_WRAP;
  gsize start = 0;
  guint m = 0;

  do
    {
      gsize end = piece_end (text, start, length, run_limit);
      PangoAttrList *attrs = pango_attr_list_new ();
      g_autoptr(GArray) highlights = g_array_new (FALSE, FALSE, sizeof (Highlight));
      g_autoptr(GArray) note_boxes = g_array_new (FALSE, FALSE, sizeof (NoteBox));
      Para *para;

      while (m < n_marks && marks[m].end <= offset + start)
        m++;
      for (guint i = m; i < n_marks && marks[i].start < offset + end; i++)
        {
          Highlight hl;

          hl.start = MAX (marks[i].start, offset + start) - (offset + start);
          hl.end = MIN (marks[i].end, offset + end) - (offset + start);
          hl.rgb = cp_sheet_content_get_topic_rgb (self->content, marks[i].topic);
          if (hl.end <= hl.start)
            continue;
          pango_attr_list_insert (attrs, attr_range (pango_attr_weight_new (PANGO_WEIGHT_BOLD), hl.start, hl.end));
          add_color_cue (self, attrs, marks[i].topic, hl.start, hl.end);
          g_array_append_val (highlights, hl);
        }

      for (guint i = 0; i < n_boxes; i++)
        {
          NoteBox box;

          if (boxes[i].end <= start || boxes[i].start >= end)
            continue;
          box.start = MAX (boxes[i].start, start) - start;
          box.end = MIN (boxes[i].end, end) - start;
          pango_attr_list_insert (attrs, attr_range (pango_attr_font_desc_new (self->fonts[STYLE_NOTE_LABEL]),
                                                     box.start, box.end));
          pango_attr_list_insert (attrs, attr_range (attr_foreground (INK), box.start, box.end));
          g_array_append_val (note_boxes, box);
        }

      para = para_new (self, style, text + start, end - start, width, flags, attrs,
                       (Highlight *)(void *) highlights->data, highlights->len);
      if (note_boxes->len > 0)
        {
          para->n_boxes = note_boxes->len;
          para->boxes = (NoteBox *) (void *) g_array_free (g_steal_pointer (&note_boxes), FALSE);
        }
      /* The next pieces take the direction the first one found */
      if (start == 0)
        flags |= pango_layout_line_get_resolved_direction (para->lines[0].line) == PANGO_DIRECTION_RTL
          ? PARA_RTL : PARA_LTR;

      column_add (column, para, gap);
      /* The next piece goes on after the leading that Pango puts
       * between lines */
      gap = 0;
      if (end < length && para->n_lines > 1)
        {
          const LineInfo *last = &para->lines[para->n_lines - 1];

          end = start + pango_layout_line_get_start_index (last->line);
          gap = last->top - last[-1].bottom;
          para_keep_lines (para, para->n_lines - 1);
        }
      start = end;
    }
  while (start < length);
}

static gboolean
column_done (const Column *column)
{
  return column->chunk >= column->chunks->len;
}

/* Height of the first @n_lines lines still to place in @column */
static double
column_head_height (const Column *column,
                    guint         n_lines)
{
  double height = 0;
  guint chunk = column->chunk;
  guint line = column->line;

  while (n_lines > 0 && chunk < column->chunks->len)
    {
      const Chunk *c = &g_array_index (column->chunks, Chunk, chunk);
      guint n = MIN (n_lines, c->para->n_lines - line);

      if (line == 0 && height > 0)
        height += c->gap;
      height += para_lines_height (c->para, line, n);
      n_lines -= n;
      line += n;
      if (line >= c->para->n_lines)
        {
          chunk++;
          line = 0;
        }
    }

  return height;
}

/* Places as many lines of @column as fit in @available from @y; returns
 * the height used. */
static double
column_place (Flow     *flow,
              Column   *column,
              double    x,
              double    y,
              double    available,
              gboolean  force)
{
  double used = 0;

  while (!column_done (column))
    {
      const Chunk *c = &g_array_index (column->chunks, Chunk, column->chunk);
      double gap = column->line == 0 && used > 0 ? c->gap : 0;
      guint n = 0;
      double height = 0;

      while (column->line + n < c->para->n_lines)
        {
          double h = para_lines_height (c->para, column->line, n + 1);

          if (gap + h > available - used + 0.001)
            break;
          height = h;
          n++;
        }
      /* A line taller than a whole page goes anyway, or nothing would */
      if (n == 0 && force && used == 0)
        {
          n = 1;
          height = para_lines_height (c->para, column->line, 1);
        }
      if (n == 0)
        break;

      flow_add_lines (flow, c->para, x, y + used + gap, column->line, n);
      used += gap + height;
      column->line += n;
      if (column->line >= c->para->n_lines)
        {
          column->chunk++;
          column->line = 0;
        }
      else
        break;
    }

  return used;
}

static double
flow_column_heads (Flow     *flow,
                   Columns  *columns,
                   gboolean  measure)
{
  double height = 0;

  for (guint c = 0; c < columns->n_columns; c++)
    height = MAX (height, columns->column_heads[c]->height);
  height += 3 + RULE_WIDTH + 6;

  if (measure)
    return height;

  for (guint c = 0; c < columns->n_columns; c++)
    {
      double x = flow_column_x (flow, c);

      flow_add_para (flow, columns->column_heads[c], x, flow->y);
      flow_add_rect (flow, x, flow->y + height - 6 - RULE_WIDTH, flow->column_width, RULE_WIDTH, RULE, 1);
    }
  flow->y += height;

  return height;
}

/* Flows @columns from the current position: the heading and the column
 * headings, then the columns side by side, each going on where it left
 * off on the next page, under the headings again. Keeps the headings and
 * two lines together. */
static void
flow_columns (Flow    *flow,
              Columns *columns,
              double   gap_above)
{
  double heading = columns->heading (flow, columns, FALSE, TRUE) + flow_column_heads (flow, columns, TRUE);
  double keep = 0;
  double body = 0;
  gboolean continued = FALSE;

  for (guint c = 0; c < columns->n_columns; c++)
    {
      keep = MAX (keep, column_head_height (&columns->columns[c], 2));
      body = MAX (body, column_head_height (&columns->columns[c], G_MAXUINT));
    }

  if (!flow_at_top (flow))
    {
      double overflow = flow->y + gap_above + heading + body - flow->bottom;

      /* Rather than a page with a few lines under “(continued)”, start
       * on a new page a band that fits on one */
      if (!flow_fits (flow, gap_above + heading + keep) ||
          (overflow > 0 && overflow <= SMALL_OVERFLOW && heading + body <= flow->bottom - flow->top))
        flow_new_page (flow);
      else
        flow->y += gap_above;
    }

  for (;;)
    {
      double used = 0;
      gboolean done = TRUE;

      columns->heading (flow, columns, continued, FALSE);
      flow_column_heads (flow, columns, FALSE);
      for (guint c = 0; c < columns->n_columns; c++)
        {
          double height = column_place (flow, &columns->columns[c], flow_column_x (flow, c),
                                        flow->y, flow->bottom - flow->y, continued);

          used = MAX (used, height);
          done = done && column_done (&columns->columns[c]);
        }
      flow->y += used;
      if (done)
        break;

      flow_new_page (flow);
      continued = TRUE;
    }
}

/* A review's number in bold and its title: over its column, and over its
 * notes */
static Para *
para_review_head (CpSheet *self,
                  guint    document,
                  double   width)
{
  g_autofree char *title = dup_short_text (cp_sheet_content_get_document_title (self->content, document));
  g_autofree char *text = g_strdup_printf ("%u  %s", document + 1, title);
  g_autofree char *number = g_strdup_printf ("%u", document + 1);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, attr_range (pango_attr_weight_new (PANGO_WEIGHT_BOLD), 0, strlen (number)));
  pango_attr_list_insert (attrs, attr_range (attr_foreground (INK), 0, strlen (number)));

  return para_new (self, STYLE_COLUMN, text, -1, width, PARA_ELLIPSIZE, attrs, NULL, 0);
}

static void
columns_init (Columns     *columns,
              Flow        *flow,
              HeadingFunc  heading,
              gpointer     data)
{
  CpSheet *self = flow->self;

  columns->n_columns = flow->n_columns;
  columns->columns = g_new0 (Column, flow->n_columns);
  columns->column_heads = g_new0 (Para *, flow->n_columns);
  columns->heading = heading;
  columns->data = data;

  for (guint d = 0; d < flow->n_columns; d++)
    {
      columns->column_heads[d] = para_review_head (self, d, flow->column_width);
      columns->columns[d].chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));
    }
}

static void
columns_clear (Columns *columns)
{
  for (guint c = 0; c < columns->n_columns; c++)
    g_array_unref (columns->columns[c].chunks);
  g_free (columns->columns);
  g_free (columns->column_heads);
}

/* --- Bands ------------------------------------------------------------- */

typedef struct
{
  guint  topic;
  Para  *label;
  Para  *continued;
  Para  *stats;
} BandHeading;

static double
flow_band_heading (Flow     *flow,
                   Columns  *columns,
                   gboolean  continued,
                   gboolean  measure)
{
  BandHeading *band = columns->data;
  CpSheet *self = flow->self;
  const double padding = 7;
  double label_x = flow->left + padding + MARKER_LARGE + 7;
  double label_width = flow->width - (label_x - flow->left) - band->stats->width - 2 * padding - 12;
  double height = BAND_BAR + 8;
  Para *label;

  if (measure)
    return height;

  if (continued && band->continued == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s (continued)"),
                                               cp_sheet_content_get_topic_label (self->content, band->topic));

      band->continued = para_simple (self, STYLE_BAND, text, label_width, PARA_ELLIPSIZE);
    }
  label = continued ? band->continued : band->label;

  flow_add_rect (flow, flow->left, flow->y, flow->width, BAND_BAR,
                 cp_sheet_content_get_topic_rgb (self->content, band->topic), BAND_BAR_ALPHA);
  flow_add_marker (flow, band->topic, flow->left + padding, flow->y + (BAND_BAR - MARKER_LARGE) / 2,
                   MARKER_LARGE);
  flow_add_para (flow, label, label_x, flow->y + (BAND_BAR - label->height) / 2);
  flow_add_para (flow, band->stats, flow->left + flow->width - padding - band->stats->width,
                 flow->y + (BAND_BAR - label->height) / 2 + para_first_baseline (label)
                 - para_first_baseline (band->stats));
  flow->y += height;

  return height;
}

static void
flow_band (Flow  *flow,
           guint  band)
{
  CpSheet *self = flow->self;
  CpSheetContent *content = self->content;
  guint topic = cp_sheet_content_get_band_topic (content, band);
  guint n_documents = cp_sheet_content_get_n_documents (content);
  guint total = 0;
  guint spread = 0;
  g_autofree char *in_reviews = NULL;
  g_autofree char *mentions = NULL;
  g_autofree char *stats = NULL;
  BandHeading heading = { 0 };
  Columns columns = { 0 };

  for (guint d = 0; d < n_documents; d++)
    {
      guint count = cp_sheet_content_get_count (content, topic, d);

      total += count;
      spread += count > 0;
    }

  /* TRANSLATORS: in a band heading: “in 3 of 4 reviews · 17 mentions” */
  in_reviews = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u of %u review", "in %u of %u reviews",
                                             n_documents),
                                spread, n_documents);
  mentions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u mention", "%'u mentions", total), total);
  stats = g_strdup_printf ("%s  ·  %s", in_reviews, mentions);

  heading.topic = topic;
  heading.stats = para_simple (self, STYLE_BAND_STATS, stats, flow->width / 2, PARA_ELLIPSIZE);
  heading.label = para_simple (self, STYLE_BAND, cp_sheet_content_get_topic_label (content, topic),
                               flow->width - heading.stats->width - 2 * 7 - MARKER_LARGE - 7 - 12,
                               PARA_ELLIPSIZE);

  columns_init (&columns, flow, flow_band_heading, &heading);
  for (guint d = 0; d < n_documents; d++)
    {
      Column *column = &columns.columns[d];
      guint n_excerpts = cp_sheet_content_get_n_excerpts (content, band, d);
      guint n_more = cp_sheet_content_get_n_more (content, band, d);

      for (guint e = 0; e < n_excerpts; e++)
        {
          const CpSheetExcerpt *excerpt = cp_sheet_content_get_excerpt (content, band, d, e);
          g_autoptr(GString) text = g_string_new (excerpt->text);
          g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (NoteBox));

          /* The labels of the notes it touches, after it */
          for (guint n = 0; n < excerpt->n_notes; n++)
            {
              NoteBox box;

              g_string_append_c (text, ' ');
              box.start = text->len;
              append_note_label (text, content, excerpt->notes[n]);
              box.end = text->len;
              g_array_append_val (boxes, box);
            }

          column_add_text (self, column, STYLE_EXCERPT, text->str, text->len,
                           excerpt->marks, excerpt->n_marks, 0,
                           (const NoteBox *) (void *) boxes->data, boxes->len,
                           flow->column_width, EXCERPT_GAP);
        }

      if (n_more > 0)
        {
          /* TRANSLATORS: under the excerpts of a cell: how many were left out */
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+ %u more", "+ %u more", n_more),
                                                   n_more);

          column_add (column, para_simple (self, STYLE_MORE, more, flow->column_width, PARA_WRAP), 4);
        }

      if (n_excerpts == 0 && n_more == 0)
        {
          Para *dash = para_simple (self, STYLE_EXCERPT, "—", flow->column_width, 0);

          dash->rgb = RULE;
          column_add (column, dash, 0);
        }
    }

  flow_columns (flow, &columns, BAND_GAP);
  columns_clear (&columns);
}

/* --- Notes ------------------------------------------------------------- */

typedef struct
{
  Flow  *flow;
  Para  *title;
  Para  *continued;
  Para  *review;     /* the head of the review whose notes are placed */
} NotesFlow;

/* The section's title, and the head of the review under it */
static void
notes_heading (NotesFlow *notes,
               gboolean   continued)
{
  Flow *flow = notes->flow;
  Para *title;

  if (continued && notes->continued == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s (continued)"), _("Notes"));

      notes->continued = para_simple (flow->self, STYLE_APPENDIX_TITLE, text, flow->width, PARA_ELLIPSIZE);
    }
  title = continued ? notes->continued : notes->title;
  flow_add_para (flow, title, flow->left, flow->y);
  flow->y += title->height + 10;
}

static double
review_head_height (const Para *head)
{
  return head->height + 3 + RULE_WIDTH + 6;
}

static void
notes_review_head (NotesFlow *notes)
{
  Flow *flow = notes->flow;

  flow_add_para (flow, notes->review, flow->left, flow->y);
  flow_add_rect (flow, flow->left, flow->y + notes->review->height + 3, flow->width, RULE_WIDTH, RULE, 1);
  flow->y += review_head_height (notes->review);
}

static void
notes_new_page (NotesFlow *notes)
{
  flow_new_page (notes->flow);
  notes_heading (notes, TRUE);
  notes_review_head (notes);
}

/* Every note, under its review's number and title: its label in the
 * margin, the passage it is on, quoted, then what the reader wrote. A
 * note runs on to the next page when it must, under the headings again. */
static void
flow_notes (Flow *flow)
{
  CpSheet *self = flow->self;
  CpSheetContent *content = self->content;
  guint n_notes = cp_sheet_content_get_n_notes (content);
  double text_width = flow->width - NOTE_GUTTER;
  NotesFlow notes = { flow, NULL, NULL, NULL };
  guint document = G_MAXUINT;

  if (n_notes == 0)
    return;

  notes.title = para_simple (self, STYLE_APPENDIX_TITLE, _("Notes"), flow->width, PARA_ELLIPSIZE);
  for (guint i = 0; i < n_notes; i++)
    {
      const CpSheetNote *note = cp_sheet_content_get_note (content, i);
      g_autoptr(GString) label = g_string_new (NULL);
      g_autofree char *quote = g_strdup_printf (_("“%s”"), note->quote);
      NoteBox box;
      Column column = { 0 };
      Para *label_para;
      gboolean first = note->document != document;
      double head = 0;
      double gap = 0;
      double keep;

      column.chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));
      column_add_text (self, &column, STYLE_NOTE_QUOTE, quote, strlen (quote), NULL, 0, 0, NULL, 0,
                       text_width, 0);
      column_add_text (self, &column, STYLE_NOTE, note->text, strlen (note->text), NULL, 0, 0, NULL, 0,
                       text_width, 2);

      append_note_label (label, content, i);
      box = (NoteBox) { 0, label->len };
      label_para = para_new (self, STYLE_NOTE_LABEL, label->str, label->len, 0, 0, NULL, NULL, 0);
      label_para->boxes = g_memdup2 (&box, sizeof box);
      label_para->n_boxes = 1;

      if (first)
        {
          document = note->document;
          notes.review = para_review_head (self, document, flow->width);
          head = review_head_height (notes.review);
        }

      /* The section starts with its first note, a review with its first
       * note, a note with two of its lines at least */
      keep = head + column_head_height (&column, 2);
      if (i == 0)
        {
          double title = notes.title->height + 10;

          if (!flow_at_top (flow) && !flow_fits (flow, BAND_GAP + title + keep))
            flow_new_page (flow);
          else if (!flow_at_top (flow))
            flow->y += BAND_GAP;
          notes_heading (&notes, FALSE);
          notes_review_head (&notes);
        }
      else
        {
          gboolean new_page = FALSE;

          gap = first ? 2 * NOTE_GAP : NOTE_GAP;
          if (!flow_fits (flow, gap + keep))
            {
              flow_new_page (flow);
              notes_heading (&notes, TRUE);
              new_page = TRUE;
              gap = 0;
            }
          flow->y += gap;
          if (first || new_page)
            notes_review_head (&notes);
        }

      /* The label sits on the first line's baseline */
      {
        const Chunk *chunk = &g_array_index (column.chunks, Chunk, 0);

        flow_add_para (flow, label_para, flow->left,
                       flow->y + para_first_baseline (chunk->para) - para_first_baseline (label_para));
      }

      for (;;)
        {
          flow->y += column_place (flow, &column, flow->left + NOTE_GUTTER, flow->y,
                                   flow->bottom - flow->y, TRUE);
          if (column_done (&column))
            break;
          notes_new_page (&notes);
        }
      g_array_unref (column.chunks);
    }
}

/* --- The full-text appendix -------------------------------------------- */

typedef struct
{
  Para *title;
  Para *continued;
} AppendixHeading;

static double
flow_appendix_heading (Flow     *flow,
                       Columns  *columns,
                       gboolean  continued,
                       gboolean  measure)
{
  AppendixHeading *heading = columns->data;
  Para *title;
  double height;

  if (continued && heading->continued == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s (continued)"), _("Full texts"));

      heading->continued = para_simple (flow->self, STYLE_APPENDIX_TITLE, text, flow->width, PARA_ELLIPSIZE);
    }
  title = continued ? heading->continued : heading->title;
  height = title->height + 10;

  if (measure)
    return height;

  flow_add_para (flow, title, flow->left, flow->y);
  flow->y += height;

  return height;
}

static gboolean
is_blank_line (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\r')
    p++;

  return *p == '\n' || *p == '\0';
}

/* Cuts @text into paragraphs at blank lines; the line breaks inside a
 * paragraph become spaces (same byte length, so the marks still fit). */
static void
add_full_text (CpSheet           *self,
               Column            *column,
               const char        *text,
               const CpSheetMark *marks,
               guint              n_marks,
               double             width)
{
  const char *p = text;
  guint m = 0;

  for (;;)
    {
      const char *start, *end;
      g_autofree char *copy = NULL;
      gsize length;

      while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
      if (*p == '\0')
        break;

      start = p;
      while (*p != '\0' && !(*p == '\n' && is_blank_line (p + 1)))
        p++;
      end = p;
      while (end > start && g_ascii_isspace (end[-1]))
        end--;

      length = end - start;
      copy = g_strndup (start, length);
      for (char *c = copy; *c != '\0'; c++)
        {
          if (*c == '\n' || *c == '\t' || *c == '\r')
            *c = ' ';
        }

      while (m < n_marks && marks[m].end <= (guint) (start - text))
        m++;
      column_add_text (self, column, STYLE_APPENDIX, copy, length, marks + m, n_marks - m, start - text,
                       NULL, 0, width, PARAGRAPH_GAP);
    }
}

static void
flow_appendix (Flow *flow)
{
  CpSheet *self = flow->self;
  CpSheetContent *content = self->content;
  guint n_documents = cp_sheet_content_get_n_documents (content);
  AppendixHeading heading = { 0 };
  Columns columns = { 0 };

  if (n_documents == 0)
    return;

  heading.title = para_simple (self, STYLE_APPENDIX_TITLE, _("Full texts"), flow->width, PARA_ELLIPSIZE);
  columns_init (&columns, flow, flow_appendix_heading, &heading);
  for (guint d = 0; d < n_documents; d++)
    {
      CpDocument *document = cp_sheet_content_get_document (content, d);
      const CpSheetMark *marks;
      guint n_marks = 0;

      marks = cp_sheet_content_get_document_marks (content, d, &n_marks);
      add_full_text (self, &columns.columns[d], cp_document_get_text (document), marks, n_marks,
                     flow->column_width);
    }

  flow_new_page (flow);
  flow_columns (flow, &columns, 0);
  columns_clear (&columns);
}

/* --- Pagination -------------------------------------------------------- */

static void
add_footers (CpSheet    *self,
             const Flow *flow)
{
  guint n_pages = self->pages->len;
  double bottom = self->page_height - self->margin_bottom;
  double title_width = flow->width * 0.62;

  for (guint p = 0; p < n_pages; p++)
    {
      Flow footer = *flow;
      g_autofree char *text = g_strdup_printf (_("Page %u of %u"), p + 1, n_pages);
      Para *number = para_simple (self, STYLE_FOOTER, text, flow->width - title_width - 12, PARA_RIGHT | PARA_ELLIPSIZE);
      Para *title = para_simple (self, STYLE_FOOTER, cp_sheet_content_get_title (self->content),
                                 title_width, PARA_ELLIPSIZE);

      footer.page = g_ptr_array_index (self->pages, p);
      flow_add_para (&footer, title, flow->left, bottom - title->height);
      flow_add_para (&footer, number, flow->left + title_width + 12, bottom - number->height);
    }
}

static void
setup_styles (CpSheet *self,
              double   column_width)
{
  double excerpt_size;

  memcpy (self->styles, default_styles, sizeof default_styles);

  /* Narrow columns take a smaller size, so lines keep enough words */
  if (column_width >= 150)
    excerpt_size = 9;
  else if (column_width >= 120)
    excerpt_size = 8.5;
  else if (column_width >= 100)
    excerpt_size = 8;
  else
    excerpt_size = 7.5;
  self->styles[STYLE_EXCERPT].size = excerpt_size;
  self->styles[STYLE_APPENDIX].size = excerpt_size - 0.5;
  if (column_width < 100)
    self->styles[STYLE_COLUMN].size = 7.5;

  for (guint s = 0; s < N_STYLES; s++)
    {
      const TextStyle *ts = &self->styles[s];

      g_clear_pointer (&self->fonts[s], pango_font_description_free);
      self->fonts[s] = pango_font_description_new ();
      pango_font_description_set_family_static (self->fonts[s], ts->family);
      pango_font_description_set_size (self->fonts[s], (int) round (ts->size * PANGO_SCALE));
      pango_font_description_set_weight (self->fonts[s], ts->weight);
      pango_font_description_set_style (self->fonts[s], ts->slant);
    }
}

/* Layouts come from a 72 dpi context with unhinted metrics, never from
 * the target; @direction is the base direction of its text */
static PangoContext *
new_context (PangoDirection direction)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_get_default ());
  pango_context_set_base_dir (context, direction);

  return context;
}

static void
ensure_pango (CpSheet *self)
{
  if (self->pango != NULL)
    return;

  self->pango = new_context (PANGO_DIRECTION_WEAK_LTR);
  self->pango_ltr = new_context (PANGO_DIRECTION_LTR);
  self->pango_rtl = new_context (PANGO_DIRECTION_RTL);
}

static void
ensure_pages (CpSheet *self)
{
  Flow flow = { 0 };
  guint n_documents;
  guint n_bands;
  gint64 start;

  if (self->pages != NULL)
    return;

  start = g_get_monotonic_time ();
  ensure_pango (self);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->paras = g_ptr_array_new_with_free_func (para_free);

  n_documents = cp_sheet_content_get_n_documents (self->content);
  n_bands = cp_sheet_content_get_n_bands (self->content);

  flow.self = self;
  flow.left = self->margin_left;
  flow.width = self->page_width - self->margin_left - self->margin_right;
  flow.top = self->margin_top;
  flow.bottom = self->page_height - self->margin_bottom - FOOTER_HEIGHT;
  flow.n_columns = n_documents;
  flow.column_gap = n_documents <= 3 ? 18 : n_documents <= 5 ? 13 : 10;
  flow.column_width = n_documents > 0
    ? (flow.width - (n_documents - 1) * flow.column_gap) / n_documents
    : flow.width;
  setup_styles (self, flow.column_width);

  flow_new_page (&flow);
  flow_title (&flow);
  flow_reviews (&flow);
  flow_legend (&flow);
  flow_matrix (&flow);

  if (n_documents > 0 && n_bands > 0)
    {
      /* The bands start a page, unless the overview ran over onto one */
      if (self->pages->len == 1)
        flow_new_page (&flow);
      for (guint b = 0; b < n_bands; b++)
        flow_band (&flow, b);
    }
  flow_notes (&flow);

  if (cp_sheet_content_get_full_texts (self->content))
    flow_appendix (&flow);

  add_footers (self, &flow);

  g_debug ("Sheet: %u pages, %u layouts, laid out in %.1f ms",
           self->pages->len, self->paras->len, (g_get_monotonic_time () - start) / 1000.0);
}

static void
clear_pages (CpSheet *self)
{
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->paras, g_ptr_array_unref);
}

/* --- GObject ----------------------------------------------------------- */

static void
cp_sheet_dispose (GObject *object)
{
  CpSheet *self = CP_SHEET (object);

  clear_pages (self);
  g_clear_object (&self->pango);
  g_clear_object (&self->pango_ltr);
  g_clear_object (&self->pango_rtl);
  g_clear_object (&self->content);

  G_OBJECT_CLASS (cp_sheet_parent_class)->dispose (object);
}

static void
cp_sheet_finalize (GObject *object)
{
  CpSheet *self = CP_SHEET (object);

  for (guint s = 0; s < N_STYLES; s++)
    g_clear_pointer (&self->fonts[s], pango_font_description_free);

  G_OBJECT_CLASS (cp_sheet_parent_class)->finalize (object);
}

static void
cp_sheet_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CpSheet *self = CP_SHEET (object);

  switch (prop_id)
    {
    case PROP_CONTENT:
      g_value_set_object (value, self->content);
      break;

    case PROP_PAGE_WIDTH:
      g_value_set_double (value, self->page_width);
      break;

    case PROP_PAGE_HEIGHT:
      g_value_set_double (value, self->page_height);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_sheet_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CpSheet *self = CP_SHEET (object);

  switch (prop_id)
    {
    case PROP_CONTENT:
      self->content = g_value_dup_object (value);
      break;

    case PROP_PAGE_WIDTH:
      self->page_width = g_value_get_double (value);
      break;

    case PROP_PAGE_HEIGHT:
      self->page_height = g_value_get_double (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_sheet_class_init (CpSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cp_sheet_dispose;
  object_class->finalize = cp_sheet_finalize;
  object_class->get_property = cp_sheet_get_property;
  object_class->set_property = cp_sheet_set_property;

  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL,
                         CP_TYPE_SHEET_CONTENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_WIDTH] =
    g_param_spec_double ("page-width", NULL, NULL,
                         72, 14400, A4_WIDTH,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_HEIGHT] =
    g_param_spec_double ("page-height", NULL, NULL,
                         72, 14400, A4_HEIGHT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_sheet_init (CpSheet *self)
{
  self->margin_top = CP_SHEET_DEFAULT_MARGIN;
  self->margin_right = CP_SHEET_DEFAULT_MARGIN;
  self->margin_bottom = CP_SHEET_DEFAULT_MARGIN;
  self->margin_left = CP_SHEET_DEFAULT_MARGIN;
}

/* --- Public API -------------------------------------------------------- */

/**
 * cp_sheet_new:
 * @content: what goes on the sheet
 * @page_width: the page width, in points (cp_sheet_get_paper_size())
 * @page_height: the page height, in points
 *
 * Returns: (transfer full): a sheet laying @content out on pages of that
 *   size, with %CP_SHEET_DEFAULT_MARGIN on every side
 */
CpSheet *
cp_sheet_new (CpSheetContent *content,
              double          page_width,
              double          page_height)
{
  g_return_val_if_fail (CP_IS_SHEET_CONTENT (content), NULL);
  g_return_val_if_fail (page_width >= 72 && page_height >= 72, NULL);

  return g_object_new (CP_TYPE_SHEET,
                       "content", content,
                       "page-width", page_width,
                       "page-height", page_height,
                       NULL);
}

/**
 * cp_sheet_get_content:
 * @self: a #CpSheet
 *
 * Returns: (transfer none): what the sheet shows
 */
CpSheetContent *
cp_sheet_get_content (CpSheet *self)
{
  g_return_val_if_fail (CP_IS_SHEET (self), NULL);

  return self->content;
}

/**
 * cp_sheet_get_page_width:
 * @self: a #CpSheet
 *
 * Returns: the page width, in points
 */
double
cp_sheet_get_page_width (CpSheet *self)
{
  g_return_val_if_fail (CP_IS_SHEET (self), 0);

  return self->page_width;
}

/**
 * cp_sheet_get_page_height:
 * @self: a #CpSheet
 *
 * Returns: the page height, in points
 */
double
cp_sheet_get_page_height (CpSheet *self)
{
  g_return_val_if_fail (CP_IS_SHEET (self), 0);

  return self->page_height;
}

/**
 * cp_sheet_set_margins:
 * @self: a #CpSheet
 * @top: the top margin, in points
 * @right: the right margin
 * @bottom: the bottom margin; the footer goes inside it, above the edge
 * @left: the left margin
 *
 * Sets the margins (for a printer's page setup, say). The margins must
 * leave at least an inch each way. The pages are laid out again.
 */
void
cp_sheet_set_margins (CpSheet *self,
                      double   top,
                      double   right,
                      double   bottom,
                      double   left)
{
  g_return_if_fail (CP_IS_SHEET (self));
  g_return_if_fail (top >= 0 && right >= 0 && bottom >= 0 && left >= 0);
  g_return_if_fail (left + right <= self->page_width - 72);
  g_return_if_fail (top + bottom <= self->page_height - 72 - FOOTER_HEIGHT);

  if (top == self->margin_top && right == self->margin_right &&
      bottom == self->margin_bottom && left == self->margin_left)
    return;

  self->margin_top = top;
  self->margin_right = right;
  self->margin_bottom = bottom;
  self->margin_left = left;
  clear_pages (self);
}

/**
 * cp_sheet_get_margins:
 * @self: a #CpSheet
 * @top: (out) (optional): the top margin, in points
 * @right: (out) (optional): the right margin
 * @bottom: (out) (optional): the bottom margin
 * @left: (out) (optional): the left margin
 */
void
cp_sheet_get_margins (CpSheet *self,
                      double  *top,
                      double  *right,
                      double  *bottom,
                      double  *left)
{
  g_return_if_fail (CP_IS_SHEET (self));

  if (top != NULL)
    *top = self->margin_top;
  if (right != NULL)
    *right = self->margin_right;
  if (bottom != NULL)
    *bottom = self->margin_bottom;
  if (left != NULL)
    *left = self->margin_left;
}

/**
 * cp_sheet_get_n_pages:
 * @self: a #CpSheet
 *
 * Lays the sheet out when it was not yet.
 *
 * Returns: the number of pages, at least 1
 */
guint
cp_sheet_get_n_pages (CpSheet *self)
{
  g_return_val_if_fail (CP_IS_SHEET (self), 0);

  ensure_pages (self);

  return self->pages->len;
}

/**
 * cp_sheet_draw_page:
 * @self: a #CpSheet
 * @cr: where to draw: user units are points, the page's top left corner
 *   is the origin (with GtkPrintOperation: unit points, use-full-page)
 * @page: the page, from 0
 *
 * Draws one page on @cr, in any order and as often as needed; the
 * background is left alone (white paper). The lines were laid out on the
 * first call to cp_sheet_get_n_pages() or this function, never with @cr's
 * font options, so every target shows the same page.
 */
void
cp_sheet_draw_page (CpSheet *self,
                    cairo_t *cr,
                    guint    page)
{
  GArray *items;

  g_return_if_fail (CP_IS_SHEET (self));
  g_return_if_fail (cr != NULL);

  ensure_pages (self);
  g_return_if_fail (page < self->pages->len);

  items = g_ptr_array_index (self->pages, page);
  cairo_save (cr);
  for (guint i = 0; i < items->len; i++)
    draw_item (cr, &g_array_index (items, Item, i));
  cairo_restore (cr);
}

/* --- Writing files atomically ------------------------------------------ */

/* Writes through g_file_replace (): into a temporary file next to the
 * target, renamed over it when closed, keeping an existing file's
 * permissions; a failure closes it cancelled, which leaves the old file
 * as it was. */
typedef struct
{
  GFile         *file;
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *write_error;
} Writer;

static void
set_file_error (GError     **error,
                GFile       *file,
                int          code,
                const char  *reason)
{
  g_autofree char *name = g_file_get_parse_name (file);

  /* TRANSLATORS: the first %s is a file name, the second why it failed */
  g_set_error (error, G_IO_ERROR, code, _("Could not write “%s”: %s"), name, reason);
}

static gboolean
writer_open (Writer        *writer,
             GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  writer->file = file;
  writer->cancellable = cancellable;
  writer->stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE,
                                                    cancellable, &local_error));
  if (writer->stream == NULL)
    {
      set_file_error (error, file, local_error->code, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static cairo_status_t
writer_write_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  Writer *writer = closure;

  if (writer->write_error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (writer->stream, data, length, NULL, writer->cancellable, &writer->write_error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

/* The temporary file goes and the old file stays */
static void
writer_abort (Writer *writer)
{
  if (writer->stream != NULL)
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      g_cancellable_cancel (cancelled);
      g_output_stream_close (writer->stream, cancelled, NULL);
    }
  g_clear_object (&writer->stream);
  g_clear_error (&writer->write_error);
}

static gboolean
writer_commit (Writer        *writer,
               cairo_status_t status,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean closed;

  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (writer->write_error != NULL)
        set_file_error (error, writer->file, writer->write_error->code, writer->write_error->message);
      else
        set_file_error (error, writer->file, G_IO_ERROR_FAILED, cairo_status_to_string (status));
      writer_abort (writer);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      writer_abort (writer);
      return FALSE;
    }

  closed = g_output_stream_close (writer->stream, cancellable, &local_error);
  g_clear_object (&writer->stream);
  if (!closed)
    {
      set_file_error (error, writer->file, local_error->code, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * cp_sheet_write_pdf:
 * @self: a #CpSheet
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable, checked between pages
 * @error: return location for a #GError naming @file
 *
 * Writes every page to a PDF file: into a temporary file next to @file,
 * renamed over it at the end, so that a failure leaves the old file as
 * it was.
 *
 * Returns: whether the file was written
 */
gboolean
cp_sheet_write_pdf (CpSheet       *self,
                    GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Writer writer = { 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (CP_IS_SHEET (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  n_pages = cp_sheet_get_n_pages (self);
  if (!writer_open (&writer, file, cancellable, error))
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (writer_write_cb, &writer, self->page_width, self->page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, cp_sheet_content_get_title (self->content));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Counterpoint");
  cr = cairo_create (surface);

  for (guint p = 0; p < n_pages; p++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      cairo_pdf_surface_set_size (surface, self->page_width, self->page_height);
      cp_sheet_draw_page (self, cr, p);
      cairo_show_page (cr);
    }

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return writer_commit (&writer, status, cancellable, error);
}

/**
 * cp_sheet_write_png:
 * @self: a #CpSheet
 * @page: the page, from 0
 * @dpi: the resolution; the image is ⌈page size × @dpi / 72⌉ pixels
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError naming @file
 *
 * Writes one page as a PNG image on a white background, atomically like
 * cp_sheet_write_pdf().
 *
 * Returns: whether the file was written
 */
gboolean
cp_sheet_write_png (CpSheet       *self,
                    guint          page,
                    double         dpi,
                    GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Writer writer = { 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int width, height;

  g_return_val_if_fail (CP_IS_SHEET (self), FALSE);
  g_return_val_if_fail (page < cp_sheet_get_n_pages (self), FALSE);
  g_return_val_if_fail (dpi >= 1 && dpi <= 2400, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  width = (int) ceil (self->page_width * dpi / 72 - 1e-6);
  height = (int) ceil (self->page_height * dpi / 72 - 1e-6);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, dpi / 72, dpi / 72);
  cp_sheet_draw_page (self, cr, page);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  if (!writer_open (&writer, file, cancellable, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, writer_write_cb, &writer);
  cairo_surface_destroy (surface);

  return writer_commit (&writer, status, cancellable, error);
}
