/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-application.h"
#include "cp-comparison.h"
#include "cp-review-pane.h"

G_BEGIN_DECLS

#define CP_TYPE_WINDOW (cp_window_get_type ())
G_DECLARE_FINAL_TYPE (CpWindow, cp_window, CP, WINDOW, GtkApplicationWindow)

CpWindow     *cp_window_new             (CpApplication *application);
void          cp_window_open_files      (CpWindow      *self,
                                         GFile        **files,
                                         guint          n_files);
CpComparison *cp_window_get_comparison  (CpWindow      *self);
guint         cp_window_get_n_panes     (CpWindow      *self);
CpReviewPane *cp_window_get_pane        (CpWindow      *self,
                                         guint          position);
guint         cp_window_get_n_loading   (CpWindow      *self);
guint         cp_window_get_n_banners   (CpWindow      *self);
CpFocus      *cp_window_get_focus       (CpWindow      *self);
int           cp_window_get_focus_topic (CpWindow      *self);
void          cp_window_set_focus_topic (CpWindow      *self,
                                         int            topic);
void          cp_window_move_to_mention (CpWindow      *self,
                                         gboolean       forward);
GFile        *cp_window_get_file        (CpWindow      *self);
gboolean      cp_window_needs_saving    (CpWindow      *self);
gboolean      cp_window_save_comparison (CpWindow      *self,
                                         GFile         *file,
                                         GError       **error);
GtkWidget    *cp_window_get_close_dialog (CpWindow     *self);

G_END_DECLS
