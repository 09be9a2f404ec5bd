/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cp-comparison-file.h"
#include "cp-discover.h"
#include "cp-document.h"
#include "cp-topic-set.h"
#include "cp-test-pdf-utils.h"
#include "cp-test-utils.h"

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
 *   themes.topics
 *               stadium (bird's nest), and boats (paper boat), which is
 *               disabled: one spelling each of two themes of the
 *               variants fixtures.
 *
 * The expected offsets below were counted by hand on the texts with LF
 * line ends and checked against the texts themselves in
 * assert_match_text().
 *
 * The themes tests use the discovery fixtures in tests/data/discover.
 * Their ranking is the core's business and may be tuned, so the CLI's
 * output is checked against cp_discover_themes() on the same files with
 * the same options, theme by theme; the values that do not depend on the
 * ranking (counts of a theme, variants, how many themes) are checked
 * against numbers counted by hand.
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

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return size > 0 ? g_strndup (data, size) : g_strdup ("");
}

/* Runs the program named by the environment variable @program_variable
 * in the fixture directory with @args (NULL-terminated) and @input (@length
 * bytes; none when NULL) on its standard input, with no display, as from a
 * text console. */
static void
run_program_with_input (CliRun             *run,
                        const char         *program_variable,
                        const char * const *args,
                        const char         *input,
                        gsize               length)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) stdin_bytes = g_bytes_new (input, input != NULL ? length : 0);
  g_autoptr(GBytes) stdout_bytes = NULL;
  g_autoptr(GBytes) stderr_bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *program = g_getenv (program_variable);

  if (program == NULL)
    g_error ("%s is not set: run this test with meson test", program_variable);

  g_ptr_array_add (argv, (gpointer)program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, fixture_dir ());
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");

  subprocess = g_subprocess_launcher_spawnv (launcher,
                                             (const char * const *)argv->pdata,
                                             &error);
  g_assert_no_error (error);

  g_subprocess_communicate (subprocess, stdin_bytes, NULL, &stdout_bytes, &stderr_bytes, &error);
  g_assert_no_error (error);
  run->stdout_text = bytes_to_string (stdout_bytes);
  run->stderr_text = bytes_to_string (stderr_bytes);
  g_assert_true (g_utf8_validate (run->stdout_text, -1, NULL));

  g_assert_true (g_subprocess_get_if_exited (subprocess));
  run->status = g_subprocess_get_exit_status (subprocess);

  g_test_message ("stderr: %s", run->stderr_text);
}

static void
run_program (CliRun             *run,
             const char         *program_variable,
             const char * const *args)
{
  run_program_with_input (run, program_variable, args, NULL, 0);
}

static void
run_cli (CliRun             *run,
         const char * const *args)
{
  run_program (run, "COUNTERPOINT_CLI", args);
}

/* Checks that @object has exactly the members @names, in this order. */
static void
assert_member_names (JsonObject         *object,
                     const char * const *names,
                     guint               n_names)
{
  g_autoptr(GList) members = json_object_get_members (object);
  guint i = 0;

  g_assert_cmpuint (g_list_length (members), ==, n_names);
  for (const GList *l = members; l != NULL; l = l->next)
    g_assert_cmpstr (l->data, ==, names[i++]);
}

/* Parses @text as a JSON object with exactly the members @names, in
 * this order.
 */
static JsonObject *
parse_object (JsonParser         *parser,
              const char         *text,
              const char * const *names,
              guint               n_names)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonObject *object;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);
  assert_member_names (object, names, n_names);

  return object;
}

static JsonObject *
parse_output (JsonParser *parser,
              const char *text)
{
  static const char * const names[] = { "documents", "topics", "matches", "notes", "coverage" };

  return parse_object (parser, text, names, G_N_ELEMENTS (names));
}

static JsonObject *
parse_themes_output (JsonParser *parser,
                     const char *text)
{
  static const char * const names[] = { "documents", "subject", "themes" };

  return parse_object (parser, text, names, G_N_ELEMENTS (names));
}

static void
assert_member_count (JsonObject *object,
                     guint       n_members)
{
  g_assert_cmpuint (json_object_get_size (object), ==, n_members);
}

/* What describes a document, in every command's JSON */
static const char * const document_members[] = {
  "path", "title", "label", "author", "source", "date", "format", "encoding", "characters", "words",
};

static gboolean
member_is_null (JsonObject *object,
                const char *name)
{
  return json_object_has_member (object, name) && JSON_NODE_HOLDS_NULL (json_object_get_member (object, name));
}

/* A plain text file: no author, source or date */
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

  assert_member_names (document, document_members, G_N_ELEMENTS (document_members));
  g_assert_cmpstr (json_object_get_string_member (document, "path"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (document, "title"), ==, title);
  g_assert_true (member_is_null (document, "author"));
  g_assert_true (member_is_null (document, "source"));
  g_assert_true (member_is_null (document, "date"));
  g_assert_cmpstr (json_object_get_string_member (document, "format"), ==, "text");
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
  g_autoptr(GFile) file = cp_test_dist_file ("data", "cli", name, NULL);

  return cp_test_load_document (file);
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

/* Copies the fixture @name into @tree as @as. */
static void
copy_fixture (const char *name,
              CpTestTree *tree,
              const char *as)
{
  g_autofree char *from = g_build_filename (fixture_dir (), name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  copy = cp_test_tree_add_file (tree, as, contents, length);
}

/* A folder stands for the text files in it, by name; hidden files and
 * files that are not text are left out. */
static void
test_cli_folder (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autoptr(CpTestTree) tree = cp_test_tree_new_with_files ("counterpoint-cli", ".hidden.txt", "Tofu and tea.\n", NULL);
  g_autofree char *a = cp_test_tree_build_path (tree, "a.txt");
  g_autofree char *b = cp_test_tree_build_path (tree, "b.txt");
  g_autoptr(GFile) image G_GNUC_UNUSED = cp_test_tree_add_file (tree, "image.png", png, sizeof png);
  const char *args[] = { "tag", "--topics", "reviews.topics", tree->path, NULL };
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  copy_fixture ("cafe.txt", tree, "b.txt");
  copy_fixture ("phone.txt", tree, "a.txt");

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.stderr_text, ==, "");

  array = json_object_get_array_member (parse_output (parser, run.stdout_text), "documents");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "path"), ==, a);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "path"), ==, b);
}

/* A file given twice, in two spellings, is read once; the second is
 * reported and the status says a file was left out. */
static void
test_cli_duplicate (void)
{
  static const char * const args[] = { "tag", "--topics", "reviews.topics", "cafe.txt", "phone.txt", "../cli/cafe.txt", NULL };
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.stderr_text, ==, "counterpoint-cli: “cafe.txt” is already open.\n");

  array = json_object_get_array_member (parse_output (parser, run.stdout_text), "documents");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "path"), ==, "cafe.txt");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "path"), ==, "phone.txt");
}

static void
test_cli_no_matches (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new_with_files ("counterpoint-cli", "quiet.txt", "Nothing of note here.\n", NULL);
  g_autofree char *path = cp_test_tree_build_path (tree, "quiet.txt");
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

  g_clear_pointer (&tree, cp_test_tree_free);
}

static void
test_cli_binary_file (void)
{
  static const char binary[] = { 'P', 'K', 3, 4, 0, 0, 0, 0, 8, 0, 0, 0, 0x1f, 0x0b, 0, 0 };
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-cli");
  g_autoptr(GFile) file = cp_test_tree_add_file (tree, "archive.zip", binary, sizeof binary);
  g_autofree char *path = g_file_get_path (file);
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

  g_clear_pointer (&tree, cp_test_tree_free);
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
  g_autoptr(CpTestTree) tree = cp_test_tree_new_with_files ("counterpoint-cli", "empty-term.topics", topics, NULL);
  g_autofree char *path = cp_test_tree_build_path (tree, "empty-term.topics");
  const char *args[] = { "tag", "--topics", path, "cafe.txt", NULL };
  g_auto(CliRun) run = { NULL, };

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.stdout_text, ==, "");
  g_assert_nonnull (strstr (run.stderr_text, "empty-term.topics"));
  g_assert_nonnull (strstr (run.stderr_text, "“*”"));

  g_clear_pointer (&tree, cp_test_tree_free);
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
    g_assert_nonnull (strstr (run.stdout_text, "  tag "));
    g_assert_nonnull (strstr (run.stdout_text, "  themes "));
    g_assert_nonnull (strstr (run.stdout_text, "  text "));
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
}

/* The application's own command line: answered without a display */
static void
test_app_version (void)
{
  static const char * const args[] = { "--version", NULL };
  g_auto(CliRun) run = { NULL, };

  run_program (&run, "COUNTERPOINT_APP", args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.stdout_text, ==, "counterpoint " PACKAGE_VERSION "\n");
  g_assert_cmpstr (run.stderr_text, ==, "");
}

static void
test_app_help (void)
{
  static const char * const args[] = { "--help", NULL };
  g_auto(CliRun) run = { NULL, };

  run_program (&run, "COUNTERPOINT_APP", args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.stdout_text, "Usage:\n  counterpoint [OPTION…] [FILE…]\n\n"
                                   "Read several reviews side by side and see the topics they share.\n"));
  g_assert_nonnull (strstr (run.stdout_text, "\n  --version "));
  g_assert_nonnull (strstr (run.stdout_text, "\n  -h, --help "));
  g_assert_nonnull (strstr (run.stdout_text, "Each FILE opens in a pane of its own"));
}

static void
test_app_unknown_option (void)
{
  static const char * const args[] = { "--frobnicate", NULL };
  g_auto(CliRun) run = { NULL, };

  run_program (&run, "COUNTERPOINT_APP", args);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_cmpstr (run.stdout_text, ==, "");
  g_assert_nonnull (strstr (run.stderr_text, "--frobnicate"));
}

/* themes {{{ */

/* The discovery fixtures as the CLI is given them, from its working
 * directory tests/data/cli.
 */
#define DISCOVER_DIR "../discover/"

static const char * const seeds_fixtures[] = {
  "seeds-1.txt", "seeds-2.txt", "seeds-3.txt", NULL
};
static const char * const variants_fixtures[] = {
  "variants-1.txt", "variants-2.txt", "variants-3.txt", NULL
};
static const char * const orchard_fixtures[] = {
  "orchard-blog.txt", "orchard-capsule.txt", "orchard-festival.txt", "orchard-newspaper.txt", NULL
};
static const char * const zh_fixtures[] = { "zh-1.txt", "zh-2.txt", NULL };
static const char * const ja_fixtures[] = { "ja-1.txt", "ja-2.txt", NULL };
static const char * const cjk_fixtures[] = { "zh-1.txt", "ja-1.txt", "zh-2.txt", "ja-2.txt", NULL };

static const char * const no_options[] = { NULL };

/* Runs “themes @options… @names…”, @names being files of
 * tests/data/discover.
 */
static void
run_themes (CliRun             *run,
            const char * const *options,
            const char * const *names)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, g_strdup ("themes"));
  for (guint i = 0; options[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (options[i]));
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (args, g_strconcat (DISCOVER_DIR, names[i], NULL));
  g_ptr_array_add (args, NULL);

  run_cli (run, (const char * const *)args->pdata);
}

