/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  cp_term_is_valid   (const char  *term,
                              GError     **error);
char     *cp_term_dup_key    (const char  *term);
char     *cp_term_from_text  (const char  *text);

G_END_DECLS
