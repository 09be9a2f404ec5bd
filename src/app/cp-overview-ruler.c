/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "cp-overview-ruler.h"
#include "cp-rgba.h"

/**
 * CpOverviewRuler:
 *
 * A slim strip beside a pane's scrollbar with a mark at every mention of
 * an enabled topic, in the topic's color, and a frame around the part of
 * the review that is visible. Clicking or dragging scrolls the view so that
 * the frame centers on the pointer.
 *
 * The marks are kept in two caches: the character offsets of the
 * mentions, rebuilt when the comparison's topics change, and the marks in
 * widget pixels, merged per topic where they touch, rebuilt when the
 * offsets, the view's layout (its adjustment's upper bound) or the ruler's
 * height change. A long review with thousands of mentions becomes at most
 * a few hundred rectangles. A snapshot draws from the cache only and never
 * walks the text buffer: when the cache is out of date it stretches the
 * marks it has to the new height and schedules the rebuild after the frame,
 * at most every 250 ms while the view lays out a long review.
 */

#define RULER_WIDTH         12
#define MARK_INSET          2.f
#define MIN_MARK_HEIGHT     3.f
#define FRAME_RADIUS        3.f
/* Above this height in ruler pixels, a paragraph's mentions are placed
 * exactly; below it, interpolating along the paragraph is within a pixel
 * and avoids laying out every paragraph of a long review.
 */
#define EXACT_LINE_HEIGHT   3.0
/* Placing a mention exactly lays its paragraph out (Pango shapes it): at
 * most this many per rebuild, the rest are interpolated.
 */
#define MAX_EXACT_MARKS     256
/* While the view validates a long review in the background its height
 * changes every few milliseconds: the marks are rebuilt at most this
 * often then, and stretched to the new height in between.
 */
#define REBUILD_INTERVAL_US (250 * G_TIME_SPAN_MILLISECOND)
/* After the frame that asked for it (GDK_PRIORITY_REDRAW is 120) */
#define REBUILD_PRIORITY    (G_PRIORITY_HIGH_IDLE + 30)

/* The topic of a search result's anchor: drawn over the topics' marks in
 * the text's colour */
#define SEARCH_ANCHOR G_MAXUINT

/* A mention of an enabled topic (or a search result), where the buffer
 * has it. */
typedef struct
{
  guint char_offset;
  guint topic;
} Anchor;

typedef struct
{
  float top;
  float bottom;
  guint topic;
} Mark;

struct _CpOverviewRuler
{
  GtkWidget      parent_instance;

  GtkTextView   *view;
  GtkAdjustment *vadjustment;
  CpFocus       *focus;
  CpComparison  *comparison;
  CpDocument    *document;
  CpMentions    *search;        /* what a search finds, or NULL */

  gulong         vadjustment_notify_id;
  gulong         value_changed_id;
  gulong         adjustment_changed_id;
  gulong         comparison_changed_id;
  gulong         focus_notify_id;

  /* Anchor, in buffer order: what the comparison says, rebuilt when it
   * changes.
   */
  GArray        *anchors;
  gboolean       anchors_valid;
  gboolean       anchors_found;

  /* Mark, top to bottom, in widget coordinates: where the view's layout
   * puts the anchors, rebuilt when the anchors, the layout or the height
   * change.
   */
  GArray        *marks;
  int            marks_height;
  double         marks_upper;
  gboolean       marks_valid;
  gint64         marks_built_at;
  guint          rebuild_source;

  /* GdkRGBA, one per topic of the comparison's topic set. */
  GArray        *colors;
  gboolean       colors_valid;
};

G_DEFINE_FINAL_TYPE (CpOverviewRuler, cp_overview_ruler, GTK_TYPE_WIDGET)

static double
get_upper (CpOverviewRuler *self)
{
  if (self->vadjustment == NULL)
    return 0;

  return gtk_adjustment_get_upper (self->vadjustment) -
         gtk_adjustment_get_lower (self->vadjustment);
}

