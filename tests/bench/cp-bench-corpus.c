/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cp-bench-corpus: writes a reproducible corpus of English-like film
 * reviews and the pattern sets the tagger benchmark searches it for.
 *
 *   cp-bench-corpus --seed N --size MB --out DIR
 *
 * DIR/corpus.txt          about MB × 10⁶ bytes of review prose
 * DIR/patterns-10.txt     10 phrases about the film, one per line
 * DIR/patterns-1000.txt   those 10 and 990 more (names, rare words and
 *                         phrases built from the vocabulary)
 * DIR/patterns-N.topics   the same phrases as topic sets for the CLI:
 *                         10 topics of 1 term, and 50 topics of 20 terms
 *                         (topic t holds phrases 20t … 20t+19 in order)
 * DIR/planted.txt         how many pattern occurrences the generator
 *                         wrote, and how many of them a line break splits
 *
 * Everything comes from one GRand seeded with N, so the files are the
 * same byte for byte on every machine. No pattern contains another one as
 * a run of whole words, multi-word patterns are built from generated words
 * only, and the grammar is kept from putting them together by chance: the
 * planted counts are what a correct tagger reports (and, less the split
 * ones, what `rg -i -F -w` does).
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#define N_SMALL_SET      10
#define N_LARGE_SET      1000
#define TERMS_PER_TOPIC  20
#define WRAP_COLUMN      72
#define MAX_SIZE_MB      4000

/* Phrases about "Ai Weiwei: Never Sorry"; the 10-pattern set. */
static const char * const film_phrases[N_SMALL_SET] = {
  "Twitter", "Ai Weiwei", "sunflower seeds", "Sichuan earthquake", "Tate Modern",
  "surveillance cameras", "Olympic stadium", "Chengdu police", "Shanghai studio",
  "house arrest",
};

/* Names; all of them are patterns of the 1000-set, some with non-ASCII
 * letters (and one in Han characters, which needs no word boundary). */
static const char * const names[] = {
  "Alison Klayman", "Ai Qing", "Gao Ying", "Lu Qing", "Ai Lao", "Tan Zuoren",
  "Liu Xiaobo", "Zürich", "Jingdezhen", "Caochangdi", "Kassel", "Munich",
  "Haus der Kunst", "Lisson Gallery", "Fake Design", "Uli Sigg", "Beijing",
  "São Paulo", "Malmö", "Kraków", "Düsseldorf", "Bogotá", "Reykjavík", "Genève",
  "Herzog & de Meuron", "Hirshhorn", "Venice Biennale", "documenta", "Gwangju",
  "Zoë Bell", "José Ortega", "Søren Lund", "Ólafur", "Chloé Martin", "Nuñez",
  "Ebbinghaus", "Wang Fen", "Zhao Zhao", "Chen Danqing", "Lao Tzu",
  "艾未未",
};

static const char * const nouns[] = {
  "film", "artist", "documentary", "camera", "studio", "director", "story", "work",
  "audience", "government", "police", "city", "scene", "moment", "gallery", "exhibition",
  "installation", "sculpture", "portrait", "photograph", "sequence", "interview", "footage",
  "voice", "critic", "viewer", "officer", "state", "country", "village", "street",
  "building", "river", "mountain", "market", "factory", "worker", "porcelain", "kiln",
  "seed", "ceramic", "bicycle", "crab", "dinner", "feast", "blog", "message", "post",
  "account", "follower", "phone", "computer", "internet", "wall", "door", "window",
  "room", "house", "courtyard", "garden", "tree", "bird", "cat", "dog", "mother",
  "father", "brother", "son", "wife", "friend", "family", "child", "student", "teacher",
  "school", "classroom", "rubble", "backpack", "name", "list", "record", "archive",
  "memory", "history", "past", "future", "day", "night", "morning", "evening", "year",
  "month", "hour", "minute", "life", "death", "freedom", "silence", "noise", "light",
  "shadow", "color", "surface", "texture", "material", "wood", "stone", "metal",
  "glass", "paper", "ink", "paint", "brush", "canvas", "frame", "edge", "line", "shape",
  "space", "distance", "question", "answer", "argument", "idea", "thought", "feeling",
  "anger", "humor", "courage", "fear", "hope", "doubt", "truth", "lie", "rumor", "trial",
  "court", "lawyer", "tax", "fine", "bill", "debt", "protest", "crowd", "march", "sign",
  "banner", "slogan", "symbol", "gesture", "finger", "hand", "face", "head", "eye",
  "mouth", "beard", "shirt", "coat", "hat", "chair", "table", "bed", "cup", "bowl",
  "vase", "urn", "tile", "brick", "roof", "floor", "ceiling", "staircase", "hallway",
  "corridor", "hotel", "hospital", "surgery", "injury", "headline", "newspaper",
  "magazine", "journalist", "reporter", "editor", "translator", "producer", "soundtrack",
  "score", "music", "song", "rhythm", "pace", "tone", "mood", "tension", "structure",
  "narrative", "chapter", "ending", "beginning", "climax", "detail", "surprise", "irony",
  "tenderness", "warmth", "cruelty", "power", "authority", "system", "bureaucracy",
  "official", "permit", "visa", "passport", "border", "airport", "flight", "journey",
  "trip", "visit", "return", "absence", "presence", "arrest", "detention", "release",
  "verdict", "charge", "crime", "company", "design", "architecture", "architect", "plan",
  "model", "drawing", "sketch", "project", "commission", "museum", "curator",
  "collector", "auction", "price", "value", "money", "fortune", "fame", "celebrity",
  "icon", "hero", "villain", "rebel", "citizen", "nation", "party", "flag", "uniform",
  "guard", "soldier", "winter", "summer", "rain", "snow", "dust", "smoke", "road",
  "bridge", "train", "car", "van", "boat", "island", "harbor", "sky", "cloud",
};

