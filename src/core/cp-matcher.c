/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * CpMatcher: every term of every topic compiled into one deterministic
 * Aho-Corasick automaton that runs over the UTF-8 bytes of a text once.
 * Symbols, the two roots for word boundaries, state order and the parallel
 * scan: docs/matcher.md.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#ifdef G_OS_UNIX
# include <sys/mman.h>
#endif

#include "cp-error.h"
#include "cp-matcher.h"
#include "cp-parallel.h"
#include "cp-unichar.h"

#define MAX_TERM_SYMBOLS   1024
#define MAX_FORKED_HYPHENS 8
#define NO_STATE           G_MAXUINT32
#define PARALLEL_MIN_CHUNK (4 * 1024 * 1024)
#define MAX_THREADS        8
#define INTERLEAVE_MIN_PART (32 * 1024)
#define BLOCK_MENTIONS     4096 /* 64 KiB */

typedef enum
{
  KIND_NONWORD,
  KIND_WORD,
  KIND_CJK,
} CharKind;

/* Fixed symbol classes; classes for the characters of the terms follow. */
enum
{
  CLASS_OTHER,
  CLASS_WORD,
  CLASS_CJK,
  CLASS_SPACE,
  CLASS_DASH,
  CLASS_APOS,
  N_FIXED_CLASSES
};

enum
{
  ROOT_B,
  ROOT_N,
  N_ROOTS
};

typedef struct
{
  guint32 topic;       /* caller's topic index */
  guint32 term;
  guint32 dense_topic; /* 0 .. n_topics-1 */
  guint16 n_symbols;
  guint8  prefix : 1;     /* trailing `*` */
  guint8  need_right : 1; /* ends with a word character */
} Pattern;

typedef struct
{
  guint32  topic;
  guint32  term;
  gboolean prefix;
  GArray  *symbols; /* guint16 classes; a 0xFFFF marks a forkable hyphen */
} PendingTerm;

struct _CpMatcher
{
  GObject parent_instance;

  /* while adding terms */
  GArray     *pending;      /* PendingTerm */
  GHashTable *char_classes; /* folded gunichar (non-ASCII) → class */
  GArray     *class_kinds;  /* guint8 CharKind per class */
  GHashTable *topic_ids;    /* caller topic → dense topic + 1 */

  /* compiled */
  gboolean  compiled;
  guint     n_classes;
  guint     n_states;
  guint     n_topics;
  guint16   ascii_class[128];
  guint32  *delta;         /* n_states * n_classes, premultiplied targets */
  guint32   out_threshold; /* premultiplied id of the first output state */
  guint32  *out_first;     /* per output state: first index in out_patterns */
  guint32  *out_dict;      /* per output state: next output state (as an
                            * index among output states) or NO_STATE */
  guint32  *out_patterns;  /* pattern ids, grouped by state */
  GArray   *patterns;      /* Pattern */
};

G_DEFINE_FINAL_TYPE (CpMatcher, cp_matcher, G_TYPE_OBJECT)

#define FORK_MARK 0xFFFF

static inline gboolean
is_dash (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2013;
}

static inline gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x02BC;
}

static inline gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200B;
}

static CharKind
char_kind (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c) ? KIND_WORD : KIND_NONWORD;

  if (cp_unichar_needs_no_boundary (c))
    return KIND_CJK;

  /* U+02BC is a letter to Unicode, but an apostrophe here: it ends a
   * word as ' and ’ do */
  if (is_apostrophe (c))
    return KIND_NONWORD;

  if (!g_unichar_isalnum (c) && !g_unichar_ismark (c))
    return KIND_NONWORD;

  return KIND_WORD;
}

/* Simple case folding, shared with the terms' keys (cp-unichar.h) */
static inline gunichar
fold (gunichar c)
{
  return cp_unichar_fold (c);
}

static void
cp_matcher_finalize (GObject *object)
{
  CpMatcher *self = (CpMatcher *)object;

  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->char_classes, g_hash_table_unref);
  g_clear_pointer (&self->class_kinds, g_array_unref);
  g_clear_pointer (&self->topic_ids, g_hash_table_unref);
  g_clear_pointer (&self->patterns, g_array_unref);
  g_clear_pointer (&self->delta, g_free);
  g_clear_pointer (&self->out_first, g_free);
  g_clear_pointer (&self->out_dict, g_free);
  g_clear_pointer (&self->out_patterns, g_free);

  G_OBJECT_CLASS (cp_matcher_parent_class)->finalize (object);
}

static void
cp_matcher_class_init (CpMatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cp_matcher_finalize;
}

static void
pending_term_clear (gpointer data)
{
  PendingTerm *pt = data;

  g_clear_pointer (&pt->symbols, g_array_unref);
}

