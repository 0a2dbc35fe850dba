/* lib/fb_stats on hand-made cases: tiny samples, constant data, empty arms,
 * 0% and 100% success, ties everywhere, one-sided variants and the options
 * the R reference file does not exercise. Expected figures are closed forms
 * or were computed with mpmath at 40 digits (which shares no code with GSL
 * or R); uniroot-based figures are checked by the equation they solve. */
#include "check.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "fb_alloc.h"
#include "fb_stats.h"

/* Relative 1e-9, or absolute 1e-12 near zero, as for the R reference. */
#define CHECK_REL(got, want) CHECK_NEAR((got), (want), fmax(1e-12, 1e-9 * fabs((double)(want))))

static struct fb_stats_moments moments(const double *v, size_t n)
{
	struct fb_stats_moments m = FB_STATS_MOMENTS_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		fb_stats_moments_add(&m, v[i]);
	return m;
}

static void test_moments(void)
{
	/* A raw sum of squares would lose everything here: x² ~ 1e18. */
	static const double big[] = { 1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4 };
	static const double v[] = { 0.3, -1.7, 2.25, 8.5, -0.125, 4.0, 3.5, -2.0, 0.0, 1.5 };
	struct fb_stats_moments m = moments(big, 4), left, right, empty = FB_STATS_MOMENTS_INIT;
	struct fb_stats_moments all = moments(v, 10);

	CHECK_REL(fb_stats_moments_var(&m), 5.0 / 3.0);
	CHECK_REL(m.mean, 1e9 + 2.5);
	/* Merging halves equals adding one by one. */
	left = moments(v, 3);
	right = moments(v + 3, 7);
	fb_stats_moments_merge(&left, &right);
	CHECK(left.n == 10);
	CHECK_NEAR(left.mean, all.mean, 1e-15);
	CHECK_REL(left.m2, all.m2);
	/* Merging with an empty side changes nothing. */
	fb_stats_moments_merge(&left, &empty);
	CHECK(left.n == 10 && left.mean == all.mean);
	fb_stats_moments_merge(&empty, &all);
	CHECK(empty.n == 10 && empty.mean == all.mean && empty.m2 == all.m2);
	m = moments(v, 1);
	CHECK(isnan(fb_stats_moments_var(&m)));
}

static void test_t_small_samples(void)
{
	static const double one[] = { 1 }, two[] = { 2, 4 }, a2[] = { 0, 2 }, b2[] = { 1, 5 };
	static const double diff[] = { 1, 3 };
	struct fb_stats_moments a = moments(one, 1), b = moments(two, 2);
	struct fb_stats_result r;
	struct fb_error err;

	/* Student: n = 1 against n = 2 works on the pooled variance (df 1). */
	CHECK(fb_stats_student_t(&a, &b, NULL, &r, &err) == 0);
	CHECK_REL(r.statistic, 1.1547005383792515);
	CHECK_REL(r.df, 1);
	CHECK_REL(r.p_value, 0.45437105165701008);
	CHECK_REL(r.ci_low, -20.007792174426889);
	CHECK_REL(r.ci_high, 24.007792174426889);
	CHECK_REL(r.estimate, 2);
	/* Welch needs two values a side. */
	CHECK(fb_stats_welch_t(&a, &b, NULL, &r, &err) == -1);
	a = moments(a2, 2);
	b = moments(b2, 2);
	CHECK(fb_stats_welch_t(&a, &b, NULL, &r, &err) == 0);
	CHECK_REL(r.df, 1.4705882352941178);
	CHECK_REL(r.statistic, 0.89442719099991586);
	CHECK_REL(r.p_value, 0.49313270812084692);
	CHECK_REL(r.ci_low, -11.837045660142138);
	CHECK_REL(r.ci_high, 15.837045660142138);
	/* Paired: two pairs, differences 1 and 3. */
	a = moments(diff, 2);
	CHECK(fb_stats_paired_t(&a, NULL, &r, &err) == 0);
	CHECK_REL(r.statistic, 2);
	CHECK_REL(r.p_value, 0.29516723530086653);
	CHECK_REL(r.ci_low, -10.706204736174705);
	CHECK_REL(r.ci_high, 14.706204736174705);
	a = moments(diff, 1);
	CHECK(fb_stats_paired_t(&a, NULL, &r, &err) == -1);
}

