/* Statistics for comparing two variants of a product on user feedback:
 * hypothesis tests, confidence intervals, sample sizes, multiple-comparison
 * adjustment and a Bayesian probability. Every figure follows a named R 4.2
 * call (stats package) and matches it to about 1e-9 relative; each function
 * says which call it follows. This module is the only user of GSL.
 *
 * Conventions. Arm a is the control and arm b the treatment: differences,
 * intervals and "less"/"greater" are about b − a. Functions return 0, or -1
 * with err (which may be NULL) filled and *res unspecified; they never print
 * or exit and hold no global state. Nothing they return needs freeing; the
 * few that need scratch memory take it from fb_xmalloc() and free it before
 * returning. Options may be NULL for R's defaults (FB_STATS_OPTS_DEFAULT).
 *
 * GSL's error handler aborts by default, and changing it would be global
 * state, so this module leaves it alone: it checks its inputs before every
 * GSL call, and it does not call gsl_cdf_beta_Pinv(), which reaches the
 * handler on some large inputs.
 *
 * Streaming. The t tests take struct fb_stats_moments (count, mean and sum
 * of squared deviations), updated one value at a time and mergeable, so a
 * caller can keep constant memory per arm; proportion tests take counts. The
 * rank tests need the order of all values: they take arrays, or, for data
 * with few distinct values such as ratings, counts per value (the _tab
 * variants), which is again constant memory. */
#ifndef FB_STATS_H
#define FB_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "fb_error.h"

enum fb_stats_alternative {
	FB_STATS_TWO_SIDED, /* b − a differs from 0 */
	FB_STATS_LESS,      /* b − a < 0 */
	FB_STATS_GREATER,   /* b − a > 0 */
};

/* When the rank tests use their exact null distribution. */
enum fb_stats_exact {
	FB_STATS_EXACT_AUTO,   /* R's default: exact for fewer than 50 values an arm (pairs) */
	FB_STATS_EXACT_NEVER,  /* always the normal approximation */
	FB_STATS_EXACT_ALWAYS, /* exact whenever ties and zero differences allow */
};

struct fb_stats_opts {
	enum fb_stats_alternative alternative;
	double conf_level; /* in (0, 1) */
	int correct;       /* continuity correction, where the test has one */
	enum fb_stats_exact exact;
};

/* clang-format off */
#define FB_STATS_OPTS_DEFAULT {FB_STATS_TWO_SIDED, 0.95, 1, FB_STATS_EXACT_AUTO}
/* clang-format on */

/* Bits of struct fb_stats_result.method. */
#define FB_STATS_METHOD_EXACT 0x1u     /* exact null distribution */
#define FB_STATS_METHOD_CORRECTED 0x2u /* continuity correction applied */

/* One result shape for every test. Fields a test has no use for are NaN;
 * each function says what it fills. One-sided intervals have an infinite
 * bound (or the end of the parameter's range, as R gives). */
struct fb_stats_result {
	double statistic;
	double df;
	double p_value;
	double ci_low;
	double ci_high;
	double estimate;   /* the effect: b − a, an odds ratio or a share */
	double estimate_a; /* per-arm figure: mean or proportion */
	double estimate_b;
	double std_error; /* of the estimate, where the test uses one */
	unsigned method;  /* FB_STATS_METHOD_* bits */
};

/* Running count, mean and sum of squared deviations from the mean (M2) of
 * one arm: Welford's update and Chan et al.'s merge, which keep full
 * precision where a raw sum of squares would cancel. Start from
 * FB_STATS_MOMENTS_INIT. A non-finite value poisons the moments, and the
 * tests then refuse them. */
struct fb_stats_moments {
	uint64_t n;
	double mean;
	double m2;
};

/* clang-format off */
#define FB_STATS_MOMENTS_INIT {0, 0.0, 0.0}
/* clang-format on */

void fb_stats_moments_add(struct fb_stats_moments *m, double x);
/* Adds the values summarised by other into m, as if they had been added one
 * by one. */
void fb_stats_moments_merge(struct fb_stats_moments *m, const struct fb_stats_moments *other);
/* The sample variance M2 / (n − 1); NaN when n < 2. */
double fb_stats_moments_var(const struct fb_stats_moments *m);

/* Successes out of n trials in one arm. */
struct fb_stats_count {
	uint64_t n;
	uint64_t successes;
};

/* Paired binary outcomes: how many units succeeded under both variants,
 * under a only, under b only, under neither. */
