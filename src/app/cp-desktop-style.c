/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-desktop-style.h"

/* The desktop's light or dark preference, from where it can be read:
 *
 *  1. the settings portal (org.freedesktop.portal.Settings, key
 *     org.freedesktop.appearance color-scheme), which answers inside a
 *     sandbox and on every desktop that runs xdg-desktop-portal;
 *  2. else GNOME's own org.gnome.desktop.interface color-scheme key;
 *  3. else nothing: the caller keeps GTK's own setting (settings.ini,
 *     XSETTINGS), which is what a desktop without either sets.
 *
 * GTK 4.8 reads neither of the first two itself (GTK 4.12 and libadwaita
 * do). The portal is asked synchronously once, as GTK does, so the first
 * window does not flash light before it turns dark. */

#define PORTAL_BUS_NAME  "org.freedesktop.portal.Desktop"
#define PORTAL_PATH      "/org/freedesktop/portal/desktop"
#define PORTAL_SETTINGS  "org.freedesktop.portal.Settings"
#define APPEARANCE       "org.freedesktop.appearance"
#define COLOR_SCHEME_KEY "color-scheme"

/* A portal that does not answer at all must not hold up the first window
 * for long */
#define PORTAL_TIMEOUT_MS 3000

struct _CpDesktopStyle
{
  GObject          parent_instance;

  GDBusConnection *bus;
  guint            changed_id;
  GSettings       *interface_settings;
  CpColorScheme    color_scheme;
  const char      *source; /* "portal", "gsettings" or NULL */
};

enum
{
  PROP_0,
  PROP_COLOR_SCHEME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (CpColorScheme, cp_color_scheme,
                    G_DEFINE_ENUM_VALUE (CP_COLOR_SCHEME_UNKNOWN, "unknown"),
                    G_DEFINE_ENUM_VALUE (CP_COLOR_SCHEME_DEFAULT, "default"),
                    G_DEFINE_ENUM_VALUE (CP_COLOR_SCHEME_PREFER_DARK, "prefer-dark"),
                    G_DEFINE_ENUM_VALUE (CP_COLOR_SCHEME_PREFER_LIGHT, "prefer-light"))

G_DEFINE_FINAL_TYPE (CpDesktopStyle, cp_desktop_style, G_TYPE_OBJECT)

static void
set_color_scheme (CpDesktopStyle *self,
                  CpColorScheme   scheme,
                  const char     *source)
{
  self->source = source;
  if (self->color_scheme == scheme)
    return;

  self->color_scheme = scheme;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR_SCHEME]);
}

/* The portal's values: 0 no preference, 1 prefer dark, 2 prefer light.
 * A value of another type or out of range counts as no preference. */
static CpColorScheme
scheme_from_portal (GVariant *value)
{
  g_autoptr(GVariant) inner = g_variant_ref (value);

  /* Settings.Read (version 1) wraps the value in one more variant */
  while (g_variant_is_of_type (inner, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *child = g_variant_get_variant (inner);

      g_variant_unref (inner);
      inner = child;
    }

  if (!g_variant_is_of_type (inner, G_VARIANT_TYPE_UINT32))
    return CP_COLOR_SCHEME_DEFAULT;

  switch (g_variant_get_uint32 (inner))
    {
    case 1:
      return CP_COLOR_SCHEME_PREFER_DARK;
    case 2:
      return CP_COLOR_SCHEME_PREFER_LIGHT;
    default:
      return CP_COLOR_SCHEME_DEFAULT;
    }
}

static CpColorScheme
scheme_from_gsettings (GSettings *settings)
{
  g_autofree char *nick = g_settings_get_string (settings, COLOR_SCHEME_KEY);

  if (g_str_equal (nick, "prefer-dark"))
    return CP_COLOR_SCHEME_PREFER_DARK;
  if (g_str_equal (nick, "prefer-light"))
    return CP_COLOR_SCHEME_PREFER_LIGHT;
  return CP_COLOR_SCHEME_DEFAULT;
}

static void
setting_changed_cb (GDBusConnection *bus,
                    const char      *sender,
                    const char      *path,
                    const char      *interface,
                    const char      *signal,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  CpDesktopStyle *self = user_data;
  const char *namespace, *key;
  g_autoptr(GVariant) value = NULL;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ssv)")))
    return;

  g_variant_get (parameters, "(&s&sv)", &namespace, &key, &value);
  if (g_str_equal (namespace, APPEARANCE) && g_str_equal (key, COLOR_SCHEME_KEY))
    set_color_scheme (self, scheme_from_portal (value), "portal");
}

static void
interface_changed_cb (CpDesktopStyle *self)
{
  /* Once the portal has answered, it speaks for the desktop */
  if (g_strcmp0 (self->source, "portal") == 0)
    return;

  set_color_scheme (self, scheme_from_gsettings (self->interface_settings), "gsettings");
}

static GVariant *
portal_read (GDBusConnection *bus,
             const char      *method,
             GError         **error)
{
  return g_dbus_connection_call_sync (bus, PORTAL_BUS_NAME, PORTAL_PATH, PORTAL_SETTINGS, method,
                                      g_variant_new ("(ss)", APPEARANCE, COLOR_SCHEME_KEY),
                                      G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE,
                                      PORTAL_TIMEOUT_MS, NULL, error);
}

