/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cp-comparison-file.h"
#include "cp-error.h"
#include "cp-test-utils.h"

/* Eight reviews, in the order they are added; non-ASCII in every field */
static const struct
{
  const char *name;
  const char *uri;
  const char *format;
  const char *title;
  const char *author;
  const char *site;
  const char *date;
  const char *label;
  CpEncoding  encoding;
  const char *text;
} reviews[] = {
  { "sunflower.html", "file:///home/reader/Reviews/sunflower.html", "html",
    "Ai Weiwei’s “Sunflower Seeds”", "Adrian Searle", "The Guardian", "2010-10-11",
    "Searle", CP_ENCODING_UTF8,
    "Ai Weiwei’s “Sunflower Seeds” fill the Turbine Hall.\n\nA hundred million porcelain seeds." },
  { "艾未未.txt", "file:///home/reader/%E8%89%BE%E6%9C%AA%E6%9C%AA.txt", "text",
    NULL, NULL, NULL, NULL, NULL, CP_ENCODING_UTF16LE,
    "艾未未的《葵花籽》。\n每一颗都是手工绘制的。" },
  { "critique.txt", NULL, "text", NULL, NULL, NULL, NULL, "Critique française",
    CP_ENCODING_WINDOWS_1252, "Une œuvre\tdémesurée — et pourtant intime. Les graines…" },
  { "review.pdf", "file:///tmp/review.pdf", "pdf", "Семена подсолнечника", "Иван Петров",
    "Арт-журнал", "2010", NULL, CP_ENCODING_UTF8,
    "Семена подсолнечника: сто миллионов семечек." },
  { "notes.docx", "file:///tmp/notes.docx", "docx", "Kritik", "Jürgen Müller", "Die Zeit",
    "2010-10-12T08:00:00+02:00", "Zeit", CP_ENCODING_UTF8_BOM,
    "Größe und Maß: die Kerne, über 100 Millionen." },
  { "blog.html", "https://example.org/blog/seeds", "html", "Seeds 🌻", NULL, "A blog ✍", NULL,
    NULL, CP_ENCODING_UTF8, "Seeds 🌻 everywhere. I walked on them before it was closed." },
  { "ελληνικά.odt", "file:///tmp/%CE%B5.odt", "odt", "Σπόροι", "Μαρία", NULL, NULL,
    "Ελληνική κριτική", CP_ENCODING_UTF16BE, "Σπόροι ηλίανθου: εκατό εκατομμύρια." },
  { "short.txt", NULL, "text", NULL, NULL, NULL, NULL, NULL, CP_ENCODING_UTF8, "Seeds." },
};

/* Review, passage and note: at the start, in the middle and at the end of
 * texts */
static const struct
{
  guint       review;
  const char *passage;
  const char *text;
} notes[] = {
  { 0, "Ai Weiwei’s", "The artist, 艾未未" },
  { 0, "porcelain seeds.", "Made in Jingdezhen" },
  { 1, "《葵花籽》", "Sunflower Seeds" },
  { 2, "démesurée", "« Démesurée » : trop fort ?" },
  { 3, "семечек.", "" },
  { 4, "Größe", "Size\nand measure" },
  { 5, "🌻", "An emoji in a review" },
  { 6, "Σπόροι", "Seeds" },
  { 7, "Seeds.", "The whole text" },
  { 0, "Turbine Hall", "\"Quoted\" \\ backslash \t tab" },
};

static CpTopicSet *
make_topics (void)
{
  static const char * const seeds_terms[] = { "seeds", "Kerne", "graines", "семечек", NULL };
  static const char * const porcelain_terms[] = { "porcelain", NULL };
  CpTopicSet *topics = cp_topic_set_new ();
  g_autoptr(CpTopic) seeds = cp_test_make_topic ("seeds", "Sunflower seeds", "#e5a50a", seeds_terms);
  g_autoptr(CpTopic) porcelain = cp_test_make_topic ("porcelain", "Porcelain", "#1c71d8", porcelain_terms);

  cp_topic_set_label_translation (seeds, "de", "Sonnenblumenkerne");
  cp_topic_set_label_translation (seeds, "zh_CN", "葵花籽");
  cp_topic_set_enabled (porcelain, FALSE);
  cp_topic_set_append (topics, seeds);
  cp_topic_set_append (topics, porcelain);

  return topics;
}

static CpDocument *
make_review (guint i)
{
  g_autoptr(GFile) file = reviews[i].uri ? g_file_new_for_uri (reviews[i].uri) : NULL;
  CpDocumentInfo info = {
    reviews[i].format, reviews[i].title, reviews[i].author, reviews[i].site, reviews[i].date,
  };
  CpDocument *document = cp_document_new_from_import (file, reviews[i].name, reviews[i].text, -1, &info);

  cp_document_set_label (document, reviews[i].label);
  cp_document_restore_source (document, reviews[i].encoding, i == 2 ? 3 : 0);

  return document;
}

static CpNote *
make_note (CpDocument *document,
           const char *passage,
           const char *text)
{
  const char *hit = strstr (cp_document_get_text (document), passage);
  gsize start;

  g_assert_nonnull (hit);
  start = hit - cp_document_get_text (document);

  return cp_note_new (document, start, start + strlen (passage), text);
}

