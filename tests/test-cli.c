/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cp-document.h"

/*
 * The fixtures in tests/data/cli:
 *
 *   cafe.txt    UTF-8 with “é” and an em dash, so character offsets on
 *               line 2 are three less than byte offsets.
 *   phone.txt   CRLF line ends; “value for money” is split over a line
 *               break.
 *   reviews.topics
 *               camera (camera; photo*), battery (battery; charge),
 *               price (price; value for money).
 *
 * The expected offsets below were counted by hand on the texts with LF
 * line ends and checked against the texts themselves in
 * assert_match_text().
 */

typedef struct
{
  guint       document;
  const char *topic;
  guint       start;
  guint       end;
  guint       line;
  const char *text;
} ExpectedMatch;

static const ExpectedMatch expected_matches[] = {
  { 0, "camera", 17, 23, 1, "camera" },
  { 0, "camera", 36, 42, 1, "photos" },
  { 0, "battery", 58, 65, 2, "battery" },
  { 0, "price", 86, 91, 2, "price" },
  { 1, "battery", 0, 7, 1, "Battery" },
  { 1, "camera", 30, 36, 2, "Camera" },
  { 1, "camera", 49, 60, 2, "photographs" },
  { 1, "price", 67, 82, 3, "value\nfor money" },
  { 1, "price", 95, 100, 4, "price" },
};

typedef struct
{
  char *stdout_text;
  char *stderr_text;
  int   status;
} CliRun;

static void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->stdout_text, g_free);
  g_clear_pointer (&run->stderr_text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

static const char *
fixture_dir (void)
{
  return g_test_get_filename (G_TEST_DIST, "data", "cli", NULL);
}

/* Runs the CLI in the fixture directory with @args (NULL-terminated). */
static void
run_cli (CliRun             *run,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("COUNTERPOINT_CLI");

  g_assert_nonnull (cli);

  g_ptr_array_add (argv, (gpointer)cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, fixture_dir ());
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);

  subprocess = g_subprocess_launcher_spawnv (launcher,
                                             (const char * const *)argv->pdata,
                                             &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (subprocess, NULL, NULL,
                                 &run->stdout_text, &run->stderr_text,
                                 &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (subprocess));
  run->status = g_subprocess_get_exit_status (subprocess);

  g_test_message ("stderr: %s", run->stderr_text);
}

static JsonObject *
parse_output (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonObject *object;
  g_autoptr(GList) members = NULL;
  static const char * const names[] = { "documents", "topics", "matches", "coverage" };
  guint i = 0;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);

  /* Exactly these members, in this order. */
  members = json_object_get_members (object);
  g_assert_cmpuint (g_list_length (members), ==, G_N_ELEMENTS (names));
  for (const GList *l = members; l != NULL; l = l->next)
    g_assert_cmpstr (l->data, ==, names[i++]);

  return object;
}

static void
assert_member_count (JsonObject *object,
                     guint       n_members)
{
  g_assert_cmpuint (json_object_get_size (object), ==, n_members);
}

