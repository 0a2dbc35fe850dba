/* Classical tests on sufficient statistics: t tests on running moments,
 * proportion tests, McNemar, the exact binomial (sign) test and the
 * chi-squared goodness of fit. Each follows the R function it names, with
 * the same formulas in the same order, so that results agree to rounding. */
#include "fb_stats.h"
#include "fb_stats_impl.h"

#include <float.h>
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

void fb_stats_moments_add(struct fb_stats_moments *m, double x)
{
	double delta = x - m->mean;

	m->n++;
	m->mean += delta / (double)m->n;
	m->m2 += delta * (x - m->mean);
}

void fb_stats_moments_merge(struct fb_stats_moments *m, const struct fb_stats_moments *other)
{
	double na, nb, n, delta;

	if (other->n == 0)
		return;
	if (m->n == 0) {
		*m = *other;
		return;
	}
	na = (double)m->n;
	nb = (double)other->n;
	n = na + nb;
	delta = other->mean - m->mean;
	m->mean += delta * (nb / n);
	m->m2 += other->m2 + delta * delta * (na * nb / n);
	m->n += other->n;
}

double fb_stats_moments_var(const struct fb_stats_moments *m)
{
	if (m->n < 2)
		return NAN;
	return m->m2 / (double)(m->n - 1);
}

static int check_moments(const struct fb_stats_moments *m, const char *what, struct fb_error *err)
{
	if (!isfinite(m->mean) || !isfinite(m->m2)) {
		fb_error_set(err, 0, 0, "%s has a non-finite value", what);
		return -1;
	}
	if (m->m2 < 0) {
		fb_error_set(err, 0, 0, "%s has a negative sum of squares", what);
		return -1;
	}
	return 0;
}

/* The p-value and interval of a t statistic, as t.test() ends: the interval
 * is built around the statistic and scaled back, in that order. */
static void t_finish(double tstat, double df, double stderr_, const struct fb_stats_opts *o,
                     struct fb_stats_result *res)
{
	double q;

	res->statistic = tstat;
	res->df = df;
	res->std_error = stderr_;
	switch (o->alternative) {
	case FB_STATS_LESS:
		res->p_value = gsl_cdf_tdist_P(tstat, df);
		q = gsl_cdf_tdist_Qinv(1 - o->conf_level, df);
		res->ci_low = -INFINITY;
		res->ci_high = (tstat + q) * stderr_;
		break;
	case FB_STATS_GREATER:
		res->p_value = gsl_cdf_tdist_Q(tstat, df);
		q = gsl_cdf_tdist_Qinv(1 - o->conf_level, df);
		res->ci_low = (tstat - q) * stderr_;
		res->ci_high = INFINITY;
		break;
	case FB_STATS_TWO_SIDED:
		res->p_value = 2 * gsl_cdf_tdist_P(-fabs(tstat), df);
		/* The upper quantile straight from GSL's Qinv: R's qt(1 - alpha/2)
		 * differs only by the rounding of 1 - alpha/2. */
		q = gsl_cdf_tdist_Qinv((1 - o->conf_level) / 2, df);
		res->ci_low = (tstat - q) * stderr_;
		res->ci_high = (tstat + q) * stderr_;
		break;
	}
}

/* t.test(b, a, var.equal): x is arm b and y arm a, as in the R call. */
static int two_sample_t(const struct fb_stats_moments *a, const struct fb_stats_moments *b,
                        const struct fb_stats_opts *opts, int var_equal,
                        struct fb_stats_result *res, struct fb_error *err)
{
	const struct fb_stats_opts *o = fb_stats_opts_check(opts, err);
	double nx, ny, mx, my, vx, vy, df, stderr_;

