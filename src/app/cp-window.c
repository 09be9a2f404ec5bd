/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpWindow: the reviews side by side. It owns the CpComparison, builds one
 * CpReviewPane per document (with a CpLinkGutter between neighbours), loads
 * files in a worker thread and keeps the panes in step: focusing a topic,
 * stepping through its mentions, synchronized scrolling.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "cp-error.h"
#include "cp-link-gutter.h"
#include "cp-loader.h"
#include "cp-recent.h"
#include "cp-window-private.h"

G_DEFINE_FINAL_TYPE (CpWindow, cp_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FOCUS_TOPIC,
  PROP_N_LOADING,
  PROP_TOPICS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where a focused mention is placed when no pane shows one yet */
#define FOCUS_FRACTION (1.0 / 3.0)
/* The narrowest a pane's text gets, in em of the text's font: a readable
 * measure of about 70 characters, or as narrow as 20 characters when all the
 * reviews are asked to fit in the window */
#define READABLE_PANE_EMS 34.0
#define FIT_PANE_EMS      10.0
/* A pane's width besides its text: the text view's margins and the ruler */
#define PANE_CHROME_WIDTH (24 + 24 + 12)
/* How long the panes rest after a sideways scroll before they snap */
#define SNAP_DELAY_MS 250
/* After GTK's layout and the text views' line validation (both before
 * G_PRIORITY_HIGH_IDLE + 30) */
#define RELEVEL_PRIORITY (G_PRIORITY_HIGH_IDLE + 40)

/* --- loading --- */

/* Keeps the topics of the reviews open now for Open Recent */
static void
save_topics_snapshot (CpWindow *self)
{
  g_autoptr(GFile) snapshot = cp_window_dup_topics_snapshot (self);
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->snapshot_source, g_source_remove);
  if (snapshot == NULL)
    return;

  parent = g_file_get_parent (snapshot);
  g_file_make_directory_with_parents (parent, NULL, NULL);
  if (!cp_topic_set_save_to_file (cp_comparison_get_topics (self->comparison), snapshot, NULL, &error))
    g_message ("Could not keep the topics of this comparison: %s", error->message);
}

static gboolean
save_topics_snapshot_cb (gpointer data)
{
  CpWindow *self = data;

  self->snapshot_source = 0;
  save_topics_snapshot (self);
  return G_SOURCE_REMOVE;
}

static void
topics_changed_cb (CpWindow *self)
{
  if (self->n_loading > 0 || cp_comparison_get_n_documents (self->comparison) == 0)
    return;
  g_clear_handle_id (&self->snapshot_source, g_source_remove);
  self->snapshot_source = g_timeout_add_seconds (1, save_topics_snapshot_cb, self);
  g_source_set_name_by_id (self->snapshot_source, "[counterpoint] keep the comparison's topics");
}

static void
remember_comparison (CpWindow *self)
{
  g_auto(GStrv) uris = cp_recent_dup_uris (self->comparison);

  if (uris == NULL)
    return;

  cp_recent_remember (self->settings, (const char * const *) uris);
  cp_window_update_recent_menu (self);
  save_topics_snapshot (self);
}

static void rebuild_panes (CpWindow *self);
static void update_position (CpWindow *self);

/* The panes of the reviews being opened stay hidden until the last one is
 * ready and then appear together: the window lays the panes out and every
 * view wraps its text once, not once per review added. */
static void
show_new_panes (CpWindow *self)
{
  GHashTableIter iter;
  gpointer pane;
  gboolean shown = FALSE;

  g_hash_table_iter_init (&iter, self->panes);
  while (g_hash_table_iter_next (&iter, NULL, &pane))
    if (!gtk_widget_get_visible (pane))
      {
        gtk_widget_set_visible (pane, TRUE);
        shown = TRUE;
      }
  if (shown)
    rebuild_panes (self);
}

/* --- the progress of long loads --- */

/* A load that takes longer than this shows its progress bar */
#define PROGRESS_DELAY_MS 500

/* One batch of files being opened: read in a worker thread (the loader
 * reports how far it got), then each review tagged and given its pane.
 * Cancel, or the window closing, cancels it; what it added is taken out
 * again, so that a cancelled batch leaves the window as it was. */
typedef struct
{
  CpWindow       *window;
  GCancellable   *cancellable;
  gulong          window_cancelled_id;
  CpLoadProgress *progress;
  GPtrArray      *documents;  /* read, still to add */
  GPtrArray      *added;      /* added to the comparison */
  CpDocument     *adding;     /* being tagged */
  guint           n_to_add;
  gboolean        reading;
  CpComparisonFile *comparison_file; /* when the reviews come from one */
} LoadJob;

