/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The sheet renderer: sheets are written as PDF into a temporary folder
 * and read back with poppler-glib, which gives every character of a page
 * with its box. Page 1 of the samples' sheet is also left in the build
 * folder as sheet-samples-page1.png, to look at; TEST_SHEET_KEEP=1 keeps
 * the PDFs too.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <wchar.h>

#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "cp-sheet.h"
#include "cp-test-pdf-utils.h"
#include "cp-test-utils.h"

#define A4_WIDTH      595.276
#define A4_HEIGHT     841.89
#define LETTER_WIDTH  612.0
#define LETTER_HEIGHT 792.0

/* Poppler's character boxes come from the font's ascent and descent,
 * Pango's from its own metrics; they may differ by a hair. */
#define TOLERANCE 0.75

static char *tmp_dir;


/* --- Fonts ------------------------------------------------------------ */

/* The sheets name "Sans" and "Serif"; without an installed font that has
 * the glyphs, Pango draws boxes and the text read back is not the text
 * drawn. These fail (rather than skip) naming the Debian package to
 * install. Returns NULL when every character of @text has a glyph, else a
 * message naming the first one that has none. */
static char *
find_missing_glyph (const char *family,
                    const char *language,
                    const char *text,
                    const char *package)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (family);
  PangoFontset *fontset = pango_font_map_load_fontset (map, context, description,
                                                       pango_language_from_string (language));
  char *missing = NULL;

  for (const char *p = text; missing == NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_autoptr(PangoFont) font = fontset != NULL ? pango_fontset_get_font (fontset, c) : NULL;

      if (font == NULL || !pango_font_has_char (font, c))
        missing = g_strdup_printf ("no installed %s font has a glyph for “%.*s”: install the Debian package %s",
                                   family, (int) (g_utf8_next_char (p) - p), p, package);
    }

  g_clear_object (&fontset);
  g_object_unref (context);
  return missing;
}

static void
test_fonts (void)
{
  static const struct {
    const char *family, *language, *text, *package;
  } needs[] = {
    { "Sans", "en", "Aa1é—“”", "fonts-dejavu-core" },
    { "Serif", "en", "Aa1é—“”", "fonts-dejavu-core" },
    { "Sans", "zh-cn", "地震之后", "fonts-wqy-microhei" },
    { "Sans", "ja", "ツイッター", "fonts-wqy-microhei" },
  };
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    {
      g_autofree char *message = find_missing_glyph (needs[i].family, needs[i].language,
                                                     needs[i].text, needs[i].package);

      if (message != NULL)
        g_string_append_printf (missing, "%s%s", missing->len > 0 ? "; " : "", message);
    }
  if (missing->len > 0)
    g_test_fail_printf ("%s (build-aux/install-deps installs them)", missing->str);
}

/* --- Fixtures --------------------------------------------------------- */

/* The bundled samples, with the default topics; @n_samples of them */
static CpComparison *
load_samples (guint n_samples)
{
  g_autoptr(GPtrArray) samples = cp_test_load_samples ();
  g_autoptr(CpTopicSet) topics = cp_topic_set_new_default ();
  CpComparison *comparison = cp_comparison_new (topics);

  g_assert_cmpuint (n_samples, <=, samples->len);
  for (guint i = 0; i < n_samples; i++)
    cp_comparison_append_document (comparison, samples->pdata[i]);

  return comparison;
}

static const char * const harbour_terms[] = { "harbour", "quay", NULL };
static const char * const lighthouse_terms[] = { "lighthouse", "lamp", NULL };
static const char * const storm_terms[] = { "storm", "gale", NULL };

static CpTopicSet *
make_coast_topics (void)
{
  CpTopicSet *topics = cp_topic_set_new ();
  g_autoptr(CpTopic) harbour = cp_test_make_topic ("harbour", "Harbour", "#0072B2", harbour_terms);
  g_autoptr(CpTopic) lighthouse = cp_test_make_topic ("lighthouse", "Lighthouse", "#E69F00", lighthouse_terms);
  g_autoptr(CpTopic) storm = cp_test_make_topic ("storm", "Storm", "#009E73", storm_terms);

  cp_topic_set_append (topics, harbour);
  cp_topic_set_append (topics, lighthouse);
  cp_topic_set_append (topics, storm);

  return topics;
}

/* A made-up review of about @n_words words titled "Coast N": sentences of
 * plain words, one in six naming a topic. The same @seed, the same text. */
static char *
generate_review (guint32 seed,
                 guint   number,
                 guint   n_words)
{
  static const char * const words[] = {
    "the", "boats", "morning", "slowly", "nets", "sailors", "waited", "along", "grey",
    "water", "village", "window", "quiet", "ropes", "tide", "evening", "light", "small",
    "houses", "painted", "gulls", "over", "under", "beside", "wooden", "pier", "film",
    "camera", "follows", "fishermen", "their", "children", "every", "winter", "long",
    "shots", "patient", "director", "watches", "without", "hurry", "music", "returns",
    "often", "cold", "bright", "salt", "stone", "walls", "market", "families", "nights",
  };
  static const char * const * const terms[] = { harbour_terms, lighthouse_terms, storm_terms };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed * 7919 + number);
  GString *text = g_string_new (NULL);
  guint written = 0;

  g_string_append_printf (text, "Coast %u\n\n", number);
  while (written < n_words)
    {
      guint n_sentences = g_rand_int_range (rand, 3, 7);

      for (guint s = 0; s < n_sentences; s++)
        {
          guint length = g_rand_int_range (rand, 8, 19);
          gint term_at = g_rand_int_range (rand, 0, 6) == 0 ? g_rand_int_range (rand, 1, length) : -1;

          for (guint w = 0; w < length; w++)
            {
              const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

              if ((gint) w == term_at)
                word = terms[g_rand_int_range (rand, 0, 3)][g_rand_int_range (rand, 0, 2)];
              if (w == 0)
                {
                  g_string_append_c (text, g_ascii_toupper (word[0]));
                  g_string_append (text, word + 1);
                }
              else
                {
                  g_string_append_c (text, ' ');
                  g_string_append (text, word);
                }
            }
          g_string_append (text, s + 1 < n_sentences ? ". " : ".\n\n");
          written += length;
        }
    }

  return g_string_free (text, FALSE);
}

static CpComparison *
make_coast_comparison (guint n_reviews,
                       guint n_words)
{
  g_autoptr(CpTopicSet) topics = make_coast_topics ();
  CpComparison *comparison = cp_comparison_new (topics);

  for (guint i = 0; i < n_reviews; i++)
    {
      g_autofree char *text = generate_review (1, i + 1, n_words);
      g_autofree char *name = g_strdup_printf ("coast-%u.txt", i + 1);
      g_autoptr(CpDocument) document = cp_document_new_from_text (name, text, -1);

      cp_comparison_append_document (comparison, document);
    }

  return comparison;
}

static CpSheet *
make_sheet (CpComparison         *comparison,
            const CpSheetOptions *options,
            CpPaper               paper)
{
  g_autoptr(CpSheetContent) content = cp_sheet_content_new (comparison, options);
  double width, height;

  cp_sheet_get_paper_size (paper, cp_comparison_get_n_documents (comparison), &width, &height);

  return cp_sheet_new (content, width, height);
}

/* --- Reading PDFs back ------------------------------------------------ */

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static PopplerDocument *
write_and_open (CpSheet    *sheet,
                const char *name)
{
  g_autofree char *path = tmp_path (name);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;

  g_assert_true (cp_sheet_write_pdf (sheet, file, NULL, &error));
  g_assert_no_error (error);

  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, cp_sheet_get_n_pages (sheet));

  return document;
}

/* One page's text, a character per box */
typedef struct
{
  char             *text;
  gunichar         *chars;
  glong             n_chars;
  PopplerRectangle *boxes;
  guint             n_boxes;
  double            width;
  double            height;
} PageText;

static void
page_text_clear (PageText *pt)
{
  g_free (pt->text);
  g_free (pt->chars);
  g_free (pt->boxes);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PageText, page_text_clear)

static void
page_text_init (PageText        *pt,
                PopplerDocument *document,
                guint            page_number)
{
  g_autoptr(CpTestPdfPage) page = poppler_document_get_page (document, page_number);

  memset (pt, 0, sizeof *pt);
  pt->text = poppler_page_get_text (page);
  pt->chars = g_utf8_to_ucs4_fast (pt->text, -1, &pt->n_chars);
  g_assert_true (poppler_page_get_text_layout (page, &pt->boxes, &pt->n_boxes));
  g_assert_cmpint (pt->n_boxes, ==, pt->n_chars);
  poppler_page_get_size (page, &pt->width, &pt->height);
}

