/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cp-topic-set.h"

G_BEGIN_DECLS

/**
 * CpMention:
 * @start: byte offset of the first byte of the mention
 * @end: byte offset just past the mention
 * @topic: index of the topic (the position in the #CpTopicSet the matcher
 *   was built from, or the topic index given to cp_matcher_add_term())
 * @term: index of the term within its topic
 *
 * One mention of a topic in a text. Sixteen bytes, so that a text with
 * millions of mentions stays small.
 */
typedef struct
{
  guint32 start;
  guint32 end;
  guint32 topic;
  guint32 term;
} CpMention;

G_STATIC_ASSERT (sizeof (CpMention) == 16);

#define CP_TYPE_MATCHER (cp_matcher_get_type ())
G_DECLARE_FINAL_TYPE (CpMatcher, cp_matcher, CP, MATCHER, GObject)

CpMatcher *cp_matcher_new              (void);
CpMatcher *cp_matcher_new_for_topics   (CpTopicSet    *topics,
                                        GError       **error);
gboolean   cp_matcher_add_term         (CpMatcher     *self,
                                        guint          topic,
                                        guint          term,
                                        const char    *pattern,
                                        GError       **error);
gboolean   cp_matcher_compile          (CpMatcher     *self,
                                        GError       **error);
guint      cp_matcher_get_n_states     (CpMatcher     *self);
gsize      cp_matcher_get_memory_size  (CpMatcher     *self);
GArray    *cp_matcher_scan             (CpMatcher     *self,
                                        const char    *text,
                                        gsize          length);

G_END_DECLS