static void test_t_degenerate(void)
{
	static const double threes[] = { 3, 3, 3 }, ones[] = { 1, 1 }, twos[] = { 2, 2 };
	static const double zeros[] = { 0, 0, 0 }, nan_[] = { 1, NAN };
	struct fb_stats_moments a = moments(threes, 3), b = moments(threes, 2);
	struct fb_stats_moments empty = FB_STATS_MOMENTS_INIT;
	struct fb_stats_result r;
	struct fb_error err;

	CHECK(fb_stats_welch_t(&a, &b, NULL, &r, &err) == -1);
	CHECK_STR(err.text, "data are essentially constant");
	CHECK(fb_stats_student_t(&a, &b, NULL, &r, &err) == -1);
	/* Constant in each arm but different: still no variance to test with. */
	a = moments(ones, 2);
	b = moments(twos, 2);
	CHECK(fb_stats_welch_t(&a, &b, NULL, &r, &err) == -1);
	CHECK(fb_stats_student_t(&a, &b, NULL, &r, &err) == -1);
	/* All zeros: R would divide 0 by 0; here it is an error. */
	a = moments(zeros, 3);
	CHECK(fb_stats_paired_t(&a, NULL, &r, &err) == -1);
	CHECK(fb_stats_student_t(&a, &a, NULL, &r, &err) == -1);
	/* Empty arms and non-finite values are errors, never NaN results. */
	b = moments(twos, 2);
	CHECK(fb_stats_welch_t(&empty, &b, NULL, &r, &err) == -1);
	CHECK(fb_stats_student_t(&b, &empty, NULL, &r, &err) == -1);
	CHECK(fb_stats_paired_t(&empty, NULL, &r, &err) == -1);
	a = moments(nan_, 2);
	CHECK(fb_stats_welch_t(&a, &b, NULL, &r, &err) == -1);
	CHECK_STR(err.text, "arm a has a non-finite value");
}

static void test_options(void)
{
	static const double va[] = { 1, 2, 3, 4 }, vb[] = { 2, 4, 5, 7 };
	struct fb_stats_moments a = moments(va, 4), b = moments(vb, 4);
	struct fb_stats_opts o = FB_STATS_OPTS_DEFAULT;
	struct fb_stats_result two, greater, less;
	struct fb_error err;
	enum fb_stats_alternative alt;

	CHECK(fb_stats_welch_t(&a, &b, &o, &two, &err) == 0);
	o.alternative = FB_STATS_GREATER;
	CHECK(fb_stats_welch_t(&a, &b, &o, &greater, &err) == 0);
	o.alternative = FB_STATS_LESS;
	CHECK(fb_stats_welch_t(&a, &b, &o, &less, &err) == 0);
	CHECK_REL(greater.p_value, two.p_value / 2);
	CHECK_REL(less.p_value, 1 - two.p_value / 2);
	CHECK(isinf(greater.ci_high) && greater.ci_high > 0);
	CHECK(isinf(less.ci_low) && less.ci_low < 0);
	o.conf_level = 1;
	CHECK(fb_stats_welch_t(&a, &b, &o, &two, &err) == -1);
	o.conf_level = NAN;
	CHECK(fb_stats_welch_t(&a, &b, &o, &two, &err) == -1);
	CHECK(fb_stats_alternative_from_name("two-sided", &alt, &err) == 0 &&
	      alt == FB_STATS_TWO_SIDED);
	CHECK(fb_stats_alternative_from_name("bigger", &alt, &err) == -1);
}