static gboolean
read_portal (CpDesktopStyle *self)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;

  /* ReadOne is the portal's version 2; older portals only have Read */
  reply = portal_read (self->bus, "ReadOne", &error);
  if (reply == NULL && g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD))
    {
      g_clear_error (&error);
      reply = portal_read (self->bus, "Read", &error);
    }

  if (reply == NULL)
    {
      /* No portal, or one without the appearance namespace */
      g_debug ("The settings portal gave no color scheme: %s", error->message);
      return FALSE;
    }

  g_variant_get (reply, "(v)", &value);
  set_color_scheme (self, scheme_from_portal (value), "portal");
  return TRUE;
}

static void
cp_desktop_style_dispose (GObject *object)
{
  CpDesktopStyle *self = CP_DESKTOP_STYLE (object);

  if (self->changed_id != 0)
    {
      g_dbus_connection_signal_unsubscribe (self->bus, self->changed_id);
      self->changed_id = 0;
    }
  g_clear_object (&self->bus);
  g_clear_object (&self->interface_settings);

  G_OBJECT_CLASS (cp_desktop_style_parent_class)->dispose (object);
}

static void
cp_desktop_style_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CpDesktopStyle *self = CP_DESKTOP_STYLE (object);

  switch (prop_id)
    {
    case PROP_COLOR_SCHEME:
      g_value_set_enum (value, self->color_scheme);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_desktop_style_class_init (CpDesktopStyleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cp_desktop_style_dispose;
  object_class->get_property = cp_desktop_style_get_property;

  /**
   * CpDesktopStyle:color-scheme:
   *
   * What the desktop prefers, light or dark, kept up to date.
   */
  properties[PROP_COLOR_SCHEME] =
    g_param_spec_enum ("color-scheme", NULL, NULL,
                       CP_TYPE_COLOR_SCHEME, CP_COLOR_SCHEME_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_desktop_style_init (CpDesktopStyle *self)
{
  self->color_scheme = CP_COLOR_SCHEME_UNKNOWN;
}

/**
 * cp_desktop_style_new:
 * @bus: (nullable): the session bus, or %NULL when there is none
 * @interface_settings: (nullable): org.gnome.desktop.interface settings,
 *   or %NULL when that schema is not installed
 *
 * Reads the desktop's color scheme from the settings portal on @bus, or
 * else from @interface_settings, and follows its changes.
 *
 * Returns: (transfer full): a new #CpDesktopStyle
 */
CpDesktopStyle *
cp_desktop_style_new (GDBusConnection *bus,
                      GSettings       *interface_settings)
{
  CpDesktopStyle *self;

  g_return_val_if_fail (bus == NULL || G_IS_DBUS_CONNECTION (bus), NULL);
  g_return_val_if_fail (interface_settings == NULL || G_IS_SETTINGS (interface_settings), NULL);

  self = g_object_new (CP_TYPE_DESKTOP_STYLE, NULL);

  if (bus != NULL)
    {
      self->bus = g_object_ref (bus);
      /* Subscribed before the first read, so no change falls in between;
       * a portal that starts later is heard as well */
      self->changed_id = g_dbus_connection_signal_subscribe (bus, PORTAL_BUS_NAME, PORTAL_SETTINGS,
                                                             "SettingChanged", PORTAL_PATH, APPEARANCE,
                                                             G_DBUS_SIGNAL_FLAGS_NONE,
                                                             setting_changed_cb, self, NULL);
      if (read_portal (self))
        return self;
    }

  if (interface_settings != NULL)
    {
      self->interface_settings = g_object_ref (interface_settings);
      g_signal_connect_object (interface_settings, "changed::" COLOR_SCHEME_KEY,
                               G_CALLBACK (interface_changed_cb), self, G_CONNECT_SWAPPED);
      interface_changed_cb (self);
    }

  return self;
}

/**
 * cp_desktop_style_get_color_scheme:
 * @self: a #CpDesktopStyle
 *
 * Returns: what the desktop prefers, or %CP_COLOR_SCHEME_UNKNOWN when
 *   neither the portal nor GNOME's settings say
 */
CpColorScheme
cp_desktop_style_get_color_scheme (CpDesktopStyle *self)
{
  g_return_val_if_fail (CP_IS_DESKTOP_STYLE (self), CP_COLOR_SCHEME_UNKNOWN);

  return self->color_scheme;
}

/**
 * cp_desktop_style_get_source:
 * @self: a #CpDesktopStyle
 *
 * Returns: (nullable): where the color scheme came from: "portal",
 *   "gsettings", or %NULL when from nowhere
 */
const char *
cp_desktop_style_get_source (CpDesktopStyle *self)
{
  g_return_val_if_fail (CP_IS_DESKTOP_STYLE (self), NULL);

  return self->source;
}

/**
 * cp_desktop_style_resolve_dark:
 * @style: the app's "style" setting: "system", "light" or "dark"
 * @scheme: what the desktop prefers
 * @gtk_default: GTK's own prefer-dark setting before the app changed it
 *
 * Returns: whether the app should use its dark style
 */
gboolean
cp_desktop_style_resolve_dark (const char    *style,
                               CpColorScheme  scheme,
                               gboolean       gtk_default)
{
  g_return_val_if_fail (style != NULL, FALSE);

  if (g_str_equal (style, "dark"))
    return TRUE;
  if (g_str_equal (style, "light"))
    return FALSE;

  switch (scheme)
    {
    case CP_COLOR_SCHEME_PREFER_DARK:
      return TRUE;
    case CP_COLOR_SCHEME_DEFAULT:
    case CP_COLOR_SCHEME_PREFER_LIGHT:
      return FALSE;
    case CP_COLOR_SCHEME_UNKNOWN:
    default:
      return gtk_default;
    }
}
