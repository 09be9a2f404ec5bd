/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpReviewPane: one review, its header, its text and its overview ruler.
 * The buffer's tags belong to a #CpHighlighter; the pane answers where a
 * mention is on screen (the one place that knows) and scrolls.
 *
 * GtkTextView lays out a paragraph as a whole, which stalls on very long
 * lines. The buffer breaks paragraphs longer than MAX_PARAGRAPH bytes by
 * turning a space into a line break: one character for one, so offsets in
 * the buffer are the document's character offsets.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cp-highlighter.h"
#include "cp-overview-ruler.h"
#include "cp-review-pane.h"

#define MAX_PARAGRAPH (16 * 1024)

struct _CpReviewPane
{
  GtkWidget          parent_instance;

  CpFocus           *focus;
  CpComparison      *comparison;
  CpDocument        *document;
  CpHighlighter     *highlighter;
  GtkWidget         *context_menu;

  GtkWidget         *header;
  GtkLabel          *number_label;
  GtkStack          *title_stack;
  GtkLabel          *title_label;
  GtkEntry          *title_entry;
  GtkLabel          *subtitle_label;
  GtkLabel          *notice_label;
  GtkWidget         *missing_icon;
  GtkMenuButton     *menu_button;
  GtkScrolledWindow *scroller;
  GtkTextView       *view;
  CpOverviewRuler   *ruler;
};

G_DEFINE_FINAL_TYPE (CpReviewPane, cp_review_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FOCUS,
  PROP_DOCUMENT,
  PROP_SHOW_RULER,
  PROP_FILE_MISSING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static CpMentions *
get_mentions (CpReviewPane *self)
{
  return cp_comparison_get_mentions_for_document (self->comparison, self->document);
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

/* The source's format, for the reader */
static const char *
format_description (const char *format)
{
  if (g_str_equal (format, "text"))
    return _("Plain text");
  if (g_str_equal (format, "html"))
    return _("Web page");
  if (g_str_equal (format, "pdf"))
    return _("PDF document");
  if (g_str_equal (format, "docx"))
    return _("Word document");
  if (g_str_equal (format, "odt"))
    return _("OpenDocument text");
  if (g_str_equal (format, "epub"))
    return _("EPUB e-book");
  return format;
}

/* What the header's tooltip says of the review: its title, who wrote it
 * and where, when, what it was read from */
static char *
dup_description (CpReviewPane *self,
                 guint         position,
                 const char   *title)
{
  GFile *file = cp_document_get_file (self->document);
  const char *author = cp_document_get_author (self->document);
  const char *site = cp_document_get_site (self->document);
  const char *date = cp_document_get_date (self->document);
  g_autofree char *path = file != NULL ? g_file_get_parse_name (file) : g_strdup (cp_document_get_name (self->document));
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  /* Translators: the first line of a review's tooltip: review 2: its title */
  g_ptr_array_add (lines, g_strdup_printf (_("Review %u: %s"), position + 1, title));
  if (author != NULL)
    /* Translators: in a review's tooltip: who wrote it */
    g_ptr_array_add (lines, g_strdup_printf (_("By %s"), author));
  if (site != NULL)
    /* Translators: in a review's tooltip: the outlet, site or publisher */
    g_ptr_array_add (lines, g_strdup_printf (_("Published by %s"), site));
  if (date != NULL)
    {
      /* ISO 8601: the day is enough */
      g_autofree char *day = strlen (date) > 10 && date[4] == '-' && date[7] == '-' && date[10] == 'T'
                             ? g_strndup (date, 10) : g_strdup (date);

      /* Translators: in a review's tooltip: when it was published, as its source gives it */
      g_ptr_array_add (lines, g_strdup_printf (_("Date: %s"), day));
    }
  /* Translators: in a review's tooltip: the kind of file · where it is */
  g_ptr_array_add (lines, g_strdup_printf (_("%s · %s"), format_description (cp_document_get_format (self->document)), path));

  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
update_header (CpReviewPane *self)
{
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  CpMentions *mentions = get_mentions (self);
  CpTopic *focused = cp_focus_get_topic (self->focus);
  g_autofree char *words = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *byline = NULL;
  g_autofree char *description = NULL;
  guint n_topics = cp_topic_set_get_n_topics (topics);
  guint n_mentioned = mentions != NULL ? cp_mentions_get_n_topics_mentioned (mentions) : 0;
  guint position = cp_review_pane_get_position (self);
  g_autofree char *title = NULL;
  g_autofree char *number = NULL;
  g_autofree char *title_tooltip = NULL;

  if (position == G_MAXUINT)
    return;

  title = cp_comparison_dup_display_title (self->comparison, position);
  number = g_strdup_printf ("%u", position + 1);
  description = dup_description (self, position, title);
  /* What is known of it, then how to rename it */
  title_tooltip = g_strconcat (description, "\n", _("Double-click to rename it"), NULL);
  gtk_label_set_label (self->number_label, number);
  /* The header is updated on every focus change: the title only when it
   * changed */
  if (g_strcmp0 (gtk_label_get_label (self->title_label), title) != 0)
    {
      gtk_label_set_label (self->title_label, title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
    }
  set_tooltip (GTK_WIDGET (self->title_label), title_tooltip);

  words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'zu word", "%'zu words",
                                        cp_document_get_n_words (self->document)),
                           cp_document_get_n_words (self->document));
  /* Who wrote it and where, when its source says; else its file (the
   * tooltip has the file in any case) */
  byline = cp_document_dup_byline (self->document);
  /* Translators: the review's author and outlet (else its file name) · its word count · how many topics it mentions */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s · %u of %u topic", "%s · %s · %u of %u topics", n_topics),
                              byline != NULL ? byline : cp_document_get_name (self->document),
                              words, n_mentioned, n_topics);
  /* Said first: what the reader sees may no longer be what the file says */
  if (cp_review_pane_get_file_missing (self))
    {
      g_autofree char *known = g_steal_pointer (&subtitle);

      /* Translators: the subtitle of a review whose file is gone: that, then the usual subtitle */
      subtitle = g_strdup_printf (_("Deleted on disk — open from memory · %s"), known);
    }
  gtk_label_set_label (self->subtitle_label, subtitle);
  set_tooltip (GTK_WIDGET (self->subtitle_label), description);

  if (focused != NULL && mentions != NULL &&
      cp_mentions_get_count (mentions, cp_focus_get_topic_index (self->focus)) == 0)
    {
      g_autofree char *notice = g_strdup_printf (_("Does not mention “%s”"), cp_topic_get_display_label (focused));

      /* Shown and hidden by its opacity: a widget that appears or
       * disappears lays the whole window out again */
      if (g_strcmp0 (gtk_label_get_label (self->notice_label), notice) != 0)
        gtk_label_set_label (self->notice_label, notice);
      gtk_widget_set_opacity (GTK_WIDGET (self->notice_label), 1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->notice_label),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, FALSE,
                                   -1);
    }
  else
    {
      gtk_widget_set_opacity (GTK_WIDGET (self->notice_label), 0);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->notice_label),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                                   -1);
    }
}

