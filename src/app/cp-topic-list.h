/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-comparison.h"

G_BEGIN_DECLS

#define CP_TYPE_TOPIC_LIST (cp_topic_list_get_type ())
G_DECLARE_FINAL_TYPE (CpTopicList, cp_topic_list, CP, TOPIC_LIST, GtkWidget)

GtkWidget    *cp_topic_list_new             (void);
CpComparison *cp_topic_list_get_comparison  (CpTopicList  *self);
void          cp_topic_list_set_comparison  (CpTopicList  *self,
                                             CpComparison *comparison);
int           cp_topic_list_get_focus_topic (CpTopicList  *self);
void          cp_topic_list_set_focus_topic (CpTopicList  *self,
                                             int           topic);

G_END_DECLS
