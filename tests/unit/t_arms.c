/* Unit tests of lib/fb_arms: names and cells in the order first seen, the
 * per-arm summaries and their merge, pairs, and units with their sums,
 * covariates, contamination and merge. */
#include "check.h"

#include <math.h>
#include <stdlib.h>

#include "fb_alloc.h"
#include "fb_arms.h"

#define CHECK_REL(got, want) CHECK_NEAR((got), (want), fmax(1e-14, 1e-12 * fabs((double)(want))))

static void test_names_and_cells(void)
{
	struct fb_arms *a = fb_arms_new(1, NULL);
	size_t s, v, b;

	CHECK(fb_arms_variant(a, "control", 7) == 0);
	b = fb_arms_variant(a, "new-prompt", 3); /* "new", len counts */
	CHECK(b == 1);
	CHECK(fb_arms_variant(a, "control", 7) == 0);
	CHECK(fb_arms_find_variant(a, "new") == 1);
	CHECK(fb_arms_find_variant(a, "new-prompt") == -1);
	CHECK_STR(fb_arms_variant_name(a, 1), "new");
	CHECK(fb_arms_segment(a, "billing", 7) == 0);
	CHECK(fb_arms_segment(a, "", 0) == 1);
	CHECK(fb_arms_nvariants(a) == 2 && fb_arms_nsegments(a) == 2 && fb_arms_nmetrics(a) == 1);
	/* Cells in the order of their first records. */
	fb_arms_count_record(a, 1, 1);
	fb_arms_count_record(a, 0, 0);
	fb_arms_count_record(a, 1, 1);
	fb_arms_add_records(a, 0, 1, 5);
	CHECK(fb_arms_ncells(a) == 3);
	fb_arms_cell(a, 0, &s, &v);
	CHECK(s == 1 && v == 1);
	fb_arms_cell(a, 2, &s, &v);
	CHECK(s == 0 && v == 1);
	CHECK(fb_arms_records(a, 1, 1) == 2);
	CHECK(fb_arms_records(a, 1, 0) == 0);
	CHECK(fb_arms_records_total(a, 1) == 7);
	/* An arm with nothing added is empty. */
	CHECK(fb_arms_get(a, 1, 0, 0)->moments.n == 0);
	CHECK(fb_arms_get(a, 1, 1, 0)->count.n == 0);
	fb_arms_free(a);
}

static void test_summaries(void)
{
	static const double x[] = { 1, 0, 1, 1, 0.5 };
	int keep[2] = { 0, 1 };
	struct fb_arms *a = fb_arms_new(2, keep), *b = fb_arms_new(2, NULL);
	struct fb_stats_count c = { 0, 0 };
	struct fb_stats_moments m = FB_STATS_MOMENTS_INIT;
	const struct fb_arm *arm;
	size_t i;

	for (i = 0; i < 5; i++) {
		fb_arms_add(a, 0, 0, 0, x[i]);
		fb_arms_add(a, 0, 0, 1, x[i]);
	}
	arm = fb_arms_get(a, 0, 0, 0);
	CHECK(arm->count.n == 5 && arm->count.successes == 4);
	CHECK(arm->moments.n == 5);
	CHECK_REL(arm->moments.mean, 0.7);
	CHECK_REL(arm->moments.m2, 0.8); /* 0.09 + 0.49 + 0.09 + 0.09 + 0.04 */
	CHECK(arm->values == NULL && arm->nvalues == 0);
	arm = fb_arms_get(a, 0, 0, 1);
	CHECK(arm->nvalues == 5 && arm->values[4] == 0.5);
	/* Merging the summary of two parts equals adding their values. */
	for (i = 0; i < 2; i++) {
		c.n++;
		c.successes += x[i] != 0;
		fb_stats_moments_add(&m, x[i]);
	}
	fb_arms_merge(b, 0, 0, 0, &c, &m);
	c.n = c.successes = 0;
	m = (struct fb_stats_moments)FB_STATS_MOMENTS_INIT;
	for (i = 2; i < 5; i++) {
		c.n++;
		c.successes += x[i] != 0;
		fb_stats_moments_add(&m, x[i]);
	}
	fb_arms_merge(b, 0, 0, 0, &c, &m);
	arm = fb_arms_get(b, 0, 0, 0);
	CHECK(arm->count.n == 5 && arm->count.successes == 4);
	CHECK_REL(arm->moments.mean, 0.7);
	CHECK_REL(arm->moments.m2, 0.8);
	fb_arms_free(a);
	fb_arms_free(b);
}

