/* Multiple-comparison adjustment of p-values carried by records, pooled
 * over all of them or within families (fb-abtest adjust): the records are
 * kept as their raw lines, each with its p-value and family, until the
 * input ends; then the p-values of each family are adjusted together by
 * fb_stats_p_adjust (R's p.adjust), and each record is rebuilt with the
 * adjusted value. Memory: the input's bytes and some 40 bytes a record. */
#ifndef FB_PADJUST_H
#define FB_PADJUST_H

#include <stddef.h>

#include <jansson.h>

#include "fb_error.h"
#include "fb_path.h"
#include "fb_stats.h"

/* What a record is to the adjustment. */
enum fb_padjust_kind {
	FB_PADJUST_COUNTED, /* a p-value in [0, 1], adjusted within its family */
	FB_PADJUST_NONE,    /* the p-value missing or null: not counted, adjusted null */
	FB_PADJUST_OTHER,   /* not a comparison of fb-abtest (a string "record" other
	                     * than "comparison", such as "srm"): left unchanged */
};

struct fb_padjust; /* opaque */

/* Prepares to collect records whose p-value is at p_path and, when by is
 * not NULL, whose family is the value at by (borrowed; they must outlive
 * the collection). Without by, all records are one family. */
struct fb_padjust *fb_padjust_new(const struct fb_path *p_path, const struct fb_path *by);

/* Adds rec (borrowed), whose raw line is line[0..len) (copied; a final
 * "\r" is allowed). Returns 0, or -1 with err->text the reason when rec is
 * a bad record, which is then not kept: the p-value is neither a number nor
 * null ("PATH: expected a number or null, got TYPE"), or it is outside
 * [0, 1]; or, with a family path, a counted record lacks it ("missing
 * family field 'PATH'") or it is not a string, number, boolean or null. A
 * family is the value's JSON text, so 1 and "1" are two families. */
int fb_padjust_add(struct fb_padjust *a, const json_t *rec, const char *line, size_t len,
                   struct fb_error *err);

/* The records kept, the counted ones and the families of counted ones. */
size_t fb_padjust_count(const struct fb_padjust *a);
size_t fb_padjust_counted(const struct fb_padjust *a);
size_t fb_padjust_families(const struct fb_padjust *a);

/* Adjusts the counted p-values within each family by method. Returns 0, or
 * -1 with err filled (an unknown method). */
int fb_padjust_run(struct fb_padjust *a, enum fb_stats_adjust method, struct fb_error *err);

/* Record i (0-based, in the order added) and what it is. */
enum fb_padjust_kind fb_padjust_kind(const struct fb_padjust *a, size_t i);

/* Record i as a new reference: its fields as read, and, unless it is
 * FB_PADJUST_OTHER, the field named field set to the adjusted p-value (a
 * real, after fb_padjust_run) or null when not counted; an existing field
 * of that name keeps its place. NULL with err filled when the line no
 * longer parses (it did when added, so only out of memory). */
json_t *fb_padjust_record(const struct fb_padjust *a, size_t i, const char *field,
                          struct fb_error *err);

void fb_padjust_free(struct fb_padjust *a);

#endif
