/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cp-document.h"

G_BEGIN_DECLS

/**
 * CpNote:
 *
 * A reader's note on a passage of one review. The anchor is the text span
 * itself: byte offsets into the document's text (on character boundaries)
 * and a copy of the passage (the quote), so a note survives re-tagging and
 * label changes untouched, and finds its passage again when the review's
 * text is replaced by a changed one (cp_note_reanchor()).
 *
 * Properties: "document" (construct-only), "start", "end", "quote"
 * (read-only; change together through cp_note_reanchor()), "text"
 * (read-write, explicit notify), "created" and "modified" (GDateTime, UTC).
 */
#define CP_TYPE_NOTE (cp_note_get_type ())
G_DECLARE_FINAL_TYPE (CpNote, cp_note, CP, NOTE, GObject)

/* Longest note text and quote the model keeps, in bytes (files and the
 * window refuse longer ones with a message) */
#define CP_NOTE_MAX_TEXT  (64 * 1024)
#define CP_NOTE_MAX_QUOTE (64 * 1024)

CpNote     *cp_note_new          (CpDocument  *document,
                                  gsize        start,
                                  gsize        end,
                                  const char  *text);
CpDocument *cp_note_get_document (CpNote      *self);
gsize       cp_note_get_start    (CpNote      *self);
gsize       cp_note_get_end      (CpNote      *self);
const char *cp_note_get_quote    (CpNote      *self);
const char *cp_note_get_text     (CpNote      *self);
void        cp_note_set_text     (CpNote      *self,
                                  const char  *text);
GDateTime  *cp_note_get_created  (CpNote      *self);
GDateTime  *cp_note_get_modified (CpNote      *self);
void        cp_note_set_times    (CpNote      *self,
                                  GDateTime   *created,
                                  GDateTime   *modified);
gboolean    cp_note_reanchor     (CpNote      *self,
                                  CpDocument  *document);
int         cp_note_compare      (CpNote      *a,
                                  CpNote      *b);
gboolean    cp_note_find_quote   (CpDocument  *document,
                                  const char  *quote,
                                  gsize        char_offset,
                                  gsize       *start);

G_END_DECLS
