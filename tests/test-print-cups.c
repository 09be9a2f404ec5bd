/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Printing through a real print system: the samples' comparison sheet
 * printed from the window (Ctrl+P, the print dialog, Print) through
 * GtkPrintOperation and GTK's CUPS print backend to a cups-pdf queue of a
 * private CUPS server (tests/with-cups starts it and stops it), then the
 * PDF that comes out of the queue read back with poppler.
 *
 * A cups-pdf queue is a PostScript printer: CUPS turns the PDF GTK spools
 * into PostScript and cups-pdf turns that back into a PDF with
 * Ghostscript. A page drawn with any transparency comes out of that path
 * as one full-page picture, text and all; the sheet draws none, so its
 * pages must come out as text.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <gtk/gtkunixprint.h>

#include "cp-application.h"
#include "cp-sheet-content.h"
#include "cp-window-private.h"
#include "cp-test-gtk-utils.h"
#include "cp-test-pdf-utils.h"

#define PACKAGES "cups and printer-driver-cups-pdf"

static CpApplication *application;

/* What tests/with-cups says about its server */
typedef struct
{
  const char *printer;
  const char *output;
  const char *backend;
} Queue;

static void
get_queue (Queue *queue)
{
  queue->printer = g_getenv ("COUNTERPOINT_TEST_PRINTER");
  queue->output = g_getenv ("COUNTERPOINT_TEST_PRINT_OUTPUT");
  queue->backend = g_getenv ("COUNTERPOINT_TEST_CUPS_BACKEND");

  if (queue->printer == NULL || queue->output == NULL || g_getenv ("CUPS_SERVER") == NULL)
    {
      g_test_message ("No CUPS queue: run this test through tests/with-cups "
                      "(meson test -C _build print-cups), which needs " PACKAGES
                      " (build-aux/install-deps installs them)");
      g_test_fail ();
    }
}

/* {{{ Waiting for the print system */

/* The output of lpstat (cups-client) for this server, or NULL */
static char *
lpstat (const char *which)
{
  const char *argv[] = { "lpstat", "-W", which, "-o", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_test_message ("lpstat (cups-client) failed: %s %s", error->message, err != NULL ? err : "");
      g_free (out);
      return NULL;
    }

  return out;
}

typedef struct
{
  const char *output;
  gint64      next_look;
  char       *pdf;        /* the PDF the queue wrote */
} JobWait;

/* Not more often than every 100 ms: each look runs lpstat. */
static gboolean
may_look (JobWait *wait)
{
  gint64 now = g_get_monotonic_time ();

  if (now < wait->next_look)
    return FALSE;
  wait->next_look = now + 100 * G_TIME_SPAN_MILLISECOND;

  return TRUE;
}

static gboolean
job_sent (gpointer user_data)
{
  JobWait *wait = user_data;
  g_autofree char *jobs = NULL;

  if (!may_look (wait))
    return FALSE;
  jobs = lpstat ("all");

  return jobs != NULL && *jobs != '\0';
}

/* Every job done, and a PDF written */
static gboolean
job_printed (gpointer user_data)
{
  JobWait *wait = user_data;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *pending = NULL;
  const char *name;

  if (!may_look (wait))
    return FALSE;
  pending = lpstat ("not-completed");
  if (pending == NULL || *pending != '\0')
    return FALSE;

  dir = g_dir_open (wait->output, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".pdf") && name[0] != '.')
      {
        wait->pdf = g_build_filename (wait->output, name, NULL);
        return TRUE;
      }

  return FALSE;
}

/* }}} */

/* {{{ The print dialog */

static GtkPrintUnixDialog *
find_print_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_PRINT_UNIX_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return GTK_PRINT_UNIX_DIALOG (window);
    }

  return NULL;
}

typedef struct
{
  const char         *printer;
  GtkPrintUnixDialog *dialog;
} DialogWait;

/* The dialog is up with our printer picked and its details known, as
 * a user would see it before pressing Print */