	if (!o || check_moments(a, "arm a", err) < 0 || check_moments(b, "arm b", err) < 0)
		return -1;
	if (var_equal) {
		if (a->n < 1 || b->n < 1) {
			fb_error_set(err, 0, 0, "t test needs a value in each arm");
			return -1;
		}
		if (a->n + b->n < 3) {
			fb_error_set(err, 0, 0, "t test needs three values in all");
			return -1;
		}
	} else if (a->n < 2 || b->n < 2) {
		fb_error_set(err, 0, 0, "welch t test needs two values in each arm");
		return -1;
	}
	fb_stats_result_clear(res);
	nx = (double)b->n;
	ny = (double)a->n;
	mx = b->mean;
	my = a->mean;
	vx = fb_stats_moments_var(b);
	vy = fb_stats_moments_var(a);
	if (var_equal) {
		double v = 0;

		df = nx + ny - 2;
		if (nx > 1)
			v += (nx - 1) * vx;
		if (ny > 1)
			v += (ny - 1) * vy;
		v /= df;
		stderr_ = sqrt(v * (1 / nx + 1 / ny));
	} else {
		double sx = sqrt(vx / nx), sy = sqrt(vy / ny);

		stderr_ = sqrt(sx * sx + sy * sy);
		df = pow(stderr_, 4) / (pow(sx, 4) / (nx - 1) + pow(sy, 4) / (ny - 1));
	}
	if (stderr_ == 0 || stderr_ < 10 * DBL_EPSILON * fmax(fabs(mx), fabs(my))) {
		fb_error_set(err, 0, 0, "data are essentially constant");
		return -1;
	}
	t_finish((mx - my) / stderr_, df, stderr_, o, res);
	res->estimate = mx - my;
	res->estimate_a = my;
	res->estimate_b = mx;
	return 0;
}

int fb_stats_welch_t(const struct fb_stats_moments *a, const struct fb_stats_moments *b,
                     const struct fb_stats_opts *opts, struct fb_stats_result *res,
                     struct fb_error *err)
{
	return two_sample_t(a, b, opts, 0, res, err);
}

int fb_stats_student_t(const struct fb_stats_moments *a, const struct fb_stats_moments *b,
                       const struct fb_stats_opts *opts, struct fb_stats_result *res,
                       struct fb_error *err)
{
	return two_sample_t(a, b, opts, 1, res, err);
}

int fb_stats_paired_t(const struct fb_stats_moments *diff, const struct fb_stats_opts *opts,
                      struct fb_stats_result *res, struct fb_error *err)
{
	const struct fb_stats_opts *o = fb_stats_opts_check(opts, err);
	double nx, mx, stderr_;

	if (!o || check_moments(diff, "the differences", err) < 0)
		return -1;
	if (diff->n < 2) {
		fb_error_set(err, 0, 0, "paired t test needs two pairs");
		return -1;
	}
	fb_stats_result_clear(res);
	nx = (double)diff->n;
	mx = diff->mean;
	stderr_ = sqrt(fb_stats_moments_var(diff) / nx);
	if (stderr_ == 0 || stderr_ < 10 * DBL_EPSILON * fabs(mx)) {
		fb_error_set(err, 0, 0, "data are essentially constant");
		return -1;
	}
	t_finish(mx / stderr_, nx - 1, stderr_, o, res);
	res->estimate = mx;
	return 0;
}

static int check_count(const struct fb_stats_count *c, const char *what, struct fb_error *err)
{
	if (c->n == 0) {
		fb_error_set(err, 0, 0, "%s is empty", what);
		return -1;
	}
	if (c->successes > c->n) {
		fb_error_set(err, 0, 0, "%s has more successes than trials", what);
		return -1;
	}
	return 0;
}

/* The normal quantile prop.test() uses for its intervals. */
static double prop_z(const struct fb_stats_opts *o)
{
	if (o->alternative == FB_STATS_TWO_SIDED)
		return gsl_cdf_ugaussian_Pinv((1 + o->conf_level) / 2);
	return gsl_cdf_ugaussian_Pinv(o->conf_level);
}

/* prop.test()'s statistic over the cells of cbind(x, n - x) and the
 * expected counts, summed in R's column order with R's long double sum. */
static double prop_chisq(const double *x, const double *e, int cells, double yates)
{
	long double s = 0;
	int i;

	for (i = 0; i < cells; i++) {
		double d = fabs(x[i] - e[i]) - yates;

		s += d * d / e[i];
	}
	return (double)s;
}

static double prop_p(double stat, double sign, enum fb_stats_alternative alt)
{
	double z;

	if (alt == FB_STATS_TWO_SIDED)
		return gsl_cdf_chisq_Q(stat, 1);
	z = (sign > 0 ? 1 : sign < 0 ? -1 : 0) * sqrt(stat);
	return alt == FB_STATS_LESS ? fb_stats_pnorm(z) : fb_stats_pnorm_upper(z);
}

