/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-matcher.h"
#include "cp-term.h"
#include "cp-topic-editor.h"
#include "cp-window-private.h"

/*
 * The window's part in making topics the user's own: the topic editor
 * (win.edit-topic), deleting a topic with Undo (win.delete-topic), the
 * suggested themes' preview and Track button, and the text view's
 * “Track as New Topic” and “Add to Topic ▸” (win.track-text).
 */

/* Editors */

static void
editor_destroyed_cb (CpWindow  *self,
                     GtkWidget *editor)
{
  GHashTableIter iter;
  gpointer value;

  if (self->editors == NULL)
    return;

  g_hash_table_iter_init (&iter, self->editors);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (value == editor)
        g_hash_table_iter_remove (&iter);
    }
}

static void
editor_delete_requested_cb (CpWindow      *self,
                            CpTopicEditor *editor)
{
  CpTopic *topic = cp_topic_editor_get_topic (editor);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.delete-topic", "s", cp_topic_get_id (topic));
}

static void
edit_topic (CpWindow *self,
            CpTopic  *topic)
{
  GtkWidget *editor = g_hash_table_lookup (self->editors, topic);

  if (editor == NULL)
    {
      editor = cp_topic_editor_new (self->comparison, topic);
      gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (editor), TRUE);
      g_signal_connect_object (editor, "delete-requested",
                               G_CALLBACK (editor_delete_requested_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (editor, "destroy",
                               G_CALLBACK (editor_destroyed_cb), self,
                               G_CONNECT_SWAPPED);
      g_hash_table_insert (self->editors, g_object_ref (topic), editor);
    }

  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_topic_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  CpTopic *topic;

  topic = cp_topic_set_lookup (cp_comparison_get_topics (self->comparison),
                               g_variant_get_string (parameter, NULL), NULL);
  if (topic != NULL)
    edit_topic (self, topic);
}

/* Deleting, and its Undo */

typedef struct
{
  CpTopic *topic;
  guint    position;
  gboolean focused;
} DeletedTopic;

static void
deleted_topic_free (gpointer data)
{
  DeletedTopic *deleted = data;

  g_object_unref (deleted->topic);
  g_free (deleted);
}

static void
undo_delete (CpWindow *self,
             gpointer  data)
{
  DeletedTopic *deleted = data;
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  guint position;

  /* Undone twice, or a topic of that id made since: nothing to restore
   * that would not clash. */
  if (cp_topic_set_lookup (topics, cp_topic_get_id (deleted->topic), NULL) != NULL)
    return;

  position = MIN (deleted->position, cp_topic_set_get_n_topics (topics));
  cp_topic_set_insert (topics, position, deleted->topic);

  if (deleted->focused)
    cp_window_set_focus_topic (self, position);
}

static void
delete_topic_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  g_autofree char *message = NULL;
  DeletedTopic *deleted;
  GtkWidget *editor;
  CpTopic *topic;
  guint position;

  topic = cp_topic_set_lookup (topics, g_variant_get_string (parameter, NULL), &position);
  if (topic == NULL)
    return;

  deleted = g_new0 (DeletedTopic, 1);
  deleted->topic = g_object_ref (topic);
  deleted->position = position;
  deleted->focused = cp_focus_get_topic_index (self->focus) == (int) position;

  editor = g_hash_table_lookup (self->editors, topic);
  if (editor != NULL)
    gtk_window_destroy (GTK_WINDOW (editor));

  if (deleted->focused)
    cp_window_set_focus_topic (self, -1);
  cp_topic_set_remove (topics, position);

  /* Translators: %s is the name of the topic that was deleted */
  message = g_strdup_printf (_("Topic “%s” deleted"), cp_topic_get_display_label (topic));
  cp_window_notify_with_undo (self, message, undo_delete, deleted, deleted_topic_free);
}

/* New topics */

/* The label of a topic made from a phrase: the phrase with its first
 * letter capitalized, as the default topics' labels are written. */
static char *
dup_label_for_phrase (const char *phrase)
{
  gunichar first = g_utf8_get_char (phrase);
  GString *label = g_string_new (NULL);

  g_string_append_unichar (label, g_unichar_totitle (first));
  g_string_append (label, g_utf8_next_char (phrase));

  return g_string_free (label, FALSE);
}

