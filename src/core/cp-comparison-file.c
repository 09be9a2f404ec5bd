/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The `.counterpoint` file: a comparison as a document, in JSON
 * (docs/comparison-file.md). Reading checks before it trusts: the size,
 * UTF-8, the nesting depth (json-glib 1.6 recurses per level with no limit
 * of its own), then every member's type; what cannot be read is left out
 * or repaired, said in a sentence, and makes the file read-only, so that
 * saving never loses what this version did not understand.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cp-comparison-file.h"
#include "cp-error.h"
#include "cp-file.h"
#include "cp-json.h"

#define FORMAT_NAME   "counterpoint-comparison"
#define EXTENSION     ".counterpoint"
/* Deeper than the format ever nests (4 levels), shallow enough for any
 * stack */
#define MAX_DEPTH     64
/* Backups of an older file: "name (version 1) 2.counterpoint" and on */
#define MAX_BACKUPS   1000

struct _CpComparisonFile
{
  GObject     parent_instance;

  GFile      *file;
  guint       version;
  gboolean    read_only;
  GPtrArray  *problems;   /* char *, NULL-terminated */
  CpTopicSet *topics;
  GPtrArray  *documents;  /* CpDocument, in pane order */
  GPtrArray  *notes;      /* CpNote, in the file's order */
  char       *focus_topic;
};

G_DEFINE_FINAL_TYPE (CpComparisonFile, cp_comparison_file, G_TYPE_OBJECT)

/* What reading the notes left out or repaired, said once for all */
typedef struct
{
  guint n_dropped;
  guint n_moved;
  guint n_repaired;
} NoteTally;

static void
cp_comparison_file_finalize (GObject *object)
{
  CpComparisonFile *self = (CpComparisonFile *)object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_object (&self->topics);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->focus_topic, g_free);

  G_OBJECT_CLASS (cp_comparison_file_parent_class)->finalize (object);
}

static void
cp_comparison_file_class_init (CpComparisonFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_comparison_file_finalize;
}

static void
cp_comparison_file_init (CpComparisonFile *self)
{
  self->version = CP_COMPARISON_FILE_VERSION;
  self->problems = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->documents = g_ptr_array_new_with_free_func (g_object_unref);
  self->notes = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * cp_comparison_file_is_comparison:
 * @file: a file
 *
 * Returns: whether @file is named as a comparison file (`.counterpoint`,
 *   in any case): what to open as one rather than as a review
 */
gboolean
cp_comparison_file_is_comparison (GFile *file)
{
  g_autofree char *name = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  if (name == NULL)
    return FALSE;
  length = strlen (name);

  return length > strlen (EXTENSION) &&
         g_ascii_strcasecmp (name + length - strlen (EXTENSION), EXTENSION) == 0;
}

/* Reading {{{ */

G_GNUC_PRINTF (2, 3)
static void
add_problem (CpComparisonFile *self,
             const char       *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->problems, g_strdup_vprintf (format, args));
  va_end (args);
  self->read_only = TRUE;
}

static void
set_damaged_error (GError     **error,
                   const char  *display_name,
                   const char  *what_is_wrong)
{
  g_set_error (error, CP_ERROR, CP_ERROR_DAMAGED,
               /* Translators: the first %s is the file's name, the second says what is wrong
                * with it (a sentence that begins in lower case: “it is not UTF-8 text, …”) */
               _("“%s” cannot be opened: %s Open a copy saved before it was damaged, or "
                 "build the comparison again from its reviews."),
               display_name, what_is_wrong);
}

/* Whether every string in @node, member names included, is UTF-8: JSON
 * escapes (a lone surrogate) can make one that is not out of valid text. */
static gboolean
strings_are_valid (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (!g_utf8_validate (name, -1, NULL) || !strings_are_valid (member))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!strings_are_valid (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING ||
             g_utf8_validate (json_node_get_string (node), -1, NULL);

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

typedef enum
{
  MEMBER_MISSING,  /* absent or null */
  MEMBER_OK,
  MEMBER_WRONG,    /* of another type */
} MemberState;

static MemberState
get_string (JsonObject  *object,
            const char  *name,
            const char **value)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return MEMBER_MISSING;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return MEMBER_WRONG;
  *value = json_node_get_string (node);
  return MEMBER_OK;
}

static MemberState
get_int (JsonObject *object,
         const char *name,
         gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return MEMBER_MISSING;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return MEMBER_WRONG;
  *value = json_node_get_int (node);
  return MEMBER_OK;
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *name,
           MemberState *state)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    *state = MEMBER_MISSING;
  else if (!JSON_NODE_HOLDS_ARRAY (node))
    *state = MEMBER_WRONG;
  else
    {
      *state = MEMBER_OK;
      return json_node_get_array (node);
    }
  return NULL;
}

