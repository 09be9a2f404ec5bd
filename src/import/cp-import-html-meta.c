/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What a web page says about itself: Open Graph and other <meta> tags,
 * JSON-LD (schema.org Article, NewsArticle, Review, BlogPosting, also in
 * @graph arrays), microdata (itemprop) and bylines, and the tidying of
 * titles that carry the site's name ("Headline | Site").
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>

#include "cp-import-html-private.h"
#include "cp-json.h"
#include "cp-import-text.h"

/* JSON-LD deeper than this is not read: json-glib recurses per level. */
#define JSON_MAX_DEPTH   64
/* A walk into JSON-LD for the article object goes no deeper than this. */
#define JSON_MAX_WALK    8
/* Bylines and author names longer than this are prose, not names. */
#define NAME_MAX_LENGTH  100

/* Text {{{ */

static inline gboolean
is_ascii_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/**
 * cp_html_collapse:
 * @text: UTF-8 text (invalid sequences are replaced)
 * @length: its length, or -1
 *
 * Returns: (transfer full): @text as one paragraph of the text builder:
 *   runs of white space (no-break spaces too) made one space, trimmed,
 *   control characters and soft hyphens dropped
 */
char *
cp_html_collapse (const char *text,
                  gssize      length)
{
  CpTextBuilder *builder;

  if (text == NULL)
    return NULL;

  builder = cp_text_builder_new ();
  cp_text_builder_append (builder, text, length);
  return cp_text_builder_end (builder, NULL);
}

/**
 * cp_html_next:
 * @node: a node inside @top
 * @top: where the walk started
 * @descend: whether to go into @node's children
 *
 * Returns: (nullable): the node after @node in document order, staying
 *   inside @top; walks that use it need no stack however deep the tree
 */
xmlNode *
cp_html_next (xmlNode  *node,
              xmlNode  *top,
              gboolean  descend)
{
  if (descend && node->children != NULL)
    return node->children;

  while (node != top)
    {
      if (node->next != NULL)
        return node->next;
      node = node->parent;
    }

  return NULL;
}

static inline gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

/**
 * cp_html_node_text:
 * @node: a node
 * @max_length: stop after about this many bytes
 *
 * Returns: (transfer full): the text under @node, white space collapsed
 */
char *
cp_html_node_text (xmlNode *node,
                   gsize    max_length)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (xmlNode *n = node; n != NULL && text->len < max_length; )
    {
      if (n->type == XML_TEXT_NODE && n->content != NULL)
        g_string_append (text, (const char *) n->content);
      else if (is_element (n, "br"))
        g_string_append_c (text, ' ');
      n = cp_html_next (n, node, n->type == XML_ELEMENT_NODE && !is_element (n, "script") && !is_element (n, "style"));
    }

  return cp_html_collapse (text->str, text->len);
}

static gboolean
append_entity (GString    *out,
               const char *p,
               const char *semicolon)
{
  gsize length = semicolon - p;
  gunichar c = 0;

  if (length < 2 || length > 32)
    return FALSE;

  if (p[1] == '#')
    {
      const char *digits = p + 2;
      gboolean hex = *digits == 'x' || *digits == 'X';
      char *end = NULL;
      guint64 value;

      if (hex)
        digits++;
      if (digits >= semicolon)
        return FALSE;
      value = g_ascii_strtoull (digits, &end, hex ? 16 : 10);
      if (end != semicolon || value == 0 || value > 0x10FFFF ||
          (value >= 0xD800 && value <= 0xDFFF))
        return FALSE;
      c = (gunichar) value;
    }
  else
    {
      char name[33];
      const htmlEntityDesc *entity;

      memcpy (name, p + 1, length - 1);
      name[length - 1] = '\0';
      entity = htmlEntityLookup ((const xmlChar *) name);
      if (entity == NULL)
        return FALSE;
      c = entity->value;
    }

  g_string_append_unichar (out, c);
  return TRUE;
}

/**
 * cp_html_decode_entities:
 * @text: text that may hold HTML character references (JSON-LD often does)
 *
 * Returns: (transfer full): @text with &amp;, &#8217; and the like decoded
 */
