/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include "cp-comparison.h"
#include "cp-topic-list.h"
#include "cp-topic-list-swatch.h"
#include "cp-topic-list-item.h"
#include "cp-topic-list-row.h"
#include "cp-test-gtk-utils.h"

typedef struct
{
  CpTopicSet   *topics;
  CpComparison *comparison;
  GtkWidget    *window;
  CpTopicList  *list;
  GListModel   *model;
  guint         twitter;  /* mentioned by all four sample reviews */
  guint         festival; /* only the festival report says “festival” */
  guint         kafka;    /* no review mentions Kafka */
  guint         n_focus_notifies;
  CpFocus      *focus;
} Fixture;

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  return cp_test_find_label (widget, text) != NULL;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer user_data)
{
  LabelWait *wait = user_data;

  return has_label (wait->widget, wait->text);
}

/* Rows are bound again when the list view lays out. */
static void
wait_for_label (GtkWidget  *widget,
                const char *text)
{
  LabelWait wait = { widget, text };
  g_autofree char *what = g_strdup_printf ("a label that says “%s”", text);

  cp_test_wait_until (label_shown, &wait, what);
}

/* The row widget that shows @topic, if it is on screen. */
static CpTopicListRow *
find_row (GtkWidget *widget,
          guint      topic)
{
  if (CP_IS_TOPIC_LIST_ROW (widget))
    {
      CpTopicListItem *item = cp_topic_list_row_get_item (CP_TOPIC_LIST_ROW (widget));

      if (item != NULL &&
          !cp_topic_list_item_is_header (item) &&
          cp_topic_list_item_get_index (item) == topic)
        return CP_TOPIC_LIST_ROW (widget);

      return NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CpTopicListRow *row = find_row (child, topic);

      if (row != NULL)
        return row;
    }

  return NULL;
}

static guint
find_position (Fixture *fixture,
               guint    topic)
{
  for (guint i = 0; i < g_list_model_get_n_items (fixture->model); i++)
    {
      g_autoptr(CpTopicListItem) item = g_list_model_get_item (fixture->model, i);

      if (!cp_topic_list_item_is_header (item) && cp_topic_list_item_get_index (item) == topic)
        return i;
    }

  g_assert_not_reached ();
}

static char *
expected_summary (CpComparison *comparison,
                  guint         topic)
{
  return g_strdup_printf ("in %u of %u reviews · %u mentions",
                          cp_comparison_get_spread (comparison, topic),
                          cp_comparison_get_n_documents (comparison),
                          cp_comparison_get_total (comparison, topic));
}

static void
focus_notified_cb (CpFocus    *focus,
                   GParamSpec *pspec,
                   Fixture    *fixture)
{
  fixture->n_focus_notifies++;

  /* Whoever listens may well set the value back: that must not loop. */
  cp_focus_set_topic (focus, cp_focus_get_topic (focus));
}

static void
set_focus (Fixture *fixture,
           int      topic)
{
  cp_focus_set_topic (fixture->focus, topic >= 0 ? cp_topic_set_get_topic (fixture->topics, topic) : NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  gboolean with_documents = GPOINTER_TO_INT (user_data);
  GtkListView *list_view;

  fixture->topics = cp_topic_set_new_default ();
  fixture->twitter = G_MAXUINT;
  g_assert_nonnull (cp_topic_set_lookup (fixture->topics, "twitter", &fixture->twitter));
  fixture->festival = cp_test_add_topic (fixture->topics, "festivals", "Festivals", "festival*");
  fixture->kafka = cp_test_add_topic (fixture->topics, "kafka", "Kafka", "Kafka*");
  fixture->comparison = cp_comparison_new (fixture->topics);

  if (with_documents)
    {
      g_autoptr(GPtrArray) samples = cp_test_load_samples ();

      for (guint i = 0; i < samples->len; i++)
        cp_comparison_append_document (fixture->comparison, samples->pdata[i]);
    }

  fixture->focus = cp_focus_new (fixture->comparison);
  fixture->list = CP_TOPIC_LIST (cp_topic_list_new ());
  cp_topic_list_set_focus (fixture->list, fixture->focus);
  g_assert_true (cp_topic_list_get_comparison (fixture->list) == fixture->comparison);
  g_assert_true (cp_topic_list_get_focus (fixture->list) == fixture->focus);
  g_signal_connect (fixture->focus, "notify::topic-index", G_CALLBACK (focus_notified_cb), fixture);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 300, 800);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->list));
  gtk_window_present (GTK_WINDOW (fixture->window));
  cp_test_wait_for_layout (fixture->window);

  list_view = GTK_LIST_VIEW (cp_test_find_widget (GTK_WIDGET (fixture->list), GTK_TYPE_LIST_VIEW));
  g_assert_nonnull (list_view);
  fixture->model = G_LIST_MODEL (gtk_list_view_get_model (list_view));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->list), (gpointer *)&fixture->list);
  cp_test_destroy_window (GTK_WINDOW (fixture->window));
  g_assert_null (fixture->list);

  g_clear_object (&fixture->topics);
  g_assert_finalize_object (fixture->focus);
  g_assert_finalize_object (fixture->comparison);
}

