/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cp-term.h"
#include "cp-topic.h"

/**
 * CpTopic:
 *
 * One topic of a comparison: an id that never changes, a label (with
 * optional translations), a color, whether it is enabled, and the terms
 * that count as a mention of it.
 *
 * The label is never %NULL or empty: setting it to either falls back to the
 * id. Terms are kept trimmed and non-empty; the term list is never %NULL.
 */

struct _CpTopic
{
  GObject     parent_instance;

  char       *id;
  char       *label;
  GHashTable *translations;
  char       *color;
  GStrv       terms;
  guint       enabled : 1;
};

G_DEFINE_FINAL_TYPE (CpTopic, cp_topic, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_DISPLAY_LABEL,
  PROP_COLOR,
  PROP_ENABLED,
  PROP_TERMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_id_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.';
}

/**
 * cp_topic_id_is_valid:
 * @id: (nullable): a candidate topic id
 *
 * Topic ids are the group names of a `.topics` file, so they are kept to
 * characters that need no quoting there: ASCII letters, digits, `-`, `_`
 * and `.`.
 *
 * Returns: %TRUE if @id is a non-empty string of those characters
 */
gboolean
cp_topic_id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0')
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (!is_id_char (*p))
        return FALSE;
    }

  return TRUE;
}

/**
 * cp_topic_locale_is_valid:
 * @locale: (nullable): a candidate locale name
 *
 * Returns: %TRUE if @locale can name a label translation, such as `de`,
 *   `pt_BR` or `sr@latin`
 */
gboolean
cp_topic_locale_is_valid (const char *locale)
{
  if (locale == NULL || *locale == '\0')
    return FALSE;

  for (const char *p = locale; *p != '\0'; p++)
    {
      if (!is_id_char (*p) && *p != '@')
        return FALSE;
    }

  return TRUE;
}

/**
 * cp_color_parse:
 * @color: (nullable): a color string
 * @rgb: (out) (optional): return location for the color as 0xRRGGBB
 *
 * Parses a color written exactly as `#rrggbb` (hex digits in either case).
 * Other CSS forms are deliberately refused so that `.topics` files stay
 * uniform.
 *
 * Returns: %TRUE if @color was valid
 */
gboolean
cp_color_parse (const char *color,
                guint32    *rgb)
{
  guint32 value = 0;

  if (color == NULL || color[0] != '#')
    return FALSE;

  for (guint i = 1; i <= 6; i++)
    {
      int digit = g_ascii_xdigit_value (color[i]);

      if (digit < 0)
        return FALSE;

      value = (value << 4) | (guint32) digit;
    }

  if (color[7] != '\0')
    return FALSE;

  if (rgb != NULL)
    *rgb = value;

  return TRUE;
}

static GStrv
normalize_terms (const char * const *terms)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; terms != NULL && terms[i] != NULL; i++)
    {
      g_autofree char *term = g_strstrip (g_strdup (terms[i]));

      if (*term != '\0')
        g_strv_builder_add (builder, term);
    }

  return g_strv_builder_end (builder);
}

static void
cp_topic_constructed (GObject *object)
{
  CpTopic *self = (CpTopic *)object;

  G_OBJECT_CLASS (cp_topic_parent_class)->constructed (object);

  if (!cp_topic_id_is_valid (self->id))
    g_critical ("“%s” is not a valid topic id", self->id ? self->id : "(null)");

  if (self->label == NULL || *self->label == '\0')
    {
      g_free (self->label);
      self->label = g_strdup (self->id ? self->id : "");
    }
}

static void
cp_topic_finalize (GObject *object)
{
  CpTopic *self = (CpTopic *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->translations, g_hash_table_unref);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->terms, g_strfreev);

  G_OBJECT_CLASS (cp_topic_parent_class)->finalize (object);
}

