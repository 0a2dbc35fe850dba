/* Bradley–Terry strengths by Newton's method, and their bootstrap. */
#include "fb_stats_bt.h"

#include <limits.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "fb_alloc.h"

#define MAX_STEPS 200
#define STEP_TOL 1e-12

/* Games as the likelihood sees them: w[i * m + j] is i's wins over j plus
 * half the ties between them. */
struct games {
	size_t m;
	double *w;
	double prior;
};

/* log(e^a + e^b) without overflow. */
static double log_sum_exp(double a, double b)
{
	double hi = a > b ? a : b;
	return hi + log(exp(a - hi) + exp(b - hi));
}

static double loglik(const struct games *g, const double *beta)
{
	double l = 0;
	for (size_t i = 0; i < g->m; i++) {
		for (size_t j = i + 1; j < g->m; j++) {
			double wij = g->w[i * g->m + j], wji = g->w[j * g->m + i];
			if (wij + wji > 0)
				l += wij * beta[i] + wji * beta[j] -
				     (wij + wji) * log_sum_exp(beta[i], beta[j]);
		}
		if (g->prior > 0)
			l += g->prior * (0.5 * beta[i] - log_sum_exp(beta[i], 0));
	}
	return l;
}

/* The gradient and the negated Hessian (positive semi-definite) of the
 * log-likelihood, over the first d strengths. */
static void derivatives(const struct games *g, const double *beta, size_t d, double *grad,
                        double *neg_hess)
{
	memset(grad, 0, d * sizeof *grad);
	memset(neg_hess, 0, d * d * sizeof *neg_hess);
	for (size_t i = 0; i < g->m; i++) {
		for (size_t j = i + 1; j < g->m; j++) {
			double wij = g->w[i * g->m + j], wji = g->w[j * g->m + i], n = wij + wji;
			if (n <= 0)
				continue;
			double pi = 1 / (1 + exp(beta[j] - beta[i])), v = n * pi * (1 - pi);
			if (i < d) {
				grad[i] += wij - n * pi;
				neg_hess[i * d + i] += v;
			}
			if (j < d) {
				grad[j] += wji - n * (1 - pi);
				neg_hess[j * d + j] += v;
			}
			if (i < d && j < d) {
				neg_hess[i * d + j] -= v;
				neg_hess[j * d + i] -= v;
			}
		}
		if (g->prior > 0 && i < d) {
			double s = 1 / (1 + exp(-beta[i]));
			grad[i] += g->prior * (0.5 - s);
			neg_hess[i * d + i] += g->prior * s * (1 - s);
		}
	}
}

/* Whether every model reaches every other along "won or tied against"
 * edges, and back: the plain estimate is finite exactly then. */
static int strongly_connected(const struct games *g)
{
	size_t m = g->m, *stack = fb_xmalloc(m * sizeof *stack);
	char *seen = fb_xmalloc(m);
	int ok = 1;
	for (int dir = 0; dir < 2 && ok; dir++) {
		size_t top = 0, count = 1;
		memset(seen, 0, m);
		seen[0] = 1;
		stack[top++] = 0;
		while (top > 0) {
			size_t i = stack[--top];
			for (size_t j = 0; j < m; j++) {
				double w = dir ? g->w[j * m + i] : g->w[i * m + j];
				if (w > 0 && !seen[j]) {
					seen[j] = 1;
					stack[top++] = j;
					count++;
				}
			}
		}
		ok = count == m;
	}
	free(stack);
	free(seen);
	return ok;
}

/* One Newton step solved by Cholesky; returns -1 when the system is
 * singular. */
static int newton_step(double *neg_hess, double *grad, size_t d, double *step)
{
	gsl_matrix_view h = gsl_matrix_view_array(neg_hess, d, d);
	gsl_vector_view gv = gsl_vector_view_array(grad, d);
	gsl_vector_view sv = gsl_vector_view_array(step, d);
	gsl_error_handler_t *old = gsl_set_error_handler_off();
	int rc = gsl_linalg_cholesky_decomp1(&h.matrix);
	if (rc == 0)
		rc = gsl_linalg_cholesky_solve(&h.matrix, &gv.vector, &sv.vector);
	gsl_set_error_handler(old);
	return rc == 0 ? 0 : -1;
}