static void
ensure_colors (CpOverviewRuler *self)
{
  CpTopicSet *topics;
  guint n_topics;

  if (self->colors_valid)
    return;

  self->colors_valid = TRUE;
  g_array_set_size (self->colors, 0);

  if (self->comparison == NULL)
    return;

  topics = cp_comparison_get_topics (self->comparison);
  n_topics = cp_topic_set_get_n_topics (topics);
  g_array_set_size (self->colors, n_topics);

  for (guint i = 0; i < n_topics; i++)
    {
      g_array_index (self->colors, GdkRGBA, i) = cp_topic_get_rgba (cp_topic_set_get_topic (topics, i), 1.f);
    }
}

/* Appends a mark spanning @top..@bottom (widget pixels) for @topic, or
 * grows the last mark of that topic when the two touch.
 */
static void
add_mark (CpOverviewRuler *self,
          guint           *last_mark,
          guint            topic,
          double           top,
          double           bottom,
          int              height)
{
  Mark mark;

  top = floor (top);
  bottom = MAX (ceil (bottom), top + MIN_MARK_HEIGHT);

  if (bottom > height)
    {
      bottom = height;
      top = MIN (top, bottom - MIN_MARK_HEIGHT);
    }
  top = MAX (top, 0);

  if (last_mark[topic] != G_MAXUINT)
    {
      Mark *last = &g_array_index (self->marks, Mark, last_mark[topic]);

      if (top <= last->bottom)
        {
          last->bottom = MAX (last->bottom, bottom);
          return;
        }
    }

  mark.top = top;
  mark.bottom = bottom;
  mark.topic = topic;
  g_array_append_val (self->marks, mark);
  last_mark[topic] = self->marks->len - 1;
}

static void
ensure_anchors (CpOverviewRuler *self)
{
  CpMentions *mentions;
  CpTopicSet *topics;
  guint n_mentions;
  guint n_topics;

  if (self->anchors_valid)
    return;

  self->anchors_valid = TRUE;
  self->anchors_found = FALSE;
  g_array_set_size (self->anchors, 0);

  if (self->comparison == NULL || self->document == NULL)
    return;
  mentions = cp_comparison_get_mentions_for_document (self->comparison, self->document);
  if (mentions == NULL)
    return;
  self->anchors_found = TRUE;

  n_mentions = cp_mentions_get_n_mentions (mentions);
  topics = cp_comparison_get_topics (self->comparison);
  n_topics = cp_topic_set_get_n_topics (topics);

  for (guint i = 0; i < n_mentions; i++)
    {
      const CpMention *mention = cp_mentions_get_mention (mentions, i);
      Anchor anchor;

      if (mention->topic >= n_topics ||
          !cp_topic_get_enabled (cp_topic_set_get_topic (topics, mention->topic)))
        continue;

      anchor.char_offset = cp_mentions_get_char_start (mentions, i);
      anchor.topic = mention->topic;
      g_array_append_val (self->anchors, anchor);
    }

  for (guint i = 0; self->search != NULL && i < cp_mentions_get_n_mentions (self->search); i++)
    {
      Anchor anchor = { cp_mentions_get_char_start (self->search, i), SEARCH_ANCHOR };

      g_array_append_val (self->anchors, anchor);
    }
}