static GPtrArray *
load_discover_fixtures (const char * const *names)
{
  return cp_test_load_documents ("data/discover", names, g_strv_length ((char **) names));
}

static CpTopicSet *
load_topics_fixture (const char *name)
{
  g_autoptr(GFile) file = cp_test_dist_file ("data", "cli", name, NULL);

  return cp_test_load_topics (file);
}

static void
assert_string_array (JsonArray          *array,
                     const char * const *expected)
{
  g_assert_cmpuint (json_array_get_length (array), ==, g_strv_length ((char **)expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (json_array_get_string_element (array, i), ==, expected[i]);
}

static void
assert_theme_equals (JsonObject *object,
                     CpTheme    *theme)
{
  guint n_documents = cp_theme_get_n_documents (theme);
  JsonArray *counts = json_object_get_array_member (object, "counts");
  JsonArray *contexts = json_object_get_array_member (object, "contexts");

  assert_member_count (object, 7);
  g_assert_cmpstr (json_object_get_string_member (object, "phrase"), ==, cp_theme_get_phrase (theme));
  assert_string_array (json_object_get_array_member (object, "variants"), cp_theme_get_variants (theme));
  g_assert_cmpint (json_object_get_int_member (object, "documents"), ==, cp_theme_get_spread (theme));
  g_assert_cmpint (json_object_get_int_member (object, "total"), ==, cp_theme_get_total (theme));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "score"), cp_theme_get_score (theme), 1e-9);

  g_assert_cmpuint (json_array_get_length (counts), ==, n_documents);
  g_assert_cmpuint (json_array_get_length (contexts), ==, n_documents);
  for (guint d = 0; d < n_documents; d++)
    {
      JsonNode *context = json_array_get_element (contexts, d);

      g_assert_cmpint (json_array_get_int_element (counts, d), ==, cp_theme_get_count (theme, d));
      if (cp_theme_get_context (theme, d) == NULL)
        g_assert_true (JSON_NODE_HOLDS_NULL (context));
      else
        g_assert_cmpstr (json_node_get_string (context), ==, cp_theme_get_context (theme, d));
    }
}

/* Checks that @root describes the files @names, in order, and holds
 * exactly the themes that cp_discover_themes() finds in them with the
 * same options, theme by theme. Returns the number of themes.
 */
static guint
assert_themes_match_core (JsonObject         *root,
                          const char * const *names,
                          CpTopicSet         *topics,
                          guint               limit,
                          guint               min_documents)
{
  g_autoptr(GPtrArray) documents = load_discover_fixtures (names);
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GError) error = NULL;
  CpDiscoverOptions options = { topics, limit, min_documents };
  JsonArray *array;

  themes = cp_discover_themes ((CpDocument **)documents->pdata, documents->len, &options, NULL, &error);
  g_assert_no_error (error);

  array = json_object_get_array_member (root, "documents");
  g_assert_cmpuint (json_array_get_length (array), ==, documents->len);
  for (guint d = 0; d < documents->len; d++)
    {
      CpDocument *document = g_ptr_array_index (documents, d);
      JsonObject *object = json_array_get_object_element (array, d);
      g_autofree char *path = g_strconcat (DISCOVER_DIR, names[d], NULL);

      /* the name, then the members of every command's documents */
      assert_member_count (object, 1 + G_N_ELEMENTS (document_members));
      g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, names[d]);
      g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "text");
      g_assert_true (member_is_null (object, "author"));
      g_assert_cmpstr (json_object_get_string_member (object, "path"), ==, path);
      g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, cp_document_get_title (document));
      g_assert_cmpstr (json_object_get_string_member (object, "encoding"), ==, "UTF-8");
      g_assert_cmpint (json_object_get_int_member (object, "characters"), ==, cp_document_get_n_characters (document));
      g_assert_cmpint (json_object_get_int_member (object, "words"), ==, cp_document_get_n_words (document));
    }

  array = json_object_get_array_member (root, "themes");
  g_assert_cmpuint (json_array_get_length (array), ==, themes->len);
  for (guint i = 0; i < themes->len; i++)
    assert_theme_equals (json_array_get_object_element (array, i), g_ptr_array_index (themes, i));

  return themes->len;
}

/* The theme that has @variant among its variants, or NULL. */
static JsonObject *
find_theme (JsonArray  *themes,
            const char *variant)
{
  JsonObject *found = NULL;

  for (guint i = 0; i < json_array_get_length (themes); i++)
    {
      JsonObject *theme = json_array_get_object_element (themes, i);
      JsonArray *variants = json_object_get_array_member (theme, "variants");

      for (guint v = 0; v < json_array_get_length (variants); v++)
        {
          if (g_strcmp0 (json_array_get_string_element (variants, v), variant) == 0)
            {
              /* Variants are merged: one theme at most has it. */
              g_assert_null (found);
              found = theme;
            }
        }
    }

  return found;
}

static void
assert_int_array (JsonArray    *array,
                  const gint64 *expected,
                  guint         n_expected)
{
  g_assert_cmpuint (json_array_get_length (array), ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (json_array_get_int_element (array, i), ==, expected[i]);
}

static void
assert_themes_run_matches_core (const char * const *names)
{
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  run_themes (&run, no_options, names);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.stderr_text, ==, "");

  root = parse_themes_output (parser, run.stdout_text);
  /* The fixtures were written to share themes: an empty list would
   * compare equal without showing anything.
   */
  g_assert_cmpuint (assert_themes_match_core (root, names, NULL, 50, 2), >, 0);
}

/* The work the reviews discuss is named once, as the subject, and is no
 * theme; reviews whose first lines are sentences have none */
static void
assert_themes_subject (const char * const *names,
                       const char         *expected)
{
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *themes;

  run_themes (&run, no_options, names);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_themes_output (parser, run.stdout_text);
  g_assert_true (json_object_has_member (root, "subject"));
  if (expected == NULL)
    {
      g_assert_true (json_object_get_null_member (root, "subject"));
      return;
    }

  g_assert_cmpstr (json_object_get_string_member (root, "subject"), ==, expected);
  themes = json_object_get_array_member (root, "themes");
  g_assert_cmpuint (json_array_get_length (themes), >, 0);
  g_assert_null (find_theme (themes, expected));
}

static void
test_cli_themes_subject (void)
{
  assert_themes_subject (orchard_fixtures, "The Salt Orchard");
  assert_themes_subject (zh_fixtures, NULL);
}

static void
test_cli_themes_core (void)
{
  assert_themes_run_matches_core (seeds_fixtures);
  assert_themes_run_matches_core (variants_fixtures);
  assert_themes_run_matches_core (orchard_fixtures);
  assert_themes_run_matches_core (zh_fixtures);
  assert_themes_run_matches_core (ja_fixtures);
  assert_themes_run_matches_core (cjk_fixtures);
}

static void
test_cli_themes_variants (void)
{
  static const gint64 nest_counts[] = { 3, 2, 2 };
  static const gint64 once_each[] = { 1, 1, 1 };
  static const char * const nest_spellings[] = { "Bird's Nest", "Birds Nest", "bird’s nest", "birds nest", "birds-nest" };
  static const char * const nest_firsts[] = { "The Bird's Nest was", "the Birds Nest at", "the Bird's Nest glowed" };
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *themes;
  JsonObject *nest;
  JsonObject *theme;
  JsonArray *contexts;

  run_themes (&run, no_options, variants_fixtures);
  g_assert_cmpint (run.status, ==, 0);

  root = parse_themes_output (parser, run.stdout_text);
  themes = json_object_get_array_member (root, "themes");

  /* Counted by hand: three, two and two spellings of it. Every spelling
   * is in the one theme; the default topics, which track the Bird's
   * Nest, are not used without --topics.
   */
  nest = find_theme (themes, "Bird's Nest");
  g_assert_nonnull (nest);
  for (guint i = 0; i < G_N_ELEMENTS (nest_spellings); i++)
    g_assert_true (find_theme (themes, nest_spellings[i]) == nest);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (nest, "variants")), ==, 5);
  /* The most frequent spelling. */
  g_assert_cmpstr (json_object_get_string_member (nest, "phrase"), ==, "Bird's Nest");
  g_assert_cmpint (json_object_get_int_member (nest, "documents"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (nest, "total"), ==, 7);
  assert_int_array (json_object_get_array_member (nest, "counts"), nest_counts, 3);

  /* Each context shows the first mention in its document. */
  contexts = json_object_get_array_member (nest, "contexts");
  for (guint d = 0; d < 3; d++)
    g_assert_nonnull (strstr (json_array_get_string_element (contexts, d), nest_firsts[d]));

  /* A hyphen, a space and an en dash. */
  theme = find_theme (themes, "tofu-dreg");
  g_assert_nonnull (theme);
  g_assert_true (find_theme (themes, "Tofu dreg") == theme);
  g_assert_true (find_theme (themes, "tofu–dreg") == theme);
  assert_int_array (json_object_get_array_member (theme, "counts"), once_each, 3);

  /* Singular and plural, two cases. */
  theme = find_theme (themes, "paper boat");
  g_assert_nonnull (theme);
  g_assert_true (find_theme (themes, "paper boats") == theme);
  g_assert_true (find_theme (themes, "Paper Boats") == theme);
  assert_int_array (json_object_get_array_member (theme, "counts"), once_each, 3);
  g_assert_cmpint (json_object_get_int_member (theme, "total"), ==, 3);
}

static void
test_cli_themes_seeds (void)
{
  static const gint64 seeds_counts[] = { 2, 2, 2 };
  static const gint64 painted_counts[] = { 1, 1, 0 };
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *themes;
  JsonObject *theme;
  JsonArray *contexts;

  run_themes (&run, no_options, seeds_fixtures);
  g_assert_cmpint (run.status, ==, 0);

  root = parse_themes_output (parser, run.stdout_text);
  themes = json_object_get_array_member (root, "themes");

  /* Two “sunflower seeds” in each review, one capitalized. */
  theme = find_theme (themes, "sunflower seeds");
  g_assert_nonnull (theme);
  g_assert_true (find_theme (themes, "Sunflower seeds") == theme);
  assert_int_array (json_object_get_array_member (theme, "counts"), seeds_counts, 3);
  g_assert_cmpint (json_object_get_int_member (theme, "documents"), ==, 3);

  /* “painted” is in two of the three: the third has no context. */
  theme = find_theme (themes, "painted");
  g_assert_nonnull (theme);
  assert_int_array (json_object_get_array_member (theme, "counts"), painted_counts, 3);
  g_assert_cmpint (json_object_get_int_member (theme, "documents"), ==, 2);
  contexts = json_object_get_array_member (theme, "contexts");
  g_assert_nonnull (strstr (json_array_get_string_element (contexts, 0), "painted by hand"));
  g_assert_nonnull (strstr (json_array_get_string_element (contexts, 1), "painted on the sign"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (contexts, 2)));
}