static void
cp_matcher_init (CpMatcher *self)
{
  static const guint8 fixed_kinds[N_FIXED_CLASSES] = {
    [CLASS_OTHER] = KIND_NONWORD,
    [CLASS_WORD] = KIND_WORD,
    [CLASS_CJK] = KIND_CJK,
    [CLASS_SPACE] = KIND_NONWORD,
    [CLASS_DASH] = KIND_NONWORD,
    [CLASS_APOS] = KIND_NONWORD,
  };

  self->pending = g_array_new (FALSE, TRUE, sizeof (PendingTerm));
  g_array_set_clear_func (self->pending, pending_term_clear);
  self->char_classes = g_hash_table_new (NULL, NULL);
  self->class_kinds = g_array_new (FALSE, TRUE, sizeof (guint8));
  g_array_append_vals (self->class_kinds, fixed_kinds, N_FIXED_CLASSES);
  self->topic_ids = g_hash_table_new (NULL, NULL);
  self->patterns = g_array_new (FALSE, TRUE, sizeof (Pattern));

  for (guint b = 0; b < 128; b++)
    {
      if (g_ascii_isspace (b))
        self->ascii_class[b] = CLASS_SPACE;
      else if (b == '-')
        self->ascii_class[b] = CLASS_DASH;
      else if (b == '\'')
        self->ascii_class[b] = CLASS_APOS;
      else if (g_ascii_isalnum (b))
        self->ascii_class[b] = CLASS_WORD;
      else
        self->ascii_class[b] = CLASS_OTHER;
    }
}

/**
 * cp_matcher_new:
 *
 * Creates an empty matcher. Add terms with cp_matcher_add_term(), then
 * call cp_matcher_compile() before scanning.
 *
 * Returns: (transfer full): a new #CpMatcher
 */
CpMatcher *
cp_matcher_new (void)
{
  return g_object_new (CP_TYPE_MATCHER, NULL);
}

/* The class of a character when the text is scanned: never allocates. */
static inline guint
lookup_class (CpMatcher *self,
              gunichar   c)
{
  gunichar f;
  gpointer cls;

  if (is_space (c))
    return CLASS_SPACE;
  if (is_dash (c))
    return CLASS_DASH;
  if (is_apostrophe (c))
    return CLASS_APOS;

  f = fold (c);
  if (f < 0x80)
    return self->ascii_class[f];
  if ((cls = g_hash_table_lookup (self->char_classes, GUINT_TO_POINTER (f))))
    return GPOINTER_TO_UINT (cls);

  switch (char_kind (c))
    {
    case KIND_WORD:
      return CLASS_WORD;
    case KIND_CJK:
      return CLASS_CJK;
    case KIND_NONWORD:
    default:
      return CLASS_OTHER;
    }
}

/* The class of a term's character, allocating one the first time. */
static guint
intern_class (CpMatcher *self,
              gunichar   c)
{
  gunichar f = fold (c);
  guint cls;
  guint8 kind;

  if (f < 0x80)
    {
      cls = self->ascii_class[f];
      if (cls >= N_FIXED_CLASSES)
        return cls;
    }
  else if ((cls = GPOINTER_TO_UINT (g_hash_table_lookup (self->char_classes, GUINT_TO_POINTER (f)))))
    return cls;

  cls = self->class_kinds->len;
  kind = char_kind (f);
  g_array_append_val (self->class_kinds, kind);

  if (f < 0x80)
    {
      self->ascii_class[f] = cls;
      if (g_ascii_isalpha (f))
        self->ascii_class[(guchar) g_ascii_toupper (f)] = cls;
    }
  else
    g_hash_table_insert (self->char_classes, GUINT_TO_POINTER (f), GUINT_TO_POINTER (cls));

  return cls;
}

/**
 * cp_matcher_add_term:
 * @self: a #CpMatcher that is not compiled yet
 * @topic: the topic index that mentions of this term report
 * @term: the term index that mentions of this term report
 * @pattern: the term, e.g. "sunflower seeds" or "tweet*"
 * @error: return location for a #GError
 *
 * Adds a term. Matching is case-insensitive (simple Unicode case folding)
 * and on whole words; a trailing `*` matches any continuation of the last
 * word; a space matches any run of white space; a hyphen matches a hyphen,
 * an en dash or white space; straight and curly apostrophes are equal.
 *
 * Returns: %TRUE, or %FALSE with @error set (%CP_ERROR_INVALID_TERM) when
 *   the term has nothing to match or is too long
 */
