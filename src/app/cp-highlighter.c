/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpHighlighter: the tags of one review's text buffer. It paints every
 * topic's mentions, underlines where one topic's colour hides another's,
 * tints the current mention's paragraph, and lights up search results and
 * the preview of a suggested theme; it styles them from the window's
 * #CpFocus, and offers the selection to the topics (“Track as New Topic”,
 * “Add to Topic ▸”) as a #GActionGroup and a menu section for the view.
 * The review pane keeps the header, the scroller and the ruler; it owns
 * no tag.
 *
 * Each topic has one GtkTextTag, applied to the mentions once after each
 * re-tagging; focusing a topic only changes tag properties. Offsets come
 * from the document's #CpMentions, in characters, which are the buffer's
 * offsets (the pane's display text swaps only a line break and a space).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cp-highlighter.h"
#include "cp-rgba.h"
#include "cp-term.h"
#include "cp-tints.h"

struct _CpHighlighter
{
  GObject             parent_instance;

  CpFocus            *focus;
  CpComparison       *comparison;
  CpDocument         *document;
  GtkTextView        *view;           /* weak */
  GtkSettings        *settings;       /* the view's: the dark style */
  GtkTextBuffer      *buffer;
  CpMentions         *mentions;       /* as last applied */

  GPtrArray          *topic_tags;     /* GtkTextTag per topic */
  GPtrArray          *under_tags;     /* GtkTextTag per topic, for overlaps */
  GtkTextTag         *current_tag;    /* never affects size: no relayout */
  GtkTextTag         *search_tag;
  GtkTextTag         *search_current_tag;
  GtkTextTag         *preview_tag;
  int                 current_start;  /* the tinted paragraph, or -1 */
  int                 current_end;
  CpMentions         *search_results;
  int                 current_result;

  GSimpleActionGroup *actions;
  GMenu              *menu;
  GMenu              *topics_menu;
  guint               selection_source;
};

G_DEFINE_FINAL_TYPE (CpHighlighter, cp_highlighter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEARCH_RESULTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A selection longer than this is not offered as a term: a topic's
 * terms are words and phrases, not passages. */
#define MAX_TERM_CHARS 80

static void
char_iters (CpHighlighter *self,
            guint          start_char,
            guint          end_char,
            GtkTextIter   *start,
            GtkTextIter   *end)
{
  gtk_text_buffer_get_iter_at_offset (self->buffer, start, start_char);
  gtk_text_buffer_get_iter_at_offset (self->buffer, end, end_char);
}

/* Every property set on a tag makes GTK redraw (and re-shape) each line
 * that carries it: set only what changed. */
static void
set_tag_rgba (GtkTextTag    *tag,
              const char    *property,
              const char    *set_property,
              const GdkRGBA *rgba)
{
  g_autoptr(GdkRGBA) current = NULL;
  gboolean is_set = FALSE;

  g_object_get (tag, property, &current, set_property, &is_set, NULL);
  if (rgba == NULL)
    {
      if (is_set)
        g_object_set (tag, set_property, FALSE, NULL);
    }
  else if (!is_set || current == NULL || !gdk_rgba_equal (current, rgba))
    g_object_set (tag, property, rgba, NULL);
}

static gboolean
is_dark (CpHighlighter *self)
{
  gboolean dark = FALSE;

  g_object_get (self->settings, "gtk-application-prefer-dark-theme", &dark, NULL);

  return dark;
}

static GdkRGBA
tint_rgba (CpTint tint)
{
  return (GdkRGBA) {
    ((tint.rgb >> 16) & 0xff) / 255.f,
    ((tint.rgb >> 8) & 0xff) / 255.f,
    (tint.rgb & 0xff) / 255.f,
    tint.alpha,
  };
}

/* Past the palette's size a topic shares its colour with an earlier one:
 * each round of colours gets its own underline (single, double, wavy).
 * An underline changes the layout: set only when a topic's round
 * changes, never when the focus does. */
static void
set_tag_cues (CpHighlighter *self)
{
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  guint n = MIN (self->topic_tags->len, cp_topic_set_get_n_topics (topics));

  for (guint i = 0; i < n; i++)
    {
      GtkTextTag *tag = g_ptr_array_index (self->topic_tags, i);
      PangoUnderline underline = cp_color_round_get_underline (cp_topic_set_get_color_round (topics, i));
      PangoUnderline current = PANGO_UNDERLINE_NONE;
      gboolean is_set = FALSE;

      g_object_get (tag, "underline", &current, "underline-set", &is_set, NULL);
      if (underline == PANGO_UNDERLINE_NONE)
        {
          if (is_set)
            g_object_set (tag, "underline-set", FALSE, NULL);
        }
      else if (!is_set || current != underline)
        g_object_set (tag, "underline", underline, NULL);
    }
}

/* The tints that follow the style, not the topics: the current paragraph
 * and the preview. */
static void
style_fixed_tags (CpHighlighter *self)
{
  const CpTints *tints = cp_tints_get (is_dark (self));
  GdkRGBA current = tint_rgba (tints->current);
  GdkRGBA preview = tint_rgba (tints->preview);
  GdkRGBA line = tint_rgba ((CpTint) { tints->preview_line, 1 });

  set_tag_rgba (self->current_tag, "paragraph-background-rgba", "paragraph-background-set", &current);
  set_tag_rgba (self->preview_tag, "background-rgba", "background-set", &preview);
  set_tag_rgba (self->preview_tag, "underline-rgba", "underline-rgba-set", &line);
}

static void
style_tags (CpHighlighter *self)
{
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  const CpTints *tints = cp_tints_get (is_dark (self));
  int focused = cp_focus_get_topic_index (self->focus);
  /* Topics may just have been removed, and this buffer not re-tagged yet:
   * the tags past the end are left for apply_tags() to clear. */
  guint n = MIN (self->topic_tags->len, cp_topic_set_get_n_topics (topics));

  for (guint i = 0; i < n; i++)
    {
      CpTopic *topic = cp_topic_set_get_topic (topics, i);
      GdkRGBA color;
      GdkRGBA under;

      if (focused < 0)
        color = cp_topic_get_rgba (topic, tints->topic_alpha);
      else if ((int) i == focused)
        color = cp_topic_get_rgba (topic, tints->focused_alpha);
      else
        color = cp_topic_get_rgba (topic, tints->dimmed_alpha);
      under = cp_topic_get_rgba (topic, focused < 0 || (int) i == focused ? 1.f : 0.25f);

      set_tag_rgba (g_ptr_array_index (self->topic_tags, i), "background-rgba", "background-set", &color);

      /* The focused topic is nearly opaque: pick black or white text by the
       * colour's luminance, so that it reads in light and dark style. */
      if ((int) i == focused)
        {
          double luminance = 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue;
          GdkRGBA text = luminance > 0.45 ? (GdkRGBA) { 0, 0, 0, 1 } : (GdkRGBA) { 1, 1, 1, 1 };

          set_tag_rgba (g_ptr_array_index (self->topic_tags, i), "foreground-rgba", "foreground-set", &text);
        }
      else
        set_tag_rgba (g_ptr_array_index (self->topic_tags, i), "foreground-rgba", "foreground-set", NULL);
      set_tag_rgba (g_ptr_array_index (self->under_tags, i), "underline-rgba", "underline-rgba-set", &under);
    }
}

/* The current mention's paragraph is tinted: removed where it was, applied
 * where the focus says, from the mentions the comparison has now. */
static void
update_current (CpHighlighter *self)
{
  CpMentions *mentions = cp_comparison_get_mentions_for_document (self->comparison, self->document);
  int current = cp_focus_get_current (self->focus, self->document);
  GtkTextIter start, end;

  if (self->current_start >= 0)
    {
      char_iters (self, self->current_start, self->current_end, &start, &end);
      gtk_text_buffer_remove_tag (self->buffer, self->current_tag, &start, &end);
      self->current_start = self->current_end = -1;
    }

  if (mentions == NULL || current < 0 || current >= (int) cp_mentions_get_n_mentions (mentions))
    return;

  char_iters (self,
              cp_mentions_get_char_start (mentions, current),
              cp_mentions_get_char_end (mentions, current),
              &start, &end);
  gtk_text_iter_set_line_offset (&start, 0);
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_apply_tag (self->buffer, self->current_tag, &start, &end);
  self->current_start = gtk_text_iter_get_offset (&start);
  self->current_end = gtk_text_iter_get_offset (&end);
}

static void
apply_tags (CpHighlighter *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);
  guint n_topics = cp_topic_set_get_n_topics (cp_comparison_get_topics (self->comparison));
  guint32 last_end = 0;
  int widest = -1;
  const CpMention *mentions = NULL;
  guint n_mentions = 0;
  GtkTextIter start, end;

  g_set_object (&self->mentions, cp_comparison_get_mentions_for_document (self->comparison, self->document));

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  for (guint i = 0; i < self->topic_tags->len; i++)
    {
      gtk_text_buffer_remove_tag (self->buffer, g_ptr_array_index (self->topic_tags, i), &start, &end);
      gtk_text_buffer_remove_tag (self->buffer, g_ptr_array_index (self->under_tags, i), &start, &end);
    }

  while (self->topic_tags->len < n_topics)
    {
      GtkTextTag *tag = gtk_text_tag_new (NULL);
      GtkTextTag *under = g_object_new (GTK_TYPE_TEXT_TAG, "underline", PANGO_UNDERLINE_DOUBLE, NULL);

      gtk_text_tag_table_add (table, tag);
      gtk_text_tag_table_add (table, under);
      g_ptr_array_add (self->topic_tags, tag);
      g_ptr_array_add (self->under_tags, under);
    }
  /* Overlap underlines over every topic colour; search results and the
   * current mention over everything */
  for (guint i = 0; i < self->under_tags->len; i++)
    gtk_text_tag_set_priority (g_ptr_array_index (self->under_tags, i), gtk_text_tag_table_get_size (table) - 1);
  gtk_text_tag_set_priority (self->preview_tag, gtk_text_tag_table_get_size (table) - 1);
  gtk_text_tag_set_priority (self->search_tag, gtk_text_tag_table_get_size (table) - 1);
  gtk_text_tag_set_priority (self->search_current_tag, gtk_text_tag_table_get_size (table) - 1);
  gtk_text_tag_set_priority (self->current_tag, gtk_text_tag_table_get_size (table) - 1);

  style_tags (self);
  set_tag_cues (self);

  /* Where mentions of two topics overlap, the later topic's tag (the
   * higher priority) hides the other's colour: underline that stretch in
   * the hidden topic's colour. */
  if (self->mentions != NULL)
    mentions = cp_mentions_get_all (self->mentions, &n_mentions);
  for (guint i = 0; i < n_mentions; i++)
    {
      const CpMention *m = &mentions[i];

      if (m->topic >= n_topics)
        continue;
      char_iters (self, cp_mentions_get_char_start (self->mentions, i), cp_mentions_get_char_end (self->mentions, i),
                  &start, &end);
      gtk_text_buffer_apply_tag (self->buffer, g_ptr_array_index (self->topic_tags, m->topic), &start, &end);

      if (widest >= 0 && m->start < last_end && mentions[widest].topic != m->topic)
        {
          guint hidden_topic = MIN (m->topic, mentions[widest].topic);

          char_iters (self,
                      cp_mentions_get_char_start (self->mentions, i),
                      MIN (cp_mentions_get_char_end (self->mentions, widest), cp_mentions_get_char_end (self->mentions, i)),
                      &start, &end);
          gtk_text_buffer_apply_tag (self->buffer, g_ptr_array_index (self->under_tags, hidden_topic), &start, &end);
        }
      if (m->end > last_end)
        {
          last_end = m->end;
          widest = i;
        }
    }

  update_current (self);
}

/* --- the selection's term, offered to the topics --- */

/* The term the selection would make, or NULL when there is none or it
 * would not make a valid term. */
static char *
dup_selection_term (CpHighlighter *self,
                    guint         *start_offset)
{
  g_autofree char *text = NULL;
  g_autofree char *term = NULL;
  GtkTextIter start, end;

  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
    return NULL;

  /* Checked before the text is copied: a select-all of a long review
   * must cost nothing here. */
  if (gtk_text_iter_get_offset (&end) - gtk_text_iter_get_offset (&start) > MAX_TERM_CHARS * 2)
    return NULL;

  text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
  term = cp_term_from_text (text);
  if (term == NULL || g_utf8_strlen (term, -1) > MAX_TERM_CHARS)
    return NULL;

  if (!cp_term_is_valid (term, NULL))
    return NULL;

  if (start_offset != NULL)
    *start_offset = gtk_text_iter_get_offset (&start);

  return g_steal_pointer (&term);
}

static void
set_action_enabled (CpHighlighter *self,
                    const char    *name,
                    gboolean       enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static gboolean
update_selection_actions_cb (gpointer user_data)
{
  CpHighlighter *self = user_data;
  g_autofree char *term = dup_selection_term (self, NULL);
  gboolean has_topics = g_menu_model_get_n_items (G_MENU_MODEL (self->topics_menu)) > 0;

  self->selection_source = 0;

  set_action_enabled (self, "track-selection", term != NULL);
  set_action_enabled (self, "add-selection-to-topic", term != NULL && has_topics);

  return G_SOURCE_REMOVE;
}

/* Marks move many times while a selection is dragged out: check once the
 * main loop is idle. */
static void
queue_update_selection_actions (CpHighlighter *self)
{
  if (self->selection_source == 0)
    self->selection_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE,
                                              update_selection_actions_cb,
                                              self, NULL);
}

static void
buffer_mark_set_cb (CpHighlighter *self,
                    GtkTextIter   *location,
                    GtkTextMark   *mark,
                    GtkTextBuffer *buffer)
{
  if (mark == gtk_text_buffer_get_insert (buffer) ||
      mark == gtk_text_buffer_get_selection_bound (buffer))
    queue_update_selection_actions (self);
}

static void
update_topics_menu (CpHighlighter *self)
{
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  guint n = cp_topic_set_get_n_topics (topics);

  g_menu_remove_all (self->topics_menu);

  for (guint i = 0; i < n; i++)
    {
      CpTopic *topic = cp_topic_set_get_topic (topics, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (cp_topic_get_display_label (topic), NULL);

      g_menu_item_set_action_and_target_value (item,
                                               "highlighter.add-selection-to-topic",
                                               g_variant_new_string (cp_topic_get_id (topic)));
      g_menu_append_item (self->topics_menu, item);
    }

  queue_update_selection_actions (self);
}

/* “Track as New Topic” and “Add to Topic ▸ …” hand the selection's term
 * to the window, which owns the topics: win.track-text (term, topic id
 * or "" for a new topic, the review's position, where the selection
 * starts). */
static void
selection_action_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CpHighlighter *self = user_data;
  g_autofree char *term = NULL;
  guint position;
  guint offset = 0;

  if (!cp_comparison_find_document (self->comparison, self->document, &position) || self->view == NULL)
    return;

  term = dup_selection_term (self, &offset);
  if (term == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self->view), "win.track-text", "(ssuu)",
                              term,
                              parameter != NULL ? g_variant_get_string (parameter, NULL) : "",
                              position,
                              offset);
}

