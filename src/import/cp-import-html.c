/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Saved web pages (HTML and XHTML), single files or "complete" ones with a
 * Name_files folder beside them (which is never read). A page is told by
 * its content, never by its name alone; it is decoded as its BOM or its
 * meta charset says, else as plain text is (UTF-8, else Windows-1252),
 * parsed with libxml2's HTML parser (no network, no entities beyond
 * HTML's own, its depth capped at 256), and its article is extracted as a
 * reader sees it (cp-import-html-article.c).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cp-error.h"
#include "cp-import-html-private.h"
#include "cp-import-private.h"

/* Larger pages are refused: the parsed tree takes several times the page.
 * Pages that embed their images (data: URLs) reach tens of megabytes. */
#define HTML_MAX_SIZE   (64 * 1024 * 1024)
/* More elements than this are refused: the tree and our records of it
 * take about 200 bytes an element */
#define HTML_MAX_ELEMENTS 1000000
/* How far into the page a meta charset is looked for */
#define CHARSET_SCAN    4096

/* Sniffing {{{ */

static gboolean
starts_with_ci (const guchar *p,
                const guchar *end,
                const char   *prefix)
{
  gsize length = strlen (prefix);

  return (gsize) (end - p) >= length && g_ascii_strncasecmp ((const char *) p, prefix, length) == 0;
}

/* Whether @p starts the tag @name: "<name" then white space, '>' or '/' */
static gboolean
starts_tag (const guchar *p,
            const guchar *end,
            const char   *name)
{
  gsize length = strlen (name);

  if (end - p < (gssize) length + 2 || p[0] != '<' ||
      g_ascii_strncasecmp ((const char *) p + 1, name, length) != 0)
    return FALSE;
  p += length + 1;
  return g_ascii_isspace (*p) || *p == '>' || *p == '/';
}

/* Past white space and <!-- comments -->; NULL when a comment does not end
 * within the head. */
static const guchar *
skip_space_and_comments (const guchar *p,
                         const guchar *end)
{
  for (;;)
    {
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (!starts_with_ci (p, end, "<!--"))
        return p;
      p = (const guchar *) g_strstr_len ((const char *) p + 4, end - p - 4, "-->");
      if (p == NULL)
        return NULL;
      p += 3;
    }
}

static gboolean
is_html_type (const char *content_type)
{
  return content_type != NULL &&
         (g_content_type_is_a (content_type, "text/html") ||
          g_content_type_is_a (content_type, "application/xhtml+xml"));
}

/* A page, or what a browser puts on the clipboard: a fragment after a
 * <meta charset> (Chrome) or <meta http-equiv> (Firefox) */
static gboolean
starts_html (const guchar *p,
             const guchar *end)
{
  return starts_with_ci (p, end, "<!doctype html") || starts_tag (p, end, "html") ||
         starts_tag (p, end, "head") || starts_tag (p, end, "body") || starts_tag (p, end, "meta") ||
         starts_tag (p, end, "title");
}

