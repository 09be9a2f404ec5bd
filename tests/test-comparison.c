/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-comparison.h"
#include "cp-error.h"
#include "cp-test-utils.h"

/* Topic positions in the set built by make_topics(). */
enum {
  BATTERY,
  SCREEN,
  PRICE,
};

static const char text_a[] = "The battery lasts two days and the screen is sharp.";
static const char text_b[] = "Great screen, fair price. The display shows colors well.";
static const char text_c[] = "Nothing to see in this one.";

typedef struct
{
  guint              n_changed;
  CpComparisonChange last_change;
  /* Every change seen, or-ed together. */
  CpComparisonChange all_changes;
  guint              n_documents_notified;
} ChangeLog;

typedef struct
{
  guint start;
  guint end;
  guint topic;
} ExpectedMention;

static CpTopicSet *
make_topics (void)
{
  static const char * const battery_terms[] = { "battery", "charge", NULL };
  static const char * const screen_terms[] = { "screen", "display", NULL };
  static const char * const price_terms[] = { "price", "cost", NULL };
  CpTopicSet *topics = cp_topic_set_new ();
  g_autoptr(CpTopic) battery = cp_test_make_topic ("battery", "Battery", "#3584e4", battery_terms);
  g_autoptr(CpTopic) screen = cp_test_make_topic ("screen", "Screen", "#2ec27e", screen_terms);
  g_autoptr(CpTopic) price = cp_test_make_topic ("price", "Price", "#e66100", price_terms);

  cp_topic_set_append (topics, battery);
  cp_topic_set_append (topics, screen);
  cp_topic_set_append (topics, price);

  return topics;
}

static void
changed_cb (CpComparison       *comparison,
            CpComparisonChange  change,
            ChangeLog          *log)
{
  log->n_changed++;
  log->last_change = change;
  log->all_changes |= change;
}

static void
notify_n_documents_cb (CpComparison *comparison,
                       GParamSpec   *pspec,
                       ChangeLog    *log)
{
  log->n_documents_notified++;
}

static void
change_log_reset (ChangeLog *log)
{
  memset (log, 0, sizeof *log);
}

static CpComparison *
make_comparison (CpTopicSet *topics,
                 ChangeLog  *log)
{
  CpComparison *comparison = cp_comparison_new (topics);

  change_log_reset (log);
  g_signal_connect (comparison, "changed", G_CALLBACK (changed_cb), log);
  g_signal_connect (comparison, "notify::n-documents", G_CALLBACK (notify_n_documents_cb), log);

  return comparison;
}

static void
append_text (CpComparison *comparison,
             const char   *name,
             const char   *text)
{
  g_autoptr(CpDocument) document = cp_document_new_from_text (name, text, -1);

  cp_comparison_append_document (comparison, document);
}

static void
assert_mentions (CpComparison          *comparison,
                 guint                  document,
                 const ExpectedMention *expected,
                 guint                  n_expected)
{
  CpDocument *doc = cp_comparison_get_document (comparison, document);
  const char *text = cp_document_get_text (doc);
  const CpMention *mentions;
  guint n_mentions;

  mentions = cp_test_get_mentions (comparison, document, &n_mentions);
  g_assert_cmpuint (n_mentions, ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      CpTopic *topic = cp_topic_set_get_topic (cp_comparison_get_topics (comparison), mentions[i].topic);
      const char *term = cp_topic_get_terms (topic)[mentions[i].term];

      g_assert_cmpuint (mentions[i].start, ==, expected[i].start);
      g_assert_cmpuint (mentions[i].end, ==, expected[i].end);
      g_assert_cmpuint (mentions[i].topic, ==, expected[i].topic);
      /* The mention covers its term. */
      g_assert_cmpuint (strlen (term), ==, mentions[i].end - mentions[i].start);
      g_assert_true (strncmp (text + mentions[i].start, term, strlen (term)) == 0);
    }
}

static void
assert_counts (CpComparison *comparison,
               guint         topic,
               const guint  *counts,
               guint         n_documents)
{
  g_assert_cmpuint (cp_comparison_get_n_documents (comparison), ==, n_documents);

  for (guint d = 0; d < n_documents; d++)
    g_assert_cmpuint (cp_comparison_get_count (comparison, topic, d), ==, counts[d]);
}

static void
assert_topic_mentions (CpComparison         *comparison,
                       guint                 topic,
                       const CpTopicMention *expected,
                       guint                 n_expected)
{
  const CpTopicMention *mentions;
  guint n_mentions;

  mentions = cp_comparison_get_topic_mentions (comparison, topic, &n_mentions);
  g_assert_cmpuint (n_mentions, ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      g_assert_cmpuint (mentions[i].document, ==, expected[i].document);
      g_assert_cmpuint (mentions[i].mention, ==, expected[i].mention);
    }
}

static CpComparison *
make_abc (CpTopicSet *topics,
          ChangeLog  *log)
{
  CpComparison *comparison = make_comparison (topics, log);

  append_text (comparison, "a", text_a);
  append_text (comparison, "b", text_b);
  append_text (comparison, "c", text_c);
  change_log_reset (log);

  return comparison;
}

static void
test_comparison_flags_type (void)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (CP_TYPE_COMPARISON_CHANGE);
  GFlagsValue *value;

  g_assert_true (G_TYPE_IS_FLAGS (CP_TYPE_COMPARISON_CHANGE));

  value = g_flags_get_first_value (klass, CP_COMPARISON_CHANGE_TOPICS);
  g_assert_nonnull (value);
  g_assert_cmpstr (value->value_nick, ==, "topics");

  value = g_flags_get_first_value (klass, CP_COMPARISON_CHANGE_APPEARANCE);
  g_assert_nonnull (value);
  g_assert_cmpstr (value->value_nick, ==, "appearance");

  value = g_flags_get_first_value (klass, CP_COMPARISON_CHANGE_NOTES);
  g_assert_nonnull (value);
  g_assert_cmpstr (value->value_nick, ==, "notes");
}

static void
test_comparison_empty (void)
{
  g_autoptr(CpTopicSet) topics = make_topics ();
  CpComparison *comparison = cp_comparison_new (topics);
  guint n;

  g_assert_true (cp_comparison_get_topics (comparison) == topics);
  g_assert_cmpuint (cp_comparison_get_n_documents (comparison), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cp_comparison_get_documents (comparison)), ==, 0);
  g_assert_no_error ((GError *)cp_comparison_get_topic_error (comparison));

  for (guint t = BATTERY; t <= PRICE; t++)
    {
      g_assert_cmpuint (cp_comparison_get_total (comparison, t), ==, 0);
      g_assert_cmpuint (cp_comparison_get_spread (comparison, t), ==, 0);
      g_assert_false (cp_comparison_is_shared (comparison, t));
      g_assert_null (cp_comparison_get_topic_mentions (comparison, t, &n));
      g_assert_cmpuint (n, ==, 0);
    }

  g_assert_finalize_object (comparison);
}