static void test_proportions_edges(void)
{
	struct fb_stats_count none = { 10, 0 }, all = { 10, 10 }, empty = { 0, 0 };
	struct fb_stats_count bad = { 5, 6 }, x = { 12, 12 }, three = { 40, 3 };
	struct fb_stats_opts o = FB_STATS_OPTS_DEFAULT;
	struct fb_stats_result r;
	struct fb_error err;

	/* 0% against 100%: the pooled rate is 1/2 and the test is defined. */
	o.correct = 0;
	CHECK(fb_stats_prop_test(&none, &all, &o, &r, &err) == 0);
	CHECK_REL(r.statistic, 20);
	CHECK_REL(r.p_value, 7.7442164310440841e-06);
	CHECK(r.ci_low == 1 && r.ci_high == 1);
	o.correct = 1;
	CHECK(fb_stats_prop_test(&none, &all, &o, &r, &err) == 0);
	CHECK_REL(r.statistic, 16.2);
	CHECK_REL(r.p_value, 5.6994116233318438e-05);
	CHECK_REL(r.ci_low, 0.9);
	CHECK(r.ci_high == 1);
	/* No successes, or no failures, anywhere: nothing to test. */
	CHECK(fb_stats_prop_test(&none, &none, NULL, &r, &err) == -1);
	CHECK(fb_stats_prop_test(&all, &all, NULL, &r, &err) == -1);
	CHECK(fb_stats_prop_test(&empty, &all, NULL, &r, &err) == -1);
	CHECK_STR(err.text, "arm a is empty");
	CHECK(fb_stats_prop_test(&none, &bad, NULL, &r, &err) == -1);
	/* One sample, 3 of 40 against 1/2, with R's continuity correction. */
	CHECK(fb_stats_prop_test1(&three, 0.5, NULL, &r, &err) == 0);
	CHECK_REL(r.statistic, 27.225);
	CHECK_REL(r.p_value, 1.8110172867751748e-07);
	CHECK_REL(r.ci_low, 0.019571862009071548);
	CHECK_REL(r.ci_high, 0.21476152397440118);
	CHECK(r.method == FB_STATS_METHOD_CORRECTED);
	CHECK(fb_stats_prop_test1(&empty, 0.5, NULL, &r, &err) == -1);
	CHECK(fb_stats_prop_test1(&x, 1, NULL, &r, &err) == -1);
	/* Fisher: all b and no a successes puts x at the top of its support. */
	CHECK(fb_stats_fisher_exact(&none, &all, NULL, &r, &err) == 0);
	CHECK(isinf(r.estimate) && r.estimate > 0);
	CHECK_REL(r.p_value, 1.082508822446903e-05);
	CHECK(isinf(r.ci_high));
	CHECK(fb_stats_fisher_exact(&all, &none, NULL, &r, &err) == 0);
	CHECK(r.estimate == 0 && r.ci_low == 0);
	CHECK(fb_stats_fisher_exact(&none, &none, NULL, &r, &err) == -1);
	CHECK(fb_stats_fisher_exact(&empty, &all, NULL, &r, &err) == -1);
	/* Every pair a win: p = 2 · 2^-12 and the bound is 0.025^(1/12). */
	CHECK(fb_stats_sign_test(12, 0, NULL, &r, &err) == 0);
	CHECK_REL(r.p_value, 0.00048828125);
	CHECK_REL(r.ci_low, 0.73535153060294878);
	CHECK(r.ci_high == 1);
	CHECK(fb_stats_sign_test(0, 0, NULL, &r, &err) == -1);
	CHECK(fb_stats_binom_test(3, 2, 0.5, NULL, &r, &err) == -1);
	CHECK(fb_stats_binom_test(1, FB_STATS_BINOM_MAX_N + 1, 0.5, NULL, &r, &err) == -1);
	CHECK(fb_stats_binom_test(1, 10, 0, NULL, &r, &err) == -1);
}

