/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-topic-set.h"

G_BEGIN_DECLS

#define CP_TYPE_APPLICATION (cp_application_get_type ())
G_DECLARE_FINAL_TYPE (CpApplication, cp_application, CP, APPLICATION, GtkApplication)

CpApplication *cp_application_new              (void);
GPtrArray     *cp_application_list_samples     (void);
CpTopicSet    *cp_application_get_topics       (CpApplication *self);
gboolean       cp_application_confirm_quit     (CpApplication *self,
                                                GtkWindow     *parent);

G_END_DECLS
