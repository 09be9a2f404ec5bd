/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The importers, registered with the core's loader in the order the loader
 * tries them: formats with magic bytes first (PDF, zip-based documents),
 * then web pages, whose sniffing looks at markup.
 */

#include "config.h"

#include <libxml/parser.h>

#include "cp-import.h"
#include "cp-importer.h"
#include "cp-import-private.h"

/**
 * cp_import_register_all:
 *
 * Registers every importer with the loader. Call once at start-up, before
 * any document is loaded; calling again does nothing.
 */
void
cp_import_register_all (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      const CpImporter *importers[] = {
        &cp_pdf_importer,
        &cp_zip_importer,
        &cp_html_importer,
        NULL,
      };

      /* libxml2's global state, set up once before any worker thread
       * parses; xmlCleanupParser() is never called */
      xmlInitParser ();

      for (guint i = 0; importers[i] != NULL; i++)
        cp_importer_register (importers[i]);

      g_once_init_leave (&registered, 1);
    }
}
