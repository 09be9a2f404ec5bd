/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpMentionsView: the Mentions window. For the focused topic (or a
 * search), a column per review in pane order with its mentions in text
 * order, each between about ten words of context on either side, the
 * mentions lined up in the middle of the column (a keyword-in-context
 * concordance, built by CpKwic). Activating a row brings every pane to
 * that mention, as clicking a ribbon does. The view follows the focus:
 * another topic focused, or the reviews re-tagged, and it is rebuilt.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-file.h"
#include "cp-mentions-view.h"
#include "cp-tints.h"

enum
{
  SEARCH_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

struct _CpMentionsView
{
  GtkWindow     parent_instance;

  CpFocus      *focus;
  CpComparison *comparison;
  CpTopic      *topic;      /* what is shown; NULL with a search */
  char         *search;     /* the search shown, or NULL */
  CpKwic       *kwic;
  GPtrArray    *list_views; /* one per column */

  /* template */
  GtkStack     *stack;
  GtkLabel     *empty_label;
  GtkBox       *columns_box;
};

G_DEFINE_FINAL_TYPE (CpMentionsView, cp_mentions_view, GTK_TYPE_WINDOW)

/* {{{ Rows */

static gboolean
is_dark (GtkWidget *widget)
{
  gboolean dark = FALSE;

  g_object_get (gtk_widget_get_settings (widget), "gtk-application-prefer-dark-theme", &dark, NULL);

  return dark;
}

/* The keyword as the panes show the focused topic's mentions: bold, on
 * the topic's tint, in black or white by the tint's luminance. */
static PangoAttrList *
keyword_attributes (CpMentionsView *self)
{
  PangoAttrList *attributes = pango_attr_list_new ();
  const CpTints *tints;
  guint32 rgb;
  double luminance;
  guint16 ink;

  pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (self->topic == NULL)
    return attributes;

  tints = cp_tints_get (is_dark (GTK_WIDGET (self)));
  rgb = cp_topic_get_rgb (self->topic);
  pango_attr_list_insert (attributes, pango_attr_background_new (((rgb >> 16) & 0xff) * 257,
                                                                 ((rgb >> 8) & 0xff) * 257,
                                                                 (rgb & 0xff) * 257));
  pango_attr_list_insert (attributes, pango_attr_background_alpha_new (tints->focused_alpha * 65535));
  luminance = (0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff)) / 255;
  ink = luminance > 0.45 ? 0 : 65535;
  pango_attr_list_insert (attributes, pango_attr_foreground_new (ink, ink, ink));

  return attributes;
}

static GtkWidget *
context_label (float              xalign,
               PangoEllipsizeMode ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), ellipsize);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), 1);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
  gtk_widget_set_hexpand (label, TRUE);

  return label;
}

/* Two halves of one width: the left context, right-aligned and cut at
 * its start, then the keyword and the right context, cut at its end, so
 * that every keyword starts in the middle of the column. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CpMentionsView           *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *after = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *keyword = gtk_label_new (NULL);
  g_autoptr(PangoAttrList) attributes = keyword_attributes (self);

  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  gtk_box_append (GTK_BOX (row), context_label (1.0, PANGO_ELLIPSIZE_START));
  gtk_label_set_single_line_mode (GTK_LABEL (keyword), TRUE);
  /* A long mention must not make the column wider than the window */
  gtk_label_set_ellipsize (GTK_LABEL (keyword), PANGO_ELLIPSIZE_END);
  gtk_label_set_attributes (GTK_LABEL (keyword), attributes);
  gtk_box_append (GTK_BOX (after), keyword);
  gtk_box_append (GTK_BOX (after), context_label (0.0, PANGO_ELLIPSIZE_END));
  gtk_box_append (GTK_BOX (row), after);
  gtk_list_item_set_child (item, row);
}

