/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CpColorScheme:
 * @CP_COLOR_SCHEME_UNKNOWN: nothing says; keep GTK's own setting
 * @CP_COLOR_SCHEME_DEFAULT: the desktop has no preference (light)
 * @CP_COLOR_SCHEME_PREFER_DARK: the desktop prefers dark
 * @CP_COLOR_SCHEME_PREFER_LIGHT: the desktop prefers light
 */
typedef enum
{
  CP_COLOR_SCHEME_UNKNOWN,
  CP_COLOR_SCHEME_DEFAULT,
  CP_COLOR_SCHEME_PREFER_DARK,
  CP_COLOR_SCHEME_PREFER_LIGHT,
} CpColorScheme;

#define CP_TYPE_COLOR_SCHEME (cp_color_scheme_get_type ())
GType cp_color_scheme_get_type (void) G_GNUC_CONST;

#define CP_TYPE_DESKTOP_STYLE (cp_desktop_style_get_type ())
G_DECLARE_FINAL_TYPE (CpDesktopStyle, cp_desktop_style, CP, DESKTOP_STYLE, GObject)

CpDesktopStyle *cp_desktop_style_new              (GDBusConnection *bus,
                                                   GSettings       *interface_settings);
CpColorScheme   cp_desktop_style_get_color_scheme (CpDesktopStyle  *self);
const char     *cp_desktop_style_get_source       (CpDesktopStyle  *self);

gboolean        cp_desktop_style_resolve_dark     (const char      *style,
                                                   CpColorScheme    scheme,
                                                   gboolean         gtk_default);

G_END_DECLS
