/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The recent comparisons behind Open Recent: the sets of reviews opened
 * together (the "recent-comparisons" setting, newest first, at most ten),
 * each with the topics it had kept in a file of its own.
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "cp-file.h"
#include "cp-recent.h"

#define MAX_RECENT 10

/**
 * cp_recent_dup_uris:
 * @comparison: a #CpComparison
 *
 * Returns: (transfer full) (nullable): the URIs of the documents of
 *   @comparison that come from files, in order; %NULL when none does
 */
GStrv
cp_recent_dup_uris (CpComparison *comparison)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = cp_comparison_get_n_documents (comparison);
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    {
      GFile *file = cp_document_get_file (cp_comparison_get_document (comparison, i));

      if (file != NULL)
        {
          g_autofree char *uri = g_file_get_uri (file);

          g_strv_builder_add (builder, uri);
          any = TRUE;
        }
    }

  return any ? g_strv_builder_end (builder) : NULL;
}

/**
 * cp_recent_dup_topics_file:
 * @uris: the URIs of a comparison's reviews
 *
 * Where the topics of a set of reviews are kept:
 * $XDG_DATA_HOME/counterpoint/comparisons/SHA256-OF-THE-URIS.topics
 *
 * Returns: (transfer full): the file
 */
GFile *
cp_recent_dup_topics_file (const char * const *uris)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *name = NULL;

  for (guint i = 0; uris[i] != NULL; i++)
    g_checksum_update (checksum, (const guchar *) uris[i], strlen (uris[i]) + 1);
  name = g_strconcat (g_checksum_get_string (checksum), ".topics", NULL);

  return g_file_new_build_filename (g_get_user_data_dir (), "counterpoint", "comparisons", name, NULL);
}

/**
 * cp_recent_remember:
 * @settings: the application's settings
 * @uris: the URIs of a comparison's reviews
 *
 * Puts the comparison first in the recent comparisons (once), and its
 * files in the desktop's recent files.
 */
void
cp_recent_remember (GSettings          *settings,
                    const char * const *uris)
{
  g_autoptr(GVariant) old = g_settings_get_value (settings, "recent-comparisons");
  GtkRecentManager *recent = gtk_recent_manager_get_default ();
  GVariantBuilder builder;
  GVariantIter iter;
  GVariant *child;
  guint kept = 1;

  for (guint i = 0; uris[i] != NULL; i++)
    gtk_recent_manager_add_item (recent, uris[i]);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aas"));
  g_variant_builder_add_value (&builder, g_variant_new_strv (uris, -1));

  g_variant_iter_init (&iter, old);
  while ((child = g_variant_iter_next_value (&iter)) && kept < MAX_RECENT)
    {
      g_autofree const char **strv = g_variant_get_strv (child, NULL);

      if (!g_strv_equal (strv, uris))
        {
          g_variant_builder_add_value (&builder, child);
          kept++;
        }
      g_variant_unref (child);
    }
  g_clear_pointer (&child, g_variant_unref);

  g_settings_set_value (settings, "recent-comparisons", g_variant_builder_end (&builder));
}

/**
 * cp_recent_dup_comparison:
 * @settings: the application's settings
 * @index: the position in the recent comparisons, newest first
 *
 * Returns: (transfer full) (nullable): the URIs of the comparison at
 *   @index, or %NULL when there are fewer
 */
GStrv
cp_recent_dup_comparison (GSettings *settings,
                          guint      index)
{
  g_autoptr(GVariant) recent = g_settings_get_value (settings, "recent-comparisons");
  g_autoptr(GVariant) entry = NULL;

  if (index >= g_variant_n_children (recent))
    return NULL;

  entry = g_variant_get_child_value (recent, index);

  return g_variant_dup_strv (entry, NULL);
}

/**
 * cp_recent_fill_menu:
 * @settings: the application's settings
 * @menu: the Open Recent menu
 *
 * Lists the recent comparisons in @menu, newest first, each as the names
 * of its first files, activating win.open-recent with its position.
 */