/* --- what it follows --- */

static void
comparison_changed_cb (CpHighlighter      *self,
                       CpComparisonChange  change,
                       CpComparison       *comparison)
{
  if (change & (CP_COMPARISON_CHANGE_TOPICS | CP_COMPARISON_CHANGE_APPEARANCE))
    update_topics_menu (self);

  /* Other documents coming and going leave this one's mentions as they
   * are */
  if (change & CP_COMPARISON_CHANGE_TOPICS)
    apply_tags (self);
  else if (change & CP_COMPARISON_CHANGE_APPEARANCE)
    {
      style_tags (self);
      set_tag_cues (self);
    }
}

static void
dark_style_changed_cb (CpHighlighter *self,
                       GParamSpec    *pspec,
                       GtkSettings   *settings)
{
  style_fixed_tags (self);
  style_tags (self);
}

static void
focus_topic_cb (CpHighlighter *self,
                GParamSpec    *pspec,
                CpFocus       *focus)
{
  style_tags (self);
}

static void
focus_current_changed_cb (CpHighlighter *self,
                          CpDocument    *document,
                          CpFocus       *focus)
{
  if (document == self->document)
    update_current (self);
}

/* --- GObject --- */

static void
cp_highlighter_dispose (GObject *object)
{
  CpHighlighter *self = CP_HIGHLIGHTER (object);

  g_clear_handle_id (&self->selection_source, g_source_remove);
  g_clear_weak_pointer (&self->view);
  g_clear_object (&self->actions);
  g_clear_object (&self->menu);
  g_clear_object (&self->topics_menu);
  g_clear_object (&self->search_results);
  g_clear_object (&self->mentions);
  g_clear_pointer (&self->topic_tags, g_ptr_array_unref);
  g_clear_pointer (&self->under_tags, g_ptr_array_unref);
  g_clear_object (&self->buffer);
  g_clear_object (&self->settings);
  g_clear_object (&self->document);
  g_clear_object (&self->comparison);
  g_clear_object (&self->focus);

  G_OBJECT_CLASS (cp_highlighter_parent_class)->dispose (object);
}

