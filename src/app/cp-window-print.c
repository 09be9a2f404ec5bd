/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "cp-file.h"
#include "cp-sheet.h"
#include "cp-window-private.h"

/*
 * Comparison sheets from the window: “Print Comparison Sheet…” (Ctrl+P)
 * through GtkPrintOperation, with a “Sheet” tab of options and a preview
 * drawn by the sheet renderer itself, and “Export Sheet as PDF…”
 * (Ctrl+Shift+E) straight to a file. Both draw with CpSheet, so the
 * paper, the preview and the PDF are the same pages.
 *
 * The page setup (paper, margins) and the print settings are kept in
 * GSettings. The orientation is chosen for each sheet — landscape for
 * more than three reviews — and can be changed in the dialog for that
 * sheet.
 */

typedef struct
{
  CpWindow           *window;   /* weak */
  CpSheet            *sheet;
  char               *title;
  GStrv               topic_ids;    /* the topics picked, or NULL */

  /* The “Sheet” tab */
  GtkEditable        *title_entry;
  GtkDropDown        *topics_dropdown;
  GtkSpinButton      *excerpts_spin;
  GtkCheckButton     *full_texts_check;
  GtkWidget          *topics_box;
  GPtrArray          *topic_checks;

  /* The preview */
  GtkPrintOperationPreview *preview;
  cairo_t            *preview_cr;
  GtkWidget          *preview_window;
  GtkWidget          *preview_area;
  GtkWidget          *preview_label;
  GtkWidget          *previous_button;
  GtkWidget          *next_button;
  guint               preview_page;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_weak_pointer (&job->window);
  g_clear_object (&job->sheet);
  g_clear_object (&job->preview);
  g_clear_pointer (&job->preview_cr, cairo_destroy);
  g_clear_pointer (&job->title, g_free);
  g_clear_pointer (&job->topic_ids, g_strfreev);
  g_clear_pointer (&job->topic_checks, g_ptr_array_unref);
  g_free (job);
}

/* The content of a sheet of the open reviews, with the options kept in
 * the settings and @title (the reviews' common subject when NULL or
 * empty). */
static CpSheetContent *
build_content (CpWindow           *self,
               const char         *title,
               const char * const *topic_ids)
{
  CpSheetOptions options = { 0, };

  options.title = title != NULL && *title != '\0' ? title : NULL;
  options.topic_ids = topic_ids;
  options.topics = g_settings_get_boolean (self->settings, "sheet-all-topics")
                   ? CP_SHEET_TOPICS_ALL : CP_SHEET_TOPICS_SHARED;
  options.excerpts_per_cell = g_settings_get_int (self->settings, "sheet-excerpts");
  options.full_texts = g_settings_get_boolean (self->settings, "sheet-full-texts");

  return cp_sheet_content_new (self->comparison, &options);
}

/* The kept page setup, or the locale's paper with its default margins;
 * turned to suit the number of reviews. */
static GtkPageSetup *
dup_page_setup (CpWindow *self)
{
  g_autoptr(GVariant) kept = g_settings_get_value (self->settings, "page-setup");
  GtkPageSetup *setup = NULL;
  guint n = cp_comparison_get_n_documents (self->comparison);

  if (g_variant_n_children (kept) > 0)
    setup = gtk_page_setup_new_from_gvariant (kept);

  if (setup == NULL)
    {
      g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (NULL);

      setup = gtk_page_setup_new ();
      gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
    }

  gtk_page_setup_set_orientation (setup, n > 3 ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                               : GTK_PAGE_ORIENTATION_PORTRAIT);

  return setup;
}

static void
keep_page_setup (CpWindow     *self,
                 GtkPageSetup *setup)
{
  g_settings_set_value (self->settings, "page-setup", gtk_page_setup_to_gvariant (setup));
}

/* {{{ The “Sheet” tab */

static gboolean
picked_to_sensitive (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_uint (from) == 2);

  return TRUE;
}

