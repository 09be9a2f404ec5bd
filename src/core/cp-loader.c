/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Loading a batch of reviews: the files and folders a user chose (in the
 * window, or on the command line) become documents, in order, and every
 * file that could not be used becomes one error that names it.
 *
 * A folder stands for the reviews directly in it (regular files, not
 * hidden, of a text/plain type, named *.txt or *.md, or of a type a
 * registered importer reads: web pages, PDFs, documents), sorted by name;
 * subfolders are not entered. A saved comparison (.counterpoint) in a
 * folder is no review, though its JSON is text: it is left out. A folder that cannot be listed is loaded
 * as a file, so that the reason reaches the user with its name. A file
 * that is already open, or that comes a second time in the batch, is
 * refused before it is read.
 *
 * A CpLoadProgress follows a load from the main thread: how many files
 * there are, folders expanded, and how many have been read.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cp-error.h"
#include "cp-importer.h"
#include "cp-loader.h"

struct _CpLoadResult
{
  GObject    parent_instance;

  GPtrArray *documents;    /* CpDocument, in order */
  GPtrArray *errors;       /* GError, in order */
  GPtrArray *error_files;  /* GFile, one per error */
};

G_DEFINE_FINAL_TYPE (CpLoadResult, cp_load_result, G_TYPE_OBJECT)

static void
cp_load_result_finalize (GObject *object)
{
  CpLoadResult *self = (CpLoadResult *) object;

  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  g_clear_pointer (&self->error_files, g_ptr_array_unref);

  G_OBJECT_CLASS (cp_load_result_parent_class)->finalize (object);
}

static void
cp_load_result_class_init (CpLoadResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_load_result_finalize;
}

static void
cp_load_result_init (CpLoadResult *self)
{
  self->documents = g_ptr_array_new_with_free_func (g_object_unref);
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  self->error_files = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * cp_load_result_get_n_documents:
 * @self: a #CpLoadResult
 *
 * Returns: the number of documents that were loaded
 */
guint
cp_load_result_get_n_documents (CpLoadResult *self)
{
  g_return_val_if_fail (CP_IS_LOAD_RESULT (self), 0);

  return self->documents->len;
}

/**
 * cp_load_result_get_document:
 * @self: a #CpLoadResult
 * @index: a position below cp_load_result_get_n_documents()
 *
 * Returns: (transfer none): the document at @index, in the order of the
 *   files asked for, folders expanded
 */
CpDocument *
cp_load_result_get_document (CpLoadResult *self,
                             guint         index)
{
  g_return_val_if_fail (CP_IS_LOAD_RESULT (self), NULL);
  g_return_val_if_fail (index < self->documents->len, NULL);

  return g_ptr_array_index (self->documents, index);
}

/**
 * cp_load_result_get_n_errors:
 * @self: a #CpLoadResult
 *
 * Returns: the number of files that could not be loaded or were refused
 */
guint
cp_load_result_get_n_errors (CpLoadResult *self)
{
  g_return_val_if_fail (CP_IS_LOAD_RESULT (self), 0);

  return self->errors->len;
}

/**
 * cp_load_result_get_error:
 * @self: a #CpLoadResult
 * @index: a position below cp_load_result_get_n_errors()
 *
 * The errors come in the order of the files. Their messages name the file
 * and say what to do; a file that is already open, or given twice, has
 * %CP_ERROR_ALREADY_OPEN.
 *
 * Returns: (transfer none): the error at @index
 */
const GError *
cp_load_result_get_error (CpLoadResult *self,
                          guint         index)
{
  g_return_val_if_fail (CP_IS_LOAD_RESULT (self), NULL);
  g_return_val_if_fail (index < self->errors->len, NULL);

  return g_ptr_array_index (self->errors, index);
}

/**
 * cp_load_result_get_error_file:
 * @self: a #CpLoadResult
 * @index: a position below cp_load_result_get_n_errors()
 *
 * Returns: (transfer none): the file that the error at @index is about
 */
GFile *
cp_load_result_get_error_file (CpLoadResult *self,
                               guint         index)
{
  g_return_val_if_fail (CP_IS_LOAD_RESULT (self), NULL);
  g_return_val_if_fail (index < self->error_files->len, NULL);

  return g_ptr_array_index (self->error_files, index);
}

static void
add_error (CpLoadResult *self,
           GFile        *file,
           GError       *error)
{
  g_ptr_array_add (self->errors, error);
  g_ptr_array_add (self->error_files, g_object_ref (file));
}

/* --- progress --- */

/**
 * CpLoadProgress:
 *
 * How far a cp_load_documents_async() has got: #CpLoadProgress:n-total
 * files to read (known once the folders are listed) and
 * #CpLoadProgress:n-done read or refused. The loading thread reports; the
 * properties change, and are notified, in the main context that was the
 * thread default when the object was made. However fast the reports come,
 * at most one update waits in that context at a time, with the latest
 * figures.
 */
struct _CpLoadProgress
{
  GObject       parent_instance;

  GMainContext *context;
  guint         n_done;
  guint         n_total;

  /* Written by the loading thread, under the lock */
  GMutex        lock;
  guint         reported_done;
  guint         reported_total;
  gboolean      update_pending;
};

G_DEFINE_FINAL_TYPE (CpLoadProgress, cp_load_progress, G_TYPE_OBJECT)

enum {
  PROP_PROGRESS_0,
  PROP_N_DONE,
  PROP_N_TOTAL,
  N_PROGRESS_PROPS
};

static GParamSpec *progress_properties[N_PROGRESS_PROPS];

static void
cp_load_progress_finalize (GObject *object)
{
  CpLoadProgress *self = (CpLoadProgress *) object;

  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cp_load_progress_parent_class)->finalize (object);
}

