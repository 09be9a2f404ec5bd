/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * counterpoint-cli: command-line front end to the Counterpoint core.
 *
 * Exit status:
 *   0  everything was done
 *   1  a file could not be read (the others were still processed), the
 *      topics could not be loaded or used, or the output failed
 *   2  the command line was wrong
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cp-comparison.h"
#include "cp-comparison-file.h"
#include "cp-discover.h"
#include "cp-import.h"
#include "cp-json.h"
#include "cp-document.h"
#include "cp-error.h"
#include "cp-loader.h"
#include "cp-matcher.h"
#include "cp-sheet.h"
#include "cp-sheet-content.h"
#include "cp-topic-set.h"

#define PROGRAM_NAME "counterpoint-cli"

/* Output is gathered in memory and written in chunks of this size. */
#define OUTPUT_CHUNK_SIZE (1024 * 1024)

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (int    argc,
                    char **argv);
} Command;

typedef enum
{
  FORMAT_JSON,
  FORMAT_TSV,
  FORMAT_JSONL,
  FORMAT_TEXT,
} Format;

/* A write buffer in front of a stdio stream. Writers reserve room for
 * the most they can write, fill it through a pointer and commit what
 * they used, so that a match costs no call per field.
 */
typedef struct
{
  char  *data;
  gsize  length;
  gsize  size;
  FILE  *stream;
  int    error_number;
} Output;

/* What --limit and --min-documents of themes default to. */
#define DEFAULT_THEME_LIMIT   50
#define DEFAULT_MIN_DOCUMENTS 2

static int tag_command    (int    argc,
                           char **argv);
static int themes_command (int    argc,
                           char **argv);
static int sheet_command  (int    argc,
                           char **argv);
static int text_command   (int    argc,
                           char **argv);

static const Command commands[] = {
  { "tag", N_("List the topic mentions in text files"), tag_command },
  { "themes", N_("Suggest the themes that text files share"), themes_command },
  { "sheet", N_("Make a comparison sheet: PDF, PNG, HTML or CSV"), sheet_command },
  { "text", N_("Print the text of files as Counterpoint reads them"), text_command },
};

/* Output {{{ */

static void
output_init (Output *out,
             FILE   *stream)
{
  out->size = OUTPUT_CHUNK_SIZE;
  out->data = g_malloc (out->size);
  out->length = 0;
  out->stream = stream;
  out->error_number = 0;
}

static void
output_flush (Output *out)
{
  if (out->length > 0 && out->error_number == 0)
    {
      if (fwrite (out->data, 1, out->length, out->stream) != out->length)
        out->error_number = errno != 0 ? errno : EIO;
    }

  out->length = 0;
}

/* Returns where to write up to @n bytes. */
static inline char *
output_reserve (Output *out,
                gsize   n)
{
  if (G_UNLIKELY (out->length + n > out->size))
    {
      output_flush (out);

      if (n > out->size)
        {
          out->size = n;
          out->data = g_realloc (out->data, out->size);
        }
    }

  return out->data + out->length;
}

/* Takes the bytes written up to @end. */
static inline void
output_commit (Output *out,
               char   *end)
{
  g_assert (end >= out->data && end <= out->data + out->size);

  out->length = end - out->data;
}

static void
output_write (Output     *out,
              const char *data,
              gsize       length)
{
  char *p = output_reserve (out, length);

  memcpy (p, data, length);
  output_commit (out, p + length);
}

/* Flushes and releases @out. Returns FALSE, with errno set, if writing
 * failed at any point.
 */
static gboolean
output_finish (Output *out)
{
  output_flush (out);
  g_clear_pointer (&out->data, g_free);

  if (out->error_number == 0 && fflush (out->stream) != 0)
    out->error_number = errno != 0 ? errno : EIO;

  errno = out->error_number;

  return out->error_number == 0;
}

/* The put_*() helpers write at @p, which has room enough, and return the
 * position after what they wrote.
 */

/* At most 20 bytes. */
static inline char *
put_uint (char    *p,
          guint64  value)
{
  char digits[20];
  guint n = 0;

  do
    {
      digits[sizeof digits - 1 - n++] = '0' + (value % 10);
      value /= 10;
    }
  while (value > 0);

  memcpy (p, &digits[sizeof digits - n], n);

  return p + n;
}

static inline char *
put_bytes (char       *p,
           const char *data,
           gsize       length)
{
  memcpy (p, data, length);

  return p + length;
}

#define put_literal(p, literal) put_bytes ((p), "" literal, sizeof (literal) - 1)

/* Writes @text escaped for a JSON string, without the quotes: at most
 * 6 × @length bytes. @text is valid UTF-8 (a CpDocument guarantees it),
 * which JSON takes as is; only quotes, backslashes and control characters
 * are escaped, byte by byte, so that a text may be written in parts cut
 * anywhere.
 */
static char *
put_json_chars (char       *p,
                const char *text,
                gsize       length)
{
  static const char hex[] = "0123456789abcdef";

  for (gsize i = 0; i < length; i++)
    {
      guchar c = text[i];

      if (G_LIKELY (c >= 0x20 && c != '"' && c != '\\'))
        {
          *p++ = c;
          continue;
        }

      *p++ = '\\';

      switch (c)
        {
        case '"':  *p++ = '"'; break;
        case '\\': *p++ = '\\'; break;
        case '\n': *p++ = 'n'; break;
        case '\t': *p++ = 't'; break;
        case '\r': *p++ = 'r'; break;
        default:
          p = put_literal (p, "u00");
          *p++ = hex[c >> 4];
          *p++ = hex[c & 0xf];
          break;
        }
    }

  return p;
}

/* Writes @text as a JSON string, quotes included: at most 6 × @length + 2
 * bytes. */
static char *
put_json_string (char       *p,
                 const char *text,
                 gsize       length)
{
  *p++ = '"';
  p = put_json_chars (p, text, length);
  *p++ = '"';

  return p;
}

/* Writes @text as a TSV field, tabs and line breaks turned into spaces:
 * exactly @length bytes.
 */
static char *
put_tsv_field (char       *p,
               const char *text,
               gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      *p++ = (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    }

  return p;
}

static void
output_json_node (Output        *out,
                  JsonGenerator *generator,
                  JsonNode      *node)
{
  g_autoptr(GString) text = g_string_new (NULL);

  json_generator_set_root (generator, node);
  json_generator_to_gstring (generator, text);
  output_write (out, text->str, text->len);
}

/* A document's text can be hundreds of megabytes: it goes out in parts,
 * so that the output buffer never holds a copy of it all. */
#define TEXT_PART_SIZE (64 * 1024)

static void
output_write_text (Output     *out,
                   const char *text,
                   gsize       length)
{
  for (gsize i = 0; i < length; i += TEXT_PART_SIZE)
    output_write (out, text + i, MIN (TEXT_PART_SIZE, length - i));
}

/* @text as a JSON string, quotes included, in parts. */
static void
output_json_text (Output     *out,
                  const char *text,
                  gsize       length)
{
  output_write (out, "\"", 1);
  for (gsize i = 0; i < length; i += TEXT_PART_SIZE)
    {
      gsize n = MIN (TEXT_PART_SIZE, length - i);
      char *p = output_reserve (out, 6 * n);

      output_commit (out, put_json_chars (p, text + i, n));
    }
  output_write (out, "\"", 1);
}

/* }}} */

/* Messages {{{ */

static void
print_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static void
print_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "%s: %s\n", PROGRAM_NAME, message);
}

/* Whether @message names @path as a whole: quoted, or followed by a
 * colon or comma as in “Error opening file PATH: reason” or
 * “PATH, line 3: reason”.
 */
static gboolean
message_names_path (const char *message,
                    const char *path)
{
  gsize length = strlen (path);

  for (const char *p = strstr (message, path); p != NULL; p = strstr (p + 1, path))
    {
      gboolean starts = p == message || p[-1] == ' ' || p[-1] == '"' ||
                        (p - message >= 3 && memcmp (p - 3, "“", 3) == 0);
      gboolean ends = p[length] == '\0' || p[length] == ':' || p[length] == ',' ||
                      p[length] == '"' ||
                      strncmp (p + length, "”", 3) == 0;

      if (starts && ends)
        return TRUE;
    }

  return FALSE;
}

/* Reports a failure to read @path as “counterpoint-cli: PATH: reason”.
 * The core's messages are written for the app and often name the file
 * already; when they name it as given, it is not repeated.
 */
