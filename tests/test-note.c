/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-note.h"
#include "cp-test-utils.h"

typedef struct
{
  guint n_text;
  guint n_modified;
  guint n_document;
  guint n_start;
  guint n_end;
  guint n_quote;
} NotifyLog;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           NotifyLog  *log)
{
  if (g_str_equal (pspec->name, "text"))
    log->n_text++;
  else if (g_str_equal (pspec->name, "modified"))
    log->n_modified++;
  else if (g_str_equal (pspec->name, "document"))
    log->n_document++;
  else if (g_str_equal (pspec->name, "start"))
    log->n_start++;
  else if (g_str_equal (pspec->name, "end"))
    log->n_end++;
  else if (g_str_equal (pspec->name, "quote"))
    log->n_quote++;
}

/* The byte offset of the first occurrence of @needle in @document */
static gsize
offset_of (CpDocument *document,
           const char *needle)
{
  const char *hit = strstr (cp_document_get_text (document), needle);

  g_assert_nonnull (hit);
  return hit - cp_document_get_text (document);
}

static CpNote *
note_on (CpDocument *document,
         const char *passage,
         const char *text)
{
  gsize start = offset_of (document, passage);

  return cp_note_new (document, start, start + strlen (passage), text);
}

static void
test_note_offsets (void)
{
  g_autoptr(CpDocument) document = cp_document_new_from_text ("a.txt", "The cast is superb; the plot is thin.", -1);
  g_autoptr(CpNote) note = note_on (document, "the plot", "Agreed.");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *created;

  g_assert_true (cp_note_get_document (note) == document);
  g_assert_cmpuint (cp_note_get_start (note), ==, 20);
  g_assert_cmpuint (cp_note_get_end (note), ==, 28);
  g_assert_cmpstr (cp_note_get_quote (note), ==, "the plot");
  g_assert_cmpstr (cp_note_get_text (note), ==, "Agreed.");

  created = cp_note_get_created (note);
  g_assert_cmpint (g_date_time_get_utc_offset (created), ==, 0);
  g_assert_cmpint (g_date_time_get_microsecond (created), ==, 0);
  g_assert_cmpint (ABS (g_date_time_difference (now, created)), <=, 2 * G_TIME_SPAN_SECOND);
  g_assert_true (g_date_time_equal (created, cp_note_get_modified (note)));

  /* The whole text, and no text at all */
  {
    g_autoptr(CpNote) whole = cp_note_new (document, 0, cp_document_get_length (document), NULL);

    g_assert_cmpstr (cp_note_get_quote (whole), ==, cp_document_get_text (document));
    g_assert_cmpstr (cp_note_get_text (whole), ==, "");
  }

  g_assert_finalize_object (g_steal_pointer (&note));
}

