/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "cp-application.h"
#include "cp-comparison-file.h"
#include "cp-desktop-style.h"
#include "cp-import.h"
#include "cp-preferences-dialog.h"
#include "cp-topic-store.h"
#include "cp-window-private.h"

struct _CpApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
  CpDesktopStyle *desktop_style;
  gboolean        gtk_prefers_dark; /* GTK's own setting, before ours */
  CpTopicStore   *topic_store;
  GError         *topics_error;   /* to show in the first window */
  GtkWidget      *unsaved_dialog; /* (weak) asking what to do with topics not saved */
  gboolean        quit_unsaved;   /* the user chose to quit without them */

  /* What --new-window and --samples asked of the next activation or
   * opening: set by this process's options, or by those of another one
   * through the platform data of its call */
  gboolean        in_new_window;
  gboolean        with_samples;
};

enum
{
  RESPONSE_QUIT_UNSAVED = 1,
  RESPONSE_TRY_AGAIN,
};

G_DEFINE_FINAL_TYPE (CpApplication, cp_application, GTK_TYPE_APPLICATION)

#define WEBSITE "https://github.com/counterpoint/counterpoint"

/* The platform data's keys for --new-window and --samples */
#define NEW_WINDOW_KEY "counterpoint-new-window"
#define SAMPLES_KEY "counterpoint-samples"

static CpWindow *
get_window (CpApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->in_new_window)
    window = NULL;
  if (window == NULL)
    {
      window = GTK_WINDOW (cp_window_new (self));
      if (self->topics_error != NULL)
        {
          cp_window_add_error (CP_WINDOW (window), self->topics_error->message);
          g_clear_error (&self->topics_error);
        }
    }
  return CP_WINDOW (window);
}

static void
topics_save_failed_cb (CpApplication *self,
                       GError        *error,
                       CpTopicStore  *store)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_message ("%s", error->message);
  if (CP_IS_WINDOW (window))
    cp_window_add_error (CP_WINDOW (window), error->message);
}

/* The user's topics live in $XDG_DATA_HOME/counterpoint/topics.topics */
static void
load_topics (CpApplication *self)
{
  g_autoptr(GFile) file = g_file_new_build_filename (g_get_user_data_dir (), "counterpoint", "topics.topics", NULL);

  self->topic_store = cp_topic_store_new (file);
  g_signal_connect_object (self->topic_store, "save-failed",
                           G_CALLBACK (topics_save_failed_cb), self,
                           G_CONNECT_SWAPPED);
  if (!cp_topic_store_load (self->topic_store, &self->topics_error))
    g_message ("%s", self->topics_error->message);
}

static void
cp_application_activate (GApplication *app)
{
  CpApplication *self = CP_APPLICATION (app);
  CpWindow *window = get_window (self);

  if (self->with_samples)
    cp_window_open_samples (window);
  self->in_new_window = self->with_samples = FALSE;
  gtk_window_present (GTK_WINDOW (window));
}

static void
cp_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CpApplication *self = CP_APPLICATION (app);
  CpWindow *window = get_window (self);
  g_autoptr(GPtrArray) all = NULL;
  gboolean only_comparisons = TRUE;

  for (int i = 0; i < n_files; i++)
    if (!cp_comparison_file_is_comparison (files[i]))
      only_comparisons = FALSE;

  /* --samples: the samples first, then the files, in one window */
  if (self->with_samples)
    {
      all = cp_application_list_samples ();
      if (all->len == 0)
        cp_window_open_samples (window); /* to say they are not installed */
      only_comparisons = FALSE;
    }
  else
    all = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (all, g_object_ref (files[i]));
  self->in_new_window = self->with_samples = FALSE;

  cp_window_open_files (window, (GFile **) all->pdata, all->len);
  /* A comparison file opens in a window of its own, which takes the place
   * of a new, blank one: that one shows only to say the file could not
   * be read */
  if (!only_comparisons || gtk_widget_get_visible (GTK_WIDGET (window)))
    gtk_window_present (GTK_WINDOW (window));
}

/* Light, dark, or what the desktop prefers: the settings portal, GNOME's
 * key, or else GTK's own setting (cp-desktop-style.c) */
static void
update_style (CpApplication *self)
{
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  g_autofree char *style = g_settings_get_string (self->settings, "style");
  gboolean dark;

  if (gtk_settings == NULL)
    return;

  dark = cp_desktop_style_resolve_dark (style,
                                        cp_desktop_style_get_color_scheme (self->desktop_style),
                                        self->gtk_prefers_dark);
  g_object_set (gtk_settings, "gtk-application-prefer-dark-theme", dark, NULL);
}

static void
style_changed_cb (CpApplication *self)
{
  update_style (self);
}

