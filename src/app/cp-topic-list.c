/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-topic-list.h"
#include "cp-topic-list-item.h"
#include "cp-topic-list-row.h"

/*
 * CpTopicList:
 *
 * The sidebar that lists the comparison's topics: shared topics first,
 * by how many reviews mention them, then the topics only one review
 * mentions, then the rest, each group under a heading. Every row has a
 * switch that shows or hides the topic (CpTopic:enabled).
 *
 * The list keeps one CpTopicListItem per topic for as long as the topic
 * is in the set, and reorders those same items when the comparison
 * changes: GtkListView then keeps the row widgets, so a switch being
 * toggled is not rebound under the pointer, and the selection survives.
 *
 * Selecting a row sets CpTopicList:focus-topic; setting the property
 * selects the row.
 *
 * Each topic row is one keyboard stop; headings are none. On a row,
 * Return focuses the topic, Space shows or hides it, F2 edits it and the
 * menu key (Shift+F10) opens its menu.
 */

/* The width the sidebar asks for. It is fixed rather than measured from
 * the rows, so that the sidebar does not change width as counts change;
 * it fits “in 4 of 5 reviews · 18 mentions” beside the edit button and
 * the switch. */
#define NATURAL_WIDTH 360

struct _CpTopicList
{
  GtkWidget           parent_instance;

  CpFocus            *focus;
  CpComparison       *comparison;   /* the focus's */
  gulong              changed_id;
  gulong              focus_id;

  /* The rows in display order, headers included. */
  GListStore         *store;
  GtkSingleSelection *selection;
  /* CpTopic → CpTopicListItem for every topic of the set. */
  GHashTable         *items;
  CpTopicListItem    *headers[CP_TOPIC_LIST_N_SECTIONS];

  guint               syncing_selection : 1;
  guint               unmentioned_open : 1;

  /* Template widgets */
  GtkStack           *stack;
  GtkWidget          *empty_label;
  GtkWidget          *scroller;
  GtkListView        *list_view;
};

G_DEFINE_FINAL_TYPE (CpTopicList, cp_topic_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FOCUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
find_topic_position (CpTopicList *self,
                     CpTopic     *topic)
{
  guint n_items;

  if (topic == NULL)
    return GTK_INVALID_LIST_POSITION;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CpTopicListItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (!cp_topic_list_item_is_header (item) &&
          cp_topic_list_item_get_topic (item) == topic)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Whether the row of the item at @position is on screen in full. Asking
 * the list to scroll to a row lays the whole window out again, even when
 * the row is in view already. */
static gboolean
row_in_view (CpTopicList *self,
             guint        position)
{
  GtkWidget *list = GTK_WIDGET (self->list_view);
  gpointer item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  gboolean in_view = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL && !in_view;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      graphene_rect_t bounds;

      if (row == NULL || !CP_IS_TOPIC_LIST_ROW (row) ||
          (gpointer) cp_topic_list_row_get_item (CP_TOPIC_LIST_ROW (row)) != item ||
          !gtk_widget_get_mapped (child) ||
          !gtk_widget_compute_bounds (child, list, &bounds))
        continue;

      in_view = bounds.origin.y >= 0 &&
                bounds.origin.y + bounds.size.height <= gtk_widget_get_height (list);
    }

  g_clear_object (&item);
  return in_view;
}

/* Makes the selection match the focused topic, without reporting it back. */
static void
sync_selection (CpTopicList *self,
                gboolean     scroll)
{
  guint position = find_topic_position (self, self->focus != NULL ? cp_focus_get_topic (self->focus) : NULL);

  self->syncing_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing_selection = FALSE;

  if (scroll && position != GTK_INVALID_LIST_POSITION && !row_in_view (self, position))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view),
                                "list.scroll-to-item", "u", position);
}

static void
focus_topic (CpTopicList     *self,
             CpTopicListItem *item)
{
  if (self->focus == NULL)
    return;
  if (item == NULL || cp_topic_list_item_is_header (item))
    cp_focus_set_topic (self->focus, NULL);
  else
    cp_focus_set_topic (self->focus, cp_topic_list_item_get_topic (item));
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  CpTopicListItem *item_a = *(CpTopicListItem **)a;
  CpTopicListItem *item_b = *(CpTopicListItem **)b;

  return cp_topic_list_item_compare (item_a, item_b);
}

static gboolean
store_matches (CpTopicList *self,
               GPtrArray   *rows)
{
  GListModel *model = G_LIST_MODEL (self->store);

  if (g_list_model_get_n_items (model) != rows->len)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(CpTopicListItem) item = g_list_model_get_item (model, i);

      if (item != g_ptr_array_index (rows, i))
        return FALSE;
    }

  return TRUE;
}

