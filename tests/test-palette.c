/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The topic palette and the panes' tints, measured: each tint is blended
 * over the text view's background (light and dark), passed through a
 * simulation of protanopia, deuteranopia and tritanopia, and compared
 * with every other by CIEDE2000. The test fails when the smallest
 * difference falls below what the palette reaches today (README.md,
 * “Telling topics apart”). Run it with --verbose for the table.
 */
#include "config.h"

#include <math.h>

#include "cp-tints.h"
#include "cp-topic-set.h"
#include "cp-test-utils.h"

typedef enum
{
  VISION_NORMAL,
  VISION_PROTANOPIA,
  VISION_DEUTERANOPIA,
  VISION_TRITANOPIA,
  N_VISIONS
} Vision;

static const char * const vision_names[N_VISIONS] = {
  "normal", "protanopia", "deuteranopia", "tritanopia",
};

/* Machado, Oliveira and Fernandes, “A Physiologically-based Model for
 * Simulation of Color Vision Deficiency” (IEEE TVCG 15(6), 2009), the
 * matrices for severity 1.0, applied to linear RGB. */
static const double machado[N_VISIONS][3][3] = {
  [VISION_NORMAL] = {
    { 1, 0, 0 },
    { 0, 1, 0 },
    { 0, 0, 1 },
  },
  [VISION_PROTANOPIA] = {
    { 0.152286, 1.052583, -0.204868 },
    { 0.114503, 0.786281, 0.099216 },
    { -0.003882, -0.048116, 1.051998 },
  },
  [VISION_DEUTERANOPIA] = {
    { 0.367322, 0.860646, -0.227968 },
    { 0.280085, 0.672501, 0.047413 },
    { -0.011820, 0.042940, 0.968881 },
  },
  [VISION_TRITANOPIA] = {
    { 1.255528, -0.076749, -0.178779 },
    { -0.078411, 0.930809, 0.147602 },
    { 0.004733, 0.691367, 0.303900 },
  },
};

/* The GTK 4.8 Adwaita theme (Default-light.css and Default-dark.css in
 * libgtk's resources): the review's background (@theme_base_color, which
 * ui/style.css gives textview.review) and the text selection, in a
 * focused view (the accent) and in an unfocused one (grey). */
typedef struct
{
  const char *name;
  guint32     background;
  CpTint      selection;
  CpTint      selection_unfocused;
} Theme;

static const Theme themes[2] = {
  { "light", 0xffffff, { 0x3584e4, 0.3 }, { 0x8d8d8d, 0.5 } },
  { "dark", 0x2d2d2d, { 0x15539e, 0.3 }, { 0x5a5a5a, 0.5 } },
};

/* The least CIEDE2000 difference between any two of the measured
 * colours, per style and vision, as reached by the palette and tints of
 * today (README.md): lower it only with a reason. */
static const double min_difference[2][N_VISIONS] = {
  { 8.9, 5.2, 4.8, 6.4 },
  { 5.2, 5.2, 4.5, 5.2 },
};

typedef struct
{
  double r, g, b;
} Rgb;

typedef struct
{
  double l, a, b;
} Lab;

static double
to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
from_linear (double c)
{
  c = CLAMP (c, 0.0, 1.0);
  return c <= 0.0031308 ? 12.92 * c : 1.055 * pow (c, 1 / 2.4) - 0.055;
}

static Rgb
rgb_from_hex (guint32 rgb)
{
  return (Rgb) {
    ((rgb >> 16) & 0xff) / 255.0,
    ((rgb >> 8) & 0xff) / 255.0,
    (rgb & 0xff) / 255.0,
  };
}

/* What the text view paints: @tint over @background, in sRGB as
 * cairo blends */
static Rgb
blend (guint32 background,
       CpTint  tint)
{
  Rgb bg = rgb_from_hex (background);
  Rgb fg = rgb_from_hex (tint.rgb);

  return (Rgb) {
    tint.alpha * fg.r + (1 - tint.alpha) * bg.r,
    tint.alpha * fg.g + (1 - tint.alpha) * bg.g,
    tint.alpha * fg.b + (1 - tint.alpha) * bg.b,
  };
}

static Rgb
simulate (Rgb    rgb,
          Vision vision)
{
  const double (*m)[3] = machado[vision];
  double lin[3] = { to_linear (rgb.r), to_linear (rgb.g), to_linear (rgb.b) };
  double out[3];

  for (guint i = 0; i < 3; i++)
    out[i] = from_linear (m[i][0] * lin[0] + m[i][1] * lin[1] + m[i][2] * lin[2]);

  return (Rgb) { out[0], out[1], out[2] };
}

static double
lab_f (double t)
{
  return t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16) / 116;
}

