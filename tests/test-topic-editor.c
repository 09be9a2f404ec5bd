/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include "cp-comparison.h"
#include "cp-error.h"
#include "cp-topic-editor.h"
#include "cp-test-gtk-utils.h"

/* Three short reviews. Per document, the “seeds” topic's own term
 * (sunflower seed*) is mentioned 1, 1, 0 times, and “porcelain” 2, 2, 1
 * times. No term of another topic overlaps a mention of these. */
static const char * const texts[] = {
  "Alpha review\n\n"
  "The sunflower seeds filled the hall. He tweeted about it while porcelain "
  "husks crunched underfoot. Porcelain is fragile.\n",

  "Beta review\n\n"
  "A hundred million sunflower seeds, each painted by hand in porcelain. "
  "Porcelain, everywhere, as far as the eye can see.\n",

  "Gamma review\n\n"
  "He posts to Twitter daily, and the Tate Modern show of porcelain comes "
  "up only once.\n",
};

static const char * const titles[] = {
  "Alpha review",
  "Beta review",
  "Gamma review",
};

typedef struct
{
  CpTopicSet    *topics;
  CpComparison  *comparison;
  CpTopic       *topic;      /* “seeds”, at position 1 of the set */
  CpTopicEditor *editor;     /* a reference of our own */
  guint          n_delete_requests;
} Fixture;

typedef gboolean (*Condition) (Fixture *fixture,
                               gpointer data);

typedef struct
{
  Fixture   *fixture;
  Condition  condition;
  gpointer   data;
} Wait;

static gboolean
wait_holds (gpointer user_data)
{
  Wait *wait = user_data;

  return wait->condition (wait->fixture, wait->data);
}

/* Runs the main loop until @condition holds; fails the test, naming
 * @what, if it does not in time. */
static gboolean
wait_until (Fixture    *fixture,
            Condition   condition,
            gpointer    data,
            const char *what)
{
  Wait wait = { fixture, condition, data };

  cp_test_wait_until (wait_holds, &wait, what);

  return condition (fixture, data);
}

/* The editor's own timers and idles (counting, applying after a pause,
 * pruning empty rows) all have the editor as their data: none is left
 * once it has done all it meant to. */
static gboolean
editor_is_idle (Fixture  *fixture,
                gpointer  data)
{
  return g_main_context_find_source_by_user_data (NULL, fixture->editor) == NULL;
}

static void
clicked_cb (GtkButton *button,
            gboolean  *clicked)
{
  *clicked = TRUE;
}

/* Activates @button as the keyboard does; GtkButton emits “clicked” a
 * moment later, after showing the button pressed. */
static void
click (GtkWidget *button)
{
  g_autoptr(GtkWidget) held G_GNUC_UNUSED = g_object_ref (button);
  gboolean clicked = FALSE;
  gulong id = g_signal_connect (button, "clicked", G_CALLBACK (clicked_cb), &clicked);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_activate (button));
  cp_test_wait_for_flag (&clicked, "the button to be clicked");

  g_signal_handler_disconnect (button, id);
}

static gpointer
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->editor),
                                                   CP_TYPE_TOPIC_EDITOR,
                                                   name);

  g_assert_nonnull (object);

  return object;
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;

  return n;
}

static GtkWidget *
row_box (GtkListBox *list,
         guint       index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  g_assert_nonnull (row);

  return gtk_list_box_row_get_child (row);
}

/* A term row holds an entry and a remove button. */
static GtkEditable *
term_entry (Fixture *fixture,
            guint    index)
{
  GtkWidget *entry = gtk_widget_get_first_child (row_box (child (fixture, "terms_list"), index));

  g_assert_true (GTK_IS_ENTRY (entry));

  return GTK_EDITABLE (entry);
}

static GtkWidget *
remove_button (Fixture *fixture,
               guint    index)
{
  GtkWidget *button = gtk_widget_get_last_child (row_box (child (fixture, "terms_list"), index));

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Remove Term");

  return button;
}