static void
read_version (CpComparisonFile *self,
              JsonObject       *root)
{
  gint64 version;

  switch (get_int (root, "version", &version))
    {
    case MEMBER_OK:
      /* Below 1: from before the format had versions, read as the oldest */
      self->version = CLAMP (version, 0, G_MAXUINT);
      break;

    case MEMBER_WRONG:
      self->version = 0;
      add_problem (self, _("Its format version could not be read."));
      break;

    case MEMBER_MISSING:
    default:
      self->version = 0;
      break;
    }

  if (self->version > CP_COMPARISON_FILE_VERSION)
    add_problem (self,
                 _("It was saved by a newer version of Counterpoint (format version %u), so this "
                   "version shows what it understands and does not save over it. Update "
                   "Counterpoint, or use Save As to keep your changes in another file."),
                 self->version);
}

static void
read_topics (CpComparisonFile *self,
             JsonObject       *root,
             const char       *display_name)
{
  g_autoptr(GError) error = NULL;
  const char *data;

  self->topics = cp_topic_set_new ();
  switch (get_string (root, "topics", &data))
    {
    case MEMBER_OK:
      if (cp_topic_set_load_from_data (self->topics, data, -1, display_name, &error))
        return;
      add_problem (self, _("Its topics could not be read (%s); the default topics are used instead."),
                   error->message);
      break;

    case MEMBER_WRONG:
    case MEMBER_MISSING:
    default:
      add_problem (self, _("It holds no topics that could be read; the default topics are used instead."));
      break;
    }

  g_clear_object (&self->topics);
  self->topics = cp_topic_set_new_default ();
}

static void
read_focus (CpComparisonFile *self,
            JsonObject       *root)
{
  const char *id;
  MemberState state = get_string (root, "focus-topic", &id);

  if (state == MEMBER_OK && cp_topic_set_lookup (self->topics, id, NULL) != NULL)
    self->focus_topic = g_strdup (id);
  else if (state != MEMBER_MISSING)
    add_problem (self, _("The topic it had in focus is not one of its topics."));
}

static CpEncoding
parse_encoding (const char *nick,
                gboolean   *ok)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CP_TYPE_ENCODING);
  GEnumValue *value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  *ok = nick == NULL || value != NULL;
  return value != NULL ? (CpEncoding) value->value : CP_ENCODING_UTF8;
}

/* One member of a review: a string, or NULL when absent; a member of
 * another type counts as absent and against @details_ok */
static const char *
review_string (JsonObject *review,
               const char *name,
               gboolean   *details_ok)
{
  const char *value;

  if (get_string (review, name, &value) == MEMBER_WRONG)
    *details_ok = FALSE;
  return value;
}

/* The document the review at @index (counted from 1 in messages) holds,
 * or NULL when it could not be read */
