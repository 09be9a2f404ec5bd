/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The PDF reader, on poppler-glib. Poppler finds the lines of each page
 * and the box and font size of every character; the rest is ours, because
 * a PDF holds positioned glyphs, not paragraphs:
 *
 *   1. lines become records with a box, a font size and the width of
 *      their first word (read_page ());
 *   2. running headers and footers, page numbers and what a browser
 *      prints around a saved page (date, title, URL, "3/9") are marked as
 *      furniture (mark_furniture ());
 *   3. each page's lines are put in reading order, columns one after the
 *      other (order_region ());
 *   4. lines are joined into paragraphs, and words hyphenated at line ends
 *      are made whole again (assemble ()).
 *
 * docs/import.md says why each rule is what it is.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "cp-error.h"
#include "cp-import-private.h"

/* poppler-glib 22.12 has no g_autoptr () for its types; aliases of our
 * own stay right when a later one does. */
typedef PopplerDocument CpPdfDocument;
typedef PopplerPage CpPdfPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpPdfDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpPdfPage, g_object_unref)

/* A review is a few pages; a book is a few hundred. Past these a file is
 * refused (before its pages are read, for the page count), so that a
 * 10,000-page PDF is refused at once rather than read for tens of seconds
 * into a text no comparison wants. */
#define DEFAULT_MAX_PAGES 2000
#define DEFAULT_MAX_TEXT  ((gsize) 32 * 1024 * 1024)

static guint max_pages = DEFAULT_MAX_PAGES;
static gsize max_text = DEFAULT_MAX_TEXT;

/* Headers and footers are looked for in this share of the page's height
 * at its top and at its bottom. */
#define BAND 0.12

/* Headers and footers on one page, at most, for the line beside them */
#define MAX_MARGIN_LINES 16

/* Column detection gives up below this depth (columns within columns
 * within ...): past it, lines are read top to bottom. */
#define MAX_REGION_DEPTH 6

typedef struct
{
  guint    offset;      /* of its text in Reader.text */
  guint    length;
  guint    page;
  guint    group;       /* its reading-order group: a column, or full-width lines */
  double   x0, y0, x1, y1;
  double   size;        /* the font size of most of its characters */
  double   first_word;  /* the width of its first word */
  double   space;       /* the width of a space in its font */
  gboolean furniture;
} Line;

typedef struct
{
  double   left;
  double   right;
  gboolean justified;   /* most of its lines end at its right edge */
} Group;

typedef struct
{
  guint  first_line;
  guint  n_lines;
  double height;
} Page;

typedef struct
{
  GString *text;        /* every line's text, one after the other */
  GArray  *lines;       /* Line */
  GArray  *pages;       /* Page */
  GArray  *groups;      /* Group */
  GArray  *order;       /* guint: the lines in reading order, without furniture */
  char    *site;        /* the host of a URL a browser printed */
  double   body_size;   /* the font size of most of the text */
  double   pitch;       /* the usual baseline distance, in font sizes */
} Reader;

/**
 * cp_import_pdf_set_limits:
 * @pages: the most pages a PDF may have, or 0 for the default
 * @text: the most bytes of text it may hold, or 0 for the default
 *
 * For tests: lowers the limits past which a PDF is refused as too large.
 * Call before any PDF is read.
 */
void
cp_import_pdf_set_limits (guint pages,
                          gsize text)
{
  max_pages = pages > 0 ? pages : DEFAULT_MAX_PAGES;
  max_text = text > 0 ? text : DEFAULT_MAX_TEXT;
}