char *
cp_html_decode_entities (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return NULL;
  if (strchr (text, '&') == NULL)
    return g_strdup (text);

  out = g_string_sized_new (strlen (text));
  for (p = text; *p != '\0'; )
    {
      const char *semicolon;

      if (*p == '&' && (semicolon = strchr (p, ';')) != NULL && append_entity (out, p, semicolon))
        {
          p = semicolon + 1;
          continue;
        }
      g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

/**
 * cp_html_same_text:
 *
 * Returns: whether @a and @b read the same, white space and letter case
 *   aside
 */
gboolean
cp_html_same_text (const char *a,
                   const char *b)
{
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;

  ca = cp_html_collapse (a, -1);
  cb = cp_html_collapse (b, -1);
  if (ca[0] == '\0' || cb[0] == '\0')
    return FALSE;
  fa = g_utf8_casefold (ca, -1);
  fb = g_utf8_casefold (cb, -1);

  return strcmp (fa, fb) == 0;
}

static void
set_text (char       **field,
          const char  *value)
{
  g_autofree char *decoded = NULL;
  g_autofree char *collapsed = NULL;

  if (*field != NULL || value == NULL)
    return;

  decoded = cp_html_decode_entities (value);
  collapsed = cp_html_collapse (decoded, -1);
  if (collapsed[0] != '\0')
    *field = g_steal_pointer (&collapsed);
}

/* "By Mei Lin", "Posted by Tom Reed at 9:10 PM" → the name */
static char *
name_from_byline (const char *text)
{
  static const char * const prefixes[] = {
    "posted by ", "written by ", "words by ", "review by ", "by ", "von ", "par ", "por ",
  };
  g_autofree char *collapsed = cp_html_collapse (text, -1);
  const char *name = collapsed;
  const char *cut;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_ascii_strncasecmp (name, prefixes[i], strlen (prefixes[i])) == 0)
      {
        name = name + strlen (prefixes[i]);
        break;
      }

  cut = name;
  while (*cut != '\0' && *cut != '|' && *cut != ',' && strncmp (cut, " at ", 4) != 0 &&
         strncmp (cut, " on ", 4) != 0 && strncmp (cut, "\xc2\xb7", 2) != 0 && strncmp (cut, "\xe2\x80\x94", 3) != 0)
    cut++;

  if (strlen (name) > NAME_MAX_LENGTH)
    return NULL;
  return g_strstrip (g_strndup (name, cut - name));
}

static gboolean has_word (const char *list,
                          const char *word);

/* The name in a byline element: the part marked as the name (hCard's fn,
 * microdata's name, a rel=author link), else its first link, else its
 * text without "By". */
static char *
name_from_byline_of (xmlNode *element)
{
  g_autofree char *text = NULL;

  for (guint pass = 0; pass < 2; pass++)
    for (xmlNode *n = element->children; n != NULL; n = cp_html_next (n, element, TRUE))
      {
        gboolean marked;

        if (n->type != XML_ELEMENT_NODE)
          continue;
        marked = pass == 0 ?
                 has_word (cp_html_get_attr (n, "class"), "fn") ||
                 has_word (cp_html_get_attr (n, "itemprop"), "name") ||
                 has_word (cp_html_get_attr (n, "rel"), "author") :
                 is_element (n, "a");
        if (marked)
          {
            g_autofree char *name = cp_html_node_text (n, NAME_MAX_LENGTH * 2);

            if (name[0] != '\0' && strlen (name) <= NAME_MAX_LENGTH)
              return g_steal_pointer (&name);
          }
      }

  text = cp_html_node_text (element, NAME_MAX_LENGTH * 4);
  return name_from_byline (text);
}

/* }}} */

/* Titles {{{ */

/* What sits between a headline and a site's name in a <title>, most
 * telling first. A colon is not one: headlines have colons of their own. */
static const char * const separators[] = {
  " | ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " - ", " :: ", " \xc2\xbb ", " \xc2\xb7 ", " / ",
};

static guint
count_words (const char *text,
             gsize       length)
{
  guint words = 0;
  gboolean in_word = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      gboolean space = is_ascii_space (text[i]);

      words += !space && !in_word;
      in_word = !space;
    }

  return words;
}

