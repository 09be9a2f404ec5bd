/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The whole app in each language of po/LINGUAS: the test runs itself once
 * under C.UTF-8 and once under each locale, and each run writes down every
 * string the UI shows (labels, tooltips, placeholders, window titles, menu
 * items, drop-down choices, shortcut titles) in the main window with the
 * sample reviews open, its menus, and the dialogs: Preferences, the topic
 * editor, the Mentions window, the note popover, the shortcuts window,
 * About, the close question and an error banner. Strings are paired by
 * where they are (the widget path, or the menu path); a string that is the
 * same as its English counterpart is untranslated unless it is the
 * reviews' own text or on the commented allow-lists below.
 *
 * The locales are compiled into the build folder with localedef (Debian
 * has only C.UTF-8 by default) and used through LOCPATH; the catalogues
 * are the build tree's ($COUNTERPOINT_LOCALEDIR) and GTK's own (gtk40).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include <gtk/gtk.h>

#include "cp-application.h"
#include "cp-mentions-view.h"
#include "cp-note-popover.h"
#include "cp-preferences-dialog.h"
#include "cp-topic-editor.h"
#include "cp-window-private.h"
#include "cp-test-gtk-utils.h"

/* {{{ Allow-lists */

/* The same in every language: names, formats and symbols */
static const char * const same_everywhere[] = {
  "Counterpoint",                 /* the app's name */
  "Twitter",                      /* a service the samples talk about (a topic) */
  "PDF", "PNG", "CSV", "HTML",    /* file formats */
  "GNU General Public License, version 3 or later", /* GTK's About: a licence's title */
  "Serif Regular",                /* the font button: the font's own name (fontconfig's) */
  NULL,
};

/* Words that really are the same in one language */
static const char * const same_in_de[] = {
  "Text", "System",               /* German words too */
  "Indigo", "Orange",             /* colour names that are German too */
  NULL,
};
static const char * const same_in_fr[] = {
  "Notes", "mentions", "Style", "Surveillance", /* French words too */
  "Indigo", "Orange", "Olive",    /* colour names that are French too */
  NULL,
};
static const char * const same_in_es[] = {
  "Color", "General",             /* Spanish words too */
  NULL,
};
static const char * const same_in_zh[] = {
  NULL,
};

static const struct
{
  const char         *locale;
  const char * const *same;
} languages[] = {
  { "de_DE.UTF-8", same_in_de },
  { "fr_FR.UTF-8", same_in_fr },
  { "es_ES.UTF-8", same_in_es },
  { "zh_CN.UTF-8", same_in_zh },
};

/* }}} */
/* {{{ The child: show the UI, write its strings down */

static CpApplication *application;

typedef struct
{
  GString    *out;
  GHashTable *menus; /* GMenuModel already written */
} Dump;

static void
dump_add (Dump       *dump,
          const char *where,
          const char *kind,
          const char *text)
{
  if (text == NULL || *text == '\0')
    return;

  g_string_append_printf (dump->out, "%s\t%s\t", where, kind);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (dump->out, "\\n");
      else if (*p == '\t')
        g_string_append (dump->out, "\\t");
      else if (*p == '\\')
        g_string_append (dump->out, "\\\\");
      else
        g_string_append_c (dump->out, *p);
    }
  g_string_append_c (dump->out, '\n');
}

static void
dump_menu (Dump       *dump,
           const char *where,
           GMenuModel *model)
{
  if (model == NULL || g_hash_table_contains (dump->menus, model))
    return;
  g_hash_table_add (dump->menus, model);

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *item_where = g_strdup_printf ("%s/%d", where, i);
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;
      const char *link_name;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        dump_add (dump, item_where, "menu-item", label);

      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_get_next (links, &link_name, &link))
        {
          g_autofree char *link_where = g_strdup_printf ("%s:%s", item_where, link_name);

          dump_menu (dump, link_where, link);
          g_object_unref (link);
        }
    }
}

static void
dump_string_property (Dump       *dump,
                      const char *where,
                      GObject    *object,
                      const char *name)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
  g_autofree char *value = NULL;

  if (pspec == NULL || pspec->value_type != G_TYPE_STRING)
    return;
  g_object_get (object, name, &value, NULL);
  dump_add (dump, where, name, value);
}

