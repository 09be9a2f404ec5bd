/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpScrollSync: scrolling one review scrolls the others so that the
 * mentions of the topics they share stay level.
 *
 * This is Meld's synchronized scrolling with topic mentions in place of
 * diff chunks. For two panes, the anchors are the longest common
 * subsequence of their topic sequences (cp_alignment_compute_anchors()).
 * The top of each anchor mention, in the scroll adjustment's coordinates,
 * gives a pair of positions; together with the two ends of the texts they
 * define a piecewise-linear map from one pane to the other. The point of
 * the scrolled pane that is mapped is its sync point: the middle of the
 * view, moving to the top edge near the start of the text and to the
 * bottom edge near its end, so that both ends of every text can be
 * reached. Positions are pixels, so a wrapped paragraph scrolls smoothly
 * rather than a line at a time.
 *
 * The pane scrolled last leads. Moving a follower from here sets a guard
 * so that its "value-changed" does not scroll the leader back. A text
 * view also changes its value by itself when it lays out lines above the
 * visible ones; that moves no text, so it is not followed either. When a
 * view lays out again (its adjustment's bounds change, say while it
 * validates lines in the background or after a resize), the followers
 * are realigned with the leader from an idle, as long as they are where
 * the last sync put them: panes placed on purpose while syncing was off
 * stay put until one of them scrolls. Then they move on from where they
 * are: each follower keeps the distance it had from where the map would
 * put it (its shift), until the panes are placed again.
 *
 * Anchors are cached per pair of panes and mention positions per pane;
 * the first until the comparison re-tags, the second until the pane's
 * layout changes. A scroll needs O(log anchors) mention positions.
 */

#include "config.h"

#include <math.h>

#include "cp-alignment.h"
#include "cp-scroll-sync.h"

typedef struct _Pane Pane;

struct _Pane
{
  CpScrollSync  *sync;
  CpReviewPane  *pane;
  GtkAdjustment *adjustment;
  CpComparison  *comparison;

  gulong         value_changed_id;
  gulong         adjustment_changed_id;
  gulong         comparison_changed_id;
  gulong         destroy_id;

  /* Buffer y of each mention's top, NAN until measured, for the layout
   * described by measured_upper and measured_width.
   */
  double        *mention_y;
  guint          n_mention_y;
  double         measured_upper;
  int            measured_width;

  /* What the view showed at its top: a paragraph and how far into it. */
  gboolean       top_known;
  int            top_offset;
  int            top_shift;

  /* The adjustment's value after the last change seen */
  double         last_value;
  /* Added to where the map puts this pane when it follows: where it was
   * placed on purpose (a focus, a find) against where the map had it */
  double         shift;
};

typedef struct
{
  Pane   *first;
  Pane   *second;
  /* CpAnchor: a is a mention of first, b of second */
  GArray *anchors;
} Pair;

struct _CpScrollSync
{
  GObject    parent_instance;

  GPtrArray *panes;     /* Pane */
  GPtrArray *pairs;     /* Pair */
  Pane      *leader;
  guint      realign_id;
  gboolean   enabled;
  gboolean   syncing;
  /* The panes are where the last sync put them. */
  gboolean   aligned;
};

