/* Bootstrap intervals (lib/fb_stats_boot.c). The references come from
 * scipy 1.10.1 (Debian's python3-scipy), computed once by the script in the
 * comment of each test: the BCa steps exactly, given the same replicates;
 * the whole bootstrap, whose generator differs, within its Monte Carlo
 * error. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fb_stats.h"

static const double xa[] = { 2.1, 3.4, 1.9, 5.6, 2.2, 8.9, 3.0, 2.7, 4.1, 1.5, 12.3, 2.8 };
static const double xb[] = { 3.3, 4.1, 2.5, 9.8, 3.9, 15.2, 4.4, 3.1,
	                     6.0, 2.2, 5.5, 3.7, 7.9, 4.8,  20.1 };
#define NA (sizeof xa / sizeof xa[0])
#define NB (sizeof xb / sizeof xb[0])

/* rng = np.random.default_rng(7);
 * reps = np.round(rng.normal(3.0, 1.2, 40) + rng.exponential(0.5, 40), 6) */
static const double reps40[] = {
	4.538905, 4.060706, 4.568741,  2.805339, 3.575915, 1.882497, 3.223449, 4.727646,
	2.983475, 2.867057, 3.651419,  3.620192, 3.66044,  1.917789, 3.013998, 4.270068,
	2.323943, 3.799037, 1.07158,   2.105591, 1.171691, 3.18642,  1.551488, 4.573016,
	3.630241, 3.213289, -0.006935, 2.896089, 3.472727, 3.668073, 1.448253, 3.108511,
	2.612611, 2.354406, 4.448649,  2.8809,   3.297263, 4.436654, 2.355403, 2.988502,
};
#define B40 (sizeof reps40 / sizeof reps40[0])

/* Every figure the bootstrap fills is the same, to the bit. */
static int same(const struct fb_stats_result *r1, const struct fb_stats_boot_info *i1,
                const struct fb_stats_result *r2, const struct fb_stats_boot_info *i2)
{
	return r1->ci_low == r2->ci_low && r1->ci_high == r2->ci_high &&
	       r1->p_value == r2->p_value && r1->estimate == r2->estimate &&
	       r1->std_error == r2->std_error && i1->pct_low == i2->pct_low &&
	       i1->pct_high == i2->pct_high && i1->z0 == i2->z0 && i1->accel == i2->accel;
}

static struct fb_stats_boot_opts opts(uint64_t b, unsigned long seed, double cl)
{
	struct fb_stats_boot_opts o = { b, seed, cl, FB_STATS_TWO_SIDED };

	return o;
}

/* The acceleration is the jackknife's, which draws no random numbers:
 * scipy.stats._resampling._bca_interval((a, b), lambda x, y, axis=-1:
 * np.mean(y, axis=axis) - np.mean(x, axis=axis), -1, 0.025, reps, None)
 * gives a_hat = 0.024769393210093551. */
static void test_acceleration(void)
{
	struct fb_stats_boot_opts o = opts(1000, 1, 0.95);
	struct fb_stats_result r;
	struct fb_stats_boot_info info;

	CHECK(fb_stats_boot_means(xa, NULL, NA, xb, NULL, NB, &o, &r, &info, NULL) == 0);
	CHECK_NEAR(info.accel, 0.024769393210093551, 1e-15);
	CHECK_NEAR(r.estimate, 2.2250000000000005, 1e-14);
	CHECK_NEAR(r.estimate_a, 4.208333333333333, 1e-14);
	CHECK_NEAR(r.estimate_b, 6.4333333333333336, 1e-14);
}

/* The BCa and percentile steps on given replicates, against the same
 * _bca_interval and np.percentile(reps, alpha_1 * 100) etc. */
static void test_interval_exact(void)
{
	double reps[B40];
	struct fb_stats_result r;
	struct fb_stats_boot_info info;

	memcpy(reps, reps40, sizeof reps);
	CHECK(fb_stats_boot_interval(2.2250000000000005, reps, B40, 0.024769393210093551, 0.95,
	                             FB_STATS_TWO_SIDED, &r, &info, NULL) == 0);
	CHECK_NEAR(info.z0, -0.84162123357291418, 1e-14);
	CHECK_NEAR(r.ci_low, 0.0043661109875685403, 1e-13);
	CHECK_NEAR(r.ci_high, 3.4960519748482004, 1e-13);
	CHECK_NEAR(info.pct_low, 1.0446171250000009, 1e-13);
	CHECK_NEAR(info.pct_high, 4.5768817500000001, 1e-13);
	/* The replicates are sorted now. */
	CHECK(reps[0] == -0.006935 && reps[B40 - 1] == 4.727646);

	memcpy(reps, reps40, sizeof reps);
	CHECK(fb_stats_boot_interval(2.2250000000000005, reps, B40, 0.024769393210093551, 0.90,
	                             FB_STATS_TWO_SIDED, &r, &info, NULL) == 0);
	CHECK_NEAR(r.ci_low, 0.023630292907392582, 1e-13);
	CHECK_NEAR(r.ci_high, 3.1206985942507792, 1e-13);
	CHECK_NEAR(info.pct_low, 1.1666854499999999, 1e-13);
	CHECK_NEAR(info.pct_high, 4.5689547500000005, 1e-13);

	/* One-sided: the bound of level 1 − conf_level on its side only. */
	memcpy(reps, reps40, sizeof reps);
	CHECK(fb_stats_boot_interval(2.2250000000000005, reps, B40, 0.024769393210093551, 0.95,
	                             FB_STATS_GREATER, &r, &info, NULL) == 0);
	CHECK_NEAR(info.pct_low, 1.1666854499999999, 1e-13);
	CHECK(isinf(r.ci_high) && r.ci_high > 0 && isinf(info.pct_high));
	CHECK_NEAR(r.ci_low, 0.023630292907392582, 1e-13);
}