static void
rebuild_marks (CpOverviewRuler *self,
               int              height,
               double           upper)
{
  g_autofree guint *last_mark = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  GdkRectangle first_line;
  guint n_topics;
  int n_chars;
  int window_y = 0;
  int window_x = 0;
  double scale;
  double offset;
  double line_estimate;
  int current_line = -1;
  int line_y = 0;
  int line_height = 0;
  int line_start = 0;
  int line_chars = 1;
  guint exact_budget = MAX_EXACT_MARKS;
  gboolean exact = FALSE;

  ensure_anchors (self);

  g_array_set_size (self->marks, 0);
  self->marks_height = height;
  self->marks_upper = upper;
  self->marks_valid = TRUE;
  self->marks_built_at = g_get_monotonic_time ();

  if (self->view == NULL || self->anchors->len == 0 || height <= 0 || upper <= 0)
    return;

  /* The search results' marks take the slot after the topics' */
  n_topics = cp_topic_set_get_n_topics (cp_comparison_get_topics (self->comparison));
  last_mark = g_new (guint, n_topics + 1);
  for (guint i = 0; i <= n_topics; i++)
    last_mark[i] = G_MAXUINT;

  buffer = gtk_text_view_get_buffer (self->view);
  n_chars = gtk_text_buffer_get_char_count (buffer);
  scale = height / upper;

  /* Buffer coordinates to the adjustment's: the view's margins and
   * padding sit between them.
   */
  gtk_text_view_buffer_to_window_coords (self->view, GTK_TEXT_WINDOW_WIDGET,
                                         0, 0, &window_x, &window_y);
  offset = window_y + gtk_adjustment_get_value (self->vadjustment) -
           gtk_adjustment_get_lower (self->vadjustment);

  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_view_get_iter_location (self->view, &iter, &first_line);
  line_estimate = first_line.height > 0 ? first_line.height : 16;

  for (guint i = 0; i < self->anchors->len; i++)
    {
      const Anchor *anchor = &g_array_index (self->anchors, Anchor, i);
      int char_offset = MIN (anchor->char_offset, (guint)n_chars);
      guint slot = anchor->topic == SEARCH_ANCHOR ? n_topics : anchor->topic;
      int line;
      double top;
      double bottom;

      if (slot > n_topics)
        continue;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, char_offset);
      line = gtk_text_iter_get_line (&iter);

      if (line != current_line)
        {
          current_line = line;
          gtk_text_view_get_line_yrange (self->view, &iter, &line_y, &line_height);
          line_start = char_offset - gtk_text_iter_get_line_offset (&iter);
          line_chars = MAX (1, gtk_text_iter_get_chars_in_line (&iter));
          exact = line_height * scale > EXACT_LINE_HEIGHT;
        }

      if (exact && exact_budget > 0)
        {
          GdkRectangle location;

          gtk_text_view_get_iter_location (self->view, &iter, &location);
          top = location.y;
          bottom = location.y + location.height;
          exact_budget--;
        }
      else
        {
          double fraction = (double)(char_offset - line_start) / line_chars;

          top = line_y + fraction * MAX (0, line_height - line_estimate);
          bottom = top + MIN (line_estimate, line_height);
        }

      add_mark (self, last_mark, slot,
                (top + offset) * scale, (bottom + offset) * scale, height);
    }
}