static void
test_order (Fixture       *fixture,
            gconstpointer  user_data)
{
  guint n_items = g_list_model_get_n_items (fixture->model);
  guint n_topics = cp_topic_set_get_n_topics (fixture->topics);
  g_autofree gboolean *seen = g_new0 (gboolean, n_topics);
  g_autoptr(CpTopicListItem) last = NULL;
  g_autofree char *closed_title = NULL;
  CpTopicListItem *previous = NULL;
  CpTopicListSection section = CP_TOPIC_LIST_SECTION_SHARED;
  GtkWidget *list_view = cp_test_find_widget (GTK_WIDGET (fixture->list), GTK_TYPE_LIST_VIEW);
  guint n_headers = 0;
  guint n_unmentioned = 0;

  for (guint t = 0; t < n_topics; t++)
    n_unmentioned += cp_comparison_get_spread (fixture->comparison, t) == 0;
  g_assert_cmpuint (n_unmentioned, >, 0);

  /* The topics no review mentions are a closed section at the end: its
   * heading says how many */
  g_assert_cmpuint (n_items, ==, n_topics + 3 - n_unmentioned);
  last = g_list_model_get_item (fixture->model, n_items - 1);
  g_assert_true (cp_topic_list_item_is_header (last));
  g_assert_cmpint (cp_topic_list_item_get_section (last), ==, CP_TOPIC_LIST_SECTION_UNMENTIONED);
  g_assert_true (cp_topic_list_item_get_collapsed (last));
  closed_title = g_strdup_printf (n_unmentioned == 1 ? "▸ Not mentioned (%u topic)" : "▸ Not mentioned (%u topics)",
                                  n_unmentioned);
  g_assert_cmpstr (cp_topic_list_item_get_title (last), ==, closed_title);

  /* Activating the heading opens it: every topic once, plus a heading for
   * each of the three sections */
  gtk_widget_activate_action (list_view, "list.activate-item", "u", n_items - 1);
  n_items = g_list_model_get_n_items (fixture->model);
  g_assert_cmpuint (n_items, ==, n_topics + 3);
  g_assert_false (cp_topic_list_item_get_collapsed (last));
  g_assert_cmpstr (cp_topic_list_item_get_title (last), ==, "▾ Not mentioned");

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CpTopicListItem) item = g_list_model_get_item (fixture->model, i);
      guint topic, spread;

      if (cp_topic_list_item_is_header (item))
        {
          g_assert_cmpint (cp_topic_list_item_get_section (item), ==, n_headers);
          n_headers++;
          section = cp_topic_list_item_get_section (item);
          previous = NULL;
          continue;
        }

      g_assert_cmpuint (n_headers, >, 0);
      topic = cp_topic_list_item_get_index (item);
      g_assert_false (seen[topic]);
      seen[topic] = TRUE;

      spread = cp_comparison_get_spread (fixture->comparison, topic);
      switch (section)
        {
        case CP_TOPIC_LIST_SECTION_SHARED:
          g_assert_cmpuint (spread, >=, 2);
          break;

        case CP_TOPIC_LIST_SECTION_SINGLE:
          g_assert_cmpuint (spread, ==, 1);
          break;

        case CP_TOPIC_LIST_SECTION_UNMENTIONED:
        case CP_TOPIC_LIST_N_SECTIONS:
        default:
          g_assert_cmpuint (spread, ==, 0);
          break;
        }

      /* By spread, then by total, both descending. */
      if (previous != NULL)
        {
          guint previous_topic = cp_topic_list_item_get_index (previous);
          guint previous_spread = cp_comparison_get_spread (fixture->comparison, previous_topic);

          g_assert_cmpuint (previous_spread, >=, spread);
          if (previous_spread == spread)
            g_assert_cmpuint (cp_comparison_get_total (fixture->comparison, previous_topic), >=,
                              cp_comparison_get_total (fixture->comparison, topic));
        }

      g_clear_object (&previous);
      previous = g_object_ref (item);
    }
  g_clear_object (&previous);

  g_assert_cmpuint (n_headers, ==, 3);

  /* Shared topics come first; the two extra topics each have a section
   * of their own at the end. */
  g_assert_cmpuint (find_position (fixture, fixture->twitter), <, find_position (fixture, fixture->festival));
  g_assert_cmpuint (find_position (fixture, fixture->festival), ==, n_items - 3);
  g_assert_cmpuint (find_position (fixture, fixture->kafka), ==, n_items - 1);

  /* The headings are on screen. */
  g_assert_true (has_label (GTK_WIDGET (fixture->list), "Shared topics"));
  g_assert_true (has_label (GTK_WIDGET (fixture->list), "In one review"));
  g_assert_true (has_label (GTK_WIDGET (fixture->list), "▾ Not mentioned"));
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *twitter = expected_summary (fixture->comparison, fixture->twitter);
  g_autoptr(CpDocument) extra = NULL;
  g_autoptr(CpComparison) single = NULL;
  g_autoptr(CpFocus) single_focus = NULL;
  g_autoptr(CpTopicListItem) item = NULL;
  const char *shown;

  /* The unmentioned topics open, to show their summaries */
  gtk_widget_activate_action (cp_test_find_widget (GTK_WIDGET (fixture->list), GTK_TYPE_LIST_VIEW),
                              "list.activate-item", "u", g_list_model_get_n_items (fixture->model) - 1);
  wait_for_label (GTK_WIDGET (fixture->list), "not mentioned");

  /* Twitter is in every sample review; “festival” twice in one. */
  g_assert_cmpuint (cp_comparison_get_spread (fixture->comparison, fixture->twitter), ==, 4);
  g_assert_true (has_label (GTK_WIDGET (fixture->list), twitter));
  g_assert_true (has_label (GTK_WIDGET (fixture->list), "in 1 of 4 reviews · 2 mentions"));
  g_assert_true (has_label (GTK_WIDGET (fixture->list), "not mentioned"));

  /* A fifth review counts at once. */
  extra = cp_document_new_from_text ("extra", "A festival tweet.", -1);
  cp_comparison_append_document (fixture->comparison, extra);
  wait_for_label (GTK_WIDGET (fixture->list), "in 2 of 5 reviews · 3 mentions");
  g_assert_true (has_label (GTK_WIDGET (fixture->list), "in 2 of 5 reviews · 3 mentions"));

  /* Singular forms. */
  single = cp_comparison_new (fixture->topics);
  cp_comparison_append_document (single, extra);
  single_focus = cp_focus_new (single);
  cp_topic_list_set_focus (fixture->list, single_focus);
  wait_for_label (GTK_WIDGET (fixture->list), "in 1 of 1 review · 1 mention");
  item = g_list_model_get_item (fixture->model, find_position (fixture, fixture->festival));
  shown = cp_topic_list_item_get_summary (item);
  g_assert_cmpstr (shown, ==, "in 1 of 1 review · 1 mention");
  g_assert_true (has_label (GTK_WIDGET (fixture->list), shown));
  g_assert_true (has_label (GTK_WIDGET (fixture->list), "not mentioned"));

  cp_topic_list_set_focus (fixture->list, fixture->focus);
}