static void
print_file_error (const char   *path,
                  const GError *error)
{
  g_autofree char *display = g_filename_display_name (path);

  if (message_names_path (error->message, display))
    print_error ("%s", error->message);
  else
    print_error ("%s: %s", display, error->message);
}

static void
print_usage_hint (const char *command)
{
  if (command != NULL)
    fprintf (stderr, _("Try “%s %s --help” for more information.\n"), PROGRAM_NAME, command);
  else
    fprintf (stderr, _("Try “%s --help” for more information.\n"), PROGRAM_NAME);
}

static void
print_help (FILE *stream)
{
  fprintf (stream, "%s\n  %s %s\n\n", _("Usage:"), PROGRAM_NAME, _("COMMAND [OPTION…] [FILE…]"));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Options:"));
  fprintf (stream, "  %-14s %s\n", "-h, --help", _("Show this help and exit"));
  fprintf (stream, "  %-14s %s\n", "--version", _("Show the version and exit"));
  fprintf (stream, "\n");
  fprintf (stream, _("Run “%s COMMAND --help” for the options of a command.\n"), PROGRAM_NAME);
}

/* }}} */

/* Shared by the commands {{{ */

/* Parses the options of @command. On a wrong command line, says what is
 * wrong and returns FALSE: the command then exits with EXIT_USAGE.
 */
static gboolean
parse_command_line (const char         *command,
                    const char         *summary,
                    const char         *description,
                    const GOptionEntry *entries,
                    int                *argc,
                    char             ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("%s %s", PROGRAM_NAME, command);

  g_set_prgname (prgname);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (description != NULL)
    g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      print_error ("%s", error->message);
      print_usage_hint (command);
      return FALSE;
    }

  return TRUE;
}

static const struct
{
  const char *name;
  Format      format;
} format_names[] = {
  { "json", FORMAT_JSON },
  { "tsv", FORMAT_TSV },
  { "jsonl", FORMAT_JSONL },
  { "text", FORMAT_TEXT },
};

/* @name, one of the names in @allowed (the first is the default, for a
 * NULL @name). */
static gboolean
parse_format (const char         *name,
              const char * const *allowed,
              Format             *format)
{
  if (name == NULL)
    name = allowed[0];
  if (!g_strv_contains (allowed, name))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_str_equal (name, format_names[i].name))
      {
        *format = format_names[i].format;
        return TRUE;
      }

  g_assert_not_reached ();
}

/* Checks what every command takes: one of the formats @allowed (the
 * default first; @choices names them for the user) and at least one
 * file. Returns FALSE, having said what is wrong, when it is not so.
 */
static gboolean
check_format_and_files (const char         *command,
                        const char         *format_name,
                        const char * const *allowed,
                        const char         *choices,
                        char              **files,
                        Format             *format)
{
  if (!parse_format (format_name, allowed, format))
    {
      /* Translators: the second %s lists the formats: “json or tsv” */
      print_error (_("Unknown format “%s”; use %s"), format_name, choices);
      print_usage_hint (command);
      return FALSE;
    }

  if (files == NULL || files[0] == NULL)
    {
      print_error (_("No file given"));
      print_usage_hint (command);
      return FALSE;
    }

  return TRUE;
}

/* Reads the topics file @path given with --topics and checks that its
 * terms can be matched. Returns NULL, having named the file and said
 * what is wrong, when they cannot.
 */
static CpTopicSet *
load_topics (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(CpTopicSet) topics = NULL;
  g_autoptr(CpMatcher) matcher = NULL;
  g_autoptr(GError) error = NULL;

  topics = cp_topic_set_new_from_file (file, NULL, &error);
  if (topics == NULL)
    {
      print_file_error (path, error);
      return NULL;
    }

  matcher = cp_matcher_new_for_topics (topics, &error);
  if (matcher == NULL)
    {
      print_file_error (path, error);
      return NULL;
    }

  return g_steal_pointer (&topics);
}

/* The path of @file as the user spelled it: the argument itself, or for
 * a file found in a folder argument, the folder's path and its name. */
static char *
dup_path_as_given (char      **files,
                   GPtrArray  *args,
                   GFile      *file)
{
  for (guint i = 0; i < args->len; i++)
    {
      GFile *arg = g_ptr_array_index (args, i);

      if (g_file_equal (file, arg))
        return g_strdup (files[i]);
      if (g_file_has_parent (file, arg))
        {
          g_autofree char *name = g_file_get_basename (file);

          return g_build_filename (files[i], name, NULL);
        }
    }

  return g_file_get_parse_name (file);
}

/* The name “-” stands for on the command line */
#define STDIN_ARGUMENT "-"

/* Reads the files @files[0] … @files[@n_files - 1] (none of them “-”)
 * into @documents and their paths into @paths, refusing those in
 * @loaded, and adds the files read to @loaded. A file that cannot be read
 * is reported. Returns FALSE when any was left out.
 */
static gboolean
load_files (char      **files,
            guint       n_files,
            GPtrArray  *loaded,
            GPtrArray  *documents,
            GPtrArray  *paths)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CpLoadResult) result = NULL;

  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (args, g_file_new_for_commandline_arg (files[i]));

  /* Without a cancellable, there is always a result */
  result = cp_load_documents ((GFile **) args->pdata, args->len,
                              (GFile **) loaded->pdata, loaded->len,
                              CP_DOCUMENT_DEFAULT_MAX_SIZE, NULL, NULL);

  for (guint i = 0; i < cp_load_result_get_n_errors (result); i++)
    {
      GFile *file = cp_load_result_get_error_file (result, i);
      g_autofree char *path = dup_path_as_given (files, args, file);

      print_file_error (path, cp_load_result_get_error (result, i));
    }

  for (guint i = 0; i < cp_load_result_get_n_documents (result); i++)
    {
      CpDocument *document = cp_load_result_get_document (result, i);
      g_autofree char *path = dup_path_as_given (files, args, cp_document_get_file (document));

      g_ptr_array_add (documents, g_object_ref (document));
      g_ptr_array_add (paths, g_filename_display_name (path));
      if (cp_document_get_file (document) != NULL)
        g_ptr_array_add (loaded, g_object_ref (cp_document_get_file (document)));
    }

  return cp_load_result_get_n_errors (result) == 0;
}

/* One document of all standard input: a review piped in, read as a file
 * is, through the importer for its content. */
static CpDocument *
read_standard_input (void)
{
  g_autoptr(GInputStream) stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GError) error = NULL;
  const char *name = _("standard input");
  CpDocument *document;

  document = cp_document_new_from_stream (stream, name, CP_DOCUMENT_DEFAULT_MAX_SIZE, NULL, &error);
  if (document == NULL)
    print_file_error (name, error);

  return document;
}

/* What comparison files (.counterpoint) bring besides their reviews */
typedef struct
{
  /* The topics of the first one, and its path as given */
  CpTopicSet *topics;
  char       *topics_path;
  /* CpNote, on the reviews read from them */
  GPtrArray  *notes;
} Comparisons;

static void
comparisons_clear (Comparisons *comparisons)
{
  g_clear_object (&comparisons->topics);
  g_clear_pointer (&comparisons->topics_path, g_free);
  g_clear_pointer (&comparisons->notes, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Comparisons, comparisons_clear)

/* Reads the comparison file @path: its reviews into @documents (in the
 * file's order, with their names), “PATH#N” into @paths, its notes and,
 * if it is the first, its topics into @comparisons. A file that could be
 * read only in part, or that a newer version wrote, is read as far as it
 * can be, each problem said, without failing: the command only reads it.
 * Returns FALSE, having said why, when it cannot be read at all or comes
 * a second time. */
static gboolean
load_comparison_file (const char  *path,
                      GPtrArray   *loaded,
                      GPtrArray   *documents,
                      GPtrArray   *paths,
                      Comparisons *comparisons)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(CpComparisonFile) comparison_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  const char * const *problems;
  GPtrArray *file_documents;
  GPtrArray *notes;

  for (guint i = 0; i < loaded->len; i++)
    {
      if (g_file_equal (file, g_ptr_array_index (loaded, i)))
        {
          print_error (_("“%s” is already open."), display);
          return FALSE;
        }
    }

  comparison_file = cp_comparison_file_load (file, NULL, &error);
  if (comparison_file == NULL)
    {
      print_file_error (path, error);
      return FALSE;
    }
  g_ptr_array_add (loaded, g_object_ref (file));

  problems = cp_comparison_file_get_problems (comparison_file);
  for (guint i = 0; problems != NULL && problems[i] != NULL; i++)
    {
      if (message_names_path (problems[i], display))
        print_error ("%s", problems[i]);
      else
        print_error ("%s: %s", display, problems[i]);
    }

  file_documents = cp_comparison_file_get_documents (comparison_file);
  for (guint i = 0; i < file_documents->len; i++)
    {
      g_ptr_array_add (documents, g_object_ref (g_ptr_array_index (file_documents, i)));
      g_ptr_array_add (paths, g_strdup_printf ("%s#%u", display, i + 1));
    }

  notes = cp_comparison_file_get_notes (comparison_file);
  for (guint i = 0; i < notes->len; i++)
    g_ptr_array_add (comparisons->notes, g_object_ref (g_ptr_array_index (notes, i)));

  if (comparisons->topics == NULL && cp_comparison_file_get_topics (comparison_file) != NULL)
    {
      comparisons->topics = g_object_ref (cp_comparison_file_get_topics (comparison_file));
      comparisons->topics_path = g_strdup (path);
    }

  return TRUE;
}

