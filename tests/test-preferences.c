/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include "cp-preferences-dialog.h"
#include "cp-test-gtk-utils.h"

typedef struct
{
  GSettings *settings;
  GtkWidget *dialog;
} Fixture;

static gpointer
get_control (GtkWidget  *dialog,
             const char *name)
{
  GObject *control = gtk_widget_get_template_child (dialog,
                                                    CP_TYPE_PREFERENCES_DIALOG,
                                                    name);

  g_assert_nonnull (control);
  return control;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->settings = g_settings_new (APP_ID);
  fixture->dialog = cp_preferences_dialog_new (NULL);
  g_object_ref_sink (fixture->dialog);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  g_assert_finalize_object (fixture->dialog);

  /* The memory backend is shared by the whole process: put the keys back
   * so that every test starts from the schema's defaults.
   */
  g_settings_reset (fixture->settings, "font");
  g_settings_reset (fixture->settings, "line-spacing");
  g_settings_reset (fixture->settings, "wrap");
  g_settings_reset (fixture->settings, "sync-scroll");
  g_settings_reset (fixture->settings, "overview-rulers");
  g_settings_reset (fixture->settings, "style");
  g_clear_object (&fixture->settings);
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  user_data)
{
  GtkWindow *window = GTK_WINDOW (fixture->dialog);
  g_autofree char *font = NULL;

  g_assert_cmpstr (gtk_window_get_title (window), ==, "Preferences");
  g_assert_true (gtk_window_get_modal (window));

  font = gtk_font_chooser_get_font (get_control (fixture->dialog, "font_button"));
  g_assert_cmpstr (font, ==, "Serif 12");
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (get_control (fixture->dialog, "line_spacing_spin")),
                                  1.4, 1e-9);
  g_assert_true (gtk_switch_get_active (get_control (fixture->dialog, "wrap_switch")));
  g_assert_true (gtk_switch_get_active (get_control (fixture->dialog, "sync_scroll_switch")));
  g_assert_true (gtk_switch_get_active (get_control (fixture->dialog, "overview_rulers_switch")));
  g_assert_cmpuint (gtk_drop_down_get_selected (get_control (fixture->dialog, "style_dropdown")), ==, 0);
}

static void
test_transient (void)
{
  GtkWidget *parent = gtk_window_new ();
  GtkWidget *dialog = cp_preferences_dialog_new (GTK_WINDOW (parent));

  g_object_ref_sink (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (parent));
  g_assert_true (gtk_window_get_destroy_with_parent (GTK_WINDOW (dialog)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
  gtk_window_destroy (GTK_WINDOW (parent));
}

static void
test_settings_to_controls (Fixture       *fixture,
                           gconstpointer  user_data)
{
  GtkDropDown *style = get_control (fixture->dialog, "style_dropdown");
  GtkSpinButton *spin = get_control (fixture->dialog, "line_spacing_spin");
  g_autofree char *font = NULL;

  g_settings_set_string (fixture->settings, "font", "Sans Bold 15");
  font = gtk_font_chooser_get_font (get_control (fixture->dialog, "font_button"));
  g_assert_cmpstr (font, ==, "Sans Bold 15");

  g_settings_set_double (fixture->settings, "line-spacing", 2.0);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), 2.0, 1e-9);

  g_settings_set_boolean (fixture->settings, "wrap", FALSE);
  g_assert_false (gtk_switch_get_active (get_control (fixture->dialog, "wrap_switch")));

  g_settings_set_boolean (fixture->settings, "sync-scroll", FALSE);
  g_assert_false (gtk_switch_get_active (get_control (fixture->dialog, "sync_scroll_switch")));

  g_settings_set_boolean (fixture->settings, "overview-rulers", FALSE);
  g_assert_false (gtk_switch_get_active (get_control (fixture->dialog, "overview_rulers_switch")));

  g_settings_set_string (fixture->settings, "style", "dark");
  g_assert_cmpuint (gtk_drop_down_get_selected (style), ==, 2);
  g_settings_set_string (fixture->settings, "style", "light");
  g_assert_cmpuint (gtk_drop_down_get_selected (style), ==, 1);
  g_settings_set_string (fixture->settings, "style", "system");
  g_assert_cmpuint (gtk_drop_down_get_selected (style), ==, 0);
}

