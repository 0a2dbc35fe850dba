/* The input side of fb-abtest: one experiment record into the arms (its
 * variant, segment, pair or unit, covariate and metric values), the
 * expected split of the variants in the arms' order, and the metrics that
 * are better lower. Part of the abtest module, between the command line
 * and fb_abtest_compare. */
#ifndef FB_ABTEST_INPUT_H
#define FB_ABTEST_INPUT_H

#include <jansson.h>
#include <stddef.h>

#include "fb_arms.h"
#include "fb_error.h"
#include "fb_metric.h"
#include "fb_path.h"

/* How records name their parts; every pointer is borrowed. variant and the
 * metrics are required; by (segments), pair (a paired design), unit (the
 * unit of randomisation) and covariate (CUPED) may be NULL, and pair and
 * unit are not both set. */
struct fb_abtest_design {
	const struct fb_path *variant, *by, *pair, *unit, *covariate;
	struct fb_metric *const *metrics;
	size_t nmetrics;
};

/* Adds record rec to arms (made by fb_arms_new with d->nmetrics metrics):
 * counts it for the sample-ratio check and adds its metric values to its
 * variant's arm in its segment, or to its pair or unit. values (2 *
 * nmetrics doubles) and have (nmetrics ints) are the caller's scratch
 * space. Returns 0, or -1 with err->text such as "missing variant field
 * 'variant'", "PATH: expected a string", a metric's error, "pair 'ID' has a
 * second record of variant 'NAME'" or "unit 'ID' has another covariate in
 * an earlier record"; a record in error adds nothing but, for a duplicate
 * pair or a unit's second covariate, its variant and segment. */
int fb_abtest_input_add(const struct fb_abtest_design *d, struct fb_arms *arms, const json_t *rec,
                        double *values, int *have, struct fb_error *err);

/* The expected shares of the variants, in the arms' order, from n names
 * and positive weights; named variants not seen are added to arms without
 * records. Sets *shares to a new array of fb_arms_nvariants() weights, or
 * NULL when n is 0, and returns 0; returns -1 with err->text "no share for
 * variant 'NAME'" when a variant of the arms has none. */
int fb_abtest_input_shares(struct fb_arms *arms, char *const *names, const double *weights,
                           size_t n, double **shares, struct fb_error *err);

/* For each of the nmetrics metrics, 1 when one of the n names is its name
 * (--lower-is-better), else 0. Returns a new array. */
int *fb_abtest_input_lower(struct fb_metric *const *metrics, size_t nmetrics,
                           const char *const *names, size_t n);

#endif