/* The p-value inverts the BCa interval. With a = 0 and replicates
 * symmetric about the estimate (z0 = 0) it is the percentile p-value: the
 * share G of replicates below 0, for "greater". In general z* = w / (1 +
 * a w) − z0 with w = Φ⁻¹(G) − z0. */
static void test_p_value(void)
{
	double reps[10], reps2[B40];
	struct fb_stats_result r;
	struct fb_stats_boot_info info;
	size_t i;

	for (i = 0; i < 10; i++)
		reps[i] = (double)i - 1.5; /* 2 of 10 below 0, symmetric about 3 */
	CHECK(fb_stats_boot_interval(3, reps, 10, 0, 0.95, FB_STATS_GREATER, &r, &info, NULL) == 0);
	CHECK(info.z0 == 0);
	CHECK_NEAR(r.p_value, 0.2, 1e-15);
	CHECK(fb_stats_boot_interval(3, reps, 10, 0, 0.95, FB_STATS_LESS, &r, &info, NULL) == 0);
	CHECK_NEAR(r.p_value, 0.8, 1e-15);
	CHECK(fb_stats_boot_interval(3, reps, 10, 0, 0.95, FB_STATS_TWO_SIDED, &r, &info, NULL) ==
	      0);
	CHECK_NEAR(r.p_value, 0.4, 1e-15);
	/* Every replicate above 0: G is taken as 1/(2B). */
	for (i = 0; i < 10; i++)
		reps[i] = (double)i + 1;
	CHECK(fb_stats_boot_interval(5.5, reps, 10, 0, 0.95, FB_STATS_GREATER, &r, &info, NULL) ==
	      0);
	CHECK_NEAR(r.p_value, 0.05, 1e-15);
	/* With bias and acceleration: G = 1/40 (one replicate below 0), z0 =
	 * Φ⁻¹(0.2) as above, a = 0.0247... */
	memcpy(reps2, reps40, sizeof reps2);
	CHECK(fb_stats_boot_interval(2.2250000000000005, reps2, B40, 0.024769393210093551, 0.95,
	                             FB_STATS_TWO_SIDED, &r, &info, NULL) == 0);
	/* from scipy.special import ndtri, ndtr; a = 0.024769393210093551;
	 * z0 = ndtri(0.2); w = ndtri(1/40) - z0; zs = w/(1 + a*w) - z0;
	 * 2*min(ndtr(zs), ndtr(-zs)) */
	CHECK_NEAR(r.p_value, 0.75763879578116267, 1e-14);
}

/* The same seed gives the same figures, another seed others; a unit of two
 * records with twice the value is the same as one record of the value
 * (resampling units), to the bit. */
static void test_determinism_and_units(void)
{
	struct fb_stats_boot_opts o = opts(2000, 42, 0.95);
	struct fb_stats_result r1, r2, r3;
	struct fb_stats_boot_info i1, i2, i3;
	double ya[NA], na[NA], yb[NB], nb[NB];
	size_t i;

	CHECK(fb_stats_boot_means(xa, NULL, NA, xb, NULL, NB, &o, &r1, &i1, NULL) == 0);
	CHECK(fb_stats_boot_means(xa, NULL, NA, xb, NULL, NB, &o, &r2, &i2, NULL) == 0);
	CHECK(same(&r1, &i1, &r2, &i2));
	for (i = 0; i < NA; i++) {
		ya[i] = 2 * xa[i];
		na[i] = 2;
	}
	for (i = 0; i < NB; i++) {
		yb[i] = 2 * xb[i];
		nb[i] = 2;
	}
	CHECK(fb_stats_boot_means(ya, na, NA, yb, nb, NB, &o, &r3, &i3, NULL) == 0);
	CHECK(same(&r1, &i1, &r3, &i3));
	o.seed = 43;
	CHECK(fb_stats_boot_means(xa, NULL, NA, xb, NULL, NB, &o, &r2, &i2, NULL) == 0);
	CHECK(r1.ci_low != r2.ci_low && r1.estimate == r2.estimate);
}

