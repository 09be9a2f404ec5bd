/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The desktop's light or dark preference, read from a settings portal
 * that this test runs on a private session bus (GTestDBus: no service
 * can be started on it, so a real portal never answers) in a thread of its
 * own with its own connection, as the real portal is another process; and
 * from GNOME's interface settings when there is no portal. */
#include "config.h"

#include "cp-desktop-style.h"
#include "cp-test-utils.h"

#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH     "/org/freedesktop/portal/desktop"

static const char portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Settings'>"
  "    <method name='Read'>"
  "      <arg type='s' name='namespace' direction='in'/>"
  "      <arg type='s' name='key' direction='in'/>"
  "      <arg type='v' name='value' direction='out'/>"
  "    </method>"
  "    <method name='ReadOne'>"
  "      <arg type='s' name='namespace' direction='in'/>"
  "      <arg type='s' name='key' direction='in'/>"
  "      <arg type='v' name='value' direction='out'/>"
  "    </method>"
  "    <signal name='SettingChanged'>"
  "      <arg type='s' name='namespace'/>"
  "      <arg type='s' name='key'/>"
  "      <arg type='v' name='value'/>"
  "    </signal>"
  "  </interface>"
  "</node>";

typedef struct
{
  /* set before the thread starts */
  guint            version;     /* 1: Read only; 2: ReadOne too */
  gboolean         has_key;     /* the appearance namespace is there */
  guint32          value;       /* the color-scheme value */

  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  GDBusConnection *connection;
  guint            owner_id;
  guint            object_id;
  GMutex           mutex;
  GCond            cond;
  gboolean         ready;
  guint            n_calls;    /* Read and ReadOne calls answered */
  char            *last_method;
} FakePortal;

static void
portal_method_call_cb (GDBusConnection       *connection,
                       const char            *sender,
                       const char            *path,
                       const char            *interface,
                       const char            *method,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation,
                       gpointer               user_data)
{
  FakePortal *portal = user_data;
  const char *namespace, *key;
  GVariant *value;

  g_mutex_lock (&portal->mutex);
  portal->n_calls++;
  g_free (portal->last_method);
  portal->last_method = g_strdup (method);
  g_mutex_unlock (&portal->mutex);

  if (g_str_equal (method, "ReadOne") && portal->version < 2)
    {
      g_dbus_method_invocation_return_dbus_error (invocation, "org.freedesktop.DBus.Error.UnknownMethod",
                                                  "No such method “ReadOne”");
      return;
    }

  g_variant_get (parameters, "(&s&s)", &namespace, &key);
  if (!portal->has_key || !g_str_equal (namespace, "org.freedesktop.appearance") ||
      !g_str_equal (key, "color-scheme"))
    {
      g_dbus_method_invocation_return_dbus_error (invocation, "org.freedesktop.portal.Error.NotFound",
                                                  "Requested setting not found");
      return;
    }

  value = g_variant_new_uint32 (portal->value);
  /* Read, the first version, gives the value in one more variant */
  if (g_str_equal (method, "Read"))
    value = g_variant_new_variant (value);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(v)", value));
}

static const GDBusInterfaceVTable portal_vtable = { portal_method_call_cb, NULL, NULL, { 0 } };

static void
portal_name_acquired_cb (GDBusConnection *connection,
                         const char      *name,
                         gpointer         user_data)
{
  FakePortal *portal = user_data;

  g_mutex_lock (&portal->mutex);
  portal->ready = TRUE;
  g_cond_signal (&portal->cond);
  g_mutex_unlock (&portal->mutex);
}

