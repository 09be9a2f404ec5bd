/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpReviewPane: one review, its header and its text with every topic's
 * mentions highlighted.
 *
 * Each topic has one GtkTextTag per buffer, applied to the mentions once
 * after each re-tagging; focusing a topic only changes tag properties.
 * Where two topics overlap, the later tag's colour wins and an underline
 * tag of the other topic keeps it visible.
 *
 * GtkTextView lays out a paragraph as a whole, which stalls on very long
 * lines. The buffer breaks paragraphs longer than MAX_PARAGRAPH bytes by
 * turning a space into a line break: one character for one, so offsets in
 * the buffer are the document's character offsets.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cp-overview-ruler.h"
#include "cp-review-pane.h"
#include "cp-term.h"

#define MAX_PARAGRAPH (16 * 1024)

struct _CpReviewPane
{
  GtkWidget        parent_instance;

  CpComparison    *comparison;
  CpDocument      *document;
  int              focus_topic;
  int              current_mention;

  GPtrArray       *topic_tags;  /* GtkTextTag per topic */
  GPtrArray       *under_tags;  /* GtkTextTag per topic, for overlaps */
  GtkTextTag      *current_tag;     /* never affects size: no relayout */
  GtkTextTag      *search_tag;
  GtkTextTag      *search_current_tag;
  GtkTextTag      *preview_tag;
  GArray          *search_results; /* CpMention */
  int              current_result;

  GtkWidget       *header;
  GtkLabel        *title_label;
  GtkLabel        *subtitle_label;
  GtkLabel        *notice_label;
  GtkScrolledWindow *scroller;
  GtkTextView     *view;
  CpOverviewRuler *ruler;

  /* The text view's context menu additions: “Track as New Topic” and
   * “Add to Topic ▸”, whose items follow the topic set. */
  GMenu           *extra_menu;
  GMenu           *topics_menu;
  guint            selection_source;
};

G_DEFINE_FINAL_TYPE (CpReviewPane, cp_review_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COMPARISON,
  PROP_DOCUMENT,
  PROP_FOCUS_TOPIC,
  PROP_SHOW_RULER,
  N_PROPS
};

enum {
  MENTION_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Whether the text is prose hard-wrapped at a fixed width, as e-mail and
 * plain-text articles are: most lines of its paragraphs are of similar,
 * long-ish length. */
static gboolean
is_hard_wrapped (const char *text,
                 gsize       length)
{
  gsize line_start = 0;
  guint n_lines = 0;
  guint n_wrapped = 0;
  guint n_followed = 0;
  gboolean previous_wrapped = FALSE;

  for (gsize i = 0; i <= length; i++)
    {
      if (i < length && text[i] != '\n')
        continue;

      if (i > line_start)
        {
          gsize chars = g_utf8_strlen (text + line_start, i - line_start);
          gboolean wrapped = chars >= 40 && chars <= 100;

          n_lines++;
          if (wrapped)
            n_wrapped++;
          /* a wrapped line followed by more text of the same paragraph */
          if (previous_wrapped)
            n_followed++;
          previous_wrapped = wrapped;
        }
      else
        previous_wrapped = FALSE;
      line_start = i + 1;
    }

  return n_lines >= 6 && n_wrapped * 10 >= n_lines * 6 && n_followed * 3 >= n_lines;
}

/* Buffer text: the document's, with hard-wrapped paragraphs joined into
 * one line each and over-long paragraphs broken at a space. Both only
 * swap a line break and a space, so character offsets are unchanged. */
static char *
display_text (CpDocument *document)
{
  const char *text = cp_document_get_text (document);
  gsize length = cp_document_get_length (document);
  char *copy = g_strndup (text, length);
  gsize line_start = 0;
  gsize last_space = G_MAXSIZE;

  if (is_hard_wrapped (text, length))
    {
      for (gsize i = 1; i + 1 < length; i++)
        if (copy[i] == '\n' && copy[i - 1] != '\n' && copy[i + 1] != '\n' &&
            !g_ascii_isspace (copy[i + 1]) && copy[i + 1] != '-' && copy[i + 1] != '*')
          copy[i] = ' ';
    }

  for (gsize i = 0; i < length; i++)
    {
      if (copy[i] == '\n')
        {
          line_start = i + 1;
          last_space = G_MAXSIZE;
        }
      else if (copy[i] == ' ' || copy[i] == '\t')
        last_space = i;

      if (i - line_start >= MAX_PARAGRAPH && last_space != G_MAXSIZE && last_space > line_start)
        {
          copy[last_space] = '\n';
          line_start = last_space + 1;
          last_space = G_MAXSIZE;
        }
    }

  return copy;
}

static gboolean
document_position (CpReviewPane *self,
                   guint        *position)
{
  GListModel *documents = cp_comparison_get_documents (self->comparison);
  guint n = g_list_model_get_n_items (documents);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CpDocument) document = g_list_model_get_item (documents, i);

