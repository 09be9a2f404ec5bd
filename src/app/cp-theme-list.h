/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-comparison.h"
#include "cp-discover.h"

G_BEGIN_DECLS

#define CP_TYPE_THEME_LIST (cp_theme_list_get_type ())
G_DECLARE_FINAL_TYPE (CpThemeList, cp_theme_list, CP, THEME_LIST, GtkWidget)

GtkWidget    *cp_theme_list_new            (void);
CpComparison *cp_theme_list_get_comparison (CpThemeList  *self);
void          cp_theme_list_set_comparison (CpThemeList  *self,
                                            CpComparison *comparison);
gboolean      cp_theme_list_get_busy       (CpThemeList  *self);
const char   *cp_theme_list_get_subject    (CpThemeList  *self);
gboolean      cp_theme_list_get_offer_start (CpThemeList *self);
void          cp_theme_list_set_offer_start (CpThemeList *self,
                                             gboolean     offer_start);
GtkWidget    *cp_theme_list_get_start_button (CpThemeList *self);
guint         cp_theme_list_get_n_themes   (CpThemeList  *self);
CpTheme      *cp_theme_list_get_theme      (CpThemeList  *self,
                                            guint         position);
GtkWidget    *cp_theme_list_get_row        (CpThemeList  *self,
                                            guint         position);
CpTheme      *cp_theme_list_get_preview    (CpThemeList  *self);
void          cp_theme_list_set_preview    (CpThemeList  *self,
                                            CpTheme      *theme);

G_END_DECLS