static void
cp_application_startup (GApplication *app)
{
  CpApplication *self = CP_APPLICATION (app);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) interface_schema = NULL;
  g_autoptr(GSettings) interface_settings = NULL;
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control><Shift>n", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *sidebar_accels[] = { "F9", NULL };

  G_APPLICATION_CLASS (cp_application_parent_class)->startup (app);

  load_topics (self);

  gtk_window_set_default_icon_name (APP_ID);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_PREFIX "/icons");

  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  self->settings = g_settings_new (APP_ID);
  if (source != NULL &&
      (interface_schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE)) != NULL &&
      g_settings_schema_has_key (interface_schema, "color-scheme"))
    interface_settings = g_settings_new ("org.gnome.desktop.interface");
  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &self->gtk_prefers_dark, NULL);
  self->desktop_style = cp_desktop_style_new (g_application_get_dbus_connection (app), interface_settings);
  g_signal_connect_object (self->desktop_style, "notify::color-scheme",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::style",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  update_style (self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.sidebar-visible", sidebar_accels);
}

static void
quit_now (CpApplication *self)
{
  GtkApplication *application = GTK_APPLICATION (self);
  GList *windows = g_list_copy_deep (gtk_application_get_windows (application), (GCopyFunc) g_object_ref, NULL);

  /* Closing one window may take others (its dialogs) with it */
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (g_list_find (gtk_application_get_windows (application), l->data) != NULL)
        gtk_window_close (l->data);
    }
  g_list_free_full (windows, g_object_unref);

  /* A window whose comparison is not saved asks first, and stays */
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (CP_IS_WINDOW (l->data))
      return;

  g_application_quit (G_APPLICATION (self));
}

static void
unsaved_dialog_response_cb (CpApplication *self,
                            int            response,
                            GtkDialog     *dialog)
{
  g_autoptr(GtkWindow) parent = NULL;

  /* The dialog lets go of its window first: quitting destroys that
   * window before the dialog is finalized, which would then touch it */
  g_set_object (&parent, gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  g_clear_weak_pointer (&self->unsaved_dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));

  switch (response)
    {
    case RESPONSE_QUIT_UNSAVED:
      self->quit_unsaved = TRUE;
      quit_now (self);
      break;

    case RESPONSE_TRY_AGAIN:
      if (cp_application_confirm_quit (self, parent))
        quit_now (self);
      break;

    default:
      break;
    }
}

static void
show_unsaved_dialog (CpApplication *self,
                     GtkWindow     *parent,
                     const GError  *error)
{
  GtkWidget *dialog;
  GtkWidget *button;

  if (self->unsaved_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->unsaved_dialog));

  /* GTK 4.8 has no GtkAlertDialog: a GtkMessageDialog is its alert */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  dialog = gtk_message_dialog_new (parent,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                   "%s", _("Your Topics Are Not Saved"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            /* Translators: %s says why the save failed */
                                            _("%s\n\nIf you quit now, the changes made to your topics since "
                                              "they were last saved are lost. Make room on the disk or fix "
                                              "the file, then try again."),
                                            error->message);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Quit Without Saving"), RESPONSE_QUIT_UNSAVED);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Try Again"), RESPONSE_TRY_AGAIN);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), RESPONSE_TRY_AGAIN);
  G_GNUC_END_IGNORE_DEPRECATIONS

  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->unsaved_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * cp_application_confirm_quit:
 * @self: a #CpApplication
 * @parent: (nullable): the window the user is quitting from
 *
 * Saves the user's topics if a change to them is not saved yet (an
 * automatic save failed: the disk was full, the folder read-only). When
 * that fails too, a dialog over @parent says why and offers to try again,
 * to quit without saving or to stay; it quits by itself when the user
 * chooses so.
 *
 * Returns: %TRUE when the application may quit now
 */
gboolean
cp_application_confirm_quit (CpApplication *self,
                             GtkWindow     *parent)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CP_IS_APPLICATION (self), TRUE);

  if (self->quit_unsaved || self->topic_store == NULL
      || cp_topic_store_flush (self->topic_store, &error))
    return TRUE;

  show_unsaved_dialog (self, parent, error);
  return FALSE;
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CpApplication *self = user_data;

  /* Each window with a comparison to save asks about it and stays; the
   * others close, and the application quits with the last */
  if (cp_application_confirm_quit (self, gtk_application_get_active_window (GTK_APPLICATION (self))))
    quit_now (self);
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  const char *developers[] = { _("The Counterpoint developers"), NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_about_dialog (window,
                         "program-name", _("Counterpoint"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "copyright", _("© 2026 The Counterpoint developers"),
                         "comments", _("Read several reviews side by side and see the topics they share"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", WEBSITE,
                         "authors", developers,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (cp_preferences_dialog_new (window)));
}

static void
new_window_action_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  CpApplication *self = user_data;

  self->in_new_window = TRUE;
  g_application_activate (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_action_cb },
  { "quit", quit_action_cb },
  { "about", about_action_cb },
  { "preferences", preferences_action_cb },
};

static void
cp_application_shutdown (GApplication *app)
{
  CpApplication *self = CP_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  /* The last chance: quitting from the window has asked the user already,
   * but the session may end the application without a window closed */
  if (!self->quit_unsaved && self->topic_store != NULL && !cp_topic_store_flush (self->topic_store, &error))
    g_warning ("%s", error->message);

  G_APPLICATION_CLASS (cp_application_parent_class)->shutdown (app);
}

/* --version is answered by the process the user started, before it
 * registers on the session bus or opens a display. --new-window and
 * --samples are kept for the activation or the opening that follows: this
 * process's own when it is the first, else the running one's, which finds
 * them in the call's platform data. */
static int
cp_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CpApplication *self = CP_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "counterpoint", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  self->in_new_window = g_variant_dict_contains (options, "new-window");
  self->with_samples = g_variant_dict_contains (options, "samples");

  return -1;
}