static void
test_cli_themes_options (void)
{
  static const char * const limit_3[] = { "--limit", "3", NULL };
  static const char * const limit_5_min_3[] = { "--limit", "5", "--min-documents", "3", NULL };
  static const char * const min_4[] = { "-m", "4", NULL };

  {
    g_auto(CliRun) run = { NULL, };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root;

    run_themes (&run, limit_3, orchard_fixtures);
    g_assert_cmpint (run.status, ==, 0);
    root = parse_themes_output (parser, run.stdout_text);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "themes")), ==, 3);
    g_assert_cmpuint (assert_themes_match_core (root, orchard_fixtures, NULL, 3, 2), ==, 3);
  }

  {
    g_auto(CliRun) run = { NULL, };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root;
    JsonArray *themes;

    run_themes (&run, limit_5_min_3, orchard_fixtures);
    g_assert_cmpint (run.status, ==, 0);
    root = parse_themes_output (parser, run.stdout_text);
    g_assert_cmpuint (assert_themes_match_core (root, orchard_fixtures, NULL, 5, 3), ==, 5);

    themes = json_object_get_array_member (root, "themes");
    for (guint i = 0; i < json_array_get_length (themes); i++)
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (themes, i), "documents"), >=, 3);
  }

  {
    g_auto(CliRun) run = { NULL, };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root;
    JsonArray *themes;
    guint n_themes;

    /* Dora Quell, Ines Okafor, The Salt Orchard… are in all four. */
    run_themes (&run, min_4, orchard_fixtures);
    g_assert_cmpint (run.status, ==, 0);
    root = parse_themes_output (parser, run.stdout_text);
    n_themes = assert_themes_match_core (root, orchard_fixtures, NULL, 50, 4);
    g_assert_cmpuint (n_themes, >, 0);

    themes = json_object_get_array_member (root, "themes");
    for (guint i = 0; i < n_themes; i++)
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (themes, i), "documents"), ==, 4);
    g_assert_nonnull (find_theme (themes, "Dora Quell"));
  }
}

static void
test_cli_themes_topics (void)
{
  static const char * const topics_option[] = { "--topics", "themes.topics", NULL };
  g_autoptr(CpTopicSet) topics = load_topics_fixture ("themes.topics");
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *themes;

  run_themes (&run, topics_option, variants_fixtures);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.stderr_text, ==, "");

  root = parse_themes_output (parser, run.stdout_text);
  g_assert_cmpuint (assert_themes_match_core (root, variants_fixtures, topics, 50, 2), >, 0);

  /* The term “bird's nest” takes the theme away in all its spellings;
   * the disabled topic's “paper boat” too. Tofu dreg is left.
   */
  themes = json_object_get_array_member (root, "themes");
  g_assert_null (find_theme (themes, "Bird's Nest"));
  g_assert_null (find_theme (themes, "Birds Nest"));
  g_assert_null (find_theme (themes, "birds-nest"));
  g_assert_null (find_theme (themes, "paper boat"));
  g_assert_null (find_theme (themes, "Paper Boats"));
  g_assert_nonnull (find_theme (themes, "tofu-dreg"));
}

/* Checks the TSV output of “themes @options… @names…” line by line
 * against its JSON output.
 */
static void
assert_tsv_matches_json (const char * const *options,
                         const char * const *names)
{
  g_autoptr(GPtrArray) tsv_options = g_ptr_array_new ();
  g_auto(CliRun) json_run = { NULL, };
  g_auto(CliRun) tsv_run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) lines = NULL;
  JsonObject *root;
  JsonArray *themes;
  guint n_themes;

  g_ptr_array_add (tsv_options, (gpointer)"--format");
  g_ptr_array_add (tsv_options, (gpointer)"tsv");
  for (guint i = 0; options[i] != NULL; i++)
    g_ptr_array_add (tsv_options, (gpointer)options[i]);
  g_ptr_array_add (tsv_options, NULL);

  run_themes (&json_run, options, names);
  g_assert_cmpint (json_run.status, ==, 0);
  root = parse_themes_output (parser, json_run.stdout_text);
  themes = json_object_get_array_member (root, "themes");
  n_themes = json_array_get_length (themes);
  g_assert_cmpuint (n_themes, >, 0);

  run_themes (&tsv_run, (const char * const *)tsv_options->pdata, names);
  g_assert_cmpint (tsv_run.status, ==, 0);
  g_assert_cmpstr (tsv_run.stderr_text, ==, "");
  g_assert_true (g_str_has_suffix (tsv_run.stdout_text, "\n"));

  /* The header, one line per theme, and the empty string after the
   * last \n.
   */
  lines = g_strsplit (tsv_run.stdout_text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + n_themes + 1);
  g_assert_cmpstr (lines[0], ==, "phrase\tdocuments\ttotal\tscore\tvariants");
  g_assert_cmpstr (lines[n_themes + 1], ==, "");

  for (guint i = 0; i < n_themes; i++)
    {
      JsonObject *theme = json_array_get_object_element (themes, i);
      JsonArray *variants = json_object_get_array_member (theme, "variants");
      g_autoptr(GPtrArray) spellings = g_ptr_array_new ();
      g_auto(GStrv) fields = g_strsplit (lines[i + 1], "\t", -1);
      g_autofree char *documents = NULL;
      g_autofree char *total = NULL;
      g_autofree char *joined = NULL;
      char score[G_ASCII_DTOSTR_BUF_SIZE];

      for (guint v = 0; v < json_array_get_length (variants); v++)
        g_ptr_array_add (spellings, (gpointer)json_array_get_string_element (variants, v));
      g_ptr_array_add (spellings, NULL);

      documents = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (theme, "documents"));
      total = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (theme, "total"));
      joined = g_strjoinv (" | ", (char **)spellings->pdata);
      g_ascii_formatd (score, sizeof score, "%.3f", json_object_get_double_member (theme, "score"));

      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      g_assert_cmpstr (fields[0], ==, json_object_get_string_member (theme, "phrase"));
      g_assert_cmpstr (fields[1], ==, documents);
      g_assert_cmpstr (fields[2], ==, total);
      g_assert_cmpstr (fields[3], ==, score);
      g_assert_cmpstr (fields[4], ==, joined);
    }
}

static void
test_cli_themes_tsv (void)
{
  static const char * const limit_3[] = { "--limit", "3", NULL };

  assert_tsv_matches_json (no_options, variants_fixtures);
  assert_tsv_matches_json (no_options, orchard_fixtures);
  assert_tsv_matches_json (limit_3, orchard_fixtures);
  assert_tsv_matches_json (no_options, cjk_fixtures);

  {
    static const char * const tsv[] = { "--format", "tsv", NULL };
    g_auto(CliRun) run = { NULL, };
    g_auto(GStrv) lines = NULL;

    /* Fixed values: the theme every spelling of the Bird's Nest went into,
     * with three decimals in the C locale.
     */
    run_themes (&run, tsv, variants_fixtures);
    g_assert_cmpint (run.status, ==, 0);
    lines = g_strsplit (run.stdout_text, "\n", -1);
    for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
      {
        g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

        if (!g_str_equal (fields[0], "Bird's Nest"))
          continue;

        g_assert_cmpstr (fields[1], ==, "3");
        g_assert_cmpstr (fields[2], ==, "7");
        g_assert_true (g_regex_match_simple ("^[0-9]+\\.[0-9]{3}$", fields[3], 0, 0));
        g_assert_nonnull (strstr (fields[4], "Bird's Nest | "));
        g_assert_nonnull (strstr (fields[4], "bird’s nest"));
        g_assert_nonnull (strstr (fields[4], "birds-nest"));
        return;
      }

    g_assert_not_reached ();
  }
}

static void
test_cli_themes_missing_file (void)
{
  static const char * const names[] = { "seeds-1.txt", "missing.txt", "seeds-2.txt", "seeds-3.txt", NULL };
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  run_themes (&run, no_options, names);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.stderr_text, "counterpoint-cli: "));
  g_assert_nonnull (strstr (run.stderr_text, "missing.txt"));
  /* One line, about the one file. */
  g_assert_cmpuint (strchr (run.stderr_text, '\n') - run.stderr_text, ==, strlen (run.stderr_text) - 1);

  /* The themes of the three others, as if they had been given alone. */
  root = parse_themes_output (parser, run.stdout_text);
  g_assert_cmpuint (assert_themes_match_core (root, seeds_fixtures, NULL, 50, 2), >, 0);
}

static void
test_cli_themes_one_document (void)
{
  static const char * const one[] = { "seeds-1.txt", NULL };
  static const char * const min_1[] = { "--min-documents", "1", NULL };

  {
    g_auto(CliRun) run = { NULL, };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root;

    /* Nothing to share: no theme, and a note that says why. */
    run_themes (&run, no_options, one);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.stderr_text, "counterpoint-cli: "));
    g_assert_nonnull (strstr (run.stderr_text, "--min-documents"));
    g_assert_cmpuint (strchr (run.stderr_text, '\n') - run.stderr_text, ==, strlen (run.stderr_text) - 1);

    root = parse_themes_output (parser, run.stdout_text);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "documents")), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "themes")), ==, 0);
  }

  {
    g_auto(CliRun) run = { NULL, };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root;
    JsonObject *theme;
    static const gint64 counts[] = { 2 };

    /* One document may be enough when asked for. */
    run_themes (&run, min_1, one);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.stderr_text, ==, "");

    root = parse_themes_output (parser, run.stdout_text);
    g_assert_cmpuint (assert_themes_match_core (root, one, NULL, 50, 1), >, 0);
    theme = find_theme (json_object_get_array_member (root, "themes"), "sunflower seeds");
    g_assert_nonnull (theme);
    assert_int_array (json_object_get_array_member (theme, "counts"), counts, 1);
  }
}

static void
test_cli_themes_errors (void)
{
  static const char * const limit_0[] = { "--limit", "0", NULL };
  static const char * const limit_negative[] = { "--limit=-4", NULL };
  static const char * const limit_word[] = { "--limit", "abc", NULL };
  static const char * const min_0[] = { "--min-documents", "0", NULL };
  static const char * const bad_format[] = { "--format", "xml", NULL };
  static const struct {
    const char * const *options;
    const char         *said;
  } usage[] = {
    { limit_0, "--limit" },
    { limit_negative, "--limit" },
    { limit_word, "abc" },
    { min_0, "--min-documents" },
    { bad_format, "xml" },
  };
  static const char * const no_files[] = { "themes", "--limit", "3", NULL };
  static const char * const malformed[] = { "themes", "--topics", "malformed.topics", "cafe.txt", "phone.txt", NULL };
  static const char topics[] = "[empty]\nLabel=Empty\nColor=#000000\nTerms=*;\n";
  g_autoptr(CpTestTree) tree = cp_test_tree_new_with_files ("counterpoint-cli", "empty-term.topics", topics, NULL);
  g_autofree char *empty_term = cp_test_tree_build_path (tree, "empty-term.topics");
  const char *invalid_term[] = { "themes", "--topics", empty_term, "cafe.txt", "phone.txt", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_auto(CliRun) run = { NULL, };

      run_themes (&run, usage[i].options, seeds_fixtures);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.stdout_text, ==, "");
      g_assert_true (g_str_has_prefix (run.stderr_text, "counterpoint-cli: "));
      g_assert_nonnull (strstr (run.stderr_text, usage[i].said));
      g_assert_nonnull (strstr (run.stderr_text, "counterpoint-cli themes --help"));
    }

  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, no_files);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.stdout_text, ==, "");
    g_assert_nonnull (strstr (run.stderr_text, "counterpoint-cli themes --help"));
  }

  /* Topics that cannot be read or used: exit 1, naming the file. */
  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, malformed);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.stdout_text, ==, "");
    g_assert_nonnull (strstr (run.stderr_text, "malformed.topics"));
    g_assert_nonnull (strstr (run.stderr_text, "line 1"));
  }

  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, invalid_term);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.stdout_text, ==, "");
    g_assert_nonnull (strstr (run.stderr_text, "empty-term.topics"));
    g_assert_nonnull (strstr (run.stderr_text, "“*”"));
  }

  g_clear_pointer (&tree, cp_test_tree_free);
}