G_DEFINE_FINAL_TYPE (CpScrollSync, cp_scroll_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pair_free (gpointer data)
{
  Pair *pair = data;

  g_clear_pointer (&pair->anchors, g_array_unref);
  g_free (pair);
}

static void
pane_forget_layout (Pane *entry)
{
  g_clear_pointer (&entry->mention_y, g_free);
  entry->n_mention_y = 0;
}

static void
pane_free (gpointer data)
{
  Pane *entry = data;

  g_clear_signal_handler (&entry->value_changed_id, entry->adjustment);
  g_clear_signal_handler (&entry->adjustment_changed_id, entry->adjustment);
  g_clear_signal_handler (&entry->comparison_changed_id, entry->comparison);
  g_clear_signal_handler (&entry->destroy_id, entry->pane);
  g_clear_object (&entry->adjustment);
  g_clear_object (&entry->comparison);
  g_clear_object (&entry->pane);
  pane_forget_layout (entry);
  g_free (entry);
}

static Pane *
find_pane (CpScrollSync *self,
           CpReviewPane *pane)
{
  for (guint i = 0; i < self->panes->len; i++)
    {
      Pane *entry = g_ptr_array_index (self->panes, i);

      if (entry->pane == pane)
        return entry;
    }
  return NULL;
}

/* FALSE once the pane is being disposed or its document left the
 * comparison.
 */
static gboolean
pane_get_mentions (Pane             *entry,
                   const CpMention **mentions,
                   guint            *n_mentions)
{
  CpMentions *found = NULL;

  *mentions = NULL;
  *n_mentions = 0;
  if (cp_review_pane_get_comparison (entry->pane) != NULL && cp_review_pane_get_document (entry->pane) != NULL)
    found = cp_review_pane_get_mentions (entry->pane);
  if (found == NULL)
    return FALSE;

  *mentions = cp_mentions_get_all (found, n_mentions);
  return TRUE;
}

/* Whether what the view shows at its top moved since the last call. The
 * text view also changes the value when it lays out lines above the
 * visible ones, which moves nothing: that is no scroll to follow.
 */
static gboolean
pane_update_top (Pane *entry)
{
  GtkTextView *view = cp_review_pane_get_view (entry->pane);
  GtkTextIter iter;
  int x, y, line_top, offset;
  gboolean moved;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, 0, 0, &x, &y);
  gtk_text_view_get_line_at_y (view, &iter, y, &line_top);
  offset = gtk_text_iter_get_offset (&iter);

  moved = !entry->top_known || offset != entry->top_offset || y - line_top != entry->top_shift;
  entry->top_known = TRUE;
  entry->top_offset = offset;
  entry->top_shift = y - line_top;

  return moved;
}

/* Adjustment coordinates are buffer coordinates plus this offset (the
 * text view's top margin and border).
 */
static double
pane_get_offset (Pane *entry)
{
  GtkTextView *view = cp_review_pane_get_view (entry->pane);
  int x, y;

  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, 0, 0, &x, &y);
  return y + floor (gtk_adjustment_get_value (entry->adjustment));
}

static double
pane_get_mention_y (Pane            *entry,
                    const CpMention *mentions,
                    guint            n_mentions,
                    guint            mention)
{
  GtkTextView *view = cp_review_pane_get_view (entry->pane);
  double upper = gtk_adjustment_get_upper (entry->adjustment);
  int width = gtk_widget_get_width (GTK_WIDGET (view));

  g_assert (mention < n_mentions);

  if (entry->mention_y == NULL ||
      entry->n_mention_y != n_mentions ||
      entry->measured_upper != upper ||
      entry->measured_width != width)
    {
      pane_forget_layout (entry);
      entry->mention_y = g_new (double, n_mentions);
      entry->n_mention_y = n_mentions;
      for (guint i = 0; i < n_mentions; i++)
        entry->mention_y[i] = NAN;
      entry->measured_upper = upper;
      entry->measured_width = width;
    }

  if (isnan (entry->mention_y[mention]))
    {
      CpMentions *found = cp_review_pane_get_mentions (entry->pane);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
      GtkTextIter iter;
      GdkRectangle rect;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, cp_mentions_get_char_start (found, mention));
      gtk_text_view_get_iter_location (view, &iter, &rect);
      entry->mention_y[mention] = rect.y;
    }

  return entry->mention_y[mention];
}

/* The anchors of @source and @target; with @swapped, a is a mention of
 * @target and b of @source.
 */