static gboolean
printer_ready (gpointer user_data)
{
  DialogWait *wait = user_data;
  GtkPrinter *printer;

  wait->dialog = find_print_dialog ();
  if (wait->dialog == NULL)
    return FALSE;
  printer = gtk_print_unix_dialog_get_selected_printer (wait->dialog);

  return printer != NULL &&
         g_strcmp0 (gtk_printer_get_name (printer), wait->printer) == 0 &&
         gtk_printer_has_details (printer);
}

static gboolean
dialog_gone (gpointer user_data)
{
  return find_print_dialog () == NULL;
}

/* }}} */

/* The text of page @index as a reader would search it: ligatures read as
 * their letters (NFKC: the PostScript path maps a “fl” ligature glyph to
 * U+FB02, where cairo's PDF says “fl”), white space made single spaces */
static char *
page_words (PopplerDocument *document,
            int              index)
{
  g_autofree char *text = cp_test_pdf_page_text (document, index);
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  g_assert_nonnull (normal);

  return cp_test_pdf_flatten (normal);
}

/* The largest share of the page's area that one image covers */
static double
largest_image_share (PopplerDocument *document,
                     int              index)
{
  g_autoptr(CpTestPdfPage) page = poppler_document_get_page (document, index);
  GList *images = poppler_page_get_image_mapping (page);
  double width, height, largest = 0;

  poppler_page_get_size (page, &width, &height);
  for (GList *l = images; l != NULL; l = l->next)
    {
      PopplerImageMapping *image = l->data;
      double area = (image->area.x2 - image->area.x1) * (image->area.y2 - image->area.y1);

      largest = MAX (largest, area / (width * height));
    }
  poppler_page_free_image_mapping (images);

  return largest;
}

