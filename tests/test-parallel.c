/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-parallel.h"

typedef struct
{
  guint    index;
  guint    runs;
  GThread *thread;
} Job;

static gpointer
record_cb (gpointer data)
{
  Job *job = data;

  job->runs++;
  job->thread = g_thread_self ();

  return NULL;
}

/* Every job runs exactly once; job 0 and those past the thread count run
 * in the calling thread, the others each in a thread of their own. */
static void
test_each_job_once (void)
{
  static const struct
  {
    guint n_jobs;
    guint n_threads;
  } cases[] = {
    { 1, 1 }, { 1, 4 }, { 2, 2 }, { 4, 2 }, { 5, 3 }, { 3, 8 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      guint n_jobs = cases[c].n_jobs;
      guint n_threads = cases[c].n_threads;
      g_autofree Job *jobs = g_new0 (Job, n_jobs);

      cp_parallel_run ("test", record_cb, jobs, sizeof jobs[0], n_jobs, n_threads);

      for (guint i = 0; i < n_jobs; i++)
        {
          gboolean here = i == 0 || i >= n_threads;

          g_assert_cmpuint (jobs[i].runs, ==, 1);
          if (here)
            g_assert_true (jobs[i].thread == g_thread_self ());
          else
            g_assert_true (jobs[i].thread != g_thread_self ());
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/parallel/each-job-once", test_each_job_once);

  return g_test_run ();
}
