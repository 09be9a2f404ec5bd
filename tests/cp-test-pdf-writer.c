/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A greedy typesetter on cairo's PDF surface and its "toy" text API: no
 * shaping, which the PDFs it draws do not need, and glyphs that poppler
 * reads back as the characters drawn (cairo writes a ToUnicode map).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>

#include "cp-test-pdf-writer.h"

struct _CpTestPdfWriter
{
  cairo_surface_t   *surface;
  cairo_t           *cr;
  CpTestPdfGeometry  geometry;
  CpTestPdfDecorate  decorate;
  gpointer           decorate_data;
  guint              page;          /* from 1; 0 before the first */
  guint              column;
  double             baseline;      /* of the column's last line; NAN at its top */
  double             columns_top;   /* below the lines across the columns */
  CpTestPdfStats     stats;
};

typedef struct
{
  GPtrArray *words;      /* char *, as they are drawn */
  double     width;      /* with one space between words */
  gboolean   last;       /* of its paragraph */
} TypesetLine;

static void
set_font (cairo_t             *cr,
          const CpTestPdfFont *font)
{
  cairo_select_font_face (cr, font->family, CAIRO_FONT_SLANT_NORMAL,
                          font->bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, font->size);
}

double
cp_test_pdf_text_width (cairo_t             *cr,
                        const CpTestPdfFont *font,
                        const char          *text)
{
  cairo_text_extents_t extents;

  set_font (cr, font);
  cairo_text_extents (cr, text, &extents);

  return extents.x_advance;
}

void
cp_test_pdf_show_text (cairo_t             *cr,
                       const CpTestPdfFont *font,
                       double               x,
                       double               y,
                       const char          *text)
{
  set_font (cr, font);
  cairo_move_to (cr, x, y);
  cairo_show_text (cr, text);
}

CpTestPdfWriter *
cp_test_pdf_writer_new (const char              *path,
                        const CpTestPdfGeometry *geometry)
{
  CpTestPdfWriter *self = g_new0 (CpTestPdfWriter, 1);

  self->geometry = *geometry;
  if (self->geometry.n_columns == 0)
    self->geometry.n_columns = 1;
  self->surface = cairo_pdf_surface_create (path, geometry->width, geometry->height);
  g_assert_cmpint (cairo_surface_status (self->surface), ==, CAIRO_STATUS_SUCCESS);
  self->cr = cairo_create (self->surface);
  cairo_set_source_rgb (self->cr, 0, 0, 0);
  self->baseline = NAN;

  return self;
}

cairo_surface_t *
cp_test_pdf_writer_get_surface (CpTestPdfWriter *self)
{
  return self->surface;
}

void
cp_test_pdf_writer_set_decorate (CpTestPdfWriter   *self,
                                 CpTestPdfDecorate  decorate,
                                 gpointer           user_data)
{
  self->decorate = decorate;
  self->decorate_data = user_data;
}

static void
show_page (CpTestPdfWriter *self)
{
  if (self->decorate != NULL)
    {
      cairo_save (self->cr);
      self->decorate (self->cr, self->page, self->decorate_data);
      cairo_restore (self->cr);
    }
  cairo_show_page (self->cr);
}

static void
new_page (CpTestPdfWriter *self)
{
  if (self->page > 0)
    show_page (self);
  self->page++;
  self->stats.n_pages = self->page;
  self->column = 0;
  self->baseline = NAN;
  self->columns_top = self->geometry.top;
}

static void
next_column (CpTestPdfWriter *self)
{
  if (self->column + 1 >= self->geometry.n_columns)
    new_page (self);
  else
    {
      self->column++;
      self->baseline = NAN;
    }
}

guint
cp_test_pdf_writer_get_n_pages (CpTestPdfWriter *self)
{
  return self->page;
}

static double
content_width (CpTestPdfWriter *self)
{
  return self->geometry.width - self->geometry.left - self->geometry.right;
}

static double
column_width (CpTestPdfWriter *self)
{
  guint n = self->geometry.n_columns;

  return (content_width (self) - self->geometry.gutter * (n - 1)) / n;
}

