/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cp-error.h"

G_DEFINE_QUARK (cp-error-quark, cp_error)
