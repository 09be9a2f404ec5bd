/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reading PDFs back with poppler-glib: its own unit, so that the tests
 * that never look at a PDF do not link poppler.
 */
#include "config.h"

#include <string.h>

#include "cp-test-pdf-utils.h"

PopplerDocument *
cp_test_pdf_open (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

PopplerDocument *
cp_test_pdf_open_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return cp_test_pdf_open (file);
}

char *
cp_test_pdf_page_text (PopplerDocument *document,
                       int              index)
{
  g_autoptr(CpTestPdfPage) page = poppler_document_get_page (document, index);

  g_assert_nonnull (page);

  return poppler_page_get_text (page);
}

char *
cp_test_pdf_flatten (const char *text)
{
  GString *flat = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && flat->len > 0)
            g_string_append_c (flat, ' ');
          space = FALSE;
          g_string_append_c (flat, *p);
        }
    }

  return g_string_free (flat, FALSE);
}

gboolean
cp_test_pdf_page_has_text (PopplerDocument *document,
                           int              index,
                           const char      *needle)
{
  g_autofree char *text = cp_test_pdf_page_text (document, index);

  return strstr (text, needle) != NULL;
}

gboolean
cp_test_pdf_page_shows (PopplerDocument *document,
                        int              index,
                        const char      *needle)
{
  g_autofree char *text = cp_test_pdf_page_text (document, index);
  g_autofree char *flat = cp_test_pdf_flatten (text);
  g_autofree char *flat_needle = cp_test_pdf_flatten (needle);

  return strstr (flat, flat_needle) != NULL;
}
