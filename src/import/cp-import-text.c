/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "cp-import-text.h"

struct _CpTextBuilder
{
  GString  *text;
  gboolean  pending_space;      /* white space seen since the last word */
  gboolean  pending_line;       /* a line break inside the paragraph */
  gboolean  paragraph_open;     /* text since the last paragraph end */
};

CpTextBuilder *
cp_text_builder_new (void)
{
  CpTextBuilder *self = g_new0 (CpTextBuilder, 1);

  self->text = g_string_sized_new (4096);
  return self;
}

void
cp_text_builder_free (CpTextBuilder *self)
{
  if (self == NULL)
    return;

  g_string_free (self->text, TRUE);
  g_free (self);
}

static inline gboolean
is_space (gunichar c)
{
  /* U+00A0 and the other Unicode spaces too; not U+200B, which joins */
  return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR;
}

/* Before visible text: the space, line break or paragraph break that the
 * white space and breaks since the last visible character stand for */
static inline void
open_word (CpTextBuilder *self)
{
  if (self->paragraph_open)
    {
      if (self->pending_line)
        g_string_append_c (self->text, '\n');
      else if (self->pending_space)
        g_string_append_c (self->text, ' ');
    }
  else if (self->text->len > 0)
    g_string_append (self->text, "\n\n");

  self->paragraph_open = TRUE;
  self->pending_space = FALSE;
  self->pending_line = FALSE;
}

/**
 * cp_text_builder_append:
 * @self: a builder
 * @text: UTF-8 text; invalid sequences are replaced
 * @length: its length in bytes, or -1 if NUL-terminated
 *
 * Appends inline text: runs of white space (line ends included) become one
 * space, and white space at a paragraph's start is dropped.
 */
void
cp_text_builder_append (CpTextBuilder *self,
                        const char    *text,
                        gssize         length)
{
  g_autofree char *valid = NULL;
  const char *p;
  const char *end;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL || length == 0);

  if (length < 0)
    length = strlen (text);
  if (!g_utf8_validate_len (text, length, NULL))
    {
      valid = g_utf8_make_valid (text, length);
      text = valid;
      length = strlen (valid);
    }

  end = text + length;
  for (p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c;
      const char *run;

      /* A run of visible ASCII goes in whole */
      for (run = p; run < end && (guchar) *run > 0x20 && (guchar) *run < 0x7F; run++)
        ;
      if (run > p)
        {
          open_word (self);
          g_string_append_len (self->text, p, run - p);
          p = run;
          if (p == end)
            break;
        }

      c = g_utf8_get_char (p);
      if (is_space (c))
        {
          self->pending_space = TRUE;
          continue;
        }
      /* Control characters and soft hyphens carry nothing a reader sees */
      if ((c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0xAD || c == 0xFEFF))
        continue;

      open_word (self);
      g_string_append_len (self->text, p, g_utf8_next_char (p) - p);
    }
}

/**
 * cp_text_builder_line_break:
 * @self: a builder
 *
 * A line break inside a paragraph (`<br>`, a verse line): the next text
 * starts on a new line of the same paragraph.
 */
void
cp_text_builder_line_break (CpTextBuilder *self)
{
  g_return_if_fail (self != NULL);

  if (self->paragraph_open)
    self->pending_line = TRUE;
}

/**
 * cp_text_builder_end_paragraph:
 * @self: a builder
 *
 * Ends the current paragraph, if it holds any text.
 */
void
cp_text_builder_end_paragraph (CpTextBuilder *self)
{
  g_return_if_fail (self != NULL);

  self->paragraph_open = FALSE;
  self->pending_space = FALSE;
  self->pending_line = FALSE;
}

gsize
cp_text_builder_get_length (CpTextBuilder *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->text->len;
}

/**
 * cp_text_builder_end:
 * @self: (transfer full): a builder
 * @length: (out) (optional): the text's length in bytes
 *
 * Returns: (transfer full): the text, and frees the builder
 */
char *
cp_text_builder_end (CpTextBuilder *self,
                     gsize         *length)
{
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  text = self->text;
  g_free (self);

  if (length != NULL)
    *length = text->len;
  return g_string_free (text, FALSE);
}
