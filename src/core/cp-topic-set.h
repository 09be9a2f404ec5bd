/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-topic.h"

G_BEGIN_DECLS

/*
 * CpTopicSet is a GListModel of CpTopic with unique ids.
 *
 * Listening for changes: the set emits GListModel::items-changed when
 * topics are added, removed or replaced (cp_topic_set_load_from_data()
 * replaces everything in one emission), and
 *
 *   void topic_changed_cb (CpTopicSet *set,
 *                          CpTopic    *topic,
 *                          GParamSpec *pspec,
 *                          gpointer    user_data);
 *
 * for "topic-changed" whenever a member topic notifies a property: label,
 * display-label (also notified for every translation change), color,
 * enabled or terms. The signal is detailed by the property name, like
 * GObject::notify: connect to "topic-changed::terms" to hear only about
 * terms. There is no separate "changed" signal: items-changed plus
 * topic-changed cover every change that cp_topic_set_to_data() would save.
 * The read-only "n-items" property follows the number of topics.
 */

/* The largest topics file read: far more than thousands of topics need */
#define CP_TOPIC_SET_MAX_FILE_SIZE (G_GUINT64_CONSTANT (16) * 1024 * 1024)

#define CP_TYPE_TOPIC_SET (cp_topic_set_get_type ())
G_DECLARE_FINAL_TYPE (CpTopicSet, cp_topic_set, CP, TOPIC_SET, GObject)

CpTopicSet *cp_topic_set_new               (void);
CpTopicSet *cp_topic_set_new_default       (void);
CpTopicSet *cp_topic_set_new_from_file     (GFile         *file,
                                            GCancellable  *cancellable,
                                            GError       **error);
gboolean    cp_topic_set_load_from_data    (CpTopicSet    *self,
                                            const char    *data,
                                            gssize         length,
                                            const char    *source_name,
                                            GError       **error);
char       *cp_topic_set_to_data           (CpTopicSet    *self,
                                            gsize         *length);
gboolean    cp_topic_set_save_to_file      (CpTopicSet    *self,
                                            GFile         *file,
                                            GCancellable  *cancellable,
                                            GError       **error);
guint       cp_topic_set_get_n_topics      (CpTopicSet    *self);
CpTopic    *cp_topic_set_get_topic         (CpTopicSet    *self,
                                            guint          position);
CpTopic    *cp_topic_set_lookup            (CpTopicSet    *self,
                                            const char    *id,
                                            guint         *position);
void        cp_topic_set_append            (CpTopicSet    *self,
                                            CpTopic       *topic);
void        cp_topic_set_insert            (CpTopicSet    *self,
                                            guint          position,
                                            CpTopic       *topic);
void        cp_topic_set_remove            (CpTopicSet    *self,
                                            guint          position);
char       *cp_topic_set_dup_unique_id     (CpTopicSet    *self,
                                            const char    *label);
const char *cp_topic_set_pick_color        (CpTopicSet    *self);
guint       cp_topic_set_get_color_round   (CpTopicSet    *self,
                                            guint          position);
CpTopic    *cp_topic_set_add_new           (CpTopicSet         *self,
                                            const char         *label,
                                            const char * const *terms);

G_END_DECLS
