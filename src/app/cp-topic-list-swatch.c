/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-topic.h"
#include "cp-topic-list-swatch.h"

/*
 * CpTopicListSwatch:
 *
 * A small rounded square in a topic's color. It is drawn directly, not
 * styled with CSS, so that a list of topics does not need one style
 * provider per color.
 */

#define SWATCH_SIZE   14
#define SWATCH_RADIUS 4

struct _CpTopicListSwatch
{
  GtkWidget  parent_instance;

  char      *color;
  GdkRGBA    rgba;
  guint      color_round;
};

G_DEFINE_FINAL_TYPE (CpTopicListSwatch, cp_topic_list_swatch, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COLOR,
  PROP_COLOR_ROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cp_topic_list_swatch_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  *minimum = *natural = SWATCH_SIZE;
}

static void
cp_topic_list_swatch_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  CpTopicListSwatch *self = CP_TOPIC_LIST_SWATCH (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int size = MIN (width, height);
  const float widths[4] = { 1, 1, 1, 1 };
  GdkRGBA edges[4];
  GdkRGBA edge;
  GskRoundedRect rect;

  if (size <= 0)
    return;

  /* A faint edge in the text color keeps a swatch visible whose color
   * is close to the background: white in the light style, black in the
   * dark one. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &edge);
  edge.alpha *= 0.2f;
  edges[0] = edges[1] = edges[2] = edges[3] = edge;

  gsk_rounded_rect_init_from_rect (&rect,
                                   &GRAPHENE_RECT_INIT ((width - size) / 2.f,
                                                        (height - size) / 2.f,
                                                        size, size),
                                   SWATCH_RADIUS);

  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &self->rgba, &rect.bounds);

  /* The second cue of a colour that comes round again, as the text's
   * underlines go: one bar, two, or a dotted one, across the swatch */
  if (self->color_round > 0 && self->rgba.alpha > 0)
    {
      double luminance = 0.2126 * self->rgba.red + 0.7152 * self->rgba.green + 0.0722 * self->rgba.blue;
      GdkRGBA bar = luminance > 0.45 ? (GdkRGBA) { 0, 0, 0, 0.8f } : (GdkRGBA) { 1, 1, 1, 0.9f };
      float left = rect.bounds.origin.x;
      float top = rect.bounds.origin.y;
      guint kind = (self->color_round - 1) % 3;

      if (kind == 0)
        gtk_snapshot_append_color (snapshot, &bar, &GRAPHENE_RECT_INIT (left, top + size / 2.f - 1, size, 2));
      else if (kind == 1)
        {
          gtk_snapshot_append_color (snapshot, &bar, &GRAPHENE_RECT_INIT (left, top + size / 3.f - 1, size, 2));
          gtk_snapshot_append_color (snapshot, &bar, &GRAPHENE_RECT_INIT (left, top + 2 * size / 3.f - 1, size, 2));
        }
      else
        for (int x = 1; x < size; x += 4)
          gtk_snapshot_append_color (snapshot, &bar, &GRAPHENE_RECT_INIT (left + x, top + size / 2.f - 1, 2, 2));
    }
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &rect, widths, edges);
}

static void
cp_topic_list_swatch_finalize (GObject *object)
{
  CpTopicListSwatch *self = (CpTopicListSwatch *)object;

  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (cp_topic_list_swatch_parent_class)->finalize (object);
}

static void
cp_topic_list_swatch_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CpTopicListSwatch *self = CP_TOPIC_LIST_SWATCH (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_COLOR_ROUND:
      g_value_set_uint (value, self->color_round);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_topic_list_swatch_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CpTopicListSwatch *self = CP_TOPIC_LIST_SWATCH (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      cp_topic_list_swatch_set_color (self, g_value_get_string (value));
      break;

    case PROP_COLOR_ROUND:
      if (self->color_round != g_value_get_uint (value))
        {
          self->color_round = g_value_get_uint (value);
          gtk_widget_queue_draw (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_topic_list_swatch_class_init (CpTopicListSwatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cp_topic_list_swatch_finalize;
  object_class->get_property = cp_topic_list_swatch_get_property;
  object_class->set_property = cp_topic_list_swatch_set_property;

  widget_class->measure = cp_topic_list_swatch_measure;
  widget_class->snapshot = cp_topic_list_swatch_snapshot;

  /**
   * CpTopicListSwatch:color:
   *
   * The color, as the core writes it (“#E69F00”).
   * %NULL or an unparsable string draws nothing.
   */
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CpTopicListSwatch:color-round:
   *
   * How many topics before its topic have its colour: past the palette's
   * size, a bar, two bars or a dotted bar across the swatch.
   */
  properties[PROP_COLOR_ROUND] =
    g_param_spec_uint ("color-round", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "swatch");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
cp_topic_list_swatch_init (CpTopicListSwatch *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
cp_topic_list_swatch_new (void)
{
  return g_object_new (CP_TYPE_TOPIC_LIST_SWATCH, NULL);
}

const char *
cp_topic_list_swatch_get_color (CpTopicListSwatch *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_LIST_SWATCH (self), NULL);

  return self->color;
}

void
cp_topic_list_swatch_set_color (CpTopicListSwatch *self,
                                const char        *color)
{
  guint32 rgb;

  g_return_if_fail (CP_IS_TOPIC_LIST_SWATCH (self));

  if (g_strcmp0 (self->color, color) == 0)
    return;

  g_free (self->color);
  self->color = g_strdup (color);

  /* The core's colours: #rrggbb, as topics and the palette have them */
  if (color != NULL && cp_color_parse (color, &rgb))
    self->rgba = (GdkRGBA) { ((rgb >> 16) & 0xff) / 255.f, ((rgb >> 8) & 0xff) / 255.f, (rgb & 0xff) / 255.f, 1.f };
  else
    self->rgba = (GdkRGBA) { 0, 0, 0, 0 };

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}