static void
test_note_bad_offsets (void)
{
  g_autoptr(CpDocument) document = cp_document_new_from_text ("a.txt", "Ai Weiwei’s work", -1);
  gsize quote_mark = offset_of (document, "’");

  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_CRITICAL, "*is_char_boundary*start*");
  g_assert_null (cp_note_new (document, quote_mark + 1, quote_mark + 5, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_CRITICAL, "*start < end*");
  g_assert_null (cp_note_new (document, 4, 4, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_CRITICAL, "*end <= length*");
  g_assert_null (cp_note_new (document, 4, cp_document_get_length (document) + 1, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_CRITICAL, "*is_char_boundary*end*");
  g_assert_null (cp_note_new (document, 0, quote_mark + 1, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Counterpoint", G_LOG_LEVEL_CRITICAL, "*g_utf8_validate*");
  g_assert_null (cp_note_new (document, 0, 2, "\xff"));
  g_test_assert_expected_messages ();
}

static void
test_note_set_text (void)
{
  g_autoptr(CpDocument) document = cp_document_new_from_text ("a.txt", "A slow, patient film.", -1);
  g_autoptr(CpNote) note = note_on (document, "patient", "Too slow?");
  g_autoptr(GDateTime) long_ago = g_date_time_new_utc (2020, 1, 2, 3, 4, 5);
  NotifyLog log = { 0 };

  cp_note_set_times (note, long_ago, long_ago);
  g_signal_connect (note, "notify", G_CALLBACK (notify_cb), &log);

  cp_note_set_text (note, "Patient, not slow.");
  g_assert_cmpstr (cp_note_get_text (note), ==, "Patient, not slow.");
  g_assert_cmpuint (log.n_text, ==, 1);
  g_assert_cmpuint (log.n_modified, ==, 1);
  g_assert_true (g_date_time_equal (cp_note_get_created (note), long_ago));
  g_assert_cmpint (g_date_time_compare (cp_note_get_modified (note), long_ago), >, 0);

  /* The same text again changes nothing */
  cp_note_set_text (note, "Patient, not slow.");
  g_assert_cmpuint (log.n_text, ==, 1);
  g_assert_cmpuint (log.n_modified, ==, 1);

  cp_note_set_text (note, NULL);
  g_assert_cmpstr (cp_note_get_text (note), ==, "");
  g_assert_cmpuint (log.n_text, ==, 2);

  /* The property goes the same way */
  g_object_set (note, "text", "艾未未", NULL);
  g_assert_cmpstr (cp_note_get_text (note), ==, "艾未未");
  g_assert_cmpuint (log.n_text, ==, 3);
  g_assert_cmpuint (log.n_modified, ==, 3);
}

static void
test_note_set_times (void)
{
  g_autoptr(CpDocument) document = cp_document_new_from_text ("a.txt", "Sunflower seeds.", -1);
  g_autoptr(CpNote) note = note_on (document, "seeds", NULL);
  g_autoptr(GTimeZone) paris = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) created = g_date_time_new (paris, 2026, 12, 7, 16, 30, 0);
  g_autoptr(GDateTime) modified = g_date_time_new (paris, 2026, 12, 8, 9, 0, 0);
  g_autofree char *created_text = NULL;
  NotifyLog log = { 0 };

  g_signal_connect (note, "notify", G_CALLBACK (notify_cb), &log);
  cp_note_set_times (note, created, modified);
  g_assert_true (g_date_time_equal (cp_note_get_created (note), created));
  g_assert_true (g_date_time_equal (cp_note_get_modified (note), modified));
  g_assert_cmpint (g_date_time_get_utc_offset (cp_note_get_created (note)), ==, 0);
  created_text = g_date_time_format_iso8601 (cp_note_get_created (note));
  g_assert_cmpstr (created_text, ==, "2026-12-07T15:30:00Z");
  g_assert_cmpuint (log.n_modified, ==, 1);
  g_assert_cmpuint (log.n_text, ==, 0);
}

static void
test_note_reanchor_nearest (void)
{
  const char *old_text = "Bold. The ending is bold. The score is bold.";
  const char *new_text = "A new first line. Bold. The ending is bold. The score is bold.";
  g_autoptr(CpDocument) old_document = cp_document_new_from_text ("a.txt", old_text, -1);
  g_autoptr(CpDocument) new_document = cp_document_new_from_text ("a.txt", new_text, -1);
  /* The second "bold", in "The ending is bold" */
  gsize start = strstr (old_text, "is bold") + 3 - old_text;
  g_autoptr(CpNote) note = cp_note_new (old_document, start, start + 4, "Is it?");
  NotifyLog log = { 0 };

  g_signal_connect (note, "notify", G_CALLBACK (notify_cb), &log);
  g_assert_true (cp_note_reanchor (note, new_document));
  g_assert_true (cp_note_get_document (note) == new_document);
  /* The "bold" at character 38 is 18 from the old 20; the one at 57, 37 */
  g_assert_cmpuint (cp_note_get_start (note), ==, strstr (new_text, "is bold") + 3 - new_text);
  g_assert_cmpuint (cp_note_get_end (note), ==, cp_note_get_start (note) + 4);
  g_assert_cmpstr (cp_note_get_quote (note), ==, "bold");
  g_assert_cmpstr (cp_note_get_text (note), ==, "Is it?");
  g_assert_cmpuint (log.n_document, ==, 1);
  g_assert_cmpuint (log.n_start, ==, 1);
  g_assert_cmpuint (log.n_end, ==, 1);
  g_assert_cmpuint (log.n_quote, ==, 1);
  g_assert_cmpuint (log.n_text, ==, 0);
}

static void
test_note_reanchor_moved (void)
{
  g_autoptr(CpDocument) old_document = cp_document_new_from_text ("a.txt", "First the plot. Then the cast is superb.", -1);
  g_autoptr(CpDocument) new_document = cp_document_new_from_text ("a.txt", "The cast is superb. Plot: thin.", -1);
  g_autoptr(CpNote) note = note_on (old_document, "the cast is superb", NULL);
  g_autoptr(CpNote) other = note_on (old_document, "First", NULL);

  /* Only one place matches, far from where it was */
  g_assert_false (cp_note_reanchor (note, new_document));
  g_assert_true (cp_note_reanchor (other, old_document));
  g_assert_cmpuint (cp_note_get_start (other), ==, 0);

  {
    g_autoptr(CpNote) cast = note_on (old_document, "cast is superb", NULL);

    g_assert_true (cp_note_reanchor (cast, new_document));
    g_assert_cmpuint (cp_note_get_start (cast), ==, 4);
    g_assert_cmpstr (cp_note_get_quote (cast), ==, "cast is superb");
  }
}

static void
test_note_reanchor_lost (void)
{
  g_autoptr(CpDocument) old_document = cp_document_new_from_text ("a.txt", "Long opening. The twist works.", -1);
  g_autoptr(CpDocument) new_document = cp_document_new_from_text ("a.txt", "Long opening. The end falls flat.", -1);
  g_autoptr(CpDocument) short_document = cp_document_new_from_text ("a.txt", "Short.", -1);
  g_autoptr(CpDocument) empty_document = cp_document_new_from_text ("a.txt", "", -1);
  g_autoptr(CpNote) note = note_on (old_document, "twist", "Predictable");

  /* Kept at the same character offsets */
  g_assert_false (cp_note_reanchor (note, new_document));
  g_assert_true (cp_note_get_document (note) == new_document);
  g_assert_cmpuint (cp_note_get_start (note), ==, 18);
  g_assert_cmpuint (cp_note_get_end (note), ==, 23);
  g_assert_cmpstr (cp_note_get_quote (note), ==, "end f");
  g_assert_cmpstr (cp_note_get_text (note), ==, "Predictable");

  /* Clamped to a shorter text, still one character long */
  g_assert_false (cp_note_reanchor (note, short_document));
  g_assert_cmpuint (cp_note_get_start (note), ==, 5);
  g_assert_cmpuint (cp_note_get_end (note), ==, 6);
  g_assert_cmpstr (cp_note_get_quote (note), ==, ".");

  /* Nothing left to anchor on */
  g_assert_false (cp_note_reanchor (note, empty_document));
  g_assert_cmpuint (cp_note_get_start (note), ==, 0);
  g_assert_cmpuint (cp_note_get_end (note), ==, 0);
  g_assert_cmpstr (cp_note_get_quote (note), ==, "");

  /* An empty anchor widens to a character again where it can */
  g_assert_false (cp_note_reanchor (note, old_document));
  g_assert_cmpuint (cp_note_get_end (note), ==, 1);
}

static void
test_note_non_ascii (void)
{
  const char *old_text = "Ai Weiwei’s “Sunflower Seeds” by 艾未未 fills the hall.";
  const char *new_text = "艾未未: Ai Weiwei’s “Sunflower Seeds” by 艾未未 fills the hall.";
  g_autoptr(CpDocument) old_document = cp_document_new_from_text ("a.txt", old_text, -1);
  g_autoptr(CpDocument) new_document = cp_document_new_from_text ("a.txt", new_text, -1);
  g_autoptr(GString) accents = g_string_new (NULL);
  g_autoptr(CpDocument) lost_document = NULL;
  g_autoptr(CpNote) seeds = note_on (old_document, "“Sunflower Seeds”", NULL);
  g_autoptr(CpNote) name = note_on (old_document, "艾未未", "The artist");
  g_autoptr(CpNote) lost = note_on (old_document, "艾未未", NULL);

  for (guint i = 0; i < 40; i++)
    g_string_append (accents, "é");
  lost_document = cp_document_new_from_text ("a.txt", accents->str, -1);

  g_assert_cmpstr (cp_note_get_quote (seeds), ==, "“Sunflower Seeds”");
  g_assert_cmpuint (cp_note_get_end (name) - cp_note_get_start (name), ==, 9);

  g_assert_true (cp_note_reanchor (seeds, new_document));
  g_assert_cmpuint (cp_note_get_start (seeds), ==, strstr (new_text, "“") - new_text);

  /* Five characters more before both occurrences: the second is nearest */
  g_assert_true (cp_note_reanchor (name, new_document));
  g_assert_cmpuint (cp_note_get_start (name), ==, strstr (new_text, "by 艾") + 3 - new_text);

  /* Lost: the same character offsets, on character boundaries */
  g_assert_false (cp_note_reanchor (lost, lost_document));
  g_assert_cmpuint (cp_note_get_start (lost), ==, 2 * g_utf8_strlen (old_text, strstr (old_text, "艾") - old_text));
  g_assert_cmpstr (cp_note_get_quote (lost), ==, "ééé");

  /* Nearest counts characters, not bytes: X was at character 6 (byte 11);
   * the new X at character 0 is nearer than the one at 15 (byte 15) */
  {
    g_autoptr(CpDocument) before = cp_document_new_from_text ("a.txt", "ééééé X", -1);
    g_autoptr(CpDocument) after = cp_document_new_from_text ("a.txt", "X aaaaaaaaaaaa X", -1);
    g_autoptr(CpNote) x = note_on (before, "X", NULL);

    g_assert_cmpuint (cp_note_get_start (x), ==, 11);
    g_assert_true (cp_note_reanchor (x, after));
    g_assert_cmpuint (cp_note_get_start (x), ==, 0);
  }
}

static void
test_note_compare (void)
{
  g_autoptr(CpDocument) document = cp_document_new_from_text ("a.txt", "One two three four.", -1);
  g_autoptr(CpNote) one = cp_note_new (document, 0, 3, NULL);
  g_autoptr(CpNote) one_two = cp_note_new (document, 0, 7, NULL);
  g_autoptr(CpNote) two = cp_note_new (document, 4, 7, NULL);
  g_autoptr(CpNote) two_later = cp_note_new (document, 4, 7, NULL);
  g_autoptr(GDateTime) early = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) late = g_date_time_new_utc (2026, 6, 1, 0, 0, 0);

  cp_note_set_times (two, early, early);
  cp_note_set_times (two_later, late, late);

  g_assert_cmpint (cp_note_compare (one, one_two), <, 0);
  g_assert_cmpint (cp_note_compare (one_two, one), >, 0);
  g_assert_cmpint (cp_note_compare (one_two, two), <, 0);
  g_assert_cmpint (cp_note_compare (two, two_later), <, 0);
  g_assert_cmpint (cp_note_compare (two_later, two), >, 0);
  g_assert_cmpint (cp_note_compare (two, two), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/note/offsets", test_note_offsets);
  g_test_add_func ("/core/note/bad-offsets", test_note_bad_offsets);
  g_test_add_func ("/core/note/set-text", test_note_set_text);
  g_test_add_func ("/core/note/set-times", test_note_set_times);
  g_test_add_func ("/core/note/reanchor-nearest", test_note_reanchor_nearest);
  g_test_add_func ("/core/note/reanchor-moved", test_note_reanchor_moved);
  g_test_add_func ("/core/note/reanchor-lost", test_note_reanchor_lost);
  g_test_add_func ("/core/note/non-ascii", test_note_non_ascii);
  g_test_add_func ("/core/note/compare", test_note_compare);

  return g_test_run ();
}