static void
update_load_progress (CpWindow *self)
{
  guint read = 0, to_read = 0, added = 0, to_add = 0;
  g_autofree char *label = NULL;
  double fraction;

  for (guint i = 0; i < self->loads->len; i++)
    {
      LoadJob *job = g_ptr_array_index (self->loads, i);

      if (job->reading)
        {
          read += cp_load_progress_get_n_done (job->progress);
          to_read += cp_load_progress_get_n_total (job->progress);
        }
      else
        {
          added += job->added->len;
          to_add += job->n_to_add;
        }
    }

  if (to_read > 0)
    {
      /* Translators: while a batch of files is read: “Reading 12 of 340 reviews…” */
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reading %u of %u review…", "Reading %u of %u reviews…", to_read),
                               MIN (read + 1, to_read), to_read);
      fraction = (double) read / to_read;
    }
  else if (to_add > 0)
    {
      /* Translators: while the reviews read are tagged and laid out: “Opening 12 of 340 reviews…” */
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Opening %u of %u review…", "Opening %u of %u reviews…", to_add),
                               MIN (added + 1, to_add), to_add);
      fraction = (double) added / to_add;
    }
  else
    {
      label = g_strdup (_("Reading the reviews…"));
      fraction = 0;
    }

  gtk_label_set_label (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static gboolean
show_load_progress_cb (gpointer data)
{
  CpWindow *self = data;

  self->progress_source = 0;
  if (self->loads->len > 0)
    {
      update_load_progress (self);
      gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
    }
  return G_SOURCE_REMOVE;
}

static void
load_progress_cb (CpWindow       *self,
                  GParamSpec     *pspec,
                  CpLoadProgress *progress)
{
  if (gtk_revealer_get_reveal_child (self->progress_revealer))
    update_load_progress (self);
}

/**
 * cp_window_cancel_loading:
 * @self: a #CpWindow
 *
 * Stops opening the files being opened: what they would have added is
 * not added. The Cancel button of the progress bar.
 */
void
cp_window_cancel_loading (CpWindow *self)
{
  g_return_if_fail (CP_IS_WINDOW (self));

  for (guint i = 0; i < self->loads->len; i++)
    g_cancellable_cancel (((LoadJob *) g_ptr_array_index (self->loads, i))->cancellable);
}

/* --- loading --- */

static void
window_cancelled_cb (GCancellable *window_cancellable,
                     gpointer      data)
{
  g_cancellable_cancel (data);
}

static LoadJob *
load_job_new (CpWindow *self)
{
  LoadJob *job = g_new0 (LoadJob, 1);

  job->window = g_object_ref (self);
  job->cancellable = g_cancellable_new ();
  job->window_cancelled_id = g_cancellable_connect (self->cancellable, G_CALLBACK (window_cancelled_cb),
                                                    g_object_ref (job->cancellable), g_object_unref);
  job->progress = cp_load_progress_new ();
  job->added = g_ptr_array_new_with_free_func (g_object_unref);
  job->reading = TRUE;
  g_signal_connect_object (job->progress, "notify", G_CALLBACK (load_progress_cb), self, G_CONNECT_SWAPPED);

  return job;
}

static void
load_job_free (LoadJob *job)
{
  g_cancellable_disconnect (job->window->cancellable, job->window_cancelled_id);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->progress);
  g_clear_pointer (&job->documents, g_ptr_array_unref);
  g_clear_pointer (&job->added, g_ptr_array_unref);
  g_clear_object (&job->adding);
  g_clear_object (&job->comparison_file);
  g_clear_object (&job->window);
  g_free (job);
}

/* The batch is done, cancelled or not */
static void
load_job_finish (LoadJob *job)
{
  CpWindow *self = job->window;

  /* After the window closed, its widgets are gone */
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_ptr_array_remove (self->loads, job);
      load_job_free (job);
      return;
    }

  if (g_cancellable_is_cancelled (job->cancellable))
    {
      guint position;

      for (guint i = 0; i < job->added->len; i++)
        if (cp_comparison_find_document (self->comparison, job->added->pdata[i], &position))
          cp_comparison_remove_document (self->comparison, position);
      cp_window_notify (self, _("Opening the reviews was cancelled."));
    }
  else if (job->comparison_file != NULL)
    cp_window_file_opened (self, job->comparison_file);
  else if (job->added->len > 0)
    remember_comparison (self);

  g_ptr_array_remove (self->loads, job);
  load_job_free (job);

  self->n_loading--;
  if (self->n_loading == 0)
    {
      show_new_panes (self);
      g_clear_handle_id (&self->progress_source, g_source_remove);
      gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
    }
  else if (gtk_revealer_get_reveal_child (self->progress_revealer))
    update_load_progress (self);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->n_loading > 0);
  gtk_spinner_set_spinning (self->spinner, self->n_loading > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADING]);
}

static void add_next (LoadJob *job);

/* One document is added per main-loop dispatch, so that building its pane
 * never holds the window up for long: a pane of 1 MB takes ~30 ms. */
static void
tagged_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadJob *job = user_data;
  g_autoptr(CpDocument) document = g_steal_pointer (&job->adding);
  g_autoptr(GError) error = NULL;

  if (!cp_comparison_append_documents_finish (CP_COMPARISON (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cp_window_add_error (job->window, error->message);
      g_ptr_array_set_size (job->documents, 0);
    }
  else
    g_ptr_array_add (job->added, g_steal_pointer (&document));

  if (!g_cancellable_is_cancelled (job->window->cancellable) &&
      gtk_revealer_get_reveal_child (job->window->progress_revealer))
    update_load_progress (job->window);
  add_next (job);
}

static void
add_next (LoadJob *job)
{
  CpWindow *self = job->window;

  if (job->documents->len > 0 && !g_cancellable_is_cancelled (job->cancellable))
    {
      job->adding = g_ptr_array_steal_index (job->documents, 0);
      cp_comparison_append_documents_async (self->comparison, &job->adding, 1, job->cancellable, tagged_cb, job);
      return;
    }

  load_job_finish (job);
}

/* The files that could not be read share one error banner; a review that
 * is open already is no failure, and only gets a notice. */
static void
report_load_errors (CpWindow     *self,
                    CpLoadResult *loaded)
{
  g_autoptr(GPtrArray) failed = g_ptr_array_new ();
  g_autoptr(GPtrArray) open = g_ptr_array_new ();

  for (guint i = 0; i < cp_load_result_get_n_errors (loaded); i++)
    {
      const GError *error = cp_load_result_get_error (loaded, i);

      g_ptr_array_add (g_error_matches (error, CP_ERROR, CP_ERROR_ALREADY_OPEN) ? open : failed,
                       (gpointer) error);
    }

  cp_window_add_errors (self, failed);
  if (open->len == 1)
    cp_window_notify (self, ((GError *) open->pdata[0])->message);
  else if (open->len > 1)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u review is already open.",
                                                               "%u reviews are already open.", open->len),
                                                  open->len);

      cp_window_notify (self, message);
    }
}

static void
load_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LoadJob *job = user_data;
  CpWindow *self = job->window;
  g_autoptr(CpLoadResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  job->reading = FALSE;
  loaded = cp_load_documents_finish (result, &error);
  if (loaded == NULL || g_cancellable_is_cancelled (job->cancellable))
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cp_window_add_error (self, error->message);
      load_job_finish (job);
      return;
    }

  report_load_errors (self, loaded);

  /* Tagging runs in a worker thread too; the panes appear as each review
   * is tagged */
  n = cp_load_result_get_n_documents (loaded);
  job->n_to_add = n;
  job->documents = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      CpDocument *document = cp_load_result_get_document (loaded, i);
      g_autofree char *notice = cp_document_dup_repair_notice (document);

      g_ptr_array_add (job->documents, g_object_ref (document));
      /* Read, but not quite as written */
      if (notice != NULL)
        cp_window_notify (self, notice);
    }
  cp_recent_restore_labels (job->documents);
  if (gtk_revealer_get_reveal_child (self->progress_revealer))
    update_load_progress (self);
  add_next (job);
}