static GArray *
get_anchors (CpScrollSync    *self,
             Pane            *source,
             const CpMention *source_mentions,
             guint            n_source,
             Pane            *target,
             const CpMention *target_mentions,
             guint            n_target,
             gboolean        *swapped)
{
  Pair *pair;
  guint source_index = 0;
  guint target_index = 0;

  for (guint i = 0; i < self->pairs->len; i++)
    {
      pair = g_ptr_array_index (self->pairs, i);

      if (pair->first == source && pair->second == target)
        {
          *swapped = FALSE;
          return pair->anchors;
        }
      if (pair->first == target && pair->second == source)
        {
          *swapped = TRUE;
          return pair->anchors;
        }
    }

  /* The pane added first is the first sequence, so that the anchors do
   * not depend on which pane happened to scroll first.
   */
  pair = g_new0 (Pair, 1);
  g_ptr_array_find (self->panes, source, &source_index);
  g_ptr_array_find (self->panes, target, &target_index);
  *swapped = source_index > target_index;
  if (*swapped)
    {
      pair->first = target;
      pair->second = source;
      pair->anchors = cp_alignment_compute_anchors (target_mentions, n_target, source_mentions, n_source);
    }
  else
    {
      pair->first = source;
      pair->second = target;
      pair->anchors = cp_alignment_compute_anchors (source_mentions, n_source, target_mentions, n_target);
    }
  g_ptr_array_add (self->pairs, pair);
  g_debug ("Scroll sync: %u anchors between %u and %u mentions", pair->anchors->len, n_source, n_target);

  return pair->anchors;
}

/* Where the sync point sits in the view, as a fraction of the page: the
 * middle, ramping to the top within half a page of the start and to the
 * bottom within half a page of the end.
 */
static double
get_sync_fraction (GtkAdjustment *adjustment,
                   double         value)
{
  double page = gtk_adjustment_get_page_size (adjustment);
  double offset = value - gtk_adjustment_get_lower (adjustment);
  double range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_lower (adjustment) - page;

  if (range <= 0 || page <= 0)
    return 0.0;
  if (range < page)
    return CLAMP (offset / range, 0.0, 1.0);
  if (offset < page / 2)
    return MAX (offset, 0.0) / page;
  if (offset > range - page / 2)
    return MIN (1.0 - (range - offset) / page, 1.0);
  return 0.5;
}

/* Where @target's value goes when @source's is @source_value, before
 * its shift and the ends of its text; NAN when the panes cannot say */
