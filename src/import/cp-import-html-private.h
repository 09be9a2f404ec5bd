/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libxml/HTMLparser.h>

G_BEGIN_DECLS

/*
 * The web-page importer in three parts: cp-import-html.c sniffs, decodes
 * and parses; cp-import-html-meta.c reads what the page says about itself
 * (meta tags, JSON-LD, microdata) and tidies titles; cp-import-html-article.c
 * drops the page's furniture, finds the article and writes its text.
 * docs/import.md tells how it decides.
 */

/* The attributes the importer looks at, read from an element in one pass.
 * The strings belong to the element. */
typedef struct
{
  const char *id;
  const char *class_name;
  const char *style;
  const char *role;
  const char *itemprop;
  const char *rel;
  const char *aria_hidden;
  gboolean    hidden;
} CpHtmlAttrs;

void        cp_html_attrs_read        (xmlNode       *element,
                                       CpHtmlAttrs   *attrs);
const char *cp_html_get_attr          (xmlNode       *element,
                                       const char    *name);

/* What the page says about itself; every field owned, %NULL when absent. */
typedef struct
{
  char *og_title;       /* og:title */
  char *twitter_title;  /* twitter:title */
  char *ld_headline;    /* JSON-LD or microdata headline */
  char *html_title;     /* <title> */
  char *ld_author;      /* JSON-LD author(s) */
  char *meta_author;    /* <meta name=author>, article:author, microdata, rel=author */
  char *byline;         /* a byline element's name */
  char *og_site;        /* og:site_name */
  char *ld_site;        /* JSON-LD publisher */
  char *meta_site;      /* application-name */
  char *ld_date;        /* JSON-LD datePublished */
  char *meta_date;      /* article:published_time, microdata, <time pubdate> */
  char *time_date;      /* the first <time datetime> in an article */
  char *ld_body;        /* JSON-LD articleBody (plain text, or HTML) */
} CpHtmlMeta;

void        cp_html_meta_clear        (CpHtmlMeta    *meta);
void        cp_html_meta_read_element (CpHtmlMeta    *meta,
                                       xmlNode       *element,
                                       const CpHtmlAttrs *attrs);
void        cp_html_meta_read_byline  (CpHtmlMeta    *meta,
                                       xmlNode       *element);
void        cp_html_meta_read_json_ld (CpHtmlMeta    *meta,
                                       const char    *json,
                                       gsize          length);

/* Tree and text helpers. */
xmlNode    *cp_html_next              (xmlNode       *node,
                                       xmlNode       *top,
                                       gboolean       descend);
char       *cp_html_collapse          (const char    *text,
                                       gssize         length);
char       *cp_html_node_text         (xmlNode       *node,
                                       gsize          max_length);
char       *cp_html_decode_entities   (const char    *text);
gboolean    cp_html_same_text         (const char    *a,
                                       const char    *b);
char       *cp_html_strip_site_name   (const char    *title,
                                       const char    *site,
                                       char         **removed);
gboolean    cp_html_title_names       (const char    *title,
                                       const char    *headline,
                                       char         **rest);

/* The page as a reader sees it; every field owned. */
typedef struct
{
  char  *text;          /* paragraphs separated by blank lines */
  gsize  length;
  char  *title;
  char  *author;
  char  *site;
  char  *date;
} CpHtmlPage;

htmlDocPtr  cp_html_parse             (const char    *utf8,
                                       gsize          length,
                                       gboolean      *complete);
gboolean    cp_html_read_page         (htmlDocPtr     doc,
                                       gboolean       show_hidden,
                                       CpHtmlPage    *page,
                                       GCancellable  *cancellable,
                                       GError       **error);
void        cp_html_page_clear        (CpHtmlPage    *page);

G_END_DECLS