static const char * const adjectives[] = {
  "quiet", "patient", "angry", "calm", "gentle", "fierce", "brave", "stubborn", "playful",
  "serious", "funny", "sad", "tender", "bitter", "sharp", "clear", "bright", "dark",
  "pale", "vivid", "rich", "poor", "huge", "tiny", "vast", "small", "large", "long",
  "short", "slow", "steady", "restless", "careful", "honest", "sincere", "ironic",
  "political", "personal", "public", "private", "secret", "open", "strange", "familiar",
  "ordinary", "remarkable", "beautiful", "elegant", "clumsy", "modest", "bold",
  "cautious", "reckless", "defiant", "hopeful", "tired", "warm", "cold", "heavy",
  "empty", "full", "broken", "whole", "fragile", "solid", "hollow", "ancient", "modern",
  "new", "old", "young", "recent", "early", "late", "final", "first", "last", "central",
  "global", "local", "national", "foreign", "domestic", "western", "eastern", "urban",
  "rural", "digital", "visual", "musical", "moral", "social", "artistic", "critical",
  "historical", "emotional", "physical", "simple", "complex", "subtle", "obvious",
  "direct", "precise", "rough", "smooth", "soft", "hard", "cheap", "expensive",
  "famous", "unknown", "hidden", "visible", "silent", "noisy", "crowded", "lonely",
  "relentless", "absurd", "grim", "joyful", "mournful", "haunting", "memorable",
  "compelling", "uneven", "sprawling", "intimate", "candid", "sly", "wry", "deadpan",
  "curious", "furious", "generous", "nervous", "anxious", "gray", "red", "white",
};

/* Third person singular, so that any subject fits. */
static const char * const verbs[] = {
  "shows", "captures", "follows", "reveals", "hides", "films", "records", "documents",
  "frames", "watches", "observes", "ignores", "questions", "challenges", "defies",
  "mocks", "praises", "criticizes", "explains", "describes", "remembers", "forgets",
  "builds", "breaks", "paints", "draws", "photographs", "counts", "names", "lists",
  "collects", "arranges", "scatters", "carries", "lifts", "drops", "holds", "opens",
  "closes", "enters", "leaves", "visits", "crosses", "meets", "greets", "invites",
  "refuses", "accepts", "demands", "answers", "finds", "loses", "keeps", "sends",
  "receives", "tracks", "sketches", "measures", "weighs", "sells", "buys", "destroys",
  "restores", "repairs", "imagines", "suggests", "dismisses", "celebrates", "mourns",
  "provokes", "confronts", "avoids", "embraces", "protects", "threatens", "studies",
};

static const char * const adverbs[] = {
  "quietly", "slowly", "carefully", "patiently", "suddenly", "finally", "openly", "gently",
  "sharply", "briefly", "barely", "nearly", "clearly", "simply", "deeply", "strangely",
  "oddly", "truly", "often", "rarely", "never", "always", "again", "still", "almost",
  "perhaps", "stubbornly", "calmly", "boldly", "wryly",
};

static const char * const prepositions[] = {
  "of", "of", "of", "in", "in", "on", "at", "with", "with", "for", "from", "by",
  "about", "into", "through", "after", "before", "under", "over", "between", "against",
  "without", "around", "behind", "beyond", "during", "toward",
};

static const char * const determiners[] = {
  "the", "the", "the", "the", "the", "the", "a", "a", "a", "this", "that", "every",
  "each", "some", "no", "his", "her", "their", "its", "our", "one", "another",
};

static const char * const pronouns[] = {
  "he", "she", "it", "it", "this", "everyone", "nobody", "the film", "the artist",
};

static const char * const copulas[] = {
  "is", "is", "is", "was", "seems", "feels", "remains", "becomes", "looks", "sounds",
};

static const char * const conjunctions[] = {
  "and", "and", "and", "but", "but", "while", "because", "although", "so", "yet", "when",
  "as", "until",
};

/* Pieces of generated words. */
static const char * const onsets[] = {
  "b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "cl",
  "st", "tr", "pl", "gr", "sh", "ch", "th", "fl", "sp", "",
};
static const char * const nuclei[] = {
  "a", "e", "i", "o", "u", "ea", "ou", "ai", "io", "a", "e", "o",
};
static const char * const codas[] = {
  "", "", "", "n", "r", "l", "s", "t", "m", "nd", "st", "rt", "ck",
};
static const char * const noun_suffixes[] = {
  "", "", "tion", "ment", "ness", "ity", "er", "ism", "ure", "age", "ry",
};
static const char * const adjective_suffixes[] = {
  "ous", "ive", "al", "ful", "ic", "able", "ish", "ent",
};
static const char * const verb_suffixes[] = {
  "ates", "izes", "ifies", "ens", "s",
};