      if (document == self->document)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static const CpMention *
get_mentions (CpReviewPane *self,
              guint        *n_mentions)
{
  guint position;

  *n_mentions = 0;
  if (!document_position (self, &position))
    return NULL;
  return cp_comparison_get_mentions (self->comparison, position, n_mentions);
}

static void
mention_iters (CpReviewPane    *self,
               const CpMention *mention,
               GtkTextIter     *start,
               GtkTextIter     *end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);

  gtk_text_buffer_get_iter_at_offset (buffer, start, cp_document_get_char_offset (self->document, mention->start));
  gtk_text_buffer_get_iter_at_offset (buffer, end, cp_document_get_char_offset (self->document, mention->end));
}

/* The current-mention tag covers the mention's whole paragraph */
static void
paragraph_iters (CpReviewPane    *self,
                 const CpMention *mention,
                 GtkTextIter     *start,
                 GtkTextIter     *end)
{
  mention_iters (self, mention, start, end);
  gtk_text_iter_set_line_offset (start, 0);
  if (!gtk_text_iter_ends_line (end))
    gtk_text_iter_forward_to_line_end (end);
}

/* Removes the current-mention tag where it is, not over the whole text */
static void
clear_current (CpReviewPane *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  const CpMention *mentions;
  guint n_mentions;
  GtkTextIter start, end;

  mentions = get_mentions (self, &n_mentions);
  if (self->current_mention >= 0 && (guint) self->current_mention < n_mentions)
    {
      paragraph_iters (self, &mentions[self->current_mention], &start, &end);
      gtk_text_buffer_remove_tag (buffer, self->current_tag, &start, &end);
    }
  self->current_mention = -1;
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

static void
style_tags (CpReviewPane *self)
{
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  /* Topics may just have been removed, and this pane not re-tagged yet:
   * the tags past the end are left for apply_tags() to clear. */
  guint n = MIN (self->topic_tags->len, cp_topic_set_get_n_topics (topics));

  for (guint i = 0; i < n; i++)
    {
      CpTopic *topic = cp_topic_set_get_topic (topics, i);
      GtkTextTag *tag = g_ptr_array_index (self->topic_tags, i);
      GdkRGBA color;
      GdkRGBA under;
      GdkRGBA text;
      double alpha;

      if (!gdk_rgba_parse (&color, cp_topic_get_color (topic)))
        gdk_rgba_parse (&color, "#999999");
      under = color;

      if (self->focus_topic < 0)
        alpha = 0.38;
      else if ((int) i == self->focus_topic)
        alpha = 0.9;
      else
        alpha = 0.10;
      color.alpha = alpha;
      under.alpha = self->focus_topic < 0 || (int) i == self->focus_topic ? 1.0 : 0.25;

      set_tag_rgba (tag, "background-rgba", "background-set", &color);

      /* The focused topic is nearly opaque: pick black or white text by the
       * colour's luminance, so that it reads in light and dark style. */
      if ((int) i == self->focus_topic)
        {
          double luminance = 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue;

          text = luminance > 0.45 ? (GdkRGBA) { 0, 0, 0, 1 } : (GdkRGBA) { 1, 1, 1, 1 };
          set_tag_rgba (tag, "foreground-rgba", "foreground-set", &text);
        }
      else
        set_tag_rgba (tag, "foreground-rgba", "foreground-set", NULL);
      set_tag_rgba (g_ptr_array_index (self->under_tags, i), "underline-rgba", "underline-rgba-set", &under);
    }
}

/* Setting a tooltip, even the same one, rebuilds it: the header is
 * updated on every focus change. */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static void
update_header (CpReviewPane *self)
{
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  GFile *file = cp_document_get_file (self->document);
  g_autofree char *words = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *path = NULL;
  guint n_topics = cp_topic_set_get_n_topics (topics);
  guint n_mentioned = 0;
  guint position;

  if (document_position (self, &position))
    for (guint t = 0; t < n_topics; t++)
      if (cp_comparison_get_count (self->comparison, t, position) > 0)
        n_mentioned++;

  gtk_label_set_label (self->title_label, cp_document_get_title (self->document));
  set_tooltip (GTK_WIDGET (self->title_label), cp_document_get_title (self->document));

  words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'zu word", "%'zu words",
                                        cp_document_get_n_words (self->document)),
                           cp_document_get_n_words (self->document));
  /* Translators: the review's file name · its word count · how many topics it mentions */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s · %u of %u topic", "%s · %s · %u of %u topics", n_topics),
                              cp_document_get_name (self->document), words, n_mentioned, n_topics);
  gtk_label_set_label (self->subtitle_label, subtitle);

  path = file != NULL ? g_file_get_parse_name (file) : g_strdup (cp_document_get_name (self->document));
  set_tooltip (GTK_WIDGET (self->subtitle_label), path);

  if (self->focus_topic >= 0 && (guint) self->focus_topic < n_topics &&
      document_position (self, &position) &&
      cp_comparison_get_count (self->comparison, self->focus_topic, position) == 0)
    {
      CpTopic *topic = cp_topic_set_get_topic (topics, self->focus_topic);
      g_autofree char *notice = g_strdup_printf (_("Does not mention “%s”"), cp_topic_get_display_label (topic));

      gtk_label_set_label (self->notice_label, notice);
      gtk_widget_set_visible (GTK_WIDGET (self->notice_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->notice_label), FALSE);
}

