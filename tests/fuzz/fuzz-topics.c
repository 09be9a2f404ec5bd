/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `.topics` parsing, with a save and a reload: whatever parses is
 * serialised (cp_topic_set_to_data(), which edits the text it was loaded
 * from), parsed again, and must give the same topics: ids, labels and
 * their translations, colours, terms and enabled, in order. The set is
 * then changed as the topic editor changes it (a topic removed, one moved,
 * a term added, a label renamed, a topic disabled, a new topic) and must
 * survive the same round trip.
 */
#include "config.h"

#include <string.h>

#include "cp-error.h"
#include "fuzz-common.h"

static void
assert_topics_equal (CpTopic *a,
                     CpTopic *b)
{
  g_auto(GStrv) locales_a = cp_topic_dup_translated_locales (a);
  g_auto(GStrv) locales_b = cp_topic_dup_translated_locales (b);
  const char * const *terms_a = cp_topic_get_terms (a);
  const char * const *terms_b = cp_topic_get_terms (b);

  g_assert_cmpstr (cp_topic_get_id (a), ==, cp_topic_get_id (b));
  g_assert_cmpstr (cp_topic_get_label (a), ==, cp_topic_get_label (b));
  g_assert_cmpstr (cp_topic_get_color (a), ==, cp_topic_get_color (b));
  g_assert_cmpint (cp_topic_get_enabled (a), ==, cp_topic_get_enabled (b));

  g_assert_cmpstrv (locales_a, locales_b);
  for (guint i = 0; locales_a != NULL && locales_a[i] != NULL; i++)
    g_assert_cmpstr (cp_topic_get_label_translation (a, locales_a[i]), ==,
                     cp_topic_get_label_translation (b, locales_a[i]));

  g_assert_cmpstrv ((const char * const *)terms_a, (const char * const *)terms_b);
}

static void
assert_sets_equal (CpTopicSet *a,
                   CpTopicSet *b)
{
  guint n = cp_topic_set_get_n_topics (a);

  g_assert_cmpuint (cp_topic_set_get_n_topics (b), ==, n);
  for (guint i = 0; i < n; i++)
    assert_topics_equal (cp_topic_set_get_topic (a, i), cp_topic_set_get_topic (b, i));
}

/* Saves @set and loads the result into a new set, which must equal it. */
static void
assert_round_trip (CpTopicSet *set)
{
  g_autoptr(CpTopicSet) reloaded = cp_topic_set_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  gsize length = 0;

  saved = cp_topic_set_to_data (set, &length);
  g_assert_nonnull (saved);
  g_assert_cmpuint (strlen (saved), ==, length);
  g_assert_true (g_utf8_validate_len (saved, length, NULL));

  if (!cp_topic_set_load_from_data (reloaded, saved, length, "saved.topics", &error))
    g_error ("the saved topics do not load: %s\n---\n%s\n---", error->message, saved);
  assert_sets_equal (set, reloaded);
}

/* Changes @set as the topic editor would, steered by @steer. */
static void
edit (CpTopicSet *set,
      guint8      steer)
{
  guint n = cp_topic_set_get_n_topics (set);
  static const char * const new_terms[] = { "new term", "fuzz*", NULL };

  if (n > 0 && (steer & 1))
    cp_topic_set_remove (set, 0);

  n = cp_topic_set_get_n_topics (set);
  if (n > 1 && (steer & 2))
    {
      g_autoptr(CpTopic) last = g_object_ref (cp_topic_set_get_topic (set, n - 1));

      cp_topic_set_remove (set, n - 1);
      cp_topic_set_insert (set, 0, last);
    }

  if (n > 0 && (steer & 4))
    cp_topic_add_term (cp_topic_set_get_topic (set, n - 1), "added term");

  if (n > 0 && (steer & 8))
    cp_topic_set_label (cp_topic_set_get_topic (set, 0), "Renamed; with = and \\ and [brackets]");

  if (n > 0 && (steer & 16))
    cp_topic_set_enabled (cp_topic_set_get_topic (set, n / 2), !cp_topic_get_enabled (cp_topic_set_get_topic (set, n / 2)));

  if (n > 0 && (steer & 32))
    cp_topic_set_label_translation (cp_topic_set_get_topic (set, 0), "de", "Übersetzt");

  if (steer & 64)
    cp_topic_set_add_new (set, "New [topic]", new_terms);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CpTopicSet) set = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();

  set = cp_topic_set_new ();
  if (!cp_topic_set_load_from_data (set, (const char *)data, size, "fuzz.topics", &error))
    {
      g_assert_error (error, CP_ERROR, CP_ERROR_INVALID_TOPICS);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpuint (cp_topic_set_get_n_topics (set), ==, 0);
      return 0;
    }

  assert_round_trip (set);

  edit (set, size > 0 ? data[size - 1] : 0);
  assert_round_trip (set);

  return 0;
}
