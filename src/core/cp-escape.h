/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void cp_escape_append_csv_field (GString    *out,
                                 const char *field);
void cp_escape_append_markup    (GString    *out,
                                 const char *text,
                                 gssize      length);

G_END_DECLS
