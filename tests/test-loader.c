/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cp-error.h"
#include "cp-loader.h"
#include "cp-test-utils.h"

typedef struct
{
  CpTestTree *tree;
} Fixture;

/* dir/: b.txt, a.txt, notes.md, .hidden.txt, image.png (binary),
 * sub/c.txt */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

  fixture->tree = cp_test_tree_new_with_files ("cp-loader",
                                               "b.txt", "Bee\n\nThe second review.",
                                               "a.txt", "Ay\n\nThe first review.",
                                               "notes.md", "Notes\n\nMarkdown counts.",
                                               ".hidden.txt", "Hidden\n",
                                               "sub/c.txt", "Sea\n\nNested.",
                                               NULL);
  g_object_unref (cp_test_tree_add_file (fixture->tree, "image.png", png, sizeof png));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->tree, cp_test_tree_free);
}

static GFile *
file_in (Fixture    *fixture,
         const char *name)
{
  g_autofree char *path = cp_test_tree_build_path (fixture->tree, name);

  return g_file_new_for_path (path);
}

static const char *
document_name (CpLoadResult *result,
               guint         index)
{
  return cp_document_get_name (cp_load_result_get_document (result, index));
}

static CpLoadResult *
load (GFile **files,
      guint   n_files,
      GFile **open_files,
      guint   n_open_files)
{
  g_autoptr(GError) error = NULL;
  CpLoadResult *result;

  result = cp_load_documents (files, n_files, open_files, n_open_files, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

/* A folder: its text files by name, not hidden ones, not binary ones
 * that are not named as text, not the nested folder's. */
static void
test_folder (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->tree->path);
  g_autoptr(CpLoadResult) result = load (&dir, 1, NULL, 0);

  g_assert_cmpuint (cp_load_result_get_n_documents (result), ==, 3);
  g_assert_cmpstr (document_name (result, 0), ==, "a.txt");
  g_assert_cmpstr (document_name (result, 1), ==, "b.txt");
  g_assert_cmpstr (document_name (result, 2), ==, "notes.md");
  g_assert_cmpstr (cp_document_get_title (cp_load_result_get_document (result, 0)), ==, "Ay");
  g_assert_cmpuint (cp_load_result_get_n_errors (result), ==, 0);
}

/* Files and folders keep the order they are given in; a hidden file
 * named on its own is loaded. */
static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GFile) sub = file_in (fixture, "sub");
  g_autoptr(GFile) b = file_in (fixture, "b.txt");
  g_autoptr(GFile) hidden = file_in (fixture, ".hidden.txt");
  GFile *files[] = { b, sub, hidden };
  g_autoptr(CpLoadResult) result = load (files, G_N_ELEMENTS (files), NULL, 0);

  g_assert_cmpuint (cp_load_result_get_n_documents (result), ==, 3);
  g_assert_cmpstr (document_name (result, 0), ==, "b.txt");
  g_assert_cmpstr (document_name (result, 1), ==, "c.txt");
  g_assert_cmpstr (document_name (result, 2), ==, ".hidden.txt");
  g_assert_cmpuint (cp_load_result_get_n_errors (result), ==, 0);
}

/* The same file twice, as two spellings of one path, in a folder and on
 * its own, or open already: refused, by name, and loaded once. */