static gboolean
rebuild_cb (gpointer data)
{
  CpOverviewRuler *self = data;

  self->rebuild_source = 0;
  rebuild_marks (self, gtk_widget_get_height (GTK_WIDGET (self)), get_upper (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

/* Rebuilding lays out text: never in the middle of a frame, and not more
 * often than every REBUILD_INTERVAL_US. */
static void
schedule_rebuild (CpOverviewRuler *self)
{
  gint64 since = g_get_monotonic_time () - self->marks_built_at;

  if (self->rebuild_source != 0)
    return;

  if (since < REBUILD_INTERVAL_US)
    self->rebuild_source = g_timeout_add_full (REBUILD_PRIORITY,
                                               (REBUILD_INTERVAL_US - since) / 1000 + 1,
                                               rebuild_cb, self, NULL);
  else
    self->rebuild_source = g_idle_add_full (REBUILD_PRIORITY, rebuild_cb, self, NULL);
  g_source_set_name_by_id (self->rebuild_source, "[counterpoint] rebuild ruler marks");
}

/* Makes the marks current; or, if @may_defer, schedules that and returns
 * the factor that stretches the marks there are to the view's height now.
 */
static float
ensure_marks (CpOverviewRuler *self,
              gboolean         may_defer)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double upper = get_upper (self);

  if (self->marks_valid &&
      self->marks_height == height &&
      self->marks_upper == upper)
    return 1.f;

  if (!may_defer)
    {
      g_clear_handle_id (&self->rebuild_source, g_source_remove);
      rebuild_marks (self, height, upper);
      return 1.f;
    }

  schedule_rebuild (self);
  if (self->marks_height <= 0 || self->marks_upper <= 0 || upper <= 0)
    return 1.f;

  return (float) (((double) height / self->marks_height) * (self->marks_upper / upper));
}

static void
invalidate_marks (CpOverviewRuler *self)
{
  self->marks_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
append_mark (GtkSnapshot   *snapshot,
             const Mark    *mark,
             const GdkRGBA *topic_color,
             float          x,
             float          width,
             float          alpha)
{
  GdkRGBA color = *topic_color;

  color.alpha *= alpha;
  gtk_snapshot_append_color (snapshot, &color,
                             &GRAPHENE_RECT_INIT (x, mark->top,
                                                  width, mark->bottom - mark->top));
}

static void
append_frame (CpOverviewRuler *self,
              GtkSnapshot     *snapshot,
              float            width,
              float            height,
              double           upper,
              gboolean         outline)
{
  GtkStyleContext *style_context;
  GskRoundedRect frame;
  GdkRGBA foreground;
  double scale = height / upper;
  float top;
  float bottom;

  top = gtk_adjustment_get_value (self->vadjustment) -
        gtk_adjustment_get_lower (self->vadjustment);
  bottom = top + gtk_adjustment_get_page_size (self->vadjustment);
  top = CLAMP (top * scale, 0.5f, height - 0.5f);
  bottom = CLAMP (bottom * scale, top, height - 0.5f);
  if (bottom - top < 2 * FRAME_RADIUS)
    {
      /* A very long review: keep the frame visible as a small pill. */
      float middle = (top + bottom) / 2;

      top = MAX (0.5f, middle - FRAME_RADIUS);
      bottom = MIN (height - 0.5f, top + 2 * FRAME_RADIUS);
    }

  /* gtk_widget_get_color() is GTK 4.10; this is not deprecated in 4.8. */
  style_context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (style_context, &foreground);

  gsk_rounded_rect_init_from_rect (&frame,
                                   &GRAPHENE_RECT_INIT (0.5f, top,
                                                        width - 1.f, bottom - top),
                                   FRAME_RADIUS);

  if (outline)
    {
      GdkRGBA border = foreground;
      const float border_width[4] = { 1.f, 1.f, 1.f, 1.f };

      border.alpha *= 0.45f;
      gtk_snapshot_append_border (snapshot, &frame, border_width,
                                  (GdkRGBA[4]) { border, border, border, border });
    }
  else
    {
      GdkRGBA fill = foreground;

      fill.alpha *= 0.1f;
      gtk_snapshot_push_rounded_clip (snapshot, &frame);
      gtk_snapshot_append_color (snapshot, &fill, &frame.bounds);
      gtk_snapshot_pop (snapshot);
    }
}

static void
cp_overview_ruler_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  CpOverviewRuler *self = CP_OVERVIEW_RULER (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  double upper = get_upper (self);
  gboolean focusing;
  int focus_topic;
  float stretch;

  if (width <= 0 || height <= 0 || upper <= 0)
    return;

  stretch = ensure_marks (self, TRUE);
  ensure_colors (self);

  append_frame (self, snapshot, width, height, upper, FALSE);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_scale (snapshot, 1.f, stretch);

  focus_topic = self->focus != NULL ? cp_focus_get_topic_index (self->focus) : -1;
  focusing = focus_topic >= 0 && (guint) focus_topic < self->colors->len;

  /* With a focused topic, the other topics stay as narrow, faint marks
   * underneath it, so that the focused one stands out without hiding
   * where the others are.
   */
  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);
      const GdkRGBA *color;

      if (mark->topic >= self->colors->len)
        continue;

      color = &g_array_index (self->colors, GdkRGBA, mark->topic);

      if (!focusing)
        append_mark (snapshot, mark, color, MARK_INSET, width - 2 * MARK_INSET, 1.f);
      else if (mark->topic != (guint) focus_topic)
        append_mark (snapshot, mark, color, width / 2 - 2, 4, 0.5f);
    }

  if (focusing)
    {
      const GdkRGBA *color = &g_array_index (self->colors, GdkRGBA, focus_topic);

      for (guint i = 0; i < self->marks->len; i++)
        {
          const Mark *mark = &g_array_index (self->marks, Mark, i);

          if (mark->topic == (guint) focus_topic)
            append_mark (snapshot, mark, color, 0, width, 1.f);
        }
    }

  /* Search results over everything, in the text's own colour */
  if (self->search != NULL)
    {
      GdkRGBA text;

      /* gtk_widget_get_color() is GTK 4.10; this is not deprecated in 4.8. */
      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text);
      for (guint i = 0; i < self->marks->len; i++)
        {
          const Mark *mark = &g_array_index (self->marks, Mark, i);

          if (mark->topic == self->colors->len)
            append_mark (snapshot, mark, &text, width / 4, width / 2, 1.f);
        }
    }
  gtk_snapshot_restore (snapshot);

  append_frame (self, snapshot, width, height, upper, TRUE);
}

