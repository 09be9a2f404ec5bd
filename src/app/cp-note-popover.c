/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpNotePopover: where a note is written or edited, pointing at its
 * passage. Made for a new note (no text yet) it has an Add button; for a
 * note that exists, Done and Delete.
 *
 * Add, Done and Ctrl+Enter emit ::confirmed with the text, unless it is
 * blank; closing an edit any other way (a click elsewhere) keeps the
 * changes too. Escape closes without: a new note is not added, an edit is
 * dropped. The popover takes itself off its parent once closed.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cp-note-popover.h"

struct _CpNotePopover
{
  GtkPopover     parent_instance;

  GtkTextView   *view;
  GtkWidget     *hint;
  GtkWidget     *confirm_button;
  gboolean       editing;
  gboolean       finished;      /* confirmed, deleted or cancelled */
  GtkWidget     *return_focus;  /* weak: where the keyboard was before */
};

G_DEFINE_FINAL_TYPE (CpNotePopover, cp_note_popover, GTK_TYPE_POPOVER)

enum {
  CONFIRMED,
  DELETE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
buffer_changed_cb (CpNotePopover *self,
                   GtkTextBuffer *buffer)
{
  g_autofree char *text = cp_note_popover_dup_text (self);
  gboolean blank = is_blank (text);

  gtk_widget_set_visible (self->hint, gtk_text_buffer_get_char_count (buffer) == 0);
  gtk_widget_set_sensitive (self->confirm_button, !blank);
}

static gboolean
confirm_cb (GtkWidget *widget,
            GVariant  *arguments,
            gpointer   user_data)
{
  cp_note_popover_confirm (CP_NOTE_POPOVER (widget));
  return TRUE;
}

static gboolean
cancel_cb (GtkWidget *widget,
           GVariant  *arguments,
           gpointer   user_data)
{
  CpNotePopover *self = CP_NOTE_POPOVER (widget);

  self->finished = TRUE;
  gtk_popover_popdown (GTK_POPOVER (self));
  return TRUE;
}

static void
delete_clicked_cb (CpNotePopover *self,
                   GtkButton     *button)
{
  self->finished = TRUE;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[DELETE], 0);
}

/* The widget it hangs from is going (its review was closed): it goes
 * first, as GTK wants a widget's children gone before it */
static void
parent_unmapped_cb (CpNotePopover *self,
                    GtkWidget     *parent)
{
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != parent)
    return;
  g_signal_handlers_disconnect_by_func (parent, parent_unmapped_cb, self);
  self->finished = TRUE;
  gtk_widget_unparent (GTK_WIDGET (self));
}

static gboolean
unparent_cb (gpointer data)
{
  GtkWidget *self = data;
  GtkWidget *parent = gtk_widget_get_parent (self);

  if (parent != NULL)
    {
      g_signal_handlers_disconnect_by_func (parent, parent_unmapped_cb, self);
      gtk_widget_unparent (self);
    }
  return G_SOURCE_REMOVE;
}

static void
cp_note_popover_closed (GtkPopover *popover)
{
  CpNotePopover *self = CP_NOTE_POPOVER (popover);

  /* An edit is kept when the popover is left, as a text field's is */
  if (self->editing && !self->finished)
    {
      g_autofree char *text = cp_note_popover_dup_text (self);

      self->finished = TRUE;
      if (!is_blank (text))
        g_signal_emit (self, signals[CONFIRMED], 0, text);
    }

  /* The keyboard goes back where it was (the text), not to the first
   * widget GTK finds */
  if (self->return_focus != NULL && gtk_widget_get_mapped (self->return_focus))
    gtk_widget_grab_focus (self->return_focus);
  g_clear_weak_pointer (&self->return_focus);

  /* Not from within its own signal */
  g_idle_add_full (G_PRIORITY_DEFAULT, unparent_cb, g_object_ref (self), g_object_unref);
}

static void
cp_note_popover_dispose (GObject *object)
{
  CpNotePopover *self = CP_NOTE_POPOVER (object);

  g_clear_weak_pointer (&self->return_focus);

  G_OBJECT_CLASS (cp_note_popover_parent_class)->dispose (object);
}

