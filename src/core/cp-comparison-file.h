/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-comparison.h"
#include "cp-note.h"

G_BEGIN_DECLS

/* The format version this build writes (docs/comparison-file.md) */
#define CP_COMPARISON_FILE_VERSION 1
/* Largest comparison file read, in bytes; every review's text is inside */
#define CP_COMPARISON_FILE_MAX_SIZE (G_GUINT64_CONSTANT (256) * 1024 * 1024)
#define CP_COMPARISON_FILE_MAX_REVIEWS 64
#define CP_COMPARISON_FILE_MAX_NOTES   10000
/* Its MIME type (the shared-mime-info file in data/) */
#define CP_COMPARISON_FILE_CONTENT_TYPE "application/x-counterpoint"

/**
 * CpComparisonFile:
 *
 * What a `.counterpoint` file holds, read and checked, ready to become a
 * #CpComparison: the topic set (its own, not the user's), the reviews as
 * #CpDocument (text embedded, labels set, the original file and metadata
 * kept as information), the notes anchored on them, and the focused topic.
 *
 * A file written by a newer version, or one whose parts could not all be
 * read, still loads what it can and is read-only: saving over it would
 * lose what this version does not understand (cp_comparison_file_is_read_only()
 * with the reason in cp_comparison_file_get_problems()). A file that is not
 * a comparison at all fails with a #GError naming it.
 */
#define CP_TYPE_COMPARISON_FILE (cp_comparison_file_get_type ())
G_DECLARE_FINAL_TYPE (CpComparisonFile, cp_comparison_file, CP, COMPARISON_FILE, GObject)

gboolean          cp_comparison_file_is_comparison      (GFile           *file);

CpComparisonFile *cp_comparison_file_new_from_data      (const char      *data,
                                                         gsize            length,
                                                         const char      *display_name,
                                                         GError         **error);
CpComparisonFile *cp_comparison_file_load               (GFile           *file,
                                                         GCancellable    *cancellable,
                                                         GError         **error);
void              cp_comparison_file_load_async         (GFile           *file,
                                                         GCancellable    *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer         user_data);
CpComparisonFile *cp_comparison_file_load_finish        (GAsyncResult    *result,
                                                         GError         **error);

GFile            *cp_comparison_file_get_file           (CpComparisonFile *self);
guint             cp_comparison_file_get_version        (CpComparisonFile *self);
gboolean          cp_comparison_file_is_read_only       (CpComparisonFile *self);
const char * const *cp_comparison_file_get_problems     (CpComparisonFile *self);
CpTopicSet       *cp_comparison_file_get_topics         (CpComparisonFile *self);
GPtrArray        *cp_comparison_file_get_documents      (CpComparisonFile *self);
GPtrArray        *cp_comparison_file_get_notes          (CpComparisonFile *self);
const char       *cp_comparison_file_get_focus_topic    (CpComparisonFile *self);
CpComparison     *cp_comparison_file_create_comparison  (CpComparisonFile *self);

char             *cp_comparison_file_to_data            (CpComparison    *comparison,
                                                         const char      *focus_topic,
                                                         gsize           *length);
gboolean          cp_comparison_file_save               (CpComparison    *comparison,
                                                         const char      *focus_topic,
                                                         GFile           *file,
                                                         guint            replaces_version,
                                                         GFile          **backup,
                                                         GCancellable    *cancellable,
                                                         GError         **error);

G_END_DECLS