static void
comparison_changed_cb (CpReviewPane       *self,
                       CpComparisonChange  change,
                       CpComparison       *comparison)
{
  update_header (self);
}

static void
search_results_cb (CpReviewPane  *self,
                   GParamSpec    *pspec,
                   CpHighlighter *highlighter)
{
  cp_overview_ruler_set_search (self->ruler, cp_highlighter_get_search_results (highlighter));
}

static void
focus_topic_cb (CpReviewPane *self,
                GParamSpec   *pspec,
                CpFocus      *focus)
{
  update_header (self);
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
  return cp_highlighter_get_mention_at (self->highlighter, gtk_text_iter_get_offset (&iter));
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
  CpMentions *mentions = get_mentions (self);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *label = NULL;
  guint n_documents;
  gboolean any = FALSE;
  guint topic;
  int index;

  if (keyboard || mentions == NULL)
    return FALSE;
  index = mention_at_point (self, x, y);
  if (index < 0)
    return FALSE;

  topic = cp_mentions_get_mention (mentions, index)->topic;
  label = g_markup_escape_text (cp_topic_get_display_label (cp_topic_set_get_topic (topics, topic)), -1);
  g_string_append_printf (markup, "<b>%s</b>", label);

  n_documents = cp_comparison_get_n_documents (self->comparison);
  for (guint d = 0; d < n_documents; d++)
    {
      CpDocument *other = cp_comparison_get_document (self->comparison, d);
      guint count = cp_mentions_get_count (cp_comparison_get_mentions_for_document (self->comparison, other), topic);
      g_autofree char *display_title = NULL;
      g_autofree char *title = NULL;

      if (other == self->document || count == 0)
        continue;
      display_title = cp_comparison_dup_display_title (self->comparison, d);
      title = g_markup_escape_text (display_title, -1);
      if (!any)
        /* Translators: heads the list of the other reviews that mention a topic */
        g_string_append_printf (markup, "\n%s", _("Also in:"));
      /* Translators: in a tooltip: a review's number, its title and how often it mentions the topic */
      g_string_append_printf (markup, _("\n%u · %s (%u)"), d + 1, title, count);
      any = TRUE;
    }
  if (!any)
    g_string_append_printf (markup, "\n%s", _("Only in this review"));

  gtk_tooltip_set_markup (tooltip, markup->str);
  return TRUE;
}