/* A keyword may hold a line end ("sunflower\nseeds"): one line here */
static char *
dup_one_line (const char *text)
{
  char *line = g_strdup (text);

  g_strdelimit (line, "\n\t\r", ' ');

  return line;
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CpMentionsView           *self)
{
  CpKwicRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *left = gtk_widget_get_first_child (box);
  GtkWidget *after = gtk_widget_get_last_child (box);
  GtkWidget *keyword = gtk_widget_get_first_child (after);
  GtkWidget *right = gtk_widget_get_last_child (after);
  g_autofree char *shown = dup_one_line (cp_kwic_row_get_keyword (row));
  g_autofree char *whole = g_strconcat (cp_kwic_row_get_left (row), shown, cp_kwic_row_get_right (row), NULL);

  gtk_label_set_text (GTK_LABEL (left), cp_kwic_row_get_left (row));
  gtk_label_set_text (GTK_LABEL (keyword), shown);
  gtk_label_set_text (GTK_LABEL (right), cp_kwic_row_get_right (row));
  /* What is cut off at either end can be read whole */
  gtk_widget_set_tooltip_text (box, whole);
}

/* }}} */
/* {{{ Columns */

static void
row_activated_cb (GtkListView    *list_view,
                  guint           position,
                  CpMentionsView *self)
{
  g_autoptr(CpKwicRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list_view)), position);

  if (row == NULL)
    return;

  if (self->topic != NULL)
    {
      CpMentions *mentions = cp_comparison_get_mentions_for_document (self->comparison, cp_kwic_row_get_document (row));

      if (mentions != NULL && cp_kwic_row_get_index (row) < cp_mentions_get_n_mentions (mentions))
        cp_focus_focus_mention (self->focus, cp_kwic_row_get_document (row), cp_kwic_row_get_index (row));
    }
  else
    g_signal_emit (self, signals[SEARCH_ACTIVATED], 0, row);
}

static GtkWidget *
column_new (CpMentionsView *self,
            guint           column)
{
  GListModel *rows = cp_kwic_get_column_rows (self->kwic, column);
  guint n = g_list_model_get_n_items (rows);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (cp_kwic_get_column_title (self->kwic, column));
  g_autofree char *count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mention", "%u mentions", n), n);
  GtkWidget *count = gtk_label_new (count_text);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSingleSelection *selection = gtk_single_selection_new (g_object_ref (rows));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list_view;
  g_autofree char *accessible = NULL;

  gtk_widget_add_css_class (box, "mentions-column");
  /* Wide enough for about six words either side of the keyword at the
   * default font; more reviews than fit scroll sideways */
  gtk_widget_set_size_request (box, 440, -1);

  gtk_widget_add_css_class (header, "column-header");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_tooltip_text (title, cp_kwic_get_column_title (self->kwic, column));
  gtk_widget_add_css_class (count, "dim-label");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), count);
  gtk_box_append (GTK_BOX (box), header);

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list_view), TRUE);
  /* Translators: what a screen reader says for a review's column of
   * mentions: its title and how many */
  accessible = g_strdup_printf (_("%s, %s"), cp_kwic_get_column_title (self->kwic, column), count_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_signal_connect_object (list_view, "activate", G_CALLBACK (row_activated_cb), self, 0);
  g_ptr_array_add (self->list_views, list_view);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list_view);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);

  return box;
}

/* Each review's current mention is the selected row of its column, so
 * that F3 in the window shows here where the reader is */
static void
select_current (CpMentionsView *self,
                guint           column)
{
  GtkListView *list_view = cp_mentions_view_get_list_view (self, column);
  GtkSingleSelection *selection;
  GListModel *rows;
  guint selected = GTK_INVALID_LIST_POSITION;
  int current;

  if (list_view == NULL || self->topic == NULL)
    return;

  current = cp_focus_get_current (self->focus, cp_kwic_get_column_document (self->kwic, column));
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list_view));
  rows = gtk_single_selection_get_model (selection);
  for (guint i = 0; i < g_list_model_get_n_items (rows) && current >= 0; i++)
    {
      g_autoptr(CpKwicRow) row = g_list_model_get_item (rows, i);

      if (cp_kwic_row_get_index (row) == (guint) current)
        selected = i;
    }

  gtk_single_selection_set_selected (selection, selected);
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (list_view), "list.scroll-to-item", "u", selected);
}