/* Finds @needle from character @from; -1 when it is not there */
static glong
page_text_find (const PageText *pt,
                const char     *needle,
                glong           from)
{
  glong n = 0;
  g_autofree gunichar *ucs = g_utf8_to_ucs4_fast (needle, -1, &n);

  for (glong i = MAX (from, 0); i + n <= pt->n_chars; i++)
    {
      if (memcmp (pt->chars + i, ucs, n * sizeof (gunichar)) == 0)
        return i;
    }

  return -1;
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0;
}

/* Every character box inside the margins; the footer ("Page n of N", the
 * title beside it) below every other text of the page. */
static void
assert_inside_margins (CpSheet         *sheet,
                       PopplerDocument *document)
{
  double top, right, bottom, left;
  guint n_pages = poppler_document_get_n_pages (document);

  cp_sheet_get_margins (sheet, &top, &right, &bottom, &left);

  for (guint p = 0; p < n_pages; p++)
    {
      g_auto(PageText) pt;
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", p + 1, n_pages);
      glong at;
      double footer_top = G_MAXDOUBLE;
      double footer_baseline;

      page_text_init (&pt, document, p);
      g_assert_cmpfloat_with_epsilon (pt.width, cp_sheet_get_page_width (sheet), 0.01);
      g_assert_cmpfloat_with_epsilon (pt.height, cp_sheet_get_page_height (sheet), 0.01);

      at = page_text_find (&pt, footer, 0);
      if (at < 0)
        g_error ("page %u has no “%s”:\n%s", p + 1, footer, pt.text);
      for (glong i = at; i < at + (glong) strlen (footer); i++)
        footer_top = MIN (footer_top, pt.boxes[i].y1);
      footer_baseline = pt.boxes[at].y2;

      for (guint i = 0; i < pt.n_boxes; i++)
        {
          const PopplerRectangle *box = &pt.boxes[i];
          gboolean in_footer = fabs (box->y2 - footer_baseline) < 0.5;

          if (is_space (pt.chars[i]))
            continue;

          if (box->x1 < left - TOLERANCE || box->x2 > pt.width - right + TOLERANCE ||
              box->y1 < top - TOLERANCE || box->y2 > pt.height - bottom + TOLERANCE)
            g_error ("page %u: “%lc” at %.2f,%.2f–%.2f,%.2f is outside the margins",
                     p + 1, (wint_t) pt.chars[i], box->x1, box->y1, box->x2, box->y2);

          if (!in_footer && box->y2 > footer_top + TOLERANCE)
            g_error ("page %u: “%lc” at %.2f,%.2f–%.2f,%.2f runs into the footer (top %.2f)",
                     p + 1, (wint_t) pt.chars[i], box->x1, box->y1, box->x2, box->y2, footer_top);
        }
    }
}

/* A plain word of the text, 5 to 12 ASCII letters: easy to find again */
static char *
pick_word (const char *text,
           gboolean    last)
{
  g_auto(GStrv) words = g_regex_split_simple ("[^A-Za-z]+", text, 0, 0);
  guint n = g_strv_length (words);

  for (guint i = 0; i < n; i++)
    {
      const char *word = words[last ? n - 1 - i : i];

      if (strlen (word) >= 5 && strlen (word) <= 12)
        return g_strdup (word);
    }

  return NULL;
}

/* The comparison's topic position for a sheet topic, by label */
static guint
comparison_topic (CpComparison   *comparison,
                  CpSheetContent *content,
                  guint           sheet_topic)
{
  CpTopicSet *topics = cp_comparison_get_topics (comparison);
  const char *label = cp_sheet_content_get_topic_label (content, sheet_topic);

  for (guint i = 0; i < cp_topic_set_get_n_topics (topics); i++)
    {
      if (g_strcmp0 (cp_topic_get_display_label (cp_topic_set_get_topic (topics, i)), label) == 0)
        return i;
    }

  g_assert_not_reached ();
}

/* The numbers printed right of the last @label of the page, on its line */
static GPtrArray *
row_numbers (const PageText *pt,
             const char     *label)
{
  GPtrArray *numbers = g_ptr_array_new_with_free_func (g_free);
  glong at = -1;
  glong next;
  double center, right;
  double previous_x2 = -1;
  GString *number = NULL;

  while ((next = page_text_find (pt, label, at + 1)) >= 0)
    at = next;
  g_assert_cmpint (at, >=, 0);

  center = (pt->boxes[at].y1 + pt->boxes[at].y2) / 2;
  right = pt->boxes[at + g_utf8_strlen (label, -1) - 1].x2;

  for (;;)
    {
      double best_x = G_MAXDOUBLE;
      gint best = -1;

      /* The next character to the right on that line */
      for (guint i = 0; i < pt->n_boxes; i++)
        {
          const PopplerRectangle *box = &pt->boxes[i];

          if (is_space (pt->chars[i]) || box->x1 <= right + 0.01 || box->x1 >= best_x)
            continue;
          if (fabs ((box->y1 + box->y2) / 2 - center) > 2.5)
            continue;
          best = i;
          best_x = box->x1;
        }
      if (best < 0)
        break;

      if (number == NULL || pt->boxes[best].x1 - previous_x2 > 1.5)
        {
          if (number != NULL)
            g_ptr_array_add (numbers, g_string_free (number, FALSE));
          number = g_string_new (NULL);
        }
      g_string_append_unichar (number, pt->chars[best]);
      previous_x2 = pt->boxes[best].x2;
      right = pt->boxes[best].x1;
    }
  if (number != NULL)
    g_ptr_array_add (numbers, g_string_free (number, FALSE));

  return numbers;
}

/* --- Tests ------------------------------------------------------------ */

static void
test_paper_size (void)
{
  double width, height;

  cp_sheet_get_paper_size (CP_PAPER_A4, 3, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, A4_WIDTH, 0.001);
  g_assert_cmpfloat_with_epsilon (height, A4_HEIGHT, 0.001);

  cp_sheet_get_paper_size (CP_PAPER_A4, 4, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, A4_HEIGHT, 0.001);
  g_assert_cmpfloat_with_epsilon (height, A4_WIDTH, 0.001);

  cp_sheet_get_paper_size (CP_PAPER_LETTER, 1, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, LETTER_WIDTH, 0.001);
  g_assert_cmpfloat_with_epsilon (height, LETTER_HEIGHT, 0.001);

  cp_sheet_get_paper_size (CP_PAPER_LETTER, 8, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, LETTER_HEIGHT, 0.001);
  g_assert_cmpfloat_with_epsilon (height, LETTER_WIDTH, 0.001);

  /* The tests run in C.UTF-8, whose paper is A4 */
  cp_sheet_get_paper_size (CP_PAPER_DEFAULT, 2, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, A4_WIDTH, 0.001);
  g_assert_cmpfloat_with_epsilon (height, A4_HEIGHT, 0.001);
}