int fb_stats_prop_test(const struct fb_stats_count *a, const struct fb_stats_count *b,
                       const struct fb_stats_opts *opts, struct fb_stats_result *res,
                       struct fb_error *err)
{
	const struct fb_stats_opts *o = fb_stats_opts_check(opts, err);
	double x[4], e[4], n[2], est[2], delta, yates, width, p, invn;

	if (!o || check_count(a, "arm a", err) < 0 || check_count(b, "arm b", err) < 0)
		return -1;
	if (a->successes + b->successes == 0 || a->successes + b->successes == a->n + b->n) {
		fb_error_set(err, 0, 0, "proportion test needs both successes and failures");
		return -1;
	}
	fb_stats_result_clear(res);
	/* R's call is prop.test(c(xb, xa), c(nb, na)): b comes first. */
	x[0] = (double)b->successes;
	x[1] = (double)a->successes;
	n[0] = (double)b->n;
	n[1] = (double)a->n;
	est[0] = x[0] / n[0];
	est[1] = x[1] / n[1];
	delta = est[0] - est[1];
	invn = 1 / n[0] + 1 / n[1];
	yates = o->correct ? 0.5 : 0;
	yates = fmin(yates, fabs(delta) / invn);
	width = prop_z(o) * sqrt(est[0] * (1 - est[0]) / n[0] + est[1] * (1 - est[1]) / n[1]) +
	        yates * invn;
	res->ci_low = o->alternative == FB_STATS_LESS ? -1 : fmax(delta - width, -1);
	res->ci_high = o->alternative == FB_STATS_GREATER ? 1 : fmin(delta + width, 1);
	p = (x[0] + x[1]) / (n[0] + n[1]);
	x[2] = n[0] - x[0];
	x[3] = n[1] - x[1];
	e[0] = n[0] * p;
	e[1] = n[1] * p;
	e[2] = n[0] * (1 - p);
	e[3] = n[1] * (1 - p);
	res->statistic = prop_chisq(x, e, 4, yates);
	res->df = 1;
	res->p_value = prop_p(res->statistic, delta, o->alternative);
	res->estimate = delta;
	res->estimate_a = est[1];
	res->estimate_b = est[0];
	if (yates > 0)
		res->method |= FB_STATS_METHOD_CORRECTED;
	return 0;
}

int fb_stats_prop_test1(const struct fb_stats_count *c, double p, const struct fb_stats_opts *opts,
                        struct fb_stats_result *res, struct fb_error *err)
{
	const struct fb_stats_opts *o = fb_stats_opts_check(opts, err);
	double x[2], e[2], n, est, yates, z, z22n, pc, pu, pl;

	if (!o || check_count(c, "the sample", err) < 0)
		return -1;
	if (!(p > 0 && p < 1)) {
		fb_error_set(err, 0, 0, "null proportion must be between 0 and 1");
		return -1;
	}
	fb_stats_result_clear(res);
	n = (double)c->n;
	x[0] = (double)c->successes;
	x[1] = n - x[0];
	est = x[0] / n;
	yates = o->correct ? 0.5 : 0;
	z = prop_z(o);
	yates = fmin(yates, fabs(x[0] - n * p));
	z22n = z * z / (2 * n);
	pc = est + yates / n;
	pu = pc >= 1 ? 1
	             : (pc + z22n + z * sqrt(pc * (1 - pc) / n + z22n / (2 * n))) / (1 + 2 * z22n);
	pc = est - yates / n;
	pl = pc <= 0 ? 0
	             : (pc + z22n - z * sqrt(pc * (1 - pc) / n + z22n / (2 * n))) / (1 + 2 * z22n);
	res->ci_low = o->alternative == FB_STATS_LESS ? 0 : fmax(pl, 0);
	res->ci_high = o->alternative == FB_STATS_GREATER ? 1 : fmin(pu, 1);
	e[0] = n * p;
	e[1] = n * (1 - p);
	res->statistic = prop_chisq(x, e, 2, yates);
	res->df = 1;
	res->p_value = prop_p(res->statistic, est - p, o->alternative);
	res->estimate = est;
	if (yates > 0)
		res->method |= FB_STATS_METHOD_CORRECTED;
	return 0;
}

int fb_stats_wilson(const struct fb_stats_count *x, double conf_level, double *lo, double *hi,
                    struct fb_error *err)
{
	struct fb_stats_opts o = FB_STATS_OPTS_DEFAULT;
	struct fb_stats_result r;

