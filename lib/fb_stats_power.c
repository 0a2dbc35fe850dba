/* Power and sample size as R's power.prop.test() and power.t.test() give
 * them. The t version needs the noncentral t distribution, which GSL lacks:
 * pnt() below is R's implementation of AS 243 (Lenth 1989, nmath/pnt.c),
 * with the same long double series, built on GSL's incomplete beta, log
 * gamma and normal distribution. Sample sizes are roots found, as R finds
 * them, by uniroot() with its default tolerance of about 1.2e-4; the root
 * finder is R's, replayed step for step, so the sizes agree with R's to
 * rounding rather than only to that tolerance. */
#include "fb_stats.h"
#include "fb_stats_impl.h"

#include <float.h>
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

#define SQRT_2_DIV_PI 0.797884560802865355879892119869 /* sqrt(2 / pi) */
#define LN_SQRT_PI 0.572364942924700087071713675677    /* log(sqrt(pi)) */

/* pnorm(x, mean, sd, lower_tail) as R computes it. */
static double pnorm3(double x, double mean, double sd, int lower)
{
	double z = (x - mean) / sd;

	return lower ? gsl_cdf_ugaussian_P(z) : gsl_cdf_ugaussian_Q(z);
}

/* R's pnt(t, df, ncp, lower_tail, log_p = FALSE), statement for statement
 * (R 4.2, src/nmath/pnt.c), including which quantities are long double. */
static double pnt(double t, double df, double ncp, int lower_tail)
{
	double albeta, a, b, del, errbd, lambda, rxb, tt, x;
	long double geven, godd, p, q, s, tnc, xeven, xodd;
	int it, negdel;
	const int itrmax = 1000;
	const double errmax = 1.e-12;

	if (df <= 0.0)
		return NAN;
	if (ncp == 0.0)
		return lower_tail ? gsl_cdf_tdist_P(t, df) : gsl_cdf_tdist_Q(t, df);
	if (!isfinite(t))
		return (t < 0) == (lower_tail != 0) ? 0 : 1;
	if (t >= 0.) {
		negdel = 0;
		tt = t;
		del = ncp;
	} else {
		/* pt(q, df, ncp) <= pt(0, df, ncp) = pnorm(-ncp): negligible. */
		if (ncp > 40)
			return lower_tail ? 0 : 1;
		negdel = 1;
		tt = -t;
		del = -ncp;
	}
	if (df > 4e5 || del * del > 2 * FB_STATS_LN2 * (-(DBL_MIN_EXP))) {
		/* Abramowitz and Stegun 26.7.10. */
		s = 1. / (4. * df);
		return pnorm3(tt * (1. - s), del, sqrt(1. + tt * tt * 2. * s),
		              lower_tail != negdel);
	}
	/* The twin series of Guenther (1978). */
	x = t * t;
	rxb = df / (x + df);
	x = x / (x + df);
	if (x > 0.) {
		lambda = del * del;
		p = .5 * exp(-.5 * lambda);
		if (p == 0.)
			return lower_tail ? 0 : 1;
		q = SQRT_2_DIV_PI * p * del;
		s = .5 - p;
		if (s < 1e-7)
			s = -0.5 * expm1(-0.5 * lambda);
		a = .5;
		b = .5 * df;
		rxb = pow(rxb, b);
		albeta = LN_SQRT_PI + gsl_sf_lngamma(b) - gsl_sf_lngamma(.5 + b);
		xodd = gsl_cdf_beta_P(x, a, b);
		godd = 2. * rxb * exp(a * log(x) - albeta);
		tnc = b * x;
		xeven = (tnc < DBL_EPSILON) ? tnc : 1. - rxb;
		geven = tnc * rxb;
		tnc = p * xodd + q * xeven;
		for (it = 1; it <= itrmax; it++) {
			a += 1.;
			xodd -= godd;
			xeven -= geven;
			godd *= x * (a + b - 1.) / a;
			geven *= x * (a + b - .5) / (a + .5);
			p *= lambda / (2 * it);
			q *= lambda / (2 * it + 1);
			tnc += p * xodd + q * xeven;
			s -= p;
			/* R stops here too when rounding drives s negative. */
			if (s < -1.e-10)
				break;
			if (s <= 0 && it > 1)
				break;
			errbd = (double)(2. * s * (xodd - godd));
			if (fabs(errbd) < errmax)
				break;
		}
	} else {
		tnc = 0.;
	}
	tnc += gsl_cdf_ugaussian_P(-del);
	lower_tail = lower_tail != negdel;
	return lower_tail ? fmin((double)tnc, 1.) : 0.5 - fmin((double)tnc, 1.) + 0.5;
}

struct power_args {
	double p1, p2, delta, sd, alpha, power;
	double tside, tsample;
};

/* The p.body of power.prop.test() (not strict). */
static double prop_power(double n, const struct power_args *w)
{
	double p1 = w->p1, p2 = w->p2;

	return gsl_cdf_ugaussian_P(
	    (sqrt(n) * fabs(p1 - p2) - (gsl_cdf_ugaussian_Qinv(w->alpha / w->tside) *
	                                sqrt((p1 + p2) * (1 - (p1 + p2) / 2)))) /
	    sqrt(p1 * (1 - p1) + p2 * (1 - p2)));
}

/* The p.body of power.t.test() (not strict). */
static double t_power(double n, const struct power_args *w)
{
	double nu = (n - 1) * w->tsample;

	return pnt(gsl_cdf_tdist_Qinv(w->alpha / w->tside, nu), nu,
	           sqrt(n / w->tsample) * w->delta / w->sd, 0);
}