static LoadJob *
start_load_job (CpWindow *self)
{
  LoadJob *job = load_job_new (self);

  g_ptr_array_add (self->loads, job);
  self->n_loading++;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  if (self->progress_source == 0 && !gtk_revealer_get_reveal_child (self->progress_revealer))
    {
      self->progress_source = g_timeout_add (PROGRESS_DELAY_MS, show_load_progress_cb, self);
      g_source_set_name_by_id (self->progress_source, "[counterpoint] show the loading progress");
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADING]);

  return job;
}

/* Whether the reviews of a comparison file are being added */
gboolean
cp_window_is_loading_comparison (CpWindow *self)
{
  for (guint i = 0; i < self->loads->len; i++)
    if (((LoadJob *) g_ptr_array_index (self->loads, i))->comparison_file != NULL)
      return TRUE;

  return FALSE;
}

/**
 * cp_window_add_comparison:
 * @self: a #CpWindow made with the topics of @comparison_file
 * @comparison_file: a comparison file, read
 *
 * Adds the reviews of @comparison_file as a batch of files opened would
 * be (each tagged in turn, the panes shown together, Cancel taking them
 * out again), then its notes and its focus.
 */
void
cp_window_add_comparison (CpWindow         *self,
                          CpComparisonFile *comparison_file)
{
  GPtrArray *documents = cp_comparison_file_get_documents (comparison_file);
  LoadJob *job;

  g_return_if_fail (CP_IS_WINDOW (self));
  g_return_if_fail (CP_IS_COMPARISON_FILE (comparison_file));

  job = start_load_job (self);
  job->comparison_file = g_object_ref (comparison_file);
  job->reading = FALSE;
  job->n_to_add = documents->len;
  job->documents = g_ptr_array_new_full (documents->len, g_object_unref);
  for (guint i = 0; i < documents->len; i++)
    g_ptr_array_add (job->documents, g_object_ref (documents->pdata[i]));
  add_next (job);
}

/**
 * cp_window_open_files:
 * @self: a #CpWindow
 * @files: (array length=n_files): files or folders
 * @n_files: the number of @files
 *
 * Loads @files off the main thread and adds a pane for each, in order. A
 * folder adds the text files in it. The files that cannot be read are
 * named in one error banner; the others are still added. A load that
 * takes a while shows a progress bar, whose Cancel button stops it.
 */
void
cp_window_open_files (CpWindow  *self,
                      GFile    **files,
                      guint      n_files)
{
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  guint n_open;
  LoadJob *job;

  g_return_if_fail (CP_IS_WINDOW (self));

  /* A comparison file opens in a window of its own, with its topics */
  reviews = g_ptr_array_sized_new (n_files);
  for (guint i = 0; i < n_files; i++)
    {
      if (cp_comparison_file_is_comparison (files[i]))
        cp_window_open_comparison_file (self, files[i]);
      else
        g_ptr_array_add (reviews, files[i]);
    }
  files = (GFile **) reviews->pdata;
  n_files = reviews->len;

  if (n_files == 0)
    return;

  n_open = cp_comparison_get_n_documents (self->comparison);
  open = g_ptr_array_sized_new (n_open);
  for (guint i = 0; i < n_open; i++)
    {
      GFile *file = cp_document_get_file (cp_comparison_get_document (self->comparison, i));

      if (file != NULL)
        g_ptr_array_add (open, file);
    }

  job = start_load_job (self);
  cp_load_documents_async (files, n_files, (GFile **) open->pdata, open->len, 0, job->progress,
                           job->cancellable, load_ready_cb, job);
}

void
cp_window_open_samples (CpWindow *self)
{
  g_autoptr(GPtrArray) samples = cp_application_list_samples ();

  if (samples->len == 0)
    {
      cp_window_add_error (self, _("The sample reviews are not installed. Reinstall Counterpoint, or open reviews of your own."));
      return;
    }
  cp_window_open_files (self, (GFile **) samples->pdata, samples->len);
}

/* --- panes --- */

static void level_mentions (CpWindow  *self,
                            const int *mentions,
                            double     y);

/**
 * cp_window_focus_mention:
 * @self: a #CpWindow
 * @pane: the pane of the mention
 * @mention: the mention's index among the review's mentions
 *
 * Focuses the mention's topic and levels every pane with @mention, where
 * it is: the other panes bring their mention of the same rank (or their
 * last one) level with it.
 */
void
cp_window_focus_mention (CpWindow     *self,
                         CpReviewPane *pane,
                         guint         mention)
{
  g_return_if_fail (CP_IS_WINDOW (self));
  g_return_if_fail (CP_IS_REVIEW_PANE (pane));

  cp_focus_focus_mention (self->focus, cp_review_pane_get_document (pane), mention);
}

/* Aligning on a ribbon is a deliberate scroll: synchronized scrolling
 * must not undo it. */
static void
ribbon_activated_cb (CpWindow     *self,
                     guint         left_mention,
                     guint         right_mention,
                     CpLinkGutter *gutter)
{
  cp_scroll_sync_set_enabled (self->scroll_sync, FALSE);
}

static void
ribbon_activated_after_cb (CpWindow     *self,
                           guint         left_mention,
                           guint         right_mention,
                           CpLinkGutter *gutter)
{
  cp_scroll_sync_set_enabled (self->scroll_sync, g_settings_get_boolean (self->settings, "sync-scroll"));
}

static void pane_layout_changed_cb (CpWindow      *self,
                                    GtkAdjustment *adjustment);

/* A review renamed keeps its name for next time */
static void
document_label_cb (CpWindow   *self,
                   GParamSpec *pspec,
                   CpDocument *document)
{
  g_autoptr(GError) error = NULL;

  if (!cp_recent_save_label (document, &error))
    cp_window_add_error (self, error->message);
}

static CpReviewPane *
ensure_pane (CpWindow   *self,
             CpDocument *document)
{
  CpReviewPane *pane = g_hash_table_lookup (self->panes, document);

  if (pane == NULL)
    {
      pane = cp_review_pane_new (self->focus, document);
      gtk_widget_set_visible (GTK_WIDGET (pane), self->n_loading == 0);
      g_hash_table_insert (self->panes, g_object_ref (document), g_object_ref_sink (pane));
      g_signal_connect_object (document, "notify::label", G_CALLBACK (document_label_cb), self, G_CONNECT_SWAPPED);
      g_settings_bind (self->settings, "overview-rulers", pane, "show-ruler", G_SETTINGS_BIND_GET);
      gtk_size_group_add_widget (self->header_group, cp_review_pane_get_header (pane));
      cp_scroll_sync_add_pane (self->scroll_sync, pane);
      g_signal_connect_object (cp_review_pane_get_vadjustment (pane), "changed",
                               G_CALLBACK (pane_layout_changed_cb), self, G_CONNECT_SWAPPED);
    }
  return pane;
}

