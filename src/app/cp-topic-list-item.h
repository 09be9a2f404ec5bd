/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cp-topic.h"

G_BEGIN_DECLS

/*
 * CpTopicListSection:
 *
 * The sections of the topic list, in display order.
 */
typedef enum
{
  CP_TOPIC_LIST_SECTION_SHARED,
  CP_TOPIC_LIST_SECTION_SINGLE,
  CP_TOPIC_LIST_SECTION_UNMENTIONED,
  CP_TOPIC_LIST_N_SECTIONS,
} CpTopicListSection;

#define CP_TYPE_TOPIC_LIST_ITEM (cp_topic_list_item_get_type ())
G_DECLARE_FINAL_TYPE (CpTopicListItem, cp_topic_list_item, CP, TOPIC_LIST_ITEM, GObject)

CpTopicListItem    *cp_topic_list_item_new_header  (CpTopicListSection  section);
CpTopicListItem    *cp_topic_list_item_new_topic   (CpTopic            *topic,
                                                    guint               index);
gboolean            cp_topic_list_item_is_header   (CpTopicListItem    *self);
CpTopicListSection  cp_topic_list_item_get_section (CpTopicListItem    *self);
const char         *cp_topic_list_item_get_title   (CpTopicListItem    *self);
void                cp_topic_list_item_set_collapsed (CpTopicListItem  *self,
                                                      gboolean          collapsed,
                                                      guint             n_topics);
gboolean            cp_topic_list_item_get_collapsed (CpTopicListItem  *self);
CpTopic            *cp_topic_list_item_get_topic   (CpTopicListItem    *self);
guint               cp_topic_list_item_get_index   (CpTopicListItem    *self);
void                cp_topic_list_item_set_index   (CpTopicListItem    *self,
                                                    guint               index);
guint               cp_topic_list_item_get_spread  (CpTopicListItem    *self);
guint               cp_topic_list_item_get_total   (CpTopicListItem    *self);
const char         *cp_topic_list_item_get_summary (CpTopicListItem    *self);
const char         *cp_topic_list_item_get_spoken_summary (CpTopicListItem *self);
void                cp_topic_list_item_update      (CpTopicListItem    *self,
                                                    gboolean            enabled,
                                                    guint               spread,
                                                    guint               total,
                                                    guint               n_documents);
int                 cp_topic_list_item_compare     (CpTopicListItem    *a,
                                                    CpTopicListItem    *b);

void               cp_topic_list_item_set_color_round (CpTopicListItem *self,
                                                       guint            color_round);

G_END_DECLS