#define N_GENERATED_NOUNS      1200
#define N_GENERATED_ADJECTIVES 600
#define N_GENERATED_VERBS      300
#define N_GENERATED_ADVERBS    100
#define N_RARE_NOUN_PATTERNS   100
#define N_RARE_ADJ_PATTERNS    50
#define GENERATED_WEIGHT       0.25

/* Words of one part of speech, most frequent first, with the cumulative
 * Zipf weights to draw them by. */
typedef struct
{
  GPtrArray *words;
  double    *cumulative;
} WordList;

typedef enum
{
  PATTERN_PLAIN,
  PATTERN_NAME,
} PatternKind;

typedef struct
{
  char       *text;
  PatternKind kind;
} Pattern;

typedef struct
{
  gsize start;
  gsize end;
  guint in_small_set : 1;
} Planted;

typedef struct
{
  GRand      *rand;
  GHashTable *all_words;   /* every word, to keep generated ones distinct */
  GPtrArray  *reserved;    /* words of the grammar and of fixed patterns */
  WordList    nouns;
  WordList    adjectives;
  WordList    verbs;
  WordList    adverbs;
  GHashTable *pattern_words; /* single-word patterns */
  GHashTable *phrases;       /* every pattern, case-folded */
  GArray     *patterns;      /* Pattern, the 1000-set in order */

  /* the paragraph being written */
  GString    *paragraph;
  GArray     *planted;       /* Planted, offsets into paragraph */
  gboolean    capitalize_next;
  gboolean    glue_next;     /* after an opening quote or parenthesis */
  gint64      words_to_topic;

  /* totals */
  guint64     n_words;
  guint64     planted_small;
  guint64     planted_small_split;
  guint64     planted_large;
  guint64     planted_large_split;
  guint64     n_paragraphs;
  guint64     n_wrapped;
} Generator;

static inline double
uniform (Generator *gen)
{
  return g_rand_double (gen->rand);
}

static inline guint
pick_index (Generator *gen,
            guint      n)
{
  return g_rand_int_range (gen->rand, 0, (gint32) n);
}

#define PICK(gen, array) ((array)[pick_index ((gen), G_N_ELEMENTS (array))])

static char *
generate_word (Generator          *gen,
               const char * const *suffixes,
               guint               n_suffixes)
{
  for (;;)
    {
      GString *word = g_string_new (NULL);
      guint n_syllables = 1 + pick_index (gen, 2);

      for (guint i = 0; i < n_syllables; i++)
        {
          g_string_append (word, PICK (gen, onsets));
          g_string_append (word, PICK (gen, nuclei));
          if (i == n_syllables - 1 || uniform (gen) < 0.3)
            g_string_append (word, PICK (gen, codas));
        }
      g_string_append (word, suffixes[pick_index (gen, n_suffixes)]);

      if (word->len >= 4 && word->len <= 12 && !g_hash_table_contains (gen->all_words, word->str))
        {
          g_hash_table_add (gen->all_words, word->str);
          return g_string_free (word, FALSE);
        }
      g_string_free (word, TRUE);
    }
}

/* Keeps generated words from being one of the words the grammar, the
 * word lists or the fixed patterns use. */
static void
reserve_words (Generator  *gen,
               const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_ptr_array_add (gen->reserved, g_strdup (words[i]));
      g_hash_table_add (gen->all_words, g_ptr_array_index (gen->reserved, gen->reserved->len - 1));
    }
}

static void
reserve_fixed_words (Generator *gen)
{
  static const char * const others[] = {
    "an", "that", "says", "doesn", "need", "for", "since", "days", "review",
  };
  const char * const *lists[] = {
    film_phrases, names, nouns, adjectives, verbs, adverbs, prepositions, determiners,
    pronouns, copulas, conjunctions, others,
  };
  const guint lengths[] = {
    G_N_ELEMENTS (film_phrases), G_N_ELEMENTS (names), G_N_ELEMENTS (nouns),
    G_N_ELEMENTS (adjectives), G_N_ELEMENTS (verbs), G_N_ELEMENTS (adverbs),
    G_N_ELEMENTS (prepositions), G_N_ELEMENTS (determiners), G_N_ELEMENTS (pronouns),
    G_N_ELEMENTS (copulas), G_N_ELEMENTS (conjunctions), G_N_ELEMENTS (others),
  };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lengths[l]; i++)
      reserve_words (gen, lists[l][i]);
}

static void
word_list_init (Generator          *gen,
                WordList           *list,
                const char * const *real,
                guint               n_real,
                guint               n_generated,
                const char * const *suffixes,
                guint               n_suffixes)
{
  double total = 0;

  list->words = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_real; i++)
    g_ptr_array_add (list->words, g_strdup (real[i]));
  for (guint i = 0; i < n_generated; i++)
    g_ptr_array_add (list->words, generate_word (gen, suffixes, n_suffixes));

  /* Generated words are rarer than their rank says: they are the long
   * tail of a reviewer's vocabulary, about one content word in twelve. */
  list->cumulative = g_new (double, list->words->len);
  for (guint i = 0; i < list->words->len; i++)
    {
      total += (i < n_real ? 1.0 : GENERATED_WEIGHT) / (i + 2.0);
      list->cumulative[i] = total;
    }
  for (guint i = 0; i < list->words->len; i++)
    list->cumulative[i] /= total;
}

