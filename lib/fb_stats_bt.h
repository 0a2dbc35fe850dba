/* Bradley–Terry strengths from pairwise preferences ("which answer was
 * better?"), as arena leaderboards rank models, with bootstrap intervals.
 * Part of the stats module (it uses GSL's linear algebra and random numbers).
 *
 * The model: P(i beats j) = e^βi / (e^βi + e^βj). A tie counts as half a
 * win for each side. The strengths β maximise the likelihood, found by
 * Newton's method with step halving (the log-likelihood is concave); they are
 * reported centred on mean 0, in natural-log units (an Elo-style rating is
 * 1000 + 400 β / ln 10).
 *
 * The plain maximum-likelihood estimate exists only when every model can be
 * reached from every other through "beat or tied" relations (the comparison
 * graph is strongly connected); a model that never lost would have infinite
 * strength. A prior of p virtual games, each a tie against a reference of
 * strength 0, keeps every strength finite; p = 0 gives the plain estimate,
 * which is what R's glm() on the same counts gives.
 *
 * Bootstrap: each replicate redraws as many games as were played, with
 * replacement, which is a multinomial draw over the observed cells (pair and
 * outcome); the interval is the percentile interval (R's quantile type 7) of
 * the replicates' strengths. Replicates without a finite estimate (possible
 * only with p = 0) are left out and counted. */
#ifndef FB_STATS_BT_H
#define FB_STATS_BT_H

#include <stddef.h>
#include <stdint.h>

#include "fb_error.h"

struct fb_stats_bt_opts {
	double prior;      /* virtual ties per model against the reference, >= 0 */
	size_t bootstrap;  /* replicates, 0 for none */
	uint64_t seed;     /* of the bootstrap's generator (GSL's MT19937) */
	double conf_level; /* of the percentile interval, in (0, 1) */
};

/* clang-format off */
#define FB_STATS_BT_OPTS_DEFAULT {1.0, 1000, 1, 0.95}
/* clang-format on */

struct fb_stats_bt_result {
	size_t models;
	double *strength; /* per model: β, mean 0 */
	double *ci_low;   /* per model: interval of β; NaN without bootstrap */
	double *ci_high;
	int iterations; /* Newton steps of the fit on the observed games */
	size_t dropped; /* bootstrap replicates without a finite estimate */
};

/* Fits m models (m >= 2) from wins[i * m + j], the games i won against j,
 * and ties[i * m + j], the ties between i and j (only i < j is read). Fills
 * res (free with fb_stats_bt_result_free). Returns 0, or -1 with err filled:
 * no games, a model without games, no finite estimate with prior 0, bad
 * options. */
int fb_stats_bt_fit(size_t m, const uint64_t *wins, const uint64_t *ties,
                    const struct fb_stats_bt_opts *opts, struct fb_stats_bt_result *res,
                    struct fb_error *err);

void fb_stats_bt_result_free(struct fb_stats_bt_result *res);

#endif