static void
apply_tags (CpReviewPane *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  guint n_topics = cp_topic_set_get_n_topics (topics);
  guint32 last_end = 0;
  int widest = -1;
  const CpMention *mentions;
  guint n_mentions;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  for (guint i = 0; i < self->topic_tags->len; i++)
    {
      gtk_text_buffer_remove_tag (buffer, g_ptr_array_index (self->topic_tags, i), &start, &end);
      gtk_text_buffer_remove_tag (buffer, g_ptr_array_index (self->under_tags, i), &start, &end);
    }
  gtk_text_buffer_remove_tag (buffer, self->current_tag, &start, &end);

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

  /* Where mentions of two topics overlap, the later topic's tag (the
   * higher priority) hides the other's colour: underline that stretch in
   * the hidden topic's colour. */
  mentions = get_mentions (self, &n_mentions);
  for (guint i = 0; i < n_mentions; i++)
    {
      const CpMention *m = &mentions[i];

      if (m->topic >= n_topics)
        continue;
      mention_iters (self, m, &start, &end);
      gtk_text_buffer_apply_tag (buffer, g_ptr_array_index (self->topic_tags, m->topic), &start, &end);

      if (widest >= 0 && m->start < last_end && mentions[widest].topic != m->topic)
        {
          CpMention hidden = { m->start, MIN (last_end, m->end), 0, 0 };
          guint hidden_topic = MIN (m->topic, mentions[widest].topic);

          mention_iters (self, &hidden, &start, &end);
          gtk_text_buffer_apply_tag (buffer, g_ptr_array_index (self->under_tags, hidden_topic), &start, &end);
        }
      if (m->end > last_end)
        {
          last_end = m->end;
          widest = i;
        }
    }

  self->current_mention = -1;
  update_header (self);
  cp_overview_ruler_invalidate (self->ruler);
}

/* A selection longer than this is not offered as a term: a topic's
 * terms are words and phrases, not passages. */
#define MAX_TERM_CHARS 80

/* The term the selection would make, or NULL when there is none or it
 * would not make a valid term. */
static char *
dup_selection_term (CpReviewPane *self,
                    guint        *start_offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  g_autofree char *text = NULL;
  g_autofree char *term = NULL;
  GtkTextIter start, end;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return NULL;

  /* Checked before the text is copied: a select-all of a long review
   * must cost nothing here. */
  if (gtk_text_iter_get_offset (&end) - gtk_text_iter_get_offset (&start) > MAX_TERM_CHARS * 2)
    return NULL;

  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  term = cp_term_from_text (text);
  if (term == NULL || g_utf8_strlen (term, -1) > MAX_TERM_CHARS)
    return NULL;

  if (!cp_term_is_valid (term, NULL))
    return NULL;

  if (start_offset != NULL)
    *start_offset = gtk_text_iter_get_offset (&start);

  return g_steal_pointer (&term);
}

static gboolean
update_selection_actions_cb (gpointer user_data)
{
  CpReviewPane *self = user_data;
  g_autofree char *term = dup_selection_term (self, NULL);
  gboolean has_topics = g_menu_model_get_n_items (G_MENU_MODEL (self->topics_menu)) > 0;

  self->selection_source = 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.track-selection", term != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.add-selection-to-topic", term != NULL && has_topics);

  return G_SOURCE_REMOVE;
}

/* Marks move many times while a selection is dragged out: check once the
 * main loop is idle. */
static void
queue_update_selection_actions (CpReviewPane *self)
{
  if (self->selection_source == 0)
    self->selection_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE,
                                              update_selection_actions_cb,
                                              self, NULL);
}

static void
buffer_mark_set_cb (CpReviewPane  *self,
                    GtkTextIter   *location,
                    GtkTextMark   *mark,
                    GtkTextBuffer *buffer)
{
  if (mark == gtk_text_buffer_get_insert (buffer) ||
      mark == gtk_text_buffer_get_selection_bound (buffer))
    queue_update_selection_actions (self);
}

