/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Text from anywhere: a review pasted from the clipboard (Ctrl+Shift+V),
 * dropped on the window (files from a file manager; a page's HTML, its
 * text or its address from a browser), and a review's text saved as a
 * file of its own.
 *
 * A pasted or dropped text is kept as a text file in the user's data
 * folder ($XDG_DATA_HOME/counterpoint/pasted/), named after its first
 * line, and opened from there like any file: it is a review of the recent
 * comparison, and comes back after a restart. HTML goes through the
 * importer that reads web pages, as a saved page does, when one is
 * registered and reads it; what is kept is the text it extracted.
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cp-error.h"
#include "cp-file.h"
#include "cp-importer.h"
#include "cp-window-private.h"

/* The most HTML read from the clipboard or a drop */
#define MAX_HTML_SIZE CP_DOCUMENT_DEFAULT_MAX_SIZE
#define HTML_READ_SIZE (64 * 1024)
/* How long a file name made from a title gets, in characters */
#define MAX_NAME_CHARS 60

/* --- HTML from the clipboard and drops --- */

/* GDK reads "text/html" into a GBytes with this, within MAX_HTML_SIZE:
 * the importer, not GDK, decides its encoding. */
static void
html_chunk_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GdkContentDeserializer *deserializer = user_data;
  GByteArray *buffer = gdk_content_deserializer_get_task_data (deserializer);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      gdk_content_deserializer_return_error (deserializer, error);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      g_value_take_boxed (gdk_content_deserializer_get_value (deserializer),
                          g_bytes_new (buffer->data, buffer->len));
      gdk_content_deserializer_return_success (deserializer);
      return;
    }
  if (buffer->len + size > MAX_HTML_SIZE)
    {
      g_autofree char *limit = g_format_size_full (MAX_HTML_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      gdk_content_deserializer_return_error (deserializer,
                                             g_error_new (CP_ERROR, CP_ERROR_TOO_LARGE,
                                                          _("The web page is larger than the %s limit. Save it and open the file, or copy less of it."),
                                                          limit));
      return;
    }

  g_byte_array_append (buffer, g_bytes_get_data (chunk, NULL), size);
  g_input_stream_read_bytes_async (G_INPUT_STREAM (object), HTML_READ_SIZE,
                                   gdk_content_deserializer_get_priority (deserializer),
                                   gdk_content_deserializer_get_cancellable (deserializer),
                                   html_chunk_read_cb, deserializer);
}

static void
deserialize_html (GdkContentDeserializer *deserializer)
{
  gdk_content_deserializer_set_task_data (deserializer, g_byte_array_new (),
                                          (GDestroyNotify) g_byte_array_unref);
  g_input_stream_read_bytes_async (gdk_content_deserializer_get_input_stream (deserializer),
                                   HTML_READ_SIZE,
                                   gdk_content_deserializer_get_priority (deserializer),
                                   gdk_content_deserializer_get_cancellable (deserializer),
                                   html_chunk_read_cb, deserializer);
}

/* Whether HTML is worth asking for: a registered importer reads pages */
static gboolean
reads_html (void)
{
  return cp_importer_reads_type ("text/html");
}

/* --- pasted texts --- */

/* A file name from a review's title: slashes become dashes, control
 * characters and runs of white space one space; no leading dot, no
 * trailing ellipsis, at most MAX_NAME_CHARS long. */