/* sRGB (D65) to CIELAB */
static Lab
to_lab (Rgb rgb)
{
  double r = to_linear (rgb.r);
  double g = to_linear (rgb.g);
  double b = to_linear (rgb.b);
  double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
  double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;

  return (Lab) {
    116 * lab_f (y) - 16,
    500 * (lab_f (x) - lab_f (y)),
    200 * (lab_f (y) - lab_f (z)),
  };
}

static double
radians (double degrees)
{
  return degrees * G_PI / 180;
}

static double
hue_degrees (double b,
             double a)
{
  double h;

  if (a == 0 && b == 0)
    return 0;
  h = atan2 (b, a) * 180 / G_PI;
  return h < 0 ? h + 360 : h;
}

/* CIEDE2000, as Sharma, Wu and Dalal write it out (“The CIEDE2000
 * Color-Difference Formula: Implementation Notes, Supplementary Test
 * Data, and Mathematical Observations”, 2005), with kL = kC = kH = 1. */
static double
ciede2000 (Lab c1,
           Lab c2)
{
  double c_bar = (hypot (c1.a, c1.b) + hypot (c2.a, c2.b)) / 2;
  double c_bar7 = pow (c_bar, 7);
  double g = 0.5 * (1 - sqrt (c_bar7 / (c_bar7 + pow (25, 7))));
  double a1 = (1 + g) * c1.a;
  double a2 = (1 + g) * c2.a;
  double cp1 = hypot (a1, c1.b);
  double cp2 = hypot (a2, c2.b);
  double hp1 = hue_degrees (c1.b, a1);
  double hp2 = hue_degrees (c2.b, a2);
  double dl = c2.l - c1.l;
  double dc = cp2 - cp1;
  double dh = 0;
  double l_bar = (c1.l + c2.l) / 2;
  double cp_bar = (cp1 + cp2) / 2;
  double h_bar = hp1 + hp2;
  double t, d_theta, cp_bar7, rc, sl, sc, sh, rt, dhh;

  if (cp1 * cp2 != 0)
    {
      dh = hp2 - hp1;
      if (dh > 180)
        dh -= 360;
      else if (dh < -180)
        dh += 360;

      if (fabs (hp1 - hp2) <= 180)
        h_bar = (hp1 + hp2) / 2;
      else if (hp1 + hp2 < 360)
        h_bar = (hp1 + hp2 + 360) / 2;
      else
        h_bar = (hp1 + hp2 - 360) / 2;
    }
  dhh = 2 * sqrt (cp1 * cp2) * sin (radians (dh / 2));

  t = 1 - 0.17 * cos (radians (h_bar - 30)) + 0.24 * cos (radians (2 * h_bar))
      + 0.32 * cos (radians (3 * h_bar + 6)) - 0.20 * cos (radians (4 * h_bar - 63));
  d_theta = 30 * exp (-pow ((h_bar - 275) / 25, 2));
  cp_bar7 = pow (cp_bar, 7);
  rc = 2 * sqrt (cp_bar7 / (cp_bar7 + pow (25, 7)));
  sl = 1 + 0.015 * pow (l_bar - 50, 2) / sqrt (20 + pow (l_bar - 50, 2));
  sc = 1 + 0.045 * cp_bar;
  sh = 1 + 0.015 * cp_bar * t;
  rt = -sin (radians (2 * d_theta)) * rc;

  return sqrt (pow (dl / sl, 2) + pow (dc / sc, 2) + pow (dhh / sh, 2) + rt * (dc / sc) * (dhh / sh));
}

