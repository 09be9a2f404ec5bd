/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpNoteMargin: a review's notes in its pane. Each note's passage carries
 * the "note" tag, a light tint with an underline, and a marker button in
 * the text view's left margin beside the passage's first line. Pointing at
 * the marker or the passage shows the note; the marker's click emits
 * ::note-activated, for the window to open the note.
 *
 * The tag has the lowest priority in the buffer, so a topic's colour is
 * drawn over it where a mention lies in a noted passage. The highlighter
 * re-tags only its own tags: the notes' stay through topic changes, and
 * the margin re-applies them only when the notes change.
 *
 * The markers are the view's overlays, in buffer coordinates inside its
 * left margin: the view moves them as it scrolls, in its own layout pass.
 * When its lines are laid out anew (a new width, a new font) the markers
 * are moved from an idle: the view changes its adjustment while it draws,
 * when no widget may ask for a new layout.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cp-note-margin.h"

/* Where the markers sit in the view's left margin */
#define MARKER_X 2

struct _CpNoteMargin
{
  GObject        parent_instance;

  CpComparison  *comparison;
  CpDocument    *document;
  GtkTextView   *view;          /* weak: the view owns the margin */
  GtkTextTag    *tag;
  GPtrArray     *notes;         /* CpNote, in text order */
  GPtrArray     *markers;       /* GtkButton per note */
  GtkAdjustment *vadjustment;
  guint          place_source;
};

G_DEFINE_FINAL_TYPE (CpNoteMargin, cp_note_margin, G_TYPE_OBJECT)

enum {
  NOTE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One amber for both styles: a fifth of it over white or over the dark
 * style's base is a tint that leaves the text and a topic's colour
 * readable */
static const GdkRGBA note_tint = { 0.90f, 0.65f, 0.04f, 0.20f };
static const GdkRGBA note_line = { 0.90f, 0.65f, 0.04f, 0.90f };

static void
note_chars (CpNoteMargin *self,
            CpNote       *note,
            guint        *start_char,
            guint        *end_char)
{
  *start_char = cp_document_get_char_offset (self->document, cp_note_get_start (note));
  *end_char = cp_document_get_char_offset (self->document, cp_note_get_end (note));
}

static void
marker_clicked_cb (CpNoteMargin *self,
                   GtkButton    *marker)
{
  guint index;

  if (g_ptr_array_find (self->markers, marker, &index) && index < self->notes->len)
    g_signal_emit (self, signals[NOTE_ACTIVATED], 0, g_ptr_array_index (self->notes, index), marker);
}

/* Shows @note on the @index-th marker. GTK 4.8 cannot take an overlay
 * off a text view (gtk_text_view_remove () refuses it): the markers are
 * kept, and those beyond the notes hidden. */
static void
show_marker (CpNoteMargin *self,
             guint         index,
             CpNote       *note)
{
  g_autofree char *name = g_strdup_printf (_("Note: %s"), cp_note_get_text (note));
  GtkWidget *marker;

  if (index == self->markers->len)
    {
      marker = gtk_button_new_from_icon_name ("cp-note-symbolic");
      gtk_widget_add_css_class (marker, "flat");
      gtk_widget_add_css_class (marker, "note-marker");
      g_signal_connect_object (marker, "clicked", G_CALLBACK (marker_clicked_cb), self, G_CONNECT_SWAPPED);
      gtk_text_view_add_overlay (self->view, marker, MARKER_X, 0);
      g_ptr_array_add (self->markers, marker);
    }
  marker = g_ptr_array_index (self->markers, index);
  gtk_widget_set_tooltip_text (marker, cp_note_get_text (note));
  gtk_accessible_update_property (GTK_ACCESSIBLE (marker),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_widget_set_visible (marker, TRUE);
}

/* Beside the first line of each passage, and below the marker before it
 * when two notes start on the same line */
static void
place_markers (CpNoteMargin *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  int below = G_MININT;

  for (guint i = 0; i < self->notes->len; i++)
    {
      GtkWidget *marker = g_ptr_array_index (self->markers, i);
      GtkTextIter iter;
      GdkRectangle location;
      guint start_char, end_char;
      int marker_height, y;

      gtk_widget_measure (marker, GTK_ORIENTATION_VERTICAL, -1, &marker_height, NULL, NULL, NULL);
      note_chars (self, g_ptr_array_index (self->notes, i), &start_char, &end_char);
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, start_char);
      gtk_text_view_get_iter_location (self->view, &iter, &location);
      y = MAX (location.y + (location.height - marker_height) / 2, below);
      below = y + marker_height;
      /* GTK 4.8 does not scroll an overlay of the text with the buffer:
       * it follows the scrolling from here, placed again on every change
       * of the adjustment */
      y -= (int) gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view)));
      gtk_text_view_move_overlay (self->view, marker, MARKER_X, y);
    }
}

