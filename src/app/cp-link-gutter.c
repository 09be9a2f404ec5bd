/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpLinkGutter: the narrow strip between two review panes that joins the
 * mentions of the focused topic on either side with curved ribbons, as
 * Meld's link map joins diff chunks.
 *
 * Pairing: the left pane's mentions of the topic are taken in document
 * order, and so are the right pane's; the i-th on the left is joined to the
 * i-th on the right. When one side has more mentions than the other, each
 * surplus mention is joined to the other side's last mention, so every
 * mention gets a ribbon as long as the other side mentions the topic at
 * all. Because both sides are in document order, neither end of ribbon i
 * lies above the same end of ribbon i - 1: the ribbons above both views
 * form a prefix (found by binary search) and those below both views a
 * suffix, and neither is drawn.
 *
 * A mention scrolled out of its view is drawn as a small tab at the top or
 * bottom edge of that view, so that its ribbon points off-screen; a ribbon
 * from above one view to below the other still crosses the gutter and is
 * drawn. Clicking a ribbon emits ::ribbon-activated, whose default handler
 * scrolls the panes to bring its two mentions level.
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "cp-link-gutter.h"
#include "cp-rgba.h"

/* Height of the stub that stands for a mention scrolled out of view. */
#define TAB_HEIGHT   6.0
/* Width of the solid mark drawn at the edge for such a stub. */
#define TAB_WIDTH    3.0
/* How far outside a thin band a click still counts as on it. */
#define HIT_SLACK    2.0

#define FILL_ALPHA       0.35
#define HOVER_FILL_ALPHA 0.55
#define STROKE_ALPHA     0.80

enum
{
  LEFT,
  RIGHT,
  N_SIDES
};

typedef enum
{
  END_VISIBLE,
  END_ABOVE,
  END_BELOW,
  END_UNKNOWN,
} EndPlace;

typedef struct
{
  guint    left_mention;
  guint    right_mention;
  /* Gutter coordinates, after clamping off-screen ends to tabs. */
  double   left_top;
  double   left_bottom;
  double   right_top;
  double   right_bottom;
  EndPlace left_place;
  EndPlace right_place;
} Ribbon;

typedef struct
{
  CpReviewPane  *pane;        /* weak */
  GtkAdjustment *vadjustment; /* owned, so that it can be disconnected */
  GArray        *mentions;    /* guint indices of the focus topic's mentions; NULL when stale */
} Side;

/* Where a side's text view is, for one computation of the ribbons. */
typedef struct
{
  CpReviewPane *pane;
  GArray       *mentions;
  double        offset;         /* gutter y = view y + offset */
  double        view_height;
  double        visible_top;    /* gutter coordinates */
  double        visible_bottom;
} SideGeometry;

struct _CpLinkGutter
{
  GtkWidget     parent_instance;

  Side          sides[N_SIDES];
  CpFocus      *focus;          /* the panes' */

  GArray       *ribbons;        /* Ribbon, as last computed */
  double        left_x;         /* where the left pane's ends are: 0 or the width */
  double        right_x;

  guint         hover_left;     /* mentions of the hovered ribbon, or G_MAXUINT */
  guint         hover_right;
};

G_DEFINE_FINAL_TYPE (CpLinkGutter, cp_link_gutter, GTK_TYPE_WIDGET)