static CpDocument *
read_review (CpComparisonFile *self,
             JsonNode         *node,
             guint             index)
{
  JsonObject *review;
  const char *text;
  const char *label, *name, *source, *format, *encoding_nick;
  g_autoptr(GFile) source_file = NULL;
  g_autofree char *fallback_name = NULL;
  CpDocumentInfo info = { 0 };
  CpDocument *document;
  CpEncoding encoding;
  gboolean details_ok = TRUE;
  gboolean encoding_ok;
  gint64 n_repaired = 0;

  review = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (review == NULL || get_string (review, "text", &text) != MEMBER_OK)
    {
      add_problem (self, _("Review %u has no text that could be read; it was left out."), index + 1);
      return NULL;
    }
  if (strlen (text) > CP_DOCUMENT_DEFAULT_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (CP_DOCUMENT_DEFAULT_MAX_SIZE);

      add_problem (self, _("Review %u is longer than a review can be (at most %s); it was left out."),
                   index + 1, limit);
      return NULL;
    }

  label = review_string (review, "label", &details_ok);
  name = review_string (review, "name", &details_ok);
  source = review_string (review, "source", &details_ok);
  format = review_string (review, "format", &details_ok);
  info.title = review_string (review, "title", &details_ok);
  info.author = review_string (review, "author", &details_ok);
  info.site = review_string (review, "site", &details_ok);
  info.date = review_string (review, "date", &details_ok);
  encoding_nick = review_string (review, "encoding", &details_ok);
  if (get_int (review, "repaired", &n_repaired) == MEMBER_WRONG || n_repaired < 0)
    {
      details_ok = FALSE;
      n_repaired = 0;
    }

  encoding = parse_encoding (encoding_nick, &encoding_ok);
  details_ok &= encoding_ok;

  if (source != NULL && g_uri_is_valid (source, G_URI_FLAGS_NONE, NULL))
    source_file = g_file_new_for_uri (source);
  else if (source != NULL)
    details_ok = FALSE;

  if (name == NULL || name[0] == '\0')
    {
      if (source_file != NULL)
        fallback_name = g_file_get_basename (source_file);
      if (fallback_name == NULL || !g_utf8_validate (fallback_name, -1, NULL))
        {
          g_free (fallback_name);
          /* Translators: the name of a review whose file name is not known */
          fallback_name = g_strdup_printf (_("Review %u"), index + 1);
        }
      name = fallback_name;
    }

  info.format = format != NULL && format[0] != '\0' ? format : "text";
  document = cp_document_new_from_import (source_file, name, text, -1, &info);
  cp_document_set_label (document, label);
  cp_document_restore_source (document, encoding, n_repaired);
  /* Its text is the file's: where it came from is information, not a
   * file to watch or read again */
  cp_document_set_embedded (document, TRUE);

  if (!details_ok)
    add_problem (self,
                 _("Some details of review %u (its label, name, source, title, author, site, date or "
                   "encoding) could not be read."),
                 index + 1);

  return document;
}

static void
read_reviews (CpComparisonFile *self,
              JsonObject       *root,
              GArray           *positions)
{
  MemberState state;
  JsonArray *reviews = get_array (root, "reviews", &state);
  guint n_reviews;

  if (state == MEMBER_WRONG)
    add_problem (self, _("Its list of reviews could not be read."));
  if (reviews == NULL)
    return;

  n_reviews = json_array_get_length (reviews);
  for (guint i = 0; i < n_reviews; i++)
    {
      CpDocument *document = NULL;
      guint position = G_MAXUINT;

      if (i < CP_COMPARISON_FILE_MAX_REVIEWS)
        document = read_review (self, json_array_get_element (reviews, i), i);
      if (document != NULL)
        {
          position = self->documents->len;
          g_ptr_array_add (self->documents, document);
        }
      g_array_append_val (positions, position);
    }

  if (n_reviews > CP_COMPARISON_FILE_MAX_REVIEWS)
    add_problem (self,
                 /* Translators: the first %u is the most reviews a comparison holds (64), the
                  * second how many more the file had */
                 ngettext ("It holds more reviews than a comparison can (%u); %u was left out.",
                           "It holds more reviews than a comparison can (%u); %u were left out.",
                           n_reviews - CP_COMPARISON_FILE_MAX_REVIEWS),
                 CP_COMPARISON_FILE_MAX_REVIEWS, n_reviews - CP_COMPARISON_FILE_MAX_REVIEWS);
}

static GDateTime *
parse_time (JsonObject *note,
            const char *name,
            GTimeZone  *utc,
            gboolean   *ok)
{
  const char *text;
  MemberState state = get_string (note, name, &text);
  g_autoptr(GDateTime) time = state == MEMBER_OK ? g_date_time_new_from_iso8601 (text, utc) : NULL;

  if (state != MEMBER_MISSING && time == NULL)
    *ok = FALSE;
  if (time == NULL)
    return NULL;

  /* To the second, as a note keeps it */
  return g_date_time_add (time, -(GTimeSpan) g_date_time_get_microsecond (time));
}

/* Where the note's passage is in @document, as byte offsets: where the
 * file says when the quote is there, else the quote's nearest occurrence
 * (@moved), else nowhere */
