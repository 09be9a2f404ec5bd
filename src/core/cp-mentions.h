/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cp-document.h"
#include "cp-matcher.h"

G_BEGIN_DECLS

#define CP_TYPE_MENTIONS (cp_mentions_get_type ())
G_DECLARE_FINAL_TYPE (CpMentions, cp_mentions, CP, MENTIONS, GObject)

CpMentions      *cp_mentions_new                 (CpDocument  *document,
                                                  GArray      *mentions,
                                                  guint        n_topics);
CpDocument      *cp_mentions_get_document        (CpMentions  *self);
guint            cp_mentions_get_n_mentions      (CpMentions  *self);
const CpMention *cp_mentions_get_mention         (CpMentions  *self,
                                                  guint        index);
const CpMention *cp_mentions_get_all             (CpMentions  *self,
                                                  guint       *n_mentions);
guint            cp_mentions_get_char_start      (CpMentions  *self,
                                                  guint        index);
guint            cp_mentions_get_char_end        (CpMentions  *self,
                                                  guint        index);
guint            cp_mentions_get_n_topics        (CpMentions  *self);
guint            cp_mentions_get_count           (CpMentions  *self,
                                                  guint        topic);
guint            cp_mentions_get_n_topics_mentioned (CpMentions *self);
int              cp_mentions_find                (CpMentions  *self,
                                                  guint        topic,
                                                  int          after,
                                                  gboolean     forward);
int              cp_mentions_find_rank           (CpMentions  *self,
                                                  guint        topic,
                                                  guint        rank);
guint            cp_mentions_get_rank            (CpMentions  *self,
                                                  guint        index);
int              cp_mentions_find_at             (CpMentions  *self,
                                                  guint        char_offset,
                                                  int          prefer_topic);
int              cp_mentions_find_nearest        (CpMentions  *self,
                                                  guint        topic,
                                                  guint        char_offset);

G_END_DECLS
