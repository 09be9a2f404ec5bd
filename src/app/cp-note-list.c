/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpNoteList: the “Notes” part of the sidebar. The comparison's notes,
 * grouped by review in the order of the panes, each group headed by its
 * review's number and title, and in text order within it. A row quotes
 * the passage and shows the note.
 *
 * Activating a row emits ::note-activated, for the window to bring the
 * passage into view. Each row's menu (or F2 and Delete on the row) emits
 * ::edit-note and ::delete-note; the window does the editing, so that it
 * can offer Undo.
 *
 * The list is made anew when the notes, the reviews or their titles
 * change (the note the keyboard was on keeps it): notes are few.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cp-note-list.h"

struct _CpNoteList
{
  GtkWidget     parent_instance;

  CpComparison *comparison;
  GPtrArray    *notes;          /* CpNote, in the order of the rows */

  /* Template widgets */
  GtkLabel     *count_label;
  GtkStack     *stack;
  GtkListBox   *list_box;
  GMenuModel   *row_menu;
};

G_DEFINE_FINAL_TYPE (CpNoteList, cp_note_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COMPARISON,
  N_PROPS
};

enum {
  NOTE_ACTIVATED,
  EDIT_NOTE,
  DELETE_NOTE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static CpNote *
row_get_note (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "cp-note");
}

/* The passage on one line: its line breaks are spaces */
static char *
dup_quote_line (CpNote *note)
{
  g_autofree char *quote = g_strdup (cp_note_get_quote (note));

  for (char *p = quote; *p != '\0'; p++)
    if (*p == '\n' || *p == '\t')
      *p = ' ';
  /* Translators: a quoted passage of a review */
  return g_strdup_printf (_("“%s”"), g_strstrip (quote));
}

static void
row_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GtkListBoxRow *row = user_data;
  CpNoteList *self = CP_NOTE_LIST (gtk_widget_get_ancestor (GTK_WIDGET (row), CP_TYPE_NOTE_LIST));
  CpNote *note = row_get_note (row);

  if (self == NULL || note == NULL)
    return;
  if (g_str_equal (g_action_get_name (G_ACTION (action)), "edit"))
    g_signal_emit (self, signals[EDIT_NOTE], 0, note, row);
  else
    g_signal_emit (self, signals[DELETE_NOTE], 0, note);
}

/* Wrapped to the sidebar's width, at most @lines lines */
static GtkWidget *
make_label (const char *text,
            int         lines)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), lines);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
  return label;
}

static GtkWidget *
make_row (CpNoteList *self,
          CpNote     *note)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *quote_label;
  GtkWidget *text_label;
  GtkWidget *menu_button;
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  const GActionEntry entries[] = {
    { "edit", row_action_cb },
    { "delete", row_action_cb },
  };
  g_autofree char *quote = dup_quote_line (note);
  g_autofree char *name = NULL;

  quote_label = make_label (quote, 2);
  gtk_widget_add_css_class (quote_label, "note-quote");
  gtk_widget_add_css_class (quote_label, "dim-label");
  gtk_widget_add_css_class (quote_label, "caption");
  gtk_box_append (GTK_BOX (texts), quote_label);

  text_label = make_label (cp_note_get_text (note), 3);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), text_label);
  gtk_box_append (GTK_BOX (box), texts);

  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (menu_button), FALSE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), self->row_menu);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (menu_button, _("Note Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note menu"),
                                  -1);
  gtk_box_append (GTK_BOX (box), menu_button);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, cp_note_get_text (note));
  /* Translators: how a screen reader names a note in the list: the passage, then the note */
  name = g_strdup_printf (_("%s: %s"), quote, cp_note_get_text (note));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "cp-note", g_object_ref (note), g_object_unref);

  g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries), row);
  gtk_widget_insert_action_group (row, "row", G_ACTION_GROUP (actions));

  return row;
}