static void
test_print_sheet (void)
{
  Queue queue;
  CpWindow *window;
  g_autoptr(GPtrArray) samples = cp_application_list_samples ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GtkPrintSettings) print_settings = gtk_print_settings_new ();
  g_autoptr(GtkPrintSettings) kept = NULL;
  g_autoptr(GVariant) kept_variant = NULL;
  g_autoptr(CpTestTree) tree = cp_test_tree_new ("cp-test-print-cups");
  g_autofree char *exported_path = cp_test_tree_build_path (tree, "exported.pdf");
  g_autoptr(GFile) exported = g_file_new_for_path (exported_path);
  g_autoptr(CpTestPdf) expected = NULL;
  g_autoptr(CpTestPdf) printed = NULL;
  g_autoptr(GString) all_text = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *first = NULL;
  DialogWait dialog_wait = { 0, };
  JobWait job_wait = { 0, };
  int n_pages;

  get_queue (&queue);
  if (g_test_failed ())
    return;
  g_test_message ("Printing to %s (backend %s) at %s",
                  queue.printer, queue.backend, g_getenv ("CUPS_SERVER"));

  window = cp_window_new (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  gtk_window_present (GTK_WINDOW (window));
  cp_test_window_open_files (window, (GFile **) samples->pdata, samples->len);
  title = cp_sheet_content_dup_default_title (cp_window_get_comparison (window));
  g_assert_cmpstr (title, ==, "Ai Weiwei: Never Sorry");

  /* The pages the window draws for this paper, straight to a PDF */
  g_assert_true (cp_window_export_sheet (window, exported));
  expected = cp_test_pdf_open (exported);
  n_pages = poppler_document_get_n_pages (expected);
  g_assert_cmpint (n_pages, >=, 2);

  /* Printed to this printer before: the dialog picks it again */
  gtk_print_settings_set_printer (print_settings, queue.printer);
  g_settings_set_value (settings, "print-settings", gtk_print_settings_to_gvariant (print_settings));

  /* Ctrl+P, and Print once the dialog shows the printer ready */
  cp_test_press_key (GTK_WIDGET (window), GDK_KEY_p, GDK_CONTROL_MASK, "win.print-sheet");
  dialog_wait.printer = queue.printer;
  cp_test_wait_until (printer_ready, &dialog_wait, "the print dialog to pick the CUPS queue");
  gtk_dialog_response (GTK_DIALOG (dialog_wait.dialog), GTK_RESPONSE_OK);
  cp_test_wait_until (dialog_gone, NULL, "the print dialog to close");

  /* GTK renders the pages and hands CUPS the job; CUPS converts it to
   * PostScript and cups-pdf back to a PDF. */
  job_wait.output = queue.output;
  cp_test_wait_until (job_sent, &job_wait, "GTK to send the job to CUPS");
  cp_test_wait_until (job_printed, &job_wait, "CUPS to finish the job and cups-pdf to write the PDF");
  g_test_message ("Printed: %s", job_wait.pdf);
  g_assert_cmpuint (cp_window_get_n_banners (window), ==, 0);

  /* As many pages as the window draws for this paper, each one with its
   * text as text and no picture of itself */
  printed = cp_test_pdf_open_path (job_wait.pdf);
  g_assert_cmpint (poppler_document_get_n_pages (printed), ==, n_pages);
  for (int i = 0; i < n_pages; i++)
    {
      g_autofree char *words = page_words (printed, i);
      double share = largest_image_share (printed, i);

      g_test_message ("Page %d: %zu characters of text; largest image %.0f%% of the page",
                      i + 1, strlen (words), share * 100);
      g_assert_cmpuint (strlen (words), >, 200);
      g_assert_cmpfloat (share, <, 0.25);
      g_string_append (all_text, words);
      g_string_append_c (all_text, ' ');
    }

  /* The title and the topics on the first page, the coverage matrix */
  first = page_words (printed, 0);
  g_assert_nonnull (strstr (first, title));
  g_assert_nonnull (strstr (first, "Sunflower seeds"));
  g_assert_nonnull (strstr (first, "Sichuan earthquake"));
  /* The topics' bands, and an excerpt from the capsule review */
  g_assert_nonnull (strstr (all_text->str, "in 4 of 4 reviews"));
  g_assert_nonnull (strstr (all_text->str, "Its emotional centre is Ai's response to the 2008 Sichuan earthquake."));

  /* The printer is kept for next time, with the renderer the job asked
   * CUPS for (see custom_widget_apply_cb () in cp-window-print.c) */
  kept_variant = g_settings_get_value (settings, "print-settings");
  kept = gtk_print_settings_new_from_gvariant (kept_variant);
  g_assert_cmpstr (gtk_print_settings_get_printer (kept), ==, queue.printer);
  g_assert_cmpstr (gtk_print_settings_get (kept, "cups-pdftops-renderer"), ==, "pdftocairo");

  g_free (job_wait.pdf);
  g_settings_reset (settings, "print-settings");
  g_settings_reset (settings, "page-setup");
  cp_test_destroy_window (GTK_WINDOW (window));
}

/* GTK's CUPS print backend warns when Avahi or colord cannot be reached
 * on the system bus, though it prints without them. It logs through
 * GLib's structured logging, which takes no fatal handler: a writer of our
 * own lets those two warnings by, and no other message. */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if ((log_level & G_LOG_LEVEL_WARNING) != 0)
    for (gsize i = 0; i < n_fields; i++)
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
          (strstr (fields[i].value, "org.freedesktop.Avahi") != NULL ||
           strstr (fields[i].value, "colord") != NULL))
        {
          g_test_message ("GTK's CUPS print backend: %s", (const char *) fields[i].value);
          return G_LOG_WRITER_HANDLED;
        }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  home = g_test_build_filename (G_TEST_BUILT, "test-print-cups-home", NULL);
  cp_test_set_home (home);
  /* GTK's CUPS backend also asks the system bus for Avahi's network
   * printers and colord's profiles. The test's private session bus stands
   * in for it, so that no printer of the machine's network shows and a
   * machine without a system bus (a CI chroot) is no different; neither
   * service is there, which the backend warns about (see log_writer ()). */
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", g_getenv ("DBUS_SESSION_BUS_ADDRESS"), TRUE);
  g_log_set_writer_func (log_writer, NULL, NULL);

  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  application = cp_test_application_new ();

  g_test_add_func ("/app/print/cups", test_print_sheet);

  status = g_test_run ();
  g_clear_object (&application);

  return status;
}