/* The eight reviews, the third moved to the front, and the notes */
static CpComparison *
make_comparison (void)
{
  g_autoptr(CpTopicSet) topics = make_topics ();
  CpComparison *comparison = cp_comparison_new (topics);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  for (guint i = 0; i < G_N_ELEMENTS (reviews); i++)
    {
      g_ptr_array_add (documents, make_review (i));
      cp_comparison_append_document (comparison, documents->pdata[i]);
    }
  cp_comparison_move_document (comparison, 2, 0);

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autoptr(CpNote) note = make_note (documents->pdata[notes[i].review], notes[i].passage, notes[i].text);
      g_autoptr(GDateTime) created = g_date_time_new (utc, 2026, 12, 7, 15, 30, i);
      g_autoptr(GDateTime) modified = g_date_time_new (utc, 2026, 12, 8, 9, i, 0);

      cp_note_set_times (note, created, modified);
      cp_comparison_add_note (comparison, note);
    }

  return comparison;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static char *
format_time (GDateTime *time)
{
  return g_date_time_format_iso8601 (time);
}

static void
assert_same_topics (CpTopicSet *a,
                    CpTopicSet *b)
{
  g_autofree char *a_data = cp_topic_set_to_data (a, NULL);
  g_autofree char *b_data = cp_topic_set_to_data (b, NULL);

  g_assert_cmpstr (a_data, ==, b_data);
}

static void
assert_same_document (CpDocument *a,
                      CpDocument *b)
{
  g_assert_cmpstr (cp_document_get_text (a), ==, cp_document_get_text (b));
  g_assert_cmpstr (cp_document_get_name (a), ==, cp_document_get_name (b));
  g_assert_cmpstr (cp_document_get_label (a), ==, cp_document_get_label (b));
  g_assert_cmpstr (cp_document_get_title (a), ==, cp_document_get_title (b));
  g_assert_true (cp_document_title_is_derived (a) == cp_document_title_is_derived (b));
  g_assert_cmpstr (cp_document_get_author (a), ==, cp_document_get_author (b));
  g_assert_cmpstr (cp_document_get_site (a), ==, cp_document_get_site (b));
  g_assert_cmpstr (cp_document_get_date (a), ==, cp_document_get_date (b));
  g_assert_cmpstr (cp_document_get_format (a), ==, cp_document_get_format (b));
  g_assert_cmpint (cp_document_get_encoding (a), ==, cp_document_get_encoding (b));
  g_assert_cmpuint (cp_document_get_n_repaired (a), ==, cp_document_get_n_repaired (b));
  g_assert_true ((cp_document_get_file (a) == NULL) == (cp_document_get_file (b) == NULL));
  if (cp_document_get_file (a) != NULL)
    g_assert_true (g_file_equal (cp_document_get_file (a), cp_document_get_file (b)));
}

static void
assert_same_note (CpNote *a,
                  CpNote *b)
{
  g_autofree char *a_created = format_time (cp_note_get_created (a));
  g_autofree char *b_created = format_time (cp_note_get_created (b));
  g_autofree char *a_modified = format_time (cp_note_get_modified (a));
  g_autofree char *b_modified = format_time (cp_note_get_modified (b));

  g_assert_cmpuint (cp_note_get_start (a), ==, cp_note_get_start (b));
  g_assert_cmpuint (cp_note_get_end (a), ==, cp_note_get_end (b));
  g_assert_cmpstr (cp_note_get_quote (a), ==, cp_note_get_quote (b));
  g_assert_cmpstr (cp_note_get_text (a), ==, cp_note_get_text (b));
  g_assert_cmpstr (a_created, ==, b_created);
  g_assert_cmpstr (a_modified, ==, b_modified);
}

static void
assert_same_comparison (CpComparison *a,
                        CpComparison *b)
{
  GListModel *a_notes = cp_comparison_get_notes (a);
  GListModel *b_notes = cp_comparison_get_notes (b);

  assert_same_topics (cp_comparison_get_topics (a), cp_comparison_get_topics (b));
  g_assert_cmpuint (cp_comparison_get_n_documents (a), ==, cp_comparison_get_n_documents (b));
  for (guint d = 0; d < cp_comparison_get_n_documents (a); d++)
    assert_same_document (cp_comparison_get_document (a, d), cp_comparison_get_document (b, d));

  g_assert_cmpuint (g_list_model_get_n_items (a_notes), ==, g_list_model_get_n_items (b_notes));
  for (guint i = 0; i < g_list_model_get_n_items (a_notes); i++)
    {
      g_autoptr(CpNote) a_note = g_list_model_get_item (a_notes, i);
      g_autoptr(CpNote) b_note = g_list_model_get_item (b_notes, i);
      guint a_position, b_position;

      g_assert_true (cp_comparison_find_document (a, cp_note_get_document (a_note), &a_position));
      g_assert_true (cp_comparison_find_document (b, cp_note_get_document (b_note), &b_position));
      g_assert_cmpuint (a_position, ==, b_position);
      assert_same_note (a_note, b_note);
    }
}

static CpComparisonFile *
read_data (const char *data,
           gssize      length)
{
  g_autoptr(GError) error = NULL;
  CpComparisonFile *file;

  file = cp_comparison_file_new_from_data (data, length < 0 ? strlen (data) : (gsize) length,
                                           "test.counterpoint", &error);
  g_assert_no_error (error);
  g_assert_nonnull (file);

  return file;
}

/* Leaves @data in the build folder, where tests/fuzz/make-corpus.py takes
 * the fuzz target's seeds from */
static void
leave_sample (const char *name,
              const char *data)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "comparison-files", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));
  g_file_set_contents (path, data, -1, &error);
  g_assert_no_error (error);
}