/* A heading above the first note of each review */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  CpNoteList *self = user_data;
  CpDocument *document = cp_note_get_document (row_get_note (row));
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *label;
  guint position;

  if (self->comparison == NULL)
    return;
  if (before != NULL && cp_note_get_document (row_get_note (before)) == document)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  if (!cp_comparison_find_document (self->comparison, document, &position))
    return;

  title = cp_comparison_dup_display_title (self->comparison, position);
  /* Translators: heads a review's notes: its number and title */
  heading = g_strdup_printf (_("%u · %s"), position + 1, title);
  label = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "note-list-heading");
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_list_box_row_set_header (row, label);
}

static CpNote *
focused_note (CpNoteList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_box)))
    return NULL;
  row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  return row != NULL ? row_get_note (GTK_LIST_BOX_ROW (row)) : NULL;
}

static void
rebuild (CpNoteList *self)
{
  g_autoptr(CpNote) refocus = NULL;
  g_autofree char *count = NULL;
  GtkWidget *child;
  guint n_documents;

  if (focused_note (self) != NULL)
    refocus = g_object_ref (focused_note (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_ptr_array_set_size (self->notes, 0);

  n_documents = self->comparison != NULL ? cp_comparison_get_n_documents (self->comparison) : 0;
  for (guint d = 0; d < n_documents; d++)
    {
      CpDocument *document = cp_comparison_get_document (self->comparison, d);
      g_autoptr(GPtrArray) notes = cp_comparison_dup_document_notes (self->comparison, document);

      for (guint i = 0; i < notes->len; i++)
        {
          GtkWidget *row = make_row (self, notes->pdata[i]);

          g_ptr_array_add (self->notes, g_object_ref (notes->pdata[i]));
          gtk_list_box_append (self->list_box, row);
          if (notes->pdata[i] == refocus)
            gtk_widget_grab_focus (row);
        }
    }

  count = self->notes->len > 0 ? g_strdup_printf ("%u", self->notes->len) : g_strdup ("");
  gtk_label_set_label (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, self->notes->len > 0 ? "list" : "empty");
}

static void
comparison_changed_cb (CpNoteList         *self,
                       CpComparisonChange  change,
                       CpComparison       *comparison)
{
  if (change & (CP_COMPARISON_CHANGE_NOTES | CP_COMPARISON_CHANGE_DOCUMENTS | CP_COMPARISON_CHANGE_APPEARANCE))
    rebuild (self);
}

static void
row_activated_cb (CpNoteList    *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list_box)
{
  g_signal_emit (self, signals[NOTE_ACTIVATED], 0, row_get_note (row));
}

/* F2 edits the note the keyboard is on, Delete deletes it */
static gboolean
row_key_cb (GtkWidget *widget,
            GVariant  *arguments,
            gpointer   user_data)
{
  CpNoteList *self = CP_NOTE_LIST (widget);
  CpNote *note = focused_note (self);
  GtkWidget *row;

  if (note == NULL)
    return FALSE;
  row = cp_note_list_get_row (self, note);
  if (g_variant_get_boolean (arguments))
    g_signal_emit (self, signals[EDIT_NOTE], 0, note, row);
  else
    g_signal_emit (self, signals[DELETE_NOTE], 0, note);
  return TRUE;
}

static void
cp_note_list_dispose (GObject *object)
{
  CpNoteList *self = CP_NOTE_LIST (object);
  GtkWidget *child;

  cp_note_list_set_comparison (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_NOTE_LIST);
  /* The template's box, and a popover open on a row */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->notes, g_ptr_array_unref);

  G_OBJECT_CLASS (cp_note_list_parent_class)->dispose (object);
}

static void
cp_note_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CpNoteList *self = CP_NOTE_LIST (object);

  switch (prop_id)
    {
    case PROP_COMPARISON:
      g_value_set_object (value, self->comparison);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_note_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CpNoteList *self = CP_NOTE_LIST (object);

  switch (prop_id)
    {
    case PROP_COMPARISON:
      cp_note_list_set_comparison (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* F6 comes here: the row that had the focus last, or the first; not when
 * there are no notes */
static gboolean
cp_note_list_grab_focus (GtkWidget *widget)
{
  CpNoteList *self = CP_NOTE_LIST (widget);

  if (self->notes->len == 0)
    return FALSE;
  return gtk_widget_child_focus (GTK_WIDGET (self->list_box), GTK_DIR_TAB_FORWARD);
}

static void
cp_note_list_class_init (CpNoteListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_note_list_dispose;
  object_class->get_property = cp_note_list_get_property;
  object_class->set_property = cp_note_list_set_property;
  widget_class->grab_focus = cp_note_list_grab_focus;

  properties[PROP_COMPARISON] =
    g_param_spec_object ("comparison", NULL, NULL,
                         CP_TYPE_COMPARISON,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CpNoteList::note-activated:
   * @note: the note whose row was activated
   */
  signals[NOTE_ACTIVATED] =
    g_signal_new ("note-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CP_TYPE_NOTE);
  /**
   * CpNoteList::edit-note:
   * @note: the note to edit
   * @row: its row, for a popover to point at
   */
  signals[EDIT_NOTE] =
    g_signal_new ("edit-note",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, CP_TYPE_NOTE, GTK_TYPE_WIDGET);
  /**
   * CpNoteList::delete-note:
   * @note: the note to delete
   */
  signals[DELETE_NOTE] =
    g_signal_new ("delete-note",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CP_TYPE_NOTE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cp-note-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CpNoteList, count_label);
  gtk_widget_class_bind_template_child (widget_class, CpNoteList, stack);
  gtk_widget_class_bind_template_child (widget_class, CpNoteList, list_box);
  gtk_widget_class_bind_template_child (widget_class, CpNoteList, row_menu);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_F2, 0, row_key_cb, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, row_key_cb, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, row_key_cb, "b", FALSE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "notelist");
}

static void
cp_note_list_init (CpNoteList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->notes = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_list_box_set_header_func (self->list_box, update_header, self, NULL);
  g_signal_connect_object (self->list_box, "row-activated", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

GtkWidget *
cp_note_list_new (void)
{
  return g_object_new (CP_TYPE_NOTE_LIST, NULL);
}

CpComparison *
cp_note_list_get_comparison (CpNoteList *self)
{
  g_return_val_if_fail (CP_IS_NOTE_LIST (self), NULL);

  return self->comparison;
}

void
cp_note_list_set_comparison (CpNoteList   *self,
                             CpComparison *comparison)
{
  g_return_if_fail (CP_IS_NOTE_LIST (self));
  g_return_if_fail (comparison == NULL || CP_IS_COMPARISON (comparison));

  if (self->comparison == comparison)
    return;

  if (self->comparison != NULL)
    g_signal_handlers_disconnect_by_data (self->comparison, self);
  g_set_object (&self->comparison, comparison);
  if (comparison != NULL)
    g_signal_connect_object (comparison, "changed", G_CALLBACK (comparison_changed_cb), self, G_CONNECT_SWAPPED);
  if (self->notes != NULL)
    rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARISON]);
}

/**
 * cp_note_list_get_n_notes:
 * @self: a #CpNoteList
 *
 * Returns: how many notes the list shows
 */
guint
cp_note_list_get_n_notes (CpNoteList *self)
{
  g_return_val_if_fail (CP_IS_NOTE_LIST (self), 0);

  return self->notes->len;
}

/**
 * cp_note_list_get_note:
 * @self: a #CpNoteList
 * @index: a row, from the top
 *
 * Returns: (transfer none): the note of that row
 */
CpNote *
cp_note_list_get_note (CpNoteList *self,
                       guint       index)
{
  g_return_val_if_fail (CP_IS_NOTE_LIST (self), NULL);
  g_return_val_if_fail (index < self->notes->len, NULL);

  return g_ptr_array_index (self->notes, index);
}

/**
 * cp_note_list_get_row:
 * @self: a #CpNoteList
 * @note: a note
 *
 * Returns: (transfer none) (nullable): the #GtkListBoxRow of @note
 */
GtkWidget *
cp_note_list_get_row (CpNoteList *self,
                      CpNote     *note)
{
  guint index;

  g_return_val_if_fail (CP_IS_NOTE_LIST (self), NULL);

  if (!g_ptr_array_find (self->notes, note, &index))
    return NULL;
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, index));
}
