/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "cp-error.h"
#include "cp-term.h"
#include "cp-topic-set.h"
#include "cp-test-utils.h"

/* Helpers */

static void
notified_cb (GObject    *object,
             GParamSpec *pspec,
             GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
assert_change (GArray *changes,
               guint   index,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *change;

  g_assert_cmpuint (index, <, changes->len);
  change = &g_array_index (changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "topics", name, NULL);
}

static CpTopicSet *
load_fixture (const char  *name,
              GError     **error)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return cp_topic_set_new_from_file (file, NULL, error);
}

static guint
count_dir_entries (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;

  return n;
}

static void
assert_terms (CpTopic    *topic,
              const char *joined)
{
  g_autofree char *terms = g_strjoinv ("|", (GStrv) cp_topic_get_terms (topic));

  g_assert_cmpstr (terms, ==, joined);
}

static void
assert_topics_equal (CpTopic *a,
                     CpTopic *b)
{
  g_auto(GStrv) locales_a = cp_topic_dup_translated_locales (a);
  g_auto(GStrv) locales_b = cp_topic_dup_translated_locales (b);

  g_assert_cmpstr (cp_topic_get_id (a), ==, cp_topic_get_id (b));
  g_assert_cmpstr (cp_topic_get_label (a), ==, cp_topic_get_label (b));
  g_assert_cmpstrv (locales_a, locales_b);
  for (guint i = 0; locales_a[i] != NULL; i++)
    g_assert_cmpstr (cp_topic_get_label_translation (a, locales_a[i]), ==,
                     cp_topic_get_label_translation (b, locales_a[i]));
  g_assert_cmpstr (cp_topic_get_color (a), ==, cp_topic_get_color (b));
  g_assert_cmpint (cp_topic_get_enabled (a), ==, cp_topic_get_enabled (b));
  g_assert_cmpstrv (cp_topic_get_terms (a), cp_topic_get_terms (b));
}

static void
assert_sets_equal (CpTopicSet *a,
                   CpTopicSet *b)
{
  g_assert_cmpuint (cp_topic_set_get_n_topics (a), ==, cp_topic_set_get_n_topics (b));
  for (guint i = 0; i < cp_topic_set_get_n_topics (a); i++)
    assert_topics_equal (cp_topic_set_get_topic (a, i), cp_topic_set_get_topic (b, i));
}

/* CpTopic */

static void
test_topic_defaults (void)
{
  g_autoptr(CpTopic) topic = cp_topic_new ("twitter", NULL);
  g_autoptr(CpTopic) labelled = cp_topic_new ("sunflower-seeds", "Sunflower Seeds");
  g_auto(GStrv) locales = cp_topic_dup_translated_locales (topic);
  g_autofree char *id = NULL;
  g_auto(GStrv) terms = NULL;

  g_assert_cmpstr (cp_topic_get_id (topic), ==, "twitter");
  g_assert_cmpstr (cp_topic_get_label (topic), ==, "twitter");
  g_assert_cmpstr (cp_topic_get_display_label (topic), ==, "twitter");
  g_assert_cmpstr (cp_topic_get_color (topic), ==, CP_TOPIC_DEFAULT_COLOR);
  g_assert_cmpstr (cp_topic_get_color (topic), ==, "#77767b");
  g_assert_cmphex (cp_topic_get_rgb (topic), ==, 0x77767b);
  g_assert_true (cp_topic_get_enabled (topic));
  g_assert_nonnull (cp_topic_get_terms (topic));
  g_assert_null (cp_topic_get_terms (topic)[0]);
  g_assert_nonnull (locales);
  g_assert_null (locales[0]);

  g_object_get (topic, "id", &id, "terms", &terms, NULL);
  g_assert_cmpstr (id, ==, "twitter");
  g_assert_nonnull (terms);
  g_assert_cmpuint (g_strv_length (terms), ==, 0);

  g_assert_cmpstr (cp_topic_get_label (labelled), ==, "Sunflower Seeds");

  g_assert_finalize_object (g_steal_pointer (&topic));
  g_assert_finalize_object (g_steal_pointer (&labelled));
}

static void
test_topic_notify (void)
{
  g_autoptr(CpTopic) topic = cp_topic_new ("sunflower-seeds", "Sunflower Seeds");
  g_autoptr(GString) log = g_string_new (NULL);
  const char *terms[] = { "  sunflower seed*  ", "", "葵花籽", " ", "Ai Weiwei's seeds", NULL };
  const char *same_terms[] = { "sunflower seed*", "葵花籽", "Ai Weiwei's seeds", NULL };

  g_signal_connect (topic, "notify", G_CALLBACK (notified_cb), log);

  cp_topic_set_label (topic, "Seeds");
  g_assert_cmpstr (log->str, ==, "label;display-label;");
  g_assert_cmpstr (cp_topic_get_label (topic), ==, "Seeds");
  g_string_truncate (log, 0);

  cp_topic_set_label (topic, "Seeds");
  g_assert_cmpstr (log->str, ==, "");

  cp_topic_set_label (topic, NULL);
  g_assert_cmpstr (cp_topic_get_label (topic), ==, "sunflower-seeds");
  g_assert_cmpstr (log->str, ==, "label;display-label;");
  g_string_truncate (log, 0);

  cp_topic_set_label (topic, "");
  g_assert_cmpstr (log->str, ==, "");

  cp_topic_set_color (topic, "#E5A50A");
  g_assert_cmpstr (cp_topic_get_color (topic), ==, "#e5a50a");
  g_assert_cmphex (cp_topic_get_rgb (topic), ==, 0xe5a50a);
  g_assert_cmpstr (log->str, ==, "color;");
  g_string_truncate (log, 0);

  cp_topic_set_color (topic, "#e5a50a");
  cp_topic_set_color (topic, "#e5A50a");
  g_assert_cmpstr (log->str, ==, "");

  cp_topic_set_enabled (topic, FALSE);
  g_assert_false (cp_topic_get_enabled (topic));
  g_assert_cmpstr (log->str, ==, "enabled;");
  g_string_truncate (log, 0);

  cp_topic_set_enabled (topic, FALSE);
  g_assert_cmpstr (log->str, ==, "");

  cp_topic_set_terms (topic, terms);
  assert_terms (topic, "sunflower seed*|葵花籽|Ai Weiwei's seeds");
  g_assert_cmpstr (log->str, ==, "terms;");
  g_string_truncate (log, 0);

  cp_topic_set_terms (topic, same_terms);
  g_assert_cmpstr (log->str, ==, "");

  cp_topic_set_terms (topic, NULL);
  assert_terms (topic, "");
  g_assert_cmpstr (log->str, ==, "terms;");
  g_string_truncate (log, 0);

  /* Through GObject properties too. */
  g_object_set (topic, "label", "Sunflower Seeds", NULL);
  g_object_set (topic, "enabled", TRUE, NULL);
  g_object_set (topic, "color", "#3584e4", NULL);
  g_object_set (topic, "terms", same_terms, NULL);
  /* g_object_set() queues the notifications and emits them in reverse. */
  g_assert_cmpstr (log->str, ==, "display-label;label;enabled;color;terms;");
  g_string_truncate (log, 0);

  g_object_set (topic,
                "label", "Sunflower Seeds",
                "enabled", TRUE,
                "color", "#3584E4",
                "terms", same_terms,
                NULL);
  g_assert_cmpstr (log->str, ==, "");

  g_signal_handlers_disconnect_by_func (topic, notified_cb, log);
  g_assert_finalize_object (g_steal_pointer (&topic));
}

