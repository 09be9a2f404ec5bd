/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cp-discover: the themes that several documents share, found without a
 * topic file. How tokens, phrases, counting, filters, subsumption and the
 * ranking formula work: docs/discover.md.
 */

#include "config.h"

#include <math.h>

#include <string.h>

#include "cp-discover.h"
#include "cp-matcher.h"
#include "cp-parallel.h"
#include "cp-sheet-content.h"
#include "cp-unichar.h"

#define MAX_N                 4
#define N_PARTS               2
#define DEFAULT_LIMIT         50
#define DEFAULT_MIN_DOCUMENTS 2
#define CONTEXT_HALF_UNITS    16 /* a word counts 2, a CJK character 1 */
#define PARALLEL_MIN_TOKENS   (64 * 1024)
#define UNIT_BYTES            (1024 * 1024)
#define CANCEL_CHECK_MASK     0xFFFF
#define NO_ENTRY              G_MAXUINT32
#define STOPWORDS_PATH        "/io/github/counterpoint/Counterpoint/stopwords/"
#define COMMON_WORDS          "en-common"
#define FREQUENT_WORDS_10     "en-frequent-10"
#define FREQUENT_WORDS_20     "en-frequent-20"
#define MAX_HEADING_WORDS     20

/* Subsumption: S goes when a longer phrase that can carry it has
 * SUBSUME_NUM / SUBSUME_DEN of its occurrences or more. */
#define SUBSUME_NUM 3
#define SUBSUME_DEN 5

/* Folding: a phrase nested in a longer one used by as many documents is
 * its variant when the longer one has FOLD_NUM / FOLD_DEN of its
 * occurrences or more ("Klayman", 16 times, is Alison Klayman, 6). */
#define FOLD_NUM 1
#define FOLD_DEN 4

/* Ranking: the share of prose that a common word is expected to take at
 * least (1 in 200 words), and the weight of a single word's name share
 * (a phrase of several words has 1). */
#define COMMON_RATE      0.005
/* ...and that a word of general English's most frequent (SCOWL's size
 * class 10) and next most frequent words (class 20) is expected to take
 * at least: chosen by precision at 15 and 30 on our two sets of reviews
 * (docs/discover.md). */
#define FREQ_10_RATE     0.001
#define FREQ_20_RATE     0.0002
#define WORD_NAME_WEIGHT 0.5
/* Evidence is summed in fixed point: 1 is EVIDENCE_ONE. */
#define EVIDENCE_ONE     ((double)(G_GUINT64_CONSTANT (1) << 32))

/* ------------------------------------------------------------------------
 * CpTheme
 * ------------------------------------------------------------------------ */

struct _CpTheme
{
  GObject  parent_instance;

  char    *phrase;
  GStrv    variants;
  guint    n_documents;
  guint   *counts;
  char   **contexts; /* n_documents entries, NULL where unused */
  guint    total;
  guint    spread;
  double   score;
};