static void test_one_sided_counts(void)
{
	struct fb_stats_count a = { 10, 3 }, b = { 10, 8 };
	struct fb_stats_opts o = FB_STATS_OPTS_DEFAULT;
	struct fb_stats_result r, two;
	struct fb_error err;

	o.alternative = FB_STATS_LESS;
	CHECK(fb_stats_binom_test(3, 10, 0.5, &o, &r, &err) == 0);
	CHECK_REL(r.p_value, 0.171875);
	CHECK(r.ci_low == 0);
	CHECK_REL(r.ci_high, 0.60662421610541339);
	CHECK(fb_stats_fisher_exact(&a, &b, &o, &r, &err) == 0);
	CHECK_REL(r.p_value, 0.99726125267920929);
	CHECK(r.ci_low == 0);
	o.alternative = FB_STATS_GREATER;
	CHECK(fb_stats_binom_test(3, 10, 0.5, &o, &r, &err) == 0);
	CHECK_REL(r.p_value, 0.9453125);
	CHECK_REL(r.ci_low, 0.087264433914150299);
	CHECK(r.ci_high == 1);
	CHECK(fb_stats_fisher_exact(&a, &b, &o, &r, &err) == 0);
	CHECK_REL(r.p_value, 0.034889259347463682);
	CHECK(isinf(r.ci_high));
	/* One-sided proportion tests halve the two-sided chi-squared tail. */
	CHECK(fb_stats_prop_test(&a, &b, &o, &r, &err) == 0);
	CHECK(fb_stats_prop_test(&a, &b, NULL, &two, &err) == 0);
	CHECK_REL(r.p_value, two.p_value / 2);
	CHECK(r.ci_high == 1);
}

/* The mean and tails of the noncentral hypergeometric distribution of
 * fisher.test(), from libm's lgamma: independent of the code under test. */
static double lchoose(double n, double k)
{
	return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
}

static void nchyper(double x, double m, double n, double k, double ncp, double *mean, double *lower,
                    double *upper)
{
	double lo = fmax(0, k - n), hi = fmin(k, m), s, total = 0, mu = 0, lt = 0, ut = 0;

	for (s = lo; s <= hi; s++) {
		double d = exp(lchoose(m, s) + lchoose(n, k - s) + log(ncp) * (s - x));

		total += d;
		mu += s * d;
		lt += s <= x ? d : 0;
		ut += s >= x ? d : 0;
	}
	*mean = mu / total;
	*lower = lt / total;
	*upper = ut / total;
}

static void test_fisher_roots(void)
{
	struct fb_stats_count a = { 50, 5 }, b = { 60, 14 };
	struct fb_stats_result r;
	struct fb_error err;
	double mean, lower, upper;

	CHECK(fb_stats_fisher_exact(&a, &b, NULL, &r, &err) == 0);
	/* The estimate solves E(X) = x to uniroot()'s tolerance. */
	nchyper(14, 60, 50, 19, r.estimate, &mean, &lower, &upper);
	CHECK_NEAR(mean, 14, 1e-3);
	/* The interval bounds put 2.5% in the matching tail. */
	nchyper(14, 60, 50, 19, r.ci_low, &mean, &lower, &upper);
	CHECK_NEAR(upper, 0.025, 1e-4);
	nchyper(14, 60, 50, 19, r.ci_high, &mean, &lower, &upper);
	CHECK_NEAR(lower, 0.025, 1e-4);
	CHECK(r.ci_low < r.estimate && r.estimate < r.ci_high);
}

static void test_mcnemar_and_gof(void)
{
	struct fb_stats_pairs none = { 10, 0, 0, 5 }, even = { 10, 4, 4, 5 };
	struct fb_stats_opts o = FB_STATS_OPTS_DEFAULT;
	static const uint64_t counts[] = { 50, 50 }, zero[] = { 0, 0 };
	static const double half[] = { 0.5, 0.5 }, off[] = { 0.5, 0.6 }, nil[] = { 1, 0 };
	struct fb_stats_result r;
	struct fb_error err;

	CHECK(fb_stats_mcnemar(&none, NULL, &r, &err) == -1);
	o.alternative = FB_STATS_GREATER;
	CHECK(fb_stats_mcnemar(&even, &o, &r, &err) == -1);
	/* No difference: R skips the correction, so the statistic is 0. */
	CHECK(fb_stats_mcnemar(&even, NULL, &r, &err) == 0);
	CHECK(r.statistic == 0 && r.p_value == 1 && !(r.method & FB_STATS_METHOD_CORRECTED));
	CHECK(fb_stats_chisq_gof(counts, half, 2, &r, &err) == 0);
	CHECK(r.statistic == 0 && r.p_value == 1 && r.df == 1);
	CHECK(fb_stats_chisq_gof(counts, off, 2, &r, &err) == -1);
	CHECK(fb_stats_chisq_gof(counts, nil, 2, &r, &err) == -1);
	CHECK(fb_stats_chisq_gof(zero, half, 2, &r, &err) == -1);
	CHECK(fb_stats_chisq_gof(counts, half, 1, &r, &err) == -1);
}

