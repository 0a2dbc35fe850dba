/* The per-intent summary of fb-eval score: for each intent of the cases, in
 * the order the cases first show it, and then over all cases, the number of
 * cases and answers and the means of the scores. */
#ifndef FB_EVAL_SCORE_SUMMARY_H
#define FB_EVAL_SCORE_SUMMARY_H

#include <jansson.h>
#include <stddef.h>

#include "fb_eval_score.h"

struct fb_eval_summary; /* opaque */

/* Returns a new, empty summary of the answers of variant (copied). */
struct fb_eval_summary *fb_eval_summary_new(const char *variant);

void fb_eval_summary_free(struct fb_eval_summary *s);

/* The group of a case's intent (borrowed; null for none): intents that are
 * objects are grouped by their "id" and labelled by their "label", other
 * values by themselves. New groups are numbered from 0 in order. */
size_t fb_eval_summary_group(struct fb_eval_summary *s, const json_t *intent);

/* Counts a case of group g, with its result, or NULL when it has no answer. */
void fb_eval_summary_add(struct fb_eval_summary *s, size_t g, const struct fb_eval_result *r);

/* Number of records: one per group, then the overall one. */
size_t fb_eval_summary_size(const struct fb_eval_summary *s);

/* Record i (a new reference): record ("intent", or "overall" for the last),
 * variant, intent (the intent's id, or the intent itself; null overall),
 * label, cases, answered, the means over the answers that have them of
 * f1_reference, rougeL_reference, f1_rejected, rougeL_rejected, refusal_rate
 * (as a share), length_ratio, then the sums assertions_passed and
 * assertions_failed, and the mean score; a mean of nothing is null. */
json_t *fb_eval_summary_record(const struct fb_eval_summary *s, size_t i);

#endif
