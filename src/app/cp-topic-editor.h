/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-comparison.h"

G_BEGIN_DECLS

#define CP_TYPE_TOPIC_EDITOR (cp_topic_editor_get_type ())
G_DECLARE_FINAL_TYPE (CpTopicEditor, cp_topic_editor, CP, TOPIC_EDITOR, GtkWindow)

GtkWidget *cp_topic_editor_new       (CpComparison  *comparison,
                                      CpTopic       *topic);
CpTopic   *cp_topic_editor_get_topic (CpTopicEditor *self);

G_END_DECLS
