/* Ratio metrics over clusters: the per-record mean of an arm whose units
 * (users) hold several records, with the delta-method variance of a ratio
 * of means (Deng, Lu and Litz, "Applying the Delta Method in Metric
 * Analytics", KDD 2018), and the z test of two arms. */
#include "fb_stats_impl.h"

#include <float.h>
#include <math.h>

#include <gsl/gsl_cdf.h>

void fb_stats_ratio_add(struct fb_stats_ratio *r, double y, double n)
{
	double dy = y - r->mean_y, dn = n - r->mean_n;

	/* Welford's update, with the co-moment of y and n. */
	r->k++;
	r->mean_y += dy / (double)r->k;
	r->mean_n += dn / (double)r->k;
	r->m2_y += dy * (y - r->mean_y);
	r->m2_n += dn * (n - r->mean_n);
	r->c_yn += dy * (n - r->mean_n);
}

void fb_stats_ratio_merge(struct fb_stats_ratio *r, const struct fb_stats_ratio *other)
{
	double na, nb, n, dy, dn;

	if (other->k == 0)
		return;
	if (r->k == 0) {
		*r = *other;
		return;
	}
	na = (double)r->k;
	nb = (double)other->k;
	n = na + nb;
	dy = other->mean_y - r->mean_y;
	dn = other->mean_n - r->mean_n;
	r->mean_y += dy * (nb / n);
	r->mean_n += dn * (nb / n);
	r->m2_y += other->m2_y + dy * dy * (na * nb / n);
	r->m2_n += other->m2_n + dn * dn * (na * nb / n);
	r->c_yn += other->c_yn + dy * dn * (na * nb / n);
	r->k += other->k;
}

int fb_stats_ratio_var(const struct fb_stats_ratio *r, double *ratio, double *var,
                       struct fb_error *err)
{
	double k = (double)r->k, q, s_y, s_n, s_yn;

	if (r->k < 2) {
		fb_error_set(err, 0, 0, "delta method needs two units in each arm");
		return -1;
	}
	if (!(r->mean_n > 0)) {
		fb_error_set(err, 0, 0, "delta method needs a positive mean count per unit");
		return -1;
	}
	q = r->mean_y / r->mean_n;
	s_y = r->m2_y / (k - 1);
	s_n = r->m2_n / (k - 1);
	s_yn = r->c_yn / (k - 1);
	*ratio = q;
	/* Rounding may leave a tiny negative value where it is 0. */
	*var = fmax(0, (s_y - 2 * q * s_yn + q * q * s_n) / (k * r->mean_n * r->mean_n));
	return 0;
}

int fb_stats_ratio_z(const struct fb_stats_ratio *a, const struct fb_stats_ratio *b,
                     const struct fb_stats_opts *opts, struct fb_stats_result *res,
                     struct fb_error *err)
{
	const struct fb_stats_opts *o = fb_stats_opts_check(opts, err);
	double ra, rb, va, vb, se, d, q;

	fb_stats_result_clear(res);
	if (!o || fb_stats_ratio_var(a, &ra, &va, err) < 0 ||
	    fb_stats_ratio_var(b, &rb, &vb, err) < 0)
		return -1;
	se = sqrt(va + vb);
	d = rb - ra;
	if (!(se > 10 * DBL_EPSILON * fmax(fabs(ra), fabs(rb))) || !isfinite(se)) {
		fb_error_set(err, 0, 0, "data are essentially constant");
		return -1;
	}
	res->estimate = d;
	res->estimate_a = ra;
	res->estimate_b = rb;
	res->std_error = se;
	res->statistic = d / se;
	res->p_value = fb_stats_normal_p(res->statistic, o->alternative);
	if (o->alternative == FB_STATS_TWO_SIDED) {
		q = gsl_cdf_ugaussian_Pinv((1 + o->conf_level) / 2);
		res->ci_low = d - q * se;
		res->ci_high = d + q * se;
	} else {
		q = gsl_cdf_ugaussian_Pinv(o->conf_level);
		res->ci_low = o->alternative == FB_STATS_LESS ? -INFINITY : d - q * se;
		res->ci_high = o->alternative == FB_STATS_LESS ? d + q * se : INFINITY;
	}
	return 0;
}