static void
test_topic_invalid (void)
{
  g_autoptr(CpTopic) topic = cp_topic_new ("twitter", "Twitter");
  CpTopic *bad;

  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_CRITICAL, "*cp_color_parse*");
  cp_topic_set_color (topic, "#12345");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (cp_topic_get_color (topic), ==, CP_TOPIC_DEFAULT_COLOR);

  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_CRITICAL, "*cp_color_parse*");
  cp_topic_set_color (topic, NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_CRITICAL, "*cp_topic_id_is_valid*");
  bad = cp_topic_new ("two words", NULL);
  g_test_assert_expected_messages ();
  g_assert_null (bad);

  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_CRITICAL, "*cp_topic_locale_is_valid*");
  cp_topic_set_label_translation (topic, "", "Nothing");
  g_test_assert_expected_messages ();

  g_assert_true (cp_topic_id_is_valid ("sichuan-earthquake"));
  g_assert_true (cp_topic_id_is_valid ("plain_topic.2"));
  g_assert_false (cp_topic_id_is_valid (""));
  g_assert_false (cp_topic_id_is_valid (NULL));
  g_assert_false (cp_topic_id_is_valid ("[twitter]"));
  g_assert_false (cp_topic_id_is_valid ("葵花籽"));
  g_assert_true (cp_topic_locale_is_valid ("sr@latin"));
  g_assert_true (cp_topic_locale_is_valid ("pt_BR.UTF-8"));
  g_assert_false (cp_topic_locale_is_valid ("de]"));

  g_assert_finalize_object (g_steal_pointer (&topic));
}

static void
test_color_parse (void)
{
  const struct {
    const char *text;
    guint32     rgb;
  } valid[] = {
    { "#000000", 0x000000 },
    { "#ffffff", 0xffffff },
    { "#FFFFFF", 0xffffff },
    { "#3584e4", 0x3584e4 },
    { "#E5a50A", 0xe5a50a },
    { "#0a0B0c", 0x0a0b0c },
  };
  const char *invalid[] = {
    "", "#", "#12345", "#1234567", "123456", "#12345g", "#abc",
    " #123456", "#123456 ", "#12 456", "red", "rgb(1,2,3)", "##12345",
    "#-12345", "#+12345",
  };
  guint32 rgb;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      rgb = 0xdeadbeef;
      g_assert_true (cp_color_parse (valid[i].text, &rgb));
      g_assert_cmphex (rgb, ==, valid[i].rgb);
      g_assert_true (cp_color_parse (valid[i].text, NULL));
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      rgb = 0xdeadbeef;
      g_assert_false (cp_color_parse (invalid[i], &rgb));
      g_assert_cmphex (rgb, ==, 0xdeadbeef);
    }

  g_assert_false (cp_color_parse (NULL, &rgb));
}

static void
test_topic_translations (void)
{
  g_autoptr(CpTopic) topic = cp_topic_new ("sunflower-seeds", "Sunflower Seeds");
  g_autoptr(GString) log = g_string_new (NULL);
  g_auto(GStrv) locales = NULL;
  const char *german[] = { "de_AT", "de", "C", NULL };
  const char *chinese[] = { "zh_CN.UTF-8", "zh_CN", "zh", "C", NULL };
  const char *french[] = { "fr_FR", "fr", "C", NULL };
  const char *none[] = { NULL };

  g_signal_connect (topic, "notify", G_CALLBACK (notified_cb), log);

  cp_topic_set_label_translation (topic, "zh_CN", "葵花籽");
  cp_topic_set_label_translation (topic, "de", "Sonnenblumenkerne");
  cp_topic_set_label_translation (topic, "de_AT", "Sonnenblumenkerne (AT)");
  g_assert_cmpstr (log->str, ==, "display-label;display-label;display-label;");
  g_string_truncate (log, 0);

  cp_topic_set_label_translation (topic, "de", "Sonnenblumenkerne");
  g_assert_cmpstr (log->str, ==, "");

  locales = cp_topic_dup_translated_locales (topic);
  g_assert_cmpstrv (locales, ((const char *[]) { "de", "de_AT", "zh_CN", NULL }));

  g_assert_cmpstr (cp_topic_get_label_translation (topic, "de"), ==, "Sonnenblumenkerne");
  g_assert_null (cp_topic_get_label_translation (topic, "fr"));

  g_assert_cmpstr (cp_topic_get_label_for_languages (topic, german), ==, "Sonnenblumenkerne (AT)");
  g_assert_cmpstr (cp_topic_get_label_for_languages (topic, german + 1), ==, "Sonnenblumenkerne");
  g_assert_cmpstr (cp_topic_get_label_for_languages (topic, chinese), ==, "葵花籽");
  g_assert_cmpstr (cp_topic_get_label_for_languages (topic, french), ==, "Sunflower Seeds");
  g_assert_cmpstr (cp_topic_get_label_for_languages (topic, none), ==, "Sunflower Seeds");
  g_assert_cmpstr (cp_topic_get_label_for_languages (topic, NULL), ==, "Sunflower Seeds");

  /* A rename changes the label the reader sees, and only that one */
  g_string_truncate (log, 0);
  cp_topic_set_label_for_languages (topic, german + 1, "Kerne");
  g_assert_cmpstr (cp_topic_get_label_translation (topic, "de"), ==, "Kerne");
  g_assert_cmpstr (cp_topic_get_label_translation (topic, "de_AT"), ==, "Sonnenblumenkerne (AT)");
  g_assert_cmpstr (cp_topic_get_label (topic), ==, "Sunflower Seeds");
  g_assert_cmpstr (log->str, ==, "display-label;");
  cp_topic_set_label_for_languages (topic, french, "Seeds");
  g_assert_cmpstr (cp_topic_get_label (topic), ==, "Seeds");
  g_assert_cmpstr (cp_topic_get_label_translation (topic, "de"), ==, "Kerne");
  g_assert_null (cp_topic_get_label_translation (topic, "fr"));
  cp_topic_set_label_for_languages (topic, german + 1, "Sonnenblumenkerne");
  cp_topic_set_label (topic, "Sunflower Seeds");
  g_string_truncate (log, 0);

  /* The test runs with LC_ALL=C.UTF-8; LANGUAGE takes precedence in
   * g_get_language_names(), which rereads the environment each call. */
  g_assert_cmpstr (cp_topic_get_display_label (topic), ==, "Sunflower Seeds");
  g_setenv ("LANGUAGE", "zh_CN:de", TRUE);
  g_assert_cmpstr (cp_topic_get_display_label (topic), ==, "葵花籽");
  g_setenv ("LANGUAGE", "fr:de_CH", TRUE);
  g_assert_cmpstr (cp_topic_get_display_label (topic), ==, "Sonnenblumenkerne");

  cp_topic_set_label_translation (topic, "de", NULL);
  g_assert_cmpstr (log->str, ==, "display-label;");
  g_string_truncate (log, 0);
  g_assert_cmpstr (cp_topic_get_display_label (topic), ==, "Sunflower Seeds");
  g_unsetenv ("LANGUAGE");

  cp_topic_set_label_translation (topic, "zh_CN", "");
  g_assert_cmpstr (log->str, ==, "display-label;");
  g_strfreev (locales);
  locales = cp_topic_dup_translated_locales (topic);
  g_assert_cmpstrv (locales, ((const char *[]) { "de_AT", NULL }));

  g_signal_handlers_disconnect_by_func (topic, notified_cb, log);
  g_assert_finalize_object (g_steal_pointer (&topic));
}

/* CpTopicSet as a list */