static void
test_cli_themes_help (void)
{
  static const char * const themes_help[] = { "themes", "--help", NULL };
  static const char * const help_themes[] = { "help", "themes", NULL };
  static const char * const options[] = { "--topics", "--limit", "--min-documents", "--format" };

  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, themes_help);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.stdout_text, "counterpoint-cli themes"));
    for (guint i = 0; i < G_N_ELEMENTS (options); i++)
      g_assert_nonnull (strstr (run.stdout_text, options[i]));
    /* Says that the default topics are not used. */
    g_assert_nonnull (strstr (run.stdout_text, "default topics"));
  }

  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, help_themes);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.stdout_text, "--min-documents"));
  }
}

/* }}} */

/* sheet {{{ */

/* The comparison sheet fixtures, as the CLI is given them from its
 * working directory tests/data/cli: four reviews of an invented film
 * and their topics (see tests/test-sheet-content.c).
 */
#define SHEET_DIR "../sheet/"
#define SHEET_TOPICS SHEET_DIR "salt-road.topics"

static const char * const sheet_fixtures[] = {
  SHEET_DIR "salt-road-journal.txt",
  SHEET_DIR "salt-road-weekly.txt",
  SHEET_DIR "salt-road-blog.txt",
  SHEET_DIR "salt-road-zh.txt",
  NULL
};

/* Runs “sheet” with @options, then @files. */
static void
run_sheet (CliRun             *run,
           const char * const *options,
           const char * const *files)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer)"sheet");
  for (guint i = 0; options[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer)options[i]);
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer)files[i]);
  g_ptr_array_add (args, NULL);

  run_cli (run, (const char * const *)args->pdata);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;

  return n;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

static const char *
fixture_title (guint i)
{
  static const char * const titles[] = {
    "The Salt Road: a patient film about walking",
    "Review: The Salt Road (2019)",
    "Why I keep thinking about The Salt Road",
    "《盐路》：一部关于行走的电影",
  };

  return titles[i];
}

static void
test_cli_sheet_html (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-sheet");
  const char *dir = tree->path;
  g_autofree char *path = g_build_filename (dir, "sheet.html", NULL);
  const char *options[] = { "-o", path, "--topics", SHEET_TOPICS, "--title", "Seminar & week 3", NULL };
  const char *all_options[] = { "-o", path, "--topics", SHEET_TOPICS, "--all-topics", "--full-texts",
                                "--excerpts", "1", NULL };
  static const char * const labels[] = { "Caravan", "Score", "Ending", "Desert" };

  {
    g_auto(CliRun) run = { NULL, };
    g_autofree char *html = NULL;

    run_sheet (&run, options, sheet_fixtures);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.stdout_text, ==, "");
    g_assert_cmpstr (run.stderr_text, ==, "");

    html = read_file (path);
    g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
    g_assert_true (g_str_has_suffix (html, "</html>\n"));
    g_assert_nonnull (strstr (html, "<h1>Seminar &amp; week 3</h1>"));
    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      g_assert_nonnull (strstr (html, labels[i]));
    for (guint d = 0; d < 4; d++)
      g_assert_nonnull (strstr (html, fixture_title (d)));
    /* The shared topics' bands, three excerpts at most, no appendix. */
    g_assert_cmpuint (count_occurrences (html, "<section class=\"band "), ==, 4);
    g_assert_null (strstr (html, "+ 1 more"));
    g_assert_null (strstr (html, "class=\"appendix\""));
    g_assert_null (strstr (html, "<script"));
  }

  {
    g_auto(CliRun) run = { NULL, };
    g_autofree char *html = NULL;

    run_sheet (&run, all_options, sheet_fixtures);
    g_assert_cmpint (run.status, ==, 0);

    html = read_file (path);
    /* Without --title, the subject the titles share. */
    g_assert_nonnull (strstr (html, "<h1>The Salt Road</h1>"));
    g_assert_cmpuint (count_occurrences (html, "<section class=\"band "), ==, 6);
    g_assert_nonnull (strstr (html, "<p class=\"excerpt\">The <mark class=\"topic-5\" data-marker=\"5\">budget</mark> was small.</p>"));
    g_assert_nonnull (strstr (html, "+ 2 more"));
    g_assert_nonnull (strstr (html, "class=\"appendix\""));
  }

  /* Nothing else was written. */
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_clear_pointer (&tree, cp_test_tree_free);
}

/* Splits CSV without quoted fields (the fixtures have none). */
static GPtrArray *
split_csv (const char *csv)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  lines = g_strsplit (csv, "\r\n", -1);
  for (guint i = 0; lines[i + 1] != NULL; i++)
    {
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '"'));
      g_ptr_array_add (rows, g_strsplit (lines[i], ",", -1));
    }

  return rows;
}

static void
test_cli_sheet_csv (void)
{
  static const char * const tag_options[] = { "tag", "--format", "json", "--topics", SHEET_TOPICS, NULL };
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-sheet");
  const char *dir = tree->path;
  g_autofree char *path = g_build_filename (dir, "matrix.csv", NULL);
  g_autofree char *other_path = g_build_filename (dir, "matrix.out", NULL);
  const char *options[] = { "-o", path, "--topics", SHEET_TOPICS, NULL };
  const char *format_options[] = { "--output", other_path, "--format", "csv", "--topics", SHEET_TOPICS, NULL };
  g_auto(CliRun) run = { NULL, };
  g_auto(CliRun) tag_run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *other_csv = NULL;
  JsonObject *root;
  JsonArray *topics, *coverage;
  char **header;

  /* The format comes from the extension. */
  run_sheet (&run, options, sheet_fixtures);
  g_assert_cmpint (run.status, ==, 0);
  csv = read_file (path);
  g_assert_true (g_str_has_prefix (csv, "topic,"));

  /* --format wins over the extension. */
  cli_run_clear (&run);
  run_sheet (&run, format_options, sheet_fixtures);
  g_assert_cmpint (run.status, ==, 0);
  other_csv = read_file (other_path);
  g_assert_cmpstr (other_csv, ==, csv);

  /* The counts are tag's. */
  {
    g_autoptr(GPtrArray) args = g_ptr_array_new ();

    for (guint i = 0; tag_options[i] != NULL; i++)
      g_ptr_array_add (args, (gpointer)tag_options[i]);
    for (guint i = 0; sheet_fixtures[i] != NULL; i++)
      g_ptr_array_add (args, (gpointer)sheet_fixtures[i]);
    g_ptr_array_add (args, NULL);
    run_cli (&tag_run, (const char * const *)args->pdata);
  }
  g_assert_cmpint (tag_run.status, ==, 0);
  root = parse_output (parser, tag_run.stdout_text);
  topics = json_object_get_array_member (root, "topics");
  coverage = json_object_get_array_member (root, "coverage");
  for (guint t = 0; t < json_array_get_length (topics); t++)
    {
      JsonObject *topic = json_array_get_object_element (topics, t);

      g_hash_table_insert (ids, (gpointer)json_object_get_string_member (topic, "label"), GUINT_TO_POINTER (t));
    }

  rows = split_csv (csv);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (g_strv_length (header), ==, 4 + 3);
  g_assert_cmpstr (header[0], ==, "topic");
  for (guint d = 0; d < 4; d++)
    g_assert_cmpstr (header[d + 1], ==, fixture_title (d));
  g_assert_cmpstr (header[5], ==, "reviews");
  g_assert_cmpstr (header[6], ==, "mentions");

  /* One row per enabled topic: the disabled Festival is not there. */
  g_assert_cmpuint (rows->len, ==, 1 + 7);
  g_assert_cmpstr (((char **)g_ptr_array_index (rows, 1))[0], ==, "Caravan");
  g_assert_cmpstr (((char **)g_ptr_array_index (rows, 4))[0], ==, "Desert");
  for (guint r = 1; r < rows->len; r++)
    {
      char **fields = g_ptr_array_index (rows, r);
      gpointer index;
      JsonArray *counts;
      guint spread = 0;
      guint64 total = 0;

      g_assert_cmpuint (g_strv_length (fields), ==, 7);
      g_assert_true (g_hash_table_lookup_extended (ids, fields[0], NULL, &index));
      counts = json_object_get_array_member (json_array_get_object_element (coverage, GPOINTER_TO_UINT (index)),
                                             "counts");
      g_assert_cmpuint (json_array_get_length (counts), ==, 4);
      for (guint d = 0; d < 4; d++)
        {
          gint64 count = json_array_get_int_element (counts, d);

          g_assert_cmpint (g_ascii_strtoll (fields[d + 1], NULL, 10), ==, count);
          spread += count > 0;
          total += count;
        }
      g_assert_cmpuint (g_ascii_strtoull (fields[5], NULL, 10), ==, spread);
      g_assert_cmpuint (g_ascii_strtoull (fields[6], NULL, 10), ==, total);
    }
  g_assert_cmpstr (((char **)g_ptr_array_index (rows, 1))[6], ==, "9");

  g_clear_pointer (&tree, cp_test_tree_free);
}

static void
test_cli_sheet_usage_errors (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-sheet");
  const char *dir = tree->path;
  g_autofree char *path = g_build_filename (dir, "sheet.pdf", NULL);
  const char *bad_paper[] = { "-o", path, "--paper", "a5", NULL };
  const char *bad_format[] = { "-o", path, "--format", "docx", NULL };
  const char *zero_excerpts[] = { "-o", path, "--excerpts", "0", NULL };
  const char *word_excerpts[] = { "-o", path, "--excerpts", "many", NULL };
  const char *bad_dpi[] = { "-o", path, "--dpi", "5", NULL };
  const char *no_output[] = { "--topics", SHEET_TOPICS, NULL };
  const char *no_files[] = { "-o", path, NULL };
  struct
  {
    const char **options;
    const char * const *files;
    const char  *named;
  } cases[] = {
    { bad_paper, sheet_fixtures, "a5" },
    { bad_format, sheet_fixtures, "docx" },
    { zero_excerpts, sheet_fixtures, "--excerpts" },
    { word_excerpts, sheet_fixtures, "many" },
    { bad_dpi, sheet_fixtures, "--dpi" },
    { no_output, sheet_fixtures, "-o" },
    { no_files, NULL, "file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) run = { NULL, };

      run_sheet (&run, cases[i].options, cases[i].files);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.stdout_text, ==, "");
      g_assert_true (g_str_has_prefix (run.stderr_text, "counterpoint-cli"));
      g_assert_nonnull (strstr (run.stderr_text, cases[i].named));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }

  g_assert_cmpuint (count_files (dir), ==, 0);
  g_clear_pointer (&tree, cp_test_tree_free);
}