static gboolean
has_prefix_ci (const char *text,
               const char *prefix,
               gsize       prefix_length)
{
  return g_ascii_strncasecmp (text, prefix, prefix_length) == 0;
}

/**
 * cp_html_strip_site_name:
 * @title: a page's title
 * @site: (nullable): the site's name, when the page gives it
 * @removed: (out) (optional) (transfer full): the part taken off, or %NULL
 *
 * Takes a site's name off a title: "Headline | Site" and "Site | Headline"
 * become "Headline". Without @site, the shorter end of the title is taken
 * for the site when it has four words or fewer and the rest has more.
 *
 * Returns: (transfer full): the headline
 */
char *
cp_html_strip_site_name (const char  *title,
                         const char  *site,
                         char       **removed)
{
  g_autofree char *clean = cp_html_collapse (title, -1);
  gsize length = strlen (clean);

  if (removed != NULL)
    *removed = NULL;

  for (guint i = 0; site != NULL && i < G_N_ELEMENTS (separators); i++)
    {
      gsize site_length = strlen (site);
      gsize sep_length = strlen (separators[i]);

      if (length > site_length + sep_length &&
          has_prefix_ci (clean + length - site_length, site, site_length) &&
          strncmp (clean + length - site_length - sep_length, separators[i], sep_length) == 0)
        {
          if (removed != NULL)
            *removed = g_strdup (clean + length - site_length);
          return g_strndup (clean, length - site_length - sep_length);
        }
      if (length > site_length + sep_length && has_prefix_ci (clean, site, site_length) &&
          strncmp (clean + site_length, separators[i], sep_length) == 0)
        {
          if (removed != NULL)
            *removed = g_strndup (clean, site_length);
          return g_strdup (clean + site_length + sep_length);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      const char *last = g_strrstr (clean, separators[i]);
      const char *first = strstr (clean, separators[i]);
      gsize sep_length = strlen (separators[i]);

      if (last == NULL)
        continue;

      /* "Headline | Site" */
      if (count_words (last + sep_length, strlen (last + sep_length)) <= 4 &&
          count_words (clean, last - clean) > count_words (last + sep_length, strlen (last + sep_length)))
        {
          if (removed != NULL)
            *removed = g_strdup (last + sep_length);
          return g_strndup (clean, last - clean);
        }
      /* "Site | Headline" */
      if (count_words (clean, first - clean) <= 4 &&
          count_words (first + sep_length, strlen (first + sep_length)) > count_words (clean, first - clean))
        {
          if (removed != NULL)
            *removed = g_strndup (clean, first - clean);
          return g_strdup (first + sep_length);
        }
      break;
    }

  return g_steal_pointer (&clean);
}

/**
 * cp_html_title_names:
 * @title: a page's <title>
 * @headline: a heading on the page
 * @rest: (out) (optional) (transfer full): what the title holds besides
 *   the heading (the site's name), or %NULL
 *
 * Returns: whether @title is @headline, alone or with the site's name
 *   before or after it ("Blog: Headline", "Headline | Blog")
 */
gboolean
cp_html_title_names (const char  *title,
                     const char  *headline,
                     char       **rest)
{
  g_autofree char *t = cp_html_collapse (title, -1);
  g_autofree char *h = cp_html_collapse (headline, -1);
  gsize tl = strlen (t);
  gsize hl = strlen (h);
  const char *other = NULL;
  gsize other_length = 0;
  gboolean names = FALSE;

  if (rest != NULL)
    *rest = NULL;
  if (hl == 0 || hl > tl)
    return FALSE;

  if (tl == hl)
    return g_ascii_strcasecmp (t, h) == 0;

  if (has_prefix_ci (t, h, hl))
    {
      /* "Headline | Site" */
      const char *after = t + hl;

      for (guint i = 0; i < G_N_ELEMENTS (separators) && !names; i++)
        if (g_str_has_prefix (after, separators[i]))
          {
            names = TRUE;
            other = after + strlen (separators[i]);
            other_length = strlen (other);
          }
    }
  if (!names && has_prefix_ci (t + tl - hl, h, hl))
    {
      /* "Site: Headline", "Site | Headline" */
      gsize before = tl - hl;

      for (guint i = 0; i < G_N_ELEMENTS (separators) && !names; i++)
        {
          gsize sep_length = strlen (separators[i]);

          if (before > sep_length && strncmp (t + before - sep_length, separators[i], sep_length) == 0)
            {
              names = TRUE;
              other = t;
              other_length = before - sep_length;
            }
        }
      if (!names && before > 2 && strncmp (t + before - 2, ": ", 2) == 0)
        {
          names = TRUE;
          other = t;
          other_length = before - 2;
        }
    }

  if (names && rest != NULL && other_length > 0)
    *rest = g_strndup (other, other_length);
  return names;
}

/* }}} */

/* JSON-LD {{{ */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* A name: "Mei Lin", { "name": "Mei Lin" } or a list of them, joined. */
static char *
names_of (JsonNode *node)
{
  if (node == NULL)
    return NULL;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) == G_TYPE_STRING ?
             g_strdup (json_node_get_string (node)) : NULL;

    case JSON_NODE_OBJECT:
      return g_strdup (member_string (json_node_get_object (node), "name"));

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        g_autoptr(GString) joined = g_string_new (NULL);

        for (guint i = 0; i < json_array_get_length (array) && i < 16; i++)
          {
            JsonNode *element = json_array_get_element (array, i);
            g_autofree char *name = NULL;

            if (JSON_NODE_TYPE (element) == JSON_NODE_ARRAY)
              continue;
            name = names_of (element);
            if (name == NULL || name[0] == '\0')
              continue;
            if (joined->len > 0)
              g_string_append (joined, ", ");
            g_string_append (joined, name);
          }
        return joined->len > 0 ? g_strdup (joined->str) : NULL;
      }

    case JSON_NODE_NULL:
    default:
      return NULL;
    }
}