static void
test_set_list_model (void)
{
  g_autoptr(CpTopicSet) set = cp_topic_set_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(CpTopic) a = cp_topic_new ("a", "A");
  g_autoptr(CpTopic) b = cp_topic_new ("b", "B");
  g_autoptr(CpTopic) c = cp_topic_new ("c", "C");
  g_autoptr(CpTopic) d = cp_topic_new ("d", "D");
  g_autoptr(CpTopic) item = NULL;
  guint n_items = 0;

  g_assert_true (G_IS_LIST_MODEL (set));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (set)) == CP_TYPE_TOPIC);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 0);

  g_signal_connect (set, "items-changed", G_CALLBACK (items_changed_cb), changes);

  cp_topic_set_append (set, a);
  cp_topic_set_append (set, c);
  cp_topic_set_insert (set, 1, b);
  cp_topic_set_insert (set, 0, d);
  g_assert_cmpuint (changes->len, ==, 4);
  assert_change (changes, 0, 0, 0, 1);
  assert_change (changes, 1, 1, 0, 1);
  assert_change (changes, 2, 1, 0, 1);
  assert_change (changes, 3, 0, 0, 1);

  /* d a b c */
  g_assert_cmpuint (cp_topic_set_get_n_topics (set), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 4);
  g_object_get (set, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 4);
  g_assert_true (cp_topic_set_get_topic (set, 0) == d);
  g_assert_true (cp_topic_set_get_topic (set, 1) == a);
  g_assert_true (cp_topic_set_get_topic (set, 2) == b);
  g_assert_true (cp_topic_set_get_topic (set, 3) == c);

  item = g_list_model_get_item (G_LIST_MODEL (set), 2);
  g_assert_true (item == b);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (set), 4));

  cp_topic_set_remove (set, 2);
  cp_topic_set_remove (set, 0);
  g_assert_cmpuint (changes->len, ==, 6);
  assert_change (changes, 4, 2, 1, 0);
  assert_change (changes, 5, 0, 1, 0);

  /* a c */
  g_assert_cmpuint (cp_topic_set_get_n_topics (set), ==, 2);
  g_assert_true (cp_topic_set_get_topic (set, 0) == a);
  g_assert_true (cp_topic_set_get_topic (set, 1) == c);

  g_signal_handlers_disconnect_by_func (set, items_changed_cb, changes);
  g_assert_finalize_object (g_steal_pointer (&set));
  g_clear_object (&item);
  g_assert_finalize_object (g_steal_pointer (&a));
  g_assert_finalize_object (g_steal_pointer (&b));
  g_assert_finalize_object (g_steal_pointer (&c));
  g_assert_finalize_object (g_steal_pointer (&d));
}

static void
test_set_lookup (void)
{
  g_autoptr(CpTopicSet) set = cp_topic_set_new ();
  g_autoptr(CpTopic) a = cp_topic_new ("sichuan-earthquake", NULL);
  g_autoptr(CpTopic) b = cp_topic_new ("twitter", NULL);
  g_autoptr(CpTopic) again = cp_topic_new ("twitter", "Another Twitter");
  guint position = 99;

  cp_topic_set_append (set, a);
  cp_topic_set_append (set, b);

  g_assert_true (cp_topic_set_lookup (set, "twitter", &position) == b);
  g_assert_cmpuint (position, ==, 1);
  g_assert_true (cp_topic_set_lookup (set, "sichuan-earthquake", &position) == a);
  g_assert_cmpuint (position, ==, 0);
  g_assert_true (cp_topic_set_lookup (set, "twitter", NULL) == b);

  position = 99;
  g_assert_null (cp_topic_set_lookup (set, "Twitter", &position));
  g_assert_cmpuint (position, ==, 99);
  g_assert_null (cp_topic_set_lookup (set, "", NULL));

  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_CRITICAL, "*cp_topic_set_lookup*== NULL*");
  cp_topic_set_append (set, again);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (cp_topic_set_get_n_topics (set), ==, 2);

  cp_topic_set_remove (set, 1);
  g_assert_null (cp_topic_set_lookup (set, "twitter", NULL));
  cp_topic_set_append (set, again);
  g_assert_true (cp_topic_set_lookup (set, "twitter", NULL) == again);

  g_assert_finalize_object (g_steal_pointer (&set));
  g_assert_finalize_object (g_steal_pointer (&a));
  g_assert_finalize_object (g_steal_pointer (&b));
  g_assert_finalize_object (g_steal_pointer (&again));
}

typedef struct
{
  GString *log;
  CpTopic *last_topic;
} TopicChanges;

static void
topic_changed_cb (CpTopicSet   *set,
                  CpTopic      *topic,
                  GParamSpec   *pspec,
                  TopicChanges *changes)
{
  g_string_append_printf (changes->log, "%s.%s;", cp_topic_get_id (topic), pspec->name);
  changes->last_topic = topic;
}

static void
test_set_topic_changed (void)
{
  g_autoptr(CpTopicSet) set = cp_topic_set_new ();
  g_autoptr(CpTopic) a = cp_topic_new ("a", "A");
  g_autoptr(CpTopic) b = cp_topic_new ("b", "B");
  g_autoptr(GString) terms_log = g_string_new (NULL);
  TopicChanges changes = { g_string_new (NULL), NULL };
  TopicChanges terms_changes = { terms_log, NULL };
  const char *terms[] = { "x", NULL };

  cp_topic_set_append (set, a);
  cp_topic_set_append (set, b);
  g_signal_connect (set, "topic-changed", G_CALLBACK (topic_changed_cb), &changes);
  g_signal_connect (set, "topic-changed::terms", G_CALLBACK (topic_changed_cb), &terms_changes);

  cp_topic_set_color (b, "#ff0000");
  g_assert_true (changes.last_topic == b);
  cp_topic_set_enabled (a, FALSE);
  g_assert_true (changes.last_topic == a);
  cp_topic_set_terms (a, terms);
  cp_topic_set_label (b, "Bee");
  cp_topic_set_label (b, "Bee");
  cp_topic_set_label_translation (a, "de", "Ah");
  g_assert_cmpstr (changes.log->str, ==,
                   "b.color;a.enabled;a.terms;b.label;b.display-label;a.display-label;");
  g_assert_cmpstr (terms_log->str, ==, "a.terms;");
  g_string_truncate (changes.log, 0);

  /* A removed topic is no longer followed. */
  cp_topic_set_remove (set, 0);
  cp_topic_set_color (a, "#00ff00");
  cp_topic_set_color (b, "#00ff00");
  g_assert_cmpstr (changes.log->str, ==, "b.color;");

  g_signal_handlers_disconnect_by_func (set, topic_changed_cb, &changes);
  g_signal_handlers_disconnect_by_func (set, topic_changed_cb, &terms_changes);
  g_string_free (changes.log, TRUE);
  g_assert_finalize_object (g_steal_pointer (&set));

  /* Nor is one whose set is gone. */
  cp_topic_set_color (b, "#0000ff");

  g_assert_finalize_object (g_steal_pointer (&a));
  g_assert_finalize_object (g_steal_pointer (&b));
}

/* Loading */

static void
test_load_good (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpTopicSet) set = load_fixture ("good.topics", &error);
  g_auto(GStrv) locales = NULL;
  CpTopic *topic;
  guint position = 99;

  g_assert_no_error (error);
  g_assert_nonnull (set);
  g_assert_cmpuint (cp_topic_set_get_n_topics (set), ==, 3);

  topic = cp_topic_set_get_topic (set, 0);
  g_assert_cmpstr (cp_topic_get_id (topic), ==, "sunflower-seeds");
  g_assert_cmpstr (cp_topic_get_label (topic), ==, "Sunflower Seeds");
  g_assert_cmpstr (cp_topic_get_label_translation (topic, "zh_CN"), ==, "葵花籽");
  g_assert_cmpstr (cp_topic_get_label_translation (topic, "de"), ==, "Sonnenblumenkerne");
  locales = cp_topic_dup_translated_locales (topic);
  g_assert_cmpstrv (locales, ((const char *[]) { "de", "zh_CN", NULL }));
  g_assert_cmpstr (cp_topic_get_color (topic), ==, "#e5a50a");
  g_assert_cmphex (cp_topic_get_rgb (topic), ==, 0xe5a50a);
  assert_terms (topic, "sunflower seed*|葵花籽|Ai Weiwei's seeds");
  g_assert_true (cp_topic_get_enabled (topic));

  topic = cp_topic_set_get_topic (set, 1);
  g_assert_cmpstr (cp_topic_get_id (topic), ==, "twitter");
  g_assert_cmpstr (cp_topic_get_label (topic), ==, "Twitter");
  g_clear_pointer (&locales, g_strfreev);
  locales = cp_topic_dup_translated_locales (topic);
  g_assert_cmpuint (g_strv_length (locales), ==, 0);
  g_assert_cmpstr (cp_topic_get_color (topic), ==, "#3584e4");
  assert_terms (topic, "twitter|tweet*|microblog;weibo");
  g_assert_false (cp_topic_get_enabled (topic));

  topic = cp_topic_set_get_topic (set, 2);
  g_assert_cmpstr (cp_topic_get_id (topic), ==, "plain_topic.2");
  g_assert_cmpstr (cp_topic_get_label (topic), ==, "plain_topic.2");
  g_assert_cmpstr (cp_topic_get_color (topic), ==, CP_TOPIC_DEFAULT_COLOR);
  assert_terms (topic, "one");
  g_assert_true (cp_topic_get_enabled (topic));

  g_assert_true (cp_topic_set_lookup (set, "plain_topic.2", &position) == topic);
  g_assert_cmpuint (position, ==, 2);

  g_assert_finalize_object (g_steal_pointer (&set));
}

