/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-mentions.h"

/**
 * CpMentions:
 *
 * What the topics found in one document: the mentions, with their
 * character offsets (what a text view counts in) computed once, when the
 * document is tagged, and how often each topic occurs. Immutable: a
 * re-tagging makes a new one, so it can be made in a worker thread and
 * read anywhere.
 *
 * Every view of a document's mentions (the review pane, the overview
 * ruler, the link ribbons, synchronized scrolling, the sheet, the
 * command line) reads them here; it is reached by the document, with
 * cp_comparison_get_mentions_for_document().
 */
struct _CpMentions
{
  GObject     parent_instance;

  CpDocument *document;
  GArray     *mentions;   /* CpMention, sorted by start */
  guint32    *chars;      /* start and end of each mention, in characters */
  guint       max_chars;  /* the longest mention, in characters */
  guint       n_topics;
  guint      *counts;     /* per topic */
};

G_DEFINE_FINAL_TYPE (CpMentions, cp_mentions, G_TYPE_OBJECT)

static void
cp_mentions_finalize (GObject *object)
{
  CpMentions *self = CP_MENTIONS (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->mentions, g_array_unref);
  g_clear_pointer (&self->chars, g_free);
  g_clear_pointer (&self->counts, g_free);

  G_OBJECT_CLASS (cp_mentions_parent_class)->finalize (object);
}

static void
cp_mentions_class_init (CpMentionsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cp_mentions_finalize;
}

static void
cp_mentions_init (CpMentions *self)
{
}

/* Byte offsets to character offsets in one pass over the text: the
 * mentions are sorted by start, so each start is counted on from the one
 * before, and each end from its start. */
static void
compute_chars (CpMentions *self)
{
  gsize byte = 0;
  gsize chars = 0;

  self->chars = g_new (guint32, MAX (self->mentions->len, 1) * 2);
  for (guint i = 0; i < self->mentions->len; i++)
    {
      const CpMention *m = &g_array_index (self->mentions, CpMention, i);
      guint length;

      if (m->start >= byte)
        chars += cp_document_count_characters (self->document, byte, m->start);
      else
        chars = cp_document_get_char_offset (self->document, m->start);
      byte = m->start;

      length = cp_document_count_characters (self->document, m->start, m->end);
      self->chars[2 * i] = chars;
      self->chars[2 * i + 1] = chars + length;
      self->max_chars = MAX (self->max_chars, length);
    }
}

/**
 * cp_mentions_new:
 * @document: the document that was tagged
 * @mentions: (transfer full): the #CpMention found in it, sorted by start
 * @n_topics: the number of topics of the matcher that found them
 *
 * Thread-safe: call it where the document was tagged.
 *
 * Returns: (transfer full): a new #CpMentions
 */
