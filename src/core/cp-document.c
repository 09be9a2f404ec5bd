/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A CpDocument is a text loaded once, decoded to UTF-8 with LF line ends,
 * with its title and counts computed at load time. The decisions (one copy,
 * reading, binary detection, encodings, words, titles, offsets, the
 * parallel scan): docs/loading.md. */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#ifdef G_OS_UNIX
# include <sys/mman.h>
# include <unistd.h>
# include <gio/gfiledescriptorbased.h>
#endif

#ifdef __SSE2__
# include <emmintrin.h>
#endif

#include "cp-document.h"
#include "cp-error.h"
#include "cp-file.h"
#include "cp-importer.h"
#include "cp-parallel.h"
#include "cp-unichar.h"

#define BLOCK_SIZE      4096
#define TITLE_MAX_CHARS 80
#define READ_CHUNK      (8 * 1024 * 1024)
#define SCAN_BLOCK      64
#define PARALLEL_MIN    (8 * 1024 * 1024)
#define PART_MIN        (4 * 1024 * 1024)
#define MAX_PARTS       4
#define HUGE_PAGE_SIZE  (2 * 1024 * 1024)
#define ONES            G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS           G_GUINT64_CONSTANT (0x8080808080808080)
#define QUERY_ATTRIBUTES                  \
  G_FILE_ATTRIBUTE_STANDARD_TYPE ","      \
  G_FILE_ATTRIBUTE_STANDARD_SIZE ","      \
  G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME

typedef struct
{
  gsize n_chars;  /* characters starting before the block */
  gsize n_lines;  /* newlines before the block */
} Checkpoint;

struct _CpDocument
{
  GObject     parent_instance;

  GFile      *file;
  gboolean    embedded;   /* the text is kept elsewhere: @file is only information */
  char       *name;
  char       *title;
  gboolean    title_given; /* by the source, not taken from the text */
  char       *label;      /* the reader's own name for it, or NULL */
  gsize       n_repaired; /* broken UTF-8 bytes shown as U+FFFD */
  char       *author;
  char       *site;
  char       *date;
  const char *format;     /* interned: "text", "html", "pdf", ... */
  char       *text;
  gsize       length;
  gsize       n_characters;
  gsize       n_words;
  CpEncoding  encoding;

  /* One entry per BLOCK_SIZE bytes, built on first use. */
  Checkpoint *checkpoints;
  gsize       n_checkpoints;
};

G_DEFINE_FINAL_TYPE (CpDocument, cp_document, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CpEncoding, cp_encoding,
  G_DEFINE_ENUM_VALUE (CP_ENCODING_UTF8, "utf8"),
  G_DEFINE_ENUM_VALUE (CP_ENCODING_UTF8_BOM, "utf8-bom"),
  G_DEFINE_ENUM_VALUE (CP_ENCODING_UTF16LE, "utf16le"),
  G_DEFINE_ENUM_VALUE (CP_ENCODING_UTF16BE, "utf16be"),
  G_DEFINE_ENUM_VALUE (CP_ENCODING_WINDOWS_1252, "windows-1252"))