static char *
file_name_from_title (const char *title)
{
  g_autoptr(GString) name = g_string_new (NULL);
  guint n_chars = 0;

  for (const char *p = title; *p != '\0' && n_chars < MAX_NAME_CHARS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\')
        c = '-';
      else if (g_unichar_iscntrl (c) || g_unichar_isspace (c))
        c = ' ';
      if (c == ' ' && (name->len == 0 || name->str[name->len - 1] == ' '))
        continue;
      g_string_append_unichar (name, c);
      n_chars++;
    }

  /* A title cut short ends in “…” */
  while (name->len > 0 && (g_str_has_suffix (name->str, " ") || g_str_has_suffix (name->str, ".") ||
                           g_str_has_suffix (name->str, "…")))
    g_string_truncate (name, name->len - (g_str_has_suffix (name->str, "…") ? strlen ("…") : 1));
  while (name->len > 0 && name->str[0] == '.')
    g_string_erase (name, 0, 1);

  if (name->len == 0)
    /* Translators: the file name of a pasted review whose first line gives none */
    return g_strdup (_("Pasted review"));
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static GFile *
pasted_dir (void)
{
  return g_file_new_build_filename (g_get_user_data_dir (), "counterpoint", "pasted", NULL);
}

/* Keeps @text as “TITLE.txt” in the pasted folder, “TITLE (2).txt” when
 * that name is taken by another text; the same text pasted again is the
 * same file. Written atomically. */
static GFile *
keep_pasted_text (const char  *title,
                  const char  *text,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(GFile) dir = pasted_dir ();
  g_autofree char *base = file_name_from_title (title);
  g_autofree char *dir_path = g_file_get_path (dir);

  if (g_mkdir_with_parents (dir_path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The pasted text could not be kept: the folder “%s” cannot be made (%s)."),
                   dir_path, g_strerror (saved_errno));
      return NULL;
    }

  for (guint n = 1; ; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s.txt", base) : g_strdup_printf ("%s (%u).txt", base, n);
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *kept = NULL;
      gsize kept_length;

      /* Read as every file is (no FIFO, nothing larger than the text) */
      if (cp_file_load_contents (file, length, _("pasted text"), NULL, &kept, &kept_length, NULL))
        {
          if (kept_length == length && memcmp (kept, text, length) == 0)
            return g_file_new_for_path (path);
          continue;
        }
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;

      if (!g_file_set_contents_full (path, text, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
        {
          g_prefix_error (error, "%s ", _("The pasted text could not be kept."));
          return NULL;
        }
      return g_file_new_for_path (path);
    }
}

static void
notify_nothing_to_paste (CpWindow *self)
{
  cp_window_notify (self, _("There is no text to paste. Copy the text of a review first."));
}

/**
 * cp_window_open_text:
 * @self: a #CpWindow
 * @text: a review's text, pasted or dropped
 * @length: its length in bytes, or -1 when it ends with a NUL
 *
 * Keeps @text in the user's data folder, named after its first line, and
 * opens that file as a review; says so when @text is blank.
 */
void
cp_window_open_text (CpWindow   *self,
                     const char *text,
                     gssize      length)
{
  g_autofree char *valid = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(CpDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const char *start;

  g_return_if_fail (CP_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  /* Without the blank lines around it, and ending as a text file does */
  valid = g_utf8_make_valid (text, length);
  g_strchomp (valid);
  start = valid;
  for (const char *p = valid; g_ascii_isspace (*p); p++)
    if (*p == '\n')
      start = p + 1;
  if (*start == '\0')
    {
      notify_nothing_to_paste (self);
      return;
    }
  kept = g_strconcat (start, "\n", NULL);

  document = cp_document_new_from_text ("", kept, -1);
  file = keep_pasted_text (cp_document_get_title (document), kept, strlen (kept), &error);
  if (file == NULL)
    {
      cp_window_add_error (self, error->message);
      return;
    }
  cp_window_open_files (self, &file, 1);
}

static void
paste_text_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CpWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (text == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        notify_nothing_to_paste (self);
      return;
    }
  cp_window_open_text (self, text, -1);
}

static GdkContentFormats *
dup_clipboard_formats (GdkClipboard *clipboard)
{
  return gdk_content_formats_union_deserialize_gtypes (gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));
}

static void
paste_text (CpWindow *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  g_autoptr(GdkContentFormats) formats = dup_clipboard_formats (clipboard);

  if (!gdk_content_formats_contain_gtype (formats, G_TYPE_STRING))
    {
      notify_nothing_to_paste (self);
      return;
    }
  gdk_clipboard_read_text_async (clipboard, self->cancellable, paste_text_cb, g_object_ref (self));
}

typedef struct
{
  CpWindow *window;
  gboolean  pasted;
} HtmlImport;

static void
html_import_free (HtmlImport *import)
{
  g_object_unref (import->window);
  g_free (import);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtmlImport, html_import_free)

static void
html_imported_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(HtmlImport) import = user_data;
  CpWindow *self = import->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpDocument) document = cp_document_new_from_bytes_finish (result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (document != NULL)
    cp_window_open_text (self, cp_document_get_text (document), cp_document_get_length (document));
  else if (import->pasted)
    /* The clipboard has the text too: the text is better than nothing */
    paste_text (self);
  else
    cp_window_add_error (self, error->message);
}

/* Through the importer that reads it, else (pasting) the clipboard's text */
static void
import_html (CpWindow *self,
             GBytes   *html,
             gboolean  pasted)
{
  gsize length;
  const guchar *data = g_bytes_get_data (html, &length);
  HtmlImport *import;

  if (cp_importer_find (NULL, data, length) == NULL)
    {
      if (pasted)
        paste_text (self);
      else
        cp_window_add_error (self, _("The dropped web page has no text that Counterpoint can read. "
                                     "Save the page and open the file, or copy its text and paste it."));
      return;
    }

  import = g_new0 (HtmlImport, 1);
  import->window = g_object_ref (self);
  import->pasted = pasted;
  cp_document_new_from_bytes_async (html, pasted ? _("Pasted text") : _("Dropped text"),
                                    self->cancellable, html_imported_cb, import);
}

/**
 * cp_window_open_html:
 * @self: a #CpWindow
 * @html: a web page, or part of one, as a browser hands it over
 *
 * Opens the article of @html as a new review, kept as cp_window_open_text()
 * keeps a text; says why in an error banner when it has none.
 */
void
cp_window_open_html (CpWindow *self,
                     GBytes   *html)
{
  g_return_if_fail (CP_IS_WINDOW (self));
  g_return_if_fail (html != NULL);

  import_html (self, html, FALSE);
}

static void
paste_html_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CpWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (value == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        paste_text (self);
      return;
    }
  import_html (self, g_value_get_boxed (value), TRUE);
}

/**
 * cp_window_paste:
 * @self: a #CpWindow
 *
 * Paste as New Review: the clipboard's web page (through the importer
 * that reads pages, when one does) or else its text becomes a review,
 * kept in the user's data folder. A clipboard with no text gets a notice.
 */
void
cp_window_paste (CpWindow *self)
{
  GdkClipboard *clipboard;
  g_autoptr(GdkContentFormats) formats = NULL;

  g_return_if_fail (CP_IS_WINDOW (self));

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  formats = dup_clipboard_formats (clipboard);
  if (reads_html () && gdk_content_formats_contain_mime_type (formats, "text/html"))
    gdk_clipboard_read_value_async (clipboard, G_TYPE_BYTES, G_PRIORITY_DEFAULT, self->cancellable,
                                    paste_html_cb, g_object_ref (self));
  else
    paste_text (self);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  cp_window_paste (CP_WINDOW (widget));
}

/* --- drops --- */

static gboolean
is_web_address (GFile *file)
{
  static const char * const schemes[] = { "http", "https", "ftp", NULL };
  g_autofree char *scheme = g_file_get_uri_scheme (file);

  return scheme != NULL && g_strv_contains (schemes, scheme);
}

/* Files open as reviews; pages on the web are not fetched */
static gboolean
open_dropped_files (CpWindow *self,
                    GSList   *list)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  for (GSList *l = list; l != NULL; l = l->next)
    {
      if (is_web_address (l->data))
        {
          g_autofree char *uri = g_file_get_uri (l->data);

          g_ptr_array_add (errors, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                _("“%s” is a web address, and Counterpoint does not fetch pages. "
                                                  "Save the page in your browser and open the file, "
                                                  "or copy its text and paste it as a new review."),
                                                uri));
        }
      else
        g_ptr_array_add (files, l->data);
    }

  cp_window_add_errors (self, errors);
  cp_window_open_files (self, (GFile **) files->pdata, files->len);
  return files->len > 0;
}

