/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The registry of readers for formats beyond plain text. Registration
 * happens once at start-up, before any loading thread runs; lookups come
 * from worker threads, so the list is guarded all the same.
 */

#include "config.h"

#include "cp-importer.h"

static GMutex importers_lock;
static GPtrArray *importers;  /* const CpImporter *, in the order registered */

/**
 * cp_importer_register:
 * @importer: (transfer none): a reader that lives as long as the program
 *   (a static constant)
 *
 * Adds @importer to those the loader tries, after the ones registered
 * before it. Registering the same importer twice does nothing.
 */
void
cp_importer_register (const CpImporter *importer)
{
  g_return_if_fail (importer != NULL);
  g_return_if_fail (importer->format != NULL);
  g_return_if_fail (importer->sniff != NULL);
  g_return_if_fail (importer->import != NULL);

  g_mutex_lock (&importers_lock);
  if (importers == NULL)
    importers = g_ptr_array_new ();
  if (!g_ptr_array_find (importers, importer, NULL))
    g_ptr_array_add (importers, (gpointer) importer);
  g_mutex_unlock (&importers_lock);
}

/**
 * cp_importer_find:
 * @name: (nullable): the file's name, a hint for g_content_type_guess()
 * @head: the first bytes of the file
 * @head_length: how many; only the first %CP_IMPORTER_HEAD_SIZE are looked at
 *
 * Returns: (nullable): the first registered importer that reads a file
 *   beginning with @head, or %NULL for plain text (or an unknown format)
 */
const CpImporter *
cp_importer_find (const char   *name,
                  const guchar *head,
                  gsize         head_length)
{
  g_autofree char *content_type = NULL;
  const CpImporter *found = NULL;

  g_return_val_if_fail (head != NULL || head_length == 0, NULL);

  head_length = MIN (head_length, CP_IMPORTER_HEAD_SIZE);

  g_mutex_lock (&importers_lock);
  if (importers != NULL && importers->len > 0)
    {
      content_type = g_content_type_guess (name, head, head_length, NULL);
      for (guint i = 0; i < importers->len && found == NULL; i++)
        {
          const CpImporter *importer = g_ptr_array_index (importers, i);

          if (importer->sniff (head, head_length, content_type))
            found = importer;
        }
    }
  g_mutex_unlock (&importers_lock);

  return found;
}

/**
 * cp_importer_reads_type:
 * @content_type: a content type, from a file's name or contents
 *
 * Returns: whether a registered importer reads files of @content_type
 *   (plain text is not asked here: the loader always reads it)
 */
gboolean
cp_importer_reads_type (const char *content_type)
{
  gboolean reads = FALSE;

  g_return_val_if_fail (content_type != NULL, FALSE);

  g_mutex_lock (&importers_lock);
  for (guint i = 0; importers != NULL && i < importers->len && !reads; i++)
    {
      const CpImporter *importer = g_ptr_array_index (importers, i);

      for (guint j = 0; importer->content_types != NULL && importer->content_types[j] != NULL; j++)
        if (g_content_type_is_a (content_type, importer->content_types[j]))
          {
            reads = TRUE;
            break;
          }
    }
  g_mutex_unlock (&importers_lock);

  return reads;
}

/**
 * cp_importer_dup_content_types:
 *
 * Returns: (transfer full): the MIME types every registered importer
 *   reads, in order, for a file chooser's filter
 */
char **
cp_importer_dup_content_types (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_mutex_lock (&importers_lock);
  for (guint i = 0; importers != NULL && i < importers->len; i++)
    {
      const CpImporter *importer = g_ptr_array_index (importers, i);

      if (importer->content_types != NULL)
        g_strv_builder_addv (builder, (const char **) importer->content_types);
    }
  g_mutex_unlock (&importers_lock);

  return g_strv_builder_end (builder);
}