static void
update_topics_menu (CpReviewPane *self)
{
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  guint n = cp_topic_set_get_n_topics (topics);

  g_menu_remove_all (self->topics_menu);

  for (guint i = 0; i < n; i++)
    {
      CpTopic *topic = cp_topic_set_get_topic (topics, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (cp_topic_get_display_label (topic), NULL);

      g_menu_item_set_action_and_target_value (item,
                                               "pane.add-selection-to-topic",
                                               g_variant_new_string (cp_topic_get_id (topic)));
      g_menu_append_item (self->topics_menu, item);
    }

  queue_update_selection_actions (self);
}

static void
comparison_changed_cb (CpReviewPane       *self,
                       CpComparisonChange  change,
                       CpComparison       *comparison)
{
  /* Other documents coming and going leave this one's mentions as they
   * are; only the header's counts change. */
  if (change & (CP_COMPARISON_CHANGE_TOPICS | CP_COMPARISON_CHANGE_APPEARANCE))
    update_topics_menu (self);

  if (change & CP_COMPARISON_CHANGE_TOPICS)
    apply_tags (self);
  else
    {
      if (change & CP_COMPARISON_CHANGE_APPEARANCE)
        style_tags (self);
      update_header (self);
    }
}

static int
mention_at_offset (CpReviewPane *self,
                   int           char_offset,
                   int           prefer_topic)
{
  gsize byte = cp_document_get_byte_offset (self->document, char_offset);
  const CpMention *mentions;
  guint n_mentions;
  int found = -1;

  mentions = get_mentions (self, &n_mentions);
  for (guint i = 0; i < n_mentions && mentions[i].start <= byte; i++)
    {
      if (byte < mentions[i].end)
        {
          if (found < 0 || (int) mentions[i].topic == prefer_topic)
            found = i;
        }
    }
  return found;
}

static int
mention_at_point (CpReviewPane *self,
                  double        x,
                  double        y)
{
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->view, &iter, bx, by))
    return -1;
  return mention_at_offset (self, gtk_text_iter_get_offset (&iter), self->focus_topic);
}

static gboolean
query_tooltip_cb (CpReviewPane *self,
                  int           x,
                  int           y,
                  gboolean      keyboard,
                  GtkTooltip   *tooltip,
                  GtkWidget    *view)
{
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  g_autoptr(GString) markup = g_string_new (NULL);
  const CpMention *mentions;
  g_autofree char *label = NULL;
  guint n_mentions, n_documents, position;
  gboolean any = FALSE;
  CpTopic *topic;
  int index;

  if (keyboard)
    return FALSE;
  index = mention_at_point (self, x, y);
  if (index < 0 || !document_position (self, &position))
    return FALSE;

  mentions = get_mentions (self, &n_mentions);
  topic = cp_topic_set_get_topic (topics, mentions[index].topic);
  label = g_markup_escape_text (cp_topic_get_display_label (topic), -1);
  g_string_append_printf (markup, "<b>%s</b>", label);

  n_documents = cp_comparison_get_n_documents (self->comparison);
  for (guint d = 0; d < n_documents; d++)
    {
      guint count = cp_comparison_get_count (self->comparison, mentions[index].topic, d);
      g_autofree char *title = NULL;

      if (d == position || count == 0)
        continue;
      title = g_markup_escape_text (cp_document_get_name (cp_comparison_get_document (self->comparison, d)), -1);
      if (!any)
        /* Translators: heads the list of the other reviews that mention a topic */
        g_string_append_printf (markup, "\n%s", _("Also in:"));
      g_string_append_printf (markup, "\n• %s (%u)", title, count);
      any = TRUE;
    }
  if (!any)
    g_string_append_printf (markup, "\n%s", _("Only in this review"));

  gtk_tooltip_set_markup (tooltip, markup->str);
  return TRUE;
}

static void
click_released_cb (CpReviewPane    *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  const CpMention *mentions;
  guint n_mentions;
  int index;

  if (n_press != 1 || gtk_text_buffer_get_has_selection (buffer))
    return;
  index = mention_at_point (self, x, y);
  if (index < 0)
    return;
  mentions = get_mentions (self, &n_mentions);
  g_signal_emit (self, signals[MENTION_ACTIVATED], 0, (int) mentions[index].topic, (guint) index);
}

static void
pane_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CpReviewPane *self = CP_REVIEW_PANE (widget);
  guint position;

  if (!document_position (self, &position))
    return;

  if (g_str_equal (action_name, "pane.close"))
    gtk_widget_activate_action (widget, "win.close-pane", "u", position);
  else if (g_str_equal (action_name, "pane.move-left"))
    gtk_widget_activate_action (widget, "win.move-pane", "(ui)", position, -1);
  else if (g_str_equal (action_name, "pane.move-right"))
    gtk_widget_activate_action (widget, "win.move-pane", "(ui)", position, 1);
}

/* “Track as New Topic” and “Add to Topic ▸ …” hand the selection's term
 * to the window, which owns the topics: win.track-text (term, topic id
 * or "" for a new topic, the review's position, where the selection
 * starts). */
static void
selection_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CpReviewPane *self = CP_REVIEW_PANE (widget);
  g_autofree char *term = NULL;
  guint position;
  guint offset = 0;

  if (!document_position (self, &position))
    return;

  term = dup_selection_term (self, &offset);
  if (term == NULL)
    return;

  gtk_widget_activate_action (widget, "win.track-text", "(ssuu)",
                              term,
                              parameter != NULL ? g_variant_get_string (parameter, NULL) : "",
                              position,
                              offset);
}