static gboolean
place_markers_cb (gpointer data)
{
  CpNoteMargin *self = data;

  self->place_source = 0;
  if (self->view != NULL)
    place_markers (self);
  return G_SOURCE_REMOVE;
}

static void
queue_place_markers (CpNoteMargin *self)
{
  if (self->place_source != 0 || self->notes == NULL || self->notes->len == 0)
    return;
  self->place_source = g_idle_add (place_markers_cb, self);
  g_source_set_name_by_id (self->place_source, "[counterpoint] place the note markers");
}

/* Tags the passages and makes a marker per note, from the comparison's
 * notes on this review now */
static void
update_notes (CpNoteMargin *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->tag, &start, &end);
  g_clear_pointer (&self->notes, g_ptr_array_unref);

  if (cp_comparison_find_document (self->comparison, self->document, NULL))
    self->notes = cp_comparison_dup_document_notes (self->comparison, self->document);
  else
    self->notes = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = self->notes->len; i < self->markers->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->markers, i), FALSE);

  for (guint i = 0; i < self->notes->len; i++)
    {
      CpNote *note = g_ptr_array_index (self->notes, i);
      guint start_char, end_char;

      note_chars (self, note, &start_char, &end_char);
      gtk_text_buffer_get_iter_at_offset (buffer, &start, start_char);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, end_char);
      gtk_text_buffer_apply_tag (buffer, self->tag, &start, &end);
      show_marker (self, i, note);
    }
  if (gtk_widget_get_height (GTK_WIDGET (self->view)) > 0)
    place_markers (self);
  queue_place_markers (self);
}

static void
comparison_changed_cb (CpNoteMargin       *self,
                       CpComparisonChange  change,
                       CpComparison       *comparison)
{
  if (change & (CP_COMPARISON_CHANGE_NOTES | CP_COMPARISON_CHANGE_DOCUMENTS))
    update_notes (self);
}

/* The view's lines were laid out anew */
static void
adjustment_changed_cb (CpNoteMargin  *self,
                       GtkAdjustment *adjustment)
{
  queue_place_markers (self);
}

static gboolean
query_tooltip_cb (CpNoteMargin *self,
                  int           x,
                  int           y,
                  gboolean      keyboard,
                  GtkTooltip   *tooltip,
                  GtkWidget    *view)
{
  GtkTextIter iter;
  CpNote *note;
  int bx, by;

  if (keyboard)
    return FALSE;
  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->view, &iter, bx, by))
    return FALSE;
  note = cp_note_margin_get_note_at (self, gtk_text_iter_get_offset (&iter));
  if (note == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, cp_note_get_text (note));
  return TRUE;
}

static void
cp_note_margin_dispose (GObject *object)
{
  CpNoteMargin *self = CP_NOTE_MARGIN (object);

  g_clear_handle_id (&self->place_source, g_source_remove);
  g_clear_weak_pointer (&self->view);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->comparison);
  g_clear_object (&self->document);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->markers, g_ptr_array_unref);

  G_OBJECT_CLASS (cp_note_margin_parent_class)->dispose (object);
}

