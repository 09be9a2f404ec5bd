/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cp-error.h"
#include "cp-file.h"
#include "cp-key-file-edit.h"
#include "cp-term.h"
#include "cp-topic-set.h"

/**
 * CpTopicSet:
 *
 * An ordered list of #CpTopic with unique ids, exposed as a #GListModel,
 * that loads from and saves to `.topics` files.
 *
 * A `.topics` file is a #GKeyFile with one group per topic; the group name
 * is the topic id:
 *
 * |[
 * [sunflower-seeds]
 * Label=Sunflower Seeds
 * Label[zh_CN]=葵花籽
 * Color=#e5a50a
 * Terms=sunflower seed*;葵花籽;
 * Enabled=true
 * ]|
 *
 * Label defaults to the id, Color to %CP_TOPIC_DEFAULT_COLOR, Enabled to
 * true. Unknown keys are ignored with a warning. Everything else that is
 * wrong is an error that names the file and line.
 */

#define DEFAULT_TOPICS_PATH RESOURCE_PREFIX "/topics/default.topics"
#define TERMS_SEPARATOR ';'

struct _CpTopicSet
{
  GObject    parent_instance;

  GPtrArray *topics;
  /* The file as last loaded or saved, comments and unknown keys and all:
   * saving edits it rather than writing a new one */
  char      *source;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CpTopicSet, cp_topic_set, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  TOPIC_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
cp_topic_set_get_item_type (GListModel *model)
{
  return CP_TYPE_TOPIC;
}

static guint
cp_topic_set_get_n_items (GListModel *model)
{
  return CP_TOPIC_SET (model)->topics->len;
}

static gpointer
cp_topic_set_get_item (GListModel *model,
                       guint       position)
{
  CpTopicSet *self = CP_TOPIC_SET (model);

  if (position >= self->topics->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->topics, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cp_topic_set_get_item_type;
  iface->get_n_items = cp_topic_set_get_n_items;
  iface->get_item = cp_topic_set_get_item;
}

static void
topic_notified_cb (CpTopic    *topic,
                   GParamSpec *pspec,
                   CpTopicSet *self)
{
  g_signal_emit (self,
                 signals[TOPIC_CHANGED],
                 g_param_spec_get_name_quark (pspec),
                 topic,
                 pspec);
}

static void
watch_topic (CpTopicSet *self,
             CpTopic    *topic)
{
  g_signal_connect_object (topic,
                           "notify",
                           G_CALLBACK (topic_notified_cb),
                           self,
                           G_CONNECT_DEFAULT);
}

static void
unwatch_topic (CpTopicSet *self,
               CpTopic    *topic)
{
  g_signal_handlers_disconnect_by_func (topic, topic_notified_cb, self);
}

static void
unwatch_all (CpTopicSet *self)
{
  for (guint i = 0; i < self->topics->len; i++)
    unwatch_topic (self, g_ptr_array_index (self->topics, i));
}

static void
emit_items_changed (CpTopicSet *self,
                    guint       position,
                    guint       removed,
                    guint       added)
{
  if (removed == 0 && added == 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);

  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
cp_topic_set_dispose (GObject *object)
{
  CpTopicSet *self = (CpTopicSet *)object;

  if (self->topics != NULL)
    {
      unwatch_all (self);
      g_ptr_array_set_size (self->topics, 0);
    }

  G_OBJECT_CLASS (cp_topic_set_parent_class)->dispose (object);
}

static void
cp_topic_set_finalize (GObject *object)
{
  CpTopicSet *self = (CpTopicSet *)object;

  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->source, g_free);

  G_OBJECT_CLASS (cp_topic_set_parent_class)->finalize (object);
}

static void
cp_topic_set_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CpTopicSet *self = CP_TOPIC_SET (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->topics->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cp_topic_set_class_init (CpTopicSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cp_topic_set_dispose;
  object_class->finalize = cp_topic_set_finalize;
  object_class->get_property = cp_topic_set_get_property;

  /**
   * CpTopicSet:n-items:
   *
   * The number of topics, for binding; notified after items-changed.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CpTopicSet::topic-changed:
   * @self: a #CpTopicSet
   * @topic: the member topic that changed
   * @pspec: the property of @topic that was notified
   *
   * Emitted when a property of a member topic is notified. The detail is
   * the property name, as for #GObject::notify.
   */
  signals[TOPIC_CHANGED] =
    g_signal_new ("topic-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE,
                  2,
                  CP_TYPE_TOPIC,
                  G_TYPE_PARAM);
}

static void
cp_topic_set_init (CpTopicSet *self)
{
  self->topics = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * cp_topic_set_new:
 *
 * Returns: (transfer full): a new empty #CpTopicSet
 */
CpTopicSet *
cp_topic_set_new (void)
{
  return g_object_new (CP_TYPE_TOPIC_SET, NULL);
}

/**
 * cp_topic_set_get_n_topics:
 * @self: a #CpTopicSet
 *
 * Returns: the number of topics
 */
guint
cp_topic_set_get_n_topics (CpTopicSet *self)
{
  g_return_val_if_fail (CP_IS_TOPIC_SET (self), 0);

  return self->topics->len;
}

/**
 * cp_topic_set_get_topic:
 * @self: a #CpTopicSet
 * @position: a position smaller than cp_topic_set_get_n_topics()
 *
 * Returns: (transfer none): the topic at @position
 */
CpTopic *
cp_topic_set_get_topic (CpTopicSet *self,
                        guint       position)
{
  g_return_val_if_fail (CP_IS_TOPIC_SET (self), NULL);
  g_return_val_if_fail (position < self->topics->len, NULL);

  return g_ptr_array_index (self->topics, position);
}

/**
 * cp_topic_set_lookup:
 * @self: a #CpTopicSet
 * @id: a topic id
 * @position: (out) (optional): return location for the topic's position
 *
 * Returns: (transfer none) (nullable): the topic with @id, or %NULL
 */
CpTopic *
cp_topic_set_lookup (CpTopicSet *self,
                     const char *id,
                     guint      *position)
{
  g_return_val_if_fail (CP_IS_TOPIC_SET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->topics->len; i++)
    {
      CpTopic *topic = g_ptr_array_index (self->topics, i);

      if (g_str_equal (cp_topic_get_id (topic), id))
        {
          if (position != NULL)
            *position = i;
          return topic;
        }
    }

  return NULL;
}

/**
 * cp_topic_set_insert:
 * @self: a #CpTopicSet
 * @position: where to insert, at most cp_topic_set_get_n_topics()
 * @topic: a topic whose id is not yet in @self
 *
 * Inserts @topic, taking a reference.
 */
void
cp_topic_set_insert (CpTopicSet *self,
                     guint       position,
                     CpTopic    *topic)
{
  g_return_if_fail (CP_IS_TOPIC_SET (self));
  g_return_if_fail (CP_IS_TOPIC (topic));
  g_return_if_fail (position <= self->topics->len);
  g_return_if_fail (cp_topic_set_lookup (self, cp_topic_get_id (topic), NULL) == NULL);

  g_ptr_array_insert (self->topics, position, g_object_ref (topic));
  watch_topic (self, topic);

  emit_items_changed (self, position, 0, 1);
}

/**
 * cp_topic_set_append:
 * @self: a #CpTopicSet
 * @topic: a topic whose id is not yet in @self
 *
 * Appends @topic, taking a reference.
 */
void
cp_topic_set_append (CpTopicSet *self,
                     CpTopic    *topic)
{
  g_return_if_fail (CP_IS_TOPIC_SET (self));

  cp_topic_set_insert (self, self->topics->len, topic);
}

/**
 * cp_topic_set_remove:
 * @self: a #CpTopicSet
 * @position: the position of the topic to remove
 */
void
cp_topic_set_remove (CpTopicSet *self,
                     guint       position)
{
  g_return_if_fail (CP_IS_TOPIC_SET (self));
  g_return_if_fail (position < self->topics->len);

  unwatch_topic (self, g_ptr_array_index (self->topics, position));
  g_ptr_array_remove_index (self->topics, position);

  emit_items_changed (self, position, 1, 0);
}

/**
 * cp_topic_set_dup_unique_id:
 * @self: a #CpTopicSet
 * @label: the label of a new topic
 *
 * Makes an id for a new topic from its label: lowercase ASCII letters
 * and digits, words joined by `-`, with `-2`, `-3`… added when the id is
 * taken. A label with no ASCII letter or digit (such as 葵花籽) gives
 * `topic`, `topic-2`…
 *
 * Returns: (transfer full): an id that no topic of @self has
 */
char *
cp_topic_set_dup_unique_id (CpTopicSet *self,
                            const char *label)
{
  g_autoptr(GString) base = g_string_new (NULL);
  g_autofree char *ascii = NULL;
  char *id;

  g_return_val_if_fail (CP_IS_TOPIC_SET (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  /* Latin letters lose their accents (é → e) where the C library knows
   * how; anything else becomes '?' and acts as a separator. */
  ascii = g_str_to_ascii (label, "C");

  for (const char *p = ascii; *p != '\0' && base->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (base, g_ascii_tolower (*p));
      else if (*p == '\'')
        continue;
      else if (base->len > 0 && base->str[base->len - 1] != '-')
        g_string_append_c (base, '-');
    }

  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);

  if (base->len == 0)
    g_string_assign (base, "topic");

  id = g_strdup (base->str);
  for (guint n = 2; cp_topic_set_lookup (self, id, NULL) != NULL; n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base->str, n);
    }

  return id;
}

/**
 * cp_topic_set_pick_color:
 * @self: a #CpTopicSet
 *
 * The color for a new topic: the first color of the palette that no
 * topic uses, or, when every one is taken, the one fewest topics use
 * (the first of those in palette order).
 *
 * Returns: a color of the palette (see cp_palette_get_color())
 */
const char *
cp_topic_set_pick_color (CpTopicSet *self)
{
  guint uses[CP_PALETTE_N_COLORS] = { 0, };
  guint best = 0;

  g_return_val_if_fail (CP_IS_TOPIC_SET (self), NULL);

  for (guint i = 0; i < self->topics->len; i++)
    {
      const char *color = cp_topic_get_color (g_ptr_array_index (self->topics, i));

      for (guint c = 0; c < CP_PALETTE_N_COLORS; c++)
        {
          if (g_ascii_strcasecmp (color, cp_palette_get_color (c)) == 0)
            uses[c]++;
        }
    }

  for (guint c = 1; c < CP_PALETTE_N_COLORS; c++)
    {
      if (uses[c] < uses[best])
        best = c;
    }

  return cp_palette_get_color (best);
}

/**
 * cp_topic_set_get_color_round:
 * @self: a #CpTopicSet
 * @position: the position of a topic
 *
 * How many topics before the one at @position have its color. Once every
 * palette color is taken, colors come round again
 * (cp_topic_set_pick_color()): the views give each round a second cue
 * (an underline style), so that two topics of one color stay apart.
 *
 * Returns: 0 for the first topic of a color, 1 for the second, …
 */
guint
cp_topic_set_get_color_round (CpTopicSet *self,
                              guint       position)
{
  const char *color;
  guint round = 0;

  g_return_val_if_fail (CP_IS_TOPIC_SET (self), 0);
  g_return_val_if_fail (position < self->topics->len, 0);

  color = cp_topic_get_color (g_ptr_array_index (self->topics, position));
  for (guint i = 0; i < position; i++)
    {
      if (g_ascii_strcasecmp (color, cp_topic_get_color (g_ptr_array_index (self->topics, i))) == 0)
        round++;
    }

  return round;
}

/**
 * cp_topic_set_add_new:
 * @self: a #CpTopicSet
 * @label: the label of the new topic
 * @terms: (array zero-terminated=1): its terms; terms with the same key
 *   as an earlier one (see cp_term_dup_key()) are left out
 *
 * Appends a new topic with an id made from @label
 * (cp_topic_set_dup_unique_id()) and the next free palette color
 * (cp_topic_set_pick_color()).
 *
 * Returns: (transfer none): the new topic
 */
CpTopic *
cp_topic_set_add_new (CpTopicSet         *self,
                      const char         *label,
                      const char * const *terms)
{
  g_autoptr(CpTopic) topic = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (CP_IS_TOPIC_SET (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (terms != NULL, NULL);

  id = cp_topic_set_dup_unique_id (self, label);
  topic = cp_topic_new (id, label);
  cp_topic_set_color (topic, cp_topic_set_pick_color (self));

  for (guint i = 0; terms[i] != NULL; i++)
    cp_topic_add_term (topic, terms[i]);

  cp_topic_set_append (self, topic);

  return topic;
}

/* Loading */

typedef struct
{
  const char *source_name;
  GPtrArray  *warnings;
  GHashTable *groups;     /* id → first line */
  GHashTable *keys;       /* key → line, in the current group */
  char       *group;
  guint       line_number;
} Checker;

static void
checker_clear (Checker *checker)
{
  g_clear_pointer (&checker->warnings, g_ptr_array_unref);
  g_clear_pointer (&checker->groups, g_hash_table_unref);
  g_clear_pointer (&checker->keys, g_hash_table_unref);
  g_clear_pointer (&checker->group, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Checker, checker_clear)

static gboolean checker_fail (Checker     *checker,
                              GError     **error,
                              const char  *format,
                              ...) G_GNUC_PRINTF (3, 4);

static gboolean
checker_fail (Checker     *checker,
              GError     **error,
              const char  *format,
              ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the first %s is a file name, %u a line number and the
   * last %s describes the problem and how to fix it. */
  g_set_error (error, CP_ERROR, CP_ERROR_INVALID_TOPICS,
               _("%s, line %u: %s"),
               checker->source_name, checker->line_number, problem);

  return FALSE;
}

/* Splits @key into its base name and, for "Label[de]", the locale. Returns
 * FALSE for keys that GKeyFile would refuse or whose locale is not one we
 * can store. */
static gboolean
split_key (const char  *key,
           char       **base,
           char       **locale)
{
  const char *bracket = strchr (key, '[');
  gsize base_len = bracket ? (gsize) (bracket - key) : strlen (key);
  g_autofree char *locale_part = NULL;

  if (base_len == 0 || memchr (key, ']', base_len) != NULL)
    return FALSE;

  if (bracket != NULL)
    {
      gsize len = strlen (bracket);

      if (len < 2 || bracket[len - 1] != ']')
        return FALSE;

      locale_part = g_strndup (bracket + 1, len - 2);
      if (!cp_topic_locale_is_valid (locale_part))
        return FALSE;
    }

  *base = g_strndup (key, base_len);
  *locale = g_steal_pointer (&locale_part);

  return TRUE;
}

/* GKeyFile refuses unknown escapes when it unescapes a value, and “\;” is
 * only an escape in lists. Returns the offending character after the
 * backslash, '\0' for a backslash at the end, or -1 when all is well. */
static int
find_bad_escape (const char *value,
                 gboolean    is_list)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p != '\\')
        continue;

      p++;
      switch (*p)
        {
        case 's':
        case 'n':
        case 't':
        case 'r':
        case '\\':
          break;

        case TERMS_SEPARATOR:
          if (!is_list)
            return *p;
          break;

        default:
          return *p;
        }
    }

  return -1;
}

static gboolean
check_escapes (Checker     *checker,
               const char  *key,
               const char  *value,
               gboolean     is_list,
               GError     **error)
{
  int bad = find_bad_escape (value, is_list);

  if (bad == '\0')
    return checker_fail (checker, error,
                         _("“%s=%s” ends with a lone backslash; write a backslash as \\\\."),
                         key, value);

  if (bad == TERMS_SEPARATOR)
    return checker_fail (checker, error,
                         _("“%s=%s” contains “\\;”, which only Terms understand; write a plain “;”."),
                         key, value);

  if (bad > 0)
    return checker_fail (checker, error,
                         _("“%s=%s” contains the unknown escape “\\%c”; use \\s, \\n, \\t, \\r, \\\\ or, in Terms, \\;."),
                         key, value, bad);

  return TRUE;
}

static gboolean
check_group_line (Checker     *checker,
                  const char  *line,
                  GError     **error)
{
  gsize len = strlen (line);
  g_autofree char *id = NULL;
  gpointer first_line;

  if (len < 2 || line[len - 1] != ']')
    return checker_fail (checker, error,
                         _("“%s” is not a valid topic header; write it as [topic-id]."),
                         line);

  id = g_strndup (line + 1, len - 2);
  if (strchr (id, '[') != NULL || strchr (id, ']') != NULL)
    return checker_fail (checker, error,
                         _("“%s” is not a valid topic header; write it as [topic-id]."),
                         line);

  if (!cp_topic_id_is_valid (id))
    return checker_fail (checker, error,
                         _("“%s” is not a valid topic id; use only letters, digits, “-”, “_” and “.”."),
                         id);

  if (g_hash_table_lookup_extended (checker->groups, id, NULL, &first_line))
    return checker_fail (checker, error,
                         _("topic “%s” is already defined on line %u; rename or merge one of them."),
                         id, GPOINTER_TO_UINT (first_line));

  g_hash_table_insert (checker->groups, g_strdup (id), GUINT_TO_POINTER (checker->line_number));
  g_hash_table_remove_all (checker->keys);
  g_free (checker->group);
  checker->group = g_steal_pointer (&id);

  return TRUE;
}

static gboolean
check_key_line (Checker     *checker,
                const char  *line,
                GError     **error)
{
  const char *equals = strchr (line, '=');
  g_autofree char *key = NULL;
  g_autofree char *base = NULL;
  g_autofree char *locale = NULL;
  const char *value;
  gpointer first_line;

  if (equals == NULL)
    return checker_fail (checker, error,
                         _("“%s” is not a [topic] header, a Key=value line or a # comment; fix or remove it."),
                         line);

  key = g_strchomp (g_strndup (line, equals - line));
  value = equals + 1;
  while (g_ascii_isspace (*value))
    value++;

  if (checker->group == NULL)
    return checker_fail (checker, error,
                         _("“%s” comes before the first [topic] header; move it into a topic."),
                         line);

  if (!split_key (key, &base, &locale))
    return checker_fail (checker, error,
                         _("“%s” is not a valid key; use Label, Label[locale], Color, Terms or Enabled."),
                         key);

  if (g_hash_table_lookup_extended (checker->keys, key, NULL, &first_line))
    return checker_fail (checker, error,
                         _("“%s” is already set on line %u; keep only one of them."),
                         key, GPOINTER_TO_UINT (first_line));

  g_hash_table_insert (checker->keys, g_strdup (key), GUINT_TO_POINTER (checker->line_number));

  if (g_str_equal (base, "Label"))
    return check_escapes (checker, key, value, FALSE, error);

  if (locale == NULL && g_str_equal (base, "Terms"))
    return check_escapes (checker, key, value, TRUE, error);

  if (locale == NULL && g_str_equal (base, "Color"))
    {
      if (!cp_color_parse (value, NULL))
        return checker_fail (checker, error,
                             _("“%s=%s” is not a color; use #rrggbb."),
                             key, value);
      return TRUE;
    }

  if (locale == NULL && g_str_equal (base, "Enabled"))
    {
      if (!g_str_equal (value, "true") && !g_str_equal (value, "false"))
        return checker_fail (checker, error,
                             _("“%s=%s” is not a valid setting; use Enabled=true or Enabled=false."),
                             key, value);
      return TRUE;
    }

  g_ptr_array_add (checker->warnings,
                   /* Translators: a topics file's name, the line, a key, a topic's name */
                   g_strdup_printf (_("%s, line %u: unknown key “%s” in topic “%s” ignored"),
                                    checker->source_name, checker->line_number,
                                    key, checker->group));

  return TRUE;
}

/* GKeyFile reports neither line numbers nor most of what makes a topics
 * file wrong, so check it line by line first, with the same rules GKeyFile
 * uses to split lines. Warnings are collected and only returned when the
 * whole file passes. */
static gboolean
check_topics_data (const char  *data,
                   gsize        length,
                   const char  *source_name,
                   GPtrArray  **warnings,
                   GError     **error)
{
  g_auto(Checker) checker = {
    .source_name = source_name,
    .warnings = g_ptr_array_new_with_free_func (g_free),
    .groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
  const char *end = data + length;

  for (const char *p = data; p < end;)
    {
      const char *eol = memchr (p, '\n', end - p);
      gsize line_len = (eol ? eol : end) - p;
      g_autofree char *line = NULL;

      checker.line_number++;

      if (line_len > 0 && p[line_len - 1] == '\r')
        line_len--;

      /* Also refuses NUL bytes, which GKeyFile would silently cut at. */
      if (!g_utf8_validate_len (p, line_len, NULL))
        return checker_fail (&checker, error,
                             _("the line is not valid UTF-8 text; save the file as UTF-8."));

      line = g_strstrip (g_strndup (p, line_len));
      p = eol ? eol + 1 : end;

      if (line[0] == '\0' || line[0] == '#')
        continue;

      if (line[0] == '[')
        {
          if (!check_group_line (&checker, line, error))
            return FALSE;
        }
      else if (!check_key_line (&checker, line, error))
        {
          return FALSE;
        }
    }

  *warnings = g_steal_pointer (&checker.warnings);

  return TRUE;
}

static char *
dup_stripped_string (GKeyFile    *key_file,
                     const char  *group,
                     const char  *key,
                     GError     **error)
{
  char *value = g_key_file_get_string (key_file, group, key, error);

  return value ? g_strstrip (value) : NULL;
}

static CpTopic *
topic_from_group (GKeyFile    *key_file,
                  const char  *group,
                  GError     **error)
{
  g_autoptr(CpTopic) topic = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *label = NULL;

  if (g_key_file_has_key (key_file, group, "Label", NULL))
    {
      label = dup_stripped_string (key_file, group, "Label", error);
      if (label == NULL)
        return NULL;
    }

  topic = cp_topic_new (group, label);

  keys = g_key_file_get_keys (key_file, group, NULL, error);
  if (keys == NULL)
    return NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *key = keys[i];

      if (g_str_has_prefix (key, "Label["))
        {
          g_autofree char *locale = g_strndup (key + strlen ("Label["),
                                               strlen (key) - strlen ("Label[]"));
          g_autofree char *translation = dup_stripped_string (key_file, group, key, error);

          if (translation == NULL)
            return NULL;

          cp_topic_set_label_translation (topic, locale, translation);
        }
      else if (g_str_equal (key, "Color"))
        {
          g_autofree char *color = dup_stripped_string (key_file, group, key, error);

          if (color == NULL)
            return NULL;

          cp_topic_set_color (topic, color);
        }
      else if (g_str_equal (key, "Terms"))
        {
          g_auto(GStrv) terms = g_key_file_get_string_list (key_file, group, key, NULL, error);

          if (terms == NULL)
            return NULL;

          cp_topic_set_terms (topic, (const char * const *)terms);
        }
      else if (g_str_equal (key, "Enabled"))
        {
          g_autoptr(GError) local_error = NULL;
          gboolean enabled = g_key_file_get_boolean (key_file, group, key, &local_error);

          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }

          cp_topic_set_enabled (topic, enabled);
        }
    }

  return g_steal_pointer (&topic);
}

/* Editors on some systems start UTF-8 files with a byte order mark;
 * neither the checks nor GKeyFile expect one. */
static void
skip_byte_order_mark (const char **data,
                      gsize       *length)
{
  if (*length >= 3 && memcmp (*data, "\xef\xbb\xbf", 3) == 0)
    {
      *data += 3;
      *length -= 3;
    }
}

static GPtrArray *
parse_topics_data (const char  *data,
                   gsize        length,
                   const char  *source_name,
                   GError     **error)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;

  skip_byte_order_mark (&data, &length);

  if (!check_topics_data (data, length, source_name, &warnings, error))
    return NULL;

  g_key_file_set_list_separator (key_file, TERMS_SEPARATOR);

  /* Without KEEP_TRANSLATIONS GKeyFile drops the labels of every locale
   * but the current one, and saving would lose them. */
  if (!g_key_file_load_from_data (key_file, data, length,
                                  G_KEY_FILE_KEEP_TRANSLATIONS,
                                  &local_error))
    goto failed;

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      CpTopic *topic = topic_from_group (key_file, groups[i], &local_error);

      if (topic == NULL)
        goto failed;

      g_ptr_array_add (topics, topic);
    }

  /* g_log() rather than g_warning(): with G_LOG_USE_STRUCTURED, GLib 2.74
   * does not match g_warning() against g_test_expect_message(). */
  for (guint i = 0; i < warnings->len; i++)
    g_log (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "%s", (const char *)g_ptr_array_index (warnings, i));

  return g_steal_pointer (&topics);

failed:
  g_set_error (error, CP_ERROR, CP_ERROR_INVALID_TOPICS,
               /* Translators: a file name, then GLib's description of the problem */
               _("%s: %s"), source_name, local_error->message);
  return NULL;
}

/**
 * cp_topic_set_load_from_data:
 * @self: a #CpTopicSet
 * @data: the contents of a `.topics` file
 * @length: the length of @data in bytes, or -1 if it is nul-terminated
 * @source_name: (nullable): the file name to use in error messages
 * @error: return location for a #GError
 *
 * Replaces the topics of @self with those in @data, in one
 * #GListModel::items-changed emission. On error (%CP_ERROR_INVALID_TOPICS,
 * with a message naming @source_name and the line) @self is unchanged.
 *
 * Returns: %TRUE on success
 */
gboolean
cp_topic_set_load_from_data (CpTopicSet  *self,
                             const char  *data,
                             gssize       length,
                             const char  *source_name,
                             GError     **error)
{
  g_autoptr(GPtrArray) topics = NULL;
  guint removed;

  g_return_val_if_fail (CP_IS_TOPIC_SET (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length < 0)
    length = strlen (data);

  if (source_name == NULL)
    source_name = _("topics data");

  topics = parse_topics_data (data ? data : "", length, source_name, error);
  if (topics == NULL)
    return FALSE;

  g_free (self->source);
  self->source = g_strndup (data ? data : "", length);

  removed = self->topics->len;
  unwatch_all (self);
  g_ptr_array_unref (self->topics);
  self->topics = g_steal_pointer (&topics);

  for (guint i = 0; i < self->topics->len; i++)
    watch_topic (self, g_ptr_array_index (self->topics, i));

  emit_items_changed (self, 0, removed, self->topics->len);

  return TRUE;
}

/**
 * cp_topic_set_new_default:
 *
 * Loads the topics bundled with Counterpoint. A failure there is a broken
 * build: it is reported with g_critical() and an empty set is returned.
 *
 * Returns: (transfer full): a new #CpTopicSet
 */
CpTopicSet *
cp_topic_set_new_default (void)
{
  g_autoptr(CpTopicSet) self = cp_topic_set_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;

  bytes = g_resources_lookup_data (DEFAULT_TOPICS_PATH,
                                   G_RESOURCE_LOOKUP_FLAGS_NONE,
                                   &error);
  if (bytes == NULL)
    {
      g_critical ("Cannot load the bundled topics: %s", error->message);
      return g_steal_pointer (&self);
    }

  data = g_bytes_get_data (bytes, &length);
  if (!cp_topic_set_load_from_data (self, data, length, "default.topics", &error))
    g_critical ("Cannot load the bundled topics: %s", error->message);

  return g_steal_pointer (&self);
}

static char *
dup_display_basename (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return g_file_get_parse_name (file);

  return g_filename_display_name (basename);
}

/**
 * cp_topic_set_new_from_file:
 * @file: a `.topics` file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Loads a topics file. I/O errors keep their #G_IO_ERROR code and get the
 * file name prefixed; malformed content gives %CP_ERROR_INVALID_TOPICS.
 *
 * Returns: (transfer full) (nullable): a new #CpTopicSet, or %NULL
 */
CpTopicSet *
cp_topic_set_new_from_file (GFile         *file,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(CpTopicSet) self = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = dup_display_basename (file);

  /* Translators: what a file should be, in “x” is not a regular file…
   * Choose a topics file saved on disk */
  if (!cp_file_load_contents (file, CP_TOPIC_SET_MAX_FILE_SIZE, _("topics file"), cancellable,
                              &contents, &length, error))
    return NULL;

  self = cp_topic_set_new ();
  if (!cp_topic_set_load_from_data (self, contents, length, name, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* How GKeyFile writes a value: a scratch key file escapes it */
typedef struct
{
  GKeyFile *scratch;
  GKeyFile *parsed;  /* the file as it was, to read its values */
} Escaper;

static char *
escaped_string (Escaper    *escaper,
                const char *value)
{
  g_key_file_set_string (escaper->scratch, "g", "k", value);
  return g_key_file_get_value (escaper->scratch, "g", "k", NULL);
}

static char *
escaped_list (Escaper            *escaper,
              const char * const *values)
{
  g_key_file_set_string_list (escaper->scratch, "g", "k", values, g_strv_length ((GStrv) values));
  return g_key_file_get_value (escaper->scratch, "g", "k", NULL);
}

/* Whether @key of @group was @value in the file, its blanks aside: then
 * the line stays as the user wrote it */
static gboolean
was_string (Escaper    *escaper,
            const char *group,
            const char *key,
            const char *value)
{
  g_autofree char *old = g_key_file_get_string (escaper->parsed, group, key, NULL);

  return old != NULL && g_str_equal (g_strstrip (old), value);
}

static gboolean
was_list (Escaper            *escaper,
          const char         *group,
          const char         *key,
          const char * const *values)
{
  g_auto(GStrv) old = g_key_file_get_string_list (escaper->parsed, group, key, NULL, NULL);

  if (old == NULL)
    return FALSE;

  for (guint i = 0; old[i] != NULL; i++)
    g_strstrip (old[i]);

  return g_strv_equal ((const char * const *) old, values);
}

/* Sets @key unless the file already says @value, and adds it only when
 * @add */
static void
update_string (CpKeyFileEdit *edit,
               Escaper       *escaper,
               const char    *group,
               const char    *key,
               const char    *value,
               gboolean       add)
{
  if (cp_key_file_edit_has_key (edit, group, key)
      ? !was_string (escaper, group, key, value)
      : add)
    {
      g_autofree char *escaped = escaped_string (escaper, value);

      cp_key_file_edit_set_value (edit, group, key, escaped);
    }
}

static void
update_topic_group (CpKeyFileEdit *edit,
                    Escaper       *escaper,
                    CpTopic       *topic,
                    gboolean       is_new)
{
  const char *id = cp_topic_get_id (topic);
  const char *label = cp_topic_get_label (topic);
  const char *color = cp_topic_get_color (topic);
  const char * const *terms = cp_topic_get_terms (topic);
  g_auto(GStrv) locales = cp_topic_dup_translated_locales (topic);
  g_auto(GStrv) keys = cp_key_file_edit_dup_keys (edit, id);
  gboolean enabled = cp_topic_get_enabled (topic);

  update_string (edit, escaper, id, "Label", label, is_new || !g_str_equal (label, id));

  /* Translations: those gone are removed, the others set in place */
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *locale = NULL;

      if (!g_str_has_prefix (keys[i], "Label[") || !g_str_has_suffix (keys[i], "]"))
        continue;

      locale = g_strndup (keys[i] + strlen ("Label["), strlen (keys[i]) - strlen ("Label[]"));
      if (cp_topic_get_label_translation (topic, locale) == NULL)
        cp_key_file_edit_remove_key (edit, id, keys[i]);
    }
  for (guint i = 0; locales[i] != NULL; i++)
    {
      g_autofree char *key = g_strdup_printf ("Label[%s]", locales[i]);

      update_string (edit, escaper, id, key, cp_topic_get_label_translation (topic, locales[i]), TRUE);
    }

  update_string (edit, escaper, id, "Color", color,
                 is_new || g_ascii_strcasecmp (color, CP_TOPIC_DEFAULT_COLOR) != 0);

  if (cp_key_file_edit_has_key (edit, id, "Terms")
      ? !was_list (escaper, id, "Terms", terms)
      : (is_new || terms[0] != NULL))
    {
      g_autofree char *escaped = escaped_list (escaper, terms);

      cp_key_file_edit_set_value (edit, id, "Terms", escaped);
    }

  if (cp_key_file_edit_has_key (edit, id, "Enabled"))
    {
      g_autoptr(GError) error = NULL;
      gboolean was = g_key_file_get_boolean (escaper->parsed, id, "Enabled", &error);

      if (error != NULL || was != enabled)
        cp_key_file_edit_set_value (edit, id, "Enabled", enabled ? "true" : "false");
    }
  else if (!enabled)
    {
      cp_key_file_edit_set_value (edit, id, "Enabled", "false");
    }
}

/* Saving */

#define FILE_COMMENT \
  "# Counterpoint topics: one [group] per topic, named by its id.\n" \
  "# Keys: Label, Label[locale], Color (#rrggbb), Terms (separated\n" \
  "# by ;) and Enabled (true or false).\n" \
  "\n"

/**
 * cp_topic_set_to_data:
 * @self: a #CpTopicSet
 * @length: (out) (optional): return location for the length of the result
 *
 * Serializes the topics in order as a `.topics` file. A set loaded from
 * data (or saved) edits that file as a person would: comments, blank
 * lines and unknown keys stay, a line whose value is unchanged stays as
 * written, a removed topic's group goes and a moved topic's group moves,
 * each with the comment above it. A new topic's group gets Label,
 * translations sorted by locale, Color, Terms, and Enabled only when
 * false. Loading the result gives back the same topics.
 *
 * Returns: (transfer full): the file contents
 */
char *
cp_topic_set_to_data (CpTopicSet *self,
                      gsize      *length)
{
  g_autoptr(CpKeyFileEdit) edit = NULL;
  g_autoptr(GKeyFile) scratch = g_key_file_new ();
  g_autoptr(GKeyFile) parsed = g_key_file_new ();
  g_auto(GStrv) groups = NULL;
  g_autoptr(GHashTable) in_file = g_hash_table_new (g_str_hash, g_str_equal);
  Escaper escaper = { scratch, parsed };
  const char *data = self->source;
  gsize data_length = self->source ? strlen (self->source) : 0;
  guint kept = 0;

  g_return_val_if_fail (CP_IS_TOPIC_SET (self), NULL);

  g_key_file_set_list_separator (scratch, TERMS_SEPARATOR);
  g_key_file_set_list_separator (parsed, TERMS_SEPARATOR);

  /* It loaded once, so it loads again; the new file's own comment when
   * there was none */
  if (data != NULL)
    skip_byte_order_mark (&data, &data_length);
  if (data == NULL
      || !g_key_file_load_from_data (parsed, data, data_length, G_KEY_FILE_KEEP_TRANSLATIONS, NULL))
    {
      data = FILE_COMMENT;
      data_length = strlen (FILE_COMMENT);
    }
  edit = cp_key_file_edit_new (data, data_length);

  /* The groups of topics since removed go */
  groups = cp_key_file_edit_dup_groups (edit);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (cp_topic_set_lookup (self, groups[i], NULL) == NULL)
        cp_key_file_edit_remove_group (edit, groups[i]);
    }
  g_clear_pointer (&groups, g_strfreev);

  /* The topics in the order the file has them keep their place; from the
   * first that does not, each goes to the end in turn */
  groups = cp_key_file_edit_dup_groups (edit);
  for (guint i = 0; groups[i] != NULL; i++)
    g_hash_table_add (in_file, groups[i]);
  while (kept < self->topics->len && groups[kept] != NULL
         && g_str_equal (groups[kept], cp_topic_get_id (g_ptr_array_index (self->topics, kept))))
    kept++;

  for (guint i = 0; i < self->topics->len; i++)
    {
      CpTopic *topic = g_ptr_array_index (self->topics, i);
      const char *id = cp_topic_get_id (topic);
      gboolean is_new = !g_hash_table_contains (in_file, id);

      if (i >= kept && !is_new)
        cp_key_file_edit_move_group_to_end (edit, id);

      update_topic_group (edit, &escaper, topic, is_new);
    }

  return cp_key_file_edit_to_data (edit, length);
}

/**
 * cp_topic_set_save_to_file:
 * @self: a #CpTopicSet
 * @file: where to save
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Saves the topics as cp_topic_set_to_data() does, with
 * cp_file_replace_contents(): @file holds either the old or the new
 * contents, never a mix; a symbolic link stays a link and the file it
 * leads to is written; the file keeps its permissions. What is saved
 * becomes what the next save edits. Errors are in the #G_IO_ERROR domain
 * with the file name prefixed.
 *
 * Returns: %TRUE on success
 */
gboolean
cp_topic_set_save_to_file (CpTopicSet    *self,
                           GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (CP_IS_TOPIC_SET (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = dup_display_basename (file);
  data = cp_topic_set_to_data (self, &length);

  if (!cp_file_replace_contents (file, data, length, cancellable, &local_error))
    goto failed;

  /* What the next save edits */
  g_free (self->source);
  self->source = g_steal_pointer (&data);

  return TRUE;

failed:
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
  return FALSE;
}
