/* P(θb > θa) for independent Beta posteriors of two success rates.
 *
 * With θa ~ Beta(αa, βa) and θb ~ Beta(αb, βb) and αb a whole number,
 *
 *   P(θb > θa) = Σ_{i=0}^{αb−1} B(αa + i, βa + βb) / ((βb + i) B(1 + i, βb) B(αa, βa))
 *
 * (Evan Miller, "Formulas for Bayesian A/B testing"). Since θb > θa exactly
 * when 1 − θa > 1 − θb, and 1 − θ ~ Beta(β, α), the same sum over a whole βa
 * gives the probability too, with the roles of α and β swapped and of the
 * arms exchanged. Every term is positive, so the sum has no cancellation;
 * the terms go through gsl_sf_lnbeta() to stay in range for large counts. */
#include "fb_stats.h"
#include "fb_stats_impl.h"

#include <math.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

/* Σ_{i<k} B(a1 + i, b1 + b2) / ((b2 + i) B(1 + i, b2) B(a1, b1)): the
 * probability that Beta(k, b2) exceeds Beta(a1, b1). */
static double miller_sum(double k, double b2, double a1, double b1)
{
	long double sum = 0;
	double base = gsl_sf_lnbeta(a1, b1), i;

	for (i = 0; i < k; i++)
		sum += exp(gsl_sf_lnbeta(a1 + i, b1 + b2) - log(b2 + i) - gsl_sf_lnbeta(1 + i, b2) -
		           base);
	return (double)sum;
}

int fb_stats_prob_b_better(const struct fb_stats_count *a, const struct fb_stats_count *b,
                           double prior_alpha, double prior_beta, double *prob,
                           struct fb_error *err)
{
	double aa, ba, ab, bb;
	int use_alpha, use_beta;

	if (a->n == 0 || b->n == 0) {
		fb_error_set(err, 0, 0, "arm %s is empty", a->n == 0 ? "a" : "b");
		return -1;
	}
	if (a->successes > a->n || b->successes > b->n) {
		fb_error_set(err, 0, 0, "more successes than trials");
		return -1;
	}
	if (!(prior_alpha > 0 && prior_beta > 0) || !isfinite(prior_alpha) ||
	    !isfinite(prior_beta)) {
		fb_error_set(err, 0, 0, "prior parameters must be positive");
		return -1;
	}
	aa = prior_alpha + (double)a->successes;
	ba = prior_beta + (double)(a->n - a->successes);
	ab = prior_alpha + (double)b->successes;
	bb = prior_beta + (double)(b->n - b->successes);
	use_alpha = floor(prior_alpha) == prior_alpha && ab <= FB_STATS_BAYES_MAX_TERMS;
	use_beta = floor(prior_beta) == prior_beta && ba <= FB_STATS_BAYES_MAX_TERMS;
	if (!use_alpha && !use_beta) {
		fb_error_set(err, 0, 0, "needs a whole-number prior parameter and at most %u terms",
		             FB_STATS_BAYES_MAX_TERMS);
		return -1;
	}
	/* The shorter of the two sums. */
	if (use_alpha && (!use_beta || ab <= ba))
		*prob = miller_sum(ab, bb, aa, ba);
	else
		*prob = miller_sum(ba, aa, bb, ab);
	return 0;
}

/* One more success in an arm: its α raised by 1. */
static struct fb_stats_count plus_one(const struct fb_stats_count *c)
{
	struct fb_stats_count d = { c->n + 1, c->successes + 1 };
	return d;
}

int fb_stats_expected_loss(const struct fb_stats_count *a, const struct fb_stats_count *b,
                           double prior_alpha, double prior_beta, double *loss,
                           struct fb_error *err)
{
	struct fb_stats_count a1 = plus_one(a), b1 = plus_one(b);
	double mean_a, mean_b, p_a1_wins, p_a_wins_b1;

	/* E[θa 1(θa > θb)] = mean_a P(θa' > θb) with θa' ~ Beta(αa + 1, βa),
	 * and E[θb 1(θa > θb)] = mean_b P(θa > θb'), alike. */
	if (fb_stats_prob_b_better(&a1, b, prior_alpha, prior_beta, &p_a1_wins, err) < 0 ||
	    fb_stats_prob_b_better(a, &b1, prior_alpha, prior_beta, &p_a_wins_b1, err) < 0)
		return -1;
	mean_a = (prior_alpha + (double)a->successes) / (prior_alpha + prior_beta + (double)a->n);
	mean_b = (prior_alpha + (double)b->successes) / (prior_alpha + prior_beta + (double)b->n);
	*loss = mean_a * (1 - p_a1_wins) - mean_b * (1 - p_a_wins_b1);
	if (*loss < 0)
		*loss = 0; /* rounding, when the two terms are nearly equal */
	return 0;
}

int fb_stats_normal_prob_better(double d, double se, double *prob, double *loss,
                                struct fb_error *err)
{
	if (!isfinite(d) || !(se > 0) || !isfinite(se)) {
		fb_error_set(err, 0, 0, "the normal approximation needs a positive standard error");
		return -1;
	}
	*prob = fb_stats_pnorm(d / se);
	*loss = se * gsl_ran_ugaussian_pdf(d / se) - d * fb_stats_pnorm(-d / se);
	return 0;
}