static void
test_switch (Fixture       *fixture,
             gconstpointer  user_data)
{
  CpTopic *topic = cp_topic_set_get_topic (fixture->topics, fixture->twitter);
  guint position = find_position (fixture, fixture->twitter);
  g_autofree char *summary = NULL;
  CpTopicListRow *row;
  GtkSwitch *toggle;

  row = find_row (GTK_WIDGET (fixture->list), fixture->twitter);
  g_assert_nonnull (row);
  toggle = GTK_SWITCH (cp_test_find_widget (GTK_WIDGET (row), GTK_TYPE_SWITCH));
  g_assert_true (gtk_switch_get_active (toggle));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (toggle)), ==, "Show Twitter");

  /* Switching off hides the topic: the comparison no longer counts it,
   * and the row stays where it was, saying so. */
  gtk_switch_set_active (toggle, FALSE);
  wait_for_label (GTK_WIDGET (row), "hidden");
  g_assert_false (cp_topic_get_enabled (topic));
  g_assert_cmpuint (cp_comparison_get_total (fixture->comparison, fixture->twitter), ==, 0);
  g_assert_cmpuint (find_position (fixture, fixture->twitter), ==, position);
  g_assert_true (find_row (GTK_WIDGET (fixture->list), fixture->twitter) == row);
  g_assert_true (has_label (GTK_WIDGET (row), "hidden"));

  /* And the other way round. */
  cp_topic_set_enabled (topic, TRUE);
  summary = expected_summary (fixture->comparison, fixture->twitter);
  wait_for_label (GTK_WIDGET (row), summary);
  g_assert_true (gtk_switch_get_active (toggle));
  g_assert_cmpuint (cp_comparison_get_total (fixture->comparison, fixture->twitter), >, 0);
  g_assert_true (has_label (GTK_WIDGET (row), summary));

  /* A renamed topic is re-sorted and relabelled. */
  cp_topic_set_label (topic, "Tweets");
  wait_for_label (GTK_WIDGET (fixture->list), "Tweets");
  g_assert_true (has_label (GTK_WIDGET (fixture->list), "Tweets"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (toggle)), ==, "Show Tweets");
}