static void
test_samples (void)
{
  g_autoptr(CpComparison) comparison = load_samples (4);
  g_autoptr(CpSheet) sheet = make_sheet (comparison, NULL, CP_PAPER_A4);
  g_autoptr(CpTestPdf) pdf = write_and_open (sheet, "samples.pdf");
  CpSheetContent *content = cp_sheet_get_content (sheet);
  guint n_pages = cp_sheet_get_n_pages (sheet);
  guint n_documents = cp_sheet_content_get_n_documents (content);
  guint n_topics = cp_sheet_content_get_n_topics (content);
  g_autofree char *title = poppler_document_get_title (pdf);
  g_autofree char *creator = poppler_document_get_creator (pdf);
  g_auto(PageText) first;

  g_test_message ("the samples' sheet has %u pages", n_pages);
  g_assert_cmpuint (n_pages, >=, 2);
  g_assert_cmpuint (n_pages, <=, 12);
  g_assert_true (cp_sheet_get_content (sheet) == content);
  g_assert_cmpstr (title, ==, "Ai Weiwei: Never Sorry");
  g_assert_cmpstr (creator, ==, "Counterpoint");

  /* Four reviews: landscape A4 */
  g_assert_cmpfloat_with_epsilon (cp_sheet_get_page_width (sheet), A4_HEIGHT, 0.001);
  g_assert_cmpfloat_with_epsilon (cp_sheet_get_page_height (sheet), A4_WIDTH, 0.001);

  /* Page 1: the title, the reviews, the legend, the matrix */
  page_text_init (&first, pdf, 0);
  g_assert_true (cp_test_pdf_page_shows (pdf, 0, "Ai Weiwei: Never Sorry"));
  g_assert_true (cp_test_pdf_page_shows (pdf, 0, "4 reviews"));
  for (guint d = 0; d < n_documents; d++)
    {
      g_autofree char *start = g_utf8_substring (cp_sheet_content_get_document_title (content, d), 0, 24);

      g_assert_true (cp_test_pdf_page_shows (pdf, 0, start));
      g_assert_true (cp_test_pdf_page_shows (pdf, 0, cp_sheet_content_get_document_name (content, d)));
    }

  for (guint t = 0; t < n_topics; t++)
    {
      const char *label = cp_sheet_content_get_topic_label (content, t);
      guint topic = comparison_topic (comparison, content, t);
      g_autoptr(GPtrArray) numbers = row_numbers (&first, label);
      guint n = 0;

      /* In the legend and in the matrix */
      g_assert_cmpint (page_text_find (&first, label, page_text_find (&first, label, 0) + 1), >, 0);

      for (guint d = 0; d < n_documents; d++)
        {
          guint count = cp_comparison_get_count (comparison, topic, d);

          g_assert_cmpuint (cp_sheet_content_get_count (content, t, d), ==, count);
          if (count > 0)
            {
              g_autofree char *expected = g_strdup_printf ("%u", count);

              g_assert_cmpuint (n, <, numbers->len);
              g_assert_cmpstr (g_ptr_array_index (numbers, n), ==, expected);
              n++;
            }
        }
      g_assert_cmpuint (n, ==, numbers->len);
    }

  /* Each band on a page after the first, with a word of each cell */
  g_assert_cmpuint (cp_sheet_content_get_n_bands (content), >, 0);
  for (guint b = 0; b < cp_sheet_content_get_n_bands (content); b++)
    {
      const char *label = cp_sheet_content_get_topic_label (content, cp_sheet_content_get_band_topic (content, b));

      for (guint d = 0; d < n_documents; d++)
        {
          const CpSheetExcerpt *excerpt;
          g_autofree char *word = NULL;
          gboolean found = FALSE;

          if (cp_sheet_content_get_n_excerpts (content, b, d) == 0)
            continue;

          excerpt = cp_sheet_content_get_excerpt (content, b, d, 0);
          word = pick_word (excerpt->text, FALSE);
          if (word == NULL)
            continue;

          for (guint p = 1; p < n_pages && !found; p++)
            found = cp_test_pdf_page_shows (pdf, p, label) && cp_test_pdf_page_shows (pdf, p, word);
          if (!found)
            g_error ("no page has the band “%s” and “%s” from review %u", label, word, d + 1);
        }
    }

  assert_inside_margins (sheet, pdf);
}

static void
test_samples_png (void)
{
  g_autoptr(CpComparison) comparison = load_samples (4);
  g_autoptr(CpSheet) sheet = make_sheet (comparison, NULL, CP_PAPER_A4);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "sheet-samples-page1.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;

  g_assert_true (cp_sheet_write_png (sheet, 0, 110, file, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("page 1 of the samples' sheet: %s", path);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int) ceil (A4_HEIGHT * 110 / 72));
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, (int) ceil (A4_WIDTH * 110 / 72));
  cairo_surface_destroy (image);
}

static void
test_png (void)
{
  g_autoptr(CpComparison) comparison = load_samples (2);
  g_autoptr(CpSheet) sheet = make_sheet (comparison, NULL, CP_PAPER_LETTER);
  g_autofree char *path = tmp_path ("page.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  guint32 corner;

  g_assert_true (cp_sheet_write_png (sheet, cp_sheet_get_n_pages (sheet) - 1, 72, file, NULL, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 612);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 792);
  /* White paper */
  corner = *(guint32 *)(void *) cairo_image_surface_get_data (image);
  g_assert_cmphex (corner & 0xffffff, ==, 0xffffff);
  cairo_surface_destroy (image);

  g_assert_true (cp_sheet_write_png (sheet, 0, 150, file, NULL, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int) ceil (LETTER_WIDTH * 150 / 72));
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, (int) ceil (LETTER_HEIGHT * 150 / 72));
  cairo_surface_destroy (image);
  g_unlink (path);
}

/* Pages can be drawn in any order, and give the same picture each time */
static void
test_any_order (void)
{
  g_autoptr(CpComparison) comparison = load_samples (4);
  g_autoptr(CpSheet) sheet = make_sheet (comparison, NULL, CP_PAPER_A4);
  cairo_surface_t *images[2];
  guint n_pages = cp_sheet_get_n_pages (sheet);

  for (guint i = 0; i < 2; i++)
    {
      cairo_t *cr;

      /* The second time, after every other page, last to first */
      if (i == 1)
        {
          cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 300);

          cr = cairo_create (scratch);
          for (guint p = n_pages; p-- > 0;)
            cp_sheet_draw_page (sheet, cr, p);
          cairo_destroy (cr);
          cairo_surface_destroy (scratch);
        }

      images[i] = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 842, 596);
      cr = cairo_create (images[i]);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cp_sheet_draw_page (sheet, cr, 1);
      cairo_destroy (cr);
      cairo_surface_flush (images[i]);
    }

  g_assert_cmpmem (cairo_image_surface_get_data (images[0]),
                   cairo_image_surface_get_stride (images[0]) * 596,
                   cairo_image_surface_get_data (images[1]),
                   cairo_image_surface_get_stride (images[1]) * 596);
  cairo_surface_destroy (images[0]);
  cairo_surface_destroy (images[1]);
}

static void
test_paper (void)
{
  g_autoptr(CpComparison) comparison = load_samples (2);
  g_autoptr(CpSheet) a4 = make_sheet (comparison, NULL, CP_PAPER_A4);
  g_autoptr(CpSheet) letter = make_sheet (comparison, NULL, CP_PAPER_LETTER);
  g_autoptr(CpTestPdf) a4_pdf = write_and_open (a4, "a4.pdf");
  g_autoptr(CpTestPdf) letter_pdf = write_and_open (letter, "letter.pdf");
  g_autoptr(CpTestPdfPage) a4_page = poppler_document_get_page (a4_pdf, 0);
  g_autoptr(CpTestPdfPage) letter_page = poppler_document_get_page (letter_pdf, 0);
  double width, height;

  /* Two reviews: portrait */
  poppler_page_get_size (a4_page, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, A4_WIDTH, 0.01);
  g_assert_cmpfloat_with_epsilon (height, A4_HEIGHT, 0.01);
  poppler_page_get_size (letter_page, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, LETTER_WIDTH, 0.01);
  g_assert_cmpfloat_with_epsilon (height, LETTER_HEIGHT, 0.01);

  g_assert_true (cp_test_pdf_page_shows (a4_pdf, 0, "2 reviews"));
  g_assert_true (cp_test_pdf_page_shows (letter_pdf, 0, "2 reviews"));
  assert_inside_margins (a4, a4_pdf);
  assert_inside_margins (letter, letter_pdf);
}

static void
test_margins (void)
{
  g_autoptr(CpComparison) comparison = load_samples (3);
  g_autoptr(CpSheet) sheet = make_sheet (comparison, NULL, CP_PAPER_A4);
  g_autoptr(CpTestPdf) pdf = NULL;
  double top, right, bottom, left;
  guint n_default;

  cp_sheet_get_margins (sheet, &top, &right, &bottom, &left);
  g_assert_cmpfloat (top, ==, CP_SHEET_DEFAULT_MARGIN);
  g_assert_cmpfloat (right, ==, CP_SHEET_DEFAULT_MARGIN);
  g_assert_cmpfloat (bottom, ==, CP_SHEET_DEFAULT_MARGIN);
  g_assert_cmpfloat (left, ==, CP_SHEET_DEFAULT_MARGIN);
  n_default = cp_sheet_get_n_pages (sheet);

  /* Wide, uneven margins: laid out again, still inside */
  cp_sheet_set_margins (sheet, 90, 70, 110, 60);
  cp_sheet_get_margins (sheet, &top, &right, &bottom, &left);
  g_assert_cmpfloat (top, ==, 90);
  g_assert_cmpfloat (right, ==, 70);
  g_assert_cmpfloat (bottom, ==, 110);
  g_assert_cmpfloat (left, ==, 60);
  g_assert_cmpuint (cp_sheet_get_n_pages (sheet), >=, n_default);
  pdf = write_and_open (sheet, "margins.pdf");
  assert_inside_margins (sheet, pdf);
}

