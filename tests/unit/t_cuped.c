/* Unit tests of lib/fb_cuped (and the merge of fb_stats_ratio it relies
 * on), on cases worked by hand.
 *
 * Records: arm a (y, x) = (1, 1) (2, 2) (2.5, 3), arm b (2, 1) (3, 2)
 * (5, 4). Pooled, Sxx = 35 − 13²/6 = 41/6, Sxy = 40.5 − 13 · 15.5/6 =
 * 41.5/6, theta = 83/82 and xbar = 13/6. Arm a: mean 11/6 − theta (2 −
 * 13/6) = 11/6 + theta/6; M2 of y 7/6, of x 2, co-moment 3/2, so the
 * adjusted M2 is 7/6 − 3 theta + 2 theta². Arm b: mean 10/3 − theta/6.
 *
 * Units (y, n, x): a (3, 2, 1) (2, 1, 2), b (6, 2, 1) (4, 1, 3). Over the
 * six records xbar = 9/6 = 1.5 and ybar = 15/6 = 2.5; Sxy = (−0.5)(3 − 5)
 * + (0.5)(2 − 2.5) + (−0.5)(6 − 5) + (1.5)(4 − 2.5) = 2.5 and Sxx = 2 ·
 * 0.25 + 0.25 + 2 · 0.25 + 2.25 = 3.5: theta = 5/7. The adjusted sums
 * y − theta n (x − 1.5) are 3 + 5/7, 2 − 5/14, 6 + 5/7 and 4 − 15/14. */
#include "check.h"

#include <math.h>

#include "fb_alloc.h"
#include "fb_cuped.h"

#define CHECK_REL(got, want) CHECK_NEAR((got), (want), fmax(1e-14, 1e-12 * fabs((double)(want))))

static const double ra[][2] = { { 1, 1 }, { 2, 2 }, { 2.5, 3 } };
static const double rb[][2] = { { 2, 1 }, { 3, 2 }, { 5, 4 } };

static struct fb_stats_ratio moments(const double (*p)[2], size_t n)
{
	struct fb_stats_ratio r = FB_STATS_RATIO_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		fb_stats_ratio_add(&r, p[i][0], p[i][1]);
	return r;
}

static void test_records(void)
{
	struct fb_stats_ratio a = moments(ra, 3), b = moments(rb, 3);
	struct fb_stats_moments ma, mb;
	struct fb_error err;
	double theta, mean_x, t = 83.0 / 82;

	CHECK(fb_cuped_moments(&a, &b, &ma, &mb, &theta, &mean_x, &err) == 0);
	CHECK_REL(theta, t);
	CHECK_REL(mean_x, 13.0 / 6);
	CHECK(ma.n == 3 && mb.n == 3);
	CHECK_REL(ma.mean, 11.0 / 6 + t / 6);
	CHECK_REL(mb.mean, 10.0 / 3 - t / 6);
	CHECK_REL(ma.m2, 7.0 / 6 - 3 * t + 2 * t * t);
}

static void test_errors(void)
{
	static const double flat[][2] = { { 1, 2 }, { 3, 2 } };
	struct fb_stats_ratio a = moments(flat, 2), e = FB_STATS_RATIO_INIT;
	struct fb_stats_moments ma, mb;
	struct fb_error err;
	double theta, mean_x, one = 1;
	struct fb_cuped_units u = { &one, &one, &one, 1 };
	struct fb_stats_ratio adj[2];

	CHECK(fb_cuped_moments(&a, &a, &ma, &mb, &theta, &mean_x, &err) == -1);
	CHECK_STR(err.text, "the covariate is constant");
	CHECK(fb_cuped_moments(&e, &e, &ma, &mb, &theta, &mean_x, &err) == -1);
	CHECK_STR(err.text, "no values");
	CHECK(fb_cuped_units(&u, &u, &adj[0], &adj[1], &theta, &mean_x, &err) == -1);
	CHECK_STR(err.text, "the covariate is constant");
}

static void test_units(void)
{
	static const double ya[] = { 3, 2 }, na[] = { 2, 1 }, xa[] = { 1, 2 };
	static const double yb[] = { 6, 4 }, nb[] = { 2, 1 }, xb[] = { 1, 3 };
	struct fb_cuped_units a = { ya, na, xa, 2 }, b = { yb, nb, xb, 2 };
	struct fb_stats_ratio adj_a, adj_b;
	struct fb_error err;
	double theta, mean_x;

	CHECK(fb_cuped_units(&a, &b, &adj_a, &adj_b, &theta, &mean_x, &err) == 0);
	CHECK_REL(theta, 5.0 / 7);
	CHECK_REL(mean_x, 1.5);
	CHECK(adj_a.k == 2 && adj_b.k == 2);
	CHECK_REL(adj_a.mean_y, (3 + 5.0 / 7 + 2 - 5.0 / 14) / 2);
	CHECK_REL(adj_b.mean_y, (6 + 5.0 / 7 + 4 - 15.0 / 14) / 2);
	CHECK_REL(adj_a.mean_n, 1.5);
}

/* Merging two parts' moments equals adding all pairs. */
static void test_ratio_merge(void)
{
	struct fb_stats_ratio all = moments(ra, 3), part = moments(ra, 1),
	                      rest = moments(ra + 1, 2);
	struct fb_stats_ratio empty = FB_STATS_RATIO_INIT, e2 = FB_STATS_RATIO_INIT;

	fb_stats_ratio_add(&all, 2, 1);
	fb_stats_ratio_add(&rest, 2, 1);
	fb_stats_ratio_merge(&part, &rest);
	CHECK(part.k == all.k);
	CHECK_REL(part.mean_y, all.mean_y);
	CHECK_REL(part.mean_n, all.mean_n);
	CHECK_REL(part.m2_y, all.m2_y);
	CHECK_REL(part.m2_n, all.m2_n);
	CHECK_REL(part.c_yn, all.c_yn);
	/* With an empty side, the other as it is. */
	fb_stats_ratio_merge(&empty, &all);
	CHECK(empty.k == all.k && empty.c_yn == all.c_yn);
	fb_stats_ratio_merge(&empty, &e2);
	CHECK(empty.k == all.k && empty.m2_y == all.m2_y);
}

int main(void)
{
	fb_alloc_init("t_cuped");
	RUN(test_records);
	RUN(test_errors);
	RUN(test_units);
	RUN(test_ratio_merge);
	return CHECK_DONE();
}