static void
test_load_default (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CpTopicSet) set = NULL;
  const char *ids[] = { "sichuan-earthquake", "sunflower-seeds", "twitter" };

  /* The resource is linked into the core library and registers itself. */
  bytes = g_resources_lookup_data ("/io/github/counterpoint/Counterpoint/topics/default.topics",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert_nonnull (bytes);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);

  set = cp_topic_set_new_default ();
  g_assert_nonnull (set);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      CpTopic *topic = cp_topic_set_lookup (set, ids[i], NULL);
      const char * const *terms;

      g_test_message ("checking %s", ids[i]);
      g_assert_nonnull (topic);
      g_assert_cmpstr (cp_topic_get_label (topic), !=, "");
      g_assert_true (cp_color_parse (cp_topic_get_color (topic), NULL));
      terms = cp_topic_get_terms (topic);
      g_assert_nonnull (terms[0]);
      for (guint j = 0; terms[j] != NULL; j++)
        g_assert_cmpstr (terms[j], !=, "");
    }

  g_assert_finalize_object (g_steal_pointer (&set));
}

typedef struct
{
  const char *fixture;
  guint       line;
  const char *message;
} MalformedCase;

static const MalformedCase malformed_cases[] = {
  { "bad-color.topics", 7, "bad-color.topics, line 7: “Color=#12345” is not a color; use #rrggbb." },
  { "bad-enabled.topics", 4, "bad-enabled.topics, line 4: “Enabled=yes” is not a valid setting; use Enabled=true or Enabled=false." },
  { "bad-before-group.topics", 2, "bad-before-group.topics, line 2: “Label=Orphan” comes before the first [topic] header; move it into a topic." },
  { "bad-line.topics", 3, "bad-line.topics, line 3: “this line is neither a key nor a group” is not a [topic] header, a Key=value line or a # comment; fix or remove it." },
  { "bad-header.topics", 4, "bad-header.topics, line 4: “[other” is not a valid topic header; write it as [topic-id]." },
  { "bad-id.topics", 4, "bad-id.topics, line 4: “sunflower seeds” is not a valid topic id; use only letters, digits, “-”, “_” and “.”." },
  { "bad-duplicate-group.topics", 10, "bad-duplicate-group.topics, line 10: topic “first” is already defined on line 1; rename or merge one of them." },
  { "bad-duplicate-key.topics", 5, "bad-duplicate-key.topics, line 5: “Terms” is already set on line 3; keep only one of them." },
  { "bad-utf8.topics", 3, "bad-utf8.topics, line 3: the line is not valid UTF-8 text; save the file as UTF-8." },
  { "bad-escape.topics", 3, "bad-escape.topics, line 3: “Label[de]=Thema\\x” contains the unknown escape “\\x”; use \\s, \\n, \\t, \\r, \\\\ or, in Terms, \\;." },
  { "bad-key.topics", 3, "bad-key.topics, line 3: “Label[]” is not a valid key; use Label, Label[locale], Color, Terms or Enabled." },
};

static void
test_load_malformed (gconstpointer data)
{
  const MalformedCase *test = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpTopicSet) set = load_fixture (test->fixture, &error);

  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID_TOPICS);
  g_assert_null (set);
  g_assert_cmpstr (error->message, ==, test->message);
}

static void
test_load_malformed_inline (void)
{
  const struct {
    const char *data;
    gssize      length;
    const char *message;
  } cases[] = {
    { "[a]\nLabel=A\nTerms=x\0y\n", 22, "inline, line 3: the line is not valid UTF-8 text; save the file as UTF-8." },
    { "[a]\r\nLabel=A\r\nColor=red\r\n", -1, "inline, line 3: “Color=red” is not a color; use #rrggbb." },
    { "[a]\nLabel=A\\;B\n", -1, "inline, line 2: “Label=A\\;B” contains “\\;”, which only Terms understand; write a plain “;”." },
    { "[a]\nTerms=a;b\\\n", -1, "inline, line 2: “Terms=a;b\\” ends with a lone backslash; write a backslash as \\\\." },
    { "\n\n[]\n", -1, "inline, line 3: “” is not a valid topic id; use only letters, digits, “-”, “_” and “.”." },
    { "[a]\n[b]]\n", -1, "inline, line 2: “[b]]” is not a valid topic header; write it as [topic-id]." },
    { "[a]\n=value\n", -1, "inline, line 2: “” is not a valid key; use Label, Label[locale], Color, Terms or Enabled." },
    { "[a]\nEnabled=1\n", -1, "inline, line 2: “Enabled=1” is not a valid setting; use Enabled=true or Enabled=false." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CpTopicSet) set = cp_topic_set_new ();
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_false (cp_topic_set_load_from_data (set, cases[i].data, cases[i].length, "inline", &error));
      g_assert_error (error, CP_ERROR, CP_ERROR_INVALID_TOPICS);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpuint (cp_topic_set_get_n_topics (set), ==, 0);
    }
}

static void
test_load_lenient (void)
{
  g_autoptr(CpTopicSet) set = cp_topic_set_new ();
  g_autoptr(GError) error = NULL;
  const char *data =
    "\xef\xbb\xbf# A byte order mark and CRLF line ends are accepted.\r\n"
    "[a]\r\n"
    "  Label  =  Spaced out  \r\n"
    "Color= #ABCDEF \r\n"
    "Terms=\r\n"
    "Enabled = false  \r\n"
    "[b]  \n";
  CpTopic *topic;

  g_assert_true (cp_topic_set_load_from_data (set, data, -1, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cp_topic_set_get_n_topics (set), ==, 2);

  topic = cp_topic_set_get_topic (set, 0);
  g_assert_cmpstr (cp_topic_get_label (topic), ==, "Spaced out");
  g_assert_cmpstr (cp_topic_get_color (topic), ==, "#abcdef");
  assert_terms (topic, "");
  g_assert_false (cp_topic_get_enabled (topic));

  topic = cp_topic_set_get_topic (set, 1);
  g_assert_cmpstr (cp_topic_get_id (topic), ==, "b");
  g_assert_cmpstr (cp_topic_get_label (topic), ==, "b");

  /* Empty data is an empty set. */
  g_assert_true (cp_topic_set_load_from_data (set, "", 0, "empty", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cp_topic_set_get_n_topics (set), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&set));
}

static void
test_load_unknown_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpTopicSet) set = NULL;
  CpTopic *topic;

  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_WARNING,
                         "unknown-key.topics, line 4: unknown key “Weight” in topic “topic” ignored");
  set = load_fixture ("unknown-key.topics", &error);
  g_test_assert_expected_messages ();

  g_assert_no_error (error);
  g_assert_cmpuint (cp_topic_set_get_n_topics (set), ==, 1);
  topic = cp_topic_set_get_topic (set, 0);
  g_assert_cmpstr (cp_topic_get_label (topic), ==, "Topic");
  assert_terms (topic, "a");

  g_assert_finalize_object (g_steal_pointer (&set));
}