G_DEFINE_FINAL_TYPE (CpTheme, cp_theme, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PHRASE,
  PROP_VARIANTS,
  PROP_N_DOCUMENTS,
  PROP_TOTAL,
  PROP_SPREAD,
  PROP_SCORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cp_theme_finalize (GObject *object)
{
  CpTheme *self = (CpTheme *)object;

  g_clear_pointer (&self->phrase, g_free);
  g_clear_pointer (&self->variants, g_strfreev);
  g_clear_pointer (&self->counts, g_free);
  if (self->contexts != NULL)
    {
      for (guint i = 0; i < self->n_documents; i++)
        g_free (self->contexts[i]);
      g_clear_pointer (&self->contexts, g_free);
    }

  G_OBJECT_CLASS (cp_theme_parent_class)->finalize (object);
}

static void
cp_theme_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CpTheme *self = CP_THEME (object);

  switch (prop_id)
    {
    case PROP_PHRASE:
      g_value_set_string (value, self->phrase);
      break;

    case PROP_VARIANTS:
      g_value_set_boxed (value, self->variants);
      break;

    case PROP_N_DOCUMENTS:
      g_value_set_uint (value, self->n_documents);
      break;

    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;

    case PROP_SPREAD:
      g_value_set_uint (value, self->spread);
      break;

    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_theme_class_init (CpThemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_theme_finalize;
  object_class->get_property = cp_theme_get_property;

  properties[PROP_PHRASE] =
    g_param_spec_string ("phrase", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VARIANTS] =
    g_param_spec_boxed ("variants", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_DOCUMENTS] =
    g_param_spec_uint ("n-documents", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPREAD] =
    g_param_spec_uint ("spread", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCORE] =
    g_param_spec_double ("score", NULL, NULL,
                         0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_theme_init (CpTheme *self)
{
}

/**
 * cp_theme_get_phrase:
 * @self: a #CpTheme
 *
 * Returns: the phrase to show: the most frequent of the variants, a
 *   capitalized one when several are as frequent, then the first in byte
 *   order
 */
const char *
cp_theme_get_phrase (CpTheme *self)
{
  g_return_val_if_fail (CP_IS_THEME (self), NULL);

  return self->phrase;
}

/**
 * cp_theme_get_variants:
 * @self: a #CpTheme
 *
 * Returns: (transfer none): every spelling of the theme seen in the
 *   documents (white space collapsed), most frequent first, then in byte
 *   order; the phrase is one of them
 */
const char * const *
cp_theme_get_variants (CpTheme *self)
{
  g_return_val_if_fail (CP_IS_THEME (self), NULL);

  return (const char * const *)self->variants;
}

/**
 * cp_theme_get_n_documents:
 * @self: a #CpTheme
 *
 * Returns: the number of documents discovery was run on
 */
guint
cp_theme_get_n_documents (CpTheme *self)
{
  g_return_val_if_fail (CP_IS_THEME (self), 0);

  return self->n_documents;
}

/**
 * cp_theme_get_count:
 * @self: a #CpTheme
 * @document: the position of a document in the array given to
 *   cp_discover_themes()
 *
 * Returns: how often that document uses the theme
 */
guint
cp_theme_get_count (CpTheme *self,
                    guint    document)
{
  g_return_val_if_fail (CP_IS_THEME (self), 0);
  g_return_val_if_fail (document < self->n_documents, 0);

  return self->counts[document];
}

/**
 * cp_theme_get_total:
 * @self: a #CpTheme
 *
 * Returns: the occurrences in all documents
 */
guint
cp_theme_get_total (CpTheme *self)
{
  g_return_val_if_fail (CP_IS_THEME (self), 0);

  return self->total;
}

/**
 * cp_theme_get_spread:
 * @self: a #CpTheme
 *
 * Returns: the number of documents that use the theme
 */
guint
cp_theme_get_spread (CpTheme *self)
{
  g_return_val_if_fail (CP_IS_THEME (self), 0);

  return self->spread;
}

/**
 * cp_theme_get_context:
 * @self: a #CpTheme
 * @document: the position of a document in the array given to
 *   cp_discover_themes()
 *
 * Returns: (nullable): about eight words either side of the theme's first
 *   occurrence in that document, white space collapsed, with "…" where the
 *   paragraph goes on; %NULL when the document does not use the theme
 */
const char *
cp_theme_get_context (CpTheme *self,
                      guint    document)
{
  g_return_val_if_fail (CP_IS_THEME (self), NULL);
  g_return_val_if_fail (document < self->n_documents, NULL);

  return self->contexts[document];
}

/**
 * cp_theme_get_score:
 * @self: a #CpTheme
 *
 * Returns: the ranking score (see cp_discover_themes()); higher is better
 */
double
cp_theme_get_score (CpTheme *self)
{
  g_return_val_if_fail (CP_IS_THEME (self), 0);

  return self->score;
}

/* k · ln (k · N / (row · col)), 0 for an empty cell. */
static inline double
llr_cell (double k,
          double n,
          double row,
          double col)
{
  if (k <= 0 || row <= 0 || col <= 0)
    return 0;
  return k * log (k * n / (row * col));
}

/* Dunning's G² for a phrase AB occurring k11 times, A a times, B b times,
 * among n positions; 0 unless A and B attract each other. */
static double
llr_collocation (double k11,
                 double a,
                 double b,
                 double n)
{
  double k12 = MAX (a - k11, 0);
  double k21 = MAX (b - k11, 0);
  double k22 = MAX (n - a - b + k11, 0);
  double r1 = k11 + k12, r2 = k21 + k22;
  double c1 = k11 + k21, c2 = k12 + k22;
  double total = r1 + r2;

  if (k11 * total <= r1 * c1)
    return 0;

  return 2 * (llr_cell (k11, total, r1, c1) + llr_cell (k12, total, r1, c2) +
              llr_cell (k21, total, r2, c1) + llr_cell (k22, total, r2, c2));
}

/* G² of a count c among n tokens against an expected count e. */
static double
llr_expected (double c,
              double e,
              double n)
{
  double g;

  if (c <= e || e <= 0 || n <= e)
    return 0;

  g = c * log (c / e);
  if (n > c)
    g += (n - c) * log ((n - c) / (n - e));

  return MAX (2 * g, 0);
}

/* ------------------------------------------------------------------------
 * Characters and keys
 * ------------------------------------------------------------------------ */

typedef enum
{
  CHAR_WORD,
  CHAR_CJK,
  CHAR_SPACE,
  CHAR_DASH,
  CHAR_APOS,
  CHAR_STOP,  /* ends a sentence (or a clause: : ;) */
  CHAR_OPEN,  /* an opening quote or bracket */
  CHAR_OTHER,
} CharClass;

static inline gboolean
is_hiragana (gunichar c)
{
  return c >= 0x3041 && c <= 0x309F;
}

static inline gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200B;
}

static CharClass
classify_ascii (guchar b)
{
  if (g_ascii_isalnum (b))
    return CHAR_WORD;

  switch (b)
    {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '\f':
    case '\v':
      return CHAR_SPACE;
    case '-':
      return CHAR_DASH;
    case '\'':
      return CHAR_APOS;
    case '.':
    case '!':
    case '?':
    case ':':
    case ';':
      return CHAR_STOP;
    case '"':
    case '(':
    case '[':
    case '{':
      return CHAR_OPEN;
    default:
      return CHAR_OTHER;
    }
}

static CharClass
classify_unichar (gunichar c)
{
  switch (c)
    {
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x02BC: /* ʼ */
      return CHAR_APOS;
    case 0x2010: /* hyphen */
    case 0x2011: /* non-breaking hyphen */
    case 0x2013: /* en dash */
      return CHAR_DASH;
    case 0x2026: /* … */
    case 0x3002: /* 。 */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0xFF1A: /* ： */
    case 0xFF1B: /* ； */
    case 0xFF0E: /* ． */
      return CHAR_STOP;
    case 0x201C: /* “ */
    case 0x201E: /* „ */
    case 0x00AB: /* « */
    case 0x300C: /* 「 */
    case 0x300E: /* 『 */
    case 0x3010: /* 【 */
    case 0xFF08: /* （ */
      return CHAR_OPEN;
    case 0x200B: /* zero width space */
      return CHAR_SPACE;
    default:
      break;
    }

  if (g_unichar_isspace (c))
    return CHAR_SPACE;
  if (cp_unichar_needs_no_boundary (c))
    return CHAR_CJK;
  if (g_unichar_isalnum (c) || g_unichar_ismark (c))
    return CHAR_WORD;
  return CHAR_OTHER;
}

/* Reads the character at @p (text is valid UTF-8). */
static inline CharClass
read_char (const guchar  *p,
           const guchar **next,
           gunichar      *out)
{
  if (*p < 0x80)
    {
      *next = p + 1;
      *out = *p;
      return classify_ascii (*p);
    }

  *out = g_utf8_get_char ((const char *)p);
  *next = (const guchar *)g_utf8_next_char (p);
  return classify_unichar (*out);
}

/* The apostrophe that starts at @p, or 0: its length in bytes. */
static inline guint
apostrophe_length (const guchar *p,
                   const guchar *end)
{
  if (*p == '\'')
    return 1;
  if (end - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99))
    return 3;
  if (end - p >= 2 && p[0] == 0xCA && p[1] == 0xBC)
    return 2;
  return 0;
}

/* The normalized key of a word: see the comment at the top. */
static void
normalize_word (const char *word,
                gsize       length,
                GString    *out)
{
  gboolean ascii = TRUE;
  gboolean digits = TRUE;
  gsize len;
  char *s;

  g_string_truncate (out, 0);

  for (gsize i = 0; i < length; i++)
    {
      if ((guchar)word[i] >= 0x80)
        {
          ascii = FALSE;
          break;
        }
    }

  if (ascii)
    {
      for (gsize i = 0; i < length; i++)
        g_string_append_c (out, g_ascii_tolower (word[i]));
    }
  else
    {
      g_autoptr(GString) straight = g_string_sized_new (length);
      g_autofree char *folded = NULL;
      const guchar *p = (const guchar *)word;
      const guchar *end = p + length;

      while (p < end)
        {
          guint apos = apostrophe_length (p, end);

          if (apos > 0)
            {
              g_string_append_c (straight, '\'');
              p += apos;
            }
          else
            {
              g_string_append_c (straight, (char)*p);
              p++;
            }
        }
      folded = g_utf8_casefold (straight->str, straight->len);
      g_string_append (out, folded);
    }

  s = out->str;
  len = out->len;

  /* Possessive 's, or a lone trailing apostrophe (Birds', l') */
  if (len > 2 && s[len - 2] == '\'' && s[len - 1] == 's')
    len -= 2;
  else if (len > 1 && s[len - 1] == '\'')
    len -= 1;

  for (gsize i = 0; i < len && digits; i++)
    digits = g_ascii_isdigit (s[i]);

  if (!digits)
    {
      /* Plural s */
      if (len >= 4 && s[len - 1] == 's' &&
          s[len - 2] != 's' && s[len - 2] != 'u' && s[len - 2] != 'i' && s[len - 2] != '\'')
        len -= 1;

      /* The same stem for singular and plural spellings */
      if (len >= 4 && s[len - 1] == 'e')
        {
          char c = s[len - 2];

          if (c == 's' || c == 'x' || c == 'z' || c == 'o' ||
              (c == 'h' && (s[len - 3] == 'c' || s[len - 3] == 's')))
            len -= 1;
          else if (c == 'i')
            {
              len -= 2;
              s[len++] = 'y';
            }
        }
    }

  g_string_truncate (out, len);
}

static gboolean
is_elision (const char *word,
            gsize       length)
{
  static const char * const elisions[] = {
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
  };
  char lower[8];

  if (length == 0 || length >= sizeof lower)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalpha (word[i]))
        return FALSE;
      lower[i] = g_ascii_tolower (word[i]);
    }
  lower[length] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (elisions); i++)
    {
      if (strcmp (lower, elisions[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/* ------------------------------------------------------------------------
 * Stop words
 * ------------------------------------------------------------------------ */

typedef struct
{
  GHashTable *keys;   /* normalized keys of the words of every list */
  GHashTable *cjk;    /* CJK entries as written */
  guint       cjk_max_chars;
  GHashTable *common; /* normalized keys of the common words */
  GHashTable *freq_10; /* normalized keys of general English's most frequent words */
  GHashTable *freq_20; /* and of the next most frequent */
} StopWords;

static gboolean
is_all_cjk (const char *word)
{
  if (*word == '\0')
    return FALSE;

  for (const char *p = word; *p; p = g_utf8_next_char (p))
    {
      if (!cp_unichar_needs_no_boundary (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* Adds the words of the bundled list @name to @keys (normalized) or, when
 * @cjk is not %NULL and a word is all CJK, to @cjk (as written). */
static void
load_word_list (const char *name,
                GHashTable *keys,
                GHashTable *cjk,
                guint      *cjk_max_chars)
{
  g_autofree char *path = g_strconcat (STOPWORDS_PATH, name, ".txt", NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *data = NULL;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_critical ("Cannot load the bundled word list %s: %s", path, error->message);
      return;
    }

  data = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (data, "\n", -1);
  for (guint j = 0; lines[j] != NULL; j++)
    {
      char *word = g_strstrip (lines[j]);

      if (*word == '\0' || *word == '#' || !g_utf8_validate (word, -1, NULL))
        continue;

      if (cjk != NULL && is_all_cjk (word))
        {
          *cjk_max_chars = MAX (*cjk_max_chars, g_utf8_strlen (word, -1));
          g_hash_table_add (cjk, g_strdup (word));
        }
      else
        {
          normalize_word (word, strlen (word), key);
          if (key->len > 0)
            g_hash_table_add (keys, g_strdup (key->str));
        }
    }
}

static const StopWords *
get_stop_words (void)
{
  static const char * const languages[] = { "en", "de", "fr", "es", "zh" };
  static StopWords *stop_words = NULL;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      StopWords *sw = g_new0 (StopWords, 1);

      sw->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      sw->cjk = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      sw->common = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
        load_word_list (languages[i], sw->keys, sw->cjk, &sw->cjk_max_chars);
      load_word_list (COMMON_WORDS, sw->common, NULL, NULL);
      sw->freq_10 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      sw->freq_20 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      load_word_list (FREQUENT_WORDS_10, sw->freq_10, NULL, NULL);
      load_word_list (FREQUENT_WORDS_20, sw->freq_20, NULL, NULL);

      stop_words = sw;
      g_once_init_leave (&initialized, 1);
    }

  return stop_words;
}

/* ------------------------------------------------------------------------
 * Tokens
 * ------------------------------------------------------------------------ */

typedef enum
{
  TOKEN_JOINS   = 1 << 0, /* forms a phrase with the token before */
  TOKEN_CAPITAL = 1 << 1, /* starts with a capital letter */
  TOKEN_INITIAL = 1 << 2, /* starts a sentence: its capital says nothing */
} TokenFlags;

typedef struct
{
  guint32 start; /* byte offsets in the document's text */
  guint32 end;
  guint32 key;
  guint32 flags;
} Token;

typedef enum
{
  KEY_STOP     = 1 << 0,
  KEY_NUMBER   = 1 << 1,
  KEY_CJK      = 1 << 2,
  KEY_HIRAGANA = 1 << 3,
  KEY_COMMON   = 1 << 4,
  KEY_TITLE    = 1 << 5, /* a word of the subject, the work's title */
  KEY_FREQ_10  = 1 << 6, /* in the most frequent class of general English */
  KEY_FREQ_20  = 1 << 7, /* in the next one */
} KeyFlags;

/* What stands between two tokens. */
typedef struct
{
  guint    n_spaces;
  guint    n_newlines;
  guint    n_dashes;
  gboolean other;
  gboolean initial;
} Gap;

/* A paragraph-aligned piece of one document, tokenized by one thread with
 * its own dictionary. */
typedef struct
{
  const guchar *text;
  guint         document;
  guint32       start;
  guint32       end;

  GArray       *tokens;   /* Token, keys local to the unit */
  GPtrArray    *words;    /* local key → string (owned) */
  GHashTable   *word_ids; /* string → local key + 1 */
  GString      *scratch;

  gboolean      have_prev;
  gboolean      prev_cjk;
  Gap           gap;
} Unit;

static void
unit_free (gpointer data)
{
  Unit *unit = data;

  g_clear_pointer (&unit->tokens, g_array_unref);
  g_clear_pointer (&unit->word_ids, g_hash_table_unref);
  g_clear_pointer (&unit->words, g_ptr_array_unref);
  if (unit->scratch != NULL)
    g_string_free (unit->scratch, TRUE);
  g_free (unit);
}

static guint32
unit_intern (Unit       *unit,
             const char *key)
{
  gpointer id = g_hash_table_lookup (unit->word_ids, key);
  char *copy;

  if (id != NULL)
    return GPOINTER_TO_UINT (id) - 1;

  copy = g_strdup (key);
  g_ptr_array_add (unit->words, copy);
  g_hash_table_insert (unit->word_ids, copy, GUINT_TO_POINTER (unit->words->len));

  return unit->words->len - 1;
}

static void
unit_emit (Unit         *unit,
           const guchar *start,
           const guchar *end,
           gboolean      cjk)
{
  Gap *gap = &unit->gap;
  Token token;
  gunichar first;

  token.start = (guint32)(start - unit->text);
  token.end = (guint32)(end - unit->text);
  token.flags = 0;

  if (unit->have_prev && unit->prev_cjk == cjk)
    {
      gboolean empty = gap->n_spaces == 0 && gap->n_dashes == 0 && !gap->other;

      if (cjk)
        {
          if (empty)
            token.flags |= TOKEN_JOINS;
        }
      else if (!gap->other && gap->n_newlines < 2 &&
               (gap->n_dashes == 0 || (gap->n_dashes == 1 && gap->n_spaces == 0)))
        token.flags |= TOKEN_JOINS;
    }

  if (!unit->have_prev || gap->initial || gap->n_newlines >= 2)
    token.flags |= TOKEN_INITIAL;

  if (cjk)
    {
      g_string_truncate (unit->scratch, 0);
      g_string_append_len (unit->scratch, (const char *)start, end - start);
    }
  else
    {
      first = *start < 0x80 ? *start : g_utf8_get_char ((const char *)start);
      if (g_unichar_isupper (first) || g_unichar_istitle (first))
        token.flags |= TOKEN_CAPITAL;
      normalize_word ((const char *)start, end - start, unit->scratch);
    }

  token.key = unit_intern (unit, unit->scratch->str);
  g_array_append_val (unit->tokens, token);

  unit->have_prev = TRUE;
  unit->prev_cjk = cjk;
  memset (gap, 0, sizeof *gap);
}

/* Emits the word [start, end), splitting off an elided article. */
static void
unit_emit_word (Unit         *unit,
                const guchar *start,
                const guchar *end)
{
  for (const guchar *p = start; p < end; p++)
    {
      guint apos = apostrophe_length (p, end);

      if (apos == 0)
        continue;

      if (p + apos < end && is_elision ((const char *)start, p - start))
        {
          unit_emit (unit, start, p + apos, FALSE);
          start = p + apos;
        }
      break;
    }

  unit_emit (unit, start, end, FALSE);
}

/* Scans the word that starts at @p and emits it; returns its end. */
static const guchar *
unit_scan_word (Unit         *unit,
                const guchar *p,
                const guchar *end)
{
  const guchar *start = p;
  const guchar *q;
  gunichar c;

  read_char (p, &q, &c);

  while (q < end)
    {
      const guchar *next;
      CharClass cls = read_char (q, &next, &c);

      if (cls == CHAR_WORD)
        {
          q = next;
          continue;
        }

      if (cls == CHAR_APOS)
        {
          const guchar *after;
          gunichar c2;

          if (next < end && read_char (next, &after, &c2) == CHAR_WORD)
            {
              q = next;
              continue;
            }
          /* A trailing apostrophe after an s: Birds' */
          if (q[-1] == 's' || q[-1] == 'S')
            q = next;
        }
      break;
    }

  unit_emit_word (unit, start, q);

  return q;
}

static void
unit_tokenize (Unit *unit)
{
  const guchar *p = unit->text + unit->start;
  const guchar *end = unit->text + unit->end;

  while (p < end)
    {
      const guchar *next;
      gunichar c;
      CharClass cls = read_char (p, &next, &c);

      switch (cls)
        {
        case CHAR_WORD:
          next = unit_scan_word (unit, p, end);
          break;

        case CHAR_CJK:
          unit_emit (unit, p, next, TRUE);
          break;

        case CHAR_SPACE:
          unit->gap.n_spaces++;
          if (c == '\n')
            unit->gap.n_newlines++;
          break;

        case CHAR_DASH:
          unit->gap.n_dashes++;
          break;

        case CHAR_STOP:
        case CHAR_OPEN:
        case CHAR_APOS:
          unit->gap.other = TRUE;
          unit->gap.initial = TRUE;
          break;

        case CHAR_OTHER:
        default:
          unit->gap.other = TRUE;
          break;
        }

      p = next;
    }
}

/* ------------------------------------------------------------------------
 * Phrase tables
 * ------------------------------------------------------------------------ */

typedef struct
{
  guint32 ids[MAX_N];
  guint32 hash;
  guint32 count;
  guint32 df;
  guint32 mark;      /* while counting: last document + 1; then: pick + 1 */
  guint32 n_plain;   /* occurrences not at the start of a sentence */
  guint32 n_capital; /* those of them that are capitalized */
  guint32 carried;   /* count of the most frequent candidate containing it */
  guint8  n;
} Gram;

typedef struct
{
  GArray  *grams; /* Gram */
  guint32 *slots; /* index into grams or NO_ENTRY */
  guint32  mask;
} GramTable;

static inline guint32
hash_ids (const guint32 *ids,
          guint          n)
{
  guint64 h = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^ n;

  for (guint i = 0; i < n; i++)
    {
      h ^= ids[i];
      h *= G_GUINT64_CONSTANT (0xFF51AFD7ED558CCD);
      h ^= h >> 32;
    }

  return (guint32)h;
}

static inline guint
part_of_hash (guint32 hash)
{
  return hash >> 31;
}

static void
gram_table_init (GramTable *table)
{
  table->grams = g_array_new (FALSE, TRUE, sizeof (Gram));
  table->mask = 1023;
  table->slots = g_new (guint32, table->mask + 1);
  memset (table->slots, 0xFF, sizeof (guint32) * (table->mask + 1));
}

static void
gram_table_clear (GramTable *table)
{
  g_clear_pointer (&table->grams, g_array_unref);
  g_clear_pointer (&table->slots, g_free);
}

static void
gram_table_grow (GramTable *table)
{
  guint32 mask = table->mask * 2 + 1;
  guint32 *slots = g_new (guint32, (gsize)mask + 1);

  memset (slots, 0xFF, sizeof (guint32) * ((gsize)mask + 1));
  for (guint32 i = 0; i < table->grams->len; i++)
    {
      guint32 slot = g_array_index (table->grams, Gram, i).hash & mask;

      while (slots[slot] != NO_ENTRY)
        slot = (slot + 1) & mask;
      slots[slot] = i;
    }

  g_free (table->slots);
  table->slots = slots;
  table->mask = mask;
}

static inline guint32
gram_table_find (const GramTable *table,
                 const guint32   *ids,
                 guint            n,
                 guint32          hash)
{
  guint32 slot = hash & table->mask;

  for (;;)
    {
      guint32 index = table->slots[slot];
      const Gram *gram;

      if (index == NO_ENTRY)
        return NO_ENTRY;
      gram = &g_array_index (table->grams, Gram, index);
      if (gram->hash == hash && memcmp (gram->ids, ids, n * sizeof (guint32)) == 0)
        return index;
      slot = (slot + 1) & table->mask;
    }
}

static inline guint32
gram_table_insert (GramTable     *table,
                   const guint32 *ids,
                   guint          n,
                   guint32        hash)
{
  guint32 slot;

  if (((gsize)table->grams->len + 1) * 2 > (gsize)table->mask + 1)
    gram_table_grow (table);

  slot = hash & table->mask;
  for (;;)
    {
      guint32 index = table->slots[slot];
      const Gram *gram;

      if (index == NO_ENTRY)
        {
          Gram fresh = { { 0 } };

          memcpy (fresh.ids, ids, n * sizeof (guint32));
          fresh.n = n;
          fresh.hash = hash;
          g_array_append_val (table->grams, fresh);
          table->slots[slot] = table->grams->len - 1;
          return table->grams->len - 1;
        }

      gram = &g_array_index (table->grams, Gram, index);
      if (gram->hash == hash && memcmp (gram->ids, ids, n * sizeof (guint32)) == 0)
        return index;
      slot = (slot + 1) & table->mask;
    }
}

/* ------------------------------------------------------------------------
 * Discovery
 * ------------------------------------------------------------------------ */

typedef struct
{
  CpDocument      **documents;
  guint             n_documents;
  guint             min_documents;
  guint             limit;
  CpMatcher        *exclude;
  GCancellable     *cancellable;
  const StopWords  *stop_words;
  guint             n_threads;

  /* tokens of every document, one after the other */
  Token            *tokens;
  guint32           n_tokens;
  guint32          *doc_first; /* n_documents + 1 */

  /* keys */
  GPtrArray        *keys;     /* id → string */
  guint8           *key_flags;

  /* phrases */
  Gram             *unigrams; /* by key */
  double           *evidence; /* by key: Σ over documents of 1 + ln c_d */
  GramTable         tables[MAX_N + 1][N_PARTS];
  guint8           *max_len;  /* per position: longest frequent phrase */
  guint32          *pos_gram; /* per position: gram of the level being counted */

  char             *subject;  /* the title the documents share, or NULL */
  GHashTable       *members;  /* theme's gram → GPtrArray of the grams folded into it */
} Discovery;

typedef struct
{
  Gram  *gram;
  double score;
} Ranked;

static void
discovery_clear (Discovery *dc)
{
  g_clear_pointer (&dc->tokens, g_free);
  g_clear_pointer (&dc->doc_first, g_free);
  g_clear_pointer (&dc->keys, g_ptr_array_unref);
  g_clear_pointer (&dc->key_flags, g_free);
  g_clear_pointer (&dc->unigrams, g_free);
  g_clear_pointer (&dc->evidence, g_free);
  g_clear_pointer (&dc->max_len, g_free);
  g_clear_pointer (&dc->pos_gram, g_free);
  g_clear_pointer (&dc->subject, g_free);
  g_clear_pointer (&dc->members, g_hash_table_unref);
  for (guint n = 2; n <= MAX_N; n++)
    {
      for (guint part = 0; part < N_PARTS; part++)
        {
          if (dc->tables[n][part].grams != NULL)
            gram_table_clear (&dc->tables[n][part]);
        }
    }
}

static gboolean
discovery_cancelled (Discovery *dc)
{
  return g_cancellable_is_cancelled (dc->cancellable);
}

/* --- tokenizing ---------------------------------------------------------- */

typedef struct
{
  Discovery *dc;
  GPtrArray *units;
  gint      *next_unit;
} TokenizeJob;

static gpointer
tokenize_thread (gpointer data)
{
  TokenizeJob *job = data;

  for (;;)
    {
      guint i = (guint)g_atomic_int_add (job->next_unit, 1);
      Unit *unit;

      if (i >= job->units->len || discovery_cancelled (job->dc))
        break;

      unit = g_ptr_array_index (job->units, i);
      unit->tokens = g_array_sized_new (FALSE, FALSE, sizeof (Token), (unit->end - unit->start) / 5 + 16);
      unit->words = g_ptr_array_new_with_free_func (g_free);
      unit->word_ids = g_hash_table_new (g_str_hash, g_str_equal);
      unit->scratch = g_string_sized_new (64);
      unit_tokenize (unit);
    }

  return NULL;
}

/* Cuts the documents into units of about UNIT_BYTES that start at a blank
 * line, where a phrase cannot go on. */
static GPtrArray *
make_units (Discovery *dc)
{
  GPtrArray *units = g_ptr_array_new_with_free_func (unit_free);

  for (guint d = 0; d < dc->n_documents; d++)
    {
      const char *text = cp_document_get_text (dc->documents[d]);
      gsize length = MIN (cp_document_get_length (dc->documents[d]), (gsize)G_MAXUINT32);
      gsize start = 0;

      while (start < length)
        {
          gsize end = length;
          Unit *unit;

          if (length - start > UNIT_BYTES + UNIT_BYTES / 2)
            {
              const char *blank = g_strstr_len (text + start + UNIT_BYTES,
                                                length - start - UNIT_BYTES, "\n\n");

              if (blank != NULL)
                end = blank + 1 - text;
            }

          unit = g_new0 (Unit, 1);
          unit->text = (const guchar *)text;
          unit->document = d;
          unit->start = start;
          unit->end = end;
          g_ptr_array_add (units, unit);
          start = end;
        }
    }

  return units;
}

/* Flags the keys of the words of the subject. */
static void
mark_subject_keys (Discovery  *dc,
                   GHashTable *key_ids)
{
  g_autoptr(GString) key = g_string_new (NULL);
  const char *p;

  if (dc->subject == NULL)
    return;

  p = dc->subject;
  while (*p != '\0')
    {
      const char *start = p;
      gpointer id;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);

          if (!g_unichar_isalnum (c) && !g_unichar_ismark (c) &&
              !((c == '\'' || c == 0x2019) && g_unichar_isalnum (g_utf8_get_char (g_utf8_next_char (p)))))
            break;
          p = g_utf8_next_char (p);
        }
      if (p == start)
        continue;

      g_string_truncate (key, 0);
      normalize_word (start, p - start, key);
      id = g_hash_table_lookup (key_ids, key->str);
      if (id != NULL)
        dc->key_flags[GPOINTER_TO_UINT (id) - 1] |= KEY_TITLE;
    }
}

static gboolean
discovery_tokenize (Discovery  *dc,
                    GError    **error)
{
  g_autoptr(GPtrArray) units = make_units (dc);
  g_autoptr(GHashTable) key_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) remap = g_array_new (FALSE, FALSE, sizeof (guint32));
  TokenizeJob jobs[N_PARTS];
  gsize total_bytes = 0;
  guint n_threads = dc->n_threads;
  gint next_unit = 0;
  guint32 n = 0;
  guint d = 0;

  for (guint i = 0; i < units->len; i++)
    {
      Unit *unit = g_ptr_array_index (units, i);

      total_bytes += unit->end - unit->start;
    }
  /* About five bytes per token in English prose */
  if (total_bytes / 5 < PARALLEL_MIN_TOKENS || units->len < 2)
    n_threads = 1;

  for (guint i = 0; i < N_PARTS; i++)
    jobs[i] = (TokenizeJob) { dc, units, &next_unit };
  cp_parallel_run ("cp-discover", tokenize_thread, jobs, sizeof jobs[0], n_threads, n_threads);

  if (g_cancellable_set_error_if_cancelled (dc->cancellable, error))
    return FALSE;

  /* Merge the units' dictionaries and tokens, in document order. */
  dc->keys = g_ptr_array_new_with_free_func (g_free);
  dc->doc_first = g_new0 (guint32, dc->n_documents + 1);

  for (guint i = 0; i < units->len; i++)
    n += ((Unit *)g_ptr_array_index (units, i))->tokens->len;
  dc->tokens = g_new (Token, MAX (n, 1));
  dc->n_tokens = 0;

  for (guint i = 0; i < units->len; i++)
    {
      Unit *unit = g_ptr_array_index (units, i);

      while (d <= unit->document)
        dc->doc_first[d++] = dc->n_tokens;

      g_array_set_size (remap, unit->words->len);
      for (guint w = 0; w < unit->words->len; w++)
        {
          char *word = g_ptr_array_index (unit->words, w);
          gpointer id = g_hash_table_lookup (key_ids, word);

          if (id == NULL)
            {
              /* The global table takes the string over. */
              g_ptr_array_index (unit->words, w) = NULL;
              g_ptr_array_add (dc->keys, word);
              id = GUINT_TO_POINTER (dc->keys->len);
              g_hash_table_insert (key_ids, word, id);
            }
          g_array_index (remap, guint32, w) = GPOINTER_TO_UINT (id) - 1;
        }

      for (guint t = 0; t < unit->tokens->len; t++)
        {
          Token token = g_array_index (unit->tokens, Token, t);

          token.key = g_array_index (remap, guint32, token.key);
          dc->tokens[dc->n_tokens++] = token;
        }

      g_clear_pointer (&unit->tokens, g_array_unref);
      g_hash_table_remove_all (unit->word_ids);
    }
  while (d <= dc->n_documents)
    dc->doc_first[d++] = dc->n_tokens;

  /* Key flags */
  dc->key_flags = g_new0 (guint8, MAX (dc->keys->len, 1));
  for (guint k = 0; k < dc->keys->len; k++)
    {
      const char *key = g_ptr_array_index (dc->keys, k);
      gunichar c = g_utf8_get_char (key);
      guint8 flags = 0;

      if (cp_unichar_needs_no_boundary (c) && *g_utf8_next_char (key) == '\0')
        {
          flags |= KEY_CJK;
          if (is_hiragana (c))
            flags |= KEY_HIRAGANA;
          if (g_hash_table_contains (dc->stop_words->cjk, key))
            flags |= KEY_STOP;
        }
      else
        {
          gboolean digits = TRUE;

          for (const char *p = key; *p && digits; p++)
            digits = g_ascii_isdigit (*p);
          if (digits)
            flags |= KEY_NUMBER;
          if (g_hash_table_contains (dc->stop_words->keys, key))
            flags |= KEY_STOP;
          else if (g_hash_table_contains (dc->stop_words->common, key))
            flags |= KEY_COMMON;
          if (g_hash_table_contains (dc->stop_words->freq_10, key))
            flags |= KEY_FREQ_10;
          else if (g_hash_table_contains (dc->stop_words->freq_20, key))
            flags |= KEY_FREQ_20;
        }
      dc->key_flags[k] = flags;
    }

  mark_subject_keys (dc, key_ids);

  return TRUE;
}

/* --- counting ------------------------------------------------------------ */

/* Whether the occurrence of the phrase at @i of @n tokens looks like a
 * name: every word that is not a stop word or a number is capitalized. */
static inline gboolean
occurrence_is_capitalized (Discovery *dc,
                           guint32    i,
                           guint      n)
{
  gboolean any = FALSE;

  for (guint j = 0; j < n; j++)
    {
      const Token *token = &dc->tokens[i + j];

      if (dc->key_flags[token->key] & (KEY_STOP | KEY_NUMBER | KEY_CJK))
        continue;
      if (!(token->flags & TOKEN_CAPITAL))
        return FALSE;
      any = TRUE;
    }

  return any;
}

static inline void
count_occurrence (Discovery *dc,
                  Gram      *gram,
                  guint      document,
                  guint32    i,
                  guint      n)
{
  gram->count++;
  if (gram->mark != document + 1)
    {
      gram->df++;
      gram->mark = document + 1;
    }
  if (!(dc->tokens[i].flags & TOKEN_INITIAL))
    {
      gram->n_plain++;
      if (occurrence_is_capitalized (dc, i, n))
        gram->n_capital++;
    }
}

static void
count_unigrams (Discovery *dc)
{
  g_autofree guint32 *doc_counts = NULL;
  g_autofree guint64 *repeats = NULL;
  g_autoptr(GArray) seen = NULL;

  dc->unigrams = g_new0 (Gram, MAX (dc->keys->len, 1));
  for (guint k = 0; k < dc->keys->len; k++)
    {
      dc->unigrams[k].ids[0] = k;
      dc->unigrams[k].n = 1;
    }

  /* Evidence: in each document, a word's first occurrence counts 1 and
   * the next ones less and less, 1 + ln c_d in all. */
  dc->evidence = g_new0 (double, MAX (dc->keys->len, 1));
  doc_counts = g_new0 (guint32, MAX (dc->keys->len, 1));
  repeats = g_new0 (guint64, MAX (dc->keys->len, 1));
  seen = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint d = 0; d < dc->n_documents; d++)
    {
      for (guint32 i = dc->doc_first[d]; i < dc->doc_first[d + 1]; i++)
        {
          guint32 key = dc->tokens[i].key;

          count_occurrence (dc, &dc->unigrams[key], d, i, 1);
          if (doc_counts[key]++ == 0)
            g_array_append_val (seen, key);
        }

      for (guint j = 0; j < seen->len; j++)
        {
          guint32 key = g_array_index (seen, guint32, j);

          /* In fixed point, so that the sum does not depend on the
           * order of the documents */
          if (doc_counts[key] > 1)
            repeats[key] += (guint64)llround (log (doc_counts[key]) * EVIDENCE_ONE);
          doc_counts[key] = 0;
        }
      g_array_set_size (seen, 0);
    }

  for (guint k = 0; k < dc->keys->len; k++)
    dc->evidence[k] = dc->unigrams[k].df + (double)repeats[k] / EVIDENCE_ONE;

  dc->max_len = g_new0 (guint8, MAX (dc->n_tokens, 1));
  for (guint32 i = 0; i < dc->n_tokens; i++)
    {
      if (dc->unigrams[dc->tokens[i].key].df >= dc->min_documents)
        dc->max_len[i] = 1;
    }
}

typedef struct
{
  Discovery *dc;
  guint      n;
  guint      part; /* the half of the hash space this job owns, or N_PARTS for all */
} LevelJob;

static gpointer
count_level_thread (gpointer data)
{
  LevelJob *job = data;
  Discovery *dc = job->dc;
  guint n = job->n;

  for (guint d = 0; d < dc->n_documents; d++)
    {
      guint32 end = dc->doc_first[d + 1];

      for (guint32 i = dc->doc_first[d]; i + 1 < end; i++)
        {
          guint32 ids[MAX_N];
          guint32 hash, index;
          guint part;
          Gram *gram;

          if ((i & CANCEL_CHECK_MASK) == 0 && discovery_cancelled (dc))
            return NULL;

          if (dc->max_len[i] < n - 1 || dc->max_len[i + 1] < n - 1)
            continue;
          if (n == 2 && !(dc->tokens[i + 1].flags & TOKEN_JOINS))
            continue;

          for (guint j = 0; j < n; j++)
            ids[j] = dc->tokens[i + j].key;
          hash = hash_ids (ids, n);
          part = part_of_hash (hash);
          if (job->part != N_PARTS && part != job->part)
            continue;

          index = gram_table_insert (&dc->tables[n][part], ids, n, hash);
          gram = &g_array_index (dc->tables[n][part].grams, Gram, index);
          count_occurrence (dc, gram, d, i, n);
          dc->pos_gram[i] = index << 1 | part;
        }
    }

  return NULL;
}

/* Counts the phrases of @n tokens; *any says whether one is frequent. */
static gboolean
count_level (Discovery  *dc,
             guint       n,
             gboolean   *any,
             GError    **error)
{
  LevelJob jobs[N_PARTS];

  for (guint part = 0; part < N_PARTS; part++)
    gram_table_init (&dc->tables[n][part]);
  memset (dc->pos_gram, 0xFF, sizeof (guint32) * dc->n_tokens);

  if (dc->n_threads > 1)
    {
      for (guint part = 0; part < N_PARTS; part++)
        jobs[part] = (LevelJob) { dc, n, part };
      cp_parallel_run ("cp-discover", count_level_thread, jobs, sizeof jobs[0], N_PARTS, dc->n_threads);
    }
  else
    {
      jobs[0] = (LevelJob) { dc, n, N_PARTS };
      count_level_thread (&jobs[0]);
    }

  if (g_cancellable_set_error_if_cancelled (dc->cancellable, error))
    return FALSE;

  for (guint32 i = 0; i < dc->n_tokens; i++)
    {
      guint32 pg = dc->pos_gram[i];
      const Gram *gram;

      if (pg == NO_ENTRY)
        continue;
      gram = &g_array_index (dc->tables[n][pg & 1].grams, Gram, pg >> 1);
      if (gram->df >= dc->min_documents)
        {
          dc->max_len[i] = n;
          *any = TRUE;
        }
    }

  return TRUE;
}

static Gram *
lookup_gram (Discovery     *dc,
             const guint32 *ids,
             guint          n)
{
  guint32 hash, index;
  GramTable *table;

  if (n == 1)
    return &dc->unigrams[ids[0]];

  hash = hash_ids (ids, n);
  table = &dc->tables[n][part_of_hash (hash)];
  if (table->grams == NULL)
    return NULL;
  index = gram_table_find (table, ids, n, hash);
  if (index == NO_ENTRY)
    return NULL;

  return &g_array_index (table->grams, Gram, index);
}

/* --- choosing ------------------------------------------------------------ */

static gboolean
cjk_is_stop (Discovery  *dc,
             const Gram *gram)
{
  const StopWords *sw = dc->stop_words;
  g_autoptr(GString) s = NULL;
  guint max = MIN (sw->cjk_max_chars, gram->n);

  if (max < 2)
    return FALSE;

  /* Prefixes and suffixes of two characters or more */
  s = g_string_new (NULL);
  for (guint len = 2; len <= max; len++)
    {
      g_string_truncate (s, 0);
      for (guint j = 0; j < len; j++)
        g_string_append (s, g_ptr_array_index (dc->keys, gram->ids[j]));
      if (g_hash_table_contains (sw->cjk, s->str))
        return TRUE;

      g_string_truncate (s, 0);
      for (guint j = gram->n - len; j < gram->n; j++)
        g_string_append (s, g_ptr_array_index (dc->keys, gram->ids[j]));
      if (g_hash_table_contains (sw->cjk, s->str))
        return TRUE;
    }

  return FALSE;
}

static gboolean
gram_is_valid (Discovery  *dc,
               const Gram *gram)
{
  guint8 first = dc->key_flags[gram->ids[0]];
  guint8 last = dc->key_flags[gram->ids[gram->n - 1]];

  if (first & KEY_CJK)
    {
      if (gram->n < 2 || ((first | last) & KEY_STOP))
        return FALSE;
      for (guint j = 0; j < gram->n; j++)
        {
          if (dc->key_flags[gram->ids[j]] & KEY_HIRAGANA)
            return FALSE;
        }
      return !cjk_is_stop (dc, gram);
    }

  if ((first | last) & KEY_STOP)
    return FALSE;

  for (guint j = 0; j < gram->n; j++)
    {
      if (!(dc->key_flags[gram->ids[j]] & (KEY_STOP | KEY_NUMBER)))
        return TRUE;
    }

  return FALSE;
}

static int
compare_keys (Discovery  *dc,
              const Gram *a,
              const Gram *b)
{
  for (guint j = 0; j < MIN (a->n, b->n); j++)
    {
      int cmp;

      if (a->ids[j] == b->ids[j])
        continue;
      cmp = strcmp (g_ptr_array_index (dc->keys, a->ids[j]), g_ptr_array_index (dc->keys, b->ids[j]));
      if (cmp != 0)
        return cmp;
    }

  return (int)a->n - (int)b->n;
}

static int
compare_ranked (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Ranked *ra = a;
  const Ranked *rb = b;

  if (ra->score != rb->score)
    return ra->score > rb->score ? -1 : 1;

  return compare_keys (user_data, ra->gram, rb->gram);
}

/* The share of general prose that one word of @length characters takes,
 * 10^−(2.5 + length/4): longer words are rarer (Zipf's law of
 * abbreviation), about 3 in 10,000 for four letters and 1 in 100,000 for
 * ten. */
static double
background_rate (glong length)
{
  return pow (10, -(2.5 + MIN (length, 40) / 4.0));
}

/* How much a single word stands out: G² of its evidence (see
 * count_unigrams()) against what general prose would give. */
static double
word_g2 (Discovery  *dc,
         const Gram *gram)
{
  guint32 key = gram->ids[0];
  double rate = background_rate (g_utf8_strlen (g_ptr_array_index (dc->keys, key), -1));

  if (dc->key_flags[key] & KEY_COMMON)
    rate = MAX (rate, COMMON_RATE);
  if (dc->key_flags[key] & KEY_FREQ_10)
    rate = MAX (rate, FREQ_10_RATE);
  else if (dc->key_flags[key] & KEY_FREQ_20)
    rate = MAX (rate, FREQ_20_RATE);

  return llr_expected (dc->evidence[key], dc->n_tokens * rate, dc->n_tokens);
}

/* How strongly the words of a phrase belong together: G² at its weakest
 * split. */
static double
phrase_g2 (Discovery  *dc,
           const Gram *gram)
{
  double g2 = G_MAXDOUBLE;

  for (guint split = 1; split < gram->n; split++)
    {
      const Gram *left = lookup_gram (dc, gram->ids, split);
      const Gram *right = lookup_gram (dc, gram->ids + split, gram->n - split);

      g_assert (left != NULL && right != NULL);
      g2 = MIN (g2, llr_collocation (gram->count, left->count, right->count, dc->n_tokens));
    }

  return g2;
}

/* The share of a phrase's occurrences, away from the start of a sentence,
 * that are capitalized. */
static inline double
name_share (const Gram *gram)
{
  return gram->n_plain > 0 ? (double)gram->n_capital / gram->n_plain : 0;
}

static inline gboolean
is_name (const Gram *gram)
{
  return gram->n_plain > 0 && 2 * gram->n_capital >= gram->n_plain;
}

static double
gram_score (Discovery  *dc,
            const Gram *gram)
{
  double spread = (double)gram->df / dc->n_documents;
  double weight;

  if (gram->n > 1)
    return spread * spread * (1 + name_share (gram)) * sqrt (phrase_g2 (dc, gram));

  if (dc->key_flags[gram->ids[0]] & KEY_COMMON)
    weight = 1;
  else
    weight = 1 + WORD_NAME_WEIGHT * name_share (gram);

  return spread * spread * weight * sqrt (word_g2 (dc, gram));
}

static inline gboolean
is_carried (const Gram *gram)
{
  return (guint64)gram->carried * SUBSUME_DEN >= (guint64)gram->count * SUBSUME_NUM;
}

/* Whether the candidate @gram can carry its sub-phrase @sub: when it is
 * used by as many documents, or, for a single word that is not a name
 * carried by a plain phrase, by all of its documents but fewer than would
 * make a theme on their own. */
static inline gboolean
can_carry (Discovery  *dc,
           const Gram *gram,
           const Gram *sub)
{
  if (gram->df >= sub->df)
    return TRUE;

  /* A name is not carried off by a plain phrase ("Bergen" in three
   * reviews, "foundry in Bergen" in two). */
  if (is_name (sub) && !is_name (gram))
    return FALSE;

  return sub->n == 1 && sub->df - gram->df < dc->min_documents;
}

/* Marks of the candidates while they are folded. */
#define MARK_CANDIDATE 1
#define MARK_DROPPED   2

/* A word that says what a name is rather than being part of it: lower
 * case in most of its uses ("director", "artist"), a common word
 * ("Chinese", "American"), or a number ("From 2009 Ferrante turned"). */
static inline gboolean
is_role_word (Discovery  *dc,
              guint32     key)
{
  if (dc->key_flags[key] & KEY_NUMBER)
    return TRUE;
  if (dc->key_flags[key] & (KEY_STOP | KEY_CJK))
    return FALSE;

  return (dc->key_flags[key] & KEY_COMMON) || !is_name (&dc->unigrams[key]);
}

/* Whether @sub looks like a name where it is not part of the name @gram:
 * its capitalized uses beyond those that @gram can account for are half
 * of its uses away from the start of a sentence, or it has no others.
 * "Klayman" alone is a name; "the harbour" outside is not the Harbour
 * Gallery. */
static inline gboolean
is_name_outside (const Gram *sub,
                 const Gram *gram)
{
  guint32 plain = sub->n_plain - MIN (sub->n_plain, gram->n_plain);
  guint32 capital = sub->n_capital - MIN (sub->n_capital, gram->n_capital);

  return plain == 0 || 2 * capital >= plain;
}

/* Whether @gram is a better theme to fold into than @other: more
 * mentions, then longer, then first by its keys. */
static gboolean
is_better_head (Discovery  *dc,
                const Gram *gram,
                const Gram *other)
{
  if (other == NULL)
    return TRUE;
  if (gram->count != other->count)
    return gram->count > other->count;
  if (gram->n != other->n)
    return gram->n > other->n;

  return compare_keys (dc, gram, other) < 0;
}

static void
propose_head (Discovery  *dc,
              GHashTable *heads,
              Gram       *gram,
              Gram       *head)
{
  Gram *current = g_hash_table_lookup (heads, gram);

  if (is_better_head (dc, head, current))
    g_hash_table_insert (heads, gram, head);
}

/* The theme that @gram is a variant of: follows the heads, and keeps
 * @gram when they go round. */
static Gram *
find_root (GHashTable *heads,
           Gram       *gram)
{
  Gram *root = gram;

  for (guint step = 0; step <= 2 * MAX_N; step++)
    {
      Gram *head = g_hash_table_lookup (heads, root);

      if (head == NULL)
        return root;
      root = head;
    }

  return gram;
}

/* Whether a candidate is the subject or a part of it: all its words that
 * are not stop words or numbers are words of the subject. */
static gboolean
is_subject (Discovery  *dc,
            const Gram *gram)
{
  gboolean any = FALSE;

  for (guint j = 0; j < gram->n; j++)
    {
      guint8 flags = dc->key_flags[gram->ids[j]];

      if (flags & (KEY_STOP | KEY_NUMBER))
        continue;
      if (!(flags & KEY_TITLE))
        return FALSE;
      any = TRUE;
    }

  return any;
}

/* A candidate that only puts a role before a name ("director Alison
 * Klayman", "Chinese artist Ai Weiwei") is that name's variant, and the
 * name stays even when most of its mentions have the role. */
static void
fold_role (Discovery  *dc,
           GHashTable *heads,
           Gram       *gram)
{
  if (gram->mark != MARK_CANDIDATE)
    return;

  for (guint start = 1; start < gram->n; start++)
    {
      Gram *name = lookup_gram (dc, gram->ids + start, gram->n - start);
      gboolean role = TRUE;

      if (name == NULL || name->mark == 0 || !is_name (name))
        continue;
      for (guint j = 0; j < start && role; j++)
        role = is_role_word (dc, gram->ids[j]);
      if (!role)
        continue;

      name->mark = MARK_CANDIDATE;
      propose_head (dc, heads, gram, name);
      return;
    }
}

/* Folds the candidates nested in the candidate @gram (see "Folding" in
 * docs/discover.md): a sub-phrase used by no more documents than @gram,
 * and a fourth of the time or more inside it, is its variant when it
 * stayed on its own or is a name, a name only of a longer name; never a
 * word of the subject. */
static void
fold_nested (Discovery  *dc,
             GHashTable *heads,
             Gram       *gram)
{
  guint n = gram->n;

  if (gram->mark != MARK_CANDIDATE)
    return;

  for (guint len = n - 1; len >= 1; len--)
    {
      for (guint start = 0; start + len <= n; start++)
        {
          Gram *sub = lookup_gram (dc, gram->ids + start, len);

          if (sub == NULL || sub->mark == 0 || is_subject (dc, sub))
            continue;
          /* The role form is the name's variant, not the other way. */
          if (g_hash_table_lookup (heads, gram) == sub)
            continue;
          /* A common word dropped for the phrase is not its spelling:
           * "sunflower" alone is not the seeds. */
          if (sub->mark == MARK_DROPPED && !is_name (sub))
            continue;
          /* A name is a part of a longer name only ("Tate Modern" is
           * not a spelling of "Tate Modern commission"), a plain word of a
           * plain phrase ("the harbour" is not the Harbour Gallery). */
          if (is_name (gram) ? !is_name_outside (sub, gram) : is_name (sub))
            continue;
          /* A name of several words that stands on its own often enough
           * stays ("Tate Modern" beside "London's Tate Modern"); a single
           * one is a given name or a surname. */
          if (is_name (sub) && sub->n > 1 && sub->mark == MARK_CANDIDATE)
            continue;
          if (gram->df >= sub->df &&
              (guint64)gram->count * FOLD_DEN >= (guint64)sub->count * FOLD_NUM)
            propose_head (dc, heads, sub, gram);
        }
    }
}

/* The candidates that survive the filters and subsumption, best first. */
static GArray *
rank_candidates (Discovery *dc)
{
  GPtrArray *by_length[MAX_N + 1] = { NULL };
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GHashTable) heads = g_hash_table_new (NULL, NULL);

  dc->members = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);

  for (guint n = 1; n <= MAX_N; n++)
    by_length[n] = g_ptr_array_new ();

  for (guint k = 0; k < dc->keys->len; k++)
    {
      Gram *gram = &dc->unigrams[k];

      if (gram->df >= dc->min_documents && gram_is_valid (dc, gram))
        g_ptr_array_add (by_length[1], gram);
    }

  for (guint n = 2; n <= MAX_N; n++)
    {
      for (guint part = 0; part < N_PARTS; part++)
        {
          GArray *grams = dc->tables[n][part].grams;

          for (guint i = 0; grams != NULL && i < grams->len; i++)
            {
              Gram *gram = &g_array_index (grams, Gram, i);

              gram->mark = 0;
              if (gram->df >= dc->min_documents && gram_is_valid (dc, gram))
                g_ptr_array_add (by_length[n], gram);
            }
        }
    }
  for (guint k = 0; k < dc->keys->len; k++)
    dc->unigrams[k].mark = 0;

  /* Subsumption: every candidate carries its sub-phrases... */
  for (guint n = 2; n <= MAX_N; n++)
    {
      for (guint i = 0; i < by_length[n]->len; i++)
        {
          Gram *gram = g_ptr_array_index (by_length[n], i);

          for (guint len = 1; len < n; len++)
            {
              for (guint start = 0; start + len <= n; start++)
                {
                  Gram *sub = lookup_gram (dc, gram->ids + start, len);

                  g_assert (sub != NULL);
                  if (can_carry (dc, gram, sub))
                    sub->carried = MAX (sub->carried, gram->count);
                }
            }
        }
    }

  /* ...the candidates that stay decide which of them are one theme... */
  for (guint n = 1; n <= MAX_N; n++)
    {
      for (guint i = 0; i < by_length[n]->len; i++)
        {
          Gram *gram = g_ptr_array_index (by_length[n], i);

          gram->mark = is_carried (gram) ? MARK_DROPPED : MARK_CANDIDATE;
        }
    }
  for (guint n = 2; n <= MAX_N; n++)
    {
      for (guint i = 0; i < by_length[n]->len; i++)
        fold_role (dc, heads, g_ptr_array_index (by_length[n], i));
    }
  for (guint n = 2; n <= MAX_N; n++)
    {
      for (guint i = 0; i < by_length[n]->len; i++)
        fold_nested (dc, heads, g_ptr_array_index (by_length[n], i));
    }

  /* ...and the themes are those that are no one's variant, and not the
   * subject. */
  for (guint n = 1; n <= MAX_N; n++)
    {
      for (guint i = 0; i < by_length[n]->len; i++)
        {
          Gram *gram = g_ptr_array_index (by_length[n], i);
          Gram *root;
          GPtrArray *members;
          Ranked r;

          if (gram->mark == MARK_DROPPED && !g_hash_table_contains (heads, gram))
            continue;

          root = find_root (heads, gram);
          if (root != gram)
            {
              members = g_hash_table_lookup (dc->members, root);
              if (members == NULL)
                {
                  members = g_ptr_array_new ();
                  g_hash_table_insert (dc->members, root, members);
                }
              g_ptr_array_add (members, gram);
              continue;
            }
          if (is_subject (dc, gram))
            continue;

          r.gram = gram;
          r.score = gram_score (dc, gram);
          g_array_append_val (ranked, r);
        }
    }

  for (guint n = 1; n <= MAX_N; n++)
    {
      for (guint i = 0; i < by_length[n]->len; i++)
        ((Gram *)g_ptr_array_index (by_length[n], i))->mark = 0;
    }

  for (guint n = 1; n <= MAX_N; n++)
    g_ptr_array_unref (by_length[n]);

  g_array_sort_with_data (ranked, compare_ranked, dc);

  return ranked;
}

/* --- themes -------------------------------------------------------------- */

typedef struct
{
  Gram       *gram;
  double      score;
  guint      *counts;   /* per document */
  guint32    *first;    /* per document: start and end of the first occurrence */
  GHashTable *surfaces; /* surface form → count */
  GHashTable *shown;    /* clean surface form of the theme's own phrase → count */
  guint32     covered;  /* the token after its last counted occurrence */
} Pick;

static void
pick_clear (Pick *pick)
{
  g_clear_pointer (&pick->counts, g_free);
  g_clear_pointer (&pick->first, g_free);
  g_clear_pointer (&pick->surfaces, g_hash_table_unref);
  g_clear_pointer (&pick->shown, g_hash_table_unref);
}

/* Appends the text of [start, end) with white space runs made one space. */
static void
append_collapsed (GString    *out,
                  const char *start,
                  const char *end)
{
  gboolean space = FALSE;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar)*p < 0x80 ? (guchar)*p : g_utf8_get_char (p);

      if (is_space (c))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
      space = FALSE;
      if ((guchar)*p < 0x80)
        g_string_append_c (out, *p);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

static void
count_surface (GHashTable *table,
               const char *form)
{
  gpointer count = g_hash_table_lookup (table, form);

  g_hash_table_insert (table, g_strdup (form), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
}

/* The length of @form without a possessive at its end ('s, ’s, or the
 * apostrophe of s' and s’). */
static gsize
clean_length (const char *form,
              gsize       length)
{
  static const char * const endings[] = { "'s", "\u2019s", "'S", "\u2019S", "'", "\u2019" };

  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      gsize n = strlen (endings[i]);

      if (length > n && memcmp (form + length - n, endings[i], n) == 0)
        {
          /* A lone apostrophe only after an s (Birds'). */
          if (endings[i][n - 1] != 's' && endings[i][n - 1] != 'S' &&
              form[length - n - 1] != 's' && form[length - n - 1] != 'S')
            return length;
          return length - n;
        }
    }

  return length;
}

static void
mark_pick_gram (Gram   *gram,
                guint   p,
                guint8 *first_key)
{
  gram->mark = p + 1;
  first_key[gram->ids[0]] |= 1 << (gram->n - 1);
}

/* Counts, first occurrences and surface forms of the picked themes: the
 * mentions of a theme's own phrase and of its variants, the longest
 * first, none counted twice. */
static void
collect_picks (Discovery *dc,
               Pick      *picks,
               guint      n_picks)
{
  g_autofree guint8 *first_key = g_new0 (guint8, MAX (dc->keys->len, 1));
  g_autoptr(GString) surface = g_string_new (NULL);

  for (guint p = 0; p < n_picks; p++)
    {
      GPtrArray *members = g_hash_table_lookup (dc->members, picks[p].gram);

      mark_pick_gram (picks[p].gram, p, first_key);
      for (guint m = 0; members != NULL && m < members->len; m++)
        mark_pick_gram (g_ptr_array_index (members, m), p, first_key);
      picks[p].counts = g_new0 (guint, dc->n_documents);
      picks[p].first = g_new (guint32, dc->n_documents * 2);
      memset (picks[p].first, 0xFF, sizeof (guint32) * dc->n_documents * 2);
      picks[p].surfaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      picks[p].shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      picks[p].covered = 0;
    }

  for (guint d = 0; d < dc->n_documents; d++)
    {
      const char *text = cp_document_get_text (dc->documents[d]);
      guint32 end = dc->doc_first[d + 1];

      for (guint32 i = dc->doc_first[d]; i < end; i++)
        {
          guint8 lengths = first_key[dc->tokens[i].key];
          guint joined = 1;

          if (lengths == 0)
            continue;

          while (joined < MAX_N && i + joined < end && (dc->tokens[i + joined].flags & TOKEN_JOINS))
            joined++;

          for (guint n = joined; n >= 1; n--)
            {
              guint32 ids[MAX_N];
              Gram *gram;
              Pick *pick;

              if (!(lengths & (1 << (n - 1))))
                continue;
              for (guint j = 0; j < n; j++)
                ids[j] = dc->tokens[i + j].key;
              gram = lookup_gram (dc, ids, n);
              if (gram == NULL || gram->mark == 0)
                continue;

              pick = &picks[gram->mark - 1];
              if (i < pick->covered)
                continue;
              pick->covered = i + n;
              if (pick->counts[d]++ == 0)
                {
                  pick->first[2 * d] = dc->tokens[i].start;
                  pick->first[2 * d + 1] = dc->tokens[i + n - 1].end;
                }

              g_string_truncate (surface, 0);
              append_collapsed (surface, text + dc->tokens[i].start, text + dc->tokens[i + n - 1].end);
              count_surface (pick->surfaces, surface->str);
              if (gram == pick->gram)
                {
                  g_string_truncate (surface, clean_length (surface->str, surface->len));
                  count_surface (pick->shown, surface->str);
                }
            }
        }
    }

  for (guint p = 0; p < n_picks; p++)
    {
      GPtrArray *members = g_hash_table_lookup (dc->members, picks[p].gram);

      picks[p].gram->mark = 0;
      for (guint m = 0; members != NULL && m < members->len; m++)
        ((Gram *)g_ptr_array_index (members, m))->mark = 0;
    }
}

typedef struct
{
  const char *form;
  guint       count;
} Surface;

static gboolean
starts_with_capital (const char *s)
{
  gunichar c = g_utf8_get_char (s);

  return g_unichar_isupper (c) || g_unichar_istitle (c);
}

/* Variants: most frequent first, then in byte order. */
static int
compare_surfaces (gconstpointer a,
                  gconstpointer b)
{
  const Surface *sa = a;
  const Surface *sb = b;

  if (sa->count != sb->count)
    return sa->count > sb->count ? -1 : 1;

  return strcmp (sa->form, sb->form);
}

/* The phrase to show: the most frequent form, a capitalized one on a tie,
 * then the first in byte order. */
static gboolean
surface_is_better (const Surface *a,
                   const Surface *b)
{
  gboolean ca, cb;

  if (a->count != b->count)
    return a->count > b->count;

  ca = starts_with_capital (a->form);
  cb = starts_with_capital (b->form);
  if (ca != cb)
    return ca;

  return strcmp (a->form, b->form) < 0;
}

/* The characters before @p, as a unit of context: a word costs 2, a CJK
 * character 1. Returns the new position and sets *cost. */
static const char *
context_step_back (const char *text,
                   const char *p,
                   guint      *cost)
{
  const char *q = g_utf8_prev_char (p);

  if (cp_unichar_needs_no_boundary (g_utf8_get_char (q)))
    {
      *cost = 1;
      return q;
    }

  while (q > text)
    {
      const char *r = g_utf8_prev_char (q);
      gunichar c = g_utf8_get_char (r);

      if (is_space (c) || cp_unichar_needs_no_boundary (c))
        break;
      q = r;
    }
  *cost = 2;

  return q;
}

static const char *
context_step_forward (const char *p,
                      const char *end,
                      guint      *cost)
{
  if (cp_unichar_needs_no_boundary (g_utf8_get_char (p)))
    {
      *cost = 1;
      return g_utf8_next_char (p);
    }

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);

      if (is_space (c) || cp_unichar_needs_no_boundary (c))
        break;
      p = g_utf8_next_char (p);
    }
  *cost = 2;

  return p;
}