/* Pairs (x, y) by hand: (1, 2) (3, 2) (2, 5): means 2 and 3, M2 of x 2,
 * of y 6, co-moment (−1)(−1) + (1)(−1) + (0)(2) = 0. */
static void test_xy(void)
{
	static const double p[][2] = { { 1, 2 }, { 3, 2 }, { 2, 5 } };
	struct fb_arms *a = fb_arms_new(1, NULL), *b = fb_arms_new(1, NULL);
	struct fb_arms *c = fb_arms_new(1, NULL);
	const struct fb_arm *arm;
	size_t i;

	for (i = 0; i < 3; i++) {
		fb_arms_add_xy(a, 0, 0, 0, p[i][0], p[i][1]);
		fb_arms_add_xy(i < 1 ? b : c, 0, 0, 0, p[i][0], p[i][1]);
	}
	arm = fb_arms_get(a, 0, 0, 0);
	CHECK(arm->xy.k == 3 && arm->moments.n == 3 && arm->count.n == 3);
	CHECK_REL(arm->xy.mean_y, 2);
	CHECK_REL(arm->xy.mean_n, 3);
	CHECK_REL(arm->xy.m2_y, 2);
	CHECK_REL(arm->xy.m2_n, 6);
	CHECK_NEAR(arm->xy.c_yn, 0, 1e-14);
	CHECK_REL(arm->moments.mean, 2);
	/* Two parts merged: the same moments. */
	fb_arms_merge_xy(b, 0, 0, 0, &fb_arms_get(c, 0, 0, 0)->xy);
	arm = fb_arms_get(b, 0, 0, 0);
	CHECK(arm->xy.k == 3);
	CHECK_REL(arm->xy.mean_n, 3);
	CHECK_REL(arm->xy.m2_n, 6);
	CHECK_NEAR(arm->xy.c_yn, 0, 1e-14);
	fb_arms_free(a);
	fb_arms_free(b);
	fb_arms_free(c);
}

static void test_pairs(void)
{
	struct fb_arms *a = fb_arms_new(2, NULL);
	double v1[2] = { 1, NAN }, v2[2] = { 3, 4 }, v3[2] = { 5, 6 }, *ctl, *var;
	uint64_t unpaired, pairs, incomplete;
	size_t n;

	fb_arms_variant(a, "a", 1);
	fb_arms_variant(a, "b", 1);
	CHECK(fb_arms_pair_add(a, 0, "p1", 2, 0, v1) == 0);
	CHECK(fb_arms_pair_add(a, 0, "p1", 2, 1, v2) == 0);
	CHECK(fb_arms_pair_add(a, 0, "p1", 2, 1, v3) == -1);
	CHECK(fb_arms_pair_add(a, 0, "p2", 2, 0, v3) == 0);
	CHECK(fb_arms_pair_add(a, 0, "p3", 2, 1, v2) == 0);
	n = fb_arms_pairs(a, 0, 0, 1, 0, &ctl, &var, &unpaired);
	CHECK(n == 1 && ctl[0] == 1 && var[0] == 3 && unpaired == 2);
	free(ctl);
	free(var);
	/* Metric 1 has no value for p1 under a. */
	n = fb_arms_pairs(a, 0, 0, 1, 1, &ctl, &var, &unpaired);
	CHECK(n == 0 && unpaired == 2);
	free(ctl);
	free(var);
	fb_arms_pair_counts(a, &pairs, &incomplete);
	CHECK(pairs == 3 && incomplete == 2);
	fb_arms_free(a);
}

/* Units: u1 (variant 0) with records 2 and 4, u2 (variant 0) with 3, u3
 * (variant 1) with 5 and a record without a value, u4 seen under both. */