/* Whether the argument @arg names a comparison file rather than reviews */
static gboolean
is_comparison_argument (const char *arg)
{
  g_autoptr(GFile) file = NULL;

  if (g_str_equal (arg, STDIN_ARGUMENT))
    return FALSE;

  file = g_file_new_for_commandline_arg (arg);
  return cp_comparison_file_is_comparison (file);
}

/* Reads each of @files into @documents, in order, a folder as the text
 * files in it, “-” as standard input and a comparison file (.counterpoint)
 * as the reviews in it, with its path as given (for display, in UTF-8) in
 * @paths. A file that cannot be read, or comes a second time, is reported
 * and left out; the others are still read. What comparison files bring
 * besides reviews goes to @comparisons. Returns FALSE when any was left
 * out.
 */
static gboolean
load_documents (char        **files,
                GPtrArray    *documents,
                GPtrArray    *paths,
                Comparisons  *comparisons)
{
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean read_stdin = FALSE;
  gboolean ok = TRUE;
  guint i = 0;

  comparisons->notes = g_ptr_array_new_with_free_func (g_object_unref);

  while (files[i] != NULL)
    {
      guint n = 0;

      if (g_str_equal (files[i], STDIN_ARGUMENT))
        {
          CpDocument *document = NULL;

          if (read_stdin)
            print_error (_("Standard input (“-”) is given more than once; it is read only once"));
          else
            document = read_standard_input ();
          read_stdin = TRUE;
          if (document != NULL)
            {
              g_ptr_array_add (documents, document);
              g_ptr_array_add (paths, g_strdup (STDIN_ARGUMENT));
            }
          ok &= document != NULL;
          i++;
          continue;
        }

      if (is_comparison_argument (files[i]))
        {
          ok &= load_comparison_file (files[i], loaded, documents, paths, comparisons);
          i++;
          continue;
        }

      /* The files up to the next “-” or comparison are read together */
      while (files[i + n] != NULL && !g_str_equal (files[i + n], STDIN_ARGUMENT) &&
             !is_comparison_argument (files[i + n]))
        n++;
      ok &= load_files (files + i, n, loaded, documents, paths);
      i += n;
    }

  /* Read, but not quite as written: said, without failing */
  for (guint d = 0; d < documents->len; d++)
    {
      g_autofree char *notice = cp_document_dup_repair_notice (g_ptr_array_index (documents, d));

      if (notice != NULL)
        print_error ("%s", notice);
    }

  return ok;
}

/* A comparison of the topics a command uses: @topics (from --topics
 * @topics_path), else those of the first comparison file, else the
 * default topics. Returns NULL, having named the file and said what is
 * wrong, when they cannot be matched. */
static CpComparison *
new_comparison (CpTopicSet  *topics,
                const char  *topics_path,
                Comparisons *comparisons)
{
  g_autoptr(CpComparison) comparison = NULL;
  const GError *topic_error;

  if (topics == NULL && comparisons->topics != NULL)
    {
      topics = comparisons->topics;
      topics_path = comparisons->topics_path;
    }

  comparison = cp_comparison_new (topics);
  topic_error = cp_comparison_get_topic_error (comparison);
  if (topic_error != NULL)
    {
      if (topics_path != NULL)
        print_file_error (topics_path, topic_error);
      else
        print_error ("%s", topic_error->message);
      return NULL;
    }

  return g_steal_pointer (&comparison);
}

/* Appends @documents to @comparison, then the notes on them */
static void
add_documents (CpComparison *comparison,
               GPtrArray    *documents,
               Comparisons  *comparisons)
{
  for (guint d = 0; d < documents->len; d++)
    cp_comparison_append_document (comparison, g_ptr_array_index (documents, d));
  for (guint i = 0; i < comparisons->notes->len; i++)
    cp_comparison_add_note (comparison, g_ptr_array_index (comparisons->notes, i));
}

/* The members that describe a document, for the “documents” array of
 * every command: where it was read from, its title, the name the reader
 * gave it in a comparison file (null if none), author, source (the
 * outlet), date (null when the source does not say), format, encoding
 * and counts.
 */
static void
add_document_members (JsonBuilder *builder,
                      CpDocument  *document,
                      const char  *path)
{
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, cp_document_get_title (document));
  cp_json_add_string_member (builder, "label", cp_document_get_label (document));
  cp_json_add_string_member (builder, "author", cp_document_get_author (document));
  cp_json_add_string_member (builder, "source", cp_document_get_site (document));
  cp_json_add_string_member (builder, "date", cp_document_get_date (document));
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, cp_document_get_format (document));
  /* A web page, PDF or document has a format, not a text encoding */
  cp_json_add_string_member (builder, "encoding",
                       g_str_equal (cp_document_get_format (document), "text") ?
                       cp_encoding_to_string (cp_document_get_encoding (document)) : NULL);
  json_builder_set_member_name (builder, "characters");
  json_builder_add_int_value (builder, cp_document_get_n_characters (document));
  json_builder_set_member_name (builder, "words");
  json_builder_add_int_value (builder, cp_document_get_n_words (document));
}

