/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The window's notes: win.add-note (Ctrl+M, and the panes' context menu)
 * writes a note on the selected passage of the pane the reader is in;
 * each pane shows its review's notes in a CpNoteMargin; the sidebar lists
 * them all in a CpNoteList. Editing and deleting, from a marker or the
 * list, happen here, so that a deletion can be undone.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cp-note-list.h"
#include "cp-note-margin.h"
#include "cp-note-popover.h"
#include "cp-window-private.h"

#define MARGIN_KEY "cp-note-margin"

typedef struct
{
  CpComparison *comparison;
  CpNote       *note;
  guint         position;
} DeletedNote;

static void
deleted_note_free (gpointer data)
{
  DeletedNote *deleted = data;

  g_clear_object (&deleted->comparison);
  g_clear_object (&deleted->note);
  g_free (deleted);
}

static void
undo_delete (CpWindow *self,
             gpointer  data)
{
  DeletedNote *deleted = data;
  guint n = g_list_model_get_n_items (cp_comparison_get_notes (deleted->comparison));

  /* Its review may have been closed since */
  if (cp_comparison_find_document (deleted->comparison, cp_note_get_document (deleted->note), NULL))
    cp_comparison_insert_note (deleted->comparison, MIN (deleted->position, n), deleted->note);
}

static void
delete_note (CpWindow *self,
             CpNote   *note)
{
  g_autoptr(CpNote) kept = g_object_ref (note);
  DeletedNote *deleted;
  guint position;

  if (!cp_comparison_remove_note (self->comparison, note, &position))
    return;

  deleted = g_new0 (DeletedNote, 1);
  deleted->comparison = g_object_ref (self->comparison);
  deleted->note = g_steal_pointer (&kept);
  deleted->position = position;
  cp_window_notify_with_undo (self, _("Note deleted"), undo_delete, deleted, deleted_note_free);
}

static CpReviewPane *
pane_of_note (CpWindow *self,
              CpNote   *note)
{
  return g_hash_table_lookup (self->panes, cp_note_get_document (note));
}

static CpNoteMargin *
pane_get_margin (CpReviewPane *pane)
{
  return g_object_get_data (G_OBJECT (pane), MARGIN_KEY);
}

/* The pane the keyboard is in, else the one the reader was last in */
static CpReviewPane *
current_pane (CpWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *ancestor = focus != NULL ? gtk_widget_get_ancestor (focus, CP_TYPE_REVIEW_PANE) : NULL;
  CpDocument *anchor;

  if (ancestor != NULL)
    return CP_REVIEW_PANE (ancestor);
  anchor = cp_focus_get_anchor (self->focus);
  return anchor != NULL ? g_hash_table_lookup (self->panes, anchor) : NULL;
}

static void
update_add_note (CpWindow *self)
{
  CpReviewPane *pane = current_pane (self);
  gboolean enabled = FALSE;

  if (pane != NULL)
    enabled = gtk_text_buffer_get_has_selection (gtk_text_view_get_buffer (cp_review_pane_get_view (pane)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-note", enabled);
}

/* --- writing and editing --- */

static void
new_note_confirmed_cb (CpNotePopover *popover,
                       const char    *text,
                       CpWindow      *self)
{
  CpDocument *document = g_object_get_data (G_OBJECT (popover), "cp-document");
  gsize start = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (popover), "cp-start"));
  gsize end = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (popover), "cp-end"));
  g_autoptr(CpNote) note = NULL;

  if (strlen (text) > CP_NOTE_MAX_TEXT)
    {
      cp_window_notify (self, _("The note is too long to keep: shorten it and add it again"));
      return;
    }
  if (!cp_comparison_find_document (self->comparison, document, NULL))
    return;

  note = cp_note_new (document, start, end, text);
  cp_comparison_add_note (self->comparison, note);
}