static void test_rank_exact(void)
{
	static const double a1[] = { 1, 2, 3 }, b1[] = { 4, 5, 6 }, a2[] = { 1, 3, 5 };
	static const double b2[] = { 2, 4, 6 }, z[] = { 0, 0, 0, 0, 0 }, d1[] = { 1, 2, 3, 4, 5 };
	static const double d2[] = { -1, 2, 3, -4, 5 };
	struct fb_stats_opts o = FB_STATS_OPTS_DEFAULT;
	struct fb_stats_result r;
	struct fb_error err;

	CHECK(fb_stats_mann_whitney(a1, 3, b1, 3, NULL, &r, &err) == 0);
	CHECK(r.method == FB_STATS_METHOD_EXACT);
	CHECK(r.statistic == 9 && r.estimate == 1);
	CHECK_REL(r.p_value, 0.1);
	/* W = 6 of 9: P(W >= 6) = 7/20 under the null. */
	CHECK(fb_stats_mann_whitney(a2, 3, b2, 3, NULL, &r, &err) == 0);
	CHECK(r.statistic == 6);
	CHECK_REL(r.p_value, 0.7);
	o.alternative = FB_STATS_GREATER;
	CHECK(fb_stats_mann_whitney(a1, 3, b1, 3, &o, &r, &err) == 0);
	CHECK_REL(r.p_value, 0.05);
	o.alternative = FB_STATS_LESS;
	CHECK(fb_stats_mann_whitney(a1, 3, b1, 3, &o, &r, &err) == 0);
	CHECK(r.p_value == 1);
	/* Signed rank: all five differences positive, V = 15. */
	CHECK(fb_stats_signed_rank(z, d1, 5, NULL, &r, &err) == 0);
	CHECK(r.method == FB_STATS_METHOD_EXACT && r.statistic == 15);
	CHECK_REL(r.p_value, 0.0625);
	o.alternative = FB_STATS_GREATER;
	CHECK(fb_stats_signed_rank(z, d1, 5, &o, &r, &err) == 0);
	CHECK_REL(r.p_value, 1.0 / 32);
	/* V = 10: 10 of the 32 subsets of 1..5 sum to 5 or less. */
	CHECK(fb_stats_signed_rank(z, d2, 5, NULL, &r, &err) == 0);
	CHECK(r.statistic == 10);
	CHECK_REL(r.p_value, 0.625);
}

/* Counts of the Mann–Whitney statistic by the additive recursion
 * f(m, n, w) = f(m − 1, n, w − n) + f(m, n − 1, w), independent of the
 * generating-function product in the library. */
static double mw_lower_tail(unsigned m, unsigned n, unsigned q)
{
	size_t width = (size_t)m * n + 1, i, j, w;
	double *f = fb_xcalloc((m + 1) * (n + 1) * width, sizeof *f), total = 0, p = 0;

#define F(i, j, w) f[((i) * (n + 1) + (j)) * width + (w)]
	for (i = 0; i <= m; i++)
		for (j = 0; j <= n; j++)
			for (w = 0; w <= i * j; w++) {
				if (i == 0 || j == 0)
					F(i, j, w) = w == 0;
				else
					F(i, j, w) = (w >= j ? F(i - 1, j, w - j) : 0) +
					             (w <= i * (j - 1) ? F(i, j - 1, w) : 0);
			}
	for (w = 0; w < width; w++) {
		total += F(m, n, w);
		p += w <= q ? F(m, n, w) : 0;
	}
#undef F
	free(f);
	return p / total;
}

