/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean cp_json_depth_is_within (const char *json,
                                  gsize       length,
                                  guint       max_depth);
void     cp_json_add_string_member (JsonBuilder *builder,
                                    const char  *name,
                                    const char  *value);

G_END_DECLS
