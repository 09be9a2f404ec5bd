/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The application's command line and its New Window: counterpoint --help,
 * --samples in the first instance, app.new-window, and the built program
 * started again while this test's application runs, as a desktop's
 * actions start it (counterpoint --new-window, --samples, both, and with a
 * file).
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "cp-application.h"
#include "cp-window-private.h"
#include "cp-test-gtk-utils.h"

/* The running instance of the tests after the first, unique on the
 * test's own session bus: made once the first test's is gone */
static CpApplication *application;

static GtkApplication *
get_application (void)
{
  g_autoptr(GError) error = NULL;

  if (application == NULL)
    {
      application = cp_application_new ();
      g_application_register (G_APPLICATION (application), NULL, &error);
      g_assert_no_error (error);
      g_assert_false (g_application_get_is_remote (G_APPLICATION (application)));
    }
  return GTK_APPLICATION (application);
}

/* {{{ Helpers */

static const char *
app_path (void)
{
  const char *path = g_getenv ("COUNTERPOINT_APP");

  if (path == NULL)
    g_error ("COUNTERPOINT_APP is not set: run this test with meson test");
  return path;
}

/* The windows of @app, CpWindows all, most recent first */
static guint
count_windows (GtkApplication *app)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    {
      g_assert_true (CP_IS_WINDOW (l->data));
      n++;
    }
  return n;
}

static void
destroy_all_windows (GtkApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (app)) != NULL)
    cp_test_destroy_window (windows->data);
}