/* Sharma et al.'s test data, a few rows of it */
static void
test_ciede2000 (void)
{
  static const struct
  {
    Lab    c1;
    Lab    c2;
    double expected;
  } pairs[] = {
    { { 50, 2.6772, -79.7751 }, { 50, 0, -82.7485 }, 2.0425 },
    { { 50, -1.3802, -84.2814 }, { 50, 0, -82.7485 }, 1.0000 },
    { { 50, 0, 0 }, { 50, -1, 2 }, 2.3669 },
    { { 50, 2.5, 0 }, { 73, 25, -18 }, 27.1492 },
    { { 50, 2.49, -0.001 }, { 50, -2.49, 0.0011 }, 7.2195 },
    { { 60.2574, -34.0099, 36.2677 }, { 60.4626, -34.1751, 39.4387 }, 1.2644 },
    { { 2.0776, 0.0795, -1.1350 }, { 0.9033, -0.0636, -0.5514 }, 0.9082 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_assert_cmpfloat_with_epsilon (ciede2000 (pairs[i].c1, pairs[i].c2), pairs[i].expected, 1e-4);
      g_assert_cmpfloat_with_epsilon (ciede2000 (pairs[i].c2, pairs[i].c1), pairs[i].expected, 1e-4);
    }

  /* White stays white; the simulations keep greys grey */
  g_assert_cmpfloat_with_epsilon (to_lab (rgb_from_hex (0xffffff)).l, 100, 1e-3);
  for (Vision v = 0; v < N_VISIONS; v++)
    {
      Rgb grey = simulate (rgb_from_hex (0x808080), v);

      g_assert_cmpfloat_with_epsilon (grey.r, grey.g, 0.01);
      g_assert_cmpfloat_with_epsilon (grey.g, grey.b, 0.01);
    }
}

/* --- what is measured --- */

typedef struct
{
  char *name;
  Rgb   rgb;
} Swatch;

static void
swatch_clear (gpointer data)
{
  g_free (((Swatch *) data)->name);
}

/* Every tint a reader must tell from the others while no topic is
 * focused: each default topic's, the selection (focused and not), the
 * current paragraph and the preview of a suggested theme. */
static GArray *
dup_swatches (gboolean dark)
{
  g_autoptr(CpTopicSet) defaults = cp_topic_set_new_default ();
  const CpTints *tints = cp_tints_get (dark);
  const Theme *theme = &themes[dark ? 1 : 0];
  GArray *swatches = g_array_new (FALSE, FALSE, sizeof (Swatch));
  Swatch swatch;

  g_array_set_clear_func (swatches, swatch_clear);

  for (guint i = 0; i < cp_topic_set_get_n_topics (defaults); i++)
    {
      CpTopic *topic = cp_topic_set_get_topic (defaults, i);

      swatch.name = g_strdup (cp_topic_get_id (topic));
      swatch.rgb = blend (theme->background, (CpTint) { cp_topic_get_rgb (topic), tints->topic_alpha });
      g_array_append_val (swatches, swatch);
    }

  swatch.name = g_strdup ("selection");
  swatch.rgb = blend (theme->background, theme->selection);
  g_array_append_val (swatches, swatch);
  swatch.name = g_strdup ("selection-unfocused");
  swatch.rgb = blend (theme->background, theme->selection_unfocused);
  g_array_append_val (swatches, swatch);
  swatch.name = g_strdup ("current-paragraph");
  swatch.rgb = blend (theme->background, tints->current);
  g_array_append_val (swatches, swatch);
  swatch.name = g_strdup ("preview");
  swatch.rgb = blend (theme->background, tints->preview);
  g_array_append_val (swatches, swatch);

  return swatches;
}

/* The least difference between two swatches under @vision, and which */
static double
least_difference (GArray  *swatches,
                  Vision   vision,
                  guint   *first,
                  guint   *second)
{
  double least = G_MAXDOUBLE;

  for (guint i = 0; i < swatches->len; i++)
    for (guint j = i + 1; j < swatches->len; j++)
      {
        Lab a = to_lab (simulate (g_array_index (swatches, Swatch, i).rgb, vision));
        Lab b = to_lab (simulate (g_array_index (swatches, Swatch, j).rgb, vision));
        double d = ciede2000 (a, b);

        if (d < least)
          {
            least = d;
            *first = i;
            *second = j;
          }
      }

  return least;
}

static void
test_tints_apart (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      g_autoptr(GArray) swatches = dup_swatches (dark);
      const Theme *theme = &themes[dark];
      const CpTints *tints = cp_tints_get (dark);
      Lab background = to_lab (rgb_from_hex (theme->background));

      for (Vision v = 0; v < N_VISIONS; v++)
        {
          guint first = 0, second = 0;
          double least = least_difference (swatches, v, &first, &second);

          g_test_message ("%s, %s: least dE00 %.2f (%s / %s)",
                          theme->name, vision_names[v], least,
                          g_array_index (swatches, Swatch, first).name,
                          g_array_index (swatches, Swatch, second).name);
          g_assert_cmpfloat (least, >=, min_difference[dark][v]);
        }

      /* The current paragraph must show on the page */
      g_test_message ("%s: current paragraph against the background: dE00 %.2f", theme->name,
                      ciede2000 (background, to_lab (blend (theme->background, tints->current))));
      g_assert_cmpfloat (ciede2000 (background, to_lab (blend (theme->background, tints->current))), >=, 3.5);
    }
}

/* --- the palette --- */

