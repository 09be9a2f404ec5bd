/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CpKeyFileEdit CpKeyFileEdit;

CpKeyFileEdit *cp_key_file_edit_new                (const char    *data,
                                                    gsize          length);
void           cp_key_file_edit_free               (CpKeyFileEdit *self);
GStrv          cp_key_file_edit_dup_groups         (CpKeyFileEdit *self);
gboolean       cp_key_file_edit_has_key            (CpKeyFileEdit *self,
                                                    const char    *group,
                                                    const char    *key);
GStrv          cp_key_file_edit_dup_keys           (CpKeyFileEdit *self,
                                                    const char    *group);
void           cp_key_file_edit_set_value          (CpKeyFileEdit *self,
                                                    const char    *group,
                                                    const char    *key,
                                                    const char    *value);
void           cp_key_file_edit_remove_key         (CpKeyFileEdit *self,
                                                    const char    *group,
                                                    const char    *key);
void           cp_key_file_edit_remove_group       (CpKeyFileEdit *self,
                                                    const char    *group);
void           cp_key_file_edit_move_group_to_end  (CpKeyFileEdit *self,
                                                    const char    *group);
char          *cp_key_file_edit_to_data            (CpKeyFileEdit *self,
                                                    gsize         *length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpKeyFileEdit, cp_key_file_edit_free)

G_END_DECLS