static void
reader_clear (Reader *reader)
{
  if (reader->text != NULL)
    g_string_free (reader->text, TRUE);
  g_clear_pointer (&reader->lines, g_array_unref);
  g_clear_pointer (&reader->pages, g_array_unref);
  g_clear_pointer (&reader->groups, g_array_unref);
  g_clear_pointer (&reader->order, g_array_unref);
  g_clear_pointer (&reader->site, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

static inline Line *
get_line (Reader *reader,
          guint   index)
{
  return &g_array_index (reader->lines, Line, index);
}

static inline const char *
line_text (Reader     *reader,
           const Line *line)
{
  return reader->text->str + line->offset;
}

/* Sniffing {{{ */

static gboolean
pdf_sniff (const guchar *head,
           gsize         head_length,
           const char   *content_type)
{
  /* Readers accept the header anywhere in the first KiB (a mail or a
   * print spooler may have put something before it). */
  static const char magic[] = "%PDF-";
  gsize limit = MIN (head_length, 1024);

  for (gsize i = 0; i + strlen (magic) <= limit; i++)
    if (head[i] == '%' && memcmp (head + i, magic, strlen (magic)) == 0)
      return TRUE;

  return FALSE;
}

/* }}} */

/* Reading the lines of a page {{{ */

typedef struct
{
  double size;
  guint  count;
} SizeCount;

typedef struct
{
  gsize      start;       /* byte offset of the line in the page's text */
  gboolean   has_box;
  double     x0, y0, x1, y1;
  double     first_word;
  double     space;
  gboolean   in_first_word;
  SizeCount  sizes[4];
  guint      n_sizes;
} LineBuilder;

static void
line_builder_reset (LineBuilder *builder,
                    gsize        start)
{
  memset (builder, 0, sizeof *builder);
  builder->start = start;
  builder->first_word = -1;
  builder->space = -1;
}

static void
line_builder_count_size (LineBuilder *builder,
                         double       size)
{
  for (guint i = 0; i < builder->n_sizes; i++)
    if (fabs (builder->sizes[i].size - size) < 0.05)
      {
        builder->sizes[i].count++;
        return;
      }

  if (builder->n_sizes < G_N_ELEMENTS (builder->sizes))
    builder->sizes[builder->n_sizes++] = (SizeCount) { size, 1 };
}

static double
line_builder_get_size (LineBuilder *builder)
{
  double size = 0;
  guint best = 0;

  for (guint i = 0; i < builder->n_sizes; i++)
    if (builder->sizes[i].count > best)
      {
        best = builder->sizes[i].count;
        size = builder->sizes[i].size;
      }

  return size;
}

/* Ligatures a font maps to one presentation form: the letters they stand
 * for, so that "ﬁlm" is the word "film". */
static void
append_expanding_ligatures (GString    *text,
                            const char *line,
                            gsize       length)
{
  static const char * const ligatures[] = { "ff", "fi", "fl", "ffi", "ffl", "ft", "st" };
  const char *end = line + length;
  const char *p = line;

  while (p < end)
    {
      const char *next = g_utf8_next_char (p);
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFB00 && c <= 0xFB06)
        g_string_append (text, ligatures[c - 0xFB00]);
      else
        g_string_append_len (text, p, next - p);
      p = next;
    }
}

static void
finish_line (Reader      *reader,
             LineBuilder *builder,
             const char  *page_text,
             gsize        end,
             guint        page)
{
  Line line = { 0 };
  const char *start = page_text + builder->start;
  gsize length = end - builder->start;

  if (!builder->has_box)
    return;

  /* Lines have no white space at either end, so that a line's last
   * character is what it ends with. */
  while (length > 0 && g_ascii_isspace (start[length - 1]))
    length--;
  while (length > 0 && g_ascii_isspace (*start))
    {
      start++;
      length--;
    }
  if (length == 0)
    return;

  line.offset = reader->text->len;
  if (memchr (start, '\xEF', length) != NULL)
    append_expanding_ligatures (reader->text, start, length);
  else
    g_string_append_len (reader->text, start, length);
  line.length = reader->text->len - line.offset;
  g_string_append_c (reader->text, '\0');

  line.page = page;
  line.x0 = builder->x0;
  line.y0 = builder->y0;
  line.x1 = builder->x1;
  line.y1 = builder->y1;
  line.size = line_builder_get_size (builder);
  if (line.size <= 0)
    line.size = MAX (line.y1 - line.y0, 1.0);
  line.first_word = builder->first_word >= 0 ? builder->first_word : line.x1 - line.x0;
  line.space = builder->space > 0 ? builder->space : line.size * 0.3;

  g_array_append_val (reader->lines, line);
}

/* Returns the page's text length in bytes. */
static gsize
read_page (Reader      *reader,
           PopplerPage *page,
           guint        index)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  GList *attributes;
  GList *attribute;
  guint n_rects = 0;
  LineBuilder builder;
  Page record = { 0 };
  PopplerRectangle last = { 0 };
  gboolean spaced = FALSE;   /* a space since the last character */
  double width;
  double size;
  const char *p;
  guint ci = 0;

  poppler_page_get_size (page, &width, &record.height);
  record.first_line = reader->lines->len;

  /* Poppler writes UTF-8, but of whatever a font's ToUnicode map says */
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      char *valid = g_utf8_make_valid (text, -1);

      g_free (text);
      text = valid;
    }

  if (text == NULL || text[0] == '\0')
    {
      g_array_append_val (reader->pages, record);
      return 0;
    }

  poppler_page_get_text_layout (page, &rects, &n_rects);
  attributes = poppler_page_get_text_attributes (page);
  attribute = attributes;

  line_builder_reset (&builder, 0);
  for (p = text; *p != '\0'; p = g_utf8_next_char (p), ci++)
    {
      gunichar c = g_utf8_get_char (p);
      const PopplerRectangle *rect = ci < n_rects ? &rects[ci] : NULL;

      if (c == '\n')
        {
          finish_line (reader, &builder, text, p - text, index);
          line_builder_reset (&builder, p + 1 - text);
          continue;
        }

      if (g_unichar_isspace (c))
        {
          spaced = TRUE;
          builder.in_first_word = FALSE;
          if (builder.space < 0 && rect != NULL && builder.has_box)
            builder.space = rect->x2 - rect->x1;
          continue;
        }

      if (rect == NULL)
        continue;

      while (attribute != NULL && ((PopplerTextAttributes *) attribute->data)->end_index < (int) ci)
        attribute = attribute->next;
      if (attribute != NULL && ((PopplerTextAttributes *) attribute->data)->start_index <= (int) ci)
        size = ((PopplerTextAttributes *) attribute->data)->font_size;
      else
        size = rect->y2 - rect->y1;

      /* Poppler's line goes on to another baseline, back to the left, or
       * across a gap wider than any word space (or any gap at all where
       * it saw no space): the end of a line in one column and a line of
       * the next. It is two lines. */
      if (builder.has_box &&
          (fabs (rect->y2 - last.y2) > 0.6 * size ||
           rect->x2 < last.x1 - 0.5 * size ||
           rect->x1 - last.x2 > (spaced ? 3 : 0.8) * size))
        {
          finish_line (reader, &builder, text, p - text, index);
          line_builder_reset (&builder, p - text);
        }
      last = *rect;
      spaced = FALSE;
      line_builder_count_size (&builder, size);

      if (!builder.has_box)
        {
          builder.has_box = TRUE;
          builder.x0 = rect->x1;
          builder.y0 = rect->y1;
          builder.x1 = rect->x2;
          builder.y1 = rect->y2;
          builder.in_first_word = TRUE;
        }
      else
        {
          builder.x0 = MIN (builder.x0, rect->x1);
          builder.y0 = MIN (builder.y0, rect->y1);
          builder.x1 = MAX (builder.x1, rect->x2);
          builder.y1 = MAX (builder.y1, rect->y2);
        }
      if (builder.in_first_word)
        builder.first_word = rect->x2 - builder.x0;
    }
  finish_line (reader, &builder, text, p - text, index);

  poppler_page_free_text_attributes (attributes);

  record.n_lines = reader->lines->len - record.first_line;
  g_array_append_val (reader->pages, record);

  return p - text;
}

/* }}} */

/* Headers, footers and what browsers print {{{ */

typedef struct
{
  double y;       /* the middle of the first line seen */
  guint  n_pages;
  guint  last_page;
} Place;

