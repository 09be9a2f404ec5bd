/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Helpers that the tests share: one bounded wait on the default main
 * context, temporary folders, topics and the sample documents.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "cp-test-utils.h"

static gboolean
deadline_passed_cb (gpointer user_data)
{
  gboolean *passed = user_data;

  *passed = TRUE;

  return G_SOURCE_REMOVE;
}

static G_NORETURN void
fail_waiting (const char *what,
              const char *file,
              int         line,
              const char *func)
{
  g_autofree char *message = g_strdup_printf ("Timed out after %d s waiting for %s",
                                              CP_TEST_TIMEOUT_SECONDS, what);

  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
  /* Reached only with g_test_set_nonfatal_assertions (), which we never
   * use: a test must not go on past a wait that did not end. */
  abort ();
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
cp_test_wait_until_impl (CpTestCondition  condition,
                         gpointer         user_data,
                         const char      *what,
                         const char      *file,
                         int              line,
                         const char      *func)
{
  gboolean passed = FALSE;
  guint deadline_id;
  guint wake_id;

  g_return_if_fail (condition != NULL);
  g_return_if_fail (what != NULL);

  if (condition (user_data))
    return;

  /* The deadline is a source of its own, so that a blocking iteration
   * wakes up for it even when nothing else happens; and the loop wakes
   * every few milliseconds besides, for a condition that another thread
   * makes true (a worker dropping the last reference) without a word to
   * this main context. */
  deadline_id = g_timeout_add_seconds (CP_TEST_TIMEOUT_SECONDS, deadline_passed_cb, &passed);
  wake_id = g_timeout_add (5, wake_cb, NULL);
  while (!condition (user_data))
    {
      if (passed)
        fail_waiting (what, file, line, func);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake_id);
  if (!passed)
    g_source_remove (deadline_id);
}

static gboolean
pointer_set (gpointer user_data)
{
  gpointer *location = user_data;

  return *location != NULL;
}

void
cp_test_wait_for_pointer_impl (gpointer   *location,
                               const char *what,
                               const char *file,
                               int         line,
                               const char *func)
{
  cp_test_wait_until_impl (pointer_set, location, what, file, line, func);
}

static gboolean
flag_set (gpointer user_data)
{
  const gboolean *flag = user_data;

  return *flag;
}

void
cp_test_wait_for_flag_impl (const gboolean *flag,
                            const char     *what,
                            const char     *file,
                            int             line,
                            const char     *func)
{
  cp_test_wait_until_impl (flag_set, (gpointer) flag, what, file, line, func);
}

void
cp_test_drain_main_context_impl (const char *file,
                                 int         line,
                                 const char *func)
{
  gint64 deadline = g_get_monotonic_time () + CP_TEST_TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (g_main_context_pending (NULL))
    {
      if (g_get_monotonic_time () > deadline)
        fail_waiting ("the main loop to run out of work", file, line, func);
      g_main_context_iteration (NULL, FALSE);
    }
}

/* Temporary folders {{{ */

/* Points the user's data, configuration and cache folders at @path, so
 * that what a test saves (topics, recent files, review names) stays out
 * of the user's own */
void
cp_test_set_home (const char *path)
{
  g_setenv ("XDG_DATA_HOME", path, TRUE);
  g_setenv ("XDG_CONFIG_HOME", path, TRUE);
  g_setenv ("XDG_CACHE_HOME", path, TRUE);
}

void
cp_test_remove_tree (const char *path)
{
  GStatBuf buf;

  if (g_lstat (path, &buf) != 0)
    {
      g_assert_cmpint (errno, ==, ENOENT);
      return;
    }

  if (S_ISDIR (buf.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      /* A test may have taken its rights away, to see a write fail. */
      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          cp_test_remove_tree (child);
        }
      g_assert_no_errno (g_rmdir (path));
    }
  else
    g_assert_no_errno (g_unlink (path));
}

CpTestTree *
cp_test_tree_new (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  CpTestTree *tree = g_new0 (CpTestTree, 1);

  tree->path = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);

  return tree;
}

CpTestTree *
cp_test_tree_new_with_files (const char *prefix,
                             const char *first_name,
                             ...)
{
  CpTestTree *tree = cp_test_tree_new (prefix);
  const char *name = first_name;
  va_list args;

  va_start (args, first_name);
  while (name != NULL)
    {
      const char *contents = va_arg (args, const char *);
      g_autoptr(GFile) file G_GNUC_UNUSED = cp_test_tree_add_file (tree, name, contents, -1);

      name = va_arg (args, const char *);
    }
  va_end (args);

  return tree;
}

char *
cp_test_tree_build_path (CpTestTree *tree,
                         const char *name)
{
  return g_build_filename (tree->path, name, NULL);
}