enum {
  PROP_0,
  PROP_FILE,
  PROP_NAME,
  PROP_TITLE,
  PROP_LABEL,
  PROP_AUTHOR,
  PROP_SITE,
  PROP_DATE,
  PROP_FORMAT,
  PROP_ENCODING,
  PROP_N_CHARACTERS,
  PROP_N_WORDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Characters and how they take part in words. The first three are the
 * ones the ASCII fast path handles. */
typedef enum
{
  CLASS_OTHER,
  CLASS_LETTER,
  CLASS_DIGIT,
  CLASS_MARK,
  CLASS_CJK,
  CLASS_JOIN_LETTERS,  /* apostrophe, hyphen */
  CLASS_JOIN_DIGITS,   /* decimal point, thousands separator */
  CLASS_CONTROL,       /* a C0 control that does not belong in text */
  CLASS_CR,            /* carriage return, otherwise like CLASS_OTHER */
  CLASS_MULTIBYTE,     /* first byte of a non-ASCII character */
} CharClass;

static const guint8 byte_class[256] = {
  [0x00 ... 0x08] = CLASS_CONTROL,
  [0x0E ... 0x1A] = CLASS_CONTROL,
  [0x1C ... 0x1F] = CLASS_CONTROL,
  ['\r'] = CLASS_CR,
  ['0' ... '9'] = CLASS_DIGIT,
  ['A' ... 'Z'] = CLASS_LETTER,
  ['a' ... 'z'] = CLASS_LETTER,
  ['\''] = CLASS_JOIN_LETTERS,
  ['-'] = CLASS_JOIN_LETTERS,
  ['.'] = CLASS_JOIN_DIGITS,
  [','] = CLASS_JOIN_DIGITS,
  [0x80 ... 0xFF] = CLASS_MULTIBYTE,
};

/* Classes of U+0080–U+07FF (Latin, Greek, Cyrillic, Hebrew, Arabic, ...),
 * filled on first use. */
static guint8 two_byte_class[0x800];

/* Classes of U+0800–U+FFFF plus one, filled as characters are met (0 means
 * not yet known). Threads may fill an entry at the same time, with the same
 * value; relaxed atomics make that well defined. */
static guint8 three_byte_class[0x10000 - 0x800];

/* Windows-1252 0x80–0x9F; undefined bytes map to the same C1 code point. */
static const guint16 windows_1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

const char *
cp_encoding_to_string (CpEncoding encoding)
{
  switch (encoding)
    {
    case CP_ENCODING_UTF8:
      return "UTF-8";
    case CP_ENCODING_UTF8_BOM:
      return "UTF-8 with BOM";
    case CP_ENCODING_UTF16LE:
      return "UTF-16LE";
    case CP_ENCODING_UTF16BE:
      return "UTF-16BE";
    case CP_ENCODING_WINDOWS_1252:
      return "Windows-1252";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Text analysis {{{ */

static CharClass
classify (gunichar c)
{
  if (c < 0x80)
    return byte_class[c];

  if (c == 0x2019 || c == 0x2010 || c == 0x2011 || c == 0x00AD)
    return CLASS_JOIN_LETTERS;

  switch ((int) g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
      return CLASS_LETTER;

    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
      return cp_unichar_is_unspaced (c) ? CLASS_CJK : CLASS_LETTER;

    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return CLASS_MARK;

    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return CLASS_DIGIT;

    default:
      return CLASS_OTHER;
    }
}

static void
ensure_two_byte_classes (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (gunichar c = 0x80; c < 0x800; c++)
        two_byte_class[c] = classify (c);
      g_once_init_leave (&initialized, 1);
    }
}

/* For c >= 0x80, after ensure_two_byte_classes(). */
static inline CharClass
classify_non_ascii (gunichar c)
{
  if (c < 0x800)
    return two_byte_class[c];

  if (c < 0x10000)
    {
      guint8 *entry = &three_byte_class[c - 0x800];
      guint known = __atomic_load_n (entry, __ATOMIC_RELAXED);
      CharClass cls;

      if (G_LIKELY (known != 0))
        return known - 1;

      cls = classify (c);
      __atomic_store_n (entry, cls + 1, __ATOMIC_RELAXED);

      return cls;
    }

  return classify (c);
}

/* Decodes one non-ASCII UTF-8 sequence, rejecting overlong forms,
 * surrogates and code points past U+10FFFF as g_utf8_validate() does.
 * Returns its length, or 0 if it is invalid or cut short. */
static inline guint
decode_utf8 (const guchar *p,
             const guchar *end,
             gunichar     *out)
{
  gsize avail = end - p;
  guchar b = p[0];

  if (b >= 0xC2 && b <= 0xDF)
    {
      if (avail < 2 || (p[1] & 0xC0) != 0x80)
        return 0;
      *out = ((b & 0x1F) << 6) | (p[1] & 0x3F);
      return 2;
    }

  if (b >= 0xE0 && b <= 0xEF)
    {
      if (avail < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
          (b == 0xE0 && p[1] < 0xA0) ||
          (b == 0xED && p[1] >= 0xA0))
        return 0;
      *out = ((b & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
      return 3;
    }

  if (b >= 0xF0 && b <= 0xF4)
    {
      if (avail < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
          (p[3] & 0xC0) != 0x80 ||
          (b == 0xF0 && p[1] < 0x90) ||
          (b == 0xF4 && p[1] >= 0x90))
        return 0;
      *out = ((b & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
      return 4;
    }

  return 0;
}

/* The class of the character at @p, for look-ahead; invalid input reads as
 * CLASS_OTHER (the main loop reports it when it gets there). */
static CharClass
peek_class (const guchar *p,
            const guchar *end)
{
  gunichar c;

  if (p >= end)
    return CLASS_OTHER;
  if (*p < 0x80)
    return byte_class[*p];
  if (decode_utf8 (p, end, &c) == 0)
    return CLASS_OTHER;

  return classify_non_ascii (c);
}

typedef struct
{
  gsize    n_chars;
  gsize    n_words;
  gsize    n_controls;  /* C0 controls other than TAB LF VT FF CR ESC */
  gboolean has_nul;
  gboolean has_cr;
} TextStats;

/* Applies the word rules to one character of class @cls; @next is where the
 * character after it starts. */
static inline void
step_word (guint         cls,
           const guchar *next,
           const guchar *end,
           guint        *run,
           gsize        *n_words)
{
  switch ((CharClass) cls)
    {
    case CLASS_LETTER:
    case CLASS_DIGIT:
      if (*run != CLASS_LETTER && *run != CLASS_DIGIT)
        (*n_words)++;
      *run = cls;
      break;

    case CLASS_MARK:
      /* A mark extends whatever it follows; alone it starts a word. */
      if (*run == CLASS_OTHER)
        {
          (*n_words)++;
          *run = CLASS_LETTER;
        }
      break;

    case CLASS_CJK:
      (*n_words)++;
      *run = CLASS_CJK;
      break;

    case CLASS_JOIN_LETTERS:
      if (*run != CLASS_LETTER || peek_class (next, end) != CLASS_LETTER)
        *run = CLASS_OTHER;
      break;

    case CLASS_JOIN_DIGITS:
      if (*run != CLASS_DIGIT || peek_class (next, end) != CLASS_DIGIT)
        *run = CLASS_OTHER;
      break;

    case CLASS_OTHER:
    case CLASS_CONTROL:
    case CLASS_CR:
    case CLASS_MULTIBYTE:
    default:
      *run = CLASS_OTHER;
      break;
    }
}

static inline guint64
load_word (const guchar *p)
{
  guint64 w;

  memcpy (&w, p, sizeof w);

  return w;
}

/* Bits set in @x */
static inline guint
count_bits (guint64 x)
{
  x -= (x >> 1) & G_GUINT64_CONSTANT (0x5555555555555555);
  x = (x & G_GUINT64_CONSTANT (0x3333333333333333)) + ((x >> 2) & G_GUINT64_CONSTANT (0x3333333333333333));
  x = (x + (x >> 4)) & G_GUINT64_CONSTANT (0x0F0F0F0F0F0F0F0F);

  return (x * ONES) >> 56;
}

/* Bit i of each mask describes byte i of a 64-byte block. Bits for bytes
 * at or after the first non-ASCII byte are meaningless. */
typedef struct
{
  guint64 high;     /* bytes >= 0x80 */
  guint64 word;     /* ASCII letters and digits */
  guint64 join;     /* ' - . , */
  guint64 control;  /* CLASS_CONTROL */
  guint64 cr;       /* '\r' */
} ByteMasks;

#ifdef __SSE2__

/* Adds the masks of the 16 bytes at @p, as bits @shift to @shift + 15 */
static inline void
load_masks_16 (const guchar *p,
               guint         shift,
               ByteMasks    *m)
{
  /* Signed compares after moving each range to start at -128; bytes
   * >= 0x80 give wrong answers, which the caller ignores. */
  const __m128i v = _mm_loadu_si128 ((const __m128i *) (const void *) p);
  const __m128i letter = _mm_cmplt_epi8 (_mm_add_epi8 (_mm_or_si128 (v, _mm_set1_epi8 (0x20)),
                                                       _mm_set1_epi8 (0x80 - 'a')),
                                         _mm_set1_epi8 (-128 + 26));
  const __m128i digit = _mm_cmplt_epi8 (_mm_add_epi8 (v, _mm_set1_epi8 (0x80 - '0')),
                                        _mm_set1_epi8 (-128 + 10));
  const __m128i join = _mm_or_si128 (_mm_cmplt_epi8 (_mm_add_epi8 (v, _mm_set1_epi8 (0x80 - ',')),
                                                     _mm_set1_epi8 (-128 + 3)),  /* , - . */
                                     _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('\'')));
  /* Below 0x20, but not TAB LF VT FF CR or ESC */
  const __m128i allowed = _mm_or_si128 (_mm_cmplt_epi8 (_mm_add_epi8 (v, _mm_set1_epi8 (0x80 - '\t')),
                                                        _mm_set1_epi8 (-128 + 5)),
                                        _mm_cmpeq_epi8 (v, _mm_set1_epi8 (0x1B)));
  const __m128i control = _mm_andnot_si128 (allowed, _mm_cmplt_epi8 (v, _mm_set1_epi8 (0x20)));
  const __m128i cr = _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('\r'));

  m->high |= (guint64) (guint16) _mm_movemask_epi8 (v) << shift;
  m->word |= (guint64) (guint16) _mm_movemask_epi8 (_mm_or_si128 (letter, digit)) << shift;
  m->join |= (guint64) (guint16) _mm_movemask_epi8 (join) << shift;
  m->control |= (guint64) (guint16) _mm_movemask_epi8 (control) << shift;
  m->cr |= (guint64) (guint16) _mm_movemask_epi8 (cr) << shift;
}

static inline void
load_masks (const guchar *p,
            ByteMasks    *m)
{
  memset (m, 0, sizeof *m);
  load_masks_16 (p, 0, m);
  load_masks_16 (p + 16, 16, m);
  load_masks_16 (p + 32, 32, m);
  load_masks_16 (p + 48, 48, m);
}

#else

/* Top bit of each byte of @w that lies in [@lo, @hi]; the bytes of @w must
 * be below 0x80. */
static inline guint64
bytes_in_range (guint64 w,
                guchar  lo,
                guchar  hi)
{
  return (w + ONES * (0x80 - lo)) & ~(w + ONES * (0x80 - hi - 1)) & HIGHS;
}

/* Top bit of each byte of @w equal to @c; the bytes of @w must be below
 * 0x80. */
static inline guint64
bytes_equal (guint64 w,
             guchar  c)
{
  return ~((w ^ (ONES * c)) + ONES * 0x7F) & HIGHS;
}

/* Packs the top bit of each byte into 8 bits. */
static inline guint
pack_high_bits (guint64 mask)
{
  return ((mask >> 7) * G_GUINT64_CONSTANT (0x0102040810204080)) >> 56;
}

static inline void
load_masks (const guchar *p,
            ByteMasks    *m)
{
  memset (m, 0, sizeof *m);

  for (guint i = 0; i < 8; i++)
    {
      guint64 w = GUINT64_FROM_LE (load_word (p + 8 * i));
      guint64 letter;
      guint64 digit;
      guint64 join;
      guint64 control;

      m->high |= (guint64) pack_high_bits (w & HIGHS) << (8 * i);
      w &= ~HIGHS;

      letter = bytes_in_range (w | (ONES * 0x20), 'a', 'z');
      digit = bytes_in_range (w, '0', '9');
      join = bytes_in_range (w, ',', '.') | bytes_equal (w, '\'');
      control = bytes_in_range (w, 0x00, 0x1F) &
                ~bytes_in_range (w, '\t', '\r') & ~bytes_equal (w, 0x1B);

      m->word |= (guint64) pack_high_bits (letter | digit) << (8 * i);
      m->join |= (guint64) pack_high_bits (join) << (8 * i);
      m->control |= (guint64) pack_high_bits (control) << (8 * i);
      m->cr |= (guint64) pack_high_bits (bytes_equal (w, '\r')) << (8 * i);
    }
}

#endif

/* Counts the first @n (8 to 64) bytes at @p, all ASCII, whose masks are
 * @m; @run is the state before them. Returns the state after them. */
static inline guint
scan_ascii_block (const guchar    *p,
                  guint            n,
                  const ByteMasks *m,
                  const guchar    *end,
                  guint            run,
                  TextStats       *stats)
{
  guint64 keep = n < 64 ? (G_GUINT64_CONSTANT (1) << n) - 1 : G_MAXUINT64;
  guint64 word = m->word & keep;
  guint64 control = m->control & keep;
  guint64 starts = word & ~((word << 1) | (run == CLASS_LETTER || run == CLASS_DIGIT));
  /* Word characters right after a joiner may continue the word before it */
  guint64 joined = starts & ((m->join & keep) << 1);
  guint last;

  while (joined != 0)
    {
      guint i = __builtin_ctzll (joined);
      guint before = i >= 2 ? byte_class[p[i - 2]] : run;
      guint joiner = byte_class[p[i - 1]];
      guint cls = byte_class[p[i]];

      if ((joiner == CLASS_JOIN_LETTERS && cls == CLASS_LETTER && before == CLASS_LETTER) ||
          (joiner == CLASS_JOIN_DIGITS && cls == CLASS_DIGIT && before == CLASS_DIGIT))
        starts &= ~(G_GUINT64_CONSTANT (1) << i);
      joined &= joined - 1;
    }

  if (G_UNLIKELY (control != 0))
    {
      stats->n_controls += count_bits (control);
      for (; control != 0; control &= control - 1)
        stats->has_nul |= p[__builtin_ctzll (control)] == '\0';
    }

  stats->has_cr |= (m->cr & keep) != 0;
  stats->n_words += count_bits (starts);
  stats->n_chars += n;

  last = byte_class[p[n - 1]];
  if (last == CLASS_JOIN_LETTERS || last == CLASS_JOIN_DIGITS)
    {
      guint joins = last == CLASS_JOIN_LETTERS ? CLASS_LETTER : CLASS_DIGIT;
      guint before = n >= 2 ? byte_class[p[n - 2]] : run;

      return before == joins && peek_class (p + n, end) == joins ? joins : CLASS_OTHER;
    }

  return last == CLASS_LETTER || last == CLASS_DIGIT ? last : CLASS_OTHER;
}

/* Decodes and counts the non-ASCII character at @p. Returns where the next
 * character starts, or %NULL if this one is not valid UTF-8. */
static inline const guchar *
scan_multibyte (const guchar *p,
                const guchar *end,
                guint        *run,
                TextStats    *stats)
{
  gunichar c;
  guint n = decode_utf8 (p, end, &c);

  if (n == 0)
    return NULL;

  stats->n_chars++;
  step_word (classify_non_ascii (c), p + n, end, run, &stats->n_words);

  return p + n;
}

/* A stretch of text scanned on its own. Decoding and look-ahead may read
 * up to @end, the end of the whole text. */
typedef struct
{
  const guchar *start;
  const guchar *stop;
  const guchar *end;
  guint         run;    /* the state at @stop */
  gboolean      valid;
  TextStats     stats;
} ScanPart;

/* Validates UTF-8 and counts characters, words and stray controls from
 * @part->start to @part->stop, as if a space came before. Returns %FALSE at
 * the first invalid sequence; NUL is counted, not rejected. */
static gboolean
scan_part (ScanPart *part)
{
  const guchar *p = part->start;
  const guchar *stop = part->stop;
  const guchar *end = part->end;
  TextStats stats = { 0, };
  /* CLASS_LETTER or CLASS_DIGIT (the last one seen) inside a letter/digit
   * run, CLASS_CJK just after a CJK character, CLASS_OTHER elsewhere. */
  guint run = CLASS_OTHER;

  while (p < stop)
    {
      guint cls;

      /* Blocks pay off when at least the next eight bytes are ASCII */
      if (stop - p >= SCAN_BLOCK && (load_word (p) & HIGHS) == 0)
        {
          ByteMasks m;
          guint n;

          load_masks (p, &m);
          n = m.high != 0 ? (guint) __builtin_ctzll (m.high) : SCAN_BLOCK;
          run = scan_ascii_block (p, n, &m, end, run, &stats);
          p += n;
          continue;
        }

      cls = byte_class[*p];

      /* ASCII letters, digits, spaces and punctuation: the common case */
      if (G_LIKELY (cls <= CLASS_DIGIT))
        {
          stats.n_words += cls != CLASS_OTHER && run != CLASS_LETTER && run != CLASS_DIGIT;
          run = cls;
          stats.n_chars++;
          p++;
          continue;
        }

      if (cls == CLASS_MULTIBYTE)
        {
          p = scan_multibyte (p, end, &run, &stats);
          if (p == NULL)
            return FALSE;
          continue;
        }

      if (cls == CLASS_CONTROL)
        {
          stats.n_controls++;
          stats.has_nul |= *p == '\0';
        }
      stats.has_cr |= cls == CLASS_CR;
      stats.n_chars++;
      p++;
      step_word (cls, p, end, &run, &stats.n_words);
    }

  /* A character may only run past @stop if it is broken */
  if (p != stop)
    return FALSE;

  part->stats = stats;
  part->run = run;

  return TRUE;
}

static gpointer
scan_part_cb (gpointer data)
{
  ScanPart *part = data;

  part->valid = scan_part (part);

  return NULL;
}

/* The number of parts to split @length bytes of work into: a power of two,
 * so that the middle is always a seam. */
static guint
count_parts (gsize length)
{
  guint n_processors = g_get_num_processors ();
  guint n_parts = 1;

  if (length < PARALLEL_MIN)
    return 1;

  while (n_parts * 2 <= MIN (n_processors, MAX_PARTS) &&
         length / (n_parts * 2) >= PART_MIN)
    n_parts *= 2;

  return n_parts;
}

/* @part was scanned as if a space came before it, while the text before it
 * ends in state @run. Replays its first characters from both states until
 * they agree; returns the words the part gained or lost, and sets @run to
 * the state at the end of the part. */
static gssize
replay_seam (const ScanPart *part,
             guint          *run)
{
  const guchar *p = part->start;
  guint real = *run;
  guint assumed = CLASS_OTHER;
  gsize real_words = 0;
  gsize assumed_words = 0;

  while (p < part->stop && real != assumed)
    {
      const guchar *next = p + 1;
      guint cls = byte_class[*p];

      if (cls == CLASS_MULTIBYTE)
        {
          gunichar c;
          guint n = decode_utf8 (p, part->end, &c);

          g_assert (n > 0);
          next = p + n;
          cls = classify_non_ascii (c);
        }

      step_word (cls, next, part->end, &real, &real_words);
      step_word (cls, next, part->end, &assumed, &assumed_words);
      p = next;
    }

  *run = real == assumed ? part->run : real;

  return (gssize) real_words - (gssize) assumed_words;
}

/* Validates UTF-8 and counts characters, words and stray controls, in
 * several threads for a long text. Returns %FALSE if @text is not UTF-8. */
static gboolean
scan_text (const char *text,
           gsize       length,
           TextStats  *stats)
{
  const guchar *start = (const guchar *) text;
  const guchar *end = start + length;
  ScanPart parts[MAX_PARTS];
  guint n_parts = count_parts (length);
  guint run = CLASS_OTHER;

  ensure_two_byte_classes ();

  for (guint i = 0; i < n_parts; i++)
    {
      parts[i].start = i == 0 ? start : parts[i - 1].stop;
      parts[i].end = end;

      if (i + 1 < n_parts)
        {
          /* Split before a character; more than three continuation bytes
           * would be invalid anyway. */
          gsize split = (guint64) length * (i + 1) / n_parts;
          gsize limit = MIN (split + 4, length);

          while (split < limit && (start[split] & 0xC0) == 0x80)
            split++;
          parts[i].stop = start + split;
        }
      else
        {
          parts[i].stop = end;
        }
    }

  cp_parallel_run ("cp-load", scan_part_cb, parts, sizeof parts[0], n_parts, n_parts);

  memset (stats, 0, sizeof *stats);

  for (guint i = 0; i < n_parts; i++)
    {
      if (!parts[i].valid)
        return FALSE;

      stats->n_chars += parts[i].stats.n_chars;
      stats->n_words += parts[i].stats.n_words;
      stats->n_controls += parts[i].stats.n_controls;
      stats->has_nul |= parts[i].stats.has_nul;
      stats->has_cr |= parts[i].stats.has_cr;

      if (i > 0 && run != CLASS_OTHER)
        stats->n_words += replay_seam (&parts[i], &run);
      else
        run = parts[i].run;
    }

  return TRUE;
}

/* Same rule as looks_binary(), from the counts of a scan of @length bytes */
static inline gboolean
stats_look_binary (const TextStats *stats,
                   gsize            length)
{
  return stats->has_nul || stats->n_controls * 10 > length;
}

/* Returns the title of @text, or %NULL when it has no non-blank line. */
static char *
make_title (const char *text,
            gsize       length)
{
  const char *end = text + length;
  const char *p = text;
  const char *start;
  const char *content_end;
  const char *last_break = NULL;
  const char *rest;
  const char *cut;
  guint n = 0;

  /* Leading white space, blank lines included. */
  while (p < end && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);

  if (p == end)
    return NULL;

  start = content_end = p;

  while (p < end && *p != '\n' && n < TITLE_MAX_CHARS)
    {
      const char *next = g_utf8_next_char (p);

      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          last_break = content_end;
        }
      else
        content_end = next;

      p = next;
      n++;
    }

  /* Anything but white space left on the line? */
  rest = p;
  while (rest < end && *rest != '\n' && g_unichar_isspace (g_utf8_get_char (rest)))
    rest = g_utf8_next_char (rest);

  if (rest == end || *rest == '\n')
    return g_strndup (start, content_end - start);

  if (rest > p)
    cut = content_end;       /* the limit falls on white space */
  else if (last_break != NULL)
    cut = last_break;        /* back to the end of the last whole word */
  else
    cut = p;                 /* one word longer than the limit */

  return g_strdup_printf ("%.*s…", (int) (cut - start), start);
}

/* Copies @src to @dst turning CRLF and lone CR into LF; @dst may be @src or
 * lie before it. Returns the new length. */
static gsize
normalize_line_ends (char       *dst,
                     const char *src,
                     gsize       length)
{
  const char *end = src + length;
  char *out = dst;

  while (src < end)
    {
      const char *cr = memchr (src, '\r', end - src);
      gsize n = (cr ? cr : end) - src;

      if (out != src)
        memmove (out, src, n);
      out += n;
      src += n;

      if (cr != NULL)
        {
          *out++ = '\n';
          src++;
          if (src < end && *src == '\n')
            src++;
        }
    }

  return out - dst;
}

typedef struct
{
  char     *start;
  gsize     length;
  gboolean  after_cr;    /* the byte before the part was a CR */
  gsize     new_length;
} LineEndPart;

static gpointer
normalize_part_cb (gpointer data)
{
  LineEndPart *part = data;
  const char *src = part->start;
  gsize length = part->length;

  /* The LF of a CRLF split between two parts */
  if (part->after_cr && length > 0 && *src == '\n')
    {
      src++;
      length--;
    }

  part->new_length = normalize_line_ends (part->start, src, length);

  return NULL;
}

/* Like normalize_line_ends() with @dst and @src in the same buffer, in
 * several threads for a long text: each part is rewritten in place, then
 * the parts are moved together. */
static gsize
normalize_text (char       *dst,
                const char *src,
                gsize       length)
{
  LineEndPart parts[MAX_PARTS];
  guint n_parts = count_parts (length);
  char *out = dst;

  g_assert (dst <= src);

  if (n_parts == 1)
    return normalize_line_ends (dst, src, length);

  /* Look at the seams before any part is rewritten */
  for (guint i = 0; i < n_parts; i++)
    {
      gsize first = (guint64) length * i / n_parts;
      gsize next = (guint64) length * (i + 1) / n_parts;

      parts[i].start = (char *) src + first;
      parts[i].length = next - first;
      parts[i].after_cr = first > 0 && src[first - 1] == '\r';
    }

  cp_parallel_run ("cp-load", normalize_part_cb, parts, sizeof parts[0], n_parts, n_parts);

  for (guint i = 0; i < n_parts; i++)
    {
      if (out != parts[i].start)
        memmove (out, parts[i].start, parts[i].new_length);
      out += parts[i].new_length;
    }

  return out - dst;
}

static gboolean
looks_binary (const char *data,
              gsize       length)
{
  const guchar *p = (const guchar *) data;
  gsize n_control = 0;

  if (memchr (data, '\0', length) != NULL)
    return TRUE;

  for (gsize i = 0; i < length; i++)
    n_control += byte_class[p[i]] == CLASS_CONTROL;

  return n_control * 10 > length;
}

/* Valid multi-byte sequences and broken bytes in @data: text that is
 * UTF-8 but for a few broken bytes (a truncated character) has many of the
 * first and few of the second; Windows-1252 text has none of the first. */
static void
count_utf8_sequences (const char *data,
                      gsize       length,
                      gsize      *n_valid,
                      gsize      *n_broken)
{
  const char *p = data;
  const char *end = data + length;

  *n_valid = *n_broken = 0;
  while (p < end)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          (*n_broken)++;
          p++;
        }
      else
        {
          (*n_valid)++;
          p = g_utf8_next_char (p);
        }
    }
}

typedef enum
{
  WIDE_NONE,
  WIDE_UTF16LE,
  WIDE_UTF16BE,
  WIDE_UTF32,
} WideGuess;

/* Text in UTF-16 or UTF-32 without a byte-order mark: in text of mostly
 * Latin letters every second (every fourth) byte is zero, at the same
 * place in each unit. Looks at the first 4 KiB. */
static WideGuess
guess_wide_text (const char *data,
                 gsize       length)
{
  const guchar *p = (const guchar *) data;
  gsize n = MIN (length, 4096) & ~(gsize) 3;
  gsize zeros[4] = { 0, };

  if (n < 8)
    return WIDE_NONE;

  for (gsize i = 0; i < n; i++)
    zeros[i % 4] += p[i] == 0;

  /* UTF-32: three of the four bytes of most units are zero */
  if ((zeros[1] + zeros[2] + zeros[3]) * 4 >= n * 3 * 9 / 10 ||
      (zeros[0] + zeros[1] + zeros[2]) * 4 >= n * 3 * 9 / 10)
    return WIDE_UTF32;
  if ((zeros[1] + zeros[3]) * 2 * 10 >= n * 4 && (zeros[0] + zeros[2]) * 2 * 50 <= n)
    return WIDE_UTF16LE;
  if ((zeros[0] + zeros[2]) * 2 * 10 >= n * 4 && (zeros[1] + zeros[3]) * 2 * 50 <= n)
    return WIDE_UTF16BE;
  return WIDE_NONE;
}

/* }}} */

/* Memory {{{ */

/* A buffer for @size bytes that are about to be written in full. Large ones
 * ask for transparent huge pages: faulting in and later freeing 4 KiB pages
 * costs more than reading the file itself. This is only advice: without
 * huge pages to spare the kernel uses small ones, and nothing else about
 * the memory changes. */
static char *
alloc_text_buffer (gsize size)
{
  char *buffer = g_malloc (size);

#ifdef MADV_HUGEPAGE
  if (size >= 4 * HUGE_PAGE_SIZE)
    {
      guintptr first = ((guintptr) buffer + HUGE_PAGE_SIZE - 1) & ~(guintptr) (HUGE_PAGE_SIZE - 1);
      guintptr last = ((guintptr) buffer + size) & ~(guintptr) (HUGE_PAGE_SIZE - 1);

      if (last > first)
        madvise ((void *) first, last - first, MADV_HUGEPAGE);
    }
#endif

  return buffer;
}

/* }}} */

/* Decoding {{{ */

static void
set_not_text_error (GError     **error,
                    const char  *display_name)
{
  g_set_error (error, CP_ERROR, CP_ERROR_NOT_TEXT,
               _("“%s” is not a text file (it contains binary data). "
                 "Choose a plain-text review."),
               display_name);
}

static void
set_broken_utf16_error (GError     **error,
                        const char  *display_name)
{
  g_set_error (error, CP_ERROR, CP_ERROR_NOT_TEXT,
               _("“%s” is not valid UTF-16 text (it contains a broken "
                 "character). Save it again as UTF-8 and reopen it."),
               display_name);
}

static inline guint
read_unit (const guchar *p,
           gboolean      big_endian)
{
  return big_endian ? (p[0] << 8) | p[1] : p[0] | (p[1] << 8);
}

/* Decodes UTF-16 without its BOM. Lone surrogates and an odd length are
 * errors; NUL and a high share of control characters mean binary data. */
static char *
decode_utf16 (const char  *data,
              gsize        length,
              gboolean     big_endian,
              const char  *display_name,
              gsize       *out_length,
              GError     **error)
{
  const guchar *in = (const guchar *) data;
  gsize n_units = length / 2;
  gsize out_size = 0;
  gsize n_chars = 0;
  gsize n_control = 0;
  char *out;
  char *o;

  if (length % 2 != 0)
    {
      set_broken_utf16_error (error, display_name);
      return NULL;
    }

  for (gsize i = 0; i < n_units; i++)
    {
      guint u = read_unit (in + 2 * i, big_endian);

      if (u >= 0xD800 && u <= 0xDBFF)
        {
          guint low = i + 1 < n_units ? read_unit (in + 2 * (i + 1), big_endian) : 0;

          if (low < 0xDC00 || low > 0xDFFF)
            {
              set_broken_utf16_error (error, display_name);
              return NULL;
            }
          out_size += 4;
          i++;
        }
      else if (u >= 0xDC00 && u <= 0xDFFF)
        {
          set_broken_utf16_error (error, display_name);
          return NULL;
        }
      else if (u == 0)
        {
          set_not_text_error (error, display_name);
          return NULL;
        }
      else
        {
          if (u < 0x20)
            n_control += byte_class[u] == CLASS_CONTROL;
          out_size += u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
        }

      n_chars++;
    }

  if (n_control * 10 > n_chars)
    {
      set_not_text_error (error, display_name);
      return NULL;
    }

  out = o = alloc_text_buffer (out_size + 1);

  for (gsize i = 0; i < n_units; i++)
    {
      gunichar c = read_unit (in + 2 * i, big_endian);

      if (c >= 0xD800 && c <= 0xDBFF)
        {
          gunichar low = read_unit (in + 2 * (i + 1), big_endian);

          c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
          i++;
        }

      o += g_unichar_to_utf8 (c, o);
    }

  g_assert ((gsize) (o - out) == out_size);
  *o = '\0';
  *out_length = out_size;

  return out;
}

static char *
decode_windows_1252 (const char *data,
                     gsize       length,
                     gsize      *out_length)
{
  const guchar *in = (const guchar *) data;
  gsize out_size = 0;
  char *out;
  char *o;

  for (gsize i = 0; i < length; i++)
    {
      guchar b = in[i];

      if (b < 0x80)
        out_size += 1;
      else if (b >= 0xA0 || windows_1252_high[b - 0x80] < 0x800)
        out_size += 2;
      else
        out_size += 3;
    }

  out = o = alloc_text_buffer (out_size + 1);

  for (gsize i = 0; i < length; i++)
    {
      guchar b = in[i];

      if (b < 0x80)
        *o++ = (char) b;
      else if (b >= 0xA0)
        o += g_unichar_to_utf8 (b, o);
      else
        o += g_unichar_to_utf8 (windows_1252_high[b - 0x80], o);
    }

  *o = '\0';
  *out_length = out_size;

  return out;
}

/* Turns the raw bytes of a file into NUL-terminated UTF-8 with LF line ends
 * and counts it. Takes ownership of @data and returns the text, which is
 * @data itself for valid UTF-8. */
static char *
decode_contents (char        *data,
                 gsize        length,
                 const char  *display_name,
                 CpEncoding  *encoding,
                 gsize       *n_repaired,
                 gsize       *out_length,
                 TextStats   *stats,
                 GError     **error)
{
  const guchar *bytes = (const guchar *) data;
  gboolean bom = length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
  gsize skip = bom ? 3 : 0;
  WideGuess wide = WIDE_NONE;
  gboolean binary = FALSE;
  char *text;
  gsize text_length;

  if (length >= 2 &&
      ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
    {
      gboolean big_endian = bytes[0] == 0xFE;

      text = decode_utf16 (data + 2, length - 2, big_endian, display_name, &text_length, error);
      g_free (data);
      if (text == NULL)
        return NULL;
      *encoding = big_endian ? CP_ENCODING_UTF16BE : CP_ENCODING_UTF16LE;
    }
  else if (scan_text (data + skip, length - skip, stats))
    {
      /* Valid UTF-8, validated and counted in one pass: keep the buffer. */
      if (stats_look_binary (stats, length - skip))
        {
          g_free (data);
          set_not_text_error (error, display_name);
          return NULL;
        }

      *encoding = bom ? CP_ENCODING_UTF8_BOM : CP_ENCODING_UTF8;
      /* Drops the BOM too. Each byte removed is the LF of a CRLF. */
      if (skip > 0 || stats->has_cr)
        *out_length = normalize_text (data, data + skip, length - skip);
      else
        *out_length = length;
      stats->n_chars -= (length - skip) - *out_length;
      if (length - *out_length > 4096)
        data = g_realloc (data, *out_length + 1);
      data[*out_length] = '\0';

      return data;
    }
  else if ((binary = looks_binary (data, length)) &&
           (wide = length % 2 == 0 ? guess_wide_text (data, length) : WIDE_NONE) != WIDE_NONE &&
           wide != WIDE_UTF32)
    {
      /* UTF-16 without its byte-order mark, as some editors save it */
      gboolean big_endian = wide == WIDE_UTF16BE;

      text = decode_utf16 (data, length, big_endian, display_name, &text_length, error);
      g_free (data);
      if (text == NULL)
        return NULL;
      *encoding = big_endian ? CP_ENCODING_UTF16BE : CP_ENCODING_UTF16LE;
    }
  else if (binary)
    {
      g_free (data);
      if (wide == WIDE_UTF32)
        g_set_error (error, CP_ERROR, CP_ERROR_NOT_TEXT,
                     _("“%s” looks like UTF-32 text, which Counterpoint does not read. "
                       "Save it again as UTF-8 and reopen it."),
                     display_name);
      else
        set_not_text_error (error, display_name);
      return NULL;
    }
  else if (bom)
    {
      /* The BOM says UTF-8: mend the broken sequences rather than guess. */
      *encoding = CP_ENCODING_UTF8_BOM;
      text = g_utf8_make_valid (data + 3, length - 3);
      text_length = strlen (text);
      g_free (data);
    }
  else
    {
      gsize n_valid, n_broken;

      count_utf8_sequences (data, length, &n_valid, &n_broken);
      if (n_valid > n_broken && n_broken <= MAX (1, n_valid / 4))
        {
          /* UTF-8 with a few broken bytes (a character cut short): mend
           * them, and say so, rather than read it all as Windows-1252 */
          *encoding = CP_ENCODING_UTF8;
          *n_repaired = n_broken;
          text = g_utf8_make_valid (data, length);
          text_length = strlen (text);
        }
      else
        {
          *encoding = CP_ENCODING_WINDOWS_1252;
          text = decode_windows_1252 (data, length, &text_length);
        }
      g_free (data);
    }

  *out_length = normalize_text (text, text, text_length);
  text[*out_length] = '\0';

  if (!scan_text (text, *out_length, stats))
    g_assert_not_reached ();

  return text;
}

/**
 * cp_document_decode_bytes:
 * @data: the raw bytes of a file
 * @length: how many
 * @display_name: the file's name, for the error message
 * @encoding: (out) (optional): the encoding the bytes were read as
 * @out_length: (out): the length of the text in bytes
 * @error: return location for a %CP_ERROR_NOT_TEXT error
 *
 * Decodes a copy of @data as a plain-text file is decoded: a BOM (UTF-8,
 * UTF-16), else UTF-8 when it is valid, else Windows-1252; line ends
 * become LF. For importers of text-based formats that declare no
 * character set (a web page without a meta charset).
 *
 * Returns: (transfer full) (nullable): NUL-terminated UTF-8, or %NULL
 *   when the bytes are binary data
 */
char *
cp_document_decode_bytes (const char  *data,
                          gsize        length,
                          const char  *display_name,
                          CpEncoding  *encoding,
                          gsize       *out_length,
                          GError     **error)
{
  CpEncoding local_encoding = CP_ENCODING_UTF8;
  gsize n_repaired = 0;
  TextStats stats;
  char *copy;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (out_length != NULL, NULL);

  copy = alloc_text_buffer (length + 1);
  if (length > 0)
    memcpy (copy, data, length);
  copy[length] = '\0';

  copy = decode_contents (copy, length, display_name, &local_encoding, &n_repaired, out_length, &stats, error);
  if (encoding != NULL)
    *encoding = local_encoding;

  return copy;
}

/**
 * cp_document_decode_windows_1252:
 * @data: bytes in Windows-1252
 * @length: how many
 * @out_length: (out): the length of the result in bytes
 *
 * Decodes Windows-1252 (and ISO-8859-1, which browsers read as
 * Windows-1252) as plain-text files are decoded: the five bytes the code
 * page leaves undefined become the C1 controls of the same number. Line
 * ends are left as they are.
 *
 * Returns: (transfer full): NUL-terminated UTF-8
 */
char *
cp_document_decode_windows_1252 (const char *data,
                                 gsize       length,
                                 gsize      *out_length)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (out_length != NULL, NULL);

  return decode_windows_1252 (data, length, out_length);
}

/* }}} */

/* Loading {{{ */

static char *
dup_display_name (GFile     *file,
                  GFileInfo *info)
{
  const char *path;

  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME))
    return g_strdup (g_file_info_get_display_name (info));

  path = g_file_peek_path (file);
  if (path != NULL)
    return g_filename_display_basename (path);

  return g_file_get_parse_name (file);
}

/* Gives GIO errors a message that names the file; the domain and code stay. */
static void
propagate_io_error (GError     **error,
                    GError      *local_error,
                    const char  *display_name)
{
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("“%s” could not be found. It may have been moved or "
                     "deleted; choose it again."),
                   display_name);
      g_error_free (local_error);
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("You do not have permission to read “%s”. Ask its owner "
                     "for access or choose a copy you can read."),
                   display_name);
      g_error_free (local_error);
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, local_error);
    }
  else
    {
      g_propagate_prefixed_error (error, local_error,
                                  _("Could not read “%s”: "),
                                  display_name);
    }
}

