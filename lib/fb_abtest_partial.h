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
 * their kind ("score:mean") and the binary and mean methods. */
json_t *fb_abtest_partial_options(const char *variant_field, const char *by, const char *control,
                                  const struct fb_metric *const *metrics, size_t nmetrics,
                                  const struct fb_abtest_config *cfg);

/* The partial record (new reference) of metric in cell i of the arms (see
 * fb_arms_cell): "record": "partial", format, version, options (borrowed,
 * copied into the record), segment (null when segmented is 0), variant,
 * metric, type, records (of the variant in the segment, the same on every
 * metric's record), n, successes (binary metrics), mean and m2. */
json_t *fb_abtest_partial_json(const struct fb_arms *arms, size_t i, size_t metric,
                               const json_t *options, const struct fb_metric *const *metrics,
                               int segmented);

/* A partial record read back. Strings and options are borrowed from the
 * record. */
struct fb_abtest_partial {
	const json_t *options;
	const char *segment; /* NULL when not segmented */
	const char *variant, *metric;
	int binary; /* the type */
	uint64_t records;
	struct fb_stats_count count;
	struct fb_stats_moments moments;
};

/* Reads rec as a partial record. Returns 0, or -1 with err->text such as
 * "not a partial record of fb-abtest", "partial format version 2 is not
 * supported (1 is)" or "partial: 'mean' must be a hexadecimal number". */
int fb_abtest_partial_parse(const json_t *rec, struct fb_abtest_partial *out, struct fb_error *err);

/* The name of the first option that differs between two options objects,
 * or NULL when they agree. */
const char *fb_abtest_partial_options_diff(const json_t *a, const json_t *b);

#endif
