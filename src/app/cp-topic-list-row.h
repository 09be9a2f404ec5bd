/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-topic-list-item.h"

G_BEGIN_DECLS

#define CP_TYPE_TOPIC_LIST_ROW (cp_topic_list_row_get_type ())
G_DECLARE_FINAL_TYPE (CpTopicListRow, cp_topic_list_row, CP, TOPIC_LIST_ROW, GtkWidget)

GtkWidget       *cp_topic_list_row_new      (void);
CpTopicListItem *cp_topic_list_row_get_item (CpTopicListRow  *self);
void             cp_topic_list_row_set_item (CpTopicListRow  *self,
                                             CpTopicListItem *item);
void             cp_topic_list_row_popup_menu (CpTopicListRow *self);

G_END_DECLS
