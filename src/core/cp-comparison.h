/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-document.h"
#include "cp-matcher.h"
#include "cp-mentions.h"
#include "cp-note.h"
#include "cp-topic-set.h"

G_BEGIN_DECLS

/**
 * CpComparisonChange:
 * @CP_COMPARISON_CHANGE_DOCUMENTS: documents were added, removed or moved
 * @CP_COMPARISON_CHANGE_TOPICS: topics (terms, enabled state, the set itself)
 *   changed, so every document was re-tagged
 * @CP_COMPARISON_CHANGE_APPEARANCE: only a label (a topic's or a review's) or a color changed; the
 *   mentions are the same
 * @CP_COMPARISON_CHANGE_NOTES: a note was added, removed, edited or re-anchored; the mentions are
 *   the same
 */
typedef enum
{
  CP_COMPARISON_CHANGE_DOCUMENTS  = 1 << 0,
  CP_COMPARISON_CHANGE_TOPICS     = 1 << 1,
  CP_COMPARISON_CHANGE_APPEARANCE = 1 << 2,
  CP_COMPARISON_CHANGE_NOTES      = 1 << 3,
} CpComparisonChange;

/**
 * CpTopicMention:
 * @document: position of the document in the comparison
 * @mention: index into that document's mentions
 */
typedef struct
{
  guint document;
  guint mention;
} CpTopicMention;

#define CP_TYPE_COMPARISON_CHANGE (cp_comparison_change_get_type ())
GType cp_comparison_change_get_type (void) G_GNUC_CONST;

#define CP_TYPE_COMPARISON (cp_comparison_get_type ())
G_DECLARE_FINAL_TYPE (CpComparison, cp_comparison, CP, COMPARISON, GObject)

CpComparison         *cp_comparison_new                   (CpTopicSet     *topics);
CpTopicSet           *cp_comparison_get_topics            (CpComparison   *self);
GListModel           *cp_comparison_get_documents         (CpComparison   *self);
guint                 cp_comparison_get_n_documents       (CpComparison   *self);
char                 *cp_comparison_dup_subject           (CpComparison   *self);
CpDocument           *cp_comparison_get_document          (CpComparison   *self,
                                                           guint           position);
void                  cp_comparison_append_document       (CpComparison   *self,
                                                           CpDocument     *document);
void                  cp_comparison_append_documents_async  (CpComparison         *self,
                                                             CpDocument          **documents,
                                                             guint                 n_documents,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean              cp_comparison_append_documents_finish (CpComparison         *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                  cp_comparison_remove_document       (CpComparison   *self,
                                                           guint           position);
void                  cp_comparison_move_document         (CpComparison   *self,
                                                           guint           from,
                                                           guint           to);
char                 *cp_comparison_dup_display_title     (CpComparison   *self,
                                                           guint           position);
gboolean              cp_comparison_find_document         (CpComparison   *self,
                                                           CpDocument     *document,
                                                           guint          *position);
CpMentions           *cp_comparison_get_mentions_for_document (CpComparison *self,
                                                               CpDocument   *document);
guint                 cp_comparison_get_count             (CpComparison   *self,
                                                           guint           topic,
                                                           guint           document);
guint                 cp_comparison_get_total             (CpComparison   *self,
                                                           guint           topic);
guint                 cp_comparison_get_spread            (CpComparison   *self,
                                                           guint           topic);
gboolean              cp_comparison_is_shared             (CpComparison   *self,
                                                           guint           topic);
const CpTopicMention *cp_comparison_get_topic_mentions    (CpComparison   *self,
                                                           guint           topic,
                                                           guint          *n_mentions);
const GError         *cp_comparison_get_topic_error       (CpComparison   *self);
guint                *cp_comparison_count_terms           (CpComparison        *self,
                                                           const char * const  *terms,
                                                           GError             **error);
void                  cp_comparison_replace_document      (CpComparison   *self,
                                                           guint           position,
                                                           CpDocument     *document,
                                                           guint          *n_lost);

GListModel           *cp_comparison_get_notes             (CpComparison   *self);
void                  cp_comparison_add_note              (CpComparison   *self,
                                                           CpNote         *note);
void                  cp_comparison_insert_note           (CpComparison   *self,
                                                           guint           position,
                                                           CpNote         *note);
gboolean              cp_comparison_remove_note           (CpComparison   *self,
                                                           CpNote         *note,
                                                           guint          *position);
GPtrArray            *cp_comparison_dup_document_notes    (CpComparison   *self,
                                                           CpDocument     *document);

G_END_DECLS