static void
dump_menu_property (Dump       *dump,
                    const char *where,
                    GObject    *object,
                    const char *name)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
  g_autoptr(GMenuModel) model = NULL;
  g_autofree char *menu_where = NULL;

  if (pspec == NULL || !g_type_is_a (pspec->value_type, G_TYPE_MENU_MODEL))
    return;
  g_object_get (object, name, &model, NULL);
  menu_where = g_strdup_printf ("%s{%s}", where, name);
  dump_menu (dump, menu_where, model);
}

static void
dump_widget (Dump       *dump,
             const char *where,
             GtkWidget  *widget,
             gboolean    hidden)
{
  guint index = 0;

  /* What is hidden is not seen (GtkAboutDialog's unset website label),
   * but its menus pop up (a context menu is a hidden popover until then);
   * a window is written down whether it is shown or not */
  hidden = hidden || (!gtk_widget_get_visible (widget) && !GTK_IS_ROOT (widget));
  dump_menu_property (dump, where, G_OBJECT (widget), "menu-model");
  dump_menu_property (dump, where, G_OBJECT (widget), "extra-menu");
  if (hidden)
    goto children;

  /* Key names in the shortcuts window are GTK's (gtk40), not ours */
  if (GTK_IS_LABEL (widget))
    dump_add (dump, where, gtk_widget_get_ancestor (widget, GTK_TYPE_SHORTCUT_LABEL) != NULL ? "key" : "label",
              gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_INSCRIPTION (widget))
    dump_add (dump, where, "text", gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
  if (GTK_IS_WINDOW (widget))
    dump_add (dump, where, "title", gtk_window_get_title (GTK_WINDOW (widget)));
  if (GTK_IS_DROP_DOWN (widget) && GTK_IS_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (widget))))
    {
      GListModel *choices = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));

      for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
        dump_add (dump, where, "choice", gtk_string_list_get_string (GTK_STRING_LIST (choices), i));
    }
  dump_add (dump, where, "tooltip", gtk_widget_get_tooltip_text (widget));
  dump_string_property (dump, where, G_OBJECT (widget), "placeholder-text");
  /* What an entry holds is the reader's, but for a topic's label */
  if (GTK_IS_TEXT (widget))
    dump_add (dump, where, "entry", gtk_editable_get_text (GTK_EDITABLE (widget)));
  /* The shortcuts window's sections, groups and shortcuts */
  if (!GTK_IS_WINDOW (widget) && !GTK_IS_LABEL (widget))
    {
      dump_string_property (dump, where, G_OBJECT (widget), "title");
      dump_string_property (dump, where, G_OBJECT (widget), "subtitle");
    }

children:
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *id = GTK_IS_BUILDABLE (child) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)) : NULL;
      g_autofree char *child_where = g_strdup_printf ("%s/%s%s%s[%u]", where, G_OBJECT_TYPE_NAME (child),
                                                      id != NULL ? "#" : "", id != NULL ? id : "", index++);

      dump_widget (dump, child_where, child, hidden);
    }
}

static void
dump_root (Dump       *dump,
           const char *name,
           GtkWidget  *root)
{
  g_autofree char *where = g_strdup_printf ("%s:%s", name, G_OBJECT_TYPE_NAME (root));

  g_assert_nonnull (root);
  dump_widget (dump, where, root, FALSE);
}

/* What the reviews say: the parent counts these as content, not UI */
static void
dump_content (Dump     *dump,
              CpWindow *window)
{
  CpComparison *comparison = cp_window_get_comparison (window);
  CpTopicSet *topics = cp_comparison_get_topics (comparison);

  for (guint d = 0; d < cp_comparison_get_n_documents (comparison); d++)
    {
      CpDocument *document = cp_comparison_get_document (comparison, d);

      dump_add (dump, "content", "title", cp_document_get_title (document));
      dump_add (dump, "content", "label", cp_document_get_label (document));
      dump_add (dump, "content", "author", cp_document_get_author (document));
      dump_add (dump, "content", "site", cp_document_get_site (document));
      dump_add (dump, "content", "text", cp_document_get_text (document));
    }
  /* Topic labels are made of the reviews' words, but are UI */
  for (guint t = 0; t < cp_topic_set_get_n_topics (topics); t++)
    dump_add (dump, "content", "topic", cp_topic_get_display_label (cp_topic_set_get_topic (topics, t)));
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }

  return NULL;
}

static gboolean
has_toplevel (gpointer user_data)
{
  return find_toplevel (GPOINTER_TO_SIZE (user_data)) != NULL;
}