static void
current_changed_cb (CpMentionsView *self,
                    CpDocument     *document,
                    CpFocus        *focus)
{
  for (guint c = 0; self->kwic != NULL && c < self->list_views->len; c++)
    if (cp_kwic_get_column_document (self->kwic, c) == document)
      select_current (self, c);
}

static int
topic_position (CpMentionsView *self)
{
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  guint n = cp_topic_set_get_n_topics (topics);

  for (guint i = 0; i < n; i++)
    if (cp_topic_set_get_topic (topics, i) == self->topic)
      return i;

  return -1;
}

static void
set_empty (CpMentionsView *self,
           const char     *text)
{
  gtk_label_set_text (self->empty_label, text);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
rebuild (CpMentionsView *self)
{
  g_autoptr(CpKwic) kwic = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean in_columns = focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->columns_box));
  int position = self->topic != NULL ? topic_position (self) : -1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);
  g_ptr_array_set_size (self->list_views, 0);

  if (position >= 0)
    kwic = cp_kwic_new_for_topic (self->comparison, position, 0);
  else if (self->search != NULL)
    {
      g_autoptr(CpMatcher) matcher = cp_matcher_new ();

      if (cp_matcher_add_term (matcher, 0, 0, self->search, NULL) && cp_matcher_compile (matcher, NULL))
        kwic = cp_kwic_new_for_matcher (self->comparison, matcher, self->search, 0);
    }
  g_set_object (&self->kwic, kwic);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mentions.copy", kwic != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mentions.export", kwic != NULL);

  if (kwic == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Mentions"));
      set_empty (self, _("Focus a topic, in the sidebar or in a review, to see its mentions here."));
      return;
    }

  /* Translators: the title of the Mentions window; %s is a topic or a
   * search term */
  title = g_strdup_printf (_("Mentions of “%s”"), cp_kwic_get_keyword (kwic));
  gtk_window_set_title (GTK_WINDOW (self), title);

  if (cp_kwic_get_n_rows (kwic) == 0)
    {
      g_autofree char *empty = NULL;

      if (cp_kwic_get_n_columns (kwic) == 0)
        empty = g_strdup (_("No reviews are open."));
      else
        /* Translators: %s is a topic or a search term */
        empty = g_strdup_printf (_("No mentions of “%s” in these reviews."), cp_kwic_get_keyword (kwic));
      set_empty (self, empty);
      return;
    }

  for (guint c = 0; c < cp_kwic_get_n_columns (kwic); c++)
    {
      gtk_box_append (self->columns_box, column_new (self, c));
      select_current (self, c);
    }
  gtk_stack_set_visible_child_name (self->stack, "columns");

  /* The keyboard starts in the rows, and stays there when they are made
   * again (a re-tagging, another topic) */
  for (guint c = 0; in_columns && c < self->list_views->len; c++)
    {
      GtkWidget *list_view = g_ptr_array_index (self->list_views, c);

      if (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)))) > 0)
        {
          gtk_widget_grab_focus (list_view);
          break;
        }
    }
}

/* Another topic focused: show it. Nothing focused (Escape): keep the
 * topic shown. */
static void
focus_topic_cb (CpMentionsView *self,
                GParamSpec     *pspec,
                CpFocus        *focus)
{
  CpTopic *topic = cp_focus_get_topic (focus);

  if (topic == NULL || topic == self->topic)
    return;

  cp_mentions_view_show_topic (self, topic);
}

/* The keywords' tint differs in the dark style */
static void
dark_style_changed_cb (CpMentionsView *self)
{
  rebuild (self);
}

static void
comparison_changed_cb (CpMentionsView     *self,
                       CpComparisonChange  change,
                       CpComparison       *comparison)
{
  rebuild (self);
}

/* }}} */
/* {{{ Copy and export */

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CpMentionsView *self = CP_MENTIONS_VIEW (widget);
  g_autofree char *text = cp_mentions_view_dup_text (self);

  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
show_error (CpMentionsView *self,
            const char     *message)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR,
                                              GTK_BUTTONS_CLOSE,
                                              _("Could not export the mentions"));

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
name_is_html (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  return g_str_has_suffix (folded, ".html") || g_str_has_suffix (folded, ".htm");
}