static void
test_focus (Fixture       *fixture,
            gconstpointer  user_data)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (fixture->model);
  CpTopicListItem *item;
  guint position;
  int twitter = fixture->twitter;

  g_assert_cmpint (cp_focus_get_topic_index (fixture->focus), ==, -1);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);

  /* From outside: the row is selected. */
  set_focus (fixture, twitter);
  g_assert_cmpuint (fixture->n_focus_notifies, ==, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, find_position (fixture, twitter));
  set_focus (fixture, twitter);
  g_assert_cmpuint (fixture->n_focus_notifies, ==, 1);

  /* From the list: the property follows, once. */
  position = find_position (fixture, fixture->festival);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), position, TRUE);
  g_assert_cmpint (cp_focus_get_topic_index (fixture->focus), ==, fixture->festival);
  g_assert_cmpuint (fixture->n_focus_notifies, ==, 2);

  /* A heading stands for no topic. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), 0, TRUE);
  g_assert_cmpint (cp_focus_get_topic_index (fixture->focus), ==, -1);
  g_assert_cmpuint (fixture->n_focus_notifies, ==, 3);

  /* Activating a row focuses its topic. */
  g_signal_emit_by_name (cp_test_find_widget (GTK_WIDGET (fixture->list), GTK_TYPE_LIST_VIEW),
                         "activate", find_position (fixture, twitter));
  g_assert_cmpint (cp_focus_get_topic_index (fixture->focus), ==, twitter);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, find_position (fixture, twitter));

  /* The selection survives a recount that moves rows about. */
  fixture->n_focus_notifies = 0;
  cp_topic_set_enabled (cp_topic_set_get_topic (fixture->topics, 0), FALSE);
  cp_topic_set_enabled (cp_topic_set_get_topic (fixture->topics, 0), TRUE);
  g_assert_cmpuint (fixture->n_focus_notifies, ==, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, find_position (fixture, twitter));

  /* …and a topic removed in front of it: the index follows the topic. */
  cp_topic_set_remove (fixture->topics, 0);
  g_assert_cmpint (cp_focus_get_topic_index (fixture->focus), ==, twitter - 1);
  g_assert_cmpuint (fixture->n_focus_notifies, ==, 1);
  item = gtk_single_selection_get_selected_item (selection);
  g_assert_nonnull (item);
  g_assert_cmpstr (cp_topic_get_id (cp_topic_list_item_get_topic (item)), ==, "twitter");

  /* Clearing the focus clears the selection. */
  set_focus (fixture, -1);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (fixture->n_focus_notifies, ==, 2);

  /* Removing the focused topic clears the focus. */
  set_focus (fixture, 0);
  cp_topic_set_remove (fixture->topics, 0);
  g_assert_cmpint (cp_focus_get_topic_index (fixture->focus), ==, -1);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  GtkStack *stack = GTK_STACK (cp_test_find_widget (GTK_WIDGET (fixture->list), GTK_TYPE_STACK));
  g_autoptr(CpDocument) document = NULL;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_true (has_label (GTK_WIDGET (fixture->list), "Open reviews to see the topics they share"));

  document = cp_document_new_from_text ("one", "Ai Weiwei tweets.", -1);
  cp_comparison_append_document (fixture->comparison, document);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  cp_comparison_remove_document (fixture->comparison, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  cp_topic_list_set_focus (fixture->list, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (fixture->model), ==, 0);
}