gboolean
cp_matcher_add_term (CpMatcher   *self,
                     guint        topic,
                     guint        term,
                     const char  *pattern,
                     GError     **error)
{
  g_autoptr(GArray) symbols = NULL;
  g_autofree char *trimmed = NULL;
  PendingTerm pt = { 0 };
  gboolean prefix = FALSE;
  gboolean in_space = FALSE;
  gboolean has_word_char = FALSE;
  gsize len;

  g_return_val_if_fail (CP_IS_MATCHER (self), FALSE);
  g_return_val_if_fail (!self->compiled, FALSE);
  g_return_val_if_fail (pattern != NULL, FALSE);
  g_return_val_if_fail (g_utf8_validate (pattern, -1, NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = g_strstrip (g_strdup (pattern));
  len = strlen (trimmed);
  if (len > 0 && trimmed[len - 1] == '*')
    {
      prefix = TRUE;
      trimmed[--len] = '\0';
      g_strchomp (trimmed);
    }

  symbols = g_array_new (FALSE, FALSE, sizeof (guint16));

  for (const char *p = trimmed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint16 sym;

      if (is_space (c))
        {
          if (!in_space)
            {
              sym = CLASS_SPACE;
              g_array_append_val (symbols, sym);
            }
          in_space = TRUE;
          continue;
        }
      in_space = FALSE;
      has_word_char |= g_unichar_isalnum (c) || g_unichar_ismark (c);

      if (is_dash (c))
        sym = FORK_MARK;
      else if (is_apostrophe (c))
        sym = CLASS_APOS;
      else
        {
          guint cls = intern_class (self, c);

          if (cls >= FORK_MARK)
            {
              g_set_error (error, CP_ERROR, CP_ERROR_INVALID_TERM,
                           _("The term “%s” uses more distinct characters than a topic set can hold."),
                           pattern);
              return FALSE;
            }
          sym = cls;
        }
      g_array_append_val (symbols, sym);
    }

  /* Spaces, hyphens and apostrophes alone (a no-break space, a lone
   * "-") would match between every pair of words */
  if (!has_word_char)
    {
      g_set_error (error, CP_ERROR, CP_ERROR_INVALID_TERM,
                   _("The term “%s” has nothing to match. Give it at least one letter or digit."),
                   pattern);
      return FALSE;
    }

  if (symbols->len > MAX_TERM_SYMBOLS)
    {
      g_autofree char *start = g_utf8_substring (pattern, 0, 40);

      g_set_error (error, CP_ERROR, CP_ERROR_INVALID_TERM,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The term “%s…” is longer than %u character. Use a shorter phrase.",
                                "The term “%s…” is longer than %u characters. Use a shorter phrase.",
                                MAX_TERM_SYMBOLS),
                   start, MAX_TERM_SYMBOLS);
      return FALSE;
    }

  pt.topic = topic;
  pt.term = term;
  pt.prefix = prefix;
  pt.symbols = g_steal_pointer (&symbols);
  g_array_append_val (self->pending, pt);

  if (!g_hash_table_contains (self->topic_ids, GUINT_TO_POINTER (topic)))
    g_hash_table_insert (self->topic_ids, GUINT_TO_POINTER (topic),
                         GUINT_TO_POINTER (g_hash_table_size (self->topic_ids) + 1));

  return TRUE;
}

/**
 * cp_matcher_new_for_topics:
 * @topics: a #CpTopicSet
 * @error: return location for a #GError
 *
 * Compiles the terms of every enabled topic of @topics. Mentions report
 * the topic's position in the set and the term's index in the topic.
 *
 * Returns: (transfer full) (nullable): a compiled matcher, or %NULL when a
 *   term is invalid; the error names the topic and the term
 */
CpMatcher *
cp_matcher_new_for_topics (CpTopicSet  *topics,
                           GError     **error)
{
  g_autoptr(CpMatcher) self = NULL;
  guint n;

  g_return_val_if_fail (CP_IS_TOPIC_SET (topics), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = cp_matcher_new ();
  n = cp_topic_set_get_n_topics (topics);

  for (guint i = 0; i < n; i++)
    {
      CpTopic *topic = cp_topic_set_get_topic (topics, i);
      const char * const *terms;

      if (!cp_topic_get_enabled (topic))
        continue;

      terms = cp_topic_get_terms (topic);
      for (guint j = 0; terms != NULL && terms[j] != NULL; j++)
        {
          if (!cp_matcher_add_term (self, i, j, terms[j], error))
            {
              g_prefix_error (error, _("Topic “%s”: "), cp_topic_get_display_label (topic));
              return NULL;
            }
        }
    }

  if (!cp_matcher_compile (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

typedef struct
{
  guint32 *table;      /* goto, then the complete transition table */
  guint16 *in_symbol;  /* per state */
  guint32 *own_first;  /* per state: head of its pattern list, or NO_STATE */
  guint32 *pat_next;   /* per pattern: next pattern of the same state */
  guint    n_states;
  guint    capacity;
  guint    n_classes;
} Builder;

static guint
builder_add_state (Builder *b,
                   guint16  in_symbol)
{
  guint id;

  if (b->n_states == b->capacity)
    {
      b->capacity = MAX (64, b->capacity * 2);
      b->table = g_renew (guint32, b->table, (gsize) b->capacity * b->n_classes);
      b->in_symbol = g_renew (guint16, b->in_symbol, b->capacity);
      b->own_first = g_renew (guint32, b->own_first, b->capacity);
    }

  id = b->n_states++;
  memset (&b->table[(gsize) id * b->n_classes], 0, sizeof (guint32) * b->n_classes);
  b->in_symbol[id] = in_symbol;
  b->own_first[id] = NO_STATE;
  return id;
}

static void
builder_insert (Builder       *b,
                const guint16 *symbols,
                guint          n_symbols,
                guint          pattern_id)
{
  guint state = ROOT_B; /* ROOT_B's goto row is the trie's root */

  for (guint i = 0; i < n_symbols; i++)
    {
      guint32 *slot = &b->table[(gsize) state * b->n_classes + symbols[i]];

      if (*slot == 0)
        {
          guint child = builder_add_state (b, symbols[i]);

          /* the table may have moved */
          slot = &b->table[(gsize) state * b->n_classes + symbols[i]];
          *slot = child;
        }
      state = *slot;
    }

  b->pat_next[pattern_id] = b->own_first[state];
  b->own_first[state] = pattern_id;
}

/* Inserts every spelling of a term: each forkable hyphen becomes DASH or
 * SPACE, except at the ends where it can only be a dash. */
static void
insert_variants (CpMatcher   *self,
                 Builder     *b,
                 GArray      *patterns_out,
                 GArray      *pat_next_out,
                 PendingTerm *pt,
                 guint32      dense_topic)
{
  const guint16 *syms = (const guint16 *)(gpointer) pt->symbols->data;
  guint n = pt->symbols->len;
  g_autofree guint16 *work = g_new (guint16, n);
  guint fork_pos[MAX_FORKED_HYPHENS];
  guint n_forks = 0;
  guint last_kind = g_array_index (self->class_kinds, guint8, syms[n - 1] == FORK_MARK ? CLASS_DASH : syms[n - 1]);

  for (guint i = 0; i < n; i++)
    {
      work[i] = syms[i] == FORK_MARK ? CLASS_DASH : syms[i];
      if (syms[i] == FORK_MARK && i > 0 && i + 1 < n && n_forks < MAX_FORKED_HYPHENS &&
          syms[i - 1] != CLASS_SPACE && syms[i + 1] != CLASS_SPACE)
        fork_pos[n_forks++] = i;
    }

  for (guint mask = 0; mask < (1u << n_forks); mask++)
    {
      Pattern pat = { 0 };
      guint32 none = NO_STATE;

      for (guint f = 0; f < n_forks; f++)
        work[fork_pos[f]] = (mask & (1u << f)) ? CLASS_SPACE : CLASS_DASH;

      pat.topic = pt->topic;
      pat.term = pt->term;
      pat.dense_topic = dense_topic;
      pat.n_symbols = n;
      pat.prefix = pt->prefix;
      pat.need_right = last_kind == KIND_WORD && !pt->prefix;
      g_array_append_val (patterns_out, pat);
      g_array_append_val (pat_next_out, none);

      b->pat_next = (guint32 *)(gpointer) pat_next_out->data;
      builder_insert (b, work, n, patterns_out->len - 1);
    }
}

/**
 * cp_matcher_compile:
 * @self: a #CpMatcher
 * @error: return location for a #GError
 *
 * Builds the automaton. Terms cannot be added afterwards.
 *
 * Returns: %TRUE on success
 */
gboolean
cp_matcher_compile (CpMatcher  *self,
                    GError    **error)
{
  Builder b = { 0 };
  g_autoptr(GArray) pat_next = NULL;
  g_autofree guint32 *fail = NULL;
  g_autofree guint32 *queue = NULL;
  g_autofree guint32 *perm = NULL;
  g_autofree guint32 *children = NULL;
  g_autofree guint32 *own_first = NULL;
  g_autofree guint32 *dict = NULL;
  const guint8 *kinds;
  guint32 *table;
  guint head = 0, tail = 0;
  guint n_out = 0, next_plain, next_out, n_classes;
  guint n_pat_slots = 0;

  g_return_val_if_fail (CP_IS_MATCHER (self), FALSE);
  g_return_val_if_fail (!self->compiled, FALSE);
  g_return_val_if_fail (self->pending != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_classes = self->class_kinds->len;
  kinds = (const guint8 *)self->class_kinds->data;

  b.n_classes = n_classes;
  builder_add_state (&b, CLASS_OTHER); /* ROOT_B, also the trie root */
  builder_add_state (&b, CLASS_WORD);  /* ROOT_N */

  pat_next = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; i < self->pending->len; i++)
    {
      PendingTerm *pt = &g_array_index (self->pending, PendingTerm, i);
      guint dense = GPOINTER_TO_UINT (g_hash_table_lookup (self->topic_ids, GUINT_TO_POINTER (pt->topic))) - 1;

      insert_variants (self, &b, self->patterns, pat_next, pt, dense);

      if ((guint64) b.n_states * n_classes >= G_MAXUINT32)
        {
          g_free (b.table);
          g_free (b.in_symbol);
          g_free (b.own_first);
          g_set_error (error, CP_ERROR, CP_ERROR_INVALID_TERM,
                       _("Too many terms to match at once. Use fewer or shorter terms."));
          return FALSE;
        }
    }
  g_clear_pointer (&self->pending, g_array_unref);

  table = b.table;
  fail = g_new0 (guint32, b.n_states);
  queue = g_new (guint32, b.n_states);
  children = g_new (guint32, n_classes);

  /* Root rows. ROOT_B's goto row holds the trie root's children. */
  for (guint c = 0; c < n_classes; c++)
    {
      guint32 child = table[ROOT_B * n_classes + c];
      guint32 fallback = kinds[c] == KIND_WORD ? ROOT_N : ROOT_B;

      if (child)
        {
          fail[child] = fallback;
          queue[tail++] = child;
        }
      else
        table[ROOT_B * n_classes + c] = fallback;

      table[ROOT_N * n_classes + c] = (child && kinds[c] != KIND_WORD) ? child : fallback;
    }

  /* Breadth first: a state's row is its failure state's row, with its own
   * children on top. Failure states are shallower, so their rows are done. */
  while (head < tail)
    {
      guint32 s = queue[head++];
      guint32 *row = &table[(gsize) s * n_classes];
      const guint32 *frow = &table[(gsize) fail[s] * n_classes];
      guint n_children = 0;

      for (guint c = 0; c < n_classes; c++)
        if (row[c])
          children[n_children++] = c;

      for (guint k = 0; k < n_children; k++)
        {
          guint c = children[k];
          guint32 child = row[c];

          fail[child] = frow[c];
          queue[tail++] = child;
        }

      for (guint c = 0, k = 0; c < n_classes; c++)
        {
          if (k < n_children && children[k] == c)
            k++;
          else
            row[c] = frow[c];
        }

      if (b.in_symbol[s] == CLASS_SPACE)
        row[CLASS_SPACE] = s;
    }

  /* Output links: the nearest state on the failure chain with patterns. */
  dict = g_new (guint32, b.n_states);
  dict[ROOT_B] = dict[ROOT_N] = NO_STATE;
  for (guint i = 0; i < tail; i++)
    {
      guint32 s = queue[i];
      guint32 f = fail[s];

      dict[s] = b.own_first[f] != NO_STATE ? f : dict[f];
    }

  /* Renumber: states without output first, roots keeping 0 and 1. */
  perm = g_new (guint32, b.n_states);
  for (guint s = 0; s < b.n_states; s++)
    if (b.own_first[s] != NO_STATE || dict[s] != NO_STATE)
      n_out++;

  next_plain = 0;
  next_out = b.n_states - n_out;
  for (guint s = 0; s < b.n_states; s++)
    {
      if (b.own_first[s] != NO_STATE || dict[s] != NO_STATE)
        perm[s] = next_out++;
      else
        perm[s] = next_plain++;
    }
  g_assert (perm[ROOT_B] == ROOT_B && perm[ROOT_N] == ROOT_N);

  self->n_states = b.n_states;
  self->n_classes = n_classes;
  self->delta = g_new (guint32, (gsize) b.n_states * n_classes);
  for (guint s = 0; s < b.n_states; s++)
    {
      const guint32 *src = &table[(gsize) s * n_classes];
      guint32 *dst = &self->delta[(gsize) perm[s] * n_classes];

      for (guint c = 0; c < n_classes; c++)
        dst[c] = perm[src[c]] * n_classes;
    }
  self->out_threshold = (b.n_states - n_out) * n_classes;

  /* Pattern lists of the output states, in new numbering. */
  self->out_first = g_new (guint32, n_out + 1);
  self->out_dict = g_new (guint32, MAX (n_out, 1));
  own_first = g_new (guint32, n_out);
  for (guint s = 0; s < b.n_states; s++)
    {
      guint o;

      if (perm[s] < b.n_states - n_out)
        continue;
      o = perm[s] - (b.n_states - n_out);
      own_first[o] = b.own_first[s];
      self->out_dict[o] = dict[s] == NO_STATE ? NO_STATE : perm[dict[s]] - (b.n_states - n_out);
    }
  self->out_patterns = g_new (guint32, MAX (self->patterns->len, 1));
  for (guint o = 0; o < n_out; o++)
    {
      self->out_first[o] = n_pat_slots;
      for (guint32 p = own_first[o]; p != NO_STATE; p = b.pat_next[p])
        self->out_patterns[n_pat_slots++] = p;
    }
  self->out_first[n_out] = n_pat_slots;

  self->n_topics = g_hash_table_size (self->topic_ids);
  self->compiled = TRUE;

  g_free (b.table);
  g_free (b.in_symbol);
  g_free (b.own_first);

  return TRUE;
}

/**
 * cp_matcher_get_n_states:
 * @self: a compiled #CpMatcher
 *
 * Returns: the number of states of the automaton
 */
guint
cp_matcher_get_n_states (CpMatcher *self)
{
  g_return_val_if_fail (CP_IS_MATCHER (self), 0);
  g_return_val_if_fail (self->compiled, 0);

  return self->n_states;
}

/**
 * cp_matcher_get_memory_size:
 * @self: a compiled #CpMatcher
 *
 * Returns: the bytes the compiled automaton holds
 */
gsize
cp_matcher_get_memory_size (CpMatcher *self)
{
  guint n_out;

  g_return_val_if_fail (CP_IS_MATCHER (self), 0);
  g_return_val_if_fail (self->compiled, 0);

  n_out = self->n_states - self->out_threshold / MAX (self->n_classes, 1);

  return sizeof *self
         + (gsize) self->n_states * self->n_classes * sizeof (guint32)
         + (gsize) (2 * n_out + 1) * sizeof (guint32)
         + (gsize) self->patterns->len * (sizeof (Pattern) + sizeof (guint32))
         + g_hash_table_size (self->char_classes) * 2 * sizeof (gpointer);
}

/* --- scanning --- */

static inline guint
next_symbol_class (CpMatcher     *self,
                   const guint8 **pp)
{
  const guint8 *p = *pp;
  gunichar c;

  if (*p < 0x80)
    {
      *pp = p + 1;
      return self->ascii_class[*p];
    }

  c = g_utf8_get_char ((const char *)p);
  *pp = (const guint8 *)g_utf8_next_char (p);
  return lookup_class (self, c);
}

static inline gunichar
char_at (const guint8 *p)
{
  return *p < 0x80 ? *p : g_utf8_get_char ((const char *)p);
}

static inline const guint8 *
prev_char (const guint8 *p)
{
  do
    p--;
  while ((*p & 0xC0) == 0x80);
  return p;
}

static inline gboolean
char_is_space (gunichar c)
{
  return c < 0x80 ? g_ascii_isspace (c) : is_space (c);
}

/* Where a match of @n_symbols symbols that ends at @end starts. */
static const guint8 *
walk_back (const guint8 *text,
           const guint8 *end,
           guint         n_symbols)
{
  const guint8 *p = end;

  while (n_symbols-- > 0)
    {
      const guint8 *q = prev_char (p);

      if (char_is_space (char_at (q)))
        {
          while (q > text)
            {
              const guint8 *r = prev_char (q);

              if (!char_is_space (char_at (r)))
                break;
              q = r;
            }
        }
      p = q;
    }

  return p;
}

static inline CharKind
kind_at (CpMatcher    *self,
         const guint8 *p)
{
  if (*p < 0x80)
    return g_ascii_isalnum (*p) ? KIND_WORD : KIND_NONWORD;
  return char_kind (g_utf8_get_char ((const char *)p));
}

/* Candidates are gathered in blocks that go back to the system as soon as
 * they are copied into the result, so that a scan never holds much more
 * than the 16 bytes a mention costs in the result: no array that doubles
 * by copying, no second array per thread. */
typedef struct
{
  GPtrArray *blocks;
  guint      n_last; /* mentions in the last block */
} Candidates;

static CpMention *
block_new (void)
{
  gsize size = BLOCK_MENTIONS * sizeof (CpMention);
#ifdef G_OS_UNIX
  void *block = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

  if (block == MAP_FAILED)
    g_error ("%s: failed to allocate %" G_GSIZE_FORMAT " bytes", G_STRLOC, size);
  return block;
#else
  return g_malloc (size);
#endif
}

static void
block_free (gpointer block)
{
#ifdef G_OS_UNIX
  munmap (block, BLOCK_MENTIONS * sizeof (CpMention));
#else
  g_free (block);
#endif
}

static void
candidates_init (Candidates *c)
{
  c->blocks = g_ptr_array_new_with_free_func (block_free);
  c->n_last = BLOCK_MENTIONS;
}

static inline CpMention *
candidates_push (Candidates *c)
{
  if (G_UNLIKELY (c->n_last == BLOCK_MENTIONS))
    {
      g_ptr_array_add (c->blocks, block_new ());
      c->n_last = 0;
    }
  return &((CpMention *)c->blocks->pdata[c->blocks->len - 1])[c->n_last++];
}

static gsize
candidates_count (const Candidates *c)
{
  if (c->blocks->len == 0)
    return 0;
  return (gsize) (c->blocks->len - 1) * BLOCK_MENTIONS + c->n_last;
}

/* Moves the candidates to the end of @array, releasing each block once
 * it is copied. */
static void
candidates_move_to (Candidates *c,
                    GArray     *array)
{
  for (guint i = 0; i < c->blocks->len; i++)
    {
      guint n = i + 1 == c->blocks->len ? c->n_last : BLOCK_MENTIONS;

      g_array_append_vals (array, c->blocks->pdata[i], n);
      block_free (g_steal_pointer (&c->blocks->pdata[i]));
    }
  g_ptr_array_set_free_func (c->blocks, NULL);
  g_clear_pointer (&c->blocks, g_ptr_array_unref);
}

typedef struct
{
  CpMatcher    *self;
  const guint8 *text;     /* the whole text */
  const guint8 *text_end;
  const guint8 *from;     /* where this part starts scanning */
  const guint8 *until;    /* report only matches starting before this */
  Candidates    raw;      /* by end */
} ScanJob;

static void
report (ScanJob      *job,
        guint32       state,
        const guint8 *end)
{
  CpMatcher *self = job->self;
  guint32 o = (state - self->out_threshold) / self->n_classes;

  while (o != NO_STATE)
    {
      for (guint i = self->out_first[o]; i < self->out_first[o + 1]; i++)
        {
          const Pattern *pat = &g_array_index (self->patterns, Pattern, self->out_patterns[i]);
          const guint8 *start;
          const guint8 *stop = end;
          CpMention *m;

          if (pat->need_right && stop < job->text_end && kind_at (self, stop) == KIND_WORD)
            continue;

          start = walk_back (job->text, end, pat->n_symbols);
          if (start >= job->until)
            continue;

          if (pat->prefix)
            while (stop < job->text_end && kind_at (self, stop) == KIND_WORD)
              stop = (const guint8 *)g_utf8_next_char (stop);

          m = candidates_push (&job->raw);
          m->start = start - job->text;
          m->end = stop - job->text;
          m->topic = pat->dense_topic;
          m->term = pat->term;
        }

      o = self->out_dict[o];
    }
}

/* Runs the automaton over a part from @p in state @s, until the part's end
 * when no match can still be in progress. */
static void
scan_from (ScanJob      *job,
           const guint8 *p,
           guint32       s)
{
  CpMatcher *self = job->self;
  const guint32 *delta = self->delta;
  const guint16 *ascii_class = self->ascii_class;
  const guint32 threshold = self->out_threshold;
  const guint32 root_n = ROOT_N * self->n_classes;
  const guint8 *end = job->text_end;

  while (p < end)
    {
      guint b = *p;

      if (G_LIKELY (b < 0x80))
        {
          p++;
          s = delta[s + ascii_class[b]];
        }
      else
        s = delta[s + next_symbol_class (self, &p)];

      if (G_UNLIKELY (s >= threshold))
        report (job, s, p);
      else if (p >= job->until && s <= root_n)
        break; /* past our part, and no match in progress */
    }
}

/* Scans two parts in lockstep. Each step of one automaton waits for the
 * table load of the step before; two independent walks let the processor
 * overlap those loads, which nearly doubles the throughput of a core. */
static void
scan_two (ScanJob *a,
          ScanJob *b)
{
  CpMatcher *self = a->self;
  const guint32 *delta = self->delta;
  const guint16 *ascii_class = self->ascii_class;
  const guint32 threshold = self->out_threshold;
  const guint8 *pa = a->from;
  const guint8 *pb = b->from;
  guint32 sa = ROOT_B;
  guint32 sb = ROOT_B;

  for (;;)
    {
      gsize n = MIN (a->until - pa, b->until - pb);
      const guint8 *stop = pa + n;

      if (n == 0)
        break;

      while (pa < stop)
        {
          guint ba = *pa;
          guint bb = *pb;

          if (G_UNLIKELY ((ba | bb) & 0x80))
            break;

          sa = delta[sa + ascii_class[ba]];
          sb = delta[sb + ascii_class[bb]];
          pa++;
          pb++;

          if (G_UNLIKELY (sa >= threshold))
            report (a, sa, pa);
          if (G_UNLIKELY (sb >= threshold))
            report (b, sb, pb);
        }

      if (pa < stop)
        {
          /* Parts end at character boundaries, so a character never
           * takes a lane past its part. */
          if (*pa & 0x80)
            {
              sa = delta[sa + next_symbol_class (self, &pa)];
              if (sa >= threshold)
                report (a, sa, pa);
            }
          if (pb < b->until && (*pb & 0x80))
            {
              sb = delta[sb + next_symbol_class (self, &pb)];
              if (sb >= threshold)
                report (b, sb, pb);
            }
        }
    }

  scan_from (a, pa, sa);
  scan_from (b, pb, sb);
}

static int
compare_mentions (gconstpointer a,
                  gconstpointer b)
{
  const CpMention *x = a;
  const CpMention *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->topic != y->topic)
    return x->topic < y->topic ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  if (x->term != y->term)
    return x->term < y->term ? -1 : 1;
  return 0;
}

/* Candidates come ordered by their end, which for most texts is their
 * order by start as well: insertion sort is linear then. */
static void
sort_candidates (GArray *raw)
{
  CpMention *m = (CpMention *)(gpointer) raw->data;
  guint n = raw->len;
  gsize budget = 16 * (gsize) n + 4096;

  for (guint i = 1; i < n; i++)
    {
      CpMention key = m[i];
      guint j = i;

      while (j > 0 && compare_mentions (&m[j - 1], &key) > 0)
        {
          m[j] = m[j - 1];
          j--;
          if (--budget == 0)
            {
              m[j] = key;
              qsort (m, n, sizeof *m, compare_mentions);
              return;
            }
        }
      m[j] = key;
    }
}

static void
select_leftmost_longest (CpMatcher *self,
                         GArray    *raw)
{
  g_autofree guint32 *last_end = g_new0 (guint32, MAX (self->n_topics, 1));
  g_autofree guint32 *topic_of = g_new (guint32, MAX (self->n_topics, 1));
  CpMention *m = (CpMention *)(gpointer) raw->data;
  GHashTableIter iter;
  gpointer key, value;
  guint kept = 0;

  gboolean in_order = TRUE;

  g_hash_table_iter_init (&iter, self->topic_ids);
  while (g_hash_table_iter_next (&iter, &key, &value))
    topic_of[GPOINTER_TO_UINT (value) - 1] = GPOINTER_TO_UINT (key);
  for (guint t = 1; t < self->n_topics; t++)
    in_order &= topic_of[t - 1] < topic_of[t];

  /* Sorted by start, then longest first: a candidate is kept when it
   * begins after the last kept mention of its topic. */
  for (guint i = 0; i < raw->len; i++)
    {
      if (m[i].start < last_end[m[i].topic])
        continue;
      last_end[m[i].topic] = m[i].end;
      m[kept] = m[i];
      m[kept].topic = topic_of[m[i].topic];
      kept++;
    }
  g_array_set_size (raw, kept);

  /* Terms added out of their topics' order: mentions that start together
   * are ordered by the topic's own number, as documented, not by the
   * order the topics were first seen */
  if (!in_order)
    g_array_sort (raw, compare_mentions);
}

static gpointer
scan_thread (gpointer data)
{
  ScanJob *pair = data;

  if (pair[1].self != NULL)
    scan_two (&pair[0], &pair[1]);
  else
    scan_from (&pair[0], pair[0].from, ROOT_B);

  return NULL;
}

/* Where a part after @nominal may begin: just after a character that is
 * not part of a word, where ROOT_B is the state for any match that starts
 * in the part. */
static const guint8 *
part_start (CpMatcher    *self,
            const guint8 *text,
            const guint8 *end,
            const guint8 *nominal)
{
  const guint8 *p = nominal;

  while (p < end && (*p & 0xC0) == 0x80)
    p++;
  while (p < end && kind_at (self, p) == KIND_WORD)
    p = (const guint8 *)g_utf8_next_char (p);
  if (p < end)
    p = (const guint8 *)g_utf8_next_char (p);

  return p;
}

/**
 * cp_matcher_scan:
 * @self: a compiled #CpMatcher
 * @text: valid UTF-8
 * @length: length of @text in bytes, at most %G_MAXUINT32
 *
 * Finds every mention of every term in @text, in one pass. Overlapping
 * mentions of one topic are reported once (leftmost, then longest);
 * mentions of different topics may overlap.
 *
 * Returns: (transfer full) (element-type CpMention): the mentions, ordered
 *   by start, then topic
 */
GArray *
cp_matcher_scan (CpMatcher  *self,
                 const char *text,
                 gsize       length)
{
  ScanJob jobs[2 * MAX_THREADS + 1];
  const guint8 *t = (const guint8 *)text;
  GArray *result;
  guint n_threads = 1;
  guint n_parts;
  gsize total = 0;

  g_return_val_if_fail (CP_IS_MATCHER (self), NULL);
  g_return_val_if_fail (self->compiled, NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (length <= G_MAXUINT32, NULL);

  if (self->patterns->len == 0 || length == 0)
    return g_array_new (FALSE, FALSE, sizeof (CpMention));

  if (length >= 2 * PARALLEL_MIN_CHUNK)
    n_threads = CLAMP (MIN (g_get_num_processors (), length / PARALLEL_MIN_CHUNK), 1, MAX_THREADS);
  n_parts = length >= INTERLEAVE_MIN_PART * 2 ? 2 * n_threads : 1;

  memset (jobs, 0, sizeof jobs);
  for (guint i = 0; i < n_parts; i++)
    {
      const guint8 *from = t;

      if (i > 0)
        from = part_start (self, t, t + length, MAX (t + (length / n_parts) * i, jobs[i - 1].from));

      jobs[i].self = self;
      jobs[i].text = t;
      jobs[i].text_end = t + length;
      jobs[i].from = from;
      jobs[i].until = t + length;
      candidates_init (&jobs[i].raw);
      if (i > 0)
        jobs[i - 1].until = from;
    }

  /* Thread k scans parts 2k and 2k + 1; the calling thread is thread 0. */
  cp_parallel_run ("cp-matcher-scan", scan_thread, jobs, 2 * sizeof jobs[0], n_threads, n_threads);

  for (guint i = 0; i < n_parts; i++)
    total += candidates_count (&jobs[i].raw);
  result = g_array_sized_new (FALSE, FALSE, sizeof (CpMention), total);
  for (guint i = 0; i < n_parts; i++)
    candidates_move_to (&jobs[i].raw, result);

  sort_candidates (result);
  select_leftmost_longest (self, result);

  return result;
}