static void
cp_load_progress_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CpLoadProgress *self = CP_LOAD_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;

    case PROP_N_TOTAL:
      g_value_set_uint (value, self->n_total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_load_progress_class_init (CpLoadProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_load_progress_finalize;
  object_class->get_property = cp_load_progress_get_property;

  progress_properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  progress_properties[PROP_N_TOTAL] =
    g_param_spec_uint ("n-total", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROGRESS_PROPS, progress_properties);
}

static void
cp_load_progress_init (CpLoadProgress *self)
{
  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
}

/**
 * cp_load_progress_new:
 *
 * Returns: (transfer full): a progress to hand to
 *   cp_load_documents_async(), notified in the thread-default main
 *   context of the caller
 */
CpLoadProgress *
cp_load_progress_new (void)
{
  return g_object_new (CP_TYPE_LOAD_PROGRESS, NULL);
}

/**
 * cp_load_progress_get_n_done:
 * @self: a #CpLoadProgress
 *
 * Returns: how many files have been read (or refused) so far
 */
guint
cp_load_progress_get_n_done (CpLoadProgress *self)
{
  g_return_val_if_fail (CP_IS_LOAD_PROGRESS (self), 0);

  return self->n_done;
}

/**
 * cp_load_progress_get_n_total:
 * @self: a #CpLoadProgress
 *
 * Returns: how many files the load reads, folders expanded; 0 until the
 *   folders have been listed
 */
guint
cp_load_progress_get_n_total (CpLoadProgress *self)
{
  g_return_val_if_fail (CP_IS_LOAD_PROGRESS (self), 0);

  return self->n_total;
}

static gboolean
progress_update_cb (gpointer data)
{
  CpLoadProgress *self = data;
  guint n_done, n_total;

  g_mutex_lock (&self->lock);
  n_done = self->reported_done;
  n_total = self->reported_total;
  self->update_pending = FALSE;
  g_mutex_unlock (&self->lock);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->n_total != n_total)
    {
      self->n_total = n_total;
      g_object_notify_by_pspec (G_OBJECT (self), progress_properties[PROP_N_TOTAL]);
    }
  if (self->n_done != n_done)
    {
      self->n_done = n_done;
      g_object_notify_by_pspec (G_OBJECT (self), progress_properties[PROP_N_DONE]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  return G_SOURCE_REMOVE;
}

/* From any thread */
static void
progress_report (CpLoadProgress *self,
                 guint           n_done,
                 guint           n_total)
{
  gboolean schedule;

  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->reported_done = n_done;
  self->reported_total = n_total;
  schedule = !self->update_pending;
  self->update_pending = TRUE;
  g_mutex_unlock (&self->lock);

  if (schedule)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, progress_update_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[counterpoint] loading progress");
      g_source_attach (source, self->context);
    }
}

/* --- folders --- */

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  g_autofree char *x = g_file_get_basename (*(GFile * const *) a);
  g_autofree char *y = g_file_get_basename (*(GFile * const *) b);

  return g_utf8_collate (x, y);
}