static void
assert_document (JsonArray  *documents,
                 guint       index,
                 const char *path,
                 const char *title,
                 const char *encoding,
                 gint64      characters,
                 gint64      words)
{
  JsonObject *document = json_array_get_object_element (documents, index);

  assert_member_count (document, 5);
  g_assert_cmpstr (json_object_get_string_member (document, "path"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (document, "title"), ==, title);
  g_assert_cmpstr (json_object_get_string_member (document, "encoding"), ==, encoding);
  g_assert_cmpint (json_object_get_int_member (document, "characters"), ==, characters);
  g_assert_cmpint (json_object_get_int_member (document, "words"), ==, words);
}

static void
assert_topic (JsonArray  *topics,
              guint       index,
              const char *id,
              const char *label,
              const char *color)
{
  JsonObject *topic = json_array_get_object_element (topics, index);

  assert_member_count (topic, 3);
  g_assert_cmpstr (json_object_get_string_member (topic, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (topic, "label"), ==, label);
  g_assert_cmpstr (json_object_get_string_member (topic, "color"), ==, color);
}

static CpDocument *
load_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (fixture_dir (), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CpDocument *document;

  document = cp_document_new_from_file (file, CP_DOCUMENT_DEFAULT_MAX_SIZE, NULL, &error);
  g_assert_no_error (error);

  return document;
}

/* The text of a match is the document's text between its character
 * offsets.
 */
static void
assert_match_text (CpDocument *document,
                   JsonObject *match)
{
  gint64 start = json_object_get_int_member (match, "start");
  gint64 end = json_object_get_int_member (match, "end");
  g_autofree char *substring = g_utf8_substring (cp_document_get_text (document), start, end);

  g_assert_cmpstr (json_object_get_string_member (match, "text"), ==, substring);
}

static void
assert_matches (JsonArray           *matches,
                guint                first,
                const ExpectedMatch *expected,
                guint                n_expected,
                CpDocument         **documents)
{
  for (guint i = 0; i < n_expected; i++)
    {
      JsonObject *match = json_array_get_object_element (matches, first + i);
      assert_member_count (match, 6);
      g_assert_cmpint (json_object_get_int_member (match, "document"), ==, expected[i].document);
      g_assert_cmpstr (json_object_get_string_member (match, "topic"), ==, expected[i].topic);
      g_assert_cmpint (json_object_get_int_member (match, "start"), ==, expected[i].start);
      g_assert_cmpint (json_object_get_int_member (match, "end"), ==, expected[i].end);
      g_assert_cmpint (json_object_get_int_member (match, "line"), ==, expected[i].line);
      g_assert_cmpstr (json_object_get_string_member (match, "text"), ==, expected[i].text);
      assert_match_text (documents[expected[i].document], match);
    }
}

static void
assert_coverage (JsonArray   *coverage,
                 guint        index,
                 const char  *topic,
                 const gint64 *counts,
                 guint        n_counts)
{
  JsonObject *entry = json_array_get_object_element (coverage, index);
  JsonArray *array;

  assert_member_count (entry, 2);
  g_assert_cmpstr (json_object_get_string_member (entry, "topic"), ==, topic);

  array = json_object_get_array_member (entry, "counts");
  g_assert_cmpuint (json_array_get_length (array), ==, n_counts);
  for (guint d = 0; d < n_counts; d++)
    g_assert_cmpint (json_array_get_int_element (array, d), ==, counts[d]);
}

/* Writes @contents to a new file @name in a new temporary directory. */
static char *
write_temporary (const char *name,
                 const char *contents,
                 gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("counterpoint-cli-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static void
remove_temporary (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_cli_json (void)
{
  static const char * const args[] = { "tag", "--topics", "reviews.topics", "cafe.txt", "phone.txt", NULL };
  static const gint64 camera_counts[] = { 2, 2 };
  static const gint64 battery_counts[] = { 1, 1 };
  static const gint64 price_counts[] = { 1, 2 };
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CpDocument) cafe = load_fixture ("cafe.txt");
  g_autoptr(CpDocument) phone = load_fixture ("phone.txt");
  CpDocument *documents[] = { cafe, phone };
  JsonObject *root;
  JsonArray *array;

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.stderr_text, ==, "");

  root = parse_output (parser, run.stdout_text);

  array = json_object_get_array_member (root, "documents");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  assert_document (array, 0, "cafe.txt",
                   "Café review: the camera is superb — photos are crisp.",
                   "UTF-8", 101, 18);
  assert_document (array, 1, "phone.txt", "Battery life is poor.", "UTF-8", 102, 18);

  array = json_object_get_array_member (root, "topics");
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  assert_topic (array, 0, "camera", "Camera", "#0072b2");
  assert_topic (array, 1, "battery", "Battery life", "#e69f00");
  assert_topic (array, 2, "price", "Price", "#009e73");

  array = json_object_get_array_member (root, "matches");
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (expected_matches));
  assert_matches (array, 0, expected_matches, G_N_ELEMENTS (expected_matches), documents);

  array = json_object_get_array_member (root, "coverage");
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  assert_coverage (array, 0, "camera", camera_counts, 2);
  assert_coverage (array, 1, "battery", battery_counts, 2);
  assert_coverage (array, 2, "price", price_counts, 2);
}

static void
test_cli_tsv (void)
{
  static const char * const args[] = { "tag", "--format", "tsv", "--topics", "reviews.topics", "cafe.txt", "phone.txt", NULL };
  g_auto(CliRun) run = { NULL, };
  g_auto(GStrv) lines = NULL;

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);

  g_assert_true (g_str_has_suffix (run.stdout_text, "\n"));
  lines = g_strsplit (run.stdout_text, "\n", -1);

  /* Header, one line per match, and the empty string after the last \n. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + G_N_ELEMENTS (expected_matches) + 1);
  g_assert_cmpstr (lines[0], ==, "document\tpath\ttopic\tstart\tend\tline\ttext");
  g_assert_cmpstr (lines[1], ==, "0\tcafe.txt\tcamera\t17\t23\t1\tcamera");
  /* The line break inside the match becomes a space. */
  g_assert_cmpstr (lines[8], ==, "1\tphone.txt\tprice\t67\t82\t3\tvalue for money");
  g_assert_cmpstr (lines[9], ==, "1\tphone.txt\tprice\t95\t100\t4\tprice");
  g_assert_cmpstr (lines[10], ==, "");
}

static void
test_cli_default_topics (void)
{
  static const char * const args[] = { "tag", "cafe.txt", NULL };
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *topics;
  JsonArray *coverage;
  gboolean found = FALSE;

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);

  root = parse_output (parser, run.stdout_text);
  topics = json_object_get_array_member (root, "topics");
  g_assert_cmpuint (json_array_get_length (topics), >, 0);

  for (guint i = 0; i < json_array_get_length (topics); i++)
    {
      JsonObject *topic = json_array_get_object_element (topics, i);

      if (g_strcmp0 (json_object_get_string_member (topic, "id"), "twitter") == 0)
        found = TRUE;
    }
  g_assert_true (found);

  /* One coverage entry per topic, one count per document. */
  coverage = json_object_get_array_member (root, "coverage");
  g_assert_cmpuint (json_array_get_length (coverage), ==, json_array_get_length (topics));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (coverage, 0), "counts")), ==, 1);
}