/* A colour that comes round again: the rows of such topics, and only
 * theirs, carry the second cue on their swatch */
static void
test_color_round (Fixture       *fixture,
                  gconstpointer  user_data)
{
  CpTopic *twitter = cp_topic_set_get_topic (fixture->topics, fixture->twitter);
  guint again = cp_test_add_topic (fixture->topics, "again", "Again", "again");
  g_autoptr(CpTopicListItem) item = NULL;
  g_autoptr(GPtrArray) swatches = NULL;
  guint n_cued = 0;
  guint n_expected = 0;
  guint round = G_MAXUINT;

  cp_topic_set_color (cp_topic_set_get_topic (fixture->topics, again), cp_topic_get_color (twitter));
  /* The new topic mentions nothing: its section opens to show it */
  gtk_widget_activate_action (cp_test_find_widget (GTK_WIDGET (fixture->list), GTK_TYPE_LIST_VIEW),
                              "list.activate-item", "u", g_list_model_get_n_items (fixture->model) - 1);
  cp_test_wait_for_layout (GTK_WIDGET (fixture->window));

  item = g_list_model_get_item (fixture->model, find_position (fixture, again));
  g_object_get (item, "color-round", &round, NULL);
  g_assert_cmpuint (round, ==, 1);

  swatches = cp_test_find_widgets (GTK_WIDGET (fixture->list), CP_TYPE_TOPIC_LIST_SWATCH);
  for (guint i = 0; i < swatches->len; i++)
    {
      /* rows the list keeps for later are not shown */
      if (!gtk_widget_get_mapped (swatches->pdata[i]))
        continue;
      g_object_get (swatches->pdata[i], "color-round", &round, NULL);
      n_cued += round > 0;
    }
  /* The topics made without a colour share the default grey too */
  for (guint t = 0; t < cp_topic_set_get_n_topics (fixture->topics); t++)
    n_expected += cp_topic_set_get_color_round (fixture->topics, t) > 0;
  g_assert_cmpuint (n_expected, >=, 1);
  g_assert_cmpuint (n_cued, ==, n_expected);
}

/* Reviews arriving one at a time, as the window loads them, in a sidebar
 * too short for the list: the first heading stays in sight. GTK 4.8 kept
 * the row that was at the top in place while rows changed, so “Shared
 * topics” ended up scrolled above the view. */
static void
test_heading_in_sight (void)
{
  g_autoptr(CpTopicSet) topics = cp_topic_set_new_default ();
  g_autoptr(CpComparison) comparison = cp_comparison_new (topics);
  g_autoptr(CpFocus) focus = cp_focus_new (comparison);
  g_autoptr(GPtrArray) samples = cp_test_load_samples ();
  GtkWidget *window = gtk_window_new ();
  CpTopicList *list = CP_TOPIC_LIST (cp_topic_list_new ());
  GtkAdjustment *vadjustment;
  GtkWidget *list_view;

  cp_topic_list_set_focus (list, focus);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 260);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (list));
  gtk_window_present (GTK_WINDOW (window));
  cp_test_wait_for_layout (window);

  list_view = cp_test_find_widget (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW);
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  for (guint i = 0; i < samples->len; i++)
    {
      cp_comparison_append_document (comparison, samples->pdata[i]);
      cp_test_wait_for_layout (window);
      cp_test_drain_main_context ();
    }

  /* The list does not fit, and it shows its start */
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >, gtk_adjustment_get_page_size (vadjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0.0);
  wait_for_label (list_view, "Shared topics");

  cp_test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/app/topic-list/order", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_order, fixture_tear_down);
  g_test_add ("/app/topic-list/counts", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_counts, fixture_tear_down);
  g_test_add ("/app/topic-list/color-round", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_color_round, fixture_tear_down);
  g_test_add ("/app/topic-list/switch", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_switch, fixture_tear_down);
  g_test_add ("/app/topic-list/focus", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_focus, fixture_tear_down);
  g_test_add ("/app/topic-list/empty", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_empty, fixture_tear_down);
  g_test_add_func ("/app/topic-list/heading-in-sight", test_heading_in_sight);

  return g_test_run ();
}