static void
set_too_large_error (GError     **error,
                     const char  *display_name,
                     guint64      size,
                     guint64      max_size)
{
  g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

  if (size > 0)
    {
      g_autofree char *size_str = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, CP_ERROR, CP_ERROR_TOO_LARGE,
                   _("“%s” is %s, larger than the %s limit. "
                     "Split it into smaller files."),
                   display_name, size_str, limit);
    }
  else
    {
      g_set_error (error, CP_ERROR, CP_ERROR_TOO_LARGE,
                   _("“%s” is larger than the %s limit. "
                     "Split it into smaller files."),
                   display_name, limit);
    }
}

#ifdef G_OS_UNIX

typedef struct
{
  int           fd;
  char         *buffer;
  goffset       offset;
  gsize         length;
  gsize         n_read;
  GCancellable *cancellable;
  GError       *error;
} ReadPart;

static gpointer
read_part_cb (gpointer data)
{
  ReadPart *part = data;

  while (part->n_read < part->length)
    {
      gssize n_read;

      if (g_cancellable_set_error_if_cancelled (part->cancellable, &part->error))
        break;

      n_read = pread (part->fd, part->buffer + part->n_read,
                      MIN (part->length - part->n_read, READ_CHUNK),
                      part->offset + part->n_read);
      if (n_read < 0)
        {
          int errsv = errno;

          if (errsv == EINTR)
            continue;

          /* The message a GFileInputStream gives, in GLib's words */
          g_set_error (&part->error, G_IO_ERROR, g_io_error_from_errno (errsv),
                       g_dgettext ("glib20", "Error reading from file: %s"),
                       g_strerror (errsv));
          break;
        }
      if (n_read == 0)
        break;

      part->n_read += n_read;
    }

  return NULL;
}

