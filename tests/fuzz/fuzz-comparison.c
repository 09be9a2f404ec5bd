/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `.counterpoint` files, read, made into a comparison, written and read
 * again. Whatever the bytes, reading ends in a comparison file or in an
 * error of the core's domain whose message is UTF-8 and names the file;
 * what loads has its problems as UTF-8 sentences, read-only exactly when
 * there are some. What it becomes (the documents tagged, the notes added)
 * is written, and that must read back without a problem to the same
 * reviews (text, name, label, details), the same notes (review, offsets,
 * quote, text, times), topics and focus, and write out byte for byte the
 * same again.
 */
#include "config.h"

#include <string.h>

#include "cp-comparison-file.h"
#include "cp-error.h"
#include "fuzz-common.h"

#define NAME "fuzz.counterpoint"

static void
assert_documents_equal (CpDocument *a,
                        CpDocument *b)
{
  g_assert_cmpuint (cp_document_get_length (a), ==, cp_document_get_length (b));
  g_assert_cmpstr (cp_document_get_text (a), ==, cp_document_get_text (b));
  g_assert_cmpstr (cp_document_get_name (a), ==, cp_document_get_name (b));
  g_assert_cmpstr (cp_document_get_label (a), ==, cp_document_get_label (b));
  g_assert_cmpstr (cp_document_get_title (a), ==, cp_document_get_title (b));
  g_assert_cmpstr (cp_document_get_author (a), ==, cp_document_get_author (b));
  g_assert_cmpstr (cp_document_get_site (a), ==, cp_document_get_site (b));
  g_assert_cmpstr (cp_document_get_date (a), ==, cp_document_get_date (b));
  g_assert_cmpstr (cp_document_get_format (a), ==, cp_document_get_format (b));
  g_assert_cmpint (cp_document_get_encoding (a), ==, cp_document_get_encoding (b));
  g_assert_cmpuint (cp_document_get_n_repaired (a), ==, cp_document_get_n_repaired (b));
}

static void
assert_notes_equal (CpNote *a,
                    CpNote *b)
{
  g_assert_cmpuint (cp_note_get_start (a), ==, cp_note_get_start (b));
  g_assert_cmpuint (cp_note_get_end (a), ==, cp_note_get_end (b));
  g_assert_cmpstr (cp_note_get_quote (a), ==, cp_note_get_quote (b));
  g_assert_cmpstr (cp_note_get_text (a), ==, cp_note_get_text (b));
  g_assert_true (g_date_time_equal (cp_note_get_created (a), cp_note_get_created (b)));
  g_assert_true (g_date_time_equal (cp_note_get_modified (a), cp_note_get_modified (b)));
}

/* A note of a file lies on one of its documents, within its text, and
 * its quote is the text there */
static void
check_notes (CpComparisonFile *file)
{
  GPtrArray *documents = cp_comparison_file_get_documents (file);
  GPtrArray *notes = cp_comparison_file_get_notes (file);

  g_assert_cmpuint (documents->len, <=, CP_COMPARISON_FILE_MAX_REVIEWS);
  g_assert_cmpuint (notes->len, <=, CP_COMPARISON_FILE_MAX_NOTES);
  for (guint i = 0; i < notes->len; i++)
    {
      CpNote *note = notes->pdata[i];
      CpDocument *document = cp_note_get_document (note);
      gsize start = cp_note_get_start (note);
      gsize end = cp_note_get_end (note);

      g_assert_true (g_ptr_array_find (documents, document, NULL));
      g_assert_cmpuint (start, <, end);
      g_assert_cmpuint (end, <=, cp_document_get_length (document));
      g_assert_cmpuint (strlen (cp_note_get_quote (note)), ==, end - start);
      g_assert_true (memcmp (cp_document_get_text (document) + start, cp_note_get_quote (note), end - start) == 0);
      g_assert_cmpuint (strlen (cp_note_get_text (note)), <=, CP_NOTE_MAX_TEXT);
      g_assert_true (g_utf8_validate (cp_note_get_text (note), -1, NULL));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CpComparisonFile) file = NULL;
  g_autoptr(CpComparisonFile) reread = NULL;
  g_autoptr(CpComparison) comparison = NULL;
  g_autoptr(CpComparison) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;
  const char * const *problems;
  GListModel *notes;
  GListModel *notes_again;
  gsize length;

  fuzz_init ();

  file = cp_comparison_file_new_from_data ((const char *) data, size, NAME, &error);
  if (file == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == CP_ERROR);
      g_assert_true (error->code == CP_ERROR_DAMAGED || error->code == CP_ERROR_TOO_LARGE);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_nonnull (strstr (error->message, NAME));
      return 0;
    }

  problems = cp_comparison_file_get_problems (file);
  for (guint i = 0; problems[i] != NULL; i++)
    g_assert_true (g_utf8_validate (problems[i], -1, NULL));
  g_assert_true (cp_comparison_file_is_read_only (file) == (problems[0] != NULL));
  check_notes (file);

  comparison = cp_comparison_file_create_comparison (file);
  written = cp_comparison_file_to_data (comparison, cp_comparison_file_get_focus_topic (file), &length);
  g_assert_cmpuint (strlen (written), ==, length);

  reread = cp_comparison_file_new_from_data (written, length, NAME, &error);
  if (reread == NULL)
    g_error ("what was written does not read back: %s\n---\n%s\n---", error->message, written);
  problems = cp_comparison_file_get_problems (reread);
  if (problems[0] != NULL)
    g_error ("what was written reads back with a problem: %s\n---\n%s\n---", problems[0], written);
  g_assert_false (cp_comparison_file_is_read_only (reread));
  g_assert_cmpuint (cp_comparison_file_get_version (reread), ==, CP_COMPARISON_FILE_VERSION);
  g_assert_cmpstr (cp_comparison_file_get_focus_topic (reread), ==, cp_comparison_file_get_focus_topic (file));
  check_notes (reread);

  again = cp_comparison_file_create_comparison (reread);
  g_assert_cmpuint (cp_comparison_get_n_documents (again), ==, cp_comparison_get_n_documents (comparison));
  for (guint d = 0; d < cp_comparison_get_n_documents (comparison); d++)
    assert_documents_equal (cp_comparison_get_document (comparison, d), cp_comparison_get_document (again, d));

  notes = cp_comparison_get_notes (comparison);
  notes_again = cp_comparison_get_notes (again);
  g_assert_cmpuint (g_list_model_get_n_items (notes_again), ==, g_list_model_get_n_items (notes));
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(CpNote) a = g_list_model_get_item (notes, i);
      g_autoptr(CpNote) b = g_list_model_get_item (notes_again, i);
      guint position_a, position_b;

      g_assert_true (cp_comparison_find_document (comparison, cp_note_get_document (a), &position_a));
      g_assert_true (cp_comparison_find_document (again, cp_note_get_document (b), &position_b));
      g_assert_cmpuint (position_a, ==, position_b);
      assert_notes_equal (a, b);
    }

  rewritten = cp_comparison_file_to_data (again, cp_comparison_file_get_focus_topic (reread), NULL);
  g_assert_cmpstr (rewritten, ==, written);

  return 0;
}