static void
cp_highlighter_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CpHighlighter *self = CP_HIGHLIGHTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH_RESULTS:
      g_value_set_object (value, self->search_results);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_highlighter_class_init (CpHighlighterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cp_highlighter_dispose;
  object_class->get_property = cp_highlighter_get_property;

  /**
   * CpHighlighter:search-results:
   *
   * What the search finds in the review, or %NULL with no search.
   */
  properties[PROP_SEARCH_RESULTS] =
    g_param_spec_object ("search-results", NULL, NULL,
                         CP_TYPE_MENTIONS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static const GActionEntry selection_actions[] = {
  { "track-selection", selection_action_cb },
  { "add-selection-to-topic", selection_action_cb, "s" },
};

static void
cp_highlighter_init (CpHighlighter *self)
{
  self->current_start = self->current_end = -1;
  self->current_result = -1;
  self->topic_tags = g_ptr_array_new_with_free_func (g_object_unref);
  self->under_tags = g_ptr_array_new_with_free_func (g_object_unref);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), selection_actions,
                                   G_N_ELEMENTS (selection_actions), self);
  set_action_enabled (self, "track-selection", FALSE);
  set_action_enabled (self, "add-selection-to-topic", FALSE);

  /* A section of the view's context menu */
  self->topics_menu = g_menu_new ();
  self->menu = g_menu_new ();
  g_menu_append (self->menu, _("_Track as New Topic"), "highlighter.track-selection");
  g_menu_append_submenu (self->menu, _("_Add to Topic"), G_MENU_MODEL (self->topics_menu));
}