static void
cp_review_pane_constructed (GObject *object)
{
  CpReviewPane *self = (CpReviewPane *)object;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkAccessible *accessible;

  G_OBJECT_CLASS (cp_review_pane_parent_class)->constructed (object);

  g_assert (CP_IS_COMPARISON (self->comparison));
  g_assert (CP_IS_DOCUMENT (self->document));

  buffer = gtk_text_view_get_buffer (self->view);
  text = display_text (self->document);
  gtk_text_buffer_set_text (buffer, text, cp_document_get_length (self->document));
  /* Changing a tag that affects size (underline, weight) makes GTK lay out
   * the whole buffer again: the current mention's paragraph is tinted
   * instead, and the overlap underlines are set once, here. */
  self->current_tag = gtk_text_buffer_create_tag (buffer, NULL,
                                                  "paragraph-background", "rgba(53,132,228,0.10)",
                                                  NULL);

  /* A suggested theme being previewed: a tint and an underline in the
   * accent blue, which no topic color resembles, and which reads on light
   * and dark backgrounds alike. Only ranges are added and removed, never
   * the tag's properties changed, so the underline costs no relayout. */
  self->preview_tag = gtk_text_buffer_create_tag (buffer, NULL,
                                                  "background-rgba", &(GdkRGBA) { 0.21, 0.52, 0.89, 0.30 },
                                                  "underline", PANGO_UNDERLINE_SINGLE,
                                                  "underline-rgba", &(GdkRGBA) { 0.11, 0.44, 0.85, 1.0 },
                                                  NULL);

  /* Search results in black and white, unlike any topic colour */
  self->search_tag = gtk_text_buffer_create_tag (buffer, NULL,
                                                 "background", "#3d3846",
                                                 "foreground", "#ffffff",
                                                 NULL);
  self->search_current_tag = gtk_text_buffer_create_tag (buffer, NULL,
                                                         "background", "#000000",
                                                         "foreground", "#ffffff",
                                                         "underline", PANGO_UNDERLINE_DOUBLE,
                                                         "weight", PANGO_WEIGHT_BOLD,
                                                         NULL);

  g_signal_connect_object (buffer, "mark-set",
                           G_CALLBACK (buffer_mark_set_cb), self,
                           G_CONNECT_SWAPPED);

  accessible = GTK_ACCESSIBLE (self->view);
  gtk_accessible_update_property (accessible,
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cp_document_get_title (self->document),
                                  -1);

  cp_overview_ruler_set_view (self->ruler, self->view);
  cp_overview_ruler_set_source (self->ruler, self->comparison, self->document);

  g_signal_connect_object (self->comparison, "changed",
                           G_CALLBACK (comparison_changed_cb), self,
                           G_CONNECT_SWAPPED);

  update_topics_menu (self);
  apply_tags (self);
}

static void
cp_review_pane_dispose (GObject *object)
{
  CpReviewPane *self = (CpReviewPane *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_REVIEW_PANE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_handle_id (&self->selection_source, g_source_remove);
  g_clear_object (&self->extra_menu);
  g_clear_object (&self->topics_menu);
  g_clear_pointer (&self->search_results, g_array_unref);
  g_clear_pointer (&self->topic_tags, g_ptr_array_unref);
  g_clear_pointer (&self->under_tags, g_ptr_array_unref);
  g_clear_object (&self->comparison);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (cp_review_pane_parent_class)->dispose (object);
}

static void
cp_review_pane_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CpReviewPane *self = CP_REVIEW_PANE (object);

  switch (prop_id)
    {
    case PROP_COMPARISON:
      g_value_set_object (value, self->comparison);
      break;

    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_FOCUS_TOPIC:
      g_value_set_int (value, self->focus_topic);
      break;

    case PROP_SHOW_RULER:
      g_value_set_boolean (value, gtk_widget_get_visible (GTK_WIDGET (self->ruler)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_review_pane_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CpReviewPane *self = CP_REVIEW_PANE (object);

  switch (prop_id)
    {
    case PROP_COMPARISON:
      self->comparison = g_value_dup_object (value);
      break;

    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    case PROP_FOCUS_TOPIC:
      cp_review_pane_set_focus_topic (self, g_value_get_int (value));
      break;

    case PROP_SHOW_RULER:
      if (gtk_widget_get_visible (GTK_WIDGET (self->ruler)) != g_value_get_boolean (value))
        {
          /* The ruler scrolls the view; without it, a scroll bar does */
          gtk_widget_set_visible (GTK_WIDGET (self->ruler), g_value_get_boolean (value));
          gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER,
                                          g_value_get_boolean (value) ? GTK_POLICY_EXTERNAL : GTK_POLICY_AUTOMATIC);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_review_pane_class_init (CpReviewPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cp_review_pane_constructed;
  object_class->dispose = cp_review_pane_dispose;
  object_class->get_property = cp_review_pane_get_property;
  object_class->set_property = cp_review_pane_set_property;

  properties[PROP_COMPARISON] =
    g_param_spec_object ("comparison", NULL, NULL,
                         CP_TYPE_COMPARISON,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         CP_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOCUS_TOPIC] =
    g_param_spec_int ("focus-topic", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_RULER] =
    g_param_spec_boolean ("show-ruler", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CpReviewPane::mention-activated:
   * @topic: the topic of the mention that was clicked
   * @mention: its index among the document's mentions
   */
  signals[MENTION_ACTIVATED] =
    g_signal_new ("mention-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cp-review-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, header);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, notice_label);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, view);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, ruler);

  gtk_widget_class_install_action (widget_class, "pane.close", NULL, pane_action_cb);
  gtk_widget_class_install_action (widget_class, "pane.move-left", NULL, pane_action_cb);
  gtk_widget_class_install_action (widget_class, "pane.move-right", NULL, pane_action_cb);
  gtk_widget_class_install_action (widget_class, "pane.track-selection", NULL, selection_action_cb);
  gtk_widget_class_install_action (widget_class, "pane.add-selection-to-topic", "s", selection_action_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reviewpane");
}

static void
cp_review_pane_init (CpReviewPane *self)
{
  g_autoptr(GMenu) section = NULL;
  GtkGesture *click;

  g_type_ensure (CP_TYPE_OVERVIEW_RULER);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->focus_topic = -1;
  self->current_mention = -1;
  self->current_result = -1;
  self->topic_tags = g_ptr_array_new ();
  self->under_tags = g_ptr_array_new ();

  g_signal_connect_object (self->view, "query-tooltip", G_CALLBACK (query_tooltip_cb), self, G_CONNECT_SWAPPED);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (click_released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (click));

  /* A section of their own, set apart from the text view's items. */
  self->topics_menu = g_menu_new ();
  self->extra_menu = g_menu_new ();
  section = g_menu_new ();
  g_menu_append (section, _("_Track as New Topic"), "pane.track-selection");
  g_menu_append_submenu (section, _("_Add to Topic"), G_MENU_MODEL (self->topics_menu));
  g_menu_append_section (self->extra_menu, NULL, G_MENU_MODEL (section));
  gtk_text_view_set_extra_menu (self->view, G_MENU_MODEL (self->extra_menu));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.track-selection", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.add-selection-to-topic", FALSE);
}

/**
 * cp_review_pane_new:
 * @comparison: the comparison @document belongs to
 * @document: the review to show
 *
 * Returns: (transfer floating): a new pane
 */
CpReviewPane *
cp_review_pane_new (CpComparison *comparison,
                    CpDocument   *document)
{
  g_return_val_if_fail (CP_IS_COMPARISON (comparison), NULL);
  g_return_val_if_fail (CP_IS_DOCUMENT (document), NULL);

  return g_object_new (CP_TYPE_REVIEW_PANE,
                       "comparison", comparison,
                       "document", document,
                       NULL);
}

CpComparison *
cp_review_pane_get_comparison (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), NULL);

  return self->comparison;
}

CpDocument *
cp_review_pane_get_document (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), NULL);

  return self->document;
}

/**
 * cp_review_pane_get_position:
 * @self: a #CpReviewPane
 *
 * Returns: the position of the pane's document in the comparison, or
 *   %G_MAXUINT when it was removed
 */
guint
cp_review_pane_get_position (CpReviewPane *self)
{
  guint position;

  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), G_MAXUINT);

  return document_position (self, &position) ? position : G_MAXUINT;
}

GtkTextView *
cp_review_pane_get_view (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), NULL);

  return self->view;
}