/* A sheet never replaces what it was made from, and a name whose
 * extension is no sheet format's is not silently a PDF */
static void
test_cli_sheet_keeps_inputs (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-sheet");
  g_autoptr(GFile) review = cp_test_tree_add_file (tree, "review.txt", "The salt road runs to the sea.\n", -1);
  g_autoptr(GFile) other = cp_test_tree_add_file (tree, "other.txt", "Salt, and the sea again.\n", -1);
  g_autofree char *review_path = g_file_get_path (review);
  g_autofree char *other_path = g_file_get_path (other);
  g_autofree char *link_path = g_build_filename (tree->path, "link.pdf", NULL);
  g_autofree char *topics_copy = g_build_filename (tree->path, "copy.topics", NULL);
  g_autofree char *txt_path = g_build_filename (tree->path, "sheet.txt", NULL);
  g_autofree char *topics_text = NULL;
  const char * const inputs[] = { review_path, other_path, NULL };
  const char *onto_review[] = { "-o", review_path, "--format", "pdf", NULL };
  const char *onto_link[] = { "-o", link_path, NULL };
  const char *onto_topics[] = { "-o", topics_copy, "--format", "pdf", "--topics", topics_copy, NULL };
  const char *as_txt[] = { "-o", txt_path, NULL };
  struct
  {
    const char **options;
    const char  *named;
  } cases[] = {
    { onto_review, "review.txt” is one of the reviews" },
    { onto_link, "link.pdf” is one of the reviews" },
    { onto_topics, "is the topics file" },
    { as_txt, "sheet.txt”: name it .pdf" },
  };

  topics_text = g_strdup ("[sea]\nLabel=Sea\nColor=#4477aa\nTerms=sea\n");
  g_assert_true (g_file_set_contents (topics_copy, topics_text, -1, NULL));
  g_assert_cmpint (symlink (review_path, link_path), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) run = { NULL, };
      g_autofree char *review_text = NULL;
      g_autofree char *topics_now = NULL;

      run_sheet (&run, cases[i].options, inputs);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.stderr_text, cases[i].named));
      g_assert_true (g_file_get_contents (review_path, &review_text, NULL, NULL));
      g_assert_cmpstr (review_text, ==, "The salt road runs to the sea.\n");
      g_assert_true (g_file_get_contents (topics_copy, &topics_now, NULL, NULL));
      g_assert_cmpstr (topics_now, ==, topics_text);
      g_assert_false (g_file_test (txt_path, G_FILE_TEST_EXISTS));
    }

  g_clear_pointer (&tree, cp_test_tree_free);
}

/* A sheet that cannot be written names the file the user asked for, not
 * the temporary file it was to be renamed from */
static void
test_cli_sheet_write_error (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-sheet");
  g_autoptr(GFile) blocker = cp_test_tree_add_file (tree, "not-a-folder", "", -1);
  g_autofree char *blocker_path = g_file_get_path (blocker);
  const char *formats[] = { "sheet.html", "sheet.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (blocker_path, formats[i], NULL);
      const char *options[] = { "-o", path, NULL };
      g_auto(CliRun) run = { NULL, };
      g_autofree char *temporary = g_strconcat (formats[i], ".", NULL);

      run_sheet (&run, options, sheet_fixtures);
      g_assert_cmpint (run.status, !=, 0);
      g_assert_nonnull (strstr (run.stderr_text, formats[i]));
      g_assert_null (strstr (run.stderr_text, temporary));
    }

  g_clear_pointer (&tree, cp_test_tree_free);
}

static void
test_cli_sheet_missing_file (void)
{
  static const char * const some_missing[] = {
    SHEET_DIR "salt-road-journal.txt", "missing.txt", SHEET_DIR "salt-road-blog.txt", NULL
  };
  static const char * const all_missing[] = { "missing.txt", "gone.txt", NULL };
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-sheet");
  const char *dir = tree->path;
  g_autofree char *path = g_build_filename (dir, "sheet.csv", NULL);
  const char *options[] = { "-o", path, "--topics", SHEET_TOPICS, NULL };

  {
    g_auto(CliRun) run = { NULL, };
    g_autofree char *csv = NULL;

    run_sheet (&run, options, some_missing);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.stderr_text, "counterpoint-cli: "));
    g_assert_nonnull (strstr (run.stderr_text, "missing.txt"));

    /* The sheet has the two others. */
    csv = read_file (path);
    g_assert_true (g_str_has_prefix (csv, "topic,The Salt Road: a patient film about walking,"
                                          "Why I keep thinking about The Salt Road,reviews,mentions\r\n"));
    g_assert_cmpint (g_unlink (path), ==, 0);
  }

  {
    g_auto(CliRun) run = { NULL, };

    run_sheet (&run, options, all_missing);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.stderr_text, "missing.txt"));
    g_assert_nonnull (strstr (run.stderr_text, "gone.txt"));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  g_assert_cmpuint (count_files (dir), ==, 0);
  g_clear_pointer (&tree, cp_test_tree_free);
}

static void
test_cli_sheet_pdf (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-sheet");
  const char *dir = tree->path;
  g_autofree char *path = g_build_filename (dir, "sheet.pdf", NULL);
  const char *options[] = { "-o", path, "--topics", SHEET_TOPICS, "--paper", "a4", "--title", "Salt Road seminar", NULL };
  const char *letter_options[] = { "-o", path, "--topics", SHEET_TOPICS, "--paper", "letter", NULL };
  g_auto(CliRun) run = { NULL, };
  PopplerDocument *document;
  PopplerPage *page;
  g_autofree char *first = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *last = NULL;
  g_autofree char *last_footer = NULL;
  double width, height;
  int n_pages;

  run_sheet (&run, options, sheet_fixtures);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.stderr_text, ==, "");

  document = cp_test_pdf_open_path (path);
  n_pages = poppler_document_get_n_pages (document);
  g_assert_cmpint (n_pages, >=, 2);

  first = cp_test_pdf_page_text (document, 0);
  g_assert_nonnull (strstr (first, "Salt Road seminar"));
  footer = g_strdup_printf ("Page 1 of %d", n_pages);
  g_assert_nonnull (strstr (first, footer));
  last = cp_test_pdf_page_text (document, n_pages - 1);
  last_footer = g_strdup_printf ("Page %d of %d", n_pages, n_pages);
  g_assert_nonnull (strstr (last, last_footer));

  /* Four reviews: landscape A4. */
  page = poppler_document_get_page (document, 0);
  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 841.89, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 595.276, 0.01);
  g_object_unref (page);
  g_object_unref (document);

  cli_run_clear (&run);
  run_sheet (&run, letter_options, sheet_fixtures);
  g_assert_cmpint (run.status, ==, 0);
  document = cp_test_pdf_open_path (path);
  page = poppler_document_get_page (document, 0);
  poppler_page_get_size (page, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 792, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 612, 0.01);
  g_object_unref (page);
  g_object_unref (document);

  g_clear_pointer (&tree, cp_test_tree_free);
}

static void
assert_png (const char *path,
            int         width,
            int         height)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, height);
  cairo_surface_destroy (surface);
}

static void
test_cli_sheet_png (void)
{
  static const char * const one_review[] = { "cafe.txt", NULL };
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-sheet");
  const char *dir = tree->path;
  g_autofree char *pdf_path = g_build_filename (dir, "sheet.pdf", NULL);
  g_autofree char *png_path = g_build_filename (dir, "sheet.png", NULL);
  g_autofree char *one_path = g_build_filename (dir, "one.png", NULL);
  const char *pdf_options[] = { "-o", pdf_path, "--topics", SHEET_TOPICS, "--paper", "a4", NULL };
  const char *png_options[] = { "-o", png_path, "--topics", SHEET_TOPICS, "--paper", "a4", "--dpi", "36", NULL };
  const char *one_options[] = { "-o", one_path, "--topics", "reviews.topics", "--paper", "letter", NULL };
  PopplerDocument *document;
  int n_pages;

  {
    g_auto(CliRun) run = { NULL, };

    run_sheet (&run, pdf_options, sheet_fixtures);
    g_assert_cmpint (run.status, ==, 0);
    document = cp_test_pdf_open_path (pdf_path);
    n_pages = poppler_document_get_n_pages (document);
    g_object_unref (document);
    g_assert_cmpint (n_pages, >=, 2);
  }

  /* One file per page, numbered; landscape A4 at 36 dpi. */
  {
    g_auto(CliRun) run = { NULL, };

    run_sheet (&run, png_options, sheet_fixtures);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.stderr_text, ==, "");
    for (int p = 1; p <= n_pages; p++)
      {
        g_autofree char *name = g_strdup_printf ("sheet-%d.png", p);
        g_autofree char *page_path = g_build_filename (dir, name, NULL);

        assert_png (page_path, 421, 298);
      }
    g_assert_false (g_file_test (png_path, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (count_files (dir), ==, 1 + n_pages);
  }

  /* A one-page sheet is the output file itself: portrait Letter at the
   * default 150 dpi.
   */
  {
    g_auto(CliRun) run = { NULL, };

    run_sheet (&run, one_options, one_review);
    g_assert_cmpint (run.status, ==, 0);
    assert_png (one_path, 1275, 1650);
    g_assert_cmpuint (count_files (dir), ==, 2 + n_pages);
  }

  g_clear_pointer (&tree, cp_test_tree_free);
}

static void
test_cli_sheet_help (void)
{
  static const char * const sheet_help[] = { "sheet", "--help", NULL };
  static const char * const help[] = { "--help", NULL };
  static const char * const options[] = {
    "--output", "--format", "--topics", "--title", "--paper", "--full-texts", "--all-topics", "--excerpts",
  };

  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, sheet_help);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.stdout_text, "counterpoint-cli sheet"));
    for (guint i = 0; i < G_N_ELEMENTS (options); i++)
      g_assert_nonnull (strstr (run.stdout_text, options[i]));
    /* Says how PNG pages are named. */
    g_assert_nonnull (strstr (run.stdout_text, "sheet-1.png"));
  }

  {
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, help);
    g_assert_nonnull (strstr (run.stdout_text, "  sheet "));
  }
}

/* }}} */

/* {{{ Reviews as they arrive: metadata, standard input, JSON Lines, text */

#define FAKE_MAGIC "%FAKE-DOC"
#define FAKE_TEXT "A camera of the state.\n\nIts battery and its price: photos."

static void
run_fake_cli (CliRun             *run,
              const char * const *args)
{
  run_program (run, "COUNTERPOINT_CLI_FAKE", args);
}

/* A page in the tests' fake format (tests/cp-test-fake-importer.h), which
 * counterpoint-cli-fake reads */
static char *
add_fake_page (CpTestTree *tree,
               const char *name)
{
  static const char page[] = FAKE_MAGIC "\n"
                             "title: A camera reviewed\n"
                             "author: Jane Doe\n"
                             "site: The Paper\n"
                             "date: 2012-07-27\n"
                             "\n"
                             FAKE_TEXT;

  g_object_unref (cp_test_tree_add_file (tree, name, page, -1));
  return cp_test_tree_build_path (tree, name);
}