static gboolean
place_note (CpDocument *document,
            JsonObject *note,
            const char *quote,
            gsize      *start,
            gsize      *end,
            gboolean   *moved)
{
  gint64 char_start = -1, char_end = -1;
  gboolean offsets_ok;

  offsets_ok = get_int (note, "start", &char_start) == MEMBER_OK &&
               get_int (note, "end", &char_end) == MEMBER_OK &&
               char_start >= 0 && char_start < char_end &&
               (guint64) char_end <= cp_document_get_n_characters (document);
  if (offsets_ok)
    {
      *start = cp_document_get_byte_offset (document, char_start);
      *end = cp_document_get_byte_offset (document, char_end);
      if (quote == NULL || (strlen (quote) == *end - *start &&
                            memcmp (cp_document_get_text (document) + *start, quote, *end - *start) == 0))
        {
          *moved = FALSE;
          return TRUE;
        }
    }

  if (quote == NULL || quote[0] == '\0' ||
      !cp_note_find_quote (document, quote, MAX (char_start, 0), start))
    return FALSE;

  *end = *start + strlen (quote);
  *moved = TRUE;
  return TRUE;
}

static CpNote *
read_note (JsonNode   *node,
           GPtrArray  *documents,
           GArray     *positions,
           GTimeZone  *utc,
           NoteTally  *tally)
{
  JsonObject *object;
  CpDocument *document;
  const char *quote = NULL, *text = NULL;
  g_autofree char *short_text = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) modified = NULL;
  CpNote *note;
  gint64 review;
  gsize start, end;
  gboolean moved = FALSE;
  gboolean details_ok = TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    goto dropped;
  object = json_node_get_object (node);

  if (get_int (object, "review", &review) != MEMBER_OK ||
      review < 0 || review >= positions->len ||
      g_array_index (positions, guint, review) == G_MAXUINT)
    goto dropped;
  document = g_ptr_array_index (documents, g_array_index (positions, guint, review));

  if (get_string (object, "quote", &quote) == MEMBER_WRONG || (quote != NULL && strlen (quote) > CP_NOTE_MAX_QUOTE))
    goto dropped;
  if (!place_note (document, object, quote, &start, &end, &moved) || end - start > CP_NOTE_MAX_QUOTE)
    goto dropped;

  if (quote == NULL || get_string (object, "text", &text) == MEMBER_WRONG)
    details_ok = FALSE;
  else if (text != NULL && strlen (text) > CP_NOTE_MAX_TEXT)
    {
      const char *cut = g_utf8_find_prev_char (text, text + CP_NOTE_MAX_TEXT + 1);

      short_text = g_strndup (text, cut - text);
      text = short_text;
      details_ok = FALSE;
    }

  note = cp_note_new (document, start, end, text);

  created = parse_time (object, "created", utc, &details_ok);
  modified = parse_time (object, "modified", utc, &details_ok);
  if (created != NULL || modified != NULL)
    cp_note_set_times (note,
                       created != NULL ? created : modified,
                       modified != NULL ? modified : created);

  if (moved)
    tally->n_moved++;
  else if (!details_ok)
    tally->n_repaired++;

  return note;

dropped:
  tally->n_dropped++;
  return NULL;
}

static void
read_notes (CpComparisonFile *self,
            JsonObject       *root,
            GArray           *positions)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  NoteTally tally = { 0 };
  MemberState state;
  JsonArray *notes = get_array (root, "notes", &state);
  guint n_notes;

  if (state == MEMBER_WRONG)
    add_problem (self, _("Its list of notes could not be read."));
  if (notes == NULL)
    return;

  n_notes = json_array_get_length (notes);
  for (guint i = 0; i < MIN (n_notes, CP_COMPARISON_FILE_MAX_NOTES); i++)
    {
      CpNote *note = read_note (json_array_get_element (notes, i), self->documents, positions, utc, &tally);

      if (note != NULL)
        g_ptr_array_add (self->notes, note);
    }

  if (n_notes > CP_COMPARISON_FILE_MAX_NOTES)
    add_problem (self,
                 /* Translators: the first %u is the most notes a comparison holds, the second
                  * how many more the file had */
                 ngettext ("It holds more notes than a comparison can (%u); %u was left out.",
                           "It holds more notes than a comparison can (%u); %u were left out.",
                           n_notes - CP_COMPARISON_FILE_MAX_NOTES),
                 CP_COMPARISON_FILE_MAX_NOTES, n_notes - CP_COMPARISON_FILE_MAX_NOTES);
  if (tally.n_dropped > 0)
    add_problem (self,
                 ngettext ("%u note could not be placed on a review and was left out.",
                           "%u notes could not be placed on a review and were left out.",
                           tally.n_dropped),
                 tally.n_dropped);
  if (tally.n_moved > 0)
    add_problem (self,
                 ngettext ("%u note was not on the passage the file gave; it was placed on its passage again.",
                           "%u notes were not on the passages the file gave; they were placed on their "
                           "passages again.",
                           tally.n_moved),
                 tally.n_moved);
  if (tally.n_repaired > 0)
    add_problem (self,
                 ngettext ("%u note had a text or time that could not be read; the rest of it was kept.",
                           "%u notes had a text or time that could not be read; the rest of them was kept.",
                           tally.n_repaired),
                 tally.n_repaired);
}