/* Flushes @out. Returns FALSE, having said why, when writing failed. */
static gboolean
finish_output (Output *out)
{
  if (!output_finish (out))
    {
      print_error (_("Cannot write the output: %s"), g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

/* }}} */

/* tag {{{ */

typedef struct
{
  CpComparison *comparison;
  /* The path of each document as given on the command line, in UTF-8. */
  GPtrArray    *paths;
} TagResult;

static void
tag_result_clear (TagResult *result)
{
  g_clear_object (&result->comparison);
  g_clear_pointer (&result->paths, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TagResult, tag_result_clear)

/* Walks the mentions of one document in order, counting lines in a
 * single forward pass; their character offsets come with them.
 */
typedef struct
{
  CpDocument      *document;
  CpMentions      *found;
  const CpMention *mentions;
  guint            n_mentions;
  guint            next;
  const char      *text;
  gsize            byte_offset;
  guint            line;
} TextCursor;

static inline void
text_cursor_init (TextCursor   *cursor,
                  CpComparison *comparison,
                  guint         document)
{
  cursor->document = cp_comparison_get_document (comparison, document);
  cursor->found = cp_comparison_get_mentions_for_document (comparison, cursor->document);
  cursor->mentions = cp_mentions_get_all (cursor->found, &cursor->n_mentions);
  cursor->next = 0;
  cursor->text = cp_document_get_text (cursor->document);
  cursor->byte_offset = 0;
  cursor->line = 1;
}

/* The next mention, its index in @index, with the cursor's line at its
 * start; NULL after the last */
static inline const CpMention *
text_cursor_next (TextCursor *cursor,
                  guint      *index)
{
  const CpMention *m;

  if (cursor->next >= cursor->n_mentions)
    return NULL;

  *index = cursor->next++;
  m = &cursor->mentions[*index];
  /* Mentions are sorted by start. */
  g_assert (m->start >= cursor->byte_offset);
  cursor->line += cp_document_count_lines (cursor->document, cursor->byte_offset, m->start);
  cursor->byte_offset = m->start;

  return m;
}

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

/* Each topic's id, escaped for the output format: ids are written once
 * per match, so they are escaped only once.
 */
static GPtrArray *
escape_topic_ids (CpTopicSet *topics,
                  Format      format)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (string_free);

  for (guint t = 0; t < cp_topic_set_get_n_topics (topics); t++)
    {
      const char *id = cp_topic_get_id (cp_topic_set_get_topic (topics, t));
      gsize length = strlen (id);
      GString *escaped = g_string_sized_new (6 * length + 2);

      if (format == FORMAT_JSON)
        escaped->len = put_json_string (escaped->str, id, length) - escaped->str;
      else
        escaped->len = put_tsv_field (escaped->str, id, length) - escaped->str;
      escaped->str[escaped->len] = '\0';

      g_ptr_array_add (ids, escaped);
    }

  return ids;
}

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 GDateTime   *time)
{
  g_autofree char *text = time != NULL ? g_date_time_format_iso8601 (time) : NULL;

  cp_json_add_string_member (builder, name, text);
}

/* The notes on the documents @first … @last - 1 of @comparison, in text
 * order, as an array: their passage in characters and the line it starts
 * on (as for matches), the passage itself, the note, and when it was made
 * and last changed (ISO 8601, UTC). In JSON each names its document by
 * its position (@with_document); in JSON Lines the line is the
 * document's. */
static JsonNode *
build_notes (CpComparison *comparison,
             guint         first,
             guint         last,
             gboolean      with_document)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint d = first; d < last; d++)
    {
      CpDocument *document = cp_comparison_get_document (comparison, d);
      g_autoptr(GPtrArray) notes = cp_comparison_dup_document_notes (comparison, document);

      for (guint i = 0; i < notes->len; i++)
        {
          CpNote *note = g_ptr_array_index (notes, i);
          gsize start = cp_note_get_start (note);

          json_builder_begin_object (builder);
          if (with_document)
            {
              json_builder_set_member_name (builder, "document");
              json_builder_add_int_value (builder, d);
            }
          json_builder_set_member_name (builder, "start");
          json_builder_add_int_value (builder, cp_document_get_char_offset (document, start));
          json_builder_set_member_name (builder, "end");
          json_builder_add_int_value (builder, cp_document_get_char_offset (document, cp_note_get_end (note)));
          json_builder_set_member_name (builder, "line");
          json_builder_add_int_value (builder, 1 + cp_document_count_lines (document, 0, start));
          json_builder_set_member_name (builder, "quote");
          json_builder_add_string_value (builder, cp_note_get_quote (note));
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, cp_note_get_text (note) != NULL ? cp_note_get_text (note) : "");
          add_time_member (builder, "created", cp_note_get_created (note));
          add_time_member (builder, "modified", cp_note_get_modified (note));
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

static void
write_json_header (Output        *out,
                   JsonGenerator *generator,
                   TagResult     *result)
{
  CpTopicSet *topics = cp_comparison_get_topics (result->comparison);
  guint n_documents = cp_comparison_get_n_documents (result->comparison);
  guint n_topics = cp_topic_set_get_n_topics (topics);
  g_autoptr(JsonBuilder) documents = json_builder_new ();
  g_autoptr(JsonBuilder) topic_list = json_builder_new ();
  g_autoptr(JsonNode) documents_node = NULL;
  g_autoptr(JsonNode) topics_node = NULL;

  json_builder_begin_array (documents);
  for (guint d = 0; d < n_documents; d++)
    {
      CpDocument *document = cp_comparison_get_document (result->comparison, d);

      json_builder_begin_object (documents);
      add_document_members (documents, document, g_ptr_array_index (result->paths, d));
      json_builder_end_object (documents);
    }
  json_builder_end_array (documents);

  json_builder_begin_array (topic_list);
  for (guint t = 0; t < n_topics; t++)
    {
      CpTopic *topic = cp_topic_set_get_topic (topics, t);

      json_builder_begin_object (topic_list);
      json_builder_set_member_name (topic_list, "id");
      json_builder_add_string_value (topic_list, cp_topic_get_id (topic));
      json_builder_set_member_name (topic_list, "label");
      json_builder_add_string_value (topic_list, cp_topic_get_display_label (topic));
      json_builder_set_member_name (topic_list, "color");
      json_builder_add_string_value (topic_list, cp_topic_get_color (topic));
      json_builder_end_object (topic_list);
    }
  json_builder_end_array (topic_list);

  documents_node = json_builder_get_root (documents);
  topics_node = json_builder_get_root (topic_list);

  output_write (out, "{\"documents\":", strlen ("{\"documents\":"));
  output_json_node (out, generator, documents_node);
  output_write (out, ",\n\"topics\":", strlen (",\n\"topics\":"));
  output_json_node (out, generator, topics_node);
  output_write (out, ",\n\"matches\":[", strlen (",\n\"matches\":["));
}

static void
write_json_footer (Output        *out,
                   JsonGenerator *generator,
                   TagResult     *result,
                   gboolean       any_match)
{
  CpTopicSet *topics = cp_comparison_get_topics (result->comparison);
  guint n_documents = cp_comparison_get_n_documents (result->comparison);
  guint n_topics = cp_topic_set_get_n_topics (topics);
  g_autoptr(JsonBuilder) coverage = json_builder_new ();
  g_autoptr(JsonNode) coverage_node = NULL;
  g_autoptr(JsonNode) notes_node = build_notes (result->comparison, 0, n_documents, TRUE);
  const char *close_matches = any_match ? "\n],\n\"notes\":" : "],\n\"notes\":";

  json_builder_begin_array (coverage);
  for (guint t = 0; t < n_topics; t++)
    {
      json_builder_begin_object (coverage);
      json_builder_set_member_name (coverage, "topic");
      json_builder_add_string_value (coverage, cp_topic_get_id (cp_topic_set_get_topic (topics, t)));
      json_builder_set_member_name (coverage, "counts");
      json_builder_begin_array (coverage);
      for (guint d = 0; d < n_documents; d++)
        json_builder_add_int_value (coverage, cp_comparison_get_count (result->comparison, t, d));
      json_builder_end_array (coverage);
      json_builder_end_object (coverage);
    }
  json_builder_end_array (coverage);

  coverage_node = json_builder_get_root (coverage);

  output_write (out, close_matches, strlen (close_matches));
  output_json_node (out, generator, notes_node);
  output_write (out, ",\n\"coverage\":", strlen (",\n\"coverage\":"));
  output_json_node (out, generator, coverage_node);
  output_write (out, "}\n", 2);
}

/* Streams the matches of document @d, each “{…}” preceded by “,” when
 * *@any (a match was written before). For JSON, each is on a line of its
 * own and names its document by its position; for JSON Lines (@in_line),
 * all stay on the document's line and leave out the position. */
static void
write_json_matches (Output       *out,
                    CpComparison *comparison,
                    guint         d,
                    GPtrArray    *topic_ids,
                    gboolean      in_line,
                    gboolean     *any)
{
  TextCursor cursor;
  const CpMention *m;
  guint i;

  text_cursor_init (&cursor, comparison, d);
  while ((m = text_cursor_next (&cursor, &i)) != NULL)
    {
      const GString *id = g_ptr_array_index (topic_ids, m->topic);
      gsize length = m->end - m->start;
      char *p;

      /* Literals, four numbers and the two strings, escaped. */
      p = output_reserve (out, 128 + 4 * 20 + id->len + 6 * length);
      if (*any)
        *p++ = ',';
      if (!in_line)
        *p++ = '\n';
      *p++ = '{';
      if (!in_line)
        {
          p = put_literal (p, "\"document\":");
          p = put_uint (p, d);
          *p++ = ',';
        }
      p = put_literal (p, "\"topic\":");
      p = put_bytes (p, id->str, id->len);
      p = put_literal (p, ",\"start\":");
      p = put_uint (p, cp_mentions_get_char_start (cursor.found, i));
      p = put_literal (p, ",\"end\":");
      p = put_uint (p, cp_mentions_get_char_end (cursor.found, i));
      p = put_literal (p, ",\"line\":");
      p = put_uint (p, cursor.line);
      p = put_literal (p, ",\"text\":");
      p = put_json_string (p, cursor.text + m->start, length);
      *p++ = '}';
      output_commit (out, p);

      *any = TRUE;
    }
}

/* The documents, the topics and the coverage are small and written with
 * json-glib. The matches can number millions: they are streamed, one
 * line each, rather than built as one tree.
 */
static void
write_json (Output    *out,
            TagResult *result)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  CpTopicSet *topics = cp_comparison_get_topics (result->comparison);
  guint n_documents = cp_comparison_get_n_documents (result->comparison);
  g_autoptr(GPtrArray) topic_ids = escape_topic_ids (topics, FORMAT_JSON);
  gboolean any_match = FALSE;

  write_json_header (out, generator, result);

  for (guint d = 0; d < n_documents; d++)
    write_json_matches (out, result->comparison, d, topic_ids, FALSE, &any_match);

  write_json_footer (out, generator, result, any_match);
}

/* Writes “{” and the members describing document @d, as in the
 * “documents” array, leaving the object open for more members. */
static void
write_open_document_object (Output        *out,
                            JsonGenerator *generator,
                            CpDocument    *document,
                            const char    *path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  gsize length;

  json_builder_begin_object (builder);
  add_document_members (builder, document, path);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  /* Without its closing brace */
  g_assert (length > 0 && text[length - 1] == '}');
  output_write (out, text, length - 1);
}

/* JSON Lines: one object per document, on a line of its own, holding the
 * document's members as in “documents”, its “matches” (as in JSON, without
 * “document”) and its “counts”, topic by topic. Runs over parts of a set
 * of files join into the output of one run over them all: concatenated,
 * the lines are the same objects.
 */
static void
write_jsonl (Output    *out,
             TagResult *result)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  CpTopicSet *topics = cp_comparison_get_topics (result->comparison);
  guint n_topics = cp_topic_set_get_n_topics (topics);
  guint n_documents = cp_comparison_get_n_documents (result->comparison);
  g_autoptr(GPtrArray) topic_ids = escape_topic_ids (topics, FORMAT_JSON);

  for (guint d = 0; d < n_documents; d++)
    {
      CpDocument *document = cp_comparison_get_document (result->comparison, d);
      g_autoptr(JsonNode) notes = build_notes (result->comparison, d, d + 1, FALSE);
      gboolean any_match = FALSE;

      write_open_document_object (out, generator, document, g_ptr_array_index (result->paths, d));
      output_write (out, ",\"matches\":[", strlen (",\"matches\":["));
      write_json_matches (out, result->comparison, d, topic_ids, TRUE, &any_match);
      output_write (out, "],\"notes\":", strlen ("],\"notes\":"));
      output_json_node (out, generator, notes);
      output_write (out, ",\"counts\":{", strlen (",\"counts\":{"));
      for (guint t = 0; t < n_topics; t++)
        {
          const GString *id = g_ptr_array_index (topic_ids, t);
          char *p = output_reserve (out, id->len + 22);

          if (t > 0)
            *p++ = ',';
          p = put_bytes (p, id->str, id->len);
          *p++ = ':';
          p = put_uint (p, cp_comparison_get_count (result->comparison, t, d));
          output_commit (out, p);
        }
      output_write (out, "}}\n", 3);
    }
}