/* Waits for the window of @type an action opened, writes it down and
 * closes it */
static void
dump_toplevel (Dump       *dump,
               const char *name,
               GType       type)
{
  GtkWidget *window;

  cp_test_wait_until (has_toplevel, GSIZE_TO_POINTER (type), name);
  window = find_toplevel (type);
  cp_test_wait_for_layout (window);
  dump_root (dump, name, window);
  cp_test_destroy_window (GTK_WINDOW (window));
}

/* About's second page, the credits, as its Credits button shows it */
static void
show_credits (void)
{
  GtkWidget *about;
  g_autoptr(GPtrArray) stacks = NULL;
  gboolean shown = FALSE;

  cp_test_wait_until (has_toplevel, GSIZE_TO_POINTER (GTK_TYPE_ABOUT_DIALOG), "About");
  about = find_toplevel (GTK_TYPE_ABOUT_DIALOG);
  stacks = cp_test_find_widgets (about, GTK_TYPE_STACK);
  for (guint i = 0; i < stacks->len; i++)
    {
      GtkWidget *credits = gtk_stack_get_child_by_name (stacks->pdata[i], "credits");

      if (credits != NULL)
        {
          gtk_widget_set_visible (credits, TRUE);
          gtk_stack_set_visible_child (stacks->pdata[i], credits);
          shown = TRUE;
        }
    }
  g_assert_true (shown);
}

static gboolean
themes_found (gpointer user_data)
{
  CpThemeList *list = CP_THEME_LIST (cp_test_find_widget (user_data, CP_TYPE_THEME_LIST));

  return !cp_theme_list_get_busy (list) && cp_theme_list_get_n_themes (list) > 0;
}

