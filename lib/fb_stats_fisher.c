/* Fisher's exact test on the 2×2 table of two arms, following R's
 * fisher.test() for 2×2 tables: the p-value sums the central hypergeometric
 * probabilities no larger than the observed one (with R's 1e-7 fuzz), and
 * the conditional maximum-likelihood odds ratio and its interval come from
 * uniroot() on the noncentral hypergeometric distribution, replayed here
 * with R's root finder and tolerance so that the figures agree with R's. */
#include "fb_stats.h"
#include "fb_stats_impl.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>

#include "fb_alloc.h"

#include <gsl/gsl_sf_gamma.h>

/* The table in R's terms: x = xb successes of b, m = nb, n = na, k = xb +
 * xa; the support of x is lo..hi and logdc the central log densities. */
struct fisher {
	double x, lo, hi;
	size_t len;
	double *logdc;
	double *d; /* scratch for dnhyper() */
	double target;
	int upper; /* pnhyper(): upper tail */
};

/* dnhyper(ncp): the noncentral density on the support, normalised, with R's
 * long double sums. */
static void dnhyper(struct fisher *f, double ncp)
{
	double lncp = log(ncp), max = -INFINITY;
	long double sum = 0;
	size_t i;

	for (i = 0; i < f->len; i++) {
		f->d[i] = f->logdc[i] + lncp * (f->lo + (double)i);
		if (f->d[i] > max)
			max = f->d[i];
	}
	for (i = 0; i < f->len; i++) {
		f->d[i] = exp(f->d[i] - max);
		sum += f->d[i];
	}
	for (i = 0; i < f->len; i++)
		f->d[i] /= (double)sum;
}

/* mnhyper(ncp): the mean of the noncentral distribution. */
static double mnhyper(struct fisher *f, double ncp)
{
	long double s = 0;
	size_t i;

	if (ncp == 0)
		return f->lo;
	if (isinf(ncp))
		return f->hi;
	dnhyper(f, ncp);
	for (i = 0; i < f->len; i++)
		s += (f->lo + (double)i) * f->d[i];
	return (double)s;
}

/* pnhyper(x, ncp, upper.tail). For ncp = 1 R calls phyper(), which equals
 * this sum to rounding. */
static double pnhyper(struct fisher *f, double ncp, int upper)
{
	long double s = 0;
	size_t ix = (size_t)(f->x - f->lo), from = upper ? ix : 0, to = upper ? f->len : ix + 1;
	size_t i;

	if (ncp == 0)
		return upper ? f->x <= f->lo : f->x >= f->lo;
	if (isinf(ncp))
		return upper ? f->x <= f->hi : f->x >= f->hi;
	dnhyper(f, ncp);
	for (i = from; i < to; i++)
		s += f->d[i];
	return (double)s;
}

static double mn_minus_x(double t, void *info)
{
	struct fisher *f = info;

	return mnhyper(f, t) - f->x;
}

static double mn_inv_minus_x(double t, void *info)
{
	struct fisher *f = info;

	return mnhyper(f, 1 / t) - f->x;
}

static double pn_minus_alpha(double t, void *info)
{
	struct fisher *f = info;

	return pnhyper(f, t, f->upper) - f->target;
}

static double pn_inv_minus_alpha(double t, void *info)
{
	struct fisher *f = info;

	return pnhyper(f, 1 / t, f->upper) - f->target;
}

/* uniroot(fn, c(lower, upper))$root with R's defaults. */
static int uniroot(double (*fn)(double, void *), struct fisher *f, double lower, double upper,
                   double *root, struct fb_error *err)
{
	double fl = fn(lower, f), fu = fn(upper, f);
	int iter;

	if (isnan(fl) || isnan(fu) || (fl > 0 && fu > 0) || (fl < 0 && fu < 0)) {
		fb_error_set(err, 0, 0, "odds ratio search found no sign change");
		return -1;
	}
	*root = fb_stats_zeroin(lower, upper, fl, fu, fn, f, FB_STATS_UNIROOT_TOL,
	                        FB_STATS_UNIROOT_MAXIT, &iter);
	if (iter < 0) {
		fb_error_set(err, 0, 0, "odds ratio search did not converge");
		return -1;
	}
	return 0;
}

/* mle(x) of fisher.test(). */
static int mle(struct fisher *f, double *out, struct fb_error *err)
{
	double mu, t;

	if (f->x == f->lo) {
		*out = 0;
		return 0;
	}
	if (f->x == f->hi) {
		*out = INFINITY;
		return 0;
	}
	mu = mnhyper(f, 1);
	if (mu > f->x)
		return uniroot(mn_minus_x, f, 0, 1, out, err);
	if (mu < f->x) {
		if (uniroot(mn_inv_minus_x, f, DBL_EPSILON, 1, &t, err) < 0)
			return -1;
		*out = 1 / t;
		return 0;
	}
	*out = 1;
	return 0;
}