static void update_text_style (CpWindow *self);

/* Lays the panes out in document order, with a gutter between each pair. */
static void
rebuild_panes (CpWindow *self)
{
  GtkWidget *child;
  GtkWidget *last = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n = cp_comparison_get_n_documents (self->comparison);
  CpReviewPane *previous = NULL;
  gboolean any_visible = FALSE;

  /* Forget the panes of documents that were closed */
  g_hash_table_iter_init (&iter, self->panes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!cp_comparison_find_document (self->comparison, key, NULL))
        {
          cp_scroll_sync_remove_pane (self->scroll_sync, value);
          if (gtk_widget_get_parent (value) != NULL)
            gtk_box_remove (self->panes_box, value);
          g_hash_table_iter_remove (&iter);
        }
    }

  /* Gutters are cheap: make them anew. Panes stay in the box and are only
   * reordered, so that they keep keyboard focus (and, in GTK 4.8, their
   * header buttons keep their actions). */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->panes_box));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (!CP_IS_REVIEW_PANE (child))
        gtk_box_remove (self->panes_box, child);
      child = next;
    }

  for (guint i = 0; i < n; i++)
    {
      CpReviewPane *pane = ensure_pane (self, cp_comparison_get_document (self->comparison, i));

      if (previous != NULL)
        {
          GtkWidget *gutter = cp_link_gutter_new ();

          gtk_widget_set_visible (gutter,
                                  gtk_widget_get_visible (GTK_WIDGET (previous)) &&
                                  gtk_widget_get_visible (GTK_WIDGET (pane)));

          cp_link_gutter_set_panes (CP_LINK_GUTTER (gutter), previous, pane);
          g_signal_connect_object (gutter, "ribbon-activated", G_CALLBACK (ribbon_activated_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (gutter, "ribbon-activated", G_CALLBACK (ribbon_activated_after_cb), self,
                                   G_CONNECT_SWAPPED | G_CONNECT_AFTER);
          gtk_box_insert_child_after (self->panes_box, gutter, last);
          last = gutter;
        }

      if (gtk_widget_get_parent (GTK_WIDGET (pane)) == NULL)
        gtk_box_insert_child_after (self->panes_box, GTK_WIDGET (pane), last);
      else
        gtk_box_reorder_child_after (self->panes_box, GTK_WIDGET (pane), last);
      last = GTK_WIDGET (pane);
      previous = pane;
      any_visible |= gtk_widget_get_visible (GTK_WIDGET (pane));
    }

  update_text_style (self);
  update_position (self);
  gtk_stack_set_visible_child_name (self->stack, any_visible ? "panes" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-pane", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-current-pane", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", n > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sidebar_button), n > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), n > 1);
}

static void
documents_changed_cb (CpWindow   *self,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GListModel *documents)
{
  rebuild_panes (self);
}

guint
cp_window_get_n_panes (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), 0);

  return cp_comparison_get_n_documents (self->comparison);
}

/**
 * cp_window_get_pane:
 * @self: a #CpWindow
 * @position: a position, from the left
 *
 * Returns: (transfer none): the pane at @position
 */
CpReviewPane *
cp_window_get_pane (CpWindow *self,
                    guint     position)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), NULL);
  g_return_val_if_fail (position < cp_comparison_get_n_documents (self->comparison), NULL);

  return g_hash_table_lookup (self->panes, cp_comparison_get_document (self->comparison, position));
}

CpComparison *
cp_window_get_comparison (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), NULL);

  return self->comparison;
}

guint
cp_window_get_n_loading (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), 0);

  return self->n_loading;
}

/* --- focus --- */

/**
 * cp_window_get_focus:
 * @self: a #CpWindow
 *
 * Returns: (transfer none): the focused topic and each pane's current
 *   mention, which every pane, ribbon, ruler and the topic list follow
 */
CpFocus *
cp_window_get_focus (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), NULL);

  return self->focus;
}

/**
 * cp_window_get_focus_topic:
 * @self: a #CpWindow
 *
 * Returns: the position of the focused topic in the topic set, or -1
 */
int
cp_window_get_focus_topic (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), -1);

  return cp_focus_get_topic_index (self->focus);
}

/* Scrolls each pane to its range (G_MAXUINT: leave the pane alone) so
 * that they all sit at @y, or, when some pane cannot scroll that far (its
 * range is near the start or the end of its text), at the nearest height
 * that every pane can reach. */
static void
level_ranges (CpWindow    *self,
              const guint *starts,
              const guint *ends,
              double       y)
{
  guint n = cp_window_get_n_panes (self);
  double lo = -G_MAXDOUBLE;
  double hi = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      CpReviewPane *pane = cp_window_get_pane (self, i);
      GtkAdjustment *adjustment = cp_review_pane_get_vadjustment (pane);
      double top, value, max_value;

      if (starts[i] == G_MAXUINT || !cp_review_pane_get_range_y (pane, starts[i], ends[i], &top, NULL))
        continue;

      /* the range's height when the pane is scrolled to the top */
      value = gtk_adjustment_get_value (adjustment);
      max_value = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      hi = MIN (hi, top + value);
      lo = MAX (lo, top + value - MAX (max_value, 0));
    }

  if (lo <= hi)
    y = CLAMP (y, lo, hi);
  else if (hi != G_MAXDOUBLE)
    y = (lo + hi) / 2;

  cp_scroll_sync_set_enabled (self->scroll_sync, FALSE);
  for (guint i = 0; i < n; i++)
    if (starts[i] != G_MAXUINT)
      cp_review_pane_scroll_to_range (cp_window_get_pane (self, i), starts[i], ends[i], y);
  cp_scroll_sync_set_enabled (self->scroll_sync, g_settings_get_boolean (self->settings, "sync-scroll"));
}

/* Scrolls each pane to its mention in @mentions (-1: leave the pane
 * alone), level as level_ranges () does */