/* @name may hold folders: they are made as needed. */
GFile *
cp_test_tree_add_file (CpTestTree *tree,
                       const char *name,
                       const char *contents,
                       gssize      length)
{
  g_autofree char *path = cp_test_tree_build_path (tree, name);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

void
cp_test_tree_free (CpTestTree *tree)
{
  if (tree == NULL)
    return;

  cp_test_remove_tree (tree->path);
  g_free (tree->path);
  g_free (tree);
}

/* }}} */

/* Topics and documents {{{ */

CpTopic *
cp_test_make_topic (const char         *id,
                    const char         *label,
                    const char         *color,
                    const char * const *terms)
{
  CpTopic *topic = cp_topic_new (id, label != NULL ? label : id);

  if (color != NULL)
    cp_topic_set_color (topic, color);
  if (terms != NULL)
    cp_topic_set_terms (topic, terms);

  return topic;
}

guint
cp_test_add_topic (CpTopicSet *topics,
                   const char *id,
                   const char *label,
                   const char *term)
{
  const char *terms[] = { term, NULL };
  g_autoptr(CpTopic) topic = cp_test_make_topic (id, label, NULL, terms);

  cp_topic_set_append (topics, topic);

  return cp_topic_set_get_n_topics (topics) - 1;
}

CpNote *
cp_test_add_note (CpComparison *comparison,
                  CpDocument   *document,
                  const char   *passage,
                  const char   *text)
{
  const char *found = strstr (cp_document_get_text (document), passage);
  gsize start;
  g_autoptr(CpNote) note = NULL;

  g_assert_nonnull (found);
  start = found - cp_document_get_text (document);
  note = cp_note_new (document, start, start + strlen (passage), text);
  cp_comparison_add_note (comparison, note);

  return note;
}

GFile *
cp_test_dist_file (const char *first_element,
                   ...)
{
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();
  g_autofree char *path = NULL;
  const char *element = first_element;
  va_list args;

  g_ptr_array_add (elements, (gpointer) g_test_get_dir (G_TEST_DIST));
  va_start (args, first_element);
  while (element != NULL)
    {
      g_ptr_array_add (elements, (gpointer) element);
      element = va_arg (args, const char *);
    }
  va_end (args);
  g_ptr_array_add (elements, NULL);

  path = g_build_filenamev ((char **) elements->pdata);

  return g_file_new_for_path (path);
}

CpDocument *
cp_test_load_document (GFile *file)
{
  g_autoptr(GError) error = NULL;
  CpDocument *document;

  document = cp_document_new_from_file (file, CP_DOCUMENT_DEFAULT_MAX_SIZE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (CP_IS_DOCUMENT (document));

  return document;
}

const CpMention *
cp_test_get_mentions (CpComparison *comparison,
                      guint         position,
                      guint        *n_mentions)
{
  CpMentions *mentions;
  const CpMention *all;

  g_assert_cmpuint (position, <, cp_comparison_get_n_documents (comparison));
  mentions = cp_comparison_get_mentions_for_document (comparison, cp_comparison_get_document (comparison, position));
  g_assert_nonnull (mentions);
  all = cp_mentions_get_all (mentions, n_mentions);

  return *n_mentions > 0 ? all : NULL;
}

CpTopicSet *
cp_test_load_topics (GFile *file)
{
  g_autoptr(GError) error = NULL;
  CpTopicSet *topics;

  topics = cp_topic_set_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (topics);

  return topics;
}

GPtrArray *
cp_test_load_documents (const char         *dir,
                        const char * const *names,
                        guint               n_names)
{
  GPtrArray *documents = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_names; i++)
    {
      g_autoptr(GFile) file = cp_test_dist_file (dir, names[i], NULL);

      g_ptr_array_add (documents, cp_test_load_document (file));
    }

  return documents;
}

const char * const cp_test_sample_names[4] = {
  "blog-post.txt",
  "capsule-review.txt",
  "festival-report.txt",
  "newspaper-review.txt",
};

GPtrArray *
cp_test_load_samples (void)
{
  g_autofree char *dir = g_build_filename ("..", "data", "samples", NULL);

  return cp_test_load_documents (dir, cp_test_sample_names, G_N_ELEMENTS (cp_test_sample_names));
}

/* }}} */

#if defined(__SANITIZE_ADDRESS__)
#define CP_TEST_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CP_TEST_ADDRESS_SANITIZER 1
#endif
#endif

gboolean
cp_test_in_capped_child (void)
{
  if (g_test_subprocess ())
    {
#ifdef CP_TEST_ADDRESS_SANITIZER
      g_test_message ("Built with AddressSanitizer: its allocator limits stand in for the 1 GiB cap");
#else
      struct rlimit limit = { (rlim_t) 1 << 30, (rlim_t) 1 << 30 };

      g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
#endif
      return TRUE;
    }

  g_test_trap_subprocess (NULL, CP_TEST_TIMEOUT_SECONDS * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}
