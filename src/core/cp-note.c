/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-note.h"

struct _CpNote
{
  GObject     parent_instance;

  CpDocument *document;
  gsize       start;
  gsize       end;
  char       *quote;
  char       *text;
  GDateTime  *created;
  GDateTime  *modified;
};

G_DEFINE_FINAL_TYPE (CpNote, cp_note, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_START,
  PROP_END,
  PROP_QUOTE,
  PROP_TEXT,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Now, in UTC, to the second: what a comparison file keeps, so that a
 * note read back compares equal to the one saved */
static GDateTime *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add (now, -(GTimeSpan) g_date_time_get_microsecond (now));
}

static gboolean
is_char_boundary (const char *text,
                  gsize       length,
                  gsize       offset)
{
  return offset == length || ((guchar) text[offset] & 0xC0) != 0x80;
}

static void
set_span (CpNote *self,
          gsize   start,
          gsize   end)
{
  const char *text = cp_document_get_text (self->document);

  self->start = start;
  self->end = end;
  g_free (self->quote);
  self->quote = g_strndup (text + start, end - start);
}

static void
cp_note_finalize (GObject *object)
{
  CpNote *self = (CpNote *)object;

  g_clear_object (&self->document);
  g_clear_pointer (&self->quote, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);

  G_OBJECT_CLASS (cp_note_parent_class)->finalize (object);
}

