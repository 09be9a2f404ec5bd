/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CP_TOPIC_DEFAULT_COLOR:
 *
 * The color a topic gets when none is given: a neutral grey (GNOME palette
 * “Dark 1”) that reads on both light and dark backgrounds and does not
 * suggest any meaning.
 */
#define CP_TOPIC_DEFAULT_COLOR "#77767b"

#define CP_TYPE_TOPIC (cp_topic_get_type ())
G_DECLARE_FINAL_TYPE (CpTopic, cp_topic, CP, TOPIC, GObject)

CpTopic            *cp_topic_new                      (const char         *id,
                                                       const char         *label);
const char         *cp_topic_get_id                   (CpTopic            *self);
const char         *cp_topic_get_label                (CpTopic            *self);
void                cp_topic_set_label                (CpTopic            *self,
                                                       const char         *label);
const char         *cp_topic_get_display_label        (CpTopic            *self);
void                cp_topic_set_display_label        (CpTopic            *self,
                                                       const char         *label);
const char         *cp_topic_get_label_for_languages  (CpTopic            *self,
                                                       const char * const *languages);
void                cp_topic_set_label_for_languages  (CpTopic            *self,
                                                       const char * const *languages,
                                                       const char         *label);
const char         *cp_topic_get_label_translation    (CpTopic            *self,
                                                       const char         *locale);
void                cp_topic_set_label_translation    (CpTopic            *self,
                                                       const char         *locale,
                                                       const char         *label);
GStrv               cp_topic_dup_translated_locales   (CpTopic            *self);
const char         *cp_topic_get_color                (CpTopic            *self);
void                cp_topic_set_color                (CpTopic            *self,
                                                       const char         *color);
guint32             cp_topic_get_rgb                  (CpTopic            *self);
gboolean            cp_topic_get_enabled              (CpTopic            *self);
void                cp_topic_set_enabled              (CpTopic            *self,
                                                       gboolean            enabled);
const char * const *cp_topic_get_terms                (CpTopic            *self);
void                cp_topic_set_terms                (CpTopic            *self,
                                                       const char * const *terms);
gboolean            cp_topic_id_is_valid              (const char         *id);
gboolean            cp_topic_locale_is_valid          (const char         *locale);
gboolean            cp_color_parse                    (const char         *color,
                                                       guint32            *rgb);
gboolean            cp_topic_add_term                 (CpTopic            *self,
                                                       const char         *term);

/**
 * CP_PALETTE_N_COLORS:
 *
 * The number of colors in the topic palette.
 */
#define CP_PALETTE_N_COLORS 12

const char         *cp_palette_get_color              (guint               index);
const char         *cp_palette_get_name               (guint               index);

G_END_DECLS