static void
test_comparison_no_topics (void)
{
  g_autoptr(CpTopicSet) topics = cp_topic_set_new ();
  g_autoptr(CpTopic) screen = NULL;
  static const char * const screen_terms[] = { "screen", NULL };
  ChangeLog log;
  CpComparison *comparison = make_abc (topics, &log);
  guint n;

  g_assert_no_error ((GError *)cp_comparison_get_topic_error (comparison));
  for (guint d = 0; d < 3; d++)
    {
      g_assert_null (cp_test_get_mentions (comparison, d, &n));
      g_assert_cmpuint (n, ==, 0);
    }

  /* The first topic arrives later. */
  screen = cp_test_make_topic ("screen", "Screen", "#2ec27e", screen_terms);
  cp_topic_set_append (topics, screen);
  g_assert_cmpuint (log.n_changed, ==, 1);
  g_assert_cmpuint (log.last_change, ==, CP_COMPARISON_CHANGE_TOPICS);
  g_assert_cmpuint (cp_comparison_get_total (comparison, 0), ==, 2);
  g_assert_cmpuint (cp_comparison_get_count (comparison, 0, 1), ==, 1);

  g_assert_finalize_object (comparison);
}

static void
test_comparison_default_topics (void)
{
  CpComparison *comparison = cp_comparison_new (NULL);
  CpTopicSet *topics = cp_comparison_get_topics (comparison);

  g_assert_true (CP_IS_TOPIC_SET (topics));
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), >, 0);
  g_assert_no_error ((GError *)cp_comparison_get_topic_error (comparison));

  g_assert_finalize_object (comparison);
}

static void
test_comparison_statistics (void)
{
  static const ExpectedMention mentions_a[] = {
    { 4, 11, BATTERY },
    { 35, 41, SCREEN },
  };
  static const ExpectedMention mentions_b[] = {
    { 6, 12, SCREEN },
    { 19, 24, PRICE },
    { 30, 37, SCREEN },
  };
  static const guint battery_counts[] = { 1, 0, 0 };
  static const guint screen_counts[] = { 1, 2, 0 };
  static const guint price_counts[] = { 0, 1, 0 };
  static const CpTopicMention battery_mentions[] = { { 0, 0 } };
  static const CpTopicMention screen_mentions[] = { { 0, 1 }, { 1, 0 }, { 1, 2 } };
  static const CpTopicMention price_mentions[] = { { 1, 1 } };
  g_autoptr(CpTopicSet) topics = make_topics ();
  ChangeLog log;
  CpComparison *comparison = make_abc (topics, &log);
  GListModel *documents = cp_comparison_get_documents (comparison);
  g_autoptr(CpDocument) first = g_list_model_get_item (documents, 0);
  guint n;

  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 3);
  g_assert_true (first == cp_comparison_get_document (comparison, 0));
  g_assert_cmpstr (cp_document_get_text (cp_comparison_get_document (comparison, 2)), ==, text_c);

  assert_mentions (comparison, 0, mentions_a, G_N_ELEMENTS (mentions_a));
  assert_mentions (comparison, 1, mentions_b, G_N_ELEMENTS (mentions_b));
  g_assert_null (cp_test_get_mentions (comparison, 2, &n));
  g_assert_cmpuint (n, ==, 0);

  assert_counts (comparison, BATTERY, battery_counts, 3);
  assert_counts (comparison, SCREEN, screen_counts, 3);
  assert_counts (comparison, PRICE, price_counts, 3);

  g_assert_cmpuint (cp_comparison_get_total (comparison, BATTERY), ==, 1);
  g_assert_cmpuint (cp_comparison_get_total (comparison, SCREEN), ==, 3);
  g_assert_cmpuint (cp_comparison_get_total (comparison, PRICE), ==, 1);
  g_assert_cmpuint (cp_comparison_get_spread (comparison, BATTERY), ==, 1);
  g_assert_cmpuint (cp_comparison_get_spread (comparison, SCREEN), ==, 2);
  g_assert_cmpuint (cp_comparison_get_spread (comparison, PRICE), ==, 1);
  g_assert_false (cp_comparison_is_shared (comparison, BATTERY));
  g_assert_true (cp_comparison_is_shared (comparison, SCREEN));
  g_assert_false (cp_comparison_is_shared (comparison, PRICE));

  assert_topic_mentions (comparison, BATTERY, battery_mentions, G_N_ELEMENTS (battery_mentions));
  assert_topic_mentions (comparison, SCREEN, screen_mentions, G_N_ELEMENTS (screen_mentions));
  assert_topic_mentions (comparison, PRICE, price_mentions, G_N_ELEMENTS (price_mentions));

  g_assert_cmpuint (log.n_changed, ==, 0);

  g_clear_object (&first);
  g_assert_finalize_object (comparison);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint n_emissions;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->position = position;
  record->removed = removed;
  record->added = added;
  record->n_emissions++;
}

static void
test_comparison_append (void)
{
  static const CpTopicMention screen_mentions[] = { { 0, 1 }, { 1, 0 }, { 1, 2 } };
  static const guint screen_counts[] = { 1, 2 };
  g_autoptr(CpTopicSet) topics = make_topics ();
  ChangeLog log;
  CpComparison *comparison = make_comparison (topics, &log);
  const CpMention *before;
  guint n, n_before;
  ItemsChanged record = { 0, };

  append_text (comparison, "a", text_a);
  g_assert_cmpuint (log.n_changed, ==, 1);
  g_assert_cmpuint (log.last_change, ==, CP_COMPARISON_CHANGE_DOCUMENTS);
  g_assert_cmpuint (log.n_documents_notified, ==, 1);
  g_assert_cmpuint (cp_comparison_get_total (comparison, SCREEN), ==, 1);
  g_assert_cmpuint (cp_comparison_get_spread (comparison, SCREEN), ==, 1);
  g_assert_false (cp_comparison_is_shared (comparison, SCREEN));

  before = cp_test_get_mentions (comparison, 0, &n_before);
  g_assert_cmpuint (n_before, ==, 2);

  g_signal_connect (cp_comparison_get_documents (comparison), "items-changed",
                    G_CALLBACK (items_changed_cb), &record);

  change_log_reset (&log);
  append_text (comparison, "b", text_b);

  g_assert_cmpuint (log.n_changed, ==, 1);
  g_assert_cmpuint (log.last_change, ==, CP_COMPARISON_CHANGE_DOCUMENTS);
  g_assert_cmpuint (log.n_documents_notified, ==, 1);
  g_assert_cmpuint (record.n_emissions, ==, 1);
  g_assert_cmpuint (record.position, ==, 1);
  g_assert_cmpuint (record.removed, ==, 0);
  g_assert_cmpuint (record.added, ==, 1);
  g_assert_cmpuint (cp_comparison_get_n_documents (comparison), ==, 2);

  /* The first document was not tagged again: same mention array. */
  g_assert_true (cp_test_get_mentions (comparison, 0, &n) == before);
  g_assert_cmpuint (n, ==, n_before);

  assert_counts (comparison, SCREEN, screen_counts, 2);
  g_assert_cmpuint (cp_comparison_get_total (comparison, SCREEN), ==, 3);
  g_assert_cmpuint (cp_comparison_get_spread (comparison, SCREEN), ==, 2);
  g_assert_true (cp_comparison_is_shared (comparison, SCREEN));
  assert_topic_mentions (comparison, SCREEN, screen_mentions, G_N_ELEMENTS (screen_mentions));

  g_signal_handlers_disconnect_by_data (cp_comparison_get_documents (comparison), &record);
  g_assert_finalize_object (comparison);
}

