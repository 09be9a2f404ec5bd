/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cp-error.h"
#include "cp-test-fake-importer.h"

static gint n_imports;

static const char * const fake_content_types[] = {
  "application/x-counterpoint-fake",
  "text/html",
  NULL,
};

static gboolean
fake_sniff (const guchar *head,
            gsize         head_length,
            const char   *content_type)
{
  gsize magic_length = strlen (CP_TEST_FAKE_MAGIC);

  return head_length > magic_length &&
         memcmp (head, CP_TEST_FAKE_MAGIC, magic_length) == 0 &&
         (head[magic_length] == '\n' || head[magic_length] == '\r');
}

/* Waits @delay_ms, a little at a time, unless cancelled */
static gboolean
fake_wait (guint          delay_ms,
           GCancellable  *cancellable,
           GError       **error)
{
  for (guint waited = 0; waited < delay_ms; waited += 10)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (10 * 1000);
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static CpDocument *
fake_import (GBytes        *contents,
             GFile         *file,
             const char    *display_name,
             GCancellable  *cancellable,
             GError       **error)
{
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);
  g_autofree char *copy = g_strndup (data, length);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  CpDocumentInfo info = { "fake", NULL, NULL, NULL, NULL };
  guint delay_ms = 0;
  gboolean fail = FALSE;
  guint i;

  g_atomic_int_inc (&n_imports);

  lines = g_strsplit (copy, "\n", -1);
  for (i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      char *colon = strchr (lines[i], ':');
      const char *value;

      if (colon == NULL)
        continue;
      *colon = '\0';
      value = g_strstrip (colon + 1);
      if (g_str_equal (lines[i], "title"))
        info.title = value;
      else if (g_str_equal (lines[i], "author"))
        info.author = value;
      else if (g_str_equal (lines[i], "site"))
        info.site = value;
      else if (g_str_equal (lines[i], "date"))
        info.date = value;
      else if (g_str_equal (lines[i], "delay-ms"))
        delay_ms = (guint) g_ascii_strtoull (value, NULL, 10);
      else if (g_str_equal (lines[i], "fail"))
        fail = TRUE;
    }
  for (i = lines[i] != NULL ? i + 1 : i; lines[i] != NULL; i++)
    {
      g_string_append (text, lines[i]);
      if (lines[i + 1] != NULL)
        g_string_append_c (text, '\n');
    }

  if (!fake_wait (delay_ms, cancellable, error))
    return NULL;
  if (fail)
    {
      g_set_error (error, CP_ERROR, CP_ERROR_NO_TEXT, "“%s” has no text to read.", display_name);
      return NULL;
    }

  return cp_document_new_from_import (file, display_name, text->str, text->len, &info);
}

const CpImporter cp_test_fake_importer = {
  "fake",
  fake_content_types,
  fake_sniff,
  fake_import,
};

void
cp_test_fake_importer_register (void)
{
  cp_importer_register (&cp_test_fake_importer);
}

guint
cp_test_fake_importer_get_n_imports (void)
{
  return g_atomic_int_get (&n_imports);
}