GtkAdjustment *
cp_review_pane_get_vadjustment (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), NULL);

  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

int
cp_review_pane_get_focus_topic (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), -1);

  return self->focus_topic;
}

/**
 * cp_review_pane_set_focus_topic:
 * @self: a #CpReviewPane
 * @topic: a topic index, or -1
 *
 * Emphasizes the mentions of @topic and dims the others; -1 shows every
 * topic alike. Only tag properties change.
 */
void
cp_review_pane_set_focus_topic (CpReviewPane *self,
                                int           topic)
{
  g_return_if_fail (CP_IS_REVIEW_PANE (self));

  topic = MAX (topic, -1);
  if (self->focus_topic == topic)
    return;

  clear_current (self);
  self->focus_topic = topic;

  style_tags (self);
  update_header (self);
  cp_overview_ruler_set_focus_topic (self->ruler, topic);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_TOPIC]);
}

int
cp_review_pane_get_current_mention (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), -1);

  return self->current_mention;
}

/**
 * cp_review_pane_get_range_y:
 * @self: a #CpReviewPane
 * @start_char: start of the range, in characters
 * @end_char: end of the range
 * @top: (out): top of the range's first line, in the text view's
 *   coordinates (0 is the top of the visible area)
 * @bottom: (out): bottom of the range's last line
 *
 * Returns: %TRUE if the view is laid out and the positions are valid
 */
gboolean
cp_review_pane_get_range_y (CpReviewPane *self,
                            guint         start_char,
                            guint         end_char,
                            double       *top,
                            double       *bottom)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GdkRectangle a, b;
  int wx, wy;

  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), FALSE);

  if (gtk_widget_get_height (GTK_WIDGET (self->view)) <= 0)
    return FALSE;

  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, start_char);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, MAX (end_char, start_char));
  gtk_text_view_get_iter_location (self->view, &start, &a);
  gtk_text_view_get_iter_location (self->view, &end, &b);

  gtk_text_view_buffer_to_window_coords (self->view, GTK_TEXT_WINDOW_WIDGET, 0, a.y, &wx, &wy);
  if (top)
    *top = wy;
  gtk_text_view_buffer_to_window_coords (self->view, GTK_TEXT_WINDOW_WIDGET, 0, b.y + b.height, &wx, &wy);
  if (bottom)
    *bottom = wy;

  return TRUE;
}