static void
test_comparison_remove (void)
{
  static const guint screen_counts[] = { 2, 0 };
  static const guint battery_counts[] = { 0, 0 };
  static const CpTopicMention screen_mentions[] = { { 0, 0 }, { 0, 2 } };
  g_autoptr(CpTopicSet) topics = make_topics ();
  ChangeLog log;
  CpComparison *comparison = make_abc (topics, &log);
  const CpMention *mentions_b;
  guint n;

  mentions_b = cp_test_get_mentions (comparison, 1, &n);
  g_assert_cmpuint (n, ==, 3);

  cp_comparison_remove_document (comparison, 0);

  g_assert_cmpuint (log.n_changed, ==, 1);
  g_assert_cmpuint (log.last_change, ==, CP_COMPARISON_CHANGE_DOCUMENTS);
  g_assert_cmpuint (log.n_documents_notified, ==, 1);
  g_assert_cmpuint (cp_comparison_get_n_documents (comparison), ==, 2);
  g_assert_cmpstr (cp_document_get_text (cp_comparison_get_document (comparison, 0)), ==, text_b);

  /* Re-indexed, not re-tagged. */
  g_assert_true (cp_test_get_mentions (comparison, 0, &n) == mentions_b);
  g_assert_cmpuint (n, ==, 3);

  assert_counts (comparison, SCREEN, screen_counts, 2);
  assert_counts (comparison, BATTERY, battery_counts, 2);
  g_assert_cmpuint (cp_comparison_get_total (comparison, SCREEN), ==, 2);
  g_assert_cmpuint (cp_comparison_get_spread (comparison, SCREEN), ==, 1);
  g_assert_false (cp_comparison_is_shared (comparison, SCREEN));
  g_assert_cmpuint (cp_comparison_get_total (comparison, BATTERY), ==, 0);
  g_assert_cmpuint (cp_comparison_get_spread (comparison, BATTERY), ==, 0);
  assert_topic_mentions (comparison, SCREEN, screen_mentions, G_N_ELEMENTS (screen_mentions));
  g_assert_null (cp_comparison_get_topic_mentions (comparison, BATTERY, &n));
  g_assert_cmpuint (n, ==, 0);

  g_assert_finalize_object (comparison);
}

static void
test_comparison_move (void)
{
  /* After moving a to the end: b, c, a. */
  static const guint screen_counts[] = { 2, 0, 1 };
  static const guint battery_counts[] = { 0, 0, 1 };
  static const CpTopicMention screen_mentions[] = { { 0, 0 }, { 0, 2 }, { 2, 1 } };
  static const CpTopicMention battery_mentions[] = { { 2, 0 } };
  g_autoptr(CpTopicSet) topics = make_topics ();
  ChangeLog log;
  CpComparison *comparison = make_abc (topics, &log);
  GListModel *documents = cp_comparison_get_documents (comparison);
  ItemsChanged record = { 0, };
  const CpMention *mentions_a;
  guint n;

  /* Fill the lazily built topic index so that it must be rebuilt. */
  cp_comparison_get_topic_mentions (comparison, SCREEN, &n);
  g_assert_cmpuint (n, ==, 3);

  mentions_a = cp_test_get_mentions (comparison, 0, &n);
  g_signal_connect (documents, "items-changed", G_CALLBACK (items_changed_cb), &record);

  cp_comparison_move_document (comparison, 0, 2);

  g_assert_cmpuint (log.n_changed, ==, 1);
  g_assert_cmpuint (log.last_change, ==, CP_COMPARISON_CHANGE_DOCUMENTS);
  /* The count did not change. */
  g_assert_cmpuint (log.n_documents_notified, ==, 0);

  /* One splice over the affected range. */
  g_assert_cmpuint (record.n_emissions, ==, 1);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 3);
  g_assert_cmpuint (record.added, ==, 3);

  g_assert_cmpstr (cp_document_get_text (cp_comparison_get_document (comparison, 0)), ==, text_b);
  g_assert_cmpstr (cp_document_get_text (cp_comparison_get_document (comparison, 1)), ==, text_c);
  g_assert_cmpstr (cp_document_get_text (cp_comparison_get_document (comparison, 2)), ==, text_a);
  g_assert_true (cp_test_get_mentions (comparison, 2, &n) == mentions_a);

  assert_counts (comparison, SCREEN, screen_counts, 3);
  assert_counts (comparison, BATTERY, battery_counts, 3);
  g_assert_cmpuint (cp_comparison_get_total (comparison, SCREEN), ==, 3);
  g_assert_cmpuint (cp_comparison_get_spread (comparison, SCREEN), ==, 2);
  assert_topic_mentions (comparison, SCREEN, screen_mentions, G_N_ELEMENTS (screen_mentions));
  assert_topic_mentions (comparison, BATTERY, battery_mentions, G_N_ELEMENTS (battery_mentions));

  /* And back towards the front: a, b, c again. */
  change_log_reset (&log);
  record.n_emissions = 0;
  cp_comparison_move_document (comparison, 2, 0);
  g_assert_cmpuint (log.n_changed, ==, 1);
  g_assert_cmpuint (record.n_emissions, ==, 1);
  g_assert_cmpstr (cp_document_get_text (cp_comparison_get_document (comparison, 0)), ==, text_a);
  g_assert_cmpstr (cp_document_get_text (cp_comparison_get_document (comparison, 1)), ==, text_b);
  g_assert_cmpuint (cp_comparison_get_count (comparison, BATTERY, 0), ==, 1);

  /* Moving a document onto itself changes nothing. */
  change_log_reset (&log);
  record.n_emissions = 0;
  cp_comparison_move_document (comparison, 1, 1);
  g_assert_cmpuint (log.n_changed, ==, 0);
  g_assert_cmpuint (record.n_emissions, ==, 0);

  g_signal_handlers_disconnect_by_data (documents, &record);
  g_assert_finalize_object (comparison);
}