/**
 * cp_comparison_file_new_from_data:
 * @data: the contents of a comparison file
 * @length: their length in bytes
 * @display_name: the file's name, for messages
 * @error: return location for a #GError
 *
 * Reads a comparison from @data. What is not a comparison file (not
 * UTF-8, not JSON, nested too deeply, too large, not saved by
 * Counterpoint) fails with %CP_ERROR_DAMAGED (%CP_ERROR_TOO_LARGE) and a
 * message naming @display_name. Parts that cannot be read are left out
 * or repaired, each said in cp_comparison_file_get_problems(), and make
 * the file read-only.
 *
 * Returns: (transfer full): what the file holds, or %NULL with @error set
 */
CpComparisonFile *
cp_comparison_file_new_from_data (const char  *data,
                                  gsize        length,
                                  const char  *display_name,
                                  GError     **error)
{
  g_autoptr(CpComparisonFile) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) positions = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *format;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > CP_COMPARISON_FILE_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (CP_COMPARISON_FILE_MAX_SIZE);

      g_set_error (error, CP_ERROR, CP_ERROR_TOO_LARGE,
                   _("“%s” is larger than a %s can be (at most %s). Choose the right file."),
                   display_name, _("comparison file"), limit);
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      set_damaged_error (error, display_name, _("it is not UTF-8 text, as every comparison file is."));
      return NULL;
    }
  if (!cp_json_depth_is_within (data, length, MAX_DEPTH))
    {
      set_damaged_error (error, display_name, _("its contents nest deeper than any comparison file does."));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_debug ("%s: %s", display_name, local_error->message);
      set_damaged_error (error, display_name,
                         _("it is damaged or cut short, or it is not a comparison file."));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      get_string (json_node_get_object (root), "format", &format) != MEMBER_OK ||
      !g_str_equal (format, FORMAT_NAME))
    {
      g_set_error (error, CP_ERROR, CP_ERROR_DAMAGED,
                   _("“%s” is not a comparison saved by Counterpoint. To compare it as a review, "
                     "add it to a comparison."),
                   display_name);
      return NULL;
    }
  if (!strings_are_valid (root))
    {
      set_damaged_error (error, display_name, _("it holds text that is not valid UTF-8."));
      return NULL;
    }

  object = json_node_get_object (root);
  self = g_object_new (CP_TYPE_COMPARISON_FILE, NULL);
  positions = g_array_new (FALSE, FALSE, sizeof (guint));

  read_version (self, object);
  read_topics (self, object, display_name);
  read_focus (self, object);
  read_reviews (self, object, positions);
  read_notes (self, object, positions);

  return g_steal_pointer (&self);
}

/**
 * cp_comparison_file_load:
 * @file: a comparison file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @file (a regular file of at most %CP_COMPARISON_FILE_MAX_SIZE
 * bytes) as cp_comparison_file_new_from_data() does.
 *
 * Returns: (transfer full): what the file holds, or %NULL with @error set
 */
CpComparisonFile *
cp_comparison_file_load (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display_name = NULL;
  CpComparisonFile *self;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!cp_file_load_contents (file, CP_COMPARISON_FILE_MAX_SIZE, _("comparison file"),
                              cancellable, &contents, &length, error))
    return NULL;

  display_name = g_file_get_parse_name (file);
  if (g_file_peek_path (file) != NULL)
    {
      g_free (display_name);
      display_name = g_filename_display_basename (g_file_peek_path (file));
    }

  self = cp_comparison_file_new_from_data (contents, length, display_name, error);
  if (self != NULL)
    self->file = g_object_ref (file);

  return self;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  CpComparisonFile *self = cp_comparison_file_load (task_data, cancellable, &error);

  if (self == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, g_object_unref);
}

/**
 * cp_comparison_file_load_async:
 * @file: a comparison file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is read
 * @user_data: data for @callback
 *
 * Reads @file in a worker thread: the reading, parsing and the building
 * of its documents. Nothing is tagged yet.
 */
