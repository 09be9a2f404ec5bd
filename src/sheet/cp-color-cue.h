/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

/* The second cue of a topic whose colour an earlier topic has (see
 * cp_topic_set_get_color_round ()): none for the first round, then a
 * single, a double and a wavy underline; the sheet and the topic list
 * draw one, two and a wavy line alike. */
static inline PangoUnderline
cp_color_round_get_underline (guint round)
{
  static const PangoUnderline underlines[] = {
    PANGO_UNDERLINE_SINGLE, PANGO_UNDERLINE_DOUBLE, PANGO_UNDERLINE_ERROR,
  };

  return round == 0 ? PANGO_UNDERLINE_NONE : underlines[(round - 1) % G_N_ELEMENTS (underlines)];
}

G_END_DECLS