enum
{
  RIBBON_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
invalidate_mentions (CpLinkGutter *self)
{
  for (guint i = 0; i < N_SIDES; i++)
    g_clear_pointer (&self->sides[i].mentions, g_array_unref);
}

static void
redraw (CpLinkGutter *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
adjustment_changed_cb (CpLinkGutter *self)
{
  redraw (self);
}

static void
comparison_changed_cb (CpLinkGutter       *self,
                       CpComparisonChange  change)
{
  if (change & (CP_COMPARISON_CHANGE_DOCUMENTS | CP_COMPARISON_CHANGE_TOPICS))
    invalidate_mentions (self);

  redraw (self);
}

static void set_hover (CpLinkGutter *self,
                       guint         left_mention,
                       guint         right_mention);

static void
focus_topic_cb (CpLinkGutter *self)
{
  invalidate_mentions (self);
  set_hover (self, G_MAXUINT, G_MAXUINT);
  redraw (self);
}

static void
disconnect_panes (CpLinkGutter *self)
{
  for (guint i = 0; i < N_SIDES; i++)
    {
      Side *side = &self->sides[i];

      if (side->vadjustment != NULL)
        g_signal_handlers_disconnect_by_data (side->vadjustment, self);
      g_clear_object (&side->vadjustment);
      g_clear_weak_pointer (&side->pane);
    }

  if (self->focus != NULL)
    {
      g_signal_handlers_disconnect_by_data (cp_focus_get_comparison (self->focus), self);
      g_signal_handlers_disconnect_by_data (self->focus, self);
    }
  g_clear_object (&self->focus);

  invalidate_mentions (self);
}

static void
connect_side (CpLinkGutter *self,
              Side         *side,
              CpReviewPane *pane)
{
  GtkAdjustment *vadjustment;

  if (pane == NULL)
    return;

  g_set_weak_pointer (&side->pane, pane);

  vadjustment = cp_review_pane_get_vadjustment (pane);
  if (vadjustment == NULL)
    return;

  side->vadjustment = g_object_ref (vadjustment);
  g_signal_connect_swapped (vadjustment, "value-changed",
                            G_CALLBACK (adjustment_changed_cb), self);
  g_signal_connect_swapped (vadjustment, "changed",
                            G_CALLBACK (adjustment_changed_cb), self);
}

/* The document indices of the focus topic's mentions on one side, cached
 * until the comparison changes. */
static GArray *
ensure_mentions (CpLinkGutter *self,
                 Side         *side)
{
  int topic = cp_focus_get_topic_index (self->focus);
  CpMentions *mentions;

  if (side->mentions != NULL)
    return side->mentions;

  side->mentions = g_array_new (FALSE, FALSE, sizeof (guint));

  mentions = cp_review_pane_get_mentions (side->pane);
  if (mentions == NULL || topic < 0)
    return side->mentions;

  for (int i = cp_mentions_find (mentions, topic, -1, TRUE); i >= 0; i = cp_mentions_find (mentions, topic, i, TRUE))
    g_array_append_val (side->mentions, i);

  return side->mentions;
}

static gboolean
get_side_geometry (CpLinkGutter *self,
                   Side         *side,
                   SideGeometry *geometry,
                   double       *center_x)
{
  GtkWidget *view;
  double x, y;

  if (side->pane == NULL)
    return FALSE;

  view = GTK_WIDGET (cp_review_pane_get_view (side->pane));
  if (view == NULL || !gtk_widget_get_mapped (view))
    return FALSE;

  if (!gtk_widget_translate_coordinates (view, GTK_WIDGET (self), 0, 0, &x, &y))
    return FALSE;

  geometry->pane = side->pane;
  geometry->mentions = ensure_mentions (self, side);
  geometry->offset = y;
  geometry->view_height = gtk_widget_get_height (view);
  geometry->visible_top = y;
  geometry->visible_bottom = y + geometry->view_height;
  *center_x = x + gtk_widget_get_width (view) / 2.0;

  return geometry->view_height > 0;
}

/* Finds the mention at one end of the pair @pair and where it is, clamped
 * to a tab when it is out of view. */
static EndPlace
locate_end (const SideGeometry *geometry,
            guint               pair,
            guint              *mention,
            double             *top,
            double             *bottom)
{
  guint n = geometry->mentions->len;
  double y0, y1;

  *mention = g_array_index (geometry->mentions, guint, MIN (pair, n - 1));

  if (!cp_review_pane_locate_mention (geometry->pane, *mention, &y0, &y1))
    return END_UNKNOWN;

  if (y1 <= 0)
    {
      *top = geometry->visible_top;
      *bottom = geometry->visible_top + TAB_HEIGHT;
      return END_ABOVE;
    }

  if (y0 >= geometry->view_height)
    {
      *top = geometry->visible_bottom - TAB_HEIGHT;
      *bottom = geometry->visible_bottom;
      return END_BELOW;
    }

  /* Partly visible: keep the visible part, but never thinner than a tab. */
  *top = MAX (y0 + geometry->offset, geometry->visible_top);
  *bottom = MIN (y1 + geometry->offset, geometry->visible_bottom);
  if (*bottom - *top < TAB_HEIGHT)
    {
      if (*top <= geometry->visible_top)
        *bottom = *top + TAB_HEIGHT;
      else if (*bottom >= geometry->visible_bottom)
        *top = *bottom - TAB_HEIGHT;
    }

  return END_VISIBLE;
}

static gboolean
pair_is_above (const SideGeometry *left,
               const SideGeometry *right,
               guint               pair)
{
  guint mention;
  double top, bottom;

  return locate_end (left, pair, &mention, &top, &bottom) == END_ABOVE &&
         locate_end (right, pair, &mention, &top, &bottom) == END_ABOVE;
}

static gboolean
same_geometry (const Ribbon *a,
               const Ribbon *b)
{
  return fabs (a->left_top - b->left_top) < 0.5 &&
         fabs (a->left_bottom - b->left_bottom) < 0.5 &&
         fabs (a->right_top - b->right_top) < 0.5 &&
         fabs (a->right_bottom - b->right_bottom) < 0.5;
}

static void
compute_ribbons (CpLinkGutter *self)
{
  SideGeometry left, right;
  double left_center, right_center;
  guint n_pairs, lo, hi;

  g_array_set_size (self->ribbons, 0);

  if (self->focus == NULL || cp_focus_get_topic_index (self->focus) < 0)
    return;

  if (!get_side_geometry (self, &self->sides[LEFT], &left, &left_center) ||
      !get_side_geometry (self, &self->sides[RIGHT], &right, &right_center))
    return;

  /* In a right-to-left layout the "left" pane may well be on the right. */
  if (left_center <= right_center)
    {
      self->left_x = 0;
      self->right_x = gtk_widget_get_width (GTK_WIDGET (self));
    }
  else
    {
      self->left_x = gtk_widget_get_width (GTK_WIDGET (self));
      self->right_x = 0;
    }

  if (left.mentions->len == 0 || right.mentions->len == 0)
    return;

  n_pairs = MAX (left.mentions->len, right.mentions->len);

  /* The pairs above both views form a prefix: skip it. */
  lo = 0;
  hi = n_pairs;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (pair_is_above (&left, &right, mid))
        lo = mid + 1;
      else
        hi = mid;
    }

  for (guint i = lo; i < n_pairs; i++)
    {
      Ribbon ribbon;

      ribbon.left_place = locate_end (&left, i, &ribbon.left_mention,
                                      &ribbon.left_top, &ribbon.left_bottom);
      ribbon.right_place = locate_end (&right, i, &ribbon.right_mention,
                                       &ribbon.right_top, &ribbon.right_bottom);

      /* The pairs below both views form a suffix: stop there. */
      if (ribbon.left_place == END_BELOW && ribbon.right_place == END_BELOW)
        break;

      if (ribbon.left_place == END_UNKNOWN || ribbon.right_place == END_UNKNOWN)
        continue;

      if (ribbon.left_place == END_ABOVE && ribbon.right_place == END_ABOVE)
        continue;

      /* Several off-screen mentions collapse onto the same tabs: draw the
       * band once rather than darkening it with every copy. */
      if (self->ribbons->len > 0 &&
          same_geometry (&g_array_index (self->ribbons, Ribbon, self->ribbons->len - 1), &ribbon))
        continue;

      g_array_append_val (self->ribbons, ribbon);
    }
}

/* The band of a ribbon at abscissa @x: both of its edges are cubic Bézier
 * curves with their control points halfway across, so x(t) = 1.5t - 1.5t²
 * + t³ (increasing) and y moves from one end to the other by 3t² - 2t³. */
static void
band_at (CpLinkGutter *self,
         const Ribbon *ribbon,
         double        x,
         double       *top,
         double       *bottom)
{
  double span = self->right_x - self->left_x;
  double u = span != 0 ? CLAMP ((x - self->left_x) / span, 0.0, 1.0) : 0.0;
  double t0 = 0, t1 = 1, t, s;

  for (guint i = 0; i < 24; i++)
    {
      double mid = (t0 + t1) / 2;

      if (1.5 * mid - 1.5 * mid * mid + mid * mid * mid < u)
        t0 = mid;
      else
        t1 = mid;
    }

  t = (t0 + t1) / 2;
  s = 3 * t * t - 2 * t * t * t;
  *top = ribbon->left_top + (ribbon->right_top - ribbon->left_top) * s;
  *bottom = ribbon->left_bottom + (ribbon->right_bottom - ribbon->left_bottom) * s;
}

/* Returns the index of the ribbon at (@x, @y) in the ribbons just computed,
 * or -1. Where ribbons overlap, the one whose middle is nearest wins. */
static int
ribbon_at (CpLinkGutter *self,
           double        x,
           double        y)
{
  double best_distance = G_MAXDOUBLE;
  int best = -1;

  if (x < 0 || x > gtk_widget_get_width (GTK_WIDGET (self)))
    return -1;

  for (guint i = 0; i < self->ribbons->len; i++)
    {
      const Ribbon *ribbon = &g_array_index (self->ribbons, Ribbon, i);
      double top, bottom, distance;

      band_at (self, ribbon, x, &top, &bottom);
      if (y < top - HIT_SLACK || y > bottom + HIT_SLACK)
        continue;

      distance = fabs (y - (top + bottom) / 2);
      if (distance <= best_distance)
        {
          best_distance = distance;
          best = i;
        }
    }

  return best;
}

/* The default handler of ::ribbon-activated. */
static void
cp_link_gutter_real_ribbon_activated (CpLinkGutter *self,
                                      guint         left_mention,
                                      guint         right_mention)
{
  CpReviewPane *left = self->sides[LEFT].pane;
  CpReviewPane *right = self->sides[RIGHT].pane;
  GtkWidget *left_view, *right_view;
  double left_top, left_bottom, right_top, right_bottom;
  double height, x, y;

  if (left == NULL || right == NULL)
    return;

  left_view = GTK_WIDGET (cp_review_pane_get_view (left));
  right_view = GTK_WIDGET (cp_review_pane_get_view (right));

  /* The two mentions joined become the current ones of their panes */
  cp_focus_set_current (self->focus, cp_review_pane_get_document (left), left_mention);
  cp_focus_set_current (self->focus, cp_review_pane_get_document (right), right_mention);

  if (!cp_review_pane_get_mention_y (left, left_mention, &left_top, &left_bottom))
    return;

  /* A left mention that is not wholly in view goes to the middle first. */
  height = gtk_widget_get_height (left_view);
  if (left_top < 0 || left_bottom > height)
    {
      cp_review_pane_scroll_to_mention (left, left_mention,
                                        MAX (0, (height - (left_bottom - left_top)) / 2));
      if (!cp_review_pane_get_mention_y (left, left_mention, &left_top, &left_bottom))
        return;
    }

  if (!gtk_widget_translate_coordinates (left_view, right_view, 0, left_top, &x, &y))
    return;
  cp_review_pane_scroll_to_mention (right, right_mention, y);

  /* Near the start or the end of its review the right pane may not be able
   * to scroll that far: then the left pane follows the right. */
  if (cp_review_pane_get_mention_y (right, right_mention, &right_top, &right_bottom) &&
      gtk_widget_translate_coordinates (right_view, left_view, 0, right_top, &x, &y) &&
      fabs (y - left_top) > 0.5)
    cp_review_pane_scroll_to_mention (left, left_mention, y);
}

static gboolean
activate_at (CpLinkGutter *self,
             double        x,
             double        y)
{
  const Ribbon *ribbon;
  guint left_mention, right_mention;
  int index;

  compute_ribbons (self);
  index = ribbon_at (self, x, y);
  if (index < 0)
    return FALSE;

  ribbon = &g_array_index (self->ribbons, Ribbon, index);
  left_mention = ribbon->left_mention;
  right_mention = ribbon->right_mention;

  g_signal_emit (self, signals[RIBBON_ACTIVATED], 0, left_mention, right_mention);
  redraw (self);

  return TRUE;
}

static void
click_pressed_cb (CpLinkGutter    *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  if (activate_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
set_hover (CpLinkGutter *self,
           guint         left_mention,
           guint         right_mention)
{
  if (self->hover_left == left_mention && self->hover_right == right_mention)
    return;

  self->hover_left = left_mention;
  self->hover_right = right_mention;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   left_mention != G_MAXUINT ? "pointer" : NULL);
  redraw (self);
}

static void
motion_cb (CpLinkGutter             *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  int index;

  compute_ribbons (self);
  index = ribbon_at (self, x, y);
  if (index < 0)
    {
      set_hover (self, G_MAXUINT, G_MAXUINT);
    }
  else
    {
      const Ribbon *ribbon = &g_array_index (self->ribbons, Ribbon, index);

      set_hover (self, ribbon->left_mention, ribbon->right_mention);
    }
}

static void
leave_cb (CpLinkGutter             *self,
          GtkEventControllerMotion *controller)
{
  set_hover (self, G_MAXUINT, G_MAXUINT);
}

static gboolean
cp_link_gutter_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip)
{
  CpLinkGutter *self = CP_LINK_GUTTER (widget);

  if (keyboard_mode)
    return FALSE;

  compute_ribbons (self);
  if (ribbon_at (self, x, y) < 0)
    return FALSE;

  gtk_tooltip_set_text (tooltip, _("Align on This Mention"));

  return TRUE;
}

static void
draw_tab (cairo_t *cr,
          double   x,
          double   top,
          double   bottom)
{
  cairo_rectangle (cr, x == 0 ? 0 : x - TAB_WIDTH, top, TAB_WIDTH, bottom - top);
  cairo_fill (cr);
}

static void
cp_link_gutter_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  CpLinkGutter *self = CP_LINK_GUTTER (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double middle;
  GdkRGBA color;
  cairo_t *cr;

  compute_ribbons (self);
  if (self->ribbons->len == 0 || width <= 0 || height <= 0)
    return;

  color = cp_topic_get_rgba (cp_focus_get_topic (self->focus), 1.f);

  middle = (self->left_x + self->right_x) / 2;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, 1.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint i = 0; i < self->ribbons->len; i++)
    {
      const Ribbon *ribbon = &g_array_index (self->ribbons, Ribbon, i);
      gboolean hover = ribbon->left_mention == self->hover_left &&
                       ribbon->right_mention == self->hover_right;
      /* Half a pixel in, so that the 1 px outline falls on whole pixels. */
      double lt = ribbon->left_top + 0.5;
      double lb = ribbon->left_bottom - 0.5;
      double rt = ribbon->right_top + 0.5;
      double rb = ribbon->right_bottom - 0.5;

      cairo_move_to (cr, self->left_x, lt);
      cairo_curve_to (cr, middle, lt, middle, rt, self->right_x, rt);
      cairo_line_to (cr, self->right_x, rb);
      cairo_curve_to (cr, middle, rb, middle, lb, self->left_x, lb);
      cairo_close_path (cr);

      cairo_set_source_rgba (cr, color.red, color.green, color.blue, hover ? HOVER_FILL_ALPHA : FILL_ALPHA);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, STROKE_ALPHA);
      cairo_stroke (cr);

