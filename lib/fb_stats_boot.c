/* Bootstrap intervals for the difference of two arms' means: the
 * percentile and the bias-corrected and accelerated (BCa) intervals of
 * Efron ("Better bootstrap confidence intervals", JASA 1987), with the
 * acceleration from the jackknife (Efron and Tibshirani, "An Introduction
 * to the Bootstrap", 1993, eq. 14.15, summed over the two samples), as
 * scipy.stats.bootstrap(method="BCa") computes them. */
#include "fb_stats_impl.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>

#include "fb_alloc.h"

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

/* The p-quantile of sorted x[0..n): linear interpolation between order
 * statistics at (n − 1) p, written as numpy's percentile does it so that
 * the last bits agree. */
static double quantile(const double *x, size_t n, double p)
{
	double h = (double)(n - 1) * p, t, lo, hi;
	size_t i;

	if (!(h > 0))
		return x[0];
	if (h >= (double)(n - 1))
		return x[n - 1];
	i = (size_t)floor(h);
	t = h - (double)i;
	lo = x[i];
	hi = x[i + 1];
	return t >= 0.5 ? hi - (hi - lo) * (1 - t) : lo + (hi - lo) * t;
}

/* The share of sorted x[0..n) below v, values equal to v counting half. */
static double share_below(const double *x, size_t n, double v)
{
	size_t lt = 0, le;

	while (lt < n && x[lt] < v)
		lt++;
	le = lt;
	while (le < n && x[le] <= v)
		le++;
	return (double)(lt + le) / (2.0 * (double)n);
}

/* The BCa quantile for nominal level p: Φ(z0 + (z0 + z_p) / (1 − a (z0 +
 * z_p))) of the replicates. */
static double bca_quantile(const double *reps, size_t B, double z0, double a, double p)
{
	double num = z0 + gsl_cdf_ugaussian_Pinv(p);

	return quantile(reps, B, gsl_cdf_ugaussian_P(z0 + num / (1 - a * num)));
}

int fb_stats_boot_interval(double estimate, double *reps, size_t B, double accel, double conf_level,
                           enum fb_stats_alternative alt, struct fb_stats_result *res,
                           struct fb_stats_boot_info *info, struct fb_error *err)
{
	struct fb_stats_opts check = FB_STATS_OPTS_DEFAULT;
	double z0, g, w, zs, lo, mean = 0, ss = 0, d, q;
	size_t i;

	fb_stats_result_clear(res);
	info->pct_low = info->pct_high = info->z0 = info->accel = NAN;
	check.alternative = alt;
	check.conf_level = conf_level;
	if (!fb_stats_opts_check(&check, err))
		return -1;
	if (B < 2 || !isfinite(estimate) || !isfinite(accel)) {
		fb_error_set(err, 0, 0, "bootstrap needs two replicates and a finite estimate");
		return -1;
	}
	for (i = 0; i < B; i++) {
		if (!isfinite(reps[i])) {
			fb_error_set(err, 0, 0, "bootstrap replicate is not finite");
			return -1;
		}
		d = reps[i] - mean;
		mean += d / (double)(i + 1);
		ss += d * (reps[i] - mean);
	}
	qsort(reps, B, sizeof *reps, cmp_double);
	z0 = gsl_cdf_ugaussian_Pinv(share_below(reps, B, estimate));
	if (!isfinite(z0)) {
		fb_error_set(err, 0, 0,
		             "every bootstrap replicate lies on one side of the estimate");
		return -1;
	}
	res->estimate = estimate;
	res->std_error = sqrt(ss / (double)(B - 1));
	info->z0 = z0;
	info->accel = accel;
	q = alt == FB_STATS_TWO_SIDED ? (1 - conf_level) / 2 : 1 - conf_level;
	res->ci_low = alt == FB_STATS_LESS ? -INFINITY : bca_quantile(reps, B, z0, accel, q);
	res->ci_high = alt == FB_STATS_GREATER ? INFINITY : bca_quantile(reps, B, z0, accel, 1 - q);
	info->pct_low = alt == FB_STATS_LESS ? -INFINITY : quantile(reps, B, q);
	info->pct_high = alt == FB_STATS_GREATER ? INFINITY : quantile(reps, B, 1 - q);
	/* The level at which a BCa bound reaches 0, from Φ(z0 + u / (1 − a u))
	 * = G with u = z0 + z: u = w / (1 + a w). Past the pole the bound
	 * never reaches 0 and the p-value is 0 or 1. */
	lo = 0.5 / (double)B;
	g = gsl_cdf_ugaussian_Pinv(fmin(fmax(share_below(reps, B, 0), lo), 1 - lo));
	w = g - z0;
	if (1 + accel * w > 0)
		zs = w / (1 + accel * w) - z0;
	else
		zs = w < 0 ? -INFINITY : INFINITY;
	if (alt == FB_STATS_GREATER)
		res->p_value = gsl_cdf_ugaussian_P(zs);
	else if (alt == FB_STATS_LESS)
		res->p_value = gsl_cdf_ugaussian_Q(zs);
	else
		res->p_value = fmin(1, 2 * fmin(gsl_cdf_ugaussian_P(zs), gsl_cdf_ugaussian_Q(zs)));
	return 0;
}