struct fb_stats_pairs {
	uint64_t both;
	uint64_t a_only;
	uint64_t b_only;
	uint64_t neither;
};

/* Parses "two.sided" (also "two-sided"), "less" or "greater". Returns 0, or
 * -1 with err filled. */
int fb_stats_alternative_from_name(const char *name, enum fb_stats_alternative *out,
                                   struct fb_error *err);

/* --- t tests (R: t.test) --------------------------------------------- */

/* Welch's two-sample t test, t.test(b, a, var.equal = FALSE). Fills
 * statistic, df (Welch–Satterthwaite), p_value, ci for the difference of
 * means, estimate (mean_b − mean_a), estimate_a, estimate_b, std_error.
 * Needs two values in each arm and data that are not constant. */
int fb_stats_welch_t(const struct fb_stats_moments *a, const struct fb_stats_moments *b,
                     const struct fb_stats_opts *opts, struct fb_stats_result *res,
                     struct fb_error *err);

/* Student's two-sample t test with pooled variance, t.test(b, a,
 * var.equal = TRUE); the same fields, df = na + nb − 2. Needs one value in
 * each arm and three in all. */
int fb_stats_student_t(const struct fb_stats_moments *a, const struct fb_stats_moments *b,
                       const struct fb_stats_opts *opts, struct fb_stats_result *res,
                       struct fb_error *err);

/* Paired t test, t.test(b, a, paired = TRUE), from the moments of the
 * differences b[i] − a[i]. Fills statistic, df, p_value, ci, estimate (mean
 * difference), std_error. Needs two pairs. */
int fb_stats_paired_t(const struct fb_stats_moments *diff, const struct fb_stats_opts *opts,
                      struct fb_stats_result *res, struct fb_error *err);

/* --- proportions and counts ------------------------------------------- */

/* Two-sample test of equal proportions, prop.test(c(xb, xa), c(nb, na),
 * correct = opts->correct). Fills statistic (chi-squared, z²), df = 1,
 * p_value, ci for pb − pa (clamped to [−1, 1] as R does), estimate (pb − pa),
 * estimate_a, estimate_b. Needs n > 0 in each arm and a pooled proportion
 * strictly between 0 and 1. */
int fb_stats_prop_test(const struct fb_stats_count *a, const struct fb_stats_count *b,
                       const struct fb_stats_opts *opts, struct fb_stats_result *res,
                       struct fb_error *err);

/* One-sample test of a proportion against p, prop.test(x, n, p, correct =
 * opts->correct): statistic, df = 1, p_value, the Wilson score interval
 * (with R's continuity correction when asked), estimate x/n. Needs n > 0 and
 * 0 < p < 1. */
int fb_stats_prop_test1(const struct fb_stats_count *x, double p, const struct fb_stats_opts *opts,
                        struct fb_stats_result *res, struct fb_error *err);

/* The two-sided Wilson score interval for x->successes / x->n without
 * continuity correction, prop.test(x, n, correct = FALSE)$conf.int. */
int fb_stats_wilson(const struct fb_stats_count *x, double conf_level, double *lo, double *hi,
                    struct fb_error *err);

/* Fisher's exact test on the 2×2 table of the two arms, fisher.test(matrix(
 * c(xb, nb − xb, xa, na − xa), 2)). Fills p_value, estimate (the conditional
 * maximum-likelihood odds ratio, odds of b over odds of a; 0 or +inf at the
 * edges of the support), ci for the odds ratio. R finds the estimate and the
 * interval with uniroot() at its default tolerance, and so does this, step for
 * step, so the figures agree with R's rather than with the exact root. Keeps
 * two doubles per value of the support (at most min(na, nb) + 1 values). */
int fb_stats_fisher_exact(const struct fb_stats_count *a, const struct fb_stats_count *b,
                          const struct fb_stats_opts *opts, struct fb_stats_result *res,
                          struct fb_error *err);

/* McNemar's test of paired proportions, mcnemar.test(matrix(c(both, b_only,
 * a_only, neither), 2), correct = opts->correct). Fills statistic, df = 1,
 * p_value, estimate ((b_only − a_only) / pairs). Two-sided only, like R's;
 * needs a discordant pair. */
int fb_stats_mcnemar(const struct fb_stats_pairs *pairs, const struct fb_stats_opts *opts,
                     struct fb_stats_result *res, struct fb_error *err);

