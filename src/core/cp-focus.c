/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-focus.h"

/**
 * CpFocus:
 *
 * Where the reader is: the focused topic and, in each document, its
 * current mention. One object per window; the panes, the link ribbons,
 * the overview rulers and the topic list observe it, and only user
 * actions change it (picking a topic, clicking a mention, stepping).
 *
 * Moves that the reader asked for end with #CpFocus::moved, naming the
 * document to keep in place, so that the window can bring the others
 * level with it. A re-tagging keeps each current mention where it was
 * (the same topic at the same place, else the nearest one after it) and
 * emits only #CpFocus::current-changed.
 */

typedef struct
{
  int   mention;     /* index in the document's CpMentions, or -1 */
  guint char_start;  /* where it starts, to find it again after a re-tag */
} Current;

struct _CpFocus
{
  GObject       parent_instance;

  CpComparison *comparison;
  CpTopic      *topic;
  int           topic_index;
  GHashTable   *currents;  /* CpDocument → Current */
  CpDocument   *anchor;    /* weak */
};

G_DEFINE_FINAL_TYPE (CpFocus, cp_focus, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_COMPARISON,
  PROP_TOPIC,
  PROP_TOPIC_INDEX,
  N_PROPS
};

enum {
  CURRENT_CHANGED,
  MOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static int
find_topic_index (CpFocus *self,
                  CpTopic *topic)
{
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  guint n = cp_topic_set_get_n_topics (topics);

  if (topic != NULL)
    for (guint i = 0; i < n; i++)
      if (cp_topic_set_get_topic (topics, i) == topic)
        return (int) i;
  return -1;
}

static CpMentions *
mentions_of (CpFocus    *self,
             CpDocument *document)
{
  return cp_comparison_get_mentions_for_document (self->comparison, document);
}

/* Sets the current mention of @document, without signals; TRUE when it
 * changed */
static gboolean
store_current (CpFocus    *self,
               CpDocument *document,
               int         mention)
{
  CpMentions *mentions = mentions_of (self, document);
  Current *current = g_hash_table_lookup (self->currents, document);

  if (mentions == NULL || mention >= (int) cp_mentions_get_n_mentions (mentions))
    mention = -1;

  if (current == NULL)
    {
      if (mention < 0)
        return FALSE;
      current = g_new0 (Current, 1);
      current->mention = -1;
      g_hash_table_insert (self->currents, g_object_ref (document), current);
    }
  if (current->mention == mention &&
      (mention < 0 || current->char_start == cp_mentions_get_char_start (mentions, mention)))
    return FALSE;

  current->mention = mention;
  current->char_start = mention >= 0 ? cp_mentions_get_char_start (mentions, mention) : 0;
  return TRUE;
}

/* Emits current-changed for each document in @changed, then moved */
static void
emit_changes (CpFocus    *self,
              GPtrArray  *changed,
              gboolean    moved)
{
  for (guint i = 0; i < changed->len; i++)
    g_signal_emit (self, signals[CURRENT_CHANGED], 0, changed->pdata[i]);
  if (moved)
    g_signal_emit (self, signals[MOVED], 0, self->anchor);
}

static void
set_topic_index (CpFocus *self,
                 int      index)
{
  if (self->topic_index == index)
    return;
  self->topic_index = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPIC_INDEX]);
}

/* The mention of @topic at or after @char_start, else the last before */
static int
nearest_mention (CpMentions *mentions,
                 guint       topic,
                 guint       char_start)
{
  int last = -1;

  for (int i = cp_mentions_find (mentions, topic, -1, TRUE);
       i >= 0;
       i = cp_mentions_find (mentions, topic, i, TRUE))
    {
      if (cp_mentions_get_char_start (mentions, i) >= char_start)
        return i;
      last = i;
    }
  return last;
}