static void
cp_note_margin_class_init (CpNoteMarginClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cp_note_margin_dispose;

  /**
   * CpNoteMargin::note-activated:
   * @note: the note
   * @marker: its marker
   *
   * The reader clicked a note's marker, or activated it from the keyboard.
   */
  signals[NOTE_ACTIVATED] =
    g_signal_new ("note-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, CP_TYPE_NOTE, GTK_TYPE_WIDGET);
}

static void
cp_note_margin_init (CpNoteMargin *self)
{
  self->markers = g_ptr_array_new ();
}

/**
 * cp_note_margin_new:
 * @comparison: the comparison that holds the notes
 * @document: the review @view shows
 * @view: its text view, whose buffer's character offsets are the review's
 *
 * Tags the noted passages, puts their markers in @view's left margin and
 * keeps both up to date. The margin belongs to @view.
 *
 * Returns: (transfer none): the margin
 */
CpNoteMargin *
cp_note_margin_new (CpComparison *comparison,
                    CpDocument   *document,
                    GtkTextView  *view)
{
  CpNoteMargin *self;
  GtkScrollable *scrollable = GTK_SCROLLABLE (view);

  g_return_val_if_fail (CP_IS_COMPARISON (comparison), NULL);
  g_return_val_if_fail (CP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  self = g_object_new (CP_TYPE_NOTE_MARGIN, NULL);
  self->comparison = g_object_ref (comparison);
  self->document = g_object_ref (document);
  g_set_weak_pointer (&self->view, view);
  g_object_set_data_full (G_OBJECT (view), "cp-note-margin", self, g_object_unref);

  self->tag = gtk_text_buffer_create_tag (gtk_text_view_get_buffer (view), "note",
                                          "background-rgba", &note_tint,
                                          "underline", PANGO_UNDERLINE_SINGLE,
                                          "underline-rgba", &note_line,
                                          NULL);
  gtk_text_tag_set_priority (self->tag, 0);

  self->vadjustment = g_object_ref (gtk_scrollable_get_vadjustment (scrollable));
  g_signal_connect_object (self->vadjustment, "value-changed", G_CALLBACK (adjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vadjustment, "changed", G_CALLBACK (adjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (comparison, "changed", G_CALLBACK (comparison_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "query-tooltip", G_CALLBACK (query_tooltip_cb), self, G_CONNECT_SWAPPED);

  update_notes (self);
  return self;
}

/**
 * cp_note_margin_get_tag:
 * @self: a #CpNoteMargin
 *
 * Returns: (transfer none): the tag of the noted passages
 */
GtkTextTag *
cp_note_margin_get_tag (CpNoteMargin *self)
{
  g_return_val_if_fail (CP_IS_NOTE_MARGIN (self), NULL);

  return self->tag;
}

/**
 * cp_note_margin_get_notes:
 * @self: a #CpNoteMargin
 *
 * Returns: (transfer none) (element-type CpNote): the notes shown, in
 *   text order
 */
GPtrArray *
cp_note_margin_get_notes (CpNoteMargin *self)
{
  g_return_val_if_fail (CP_IS_NOTE_MARGIN (self), NULL);

  return self->notes;
}

/**
 * cp_note_margin_get_marker:
 * @self: a #CpNoteMargin
 * @note: a note on the review
 *
 * Returns: (transfer none) (nullable): the marker of @note
 */
GtkWidget *
cp_note_margin_get_marker (CpNoteMargin *self,
                           CpNote       *note)
{
  guint index;

  g_return_val_if_fail (CP_IS_NOTE_MARGIN (self), NULL);

  return g_ptr_array_find (self->notes, note, &index) ? g_ptr_array_index (self->markers, index) : NULL;
}

/**
 * cp_note_margin_get_note_at:
 * @self: a #CpNoteMargin
 * @char_offset: a character offset into the review
 *
 * Returns: (transfer none) (nullable): the last note whose passage holds
 *   @char_offset
 */
CpNote *
cp_note_margin_get_note_at (CpNoteMargin *self,
                            guint         char_offset)
{
  CpNote *found = NULL;

  g_return_val_if_fail (CP_IS_NOTE_MARGIN (self), NULL);

  for (guint i = 0; i < self->notes->len; i++)
    {
      CpNote *note = g_ptr_array_index (self->notes, i);
      guint start_char, end_char;

      note_chars (self, note, &start_char, &end_char);
      if (start_char > char_offset)
        break;
      if (char_offset < end_char)
        found = note;
    }
  return found;
}

/**
 * cp_note_margin_get_note_chars:
 * @self: a #CpNoteMargin
 * @note: a note on the review
 * @start_char: (out): where its passage starts, in characters
 * @end_char: (out): where it ends
 *
 * Returns: %TRUE if @note is on the review
 */
gboolean
cp_note_margin_get_note_chars (CpNoteMargin *self,
                               CpNote       *note,
                               guint        *start_char,
                               guint        *end_char)
{
  g_return_val_if_fail (CP_IS_NOTE_MARGIN (self), FALSE);
  g_return_val_if_fail (CP_IS_NOTE (note), FALSE);

  if (cp_note_get_document (note) != self->document)
    return FALSE;
  note_chars (self, note, start_char, end_char);
  return TRUE;
}