/* Reads a local file of @size bytes in several threads at once, with
 * pread() so that the file position stays at 0. Returns %NULL with @error
 * set on failure, and %NULL without an error when the file does not have
 * @size bytes any more: the caller then reads it as a stream. */
static char *
read_file_in_parts (int            fd,
                    gsize          size,
                    GCancellable  *cancellable,
                    GError       **error)
{
  ReadPart parts[MAX_PARTS];
  guint n_parts = count_parts (size);
  char *buffer = alloc_text_buffer (size + 1);
  gboolean complete = TRUE;
  gssize n_extra = 0;
  char extra;

  for (guint i = 0; i < n_parts; i++)
    {
      gsize first = (guint64) size * i / n_parts;
      gsize next = (guint64) size * (i + 1) / n_parts;

      parts[i] = (ReadPart) {
        .fd = fd,
        .buffer = buffer + first,
        .offset = first,
        .length = next - first,
        .cancellable = cancellable,
      };
    }

  cp_parallel_run ("cp-load", read_part_cb, parts, sizeof parts[0], n_parts, n_parts);

  for (guint i = 0; i < n_parts; i++)
    {
      if (parts[i].error != NULL)
        {
          if (error != NULL && *error == NULL)
            g_propagate_error (error, g_steal_pointer (&parts[i].error));
          else
            g_clear_error (&parts[i].error);
          complete = FALSE;
        }
      complete &= parts[i].n_read == parts[i].length;
    }

  /* Has the file grown since its size was read? */
  if (complete)
    {
      do
        n_extra = pread (fd, &extra, 1, size);
      while (n_extra < 0 && errno == EINTR);

      if (n_extra < 0)
        {
          int errsv = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                       g_dgettext ("glib20", "Error reading from file: %s"),
                       g_strerror (errsv));
        }
    }

  if (!complete || n_extra != 0)
    {
      g_free (buffer);
      return NULL;
    }

  buffer[size] = '\0';

  return buffer;
}