/* The first two columns, the same for every line of a document. */
static GString *
make_tsv_prefix (guint       document,
                 const char *path)
{
  gsize path_length = strlen (path);
  GString *prefix = g_string_sized_new (20 + path_length + 2);
  char *p = prefix->str;

  p = put_uint (p, document);
  *p++ = '\t';
  p = put_tsv_field (p, path, path_length);
  *p++ = '\t';
  *p = '\0';
  prefix->len = p - prefix->str;

  return prefix;
}

static void
write_tsv (Output    *out,
           TagResult *result)
{
  static const char header[] = "document\tpath\ttopic\tstart\tend\tline\ttext\n";
  CpTopicSet *topics = cp_comparison_get_topics (result->comparison);
  guint n_documents = cp_comparison_get_n_documents (result->comparison);
  g_autoptr(GPtrArray) topic_ids = escape_topic_ids (topics, FORMAT_TSV);

  output_write (out, header, strlen (header));

  for (guint d = 0; d < n_documents; d++)
    {
      const char *path = g_ptr_array_index (result->paths, d);
      g_autoptr(GString) prefix = make_tsv_prefix (d, path);
      TextCursor cursor;
      const CpMention *m;
      guint i;

      text_cursor_init (&cursor, result->comparison, d);
      while ((m = text_cursor_next (&cursor, &i)) != NULL)
        {
          const GString *id = g_ptr_array_index (topic_ids, m->topic);
          gsize length = m->end - m->start;
          char *p;

          p = output_reserve (out, prefix->len + id->len + 3 * 20 + 5 + length);
          p = put_bytes (p, prefix->str, prefix->len);
          p = put_bytes (p, id->str, id->len);
          *p++ = '\t';
          p = put_uint (p, cp_mentions_get_char_start (cursor.found, i));
          *p++ = '\t';
          p = put_uint (p, cp_mentions_get_char_end (cursor.found, i));
          *p++ = '\t';
          p = put_uint (p, cursor.line);
          *p++ = '\t';
          p = put_tsv_field (p, cursor.text + m->start, length);
          *p++ = '\n';
          output_commit (out, p);
        }
    }
}

static int
tag_command (int    argc,
             char **argv)
{
  static const char * const tag_formats[] = { "json", "jsonl", "tsv", NULL };
  g_autoptr(CpTopicSet) topics = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(TagResult) result = { NULL, };
  g_auto(Comparisons) comparisons = { NULL, };
  g_autofree char *topics_path = NULL;
  g_autofree char *format_name = NULL;
  g_auto(GStrv) files = NULL;
  Format format;
  Output out;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "topics", 't', 0, G_OPTION_ARG_FILENAME, &topics_path,
      N_("Read the topics from FILE instead of using the default topics"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: json (the default), jsonl (one line per file) or tsv"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files,
      NULL, N_("FILE…") },
    { NULL }
  };

  if (!parse_command_line ("tag",
                           _("Find the mentions of topics in text files and print them\n"
                             "with character offsets, line numbers and per-topic counts."),
                           _("A FILE of “-” is standard input, read as one file. In JSON, a file’s\n"
                             "author, source (the outlet) and date are null when it does not say.\n"
                             "jsonl writes one object per file on a line of its own: the file’s\n"
                             "members as in “documents”, its “matches”, its “notes” and its “counts”\n"
                             "per topic, so that the output of runs over parts of a set of files,\n"
                             "joined, is the output of one run over them all (GNU parallel, xargs).\n"
                             "\n"
                             "A FILE ending in .counterpoint is a saved comparison: its reviews\n"
                             "are tagged in its order, named PATH#1, PATH#2… with the names it\n"
                             "gives them (“label”), and its notes are listed in “notes” (json and\n"
                             "jsonl; tsv lists mentions only). The topics are those of --topics,\n"
                             "else those of the first comparison file given, else the default\n"
                             "topics. A comparison file that a newer version wrote, or that could\n"
                             "be read only in part, is read as far as it can be, and what was\n"
                             "left out is said on standard error."),
                           entries, &argc, &argv))
    return EXIT_USAGE;

  if (!check_format_and_files ("tag", format_name, tag_formats, _("json, jsonl or tsv"), files, &format))
    return EXIT_USAGE;

  if (topics_path != NULL)
    {
      topics = load_topics (topics_path);
      if (topics == NULL)
        return EXIT_FAILED;
    }

  result.paths = g_ptr_array_new_with_free_func (g_free);
  if (!load_documents (files, documents, result.paths, &comparisons))
    status = EXIT_FAILED;

  result.comparison = new_comparison (topics, topics_path, &comparisons);
  if (result.comparison == NULL)
    return EXIT_FAILED;
  add_documents (result.comparison, documents, &comparisons);

  output_init (&out, stdout);

  if (format == FORMAT_JSON)
    write_json (&out, &result);
  else if (format == FORMAT_JSONL)
    write_jsonl (&out, &result);
  else
    write_tsv (&out, &result);

  if (!finish_output (&out))
    return EXIT_FAILED;

  return status;
}

/* }}} */

/* themes {{{ */

/* Each theme on a line of its own, as tag writes each match: the output
 * stays readable and easy to pick apart with line tools.
 */
