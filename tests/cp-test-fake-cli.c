/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Linked into counterpoint-cli-fake, the command-line tool built for the
 * tests with the fake importer registered before main () runs: the same
 * program, reading one more format whose metadata the tests choose.
 */
#include "config.h"

#include "cp-test-fake-importer.h"

static void register_fake_importer (void) __attribute__ ((constructor));

static void
register_fake_importer (void)
{
  cp_test_fake_importer_register ();
}