static void
assert_problems (CpComparisonFile   *file,
                 const char * const *expected)
{
  const char * const *problems = cp_comparison_file_get_problems (file);

  for (guint i = 0; expected[i] != NULL; i++)
    {
      g_assert_nonnull (problems[i]);
      if (!g_pattern_match_simple (expected[i], problems[i]))
        g_error ("Problem %u is “%s”, expected “%s”", i, problems[i], expected[i]);
    }
  g_assert_cmpuint (g_strv_length ((GStrv) problems), ==, g_strv_length ((GStrv) expected));
  g_assert_true (cp_comparison_file_is_read_only (file) == (expected[0] != NULL));
}

static void
test_round_trip (void)
{
  g_autoptr(CpComparison) comparison = make_comparison ();
  g_autoptr(CpComparisonFile) file = NULL;
  g_autoptr(CpComparison) loaded = NULL;
  g_autofree char *data = NULL;
  g_autofree char *again = NULL;
  static const char * const no_problems[] = { NULL };
  gsize length;

  data = cp_comparison_file_to_data (comparison, "porcelain", &length);
  g_assert_cmpuint (strlen (data), ==, length);
  g_assert_true (g_utf8_validate (data, length, NULL));

  leave_sample ("round-trip.counterpoint", data);
  file = read_data (data, length);
  assert_problems (file, no_problems);
  g_assert_cmpuint (cp_comparison_file_get_version (file), ==, CP_COMPARISON_FILE_VERSION);
  g_assert_null (cp_comparison_file_get_file (file));
  g_assert_cmpstr (cp_comparison_file_get_focus_topic (file), ==, "porcelain");
  g_assert_cmpuint (cp_comparison_file_get_documents (file)->len, ==, 8);
  g_assert_cmpuint (cp_comparison_file_get_notes (file)->len, ==, G_N_ELEMENTS (notes));

  /* The pane order after the move, with the labels */
  g_assert_cmpstr (cp_document_get_name (cp_comparison_file_get_documents (file)->pdata[0]), ==, "critique.txt");
  g_assert_cmpstr (cp_document_get_label (cp_comparison_file_get_documents (file)->pdata[0]), ==, "Critique française");
  /* the texts are the file's: their sources are not watched or read again */
  for (guint i = 0; i < 8; i++)
    g_assert_true (cp_document_is_embedded (cp_comparison_file_get_documents (file)->pdata[i]));
  g_assert_cmpstr (cp_document_get_name (cp_comparison_file_get_documents (file)->pdata[1]), ==, "sunflower.html");
  g_assert_cmpint (cp_document_get_encoding (cp_comparison_file_get_documents (file)->pdata[0]), ==,
                   CP_ENCODING_WINDOWS_1252);

  /* The custom topics, translations, colour and disabled state included */
  {
    CpTopic *seeds = cp_topic_set_lookup (cp_comparison_file_get_topics (file), "seeds", NULL);
    CpTopic *porcelain = cp_topic_set_lookup (cp_comparison_file_get_topics (file), "porcelain", NULL);

    g_assert_nonnull (seeds);
    g_assert_cmpstr (cp_topic_get_label_translation (seeds, "zh_CN"), ==, "葵花籽");
    g_assert_cmpstr (cp_topic_get_label_translation (seeds, "de"), ==, "Sonnenblumenkerne");
    g_assert_cmpstr (cp_topic_get_color (seeds), ==, "#e5a50a");
    g_assert_cmpstr (cp_topic_get_terms (seeds)[3], ==, "семечек");
    g_assert_false (cp_topic_get_enabled (porcelain));
  }

  loaded = cp_comparison_file_create_comparison (file);
  assert_same_comparison (comparison, loaded);

  /* Tagged as it is created */
  g_assert_cmpuint (cp_comparison_get_total (loaded, 0), ==,
                    cp_comparison_get_total (comparison, 0));
  g_assert_cmpuint (cp_comparison_get_total (loaded, 0), >=, 6);

  /* Written again, byte for byte the same */
  again = cp_comparison_file_to_data (loaded, cp_comparison_file_get_focus_topic (file), NULL);
  g_assert_cmpstr (again, ==, data);

  g_assert_finalize_object (g_steal_pointer (&loaded));
}

static void
test_layout (void)
{
  g_autoptr(CpComparison) comparison = make_comparison ();
  g_autofree char *data = cp_comparison_file_to_data (comparison, NULL, NULL);
  g_autofree char *start = g_strdup_printf ("{\n"
                                            "  \"format\" : \"counterpoint-comparison\",\n"
                                            "  \"version\" : %d,\n"
                                            "  \"generator\" : \"Counterpoint %s\",\n"
                                            "  \"topics\" : \"",
                                            CP_COMPARISON_FILE_VERSION, PACKAGE_VERSION);
  const char *reviews_at = strstr (data, "\"reviews\"");
  const char *notes_at = strstr (data, "\"notes\"");

  /* Pretty-printed, stable member order, UTF-8 left as it is */
  g_assert_true (g_str_has_prefix (data, start));
  g_assert_nonnull (strstr (data, "\"focus-topic\" : null"));
  g_assert_true (reviews_at != NULL && notes_at != NULL && reviews_at < notes_at);
  g_assert_nonnull (strstr (data, "\"text\" : \"Une œuvre\\tdémesurée — et pourtant intime. Les graines…\""));
  g_assert_nonnull (strstr (data, "\"encoding\" : \"windows-1252\""));
  /* A title taken from the text (here with a tab, which a given title
   * would not keep) is not written, but taken again */
  g_assert_nonnull (strstr (data, "\"title\" : null"));
  g_assert_nonnull (strstr (data, "\"title\" : \"Ai Weiwei’s “Sunflower Seeds”\""));
  g_assert_nonnull (strstr (data, "\"created\" : \"2026-12-07T15:30:00Z\""));
  g_assert_true (g_str_has_suffix (data, "}\n"));

  /* Character offsets: "porcelain seeds." ends the first review's text */
  {
    g_autofree char *note = g_strdup_printf ("\"start\" : %ld,\n      \"end\" : %ld,\n"
                                             "      \"quote\" : \"porcelain seeds.\"",
                                             g_utf8_strlen (reviews[0].text, -1) - 16,
                                             g_utf8_strlen (reviews[0].text, -1));

    g_assert_nonnull (strstr (data, note));
  }
}

