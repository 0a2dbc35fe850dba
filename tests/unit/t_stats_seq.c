/* Sequential tests (lib/fb_stats_seq.c): the mSPRT against GrowthBook's
 * formulas, written out independently in Python (numpy):
 *
 *   rho = sqrt((-2 log(alpha) + log(-2 log(alpha) + 1)) / tuning)
 *   s2 = var * N
 *   width = sqrt(s2) sqrt(2 (N rho² + 1) / (N² rho²) log(sqrt(N rho² + 1) / alpha))
 *   tau2 = rho² s2
 *   p = min(1, 1 / (sqrt(var / (var + tau2)) exp(tau2 est² / (2 var (var + tau2)))))
 *
 * GrowthBook's sequence (gbstats, after Waudby-Smith et al.) and Johari et
 * al.'s mSPRT sequence are one formula under tau2 = rho² s2, which this
 * checks too. */
#include <math.h>

#include "check.h"
#include "fb_stats.h"

static const struct fb_stats_seq_opts dflt = { FB_STATS_SEQ_TUNING_DEFAULT, 0.05, 0.95 };

/* 120 of 1000 against 150 of 1000. */
static void test_prop(void)
{
	struct fb_stats_count a = { 1000, 120 }, b = { 1000, 150 };
	struct fb_stats_result r;
	double tau2;

	CHECK(fb_stats_msprt_prop(&a, &b, &dflt, &r, &tau2, NULL) == 0);
	CHECK_NEAR(r.estimate, 0.03, 1e-15);
	CHECK_NEAR(r.ci_low, -0.017692649581947918, 1e-15);
	CHECK_NEAR(r.ci_high, 0.077692649581947909, 1e-15);
	CHECK_NEAR(r.p_value, 0.47069077790838032, 1e-14);
	CHECK_NEAR(tau2, 0.00073996705506601079, 1e-18);
	CHECK(r.estimate_a == 0.12 && r.estimate_b == 0.15);
	CHECK(isnan(r.df));
}

/* a = (1, 2.5, 3, 4.5, 2, 3.5), b = (2, 3.5, 4, 5.5, 4, 6.5, 3). */
static void test_mean(void)
{
	static const double a[] = { 1.0, 2.5, 3.0, 4.5, 2.0, 3.5 };
	static const double b[] = { 2.0, 3.5, 4.0, 5.5, 4.0, 6.5, 3.0 };
	struct fb_stats_moments ma = FB_STATS_MOMENTS_INIT, mb = FB_STATS_MOMENTS_INIT;
	struct fb_stats_seq_opts o = dflt;
	struct fb_stats_result r;
	double tau2;
	size_t i;

	for (i = 0; i < 6; i++)
		fb_stats_moments_add(&ma, a[i]);
	for (i = 0; i < 7; i++)
		fb_stats_moments_add(&mb, b[i]);
	CHECK(fb_stats_msprt_mean(&ma, &mb, &o, &r, &tau2, NULL) == 0);
	CHECK_NEAR(r.estimate, 1.3214285714285712, 1e-14);
	CHECK_NEAR(r.ci_low, -11.724796824732051, 1e-12);
	CHECK_NEAR(r.ci_high, 14.367653967589193, 1e-12);
	CHECK_NEAR(r.p_value, 0.97958440410767755, 1e-14);
	CHECK_NEAR(tau2, 0.011810158777480309, 1e-16);
	o.tuning = 100;
	CHECK(fb_stats_msprt_mean(&ma, &mb, &o, &r, &tau2, NULL) == 0);
	CHECK_NEAR(r.ci_low, -1.42670310437977, 1e-12);
	CHECK_NEAR(r.ci_high, 4.0695602472369128, 1e-12);
	CHECK_NEAR(r.p_value, 0.65693762230671771, 1e-14);
	CHECK_NEAR(tau2, 0.5905079388740152, 1e-14);
}

/* The sequence leaves out 0 exactly when p ≤ 1 − conf_level, and it is
 * wider than the fixed-n normal interval. */