/* The base names of the reviews open in @window, in their order */
static char *
document_names (CpWindow *window)
{
  CpComparison *comparison = cp_window_get_comparison (window);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < cp_comparison_get_n_documents (comparison); i++)
    {
      GFile *file = cp_document_get_file (cp_comparison_get_document (comparison, i));
      g_autofree char *name = file != NULL ? g_file_get_basename (file) : g_strdup ("(no file)");

      if (i > 0)
        g_string_append_c (names, ' ');
      g_string_append (names, name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static char *
sample_names (void)
{
  g_autoptr(GPtrArray) samples = cp_application_list_samples ();
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < samples->len; i++)
    {
      g_autofree char *name = g_file_get_basename (samples->pdata[i]);

      if (i > 0)
        g_string_append_c (names, ' ');
      g_string_append (names, name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

typedef struct
{
  GtkApplication *app;
  guint           n_windows;
} WindowCount;

static gboolean
has_n_windows (WindowCount *count)
{
  return g_list_length (gtk_application_get_windows (count->app)) == count->n_windows;
}

static gboolean
window_has_documents (CpWindow *window)
{
  return cp_comparison_get_n_documents (cp_window_get_comparison (window)) > 0
         && cp_window_get_n_loading (window) == 0;
}

static void
subprocess_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

/* Runs the built program with @args while this process's main context
 * keeps going (so that this test's application answers it over D-Bus),
 * and checks that it exits at once with status 0 and says nothing. */
static void
run_second_instance (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  gboolean done = FALSE;

  g_ptr_array_add (argv, (gpointer) app_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  subprocess = g_subprocess_newv ((const char * const *) argv->pdata,
                                  G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (subprocess, NULL, subprocess_done_cb, &done);
  cp_test_wait_for_flag (&done, "the second instance to exit");

  g_assert_true (g_subprocess_get_if_exited (subprocess));
  g_assert_cmpint (g_subprocess_get_exit_status (subprocess), ==, 0);
  /* What is left in the pipes: the program has exited */
  g_subprocess_communicate (subprocess, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (out), ==, 0);
  g_assert_cmpstr (g_bytes_get_size (err) > 0 ? (const char *) g_bytes_get_data (err, NULL) : "", ==, "");
}

/* The running instance of the tests after the first, with one window */
static CpWindow *
present_first_window (void)
{
  GtkApplication *app = get_application ();
  WindowCount count = { app, 1 };
  GtkWindow *window;

  destroy_all_windows (app);
  g_application_activate (G_APPLICATION (app));
  cp_test_wait_until (has_n_windows, &count, "the first window");
  window = gtk_application_get_active_window (app);
  cp_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (cp_comparison_get_n_documents (cp_window_get_comparison (CP_WINDOW (window))), ==, 0);

  return CP_WINDOW (window);
}

/* }}} */

/* {{{ counterpoint --help */

static void
test_help (void)
{
  static const char * const lines[] = {
    "\n  --new-window               Open a new window, also when Counterpoint is already running\n",
    "\n  --samples                  Open the sample reviews\n",
    "\n  --version                  Show the version and exit\n",
  };
  const char *argv[] = { app_path (), "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *options;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");

  g_assert_true (g_str_has_prefix (out, "Usage:\n  counterpoint [OPTION…] [FILE…]\n\n"));
  /* Each option of the application with what it does, among its own */
  options = strstr (out, "\nApplication Options:\n");
  g_assert_nonnull (options);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      const char *line = strstr (out, lines[i]);

      g_assert_nonnull (line);
      g_assert_true (line > options);
    }
  g_assert_nonnull (strstr (out, "When Counterpoint is already running, the files open in its window."));

  /* An option unknown to it says so and fails */
  {
    const char *bad_argv[] = { app_path (), "--new-windows", NULL };
    g_autofree char *bad_out = NULL;
    g_autofree char *bad_err = NULL;

    g_spawn_sync (NULL, (char **) bad_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &bad_out, &bad_err, &status, &error);
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (bad_err, "--new-windows"));
  }
}

/* }}} */

/* {{{ --samples in the first instance */

typedef struct
{
  char *names;     /* the reviews open when they were loaded */
  guint n_windows;
  guint n_banners;
} SamplesRun;

static gboolean
check_samples_cb (gpointer user_data)
{
  SamplesRun *run = user_data;
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  CpWindow *window = CP_WINDOW (gtk_application_get_active_window (app));

  cp_test_wait_until (window_has_documents, window, "the samples to load");
  cp_test_window_settle (window);
  run->names = document_names (window);
  run->n_banners = cp_window_get_n_banners (window);
  run->n_windows = count_windows (app);

  /* The application ends with its last window */
  destroy_all_windows (app);
  return G_SOURCE_REMOVE;
}

static void
samples_activated_cb (GApplication *app,
                      SamplesRun   *run)
{
  g_idle_add (check_samples_cb, run);
}

static void
test_samples_at_start (void)
{
  char *argv[] = { (char *) "counterpoint", (char *) "--samples", NULL };
  g_autoptr(CpApplication) app = cp_application_new ();
  g_autofree char *expected = sample_names ();
  SamplesRun run = { NULL, 0, 0 };
  int status;

  g_assert_cmpstr (expected, ==, "blog-post.txt capsule-review.txt festival-report.txt newspaper-review.txt");
  g_signal_connect_after (app, "activate", G_CALLBACK (samples_activated_cb), &run);
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (run.n_windows, ==, 1);
  g_assert_cmpuint (run.n_banners, ==, 0);
  g_assert_cmpstr (run.names, ==, expected);
  g_free (run.names);
}

/* }}} */

/* {{{ app.new-window */

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action,
                 const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *item_action = NULL;
      g_autofree char *item_label = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has_action (section, action, label))
        return TRUE;
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action)
          && g_str_equal (item_action, action))
        {
          g_assert_true (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label));
          g_assert_cmpstr (item_label, ==, label);
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_new_window_action (void)
{
  GtkApplication *app = get_application ();
  g_autoptr(GtkBuilder) menus = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/menus.ui");
  g_autoptr(GtkBuilder) overlay = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/help-overlay.ui");
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, "app.new-window");
  g_autoptr(GSList) shortcuts = NULL;
  g_autofree char *first_names = NULL;
  g_autoptr(GFile) file = g_file_new_build_filename (g_getenv ("COUNTERPOINT_DATADIR"), "samples", "blog-post.txt", NULL);
  gboolean in_overlay = FALSE;
  CpWindow *first;
  CpWindow *second;
  guint keyval;
  GdkModifierType modifiers;

  first = present_first_window ();
  cp_test_window_open_files (first, &file, 1);
  first_names = document_names (first);

  g_action_group_activate_action (G_ACTION_GROUP (app), "new-window", NULL);
  g_assert_cmpuint (count_windows (app), ==, 2);
  second = CP_WINDOW (gtk_application_get_active_window (app));
  g_assert_true (second != first);
  cp_test_wait_for_draw (GTK_WIDGET (second));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (second)));
  /* A new, empty window sharing the user's topics; the first keeps its review */
  g_assert_cmpuint (cp_comparison_get_n_documents (cp_window_get_comparison (second)), ==, 0);
  g_assert_true (cp_comparison_get_topics (cp_window_get_comparison (second)) ==
                 cp_comparison_get_topics (cp_window_get_comparison (first)));
  g_assert_cmpstr (first_names, ==, "blog-post.txt");
  {
    g_autofree char *names = document_names (first);

    g_assert_cmpstr (names, ==, first_names);
  }

  /* Shift+Ctrl+N, the first item of the main menu, and in the shortcuts */
  g_assert_nonnull (accels);
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_true (gtk_accelerator_parse (accels[0], &keyval, &modifiers));
  g_assert_cmpuint (keyval, ==, GDK_KEY_n);
  g_assert_cmpuint (modifiers, ==, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_true (menu_has_action (G_MENU_MODEL (gtk_builder_get_object (menus, "primary_menu")),
                                  "app.new-window", "_New Window"));
  shortcuts = gtk_builder_get_objects (overlay);
  for (GSList *l = shortcuts; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *title = NULL;
        g_autofree char *accelerator = NULL;

        g_object_get (l->data, "title", &title, "accelerator", &accelerator, NULL);
        if (g_strcmp0 (title, "New Window") == 0)
          {
            g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &modifiers));
            g_assert_cmpuint (keyval, ==, GDK_KEY_n);
            g_assert_cmpuint (modifiers, ==, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
            in_overlay = TRUE;
          }
      }
  g_assert_true (in_overlay);

  destroy_all_windows (app);
}

