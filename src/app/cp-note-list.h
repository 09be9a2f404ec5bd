/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-comparison.h"

G_BEGIN_DECLS

#define CP_TYPE_NOTE_LIST (cp_note_list_get_type ())
G_DECLARE_FINAL_TYPE (CpNoteList, cp_note_list, CP, NOTE_LIST, GtkWidget)

GtkWidget    *cp_note_list_new            (void);
CpComparison *cp_note_list_get_comparison (CpNoteList   *self);
void          cp_note_list_set_comparison (CpNoteList   *self,
                                           CpComparison *comparison);
guint         cp_note_list_get_n_notes    (CpNoteList   *self);
CpNote       *cp_note_list_get_note       (CpNoteList   *self,
                                           guint         index);
GtkWidget    *cp_note_list_get_row        (CpNoteList   *self,
                                           CpNote       *note);

G_END_DECLS