	o.conf_level = conf_level;
	o.correct = 0;
	if (fb_stats_prop_test1(x, 0.5, &o, &r, err) < 0)
		return -1;
	*lo = r.ci_low;
	*hi = r.ci_high;
	return 0;
}

int fb_stats_mcnemar(const struct fb_stats_pairs *pairs, const struct fb_stats_opts *opts,
                     struct fb_stats_result *res, struct fb_error *err)
{
	const struct fb_stats_opts *o = fb_stats_opts_check(opts, err);
	double y, s, total;

	if (!o)
		return -1;
	if (o->alternative != FB_STATS_TWO_SIDED) {
		fb_error_set(err, 0, 0, "mcnemar test is two-sided only");
		return -1;
	}
	if (pairs->a_only + pairs->b_only == 0) {
		fb_error_set(err, 0, 0, "mcnemar test needs a discordant pair");
		return -1;
	}
	fb_stats_result_clear(res);
	/* R's table is matrix(c(both, b_only, a_only, neither), 2); its one
	 * off-diagonal term is x[1,2] - x[2,1] = a_only - b_only. */
	y = (double)pairs->a_only - (double)pairs->b_only;
	s = (double)pairs->a_only + (double)pairs->b_only;
	if (o->correct && y != 0) {
		y = fabs(y) - 1;
		res->method |= FB_STATS_METHOD_CORRECTED;
	}
	res->statistic = y * y / s;
	res->df = 1;
	res->p_value = gsl_cdf_chisq_Q(res->statistic, 1);
	total = s + (double)pairs->both + (double)pairs->neither;
	res->estimate = ((double)pairs->b_only - (double)pairs->a_only) / total;
	return 0;
}

static double beta_p_minus(double x, void *info)
{
	const double *abp = info;

	return gsl_cdf_beta_P(x, abp[0], abp[1]) - abp[2];
}

static double beta_q_minus(double x, void *info)
{
	const double *abp = info;

	return abp[2] - gsl_cdf_beta_Q(x, abp[0], abp[1]);
}

/* The beta quantile for Clopper–Pearson bounds: lower tail probability p,
 * or upper tail probability p when upper is set. GSL's gsl_cdf_beta_Pinv
 * fails to converge for some shapes past about 1e5 (and reports that through
 * the abort-by-default error handler), so the root finder inverts
 * gsl_cdf_beta_P or _Q instead, to full precision (tol 0). */
static int qbeta(double p, double a, double b, int upper, double *out, struct fb_error *err)
{
	double abp[3] = { a, b, p };
	double (*f)(double, void *) = upper ? beta_q_minus : beta_p_minus;
	int iter;

	*out =
	    fb_stats_zeroin(0, 1, f(0, abp), f(1, abp), f, abp, 0, FB_STATS_UNIROOT_MAXIT, &iter);
	if (iter < 0 || !isfinite(*out)) {
		fb_error_set(err, 0, 0, "binomial confidence bound did not converge");
		return -1;
	}
	return 0;
}

/* dbinom(i) is nonincreasing from ceiling(np) up and nondecreasing up to
 * floor(np), so the count R takes over one of those ranges is found by
 * bisection: the number of i in [from, to] with dbinom(i) <= limit, where
 * those i form the end of the range (rising = 0) or its start (rising = 1). */
static unsigned count_below(unsigned from, unsigned to, int rising, double p, unsigned n,
                            double limit)
{
	unsigned lo = from, hi = to + 1; /* the boundary lies in [lo, hi] */

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		int below = gsl_ran_binomial_pdf(mid, p, n) <= limit;

		if (below == !rising)
			hi = mid;
		else
			lo = mid + 1;
	}
	return rising ? lo - from : to + 1 - lo;
}

static double binom_two_sided(unsigned x, unsigned n, double p)
{
	const double relerr = 1 + 1e-7;
	double d = gsl_ran_binomial_pdf(x, p, n), m = n * p, pv;
	unsigned y;

	if (x == m)
		return 1;
	if (x < m) {
		unsigned from = (unsigned)ceil(m);

		y = count_below(from, n, 0, p, n, d * relerr);
		pv = gsl_cdf_binomial_P(x, p, n);
		if (y > 0)
			pv += gsl_cdf_binomial_Q(n - y, p, n);
	} else {
		y = count_below(0, (unsigned)floor(m), 1, p, n, d * relerr);
		pv = gsl_cdf_binomial_Q(x - 1, p, n);
		if (y > 0)
			pv += gsl_cdf_binomial_P(y - 1, p, n);
	}
	return fmin(1, pv);
}

