/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-window: the reading window with large reviews, in one process.
 *
 *   bench-window [--focus-runs N] [--components] [--count-tags]
 *                [--exit-when-settled] [--width PX] [--height PX] FILE...
 *
 * Presents an empty CpWindow, lets it paint and settle, opens FILE... in it
 * with cp_window_open_files() and measures:
 *
 *   - the time to the first frame painted with every pane in place: the
 *     first after-paint of the window's frame clock at which n-loading is 0
 *     and there are as many panes as files (tags are applied when a pane
 *     is built, so that frame shows the highlights);
 *   - the longest main-loop stall meanwhile: the largest gap between two
 *     ticks of a 5 ms timeout, less 5 ms, and the phase it fell in; then
 *     the same while the text views validate the rest of their lines,
 *     until the layout settles;
 *   - VmRSS with the empty window painted and settled, at the first frame
 *     and once the panes have settled, and the peak (VmHWM) in between;
 *     to explain it, the anonymous and file-backed parts, the heap in use
 *     (mallinfo2) and VmRSS after malloc_trim();
 *   - with --focus-runs N, N changes of the focused topic through the
 *     default topics and back to none, each from the call of
 *     cp_window_set_focus_topic() to the next after-paint;
 *   - with --components, the parts of opening one file on their own, off
 *     screen: reading, tagging, building a pane, re-tagging and re-applying
 *     its tags (a topic switched off and on) and
 *     filling a bare GtkTextBuffer;
 *   - with --count-tags, how many times tags were applied and removed while
 *     loading (a signal emission hook, which slows loading: use it apart);
 *   - with --exit-when-settled, nothing after loading: it exits without
 *     freeing, so that `heaptrack` reports what the loaded window holds as
 *     leaks.
 *
 * Run it in a display; build-aux/bench-window runs it under Xvfb, once per
 * run in a fresh process, and prints the table. The line starting with
 * "RESULT " is for scripts: times in ms, sizes in kB. It checks that the
 * window shows what it loaded and counts warnings, but it never fails
 * because something is slow.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#ifdef BENCH_HAVE_EPOXY
#include <epoxy/gl.h>
#endif

#include "cp-application.h"
#include "cp-window.h"

#define TICK_MS            5
#define WINDOW_WIDTH       1800
#define WINDOW_HEIGHT      1000
#define LOAD_TIMEOUT_S     120
#define SETTLE_TIMEOUT_S   60
#define FRAME_TIMEOUT_S    5
#define SETTLE_QUIET_US    (300 * 1000)

/* A main-loop stall: the ticker could not run from start to end */
typedef struct
{
  gint64 start;
  gint64 end;
} Gap;

/* A change of the focused topic, timed */
typedef struct
{
  int    topic;
  double total_ms;   /* the call to the next after-paint */
  double call_ms;    /* cp_window_set_focus_topic () itself */
  double wait_ms;    /* from the return of the call to the frame's before-paint */
  double frame_ms;   /* before-paint to after-paint */
  gint64 start;
  gint64 end;
} FocusChange;

typedef struct
{
  CpWindow      *window;
  GdkFrameClock *clock;
  guint          n_files;

  /* the loading timeline, in µs of g_get_monotonic_time () */
  gint64         opened;
  gint64         first_added;   /* the first document went into the model */
  gint64         all_added;  /* n-loading went back to 0 */
  gint64         frame_started;   /* before-paint of the first full frame */
  gint64         first_frame;     /* its after-paint */
  GArray        *appended;        /* gint64: each document in the model */

  /* frames */
  guint          n_frames;
  gint64         last_before_paint;
  gint64         last_after_paint;

  /* the ticker */
  guint          ticker;
  gint64         last_tick;
  GArray        *gaps;            /* Gap */

  /* logging */
  guint          n_warnings;
  guint          n_criticals;

  /* --count-tags */
  guint          n_apply_tag;
  guint          n_remove_tag;
} Bench;

static Bench bench;

/* {{{ Clock and memory */

static double
ms_between (gint64 start,
            gint64 end)
{
  return (end - start) / 1000.0;
}

static double
ms_since (gint64 start)
{
  return ms_between (start, g_get_monotonic_time ());
}

/* A "VmRSS:   1234 kB" line of /proc/self/status, in kB; 0 if absent */
static guint64
read_status_kb (const char *key)
{
  g_autofree char *status = NULL;
  gsize key_len = strlen (key);

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  for (const char *line = status; line != NULL && *line != '\0'; line = strchr (line, '\n'))
    {
      if (*line == '\n')
        line++;
      if (strncmp (line, key, key_len) == 0 && line[key_len] == ':')
        return g_ascii_strtoull (line + key_len + 1, NULL, 10);
    }
  return 0;
}