static void
test_dump (gconstpointer data)
{
  const char *output = data;
  g_autoptr(GPtrArray) samples = cp_application_list_samples ();
  CpWindow *window = cp_window_new (application);
  CpDocument *first;
  CpTopic *topic;
  GtkWidget *popover;
  GtkWidget *dialog;
  GtkWidget *shortcuts;
  g_autoptr(CpNote) note = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GError) error = NULL;
  Dump dump = { g_string_new (NULL), g_hash_table_new (NULL, NULL) };

  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 900);
  gtk_window_present (GTK_WINDOW (window));
  cp_test_window_open_files (window, (GFile **) samples->pdata, samples->len);
  cp_test_wait_until (themes_found, window, "suggested themes");

  /* A note, so that the notes list has a row; its text is the review's */
  first = cp_comparison_get_document (cp_window_get_comparison (window), 0);
  note = cp_note_new (first, 0, 8, "Ai Weiwei");
  cp_comparison_add_note (cp_window_get_comparison (window), note);
  /* A file that cannot be opened: the error banner */
  missing = g_file_new_for_path ("/nonexistent/review.txt");
  cp_window_open_files (window, &missing, 1);
  cp_test_wait_until ((CpTestCondition) cp_window_get_n_banners, window, "the error banner");
  cp_test_window_settle (window);

  dump_content (&dump, window);
  /* The main window, its menus and the rows' menus */
  dump_root (&dump, "window", GTK_WIDGET (window));
  dump_menu (&dump, "app-menu", G_MENU_MODEL (gtk_application_get_menu_by_id (GTK_APPLICATION (application), "primary_menu")));

  /* The note popover on a selection */
  cp_test_select_text (window, 0, "documentary", NULL, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-note", NULL);
  popover = cp_test_find_widget (GTK_WIDGET (window), CP_TYPE_NOTE_POPOVER);
  g_assert_nonnull (popover);
  cp_test_wait_for_layout (popover);
  dump_root (&dump, "note-popover", popover);
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* The dialogs */
  topic = cp_topic_set_get_topic (cp_comparison_get_topics (cp_window_get_comparison (window)), 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-topic", "s", cp_topic_get_id (topic));
  dump_toplevel (&dump, "topic-editor", CP_TYPE_TOPIC_EDITOR);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-mentions", "s", cp_topic_get_id (topic));
  dump_toplevel (&dump, "mentions", CP_TYPE_MENTIONS_VIEW);
  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  dump_toplevel (&dump, "preferences", CP_TYPE_PREFERENCES_DIALOG);
  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  show_credits ();
  dump_toplevel (&dump, "about", GTK_TYPE_ABOUT_DIALOG);
  shortcuts = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  dump_root (&dump, "shortcuts", shortcuts);

  /* The question when the window closes with a note unsaved */
  g_assert_true (cp_window_needs_saving (window));
  gtk_window_close (GTK_WINDOW (window));
  dialog = cp_window_get_close_dialog (window);
  g_assert_nonnull (dialog);
  cp_test_wait_for_layout (dialog);
  dump_root (&dump, "close-question", dialog);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cp_test_drain_main_context ();

  /* Renaming a topic in the editor renames it in the reader's language:
   * the translation the reader sees, the untranslated label only when
   * there is none */
  {
    g_autofree char *english_label = g_strdup (cp_topic_get_label (topic));
    g_autofree char *shown_label = g_strdup (cp_topic_get_display_label (topic));
    g_autoptr(GPtrArray) entries = NULL;
    GtkWidget *editor;
    GtkEditable *label_entry = NULL;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-topic", "s", cp_topic_get_id (topic));
    cp_test_wait_until (has_toplevel, GSIZE_TO_POINTER (CP_TYPE_TOPIC_EDITOR), "the topic editor");
    editor = find_toplevel (CP_TYPE_TOPIC_EDITOR);
    entries = cp_test_find_widgets (editor, GTK_TYPE_TEXT);
    for (guint i = 0; i < entries->len && label_entry == NULL; i++)
      if (g_str_equal (gtk_editable_get_text (entries->pdata[i]), shown_label))
        label_entry = entries->pdata[i];
    g_assert_nonnull (label_entry);
    gtk_editable_set_text (label_entry, "Seeds, renamed");
    g_assert_cmpstr (cp_topic_get_display_label (topic), ==, "Seeds, renamed");
    if (g_str_equal (shown_label, english_label))
      g_assert_cmpstr (cp_topic_get_label (topic), ==, "Seeds, renamed");
    else
      g_assert_cmpstr (cp_topic_get_label (topic), ==, english_label);
    cp_test_destroy_window (GTK_WINDOW (editor));
  }

  g_file_set_contents (output, dump.out->str, dump.out->len, &error);
  g_assert_no_error (error);
  g_string_free (dump.out, TRUE);
  g_hash_table_unref (dump.menus);
  cp_test_destroy_window (GTK_WINDOW (window));
}

static int
run_child (int         argc,
           char       *argv[],
           const char *output)
{
  const char *locale = g_getenv ("LC_ALL");

  g_test_init (&argc, &argv, NULL);

  /* The locale is there (LOCPATH), and so is our catalogue */
  if (setlocale (LC_ALL, "") == NULL)
    g_error ("locale %s is not available (LOCPATH=%s)", locale, g_getenv ("LOCPATH"));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COUNTERPOINT_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (!g_str_has_prefix (locale, "C") && strstr (g_dgettext (GETTEXT_PACKAGE, ""), "Language:") == NULL)
    g_error ("no %s catalogue for %s in %s", GETTEXT_PACKAGE, locale, g_getenv ("COUNTERPOINT_LOCALEDIR"));

  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  application = cp_test_application_new ();

  g_test_add_data_func ("/translations/dump", output, test_dump);

  return g_test_run ();
}

/* }}} */
/* {{{ The parent: compile the locales, run the child, compare */

static char *locpath;

static void
ensure_locales (void)
{
  g_autofree char *localedef = NULL;

  if (locpath != NULL)
    return;

  localedef = g_find_program_in_path ("localedef");
  if (localedef == NULL)
    g_error ("localedef is missing: install the Debian package libc-bin");
  locpath = g_test_build_filename (G_TEST_BUILT, "locale", NULL);
  g_mkdir_with_parents (locpath, 0755);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_auto(GStrv) parts = g_strsplit (languages[i].locale, ".", 2);
      g_autofree char *source = g_build_filename ("/usr/share/i18n/locales", parts[0], NULL);
      g_autofree char *target = g_build_filename (locpath, languages[i].locale, NULL);
      g_autofree char *marker = g_build_filename (target, "LC_MESSAGES", NULL);
      const char *argv[] = { "localedef", "-i", parts[0], "-f", "UTF-8", target, NULL };
      g_autofree char *errors = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;

      if (g_file_test (marker, G_FILE_TEST_IS_DIR))
        continue;
      if (!g_file_test (source, G_FILE_TEST_EXISTS))
        g_error ("%s is missing, which localedef needs to make %s: install the Debian package locales",
                 source, languages[i].locale);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                    NULL, NULL, NULL, &errors, &status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL) || !g_file_test (marker, G_FILE_TEST_IS_DIR))
        g_error ("localedef could not make %s: %s", languages[i].locale, errors);
    }
}

