/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-gtk-utils.h"
#include "cp-rgba.h"
#include "cp-term.h"
#include "cp-topic-editor.h"
#include "cp-topic-list-swatch.h"

/*
 * CpTopicEditor:
 *
 * A small window that edits one topic of a comparison, GNOME
 * “instant apply” style: the label, the color and the shown state apply
 * as soon as they change; a term applies when its entry is activated or
 * left, or shortly after the last keystroke. A term the matcher refuses
 * is never applied: the topic keeps the term the row had before.
 *
 * While the user types, the mentions per review are counted again from
 * the terms as typed (cp_comparison_count_terms()), the one in the
 * “new term” entry included, so the effect of a term shows before it
 * is applied.
 *
 * The editor closes itself when its topic leaves the comparison's topic
 * set; “delete-requested” asks the owner to remove the topic.
 */

/* Counting is quick enough to follow typing closely; applying re-tags
 * every review and redraws every pane, so it waits for a pause. */
#define COUNT_DELAY_MS 150
#define APPLY_DELAY_MS 500

/* What the editor knows about one row of the terms list. */
typedef struct
{
  GtkEditable *entry;
  /* The row's term as the topic has it, or NULL. */
  char        *applied;
  /* Set by check_terms(): the text as typed, trimmed, when it can be
   * applied (NULL for an empty entry). */
  char        *typed;
  gboolean     ok;
} TermRow;

struct _CpTopicEditor
{
  GtkWindow       parent_instance;

  CpComparison   *comparison;
  CpTopic        *topic;
  CpTopicSet     *topics;
  GBinding       *enabled_binding;

  guint           count_source;
  guint           apply_source;
  guint           prune_source;
  guint           applying : 1;

  /* Why the last “Add” was refused, until the new-term entry changes. */
  char           *add_error;
  /* One count label per document, in document order (owned by the rows). */
  GPtrArray      *count_labels;
  /* The palette buttons, in palette order (owned by palette_box). */
  GtkWidget      *palette_buttons[CP_PALETTE_N_COLORS];

  /* Template widgets */
  GtkListBox     *general_list;
  GtkEditable    *label_entry;
  GtkWidget      *label_hint;
  GtkWidget      *palette_box;
  GtkWidget      *color_button;
  GtkWidget      *enabled_switch;
  GtkListBox     *terms_list;
  GtkEditable    *add_entry;
  GtkWidget      *add_button;
  GtkLabel       *terms_error;
  GtkListBox     *counts_list;
  GtkWidget      *delete_button;
};

G_DEFINE_FINAL_TYPE (CpTopicEditor, cp_topic_editor, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_COMPARISON,
  PROP_TOPIC,
  N_PROPS
};

enum {
  DELETE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_counts (CpTopicEditor *self);

static char *
strip_dup (const char *text)
{
  return g_strstrip (g_strdup (text));
}

static void
set_error_style (GtkWidget *widget,
                 gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

static void
show_terms_error (CpTopicEditor *self,
                  const char    *message)
{
  gtk_label_set_label (self->terms_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->terms_error), message != NULL);
}

/* Whether @terms holds a term the matcher takes for @term. */
static gboolean
has_term (GPtrArray  *terms,
          const char *term)
{
  g_autofree char *key = cp_term_dup_key (term);

  for (guint i = 0; i < terms->len; i++)
    {
      g_autofree char *other = cp_term_dup_key (g_ptr_array_index (terms, i));

      if (g_str_equal (key, other))
        return TRUE;
    }

  return FALSE;
}

/* Terms that are each valid can still be too many to match together. */
static gboolean
validate_terms (const char * const  *terms,
                GError             **error)
{
  g_autoptr(CpMatcher) matcher = cp_matcher_new ();

  for (guint i = 0; terms[i] != NULL; i++)
    if (!cp_matcher_add_term (matcher, 0, i, terms[i], error))
      return FALSE;

  return cp_matcher_compile (matcher, error);
}

static TermRow *
term_row_get (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "cp-term-row");
}

static void
term_row_free (gpointer data)
{
  TermRow *tr = data;

  g_free (tr->applied);
  g_free (tr->typed);
  g_free (tr);
}