/* The About window names the version, the website, the copyright and the
 * licence */
static void
test_about (void)
{
  GtkApplication *app = get_application ();
  CpWindow *window = present_first_window ();
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkAboutDialog *about = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_ABOUT_DIALOG (toplevel))
        {
          g_assert_null (about);
          about = GTK_ABOUT_DIALOG (toplevel);
        }
    }
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));
  g_assert_cmpstr (gtk_about_dialog_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (gtk_about_dialog_get_website (about), ==, "https://github.com/counterpoint/counterpoint");
  g_assert_cmpstr (gtk_about_dialog_get_copyright (about), ==, "© 2026 The Counterpoint developers");
  g_assert_cmpint (gtk_about_dialog_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (gtk_about_dialog_get_logo_icon_name (about), ==, APP_ID);
  cp_test_wait_for_draw (GTK_WIDGET (about));

  cp_test_destroy_window (GTK_WINDOW (about));
  destroy_all_windows (app);
}

/* }}} */

/* {{{ A second instance */

/* counterpoint --new-window while Counterpoint runs: one more window, empty */
static void
test_second_new_window (void)
{
  static const char * const args[] = { "--new-window", NULL };
  GtkApplication *app = get_application ();
  WindowCount count = { app, 2 };
  CpWindow *first = present_first_window ();
  CpWindow *second;

  run_second_instance (args);
  cp_test_wait_until (has_n_windows, &count, "a second window");
  second = CP_WINDOW (gtk_application_get_active_window (app));
  g_assert_true (second != first);
  cp_test_wait_for_draw (GTK_WIDGET (second));
  cp_test_drain_main_context ();
  g_assert_cmpuint (cp_comparison_get_n_documents (cp_window_get_comparison (second)), ==, 0);
  g_assert_cmpuint (cp_window_get_n_loading (second), ==, 0);

  destroy_all_windows (app);
}

/* counterpoint --samples while Counterpoint runs: the samples in its window */
static void
test_second_samples (void)
{
  static const char * const args[] = { "--samples", NULL };
  GtkApplication *app = get_application ();
  CpWindow *window = present_first_window ();
  g_autofree char *expected = sample_names ();
  g_autofree char *names = NULL;

  run_second_instance (args);
  cp_test_wait_until (window_has_documents, window, "the samples to load");
  cp_test_window_settle (window);
  names = document_names (window);
  g_assert_cmpstr (names, ==, expected);
  g_assert_cmpuint (cp_window_get_n_banners (window), ==, 0);
  g_assert_cmpuint (count_windows (app), ==, 1);

  destroy_all_windows (app);
}

/* Runs the program again with @args, which open a second window with
 * reviews in it beside @first; returns that window once they are loaded */
static CpWindow *
open_second_window (const char * const *args,
                    CpWindow           *first)
{
  GtkApplication *app = get_application ();
  WindowCount count = { app, 2 };
  CpWindow *second;

  run_second_instance (args);
  cp_test_wait_until (has_n_windows, &count, "a second window");
  second = CP_WINDOW (gtk_application_get_active_window (app));
  g_assert_true (second != first);
  cp_test_wait_until (window_has_documents, second, "the reviews to load");
  cp_test_window_settle (second);
  g_assert_cmpuint (cp_comparison_get_n_documents (cp_window_get_comparison (first)), ==, 0);

  return second;
}

/* Both: a new window with the samples, the first one left as it was */
static void
test_second_new_window_samples (void)
{
  static const char * const args[] = { "--new-window", "--samples", NULL };
  GtkApplication *app = get_application ();
  CpWindow *first = present_first_window ();
  CpWindow *second = open_second_window (args, first);
  g_autofree char *expected = sample_names ();
  g_autofree char *names = document_names (second);

  g_assert_cmpstr (names, ==, expected);
  g_assert_cmpuint (cp_window_get_n_banners (second), ==, 0);

  /* Nothing is left over for the next activation: it opens no samples */
  cp_test_destroy_window (GTK_WINDOW (second));
  g_application_activate (G_APPLICATION (app));
  cp_test_drain_main_context ();
  g_assert_cmpuint (count_windows (app), ==, 1);
  g_assert_true (gtk_application_get_active_window (app) == GTK_WINDOW (first));
  g_assert_cmpuint (cp_comparison_get_n_documents (cp_window_get_comparison (first)), ==, 0);
  g_assert_cmpuint (cp_window_get_n_loading (first), ==, 0);

  destroy_all_windows (app);
}

/* With files: they open in the new window, not in the running one */
static void
test_second_new_window_files (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("COUNTERPOINT_DATADIR"), "samples", "capsule-review.txt", NULL);
  const char * const args[] = { "--new-window", path, NULL };
  GtkApplication *app = get_application ();
  CpWindow *first = present_first_window ();
  CpWindow *second = open_second_window (args, first);
  g_autofree char *names = document_names (second);

  g_assert_cmpstr (names, ==, "capsule-review.txt");

  /* Without --new-window, a file goes to the running window */
  cp_test_destroy_window (GTK_WINDOW (second));
  {
    g_autofree char *other = g_build_filename (g_getenv ("COUNTERPOINT_DATADIR"), "samples", "blog-post.txt", NULL);
    const char * const plain_args[] = { other, NULL };
    g_autofree char *now = NULL;

    run_second_instance (plain_args);
    cp_test_wait_until (window_has_documents, first, "the file to load");
    cp_test_window_settle (first);
    now = document_names (first);
    g_assert_cmpstr (now, ==, "blog-post.txt");
    g_assert_cmpuint (count_windows (app), ==, 1);
  }

  destroy_all_windows (app);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  home = g_test_build_filename (G_TEST_BUILT, "test-app-options-home", NULL);
  cp_test_remove_tree (home);
  cp_test_set_home (home);

  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/app/options/help", test_help);
  /* First: this process is the first instance, and then lets go of the
   * application's name for the rest */
  g_test_add_func ("/app/options/samples-at-start", test_samples_at_start);
  g_test_add_func ("/app/options/new-window-action", test_new_window_action);
  g_test_add_func ("/app/options/about", test_about);
  g_test_add_func ("/app/options/second/new-window", test_second_new_window);
  g_test_add_func ("/app/options/second/samples", test_second_samples);
  g_test_add_func ("/app/options/second/new-window-samples", test_second_new_window_samples);
  g_test_add_func ("/app/options/second/new-window-files", test_second_new_window_files);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