int fb_stats_binom_test(uint64_t x, uint64_t n, double p, const struct fb_stats_opts *opts,
                        struct fb_stats_result *res, struct fb_error *err)
{
	const struct fb_stats_opts *o = fb_stats_opts_check(opts, err);
	unsigned ux, un;
	double alpha;

	if (!o)
		return -1;
	if (n == 0) {
		fb_error_set(err, 0, 0, "binomial test needs a trial");
		return -1;
	}
	if (x > n) {
		fb_error_set(err, 0, 0, "more successes than trials");
		return -1;
	}
	if (n > FB_STATS_BINOM_MAX_N) {
		fb_error_set(err, 0, 0, "binomial test is limited to %u trials",
		             FB_STATS_BINOM_MAX_N);
		return -1;
	}
	if (!(p > 0 && p < 1)) {
		fb_error_set(err, 0, 0, "null proportion must be between 0 and 1");
		return -1;
	}
	ux = (unsigned)x;
	un = (unsigned)n;
	fb_stats_result_clear(res);
	res->method = FB_STATS_METHOD_EXACT;
	res->estimate = (double)x / (double)n;
	switch (o->alternative) {
	case FB_STATS_LESS:
		res->p_value = gsl_cdf_binomial_P(ux, p, un);
		break;
	case FB_STATS_GREATER:
		res->p_value = ux == 0 ? 1 : gsl_cdf_binomial_Q(ux - 1, p, un);
		break;
	case FB_STATS_TWO_SIDED:
		res->p_value = binom_two_sided(ux, un, p);
		break;
	}
	alpha = o->alternative == FB_STATS_TWO_SIDED ? (1 - o->conf_level) / 2 : 1 - o->conf_level;
	res->ci_low = 0;
	res->ci_high = 1;
	if (o->alternative != FB_STATS_LESS && ux > 0 &&
	    qbeta(alpha, ux, un - ux + 1, 0, &res->ci_low, err) < 0)
		return -1;
	if (o->alternative != FB_STATS_GREATER && ux < un &&
	    qbeta(alpha, ux + 1, un - ux, 1, &res->ci_high, err) < 0)
		return -1;
	if (!isfinite(res->p_value)) {
		fb_error_set(err, 0, 0, "binomial probability did not converge");
		return -1;
	}
	return 0;
}

int fb_stats_sign_test(uint64_t wins, uint64_t losses, const struct fb_stats_opts *opts,
                       struct fb_stats_result *res, struct fb_error *err)
{
	if (wins > UINT64_MAX - losses) {
		fb_error_set(err, 0, 0, "too many pairs");
		return -1;
	}
	return fb_stats_binom_test(wins, wins + losses, 0.5, opts, res, err);
}

int fb_stats_chisq_gof(const uint64_t *counts, const double *shares, size_t k,
                       struct fb_stats_result *res, struct fb_error *err)
{
	long double sum = 0, stat = 0;
	double n = 0;
	size_t i;

	if (k < 2) {
		fb_error_set(err, 0, 0, "goodness of fit needs two categories");
		return -1;
	}
	for (i = 0; i < k; i++) {
		if (!(shares[i] > 0) || !isfinite(shares[i])) {
			fb_error_set(err, 0, 0, "expected shares must be positive");
			return -1;
		}
		sum += shares[i];
		n += (double)counts[i];
	}
	if (fabs((double)sum - 1) > sqrt(DBL_EPSILON)) {
		fb_error_set(err, 0, 0, "expected shares must sum to 1");
		return -1;
	}
	if (n == 0) {
		fb_error_set(err, 0, 0, "goodness of fit needs a count");
		return -1;
	}
	fb_stats_result_clear(res);
	for (i = 0; i < k; i++) {
		double e = n * shares[i], d = (double)counts[i] - e;

		stat += d * d / e;
	}
	res->statistic = (double)stat;
	res->df = (double)(k - 1);
	res->p_value = gsl_cdf_chisq_Q(res->statistic, res->df);
	return 0;
}