static GObject *
create_custom_widget_cb (GtkPrintOperation *operation,
                         PrintJob          *job)
{
  CpWindow *self = job->window;
  g_autofree char *default_title = cp_sheet_content_dup_default_title (self->comparison);
  const char * const topic_choices[] = {
    _("Topics two or more reviews share"),
    _("Every topic the reviews mention"),
    _("The topics picked below"),
    NULL
  };
  CpTopicSet *topics = cp_comparison_get_topics (self->comparison);
  GtkWidget *grid;
  GtkWidget *label;
  int row = 0;

  grid = g_object_new (GTK_TYPE_GRID,
                       "row-spacing", 12,
                       "column-spacing", 12,
                       "margin-start", 24,
                       "margin-end", 24,
                       "margin-top", 24,
                       "margin-bottom", 24,
                       NULL);

  label = gtk_label_new_with_mnemonic (_("_Title"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  job->title_entry = GTK_EDITABLE (gtk_entry_new ());
  gtk_entry_set_placeholder_text (GTK_ENTRY (job->title_entry), default_title);
  gtk_editable_set_text (job->title_entry, job->title != NULL ? job->title : "");
  gtk_editable_set_width_chars (job->title_entry, 36);
  gtk_widget_set_hexpand (GTK_WIDGET (job->title_entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (job->title_entry));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (job->title_entry), 1, row++, 1, 1);

  label = gtk_label_new_with_mnemonic (_("T_opics"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  job->topics_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (topic_choices));
  gtk_drop_down_set_selected (job->topics_dropdown,
                              g_settings_get_boolean (self->settings, "sheet-all-topics") ? 1 : 0);
  gtk_widget_set_halign (GTK_WIDGET (job->topics_dropdown), GTK_ALIGN_START);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (job->topics_dropdown));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (job->topics_dropdown), 1, row++, 1, 1);

  /* One check box per topic, for “The topics picked below” */
  job->topics_box = g_object_new (GTK_TYPE_FLOW_BOX,
                                  "selection-mode", GTK_SELECTION_NONE,
                                  "max-children-per-line", 3,
                                  "column-spacing", 12,
                                  NULL);
  g_clear_pointer (&job->topic_checks, g_ptr_array_unref);
  job->topic_checks = g_ptr_array_new ();
  for (guint i = 0; i < cp_topic_set_get_n_topics (topics); i++)
    {
      CpTopic *topic = cp_topic_set_get_topic (topics, i);
      GtkWidget *check = gtk_check_button_new_with_label (cp_topic_get_display_label (topic));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   job->topic_ids != NULL
                                   ? g_strv_contains ((const char * const *) job->topic_ids, cp_topic_get_id (topic))
                                   : cp_topic_get_enabled (topic) && cp_comparison_get_spread (self->comparison, i) > 1);
      g_object_set_data_full (G_OBJECT (check), "cp-topic-id", g_strdup (cp_topic_get_id (topic)), g_free);
      gtk_flow_box_append (GTK_FLOW_BOX (job->topics_box), check);
      g_ptr_array_add (job->topic_checks, check);
    }
  g_object_bind_property_full (job->topics_dropdown, "selected",
                               job->topics_box, "sensitive",
                               G_BINDING_SYNC_CREATE,
                               picked_to_sensitive, NULL, NULL, NULL);
  gtk_grid_attach (GTK_GRID (grid), job->topics_box, 1, row++, 1, 1);

  label = gtk_label_new_with_mnemonic (_("_Excerpts per review"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  job->excerpts_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 20, 1));
  gtk_spin_button_set_value (job->excerpts_spin, g_settings_get_int (self->settings, "sheet-excerpts"));
  gtk_widget_set_halign (GTK_WIDGET (job->excerpts_spin), GTK_ALIGN_START);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (job->excerpts_spin));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (job->excerpts_spin), 1, row++, 1, 1);

  job->full_texts_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("Add the _full texts side by side")));
  gtk_check_button_set_active (job->full_texts_check, g_settings_get_boolean (self->settings, "sheet-full-texts"));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (job->full_texts_check), 1, row++, 1, 1);

  return G_OBJECT (grid);
}

