/* Partial statistics of an A/B test, for running it in pieces: each piece
 * of the input writes the sufficient statistics of its arms as "partial"
 * records (fb-abtest --emit-partial), and "fb-abtest merge" adds them up
 * and compares as if it had read all the input at once. One record per
 * segment, variant and metric, in the order the records first showed the
 * segment and variant; each carries the options that must agree across
 * the pieces. Doubles are hexadecimal strings ("%a"), so that they survive
 * the trip exactly. */
#ifndef FB_ABTEST_PARTIAL_H
#define FB_ABTEST_PARTIAL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "fb_abtest.h"
#include "fb_arms.h"
#include "fb_error.h"
#include "fb_metric.h"

#define FB_ABTEST_PARTIAL_FORMAT "fbloop-abtest-partial"
#define FB_ABTEST_PARTIAL_VERSION 1

/* The options that must agree (new reference): variant_field, by (NULL
 * for none), control (NULL for the first seen), the metrics as specs with
 * their kind ("score:mean", see fb_metric_spec) and the binary and mean
 * methods; and, only when given, unit_field and covariate. */
json_t *fb_abtest_partial_options(const char *variant_field, const char *by, const char *control,
                                  const struct fb_metric *const *metrics, size_t nmetrics,
                                  const struct fb_abtest_config *cfg, const char *unit_field,
                                  const char *covariate);

/* The partial record (new reference) of metric in cell i of the arms (see
 * fb_arms_cell): "record": "partial", format, version, options (borrowed;
 * the record holds a reference, so options must not change while the
 * record lives), segment (null when segmented is 0), variant,
 * metric, type, records (of the variant in the segment, the same on every
 * metric's record), n, successes (binary metrics), mean and m2; for a
 * ratio metric, or when the options have a covariate, and not a unit field,
 * "xy": the bivariate moments {k, mean_x, mean_y, m2_x, m2_y, c_xy} (see
 * fb_arms_add_xy). */
json_t *fb_abtest_partial_json(const struct fb_arms *arms, size_t i, size_t metric,
                               const json_t *options, const struct fb_metric *const *metrics,
                               int segmented);

/* The partial record (new reference) of the sums of (segment, unit) i of
 * the arms (see fb_arms_unit_sums): "record": "partial", format, version,
 * options, segment, variant, unit (the id), contaminated, covariate (null
 * when none) and sums, per metric [sum of x, sum of y, number of values]. */
json_t *fb_abtest_partial_unit_json(const struct fb_arms *arms, size_t i, const json_t *options,
                                    int segmented);

/* A partial record read back. Strings and options are borrowed from the
 * record. */
struct fb_abtest_partial {
	const json_t *options;
	const char *segment;          /* NULL when not segmented */
	const char *variant, *metric; /* metric: NULL in a unit's record */
	int binary;                   /* the type is binary */
	enum fb_metric_kind kind;     /* the type */
	uint64_t records;
	struct fb_stats_count count;
	struct fb_stats_moments moments;
	int has_xy;
	struct fb_stats_ratio xy;
	/* A unit's record: the id (len bytes), whether contaminated, its
	 * covariate (NaN for none) and nsums sums, three per metric. */
	const char *unit;
	size_t unit_len;
	int contaminated;
	double covariate;
	double *sums; /* owned: fb_abtest_partial_clear frees it */
	size_t nsums;
};

/* Reads rec as a partial record. Returns 0, or -1 with err->text such as
 * "not a partial record of fb-abtest", "partial format version 2 is not
 * supported (1 is)" or "partial: 'mean' must be a hexadecimal number".
 * Call fb_abtest_partial_clear on out afterwards, either way. */
int fb_abtest_partial_parse(const json_t *rec, struct fb_abtest_partial *out, struct fb_error *err);

/* Frees what fb_abtest_partial_parse allocated in p. */
void fb_abtest_partial_clear(struct fb_abtest_partial *p);

/* What the options of the partials have, for fb_abtest_partial_merge. */
#define FB_ABTEST_PARTIAL_BY 0x1u        /* "by" */
#define FB_ABTEST_PARTIAL_UNIT 0x2u      /* "unit_field" */
#define FB_ABTEST_PARTIAL_COVARIATE 0x4u /* "covariate" */

/* Adds the partial record p to the arms, made for the nmetrics metrics of
 * the partials' options (design: FB_ABTEST_PARTIAL_* bits), as if its
 * records had been read here: a cell's record of metric 0 adds its count of
 * records, every cell's record its summaries, a unit's record its sums.
 * Returns 0, or -1 with err->text, and the arms unchanged, when the record
 * does not fit the options: "partial: 'segment' must be a string (options
 * have 'by')" (or null), "partial: no metric 'x' in its options", "partial:
 * metric 'x' is not of type mean", "partial: metric 'x' needs 'xy'",
 * "partial: a unit's sums, but its options have no 'unit_field'",
 * "partial: 'sums' must have one entry per metric", "partial: 'covariate'
 * must be a number (options have 'covariate')" (or null), or "unit 'u' has
 * another covariate in an earlier partial". */
int fb_abtest_partial_merge(struct fb_arms *arms, const struct fb_metric *const *metrics,
                            size_t nmetrics, unsigned design, const struct fb_abtest_partial *p,
                            struct fb_error *err);

/* The name of the first option that differs between two options objects,
 * or NULL when they agree. */
const char *fb_abtest_partial_options_diff(const json_t *a, const json_t *b);

#endif