static void
word_list_clear (WordList *list)
{
  g_clear_pointer (&list->words, g_ptr_array_unref);
  g_clear_pointer (&list->cumulative, g_free);
}

/* A word drawn by its Zipf weight. */
static const char *
word_list_draw (Generator *gen,
                WordList  *list)
{
  double x = uniform (gen);
  guint lo = 0, hi = list->words->len - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (list->cumulative[mid] < x)
        lo = mid + 1;
      else
        hi = mid;
    }

  return g_ptr_array_index (list->words, lo);
}

/* --- patterns --- */

static void
add_subphrases (GHashTable *set,
                char      **words)
{
  guint n = g_strv_length (words);

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j <= n; j++)
      {
        g_autofree char *joined = NULL;
        char *saved = words[j];

        words[j] = NULL;
        joined = g_strjoinv (" ", words + i);
        words[j] = saved;
        g_hash_table_add (set, g_steal_pointer (&joined));
      }
}

/* Adds @text unless it equals, contains or is contained in a pattern that
 * is already there, as a run of whole words. */
static gboolean
add_pattern (Generator   *gen,
             GHashTable  *whole,
             GHashTable  *parts,
             const char  *text,
             PatternKind  kind)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  g_autoptr(GHashTable) own_parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  Pattern pattern;

  if (g_hash_table_contains (parts, folded))
    return FALSE;

  add_subphrases (own_parts, words);
  g_hash_table_iter_init (&iter, own_parts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (whole, key))
      return FALSE;

  g_hash_table_add (whole, g_strdup (folded));
  add_subphrases (parts, words);

  pattern.text = g_strdup (text);
  pattern.kind = kind;
  g_array_append_val (gen->patterns, pattern);

  return TRUE;
}

/* A generated word that is not a pattern on its own. Real words are left
 * out so that the grammar does not form the phrase by chance. */
static const char *
draw_uniform_word (Generator *gen,
                   WordList  *list,
                   guint      n_real)
{
  for (;;)
    {
      guint i = n_real + pick_index (gen, list->words->len - n_real);
      const char *word = g_ptr_array_index (list->words, i);

      if (!g_hash_table_contains (gen->pattern_words, word))
        return word;
    }
}