void
cp_comparison_file_load_async (GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cp_comparison_file_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

/**
 * cp_comparison_file_load_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): what the file holds, or %NULL with @error set
 */
CpComparisonFile *
cp_comparison_file_load_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cp_comparison_file_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* }}} */

/* What was read {{{ */

/**
 * cp_comparison_file_get_file:
 * @self: a #CpComparisonFile
 *
 * Returns: (transfer none) (nullable): the file it was read from; %NULL
 *   when it was read from data
 */
GFile *
cp_comparison_file_get_file (CpComparisonFile *self)
{
  g_return_val_if_fail (CP_IS_COMPARISON_FILE (self), NULL);

  return self->file;
}

/**
 * cp_comparison_file_get_version:
 * @self: a #CpComparisonFile
 *
 * The format version the file says it has; 0 when it has none (or one
 * below 1). Pass it to cp_comparison_file_save() when saving over the
 * file, so that a file older than %CP_COMPARISON_FILE_VERSION is copied
 * first.
 *
 * Returns: the file's format version
 */
guint
cp_comparison_file_get_version (CpComparisonFile *self)
{
  g_return_val_if_fail (CP_IS_COMPARISON_FILE (self), 0);

  return self->version;
}

/**
 * cp_comparison_file_is_read_only:
 * @self: a #CpComparisonFile
 *
 * Returns: whether saving over the file would lose something: it is from
 *   a newer version, or parts of it could not be read
 */
gboolean
cp_comparison_file_is_read_only (CpComparisonFile *self)
{
  g_return_val_if_fail (CP_IS_COMPARISON_FILE (self), TRUE);

  return self->read_only;
}

/**
 * cp_comparison_file_get_problems:
 * @self: a #CpComparisonFile
 *
 * Returns: (transfer none) (array zero-terminated=1): what could not be
 *   read and why it is read-only, a sentence each; empty when nothing
 */
const char * const *
cp_comparison_file_get_problems (CpComparisonFile *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (CP_IS_COMPARISON_FILE (self), NULL);

  /* An empty array may have no storage yet */
  return self->problems->len > 0 ? (const char * const *) self->problems->pdata : none;
}

/**
 * cp_comparison_file_get_topics:
 * @self: a #CpComparisonFile
 *
 * Returns: (transfer none): the comparison's own topics
 */
CpTopicSet *
cp_comparison_file_get_topics (CpComparisonFile *self)
{
  g_return_val_if_fail (CP_IS_COMPARISON_FILE (self), NULL);

  return self->topics;
}

/**
 * cp_comparison_file_get_documents:
 * @self: a #CpComparisonFile
 *
 * Returns: (transfer none) (element-type CpDocument): the reviews, in
 *   pane order, labels set
 */
GPtrArray *
cp_comparison_file_get_documents (CpComparisonFile *self)
{
  g_return_val_if_fail (CP_IS_COMPARISON_FILE (self), NULL);

  return self->documents;
}

/**
 * cp_comparison_file_get_notes:
 * @self: a #CpComparisonFile
 *
 * Returns: (transfer none) (element-type CpNote): the notes, on the
 *   documents, in the order they were added
 */
GPtrArray *
cp_comparison_file_get_notes (CpComparisonFile *self)
{
  g_return_val_if_fail (CP_IS_COMPARISON_FILE (self), NULL);

  return self->notes;
}

/**
 * cp_comparison_file_get_focus_topic:
 * @self: a #CpComparisonFile
 *
 * Returns: (nullable): the id of the topic in focus, one of its topics
 */
const char *
cp_comparison_file_get_focus_topic (CpComparisonFile *self)
{
  g_return_val_if_fail (CP_IS_COMPARISON_FILE (self), NULL);

  return self->focus_topic;
}

/**
 * cp_comparison_file_create_comparison:
 * @self: a #CpComparisonFile
 *
 * Makes the comparison the file holds: its topics, its documents tagged
 * (here, synchronously) in pane order, its notes. The documents and notes
 * are the file's own objects; call it once.
 *
 * Returns: (transfer full): a new #CpComparison
 */