#endif

/* Reads at most @max_size + 1 bytes, so that a caller can tell a file that
 * grew past the limit. @expected is the size from the file info. */
static char *
read_contents (GInputStream  *stream,
               gsize          expected,
               gsize          max_size,
               gsize         *out_length,
               GCancellable  *cancellable,
               GError       **error)
{
  gsize limit = max_size + 1;
  gsize capacity = MIN (expected + 1, limit);
  gsize length = 0;
  char *buffer = alloc_text_buffer (capacity + 1);

  for (;;)
    {
      gssize n_read;

      if (length == capacity)
        {
          if (capacity == limit)
            break;
          capacity = capacity > limit / 2 ? limit : MIN (MAX (capacity * 2, 4096), limit);
          buffer = g_realloc (buffer, capacity + 1);
        }

      n_read = g_input_stream_read (stream, buffer + length,
                                    MIN (capacity - length, READ_CHUNK),
                                    cancellable, error);
      if (n_read < 0)
        {
          g_free (buffer);
          return NULL;
        }
      if (n_read == 0)
        break;

      length += n_read;
    }

  /* Give back what a file that shrank or grew left unused. */
  if (capacity - length > 4096)
    buffer = g_realloc (buffer, length + 1);

  buffer[length] = '\0';
  *out_length = length;

  return buffer;
}