static void
level_mentions (CpWindow  *self,
                const int *mentions,
                double     y)
{
  guint n = cp_window_get_n_panes (self);
  g_autofree guint *starts = g_new (guint, MAX (n, 1));
  g_autofree guint *ends = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      CpMentions *found = cp_review_pane_get_mentions (cp_window_get_pane (self, i));

      starts[i] = ends[i] = G_MAXUINT;
      if (mentions[i] >= 0 && found != NULL && (guint) mentions[i] < cp_mentions_get_n_mentions (found))
        {
          starts[i] = cp_mentions_get_char_start (found, mentions[i]);
          ends[i] = cp_mentions_get_char_end (found, mentions[i]);
        }
    }
  level_ranges (self, starts, ends, y);
}

/**
 * cp_window_level_ranges:
 * @self: a #CpWindow
 * @starts: (array): per pane, where the range to level starts, in
 *   characters, or %G_MAXUINT to leave the pane alone
 * @ends: (array): per pane, where it ends
 * @anchor: (nullable): the pane whose range stays where it is when it is
 *   in view
 *
 * Brings the ranges level with each other, as a focus move does with the
 * current mentions: at @anchor's range when it is in view, else a third of
 * the way down.
 */
void
cp_window_level_ranges (CpWindow     *self,
                        const guint  *starts,
                        const guint  *ends,
                        CpReviewPane *anchor)
{
  guint n = cp_window_get_n_panes (self);
  double top, bottom, height;
  int reference = -1;

  g_return_if_fail (CP_IS_WINDOW (self));

  for (guint i = 0; i < n && reference < 0; i++)
    if (starts[i] != G_MAXUINT && (anchor == NULL || cp_window_get_pane (self, i) == anchor))
      reference = i;
  for (guint i = 0; i < n && reference < 0; i++)
    if (starts[i] != G_MAXUINT)
      reference = i;
  if (reference < 0)
    return;

  height = gtk_widget_get_height (GTK_WIDGET (cp_review_pane_get_view (cp_window_get_pane (self, reference))));
  if (!cp_review_pane_get_range_y (cp_window_get_pane (self, reference), starts[reference], ends[reference], &top, &bottom) ||
      top < 0 || bottom > height)
    top = height * FOCUS_FRACTION;
  level_ranges (self, starts, ends, top);
}

/* The reader moved the focus: every pane brings its current mention level
 * with the anchor's, where it is when it is in view (a click keeps the
 * mention under the pointer), else a third of the way down. */

/* Each pane's current mention (-1: none), and the pane to keep in place:
 * @anchor's, else the first that has a current mention */
static CpReviewPane *
current_mentions (CpWindow   *self,
                  CpDocument *anchor,
                  int        *mentions)
{
  CpReviewPane *reference = anchor != NULL ? g_hash_table_lookup (self->panes, anchor) : NULL;
  guint n = cp_window_get_n_panes (self);

  if (reference != NULL && cp_focus_get_current (self->focus, anchor) < 0)
    reference = NULL;
  for (guint i = 0; i < n; i++)
    {
      CpReviewPane *pane = cp_window_get_pane (self, i);

      mentions[i] = cp_focus_get_current (self->focus, cp_review_pane_get_document (pane));
      if (reference == NULL && mentions[i] >= 0)
        reference = pane;
    }
  return reference;
}

/* The reader moved the focus: every pane brings its current mention level
 * with the anchor's, where it is when it is in view (a click keeps the
 * mention under the pointer), else a third of the way down. That height
 * is kept through every re-layout until the reader scrolls away. */
static void
focus_moved_cb (CpWindow   *self,
                CpDocument *anchor,
                CpFocus    *focus)
{
  g_autofree int *mentions = g_new (int, MAX (cp_window_get_n_panes (self), 1));
  CpReviewPane *reference = current_mentions (self, anchor, mentions);
  double top, bottom, height;
  int current;

  if (reference == NULL)
    return;

  current = cp_focus_get_current (focus, cp_review_pane_get_document (reference));
  height = gtk_widget_get_height (GTK_WIDGET (cp_review_pane_get_view (reference)));
  if (current < 0 || !cp_review_pane_get_mention_y (reference, current, &top, &bottom) ||
      top < 0 || bottom > height)
    top = height * FOCUS_FRACTION;

  level_mentions (self, mentions, top);
  self->level_y = top;
  self->level_valid = TRUE;
  update_position (self);
}

/* After a re-layout (the sidebar, the window's size, the text's size, a
 * pane closed, moved or added, the lines of a long review measured), the
 * current mentions are put back level at the height they had */
static gboolean
relevel_cb (gpointer user_data)
{
  CpWindow *self = user_data;
  g_autofree int *mentions = g_new (int, MAX (cp_window_get_n_panes (self), 1));

  self->relevel_source = 0;
  if (!self->level_valid || cp_focus_get_topic (self->focus) == NULL)
    return G_SOURCE_REMOVE;

  if (current_mentions (self, cp_focus_get_anchor (self->focus), mentions) != NULL)
    level_mentions (self, mentions, self->level_y);
  return G_SOURCE_REMOVE;
}

static void
queue_relevel (CpWindow *self)
{
  if (self->level_valid && self->relevel_source == 0)
    self->relevel_source = g_idle_add_full (RELEVEL_PRIORITY, relevel_cb, self, NULL);
}

static void
pane_layout_changed_cb (CpWindow      *self,
                        GtkAdjustment *adjustment)
{
  queue_relevel (self);
}

/* The reader scrolled: the level follows the anchor's current mention
 * while it stays in view, and is let go of when it leaves */
static gboolean
reader_scrolled_cb (gpointer user_data)
{
  CpWindow *self = user_data;
  g_autofree int *mentions = g_new (int, MAX (cp_window_get_n_panes (self), 1));
  CpReviewPane *reference;
  double top, bottom;

  self->scrolled_source = 0;
  if (!self->level_valid)
    return G_SOURCE_REMOVE;

  reference = current_mentions (self, cp_focus_get_anchor (self->focus), mentions);
  if (reference != NULL &&
      cp_review_pane_get_mention_y (reference, cp_focus_get_current (self->focus, cp_review_pane_get_document (reference)),
                                    &top, &bottom) &&
      top >= 0 && bottom <= gtk_widget_get_height (GTK_WIDGET (cp_review_pane_get_view (reference))))
    self->level_y = top;
  else
    self->level_valid = FALSE;
  return G_SOURCE_REMOVE;
}

