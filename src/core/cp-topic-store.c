/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-error.h"
#include "cp-topic-store.h"

/**
 * CpTopicStore:
 *
 * The user's own topic set, kept in one `.topics` file (the application
 * uses `$XDG_DATA_HOME/counterpoint/topics.topics`).
 *
 * cp_topic_store_load() reads it; a file that does not exist yet gives
 * the bundled default topics. A file that exists but cannot be read or
 * parsed is never overwritten: it is renamed with a `.bak` suffix (`.bak.2`,
 * `.bak.3`… when that name is taken), the store starts from the defaults,
 * and the error says where the old file went. If it cannot even be renamed,
 * the store does not save at all, so that the file stays as it is.
 *
 * After loading, every change to the set (topics added, removed or
 * edited) is saved on its own, atomically, half a second after the last
 * one; cp_topic_store_flush() saves a pending change at once (the
 * application calls it when it shuts down). A save that fails is reported
 * with the `save-failed` signal; the change stays unsaved, and is tried
 * again every half minute, at the next change and at cp_topic_store_flush(),
 * until a save succeeds.
 */

#define SAVE_DELAY_MS 500
#define RETRY_DELAY_S 30

struct _CpTopicStore
{
  GObject     parent_instance;

  GFile      *file;
  GFile      *backup;
  CpTopicSet *topics;

  guint       save_source;
  gboolean    unsaved;     /* a change no save has written yet */
  gboolean    loaded;
  gboolean    read_only;
};

G_DEFINE_FINAL_TYPE (CpTopicStore, cp_topic_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_TOPICS,
  N_PROPS
};