static gpointer
portal_thread (gpointer data)
{
  FakePortal *portal = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, &error);
  g_autofree char *address = NULL;

  g_assert_no_error (error);
  g_main_context_push_thread_default (portal->context);

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  portal->connection = g_dbus_connection_new_for_address_sync (address,
                                                               G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                               G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                               NULL, NULL, &error);
  g_assert_no_error (error);
  portal->object_id = g_dbus_connection_register_object (portal->connection, PORTAL_PATH, info->interfaces[0],
                                                         &portal_vtable, portal, NULL, &error);
  g_assert_no_error (error);
  portal->owner_id = g_bus_own_name_on_connection (portal->connection, PORTAL_BUS_NAME,
                                                   G_BUS_NAME_OWNER_FLAGS_NONE,
                                                   portal_name_acquired_cb, NULL, portal, NULL);

  g_main_loop_run (portal->loop);

  g_bus_unown_name (portal->owner_id);
  g_dbus_connection_unregister_object (portal->connection, portal->object_id);
  g_dbus_connection_flush_sync (portal->connection, NULL, NULL);
  g_dbus_connection_close_sync (portal->connection, NULL, NULL);
  g_clear_object (&portal->connection);
  g_main_context_pop_thread_default (portal->context);
  return NULL;
}

static FakePortal *
fake_portal_start (guint    version,
                   gboolean has_key,
                   guint32  value)
{
  FakePortal *portal = g_new0 (FakePortal, 1);

  portal->version = version;
  portal->has_key = has_key;
  portal->value = value;
  portal->context = g_main_context_new ();
  portal->loop = g_main_loop_new (portal->context, FALSE);
  g_mutex_init (&portal->mutex);
  g_cond_init (&portal->cond);
  portal->thread = g_thread_new ("fake-portal", portal_thread, portal);

  g_mutex_lock (&portal->mutex);
  while (!portal->ready)
    g_cond_wait (&portal->cond, &portal->mutex);
  g_mutex_unlock (&portal->mutex);
  return portal;
}

typedef struct
{
  FakePortal *portal;
  guint32     value;
} Emission;

static gboolean
emit_changed_cb (gpointer data)
{
  Emission *emission = data;
  g_autoptr(GError) error = NULL;

  emission->portal->value = emission->value;
  g_dbus_connection_emit_signal (emission->portal->connection, NULL, PORTAL_PATH,
                                 "org.freedesktop.portal.Settings", "SettingChanged",
                                 g_variant_new ("(ssv)", "org.freedesktop.appearance", "color-scheme",
                                                g_variant_new_uint32 (emission->value)),
                                 &error);
  g_assert_no_error (error);
  g_free (emission);
  return G_SOURCE_REMOVE;
}

/* As the desktop does when the user flips its style switch */
static void
fake_portal_change (FakePortal *portal,
                    guint32     value)
{
  Emission *emission = g_new0 (Emission, 1);

  emission->portal = portal;
  emission->value = value;
  g_main_context_invoke (portal->context, emit_changed_cb, emission);
}

static void
fake_portal_stop (FakePortal *portal)
{
  g_main_loop_quit (portal->loop);
  g_thread_join (portal->thread);
  g_main_loop_unref (portal->loop);
  g_main_context_unref (portal->context);
  g_mutex_clear (&portal->mutex);
  g_cond_clear (&portal->cond);
  g_free (portal->last_method);
  g_free (portal);
}

static GDBusConnection *
get_bus (void)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);

  if (bus == NULL)
    g_error ("No private session bus: %s", error->message);
  return bus;
}

/* GNOME's key, from the gsettings-desktop-schemas package, on the memory
 * backend the tests use */
static GSettings *
get_interface_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettings *settings;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "color-scheme"))
    g_error ("org.gnome.desktop.interface with its color-scheme key is not installed: "
             "install the Debian package gsettings-desktop-schemas");

  settings = g_settings_new ("org.gnome.desktop.interface");
  g_settings_reset (settings, "color-scheme");
  return settings;
}

static gboolean
scheme_is (gpointer data)
{
  gpointer *args = data;

  return cp_desktop_style_get_color_scheme (args[0]) == GPOINTER_TO_INT (args[1]);
}

static void
wait_for_scheme (CpDesktopStyle *style,
                 CpColorScheme   scheme)
{
  gpointer args[2] = { style, GINT_TO_POINTER (scheme) };

  cp_test_wait_until (scheme_is, args, "the color scheme the portal sent");
  g_assert_cmpint (cp_desktop_style_get_color_scheme (style), ==, scheme);
}