static void
test_long (void)
{
  g_autoptr(CpComparison) comparison = make_coast_comparison (8, 1500);
  CpSheetOptions options = { .excerpts_per_cell = 40 };
  g_autoptr(CpSheet) sheet = make_sheet (comparison, &options, CP_PAPER_A4);
  g_autoptr(CpTestPdf) pdf = write_and_open (sheet, "long.pdf");
  CpSheetContent *content = cp_sheet_get_content (sheet);
  guint n_pages = cp_sheet_get_n_pages (sheet);
  guint n_bands = cp_sheet_content_get_n_bands (content);
  guint n_continued = 0;

  g_test_message ("eight long reviews: %u pages", n_pages);
  g_assert_cmpfloat (cp_sheet_get_page_width (sheet), >, cp_sheet_get_page_height (sheet));
  g_assert_cmpuint (n_bands, ==, 3);
  g_assert_cmpuint (n_pages, >=, 6);

  for (guint b = 0; b < n_bands; b++)
    {
      const char *label = cp_sheet_content_get_topic_label (content, cp_sheet_content_get_band_topic (content, b));
      g_autofree char *continued = g_strdup_printf ("%s (continued)", label);
      guint n_band_pages = 0;

      for (guint p = 0; p < n_pages; p++)
        {
          if (!cp_test_pdf_page_shows (pdf, p, continued))
            continue;

          n_band_pages++;
          /* The column headings again */
          for (guint d = 0; d < 8; d++)
            {
              g_autofree char *heading = g_strdup_printf ("%u Coast %u", d + 1, d + 1);

              g_assert_true (cp_test_pdf_page_shows (pdf, p, heading));
            }
        }
      g_test_message ("band %s: continued on %u pages", label, n_band_pages);
      g_assert_cmpuint (n_band_pages, >=, 1);
      n_continued += n_band_pages;
    }
  g_assert_cmpuint (n_continued, >=, 3);

  assert_inside_margins (sheet, pdf);
}

static void
test_full_texts (void)
{
  g_autoptr(CpComparison) comparison = load_samples (4);
  CpSheetOptions options = { .full_texts = TRUE };
  g_autoptr(CpSheet) plain = make_sheet (comparison, NULL, CP_PAPER_A4);
  g_autoptr(CpSheet) sheet = make_sheet (comparison, &options, CP_PAPER_A4);
  g_autoptr(CpTestPdf) pdf = write_and_open (sheet, "full-texts.pdf");
  guint n_plain = cp_sheet_get_n_pages (plain);
  guint n_pages = cp_sheet_get_n_pages (sheet);

  g_test_message ("with the full texts: %u pages instead of %u", n_pages, n_plain);
  g_assert_cmpuint (n_pages, >, n_plain);
  g_assert_true (cp_test_pdf_page_shows (pdf, n_plain, "Full texts"));
  g_assert_true (cp_test_pdf_page_shows (pdf, n_pages - 1, "Full texts (continued)"));

  /* The last words of every review are in the appendix */
  for (guint d = 0; d < cp_comparison_get_n_documents (comparison); d++)
    {
      const char *text = cp_document_get_text (cp_comparison_get_document (comparison, d));
      g_autofree char *word = pick_word (text, TRUE);
      gboolean found = FALSE;

      g_assert_nonnull (word);
      for (guint p = n_plain; p < n_pages && !found; p++)
        found = cp_test_pdf_page_shows (pdf, p, word);
      if (!found)
        g_error ("the appendix lacks “%s”, near the end of review %u", word, d + 1);
    }

  assert_inside_margins (sheet, pdf);
}

static void
test_one_review (void)
{
  g_autoptr(CpComparison) comparison = load_samples (1);
  CpSheetOptions options = { .topics = CP_SHEET_TOPICS_ALL };
  g_autoptr(CpSheet) shared = make_sheet (comparison, NULL, CP_PAPER_A4);
  g_autoptr(CpSheet) all = make_sheet (comparison, &options, CP_PAPER_A4);
  g_autoptr(CpTestPdf) shared_pdf = write_and_open (shared, "one-shared.pdf");
  g_autoptr(CpTestPdf) all_pdf = write_and_open (all, "one-all.pdf");

  /* Nothing is shared by one review: the first page alone */
  g_assert_cmpuint (cp_sheet_get_n_pages (shared), ==, 1);
  g_assert_true (cp_test_pdf_page_shows (shared_pdf, 0, "1 review"));
  g_assert_cmpuint (cp_sheet_get_n_pages (all), >=, 2);
  assert_inside_margins (shared, shared_pdf);
  assert_inside_margins (all, all_pdf);
}

/* A review whose source names its author and outlet has them under its
 * title's row, above its file; one that does not, its file alone */
static void
test_byline (void)
{
  g_autoptr(CpComparison) comparison = load_samples (1);
  CpDocumentInfo info = { "html", "Never Sorry, reviewed", "Jane Doe", "The Paper", "2012-07-27" };
  g_autoptr(CpDocument) page = cp_document_new_from_import (NULL, "never-sorry.html",
                                                           "An artist against the state, and Twitter.", -1, &info);
  g_autoptr(CpSheet) sheet = NULL;
  g_autoptr(CpTestPdf) pdf = NULL;
  CpSheetContent *content;

  cp_comparison_append_document (comparison, page);
  sheet = make_sheet (comparison, NULL, CP_PAPER_A4);
  pdf = write_and_open (sheet, "byline.pdf");
  content = cp_sheet_get_content (sheet);

  g_assert_null (cp_sheet_content_get_document_byline (content, 0));
  g_assert_cmpstr (cp_sheet_content_get_document_byline (content, 1), ==, "Jane Doe · The Paper");
  g_assert_true (cp_test_pdf_page_shows (pdf, 0, "Never Sorry, reviewed"));
  g_assert_true (cp_test_pdf_page_shows (pdf, 0, "Jane Doe · The Paper"));
  g_assert_true (cp_test_pdf_page_shows (pdf, 0, "never-sorry.html"));
  g_assert_true (cp_test_pdf_page_shows (pdf, 0, cp_sheet_content_get_document_name (content, 0)));
  assert_inside_margins (sheet, pdf);
}

static void
test_cjk (void)
{
  static const char * const quake_terms[] = { "地震", "earthquake", NULL };
  g_autoptr(CpTopicSet) topics = cp_topic_set_new ();
  g_autoptr(CpTopic) quake = cp_test_make_topic ("quake", "地震 Earthquake", "#D55E00", quake_terms);
  g_autoptr(CpComparison) comparison = NULL;
  g_autoptr(CpDocument) zh = cp_document_new_from_text ("zh.txt",
    "海边的小城\n\n这部电影讲述了一座小城在地震之后的生活。导演用很长的镜头拍摄了渔民和孩子们。"
    "地震以后，人们重新修建了房子，也重新开始了市场。", -1);
  g_autoptr(CpDocument) en = cp_document_new_from_text ("en.txt",
    "A town by the sea\n\nThe film follows a small town after the earthquake, in long patient shots.", -1);
  g_autoptr(CpSheet) sheet = NULL;
  g_autoptr(CpTestPdf) pdf = NULL;

  g_autofree char *missing_glyph = find_missing_glyph ("Sans", "zh-cn", "地震之后的生活", "fonts-wqy-microhei");

  if (missing_glyph != NULL)
    {
      g_test_fail_printf ("%s (build-aux/install-deps installs it)", missing_glyph);
      return;
    }

  cp_topic_set_append (topics, quake);
  comparison = cp_comparison_new (topics);
  cp_comparison_append_document (comparison, zh);
  cp_comparison_append_document (comparison, en);
  sheet = make_sheet (comparison, NULL, CP_PAPER_A4);
  pdf = write_and_open (sheet, "cjk.pdf");

  g_assert_cmpuint (cp_sheet_get_n_pages (sheet), ==, 2);
  g_assert_true (cp_test_pdf_page_shows (pdf, 1, "地震 Earthquake"));
  g_assert_true (cp_test_pdf_page_shows (pdf, 1, "之后的生活"));
  assert_inside_margins (sheet, pdf);
}

/* Long words, a long title, many narrow columns, wide margins: still
 * nothing outside the margins */