/* Whether the keyboard is in a note being written */
static gboolean
is_writing (CpWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *popover = focus != NULL ? gtk_widget_get_ancestor (focus, CP_TYPE_NOTE_POPOVER) : NULL;

  return popover != NULL && gtk_widget_get_mapped (popover);
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  CpReviewPane *pane = current_pane (self);
  CpDocument *document;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GdkRectangle location;
  gsize start_byte, end_byte;
  g_autofree char *quote = NULL;
  GtkWidget *popover;
  int x, y;

  if (pane == NULL || is_writing (self))
    return;
  view = cp_review_pane_get_view (pane);
  buffer = gtk_text_view_get_buffer (view);
  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;

  /* The buffer's characters are the review's */
  document = cp_review_pane_get_document (pane);
  start_byte = cp_document_get_byte_offset (document, gtk_text_iter_get_offset (&start));
  end_byte = cp_document_get_byte_offset (document, gtk_text_iter_get_offset (&end));
  if (end_byte - start_byte > CP_NOTE_MAX_QUOTE)
    {
      cp_window_notify (self, _("The passage is too long for a note: select a shorter one"));
      return;
    }
  quote = g_strndup (cp_document_get_text (document) + start_byte, end_byte - start_byte);

  popover = cp_note_popover_new (quote, NULL);
  g_object_set_data_full (G_OBJECT (popover), "cp-document", g_object_ref (document), g_object_unref);
  g_object_set_data (G_OBJECT (popover), "cp-start", GSIZE_TO_POINTER (start_byte));
  g_object_set_data (G_OBJECT (popover), "cp-end", GSIZE_TO_POINTER (end_byte));
  g_signal_connect_object (popover, "confirmed", G_CALLBACK (new_note_confirmed_cb), self, 0);

  /* At the start of the selection when it is in view */
  gtk_text_view_get_iter_location (view, &start, &location);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, location.x, location.y, &x, &y);
  location.x = CLAMP (x, 0, gtk_widget_get_width (GTK_WIDGET (view)));
  location.y = CLAMP (y, 0, gtk_widget_get_height (GTK_WIDGET (view)));
  location.width = 1;
  cp_note_popover_popup_at (CP_NOTE_POPOVER (popover), GTK_WIDGET (view), &location);
}

static void
edit_confirmed_cb (CpNotePopover *popover,
                   const char    *text,
                   CpWindow      *self)
{
  CpNote *note = g_object_get_data (G_OBJECT (popover), "cp-note");

  if (strlen (text) > CP_NOTE_MAX_TEXT)
    {
      cp_window_notify (self, _("The note is too long to keep: the change was not kept"));
      return;
    }
  cp_note_set_text (note, text);
}

static void
edit_delete_cb (CpNotePopover *popover,
                CpWindow      *self)
{
  delete_note (self, g_object_get_data (G_OBJECT (popover), "cp-note"));
}

/* Opens @note's text for editing, in a popover attached to @parent
 * (which outlives the markers and rows the notes' changes make anew),
 * pointing at @target */
static void
edit_note (CpWindow  *self,
           CpNote    *note,
           GtkWidget *parent,
           GtkWidget *target)
{
  GtkWidget *popover = cp_note_popover_new (cp_note_get_quote (note), cp_note_get_text (note));
  graphene_rect_t bounds;
  GdkRectangle rect = { 0, 0, 1, 1 };

  g_object_set_data_full (G_OBJECT (popover), "cp-note", g_object_ref (note), g_object_unref);
  g_signal_connect_object (popover, "confirmed", G_CALLBACK (edit_confirmed_cb), self, 0);
  g_signal_connect_object (popover, "delete", G_CALLBACK (edit_delete_cb), self, 0);

  if (target != NULL && gtk_widget_compute_bounds (target, parent, &bounds))
    rect = (GdkRectangle) { bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height };
  cp_note_popover_popup_at (CP_NOTE_POPOVER (popover), parent, &rect);
}

static void
marker_activated_cb (CpWindow     *self,
                     CpNote       *note,
                     GtkWidget    *marker,
                     CpNoteMargin *margin)
{
  CpReviewPane *pane = pane_of_note (self, note);

  if (pane != NULL)
    edit_note (self, note, GTK_WIDGET (cp_review_pane_get_view (pane)), marker);
}

/* --- the list --- */

