/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The article in a parsed web page, as a reader sees it. Four steps over
 * the tree, none recursive (a page may nest deeply):
 *
 * 1. clean: read what the page says about itself and drop what no reader
 *    reads as the article: scripts and styles, navigation, asides, forms,
 *    hidden elements, and by class or id share buttons, cookie notices,
 *    newsletter promos, related stories and comment threads;
 * 2. measure: text, link text and commas under every element of the body;
 * 3. score: paragraphs of text give points to their containers, weighed by
 *    tag, class and id; the best container, less its links, is the
 *    article, with those of its siblings that score well (Readability's
 *    approach; the formula is in docs/import.md);
 * 4. write: the article's blocks as paragraphs, leaving out lists and boxes
 *    that are mostly links.
 *
 * The JSON-LD articleBody replaces the text when it is at least as
 * complete (a page behind a paywall shows a teaser). The title is the
 * page's headline, not its <title> with the site's name.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "cp-error.h"
#include "cp-import-html-private.h"
#include "cp-import-text.h"

/* How many nodes between two looks at the cancellable */
#define CANCEL_STRIDE         1024
/* Text shorter than this (in characters) is not scored as a paragraph */
#define MIN_PARAGRAPH_LENGTH  25
/* An article shorter than this (in bytes) may be a block picked out of a
 * short page, which is then read whole */
#define MIN_ARTICLE_LENGTH    200
#define NO_BLOCK              G_MAXUINT

/* Tags {{{ */

enum
{
  TAG_DROP       = 1 << 0,   /* nothing a reader reads as the article */
  TAG_BLOCK      = 1 << 1,   /* ends a paragraph before and after */
  TAG_HEADING    = 1 << 2,
  TAG_PARAGRAPH  = 1 << 3,   /* scored as a paragraph: p, pre, td */
  TAG_NO_SCORE   = 1 << 4,   /* its own text is not scored: headings, list items */
  TAG_BREAK      = 1 << 5,
  TAG_CELL       = 1 << 6,   /* a table cell: a space between cells */
  TAG_PRE        = 1 << 7,   /* keeps its line ends */
  TAG_LINK       = 1 << 8,
  TAG_HEADER     = 1 << 9,   /* dropped outside an article */
  TAG_ARTICLE    = 1 << 10,
  TAG_CONTAINER  = 1 << 11,  /* left out when it is mostly links */
};

typedef struct
{
  const char *name;
  guint       flags;
  int         score;        /* the container's score before its paragraphs */
} TagInfo;

static const TagInfo tags[] = {
  { "a", TAG_LINK, 0 },
  { "address", TAG_BLOCK | TAG_NO_SCORE, -3 },
  { "applet", TAG_DROP, 0 },
  { "article", TAG_BLOCK | TAG_ARTICLE, 10 },
  { "aside", TAG_DROP, 0 },
  { "audio", TAG_DROP, 0 },
  { "blockquote", TAG_BLOCK, 3 },
  { "body", TAG_BLOCK, 0 },
  { "br", TAG_BREAK, 0 },
  { "button", TAG_DROP, 0 },
  { "canvas", TAG_DROP, 0 },
  { "caption", TAG_BLOCK | TAG_NO_SCORE, 0 },
  { "center", TAG_BLOCK, 0 },
  { "datalist", TAG_DROP, 0 },
  { "dd", TAG_BLOCK | TAG_NO_SCORE, -3 },
  { "details", TAG_BLOCK, 0 },
  { "dialog", TAG_DROP, 0 },
  { "dir", TAG_BLOCK | TAG_CONTAINER, -3 },
  { "div", TAG_BLOCK | TAG_CONTAINER, 5 },
  { "dl", TAG_BLOCK | TAG_CONTAINER, -3 },
  { "dt", TAG_BLOCK | TAG_NO_SCORE, -3 },
  { "embed", TAG_DROP, 0 },
  { "fieldset", TAG_BLOCK, 0 },
  { "figcaption", TAG_DROP, 0 },
  { "figure", TAG_BLOCK, 0 },
  { "footer", TAG_DROP, 0 },
  { "form", TAG_DROP, 0 },
  { "frame", TAG_DROP, 0 },
  { "frameset", TAG_DROP, 0 },
  { "h1", TAG_BLOCK | TAG_HEADING | TAG_NO_SCORE, -5 },
  { "h2", TAG_BLOCK | TAG_HEADING | TAG_NO_SCORE, -5 },
  { "h3", TAG_BLOCK | TAG_HEADING | TAG_NO_SCORE, -5 },
  { "h4", TAG_BLOCK | TAG_HEADING | TAG_NO_SCORE, -5 },
  { "h5", TAG_BLOCK | TAG_HEADING | TAG_NO_SCORE, -5 },
  { "h6", TAG_BLOCK | TAG_HEADING | TAG_NO_SCORE, -5 },
  { "header", TAG_BLOCK | TAG_HEADER, -3 },
  { "hgroup", TAG_BLOCK, 0 },
  { "hr", TAG_BLOCK, 0 },
  { "html", TAG_BLOCK, 0 },
  { "iframe", TAG_DROP, 0 },
  { "input", TAG_DROP, 0 },
  { "legend", TAG_BLOCK | TAG_NO_SCORE, 0 },
  { "li", TAG_BLOCK | TAG_NO_SCORE, -3 },
  { "listing", TAG_BLOCK | TAG_PRE | TAG_PARAGRAPH, 3 },
  { "main", TAG_BLOCK, 5 },
  { "map", TAG_DROP, 0 },
  { "math", TAG_DROP, 0 },
  { "menu", TAG_DROP, 0 },
  { "meter", TAG_DROP, 0 },
  { "nav", TAG_DROP, 0 },
  { "noembed", TAG_DROP, 0 },
  { "noframes", TAG_DROP, 0 },
  { "noscript", TAG_DROP, 0 },
  { "object", TAG_DROP, 0 },
  { "ol", TAG_BLOCK | TAG_CONTAINER, -3 },
  { "optgroup", TAG_DROP, 0 },
  { "option", TAG_DROP, 0 },
  { "output", TAG_DROP, 0 },
  { "p", TAG_BLOCK | TAG_PARAGRAPH, 0 },
  { "plaintext", TAG_BLOCK | TAG_PRE | TAG_PARAGRAPH, 3 },
  { "pre", TAG_BLOCK | TAG_PRE | TAG_PARAGRAPH, 3 },
  { "progress", TAG_DROP, 0 },
  { "script", TAG_DROP, 0 },
  { "section", TAG_BLOCK | TAG_CONTAINER, 5 },
  { "select", TAG_DROP, 0 },
  { "source", TAG_DROP, 0 },
  { "style", TAG_DROP, 0 },
  { "summary", TAG_BLOCK | TAG_NO_SCORE, 0 },
  { "svg", TAG_DROP, 0 },
  { "table", TAG_BLOCK | TAG_CONTAINER, 0 },
  { "tbody", TAG_BLOCK, 0 },
  { "td", TAG_CELL | TAG_PARAGRAPH, 3 },
  { "template", TAG_DROP, 0 },
  { "textarea", TAG_DROP, 0 },
  { "tfoot", TAG_BLOCK, 0 },
  { "th", TAG_CELL | TAG_NO_SCORE, -5 },
  { "thead", TAG_BLOCK, 0 },
  { "title", TAG_DROP, 0 },
  { "tr", TAG_BLOCK, 0 },
  { "track", TAG_DROP, 0 },
  { "ul", TAG_BLOCK | TAG_CONTAINER, -3 },
  { "video", TAG_DROP, 0 },
  { "xmp", TAG_BLOCK | TAG_PRE | TAG_PARAGRAPH, 3 },
};