/* Brings the items up to date with the comparison and puts them in
 * order. The store is only spliced when the order changed.
 */
static void
refresh (CpTopicList *self)
{
  g_autoptr(GHashTable) items = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  CpTopicSet *topics = NULL;
  guint n_topics = 0;
  guint n_documents = 0;

  if (self->comparison != NULL)
    {
      topics = cp_comparison_get_topics (self->comparison);
      n_topics = cp_topic_set_get_n_topics (topics);
      n_documents = cp_comparison_get_n_documents (self->comparison);
    }

  gtk_stack_set_visible_child (self->stack,
                               n_documents > 0 ? self->scroller : self->empty_label);

  items = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  rows = g_ptr_array_new_full (n_topics + CP_TOPIC_LIST_N_SECTIONS, NULL);

  for (guint i = 0; i < n_topics; i++)
    {
      CpTopic *topic = cp_topic_set_get_topic (topics, i);
      CpTopicListItem *item = NULL;

      if (g_hash_table_steal_extended (self->items, topic, NULL, (gpointer *)&item))
        cp_topic_list_item_set_index (item, i);
      else
        item = cp_topic_list_item_new_topic (topic, i);

      cp_topic_list_item_set_color_round (item, cp_topic_set_get_color_round (topics, i));
      cp_topic_list_item_update (item,
                                 cp_topic_get_enabled (topic),
                                 cp_comparison_get_spread (self->comparison, i),
                                 cp_comparison_get_total (self->comparison, i),
                                 n_documents);

      g_hash_table_insert (items, topic, item);
      g_ptr_array_add (rows, item);
    }

  g_hash_table_unref (self->items);
  self->items = g_steal_pointer (&items);

  g_ptr_array_sort (rows, compare_items);

  /* A heading in front of each section that has topics. */
  for (guint i = rows->len; i > 0; i--)
    {
      CpTopicListSection section = cp_topic_list_item_get_section (g_ptr_array_index (rows, i - 1));

      if (i == 1 || cp_topic_list_item_get_section (g_ptr_array_index (rows, i - 2)) != section)
        g_ptr_array_insert (rows, i - 1, self->headers[section]);
    }

  /* Topics no open review mentions are one closed section, unless the
   * reader opened it: reviews of another work would otherwise fill the
   * list with them. The last section, when there is one. */
  for (guint i = 0; i < rows->len; i++)
    if (g_ptr_array_index (rows, i) == self->headers[CP_TOPIC_LIST_SECTION_UNMENTIONED])
      {
        guint n_unmentioned = rows->len - i - 1;

        cp_topic_list_item_set_collapsed (self->headers[CP_TOPIC_LIST_SECTION_UNMENTIONED],
                                          !self->unmentioned_open, n_unmentioned);
        if (!self->unmentioned_open)
          g_ptr_array_set_size (rows, i + 1);
        break;
      }

  if (!store_matches (self, rows))
    {
      GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
      gboolean at_top = gtk_adjustment_get_value (vadjustment) <= 0.0;

      self->syncing_selection = TRUE;
      g_list_store_splice (self->store,
                           0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                           rows->pdata, rows->len);
      self->syncing_selection = FALSE;

      /* GTK 4.8 keeps a row that was at the top in its place while the
       * rows change, which left the first heading scrolled out of sight
       * once the list no longer fit; a list seen from its start stays so */
      if (at_top && rows->len > 0)
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
    }

  sync_selection (self, FALSE);
}

static void
comparison_changed_cb (CpTopicList        *self,
                       CpComparisonChange  change,
                       CpComparison       *comparison)
{
  /* Notes change no count */
  if (change == CP_COMPARISON_CHANGE_NOTES)
    return;

  refresh (self);
}

static void
selection_changed_cb (CpTopicList        *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  CpTopicListItem *item;

  if (self->syncing_selection)
    return;

  item = gtk_single_selection_get_selected_item (selection);
  focus_topic (self, item);
}

static void
focus_changed_cb (CpTopicList *self,
                  GParamSpec  *pspec,
                  CpFocus     *focus)
{
  sync_selection (self, TRUE);
}

