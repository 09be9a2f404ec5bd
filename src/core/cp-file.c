/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reading the small files Counterpoint keeps (topic sets, and the like)
 * with the guards the document loader has: only a regular file is opened
 * (a FIFO would wait for a writer forever, a device might never end), and
 * no more than a limit is read, however large the file says it is or
 * grows while it is read.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cp-error.h"
#include "cp-file.h"

#define CHUNK 65536

static char *
dup_display_name (GFile     *file,
                  GFileInfo *info)
{
  const char *path = g_file_peek_path (file);

  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME))
    return g_strdup (g_file_info_get_display_name (info));
  if (path != NULL)
    return g_filename_display_basename (path);
  return g_file_get_parse_name (file);
}

static void
set_too_large_error (GError     **error,
                     const char  *name,
                     const char  *what,
                     guint64      max_size)
{
  g_autofree char *limit = g_format_size (max_size);

  g_set_error (error, CP_ERROR, CP_ERROR_TOO_LARGE,
               /* Translators: “name” is larger than a topics file can be (at most 16.8 MB) */
               _("“%s” is larger than a %s can be (at most %s). Choose the right file."),
               name, what, limit);
}

/**
 * cp_file_set_broken_link_error:
 * @error: return location for the error
 * @name: the link's display name
 *
 * The error for a link that cannot be followed: to a file that is gone, or
 * round in a circle (GIO reports its type as a symbolic link then), with
 * %G_IO_ERROR_NOT_FOUND.
 */
void
cp_file_set_broken_link_error (GError     **error,
                               const char  *name)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("“%s” is a link that leads nowhere (to a file that is gone, or round in a "
                 "circle). Open the file it was meant to point to."),
               name);
}

/**
 * cp_file_load_contents:
 * @file: the file to read
 * @max_size: the most bytes accepted
 * @what: what the file should be, for messages ("topics file")
 * @cancellable: (nullable): a #GCancellable
 * @contents: (out): the contents, NUL-terminated
 * @length: (out) (optional): their length
 * @error: return location for a #GError
 *
 * Reads a whole file of at most @max_size bytes. Folders and files that
 * are not regular (FIFOs, sockets, devices) are refused without being
 * opened, with %CP_ERROR_NOT_REGULAR_FILE (folders: %G_IO_ERROR_IS_DIRECTORY);
 * larger files with %CP_ERROR_TOO_LARGE. Every message names the file.
 *
 * Returns: whether the file was read
 */
gboolean
cp_file_load_contents (GFile         *file,
                       guint64        max_size,
                       const char    *what,
                       GCancellable  *cancellable,
                       char         **contents,
                       gsize         *length,
                       GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) data = NULL;
  g_autofree char *name = NULL;
  GError *local_error = NULL;
  GFileType type;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (what != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (max_size < G_MAXSIZE, FALSE);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  name = dup_display_name (file, info);
  if (info == NULL)
    {
      g_propagate_prefixed_error (error, local_error, "%s: ", name);
      return FALSE;
    }

  type = g_file_info_get_file_type (info);
  if (type == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder, not a %s."), name, what);
      return FALSE;
    }
  if (type == G_FILE_TYPE_SYMBOLIC_LINK)
    {
      cp_file_set_broken_link_error (error, name);
      return FALSE;
    }
  if (type != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, CP_ERROR, CP_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file (it is a device, pipe or socket). "
                     "Choose a %s saved on disk."),
                   name, what);
      return FALSE;
    }
  if ((guint64) MAX (g_file_info_get_size (info), 0) > max_size)
    {
      set_too_large_error (error, name, what, max_size);
      return FALSE;
    }

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      g_propagate_prefixed_error (error, local_error, "%s: ", name);
      return FALSE;
    }

  /* The file may have grown since it was measured: read at most one byte
   * past the limit to tell */
  data = g_byte_array_sized_new (MIN ((guint64) MAX (g_file_info_get_size (info), 0), max_size) + 1);
  for (;;)
    {
      guint8 buffer[CHUNK];
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer,
                                      MIN ((guint64) CHUNK, max_size + 1 - data->len),
                                      cancellable, &local_error);

      if (n < 0)
        {
          g_propagate_prefixed_error (error, local_error, "%s: ", name);
          return FALSE;
        }
      if (n == 0)
        break;
      g_byte_array_append (data, buffer, n);
      if (data->len > max_size)
        {
          set_too_large_error (error, name, what, max_size);
          return FALSE;
        }
    }

  if (length != NULL)
    *length = data->len;
  g_byte_array_append (data, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&data), FALSE);

  return TRUE;
}