/*
 * Checks every term entry, marks the ones that cannot be applied (not
 * valid, or the same as an earlier one) and returns the terms to use, in
 * order and without duplicates, as a NULL-terminated array. A row that
 * cannot be applied adds the term it had before when @keep_applied is
 * set, and nothing otherwise. @message is set to the first reason a row
 * was refused.
 */
static GPtrArray *
check_terms (CpTopicEditor  *self,
             gboolean        keep_applied,
             char          **message)
{
  g_autoptr(GPtrArray) typed = g_ptr_array_new ();
  GPtrArray *terms = g_ptr_array_new_with_free_func (g_free);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->terms_list, i)) != NULL; i++)
    {
      TermRow *tr = term_row_get (row);
      g_autofree char *text = strip_dup (gtk_editable_get_text (tr->entry));
      g_autoptr(GError) error = NULL;
      const char *term;

      g_clear_pointer (&tr->typed, g_free);
      tr->ok = TRUE;

      if (*text == '\0')
        ;
      else if (!cp_term_is_valid (text, &error))
        {
          tr->ok = FALSE;
          if (*message == NULL)
            *message = g_strdup (error->message);
        }
      else if (has_term (typed, text))
        {
          tr->ok = FALSE;
          if (*message == NULL)
            *message = g_strdup_printf (_("“%s” is already a term of this topic."), text);
        }
      else
        {
          tr->typed = g_steal_pointer (&text);
          g_ptr_array_add (typed, tr->typed);
        }

      set_error_style (GTK_WIDGET (tr->entry), !tr->ok);

      term = tr->ok ? tr->typed : keep_applied ? tr->applied : NULL;
      if (term != NULL && !has_term (terms, term))
        g_ptr_array_add (terms, g_strdup (term));
    }

  g_ptr_array_add (terms, NULL);

  return terms;
}

static void
apply_terms (CpTopicEditor *self)
{
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkListBoxRow *row;

  g_clear_handle_id (&self->apply_source, g_source_remove);

  terms = check_terms (self, TRUE, &message);
  if (!validate_terms ((const char * const *) terms->pdata, &error))
    {
      show_terms_error (self, error->message);
      return;
    }

  self->applying = TRUE;
  cp_topic_set_terms (self->topic, (const char * const *) terms->pdata);
  self->applying = FALSE;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->terms_list, i)) != NULL; i++)
    {
      TermRow *tr = term_row_get (row);

      if (tr->ok)
        {
          g_free (tr->applied);
          tr->applied = g_strdup (tr->typed);
        }
    }

  update_counts (self);
}

static gboolean
apply_timeout_cb (gpointer user_data)
{
  CpTopicEditor *self = user_data;

  self->apply_source = 0;
  apply_terms (self);

  return G_SOURCE_REMOVE;
}

static void
update_counts (CpTopicEditor *self)
{
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *candidate = NULL;
  g_autofree guint *counts = NULL;

  g_clear_handle_id (&self->count_source, g_source_remove);

  terms = check_terms (self, FALSE, &message);

  /* The term being typed in the “new term” entry counts too. */
  g_ptr_array_remove_index (terms, terms->len - 1);
  candidate = strip_dup (gtk_editable_get_text (self->add_entry));
  if (*candidate != '\0' &&
      cp_term_is_valid (candidate, NULL) &&
      !has_term (terms, candidate))
    g_ptr_array_add (terms, g_steal_pointer (&candidate));
  g_ptr_array_add (terms, NULL);

  counts = cp_comparison_count_terms (self->comparison,
                                      (const char * const *) terms->pdata,
                                      &error);

  for (guint d = 0; d < self->count_labels->len; d++)
    {
      GtkLabel *label = g_ptr_array_index (self->count_labels, d);
      g_autofree char *text = NULL;

      if (counts != NULL)
        text = g_strdup_printf (ngettext ("%u mention", "%u mentions", counts[d]),
                                counts[d]);
      else
        /* Translators: the count of a review when the terms cannot be counted */
        text = g_strdup (_("—"));

      gtk_label_set_label (label, text);
    }

  if (self->add_error != NULL)
    show_terms_error (self, self->add_error);
  else if (message != NULL)
    show_terms_error (self, message);
  else
    show_terms_error (self, error != NULL ? error->message : NULL);
}