static CpDocument *
document_new_take_text (GFile           *file,
                        const char      *name,
                        char            *text,
                        gsize            length,
                        CpEncoding       encoding,
                        const TextStats *stats)
{
  CpDocument *self = g_object_new (CP_TYPE_DOCUMENT, NULL);

  g_free (self->text);
  self->file = file ? g_object_ref (file) : NULL;
  self->name = g_strdup (name);
  self->text = text;
  self->length = length;
  self->encoding = encoding;

  self->n_characters = stats->n_chars;
  self->n_words = stats->n_words;

  self->title = make_title (text, length);
  if (self->title == NULL)
    self->title = g_strdup (name);

  return self;
}

/* Makes a document of the @length bytes at @data (a buffer of at least
 * @length + 1 bytes, taken): a web page, a PDF, a document through the
 * registered importer for its content, whatever it is called (@hint, a
 * file name, only helps to guess its type); else text in its encoding. */
static CpDocument *
document_new_take_data (GFile         *file,
                        const char    *display_name,
                        const char    *hint,
                        char          *data,
                        gsize          length,
                        GCancellable  *cancellable,
                        GError       **error)
{
  CpEncoding encoding = CP_ENCODING_UTF8;
  const CpImporter *importer;
  CpDocument *document;
  gsize n_repaired = 0;
  TextStats stats;
  char *text;

  importer = cp_importer_find (hint, (const guchar *) data, length);
  if (importer != NULL)
    {
      g_autoptr(GBytes) contents = g_bytes_new_take (data, length);

      return importer->import (contents, file, display_name, cancellable, error);
    }

  text = decode_contents (data, length, display_name, &encoding, &n_repaired, &length, &stats, error);
  if (text == NULL)
    return NULL;

  document = document_new_take_text (file, display_name, text, length, encoding, &stats);
  document->n_repaired = n_repaired;
  return document;
}

/**
 * cp_document_new_from_file:
 * @file: the file to load
 * @max_size: the largest file size accepted, in bytes, or 0 for
 *   %CP_DOCUMENT_DEFAULT_MAX_SIZE
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Loads and decodes a text file. Folders fail with %G_IO_ERROR_IS_DIRECTORY,
 * FIFOs, sockets and devices with %CP_ERROR_NOT_REGULAR_FILE (without being
 * opened), files over @max_size with %CP_ERROR_TOO_LARGE and binary data
 * with %CP_ERROR_NOT_TEXT. Other GIO errors keep their code. Every message
 * names the file.
 *
 * Returns: (transfer full): the new document, or %NULL on error
 */
CpDocument *
cp_document_new_from_file (GFile         *file,
                           guint64        max_size,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *display_name = NULL;
  GError *local_error = NULL;
  GFileType type;
  guint64 size;
  char *data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (max_size == 0)
    max_size = CP_DOCUMENT_DEFAULT_MAX_SIZE;
  max_size = MIN (max_size, (guint64) G_MAXSIZE - 2);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  info = g_file_query_info (file, QUERY_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info == NULL)
    {
      display_name = dup_display_name (file, NULL);
      propagate_io_error (error, local_error, display_name);
      return NULL;
    }

  display_name = dup_display_name (file, info);
  type = g_file_info_get_file_type (info);

  if (type == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder, not a text file. "
                     "Choose a text file inside it."),
                   display_name);
      return NULL;
    }

  /* A link that cannot be followed: to a file that is gone, or round in
   * a circle */
  if (type == G_FILE_TYPE_SYMBOLIC_LINK)
    {
      cp_file_set_broken_link_error (error, display_name);
      return NULL;
    }

  /* Opening a FIFO would wait for a writer, and a device may never end. */
  if (type != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, CP_ERROR, CP_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file (it is a device, pipe or "
                     "socket). Choose a text file saved on disk."),
                   display_name);
      return NULL;
    }

  size = (guint64) MAX (g_file_info_get_size (info), 0);
  if (size > max_size)
    {
      set_too_large_error (error, display_name, size, max_size);
      return NULL;
    }

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      propagate_io_error (error, local_error, display_name);
      return NULL;
    }

  data = NULL;
  length = size;

#ifdef G_OS_UNIX
  /* Large local files are read by several threads; a file that changed
   * size meanwhile is read again below. */
  if (count_parts (size) > 1 && G_IS_FILE_DESCRIPTOR_BASED (stream))
    {
      int fd = g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (stream));

      data = read_file_in_parts (fd, size, cancellable, &local_error);
    }
#endif

  if (data == NULL && local_error == NULL)
    data = read_contents (G_INPUT_STREAM (stream), size, max_size, &length,
                          cancellable, &local_error);
  g_input_stream_close (G_INPUT_STREAM (stream), NULL, NULL);

  if (data == NULL)
    {
      propagate_io_error (error, local_error, display_name);
      return NULL;
    }

  if (length > max_size)
    {
      g_free (data);
      set_too_large_error (error, display_name, 0, max_size);
      return NULL;
    }

  return document_new_take_data (file, display_name, display_name, data, length, cancellable, error);
}

typedef struct
{
  GFile   *file;
  guint64  max_size;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_object (&load->file);
  g_free (load);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *load = task_data;
  GError *error = NULL;
  CpDocument *document;

  document = cp_document_new_from_file (load->file, load->max_size, cancellable, &error);

  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

/**
 * cp_document_new_from_file_async:
 * @file: the file to load
 * @max_size: as for cp_document_new_from_file()
 * @io_priority: the I/O priority of the request
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the document is loaded
 * @user_data: data for @callback
 *
 * Loads @file in a worker thread. Finish with
 * cp_document_new_from_file_finish().
 */
void
cp_document_new_from_file_async (GFile               *file,
                                 guint64              max_size,
                                 int                  io_priority,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  load = g_new0 (LoadData, 1);
  load->file = g_object_ref (file);
  load->max_size = max_size;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cp_document_new_from_file_async);
  g_task_set_name (task, "[counterpoint] load document");
  g_task_set_priority (task, io_priority);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_in_thread);
}

/**
 * cp_document_new_from_file_finish:
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new document, or %NULL on error
 */
CpDocument *
cp_document_new_from_file_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cp_document_new_from_file_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cp_document_new_from_bytes:
 * @contents: what a file of the document would hold
 * @name: the name of the source (“Pasted text”, “standard input”), for
 *   the document and every error message
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @contents as cp_document_new_from_file() reads a file, for text
 * that comes from no file: standard input, the clipboard, a drop. The
 * registered importer for the content reads it (with no file); else it is
 * text in its encoding, and binary data fails with %CP_ERROR_NOT_TEXT.
 * @contents is not changed. Blocks: importers may take a while.
 *
 * Returns: (transfer full): the new document, with no file, or %NULL on
 *   error
 */
CpDocument *
cp_document_new_from_bytes (GBytes        *contents,
                            const char    *name,
                            GCancellable  *cancellable,
                            GError       **error)
{
  gsize length;
  const char *bytes;
  char *data;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Decoding works in place, in a buffer one byte longer than the text */
  bytes = g_bytes_get_data (contents, &length);
  data = alloc_text_buffer (length + 1);
  if (length > 0)
    memcpy (data, bytes, length);
  data[length] = '\0';

  return document_new_take_data (NULL, name, NULL, data, length, cancellable, error);
}

/**
 * cp_document_new_from_stream:
 * @stream: a stream to read to its end, such as standard input
 * @name: the name of the source, for the document and every error message
 * @max_size: the most bytes accepted, or 0 for
 *   %CP_DOCUMENT_DEFAULT_MAX_SIZE
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @stream (at most @max_size + 1 bytes: more fails with
 * %CP_ERROR_TOO_LARGE) and makes a document of it as
 * cp_document_new_from_bytes() does. The stream is not closed.
 *
 * Returns: (transfer full): the new document, with no file, or %NULL on
 *   error
 */
CpDocument *
cp_document_new_from_stream (GInputStream  *stream,
                             const char    *name,
                             guint64        max_size,
                             GCancellable  *cancellable,
                             GError       **error)
{
  GError *local_error = NULL;
  gsize length;
  char *data;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (max_size == 0)
    max_size = CP_DOCUMENT_DEFAULT_MAX_SIZE;
  max_size = MIN (max_size, (guint64) G_MAXSIZE - 2);

  data = read_contents (stream, 0, max_size, &length, cancellable, &local_error);
  if (data == NULL)
    {
      propagate_io_error (error, local_error, name);
      return NULL;
    }
  if (length > max_size)
    {
      g_free (data);
      set_too_large_error (error, name, 0, max_size);
      return NULL;
    }

  return document_new_take_data (NULL, name, NULL, data, length, cancellable, error);
}