static void
test_save_and_load (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("comparison-file");
  g_autofree char *path = cp_test_tree_build_path (tree, "Ai Weiwei.counterpoint");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CpComparison) comparison = make_comparison ();
  g_autoptr(CpComparisonFile) loaded = NULL;
  g_autoptr(CpComparisonFile) loaded_async = NULL;
  g_autoptr(CpComparison) again = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = cp_comparison_file_to_data (comparison, "seeds", NULL);

  g_assert_true (cp_comparison_file_save (comparison, "seeds", file, CP_COMPARISON_FILE_VERSION,
                                          &backup, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (backup);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);

  loaded = cp_comparison_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cp_comparison_file_get_file (loaded) == file);
  g_assert_false (cp_comparison_file_is_read_only (loaded));
  g_assert_cmpstr (cp_comparison_file_get_focus_topic (loaded), ==, "seeds");
  again = cp_comparison_file_create_comparison (loaded);
  assert_same_comparison (comparison, again);

  cp_comparison_file_load_async (file, NULL, store_result_cb, &result);
  cp_test_wait_for_pointer (&result, "the comparison file to load");
  loaded_async = cp_comparison_file_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cp_comparison_file_get_documents (loaded_async)->len, ==, 8);
  g_assert_cmpuint (cp_comparison_file_get_notes (loaded_async)->len, ==, G_N_ELEMENTS (notes));

  /* A file that is not there */
  {
    g_autoptr(GFile) parent = g_file_get_parent (file);
    g_autoptr(GFile) missing = g_file_get_child (parent, "missing.counterpoint");
    g_autoptr(GAsyncResult) missing_result = NULL;

    g_assert_null (cp_comparison_file_load (missing, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "missing.counterpoint"));
    g_clear_error (&error);

    cp_comparison_file_load_async (missing, NULL, store_result_cb, &missing_result);
    cp_test_wait_for_pointer (&missing_result, "the missing file to fail");
    g_assert_null (cp_comparison_file_load_finish (missing_result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }

  g_assert_finalize_object (g_steal_pointer (&again));
}

static void
assert_damaged (const char *data,
                gssize      length,
                int         code,
                const char *pattern)
{
  g_autoptr(GError) error = NULL;
  CpComparisonFile *file;

  file = cp_comparison_file_new_from_data (data, length < 0 ? strlen (data) : (gsize) length,
                                           "Broken “one”.counterpoint", &error);
  g_assert_null (file);
  g_assert_error (error, CP_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "“Broken “one”.counterpoint” "));
  if (!g_pattern_match_simple (pattern, error->message))
    g_error ("“%s” does not match “%s”", error->message, pattern);
}