static void
cp_overview_ruler_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = RULER_WIDTH;
  else
    *minimum = *natural = 0;
}

static void
cp_overview_ruler_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  CpOverviewRuler *self = CP_OVERVIEW_RULER (widget);

  /* The marks are in pixels of the old height; rebuilt on the next
   * snapshot.
   */
  if (height != self->marks_height)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
vadjustment_value_changed_cb (CpOverviewRuler *self,
                              GtkAdjustment   *adjustment)
{
  /* Only the frame moves. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
vadjustment_changed_cb (CpOverviewRuler *self,
                        GtkAdjustment   *adjustment)
{
  /* A new upper means the view was laid out anew (a new width rewraps
   * every paragraph, idle validation replaces estimated line heights), so
   * the lines moved; ensure_marks() notices it and rebuilds. The page size
   * only moves the frame.
   */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_vadjustment (CpOverviewRuler *self,
                 GtkAdjustment   *vadjustment)
{
  if (self->vadjustment == vadjustment)
    return;

  if (self->vadjustment != NULL)
    {
      g_clear_signal_handler (&self->value_changed_id, self->vadjustment);
      g_clear_signal_handler (&self->adjustment_changed_id, self->vadjustment);
      g_clear_object (&self->vadjustment);
    }

  if (vadjustment != NULL)
    {
      self->vadjustment = g_object_ref (vadjustment);
      self->value_changed_id =
        g_signal_connect_object (vadjustment, "value-changed",
                                 G_CALLBACK (vadjustment_value_changed_cb),
                                 self, G_CONNECT_SWAPPED);
      self->adjustment_changed_id =
        g_signal_connect_object (vadjustment, "changed",
                                 G_CALLBACK (vadjustment_changed_cb),
                                 self, G_CONNECT_SWAPPED);
    }

  invalidate_marks (self);
}

static void
view_vadjustment_notify_cb (CpOverviewRuler *self,
                            GParamSpec      *pspec,
                            GtkTextView     *view)
{
  set_vadjustment (self, gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)));
}

static void
comparison_changed_cb (CpOverviewRuler    *self,
                       CpComparisonChange  change,
                       CpComparison       *comparison)
{
  /* Other reviews coming and going leave this one's mentions as they are,
   * as long as it stays in the comparison. */
  if ((change & CP_COMPARISON_CHANGE_TOPICS) ||
      ((change & CP_COMPARISON_CHANGE_DOCUMENTS) &&
       self->anchors_found != (cp_comparison_get_mentions_for_document (comparison, self->document) != NULL)))
    {
      self->anchors_valid = FALSE;
      self->marks_valid = FALSE;
    }
  else if (!(change & (CP_COMPARISON_CHANGE_TOPICS | CP_COMPARISON_CHANGE_APPEARANCE)))
    return;

  self->colors_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_begin_cb (CpOverviewRuler *self,
               double           start_x,
               double           start_y,
               GtkGestureDrag  *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  cp_overview_ruler_scroll_to_y (self, start_y);
}

static void
drag_update_cb (CpOverviewRuler *self,
                double           offset_x,
                double           offset_y,
                GtkGestureDrag  *gesture)
{
  double start_x;
  double start_y;

  if (gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y))
    cp_overview_ruler_scroll_to_y (self, start_y + offset_y);
}

static void
cp_overview_ruler_dispose (GObject *object)
{
  CpOverviewRuler *self = CP_OVERVIEW_RULER (object);

  cp_overview_ruler_set_view (self, NULL);
  cp_overview_ruler_set_source (self, NULL, NULL);
  g_clear_object (&self->search);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);

  G_OBJECT_CLASS (cp_overview_ruler_parent_class)->dispose (object);
}

