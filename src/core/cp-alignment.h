/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cp-matcher.h"

G_BEGIN_DECLS

/**
 * CpAnchor:
 * @a: index of a mention in the first document
 * @b: index of the corresponding mention in the second document
 *
 * A pair of mentions of the same topic that two documents share, as
 * found by cp_alignment_compute_anchors().
 */
typedef struct
{
  guint a;
  guint b;
} CpAnchor;

GArray *cp_alignment_compute_anchors (const CpMention *a,
                                      guint            n_a,
                                      const CpMention *b,
                                      guint            n_b);
double  cp_alignment_map             (const double    *from,
                                      const double    *to,
                                      guint            n_points,
                                      double           position);

G_END_DECLS
