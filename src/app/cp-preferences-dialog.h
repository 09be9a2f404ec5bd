/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CP_TYPE_PREFERENCES_DIALOG (cp_preferences_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CpPreferencesDialog, cp_preferences_dialog, CP, PREFERENCES_DIALOG, GtkWindow)

GtkWidget *cp_preferences_dialog_new (GtkWindow *parent);

G_END_DECLS