static void
reader_scrolling (CpWindow *self)
{
  /* A re-level waiting for the layout would undo the reader's scroll */
  g_clear_handle_id (&self->relevel_source, g_source_remove);
  if (self->level_valid && self->scrolled_source == 0)
    self->scrolled_source = g_idle_add_full (RELEVEL_PRIORITY, reader_scrolled_cb, self, NULL);
}

static gboolean
panes_wheel_cb (CpWindow                 *self,
                double                    dx,
                double                    dy,
                GtkEventControllerScroll *controller)
{
  if (dy != 0)
    reader_scrolling (self);
  return FALSE;
}

static gboolean
panes_key_cb (CpWindow              *self,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              GtkEventControllerKey *controller)
{
  switch (keyval)
    {
    case GDK_KEY_Page_Up:
    case GDK_KEY_Page_Down:
    case GDK_KEY_Up:
    case GDK_KEY_Down:
    case GDK_KEY_Home:
    case GDK_KEY_End:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_KP_Up:
    case GDK_KEY_KP_Down:
    case GDK_KEY_space:
      reader_scrolling (self);
      break;

    default:
      break;
    }
  return FALSE;
}

static void
set_position_text (CpWindow   *self,
                   const char *text,
                   const char *tooltip)
{
  GtkWidget *widget = GTK_WIDGET (self->position_label);

  if (g_strcmp0 (gtk_inscription_get_text (self->position_label), text) != 0)
    {
      gtk_inscription_set_text (self->position_label, text);
      /* GTK 4.8's inscription has no accessible text of its own */
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text != NULL ? text : "",
                                      -1);
    }
  /* Setting a tooltip lays the window out again: it is asked for */
  g_free (self->position_tooltip);
  self->position_tooltip = g_strdup (tooltip);
}

static gboolean
position_query_tooltip_cb (CpWindow   *self,
                           int         x,
                           int         y,
                           gboolean    keyboard,
                           GtkTooltip *tooltip)
{
  if (self->position_tooltip == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, self->position_tooltip);
  return TRUE;
}

/* The header bar says where the reader is: the focused topic, and which
 * of its mentions in the review the reader is in is the current one;
 * with no topic focused, how many reviews are open. The line is there
 * whenever a review is, so that the title does not move, and only its
 * text changes on a focus change: a label that appears, disappears or
 * gets new text lays the whole window out again, and on X11 repaints all
 * of it (three times the cost of the panes' own repaint). */
static void
update_position (CpWindow *self)
{
  CpTopic *topic = cp_focus_get_topic (self->focus);
  guint n_panes = cp_window_get_n_panes (self);
  g_autofree int *mentions = g_new (int, MAX (n_panes, 1));
  CpReviewPane *reference;
  g_autofree char *position = NULL;
  g_autofree char *tooltip = NULL;

  reference = topic != NULL ? current_mentions (self, cp_focus_get_anchor (self->focus), mentions) : NULL;
  if (topic == NULL)
    {
      if (n_panes > 0)
        {
          position = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u review", "%u reviews", n_panes), n_panes);
          tooltip = g_strdup (_("Pick a topic to follow it through every review"));
        }
      set_position_text (self, position, tooltip);
      gtk_widget_set_visible (GTK_WIDGET (self->position_label), n_panes > 0);
      return;
    }

  if (reference != NULL)
    {
      CpMentions *found = cp_review_pane_get_mentions (reference);
      int current = cp_focus_get_current (self->focus, cp_review_pane_get_document (reference));
      guint count = cp_mentions_get_count (found, cp_focus_get_topic_index (self->focus));
      guint rank = cp_mentions_get_rank (found, current) + 1;

      /* Translators: the focused topic · which of its mentions is current, in the review the reader is in */
      position = g_strdup_printf (_("%s · %u of %u"), cp_topic_get_display_label (topic), rank, count);
      /* Translators: the header bar's tooltip: mention 2 of 5 in “A review's title” */
      tooltip = g_strdup_printf (_("Mention %u of %u in “%s”"), rank, count,
                                 cp_document_get_title (cp_review_pane_get_document (reference)));
    }
  else
    {
      /* Translators: the focused topic, which no open review mentions */
      position = g_strdup_printf (_("%s · not mentioned"), cp_topic_get_display_label (topic));
    }

  set_position_text (self, position, tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->position_label), TRUE);
}

static void
focus_current_changed_cb (CpWindow   *self,
                          CpDocument *document,
                          CpFocus    *focus)
{
  update_position (self);
}

