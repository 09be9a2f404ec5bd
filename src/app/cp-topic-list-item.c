/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-topic-list-item.h"

/*
 * CpTopicListItem:
 *
 * One row of the topic list's model: either a section header or a topic
 * with the numbers the comparison gave for it. A disabled topic keeps the
 * numbers it last had, so that switching it off does not move its row
 * away from under the pointer; its summary then says that it is hidden.
 */

struct _CpTopicListItem
{
  GObject             parent_instance;

  CpTopic            *topic;
  char               *summary;
  char               *spoken_summary;
  CpTopicListSection  section;
  guint               index;
  guint               spread;
  guint               total;
  guint               color_round;
  char               *title;      /* a header's, with its count when collapsed */
  guint               is_header : 1;
  guint               collapsed : 1;
};

G_DEFINE_FINAL_TYPE (CpTopicListItem, cp_topic_list_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOPIC,
  PROP_INDEX,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_COLOR_ROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cp_topic_list_item_dispose (GObject *object)
{
  CpTopicListItem *self = (CpTopicListItem *)object;

  g_clear_object (&self->topic);

  G_OBJECT_CLASS (cp_topic_list_item_parent_class)->dispose (object);
}

static void
cp_topic_list_item_finalize (GObject *object)
{
  CpTopicListItem *self = (CpTopicListItem *)object;

  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->spoken_summary, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (cp_topic_list_item_parent_class)->finalize (object);
}

static void
cp_topic_list_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CpTopicListItem *self = CP_TOPIC_LIST_ITEM (object);

  switch (prop_id)
    {
    case PROP_TOPIC:
      g_value_set_object (value, self->topic);
      break;

    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;

    case PROP_TITLE:
      g_value_set_string (value, cp_topic_list_item_get_title (self));
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_COLOR_ROUND:
      g_value_set_uint (value, self->color_round);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_topic_list_item_class_init (CpTopicListItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cp_topic_list_item_dispose;
  object_class->finalize = cp_topic_list_item_finalize;
  object_class->get_property = cp_topic_list_item_get_property;

  properties[PROP_TOPIC] =
    g_param_spec_object ("topic", NULL, NULL,
                         CP_TYPE_TOPIC,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CpTopicListItem:color-round:
   *
   * How many topics before this one have its colour; past the palette's
   * size its swatch carries a second cue.
   */
  properties[PROP_COLOR_ROUND] =
    g_param_spec_uint ("color-round", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_topic_list_item_init (CpTopicListItem *self)
{
  self->section = CP_TOPIC_LIST_SECTION_UNMENTIONED;
}

CpTopicListItem *
cp_topic_list_item_new_header (CpTopicListSection section)
{
  CpTopicListItem *self;

  g_return_val_if_fail (section < CP_TOPIC_LIST_N_SECTIONS, NULL);

  self = g_object_new (CP_TYPE_TOPIC_LIST_ITEM, NULL);
  self->is_header = TRUE;
  self->section = section;

  return self;
}

CpTopicListItem *
cp_topic_list_item_new_topic (CpTopic *topic,
                              guint    index)
{
  CpTopicListItem *self;

  g_return_val_if_fail (CP_IS_TOPIC (topic), NULL);

  self = g_object_new (CP_TYPE_TOPIC_LIST_ITEM, NULL);
  self->topic = g_object_ref (topic);
  self->index = index;

  return self;
}

gboolean
cp_topic_list_item_is_header (CpTopicListItem *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_LIST_ITEM (self), FALSE);

  return self->is_header;
}

CpTopicListSection
cp_topic_list_item_get_section (CpTopicListItem *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_LIST_ITEM (self), CP_TOPIC_LIST_SECTION_UNMENTIONED);

  return self->section;
}

/* Returns: the section heading for a header item, %NULL for a topic */
const char *
cp_topic_list_item_get_title (CpTopicListItem *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_LIST_ITEM (self), NULL);

  if (!self->is_header)
    return NULL;

  if (self->title == NULL)
    {
      switch (self->section)
        {
        case CP_TOPIC_LIST_SECTION_SHARED:
          self->title = g_strdup (_("Shared topics"));
          break;

        case CP_TOPIC_LIST_SECTION_SINGLE:
          self->title = g_strdup (_("In one review"));
          break;

        case CP_TOPIC_LIST_SECTION_UNMENTIONED:
        case CP_TOPIC_LIST_N_SECTIONS:
        default:
          self->title = g_strdup (_("Not mentioned"));
          break;
        }
    }

  return self->title;
}

/**
 * cp_topic_list_item_set_collapsed:
 * @self: the header of the unmentioned topics
 * @collapsed: whether its topics are hidden
 * @n_topics: how many topics the section holds
 *
 * The section of unmentioned topics opens and closes: closed, its heading
 * says how many topics it hides, behind an arrow that points at them.
 */
void
cp_topic_list_item_set_collapsed (CpTopicListItem *self,
                                  gboolean         collapsed,
                                  guint            n_topics)
{
  g_autofree char *title = NULL;

  g_return_if_fail (CP_IS_TOPIC_LIST_ITEM (self));
  g_return_if_fail (self->is_header);

  self->collapsed = !!collapsed;
  if (collapsed)
    /* Translators: the closed section of topics no open review mentions, and how many it holds */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "▸ Not mentioned (%u topic)",
                                          "▸ Not mentioned (%u topics)", n_topics), n_topics);
  else
    /* Translators: the open section of topics no open review mentions */
    title = g_strdup (_("▾ Not mentioned"));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_steal_pointer (&title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
cp_topic_list_item_get_collapsed (CpTopicListItem *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_LIST_ITEM (self), FALSE);

  return self->collapsed;
}

CpTopic *
cp_topic_list_item_get_topic (CpTopicListItem *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_LIST_ITEM (self), NULL);

  return self->topic;
}