static GRegex *
furniture_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      /* A page number ("7", "- 7 -", "Page 3 of 9", "3/9"), a URL, or a
       * date and time as a browser prints them ("12/7/26, 4:31 PM",
       * "07.12.2026 16:31", "2026-12-07"). */
      GRegex *compiled = g_regex_new (
        "^(?:"
        "[-–—|·•([\\s]*(?:page|pg\\.?|p\\.|seite|página|pagina|sida|side)?\\s*"
        "\\d{1,5}(?:\\s*(?:of|/|de|von|sur|di|van|av|из)\\s*\\d{1,5})?[-–—|·•)\\]\\s]*"
        "|(?:https?|file|ftp)://\\S*.*"
        "|www\\.\\S+"
        "|\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4},?(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?\\s*(?:[ap]\\.?m\\.?)?)?"
        "|\\d{1,2}:\\d{2}(?::\\d{2})?\\s*(?:[ap]\\.?m\\.?)?"
        ")$",
        G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

      g_assert (compiled != NULL);
      g_once_init_leave (&regex, compiled);
    }

  return regex;
}

/* Lower case, digits as '#', white space as one space: "Page 3 of 9" and
 * "PAGE 4 OF 9" are the same header. */
static char *
normalize_furniture (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *key = g_string_sized_new (strlen (folded));
  gboolean in_digits = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        {
          if (!in_digits)
            g_string_append_c (key, '#');
          in_digits = TRUE;
          continue;
        }
      in_digits = FALSE;
      if (g_unichar_isspace (c))
        {
          if (key->len > 0 && key->str[key->len - 1] != ' ')
            g_string_append_c (key, ' ');
        }
      else
        g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

static gboolean
in_band (const Line *line,
         const Page *page)
{
  double middle = (line->y0 + line->y1) / 2;

  return middle < page->height * BAND || middle > page->height * (1 - BAND);
}

static void
remember_site (Reader     *reader,
               const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (reader->site != NULL || !g_str_has_prefix (text, "http"))
    return;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host == NULL || host[0] == '\0')
    return;

  if (g_str_has_prefix (host, "www."))
    host += 4;
  reader->site = g_strdup (host);
}

static void
mark_furniture (Reader *reader)
{
  g_autoptr(GHashTable) places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  GRegex *regex = furniture_regex ();
  guint n_pages = reader->pages->len;
  /* On most pages: a third of them, at least two. Alternate pages may
   * carry different headers, and the first page often none. */
  guint needed = MAX (2, (n_pages + 2) / 3);

  /* Where each candidate's text stands, page after page */
  for (guint i = 0; i < reader->lines->len; i++)
    {
      Line *line = get_line (reader, i);
      const Page *page = &g_array_index (reader->pages, Page, line->page);
      char *key = NULL;
      GArray *list;
      Place *place = NULL;
      double middle = (line->y0 + line->y1) / 2;

      if (in_band (line, page))
        key = normalize_furniture (line_text (reader, line));
      g_ptr_array_add (keys, key);
      if (key == NULL || n_pages < 2)
        continue;

      list = g_hash_table_lookup (places, key);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (Place));
          g_hash_table_insert (places, g_strdup (key), list);
        }
      for (guint j = 0; j < list->len && place == NULL; j++)
        if (fabs (g_array_index (list, Place, j).y - middle) <= MAX (2.0, line->size * 0.5))
          place = &g_array_index (list, Place, j);
      if (place == NULL)
        {
          Place new_place = { middle, 0, G_MAXUINT };

          g_array_append_val (list, new_place);
          place = &g_array_index (list, Place, list->len - 1);
        }
      if (place->last_page != line->page)
        {
          place->n_pages++;
          place->last_page = line->page;
        }
    }

  /* Repeated at the same place, or a page number, a URL, a date */
  for (guint i = 0; i < reader->lines->len; i++)
    {
      Line *line = get_line (reader, i);
      const char *key = g_ptr_array_index (keys, i);
      const char *text = line_text (reader, line);
      GArray *list;

      if (key == NULL)
        continue;

      list = g_hash_table_lookup (places, key);
      for (guint j = 0; list != NULL && j < list->len && !line->furniture; j++)
        {
          const Place *place = &g_array_index (list, Place, j);

          if (place->n_pages >= needed &&
              fabs (place->y - (line->y0 + line->y1) / 2) <= MAX (2.0, line->size * 0.5))
            line->furniture = TRUE;
        }

      if (!line->furniture && g_regex_match (regex, text, 0, NULL))
        {
          line->furniture = TRUE;
          remember_site (reader, text);
        }
    }

  /* What a browser prints beside its date or URL: the page's title. A
   * page has a handful of such lines; one with more is not a printout. */
  for (guint p = 0; p < n_pages; p++)
    {
      const Page *page = &g_array_index (reader->pages, Page, p);
      guint dropped[MAX_MARGIN_LINES];
      guint n_dropped = 0;
      gboolean too_many = FALSE;

      for (guint i = page->first_line; i < page->first_line + page->n_lines && !too_many; i++)
        if (get_line (reader, i)->furniture)
          {
            too_many = n_dropped == G_N_ELEMENTS (dropped);
            if (!too_many)
              dropped[n_dropped++] = i;
          }
      if (too_many)
        continue;

      for (guint i = page->first_line; i < page->first_line + page->n_lines; i++)
        {
          Line *line = get_line (reader, i);

          if (line->furniture || g_ptr_array_index (keys, i) == NULL)
            continue;

          for (guint j = 0; j < n_dropped && !line->furniture; j++)
            {
              const Line *other = get_line (reader, dropped[j]);

              if (fabs (other->y1 - line->y1) < 0.3 * other->size && line->size <= other->size * 1.25)
                line->furniture = TRUE;
            }
        }
    }
}

/* }}} */

/* Reading order {{{ */

