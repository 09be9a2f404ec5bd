/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The comparison as a document: Save (Ctrl+S) and Save As (Shift+Ctrl+S)
 * to a .counterpoint file, opening one in a window of its own, the title
 * that names it and says when it has changed, and the question asked
 * before a window closes on changes that would be lost.
 *
 * A comparison needs saving when it was opened from (or saved to) a file
 * and has changed since, or when it has notes that no file holds yet: a
 * comparison of files on the disk without notes loses nothing on closing
 * (Open Recent brings it back), so it is not asked about.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cp-recent.h"
#include "cp-window-private.h"

enum
{
  RESPONSE_DISCARD = 1,
  RESPONSE_SAVE,
};

static gboolean
has_notes (CpWindow *self)
{
  return g_list_model_get_n_items (cp_comparison_get_notes (self->comparison)) > 0;
}

/* Whether closing now would lose something */
static gboolean
needs_saving (CpWindow *self)
{
  if (!self->modified)
    return FALSE;
  return self->file != NULL || has_notes (self);
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_parse_name (file);
  g_autofree char *base = g_filename_display_basename (path);
  gsize length = strlen (base);

  if (length > strlen (".counterpoint") && g_str_has_suffix (base, ".counterpoint"))
    base[length - strlen (".counterpoint")] = '\0';

  return g_steal_pointer (&base);
}

static void
update_title (CpWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;

  if (self->file == NULL)
    {
      name = g_strdup (has_notes (self) ? _("Unsaved Comparison") : _("Counterpoint"));
      label = g_strdup (name);
    }
  else
    {
      name = dup_display_name (self->file);
      /* Translators: the title of a comparison file opened read-only */
      label = self->read_only ? g_strdup_printf (_("%s (Read-Only)"), name) : g_strdup (name);
    }

  /* A dot before the name says that there are changes to save, as in
   * GNOME's text editor */
  if (needs_saving (self))
    {
      g_autofree char *plain = g_steal_pointer (&label);

      label = g_strdup_printf ("• %s", plain);
    }
  gtk_label_set_label (self->title_label, label);

  if (self->file == NULL && !has_notes (self))
    title = g_strdup (_("Counterpoint"));
  else
    /* Translators: the window's title: the comparison's name, then the application's */
    title = g_strdup_printf (_("%s — Counterpoint"), label);
  gtk_window_set_title (GTK_WINDOW (self), title);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-comparison",
                                 cp_comparison_get_n_documents (self->comparison) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-comparison-as",
                                 cp_comparison_get_n_documents (self->comparison) > 0);
}

static void
set_modified (CpWindow *self,
              gboolean  modified)
{
  self->modified = modified;
  update_title (self);
}

static void
comparison_changed_cb (CpWindow           *self,
                       CpComparisonChange  change)
{
  /* What a comparison file's reviews bring while they are added is what
   * the file holds */
  if (cp_window_is_loading_comparison (self))
    return;

  set_modified (self, TRUE);
}

/* A comparison file is one entry of Open Recent */
static void
remember_file (CpWindow *self,
               GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  const char *uris[] = { uri, NULL };

  cp_recent_remember (self->settings, uris);
  cp_window_update_recent_menu (self);
}

/**
 * cp_window_file_opened:
 * @self: a #CpWindow
 * @comparison_file: the file whose reviews were just added to @self
 *
 * Finishes opening @comparison_file: its notes and its focus, the title,
 * a banner when it opened read-only, and Open Recent.
 */
