/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-comparison.h"

G_BEGIN_DECLS

#define CP_TYPE_NOTE_MARGIN (cp_note_margin_get_type ())
G_DECLARE_FINAL_TYPE (CpNoteMargin, cp_note_margin, CP, NOTE_MARGIN, GObject)

CpNoteMargin *cp_note_margin_new          (CpComparison *comparison,
                                           CpDocument   *document,
                                           GtkTextView  *view);
GtkTextTag   *cp_note_margin_get_tag      (CpNoteMargin *self);
GPtrArray    *cp_note_margin_get_notes    (CpNoteMargin *self);
GtkWidget    *cp_note_margin_get_marker   (CpNoteMargin *self,
                                           CpNote       *note);
CpNote       *cp_note_margin_get_note_at  (CpNoteMargin *self,
                                           guint         char_offset);
gboolean      cp_note_margin_get_note_chars (CpNoteMargin *self,
                                             CpNote       *note,
                                             guint        *start_char,
                                             guint        *end_char);

G_END_DECLS
