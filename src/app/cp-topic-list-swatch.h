/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CP_TYPE_TOPIC_LIST_SWATCH (cp_topic_list_swatch_get_type ())
G_DECLARE_FINAL_TYPE (CpTopicListSwatch, cp_topic_list_swatch, CP, TOPIC_LIST_SWATCH, GtkWidget)

GtkWidget  *cp_topic_list_swatch_new       (void);
const char *cp_topic_list_swatch_get_color (CpTopicListSwatch *self);
void        cp_topic_list_swatch_set_color (CpTopicListSwatch *self,
                                            const char        *color);

G_END_DECLS