/* A click on a mention focuses its topic there: the window levels the
 * other panes on it */
static void
click_released_cb (CpReviewPane    *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  int index;

  if (n_press != 1 || gtk_text_buffer_get_has_selection (buffer))
    return;
  index = mention_at_point (self, x, y);
  if (index < 0)
    return;
  cp_focus_focus_mention (self->focus, self->document, index);
}

/* The context menu. The text is read-only, and GtkTextView's own menu
 * would show Cut, Paste, Delete, Undo and Redo, disabled; this one holds
 * what applies: the view's own Copy and Select All, and the highlighter's
 * section. It takes the secondary click and the Menu and Shift+F10 keys
 * before the view's handlers see them. */

static void
popup_context_menu (CpReviewPane *self,
                    double        x,
                    double        y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);

  /* As the view does before its own menu: Copy needs a selection */
  gtk_widget_action_set_enabled (GTK_WIDGET (self->view), "clipboard.copy",
                                 gtk_text_buffer_get_has_selection (buffer));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
context_click_pressed_cb (CpReviewPane    *self,
                          int              n_press,
                          double           x,
                          double           y,
                          GtkGestureClick *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_context_menu (self, x, y);
}

/* From the keyboard, the menu points at the selection when it is in view,
 * else at the middle of the view. */
static gboolean
context_menu_key_cb (GtkWidget *view,
                     GVariant  *arguments,
                     gpointer   user_data)
{
  CpReviewPane *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  GdkRectangle visible, location;
  GtkTextIter start;
  int x, y;

  gtk_text_view_get_visible_rect (self->view, &visible);
  gtk_text_buffer_get_selection_bounds (buffer, &start, NULL);
  gtk_text_view_get_iter_location (self->view, &start, &location);
  if (gdk_rectangle_intersect (&visible, &location, NULL))
    gtk_text_view_buffer_to_window_coords (self->view, GTK_TEXT_WINDOW_WIDGET,
                                           location.x, location.y + location.height, &x, &y);
  else
    {
      x = gtk_widget_get_width (view) / 2;
      y = gtk_widget_get_height (view) / 2;
    }
  popup_context_menu (self, x, y);
  return TRUE;
}

static void
setup_context_menu (CpReviewPane *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) text = g_menu_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  const guint keyvals[] = { GDK_KEY_Menu, GDK_KEY_F10 };
  const GdkModifierType modifiers[] = { 0, GDK_SHIFT_MASK };

  /* The actions GtkTextView installs for its own menu */
  g_menu_append (text, _("_Copy"), "clipboard.copy");
  g_menu_append (text, _("Select _All"), "selection.select-all");
  g_menu_append (text, _("Add _Note…"), "win.add-note");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (text));
  g_menu_append_section (menu, NULL, cp_highlighter_get_menu (self->highlighter));

  self->context_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->context_menu), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self->view));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (context_click_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (click));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keyvals); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keyvals[i], modifiers[i]),
                                                            gtk_callback_action_new (context_menu_key_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->view), keys);
}

/**
 * cp_review_pane_get_context_menu:
 * @self: a #CpReviewPane
 *
 * Returns: (transfer none): the #GtkPopoverMenu of the view's context menu
 */
GtkWidget *
cp_review_pane_get_context_menu (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), NULL);

  return self->context_menu;
}

/* The pane the reader works in is the one that last had keyboard focus */
static void
focus_entered_cb (CpReviewPane            *self,
                  GtkEventControllerFocus *controller)
{
  cp_focus_set_anchor (self->focus, self->document);
}

/* --- the review's own name --- */