void
cp_window_file_opened (CpWindow         *self,
                       CpComparisonFile *comparison_file)
{
  GPtrArray *notes = cp_comparison_file_get_notes (comparison_file);
  const char *focus_topic = cp_comparison_file_get_focus_topic (comparison_file);
  const char * const *problems = cp_comparison_file_get_problems (comparison_file);
  GFile *file = cp_comparison_file_get_file (comparison_file);
  guint position;

  for (guint i = 0; i < notes->len; i++)
    cp_comparison_add_note (self->comparison, notes->pdata[i]);

  if (focus_topic != NULL && cp_topic_set_lookup (self->topics, focus_topic, &position) != NULL)
    cp_window_set_focus_topic (self, position);

  g_set_object (&self->file, file);
  self->file_version = cp_comparison_file_get_version (comparison_file);
  self->read_only = cp_comparison_file_is_read_only (comparison_file);
  set_modified (self, FALSE);

  if (self->read_only)
    {
      g_autofree char *name = dup_display_name (file);
      g_autofree char *joined = problems != NULL ? g_strjoinv (" ", (char **) problems) : g_strdup ("");
      /* Translators: a comparison file opened read-only: its name, then what was wrong */
      g_autofree char *message = g_strdup_printf (_("“%s” is open read-only. %s Use Save As to keep what was read "
                                                    "in a new file; the original stays as it is."),
                                                  name, joined);

      cp_window_add_error (self, message);
    }

  if (file != NULL)
    remember_file (self, file);
}

/* --- opening --- */

/* A window that holds nothing yet gives way to the comparison opened */
static gboolean
is_blank (CpWindow *self)
{
  return cp_comparison_get_n_documents (self->comparison) == 0
         && self->n_loading == 0 && self->file == NULL && !self->modified;
}

static CpWindow *
find_window_for_file (CpWindow *self,
                      GFile    *file)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (application == NULL)
    return NULL;
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    {
      CpWindow *window = l->data;

      if (CP_IS_WINDOW (window) && window->file != NULL && g_file_equal (window->file, file))
        return window;
    }

  return NULL;
}

