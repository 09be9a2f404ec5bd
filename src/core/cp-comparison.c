/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-comparison.h"
#include "cp-discover.h"

/**
 * CpComparison:
 *
 * The documents being compared and what the topics say about them.
 *
 * A comparison keeps, for every document, the mentions a #CpMatcher
 * found in it and how often each topic occurs; for every topic, its
 * total, its spread (the number of documents that mention it) and, on
 * demand, all its mentions in document order.
 *
 * The documents are only changed through the comparison's API, so the
 * statistics are always up to date when the #GListModel returned by
 * cp_comparison_get_documents() emits #GListModel::items-changed. Each
 * recomputation ends with #CpComparison::changed.
 *
 * It also keeps the reader's notes on the documents (#CpNote), in the
 * order they were added: they go with their document when it is removed,
 * and follow their passages when it is replaced by a changed copy.
 */

G_DEFINE_FLAGS_TYPE (CpComparisonChange, cp_comparison_change,
                     G_DEFINE_ENUM_VALUE (CP_COMPARISON_CHANGE_DOCUMENTS, "documents"),
                     G_DEFINE_ENUM_VALUE (CP_COMPARISON_CHANGE_TOPICS, "topics"),
                     G_DEFINE_ENUM_VALUE (CP_COMPARISON_CHANGE_APPEARANCE, "appearance"),
                     G_DEFINE_ENUM_VALUE (CP_COMPARISON_CHANGE_NOTES, "notes"))

struct _CpComparison
{
  GObject         parent_instance;

  CpTopicSet     *topics;
  GListStore     *documents;
  GListStore     *notes;
  CpMatcher      *matcher;
  GError         *topic_error;

  /* CpMentions, in the order of @documents. */
  GPtrArray      *data;

  /* The number of topics the matcher was built for. */
  guint           n_topics;
  guint          *totals;
  guint          *spreads;

  /* Built on demand: the mentions of topic t are
   * topic_mentions[topic_offsets[t]] .. topic_mentions[topic_offsets[t + 1]].
   */
  CpTopicMention *topic_mentions;
  gsize          *topic_offsets;
  gboolean        topic_mentions_valid;
};

