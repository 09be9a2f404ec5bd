/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What the window tells the reader, in two kinds.
 *
 * A notice says that something was done (a topic deleted, a sheet saved):
 * a neutral in-app notification over the top of the content that goes by
 * itself after a few seconds, held while the pointer or the keyboard is
 * on it, with at most one button (Undo, Open). A new notice replaces the
 * one shown. The last thing that can be undone stays with the window, for
 * Ctrl+Z, after its notice has gone.
 *
 * An error says that something could not be done and what to do about it:
 * a banner above the panes, in the error colours, that stays until it is
 * dismissed. The failures of one action share one banner. Other banners
 * (a review changed on disk: cp-window-monitor.c) are built the same way,
 * with a button of their own.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cp-window-private.h"

/* How long a notice stays, in milliseconds */
#define NOTICE_TIMEOUT 5000
/* How tall the list of an error banner grows before it scrolls */
#define ERROR_LIST_MAX_HEIGHT 120

/* A round button with a cross that dismisses a notice or a banner */
static GtkWidget *
new_close_button (void)
{
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_add_css_class (close, "flat");
  gtk_widget_add_css_class (close, "circular");
  gtk_widget_set_tooltip_text (close, _("Dismiss"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"),
                                  -1);
  return close;
}

/* --- notices --- */

static void
hide_notice (CpWindow *self)
{
  g_clear_handle_id (&self->notice_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
}

static gboolean
notice_timeout_cb (gpointer data)
{
  CpWindow *self = data;

  self->notice_source = 0;
  hide_notice (self);
  return G_SOURCE_REMOVE;
}

/* The notice goes after the timeout, counted again from when the reader
 * leaves it. */
static void
schedule_hide_notice (CpWindow *self)
{
  g_clear_handle_id (&self->notice_source, g_source_remove);
  if (self->notice_hovered || self->notice_focused ||
      !gtk_revealer_get_reveal_child (self->notice_revealer))
    return;

  self->notice_source = g_timeout_add (self->notice_timeout, notice_timeout_cb, self);
  g_source_set_name_by_id (self->notice_source, "[counterpoint] hide the notice");
}

static void
notice_pointer_entered_cb (CpWindow                 *self,
                           double                    x,
                           double                    y,
                           GtkEventControllerMotion *controller)
{
  self->notice_hovered = TRUE;
  g_clear_handle_id (&self->notice_source, g_source_remove);
}

static void
notice_pointer_left_cb (CpWindow                 *self,
                        GtkEventControllerMotion *controller)
{
  self->notice_hovered = FALSE;
  schedule_hide_notice (self);
}

static void
notice_focus_entered_cb (CpWindow                *self,
                         GtkEventControllerFocus *controller)
{
  self->notice_focused = TRUE;
  g_clear_handle_id (&self->notice_source, g_source_remove);
}

static void
notice_focus_left_cb (CpWindow                *self,
                      GtkEventControllerFocus *controller)
{
  self->notice_focused = FALSE;
  schedule_hide_notice (self);
}

/* Shows @message in the notice, replacing what it said; @action_name
 * (with @target) is what its button does, when it has one. */
static void
show_notice (CpWindow   *self,
             const char *message,
             const char *tooltip,
             const char *button_label,
             const char *action_name,
             GVariant   *target)
{
  gtk_label_set_label (self->notice_label, message);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->notice_label), tooltip);

  gtk_widget_set_visible (GTK_WIDGET (self->notice_button), action_name != NULL);
  /* Unset first: the old action and the new target may not agree */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->notice_button), NULL);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->notice_button), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->notice_button), action_name);
  if (button_label != NULL)
    gtk_button_set_label (self->notice_button, button_label);

  gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
  schedule_hide_notice (self);
}

/**
 * cp_window_notify:
 * @self: a #CpWindow
 * @message: what was done
 *
 * Says @message in a notice that goes by itself.
 */
