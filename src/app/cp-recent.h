/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-comparison.h"

G_BEGIN_DECLS

GStrv  cp_recent_dup_uris         (CpComparison        *comparison);
GFile *cp_recent_dup_topics_file  (const char * const  *uris);
void   cp_recent_remember         (GSettings           *settings,
                                   const char * const  *uris);
GStrv  cp_recent_dup_comparison   (GSettings           *settings,
                                   guint                index);
void   cp_recent_fill_menu        (GSettings           *settings,
                                   GMenu               *menu);

void   cp_recent_restore_labels   (GPtrArray           *documents);
gboolean cp_recent_save_label     (CpDocument          *document,
                                   GError             **error);

G_END_DECLS