static void
start_rename (CpReviewPane *self)
{
  const char *label = cp_document_get_label (self->document);

  gtk_editable_set_text (GTK_EDITABLE (self->title_entry),
                         label != NULL ? label : cp_document_get_title (self->document));
  gtk_stack_set_visible_child (self->title_stack, GTK_WIDGET (self->title_entry));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->title_entry), 0, -1);
}

static void
finish_rename (CpReviewPane *self,
               gboolean      apply)
{
  if (gtk_stack_get_visible_child (self->title_stack) != GTK_WIDGET (self->title_entry))
    return;

  gtk_stack_set_visible_child (self->title_stack, GTK_WIDGET (self->title_label));
  if (apply)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry))));

      /* The review's own title again is no label of its own */
      cp_document_set_label (self->document,
                             g_str_equal (text, cp_document_get_title (self->document)) ? NULL : text);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
title_entry_activated_cb (CpReviewPane *self,
                          GtkEntry     *entry)
{
  finish_rename (self, TRUE);
}

static gboolean
title_entry_key_cb (CpReviewPane          *self,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  finish_rename (self, FALSE);
  return TRUE;
}

static void
title_entry_left_cb (CpReviewPane            *self,
                     GtkEventControllerFocus *controller)
{
  finish_rename (self, TRUE);
}

static void
title_pressed_cb (CpReviewPane    *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  if (n_press == 2)
    start_rename (self);
}

static void
pane_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CpReviewPane *self = CP_REVIEW_PANE (widget);
  guint position = cp_review_pane_get_position (self);

  if (position == G_MAXUINT)
    return;

  if (g_str_equal (action_name, "pane.rename"))
    start_rename (self);
  else if (g_str_equal (action_name, "pane.save-text"))
    gtk_widget_activate_action (widget, "win.save-text", "u", position);
  else if (g_str_equal (action_name, "pane.close"))
    gtk_widget_activate_action (widget, "win.close-pane", "u", position);
  else if (g_str_equal (action_name, "pane.move-left"))
    gtk_widget_activate_action (widget, "win.move-pane", "(ui)", position, -1);
  else if (g_str_equal (action_name, "pane.move-right"))
    gtk_widget_activate_action (widget, "win.move-pane", "(ui)", position, 1);
}

static void
cp_review_pane_constructed (GObject *object)
{
  CpReviewPane *self = (CpReviewPane *)object;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;

  G_OBJECT_CLASS (cp_review_pane_parent_class)->constructed (object);

  g_assert (CP_IS_FOCUS (self->focus));
  g_assert (CP_IS_DOCUMENT (self->document));
  self->comparison = g_object_ref (cp_focus_get_comparison (self->focus));

  buffer = gtk_text_view_get_buffer (self->view);
  text = display_text (self->document);
  gtk_text_buffer_set_text (buffer, text, cp_document_get_length (self->document));

  self->highlighter = cp_highlighter_new (self->focus, self->document, self->view);
  gtk_widget_insert_action_group (GTK_WIDGET (self->view), "highlighter",
                                  cp_highlighter_get_actions (self->highlighter));
  setup_context_menu (self);

  cp_overview_ruler_set_view (self->ruler, self->view);
  cp_overview_ruler_set_source (self->ruler, self->focus, self->document);
  g_signal_connect_object (self->highlighter, "notify::search-results",
                           G_CALLBACK (search_results_cb), self,
                           G_CONNECT_SWAPPED);

  /* After the highlighter's handlers: the header reads what they did */
  g_signal_connect_object (self->comparison, "changed",
                           G_CALLBACK (comparison_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->focus, "notify::topic-index",
                           G_CALLBACK (focus_topic_cb), self,
                           G_CONNECT_SWAPPED);

  update_header (self);
}

static void
cp_review_pane_dispose (GObject *object)
{
  CpReviewPane *self = (CpReviewPane *)object;
  GtkWidget *child;

  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_REVIEW_PANE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->highlighter);
  g_clear_object (&self->comparison);
  g_clear_object (&self->document);
  g_clear_object (&self->focus);

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
    case PROP_FOCUS:
      g_value_set_object (value, self->focus);
      break;

    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_SHOW_RULER:
      g_value_set_boolean (value, gtk_widget_get_visible (GTK_WIDGET (self->ruler)));
      break;

    case PROP_FILE_MISSING:
      g_value_set_boolean (value, cp_review_pane_get_file_missing (self));
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
    case PROP_FOCUS:
      self->focus = g_value_dup_object (value);
      break;

    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
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

    case PROP_FILE_MISSING:
      cp_review_pane_set_file_missing (self, g_value_get_boolean (value));
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

  properties[PROP_FOCUS] =
    g_param_spec_object ("focus", NULL, NULL,
                         CP_TYPE_FOCUS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         CP_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_RULER] =
    g_param_spec_boolean ("show-ruler", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CpReviewPane:file-missing:
   *
   * Whether the review's file was deleted or moved away since it was read:
   * the header says so, and that the text is what was read.
   */
  properties[PROP_FILE_MISSING] =
    g_param_spec_boolean ("file-missing", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cp-review-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, header);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, number_label);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, title_stack);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, title_entry);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, notice_label);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, missing_icon);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, view);
  gtk_widget_class_bind_template_child (widget_class, CpReviewPane, ruler);

  gtk_widget_class_install_action (widget_class, "pane.close", NULL, pane_action_cb);
  gtk_widget_class_install_action (widget_class, "pane.rename", NULL, pane_action_cb);
  gtk_widget_class_install_action (widget_class, "pane.save-text", NULL, pane_action_cb);
  gtk_widget_class_install_action (widget_class, "pane.move-left", NULL, pane_action_cb);
  gtk_widget_class_install_action (widget_class, "pane.move-right", NULL, pane_action_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reviewpane");
}