static void
comparison_file_loaded_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(CpWindow) self = user_data;
  g_autoptr(CpComparisonFile) comparison_file = NULL;
  g_autoptr(GError) error = NULL;
  GtkApplication *application;
  CpWindow *window;

  comparison_file = cp_comparison_file_load_finish (result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (comparison_file == NULL)
    {
      cp_window_add_error (self, error->message);
      gtk_window_present (GTK_WINDOW (self));
      return;
    }

  application = gtk_window_get_application (GTK_WINDOW (self));
  window = g_object_new (CP_TYPE_WINDOW,
                         "application", application,
                         "topics", cp_comparison_file_get_topics (comparison_file),
                         NULL);
  cp_window_add_comparison (window, comparison_file);
  gtk_window_present (GTK_WINDOW (window));

  if (is_blank (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * cp_window_open_comparison_file:
 * @self: a #CpWindow
 * @file: a .counterpoint file
 *
 * Reads @file off the main thread and opens it in a window of its own,
 * which takes the place of @self when @self holds nothing yet. A file
 * open already brings its window forward; one that cannot be read is
 * named in an error banner in @self.
 */
void
cp_window_open_comparison_file (CpWindow *self,
                                GFile    *file)
{
  CpWindow *open;

  g_return_if_fail (CP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  open = find_window_for_file (self, file);
  if (open != NULL)
    {
      gtk_window_present (GTK_WINDOW (open));
      return;
    }

  cp_comparison_file_load_async (file, self->cancellable, comparison_file_loaded_cb, g_object_ref (self));
}

/* --- saving --- */

static const char *
focus_topic_id (CpWindow *self)
{
  CpTopic *topic = cp_focus_get_topic (self->focus);

  return topic != NULL ? cp_topic_get_id (topic) : NULL;
}

/**
 * cp_window_save_comparison:
 * @self: a #CpWindow
 * @file: where to save
 * @error: where a failure goes
 *
 * Writes the comparison to @file (atomically: a failed save leaves what
 * was there). Saving over a file of an older format keeps the original
 * beside it first, and a notice says where.
 *
 * Returns: %TRUE when saved
 */
gboolean
cp_window_save_comparison (CpWindow  *self,
                           GFile     *file,
                           GError   **error)
{
  g_autoptr(GFile) backup = NULL;
  /* Only the file the comparison was read from can be of an older version
   * worth keeping a copy of (0 is a file from before versions) */
  guint replaces = CP_COMPARISON_FILE_VERSION;

  g_return_val_if_fail (CP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->file != NULL && g_file_equal (self->file, file))
    {
      if (self->read_only)
        {
          g_autofree char *name = dup_display_name (file);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                       _("“%s” is open read-only: saving over it would lose what could not be read. "
                         "Use Save As to save the comparison in a new file."), name);
          return FALSE;
        }
      replaces = self->file_version;
    }

  if (!cp_comparison_file_save (self->comparison, focus_topic_id (self), file, replaces, &backup, NULL, error))
    return FALSE;

  g_set_object (&self->file, file);
  self->file_version = CP_COMPARISON_FILE_VERSION;
  self->read_only = FALSE;
  set_modified (self, FALSE);

  remember_file (self, file);

  if (backup != NULL)
    {
      g_autofree char *name = dup_display_name (file);
      g_autofree char *kept = NULL;
      g_autofree char *message = NULL;

      kept = g_file_get_basename (backup);
      /* Translators: a file of an older format was saved in the new one */
      message = g_strdup_printf (_("“%s” is saved in the new format; the original is kept as “%s”."), name, kept);
      cp_window_notify (self, message);
    }
  else
    cp_window_notify_saved (self, file);

  return TRUE;
}

static void
report_save_error (CpWindow     *self,
                   GFile        *file,
                   const GError *error)
{
  g_autofree char *name = dup_display_name (file);
  /* Translators: the comparison's name, then why it could not be saved */
  g_autofree char *message = g_strdup_printf (_("The comparison was not saved as “%s”: %s"), name, error->message);

  cp_window_add_error (self, message);
}

static void
save_as_response_cb (CpWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean close_after = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "cp-close-after"));

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
  if (chosen == NULL)
    return;

  /* The file says what it is by its name, for Files and for Open */
  if (cp_comparison_file_is_comparison (chosen))
    file = g_object_ref (chosen);
  else
    {
      g_autofree char *base = g_file_get_basename (chosen);
      g_autofree char *name = g_strconcat (base, ".counterpoint", NULL);
      g_autoptr(GFile) parent = g_file_get_parent (chosen);

      file = g_file_get_child (parent, name);
    }

  if (!cp_window_save_comparison (self, file, &error))
    {
      report_save_error (self, file, error);
      return;
    }

  if (close_after)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
show_save_as (CpWindow *self,
              gboolean  close_after)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Save Comparison"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Comparisons"));
  gtk_file_filter_add_mime_type (filter, CP_COMPARISON_FILE_CONTENT_TYPE);
  gtk_file_filter_add_suffix (filter, "counterpoint");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  if (self->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);

      name = g_file_get_basename (self->file);
      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), parent, NULL);
    }
  else
    {
      g_autofree char *subject = cp_comparison_dup_subject (self->comparison);

      /* Translators: the file name a new comparison is offered, without its extension */
      name = g_strconcat (subject != NULL ? subject : _("Comparison"), ".counterpoint", NULL);
      g_strdelimit (name, "/", '-');
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_object_set_data (G_OBJECT (chooser), "cp-close-after", GINT_TO_POINTER (close_after));
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_as_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Saves where the comparison came from, or asks where; %TRUE when saved
 * at once */
static gboolean
save (CpWindow *self,
      gboolean  close_after)
{
  g_autoptr(GError) error = NULL;

  if (self->file == NULL || self->read_only)
    {
      show_save_as (self, close_after);
      return FALSE;
    }

  if (!cp_window_save_comparison (self, self->file, &error))
    {
      report_save_error (self, self->file, error);
      return FALSE;
    }

  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);

  if (g_str_equal (action_name, "win.save-comparison-as"))
    show_save_as (self, FALSE);
  else
    save (self, FALSE);
}