/* About eight words either side of [start, end), within the paragraph. */
static char *
make_context (const char *text,
              gsize       length,
              guint32     start,
              guint32     end)
{
  const char *text_end = text + length;
  const char *left = text + start;
  const char *right = text + end;
  gboolean cut_left = FALSE, cut_right = FALSE;
  guint units = 0;
  GString *out;

  /* What is attached to the phrase (an opening quote) comes free. */
  while (left > text)
    {
      const char *q = g_utf8_prev_char (left);
      gunichar c = g_utf8_get_char (q);

      if (is_space (c) || cp_unichar_needs_no_boundary (c))
        break;
      left = q;
    }

  while (left > text)
    {
      const char *q = g_utf8_prev_char (left);
      guint cost;

      if (is_space (g_utf8_get_char (q)))
        {
          guint newlines = 0;

          while (q > text && is_space (g_utf8_get_char (q)))
            {
              newlines += *q == '\n';
              q = g_utf8_prev_char (q);
            }
          /* A blank line or the start of the text: nothing was cut */
          if (newlines >= 2 || is_space (g_utf8_get_char (q)))
            break;
          if (units >= CONTEXT_HALF_UNITS)
            {
              cut_left = TRUE;
              break;
            }
          left = g_utf8_next_char (q);
          continue;
        }

      if (units >= CONTEXT_HALF_UNITS)
        {
          cut_left = TRUE;
          break;
        }
      left = context_step_back (text, left, &cost);
      units += cost;
    }

  /* The closing punctuation after the phrase comes free too. */
  while (right < text_end)
    {
      gunichar c = g_utf8_get_char (right);

      if (is_space (c) || cp_unichar_needs_no_boundary (c))
        break;
      right = g_utf8_next_char (right);
    }

  units = 0;
  while (right < text_end)
    {
      guint cost;

      if (is_space (g_utf8_get_char (right)))
        {
          const char *q = right;
          guint newlines = 0;

          while (q < text_end && is_space (g_utf8_get_char (q)))
            {
              newlines += *q == '\n';
              q = g_utf8_next_char (q);
            }
          if (newlines >= 2 || q == text_end)
            break;
          if (units >= CONTEXT_HALF_UNITS)
            {
              cut_right = TRUE;
              break;
            }
          right = q;
          continue;
        }

      if (units >= CONTEXT_HALF_UNITS)
        {
          cut_right = TRUE;
          break;
        }
      right = context_step_forward (right, text_end, &cost);
      units += cost;
    }

  out = g_string_new (cut_left ? "…" : NULL);
  append_collapsed (out, left, right);
  if (cut_right)
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

static gboolean
variants_are_covered (CpMatcher  *exclude,
                      GStrv       variants)
{
  if (exclude == NULL)
    return FALSE;

  for (guint i = 0; variants[i] != NULL; i++)
    {
      g_autoptr(GArray) mentions = cp_matcher_scan (exclude, variants[i], strlen (variants[i]));

      if (mentions != NULL && mentions->len > 0)
        return TRUE;
    }

  return FALSE;
}

static GArray *
sorted_surfaces (GHashTable *table)
{
  GArray *surfaces = g_array_new (FALSE, FALSE, sizeof (Surface));
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Surface s = { key, GPOINTER_TO_UINT (value) };

      g_array_append_val (surfaces, s);
    }
  g_array_sort (surfaces, compare_surfaces);

  return surfaces;
}

