/* Pieces the stats files share: option checks, name parsing, the normal
 * tails and R's root finder. */
#include "fb_stats_impl.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

void fb_stats_result_clear(struct fb_stats_result *res)
{
	res->statistic = NAN;
	res->df = NAN;
	res->p_value = NAN;
	res->ci_low = NAN;
	res->ci_high = NAN;
	res->estimate = NAN;
	res->estimate_a = NAN;
	res->estimate_b = NAN;
	res->std_error = NAN;
	res->method = 0;
}

const struct fb_stats_opts *fb_stats_opts_check(const struct fb_stats_opts *opts,
                                                struct fb_error *err)
{
	static const struct fb_stats_opts defaults = FB_STATS_OPTS_DEFAULT;

	if (!opts)
		return &defaults;
	if (opts->alternative != FB_STATS_TWO_SIDED && opts->alternative != FB_STATS_LESS &&
	    opts->alternative != FB_STATS_GREATER) {
		fb_error_set(err, 0, 0, "unknown alternative");
		return NULL;
	}
	/* The negated form also refuses NaN. */
	if (!(opts->conf_level > 0 && opts->conf_level < 1)) {
		fb_error_set(err, 0, 0, "confidence level must be between 0 and 1");
		return NULL;
	}
	if (opts->exact != FB_STATS_EXACT_AUTO && opts->exact != FB_STATS_EXACT_NEVER &&
	    opts->exact != FB_STATS_EXACT_ALWAYS) {
		fb_error_set(err, 0, 0, "unknown exact mode");
		return NULL;
	}
	return opts;
}

int fb_stats_alternative_from_name(const char *name, enum fb_stats_alternative *out,
                                   struct fb_error *err)
{
	if (strcmp(name, "two.sided") == 0 || strcmp(name, "two-sided") == 0)
		*out = FB_STATS_TWO_SIDED;
	else if (strcmp(name, "less") == 0)
		*out = FB_STATS_LESS;
	else if (strcmp(name, "greater") == 0)
		*out = FB_STATS_GREATER;
	else {
		fb_error_set(err, 0, 0, "unknown alternative '%s' (two.sided, less, greater)",
		             name);
		return -1;
	}
	return 0;
}

double fb_stats_pnorm(double z)
{
	return gsl_cdf_ugaussian_P(z);
}

double fb_stats_pnorm_upper(double z)
{
	return gsl_cdf_ugaussian_Q(z);
}

double fb_stats_normal_p(double z, enum fb_stats_alternative alt)
{
	switch (alt) {
	case FB_STATS_LESS:
		return fb_stats_pnorm(z);
	case FB_STATS_GREATER:
		return fb_stats_pnorm_upper(z);
	case FB_STATS_TWO_SIDED:
		break;
	}
	return 2 * fmin(fb_stats_pnorm(z), fb_stats_pnorm_upper(z));
}

/* The variable names and the order of every floating-point operation follow
 * R's source, since a coarse tolerance makes the returned point depend on
 * the path taken, not only on the root. */
double fb_stats_zeroin(double ax, double bx, double fa, double fb,
                       double (*f)(double x, void *info), void *info, double tol, int maxit,
                       int *iter)
{
	double a = ax, b = bx, c = a, fc = fa;
	int left = maxit + 1;

	if (fa == 0.0) {
		*iter = 0;
		return a;
	}
	if (fb == 0.0) {
		*iter = 0;
		return b;
	}
	while (left--) {
		double prev_step = b - a;
		double tol_act, p, q, new_step;

		if (fabs(fc) < fabs(fb)) {
			a = b;
			b = c;
			c = a;
			fa = fb;
			fb = fc;
			fc = fa;
		}
		tol_act = 2 * DBL_EPSILON * fabs(b) + tol / 2;
		new_step = (c - b) / 2;
		if (fabs(new_step) <= tol_act || fb == 0.0) {
			*iter = maxit - left;
			return b;
		}
		/* Interpolate only when the previous step was large enough and
		 * went the right way. */
		if (fabs(prev_step) >= tol_act && fabs(fa) > fabs(fb)) {
			double t1, t2, cb = c - b;

			if (a == c) {
				t1 = fb / fa;
				p = cb * t1;
				q = 1.0 - t1;
			} else {
				q = fa / fc;
				t1 = fb / fc;
				t2 = fb / fa;
				p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
				q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
			}
			if (p > 0.0)
				q = -q;
			else
				p = -p;
			if (p < (0.75 * cb * q - fabs(tol_act * q) / 2) &&
			    p < fabs(prev_step * q / 2))
				new_step = p / q;
		}
		if (fabs(new_step) < tol_act)
			new_step = new_step > 0.0 ? tol_act : -tol_act;
		a = b;
		fa = fb;
		b += new_step;
		fb = f(b, info);
		if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
			c = a;
			fc = fa;
		}
	}
	*iter = -1;
	return b;
}
