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

G_END_DECLS