/* Runs of white space, line breaks (written as \n) included, as one space:
 * the reviews wrap their lines where the UI does not */
static char *
normalize (const char *text)
{
  static GRegex *space;

  if (space == NULL)
    space = g_regex_new ("(\\s|\\\\n)+", 0, 0, NULL);

  return g_strstrip (g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL));
}

/* @word is a proper name of the reviews: written with a capital after a
 * lowercase word (“hit Sichuan”), not only at the start of a sentence as
 * any word can be */
static gboolean
is_name_in (const char *text,
            const char *word)
{
  gsize length = strlen (word);

  for (const char *found = strstr (text, word); found != NULL; found = strstr (found + 1, word))
    {
      const char *before = found;

      if (g_unichar_isalnum (g_utf8_get_char (found + length)))
        continue;
      if (before > text)
        before = g_utf8_prev_char (before);
      if (before > text && *before == ' ')
        {
          before = g_utf8_prev_char (before);
          if (g_unichar_islower (g_utf8_get_char (before)))
            return TRUE;
        }
    }

  return FALSE;
}

/* Runs this program under @locale; returns where → text, for every string
 * the UI showed, and the reviews' names (titles, authors, sites) in
 * @content[0], their texts in @content[1], the English topic labels in
 * @content[2] */
static GHashTable *
run_dump (const char  *locale,
          GPtrArray  **content)
{
  g_autofree char *output = g_test_build_filename (G_TEST_BUILT, "translations-", NULL);
  g_autofree char *file = NULL;
  g_autofree char *home = NULL;
  g_autofree char *self = g_test_build_filename (G_TEST_BUILT, "test-translations", NULL);
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *strings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *argv[] = { self, NULL };
  int status = 0;

  file = g_strconcat (output, locale, ".txt", NULL);
  home = g_strconcat (output, locale, "-home", NULL);
  g_unlink (file);
  env = g_environ_setenv (env, "CP_TEST_TRANSLATIONS_DUMP", file, TRUE);
  env = g_environ_setenv (env, "LC_ALL", locale, TRUE);
  env = g_environ_setenv (env, "LANG", locale, TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");
  env = g_environ_setenv (env, "LOCPATH", locpath, TRUE);
  /* Each run starts from the same state: the default topics, nothing
   * recent */
  cp_test_remove_tree (home);
  env = g_environ_setenv (env, "XDG_DATA_HOME", home, TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", home, TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", home, TRUE);

  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("the UI could not be shown under %s (see the errors above): %s", locale, error->message);

  g_file_get_contents (file, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);
      g_autofree char *key = NULL;
      guint n = 0;

      if (g_strv_length (fields) != 3)
        continue;
      if (g_str_equal (fields[0], "content"))
        {
          if (content != NULL)
            g_ptr_array_add (content[g_str_equal (fields[1], "topic") ? 2 : g_str_equal (fields[1], "text") ? 1 : 0],
                             normalize (fields[2]));
          continue;
        }
      /* Several strings of one kind at one place (drop-down choices) */
      do
        {
          g_free (key);
          key = g_strdup_printf ("%s\t%s\t%u", fields[0], fields[1], n++);
        }
      while (g_hash_table_contains (strings, key));
      g_hash_table_insert (strings, g_steal_pointer (&key), g_strdup (fields[2]));
    }
  cp_test_remove_tree (home);

  return strings;
}

static GHashTable *english;
static GPtrArray *content[3]; /* the reviews' names, their texts, the topics' labels */

static gboolean
in_list (const char * const *list,
         const char         *text)
{
  return list != NULL && g_strv_contains (list, text);
}

/* A piece of a string that needs no translation: empty, numbers and
 * punctuation only, a key name, a name or what the reviews say */