/**
 * cp_highlighter_new:
 * @focus: the window's focus, whose comparison holds @document
 * @document: the review shown in @view
 * @view: the view whose buffer holds @document's text; the highlighter
 *   keeps a weak reference to it, to hand selections to the window
 *
 * Returns: (transfer full): a highlighter that keeps @view's buffer tagged
 */
CpHighlighter *
cp_highlighter_new (CpFocus     *focus,
                    CpDocument  *document,
                    GtkTextView *view)
{
  CpHighlighter *self;

  g_return_val_if_fail (CP_IS_FOCUS (focus), NULL);
  g_return_val_if_fail (CP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  self = g_object_new (CP_TYPE_HIGHLIGHTER, NULL);
  self->focus = g_object_ref (focus);
  self->comparison = g_object_ref (cp_focus_get_comparison (focus));
  self->document = g_object_ref (document);
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  g_set_weak_pointer (&self->view, view);

  /* Changing a tag that affects size (underline, weight) makes GTK lay out
   * the whole buffer again: the current mention's paragraph is tinted
   * instead, and the overlap underlines are set once. */
  self->current_tag = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);

  /* A suggested theme being previewed: a neutral tint over an underline,
   * unlike any topic's colour or the accent-blue selection. Only ranges
   * and colours change, never the underline's style, so it costs no
   * relayout. (GTK 4.8 frees a tag's overline-rgba wrongly: no overline.) */
  self->preview_tag = gtk_text_buffer_create_tag (self->buffer, NULL,
                                                  "underline", PANGO_UNDERLINE_SINGLE,
                                                  NULL);
  /* The tints differ in the dark style: follow the setting the
   * application sets from the preference. */
  self->settings = g_object_ref (gtk_widget_get_settings (GTK_WIDGET (view)));
  style_fixed_tags (self);

  /* Search results in black and white, unlike any topic colour */
  self->search_tag = gtk_text_buffer_create_tag (self->buffer, NULL,
                                                 "background", "#3d3846",
                                                 "foreground", "#ffffff",
                                                 NULL);
  self->search_current_tag = gtk_text_buffer_create_tag (self->buffer, NULL,
                                                         "background", "#000000",
                                                         "foreground", "#ffffff",
                                                         "underline", PANGO_UNDERLINE_DOUBLE,
                                                         "weight", PANGO_WEIGHT_BOLD,
                                                         NULL);

  g_signal_connect_object (self->buffer, "mark-set",
                           G_CALLBACK (buffer_mark_set_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->comparison, "changed",
                           G_CALLBACK (comparison_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->focus, "notify::topic-index",
                           G_CALLBACK (focus_topic_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::gtk-application-prefer-dark-theme",
                           G_CALLBACK (dark_style_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->focus, "current-changed",
                           G_CALLBACK (focus_current_changed_cb), self,
                           G_CONNECT_SWAPPED);

  update_topics_menu (self);
  apply_tags (self);

  return self;
}

/**
 * cp_highlighter_get_focus:
 * @self: a #CpHighlighter
 *
 * Returns: (transfer none): the focus it follows
 */
CpFocus *
cp_highlighter_get_focus (CpHighlighter *self)
{
  g_return_val_if_fail (CP_IS_HIGHLIGHTER (self), NULL);

  return self->focus;
}

/**
 * cp_highlighter_get_document:
 * @self: a #CpHighlighter
 *
 * Returns: (transfer none): the review whose buffer it tags
 */
CpDocument *
cp_highlighter_get_document (CpHighlighter *self)
{
  g_return_val_if_fail (CP_IS_HIGHLIGHTER (self), NULL);

  return self->document;
}

/**
 * cp_highlighter_get_mentions:
 * @self: a #CpHighlighter
 *
 * Returns: (transfer none) (nullable): the mentions the buffer is tagged
 *   with
 */
CpMentions *
cp_highlighter_get_mentions (CpHighlighter *self)
{
  g_return_val_if_fail (CP_IS_HIGHLIGHTER (self), NULL);

  return self->mentions;
}

/**
 * cp_highlighter_get_actions:
 * @self: a #CpHighlighter
 *
 * Returns: (transfer none): “track-selection” and
 *   “add-selection-to-topic” (a topic id), to insert as “highlighter” into
 *   the view
 */
GActionGroup *
cp_highlighter_get_actions (CpHighlighter *self)
{
  g_return_val_if_fail (CP_IS_HIGHLIGHTER (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

/**
 * cp_highlighter_get_menu:
 * @self: a #CpHighlighter
 *
 * Returns: (transfer none): the section for the view's context menu
 */
GMenuModel *
cp_highlighter_get_menu (CpHighlighter *self)
{
  g_return_val_if_fail (CP_IS_HIGHLIGHTER (self), NULL);

  return G_MENU_MODEL (self->menu);
}

/**
 * cp_highlighter_get_topic_tag:
 * @self: a #CpHighlighter
 * @topic: a topic index
 *
 * Returns: (transfer none) (nullable): the tag that paints @topic's
 *   mentions, or %NULL when there is none yet
 */
GtkTextTag *
cp_highlighter_get_topic_tag (CpHighlighter *self,
                              guint          topic)
{
  g_return_val_if_fail (CP_IS_HIGHLIGHTER (self), NULL);

  return topic < self->topic_tags->len ? g_ptr_array_index (self->topic_tags, topic) : NULL;
}

/**
 * cp_highlighter_get_preview_tag:
 * @self: a #CpHighlighter
 *
 * Returns: (transfer none): the tag that cp_highlighter_set_preview()
 *   applies
 */
GtkTextTag *
cp_highlighter_get_preview_tag (CpHighlighter *self)
{
  g_return_val_if_fail (CP_IS_HIGHLIGHTER (self), NULL);

  return self->preview_tag;
}

/**
 * cp_highlighter_get_mention_at:
 * @self: a #CpHighlighter
 * @char_offset: a character offset in the review
 *
 * Returns: the index of the mention at @char_offset (the focused topic's,
 *   where mentions overlap), or -1
 */
int
cp_highlighter_get_mention_at (CpHighlighter *self,
                               guint          char_offset)
{
  g_return_val_if_fail (CP_IS_HIGHLIGHTER (self), -1);

  if (self->mentions == NULL)
    return -1;
  return cp_mentions_find_at (self->mentions, char_offset, cp_focus_get_topic_index (self->focus));
}

/* Applies @tag to what @matcher finds in the review and returns that. */
static CpMentions *
tag_matches (CpHighlighter *self,
             GtkTextTag    *tag,
             CpMatcher     *matcher)
{
  GArray *scanned = cp_matcher_scan (matcher,
                                     cp_document_get_text (self->document),
                                     cp_document_get_length (self->document));
  guint n_topics = 1;
  CpMentions *found;
  GtkTextIter start, end;

  for (guint i = 0; i < scanned->len; i++)
    n_topics = MAX (n_topics, g_array_index (scanned, CpMention, i).topic + 1);
  found = cp_mentions_new (self->document, scanned, n_topics);
  for (guint i = 0; i < cp_mentions_get_n_mentions (found); i++)
    {
      char_iters (self, cp_mentions_get_char_start (found, i), cp_mentions_get_char_end (found, i), &start, &end);
      gtk_text_buffer_apply_tag (self->buffer, tag, &start, &end);
    }

  return found;
}

/**
 * cp_highlighter_set_search:
 * @self: a #CpHighlighter
 * @matcher: (nullable): a compiled matcher for the phrase to find (one
 *   topic), or %NULL to clear
 *
 * Highlights what @matcher finds in the review, with the same rules as
 * topic terms (case, whole words, white space).
 *
 * Returns: the number of results
 */
guint
cp_highlighter_set_search (CpHighlighter *self,
                           CpMatcher     *matcher)
{
  GtkTextIter start, end;

  g_return_val_if_fail (CP_IS_HIGHLIGHTER (self), 0);
  g_return_val_if_fail (!matcher || CP_IS_MATCHER (matcher), 0);

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->search_tag, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->search_current_tag, &start, &end);
  g_clear_object (&self->search_results);
  self->current_result = -1;

  if (matcher != NULL)
    self->search_results = tag_matches (self, self->search_tag, matcher);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_RESULTS]);

  return self->search_results != NULL ? cp_mentions_get_n_mentions (self->search_results) : 0;
}

/**
 * cp_highlighter_step_search:
 * @self: a #CpHighlighter
 * @forward: the direction
 * @start_char: (out): where the result now current starts
 * @end_char: (out): where it ends
 *
 * Marks the next (or previous) search result as the current one,
 * wrapping around.
 *
 * Returns: %FALSE when there is no result
 */
gboolean
cp_highlighter_step_search (CpHighlighter *self,
                            gboolean       forward,
                            guint         *start_char,
                            guint         *end_char)
{
  GtkTextIter start, end;
  guint n;

  g_return_val_if_fail (CP_IS_HIGHLIGHTER (self), FALSE);

  if (self->search_results == NULL || cp_mentions_get_n_mentions (self->search_results) == 0)
    return FALSE;

  n = cp_mentions_get_n_mentions (self->search_results);
  if (self->current_result < 0)
    self->current_result = forward ? 0 : n - 1;
  else
    self->current_result = (self->current_result + (forward ? 1 : n - 1)) % n;

  *start_char = cp_mentions_get_char_start (self->search_results, self->current_result);
  *end_char = cp_mentions_get_char_end (self->search_results, self->current_result);

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->search_current_tag, &start, &end);
  char_iters (self, *start_char, *end_char, &start, &end);
  gtk_text_buffer_apply_tag (self->buffer, self->search_current_tag, &start, &end);

  return TRUE;
}

/**
 * cp_highlighter_get_search_position:
 * @self: a #CpHighlighter
 * @n_results: (out): how many results the search has in the review
 *
 * Returns: the index of the current search result, or -1
 */
int
cp_highlighter_get_search_position (CpHighlighter *self,
                                    guint         *n_results)
{
  g_return_val_if_fail (CP_IS_HIGHLIGHTER (self), -1);
  g_return_val_if_fail (n_results != NULL, -1);

  *n_results = self->search_results != NULL ? cp_mentions_get_n_mentions (self->search_results) : 0;
  return *n_results > 0 ? self->current_result : -1;
}

/**
 * cp_highlighter_get_search_results:
 * @self: a #CpHighlighter
 *
 * Returns: (transfer none) (nullable): what the search finds in the
 *   review, or %NULL with no search
 */
CpMentions *
cp_highlighter_get_search_results (CpHighlighter *self)
{
  g_return_val_if_fail (CP_IS_HIGHLIGHTER (self), NULL);

  return self->search_results;
}

/**
 * cp_highlighter_get_search_range:
 * @self: a #CpHighlighter
 * @start_char: (out): where the current search result starts
 * @end_char: (out): where it ends
 *
 * Returns: %FALSE when no search result is current
 */
gboolean
cp_highlighter_get_search_range (CpHighlighter *self,
                                 guint         *start_char,
                                 guint         *end_char)
{
  g_return_val_if_fail (CP_IS_HIGHLIGHTER (self), FALSE);

  if (self->search_results == NULL || self->current_result < 0)
    return FALSE;
  *start_char = cp_mentions_get_char_start (self->search_results, self->current_result);
  *end_char = cp_mentions_get_char_end (self->search_results, self->current_result);
  return TRUE;
}

/**
 * cp_highlighter_set_preview:
 * @self: a #CpHighlighter
 * @matcher: (nullable): a compiled matcher for the phrases to preview, or
 *   %NULL to clear
 *
 * Lights up, for the time being, what @matcher finds in the review: the
 * mentions a suggested theme would have if it were tracked. Topic colors,
 * search results and the view's position stay as they are.
 *
 * Returns: the number of mentions lit up
 */
guint
cp_highlighter_set_preview (CpHighlighter *self,
                            CpMatcher     *matcher)
{
  g_autoptr(CpMentions) found = NULL;
  GtkTextIter start, end;

  g_return_val_if_fail (CP_IS_HIGHLIGHTER (self), 0);
  g_return_val_if_fail (!matcher || CP_IS_MATCHER (matcher), 0);

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->preview_tag, &start, &end);

  if (matcher == NULL)
    return 0;

  found = tag_matches (self, self->preview_tag, matcher);

  return cp_mentions_get_n_mentions (found);
}
