/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Helpers that the widget tests share: waiting for frames, layout and
 * drawing (always with a deadline), finding widgets and shortcuts, and
 * screenshots.
 */
#include "config.h"

#include "cp-test-gtk-utils.h"

/* Waiting {{{ */

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  guint *n_frames = user_data;

  (*n_frames)++;

  return G_SOURCE_CONTINUE;
}

typedef struct
{
  guint *n_frames;
  guint  wanted;
} FrameCount;

static gboolean
enough_frames (gpointer user_data)
{
  FrameCount *count = user_data;

  return *count->n_frames >= count->wanted;
}

void
cp_test_wait_for_frames (GtkWidget *widget,
                         guint      n_frames)
{
  guint ticks = 0;
  FrameCount count = { &ticks, n_frames };
  guint id;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  id = gtk_widget_add_tick_callback (widget, count_frame_cb, &ticks, NULL);
  cp_test_wait_until (enough_frames, &count, "frames to be drawn");
  gtk_widget_remove_tick_callback (widget, id);

  cp_test_drain_main_context ();
}

static gboolean
has_size (gpointer user_data)
{
  GtkWidget *widget = user_data;

  return gtk_widget_get_mapped (widget) &&
         gtk_widget_get_width (widget) > 0 &&
         gtk_widget_get_height (widget) > 0 &&
         gtk_widget_get_frame_clock (widget) != NULL;
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

void
cp_test_wait_for_draw (GtkWidget *widget)
{
  GdkFrameClock *frame_clock;
  gboolean painted = FALSE;
  gulong handler_id;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  cp_test_wait_until (has_size, widget, "the widget to be mapped and allocated");

  frame_clock = gtk_widget_get_frame_clock (widget);
  handler_id = g_signal_connect (frame_clock, "after-paint",
                                 G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  cp_test_wait_for_flag (&painted, "the widget to be drawn");
  g_signal_handler_disconnect (frame_clock, handler_id);
}

static void
add_adjustment (GChecksum     *checksum,
                GtkAdjustment *adjustment)
{
  double values[3];

  if (adjustment == NULL)
    return;

  values[0] = gtk_adjustment_get_value (adjustment);
  values[1] = gtk_adjustment_get_upper (adjustment);
  values[2] = gtk_adjustment_get_page_size (adjustment);
  g_checksum_update (checksum, (const guchar *) values, sizeof values);
}

static void
add_layout (GChecksum *checksum,
            GtkWidget *widget)
{
  int size[3] = {
    gtk_widget_get_width (widget),
    gtk_widget_get_height (widget),
    gtk_widget_get_mapped (widget),
  };

  g_checksum_update (checksum, (const guchar *) size, sizeof size);
  if (GTK_IS_SCROLLABLE (widget))
    {
      add_adjustment (checksum, gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (widget)));
      add_adjustment (checksum, gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    add_layout (checksum, child);
}

static char *
layout_signature (GtkWidget *widget)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);

  add_layout (checksum, widget);

  return g_strdup (g_checksum_get_string (checksum));
}

typedef struct
{
  GtkWidget *widget;
  guint      n_frames;
  guint      last_frame;
  guint      n_stable;
  char      *signature;
} LayoutWait;

/* Looked at once a frame, once the frame's work is all done. */
static gboolean
layout_still (gpointer user_data)
{
  LayoutWait *wait = user_data;
  g_autofree char *signature = NULL;

  if (wait->n_frames == wait->last_frame || g_main_context_pending (NULL))
    return FALSE;

  wait->last_frame = wait->n_frames;
  signature = layout_signature (wait->widget);
  if (g_strcmp0 (signature, wait->signature) == 0)
    wait->n_stable++;
  else
    wait->n_stable = 0;
  g_free (wait->signature);
  wait->signature = g_steal_pointer (&signature);

  return wait->n_stable >= 3;
}

void
cp_test_wait_for_layout (GtkWidget *widget)
{
  LayoutWait wait = { widget, 0, 0, 0, NULL };
  guint id;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  id = gtk_widget_add_tick_callback (widget, count_frame_cb, &wait.n_frames, NULL);
  cp_test_wait_until (layout_still, &wait, "the layout to stop changing");
  gtk_widget_remove_tick_callback (widget, id);
  g_free (wait.signature);
}

static gboolean
is_toplevel (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (window == user_data)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_gone (gpointer user_data)
{
  return !is_toplevel (user_data) && !g_main_context_pending (NULL);
}

void
cp_test_destroy_window (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  gtk_window_destroy (window);
  cp_test_wait_until (is_gone, window, "the window to be destroyed");
}

/* }}} */

/* Finding widgets {{{ */

typedef gboolean (*Match) (GtkWidget     *widget,
                           gconstpointer  data);

static void
collect (GtkWidget     *widget,
         Match          match,
         gconstpointer  data,
         GPtrArray     *found,
         gboolean       first_only)
{
  if (first_only && found->len > 0)
    return;

  if (match (widget, data))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, match, data, found, first_only);
}

static GtkWidget *
find_first (GtkWidget     *root,
            Match          match,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, match, data, found, TRUE);

  return found->len > 0 ? found->pdata[0] : NULL;
}

static gboolean
match_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

GPtrArray *
cp_test_find_widgets (GtkWidget *root,
                      GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, match_type, GSIZE_TO_POINTER (type), found, FALSE);

  return found;
}

GtkWidget *
cp_test_find_widget (GtkWidget *root,
                     GType      type)
{
  return find_first (root, match_type, GSIZE_TO_POINTER (type));
}