static void
test_comparison_terms_changed (void)
{
  static const char * const price_terms[] = { "price", "colors", NULL };
  static const guint price_counts[] = { 0, 2, 0 };
  static const CpTopicMention price_mentions[] = { { 1, 1 }, { 1, 3 } };
  g_autoptr(CpTopicSet) topics = make_topics ();
  ChangeLog log;
  CpComparison *comparison = make_abc (topics, &log);
  guint n;

  cp_topic_set_terms (cp_topic_set_get_topic (topics, PRICE), price_terms);

  g_assert_cmpuint (log.n_changed, >=, 1);
  g_assert_cmpuint (log.all_changes, ==, CP_COMPARISON_CHANGE_TOPICS);
  g_assert_cmpuint (log.n_documents_notified, ==, 0);

  assert_counts (comparison, PRICE, price_counts, 3);
  g_assert_cmpuint (cp_comparison_get_total (comparison, PRICE), ==, 2);
  g_assert_cmpuint (cp_comparison_get_spread (comparison, PRICE), ==, 1);
  assert_topic_mentions (comparison, PRICE, price_mentions, G_N_ELEMENTS (price_mentions));

  cp_test_get_mentions (comparison, 1, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (cp_test_get_mentions (comparison, 1, &n)[3].start, ==, 44);
  g_assert_cmpuint (cp_test_get_mentions (comparison, 1, &n)[3].end, ==, 50);

  g_assert_finalize_object (comparison);
}

static void
test_comparison_disable_topic (void)
{
  static const guint zero[] = { 0, 0, 0 };
  static const ExpectedMention mentions_b[] = {
    { 19, 24, PRICE },
  };
  g_autoptr(CpTopicSet) topics = make_topics ();
  ChangeLog log;
  CpComparison *comparison = make_abc (topics, &log);
  CpTopic *screen = cp_topic_set_get_topic (topics, SCREEN);
  guint n;

  cp_topic_set_enabled (screen, FALSE);

  g_assert_cmpuint (log.n_changed, >=, 1);
  g_assert_cmpuint (log.all_changes, ==, CP_COMPARISON_CHANGE_TOPICS);

  assert_counts (comparison, SCREEN, zero, 3);
  g_assert_cmpuint (cp_comparison_get_total (comparison, SCREEN), ==, 0);
  g_assert_cmpuint (cp_comparison_get_spread (comparison, SCREEN), ==, 0);
  g_assert_false (cp_comparison_is_shared (comparison, SCREEN));
  g_assert_null (cp_comparison_get_topic_mentions (comparison, SCREEN, &n));
  assert_mentions (comparison, 1, mentions_b, G_N_ELEMENTS (mentions_b));
  g_assert_cmpuint (cp_comparison_get_total (comparison, BATTERY), ==, 1);

  change_log_reset (&log);
  cp_topic_set_enabled (screen, TRUE);
  g_assert_cmpuint (log.all_changes, ==, CP_COMPARISON_CHANGE_TOPICS);
  g_assert_cmpuint (cp_comparison_get_total (comparison, SCREEN), ==, 3);
  g_assert_true (cp_comparison_is_shared (comparison, SCREEN));

  g_assert_finalize_object (comparison);
}

static void
test_comparison_appearance (void)
{
  static const guint screen_counts[] = { 1, 2, 0 };
  g_autoptr(CpTopicSet) topics = make_topics ();
  ChangeLog log;
  CpComparison *comparison = make_abc (topics, &log);
  CpTopic *screen = cp_topic_set_get_topic (topics, SCREEN);
  const CpMention *before;
  guint n;

  before = cp_test_get_mentions (comparison, 1, &n);

  cp_topic_set_color (screen, "#c01c28");
  g_assert_cmpuint (log.n_changed, >=, 1);
  g_assert_cmpuint (log.all_changes, ==, CP_COMPARISON_CHANGE_APPEARANCE);

  change_log_reset (&log);
  cp_topic_set_label (screen, "Display");
  g_assert_cmpuint (log.n_changed, >=, 1);
  g_assert_cmpuint (log.all_changes, ==, CP_COMPARISON_CHANGE_APPEARANCE);

  /* Nothing was tagged again. */
  g_assert_true (cp_test_get_mentions (comparison, 1, &n) == before);
  assert_counts (comparison, SCREEN, screen_counts, 3);
  g_assert_cmpuint (cp_comparison_get_total (comparison, SCREEN), ==, 3);
  g_assert_cmpuint (cp_comparison_get_spread (comparison, SCREEN), ==, 2);

  g_assert_finalize_object (comparison);
}

static void
test_comparison_add_topic (void)
{
  static const char * const colour_terms[] = { "colors", "sharp", NULL };
  static const guint colour_counts[] = { 1, 1, 0 };
  static const CpTopicMention colour_mentions[] = { { 0, 2 }, { 1, 3 } };
  g_autoptr(CpTopicSet) topics = make_topics ();
  g_autoptr(CpTopic) colour = cp_test_make_topic ("colour", "Colour", "#9141ac", colour_terms);
  ChangeLog log;
  CpComparison *comparison = make_abc (topics, &log);
  guint n;

  cp_topic_set_append (topics, colour);

  g_assert_cmpuint (log.n_changed, >=, 1);
  g_assert_cmpuint (log.all_changes, ==, CP_COMPARISON_CHANGE_TOPICS);

  assert_counts (comparison, 3, colour_counts, 3);
  g_assert_cmpuint (cp_comparison_get_total (comparison, 3), ==, 2);
  g_assert_cmpuint (cp_comparison_get_spread (comparison, 3), ==, 2);
  g_assert_true (cp_comparison_is_shared (comparison, 3));
  assert_topic_mentions (comparison, 3, colour_mentions, G_N_ELEMENTS (colour_mentions));

  /* The other topics are unchanged. */
  g_assert_cmpuint (cp_comparison_get_total (comparison, SCREEN), ==, 3);
  cp_test_get_mentions (comparison, 0, &n);
  g_assert_cmpuint (n, ==, 3);

  /* Removing the first topic shifts the others down. */
  change_log_reset (&log);
  cp_topic_set_remove (topics, BATTERY);
  g_assert_cmpuint (log.all_changes, ==, CP_COMPARISON_CHANGE_TOPICS);
  g_assert_cmpuint (cp_comparison_get_total (comparison, SCREEN - 1), ==, 3);
  g_assert_cmpuint (cp_comparison_get_total (comparison, 2), ==, 2);
  cp_test_get_mentions (comparison, 0, &n);
  g_assert_cmpuint (n, ==, 2);

  g_assert_finalize_object (comparison);
}

/* What a would-be topic finds, without touching the comparison */
static void
test_comparison_count_terms (void)
{
  static const char * const terms[] = { "screen", "display", "colo*", NULL };
  static const char * const overlapping[] = { "screen", "screen is sharp", NULL };
  static const char * const none[] = { NULL };
  static const char * const bad[] = { "screen", "*", NULL };
  g_autoptr(CpTopicSet) topics = make_topics ();
  g_autoptr(GError) error = NULL;
  g_autofree guint *counts = NULL;
  g_autofree guint *counts_overlapping = NULL;
  g_autofree guint *counts_none = NULL;
  guint *counts_bad;
  ChangeLog log;
  CpComparison *comparison = make_abc (topics, &log);
  guint n_changed = log.n_changed;

  counts = cp_comparison_count_terms (comparison, terms, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts[0], ==, 1);
  g_assert_cmpuint (counts[1], ==, 3);
  g_assert_cmpuint (counts[2], ==, 0);

  /* Overlapping terms count once, the longest */
  counts_overlapping = cp_comparison_count_terms (comparison, overlapping, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts_overlapping[0], ==, 1);
  g_assert_cmpuint (counts_overlapping[1], ==, 1);

  counts_none = cp_comparison_count_terms (comparison, none, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts_none[0], ==, 0);

  counts_bad = cp_comparison_count_terms (comparison, bad, &error);
  g_assert_null (counts_bad);
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID_TERM);

  /* The comparison itself is untouched */
  g_assert_cmpuint (log.n_changed, ==, n_changed);
  g_assert_cmpuint (cp_comparison_get_n_documents (comparison), ==, 3);

  g_assert_finalize_object (comparison);
}