static void
list_view_activated_cb (CpTopicList *self,
                        guint        position,
                        GtkListView *list_view)
{
  g_autoptr(CpTopicListItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), position);

  if (item == NULL)
    return;

  if (!cp_topic_list_item_is_header (item))
    focus_topic (self, item);
  else if (cp_topic_list_item_get_section (item) == CP_TOPIC_LIST_SECTION_UNMENTIONED)
    {
      /* The heading of the unmentioned topics opens and closes them */
      self->unmentioned_open = !self->unmentioned_open;
      refresh (self);
    }
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CpTopicList              *self)
{
  gtk_list_item_set_child (list_item, cp_topic_list_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CpTopicList              *self)
{
  CpTopicListItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  gboolean is_header = cp_topic_list_item_is_header (item);

  /* GTK 4.8 unbinds and binds a row again whenever its selection changes,
   * as on every focus change. There is no unbind handler: a row keeps its
   * item until it is bound to another, so that binding the same one again
   * changes nothing (a new label or tooltip in the list would lay out the
   * whole window again). */
  cp_topic_list_row_set_item (CP_TOPIC_LIST_ROW (row), item);
  gtk_list_item_set_selectable (list_item, !is_header);
  /* The heading of the unmentioned topics is a control: it opens them */
  gtk_list_item_set_activatable (list_item, !is_header ||
                                 cp_topic_list_item_get_section (item) == CP_TOPIC_LIST_SECTION_UNMENTIONED);

  /* GTK 4.8 has neither list sections nor a way to style one list item:
   * mark the row widget that holds a heading so that style.css can keep
   * it from lighting up on hover like a topic row. */
  if (gtk_widget_get_parent (row) != NULL)
    {
      if (is_header)
        gtk_widget_add_css_class (gtk_widget_get_parent (row), "topic-heading");
      else
        gtk_widget_remove_css_class (gtk_widget_get_parent (row), "topic-heading");
    }
  /* A heading is read as a heading, not stopped at as an item. */
  if (gtk_widget_get_parent (row) != NULL)
    gtk_widget_set_focusable (gtk_widget_get_parent (row),
                              !is_header || cp_topic_list_item_get_section (item) == CP_TOPIC_LIST_SECTION_UNMENTIONED);
}

/* The topic row that has the keyboard focus, or NULL. */
static CpTopicListRow *
get_focused_row (CpTopicList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    return NULL;
  row = CP_IS_TOPIC_LIST_ROW (focus) ? focus : gtk_widget_get_first_child (focus);
  if (row == NULL || !CP_IS_TOPIC_LIST_ROW (row) ||
      cp_topic_list_row_get_item (CP_TOPIC_LIST_ROW (row)) == NULL ||
      cp_topic_list_item_is_header (cp_topic_list_row_get_item (CP_TOPIC_LIST_ROW (row))))
    return NULL;
  return CP_TOPIC_LIST_ROW (row);
}

/* What the row's switch, edit button and right click do, for the
 * keyboard: each row is one Tab stop. */
static gboolean
row_key_cb (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  CpTopicList *self = CP_TOPIC_LIST (widget);
  CpTopicListRow *row = get_focused_row (self);
  const char *what = user_data;
  CpTopic *topic;

  if (row == NULL)
    return FALSE;
  topic = cp_topic_list_item_get_topic (cp_topic_list_row_get_item (row));

  if (g_str_equal (what, "toggle"))
    cp_topic_set_enabled (topic, !cp_topic_get_enabled (topic));
  else if (g_str_equal (what, "edit"))
    return gtk_widget_activate_action (widget, "win.edit-topic", "s", cp_topic_get_id (topic));
  else
    cp_topic_list_row_popup_menu (row);

  return TRUE;
}

static void
add_row_key (GtkShortcutController *controller,
             const char            *keys,
             const char            *what)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (keys),
                                                          gtk_callback_action_new (row_key_cb, (gpointer) what, NULL)));
}

/* Delete removes the selected topic (the window offers Undo); Return on a
 * row (GtkListView::activate) focuses it. */
static gboolean
delete_selected_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  CpTopicList *self = CP_TOPIC_LIST (widget);
  CpTopic *topic = self->focus != NULL ? cp_focus_get_topic (self->focus) : NULL;

  if (topic == NULL)
    return FALSE;

  return gtk_widget_activate_action (widget, "win.delete-topic", "s", cp_topic_get_id (topic));
}

static void
cp_topic_list_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  CpTopicList *self = CP_TOPIC_LIST (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, NATURAL_WIDTH);
}

static void
cp_topic_list_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  CpTopicList *self = CP_TOPIC_LIST (widget);

  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
}

static gboolean
cp_topic_list_grab_focus (GtkWidget *widget)
{
  CpTopicList *self = CP_TOPIC_LIST (widget);

  if (gtk_stack_get_visible_child (self->stack) == self->scroller)
    return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));

  return FALSE;
}

static void
cp_topic_list_dispose (GObject *object)
{
  CpTopicList *self = (CpTopicList *)object;

  cp_topic_list_set_focus (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CP_TYPE_TOPIC_LIST);

  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_pointer (&self->items, g_hash_table_unref);

  for (guint i = 0; i < CP_TOPIC_LIST_N_SECTIONS; i++)
    g_clear_object (&self->headers[i]);

  G_OBJECT_CLASS (cp_topic_list_parent_class)->dispose (object);
}

