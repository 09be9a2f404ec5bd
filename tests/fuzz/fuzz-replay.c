/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A main() for a fuzz target built without libFuzzer: runs the target on
 * every file named on the command line and on every file of every folder
 * named, so that `meson test` replays the seed corpus and every past crash
 * with any compiler. Prints TAP, one line per input.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "fuzz-common.h"

static guint n_run;

static void
run_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      printf ("not ok %u - %s: %s\n", ++n_run, path, error->message);
      exit (1);
    }

  /* libFuzzer hands the target a buffer of exactly the input's size */
  {
    g_autofree guint8 *copy = g_memdup2 (contents, length);

    LLVMFuzzerTestOneInput (copy, length);
  }
  printf ("ok %u - %s\n", ++n_run, path);
  fflush (stdout);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

static void
run_path (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      run_file (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);

  for (guint i = 0; i < names->len; i++)
    run_path (names->pdata[i]);
}

int
main (int   argc,
      char *argv[])
{
  for (int i = 1; i < argc; i++)
    run_path (argv[i]);

  if (n_run == 0)
    printf ("1..0 # SKIP no inputs\n");
  else
    printf ("1..%u\n", n_run);

  return 0;
}
