/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-document.h"

G_BEGIN_DECLS

#define CP_TYPE_LOAD_RESULT (cp_load_result_get_type ())
G_DECLARE_FINAL_TYPE (CpLoadResult, cp_load_result, CP, LOAD_RESULT, GObject)

#define CP_TYPE_LOAD_PROGRESS (cp_load_progress_get_type ())
G_DECLARE_FINAL_TYPE (CpLoadProgress, cp_load_progress, CP, LOAD_PROGRESS, GObject)

guint           cp_load_result_get_n_documents  (CpLoadResult         *self);
CpDocument     *cp_load_result_get_document     (CpLoadResult         *self,
                                                 guint                 index);
guint           cp_load_result_get_n_errors     (CpLoadResult         *self);
const GError   *cp_load_result_get_error        (CpLoadResult         *self,
                                                 guint                 index);
GFile          *cp_load_result_get_error_file   (CpLoadResult         *self,
                                                 guint                 index);

CpLoadProgress *cp_load_progress_new            (void);
guint           cp_load_progress_get_n_done     (CpLoadProgress       *self);
guint           cp_load_progress_get_n_total    (CpLoadProgress       *self);

CpLoadResult   *cp_load_documents               (GFile               **files,
                                                 guint                 n_files,
                                                 GFile               **open_files,
                                                 guint                 n_open_files,
                                                 guint64               max_size,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void            cp_load_documents_async         (GFile               **files,
                                                 guint                 n_files,
                                                 GFile               **open_files,
                                                 guint                 n_open_files,
                                                 guint64               max_size,
                                                 CpLoadProgress       *progress,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
CpLoadResult   *cp_load_documents_finish        (GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