static void
test_controls_to_settings (Fixture       *fixture,
                           gconstpointer  user_data)
{
  GtkDropDown *style = get_control (fixture->dialog, "style_dropdown");
  GtkSpinButton *spin = get_control (fixture->dialog, "line_spacing_spin");
  g_autofree char *font = NULL;
  g_autofree char *nick = NULL;

  gtk_font_chooser_set_font (get_control (fixture->dialog, "font_button"), "Monospace 11");
  font = g_settings_get_string (fixture->settings, "font");
  g_assert_cmpstr (font, ==, "Monospace 11");

  gtk_spin_button_set_value (spin, 1.7);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (fixture->settings, "line-spacing"), 1.7, 1e-9);

  /* The spin button keeps to the key's range. */
  gtk_spin_button_set_value (spin, 9.0);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (fixture->settings, "line-spacing"), 2.5, 1e-9);

  gtk_switch_set_active (get_control (fixture->dialog, "wrap_switch"), FALSE);
  g_assert_false (g_settings_get_boolean (fixture->settings, "wrap"));

  gtk_switch_set_active (get_control (fixture->dialog, "sync_scroll_switch"), FALSE);
  g_assert_false (g_settings_get_boolean (fixture->settings, "sync-scroll"));

  gtk_switch_set_active (get_control (fixture->dialog, "overview_rulers_switch"), FALSE);
  g_assert_false (g_settings_get_boolean (fixture->settings, "overview-rulers"));
  gtk_switch_set_active (get_control (fixture->dialog, "overview_rulers_switch"), TRUE);
  g_assert_true (g_settings_get_boolean (fixture->settings, "overview-rulers"));

  gtk_drop_down_set_selected (style, 2);
  nick = g_settings_get_string (fixture->settings, "style");
  g_assert_cmpstr (nick, ==, "dark");
  g_assert_cmpint (g_settings_get_enum (fixture->settings, "style"), ==, 2);
  g_clear_pointer (&nick, g_free);

  gtk_drop_down_set_selected (style, 1);
  nick = g_settings_get_string (fixture->settings, "style");
  g_assert_cmpstr (nick, ==, "light");
  g_clear_pointer (&nick, g_free);

  /* Nothing selected leaves the key as it was. */
  gtk_drop_down_set_selected (style, GTK_INVALID_LIST_POSITION);
  nick = g_settings_get_string (fixture->settings, "style");
  g_assert_cmpstr (nick, ==, "light");
  g_clear_pointer (&nick, g_free);

  gtk_drop_down_set_selected (style, 0);
  nick = g_settings_get_string (fixture->settings, "style");
  g_assert_cmpstr (nick, ==, "system");
}

typedef struct
{
  GtkSwitch *switch_;
  gboolean   active;
} SwitchState;

static gboolean
switch_is (gpointer user_data)
{
  SwitchState *state = user_data;

  return gtk_switch_get_active (state->switch_) == state->active;
}

/* GtkSwitch flips at the end of its toggle animation, a few frames later. */
static void
wait_for_switch (GtkSwitch *switch_,
                 gboolean   active)
{
  SwitchState state = { switch_, active };

  cp_test_wait_until (switch_is, &state, active ? "the switch to turn on" : "the switch to turn off");
}

static void
test_row_activation (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkWidget *wrap_switch = get_control (fixture->dialog, "wrap_switch");
  GtkWidget *row = gtk_widget_get_ancestor (wrap_switch, GTK_TYPE_LIST_BOX_ROW);
  GtkWidget *style_row = gtk_widget_get_ancestor (get_control (fixture->dialog, "style_dropdown"),
                                                  GTK_TYPE_LIST_BOX_ROW);

  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (style_row)));

  gtk_window_present (GTK_WINDOW (fixture->dialog));

  /* Activating a switch row flips its switch, and so the setting. */
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  wait_for_switch (GTK_SWITCH (wrap_switch), FALSE);
  g_assert_false (g_settings_get_boolean (fixture->settings, "wrap"));

  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  wait_for_switch (GTK_SWITCH (wrap_switch), TRUE);
  g_assert_true (g_settings_get_boolean (fixture->settings, "wrap"));
}

static void
test_accessible_labels (Fixture       *fixture,
                        gconstpointer  user_data)
{
  static const char * const controls[] = {
    "font_button",
    "line_spacing_spin",
    "wrap_switch",
    "sync_scroll_switch",
    "overview_rulers_switch",
    "style_dropdown",
  };

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      GtkWidget *control = get_control (fixture->dialog, controls[i]);
      GtkWidget *row = gtk_widget_get_ancestor (control, GTK_TYPE_LIST_BOX_ROW);
      GtkWidget *label = gtk_widget_get_first_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));

      g_assert_true (GTK_IS_LABEL (label));
      g_assert_true (gtk_label_get_mnemonic_widget (GTK_LABEL (label)) == control);
      g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (control),
                                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY));
      gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (control),
                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                           label, NULL);
    }
}

static void
test_escape_closes (void)
{
  GtkWidget *dialog = cp_preferences_dialog_new (NULL);
  g_autoptr(GtkShortcut) escape = NULL;
  GtkShortcutAction *action;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  /* The class binding lives in the widget's shortcut controller. */
  escape = cp_test_find_shortcut (dialog, GDK_KEY_Escape, 0);
  g_assert_nonnull (escape);
  action = gtk_shortcut_get_action (escape);
  g_assert_true (GTK_IS_NAMED_ACTION (action));
  g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==, "window.close");

  /* What Escape runs: closing destroys the dialog. */
  g_assert_true (gtk_widget_activate_action (dialog, "window.close", NULL));
  cp_test_drain_main_context ();
  g_assert_null (dialog);
}

static void
test_help_overlay (void)
{
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/counterpoint/Counterpoint/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  /* The accessible-labels test reads the relations back, which needs GTK's
   * in-process test accessibility backend rather than none at all.
   */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/preferences/transient", test_transient);
  g_test_add ("/app/preferences/defaults", Fixture, NULL,
              fixture_set_up, test_defaults, fixture_tear_down);
  g_test_add ("/app/preferences/settings-to-controls", Fixture, NULL,
              fixture_set_up, test_settings_to_controls, fixture_tear_down);
  g_test_add ("/app/preferences/controls-to-settings", Fixture, NULL,
              fixture_set_up, test_controls_to_settings, fixture_tear_down);
  g_test_add ("/app/preferences/row-activation", Fixture, NULL,
              fixture_set_up, test_row_activation, fixture_tear_down);
  g_test_add ("/app/preferences/accessible-labels", Fixture, NULL,
              fixture_set_up, test_accessible_labels, fixture_tear_down);
  g_test_add_func ("/app/preferences/escape-closes", test_escape_closes);
  g_test_add_func ("/app/preferences/help-overlay", test_help_overlay);

  return g_test_run ();
}