/* Maximises the log-likelihood from beta = 0. Without a prior the last
 * strength stays 0 (the others are identified against it). Returns the
 * number of steps, or -1 when there is no finite maximum. */
static int fit(const struct games *g, double *beta)
{
	size_t m = g->m, d = g->prior > 0 ? m : m - 1;
	double *grad = fb_xmalloc(d * sizeof *grad), *h = fb_xmalloc(d * d * sizeof *h);
	double *step = fb_xmalloc(d * sizeof *step), *trial = fb_xmalloc(m * sizeof *trial);
	int steps = -1;
	memset(beta, 0, m * sizeof *beta);
	if (g->prior <= 0 && !strongly_connected(g))
		goto out;
	for (int k = 1; k <= MAX_STEPS; k++) {
		double l0 = loglik(g, beta), size = 0, t = 1;
		derivatives(g, beta, d, grad, h);
		if (newton_step(h, grad, d, step) < 0)
			goto out;
		/* Step halving keeps every step uphill; Newton's full step is
		 * taken near the maximum, where convergence is quadratic. */
		for (; t > 1e-10; t /= 2) {
			memcpy(trial, beta, m * sizeof *beta);
			for (size_t i = 0; i < d; i++)
				trial[i] += t * step[i];
			if (loglik(g, trial) >= l0 - 1e-12 * fabs(l0))
				break;
		}
		for (size_t i = 0; i < d; i++)
			size = fmax(size, fabs(t * step[i]));
		memcpy(beta, trial, m * sizeof *beta);
		if (size < STEP_TOL) {
			steps = k;
			break;
		}
	}
	if (steps > 0) {
		double mean = 0;
		for (size_t i = 0; i < m; i++)
			mean += beta[i] / (double)m;
		for (size_t i = 0; i < m; i++)
			beta[i] -= mean;
	}
out:
	free(grad);
	free(h);
	free(step);
	free(trial);
	return steps;
}

/* The observed games as multinomial cells: pair (i, j), i < j, and outcome
 * (0: i won, 1: j won, 2: a tie). */
struct cells {
	size_t n;
	size_t *i, *j;
	int *outcome;
	double *count;
	unsigned total;
};

static void cells_init(struct cells *c, size_t m, const uint64_t *wins, const uint64_t *ties)
{
	size_t cap = m * (m - 1) / 2 * 3;
	c->n = 0;
	c->total = 0;
	c->i = fb_xmalloc(cap * sizeof *c->i);
	c->j = fb_xmalloc(cap * sizeof *c->j);
	c->outcome = fb_xmalloc(cap * sizeof *c->outcome);
	c->count = fb_xmalloc(cap * sizeof *c->count);
	for (size_t i = 0; i < m; i++)
		for (size_t j = i + 1; j < m; j++) {
			uint64_t k[3] = { wins[i * m + j], wins[j * m + i], ties[i * m + j] };
			for (int o = 0; o < 3; o++)
				if (k[o] > 0) {
					c->i[c->n] = i;
					c->j[c->n] = j;
					c->outcome[c->n] = o;
					c->count[c->n++] = (double)k[o];
					c->total += (unsigned)k[o];
				}
		}
}

static void cells_free(struct cells *c)
{
	free(c->i);
	free(c->j);
	free(c->outcome);
	free(c->count);
}

/* Fills g->w from cell counts. */
static void games_from_cells(struct games *g, const struct cells *c, const unsigned *count)
{
	memset(g->w, 0, g->m * g->m * sizeof *g->w);
	for (size_t k = 0; k < c->n; k++) {
		size_t i = c->i[k], j = c->j[k];
		double n = count ? count[k] : c->count[k];
		if (c->outcome[k] == 0)
			g->w[i * g->m + j] += n;
		else if (c->outcome[k] == 1)
			g->w[j * g->m + i] += n;
		else {
			g->w[i * g->m + j] += n / 2;
			g->w[j * g->m + i] += n / 2;
		}
	}
}