/* Exact binomial test of x successes in n trials against p, binom.test(x, n,
 * p). Fills p_value, estimate x/n and the Clopper–Pearson interval. Needs
 * 0 < n ≤ FB_STATS_BINOM_MAX_N (GSL's incomplete beta stops converging near
 * the centre at about 1.8 million trials) and 0 < p < 1. */
int fb_stats_binom_test(uint64_t x, uint64_t n, double p, const struct fb_stats_opts *opts,
                        struct fb_stats_result *res, struct fb_error *err);

#define FB_STATS_BINOM_MAX_N 1000000u

/* Sign test: binom_test(wins, wins + losses, 0.5), where a win is a pair in
 * which b did better; ties are left out by the caller. */
int fb_stats_sign_test(uint64_t wins, uint64_t losses, const struct fb_stats_opts *opts,
                       struct fb_stats_result *res, struct fb_error *err);

/* --- ratio metrics over clusters (delta method) ---------------------- */

/* The per-unit aggregates of one arm when the unit of randomisation (a
 * user) holds several records: k units, each with y (the sum of its values,
 * or its successes) and n (its number of values). Running means and
 * co-moments, updated like struct fb_stats_moments. Start from
 * FB_STATS_RATIO_INIT. */
struct fb_stats_ratio {
	uint64_t k;
	double mean_y, mean_n;
	double m2_y, m2_n, c_yn; /* sums of squared and cross deviations */
};

/* clang-format off */
#define FB_STATS_RATIO_INIT {0, 0.0, 0.0, 0.0, 0.0, 0.0}
/* clang-format on */

void fb_stats_ratio_add(struct fb_stats_ratio *r, double y, double n);

/* Merges other into r as if its units had been added to r: Chan et al.'s
 * pairwise update of means and co-moments, which may differ from adding
 * them one by one in the last bits. (The struct also serves as the
 * bivariate moments of a metric and its covariate, for CUPED.) */
void fb_stats_ratio_merge(struct fb_stats_ratio *r, const struct fb_stats_ratio *other);

/* The ratio of means R = Ybar / Nbar (the per-record mean) and its
 * delta-method variance (1 / (k Nbar²)) (s_y² − 2 R s_yn + R² s_n²), with
 * sample (co)variances over the k units. Returns 0, or -1 with err filled
 * when k < 2 or Nbar is not positive. */
int fb_stats_ratio_var(const struct fb_stats_ratio *r, double *ratio, double *var,
                       struct fb_error *err);

/* The z test of R_b − R_a with the delta-method variances of two
 * independent arms, and the normal interval for the difference: the
 * cluster-robust comparison of per-record means that experimentation
 * platforms use. Fills statistic (z), p_value, ci, estimate (R_b − R_a),
 * estimate_a, estimate_b, std_error; df is NaN. Needs two units in each
 * arm and a positive standard error. */
int fb_stats_ratio_z(const struct fb_stats_ratio *a, const struct fb_stats_ratio *b,
                     const struct fb_stats_opts *opts, struct fb_stats_result *res,
                     struct fb_error *err);

/* Chi-squared goodness of fit of k ≥ 2 counts to expected shares, as for a
 * sample-ratio-mismatch check: chisq.test(counts, p = shares). Fills
 * statistic, df = k − 1, p_value. Shares must be positive and sum to 1
 * within 1.5e-8, as R requires; they are used as given, not rescaled. */
int fb_stats_chisq_gof(const uint64_t *counts, const double *shares, size_t k,
                       struct fb_stats_result *res, struct fb_error *err);

/* --- rank tests (R: wilcox.test) -------------------------------------- */

/* Wilcoxon–Mann–Whitney rank-sum test, wilcox.test(b, a, exact, correct).
 * statistic is W, the rank sum of b minus nb(nb + 1)/2; estimate is W /
 * (na nb), the probability that a b value exceeds an a value, ties counting
 * half. Exact (method has FB_STATS_METHOD_EXACT) for untied data as opts->exact
 * says and up to FB_STATS_RANK_EXACT_MAX pairs of values; otherwise the
 * normal approximation with tie correction and, if opts->correct, continuity
 * correction. No interval. Values must be finite; needs a value in each arm
 * and data that are not all tied. */
int fb_stats_mann_whitney(const double *a, size_t na, const double *b, size_t nb,
                          const struct fb_stats_opts *opts, struct fb_stats_result *res,
                          struct fb_error *err);