static double
map_value (CpScrollSync *self,
           Pane         *source,
           Pane         *target,
           double        source_value)
{
  const CpMention *source_mentions;
  const CpMention *target_mentions;
  guint n_source, n_target;
  GArray *anchors;
  gboolean swapped;
  double source_lower, source_upper, target_lower, target_upper, target_page;
  double source_offset, target_offset;
  double fraction, source_y, target_y;
  double from[2], to[2];
  int lo, hi;

  if (!pane_get_mentions (source, &source_mentions, &n_source) ||
      !pane_get_mentions (target, &target_mentions, &n_target))
    return NAN;

  source_lower = gtk_adjustment_get_lower (source->adjustment);
  source_upper = gtk_adjustment_get_upper (source->adjustment);
  target_lower = gtk_adjustment_get_lower (target->adjustment);
  target_upper = gtk_adjustment_get_upper (target->adjustment);
  target_page = gtk_adjustment_get_page_size (target->adjustment);
  if (source_upper <= source_lower || target_upper <= target_lower)
    return NAN;

  fraction = get_sync_fraction (source->adjustment, source_value);
  source_y = source_value + fraction * gtk_adjustment_get_page_size (source->adjustment);

  anchors = get_anchors (self,
                         source, source_mentions, n_source,
                         target, target_mentions, n_target,
                         &swapped);
  source_offset = pane_get_offset (source);
  target_offset = pane_get_offset (target);

  /* The last anchor at or above the sync point, and the next one; the
   * ends of the texts stand in before the first and after the last.
   */
  lo = -1;
  hi = anchors->len;
  while (hi - lo > 1)
    {
      int mid = lo + (hi - lo) / 2;
      const CpAnchor *anchor = &g_array_index (anchors, CpAnchor, mid);
      guint mention = swapped ? anchor->b : anchor->a;

      if (pane_get_mention_y (source, source_mentions, n_source, mention) + source_offset <= source_y)
        lo = mid;
      else
        hi = mid;
    }

  if (lo < 0)
    {
      from[0] = source_lower;
      to[0] = target_lower;
    }
  else
    {
      const CpAnchor *anchor = &g_array_index (anchors, CpAnchor, lo);

      from[0] = pane_get_mention_y (source, source_mentions, n_source, swapped ? anchor->b : anchor->a) + source_offset;
      to[0] = pane_get_mention_y (target, target_mentions, n_target, swapped ? anchor->a : anchor->b) + target_offset;
    }

  if (hi >= (int) anchors->len)
    {
      from[1] = source_upper;
      to[1] = target_upper;
    }
  else
    {
      const CpAnchor *anchor = &g_array_index (anchors, CpAnchor, hi);

      from[1] = pane_get_mention_y (source, source_mentions, n_source, swapped ? anchor->b : anchor->a) + source_offset;
      to[1] = pane_get_mention_y (target, target_mentions, n_target, swapped ? anchor->a : anchor->b) + target_offset;
    }

  /* An anchor estimated past the end of a text still maps in order. */
  from[1] = MAX (from[1], from[0]);

  target_y = cp_alignment_map (from, to, 2, source_y);
  return target_y - fraction * target_page;
}

static void
sync_pane (CpScrollSync *self,
           Pane         *source,
           Pane         *target)
{
  double lower = gtk_adjustment_get_lower (target->adjustment);
  double upper = gtk_adjustment_get_upper (target->adjustment);
  double page = gtk_adjustment_get_page_size (target->adjustment);
  double value = map_value (self, source, target, gtk_adjustment_get_value (source->adjustment));

  if (isnan (value))
    return;
  gtk_adjustment_set_value (target->adjustment, CLAMP (value + target->shift, lower, MAX (upper - page, lower)));
}

/* The panes were placed on purpose: each follower keeps its distance from
 * where the map would put it for where @source was */
static void
measure_shifts (CpScrollSync *self,
                Pane         *source)
{
  for (guint i = 0; i < self->panes->len; i++)
    {
      Pane *target = g_ptr_array_index (self->panes, i);
      double mapped;

      if (target == source)
        continue;
      mapped = map_value (self, source, target, source->last_value);
      target->shift = isnan (mapped) ? 0 : gtk_adjustment_get_value (target->adjustment) - mapped;
    }
}

static void
sync_from (CpScrollSync *self,
           Pane         *source)
{
  g_assert (!self->syncing);

  if (!self->aligned)
    measure_shifts (self, source);

  self->syncing = TRUE;
  for (guint i = 0; i < self->panes->len; i++)
    {
      Pane *target = g_ptr_array_index (self->panes, i);

      if (target != source)
        sync_pane (self, source, target);
    }
  self->syncing = FALSE;
  self->aligned = TRUE;
}

static gboolean
realign_cb (gpointer data)
{
  CpScrollSync *self = data;

  self->realign_id = 0;
  if (self->enabled && self->leader != NULL)
    sync_from (self, self->leader);

  return G_SOURCE_REMOVE;
}

/* When a view lays out again, its anchors move: realign the panes before
 * the frame is drawn. Only when they are where the last sync put them, so
 * that panes placed on purpose while syncing was off stay where they are.
 */
static void
queue_realign (CpScrollSync *self)
{
  if (self->realign_id != 0 || !self->enabled || !self->aligned || self->leader == NULL)
    return;

  self->realign_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, realign_cb, self, NULL);
}