static void
assert_fake_document (JsonObject *document,
                      const char *path)
{
  g_assert_cmpstr (json_object_get_string_member (document, "path"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (document, "title"), ==, "A camera reviewed");
  g_assert_cmpstr (json_object_get_string_member (document, "author"), ==, "Jane Doe");
  g_assert_cmpstr (json_object_get_string_member (document, "source"), ==, "The Paper");
  g_assert_cmpstr (json_object_get_string_member (document, "date"), ==, "2012-07-27");
  g_assert_cmpstr (json_object_get_string_member (document, "format"), ==, "fake");
  /* An imported document has a format, not a text encoding */
  g_assert_true (json_object_has_member (document, "encoding"));
  g_assert_true (json_object_get_null_member (document, "encoding"));
  g_assert_cmpint (json_object_get_int_member (document, "characters"), ==, g_utf8_strlen (FAKE_TEXT, -1));
  g_assert_cmpint (json_object_get_int_member (document, "words"), ==, 11);
}

/* What an importer knows of a document is in “documents”; what a text
 * file does not say is null */
static void
test_cli_metadata (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-cli");
  g_autofree char *page = add_fake_page (tree, "page.html");
  const char *args[] = { "tag", "--topics", "reviews.topics", page, "cafe.txt", NULL };
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *documents;
  JsonArray *matches;

  run_fake_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_output (parser, run.stdout_text);
  documents = json_object_get_array_member (root, "documents");
  g_assert_cmpuint (json_array_get_length (documents), ==, 2);
  assert_member_names (json_array_get_object_element (documents, 0), document_members, G_N_ELEMENTS (document_members));
  assert_fake_document (json_array_get_object_element (documents, 0), page);
  assert_document (documents, 1, "cafe.txt", "Café review: the camera is superb — photos are crisp.", "UTF-8", 101, 18);

  /* Offsets are in the text the importer extracted */
  matches = json_object_get_array_member (root, "matches");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (matches, 0), "text"), ==, "camera");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (matches, 0), "start"), ==, 2);
}

/* “-” is one review read from standard input, as a file would be: by its
 * content, through an importer too; it can be read once */
static void
test_cli_stdin (void)
{
  static const char review[] = "A review piped in\nThe camera is good, the price is not.\n";
  static const char binary[] = "\x01\x02\x03\x00\x04 binary";
  g_autoptr(JsonParser) parser = json_parser_new ();

  {
    static const char * const args[] = { "tag", "--topics", "reviews.topics", "-", "cafe.txt", NULL };
    g_auto(CliRun) run = { NULL, };
    JsonObject *root;
    JsonArray *matches;

    run_program_with_input (&run, "COUNTERPOINT_CLI", args, review, strlen (review));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.stderr_text, ==, "");
    root = parse_output (parser, run.stdout_text);
    assert_document (json_object_get_array_member (root, "documents"), 0, "-", "A review piped in", "UTF-8", 56, 12);
    assert_document (json_object_get_array_member (root, "documents"), 1, "cafe.txt",
                     "Café review: the camera is superb — photos are crisp.", "UTF-8", 101, 18);
    matches = json_object_get_array_member (root, "matches");
    g_assert_cmpuint (json_array_get_length (matches), ==, 2 + 4);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (matches, 0), "document"), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (matches, 0), "text"), ==, "camera");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (matches, 0), "line"), ==, 2);
  }

  {
    g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-cli");
    g_autofree char *page = add_fake_page (tree, "page.fake");
    g_autofree char *contents = NULL;
    gsize length;
    static const char * const args[] = { "text", "--format", "json", "-", NULL };
    g_auto(CliRun) run = { NULL, };
    JsonArray *array;

    g_assert_true (g_file_get_contents (page, &contents, &length, NULL));
    run_program_with_input (&run, "COUNTERPOINT_CLI_FAKE", args, contents, length);
    g_assert_cmpint (run.status, ==, 0);
    json_parser_load_from_data (parser, run.stdout_text, -1, NULL);
    array = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (array), ==, 1);
    assert_fake_document (json_array_get_object_element (array, 0), "-");
  }

  {
    static const char * const args[] = { "tag", "--topics", "reviews.topics", "-", "cafe.txt", NULL };
    g_auto(CliRun) run = { NULL, };

    run_program_with_input (&run, "COUNTERPOINT_CLI", args, binary, sizeof binary);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.stderr_text, "counterpoint-cli: "));
    g_assert_nonnull (strstr (run.stderr_text, "“standard input”"));
    assert_document (json_object_get_array_member (parse_output (parser, run.stdout_text), "documents"), 0,
                     "cafe.txt", "Café review: the camera is superb — photos are crisp.", "UTF-8", 101, 18);
  }

  {
    static const char * const args[] = { "tag", "--topics", "reviews.topics", "-", "-", NULL };
    g_auto(CliRun) run = { NULL, };
    JsonArray *documents;

    run_program_with_input (&run, "COUNTERPOINT_CLI", args, review, strlen (review));
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.stderr_text, "(“-”)"));
    documents = json_object_get_array_member (parse_output (parser, run.stdout_text), "documents");
    g_assert_cmpuint (json_array_get_length (documents), ==, 1);
  }
}

static const char * const jsonl_members[] = {
  "path", "title", "label", "author", "source", "date", "format", "encoding", "characters", "words", "matches",
  "notes", "counts",
};

/* Each document is one line: its members, its matches, its counts */
static void
test_cli_jsonl (void)
{
  static const char * const args[] = { "tag", "--format", "jsonl", "--topics", "reviews.topics", "cafe.txt", "phone.txt", NULL };
  static const char * const match_members[] = { "topic", "start", "end", "line", "text" };
  static const gint64 counts[2][3] = { { 2, 1, 1 }, { 2, 1, 2 } };
  static const char * const topics[] = { "camera", "battery", "price" };
  g_auto(CliRun) run = { NULL, };
  g_auto(GStrv) lines = NULL;
  guint expected = 0;

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_suffix (run.stdout_text, "}\n"));
  lines = g_strsplit (run.stdout_text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");

  for (guint d = 0; d < 2; d++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;
      JsonArray *matches;
      JsonObject *counted;

      object = parse_object (parser, lines[d], jsonl_members, G_N_ELEMENTS (jsonl_members));
      g_assert_cmpstr (json_object_get_string_member (object, "path"), ==, d == 0 ? "cafe.txt" : "phone.txt");
      g_assert_true (member_is_null (object, "author"));
      g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "text");

      matches = json_object_get_array_member (object, "matches");
      for (guint i = 0; i < json_array_get_length (matches); i++)
        {
          JsonObject *match = json_array_get_object_element (matches, i);
          const ExpectedMatch *want = &expected_matches[expected++];

          assert_member_names (match, match_members, G_N_ELEMENTS (match_members));
          g_assert_cmpuint (want->document, ==, d);
          g_assert_cmpstr (json_object_get_string_member (match, "topic"), ==, want->topic);
          g_assert_cmpint (json_object_get_int_member (match, "start"), ==, want->start);
          g_assert_cmpint (json_object_get_int_member (match, "end"), ==, want->end);
          g_assert_cmpint (json_object_get_int_member (match, "line"), ==, want->line);
          g_assert_cmpstr (json_object_get_string_member (match, "text"), ==, want->text);
        }

      counted = json_object_get_object_member (object, "counts");
      assert_member_names (counted, topics, G_N_ELEMENTS (topics));
      for (guint t = 0; t < G_N_ELEMENTS (topics); t++)
        g_assert_cmpint (json_object_get_int_member (counted, topics[t]), ==, counts[d][t]);
    }
  g_assert_cmpuint (expected, ==, G_N_ELEMENTS (expected_matches));
}

/* The lines of @text, parsed, by their document's path */
static GHashTable *
parse_jsonl_by_path (const char *text)
{
  GHashTable *by_path = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonNode *root;
      const char *path;

      if (lines[i][0] == '\0')
        {
          /* only after the last line */
          g_assert_null (lines[i + 1]);
          continue;
        }
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      root = json_parser_get_root (parser);
      path = json_object_get_string_member (json_node_get_object (root), "path");
      g_assert_false (g_hash_table_contains (by_path, path));
      g_hash_table_insert (by_path, g_strdup (path), json_node_copy (root));
    }
  return by_path;
}

/* Runs over parts of a set of files, joined, give what one run over them
 * all gives: as GNU parallel or xargs would split them */
static void
test_cli_jsonl_merge (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-cli");
  g_autofree char *page = add_fake_page (tree, "page.html");
  const char *samples = g_getenv ("COUNTERPOINT_SAMPLES");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autoptr(GHashTable) whole = NULL;
  g_autoptr(GHashTable) parts = NULL;
  const guint splits[] = { 0, 3, 5, 7 };
  GHashTableIter iter;
  gpointer path, node;

  g_assert_nonnull (samples);
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (files, g_build_filename (samples, cp_test_sample_names[i], NULL));
  g_ptr_array_add (files, g_strdup ("cafe.txt"));
  g_ptr_array_add (files, g_strdup ("phone.txt"));
  g_ptr_array_add (files, g_strdup (page));
  g_assert_cmpuint (files->len, ==, splits[G_N_ELEMENTS (splits) - 1]);

  {
    g_autoptr(GPtrArray) args = g_ptr_array_new ();
    g_auto(CliRun) run = { NULL, };

    g_ptr_array_add (args, (gpointer) "tag");
    g_ptr_array_add (args, (gpointer) "--format=jsonl");
    for (guint i = 0; i < files->len; i++)
      g_ptr_array_add (args, files->pdata[i]);
    g_ptr_array_add (args, NULL);
    run_fake_cli (&run, (const char * const *) args->pdata);
    g_assert_cmpint (run.status, ==, 0);
    whole = parse_jsonl_by_path (run.stdout_text);
  }
  g_assert_cmpuint (g_hash_table_size (whole), ==, files->len);

  /* The parts run last first: the order of the lines does not matter */
  for (guint part = G_N_ELEMENTS (splits) - 1; part > 0; part--)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_auto(CliRun) run = { NULL, };

      g_ptr_array_add (args, (gpointer) "tag");
      g_ptr_array_add (args, (gpointer) "--format=jsonl");
      for (guint i = splits[part - 1]; i < splits[part]; i++)
        g_ptr_array_add (args, files->pdata[i]);
      g_ptr_array_add (args, NULL);
      run_fake_cli (&run, (const char * const *) args->pdata);
      g_assert_cmpint (run.status, ==, 0);
      g_string_append (joined, run.stdout_text);
    }
  parts = parse_jsonl_by_path (joined->str);

  g_assert_cmpuint (g_hash_table_size (parts), ==, g_hash_table_size (whole));
  g_hash_table_iter_init (&iter, whole);
  while (g_hash_table_iter_next (&iter, &path, &node))
    {
      JsonNode *other = g_hash_table_lookup (parts, path);

      g_assert_nonnull (other);
      g_assert_true (json_node_equal (node, other));
    }
  /* The page through its importer, the samples with their mentions */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (g_hash_table_lookup (whole, page)), "format"), ==, "fake");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (g_hash_table_lookup (whole, files->pdata[0])), "matches")), >, 0);
}

