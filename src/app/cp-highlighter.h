/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-focus.h"

G_BEGIN_DECLS

#define CP_TYPE_HIGHLIGHTER (cp_highlighter_get_type ())
G_DECLARE_FINAL_TYPE (CpHighlighter, cp_highlighter, CP, HIGHLIGHTER, GObject)

CpHighlighter *cp_highlighter_new               (CpFocus       *focus,
                                                 CpDocument    *document,
                                                 GtkTextView   *view);
CpFocus       *cp_highlighter_get_focus         (CpHighlighter *self);
CpDocument    *cp_highlighter_get_document      (CpHighlighter *self);
CpMentions    *cp_highlighter_get_mentions      (CpHighlighter *self);
GActionGroup  *cp_highlighter_get_actions       (CpHighlighter *self);
GMenuModel    *cp_highlighter_get_menu          (CpHighlighter *self);
GtkTextTag    *cp_highlighter_get_topic_tag     (CpHighlighter *self,
                                                 guint          topic);
GtkTextTag    *cp_highlighter_get_preview_tag   (CpHighlighter *self);
int            cp_highlighter_get_mention_at    (CpHighlighter *self,
                                                 guint          char_offset);
guint          cp_highlighter_set_search        (CpHighlighter *self,
                                                 CpMatcher     *matcher);
gboolean       cp_highlighter_step_search       (CpHighlighter *self,
                                                 gboolean       forward,
                                                 guint         *start_char,
                                                 guint         *end_char);
CpMentions    *cp_highlighter_get_search_results  (CpHighlighter *self);
gboolean       cp_highlighter_get_search_range    (CpHighlighter *self,
                                                   guint         *start_char,
                                                   guint         *end_char);
int            cp_highlighter_get_search_position (CpHighlighter *self,
                                                   guint         *n_results);
guint          cp_highlighter_set_preview       (CpHighlighter *self,
                                                 CpMatcher     *matcher);

G_END_DECLS