static void
cp_review_pane_init (CpReviewPane *self)
{
  GtkGesture *click;
  GtkGesture *title_click;
  GtkEventController *focus;
  GtkEventController *title_keys;
  GtkEventController *title_focus;

  g_type_ensure (CP_TYPE_OVERVIEW_RULER);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  g_signal_connect_object (self->view, "query-tooltip", G_CALLBACK (query_tooltip_cb), self, G_CONNECT_SWAPPED);

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (click), "cp-mention-click");
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (click_released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (click));

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "enter", G_CALLBACK (focus_entered_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  /* A double-click on the title renames the review; Enter or leaving the
   * entry keeps the name, Escape does not */
  title_click = gtk_gesture_click_new ();
  g_signal_connect_object (title_click, "pressed", G_CALLBACK (title_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->title_label), GTK_EVENT_CONTROLLER (title_click));
  g_signal_connect_object (self->title_entry, "activate", G_CALLBACK (title_entry_activated_cb), self, G_CONNECT_SWAPPED);
  title_keys = gtk_event_controller_key_new ();
  g_signal_connect_object (title_keys, "key-pressed", G_CALLBACK (title_entry_key_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->title_entry), title_keys);
  title_focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (title_focus, "leave", G_CALLBACK (title_entry_left_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->title_entry), title_focus);
}

/**
 * cp_review_pane_new:
 * @focus: the window's focus, whose comparison holds @document
 * @document: the review to show
 *
 * Returns: (transfer floating): a new pane
 */
CpReviewPane *
cp_review_pane_new (CpFocus    *focus,
                    CpDocument *document)
{
  g_return_val_if_fail (CP_IS_FOCUS (focus), NULL);
  g_return_val_if_fail (CP_IS_DOCUMENT (document), NULL);

  return g_object_new (CP_TYPE_REVIEW_PANE,
                       "focus", focus,
                       "document", document,
                       NULL);
}

CpComparison *
cp_review_pane_get_comparison (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), NULL);

  return self->comparison;
}

/**
 * cp_review_pane_get_focus:
 * @self: a #CpReviewPane
 *
 * Returns: (transfer none): the focus the pane follows
 */
CpFocus *
cp_review_pane_get_focus (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), NULL);

  return self->focus;
}

CpDocument *
cp_review_pane_get_document (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), NULL);

  return self->document;
}

/**
 * cp_review_pane_get_mentions:
 * @self: a #CpReviewPane
 *
 * Returns: (transfer none) (nullable): the mentions of the pane's review,
 *   or %NULL when it was removed from the comparison
 */
CpMentions *
cp_review_pane_get_mentions (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), NULL);

  return get_mentions (self);
}

/**
 * cp_review_pane_get_highlighter:
 * @self: a #CpReviewPane
 *
 * Returns: (transfer none): the object that owns the text's tags
 */
CpHighlighter *
cp_review_pane_get_highlighter (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), NULL);

  return self->highlighter;
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

  return cp_comparison_find_document (self->comparison, self->document, &position) ? position : G_MAXUINT;
}