static void
value_changed_cb (GtkAdjustment *adjustment,
                  Pane          *entry)
{
  CpScrollSync *self = entry->sync;
  const CpMention *mentions;
  guint n_mentions;

  if (!pane_get_mentions (entry, &mentions, &n_mentions))
    return;
  if (!pane_update_top (entry) || self->syncing)
    {
      entry->last_value = gtk_adjustment_get_value (adjustment);
      return;
    }

  self->leader = entry;
  if (self->enabled)
    sync_from (self, entry);
  else
    self->aligned = FALSE;

  for (guint i = 0; i < self->panes->len; i++)
    {
      Pane *pane = g_ptr_array_index (self->panes, i);

      pane->last_value = gtk_adjustment_get_value (pane->adjustment);
    }
}

static void
adjustment_changed_cb (GtkAdjustment *adjustment,
                       Pane          *entry)
{
  queue_realign (entry->sync);
}

static void
comparison_changed_cb (CpComparison       *comparison,
                       CpComparisonChange  change,
                       Pane               *entry)
{
  if (change & (CP_COMPARISON_CHANGE_DOCUMENTS | CP_COMPARISON_CHANGE_TOPICS))
    cp_scroll_sync_invalidate (entry->sync);
}

static void
pane_destroy_cb (CpReviewPane *pane,
                 Pane         *entry)
{
  cp_scroll_sync_remove_pane (entry->sync, pane);
}

static void
cp_scroll_sync_dispose (GObject *object)
{
  CpScrollSync *self = (CpScrollSync *)object;

  g_clear_handle_id (&self->realign_id, g_source_remove);
  self->leader = NULL;
  if (self->pairs != NULL)
    g_ptr_array_set_size (self->pairs, 0);
  if (self->panes != NULL)
    g_ptr_array_set_size (self->panes, 0);

  G_OBJECT_CLASS (cp_scroll_sync_parent_class)->dispose (object);
}

static void
cp_scroll_sync_finalize (GObject *object)
{
  CpScrollSync *self = (CpScrollSync *)object;

  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  g_clear_pointer (&self->panes, g_ptr_array_unref);

  G_OBJECT_CLASS (cp_scroll_sync_parent_class)->finalize (object);
}