static void
test_comparison_invalid_term (void)
{
  static const char * const bad_terms[] = { "price", "*", NULL };
  static const char * const good_terms[] = { "price", NULL };
  g_autoptr(CpTopicSet) topics = make_topics ();
  ChangeLog log;
  CpComparison *comparison = make_abc (topics, &log);
  CpTopic *price = cp_topic_set_get_topic (topics, PRICE);
  const GError *error;
  guint n;

  cp_topic_set_terms (price, bad_terms);

  g_assert_cmpuint (log.n_changed, >=, 1);
  g_assert_cmpuint (log.all_changes, ==, CP_COMPARISON_CHANGE_TOPICS);

  error = cp_comparison_get_topic_error (comparison);
  g_assert_error ((GError *)error, CP_ERROR, CP_ERROR_INVALID_TERM);

  /* Without a matcher nothing is found, but nothing breaks either. */
  for (guint d = 0; d < 3; d++)
    {
      g_assert_null (cp_test_get_mentions (comparison, d, &n));
      g_assert_cmpuint (n, ==, 0);
    }
  g_assert_cmpuint (cp_comparison_get_total (comparison, SCREEN), ==, 0);
  g_assert_false (cp_comparison_is_shared (comparison, SCREEN));

  /* A document added meanwhile is not tagged either. */
  append_text (comparison, "d", text_a);
  g_assert_cmpuint (cp_comparison_get_count (comparison, BATTERY, 3), ==, 0);

  /* Fixing the term brings every mention back. */
  change_log_reset (&log);
  cp_topic_set_terms (price, good_terms);
  g_assert_cmpuint (log.all_changes, ==, CP_COMPARISON_CHANGE_TOPICS);
  g_assert_null (cp_comparison_get_topic_error (comparison));
  g_assert_cmpuint (cp_comparison_get_total (comparison, SCREEN), ==, 4);
  g_assert_cmpuint (cp_comparison_get_count (comparison, BATTERY, 3), ==, 1);
  g_assert_cmpuint (cp_comparison_get_spread (comparison, BATTERY), ==, 2);

  g_assert_finalize_object (comparison);
}

static void
test_comparison_construct_with_invalid_term (void)
{
  static const char * const bad_terms[] = { "*", NULL };
  g_autoptr(CpTopicSet) topics = make_topics ();
  CpComparison *comparison;
  guint n;

  cp_topic_set_terms (cp_topic_set_get_topic (topics, BATTERY), bad_terms);

  comparison = cp_comparison_new (topics);
  g_assert_error ((GError *)cp_comparison_get_topic_error (comparison), CP_ERROR, CP_ERROR_INVALID_TERM);

  append_text (comparison, "a", text_a);
  g_assert_null (cp_test_get_mentions (comparison, 0, &n));
  g_assert_cmpuint (cp_comparison_get_count (comparison, SCREEN, 0), ==, 0);

  g_assert_finalize_object (comparison);
}

static void
test_comparison_outlives_topics (void)
{
  CpTopicSet *topics = make_topics ();
  ChangeLog log;
  CpComparison *comparison = make_abc (topics, &log);

  /* The comparison holds the set; once it is gone the set is free
   * again and changes to it reach nobody.
   */
  g_assert_finalize_object (comparison);
  cp_topic_set_enabled (cp_topic_set_get_topic (topics, SCREEN), FALSE);
  g_assert_cmpuint (log.n_changed, ==, 0);
  g_assert_finalize_object (topics);
}

typedef struct
{
  CpComparison *comparison;
  guint         n_documents;
} DocumentsWait;

static gboolean
has_documents (gpointer user_data)
{
  DocumentsWait *wait = user_data;

  return cp_comparison_get_n_documents (wait->comparison) >= wait->n_documents;
}

static void
wait_for_n_documents (CpComparison *comparison,
                      guint         n_documents)
{
  DocumentsWait wait = { comparison, n_documents };

  cp_test_wait_until (has_documents, &wait, "the documents to be tagged and appended");
}

static void
appended_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;
  gboolean ok = cp_comparison_append_documents_finish (CP_COMPARISON (object), result, error);

  g_assert_true (ok == (*error == NULL));
}

/* Tagged in a thread, the documents get the mentions a synchronous
 * append gives them; topics changed meanwhile are honoured; cancelling
 * adds nothing. */