static void
cp_topic_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CpTopicList *self = CP_TOPIC_LIST (object);

  switch (prop_id)
    {
    case PROP_FOCUS:
      g_value_set_object (value, self->focus);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_topic_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CpTopicList *self = CP_TOPIC_LIST (object);

  switch (prop_id)
    {
    case PROP_FOCUS:
      cp_topic_list_set_focus (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_topic_list_class_init (CpTopicListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cp_topic_list_dispose;
  object_class->get_property = cp_topic_list_get_property;
  object_class->set_property = cp_topic_list_set_property;

  widget_class->measure = cp_topic_list_measure;
  widget_class->size_allocate = cp_topic_list_size_allocate;
  widget_class->grab_focus = cp_topic_list_grab_focus;

  /**
   * CpTopicList:focus:
   *
   * The focus of the window: its comparison's topics are listed, and the
   * selected row is its topic.
   */
  properties[PROP_FOCUS] =
    g_param_spec_object ("focus", NULL, NULL,
                         CP_TYPE_FOCUS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/counterpoint/Counterpoint/cp-topic-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CpTopicList, stack);
  gtk_widget_class_bind_template_child (widget_class, CpTopicList, empty_label);
  gtk_widget_class_bind_template_child (widget_class, CpTopicList, scroller);
  gtk_widget_class_bind_template_child (widget_class, CpTopicList, list_view);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_selected_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, delete_selected_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "topiclist");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cp_topic_list_init (CpTopicList *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->store = g_list_store_new (CP_TYPE_TOPIC_LIST_ITEM);

  for (guint i = 0; i < CP_TOPIC_LIST_N_SECTIONS; i++)
    self->headers[i] = cp_topic_list_item_new_header (i);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection,
                           "notify::selected",
                           G_CALLBACK (selection_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);

  /* Caught on the way down, before the list item's own bindings. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  add_row_key (GTK_SHORTCUT_CONTROLLER (controller), "space", "toggle");
  add_row_key (GTK_SHORTCUT_CONTROLLER (controller), "KP_Space", "toggle");
  add_row_key (GTK_SHORTCUT_CONTROLLER (controller), "F2", "edit");
  add_row_key (GTK_SHORTCUT_CONTROLLER (controller), "<Shift>F10", "menu");
  add_row_key (GTK_SHORTCUT_CONTROLLER (controller), "Menu", "menu");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->list_view,
                           "activate",
                           G_CALLBACK (list_view_activated_cb),
                           self,
                           G_CONNECT_SWAPPED);

  refresh (self);
}

GtkWidget *
cp_topic_list_new (void)
{
  return g_object_new (CP_TYPE_TOPIC_LIST, NULL);
}

/**
 * cp_topic_list_get_comparison:
 * @self: a #CpTopicList
 *
 * Returns: (transfer none) (nullable): the comparison whose topics are
 *   listed
 */
CpComparison *
cp_topic_list_get_comparison (CpTopicList *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_LIST (self), NULL);

  return self->comparison;
}

/**
 * cp_topic_list_get_focus:
 * @self: a #CpTopicList
 *
 * Returns: (transfer none) (nullable): the focus it shows and sets
 */
CpFocus *
cp_topic_list_get_focus (CpTopicList *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_LIST (self), NULL);

  return self->focus;
}

/**
 * cp_topic_list_set_focus:
 * @self: a #CpTopicList
 * @focus: (nullable): the window's focus
 *
 * Lists the topics of @focus's comparison; selecting a row focuses its
 * topic, and the selection follows the focus.
 */
void
cp_topic_list_set_focus (CpTopicList *self,
                         CpFocus     *focus)
{
  g_return_if_fail (CP_IS_TOPIC_LIST (self));
  g_return_if_fail (focus == NULL || CP_IS_FOCUS (focus));

  if (self->focus == focus)
    return;

  if (self->focus != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->comparison);
      g_clear_signal_handler (&self->focus_id, self->focus);
      g_clear_object (&self->comparison);
      g_clear_object (&self->focus);
    }

  if (focus != NULL)
    {
      self->focus = g_object_ref (focus);
      self->comparison = g_object_ref (cp_focus_get_comparison (focus));
      self->changed_id = g_signal_connect_object (self->comparison,
                                                  "changed",
                                                  G_CALLBACK (comparison_changed_cb),
                                                  self,
                                                  G_CONNECT_SWAPPED);
      self->focus_id = g_signal_connect_object (focus,
                                                "notify::topic",
                                                G_CALLBACK (focus_changed_cb),
                                                self,
                                                G_CONNECT_SWAPPED);
    }

  if (self->store != NULL)
    refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS]);
}
