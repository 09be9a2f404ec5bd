/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CP_ERROR (cp_error_quark ())

/**
 * CpError:
 * @CP_ERROR_NOT_TEXT: the file holds binary data, not text
 * @CP_ERROR_TOO_LARGE: the file is larger than the loader's limit
 * @CP_ERROR_NOT_REGULAR_FILE: the path is a FIFO, socket or device
 * @CP_ERROR_INVALID_TOPICS: a topics file could not be parsed
 * @CP_ERROR_INVALID_TERM: a topic term cannot be matched (empty, or too long)
 * @CP_ERROR_ALREADY_OPEN: the file is open already, or was given twice
 *
 * Errors of the Counterpoint core. GIO errors (missing file, permission,
 * directory) travel in their own domain.
 */
typedef enum
{
  CP_ERROR_NOT_TEXT,
  CP_ERROR_TOO_LARGE,
  CP_ERROR_NOT_REGULAR_FILE,
  CP_ERROR_INVALID_TOPICS,
  CP_ERROR_INVALID_TERM,
  CP_ERROR_ALREADY_OPEN,
} CpError;

GQuark cp_error_quark (void);

G_END_DECLS