/* The whole bootstrap against scipy.stats.bootstrap((a, b), stat,
 * n_resamples=200000, method='BCa', random_state=1): BCa [-0.4950,
 * 5.6533], percentile [-0.7000, 5.3867], standard error 1.55344. The
 * generators differ, so the check is within the Monte Carlo error of an
 * end point with 200000 resamples (about 0.01 here; 0.05 allowed). */
static void test_against_scipy(void)
{
	struct fb_stats_boot_opts o = opts(200000, 1, 0.95);
	struct fb_stats_result r;
	struct fb_stats_boot_info info;

	CHECK(fb_stats_boot_means(xa, NULL, NA, xb, NULL, NB, &o, &r, &info, NULL) == 0);
	CHECK_NEAR(r.ci_low, -0.49500000000000166, 0.05);
	CHECK_NEAR(r.ci_high, 5.6533333333333342, 0.05);
	CHECK_NEAR(info.pct_low, -0.70004166666666101, 0.05);
	CHECK_NEAR(info.pct_high, 5.3866666666666658, 0.05);
	CHECK_NEAR(r.std_error, 1.5534432277001999, 0.01);
}

/* For a large normal sample the BCa, percentile and Welch intervals come
 * together: z0 and a tend to 0 and the replicates to N(d, se²). */
static void test_large_sample(void)
{
	struct fb_stats_boot_opts o = opts(4000, 7, 0.95);
	struct fb_stats_moments ma = FB_STATS_MOMENTS_INIT, mb = FB_STATS_MOMENTS_INIT;
	struct fb_stats_result r, t;
	struct fb_stats_boot_info info;
	double *a = malloc(2000 * sizeof *a), *b = malloc(2000 * sizeof *b), u1, u2;
	size_t i;

	/* Deterministic normal values: Box–Muller on a lattice. */
	for (i = 0; i < 2000; i++) {
		u1 = ((double)i + 0.5) / 2000;
		u2 = fmod((double)i * 0.6180339887498949, 1.0);
		a[i] = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
		b[i] = 0.1 + sqrt(-2 * log(u1)) * sin(6.283185307179586 * u2);
		fb_stats_moments_add(&ma, a[i]);
		fb_stats_moments_add(&mb, b[i]);
	}
	CHECK(fb_stats_boot_means(a, NULL, 2000, b, NULL, 2000, &o, &r, &info, NULL) == 0);
	CHECK(fb_stats_welch_t(&ma, &mb, NULL, &t, NULL) == 0);
	CHECK_NEAR(r.ci_low, t.ci_low, 0.01);
	CHECK_NEAR(r.ci_high, t.ci_high, 0.01);
	CHECK_NEAR(info.pct_low, t.ci_low, 0.01);
	CHECK_NEAR(r.std_error, t.std_error, 0.002);
	CHECK(fabs(info.accel) < 0.01 && fabs(info.z0) < 0.1);
	CHECK_NEAR(r.p_value, t.p_value, 0.02);
	free(a);
	free(b);
}

static void test_errors(void)
{
	struct fb_stats_boot_opts o = opts(100, 1, 0.95);
	struct fb_stats_result r;
	struct fb_stats_boot_info info;
	struct fb_error err;
	const double c[] = { 1, 1, 1 }, bad[] = { 1, NAN };
	double reps[3] = { 1, 2, 3 };

	CHECK(fb_stats_boot_means(xa, NULL, 1, xb, NULL, NB, &o, &r, &info, &err) < 0);
	CHECK_STR(err.text, "bootstrap needs two units in each arm");
	CHECK(isnan(r.p_value) && isnan(info.accel));
	CHECK(fb_stats_boot_means(c, NULL, 3, c, NULL, 3, &o, &r, &info, &err) < 0);
	CHECK_STR(err.text, "data are constant");
	CHECK(fb_stats_boot_means(bad, NULL, 2, c, NULL, 3, &o, &r, &info, &err) < 0);
	CHECK_STR(err.text, "bootstrap values must be finite and counts positive");
	o.resamples = 1;
	CHECK(fb_stats_boot_means(xa, NULL, NA, xb, NULL, NB, &o, &r, &info, &err) < 0);
	CHECK_STR(err.text, "bootstrap needs two resamples");
	CHECK(fb_stats_boot_interval(10, reps, 3, 0, 0.95, FB_STATS_TWO_SIDED, &r, &info, &err) <
	      0);
	CHECK_STR(err.text, "every bootstrap replicate lies on one side of the estimate");
	CHECK(fb_stats_boot_interval(2, reps, 3, 0, 1.5, FB_STATS_TWO_SIDED, &r, &info, &err) < 0);
}

int main(void)
{
	RUN(test_acceleration);
	RUN(test_interval_exact);
	RUN(test_p_value);
	RUN(test_determinism_and_units);
	RUN(test_against_scipy);
	RUN(test_large_sample);
	RUN(test_errors);
	return CHECK_DONE();
}