/* The phrase to show: the best of the clean forms of the theme's own
 * phrase, or when its every mention is inside a variant's, of all. */
static char *
pick_phrase (Pick *pick)
{
  g_autoptr(GArray) shown = sorted_surfaces (pick->shown);
  const Surface *best;

  if (shown->len == 0)
    {
      g_autoptr(GArray) all = sorted_surfaces (pick->surfaces);

      best = &g_array_index (all, Surface, 0);
      return g_strndup (best->form, clean_length (best->form, strlen (best->form)));
    }

  best = &g_array_index (shown, Surface, 0);
  for (guint i = 1; i < shown->len; i++)
    {
      const Surface *surface = &g_array_index (shown, Surface, i);

      if (surface_is_better (surface, best))
        best = surface;
    }

  return g_strdup (best->form);
}

static CpTheme *
theme_from_pick (Discovery *dc,
                 Pick      *pick)
{
  g_autoptr(GArray) surfaces = sorted_surfaces (pick->surfaces);
  CpTheme *theme;
  gboolean listed = FALSE;
  guint n = 0;

  g_assert (surfaces->len > 0);

  theme = g_object_new (CP_TYPE_THEME, NULL);
  theme->phrase = pick_phrase (pick);
  theme->variants = g_new0 (char *, surfaces->len + 2);
  for (guint i = 0; i < surfaces->len; i++)
    {
      const Surface *surface = &g_array_index (surfaces, Surface, i);

      listed = listed || strcmp (surface->form, theme->phrase) == 0;
      theme->variants[n++] = g_strdup (surface->form);
    }
  /* The clean form is a spelling too, even when the texts always
   * wrote it with a possessive. */
  if (!listed)
    theme->variants[n++] = g_strdup (theme->phrase);
  theme->n_documents = dc->n_documents;
  theme->counts = g_memdup2 (pick->counts, sizeof (guint) * dc->n_documents);
  theme->contexts = g_new0 (char *, dc->n_documents);
  theme->score = pick->score;

  for (guint d = 0; d < dc->n_documents; d++)
    {
      theme->total += pick->counts[d];
      if (pick->counts[d] == 0)
        continue;
      theme->spread++;
      theme->contexts[d] = make_context (cp_document_get_text (dc->documents[d]),
                                         cp_document_get_length (dc->documents[d]),
                                         pick->first[2 * d], pick->first[2 * d + 1]);
    }

  return theme;
}