static void
test_cli_missing_file (void)
{
  static const char * const args[] = { "tag", "--topics", "reviews.topics", "cafe.txt", "missing.txt", "phone.txt", NULL };
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CpDocument) cafe = load_fixture ("cafe.txt");
  g_autoptr(CpDocument) phone = load_fixture ("phone.txt");
  CpDocument *documents[] = { cafe, phone };
  JsonObject *root;
  JsonArray *array;

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.stderr_text, "counterpoint-cli: "));
  g_assert_nonnull (strstr (run.stderr_text, "missing.txt"));
  /* One line, about the one file. */
  g_assert_cmpuint (strchr (run.stderr_text, '\n') - run.stderr_text, ==, strlen (run.stderr_text) - 1);

  root = parse_output (parser, run.stdout_text);

  array = json_object_get_array_member (root, "documents");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "path"), ==, "cafe.txt");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "path"), ==, "phone.txt");

  /* phone.txt is document 1: indices refer to the loaded documents. */
  array = json_object_get_array_member (root, "matches");
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (expected_matches));
  assert_matches (array, 0, expected_matches, G_N_ELEMENTS (expected_matches), documents);
}

static void
test_cli_no_matches (void)
{
  g_autofree char *path = write_temporary ("quiet.txt", "Nothing of note here.\n", -1);
  const char *args[] = { "tag", "--topics", "reviews.topics", path, NULL };
  static const gint64 zero[] = { 0 };
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *coverage;

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);

  root = parse_output (parser, run.stdout_text);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "documents")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "matches")), ==, 0);
  coverage = json_object_get_array_member (root, "coverage");
  g_assert_cmpuint (json_array_get_length (coverage), ==, 3);
  assert_coverage (coverage, 0, "camera", zero, 1);
  assert_coverage (coverage, 2, "price", zero, 1);

  remove_temporary (path);
}

static void
test_cli_binary_file (void)
{
  static const char binary[] = { 'P', 'K', 3, 4, 0, 0, 0, 0, 8, 0, 0, 0, 0x1f, 0x0b, 0, 0 };
  g_autofree char *path = write_temporary ("archive.zip", binary, sizeof binary);
  const char *args[] = { "tag", "--topics", "reviews.topics", path, "cafe.txt", NULL };
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *documents;

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.stderr_text, "counterpoint-cli: "));
  g_assert_nonnull (strstr (run.stderr_text, "archive.zip"));

  /* cafe.txt is still tagged, as document 0. */
  root = parse_output (parser, run.stdout_text);
  documents = json_object_get_array_member (root, "documents");
  g_assert_cmpuint (json_array_get_length (documents), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (documents, 0), "path"), ==, "cafe.txt");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "matches")), ==, 4);

  remove_temporary (path);
}

