/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean cp_file_load_contents (GFile         *file,
                                guint64        max_size,
                                const char    *what,
                                GCancellable  *cancellable,
                                char         **contents,
                                gsize         *length,
                                GError       **error);

gboolean cp_file_replace_contents (GFile         *file,
                                   const char    *contents,
                                   gsize          length,
                                   GCancellable  *cancellable,
                                   GError       **error);

void     cp_file_set_broken_link_error (GError     **error,
                                        const char  *name);

G_END_DECLS
