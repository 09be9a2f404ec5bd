/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PLACEHOLDER: being written. */
#include "config.h"

#include "cp-topic-set.h"