static void
cp_note_popover_class_init (CpNotePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPopoverClass *popover_class = GTK_POPOVER_CLASS (klass);

  object_class->dispose = cp_note_popover_dispose;
  popover_class->closed = cp_note_popover_closed;

  /**
   * CpNotePopover::confirmed:
   * @text: the note's text, not blank
   */
  signals[CONFIRMED] =
    g_signal_new ("confirmed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * CpNotePopover::delete:
   *
   * The reader asked to delete the note being edited.
   */
  signals[DELETE] =
    g_signal_new ("delete",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

}

static void
cp_note_popover_init (CpNotePopover *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "note-popover");
}

/* The popover's own bindings come after the text view's, which would take
 * Ctrl+Enter as a line break: these are seen first */
static void
add_capture_shortcuts (CpNotePopover *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();
  const guint keyvals[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keyvals); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keyvals[i], GDK_CONTROL_MASK),
                                                            gtk_callback_action_new (confirm_cb, NULL, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (cancel_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/**
 * cp_note_popover_new:
 * @quote: (nullable): the passage the note is on, shown above the text
 * @text: (nullable): the text of the note being edited, or %NULL for a
 *   new note
 *
 * Returns: (transfer floating): a popover to write a note in
 */
GtkWidget *
cp_note_popover_new (const char *quote,
                     const char *text)
{
  CpNotePopover *self = g_object_new (CP_TYPE_NOTE_POPOVER, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkTextBuffer *buffer;

  self->editing = text != NULL;

  if (quote != NULL && *quote != '\0')
    {
      g_autofree char *quoted = g_strdup_printf (_("“%s”"), quote);
      GtkWidget *label = gtk_label_new (quoted);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_lines (GTK_LABEL (label), 2);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_add_css_class (label, "note-quote");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  self->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->view, FALSE);
  gtk_text_view_set_top_margin (self->view, 6);
  gtk_text_view_set_bottom_margin (self->view, 6);
  gtk_text_view_set_left_margin (self->view, 6);
  gtk_text_view_set_right_margin (self->view, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"),
                                  -1);
  buffer = gtk_text_view_get_buffer (self->view);
  if (text != NULL)
    gtk_text_buffer_set_text (buffer, text, -1);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 90);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_size_request (scroller, 300, -1);
  gtk_widget_add_css_class (scroller, "note-editor");
  gtk_overlay_set_child (GTK_OVERLAY (overlay), scroller);

  /* GtkTextView has no placeholder text */
  self->hint = gtk_label_new (_("Write a note on this passage"));
  gtk_widget_set_halign (self->hint, GTK_ALIGN_START);
  gtk_widget_set_valign (self->hint, GTK_ALIGN_START);
  gtk_widget_set_margin_start (self->hint, 7);
  gtk_widget_set_margin_top (self->hint, 6);
  gtk_widget_set_can_target (self->hint, FALSE);
  gtk_widget_add_css_class (self->hint, "dim-label");
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->hint);
  gtk_box_append (GTK_BOX (box), overlay);

  if (self->editing)
    {
      GtkWidget *delete = gtk_button_new_with_mnemonic (_("_Delete"));

      gtk_widget_set_tooltip_text (delete, _("Delete this note"));
      gtk_widget_add_css_class (delete, "destructive-action");
      g_signal_connect_object (delete, "clicked", G_CALLBACK (delete_clicked_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (buttons), delete);
    }
  else
    {
      GtkWidget *shortcut = gtk_label_new (_("Ctrl+Enter to add"));

      gtk_widget_add_css_class (shortcut, "dim-label");
      gtk_widget_add_css_class (shortcut, "caption");
      gtk_box_append (GTK_BOX (buttons), shortcut);
    }
  self->confirm_button = gtk_button_new_with_mnemonic (self->editing ? _("_Done") : _("_Add"));
  gtk_widget_set_hexpand (self->confirm_button, TRUE);
  gtk_widget_set_halign (self->confirm_button, GTK_ALIGN_END);
  gtk_widget_add_css_class (self->confirm_button, "suggested-action");
  g_signal_connect_object (self->confirm_button, "clicked", G_CALLBACK (cp_note_popover_confirm), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), self->confirm_button);
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_popover_set_child (GTK_POPOVER (self), box);
  gtk_popover_set_default_widget (GTK_POPOVER (self), NULL);
  add_capture_shortcuts (self);

  g_signal_connect_object (buffer, "changed", G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
  buffer_changed_cb (self, buffer);

  return GTK_WIDGET (self);
}

/**
 * cp_note_popover_dup_text:
 * @self: a #CpNotePopover
 *
 * Returns: (transfer full): the text as written, without the blank lines
 *   and spaces around it
 */
char *
cp_note_popover_dup_text (CpNotePopover *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CP_IS_NOTE_POPOVER (self), NULL);

  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

GtkTextView *
cp_note_popover_get_view (CpNotePopover *self)
{
  g_return_val_if_fail (CP_IS_NOTE_POPOVER (self), NULL);

  return self->view;
}

/**
 * cp_note_popover_confirm:
 * @self: a #CpNotePopover
 *
 * What Add, Done and Ctrl+Enter do: emits ::confirmed with the text
 * unless it is blank, and closes.
 */
void
cp_note_popover_confirm (CpNotePopover *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CP_IS_NOTE_POPOVER (self));

  text = cp_note_popover_dup_text (self);
  if (self->finished || is_blank (text))
    return;

  self->finished = TRUE;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CONFIRMED], 0, text);
}

/**
 * cp_note_popover_popup_at:
 * @self: a #CpNotePopover
 * @parent: the widget to attach it to
 * @rect: (nullable): where it points, in @parent's coordinates
 *
 * Shows the popover with the keyboard in its text; it unparents itself
 * once closed.
 */
void
cp_note_popover_popup_at (CpNotePopover      *self,
                          GtkWidget          *parent,
                          const GdkRectangle *rect)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;

  g_return_if_fail (CP_IS_NOTE_POPOVER (self));
  g_return_if_fail (GTK_IS_WIDGET (parent));

  {
    GtkRoot *root = gtk_widget_get_root (parent);
    GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

    g_set_weak_pointer (&self->return_focus, focus != NULL ? focus : parent);
  }
  gtk_widget_set_parent (GTK_WIDGET (self), parent);
  g_signal_connect_object (parent, "unmap", G_CALLBACK (parent_unmapped_cb), self, G_CONNECT_SWAPPED);
  if (rect != NULL)
    gtk_popover_set_pointing_to (GTK_POPOVER (self), rect);
  gtk_popover_popup (GTK_POPOVER (self));

  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}