static gboolean
count_timeout_cb (gpointer user_data)
{
  CpTopicEditor *self = user_data;

  self->count_source = 0;
  update_counts (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_counts (CpTopicEditor *self)
{
  g_clear_handle_id (&self->count_source, g_source_remove);
  self->count_source = g_timeout_add (COUNT_DELAY_MS, count_timeout_cb, self);
}

static gboolean
row_contains_focus (CpTopicEditor *self,
                    GtkWidget     *row)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && (focus == row || gtk_widget_is_ancestor (focus, row));
}

/* Rows left empty go away once the keyboard has left them. */
static gboolean
prune_idle_cb (gpointer user_data)
{
  CpTopicEditor *self = user_data;
  GtkListBoxRow *row;
  int i = 0;

  self->prune_source = 0;

  while ((row = gtk_list_box_get_row_at_index (self->terms_list, i)) != NULL)
    {
      TermRow *tr = term_row_get (row);
      g_autofree char *text = strip_dup (gtk_editable_get_text (tr->entry));

      if (*text == '\0' && !row_contains_focus (self, GTK_WIDGET (row)))
        gtk_list_box_remove (self->terms_list, GTK_WIDGET (row));
      else
        i++;
    }

  return G_SOURCE_REMOVE;
}

static void
term_changed_cb (GtkEditable   *entry,
                 CpTopicEditor *self)
{
  schedule_counts (self);

  g_clear_handle_id (&self->apply_source, g_source_remove);
  self->apply_source = g_timeout_add (APPLY_DELAY_MS, apply_timeout_cb, self);
}

static void
term_activated_cb (GtkEntry      *entry,
                   CpTopicEditor *self)
{
  g_autofree char *text = strip_dup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  apply_terms (self);

  /* Enter in an emptied term removes its row. */
  if (*text == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->add_entry));
      if (self->prune_source == 0)
        self->prune_source = g_idle_add (prune_idle_cb, self);
    }
}

static void
term_focus_left_cb (GtkEventControllerFocus *controller,
                    CpTopicEditor           *self)
{
  if (self->apply_source != 0)
    apply_terms (self);

  if (self->prune_source == 0)
    self->prune_source = g_idle_add (prune_idle_cb, self);
}

static void
remove_term_clicked_cb (GtkButton     *button,
                        CpTopicEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  GtkListBoxRow *next;

  gtk_list_box_remove (self->terms_list, row);
  apply_terms (self);

  /* Keep the keyboard in the list: on the next term, else the previous
   * one, else the entry that adds one. */
  next = gtk_list_box_get_row_at_index (self->terms_list, index);
  if (next == NULL && index > 0)
    next = gtk_list_box_get_row_at_index (self->terms_list, index - 1);

  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (term_row_get (next)->entry));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->add_entry));
}

static GtkWidget *
create_term_row (CpTopicEditor *self,
                 const char    *term)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkEventController *focus = gtk_event_controller_focus_new ();
  TermRow *tr = g_new0 (TermRow, 1);

  tr->entry = GTK_EDITABLE (entry);
  tr->applied = g_strdup (term);
  tr->ok = TRUE;
  g_object_set_data_full (G_OBJECT (row), "cp-term-row", tr, term_row_free);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  gtk_editable_set_text (GTK_EDITABLE (entry), term);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Term"),
                                  -1);
  g_signal_connect (entry, "changed", G_CALLBACK (term_changed_cb), self);
  g_signal_connect (entry, "activate", G_CALLBACK (term_activated_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (term_focus_left_cb), self);
  gtk_widget_add_controller (entry, focus);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Term"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Term"),
                                  -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_term_clicked_cb), self);

  /* Flat entries between separators: the list reads as a list of terms,
   * and each one is edited in place. */
  gtk_widget_add_css_class (entry, "flat");
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
rebuild_term_rows (CpTopicEditor *self)
{
  const char * const *terms = cp_topic_get_terms (self->topic);
  GtkListBoxRow *row;

  g_clear_handle_id (&self->apply_source, g_source_remove);

  while ((row = gtk_list_box_get_row_at_index (self->terms_list, 0)) != NULL)
    gtk_list_box_remove (self->terms_list, GTK_WIDGET (row));

  for (guint i = 0; terms != NULL && terms[i] != NULL; i++)
    gtk_list_box_append (self->terms_list, create_term_row (self, terms[i]));
}