static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) a = file_in (fixture, "a.txt");
  g_autoptr(GFile) a_again = file_in (fixture, "a.txt");
  g_autoptr(GFile) b = file_in (fixture, "b.txt");
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->tree->path);
  g_autofree char *other_spelling = g_build_filename (fixture->tree->path, "sub", "..", "b.txt", NULL);
  g_autoptr(GFile) b_again = g_file_new_for_path (other_spelling);
  g_autoptr(CpLoadResult) result = NULL;
  g_autoptr(CpLoadResult) with_open = NULL;
  const GError *error;

  {
    GFile *files[] = { a, a_again, b, b_again, dir };

    result = load (files, G_N_ELEMENTS (files), NULL, 0);
  }
  g_assert_cmpuint (cp_load_result_get_n_documents (result), ==, 3);
  g_assert_cmpstr (document_name (result, 0), ==, "a.txt");
  g_assert_cmpstr (document_name (result, 1), ==, "b.txt");
  g_assert_cmpstr (document_name (result, 2), ==, "notes.md");
  g_assert_cmpuint (cp_load_result_get_n_errors (result), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_error (cp_load_result_get_error (result, i), CP_ERROR, CP_ERROR_ALREADY_OPEN);
  error = cp_load_result_get_error (result, 0);
  g_assert_cmpstr (error->message, ==, "“a.txt” is already open.");
  g_assert_true (g_file_equal (cp_load_result_get_error_file (result, 0), a));
  g_assert_cmpstr (cp_load_result_get_error (result, 1)->message, ==, "“b.txt” is already open.");
  g_assert_true (g_file_equal (cp_load_result_get_error_file (result, 2), a));
  g_assert_true (g_file_equal (cp_load_result_get_error_file (result, 3), b));

  {
    GFile *files[] = { dir };
    GFile *open[] = { b_again };

    with_open = load (files, G_N_ELEMENTS (files), open, G_N_ELEMENTS (open));
  }
  g_assert_cmpuint (cp_load_result_get_n_documents (with_open), ==, 2);
  g_assert_cmpstr (document_name (with_open, 0), ==, "a.txt");
  g_assert_cmpstr (document_name (with_open, 1), ==, "notes.md");
  g_assert_cmpuint (cp_load_result_get_n_errors (with_open), ==, 1);
  g_assert_error (cp_load_result_get_error (with_open, 0), CP_ERROR, CP_ERROR_ALREADY_OPEN);
  g_assert_cmpstr (cp_load_result_get_error (with_open, 0)->message, ==, "“b.txt” is already open.");
}

/* A missing file and a binary one are errors that name them; the other
 * files are still loaded. */
