/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-comparison.h"

G_BEGIN_DECLS

#define CP_TYPE_REVIEW_PANE (cp_review_pane_get_type ())
G_DECLARE_FINAL_TYPE (CpReviewPane, cp_review_pane, CP, REVIEW_PANE, GtkWidget)

CpReviewPane *cp_review_pane_new                 (CpComparison *comparison,
                                                  CpDocument   *document);
CpComparison *cp_review_pane_get_comparison      (CpReviewPane *self);
CpDocument   *cp_review_pane_get_document        (CpReviewPane *self);
guint         cp_review_pane_get_position        (CpReviewPane *self);
GtkTextView  *cp_review_pane_get_view            (CpReviewPane *self);
GtkAdjustment*cp_review_pane_get_vadjustment     (CpReviewPane *self);
int           cp_review_pane_get_focus_topic     (CpReviewPane *self);
void          cp_review_pane_set_focus_topic     (CpReviewPane *self,
                                                  int           topic);
int           cp_review_pane_get_current_mention (CpReviewPane *self);
gboolean      cp_review_pane_get_range_y         (CpReviewPane *self,
                                                  guint         start_char,
                                                  guint         end_char,
                                                  double       *top,
                                                  double       *bottom);
gboolean      cp_review_pane_get_mention_y       (CpReviewPane *self,
                                                  guint         mention,
                                                  double       *top,
                                                  double       *bottom);
gboolean      cp_review_pane_locate_mention      (CpReviewPane *self,
                                                  guint         mention,
                                                  double       *top,
                                                  double       *bottom);
void          cp_review_pane_scroll_to_mention   (CpReviewPane *self,
                                                  guint         mention,
                                                  double        y);
int           cp_review_pane_find_mention        (CpReviewPane *self,
                                                  int           topic,
                                                  int           after_mention,
                                                  gboolean      forward);
void          cp_review_pane_refresh             (CpReviewPane *self);
GtkWidget    *cp_review_pane_get_header          (CpReviewPane *self);
guint         cp_review_pane_set_search          (CpReviewPane *self,
                                                  CpMatcher    *matcher);
gboolean      cp_review_pane_next_search_result  (CpReviewPane *self,
                                                  gboolean      forward,
                                                  double        y);
guint         cp_review_pane_set_preview         (CpReviewPane *self,
                                                  CpMatcher    *matcher);
GtkTextTag   *cp_review_pane_get_preview_tag     (CpReviewPane *self);
GtkTextTag   *cp_review_pane_get_topic_tag       (CpReviewPane *self,
                                                  guint         topic);
int           cp_review_pane_get_mention_at      (CpReviewPane *self,
                                                  guint         char_offset,
                                                  int           topic);

G_END_DECLS