static const TagInfo unknown_tag = { "", 0, 0 };

/* Tag names to their TagInfo, built once; only read after that */
static GHashTable *tag_table;

static void
index_tags (void)
{
  static gsize indexed = 0;

  if (g_once_init_enter (&indexed))
    {
      tag_table = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
        g_hash_table_insert (tag_table, (gpointer) tags[i].name, (gpointer) &tags[i]);
      g_once_init_leave (&indexed, 1);
    }
}

static const TagInfo *
lookup_tag (const xmlNode *element)
{
  const TagInfo *info = g_hash_table_lookup (tag_table, element->name);

  return info != NULL ? info : &unknown_tag;
}

/* }}} */

/* Class and id {{{ */

/*
 * The words of a class or id attribute are matched against these
 * patterns at the start of each of their parts ("share" in "post-share",
 * "commentlist"). A pattern ending in '$' must end the word too ("ad" is
 * not "adventure"; "hidden" is "u-hidden" but not Bootstrap's
 * "hidden-xs", which shows on large screens).
 */
enum
{
  WORD_COMMENT  = 1 << 0,   /* a comment thread: always dropped */
  WORD_HIDDEN   = 1 << 1,   /* hidden from sight: always dropped */
  WORD_DROP     = 1 << 2,   /* furniture: dropped unless another word says content */
  WORD_NEGATIVE = 1 << 3,   /* lowers the score */
  WORD_POSITIVE = 1 << 4,   /* raises the score and keeps the element */
  WORD_BYLINE   = 1 << 5,   /* names the author */
};

typedef struct
{
  const char *pattern;
  guint       flags;
} WordPattern;

#define FURNITURE (WORD_DROP | WORD_NEGATIVE)

static const WordPattern word_patterns[] = {
  { "ad$", FURNITURE },
  { "ad-", FURNITURE },
  { "ads$", FURNITURE },
  { "adsense", FURNITURE },
  { "advert", FURNITURE },
  { "article", WORD_POSITIVE },
  { "author", FURNITURE | WORD_BYLINE },
  { "banner", WORD_NEGATIVE },
  { "bio$", FURNITURE },
  { "blog", WORD_POSITIVE },
  { "blogroll", FURNITURE },
  { "body", WORD_POSITIVE },
  { "breadcrumb", FURNITURE },
  { "byline", FURNITURE | WORD_BYLINE },
  { "caption", FURNITURE },
  { "combx", WORD_NEGATIVE },
  { "comment", WORD_COMMENT | WORD_NEGATIVE },
  { "consent", FURNITURE },
  { "contact", WORD_NEGATIVE },
  { "content", WORD_POSITIVE },
  { "cookie", FURNITURE },
  { "credit", FURNITURE },
  { "d-none$", WORD_HIDDEN },
  { "dateline", FURNITURE },
  { "discussion", WORD_COMMENT | WORD_NEGATIVE },
  { "disqus", WORD_COMMENT | WORD_NEGATIVE },
  { "embed", FURNITURE },
  { "entry", WORD_POSITIVE },
  { "extra", WORD_NEGATIVE },
  { "facebook", FURNITURE },
  { "footer", FURNITURE },
  { "gdpr", FURNITURE },
  { "h-entry", WORD_POSITIVE },
  { "header", WORD_NEGATIVE },
  { "hentry", WORD_POSITIVE },
  { "hidden$", WORD_HIDDEN },
  { "hide$", WORD_HIDDEN },
  { "instagram", FURNITURE },
  { "invisible$", WORD_HIDDEN },
  { "login", FURNITURE },
  { "main", WORD_POSITIVE },
  { "masthead", FURNITURE },
  { "menu", FURNITURE },
  { "meta", FURNITURE },
  { "modal", FURNITURE },
  { "more-", FURNITURE },
  { "most-", FURNITURE },
  { "nav", FURNITURE },
  { "newsletter", FURNITURE },
  { "outbrain", FURNITURE },
  { "pager", FURNITURE },
  { "pagination", FURNITURE },
  { "paywall", FURNITURE },
  { "popular", FURNITURE },
  { "popup", FURNITURE },
  { "post", WORD_POSITIVE },
  { "promo", FURNITURE },
  { "read-more", FURNITURE },
  { "readmore", FURNITURE },
  { "recommend", FURNITURE },
  { "related", FURNITURE },
  { "replies$", WORD_COMMENT | WORD_NEGATIVE },
  { "respond", WORD_COMMENT | WORD_NEGATIVE },
  { "rss$", FURNITURE },
  { "screen-reader", WORD_HIDDEN },
  { "search", FURNITURE },
  { "share", FURNITURE },
  { "sharing", FURNITURE },
  { "shoutbox", FURNITURE },
  { "sidebar", FURNITURE },
  { "signup", FURNITURE },
  { "sign-up", FURNITURE },
  { "skip", FURNITURE },
  { "skyscraper", FURNITURE },
  { "social", FURNITURE },
  { "sponsor", FURNITURE },
  { "sr-only$", WORD_HIDDEN },
  { "story", WORD_POSITIVE },
  { "subscri", FURNITURE },
  { "supplemental", WORD_NEGATIVE },
  { "taboola", FURNITURE },
  { "tag$", FURNITURE },
  { "tags", FURNITURE },
  { "text", WORD_POSITIVE },
  { "toolbar", FURNITURE },
  { "trending", FURNITURE },
  { "tweet", FURNITURE },
  { "twitter", FURNITURE },
  { "visually-hidden$", WORD_HIDDEN },
  { "widget", FURNITURE },
};