static gboolean
is_article_type_name (const char *type)
{
  static const char * const types[] = {
    "Review", "CriticReview", "UserReview", "ReportageNews", "Report",
  };
  const char *slash = strrchr (type, '/');
  const char *colon = strrchr (type, ':');

  if (slash != NULL)
    type = slash + 1;
  else if (colon != NULL)
    type = colon + 1;

  if (g_str_has_suffix (type, "Article") || g_str_has_suffix (type, "Posting"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (strcmp (type, types[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_article_object (JsonObject *object)
{
  JsonNode *type = json_object_get_member (object, "@type");

  if (type == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (type) && json_node_get_value_type (type) == G_TYPE_STRING)
    return is_article_type_name (json_node_get_string (type));
  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *types = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (types); i++)
        {
          JsonNode *element = json_array_get_element (types, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
              is_article_type_name (json_node_get_string (element)))
            return TRUE;
        }
    }
  return FALSE;
}

static void
read_article_object (CpHtmlMeta *meta,
                     JsonObject *object)
{
  static const char * const body_members[] = { "articleBody", "reviewBody", "text" };
  static const char * const date_members[] = { "datePublished", "dateCreated" };
  g_autofree char *author = names_of (json_object_get_member (object, "author"));
  g_autofree char *publisher = names_of (json_object_get_member (object, "publisher"));

  for (guint i = 0; i < G_N_ELEMENTS (body_members) && meta->ld_body == NULL; i++)
    {
      const char *body = member_string (object, body_members[i]);

      if (body != NULL && body[0] != '\0')
        meta->ld_body = g_strdup (body);
    }

  set_text (&meta->ld_headline, member_string (object, "headline"));
  set_text (&meta->ld_headline, member_string (object, "name"));
  set_text (&meta->ld_author, author);
  set_text (&meta->ld_site, publisher);
  for (guint i = 0; i < G_N_ELEMENTS (date_members); i++)
    set_text (&meta->ld_date, member_string (object, date_members[i]));
}

/* Depth-first through objects and arrays, for article objects; those with
 * a body first, so that a page listing several articles gives its own. */
static void
find_articles (JsonNode   *node,
               guint       depth,
               GPtrArray  *found)
{
  if (node == NULL || depth > JSON_MAX_WALK)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        find_articles (json_array_get_element (array, i), depth + 1, found);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      static const char * const containers[] = { "@graph", "mainEntity", "mainEntityOfPage", "itemReviewed" };

      if (is_article_object (object))
        g_ptr_array_add (found, object);
      for (guint i = 0; i < G_N_ELEMENTS (containers); i++)
        find_articles (json_object_get_member (object, containers[i]), depth + 1, found);
    }
}

/**
 * cp_html_meta_read_json_ld:
 * @meta: what is known of the page
 * @json: the text of a `<script type="application/ld+json">`
 * @length: its length
 *
 * Reads the article's headline, body, authors, publisher and date from
 * JSON-LD. Malformed or too deeply nested JSON is skipped.
 */
void
cp_html_meta_read_json_ld (CpHtmlMeta *meta,
                           const char *json,
                           gsize       length)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) found = NULL;
  const char *start = json;
  const char *end = json + length;

  /* Past <!-- --> and CDATA wrappers, to the JSON itself */
  while (start < end && *start != '{' && *start != '[')
    start++;
  while (end > start && end[-1] != '}' && end[-1] != ']')
    end--;
  if (start >= end || !cp_json_depth_is_within (start, end - start, JSON_MAX_DEPTH))
    return;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, start, end - start, NULL))
    return;

  found = g_ptr_array_new ();
  find_articles (json_parser_get_root (parser), 0, found);

  /* The article with a body, then the others for what it lacks */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < found->len; i++)
      {
        JsonObject *object = g_ptr_array_index (found, i);
        gboolean has_body = json_object_has_member (object, "articleBody") ||
                            json_object_has_member (object, "reviewBody");

        if (has_body == (pass == 0))
          read_article_object (meta, object);
      }
}