static void
test_palette_colors (void)
{
  g_assert_cmpuint (CP_PALETTE_N_COLORS, >=, 12);

  for (guint i = 0; i < CP_PALETTE_N_COLORS; i++)
    {
      guint32 rgb;

      g_assert_true (cp_color_parse (cp_palette_get_color (i), &rgb));
      g_assert_cmpstr (cp_palette_get_name (i), !=, NULL);
      for (guint j = 0; j < i; j++)
        {
          g_assert_cmpstr (cp_palette_get_color (i), !=, cp_palette_get_color (j));
          g_assert_cmpstr (cp_palette_get_name (i), !=, cp_palette_get_name (j));
        }
    }
}

/* The palette's colors at full strength, as swatches and markers show
 * them, stay apart under each vision */
static void
test_palette_apart (void)
{
  for (Vision v = 0; v < N_VISIONS; v++)
    {
      double least = G_MAXDOUBLE;
      guint first = 0, second = 0;

      for (guint i = 0; i < CP_PALETTE_N_COLORS; i++)
        for (guint j = i + 1; j < CP_PALETTE_N_COLORS; j++)
          {
            guint32 a, b;
            double d;

            cp_color_parse (cp_palette_get_color (i), &a);
            cp_color_parse (cp_palette_get_color (j), &b);
            d = ciede2000 (to_lab (simulate (rgb_from_hex (a), v)), to_lab (simulate (rgb_from_hex (b), v)));
            if (d < least)
              {
                least = d;
                first = i;
                second = j;
              }
          }
      g_test_message ("palette, %s: least dE00 %.2f (%s / %s)", vision_names[v], least,
                      cp_palette_get_name (first), cp_palette_get_name (second));
      g_assert_cmpfloat (least, >=, 4.9);
    }
}

/* No color is taken twice while one is free, and the default topics
 * leave some free */
static void
test_pick_never_reuses (void)
{
  g_autoptr(CpTopicSet) set = cp_topic_set_new ();
  g_autoptr(CpTopicSet) defaults = cp_topic_set_new_default ();
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < cp_topic_set_get_n_topics (defaults); i++)
    g_hash_table_add (used, (gpointer) cp_topic_get_color (cp_topic_set_get_topic (defaults, i)));
  g_assert_cmpuint (g_hash_table_size (used), ==, cp_topic_set_get_n_topics (defaults));
  g_assert_cmpuint (cp_topic_set_get_n_topics (defaults), <, CP_PALETTE_N_COLORS);

  /* Tracking themes on top of the defaults takes the free colors first */
  while (g_hash_table_size (used) < CP_PALETTE_N_COLORS)
    {
      const char *color = cp_topic_set_pick_color (defaults);
      g_autofree char *label = g_strdup_printf ("theme %u", g_hash_table_size (used));

      g_assert_false (g_hash_table_contains (used, color));
      g_hash_table_add (used, (gpointer) color);
      cp_topic_set_add_new (defaults, label, (const char *[]) { label, NULL });
    }

  /* A set of hand-picked colors: the pick avoids each of them */
  for (guint i = 0; i < CP_PALETTE_N_COLORS - 1; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autoptr(CpTopic) topic = cp_topic_new (id, id);

      cp_topic_set_color (topic, cp_palette_get_color ((i * 5) % CP_PALETTE_N_COLORS));
      cp_topic_set_append (set, topic);
    }
  g_assert_cmpstr (cp_topic_set_pick_color (set), ==, cp_palette_get_color (((CP_PALETTE_N_COLORS - 1) * 5) % CP_PALETTE_N_COLORS));
}

/* Past the palette's size, each round of colors is told by its number */
static void
test_color_round (void)
{
  g_autoptr(CpTopicSet) set = cp_topic_set_new ();

  for (guint i = 0; i < 2 * CP_PALETTE_N_COLORS + 1; i++)
    {
      g_autofree char *label = g_strdup_printf ("t%u", i);

      cp_topic_set_add_new (set, label, (const char *[]) { label, NULL });
      g_assert_cmpuint (cp_topic_set_get_color_round (set, i), ==, i / CP_PALETTE_N_COLORS);
    }

  /* A topic moved to a free color is the first of its round again */
  cp_topic_set_color (cp_topic_set_get_topic (set, CP_PALETTE_N_COLORS), "#123456");
  g_assert_cmpuint (cp_topic_set_get_color_round (set, CP_PALETTE_N_COLORS), ==, 0);
  g_assert_cmpuint (cp_topic_set_get_color_round (set, 2 * CP_PALETTE_N_COLORS), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/palette/ciede2000", test_ciede2000);
  g_test_add_func ("/core/palette/colors", test_palette_colors);
  g_test_add_func ("/core/palette/apart", test_palette_apart);
  g_test_add_func ("/core/palette/tints-apart", test_tints_apart);
  g_test_add_func ("/core/palette/pick-never-reuses", test_pick_never_reuses);
  g_test_add_func ("/core/palette/color-round", test_color_round);

  return g_test_run ();
}
