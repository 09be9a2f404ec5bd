/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-document.h"
#include "cp-topic-set.h"

G_BEGIN_DECLS

/**
 * CpTheme:
 *
 * A theme that several documents share, found by cp_discover_themes():
 * a phrase of one to four words (or a run of two to four Han, Kana or
 * Hangul characters), the spellings of it that were merged into it, how
 * often each document uses it, one short context per document, and a
 * score to rank it by. Immutable once made.
 */
#define CP_TYPE_THEME (cp_theme_get_type ())
G_DECLARE_FINAL_TYPE (CpTheme, cp_theme, CP, THEME, GObject)

const char         *cp_theme_get_phrase       (CpTheme  *self);
const char * const *cp_theme_get_variants     (CpTheme  *self);
guint               cp_theme_get_n_documents  (CpTheme  *self);
guint               cp_theme_get_count        (CpTheme  *self,
                                               guint     document);
guint               cp_theme_get_total        (CpTheme  *self);
guint               cp_theme_get_spread       (CpTheme  *self);
const char         *cp_theme_get_context      (CpTheme  *self,
                                               guint     document);
double              cp_theme_get_score        (CpTheme  *self);

/**
 * CpDiscoverOptions:
 * @topics: (nullable): phrases that the terms of these topics already
 *   match are not suggested, whether the topic is enabled or not
 * @limit: the most themes to return; 0 for the default (50)
 * @min_documents: the fewest documents that must share a theme; 0 for the
 *   default (2)
 */
typedef struct
{
  CpTopicSet *topics;
  guint       limit;
  guint       min_documents;
} CpDiscoverOptions;

GPtrArray *cp_discover_themes        (CpDocument              **documents,
                                      guint                     n_documents,
                                      const CpDiscoverOptions  *options,
                                      GCancellable             *cancellable,
                                      GError                  **error);
void       cp_discover_themes_async  (CpDocument              **documents,
                                      guint                     n_documents,
                                      const CpDiscoverOptions  *options,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback       callback,
                                      gpointer                  user_data);
GPtrArray *cp_discover_themes_finish (GAsyncResult             *result,
                                      GError                  **error);
char      *cp_discover_dup_subject   (CpDocument              **documents,
                                      guint                     n_documents);

G_END_DECLS