/* One arm: its units' values and record counts (n NULL: one each), their
 * totals, and the per-record mean. */
struct arm {
	const double *y, *n;
	size_t k;
	double sum_y, sum_n;
};

static double unit_n(const struct arm *a, size_t i)
{
	return a->n ? a->n[i] : 1.0;
}

static int arm_init(struct arm *a, const double *y, const double *n, size_t k, struct fb_error *err)
{
	size_t i;

	a->y = y;
	a->n = n;
	a->k = k;
	a->sum_y = a->sum_n = 0;
	if (k < 2) {
		fb_error_set(err, 0, 0, "bootstrap needs two units in each arm");
		return -1;
	}
	/* gsl_rng_uniform_int draws from at most 2^32 values. */
	if (k > 0xffffffffu) {
		fb_error_set(err, 0, 0, "too many units for the bootstrap");
		return -1;
	}
	for (i = 0; i < k; i++) {
		if (!isfinite(y[i]) || !(unit_n(a, i) > 0) || !isfinite(unit_n(a, i))) {
			fb_error_set(err, 0, 0,
			             "bootstrap values must be finite and counts positive");
			return -1;
		}
		a->sum_y += y[i];
		a->sum_n += unit_n(a, i);
	}
	return 0;
}

/* The jackknife of one arm's per-record mean: adds Σ U³ / k³ and Σ U² / k²
 * of the influence values U_i = (k − 1) (mean of R_(·) − R_(i)), with sign
 * +1 for arm b and −1 for arm a (the estimate is R_b − R_a). */
static void jackknife(const struct arm *a, double sign, double *num, double *den)
{
	double *loo = fb_xcalloc(a->k, sizeof *loo), mean = 0, u, k = (double)a->k;
	size_t i;

	for (i = 0; i < a->k; i++) {
		loo[i] = (a->sum_y - a->y[i]) / (a->sum_n - unit_n(a, i));
		mean += loo[i];
	}
	mean /= k;
	for (i = 0; i < a->k; i++) {
		u = sign * (k - 1) * (mean - loo[i]);
		*num += u * u * u / (k * k * k);
		*den += u * u / (k * k);
	}
	free(loo);
}

/* One resample of an arm: its per-record mean. */
static double resample(const struct arm *a, gsl_rng *rng)
{
	double y = 0, n = 0;
	size_t i, j;

	for (i = 0; i < a->k; i++) {
		j = (size_t)gsl_rng_uniform_int(rng, (unsigned long)a->k);
		y += a->y[j];
		n += unit_n(a, j);
	}
	return y / n;
}

int fb_stats_boot_means(const double *ya, const double *na, size_t ka, const double *yb,
                        const double *nb, size_t kb, const struct fb_stats_boot_opts *opts,
                        struct fb_stats_result *res, struct fb_stats_boot_info *info,
                        struct fb_error *err)
{
	struct arm a, b;
	double num = 0, den = 0, accel, ra, rb, *reps;
	gsl_rng *rng;
	uint64_t r;
	int rc;

	fb_stats_result_clear(res);
	info->pct_low = info->pct_high = info->z0 = info->accel = NAN;
	if (arm_init(&a, ya, na, ka, err) < 0 || arm_init(&b, yb, nb, kb, err) < 0)
		return -1;
	if (opts->resamples < 2 || opts->resamples > SIZE_MAX / sizeof(double)) {
		fb_error_set(err, 0, 0, "bootstrap needs two resamples");
		return -1;
	}
	jackknife(&a, -1, &num, &den);
	jackknife(&b, 1, &num, &den);
	if (!(den > 0)) {
		fb_error_set(err, 0, 0, "data are constant");
		return -1;
	}
	accel = num / (6 * pow(den, 1.5));
	ra = a.sum_y / a.sum_n;
	rb = b.sum_y / b.sum_n;
	reps = fb_xcalloc((size_t)opts->resamples, sizeof *reps);
	rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!rng) {
		free(reps);
		fb_error_set(err, 0, 0, "cannot allocate the random number generator");
		return -1;
	}
	gsl_rng_set(rng, opts->seed);
	for (r = 0; r < opts->resamples; r++) {
		double sa = resample(&a, rng);

		reps[r] = resample(&b, rng) - sa;
	}
	gsl_rng_free(rng);
	rc = fb_stats_boot_interval(rb - ra, reps, (size_t)opts->resamples, accel, opts->conf_level,
	                            opts->alternative, res, info, err);
	free(reps);
	if (rc == 0) {
		res->estimate_a = ra;
		res->estimate_b = rb;
	}
	return rc;
}
