/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cp-importer.h"

G_BEGIN_DECLS

/*
 * A reader of a made-up format, for testing what lies around the real
 * importers (the loader, documents' metadata, the window's paste, drop and
 * progress, the command line) without them. A file is of the format when
 * its first line is CP_TEST_FAKE_MAGIC; header lines follow, up to a blank
 * line, then the text:
 *
 *   %FAKE-DOC
 *   title: A headline, not the first line
 *   author: Jane Doe
 *   site: The Paper
 *   date: 2012-07-27
 *   delay-ms: 200        the import takes this long (it can be cancelled)
 *   fail: no-text        the import fails with CP_ERROR_NO_TEXT
 *
 *   The text, as an importer would extract it.
 *
 * Its format name is "fake". It claims text/html among its types, so that
 * the window asks the clipboard and drops for HTML as it does once a real
 * reader of web pages is registered; it still reads only its own format.
 */
#define CP_TEST_FAKE_MAGIC "%FAKE-DOC"

extern const CpImporter cp_test_fake_importer;

void  cp_test_fake_importer_register       (void);
/* How many documents it was asked to import, in any thread */
guint cp_test_fake_importer_get_n_imports  (void);

G_END_DECLS
