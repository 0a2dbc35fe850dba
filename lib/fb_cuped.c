#include "fb_cuped.h"

#include <math.h>

/* The moments of Y' = Y − θ (X − X̄) of one arm, from its moments of Y and
 * X: the mean moves by θ times the arm's imbalance, and the sum of squares
 * is that of Y − θ X. */
static void adjust(const struct fb_stats_ratio *r, double theta, double mean_x,
                   struct fb_stats_moments *out)
{
	out->n = r->k;
	out->mean = r->k ? r->mean_y - theta * (r->mean_n - mean_x) : 0;
	/* Rounding may leave a tiny negative value where it is 0. */
	out->m2 = fmax(0, r->m2_y - 2 * theta * r->c_yn + theta * theta * r->m2_n);
}

int fb_cuped_moments(const struct fb_stats_ratio *a, const struct fb_stats_ratio *b,
                     struct fb_stats_moments *adj_a, struct fb_stats_moments *adj_b, double *theta,
                     double *mean_x, struct fb_error *err)
{
	struct fb_stats_ratio pooled = *a;

	fb_stats_ratio_merge(&pooled, b);
	if (pooled.k == 0) {
		fb_error_set(err, 0, 0, "no values");
		return -1;
	}
	if (!(pooled.m2_n > 0)) {
		fb_error_set(err, 0, 0, "the covariate is constant");
		return -1;
	}
	*theta = pooled.c_yn / pooled.m2_n;
	*mean_x = pooled.mean_n;
	adjust(a, *theta, *mean_x, adj_a);
	adjust(b, *theta, *mean_x, adj_b);
	return 0;
}

/* Adds an arm's units to the sums of n, n x and y. */
static void totals(const struct fb_cuped_units *u, double *n, double *nx, double *y)
{
	size_t i;

	for (i = 0; i < u->k; i++) {
		*n += u->n[i];
		*nx += u->n[i] * u->x[i];
		*y += u->y[i];
	}
}

/* Adds an arm's units to the co-moments about the records' means. */
static void comoments(const struct fb_cuped_units *u, double mx, double my, double *sxy,
                      double *sxx)
{
	size_t i;
	double d;

	for (i = 0; i < u->k; i++) {
		d = u->x[i] - mx;
		*sxy += d * (u->y[i] - u->n[i] * my);
		*sxx += u->n[i] * d * d;
	}
}

static void adjust_units(const struct fb_cuped_units *u, double theta, double mx,
                         struct fb_stats_ratio *out)
{
	struct fb_stats_ratio init = FB_STATS_RATIO_INIT;
	size_t i;

	*out = init;
	for (i = 0; i < u->k; i++)
		fb_stats_ratio_add(out, u->y[i] - theta * u->n[i] * (u->x[i] - mx), u->n[i]);
}

int fb_cuped_units(const struct fb_cuped_units *a, const struct fb_cuped_units *b,
                   struct fb_stats_ratio *adj_a, struct fb_stats_ratio *adj_b, double *theta,
                   double *mean_x, struct fb_error *err)
{
	double n = 0, nx = 0, y = 0, sxy = 0, sxx = 0;

	totals(a, &n, &nx, &y);
	totals(b, &n, &nx, &y);
	if (a->k + b->k == 0 || !(n > 0)) {
		fb_error_set(err, 0, 0, "no values");
		return -1;
	}
	*mean_x = nx / n;
	comoments(a, *mean_x, y / n, &sxy, &sxx);
	comoments(b, *mean_x, y / n, &sxy, &sxx);
	if (!(sxx > 0)) {
		fb_error_set(err, 0, 0, "the covariate is constant");
		return -1;
	}
	*theta = sxy / sxx;
	adjust_units(a, *theta, *mean_x, adj_a);
	adjust_units(b, *theta, *mean_x, adj_b);
	return 0;
}