static void
list_note_activated_cb (CpWindow   *self,
                        CpNote     *note,
                        CpNoteList *list)
{
  CpReviewPane *pane = pane_of_note (self, note);
  guint n = cp_window_get_n_panes (self);
  g_autofree guint *starts = g_new (guint, MAX (n, 1));
  g_autofree guint *ends = g_new (guint, MAX (n, 1));
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  guint start_char, end_char;

  if (pane == NULL || !cp_note_margin_get_note_chars (pane_get_margin (pane), note, &start_char, &end_char))
    return;

  for (guint i = 0; i < n; i++)
    {
      gboolean is_pane = cp_window_get_pane (self, i) == pane;

      starts[i] = is_pane ? start_char : G_MAXUINT;
      ends[i] = is_pane ? end_char : G_MAXUINT;
    }
  cp_window_level_ranges (self, starts, ends, pane);
  /* The others follow as they would its scrolling */
  if (cp_scroll_sync_get_enabled (self->scroll_sync))
    cp_scroll_sync_align_on (self->scroll_sync, pane);

  buffer = gtk_text_view_get_buffer (cp_review_pane_get_view (pane));
  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_char);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, end_char);
  gtk_text_buffer_select_range (buffer, &start, &end);
}

static void
list_edit_note_cb (CpWindow   *self,
                   CpNote     *note,
                   GtkWidget  *row,
                   CpNoteList *list)
{
  edit_note (self, note, GTK_WIDGET (list), row);
}

static void
list_delete_note_cb (CpWindow   *self,
                     CpNote     *note,
                     CpNoteList *list)
{
  delete_note (self, note);
}

/* --- the panes --- */

static void
selection_changed_cb (CpWindow      *self,
                      GParamSpec    *pspec,
                      GtkTextBuffer *buffer)
{
  update_add_note (self);
}

/* Every new pane gets its margin (the window made the panes first: its
 * handler was connected before this one) */
static void
documents_changed_cb (CpWindow   *self,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GListModel *documents)
{
  guint n = cp_window_get_n_panes (self);

  for (guint i = 0; i < n; i++)
    {
      CpReviewPane *pane = cp_window_get_pane (self, i);
      GtkTextView *view;
      CpNoteMargin *margin;

      if (pane == NULL || pane_get_margin (pane) != NULL)
        continue;
      view = cp_review_pane_get_view (pane);
      margin = cp_note_margin_new (self->comparison, cp_review_pane_get_document (pane), view);
      g_object_set_data (G_OBJECT (pane), MARGIN_KEY, margin);
      g_signal_connect_object (margin, "note-activated", G_CALLBACK (marker_activated_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (gtk_text_view_get_buffer (view), "notify::has-selection",
                               G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
    }
  update_add_note (self);
}

/* --- public --- */

void
cp_window_class_notes_init (CpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (CP_TYPE_NOTE_LIST);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, note_list);

  gtk_widget_class_install_action (widget_class, "win.add-note", NULL, add_note_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.add-note", NULL);
}

void
cp_window_notes_init (CpWindow *self)
{
  cp_note_list_set_comparison (self->note_list, self->comparison);
  g_signal_connect_object (self->note_list, "note-activated", G_CALLBACK (list_note_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->note_list, "edit-note", G_CALLBACK (list_edit_note_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->note_list, "delete-note", G_CALLBACK (list_delete_note_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cp_comparison_get_documents (self->comparison), "items-changed",
                           G_CALLBACK (documents_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::focus-widget", G_CALLBACK (update_add_note), self, G_CONNECT_SWAPPED);
  update_add_note (self);
}

/**
 * cp_window_get_note_margin:
 * @self: a #CpWindow
 * @pane: one of its panes
 *
 * Returns: (transfer none) (nullable): the margin that shows @pane's notes
 */
CpNoteMargin *
cp_window_get_note_margin (CpWindow     *self,
                           CpReviewPane *pane)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), NULL);
  g_return_val_if_fail (CP_IS_REVIEW_PANE (pane), NULL);

  return pane_get_margin (pane);
}