static double prop_gap(double n, void *info)
{
	const struct power_args *w = info;

	return prop_power(n, w) - w->power;
}

static double t_gap(double n, void *info)
{
	const struct power_args *w = info;

	return t_power(n, w) - w->power;
}

/* uniroot(f, c(lower, upper), extendInt = "upX")$root: the function rises
 * with n, so R widens the interval upwards, in doubling steps, while f is
 * still negative at its top. A positive f at the bottom would have R search
 * below it, where a sample size means nothing: that is refused. */
static int solve_n(double (*f)(double, void *), struct power_args *w, double lower, double upper,
                   double *n, struct fb_error *err)
{
	double fl = f(lower, w), fu = f(upper, w), delta;
	int it = 0, iter;

	if (isnan(fl) || isnan(fu)) {
		fb_error_set(err, 0, 0, "power is not defined for these parameters");
		return -1;
	}
	if (fl > 0) {
		fb_error_set(err, 0, 0, "the wanted power is already reached at n = %g", lower);
		return -1;
	}
	delta = 0.01 * fmax(1e-4, fabs(upper));
	while (fu < 0) {
		if (++it > FB_STATS_UNIROOT_MAXIT || isnan(fu)) {
			fb_error_set(err, 0, 0, "the wanted power cannot be reached");
			return -1;
		}
		upper += delta;
		fu = f(upper, w);
		delta *= 2;
	}
	*n = fb_stats_zeroin(lower, upper, fl, fu, f, w, FB_STATS_UNIROOT_TOL,
	                     FB_STATS_UNIROOT_MAXIT, &iter);
	if (iter < 0) {
		fb_error_set(err, 0, 0, "sample size search did not converge");
		return -1;
	}
	return 0;
}

static int check_common(double alpha, unsigned flags, struct power_args *w, struct fb_error *err)
{
	if (!(alpha > 0 && alpha < 1)) {
		fb_error_set(err, 0, 0, "significance level must be between 0 and 1");
		return -1;
	}
	if (flags & ~(FB_STATS_POWER_ONE_SIDED | FB_STATS_POWER_PAIRED)) {
		fb_error_set(err, 0, 0, "unknown power flags");
		return -1;
	}
	w->alpha = alpha;
	w->tside = flags & FB_STATS_POWER_ONE_SIDED ? 1 : 2;
	w->tsample = flags & FB_STATS_POWER_PAIRED ? 1 : 2;
	return 0;
}

static int check_prop(double p1, double p2, double alpha, unsigned flags, struct power_args *w,
                      struct fb_error *err)
{
	if (check_common(alpha, flags, w, err) < 0)
		return -1;
	if (flags & FB_STATS_POWER_PAIRED) {
		fb_error_set(err, 0, 0, "proportion power has no paired design");
		return -1;
	}
	if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1)) {
		fb_error_set(err, 0, 0, "proportions must be between 0 and 1");
		return -1;
	}
	w->p1 = p1;
	w->p2 = p2;
	return 0;
}

static int check_t(double delta, double sd, double alpha, unsigned flags, struct power_args *w,
                   struct fb_error *err)
{
	if (check_common(alpha, flags, w, err) < 0)
		return -1;
	if (!(sd > 0) || !isfinite(sd) || !isfinite(delta)) {
		fb_error_set(err, 0, 0, "standard deviation must be positive and delta finite");
		return -1;
	}
	/* power.t.test() takes |delta| for a two-sided test. */
	w->delta = w->tside == 2 ? fabs(delta) : delta;
	w->sd = sd;
	return 0;
}

static int check_power(double power, struct power_args *w, struct fb_error *err)
{
	if (!(power > 0 && power < 1)) {
		fb_error_set(err, 0, 0, "power must be between 0 and 1");
		return -1;
	}
	w->power = power;
	return 0;
}

int fb_stats_power_prop(double n, double p1, double p2, double alpha, unsigned flags, double *power,
                        struct fb_error *err)
{
	struct power_args w;

	if (check_prop(p1, p2, alpha, flags, &w, err) < 0)
		return -1;
	if (!(n >= 1) || !isfinite(n)) {
		fb_error_set(err, 0, 0, "sample size must be at least 1");
		return -1;
	}
	*power = prop_power(n, &w);
	return 0;
}

int fb_stats_power_prop_n(double p1, double p2, double alpha, double power, unsigned flags,
                          double *n, struct fb_error *err)
{
	struct power_args w;

	if (check_prop(p1, p2, alpha, flags, &w, err) < 0 || check_power(power, &w, err) < 0)
		return -1;
	if (p1 == p2) {
		fb_error_set(err, 0, 0, "equal proportions need no sample size");
		return -1;
	}
	return solve_n(prop_gap, &w, 1, 1e7, n, err);
}

int fb_stats_power_t(double n, double delta, double sd, double alpha, unsigned flags, double *power,
                     struct fb_error *err)
{
	struct power_args w;

	if (check_t(delta, sd, alpha, flags, &w, err) < 0)
		return -1;
	if (!(n >= 2) || !isfinite(n)) {
		fb_error_set(err, 0, 0, "sample size must be at least 2");
		return -1;
	}
	*power = t_power(n, &w);
	return 0;
}

int fb_stats_power_t_n(double delta, double sd, double alpha, double power, unsigned flags,
                       double *n, struct fb_error *err)
{
	struct power_args w;

	if (check_t(delta, sd, alpha, flags, &w, err) < 0 || check_power(power, &w, err) < 0)
		return -1;
	if (delta == 0) {
		fb_error_set(err, 0, 0, "a zero difference has no sample size");
		return -1;
	}
	return solve_n(t_gap, &w, 2, 1e7, n, err);
}