static void
cp_application_add_platform_data (GApplication    *app,
                                  GVariantBuilder *builder)
{
  CpApplication *self = CP_APPLICATION (app);

  G_APPLICATION_CLASS (cp_application_parent_class)->add_platform_data (app, builder);

  if (self->in_new_window)
    g_variant_builder_add (builder, "{sv}", NEW_WINDOW_KEY, g_variant_new_boolean (TRUE));
  if (self->with_samples)
    g_variant_builder_add (builder, "{sv}", SAMPLES_KEY, g_variant_new_boolean (TRUE));
}

static void
cp_application_before_emit (GApplication *app,
                            GVariant     *platform_data)
{
  CpApplication *self = CP_APPLICATION (app);
  gboolean value;

  G_APPLICATION_CLASS (cp_application_parent_class)->before_emit (app, platform_data);

  self->in_new_window = g_variant_lookup (platform_data, NEW_WINDOW_KEY, "b", &value) && value;
  self->with_samples = g_variant_lookup (platform_data, SAMPLES_KEY, "b", &value) && value;
}

static void
cp_application_after_emit (GApplication *app,
                           GVariant     *platform_data)
{
  CpApplication *self = CP_APPLICATION (app);

  /* An action activated from outside leaves nothing for the next call */
  self->in_new_window = self->with_samples = FALSE;

  G_APPLICATION_CLASS (cp_application_parent_class)->after_emit (app, platform_data);
}

static void
cp_application_dispose (GObject *object)
{
  CpApplication *self = CP_APPLICATION (object);

  g_clear_object (&self->topic_store);
  g_clear_error (&self->topics_error);
  g_clear_weak_pointer (&self->unsaved_dialog);
  g_clear_object (&self->settings);
  g_clear_object (&self->desktop_style);

  G_OBJECT_CLASS (cp_application_parent_class)->dispose (object);
}

static void
cp_application_class_init (CpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cp_application_dispose;
  app_class->handle_local_options = cp_application_handle_local_options;
  app_class->add_platform_data = cp_application_add_platform_data;
  app_class->before_emit = cp_application_before_emit;
  app_class->after_emit = cp_application_after_emit;
  app_class->activate = cp_application_activate;
  app_class->open = cp_application_open;
  app_class->startup = cp_application_startup;
  app_class->shutdown = cp_application_shutdown;

  /* Web pages, PDFs and documents open like text files */
  cp_import_register_all ();
}

static const GOptionEntry option_entries[] = {
  { "new-window", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL, N_("Open a new window, also when Counterpoint is already running"), NULL },
  { "samples", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL, N_("Open the sample reviews"), NULL },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

static void
cp_application_init (CpApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  /* Translators: the arguments in "counterpoint --help"'s usage line */
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Read several reviews side by side and see the topics they share."));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                _("Each FILE opens in a pane of its own; a folder opens the reviews in it. "
                                                  "When Counterpoint is already running, the files open in its window."));
}

CpApplication *
cp_application_new (void)
{
  return g_object_new (CP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/**
 * cp_application_list_samples:
 *
 * The bundled sample reviews: from $COUNTERPOINT_DATADIR/samples when set
 * (an uninstalled build), else from the installed data directory.
 *
 * Returns: (transfer full) (element-type GFile): the sample files, sorted
 */
GPtrArray *
cp_application_list_samples (void)
{
  const char *datadir = g_getenv ("COUNTERPOINT_DATADIR");
  g_autofree char *dir = g_build_filename (datadir ? datadir : PKGDATADIR, "samples", NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  const char *name;

  if (gdir == NULL)
    return files;

  while ((name = g_dir_read_name (gdir)))
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (files, g_file_new_build_filename (dir, names->pdata[i], NULL));

  return files;
}

/**
 * cp_application_get_topics:
 * @self: (nullable): a #CpApplication, or %NULL for the default application
 *
 * The user's own topics, shared by every window, saved on every change.
 *
 * Returns: (transfer none) (nullable): the topics, or %NULL before the
 *   application started up (or when the default application is not one)
 */
CpTopicSet *
cp_application_get_topics (CpApplication *self)
{
  if (self == NULL)
    {
      GApplication *app = g_application_get_default ();

      if (!CP_IS_APPLICATION (app))
        return NULL;
      self = CP_APPLICATION (app);
    }

  g_return_val_if_fail (CP_IS_APPLICATION (self), NULL);

  return self->topic_store != NULL ? cp_topic_store_get_topics (self->topic_store) : NULL;
}