static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) missing = file_in (fixture, "missing.txt");
  g_autoptr(GFile) image = file_in (fixture, "image.png");
  g_autoptr(GFile) a = file_in (fixture, "a.txt");
  GFile *files[] = { missing, image, a, missing };
  g_autoptr(CpLoadResult) result = load (files, G_N_ELEMENTS (files), NULL, 0);
  const GError *error;

  g_assert_cmpuint (cp_load_result_get_n_documents (result), ==, 1);
  g_assert_cmpstr (document_name (result, 0), ==, "a.txt");
  g_assert_cmpuint (cp_load_result_get_n_errors (result), ==, 3);

  error = cp_load_result_get_error (result, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“missing.txt”"));
  g_assert_true (g_file_equal (cp_load_result_get_error_file (result, 0), missing));

  error = cp_load_result_get_error (result, 1);
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_TEXT);
  g_assert_nonnull (strstr (error->message, "“image.png”"));

  /* a file that failed is not "open": it fails again */
  g_assert_error (cp_load_result_get_error (result, 2), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* The size limit is the document loader's. */
static void
test_max_size (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) a = file_in (fixture, "a.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(CpLoadResult) result = cp_load_documents (&a, 1, NULL, 0, 4, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cp_load_result_get_n_documents (result), ==, 0);
  g_assert_cmpuint (cp_load_result_get_n_errors (result), ==, 1);
  g_assert_error (cp_load_result_get_error (result, 0), CP_ERROR, CP_ERROR_TOO_LARGE);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (object);
  *out = g_object_ref (result);
}

static CpLoadResult *
load_async (GFile        *file,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr(GAsyncResult) async_result = NULL;

  cp_load_documents_async (&file, 1, NULL, 0, 0, NULL, cancellable, loaded_cb, &async_result);
  cp_test_wait_for_pointer (&async_result, "the documents to load");

  return cp_load_documents_finish (async_result, error);
}

/* In a worker thread, the same result; cancelled, an error and no
 * result. */
static void
test_async_and_cancel (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->tree->path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CpLoadResult) result = NULL;
  g_autoptr(CpLoadResult) cancelled = NULL;
  g_autoptr(GError) error = NULL;

  result = load_async (dir, cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cp_load_result_get_n_documents (result), ==, 3);
  g_assert_cmpstr (document_name (result, 2), ==, "notes.md");

  g_cancellable_cancel (cancellable);
  cancelled = load_async (dir, cancellable, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_null (cp_load_documents (&dir, 1, NULL, 0, 0, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_finalize_object (g_steal_pointer (&result));
}

static gboolean
pointer_cleared (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

typedef struct
{
  GMainContext *context;
  guint         last_done;
  guint         total;
  guint         n_notified;
  gboolean      in_context;
} ProgressSeen;

static void
progress_notified_cb (CpLoadProgress *progress,
                      GParamSpec     *pspec,
                      ProgressSeen   *seen)
{
  guint done = cp_load_progress_get_n_done (progress);

  seen->in_context &= g_main_context_is_owner (seen->context);
  /* The count only grows, and never past the total once it is known */
  g_assert_cmpuint (done, >=, seen->last_done);
  if (cp_load_progress_get_n_total (progress) > 0)
    g_assert_cmpuint (done, <=, cp_load_progress_get_n_total (progress));
  seen->last_done = done;
  seen->total = cp_load_progress_get_n_total (progress);
  seen->n_notified++;
}

/* The progress of a load: how many files (folders listed), how many read,
 * told in the caller's main context */
static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->tree->path);
  g_autoptr(GFile) missing = file_in (fixture, "missing.txt");
  g_autoptr(GFile) b = file_in (fixture, "b.txt");
  GFile *files[] = { dir, missing, b };
  CpLoadProgress *progress = cp_load_progress_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(CpLoadResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ProgressSeen seen = { g_main_context_default (), 0, 0, 0, TRUE };

  g_assert_cmpuint (cp_load_progress_get_n_done (progress), ==, 0);
  g_assert_cmpuint (cp_load_progress_get_n_total (progress), ==, 0);
  g_signal_connect (progress, "notify", G_CALLBACK (progress_notified_cb), &seen);

  cp_load_documents_async (files, G_N_ELEMENTS (files), NULL, 0, 0, progress, NULL, loaded_cb, &async_result);
  cp_test_wait_for_pointer (&async_result, "the documents to load");
  result = cp_load_documents_finish (async_result, &error);
  g_assert_no_error (error);

  /* a.txt, b.txt, notes.md; missing.txt; b.txt again: five files, all done */
  g_assert_cmpuint (cp_load_result_get_n_documents (result), ==, 3);
  g_assert_cmpuint (cp_load_result_get_n_errors (result), ==, 2);
  g_assert_cmpuint (cp_load_progress_get_n_total (progress), ==, 5);
  g_assert_cmpuint (cp_load_progress_get_n_done (progress), ==, 5);
  g_assert_cmpuint (seen.total, ==, 5);
  g_assert_cmpuint (seen.last_done, ==, 5);
  g_assert_cmpuint (seen.n_notified, >=, 1);
  g_assert_true (seen.in_context);

  /* The load lets go of it once done (its worker thread, a moment later) */
  g_signal_handlers_disconnect_by_func (progress, progress_notified_cb, &seen);
  g_clear_object (&async_result);
  g_object_add_weak_pointer (G_OBJECT (progress), (gpointer *) &progress);
  g_object_unref (progress);
  cp_test_wait_until (pointer_cleared, &progress, "the progress to be finalized");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/loader/folder", Fixture, NULL, fixture_set_up, test_folder, fixture_tear_down);
  g_test_add ("/core/loader/order", Fixture, NULL, fixture_set_up, test_order, fixture_tear_down);
  g_test_add ("/core/loader/duplicates", Fixture, NULL, fixture_set_up, test_duplicates, fixture_tear_down);
  g_test_add ("/core/loader/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/core/loader/max-size", Fixture, NULL, fixture_set_up, test_max_size, fixture_tear_down);
  g_test_add ("/core/loader/async-and-cancel", Fixture, NULL, fixture_set_up, test_async_and_cancel, fixture_tear_down);
  g_test_add ("/core/loader/progress", Fixture, NULL, fixture_set_up, test_progress, fixture_tear_down);

  return g_test_run ();
}