static void test_rank_exact_tail(void)
{
	double a[30], b[20], big_a[100], big_b[201];
	struct fb_stats_opts o = FB_STATS_OPTS_DEFAULT;
	struct fb_stats_result r;
	struct fb_error err;
	size_t i;

	/* b takes the ranks 1..3 and 34..50, so W = 17·30 = 510 of 600, and
	 * P(W >= 510) is the lower tail up to 600 - 510 = 90. */
	for (i = 0; i < 3; i++)
		b[i] = (double)i;
	for (i = 0; i < 30; i++)
		a[i] = 10 + (double)i;
	for (i = 3; i < 20; i++)
		b[i] = 100 + (double)i;
	o.alternative = FB_STATS_GREATER;
	CHECK(fb_stats_mann_whitney(a, 30, b, 20, &o, &r, &err) == 0);
	CHECK(r.statistic == 510 && r.method == FB_STATS_METHOD_EXACT);
	CHECK_REL(r.p_value, mw_lower_tail(20, 30, 90));
	/* The same tail in exact integer arithmetic (Python). */
	CHECK_REL(r.p_value, 5.634554034669499e-06);
	/* Larger, where the counts pass 2^53 and the product form cancels:
	 * b = 1, 3, ..., 299 and a = 0, 2, ..., 198 give W = 10050 of 15000. */
	for (i = 0; i < 201; i++)
		big_b[i] = 2 * (double)i + 1;
	for (i = 0; i < 100; i++)
		big_a[i] = 2 * (double)i;
	o.exact = FB_STATS_EXACT_ALWAYS;
	CHECK(fb_stats_mann_whitney(big_a, 100, big_b, 150, &o, &r, &err) == 0);
	CHECK(r.statistic == 10050 && r.method == FB_STATS_METHOD_EXACT);
	CHECK_REL(r.p_value, 2.058146210331577e-06);
	/* Past the size limit the normal approximation takes over. */
	CHECK(fb_stats_mann_whitney(big_a, 100, big_b, 201, &o, &r, &err) == 0);
	CHECK(r.method == FB_STATS_METHOD_CORRECTED);
}

static void test_rank_ties(void)
{
	static const double same[] = { 2, 2, 2 }, ta[] = { 0, 0, 0, 1 }, tb[] = { 0, 1, 1, 1 };
	static const double zero5[] = { 0, 0, 0, 0, 0 }, one5[] = { 1, 1, 1, 1, 1 };
	static const double mixed[] = { 0, 1, 2, 3, 4 };
	static const uint64_t ca[] = { 3, 0, 1 }, cb[] = { 1, 0, 3 }, neg[] = { 0 }, pos[] = { 5 };
	static const double inf1[] = { 1, INFINITY };
	struct fb_stats_opts o = FB_STATS_OPTS_DEFAULT;
	struct fb_stats_result r, t;
	struct fb_error err;

	/* Every value equal: no variance left, an error rather than NaN. */
	CHECK(fb_stats_mann_whitney(same, 3, same, 2, NULL, &r, &err) == -1);
	CHECK(fb_stats_mann_whitney(same, 0, same, 2, NULL, &r, &err) == -1);
	/* Two tie groups; exactness was asked but ties rule it out. */
	o.exact = FB_STATS_EXACT_ALWAYS;
	CHECK(fb_stats_mann_whitney(ta, 4, tb, 4, &o, &r, &err) == 0);
	CHECK(r.statistic == 12 && r.method == FB_STATS_METHOD_CORRECTED);
	CHECK_REL(r.p_value, 0.24706152509165805);
	/* The tabulated form, with an empty level, gives the same figures. */
	CHECK(fb_stats_mann_whitney_tab(ca, cb, 3, &o, &t, &err) == 0);
	CHECK(t.statistic == r.statistic && t.p_value == r.p_value);
	o.correct = 0;
	CHECK(fb_stats_mann_whitney(ta, 4, tb, 4, &o, &r, &err) == 0);
	CHECK_REL(r.p_value, 0.18587673236587593);
	o.correct = 1;
	o.alternative = FB_STATS_GREATER;
	CHECK(fb_stats_mann_whitney(ta, 4, tb, 4, &o, &r, &err) == 0);
	CHECK_REL(r.p_value, 0.12353076254582902);
	/* Five equal differences: one tie group, still a defined variance. */
	CHECK(fb_stats_signed_rank(zero5, one5, 5, NULL, &r, &err) == 0);
	CHECK(r.statistic == 15 && r.method == FB_STATS_METHOD_CORRECTED);
	CHECK_REL(r.p_value, 0.036888425707049859);
	CHECK(fb_stats_signed_rank_tab(neg, pos, 1, 0, NULL, &t, &err) == 0);
	CHECK(t.statistic == r.statistic && t.p_value == r.p_value);
	/* A zero difference rules out the exact test too. */
	CHECK(fb_stats_signed_rank(zero5, mixed, 5, &o, &r, &err) == 0);
	CHECK(!(r.method & FB_STATS_METHOD_EXACT));
	CHECK(fb_stats_signed_rank(zero5, zero5, 5, NULL, &r, &err) == -1);
	CHECK(fb_stats_signed_rank(zero5, zero5, 0, NULL, &r, &err) == -1);
	CHECK(fb_stats_signed_rank(inf1, one5, 2, NULL, &r, &err) == -1);
	CHECK(fb_stats_mann_whitney(inf1, 2, one5, 2, NULL, &r, &err) == -1);
}