static void
custom_widget_apply_cb (GtkPrintOperation *operation,
                        GtkWidget         *widget,
                        PrintJob          *job)
{
  CpWindow *self = job->window;

  /* GTK's CUPS backend hands CUPS a PDF, and cairo gives each of its
   * pages a transparency group (an opaque one). For a PostScript printer
   * (a cups-pdf queue, many laser printers) CUPS wraps each page in a form
   * that keeps the group (cups-filters' pdftopdf, Debian 12's 1.28) and
   * its default renderer, Ghostscript, then draws any page with a group as
   * one 300-dpi picture, text and all. pdftocairo, the other renderer of
   * the same filter (poppler-utils, which CUPS depends on), keeps the text.
   * GTK passes a “cups-” setting to CUPS as a job option; this is the
   * moment it takes them, after the dialog and before the job. */
  gtk_print_settings_set (gtk_print_operation_get_print_settings (operation),
                          "cups-pdftops-renderer", "pdftocairo");

  if (self == NULL)
    return;

  g_free (job->title);
  job->title = g_strstrip (g_strdup (gtk_editable_get_text (job->title_entry)));

  /* Picked topics hold for this sheet; the other choices are kept. */
  g_clear_pointer (&job->topic_ids, g_strfreev);
  if (gtk_drop_down_get_selected (job->topics_dropdown) == 2)
    {
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

      for (guint i = 0; i < job->topic_checks->len; i++)
        {
          GtkCheckButton *check = g_ptr_array_index (job->topic_checks, i);

          if (gtk_check_button_get_active (check))
            g_strv_builder_add (ids, g_object_get_data (G_OBJECT (check), "cp-topic-id"));
        }
      job->topic_ids = g_strv_builder_end (ids);
    }
  else
    g_settings_set_boolean (self->settings, "sheet-all-topics",
                            gtk_drop_down_get_selected (job->topics_dropdown) == 1);
  g_settings_set_int (self->settings, "sheet-excerpts",
                      gtk_spin_button_get_value_as_int (job->excerpts_spin));
  g_settings_set_boolean (self->settings, "sheet-full-texts",
                          gtk_check_button_get_active (job->full_texts_check));
}

/* }}} */

/* {{{ Printing */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  CpWindow *self = job->window;
  g_autoptr(CpSheetContent) content = NULL;

  if (self == NULL)
    {
      gtk_print_operation_cancel (operation);
      return;
    }

  keep_page_setup (self, gtk_print_context_get_page_setup (context));

  content = build_content (self, job->title, (const char * const *) job->topic_ids);
  g_clear_object (&job->sheet);
  /* Full page, in points: the sheet draws its own margins. */
  job->sheet = cp_sheet_new (content,
                             gtk_print_context_get_width (context),
                             gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, cp_sheet_get_n_pages (job->sheet));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  if (job->sheet != NULL)
    cp_sheet_draw_page (job->sheet, gtk_print_context_get_cairo_context (context), page);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         PrintJob                *job)
{
  CpWindow *self = job->window;
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_settings_set_value (self->settings, "print-settings",
                          gtk_print_settings_to_gvariant (gtk_print_operation_get_print_settings (operation)));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      /* Translators: %s says why printing failed */
      message = g_strdup_printf (_("Could not print the comparison sheet: %s"), error->message);
      cp_window_add_error (self, message);
    }
}

/* }}} */

/* {{{ The preview */

static void
update_preview (PrintJob *job)
{
  guint n = job->sheet != NULL ? cp_sheet_get_n_pages (job->sheet) : 0;
  g_autofree char *label = NULL;

  /* Translators: in the print preview, e.g. “Page 2 of 5” */
  label = g_strdup_printf (_("Page %u of %u"), MIN (job->preview_page + 1, n), n);
  gtk_label_set_label (GTK_LABEL (job->preview_label), label);
  gtk_widget_set_sensitive (job->previous_button, job->preview_page > 0);
  gtk_widget_set_sensitive (job->next_button, job->preview_page + 1 < n);
  gtk_widget_queue_draw (job->preview_area);
}

