/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-topic-list-row.h"
#include "cp-topic-list-swatch.h"

/*
 * CpTopicListRow:
 *
 * What the topic list shows for one CpTopicListItem: a section heading,
 * or a topic's color, label, summary, a button that opens the topic's
 * editor and a switch that shows or hides the topic. The switch is bound
 * both ways to CpTopic:enabled. A right click offers the editor and
 * deleting the topic (win.edit-topic, win.delete-topic).
 *
 * The row is one keyboard stop: the switch and the button are for the
 * pointer, and CpTopicList gives the keyboard Space, F2 and the menu key
 * for them. So the row, which is what a screen reader lands on, is named
 * after its topic and its summary.
 */

struct _CpTopicListRow
{
  GtkWidget        parent_instance;

  CpTopicListItem *item;
  GPtrArray       *bindings;

  GtkWidget       *heading;
  GtkWidget       *swatch;
  GtkWidget       *text_box;
  GtkWidget       *title;
  GtkWidget       *summary;
  GtkWidget       *edit_button;
  GtkWidget       *toggle;
  GtkWidget       *menu;
};

G_DEFINE_FINAL_TYPE (CpTopicListRow, cp_topic_list_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_enabled (CpTopicListRow *self)
{
  CpTopic *topic = cp_topic_list_item_get_topic (self->item);

  if (cp_topic_get_enabled (topic))
    {
      gtk_widget_remove_css_class (self->swatch, "dim-label");
      gtk_widget_remove_css_class (self->title, "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (self->swatch, "dim-label");
      gtk_widget_add_css_class (self->title, "dim-label");
    }
}

static void
update_toggle_label (CpTopicListRow *self)
{
  CpTopic *topic = cp_topic_list_item_get_topic (self->item);
  g_autofree char *label = NULL;

  /* Translators: the accessible name of the switch that shows or hides
   * a topic's highlights; %s is the topic's name */
  label = g_strdup_printf (_("Show %s"), cp_topic_get_display_label (topic));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  if (g_strcmp0 (gtk_widget_get_tooltip_text (self->toggle), label) != 0)
    gtk_widget_set_tooltip_text (self->toggle, label);

  g_free (label);
  /* Translators: the accessible name of the button that opens a topic's
   * editor; %s is the topic's name */
  label = g_strdup_printf (_("Edit %s"), cp_topic_get_display_label (topic));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* The list item around the row is what takes the keyboard focus, and
 * GTK 4.8 offers no other way to name it. */
static void
update_accessible_label (CpTopicListRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  g_autofree char *label = NULL;

  if (self->item == NULL)
    return;
  if (cp_topic_list_item_is_header (self->item))
    {
      label = g_strdup (cp_topic_list_item_get_title (self->item));
      if (parent != NULL && cp_topic_list_item_get_section (self->item) == CP_TOPIC_LIST_SECTION_UNMENTIONED)
        gtk_accessible_update_state (GTK_ACCESSIBLE (parent),
                                     GTK_ACCESSIBLE_STATE_EXPANDED, !cp_topic_list_item_get_collapsed (self->item),
                                     -1);
    }
  else
    {
      /* Translators: a topic row's accessible name: the topic's name,
       * then how widely it is used: “Twitter, in 4 of 4 reviews, 13
       * mentions” */
      label = g_strdup_printf (_("%s, %s"),
                               cp_topic_get_display_label (cp_topic_list_item_get_topic (self->item)),
                               cp_topic_list_item_get_spoken_summary (self->item));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  if (parent != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
}

static void
summary_changed_cb (CpTopicListRow  *self,
                    GParamSpec      *pspec,
                    CpTopicListItem *item)
{
  update_accessible_label (self);
}

static void
topic_enabled_changed_cb (CpTopicListRow *self,
                          GParamSpec     *pspec,
                          CpTopic        *topic)
{
  update_enabled (self);
}

static void
topic_label_changed_cb (CpTopicListRow *self,
                        GParamSpec     *pspec,
                        CpTopic        *topic)
{
  update_toggle_label (self);
  update_accessible_label (self);
}

static void
add_binding (CpTopicListRow *self,
             gpointer        source,
             const char     *source_property,
             gpointer        target,
             const char     *target_property,
             GBindingFlags   flags)
{
  GBinding *binding;

  binding = g_object_bind_property (source, source_property,
                                    target, target_property,
                                    flags | G_BINDING_SYNC_CREATE);
  g_ptr_array_add (self->bindings, g_object_ref (binding));
}

static void
unbind_item (CpTopicListRow *self)
{
  CpTopic *topic;

  if (self->item == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->item, self);
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);

  topic = cp_topic_list_item_get_topic (self->item);
  if (topic != NULL)
    g_signal_handlers_disconnect_by_data (topic, self);

  g_clear_object (&self->item);
}

static void
bind_item (CpTopicListRow  *self,
           CpTopicListItem *item)
{
  CpTopic *topic;
  gboolean is_header;

  g_assert (self->item == NULL);

  if (item == NULL)
    return;

  self->item = g_object_ref (item);
  is_header = cp_topic_list_item_is_header (item);

  gtk_widget_set_visible (self->heading, is_header);
  gtk_widget_set_visible (self->swatch, !is_header);
  gtk_widget_set_visible (self->text_box, !is_header);
  gtk_widget_set_visible (self->toggle, !is_header);
  gtk_widget_set_visible (self->edit_button, !is_header);

  if (is_header)
    {
      /* The section of unmentioned topics opens and closes: its title
       * says which, and how many it hides */
      add_binding (self, item, "title", self->heading, "label", 0);
      g_signal_connect_object (item, "notify::title", G_CALLBACK (update_accessible_label), self,
                               G_CONNECT_SWAPPED);
      update_accessible_label (self);
      return;
    }

  topic = cp_topic_list_item_get_topic (item);
  /* Name and target together: a name without its target is an error. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "s", cp_topic_get_id (topic));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->edit_button), "win.edit-topic");

  add_binding (self, topic, "display-label", self->title, "label", 0);
  add_binding (self, topic, "color", self->swatch, "color", 0);
  add_binding (self, item, "color-round", self->swatch, "color-round", 0);
  add_binding (self, topic, "enabled", self->toggle, "active", G_BINDING_BIDIRECTIONAL);
  add_binding (self, item, "summary", self->summary, "label", 0);

  g_signal_connect_object (topic,
                           "notify::enabled",
                           G_CALLBACK (topic_enabled_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (topic,
                           "notify::display-label",
                           G_CALLBACK (topic_label_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (item,
                           "notify::summary",
                           G_CALLBACK (summary_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);

  update_enabled (self);
  update_toggle_label (self);
  update_accessible_label (self);
}

static void
popup_menu (CpTopicListRow *self,
            double          x,
            double          y)
{
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenuItem) edit = NULL;
  g_autoptr(GMenuItem) mentions = NULL;
  g_autoptr(GMenuItem) delete = NULL;
  const char *id = cp_topic_get_id (cp_topic_list_item_get_topic (self->item));

  menu = g_menu_new ();
  edit = g_menu_item_new (_("_Edit Topic…"), NULL);
  g_menu_item_set_action_and_target_value (edit, "win.edit-topic", g_variant_new_string (id));
  g_menu_append_item (menu, edit);
  mentions = g_menu_item_new (_("Show _Mentions"), NULL);
  g_menu_item_set_action_and_target_value (mentions, "win.show-mentions", g_variant_new_string (id));
  g_menu_append_item (menu, mentions);
  delete = g_menu_item_new (_("_Delete Topic"), NULL);
  g_menu_item_set_action_and_target_value (delete, "win.delete-topic", g_variant_new_string (id));
  g_menu_append_item (menu, delete);

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      CpTopicListRow  *self)
{
  if (self->item == NULL || cp_topic_list_item_is_header (self->item))
    return;

  popup_menu (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
cp_topic_list_row_dispose (GObject *object)
{
  CpTopicListRow *self = (CpTopicListRow *)object;
  GtkWidget *child;

  unbind_item (self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cp_topic_list_row_parent_class)->dispose (object);
}

static void
cp_topic_list_row_finalize (GObject *object)
{
  CpTopicListRow *self = (CpTopicListRow *)object;

  g_clear_pointer (&self->bindings, g_ptr_array_unref);

  G_OBJECT_CLASS (cp_topic_list_row_parent_class)->finalize (object);
}

static void
cp_topic_list_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CpTopicListRow *self = CP_TOPIC_LIST_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_topic_list_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CpTopicListRow *self = CP_TOPIC_LIST_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      cp_topic_list_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_topic_list_row_class_init (CpTopicListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_topic_list_row_dispose;
  object_class->finalize = cp_topic_list_row_finalize;
  object_class->get_property = cp_topic_list_row_get_property;
  object_class->set_property = cp_topic_list_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         CP_TYPE_TOPIC_LIST_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "topicrow");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
cp_topic_list_row_init (CpTopicListRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *click;

  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 10);

  self->heading = g_object_new (GTK_TYPE_LABEL,
                                "xalign", 0.0f,
                                "hexpand", TRUE,
                                "ellipsize", PANGO_ELLIPSIZE_END,
                                "css-classes", (const char *[]) { "caption-heading", "dim-label", NULL },
                                "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                NULL);
  gtk_widget_set_parent (self->heading, widget);

  self->swatch = cp_topic_list_swatch_new ();
  gtk_widget_set_parent (self->swatch, widget);

  self->text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (self->text_box, TRUE);
  gtk_widget_set_valign (self->text_box, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->text_box, widget);

  self->title = g_object_new (GTK_TYPE_LABEL,
                              "xalign", 0.0f,
                              "ellipsize", PANGO_ELLIPSIZE_END,
                              NULL);
  gtk_box_append (GTK_BOX (self->text_box), self->title);

  /* Wrapped, not cut: a longer language's counts ("in 4 von 4
   * Rezensionen · 19 Erwähnungen") go on a second line */
  self->summary = g_object_new (GTK_TYPE_LABEL,
                                "xalign", 0.0f,
                                "wrap", TRUE,
                                "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                "css-classes", (const char *[]) { "caption", "dim-label", NULL },
                                NULL);
  gtk_box_append (GTK_BOX (self->text_box), self->summary);

  self->edit_button = g_object_new (GTK_TYPE_BUTTON,
                                    "icon-name", "document-edit-symbolic",
                                    "tooltip-text", _("Edit Topic"),
                                    "valign", GTK_ALIGN_CENTER,
                                    "css-classes", (const char *[]) { "flat", "circular", NULL },
                                    "focusable", FALSE,
                                    NULL);
  gtk_widget_set_parent (self->edit_button, widget);

  self->toggle = gtk_switch_new ();
  gtk_widget_set_valign (self->toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_focusable (self->toggle, FALSE);
  gtk_widget_set_parent (self->toggle, widget);

  gtk_widget_set_visible (self->heading, FALSE);

  self->menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, widget);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
cp_topic_list_row_new (void)
{
  return g_object_new (CP_TYPE_TOPIC_LIST_ROW, NULL);
}

CpTopicListItem *
cp_topic_list_row_get_item (CpTopicListRow *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_LIST_ROW (self), NULL);

  return self->item;
}

void
cp_topic_list_row_set_item (CpTopicListRow  *self,
                            CpTopicListItem *item)
{
  g_return_if_fail (CP_IS_TOPIC_LIST_ROW (self));
  g_return_if_fail (item == NULL || CP_IS_TOPIC_LIST_ITEM (item));

  if (self->item == item)
    return;

  unbind_item (self);
  bind_item (self, item);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/**
 * cp_topic_list_row_popup_menu:
 * @self: a #CpTopicListRow that shows a topic
 *
 * Opens the menu a right click opens, under the row's start: what the
 * menu key and Shift+F10 do.
 */
void
cp_topic_list_row_popup_menu (CpTopicListRow *self)
{
  g_return_if_fail (CP_IS_TOPIC_LIST_ROW (self));

  if (self->item == NULL || cp_topic_list_item_is_header (self->item))
    return;

  popup_menu (self, 0, gtk_widget_get_height (GTK_WIDGET (self)));
}