static struct fb_arms *some_units(void)
{
	struct fb_arms *a = fb_arms_new(1, NULL);
	double x;

	fb_arms_variant(a, "a", 1);
	fb_arms_variant(a, "b", 1);
	x = 2;
	fb_arms_unit_add(a, 0, "u1", 2, 0, &x, NULL, 1.5);
	x = 3;
	fb_arms_unit_add(a, 0, "u2", 2, 0, &x, NULL, 0.5);
	x = 1;
	fb_arms_unit_add(a, 0, "u4", 2, 0, &x, NULL, 2);
	x = 4;
	fb_arms_unit_add(a, 0, "u1", 2, 0, &x, NULL, 1.5);
	x = 5;
	fb_arms_unit_add(a, 0, "u3", 2, 1, &x, NULL, 3);
	x = NAN;
	fb_arms_unit_add(a, 0, "u3", 2, 1, &x, NULL, 3);
	x = 7;
	fb_arms_unit_add(a, 0, "u4", 2, 1, &x, NULL, 2);
	return a;
}

static void test_units(void)
{
	struct fb_arms *a = some_units();
	struct fb_stats_ratio r;
	struct fb_arms_unit_sums u;
	double *x, *y, *cov, v = 9;
	uint64_t records;
	size_t n;

	CHECK(fb_arms_units_contaminated(a) == 1);
	CHECK(fb_arms_units_total(a, 0) == 2 && fb_arms_units_total(a, 1) == 1);
	fb_arms_units(a, 0, 0, 0, &r, &records);
	CHECK(r.k == 2 && records == 3);
	CHECK_REL(r.mean_y, 4.5); /* (6 + 3) / 2 */
	CHECK_REL(r.mean_n, 1.5);
	n = fb_arms_unit_values(a, 0, 0, 0, &x, &y, &cov);
	CHECK(n == 2 && x[0] == 6 && y[0] == 2 && cov[0] == 1.5 && x[1] == 3 && cov[1] == 0.5);
	free(x);
	free(y);
	free(cov);
	n = fb_arms_unit_values(a, 0, 1, 0, &x, &y, &cov);
	CHECK(n == 1 && x[0] == 5 && y[0] == 1 && cov[0] == 3);
	free(x);
	free(y);
	free(cov);
	/* Another covariate for a unit: refused, nothing added. */
	CHECK(fb_arms_unit_add(a, 0, "u2", 2, 0, &v, NULL, 0.25) == -1);
	fb_arms_units(a, 0, 0, 0, &r, &records);
	CHECK(records == 3);
	/* The sums, for partials, in the order first seen. */
	CHECK(fb_arms_nunit_sums(a) == 4);
	fb_arms_unit_sums(a, 2, &u);
	CHECK(u.len == 2 && memcmp(u.id, "u4", 2) == 0 && u.contaminated && u.variant == 0);
	CHECK(u.sums[0] == 8 && u.sums[1] == 2 && u.sums[2] == 2);
	fb_arms_unit_sums(a, 3, &u);
	CHECK(memcmp(u.id, "u3", 2) == 0 && !u.contaminated && u.covariate == 3);
	CHECK(u.sums[0] == 5 && u.sums[1] == 1 && u.sums[2] == 1);
	fb_arms_free(a);
}

/* A ratio's denominators, and segments: the sums are per segment. */
static void test_unit_ratio(void)
{
	struct fb_arms *a = fb_arms_new(2, NULL);
	double x[2] = { 10, 1 }, d[2] = { 2, 1 };
	struct fb_stats_ratio r;
	uint64_t records;

	fb_arms_variant(a, "a", 1);
	fb_arms_segment(a, "s", 1);
	fb_arms_segment(a, "t", 1);
	fb_arms_unit_add(a, 0, "u", 1, 0, x, d, NAN);
	x[0] = 20;
	d[0] = 3;
	fb_arms_unit_add(a, 0, "u", 1, 0, x, d, NAN);
	fb_arms_unit_add(a, 1, "u", 1, 0, x, d, NAN);
	fb_arms_units(a, 0, 0, 0, &r, &records);
	CHECK(r.k == 1 && records == 2 && r.mean_y == 30 && r.mean_n == 5);
	fb_arms_units(a, 1, 0, 0, &r, &records);
	CHECK(r.k == 1 && records == 1 && r.mean_y == 20 && r.mean_n == 3);
	fb_arms_units(a, 0, 0, 1, &r, &records);
	CHECK(r.k == 1 && records == 2 && r.mean_y == 2 && r.mean_n == 2);
	CHECK(fb_arms_nunit_sums(a) == 2 && fb_arms_units_total(a, 0) == 1);
	fb_arms_free(a);
}