/* A count row holds the review's title and “N mentions”. */
static const char *
count_title (Fixture *fixture,
             guint    document)
{
  GtkWidget *label = gtk_widget_get_first_child (row_box (child (fixture, "counts_list"), document));

  return gtk_label_get_label (GTK_LABEL (label));
}

static const char *
count_text (Fixture *fixture,
            guint    document)
{
  GtkWidget *label = gtk_widget_get_last_child (row_box (child (fixture, "counts_list"), document));

  return gtk_label_get_label (GTK_LABEL (label));
}

static void
assert_count_labels (Fixture    *fixture,
                     const char *first,
                     const char *second,
                     const char *third)
{
  g_assert_cmpuint (n_rows (child (fixture, "counts_list")), ==, 3);
  g_assert_cmpstr (count_text (fixture, 0), ==, first);
  g_assert_cmpstr (count_text (fixture, 1), ==, second);
  g_assert_cmpstr (count_text (fixture, 2), ==, third);
}

static void
assert_terms (Fixture    *fixture,
              const char *first,
              const char *second)
{
  const char * const *terms = cp_topic_get_terms (fixture->topic);
  const char *expected[] = { first, second, NULL };

  g_assert_true (g_strv_equal (terms, expected));
  g_assert_cmpuint (n_rows (child (fixture, "terms_list")), ==, g_strv_length ((char **) expected));
}

static void
assert_comparison_counts (Fixture *fixture,
                          guint    first,
                          guint    second,
                          guint    third)
{
  g_assert_cmpuint (cp_comparison_get_count (fixture->comparison, 1, 0), ==, first);
  g_assert_cmpuint (cp_comparison_get_count (fixture->comparison, 1, 1), ==, second);
  g_assert_cmpuint (cp_comparison_get_count (fixture->comparison, 1, 2), ==, third);
}

static gboolean
count_text_is (Fixture  *fixture,
               gpointer  data)
{
  return g_strcmp0 (count_text (fixture, 0), data) == 0;
}

static gboolean
first_term_is (Fixture  *fixture,
               gpointer  data)
{
  return g_strcmp0 (cp_topic_get_terms (fixture->topic)[0], data) == 0;
}

static gboolean
topic_is_disabled (Fixture  *fixture,
                   gpointer  data)
{
  return !cp_topic_get_enabled (fixture->topic);
}

/* A destroyed window leaves GTK's list of toplevels; it is disposed only
 * when the last reference goes, and the fixture holds one. */
static gboolean
is_closed (Fixture  *fixture,
           gpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (window == G_OBJECT (fixture->editor))
        return FALSE;
    }

  return TRUE;
}

static void
delete_requested_cb (CpTopicEditor *editor,
                     Fixture       *fixture)
{
  fixture->n_delete_requests++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->topics = cp_topic_set_new ();
  cp_test_add_topic (fixture->topics, "twitter", "Twitter", "tweet*");
  cp_test_add_topic (fixture->topics, "seeds", "Sunflower seeds", "sunflower seed*");
  cp_test_add_topic (fixture->topics, "tate", "Tate Modern", "Tate Modern");
  fixture->topic = cp_topic_set_get_topic (fixture->topics, 1);
  cp_topic_set_color (fixture->topic, "#228833");

  fixture->comparison = cp_comparison_new (fixture->topics);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *name = g_strdup_printf ("review-%u.txt", i);
      g_autoptr(CpDocument) document = cp_document_new_from_text (name, texts[i], -1);

      cp_comparison_append_document (fixture->comparison, document);
    }

  fixture->editor = CP_TOPIC_EDITOR (cp_topic_editor_new (fixture->comparison, fixture->topic));
  g_object_ref (fixture->editor);
  g_signal_connect (fixture->editor, "delete-requested", G_CALLBACK (delete_requested_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->editor));
  cp_test_wait_for_draw (GTK_WIDGET (fixture->editor));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (!is_closed (fixture, NULL))
    cp_test_destroy_window (GTK_WINDOW (fixture->editor));
  cp_test_drain_main_context ();

  g_assert_finalize_object (fixture->editor);
  g_assert_finalize_object (fixture->comparison);
  g_assert_finalize_object (fixture->topics);
}

