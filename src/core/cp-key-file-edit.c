/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpKeyFileEdit changes a key file the way a person would in a text
 * editor: a line at a time. Every line it is not asked to change stays as
 * it was, byte for byte: comments, blank lines, keys nobody here knows,
 * the spacing and escapes the user chose. (GKeyFile keeps comments too,
 * but it moves a comment above a group away from it with a blank line,
 * and when a group is removed or moved its comments end up on the wrong
 * group.)
 *
 * The file is a list of blocks: the lines before the first group, then
 * one block per group. A group's block starts with the comment lines
 * right above its header (no blank line between), so that a group moved
 * or removed takes its comment along, and ends before the next group's.
 * Values are raw, as they stand after the “=”: escaping is the caller's
 * (g_key_file_get_value() of a scratch GKeyFile gives it).
 */

#include "config.h"

#include <string.h>

#include "cp-key-file-edit.h"

typedef struct
{
  char      *group;  /* NULL for the lines before the first group */
  GPtrArray *lines;  /* of char *, each with its line end but the last */
} Block;

struct _CpKeyFileEdit
{
  GPtrArray *blocks;
};

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->group);
  g_ptr_array_unref (block->lines);
  g_free (block);
}

static Block *
block_new (const char *group)
{
  Block *block = g_new0 (Block, 1);

  block->group = g_strdup (group);
  block->lines = g_ptr_array_new_with_free_func (g_free);

  return block;
}

/* GKeyFile skips any ASCII white space at the start of a line and before
 * the "=", a carriage return or a form feed too: so must the editor, or
 * it misses a group that the loader read and writes it again */
static gboolean
is_blank_char (char c)
{
  return c != '\n' && g_ascii_isspace (c);
}

static const char *
skip_blanks (const char *p)
{
  while (is_blank_char (*p))
    p++;
  return p;
}

/* GKeyFile reads a line from its first character that is not a blank */
static gboolean
is_comment (const char *line)
{
  return *skip_blanks (line) == '#';
}

static gboolean
is_blank (const char *line)
{
  const char *p = skip_blanks (line);

  return *p == '\0' || *p == '\n' || *p == '\r';
}

/* The group a header line opens, or NULL */
static char *
dup_header_group (const char *line)
{
  const char *end;

  line = skip_blanks (line);
  if (*line != '[')
    return NULL;

  end = strchr (line, ']');
  if (end == NULL)
    return NULL;

  return g_strndup (line + 1, end - line - 1);
}

/* Whether @line sets @key: GKeyFile allows blanks before the “=” */
static gboolean
line_sets_key (const char *line,
               const char *key)
{
  gsize length = strlen (key);

  line = skip_blanks (line);
  if (is_comment (line) || is_blank (line) || *line == '[')
    return FALSE;

  return strncmp (line, key, length) == 0 && *skip_blanks (line + length) == '=';
}

static char *
dup_line_key (const char *line)
{
  const char *equals;
  const char *end;

  line = skip_blanks (line);
  if (is_comment (line) || is_blank (line) || *line == '[')
    return NULL;

  equals = strchr (line, '=');
  if (equals == NULL)
    return NULL;

  end = equals;
  while (end > line && is_blank_char (end[-1]))
    end--;

  return g_strndup (line, end - line);
}

/**
 * cp_key_file_edit_new:
 * @data: (nullable): the contents of a key file, as read
 * @length: the length of @data in bytes
 *
 * Returns: (transfer full): an editor of @data (empty for %NULL)
 */