/* Whether @name is a saved comparison's, in any case, as
 * cp_comparison_file_is_comparison () has it */
static gboolean
is_comparison_name (const char *name)
{
  g_autofree char *folded = g_ascii_strdown (name, -1);

  return g_str_has_suffix (folded, ".counterpoint");
}

static gboolean
is_text_file (GFileInfo *info)
{
  const char *type = g_file_info_get_content_type (info);
  const char *name = g_file_info_get_name (info);

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR || g_file_info_get_is_hidden (info))
    return FALSE;
  if (is_comparison_name (name) || (type != NULL && g_content_type_equals (type, "application/x-counterpoint")))
    return FALSE;

  return (type != NULL && (g_content_type_is_a (type, "text/plain") ||
                           cp_importer_reads_type (type))) ||
         g_str_has_suffix (name, ".txt") || g_str_has_suffix (name, ".md");
}

/* Appends @file to @out, or for a folder the text files in it. */
static void
expand_file (GFile        *file,
             GPtrArray    *out,
             GCancellable *cancellable)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) children = NULL;
  GFileInfo *info;

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) != G_FILE_TYPE_DIRECTORY)
    {
      g_ptr_array_add (out, g_object_ref (file));
      return;
    }

  enumerator = g_file_enumerate_children (file,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN ","
                                          G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                          G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (enumerator == NULL)
    {
      /* Loading it reports the reason with the folder's name */
      g_ptr_array_add (out, g_object_ref (file));
      return;
    }

  children = g_ptr_array_new_with_free_func (g_object_unref);
  while ((info = g_file_enumerator_next_file (enumerator, cancellable, NULL)))
    {
      if (is_text_file (info))
        g_ptr_array_add (children, g_file_enumerator_get_child (enumerator, info));
      g_object_unref (info);
    }

  g_ptr_array_sort (children, compare_by_name);
  g_ptr_array_extend_and_steal (out, g_steal_pointer (&children));
}

/* --- loading --- */

static char *
dup_display_name (GFile        *file,
                  GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                 G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  const char *path;

  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));

  path = g_file_peek_path (file);
  if (path != NULL)
    return g_filename_display_basename (path);

  return g_file_get_parse_name (file);
}

/* cp_load_documents (), telling @progress (nullable) how far it got */
static CpLoadResult *
load_documents (GFile          **files,
                guint            n_files,
                GFile          **open_files,
                guint            n_open_files,
                guint64          max_size,
                CpLoadProgress  *progress,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(CpLoadResult) result = NULL;
  g_autoptr(GPtrArray) expanded = NULL;
  g_autoptr(GHashTable) open = NULL;

  result = g_object_new (CP_TYPE_LOAD_RESULT, NULL);
  open = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal, g_object_unref, NULL);
  for (guint i = 0; i < n_open_files; i++)
    g_hash_table_add (open, g_object_ref (open_files[i]));

  expanded = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    expand_file (files[i], expanded, cancellable);
  progress_report (progress, 0, expanded->len);

  for (guint i = 0; i < expanded->len; i++)
    {
      GFile *file = g_ptr_array_index (expanded, i);
      GError *local_error = NULL;
      CpDocument *document;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (i > 0)
        progress_report (progress, i, expanded->len);

      if (g_hash_table_contains (open, file))
        {
          g_autofree char *name = dup_display_name (file, cancellable);

          add_error (result, file,
                     g_error_new (CP_ERROR, CP_ERROR_ALREADY_OPEN,
                                  _("“%s” is already open."), name));
          continue;
        }

      document = cp_document_new_from_file (file, max_size, cancellable, &local_error);
      if (document == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, local_error);
              return NULL;
            }
          add_error (result, file, local_error);
          continue;
        }

      g_ptr_array_add (result->documents, document);
      g_hash_table_add (open, g_object_ref (file));
    }
  progress_report (progress, expanded->len, expanded->len);

  return g_steal_pointer (&result);
}