static void
draw_preview_cb (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  PrintJob *job = user_data;
  double page_width, page_height, scale, x, y;
  const double gap = 24;

  if (job->sheet == NULL || job->preview_page >= cp_sheet_get_n_pages (job->sheet))
    return;

  page_width = cp_sheet_get_page_width (job->sheet);
  page_height = cp_sheet_get_page_height (job->sheet);
  scale = MIN ((width - 2 * gap) / page_width, (height - 2 * gap) / page_height);
  if (scale <= 0)
    return;
  x = (width - page_width * scale) / 2;
  y = (height - page_height * scale) / 2;

  /* A sheet of paper with a soft edge on the window's background */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
  cairo_rectangle (cr, x + 1, y + 2, page_width * scale, page_height * scale);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, page_width * scale, page_height * scale);
  cairo_fill (cr);

  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cp_sheet_draw_page (job->sheet, cr, job->preview_page);
}

static void
preview_step_cb (GtkButton *button,
                 PrintJob  *job)
{
  guint n = job->sheet != NULL ? cp_sheet_get_n_pages (job->sheet) : 0;

  if (GTK_WIDGET (button) == job->previous_button && job->preview_page > 0)
    job->preview_page--;
  else if (GTK_WIDGET (button) == job->next_button && job->preview_page + 1 < n)
    job->preview_page++;

  update_preview (job);
}

static gboolean
preview_next_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  PrintJob *job = user_data;

  preview_step_cb (GTK_BUTTON (job->next_button), job);

  return TRUE;
}

static gboolean
preview_previous_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  PrintJob *job = user_data;

  preview_step_cb (GTK_BUTTON (job->previous_button), job);

  return TRUE;
}

static void
preview_ready_cb (GtkPrintOperationPreview *preview,
                  GtkPrintContext          *context,
                  PrintJob                 *job)
{
  job->preview_page = 0;
  update_preview (job);
}

static gboolean
preview_close_request_cb (GtkWindow *window,
                          PrintJob  *job)
{
  if (job->preview != NULL)
    gtk_print_operation_preview_end_preview (job->preview);
  g_clear_object (&job->preview);
  job->preview_window = NULL;

  return FALSE;
}

/* GTK would hand the preview to an external viewer; the sheet draws its
 * own, page by page, in a window of the application. */
static gboolean
preview_cb (GtkPrintOperation        *operation,
            GtkPrintOperationPreview *preview,
            GtkPrintContext          *context,
            GtkWindow                *parent,
            PrintJob                 *job)
{
  GtkWidget *header;
  GtkWidget *box;
  GtkEventController *keys;

  g_set_object (&job->preview, preview);

  /* GTK paginates with a cairo context on the print context; the sheet
   * lays itself out on its own and draws each page on the window's. */
  if (job->preview_cr == NULL)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);

      job->preview_cr = cairo_create (surface);
      cairo_surface_destroy (surface);
    }
  gtk_print_context_set_cairo_context (context, job->preview_cr, 72, 72);

  job->preview_window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (job->preview_window), _("Print Preview"));
  /* Landscape sheets for more than three reviews */
  if (job->window != NULL && cp_comparison_get_n_documents (job->window->comparison) > 3)
    gtk_window_set_default_size (GTK_WINDOW (job->preview_window), 1040, 780);
  else
    gtk_window_set_default_size (GTK_WINDOW (job->preview_window), 720, 900);
  gtk_window_set_modal (GTK_WINDOW (job->preview_window), TRUE);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (job->preview_window), parent);
  else if (job->window != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (job->preview_window), GTK_WINDOW (job->window));

  header = gtk_header_bar_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (box, "linked");
  job->previous_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (job->previous_button, _("Previous Page"));
  g_signal_connect (job->previous_button, "clicked", G_CALLBACK (preview_step_cb), job);
  gtk_box_append (GTK_BOX (box), job->previous_button);
  job->next_button = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_tooltip_text (job->next_button, _("Next Page"));
  g_signal_connect (job->next_button, "clicked", G_CALLBACK (preview_step_cb), job);
  gtk_box_append (GTK_BOX (box), job->next_button);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), box);
  job->preview_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (job->preview_label, "numeric");
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), job->preview_label);
  gtk_window_set_titlebar (GTK_WINDOW (job->preview_window), header);

  job->preview_area = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (job->preview_area), draw_preview_cb, job, NULL);
  gtk_window_set_child (GTK_WINDOW (job->preview_window), job->preview_area);

  /* Page Up and Page Down turn the pages */
  keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (keys), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, 0),
                                                          gtk_callback_action_new (preview_next_cb, job, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, 0),
                                                          gtk_callback_action_new (preview_previous_cb, job, NULL)));
  gtk_widget_add_controller (job->preview_window, keys);

  g_signal_connect (preview, "ready", G_CALLBACK (preview_ready_cb), job);
  g_signal_connect (job->preview_window, "close-request", G_CALLBACK (preview_close_request_cb), job);

  update_preview (job);
  gtk_window_present (GTK_WINDOW (job->preview_window));

  return TRUE;
}