static int
topic_position (CpWindow *self,
                CpTopic  *topic)
{
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  guint position;

  if (cp_topic_set_lookup (topics, cp_topic_get_id (topic), &position) != topic)
    return -1;

  return position;
}

static CpTopic *
track_theme (CpWindow *self,
             CpTheme  *theme)
{
  const char * const *variants = cp_theme_get_variants (theme);
  g_autoptr(GPtrArray) terms = g_ptr_array_new ();
  g_autofree char *label = dup_label_for_phrase (cp_theme_get_phrase (theme));
  CpTopic *topic;

  /* Every spelling that was merged into the theme becomes a term, so
   * that the topic finds what the suggestion counted. */
  g_ptr_array_add (terms, (gpointer) cp_theme_get_phrase (theme));
  for (guint i = 0; variants != NULL && variants[i] != NULL; i++)
    {
      if (cp_term_is_valid (variants[i], NULL))
        g_ptr_array_add (terms, (gpointer) variants[i]);
    }
  g_ptr_array_add (terms, NULL);

  topic = cp_topic_set_add_new (cp_comparison_get_topics (self->comparison),
                                label,
                                (const char * const *) terms->pdata);

  return topic;
}

static void
theme_track_cb (CpWindow    *self,
                CpTheme     *theme,
                CpThemeList *list)
{
  CpTopic *topic = track_theme (self, theme);

  cp_window_set_focus_topic (self, topic_position (self, topic));
}

/* Starting from the suggestions, and its Undo */

/* How many suggestions “Start from These Themes” tracks. */
#define START_THEMES 8

typedef struct
{
  GPtrArray *added;  /* CpTopic */
  GPtrArray *hidden; /* CpTopic */
} Started;

static void
started_free (gpointer data)
{
  Started *started = data;

  g_ptr_array_unref (started->added);
  g_ptr_array_unref (started->hidden);
  g_free (started);
}

static void
undo_start (CpWindow *self,
            gpointer  data)
{
  Started *started = data;
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);

  for (guint i = 0; i < started->added->len; i++)
    {
      guint position;

      if (cp_topic_set_lookup (topics, cp_topic_get_id (g_ptr_array_index (started->added, i)), &position) ==
          g_ptr_array_index (started->added, i))
        cp_topic_set_remove (topics, position);
    }
  for (guint i = 0; i < started->hidden->len; i++)
    cp_topic_set_enabled (g_ptr_array_index (started->hidden, i), TRUE);
  g_ptr_array_set_size (started->added, 0);
  g_ptr_array_set_size (started->hidden, 0);
}

static void
theme_start_cb (CpWindow    *self,
                CpThemeList *list)
{
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  guint n_topics = cp_topic_set_get_n_topics (topics);
  g_autoptr(GPtrArray) themes = g_ptr_array_new_with_free_func (g_object_unref);
  Started *started = g_new0 (Started, 1);
  g_autofree char *message = NULL;

  started->added = g_ptr_array_new_with_free_func (g_object_unref);
  started->hidden = g_ptr_array_new_with_free_func (g_object_unref);

  /* The topics that find nothing go out of sight first, while their
   * positions still match the counts. */
  for (guint i = 0; i < n_topics; i++)
    {
      CpTopic *topic = cp_topic_set_get_topic (topics, i);

      if (cp_topic_get_enabled (topic) && cp_comparison_get_total (self->comparison, i) == 0)
        g_ptr_array_add (started->hidden, g_object_ref (topic));
    }
  for (guint i = 0; i < started->hidden->len; i++)
    cp_topic_set_enabled (g_ptr_array_index (started->hidden, i), FALSE);

  /* Tracking changes the list: take the themes first. */
  for (guint i = 0; i < MIN (START_THEMES, cp_theme_list_get_n_themes (list)); i++)
    g_ptr_array_add (themes, g_object_ref (cp_theme_list_get_theme (list, i)));
  for (guint i = 0; i < themes->len; i++)
    g_ptr_array_add (started->added, g_object_ref (track_theme (self, g_ptr_array_index (themes, i))));

  message = g_strdup_printf (ngettext ("Tracking %u suggested theme", "Tracking %u suggested themes",
                                       started->added->len),
                             started->added->len);
  cp_window_notify_with_undo (self, message, undo_start, started, started_free);
}