static void
test_extremes (void)
{
  static const char * const long_terms[] = { "harbourmasterships", NULL };
  g_autoptr(CpComparison) comparison = make_coast_comparison (12, 300);
  g_autoptr(CpTopic) long_topic = cp_test_make_topic ("long", "A topic whose label goes on and on, longer than any column "
                                              "or any heading bar could ever hold on one line",
                                              "#CC79A7", long_terms);
  g_autoptr(CpDocument) long_words = cp_document_new_from_text ("words.txt",
    "Coast 13\n\nThe harbourmasterships harbourmasterships of the "
    "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch quay; "
    "https://example.org/a/very/long/address/without/any/space/in/it/at/all/harbour and a quay.", -1);
  CpSheetOptions options = {
    .title = "A title long enough to need two lines, perhaps three, at the size of a title on a page "
             "of twelve reviews side by side, which is as many as anyone would print",
    .topics = CP_SHEET_TOPICS_ALL,
    .full_texts = TRUE,
  };
  g_autoptr(CpSheet) sheet = NULL;
  g_autoptr(CpTestPdf) pdf = NULL;

  cp_topic_set_append (cp_comparison_get_topics (comparison), long_topic);
  cp_comparison_append_document (comparison, long_words);
  sheet = make_sheet (comparison, &options, CP_PAPER_LETTER);
  cp_sheet_set_margins (sheet, 80, 90, 100, 70);
  pdf = write_and_open (sheet, "extremes.pdf");

  g_test_message ("thirteen reviews on Letter: %u pages", cp_sheet_get_n_pages (sheet));
  g_assert_true (cp_test_pdf_page_shows (pdf, 0, "13 reviews"));
  assert_inside_margins (sheet, pdf);
}

/* Whether @dir holds a file whose name starts with @prefix */
static gboolean
dir_has_prefix (const char *dir,
                const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (g_str_has_prefix (name, prefix))
        return TRUE;
    }

  return FALSE;
}

static void
assert_old_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "the old sheet");
}

/* Whether @data holds @needle: the PDF's compressed streams hold NUL
 * bytes, which end a search with strstr () */
