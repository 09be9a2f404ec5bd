/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-focus.h"
#include "cp-kwic.h"

G_BEGIN_DECLS

#define CP_TYPE_MENTIONS_VIEW (cp_mentions_view_get_type ())
G_DECLARE_FINAL_TYPE (CpMentionsView, cp_mentions_view, CP, MENTIONS_VIEW, GtkWindow)

CpMentionsView *cp_mentions_view_new           (GtkWindow       *parent,
                                                CpFocus         *focus);
void            cp_mentions_view_show_topic    (CpMentionsView  *self,
                                                CpTopic         *topic);
void            cp_mentions_view_show_search   (CpMentionsView  *self,
                                                const char      *text);
CpKwic         *cp_mentions_view_get_kwic      (CpMentionsView  *self);
GtkListView    *cp_mentions_view_get_list_view (CpMentionsView  *self,
                                                guint            column);
char           *cp_mentions_view_dup_text      (CpMentionsView  *self);
gboolean        cp_mentions_view_export        (CpMentionsView  *self,
                                                GFile           *file,
                                                GError         **error);

G_END_DECLS