static void
cp_scroll_sync_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CpScrollSync *self = CP_SCROLL_SYNC (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_scroll_sync_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CpScrollSync *self = CP_SCROLL_SYNC (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      cp_scroll_sync_set_enabled (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_scroll_sync_class_init (CpScrollSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cp_scroll_sync_dispose;
  object_class->finalize = cp_scroll_sync_finalize;
  object_class->get_property = cp_scroll_sync_get_property;
  object_class->set_property = cp_scroll_sync_set_property;

  /**
   * CpScrollSync:enabled:
   *
   * Whether scrolling one pane scrolls the others.
   */
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_scroll_sync_init (CpScrollSync *self)
{
  self->enabled = TRUE;
  self->panes = g_ptr_array_new_with_free_func (pane_free);
  self->pairs = g_ptr_array_new_with_free_func (pair_free);
}

CpScrollSync *
cp_scroll_sync_new (void)
{
  return g_object_new (CP_TYPE_SCROLL_SYNC, NULL);
}

gboolean
cp_scroll_sync_get_enabled (CpScrollSync *self)
{
  g_return_val_if_fail (CP_IS_SCROLL_SYNC (self), FALSE);

  return self->enabled;
}

/**
 * cp_scroll_sync_set_enabled:
 * @self: a #CpScrollSync
 * @enabled: whether to synchronize scrolling
 *
 * Turning it on moves nothing: the panes are aligned again when one of
 * them scrolls, or with cp_scroll_sync_align_on().
 */
void
cp_scroll_sync_set_enabled (CpScrollSync *self,
                            gboolean      enabled)
{
  g_return_if_fail (CP_IS_SCROLL_SYNC (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  if (!enabled)
    g_clear_handle_id (&self->realign_id, g_source_remove);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

/**
 * cp_scroll_sync_add_pane:
 * @self: a #CpScrollSync
 * @pane: a pane to keep in step with the others
 *
 * The pane is followed until cp_scroll_sync_remove_pane() or until it is
 * destroyed.
 */
void
cp_scroll_sync_add_pane (CpScrollSync *self,
                         CpReviewPane *pane)
{
  Pane *entry;

  g_return_if_fail (CP_IS_SCROLL_SYNC (self));
  g_return_if_fail (CP_IS_REVIEW_PANE (pane));

  if (find_pane (self, pane) != NULL)
    return;

  entry = g_new0 (Pane, 1);
  entry->sync = self;
  entry->pane = g_object_ref (pane);
  entry->adjustment = g_object_ref (cp_review_pane_get_vadjustment (pane));
  entry->comparison = g_object_ref (cp_review_pane_get_comparison (pane));

  entry->value_changed_id =
    g_signal_connect (entry->adjustment, "value-changed", G_CALLBACK (value_changed_cb), entry);
  entry->adjustment_changed_id =
    g_signal_connect (entry->adjustment, "changed", G_CALLBACK (adjustment_changed_cb), entry);
  entry->comparison_changed_id =
    g_signal_connect (entry->comparison, "changed", G_CALLBACK (comparison_changed_cb), entry);
  entry->destroy_id =
    g_signal_connect (pane, "destroy", G_CALLBACK (pane_destroy_cb), entry);

  g_ptr_array_add (self->panes, entry);

  /* A new pane starts level with the others. */
  queue_realign (self);
}

void
cp_scroll_sync_remove_pane (CpScrollSync *self,
                            CpReviewPane *pane)
{
  Pane *entry;

  g_return_if_fail (CP_IS_SCROLL_SYNC (self));
  g_return_if_fail (CP_IS_REVIEW_PANE (pane));

  entry = find_pane (self, pane);
  if (entry == NULL)
    return;

  for (guint i = self->pairs->len; i > 0; i--)
    {
      Pair *pair = g_ptr_array_index (self->pairs, i - 1);

      if (pair->first == entry || pair->second == entry)
        g_ptr_array_remove_index_fast (self->pairs, i - 1);
    }

  if (self->leader == entry)
    self->leader = NULL;

  g_ptr_array_remove (self->panes, entry);
}

/**
 * cp_scroll_sync_invalidate:
 * @self: a #CpScrollSync
 *
 * Forgets the anchors and mention positions, for when the mentions or
 * the layout changed in a way the panes' adjustments do not show, and
 * realigns the panes. Re-tagging is noticed without this.
 */
void
cp_scroll_sync_invalidate (CpScrollSync *self)
{
  g_return_if_fail (CP_IS_SCROLL_SYNC (self));

  g_ptr_array_set_size (self->pairs, 0);
  for (guint i = 0; i < self->panes->len; i++)
    pane_forget_layout (g_ptr_array_index (self->panes, i));

  queue_realign (self);
}

/**
 * cp_scroll_sync_align_on:
 * @self: a #CpScrollSync
 * @pane: one of the panes
 *
 * Makes @pane the leader and, when enabled, scrolls the other panes now
 * so that they are level with it.
 */
void
cp_scroll_sync_align_on (CpScrollSync *self,
                         CpReviewPane *pane)
{
  Pane *entry;

  g_return_if_fail (CP_IS_SCROLL_SYNC (self));
  g_return_if_fail (CP_IS_REVIEW_PANE (pane));

  entry = find_pane (self, pane);
  g_return_if_fail (entry != NULL);

  /* Aligned exactly: no follower keeps a distance of its own */
  for (guint i = 0; i < self->panes->len; i++)
    ((Pane *) g_ptr_array_index (self->panes, i))->shift = 0;
  self->aligned = TRUE;

  self->leader = entry;
  if (self->enabled && !self->syncing)
    sync_from (self, entry);
}