static int
compare_lines_by_position (gconstpointer a,
                           gconstpointer b,
                           gpointer      user_data)
{
  Reader *reader = user_data;
  const Line *la = get_line (reader, *(const guint *) a);
  const Line *lb = get_line (reader, *(const guint *) b);
  double tolerance = 0.3 * MIN (la->size, lb->size);

  if (fabs (la->y1 - lb->y1) > tolerance)
    return la->y1 < lb->y1 ? -1 : 1;
  if (la->x0 != lb->x0)
    return la->x0 < lb->x0 ? -1 : 1;
  return (int) *(const guint *) a - (int) *(const guint *) b;
}

static void
sort_lines (Reader *reader,
            GArray *indexes)
{
  g_array_sort_with_data (indexes, compare_lines_by_position, reader);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Where a column's justified lines end: the line end that most lines share
 * (within 0.5 pt), when at least half of them do. The largest x would be
 * the end of a hyphen or a full stop that the typesetter hung in the
 * margin, and would make every other line look short. */
static gboolean
find_justified_edge (Reader *reader,
                     GArray *indexes,
                     double *edge)
{
  g_autofree double *ends = NULL;
  guint n = indexes->len;
  guint best = 0;

  if (n < 3)
    return FALSE;

  ends = g_new (double, n);
  for (guint i = 0; i < n; i++)
    ends[i] = get_line (reader, g_array_index (indexes, guint, i))->x1;
  qsort (ends, n, sizeof (double), compare_doubles);

  for (guint i = 0, j = 0; i < n; i++)
    {
      while (ends[i] - ends[j] > 0.5)
        j++;
      if (i - j + 1 >= best)
        {
          best = i - j + 1;
          *edge = ends[i];
        }
    }

  return best * 2 >= n;
}

/* Emits @indexes, top to bottom, as one group spanning @left to @right;
 * NaN bounds are the lines' own (a column). */
static void
emit_group (Reader *reader,
            GArray *indexes,
            double  left,
            double  right)
{
  Group group = { left, right, FALSE };

  if (indexes->len == 0)
    return;

  if (isnan (left))
    {
      group.left = G_MAXDOUBLE;
      group.right = -G_MAXDOUBLE;
      for (guint i = 0; i < indexes->len; i++)
        {
          const Line *line = get_line (reader, g_array_index (indexes, guint, i));

          group.left = MIN (group.left, line->x0);
          group.right = MAX (group.right, line->x1);
        }
      group.justified = find_justified_edge (reader, indexes, &group.right);
    }

  for (guint i = 0; i < indexes->len; i++)
    {
      guint index = g_array_index (indexes, guint, i);

      get_line (reader, index)->group = reader->groups->len;
      g_array_append_val (reader->order, index);
    }
  g_array_append_val (reader->groups, group);
}

typedef struct
{
  double start;
  double end;
} Gutter;


/* How many of the @n sorted @values are at most @x (@below) or at least
 * @x (!@below). */
static guint
count_sorted (const double *values,
              guint         n,
              double        x,
              gboolean      below)
{
  guint low = 0;
  guint high = n;

  /* The first value above @x (@below) or at least @x */
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (below ? values[middle] <= x : values[middle] < x)
        low = middle + 1;
      else
        high = middle;
    }

  return below ? low : n - low;
}

/*
 * A gutter is a gap between two neighbouring line ends (starts or ends)
 * at least 0.8 font sizes wide, with lines wholly on either side of it
 * and fewer lines across it (a title, a standfirst) than beside it. Since
 * no line starts or ends inside the gap, every line is on one side of it
 * or across it. The gap with fewest lines across, then the widest, wins;
 * a column with a few lines beside a full one is a column all the same.
 */
static gboolean
find_gutter (Reader *reader,
             GArray *indexes,
             Gutter *gutter)
{
  guint n = indexes->len;
  g_autofree double *starts = g_new (double, n);
  g_autofree double *ends = g_new (double, n);
  g_autofree double *edges = g_new (double, 2 * n);
  g_autofree double *sizes = g_new (double, n);
  guint best_across = G_MAXUINT;
  double best_width = 0;
  double min_width;

  if (n < 2)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const Line *line = get_line (reader, g_array_index (indexes, guint, i));

      starts[i] = edges[2 * i] = line->x0;
      ends[i] = edges[2 * i + 1] = line->x1;
      sizes[i] = line->size;
    }
  qsort (starts, n, sizeof (double), compare_doubles);
  qsort (ends, n, sizeof (double), compare_doubles);
  qsort (edges, 2 * n, sizeof (double), compare_doubles);
  qsort (sizes, n, sizeof (double), compare_doubles);
  min_width = MAX (4.0, sizes[n / 2] * 0.8);

  for (guint i = 0; i + 1 < 2 * n; i++)
    {
      double start = edges[i];
      double end = edges[i + 1];
      guint n_left, n_right, n_across;

      if (end - start < min_width)
        continue;

      n_left = count_sorted (ends, n, start + 0.5, TRUE);
      n_right = count_sorted (starts, n, end - 0.5, FALSE);
      if (n_left == 0 || n_right == 0 || n_left + n_right > n)
        continue;
      n_across = n - n_left - n_right;
      if (n_across >= n_left + n_right)
        continue;

      if (n_across < best_across || (n_across == best_across && end - start > best_width))
        {
          best_across = n_across;
          best_width = end - start;
          gutter->start = start;
          gutter->end = end;
        }
    }

  return best_across != G_MAXUINT;
}

typedef enum
{
  SIDE_LEFT,
  SIDE_RIGHT,
  SIDE_ACROSS,
} Side;

static Side
side_of (const Line   *line,
         const Gutter *gutter)
{
  if (line->x1 <= gutter->start + 0.5)
    return SIDE_LEFT;
  if (line->x0 >= gutter->end - 0.5)
    return SIDE_RIGHT;
  return SIDE_ACROSS;
}

static void order_region (Reader *reader,
                          GArray *indexes,
                          guint   depth);

static void
flush_section (Reader *reader,
               GArray *left,
               GArray *right,
               guint   depth)
{
  if (left->len > 0)
    order_region (reader, left, depth + 1);
  if (right->len > 0)
    order_region (reader, right, depth + 1);
  g_array_set_size (left, 0);
  g_array_set_size (right, 0);
}

