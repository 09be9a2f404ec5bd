/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CpTint:
 * @rgb: the colour as 0xRRGGBB
 * @alpha: how much of it covers the text's background
 */
typedef struct
{
  guint32 rgb;
  double  alpha;
} CpTint;

/**
 * CpTints:
 * @topic_alpha: a topic's mentions while no topic is focused
 * @dimmed_alpha: the other topics' mentions while one is focused
 * @focused_alpha: the focused topic's mentions
 * @current: the paragraph of the current mention
 * @preview: the mentions of a suggested theme being previewed
 * @preview_line: the preview's underline
 *
 * How the review panes tint the text in one style (light or dark). The
 * values are chosen, and measured by tests/test-palette.c, so that the
 * default topics' tints, the text selection, the current paragraph and
 * the preview stay apart for normal vision and the common colour vision
 * deficiencies; see the README.
 */
typedef struct
{
  double  topic_alpha;
  double  dimmed_alpha;
  double  focused_alpha;
  CpTint  current;
  CpTint  preview;
  guint32 preview_line;
} CpTints;

const CpTints *cp_tints_get (gboolean dark);

G_END_DECLS