static void
focus_topic_cb (CpWindow   *self,
                GParamSpec *pspec,
                CpFocus    *focus)
{
  gboolean focused = cp_focus_get_topic (focus) != NULL;

  if (!focused)
    self->level_valid = FALSE;
  update_position (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-mention", focused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-mention", focused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-focus", focused);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_TOPIC]);
}

/**
 * cp_window_set_focus_topic:
 * @self: a #CpWindow
 * @topic: a topic's position in the topic set, or -1
 *
 * Focuses @topic (see #CpFocus): every pane emphasizes it, dims the
 * others and brings its first mention into view, level with each other.
 * -1 clears.
 */
void
cp_window_set_focus_topic (CpWindow *self,
                           int       topic)
{
  CpTopicSet *topics;

  g_return_if_fail (CP_IS_WINDOW (self));

  topics = cp_comparison_get_topics (self->comparison);
  cp_focus_set_topic (self->focus,
                      topic >= 0 && (guint) topic < cp_topic_set_get_n_topics (topics)
                      ? cp_topic_set_get_topic (topics, topic)
                      : NULL);
}

/**
 * cp_window_move_to_mention:
 * @self: a #CpWindow
 * @forward: next or previous
 *
 * Moves every pane that mentions the focused topic to its next (or
 * previous) mention, all at the same height; at the end, wraps around.
 */
void
cp_window_move_to_mention (CpWindow *self,
                           gboolean  forward)
{
  g_return_if_fail (CP_IS_WINDOW (self));

  cp_focus_step (self->focus, forward);
}

/* --- text appearance --- */

static void
update_text_style (CpWindow *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "font");
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  g_autoptr(GString) css = g_string_new ("textview.review {");
  int zoom = g_settings_get_int (self->settings, "zoom");
  double size = pango_font_description_get_size (desc) / (double) PANGO_SCALE;
  gboolean wrap = g_settings_get_boolean (self->settings, "wrap");
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  int pane_width;

  if (size <= 0)
    size = 12;
  size = MAX (6, size * (1.0 + 0.1 * zoom));

  if (pango_font_description_get_family (desc) != NULL)
    g_string_append_printf (css, " font-family: \"%s\";", pango_font_description_get_family (desc));
  /* CSS wants a point, not the locale's decimal comma */
  g_string_append_printf (css, " font-size: %spt;", g_ascii_formatd (number, sizeof number, "%.1f", size));
  if (pango_font_description_get_weight (desc) != PANGO_WEIGHT_NORMAL)
    g_string_append_printf (css, " font-weight: %d;", (int) pango_font_description_get_weight (desc));
  if (pango_font_description_get_style (desc) == PANGO_STYLE_ITALIC)
    g_string_append (css, " font-style: italic;");
  g_string_append (css, " }");

  /* Loading a style sheet restyles, and so lays out, every view */
  if (g_strcmp0 (css->str, self->text_css_data) != 0)
    {
      gtk_css_provider_load_from_data (self->text_css, css->str, -1);
      g_free (self->text_css_data);
      self->text_css_data = g_strdup (css->str);
    }

  /* Panes share the window equally, each at least a readable measure of
   * text (about 34 em, or 10 em when they are asked to fit): past that
   * the row of panes scrolls sideways. Their titles do not widen them. */
  pane_width = (int) ((g_settings_get_boolean (self->settings, "fit-all-panes") ? FIT_PANE_EMS : READABLE_PANE_EMS) *
                      size * 96.0 / 72.0) + PANE_CHROME_WIDTH;

  for (guint i = 0; i < cp_window_get_n_panes (self); i++)
    {
      CpReviewPane *pane = cp_window_get_pane (self, i);
      GtkTextView *view = cp_review_pane_get_view (pane);
      double spacing = g_settings_get_double (self->settings, "line-spacing");
      int pixels = (int) ((spacing - 1.0) * size * 96.0 / 72.0 + 0.5);
      GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
      GtkPolicyType vpolicy;

      gtk_widget_set_size_request (GTK_WIDGET (pane), pane_width, -1);
      gtk_text_view_set_wrap_mode (view, wrap ? GTK_WRAP_WORD_CHAR : GTK_WRAP_NONE);
      gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (scroller), NULL, &vpolicy);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                      wrap ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC, vpolicy);
      gtk_text_view_set_pixels_inside_wrap (view, pixels);
      gtk_text_view_set_pixels_below_lines (view, pixels);
    }
  cp_scroll_sync_invalidate (self->scroll_sync);
}

static void
text_settings_changed_cb (CpWindow   *self,
                          const char *key,
                          GSettings  *settings)
{
  update_text_style (self);
}

/* --- scrolling sideways --- */

/* After the row of panes was scrolled sideways, it settles with a pane's
 * edge at the left, as Meld's panes do, unless the end is reached. */
static gboolean
snap_panes_cb (gpointer user_data)
{
  CpWindow *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->panes_scroller);
  double value = gtk_adjustment_get_value (adjustment);
  double max_value = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  double best = value;
  double best_distance = G_MAXDOUBLE;

  self->snap_source = 0;
  if (value <= 0 || value >= max_value - 0.5)
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < cp_window_get_n_panes (self); i++)
    {
      GtkWidget *pane = GTK_WIDGET (cp_window_get_pane (self, i));
      graphene_point_t point;

      if (!gtk_widget_get_visible (pane) ||
          !gtk_widget_compute_point (pane, GTK_WIDGET (self->panes_box), &GRAPHENE_POINT_INIT (0, 0), &point))
        continue;
      if (fabs (point.x - value) < best_distance)
        {
          best_distance = fabs (point.x - value);
          best = MIN (point.x, max_value);
        }
    }

  if (fabs (best - value) > 0.5)
    {
      self->snapping = TRUE;
      gtk_adjustment_set_value (adjustment, best);
      self->snapping = FALSE;
    }
  return G_SOURCE_REMOVE;
}

static void
panes_scrolled_cb (CpWindow      *self,
                   GtkAdjustment *adjustment)
{
  if (self->snapping)
    return;
  g_clear_handle_id (&self->snap_source, g_source_remove);
  self->snap_source = g_timeout_add (SNAP_DELAY_MS, snap_panes_cb, self);
}

/* --- GObject --- */

static void
cp_window_constructed (GObject *object)
{
  CpWindow *self = CP_WINDOW (object);

  G_OBJECT_CLASS (cp_window_parent_class)->constructed (object);

  /* A window opened on a comparison file has the file's topics; any
   * other works on the user's own. The application property is set after
   * construction: the default application is the one creating the window. */
  if (self->topics == NULL)
    {
      self->topics = g_object_ref (cp_application_get_topics (NULL));
      self->own_topics = FALSE;
    }
  self->comparison = cp_comparison_new (self->topics);
  /* First of the comparison's listeners: after a re-tagging, the panes
   * find their current mentions where the focus put them again */
  self->focus = cp_focus_new (self->comparison);
  g_signal_connect_object (self->focus, "notify::topic", G_CALLBACK (focus_topic_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->focus, "moved", G_CALLBACK (focus_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->focus, "current-changed", G_CALLBACK (focus_current_changed_cb), self, G_CONNECT_SWAPPED);
  if (!self->own_topics)
    {
      g_signal_connect_object (self->topics, "items-changed",
                               G_CALLBACK (topics_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->topics, "topic-changed",
                               G_CALLBACK (topics_changed_cb), self, G_CONNECT_SWAPPED);
    }

  cp_topic_list_set_focus (self->topic_list, self->focus);
  g_signal_connect_object (cp_comparison_get_documents (self->comparison), "items-changed",
                           G_CALLBACK (documents_changed_cb), self, G_CONNECT_SWAPPED);
  cp_window_topics_init (self);
  cp_window_print_init (self);
  cp_window_notices_init (self);
  cp_window_import_init (self);
  cp_window_file_init (self);
  cp_window_monitor_init (self);
  cp_window_notes_init (self);
  cp_window_actions_init (self);
  rebuild_panes (self);
}

static gboolean
is_last_window (CpWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    {
      if (l->data != (gpointer) self && CP_IS_WINDOW (l->data))
        return FALSE;
    }

  return TRUE;
}

static gboolean
cp_window_close_request (GtkWindow *window)
{
  CpWindow *self = CP_WINDOW (window);
  GtkApplication *application = gtk_window_get_application (window);
  int width, height;

  /* Not with the comparison's notes or changes unsaved */
  if (!cp_window_file_confirm_close (self))
    return TRUE;

  /* The last window to close quits: not with the user's topics unsaved */
  if (CP_IS_APPLICATION (application) && is_last_window (self)
      && !cp_application_confirm_quit (CP_APPLICATION (application), window))
    return TRUE;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_int (self->settings, "topic-list-height", MAX (80, cp_window_get_topic_list_height (self)));
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (cp_window_parent_class)->close_request (window);
}

static void
cp_window_dispose (GObject *object)
{
  CpWindow *self = CP_WINDOW (object);

  /* Kept until finalize: pending loads check it */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->snap_source, g_source_remove);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_handle_id (&self->relevel_source, g_source_remove);
  g_clear_handle_id (&self->scrolled_source, g_source_remove);
  cp_window_topics_dispose (self);
  cp_window_notices_dispose (self);
  cp_window_file_dispose (self);
  cp_window_monitor_dispose (self);
  if (self->snapshot_source != 0)
    save_topics_snapshot (self);

  if (self->text_css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->text_css));
  g_clear_object (&self->text_css);

  /* GtkWindow disposes its child and titlebar itself */

  g_clear_pointer (&self->panes, g_hash_table_unref);
  g_clear_object (&self->recent_menu);
  g_clear_object (&self->header_group);
  g_clear_object (&self->search_matcher);
  g_clear_weak_pointer (&self->search_anchor);
  g_clear_object (&self->scroll_sync);
  g_clear_object (&self->focus);
  g_clear_object (&self->comparison);
  g_clear_object (&self->topics);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cp_window_parent_class)->dispose (object);
}

