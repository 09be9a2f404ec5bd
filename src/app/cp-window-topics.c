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

static void
theme_track_cb (CpWindow    *self,
                CpTheme     *theme,
                CpThemeList *list)
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

  cp_window_set_focus_topic (self, topic_position (self, topic));
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