static void
export_response_cb (CpMentionsView       *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  gboolean html = filter != NULL && g_str_equal (g_object_get_data (G_OBJECT (filter), "cp-format"), "html");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);

  if (file == NULL)
    return;

  /* A name without .csv or .html gets the one of the chosen format */
  {
    g_autofree char *name = g_file_get_basename (file);
    g_autofree char *folded = g_utf8_casefold (name, -1);

    if (!g_str_has_suffix (folded, ".csv") && !name_is_html (name))
      {
        g_autoptr(GFile) parent = g_file_get_parent (file);
        g_autofree char *named = g_strconcat (name, html ? ".html" : ".csv", NULL);

        g_set_object (&file, g_file_get_child (parent, named));
      }
  }

  if (!cp_mentions_view_export (self, file, &error))
    show_error (self, error->message);
}

static GtkFileFilter *
format_filter (const char *name,
               const char *format,
               const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, format);
  if (g_str_equal (format, "html"))
    gtk_file_filter_add_suffix (filter, "htm");
  g_object_set_data (G_OBJECT (filter), "cp-format", (gpointer) format);

  return filter;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CpMentionsView *self = CP_MENTIONS_VIEW (widget);
  g_autoptr(GtkFileFilter) csv = format_filter (_("CSV Spreadsheets"), "csv", "text/csv");
  g_autoptr(GtkFileFilter) html = format_filter (_("Web Pages"), "html", "text/html");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->kwic == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Mentions"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), html);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), csv);

  /* Translators: the suggested file name of exported mentions; %s is a
   * topic or a search term */
  name = g_strdup_printf (_("mentions of %s.csv"), cp_kwic_get_keyword (self->kwic));
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* }}} */
/* {{{ Object */

static void
cp_mentions_view_dispose (GObject *object)
{
  CpMentionsView *self = CP_MENTIONS_VIEW (object);

  g_clear_object (&self->focus);
  g_clear_object (&self->comparison);
  g_clear_object (&self->topic);
  g_clear_object (&self->kwic);

  G_OBJECT_CLASS (cp_mentions_view_parent_class)->dispose (object);
}

static void
cp_mentions_view_finalize (GObject *object)
{
  CpMentionsView *self = CP_MENTIONS_VIEW (object);

  g_free (self->search);
  g_ptr_array_unref (self->list_views);

  G_OBJECT_CLASS (cp_mentions_view_parent_class)->finalize (object);
}