/* --- closing --- */

static gboolean
close_confirmed_cb (gpointer data)
{
  CpWindow *self = data;

  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* Once the dialog's response is over: the dialog goes before its window */
static void
close_later (CpWindow *self)
{
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, close_confirmed_cb, g_object_ref (self), g_object_unref);
}

static void
close_dialog_response_cb (CpWindow  *self,
                          int        response,
                          GtkWidget *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));

  switch (response)
    {
    case RESPONSE_DISCARD:
      close_later (self);
      break;

    case RESPONSE_SAVE:
      if (save (self, TRUE))
        close_later (self);
      break;

    default:
      break;
    }
}

/**
 * cp_window_file_confirm_close:
 * @self: a #CpWindow
 *
 * Before the window closes: when that would lose notes or changes, asks
 * whether to save them, discard them or stay, and closes the window by
 * itself once they are saved or discarded.
 *
 * Returns: %TRUE when the window may close now
 */
gboolean
cp_window_file_confirm_close (CpWindow *self)
{
  g_autofree char *name = NULL;
  GtkWidget *dialog;
  GtkWidget *button;

  if (self->close_confirmed || !needs_saving (self))
    return TRUE;

  if (self->close_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->close_dialog));
      return FALSE;
    }

  name = self->file != NULL ? dup_display_name (self->file) : NULL;

  /* GTK 4.8 has no GtkAlertDialog: a GtkMessageDialog is its alert */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (name != NULL)
    dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                     GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                     GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                     /* Translators: %s is the comparison's name */
                                     _("Save Changes to “%s”?"), name);
  else
    dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                     GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                     GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                     "%s", _("Save the Comparison and Its Notes?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            name != NULL
                                            ? _("If you don’t save, the changes made since it was last saved are lost.")
                                            : _("If you don’t save, your notes are lost. A saved comparison keeps the "
                                                "reviews’ texts, their names, the topics and the notes in one file."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Discard"), RESPONSE_DISCARD);
  gtk_widget_add_css_class (button, "destructive-action");
  button = gtk_dialog_add_button (GTK_DIALOG (dialog),
                                  self->file != NULL && !self->read_only ? _("_Save") : _("_Save As…"),
                                  RESPONSE_SAVE);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), RESPONSE_SAVE);
  G_GNUC_END_IGNORE_DEPRECATIONS

  g_signal_connect_object (dialog, "response", G_CALLBACK (close_dialog_response_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->close_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  return FALSE;
}

/**
 * cp_window_get_file:
 * @self: a #CpWindow
 *
 * Returns: (transfer none) (nullable): the comparison file the window
 *   shows, if any
 */
GFile *
cp_window_get_file (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), NULL);

  return self->file;
}

/**
 * cp_window_needs_saving:
 * @self: a #CpWindow
 *
 * Returns: whether closing the window now would lose notes or changes
 */
gboolean
cp_window_needs_saving (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), FALSE);

  return needs_saving (self);
}

/**
 * cp_window_get_close_dialog:
 * @self: a #CpWindow
 *
 * Returns: (transfer none) (nullable): the dialog asking whether to save
 *   before closing, while it is shown
 */
GtkWidget *
cp_window_get_close_dialog (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), NULL);

  return self->close_dialog;
}

/* --- GObject --- */

void
cp_window_class_file_init (CpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.save-comparison", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-comparison-as", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save-comparison", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-comparison-as", NULL);
}

void
cp_window_file_init (CpWindow *self)
{
  g_signal_connect_object (self->comparison, "changed", G_CALLBACK (comparison_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_title (self);
}

void
cp_window_file_dispose (CpWindow *self)
{
  if (self->close_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->close_dialog));
  g_clear_weak_pointer (&self->close_dialog);
  g_clear_object (&self->file);
}