static void
new_from_bytes_in_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  const char *name = g_object_get_data (G_OBJECT (task), "cp-name");
  GError *error = NULL;
  CpDocument *document;

  document = cp_document_new_from_bytes (task_data, name, cancellable, &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

/**
 * cp_document_new_from_bytes_async:
 * @contents: what a file of the document would hold
 * @name: the name of the source
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the document is made
 * @user_data: data for @callback
 *
 * Does what cp_document_new_from_bytes() does in a worker thread. Finish
 * with cp_document_new_from_bytes_finish().
 */
void
cp_document_new_from_bytes_async (GBytes              *contents,
                                  const char          *name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (contents != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cp_document_new_from_bytes_async);
  g_task_set_name (task, "[counterpoint] read text");
  g_task_set_task_data (task, g_bytes_ref (contents), (GDestroyNotify) g_bytes_unref);
  g_object_set_data_full (G_OBJECT (task), "cp-name", g_strdup (name), g_free);
  g_task_run_in_thread (task, new_from_bytes_in_thread);
}

/**
 * cp_document_new_from_bytes_finish:
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new document, or %NULL on error
 */
CpDocument *
cp_document_new_from_bytes_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cp_document_new_from_bytes_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cp_document_new_from_text:
 * @name: the name of the document
 * @text: UTF-8 text
 * @length: the length of @text in bytes, or -1 if it is NUL-terminated
 *
 * Creates a document from a copy of @text with its line ends normalized.
 *
 * Returns: (transfer full): the new document
 */
CpDocument *
cp_document_new_from_text (const char *name,
                           const char *text,
                           gssize      length)
{
  TextStats stats;
  char *copy;
  gsize copy_length;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (text == NULL)
    text = "";
  if (length < 0)
    length = strlen (text);

  g_return_val_if_fail (g_utf8_validate_len (text, length, NULL), NULL);

  copy = alloc_text_buffer (length + 1);
  copy_length = normalize_line_ends (copy, text, length);
  copy[copy_length] = '\0';

  if (!scan_text (copy, copy_length, &stats))
    g_assert_not_reached ();

  return document_new_take_text (NULL, name, copy, copy_length, CP_ENCODING_UTF8, &stats);
}

static char *
dup_field (const char *value)
{
  g_autofree char *stripped = NULL;

  if (value == NULL)
    return NULL;

  stripped = g_strstrip (g_utf8_make_valid (value, -1));
  return stripped[0] != '\0' ? g_steal_pointer (&stripped) : NULL;
}

/**
 * cp_document_new_from_import:
 * @file: (nullable): the file the text was read from
 * @name: the display name of the source
 * @text: UTF-8 text, as an importer extracted it: paragraphs separated by
 *   a blank line
 * @length: the length of @text in bytes, or -1 if it is NUL-terminated
 * @info: what the importer knows of the document
 *
 * Creates a document from the text an importer extracted from a web page,
 * a PDF or a document, with its metadata. Offsets of mentions are offsets
 * in @text (line ends normalized), which is what a pane shows.
 *
 * Returns: (transfer full): the new document
 */
CpDocument *
cp_document_new_from_import (GFile                *file,
                             const char           *name,
                             const char           *text,
                             gssize                length,
                             const CpDocumentInfo *info)
{
  CpDocument *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);
  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (info->format != NULL, NULL);

  self = cp_document_new_from_text (name, text, length);
  if (self == NULL)
    return NULL;

  self->file = file ? g_object_ref (file) : NULL;
  self->format = g_intern_string (info->format);
  self->author = dup_field (info->author);
  self->site = dup_field (info->site);
  self->date = dup_field (info->date);

  title = dup_field (info->title);
  if (title != NULL)
    {
      /* One line, like a title taken from the text */
      g_strdelimit (title, "\n\r\t", ' ');
      g_free (self->title);
      self->title = g_steal_pointer (&title);
      self->title_given = TRUE;
    }

  return self;
}

/* }}} */

/* Offsets {{{ */

static inline gboolean
is_char_start (char c)
{
  return ((guchar) c & 0xC0) != 0x80;
}

/* Number of bytes whose top bit is set in @mask (only top bits set) */
static inline gsize
count_high_bits (guint64 mask)
{
  return ((mask >> 7) * ONES) >> 56;
}

/* The offset functions scan up to a block per call: eight bytes at a time. */
static gsize
count_char_starts (const char *p,
                   gsize       n)
{
  gsize n_continuations = 0;
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 w;

      memcpy (&w, p + i, 8);
      /* 10xxxxxx: top bit set, next bit clear */
      n_continuations += count_high_bits (w & ~(w << 1) & HIGHS);
    }

  for (; i < n; i++)
    n_continuations += !is_char_start (p[i]);

  return n - n_continuations;
}

static gsize
count_newlines (const char *p,
                gsize       n)
{
  gsize count = 0;
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 w;
      guint64 x;

      memcpy (&w, p + i, 8);
      /* Exact zero-byte test on w ^ "\n\n\n\n\n\n\n\n" */
      x = w ^ (ONES * '\n');
      count += count_high_bits (~(((x & ~HIGHS) + ~HIGHS) | x) & HIGHS);
    }

  for (; i < n; i++)
    count += p[i] == '\n';

  return count;
}

static const Checkpoint *
ensure_checkpoints (CpDocument *self)
{
  if (g_once_init_enter (&self->checkpoints))
    {
      gsize n = self->length / BLOCK_SIZE + 1;
      Checkpoint *checkpoints = g_new (Checkpoint, n);
      gsize n_chars = 0;
      gsize n_lines = 0;

      for (gsize k = 0; k < n; k++)
        {
          const char *block = self->text + k * BLOCK_SIZE;
          gsize block_length = MIN (BLOCK_SIZE, self->length - k * BLOCK_SIZE);

          checkpoints[k].n_chars = n_chars;
          checkpoints[k].n_lines = n_lines;
          n_chars += count_char_starts (block, block_length);
          n_lines += count_newlines (block, block_length);
        }

      self->n_checkpoints = n;
      g_once_init_leave (&self->checkpoints, checkpoints);
    }

  return self->checkpoints;
}

/**
 * cp_document_get_char_offset:
 * @self: a #CpDocument
 * @byte_offset: a byte offset at a character boundary; offsets past the end
 *   are clamped to the length
 *
 * Returns: the number of characters before @byte_offset
 */
gsize
cp_document_get_char_offset (CpDocument *self,
                             gsize       byte_offset)
{
  const Checkpoint *checkpoints;
  gsize block;
  gsize n_chars;

  g_return_val_if_fail (CP_IS_DOCUMENT (self), 0);

  if (byte_offset >= self->length)
    return self->n_characters;

  checkpoints = ensure_checkpoints (self);
  block = byte_offset / BLOCK_SIZE;
  n_chars = checkpoints[block].n_chars +
            count_char_starts (self->text + block * BLOCK_SIZE,
                               byte_offset - block * BLOCK_SIZE);

  g_return_val_if_fail (is_char_start (self->text[byte_offset]), n_chars);

  return n_chars;
}

/**
 * cp_document_get_byte_offset:
 * @self: a #CpDocument
 * @char_offset: a character offset; offsets past the end are clamped
 *
 * Returns: the byte offset where character @char_offset starts
 */
gsize
cp_document_get_byte_offset (CpDocument *self,
                             gsize       char_offset)
{
  const Checkpoint *checkpoints;
  gsize lo;
  gsize hi;
  gsize pos;
  gsize n_chars;

  g_return_val_if_fail (CP_IS_DOCUMENT (self), 0);

  if (char_offset >= self->n_characters)
    return self->length;

  checkpoints = ensure_checkpoints (self);

  /* The last block that starts at or before the character. */
  lo = 0;
  hi = self->n_checkpoints - 1;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo + 1) / 2;

      if (checkpoints[mid].n_chars <= char_offset)
        lo = mid;
      else
        hi = mid - 1;
    }

  pos = lo * BLOCK_SIZE;
  n_chars = checkpoints[lo].n_chars;

  /* Skip whole words while the character lies beyond them */
  while (pos + 8 <= self->length)
    {
      gsize n = count_char_starts (self->text + pos, 8);

      if (n_chars + n > char_offset)
        break;
      n_chars += n;
      pos += 8;
    }

  for (;; pos++)
    {
      g_assert (pos < self->length);

      if (is_char_start (self->text[pos]))
        {
          if (n_chars == char_offset)
            return pos;
          n_chars++;
        }
    }
}

/**
 * cp_document_count_characters:
 * @self: a #CpDocument
 * @start: a byte offset at a character boundary
 * @end: a byte offset at a character boundary, at least @start
 *
 * Counts characters between two byte offsets, eight bytes at a time: the
 * one conversion from bytes to characters, for callers that walk the
 * text forward (cp_document_get_char_offset() is for random access).
 *
 * Returns: the number of characters from @start to @end
 */
gsize
cp_document_count_characters (CpDocument *self,
                              gsize       start,
                              gsize       end)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (start <= end, 0);

  end = MIN (end, self->length);
  return start < end ? count_char_starts (self->text + start, end - start) : 0;
}

/**
 * cp_document_count_lines:
 * @self: a #CpDocument
 * @start: a byte offset
 * @end: a byte offset, at least @start
 *
 * Returns: the number of line feeds from @start to @end
 */
gsize
cp_document_count_lines (CpDocument *self,
                         gsize       start,
                         gsize       end)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (start <= end, 0);

  end = MIN (end, self->length);
  return start < end ? count_newlines (self->text + start, end - start) : 0;
}

/**
 * cp_document_get_line:
 * @self: a #CpDocument
 * @byte_offset: a byte offset; offsets past the end are clamped
 *
 * Returns: the 1-based number of the line holding @byte_offset
 */
guint
cp_document_get_line (CpDocument *self,
                      gsize       byte_offset)
{
  const Checkpoint *checkpoints;
  gsize block;
  gsize n_lines;

  g_return_val_if_fail (CP_IS_DOCUMENT (self), 0);

  byte_offset = MIN (byte_offset, self->length);
  checkpoints = ensure_checkpoints (self);
  block = byte_offset / BLOCK_SIZE;
  n_lines = checkpoints[block].n_lines +
            count_newlines (self->text + block * BLOCK_SIZE,
                            byte_offset - block * BLOCK_SIZE);

  return (guint) MIN (n_lines + 1, G_MAXUINT);
}

