/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "cp-error.h"
#include "cp-topic-store.h"
#include "cp-test-utils.h"

typedef struct
{
  CpTestTree *tree;
  GFile      *file;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->tree = cp_test_tree_new ("cp-topic-store");
  /* A folder that does not exist yet: the store creates it */
  fixture->file = g_file_new_build_filename (fixture->tree->path, "counterpoint", "topics.topics", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->tree, cp_test_tree_free);
  g_object_unref (fixture->file);
}

static char *
file_contents (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static void
write_file (GFile      *file,
            const char *contents)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  g_file_make_directory_with_parents (parent, NULL, NULL);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static gboolean
file_exists (gpointer user_data)
{
  return g_file_query_exists (user_data, NULL);
}

/* Runs the main loop until @file exists; fails the test if it does not
 * in time */
static gboolean
wait_for_file (GFile *file)
{
  cp_test_wait_until (file_exists, file, "the topics file to be written");

  return file_exists (file);
}

static void
test_defaults_and_round_trip (Fixture       *fixture,
                              gconstpointer  user_data)
{
  static const char * const terms[] = { "Turbine Hall", "Tate", NULL };
  g_autoptr(CpTopicStore) store = cp_topic_store_new (fixture->file);
  g_autoptr(CpTopicStore) again = NULL;
  g_autoptr(CpTopicSet) defaults = cp_topic_set_new_default ();
  g_autoptr(CpTopic) topic = cp_topic_new ("tate-modern", "Tate Modern");
  g_autoptr(GError) error = NULL;
  CpTopicSet *topics = cp_topic_store_get_topics (store);
  CpTopicSet *reloaded;
  CpTopic *found;

  /* No file yet: the defaults, and nothing written until something changes */
  g_assert_true (cp_topic_store_load (store, &error));
  g_assert_no_error (error);
  g_assert_null (cp_topic_store_get_backup (store));
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), ==, cp_topic_set_get_n_topics (defaults));
  g_assert_cmpuint (cp_topic_set_get_n_topics (topics), >, 0);
  g_assert_false (g_file_query_exists (fixture->file, NULL));

  /* A change is saved on its own */
  cp_topic_set_terms (topic, terms);
  cp_topic_set_color (topic, "#cc79a7");
  cp_topic_set_append (topics, topic);
  g_assert_true (wait_for_file (fixture->file));

  /* and a later one after a flush */
  cp_topic_set_label (cp_topic_set_get_topic (topics, 0), "Seeds");
  g_assert_true (cp_topic_store_flush (store, &error));
  g_assert_no_error (error);

  again = cp_topic_store_new (fixture->file);
  g_assert_true (cp_topic_store_load (again, &error));
  g_assert_no_error (error);
  reloaded = cp_topic_store_get_topics (again);
  g_assert_cmpuint (cp_topic_set_get_n_topics (reloaded), ==, cp_topic_set_get_n_topics (defaults) + 1);
  g_assert_cmpstr (cp_topic_get_label (cp_topic_set_get_topic (reloaded, 0)), ==, "Seeds");
  found = cp_topic_set_lookup (reloaded, "tate-modern", NULL);
  g_assert_nonnull (found);
  g_assert_cmpstr (cp_topic_get_label (found), ==, "Tate Modern");
  g_assert_cmpstr (cp_topic_get_color (found), ==, "#cc79a7");
  g_assert_cmpstrv (cp_topic_get_terms (found), terms);

  /* Nothing pending: flushing writes nothing and succeeds */
  g_assert_true (cp_topic_store_flush (again, &error));
  g_assert_no_error (error);
}