static int
compare_themes (gconstpointer a,
                gconstpointer b)
{
  CpTheme *ta = *(CpTheme **)a;
  CpTheme *tb = *(CpTheme **)b;

  if (ta->score != tb->score)
    return ta->score > tb->score ? -1 : 1;

  return strcmp (ta->phrase, tb->phrase);
}

static GPtrArray *
discovery_run (Discovery  *dc,
               GError    **error)
{
  g_autoptr(GPtrArray) themes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ranked = NULL;
  guint next = 0;

  if (dc->n_documents == 0 || dc->min_documents > dc->n_documents)
    return g_steal_pointer (&themes);

  if (!discovery_tokenize (dc, error))
    return NULL;

  dc->n_threads = dc->n_tokens >= PARALLEL_MIN_TOKENS ? dc->n_threads : 1;
  count_unigrams (dc);
  dc->pos_gram = g_new (guint32, MAX (dc->n_tokens, 1));
  for (guint n = 2; n <= MAX_N; n++)
    {
      gboolean any = FALSE;

      if (!count_level (dc, n, &any, error))
        return NULL;
      if (!any)
        break;
    }
  g_clear_pointer (&dc->pos_gram, g_free);

  if (g_cancellable_set_error_if_cancelled (dc->cancellable, error))
    return NULL;

  ranked = rank_candidates (dc);

  if (g_cancellable_set_error_if_cancelled (dc->cancellable, error))
    return NULL;

  /* In batches, since a topic may cover some of the best candidates. */
  while (themes->len < dc->limit && next < ranked->len)
    {
      guint need = dc->limit - themes->len;
      guint remaining = ranked->len - next;
      guint batch = need;
      g_autofree Pick *picks = NULL;

      if (dc->exclude != NULL)
        batch = need > remaining / 2 ? remaining : need * 2 + 8;
      batch = MIN (batch, remaining);
      /* Never cut between equal scores: the phrases decide their order. */
      while (next + batch < ranked->len &&
             g_array_index (ranked, Ranked, next + batch).score ==
             g_array_index (ranked, Ranked, next + batch - 1).score)
        batch++;

      picks = g_new0 (Pick, batch);
      for (guint p = 0; p < batch; p++)
        {
          picks[p].gram = g_array_index (ranked, Ranked, next + p).gram;
          picks[p].score = g_array_index (ranked, Ranked, next + p).score;
        }
      next += batch;

      collect_picks (dc, picks, batch);

      for (guint p = 0; p < batch; p++)
        {
          g_autoptr(CpTheme) theme = theme_from_pick (dc, &picks[p]);

          g_assert (theme->total >= picks[p].gram->count || theme->total > 0);
          if (!variants_are_covered (dc->exclude, theme->variants))
            g_ptr_array_add (themes, g_steal_pointer (&theme));
          pick_clear (&picks[p]);
        }

      if (g_cancellable_set_error_if_cancelled (dc->cancellable, error))
        return NULL;
    }

  g_ptr_array_sort (themes, compare_themes);
  if (themes->len > dc->limit)
    g_ptr_array_set_size (themes, dc->limit);

  return g_steal_pointer (&themes);
}