static void
cp_overview_ruler_finalize (GObject *object)
{
  CpOverviewRuler *self = CP_OVERVIEW_RULER (object);

  g_clear_pointer (&self->anchors, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->colors, g_array_unref);

  G_OBJECT_CLASS (cp_overview_ruler_parent_class)->finalize (object);
}

static void
cp_overview_ruler_class_init (CpOverviewRulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_overview_ruler_dispose;
  object_class->finalize = cp_overview_ruler_finalize;

  widget_class->snapshot = cp_overview_ruler_snapshot;
  widget_class->measure = cp_overview_ruler_measure;
  widget_class->size_allocate = cp_overview_ruler_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "overviewruler");
  /* A pointer shortcut for what the scrollbar beside it already offers to
   * keyboard and assistive technology users; announcing it would only
   * repeat the scrollbar.
   */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
cp_overview_ruler_init (CpOverviewRuler *self)
{
  GtkGesture *drag;

  self->anchors = g_array_new (FALSE, FALSE, sizeof (Anchor));
  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  self->colors = g_array_new (FALSE, FALSE, sizeof (GdkRGBA));

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (drag, "drag-begin",
                           G_CALLBACK (drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update",
                           G_CALLBACK (drag_update_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               _("Overview of mentions — click to scroll"));
}

/**
 * cp_overview_ruler_new:
 *
 * Returns: (transfer floating): a new ruler; give it a view and a source
 */
GtkWidget *
cp_overview_ruler_new (void)
{
  return g_object_new (CP_TYPE_OVERVIEW_RULER, NULL);
}

/**
 * cp_overview_ruler_set_view:
 * @self: a #CpOverviewRuler
 * @view: (nullable): the text view showing the document
 *
 * Sets the view whose lines the marks follow and whose vertical adjustment
 * the ruler shows and scrolls.
 */
void
cp_overview_ruler_set_view (CpOverviewRuler *self,
                            GtkTextView     *view)
{
  g_return_if_fail (CP_IS_OVERVIEW_RULER (self));
  g_return_if_fail (view == NULL || GTK_IS_TEXT_VIEW (view));

  if (self->view == view)
    return;

  if (self->view != NULL)
    {
      g_clear_signal_handler (&self->vadjustment_notify_id, self->view);
      g_clear_object (&self->view);
    }

  if (view != NULL)
    {
      self->view = g_object_ref (view);
      self->vadjustment_notify_id =
        g_signal_connect_object (view, "notify::vadjustment",
                                 G_CALLBACK (view_vadjustment_notify_cb),
                                 self, G_CONNECT_SWAPPED);
    }

  set_vadjustment (self, view != NULL ? gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)) : NULL);
  invalidate_marks (self);
}

static void
focus_topic_cb (CpOverviewRuler *self,
                GParamSpec      *pspec,
                CpFocus         *focus)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cp_overview_ruler_set_source:
 * @self: a #CpOverviewRuler
 * @focus: (nullable): the window's focus, whose comparison holds @document
 * @document: (nullable): the document shown in the view
 *
 * Sets where the marks come from. The ruler follows the comparison's
 * changes, finds @document again when the documents move, and draws the
 * focused topic's marks across its whole width, the others narrow and
 * faint.
 */