/* A list of addresses, one per line, as text/uri-list has them (and some
 * programs give as plain text), or NULL for any other text */
static GSList *
parse_uri_list (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GPtrArray) uris = g_ptr_array_new ();
  GSList *list = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] == '\0' || line[0] == '#')
        continue;
      if (strpbrk (line, " \t") != NULL || strstr (line, "://") == NULL ||
          !g_uri_is_valid (line, G_URI_FLAGS_NONE, NULL))
        return NULL;
      g_ptr_array_add (uris, line);
    }

  for (guint i = uris->len; i > 0; i--)
    list = g_slist_prepend (list, g_file_new_for_uri (uris->pdata[i - 1]));
  return list;
}

static gboolean
open_dropped_string (CpWindow   *self,
                     const char *text)
{
  GSList *files = parse_uri_list (text);
  gboolean opened;

  if (files == NULL)
    {
      cp_window_open_text (self, text, -1);
      return TRUE;
    }

  opened = open_dropped_files (self, files);
  g_slist_free_full (files, g_object_unref);
  return opened;
}

static gboolean
drop_cb (CpWindow      *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return open_dropped_files (self, g_value_get_boxed (value));
  if (G_VALUE_HOLDS (value, G_TYPE_BYTES))
    {
      import_html (self, g_value_get_boxed (value), FALSE);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_STRING) && g_value_get_string (value) != NULL)
    return open_dropped_string (self, g_value_get_string (value));
  return FALSE;
}