gboolean
cp_review_pane_get_mention_y (CpReviewPane *self,
                              guint         mention,
                              double       *top,
                              double       *bottom)
{
  const CpMention *mentions;
  guint n_mentions;

  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), FALSE);

  mentions = get_mentions (self, &n_mentions);
  if (mention >= n_mentions)
    return FALSE;

  return cp_review_pane_get_range_y (self,
                                     cp_document_get_char_offset (self->document, mentions[mention].start),
                                     cp_document_get_char_offset (self->document, mentions[mention].end),
                                     top, bottom);
}

/**
 * cp_review_pane_locate_mention:
 * @self: a #CpReviewPane
 * @mention: index of a mention of the pane's document
 * @top: (out): top of the mention's first line, in view coordinates
 * @bottom: (out): bottom of its last line
 *
 * Like cp_review_pane_get_mention_y(), but for a mention in a paragraph
 * that lies wholly outside the visible part of the view, gives the
 * paragraph's extent instead of laying the paragraph out: enough to tell
 * above from below, at no cost.
 *
 * Returns: %TRUE if the view is laid out and the positions are valid
 */
gboolean
cp_review_pane_locate_mention (CpReviewPane *self,
                               guint         mention,
                               double       *top,
                               double       *bottom)
{
  const CpMention *mentions;
  guint n_mentions;
  GtkTextIter iter;
  GdkRectangle visible;
  int line_y, line_height;
  int wx, wy;

  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), FALSE);

  mentions = get_mentions (self, &n_mentions);
  if (mention >= n_mentions || gtk_widget_get_height (GTK_WIDGET (self->view)) <= 0)
    return FALSE;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (self->view), &iter,
                                      cp_document_get_char_offset (self->document, mentions[mention].start));
  gtk_text_view_get_line_yrange (self->view, &iter, &line_y, &line_height);
  gtk_text_view_get_visible_rect (self->view, &visible);
  if (line_y < visible.y + visible.height && line_y + line_height > visible.y)
    return cp_review_pane_get_mention_y (self, mention, top, bottom);

  gtk_text_view_buffer_to_window_coords (self->view, GTK_TEXT_WINDOW_WIDGET, 0, line_y, &wx, &wy);
  *top = wy;
  *bottom = wy + line_height;

  return TRUE;
}

/**
 * cp_review_pane_scroll_to_mention:
 * @self: a #CpReviewPane
 * @mention: index of a mention of the pane's document
 * @y: where the top of the mention should be, in view coordinates
 *
 * Scrolls so that the mention sits at @y (as close as the ends of the
 * text allow) and marks it as the current mention.
 */
void
cp_review_pane_scroll_to_mention (CpReviewPane *self,
                                  guint         mention,
                                  double        y)
{
  GtkAdjustment *adjustment;
  GtkTextBuffer *buffer;
  const CpMention *mentions;
  GtkTextIter start, end;
  guint n_mentions;
  double top;

  g_return_if_fail (CP_IS_REVIEW_PANE (self));

  mentions = get_mentions (self, &n_mentions);
  if (mention >= n_mentions)
    return;

  buffer = gtk_text_view_get_buffer (self->view);
  clear_current (self);
  paragraph_iters (self, &mentions[mention], &start, &end);
  gtk_text_buffer_apply_tag (buffer, self->current_tag, &start, &end);
  mention_iters (self, &mentions[mention], &start, &end);
  self->current_mention = mention;

  if (!cp_review_pane_get_mention_y (self, mention, &top, NULL))
    {
      gtk_text_view_scroll_to_iter (self->view, &start, 0.0, TRUE, 0.0, 0.3);
      return;
    }

  adjustment = cp_review_pane_get_vadjustment (self);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + top - y);
}

/**
 * cp_review_pane_find_mention:
 * @self: a #CpReviewPane
 * @topic: a topic index
 * @after_mention: a mention index, or -1 to search from the start (or,
 *   backwards, from the end)
 * @forward: the direction
 *
 * Returns: the index of the next (or previous) mention of @topic, or -1
 */
int
cp_review_pane_find_mention (CpReviewPane *self,
                             int           topic,
                             int           after_mention,
                             gboolean      forward)
{
  const CpMention *mentions;
  guint n_mentions;

  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), -1);

  mentions = get_mentions (self, &n_mentions);
  if (forward)
    {
      for (int i = MAX (after_mention + 1, 0); i < (int) n_mentions; i++)
        if ((int) mentions[i].topic == topic)
          return i;
    }
  else
    {
      int from = after_mention < 0 ? (int) n_mentions - 1 : after_mention - 1;

      for (int i = from; i >= 0; i--)
        if ((int) mentions[i].topic == topic)
          return i;
    }
  return -1;
}

/**
 * cp_review_pane_refresh:
 * @self: a #CpReviewPane
 *
 * Re-applies the tags and the header, e.g. after the pane's document
 * moved in the comparison.
 */
void
cp_review_pane_refresh (CpReviewPane *self)
{
  g_return_if_fail (CP_IS_REVIEW_PANE (self));

  apply_tags (self);
}