void
cp_window_notify (CpWindow   *self,
                  const char *message)
{
  g_return_if_fail (CP_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  show_notice (self, message, NULL, NULL, NULL, NULL);
}

static void
clear_undo (CpWindow *self)
{
  gpointer data = self->undo_data;
  GDestroyNotify destroy = self->undo_destroy;

  self->undo = NULL;
  self->undo_data = NULL;
  self->undo_destroy = NULL;
  if (destroy != NULL)
    destroy (data);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
}

/**
 * cp_window_notify_with_undo:
 * @self: a #CpWindow
 * @message: what was done
 * @undo: what undoes it
 * @data: data for @undo
 * @destroy: (nullable): frees @data
 *
 * Says @message in a notice with an Undo button. @undo is the window's
 * undo (win.undo, Ctrl+Z) until another action that can be undone takes
 * its place, also after the notice has gone.
 */
void
cp_window_notify_with_undo (CpWindow       *self,
                            const char     *message,
                            CpWindowUndo    undo,
                            gpointer        data,
                            GDestroyNotify  destroy)
{
  g_return_if_fail (CP_IS_WINDOW (self));
  g_return_if_fail (message != NULL);
  g_return_if_fail (undo != NULL);

  clear_undo (self);
  self->undo = undo;
  self->undo_data = data;
  self->undo_destroy = destroy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", TRUE);

  show_notice (self, message, NULL, _("_Undo"), "win.undo", NULL);
}

/**
 * cp_window_notify_saved:
 * @self: a #CpWindow
 * @file: the file that was written
 *
 * Says where @file was saved, in a notice with a button that opens it.
 */
void
cp_window_notify_saved (CpWindow *self,
                        GFile    *file)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *message = NULL;
  g_autofree char *uri = NULL;

  g_return_if_fail (CP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_parse_name (file);
  name = g_filename_display_basename (path);
  parent = g_file_get_parent (file);
  if (parent != NULL)
    {
      g_autofree char *parent_path = g_file_get_parse_name (parent);

      folder = g_filename_display_basename (parent_path);
    }
  /* Translators: a file was written; %s are its name and its folder's */
  message = folder != NULL ? g_strdup_printf (_("Saved “%s” in “%s”"), name, folder)
                           : g_strdup_printf (_("Saved “%s”"), name);
  uri = g_file_get_uri (file);

  show_notice (self, message, path, _("_Open"), "win.open-file", g_variant_new_string (uri));
}

/**
 * cp_window_get_notice:
 * @self: a #CpWindow
 *
 * Returns: (nullable): what the notice says, or %NULL when none shows
 */
const char *
cp_window_get_notice (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->notice_revealer))
    return NULL;
  return gtk_label_get_label (self->notice_label);
}

/**
 * cp_window_get_notice_button:
 * @self: a #CpWindow
 *
 * Returns: (transfer none): the notice's button (Undo, Open), hidden when
 *   the notice has none
 */
GtkWidget *
cp_window_get_notice_button (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->notice_button);
}

/**
 * cp_window_set_notice_timeout:
 * @self: a #CpWindow
 * @timeout: how long a notice shows, in milliseconds
 *
 * For tests, which do not wait five seconds.
 */
void
cp_window_set_notice_timeout (CpWindow *self,
                              guint     timeout)
{
  g_return_if_fail (CP_IS_WINDOW (self));

  self->notice_timeout = timeout;
  schedule_hide_notice (self);
}

/* --- win.undo, win.open-file --- */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  CpWindowUndo undo = self->undo;
  gpointer data = self->undo_data;
  GDestroyNotify destroy = self->undo_destroy;

  if (undo == NULL)
    return;

  /* Taken first: undoing may show a notice or an error of its own */
  self->undo = NULL;
  self->undo_data = NULL;
  self->undo_destroy = NULL;
  gtk_widget_action_set_enabled (widget, "win.undo", FALSE);
  if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (self->notice_button)), "win.undo") == 0)
    hide_notice (self);

  undo (self, data);
  if (destroy != NULL)
    destroy (data);
}

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CpWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (self->cancellable))
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why no application could open a saved file */
      message = g_strdup_printf (_("The file could not be opened: %s"), error->message);
      cp_window_add_error (self, message);
    }
}

/* Opens @uri with the reader's default application for its type: a
 * portal when sandboxed, the desktop's MIME associations otherwise. */
static void
launch_default_for_uri (CpWindow   *self,
                        const char *uri)
{
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), self->cancellable,
                                           launched_cb, g_object_ref (self));
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);

  hide_notice (self);
  self->launch_uri (self, g_variant_get_string (parameter, NULL));
}

/**
 * cp_window_set_uri_launcher:
 * @self: a #CpWindow
 * @launch: (nullable): what opens a saved file's URI; %NULL for the
 *   default application
 *
 * For tests, which launch nothing.
 */
void
cp_window_set_uri_launcher (CpWindow          *self,
                            CpWindowLaunchUri  launch)
{
  g_return_if_fail (CP_IS_WINDOW (self));

  self->launch_uri = launch != NULL ? launch : launch_default_for_uri;
}

/* --- errors --- */

static void
banner_dismissed_cb (GtkWidget *button,
                     GtkWidget *banner)
{
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (banner)), banner);
}

/**
 * cp_window_new_message_label:
 * @message: what a banner says
 *
 * Returns: (transfer floating): a label for a banner's body, wrapped and
 *   selectable as the error banners' are
 */
GtkWidget *
cp_window_new_message_label (const char *message)
{
  GtkWidget *label = gtk_label_new (message);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Selectable labels take the focus; the close button is enough */
  gtk_widget_set_focusable (label, FALSE);
  return label;
}

/**
 * cp_window_add_banner:
 * @self: a #CpWindow
 * @icon_name: the icon that says what kind of banner it is
 * @body: what it says
 * @button: (nullable): what can be done about it
 *
 * Adds a banner above the panes with @body, @button and a button that
 * dismisses it (removes it from the window). A banner that is not an
 * error gets the `info` style class from its caller.
 *
 * Returns: (transfer none): the banner
 */
