/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-review-pane.h"

G_BEGIN_DECLS

#define CP_TYPE_LINK_GUTTER (cp_link_gutter_get_type ())
G_DECLARE_FINAL_TYPE (CpLinkGutter, cp_link_gutter, CP, LINK_GUTTER, GtkWidget)

GtkWidget *cp_link_gutter_new             (void);
void       cp_link_gutter_set_panes       (CpLinkGutter *self,
                                           CpReviewPane *left,
                                           CpReviewPane *right);

/* For tests: the ribbons as they would be drawn now, in gutter coordinates. */
guint      cp_link_gutter_get_n_ribbons         (CpLinkGutter *self);
gboolean   cp_link_gutter_get_ribbon            (CpLinkGutter *self,
                                                 guint         ribbon,
                                                 double       *left_top,
                                                 double       *left_bottom,
                                                 double       *right_top,
                                                 double       *right_bottom);
gboolean   cp_link_gutter_get_ribbon_mentions   (CpLinkGutter *self,
                                                 guint         ribbon,
                                                 guint        *left_mention,
                                                 guint        *right_mention);
gboolean   cp_link_gutter_activate_at           (CpLinkGutter *self,
                                                 double        x,
                                                 double        y);

G_END_DECLS