/* Makes VmHWM start again from the current resident size (Linux ≥ 4.0) */
static gboolean
reset_peak_rss (void)
{
  FILE *f = g_fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (f == NULL)
    return FALSE;
  ok = fputs ("5", f) >= 0;
  return fclose (f) == 0 && ok;
}

/* Bytes malloc has handed out and not had back, all arenas; -1 if unknown */
static gint64
heap_in_use (void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
#else
  return -1;
#endif
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* }}} */

/* {{{ Logging: count what a user would see as a bug */

static GLogWriterOutput
count_log_cb (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    bench.n_criticals++;
  else if (log_level & G_LOG_LEVEL_WARNING)
    bench.n_warnings++;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* }}} */

/* {{{ The main loop */

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  /* Anything later than the interval and a millisecond of slack */
  if (bench.last_tick > 0 && now - bench.last_tick > (TICK_MS + 1) * 1000)
    {
      Gap gap = { bench.last_tick, now };

      g_array_append_val (bench.gaps, gap);
    }
  bench.last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
start_ticker (void)
{
  bench.last_tick = g_get_monotonic_time ();
  bench.ticker = g_timeout_add (TICK_MS, tick_cb, NULL);
}

static void
stop_ticker (void)
{
  g_clear_handle_id (&bench.ticker, g_source_remove);
}

/* The longest stall that overlaps [from, to], in ms, and where it was */
static double
longest_stall (gint64  from,
               gint64  to,
               Gap    *where)
{
  double longest = 0;

  for (guint i = 0; i < bench.gaps->len; i++)
    {
      const Gap *gap = &g_array_index (bench.gaps, Gap, i);
      double stall = ms_between (gap->start, gap->end) - TICK_MS;

      if (gap->end <= from || gap->start >= to)
        continue;
      if (stall > longest)
        {
          longest = stall;
          if (where != NULL)
            *where = *gap;
        }
    }
  return longest;
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until @condition holds; FALSE after @timeout_s */
static gboolean
run_until (gboolean (*condition) (void),
           double     timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (timeout_s * G_USEC_PER_SEC);
  guint wake = g_timeout_add (10, wake_cb, NULL);
  gboolean met;

  while (!(met = condition ()) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);

  return met;
}

/* What moves while the text views validate their lines */
static double
layout_signature (void)
{
  guint n = cp_window_get_n_panes (bench.window);
  double signature = gtk_widget_get_width (GTK_WIDGET (bench.window));

  for (guint i = 0; i < n; i++)
    {
      CpReviewPane *pane = cp_window_get_pane (bench.window, i);
      GtkAdjustment *adjustment = cp_review_pane_get_vadjustment (pane);

      signature = signature * 3 +
                  gtk_adjustment_get_upper (adjustment) +
                  gtk_adjustment_get_value (adjustment) * 7 +
                  gtk_widget_get_width (GTK_WIDGET (pane)) * 11;
    }
  return signature;
}

/* Runs the main loop until the layout has not changed, and no frame was
 * painted, for SETTLE_QUIET_US; FALSE after @timeout_s. */
static gboolean
wait_settled (double timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (timeout_s * G_USEC_PER_SEC);
  gint64 quiet_since = g_get_monotonic_time ();
  double previous = -1;

  while (g_get_monotonic_time () < deadline)
    {
      double signature;
      gint64 now;

      run_for (25);
      signature = layout_signature ();
      now = g_get_monotonic_time ();
      if (signature != previous || bench.last_after_paint > quiet_since)
        {
          previous = signature;
          quiet_since = now;
        }
      else if (now - quiet_since >= SETTLE_QUIET_US)
        return TRUE;
    }
  return FALSE;
}

/* }}} */

/* {{{ Watching the window */

static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       user_data)
{
  bench.last_before_paint = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  bench.n_frames++;
  bench.last_after_paint = now;

  if (bench.opened > 0 && bench.first_frame == 0 &&
      cp_window_get_n_loading (bench.window) == 0 &&
      cp_window_get_n_panes (bench.window) == bench.n_files)
    {
      bench.first_frame = now;
      bench.frame_started = bench.last_before_paint;
    }
}

static void
n_loading_changed_cb (CpWindow   *window,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  if (bench.opened > 0 && bench.all_added == 0 && cp_window_get_n_loading (window) == 0)
    bench.all_added = g_get_monotonic_time ();
}

/* An emission hook runs before the window's own handler, which builds
 * the panes: this marks when the main thread starts adding a document. */
static gboolean
documents_changed_cb (GSignalInvocationHint *hint,
                      guint                  n_values,
                      const GValue          *values,
                      gpointer               user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (g_value_get_object (&values[0]) == user_data && n_values == 4)
    {
      for (guint i = 0; i < g_value_get_uint (&values[3]); i++)
        g_array_append_val (bench.appended, now);
    }
  return TRUE;
}