GtkWidget *
cp_test_find_only_widget (GtkWidget *root,
                          GType      type)
{
  g_autoptr(GPtrArray) found = cp_test_find_widgets (root, type);

  g_assert_cmpuint (found->len, ==, 1);

  return found->pdata[0];
}

static gboolean
match_name (GtkWidget     *widget,
            gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

GtkWidget *
cp_test_find_widget_by_name (GtkWidget  *root,
                             const char *name)
{
  return find_first (root, match_name, name);
}

static gboolean
match_label (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LABEL (widget) &&
         gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

GtkWidget *
cp_test_find_label (GtkWidget  *root,
                    const char *text)
{
  return find_first (root, match_label, text);
}

static gboolean
match_button (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

GtkWidget *
cp_test_find_button (GtkWidget  *root,
                     const char *label)
{
  return find_first (root, match_button, label);
}

static gboolean
match_action (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

GtkWidget *
cp_test_find_action_button (GtkWidget  *root,
                            const char *action_name)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, match_action, action_name, found, FALSE);
  g_assert_cmpuint (found->len, ==, 1);

  return found->pdata[0];
}

static gboolean
match_role (GtkWidget     *widget,
            gconstpointer  data)
{
  return gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GPOINTER_TO_UINT (data);
}

GtkWidget *
cp_test_find_by_role (GtkWidget         *root,
                      GtkAccessibleRole  role)
{
  return find_first (root, match_role, GUINT_TO_POINTER (role));
}

static GtkShortcut *
find_shortcut (GtkWidget       *widget,
               gboolean         capture_only,
               guint            keyval,
               GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      if (capture_only && gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return g_steal_pointer (&shortcut);
        }
    }

  return NULL;
}

GtkShortcut *
cp_test_find_shortcut (GtkWidget       *widget,
                       guint            keyval,
                       GdkModifierType  modifiers)
{
  return find_shortcut (widget, FALSE, keyval, modifiers);
}

GtkShortcut *
cp_test_find_capture_shortcut (GtkWidget       *widget,
                               guint            keyval,
                               GdkModifierType  modifiers)
{
  return find_shortcut (widget, TRUE, keyval, modifiers);
}

void
cp_test_press_key (GtkWidget       *widget,
                   guint            keyval,
                   GdkModifierType  modifiers,
                   const char      *action_name)
{
  g_autoptr(GtkShortcut) found = cp_test_find_shortcut (widget, keyval, modifiers);
  GtkShortcutAction *action;

  g_assert_nonnull (found);
  action = gtk_shortcut_get_action (found);
  g_assert_true (GTK_IS_NAMED_ACTION (action));
  g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==, action_name);
  g_assert_true (gtk_shortcut_action_activate (action, 0, widget, gtk_shortcut_get_arguments (found)));
}

/* }}} */

/* Screenshots {{{ */

char *
cp_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width;
  int height;

  /* The paintable shows the widget's last frame. */
  cp_test_wait_for_draw (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);
  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);

  return g_steal_pointer (&path);
}

/* }}} */

/* The window {{{ */

static gboolean
window_loaded (gpointer user_data)
{
  return cp_window_get_n_loading (user_data) == 0;
}

/* Every pane is laid out and its text is taller than its view. */
static gboolean
panes_laid_out (gpointer user_data)
{
  CpWindow *window = user_data;
  guint n = cp_window_get_n_panes (window);

  for (guint i = 0; i < n; i++)
    {
      CpReviewPane *pane = cp_window_get_pane (window, i);
      GtkAdjustment *adjustment = cp_review_pane_get_vadjustment (pane);

      if (gtk_widget_get_height (GTK_WIDGET (cp_review_pane_get_view (pane))) <= 0 ||
          gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment))
        return FALSE;
    }

  return TRUE;
}

void
cp_test_select_text (CpWindow   *window,
                     guint       pane,
                     const char *text,
                     guint      *start_char,
                     guint      *end_char)
{
  GtkTextView *view = cp_review_pane_get_view (cp_window_get_pane (window, pane));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, text, 0, &match_start, &match_end, NULL));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (view)));
  gtk_text_buffer_select_range (buffer, &match_start, &match_end);
  if (start_char != NULL)
    *start_char = gtk_text_iter_get_offset (&match_start);
  if (end_char != NULL)
    *end_char = gtk_text_iter_get_offset (&match_end);
}

void
cp_test_window_settle (CpWindow *window)
{
  g_return_if_fail (CP_IS_WINDOW (window));

  cp_test_wait_until (window_loaded, window, "the files to load");
  cp_test_wait_until (panes_laid_out, window, "the panes to be laid out");
  cp_test_wait_for_layout (GTK_WIDGET (window));
}

CpApplication *
cp_test_application_new (void)
{
  CpApplication *application = cp_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (application),
                           g_application_get_flags (G_APPLICATION (application)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  return application;
}

GPtrArray *
cp_test_window_banner_texts (CpWindow *window)
{
  g_autoptr(GPtrArray) labels = cp_test_find_widgets (GTK_WIDGET (window), GTK_TYPE_LABEL);
  GPtrArray *texts = g_ptr_array_new ();

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = labels->pdata[i];

      /* the message, not the label of the Dismiss button */
      if (gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON) != NULL)
        continue;
      for (GtkWidget *ancestor = label; ancestor != NULL; ancestor = gtk_widget_get_parent (ancestor))
        if (gtk_widget_has_css_class (ancestor, "banner"))
          {
            g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (label)));
            break;
          }
    }
  return texts;
}

void
cp_test_window_open_files (CpWindow  *window,
                           GFile    **files,
                           guint      n_files)
{
  g_return_if_fail (CP_IS_WINDOW (window));

  cp_window_open_files (window, files, n_files);
  cp_test_window_settle (window);
}

/* }}} */
