/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Escaping for what Counterpoint exports: CSV fields and HTML text, one
 * way for the comparison sheet and the mentions view. */
#include "config.h"

#include <string.h>

#include "cp-escape.h"

/* RFC 4180: quoted when it holds a comma, a quote or a line end. A field
 * that a spreadsheet would read as a formula (= + - @, or a tab or line
 * end first) gets an apostrophe first, so that a review whose first line
 * is =HYPERLINK(…) is text in the cell, not a live formula. */
void
cp_escape_append_csv_field (GString    *out,
                            const char *field)
{
  gboolean formula = field[0] != '\0' && strchr ("=+-@\t\r\n", field[0]) != NULL;

  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      if (formula)
        g_string_append_c (out, '\'');
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* XML allows no C0 control but tab and line ends, not even as a character
 * reference (&#x1;): such a character, which no reader sees, becomes
 * U+FFFD, so that the page stays well-formed */
void
cp_escape_append_markup (GString    *out,
                         const char *text,
                         gssize      length)
{
  g_autofree char *escaped = NULL;
  g_autofree char *cleaned = NULL;
  const char *end;

  if (length < 0)
    length = strlen (text);
  end = text + length;
  for (const char *p = text; p < end; p++)
    if ((guchar) *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
      {
        GString *copy = g_string_sized_new (length + 8);

        for (const char *q = text; q < end; q++)
          {
            if ((guchar) *q < 0x20 && *q != '\t' && *q != '\n' && *q != '\r')
              g_string_append (copy, "\xef\xbf\xbd");
            else
              g_string_append_c (copy, *q);
          }
        length = copy->len;
        cleaned = g_string_free (copy, FALSE);
        text = cleaned;
        break;
      }

  escaped = g_markup_escape_text (text, length);
  g_string_append (out, escaped);
}