static gboolean
count_apply_tag_cb (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static gboolean
has_frame_clock (void)
{
  return gtk_widget_get_frame_clock (GTK_WIDGET (bench.window)) != NULL && bench.n_frames > 0;
}

static gboolean
is_loaded (void)
{
  return bench.first_frame > 0;
}

/* }}} */

/* {{{ Checks */

/* Whether every pane shows its whole document with its mentions tagged */
static gboolean
check_panes (void)
{
  CpComparison *comparison = cp_window_get_comparison (bench.window);
  gboolean ok = TRUE;

  if (cp_window_get_n_panes (bench.window) != bench.n_files)
    {
      g_printerr ("bench-window: %u panes for %u files\n", cp_window_get_n_panes (bench.window), bench.n_files);
      return FALSE;
    }

  for (guint i = 0; i < bench.n_files; i++)
    {
      CpReviewPane *pane = cp_window_get_pane (bench.window, i);
      CpDocument *document = cp_review_pane_get_document (pane);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (cp_review_pane_get_view (pane));
      const CpMention *mentions;
      guint n_mentions, n_tagged = 0;

      if ((gsize) gtk_text_buffer_get_char_count (buffer) != cp_document_get_n_characters (document))
        {
          g_printerr ("bench-window: pane %u holds %d characters of %" G_GSIZE_FORMAT "\n",
                      i, gtk_text_buffer_get_char_count (buffer), cp_document_get_n_characters (document));
          ok = FALSE;
        }

      mentions = cp_mentions_get_all (cp_comparison_get_mentions_for_document (comparison, document), &n_mentions);
      for (guint m = 0; m < n_mentions; m++)
        {
          GtkTextIter iter;
          g_autoptr(GSList) tags = NULL;

          gtk_text_buffer_get_iter_at_offset (buffer, &iter, cp_document_get_char_offset (document, mentions[m].start));
          tags = gtk_text_iter_get_tags (&iter);
          if (tags != NULL)
            n_tagged++;
        }
      if (n_mentions == 0 || n_tagged != n_mentions)
        {
          g_printerr ("bench-window: pane %u has %u of its %u mentions tagged\n", i, n_tagged, n_mentions);
          ok = FALSE;
        }
    }
  return ok;
}

static guint
count_mentions (void)
{
  CpComparison *comparison = cp_window_get_comparison (bench.window);
  guint total = 0;

  for (guint i = 0; i < cp_comparison_get_n_documents (comparison); i++)
    {
      total += cp_mentions_get_n_mentions (cp_comparison_get_mentions_for_document (comparison,
                                                                                    cp_comparison_get_document (comparison, i)));
    }
  return total;
}

/* }}} */

/* {{{ Focus changes */

static guint frame_mark;

static gboolean
frame_painted_since_mark (void)
{
  return bench.n_frames > frame_mark;
}

/* The focus goes through every topic, the one with most mentions first,
 * and back to none. */
static GArray *
focus_sequence (void)
{
  CpComparison *comparison = cp_window_get_comparison (bench.window);
  guint n_topics = cp_topic_set_get_n_topics (cp_comparison_get_topics (comparison));
  GArray *sequence = g_array_new (FALSE, FALSE, sizeof (int));
  guint busiest = 0;
  int none = -1;

  for (guint t = 1; t < n_topics; t++)
    if (cp_comparison_get_total (comparison, t) > cp_comparison_get_total (comparison, busiest))
      busiest = t;

  g_array_append_val (sequence, busiest);
  for (guint t = 0; t < n_topics; t++)
    if (t != busiest)
      g_array_append_val (sequence, t);
  g_array_append_val (sequence, none);

  return sequence;
}

/* Runs the main loop until the frame after a change that started at
 * @start and whose call returned at @returned, and times it. */
static gboolean
wait_for_change_frame (int          topic,
                       gint64       start,
                       gint64       returned,
                       FocusChange *change)
{
  if (!run_until (frame_painted_since_mark, FRAME_TIMEOUT_S))
    return FALSE;

  change->topic = topic;
  change->start = start;
  change->end = bench.last_after_paint;
  change->total_ms = ms_between (start, bench.last_after_paint);
  change->call_ms = ms_between (start, returned);
  change->wait_ms = ms_between (returned, MAX (returned, bench.last_before_paint));
  change->frame_ms = ms_between (MAX (returned, bench.last_before_paint), bench.last_after_paint);

  return TRUE;
}

static gboolean
measure_focus_change (int          topic,
                      FocusChange *change)
{
  gint64 start, returned;

  /* From a still window */
  wait_settled (SETTLE_TIMEOUT_S);

  frame_mark = bench.n_frames;
  start = g_get_monotonic_time ();
  cp_window_set_focus_topic (bench.window, topic);
  returned = g_get_monotonic_time ();

  return wait_for_change_frame (topic, start, returned, change);
}

/* The reference for a focus change: every pane jumps to a new place by
 * its scroll bar alone, with scroll sync off. What GtkTextView itself pays
 * to lay out and paint 8 panes at new places, with no topic, tag or
 * levelling work of ours; seeded, so every run jumps to the same places. */
static gboolean
measure_scroll_jump (GRand       *rand,
                     FocusChange *change)
{
  guint n = cp_window_get_n_panes (bench.window);
  gint64 start, returned;

  wait_settled (SETTLE_TIMEOUT_S);

  frame_mark = bench.n_frames;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      GtkAdjustment *adjustment = cp_review_pane_get_vadjustment (cp_window_get_pane (bench.window, i));
      double range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

      gtk_adjustment_set_value (adjustment, g_rand_double (rand) * MAX (range, 0));
    }
  returned = g_get_monotonic_time ();

  return wait_for_change_frame (-1, start, returned, change);
}