/* }}} */

/* Elements {{{ */

/**
 * cp_html_get_attr:
 *
 * Returns: (nullable): the value of @element's attribute @name (lower
 *   case, as the HTML parser stores names), owned by the element
 */
const char *
cp_html_get_attr (xmlNode    *element,
                  const char *name)
{
  for (xmlAttr *attr = element->properties; attr != NULL; attr = attr->next)
    if (strcmp ((const char *) attr->name, name) == 0)
      {
        if (attr->children == NULL)
          return "";
        if (attr->children->type == XML_TEXT_NODE && attr->children->content != NULL)
          return (const char *) attr->children->content;
        return "";
      }

  return NULL;
}

/**
 * cp_html_attrs_read:
 *
 * Reads the attributes the importer decides by, in one pass over them.
 */
void
cp_html_attrs_read (xmlNode     *element,
                    CpHtmlAttrs *attrs)
{
  memset (attrs, 0, sizeof *attrs);

  for (xmlAttr *attr = element->properties; attr != NULL; attr = attr->next)
    {
      const char *name = (const char *) attr->name;
      const char *value = "";

      if (attr->children != NULL && attr->children->type == XML_TEXT_NODE && attr->children->content != NULL)
        value = (const char *) attr->children->content;

      switch (name[0])
        {
        case 'a':
          if (strcmp (name, "aria-hidden") == 0)
            attrs->aria_hidden = value;
          break;
        case 'c':
          if (strcmp (name, "class") == 0)
            attrs->class_name = value;
          break;
        case 'h':
          if (strcmp (name, "hidden") == 0)
            attrs->hidden = TRUE;
          break;
        case 'i':
          if (strcmp (name, "id") == 0)
            attrs->id = value;
          else if (strcmp (name, "itemprop") == 0)
            attrs->itemprop = value;
          break;
        case 'r':
          if (strcmp (name, "role") == 0)
            attrs->role = value;
          else if (strcmp (name, "rel") == 0)
            attrs->rel = value;
          break;
        case 's':
          if (strcmp (name, "style") == 0)
            attrs->style = value;
          break;
        default:
          break;
        }
    }
}