static void test_duality(void)
{
	struct fb_stats_result r;
	double est, lo = 0, hi = 1, mid;
	int i;

	/* The estimate at which p = 0.05, by bisection; there the sequence
	 * just touches 0. */
	for (i = 0; i < 200; i++) {
		mid = (lo + hi) / 2;
		CHECK(fb_stats_msprt(mid, 0.001, 4000, &dflt, &r, NULL, NULL) == 0);
		if (r.p_value > 0.05)
			lo = mid;
		else
			hi = mid;
	}
	est = hi;
	CHECK(fb_stats_msprt(est, 0.001, 4000, &dflt, &r, NULL, NULL) == 0);
	CHECK_NEAR(r.ci_low, 0, 1e-12);
	CHECK_NEAR(r.p_value, 0.05, 1e-12);
	CHECK(r.ci_high - r.ci_low > 2 * 1.959963984540054 * sqrt(0.001));
	/* No effect: p is 1. */
	CHECK(fb_stats_msprt(0, 0.001, 4000, &dflt, &r, NULL, NULL) == 0);
	CHECK(r.p_value == 1);
}

/* Per-record means over units: the delta method's estimate and variance,
 * N counting units. */
static void test_ratio(void)
{
	struct fb_stats_ratio a = FB_STATS_RATIO_INIT, b = FB_STATS_RATIO_INIT;
	struct fb_stats_result r, z;
	double ra, va, rb, vb;

	fb_stats_ratio_add(&a, 3, 2);
	fb_stats_ratio_add(&a, 1, 1);
	fb_stats_ratio_add(&a, 4, 3);
	fb_stats_ratio_add(&b, 5, 2);
	fb_stats_ratio_add(&b, 2, 2);
	fb_stats_ratio_add(&b, 6, 3);
	CHECK(fb_stats_ratio_var(&a, &ra, &va, NULL) == 0);
	CHECK(fb_stats_ratio_var(&b, &rb, &vb, NULL) == 0);
	CHECK(fb_stats_msprt_ratio(&a, &b, &dflt, &r, NULL, NULL) == 0);
	CHECK(fb_stats_msprt(rb - ra, va + vb, 6, &dflt, &z, NULL, NULL) == 0);
	CHECK(r.p_value == z.p_value && r.ci_low == z.ci_low && r.estimate_a == ra);
}

static void test_errors(void)
{
	struct fb_stats_count a = { 10, 0 }, b = { 10, 0 }, e = { 0, 0 };
	struct fb_stats_moments m = FB_STATS_MOMENTS_INIT;
	struct fb_stats_seq_opts o = dflt;
	struct fb_stats_result r;
	struct fb_error err;

	CHECK(fb_stats_msprt_prop(&a, &b, &dflt, &r, NULL, &err) < 0);
	CHECK_STR(err.text, "proportions are 0 or 1 in both arms");
	CHECK(fb_stats_msprt_prop(&e, &b, &dflt, &r, NULL, &err) < 0);
	CHECK_STR(err.text, "needs a trial in each arm");
	fb_stats_moments_add(&m, 1);
	fb_stats_moments_add(&m, 1);
	CHECK(fb_stats_msprt_mean(&m, &m, &dflt, &r, NULL, &err) < 0);
	CHECK_STR(err.text, "data are constant");
	CHECK(isnan(r.p_value));
	o.tuning = 0;
	CHECK(fb_stats_msprt(1, 1, 10, &o, &r, NULL, &err) < 0);
	CHECK_STR(err.text, "sequential tuning must be positive");
	CHECK(fb_stats_msprt(1, 0, 10, &dflt, &r, NULL, &err) < 0);
	CHECK_STR(err.text, "mSPRT needs a positive, finite variance");
}

int main(void)
{
	RUN(test_prop);
	RUN(test_mean);
	RUN(test_duality);
	RUN(test_ratio);
	RUN(test_errors);
	return CHECK_DONE();
}
