/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cp-review-pane.h"

G_BEGIN_DECLS

#define CP_TYPE_SCROLL_SYNC (cp_scroll_sync_get_type ())
G_DECLARE_FINAL_TYPE (CpScrollSync, cp_scroll_sync, CP, SCROLL_SYNC, GObject)

CpScrollSync *cp_scroll_sync_new         (void);
gboolean      cp_scroll_sync_get_enabled (CpScrollSync *self);
void          cp_scroll_sync_set_enabled (CpScrollSync *self,
                                          gboolean      enabled);
void          cp_scroll_sync_add_pane    (CpScrollSync *self,
                                          CpReviewPane *pane);
void          cp_scroll_sync_remove_pane (CpScrollSync *self,
                                          CpReviewPane *pane);
void          cp_scroll_sync_invalidate  (CpScrollSync *self);
void          cp_scroll_sync_align_on    (CpScrollSync *self,
                                          CpReviewPane *pane);

G_END_DECLS