/* }}} */

static GtkPrintOperation *
create_operation (CpWindow *self)
{
  g_autoptr(GtkPageSetup) setup = dup_page_setup (self);
  g_autoptr(GVariant) kept = g_settings_get_value (self->settings, "print-settings");
  g_autofree char *job_name = cp_sheet_content_dup_default_title (self->comparison);
  GtkPrintOperation *operation = gtk_print_operation_new ();
  PrintJob *job = g_new0 (PrintJob, 1);

  g_set_weak_pointer (&job->window, self);
  g_object_set_data_full (G_OBJECT (operation), "cp-print-job", job, (GDestroyNotify) print_job_free);

  if (g_variant_n_children (kept) > 0)
    {
      g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new_from_gvariant (kept);

      gtk_print_operation_set_print_settings (operation, settings);
    }

  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_custom_tab_label (operation, _("Sheet"));
  gtk_print_operation_set_job_name (operation, job_name);

  g_signal_connect (operation, "create-custom-widget", G_CALLBACK (create_custom_widget_cb), job);
  g_signal_connect (operation, "custom-widget-apply", G_CALLBACK (custom_widget_apply_cb), job);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_signal_connect (operation, "preview", G_CALLBACK (preview_cb), job);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), job);

  return operation;
}

/**
 * cp_window_print_sheet:
 * @self: a #CpWindow
 * @export_file: (nullable): a PDF file to print to without a dialog, as
 *   GTK's “Print to File” would; %NULL for the print dialog
 *
 * Prints a comparison sheet of the open reviews.
 */
void
cp_window_print_sheet (CpWindow *self,
                       GFile    *export_file)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationAction action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;

  g_return_if_fail (CP_IS_WINDOW (self));

  if (cp_comparison_get_n_documents (self->comparison) == 0)
    return;

  operation = create_operation (self);
  if (export_file != NULL)
    {
      g_autofree char *path = g_file_get_path (export_file);

      gtk_print_operation_set_export_filename (operation, path);
      gtk_print_operation_set_allow_async (operation, FALSE);
      action = GTK_PRINT_OPERATION_ACTION_EXPORT;
    }

  if (gtk_print_operation_run (operation, action, GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why printing failed */
      message = g_strdup_printf (_("Could not print the comparison sheet: %s"), error->message);
      cp_window_add_error (self, message);
    }
}

/**
 * cp_window_export_sheet:
 * @self: a #CpWindow
 * @file: the PDF file to write
 *
 * Writes a comparison sheet of the open reviews to @file, atomically,
 * with the options and paper last used for printing, and says where with
 * a way to open it; says why in an error banner if it cannot.
 *
 * Returns: %TRUE if @file was written
 */
