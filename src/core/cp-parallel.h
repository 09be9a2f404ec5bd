/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void cp_parallel_run (const char  *name,
                      GThreadFunc  func,
                      gpointer     jobs,
                      gsize        job_size,
                      guint        n_jobs,
                      guint        n_threads);

G_END_DECLS