static void
write_themes_json (Output    *out,
                   GPtrArray *documents,
                   GPtrArray *paths,
                   GPtrArray *themes)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) documents_node = NULL;

  json_builder_begin_array (builder);
  for (guint d = 0; d < documents->len; d++)
    {
      CpDocument *document = g_ptr_array_index (documents, d);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, cp_document_get_name (document));
      add_document_members (builder, document, g_ptr_array_index (paths, d));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  documents_node = json_builder_get_root (builder);

  output_write (out, "{\"documents\":", strlen ("{\"documents\":"));
  output_json_node (out, generator, documents_node);

  /* The work the reviews discuss, which is not a theme of its own */
  {
    g_autofree char *subject = cp_discover_dup_subject ((CpDocument **) documents->pdata, documents->len);
    g_autoptr(JsonNode) subject_node = json_node_new (JSON_NODE_VALUE);

    if (subject != NULL)
      json_node_set_string (subject_node, subject);
    else
      json_node_init_null (subject_node);
    output_write (out, ",\n\"subject\":", strlen (",\n\"subject\":"));
    output_json_node (out, generator, subject_node);
  }

  output_write (out, ",\n\"themes\":[", strlen (",\n\"themes\":["));

  for (guint i = 0; i < themes->len; i++)
    {
      CpTheme *theme = g_ptr_array_index (themes, i);
      const char * const *variants = cp_theme_get_variants (theme);
      guint n_documents = cp_theme_get_n_documents (theme);
      g_autoptr(JsonNode) node = NULL;

      json_builder_reset (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "phrase");
      json_builder_add_string_value (builder, cp_theme_get_phrase (theme));
      json_builder_set_member_name (builder, "variants");
      json_builder_begin_array (builder);
      for (guint v = 0; variants[v] != NULL; v++)
        json_builder_add_string_value (builder, variants[v]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "documents");
      json_builder_add_int_value (builder, cp_theme_get_spread (theme));
      json_builder_set_member_name (builder, "counts");
      json_builder_begin_array (builder);
      for (guint d = 0; d < n_documents; d++)
        json_builder_add_int_value (builder, cp_theme_get_count (theme, d));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, cp_theme_get_total (theme));
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, cp_theme_get_score (theme));
      json_builder_set_member_name (builder, "contexts");
      json_builder_begin_array (builder);
      for (guint d = 0; d < n_documents; d++)
        {
          const char *context = cp_theme_get_context (theme, d);

          if (context != NULL)
            json_builder_add_string_value (builder, context);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      node = json_builder_get_root (builder);
      output_write (out, i > 0 ? ",\n" : "\n", i > 0 ? 2 : 1);
      output_json_node (out, generator, node);
    }

  if (themes->len > 0)
    output_write (out, "\n]}\n", 4);
  else
    output_write (out, "]}\n", 3);
}

static void
write_themes_tsv (Output    *out,
                  GPtrArray *themes)
{
  static const char header[] = "phrase\tdocuments\ttotal\tscore\tvariants\n";

  output_write (out, header, strlen (header));

  for (guint i = 0; i < themes->len; i++)
    {
      CpTheme *theme = g_ptr_array_index (themes, i);
      const char *phrase = cp_theme_get_phrase (theme);
      const char * const *variants = cp_theme_get_variants (theme);
      gsize phrase_length = strlen (phrase);
      gsize variants_length = 0;
      char score[G_ASCII_DTOSTR_BUF_SIZE];
      char *p;

      for (guint v = 0; variants[v] != NULL; v++)
        variants_length += strlen (variants[v]) + strlen (" | ");

      g_ascii_formatd (score, sizeof score, "%.3f", cp_theme_get_score (theme));

      p = output_reserve (out, phrase_length + 2 * 20 + strlen (score) + variants_length + 5);
      p = put_tsv_field (p, phrase, phrase_length);
      *p++ = '\t';
      p = put_uint (p, cp_theme_get_spread (theme));
      *p++ = '\t';
      p = put_uint (p, cp_theme_get_total (theme));
      *p++ = '\t';
      p = put_bytes (p, score, strlen (score));
      *p++ = '\t';
      for (guint v = 0; variants[v] != NULL; v++)
        {
          if (v > 0)
            p = put_literal (p, " | ");
          p = put_tsv_field (p, variants[v], strlen (variants[v]));
        }
      *p++ = '\n';
      output_commit (out, p);
    }
}

static int
themes_command (int    argc,
                char **argv)
{
  static const char * const themes_formats[] = { "json", "tsv", NULL };
  g_autoptr(CpTopicSet) topics = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Comparisons) comparisons = { NULL, };
  g_autofree char *topics_path = NULL;
  g_autofree char *format_name = NULL;
  g_auto(GStrv) files = NULL;
  int limit = DEFAULT_THEME_LIMIT;
  int min_documents = DEFAULT_MIN_DOCUMENTS;
  CpDiscoverOptions options = { NULL, };
  Format format;
  Output out;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "topics", 't', 0, G_OPTION_ARG_FILENAME, &topics_path,
      N_("Leave out the phrases that the terms of the topics in FILE match"), N_("FILE") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      N_("Print at most N themes, the best first (default: 50)"), N_("N") },
    { "min-documents", 'm', 0, G_OPTION_ARG_INT, &min_documents,
      N_("Suggest only phrases that N files or more share (default: 2)"), N_("N") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: json (the default) or tsv"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files,
      NULL, N_("FILE…") },
    { NULL }
  };

  if (!parse_command_line ("themes",
                           _("Find the phrases that several text files share and print them,\n"
                             "best first, with their spellings, per-file counts and contexts."),
                           _("Without --topics every phrase the files share is suggested; the\n"
                             "default topics are not used. With --topics, phrases that a term of\n"
                             "those topics matches, enabled or not, are left out. A FILE ending\n"
                             "in .counterpoint (a saved comparison) gives its reviews, and without\n"
                             "--topics the topics of the first such file are the ones left out."),
                           entries, &argc, &argv))
    return EXIT_USAGE;

  if (limit < 1)
    {
      print_error (_("--limit must be 1 or more, not %d"), limit);
      print_usage_hint ("themes");
      return EXIT_USAGE;
    }

  if (min_documents < 1)
    {
      print_error (_("--min-documents must be 1 or more, not %d"), min_documents);
      print_usage_hint ("themes");
      return EXIT_USAGE;
    }

  if (!check_format_and_files ("themes", format_name, themes_formats, _("json or tsv"), files, &format))
    return EXIT_USAGE;

  if (topics_path != NULL)
    {
      topics = load_topics (topics_path);
      if (topics == NULL)
        return EXIT_FAILED;
    }

  if (!load_documents (files, documents, paths, &comparisons))
    status = EXIT_FAILED;

  /* Without --topics, a comparison file's topics are those left out */
  if (topics == NULL && comparisons.topics != NULL)
    {
      topics = g_object_ref (comparisons.topics);
      topics_path = g_strdup (comparisons.topics_path);
    }

  if (documents->len < (guint)min_documents)
    print_error (ngettext ("Only %u document was read, but a theme must be shared by at least %d: "
                           "give more files, or a lower --min-documents",
                           "Only %u documents were read, but a theme must be shared by at least %d: "
                           "give more files, or a lower --min-documents",
                           documents->len),
                 documents->len, min_documents);

  options.topics = topics;
  options.limit = limit;
  options.min_documents = min_documents;

  themes = cp_discover_themes ((CpDocument **)documents->pdata, documents->len,
                               &options, NULL, &error);
  if (themes == NULL)
    {
      if (topics_path != NULL)
        print_file_error (topics_path, error);
      else
        print_error ("%s", error->message);
      return EXIT_FAILED;
    }

  output_init (&out, stdout);

  if (format == FORMAT_JSON)
    write_themes_json (&out, documents, paths, themes);
  else
    write_themes_tsv (&out, themes);

  if (!finish_output (&out))
    return EXIT_FAILED;

  return status;
}

/* }}} */

/* sheet {{{ */

typedef enum
{
  SHEET_FORMAT_PDF,
  SHEET_FORMAT_PNG,
  SHEET_FORMAT_HTML,
  SHEET_FORMAT_CSV,
} SheetFormat;

/* What --excerpts and --dpi take. */
#define MAX_SHEET_EXCERPTS 100
#define DEFAULT_SHEET_DPI  150
#define MIN_SHEET_DPI      36
#define MAX_SHEET_DPI      1200

static gboolean
parse_sheet_format (const char  *name,
                    SheetFormat *format)
{
  static const struct
  {
    const char  *name;
    SheetFormat  format;
  } formats[] = {
    { "pdf", SHEET_FORMAT_PDF },
    { "png", SHEET_FORMAT_PNG },
    { "html", SHEET_FORMAT_HTML },
    { "htm", SHEET_FORMAT_HTML },
    { "csv", SHEET_FORMAT_CSV },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_ascii_strcasecmp (name, formats[i].name) == 0)
        {
          *format = formats[i].format;
          return TRUE;
        }
    }

  return FALSE;
}