enum {
  SAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
save_timeout_cb (gpointer data)
{
  CpTopicStore *self = data;
  g_autoptr(GError) error = NULL;

  self->save_source = 0;
  if (!cp_topic_store_save (self, &error))
    {
      g_signal_emit (self, signals[SAVE_FAILED], 0, error);
      /* Disk full, a read-only folder: they may mend themselves */
      if (self->save_source == 0 && self->unsaved)
        {
          self->save_source = g_timeout_add_seconds (RETRY_DELAY_S, save_timeout_cb, self);
          g_source_set_name_by_id (self->save_source, "[counterpoint] save topics again");
        }
    }

  return G_SOURCE_REMOVE;
}

static void
schedule_save (CpTopicStore *self)
{
  if (!self->loaded || self->read_only)
    return;

  self->unsaved = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
  g_source_set_name_by_id (self->save_source, "[counterpoint] save topics");
}

static void
topics_items_changed_cb (CpTopicStore *self,
                         guint         position,
                         guint         removed,
                         guint         added,
                         GListModel   *model)
{
  schedule_save (self);
}

static void
topic_changed_cb (CpTopicStore *self,
                  CpTopic      *topic,
                  GParamSpec   *pspec,
                  CpTopicSet   *topics)
{
  schedule_save (self);
}

static void
cp_topic_store_constructed (GObject *object)
{
  CpTopicStore *self = (CpTopicStore *)object;

  G_OBJECT_CLASS (cp_topic_store_parent_class)->constructed (object);

  g_assert (G_IS_FILE (self->file));

  self->topics = cp_topic_set_new ();
  g_signal_connect_object (self->topics, "items-changed",
                           G_CALLBACK (topics_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->topics, "topic-changed",
                           G_CALLBACK (topic_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
cp_topic_store_dispose (GObject *object)
{
  CpTopicStore *self = (CpTopicStore *)object;

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_object (&self->topics);
  g_clear_object (&self->file);
  g_clear_object (&self->backup);

  G_OBJECT_CLASS (cp_topic_store_parent_class)->dispose (object);
}

static void
cp_topic_store_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CpTopicStore *self = CP_TOPIC_STORE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_TOPICS:
      g_value_set_object (value, self->topics);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_topic_store_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CpTopicStore *self = CP_TOPIC_STORE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_topic_store_class_init (CpTopicStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cp_topic_store_constructed;
  object_class->dispose = cp_topic_store_dispose;
  object_class->get_property = cp_topic_store_get_property;
  object_class->set_property = cp_topic_store_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOPICS] =
    g_param_spec_object ("topics", NULL, NULL,
                         CP_TYPE_TOPIC_SET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CpTopicStore::save-failed:
   * @self: the store
   * @error: what went wrong, naming the file
   *
   * An automatic save failed; the next change tries again.
   */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
cp_topic_store_init (CpTopicStore *self)
{
}

/**
 * cp_topic_store_new:
 * @file: where the user's topics live; need not exist yet
 *
 * Returns: (transfer full): a store holding an empty set until
 *   cp_topic_store_load() is called
 */
CpTopicStore *
cp_topic_store_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (CP_TYPE_TOPIC_STORE, "file", file, NULL);
}

GFile *
cp_topic_store_get_file (CpTopicStore *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_STORE (self), NULL);

  return self->file;
}

/**
 * cp_topic_store_get_topics:
 * @self: a #CpTopicStore
 *
 * Returns: (transfer none): the user's topics; the same object for the
 *   store's whole life, its contents replaced by cp_topic_store_load()
 */
CpTopicSet *
cp_topic_store_get_topics (CpTopicStore *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_STORE (self), NULL);

  return self->topics;
}

/**
 * cp_topic_store_get_backup:
 * @self: a #CpTopicStore
 *
 * Returns: (transfer none) (nullable): where an unreadable topics file
 *   was moved by the last cp_topic_store_load(), or %NULL
 */
GFile *
cp_topic_store_get_backup (CpTopicStore *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_STORE (self), NULL);

  return self->backup;
}

static void
load_defaults (CpTopicStore *self)
{
  g_autoptr(CpTopicSet) defaults = cp_topic_set_new_default ();
  g_autofree char *data = cp_topic_set_to_data (defaults, NULL);
  g_autoptr(GError) error = NULL;

  if (!cp_topic_set_load_from_data (self->topics, data, -1, "default.topics", &error))
    g_critical ("Cannot load the bundled topics: %s", error->message);
}

/* Renames @file to the first free FILE.bak, FILE.bak.2, … */
static GFile *
move_aside (GFile   *file,
            GError **error)
{
  g_autofree char *path = g_file_get_path (file);

  for (guint i = 1; i < 100; i++)
    {
      g_autofree char *name = i == 1 ? g_strconcat (path, ".bak", NULL)
                                     : g_strdup_printf ("%s.bak.%u", path, i);
      g_autoptr(GFile) backup = g_file_new_for_path (name);
      g_autoptr(GError) local_error = NULL;

      if (g_file_move (file, backup, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, &local_error))
        return g_steal_pointer (&backup);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  /* Translators: %s is the topics file's path; its backups are PATH.bak, PATH.bak.1… */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("%s.bak: too many backups already; move some of them away, then try again."), path);
  return NULL;
}

/**
 * cp_topic_store_load:
 * @self: a #CpTopicStore
 * @error: return location for an error
 *
 * Reads the user's topics into the store's set, replacing what it held;
 * the defaults when the file does not exist yet. From then on, changes
 * are saved on their own.
 *
 * Returns: %TRUE if the file was read, or did not exist; %FALSE with
 *   @error set if it exists but could not be read, in which case the set
 *   holds the defaults and the file was moved aside (see
 *   cp_topic_store_get_backup()) or, if it could not be moved, is left
 *   alone and never saved over
 */
gboolean
cp_topic_store_load (CpTopicStore  *self,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) move_error = NULL;
  g_autoptr(CpTopicSet) loaded = NULL;
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;

  g_return_val_if_fail (CP_IS_TOPIC_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_object (&self->backup);
  self->loaded = FALSE;
  self->read_only = FALSE;

  loaded = cp_topic_set_new_from_file (self->file, NULL, &local_error);
  if (loaded != NULL)
    {
      data = cp_topic_set_to_data (loaded, NULL);
      if (cp_topic_set_load_from_data (self->topics, data, -1, NULL, &local_error))
        {
          self->loaded = TRUE;
          return TRUE;
        }
    }

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      load_defaults (self);
      self->loaded = TRUE;
      return TRUE;
    }

  /* It exists and is not what we can read: keep it, start afresh. */
  load_defaults (self);
  name = g_file_get_parse_name (self->file);
  self->backup = move_aside (self->file, &move_error);
  if (self->backup != NULL)
    {
      g_autofree char *backup_name = g_file_get_parse_name (self->backup);

      g_set_error (error, CP_ERROR, CP_ERROR_INVALID_TOPICS,
                   _("Your topics in “%s” could not be read (%s). The file was kept as “%s”; "
                     "Counterpoint starts from the default topics. Fix the file and import it to get them back."),
                   name, local_error->message, backup_name);
    }
  else
    {
      self->read_only = TRUE;
      g_set_error (error, CP_ERROR, CP_ERROR_INVALID_TOPICS,
                   _("Your topics in “%s” could not be read (%s), nor set aside (%s). "
                     "Counterpoint uses the default topics and will not save over the file until it is fixed or moved."),
                   name, local_error->message, move_error->message);
    }
  self->loaded = TRUE;

  return FALSE;
}

/**
 * cp_topic_store_save:
 * @self: a #CpTopicStore
 * @error: return location for an error
 *
 * Saves the set now, atomically, creating the file's folder if needed.
 * Does nothing (and succeeds) before cp_topic_store_load() or after it
 * could neither read nor set aside the file.
 *
 * Returns: %TRUE on success
 */
gboolean
cp_topic_store_save (CpTopicStore  *self,
                     GError       **error)
{
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CP_IS_TOPIC_STORE (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->loaded || self->read_only)
    return TRUE;

  parent = g_file_get_parent (self->file);
  if (parent != NULL &&
      !g_file_make_directory_with_parents (parent, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_autofree char *name = g_file_get_parse_name (parent);

      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("Could not create the folder “%s” for your topics: %s"),
                   name, local_error->message);
      return FALSE;
    }

  if (!cp_topic_set_save_to_file (self->topics, self->file, NULL, error))
    return FALSE;

  self->unsaved = FALSE;
  return TRUE;
}

/**
 * cp_topic_store_flush:
 * @self: a #CpTopicStore
 * @error: return location for an error
 *
 * Saves at once if a change is waiting to be saved, or if a save failed
 * since the last one that succeeded.
 *
 * Returns: %TRUE on success or when there was nothing to save
 */
gboolean
cp_topic_store_flush (CpTopicStore  *self,
                      GError       **error)
{
  g_return_val_if_fail (CP_IS_TOPIC_STORE (self), FALSE);

  /* A change waiting for its save, or one whose save failed */
  if (!self->unsaved)
    return TRUE;

  return cp_topic_store_save (self, error);
}