void
cp_recent_fill_menu (GSettings *settings,
                     GMenu     *menu)
{
  g_autoptr(GVariant) recent = g_settings_get_value (settings, "recent-comparisons");
  guint n = g_variant_n_children (recent);

  g_menu_remove_all (menu);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (recent, i);
      g_autofree const char **uris = g_variant_get_strv (entry, NULL);
      g_autoptr(GString) label = g_string_new (NULL);
      g_autoptr(GMenuItem) item = NULL;
      guint n_uris = g_strv_length ((char **) uris);

      for (guint j = 0; j < MIN (n_uris, 3); j++)
        {
          g_autoptr(GFile) file = g_file_new_for_uri (uris[j]);
          g_autofree char *name = g_file_get_basename (file);

          if (j > 0)
            g_string_append (label, ", ");
          g_string_append (label, name);
        }
      if (n_uris > 3)
        /* Translators: ends a list of file names, e.g. "a.txt, b.txt, c.txt and 2 more" */
        g_string_append_printf (label, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", n_uris - 3), n_uris - 3);

      item = g_menu_item_new (label->str, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "u", i);
      g_menu_append_item (menu, item);
    }

  if (n == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Comparisons"), "win.no-recent");

      g_menu_append_item (menu, item);
    }
}

/* The names readers gave reviews, by the review's URI, so that a review
 * keeps its name when it is opened again, alone or in a recent
 * comparison: $XDG_DATA_HOME/counterpoint/labels.ini */
#define LABELS_GROUP "Labels"

static char *
labels_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "counterpoint", "labels.ini", NULL);
}

static char *
document_uri (CpDocument *document)
{
  GFile *file = cp_document_get_file (document);

  return file != NULL ? g_file_get_uri (file) : NULL;
}

/* Review names are short: a labels file larger than this is not ours */
#define MAX_LABELS_SIZE (4 * 1024 * 1024)

/* Reads the labels file with the guards every file we read has: a FIFO
 * or a device is refused without being opened, a huge file unread */
static gboolean
load_labels (GKeyFile       *keyfile,
             const char     *path,
             GKeyFileFlags   flags,
             GError        **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  gsize length;

  if (!cp_file_load_contents (file, MAX_LABELS_SIZE, _("list of review names"), NULL,
                              &contents, &length, error))
    return FALSE;
  return g_key_file_load_from_data (keyfile, contents, length, flags, error);
}

/**
 * cp_recent_restore_labels:
 * @documents: (element-type CpDocument): reviews just read
 *
 * Gives each review the name the reader gave it last time, if any; the
 * labels file is read once for them all.
 */
void
cp_recent_restore_labels (GPtrArray *documents)
{
  g_autofree char *path = labels_path ();
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  if (documents->len == 0 || !load_labels (keyfile, path, G_KEY_FILE_NONE, NULL))
    return;

  for (guint i = 0; i < documents->len; i++)
    {
      g_autofree char *uri = document_uri (documents->pdata[i]);
      g_autofree char *label = uri != NULL ? g_key_file_get_string (keyfile, LABELS_GROUP, uri, NULL) : NULL;

      if (label != NULL)
        cp_document_set_label (documents->pdata[i], label);
    }
}

/**
 * cp_recent_save_label:
 * @document: a review whose name changed
 * @error: return location for a #GError
 *
 * Keeps @document's name (or forgets it, when it has none) for next
 * time. A labels file that cannot be read is left as it is.
 *
 * Returns: %FALSE, with @error set, when it could not be saved
 */
gboolean
cp_recent_save_label (CpDocument  *document,
                      GError     **error)
{
  g_autofree char *uri = document_uri (document);
  g_autofree char *path = labels_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) load_error = NULL;

  if (uri == NULL)
    return TRUE;
  if (!load_labels (keyfile, path, G_KEY_FILE_KEEP_COMMENTS, &load_error) &&
      !g_error_matches (load_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("The name of “%s” was not kept: “%s” cannot be read (%s). Move that file away to keep review names again."),
                   cp_document_get_name (document), path, load_error->message);
      return FALSE;
    }

  if (cp_document_get_label (document) != NULL)
    g_key_file_set_string (keyfile, LABELS_GROUP, uri, cp_document_get_label (document));
  else
    g_key_file_remove_key (keyfile, LABELS_GROUP, uri, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The name of “%s” was not kept: the folder “%s” cannot be made (%s)."),
                   cp_document_get_name (document), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return g_key_file_save_to_file (keyfile, path, error);
}