CpComparison *
cp_comparison_file_create_comparison (CpComparisonFile *self)
{
  CpComparison *comparison;

  g_return_val_if_fail (CP_IS_COMPARISON_FILE (self), NULL);

  comparison = cp_comparison_new (self->topics);
  for (guint i = 0; i < self->documents->len; i++)
    cp_comparison_append_document (comparison, self->documents->pdata[i]);
  for (guint i = 0; i < self->notes->len; i++)
    cp_comparison_add_note (comparison, self->notes->pdata[i]);

  return comparison;
}

/* }}} */

/* Writing {{{ */

static void
add_time (JsonBuilder *builder,
          const char  *name,
          GDateTime   *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);
  /* Four digits of year whatever the year (%Y writes 999 as it is) */
  g_autofree char *text = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                                           g_date_time_get_year (utc), g_date_time_get_month (utc),
                                           g_date_time_get_day_of_month (utc), g_date_time_get_hour (utc),
                                           g_date_time_get_minute (utc), g_date_time_get_second (utc));

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static void
build_review (JsonBuilder *builder,
              CpDocument  *document)
{
  g_autoptr(GEnumClass) encodings = g_type_class_ref (CP_TYPE_ENCODING);
  GEnumValue *encoding = g_enum_get_value (encodings, cp_document_get_encoding (document));
  g_autofree char *source = NULL;

  if (cp_document_get_file (document) != NULL)
    source = g_file_get_uri (cp_document_get_file (document));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, cp_document_get_text (document));
  cp_json_add_string_member (builder, "label", cp_document_get_label (document));
  cp_json_add_string_member (builder, "name", cp_document_get_name (document));
  cp_json_add_string_member (builder, "source", source);
  cp_json_add_string_member (builder, "format", cp_document_get_format (document));
  /* A title taken from the text is taken again when it is read */
  cp_json_add_string_member (builder, "title",
                             cp_document_title_is_derived (document) ? NULL : cp_document_get_title (document));
  cp_json_add_string_member (builder, "author", cp_document_get_author (document));
  cp_json_add_string_member (builder, "site", cp_document_get_site (document));
  cp_json_add_string_member (builder, "date", cp_document_get_date (document));
  cp_json_add_string_member (builder, "encoding", encoding != NULL ? encoding->value_nick : NULL);
  json_builder_set_member_name (builder, "repaired");
  json_builder_add_int_value (builder, cp_document_get_n_repaired (document));
  json_builder_end_object (builder);
}

static void
build_note (JsonBuilder *builder,
            guint        review,
            CpNote      *note)
{
  CpDocument *document = cp_note_get_document (note);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "review");
  json_builder_add_int_value (builder, review);
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, cp_document_get_char_offset (document, cp_note_get_start (note)));
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, cp_document_get_char_offset (document, cp_note_get_end (note)));
  json_builder_set_member_name (builder, "quote");
  json_builder_add_string_value (builder, cp_note_get_quote (note));
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, cp_note_get_text (note));
  add_time (builder, "created", cp_note_get_created (note));
  add_time (builder, "modified", cp_note_get_modified (note));
  json_builder_end_object (builder);
}

/**
 * cp_comparison_file_to_data:
 * @comparison: a comparison
 * @focus_topic: (nullable): the id of the topic in focus
 * @length: (out) (optional): the length of the result
 *
 * Writes @comparison as a comparison file: pretty-printed UTF-8 JSON,
 * members always in the same order (docs/comparison-file.md).
 *
 * Returns: (transfer full): the file's contents
 */
char *
cp_comparison_file_to_data (CpComparison *comparison,
                            const char   *focus_topic,
                            gsize        *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *topics = NULL;
  char *json;
  GListModel *notes;
  gsize json_length;

  g_return_val_if_fail (CP_IS_COMPARISON (comparison), NULL);

  topics = cp_topic_set_to_data (cp_comparison_get_topics (comparison), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, CP_COMPARISON_FILE_VERSION);
  json_builder_set_member_name (builder, "generator");
  json_builder_add_string_value (builder, "Counterpoint " PACKAGE_VERSION);
  json_builder_set_member_name (builder, "topics");
  json_builder_add_string_value (builder, topics);
  cp_json_add_string_member (builder, "focus-topic", focus_topic);

  json_builder_set_member_name (builder, "reviews");
  json_builder_begin_array (builder);
  for (guint d = 0; d < cp_comparison_get_n_documents (comparison); d++)
    build_review (builder, cp_comparison_get_document (comparison, d));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  notes = cp_comparison_get_notes (comparison);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(CpNote) note = g_list_model_get_item (notes, i);
      guint review;

      if (cp_comparison_find_document (comparison, cp_note_get_document (note), &review))
        build_note (builder, review, note);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json = json_generator_to_data (generator, &json_length);

  /* Ends in a line break, as a text file does */
  json = g_realloc (json, json_length + 2);
  json[json_length++] = '\n';
  json[json_length] = '\0';
  if (length != NULL)
    *length = json_length;

  return json;
}