static void
add_term (CpTopicEditor *self)
{
  g_autofree char *term = strip_dup (gtk_editable_get_text (self->add_entry));
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GError) error = NULL;

  if (*term == '\0')
    return;

  terms = check_terms (self, FALSE, &message);
  g_ptr_array_remove_index (terms, terms->len - 1);

  g_clear_pointer (&self->add_error, g_free);
  if (!cp_term_is_valid (term, &error))
    self->add_error = g_strdup (error->message);
  else if (has_term (terms, term))
    self->add_error = g_strdup_printf (_("“%s” is already a term of this topic."), term);

  if (self->add_error != NULL)
    {
      set_error_style (GTK_WIDGET (self->add_entry), TRUE);
      show_terms_error (self, self->add_error);
      return;
    }

  gtk_list_box_append (self->terms_list, create_term_row (self, term));
  gtk_editable_set_text (self->add_entry, "");
  apply_terms (self);
}

static void
add_entry_changed_cb (GtkEditable   *entry,
                      CpTopicEditor *self)
{
  g_autofree char *text = strip_dup (gtk_editable_get_text (entry));

  gtk_widget_set_sensitive (self->add_button, *text != '\0');

  if (self->add_error != NULL)
    {
      g_clear_pointer (&self->add_error, g_free);
      set_error_style (GTK_WIDGET (entry), FALSE);
      update_counts (self);
    }

  schedule_counts (self);
}

static void
add_entry_activated_cb (GtkEntry      *entry,
                        CpTopicEditor *self)
{
  add_term (self);
}

static void
add_clicked_cb (GtkButton     *button,
                CpTopicEditor *self)
{
  add_term (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_entry));
}

static void
rebuild_count_rows (CpTopicEditor *self)
{
  guint n_documents = cp_comparison_get_n_documents (self->comparison);
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->counts_list, 0)) != NULL)
    gtk_list_box_remove (self->counts_list, GTK_WIDGET (row));
  g_ptr_array_set_size (self->count_labels, 0);

  for (guint d = 0; d < n_documents; d++)
    {
      g_autofree char *display_title = cp_comparison_dup_display_title (self->comparison, d);
      /* Translators: a review's number, as in its pane and on the sheet, and its title */
      g_autofree char *numbered = g_strdup_printf (_("%u · %s"), d + 1, display_title);
      GtkWidget *count_row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *title = gtk_label_new (numbered);
      GtkWidget *count = gtk_label_new (NULL);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (count_row), FALSE);
      gtk_widget_set_focusable (count_row, FALSE);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (title, TRUE);
      gtk_widget_set_tooltip_text (title, display_title);

      gtk_label_set_xalign (GTK_LABEL (count), 1);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");

      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), count);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (count_row), box);
      gtk_list_box_append (self->counts_list, count_row);

      g_ptr_array_add (self->count_labels, count);
    }
}

static void
comparison_changed_cb (CpTopicEditor      *self,
                       CpComparisonChange  change,
                       CpComparison       *comparison)
{
  if (change & CP_COMPARISON_CHANGE_DOCUMENTS)
    {
      rebuild_count_rows (self);
      update_counts (self);
    }
}

/* Stops following the topic and the comparison. */
static void
disconnect_model (CpTopicEditor *self)
{
  g_clear_handle_id (&self->count_source, g_source_remove);
  g_clear_handle_id (&self->apply_source, g_source_remove);
  g_clear_handle_id (&self->prune_source, g_source_remove);

  if (self->topic != NULL)
    g_signal_handlers_disconnect_by_data (self->topic, self);
  if (self->comparison != NULL)
    g_signal_handlers_disconnect_by_data (self->comparison, self);
  if (self->topics != NULL)
    g_signal_handlers_disconnect_by_data (self->topics, self);
}