/*
 * Puts the lines of a region in reading order. A region with a gutter
 * reads its left side, then its right side, each of them a region of its
 * own (three columns are a column and a region of two). Lines across the
 * gutter (a title, a standfirst) cut the region into sections read one
 * after the other: the columns above them, the lines, the columns below.
 */
static void
order_region (Reader *reader,
              GArray *indexes,
              guint   depth)
{
  g_autoptr(GArray) left = NULL;
  g_autoptr(GArray) right = NULL;
  g_autoptr(GArray) across = NULL;
  double region_left = G_MAXDOUBLE;
  double region_right = -G_MAXDOUBLE;
  Gutter gutter;

  for (guint i = 0; i < indexes->len; i++)
    {
      const Line *line = get_line (reader, g_array_index (indexes, guint, i));

      region_left = MIN (region_left, line->x0);
      region_right = MAX (region_right, line->x1);
    }

  sort_lines (reader, indexes);
  if (depth >= MAX_REGION_DEPTH ||
      !find_gutter (reader, indexes, &gutter))
    {
      emit_group (reader, indexes, NAN, NAN);
      return;
    }

  left = g_array_new (FALSE, FALSE, sizeof (guint));
  right = g_array_new (FALSE, FALSE, sizeof (guint));
  across = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < indexes->len; i++)
    {
      guint index = g_array_index (indexes, guint, i);

      switch (side_of (get_line (reader, index), &gutter))
        {
        case SIDE_ACROSS:
          flush_section (reader, left, right, depth);
          g_array_append_val (across, index);
          break;

        case SIDE_LEFT:
        case SIDE_RIGHT:
          if (across->len > 0)
            {
              emit_group (reader, across, region_left, region_right);
              g_array_set_size (across, 0);
            }
          if (side_of (get_line (reader, index), &gutter) == SIDE_LEFT)
            g_array_append_val (left, index);
          else
            g_array_append_val (right, index);
          break;

        default:
          g_assert_not_reached ();
        }
    }
  flush_section (reader, left, right, depth);
  emit_group (reader, across, region_left, region_right);
}

static void
order_pages (Reader *reader)
{
  g_autoptr(GArray) indexes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint p = 0; p < reader->pages->len; p++)
    {
      const Page *page = &g_array_index (reader->pages, Page, p);

      g_array_set_size (indexes, 0);
      for (guint i = page->first_line; i < page->first_line + page->n_lines; i++)
        if (!get_line (reader, i)->furniture)
          g_array_append_val (indexes, i);

      if (indexes->len > 0)
        order_region (reader, indexes, 0);
    }
}

/* }}} */

/* Paragraphs {{{ */

/* The font size of most of the text, and the usual distance between the
 * baselines of two lines of a paragraph, in font sizes. */
static void
measure_body (Reader *reader)
{
  g_autoptr(GHashTable) sizes = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) pitches = g_array_new (FALSE, FALSE, sizeof (double));
  GHashTableIter iter;
  gpointer key, value;
  guint best = 0;

  reader->body_size = 0;
  for (guint i = 0; i < reader->order->len; i++)
    {
      const Line *line = get_line (reader, g_array_index (reader->order, guint, i));
      gpointer size_key = GINT_TO_POINTER ((int) round (line->size * 10) + 1);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (sizes, size_key));

      g_hash_table_insert (sizes, size_key, GUINT_TO_POINTER (count + line->length));

      if (i > 0)
        {
          const Line *before = get_line (reader, g_array_index (reader->order, guint, i - 1));
          double pitch = (line->y1 - before->y1) / line->size;

          if (before->group == line->group && fabs (before->size - line->size) < 0.05 &&
              pitch > 0.5 && pitch < 3)
            g_array_append_val (pitches, pitch);
        }
    }

  g_hash_table_iter_init (&iter, sizes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > best)
      {
        best = GPOINTER_TO_UINT (value);
        reader->body_size = (GPOINTER_TO_INT (key) - 1) / 10.0;
      }

  if (pitches->len > 0)
    {
      g_array_sort (pitches, compare_doubles);
      reader->pitch = g_array_index (pitches, double, pitches->len / 2);
    }
  else
    reader->pitch = 1.2;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '\'' || c == 0x2019;
}

static gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x00AD;
}

/* The folded text of the parts around a hyphen, "tofu" + "-" + "dreg",
 * as both a word list and a line end look them up. */
static char *
make_pair_key (const char *first,
               gsize       first_length,
               const char *second,
               gsize       second_length)
{
  g_autofree char *a = g_utf8_casefold (first, first_length);
  g_autofree char *b = g_utf8_casefold (second, second_length);

  return g_strconcat (a, "-", b, NULL);
}

/* Adds the words of @text to @words, folded; for a compound
 * ("tofu-dreg", "state-of-the-art") also each pair of neighbouring parts
 * with a hyphen between them ("tofu-dreg", "the-art"). */
static void
add_words (GHashTable *words,
           const char *text)
{
  const char *p = text;
  const char *previous = NULL;  /* the part before a hyphen */
  gsize previous_length = 0;

  while (*p != '\0')
    {
      const char *start;
      gunichar c;

      if (!is_word_char (g_utf8_get_char (p)))
        {
          previous = NULL;
          p = g_utf8_next_char (p);
          continue;
        }

      start = p;
      while (*p != '\0' && is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      g_hash_table_add (words, g_utf8_casefold (start, p - start));
      if (previous != NULL)
        g_hash_table_add (words, make_pair_key (previous, previous_length, start, p - start));

      c = g_utf8_get_char (p);
      if (*p != '\0' && is_hyphen (c) && is_word_char (g_utf8_get_char (g_utf8_next_char (p))))
        {
          previous = start;
          previous_length = p - start;
          p = g_utf8_next_char (p);
        }
      else
        previous = NULL;
    }
}

static GHashTable *
collect_words (Reader *reader)
{
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < reader->order->len; i++)
    add_words (words, line_text (reader, get_line (reader, g_array_index (reader->order, guint, i))));

  return words;
}

