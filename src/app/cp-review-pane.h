/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-focus.h"
#include "cp-highlighter.h"

G_BEGIN_DECLS

#define CP_TYPE_REVIEW_PANE (cp_review_pane_get_type ())
G_DECLARE_FINAL_TYPE (CpReviewPane, cp_review_pane, CP, REVIEW_PANE, GtkWidget)

CpReviewPane  *cp_review_pane_new                 (CpFocus      *focus,
                                                   CpDocument   *document);
CpComparison  *cp_review_pane_get_comparison      (CpReviewPane *self);
CpFocus       *cp_review_pane_get_focus           (CpReviewPane *self);
CpDocument    *cp_review_pane_get_document        (CpReviewPane *self);
CpMentions    *cp_review_pane_get_mentions        (CpReviewPane *self);
CpHighlighter *cp_review_pane_get_highlighter     (CpReviewPane *self);
guint          cp_review_pane_get_position        (CpReviewPane *self);
GtkTextView   *cp_review_pane_get_view            (CpReviewPane *self);
GtkWidget     *cp_review_pane_get_context_menu    (CpReviewPane *self);
GtkAdjustment *cp_review_pane_get_vadjustment     (CpReviewPane *self);
GtkWidget     *cp_review_pane_get_header          (CpReviewPane *self);
void           cp_review_pane_popup_menu          (CpReviewPane *self);
gboolean       cp_review_pane_get_range_y         (CpReviewPane *self,
                                                   guint         start_char,
                                                   guint         end_char,
                                                   double       *top,
                                                   double       *bottom);
gboolean       cp_review_pane_get_mention_y       (CpReviewPane *self,
                                                   guint         mention,
                                                   double       *top,
                                                   double       *bottom);
gboolean       cp_review_pane_locate_mention      (CpReviewPane *self,
                                                   guint         mention,
                                                   double       *top,
                                                   double       *bottom);
void           cp_review_pane_scroll_to_mention   (CpReviewPane *self,
                                                   guint         mention,
                                                   double        y);
void           cp_review_pane_scroll_to_range     (CpReviewPane *self,
                                                   guint         start_char,
                                                   guint         end_char,
                                                   double        y);
gboolean       cp_review_pane_get_file_missing    (CpReviewPane *self);
void           cp_review_pane_set_file_missing    (CpReviewPane *self,
                                                   gboolean      missing);

G_END_DECLS
