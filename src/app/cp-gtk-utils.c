/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-gtk-utils.h"

/**
 * cp_list_box_separator_header:
 * @row: a row
 * @before: (nullable): the row before it
 * @user_data: unused
 *
 * A #GtkListBoxUpdateHeaderFunc: a line between rows but none under the
 * last one, which the frame around the list already closes
 * (GtkListBox:show-separators draws both).
 */
void
cp_list_box_separator_header (GtkListBoxRow *row,
                              GtkListBoxRow *before,
                              gpointer       user_data)
{
  if (before == NULL)
    gtk_list_box_row_set_header (row, NULL);
  else if (gtk_list_box_row_get_header (row) == NULL)
    gtk_list_box_row_set_header (row, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
}