static void
cp_topic_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CpTopic *self = CP_TOPIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_DISPLAY_LABEL:
      g_value_set_string (value, cp_topic_get_display_label (self));
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_TERMS:
      g_value_set_boxed (value, self->terms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_topic_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CpTopic *self = CP_TOPIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      cp_topic_set_label (self, g_value_get_string (value));
      break;

    case PROP_COLOR:
      cp_topic_set_color (self, g_value_get_string (value));
      break;

    case PROP_ENABLED:
      cp_topic_set_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_TERMS:
      cp_topic_set_terms (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_topic_class_init (CpTopicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cp_topic_constructed;
  object_class->finalize = cp_topic_finalize;
  object_class->get_property = cp_topic_get_property;
  object_class->set_property = cp_topic_set_property;

  /**
   * CpTopic:id:
   *
   * The topic's identifier: the group name in a `.topics` file. See
   * cp_topic_id_is_valid().
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * CpTopic:label:
   *
   * The untranslated label; the id when none was given.
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * CpTopic:display-label:
   *
   * The label to show: the first translation that matches
   * g_get_language_names(), else #CpTopic:label. Notified whenever the
   * label or any translation changes.
   */
  properties[PROP_DISPLAY_LABEL] =
    g_param_spec_string ("display-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /**
   * CpTopic:color:
   *
   * The color as lowercase `#rrggbb`; %CP_TOPIC_DEFAULT_COLOR by default.
   */
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         CP_TOPIC_DEFAULT_COLOR,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * CpTopic:enabled:
   *
   * Whether the topic takes part in the comparison.
   */
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * CpTopic:terms:
   *
   * The terms that count as a mention of the topic, trimmed, without
   * empty entries. Never %NULL.
   */
  properties[PROP_TERMS] =
    g_param_spec_boxed ("terms", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cp_topic_init (CpTopic *self)
{
  self->translations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->color = g_strdup (CP_TOPIC_DEFAULT_COLOR);
  self->terms = g_new0 (char *, 1);
  self->enabled = TRUE;
}

/**
 * cp_topic_new:
 * @id: the topic id, see cp_topic_id_is_valid()
 * @label: (nullable): the untranslated label, or %NULL to use @id
 *
 * Returns: (transfer full): a new enabled #CpTopic with no terms
 */
CpTopic *
cp_topic_new (const char *id,
              const char *label)
{
  g_return_val_if_fail (cp_topic_id_is_valid (id), NULL);

  return g_object_new (CP_TYPE_TOPIC,
                       "id", id,
                       "label", label,
                       NULL);
}

const char *
cp_topic_get_id (CpTopic *self)
{
  g_return_val_if_fail (CP_IS_TOPIC (self), NULL);

  return self->id;
}

const char *
cp_topic_get_label (CpTopic *self)
{
  g_return_val_if_fail (CP_IS_TOPIC (self), NULL);

  return self->label;
}

/**
 * cp_topic_set_label:
 * @self: a #CpTopic
 * @label: (nullable): the untranslated label; %NULL or "" use the id
 */
void
cp_topic_set_label (CpTopic    *self,
                    const char *label)
{
  g_return_if_fail (CP_IS_TOPIC (self));

  /* During construction the id may not be set yet; constructed() fills
   * the fallback in then. */
  if (label == NULL || *label == '\0')
    label = self->id;

  if (g_strcmp0 (self->label, label) == 0)
    return;

  g_free (self->label);
  self->label = g_strdup (label);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_LABEL]);
}

/**
 * cp_topic_get_label_for_languages:
 * @self: a #CpTopic
 * @languages: (array zero-terminated=1): language names in order of
 *   preference, as returned by g_get_language_names()
 *
 * Returns: the translation for the first of @languages that has one, else
 *   the untranslated label. Valid until the label or translations change.
 */
/* The first of @languages that has a translation, or NULL */
static const char *
find_language (CpTopic            *self,
               const char * const *languages)
{
  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    if (g_hash_table_contains (self->translations, languages[i]))
      return languages[i];

  return NULL;
}

const char *
cp_topic_get_label_for_languages (CpTopic            *self,
                                  const char * const *languages)
{
  const char *language;

  g_return_val_if_fail (CP_IS_TOPIC (self), NULL);

  language = find_language (self, languages);
  return language != NULL ? g_hash_table_lookup (self->translations, language) : self->label;
}

/**
 * cp_topic_set_label_for_languages:
 * @self: a #CpTopic
 * @languages: (array zero-terminated=1): language names in order of
 *   preference, as returned by g_get_language_names()
 * @label: the new label
 *
 * Renames the label that cp_topic_get_label_for_languages() gives for
 * @languages: the translation it finds, else the untranslated label. A
 * German reader who renames a topic renames its Label[de].
 */
void
cp_topic_set_label_for_languages (CpTopic            *self,
                                  const char * const *languages,
                                  const char         *label)
{
  const char *language;

  g_return_if_fail (CP_IS_TOPIC (self));
  g_return_if_fail (label != NULL);

  language = find_language (self, languages);
  if (language != NULL)
    cp_topic_set_label_translation (self, language, label);
  else
    cp_topic_set_label (self, label);
}

/**
 * cp_topic_get_display_label:
 * @self: a #CpTopic
 *
 * Returns: the label for the current locale, see #CpTopic:display-label
 */
const char *
cp_topic_get_display_label (CpTopic *self)
{
  g_return_val_if_fail (CP_IS_TOPIC (self), NULL);

  return cp_topic_get_label_for_languages (self, g_get_language_names ());
}

/**
 * cp_topic_set_display_label:
 * @self: a #CpTopic
 * @label: the new label
 *
 * Renames the label the current locale shows, see
 * cp_topic_set_label_for_languages()
 */
void
cp_topic_set_display_label (CpTopic    *self,
                            const char *label)
{
  cp_topic_set_label_for_languages (self, g_get_language_names (), label);
}

/**
 * cp_topic_get_label_translation:
 * @self: a #CpTopic
 * @locale: a locale such as `de` or `pt_BR`
 *
 * Returns: (nullable): the label translation for exactly @locale
 */
const char *
cp_topic_get_label_translation (CpTopic    *self,
                                const char *locale)
{
  g_return_val_if_fail (CP_IS_TOPIC (self), NULL);
  g_return_val_if_fail (locale != NULL, NULL);

  return g_hash_table_lookup (self->translations, locale);
}

/**
 * cp_topic_set_label_translation:
 * @self: a #CpTopic
 * @locale: a locale, see cp_topic_locale_is_valid()
 * @label: (nullable): the translated label; %NULL or "" remove it
 *
 * Sets the label for @locale. #CpTopic:display-label is notified on every
 * change, even one to a locale not in use, so that listeners learn about
 * every change that would be saved.
 */
void
cp_topic_set_label_translation (CpTopic    *self,
                                const char *locale,
                                const char *label)
{
  const char *old;

  g_return_if_fail (CP_IS_TOPIC (self));
  g_return_if_fail (cp_topic_locale_is_valid (locale));

  if (label != NULL && *label == '\0')
    label = NULL;

  old = g_hash_table_lookup (self->translations, locale);
  if (g_strcmp0 (old, label) == 0)
    return;

  if (label == NULL)
    g_hash_table_remove (self->translations, locale);
  else
    g_hash_table_replace (self->translations, g_strdup (locale), g_strdup (label));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_LABEL]);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/**
 * cp_topic_dup_translated_locales:
 * @self: a #CpTopic
 *
 * Returns: (transfer full): the locales that have a label translation,
 *   sorted; an empty array when there are none
 */
GStrv
cp_topic_dup_translated_locales (CpTopic *self)
{
  g_autoptr(GPtrArray) locales = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (CP_IS_TOPIC (self), NULL);

  locales = g_ptr_array_new_full (g_hash_table_size (self->translations) + 1, g_free);

  g_hash_table_iter_init (&iter, self->translations);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (locales, g_strdup (key));

  g_ptr_array_sort (locales, compare_strings);
  g_ptr_array_add (locales, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&locales), FALSE);
}

/**
 * cp_topic_get_color:
 * @self: a #CpTopic
 *
 * Returns: the color as lowercase `#rrggbb`
 */
const char *
cp_topic_get_color (CpTopic *self)
{
  g_return_val_if_fail (CP_IS_TOPIC (self), NULL);

  return self->color;
}

/**
 * cp_topic_set_color:
 * @self: a #CpTopic
 * @color: a color as `#rrggbb`, see cp_color_parse()
 *
 * Sets the color; it is stored in lowercase.
 */
void
cp_topic_set_color (CpTopic    *self,
                    const char *color)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (CP_IS_TOPIC (self));
  g_return_if_fail (cp_color_parse (color, NULL));

  normalized = g_ascii_strdown (color, -1);
  if (g_strcmp0 (self->color, normalized) == 0)
    return;

  g_free (self->color);
  self->color = g_steal_pointer (&normalized);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

/**
 * cp_topic_get_rgb:
 * @self: a #CpTopic
 *
 * Returns: the color as 0xRRGGBB
 */
guint32
cp_topic_get_rgb (CpTopic *self)
{
  guint32 rgb = 0;

  g_return_val_if_fail (CP_IS_TOPIC (self), 0);

  if (!cp_color_parse (self->color, &rgb))
    g_assert_not_reached ();

  return rgb;
}

gboolean
cp_topic_get_enabled (CpTopic *self)
{
  g_return_val_if_fail (CP_IS_TOPIC (self), FALSE);

  return self->enabled;
}

void
cp_topic_set_enabled (CpTopic  *self,
                      gboolean  enabled)
{
  g_return_if_fail (CP_IS_TOPIC (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

/**
 * cp_topic_get_terms:
 * @self: a #CpTopic
 *
 * Returns: (transfer none) (array zero-terminated=1): the terms, never %NULL
 */
const char * const *
cp_topic_get_terms (CpTopic *self)
{
  g_return_val_if_fail (CP_IS_TOPIC (self), NULL);

  return (const char * const *)self->terms;
}

/**
 * cp_topic_set_terms:
 * @self: a #CpTopic
 * @terms: (nullable) (array zero-terminated=1): the new terms
 *
 * Sets the terms. Each is trimmed of surrounding whitespace and empty
 * ones are dropped; the order is kept.
 */
void
cp_topic_set_terms (CpTopic            *self,
                    const char * const *terms)
{
  g_auto(GStrv) normalized = NULL;

  g_return_if_fail (CP_IS_TOPIC (self));

  normalized = normalize_terms (terms);
  if (g_strv_equal ((const char * const *)self->terms,
                    (const char * const *)normalized))
    return;

  g_strfreev (self->terms);
  self->terms = g_steal_pointer (&normalized);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TERMS]);
}

/**
 * cp_topic_add_term:
 * @self: a #CpTopic
 * @term: a term
 *
 * Appends @term to the terms of @self unless a term with the same key
 * (see cp_term_dup_key()) is already there.
 *
 * Returns: %TRUE if @term was added
 */
gboolean
cp_topic_add_term (CpTopic    *self,
                   const char *term)
{
  g_autofree char *key = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) terms = NULL;

  g_return_val_if_fail (CP_IS_TOPIC (self), FALSE);
  g_return_val_if_fail (term != NULL, FALSE);

  key = cp_term_dup_key (term);
  if (*key == '\0')
    return FALSE;

  for (guint i = 0; self->terms != NULL && self->terms[i] != NULL; i++)
    {
      g_autofree char *other = cp_term_dup_key (self->terms[i]);

      if (g_str_equal (key, other))
        return FALSE;
    }

  builder = g_strv_builder_new ();
  if (self->terms != NULL)
    g_strv_builder_addv (builder, (const char **)self->terms);
  g_strv_builder_add (builder, term);
  terms = g_strv_builder_end (builder);

  cp_topic_set_terms (self, (const char * const *)terms);

  return TRUE;
}

/* Colours from two published sets made to stay apart for readers with a
 * colour vision deficiency: Okabe and Ito, “Color Universal Design”
 * (2008), and Paul Tol's “bright”, “muted” and “vibrant” schemes
 * (Technical Note SRON/EPS/TN/09-002). No grey or black, which would
 * look like the selection or hide the text; no pale colour, under which
 * a tint would vanish.
 *
 * The first eight are what the default topics have, chosen among
 * thirty-odd candidates for the least CIEDE2000 difference between their
 * tints, the selection, the current paragraph and the preview, in the
 * light and dark style, with normal vision and each common deficiency
 * (tests/test-palette.c). They are ordered so that neighbours differ most
 * under the worst of the four visions, as a new topic takes the first
 * free one. The last four stay apart from the first eight at full
 * strength (swatches, markers). */
static const struct
{
  const char *color;
  const char *name;
} palette[CP_PALETTE_N_COLORS] = {
  { "#4477aa", N_("Blue") },            /* Tol bright */
  { "#999933", N_("Olive") },           /* Tol muted */
  { "#cc79a7", N_("Reddish Purple") },  /* Okabe–Ito */
  { "#228833", N_("Green") },           /* Tol bright */
  { "#332288", N_("Indigo") },          /* Tol muted */
  { "#e69f00", N_("Orange") },          /* Okabe–Ito */
  { "#009e73", N_("Bluish Green") },    /* Okabe–Ito */
  { "#d55e00", N_("Vermilion") },       /* Okabe–Ito */
  { "#56b4e9", N_("Sky Blue") },        /* Okabe–Ito */
  { "#ee6677", N_("Rose Red") },        /* Tol bright */
  { "#aa3377", N_("Purple") },          /* Tol bright */
  { "#cc3311", N_("Red") },             /* Tol vibrant */
};

/**
 * cp_palette_get_color:
 * @index: less than %CP_PALETTE_N_COLORS
 *
 * Returns: the color at @index of the topic palette, as `#rrggbb`
 */
const char *
cp_palette_get_color (guint index)
{
  g_return_val_if_fail (index < CP_PALETTE_N_COLORS, CP_TOPIC_DEFAULT_COLOR);

  return palette[index].color;
}

/**
 * cp_palette_get_name:
 * @index: less than %CP_PALETTE_N_COLORS
 *
 * Returns: the untranslated name of the color at @index; pass it to
 *   gettext for the user's language
 */
const char *
cp_palette_get_name (guint index)
{
  g_return_val_if_fail (index < CP_PALETTE_N_COLORS, NULL);

  return palette[index].name;
}