CpKeyFileEdit *
cp_key_file_edit_new (const char *data,
                      gsize       length)
{
  CpKeyFileEdit *self = g_new0 (CpKeyFileEdit, 1);
  Block *current = block_new (NULL);
  const char *p = data;
  const char *end = data + length;

  self->blocks = g_ptr_array_new_with_free_func (block_free);
  g_ptr_array_add (self->blocks, current);

  while (data != NULL && p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *next = newline ? newline + 1 : end;
      g_autofree char *line = g_strndup (p, next - p);
      g_autofree char *group = dup_header_group (line);

      if (group != NULL)
        {
          Block *block = block_new (group);
          guint first = current->lines->len;

          /* The comment right above a header is the group's, but for the
           * first group: above that, it is the file's */
          if (current->group != NULL)
            {
              while (first > 0 && is_comment (g_ptr_array_index (current->lines, first - 1)))
                first--;
            }
          for (guint i = first; i < current->lines->len; i++)
            g_ptr_array_add (block->lines, g_strdup (g_ptr_array_index (current->lines, i)));
          g_ptr_array_set_size (current->lines, first);

          g_ptr_array_add (self->blocks, block);
          current = block;
        }

      g_ptr_array_add (current->lines, g_steal_pointer (&line));
      p = next;
    }

  return self;
}

void
cp_key_file_edit_free (CpKeyFileEdit *self)
{
  g_ptr_array_unref (self->blocks);
  g_free (self);
}

static Block *
find_block (CpKeyFileEdit *self,
            const char    *group,
            guint         *position)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (g_strcmp0 (block->group, group) == 0)
        {
          if (position != NULL)
            *position = i;
          return block;
        }
    }

  return NULL;
}

/**
 * cp_key_file_edit_dup_groups:
 * @self: a #CpKeyFileEdit
 *
 * Returns: (transfer full): the groups in the order of the file, each once
 */
GStrv
cp_key_file_edit_dup_groups (CpKeyFileEdit *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (block->group != NULL && g_hash_table_add (seen, block->group))
        g_strv_builder_add (builder, block->group);
    }

  return g_strv_builder_end (builder);
}

/* The last line that sets @key in @group (GKeyFile takes the last one of
 * a key set twice, and merges a group that comes twice) */
static gboolean
find_key (CpKeyFileEdit  *self,
          const char     *group,
          const char     *key,
          Block         **found_block,
          guint          *found_line)
{
  gboolean found = FALSE;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (g_strcmp0 (block->group, group) != 0)
        continue;

      for (guint j = 0; j < block->lines->len; j++)
        {
          if (line_sets_key (g_ptr_array_index (block->lines, j), key))
            {
              *found_block = block;
              *found_line = j;
              found = TRUE;
            }
        }
    }

  return found;
}

gboolean
cp_key_file_edit_has_key (CpKeyFileEdit *self,
                          const char    *group,
                          const char    *key)
{
  Block *block;
  guint line;

  return find_key (self, group, key, &block, &line);
}

/**
 * cp_key_file_edit_dup_keys:
 * @self: a #CpKeyFileEdit
 * @group: a group
 *
 * Returns: (transfer full): the keys @group sets, in the order of the
 *   file, each once; empty when there is no such group
 */
GStrv
cp_key_file_edit_dup_keys (CpKeyFileEdit *self,
                           const char    *group)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (g_strcmp0 (block->group, group) != 0)
        continue;

      for (guint j = 0; j < block->lines->len; j++)
        {
          char *key = dup_line_key (g_ptr_array_index (block->lines, j));

          if (key == NULL)
            continue;
          if (g_hash_table_add (seen, key))
            g_strv_builder_add (builder, key);
        }
    }

  return g_strv_builder_end (builder);
}

/* Where the next line of a block goes: after its last key or header, so
 * that blank lines and the comment above the next group stay below */
static guint
block_insert_position (Block *block)
{
  for (guint j = block->lines->len; j > 0; j--)
    {
      const char *line = g_ptr_array_index (block->lines, j - 1);

      if (!is_blank (line) && !is_comment (line))
        return j;
    }

  return block->lines->len;
}

/* The file's last line may have no line end: give it one before a line
 * goes after it */
static void
end_last_line (CpKeyFileEdit *self)
{
  for (guint i = self->blocks->len; i > 0; i--)
    {
      Block *block = g_ptr_array_index (self->blocks, i - 1);
      char *last;

      if (block->lines->len == 0)
        continue;

      last = g_ptr_array_index (block->lines, block->lines->len - 1);
      if (!g_str_has_suffix (last, "\n"))
        {
          block->lines->pdata[block->lines->len - 1] = g_strconcat (last, "\n", NULL);
          g_free (last);
        }
      return;
    }
}