static char *
dup_drawn (const char     *word,
           gssize          length,
           CpTestPdfFlags  flags)
{
  g_autofree char *copy = length < 0 ? g_strdup (word) : g_strndup (word, length);
  GString *drawn;

  if (!(flags & CP_TEST_PDF_LIGATURES))
    return g_steal_pointer (&copy);

  drawn = g_string_new (copy);
  g_string_replace (drawn, "fi", "\xef\xac\x81", 0);  /* U+FB01 */
  g_string_replace (drawn, "fl", "\xef\xac\x82", 0);  /* U+FB02 */

  return g_string_free (drawn, FALSE);
}

/* Splits @word so that its first part, with a hyphen, fits in @room:
 * after a hyphen of its own (a compound), else, with
 * %CP_TEST_PDF_HYPHENATE, between letters, leaving at least three letters
 * on each side and a lower-case one after the break. */
static gboolean
split_word (cairo_t              *cr,
            const CpTestPdfFont  *font,
            CpTestPdfFlags        flags,
            const char           *word,
            double                room,
            char                **first,
            char                **rest,
            gboolean             *compound)
{
  gsize length = strlen (word);

  for (gsize i = length - 1; i > 0; i--)
    {
      g_autofree char *drawn = NULL;

      if (word[i] != '-' || !g_ascii_isalpha (word[i - 1]) || !g_ascii_isalpha (word[i + 1]))
        continue;
      drawn = dup_drawn (word, i + 1, flags);
      if (cp_test_pdf_text_width (cr, font, drawn) <= room)
        {
          *first = g_steal_pointer (&drawn);
          *rest = g_strdup (word + i + 1);
          *compound = TRUE;
          return TRUE;
        }
    }

  if (!(flags & CP_TEST_PDF_HYPHENATE) || length < 7)
    return FALSE;

  for (gsize k = length - 3; k >= 3; k--)
    {
      g_autofree char *part = NULL;
      g_autofree char *drawn = NULL;
      gboolean letters = TRUE;

      for (gsize j = 0; j < k + 3 && letters; j++)
        letters = g_ascii_isalpha (word[j]);
      if (!letters || !g_ascii_islower (word[k]))
        continue;

      part = g_strdup_printf ("%.*s-", (int) k, word);
      drawn = dup_drawn (part, -1, flags);
      if (cp_test_pdf_text_width (cr, font, drawn) <= room)
        {
          *first = g_steal_pointer (&drawn);
          *rest = g_strdup (word + k);
          *compound = FALSE;
          return TRUE;
        }
    }

  return FALSE;
}

static TypesetLine *
typeset_line_new (void)
{
  TypesetLine *line = g_new0 (TypesetLine, 1);

  line->words = g_ptr_array_new_with_free_func (g_free);
  return line;
}

static void
typeset_line_free (TypesetLine *line)
{
  g_ptr_array_unref (line->words);
  g_free (line);
}

/* Greedy line breaking at @width (the first line @indent less). */
static GPtrArray *
break_lines (CpTestPdfWriter     *self,
             const CpTestPdfFont *font,
             CpTestPdfFlags       flags,
             double               width,
             double               indent,
             const char          *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) typeset_line_free);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  double space = cp_test_pdf_text_width (self->cr, font, " ");
  TypesetLine *line = typeset_line_new ();
  char *pending = NULL;
  guint i = 0;

  for (;;)
    {
      g_autofree char *word = NULL;
      g_autofree char *drawn = NULL;
      g_autofree char *first = NULL;
      double available = width - (lines->len == 0 ? indent : 0);
      double word_width;
      double room;
      gboolean compound;

      if (pending != NULL)
        word = g_steal_pointer (&pending);
      else if (words[i] != NULL)
        word = g_strdup (words[i++]);
      else
        break;
      if (word[0] == '\0')
        continue;

      drawn = dup_drawn (word, -1, flags);
      word_width = cp_test_pdf_text_width (self->cr, font, drawn);
      room = available - line->width - (line->words->len > 0 ? space : 0);
      if (word_width <= room)
        {
          line->width += (line->words->len > 0 ? space : 0) + word_width;
          g_ptr_array_add (line->words, g_steal_pointer (&drawn));
          continue;
        }

      if (split_word (self->cr, font, flags, word, room, &first, &pending, &compound))
        {
          line->width += (line->words->len > 0 ? space : 0) + cp_test_pdf_text_width (self->cr, font, first);
          g_ptr_array_add (line->words, g_steal_pointer (&first));
          if (compound)
            self->stats.n_compound_breaks++;
          else
            self->stats.n_hyphenated++;
        }
      else if (line->words->len == 0)
        {
          /* Wider than the column: it overflows */
          line->width = word_width;
          g_ptr_array_add (line->words, g_steal_pointer (&drawn));
        }
      else
        pending = g_steal_pointer (&word);

      g_ptr_array_add (lines, line);
      line = typeset_line_new ();
    }

  line->last = TRUE;
  g_ptr_array_add (lines, line);

  return lines;
}