typedef enum
{
  JOIN_SPACE,          /* the next line goes on after a space */
  JOIN_TIGHT,          /* right after this one: "tofu-" "dreg", "word—" "word" */
  JOIN_DROP_HYPHEN,    /* without this line's last hyphen: "reconcil-" "iation" */
} Join;

static const char *
last_char (const char *text,
           gsize       length)
{
  return g_utf8_find_prev_char (text, text + length);
}

/*
 * A word hyphenated at a line end is made whole ("reconcil-" + "iation")
 * unless it is a compound: when the text has the word whole elsewhere it
 * is joined, when it has the compound elsewhere ("tofu-dreg") or the part
 * before is a compound already ("state-of-the-") the hyphen stays, and
 * otherwise a lower-case continuation is joined and a capital one
 * ("Sino-" + "American") keeps its hyphen.
 */
static Join
join_lines (Reader      *reader,
            GHashTable **words,
            const Line  *line,
            const Line  *next)
{
  const char *text = line_text (reader, line);
  const char *next_text = line_text (reader, next);
  const char *end = last_char (text, line->length);
  const char *before;
  const char *fragment;
  const char *next_end;
  g_autofree char *joined = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *pair = NULL;
  gunichar c = g_utf8_get_char (end);
  gunichar first = g_utf8_get_char (next_text);

  if (end == NULL || end == text)
    return JOIN_SPACE;

  before = g_utf8_find_prev_char (text, end);
  if ((c == 0x2014 || c == 0x2013) && !g_unichar_isspace (g_utf8_get_char (before)))
    return JOIN_TIGHT;
  if (!is_hyphen (c))
    return JOIN_SPACE;
  if (!g_unichar_isalpha (g_utf8_get_char (before)) || !g_unichar_isalpha (first))
    {
      /* "1998-" "2001", "A-" "4": a range or a code, whole */
      if (g_unichar_isalnum (g_utf8_get_char (before)) && g_unichar_isalnum (first))
        return JOIN_TIGHT;
      return JOIN_SPACE;
    }

  fragment = end;
  while (fragment > text)
    {
      const char *previous = g_utf8_find_prev_char (text, fragment);

      if (!is_word_char (g_utf8_get_char (previous)))
        {
          if (is_hyphen (g_utf8_get_char (previous)))
            return JOIN_TIGHT;
          break;
        }
      fragment = previous;
    }

  next_end = next_text;
  while (*next_end != '\0' && is_word_char (g_utf8_get_char (next_end)))
    next_end = g_utf8_next_char (next_end);

  if (*words == NULL)
    *words = collect_words (reader);

  joined = g_strdup_printf ("%.*s%.*s", (int) (end - fragment), fragment,
                            (int) (next_end - next_text), next_text);
  folded = g_utf8_casefold (joined, -1);
  if (g_hash_table_contains (*words, folded))
    return JOIN_DROP_HYPHEN;

  pair = make_pair_key (fragment, end - fragment, next_text, next_end - next_text);
  if (g_hash_table_contains (*words, pair))
    return JOIN_TIGHT;

  return g_unichar_islower (first) ? JOIN_DROP_HYPHEN : JOIN_TIGHT;
}

static gboolean
is_bullet (gunichar c)
{
  return c == 0x2022 || c == 0x25E6 || c == 0x25AA || c == 0x25CF || c == 0x2023 || c == 0x2043;
}

/*
 * Whether a paragraph ends between two lines that follow each other in
 * reading order: a change of font size, a bullet, a larger gap than
 * between the lines of a paragraph, an indent, or a line that stops
 * short: short of the edge in justified text, else one on which the next
 * line's first word would have fitted.
 * Text goes on from column to column and from page to page.
 */
static gboolean
ends_paragraph (Reader     *reader,
                const Line *before,
                const Line *line,
                const Line *next,
                const Line *after)
{
  const Group *group = &g_array_index (reader->groups, Group, line->group);
  const Group *next_group = &g_array_index (reader->groups, Group, next->group);
  double size = MAX (line->size, next->size);
  const char *end;
  gunichar c;

  if (line->group == next->group && fabs (line->y1 - next->y1) < 0.3 * size)
    return FALSE;
  if (fabs (line->size - next->size) > 0.12 * size)
    return TRUE;
  if (is_bullet (g_utf8_get_char (line_text (reader, next))))
    return TRUE;

  if (line->group == next->group)
    {
      if ((next->y1 - line->y1) / size > reader->pitch * 1.3 + 0.05)
        return TRUE;
      if (next->x0 - line->x0 > 0.6 * size)
        return TRUE;
    }
  else if (next->x0 - next_group->left > 0.6 * size)
    return TRUE;
  /* A paragraph of one line, indented, then another indented line that
   * the line after it is not: two paragraphs. (A block quote's lines are
   * indented alike from the second on.) */
  if (before != NULL && after != NULL && before->group == line->group && after->group == next->group &&
      line->x0 - before->x0 > 0.6 * size && fabs (next->x0 - line->x0) < 0.3 * size &&
      next->x0 - after->x0 > 0.6 * size)
    return TRUE;

  end = last_char (line_text (reader, line), line->length);
  c = end != NULL ? g_utf8_get_char (end) : 0;
  if (is_hyphen (c) || c == 0x2014 || c == 0x2013)
    return FALSE;

  /* Justified text: every line but a paragraph's last reaches the edge */
  if (group->justified)
    return group->right - line->x1 > 0.05 * size;
  return group->right - line->x1 > next->first_word + line->space + 0.3 * size;
}