static gboolean
is_one_of (const char         *value,
           const char * const *names,
           gsize               n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp (value, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_word (const char *list,
          const char *word)
{
  gsize length = strlen (word);

  for (const char *p = list; p != NULL && *p != '\0'; )
    {
      while (is_ascii_space (*p))
        p++;
      if (g_ascii_strncasecmp (p, word, length) == 0 && (p[length] == '\0' || is_ascii_space (p[length])))
        return TRUE;
      while (*p != '\0' && !is_ascii_space (*p))
        p++;
    }

  return FALSE;
}

static void
read_meta_tag (CpHtmlMeta *meta,
               xmlNode    *element)
{
  static const char * const date_keys[] = {
    "article:published_time", "og:article:published_time", "date", "dc.date", "dc.date.issued",
    "dcterms.date", "dcterms.created", "dcterms.issued", "pubdate", "publish-date", "publication_date",
    "sailthru.date", "parsely-pub-date", "datePublished",
  };
  static const char * const author_keys[] = {
    "author", "dc.creator", "dcterms.creator", "article:author", "sailthru.author", "parsely-author", "byl",
  };
  const char *key = cp_html_get_attr (element, "property");
  const char *content = cp_html_get_attr (element, "content");

  if (content == NULL)
    return;
  if (key == NULL)
    key = cp_html_get_attr (element, "name");
  if (key == NULL)
    key = cp_html_get_attr (element, "itemprop");
  if (key == NULL)
    return;

  if (g_ascii_strcasecmp (key, "og:title") == 0)
    set_text (&meta->og_title, content);
  else if (g_ascii_strcasecmp (key, "twitter:title") == 0)
    set_text (&meta->twitter_title, content);
  else if (g_ascii_strcasecmp (key, "headline") == 0)
    set_text (&meta->ld_headline, content);
  else if (g_ascii_strcasecmp (key, "og:site_name") == 0)
    set_text (&meta->og_site, content);
  else if (g_ascii_strcasecmp (key, "application-name") == 0)
    set_text (&meta->meta_site, content);
  else if (is_one_of (key, date_keys, G_N_ELEMENTS (date_keys)))
    set_text (&meta->meta_date, content);
  else if (is_one_of (key, author_keys, G_N_ELEMENTS (author_keys)) &&
           !g_str_has_prefix (content, "http://") && !g_str_has_prefix (content, "https://"))
    {
      g_autofree char *name = name_from_byline (content);

      set_text (&meta->meta_author, name);
    }
}

static xmlNode *
find_itemprop (xmlNode    *node,
               const char *itemprop)
{
  for (xmlNode *n = node->children; n != NULL; n = cp_html_next (n, node, TRUE))
    if (n->type == XML_ELEMENT_NODE && has_word (cp_html_get_attr (n, "itemprop"), itemprop))
      return n;

  return NULL;
}

/* The name in a microdata author or publisher: its content attribute, its
 * itemprop=name, or its own text when short. */
static char *
microdata_name (xmlNode *element)
{
  const char *content = cp_html_get_attr (element, "content");
  xmlNode *name;

  if (content != NULL)
    return cp_html_collapse (content, -1);
  name = find_itemprop (element, "name");
  if (name != NULL)
    {
      content = cp_html_get_attr (name, "content");
      return content != NULL ? cp_html_collapse (content, -1) : cp_html_node_text (name, NAME_MAX_LENGTH * 2);
    }
  return name_from_byline_of (element);
}

static const char *
date_attribute (xmlNode *element)
{
  const char *date = cp_html_get_attr (element, "datetime");

  if (date == NULL)
    date = cp_html_get_attr (element, "content");
  return date;
}

static gboolean
inside_article (xmlNode *element)
{
  for (xmlNode *n = element->parent; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (strcmp ((const char *) n->name, "article") == 0)
      return TRUE;
  return FALSE;
}

static void
read_microdata (CpHtmlMeta        *meta,
                xmlNode           *element,
                const CpHtmlAttrs *attrs)
{
  if (has_word (attrs->itemprop, "headline") && strcmp ((const char *) element->name, "meta") != 0)
    {
      g_autofree char *text = cp_html_node_text (element, 1024);

      set_text (&meta->ld_headline, text);
    }
  if (has_word (attrs->itemprop, "author") || has_word (attrs->itemprop, "creator"))
    {
      g_autofree char *name = microdata_name (element);

      if (name != NULL && strlen (name) <= NAME_MAX_LENGTH)
        set_text (&meta->meta_author, name);
    }
  if (has_word (attrs->itemprop, "datePublished"))
    set_text (&meta->meta_date, date_attribute (element));
}

/**
 * cp_html_meta_read_element:
 * @meta: what is known of the page
 * @element: an element of the page, before any is dropped
 * @attrs: its attributes
 *
 * Reads what @element says about the page: <title>, <meta>, JSON-LD,
 * microdata, rel=author links, <time> and hAtom dates.
 */
void
cp_html_meta_read_element (CpHtmlMeta        *meta,
                           xmlNode           *element,
                           const CpHtmlAttrs *attrs)
{
  const char *name = (const char *) element->name;

  switch (name[0])
    {
    case 'a':
      if (strcmp (name, "abbr") == 0 && attrs->class_name != NULL &&
          (has_word (attrs->class_name, "published") || has_word (attrs->class_name, "dtstamp")))
        set_text (&meta->meta_date, cp_html_get_attr (element, "title"));
      break;

    case 'm':
      if (strcmp (name, "meta") == 0)
        read_meta_tag (meta, element);
      break;

    case 's':
      if (strcmp (name, "script") == 0 && element->children != NULL)
        {
          const char *type = cp_html_get_attr (element, "type");
          xmlChar *text;

          if (!has_word (type, "application/ld+json"))
            break;
          text = xmlNodeGetContent (element);
          if (text != NULL)
            cp_html_meta_read_json_ld (meta, (const char *) text, strlen ((const char *) text));
          xmlFree (text);
        }
      break;

    case 't':
      if (strcmp (name, "title") == 0 && meta->html_title == NULL)
        {
          g_autofree char *text = cp_html_node_text (element, 4096);

          set_text (&meta->html_title, text);
        }
      else if (strcmp (name, "time") == 0 && cp_html_get_attr (element, "datetime") != NULL)
        {
          const char *class_name = attrs->class_name != NULL ? attrs->class_name : "";

          if (cp_html_get_attr (element, "pubdate") != NULL || strstr (class_name, "publish") != NULL ||
              strstr (class_name, "entry-date") != NULL || strstr (class_name, "post-date") != NULL)
            set_text (&meta->meta_date, cp_html_get_attr (element, "datetime"));
          else if (meta->time_date == NULL && inside_article (element))
            set_text (&meta->time_date, cp_html_get_attr (element, "datetime"));
        }
      break;

    default:
      break;
    }

  if (attrs->itemprop != NULL)
    read_microdata (meta, element, attrs);

  if (attrs->rel != NULL && has_word (attrs->rel, "author") && strcmp (name, "a") == 0)
    {
      g_autofree char *text = cp_html_node_text (element, NAME_MAX_LENGTH * 2);

      if (strlen (text) <= NAME_MAX_LENGTH)
        set_text (&meta->meta_author, text);
    }
}

/**
 * cp_html_meta_read_byline:
 * @meta: what is known of the page
 * @element: an element whose class or id says byline or author
 *
 * Takes the author's name from a byline: the link in it, else its text
 * without "By".
 */
void
cp_html_meta_read_byline (CpHtmlMeta *meta,
                          xmlNode    *element)
{
  g_autofree char *name = NULL;

  if (meta->byline != NULL)
    return;

  name = name_from_byline_of (element);
  if (name != NULL && name[0] != '\0' && strlen (name) <= NAME_MAX_LENGTH)
    meta->byline = g_steal_pointer (&name);
}

/* }}} */

void
cp_html_meta_clear (CpHtmlMeta *meta)
{
  g_clear_pointer (&meta->og_title, g_free);
  g_clear_pointer (&meta->twitter_title, g_free);
  g_clear_pointer (&meta->ld_headline, g_free);
  g_clear_pointer (&meta->html_title, g_free);
  g_clear_pointer (&meta->ld_author, g_free);
  g_clear_pointer (&meta->meta_author, g_free);
  g_clear_pointer (&meta->byline, g_free);
  g_clear_pointer (&meta->og_site, g_free);
  g_clear_pointer (&meta->ld_site, g_free);
  g_clear_pointer (&meta->meta_site, g_free);
  g_clear_pointer (&meta->ld_date, g_free);
  g_clear_pointer (&meta->meta_date, g_free);
  g_clear_pointer (&meta->time_date, g_free);
  g_clear_pointer (&meta->ld_body, g_free);
}
