/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-topic-set.h"

G_BEGIN_DECLS

#define CP_TYPE_TOPIC_STORE (cp_topic_store_get_type ())
G_DECLARE_FINAL_TYPE (CpTopicStore, cp_topic_store, CP, TOPIC_STORE, GObject)

CpTopicStore *cp_topic_store_new         (GFile         *file);
GFile        *cp_topic_store_get_file    (CpTopicStore  *self);
CpTopicSet   *cp_topic_store_get_topics  (CpTopicStore  *self);
GFile        *cp_topic_store_get_backup  (CpTopicStore  *self);
gboolean      cp_topic_store_load        (CpTopicStore  *self,
                                          GError       **error);
gboolean      cp_topic_store_save        (CpTopicStore  *self,
                                          GError       **error);
gboolean      cp_topic_store_flush       (CpTopicStore  *self,
                                          GError       **error);

G_END_DECLS