/* }}} */

/* {{{ Components */

static double
median_of (GArray *values)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

/* The parts of opening a file on their own, off screen: medians over the
 * files, in ms, and the heap each kind of object holds per byte of text. */
static void
measure_components (GFile **files,
                    guint   n_files)
{
  g_autoptr(CpComparison) comparison = cp_comparison_new (NULL);
  g_autoptr(CpFocus) focus = cp_focus_new (comparison);
  CpTopic *first_topic = cp_topic_set_get_topic (cp_comparison_get_topics (comparison), 0);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) buffers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) panes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) read_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tag_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pane_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) refresh_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) set_text_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gsize text_bytes = 0;
  gint64 heap, document_heap, buffer_heap, pane_heap;

  heap = heap_in_use ();
  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      CpDocument *document = cp_document_new_from_file (files[i], 0, NULL, &error);
      double ms = ms_since (start);

      if (document == NULL)
        {
          g_printerr ("bench-window: %s\n", error->message);
          return;
        }
      g_array_append_val (read_ms, ms);
      g_ptr_array_add (documents, document);
      text_bytes += cp_document_get_length (document);
    }
  document_heap = heap_in_use () - heap;

  for (guint i = 0; i < documents->len; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      cp_comparison_append_document (comparison, documents->pdata[i]);
      ms = ms_since (start);
      g_array_append_val (tag_ms, ms);
    }

  heap = heap_in_use ();
  for (guint i = 0; i < documents->len; i++)
    {
      CpDocument *document = documents->pdata[i];
      GtkTextBuffer *buffer = gtk_text_buffer_new (NULL);
      gint64 start = g_get_monotonic_time ();
      double ms;

      gtk_text_buffer_set_text (buffer, cp_document_get_text (document), cp_document_get_length (document));
      ms = ms_since (start);
      g_array_append_val (set_text_ms, ms);
      g_ptr_array_add (buffers, buffer);
    }
  /* Kept: GSlice keeps what is freed, so freeing them would hide the
   * panes' buffers */
  buffer_heap = heap_in_use () - heap;

  heap = heap_in_use ();
  for (guint i = 0; i < documents->len; i++)
    {
      CpReviewPane *pane;
      gint64 start;
      double ms;

      start = g_get_monotonic_time ();
      pane = g_object_ref_sink (cp_review_pane_new (focus, documents->pdata[i]));
      ms = ms_since (start);
      g_array_append_val (pane_ms, ms);
      g_ptr_array_add (panes, pane);
    }
  pane_heap = heap_in_use () - heap;

  /* A topic switched off and on: every document re-tagged, every pane's
   * highlighter re-applies its tags; per file */
  for (guint k = 0; k < 3; k++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      cp_topic_set_enabled (first_topic, FALSE);
      cp_topic_set_enabled (first_topic, TRUE);
      ms = ms_since (start) / (2 * MAX (documents->len, 1));
      g_array_append_val (refresh_ms, ms);
    }

  g_print ("components       per file, median of %u, off screen: read %.1f ms, tag (append to a comparison) %.1f ms, "
           "build a pane %.1f ms, re-tag and re-apply its tags %.1f ms, fill a bare GtkTextBuffer %.1f ms; "
           "heap per byte of text: document %.2f, bare GtkTextBuffer %.2f, pane (unrealized, tagged) %.2f\n",
           n_files, median_of (read_ms), median_of (tag_ms), median_of (pane_ms),
           median_of (refresh_ms), median_of (set_text_ms),
           (double) document_heap / text_bytes, (double) buffer_heap / text_bytes, (double) pane_heap / text_bytes);
  g_print ("COMPONENTS read_ms=%.1f tag_ms=%.1f pane_ms=%.1f refresh_ms=%.1f set_text_ms=%.1f"
           " document_heap=%.2f buffer_heap=%.2f pane_heap=%.2f\n",
           median_of (read_ms), median_of (tag_ms), median_of (pane_ms),
           median_of (refresh_ms), median_of (set_text_ms),
           (double) document_heap / text_bytes, (double) buffer_heap / text_bytes, (double) pane_heap / text_bytes);
}

