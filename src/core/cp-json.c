/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-json.h"

/**
 * cp_json_depth_is_within:
 * @json: JSON text, valid or not
 * @length: its length in bytes
 * @max_depth: the deepest nesting of objects and arrays accepted
 *
 * Measures how deep objects and arrays nest, before a parser sees the
 * text: json-glib recurses once per level and has no limit of its own
 * (1.6), so a file of a million “[” would exhaust the stack. Brackets in
 * strings do not count; closing brackets that open nothing are ignored.
 *
 * Returns: %TRUE if nothing nests deeper than @max_depth
 */
gboolean
cp_json_depth_is_within (const char *json,
                         gsize       length,
                         guint       max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  g_return_val_if_fail (json != NULL || length == 0, FALSE);

  for (gsize i = 0; i < length; i++)
    {
      char c = json[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }

  return TRUE;
}

/**
 * cp_json_add_string_member:
 * @builder: a #JsonBuilder inside an object
 * @name: the member's name
 * @value: (nullable): its value; %NULL writes null
 *
 * Adds a string member that is null when there is no value.
 */
void
cp_json_add_string_member (JsonBuilder *builder,
                           const char  *name,
                           const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}
