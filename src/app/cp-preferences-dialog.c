/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-gtk-utils.h"
#include "cp-preferences-dialog.h"

struct _CpPreferencesDialog
{
  GtkWindow parent_instance;

  GSettings *settings;

  GtkFontButton *font_button;
  GtkSpinButton *line_spacing_spin;
  GtkSwitch *wrap_switch;
  GtkSwitch *sync_scroll_switch;
  GtkSwitch *overview_rulers_switch;
  GtkDropDown *style_dropdown;
  GtkListBox *text_list;
  GtkListBox *reading_list;
  GtkListBox *appearance_list;
};

G_DEFINE_FINAL_TYPE (CpPreferencesDialog, cp_preferences_dialog, GTK_TYPE_WINDOW)

/* Positions in the style drop-down, in the order of its string list. */
static const char * const style_nicks[] = {
  "system",
  "light",
  "dark",
};

static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (style_nicks); i++)
    {
      if (g_str_equal (nick, style_nicks[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  /* Nothing selected (GTK_INVALID_LIST_POSITION): leave the key alone. */
  if (position >= G_N_ELEMENTS (style_nicks))
    return NULL;

  return g_variant_new_string (style_nicks[position]);
}

/* Clicking anywhere on a switch row flips its switch, as GNOME's
 * preferences rows do. Only switch rows are activatable.
 */
static void
row_activated_cb (GtkListBox    *list_box,
                  GtkListBoxRow *row,
                  gpointer       user_data)
{
  GtkWidget *box = gtk_list_box_row_get_child (row);
  GtkWidget *control = box != NULL ? gtk_widget_get_last_child (box) : NULL;

  if (GTK_IS_SWITCH (control))
    gtk_widget_activate (control);
}

static void
setup_list (GtkListBox *list)
{
  gtk_list_box_set_header_func (list, cp_list_box_separator_header, NULL, NULL);
  g_signal_connect (list, "row-activated", G_CALLBACK (row_activated_cb), NULL);
}

static void
cp_preferences_dialog_dispose (GObject *object)
{
  CpPreferencesDialog *self = CP_PREFERENCES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_PREFERENCES_DIALOG);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cp_preferences_dialog_parent_class)->dispose (object);
}

static void
cp_preferences_dialog_class_init (CpPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_preferences_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/counterpoint/Counterpoint/cp-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CpPreferencesDialog, font_button);
  gtk_widget_class_bind_template_child (widget_class, CpPreferencesDialog, line_spacing_spin);
  gtk_widget_class_bind_template_child (widget_class, CpPreferencesDialog, wrap_switch);
  gtk_widget_class_bind_template_child (widget_class, CpPreferencesDialog, sync_scroll_switch);
  gtk_widget_class_bind_template_child (widget_class, CpPreferencesDialog, overview_rulers_switch);
  gtk_widget_class_bind_template_child (widget_class, CpPreferencesDialog, style_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CpPreferencesDialog, text_list);
  gtk_widget_class_bind_template_child (widget_class, CpPreferencesDialog, reading_list);
  gtk_widget_class_bind_template_child (widget_class, CpPreferencesDialog, appearance_list);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cp_preferences_dialog_init (CpPreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Connected here rather than in the template so that
   * gtk4-builder-tool can validate the .ui on its own.
   */
  setup_list (self->text_list);
  setup_list (self->reading_list);
  setup_list (self->appearance_list);

  self->settings = g_settings_new (APP_ID);

  g_settings_bind (self->settings, "font",
                   self->font_button, "font",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "line-spacing",
                   self->line_spacing_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "wrap",
                   self->wrap_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sync-scroll",
                   self->sync_scroll_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "overview-rulers",
                   self->overview_rulers_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "style",
                                self->style_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                style_get_mapping,
                                style_set_mapping,
                                NULL, NULL);
}

/**
 * cp_preferences_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 *
 * Creates the preferences dialog, modal and transient for @parent. Every
 * control is bound to the application's GSettings, so changes apply at once.
 *
 * Returns: the new dialog
 */
GtkWidget *
cp_preferences_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CP_TYPE_PREFERENCES_DIALOG,
                       "transient-for", parent,
                       NULL);
}