/* The same test from counts per distinct value, in ascending order of value:
 * count_a[i] values of arm a and count_b[i] of arm b equal the i-th smallest
 * value. Levels with no values are allowed. */
int fb_stats_mann_whitney_tab(const uint64_t *count_a, const uint64_t *count_b, size_t nlevels,
                              const struct fb_stats_opts *opts, struct fb_stats_result *res,
                              struct fb_error *err);

/* Largest na·nb (Mann–Whitney) or n(n + 1)/2 (signed rank) for which the
 * exact distribution is computed; beyond it the normal approximation is used
 * whatever opts->exact says (R's default is exact below 50 a side). Up to
 * this size the exact p-values were checked against integer arithmetic to
 * 1e-13; past about 150 × 200 the floating-point counts lose digits. */
#define FB_STATS_RANK_EXACT_MAX 20000u

/* Wilcoxon signed-rank test on the pairs (a[i], b[i]), wilcox.test(b, a,
 * paired = TRUE, exact, correct). Zero differences are dropped, as R does.
 * statistic is V, the rank sum of the positive differences b[i] − a[i].
 * Exact for untied differences without zeros as opts->exact says; otherwise
 * the normal approximation with tie and optional continuity correction. No
 * interval or estimate. Needs one nonzero difference. */
int fb_stats_signed_rank(const double *a, const double *b, size_t n,
                         const struct fb_stats_opts *opts, struct fb_stats_result *res,
                         struct fb_error *err);

/* The same test from counts per distinct absolute difference, in ascending
 * order: neg[i] pairs with b − a = −d_i and pos[i] with b − a = +d_i; nzero
 * pairs with no difference. */
int fb_stats_signed_rank_tab(const uint64_t *neg, const uint64_t *pos, size_t nlevels,
                             uint64_t nzero, const struct fb_stats_opts *opts,
                             struct fb_stats_result *res, struct fb_error *err);

/* --- power and sample size (R: power.prop.test, power.t.test) --------- */

/* Bits for the power functions. */
#define FB_STATS_POWER_ONE_SIDED 0x1u /* alternative = "one.sided" */
#define FB_STATS_POWER_PAIRED 0x2u    /* power.t.test(type = "paired"): n pairs */

/* Power of the two-sample proportion test with n per arm, power.prop.test(n,
 * p1, p2, sig.level = alpha). Needs n ≥ 1, 0 < p1, p2 < 1, 0 < alpha < 1. */
int fb_stats_power_prop(double n, double p1, double p2, double alpha, unsigned flags, double *power,
                        struct fb_error *err);

/* Sample size per arm for the wanted power, power.prop.test(p1 = p1, p2 =
 * p2, power = power, sig.level = alpha)$n: found, as in R, by uniroot() on
 * [1, 1e7] with R's default tolerance, replayed step for step; like R, the
 * search widens past 1e7 when the effect is that small. Needs p1 ≠ p2 and a
 * power not yet reached at n = 1. */
int fb_stats_power_prop_n(double p1, double p2, double alpha, double power, unsigned flags,
                          double *n, struct fb_error *err);

/* Power of the t test with n per arm (or n pairs), power.t.test(n, delta,
 * sd, sig.level = alpha): the noncentral t distribution, computed with R's
 * algorithm (AS 243) since GSL has none. Needs n ≥ 2, sd > 0. */
int fb_stats_power_t(double n, double delta, double sd, double alpha, unsigned flags, double *power,
                     struct fb_error *err);

/* Sample size for the wanted power, power.t.test(delta = delta, sd = sd,
 * power = power, sig.level = alpha)$n, by uniroot() on [2, 1e7] as in R.
 * Needs delta ≠ 0. */
int fb_stats_power_t_n(double delta, double sd, double alpha, double power, unsigned flags,
                       double *n, struct fb_error *err);

/* --- multiple comparisons (R: p.adjust) ------------------------------- */

enum fb_stats_adjust {
	FB_STATS_ADJUST_NONE,
	FB_STATS_ADJUST_BONFERRONI,
	FB_STATS_ADJUST_HOLM,
	FB_STATS_ADJUST_HOCHBERG,
	FB_STATS_ADJUST_BH, /* Benjamini–Hochberg false discovery rate */
	FB_STATS_ADJUST_BY, /* Benjamini–Yekutieli */
};

/* Parses R's method names: "none", "bonferroni", "holm", "hochberg", "BH"
 * (also "bh", "fdr"), "BY" (also "by"). Returns 0, or -1 with err filled. */