static void
test_unreadable_file_is_kept (Fixture       *fixture,
                              gconstpointer  user_data)
{
  static const char garbage[] = "[Topic seeds\nLabel=Seeds\nTerms=\n";
  static const char garbage2[] = "\x01\x02 not a topics file \xff\xfe";
  g_autoptr(CpTopicStore) store = cp_topic_store_new (fixture->file);
  g_autoptr(CpTopicStore) second = NULL;
  g_autoptr(CpTopicSet) defaults = cp_topic_set_new_default ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (fixture->file);
  g_autofree char *bak_path = g_strconcat (path, ".bak", NULL);
  g_autofree char *bak2_path = g_strconcat (path, ".bak.2", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *kept2 = NULL;
  g_autofree char *saved = NULL;
  GFile *backup;

  write_file (fixture->file, garbage);

  g_assert_false (cp_topic_store_load (store, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID_TOPICS);
  /* The message names the file and where it went */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, bak_path));
  g_clear_error (&error);

  backup = cp_topic_store_get_backup (store);
  g_assert_nonnull (backup);
  kept = file_contents (backup);
  g_assert_cmpstr (kept, ==, garbage);

  /* The defaults, usable and saved as usual, never over the backup */
  g_assert_cmpuint (cp_topic_set_get_n_topics (cp_topic_store_get_topics (store)), ==,
                    cp_topic_set_get_n_topics (defaults));
  cp_topic_set_label (cp_topic_set_get_topic (cp_topic_store_get_topics (store), 0), "Mine");
  g_assert_true (cp_topic_store_flush (store, &error));
  g_assert_no_error (error);
  saved = file_contents (fixture->file);
  g_assert_nonnull (strstr (saved, "Label=Mine"));
  g_clear_pointer (&kept, g_free);
  kept = file_contents (backup);
  g_assert_cmpstr (kept, ==, garbage);

  /* A second bad file does not replace the first backup */
  write_file (fixture->file, garbage2);
  second = cp_topic_store_new (fixture->file);
  g_assert_false (cp_topic_store_load (second, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID_TOPICS);
  g_assert_cmpstr (g_file_peek_path (cp_topic_store_get_backup (second)), ==, bak2_path);
  g_clear_pointer (&kept, g_free);
  kept = file_contents (backup);
  g_assert_cmpstr (kept, ==, garbage);
  kept2 = file_contents (cp_topic_store_get_backup (second));
  g_assert_cmpmem (kept2, strlen (kept2), garbage2, strlen (garbage2));
}

static void
test_folder_in_the_way (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(CpTopicStore) store = cp_topic_store_new (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (fixture->file);

  /* A folder where the file should be cannot be read either */
  g_mkdir_with_parents (path, 0700);
  g_assert_false (cp_topic_store_load (store, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID_TOPICS);
  g_assert_nonnull (cp_topic_store_get_backup (store));
  g_assert_true (g_file_test (g_file_peek_path (cp_topic_store_get_backup (store)), G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (cp_topic_set_get_n_topics (cp_topic_store_get_topics (store)), >, 0);
}

static void
save_failed_cb (CpTopicStore *store,
                const GError *error,
                gpointer      user_data)
{
  guint *n_failed = user_data;

  (*n_failed)++;
}

static gboolean
uint_is_positive (gpointer user_data)
{
  return *(guint *) user_data > 0;
}

/* A change whose save failed is not forgotten: once the way is clear,
 * flushing at quit writes it */
static void
test_failed_save_is_retried (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(CpTopicStore) store = cp_topic_store_new (fixture->file);
  g_autoptr(GFile) folder = g_file_get_parent (fixture->file);
  g_autofree char *folder_path = g_file_get_path (folder);
  g_autoptr(CpTopicSet) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  CpTopicSet *topics;
  guint n_failed = 0;

  g_assert_true (cp_topic_store_load (store, &error));
  g_assert_no_error (error);
  g_signal_connect (store, "save-failed", G_CALLBACK (save_failed_cb), &n_failed);

  /* A file where the folder should be: the automatic save fails */
  g_assert_true (g_file_set_contents (folder_path, "in the way", -1, NULL));
  topics = cp_topic_store_get_topics (store);
  cp_topic_set_remove (topics, 0);
  cp_test_wait_until (uint_is_positive, &n_failed, "the save to fail");

  /* Flushing while it is still in the way fails, and says so */
  g_assert_false (cp_topic_store_flush (store, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Out of the way: the flush at quit writes the change */
  g_assert_cmpint (g_unlink (folder_path), ==, 0);
  g_assert_true (cp_topic_store_flush (store, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_query_exists (fixture->file, NULL));
  reloaded = cp_topic_set_new_from_file (fixture->file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cp_topic_set_get_n_topics (reloaded), ==, cp_topic_set_get_n_topics (topics));

  /* Nothing left to save */
  g_assert_true (cp_topic_store_flush (store, &error));
  g_assert_no_error (error);
}

/* The user's own file, comments and all, edited by hand before: a change
 * in the window touches only its line */
static void
test_save_keeps_users_file (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(CpTopicStore) store = cp_topic_store_new (fixture->file);
  g_autoptr(GFile) folder = g_file_get_parent (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (fixture->file);
  g_autofree char *saved = NULL;
  const char *written =
    "# Kept for the Never Sorry reviews\n"
    "\n"
    "[seeds]\n"
    "Label=Sunflower Seeds\n"
    "Terms=sunflower seed*;porcelain\n"
    "\n"
    "# later\n"
    "[names]\n"
    "Terms=names; students\n";

  g_assert_true (g_file_make_directory_with_parents (folder, NULL, NULL));
  g_assert_true (g_file_set_contents (path, written, -1, NULL));
  g_assert_true (cp_topic_store_load (store, &error));
  g_assert_no_error (error);

  cp_topic_set_label (cp_topic_set_get_topic (cp_topic_store_get_topics (store), 1), "Names");
  g_assert_true (cp_topic_store_flush (store, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==,
                   "# Kept for the Never Sorry reviews\n"
                   "\n"
                   "[seeds]\n"
                   "Label=Sunflower Seeds\n"
                   "Terms=sunflower seed*;porcelain\n"
                   "\n"
                   "# later\n"
                   "[names]\n"
                   "Terms=names; students\n"
                   "Label=Names\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/topic-store/defaults-and-round-trip", Fixture, NULL,
              fixture_set_up, test_defaults_and_round_trip, fixture_tear_down);
  g_test_add ("/core/topic-store/unreadable-file-is-kept", Fixture, NULL,
              fixture_set_up, test_unreadable_file_is_kept, fixture_tear_down);
  g_test_add ("/core/topic-store/keeps-users-file", Fixture, NULL,
              fixture_set_up, test_save_keeps_users_file, fixture_tear_down);
  g_test_add ("/core/topic-store/failed-save-is-retried", Fixture, NULL,
              fixture_set_up, test_failed_save_is_retried, fixture_tear_down);
  g_test_add ("/core/topic-store/folder-in-the-way", Fixture, NULL,
              fixture_set_up, test_folder_in_the_way, fixture_tear_down);

  return g_test_run ();
}