static void
topics_items_changed_cb (CpTopicEditor *self,
                         guint          position,
                         guint          removed,
                         guint          added,
                         CpTopicSet    *topics)
{
  if (cp_topic_set_lookup (topics, cp_topic_get_id (self->topic), NULL) == self->topic)
    return;

  /* The topic is gone (deleted, or replaced by an import). A window is
   * disposed only when its last reference goes, so stop listening now:
   * whoever still holds the editor holds a closed one. */
  disconnect_model (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
update_title (CpTopicEditor *self)
{
  g_autofree char *title = NULL;

  /* Translators: the title of the topic editor; %s is the topic's label */
  title = g_strdup_printf (_("Edit “%s”"), cp_topic_get_display_label (self->topic));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
topic_label_changed_cb (CpTopicEditor *self,
                        GParamSpec    *pspec,
                        CpTopic       *topic)
{
  g_autofree char *text = strip_dup (gtk_editable_get_text (self->label_entry));
  const char *shown = cp_topic_get_display_label (topic);

  /* An entry that is empty, or differs only in white space around the
   * label, is what the user is typing: leave it alone. */
  if (*text != '\0' && !g_str_equal (text, shown))
    gtk_editable_set_text (self->label_entry, shown);

  update_title (self);
}

static void
label_changed_cb (GtkEditable   *entry,
                  CpTopicEditor *self)
{
  g_autofree char *label = strip_dup (gtk_editable_get_text (entry));
  gboolean empty = *label == '\0';

  set_error_style (GTK_WIDGET (entry), empty);
  gtk_widget_set_visible (self->label_hint, empty);

  /* The label the reader sees: a German reader renames Label[de] */
  if (!empty)
    cp_topic_set_display_label (self->topic, label);
}

static void
sync_color (CpTopicEditor *self)
{
  const char *color = cp_topic_get_color (self->topic);
  GdkRGBA rgba = cp_topic_get_rgba (self->topic, 1.f);

  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);

  for (guint i = 0; i < CP_PALETTE_N_COLORS; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->palette_buttons[i]),
                                  g_ascii_strcasecmp (cp_palette_get_color (i), color) == 0);
}

static void
topic_color_changed_cb (CpTopicEditor *self,
                        GParamSpec    *pspec,
                        CpTopic       *topic)
{
  sync_color (self);
}

static void
topic_terms_changed_cb (CpTopicEditor *self,
                        GParamSpec    *pspec,
                        CpTopic       *topic)
{
  if (self->applying)
    return;

  /* Someone else changed the terms (“Add to Topic”, Undo): show theirs. */
  rebuild_term_rows (self);
  update_counts (self);
}

static guint8
channel_to_byte (float value)
{
  return (guint8) (CLAMP (value, 0.f, 1.f) * 255.f + .5f);
}

static void
color_set_cb (GtkColorButton *button,
              CpTopicEditor  *self)
{
  g_autofree char *color = NULL;
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  color = g_strdup_printf ("#%02x%02x%02x",
                           channel_to_byte (rgba.red),
                           channel_to_byte (rgba.green),
                           channel_to_byte (rgba.blue));
  cp_topic_set_color (self->topic, color);
}

static void
palette_clicked_cb (GtkButton     *button,
                    CpTopicEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "cp-palette-index"));

  cp_topic_set_color (self->topic, cp_palette_get_color (index));
  /* Clicking the current color toggled its button off: turn it back on. */
  sync_color (self);
}