/* }}} */

static char *
describe_renderer (void)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (bench.window));
  const char *name = renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none";
  g_autofree char *gl = NULL;

#ifdef BENCH_HAVE_EPOXY
  if (renderer != NULL && strstr (name, "GL") != NULL)
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (bench.window));
      g_autoptr(GdkGLContext) context = gdk_surface_create_gl_context (surface, NULL);

      if (context != NULL && gdk_gl_context_realize (context, NULL))
        {
          gdk_gl_context_make_current (context);
          gl = g_strdup_printf ("%s, %s", (const char *) glGetString (GL_RENDERER),
                                (const char *) glGetString (GL_VERSION));
          gdk_gl_context_clear_current ();
        }
    }
#endif

  return gl != NULL ? g_strdup_printf ("%s (%s)", name, gl) : g_strdup (name);
}

static const char *
phase_of (const Gap *gap)
{
  struct
  {
    const char *name;
    gint64      start;
    gint64      end;
  } phases[] = {
    { "off_main_thread", bench.opened, bench.first_added },
    { "adding_documents", bench.first_added, bench.all_added },
    { "waiting_for_frame", bench.all_added, bench.frame_started },
    { "first_frame", bench.frame_started, bench.first_frame },
  };
  const char *best = "unknown";
  gint64 best_overlap = 0;

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      gint64 overlap;

      if (phases[i].start == 0 || phases[i].end == 0)
        continue;
      overlap = MIN (gap->end, phases[i].end) - MAX (gap->start, phases[i].start);
      if (overlap > best_overlap)
        {
          best_overlap = overlap;
          best = phases[i].name;
        }
    }
  return best;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CpApplication) application = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (FocusChange));
  g_autoptr(GArray) jumps = g_array_new (FALSE, FALSE, sizeof (FocusChange));
  g_autoptr(GString) jump_times = g_string_new (NULL);
  g_autoptr(GArray) sequence = NULL;
  g_autoptr(GString) appends = g_string_new (NULL);
  g_autoptr(GString) focus = g_string_new (NULL);
  g_autofree char *home = NULL;
  g_autofree char *renderer = NULL;
  CpWindow *window;
  guint items_changed, hook_items;
  gsize text_bytes = 0;
  guint64 rss_empty, rss_first, rss_settled, rss_trimmed, hwm = 0;
  gint64 heap_empty, heap_settled;
  guint64 anon_empty, anon_settled, file_empty, file_settled;
  gboolean peak_reset, settled, valid;
  gint64 settled_at, focus_started, focus_finished;
  double settle_stall;
  Gap stall_gap = { 0, 0 };
  Gap settle_gap = { 0, 0 };
  double stall;
  guint hook_apply = 0, hook_remove = 0;
  int focus_runs = 0;
  int width = WINDOW_WIDTH;
  int height = WINDOW_HEIGHT;
  gboolean components = FALSE;
  gboolean count_tags = FALSE;
  gboolean exit_when_settled = FALSE;
  const GOptionEntry entries[] = {
    { "focus-runs", 'f', 0, G_OPTION_ARG_INT, &focus_runs, "Focus changes to time once loaded (default 0)", "N" },
    { "components", 'c', 0, G_OPTION_ARG_NONE, &components, "Also time the parts of opening a file, off screen", NULL },
    { "count-tags", 't', 0, G_OPTION_ARG_NONE, &count_tags, "Count tag applications while loading (slows it)", NULL },
    { "exit-when-settled", 0, 0, G_OPTION_ARG_NONE, &exit_when_settled,
      "Exit without freeing anything once loaded and settled (for heaptrack)", NULL },
    { "width", 'W', 0, G_OPTION_ARG_INT, &width, "Window width (default 1800)", "PX" },
    { "height", 'H', 0, G_OPTION_ARG_INT, &height, "Window height (default 1000)", "PX" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_log_set_writer_func (count_log_cb, NULL, NULL);

  context = g_option_context_new ("FILE… - time the reading window");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-window: %s\n", error->message);
      return 2;
    }
  if (argc < 2 || focus_runs < 0 || width < 200 || height < 200)
    {
      g_printerr ("Usage: bench-window [OPTION…] FILE…; see --help\n");
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFileInfo) info = NULL;
      GFile *file = g_file_new_for_commandline_arg (argv[i]);

      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error);
      if (info == NULL)
        {
          g_printerr ("bench-window: %s\n", error->message);
          g_object_unref (file);
          return 1;
        }
      text_bytes += g_file_info_get_size (info);
      g_ptr_array_add (files, file);
    }

  /* Opening files records them as recent and saves the comparison: keep
   * that out of the user's data. */
  home = g_dir_make_tmp ("bench-window-XXXXXX", &error);
  if (home == NULL)
    {
      g_printerr ("bench-window: %s\n", error->message);
      return 1;
    }
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  if (g_getenv ("GSETTINGS_BACKEND") == NULL)
    g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  bench.n_files = files->len;
  bench.appended = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.gaps = g_array_new (FALSE, FALSE, sizeof (Gap));

  gtk_init ();
  application = cp_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           g_application_get_flags (G_APPLICATION (application)) | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    {
      g_printerr ("bench-window: %s\n", error->message);
      return 1;
    }

  /* The empty window, painted and still */
  window = bench.window = cp_window_new (application);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_realize (GTK_WIDGET (window));
  bench.clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (bench.clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect (bench.clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  if (!run_until (has_frame_clock, SETTLE_TIMEOUT_S))
    {
      g_printerr ("bench-window: the window was never painted\n");
      return 1;
    }
  wait_settled (SETTLE_TIMEOUT_S);
  rss_empty = read_status_kb ("VmRSS");
  anon_empty = read_status_kb ("RssAnon");
  file_empty = read_status_kb ("RssFile") + read_status_kb ("RssShmem");
  heap_empty = heap_in_use ();

  g_signal_connect (window, "notify::n-loading", G_CALLBACK (n_loading_changed_cb), NULL);
  g_type_default_interface_ref (G_TYPE_LIST_MODEL);
  items_changed = g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL);
  hook_items = g_signal_add_emission_hook (items_changed, 0, documents_changed_cb,
                                           cp_comparison_get_documents (cp_window_get_comparison (window)), NULL);
  if (count_tags)
    {
      GType type = GTK_TYPE_TEXT_BUFFER;

      g_type_class_ref (type);
      hook_apply = g_signal_add_emission_hook (g_signal_lookup ("apply-tag", type), 0,
                                               count_apply_tag_cb, &bench.n_apply_tag, NULL);
      hook_remove = g_signal_add_emission_hook (g_signal_lookup ("remove-tag", type), 0,
                                                count_apply_tag_cb, &bench.n_remove_tag, NULL);
    }

  /* Open, to the first frame with every pane */
  peak_reset = reset_peak_rss ();
  start_ticker ();
  bench.opened = g_get_monotonic_time ();
  cp_window_open_files (window, (GFile **) files->pdata, files->len);
  if (!run_until (is_loaded, LOAD_TIMEOUT_S))
    {
      g_signal_remove_emission_hook (items_changed, hook_items);
      g_printerr ("bench-window: no frame with %u panes after %d s (%u panes, %u loading)\n",
                  bench.n_files, LOAD_TIMEOUT_S, cp_window_get_n_panes (window), cp_window_get_n_loading (window));
      return 1;
    }
  g_signal_remove_emission_hook (items_changed, hook_items);
  if (bench.appended->len > 0)
    bench.first_added = g_array_index (bench.appended, gint64, 0);
  rss_first = read_status_kb ("VmRSS");
  stall = longest_stall (bench.opened, bench.first_frame, &stall_gap);

  /* The views validate the rest of their lines in idle steps */
  settled = wait_settled (SETTLE_TIMEOUT_S);
  settled_at = g_get_monotonic_time () - SETTLE_QUIET_US;
  stop_ticker ();
  settle_stall = longest_stall (bench.first_frame + 1, settled_at, &settle_gap);
  rss_settled = read_status_kb ("VmRSS");
  hwm = read_status_kb ("VmHWM");
  heap_settled = heap_in_use ();
  anon_settled = read_status_kb ("RssAnon");
  file_settled = read_status_kb ("RssFile") + read_status_kb ("RssShmem");
  /* What of it is freed memory malloc kept */
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  rss_trimmed = read_status_kb ("VmRSS");

  if (count_tags)
    {
      g_signal_remove_emission_hook (g_signal_lookup ("apply-tag", GTK_TYPE_TEXT_BUFFER), hook_apply);
      g_signal_remove_emission_hook (g_signal_lookup ("remove-tag", GTK_TYPE_TEXT_BUFFER), hook_remove);
    }

  valid = check_panes ();

  if (exit_when_settled)
    {
      /* What is still allocated now is what the loaded window holds */
      g_print ("exiting with the window loaded and settled\n");
      exit (valid ? 0 : 1);
    }

  /* Focus changes, with every pane laid out */
  sequence = focus_sequence ();
  focus_started = g_get_monotonic_time ();
  for (int i = 0; i < focus_runs; i++)
    {
      FocusChange change;

      if (!measure_focus_change (g_array_index (sequence, int, i % sequence->len), &change))
        {
          g_printerr ("bench-window: no frame after focusing topic %d\n", g_array_index (sequence, int, i % sequence->len));
          valid = FALSE;
          continue;
        }
      g_array_append_val (changes, change);
    }
  focus_finished = g_get_monotonic_time ();
  if (focus_runs > 0)
    cp_window_set_focus_topic (window, -1);

  /* The same number of jumps by scrolling alone, with no topic focused */
  if (focus_runs > 0)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autoptr(GRand) rand = g_rand_new_with_seed (13);

      g_settings_set_boolean (settings, "sync-scroll", FALSE);
      for (int i = 0; i < focus_runs; i++)
        {
          FocusChange jump;

          if (!measure_scroll_jump (rand, &jump))
            {
              g_printerr ("bench-window: no frame after scrolling the panes\n");
              valid = FALSE;
              continue;
            }
          g_array_append_val (jumps, jump);
        }
      g_settings_reset (settings, "sync-scroll");
    }

  renderer = describe_renderer ();

  if (components)
    measure_components ((GFile **) files->pdata, files->len);

  /* The report */
  for (guint i = 0; i < bench.appended->len; i++)
    {
      gint64 end = i + 1 < bench.appended->len ? g_array_index (bench.appended, gint64, i + 1) : bench.all_added;

      g_string_append_printf (appends, "%s%.1f", i ? "," : "",
                              ms_between (g_array_index (bench.appended, gint64, i), end));
    }
  for (guint i = 0; i < changes->len; i++)
    {
      const FocusChange *change = &g_array_index (changes, FocusChange, i);
      CpComparison *comparison = cp_window_get_comparison (window);
      const char *id = change->topic < 0 ? "none" :
        cp_topic_get_id (cp_topic_set_get_topic (cp_comparison_get_topics (comparison), change->topic));
      guint n_mentions = change->topic < 0 ? 0 : cp_comparison_get_total (comparison, change->topic);

      g_string_append_printf (focus, "%s%s:%u:%.2f:%.2f:%.2f:%.2f", i ? "," : "", id, n_mentions,
                              change->total_ms, change->call_ms, change->wait_ms, change->frame_ms);
    }

  for (guint i = 0; i < jumps->len; i++)
    {
      const FocusChange *jump = &g_array_index (jumps, FocusChange, i);

      g_string_append_printf (jump_times, "%sscroll:0:%.2f:%.2f:%.2f:%.2f", i ? "," : "",
                              jump->total_ms, jump->call_ms, jump->wait_ms, jump->frame_ms);
    }

  g_print ("renderer         %s\n", renderer);
  g_print ("files            %u, %" G_GSIZE_FORMAT " bytes, %u mentions\n", bench.n_files, text_bytes, count_mentions ());
  g_print ("first frame      %.1f ms after cp_window_open_files (): until the first document is added "
           "(reading and tagging, off the main thread) %.1f ms, adding the documents (panes, buffers, tags) %.1f ms, "
           "waiting for the frame %.1f ms, the frame %.1f ms\n",
           ms_between (bench.opened, bench.first_frame),
           bench.first_added ? ms_between (bench.opened, bench.first_added) : -1.0,
           bench.first_added ? ms_between (bench.first_added, bench.all_added) : -1.0,
           ms_between (bench.all_added, bench.frame_started),
           ms_between (bench.frame_started, bench.first_frame));
  g_print ("adding           ms per document, on the main thread: %s\n", appends->str);
  g_print ("longest stall    %.1f ms until the first frame (%s, %.1f–%.1f ms after opening); "
           "%.1f ms after it, until the layout settled %.0f ms later%s\n",
           stall, phase_of (&stall_gap),
           stall_gap.start ? ms_between (bench.opened, stall_gap.start) : 0.0,
           stall_gap.end ? ms_between (bench.opened, stall_gap.end) : 0.0,
           settle_stall, ms_between (bench.first_frame, settled_at), settled ? "" : " (did not settle)");
  g_print ("memory           VmRSS %.1f MB empty, %.1f MB at the first frame, %.1f MB settled, peak %.1f MB%s; "
           "%.2f MB per MB of text (anonymous %.2f, file-backed and shared %.2f); %.1f MB after malloc_trim (); "
           "the heap in use grew %.2f MB per MB of text\n",
           rss_empty * 1.024 / 1000, rss_first * 1.024 / 1000, rss_settled * 1.024 / 1000, hwm * 1.024 / 1000,
           peak_reset ? "" : " (peak since start)",
           (rss_settled - (double) rss_empty) * 1024 / text_bytes,
           (anon_settled - (double) anon_empty) * 1024 / text_bytes,
           (file_settled - (double) file_empty) * 1024 / text_bytes,
           rss_trimmed * 1.024 / 1000,
           (double) (heap_settled - heap_empty) / text_bytes);
  if (count_tags)
    g_print ("tags             %u apply-tag and %u remove-tag emissions while loading\n",
             bench.n_apply_tag, bench.n_remove_tag);
  if (changes->len > 0)
    g_print ("focus changes    topic:mentions:total:call:wait:frame ms: %s\n", focus->str);
  if (jumps->len > 0)
    g_print ("scroll jumps     every pane to a new place by scrolling alone, :0:total:call:wait:frame ms: %s\n",
             jump_times->str);
  g_print ("checks           %s, %u warnings, %u criticals\n",
           valid ? "every pane holds its text and tags" : "FAILED", bench.n_warnings, bench.n_criticals);

  g_print ("RESULT files=%u text_bytes=%" G_GSIZE_FORMAT " mentions=%u first_frame_ms=%.2f read_ms=%.2f"
           " add_ms=%.2f frame_wait_ms=%.2f frame_ms=%.2f stall_ms=%.2f stall_phase=%s"
           " settle_stall_ms=%.2f settle_ms=%.1f settled=%d rss_empty_kb=%" G_GUINT64_FORMAT
           " rss_first_kb=%" G_GUINT64_FORMAT " rss_settled_kb=%" G_GUINT64_FORMAT " rss_trimmed_kb=%" G_GUINT64_FORMAT
           " hwm_kb=%" G_GUINT64_FORMAT " heap_growth=%.3f anon_growth=%.3f file_growth=%.3f"
           " append_ms=%s focus=%s jumps=%s apply_tag=%u remove_tag=%u warnings=%u criticals=%u valid=%d\n",
           bench.n_files, text_bytes, count_mentions (),
           ms_between (bench.opened, bench.first_frame),
           bench.first_added ? ms_between (bench.opened, bench.first_added) : -1.0,
           bench.first_added ? ms_between (bench.first_added, bench.all_added) : -1.0,
           ms_between (bench.all_added, bench.frame_started),
           ms_between (bench.frame_started, bench.first_frame),
           stall, phase_of (&stall_gap), settle_stall, ms_between (bench.first_frame, settled_at), settled,
           rss_empty, rss_first, rss_settled, rss_trimmed, hwm, (double) (heap_settled - heap_empty) / text_bytes,
           (anon_settled - (double) anon_empty) * 1024 / text_bytes, (file_settled - (double) file_empty) * 1024 / text_bytes,
           appends->len ? appends->str : "-", focus->len ? focus->str : "-", jump_times->len ? jump_times->str : "-",
           bench.n_apply_tag, bench.n_remove_tag, bench.n_warnings, bench.n_criticals, valid);
  g_print ("RENDERER %s\n", renderer);
  /* For matching a profile recorded with `perf record -k CLOCK_MONOTONIC` */
  g_print ("TIMELINE opened=%" G_GINT64_FORMAT " first_add=%" G_GINT64_FORMAT " added=%" G_GINT64_FORMAT
           " frame_started=%" G_GINT64_FORMAT " first_frame=%" G_GINT64_FORMAT " settled=%" G_GINT64_FORMAT
           " focus_started=%" G_GINT64_FORMAT " focus_finished=%" G_GINT64_FORMAT
           " stall=%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT " settle_stall=%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
           " (µs, CLOCK_MONOTONIC)\n",
           bench.opened, bench.first_added, bench.all_added, bench.frame_started, bench.first_frame,
           settled_at, focus_started, focus_finished,
           stall_gap.start, stall_gap.end, settle_gap.start, settle_gap.end);
  if (changes->len > 0)
    {
      g_print ("FOCUSTIMES");
      for (guint i = 0; i < changes->len; i++)
        g_print (" %" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                 g_array_index (changes, FocusChange, i).start, g_array_index (changes, FocusChange, i).end);
      g_print ("\n");
    }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  if (window != NULL)
    g_printerr ("bench-window: the window was not finalized\n");

  g_clear_pointer (&bench.appended, g_array_unref);
  g_clear_pointer (&bench.gaps, g_array_unref);
  remove_tree (home);

  return 0;
}