static gboolean
html_sniff (const guchar *head,
            gsize         head_length,
            const char   *content_type)
{
  g_autofree guchar *narrow = NULL;
  const guchar *end = head + head_length;
  const guchar *p = head;

  /* UTF-16: look at the low bytes */
  if (head_length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
    {
      gboolean big_endian = head[0] == 0xFE;
      gsize n = (head_length - 2) / 2;

      narrow = g_malloc (n + 1);
      for (gsize i = 0; i < n; i++)
        {
          guchar high = head[2 + 2 * i + (big_endian ? 0 : 1)];
          guchar low = head[2 + 2 * i + (big_endian ? 1 : 0)];

          narrow[i] = high == 0 && low != 0 ? low : '?';
        }
      p = narrow;
      end = narrow + n;
    }
  else if (head_length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
    p += 3;

  p = skip_space_and_comments (p, end);
  if (p == NULL)
    return is_html_type (content_type);

  if (starts_html (p, end))
    return TRUE;

  /* XHTML: an XML declaration, then an html root */
  if (starts_with_ci (p, end, "<?xml"))
    {
      p = (const guchar *) g_strstr_len ((const char *) p, end - p, "?>");
      p = p != NULL ? skip_space_and_comments (p + 2, end) : NULL;
      return p != NULL && starts_html (p, end);
    }

  if (!is_html_type (content_type))
    return FALSE;

  /* Named as a page: it is one if it starts with a tag, and if it is
   * binary the importer says so in the words of a page */
  return (p + 1 < end && p[0] == '<' && g_ascii_isalpha (p[1])) ||
         (narrow == NULL && memchr (head, '\0', head_length) != NULL);
}

/* }}} */

/* Decoding {{{ */

static void
set_not_page_error (GError     **error,
                    const char  *display_name)
{
  g_set_error (error, CP_ERROR, CP_ERROR_NOT_TEXT,
               _("“%s” is not a web page: it contains binary data. "
                 "Check that it is the page you saved, or save it again from the browser."),
               display_name);
}

/* The value of charset= in @text, up to a quote, ';', white space or '>' */
static char *
charset_after (const char *text,
               const char *end)
{
  const char *p = text;
  const char *start;

  while (p < end && (*p == ' ' || *p == '=' || *p == '"' || *p == '\''))
    p++;
  start = p;
  while (p < end && (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' || *p == ':'))
    p++;

  return p > start ? g_ascii_strdown (start, p - start) : NULL;
}

/* The character set a page declares near its start: <meta charset>, the
 * http-equiv Content-Type, or an XML declaration's encoding. */
static char *
find_declared_charset (const char *data,
                       gsize       length)
{
  const char *end = data + MIN (length, CHARSET_SCAN);
  const char *p = data;

  if (length > 5 && strncmp (data, "<?xml", 5) == 0)
    {
      const char *close = g_strstr_len (data, end - data, "?>");
      const char *encoding = close != NULL ? g_strstr_len (data, close - data, "encoding") : NULL;

      if (encoding != NULL)
        return charset_after (encoding + 8, close);
    }

  while ((p = g_strstr_len (p, end - p, "<")) != NULL)
    {
      const char *close;

      p++;
      if (end - p < 5 || g_ascii_strncasecmp (p, "meta", 4) != 0 || !g_ascii_isspace (p[4]))
        continue;
      close = memchr (p, '>', end - p);
      if (close == NULL)
        break;

      for (const char *q = p; q + 7 < close; q++)
        if (g_ascii_strncasecmp (q, "charset", 7) == 0)
          {
            char *charset = charset_after (q + 7, close);

            if (charset != NULL)
              return charset;
          }
      p = close;
    }

  return NULL;
}

/* The iconv name for a charset label, where browsers read a label as a
 * larger set (WHATWG Encoding Standard): NULL for Windows-1252 and its
 * aliases, "UTF-8" for UTF-8 and for UTF-16 named in a page (which, read
 * as ASCII, cannot be UTF-16). */
static const char *
charset_to_iconv (const char *label)
{
  static const char * const windows_1252[] = {
    "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1",
    "iso-ir-100", "cp819", "ibm819", "us-ascii", "ascii", "ansi_x3.4-1968", "csisolatin1",
  };
  static const struct { const char *label; const char *name; } supersets[] = {
    { "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "x-gbk", "GB18030" },
    { "shift_jis", "CP932" }, { "sjis", "CP932" }, { "x-sjis", "CP932" }, { "ms932", "CP932" },
    { "windows-31j", "CP932" }, { "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" },
    { "iso-8859-9", "WINDOWS-1254" }, { "latin5", "WINDOWS-1254" }, { "tis-620", "CP874" },
    { "iso-8859-11", "CP874" },
  };

  if (g_str_has_prefix (label, "utf-8") || strcmp (label, "utf8") == 0 || g_str_has_prefix (label, "utf-16") ||
      strcmp (label, "unicode") == 0)
    return "UTF-8";
  for (guint i = 0; i < G_N_ELEMENTS (windows_1252); i++)
    if (strcmp (label, windows_1252[i]) == 0)
      return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (supersets); i++)
    if (strcmp (label, supersets[i].label) == 0)
      return supersets[i].name;
  return label;
}

/* The page as UTF-8: a BOM first, then the declared charset, then as
 * plain text is read. Binary data is refused. */
static char *
decode_page (const char  *data,
             gsize        length,
             const char  *display_name,
             gsize       *out_length,
             GError     **error)
{
  const guchar *bytes = (const guchar *) data;
  g_autofree char *label = NULL;
  const char *charset;
  GError *local_error = NULL;
  char *text;

  /* A BOM says it all; no BOM and a NUL means binary data */
  if (!(length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))) &&
      !(length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF))
    {
      if (memchr (data, '\0', length) != NULL)
        {
          set_not_page_error (error, display_name);
          return NULL;
        }

      label = find_declared_charset (data, length);
      charset = label != NULL ? charset_to_iconv (label) : "UTF-8";
      if (charset == NULL)
        return cp_document_decode_windows_1252 (data, length, out_length);
      if (g_ascii_strcasecmp (charset, "UTF-8") != 0)
        {
          text = g_convert (data, length, "UTF-8", charset, NULL, out_length, NULL);
          if (text != NULL)
            return text;
          /* An unknown charset, or bytes that are not in it */
          g_debug ("“%s”: not %s, read as plain text", display_name, charset);
        }
    }

  text = cp_document_decode_bytes (data, length, display_name, NULL, out_length, &local_error);
  if (text == NULL)
    {
      if (g_error_matches (local_error, CP_ERROR, CP_ERROR_NOT_TEXT))
        {
          g_clear_error (&local_error);
          set_not_page_error (error, display_name);
        }
      else
        g_propagate_error (error, local_error);
    }

  return text;
}

/* }}} */

/* An XHTML page may declare entities in its DOCTYPE ("billion laughs").
 * The HTML parser never expands them, but it would read the declarations
 * as text: they are blanked out, and the entities stay as written. */
static void
blank_internal_subset (char  *text,
                       gsize  length)
{
  char *doctype = g_strstr_len (text, MIN (length, CHARSET_SCAN), "<!DOCTYPE");
  char *end = text + length;
  char *open;
  char *close;

  if (doctype == NULL)
    doctype = g_strstr_len (text, MIN (length, CHARSET_SCAN), "<!doctype");
  if (doctype == NULL)
    return;

  for (open = doctype; open < end && *open != '[' && *open != '>'; open++)
    ;
  if (open >= end || *open != '[')
    return;

  for (close = open + 1; close < end; close++)
    if (*close == ']')
      {
        char *after = close + 1;

        while (after < end && g_ascii_isspace (*after))
          after++;
        if (after < end && *after == '>')
          break;
      }
  if (close >= end)
    return;

  memset (open, ' ', close - open + 1);
}

static gboolean
has_prefix_ci (const char *p,
               const char *end,
               const char *prefix,
               gsize       length)
{
  return (gsize) (end - p) >= length && g_ascii_strncasecmp (p, prefix, length) == 0;
}

/* The end of the tag that starts at @p: its '>', outside quotes */
static const char *
find_tag_end (const char *p,
              const char *end)
{
  char quote = 0;

  for (; p < end; p++)
    {
      if (quote != 0)
        quote = *p == quote ? 0 : quote;
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p;
    }

  return NULL;
}

/* Where "</name" starts, any case, from @p on */
static const char *
find_end_tag (const char *p,
              const char *end,
              const char *name,
              gsize       length)
{
  while ((p = memchr (p, '<', end - p)) != NULL)
    {
      if (end - p > (gssize) length + 2 && p[1] == '/' &&
          g_ascii_strncasecmp (p + 2, name, length) == 0 &&
          (g_ascii_isspace (p[length + 2]) || p[length + 2] == '>'))
        return p;
      p++;
    }

  return NULL;
}

/*
 * Takes comments and the code of scripts and styles out of a page before
 * it is parsed, in place: they are often half of a page, and libxml2
 * would copy them into nodes that are dropped at once (7 % of the time on
 * the benchmark's pages, more on pages heavier in scripts). JSON-LD
 * scripts stay. What is left parses as the page did (empty scripts and
 * styles), except for a "<script" written inside an attribute value,
 * which no page needs.
 *
 * Returns: the new length
 */
static gsize
strip_code (char  *text,
            gsize  length)
{
  static const struct { const char *name; gsize length; } raw[] = { { "script", 6 }, { "style", 5 } };
  const char *end = text + length;
  const char *read = text;
  char *write = text;

  for (;;)
    {
      const char *p = memchr (read, '<', end - read);
      const char *close = NULL;
      const char *tag_end = NULL;

      if (p == NULL)
        break;
      memmove (write, read, p - read);
      write += p - read;
      read = p;

      if (has_prefix_ci (p, end, "<!--", 4))
        {
          const char *comment_end = g_strstr_len (p + 4, end - p - 4, "-->");

          if (comment_end == NULL)
            break;
          read = comment_end + 3;
          continue;
        }

      for (guint i = 0; i < G_N_ELEMENTS (raw) && close == NULL; i++)
        if (has_prefix_ci (p + 1, end, raw[i].name, raw[i].length) && p + raw[i].length + 1 < end &&
            (g_ascii_isspace (p[raw[i].length + 1]) || p[raw[i].length + 1] == '>') &&
            (tag_end = find_tag_end (p, end)) != NULL)
          close = find_end_tag (tag_end, end, raw[i].name, raw[i].length);

      if (close != NULL)
        {
          /* The start tag (the whole element for JSON-LD), then the end
           * tag next time round */
          const char *kept = g_strstr_len (p, tag_end - p, "ld+json") != NULL ? close : tag_end + 1;

          memmove (write, p, kept - p);
          write += kept - p;
          read = close;
        }
      else
        {
          *write++ = '<';
          read = p + 1;
        }
    }

  memmove (write, read, end - read);
  write += end - read;
  *write = '\0';

  return write - text;
}

/**
 * cp_html_parse:
 * @utf8: a page or a fragment of one, in UTF-8
 * @length: its length in bytes
 * @complete: (out) (optional): whether the parser read to the end; it
 *   stops at elements nested more than 256 deep
 *
 * Parses with libxml2's HTML parser: forgiving, silent, without network
 * access, its nesting capped at 256 (XML_PARSE_HUGE is never asked), the
 * page's own charset declarations ignored (the text is UTF-8 already).
 * XHTML goes through the same parser, so that no entity of a DTD is ever
 * expanded.
 *
 * Returns: (transfer full) (nullable): the tree, to free with xmlFreeDoc()
 */
htmlDocPtr
cp_html_parse (const char *utf8,
               gsize       length,
               gboolean   *complete)
{
  htmlParserCtxtPtr context;
  htmlDocPtr doc;

  /* xmlInitParser () ran in cp_import_register_all () */
  if (complete != NULL)
    *complete = FALSE;
  if (length > G_MAXINT)
    return NULL;

  context = htmlNewParserCtxt ();
  if (context == NULL)
    return NULL;
  doc = htmlCtxtReadMemory (context, utf8, (int) length, NULL, "UTF-8",
                            HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                            HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC |
                            HTML_PARSE_NODEFDTD);
  /* The parser halts (and stops calling back) at too deep a nesting */
  if (complete != NULL)
    *complete = !context->disableSAX;
  htmlFreeParserCtxt (context);

  return doc;
}

/* The tree of a page's UTF-8, or %NULL with the error */
static htmlDocPtr
parse_page (const char  *text,
            gsize        length,
            const char  *display_name,
            GError     **error)
{
  gboolean complete;
  htmlDocPtr doc = cp_html_parse (text, length, &complete);

  if (doc != NULL && !complete)
    {
      g_set_error (error, CP_ERROR, CP_ERROR_DAMAGED,
                   _("“%s” could not be read to its end: its elements are nested too deeply. "
                     "Save the page again from the browser, or copy its text into a text file."),
                   display_name);
      xmlFreeDoc (doc);
      return NULL;
    }
  if (doc == NULL)
    g_set_error (error, CP_ERROR, CP_ERROR_DAMAGED,
                 _("“%s” could not be read as a web page. "
                   "Save the page again from the browser, or copy its text into a text file."),
                 display_name);

  return doc;
}

static gsize
count_tags (const char *text,
            gsize       length)
{
  gsize n = 0;

  for (const char *p = text; (p = memchr (p, '<', text + length - p)) != NULL; p++)
    n++;
  return n;
}

static CpDocument *
html_import (GBytes        *contents,
             GFile         *file,
             const char    *display_name,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *text = NULL;
  CpHtmlPage page = { 0, };
  CpDocumentInfo info = { "html", };
  CpDocument *document;
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);

  /* Empty bytes may hold no pointer at all, which memchr () and the
   * parsers must not be given (found by fuzzing, under UBSan) */
  if (data == NULL)
    data = "";

  if (length > HTML_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (HTML_MAX_SIZE);

      g_set_error (error, CP_ERROR, CP_ERROR_TOO_LARGE,
                   _("“%s” is too large for a web page (%s; at most %s). "
                     "Save the page again without its images, or copy its text into a text file."),
                   display_name, size, limit);
      return NULL;
    }

  text = decode_page (data, length, display_name, &length, error);
  if (text == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  blank_internal_subset (text, length);
  length = strip_code (text, length);
  if (count_tags (text, length) > HTML_MAX_ELEMENTS)
    {
      g_set_error (error, CP_ERROR, CP_ERROR_TOO_LARGE,
                   _("“%s” has too many elements to read as a web page (more than a million). "
                     "Copy its text into a text file and open that."),
                   display_name);
      return NULL;
    }

  /* Read as a reader sees it; if nothing is left, again with what the
   * page hides: a page saved while a dialog was open may have hidden the
   * rest from screen readers (aria-hidden) */
  for (guint pass = 0; pass < 2 && (page.text == NULL || page.text[0] == '\0'); pass++)
    {
      htmlDocPtr doc = parse_page (text, length, display_name, error);
      gboolean read;

      if (doc == NULL)
        return NULL;
      cp_html_page_clear (&page);
      read = cp_html_read_page (doc, pass == 1, &page, cancellable, error);
      xmlFreeDoc (doc);
      if (!read)
        return NULL;
    }

  if (page.text == NULL || page.text[0] == '\0')
    {
      g_set_error (error, CP_ERROR, CP_ERROR_NO_TEXT,
                   _("“%s” has no article text to read. If the page shows its text in "
                     "the browser, copy the text into a text file and open that."),
                   display_name);
      cp_html_page_clear (&page);
      return NULL;
    }

  info.title = page.title;
  info.author = page.author;
  info.site = page.site;
  info.date = page.date;
  document = cp_document_new_from_import (file, display_name, page.text, page.length, &info);
  cp_html_page_clear (&page);

  return document;
}

static const char * const html_content_types[] = {
  "text/html",
  "application/xhtml+xml",
  NULL,
};

const CpImporter cp_html_importer = {
  .format = "html",
  .content_types = html_content_types,
  .sniff = html_sniff,
  .import = html_import,
};