static void
create_palette_buttons (CpTopicEditor *self)
{
  for (guint i = 0; i < CP_PALETTE_N_COLORS; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *swatch = cp_topic_list_swatch_new ();
      const char *name = _(cp_palette_get_name (i));

      cp_topic_list_swatch_set_color (CP_TOPIC_LIST_SWATCH (swatch), cp_palette_get_color (i));
      gtk_widget_set_size_request (swatch, 18, 18);
      gtk_widget_set_can_target (swatch, FALSE);

      gtk_button_set_child (GTK_BUTTON (button), swatch);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "image-button");
      gtk_widget_set_tooltip_text (button, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      g_object_set_data (G_OBJECT (button), "cp-palette-index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (palette_clicked_cb), self);

      gtk_box_append (GTK_BOX (self->palette_box), button);
      self->palette_buttons[i] = button;
    }
}

/* Clicking anywhere on the “Shown” row flips its switch. */
static void
general_row_activated_cb (GtkListBox    *list,
                          GtkListBoxRow *row,
                          CpTopicEditor *self)
{
  if (gtk_widget_is_ancestor (self->enabled_switch, GTK_WIDGET (row)))
    gtk_widget_activate (self->enabled_switch);
}

static void
delete_clicked_cb (GtkButton     *button,
                   CpTopicEditor *self)
{
  g_signal_emit (self, signals[DELETE_REQUESTED], 0);
}

static gboolean
cp_topic_editor_close_request (GtkWindow *window)
{
  CpTopicEditor *self = CP_TOPIC_EDITOR (window);

  /* A term typed just before closing is not lost. */
  if (self->apply_source != 0)
    apply_terms (self);

  return GTK_WINDOW_CLASS (cp_topic_editor_parent_class)->close_request (window);
}

static void
cp_topic_editor_constructed (GObject *object)
{
  CpTopicEditor *self = CP_TOPIC_EDITOR (object);
  GtkWidget *placeholder;

  G_OBJECT_CLASS (cp_topic_editor_parent_class)->constructed (object);

  g_assert (CP_IS_COMPARISON (self->comparison));
  g_assert (CP_IS_TOPIC (self->topic));

  self->topics = g_object_ref (cp_comparison_get_topics (self->comparison));

  update_title (self);

  gtk_editable_set_text (self->label_entry, cp_topic_get_display_label (self->topic));
  g_signal_connect (self->label_entry, "changed", G_CALLBACK (label_changed_cb), self);

  sync_color (self);
  g_signal_connect (self->color_button, "color-set", G_CALLBACK (color_set_cb), self);

  self->enabled_binding = g_object_bind_property (self->topic, "enabled",
                                                  self->enabled_switch, "active",
                                                  G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  placeholder = gtk_label_new (_("No terms: the topic finds nothing."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->terms_list, placeholder);
  rebuild_term_rows (self);

  placeholder = gtk_label_new (_("No reviews are open."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->counts_list, placeholder);
  rebuild_count_rows (self);
  update_counts (self);

  g_signal_connect_object (self->topic, "notify::display-label",
                           G_CALLBACK (topic_label_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->topic, "notify::color",
                           G_CALLBACK (topic_color_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->topic, "notify::terms",
                           G_CALLBACK (topic_terms_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->comparison, "changed",
                           G_CALLBACK (comparison_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->topics, "items-changed",
                           G_CALLBACK (topics_items_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
cp_topic_editor_dispose (GObject *object)
{
  CpTopicEditor *self = CP_TOPIC_EDITOR (object);

  disconnect_model (self);

  /* Before the template goes: the binding would outlive the switch. */
  g_clear_pointer (&self->enabled_binding, g_binding_unbind);

  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_TOPIC_EDITOR);

  g_clear_object (&self->topics);
  g_clear_object (&self->topic);
  g_clear_object (&self->comparison);

  G_OBJECT_CLASS (cp_topic_editor_parent_class)->dispose (object);
}

static void
cp_topic_editor_finalize (GObject *object)
{
  CpTopicEditor *self = CP_TOPIC_EDITOR (object);

  g_clear_pointer (&self->count_labels, g_ptr_array_unref);
  g_clear_pointer (&self->add_error, g_free);

  G_OBJECT_CLASS (cp_topic_editor_parent_class)->finalize (object);
}

static void
cp_topic_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CpTopicEditor *self = CP_TOPIC_EDITOR (object);

  switch (prop_id)
    {
    case PROP_COMPARISON:
      g_value_set_object (value, self->comparison);
      break;

    case PROP_TOPIC:
      g_value_set_object (value, self->topic);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_topic_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CpTopicEditor *self = CP_TOPIC_EDITOR (object);

  switch (prop_id)
    {
    case PROP_COMPARISON:
      self->comparison = g_value_dup_object (value);
      break;

    case PROP_TOPIC:
      self->topic = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_topic_editor_class_init (CpTopicEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cp_topic_editor_constructed;
  object_class->dispose = cp_topic_editor_dispose;
  object_class->finalize = cp_topic_editor_finalize;
  object_class->get_property = cp_topic_editor_get_property;
  object_class->set_property = cp_topic_editor_set_property;

  window_class->close_request = cp_topic_editor_close_request;

  /**
   * CpTopicEditor:comparison:
   *
   * The comparison whose documents the live counts are taken from.
   */
  properties[PROP_COMPARISON] =
    g_param_spec_object ("comparison", NULL, NULL,
                         CP_TYPE_COMPARISON,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * CpTopicEditor:topic:
   *
   * The topic being edited, a member of the comparison's topic set.
   */
  properties[PROP_TOPIC] =
    g_param_spec_object ("topic", NULL, NULL,
                         CP_TYPE_TOPIC,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CpTopicEditor::delete-requested:
   * @self: a #CpTopicEditor
   *
   * The user asked to delete the topic. The owner removes it from the
   * topic set, which closes the editor.
   */
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cp-topic-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CpTopicEditor, general_list);
  gtk_widget_class_bind_template_child (widget_class, CpTopicEditor, label_entry);
  gtk_widget_class_bind_template_child (widget_class, CpTopicEditor, label_hint);
  gtk_widget_class_bind_template_child (widget_class, CpTopicEditor, palette_box);
  gtk_widget_class_bind_template_child (widget_class, CpTopicEditor, color_button);
  gtk_widget_class_bind_template_child (widget_class, CpTopicEditor, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, CpTopicEditor, terms_list);
  gtk_widget_class_bind_template_child (widget_class, CpTopicEditor, add_entry);
  gtk_widget_class_bind_template_child (widget_class, CpTopicEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, CpTopicEditor, terms_error);
  gtk_widget_class_bind_template_child (widget_class, CpTopicEditor, counts_list);
  gtk_widget_class_bind_template_child (widget_class, CpTopicEditor, delete_button);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cp_topic_editor_init (CpTopicEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->count_labels = g_ptr_array_new ();

  /* Connected here rather than in the template so that
   * gtk4-builder-tool can validate the .ui on its own. */
  create_palette_buttons (self);
  gtk_list_box_set_header_func (self->general_list, cp_list_box_separator_header, NULL, NULL);
  gtk_list_box_set_header_func (self->terms_list, cp_list_box_separator_header, NULL, NULL);
  gtk_list_box_set_header_func (self->counts_list, cp_list_box_separator_header, NULL, NULL);
  g_signal_connect (self->general_list, "row-activated", G_CALLBACK (general_row_activated_cb), self);
  g_signal_connect (self->add_entry, "changed", G_CALLBACK (add_entry_changed_cb), self);
  g_signal_connect (self->add_entry, "activate", G_CALLBACK (add_entry_activated_cb), self);
  g_signal_connect (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  g_signal_connect (self->delete_button, "clicked", G_CALLBACK (delete_clicked_cb), self);
}

/**
 * cp_topic_editor_new:
 * @comparison: a #CpComparison
 * @topic: a topic of @comparison's topic set
 *
 * Creates an editor for @topic. It is not modal; the caller sets its
 * transient parent and presents it, and removes the topic (with Undo)
 * on #CpTopicEditor::delete-requested.
 *
 * Returns: the new editor window
 */
GtkWidget *
cp_topic_editor_new (CpComparison *comparison,
                     CpTopic      *topic)
{
  g_return_val_if_fail (CP_IS_COMPARISON (comparison), NULL);
  g_return_val_if_fail (CP_IS_TOPIC (topic), NULL);
  g_return_val_if_fail (cp_topic_set_lookup (cp_comparison_get_topics (comparison),
                                             cp_topic_get_id (topic), NULL) == topic, NULL);

  return g_object_new (CP_TYPE_TOPIC_EDITOR,
                       "comparison", comparison,
                       "topic", topic,
                       NULL);
}

/**
 * cp_topic_editor_get_topic:
 * @self: a #CpTopicEditor
 *
 * Returns: (transfer none): the topic being edited
 */
CpTopic *
cp_topic_editor_get_topic (CpTopicEditor *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_EDITOR (self), NULL);

  return self->topic;
}