static void
cp_window_finalize (GObject *object)
{
  CpWindow *self = CP_WINDOW (object);

  /* Each pending load holds the window: none is left by now */
  g_assert (self->loads->len == 0);
  g_clear_pointer (&self->loads, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->text_css_data, g_free);
  g_clear_pointer (&self->position_tooltip, g_free);

  G_OBJECT_CLASS (cp_window_parent_class)->finalize (object);
}

static void
cp_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CpWindow *self = CP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FOCUS_TOPIC:
      g_value_set_int (value, cp_focus_get_topic_index (self->focus));
      break;

    case PROP_N_LOADING:
      g_value_set_uint (value, self->n_loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CpWindow *self = CP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FOCUS_TOPIC:
      cp_window_set_focus_topic (self, g_value_get_int (value));
      break;

    case PROP_TOPICS:
      /* construct-only */
      self->topics = g_value_dup_object (value);
      self->own_topics = self->topics != NULL;
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_window_class_init (CpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cp_window_constructed;
  object_class->dispose = cp_window_dispose;
  object_class->finalize = cp_window_finalize;
  object_class->get_property = cp_window_get_property;
  object_class->set_property = cp_window_set_property;
  window_class->close_request = cp_window_close_request;

  properties[PROP_FOCUS_TOPIC] =
    g_param_spec_int ("focus-topic", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_LOADING] =
    g_param_spec_uint ("n-loading", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The topics of the comparison, when not the user's: a comparison
   * file's own */
  properties[PROP_TOPICS] =
    g_param_spec_object ("topics", NULL, NULL,
                         CP_TYPE_TOPIC_SET,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CpWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, position_label);
  gtk_widget_class_bind_template_callback (widget_class, position_query_tooltip_cb);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, find_button);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, search_label);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, banners);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, sidebar_revealer);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, sidebar_paned);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, topic_list);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, theme_list);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, panes_scroller);
  gtk_widget_class_bind_template_child (widget_class, CpWindow, panes_box);

  cp_window_class_actions_init (klass);
  cp_window_class_topics_init (klass);
  cp_window_class_print_init (klass);
  cp_window_class_notices_init (klass);
  cp_window_class_import_init (klass);
  cp_window_class_file_init (klass);
  cp_window_class_notes_init (klass);
}

static void
cp_window_init (CpWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GMenuModel *menu;

  g_type_ensure (CP_TYPE_TOPIC_LIST);
  g_type_ensure (CP_TYPE_THEME_LIST);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->loads = g_ptr_array_new ();
  self->settings = g_settings_new (APP_ID);
  self->scroll_sync = cp_scroll_sync_new ();
  self->panes = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
  self->header_group = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);
  self->text_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->text_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);

  builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/menus.ui");
  menu = G_MENU_MODEL (gtk_builder_get_object (builder, "primary_menu"));
  gtk_menu_button_set_menu_model (self->menu_button, menu);
  self->recent_menu = g_object_ref (G_MENU (gtk_builder_get_object (builder, "recent_menu")));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "sync-scroll", self->scroll_sync, "enabled", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "sidebar-visible", self->sidebar_revealer, "reveal-child", G_SETTINGS_BIND_DEFAULT);
  /* Read here, saved on closing, like the window's size: a paned clamps
   * its position while the window shrinks, which is not a choice. */
  gtk_paned_set_position (self->sidebar_paned, g_settings_get_int (self->settings, "topic-list-height"));
  g_signal_connect_object (self->settings, "changed::font", G_CALLBACK (text_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::zoom", G_CALLBACK (text_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::wrap", G_CALLBACK (text_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::line-spacing", G_CALLBACK (text_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::fit-all-panes", G_CALLBACK (text_settings_changed_cb), self, G_CONNECT_SWAPPED);
  {
    g_autoptr(GAction) fit_all = g_settings_create_action (self->settings, "fit-all-panes");

    g_action_map_add_action (G_ACTION_MAP (self), fit_all);
  }
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->panes_scroller), "value-changed",
                           G_CALLBACK (panes_scrolled_cb), self, G_CONNECT_SWAPPED);
  {
    /* Seen before the panes' own scrolled windows take the events */
    GtkEventController *wheel = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (wheel, GTK_PHASE_CAPTURE);
    g_signal_connect_object (wheel, "scroll", G_CALLBACK (panes_wheel_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->panes_box), wheel);
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (panes_key_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->panes_box), keys);
  }

}

CpWindow *
cp_window_new (CpApplication *application)
{
  return g_object_new (CP_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