/**
 * cp_window_get_drop_target:
 * @self: a #CpWindow
 *
 * Returns: (transfer none): what takes the files, web pages and texts
 *   dropped on the window
 */
GtkDropTarget *
cp_window_get_drop_target (CpWindow *self)
{
  g_return_val_if_fail (CP_IS_WINDOW (self), NULL);

  return self->drop_target;
}

/* --- the text of a review, saved --- */

/* The text of @document, ending with a line break as a text file does,
 * replacing @file only once it is all written */
static gboolean
write_text (GFile       *file,
            CpDocument  *document,
            GError     **error)
{
  const char *text = cp_document_get_text (document);
  gsize length = cp_document_get_length (document);
  g_autofree char *ended = NULL;

  if (length > 0 && text[length - 1] != '\n')
    {
      ended = g_strconcat (text, "\n", NULL);
      text = ended;
      length++;
    }
  return g_file_replace_contents (file, text, length, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

/**
 * cp_window_save_text:
 * @self: a #CpWindow
 * @position: a review's position
 * @file: where to write
 *
 * Writes the text of the review at @position to @file, as the pane shows
 * it, ending with a line break, replacing @file only once all is written;
 * says where with a notice, or why not in an error banner.
 *
 * Returns: %TRUE on success
 */
gboolean
cp_window_save_text (CpWindow *self,
                     guint     position,
                     GFile    *file)
{
  g_autoptr(GError) error = NULL;
  CpDocument *document;

  g_return_val_if_fail (CP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (position < cp_comparison_get_n_documents (self->comparison), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  document = cp_comparison_get_document (self->comparison, position);
  if (!write_text (file, document, &error))
    {
      g_autofree char *title = cp_comparison_dup_display_title (self->comparison, position);
      /* Translators: the review's title, then why its text was not saved */
      g_autofree char *message = g_strdup_printf (_("The text of “%s” was not saved: %s"), title, error->message);

      cp_window_add_error (self, message);
      return FALSE;
    }
  cp_window_notify_saved (self, file);
  return TRUE;
}

static void
save_text_response_cb (CpWindow             *self,
                       int                   response,
                       GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  CpDocument *document = g_object_get_data (G_OBJECT (chooser), "cp-document");
  guint position;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  /* The review may have moved or closed meanwhile */
  if (file != NULL && cp_comparison_find_document (self->comparison, document, &position))
    cp_window_save_text (self, position, file);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
save_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  guint position = g_variant_get_uint32 (parameter);
  g_autofree char *title = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (position >= cp_comparison_get_n_documents (self->comparison))
    return;

  title = cp_comparison_dup_display_title (self->comparison, position);
  base = file_name_from_title (title);
  name = g_strconcat (base, ".txt", NULL);
  chooser = gtk_file_chooser_native_new (_("Save Text As"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "cp-document",
                          g_object_ref (cp_comparison_get_document (self->comparison, position)),
                          g_object_unref);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_text_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_loading_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  cp_window_cancel_loading (CP_WINDOW (widget));
}

void
cp_window_class_import_init (CpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      gdk_content_register_deserializer ("text/html", G_TYPE_BYTES, deserialize_html, NULL, NULL);
      g_once_init_leave (&registered, 1);
    }

  gtk_widget_class_install_action (widget_class, "win.paste-review", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.save-text", "u", save_text_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-loading", NULL, cancel_loading_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.paste-review", NULL);
}

void
cp_window_import_init (CpWindow *self)
{
  GtkDropTarget *drop;
  GType types[3];
  guint n_types = 0;

  /* Files first (a file manager's, or a browser's link); a page's HTML
   * when an importer reads pages; else its text */
  types[n_types++] = GDK_TYPE_FILE_LIST;
  if (reads_html ())
    types[n_types++] = G_TYPE_BYTES;
  types[n_types++] = G_TYPE_STRING;

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, types, n_types);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  self->drop_target = drop;
}
