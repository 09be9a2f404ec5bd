/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cp-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CpApplication) app = NULL;
  const char *localedir = g_getenv ("COUNTERPOINT_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* Uninstalled runs and the tests read the catalogues meson compiled
   * in the build tree ($builddir/po) */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Counterpoint"));

  app = cp_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
