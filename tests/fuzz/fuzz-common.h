/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdint.h>

#include "cp-comparison.h"
#include "cp-document.h"
#include "cp-topic-set.h"

G_BEGIN_DECLS

/*
 * What the fuzz targets share: every target defines
 * LLVMFuzzerTestOneInput(); libFuzzer calls it in a clang build with
 * -Dfuzzing=true, fuzz-replay.c in every other build.
 *
 * Inputs with several parts separate them with NUL bytes, which no text
 * part needs: the first part is often the topics, one per line, with
 * terms separated by '|'.
 */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* One part of an input: a view into it, not a copy */
typedef struct
{
  const char *data;
  gsize       length;
} FuzzPart;

void        fuzz_init              (void);
GArray     *fuzz_split             (const uint8_t *data,
                                    size_t         size,
                                    guint          max_parts);
char       *fuzz_part_dup_valid    (const FuzzPart *part);
CpTopicSet *fuzz_topics_from_lines (const FuzzPart *part);
GPtrArray  *fuzz_documents_new     (GArray         *parts,
                                    guint           first);
void        fuzz_check_document    (CpDocument     *document);
CpComparison *fuzz_comparison_new  (const uint8_t  *data,
                                    size_t          size,
                                    guint8         *steer);

G_END_DECLS