static void
build_patterns (Generator *gen)
{
  GHashTable *whole = gen->phrases;
  g_autoptr(GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_real_nouns = G_N_ELEMENTS (nouns);
  guint n_real_adjectives = G_N_ELEMENTS (adjectives);

  for (guint i = 0; i < N_SMALL_SET; i++)
    {
      PatternKind kind = g_unichar_isupper (g_utf8_get_char (film_phrases[i])) ? PATTERN_NAME
                                                                               : PATTERN_PLAIN;

      if (!add_pattern (gen, whole, parts, film_phrases[i], kind))
        g_error ("film phrase “%s” overlaps another pattern", film_phrases[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (!add_pattern (gen, whole, parts, names[i], PATTERN_NAME))
      g_error ("name “%s” overlaps another pattern", names[i]);

  /* Rare single words, from the tails of the noun and adjective lists,
   * so that the prose mentions them every few hundred words in all. */
  for (guint n = 0; n < N_RARE_NOUN_PATTERNS;)
    {
      guint i = n_real_nouns + 300 + pick_index (gen, N_GENERATED_NOUNS - 300);
      const char *word = g_ptr_array_index (gen->nouns.words, i);

      if (add_pattern (gen, whole, parts, word, PATTERN_PLAIN))
        {
          g_hash_table_add (gen->pattern_words, (gpointer) word);
          n++;
        }
    }
  for (guint n = 0; n < N_RARE_ADJ_PATTERNS;)
    {
      guint i = n_real_adjectives + 200 + pick_index (gen, N_GENERATED_ADJECTIVES - 200);
      const char *word = g_ptr_array_index (gen->adjectives.words, i);

      if (add_pattern (gen, whole, parts, word, PATTERN_PLAIN))
        {
          g_hash_table_add (gen->pattern_words, (gpointer) word);
          n++;
        }
    }

  while (gen->patterns->len < N_LARGE_SET)
    {
      double form = uniform (gen);
      const char *adj1 = draw_uniform_word (gen, &gen->adjectives, n_real_adjectives);
      const char *adj2 = draw_uniform_word (gen, &gen->adjectives, n_real_adjectives);
      const char *noun1 = draw_uniform_word (gen, &gen->nouns, n_real_nouns);
      const char *noun2 = draw_uniform_word (gen, &gen->nouns, n_real_nouns);
      g_autofree char *phrase = NULL;

      if (form < 0.40)
        phrase = g_strdup_printf ("%s %s", adj1, noun1);
      else if (form < 0.65)
        phrase = g_strdup_printf ("%s %s", noun1, noun2);
      else if (form < 0.75)
        phrase = g_strdup_printf ("%s %s %s", adj1, adj2, noun1);
      else if (form < 0.85)
        phrase = g_strdup_printf ("%s of %s", noun1, noun2);
      else
        phrase = g_strdup_printf ("%s %s %s", adj1, noun1, noun2);

      add_pattern (gen, whole, parts, phrase, PATTERN_PLAIN);
    }
}

/* --- prose --- */

static void
append_capitalized (GString    *out,
                    const char *word)
{
  gunichar c = g_utf8_get_char (word);
  char buf[8];
  gint n = g_unichar_to_utf8 (g_unichar_totitle (c), buf);

  g_string_append_len (out, buf, n);
  g_string_append (out, g_utf8_next_char (word));
}

/* Appends a word (or several), with a space before it unless it opens the
 * paragraph or follows an opening quote. Returns where it starts. */
static gsize
emit (Generator  *gen,
      const char *text)
{
  gsize start;

  if (gen->paragraph->len > 0 && !gen->glue_next)
    g_string_append_c (gen->paragraph, ' ');
  gen->glue_next = FALSE;

  start = gen->paragraph->len;
  if (gen->capitalize_next)
    append_capitalized (gen->paragraph, text);
  else
    g_string_append (gen->paragraph, text);
  gen->capitalize_next = FALSE;

  for (const char *p = text; *p; p++)
    if (*p == ' ')
      gen->n_words++, gen->words_to_topic--;
  gen->n_words++;
  gen->words_to_topic--;

  return start;
}

static void
emit_punctuation (Generator  *gen,
                  const char *text)
{
  g_string_append (gen->paragraph, text);
}

static void
emit_opening (Generator  *gen,
              const char *text)
{
  if (gen->paragraph->len > 0 && !gen->glue_next)
    g_string_append_c (gen->paragraph, ' ');
  g_string_append (gen->paragraph, text);
  gen->glue_next = TRUE;
}

static const char *
apostrophe (Generator *gen)
{
  return uniform (gen) < 0.75 ? "\u2019" : "'";
}

static void
plant (Generator *gen,
       gsize      start,
       gboolean   in_small_set)
{
  Planted p = { start, gen->paragraph->len, in_small_set };

  g_array_append_val (gen->planted, p);
}

static void
emit_word (Generator  *gen,
           const char *word)
{
  gsize start = emit (gen, word);

  if (g_hash_table_contains (gen->pattern_words, word))
    plant (gen, start, FALSE);
}

static void
emit_topic (Generator *gen)
{
  gboolean small = uniform (gen) < 0.4;
  guint index = small ? pick_index (gen, N_SMALL_SET)
                      : N_SMALL_SET + pick_index (gen, gen->patterns->len - N_SMALL_SET);
  const Pattern *pattern = &g_array_index (gen->patterns, Pattern, index);
  gsize start;

  if (pattern->kind == PATTERN_PLAIN && uniform (gen) < 0.5)
    emit (gen, uniform (gen) < 0.7 ? "the" : "its");

  if (uniform (gen) < 0.01)
    {
      g_autofree char *upper = g_utf8_strup (pattern->text, -1);

      start = emit (gen, upper);
    }
  else
    start = emit (gen, pattern->text);
  plant (gen, start, small);

  /* The name in Han characters after the name in Latin letters. */
  if (index == 1 && uniform (gen) < 0.1)
    {
      emit_opening (gen, "(");
      start = emit (gen, "艾未未");
      plant (gen, start, FALSE);
      emit_punctuation (gen, ")");
    }

  gen->words_to_topic = 60 + pick_index (gen, 340);
}

static void emit_noun_phrase (Generator *gen,
                              guint      depth);

static void
emit_prepositional_phrase (Generator *gen,
                           guint      depth)
{
  double r = uniform (gen);

  if (r < 0.06)
    {
      g_autofree char *year = g_strdup_printf ("%d", 1957 + pick_index (gen, 68));

      emit (gen, uniform (gen) < 0.5 ? "in" : "since");
      emit (gen, year);
    }
  else if (r < 0.09)
    {
      g_autofree char *days = g_strdup_printf ("%d", 2 + pick_index (gen, 180));

      emit (gen, "for");
      emit (gen, days);
      emit (gen, "days");
    }
  else
    {
      emit (gen, PICK (gen, prepositions));
      emit_noun_phrase (gen, depth + 1);
    }
}

static gboolean
is_phrase (Generator  *gen,
           const char *first,
           const char *second,
           const char *third)
{
  g_autofree char *phrase = g_strjoin (" ", first, second, third, NULL);

  return g_hash_table_contains (gen->phrases, phrase);
}

/* Whether adjectives and a noun would form a multi-word pattern by chance,
 * which would be an occurrence that is not counted as planted. */
static gboolean
forms_pattern (Generator  *gen,
               const char *adjective,
               const char *second_adjective,
               const char *noun)
{
  if (adjective == NULL)
    return FALSE;
  if (second_adjective == NULL)
    return is_phrase (gen, adjective, noun, NULL);
  return is_phrase (gen, second_adjective, noun, NULL) ||
         is_phrase (gen, adjective, second_adjective, noun);
}

static void
emit_noun_phrase (Generator *gen,
                  guint      depth)
{
  double r = uniform (gen);
  const char *adjective = NULL;
  const char *second_adjective = NULL;
  const char *noun;
  const char *det;

  if (gen->words_to_topic <= 0)
    {
      emit_topic (gen);
      return;
    }

  if (r < 0.004)
    {
      gsize start = emit (gen, PICK (gen, names));

      plant (gen, start, FALSE);
      return;
    }

  if (r < 0.04)
    {
      /* a possessive: "the artist’s studio" */
      const char *owner = word_list_draw (gen, &gen->nouns);
      g_autofree char *owners = g_strconcat (owner, apostrophe (gen), "s", NULL);
      gsize start;

      emit (gen, "the");
      start = emit (gen, owners);
      if (g_hash_table_contains (gen->pattern_words, owner))
        {
          plant (gen, start, FALSE);
          g_array_index (gen->planted, Planted, gen->planted->len - 1).end = start + strlen (owner);
        }
      emit_word (gen, word_list_draw (gen, &gen->nouns));
      return;
    }

  if (uniform (gen) < 0.4)
    adjective = word_list_draw (gen, &gen->adjectives);
  if (adjective != NULL && uniform (gen) < 0.15)
    second_adjective = word_list_draw (gen, &gen->adjectives);
  do
    noun = word_list_draw (gen, &gen->nouns);
  while (forms_pattern (gen, adjective, second_adjective, noun));

  det = PICK (gen, determiners);
  if (g_str_equal (det, "a") && strchr ("aeiou", adjective != NULL ? adjective[0] : noun[0]))
    det = "an";
  emit (gen, det);

  if (adjective != NULL)
    emit_word (gen, adjective);
  if (second_adjective != NULL)
    {
      if (uniform (gen) < 0.5)
        emit_punctuation (gen, ",");
      emit_word (gen, second_adjective);
    }
  emit_word (gen, noun);

  if (depth < 2 && uniform (gen) < 0.15)
    emit_prepositional_phrase (gen, depth);
}

static void emit_clause (Generator *gen,
                         guint      depth);

static void
emit_subject_and_copula (Generator *gen)
{
  if (uniform (gen) < 0.3)
    {
      const char *pronoun = PICK (gen, pronouns);
      const char *copula = PICK (gen, copulas);

      if (g_str_equal (copula, "is") && strchr ("hi", pronoun[0]) && uniform (gen) < 0.5)
        {
          g_autofree char *contracted = g_strconcat (pronoun, apostrophe (gen), "s", NULL);

          emit (gen, contracted);
        }
      else
        {
          emit (gen, pronoun);
          emit (gen, copula);
        }
    }
  else
    {
      emit_noun_phrase (gen, 0);
      emit (gen, PICK (gen, copulas));
    }
}

static void
emit_clause (Generator *gen,
             guint      depth)
{
  double r = uniform (gen);

  if (r < 0.2)
    {
      emit_subject_and_copula (gen);
      if (uniform (gen) < 0.25)
        emit_word (gen, word_list_draw (gen, &gen->adverbs));
      emit_word (gen, word_list_draw (gen, &gen->adjectives));
      return;
    }

  if (uniform (gen) < 0.3)
    emit (gen, PICK (gen, pronouns));
  else
    emit_noun_phrase (gen, 0);

  if (uniform (gen) < 0.05)
    {
      g_autofree char *doesnt = g_strconcat ("doesn", apostrophe (gen), "t", NULL);

      emit (gen, doesnt);
      emit (gen, "need");
      emit_noun_phrase (gen, 0);
      return;
    }
  else
    {
      if (uniform (gen) < 0.15)
        emit_word (gen, word_list_draw (gen, &gen->adverbs));
      emit_word (gen, word_list_draw (gen, &gen->verbs));
    }

  r = uniform (gen);
  if (r < 0.55)
    emit_noun_phrase (gen, 0);
  else if (r < 0.75)
    emit_prepositional_phrase (gen, 0);
  else if (r < 0.9)
    {
      emit_noun_phrase (gen, 0);
      emit_prepositional_phrase (gen, 0);
    }
  else if (depth < 2)
    {
      emit (gen, "that");
      emit_clause (gen, depth + 1);
    }
  else
    emit_noun_phrase (gen, 1);
}

static void
emit_sentence (Generator *gen)
{
  double r;

  gen->capitalize_next = TRUE;

  if (uniform (gen) < 0.1)
    {
      emit_prepositional_phrase (gen, 1);
      emit_punctuation (gen, ",");
    }

  if (uniform (gen) < 0.03)
    {
      emit_opening (gen, "\u201c");
      gen->capitalize_next = TRUE;
      emit_clause (gen, 0);
      emit_punctuation (gen, ",\u201d");
      emit (gen, "says");
      emit_noun_phrase (gen, 1);
    }
  else
    emit_clause (gen, 0);

  r = uniform (gen);
  if (r < 0.3)
    {
      emit_punctuation (gen, ",");
      emit (gen, PICK (gen, conjunctions));
      emit_clause (gen, 1);
    }
  else if (r < 0.36)
    {
      emit (gen, "\u2013");
      emit_noun_phrase (gen, 1);
    }
  else if (r < 0.39)
    {
      g_autofree char *year = g_strdup_printf ("%d", 1990 + pick_index (gen, 35));

      emit_opening (gen, "(");
      emit (gen, year);
      emit_punctuation (gen, ")");
    }

  r = uniform (gen);
  emit_punctuation (gen, r < 0.88 ? "." : r < 0.94 ? "?" : r < 0.99 ? "!" : "\u2026");
}

/* Breaks the paragraph into lines of at most WRAP_COLUMN characters
 * where it can, replacing spaces with line breaks in place. */
static void
wrap_paragraph (GString *paragraph)
{
  char *last_space = NULL;
  guint column = 0;
  guint column_after_space = 0;

  for (char *p = paragraph->str; *p; p = g_utf8_next_char (p))
    {
      if (*p == ' ')
        {
          last_space = p;
          column_after_space = 0;
        }
      else
        column_after_space++;
      column++;

      if (column > WRAP_COLUMN && last_space != NULL)
        {
          *last_space = '\n';
          last_space = NULL;
          column = column_after_space;
        }
    }
}

static gboolean
write_paragraph (Generator  *gen,
                 FILE       *out,
                 gboolean    wrap,
                 gsize      *written)
{
  if (wrap)
    {
      wrap_paragraph (gen->paragraph);
      gen->n_wrapped++;
    }

  for (guint i = 0; i < gen->planted->len; i++)
    {
      const Planted *p = &g_array_index (gen->planted, Planted, i);
      gboolean split = memchr (gen->paragraph->str + p->start, '\n', p->end - p->start) != NULL;

      gen->planted_large++;
      gen->planted_large_split += split;
      if (p->in_small_set)
        {
          gen->planted_small++;
          gen->planted_small_split += split;
        }
    }

  g_string_append (gen->paragraph, "\n\n");
  *written += gen->paragraph->len;
  gen->n_paragraphs++;

  return fwrite (gen->paragraph->str, 1, gen->paragraph->len, out) == gen->paragraph->len;
}

static gboolean
write_corpus (Generator   *gen,
              const char  *path,
              gsize        target,
              GError     **error)
{
  g_autofree char *tmp_path = g_strconcat (path, ".tmp", NULL);
  FILE *out = g_fopen (tmp_path, "wb");
  gsize written = 0;
  guint review = 0;
  gboolean ok = TRUE;

  if (out == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Cannot create “%s”: %s", tmp_path, g_strerror (saved_errno));
      return FALSE;
    }

  setvbuf (out, NULL, _IOFBF, 1 << 20);
  gen->words_to_topic = pick_index (gen, 400);

  while (ok && written < target)
    {
      guint n_paragraphs = 3 + pick_index (gen, 7);
      guint stars = 1 + pick_index (gen, 5);

      g_string_truncate (gen->paragraph, 0);
      g_string_append_printf (gen->paragraph, "Review %u \u00b7 ", ++review);
      for (guint s = 0; s < 5; s++)
        g_string_append (gen->paragraph, s < stars ? "\u2605" : "\u2606");
      g_string_append (gen->paragraph, "\n\n");
      written += gen->paragraph->len;
      ok = fwrite (gen->paragraph->str, 1, gen->paragraph->len, out) == gen->paragraph->len;

      for (guint i = 0; ok && i < n_paragraphs; i++)
        {
          guint n_sentences = 2 + pick_index (gen, 7);

          g_string_truncate (gen->paragraph, 0);
          g_array_set_size (gen->planted, 0);
          gen->glue_next = FALSE;

          for (guint s = 0; s < n_sentences; s++)
            emit_sentence (gen);

          ok = write_paragraph (gen, out, uniform (gen) < 0.3, &written);
        }
    }

  if (!ok || fclose (out) != 0)
    {
      int saved_errno = errno;

      if (!ok)
        fclose (out);
      g_unlink (tmp_path);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Cannot write “%s”: %s", tmp_path, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Cannot rename “%s”: %s", tmp_path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* --- pattern files --- */

static const char * const colors[] = {
  "#3584e4", "#33d17a", "#f6d32d", "#ff7800", "#e01b24", "#9141ac", "#986a44",
  "#1c71d8", "#26a269", "#e5a50a", "#c64600", "#a51d2d", "#613583", "#63452c",
};

static gboolean
write_pattern_files (Generator   *gen,
                     const char  *dir,
                     guint        n_patterns,
                     guint        terms_per_topic,
                     GError     **error)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GString) topics = g_string_new (NULL);
  g_autofree char *list_name = g_strdup_printf ("patterns-%u.txt", n_patterns);
  g_autofree char *topics_name = g_strdup_printf ("patterns-%u.topics", n_patterns);
  g_autofree char *list_path = g_build_filename (dir, list_name, NULL);
  g_autofree char *topics_path = g_build_filename (dir, topics_name, NULL);

  g_string_append_printf (topics,
                          "# %u benchmark phrases in %u topics, written by cp-bench-corpus.\n",
                          n_patterns, n_patterns / terms_per_topic);

  for (guint i = 0; i < n_patterns; i++)
    {
      const Pattern *pattern = &g_array_index (gen->patterns, Pattern, i);
      guint topic = i / terms_per_topic;

      g_string_append_printf (list, "%s\n", pattern->text);

      if (i % terms_per_topic == 0)
        {
          g_string_append_printf (topics, "\n[t%u]\n", topic);
          if (terms_per_topic == 1)
            {
              g_string_append (topics, "Label=");
              append_capitalized (topics, pattern->text);
              g_string_append_c (topics, '\n');
            }
          else
            g_string_append_printf (topics, "Label=Topic %u\n", topic + 1);
          g_string_append_printf (topics, "Color=%s\nTerms=",
                                  colors[topic % G_N_ELEMENTS (colors)]);
        }
      g_string_append_printf (topics, "%s;", pattern->text);
      if (i % terms_per_topic == terms_per_topic - 1 || i == n_patterns - 1)
        g_string_append_c (topics, '\n');
    }

  return g_file_set_contents (list_path, list->str, list->len, error) &&
         g_file_set_contents (topics_path, topics->str, topics->len, error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *corpus_path = NULL;
  g_autofree char *planted_path = NULL;
  g_autofree char *planted = NULL;
  gint64 seed = 1;
  gint size_mb = 100;
  Generator gen = { 0 };
  const GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the generator (default 1)", "N" },
    { "size", 0, 0, G_OPTION_ARG_INT, &size_mb,
      "Size of the corpus in 10⁶ bytes (default 100)", "MB" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "Directory to write into", "DIR" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- write the tagger benchmark corpus");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("cp-bench-corpus: %s\n", error->message);
      return 2;
    }
  if (out_dir == NULL || size_mb < 1 || size_mb > MAX_SIZE_MB || seed < 0 || seed > G_MAXUINT32)
    {
      g_printerr ("cp-bench-corpus: give --out DIR, --size between 1 and %d and a seed "
                  "between 0 and %u\n", MAX_SIZE_MB, G_MAXUINT32);
      return 2;
    }

  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      g_printerr ("cp-bench-corpus: cannot create “%s”: %s\n", out_dir, g_strerror (errno));
      return 1;
    }

  gen.rand = g_rand_new_with_seed ((guint32) seed);
  gen.all_words = g_hash_table_new (g_str_hash, g_str_equal);
  gen.reserved = g_ptr_array_new_with_free_func (g_free);
  reserve_fixed_words (&gen);
  word_list_init (&gen, &gen.nouns, nouns, G_N_ELEMENTS (nouns), N_GENERATED_NOUNS,
                  noun_suffixes, G_N_ELEMENTS (noun_suffixes));
  word_list_init (&gen, &gen.adjectives, adjectives, G_N_ELEMENTS (adjectives),
                  N_GENERATED_ADJECTIVES, adjective_suffixes, G_N_ELEMENTS (adjective_suffixes));
  word_list_init (&gen, &gen.verbs, verbs, G_N_ELEMENTS (verbs), N_GENERATED_VERBS,
                  verb_suffixes, G_N_ELEMENTS (verb_suffixes));
  word_list_init (&gen, &gen.adverbs, adverbs, G_N_ELEMENTS (adverbs), N_GENERATED_ADVERBS,
                  (const char * const[]) { "ly" }, 1);
  gen.pattern_words = g_hash_table_new (g_str_hash, g_str_equal);
  gen.phrases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gen.patterns = g_array_new (FALSE, FALSE, sizeof (Pattern));
  gen.paragraph = g_string_sized_new (4096);
  gen.planted = g_array_new (FALSE, FALSE, sizeof (Planted));

  build_patterns (&gen);

  corpus_path = g_build_filename (out_dir, "corpus.txt", NULL);
  if (!write_pattern_files (&gen, out_dir, N_SMALL_SET, 1, &error) ||
      !write_pattern_files (&gen, out_dir, N_LARGE_SET, TERMS_PER_TOPIC, &error) ||
      !write_corpus (&gen, corpus_path, (gsize) size_mb * 1000000, &error))
    {
      g_printerr ("cp-bench-corpus: %s\n", error->message);
      return 1;
    }

  planted = g_strdup_printf ("seed=%" G_GINT64_FORMAT " size_mb=%d"
                             " words=%" G_GUINT64_FORMAT " paragraphs=%" G_GUINT64_FORMAT
                             " wrapped=%" G_GUINT64_FORMAT
                             " planted_10=%" G_GUINT64_FORMAT " split_10=%" G_GUINT64_FORMAT
                             " planted_1000=%" G_GUINT64_FORMAT
                             " split_1000=%" G_GUINT64_FORMAT "\n",
                             seed, size_mb, gen.n_words, gen.n_paragraphs, gen.n_wrapped,
                             gen.planted_small, gen.planted_small_split,
                             gen.planted_large, gen.planted_large_split);
  planted_path = g_build_filename (out_dir, "planted.txt", NULL);
  if (!g_file_set_contents (planted_path, planted, -1, &error))
    {
      g_printerr ("cp-bench-corpus: %s\n", error->message);
      return 1;
    }
  g_print ("%s", planted);

  for (guint i = 0; i < gen.patterns->len; i++)
    g_free (g_array_index (gen.patterns, Pattern, i).text);
  g_array_unref (gen.patterns);
  g_array_unref (gen.planted);
  g_string_free (gen.paragraph, TRUE);
  g_hash_table_unref (gen.pattern_words);
  g_hash_table_unref (gen.phrases);
  word_list_clear (&gen.nouns);
  word_list_clear (&gen.adjectives);
  word_list_clear (&gen.verbs);
  word_list_clear (&gen.adverbs);
  g_hash_table_unref (gen.all_words);
  g_ptr_array_unref (gen.reserved);
  g_rand_free (gen.rand);

  return 0;
}