      if (ribbon->left_place != END_VISIBLE)
        draw_tab (cr, self->left_x, ribbon->left_top, ribbon->left_bottom);
      if (ribbon->right_place != END_VISIBLE)
        draw_tab (cr, self->right_x, ribbon->right_top, ribbon->right_bottom);
    }

  cairo_destroy (cr);
}

static void
cp_link_gutter_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 24;
      *natural = 40;
    }
  else
    {
      *minimum = 0;
      *natural = 0;
    }
}

static void
cp_link_gutter_dispose (GObject *object)
{
  CpLinkGutter *self = CP_LINK_GUTTER (object);

  disconnect_panes (self);

  G_OBJECT_CLASS (cp_link_gutter_parent_class)->dispose (object);
}

static void
cp_link_gutter_finalize (GObject *object)
{
  CpLinkGutter *self = CP_LINK_GUTTER (object);

  g_clear_pointer (&self->ribbons, g_array_unref);

  G_OBJECT_CLASS (cp_link_gutter_parent_class)->finalize (object);
}

static void
cp_link_gutter_class_init (CpLinkGutterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_link_gutter_dispose;
  object_class->finalize = cp_link_gutter_finalize;

  widget_class->snapshot = cp_link_gutter_snapshot;
  widget_class->measure = cp_link_gutter_measure;
  widget_class->query_tooltip = cp_link_gutter_query_tooltip;

  /**
   * CpLinkGutter::ribbon-activated:
   * @self: a #CpLinkGutter
   * @left_mention: index of the mention in the left pane's document
   * @right_mention: index of the mention in the right pane's document
   *
   * Emitted when a ribbon was clicked. The default handler scrolls the
   * right pane so that its mention is level with the left one (bringing
   * the left one to the middle first when it is not in view), and the left
   * pane too when the right one cannot scroll that far. Connect before it
   * to, say, suspend synchronized scrolling, and after it to resume.
   */
  signals[RIBBON_ACTIVATED] =
    g_signal_new_class_handler ("ribbon-activated",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (cp_link_gutter_real_ribbon_activated),
                                NULL, NULL,
                                NULL,
                                G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "linkgutter");
}

