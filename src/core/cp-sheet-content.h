/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cp-comparison.h"

G_BEGIN_DECLS

/**
 * CpSheetTopics:
 * @CP_SHEET_TOPICS_SHARED: a band for each enabled topic that two or more
 *   reviews mention
 * @CP_SHEET_TOPICS_ALL: a band for each enabled topic that any review
 *   mentions
 *
 * Which topics get a band of excerpts on a comparison sheet.
 */
typedef enum
{
  CP_SHEET_TOPICS_SHARED,
  CP_SHEET_TOPICS_ALL,
} CpSheetTopics;

/**
 * CpSheetOptions:
 * @title: (nullable): the sheet's title; %NULL for the reviews' common
 *   subject (cp_sheet_content_dup_default_title())
 * @date: (nullable): the date printed on the first page; %NULL for now
 * @topics: which topics get a band, when @topic_ids is %NULL
 * @topic_ids: (nullable) (array zero-terminated=1): exactly these topics
 *   get a band, in the sheet's topic order, whether shared or not
 * @excerpts_per_cell: the most excerpts in one cell before “+ N more”;
 *   0 for the default (3)
 * @context_words: about how many words an excerpt that is not a whole
 *   sentence has around its mention; 0 for the default (25)
 * @full_texts: whether to add the appendix with the full texts side by
 *   side
 *
 * What to put on a comparison sheet. Zero-initialized options give the
 * defaults.
 */
typedef struct
{
  const char         *title;
  GDateTime          *date;
  CpSheetTopics       topics;
  const char * const *topic_ids;
  guint               excerpts_per_cell;
  guint               context_words;
  gboolean            full_texts;
} CpSheetOptions;

#define CP_SHEET_DEFAULT_EXCERPTS_PER_CELL 3
#define CP_SHEET_DEFAULT_CONTEXT_WORDS 25

/**
 * CpSheetMark:
 * @start: byte offset of the mention in the text it marks
 * @end: byte offset just past it
 * @topic: the sheet topic (an index for cp_sheet_content_get_topic_label()
 *   and friends, not a position in the comparison's topic set)
 *
 * A mention to set in bold on its topic's color.
 */
typedef struct
{
  guint start;
  guint end;
  guint topic;
} CpSheetMark;

/* About how many words of a note's passage the sheet quotes */
#define CP_SHEET_NOTE_QUOTE_WORDS 30

/**
 * CpSheetExcerpt:
 * @text: what the review says: a whole sentence, or about
 *   CpSheetOptions.context_words words around the mention, with “…”
 *   where the text was cut; white space runs are one space
 * @marks: (array length=n_marks): the band topic's mentions in @text,
 *   in order, byte offsets into @text
 * @n_marks: the number of @marks
 * @document_start: byte offset in the document where the excerpt starts
 * @document_end: byte offset in the document where it ends
 * @notes: (array length=n_notes): the notes whose passage overlaps the
 *   excerpt, as indices for cp_sheet_content_get_note(), in order
 * @n_notes: the number of @notes
 *
 * One excerpt in a cell of a topic band.
 */
typedef struct
{
  char        *text;
  CpSheetMark *marks;
  guint        n_marks;
  guint        document_start;
  guint        document_end;
  guint       *notes;
  guint        n_notes;
} CpSheetExcerpt;

/**
 * CpSheetNote:
 * @number: the note's number on the sheet, from 1: its place in the
 *   Notes section, where notes are grouped by review (in the sheet's
 *   order) and in text order within one
 * @document: the position of its review
 * @start: byte offset in the document where its passage starts
 * @end: byte offset just past it
 * @quote: the passage, white space runs one space, cut after about
 *   %CP_SHEET_NOTE_QUOTE_WORDS words with “…”
 * @text: what the reader wrote
 *
 * A reader's note (#CpNote) as the sheet prints it.
 */
typedef struct
{
  guint  number;
  guint  document;
  guint  start;
  guint  end;
  char  *quote;
  char  *text;
} CpSheetNote;

#define CP_TYPE_SHEET_CONTENT (cp_sheet_content_get_type ())
G_DECLARE_FINAL_TYPE (CpSheetContent, cp_sheet_content, CP, SHEET_CONTENT, GObject)

CpSheetContent       *cp_sheet_content_new                (CpComparison          *comparison,
                                                           const CpSheetOptions  *options);
char                 *cp_sheet_content_dup_default_title  (CpComparison          *comparison);
char                 *cp_sheet_content_dup_subject        (CpDocument * const    *documents,
                                                           guint                  n_documents);

const char           *cp_sheet_content_get_title          (CpSheetContent        *self);
GDateTime            *cp_sheet_content_get_date           (CpSheetContent        *self);
gboolean              cp_sheet_content_get_full_texts     (CpSheetContent        *self);

guint                 cp_sheet_content_get_n_documents    (CpSheetContent        *self);
CpDocument           *cp_sheet_content_get_document       (CpSheetContent        *self,
                                                           guint                  document);
const char           *cp_sheet_content_get_document_title (CpSheetContent        *self,
                                                           guint                  document);
const char           *cp_sheet_content_get_document_name  (CpSheetContent        *self,
                                                           guint                  document);
const char           *cp_sheet_content_get_document_byline (CpSheetContent       *self,
                                                            guint                 document);
guint                 cp_sheet_content_get_document_words (CpSheetContent        *self,
                                                           guint                  document);
const CpSheetMark    *cp_sheet_content_get_document_marks (CpSheetContent        *self,
                                                           guint                  document,
                                                           guint                 *n_marks);

guint                 cp_sheet_content_get_n_topics       (CpSheetContent        *self);
const char           *cp_sheet_content_get_topic_label    (CpSheetContent        *self,
                                                           guint                  topic);
const char           *cp_sheet_content_get_topic_color    (CpSheetContent        *self,
                                                           guint                  topic);
guint32               cp_sheet_content_get_topic_rgb      (CpSheetContent        *self,
                                                           guint                  topic);
guint                 cp_sheet_content_get_topic_color_round (CpSheetContent     *self,
                                                              guint               topic);
guint                 cp_sheet_content_get_count          (CpSheetContent        *self,
                                                           guint                  topic,
                                                           guint                  document);
guint                 cp_sheet_content_get_spread         (CpSheetContent        *self,
                                                           guint                  topic);
guint                 cp_sheet_content_get_max_count      (CpSheetContent        *self);

guint                 cp_sheet_content_get_n_bands        (CpSheetContent        *self);
guint                 cp_sheet_content_get_band_topic     (CpSheetContent        *self,
                                                           guint                  band);
guint                 cp_sheet_content_get_n_excerpts     (CpSheetContent        *self,
                                                           guint                  band,
                                                           guint                  document);
const CpSheetExcerpt *cp_sheet_content_get_excerpt        (CpSheetContent        *self,
                                                           guint                  band,
                                                           guint                  document,
                                                           guint                  excerpt);
guint                 cp_sheet_content_get_n_more         (CpSheetContent        *self,
                                                           guint                  band,
                                                           guint                  document);

guint                 cp_sheet_content_get_n_notes        (CpSheetContent        *self);
const CpSheetNote    *cp_sheet_content_get_note           (CpSheetContent        *self,
                                                           guint                  note);
char                 *cp_sheet_content_dup_note_label     (CpSheetContent        *self,
                                                           guint                  note);

char                 *cp_sheet_content_to_html            (CpSheetContent        *self,
                                                           gsize                 *length);
char                 *cp_sheet_content_to_csv             (CpSheetContent        *self,
                                                           gsize                 *length);

G_END_DECLS