/* ------------------------------------------------------------------------
 * Public API
 * ------------------------------------------------------------------------ */

/* Every term of every topic, enabled or not: a theme the user has a topic
 * for, even a switched-off one, is not news. Terms that cannot be matched
 * are skipped. Returns FALSE with @error set only when the terms cannot be
 * compiled together; *out is NULL when there is nothing to exclude. */
static gboolean
build_exclusion (CpTopicSet  *topics,
                 CpMatcher  **out,
                 GError     **error)
{
  g_autoptr(CpMatcher) matcher = NULL;
  guint n_terms = 0;

  *out = NULL;
  if (topics == NULL)
    return TRUE;

  matcher = cp_matcher_new ();
  for (guint i = 0; i < cp_topic_set_get_n_topics (topics); i++)
    {
      CpTopic *topic = cp_topic_set_get_topic (topics, i);
      const char * const *terms = cp_topic_get_terms (topic);

      for (guint j = 0; terms != NULL && terms[j] != NULL; j++)
        {
          g_autoptr(GError) local_error = NULL;

          if (cp_matcher_add_term (matcher, i, j, terms[j], &local_error))
            n_terms++;
          else
            g_debug ("Discovery ignores a term: %s", local_error->message);
        }
    }

  if (n_terms == 0)
    return TRUE;
  if (!cp_matcher_compile (matcher, error))
    return FALSE;

  *out = g_steal_pointer (&matcher);
  return TRUE;
}