/* Whether the topics find little in the open reviews: at most one of
 * them is shared by two reviews or more. */
static gboolean
topics_find_little (CpWindow *self)
{
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  guint shared = 0;

  if (cp_comparison_get_n_documents (self->comparison) < 2)
    return FALSE;

  for (guint i = 0; i < cp_topic_set_get_n_topics (topics); i++)
    {
      if (cp_topic_get_enabled (cp_topic_set_get_topic (topics, i)) &&
          cp_comparison_get_spread (self->comparison, i) >= 2)
        shared++;
    }

  return shared <= 1;
}

/* The topic list's height, wherever it is in the sidebar */
int
cp_window_get_topic_list_height (CpWindow *self)
{
  int position = gtk_paned_get_position (self->sidebar_paned);

  if (gtk_paned_get_start_child (self->sidebar_paned) == GTK_WIDGET (self->topic_list))
    return position;
  return MAX (gtk_widget_get_height (GTK_WIDGET (self->sidebar_paned)) - position, 0);
}

/* The suggestions moved to the top before the sidebar had a height: once
 * it has one, the topic list, now at the bottom, gets its height back */
static void
sidebar_max_position_cb (CpWindow   *self,
                         GParamSpec *pspec,
                         GtkPaned   *paned)
{
  int height = gtk_widget_get_height (GTK_WIDGET (paned));

  if (self->pending_topic_list_height <= 0 || height <= self->pending_topic_list_height)
    return;
  if (gtk_paned_get_start_child (paned) == GTK_WIDGET (self->theme_list))
    gtk_paned_set_position (paned, height - self->pending_topic_list_height);
  self->pending_topic_list_height = 0;
}

/* When the topics find little, the suggestions lead the sidebar. */
static void
update_theme_offer (CpWindow *self)
{
  gboolean little = topics_find_little (self);
  GtkWidget *first = gtk_paned_get_start_child (self->sidebar_paned);
  GtkWidget *leading = little ? GTK_WIDGET (self->theme_list) : GTK_WIDGET (self->topic_list);

  cp_theme_list_set_offer_start (self->theme_list, little);

  if (first != leading)
    {
      g_autoptr(GtkWidget) start = g_object_ref (gtk_paned_get_start_child (self->sidebar_paned));
      g_autoptr(GtkWidget) end = g_object_ref (gtk_paned_get_end_child (self->sidebar_paned));
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
      g_autoptr(GtkWidget) refocus = NULL;
      int height = gtk_widget_get_height (GTK_WIDGET (self->sidebar_paned));
      int position = gtk_paned_get_position (self->sidebar_paned);

      /* GtkPaned loses track of the focus when the child it last had
       * focus in moves: take the focus off while they move, then give it
       * back. */
      if (focus != NULL)
        {
          refocus = g_object_ref (focus);
          gtk_root_set_focus (GTK_ROOT (self), NULL);
        }

      gtk_paned_set_start_child (self->sidebar_paned, NULL);
      gtk_paned_set_end_child (self->sidebar_paned, NULL);
      gtk_paned_set_start_child (self->sidebar_paned, end);
      gtk_paned_set_end_child (self->sidebar_paned, start);
      /* Each list keeps the height it had, now at the other end */
      if (height > 0 && position > 0 && position < height)
        gtk_paned_set_position (self->sidebar_paned, height - position);
      else if (height <= 0 && position > 0)
        {
          self->pending_topic_list_height = position;
          if (self->sidebar_size_id == 0)
            self->sidebar_size_id = g_signal_connect_object (self->sidebar_paned, "notify::max-position",
                                                             G_CALLBACK (sidebar_max_position_cb), self,
                                                             G_CONNECT_SWAPPED);
        }

      if (refocus != NULL)
        gtk_widget_grab_focus (refocus);
    }
}

