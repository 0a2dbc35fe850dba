/* What fb-cluster writes about an intent: the "intent" member of a record,
 * and the summary records, one per intent, counted as records stream by.
 *
 * A summary record: {"id", "label", "terms", "exemplars", "size", "share"},
 * then "score_mean" when any record had a score, "negative_rate" and
 * "negative_ci" (Wilson, 95%) when any had a label, and "withheld" when
 * users are counted (min_users > 0): an intent seen from fewer than
 * min_users distinct users has its label null and its terms and exemplars
 * empty, so that a report can be shared without one person's words. */
#ifndef FB_CLUSTER_SUMMARY_H
#define FB_CLUSTER_SUMMARY_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "fb_tfidf.h"

/* What the intents are called: the vocabulary and each intent's top terms,
 * top[c * ntop + j], UINT32_MAX past the last; the label is the first
 * nlabel. All borrowed. */
struct fb_cluster_labels {
	const struct fb_tfidf *tfidf;
	const uint32_t *top;
	size_t ntop, nlabel;
};

/* The "intent" member of a record in intent c (-1: an outlier) at
 * similarity sim: {"id", "label", "terms", "similarity"}. New reference. */
json_t *fb_cluster_intent_json(const struct fb_cluster_labels *l, int32_t c, float sim);

/* The same as JSON text, for writing many records: each intent's text up to
 * its similarity is made once, and the text of each similarity (rounded to
 * 4 places: at most 20001 in [-1, 1]) when first met, both by jansson, so
 * the bytes are those of dumping fb_cluster_intent_json compactly with 15
 * digits. l is borrowed; k is the number of intents. */
struct fb_cluster_intent_text; /* opaque */

struct fb_cluster_intent_text *fb_cluster_intent_text_new(const struct fb_cluster_labels *l,
                                                          size_t k);

/* The text of intent c (-1: an outlier, else below k) at similarity sim, in
 * three parts to write one after the other: *head, *sim_text and "}". */
void fb_cluster_intent_text(struct fb_cluster_intent_text *t, int32_t c, float sim,
                            const char **head, const char **sim_text);

void fb_cluster_intent_text_free(struct fb_cluster_intent_text *t);

struct fb_cluster_summary; /* opaque */

/* A summary of k intents with up to nexemplars texts each, counting up to
 * min_users distinct users per intent (0: none). */
struct fb_cluster_summary *fb_cluster_summary_new(size_t k, size_t nexemplars, size_t min_users);

/* Counts a record of intent c (-1 for an outlier) with its text (NULL
 * when none; copied when kept), similarity, score (NaN: none), negative
 * (-1: no label) and user (0: none). Records of an intent arriving in
 * order of falling similarity keep the first distinct texts; in any other
 * order, the most similar (the earliest on a tie). */
void fb_cluster_summary_add(struct fb_cluster_summary *s, int32_t c, const char *text, size_t len,
                            float sim, double score, int negative, uint64_t user);

/* Records counted. */
size_t fb_cluster_summary_total(const struct fb_cluster_summary *s);

/* The summary records, largest size × negative rate first (by size
 * without labels; by id on a tie), the outliers last, into a new array
 * (a new reference); intents with no record are left out. */
json_t *fb_cluster_summary_records(const struct fb_cluster_summary *s,
                                   const struct fb_cluster_labels *l);

void fb_cluster_summary_free(struct fb_cluster_summary *s);

#endif
