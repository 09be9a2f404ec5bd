/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-comparison.h"
#include "cp-document.h"
#include "cp-topic.h"
#include "cp-topic-set.h"

G_BEGIN_DECLS

/* How long any wait may take before the test fails: generous, because
 * the machine that runs the suite may be busy; a wait that holds returns
 * as soon as its condition does. */
#define CP_TEST_TIMEOUT_SECONDS 30

typedef gboolean (*CpTestCondition) (gpointer user_data);

void        cp_test_wait_until_impl        (CpTestCondition     condition,
                                            gpointer            user_data,
                                            const char         *what,
                                            const char         *file,
                                            int                 line,
                                            const char         *func);
void        cp_test_wait_for_pointer_impl  (gpointer           *location,
                                            const char         *what,
                                            const char         *file,
                                            int                 line,
                                            const char         *func);
void        cp_test_wait_for_flag_impl     (const gboolean     *flag,
                                            const char         *what,
                                            const char         *file,
                                            int                 line,
                                            const char         *func);
void        cp_test_drain_main_context_impl (const char        *file,
                                             int                line,
                                             const char        *func);

/* Iterates the default main context until @condition returns TRUE; fails
 * the test, naming @what, when the deadline passes first. */
#define cp_test_wait_until(condition, user_data, what) \
  cp_test_wait_until_impl ((CpTestCondition) (condition), (user_data), (what), \
                           __FILE__, __LINE__, G_STRFUNC)
/* Until *@location is no longer NULL, as an async callback sets it. */
#define cp_test_wait_for_pointer(location, what) \
  cp_test_wait_for_pointer_impl ((gpointer *) (location), (what), \
                                 __FILE__, __LINE__, G_STRFUNC)
/* Until *@flag is TRUE. */
#define cp_test_wait_for_flag(flag, what) \
  cp_test_wait_for_flag_impl ((flag), (what), __FILE__, __LINE__, G_STRFUNC)
/* Dispatches what is ready now, until nothing is: bounded as well. */
#define cp_test_drain_main_context() \
  cp_test_drain_main_context_impl (__FILE__, __LINE__, G_STRFUNC)

/* A temporary folder, removed with everything in it by
 * cp_test_tree_free (). */
typedef struct
{
  char *path;
} CpTestTree;

CpTestTree *cp_test_tree_new               (const char         *prefix);
CpTestTree *cp_test_tree_new_with_files    (const char         *prefix,
                                            const char         *first_name,
                                            ...) G_GNUC_NULL_TERMINATED;
char       *cp_test_tree_build_path        (CpTestTree         *tree,
                                            const char         *name);
GFile      *cp_test_tree_add_file          (CpTestTree         *tree,
                                            const char         *name,
                                            const char         *contents,
                                            gssize              length);
void        cp_test_tree_free              (CpTestTree         *tree);
void        cp_test_remove_tree            (const char         *path);
void        cp_test_set_home               (const char         *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CpTestTree, cp_test_tree_free)

/* A topic; @label defaults to @id, @color (when NULL) to the topic's own. */
CpTopic    *cp_test_make_topic             (const char         *id,
                                            const char         *label,
                                            const char         *color,
                                            const char * const *terms);
/* Appends a new topic with one term to @topics; returns its position. */
guint       cp_test_add_topic              (CpTopicSet         *topics,
                                            const char         *id,
                                            const char         *label,
                                            const char         *term);

/* Runs the calling test again in a child whose address space is capped at
 * 1 GiB, so that input that must not blow up cannot take the machine with
 * it, and a hang ends at the deadline. Returns TRUE in the child, which
 * then runs the test's body; FALSE in the parent, having asserted that the
 * child passed. Under AddressSanitizer, whose shadow memory needs far more
 * address space, the cap is left to the sanitizer's own allocator limits. */
gboolean    cp_test_in_capped_child        (void);

/* A note on the first occurrence of @passage in @document (which must
 * have it), added to @comparison; returns it (transfer none). */
CpNote     *cp_test_add_note               (CpComparison       *comparison,
                                            CpDocument         *document,
                                            const char         *passage,
                                            const char         *text);

/* A file under G_TEST_DIST (tests/), from path elements. */
GFile      *cp_test_dist_file              (const char         *first_element,
                                            ...) G_GNUC_NULL_TERMINATED;
CpDocument *cp_test_load_document          (GFile              *file);
/* A topic set read from @file; fails the test if it cannot be. */
CpTopicSet *cp_test_load_topics            (GFile              *file);
/* The mentions of the document at @position, as an array; NULL when it
 * has none. */
const CpMention *cp_test_get_mentions      (CpComparison       *comparison,
                                            guint               position,
                                            guint              *n_mentions);
/* The documents @names in @dir (relative to tests/), in that order. */
GPtrArray  *cp_test_load_documents         (const char         *dir,
                                            const char * const *names,
                                            guint               n_names);
/* The sample reviews of data/samples, in the order of their names. */
extern const char * const cp_test_sample_names[4];
GPtrArray  *cp_test_load_samples           (void);

G_END_DECLS