int fb_stats_adjust_from_name(const char *name, enum fb_stats_adjust *out, struct fb_error *err);

/* p.adjust(p, method): writes n adjusted values to out (which may be p
 * itself). Every p must be in [0, 1]. */
int fb_stats_p_adjust(const double *p, size_t n, enum fb_stats_adjust method, double *out,
                      struct fb_error *err);

/* --- Bayesian comparison ---------------------------------------------- */

/* P(θb > θa) where θ ~ Beta(prior_alpha + successes, prior_beta + failures)
 * independently in each arm: the exact finite sum over one integer
 * parameter (Evan Miller's formula) with log-beta terms, which R's
 * integrate() of the two densities approximates. Needs a trial in each arm
 * (an empty arm is an error, not the prior), positive priors of which
 * prior_alpha or prior_beta is a whole number, and at most
 * FB_STATS_BAYES_MAX_TERMS terms (a term costs about 0.35 µs). */
int fb_stats_prob_b_better(const struct fb_stats_count *a, const struct fb_stats_count *b,
                           double prior_alpha, double prior_beta, double *prob,
                           struct fb_error *err);

#define FB_STATS_BAYES_MAX_TERMS 10000000u

/* The expected loss of choosing b, E[max(θa − θb, 0)], under the posteriors
 * of fb_stats_prob_b_better() and with its conditions: θa P(θa > θb) and
 * θb P(θa > θb) are, up to the posterior means, the same probabilities with
 * one shape parameter raised by 1, so the same exact sums give it. */
int fb_stats_expected_loss(const struct fb_stats_count *a, const struct fb_stats_count *b,
                           double prior_alpha, double prior_beta, double *loss,
                           struct fb_error *err);

/* The normal approximation for a difference of means d = mean_b − mean_a
 * with standard error se > 0 (flat priors): P(μb > μa) = Φ(d / se), and
 * the expected loss of choosing b, E[max(−D, 0)] for D ~ N(d, se²), which
 * is se φ(d / se) − d Φ(−d / se). */
int fb_stats_normal_prob_better(double d, double se, double *prob, double *loss,
                                struct fb_error *err);

/* === Bootstrap intervals and sequential tests (fb_stats_boot.c,
 * fb_stats_seq.c) ====================================================== */

/* --- bootstrap (Efron 1987; Efron and Tibshirani 1993, ch. 14) -------- */

/* What fb_stats_boot_means does. Each arm is resampled on its own, with
 * replacement, resamples times; the generator is GSL's gsl_rng_mt19937
 * set to seed, so the same data and seed give the same figures. */
struct fb_stats_boot_opts {
	uint64_t resamples; /* B, at least 2 */
	unsigned long seed;
	double conf_level; /* in (0, 1) */
	enum fb_stats_alternative alternative;
};

/* The bootstrap's own figures besides those of struct fb_stats_result. */
struct fb_stats_boot_info {
	double pct_low, pct_high; /* the percentile interval */
	double z0;                /* bias correction, Φ⁻¹ of the share of replicates below */
	double accel;             /* acceleration, from the jackknife */
};

/* The difference R_b − R_a of per-record means R = sum(y) / sum(n) over the
 * k units of each arm, unit i with value sum y[i] over n[i] records; with
 * n NULL every unit is one record and R is the mean of y. Draws k units
 * with replacement in each arm (first arm a, then b, in each replicate),
 * B times, and gives the BCa interval (ci_low, ci_high; Efron 1987) with
 * the acceleration from the jackknife over both arms, as
 * scipy.stats.bootstrap(method="BCa") computes it: quantiles of the
 * replicates interpolated linearly between order statistics (R's type 7,
 * numpy's default), z0 counting replicates equal to the estimate half.
 * p_value is the BCa interval inverted: the smallest level at which the
 * interval leaves out 0 (see fb_stats_boot_interval). Also fills
 * estimate, estimate_a, estimate_b and std_error (the standard deviation
 * of the replicates); statistic and df are NaN; info gets the percentile
 * interval, z0 and the acceleration. Values must be finite and n positive.
 * Needs two units in each arm and data that are not constant; fails when
 * every replicate lies on one side of the estimate (z0 infinite). Takes
 * B + max(ka, kb) doubles of scratch memory; time is O(B (ka + kb)). */
int fb_stats_boot_means(const double *ya, const double *na, size_t ka, const double *yb,
                        const double *nb, size_t kb, const struct fb_stats_boot_opts *opts,
                        struct fb_stats_result *res, struct fb_stats_boot_info *info,
                        struct fb_error *err);