/* Merging the sums of two parts gives the sums of the whole; a unit seen
 * under one variant in each part is contaminated. */
static void test_unit_merge(void)
{
	struct fb_arms *whole = some_units(), *m = fb_arms_new(1, NULL);
	struct fb_arms *p1 = fb_arms_new(1, NULL), *p2 = fb_arms_new(1, NULL);
	struct fb_arms_unit_sums u;
	struct fb_stats_ratio r1, r2;
	uint64_t n1, n2;
	double x;
	size_t i, part;

	for (part = 0; part < 2; part++) {
		struct fb_arms *p = part ? p2 : p1;

		fb_arms_variant(p, "a", 1);
		fb_arms_variant(p, "b", 1);
	}
	x = 2;
	fb_arms_unit_add(p1, 0, "u1", 2, 0, &x, NULL, 1.5);
	x = 3;
	fb_arms_unit_add(p1, 0, "u2", 2, 0, &x, NULL, 0.5);
	x = 1;
	fb_arms_unit_add(p1, 0, "u4", 2, 0, &x, NULL, 2);
	x = 4;
	fb_arms_unit_add(p2, 0, "u1", 2, 0, &x, NULL, 1.5);
	x = 5;
	fb_arms_unit_add(p2, 0, "u3", 2, 1, &x, NULL, 3);
	x = 7;
	fb_arms_unit_add(p2, 0, "u4", 2, 1, &x, NULL, 2);
	CHECK(fb_arms_units_contaminated(p1) == 0 && fb_arms_units_contaminated(p2) == 0);
	fb_arms_variant(m, "a", 1);
	fb_arms_variant(m, "b", 1);
	for (part = 0; part < 2; part++) {
		struct fb_arms *p = part ? p2 : p1;

		for (i = 0; i < fb_arms_nunit_sums(p); i++) {
			fb_arms_unit_sums(p, i, &u);
			CHECK(fb_arms_unit_merge(m, &u) == 0);
		}
	}
	CHECK(fb_arms_units_contaminated(m) == 1);
	CHECK(fb_arms_units_total(m, 0) == 2 && fb_arms_units_total(m, 1) == 1);
	fb_arms_units(whole, 0, 0, 0, &r1, &n1);
	fb_arms_units(m, 0, 0, 0, &r2, &n2);
	CHECK(n1 == n2 && r1.k == r2.k && r1.mean_y == r2.mean_y && r1.m2_y == r2.m2_y);
	/* Another covariate in a later part. */
	fb_arms_unit_sums(p1, 1, &u);
	u.covariate = 9;
	CHECK(fb_arms_unit_merge(m, &u) == -1);
	/* A part's own contamination travels with the unit. */
	fb_arms_unit_sums(whole, 2, &u);
	CHECK(u.contaminated);
	fb_arms_free(p1);
	p1 = fb_arms_new(1, NULL);
	fb_arms_variant(p1, "a", 1);
	CHECK(fb_arms_unit_merge(p1, &u) == 0);
	CHECK(fb_arms_units_contaminated(p1) == 1 && fb_arms_units_total(p1, 0) == 0);
	fb_arms_free(whole);
	fb_arms_free(m);
	fb_arms_free(p1);
	fb_arms_free(p2);
}

int main(void)
{
	fb_alloc_init("t_arms");
	RUN(test_names_and_cells);
	RUN(test_summaries);
	RUN(test_xy);
	RUN(test_pairs);
	RUN(test_units);
	RUN(test_unit_ratio);
	RUN(test_unit_merge);
	return CHECK_DONE();
}
