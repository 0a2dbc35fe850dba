/* The arms of an experiment, per segment: for each (segment, variant) the
 * number of records and, per metric, a streaming summary of its values.
 * Binary metrics keep counts, means keep moments (constant memory); the
 * values themselves are kept only for metrics that ask for them (rank
 * tests). Variants and segments are numbered in the order first seen.
 *
 * Paired designs (the same eval case answered by every variant) need the
 * values of each pair id until the end: memory grows with the number of
 * pairs, one double per pair, variant and metric; designs with a unit of
 * randomisation keep sums per unit until the end. */
#ifndef FB_ARMS_H
#define FB_ARMS_H

#include <stddef.h>
#include <stdint.h>

#include "fb_stats.h"

/* One arm of one metric. */
struct fb_arm {
	struct fb_stats_count count;     /* n and successes (binary metrics) */
	struct fb_stats_moments moments; /* n, mean and M2 (every metric) */
	struct fb_stats_ratio xy;        /* fb_arms_add_xy's pairs: a ratio's numerator
	                                  * and denominator, or a value and its
	                                  * covariate; k 0 when none */
	double *values;                  /* when kept; nvalues of them */
	size_t nvalues, cap;
};

struct fb_arms; /* opaque */

/* Returns new, empty arms for nmetrics metrics; keep_values[i] says whether
 * metric i keeps its values (keep_values is copied; NULL keeps none). */
struct fb_arms *fb_arms_new(size_t nmetrics, const int *keep_values);

void fb_arms_free(struct fb_arms *a);

/* The index of a variant or segment by name (len bytes, copied), added
 * when new. */
size_t fb_arms_variant(struct fb_arms *a, const char *name, size_t len);
size_t fb_arms_segment(struct fb_arms *a, const char *name, size_t len);

/* Looks a variant up without adding it: its index, or -1. */
long fb_arms_find_variant(const struct fb_arms *a, const char *name);

size_t fb_arms_nvariants(const struct fb_arms *a);
size_t fb_arms_nsegments(const struct fb_arms *a);
size_t fb_arms_nmetrics(const struct fb_arms *a);

/* Names, borrowed, NUL-terminated. */
const char *fb_arms_variant_name(const struct fb_arms *a, size_t variant);
const char *fb_arms_segment_name(const struct fb_arms *a, size_t segment);

/* Counts one record of variant in segment. */
void fb_arms_count_record(struct fb_arms *a, size_t segment, size_t variant);

/* Adds value (finite; 0 or 1 for a binary metric) of metric to the arm. */
void fb_arms_add(struct fb_arms *a, size_t segment, size_t variant, size_t metric, double value);

/* Adds a pair of finite values of metric to the arm: x, as fb_arms_add
 * does, and the pair (x, y) to the arm's bivariate moments. For a ratio
 * metric x is the numerator and y the denominator; for a metric with a
 * covariate (CUPED) x is the value and y the covariate. */
void fb_arms_add_xy(struct fb_arms *a, size_t segment, size_t variant, size_t metric, double x,
                    double y);

/* Merges the summary of a part of the input (a count of records, and per
 * metric a count and moments) into the arm, as if its records had been
 * added here: counts add exactly; moments follow Chan et al.'s merge,
 * which may differ from adding the values one by one in the last bits. */
void fb_arms_add_records(struct fb_arms *a, size_t segment, size_t variant, uint64_t records);
void fb_arms_merge(struct fb_arms *a, size_t segment, size_t variant, size_t metric,
                   const struct fb_stats_count *count, const struct fb_stats_moments *moments);

/* Merges a part's bivariate moments of metric (see fb_arms_add_xy) into
 * the arm, as fb_stats_ratio_merge does. */
void fb_arms_merge_xy(struct fb_arms *a, size_t segment, size_t variant, size_t metric,
                      const struct fb_stats_ratio *xy);

/* The (segment, variant) cells with a record, in the order of their first
 * records: a variant's first cell comes before any other cell of it, and so
 * for segments, so the cells in this order number variants and segments as
 * the records did. fb_arms_cell gives cell i of fb_arms_ncells. */
size_t fb_arms_ncells(const struct fb_arms *a);
void fb_arms_cell(const struct fb_arms *a, size_t i, size_t *segment, size_t *variant);