static gboolean
holds_bytes (const char *data,
             gsize       length,
             const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

/* A sheet draws no transparency: PostScript print paths (CUPS) turn a
 * page with any into one picture without text. cairo writes each alpha
 * it is asked for as an ExtGState dictionary (/ca, /CA) and a mask as an
 * /SMask, outside the compressed page streams. */
static void
test_no_transparency (void)
{
  g_autoptr(CpComparison) comparison = load_samples (4);
  CpSheetOptions options = { .full_texts = TRUE };
  g_autoptr(CpSheet) sheet = NULL;
  g_autofree char *path = tmp_path ("opaque.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  cp_test_add_note (comparison, cp_comparison_get_document (comparison, 0), "the", "A note, so that its marker is drawn too");
  sheet = make_sheet (comparison, &options, CP_PAPER_A4);
  g_assert_true (cp_sheet_write_pdf (sheet, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_false (holds_bytes (contents, length, "/SMask"));
  g_assert_false (holds_bytes (contents, length, "/ca 0"));
  g_assert_false (holds_bytes (contents, length, "/CA 0"));
  g_unlink (path);
}

static void
test_write_errors (void)
{
  g_autoptr(CpComparison) comparison = load_samples (2);
  g_autoptr(CpSheet) sheet = make_sheet (comparison, NULL, CP_PAPER_A4);
  g_autofree char *dir = tmp_path ("errors");
  g_autofree char *path = g_build_filename (dir, "sheet.pdf", NULL);
  g_autofree char *subdir = g_build_filename (dir, "folder.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", "sheet.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) subdir_file = g_file_new_for_path (subdir);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  struct rlimit saved, small;

  g_assert_cmpint (g_mkdir_with_parents (subdir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "the old sheet", -1, NULL));

  /* A folder where the file should go: the folder stays */
  g_assert_false (cp_sheet_write_pdf (sheet, subdir_file, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "folder.pdf"));
  g_assert_true (g_file_test (subdir, G_FILE_TEST_IS_DIR));
  g_assert_false (dir_has_prefix (dir, ".goutputstream"));
  g_clear_error (&error);

  /* A folder that does not exist */
  g_assert_false (cp_sheet_write_pdf (sheet, missing_file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* Cancelled */
  g_cancellable_cancel (cancellable);
  g_assert_false (cp_sheet_write_pdf (sheet, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (cp_sheet_write_png (sheet, 0, 72, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  assert_old_file (path);

  /* The disk fills up halfway (a file size limit, which binds root too):
   * the old file stays, the temporary one goes */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = 2048;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  g_assert_false (cp_sheet_write_pdf (sheet, file, NULL, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  assert_old_file (path);
  g_assert_false (dir_has_prefix (dir, ".goutputstream"));

  /* A folder we may not write to */
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  if (access (dir, W_OK) == 0)
    {
      g_test_message ("running as root: every folder is writable, no permission test");
    }
  else
    {
      g_assert_false (cp_sheet_write_pdf (sheet, file, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_nonnull (strstr (error->message, path));
      g_clear_error (&error);
      assert_old_file (path);
    }
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);

  /* And written over at last, keeping the file's permissions (a sheet
   * kept private stays private; the umask would not give group read) */
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (cp_sheet_write_pdf (sheet, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (dir_has_prefix (dir, ".goutputstream"));
  {
    GStatBuf st;
    g_autofree char *contents = NULL;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0640);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  }
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (cp_sheet_write_png (sheet, 0, 72, file, NULL, &error));
  g_assert_no_error (error);
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  g_unlink (path);
  g_rmdir (subdir);
  g_rmdir (dir);
}

/* Whether the band just under @rect holds a pixel of colour @rgb */
static gboolean
underlined_in (cairo_surface_t         *image,
               double                   scale,
               const PopplerRectangle  *rect,
               guint32                  rgb)
{
  int stride = cairo_image_surface_get_stride (image);
  const guchar *data = cairo_image_surface_get_data (image);

  /* From the baseline's neighbourhood to just under the box */
  for (int y = (int) ((rect->y1 + (rect->y2 - rect->y1) * 0.6) * scale); y <= (int) ((rect->y2 + 3) * scale); y++)
    for (int x = (int) (rect->x1 * scale); x < (int) (rect->x2 * scale); x++)
      {
        guint32 pixel = *(const guint32 *) (const void *) (data + y * stride + x * 4);
        int dr = (int) ((pixel >> 16) & 0xff) - (int) ((rgb >> 16) & 0xff);
        int dg = (int) ((pixel >> 8) & 0xff) - (int) ((rgb >> 8) & 0xff);
        int db = (int) (pixel & 0xff) - (int) (rgb & 0xff);

        if (ABS (dr) + ABS (dg) + ABS (db) < 90)
          return TRUE;
      }
  return FALSE;
}

/* The first box of @word on @page below @top (PDF points from the top) */
static gboolean
find_word_below (PopplerPage      *page,
                 const char       *word,
                 double            top,
                 PopplerRectangle *found)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *boxes = NULL;
  guint n_boxes = 0;
  gsize length = strlen (word);
  const char *p;
  glong index;

  g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes));
  for (p = strstr (text, word); p != NULL; p = strstr (p + 1, word))
    {
      index = g_utf8_pointer_to_offset (text, p);
      if (index + (glong) g_utf8_strlen (word, -1) > (glong) n_boxes || boxes[index].y1 <= top ||
          g_ascii_isalpha (p[length]))
        continue;
      *found = boxes[index];
      found->x2 = boxes[index + g_utf8_strlen (word, -1) - 1].x2;
      return TRUE;
    }
  return FALSE;
}

/* Two topics of one colour: the legend tells them apart as the marks do,
 * the second one's name underlined in its colour */
static void
test_color_cue_legend (void)
{
  static const char * const sea_terms[] = { "sea", NULL };
  static const char * const salt_terms[] = { "salt", NULL };
  g_autoptr(CpTopicSet) topics = cp_topic_set_new ();
  g_autoptr(CpTopic) sea = cp_test_make_topic ("sea", "Sea", "#4477aa", sea_terms);
  g_autoptr(CpTopic) salt = cp_test_make_topic ("salt", "Salt", "#4477aa", salt_terms);
  g_autoptr(CpComparison) comparison = NULL;
  g_autoptr(CpDocument) a = cp_document_new_from_text ("a.txt", "Coast\n\nThe sea and the salt.", -1);
  g_autoptr(CpDocument) b = cp_document_new_from_text ("b.txt", "Wind\n\nSalt on the sea wind.", -1);
  g_autoptr(CpSheet) sheet = NULL;
  g_autoptr(CpTestPdf) pdf = NULL;
  g_autoptr(CpTestPdfPage) page = NULL;
  PopplerRectangle topics_heading, sea_label, salt_label;
  cairo_surface_t *image;
  double width, height;
  cairo_t *cr;

  cp_topic_set_append (topics, sea);
  cp_topic_set_append (topics, salt);
  comparison = cp_comparison_new (topics);
  cp_comparison_append_document (comparison, a);
  cp_comparison_append_document (comparison, b);
  sheet = make_sheet (comparison, NULL, CP_PAPER_A4);
  pdf = write_and_open (sheet, "cue.pdf");
  page = poppler_document_get_page (pdf, 0);
  poppler_page_get_size (page, &width, &height);

  /* The page as the PDF draws it, four pixels a point: the underline is
   * thinner than a point */
  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width * 4), (int) ceil (height * 4));
  cr = cairo_create (image);
  cairo_scale (cr, 4, 4);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cp_sheet_draw_page (sheet, cr, 0);
  cairo_destroy (cr);
  cairo_surface_flush (image);

  g_assert_true (find_word_below (page, "TOPICS", 0, &topics_heading) ||
                 find_word_below (page, "Topics", 0, &topics_heading));
  g_assert_true (find_word_below (page, "Sea", topics_heading.y2, &sea_label));
  g_assert_true (find_word_below (page, "Salt", topics_heading.y2, &salt_label));
  g_assert_false (underlined_in (image, 4, &sea_label, 0x4477aa));
  g_assert_true (underlined_in (image, 4, &salt_label, 0x4477aa));
  cairo_surface_destroy (image);
}

/* --- Long unbroken text ------------------------------------------------ */

/* The text of the appendix pages (@first_page on) of a sheet of one or two
 * reviews, column by column, white space left out: the characters under
 * the column headings and above the footer, each in the column it starts
 * in. Fails when a character of the first column reaches into the gap
 * before the second, or anything runs outside the margins. */
static void
appendix_columns (CpSheet         *sheet,
                  PopplerDocument *pdf,
                  guint            first_page,
                  const char      *heading,
                  GString         *columns[2])
{
  guint n_pages = poppler_document_get_n_pages (pdf);
  g_autofree char *continued = g_strdup_printf ("%s (continued)", "Full texts");

  assert_inside_margins (sheet, pdf);
  for (guint p = first_page; p < n_pages; p++)
    {
      g_auto(PageText) pt;
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", p + 1, n_pages);
      glong head, second, at;
      double body_top, body_bottom, second_x = G_MAXDOUBLE;

      page_text_init (&pt, pdf, p);
      at = page_text_find (&pt, footer, 0);
      g_assert_cmpint (at, >=, 0);
      body_bottom = pt.boxes[at].y1 - TOLERANCE;

      /* The column headings: "1  <heading>" and, with two, "2  …" */
      head = page_text_find (&pt, heading, 0);
      if (head < 0)
        g_error ("page %u lacks the column heading “%s”:\n%s", p + 1, heading, pt.text);
      body_top = pt.boxes[head].y2 + TOLERANCE;
      second = page_text_find (&pt, "2", head);
      if (second >= 0 && fabs (pt.boxes[second].y1 - pt.boxes[head].y1) < 0.5)
        second_x = pt.boxes[second].x1;

      for (glong i = 0; i < pt.n_chars; i++)
        {
          const PopplerRectangle *box = &pt.boxes[i];

          if (is_space (pt.chars[i]) || box->y1 < body_top || box->y2 > body_bottom)
            continue;
          if (box->x1 < second_x - 1)
            {
              /* The gap between the columns is 18 pt; half of it stays clear */
              if (box->x2 > second_x - 9)
                g_error ("page %u: “%lc” at %.2f–%.2f runs past the first column (the second starts at %.2f)",
                         p + 1, (wint_t) pt.chars[i], box->x1, box->x2, second_x);
              g_string_append_unichar (columns[0], pt.chars[i]);
            }
          else
            {
              g_string_append_unichar (columns[1], pt.chars[i]);
            }
        }
      /* The headings of the appendix are above the body */
      g_assert_true (p == first_page || page_text_find (&pt, continued, 0) >= 0);
    }
}

/* A sheet of @documents (up to NULL) with their full texts, on A4,
 * written and read back as @name; @first_page: the appendix's first */
static CpSheet *
make_appendix_sheet (CpTopicSet  *topics,
                     CpDocument **documents,
                     const char  *name,
                     CpTestPdf  **pdf,
                     guint       *first_page)
{
  g_autoptr(CpComparison) comparison = cp_comparison_new (topics);
  CpSheetOptions options = { .full_texts = TRUE };
  g_autoptr(CpSheet) plain = NULL;
  CpSheet *sheet;

  for (guint i = 0; documents[i] != NULL; i++)
    cp_comparison_append_document (comparison, documents[i]);
  plain = make_sheet (comparison, NULL, CP_PAPER_A4);
  sheet = make_sheet (comparison, &options, CP_PAPER_A4);
  *pdf = write_and_open (sheet, name);
  *first_page = cp_sheet_get_n_pages (plain);

  return sheet;
}

/* @text without white space, decomposed */
static char *
without_spaces (const char *text)
{
  g_autofree char *nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static void
assert_same_text (const char *what,
                  const char *shown,
                  const char *text)
{
  g_autofree char *a = without_spaces (shown);
  g_autofree char *b = without_spaces (text);
  gsize i = 0;

  if (strcmp (a, b) == 0)
    return;
  while (a[i] != '\0' && a[i] == b[i])
    i++;
  g_error ("%s: the appendix shows %zu bytes of the %zu of the text, and differs from byte %zu: “%.40s” instead of “%.40s”",
           what, strlen (a), strlen (b), i, a + i, b + i);
}

/* A word of @n_chars letters, no break in it */
static char *
make_long_word (gsize n_chars)
{
  char *word = g_malloc (n_chars + 1);

  for (gsize i = 0; i < n_chars; i++)
    word[i] = "harbourlightstormgale"[i % 21];
  word[n_chars] = '\0';

  return word;
}

/* One review whose paragraph is a single word of 600,000 letters, beside
 * a plain one: every letter is in the appendix, in order, and every line
 * stays in its column. Pango left so long a word unwrapped (its width
 * outgrew Pango's units): one line across both columns and off the page,
 * the rest of the review gone. */
static void
test_long_word (void)
{
  g_autofree char *word = make_long_word (600000);
  g_autofree char *text = g_strdup_printf ("Long word\n\nThe harbour at dawn.\n\n%s\n\nThe quay at dusk.", word);
  g_autoptr(CpTopicSet) topics = make_coast_topics ();
  g_autoptr(CpDocument) long_word = cp_document_new_from_text ("word.txt", text, -1);
  g_autoptr(CpDocument) plain = cp_document_new_from_text ("plain.txt",
    "Plain words\n\nThe harbour and the quay, the storm and the gale.", -1);
  CpDocument *documents[] = { long_word, plain, NULL };
  g_autoptr(CpTestPdf) pdf = NULL;
  guint first_page;
  g_autoptr(CpSheet) sheet = make_appendix_sheet (topics, documents, "long-word.pdf", &pdf, &first_page);
  GString *columns[2] = { g_string_new (NULL), g_string_new (NULL) };

  g_test_message ("a word of 600,000 letters: %u pages", cp_sheet_get_n_pages (sheet));
  appendix_columns (sheet, pdf, first_page, "1 Long word", columns);
  assert_same_text ("the long word", columns[0]->str, text);
  assert_same_text ("the plain review", columns[1]->str, cp_document_get_text (plain));
  g_string_free (columns[0], TRUE);
  g_string_free (columns[1], TRUE);
}

/* A paragraph of 60 KB of plain words, its line breaks made spaces: laid
 * out in pieces too, with the lines a single layout gives it, every word
 * there and the lines evenly spaced on every page, across the pieces */
static void
test_long_paragraph (void)
{
  g_autofree char *review = generate_review (5, 1, 12000);
  g_autoptr(GString) text = g_string_new ("Long paragraph\n\n");
  /* No topics: no bold, whose lines Pango spaces a hair apart */
  g_autoptr(CpTopicSet) topics = cp_topic_set_new ();
  g_autoptr(CpDocument) document = NULL;
  CpDocument *documents[2] = { NULL, NULL };
  g_autoptr(CpTestPdf) pdf = NULL;
  g_autoptr(CpSheet) sheet = NULL;
  GString *columns[2] = { g_string_new (NULL), g_string_new (NULL) };
  guint first_page, n_pages;

  /* One paragraph: the review's blank lines become single ones */
  for (const char *p = strchr (review, '\n') + 2; *p != '\0'; p++)
    {
      if (p[0] != '\n' || p[1] != '\n')
        g_string_append_c (text, *p);
    }
  g_assert_cmpuint (text->len, >, 60000);
  document = documents[0] = cp_document_new_from_text ("paragraph.txt", text->str, -1);
  sheet = make_appendix_sheet (topics, documents, "long-paragraph.pdf", &pdf, &first_page);
  n_pages = cp_sheet_get_n_pages (sheet);

  appendix_columns (sheet, pdf, first_page, "1 Long paragraph", columns);
  assert_same_text ("the long paragraph", columns[0]->str, text->str);

  /* The baselines of the paragraph's lines, a page at a time (its first
   * and last page hold other lines too) */
  for (guint p = first_page + 1; p + 1 < n_pages; p++)
    {
      g_auto(PageText) pt;
      g_autoptr(GArray) baselines = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *footer = NULL;
      glong head;
      double footer_top;
      double pitch = 0;

      page_text_init (&pt, pdf, p);
      head = page_text_find (&pt, "1 Long paragraph", 0);
      g_assert_cmpint (head, >=, 0);
      footer = g_strdup_printf ("Page %u of %u", p + 1, n_pages);
      g_assert_cmpint (page_text_find (&pt, footer, 0), >=, 0);
      footer_top = pt.boxes[page_text_find (&pt, footer, 0)].y1;
      for (glong i = head + 16; i < pt.n_chars; i++)
        {
          double baseline = pt.boxes[i].y2;

          if (is_space (pt.chars[i]) || baseline >= footer_top)
            continue;
          if (baselines->len == 0 || baseline > g_array_index (baselines, double, baselines->len - 1) + 1)
            g_array_append_val (baselines, baseline);
        }
      g_assert_cmpuint (baselines->len, >, 40);
      for (guint l = 1; l < baselines->len; l++)
        {
          double step = g_array_index (baselines, double, l) - g_array_index (baselines, double, l - 1);

          if (l == 1)
            pitch = step;
          else if (fabs (step - pitch) > 0.01)
            g_error ("page %u: line %u is %.3f pt under the one before, the others %.3f pt", p + 1, l + 1, step, pitch);
        }
    }
  g_string_free (columns[0], TRUE);
  g_string_free (columns[1], TRUE);
}

/* A web page whose title is one word of 600,000 letters: on the sheet it
 * is cut, with “…”, where it would fill pages, and stays in the margins */
static void
test_long_title (void)
{
  g_autofree char *word = make_long_word (600000);
  CpDocumentInfo info = { "html", word, NULL, NULL, NULL };
  g_autoptr(CpDocument) page = cp_document_new_from_import (NULL, "page.html", "The harbour at dawn.", -1, &info);
  g_autoptr(CpTopicSet) topics = make_coast_topics ();
  CpDocument *documents[] = { page, NULL };
  g_autoptr(CpTestPdf) pdf = NULL;
  guint first_page;
  g_autoptr(CpSheet) sheet = make_appendix_sheet (topics, documents, "long-title.pdf", &pdf, &first_page);
  g_autofree char *text = cp_test_pdf_page_text (pdf, 0);
  g_autofree char *flat = without_spaces (text);
  g_autofree char *start = g_strndup (word, 200);

  g_test_message ("a title of 600,000 letters: %u pages", cp_sheet_get_n_pages (sheet));
  assert_inside_margins (sheet, pdf);
  g_assert_cmpuint (cp_sheet_get_n_pages (sheet), <=, 3);
  g_assert_nonnull (strstr (flat, start));
  g_assert_nonnull (strstr (flat, "…"));
  g_assert_true (cp_test_pdf_page_shows (pdf, first_page, "The harbour at dawn."));
}

/* Whether the pixel at (@x, @y) points of @image (@scale pixels a point)
 * is tinted: not white */
static gboolean
tinted_at (cairo_surface_t *image,
           double           scale,
           double           x,
           double           y)
{
  int stride = cairo_image_surface_get_stride (image);
  const guchar *data = cairo_image_surface_get_data (image);
  guint32 pixel = *(const guint32 *) (const void *) (data + (int) (y * scale) * stride + (int) (x * scale) * 4);

  return (pixel & 0xffffff) != 0xffffff;
}

/* A run of 30,000 characters with no break opportunity, made of the
 * words “quay” and “the” joined by no-break spaces: it is laid out in
 * pieces, and lines and pieces end inside words. Every “quay” is a
 * mention, bold on its tint to the last letter, every “the” is plain. */
static void
test_long_word_marks (void)
{
  g_autoptr(GString) text = g_string_new ("Marks\n\n");
  g_autoptr(CpTopicSet) topics = make_coast_topics ();
  g_autoptr(CpDocument) document = NULL;
  CpDocument *documents[2] = { NULL, NULL };
  g_autoptr(CpTestPdf) pdf = NULL;
  g_autoptr(CpSheet) sheet = NULL;
  guint n_quays = 0, n_plain = 0, n_marked = 0, n_thes = 0;
  guint first_page, n_pages;

  for (guint i = 0; text->len < 30000; i++)
    {
      g_string_append (text, i % 3 == 2 ? "the" : "quay");
      g_string_append (text, "\u00a0");
      n_quays += i % 3 != 2;
      n_plain += i % 3 == 2;
    }
  g_string_append (text, "end.");
  document = documents[0] = cp_document_new_from_text ("marks.txt", text->str, -1);
  sheet = make_appendix_sheet (topics, documents, "long-word-marks.pdf", &pdf, &first_page);
  n_pages = cp_sheet_get_n_pages (sheet);
  assert_inside_margins (sheet, pdf);

  for (guint p = first_page; p < n_pages; p++)
    {
      g_autoptr(CpTestPdfPage) page = poppler_document_get_page (pdf, p);
      g_auto(PageText) pt;
      g_autofree guint8 *bold = NULL;
      GList *attributes;
      cairo_surface_t *image;
      cairo_t *cr;
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", p + 1, n_pages);
      double footer_top;
      glong head;

      page_text_init (&pt, pdf, p);
      head = page_text_find (&pt, "1 Marks", 0);
      g_assert_cmpint (head, >=, 0);
      g_assert_cmpint (page_text_find (&pt, footer, 0), >=, 0);
      footer_top = pt.boxes[page_text_find (&pt, footer, 0)].y1;

      bold = g_new0 (guint8, pt.n_chars + 1);
      attributes = poppler_page_get_text_attributes (page);
      for (GList *l = attributes; l != NULL; l = l->next)
        {
          const PopplerTextAttributes *a = l->data;

          for (int i = a->start_index; i <= a->end_index && i < pt.n_chars; i++)
            bold[i] = strstr (a->font_name, "Bold") != NULL;
        }
      poppler_page_free_text_attributes (attributes);

      image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (pt.width * 4), (int) ceil (pt.height * 4));
      cr = cairo_create (image);
      cairo_scale (cr, 4, 4);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cp_sheet_draw_page (sheet, cr, p);
      cairo_destroy (cr);
      cairo_surface_flush (image);

      /* Letter by letter, the words in the body, cut by line ends as they
       * may be: q, u and y are only in “quay”, h only in “the” */
      for (glong i = head; i < pt.n_chars; i++)
        {
          const PopplerRectangle *box = &pt.boxes[i];

          if (box->y1 <= pt.boxes[head].y2 || box->y2 >= footer_top)
            continue;
          if (pt.chars[i] == 'q' || pt.chars[i] == 'u' || pt.chars[i] == 'y')
            {
              /* Above the x-height, where these letters have no ink */
              gboolean tint = tinted_at (image, 4, (box->x1 + box->x2) / 2, box->y1 + 1.5);

              if (!bold[i] || !tint)
                g_error ("page %u: the “%lc” at %.2f,%.2f of a mention is %s%s", p + 1, (wint_t) pt.chars[i],
                         box->x1, box->y1, bold[i] ? "" : "not bold ", tint ? "" : "not tinted");
              n_marked += pt.chars[i] == 'q';
            }
          else if (pt.chars[i] == 'h')
            {
              /* Below the baseline, where an h has no ink */
              if (bold[i] || tinted_at (image, 4, (box->x1 + box->x2) / 2, box->y2 - 1.0))
                g_error ("page %u: the “h” at %.2f,%.2f of a plain word is marked", p + 1, box->x1, box->y1);
              n_thes++;
            }
        }
      cairo_surface_destroy (image);
    }

  g_test_message ("%u mentions, %u plain words", n_quays, n_thes);
  g_assert_cmpuint (n_marked, ==, n_quays);
  g_assert_cmpuint (n_thes, ==, n_plain);
}

/* Long runs of Han characters, and of letters with combining accents, no
 * space in either: pieces end between characters, never inside one nor
 * between a letter and its accent, and no text is lost */
static void
test_long_word_graphemes (void)
{
  g_autoptr(GString) han = g_string_new ("Han\n\n");
  g_autoptr(GString) accents = g_string_new ("Accents\n\n");
  g_autoptr(CpTopicSet) topics = make_coast_topics ();
  g_autoptr(CpDocument) a = NULL;
  g_autoptr(CpDocument) b = NULL;
  CpDocument *documents[3] = { NULL, NULL, NULL };
  g_autoptr(CpTestPdf) pdf = NULL;
  g_autoptr(CpSheet) sheet = NULL;
  GString *columns[2] = { g_string_new (NULL), g_string_new (NULL) };
  guint first_page;
  g_autofree char *missing_glyph = find_missing_glyph ("Serif", "zh-cn", "地震之后的生活", "fonts-wqy-microhei");

  if (missing_glyph != NULL)
    {
      g_test_fail_printf ("%s (build-aux/install-deps installs it)", missing_glyph);
      return;
    }

  while (han->len < 60000)
    g_string_append (han, "地震之后的生活");
  /* e + U+0301, o + U+0302 + U+0323: two and three characters a letter */
  while (accents->len < 60000)
    g_string_append (accents, "e\u0301o\u0302\u0323");
  a = documents[0] = cp_document_new_from_text ("han.txt", han->str, -1);
  b = documents[1] = cp_document_new_from_text ("accents.txt", accents->str, -1);
  sheet = make_appendix_sheet (topics, documents, "long-word-graphemes.pdf", &pdf, &first_page);

  appendix_columns (sheet, pdf, first_page, "1 Han", columns);
  assert_same_text ("Han characters", columns[0]->str, han->str);
  assert_same_text ("accents", columns[1]->str, accents->str);

  /* No line of the second column starts with an accent */
  for (guint p = first_page; p < cp_sheet_get_n_pages (sheet); p++)
    {
      g_autofree char *page = cp_test_pdf_page_text (pdf, p);
      g_auto(GStrv) lines = g_strsplit (page, "\n", -1);

      for (guint l = 0; lines[l] != NULL; l++)
        {
          for (const char *c = lines[l]; *c != '\0'; c = g_utf8_next_char (c))
            {
              if (g_unichar_ismark (g_utf8_get_char (c)) && (c == lines[l] || c[-1] == ' '))
                g_error ("page %u, line %u starts with an accent: “%.12s”", p + 1, l + 1, c);
            }
        }
    }
  g_string_free (columns[0], TRUE);
  g_string_free (columns[1], TRUE);
}

/* --- Notes --------------------------------------------------------------- */

/* The byte offset in @text after @n words from @start */
static gsize
after_words (const char *text,
             gsize       start,
             guint       n)
{
  const char *p = text + start;

  while (n > 0 && *p != '\0')
    {
      while (*p != '\0' && g_ascii_isspace (*p))
        p++;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      n--;
    }

  return p - text;
}

/* The first page from @from that shows @needle; -1 if none */
static int
find_page (PopplerDocument *pdf,
           int              from,
           const char      *needle)
{
  for (int p = from; p < poppler_document_get_n_pages (pdf); p++)
    {
      if (cp_test_pdf_page_shows (pdf, p, needle))
        return p;
    }

  return -1;
}

static void
test_notes (void)
{
  g_autoptr(CpComparison) comparison = load_samples (4);
  CpSheetOptions options = { .full_texts = TRUE };
  g_autoptr(CpSheetContent) plain = cp_sheet_content_new (comparison, NULL);
  const CpSheetExcerpt *excerpt = cp_sheet_content_get_excerpt (plain, 0, 0, 0);
  CpDocument *first = cp_comparison_get_document (comparison, 0);
  CpDocument *third = cp_comparison_get_document (comparison, 2);
  gsize start = excerpt->document_start;
  gsize end = after_words (cp_document_get_text (first), start, 3);
  g_autoptr(CpNote) short_note = cp_note_new (first, start, end, "Compare how the third review opens.");
  g_autoptr(GString) long_text = g_string_new ("Long note:");
  g_autoptr(CpNote) long_note = NULL;
  g_autoptr(CpSheet) sheet = NULL;
  g_autoptr(CpTestPdf) pdf = NULL;
  g_autofree char *passage = g_strndup (cp_document_get_text (first) + start, end - start);
  g_autofree char *quote_start = NULL;
  g_autofree char *band_word = pick_word (excerpt->text, FALSE);
  const CpSheetNote *note;
  int notes_page, band_page, appendix_page, last_page;

  /* Long enough, in a note of its own words, to run onto a second page */
  for (guint i = 1; i <= 1200; i++)
    g_string_append_printf (long_text, " w%u", i);
  long_note = cp_note_new (third, 0, after_words (cp_document_get_text (third), 0, 60), long_text->str);
  cp_comparison_add_note (comparison, long_note);
  cp_comparison_add_note (comparison, short_note);

  sheet = make_sheet (comparison, &options, CP_PAPER_A4);
  pdf = write_and_open (sheet, "notes.pdf");
  g_assert_cmpuint (cp_sheet_content_get_n_notes (cp_sheet_get_content (sheet)), ==, 2);
  note = cp_sheet_content_get_note (cp_sheet_get_content (sheet), 1);
  quote_start = g_utf8_substring (note->quote, 0, 40);

  /* The excerpt a note touches carries its label on its band's page */
  g_assert_nonnull (band_word);
  band_page = -1;
  for (int p = 1; p < poppler_document_get_n_pages (pdf) && band_page < 0; p++)
    if (cp_test_pdf_page_shows (pdf, p, band_word) && cp_test_pdf_page_shows (pdf, p, "N1"))
      band_page = p;
  g_assert_cmpint (band_page, >, 0);

  /* The Notes section after the bands, before the full texts: each note
   * under its review's title, its passage quoted, its text whole */
  notes_page = find_page (pdf, 1, "Compare how the third review opens.");
  g_assert_cmpint (notes_page, >=, band_page);
  g_assert_true (cp_test_pdf_page_shows (pdf, notes_page, "Notes"));
  g_assert_true (cp_test_pdf_page_shows (pdf, notes_page, passage));
  g_assert_true (cp_test_pdf_page_shows (pdf, notes_page, cp_sheet_content_get_document_title (plain, 0)));
  g_assert_cmpint (find_page (pdf, notes_page, "Long note: w1 w2 w3"), >=, notes_page);
  g_assert_cmpint (find_page (pdf, notes_page, quote_start), >=, notes_page);
  g_assert_cmpint (find_page (pdf, notes_page, "N2"), >=, notes_page);
  last_page = find_page (pdf, notes_page, "w1199 w1200");
  g_assert_cmpint (last_page, >, notes_page);
  g_assert_true (cp_test_pdf_page_shows (pdf, last_page, "Notes (continued)"));
  appendix_page = find_page (pdf, notes_page, "Full texts");
  g_assert_cmpint (appendix_page, >, last_page);

  assert_inside_margins (sheet, pdf);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("test-sheet-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/sheet/fonts", test_fonts);
  g_test_add_func ("/core/sheet/paper-size", test_paper_size);
  g_test_add_func ("/core/sheet/samples", test_samples);
  g_test_add_func ("/core/sheet/samples-png", test_samples_png);
  g_test_add_func ("/core/sheet/png", test_png);
  g_test_add_func ("/core/sheet/any-order", test_any_order);
  g_test_add_func ("/core/sheet/paper", test_paper);
  g_test_add_func ("/core/sheet/margins", test_margins);
  g_test_add_func ("/core/sheet/long", test_long);
  g_test_add_func ("/core/sheet/full-texts", test_full_texts);
  g_test_add_func ("/core/sheet/one-review", test_one_review);
  g_test_add_func ("/core/sheet/byline", test_byline);
  g_test_add_func ("/core/sheet/cjk", test_cjk);
  g_test_add_func ("/core/sheet/extremes", test_extremes);
  g_test_add_func ("/core/sheet/write-errors", test_write_errors);
  g_test_add_func ("/core/sheet/no-transparency", test_no_transparency);
  g_test_add_func ("/core/sheet/color-cue-legend", test_color_cue_legend);
  g_test_add_func ("/core/sheet/long-paragraph", test_long_paragraph);
  g_test_add_func ("/core/sheet/long-word", test_long_word);
  g_test_add_func ("/core/sheet/long-word-marks", test_long_word_marks);
  g_test_add_func ("/core/sheet/long-word-graphemes", test_long_word_graphemes);
  g_test_add_func ("/core/sheet/long-title", test_long_title);
  g_test_add_func ("/core/sheet/notes", test_notes);

  status = g_test_run ();
  /* TEST_SHEET_KEEP=1 keeps the PDFs, to look at */
  if (g_getenv ("TEST_SHEET_KEEP") == NULL)
    cp_test_remove_tree (tmp_dir);
  else
    g_printerr ("The sheets are in %s\n", tmp_dir);
  g_free (tmp_dir);

  return status;
}