static void
test_open (Fixture       *fixture,
           gconstpointer  data)
{
  g_assert_true (cp_topic_editor_get_topic (fixture->editor) == fixture->topic);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->editor)), ==, "Edit “Sunflower seeds”");
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (fixture->editor)));

  g_assert_cmpstr (gtk_editable_get_text (child (fixture, "label_entry")), ==, "Sunflower seeds");
  g_assert_true (gtk_switch_get_active (child (fixture, "enabled_switch")));
  assert_terms (fixture, "sunflower seed*", NULL);
  g_assert_cmpstr (gtk_editable_get_text (term_entry (fixture, 0)), ==, "sunflower seed*");

  /* Each review numbered as its pane and the sheet number it */
  for (guint d = 0; d < G_N_ELEMENTS (titles); d++)
    {
      g_autofree char *numbered = g_strdup_printf ("%u · %s", d + 1, titles[d]);

      g_assert_cmpstr (count_title (fixture, d), ==, numbered);
    }
  assert_count_labels (fixture, "1 mention", "1 mention", "0 mentions");
  assert_comparison_counts (fixture, 1, 1, 0);

  g_assert_false (gtk_widget_get_visible (child (fixture, "terms_error")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "label_hint")));
  g_assert_true (gtk_widget_has_css_class (child (fixture, "delete_button"), "destructive-action"));
}

static void
test_label (Fixture       *fixture,
            gconstpointer  data)
{
  GtkEditable *entry = child (fixture, "label_entry");

  gtk_editable_set_text (entry, "Porcelain seeds");
  g_assert_cmpstr (cp_topic_get_label (fixture->topic), ==, "Porcelain seeds");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->editor)), ==, "Edit “Porcelain seeds”");

  /* An empty label is not applied. */
  gtk_editable_set_text (entry, "  ");
  g_assert_cmpstr (cp_topic_get_label (fixture->topic), ==, "Porcelain seeds");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_true (gtk_widget_get_visible (child (fixture, "label_hint")));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "  ");

  gtk_editable_set_text (entry, " Seeds ");
  g_assert_cmpstr (cp_topic_get_label (fixture->topic), ==, "Seeds");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_false (gtk_widget_get_visible (child (fixture, "label_hint")));

  /* A label set elsewhere shows. */
  cp_topic_set_label (fixture->topic, "Husks");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Husks");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->editor)), ==, "Edit “Husks”");
}

static void
test_add_term (Fixture       *fixture,
               gconstpointer  data)
{
  GtkEditable *add_entry = child (fixture, "add_entry");
  GtkWidget *add_button = child (fixture, "add_button");

  g_assert_false (gtk_widget_get_sensitive (add_button));

  /* The counts follow the typing before anything is applied. */
  gtk_editable_set_text (add_entry, "porcelain");
  g_assert_true (gtk_widget_get_sensitive (add_button));
  g_assert_true (wait_until (fixture, count_text_is, (gpointer) "3 mentions", "the counts to say 3 mentions"));
  assert_count_labels (fixture, "3 mentions", "3 mentions", "1 mention");
  assert_terms (fixture, "sunflower seed*", NULL);
  assert_comparison_counts (fixture, 1, 1, 0);

  g_signal_emit_by_name (add_entry, "activate");
  assert_terms (fixture, "sunflower seed*", "porcelain");
  g_assert_cmpstr (gtk_editable_get_text (term_entry (fixture, 1)), ==, "porcelain");
  g_assert_cmpstr (gtk_editable_get_text (add_entry), ==, "");
  g_assert_false (gtk_widget_get_sensitive (add_button));
  assert_comparison_counts (fixture, 3, 3, 1);
  assert_count_labels (fixture, "3 mentions", "3 mentions", "1 mention");

  /* The Add button does the same. */
  gtk_editable_set_text (add_entry, "Tate Modern");
  click (add_button);
  g_assert_cmpuint (g_strv_length ((char **) cp_topic_get_terms (fixture->topic)), ==, 3);
  g_assert_cmpstr (cp_topic_get_terms (fixture->topic)[2], ==, "Tate Modern");
  g_assert_cmpuint (n_rows (child (fixture, "terms_list")), ==, 3);
  assert_count_labels (fixture, "3 mentions", "3 mentions", "2 mentions");
}