/**
 * cp_load_documents:
 * @files: (array length=n_files): files and folders, in the order wanted
 * @n_files: the number of @files
 * @open_files: (array length=n_open_files) (nullable): files that are open
 *   already, and are refused
 * @n_open_files: the number of @open_files
 * @max_size: the size limit of one file, as for cp_document_new_from_file()
 *   (0 for %CP_DOCUMENT_DEFAULT_MAX_SIZE)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError, set only on cancellation
 *
 * Loads @files, blocking: each folder becomes the text files in it, each
 * file is read with cp_document_new_from_file(). A file that cannot be
 * read, or that is open already or came earlier in @files, becomes an
 * error of the result; the others are still loaded. See
 * cp_load_documents_async() for the same off the calling thread.
 *
 * Returns: (transfer full): the documents and errors, or %NULL with
 *   %G_IO_ERROR_CANCELLED when @cancellable was cancelled
 */
CpLoadResult *
cp_load_documents (GFile        **files,
                   guint          n_files,
                   GFile        **open_files,
                   guint          n_open_files,
                   guint64        max_size,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);
  g_return_val_if_fail (open_files != NULL || n_open_files == 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_documents (files, n_files, open_files, n_open_files, max_size, NULL, cancellable, error);
}

typedef struct
{
  GPtrArray      *files;
  GPtrArray      *open_files;
  guint64         max_size;
  CpLoadProgress *progress;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *ld = data;

  g_clear_pointer (&ld->files, g_ptr_array_unref);
  g_clear_pointer (&ld->open_files, g_ptr_array_unref);
  g_clear_object (&ld->progress);
  g_free (ld);
}

static GPtrArray *
copy_files (GFile **files,
            guint   n_files)
{
  GPtrArray *copy = g_ptr_array_new_full (n_files, g_object_unref);

  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (copy, g_object_ref (files[i]));

  return copy;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *ld = task_data;
  GError *error = NULL;
  CpLoadResult *result;

  result = load_documents ((GFile **) ld->files->pdata, ld->files->len,
                           (GFile **) ld->open_files->pdata, ld->open_files->len,
                           ld->max_size, ld->progress, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

/**
 * cp_load_documents_async:
 * @files: (array length=n_files): files and folders, in the order wanted
 * @n_files: the number of @files
 * @open_files: (array length=n_open_files) (nullable): files that are open
 *   already, and are refused
 * @n_open_files: the number of @open_files
 * @max_size: the size limit of one file (0 for the default)
 * @progress: (nullable): told how many files there are and how many have
 *   been read
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * Does what cp_load_documents() does in a worker thread. The arrays are
 * copied: the caller may free them at once.
 */
void
cp_load_documents_async (GFile               **files,
                         guint                 n_files,
                         GFile               **open_files,
                         guint                 n_open_files,
                         guint64               max_size,
                         CpLoadProgress       *progress,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *ld;

  g_return_if_fail (files != NULL || n_files == 0);
  g_return_if_fail (open_files != NULL || n_open_files == 0);
  g_return_if_fail (progress == NULL || CP_IS_LOAD_PROGRESS (progress));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  ld = g_new0 (LoadData, 1);
  ld->files = copy_files (files, n_files);
  ld->open_files = copy_files (open_files, n_open_files);
  ld->max_size = max_size;
  ld->progress = progress != NULL ? g_object_ref (progress) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cp_load_documents_async);
  g_task_set_task_data (task, ld, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * cp_load_documents_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the documents and errors, or %NULL with
 *   %G_IO_ERROR_CANCELLED when the load was cancelled
 */
CpLoadResult *
cp_load_documents_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, cp_load_documents_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