static char *
fixture_text (const char *name)
{
  g_autoptr(CpDocument) document = load_fixture (name);
  const char *text = cp_document_get_text (document);

  return g_str_has_suffix (text, "\n") ? g_strdup (text) : g_strconcat (text, "\n", NULL);
}

/* One file: its text alone; several: each under “==> PATH <==”, a blank
 * line between; a file that cannot be read is named on standard error */
static void
test_cli_text (void)
{
  g_autofree char *cafe = fixture_text ("cafe.txt");
  g_autofree char *phone = fixture_text ("phone.txt");

  {
    static const char * const args[] = { "text", "phone.txt", NULL };
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.stderr_text, ==, "");
    /* CRLF read as LF */
    g_assert_cmpstr (run.stdout_text, ==, "Battery life is poor.\nBut the Camera makes great photographs.\nGood value\nfor money, and a fair price.\n");
    g_assert_cmpstr (run.stdout_text, ==, phone);
  }

  {
    static const char * const args[] = { "text", "cafe.txt", "missing.txt", "phone.txt", NULL };
    g_auto(CliRun) run = { NULL, };
    g_autofree char *expected = g_strdup_printf ("==> cafe.txt <==\n%s\n==> phone.txt <==\n%s", cafe, phone);

    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.stdout_text, ==, expected);
    g_assert_true (g_str_has_prefix (run.stderr_text, "counterpoint-cli: "));
    g_assert_nonnull (strstr (run.stderr_text, "“missing.txt”"));
  }

  {
    static const char * const args[] = { "text", "-", NULL };
    g_auto(CliRun) run = { NULL, };

    run_program_with_input (&run, "COUNTERPOINT_CLI", args, "Piped\r\nin", 9);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.stdout_text, ==, "Piped\nin\n");
  }

  {
    static const char * const bad_format[] = { "text", "--format", "tsv", "cafe.txt", NULL };
    static const char * const no_files[] = { "text", NULL };
    static const char * const help[] = { "text", "--help", NULL };
    g_auto(CliRun) bad = { NULL, };
    g_auto(CliRun) none = { NULL, };
    g_auto(CliRun) helped = { NULL, };

    run_cli (&bad, bad_format);
    g_assert_cmpint (bad.status, ==, 2);
    g_assert_cmpstr (bad.stdout_text, ==, "");
    g_assert_nonnull (strstr (bad.stderr_text, "“tsv”; use text or json"));
    run_cli (&none, no_files);
    g_assert_cmpint (none.status, ==, 2);
    run_cli (&helped, help);
    g_assert_cmpint (helped.status, ==, 0);
    g_assert_nonnull (strstr (helped.stdout_text, "--format"));
    g_assert_nonnull (strstr (helped.stdout_text, "==> PATH <=="));
  }
}

/* JSON: one object per file, with its metadata and its text */
static void
test_cli_text_json (void)
{
  static const char * const text_members[] = {
    "path", "title", "label", "author", "source", "date", "format", "encoding", "characters", "words", "text",
  };
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-cli");
  g_autofree char *page = add_fake_page (tree, "page.html");
  const char *args[] = { "text", "--format", "json", page, "phone.txt", "missing.txt", NULL };
  g_autofree char *phone = fixture_text ("phone.txt");
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *object;

  run_fake_cli (&run, args);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.stderr_text, "“missing.txt”"));
  json_parser_load_from_data (parser, run.stdout_text, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);

  object = json_array_get_object_element (array, 0);
  assert_member_names (object, text_members, G_N_ELEMENTS (text_members));
  assert_fake_document (object, page);
  g_assert_cmpstr (json_object_get_string_member (object, "text"), ==, FAKE_TEXT);

  object = json_array_get_object_element (array, 1);
  assert_member_names (object, text_members, G_N_ELEMENTS (text_members));
  g_assert_cmpstr (json_object_get_string_member (object, "path"), ==, "phone.txt");
  g_assert_true (member_is_null (object, "source"));
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "text");
  g_assert_true (g_str_has_prefix (phone, json_object_get_string_member (object, "text")));

  /* Nothing read: an empty array */
  {
    static const char * const nothing[] = { "text", "--format", "json", "missing.txt", NULL };
    g_auto(CliRun) empty = { NULL, };

    run_cli (&empty, nothing);
    g_assert_cmpint (empty.status, ==, 1);
    g_assert_cmpstr (empty.stdout_text, ==, "[]\n");
  }
}

/* }}} */

/* --- Comparison files ------------------------------------------------ */

/* Writes, with the core, a comparison of the fixtures @names (named
 * @labels, NULL for none) on the topics of @topics_name, with the notes
 * the tests expect on cafe.txt and phone.txt; returns its path. */
static char *
write_comparison (CpTestTree         *tree,
                  const char         *name,
                  const char         *topics_name,
                  const char * const *names,
                  const char * const *labels)
{
  g_autoptr(GFile) topics_file = cp_test_dist_file ("data", "cli", topics_name, NULL);
  g_autoptr(CpTopicSet) topics = cp_test_load_topics (topics_file);
  g_autoptr(CpComparison) comparison = cp_comparison_new (topics);
  g_autoptr(GFile) file = NULL;
  g_autofree char *data = NULL;
  gsize length;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CpDocument) document = load_fixture (names[i]);

      if (labels != NULL)
        cp_document_set_label (document, labels[i]);
      cp_comparison_append_document (comparison, document);
      if (g_str_equal (names[i], "cafe.txt"))
        cp_test_add_note (comparison, document, "superb", "Is it, though?");
      else if (g_str_equal (names[i], "phone.txt"))
        cp_test_add_note (comparison, document, "value\nfor money", "Split over two lines");
    }

  data = cp_comparison_file_to_data (comparison, NULL, &length);
  g_assert_nonnull (data);
  file = cp_test_tree_add_file (tree, name, data, length);

  return g_file_get_path (file);
}

static const char * const pair_names[] = { "cafe.txt", "phone.txt", NULL };
static const char * const pair_labels[] = { "Café", "Phone", NULL };

/* The topic ids of a tag run's output, joined with spaces */
static char *
topic_ids (JsonObject *root)
{
  JsonArray *topics = json_object_get_array_member (root, "topics");
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (topics); i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? " " : "",
                            json_object_get_string_member (json_array_get_object_element (topics, i), "id"));

  return g_strdup (ids->str);
}

static void
assert_note (JsonObject *note,
             CpDocument *document,
             const char *quote,
             const char *text,
             gint64      line)
{
  gint64 start = json_object_get_int_member (note, "start");
  gint64 end = json_object_get_int_member (note, "end");
  g_autofree char *passage = g_utf8_substring (cp_document_get_text (document), start, end);
  g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 (json_object_get_string_member (note, "created"), NULL);
  g_autoptr(GDateTime) modified = g_date_time_new_from_iso8601 (json_object_get_string_member (note, "modified"), NULL);

  g_assert_cmpstr (json_object_get_string_member (note, "quote"), ==, quote);
  g_assert_cmpstr (passage, ==, quote);
  g_assert_cmpstr (json_object_get_string_member (note, "text"), ==, text);
  g_assert_cmpint (json_object_get_int_member (note, "line"), ==, line);
  g_assert_nonnull (created);
  g_assert_nonnull (modified);
  g_assert_cmpint (g_date_time_compare (created, modified), <=, 0);
}

/* A comparison file gives its reviews, with their names, its topics and
 * its notes */
static void
test_cli_comparison_tag (void)
{
  static const char * const note_members[] = {
    "document", "start", "end", "line", "quote", "text", "created", "modified",
  };
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-cli");
  g_autofree char *pair = write_comparison (tree, "pair.counterpoint", "reviews.topics", pair_names, pair_labels);
  g_autofree char *path_1 = g_strconcat (pair, "#1", NULL);
  g_autofree char *path_2 = g_strconcat (pair, "#2", NULL);
  const char *args[] = { "tag", pair, NULL };
  g_autoptr(CpDocument) cafe = load_fixture ("cafe.txt");
  g_autoptr(CpDocument) phone = load_fixture ("phone.txt");
  CpDocument *documents[] = { cafe, phone };
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *ids = NULL;
  JsonObject *root;
  JsonArray *array;
  JsonObject *note;

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.stderr_text, ==, "");
  root = parse_output (parser, run.stdout_text);

  /* Its topics, not the default ones: there is no --topics */
  ids = topic_ids (root);
  g_assert_cmpstr (ids, ==, "camera battery price");

  array = json_object_get_array_member (root, "documents");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "path"), ==, path_1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "path"), ==, path_2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "label"), ==, "Café");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "label"), ==, "Phone");
  assert_member_names (json_array_get_object_element (array, 0), document_members, G_N_ELEMENTS (document_members));

  /* The texts it holds, tagged as the files themselves are */
  array = json_object_get_array_member (root, "matches");
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (expected_matches));
  assert_matches (array, 0, expected_matches, G_N_ELEMENTS (expected_matches), documents);

  /* The notes, in characters as the matches are */
  array = json_object_get_array_member (root, "notes");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  note = json_array_get_object_element (array, 0);
  assert_member_names (note, note_members, G_N_ELEMENTS (note_members));
  g_assert_cmpint (json_object_get_int_member (note, "document"), ==, 0);
  assert_note (note, cafe, "superb", "Is it, though?", 1);
  note = json_array_get_object_element (array, 1);
  g_assert_cmpint (json_object_get_int_member (note, "document"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (note, "start"), ==, 67);
  g_assert_cmpint (json_object_get_int_member (note, "end"), ==, 82);
  assert_note (note, phone, "value\nfor money", "Split over two lines", 3);
}

/* --topics wins over a comparison's topics; several comparisons and
 * plain files give their reviews in the order given, the topics coming
 * from the first comparison */
static void
test_cli_comparison_mixed (void)
{
  static const char * const one[] = { "cafe.txt", NULL };
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-cli");
  g_autofree char *pair = write_comparison (tree, "pair.counterpoint", "reviews.topics", pair_names, NULL);
  g_autofree char *other = write_comparison (tree, "other.counterpoint", "themes.topics", one, NULL);
  g_autofree char *pair_2 = g_strconcat (pair, "#2", NULL);
  g_autofree char *other_1 = g_strconcat (other, "#1", NULL);

  {
    const char *args[] = { "tag", "--topics", "themes.topics", pair, NULL };
    g_auto(CliRun) run = { NULL, };
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autofree char *ids = NULL;

    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 0);
    ids = topic_ids (parse_output (parser, run.stdout_text));
    g_assert_cmpstr (ids, ==, "stadium boats");
  }

  {
    const char *args[] = { "tag", "phone.txt", other, pair, "cafe.txt", NULL };
    static const char * const paths[] = { "phone.txt", NULL, NULL, NULL, "cafe.txt" };
    g_auto(CliRun) run = { NULL, };
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autofree char *ids = NULL;
    JsonObject *root;
    JsonArray *documents;

    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.stderr_text, ==, "");
    root = parse_output (parser, run.stdout_text);
    ids = topic_ids (root);
    g_assert_cmpstr (ids, ==, "stadium boats");

    documents = json_object_get_array_member (root, "documents");
    g_assert_cmpuint (json_array_get_length (documents), ==, 5);
    for (guint d = 0; d < 5; d++)
      {
        const char *path = json_object_get_string_member (json_array_get_object_element (documents, d), "path");

        if (paths[d] != NULL)
          g_assert_cmpstr (path, ==, paths[d]);
      }
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (documents, 1), "path"), ==, other_1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (documents, 3), "path"), ==, pair_2);
    g_assert_true (member_is_null (json_array_get_object_element (documents, 1), "label"));
    /* Every comparison's notes, on its own reviews */
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "notes")), ==, 3);
  }

  /* Given twice: read once, the second said, as for any file */
  {
    const char *args[] = { "tag", pair, pair, NULL };
    g_auto(CliRun) run = { NULL, };
    g_autoptr(JsonParser) parser = json_parser_new ();

    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.stderr_text, "is already open"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (parse_output (parser, run.stdout_text),
                                                                          "documents")), ==, 2);
  }
}