/* Records counted for variant in segment, or in all segments. */
uint64_t fb_arms_records(const struct fb_arms *a, size_t segment, size_t variant);
uint64_t fb_arms_records_total(const struct fb_arms *a, size_t variant);

/* The arm of metric for variant in segment; an empty arm when nothing was
 * added. Borrowed, valid until the next change of a. */
const struct fb_arm *fb_arms_get(const struct fb_arms *a, size_t segment, size_t variant,
                                 size_t metric);

/* Paired designs. Records the values of variant's record of the pair id
 * (len bytes, copied) in segment: one per metric, NaN where the record has
 * none. Returns 0, or -1 when the pair already has a record of variant; then
 * nothing is added. */
int fb_arms_pair_add(struct fb_arms *a, size_t segment, const char *id, size_t len, size_t variant,
                     const double *values);

/* The pairs of segment with a value of metric under both control and
 * variant, in the order their ids were first seen: *ctl and *var are new
 * arrays (free with free()) of the returned number of values. *unpaired is
 * the number of pairs of segment with a record of one of the two variants
 * but not of the other. */
size_t fb_arms_pairs(const struct fb_arms *a, size_t segment, size_t control, size_t variant,
                     size_t metric, double **ctl, double **var, uint64_t *unpaired);

/* The number of pair ids seen (per segment), and of them those that lack a
 * record of some variant. */
void fb_arms_pair_counts(const struct fb_arms *a, uint64_t *pairs, uint64_t *incomplete);

/* Designs with a unit of randomisation (a user with several records).
 * Adds one record of the unit id (len bytes, copied) under variant in
 * segment to the unit's sums: per metric the sum of its values x, the sum
 * of their denominators y (of a ratio metric; 1 for the others) and their
 * number; values and dens (NULL for all 1) have one per metric, values NaN
 * where the record has none. covariate is the unit's covariate (CUPED), NaN
 * when the design has none. A unit seen under two or more variants (in any
 * segments) is contaminated and left out of fb_arms_units,
 * fb_arms_unit_values and fb_arms_units_total. Memory grows with the
 * units: three doubles per unit, segment and metric, and the unit's id.
 * Returns 0, or -1 when the unit already has another covariate; then
 * nothing is added. */
int fb_arms_unit_add(struct fb_arms *a, size_t segment, const char *id, size_t len, size_t variant,
                     const double *values, const double *dens, double covariate);

/* The per-unit aggregates of metric for variant in segment, over the units
 * that are not contaminated and have a value of metric, in the order first
 * seen: *out starts afresh and gets each unit's (sum of x, sum of y);
 * *records gets their number of values. */
void fb_arms_units(const struct fb_arms *a, size_t segment, size_t variant, size_t metric,
                   struct fb_stats_ratio *out, uint64_t *records);

/* The same units one by one: *x, *y and *cov are new arrays (free with
 * free()) of the returned number of units: the unit's sum of x, sum of y
 * and covariate (NaN without one). */
size_t fb_arms_unit_values(const struct fb_arms *a, size_t segment, size_t variant, size_t metric,
                           double **x, double **y, double **cov);

/* The units of variant over all segments that are not contaminated. */
uint64_t fb_arms_units_total(const struct fb_arms *a, size_t variant);

/* The units seen under two or more variants. */
uint64_t fb_arms_units_contaminated(const struct fb_arms *a);

/* The sums of every (segment, unit), for partial statistics: segment by
 * segment, in the order first seen. */
struct fb_arms_unit_sums {
	size_t segment, variant; /* the variant first seen in this segment */
	const char *id;          /* borrowed; len bytes */
	size_t len;
	int contaminated;
	double covariate;   /* NaN when none */
	const double *sums; /* per metric: sum of x, sum of y, number of values */
};

size_t fb_arms_nunit_sums(const struct fb_arms *a);
void fb_arms_unit_sums(const struct fb_arms *a, size_t i, struct fb_arms_unit_sums *out);

/* Adds the sums of a unit from a part of the input (see fb_arms_unit_sums:
 * sums has three per metric): as if the part's records of the unit had been
 * added here; contaminated marks the unit so. Returns 0, or -1 when the
 * unit already has another covariate; then nothing is added. */
int fb_arms_unit_merge(struct fb_arms *a, const struct fb_arms_unit_sums *u);

#endif
