/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-focus.h"

G_BEGIN_DECLS

#define CP_TYPE_TOPIC_LIST (cp_topic_list_get_type ())
G_DECLARE_FINAL_TYPE (CpTopicList, cp_topic_list, CP, TOPIC_LIST, GtkWidget)

GtkWidget    *cp_topic_list_new             (void);
CpComparison *cp_topic_list_get_comparison  (CpTopicList  *self);
CpFocus      *cp_topic_list_get_focus       (CpTopicList  *self);
void          cp_topic_list_set_focus       (CpTopicList  *self,
                                             CpFocus      *focus);

G_END_DECLS