static void
test_comparison_append_async (void)
{
  g_autoptr(CpTopicSet) topics = make_topics ();
  g_autoptr(CpComparison) reference = cp_comparison_new (topics);
  g_autoptr(CpComparison) comparison = cp_comparison_new (topics);
  g_autoptr(CpDocument) a = cp_document_new_from_text ("a", text_a, -1);
  g_autoptr(CpDocument) b = cp_document_new_from_text ("b", text_b, -1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CpDocument *documents[] = { a, b };
  GError *error = NULL;
  static const char * const new_terms[] = { "price", NULL };

  cp_comparison_append_document (reference, a);
  cp_comparison_append_document (reference, b);

  error = NULL;
  cp_comparison_append_documents_async (comparison, documents, 2, NULL, appended_cb, &error);
  wait_for_n_documents (comparison, 2);
  g_assert_no_error (error);

  for (guint d = 0; d < 2; d++)
    {
      const CpMention *x, *y;
      guint n_x, n_y;

      g_assert_true (cp_comparison_get_document (comparison, d) == documents[d]);
      x = cp_test_get_mentions (reference, d, &n_x);
      y = cp_test_get_mentions (comparison, d, &n_y);
      g_assert_cmpuint (n_x, ==, n_y);
      g_assert_cmpuint (n_x, >, 0);
      g_assert_cmpmem (x, n_x * sizeof *x, y, n_y * sizeof *y);
    }

  /* Terms changed while tagging: the document is tagged again */
  cp_comparison_remove_document (comparison, 1);
  cp_comparison_remove_document (comparison, 0);
  cp_comparison_append_documents_async (comparison, documents, 1, NULL, appended_cb, &error);
  cp_topic_set_terms (cp_topic_set_get_topic (topics, 2), new_terms);
  wait_for_n_documents (comparison, 1);
  g_assert_no_error (error);
  {
    guint n = 0;
    const CpMention *m = cp_test_get_mentions (comparison, 0, &n);

    for (guint i = 0; i < n; i++)
      if (m[i].topic == 2)
        g_assert_cmpuint (m[i].term, ==, 0);
    g_assert_cmpuint (cp_comparison_get_count (comparison, 2, 0), ==, cp_comparison_get_count (reference, 2, 0));
  }

  /* Cancelled before it completes: nothing is added */
  g_cancellable_cancel (cancellable);
  cp_comparison_append_documents_async (comparison, documents + 1, 1, cancellable, appended_cb, &error);
  cp_test_wait_for_pointer (&error, "the cancelled append to fail");
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (cp_comparison_get_n_documents (comparison), ==, 1);
}

static void
count_change_cb (CpComparison       *comparison,
                 CpComparisonChange  change,
                 guint              *n_appearance)
{
  if (change & CP_COMPARISON_CHANGE_APPEARANCE)
    (*n_appearance)++;
}

/* Reviews titled alike are told apart by the author they name, else by
 * their file name; the reader's own name wins */
static void
test_comparison_display_titles (void)
{
  g_autoptr(CpComparison) comparison = cp_comparison_new (NULL);
  g_autoptr(CpDocument) a = cp_document_new_from_text ("weekly.txt", "Never Sorry\n\nBy Jane Doe, Film Weekly\n\nText.", -1);
  g_autoptr(CpDocument) b = cp_document_new_from_text ("daily.txt", "never sorry\n\nby Rui Costa\n\nMore text.", -1);
  g_autoptr(CpDocument) c = cp_document_new_from_text ("blog.md", "Never Sorry\n\nA third.", -1);
  g_autoptr(CpDocument) d = cp_document_new_from_text ("other.txt", "Something Else\n\nBy Jane Doe", -1);
  guint n_appearance = 0;
  char *title;

  cp_comparison_append_document (comparison, a);
  cp_comparison_append_document (comparison, d);
  /* Alone, a title is itself */
  title = cp_comparison_dup_display_title (comparison, 0);
  g_assert_cmpstr (title, ==, "Never Sorry");
  g_free (title);

  cp_comparison_append_document (comparison, b);
  cp_comparison_append_document (comparison, c);
  title = cp_comparison_dup_display_title (comparison, 0);
  g_assert_cmpstr (title, ==, "Never Sorry (Jane Doe)");
  g_free (title);
  title = cp_comparison_dup_display_title (comparison, 2);
  g_assert_cmpstr (title, ==, "never sorry (Rui Costa)");
  g_free (title);
  title = cp_comparison_dup_display_title (comparison, 3);
  g_assert_cmpstr (title, ==, "Never Sorry (blog)");
  g_free (title);
  title = cp_comparison_dup_display_title (comparison, 1);
  g_assert_cmpstr (title, ==, "Something Else");
  g_free (title);

  /* The reader's name, announced as a change of appearance; blank clears */
  g_signal_connect (comparison, "changed", G_CALLBACK (count_change_cb), &n_appearance);
  cp_document_set_label (c, "  Tom's blog ");
  g_assert_cmpstr (cp_document_get_label (c), ==, "Tom's blog");
  g_assert_cmpuint (n_appearance, ==, 1);
  cp_document_set_label (c, "Tom's blog");
  g_assert_cmpuint (n_appearance, ==, 1);
  title = cp_comparison_dup_display_title (comparison, 3);
  g_assert_cmpstr (title, ==, "Tom's blog");
  g_free (title);
  cp_document_set_label (c, "   ");
  g_assert_null (cp_document_get_label (c));
  g_assert_cmpuint (n_appearance, ==, 2);

  /* A removed review is no longer followed */
  cp_comparison_remove_document (comparison, 3);
  cp_document_set_label (c, "Gone");
  g_assert_cmpuint (n_appearance, ==, 2);
}

/* A note on the first occurrence of @passage in the document at @position */
static CpNote *
add_note (CpComparison *comparison,
          guint         position,
          const char   *passage,
          const char   *text)
{
  CpDocument *document = cp_comparison_get_document (comparison, position);
  const char *hit = strstr (cp_document_get_text (document), passage);
  g_autoptr(CpNote) note = NULL;

  g_assert_nonnull (hit);
  note = cp_note_new (document, hit - cp_document_get_text (document),
                      hit - cp_document_get_text (document) + strlen (passage), text);
  cp_comparison_add_note (comparison, note);

  return note;
}

static CpNote *
get_note (CpComparison *comparison,
          guint         position)
{
  g_autoptr(CpNote) note = g_list_model_get_item (cp_comparison_get_notes (comparison), position);

  return note;
}

static void
test_comparison_notes (void)
{
  g_autoptr(CpTopicSet) topics = make_topics ();
  ChangeLog log;
  CpComparison *comparison = make_abc (topics, &log);
  GListModel *notes = cp_comparison_get_notes (comparison);
  const CpMention *mentions_a;
  CpNote *sharp, *lasts, *great;
  g_autoptr(CpNote) kept = NULL;
  g_autoptr(GPtrArray) on_a = NULL;
  guint position = G_MAXUINT;
  guint n;

  g_assert_true (g_list_model_get_item_type (notes) == CP_TYPE_NOTE);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 0);
  mentions_a = cp_test_get_mentions (comparison, 0, &n);

  sharp = add_note (comparison, 0, "sharp", "Is it?");
  great = add_note (comparison, 1, "Great screen", NULL);
  lasts = add_note (comparison, 0, "lasts two days", "Measured?");
  g_assert_cmpuint (log.n_changed, ==, 3);
  g_assert_cmpuint (log.all_changes, ==, CP_COMPARISON_CHANGE_NOTES);
  g_assert_cmpuint (log.n_documents_notified, ==, 0);

  /* In the order added */
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 3);
  g_assert_true (get_note (comparison, 0) == sharp);
  g_assert_true (get_note (comparison, 1) == great);
  g_assert_true (get_note (comparison, 2) == lasts);

  /* A document's notes in text order */
  on_a = cp_comparison_dup_document_notes (comparison, cp_comparison_get_document (comparison, 0));
  g_assert_cmpuint (on_a->len, ==, 2);
  g_assert_true (on_a->pdata[0] == lasts);
  g_assert_true (on_a->pdata[1] == sharp);
  g_clear_pointer (&on_a, g_ptr_array_unref);
  on_a = cp_comparison_dup_document_notes (comparison, cp_comparison_get_document (comparison, 2));
  g_assert_cmpuint (on_a->len, ==, 0);

  /* Editing one is a change of notes only: nothing re-tagged */
  change_log_reset (&log);
  cp_note_set_text (sharp, "Sharp indeed.");
  g_assert_cmpuint (log.n_changed, ==, 1);
  g_assert_cmpuint (log.last_change, ==, CP_COMPARISON_CHANGE_NOTES);
  g_assert_true (cp_test_get_mentions (comparison, 0, &n) == mentions_a);

  /* Removed and put back where it was, as Undo does */
  kept = g_object_ref (great);
  change_log_reset (&log);
  g_assert_true (cp_comparison_remove_note (comparison, great, &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 2);
  g_assert_cmpuint (log.last_change, ==, CP_COMPARISON_CHANGE_NOTES);
  g_assert_false (cp_comparison_remove_note (comparison, great, &position));
  g_assert_cmpuint (log.n_changed, ==, 1);

  /* Out of the comparison, its edits are not the comparison's */
  cp_note_set_text (kept, "Elsewhere");
  g_assert_cmpuint (log.n_changed, ==, 1);

  cp_comparison_insert_note (comparison, position, kept);
  g_assert_cmpuint (log.n_changed, ==, 2);
  g_assert_true (get_note (comparison, 1) == kept);
  cp_note_set_text (kept, "Back");
  g_assert_cmpuint (log.n_changed, ==, 3);
  g_assert_cmpuint (log.all_changes, ==, CP_COMPARISON_CHANGE_NOTES);

  g_assert_finalize_object (comparison);
  /* The comparison let go of it */
  cp_note_set_text (kept, "After");
}