static void
test_edit_term (Fixture       *fixture,
                gconstpointer  data)
{
  GtkEditable *entry = term_entry (fixture, 0);

  /* Typing applies after a pause... */
  gtk_editable_set_text (entry, "porcelain");
  g_assert_true (wait_until (fixture, first_term_is, (gpointer) "porcelain", "the typed term to be applied"));
  assert_terms (fixture, "porcelain", NULL);
  assert_comparison_counts (fixture, 2, 2, 1);
  g_assert_true (wait_until (fixture, count_text_is, (gpointer) "2 mentions", "the counts to say 2 mentions"));
  assert_count_labels (fixture, "2 mentions", "2 mentions", "1 mention");

  /* ...and Enter applies at once. */
  gtk_editable_set_text (entry, "sunflower seed*");
  g_signal_emit_by_name (entry, "activate");
  assert_terms (fixture, "sunflower seed*", NULL);
  assert_comparison_counts (fixture, 1, 1, 0);
  assert_count_labels (fixture, "1 mention", "1 mention", "0 mentions");

  /* Leaving the entry applies at once too. */
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (entry, "porcelain husk*");
  gtk_widget_grab_focus (child (fixture, "add_entry"));
  assert_terms (fixture, "porcelain husk*", NULL);
  assert_count_labels (fixture, "1 mention", "0 mentions", "0 mentions");

  /* A term emptied and left is removed, with its row. */
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (entry, "");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (g_strv_length ((char **) cp_topic_get_terms (fixture->topic)), ==, 0);
  g_assert_true (wait_until (fixture, editor_is_idle, NULL, "the editor to prune the empty row"));
  g_assert_cmpuint (n_rows (child (fixture, "terms_list")), ==, 0);
  g_assert_true (gtk_widget_has_focus (child (fixture, "add_entry")) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->editor)),
                                         child (fixture, "add_entry")));

  /* Terms set elsewhere replace the rows. */
  {
    const char *terms[] = { "tweet*", "porcelain", NULL };

    cp_topic_set_terms (fixture->topic, terms);
    assert_terms (fixture, "tweet*", "porcelain");
    g_assert_cmpstr (gtk_editable_get_text (term_entry (fixture, 1)), ==, "porcelain");
  }
}

static void
test_remove_term (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkEditable *add_entry = child (fixture, "add_entry");

  gtk_editable_set_text (add_entry, "porcelain");
  g_signal_emit_by_name (add_entry, "activate");
  assert_terms (fixture, "sunflower seed*", "porcelain");

  click (remove_button (fixture, 0));
  assert_terms (fixture, "porcelain", NULL);
  g_assert_cmpstr (gtk_editable_get_text (term_entry (fixture, 0)), ==, "porcelain");
  assert_comparison_counts (fixture, 2, 2, 1);
  assert_count_labels (fixture, "2 mentions", "2 mentions", "1 mention");

  click (remove_button (fixture, 0));
  g_assert_cmpuint (g_strv_length ((char **) cp_topic_get_terms (fixture->topic)), ==, 0);
  g_assert_cmpuint (n_rows (child (fixture, "terms_list")), ==, 0);
  assert_comparison_counts (fixture, 0, 0, 0);
  assert_count_labels (fixture, "0 mentions", "0 mentions", "0 mentions");
}