CpMentions *
cp_mentions_new (CpDocument *document,
                 GArray     *mentions,
                 guint       n_topics)
{
  CpMentions *self;

  g_return_val_if_fail (CP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (mentions != NULL, NULL);
  g_return_val_if_fail (g_array_get_element_size (mentions) == sizeof (CpMention), NULL);

  self = g_object_new (CP_TYPE_MENTIONS, NULL);
  self->document = g_object_ref (document);
  self->mentions = mentions;
  self->n_topics = n_topics;
  self->counts = g_new0 (guint, MAX (n_topics, 1));

  for (guint i = 0; i < mentions->len; i++)
    {
      const CpMention *m = &g_array_index (mentions, CpMention, i);

      g_return_val_if_fail (m->topic < n_topics, self);
      self->counts[m->topic]++;
    }
  compute_chars (self);

  return self;
}

/**
 * cp_mentions_get_document:
 * @self: a #CpMentions
 *
 * Returns: (transfer none): the document the mentions are in
 */
CpDocument *
cp_mentions_get_document (CpMentions *self)
{
  g_return_val_if_fail (CP_IS_MENTIONS (self), NULL);

  return self->document;
}

guint
cp_mentions_get_n_mentions (CpMentions *self)
{
  g_return_val_if_fail (CP_IS_MENTIONS (self), 0);

  return self->mentions->len;
}

/**
 * cp_mentions_get_mention:
 * @self: a #CpMentions
 * @index: a mention's index, in text order
 *
 * Returns: (transfer none): the mention, with byte offsets
 */
const CpMention *
cp_mentions_get_mention (CpMentions *self,
                         guint       index)
{
  g_return_val_if_fail (CP_IS_MENTIONS (self), NULL);
  g_return_val_if_fail (index < self->mentions->len, NULL);

  return &g_array_index (self->mentions, CpMention, index);
}

/**
 * cp_mentions_get_all:
 * @self: a #CpMentions
 * @n_mentions: (out): the number of mentions
 *
 * Returns: (transfer none) (array length=n_mentions): every mention, in
 *   text order
 */
const CpMention *
cp_mentions_get_all (CpMentions *self,
                     guint      *n_mentions)
{
  g_return_val_if_fail (CP_IS_MENTIONS (self), NULL);
  g_return_val_if_fail (n_mentions != NULL, NULL);

  *n_mentions = self->mentions->len;
  return (const CpMention *) (gpointer) self->mentions->data;
}

/**
 * cp_mentions_get_char_start:
 * @self: a #CpMentions
 * @index: a mention's index
 *
 * Returns: where the mention starts, in characters from the start of the
 *   document's text
 */
guint
cp_mentions_get_char_start (CpMentions *self,
                            guint       index)
{
  g_return_val_if_fail (CP_IS_MENTIONS (self), 0);
  g_return_val_if_fail (index < self->mentions->len, 0);

  return self->chars[2 * index];
}

/**
 * cp_mentions_get_char_end:
 * @self: a #CpMentions
 * @index: a mention's index
 *
 * Returns: where the mention ends (the character after it)
 */
guint
cp_mentions_get_char_end (CpMentions *self,
                          guint       index)
{
  g_return_val_if_fail (CP_IS_MENTIONS (self), 0);
  g_return_val_if_fail (index < self->mentions->len, 0);

  return self->chars[2 * index + 1];
}

guint
cp_mentions_get_n_topics (CpMentions *self)
{
  g_return_val_if_fail (CP_IS_MENTIONS (self), 0);

  return self->n_topics;
}

/**
 * cp_mentions_get_count:
 * @self: a #CpMentions
 * @topic: a topic's index
 *
 * Returns: how often @topic is mentioned; 0 for a topic the document was
 *   not tagged with
 */
guint
cp_mentions_get_count (CpMentions *self,
                       guint       topic)
{
  g_return_val_if_fail (CP_IS_MENTIONS (self), 0);

  return topic < self->n_topics ? self->counts[topic] : 0;
}

/**
 * cp_mentions_get_n_topics_mentioned:
 * @self: a #CpMentions
 *
 * Returns: how many topics the document mentions at least once
 */
guint
cp_mentions_get_n_topics_mentioned (CpMentions *self)
{
  guint n = 0;

  g_return_val_if_fail (CP_IS_MENTIONS (self), 0);

  for (guint t = 0; t < self->n_topics; t++)
    n += self->counts[t] > 0;
  return n;
}

/**
 * cp_mentions_find:
 * @self: a #CpMentions
 * @topic: a topic's index
 * @after: a mention's index, or -1 to search from the start (or, backwards,
 *   from the end)
 * @forward: the direction
 *
 * Returns: the index of the next (or previous) mention of @topic, or -1
 */
int
cp_mentions_find (CpMentions *self,
                  guint       topic,
                  int         after,
                  gboolean    forward)
{
  const CpMention *mentions;
  int n;

  g_return_val_if_fail (CP_IS_MENTIONS (self), -1);

  mentions = (const CpMention *) (gpointer) self->mentions->data;
  n = (int) self->mentions->len;
  if (topic >= self->n_topics || self->counts[topic] == 0)
    return -1;

  if (forward)
    {
      for (int i = MAX (after + 1, 0); i < n; i++)
        if (mentions[i].topic == topic)
          return i;
    }
  else
    {
      for (int i = (after < 0 || after > n ? n : after) - 1; i >= 0; i--)
        if (mentions[i].topic == topic)
          return i;
    }
  return -1;
}

/**
 * cp_mentions_get_rank:
 * @self: a #CpMentions
 * @index: a mention's index
 *
 * Returns: how many mentions of the same topic come before it
 */
guint
cp_mentions_get_rank (CpMentions *self,
                      guint       index)
{
  const CpMention *mentions;
  guint rank = 0;

  g_return_val_if_fail (CP_IS_MENTIONS (self), 0);
  g_return_val_if_fail (index < self->mentions->len, 0);

  mentions = (const CpMention *) (gpointer) self->mentions->data;
  for (guint i = 0; i < index; i++)
    rank += mentions[i].topic == mentions[index].topic;
  return rank;
}

/**
 * cp_mentions_find_rank:
 * @self: a #CpMentions
 * @topic: a topic's index
 * @rank: which of its mentions, from 0
 *
 * Returns: the index of @topic's mention number @rank, or of its last one
 *   when it has fewer; -1 when it has none
 */
int
cp_mentions_find_rank (CpMentions *self,
                       guint       topic,
                       guint       rank)
{
  const CpMention *mentions;
  int last = -1;

  g_return_val_if_fail (CP_IS_MENTIONS (self), -1);

  if (topic >= self->n_topics || self->counts[topic] == 0)
    return -1;

  mentions = (const CpMention *) (gpointer) self->mentions->data;
  for (guint i = 0; i < self->mentions->len; i++)
    if (mentions[i].topic == topic)
      {
        last = (int) i;
        if (rank-- == 0)
          break;
      }
  return last;
}

/**
 * cp_mentions_find_at:
 * @self: a #CpMentions
 * @char_offset: a character offset in the document's text
 * @prefer_topic: the topic to prefer where mentions overlap, or -1
 *
 * Returns: the index of the mention at @char_offset, or -1
 */
int
cp_mentions_find_at (CpMentions *self,
                     guint       char_offset,
                     int         prefer_topic)
{
  const CpMention *mentions;
  guint lo = 0;
  guint hi;
  int found = -1;

  g_return_val_if_fail (CP_IS_MENTIONS (self), -1);

  /* The first mention that starts after @char_offset */
  hi = self->mentions->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->chars[2 * mid] <= char_offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  /* Those before it that can still reach @char_offset, in text order */
  mentions = (const CpMention *) (gpointer) self->mentions->data;
  while (lo > 0 && self->chars[2 * (lo - 1)] + self->max_chars > char_offset)
    lo--;
  for (guint i = lo; i < hi; i++)
    if (char_offset < self->chars[2 * i + 1])
      {
        if (found < 0)
          found = (int) i;
        if ((int) mentions[i].topic == prefer_topic)
          return (int) i;
      }
  return found;
}

/**
 * cp_mentions_find_nearest:
 * @self: a #CpMentions
 * @topic: a topic's index
 * @char_offset: where to look from, in characters
 *
 * Finds the mention of @topic that starts nearest to @char_offset, as the
 * place to return to after a review's text changed under it. Of two at
 * the same distance, the earlier.
 *
 * Returns: the mention's index, or -1 when @topic is not mentioned
 */
int
cp_mentions_find_nearest (CpMentions *self,
                          guint       topic,
                          guint       char_offset)
{
  int best = -1;
  guint best_distance = G_MAXUINT;

  g_return_val_if_fail (CP_IS_MENTIONS (self), -1);

  for (int i = cp_mentions_find (self, topic, -1, TRUE);
       i >= 0;
       i = cp_mentions_find (self, topic, i, TRUE))
    {
      guint start = self->chars[2 * i];
      guint distance = start > char_offset ? start - char_offset : char_offset - start;

      if (distance < best_distance)
        {
          best = i;
          best_distance = distance;
        }
      else if (start > char_offset)
        break;
    }
  return best;
}