static char *
assemble (Reader *reader,
          gsize  *length)
{
  g_autoptr(CpTextBuilder) builder = cp_text_builder_new ();
  g_autoptr(GHashTable) words = NULL;

  for (guint i = 0; i < reader->order->len; i++)
    {
      const Line *line = get_line (reader, g_array_index (reader->order, guint, i));
      const Line *before = NULL;
      const Line *next = NULL;
      const Line *after = NULL;
      const char *text = line_text (reader, line);

      if (i > 0)
        before = get_line (reader, g_array_index (reader->order, guint, i - 1));
      if (i + 1 < reader->order->len)
        next = get_line (reader, g_array_index (reader->order, guint, i + 1));
      if (i + 2 < reader->order->len)
        after = get_line (reader, g_array_index (reader->order, guint, i + 2));

      if (next == NULL || ends_paragraph (reader, before, line, next, after))
        {
          cp_text_builder_append (builder, text, line->length);
          cp_text_builder_end_paragraph (builder);
          continue;
        }

      switch (join_lines (reader, &words, line, next))
        {
        case JOIN_DROP_HYPHEN:
          cp_text_builder_append (builder, text, last_char (text, line->length) - text);
          break;

        case JOIN_TIGHT:
          cp_text_builder_append (builder, text, line->length);
          break;

        case JOIN_SPACE:
          cp_text_builder_append (builder, text, line->length);
          cp_text_builder_append (builder, " ", 1);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return cp_text_builder_end (g_steal_pointer (&builder), length);
}

/* }}} */

/* Title, author, date {{{ */

static guint
count_letters (const char *text,
               gsize       length)
{
  guint n = 0;

  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    n += g_unichar_isalpha (g_utf8_get_char (p));

  return n;
}

/* The largest text on the first page with text, when it is larger than
 * the body: the first lines of that size, joined. A drop cap (a letter or
 * two) is no title, and more than four lines of it are a larger part of
 * the text, not a title. */
static char *
dup_largest_text (Reader *reader)
{
  g_autoptr(GString) title = NULL;
  double largest = 0;
  guint n_lines = 0;
  guint page;

  if (reader->order->len == 0)
    return NULL;

  page = get_line (reader, g_array_index (reader->order, guint, 0))->page;
  for (guint i = 0; i < reader->order->len; i++)
    {
      const Line *line = get_line (reader, g_array_index (reader->order, guint, i));

      if (line->page != page)
        break;
      if (count_letters (line_text (reader, line), line->length) >= 3)
        largest = MAX (largest, line->size);
    }
  if (largest <= reader->body_size * 1.15)
    return NULL;

  title = g_string_new (NULL);
  for (guint i = 0; i < reader->order->len; i++)
    {
      const Line *line = get_line (reader, g_array_index (reader->order, guint, i));

      if (line->page != page)
        break;
      if (fabs (line->size - largest) > 0.05 * largest)
        {
          if (title->len > 0)
            break;
          continue;
        }
      if (++n_lines > 4)
        return NULL;
      if (title->len > 0)
        g_string_append_c (title, ' ');
      g_string_append_len (title, line_text (reader, line), line->length);
    }

  return g_string_free (g_steal_pointer (&title), FALSE);
}

/* Runs of white space as one space, none at either end. */
static char *
dup_collapsed (const char *text)
{
  g_auto(GStrv) words = NULL;

  if (text == NULL)
    return NULL;

  words = g_strsplit_set (text, " \t\n\r\f\v", -1);
  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) kept = NULL;

    for (guint i = 0; words[i] != NULL; i++)
      if (words[i][0] != '\0')
        g_strv_builder_add (builder, words[i]);
    kept = g_strv_builder_end (builder);

    return kept[0] != NULL ? g_strjoinv (" ", kept) : NULL;
  }
}