static gboolean
is_untranslatable (const char         *piece,
                   const char * const *same,
                   gboolean            quotes)
{
  g_autofree char *stripped = normalize (piece);
  gboolean letters = FALSE;

  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      letters = TRUE;
  if (!letters)
    return TRUE;
  if (in_list (same_everywhere, stripped) || in_list (same, stripped))
    return TRUE;
  /* A function key or a letter key (the shortcuts window) */
  if (g_utf8_strlen (stripped, -1) == 1 ||
      (stripped[0] == 'F' && g_ascii_isdigit (stripped[1])))
    return TRUE;
  /* A topic's label is UI even where the reviews use its words, but not
   * where a row quotes the reviews */
  for (guint i = 0; i < content[2]->len && !quotes; i++)
    if (g_str_equal (content[2]->pdata[i], stripped))
      return FALSE;
  for (guint i = 0; i < content[0]->len; i++)
    if (strstr (content[0]->pdata[i], stripped) != NULL)
      return TRUE;
  /* Words of the reviews (suggested themes, mentions): a capitalised
   * word alone may be a label left in English, so only lowercase words or
   * several words count */
  for (guint i = 0; i < content[1]->len; i++)
    {
      if (strchr (stripped, ' ') == NULL && g_unichar_isupper (g_utf8_get_char (stripped))
          ? is_name_in (content[1]->pdata[i], stripped)
          : strstr (content[1]->pdata[i], stripped) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* The whole string needs no translation, or each of its pieces between
 * separators (“1 · Title”, “Title (Read-Only)”) does not */
static gboolean
is_allowed (const char         *where,
            const char         *kind,
            const char         *text,
            const char * const *same)
{
  /* The Mentions window's rows quote the reviews */
  gboolean quotes = g_str_has_prefix (where, "mentions:") && strstr (where, "/GtkListItemWidget[") != NULL;
  g_auto(GStrv) pieces = NULL;
  g_autoptr(GRegex) separators = NULL;

  if (g_str_equal (kind, "key") || is_untranslatable (text, same, quotes))
    return TRUE;
  /* An entry is the reader's text, unless it shows a topic's English
   * label to edit (the topic editor's Name) */
  if (g_str_equal (kind, "entry"))
    return !g_ptr_array_find_with_equal_func (content[2], text, g_str_equal, NULL);
  separators = g_regex_new ("\\s+[·—–-]\\s+|[,:;()“”\"'‘’«»…]|\\\\n|\\s+\\+\\s+|[0-9]+", 0, 0, NULL);
  pieces = g_regex_split (separators, text, 0);
  for (guint i = 0; pieces[i] != NULL; i++)
    if (!is_untranslatable (pieces[i], same, quotes))
      return FALSE;

  return TRUE;
}

static void
test_locale (gconstpointer data)
{
  guint language = GPOINTER_TO_UINT (data);
  const char *locale = languages[language].locale;
  g_autoptr(GHashTable) translated = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n_paired = 0, n_offenders = 0, n_different = 0;

  ensure_locales ();
  if (english == NULL)
    {
      content[0] = g_ptr_array_new_with_free_func (g_free);
      content[1] = g_ptr_array_new_with_free_func (g_free);
      content[2] = g_ptr_array_new_with_free_func (g_free);
      english = run_dump ("C.UTF-8", content);
      g_assert_cmpuint (content[1]->len, >, 0);
    }
  translated = run_dump (locale, NULL);

  g_hash_table_iter_init (&iter, english);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *there = g_hash_table_lookup (translated, key);
      g_auto(GStrv) where = g_strsplit (key, "\t", 3);

      if (there == NULL)
        continue;
      n_paired++;
      if (!g_str_equal (there, value))
        n_different++;
      else if (!is_allowed (where[0], where[1], value, languages[language].same))
        {
          g_test_message ("untranslated under %s: “%s” (%s of %s)", locale, (const char *) value, where[1], where[0]);
          n_offenders++;
        }
    }

  g_test_message ("%s: %u of the %u English strings paired, %u translated, %u untranslated",
                  locale, n_paired, g_hash_table_size (english), n_different, n_offenders);
  /* The same UI was shown: nearly every English string has its place */
  if (n_paired < g_hash_table_size (english) * 9 / 10)
    g_test_fail_printf ("under %s only %u of the %u English strings were found at the same place: "
                        "the UI was not the same", locale, n_paired, g_hash_table_size (english));
  else if (n_offenders > 0)
    g_test_fail_printf ("%u strings are not translated under %s (listed above)", n_offenders, locale);
  else
    g_assert_cmpuint (n_different, >, n_paired / 2);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  const char *output = g_getenv ("CP_TEST_TRANSLATIONS_DUMP");

  if (output != NULL)
    return run_child (argc, argv, output);

  /* C.UTF-8: the messages keep their quotes and the reviews' letters */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/translations/%s", languages[i].locale);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_locale);
    }

  return g_test_run ();
}