static void
test_cli_usage_errors (void)
{
  static const char * const no_args[] = { NULL };
  static const char * const no_files[] = { "tag", NULL };
  static const char * const bad_option[] = { "tag", "--bogus", "cafe.txt", NULL };
  static const char * const bad_format[] = { "tag", "--format", "xml", "cafe.txt", NULL };
  static const char * const bad_command[] = { "frobnicate", "cafe.txt", NULL };

  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, no_args);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.stdout_text, ==, "");
    g_assert_nonnull (strstr (run.stderr_text, "tag"));
  }

  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, no_files);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.stdout_text, ==, "");
    g_assert_cmpstr (run.stderr_text, !=, "");
  }

  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, bad_option);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.stdout_text, ==, "");
    g_assert_nonnull (strstr (run.stderr_text, "--bogus"));
  }

  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, bad_format);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.stdout_text, ==, "");
    g_assert_nonnull (strstr (run.stderr_text, "xml"));
  }

  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, bad_command);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.stdout_text, ==, "");
    g_assert_nonnull (strstr (run.stderr_text, "frobnicate"));
  }
}

static void
test_cli_bad_topics (void)
{
  static const char * const malformed[] = { "tag", "--topics", "malformed.topics", "cafe.txt", NULL };
  static const char * const missing[] = { "tag", "--topics", "missing.topics", "cafe.txt", NULL };

  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, malformed);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.stdout_text, ==, "");
    g_assert_true (g_str_has_prefix (run.stderr_text, "counterpoint-cli: "));
    g_assert_nonnull (strstr (run.stderr_text, "malformed.topics"));
    /* Says where and what. */
    g_assert_nonnull (strstr (run.stderr_text, "line 1"));
  }

  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, missing);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.stdout_text, ==, "");
    g_assert_nonnull (strstr (run.stderr_text, "missing.topics"));
  }
}

static void
test_cli_invalid_term (void)
{
  static const char topics[] = "[empty]\nLabel=Empty\nColor=#000000\nTerms=*;\n";
  g_autofree char *path = write_temporary ("empty-term.topics", topics, -1);
  const char *args[] = { "tag", "--topics", path, "cafe.txt", NULL };
  g_auto(CliRun) run = { NULL, };

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.stdout_text, ==, "");
  g_assert_nonnull (strstr (run.stderr_text, "empty-term.topics"));
  g_assert_nonnull (strstr (run.stderr_text, "“*”"));

  remove_temporary (path);
}

static void
test_cli_help (void)
{
  static const char * const help[] = { "--help", NULL };
  static const char * const tag_help[] = { "tag", "--help", NULL };
  static const char * const help_tag[] = { "help", "tag", NULL };

  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, help);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.stdout_text, "tag"));
    g_assert_nonnull (strstr (run.stdout_text, "--version"));
  }

  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, tag_help);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.stdout_text, "counterpoint-cli tag"));
    g_assert_nonnull (strstr (run.stdout_text, "--topics"));
    g_assert_nonnull (strstr (run.stdout_text, "--format"));
  }

  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, help_tag);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.stdout_text, "--topics"));
  }
}

static void
test_cli_version (void)
{
  static const char * const args[] = { "--version", NULL };
  g_auto(CliRun) run = { NULL, };

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.stdout_text, ==, "counterpoint-cli " PACKAGE_VERSION "\n");
  g_assert_cmpstr (run.stdout_text, ==, "counterpoint-cli 0.1.0\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/tag/json", test_cli_json);
  g_test_add_func ("/cli/tag/tsv", test_cli_tsv);
  g_test_add_func ("/cli/tag/default-topics", test_cli_default_topics);
  g_test_add_func ("/cli/tag/no-matches", test_cli_no_matches);
  g_test_add_func ("/cli/tag/missing-file", test_cli_missing_file);
  g_test_add_func ("/cli/tag/binary-file", test_cli_binary_file);
  g_test_add_func ("/cli/tag/bad-topics", test_cli_bad_topics);
  g_test_add_func ("/cli/tag/invalid-term", test_cli_invalid_term);
  g_test_add_func ("/cli/usage-errors", test_cli_usage_errors);
  g_test_add_func ("/cli/help", test_cli_help);
  g_test_add_func ("/cli/version", test_cli_version);

  return g_test_run ();
}
