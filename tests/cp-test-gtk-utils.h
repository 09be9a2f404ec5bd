/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-test-utils.h"
#include "cp-window.h"

G_BEGIN_DECLS

/* Waits until @widget's frame clock has ticked @n_frames times, then
 * dispatches what is pending. */
void        cp_test_wait_for_frames        (GtkWidget          *widget,
                                            guint               n_frames);
/* Waits until @widget is mapped, has a size and a frame has been painted
 * since: what a screenshot of it needs. */
void        cp_test_wait_for_draw          (GtkWidget          *widget);
/* Waits until the layout under @widget stops changing: every widget's
 * size and every scrollable's adjustments stay the same over a few frames
 * with nothing left to dispatch in between (text views validate their
 * lines in idle steps, which replaces estimated heights with real ones). */
void        cp_test_wait_for_layout        (GtkWidget          *widget);
/* Destroys @window and waits until it has left GTK's toplevels and the
 * main context has nothing left to dispatch. */
void        cp_test_destroy_window         (GtkWindow          *window);

/* Descendants of @root (itself included), depth first. */
GPtrArray  *cp_test_find_widgets           (GtkWidget          *root,
                                            GType               type);
/* The first one of @type, or NULL. */
GtkWidget  *cp_test_find_widget            (GtkWidget          *root,
                                            GType               type);
/* The one of @type: fails the test unless there is exactly one. */
GtkWidget  *cp_test_find_only_widget       (GtkWidget          *root,
                                            GType               type);
/* By gtk_widget_get_name (), as a .ui file's "name" sets it. */
GtkWidget  *cp_test_find_widget_by_name    (GtkWidget          *root,
                                            const char         *name);
/* A visible GtkLabel whose label is @text. */
GtkWidget  *cp_test_find_label             (GtkWidget          *root,
                                            const char         *text);
/* A GtkButton whose label is @label. */
GtkWidget  *cp_test_find_button            (GtkWidget          *root,
                                            const char         *label);
/* The GtkActionable of @action_name: fails the test unless there is
 * exactly one. */
GtkWidget  *cp_test_find_action_button     (GtkWidget          *root,
                                            const char         *action_name);
GtkWidget  *cp_test_find_by_role           (GtkWidget          *root,
                                            GtkAccessibleRole   role);

/* The shortcut of @widget's own controllers triggered by @keyval with
 * exactly @modifiers, or NULL. */
GtkShortcut *cp_test_find_shortcut         (GtkWidget          *widget,
                                            guint               keyval,
                                            GdkModifierType     modifiers);
/* The same, among the controllers that run in the capture phase, before
 * the widget's own class bindings. */
GtkShortcut *cp_test_find_capture_shortcut (GtkWidget          *widget,
                                            guint               keyval,
                                            GdkModifierType     modifiers);

/* Activates @widget's key binding for @keyval with exactly @modifiers, as
 * the key press would, after checking that it is bound to @action_name. */
void        cp_test_press_key              (GtkWidget          *widget,
                                            guint               keyval,
                                            GdkModifierType     modifiers,
                                            const char         *action_name);

/* Renders @widget's last frame, after waiting for one, to @name in the
 * build folder of the tests; returns the path. */
char       *cp_test_save_screenshot        (GtkWidget          *widget,
                                            const char         *name);

/* A registered application that does not look for a running instance */
CpApplication *cp_test_application_new     (void);

/* Opens @files in @window and waits until they are loaded and tagged, and
 * every pane is laid out, taller than its view, and still. */
void        cp_test_window_open_files      (CpWindow           *window,
                                            GFile             **files,
                                            guint               n_files);
/* Waits as cp_test_window_open_files () does, for what is open. */
void        cp_test_window_settle          (CpWindow           *window);
/* Gives pane @pane the keyboard focus and selects the first @text in it,
 * as a reader's drag does; @start_char and @end_char (may be NULL) say
 * where it is, in characters. */
void        cp_test_select_text            (CpWindow           *window,
                                            guint               pane,
                                            const char         *text,
                                            guint              *start_char,
                                            guint              *end_char);
/* The texts of the error banners above the panes (the strings are the
 * labels'). */
GPtrArray  *cp_test_window_banner_texts    (CpWindow           *window);

G_END_DECLS
