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
 * @CP_ERROR_DAMAGED: a web page, PDF or document is damaged or is not what
 *   its name or contents claim
 * @CP_ERROR_NO_TEXT: a PDF or document holds no text to read (a scan)
 * @CP_ERROR_ENCRYPTED: a PDF or document is password-protected
 * @CP_ERROR_UNSUPPORTED: a format Counterpoint does not read (an archive
 *   that is not a document, a DRM-protected e-book)
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
  CP_ERROR_DAMAGED,
  CP_ERROR_NO_TEXT,
  CP_ERROR_ENCRYPTED,
  CP_ERROR_UNSUPPORTED,
} CpError;

GQuark cp_error_quark (void);

G_END_DECLS