static gboolean
file_is_empty (CpKeyFileEdit *self)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (block->lines->len > 0)
        return FALSE;
    }

  return TRUE;
}

/* A block goes at the end of the file, a blank line apart from the one
 * before */
static void
append_block (CpKeyFileEdit *self,
              Block         *block)
{
  Block *last = g_ptr_array_index (self->blocks, self->blocks->len - 1);

  end_last_line (self);
  if (!file_is_empty (self)
      && (last->lines->len == 0 || !is_blank (g_ptr_array_index (last->lines, last->lines->len - 1))))
    g_ptr_array_add (last->lines, g_strdup ("\n"));

  g_ptr_array_add (self->blocks, block);
}

/**
 * cp_key_file_edit_set_value:
 * @self: a #CpKeyFileEdit
 * @group: a group, added at the end of the file when there is none
 * @key: a key, added after the group's last key when it has none
 * @value: the raw value, escaped as GKeyFile escapes it
 *
 * Sets @key in @group, changing only the line that sets it.
 */
void
cp_key_file_edit_set_value (CpKeyFileEdit *self,
                            const char    *group,
                            const char    *key,
                            const char    *value)
{
  char *line = g_strconcat (key, "=", value, "\n", NULL);
  Block *block;
  guint position;

  g_return_if_fail (group != NULL && key != NULL && value != NULL);

  if (find_key (self, group, key, &block, &position))
    {
      const char *old = g_ptr_array_index (block->lines, position);

      /* The last line of the file keeps having no line end */
      if (!g_str_has_suffix (old, "\n"))
        line[strlen (line) - 1] = '\0';
      g_free (block->lines->pdata[position]);
      block->lines->pdata[position] = line;
      return;
    }

  block = find_block (self, group, NULL);
  if (block == NULL)
    {
      block = block_new (group);
      g_ptr_array_add (block->lines, g_strdup_printf ("[%s]\n", group));
      append_block (self, block);
    }

  position = block_insert_position (block);
  if (position == block->lines->len)
    end_last_line (self);
  g_ptr_array_insert (block->lines, position, line);
}

void
cp_key_file_edit_remove_key (CpKeyFileEdit *self,
                             const char    *group,
                             const char    *key)
{
  Block *block;
  guint position;

  while (find_key (self, group, key, &block, &position))
    g_ptr_array_remove_index (block->lines, position);
}

void
cp_key_file_edit_remove_group (CpKeyFileEdit *self,
                               const char    *group)
{
  guint position;

  g_return_if_fail (group != NULL);

  while (find_block (self, group, &position) != NULL)
    g_ptr_array_remove_index (self->blocks, position);
}

/**
 * cp_key_file_edit_move_group_to_end:
 * @self: a #CpKeyFileEdit
 * @group: a group
 *
 * Moves @group, with the comment above it, to the end of the file, a
 * blank line apart from the group before it.
 */
void
cp_key_file_edit_move_group_to_end (CpKeyFileEdit *self,
                                    const char    *group)
{
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  guint position;

  g_return_if_fail (group != NULL);

  while (find_block (self, group, &position) != NULL)
    g_ptr_array_add (moved, g_ptr_array_steal_index (self->blocks, position));

  for (guint i = 0; i < moved->len; i++)
    {
      Block *block = g_ptr_array_index (moved, i);

      /* Its own trailing blank lines would double the separation */
      while (block->lines->len > 1 && is_blank (g_ptr_array_index (block->lines, block->lines->len - 1)))
        g_ptr_array_remove_index (block->lines, block->lines->len - 1);

      append_block (self, block);
    }
}

/**
 * cp_key_file_edit_to_data:
 * @self: a #CpKeyFileEdit
 * @length: (out) (optional): the length of the result in bytes
 *
 * Returns: (transfer full): the file
 */
char *
cp_key_file_edit_to_data (CpKeyFileEdit *self,
                          gsize         *length)
{
  GString *data = g_string_new (NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      for (guint j = 0; j < block->lines->len; j++)
        g_string_append (data, g_ptr_array_index (block->lines, j));
    }

  if (length != NULL)
    *length = data->len;

  return g_string_free (data, FALSE);
}