static void
cp_link_gutter_init (CpLinkGutter *self)
{
  GtkGesture *click;
  GtkEventController *motion;

  self->ribbons = g_array_new (FALSE, FALSE, sizeof (Ribbon));
  self->hover_left = G_MAXUINT;
  self->hover_right = G_MAXUINT;

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/**
 * cp_link_gutter_new:
 *
 * Returns: (transfer full): a new #CpLinkGutter joining no panes
 */
GtkWidget *
cp_link_gutter_new (void)
{
  return g_object_new (CP_TYPE_LINK_GUTTER, NULL);
}

/**
 * cp_link_gutter_set_panes:
 * @self: a #CpLinkGutter
 * @left: (nullable): the pane on the start side
 * @right: (nullable): the pane on the end side
 *
 * Sets the two panes whose mentions are joined. The gutter does not keep
 * the panes alive: when one is destroyed it simply draws nothing.
 */
void
cp_link_gutter_set_panes (CpLinkGutter *self,
                          CpReviewPane *left,
                          CpReviewPane *right)
{
  CpFocus *focus = NULL;

  g_return_if_fail (CP_IS_LINK_GUTTER (self));
  g_return_if_fail (left == NULL || CP_IS_REVIEW_PANE (left));
  g_return_if_fail (right == NULL || CP_IS_REVIEW_PANE (right));

  if (self->sides[LEFT].pane == left && self->sides[RIGHT].pane == right)
    return;

  disconnect_panes (self);
  set_hover (self, G_MAXUINT, G_MAXUINT);

  if (left != NULL && right != NULL)
    {
      focus = cp_review_pane_get_focus (left);
      g_return_if_fail (focus == cp_review_pane_get_focus (right));
    }

  connect_side (self, &self->sides[LEFT], left);
  connect_side (self, &self->sides[RIGHT], right);

  /* The ribbons join the focused topic's mentions */
  if (focus != NULL)
    {
      self->focus = g_object_ref (focus);
      g_signal_connect_swapped (cp_focus_get_comparison (focus), "changed",
                                G_CALLBACK (comparison_changed_cb), self);
      g_signal_connect_swapped (focus, "notify::topic-index",
                                G_CALLBACK (focus_topic_cb), self);
    }

  redraw (self);
}

/**
 * cp_link_gutter_get_n_ribbons:
 * @self: a #CpLinkGutter
 *
 * Lays the ribbons out as a redraw would now. For tests.
 *
 * Returns: the number of ribbons drawn
 */
guint
cp_link_gutter_get_n_ribbons (CpLinkGutter *self)
{
  g_return_val_if_fail (CP_IS_LINK_GUTTER (self), 0);

  compute_ribbons (self);

  return self->ribbons->len;
}

/**
 * cp_link_gutter_get_ribbon:
 * @self: a #CpLinkGutter
 * @ribbon: index of a ribbon, from the top
 * @left_top: (out) (optional): top of the left end, in gutter coordinates
 * @left_bottom: (out) (optional): bottom of the left end
 * @right_top: (out) (optional): top of the right end
 * @right_bottom: (out) (optional): bottom of the right end
 *
 * Gets where a ribbon, as laid out by the last call to
 * cp_link_gutter_get_n_ribbons(), starts and ends. For tests.
 *
 * Returns: %FALSE if there is no such ribbon
 */
gboolean
cp_link_gutter_get_ribbon (CpLinkGutter *self,
                           guint         ribbon,
                           double       *left_top,
                           double       *left_bottom,
                           double       *right_top,
                           double       *right_bottom)
{
  const Ribbon *r;

  g_return_val_if_fail (CP_IS_LINK_GUTTER (self), FALSE);

  if (ribbon >= self->ribbons->len)
    return FALSE;

  r = &g_array_index (self->ribbons, Ribbon, ribbon);
  if (left_top != NULL)
    *left_top = r->left_top;
  if (left_bottom != NULL)
    *left_bottom = r->left_bottom;
  if (right_top != NULL)
    *right_top = r->right_top;
  if (right_bottom != NULL)
    *right_bottom = r->right_bottom;

  return TRUE;
}

/**
 * cp_link_gutter_get_ribbon_mentions:
 * @self: a #CpLinkGutter
 * @ribbon: index of a ribbon, from the top
 * @left_mention: (out) (optional): index of the mention in the left document
 * @right_mention: (out) (optional): index of the mention in the right document
 *
 * Gets which mentions a ribbon, as laid out by the last call to
 * cp_link_gutter_get_n_ribbons(), joins. For tests.
 *
 * Returns: %FALSE if there is no such ribbon
 */
gboolean
cp_link_gutter_get_ribbon_mentions (CpLinkGutter *self,
                                    guint         ribbon,
                                    guint        *left_mention,
                                    guint        *right_mention)
{
  const Ribbon *r;

  g_return_val_if_fail (CP_IS_LINK_GUTTER (self), FALSE);

  if (ribbon >= self->ribbons->len)
    return FALSE;

  r = &g_array_index (self->ribbons, Ribbon, ribbon);
  if (left_mention != NULL)
    *left_mention = r->left_mention;
  if (right_mention != NULL)
    *right_mention = r->right_mention;

  return TRUE;
}

/**
 * cp_link_gutter_activate_at:
 * @self: a #CpLinkGutter
 * @x: abscissa in gutter coordinates
 * @y: ordinate in gutter coordinates
 *
 * Does what a click at (@x, @y) does: emits #CpLinkGutter::ribbon-activated
 * for the ribbon there, whose default handler aligns the panes on it.
 *
 * Returns: %TRUE if there was a ribbon at (@x, @y)
 */
gboolean
cp_link_gutter_activate_at (CpLinkGutter *self,
                            double        x,
                            double        y)
{
  g_return_val_if_fail (CP_IS_LINK_GUTTER (self), FALSE);

  return activate_at (self, x, y);
}