static void
cp_note_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CpNote *self = CP_NOTE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_START:
      g_value_set_uint64 (value, self->start);
      break;

    case PROP_END:
      g_value_set_uint64 (value, self->end);
      break;

    case PROP_QUOTE:
      g_value_set_string (value, self->quote);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;

    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_note_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  CpNote *self = CP_NOTE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    case PROP_TEXT:
      cp_note_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_note_class_init (CpNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_note_finalize;
  object_class->get_property = cp_note_get_property;
  object_class->set_property = cp_note_set_property;

  /**
   * CpNote:document:
   *
   * The review the note is on. Set at construction; only
   * cp_note_reanchor() moves the note to another one.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         CP_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * CpNote:start:
   *
   * Where the passage starts, as a byte offset into the document's text.
   */
  properties[PROP_START] =
    g_param_spec_uint64 ("start", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * CpNote:end:
   *
   * Where the passage ends (exclusive), as a byte offset.
   */
  properties[PROP_END] =
    g_param_spec_uint64 ("end", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * CpNote:quote:
   *
   * A copy of the passage.
   */
  properties[PROP_QUOTE] =
    g_param_spec_string ("quote", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * CpNote:text:
   *
   * What the reader wrote; never %NULL.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * CpNote:created:
   *
   * When the note was written, in UTC.
   */
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * CpNote:modified:
   *
   * When its text last changed, in UTC.
   */
  properties[PROP_MODIFIED] =
    g_param_spec_boxed ("modified", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_note_init (CpNote *self)
{
  self->text = g_strdup ("");
  self->created = now_utc ();
  self->modified = g_date_time_ref (self->created);
}

/**
 * cp_note_new:
 * @document: the review the note is on
 * @start: where the passage starts: a byte offset into the document's
 *   text, on a character boundary
 * @end: where it ends, after @start, at most the text's length, on a
 *   character boundary
 * @text: (nullable): what the reader wrote, at most %CP_NOTE_MAX_TEXT bytes
 *
 * Creates a note on the passage from @start to @end, created and modified
 * now. The passage may be at most %CP_NOTE_MAX_QUOTE bytes long.
 *
 * Returns: (transfer full): a new #CpNote
 */
CpNote *
cp_note_new (CpDocument *document,
             gsize       start,
             gsize       end,
             const char *text)
{
  CpNote *self;
  const char *document_text;
  gsize length;

  g_return_val_if_fail (CP_IS_DOCUMENT (document), NULL);

  document_text = cp_document_get_text (document);
  length = cp_document_get_length (document);

  g_return_val_if_fail (start < end, NULL);
  g_return_val_if_fail (end <= length, NULL);
  g_return_val_if_fail (end - start <= CP_NOTE_MAX_QUOTE, NULL);
  g_return_val_if_fail (is_char_boundary (document_text, length, start), NULL);
  g_return_val_if_fail (is_char_boundary (document_text, length, end), NULL);
  g_return_val_if_fail (text == NULL || strlen (text) <= CP_NOTE_MAX_TEXT, NULL);
  g_return_val_if_fail (text == NULL || g_utf8_validate (text, -1, NULL), NULL);

  self = g_object_new (CP_TYPE_NOTE,
                       "document", document,
                       NULL);
  set_span (self, start, end);
  if (text != NULL)
    {
      g_free (self->text);
      self->text = g_strdup (text);
    }

  return self;
}

/**
 * cp_note_get_document:
 * @self: a #CpNote
 *
 * Returns: (transfer none): the review the note is on
 */
CpDocument *
cp_note_get_document (CpNote *self)
{
  g_return_val_if_fail (CP_IS_NOTE (self), NULL);

  return self->document;
}

gsize
cp_note_get_start (CpNote *self)
{
  g_return_val_if_fail (CP_IS_NOTE (self), 0);

  return self->start;
}

gsize
cp_note_get_end (CpNote *self)
{
  g_return_val_if_fail (CP_IS_NOTE (self), 0);

  return self->end;
}

/**
 * cp_note_get_quote:
 * @self: a #CpNote
 *
 * Returns: (transfer none): the passage, as the document's text has it
 *   from the start to the end
 */
const char *
cp_note_get_quote (CpNote *self)
{
  g_return_val_if_fail (CP_IS_NOTE (self), NULL);

  return self->quote;
}

/**
 * cp_note_get_text:
 * @self: a #CpNote
 *
 * Returns: (transfer none): what the reader wrote, possibly empty
 */
const char *
cp_note_get_text (CpNote *self)
{
  g_return_val_if_fail (CP_IS_NOTE (self), NULL);

  return self->text;
}

/**
 * cp_note_set_text:
 * @self: a #CpNote
 * @text: (nullable): the new text, at most %CP_NOTE_MAX_TEXT bytes of
 *   UTF-8; %NULL empties it
 *
 * Changes what the note says, and its modification time to now.
 */
void
cp_note_set_text (CpNote     *self,
                  const char *text)
{
  g_return_if_fail (CP_IS_NOTE (self));
  g_return_if_fail (text == NULL || strlen (text) <= CP_NOTE_MAX_TEXT);
  g_return_if_fail (text == NULL || g_utf8_validate (text, -1, NULL));

  if (text == NULL)
    text = "";
  if (g_str_equal (self->text, text))
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_date_time_unref (self->modified);
  self->modified = now_utc ();

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/**
 * cp_note_get_created:
 * @self: a #CpNote
 *
 * Returns: (transfer none): when the note was written, in UTC
 */
GDateTime *
cp_note_get_created (CpNote *self)
{
  g_return_val_if_fail (CP_IS_NOTE (self), NULL);

  return self->created;
}

/**
 * cp_note_get_modified:
 * @self: a #CpNote
 *
 * Returns: (transfer none): when its text last changed, in UTC
 */
GDateTime *
cp_note_get_modified (CpNote *self)
{
  g_return_val_if_fail (CP_IS_NOTE (self), NULL);

  return self->modified;
}

/**
 * cp_note_set_times:
 * @self: a #CpNote
 * @created: when the note was written
 * @modified: when its text last changed
 *
 * Restores the times of a note read back from a file. They are kept in
 * UTC.
 */
void
cp_note_set_times (CpNote    *self,
                   GDateTime *created,
                   GDateTime *modified)
{
  g_return_if_fail (CP_IS_NOTE (self));
  g_return_if_fail (created != NULL);
  g_return_if_fail (modified != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  if (!g_date_time_equal (self->created, created))
    {
      g_date_time_unref (self->created);
      self->created = g_date_time_to_utc (created);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
    }
  if (!g_date_time_equal (self->modified, modified))
    {
      g_date_time_unref (self->modified);
      self->modified = g_date_time_to_utc (modified);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * cp_note_find_quote:
 * @document: a document
 * @quote: a passage to look for, not empty
 * @char_offset: where it was, as a character offset
 * @start: (out): where it is, as a byte offset
 *
 * Finds the occurrence of @quote in @document's text nearest (in
 * characters) @char_offset; of two as near, the earlier.
 *
 * Returns: %TRUE if @quote occurs in the text
 */
gboolean
cp_note_find_quote (CpDocument *document,
                    const char *quote,
                    gsize       char_offset,
                    gsize      *start)
{
  const char *haystack;
  gsize length;
  gsize needle_length;
  gsize best_distance = G_MAXSIZE;
  gsize from = 0;

  g_return_val_if_fail (CP_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (quote != NULL, FALSE);
  g_return_val_if_fail (start != NULL, FALSE);

  haystack = cp_document_get_text (document);
  length = cp_document_get_length (document);
  needle_length = strlen (quote);

  while (needle_length > 0 && from + needle_length <= length)
    {
      const char *hit = memchr (haystack + from, quote[0], length - needle_length + 1 - from);
      gsize at;
      gsize chars;
      gsize distance;

      if (hit == NULL)
        break;
      at = hit - haystack;
      from = at + 1;
      if (memcmp (hit, quote, needle_length) != 0)
        continue;

      chars = cp_document_get_char_offset (document, at);
      distance = chars > char_offset ? chars - char_offset : char_offset - chars;
      if (distance < best_distance)
        {
          *start = at;
          best_distance = distance;
        }
      /* The ones after this are further away still */
      if (chars >= char_offset)
        break;
    }

  return best_distance != G_MAXSIZE;
}

/**
 * cp_note_reanchor:
 * @self: a #CpNote
 * @document: the document that takes the place of the note's one, such as
 *   a fresh read of its file
 *
 * Moves the note to @document: to the occurrence of its quote there
 * nearest (in characters) where the passage was. When the quote is not
 * in @document any more, the note is kept where the passage was, its
 * character offsets clamped to the new text and widened to at least one
 * character, and the quote becomes what the text has there.
 *
 * Returns: %TRUE if the passage was found, %FALSE if it was lost
 */
gboolean
cp_note_reanchor (CpNote     *self,
                  CpDocument *document)
{
  gsize char_start;
  gsize char_end;
  gsize start;
  gsize end;
  gboolean found;

  g_return_val_if_fail (CP_IS_NOTE (self), FALSE);
  g_return_val_if_fail (CP_IS_DOCUMENT (document), FALSE);

  char_start = cp_document_get_char_offset (self->document, self->start);
  found = self->quote[0] != '\0' && cp_note_find_quote (document, self->quote, char_start, &start);

  g_object_freeze_notify (G_OBJECT (self));

  if (document != self->document)
    {
      g_object_ref (document);
      g_object_unref (self->document);
      self->document = document;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
    }

  if (found)
    set_span (self, start, start + (self->end - self->start));
  else
    {
      gsize n_chars = cp_document_get_n_characters (document);

      char_end = char_start + g_utf8_strlen (self->quote, self->end - self->start);
      char_start = MIN (char_start, n_chars);
      char_end = MIN (char_end, n_chars);
      if (char_start == char_end && char_end < n_chars)
        char_end++;
      else if (char_start == char_end && char_start > 0)
        char_start--;
      start = cp_document_get_byte_offset (document, char_start);
      end = cp_document_get_byte_offset (document, char_end);
      if (end - start > CP_NOTE_MAX_QUOTE)
        {
          const char *text = cp_document_get_text (document);

          end = start + CP_NOTE_MAX_QUOTE;
          while (!is_char_boundary (text, cp_document_get_length (document), end))
            end--;
        }
      set_span (self, start, end);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUOTE]);
  g_object_thaw_notify (G_OBJECT (self));

  return found;
}

/**
 * cp_note_compare:
 * @a: a #CpNote
 * @b: another
 *
 * Orders notes by where their passages start, then end, then by when they
 * were written: the order of a review's notes along its text.
 *
 * Returns: negative, 0 or positive, as for qsort()
 */
int
cp_note_compare (CpNote *a,
                 CpNote *b)
{
  g_return_val_if_fail (CP_IS_NOTE (a), 0);
  g_return_val_if_fail (CP_IS_NOTE (b), 0);

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  return g_date_time_compare (a->created, b->created);
}