static void
test_portal_read_one (void)
{
  g_autoptr(GDBusConnection) bus = get_bus ();
  g_autoptr(GSettings) interface = get_interface_settings ();
  FakePortal *portal = fake_portal_start (2, TRUE, 1);
  CpDesktopStyle *style;

  /* GNOME's key says light: the portal speaks for the desktop */
  g_settings_set_string (interface, "color-scheme", "prefer-light");
  style = cp_desktop_style_new (bus, interface);
  g_assert_cmpint (cp_desktop_style_get_color_scheme (style), ==, CP_COLOR_SCHEME_PREFER_DARK);
  g_assert_cmpstr (cp_desktop_style_get_source (style), ==, "portal");
  g_assert_cmpstr (portal->last_method, ==, "ReadOne");
  g_assert_cmpuint (portal->n_calls, ==, 1);

  /* and a change of GNOME's key alone does not overrule it */
  g_settings_set_string (interface, "color-scheme", "default");
  g_assert_cmpint (cp_desktop_style_get_color_scheme (style), ==, CP_COLOR_SCHEME_PREFER_DARK);

  g_assert_finalize_object (style);
  fake_portal_stop (portal);
}

static void
test_portal_read_version_1 (void)
{
  g_autoptr(GDBusConnection) bus = get_bus ();
  FakePortal *portal = fake_portal_start (1, TRUE, 2);
  CpDesktopStyle *style = cp_desktop_style_new (bus, NULL);

  /* ReadOne is refused, Read answers with its doubled variant */
  g_assert_cmpint (cp_desktop_style_get_color_scheme (style), ==, CP_COLOR_SCHEME_PREFER_LIGHT);
  g_assert_cmpstr (cp_desktop_style_get_source (style), ==, "portal");
  g_assert_cmpstr (portal->last_method, ==, "Read");
  g_assert_cmpuint (portal->n_calls, ==, 2);

  g_assert_finalize_object (style);
  fake_portal_stop (portal);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_portal_changed (void)
{
  g_autoptr(GDBusConnection) bus = get_bus ();
  FakePortal *portal = fake_portal_start (2, TRUE, 0);
  CpDesktopStyle *style = cp_desktop_style_new (bus, NULL);
  guint n_notify = 0;

  g_assert_cmpint (cp_desktop_style_get_color_scheme (style), ==, CP_COLOR_SCHEME_DEFAULT);
  g_signal_connect (style, "notify::color-scheme", G_CALLBACK (count_notify_cb), &n_notify);

  fake_portal_change (portal, 1);
  wait_for_scheme (style, CP_COLOR_SCHEME_PREFER_DARK);
  g_assert_cmpuint (n_notify, ==, 1);

  fake_portal_change (portal, 2);
  wait_for_scheme (style, CP_COLOR_SCHEME_PREFER_LIGHT);
  g_assert_cmpuint (n_notify, ==, 2);

  /* A value the portal does not define counts as no preference */
  fake_portal_change (portal, 7);
  wait_for_scheme (style, CP_COLOR_SCHEME_DEFAULT);
  g_assert_cmpuint (n_notify, ==, 3);

  g_assert_finalize_object (style);
  fake_portal_stop (portal);
}

static void
test_no_portal (void)
{
  g_autoptr(GDBusConnection) bus = get_bus ();
  g_autoptr(GSettings) interface = get_interface_settings ();
  CpDesktopStyle *style;
  CpDesktopStyle *bare;

  /* No portal on this bus: GNOME's key, followed as it changes */
  g_settings_set_string (interface, "color-scheme", "prefer-dark");
  style = cp_desktop_style_new (bus, interface);
  g_assert_cmpint (cp_desktop_style_get_color_scheme (style), ==, CP_COLOR_SCHEME_PREFER_DARK);
  g_assert_cmpstr (cp_desktop_style_get_source (style), ==, "gsettings");

  g_settings_set_string (interface, "color-scheme", "default");
  g_assert_cmpint (cp_desktop_style_get_color_scheme (style), ==, CP_COLOR_SCHEME_DEFAULT);
  g_settings_set_string (interface, "color-scheme", "prefer-light");
  g_assert_cmpint (cp_desktop_style_get_color_scheme (style), ==, CP_COLOR_SCHEME_PREFER_LIGHT);

  /* Neither: nothing is known, and GTK's own setting is kept */
  bare = cp_desktop_style_new (bus, NULL);
  g_assert_cmpint (cp_desktop_style_get_color_scheme (bare), ==, CP_COLOR_SCHEME_UNKNOWN);
  g_assert_null (cp_desktop_style_get_source (bare));
  g_assert_finalize_object (bare);

  /* and without a bus at all */
  bare = cp_desktop_style_new (NULL, NULL);
  g_assert_cmpint (cp_desktop_style_get_color_scheme (bare), ==, CP_COLOR_SCHEME_UNKNOWN);
  g_assert_finalize_object (bare);

  g_assert_finalize_object (style);
}

static void
test_portal_without_key (void)
{
  g_autoptr(GDBusConnection) bus = get_bus ();
  g_autoptr(GSettings) interface = get_interface_settings ();
  FakePortal *portal = fake_portal_start (2, FALSE, 0);
  CpDesktopStyle *style;

  /* A portal without the appearance namespace: GNOME's key */
  g_settings_set_string (interface, "color-scheme", "prefer-dark");
  style = cp_desktop_style_new (bus, interface);
  g_assert_cmpint (cp_desktop_style_get_color_scheme (style), ==, CP_COLOR_SCHEME_PREFER_DARK);
  g_assert_cmpstr (cp_desktop_style_get_source (style), ==, "gsettings");
  g_assert_cmpuint (portal->n_calls, ==, 1);

  /* until the portal itself says something: then it speaks for the desktop */
  fake_portal_change (portal, 2);
  wait_for_scheme (style, CP_COLOR_SCHEME_PREFER_LIGHT);
  g_assert_cmpstr (cp_desktop_style_get_source (style), ==, "portal");
  g_settings_set_string (interface, "color-scheme", "prefer-dark");
  g_assert_cmpint (cp_desktop_style_get_color_scheme (style), ==, CP_COLOR_SCHEME_PREFER_LIGHT);

  g_assert_finalize_object (style);
  fake_portal_stop (portal);
}

static void
test_resolve (void)
{
  /* The app's own choice wins */
  g_assert_true (cp_desktop_style_resolve_dark ("dark", CP_COLOR_SCHEME_PREFER_LIGHT, FALSE));
  g_assert_false (cp_desktop_style_resolve_dark ("light", CP_COLOR_SCHEME_PREFER_DARK, TRUE));

  /* "Follow the system": the desktop's preference */
  g_assert_true (cp_desktop_style_resolve_dark ("system", CP_COLOR_SCHEME_PREFER_DARK, FALSE));
  g_assert_false (cp_desktop_style_resolve_dark ("system", CP_COLOR_SCHEME_PREFER_LIGHT, TRUE));
  g_assert_false (cp_desktop_style_resolve_dark ("system", CP_COLOR_SCHEME_DEFAULT, TRUE));

  /* and when nothing says, GTK's own setting (settings.ini, XSETTINGS) */
  g_assert_true (cp_desktop_style_resolve_dark ("system", CP_COLOR_SCHEME_UNKNOWN, TRUE));
  g_assert_false (cp_desktop_style_resolve_dark ("system", CP_COLOR_SCHEME_UNKNOWN, FALSE));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTestDBus) bus = NULL;
  g_autofree char *dbus_daemon = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  dbus_daemon = g_find_program_in_path ("dbus-daemon");
  if (dbus_daemon == NULL)
    g_error ("dbus-daemon is not installed: install the Debian package dbus");
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

  g_test_add_func ("/app/desktop-style/portal-read-one", test_portal_read_one);
  g_test_add_func ("/app/desktop-style/portal-read-version-1", test_portal_read_version_1);
  g_test_add_func ("/app/desktop-style/portal-changed", test_portal_changed);
  g_test_add_func ("/app/desktop-style/portal-without-key", test_portal_without_key);
  g_test_add_func ("/app/desktop-style/no-portal", test_no_portal);
  g_test_add_func ("/app/desktop-style/resolve", test_resolve);

  status = g_test_run ();
  g_test_dbus_down (bus);
  return status;
}
