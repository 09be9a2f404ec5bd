/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-comparison.h"

G_BEGIN_DECLS

/**
 * CpKwicSpan:
 * @start: byte offset of the mention in its document's text
 * @end: byte offset just past it
 * @index: what the row stands for: the index of the mention in the
 *   document's #CpMentions, or of the match in a scan
 *
 * One mention to show in its context.
 */
typedef struct
{
  guint start;
  guint end;
  guint index;
} CpKwicSpan;

#define CP_KWIC_DEFAULT_CONTEXT_WORDS 10

#define CP_TYPE_KWIC_ROW (cp_kwic_row_get_type ())
G_DECLARE_FINAL_TYPE (CpKwicRow, cp_kwic_row, CP, KWIC_ROW, GObject)

#define CP_TYPE_KWIC (cp_kwic_get_type ())
G_DECLARE_FINAL_TYPE (CpKwic, cp_kwic, CP, KWIC, GObject)

const char *cp_kwic_row_get_left          (CpKwicRow        *self);
const char *cp_kwic_row_get_keyword       (CpKwicRow        *self);
const char *cp_kwic_row_get_right         (CpKwicRow        *self);
CpDocument *cp_kwic_row_get_document      (CpKwicRow        *self);
guint       cp_kwic_row_get_column        (CpKwicRow        *self);
guint       cp_kwic_row_get_index         (CpKwicRow        *self);
guint       cp_kwic_row_get_start         (CpKwicRow        *self);
guint       cp_kwic_row_get_end           (CpKwicRow        *self);
guint       cp_kwic_row_get_char_start    (CpKwicRow        *self);

CpKwic     *cp_kwic_new                   (const char       *keyword,
                                           guint             context_words);
CpKwic     *cp_kwic_new_for_topic         (CpComparison     *comparison,
                                           guint             topic,
                                           guint             context_words);
CpKwic     *cp_kwic_new_for_matcher       (CpComparison     *comparison,
                                           CpMatcher        *matcher,
                                           const char       *keyword,
                                           guint             context_words);
void        cp_kwic_add_column            (CpKwic           *self,
                                           CpDocument       *document,
                                           const char       *title,
                                           const CpKwicSpan *spans,
                                           guint             n_spans);
const char *cp_kwic_get_keyword           (CpKwic           *self);
guint       cp_kwic_get_n_columns         (CpKwic           *self);
const char *cp_kwic_get_column_title      (CpKwic           *self,
                                           guint             column);
CpDocument *cp_kwic_get_column_document   (CpKwic           *self,
                                           guint             column);
GListModel *cp_kwic_get_column_rows       (CpKwic           *self,
                                           guint             column);
guint       cp_kwic_get_n_rows            (CpKwic           *self);
char       *cp_kwic_to_text               (CpKwic           *self,
                                           gsize            *length);
char       *cp_kwic_to_csv                (CpKwic           *self,
                                           gsize            *length);
char       *cp_kwic_to_html               (CpKwic           *self,
                                           gsize            *length);

G_END_DECLS