static void
comparison_changed_cb (CpFocus            *self,
                       CpComparisonChange  change,
                       CpComparison       *comparison)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  if (change & CP_COMPARISON_CHANGE_DOCUMENTS)
    {
      /* Forget the documents that were closed */
      g_hash_table_iter_init (&iter, self->currents);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (mentions_of (self, key) == NULL)
          g_hash_table_iter_remove (&iter);
    }

  if (!(change & CP_COMPARISON_CHANGE_TOPICS))
    return;

  set_topic_index (self, find_topic_index (self, self->topic));
  if (self->topic != NULL && self->topic_index < 0)
    {
      /* The focused topic was removed */
      cp_focus_set_topic (self, NULL);
      return;
    }

  /* Re-tagged: find each current mention again */
  g_hash_table_iter_init (&iter, self->currents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Current *current = value;
      CpMentions *mentions = mentions_of (self, key);
      int mention = -1;

      if (current->mention < 0)
        continue;
      if (mentions != NULL && self->topic_index >= 0)
        mention = nearest_mention (mentions, self->topic_index, current->char_start);
      store_current (self, key, mention);
      g_ptr_array_add (changed, g_object_ref (key));
    }
  emit_changes (self, changed, FALSE);
}

static void
cp_focus_constructed (GObject *object)
{
  CpFocus *self = CP_FOCUS (object);

  G_OBJECT_CLASS (cp_focus_parent_class)->constructed (object);

  g_assert (CP_IS_COMPARISON (self->comparison));
  g_signal_connect_object (self->comparison, "changed",
                           G_CALLBACK (comparison_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
cp_focus_dispose (GObject *object)
{
  CpFocus *self = CP_FOCUS (object);

  g_clear_weak_pointer (&self->anchor);
  g_clear_object (&self->topic);
  g_clear_object (&self->comparison);
  g_clear_pointer (&self->currents, g_hash_table_unref);

  G_OBJECT_CLASS (cp_focus_parent_class)->dispose (object);
}

static void
cp_focus_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CpFocus *self = CP_FOCUS (object);

  switch (prop_id)
    {
    case PROP_COMPARISON:
      g_value_set_object (value, self->comparison);
      break;

    case PROP_TOPIC:
      g_value_set_object (value, self->topic);
      break;

    case PROP_TOPIC_INDEX:
      g_value_set_int (value, self->topic_index);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_focus_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CpFocus *self = CP_FOCUS (object);

  switch (prop_id)
    {
    case PROP_COMPARISON:
      self->comparison = g_value_dup_object (value);
      break;

    case PROP_TOPIC:
      cp_focus_set_topic (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_focus_class_init (CpFocusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cp_focus_constructed;
  object_class->dispose = cp_focus_dispose;
  object_class->get_property = cp_focus_get_property;
  object_class->set_property = cp_focus_set_property;

  properties[PROP_COMPARISON] =
    g_param_spec_object ("comparison", NULL, NULL,
                         CP_TYPE_COMPARISON,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CpFocus:topic:
   *
   * The focused topic, or %NULL.
   */
  properties[PROP_TOPIC] =
    g_param_spec_object ("topic", NULL, NULL,
                         CP_TYPE_TOPIC,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CpFocus:topic-index:
   *
   * The focused topic's position in the topic set (the topic of a
   * #CpMention), or -1. Changes with the topic, and when topics before it
   * come or go.
   */
  properties[PROP_TOPIC_INDEX] =
    g_param_spec_int ("topic-index", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CpFocus::current-changed:
   * @self: a #CpFocus
   * @document: the document whose current mention changed
   */
  signals[CURRENT_CHANGED] =
    g_signal_new ("current-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CP_TYPE_DOCUMENT);

  /**
   * CpFocus::moved:
   * @self: a #CpFocus
   * @anchor: (nullable): the document whose current mention should stay
   *   where it is, or %NULL
   *
   * Emitted after the reader moved the focus (a topic picked, a mention
   * clicked, a step): bring every current mention level with @anchor's.
   */
  signals[MOVED] =
    g_signal_new ("moved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CP_TYPE_DOCUMENT);
}

static void
cp_focus_init (CpFocus *self)
{
  self->topic_index = -1;
  self->currents = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
}

/**
 * cp_focus_new:
 * @comparison: the comparison whose documents and topics it follows
 *
 * Returns: (transfer full): a new focus, on no topic
 */
CpFocus *
cp_focus_new (CpComparison *comparison)
{
  g_return_val_if_fail (CP_IS_COMPARISON (comparison), NULL);

  return g_object_new (CP_TYPE_FOCUS, "comparison", comparison, NULL);
}

/**
 * cp_focus_get_comparison:
 * @self: a #CpFocus
 *
 * Returns: (transfer none): the comparison
 */
CpComparison *
cp_focus_get_comparison (CpFocus *self)
{
  g_return_val_if_fail (CP_IS_FOCUS (self), NULL);

  return self->comparison;
}

/**
 * cp_focus_get_topic:
 * @self: a #CpFocus
 *
 * Returns: (transfer none) (nullable): the focused topic
 */
CpTopic *
cp_focus_get_topic (CpFocus *self)
{
  g_return_val_if_fail (CP_IS_FOCUS (self), NULL);

  return self->topic;
}

int
cp_focus_get_topic_index (CpFocus *self)
{
  g_return_val_if_fail (CP_IS_FOCUS (self), -1);

  return self->topic_index;
}

/* The anchor if it mentions the focused topic, else the first document
 * that does */
static CpDocument *
pick_anchor (CpFocus *self)
{
  guint n = cp_comparison_get_n_documents (self->comparison);

  if (self->anchor != NULL && cp_focus_get_current (self, self->anchor) >= 0)
    return self->anchor;
  for (guint i = 0; i < n; i++)
    {
      CpDocument *document = cp_comparison_get_document (self->comparison, i);

      if (cp_focus_get_current (self, document) >= 0)
        return document;
    }
  return NULL;
}

/**
 * cp_focus_set_topic:
 * @self: a #CpFocus
 * @topic: (nullable): a topic of the comparison's topic set, or %NULL
 *
 * Focuses @topic: each document's current mention becomes its first
 * mention of @topic, and #CpFocus::moved asks to level them on the anchor
 * (the document the reader works in, if it mentions @topic). %NULL, or a
 * topic not in the set, clears the focus.
 */
void
cp_focus_set_topic (CpFocus *self,
                    CpTopic *topic)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;
  int index;

  g_return_if_fail (CP_IS_FOCUS (self));
  g_return_if_fail (topic == NULL || CP_IS_TOPIC (topic));

  index = find_topic_index (self, topic);
  if (index < 0)
    topic = NULL;
  if (self->topic == topic)
    return;

  g_set_object (&self->topic, topic);
  set_topic_index (self, index);

  n = cp_comparison_get_n_documents (self->comparison);
  for (guint i = 0; i < n; i++)
    {
      CpDocument *document = cp_comparison_get_document (self->comparison, i);
      CpMentions *mentions = mentions_of (self, document);
      int first = index >= 0 ? cp_mentions_find (mentions, index, -1, TRUE) : -1;

      if (store_current (self, document, first))
        g_ptr_array_add (changed, g_object_ref (document));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPIC]);
  if (topic != NULL)
    g_set_weak_pointer (&self->anchor, pick_anchor (self));
  emit_changes (self, changed, topic != NULL);
}

/**
 * cp_focus_get_current:
 * @self: a #CpFocus
 * @document: a document of the comparison
 *
 * Returns: the index of @document's current mention, or -1
 */
int
cp_focus_get_current (CpFocus    *self,
                      CpDocument *document)
{
  Current *current;

  g_return_val_if_fail (CP_IS_FOCUS (self), -1);

  current = g_hash_table_lookup (self->currents, document);
  return current != NULL ? current->mention : -1;
}

/**
 * cp_focus_set_current:
 * @self: a #CpFocus
 * @document: a document of the comparison
 * @mention: the index of one of its mentions of the focused topic, or -1
 *
 * Makes @mention @document's current mention, as when the reader joins
 * two mentions by their ribbon; the other documents' stay as they are.
 */
void
cp_focus_set_current (CpFocus    *self,
                      CpDocument *document,
                      int         mention)
{
  CpMentions *mentions;

  g_return_if_fail (CP_IS_FOCUS (self));
  g_return_if_fail (CP_IS_DOCUMENT (document));

  mentions = mentions_of (self, document);
  g_return_if_fail (mentions != NULL);
  g_return_if_fail (mention < (int) cp_mentions_get_n_mentions (mentions));
  g_return_if_fail (mention < 0 || (int) cp_mentions_get_mention (mentions, mention)->topic == self->topic_index);

  if (store_current (self, document, mention))
    g_signal_emit (self, signals[CURRENT_CHANGED], 0, document);
}

/**
 * cp_focus_focus_mention:
 * @self: a #CpFocus
 * @document: a document of the comparison
 * @mention: the index of one of its mentions
 *
 * Focuses the mention's topic with @mention as @document's current one,
 * and in each other document the mention of the same rank (its first
 * when @mention is the first, …, or its last when it has fewer); @document
 * becomes the anchor.
 */
void
cp_focus_focus_mention (CpFocus    *self,
                        CpDocument *document,
                        guint       mention)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  CpMentions *mentions;
  const CpMention *m;
  guint rank;
  guint n;

  g_return_if_fail (CP_IS_FOCUS (self));
  g_return_if_fail (CP_IS_DOCUMENT (document));

  mentions = mentions_of (self, document);
  g_return_if_fail (mentions != NULL);
  g_return_if_fail (mention < cp_mentions_get_n_mentions (mentions));

  m = cp_mentions_get_mention (mentions, mention);
  rank = cp_mentions_get_rank (mentions, mention);
  if (self->topic_index != (int) m->topic)
    {
      g_set_object (&self->topic, cp_topic_set_get_topic (cp_comparison_get_topics (self->comparison), m->topic));
      set_topic_index (self, m->topic);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPIC]);
    }

  n = cp_comparison_get_n_documents (self->comparison);
  for (guint i = 0; i < n; i++)
    {
      CpDocument *other = cp_comparison_get_document (self->comparison, i);
      int current = other == document
                    ? (int) mention
                    : cp_mentions_find_rank (mentions_of (self, other), m->topic, rank);

      if (store_current (self, other, current))
        g_ptr_array_add (changed, g_object_ref (other));
    }

  g_set_weak_pointer (&self->anchor, document);
  emit_changes (self, changed, TRUE);
}

/**
 * cp_focus_step:
 * @self: a #CpFocus
 * @forward: to the next mention, or the previous one
 *
 * Moves every document that mentions the focused topic to its next (or
 * previous) mention, wrapping around at the end.
 *
 * Returns: %FALSE when no topic is focused
 */
gboolean
cp_focus_step (CpFocus  *self,
               gboolean  forward)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (CP_IS_FOCUS (self), FALSE);

  if (self->topic_index < 0)
    return FALSE;

  n = cp_comparison_get_n_documents (self->comparison);
  for (guint i = 0; i < n; i++)
    {
      CpDocument *document = cp_comparison_get_document (self->comparison, i);
      CpMentions *mentions = mentions_of (self, document);
      int next = cp_mentions_find (mentions, self->topic_index, cp_focus_get_current (self, document), forward);

      if (next < 0)
        next = cp_mentions_find (mentions, self->topic_index, -1, forward);
      if (store_current (self, document, next))
        g_ptr_array_add (changed, g_object_ref (document));
    }

  g_set_weak_pointer (&self->anchor, pick_anchor (self));
  emit_changes (self, changed, TRUE);
  return TRUE;
}

/**
 * cp_focus_get_anchor:
 * @self: a #CpFocus
 *
 * Returns: (transfer none) (nullable): the document the reader works in
 */
CpDocument *
cp_focus_get_anchor (CpFocus *self)
{
  g_return_val_if_fail (CP_IS_FOCUS (self), NULL);

  return self->anchor;
}

/**
 * cp_focus_set_anchor:
 * @self: a #CpFocus
 * @document: (nullable): the document the reader works in
 *
 * Remembers the document the reader is in (its pane had the keyboard
 * focus or a click): the next move keeps it in place.
 */
void
cp_focus_set_anchor (CpFocus    *self,
                     CpDocument *document)
{
  g_return_if_fail (CP_IS_FOCUS (self));
  g_return_if_fail (document == NULL || CP_IS_DOCUMENT (document));

  g_set_weak_pointer (&self->anchor, document);
}