/* For each first letter, where its patterns start in word_patterns */
static guint8 pattern_index[27];

static void
index_patterns (void)
{
  static gsize indexed = 0;

  if (g_once_init_enter (&indexed))
    {
      guint i = 0;

      for (guint letter = 0; letter < 26; letter++)
        {
          pattern_index[letter] = i;
          while (i < G_N_ELEMENTS (word_patterns) && word_patterns[i].pattern[0] == 'a' + (int) letter)
            i++;
        }
      pattern_index[26] = i;
      g_assert (i == G_N_ELEMENTS (word_patterns));
      g_once_init_leave (&indexed, 1);
    }
}

static inline gboolean
is_word_end (char c)
{
  return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The flags of one part of a word, which starts at @p and ends at @end */
static guint
match_part (const char *p,
            const char *end)
{
  char first = g_ascii_tolower (*p);
  guint flags = 0;

  if (first < 'a' || first > 'z')
    return 0;

  for (guint i = pattern_index[first - 'a']; i < pattern_index[first - 'a' + 1]; i++)
    {
      const char *pattern = word_patterns[i].pattern;
      gsize length = strlen (pattern);
      gboolean whole = pattern[length - 1] == '$';

      if (whole)
        length--;
      if ((gsize) (end - p) < length || g_ascii_strncasecmp (p, pattern, length) != 0)
        continue;
      if (whole && p + length != end)
        continue;
      flags |= word_patterns[i].flags;
    }

  return flags;
}

typedef struct
{
  guint flags;              /* of all the words */
  int   weight;             /* -25, 0 or +25 per attribute, summed */
  gboolean keep;            /* some word says content and nothing else */
} WordFlags;

static void
match_words (const char *list,
             WordFlags  *result)
{
  gboolean negative = FALSE;
  gboolean positive = FALSE;
  const char *p = list;

  while (*p != '\0')
    {
      const char *word;
      guint flags = 0;

      while (*p != '\0' && is_word_end (*p))
        p++;
      if (*p == '\0')
        break;
      word = p;
      while (!is_word_end (*p))
        p++;

      for (const char *part = word; part < p; part++)
        if (part == word || part[-1] == '-' || part[-1] == '_' || part[-1] == ':')
          flags |= match_part (part, p);

      /* "post-meta" is furniture, though "post" says content */
      if ((flags & (WORD_NEGATIVE | WORD_DROP | WORD_COMMENT | WORD_HIDDEN)) == 0 && (flags & WORD_POSITIVE))
        {
          positive = TRUE;
          result->keep = TRUE;
        }
      negative |= (flags & (WORD_NEGATIVE | WORD_COMMENT)) != 0;
      result->flags |= flags;
    }

  result->weight += (negative ? -25 : 0) + (positive ? 25 : 0);
}

static void
match_class_and_id (const CpHtmlAttrs *attrs,
                    WordFlags         *result)
{
  memset (result, 0, sizeof *result);

  if (attrs->class_name != NULL)
    match_words (attrs->class_name, result);
  if (attrs->id != NULL)
    match_words (attrs->id, result);
}

/* }}} */

/* Cleaning {{{ */

static gboolean
has_ancestor_tag (xmlNode    *node,
                  const char *name)
{
  for (xmlNode *n = node->parent; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
    if (strcmp ((const char *) n->name, name) == 0)
      return TRUE;
  return FALSE;
}

/* Whether a style attribute hides the element: display:none or
 * visibility:hidden, white space and case aside. */
static gboolean
style_hides (const char *style)
{
  static const char * const hiding[] = { "display:none", "visibility:hidden" };
  char squeezed[256];
  gsize n = 0;

  for (const char *p = style; *p != '\0' && n < sizeof squeezed - 1; p++)
    if (!g_ascii_isspace (*p))
      squeezed[n++] = g_ascii_tolower (*p);
  squeezed[n] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (hiding); i++)
    if (strstr (squeezed, hiding[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
role_is_furniture (const char *role,
                   xmlNode    *element)
{
  static const char * const roles[] = {
    "navigation", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu",
    "menubar", "toolbar", "form", "tablist",
  };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_ascii_strcasecmp (role, roles[i]) == 0)
      return TRUE;

  /* The site's banner; an article's own banner holds its headline */
  return g_ascii_strcasecmp (role, "banner") == 0 && !has_ancestor_tag (element, "article");
}

typedef struct
{
  CpHtmlMeta *meta;
  gboolean    show_hidden;     /* keep what the page hides */
  xmlNode    *article_body;    /* itemprop=articleBody, the largest */
  gsize       article_body_length;
} Cleaning;

typedef enum
{
  KEEP,
  DROP,
  DROP_UNREAD,      /* a comment thread: nothing in it speaks for the page */
} Verdict;

/* Reads what @element says about the page, unless it is a comment. */
static gboolean
read_element (Cleaning          *cleaning,
              xmlNode           *element,
              const CpHtmlAttrs *attrs,
              WordFlags         *words)
{
  memset (words, 0, sizeof *words);
  if (attrs->class_name != NULL || attrs->id != NULL)
    match_class_and_id (attrs, words);
  if ((words->flags & WORD_COMMENT) && strcmp ((const char *) element->name, "body") != 0)
    return FALSE;

  cp_html_meta_read_element (cleaning->meta, element, attrs);
  if (words->flags & WORD_BYLINE)
    cp_html_meta_read_byline (cleaning->meta, element);
  return TRUE;
}

/* Whether @element is to be dropped; reads its attributes into @attrs and
 * what it says about the page first. */
static Verdict
judge_element (Cleaning    *cleaning,
               xmlNode     *element,
               CpHtmlAttrs *attrs)
{
  const TagInfo *tag = lookup_tag (element);
  const char *name = (const char *) element->name;
  WordFlags words;

  cp_html_attrs_read (element, attrs);
  if (!read_element (cleaning, element, attrs, &words))
    return DROP_UNREAD;

  if (tag->flags & TAG_DROP)
    return DROP;
  /* The body is never hidden: a page may hide it until a script has run */
  if (!cleaning->show_hidden && strcmp (name, "body") != 0 &&
      (attrs->hidden || (attrs->aria_hidden != NULL && g_ascii_strcasecmp (attrs->aria_hidden, "true") == 0) ||
       (attrs->style != NULL && style_hides (attrs->style))))
    return DROP;
  if (attrs->role != NULL && role_is_furniture (attrs->role, element))
    return DROP;
  if ((tag->flags & TAG_HEADER) && !has_ancestor_tag (element, "article") && !has_ancestor_tag (element, "main"))
    return DROP;

  /* The page's frame is never furniture, nor is the article itself */
  if (strcmp (name, "body") == 0 || strcmp (name, "article") == 0 || strcmp (name, "main") == 0 ||
      (attrs->itemprop != NULL && strstr (attrs->itemprop, "articleBody") != NULL))
    return KEEP;

  if ((words.flags & WORD_HIDDEN) && !cleaning->show_hidden)
    return DROP;
  return (words.flags & WORD_DROP) && !words.keep ? DROP : KEEP;
}

/* What is under a dropped element still speaks for the page: a byline in
 * a footer, a date in a byline. */
static void
read_dropped (Cleaning *cleaning,
              xmlNode  *top)
{
  xmlNode *node = top->children;

  while (node != NULL && node != top)
    {
      gboolean descend = FALSE;

      if (node->type == XML_ELEMENT_NODE)
        {
          CpHtmlAttrs attrs;
          WordFlags words;

          cp_html_attrs_read (node, &attrs);
          descend = read_element (cleaning, node, &attrs, &words) && !(lookup_tag (node)->flags & TAG_DROP);
        }
      node = cp_html_next (node, top, descend);
    }
}

static void
remove_node (xmlNode *node)
{
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

/* Step 1: reads the page's signals and drops its furniture. */
static gboolean
clean_tree (xmlNode       *top,
            Cleaning      *cleaning,
            GCancellable  *cancellable,
            GError       **error)
{
  xmlNode *node = top;
  guint n = 0;

  while (node != NULL)
    {
      xmlNode *next;

      if (++n % CANCEL_STRIDE == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (node->type == XML_ELEMENT_NODE)
        {
          CpHtmlAttrs attrs = { NULL, };
          Verdict verdict = node != top ? judge_element (cleaning, node, &attrs) : KEEP;

          if (verdict != KEEP)
            {
              next = cp_html_next (node, top, FALSE);
              if (verdict == DROP)
                read_dropped (cleaning, node);
              remove_node (node);
              node = next;
              continue;
            }

          if (attrs.itemprop != NULL && strstr (attrs.itemprop, "articleBody") != NULL)
            {
              g_autofree char *text = cp_html_node_text (node, G_MAXSIZE);

              if (strlen (text) > cleaning->article_body_length)
                {
                  cleaning->article_body = node;
                  cleaning->article_body_length = strlen (text);
                }
            }
          node = cp_html_next (node, top, TRUE);
        }
      else if (node->type == XML_COMMENT_NODE || node->type == XML_PI_NODE)
        {
          next = cp_html_next (node, top, FALSE);
          remove_node (node);
          node = next;
        }
      else
        node = cp_html_next (node, top, node->type != XML_ENTITY_REF_NODE);
    }

  return TRUE;
}

/* }}} */

/* Measures {{{ */

typedef struct
{
  xmlNode *node;
  guint    parent;          /* index of the parent block, or NO_BLOCK */
  guint    flags;           /* TAG_* */
  int      weight;          /* from class and id */
  guint    text_length;     /* characters, a run of white space counting one */
  guint    link_length;     /* of those, inside links */
  guint    commas;
  guint    own_length;      /* text not inside a block descendant */
  guint    own_commas;
  guint    own_breaks;      /* <br> not inside a block descendant */
  double   score;
  gboolean scored;
} Block;

typedef struct
{
  GArray  *blocks;          /* Block, in document order */
  xmlNode *body;
} Page;

static inline Block *
block_of (Page    *page,
          xmlNode *node)
{
  gsize index = GPOINTER_TO_SIZE (node->_private);

  return index > 0 ? &g_array_index (page->blocks, Block, index - 1) : NULL;
}

/* Characters in @text, each run of white space counting one, and commas. */
static void
measure_text (const char *text,
              guint      *length,
              guint      *commas)
{
  const guchar *p = (const guchar *) text;
  gboolean space = TRUE;
  guint n = 0;
  guint c = 0;

  for (; *p != '\0'; p++)
    {
      guchar b = *p;

      if (b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f')
        {
          if (!space)
            n++;
          space = TRUE;
          continue;
        }
      space = FALSE;
      if ((b & 0xC0) != 0x80)
        n++;
      if (b == ',')
        c++;
      /* U+060C ARABIC COMMA, U+FF0C FULLWIDTH COMMA, U+3001 IDEOGRAPHIC COMMA */
      else if ((b == 0xD8 && p[1] == 0x8C) ||
               (b == 0xEF && p[1] == 0xBC && p[2] == 0x8C) ||
               (b == 0xE3 && p[1] == 0x80 && p[2] == 0x81))
        c++;
    }

  *length = n;
  *commas = c;
}

/* Step 2: every element of the body gets a block, in document order; the
 * text under it is summed from the last block to the first, children
 * before parents. */
static gboolean
measure_page (Page          *page,
              GCancellable  *cancellable,
              GError       **error)
{
  xmlNode *node = page->body;
  guint n = 0;

  while (node != NULL)
    {
      if (++n % CANCEL_STRIDE == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (node->type == XML_ELEMENT_NODE)
        {
          Block block = { 0, };
          CpHtmlAttrs attrs;
          WordFlags words;
          Block *parent = node != page->body ? block_of (page, node->parent) : NULL;

          block.node = node;
          block.flags = lookup_tag (node)->flags;
          block.parent = parent != NULL ? parent - &g_array_index (page->blocks, Block, 0) : NO_BLOCK;
          if (node->properties != NULL)
            {
              cp_html_attrs_read (node, &attrs);
              match_class_and_id (&attrs, &words);
              block.weight = words.weight;
            }
          g_array_append_val (page->blocks, block);
          node->_private = GSIZE_TO_POINTER (page->blocks->len);
        }
      else if (node->type == XML_TEXT_NODE && node->content != NULL)
        {
          Block *parent = block_of (page, node->parent);
          guint length;
          guint commas;

          measure_text ((const char *) node->content, &length, &commas);
          if (parent != NULL)
            {
              parent->text_length += length;
              parent->commas += commas;
              parent->own_length += length;
              parent->own_commas += commas;
            }
        }

      node = cp_html_next (node, page->body, node->type == XML_ELEMENT_NODE);
    }

  for (guint i = page->blocks->len; i-- > 1; )
    {
      Block *block = &g_array_index (page->blocks, Block, i);
      Block *parent;

      if (block->parent == NO_BLOCK)
        continue;
      parent = &g_array_index (page->blocks, Block, block->parent);
      if (block->flags & TAG_BREAK)
        parent->own_breaks++;
      parent->text_length += block->text_length;
      parent->commas += block->commas;
      parent->link_length += (block->flags & TAG_LINK) ? block->text_length : block->link_length;
      /* A cell's text is its own, scored as a paragraph already */
      if (!(block->flags & (TAG_BLOCK | TAG_CELL)))
        {
          parent->own_length += block->own_length;
          parent->own_commas += block->own_commas;
          parent->own_breaks += block->own_breaks;
        }
    }

  return TRUE;
}

static inline double
link_density (const Block *block)
{
  return block->text_length > 0 ? (double) MIN (block->link_length, block->text_length) / block->text_length : 0;
}

/* }}} */

/* Scoring {{{ */

static void
add_score (Page   *page,
           guint   index,
           double  score)
{
  Block *block = &g_array_index (page->blocks, Block, index);

  if (!block->scored)
    {
      block->scored = TRUE;
      block->score = lookup_tag (block->node)->score + block->weight;
    }
  block->score += score;
}

/* A paragraph of @length characters with @commas, in @runs runs of text
 * separated by blank lines, scores its container and four ancestors. */
static void
score_paragraph (Page   *page,
                 guint   owner,
                 guint   length,
                 guint   commas,
                 guint   runs)
{
  double score;

  if (length < MIN_PARAGRAPH_LENGTH || owner == NO_BLOCK)
    return;

  score = runs + commas + MIN (length / 100, 3 * runs);
  for (guint level = 0; level < 5 && owner != NO_BLOCK; level++)
    {
      add_score (page, owner, level == 0 ? score : level == 1 ? score / 2 : score / (level * 3));
      owner = g_array_index (page->blocks, Block, owner).parent;
    }
}

/* Step 3: the block that holds the article. */
static guint
find_top_block (Page *page)
{
  guint top = NO_BLOCK;
  double top_score = 0;

  for (guint i = 0; i < page->blocks->len; i++)
    {
      Block *block = &g_array_index (page->blocks, Block, i);

      if (block->flags & TAG_PARAGRAPH)
        score_paragraph (page, block->parent, block->text_length, block->commas, 1);
      else if ((block->flags & TAG_BLOCK) && !(block->flags & TAG_NO_SCORE))
        /* A div of text, maybe paragraphs made with <br><br> */
        score_paragraph (page, i, block->own_length, block->own_commas, 1 + block->own_breaks / 2);
    }

  for (guint i = 0; i < page->blocks->len; i++)
    {
      Block *block = &g_array_index (page->blocks, Block, i);
      double score;

      if (!block->scored)
        continue;
      score = block->score * (1 - link_density (block));
      if (top == NO_BLOCK || score > top_score)
        {
          top = i;
          top_score = score;
        }
      block->score = score;
    }

  return top;
}

static gboolean
ends_sentence (xmlNode *node)
{
  g_autofree char *text = cp_html_node_text (node, 4096);
  gsize length = strlen (text);

  return length > 0 && (strstr (text, ". ") != NULL || text[length - 1] == '.');
}

/* Whether a sibling of the top block belongs to the article too. */
static gboolean
is_article_sibling (Page    *page,
                    Block   *top,
                    Block   *sibling)
{
  double threshold = MAX (10, top->score * 0.2);
  double density;

  if (sibling->scored && sibling->score >= threshold)
    return TRUE;

  if (!(sibling->flags & TAG_PARAGRAPH) || (sibling->flags & TAG_PRE))
    return FALSE;

  density = link_density (sibling);
  if (sibling->text_length > 80)
    return density < 0.25;
  return density == 0 && sibling->text_length > 0 && ends_sentence (sibling->node);
}

/* }}} */

/* Writing {{{ */

typedef struct
{
  Page          *page;
  CpTextBuilder *builder;
  xmlNode       *headline;    /* never left out */
  xmlNode       *written;     /* written already, ahead of the article */
  xmlNode       *wait_for;    /* no text before this one (the headline) */
  xmlNode       *byline;      /* left out */
  gboolean       clean;       /* leave out boxes of links */
  gboolean       after_break; /* a <br> was the last thing written */
  guint          pre_depth;   /* inside this many <pre> */
} Writer;

/* Whether a block inside the article is left out when written: lists and
 * boxes of links, headings that are links, furniture by class. */
static gboolean
leave_out (Writer *writer,
           Block  *block)
{
  double density;

  if (!writer->clean || block->node == writer->headline)
    return FALSE;
  if (block->node == writer->byline)
    return TRUE;

  density = link_density (block);
  if (block->flags & TAG_HEADING)
    return density > 0.5 || block->weight < 0;
  if (block->flags & TAG_CONTAINER)
    return block->commas < 10 && (density > 0.5 || (block->weight < 0 && density > 0.2));
  if (block->flags & TAG_PARAGRAPH)
    return density > 0.5 && block->text_length < 140;
  return FALSE;
}

static void
write_text (Writer     *writer,
            const char *text)
{
  gboolean pre = writer->pre_depth > 0;
  const char *p;

  for (p = text; *p != '\0' && g_ascii_isspace (*p); p++)
    ;
  if (*p == '\0' && !pre)
    {
      cp_text_builder_append (writer->builder, text, -1);
      return;
    }
  writer->after_break = FALSE;

  if (!pre)
    {
      cp_text_builder_append (writer->builder, text, -1);
      return;
    }

  for (p = text; *p != '\0'; )
    {
      const char *end = strchr (p, '\n');

      if (end == NULL)
        end = p + strlen (p);
      cp_text_builder_append (writer->builder, p, end - p);
      if (*end == '\n')
        {
          cp_text_builder_line_break (writer->builder);
          end++;
        }
      p = end;
    }
}

static void
enter_element (Writer *writer,
               guint   flags)
{
  if (flags & TAG_PRE)
    writer->pre_depth++;
  if (flags & TAG_BREAK)
    {
      /* Two line breaks in a row are a paragraph's end */
      if (writer->after_break)
        cp_text_builder_end_paragraph (writer->builder);
      else
        cp_text_builder_line_break (writer->builder);
      writer->after_break = TRUE;
      return;
    }
  if (flags & TAG_BLOCK)
    {
      cp_text_builder_end_paragraph (writer->builder);
      writer->after_break = FALSE;
    }
  else if (flags & TAG_CELL)
    cp_text_builder_append (writer->builder, " ", 1);
}

static void
leave_element (Writer *writer,
               guint   flags)
{
  if ((flags & TAG_PRE) && writer->pre_depth > 0)
    writer->pre_depth--;
  if (flags & TAG_BLOCK)
    {
      cp_text_builder_end_paragraph (writer->builder);
      writer->after_break = FALSE;
    }
  else if (flags & TAG_CELL)
    cp_text_builder_append (writer->builder, " ", 1);
}

static guint
count_pre_ancestors (xmlNode *node)
{
  guint n = 0;

  for (xmlNode *a = node->parent; a != NULL && a->type == XML_ELEMENT_NODE; a = a->parent)
    n += (lookup_tag (a)->flags & TAG_PRE) != 0;
  return n;
}

/* Step 4: writes @top and what is under it. */
static void
write_block (Writer  *writer,
             xmlNode *top)
{
  xmlNode *node = top;

  writer->pre_depth = count_pre_ancestors (top);
  while (node != NULL)
    {
      gboolean descend = FALSE;

      if (node->type == XML_ELEMENT_NODE)
        {
          Block *block = block_of (writer->page, node);
          guint flags = block != NULL ? block->flags : lookup_tag (node)->flags;

          if (node == writer->wait_for)
            writer->wait_for = NULL;
          if (!(flags & TAG_DROP) && node != writer->written &&
              (block == NULL || node == top || !leave_out (writer, block)))
            {
              enter_element (writer, flags);
              if (node->children != NULL)
                descend = TRUE;
              else
                leave_element (writer, flags);
            }
        }
      else if (node->type == XML_TEXT_NODE && node->content != NULL && writer->wait_for == NULL)
        write_text (writer, (const char *) node->content);

      if (descend)
        {
          node = node->children;
          continue;
        }

      /* Up to the next sibling, leaving the elements on the way */
      while (node != top && node->next == NULL)
        {
          node = node->parent;
          if (node->type == XML_ELEMENT_NODE)
            {
              Block *block = block_of (writer->page, node);

              leave_element (writer, block != NULL ? block->flags : lookup_tag (node)->flags);
            }
        }
      node = node == top ? NULL : node->next;
    }
}

/* }}} */

/* The headline {{{ */

static gboolean
precedes (xmlNode *a,
          xmlNode *b)
{
  return GPOINTER_TO_SIZE (a->_private) < GPOINTER_TO_SIZE (b->_private);
}

static gboolean
is_inside (xmlNode *node,
           xmlNode *ancestor)
{
  for (xmlNode *n = node; n != NULL; n = n->parent)
    if (n == ancestor)
      return TRUE;
  return FALSE;
}

typedef struct
{
  char    *title;
  char    *title_rest;      /* what the <title> held besides the headline */
  xmlNode *headline;        /* the heading the title is, or NULL */
} Headline;

/*
 * The headline: the heading (h1–h3) that reads as the title the page
 * gives (og:title, JSON-LD), in the article or the last one before it;
 * without such a title, the heading that the <title> names with the
 * site's name around it, else the article's first h1, else the <title>
 * without the site's name.
 */
static void
find_headline (Page       *page,
               CpHtmlMeta *meta,
               const char *site,
               xmlNode    *article,
               Headline   *headline)
{
  const char *given = meta->og_title != NULL ? meta->og_title :
                      meta->ld_headline != NULL ? meta->ld_headline : meta->twitter_title;
  g_autofree char *given_clean = given != NULL ? cp_html_strip_site_name (given, site, NULL) : NULL;
  xmlNode *inside = NULL;
  xmlNode *before = NULL;
  xmlNode *first_h1 = NULL;
  g_autofree char *inside_rest = NULL;
  g_autofree char *before_rest = NULL;

  memset (headline, 0, sizeof *headline);

  for (guint i = 0; i < page->blocks->len; i++)
    {
      Block *block = &g_array_index (page->blocks, Block, i);
      const char *name = (const char *) block->node->name;
      g_autofree char *text = NULL;
      char *rest = NULL;
      gboolean matches;

      if (!(block->flags & TAG_HEADING) || name[1] > '3')
        continue;
      if (inside != NULL)
        break;

      text = cp_html_node_text (block->node, 4096);
      if (text[0] == '\0')
        continue;
      if (first_h1 == NULL && name[1] == '1' && is_inside (block->node, article))
        first_h1 = block->node;

      if (given_clean != NULL)
        matches = cp_html_same_text (text, given_clean);
      else
        matches = meta->html_title != NULL && cp_html_title_names (meta->html_title, text, &rest);

      if (matches && is_inside (block->node, article) && inside == NULL)
        {
          inside = block->node;
          inside_rest = rest;
        }
      else if (matches && precedes (block->node, article))
        {
          before = block->node;
          g_free (before_rest);
          before_rest = rest;
        }
      else
        g_free (rest);
    }

  headline->headline = inside != NULL ? inside : before;
  if (given_clean != NULL)
    headline->title = g_steal_pointer (&given_clean);
  else if (headline->headline != NULL)
    {
      headline->title = cp_html_node_text (headline->headline, 4096);
      if (inside != NULL)
        headline->title_rest = g_steal_pointer (&inside_rest);
      else
        headline->title_rest = g_steal_pointer (&before_rest);
    }
  else if (first_h1 != NULL)
    {
      headline->headline = first_h1;
      headline->title = cp_html_node_text (first_h1, 4096);
    }
  else if (meta->html_title != NULL)
    headline->title = cp_html_strip_site_name (meta->html_title, site, &headline->title_rest);
}

static gboolean
is_byline_text (const char *text)
{
  gsize length = strlen (text);
  const char *name;

  if (g_ascii_strncasecmp (text, "by ", 3) == 0)
    name = text + 3;
  else if (g_ascii_strncasecmp (text, "posted by ", 10) == 0)
    name = text + 10;
  else
    return FALSE;

  return g_unichar_isupper (g_utf8_get_char_validated (name, -1)) &&
         text[length - 1] != '.' && text[length - 1] != '!' && text[length - 1] != '?';
}

/* A byline that no class marks: the first text after the headline, short,
 * beginning with "By" ("by Joël Marchand, 3 September 2012"). */
static xmlNode *
find_text_byline (Page    *page,
                  xmlNode *headline)
{
  Block *first = headline != NULL ? block_of (page, headline) : NULL;

  if (first == NULL)
    return NULL;

  for (Block *b = first + 1; b < &g_array_index (page->blocks, Block, page->blocks->len); b++)
    {
      g_autofree char *text = NULL;

      if (b->own_length == 0 || is_inside (b->node, headline))
        continue;
      if (!(b->flags & TAG_BLOCK) || b->text_length > 100)
        return NULL;

      /* "By Mei Lin, 3 May", not "By the end, I was won over." */
      text = cp_html_node_text (b->node, 512);
      if (is_byline_text (text))
        return b->node;
      return NULL;
    }

  return NULL;
}

static void
headline_clear (Headline *headline)
{
  g_clear_pointer (&headline->title, g_free);
  g_clear_pointer (&headline->title_rest, g_free);
}

/* }}} */

/* JSON-LD's body {{{ */

static gboolean
looks_like_markup (const char *text)
{
  return strstr (text, "<p") != NULL || strstr (text, "<br") != NULL || strstr (text, "</") != NULL;
}

/* The JSON-LD articleBody as paragraphs. Plain text has one paragraph per
 * line (sites write one or two line ends between paragraphs); HTML goes
 * through the parser, blocks as paragraphs. */
static void
write_ld_body (CpTextBuilder *builder,
               const char    *body)
{
  if (looks_like_markup (body))
    {
      htmlDocPtr fragment = cp_html_parse (body, strlen (body), NULL);
      Page page = { 0, };
      Writer writer = { &page, builder, NULL, NULL, NULL, NULL, FALSE, FALSE, 0 };
      xmlNode *root = fragment != NULL ? xmlDocGetRootElement (fragment) : NULL;

      if (root != NULL)
        {
          page.blocks = g_array_new (FALSE, FALSE, sizeof (Block));
          write_block (&writer, root);
          g_array_unref (page.blocks);
        }
      if (fragment != NULL)
        xmlFreeDoc (fragment);
      return;
    }
  else
    {
      g_autofree char *decoded = cp_html_decode_entities (body);

      for (const char *p = decoded; *p != '\0'; )
        {
          const char *end = strchr (p, '\n');

          if (end == NULL)
            end = p + strlen (p);
          cp_text_builder_append (builder, p, end - p);
          cp_text_builder_end_paragraph (builder);
          p = *end != '\0' ? end + 1 : end;
        }
    }
}

/* }}} */

static xmlNode *
find_body (htmlDocPtr doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root == NULL)
    return NULL;
  for (xmlNode *n = root->children; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE && strcmp ((const char *) n->name, "body") == 0)
      return n;
  return root;
}

/* The article's block: itemprop=articleBody, else the best scored block
 * or the <article> it is in, else the body. *@whole says whether the page
 * marks the block as the whole article, or its siblings may belong too. */
static Block *
find_article (Page     *page,
              Cleaning *cleaning,
              gboolean *whole)
{
  Block *top;
  guint index;

  *whole = TRUE;
  if (cleaning->article_body != NULL && cleaning->article_body_length >= 2 * MIN_PARAGRAPH_LENGTH &&
      block_of (page, cleaning->article_body) != NULL)
    return block_of (page, cleaning->article_body);

  index = find_top_block (page);
  if (index == NO_BLOCK)
    return &g_array_index (page->blocks, Block, 0);

  top = &g_array_index (page->blocks, Block, index);
  for (Block *b = top; ; b = &g_array_index (page->blocks, Block, b->parent))
    {
      if (b->flags & TAG_ARTICLE)
        return b;
      if (b->parent == NO_BLOCK)
        break;
    }

  *whole = top->node == page->body;
  return top;
}

static char *
write_article (Page     *page,
               Block    *article,
               gboolean  whole,
               xmlNode  *headline,
               xmlNode  *byline,
               gsize    *headline_length)
{
  CpTextBuilder *builder = cp_text_builder_new ();
  Writer writer = { page, builder, headline, NULL, NULL, byline, TRUE, FALSE, 0 };

  /* The headline heads the text: what comes before it in the article is
   * its furniture (a kicker, a breadcrumb), and one above the article is
   * written first */
  if (headline != NULL && is_inside (headline, article->node))
    writer.wait_for = headline;
  else if (headline != NULL)
    {
      write_block (&writer, headline);
      cp_text_builder_end_paragraph (builder);
      writer.written = headline;
    }
  *headline_length = cp_text_builder_get_length (builder);

  if (whole || article->parent == NO_BLOCK)
    write_block (&writer, article->node);
  else
    for (xmlNode *n = article->node->parent->children; n != NULL; n = n->next)
      {
        Block *sibling = n->type == XML_ELEMENT_NODE ? block_of (page, n) : NULL;

        if (sibling == NULL || n == headline)
          continue;
        if (sibling == article || is_article_sibling (page, article, sibling))
          {
            write_block (&writer, n);
            cp_text_builder_end_paragraph (builder);
          }
      }

  return cp_text_builder_end (builder, NULL);
}

/* Whether the JSON-LD body, @ld_length bytes, is to be read rather than
 * the page's own @dom_length: when it is at least as complete, unless only
 * the page has it in paragraphs; and whenever the page shows much less of
 * it (a teaser, a paywall). */
static gboolean
prefer_ld_body (const char *ld_text,
                gsize       ld_length,
                const char *dom_text,
                gsize       dom_length)
{
  if (ld_length == 0)
    return FALSE;
  if (ld_length * 4 > dom_length * 5)
    return TRUE;
  return ld_length >= dom_length &&
         (strstr (ld_text, "\n\n") != NULL || strstr (dom_text, "\n\n") == NULL);
}

static char *
first_of (const char *a,
          const char *b,
          const char *c)
{
  return g_strdup (a != NULL ? a : b != NULL ? b : c);
}

/**
 * cp_html_read_page:
 * @doc: a parsed page; it is changed (furniture is removed)
 * @show_hidden: whether to keep what the page hides (hidden, aria-hidden,
 *   display:none, hiding classes)
 * @page: (out caller-allocates): the article's text and metadata
 * @cancellable: (nullable): a cancellable
 * @error: a place for a cancellation
 *
 * Returns: %FALSE when cancelled; else %TRUE, with @page->text %NULL or
 *   empty when the page holds no article text
 */
gboolean
cp_html_read_page (htmlDocPtr     doc,
                   gboolean       show_hidden,
                   CpHtmlPage    *page,
                   GCancellable  *cancellable,
                   GError       **error)
{
  CpHtmlMeta meta = { 0, };
  Cleaning cleaning = { &meta, show_hidden, NULL, 0 };
  Page tree = { 0, };
  Headline headline = { 0, };
  Block *article;
  xmlNode *root = xmlDocGetRootElement (doc);
  g_autofree char *site = NULL;
  g_autofree char *dom_text = NULL;
  gsize headline_length = 0;
  gboolean whole = TRUE;
  xmlNode *byline;
  gboolean ok = FALSE;

  memset (page, 0, sizeof *page);
  index_patterns ();
  index_tags ();

  if (root == NULL)
    return TRUE;
  if (!clean_tree (root, &cleaning, cancellable, error))
    goto out;

  tree.body = find_body (doc);
  tree.blocks = g_array_sized_new (FALSE, FALSE, sizeof (Block), 256);
  if (!measure_page (&tree, cancellable, error))
    goto out;

  site = first_of (meta.og_site, meta.ld_site, meta.meta_site);
  article = find_article (&tree, &cleaning, &whole);
  find_headline (&tree, &meta, site, article->node, &headline);
  byline = find_text_byline (&tree, headline.headline);
  if (byline != NULL)
    cp_html_meta_read_byline (&meta, byline);
  dom_text = write_article (&tree, article, whole, headline.headline, byline, &headline_length);

  /* A short page (a fragment from the clipboard, a capsule review) that
   * marks no article: its best block may be one of a few short ones, and
   * the whole page says more */
  if (!whole && strlen (dom_text) - headline_length < MIN_ARTICLE_LENGTH)
    {
      Block *body = block_of (&tree, tree.body);
      gsize body_headline_length;
      g_autofree char *body_text = write_article (&tree, body, TRUE, headline.headline, byline, &body_headline_length);

      if (strlen (body_text) > strlen (dom_text))
        {
          g_free (dom_text);
          dom_text = g_steal_pointer (&body_text);
          headline_length = body_headline_length;
        }
    }

  if (meta.ld_body != NULL)
    {
      CpTextBuilder *builder = cp_text_builder_new ();
      g_autofree char *ld_text = NULL;
      gsize ld_length;
      gsize dom_length = strlen (dom_text);
      gsize skip = 0;

      write_ld_body (builder, meta.ld_body);
      ld_text = cp_text_builder_end (builder, &ld_length);
      /* The body may begin with the headline, as the page does */
      if (headline.title != NULL && g_str_has_prefix (ld_text, headline.title) &&
          (ld_text[strlen (headline.title)] == '\0' || ld_text[strlen (headline.title)] == '\n'))
        skip = strlen (headline.title);

      if (prefer_ld_body (ld_text + skip, ld_length - skip, dom_text + headline_length, dom_length - headline_length))
        {
          g_free (dom_text);
          dom_text = headline.title != NULL && skip == 0 ?
                     g_strconcat (headline.title, ld_length > 0 ? "\n\n" : "", ld_text, NULL) :
                     g_steal_pointer (&ld_text);
        }
    }

  page->text = g_steal_pointer (&dom_text);
  page->length = strlen (page->text);
  page->title = g_steal_pointer (&headline.title);
  page->author = first_of (meta.ld_author, meta.meta_author, meta.byline);
  page->site = site != NULL ? g_steal_pointer (&site) : g_steal_pointer (&headline.title_rest);
  page->date = first_of (meta.ld_date, meta.meta_date, meta.time_date);
  ok = TRUE;

out:
  headline_clear (&headline);
  g_clear_pointer (&tree.blocks, g_array_unref);
  cp_html_meta_clear (&meta);

  return ok;
}

void
cp_html_page_clear (CpHtmlPage *page)
{
  g_clear_pointer (&page->text, g_free);
  g_clear_pointer (&page->title, g_free);
  g_clear_pointer (&page->author, g_free);
  g_clear_pointer (&page->site, g_free);
  g_clear_pointer (&page->date, g_free);
}