typedef struct
{
  CpDocument **documents;
  guint        n_documents;
  guint        limit;
  guint        min_documents;
  CpMatcher   *exclude;
} DiscoverData;

static void
discover_data_free (gpointer data)
{
  DiscoverData *dd = data;

  for (guint i = 0; i < dd->n_documents; i++)
    g_object_unref (dd->documents[i]);
  g_free (dd->documents);
  g_clear_object (&dd->exclude);
  g_free (dd);
}

static gboolean
documents_are_valid (CpDocument **documents,
                     guint        n_documents)
{
  if (n_documents > 0 && documents == NULL)
    return FALSE;

  for (guint i = 0; i < n_documents; i++)
    {
      if (!CP_IS_DOCUMENT (documents[i]))
        return FALSE;
    }

  return TRUE;
}

/* Whether the title of @document is a heading rather than the start of
 * its first sentence: a title the document came with, or a first line of
 * at most MAX_HEADING_WORDS words that does not end a sentence. */
static gboolean
title_is_heading (CpDocument *document)
{
  const char *title = cp_document_get_title (document);
  gsize length = strlen (title);
  guint n_words = 1;
  guint n_chars_unspaced = 0;

  if (g_strcmp0 (cp_document_get_format (document), "text") != 0)
    return TRUE;
  /* A sentence, in any script, is not a heading */
  if (length == 0 || title[length - 1] == '.' || g_str_has_suffix (title, "…") ||
      g_str_has_suffix (title, "。") || g_str_has_suffix (title, "．"))
    return FALSE;
  for (const char *p = title; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Words of scripts written without spaces: about two characters */
      if (c == ' ')
        n_words++;
      else if (cp_unichar_is_unspaced (c))
        n_chars_unspaced++;
    }

  return n_words + n_chars_unspaced / 2 <= MAX_HEADING_WORDS;
}