static void
test_load_replaces (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CpTopicSet) set = load_fixture ("good.topics", &error);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(CpTopic) old_first = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  TopicChanges topic_changes = { log, NULL };

  g_assert_no_error (error);
  old_first = g_object_ref (cp_topic_set_get_topic (set, 0));
  before = cp_topic_set_to_data (set, NULL);

  g_signal_connect (set, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_signal_connect (set, "topic-changed", G_CALLBACK (topic_changed_cb), &topic_changes);

  /* A failed load changes nothing and emits nothing. */
  g_assert_false (cp_topic_set_load_from_data (set, "[x]\nLabel=X\n[y]\nColor=blue\n", -1, "broken.topics", &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID_TOPICS);
  g_assert_cmpstr (error->message, ==, "broken.topics, line 4: “Color=blue” is not a color; use #rrggbb.");
  g_clear_error (&error);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpuint (cp_topic_set_get_n_topics (set), ==, 3);
  g_assert_true (cp_topic_set_get_topic (set, 0) == old_first);
  after = cp_topic_set_to_data (set, NULL);
  g_assert_cmpstr (before, ==, after);

  /* A good load replaces everything in one emission. */
  g_assert_true (cp_topic_set_load_from_data (set, "[x]\nLabel=X\n[y]\n", -1, "good", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 0, 3, 2);
  g_assert_cmpuint (cp_topic_set_get_n_topics (set), ==, 2);
  g_assert_cmpstr (cp_topic_get_id (cp_topic_set_get_topic (set, 0)), ==, "x");
  g_assert_null (cp_topic_set_lookup (set, "twitter", NULL));

  /* The old topics are no longer followed, the new ones are. */
  cp_topic_set_enabled (old_first, FALSE);
  cp_topic_set_enabled (cp_topic_set_get_topic (set, 1), FALSE);
  g_assert_cmpstr (log->str, ==, "y.enabled;");

  g_signal_handlers_disconnect_by_func (set, items_changed_cb, changes);
  g_signal_handlers_disconnect_by_func (set, topic_changed_cb, &topic_changes);
  g_assert_finalize_object (g_steal_pointer (&set));
  g_assert_finalize_object (g_steal_pointer (&old_first));
}

static void
test_load_missing_file (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("test-topics");
  const char *dir = tree->path;
  g_autofree char *path = g_build_filename (dir, "missing.topics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CpTopicSet) set = cp_topic_set_new_from_file (file, NULL, &error);

  g_assert_null (set);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "missing.topics: "));

  g_clear_pointer (&tree, cp_test_tree_free);
}

/* A topics file is read only when it is a regular file of a sane size: a
 * FIFO would wait for a writer forever, a device never end */
static void
test_load_guards (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("test-topics");
  g_autofree char *fifo = g_build_filename (tree->path, "pipe.topics", NULL);
  g_autofree char *big = g_build_filename (tree->path, "big.topics", NULL);
  g_autoptr(GFile) fifo_file = g_file_new_for_path (fifo);
  g_autoptr(GFile) big_file = g_file_new_for_path (big);
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr(GFile) dir = g_file_new_for_path (tree->path);
  g_autoptr(GError) error = NULL;
  CpTopicSet *set;
  FILE *out;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  set = cp_topic_set_new_from_file (fifo_file, NULL, &error);
  g_assert_null (set);
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "“pipe.topics”"));
  g_clear_error (&error);

  set = cp_topic_set_new_from_file (zero, NULL, &error);
  g_assert_null (set);
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "“zero”"));
  g_clear_error (&error);

  set = cp_topic_set_new_from_file (dir, NULL, &error);
  g_assert_null (set);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  /* One byte over the limit, sparse */
  out = fopen (big, "w");
  g_assert_nonnull (out);
  g_assert_cmpint (fseeko (out, CP_TOPIC_SET_MAX_FILE_SIZE, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('\n', out), ==, '\n');
  g_assert_cmpint (fclose (out), ==, 0);
  set = cp_topic_set_new_from_file (big_file, NULL, &error);
  g_assert_null (set);
  g_assert_error (error, CP_ERROR, CP_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "“big.topics”"));
  g_clear_error (&error);

  g_clear_pointer (&tree, cp_test_tree_free);
}

/* Saving */

static CpTopicSet *
build_tricky_set (void)
{
  CpTopicSet *set = cp_topic_set_new ();
  g_autoptr(CpTopic) a = cp_topic_new ("sunflower-seeds", "Sunflower Seeds; a #hashtag = yes");
  g_autoptr(CpTopic) b = cp_topic_new ("twitter", NULL);
  g_autoptr(CpTopic) c = cp_topic_new ("empty", "Nothing here");
  const char *terms_a[] = { "sunflower seed*", "葵花籽", "Ai Weiwei's seeds", "a;b", "back\\slash", "tab\there", NULL };
  const char *terms_b[] = { "twitter", "tweet*", NULL };

  cp_topic_set_label_translation (a, "zh_CN", "葵花籽");
  cp_topic_set_label_translation (a, "de", "Sonnenblumen\nkerne");
  cp_topic_set_label_translation (a, "sr@latin", "Semenke");
  cp_topic_set_color (a, "#E5A50A");
  cp_topic_set_terms (a, terms_a);

  cp_topic_set_terms (b, terms_b);
  cp_topic_set_enabled (b, FALSE);

  cp_topic_set_append (set, a);
  cp_topic_set_append (set, b);
  cp_topic_set_append (set, c);

  return set;
}