static void
test_comparison_note_refused (void)
{
  g_autoptr(CpTopicSet) topics = make_topics ();
  ChangeLog log;
  CpComparison *comparison = make_abc (topics, &log);
  g_autoptr(CpDocument) stranger = cp_document_new_from_text ("d", text_a, -1);
  g_autoptr(CpNote) note = cp_note_new (stranger, 0, 3, NULL);
  CpNote *twice;

  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_CRITICAL, "*cp_comparison_find_document*");
  cp_comparison_add_note (comparison, note);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (g_list_model_get_n_items (cp_comparison_get_notes (comparison)), ==, 0);

  twice = add_note (comparison, 0, "battery", NULL);
  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_CRITICAL, "*g_list_store_find*");
  cp_comparison_add_note (comparison, twice);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (g_list_model_get_n_items (cp_comparison_get_notes (comparison)), ==, 1);

  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_CRITICAL, "*position <=*");
  cp_comparison_insert_note (comparison, 5, note);
  g_test_assert_expected_messages ();

  g_assert_finalize_object (comparison);
}

static void
test_comparison_notes_removed_with_document (void)
{
  g_autoptr(CpTopicSet) topics = make_topics ();
  ChangeLog log;
  CpComparison *comparison = make_abc (topics, &log);
  CpNote *on_c;
  g_autoptr(CpNote) on_a = NULL;

  on_a = g_object_ref (add_note (comparison, 0, "battery", NULL));
  add_note (comparison, 1, "screen", NULL);
  add_note (comparison, 0, "screen", NULL);
  on_c = add_note (comparison, 2, "Nothing", NULL);
  change_log_reset (&log);

  cp_comparison_remove_document (comparison, 0);
  g_assert_cmpuint (log.n_changed, ==, 1);
  g_assert_cmpuint (log.last_change, ==, CP_COMPARISON_CHANGE_DOCUMENTS | CP_COMPARISON_CHANGE_NOTES);
  g_assert_cmpuint (g_list_model_get_n_items (cp_comparison_get_notes (comparison)), ==, 2);
  g_assert_true (cp_note_get_document (get_note (comparison, 0)) == cp_comparison_get_document (comparison, 0));
  g_assert_true (get_note (comparison, 1) == on_c);

  /* A document without notes goes as before */
  cp_comparison_move_document (comparison, 0, 1);
  append_text (comparison, "d", text_a);
  change_log_reset (&log);
  cp_comparison_remove_document (comparison, 2);
  g_assert_cmpuint (log.last_change, ==, CP_COMPARISON_CHANGE_DOCUMENTS);
  g_assert_cmpuint (g_list_model_get_n_items (cp_comparison_get_notes (comparison)), ==, 2);

  /* The removed one's edits are no longer the comparison's */
  change_log_reset (&log);
  cp_note_set_text (on_a, "Gone");
  g_assert_cmpuint (log.n_changed, ==, 0);

  g_assert_finalize_object (comparison);
}

static void
test_comparison_notes_survive_retagging (void)
{
  static const char * const battery_terms[] = { "days", NULL };
  g_autoptr(CpTopicSet) topics = make_topics ();
  ChangeLog log;
  CpComparison *comparison = make_abc (topics, &log);
  CpNote *note = add_note (comparison, 0, "battery lasts", "Long");
  CpDocument *document = cp_comparison_get_document (comparison, 0);

  change_log_reset (&log);
  cp_topic_set_terms (cp_topic_set_get_topic (topics, BATTERY), battery_terms);
  cp_topic_set_label (cp_topic_set_get_topic (topics, BATTERY), "Power");
  cp_document_set_label (document, "First");
  g_assert_false (log.all_changes & CP_COMPARISON_CHANGE_NOTES);

  g_assert_cmpuint (g_list_model_get_n_items (cp_comparison_get_notes (comparison)), ==, 1);
  g_assert_true (get_note (comparison, 0) == note);
  g_assert_true (cp_note_get_document (note) == document);
  g_assert_cmpuint (cp_note_get_start (note), ==, 4);
  g_assert_cmpuint (cp_note_get_end (note), ==, 17);
  g_assert_cmpstr (cp_note_get_quote (note), ==, "battery lasts");
  g_assert_cmpstr (cp_note_get_text (note), ==, "Long");

  g_assert_finalize_object (comparison);
}