static int
compare_titles (gconstpointer a,
                gconstpointer b)
{
  CpDocument *da = *(CpDocument **)a;
  CpDocument *db = *(CpDocument **)b;

  return strcmp (cp_document_get_title (da), cp_document_get_title (db));
}

/**
 * cp_discover_dup_subject:
 * @documents: (array length=n_documents): the documents
 * @n_documents: the number of documents
 *
 * The work the documents discuss: the subject that their headings share
 * (cp_sheet_content_dup_subject()), a heading being a title the document
 * came with, or a first line of at most twenty words that does not end
 * with a full stop. cp_discover_themes() suggests neither the subject nor
 * a phrase made of its words. The order of @documents does not matter:
 * ties between runs of words go as if they were in the order of their
 * titles.
 *
 * Returns: (transfer full) (nullable): the subject, or %NULL when fewer
 *   than two documents have a heading or their headings share none
 */
char *
cp_discover_dup_subject (CpDocument **documents,
                         guint        n_documents)
{
  g_autoptr(GPtrArray) headed = g_ptr_array_new ();

  g_return_val_if_fail (documents_are_valid (documents, n_documents), NULL);

  for (guint d = 0; d < n_documents; d++)
    {
      if (title_is_heading (documents[d]))
        g_ptr_array_add (headed, documents[d]);
    }
  if (headed->len < 2)
    return NULL;

  /* The sheet breaks ties by the order of its reviews; discovery must
   * not depend on the order of the documents (found by fuzzing: the
   * subject, and so the themes left out, changed when the documents were
   * rotated) */
  g_ptr_array_sort (headed, compare_titles);

  return cp_sheet_content_dup_subject ((CpDocument **)headed->pdata, headed->len);
}

static GPtrArray *
discover (DiscoverData  *dd,
          GCancellable  *cancellable,
          GError       **error)
{
  Discovery dc = { 0 };
  GPtrArray *themes;

  dc.documents = dd->documents;
  dc.n_documents = dd->n_documents;
  dc.limit = dd->limit;
  dc.min_documents = dd->min_documents;
  dc.exclude = dd->exclude;
  dc.cancellable = cancellable;
  dc.stop_words = get_stop_words ();
  dc.n_threads = MIN (g_get_num_processors (), N_PARTS);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  dc.subject = cp_discover_dup_subject (dd->documents, dd->n_documents);

  themes = discovery_run (&dc, error);
  discovery_clear (&dc);

  return themes;
}

static DiscoverData *
discover_data_new (CpDocument              **documents,
                   guint                     n_documents,
                   const CpDiscoverOptions  *options,
                   GError                  **error)
{
  DiscoverData *dd = g_new0 (DiscoverData, 1);

  dd->documents = g_new (CpDocument *, MAX (n_documents, 1));
  for (guint i = 0; i < n_documents; i++)
    dd->documents[i] = g_object_ref (documents[i]);
  dd->n_documents = n_documents;
  dd->limit = options != NULL && options->limit > 0 ? options->limit : DEFAULT_LIMIT;
  dd->min_documents = options != NULL && options->min_documents > 0
                      ? options->min_documents : DEFAULT_MIN_DOCUMENTS;

  if (!build_exclusion (options != NULL ? options->topics : NULL, &dd->exclude, error))
    {
      discover_data_free (dd);
      return NULL;
    }

  return dd;
}

/**
 * cp_discover_themes:
 * @documents: (array length=n_documents): the documents
 * @n_documents: the number of documents
 * @options: (nullable): topics to leave out, a limit and the fewest
 *   documents a theme must occur in; %NULL for the defaults
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Finds the phrases that at least @options->min_documents of @documents
 * share: phrases of one to four words, or runs of two to four Han, Kana or
 * Hangul characters, with spelling variants merged, stop words left out,
 * and a shorter phrase folded into a longer one that carries most of its
 * mentions and is used by as many documents. They are ranked by the share
 * of the documents that use them and by how distinctive they are
 * (Dunning's log-likelihood: how strongly the words of a phrase belong
 * together in the pooled text, how much more a single word is used than
 * general prose would have it, common words such as "film" or "people"
 * being expected often), weighed up when they are written like names; the
 * file comment of cp-discover.c gives the exact formula.
 *
 * The same documents in any order give the same themes in the same order;
 * counts and contexts follow the positions in @documents. Large inputs use
 * two threads. The documents are only read.
 *
 * Returns: (transfer container) (element-type CpTheme) (nullable): at most
 *   @options->limit themes, best first (empty when @n_documents is 0), or
 *   %NULL with @error set: %G_IO_ERROR_CANCELLED, or %CP_ERROR_INVALID_TERM
 *   when the terms of @options->topics are too many to compile
 */
GPtrArray *
cp_discover_themes (CpDocument              **documents,
                    guint                     n_documents,
                    const CpDiscoverOptions  *options,
                    GCancellable             *cancellable,
                    GError                  **error)
{
  DiscoverData *dd;
  GPtrArray *themes;

  g_return_val_if_fail (documents_are_valid (documents, n_documents), NULL);
  g_return_val_if_fail (options == NULL || options->topics == NULL || CP_IS_TOPIC_SET (options->topics), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dd = discover_data_new (documents, n_documents, options, error);
  if (dd == NULL)
    return NULL;

  themes = discover (dd, cancellable, error);
  discover_data_free (dd);

  return themes;
}

static void
discover_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *themes = discover (task_data, cancellable, &error);

  if (themes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, themes, (GDestroyNotify)g_ptr_array_unref);
}

/**
 * cp_discover_themes_async:
 * @documents: (array length=n_documents): the documents
 * @n_documents: the number of documents
 * @options: (nullable): as for cp_discover_themes(); read before this
 *   function returns
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the themes are ready
 * @user_data: data for @callback
 *
 * Runs cp_discover_themes() in a worker thread. The topics of @options
 * are compiled before this function returns, so they may change
 * afterwards; the documents are kept alive until the work is done.
 */
void
cp_discover_themes_async (CpDocument              **documents,
                          guint                     n_documents,
                          const CpDiscoverOptions  *options,
                          GCancellable             *cancellable,
                          GAsyncReadyCallback       callback,
                          gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  DiscoverData *dd;

  g_return_if_fail (documents_are_valid (documents, n_documents));
  g_return_if_fail (options == NULL || options->topics == NULL || CP_IS_TOPIC_SET (options->topics));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cp_discover_themes_async);
  g_task_set_name (task, "cp_discover_themes_async");

  dd = discover_data_new (documents, n_documents, options, &error);
  if (dd == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, dd, discover_data_free);
  g_task_run_in_thread (task, discover_thread);
}

/**
 * cp_discover_themes_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type CpTheme) (nullable): the
 *   themes, best first, or %NULL with @error set
 */
GPtrArray *
cp_discover_themes_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cp_discover_themes_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