G_DEFINE_FINAL_TYPE (CpComparison, cp_comparison, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOPICS,
  PROP_N_DOCUMENTS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Takes @mentions, found by the current matcher, or scans when NULL. */
static CpMentions *
scan_document_with (CpComparison *self,
                    CpDocument   *document,
                    GArray       *mentions)
{
  if (self->matcher == NULL)
    {
      g_clear_pointer (&mentions, g_array_unref);
      mentions = g_array_new (FALSE, FALSE, sizeof (CpMention));
    }
  else if (mentions == NULL)
    mentions = cp_matcher_scan (self->matcher,
                                cp_document_get_text (document),
                                cp_document_get_length (document));

  return cp_mentions_new (document, mentions, self->n_topics);
}

static void
invalidate_topic_mentions (CpComparison *self)
{
  g_clear_pointer (&self->topic_mentions, g_free);
  g_clear_pointer (&self->topic_offsets, g_free);
  self->topic_mentions_valid = FALSE;
}

/* Recomputes the per-topic figures from the per-document counts. */
static void
reindex (CpComparison *self)
{
  memset (self->totals, 0, sizeof (guint) * MAX (self->n_topics, 1));
  memset (self->spreads, 0, sizeof (guint) * MAX (self->n_topics, 1));

  for (guint d = 0; d < self->data->len; d++)
    {
      CpMentions *mentions = g_ptr_array_index (self->data, d);

      for (guint t = 0; t < self->n_topics; t++)
        {
          guint count = cp_mentions_get_count (mentions, t);

          self->totals[t] += count;
          if (count > 0)
            self->spreads[t]++;
        }
    }

  invalidate_topic_mentions (self);
}

static void
ensure_topic_mentions (CpComparison *self)
{
  g_autofree gsize *cursor = NULL;
  gsize n_total = 0;

  if (self->topic_mentions_valid)
    return;

  self->topic_offsets = g_new (gsize, self->n_topics + 1);
  for (guint t = 0; t < self->n_topics; t++)
    {
      self->topic_offsets[t] = n_total;
      n_total += self->totals[t];
    }
  self->topic_offsets[self->n_topics] = n_total;

  self->topic_mentions = g_new (CpTopicMention, MAX (n_total, 1));
  cursor = g_memdup2 (self->topic_offsets, sizeof (gsize) * (self->n_topics + 1));

  /* Walking documents, then mentions, in order leaves every topic's
   * mentions sorted by document and by position in the text.
   */
  for (guint d = 0; d < self->data->len; d++)
    {
      guint n_mentions;
      const CpMention *mentions = cp_mentions_get_all (g_ptr_array_index (self->data, d), &n_mentions);

      for (guint i = 0; i < n_mentions; i++)
        {
          const CpMention *mention = &mentions[i];
          CpTopicMention *tm = &self->topic_mentions[cursor[mention->topic]++];

          tm->document = d;
          tm->mention = i;
        }
    }

  self->topic_mentions_valid = TRUE;
}

/* Rebuilds the matcher from the enabled topics and re-tags every
 * document. A topic set the matcher refuses (an invalid term) leaves
 * the comparison without mentions until the topics are fixed; the
 * reason is available from cp_comparison_get_topic_error().
 */
static void
recompile (CpComparison *self)
{
  g_clear_object (&self->matcher);
  g_clear_error (&self->topic_error);

  self->n_topics = cp_topic_set_get_n_topics (self->topics);
  self->matcher = cp_matcher_new_for_topics (self->topics, &self->topic_error);

  if (self->matcher == NULL)
    g_debug ("Topics cannot be matched: %s", self->topic_error->message);

  g_free (self->totals);
  g_free (self->spreads);
  self->totals = g_new0 (guint, MAX (self->n_topics, 1));
  self->spreads = g_new0 (guint, MAX (self->n_topics, 1));

  for (guint d = 0; d < self->data->len; d++)
    {
      g_autoptr(CpDocument) document = g_list_model_get_item (G_LIST_MODEL (self->documents), d);

      g_object_unref (self->data->pdata[d]);
      self->data->pdata[d] = scan_document_with (self, document, NULL);
    }

  reindex (self);
}

static void
emit_changed (CpComparison       *self,
              CpComparisonChange  change)
{
  g_signal_emit (self, signals[CHANGED], 0, change);
}

static void
topics_items_changed_cb (CpComparison *self,
                         guint         position,
                         guint         removed,
                         guint         added,
                         GListModel   *model)
{
  recompile (self);
  emit_changed (self, CP_COMPARISON_CHANGE_TOPICS);
}

static void
topic_changed_cb (CpComparison *self,
                  CpTopic      *topic,
                  GParamSpec   *pspec,
                  CpTopicSet   *topics)
{
  if (g_strcmp0 (pspec->name, "terms") == 0 ||
      g_strcmp0 (pspec->name, "enabled") == 0)
    {
      recompile (self);
      emit_changed (self, CP_COMPARISON_CHANGE_TOPICS);
    }
  else if (g_strcmp0 (pspec->name, "id") != 0)
    {
      /* label, display-label, color: nothing to recount. */
      emit_changed (self, CP_COMPARISON_CHANGE_APPEARANCE);
    }
}

static void
cp_comparison_constructed (GObject *object)
{
  CpComparison *self = (CpComparison *)object;

  G_OBJECT_CLASS (cp_comparison_parent_class)->constructed (object);

  if (self->topics == NULL)
    self->topics = cp_topic_set_new_default ();

  g_signal_connect_object (self->topics,
                           "items-changed",
                           G_CALLBACK (topics_items_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->topics,
                           "topic-changed",
                           G_CALLBACK (topic_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);

  recompile (self);
}

static void
cp_comparison_dispose (GObject *object)
{
  CpComparison *self = (CpComparison *)object;

  if (self->topics != NULL)
    g_signal_handlers_disconnect_by_data (self->topics, self);

  g_clear_object (&self->topics);
  g_clear_object (&self->matcher);
  g_clear_object (&self->documents);
  if (self->notes != NULL)
    {
      GListModel *notes = G_LIST_MODEL (self->notes);

      for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
        {
          g_autoptr(CpNote) note = g_list_model_get_item (notes, i);

          g_signal_handlers_disconnect_by_data (note, self);
        }
      g_clear_object (&self->notes);
    }

  G_OBJECT_CLASS (cp_comparison_parent_class)->dispose (object);
}

static void
cp_comparison_finalize (GObject *object)
{
  CpComparison *self = (CpComparison *)object;

  g_clear_pointer (&self->data, g_ptr_array_unref);
  g_clear_pointer (&self->totals, g_free);
  g_clear_pointer (&self->spreads, g_free);
  g_clear_error (&self->topic_error);
  invalidate_topic_mentions (self);

  G_OBJECT_CLASS (cp_comparison_parent_class)->finalize (object);
}

static void
cp_comparison_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CpComparison *self = CP_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_TOPICS:
      g_value_set_object (value, self->topics);
      break;

    case PROP_N_DOCUMENTS:
      g_value_set_uint (value, cp_comparison_get_n_documents (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_comparison_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CpComparison *self = CP_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_TOPICS:
      self->topics = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_comparison_class_init (CpComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cp_comparison_constructed;
  object_class->dispose = cp_comparison_dispose;
  object_class->finalize = cp_comparison_finalize;
  object_class->get_property = cp_comparison_get_property;
  object_class->set_property = cp_comparison_set_property;

  /**
   * CpComparison:topics:
   *
   * The topics the documents are tagged with. When none is given at
   * construction, the bundled default topics are used.
   */
  properties[PROP_TOPICS] =
    g_param_spec_object ("topics", NULL, NULL,
                         CP_TYPE_TOPIC_SET,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * CpComparison:n-documents:
   *
   * The number of documents in the comparison.
   */
  properties[PROP_N_DOCUMENTS] =
    g_param_spec_uint ("n-documents", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CpComparison::changed:
   * @self: a #CpComparison
   * @change: what changed, a #CpComparisonChange
   *
   * Emitted after the comparison's figures were brought up to date.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  g_cclosure_marshal_VOID__FLAGS,
                  G_TYPE_NONE, 1, CP_TYPE_COMPARISON_CHANGE);
  g_signal_set_va_marshaller (signals[CHANGED],
                              G_TYPE_FROM_CLASS (klass),
                              g_cclosure_marshal_VOID__FLAGSv);
}

static void
cp_comparison_init (CpComparison *self)
{
  self->documents = g_list_store_new (CP_TYPE_DOCUMENT);
  self->notes = g_list_store_new (CP_TYPE_NOTE);
  self->data = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * cp_comparison_new:
 * @topics: (nullable): the topics to tag with, or %NULL for the defaults
 *
 * Creates an empty comparison.
 *
 * Returns: (transfer full): a new #CpComparison
 */
CpComparison *
cp_comparison_new (CpTopicSet *topics)
{
  g_return_val_if_fail (topics == NULL || CP_IS_TOPIC_SET (topics), NULL);

  return g_object_new (CP_TYPE_COMPARISON,
                       "topics", topics,
                       NULL);
}

/**
 * cp_comparison_get_topics:
 * @self: a #CpComparison
 *
 * Returns: (transfer none): the topics the documents are tagged with
 */
CpTopicSet *
cp_comparison_get_topics (CpComparison *self)
{
  g_return_val_if_fail (CP_IS_COMPARISON (self), NULL);

  return self->topics;
}

/**
 * cp_comparison_get_documents:
 * @self: a #CpComparison
 *
 * Gets the documents as a list model of #CpDocument. Change it only
 * through the comparison.
 *
 * Returns: (transfer none): the documents
 */
GListModel *
cp_comparison_get_documents (CpComparison *self)
{
  g_return_val_if_fail (CP_IS_COMPARISON (self), NULL);

  return G_LIST_MODEL (self->documents);
}

guint
cp_comparison_get_n_documents (CpComparison *self)
{
  g_return_val_if_fail (CP_IS_COMPARISON (self), 0);

  return self->data->len;
}

/**
 * cp_comparison_dup_subject:
 * @self: a #CpComparison
 *
 * The work the documents discuss, which their suggested themes leave out:
 * see cp_discover_dup_subject().
 *
 * Returns: (transfer full) (nullable): the subject, or %NULL
 */
char *
cp_comparison_dup_subject (CpComparison *self)
{
  g_autofree CpDocument **documents = NULL;
  guint n_documents;

  g_return_val_if_fail (CP_IS_COMPARISON (self), NULL);

  n_documents = self->data->len;
  documents = g_new (CpDocument *, MAX (n_documents, 1));
  for (guint d = 0; d < n_documents; d++)
    documents[d] = cp_comparison_get_document (self, d);

  return cp_discover_dup_subject (documents, n_documents);
}

/**
 * cp_comparison_get_document:
 * @self: a #CpComparison
 * @position: the position of the document
 *
 * Returns: (transfer none): the document at @position
 */
CpDocument *
cp_comparison_get_document (CpComparison *self,
                            guint         position)
{
  CpDocument *document;

  g_return_val_if_fail (CP_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (position < self->data->len, NULL);

  document = g_list_model_get_item (G_LIST_MODEL (self->documents), position);
  /* The store keeps its own reference. */
  g_object_unref (document);

  return document;
}

/**
 * cp_comparison_append_document:
 * @self: a #CpComparison
 * @document: a #CpDocument
 *
 * Tags @document and adds it after the other documents. The documents
 * already in the comparison are not tagged again.
 */
static void
document_label_cb (CpComparison *self,
                   GParamSpec   *pspec,
                   CpDocument   *document)
{
  emit_changed (self, CP_COMPARISON_CHANGE_APPEARANCE);
}

static void
append_document (CpComparison *self,
                 CpMentions   *mentions)
{
  CpDocument *document = cp_mentions_get_document (mentions);

  g_signal_connect_object (document, "notify::label", G_CALLBACK (document_label_cb), self, G_CONNECT_SWAPPED);

  for (guint t = 0; t < self->n_topics; t++)
    {
      guint count = cp_mentions_get_count (mentions, t);

      self->totals[t] += count;
      if (count > 0)
        self->spreads[t]++;
    }
  invalidate_topic_mentions (self);

  g_ptr_array_add (self->data, mentions);
  g_list_store_append (self->documents, document);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DOCUMENTS]);
  emit_changed (self, CP_COMPARISON_CHANGE_DOCUMENTS);
}

void
cp_comparison_append_document (CpComparison *self,
                               CpDocument   *document)
{
  g_return_if_fail (CP_IS_COMPARISON (self));
  g_return_if_fail (CP_IS_DOCUMENT (document));

  append_document (self, scan_document_with (self, document, NULL));
}

typedef struct
{
  CpMatcher *matcher;   /* the one the scan used */
  guint      n_topics;  /* its number of topics */
  GPtrArray *documents;
  GPtrArray *mentions;  /* CpMentions per document */
} AppendData;

static void
append_data_free (gpointer data)
{
  AppendData *ad = data;

  g_clear_object (&ad->matcher);
  g_clear_pointer (&ad->documents, g_ptr_array_unref);
  g_clear_pointer (&ad->mentions, g_ptr_array_unref);
  g_free (ad);
}

static void
append_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AppendData *ad = task_data;

  /* A compiled matcher is never changed, so scanning in a thread while
   * the comparison may move on to another one is safe. */
  for (guint i = 0; i < ad->documents->len; i++)
    {
      CpDocument *document = ad->documents->pdata[i];

      if (g_task_return_error_if_cancelled (task))
        return;
      g_ptr_array_add (ad->mentions,
                       cp_mentions_new (document,
                                        cp_matcher_scan (ad->matcher,
                                                         cp_document_get_text (document),
                                                         cp_document_get_length (document)),
                                        ad->n_topics));
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * cp_comparison_append_documents_async:
 * @self: a #CpComparison
 * @documents: (array length=n_documents): the documents to add
 * @n_documents: how many
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the documents are added
 * @user_data: data for @callback
 *
 * Tags @documents in a worker thread, then adds them in order, as
 * cp_comparison_append_document() would, with one #CpComparison::changed
 * per document. Documents whose topics changed in the meantime are
 * tagged again when they are added.
 */
void
cp_comparison_append_documents_async (CpComparison         *self,
                                      CpDocument          **documents,
                                      guint                 n_documents,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  AppendData *ad;

  g_return_if_fail (CP_IS_COMPARISON (self));
  g_return_if_fail (documents != NULL || n_documents == 0);

  ad = g_new0 (AppendData, 1);
  ad->matcher = self->matcher ? g_object_ref (self->matcher) : NULL;
  ad->n_topics = self->n_topics;
  ad->documents = g_ptr_array_new_with_free_func (g_object_unref);
  ad->mentions = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_documents; i++)
    g_ptr_array_add (ad->documents, g_object_ref (documents[i]));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cp_comparison_append_documents_async);
  g_task_set_task_data (task, ad, append_data_free);

  if (ad->matcher == NULL)
    g_task_return_boolean (task, TRUE);
  else
    g_task_run_in_thread (task, append_thread);
}

/**
 * cp_comparison_append_documents_finish:
 * @self: a #CpComparison
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the documents were added; %FALSE, with
 *   %G_IO_ERROR_CANCELLED, when the operation was cancelled
 */
gboolean
cp_comparison_append_documents_finish (CpComparison  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  AppendData *ad;

  g_return_val_if_fail (CP_IS_COMPARISON (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  ad = g_task_get_task_data (G_TASK (result));
  for (guint i = 0; i < ad->documents->len; i++)
    {
      CpMentions *mentions;

      if (ad->matcher != NULL && ad->matcher == self->matcher && i < ad->mentions->len)
        mentions = g_object_ref (ad->mentions->pdata[i]);
      else
        mentions = scan_document_with (self, ad->documents->pdata[i], NULL);
      append_document (self, mentions);
    }

  return TRUE;
}

static void
note_text_cb (CpComparison *self,
              GParamSpec   *pspec,
              CpNote       *note)
{
  emit_changed (self, CP_COMPARISON_CHANGE_NOTES);
}

/* Removes the notes on @document; returns whether there were any. */
static gboolean
remove_document_notes (CpComparison *self,
                       CpDocument   *document)
{
  GListModel *notes = G_LIST_MODEL (self->notes);
  gboolean removed = FALSE;

  for (guint i = g_list_model_get_n_items (notes); i-- > 0;)
    {
      g_autoptr(CpNote) note = g_list_model_get_item (notes, i);

      if (cp_note_get_document (note) != document)
        continue;
      g_signal_handlers_disconnect_by_func (note, note_text_cb, self);
      g_list_store_remove (self->notes, i);
      removed = TRUE;
    }

  return removed;
}

/**
 * cp_comparison_remove_document:
 * @self: a #CpComparison
 * @position: the position of the document to remove
 *
 * Removes a document and the notes on it. The others keep their
 * mentions.
 */
void
cp_comparison_remove_document (CpComparison *self,
                               guint         position)
{
  CpDocument *document;
  CpComparisonChange change = CP_COMPARISON_CHANGE_DOCUMENTS;

  g_return_if_fail (CP_IS_COMPARISON (self));
  g_return_if_fail (position < self->data->len);

  document = cp_comparison_get_document (self, position);
  if (remove_document_notes (self, document))
    change |= CP_COMPARISON_CHANGE_NOTES;

  g_signal_handlers_disconnect_by_func (document, document_label_cb, self);
  g_ptr_array_remove_index (self->data, position);
  reindex (self);

  g_list_store_remove (self->documents, position);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DOCUMENTS]);
  emit_changed (self, change);
}

/**
 * cp_comparison_move_document:
 * @self: a #CpComparison
 * @from: the position of the document to move
 * @to: the position it should have afterwards
 *
 * Moves a document, shifting the ones in between by one.
 */
void
cp_comparison_move_document (CpComparison *self,
                             guint         from,
                             guint         to)
{
  GListModel *model;
  guint first, n_items;
  gpointer dd;
  g_autoptr(GPtrArray) items = NULL;

  g_return_if_fail (CP_IS_COMPARISON (self));
  g_return_if_fail (from < self->data->len);
  g_return_if_fail (to < self->data->len);

  if (from == to)
    return;

  dd = g_ptr_array_steal_index (self->data, from);
  g_ptr_array_insert (self->data, to, dd);
  /* Totals and spreads do not depend on the order. */
  invalidate_topic_mentions (self);

  /* Replace the affected range in one splice so that the store never
   * shows a state with the document missing.
   */
  model = G_LIST_MODEL (self->documents);
  first = MIN (from, to);
  n_items = MAX (from, to) - first + 1;
  items = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = first; i < first + n_items; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));

  dd = g_ptr_array_steal_index (items, from - first);
  g_ptr_array_insert (items, to - first, dd);

  g_list_store_splice (self->documents, first, n_items, items->pdata, n_items);

  emit_changed (self, CP_COMPARISON_CHANGE_DOCUMENTS);
}

/* The review's author: the one its source names (a web page's or a
 * document's metadata), else the one its text names near its top ("By
 * Jane Doe", "by Jane Doe, Film Weekly"), or NULL */
static char *
dup_byline (CpDocument *document)
{
  const char *text = cp_document_get_text (document);
  const char *end = text + cp_document_get_length (document);
  const char *line = text;

  if (cp_document_get_author (document) != NULL)
    return g_strdup (cp_document_get_author (document));

  for (guint n = 0; n < 15 && line < end; n++)
    {
      const char *next = memchr (line, '\n', end - line);
      gsize length = (next != NULL ? next : end) - line;

      if (length > 3 && length < 80 && g_ascii_strncasecmp (line, "by ", 3) == 0 &&
          g_unichar_isupper (g_utf8_get_char_validated (line + 3, length - 3)))
        {
          g_autofree char *byline = g_strndup (line + 3, length - 3);
          char *cut = strpbrk (byline, ",|·");

          if (cut != NULL)
            *cut = '\0';
          return g_strdup (g_strstrip (byline));
        }
      if (next == NULL)
        break;
      line = next + 1;
    }
  return NULL;
}

/* The file name without its extension */
static char *
dup_short_name (CpDocument *document)
{
  const char *name = cp_document_get_name (document);
  const char *dot = strrchr (name, '.');

  return dot != NULL && dot != name ? g_strndup (name, dot - name) : g_strdup (name);
}

static gboolean
same_title (CpDocument *a,
            CpDocument *b)
{
  g_autofree char *x = g_utf8_casefold (cp_document_get_title (a), -1);
  g_autofree char *y = g_utf8_casefold (cp_document_get_title (b), -1);

  return g_str_equal (x, y);
}

/**
 * cp_comparison_dup_display_title:
 * @self: a #CpComparison
 * @position: the position of a document
 *
 * The name to show for a review: the reader's label when it has one;
 * else its title, and when another review without a label has the same
 * title, what tells them apart in parentheses — its author (from its
 * source, else as its text names them near its top), else the outlet
 * that published it, else the file name.
 *
 * Returns: (transfer full): the title to show
 */
char *
cp_comparison_dup_display_title (CpComparison *self,
                                 guint         position)
{
  CpDocument *document;
  g_autofree char *byline = NULL;
  const char *site;
  gboolean twin = FALSE;
  gboolean byline_twin = FALSE;
  gboolean site_twin = FALSE;

  g_return_val_if_fail (CP_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (position < self->data->len, NULL);

  document = cp_comparison_get_document (self, position);
  if (cp_document_get_label (document) != NULL)
    return g_strdup (cp_document_get_label (document));

  byline = dup_byline (document);
  site = cp_document_get_site (document);
  for (guint d = 0; d < self->data->len; d++)
    {
      CpDocument *other = cp_comparison_get_document (self, d);

      if (d == position || cp_document_get_label (other) != NULL || !same_title (document, other))
        continue;
      twin = TRUE;
      if (byline != NULL)
        {
          g_autofree char *other_byline = dup_byline (other);

          byline_twin |= g_strcmp0 (byline, other_byline) == 0;
        }
      site_twin |= g_strcmp0 (site, cp_document_get_site (other)) == 0;
    }

  if (!twin)
    return g_strdup (cp_document_get_title (document));
  if (byline != NULL && !byline_twin)
    return g_strdup_printf ("%s (%s)", cp_document_get_title (document), byline);
  if (site != NULL && !site_twin)
    return g_strdup_printf ("%s (%s)", cp_document_get_title (document), site);
  else
    {
      g_autofree char *name = dup_short_name (document);

      return g_strdup_printf ("%s (%s)", cp_document_get_title (document), name);
    }
}

/**
 * cp_comparison_find_document:
 * @self: a #CpComparison
 * @document: a document
 * @position: (out) (optional): where it is
 *
 * Returns: whether @document is in the comparison
 */
gboolean
cp_comparison_find_document (CpComparison *self,
                             CpDocument   *document,
                             guint        *position)
{
  g_return_val_if_fail (CP_IS_COMPARISON (self), FALSE);

  for (guint d = 0; d < self->data->len; d++)
    if (cp_mentions_get_document (self->data->pdata[d]) == document)
      {
        if (position != NULL)
          *position = d;
        return TRUE;
      }
  return FALSE;
}

/**
 * cp_comparison_get_mentions_for_document:
 * @self: a #CpComparison
 * @document: a document of the comparison
 *
 * Gets what the topics found in @document: its mentions, sorted by start
 * offset, then by topic, with byte and character offsets, and its
 * counts. A re-tagging replaces the object (after
 * %CP_COMPARISON_CHANGE_TOPICS): keep a reference to read the old one.
 *
 * Returns: (transfer none) (nullable): the mentions, or %NULL when
 *   @document is not in the comparison
 */
CpMentions *
cp_comparison_get_mentions_for_document (CpComparison *self,
                                         CpDocument   *document)
{
  guint position;

  g_return_val_if_fail (CP_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (CP_IS_DOCUMENT (document), NULL);

  return cp_comparison_find_document (self, document, &position) ? self->data->pdata[position] : NULL;
}

/**
 * cp_comparison_get_count:
 * @self: a #CpComparison
 * @topic: the position of a topic in the topic set
 * @document: the position of a document
 *
 * Returns: how many times @topic is mentioned in @document
 */
guint
cp_comparison_get_count (CpComparison *self,
                         guint         topic,
                         guint         document)
{
  g_return_val_if_fail (CP_IS_COMPARISON (self), 0);
  g_return_val_if_fail (topic < self->n_topics, 0);
  g_return_val_if_fail (document < self->data->len, 0);

  return cp_mentions_get_count (g_ptr_array_index (self->data, document), topic);
}

/**
 * cp_comparison_get_total:
 * @self: a #CpComparison
 * @topic: the position of a topic in the topic set
 *
 * Returns: how many times @topic is mentioned in all documents
 */
guint
cp_comparison_get_total (CpComparison *self,
                         guint         topic)
{
  g_return_val_if_fail (CP_IS_COMPARISON (self), 0);
  g_return_val_if_fail (topic < self->n_topics, 0);

  return self->totals[topic];
}

/**
 * cp_comparison_get_spread:
 * @self: a #CpComparison
 * @topic: the position of a topic in the topic set
 *
 * Returns: the number of documents that mention @topic
 */
guint
cp_comparison_get_spread (CpComparison *self,
                          guint         topic)
{
  g_return_val_if_fail (CP_IS_COMPARISON (self), 0);
  g_return_val_if_fail (topic < self->n_topics, 0);

  return self->spreads[topic];
}

/**
 * cp_comparison_is_shared:
 * @self: a #CpComparison
 * @topic: the position of a topic in the topic set
 *
 * Returns: %TRUE if at least two documents mention @topic
 */
gboolean
cp_comparison_is_shared (CpComparison *self,
                         guint         topic)
{
  g_return_val_if_fail (CP_IS_COMPARISON (self), FALSE);
  g_return_val_if_fail (topic < self->n_topics, FALSE);

  return self->spreads[topic] >= 2;
}

/**
 * cp_comparison_get_topic_mentions:
 * @self: a #CpComparison
 * @topic: the position of a topic in the topic set
 * @n_mentions: (out): return location for the number of mentions
 *
 * Gets every mention of @topic, in document order and, within a
 * document, in text order. Each refers to a document position and an
 * index into that document's #CpMentions.
 *
 * Returns: (array length=n_mentions) (transfer none) (nullable): the
 *   mentions, valid until the comparison changes
 */
const CpTopicMention *
cp_comparison_get_topic_mentions (CpComparison *self,
                                  guint         topic,
                                  guint        *n_mentions)
{
  g_return_val_if_fail (CP_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (n_mentions != NULL, NULL);

  *n_mentions = 0;

  g_return_val_if_fail (topic < self->n_topics, NULL);

  if (self->totals[topic] == 0)
    return NULL;

  ensure_topic_mentions (self);

  *n_mentions = self->totals[topic];

  return &self->topic_mentions[self->topic_offsets[topic]];
}

/**
 * cp_comparison_get_topic_error:
 * @self: a #CpComparison
 *
 * Gets the reason the topics could not be turned into a matcher, for
 * example a term that cannot be matched. While there is one, no
 * document has any mention.
 *
 * Returns: (transfer none) (nullable): the error, or %NULL when the
 *   topics are in use
 */
const GError *
cp_comparison_get_topic_error (CpComparison *self)
{
  g_return_val_if_fail (CP_IS_COMPARISON (self), NULL);

  return self->topic_error;
}

/**
 * cp_comparison_count_terms:
 * @self: a #CpComparison
 * @terms: (array zero-terminated=1): terms of one would-be topic
 * @error: return location for a #CP_ERROR_INVALID_TERM error
 *
 * Counts what a topic with @terms would find in each document, by the
 * same rules as the comparison's own topics (mentions that overlap count
 * once), without changing the comparison: for a topic editor that shows
 * the counts as the user types.
 *
 * Returns: (transfer full) (array): one count per document, in document
 *   order, or %NULL with @error set when a term is not valid
 */
guint *
cp_comparison_count_terms (CpComparison        *self,
                           const char * const  *terms,
                           GError             **error)
{
  g_autoptr(CpMatcher) matcher = NULL;
  guint n_documents;
  guint *counts;

  g_return_val_if_fail (CP_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (terms != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n_documents = cp_comparison_get_n_documents (self);
  counts = g_new0 (guint, MAX (n_documents, 1));
  if (terms[0] == NULL)
    return counts;

  matcher = cp_matcher_new ();
  for (guint i = 0; terms[i] != NULL; i++)
    if (!cp_matcher_add_term (matcher, 0, i, terms[i], error))
      {
        g_free (counts);
        return NULL;
      }
  if (!cp_matcher_compile (matcher, error))
    {
      g_free (counts);
      return NULL;
    }

  for (guint d = 0; d < n_documents; d++)
    {
      g_autoptr(CpDocument) document = g_list_model_get_item (G_LIST_MODEL (self->documents), d);
      g_autoptr(GArray) mentions = cp_matcher_scan (matcher,
                                                    cp_document_get_text (document),
                                                    cp_document_get_length (document));

      counts[d] = mentions->len;
    }

  return counts;
}

/**
 * cp_comparison_replace_document:
 * @self: a #CpComparison
 * @position: the position of the document to replace
 * @document: the document that takes its place, such as a fresh read of
 *   its file after it changed on disk; not in the comparison yet
 * @n_lost: (out) (optional): how many of its notes lost their passage
 *
 * Puts @document in the place of the one at @position, with its label.
 * The notes on the old document are re-anchored on the new one
 * (cp_note_reanchor()); those whose passage is gone stay near where it
 * was. @document is tagged; the others keep their mentions. The documents
 * model reports one item replaced at @position.
 */
void
cp_comparison_replace_document (CpComparison *self,
                                guint         position,
                                CpDocument   *document,
                                guint        *n_lost)
{
  g_autoptr(CpDocument) old = NULL;
  GListModel *notes;
  guint lost = 0;

  g_return_if_fail (CP_IS_COMPARISON (self));
  g_return_if_fail (position < self->data->len);
  g_return_if_fail (CP_IS_DOCUMENT (document));
  g_return_if_fail (!cp_comparison_find_document (self, document, NULL));

  old = g_object_ref (cp_comparison_get_document (self, position));
  cp_document_set_label (document, cp_document_get_label (old));

  /* Before the documents model changes, so that whoever rebuilds a pane
   * for @document finds its notes on it */
  notes = G_LIST_MODEL (self->notes);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(CpNote) note = g_list_model_get_item (notes, i);

      if (cp_note_get_document (note) == old && !cp_note_reanchor (note, document))
        lost++;
    }

  g_signal_handlers_disconnect_by_func (old, document_label_cb, self);
  g_signal_connect_object (document, "notify::label", G_CALLBACK (document_label_cb), self, G_CONNECT_SWAPPED);

  g_object_unref (self->data->pdata[position]);
  self->data->pdata[position] = scan_document_with (self, document, NULL);
  reindex (self);

  g_list_store_splice (self->documents, position, 1, (gpointer *) &document, 1);

  if (n_lost != NULL)
    *n_lost = lost;

  emit_changed (self, CP_COMPARISON_CHANGE_DOCUMENTS | CP_COMPARISON_CHANGE_NOTES);
}

/**
 * cp_comparison_get_notes:
 * @self: a #CpComparison
 *
 * Gets the notes on the documents, as a list model of #CpNote in the
 * order they were added. Change it only through the comparison.
 *
 * Returns: (transfer none): the notes
 */
GListModel *
cp_comparison_get_notes (CpComparison *self)
{
  g_return_val_if_fail (CP_IS_COMPARISON (self), NULL);

  return G_LIST_MODEL (self->notes);
}

/**
 * cp_comparison_insert_note:
 * @self: a #CpComparison
 * @position: where in the list of notes, at most their number
 * @note: a note on a document of the comparison, not in it yet
 *
 * Adds @note at @position: to put a removed note back where it was.
 * Editing its text from then on emits #CpComparison::changed with
 * %CP_COMPARISON_CHANGE_NOTES.
 */
void
cp_comparison_insert_note (CpComparison *self,
                           guint         position,
                           CpNote       *note)
{
  g_return_if_fail (CP_IS_COMPARISON (self));
  g_return_if_fail (CP_IS_NOTE (note));
  g_return_if_fail (position <= g_list_model_get_n_items (G_LIST_MODEL (self->notes)));
  g_return_if_fail (cp_comparison_find_document (self, cp_note_get_document (note), NULL));
  g_return_if_fail (!g_list_store_find (self->notes, note, NULL));

  g_signal_connect_object (note, "notify::text", G_CALLBACK (note_text_cb), self, G_CONNECT_SWAPPED);
  g_list_store_insert (self->notes, position, note);

  emit_changed (self, CP_COMPARISON_CHANGE_NOTES);
}

/**
 * cp_comparison_add_note:
 * @self: a #CpComparison
 * @note: a note on a document of the comparison, not in it yet
 *
 * Adds @note after the others.
 */
void
cp_comparison_add_note (CpComparison *self,
                        CpNote       *note)
{
  g_return_if_fail (CP_IS_COMPARISON (self));

  cp_comparison_insert_note (self, g_list_model_get_n_items (G_LIST_MODEL (self->notes)), note);
}

/**
 * cp_comparison_remove_note:
 * @self: a #CpComparison
 * @note: a note
 * @position: (out) (optional): where it was in the list of notes
 *
 * Returns: %TRUE if @note was in the comparison and was removed
 */
gboolean
cp_comparison_remove_note (CpComparison *self,
                           CpNote       *note,
                           guint        *position)
{
  guint found;

  g_return_val_if_fail (CP_IS_COMPARISON (self), FALSE);
  g_return_val_if_fail (CP_IS_NOTE (note), FALSE);

  if (!g_list_store_find (self->notes, note, &found))
    return FALSE;

  g_signal_handlers_disconnect_by_func (note, note_text_cb, self);
  g_list_store_remove (self->notes, found);
  if (position != NULL)
    *position = found;

  emit_changed (self, CP_COMPARISON_CHANGE_NOTES);

  return TRUE;
}

static int
compare_notes (gconstpointer a,
               gconstpointer b)
{
  return cp_note_compare (*(CpNote **) a, *(CpNote **) b);
}

/**
 * cp_comparison_dup_document_notes:
 * @self: a #CpComparison
 * @document: a document
 *
 * Returns: (transfer full) (element-type CpNote): the notes on
 *   @document, in the order of their passages (cp_note_compare())
 */
GPtrArray *
cp_comparison_dup_document_notes (CpComparison *self,
                                  CpDocument   *document)
{
  GListModel *notes;
  GPtrArray *result;

  g_return_val_if_fail (CP_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (CP_IS_DOCUMENT (document), NULL);

  notes = G_LIST_MODEL (self->notes);
  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      CpNote *note = g_list_model_get_item (notes, i);

      if (cp_note_get_document (note) == document)
        g_ptr_array_add (result, note);
      else
        g_object_unref (note);
    }
  g_ptr_array_sort (result, compare_notes);

  return result;
}
