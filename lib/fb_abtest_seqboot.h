/* The comparisons of two methods of fb-abtest that sit beside the
 * fixed-sample tests: bootstrap intervals for mean metrics (--method
 * bootstrap, fb_stats_boot_means) and the sequential mSPRT for every
 * metric (--sequential, fb_stats_msprt_*). Each function fills a row that
 * fb_abtest_compare has set up (counts and estimates), like the tests of
 * fb_abtest.c: the method, the test's figures, tested or a note. */
#ifndef FB_ABTEST_SEQBOOT_H
#define FB_ABTEST_SEQBOOT_H

#include <jansson.h>
#include <stddef.h>

#include "fb_abtest.h"
#include "fb_arms.h"
#include "fb_stats.h"

/* The bootstrap of an unpaired design's mean metric on the arms' values
 * (kept by fb_arms for this method). */
void fb_abtest_boot_values(struct fb_abtest_row *row, const struct fb_arm *a,
                           const struct fb_arm *b, const struct fb_abtest_config *cfg);

/* The bootstrap of a design with a unit of randomisation: resamples the
 * units of each arm (fb_arms_unit_values), the estimate being the
 * per-record mean. */
void fb_abtest_boot_units(struct fb_abtest_row *row, const struct fb_arms *arms,
                          const struct fb_abtest_config *cfg);

/* The figures of a binary metric that every test of it reports: Wilson
 * intervals per arm at conf_level, P(variant better) and the expected loss
 * (Beta(1, 1) priors). */
void fb_abtest_binary_extras(struct fb_abtest_row *row, const struct fb_arm *a,
                             const struct fb_arm *b, double conf_level);

/* The mSPRT of an unpaired design: counts for a binary metric, moments
 * for a mean one. */
void fb_abtest_seq_arms(struct fb_abtest_row *row, const struct fb_arm *a, const struct fb_arm *b,
                        const struct fb_abtest_config *cfg);

/* The mSPRT of per-record means over units (delta-method variance). */
void fb_abtest_seq_units(struct fb_abtest_row *row, const struct fb_stats_ratio *a,
                         const struct fb_stats_ratio *b, const struct fb_abtest_config *cfg);

/* Adds the method's own fields to the JSON record o of row: for bootstrap
 * "resamples", "seed", "percentile_ci", "z0", "acceleration" and
 * "bootstrap_se"; for msprt "tuning" and "mixing_variance". Nothing for
 * other methods. */
void fb_abtest_seqboot_json(json_t *o, const struct fb_abtest_row *row,
                            const struct fb_abtest_config *cfg);

#endif