guint
cp_topic_list_item_get_index (CpTopicListItem *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_LIST_ITEM (self), 0);

  return self->index;
}

void
cp_topic_list_item_set_index (CpTopicListItem *self,
                              guint            index)
{
  g_return_if_fail (CP_IS_TOPIC_LIST_ITEM (self));

  if (self->index == index)
    return;

  self->index = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX]);
}

guint
cp_topic_list_item_get_spread (CpTopicListItem *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_LIST_ITEM (self), 0);

  return self->spread;
}

guint
cp_topic_list_item_get_total (CpTopicListItem *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_LIST_ITEM (self), 0);

  return self->total;
}

/* Returns: the secondary line of a topic row, %NULL for a header */
const char *
cp_topic_list_item_get_summary (CpTopicListItem *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_LIST_ITEM (self), NULL);

  return self->summary;
}

/* Returns: how the summary is read out by a screen reader, with a comma
 * where the screen shows a dot; %NULL for a header */
const char *
cp_topic_list_item_get_spoken_summary (CpTopicListItem *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_LIST_ITEM (self), NULL);

  return self->spoken_summary;
}

static char *
format_summary (gboolean enabled,
                guint    spread,
                guint    total,
                guint    n_documents,
                gboolean spoken)
{
  g_autofree char *reviews = NULL;
  g_autofree char *mentions = NULL;

  if (!enabled)
    {
      /* Translators: shown under the name of a topic that the user
       * switched off */
      return g_strdup (_("hidden"));
    }

  if (spread == 0)
    {
      /* Translators: shown under the name of a topic that no open
       * review mentions */
      return g_strdup (_("not mentioned"));
    }

  /* Translators: the first %u is the number of reviews that mention the
   * topic, the second the number of open reviews: “in 4 of 5 reviews” */
  reviews = g_strdup_printf (ngettext ("in %u of %u review",
                                       "in %u of %u reviews",
                                       n_documents),
                             spread, n_documents);
  /* Translators: how often a topic is mentioned in all reviews together */
  mentions = g_strdup_printf (ngettext ("%u mention",
                                        "%u mentions",
                                        total),
                              total);

  /* Translators: joins “in 4 of 5 reviews” and “18 mentions” into the
   * line shown under a topic's name */
  if (spoken)
    {
      /* Translators: joins “in 4 of 5 reviews” and “18 mentions” for a
       * screen reader: “in 4 of 5 reviews, 18 mentions” */
      return g_strdup_printf (_("%s, %s"), reviews, mentions);
    }
  return g_strdup_printf (_("%s · %s"), reviews, mentions);
}

/**
 * cp_topic_list_item_set_color_round:
 * @self: a topic's item
 * @color_round: how many topics before it have its colour
 */
void
cp_topic_list_item_set_color_round (CpTopicListItem *self,
                                    guint            color_round)
{
  g_return_if_fail (CP_IS_TOPIC_LIST_ITEM (self));

  if (self->color_round == color_round)
    return;
  self->color_round = color_round;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR_ROUND]);
}

/*
 * cp_topic_list_item_update:
 *
 * Takes the comparison's numbers for the item's topic. The numbers of a
 * disabled topic are ignored: it keeps its place in the list.
 */
void
cp_topic_list_item_update (CpTopicListItem *self,
                           gboolean         enabled,
                           guint            spread,
                           guint            total,
                           guint            n_documents)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (CP_IS_TOPIC_LIST_ITEM (self));
  g_return_if_fail (!self->is_header);

  if (enabled)
    {
      self->spread = spread;
      self->total = total;

      if (spread >= 2)
        self->section = CP_TOPIC_LIST_SECTION_SHARED;
      else if (spread == 1)
        self->section = CP_TOPIC_LIST_SECTION_SINGLE;
      else
        self->section = CP_TOPIC_LIST_SECTION_UNMENTIONED;
    }

  summary = format_summary (enabled, spread, total, n_documents, FALSE);

  if (g_strcmp0 (summary, self->summary) != 0)
    {
      g_free (self->summary);
      self->summary = g_steal_pointer (&summary);
      g_free (self->spoken_summary);
      self->spoken_summary = format_summary (enabled, spread, total, n_documents, TRUE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }
}

/*
 * cp_topic_list_item_compare:
 *
 * The order of the list: by section, a header before its topics; within
 * a section by spread and total, both descending, then by label.
 */
int
cp_topic_list_item_compare (CpTopicListItem *a,
                            CpTopicListItem *b)
{
  int cmp;

  if (a->section != b->section)
    return a->section < b->section ? -1 : 1;

  if (a->is_header != b->is_header)
    return a->is_header ? -1 : 1;

  if (a->is_header)
    return 0;

  if (a->spread != b->spread)
    return a->spread > b->spread ? -1 : 1;

  if (a->total != b->total)
    return a->total > b->total ? -1 : 1;

  cmp = g_utf8_collate (cp_topic_get_display_label (a->topic),
                        cp_topic_get_display_label (b->topic));
  if (cmp != 0)
    return cmp;

  if (a->index != b->index)
    return a->index < b->index ? -1 : 1;

  return 0;
}