GtkWidget *
cp_window_add_banner (CpWindow   *self,
                      const char *icon_name,
                      GtkWidget  *body,
                      GtkWidget  *button)
{
  GtkWidget *banner = g_object_new (GTK_TYPE_BOX,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                                    "spacing", 12,
                                    NULL);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *close = new_close_button ();

  gtk_widget_add_css_class (banner, "banner");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_hexpand (body, TRUE);
  gtk_widget_set_valign (close, GTK_ALIGN_START);
  g_signal_connect (close, "clicked", G_CALLBACK (banner_dismissed_cb), banner);

  gtk_box_append (GTK_BOX (banner), icon);
  gtk_box_append (GTK_BOX (banner), body);
  if (button != NULL)
    {
      gtk_widget_set_valign (button, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (banner), button);
    }
  gtk_box_append (GTK_BOX (banner), close);
  gtk_box_append (self->banners, banner);
  return banner;
}

/**
 * cp_window_add_error:
 * @self: a #CpWindow
 * @message: what failed, naming the file, and what to do
 *
 * Shows @message in a banner above the panes until it is dismissed.
 */
void
cp_window_add_error (CpWindow   *self,
                     const char *message)
{
  g_return_if_fail (CP_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  cp_window_add_banner (self, "dialog-error-symbolic", cp_window_new_message_label (message), NULL);
}

/**
 * cp_window_add_errors:
 * @self: a #CpWindow
 * @errors: (element-type GError): the files of one action that failed,
 *   each error naming its file
 *
 * Shows one banner for all of @errors: how many files could not be
 * opened, then why for each, in a list that scrolls when it is long.
 */
void
cp_window_add_errors (CpWindow  *self,
                      GPtrArray *errors)
{
  g_autofree char *heading = NULL;
  GtkWidget *body, *list, *scroller, *label;

  g_return_if_fail (CP_IS_WINDOW (self));
  g_return_if_fail (errors != NULL);

  if (errors->len == 0)
    return;
  if (errors->len == 1)
    {
      cp_window_add_error (self, ((GError *) errors->pdata[0])->message);
      return;
    }

  body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u file could not be opened",
                                          "%u files could not be opened", errors->len),
                             errors->len);
  label = cp_window_new_message_label (heading);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (body), label);

  list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  for (guint i = 0; i < errors->len; i++)
    gtk_box_append (GTK_BOX (list), cp_window_new_message_label (((GError *) errors->pdata[i])->message));

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), ERROR_LIST_MAX_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (body), scroller);

  cp_window_add_banner (self, "dialog-error-symbolic", body, NULL);
}

/**
 * cp_window_get_n_banners:
 * @self: a #CpWindow
 *
 * Returns: the number of error banners shown
 */
guint
cp_window_get_n_banners (CpWindow *self)
{
  guint n = 0;

  g_return_val_if_fail (CP_IS_WINDOW (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->banners));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* --- set-up --- */

/* The notice floats over the top centre of the content, as GNOME's in-app
 * notifications do: an overlay around the template's stack. */
static void
build_notice (CpWindow *self)
{
  GtkWidget *stack = GTK_WIDGET (self->stack);
  GtkWidget *content = gtk_widget_get_parent (stack);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *notice = g_object_new (GTK_TYPE_BOX,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_STATUS,
                                    "spacing", 12,
                                    NULL);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *close = new_close_button ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_object_ref (stack);
  gtk_box_remove (GTK_BOX (content), stack);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), stack);
  g_object_unref (stack);
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_box_insert_child_after (GTK_BOX (content), overlay, GTK_WIDGET (self->banners));

  gtk_revealer_set_transition_type (GTK_REVEALER (revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_set_halign (revealer, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (revealer, GTK_ALIGN_START);

  gtk_widget_add_css_class (notice, "app-notification");
  gtk_widget_add_css_class (notice, "notice");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_button_set_use_underline (GTK_BUTTON (button), TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Shown with a label when a notice has an action */
  gtk_widget_set_visible (button, FALSE);
  gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
  g_signal_connect_object (close, "clicked", G_CALLBACK (hide_notice), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (motion, "enter", G_CALLBACK (notice_pointer_entered_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (notice_pointer_left_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (notice, motion);
  g_signal_connect_object (focus, "enter", G_CALLBACK (notice_focus_entered_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (notice_focus_left_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (notice, focus);

  gtk_box_append (GTK_BOX (notice), label);
  gtk_box_append (GTK_BOX (notice), button);
  gtk_box_append (GTK_BOX (notice), close);
  gtk_revealer_set_child (GTK_REVEALER (revealer), notice);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), revealer);

  self->notice_revealer = GTK_REVEALER (revealer);
  self->notice_label = GTK_LABEL (label);
  self->notice_button = GTK_BUTTON (button);
}

void
cp_window_class_notices_init (CpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_action);
  /* A binding, not an application accelerator: those are handled before
   * the focused widget, and would take Ctrl+Z from the search entry */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
}

void
cp_window_notices_init (CpWindow *self)
{
  self->notice_timeout = NOTICE_TIMEOUT;
  self->launch_uri = launch_default_for_uri;
  build_notice (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
}

void
cp_window_notices_dispose (CpWindow *self)
{
  g_clear_handle_id (&self->notice_source, g_source_remove);
  clear_undo (self);
}