/* }}} */

/* Accessors {{{ */

/**
 * cp_document_get_file:
 * @self: a #CpDocument
 *
 * Returns: (transfer none) (nullable): the file the document was loaded
 *   from, or %NULL for a document made from text
 */
GFile *
cp_document_get_file (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), NULL);

  return self->file;
}

/**
 * cp_document_is_embedded:
 * @self: a #CpDocument
 *
 * Whether the document's text is kept somewhere else than its file (in a
 * comparison file): its file, if it has one, is then only where the text
 * was first read, and what changes there is not the document's.
 *
 * Returns: %TRUE for a document whose text is not its file's
 */
gboolean
cp_document_is_embedded (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), FALSE);

  return self->embedded;
}

/**
 * cp_document_set_embedded:
 * @self: a #CpDocument
 * @embedded: whether its text is kept somewhere else than its file
 *
 * Marks a document rebuilt from a comparison file, whose text is that
 * file's and not its source file's, so that the window does not read it
 * again when the source changes (cp_document_is_embedded()).
 */
void
cp_document_set_embedded (CpDocument *self,
                          gboolean    embedded)
{
  g_return_if_fail (CP_IS_DOCUMENT (self));

  self->embedded = !!embedded;
}

/**
 * cp_document_get_name:
 * @self: a #CpDocument
 *
 * Returns: the display name of the file, or the name given to
 *   cp_document_new_from_text()
 */
const char *
cp_document_get_name (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), NULL);

  return self->name;
}

/**
 * cp_document_get_title:
 * @self: a #CpDocument
 *
 * Returns: the first non-blank line, trimmed and shortened to 80 characters
 *   plus "…", or the name when the text is blank
 */
const char *
cp_document_get_title (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), NULL);

  return self->title;
}

/**
 * cp_document_title_is_derived:
 * @self: a #CpDocument
 *
 * Returns: %TRUE when the title was taken from the text's first line (or
 *   the name, for a blank text); %FALSE when its source gave it
 */
gboolean
cp_document_title_is_derived (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), TRUE);

  return !self->title_given;
}

/**
 * cp_document_get_label:
 * @self: a #CpDocument
 *
 * Returns: (nullable): the name the reader gave the review, or %NULL
 */
const char *
cp_document_get_label (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), NULL);

  return self->label;
}

/**
 * cp_document_set_label:
 * @self: a #CpDocument
 * @label: (nullable): a name for the review; %NULL, or only white space,
 *   goes back to its title
 */
void
cp_document_set_label (CpDocument *self,
                       const char *label)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (CP_IS_DOCUMENT (self));
  g_return_if_fail (label == NULL || g_utf8_validate (label, -1, NULL));

  if (label != NULL)
    {
      stripped = g_strstrip (g_strdup (label));
      if (stripped[0] == '\0')
        g_clear_pointer (&stripped, g_free);
    }
  if (g_strcmp0 (self->label, stripped) == 0)
    return;

  g_free (self->label);
  self->label = g_steal_pointer (&stripped);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

/**
 * cp_document_get_n_repaired:
 * @self: a #CpDocument
 *
 * Returns: how many broken bytes of an otherwise valid UTF-8 file were
 *   replaced by U+FFFD (�) when it was read; 0 for most files
 */
gsize
cp_document_get_n_repaired (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), 0);

  return self->n_repaired;
}

/**
 * cp_document_dup_repair_notice:
 * @self: a #CpDocument
 *
 * Returns: (transfer full) (nullable): a sentence for the reader when
 *   broken bytes were mended as the document was read, naming it and
 *   saying what to do; %NULL when nothing was
 */
char *
cp_document_dup_repair_notice (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), NULL);

  if (self->n_repaired == 0)
    return NULL;

  /* %zu, not G_GSIZE_FORMAT: xgettext cannot read past a macro, and the
   * message would never be translated */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "“%s” has %zu broken character, shown as �. "
                                       "Save it again as UTF-8 to mend it.",
                                       "“%s” has %zu broken characters, shown as �. "
                                       "Save it again as UTF-8 to mend them.",
                                       self->n_repaired),
                          self->name, self->n_repaired);
}

/**
 * cp_document_get_author:
 * @self: a #CpDocument
 *
 * Returns: (nullable): the author, when the source names one
 */
const char *
cp_document_get_author (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), NULL);

  return self->author;
}

/**
 * cp_document_get_site:
 * @self: a #CpDocument
 *
 * Returns: (nullable): the outlet, site or publisher, when the source
 *   names one
 */
const char *
cp_document_get_site (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), NULL);

  return self->site;
}

/**
 * cp_document_get_date:
 * @self: a #CpDocument
 *
 * Returns: (nullable): the publication date, as the source gives it
 */
const char *
cp_document_get_date (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), NULL);

  return self->date;
}

/**
 * cp_document_get_format:
 * @self: a #CpDocument
 *
 * Returns: the format the text was read from: "text" for plain text, else
 *   the importer's name for it ("html", "pdf", "docx", "odt", "epub")
 */
const char *
cp_document_get_format (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), NULL);

  return self->format;
}

/**
 * cp_document_dup_byline:
 * @self: a #CpDocument
 *
 * Who wrote the review and where, as its source names them: “Jane Doe ·
 * Film Weekly”, or either alone.
 *
 * Returns: (transfer full) (nullable): the byline, or %NULL when the
 *   source names neither author nor outlet
 */
char *
cp_document_dup_byline (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), NULL);

  if (self->author != NULL && self->site != NULL)
    /* Translators: a review's byline: its author · the outlet that published it */
    return g_strdup_printf (_("%s · %s"), self->author, self->site);
  if (self->author != NULL)
    return g_strdup (self->author);
  return g_strdup (self->site);
}

CpEncoding
cp_document_get_encoding (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), CP_ENCODING_UTF8);

  return self->encoding;
}

/**
 * cp_document_restore_source:
 * @self: a #CpDocument
 * @encoding: the encoding its file was decoded from
 * @n_repaired: how many broken bytes that decoding replaced
 *
 * Gives a document rebuilt from its text alone (a review kept in a
 * comparison file) what was known of how its file was read.
 */
void
cp_document_restore_source (CpDocument *self,
                            CpEncoding  encoding,
                            gsize       n_repaired)
{
  g_return_if_fail (CP_IS_DOCUMENT (self));
  g_return_if_fail (encoding <= CP_ENCODING_WINDOWS_1252);

  self->n_repaired = n_repaired;
  if (self->encoding == encoding)
    return;

  self->encoding = encoding;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENCODING]);
}

/**
 * cp_document_get_text:
 * @self: a #CpDocument
 *
 * Returns: the NUL-terminated UTF-8 text, with LF line ends
 */
const char *
cp_document_get_text (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), NULL);

  return self->text;
}

/**
 * cp_document_get_length:
 * @self: a #CpDocument
 *
 * Returns: the length of the text in bytes, without the trailing NUL
 */
gsize
cp_document_get_length (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), 0);

  return self->length;
}

/**
 * cp_document_get_n_characters:
 * @self: a #CpDocument
 *
 * Returns: the number of Unicode characters (code points) of the text,
 *   after line ends were normalized
 */
gsize
cp_document_get_n_characters (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), 0);

  return self->n_characters;
}

/**
 * cp_document_get_n_words:
 * @self: a #CpDocument
 *
 * Returns: the number of words: runs of letters, digits and marks, joined
 *   by an apostrophe or hyphen between letters, plus one per Han, Hiragana
 *   or Katakana character
 */
gsize
cp_document_get_n_words (CpDocument *self)
{
  g_return_val_if_fail (CP_IS_DOCUMENT (self), 0);

  return self->n_words;
}

/* }}} */

/* GObject {{{ */

static void
cp_document_dispose (GObject *object)
{
  CpDocument *self = (CpDocument *)object;

  g_clear_object (&self->file);

  G_OBJECT_CLASS (cp_document_parent_class)->dispose (object);
}

static void
cp_document_finalize (GObject *object)
{
  CpDocument *self = (CpDocument *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->site, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->checkpoints, g_free);

  G_OBJECT_CLASS (cp_document_parent_class)->finalize (object);
}

static void
cp_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CpDocument *self = CP_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case PROP_SITE:
      g_value_set_string (value, self->site);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;

    case PROP_ENCODING:
      g_value_set_enum (value, self->encoding);
      break;

    case PROP_N_CHARACTERS:
      g_value_set_uint64 (value, self->n_characters);
      break;

    case PROP_N_WORDS:
      g_value_set_uint64 (value, self->n_words);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CpDocument *self = CP_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      cp_document_set_label (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_document_class_init (CpDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cp_document_dispose;
  object_class->finalize = cp_document_finalize;
  object_class->get_property = cp_document_get_property;
  object_class->set_property = cp_document_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * CpDocument:label:
   *
   * The name the reader gave the review, shown instead of its title; %NULL
   * when none. The one thing of a document that changes: set it from the
   * main thread only.
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SITE] =
    g_param_spec_string ("site", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_FORMAT] =
    g_param_spec_string ("format", NULL, NULL,
                         "text",
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_ENCODING] =
    g_param_spec_enum ("encoding", NULL, NULL,
                       CP_TYPE_ENCODING,
                       CP_ENCODING_UTF8,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_CHARACTERS] =
    g_param_spec_uint64 ("n-characters", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_WORDS] =
    g_param_spec_uint64 ("n-words", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_document_init (CpDocument *self)
{
  self->text = g_strdup ("");
  self->format = g_intern_static_string ("text");
}

/* }}} */