/* ncp.U(x, alpha) and ncp.L(x, alpha) of fisher.test(): the odds ratio at
 * which the lower (upper) tail at x has probability alpha. */
static int ncp_bound(struct fisher *f, double alpha, int upper, double *out, struct fb_error *err)
{
	double p, t;

	if (upper ? f->x == f->lo : f->x == f->hi) {
		*out = upper ? 0 : INFINITY;
		return 0;
	}
	f->upper = upper;
	f->target = alpha;
	p = pnhyper(f, 1, upper);
	/* The lower tail falls as the odds ratio grows, the upper tail rises. */
	if (upper ? p > alpha : p < alpha)
		return uniroot(pn_minus_alpha, f, 0, 1, out, err);
	if (upper ? p < alpha : p > alpha) {
		if (uniroot(pn_inv_minus_alpha, f, DBL_EPSILON, 1, &t, err) < 0)
			return -1;
		*out = 1 / t;
		return 0;
	}
	*out = 1;
	return 0;
}

static double p_two_sided(struct fisher *f)
{
	const double relerr = 1 + 1e-7;
	long double s = 0;
	double limit;
	size_t i;

	dnhyper(f, 1);
	limit = f->d[(size_t)(f->x - f->lo)] * relerr;
	for (i = 0; i < f->len; i++)
		if (f->d[i] <= limit)
			s += f->d[i];
	return (double)s;
}

int fb_stats_fisher_exact(const struct fb_stats_count *a, const struct fb_stats_count *b,
                          const struct fb_stats_opts *opts, struct fb_stats_result *res,
                          struct fb_error *err)
{
	const struct fb_stats_opts *o = fb_stats_opts_check(opts, err);
	struct fisher f = { 0 };
	unsigned m, n, k, i;
	double alpha;
	int rc = -1;

	if (!o)
		return -1;
	if (a->successes > a->n || b->successes > b->n) {
		fb_error_set(err, 0, 0, "more successes than trials");
		return -1;
	}
	if (a->n == 0 || b->n == 0) {
		fb_error_set(err, 0, 0, "fisher test needs a trial in each arm");
		return -1;
	}
	/* gsl_sf_lnchoose() takes unsigned int. */
	if (a->n > UINT_MAX || b->n > UINT_MAX - a->n) {
		fb_error_set(err, 0, 0, "fisher test is limited to %u trials", UINT_MAX);
		return -1;
	}
	if (a->successes + b->successes == 0 || a->successes + b->successes == a->n + b->n) {
		fb_error_set(err, 0, 0, "fisher test needs both successes and failures");
		return -1;
	}
	fb_stats_result_clear(res);
	res->method = FB_STATS_METHOD_EXACT;
	m = (unsigned)b->n;
	n = (unsigned)a->n;
	k = (unsigned)(b->successes + a->successes);
	f.x = (double)b->successes;
	f.lo = k > n ? k - n : 0;
	f.hi = k < m ? k : m;
	f.len = (size_t)(f.hi - f.lo) + 1;
	f.logdc = fb_xmalloc(f.len * sizeof *f.logdc);
	f.d = fb_xmalloc(f.len * sizeof *f.d);
	/* log dhyper() without its constant log choose(m + n, k), which the
	 * normalisation in dnhyper() cancels. */
	for (i = 0; i < f.len; i++) {
		unsigned s = (unsigned)f.lo + i;

		f.logdc[i] = gsl_sf_lnchoose(m, s) + gsl_sf_lnchoose(n, k - s);
	}
	switch (o->alternative) {
	case FB_STATS_LESS:
		res->p_value = pnhyper(&f, 1, 0);
		break;
	case FB_STATS_GREATER:
		res->p_value = pnhyper(&f, 1, 1);
		break;
	case FB_STATS_TWO_SIDED:
		res->p_value = p_two_sided(&f);
		break;
	}
	if (mle(&f, &res->estimate, err) < 0)
		goto out;
	alpha = o->alternative == FB_STATS_TWO_SIDED ? (1 - o->conf_level) / 2 : 1 - o->conf_level;
	res->ci_low = 0;
	res->ci_high = INFINITY;
	if (o->alternative != FB_STATS_LESS && ncp_bound(&f, alpha, 1, &res->ci_low, err) < 0)
		goto out;
	if (o->alternative != FB_STATS_GREATER && ncp_bound(&f, alpha, 0, &res->ci_high, err) < 0)
		goto out;
	rc = 0;
out:
	free(f.logdc);
	free(f.d);
	return rc;
}
