/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The panes' tints per style. Found by measuring (tests/test-palette.c):
 * every pair among the default topics' tints, the selection, the current
 * paragraph and the preview, blended over Adwaita's text background and
 * seen with normal vision, protanopia, deuteranopia and tritanopia; with
 * black text (light) or white text (dark) on every tint at a contrast of
 * 4.5:1 or more. Greys crowd one another (background, paragraph,
 * unfocused selection, preview), so they sit at lightness steps apart.
 */

#include "config.h"

#include "cp-tints.h"

static const CpTints light_style = {
  .topic_alpha = 0.6,
  .dimmed_alpha = 0.12,
  .focused_alpha = 0.9,
  .current = { 0x000000, 0.07 },
  .preview = { 0x3d3846, 0.6 },
  .preview_line = 0x241f31,
};

static const CpTints dark_style = {
  .topic_alpha = 0.55,
  .dimmed_alpha = 0.18,
  .focused_alpha = 0.9,
  .current = { 0xffffff, 0.18 },
  .preview = { 0xffffff, 0.3 },
  .preview_line = 0xffffff,
};

/**
 * cp_tints_get:
 * @dark: whether the dark style is on
 *
 * Returns: (transfer none): the tints for the style
 */
const CpTints *
cp_tints_get (gboolean dark)
{
  return dark ? &dark_style : &light_style;
}
