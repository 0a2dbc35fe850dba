/* Sequential tests: the mixture sequential probability ratio test (mSPRT)
 * with a normal mixing distribution, its always-valid p-value and its
 * confidence sequence (Johari, Koomen, Pekelis and Walsh, "Peeking at A/B
 * Tests", KDD 2017), with the mixing variance chosen as GrowthBook does
 * (Waudby-Smith, Arnold, Wu, Howard and Ramdas, "Time-uniform central
 * limit theory and asymptotic confidence sequences", 2023, eq. 161). */
#include "fb_stats_impl.h"

#include <math.h>

static int check_seq(const struct fb_stats_seq_opts *o, struct fb_error *err)
{
	if (!(o->tuning > 0) || !isfinite(o->tuning)) {
		fb_error_set(err, 0, 0, "sequential tuning must be positive");
		return -1;
	}
	if (!(o->alpha > 0 && o->alpha < 1) || !(o->conf_level > 0 && o->conf_level < 1)) {
		fb_error_set(err, 0, 0, "alpha and confidence level must be between 0 and 1");
		return -1;
	}
	return 0;
}

int fb_stats_msprt(double estimate, double var, double n_total, const struct fb_stats_seq_opts *o,
                   struct fb_stats_result *res, double *tau2, struct fb_error *err)
{
	double l2a = -2 * log(o->alpha), rho2, t2, loglr, half;

	fb_stats_result_clear(res);
	if (tau2)
		*tau2 = NAN;
	if (check_seq(o, err) < 0)
		return -1;
	if (!(var > 0) || !isfinite(var) || !(n_total > 0) || !isfinite(estimate)) {
		fb_error_set(err, 0, 0, "mSPRT needs a positive, finite variance");
		return -1;
	}
	rho2 = (l2a + log(1 + l2a)) / o->tuning;
	t2 = rho2 * n_total * var;
	/* log Λ, with log(v / (v + τ²)) = −log1p(τ² / v), which keeps its
	 * digits when τ² is small against v. */
	loglr = -0.5 * log1p(t2 / var) + t2 * estimate * estimate / (2 * var * (var + t2));
	half = sqrt(var * (var + t2) / t2 * (log1p(t2 / var) - 2 * log(1 - o->conf_level)));
	res->estimate = estimate;
	res->std_error = sqrt(var);
	res->statistic = estimate / res->std_error;
	res->p_value = loglr > 0 ? exp(-loglr) : 1;
	res->ci_low = estimate - half;
	res->ci_high = estimate + half;
	if (tau2)
		*tau2 = t2;
	return 0;
}

int fb_stats_msprt_prop(const struct fb_stats_count *a, const struct fb_stats_count *b,
                        const struct fb_stats_seq_opts *o, struct fb_stats_result *res,
                        double *tau2, struct fb_error *err)
{
	double pa, pb, var;
	int rc;

	if (a->n == 0 || b->n == 0 || a->successes > a->n || b->successes > b->n) {
		fb_stats_result_clear(res);
		fb_error_set(err, 0, 0, "needs a trial in each arm");
		return -1;
	}
	pa = (double)a->successes / (double)a->n;
	pb = (double)b->successes / (double)b->n;
	var = pa * (1 - pa) / (double)a->n + pb * (1 - pb) / (double)b->n;
	if (!(var > 0)) {
		fb_stats_result_clear(res);
		fb_error_set(err, 0, 0, "proportions are 0 or 1 in both arms");
		return -1;
	}
	rc = fb_stats_msprt(pb - pa, var, (double)(a->n + b->n), o, res, tau2, err);
	if (rc == 0) {
		res->estimate_a = pa;
		res->estimate_b = pb;
	}
	return rc;
}

int fb_stats_msprt_mean(const struct fb_stats_moments *a, const struct fb_stats_moments *b,
                        const struct fb_stats_seq_opts *o, struct fb_stats_result *res,
                        double *tau2, struct fb_error *err)
{
	double var;
	int rc;

	if (a->n < 2 || b->n < 2) {
		fb_stats_result_clear(res);
		fb_error_set(err, 0, 0, "needs two values in each arm");
		return -1;
	}
	var = fb_stats_moments_var(a) / (double)a->n + fb_stats_moments_var(b) / (double)b->n;
	if (!(var > 0)) {
		fb_stats_result_clear(res);
		fb_error_set(err, 0, 0, "data are constant");
		return -1;
	}
	rc = fb_stats_msprt(b->mean - a->mean, var, (double)(a->n + b->n), o, res, tau2, err);
	if (rc == 0) {
		res->estimate_a = a->mean;
		res->estimate_b = b->mean;
	}
	return rc;
}

int fb_stats_msprt_ratio(const struct fb_stats_ratio *a, const struct fb_stats_ratio *b,
                         const struct fb_stats_seq_opts *o, struct fb_stats_result *res,
                         double *tau2, struct fb_error *err)
{
	double ra, rb, va, vb;
	int rc;

	if (fb_stats_ratio_var(a, &ra, &va, err) < 0 || fb_stats_ratio_var(b, &rb, &vb, err) < 0) {
		fb_stats_result_clear(res);
		return -1;
	}
	if (!(va + vb > 0)) {
		fb_stats_result_clear(res);
		fb_error_set(err, 0, 0, "data are constant");
		return -1;
	}
	rc = fb_stats_msprt(rb - ra, va + vb, (double)(a->k + b->k), o, res, tau2, err);
	if (rc == 0) {
		res->estimate_a = ra;
		res->estimate_b = rb;
	}
	return rc;
}
