/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void cp_list_box_separator_header (GtkListBoxRow *row,
                                   GtkListBoxRow *before,
                                   gpointer       user_data);

G_END_DECLS
