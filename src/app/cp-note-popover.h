/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CP_TYPE_NOTE_POPOVER (cp_note_popover_get_type ())
G_DECLARE_FINAL_TYPE (CpNotePopover, cp_note_popover, CP, NOTE_POPOVER, GtkPopover)

GtkWidget   *cp_note_popover_new      (const char         *quote,
                                       const char         *text);
char        *cp_note_popover_dup_text (CpNotePopover      *self);
GtkTextView *cp_note_popover_get_view (CpNotePopover      *self);
void         cp_note_popover_confirm  (CpNotePopover      *self);
void         cp_note_popover_popup_at (CpNotePopover      *self,
                                       GtkWidget          *parent,
                                       const GdkRectangle *rect);

G_END_DECLS
