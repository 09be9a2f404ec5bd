/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reading the small files Counterpoint keeps (topic sets, and the like)
 * with the guards the document loader has: only a regular file is opened
 * (a FIFO would wait for a writer forever, a device might never end), and
 * no more than a limit is read, however large the file says it is or
 * grows while it is read.
 *
 * And writing them back without harm: atomically, through a symbolic
 * link to the file it names, keeping the file's permissions.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

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

/* As many links as the kernel follows (Linux's MAXSYMLINKS) */
#define MAX_LINKS 40

/* The file a chain of symbolic links at @path ends at (itself when it is
 * none), whether or not that file exists: a save through a link writes
 * the file it names and leaves the link a link. */
static char *
dup_link_target (const char  *path,
                 GError     **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint hops = 0; hops < MAX_LINKS; hops++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *target = g_file_read_link (current, &local_error);
      g_autofree char *dir = NULL;

      if (target == NULL)
        {
          /* Not a link (EINVAL), or nothing there yet: that is the file */
          if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_INVAL)
              || g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
            return g_steal_pointer (&current);

          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (g_path_is_absolute (target))
        {
          g_free (current);
          current = g_steal_pointer (&target);
          continue;
        }

      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_build_filename (dir, target, NULL);
    }

  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_LOOP, g_strerror (ELOOP));
  return NULL;
}

static const char *
describe_write_error (int code)
{
  switch (code)
    {
    case G_FILE_ERROR_NOSPC:
      return _("The disk is full.");
    case G_FILE_ERROR_ROFS:
      return _("The disk is read-only.");
    case G_FILE_ERROR_ACCES:
    case G_FILE_ERROR_PERM:
      return _("You do not have permission to write in the folder it goes in.");
    case G_FILE_ERROR_ISDIR:
      return _("A folder of that name is in the way.");
    case G_FILE_ERROR_NOENT:
      return _("The folder it goes in is not there.");
    case G_FILE_ERROR_NOTDIR:
      return _("A file is where the folder it goes in should be.");
    default:
      return NULL;
    }
}

/**
 * cp_file_replace_contents:
 * @file: the file to write
 * @contents: the new contents
 * @length: the length of @contents in bytes
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Replaces the contents of @file so that it holds either the old or the
 * new contents, never a mix: a local file is written to a temporary file
 * beside it that then takes its name. (g_file_replace_contents() falls
 * back to writing over the file in place when it cannot make the
 * temporary file; this never does.) When @file is a symbolic link, the
 * file it leads to is written (made, for a link to a file not there yet)
 * and the link stays; the file keeps its permissions.
 *
 * Errors are in the #G_IO_ERROR domain, their message without the file's
 * name: the caller says which file it was.
 *
 * Returns: %TRUE on success
 */
gboolean
cp_file_replace_contents (GFile         *file,
                          const char    *contents,
                          gsize          length,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *target = NULL;
  const char *path;
  GStatBuf info;
  gboolean existed;
  int mode = 0666;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  path = g_file_peek_path (file);
  if (path == NULL)
    return g_file_replace_contents (file, contents, length, NULL, FALSE, G_FILE_CREATE_NONE,
                                    NULL, cancellable, error);

  target = dup_link_target (path, &local_error);
  existed = target != NULL && g_stat (target, &info) == 0;
  if (existed)
    mode = info.st_mode & 07777;

  if (target == NULL
      || !g_file_set_contents_full (target, contents ? contents : "", length,
                                    G_FILE_SET_CONTENTS_CONSISTENT, mode, &local_error))
    {
      GIOErrorEnum code = g_io_error_from_file_error (local_error->code);
      const char *reason = NULL;

      /* GLib's message names the temporary file and the system call; the
       * common causes get a sentence the user can act on instead */
      if (local_error->domain == G_FILE_ERROR)
        reason = describe_write_error (local_error->code);
      g_set_error_literal (error, G_IO_ERROR, code, reason ? reason : local_error->message);
      return FALSE;
    }

  /* The new file was made with the umask applied: give back the bits it
   * took away (a group-writable file stays group-writable) */
  if (existed && g_stat (target, &info) == 0 && (int) (info.st_mode & 07777) != mode)
    g_chmod (target, mode);

  return TRUE;
}
