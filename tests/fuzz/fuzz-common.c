/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

/* Inputs are small: a few documents of a few kilobytes each */
#define MAX_DOCUMENTS 6

static GLogWriterOutput
quiet_writer_cb (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  /* A critical (a g_return_if_fail() that fired) is a bug the target
   * must report. Warnings are what bad input is owed: the topics loader
   * warns about keys it ignores, for one */
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

/**
 * fuzz_init:
 *
 * Sets up what every target needs once: a UTF-8 locale, and criticals
 * that abort (a g_return_if_fail() that fires is a finding) while
 * warnings about the input are quiet, whatever G_DEBUG says.
 */
void
fuzz_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      setlocale (LC_ALL, "C.UTF-8");
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
      g_log_set_writer_func (quiet_writer_cb, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}

/**
 * fuzz_split:
 * @data: the input
 * @size: its length
 * @max_parts: the most parts returned; the last holds the rest, NULs too
 *
 * Returns: (transfer full) (element-type FuzzPart): the parts of @data
 *   between NUL bytes, at least one
 */
GArray *
fuzz_split (const uint8_t *data,
            size_t         size,
            guint          max_parts)
{
  GArray *parts = g_array_new (FALSE, FALSE, sizeof (FuzzPart));
  const char *p = (const char *)data;
  const char *end = p + size;

  g_assert (max_parts > 0);

  while (parts->len + 1 < max_parts)
    {
      const char *nul = memchr (p, '\0', end - p);
      FuzzPart part;

      if (nul == NULL)
        break;
      part.data = p;
      part.length = nul - p;
      g_array_append_val (parts, part);
      p = nul + 1;
    }

  g_array_append_vals (parts, &(FuzzPart) { p, end - p }, 1);

  return parts;
}

/* A NUL-terminated copy of @part, its invalid UTF-8 replaced. */
char *
fuzz_part_dup_valid (const FuzzPart *part)
{
  return g_utf8_make_valid (part->data, part->length);
}

/**
 * fuzz_topics_from_lines:
 * @part: topics, one per line: terms separated by '|'
 *
 * Terms the topic refuses are left out, as the topic editor does.
 *
 * Returns: (transfer full): a topic set with a topic per line
 */
CpTopicSet *
fuzz_topics_from_lines (const FuzzPart *part)
{
  g_autofree char *text = fuzz_part_dup_valid (part);
  g_auto(GStrv) lines = g_strsplit (text, "\n", 32);
  CpTopicSet *topics = cp_topic_set_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) terms = g_strsplit (lines[i], "|", 16);
      g_autofree char *label = g_strdup_printf ("Topic %u", i + 1);

      cp_topic_set_add_new (topics, label, (const char * const *)terms);
    }

  return topics;
}

/**
 * fuzz_documents_new:
 * @parts: (element-type FuzzPart): the parts of an input
 * @first: the first part that is a document
 *
 * Returns: (transfer full) (element-type CpDocument): a document of text
 *   per part from @first on, at most six
 */
GPtrArray *
fuzz_documents_new (GArray *parts,
                    guint   first)
{
  GPtrArray *documents = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = first; i < parts->len && documents->len < MAX_DOCUMENTS; i++)
    {
      g_autofree char *text = fuzz_part_dup_valid (&g_array_index (parts, FuzzPart, i));
      g_autofree char *name = g_strdup_printf ("review-%u.txt", i - first + 1);
      CpDocument *document = cp_document_new_from_text (name, text, -1);

      fuzz_check_document (document);
      g_ptr_array_add (documents, document);
    }

  return documents;
}

/**
 * fuzz_check_document:
 * @document: a document that loaded
 *
 * Aborts unless the document keeps its promises: valid UTF-8 of the
 * length it reports, characters counted right, and character and byte
 * offsets that map back and forth.
 */
void
fuzz_check_document (CpDocument *document)
{
  const char *text = cp_document_get_text (document);
  gsize length = cp_document_get_length (document);
  gsize n_chars;
  const char *p;
  gsize i;

  g_assert_nonnull (text);
  g_assert_cmpuint (strlen (text), ==, length);
  g_assert_true (g_utf8_validate_len (text, length, NULL));

  n_chars = g_utf8_strlen (text, length);
  g_assert_cmpuint (cp_document_get_n_characters (document), ==, n_chars);
  g_assert_nonnull (cp_document_get_name (document));

  /* Every character for short texts, a sample of them for long ones */
  for (p = text, i = 0; p <= text + length; i++)
    {
      gsize offset = p - text;

      if (n_chars < 512 || i % 61 == 0 || offset == length)
        {
          g_assert_cmpuint (cp_document_get_char_offset (document, offset), ==, i);
          g_assert_cmpuint (cp_document_get_byte_offset (document, i), ==, offset);
        }
      if (offset == length)
        break;
      p = g_utf8_next_char (p);
    }
}

/**
 * fuzz_comparison_new:
 * @data: an input: a steering byte, topics (a line per topic, terms
 *   separated by '|'), then documents, all separated by NULs
 * @size: its length
 * @steer: (out): return location for the steering byte
 *
 * Returns: (transfer full) (nullable): a comparison of the documents with
 *   the topics, or %NULL when the input has no document
 */
CpComparison *
fuzz_comparison_new (const uint8_t *data,
                     size_t         size,
                     guint8        *steer)
{
  g_autoptr(GArray) parts = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(CpTopicSet) topics = NULL;
  CpComparison *comparison;

  *steer = 0;
  if (size == 0)
    return NULL;
  *steer = data[0];
  parts = fuzz_split (data + 1, size - 1, MAX_DOCUMENTS + 2);
  if (parts->len < 2)
    return NULL;

  topics = fuzz_topics_from_lines (&g_array_index (parts, FuzzPart, 0));
  documents = fuzz_documents_new (parts, 1);
  comparison = cp_comparison_new (topics);
  for (guint i = 0; i < documents->len; i++)
    cp_comparison_append_document (comparison, documents->pdata[i]);

  return comparison;
}