static void
theme_list_busy_cb (CpWindow    *self,
                    GParamSpec  *pspec,
                    CpThemeList *list)
{
  update_theme_offer (self);
}

static void
offer_comparison_changed_cb (CpWindow           *self,
                             CpComparisonChange  change,
                             CpComparison       *comparison)
{
  if (change & (CP_COMPARISON_CHANGE_DOCUMENTS | CP_COMPARISON_CHANGE_TOPICS))
    update_theme_offer (self);
}

static void
track_text_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  const char *term;
  const char *id;
  guint document;
  guint offset;
  CpReviewPane *pane;
  CpTopic *topic;
  int position;
  int mention;

  g_variant_get (parameter, "(&s&suu)", &term, &id, &document, &offset);

  if (*id == '\0')
    {
      g_autofree char *label = dup_label_for_phrase (term);

      topic = cp_topic_set_add_new (topics, label, (const char *[]) { term, NULL });
    }
  else
    {
      topic = cp_topic_set_lookup (topics, id, NULL);
      if (topic == NULL)
        return;

      /* A topic that is switched off would hide what was just added. */
      cp_topic_add_term (topic, term);
      cp_topic_set_enabled (topic, TRUE);
    }

  position = topic_position (self, topic);
  pane = document < cp_comparison_get_n_documents (self->comparison) ? cp_window_get_pane (self, document) : NULL;
  mention = pane != NULL ? cp_mentions_find_at (cp_review_pane_get_mentions (pane), offset, position) : -1;
  if (mention >= 0 && cp_mentions_get_mention (cp_review_pane_get_mentions (pane), mention)->topic != (guint) position)
    mention = -1;

  /* Level the other panes with the mention that was selected, where the
   * reader is, rather than jumping to the first mention. */
  if (mention >= 0)
    cp_window_focus_mention (self, pane, mention);
  else
    cp_window_set_focus_topic (self, position);
}

/* Previews */

static void
theme_preview_cb (CpWindow    *self,
                  GParamSpec  *pspec,
                  CpThemeList *list)
{
  CpTheme *theme = cp_theme_list_get_preview (list);
  g_autoptr(CpMatcher) matcher = NULL;
  guint n = cp_window_get_n_panes (self);

  if (theme != NULL)
    {
      const char * const *variants = cp_theme_get_variants (theme);

      matcher = cp_matcher_new ();
      cp_matcher_add_term (matcher, 0, 0, cp_theme_get_phrase (theme), NULL);
      for (guint i = 0; variants != NULL && variants[i] != NULL; i++)
        cp_matcher_add_term (matcher, 0, i + 1, variants[i], NULL);

      if (!cp_matcher_compile (matcher, NULL))
        g_clear_object (&matcher);
    }

  for (guint i = 0; i < n; i++)
    cp_highlighter_set_preview (cp_review_pane_get_highlighter (cp_window_get_pane (self, i)), matcher);
}

void
cp_window_class_topics_init (CpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.edit-topic", "s", edit_topic_action);
  gtk_widget_class_install_action (widget_class, "win.delete-topic", "s", delete_topic_action);
  gtk_widget_class_install_action (widget_class, "win.track-text", "(ssuu)", track_text_action);
}

void
cp_window_topics_init (CpWindow *self)
{
  self->editors = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  cp_theme_list_set_comparison (self->theme_list, self->comparison);
  g_signal_connect_object (self->theme_list, "track",
                           G_CALLBACK (theme_track_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->theme_list, "notify::preview",
                           G_CALLBACK (theme_preview_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->theme_list, "start",
                           G_CALLBACK (theme_start_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->theme_list, "notify::busy",
                           G_CALLBACK (theme_list_busy_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->comparison, "changed",
                           G_CALLBACK (offer_comparison_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
cp_window_topics_dispose (CpWindow *self)
{
  g_autoptr(GHashTable) editors = g_steal_pointer (&self->editors);
  GHashTableIter iter;
  gpointer value;

  if (editors == NULL)
    return;

  g_hash_table_iter_init (&iter, editors);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gtk_window_destroy (GTK_WINDOW (value));
}