static void
draw_line (CpTestPdfWriter     *self,
           const CpTestPdfFont *font,
           CpTestPdfFlags       flags,
           const TypesetLine   *line,
           double               x,
           double               y,
           double               width)
{
  double space = cp_test_pdf_text_width (self->cr, font, " ");

  if ((flags & CP_TEST_PDF_JUSTIFY) && !line->last && line->words->len > 1)
    {
      double gap = space + (width - line->width) / (line->words->len - 1);

      for (guint i = 0; i < line->words->len; i++)
        {
          const char *word = g_ptr_array_index (line->words, i);

          cp_test_pdf_show_text (self->cr, font, x, y, word);
          x += cp_test_pdf_text_width (self->cr, font, word) + gap;
        }
    }
  else
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (line->words, NULL);
      joined = g_strjoinv (" ", (char **) line->words->pdata);
      g_ptr_array_remove_index (line->words, line->words->len - 1);

      if (flags & CP_TEST_PDF_CENTER)
        x += (width - line->width) / 2;
      cp_test_pdf_show_text (self->cr, font, x, y, joined);
    }
}

void
cp_test_pdf_writer_add_paragraph (CpTestPdfWriter     *self,
                                  const CpTestPdfFont *font,
                                  CpTestPdfFlags       flags,
                                  double               space_before,
                                  const char          *text)
{
  g_autoptr(GPtrArray) lines = NULL;
  gboolean across = (flags & CP_TEST_PDF_ACROSS) != 0;
  double leading = font->leading > 0 ? font->leading : font->size * 1.2;
  double indent = (flags & CP_TEST_PDF_INDENT) ? font->size * 1.5 : 0;
  double width;

  if (self->page == 0 || (across && self->column > 0))
    new_page (self);
  width = across ? content_width (self) : column_width (self);

  lines = break_lines (self, font, flags, width, indent, text);
  for (guint i = 0; i < lines->len; i++)
    {
      const TypesetLine *line = g_ptr_array_index (lines, i);
      double x;
      double y;

      if (isnan (self->baseline))
        y = self->columns_top + font->size;
      else
        y = self->baseline + leading + (i == 0 ? space_before : 0);

      if (y > self->geometry.height - self->geometry.bottom)
        {
          if (across)
            new_page (self);
          else
            next_column (self);
          if (i > 0)
            self->stats.n_flowed++;
          y = self->columns_top + font->size;
        }

      x = self->geometry.left + (across ? 0 : self->column * (column_width (self) + self->geometry.gutter));
      draw_line (self, font, flags, line, x + (i == 0 ? indent : 0), y, width - (i == 0 ? indent : 0));
      self->baseline = y;
      self->stats.n_lines++;
      if (across)
        self->columns_top = y + font->size * 0.3;
    }
}

void
cp_test_pdf_writer_finish (CpTestPdfWriter *self,
                           CpTestPdfStats  *stats)
{
  if (self->page == 0)
    new_page (self);
  show_page (self);

  cairo_destroy (self->cr);
  cairo_surface_finish (self->surface);
  g_assert_cmpint (cairo_surface_status (self->surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (self->surface);

  if (stats != NULL)
    *stats = self->stats;
  g_free (self);
}
