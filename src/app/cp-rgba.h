/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk/gdk.h>

#include "cp-color-cue.h"
#include "cp-topic.h"

G_BEGIN_DECLS

/* A topic's colour as GDK wants it: the core keeps it as 0xRRGGBB, always
 * valid, so no widget parses colour strings or needs a fallback. */
static inline GdkRGBA
cp_topic_get_rgba (CpTopic *topic,
                   float    alpha)
{
  guint32 rgb = cp_topic_get_rgb (topic);

  return (GdkRGBA) {
    ((rgb >> 16) & 0xff) / 255.f,
    ((rgb >> 8) & 0xff) / 255.f,
    (rgb & 0xff) / 255.f,
    alpha,
  };
}

G_END_DECLS