/* JSON Lines: each review's line has its notes, without “document” */
static void
test_cli_comparison_jsonl (void)
{
  static const char * const note_members[] = { "start", "end", "line", "quote", "text", "created", "modified" };
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-cli");
  g_autofree char *pair = write_comparison (tree, "pair.counterpoint", "reviews.topics", pair_names, pair_labels);
  const char *args[] = { "tag", "--format", "jsonl", pair, "cafe.txt", NULL };
  g_autoptr(CpDocument) phone = load_fixture ("phone.txt");
  g_auto(CliRun) run = { NULL, };
  g_auto(GStrv) lines = NULL;

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.stdout_text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);

  for (guint d = 0; d < 3; d++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object = parse_object (parser, lines[d], jsonl_members, G_N_ELEMENTS (jsonl_members));
      JsonArray *notes = json_object_get_array_member (object, "notes");

      /* The plain file has none */
      g_assert_cmpuint (json_array_get_length (notes), ==, d < 2 ? 1 : 0);
      if (d == 1)
        {
          assert_member_names (json_array_get_object_element (notes, 0), note_members, G_N_ELEMENTS (note_members));
          assert_note (json_array_get_object_element (notes, 0), phone, "value\nfor money", "Split over two lines", 3);
        }
    }
}

/* A sheet of a comparison has its notes; it never replaces the file */
static void
test_cli_comparison_sheet (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-cli");
  g_autofree char *pair = write_comparison (tree, "pair.counterpoint", "reviews.topics", pair_names, pair_labels);
  g_autofree char *html_path = cp_test_tree_build_path (tree, "sheet.html");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *html = NULL;

  {
    const char *args[] = { "sheet", "--all-topics", "-o", html_path, pair, NULL };
    g_auto(CliRun) run = { NULL, };

    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (html_path, &html, NULL, NULL));
    g_assert_nonnull (strstr (html, "<section class=\"notes\">"));
    g_assert_nonnull (strstr (html, "<p>Is it, though?</p>"));
    g_assert_nonnull (strstr (html, "<p>Split over two lines</p>"));
    /* Its names for the reviews */
    g_assert_nonnull (strstr (html, "Café"));
  }

  {
    const char *args[] = { "sheet", "--format", "html", "-o", pair, pair, NULL };
    g_auto(CliRun) run = { NULL, };

    g_assert_true (g_file_get_contents (pair, &before, NULL, NULL));
    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.stderr_text, "is one of the comparisons"));
    g_assert_true (g_file_get_contents (pair, &after, NULL, NULL));
    g_assert_cmpstr (before, ==, after);
  }
}

/* A newer version's file is read as far as it can be, its problems said
 * on standard error, as a repaired file is (exit status 0); a file that
 * is no comparison at all is named, and the others are still read */
static void
test_cli_comparison_problems (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-cli");
  g_autofree char *pair = write_comparison (tree, "pair.counterpoint", "reviews.topics", pair_names, NULL);
  g_autoptr(JsonParser) file_parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) newer_file = NULL;
  g_autoptr(GFile) broken_file = NULL;
  g_autoptr(GFile) damaged_file = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *damaged_data = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *data = NULL;
  g_autofree char *display = NULL;

  /* The same comparison, as a version far ahead of this one wrote it */
  json_parser_load_from_file (file_parser, pair, &error);
  g_assert_no_error (error);
  json_object_set_int_member (json_node_get_object (json_parser_get_root (file_parser)), "version",
                              CP_COMPARISON_FILE_VERSION + 100);
  json_generator_set_root (generator, json_parser_get_root (file_parser));
  data = json_generator_to_data (generator, NULL);
  newer_file = cp_test_tree_add_file (tree, "newer.counterpoint", data, -1);
  newer = g_file_get_path (newer_file);
  /* Then damaged: its notes are not a list */
  json_object_set_int_member (json_node_get_object (json_parser_get_root (file_parser)), "version",
                              CP_COMPARISON_FILE_VERSION);
  json_object_set_string_member (json_node_get_object (json_parser_get_root (file_parser)), "notes", "torn");
  damaged_data = json_generator_to_data (generator, NULL);
  damaged_file = cp_test_tree_add_file (tree, "damaged.counterpoint", damaged_data, -1);
  damaged = g_file_get_path (damaged_file);
  broken_file = cp_test_tree_add_file (tree, "broken.counterpoint", "{\"format\": \"something else\"}", -1);
  broken = g_file_get_path (broken_file);

  {
    const char *args[] = { "tag", newer, NULL };
    g_auto(CliRun) run = { NULL, };
    g_autoptr(JsonParser) parser = json_parser_new ();

    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.stderr_text, newer));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (parse_output (parser, run.stdout_text),
                                                                          "documents")), ==, 2);
  }

  {
    const char *args[] = { "tag", damaged, NULL };
    g_auto(CliRun) run = { NULL, };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root;

    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.stderr_text, damaged));
    g_assert_nonnull (strstr (run.stderr_text, "notes"));
    root = parse_output (parser, run.stdout_text);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "documents")), ==, 2);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "notes")), ==, 0);
  }

  {
    const char *args[] = { "tag", broken, "cafe.txt", NULL };
    g_auto(CliRun) run = { NULL, };
    g_autoptr(JsonParser) parser = json_parser_new ();

    run_cli (&run, args);
    g_assert_cmpint (run.status, ==, 1);
    display = g_filename_display_basename (broken);
    g_assert_nonnull (strstr (run.stderr_text, display));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (parse_output (parser, run.stdout_text),
                                                                          "documents")), ==, 1);
  }
}

/* A comparison saved in a folder of reviews is no review of the folder */
static void
test_cli_comparison_folder (void)
{
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("counterpoint-cli");
  g_autofree char *pair = write_comparison (tree, "pair.counterpoint", "reviews.topics", pair_names, NULL);
  g_autofree char *upper = write_comparison (tree, "Saved.COUNTERPOINT", "reviews.topics", pair_names, NULL);
  g_autofree char *a = cp_test_tree_build_path (tree, "a.txt");
  const char *args[] = { "tag", "--topics", "reviews.topics", tree->path, NULL };
  g_auto(CliRun) run = { NULL, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  copy_fixture ("cafe.txt", tree, "a.txt");
  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  array = json_object_get_array_member (parse_output (parser, run.stdout_text), "documents");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "path"), ==, a);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/tag/json", test_cli_json);
  g_test_add_func ("/cli/tag/tsv", test_cli_tsv);
  g_test_add_func ("/cli/tag/default-topics", test_cli_default_topics);
  g_test_add_func ("/cli/comparison/tag", test_cli_comparison_tag);
  g_test_add_func ("/cli/comparison/mixed", test_cli_comparison_mixed);
  g_test_add_func ("/cli/comparison/jsonl", test_cli_comparison_jsonl);
  g_test_add_func ("/cli/comparison/sheet", test_cli_comparison_sheet);
  g_test_add_func ("/cli/comparison/problems", test_cli_comparison_problems);
  g_test_add_func ("/cli/comparison/folder", test_cli_comparison_folder);
  g_test_add_func ("/cli/tag/no-matches", test_cli_no_matches);
  g_test_add_func ("/cli/tag/missing-file", test_cli_missing_file);
  g_test_add_func ("/cli/tag/binary-file", test_cli_binary_file);
  g_test_add_func ("/cli/tag/folder", test_cli_folder);
  g_test_add_func ("/cli/tag/duplicate", test_cli_duplicate);
  g_test_add_func ("/cli/tag/bad-topics", test_cli_bad_topics);
  g_test_add_func ("/cli/tag/invalid-term", test_cli_invalid_term);
  g_test_add_func ("/cli/tag/metadata", test_cli_metadata);
  g_test_add_func ("/cli/tag/stdin", test_cli_stdin);
  g_test_add_func ("/cli/tag/jsonl", test_cli_jsonl);
  g_test_add_func ("/cli/tag/jsonl-merge", test_cli_jsonl_merge);
  g_test_add_func ("/cli/text/text", test_cli_text);
  g_test_add_func ("/cli/text/json", test_cli_text_json);
  g_test_add_func ("/cli/themes/core", test_cli_themes_core);
  g_test_add_func ("/cli/themes/subject", test_cli_themes_subject);
  g_test_add_func ("/cli/themes/variants", test_cli_themes_variants);
  g_test_add_func ("/cli/themes/seeds", test_cli_themes_seeds);
  g_test_add_func ("/cli/themes/options", test_cli_themes_options);
  g_test_add_func ("/cli/themes/topics", test_cli_themes_topics);
  g_test_add_func ("/cli/themes/tsv", test_cli_themes_tsv);
  g_test_add_func ("/cli/themes/missing-file", test_cli_themes_missing_file);
  g_test_add_func ("/cli/themes/one-document", test_cli_themes_one_document);
  g_test_add_func ("/cli/themes/errors", test_cli_themes_errors);
  g_test_add_func ("/cli/themes/help", test_cli_themes_help);
  g_test_add_func ("/cli/sheet/html", test_cli_sheet_html);
  g_test_add_func ("/cli/sheet/csv", test_cli_sheet_csv);
  g_test_add_func ("/cli/sheet/usage-errors", test_cli_sheet_usage_errors);
  g_test_add_func ("/cli/sheet/missing-file", test_cli_sheet_missing_file);
  g_test_add_func ("/cli/sheet/keeps-inputs", test_cli_sheet_keeps_inputs);
  g_test_add_func ("/cli/sheet/write-error", test_cli_sheet_write_error);
  g_test_add_func ("/cli/sheet/pdf", test_cli_sheet_pdf);
  g_test_add_func ("/cli/sheet/png", test_cli_sheet_png);
  g_test_add_func ("/cli/sheet/help", test_cli_sheet_help);
  g_test_add_func ("/cli/usage-errors", test_cli_usage_errors);
  g_test_add_func ("/cli/help", test_cli_help);
  g_test_add_func ("/cli/version", test_cli_version);
  g_test_add_func ("/cli/app/version", test_app_version);
  g_test_add_func ("/cli/app/help", test_app_help);
  g_test_add_func ("/cli/app/unknown-option", test_app_unknown_option);

  return g_test_run ();
}
