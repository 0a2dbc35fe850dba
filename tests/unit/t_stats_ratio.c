/* lib/fb_stats_ratio: the delta-method variance of a ratio of means over
 * units and the z test of two arms, on a case worked by hand:
 *
 *   arm a, units (y, n): (3, 2) (1, 1) (6, 3) (2, 2)
 *     k = 4, Ybar = 3, Nbar = 2, R = 1.5,
 *     s_y² = 14/3, s_n² = 2/3, s_yn = 5/3,
 *     Var = (14/3 − 2·1.5·5/3 + 1.5²·2/3) / (4·2²) = (7/6) / 16 = 7/96;
 *   arm b, units: (4, 2) (5, 3) (1, 1)
 *     k = 3, Ybar = 10/3, Nbar = 2, R = 5/3,
 *     s_y² = 13/3, s_n² = 1, s_yn = 2,
 *     Var = (13/3 − 2·(5/3)·2 + (25/9)·1) / (3·2²) = (4/9) / 12 = 1/27.
 *
 * The difference is 1/6 with standard error sqrt(7/96 + 1/27); z, p and the
 * interval follow with Python's statistics.NormalDist and math.erfc:
 * se = 0.3315926773975924, z = 0.5026246899500346, p = 0.6152281670802447,
 * 95% interval [−0.4832430385698231, 0.8165763719031566]; "greater" at
 * conf_level 0.9: p = 0.3076140835401224, lower bound −0.2582864481753436. */
#include "check.h"

#include <math.h>

#include "fb_alloc.h"
#include "fb_stats.h"

#define CHECK_REL(got, want) CHECK_NEAR((got), (want), fmax(1e-14, 1e-12 * fabs((double)(want))))

static struct fb_stats_ratio ratio(const double (*u)[2], size_t k)
{
	struct fb_stats_ratio r = FB_STATS_RATIO_INIT;
	size_t i;

	for (i = 0; i < k; i++)
		fb_stats_ratio_add(&r, u[i][0], u[i][1]);
	return r;
}

static const double arm_a[][2] = { { 3, 2 }, { 1, 1 }, { 6, 3 }, { 2, 2 } };
static const double arm_b[][2] = { { 4, 2 }, { 5, 3 }, { 1, 1 } };

static void test_ratio_var(void)
{
	struct fb_stats_ratio a = ratio(arm_a, 4), b = ratio(arm_b, 3);
	double r, v;

	CHECK(a.k == 4);
	CHECK_REL(a.m2_y / 3, 14.0 / 3);
	CHECK_REL(a.m2_n / 3, 2.0 / 3);
	CHECK_REL(a.c_yn / 3, 5.0 / 3);
	CHECK(fb_stats_ratio_var(&a, &r, &v, NULL) == 0);
	CHECK_REL(r, 1.5);
	CHECK_REL(v, 7.0 / 96);
	CHECK(fb_stats_ratio_var(&b, &r, &v, NULL) == 0);
	CHECK_REL(r, 5.0 / 3);
	CHECK_REL(v, 1.0 / 27);
}

static void test_ratio_z(void)
{
	struct fb_stats_ratio a = ratio(arm_a, 4), b = ratio(arm_b, 3);
	struct fb_stats_opts opts = FB_STATS_OPTS_DEFAULT;
	struct fb_stats_result res;

	CHECK(fb_stats_ratio_z(&a, &b, &opts, &res, NULL) == 0);
	CHECK_REL(res.estimate, 1.0 / 6);
	CHECK_REL(res.estimate_a, 1.5);
	CHECK_REL(res.estimate_b, 5.0 / 3);
	CHECK_REL(res.std_error, 0.3315926773975924);
	CHECK_REL(res.statistic, 0.5026246899500346);
	CHECK_REL(res.p_value, 0.6152281670802447);
	CHECK_REL(res.ci_low, -0.4832430385698231);
	CHECK_REL(res.ci_high, 0.8165763719031566);
	CHECK(isnan(res.df));
	opts.alternative = FB_STATS_GREATER;
	opts.conf_level = 0.9;
	CHECK(fb_stats_ratio_z(&a, &b, &opts, &res, NULL) == 0);
	CHECK_REL(res.p_value, 0.3076140835401224);
	CHECK_REL(res.ci_low, -0.2582864481753436);
	CHECK(isinf(res.ci_high) && res.ci_high > 0);
}

/* With one record per unit the ratio is the mean and the variance s²/k,
 * the unclustered figure. */
static void test_one_record_per_unit(void)
{
	static const double u[][2] = { { 1, 1 }, { 4, 1 }, { 2, 1 }, { 7, 1 } };
	struct fb_stats_ratio r = ratio(u, 4);
	double q, v;

	CHECK(fb_stats_ratio_var(&r, &q, &v, NULL) == 0);
	CHECK_REL(q, 3.5);
	CHECK_REL(v, 7.0 / 4);
}

static void test_ratio_degenerate(void)
{
	static const double one[][2] = { { 3, 2 } };
	static const double same[][2] = { { 2, 2 }, { 3, 3 }, { 1, 1 } };
	struct fb_stats_ratio a = ratio(one, 1), b = ratio(arm_b, 3), c = ratio(same, 3);
	struct fb_stats_result res;
	struct fb_error err;
	double q, v;

	CHECK(fb_stats_ratio_var(&a, &q, &v, &err) < 0);
	CHECK_STR(err.text, "delta method needs two units in each arm");
	CHECK(fb_stats_ratio_z(&a, &b, NULL, &res, &err) < 0);
	CHECK(isnan(res.p_value));
	/* Every record 1: no variance in either arm. */
	CHECK(fb_stats_ratio_z(&c, &c, NULL, &res, &err) < 0);
	CHECK_STR(err.text, "data are essentially constant");
}

int main(void)
{
	fb_alloc_init("t_stats_ratio");
	RUN(test_ratio_var);
	RUN(test_ratio_z);
	RUN(test_one_record_per_unit);
	RUN(test_ratio_degenerate);
	return CHECK_DONE();
}