void
cp_overview_ruler_set_source (CpOverviewRuler *self,
                              CpFocus         *focus,
                              CpDocument      *document)
{
  CpComparison *comparison;

  g_return_if_fail (CP_IS_OVERVIEW_RULER (self));
  g_return_if_fail (focus == NULL || CP_IS_FOCUS (focus));
  g_return_if_fail (document == NULL || CP_IS_DOCUMENT (document));

  if (self->focus == focus && self->document == document)
    return;

  comparison = focus != NULL ? cp_focus_get_comparison (focus) : NULL;
  if (self->focus != focus)
    {
      if (self->focus != NULL)
        {
          g_clear_signal_handler (&self->comparison_changed_id, self->comparison);
          g_clear_signal_handler (&self->focus_notify_id, self->focus);
          g_clear_object (&self->comparison);
          g_clear_object (&self->focus);
        }

      if (focus != NULL)
        {
          self->focus = g_object_ref (focus);
          self->comparison = g_object_ref (comparison);
          self->comparison_changed_id =
            g_signal_connect_object (comparison, "changed",
                                     G_CALLBACK (comparison_changed_cb),
                                     self, G_CONNECT_SWAPPED);
          self->focus_notify_id =
            g_signal_connect_object (focus, "notify::topic-index",
                                     G_CALLBACK (focus_topic_cb),
                                     self, G_CONNECT_SWAPPED);
        }
    }

  g_set_object (&self->document, document);

  self->colors_valid = FALSE;
  self->anchors_valid = FALSE;
  invalidate_marks (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cp_overview_ruler_set_search:
 * @self: a #CpOverviewRuler
 * @results: (nullable): what a search finds in the document, or %NULL
 *
 * Marks the search results too, over the topics' marks.
 */
void
cp_overview_ruler_set_search (CpOverviewRuler *self,
                              CpMentions      *results)
{
  g_return_if_fail (CP_IS_OVERVIEW_RULER (self));
  g_return_if_fail (results == NULL || CP_IS_MENTIONS (results));

  if (!g_set_object (&self->search, results))
    return;
  self->anchors_valid = FALSE;
  invalidate_marks (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * cp_overview_ruler_invalidate:
 * @self: a #CpOverviewRuler
 *
 * Drops the cached marks, for when the view's text or layout changed in a
 * way the ruler cannot see (the comparison and the view's size are
 * followed already).
 */
void
cp_overview_ruler_invalidate (CpOverviewRuler *self)
{
  g_return_if_fail (CP_IS_OVERVIEW_RULER (self));

  self->colors_valid = FALSE;
  self->anchors_valid = FALSE;
  invalidate_marks (self);
}

/**
 * cp_overview_ruler_scroll_to_y:
 * @self: a #CpOverviewRuler
 * @y: a position in the ruler, in widget coordinates
 *
 * Scrolls the view so that the visible part is centered on the part of the
 * review at @y, as a click there does.
 */
void
cp_overview_ruler_scroll_to_y (CpOverviewRuler *self,
                               double           y)
{
  double height;
  double upper;
  double lower;
  double page_size;
  double value;

  g_return_if_fail (CP_IS_OVERVIEW_RULER (self));

  height = gtk_widget_get_height (GTK_WIDGET (self));
  upper = get_upper (self);
  if (height <= 0 || upper <= 0)
    return;

  lower = gtk_adjustment_get_lower (self->vadjustment);
  page_size = gtk_adjustment_get_page_size (self->vadjustment);
  value = lower + CLAMP (y, 0, height) * upper / height - page_size / 2;
  value = CLAMP (value, lower, MAX (lower, lower + upper - page_size));

  gtk_adjustment_set_value (self->vadjustment, value);
}

/**
 * cp_overview_ruler_get_n_marks:
 * @self: a #CpOverviewRuler
 *
 * Returns: the number of marks drawn, after merging the ones that touch
 */
guint
cp_overview_ruler_get_n_marks (CpOverviewRuler *self)
{
  g_return_val_if_fail (CP_IS_OVERVIEW_RULER (self), 0);

  ensure_marks (self, FALSE);

  return self->marks->len;
}

/**
 * cp_overview_ruler_get_mark_y:
 * @self: a #CpOverviewRuler
 * @index: a mark, counted from the top
 * @top: (out) (optional): the mark's top, in widget coordinates
 * @bottom: (out) (optional): the mark's bottom
 *
 * Returns: %TRUE if there is such a mark
 */
gboolean
cp_overview_ruler_get_mark_y (CpOverviewRuler *self,
                              guint            index,
                              double          *top,
                              double          *bottom)
{
  const Mark *mark;

  g_return_val_if_fail (CP_IS_OVERVIEW_RULER (self), FALSE);

  ensure_marks (self, FALSE);

  if (index >= self->marks->len)
    return FALSE;

  mark = &g_array_index (self->marks, Mark, index);
  if (top != NULL)
    *top = mark->top;
  if (bottom != NULL)
    *bottom = mark->bottom;

  return TRUE;
}
