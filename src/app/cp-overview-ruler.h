/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-focus.h"

G_BEGIN_DECLS

#define CP_TYPE_OVERVIEW_RULER (cp_overview_ruler_get_type ())
G_DECLARE_FINAL_TYPE (CpOverviewRuler, cp_overview_ruler, CP, OVERVIEW_RULER, GtkWidget)

GtkWidget *cp_overview_ruler_new             (void);
void       cp_overview_ruler_set_view        (CpOverviewRuler *self,
                                              GtkTextView     *view);
void       cp_overview_ruler_set_source      (CpOverviewRuler *self,
                                              CpFocus         *focus,
                                              CpDocument      *document);
void       cp_overview_ruler_set_search      (CpOverviewRuler *self,
                                              CpMentions      *results);
void       cp_overview_ruler_invalidate      (CpOverviewRuler *self);
void       cp_overview_ruler_scroll_to_y     (CpOverviewRuler *self,
                                              double           y);

/* For tests: the merged marks, top to bottom, in widget coordinates. */
guint      cp_overview_ruler_get_n_marks     (CpOverviewRuler *self);
gboolean   cp_overview_ruler_get_mark_y      (CpOverviewRuler *self,
                                              guint            index,
                                              double          *top,
                                              double          *bottom);

G_END_DECLS
