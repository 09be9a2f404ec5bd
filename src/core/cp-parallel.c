/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-parallel.h"

/**
 * cp_parallel_run:
 * @name: the name of the threads, for debuggers
 * @func: the work, called once per job with a pointer to it
 * @jobs: an array of @n_jobs records of @job_size bytes
 * @job_size: the size of one record
 * @n_jobs: the number of records, at least 1
 * @n_threads: how many threads may work at once, this one included, at
 *   least 1; the caller picks it (from g_get_num_processors() and the size
 *   of the work)
 *
 * Fork–join: jobs 1 … @n_threads − 1 each get a thread of their own, this
 * thread runs job 0 and then, in order, the jobs no thread was given, and
 * returns once every job is done. A thread that cannot be started has its
 * job run here instead, so the work is done either way.
 */
void
cp_parallel_run (const char  *name,
                 GThreadFunc  func,
                 gpointer     jobs,
                 gsize        job_size,
                 guint        n_jobs,
                 guint        n_threads)
{
  g_autofree GThread **threads = NULL;
  guint n_forked;

  g_return_if_fail (func != NULL);
  g_return_if_fail (jobs != NULL);
  g_return_if_fail (n_jobs >= 1);
  g_return_if_fail (n_threads >= 1);

  n_forked = MIN (n_threads, n_jobs) - 1;
  if (n_forked > 0)
    threads = g_new0 (GThread *, n_forked);

  for (guint i = 0; i < n_forked; i++)
    threads[i] = g_thread_try_new (name, func, (char *) jobs + (i + 1) * job_size, NULL);

  func (jobs);
  for (guint i = n_forked + 1; i < n_jobs; i++)
    func ((char *) jobs + i * job_size);

  for (guint i = 0; i < n_forked; i++)
    {
      if (threads[i] != NULL)
        g_thread_join (threads[i]);
      else
        func ((char *) jobs + (i + 1) * job_size);
    }
}