static void
test_invalid_term (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *star[] = { "*", NULL };
  GtkEditable *add_entry = child (fixture, "add_entry");
  GtkLabel *error_label = child (fixture, "terms_error");
  g_autoptr(GError) error = NULL;
  g_autofree guint *counts = NULL;
  GtkEditable *entry;

  counts = cp_comparison_count_terms (fixture->comparison, star, &error);
  g_assert_error (error, CP_ERROR, CP_ERROR_INVALID_TERM);
  g_assert_null (counts);

  /* Not added... */
  gtk_editable_set_text (add_entry, "*");
  g_signal_emit_by_name (add_entry, "activate");
  assert_terms (fixture, "sunflower seed*", NULL);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (add_entry), "error"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_label (error_label), ==, error->message);
  g_assert_cmpstr (gtk_editable_get_text (add_entry), ==, "*");

  /* ...until the entry changes. */
  gtk_editable_set_text (add_entry, "");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (add_entry), "error"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));

  /* Not applied when a term is edited into it: the topic keeps the old
   * term. */
  entry = term_entry (fixture, 0);
  gtk_editable_set_text (entry, "*");
  g_signal_emit_by_name (entry, "activate");
  /* Past the pause after typing, and the counting. */
  g_assert_true (wait_until (fixture, editor_is_idle, NULL, "the editor's timers to run"));
  assert_terms (fixture, "sunflower seed*", NULL);
  assert_comparison_counts (fixture, 1, 1, 0);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_label (error_label), ==, error->message);
  /* The counts are of the valid terms as typed: none. */
  assert_count_labels (fixture, "0 mentions", "0 mentions", "0 mentions");

  gtk_editable_set_text (entry, "porcelain");
  g_signal_emit_by_name (entry, "activate");
  assert_terms (fixture, "porcelain", NULL);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  assert_count_labels (fixture, "2 mentions", "2 mentions", "1 mention");
}

static void
test_duplicate_term (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkEditable *add_entry = child (fixture, "add_entry");
  GtkLabel *error_label = child (fixture, "terms_error");

  gtk_editable_set_text (add_entry, "SUNFLOWER Seed*");
  g_signal_emit_by_name (add_entry, "activate");
  assert_terms (fixture, "sunflower seed*", NULL);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (add_entry), "error"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_label (error_label), ==,
                   "“SUNFLOWER Seed*” is already a term of this topic.");

  /* A second row edited into a copy of the first is not applied either. */
  gtk_editable_set_text (add_entry, "porcelain");
  g_signal_emit_by_name (add_entry, "activate");
  assert_terms (fixture, "sunflower seed*", "porcelain");
  gtk_editable_set_text (term_entry (fixture, 1), "Sunflower Seed*");
  g_signal_emit_by_name (term_entry (fixture, 1), "activate");
  assert_terms (fixture, "sunflower seed*", "porcelain");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (term_entry (fixture, 1)), "error"));
}

static void
test_shown (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *shown = child (fixture, "enabled_switch");

  g_assert_true (gtk_widget_activate (shown));
  g_assert_true (wait_until (fixture, topic_is_disabled, NULL, "the topic to be hidden"));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (shown)));
  assert_comparison_counts (fixture, 0, 0, 0);
  /* The live counts say what the terms find, shown or not. */
  assert_count_labels (fixture, "1 mention", "1 mention", "0 mentions");

  cp_topic_set_enabled (fixture->topic, TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (shown)));
  assert_comparison_counts (fixture, 1, 1, 0);
}

