/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * CpTextBuilder: the text an importer extracts, built as a reader sees it.
 * Inline text is appended with its white space collapsed to single spaces;
 * paragraphs are separated by one blank line; no paragraph is empty and the
 * text neither starts nor ends with white space.
 */
typedef struct _CpTextBuilder CpTextBuilder;

CpTextBuilder *cp_text_builder_new             (void);
void           cp_text_builder_free            (CpTextBuilder *self);
void           cp_text_builder_append          (CpTextBuilder *self,
                                                const char    *text,
                                                gssize         length);
void           cp_text_builder_line_break      (CpTextBuilder *self);
void           cp_text_builder_end_paragraph   (CpTextBuilder *self);
gsize          cp_text_builder_get_length      (CpTextBuilder *self);
char          *cp_text_builder_end             (CpTextBuilder *self,
                                                gsize         *length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpTextBuilder, cp_text_builder_free)

G_END_DECLS