static void
test_save_round_trip (void)
{
  g_autoptr(CpTopicSet) set = build_tricky_set ();
  g_autoptr(CpTopicSet) good = load_fixture ("good.topics", NULL);
  g_autoptr(CpTopicSet) loaded = NULL;
  g_autoptr(CpTopicSet) reloaded = NULL;
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("test-topics");
  const char *dir = tree->path;
  g_autofree char *path = g_build_filename (dir, "saved.topics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *resaved = NULL;
  gsize length = 0;

  data = cp_topic_set_to_data (set, &length);
  g_assert_cmpuint (length, ==, strlen (data));
  g_assert_true (g_str_has_prefix (data, "# Counterpoint topics"));
  g_assert_nonnull (strstr (data,
                            "[sunflower-seeds]\n"
                            "Label=Sunflower Seeds; a #hashtag = yes\n"
                            "Label[de]=Sonnenblumen\\nkerne\n"
                            "Label[sr@latin]=Semenke\n"
                            "Label[zh_CN]=葵花籽\n"
                            "Color=#e5a50a\n"));
  g_assert_nonnull (strstr (data,
                            "[twitter]\n"
                            "Label=twitter\n"
                            "Color=#77767b\n"
                            "Terms=twitter;tweet*;\n"
                            "Enabled=false\n"));
  g_assert_null (strstr (data, "Enabled=true"));

  g_assert_true (cp_topic_set_save_to_file (set, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, data);

  loaded = cp_topic_set_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  assert_sets_equal (set, loaded);

  g_assert_true (cp_topic_set_save_to_file (loaded, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &resaved, NULL, NULL));
  g_assert_cmpstr (resaved, ==, saved);

  /* The fixture survives a round trip too. */
  g_assert_nonnull (good);
  g_assert_true (cp_topic_set_save_to_file (good, file, NULL, &error));
  g_assert_no_error (error);
  reloaded = cp_topic_set_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  assert_sets_equal (good, reloaded);

  g_clear_pointer (&tree, cp_test_tree_free);
  g_assert_finalize_object (g_steal_pointer (&set));
  g_assert_finalize_object (g_steal_pointer (&good));
  g_assert_finalize_object (g_steal_pointer (&loaded));
  g_assert_finalize_object (g_steal_pointer (&reloaded));
}

static void
test_save_replaces (void)
{
  g_autoptr(CpTopicSet) set = build_tricky_set ();
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("test-topics");
  const char *dir = tree->path;
  g_autofree char *path = g_build_filename (dir, "existing.topics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = cp_topic_set_to_data (set, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) old = NULL;
  GStatBuf before, after;

  /* Longer than the new contents, so that an in-place write would leave
   * a tail behind. */
  old = g_string_new ("[old]\nLabel=Old\n");
  for (guint i = 0; i < 100; i++)
    g_string_append (old, "# padding padding padding padding padding padding\n");
  g_assert_true (g_file_set_contents (path, old->str, old->len, NULL));
  g_assert_cmpint (g_stat (path, &before), ==, 0);
  g_assert_cmpint (before.st_size, >, strlen (expected));

  g_assert_true (cp_topic_set_save_to_file (set, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);

  /* Replaced by rename: a new inode, and no temporary file left over. */
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, !=, after.st_ino);
  g_assert_cmpuint (count_dir_entries (dir), ==, 1);

  g_clear_pointer (&tree, cp_test_tree_free);
  g_assert_finalize_object (g_steal_pointer (&set));
}

static void
test_save_fails (void)
{
  g_autoptr(CpTopicSet) set = build_tricky_set ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("test-topics");
  const char *dir = tree->path;
  g_autofree char *path = g_build_filename (dir, "old.topics", NULL);
  g_autofree char *below_file = g_build_filename (path, "new.topics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) impossible = g_file_new_for_path (below_file);
  g_autofree char *folder_path = g_build_filename (dir, "folder.topics", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *old = "[old]\nLabel=Old\n";

  g_assert_true (g_file_set_contents (path, old, -1, NULL));

  /* A file where a directory should be. */
  g_assert_false (cp_topic_set_save_to_file (set, impossible, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_cmpstr (error->message, ==, "new.topics: A file is where the folder it goes in should be.");
  g_clear_error (&error);

  /* A folder where the file should be: said in words, not GLib's message
   * naming the temporary file and g_rename() */
  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  g_assert_false (cp_topic_set_save_to_file (set, folder, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_cmpstr (error->message, ==, "folder.topics: A folder of that name is in the way.");
  g_assert_cmpint (g_rmdir (folder_path), ==, 0);
  g_clear_error (&error);

  /* Cancelled before writing. */
  g_cancellable_cancel (cancellable);
  g_assert_false (cp_topic_set_save_to_file (set, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, old);
  g_clear_pointer (&contents, g_free);

  /* A read-only directory: the old file must survive untouched. */
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  if (g_access (dir, W_OK) == 0)
    {
      g_test_message ("Running with permission to write anywhere (root?); "
                      "skipping the read-only directory check");
    }
  else
    {
      g_assert_false (cp_topic_set_save_to_file (set, file, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_true (g_str_has_prefix (error->message, "old.topics: "));
      g_clear_error (&error);

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, old);
    }
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  g_assert_cmpuint (count_dir_entries (dir), ==, 1);

  g_clear_pointer (&tree, cp_test_tree_free);
  g_assert_finalize_object (g_steal_pointer (&set));
}

/* A file the user wrote by hand: comments, blank lines, keys Counterpoint
 * does not know, spacing of its own */
static const char hand_written[] =
  "# My topics for the Ai Weiwei reviews\n"
  "# (kept in my notes folder)\n"
  "\n"
  "[earthquake]\n"
  "# the school buildings\n"
  "Label=Sichuan Earthquake\n"
  "Description=What the reviews say about the 2008 earthquake\n"
  "Terms=earthquake; Sichuan ;tofu-dreg*\n"
  "Terms[de]=Erdbeben\n"
  "\n"
  "# Seeds: the Tate installation\n"
  "[seeds]\n"
  "Label=Sunflower Seeds\n"
  "Label[de]=Sonnenblumenkerne\n"
  "Color=#e5a50a\n"
  "Terms=sunflower seed*\n"
  "\n"
  "[twitter]\n"
  "Terms=twitter;tweet*\n"
  "Enabled=true\n";

static CpTopicSet *
load_hand_written (void)
{
  g_autoptr(CpTopicSet) set = cp_topic_set_new ();
  g_autoptr(GError) error = NULL;

  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_WARNING,
                         "hand.topics, line 7: unknown key “Description” in topic “earthquake” ignored");
  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_WARNING,
                         "hand.topics, line 9: unknown key “Terms[de]” in topic “earthquake” ignored");
  g_assert_true (cp_topic_set_load_from_data (set, hand_written, -1, "hand.topics", &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);

  return g_steal_pointer (&set);
}

static void
test_save_keeps_file (void)
{
  g_autoptr(CpTopicSet) set = load_hand_written ();
  g_autoptr(CpTopicSet) reloaded = cp_topic_set_new ();
  g_autoptr(CpTopic) moved = NULL;
  g_autofree char *unchanged = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *names_group = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *reordered = NULL;
  g_autoptr(GError) error = NULL;
  const char *terms[] = { "twitter", "tweet*", "weibo", NULL };

  /* Nothing changed: the file comes back byte for byte */
  unchanged = cp_topic_set_to_data (set, NULL);
  g_assert_cmpstr (unchanged, ==, hand_written);

  /* Edits touch only their own lines; a removed topic's group goes, a
   * new one is added at the end */
  cp_topic_set_terms (cp_topic_set_get_topic (set, 2), terms);
  cp_topic_set_enabled (cp_topic_set_get_topic (set, 2), FALSE);
  cp_topic_set_label_translation (cp_topic_set_get_topic (set, 1), "de", NULL);
  cp_topic_set_label (cp_topic_set_get_topic (set, 0), "The Earthquake");
  cp_topic_set_add_new (set, "Names", (const char *[]) { "names", NULL });
  edited = cp_topic_set_to_data (set, NULL);
  names_group = g_strdup_printf ("[names]\n"
                                 "Label=Names\n"
                                 "Color=%s\n"
                                 "Terms=names;\n",
                                 cp_topic_get_color (cp_topic_set_get_topic (set, 3)));
  g_assert_true (g_str_has_suffix (edited, names_group));
  edited[strlen (edited) - strlen (names_group)] = '\0';
  g_assert_cmpstr (edited, ==,
                   "# My topics for the Ai Weiwei reviews\n"
                   "# (kept in my notes folder)\n"
                   "\n"
                   "[earthquake]\n"
                   "# the school buildings\n"
                   "Label=The Earthquake\n"
                   "Description=What the reviews say about the 2008 earthquake\n"
                   "Terms=earthquake; Sichuan ;tofu-dreg*\n"
                   "Terms[de]=Erdbeben\n"
                   "\n"
                   "# Seeds: the Tate installation\n"
                   "[seeds]\n"
                   "Label=Sunflower Seeds\n"
                   "Color=#e5a50a\n"
                   "Terms=sunflower seed*\n"
                   "\n"
                   "[twitter]\n"
                   "Terms=twitter;tweet*;weibo;\n"
                   "Enabled=false\n"
                   "\n");

  /* Moving a topic moves its group, with its comment; removing one
   * removes its group */
  moved = g_object_ref (cp_topic_set_get_topic (set, 0));
  cp_topic_set_remove (set, 0);
  cp_topic_set_append (set, moved);
  cp_topic_set_remove (set, 0);
  reordered = cp_topic_set_to_data (set, NULL);
  expected = g_strdup_printf (
                   "# My topics for the Ai Weiwei reviews\n"
                   "# (kept in my notes folder)\n"
                   "\n"
                   "[twitter]\n"
                   "Terms=twitter;tweet*;weibo;\n"
                   "Enabled=false\n"
                   "\n"
                   "%s"
                   "\n"
                   "[earthquake]\n"
                   "# the school buildings\n"
                   "Label=The Earthquake\n"
                   "Description=What the reviews say about the 2008 earthquake\n"
                   "Terms=earthquake; Sichuan ;tofu-dreg*\n"
                   "Terms[de]=Erdbeben\n", names_group);
  g_assert_cmpstr (reordered, ==, expected);

  /* And it still reads back as the same topics */
  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_WARNING, "*unknown key “Description”*");
  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_WARNING, "*unknown key “Terms[de]”*");
  g_assert_true (cp_topic_set_load_from_data (reloaded, reordered, -1, "hand.topics", &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  assert_sets_equal (set, reloaded);

  g_clear_object (&moved);
  g_assert_finalize_object (g_steal_pointer (&set));
  g_assert_finalize_object (g_steal_pointer (&reloaded));
}

static void
test_save_keeps_permissions (void)
{
  g_autoptr(CpTopicSet) set = load_hand_written ();
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("test-topics");
  g_autofree char *path = g_build_filename (tree->path, "private.topics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  const int modes[] = { 0600, 0664, 0640 };
  mode_t old_umask = umask (022);

  g_assert_true (g_file_set_contents (path, hand_written, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      GStatBuf info;

      g_assert_cmpint (g_chmod (path, modes[i]), ==, 0);
      cp_topic_set_enabled (cp_topic_set_get_topic (set, 0), i % 2 == 0);
      g_assert_true (cp_topic_set_save_to_file (set, file, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &info), ==, 0);
      g_assert_cmpint (info.st_mode & 07777, ==, modes[i]);
    }
  umask (old_umask);
  g_assert_cmpuint (count_dir_entries (tree->path), ==, 1);

  g_clear_pointer (&tree, cp_test_tree_free);
  g_assert_finalize_object (g_steal_pointer (&set));
}

/* Saves @set to @file and checks that @written (the file, or the one its
 * link leads to) now holds what cp_topic_set_to_data() gives */
static void
assert_saves_to (CpTopicSet *set,
                 GFile      *file,
                 const char *written)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = cp_topic_set_to_data (set, NULL);
  g_autofree char *contents = NULL;

  g_assert_true (cp_topic_set_save_to_file (set, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (written, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_save_through_link (void)
{
  g_autoptr(CpTopicSet) set = load_hand_written ();
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("test-topics");
  g_autofree char *notes = g_build_filename (tree->path, "notes", NULL);
  g_autofree char *target = g_build_filename (notes, "weiwei.topics", NULL);
  g_autofree char *link = g_build_filename (tree->path, "topics.topics", NULL);
  g_autofree char *loop = g_build_filename (tree->path, "loop.topics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(GFile) loop_file = g_file_new_for_path (loop);
  g_autoptr(GError) error = NULL;
  g_autofree char *link_target = NULL;

  g_assert_cmpint (g_mkdir (notes, 0700), ==, 0);
  g_assert_cmpint (symlink ("notes/weiwei.topics", link), ==, 0);

  /* A link to a file not there yet: the file is made, the link stays */
  cp_topic_set_label (cp_topic_set_get_topic (set, 2), "Twitter");
  assert_saves_to (set, file, target);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));

  /* A link to a file there: written through, the link still a link */
  cp_topic_set_color (cp_topic_set_get_topic (set, 2), "#1c71d8");
  assert_saves_to (set, file, target);
  link_target = g_file_read_link (link, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (link_target, ==, "notes/weiwei.topics");
  g_assert_cmpuint (count_dir_entries (notes), ==, 1);

  /* A link round in a circle: an error that names the file, nothing made */
  g_assert_cmpint (symlink ("loop.topics", loop), ==, 0);
  g_assert_false (cp_topic_set_save_to_file (set, loop_file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS);
  g_assert_true (g_str_has_prefix (error->message, "loop.topics: "));
  g_assert_true (g_file_test (loop, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpuint (count_dir_entries (tree->path), ==, 3);

  g_clear_pointer (&tree, cp_test_tree_free);
  g_assert_finalize_object (g_steal_pointer (&set));
}

/* Files as editors leave them: no line end at the end, lines indented */
static void
test_save_edits_odd_files (void)
{
  g_autoptr(CpTopicSet) set = cp_topic_set_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *unended = NULL;
  g_autofree char *indented = NULL;
  g_autofree char *added = NULL;

  g_assert_true (cp_topic_set_load_from_data (set, "[a]\nTerms=x;y", -1, "odd.topics", &error));
  g_assert_no_error (error);
  cp_topic_set_terms (cp_topic_set_get_topic (set, 0), (const char *[]) { "z", NULL });
  unended = cp_topic_set_to_data (set, NULL);
  g_assert_cmpstr (unended, ==, "[a]\nTerms=z;");

  cp_topic_set_enabled (cp_topic_set_get_topic (set, 0), FALSE);
  added = cp_topic_set_to_data (set, NULL);
  g_assert_cmpstr (added, ==, "[a]\nTerms=z;\nEnabled=false\n");

  g_assert_true (cp_topic_set_load_from_data (set,
                                              "  # indented\n"
                                              "  [b]\n"
                                              "    Label = Bee\n"
                                              "    Terms = bee\n",
                                              -1, "odd.topics", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cp_topic_get_label (cp_topic_set_get_topic (set, 0)), ==, "Bee");
  cp_topic_set_label (cp_topic_set_get_topic (set, 0), "Bees");
  indented = cp_topic_set_to_data (set, NULL);
  g_assert_cmpstr (indented, ==,
                   "  # indented\n"
                   "  [b]\n"
                   "Label=Bees\n"
                   "    Terms = bee\n");

  g_assert_finalize_object (g_steal_pointer (&set));
}

/* GKeyFile reads a line from its first character that is not ASCII white
 * space, a carriage return included: the save must find the same groups
 * (found by fuzzing: the group was written a second time, and the saved
 * file no longer loaded) */
static void
test_save_edits_space_led_lines (void)
{
  g_autoptr(CpTopicSet) set = cp_topic_set_new ();
  g_autoptr(CpTopicSet) reloaded = cp_topic_set_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;

  g_assert_true (cp_topic_set_load_from_data (set, "[a]\nTerms=x\n\r[b]\n\rLabel\r=Bee\n", -1, "odd.topics", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cp_topic_set_get_n_topics (set), ==, 2);
  g_assert_cmpstr (cp_topic_get_label (cp_topic_set_get_topic (set, 1)), ==, "Bee");

  cp_topic_set_label (cp_topic_set_get_topic (set, 1), "Bees");
  saved = cp_topic_set_to_data (set, NULL);
  g_assert_cmpstr (saved, ==, "[a]\nTerms=x\n\r[b]\nLabel=Bees\n");

  g_assert_true (cp_topic_set_load_from_data (reloaded, saved, -1, "saved.topics", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cp_topic_set_get_n_topics (reloaded), ==, 2);
  g_assert_cmpstr (cp_topic_get_label (cp_topic_set_get_topic (reloaded, 1)), ==, "Bees");
}

static void
test_set_unique_id (void)
{
  g_autoptr(CpTopicSet) set = cp_topic_set_new ();
  g_autoptr(CpTopic) seeds = cp_topic_new ("sunflower-seeds", "Sunflower seeds");
  g_autoptr(CpTopic) seeds2 = cp_topic_new ("sunflower-seeds-2", "Sunflower seeds");
  g_autoptr(CpTopic) topic = cp_topic_new ("topic", "葵花籽");
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  g_autofree char *id3 = NULL;
  g_autofree char *id4 = NULL;
  g_autofree char *id5 = NULL;

  id1 = cp_topic_set_dup_unique_id (set, "Sunflower seeds");
  g_assert_cmpstr (id1, ==, "sunflower-seeds");

  cp_topic_set_append (set, seeds);
  id2 = cp_topic_set_dup_unique_id (set, "  Sunflower   Seeds! ");
  g_assert_cmpstr (id2, ==, "sunflower-seeds-2");

  cp_topic_set_append (set, seeds2);
  id3 = cp_topic_set_dup_unique_id (set, "sunflower seeds");
  g_assert_cmpstr (id3, ==, "sunflower-seeds-3");

  /* Apostrophes vanish rather than split a word; accents go. */
  id4 = cp_topic_set_dup_unique_id (set, "Bird’s Nest café");
  g_assert_cmpstr (id4, ==, "birds-nest-cafe");
  g_assert_true (cp_topic_id_is_valid (id4));

  cp_topic_set_append (set, topic);
  id5 = cp_topic_set_dup_unique_id (set, "葵花籽");
  g_assert_cmpstr (id5, ==, "topic-2");
}

static void
test_set_pick_color (void)
{
  g_autoptr(CpTopicSet) set = cp_topic_set_new ();
  g_autoptr(CpTopicSet) defaults = cp_topic_set_new_default ();

  /* An empty set starts at the palette's first color. */
  g_assert_cmpstr (cp_topic_set_pick_color (set), ==, cp_palette_get_color (0));

  for (guint i = 0; i < CP_PALETTE_N_COLORS + 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autoptr(CpTopic) topic = cp_topic_new (id, id);
      const char *expected = cp_palette_get_color (i % CP_PALETTE_N_COLORS);

      g_assert_cmpstr (cp_topic_set_pick_color (set), ==, expected);
      /* Colors compare without regard to case. */
      cp_topic_set_color (topic, i == 1 ? "#999933" : expected);
      cp_topic_set_append (set, topic);
    }

  /* Blue and Olive are used twice (t0, t12 and t1, t13): Reddish Purple
   * is the first color used once only. */
  g_assert_cmpstr (cp_topic_set_pick_color (set), ==, "#cc79a7");

  /* The default set uses the first eight colors: a new topic gets the
   * ninth. */
  g_assert_cmpuint (cp_topic_set_get_n_topics (defaults), ==, 8);
  g_assert_cmpstr (cp_topic_set_pick_color (defaults), ==, cp_palette_get_color (8));
  g_assert_cmpstr (cp_palette_get_name (3), ==, "Green");
}

static void
test_set_add_new (void)
{
  g_autoptr(CpTopicSet) set = cp_topic_set_new ();
  static const char * const terms[] = {
    "Bird's Nest", "bird’s nest", "Birds Nest", "BIRD'S  NEST", "birds-nest", NULL
  };
  static const char * const expected[] = { "Bird's Nest", "Birds Nest", "birds-nest", NULL };
  CpTopic *topic;
  CpTopic *second;

  topic = cp_topic_set_add_new (set, "Bird's Nest", terms);
  g_assert_nonnull (topic);
  g_assert_cmpuint (cp_topic_set_get_n_topics (set), ==, 1);
  g_assert_true (cp_topic_set_get_topic (set, 0) == topic);
  g_assert_cmpstr (cp_topic_get_id (topic), ==, "birds-nest");
  g_assert_cmpstr (cp_topic_get_label (topic), ==, "Bird's Nest");
  g_assert_cmpstr (cp_topic_get_color (topic), ==, cp_palette_get_color (0));
  g_assert_true (cp_topic_get_enabled (topic));
  g_assert_true (g_strv_equal (cp_topic_get_terms (topic), expected));

  second = cp_topic_set_add_new (set, "Bird's Nest", (const char *[]) { "stadium", NULL });
  g_assert_cmpstr (cp_topic_get_id (second), ==, "birds-nest-2");
  g_assert_cmpstr (cp_topic_get_color (second), ==, cp_palette_get_color (1));
}

static void
test_topic_add_term (void)
{
  g_autoptr(CpTopic) topic = cp_topic_new ("twitter", "Twitter");
  static const char * const expected[] = { "Twitter", "tweet*", NULL };
  g_autofree char *key = NULL;

  g_assert_true (cp_topic_add_term (topic, "Twitter"));
  g_assert_false (cp_topic_add_term (topic, "twitter"));
  g_assert_false (cp_topic_add_term (topic, "  \n "));
  g_assert_true (cp_topic_add_term (topic, "tweet*"));
  g_assert_false (cp_topic_add_term (topic, "TWEET*"));
  g_assert_true (g_strv_equal (cp_topic_get_terms (topic), expected));

  key = cp_term_dup_key ("  Ai\u00a0Weiwei’s\n\tSTUDIO ");
  g_assert_cmpstr (key, ==, "ai weiwei's studio");
}

static void
test_term_from_text (void)
{
  static const struct
  {
    const char *text;
    const char *term;
  } cases[] = {
    { "Tate Modern,", "Tate Modern" },
    { "  “sunflower\n   seeds”. ", "sunflower seeds" },
    { "(Bird's Nest)", "Bird's Nest" },
    { "tweet*", "tweet" },
    { "四川地震。", "四川地震" },
    { "Ai Weiwei", "Ai Weiwei" },
    { " , ; ", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *term = cp_term_from_text (cases[i].text);

      g_assert_cmpstr (term, ==, cases[i].term);
    }

  /* Not UTF-8: no term rather than a broken one. */
  g_assert_null (cp_term_from_text ("caf\xe9"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/topics/topic/defaults", test_topic_defaults);
  g_test_add_func ("/core/topics/topic/notify", test_topic_notify);
  g_test_add_func ("/core/topics/topic/invalid", test_topic_invalid);
  g_test_add_func ("/core/topics/topic/translations", test_topic_translations);
  g_test_add_func ("/core/topics/color/parse", test_color_parse);
  g_test_add_func ("/core/topics/set/list-model", test_set_list_model);
  g_test_add_func ("/core/topics/set/lookup", test_set_lookup);
  g_test_add_func ("/core/topics/set/topic-changed", test_set_topic_changed);
  g_test_add_func ("/core/topics/set/unique-id", test_set_unique_id);
  g_test_add_func ("/core/topics/set/pick-color", test_set_pick_color);
  g_test_add_func ("/core/topics/set/add-new", test_set_add_new);
  g_test_add_func ("/core/topics/topic/add-term", test_topic_add_term);
  g_test_add_func ("/core/topics/term-from-text", test_term_from_text);
  g_test_add_func ("/core/topics/load/good", test_load_good);
  g_test_add_func ("/core/topics/load/default", test_load_default);
  for (guint i = 0; i < G_N_ELEMENTS (malformed_cases); i++)
    {
      g_autofree char *name = g_strndup (malformed_cases[i].fixture,
                                         strlen (malformed_cases[i].fixture) - strlen (".topics"));
      g_autofree char *test_path = g_strdup_printf ("/core/topics/load/malformed/%s", name);

      g_test_add_data_func (test_path, &malformed_cases[i], test_load_malformed);
    }
  g_test_add_func ("/core/topics/load/malformed-inline", test_load_malformed_inline);
  g_test_add_func ("/core/topics/load/lenient", test_load_lenient);
  g_test_add_func ("/core/topics/load/unknown-key", test_load_unknown_key);
  g_test_add_func ("/core/topics/load/replaces", test_load_replaces);
  g_test_add_func ("/core/topics/load/missing-file", test_load_missing_file);
  g_test_add_func ("/core/topics/load/guards", test_load_guards);
  g_test_add_func ("/core/topics/save/round-trip", test_save_round_trip);
  g_test_add_func ("/core/topics/save/replaces", test_save_replaces);
  g_test_add_func ("/core/topics/save/fails", test_save_fails);
  g_test_add_func ("/core/topics/save/keeps-file", test_save_keeps_file);
  g_test_add_func ("/core/topics/save/keeps-permissions", test_save_keeps_permissions);
  g_test_add_func ("/core/topics/save/through-link", test_save_through_link);
  g_test_add_func ("/core/topics/save/edits-odd-files", test_save_edits_odd_files);
  g_test_add_func ("/core/topics/save/edits-space-led-lines", test_save_edits_space_led_lines);

  return g_test_run ();
}