static void
test_color (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *palette = child (fixture, "palette_box");
  GtkWidget *blue = gtk_widget_get_first_child (palette);
  GtkWidget *green = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (blue)));
  GdkRGBA rgba;

  g_assert_cmpstr (gtk_widget_get_tooltip_text (blue), ==, "Blue");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (green)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (blue)));

  click (blue);
  g_assert_cmpstr (cp_topic_get_color (fixture->topic), ==, "#4477aa");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (blue)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (green)));

  /* Clicking the current color keeps it. */
  click (blue);
  g_assert_cmpstr (cp_topic_get_color (fixture->topic), ==, "#4477aa");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (blue)));

  /* The color button follows the topic, and sets it. */
  cp_topic_set_color (fixture->topic, "#123456");
  gtk_color_chooser_get_rgba (child (fixture, "color_button"), &rgba);
  g_assert_cmpfloat_with_epsilon (rgba.red, 0x12 / 255., 1e-3);
  g_assert_cmpfloat_with_epsilon (rgba.green, 0x34 / 255., 1e-3);
  g_assert_cmpfloat_with_epsilon (rgba.blue, 0x56 / 255., 1e-3);
  for (GtkWidget *button = blue; button != NULL; button = gtk_widget_get_next_sibling (button))
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));

  rgba = (GdkRGBA) { 0.8f, 0.6f, 0.4f, 1.f };
  gtk_color_chooser_set_rgba (child (fixture, "color_button"), &rgba);
  g_signal_emit_by_name (child (fixture, "color_button"), "color-set");
  g_assert_cmpstr (cp_topic_get_color (fixture->topic), ==, "#cc9966");
}

static void
test_documents_changed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CpDocument) document =
    cp_document_new_from_text ("review-3.txt", "Delta review\n\nSunflower seeds, sunflower seeds.\n", -1);

  cp_comparison_append_document (fixture->comparison, document);
  g_assert_cmpuint (n_rows (child (fixture, "counts_list")), ==, 4);
  g_assert_cmpstr (count_title (fixture, 3), ==, "4 · Delta review");
  g_assert_cmpstr (count_text (fixture, 3), ==, "2 mentions");

  cp_comparison_remove_document (fixture->comparison, 0);
  g_assert_cmpuint (n_rows (child (fixture, "counts_list")), ==, 3);
  g_assert_cmpstr (count_title (fixture, 0), ==, "1 · Beta review");
  g_assert_cmpstr (count_text (fixture, 0), ==, "1 mention");
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  click (child (fixture, "delete_button"));
  g_assert_cmpuint (fixture->n_delete_requests, ==, 1);
  /* Removing the topic is the owner's business. */
  g_assert_false (is_closed (fixture, NULL));
  g_assert_cmpuint (cp_topic_set_get_n_topics (fixture->topics), ==, 3);
}

static void
test_topic_removed (Fixture       *fixture,
                    gconstpointer  data)
{
  /* Another topic going does not close the editor. */
  cp_topic_set_remove (fixture->topics, 2);
  g_assert_true (wait_until (fixture, editor_is_idle, NULL, "the editor to take the change in"));
  cp_test_drain_main_context ();
  g_assert_false (is_closed (fixture, NULL));

  /* Its own topic going does. */
  cp_topic_set_remove (fixture->topics, 1);
  g_assert_true (wait_until (fixture, is_closed, NULL, "the editor to close"));
}

static void
test_close (Fixture       *fixture,
             gconstpointer  data)
{
  GtkEditable *entry = term_entry (fixture, 0);

  /* A term typed just before closing is applied, not lost. */
  gtk_editable_set_text (entry, "porcelain");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "window.close", NULL));
  g_assert_true (wait_until (fixture, is_closed, NULL, "the editor to close"));
  g_assert_cmpstr (cp_topic_get_terms (fixture->topic)[0], ==, "porcelain");
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  add_test ("/app/topic-editor/open", test_open);
  add_test ("/app/topic-editor/label", test_label);
  add_test ("/app/topic-editor/add-term", test_add_term);
  add_test ("/app/topic-editor/edit-term", test_edit_term);
  add_test ("/app/topic-editor/remove-term", test_remove_term);
  add_test ("/app/topic-editor/invalid-term", test_invalid_term);
  add_test ("/app/topic-editor/duplicate-term", test_duplicate_term);
  add_test ("/app/topic-editor/shown", test_shown);
  add_test ("/app/topic-editor/color", test_color);
  add_test ("/app/topic-editor/documents-changed", test_documents_changed);
  add_test ("/app/topic-editor/delete", test_delete);
  add_test ("/app/topic-editor/topic-removed", test_topic_removed);
  add_test ("/app/topic-editor/close", test_close);

  return g_test_run ();
}