static gboolean
has_letter (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

/*
 * What word processors and converters put in the Title field when the
 * author put nothing there: "Microsoft Word - review.docx", "Untitled",
 * "Document1", a file name or a path.
 */
static gboolean
is_junk_title (const char *title,
               const char *display_name)
{
  static const char * const junk[] = {
    "untitled", "untitled document", "no title", "title", "document", "print",
    "powerpoint presentation", "slide 1", "blank", "anonymous",
  };
  static const char * const extensions[] = {
    ".doc", ".docx", ".odt", ".rtf", ".txt", ".pdf", ".indd", ".qxd", ".qxp",
    ".tex", ".dvi", ".ps", ".eps", ".htm", ".html", ".pages", ".wpd", ".md",
    ".ppt", ".pptx", ".odp", ".xls", ".xlsx",
  };
  g_autofree char *folded = g_utf8_casefold (title, -1);
  g_autofree char *name = display_name ? g_utf8_casefold (display_name, -1) : NULL;
  const char *p;

  if (!has_letter (title))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    if (strcmp (folded, junk[i]) == 0)
      return TRUE;

  if (g_str_has_prefix (folded, "microsoft ") && strstr (folded, " - ") != NULL)
    return TRUE;

  if (g_str_has_prefix (folded, "document"))
    {
      for (p = folded + strlen ("document"); g_ascii_isdigit (*p) || *p == ' '; p++)
        ;
      if (*p == '\0')
        return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_has_suffix (folded, extensions[i]))
      return TRUE;

  if (strchr (folded, ' ') == NULL && (strchr (folded, '/') != NULL || strchr (folded, '\\') != NULL))
    return TRUE;

  if (name != NULL)
    {
      char *dot = strrchr (name, '.');

      if (strcmp (folded, name) == 0)
        return TRUE;
      if (dot != NULL)
        {
          *dot = '\0';
          if (strcmp (folded, name) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

/* The names word processors fill in from the computer's account. */
static gboolean
is_junk_author (const char *author)
{
  static const char * const junk[] = {
    "administrator", "admin", "user", "owner", "unknown", "default", "root",
  };
  g_autofree char *folded = g_utf8_casefold (author, -1);

  if (!has_letter (author))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    if (strcmp (folded, junk[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_title_separator (gunichar c)
{
  return c == '|' || c == '-' || c == 0x2013 || c == 0x2014 || c == 0xB7 || c == 0x2022;
}

/* When @title is @headline followed (or preceded) by a separator and a
 * site's name, "Never Sorry, reviewed | Sideline", returns the site. */
static char *
dup_site_around (const char *title,
                 const char *headline)
{
  gsize title_length = strlen (title);
  gsize headline_length = strlen (headline);
  const char *rest = NULL;
  gsize rest_length = 0;

  if (title_length <= headline_length)
    return NULL;

  /* "Headline | Site", or "Site | Headline": a separator between spaces */
  if (g_ascii_strncasecmp (title, headline, headline_length) == 0 && title[headline_length] == ' ')
    {
      const char *p = title + headline_length + 1;

      if (!is_title_separator (g_utf8_get_char (p)))
        return NULL;
      p = g_utf8_next_char (p);
      if (*p != ' ')
        return NULL;
      rest = p;
      rest_length = title + title_length - p;
    }
  else if (g_ascii_strcasecmp (title + title_length - headline_length, headline) == 0 &&
           title_length > headline_length + 3 &&
           title[title_length - headline_length - 1] == ' ')
    {
      const char *p = g_utf8_find_prev_char (title, title + title_length - headline_length - 1);

      if (p == NULL || p == title || !is_title_separator (g_utf8_get_char (p)) || p[-1] != ' ')
        return NULL;
      rest = title;
      rest_length = p - title;
    }
  else
    return NULL;

  {
    g_autofree char *site = g_strndup (rest, rest_length);

    g_strstrip (site);
    return has_letter (site) ? g_steal_pointer (&site) : NULL;
  }
}

/* }}} */

/* Importing {{{ */

static void
reader_init (Reader *reader)
{
  reader->text = g_string_sized_new (64 * 1024);
  reader->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  reader->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  reader->groups = g_array_new (FALSE, FALSE, sizeof (Group));
  reader->order = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
set_damaged_error (GError     **error,
                   const char  *display_name)
{
  g_set_error (error, CP_ERROR, CP_ERROR_DAMAGED,
               _("“%s” is damaged or is not a PDF. "
                 "Open it in a PDF viewer and save a new copy, or get the file again."),
               display_name);
}

static CpDocument *
pdf_import (GBytes        *contents,
            GFile         *file,
            const char    *display_name,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(CpPdfDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *raw_title = NULL;
  g_autofree char *raw_author = NULL;
  g_autofree char *metadata_title = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  g_autofree char *site = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  g_auto(Reader) reader = { 0 };
  CpDocumentInfo info = { 0 };
  gsize text_length = 0;
  gsize length;
  int n_pages;

  document = poppler_document_new_from_bytes (contents, NULL, &local_error);
  if (document == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, CP_ERROR, CP_ERROR_ENCRYPTED,
                     _("“%s” is password-protected. Open it in a PDF viewer with its "
                       "password and save or print a copy without one, then open that."),
                     display_name);
      else
        set_damaged_error (error, display_name);
      return NULL;
    }

  n_pages = poppler_document_get_n_pages (document);
  if (n_pages <= 0)
    {
      set_damaged_error (error, display_name);
      return NULL;
    }
  if ((guint) n_pages > max_pages)
    {
      g_set_error (error, CP_ERROR, CP_ERROR_TOO_LARGE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” has %d page; Counterpoint reads PDFs of up to %u pages. "
                                "Save the pages of the review as a PDF of its own and open that.",
                                "“%s” has %d pages; Counterpoint reads PDFs of up to %u pages. "
                                "Save the pages of the review as a PDF of its own and open that.",
                                n_pages),
                   display_name, n_pages, max_pages);
      return NULL;
    }

  reader_init (&reader);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(CpPdfPage) page = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      page = poppler_document_get_page (document, i);
      if (page == NULL)
        {
          Page empty = { reader.lines->len, 0, 0 };

          g_array_append_val (reader.pages, empty);
          continue;
        }

      text_length += read_page (&reader, page, i);
      if (text_length > max_text)
        {
          g_autofree char *limit = g_format_size_full (max_text, G_FORMAT_SIZE_IEC_UNITS);

          g_set_error (error, CP_ERROR, CP_ERROR_TOO_LARGE,
                       _("“%s” holds more than %s of text, more than Counterpoint reads "
                         "from one PDF. Save the pages of the review as a PDF of its own "
                         "and open that."),
                       display_name, limit);
          return NULL;
        }
    }

  mark_furniture (&reader);
  order_pages (&reader);
  if (reader.order->len == 0)
    {
      g_set_error (error, CP_ERROR, CP_ERROR_NO_TEXT,
                   _("“%s” has no text to read (a scanned image?) — run OCR on it first, "
                     "for example with OCRmyPDF, and open the result."),
                   display_name);
      return NULL;
    }

  measure_body (&reader);
  text = assemble (&reader, &length);

  headline = dup_largest_text (&reader);
  raw_title = poppler_document_get_title (document);
  metadata_title = dup_collapsed (raw_title);
  if (metadata_title != NULL && !is_junk_title (metadata_title, display_name))
    {
      if (headline != NULL)
        site = dup_site_around (metadata_title, headline);
      title = site != NULL ? g_steal_pointer (&headline) : g_steal_pointer (&metadata_title);
    }
  else
    title = g_steal_pointer (&headline);
  if (site == NULL)
    site = g_steal_pointer (&reader.site);

  raw_author = poppler_document_get_author (document);
  author = dup_collapsed (raw_author);
  if (author != NULL && is_junk_author (author))
    g_clear_pointer (&author, g_free);

  created = poppler_document_get_creation_date_time (document);
  if (created != NULL)
    date = g_date_time_format (created, "%Y-%m-%d");

  info.format = "pdf";
  info.title = title;
  info.author = author;
  info.site = site;
  info.date = date;

  return cp_document_new_from_import (file, display_name, text, length, &info);
}

static const char * const pdf_content_types[] = {
  "application/pdf",
  NULL,
};

const CpImporter cp_pdf_importer = {
  .format = "pdf",
  .content_types = pdf_content_types,
  .sniff = pdf_sniff,
  .import = pdf_import,
};

/* }}} */