static void
test_comparison_replace_document (void)
{
  static const char changed_a[] = "Update: the screen is sharp. The battery lasts one day.";
  g_autoptr(CpTopicSet) topics = make_topics ();
  ChangeLog log;
  ItemsChanged items = { 0 };
  CpComparison *comparison = make_abc (topics, &log);
  g_autoptr(CpDocument) old = g_object_ref (cp_comparison_get_document (comparison, 0));
  g_autoptr(CpDocument) fresh = cp_document_new_from_text ("a", changed_a, -1);
  const CpMention *mentions_b = NULL;
  CpNote *sharp, *days, *on_b;
  guint n_lost = G_MAXUINT;
  guint n;

  cp_document_set_label (old, "Our critic");
  sharp = add_note (comparison, 0, "sharp", "Yes");
  days = add_note (comparison, 0, "two days", "Optimistic");
  on_b = add_note (comparison, 1, "fair price", NULL);
  mentions_b = cp_test_get_mentions (comparison, 1, &n);
  g_signal_connect (cp_comparison_get_documents (comparison), "items-changed",
                    G_CALLBACK (items_changed_cb), &items);
  change_log_reset (&log);

  cp_comparison_replace_document (comparison, 0, fresh, &n_lost);

  g_assert_cmpuint (log.n_changed, ==, 1);
  g_assert_cmpuint (log.last_change, ==, CP_COMPARISON_CHANGE_DOCUMENTS | CP_COMPARISON_CHANGE_NOTES);
  g_assert_cmpuint (log.n_documents_notified, ==, 0);
  g_assert_cmpuint (items.n_emissions, ==, 1);
  g_assert_cmpuint (items.position, ==, 0);
  g_assert_cmpuint (items.removed, ==, 1);
  g_assert_cmpuint (items.added, ==, 1);

  g_assert_true (cp_comparison_get_document (comparison, 0) == fresh);
  g_assert_cmpstr (cp_document_get_label (fresh), ==, "Our critic");
  g_assert_false (cp_comparison_find_document (comparison, old, NULL));

  /* Re-anchored: one found where it moved, one lost */
  g_assert_cmpuint (n_lost, ==, 1);
  g_assert_true (cp_note_get_document (sharp) == fresh);
  g_assert_cmpuint (cp_note_get_start (sharp), ==, strstr (changed_a, "sharp") - changed_a);
  g_assert_cmpstr (cp_note_get_quote (sharp), ==, "sharp");
  g_assert_true (cp_note_get_document (days) == fresh);
  g_assert_cmpstr (cp_note_get_text (days), ==, "Optimistic");
  g_assert_true (cp_note_get_document (on_b) == cp_comparison_get_document (comparison, 1));
  g_assert_cmpuint (g_list_model_get_n_items (cp_comparison_get_notes (comparison)), ==, 3);

  /* The new one tagged, the others not again */
  {
    static const ExpectedMention expected[] = {
      { 12, 18, SCREEN },
      { 33, 40, BATTERY },
    };

    assert_mentions (comparison, 0, expected, G_N_ELEMENTS (expected));
  }
  g_assert_true (cp_test_get_mentions (comparison, 1, &n) == mentions_b);
  g_assert_cmpuint (cp_comparison_get_total (comparison, SCREEN), ==, 3);
  g_assert_cmpuint (cp_comparison_get_spread (comparison, BATTERY), ==, 1);

  /* Its label is followed from now on, the old one's not */
  change_log_reset (&log);
  cp_document_set_label (old, "Old");
  g_assert_cmpuint (log.n_changed, ==, 0);
  cp_document_set_label (fresh, "New");
  g_assert_cmpuint (log.last_change, ==, CP_COMPARISON_CHANGE_APPEARANCE);

  /* Without asking how many were lost */
  {
    g_autoptr(CpDocument) again = cp_document_new_from_text ("a", changed_a, -1);

    cp_comparison_replace_document (comparison, 0, again, NULL);
    g_assert_cmpstr (cp_document_get_label (again), ==, "New");
    g_assert_true (cp_note_get_document (sharp) == again);
  }

  g_assert_finalize_object (comparison);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/comparison/flags-type", test_comparison_flags_type);
  g_test_add_func ("/core/comparison/empty", test_comparison_empty);
  g_test_add_func ("/core/comparison/no-topics", test_comparison_no_topics);
  g_test_add_func ("/core/comparison/default-topics", test_comparison_default_topics);
  g_test_add_func ("/core/comparison/statistics", test_comparison_statistics);
  g_test_add_func ("/core/comparison/append", test_comparison_append);
  g_test_add_func ("/core/comparison/append-async", test_comparison_append_async);
  g_test_add_func ("/core/comparison/remove", test_comparison_remove);
  g_test_add_func ("/core/comparison/move", test_comparison_move);
  g_test_add_func ("/core/comparison/terms-changed", test_comparison_terms_changed);
  g_test_add_func ("/core/comparison/disable-topic", test_comparison_disable_topic);
  g_test_add_func ("/core/comparison/appearance", test_comparison_appearance);
  g_test_add_func ("/core/comparison/add-topic", test_comparison_add_topic);
  g_test_add_func ("/core/comparison/count-terms", test_comparison_count_terms);
  g_test_add_func ("/core/comparison/invalid-term", test_comparison_invalid_term);
  g_test_add_func ("/core/comparison/invalid-term-at-construction", test_comparison_construct_with_invalid_term);
  g_test_add_func ("/core/comparison/outlives-topics", test_comparison_outlives_topics);
  g_test_add_func ("/core/comparison/display-titles", test_comparison_display_titles);
  g_test_add_func ("/core/comparison/notes", test_comparison_notes);
  g_test_add_func ("/core/comparison/note-refused", test_comparison_note_refused);
  g_test_add_func ("/core/comparison/notes-removed-with-document", test_comparison_notes_removed_with_document);
  g_test_add_func ("/core/comparison/notes-survive-retagging", test_comparison_notes_survive_retagging);
  g_test_add_func ("/core/comparison/replace-document", test_comparison_replace_document);

  return g_test_run ();
}