static void test_power(void)
{
	struct fb_error err;
	double power, n;

	CHECK(fb_stats_power_prop(1000, 0.1, 0.12, 0.05, 0, &power, &err) == 0);
	CHECK_REL(power, 0.29773213124822762);
	/* The noncentral t of AS 243 against direct integration. */
	CHECK(fb_stats_power_t(100, 0.5, 1, 0.05, 0, &power, &err) == 0);
	CHECK_REL(power, 0.94042718232469413);
	CHECK(fb_stats_power_t(20, 0.3, 0.5, 0.05, FB_STATS_POWER_ONE_SIDED | FB_STATS_POWER_PAIRED,
	                       &power, &err) == 0);
	CHECK_REL(power, 0.82663951873763175);
	/* A tiny effect needs more than the 1e7 of R's first interval, which
	 * uniroot() then widens, as here. */
	CHECK(fb_stats_power_prop_n(0.5, 0.5001, 0.05, 0.8, 0, &n, &err) == 0);
	CHECK_NEAR(n, 392443981.61407775, 1e-3);
	/* Round trip: the size found gives the power asked for. */
	CHECK(fb_stats_power_t_n(0.3, 0.5, 0.05, 0.9, FB_STATS_POWER_PAIRED, &n, &err) == 0);
	CHECK(fb_stats_power_t(n, 0.3, 0.5, 0.05, FB_STATS_POWER_PAIRED, &power, &err) == 0);
	CHECK_NEAR(power, 0.9, 1e-5);
	CHECK(fb_stats_power_prop_n(0.2, 0.2, 0.05, 0.8, 0, &n, &err) == -1);
	CHECK(fb_stats_power_prop_n(0.2, 0.3, 0.05, 0.01, 0, &n, &err) == -1);
	CHECK(fb_stats_power_prop_n(0.2, 1, 0.05, 0.8, 0, &n, &err) == -1);
	CHECK(fb_stats_power_t_n(0, 1, 0.05, 0.8, 0, &n, &err) == -1);
	CHECK(fb_stats_power_t_n(1, 0, 0.05, 0.8, 0, &n, &err) == -1);
	CHECK(fb_stats_power_t_n(1, 1, 0.05, 1, 0, &n, &err) == -1);
	CHECK(fb_stats_power_t(1, 1, 1, 0.05, 0, &power, &err) == -1);
}