/* The interval part of fb_stats_boot_means, for replicates got elsewhere:
 * sorts reps (B of them) in place and, from the estimate and the
 * acceleration, fills ci_low, ci_high, p_value, estimate, std_error and
 * info. The p-value: with G the share of replicates below 0 (ties half,
 * kept within [1/(2B), 1 − 1/(2B)]), g = Φ⁻¹(G) and w = g − z0, the BCa
 * bound at level α is 0 when Φ⁻¹(α) = w / (1 + a w) − z0 =: z*; so
 * P(greater) = Φ(z*), P(less) = 1 − Φ(z*), two-sided twice the smaller.
 * With a = z0 = 0 it is the percentile p-value, G for "greater". */
int fb_stats_boot_interval(double estimate, double *reps, size_t B, double accel, double conf_level,
                           enum fb_stats_alternative alt, struct fb_stats_result *res,
                           struct fb_stats_boot_info *info, struct fb_error *err);

/* --- sequential tests: mixture SPRT ------------------------------------ */

/* The mixture sequential probability ratio test of Johari, Koomen,
 * Pekelis and Walsh ("Peeking at A/B tests", KDD 2017) with a normal
 * mixing distribution N(0, τ²) over the difference θ, on an estimate θ̂
 * with variance v:
 *
 *     Λ = sqrt(v / (v + τ²)) exp(τ² θ̂² / (2 v (v + τ²)))
 *
 * The always-valid p-value is min(1, 1/Λ) at the current look (not the
 * running minimum over looks, which needs every past look); by Ville's
 * inequality P(Λ ever ≥ 1/α) ≤ α under the null, so it is valid at any
 * stopping time. The confidence sequence is
 *
 *     θ̂ ± sqrt(v (v + τ²) / τ² (log((v + τ²) / v) − 2 log(1 − conf_level)))
 *
 * which leaves out 0 exactly when p ≤ 1 − conf_level. τ² follows
 * GrowthBook: τ² = ρ² N v, with N the values (or units) of both arms and
 * ρ² = (−2 log α + log(1 − 2 log α)) / tuning, which makes the sequence
 * tightest at N = tuning (Waudby-Smith et al. 2023, eq. 161). The figures
 * assume a normal θ̂ with v estimated, as those platforms do: they hold
 * asymptotically. Two-sided only. */
struct fb_stats_seq_opts {
	double tuning;     /* N at which the sequence is tightest; > 0 */
	double alpha;      /* the α of ρ, in (0, 1) */
	double conf_level; /* of the confidence sequence, in (0, 1) */
};

#define FB_STATS_SEQ_TUNING_DEFAULT 5000.0

/* The mSPRT on an estimate of variance var from n_total values. Fills
 * statistic (z = θ̂ / sqrt(v)), p_value, ci (the confidence sequence),
 * estimate and std_error; *tau2 (may be NULL) gets τ². Needs a positive,
 * finite var and n_total. */
int fb_stats_msprt(double estimate, double var, double n_total, const struct fb_stats_seq_opts *o,
                   struct fb_stats_result *res, double *tau2, struct fb_error *err);

/* The mSPRT of pb − pa with the unpooled variance pa(1 − pa)/na +
 * pb(1 − pb)/nb; estimate_a and estimate_b are the proportions. Needs a
 * trial in each arm and a proportion strictly between 0 and 1 in one. */
int fb_stats_msprt_prop(const struct fb_stats_count *a, const struct fb_stats_count *b,
                        const struct fb_stats_seq_opts *o, struct fb_stats_result *res,
                        double *tau2, struct fb_error *err);

/* The mSPRT of mean_b − mean_a with Welch's variance sa²/na + sb²/nb.
 * Needs two values in each arm and data that are not constant. */
int fb_stats_msprt_mean(const struct fb_stats_moments *a, const struct fb_stats_moments *b,
                        const struct fb_stats_seq_opts *o, struct fb_stats_result *res,
                        double *tau2, struct fb_error *err);

/* The mSPRT of R_b − R_a, per-record means over units with the
 * delta-method variance (fb_stats_ratio_var); N counts units. */
int fb_stats_msprt_ratio(const struct fb_stats_ratio *a, const struct fb_stats_ratio *b,
                         const struct fb_stats_seq_opts *o, struct fb_stats_result *res,
                         double *tau2, struct fb_error *err);

#endif
