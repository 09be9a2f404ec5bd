/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-comparison.h"

G_BEGIN_DECLS

#define CP_TYPE_FOCUS (cp_focus_get_type ())
G_DECLARE_FINAL_TYPE (CpFocus, cp_focus, CP, FOCUS, GObject)

CpFocus      *cp_focus_new               (CpComparison *comparison);
CpComparison *cp_focus_get_comparison    (CpFocus      *self);
CpTopic      *cp_focus_get_topic         (CpFocus      *self);
int           cp_focus_get_topic_index   (CpFocus      *self);
void          cp_focus_set_topic         (CpFocus      *self,
                                          CpTopic      *topic);
int           cp_focus_get_current       (CpFocus      *self,
                                          CpDocument   *document);
void          cp_focus_set_current       (CpFocus      *self,
                                          CpDocument   *document,
                                          int           mention);
void          cp_focus_focus_mention     (CpFocus      *self,
                                          CpDocument   *document,
                                          guint         mention);
gboolean      cp_focus_step              (CpFocus      *self,
                                          gboolean      forward);
CpDocument   *cp_focus_get_anchor        (CpFocus      *self);
void          cp_focus_set_anchor        (CpFocus      *self,
                                          CpDocument   *document);

G_END_DECLS
