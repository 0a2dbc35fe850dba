/* CUPED, variance reduction with a pre-experiment covariate (Deng, Xu,
 * Kohavi and Walker, "Improving the Sensitivity of Online Controlled
 * Experiments by Utilizing Pre-Experiment Data", WSDM 2013). Each value Y
 * of a metric is replaced by Y' = Y − θ (X − X̄), where X is the record's
 * (or its unit's) covariate, θ = cov(Y, X) / var(X) and X̄ the mean of X,
 * both over the records of the two arms compared (pooled). The adjusted
 * means differ from the plain ones by θ times the arms' imbalance in X,
 * and their variance shrinks by the share of it X explains. Pure
 * arithmetic on sufficient statistics, so partial statistics merge. */
#ifndef FB_CUPED_H
#define FB_CUPED_H

#include <stddef.h>

#include "fb_error.h"
#include "fb_stats.h"

/* Records as units. a and b are the two arms' bivariate moments of
 * (value, covariate) (struct fb_stats_ratio with y the value and n the
 * covariate). Fills *adj_a and *adj_b with the moments of the adjusted
 * values (n, mean and M2, as if Y' had been added one by one), *theta and
 * *mean_x. Returns 0, or -1 with err->text "the covariate is constant"
 * when X has no variance over the two arms, or "no values" when both arms
 * are empty. */
int fb_cuped_moments(const struct fb_stats_ratio *a, const struct fb_stats_ratio *b,
                     struct fb_stats_moments *adj_a, struct fb_stats_moments *adj_b, double *theta,
                     double *mean_x, struct fb_error *err);

/* One arm's units for fb_cuped_units: unit i has y[i], the sum of its
 * values, n[i], their number (or the sum of a ratio's denominators), and
 * x[i], its covariate. Borrowed. */
struct fb_cuped_units {
	const double *y, *n, *x;
	size_t k;
};

/* Units of randomisation: every record of unit i carries the unit's
 * covariate x[i], so θ and X̄ are those of the records (θ = Σ (x_i − X̄)
 * (y_i − n_i Ȳ) / Σ n_i (x_i − X̄)², over the units of both arms, with Ȳ
 * the records' mean), and the unit's adjusted sum is y_i − θ n_i (x_i −
 * X̄). Fills *adj_a and *adj_b with the per-unit aggregates (adjusted sum,
 * n) in the order given, for the delta method (fb_stats_ratio_z), and
 * *theta and *mean_x. Returns 0, or -1 with err->text as
 * fb_cuped_moments. */
int fb_cuped_units(const struct fb_cuped_units *a, const struct fb_cuped_units *b,
                   struct fb_stats_ratio *adj_a, struct fb_stats_ratio *adj_b, double *theta,
                   double *mean_x, struct fb_error *err);

#endif