/* The name for a copy of @file, which holds format version @version:
 * "Name (version N).counterpoint", then "Name (version N) 2.counterpoint"
 * and on */
static GFile *
get_backup_file (GFile *file,
                 guint  version,
                 guint  attempt)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  if (cp_comparison_file_is_comparison (file))
    stem = g_strndup (basename, strlen (basename) - strlen (EXTENSION));
  else
    stem = g_strdup (basename);

  if (attempt == 1)
    /* Translators: the name of a copy of an older comparison file, kept before it is saved over */
    name = g_strdup_printf (_("%s (version %u)"), stem, version);
  else
    /* Translators: as above, when that name is taken: "Name (version 1) 2" */
    name = g_strdup_printf (_("%s (version %u) %u"), stem, version, attempt);

  {
    g_autofree char *filename = g_strconcat (name, EXTENSION, NULL);

    return g_file_get_child (parent, filename);
  }
}

static GFile *
copy_to_backup (GFile         *file,
                guint          version,
                const char    *display_name,
                GCancellable  *cancellable,
                GError       **error)
{
  for (guint attempt = 1; attempt <= MAX_BACKUPS; attempt++)
    {
      g_autoptr(GFile) backup = get_backup_file (file, version, attempt);
      g_autoptr(GError) local_error = NULL;

      if (g_file_copy (file, backup, G_FILE_COPY_NONE, cancellable, NULL, NULL, &local_error))
        return g_steal_pointer (&backup);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("“%s” was not saved: it is from an older version of Counterpoint, and a "
                         "copy of it could not be kept first (%s). Use Save As to save it elsewhere."),
                       display_name, local_error->message);
          return NULL;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("“%s” was not saved: it is from an older version of Counterpoint, and its folder "
                 "holds too many copies of it already. Move some away, or use Save As."),
               display_name);
  return NULL;
}

/**
 * cp_comparison_file_save:
 * @comparison: a comparison
 * @focus_topic: (nullable): the id of the topic in focus
 * @file: where to save it
 * @replaces_version: the format version of the comparison file at @file
 *   being saved over (cp_comparison_file_get_version() of the one opened
 *   from it, 0 for one from before versions); %CP_COMPARISON_FILE_VERSION
 *   when there is nothing older to keep (a new comparison)
 * @backup: (out) (optional) (nullable): the copy kept of the older file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Saves @comparison to @file atomically (the old contents stay whole
 * when writing fails), through a symbolic link, keeping the file's
 * permissions. When @replaces_version is older than
 * %CP_COMPARISON_FILE_VERSION and @file exists, it is first copied beside
 * itself as "Name (version N).counterpoint" (never over another file),
 * returned in @backup, so that the older version can still open it.
 *
 * Returns: %TRUE if it was saved
 */
gboolean
cp_comparison_file_save (CpComparison  *comparison,
                         const char    *focus_topic,
                         GFile         *file,
                         guint          replaces_version,
                         GFile        **backup,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autofree char *data = NULL;
  g_autofree char *display_name = NULL;
  gsize length;

  g_return_val_if_fail (CP_IS_COMPARISON (comparison), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (backup != NULL)
    *backup = NULL;

  display_name = g_file_get_basename (file);
  if (display_name == NULL || !g_utf8_validate (display_name, -1, NULL))
    {
      g_free (display_name);
      display_name = g_file_get_parse_name (file);
    }

  data = cp_comparison_file_to_data (comparison, focus_topic, &length);

  if (replaces_version < CP_COMPARISON_FILE_VERSION &&
      g_file_query_exists (file, cancellable))
    {
      copy = copy_to_backup (file, replaces_version, display_name, cancellable, error);
      if (copy == NULL)
        return FALSE;
    }

  if (!cp_file_replace_contents (file, data, length, cancellable, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("“%s” was not saved. %s"), display_name, local_error->message);
      return FALSE;
    }

  if (backup != NULL)
    *backup = g_steal_pointer (&copy);

  return TRUE;
}

/* }}} */