/* Where the extension of the file name in @path starts (at its dot), or
 * NULL when it has none.
 */
static const char *
find_extension (const char *path)
{
  const char *slash = strrchr (path, G_DIR_SEPARATOR);
  const char *name = slash != NULL ? slash + 1 : path;
  const char *dot = strrchr (name, '.');

  /* “.sheet” is a hidden file without an extension. */
  return dot != NULL && dot != name ? dot : NULL;
}

/* The format the extension of @path names; PDF for any other. */
/* The format a sheet's file name asks for: its extension, else PDF. An
 * extension that is no sheet format's (“review.txt”) asks for none. */
static gboolean
sheet_format_for_path (const char  *path,
                       SheetFormat *format)
{
  const char *extension = find_extension (path);

  if (extension == NULL)
    {
      *format = SHEET_FORMAT_PDF;
      return TRUE;
    }

  return parse_sheet_format (extension + 1, format);
}

/* Whether @path names the same file as @file: the same path, or a link to
 * it (same device and inode) */
static gboolean
same_file (const char *path,
           GFile      *file)
{
  g_autoptr(GFile) output = g_file_new_for_commandline_arg (path);
  const char *other = g_file_peek_path (file);
  GStatBuf a, b;

  if (g_file_equal (output, file))
    return TRUE;

  return other != NULL && g_stat (path, &a) == 0 && g_stat (other, &b) == 0 &&
         a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* A PNG sheet is one file per page: @path itself for a one-page sheet,
 * else @path with “-1”, “-2”… before its extension.
 */
static char *
png_page_path (const char *path,
               guint       page,
               guint       n_pages)
{
  const char *extension = find_extension (path);

  if (n_pages == 1)
    return g_strdup (path);

  if (extension == NULL)
    return g_strdup_printf ("%s-%u", path, page + 1);

  return g_strdup_printf ("%.*s-%u%s", (int)(extension - path), path, page + 1, extension);
}

static gboolean
write_sheet_text (const char  *path,
                  const char  *text,
                  gsize        length)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;

  /* Written to a temporary file, then renamed over @path: its errors name
   * @path, not the temporary file; an existing file keeps its permissions */
  if (!g_file_replace_contents (file, text, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
    {
      print_file_error (path, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_sheet_pages (CpSheetContent *content,
                   SheetFormat     format,
                   CpPaper         paper,
                   int             dpi,
                   const char     *path)
{
  g_autoptr(CpSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  double width, height;
  guint n_pages;

  cp_sheet_get_paper_size (paper, cp_sheet_content_get_n_documents (content), &width, &height);
  sheet = cp_sheet_new (content, width, height);

  if (format == SHEET_FORMAT_PDF)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      if (!cp_sheet_write_pdf (sheet, file, NULL, &error))
        {
          print_file_error (path, error);
          return FALSE;
        }

      return TRUE;
    }

  n_pages = cp_sheet_get_n_pages (sheet);
  for (guint page = 0; page < n_pages; page++)
    {
      g_autofree char *page_path = png_page_path (path, page, n_pages);
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (page_path);

      if (!cp_sheet_write_png (sheet, page, dpi, file, NULL, &error))
        {
          print_file_error (page_path, error);
          return FALSE;
        }
    }

  return TRUE;
}

static void
sheet_usage_error (const char *message)
{
  print_error ("%s", message);
  print_usage_hint ("sheet");
}

static int
sheet_command (int    argc,
               char **argv)
{
  g_autoptr(CpTopicSet) topics = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CpComparison) comparison = NULL;
  g_autoptr(CpSheetContent) content = NULL;
  g_auto(Comparisons) comparisons = { NULL, };
  g_autofree char *output_path = NULL;
  g_autofree char *topics_path = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *paper_name = NULL;
  g_autofree char *title = NULL;
  g_auto(GStrv) files = NULL;
  gboolean full_texts = FALSE;
  gboolean all_topics = FALSE;
  int excerpts = CP_SHEET_DEFAULT_EXCERPTS_PER_CELL;
  int dpi = DEFAULT_SHEET_DPI;
  CpSheetOptions options = { NULL, };
  CpPaper paper = CP_PAPER_DEFAULT;
  SheetFormat format;
  gboolean written;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
      N_("Write the sheet to FILE (required)"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: pdf, png, html or csv (default: from the extension of the output file, else pdf)"),
      N_("FORMAT") },
    { "topics", 't', 0, G_OPTION_ARG_FILENAME, &topics_path,
      N_("Read the topics from FILE instead of using the default topics"), N_("FILE") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title,
      N_("Title of the sheet (default: the subject the reviews’ titles share)"), N_("TEXT") },
    { "paper", 'p', 0, G_OPTION_ARG_STRING, &paper_name,
      N_("Paper size for pdf and png: a4 or letter (default: from the locale)"), N_("SIZE") },
    { "all-topics", 'a', 0, G_OPTION_ARG_NONE, &all_topics,
      N_("Show excerpts for every topic a review mentions, not only for shared topics"), NULL },
    { "excerpts", 'n', 0, G_OPTION_ARG_INT, &excerpts,
      N_("Show at most N excerpts per review and topic (default: 3)"), N_("N") },
    { "full-texts", 0, 0, G_OPTION_ARG_NONE, &full_texts,
      N_("Add the full texts side by side at the end"), NULL },
    { "dpi", 0, 0, G_OPTION_ARG_INT, &dpi,
      N_("Resolution of png pages (default: 150)"), N_("DPI") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files,
      NULL, N_("FILE…") },
    { NULL }
  };

  if (!parse_command_line ("sheet",
                           _("Make a comparison sheet of text files: what each review says about\n"
                             "every topic they share, side by side, after a coverage matrix."),
                           _("pdf and png pages are A4 or Letter, landscape for more than three\n"
                             "reviews. A png sheet is one file per page: the output file itself\n"
                             "when the sheet has one page, else one file per page with -1, -2…\n"
                             "before the extension (sheet-1.png, sheet-2.png…). html is one\n"
                             "self-contained page; csv is the coverage matrix, one line per topic\n"
                             "and one column per review. A FILE ending in .counterpoint (a saved\n"
                             "comparison) gives its reviews, with their names, and its notes. The\n"
                             "topics are those of --topics, else those of the first comparison\n"
                             "file given, else the default topics. Nothing needs a display."),
                           entries, &argc, &argv))
    return EXIT_USAGE;

  if (output_path == NULL)
    {
      sheet_usage_error (_("No output file given; use -o FILE"));
      return EXIT_USAGE;
    }

  if (format_name != NULL)
    {
      if (!parse_sheet_format (format_name, &format))
        {
          g_autofree char *message = g_strdup_printf (_("Unknown format “%s”; use pdf, png, html or csv"),
                                                      format_name);

          sheet_usage_error (message);
          return EXIT_USAGE;
        }
    }
  else if (!sheet_format_for_path (output_path, &format))
    {
      g_autofree char *name = g_filename_display_name (output_path);
      g_autofree char *message = g_strdup_printf (_("Cannot tell the sheet's format from “%s”: name it .pdf, .png, "
                                                    ".html or .csv, or give --format"),
                                                  name);

      sheet_usage_error (message);
      return EXIT_USAGE;
    }

  if (paper_name != NULL)
    {
      if (g_ascii_strcasecmp (paper_name, "a4") == 0)
        paper = CP_PAPER_A4;
      else if (g_ascii_strcasecmp (paper_name, "letter") == 0)
        paper = CP_PAPER_LETTER;
      else
        {
          g_autofree char *message = g_strdup_printf (_("Unknown paper size “%s”; use a4 or letter"),
                                                      paper_name);

          sheet_usage_error (message);
          return EXIT_USAGE;
        }
    }

  if (excerpts < 1 || excerpts > MAX_SHEET_EXCERPTS)
    {
      g_autofree char *message = g_strdup_printf (_("--excerpts must be from 1 to %d, not %d"),
                                                  MAX_SHEET_EXCERPTS, excerpts);

      sheet_usage_error (message);
      return EXIT_USAGE;
    }

  if (dpi < MIN_SHEET_DPI || dpi > MAX_SHEET_DPI)
    {
      g_autofree char *message = g_strdup_printf (_("--dpi must be from %d to %d, not %d"),
                                                  MIN_SHEET_DPI, MAX_SHEET_DPI, dpi);

      sheet_usage_error (message);
      return EXIT_USAGE;
    }

  if (files == NULL || files[0] == NULL)
    {
      sheet_usage_error (_("No file given"));
      return EXIT_USAGE;
    }

  if (topics_path != NULL)
    {
      topics = load_topics (topics_path);
      if (topics == NULL)
        return EXIT_FAILED;
    }

  /* The sheet never replaces a comparison it was made from */
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GFile) input = NULL;

      if (!is_comparison_argument (files[i]))
        continue;
      input = g_file_new_for_commandline_arg (files[i]);
      if (same_file (output_path, input))
        {
          g_autofree char *name = g_filename_display_name (output_path);

          print_error (_("“%s” is one of the comparisons: writing the sheet there would replace it. "
                         "Choose another output file with -o"), name);
          return EXIT_USAGE;
        }
    }

  if (!load_documents (files, documents, paths, &comparisons))
    status = EXIT_FAILED;

  comparison = new_comparison (topics, topics_path, &comparisons);
  if (comparison == NULL)
    return EXIT_FAILED;

  if (documents->len == 0)
    {
      print_error (_("No file could be read, so no sheet was written"));
      return EXIT_FAILED;
    }

  /* The sheet never replaces a review or the topics it was made from */
  for (guint d = 0; d < documents->len; d++)
    {
      GFile *input = cp_document_get_file (g_ptr_array_index (documents, d));

      if (input != NULL && same_file (output_path, input))
        {
          g_autofree char *name = g_filename_display_name (output_path);

          print_error (_("“%s” is one of the reviews: writing the sheet there would replace it. "
                         "Choose another output file with -o"), name);
          return EXIT_USAGE;
        }
    }
  if (topics_path != NULL)
    {
      g_autoptr(GFile) topics_file = g_file_new_for_commandline_arg (topics_path);

      if (same_file (output_path, topics_file))
        {
          g_autofree char *name = g_filename_display_name (output_path);

          print_error (_("“%s” is the topics file: writing the sheet there would replace it. "
                         "Choose another output file with -o"), name);
          return EXIT_USAGE;
        }
    }

  add_documents (comparison, documents, &comparisons);

  options.title = title;
  options.topics = all_topics ? CP_SHEET_TOPICS_ALL : CP_SHEET_TOPICS_SHARED;
  options.excerpts_per_cell = excerpts;
  options.full_texts = full_texts;
  content = cp_sheet_content_new (comparison, &options);

  switch (format)
    {
    case SHEET_FORMAT_HTML:
      {
        gsize length;
        g_autofree char *html = cp_sheet_content_to_html (content, &length);

        written = write_sheet_text (output_path, html, length);
      }
      break;

    case SHEET_FORMAT_CSV:
      {
        gsize length;
        g_autofree char *csv = cp_sheet_content_to_csv (content, &length);

        written = write_sheet_text (output_path, csv, length);
      }
      break;

    case SHEET_FORMAT_PDF:
    case SHEET_FORMAT_PNG:
    default:
      written = write_sheet_pages (content, format, paper, dpi, output_path);
      break;
    }

  if (!written)
    return EXIT_FAILED;

  return status;
}

/* }}} */

/* text {{{ */

/* Whether the text of each file is printed under a “==> PATH <==” line:
 * unless one file alone is asked for, as head(1) does. */
static gboolean
text_needs_headers (char **files)
{
  g_autoptr(GFile) file = NULL;

  if (files[0] == NULL || files[1] != NULL)
    return TRUE;
  if (g_str_equal (files[0], STDIN_ARGUMENT))
    return FALSE;

  /* A comparison file holds several reviews, as a folder does */
  if (is_comparison_argument (files[0]))
    return TRUE;

  file = g_file_new_for_commandline_arg (files[0]);
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY;
}

static void
write_texts (Output    *out,
             GPtrArray *documents,
             GPtrArray *paths,
             gboolean   headers)
{
  for (guint d = 0; d < documents->len; d++)
    {
      CpDocument *document = g_ptr_array_index (documents, d);
      const char *text = cp_document_get_text (document);
      gsize length = cp_document_get_length (document);

      if (headers)
        {
          g_autofree char *header = g_strdup_printf ("%s==> %s <==\n", d > 0 ? "\n" : "",
                                                     (const char *) g_ptr_array_index (paths, d));

          output_write (out, header, strlen (header));
        }
      output_write_text (out, text, length);
      if (length > 0 && text[length - 1] != '\n')
        output_write (out, "\n", 1);
    }
}

/* An array of one object per file, each on a line of its own: its
 * members as in the “documents” of the other commands, and its “text”. */
static void
write_texts_json (Output    *out,
                  GPtrArray *documents,
                  GPtrArray *paths)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  output_write (out, "[", 1);
  for (guint d = 0; d < documents->len; d++)
    {
      CpDocument *document = g_ptr_array_index (documents, d);

      output_write (out, d > 0 ? ",\n" : "\n", d > 0 ? 2 : 1);
      write_open_document_object (out, generator, document, g_ptr_array_index (paths, d));
      output_write (out, ",\"text\":", strlen (",\"text\":"));
      output_json_text (out, cp_document_get_text (document), cp_document_get_length (document));
      output_write (out, "}", 1);
    }
  output_write (out, documents->len > 0 ? "\n]\n" : "]\n", documents->len > 0 ? 3 : 2);
}