/* Applies @tag to what @matcher finds in the review and returns that. */
static GArray *
tag_matches (CpReviewPane *self,
             GtkTextTag   *tag,
             CpMatcher    *matcher)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  GArray *found;
  GtkTextIter start, end;

  found = cp_matcher_scan (matcher,
                           cp_document_get_text (self->document),
                           cp_document_get_length (self->document));
  for (guint i = 0; i < found->len; i++)
    {
      mention_iters (self, &g_array_index (found, CpMention, i), &start, &end);
      gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
    }

  return found;
}

/**
 * cp_review_pane_set_search:
 * @self: a #CpReviewPane
 * @matcher: (nullable): a compiled matcher for the phrase to find, or
 *   %NULL to clear
 *
 * Highlights what @matcher finds in the review, with the same rules as
 * topic terms (case, whole words, white space).
 *
 * Returns: the number of results
 */
guint
cp_review_pane_set_search (CpReviewPane *self,
                           CpMatcher    *matcher)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), 0);
  g_return_val_if_fail (!matcher || CP_IS_MATCHER (matcher), 0);

  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->search_tag, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->search_current_tag, &start, &end);
  g_clear_pointer (&self->search_results, g_array_unref);
  self->current_result = -1;

  if (matcher == NULL)
    return 0;

  self->search_results = tag_matches (self, self->search_tag, matcher);

  return self->search_results->len;
}

/**
 * cp_review_pane_next_search_result:
 * @self: a #CpReviewPane
 * @forward: the direction
 * @y: where to put the result, in view coordinates
 *
 * Scrolls to the next (or previous) search result, wrapping around.
 *
 * Returns: %FALSE when there is no result
 */
gboolean
cp_review_pane_next_search_result (CpReviewPane *self,
                                   gboolean      forward,
                                   double        y)
{
  GtkAdjustment *adjustment;
  GtkTextIter start, end;
  const CpMention *m;
  guint n;
  double top;

  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), FALSE);

  if (self->search_results == NULL || self->search_results->len == 0)
    return FALSE;

  n = self->search_results->len;
  if (self->current_result < 0)
    self->current_result = forward ? 0 : n - 1;
  else
    self->current_result = (self->current_result + (forward ? 1 : n - 1)) % n;

  m = &g_array_index (self->search_results, CpMention, self->current_result);
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->view), &start, &end);
  gtk_text_buffer_remove_tag (gtk_text_view_get_buffer (self->view), self->search_current_tag, &start, &end);
  mention_iters (self, m, &start, &end);
  gtk_text_buffer_apply_tag (gtk_text_view_get_buffer (self->view), self->search_current_tag, &start, &end);

  if (!cp_review_pane_get_range_y (self,
                                   cp_document_get_char_offset (self->document, m->start),
                                   cp_document_get_char_offset (self->document, m->end),
                                   &top, NULL))
    return TRUE;

  adjustment = cp_review_pane_get_vadjustment (self);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + top - y);
  return TRUE;
}

/**
 * cp_review_pane_get_header:
 * @self: a #CpReviewPane
 *
 * Returns: (transfer none): the pane's header, so that the window can give
 *   every header the same height and keep the texts level
 */
GtkWidget *
cp_review_pane_get_header (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), NULL);

  return self->header;
}

/**
 * cp_review_pane_set_preview:
 * @self: a #CpReviewPane
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
cp_review_pane_set_preview (CpReviewPane *self,
                            CpMatcher    *matcher)
{
  g_autoptr(GArray) found = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), 0);
  g_return_val_if_fail (!matcher || CP_IS_MATCHER (matcher), 0);

  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->preview_tag, &start, &end);

  if (matcher == NULL)
    return 0;

  found = tag_matches (self, self->preview_tag, matcher);

  return found->len;
}

/**
 * cp_review_pane_get_preview_tag:
 * @self: a #CpReviewPane
 *
 * Returns: (transfer none): the tag that cp_review_pane_set_preview()
 *   applies
 */
GtkTextTag *
cp_review_pane_get_preview_tag (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), NULL);

  return self->preview_tag;
}

/**
 * cp_review_pane_get_mention_at:
 * @self: a #CpReviewPane
 * @char_offset: a character offset in the review
 * @topic: the topic to prefer where mentions overlap, or -1
 *
 * Returns: the index of the mention at @char_offset, or -1
 */
int
cp_review_pane_get_mention_at (CpReviewPane *self,
                               guint         char_offset,
                               int           topic)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), -1);

  return mention_at_offset (self, char_offset, topic);
}

/**
 * cp_review_pane_get_topic_tag:
 * @self: a #CpReviewPane
 * @topic: a topic index
 *
 * Returns: (transfer none) (nullable): the tag that paints @topic's
 *   mentions, or %NULL when there is none yet
 */
GtkTextTag *
cp_review_pane_get_topic_tag (CpReviewPane *self,
                              guint         topic)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), NULL);

  if (topic >= self->topic_tags->len)
    return NULL;

  return g_ptr_array_index (self->topic_tags, topic);
}