GtkTextView *
cp_review_pane_get_view (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), NULL);

  return self->view;
}

/**
 * cp_review_pane_popup_menu:
 * @self: a #CpReviewPane
 *
 * Opens the review's menu (move, close), as a click on its button does:
 * what Ctrl+F10 does for the keyboard.
 */
void
cp_review_pane_popup_menu (CpReviewPane *self)
{
  g_return_if_fail (CP_IS_REVIEW_PANE (self));

  gtk_menu_button_popup (self->menu_button);
}

GtkAdjustment *
cp_review_pane_get_vadjustment (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), NULL);

  return gtk_scrolled_window_get_vadjustment (self->scroller);
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
  CpMentions *mentions;

  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), FALSE);

  mentions = get_mentions (self);
  if (mentions == NULL || mention >= cp_mentions_get_n_mentions (mentions))
    return FALSE;

  return cp_review_pane_get_range_y (self,
                                     cp_mentions_get_char_start (mentions, mention),
                                     cp_mentions_get_char_end (mentions, mention),
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
  CpMentions *mentions;
  GtkTextIter iter;
  GdkRectangle visible;
  int line_y, line_height;
  int wx, wy;

  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), FALSE);

  mentions = get_mentions (self);
  if (mentions == NULL || mention >= cp_mentions_get_n_mentions (mentions) ||
      gtk_widget_get_height (GTK_WIDGET (self->view)) <= 0)
    return FALSE;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (self->view), &iter,
                                      cp_mentions_get_char_start (mentions, mention));
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
 * cp_review_pane_scroll_to_range:
 * @self: a #CpReviewPane
 * @start_char: start of the range, in characters
 * @end_char: end of the range
 * @y: where the top of the range should be, in view coordinates
 *
 * Scrolls so that the range's top sits at @y, as close as the ends of the
 * text allow; before the view is laid out, brings it into view.
 */
void
cp_review_pane_scroll_to_range (CpReviewPane *self,
                 guint         start_char,
                 guint         end_char,
                 double        y)
{
  GtkAdjustment *adjustment;
  double top;

  g_return_if_fail (CP_IS_REVIEW_PANE (self));

  if (!cp_review_pane_get_range_y (self, start_char, end_char, &top, NULL))
    {
      GtkTextIter start;

      gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (self->view), &start, start_char);
      gtk_text_view_scroll_to_iter (self->view, &start, 0.0, TRUE, 0.0, 0.3);
      return;
    }

  adjustment = cp_review_pane_get_vadjustment (self);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + top - y);
}

/**
 * cp_review_pane_scroll_to_mention:
 * @self: a #CpReviewPane
 * @mention: index of a mention of the pane's document
 * @y: where the top of the mention should be, in view coordinates
 *
 * Scrolls so that the mention sits at @y (as close as the ends of the
 * text allow). Which mention is current is the focus's business.
 */
void
cp_review_pane_scroll_to_mention (CpReviewPane *self,
                                  guint         mention,
                                  double        y)
{
  CpMentions *mentions;

  g_return_if_fail (CP_IS_REVIEW_PANE (self));

  mentions = get_mentions (self);
  if (mentions == NULL || mention >= cp_mentions_get_n_mentions (mentions))
    return;

  cp_review_pane_scroll_to_range (self,
                                  cp_mentions_get_char_start (mentions, mention),
                                  cp_mentions_get_char_end (mentions, mention),
                                  y);
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
 * cp_review_pane_get_file_missing:
 * @self: a #CpReviewPane
 *
 * Returns: whether the header says that the review's file is gone
 */
gboolean
cp_review_pane_get_file_missing (CpReviewPane *self)
{
  g_return_val_if_fail (CP_IS_REVIEW_PANE (self), FALSE);

  return gtk_widget_get_visible (self->missing_icon);
}

/**
 * cp_review_pane_set_file_missing:
 * @self: a #CpReviewPane
 * @missing: whether the review's file was deleted or moved away
 *
 * Shows in the header that the review stays open from what was read, as
 * the window's file monitor finds its file gone (or back).
 */
void
cp_review_pane_set_file_missing (CpReviewPane *self,
                                 gboolean      missing)
{
  g_return_if_fail (CP_IS_REVIEW_PANE (self));

  if (cp_review_pane_get_file_missing (self) == !!missing)
    return;
  gtk_widget_set_visible (self->missing_icon, missing);
  update_header (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE_MISSING]);
}