static void
cp_mentions_view_class_init (CpMentionsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_mentions_view_dispose;
  object_class->finalize = cp_mentions_view_finalize;

  /**
   * CpMentionsView::search-activated:
   * @self: the view
   * @row: the #CpKwicRow activated
   *
   * A row of a search was activated: its window brings the panes to it.
   * (A row of a topic focuses its mention through the #CpFocus.)
   */
  signals[SEARCH_ACTIVATED] =
    g_signal_new ("search-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CP_TYPE_KWIC_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/counterpoint/Counterpoint/cp-mentions-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CpMentionsView, stack);
  gtk_widget_class_bind_template_child (widget_class, CpMentionsView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, CpMentionsView, columns_box);

  gtk_widget_class_install_action (widget_class, "mentions.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "mentions.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "mentions.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "mentions.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cp_mentions_view_init (CpMentionsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->list_views = g_ptr_array_new ();
}

/**
 * cp_mentions_view_new:
 * @parent: the window it belongs to
 * @focus: the window's focus: what is shown follows its topic, and
 *   activating a row focuses that mention
 *
 * Makes a Mentions window, transient for @parent but not modal, showing
 * the focused topic's mentions (or, with none, how to get some).
 *
 * Returns: (transfer none): the new window
 */
CpMentionsView *
cp_mentions_view_new (GtkWindow *parent,
                      CpFocus   *focus)
{
  CpMentionsView *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CP_IS_FOCUS (focus), NULL);

  self = g_object_new (CP_TYPE_MENTIONS_VIEW,
                       "transient-for", parent,
                       "application", gtk_window_get_application (parent),
                       NULL);
  self->focus = g_object_ref (focus);
  self->comparison = g_object_ref (cp_focus_get_comparison (focus));
  g_set_object (&self->topic, cp_focus_get_topic (focus));

  g_signal_connect_object (focus, "notify::topic", G_CALLBACK (focus_topic_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "current-changed", G_CALLBACK (current_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->comparison, "changed", G_CALLBACK (comparison_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-application-prefer-dark-theme",
                           G_CALLBACK (dark_style_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);

  return self;
}

/**
 * cp_mentions_view_show_topic:
 * @self: a #CpMentionsView
 * @topic: a topic of the comparison
 *
 * Shows the mentions of @topic.
 */
void
cp_mentions_view_show_topic (CpMentionsView *self,
                             CpTopic        *topic)
{
  g_return_if_fail (CP_IS_MENTIONS_VIEW (self));
  g_return_if_fail (CP_IS_TOPIC (topic));

  g_set_object (&self->topic, topic);
  g_clear_pointer (&self->search, g_free);
  rebuild (self);
}

/**
 * cp_mentions_view_show_search:
 * @self: a #CpMentionsView
 * @text: what was searched for
 *
 * Shows where the reviews have @text, as the window's search finds it,
 * until a topic is focused.
 */
void
cp_mentions_view_show_search (CpMentionsView *self,
                              const char     *text)
{
  g_return_if_fail (CP_IS_MENTIONS_VIEW (self));
  g_return_if_fail (text != NULL);

  g_clear_object (&self->topic);
  g_free (self->search);
  self->search = g_strdup (text);
  rebuild (self);
}

/**
 * cp_mentions_view_get_kwic:
 * @self: a #CpMentionsView
 *
 * Returns: (transfer none) (nullable): the rows shown, or %NULL with
 *   nothing to show
 */
CpKwic *
cp_mentions_view_get_kwic (CpMentionsView *self)
{
  g_return_val_if_fail (CP_IS_MENTIONS_VIEW (self), NULL);

  return self->kwic;
}

/**
 * cp_mentions_view_get_list_view:
 * @self: a #CpMentionsView
 * @column: a column, as in cp_mentions_view_get_kwic()
 *
 * Returns: (transfer none) (nullable): the list of the column's rows, or
 *   %NULL when no columns are shown (there are no mentions)
 */
GtkListView *
cp_mentions_view_get_list_view (CpMentionsView *self,
                                guint           column)
{
  g_return_val_if_fail (CP_IS_MENTIONS_VIEW (self), NULL);

  return column < self->list_views->len ? g_ptr_array_index (self->list_views, column) : NULL;
}

/**
 * cp_mentions_view_dup_text:
 * @self: a #CpMentionsView
 *
 * Returns: (transfer full) (nullable): the rows as Copy puts them on the
 *   clipboard (cp_kwic_to_text()), or %NULL with nothing shown
 */
char *
cp_mentions_view_dup_text (CpMentionsView *self)
{
  g_return_val_if_fail (CP_IS_MENTIONS_VIEW (self), NULL);

  return self->kwic != NULL ? cp_kwic_to_text (self->kwic, NULL) : NULL;
}

/**
 * cp_mentions_view_export:
 * @self: a #CpMentionsView
 * @file: where to write: a web page when its name ends in .html or .htm,
 *   else CSV
 * @error: return location for an error
 *
 * Writes the rows shown to @file, atomically; an error says which file
 * could not be written, and why.
 *
 * Returns: %TRUE if @file was written
 */
gboolean
cp_mentions_view_export (CpMentionsView  *self,
                         GFile           *file,
                         GError         **error)
{
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (CP_IS_MENTIONS_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (self->kwic != NULL, FALSE);

  name = g_file_get_basename (file);
  if (name_is_html (name))
    contents = cp_kwic_to_html (self->kwic, &length);
  else
    contents = cp_kwic_to_csv (self->kwic, &length);

  if (!cp_file_replace_contents (file, contents, length, NULL, &local_error))
    {
      /* Translators: %s is a file name; what went wrong follows */
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), _("Could not save “%s”: "), name);
      return FALSE;
    }

  return TRUE;
}

/* }}} */