static void
test_damaged (void)
{
  g_autoptr(CpComparison) comparison = make_comparison ();
  g_autofree char *data = cp_comparison_file_to_data (comparison, NULL, NULL);
  g_autoptr(GString) deep = g_string_new ("{\"format\": \"counterpoint-comparison\", \"x\": ");
  g_autoptr(GString) deeper = g_string_new (NULL);
  g_autoptr(GString) nested_string = g_string_new ("{\"format\": \"counterpoint-comparison\", \"x\": \"");
  const char *advice = "* Open a copy saved before it was damaged, or build the comparison again from its reviews.";
  g_autofree char *truncated = NULL;
  g_autofree char *invalid = NULL;

  /* Cut short in a review's text */
  truncated = g_strndup (data, strlen (data) / 2);
  assert_damaged (truncated, -1, CP_ERROR_DAMAGED, "*is damaged or cut short*");
  g_assert_true (g_str_has_suffix (advice, "its reviews."));
  assert_damaged (truncated, -1, CP_ERROR_DAMAGED, advice);

  assert_damaged ("", 0, CP_ERROR_DAMAGED, "*not a comparison saved by Counterpoint*");
  assert_damaged ("Dear diary, the seeds were grey.", -1, CP_ERROR_DAMAGED, "*damaged or cut short*");
  assert_damaged ("[1, 2, 3]", -1, CP_ERROR_DAMAGED, "*not a comparison saved by Counterpoint*");
  assert_damaged ("\"counterpoint-comparison\"", -1, CP_ERROR_DAMAGED, "*not a comparison saved by Counterpoint*");
  assert_damaged ("{\"reviews\": []}", -1, CP_ERROR_DAMAGED, "*not a comparison saved by Counterpoint*");
  assert_damaged ("{\"format\": \"counterpoint-topics\", \"version\": 1}", -1, CP_ERROR_DAMAGED,
                  "*not a comparison saved by Counterpoint. To compare it as a review, add it to a comparison.");
  assert_damaged ("{\"format\": 1}", -1, CP_ERROR_DAMAGED, "*not a comparison*");

  /* Invalid UTF-8, as bytes and as an escape */
  invalid = g_strdup (data);
  invalid[strstr (data, "Une") - data] = '\xff';
  assert_damaged (invalid, -1, CP_ERROR_DAMAGED, "*not UTF-8 text*");
  assert_damaged ("{\"format\": \"counterpoint-comparison\", \"a\0b\": 1}", 45, CP_ERROR_DAMAGED, "*not UTF-8*");
  assert_damaged ("{\"format\": \"counterpoint-comparison\", \"reviews\": [{\"text\": \"\\ud800\"}]}", -1,
                  CP_ERROR_DAMAGED, "*damaged or cut short*");

  /* Too deep: 65 levels, and a million (which would exhaust the stack) */
  for (guint i = 0; i < 64; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 64; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  assert_damaged (deep->str, -1, CP_ERROR_DAMAGED, "*nest deeper than any comparison file*");
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (deeper, '[');
  assert_damaged (deeper->str, -1, CP_ERROR_DAMAGED, "*nest deeper*");

  /* Brackets in strings do not count */
  for (guint i = 0; i < 100; i++)
    g_string_append (nested_string, "[{");
  g_string_append (nested_string, "\\\"\"}");
  {
    g_autoptr(CpComparisonFile) file = read_data (nested_string->str, -1);

    g_assert_cmpuint (cp_comparison_file_get_documents (file)->len, ==, 0);
  }
}

static void
test_too_large (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("comparison-file");
  g_autofree char *path = cp_test_tree_build_path (tree, "huge.counterpoint");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FILE *stream;

  /* Refused by its length before a byte is read */
  g_assert_null (cp_comparison_file_new_from_data ("{}", CP_COMPARISON_FILE_MAX_SIZE + 1, "huge.counterpoint", &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "“huge.counterpoint” is larger than a comparison file can be"));
  g_clear_error (&error);

  /* A sparse file: refused by its size */
  stream = g_fopen (path, "w");
  g_assert_nonnull (stream);
  g_assert_no_errno (ftruncate (fileno (stream), CP_COMPARISON_FILE_MAX_SIZE + 1));
  fclose (stream);
  g_assert_null (cp_comparison_file_load (file, NULL, &error));
  g_assert_error (error, CP_ERROR, CP_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.counterpoint"));
}

static void
test_fifo (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("comparison-file");
  g_autofree char *path = cp_test_tree_build_path (tree, "pipe.counterpoint");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  if (mkfifo (path, 0600) != 0)
    {
      g_autofree char *reason = g_strdup_printf ("mkfifo failed: %s", g_strerror (errno));

      g_test_skip (reason);
      return;
    }

  /* Opening a FIFO without a writer would block: fail instead of hanging */
  alarm (10);
  g_assert_null (cp_comparison_file_load (file, NULL, &error));
  alarm (0);
  g_assert_error (error, CP_ERROR, CP_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "pipe.counterpoint"));
}

/* A file written by hand, with what this version does not know */
static const char repairable[] =
  "{\n"
  "  \"format\": \"counterpoint-comparison\",\n"
  "  \"version\": 1,\n"
  "  \"comment\": \"members this version does not know are ignored\",\n"
  "  \"topics\": \"[seeds]\\nLabel=Seeds\\nTerms=seeds\\n\",\n"
  "  \"focus-topic\": \"seeds\",\n"
  "  \"reviews\": [\n"
  "    { \"text\": \"First review: seeds, seeds.\", \"label\": \"One\", \"extra\": [1, {\"a\": null}] },\n"
  "    { \"text\": 42, \"label\": \"Not a text\" },\n"
  "    { \"text\": \"Third: the grey seeds of 艾未未.\", \"title\": 7, \"encoding\": \"ebcdic\" },\n"
  "    \"not an object\"\n"
  "  ],\n"
  "  \"notes\": [\n"
  "    { \"review\": 0, \"start\": 14, \"end\": 19, \"quote\": \"seeds\", \"text\": \"fine\",\n"
  "      \"created\": \"2026-12-07T15:30:00Z\", \"modified\": \"2026-12-07T16:00:00+01:00\" },\n"
  "    { \"review\": 0, \"start\": 500, \"end\": 505, \"quote\": \"review\", \"text\": \"out of range\" },\n"
  "    { \"review\": 2, \"start\": 0, \"end\": 5, \"quote\": \"艾未未\", \"text\": \"wrong offsets\" },\n"
  "    { \"review\": 2, \"start\": 0, \"end\": 5, \"quote\": \"gone\", \"text\": \"quote not there\" },\n"
  "    { \"review\": 1, \"start\": 0, \"end\": 5, \"quote\": \"42\", \"text\": \"its review was left out\" },\n"
  "    { \"review\": 9, \"start\": 0, \"end\": 5, \"quote\": \"First\" },\n"
  "    { \"review\": 0, \"start\": 0, \"end\": 5, \"quote\": \"First\", \"text\": 3, \"created\": \"yesterday\" },\n"
  "    { \"review\": 0, \"start\": 6, \"end\": 12 },\n"
  "    { \"review\": \"0\", \"start\": 0, \"end\": 5, \"quote\": \"First\" },\n"
  "    { \"review\": 0, \"start\": 5, \"end\": 5, \"quote\": \"\" },\n"
  "    [\"not\", \"an\", \"object\"]\n"
  "  ]\n"
  "}\n";

static void
test_repairs (void)
{
  static const char * const expected[] = {
    "Review 2 has no text that could be read; it was left out.",
    "Some details of review 3 (*) could not be read.",
    "Review 4 has no text that could be read; it was left out.",
    "6 notes could not be placed on a review and were left out.",
    "2 notes were not on the passages the file gave; they were placed on their passages again.",
    "2 notes had a text or time that could not be read; the rest of them was kept.",
    NULL
  };
  g_autoptr(CpComparisonFile) file = NULL;
  GPtrArray *documents;
  GPtrArray *file_notes;
  g_autofree char *modified = NULL;
  CpNote *note;

  leave_sample ("repairable.counterpoint", repairable);
  file = read_data (repairable, -1);
  documents = cp_comparison_file_get_documents (file);
  file_notes = cp_comparison_file_get_notes (file);
  assert_problems (file, expected);
  g_assert_cmpuint (cp_comparison_file_get_version (file), ==, 1);
  g_assert_cmpstr (cp_comparison_file_get_focus_topic (file), ==, "seeds");

  g_assert_cmpuint (documents->len, ==, 2);
  g_assert_cmpstr (cp_document_get_label (documents->pdata[0]), ==, "One");
  /* A name made up when the file has none */
  g_assert_cmpstr (cp_document_get_name (documents->pdata[1]), ==, "Review 3");
  /* The title of the wrong type: taken from the text */
  g_assert_cmpstr (cp_document_get_title (documents->pdata[1]), ==, "Third: the grey seeds of 艾未未.");
  g_assert_cmpint (cp_document_get_encoding (documents->pdata[1]), ==, CP_ENCODING_UTF8);

  g_assert_cmpuint (file_notes->len, ==, 5);
  note = file_notes->pdata[0];
  g_assert_true (cp_note_get_document (note) == documents->pdata[0]);
  g_assert_cmpstr (cp_note_get_quote (note), ==, "seeds");
  g_assert_cmpuint (cp_note_get_start (note), ==, 14);
  modified = g_date_time_format_iso8601 (cp_note_get_modified (note));
  g_assert_cmpstr (modified, ==, "2026-12-07T15:00:00Z");

  /* Out of range: found by its quote */
  note = file_notes->pdata[1];
  g_assert_cmpstr (cp_note_get_quote (note), ==, "review");
  g_assert_cmpuint (cp_note_get_start (note), ==, 6);
  g_assert_cmpstr (cp_note_get_text (note), ==, "out of range");

  /* Wrong offsets: found by its quote, in bytes where it is */
  note = file_notes->pdata[2];
  g_assert_true (cp_note_get_document (note) == documents->pdata[1]);
  g_assert_cmpstr (cp_note_get_quote (note), ==, "艾未未");
  g_assert_cmpuint (cp_note_get_start (note), ==, strlen ("Third: the grey seeds of "));

  /* The text of the wrong type is left empty; the time that cannot be
   * read is left as it was */
  note = file_notes->pdata[3];
  g_assert_cmpstr (cp_note_get_quote (note), ==, "First");
  g_assert_cmpstr (cp_note_get_text (note), ==, "");

  /* No quote: the offsets are taken as they are */
  note = file_notes->pdata[4];
  g_assert_cmpstr (cp_note_get_quote (note), ==, "review");
  g_assert_cmpstr (cp_note_get_text (note), ==, "");
}

static void
test_problems_in_members (void)
{
  static const char * const expected[] = {
    "Its format version could not be read.",
    "Its topics could not be read (*); the default topics are used instead.",
    "The topic it had in focus is not one of its topics.",
    "Its list of reviews could not be read.",
    "Its list of notes could not be read.",
    NULL
  };
  static const char * const no_topics[] = {
    "It holds no topics that could be read; the default topics are used instead.",
    NULL
  };
  static const char * const none[] = { NULL };
  g_autoptr(CpComparisonFile) file = NULL;
  g_autoptr(CpComparisonFile) bare = NULL;
  g_autoptr(CpTopicSet) defaults = cp_topic_set_new_default ();

  file = read_data ("{\"format\": \"counterpoint-comparison\", \"version\": \"one\","
                    " \"topics\": \"[bad id!]\\nTerms=x\\n\", \"focus-topic\": \"nothing\","
                    " \"reviews\": {}, \"notes\": 3}", -1);
  assert_problems (file, expected);
  g_assert_cmpuint (cp_comparison_file_get_version (file), ==, 0);
  assert_same_topics (cp_comparison_file_get_topics (file), defaults);
  g_assert_null (cp_comparison_file_get_focus_topic (file));

  bare = read_data ("{\"format\": \"counterpoint-comparison\"}", -1);
  assert_problems (bare, no_topics);
  g_assert_cmpuint (cp_comparison_file_get_version (bare), ==, 0);
  g_clear_object (&bare);

  /* Nothing is missing from a file with empty topics, reviews and notes */
  bare = read_data ("{\"format\": \"counterpoint-comparison\", \"version\": 1, \"topics\": \"\","
                    " \"focus-topic\": null, \"reviews\": [], \"notes\": []}", -1);
  assert_problems (bare, none);
  g_assert_cmpuint (cp_topic_set_get_n_topics (cp_comparison_file_get_topics (bare)), ==, 0);
}

static void
test_limits (void)
{
  g_autoptr(GString) data = g_string_new ("{\"format\": \"counterpoint-comparison\", \"version\": 1,"
                                          " \"topics\": \"\", \"reviews\": [");
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(CpComparisonFile) file = NULL;
  g_autoptr(CpComparison) comparison = NULL;
  static const char * const expected[] = {
    "It holds more reviews than a comparison can (64); 2 were left out.",
    "It holds more notes than a comparison can (10000); 1 was left out.",
    NULL
  };
  CpNote *note;

  for (guint i = 0; i < CP_COMPARISON_FILE_MAX_REVIEWS + 2; i++)
    g_string_append_printf (data, "%s{\"text\": \"Review number %u.\"}", i > 0 ? ", " : "", i);
  g_string_append (data, "], \"notes\": [");

  /* A note text over the limit, its last character cut in two by it */
  for (gsize i = 0; i < CP_NOTE_MAX_TEXT - 1; i++)
    g_string_append_c (long_text, 'a');
  g_string_append (long_text, "é and more");
  g_string_append_printf (data, "{\"review\": 0, \"start\": 0, \"end\": 6, \"quote\": \"Review\", \"text\": \"%s\"}",
                          long_text->str);
  g_string_append (data, ", {\"review\": 65, \"start\": 0, \"end\": 6, \"quote\": \"Review\", \"text\": 1}");
  for (guint i = 2; i < CP_COMPARISON_FILE_MAX_NOTES + 1; i++)
    g_string_append_printf (data, ", {\"review\": %u, \"start\": 0, \"end\": 6, \"quote\": \"Review\"}", i % 64);
  g_string_append (data, "]}");

  file = read_data (data->str, data->len);
  g_assert_cmpuint (cp_comparison_file_get_documents (file)->len, ==, CP_COMPARISON_FILE_MAX_REVIEWS);
  g_assert_cmpuint (cp_comparison_file_get_notes (file)->len, ==, CP_COMPARISON_FILE_MAX_NOTES - 1);
  /* Notes on the reviews left out are left out as well: said once */
  {
    const char * const *problems = cp_comparison_file_get_problems (file);

    g_assert_cmpstr (problems[0], ==, expected[0]);
    g_assert_cmpstr (problems[1], ==, expected[1]);
    g_assert_cmpstr (problems[2], ==, "1 note could not be placed on a review and was left out.");
    g_assert_cmpstr (problems[3], ==, "1 note had a text or time that could not be read; the rest of it was kept.");
    g_assert_null (problems[4]);
  }

  note = cp_comparison_file_get_notes (file)->pdata[0];
  g_assert_cmpuint (strlen (cp_note_get_text (note)), ==, CP_NOTE_MAX_TEXT - 1);

  comparison = cp_comparison_file_create_comparison (file);
  g_assert_cmpuint (cp_comparison_get_n_documents (comparison), ==, CP_COMPARISON_FILE_MAX_REVIEWS);
  g_assert_cmpuint (g_list_model_get_n_items (cp_comparison_get_notes (comparison)), ==,
                    CP_COMPARISON_FILE_MAX_NOTES - 1);
}

static void
test_newer_version (void)
{
  g_autoptr(CpComparison) comparison = make_comparison ();
  g_autofree char *data = cp_comparison_file_to_data (comparison, "seeds", NULL);
  g_autofree char *newer = NULL;
  g_autoptr(CpComparisonFile) file = NULL;
  g_autoptr(CpComparison) loaded = NULL;
  static const char * const expected[] = {
    "It was saved by a newer version of Counterpoint (format version 2), so this version shows "
    "what it understands and does not save over it. Update Counterpoint, or use Save As to keep "
    "your changes in another file.",
    NULL
  };
  g_autofree char *version_1 = g_strdup_printf ("\"version\" : %d,", CP_COMPARISON_FILE_VERSION);
  g_autofree char *version_2 = g_strdup_printf ("\"version\" : %d, \"sketches\" : [{\"x\" : 1}],",
                                                CP_COMPARISON_FILE_VERSION + 1);
  g_auto(GStrv) parts = g_strsplit (data, version_1, 2);

  newer = g_strjoin (version_2, parts[0], parts[1], NULL);
  leave_sample ("newer.counterpoint", newer);
  file = read_data (newer, -1);
  assert_problems (file, expected);
  g_assert_cmpuint (cp_comparison_file_get_version (file), ==, CP_COMPARISON_FILE_VERSION + 1);

  /* All it understands is there */
  loaded = cp_comparison_file_create_comparison (file);
  assert_same_comparison (comparison, loaded);
  g_assert_cmpstr (cp_comparison_file_get_focus_topic (file), ==, "seeds");
}

static void
test_older_version (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("comparison-file");
  g_autofree char *path = cp_test_tree_build_path (tree, "Old Seeds.COUNTERPOINT");
  g_autofree char *backup_path = cp_test_tree_build_path (tree, "Old Seeds (version 0).counterpoint");
  g_autofree char *backup_path_2 = cp_test_tree_build_path (tree, "Old Seeds (version 0) 2.counterpoint");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CpComparison) comparison = make_comparison ();
  g_autoptr(CpComparisonFile) old = NULL;
  g_autoptr(CpComparison) loaded = NULL;
  g_autoptr(GFile) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = cp_comparison_file_to_data (comparison, NULL, NULL);
  g_autofree char *version_1 = g_strdup_printf ("  \"version\" : %d,\n", CP_COMPARISON_FILE_VERSION);
  g_auto(GStrv) parts = g_strsplit (data, version_1, 2);
  g_autofree char *unversioned = g_strjoin ("", parts[0], parts[1], NULL);
  g_autofree char *contents = NULL;

  /* From before versions: read as the current version reads */
  leave_sample ("unversioned.counterpoint", unversioned);
  g_assert_true (g_file_set_contents (path, unversioned, -1, NULL));
  old = cp_comparison_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cp_comparison_file_get_version (old), ==, 0);
  g_assert_false (cp_comparison_file_is_read_only (old));
  loaded = cp_comparison_file_create_comparison (old);
  assert_same_comparison (comparison, loaded);

  /* Saved over: the original is kept beside it first */
  g_assert_true (cp_comparison_file_save (loaded, NULL, file, cp_comparison_file_get_version (old),
                                          &backup, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (backup);
  g_assert_cmpstr (g_file_peek_path (backup), ==, backup_path);
  g_assert_true (g_file_get_contents (backup_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, unversioned);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, data);
  g_clear_pointer (&contents, g_free);
  g_clear_object (&backup);

  /* Never over another copy */
  g_assert_true (g_file_set_contents (path, unversioned, -1, NULL));
  g_assert_true (cp_comparison_file_save (loaded, NULL, file, 0, &backup, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_file_peek_path (backup), ==, backup_path_2);
  g_assert_true (g_file_get_contents (backup_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, unversioned);
  g_clear_pointer (&contents, g_free);
  g_clear_object (&backup);

  /* Nothing to keep when the file is not there yet, or is current */
  g_assert_no_errno (g_remove (path));
  g_assert_true (cp_comparison_file_save (loaded, NULL, file, 0, &backup, NULL, &error));
  g_assert_null (backup);
  g_assert_true (cp_comparison_file_save (loaded, NULL, file, CP_COMPARISON_FILE_VERSION, &backup, NULL, &error));
  g_assert_null (backup);
  g_assert_no_error (error);
  {
    g_autoptr(GDir) dir = g_dir_open (tree->path, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (dir) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 3);
  }

  g_assert_finalize_object (g_steal_pointer (&loaded));
}

static void
test_save_atomic (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("comparison-file");
  g_autofree char *dir = cp_test_tree_build_path (tree, "folder");
  g_autofree char *path = NULL;
  g_autofree char *link_path = cp_test_tree_build_path (tree, "link.counterpoint");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) link = g_file_new_for_path (link_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CpComparison) comparison = make_comparison ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = cp_comparison_file_to_data (comparison, NULL, NULL);
  const char *old = "{\"format\": \"counterpoint-comparison\"}";
  GStatBuf info;

  g_assert_no_errno (g_mkdir (dir, 0700));
  path = g_build_filename (dir, "kept.counterpoint", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (g_file_set_contents (path, old, -1, NULL));
  g_assert_no_errno (g_chmod (path, 0640));

  /* Cancelled: the old file is untouched */
  g_cancellable_cancel (cancellable);
  g_assert_false (cp_comparison_file_save (comparison, NULL, file, CP_COMPARISON_FILE_VERSION, NULL,
                                           cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, old);
  g_clear_pointer (&contents, g_free);

  /* A read-only folder: the old file survives, the message names it */
  g_assert_no_errno (g_chmod (dir, 0500));
  if (g_access (dir, W_OK) == 0)
    g_test_message ("Running with permission to write anywhere (root?); skipping the read-only folder check");
  else
    {
      g_assert_false (cp_comparison_file_save (comparison, NULL, file, CP_COMPARISON_FILE_VERSION, NULL,
                                               NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_true (g_str_has_prefix (error->message, "“kept.counterpoint” was not saved. "));
      g_clear_error (&error);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, old);
      g_clear_pointer (&contents, g_free);
    }
  g_assert_no_errno (g_chmod (dir, 0700));

  /* Saved: the permissions kept */
  g_assert_true (cp_comparison_file_save (comparison, NULL, file, CP_COMPARISON_FILE_VERSION, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_no_errno (g_stat (path, &info));
  g_assert_cmpint (info.st_mode & 07777, ==, 0640);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  g_clear_pointer (&contents, g_free);

  /* Through a link: the file it leads to is written, the link stays */
  g_assert_no_errno (symlink (path, link_path));
  g_assert_true (g_file_set_contents (path, old, -1, NULL));
  g_assert_true (cp_comparison_file_save (comparison, NULL, link, CP_COMPARISON_FILE_VERSION, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_is_comparison (void)
{
  static const struct
  {
    const char *name;
    gboolean    is;
  } cases[] = {
    { "Seeds.counterpoint", TRUE },
    { "Seeds.COUNTERPOINT", TRUE },
    { "Seeds.CounterPoint", TRUE },
    { "艾未未.counterpoint", TRUE },
    { ".counterpoint", FALSE },
    { "Seeds.counterpoint.txt", FALSE },
    { "Seeds.counterpoin", FALSE },
    { "counterpoint", FALSE },
    { "Seeds.topics", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename ("/tmp", cases[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (cp_comparison_file_is_comparison (file) == cases[i].is);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/comparison-file/round-trip", test_round_trip);
  g_test_add_func ("/core/comparison-file/layout", test_layout);
  g_test_add_func ("/core/comparison-file/save-and-load", test_save_and_load);
  g_test_add_func ("/core/comparison-file/damaged", test_damaged);
  g_test_add_func ("/core/comparison-file/too-large", test_too_large);
  g_test_add_func ("/core/comparison-file/fifo", test_fifo);
  g_test_add_func ("/core/comparison-file/repairs", test_repairs);
  g_test_add_func ("/core/comparison-file/problems-in-members", test_problems_in_members);
  g_test_add_func ("/core/comparison-file/limits", test_limits);
  g_test_add_func ("/core/comparison-file/newer-version", test_newer_version);
  g_test_add_func ("/core/comparison-file/older-version", test_older_version);
  g_test_add_func ("/core/comparison-file/save-atomic", test_save_atomic);
  g_test_add_func ("/core/comparison-file/is-comparison", test_is_comparison);

  return g_test_run ();
}