static void bootstrap(struct games *g, const struct cells *c, const struct fb_stats_bt_opts *o,
                      struct fb_stats_bt_result *res)
{
	size_t m = g->m, kept = 0;
	double *reps = fb_xmalloc(m * o->bootstrap * sizeof *reps),
	       *beta = fb_xmalloc(m * sizeof *beta);
	unsigned *count = fb_xmalloc(c->n * sizeof *count);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, (unsigned long)o->seed);
	for (size_t r = 0; r < o->bootstrap; r++) {
		gsl_ran_multinomial(rng, c->n, c->total, c->count, count);
		games_from_cells(g, c, count);
		if (fit(g, beta) < 0) {
			res->dropped++;
			continue;
		}
		for (size_t i = 0; i < m; i++)
			reps[i * o->bootstrap + kept] = beta[i];
		kept++;
	}
	for (size_t i = 0; i < m && kept > 0; i++) {
		double *x = reps + i * o->bootstrap;
		gsl_sort(x, 1, kept);
		res->ci_low[i] =
		    gsl_stats_quantile_from_sorted_data(x, 1, kept, (1 - o->conf_level) / 2);
		res->ci_high[i] =
		    gsl_stats_quantile_from_sorted_data(x, 1, kept, (1 + o->conf_level) / 2);
	}
	gsl_rng_free(rng);
	free(reps);
	free(beta);
	free(count);
}

static int check(size_t m, const uint64_t *wins, const uint64_t *ties,
                 const struct fb_stats_bt_opts *o, struct fb_error *err)
{
	uint64_t total = 0;
	if (m < 2)
		return fb_error_set(err, 0, 0, "need at least two models"), -1;
	if (!(o->prior >= 0 && isfinite(o->prior)) || !(o->conf_level > 0 && o->conf_level < 1))
		return fb_error_set(err, 0, 0, "bad options"), -1;
	for (size_t i = 0; i < m; i++) {
		uint64_t games = 0;
		for (size_t j = 0; j < m; j++)
			if (j != i)
				games += wins[i * m + j] + wins[j * m + i] +
				         ties[i < j ? i * m + j : j * m + i];
		if (games == 0)
			return fb_error_set(err, 0, 0, "model %zu has no games", i + 1), -1;
		total += games;
	}
	if (total / 2 > UINT_MAX)
		return fb_error_set(err, 0, 0, "too many games (at most %u)", UINT_MAX), -1;
	return 0;
}

int fb_stats_bt_fit(size_t m, const uint64_t *wins, const uint64_t *ties,
                    const struct fb_stats_bt_opts *opts, struct fb_stats_bt_result *res,
                    struct fb_error *err)
{
	struct fb_stats_bt_opts o = FB_STATS_BT_OPTS_DEFAULT;
	struct cells c;
	struct games g;
	if (opts)
		o = *opts;
	memset(res, 0, sizeof *res);
	if (check(m, wins, ties, &o, err) < 0)
		return -1;
	res->models = m;
	res->strength = fb_xmalloc(m * sizeof *res->strength);
	res->ci_low = fb_xmalloc(m * sizeof *res->ci_low);
	res->ci_high = fb_xmalloc(m * sizeof *res->ci_high);
	for (size_t i = 0; i < m; i++)
		res->ci_low[i] = res->ci_high[i] = NAN;
	g.m = m;
	g.prior = o.prior;
	g.w = fb_xmalloc(m * m * sizeof *g.w);
	cells_init(&c, m, wins, ties);
	games_from_cells(&g, &c, NULL);
	res->iterations = fit(&g, res->strength);
	if (res->iterations < 0) {
		fb_error_set(err, 0, 0,
		             "no finite strengths: some models never lost or never won against the "
		             "rest (use a prior)");
	} else if (o.bootstrap > 0) {
		bootstrap(&g, &c, &o, res);
	}
	cells_free(&c);
	free(g.w);
	if (res->iterations < 0) {
		fb_stats_bt_result_free(res);
		return -1;
	}
	return 0;
}

void fb_stats_bt_result_free(struct fb_stats_bt_result *res)
{
	free(res->strength);
	free(res->ci_low);
	free(res->ci_high);
	memset(res, 0, sizeof *res);
}