gboolean
cp_window_export_sheet (CpWindow *self,
                        GFile    *file)
{
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(CpSheetContent) content = NULL;
  g_autoptr(CpSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (cp_comparison_get_n_documents (self->comparison) == 0)
    return FALSE;

  setup = dup_page_setup (self);
  content = build_content (self, NULL, NULL);
  sheet = cp_sheet_new (content,
                        gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS),
                        gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS));

  if (!cp_sheet_write_pdf (sheet, file, NULL, &error))
    {
      cp_window_add_error (self, error->message);
      return FALSE;
    }

  cp_window_notify_saved (self, file);
  return TRUE;
}

/**
 * cp_window_export_coverage:
 * @self: a #CpWindow
 * @file: the CSV file to write
 *
 * Writes the coverage matrix of the comparison sheet (each topic's count
 * in each review, cp_sheet_content_to_csv()) to @file, atomically, with
 * the topics the sheet would have, and says where with a way to open it;
 * says why in an error banner if it cannot.
 *
 * Returns: %TRUE if @file was written
 */
gboolean
cp_window_export_coverage (CpWindow *self,
                           GFile    *file)
{
  g_autoptr(CpSheetContent) content = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  gsize length;

  g_return_val_if_fail (CP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (cp_comparison_get_n_documents (self->comparison) == 0)
    return FALSE;

  content = build_content (self, NULL, NULL);
  csv = cp_sheet_content_to_csv (content, &length);
  if (!cp_file_replace_contents (file, csv, length, NULL, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: %s is a file name, the second %s what went wrong */
      g_autofree char *message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);

      cp_window_add_error (self, message);
      return FALSE;
    }

  cp_window_notify_saved (self, file);
  return TRUE;
}

static void
export_response_cb (CpWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  gboolean coverage = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "cp-coverage"));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);

  if (file == NULL)
    return;
  if (coverage)
    cp_window_export_coverage (self, file);
  else
    cp_window_export_sheet (self, file);
}

static void
sheet_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CpWindow *self = CP_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  gboolean coverage;

  if (g_str_equal (action_name, "win.print-sheet"))
    {
      cp_window_print_sheet (self, NULL);
      return;
    }

  coverage = g_str_equal (action_name, "win.export-coverage");
  chooser = gtk_file_chooser_native_new (coverage ? _("Export Coverage as CSV") : _("Export Sheet as PDF"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  if (coverage)
    {
      gtk_file_filter_set_name (filter, _("CSV Spreadsheets"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_suffix (filter, "csv");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("PDF Documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      gtk_file_filter_add_suffix (filter, "pdf");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data (G_OBJECT (chooser), "cp-coverage", GINT_TO_POINTER (coverage));

  title = cp_sheet_content_dup_default_title (self->comparison);
  g_strdelimit (title, "/\\:", '-');
  if (coverage)
    /* Translators: the suggested file name of an exported coverage
     * matrix; %s is the sheet's title */
    name = g_strdup_printf (_("%s — coverage.csv"), title);
  else
    /* Translators: the suggested file name of an exported sheet; %s is the
     * sheet's title */
    name = g_strdup_printf (_("%s — comparison sheet.pdf"), title);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
documents_changed_cb (CpWindow           *self,
                      CpComparisonChange  change,
                      CpComparison       *comparison)
{
  gboolean any = cp_comparison_get_n_documents (comparison) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-sheet", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-sheet", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-coverage", any);
}

void
cp_window_class_print_init (CpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.print-sheet", NULL, sheet_action);
  gtk_widget_class_install_action (widget_class, "win.export-sheet", NULL, sheet_action);
  gtk_widget_class_install_action (widget_class, "win.export-coverage", NULL, sheet_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print-sheet", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-sheet", NULL);
}

void
cp_window_print_init (CpWindow *self)
{
  g_signal_connect_object (self->comparison, "changed",
                           G_CALLBACK (documents_changed_cb), self,
                           G_CONNECT_SWAPPED);
  documents_changed_cb (self, CP_COMPARISON_CHANGE_DOCUMENTS, self->comparison);
}