static void test_adjust(void)
{
	static const double p[] = { 0.01, 0.04, 0.03, 0.2, 0.04 };
	/* By definition: Hochberg takes cummin((n + 1 − i) p(i)) from the top,
	 * BY multiplies BH by 1 + 1/2 + ... + 1/n = 137/60. */
	static const double hochberg[] = { 0.05, 0.08, 0.08, 0.2, 0.08 };
	static const double by[] = { 0.05 * 137.0 / 60, 0.05 * 137.0 / 60, 0.05 * 137.0 / 60,
		                     0.2 * 137.0 / 60, 0.05 * 137.0 / 60 };
	double out[5], inplace[5] = { 0.01, 0.04, 0.03, 0.2, 0.04 }, bad = 1.5, one = 0.3;
	enum fb_stats_adjust m;
	struct fb_error err;
	size_t i;

	CHECK(fb_stats_p_adjust(p, 5, FB_STATS_ADJUST_HOCHBERG, out, &err) == 0);
	for (i = 0; i < 5; i++)
		CHECK_REL(out[i], hochberg[i]);
	CHECK(fb_stats_p_adjust(p, 5, FB_STATS_ADJUST_BY, out, &err) == 0);
	for (i = 0; i < 5; i++)
		CHECK_REL(out[i], fmin(1, by[i]));
	/* In place, with tied p-values. */
	CHECK(fb_stats_p_adjust(inplace, 5, FB_STATS_ADJUST_HOLM, inplace, &err) == 0);
	CHECK_REL(inplace[0], 0.05);
	CHECK_REL(inplace[1], 0.12);
	CHECK_REL(inplace[2], 0.12);
	CHECK_REL(inplace[3], 0.2);
	CHECK_REL(inplace[4], 0.12);
	/* A single p-value comes back unchanged, as in R. */
	CHECK(fb_stats_p_adjust(&one, 1, FB_STATS_ADJUST_BONFERRONI, &one, &err) == 0);
	CHECK(one == 0.3);
	CHECK(fb_stats_p_adjust(&bad, 1, FB_STATS_ADJUST_HOLM, out, &err) == -1);
	CHECK(fb_stats_adjust_from_name("fdr", &m, &err) == 0 && m == FB_STATS_ADJUST_BH);
	CHECK(fb_stats_adjust_from_name("sidak", &m, &err) == -1);
}

static void test_bayes(void)
{
	struct fb_stats_count a = { 100, 20 }, b = { 100, 30 }, empty = { 0, 0 };
	struct fb_stats_count fa = { 100, 80 }, fb = { 100, 70 };
	struct fb_error err;
	double p, q;

	/* A half prior on α forces the sum over the whole-number β. */
	CHECK(fb_stats_prob_b_better(&a, &b, 0.5, 1, &p, &err) == 0);
	CHECK_REL(p, 0.94889769975668958);
	CHECK(fb_stats_prob_b_better(&b, &a, 0.5, 1, &q, &err) == 0);
	CHECK_REL(p + q, 1);
	/* Swapping successes and failures mirrors the probability. */
	CHECK(fb_stats_prob_b_better(&a, &b, 1, 1, &p, &err) == 0);
	CHECK(fb_stats_prob_b_better(&fa, &fb, 1, 1, &q, &err) == 0);
	CHECK_REL(p + q, 1);
	CHECK(fb_stats_prob_b_better(&empty, &b, 1, 1, &p, &err) == -1);
	CHECK(fb_stats_prob_b_better(&a, &b, 0.5, 0.5, &p, &err) == -1);
	CHECK(fb_stats_prob_b_better(&a, &b, 0, 1, &p, &err) == -1);
}

int main(void)
{
	fb_alloc_init("t_stats_edge");
	RUN(test_moments);
	RUN(test_t_small_samples);
	RUN(test_t_degenerate);
	RUN(test_options);
	RUN(test_proportions_edges);
	RUN(test_one_sided_counts);
	RUN(test_fisher_roots);
	RUN(test_mcnemar_and_gof);
	RUN(test_rank_exact);
	RUN(test_rank_exact_tail);
	RUN(test_rank_ties);
	RUN(test_power);
	RUN(test_adjust);
	RUN(test_bayes);
	return CHECK_DONE();
}