static int
text_command (int    argc,
              char **argv)
{
  static const char * const text_formats[] = { "text", "json", NULL };
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *format_name = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(Comparisons) comparisons = { NULL, };
  Format format;
  Output out;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: text (the default) or json"), N_("FORMAT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files,
      NULL, N_("FILE…") },
    { NULL }
  };

  if (!parse_command_line ("text",
                           _("Print the text of each file as Counterpoint reads it: the article\n"
                             "of a web page, the text of a PDF or a document, or a text file\n"
                             "decoded to UTF-8. For checking an import, and for converting files."),
                           _("text prints one file’s text alone. With several files (or a\n"
                             "folder), each text comes under a line “==> PATH <==”, and texts are\n"
                             "separated by a blank line, as head(1) does. json prints an array of\n"
                             "one object per file: path, title, label (its name in a comparison),\n"
                             "author, source (the outlet) and date (null when the file does not\n"
                             "say), format, encoding, characters, words and text. A FILE of “-” is\n"
                             "standard input, one ending in .counterpoint (a saved comparison) the\n"
                             "reviews in it. A file that cannot be read is named on standard error\n"
                             "and the others are still printed (exit status 1)."),
                           entries, &argc, &argv))
    return EXIT_USAGE;

  if (!check_format_and_files ("text", format_name, text_formats, _("text or json"), files, &format))
    return EXIT_USAGE;

  if (!load_documents (files, documents, paths, &comparisons))
    status = EXIT_FAILED;

  output_init (&out, stdout);

  if (format == FORMAT_JSON)
    write_texts_json (&out, documents, paths);
  else
    write_texts (&out, documents, paths, text_needs_headers (files));

  if (!finish_output (&out))
    return EXIT_FAILED;

  return status;
}

/* }}} */

int
main (int    argc,
      char **argv)
{
  /* “help COMMAND” runs as “COMMAND --help”. */
  char *help_argv[] = { argv[0], NULL, (char *)"--help", NULL };
  const char *name;
  const char *localedir = g_getenv ("COUNTERPOINT_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* Uninstalled runs and the tests read the catalogues meson compiled
   * in the build tree ($builddir/po) */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  cp_import_register_all ();

  if (argc < 2)
    {
      print_help (stderr);
      return EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "help") && argc > 2)
    {
      help_argv[1] = argv[2];
      argv = help_argv;
      argc = 3;
    }

  name = argv[1];

  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_help (stdout);
      return EXIT_OK;
    }

  if (g_str_equal (name, "--version"))
    {
      printf ("%s %s\n", PROGRAM_NAME, PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (name, commands[i].name))
        return commands[i].run (argc - 1, argv + 1);
    }

  if (name[0] == '-')
    print_error (_("Unknown option “%s”"), name);
  else
    print_error (_("Unknown command “%s”"), name);
  print_usage_hint (NULL);

  return EXIT_USAGE;
}
