#include "fb_abtest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_abtest_seqboot.h"
#include "fb_alloc.h"
#include "fb_cuped.h"

static const char *const method_names[] = {
	"auto",         "prop",      "prop-nocorrect", "fisher",   "welch",   "student",
	"mann-whitney", "bootstrap", "paired-t",       "wilcoxon", "mcnemar", "mcnemar-nocorrect",
	"sign",         "delta",     "msprt",
};

int fb_abtest_method_from_name(const char *name, enum fb_abtest_method *out, struct fb_error *err)
{
	size_t i;

	for (i = 0; i < FB_ABTEST_DELTA; i++)
		if (strcmp(name, method_names[i]) == 0) {
			*out = (enum fb_abtest_method)i;
			return 0;
		}
	fb_error_set(err, 0, 0, "unknown method '%s'", name);
	return -1;
}

const char *fb_abtest_method_name(enum fb_abtest_method m)
{
	return method_names[m];
}

int fb_abtest_method_is_binary(enum fb_abtest_method m)
{
	return m <= FB_ABTEST_FISHER || (m >= FB_ABTEST_MCNEMAR && m <= FB_ABTEST_SIGN);
}

int fb_abtest_method_is_paired(enum fb_abtest_method m)
{
	return m >= FB_ABTEST_PAIRED_T && m <= FB_ABTEST_SIGN;
}

const char *fb_abtest_decision_name(enum fb_abtest_decision d)
{
	return d == FB_ABTEST_BETTER ? "better" : d == FB_ABTEST_WORSE ? "worse" : "inconclusive";
}

static void clear_result(struct fb_stats_result *r)
{
	r->statistic = r->df = r->p_value = r->ci_low = r->ci_high = NAN;
	r->estimate = r->estimate_a = r->estimate_b = r->std_error = NAN;
	r->method = 0;
}

/* The smallest expected count of the 2×2 table under equal proportions. */
static double min_expected(const struct fb_stats_count *a, const struct fb_stats_count *b)
{
	double n = (double)(a->n + b->n), x = (double)(a->successes + b->successes);
	double p = x / n, lo = fmin(p, 1 - p);

	return fmin((double)a->n, (double)b->n) * lo;
}

static void binary_row(struct fb_abtest_row *row, const struct fb_arm *a, const struct fb_arm *b,
                       const struct fb_abtest_config *cfg)
{
	struct fb_stats_opts opts = cfg->opts;
	struct fb_error err;
	int rc;

	row->method = cfg->binary_method;
	if (row->method == FB_ABTEST_AUTO)
		row->method = min_expected(&a->count, &b->count) < FB_ABTEST_FISHER_BELOW
		                  ? FB_ABTEST_FISHER
		                  : FB_ABTEST_PROP;
	fb_abtest_binary_extras(row, a, b, opts.conf_level);
	opts.correct = row->method != FB_ABTEST_PROP_NOCORRECT;
	if (row->method == FB_ABTEST_FISHER)
		rc = fb_stats_fisher_exact(&a->count, &b->count, &opts, &row->test, &err);
	else
		rc = fb_stats_prop_test(&a->count, &b->count, &opts, &row->test, &err);
	if (rc < 0) {
		clear_result(&row->test);
		snprintf(row->note, sizeof row->note, "%s", err.text);
		return;
	}
	row->tested = 1;
}

static void mean_row(struct fb_abtest_row *row, const struct fb_arm *a, const struct fb_arm *b,
                     const struct fb_abtest_config *cfg)
{
	struct fb_error err;
	int rc;

	row->method = cfg->mean_method;
	if (row->method == FB_ABTEST_BOOTSTRAP) {
		fb_abtest_boot_values(row, a, b, cfg);
		return;
	}
	if (row->method == FB_ABTEST_MANN_WHITNEY)
		rc = fb_stats_mann_whitney(a->values, a->nvalues, b->values, b->nvalues, &cfg->opts,
		                           &row->test, &err);
	else if (row->method == FB_ABTEST_STUDENT)
		rc = fb_stats_student_t(&a->moments, &b->moments, &cfg->opts, &row->test, &err);
	else
		rc = fb_stats_welch_t(&a->moments, &b->moments, &cfg->opts, &row->test, &err);
	if (rc < 0) {
		clear_result(&row->test);
		snprintf(row->note, sizeof row->note, "%s", err.text);
		return;
	}
	row->tested = 1;
	if (row->method != FB_ABTEST_MANN_WHITNEY)
		(void)fb_stats_normal_prob_better(row->test.estimate, row->test.std_error,
		                                  &row->prob_variant_better, &row->expected_loss,
		                                  NULL);
}

/* The t test the mean method names, on moments. */
static int t_test(const struct fb_stats_moments *a, const struct fb_stats_moments *b,
                  const struct fb_abtest_config *cfg, struct fb_stats_result *res,
                  struct fb_error *err)
{
	if (cfg->mean_method == FB_ABTEST_STUDENT)
		return fb_stats_student_t(a, b, &cfg->opts, res, err);
	return fb_stats_welch_t(a, b, &cfg->opts, res, err);
}

/* 1 − (adjusted / plain) variance of the difference, from the standard
 * errors of the two tests. */
static double reduction(double se_adjusted, double se_plain)
{
	return 1 - (se_adjusted * se_adjusted) / (se_plain * se_plain);
}

/* A row that could not be tested, with the reason. */
static void untested(struct fb_abtest_row *row, const struct fb_error *err)
{
	clear_result(&row->test);
	snprintf(row->note, sizeof row->note, "%s", err->text);
}

/* The ratio of an arm's sums, NaN when there is none. */
static double ratio_of(const struct fb_stats_ratio *r)
{
	return r->k && r->mean_n != 0 ? r->mean_y / r->mean_n : NAN;
}

/* A ratio metric over records: the delta method on the arms' (numerator,
 * denominator) moments, each record a unit. */
static void ratio_row(struct fb_abtest_row *row, const struct fb_arm *a, const struct fb_arm *b,
                      const struct fb_abtest_config *cfg)
{
	struct fb_error err;

	row->method = cfg->sequential ? FB_ABTEST_MSPRT : FB_ABTEST_DELTA;
	row->n_control = a->xy.k;
	row->n_variant = b->xy.k;
	row->estimate_control = ratio_of(&a->xy);
	row->estimate_variant = ratio_of(&b->xy);
	if (a->xy.k == 0 || b->xy.k == 0)
		snprintf(row->note, sizeof row->note, "no values in the %s arm",
		         a->xy.k == 0 ? "control" : "variant");
	else if (cfg->sequential)
		fb_abtest_seq_units(row, &a->xy, &b->xy, cfg);
	else if (fb_stats_ratio_z(&a->xy, &b->xy, &cfg->opts, &row->test, &err) < 0)
		untested(row, &err);
	else
		row->tested = 1;
	if (row->tested) {
		row->estimate_control = row->test.estimate_a;
		row->estimate_variant = row->test.estimate_b;
	}
}

/* A binary or mean metric over records with a covariate: the mean method's
 * t test on the CUPED-adjusted moments. */
static void cuped_row(struct fb_abtest_row *row, const struct fb_arm *a, const struct fb_arm *b,
                      const struct fb_abtest_config *cfg)
{
	struct fb_stats_moments ma, mb;
	struct fb_stats_result plain;
	struct fb_error err;
	double mean_x;

	row->method = cfg->mean_method;
	if (fb_cuped_moments(&a->xy, &b->xy, &ma, &mb, &row->theta, &mean_x, &err) < 0 ||
	    t_test(&ma, &mb, cfg, &row->test, &err) < 0) {
		untested(row, &err);
		return;
	}
	row->tested = 1;
	row->estimate_control = row->test.estimate_a;
	row->estimate_variant = row->test.estimate_b;
	if (t_test(&a->moments, &b->moments, cfg, &plain, NULL) == 0)
		row->variance_reduction = reduction(row->test.std_error, plain.std_error);
}

/* The rows of ratio metrics, and with a covariate those of arms with
 * values, whose estimates are not the arms' plain means. Returns 1 when it
 * made the row, else 0. */
static int ratio_or_cuped(struct fb_abtest_row *row, const struct fb_arm *a, const struct fb_arm *b,
                          const struct fb_abtest_config *cfg)
{
	if (row->kind == FB_METRIC_RATIO) {
		ratio_row(row, a, b, cfg);
	} else if (cfg->cuped && a->moments.n && b->moments.n) {
		cuped_row(row, a, b, cfg);
	} else {
		return 0;
	}
	row->difference = row->estimate_variant - row->estimate_control;
	row->relative_difference =
	    row->estimate_control != 0 ? row->difference / fabs(row->estimate_control) : NAN;
	return 1;
}

static void compare_one(struct fb_abtest_row *row, const struct fb_arm *a, const struct fb_arm *b,
                        const struct fb_abtest_config *cfg)
{
	row->n_control = a->moments.n;
	row->n_variant = b->moments.n;
	row->estimate_control = a->moments.n ? a->moments.mean : NAN;
	row->estimate_variant = b->moments.n ? b->moments.mean : NAN;
	if (row->kind == FB_METRIC_BINARY) {
		/* The exact share, not the running mean, which may differ in
		 * the last bit. */
		if (a->count.n)
			row->estimate_control = (double)a->count.successes / (double)a->count.n;
		if (b->count.n)
			row->estimate_variant = (double)b->count.successes / (double)b->count.n;
	}
	row->difference = row->estimate_variant - row->estimate_control;
	row->relative_difference =
	    row->estimate_control != 0 ? row->difference / fabs(row->estimate_control) : NAN;
	if (ratio_or_cuped(row, a, b, cfg))
		return;
	if (a->moments.n == 0 || b->moments.n == 0) {
		row->method = cfg->cuped ? cfg->mean_method
		              : row->kind == FB_METRIC_BINARY
		                  ? (cfg->binary_method == FB_ABTEST_AUTO ? FB_ABTEST_PROP
		                                                          : cfg->binary_method)
		                  : cfg->mean_method;
		snprintf(row->note, sizeof row->note, "no values in the %s arm",
		         a->moments.n == 0 ? "control" : "variant");
		if (cfg->sequential)
			row->method = FB_ABTEST_MSPRT;
		return;
	}
	if (cfg->sequential)
		fb_abtest_seq_arms(row, a, b, cfg);
	else if (row->kind == FB_METRIC_BINARY)
		binary_row(row, a, b, cfg);
	else
		mean_row(row, a, b, cfg);
}

static void paired_binary(struct fb_abtest_row *row, const double *a, const double *b, size_t n,
                          const struct fb_abtest_config *cfg)
{
	struct fb_stats_pairs p = { 0, 0, 0, 0 };
	struct fb_stats_count ca, cb;
	struct fb_stats_opts opts = cfg->opts;
	struct fb_error err;
	double lo, hi;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		p.both += a[i] != 0 && b[i] != 0;
		p.a_only += a[i] != 0 && b[i] == 0;
		p.b_only += a[i] == 0 && b[i] != 0;
		p.neither += a[i] == 0 && b[i] == 0;
	}
	row->control_only = p.a_only;
	row->variant_only = p.b_only;
	ca.n = cb.n = n;
	ca.successes = p.both + p.a_only;
	cb.successes = p.both + p.b_only;
	row->method = cfg->binary_method;
	if (n == 0)
		return;
	row->estimate_control = (double)ca.successes / (double)n;
	row->estimate_variant = (double)cb.successes / (double)n;
	/* Exactly (b_only − a_only) / n, McNemar's estimate. */
	row->difference = ((double)p.b_only - (double)p.a_only) / (double)n;
	if (fb_stats_wilson(&ca, opts.conf_level, &lo, &hi, NULL) == 0) {
		row->wilson_control[0] = lo;
		row->wilson_control[1] = hi;
	}
	if (fb_stats_wilson(&cb, opts.conf_level, &lo, &hi, NULL) == 0) {
		row->wilson_variant[0] = lo;
		row->wilson_variant[1] = hi;
	}
	opts.correct = row->method != FB_ABTEST_MCNEMAR_NOCORRECT;
	if (row->method == FB_ABTEST_SIGN)
		rc = fb_stats_sign_test(p.b_only, p.a_only, &opts, &row->test, &err);
	else
		rc = fb_stats_mcnemar(&p, &opts, &row->test, &err);
	if (rc < 0) {
		clear_result(&row->test);
		snprintf(row->note, sizeof row->note, "%s", err.text);
		return;
	}
	row->tested = 1;
}

static void paired_mean(struct fb_abtest_row *row, const double *a, const double *b, size_t n,
                        const struct fb_abtest_config *cfg)
{
	struct fb_stats_moments ma = FB_STATS_MOMENTS_INIT, mb = FB_STATS_MOMENTS_INIT;
	struct fb_stats_moments d = FB_STATS_MOMENTS_INIT;
	struct fb_error err;
	size_t i, nonzero = 0;
	int rc;

	for (i = 0; i < n; i++) {
		fb_stats_moments_add(&ma, a[i]);
		fb_stats_moments_add(&mb, b[i]);
		fb_stats_moments_add(&d, b[i] - a[i]);
		nonzero += b[i] != a[i];
	}
	row->method = cfg->mean_method;
	if (n == 0)
		return;
	row->estimate_control = ma.mean;
	row->estimate_variant = mb.mean;
	/* The mean of the differences, the paired t test's estimate. */
	row->difference = d.mean;
	row->null_statistic = (double)nonzero * (double)(nonzero + 1) / 4;
	if (row->method == FB_ABTEST_WILCOXON)
		rc = fb_stats_signed_rank(a, b, n, &cfg->opts, &row->test, &err);
	else
		rc = fb_stats_paired_t(&d, &cfg->opts, &row->test, &err);
	if (rc < 0) {
		clear_result(&row->test);
		snprintf(row->note, sizeof row->note, "%s", err.text);
		return;
	}
	row->tested = 1;
}

/* A comparison of a paired design: on the pairs with a value under both
 * variants. */
static void compare_paired(struct fb_abtest_row *row, const struct fb_arms *arms,
                           const struct fb_abtest_config *cfg)
{
	double *a, *b;
	size_t n = fb_arms_pairs(arms, row->segment, cfg->control, row->variant, row->metric, &a,
	                         &b, &row->n_unpaired);

	row->n_control = row->n_variant = n;
	row->estimate_control = row->estimate_variant = row->difference = NAN;
	if (row->kind == FB_METRIC_BINARY)
		paired_binary(row, a, b, n, cfg);
	else
		paired_mean(row, a, b, n, cfg);
	row->relative_difference =
	    row->estimate_control != 0 ? row->difference / fabs(row->estimate_control) : NAN;
	if (n == 0)
		snprintf(row->note, sizeof row->note, "no pairs with a value under both variants");
	free(a);
	free(b);
}

/* The CUPED comparison of units: the delta method on the units' adjusted
 * sums; a and b are the plain aggregates. */
static void cuped_units(struct fb_abtest_row *row, const struct fb_arms *arms,
                        const struct fb_stats_ratio *a, const struct fb_stats_ratio *b,
                        const struct fb_abtest_config *cfg)
{
	struct fb_cuped_units u[2];
	struct fb_stats_ratio adj[2];
	struct fb_stats_result plain;
	double *y[2], *n[2], *x[2], mean_x;
	struct fb_error err;
	size_t i;

	u[0].k =
	    fb_arms_unit_values(arms, row->segment, cfg->control, row->metric, &y[0], &n[0], &x[0]);
	u[1].k =
	    fb_arms_unit_values(arms, row->segment, row->variant, row->metric, &y[1], &n[1], &x[1]);
	for (i = 0; i < 2; i++) {
		u[i].y = y[i];
		u[i].n = n[i];
		u[i].x = x[i];
	}
	if (fb_cuped_units(&u[0], &u[1], &adj[0], &adj[1], &row->theta, &mean_x, &err) < 0 ||
	    fb_stats_ratio_z(&adj[0], &adj[1], &cfg->opts, &row->test, &err) < 0) {
		untested(row, &err);
	} else {
		row->tested = 1;
		row->estimate_control = row->test.estimate_a;
		row->estimate_variant = row->test.estimate_b;
		if (fb_stats_ratio_z(a, b, &cfg->opts, &plain, NULL) == 0)
			row->variance_reduction = reduction(row->test.std_error, plain.std_error);
	}
	for (i = 0; i < 2; i++) {
		free(y[i]);
		free(n[i]);
		free(x[i]);
	}
}

/* A comparison of a design with a unit of randomisation: the per-record
 * means over the units of each arm (for a binary metric y is the unit's
 * successes), compared with the delta method. */
static void compare_units(struct fb_abtest_row *row, const struct fb_arms *arms,
                          const struct fb_abtest_config *cfg)
{
	struct fb_stats_ratio a, b;
	struct fb_error err;

	fb_arms_units(arms, row->segment, cfg->control, row->metric, &a, &row->n_control);
	fb_arms_units(arms, row->segment, row->variant, row->metric, &b, &row->n_variant);
	row->units_control = a.k;
	row->units_variant = b.k;
	row->method = FB_ABTEST_DELTA;
	if (cfg->sequential)
		row->method = FB_ABTEST_MSPRT;
	else if (row->kind == FB_METRIC_MEAN && cfg->mean_method == FB_ABTEST_BOOTSTRAP)
		row->method = FB_ABTEST_BOOTSTRAP;
	row->estimate_control = ratio_of(&a);
	row->estimate_variant = ratio_of(&b);
	if (a.k && b.k && cfg->sequential) {
		fb_abtest_seq_units(row, &a, &b, cfg);
	} else if (a.k && b.k && row->kind == FB_METRIC_MEAN &&
	           cfg->mean_method == FB_ABTEST_BOOTSTRAP) {
		fb_abtest_boot_units(row, arms, cfg);
	} else if (a.k && b.k && cfg->cuped && row->kind != FB_METRIC_RATIO) {
		cuped_units(row, arms, &a, &b, cfg);
	} else if (a.k && b.k && fb_stats_ratio_z(&a, &b, &cfg->opts, &row->test, &err) == 0) {
		/* The test's own figures, the same as the row's. */
		row->estimate_control = row->test.estimate_a;
		row->estimate_variant = row->test.estimate_b;
		row->tested = 1;
	} else if (a.k == 0 || b.k == 0) {
		snprintf(row->note, sizeof row->note, "no values in the %s arm",
		         a.k == 0 ? "control" : "variant");
	} else {
		clear_result(&row->test);
		snprintf(row->note, sizeof row->note, "%s", err.text);
	}
	row->difference = row->estimate_variant - row->estimate_control;
	row->relative_difference =
	    row->estimate_control != 0 ? row->difference / fabs(row->estimate_control) : NAN;
}

/* The direction of the effect: > 0 when the variant's values are higher. */
static double direction(const struct fb_abtest_row *row)
{
	if (row->method == FB_ABTEST_MANN_WHITNEY)
		return row->test.estimate - 0.5;
	if (row->method == FB_ABTEST_WILCOXON)
		return row->test.statistic - row->null_statistic;
	return row->difference;
}

static void decide(struct fb_abtest_row *row, const struct fb_abtest_config *cfg)
{
	double d = direction(row);

	row->decision = FB_ABTEST_INCONCLUSIVE;
	if (!row->tested || !(row->p_adjusted < cfg->alpha) || d == 0 || isnan(d))
		return;
	if (cfg->lower_is_better && cfg->lower_is_better[row->metric])
		d = -d;
	row->decision = d > 0 ? FB_ABTEST_BETTER : FB_ABTEST_WORSE;
}

struct fb_abtest_row *fb_abtest_compare(const struct fb_arms *arms,
                                        const struct fb_metric *const *metrics,
                                        const struct fb_abtest_config *cfg, size_t *nrows)
{
	size_t nseg = fb_arms_nsegments(arms), nvar = fb_arms_nvariants(arms);
	size_t nmet = fb_arms_nmetrics(arms), n = 0, np = 0, s, m, v, i;
	struct fb_abtest_row *rows, *row;
	double *p;

	rows = fb_xcalloc(nseg * nmet * nvar + 1, sizeof *rows);
	for (s = 0; s < nseg; s++)
		for (m = 0; m < nmet; m++)
			for (v = 0; v < nvar; v++) {
				if (v == cfg->control)
					continue;
				row = &rows[n++];
				row->segment = s;
				row->metric = m;
				row->variant = v;
				row->kind = fb_metric_kind(metrics[m]);
				row->wilson_control[0] = row->wilson_control[1] = NAN;
				row->wilson_variant[0] = row->wilson_variant[1] = NAN;
				row->prob_variant_better = row->expected_loss = NAN;
				row->theta = row->variance_reduction = NAN;
				row->p_adjusted = NAN;
				row->null_statistic = NAN;
				row->boot.pct_low = row->boot.pct_high = NAN;
				row->boot.z0 = row->boot.accel = row->mixing_variance = NAN;
				clear_result(&row->test);
				if (cfg->paired)
					compare_paired(row, arms, cfg);
				else if (cfg->unit)
					compare_units(row, arms, cfg);
				else
					compare_one(row, fb_arms_get(arms, s, cfg->control, m),
					            fb_arms_get(arms, s, v, m), cfg);
			}
	p = fb_xcalloc(n + 1, sizeof *p);
	for (i = 0; i < n; i++)
		if (rows[i].tested)
			p[np++] = rows[i].test.p_value;
	if (fb_stats_p_adjust(p, np, cfg->adjust, p, NULL) == 0)
		for (i = 0, np = 0; i < n; i++)
			if (rows[i].tested)
				rows[i].p_adjusted = p[np++];
	free(p);
	for (i = 0; i < n; i++)
		decide(&rows[i], cfg);
	*nrows = n;
	return rows;
}

json_t *fb_abtest_json_figure(double x)
{
	if (isnan(x))
		return json_null();
	if (isinf(x))
		return json_string(x > 0 ? "inf" : "-inf");
	return json_real(x);
}

static json_t *pair(const double *x)
{
	if (isnan(x[0]) || isnan(x[1]))
		return json_null();
	return json_pack("[oo]", fb_abtest_json_figure(x[0]), fb_abtest_json_figure(x[1]));
}

json_t *fb_abtest_row_json(const struct fb_abtest_row *row, const struct fb_arms *arms,
                           const struct fb_metric *const *metrics,
                           const struct fb_abtest_config *cfg, int segmented)
{
	const struct fb_stats_result *t = &row->test;
	int fisher = row->method == FB_ABTEST_FISHER, mw = row->method == FB_ABTEST_MANN_WHITNEY;
	int wx = row->method == FB_ABTEST_WILCOXON, sign = row->method == FB_ABTEST_SIGN;
	/* Only the t and proportion tests have an interval for the difference. */
	int noci = fisher || mw || wx || sign;
	double ci[2] = { noci ? NAN : t->ci_low, noci ? NAN : t->ci_high };
	json_t *o = json_object();

	json_object_set_new(o, "record", json_string("comparison"));
	json_object_set_new(o, "metric", json_string(fb_metric_name(metrics[row->metric])));
	json_object_set_new(o, "type",
	                    json_string(row->kind == FB_METRIC_BINARY  ? "binary"
	                                : row->kind == FB_METRIC_RATIO ? "ratio"
	                                                               : "mean"));
	json_object_set_new(o, "segment",
	                    segmented ? json_string(fb_arms_segment_name(arms, row->segment))
	                              : json_null());
	json_object_set_new(o, "control", json_string(fb_arms_variant_name(arms, cfg->control)));
	json_object_set_new(o, "variant", json_string(fb_arms_variant_name(arms, row->variant)));
	json_object_set_new(o, "n_control", json_integer((json_int_t)row->n_control));
	json_object_set_new(o, "n_variant", json_integer((json_int_t)row->n_variant));
	if (cfg->paired) {
		json_object_set_new(o, "design", json_string("paired"));
		json_object_set_new(o, "n_pairs", json_integer((json_int_t)row->n_control));
		json_object_set_new(o, "n_unpaired", json_integer((json_int_t)row->n_unpaired));
	}
	if (cfg->unit) {
		json_object_set_new(o, "design", json_string("unit"));
		json_object_set_new(o, "units_control",
		                    json_integer((json_int_t)row->units_control));
		json_object_set_new(o, "units_variant",
		                    json_integer((json_int_t)row->units_variant));
	}
	json_object_set_new(o, "estimate_control", fb_abtest_json_figure(row->estimate_control));
	json_object_set_new(o, "estimate_variant", fb_abtest_json_figure(row->estimate_variant));
	json_object_set_new(o, "difference", fb_abtest_json_figure(row->difference));
	json_object_set_new(o, "relative_difference",
	                    fb_abtest_json_figure(row->relative_difference));
	json_object_set_new(o, "ci_low", fb_abtest_json_figure(ci[0]));
	json_object_set_new(o, "ci_high", fb_abtest_json_figure(ci[1]));
	json_object_set_new(o, "conf_level", json_real(cfg->opts.conf_level));
	json_object_set_new(o, "method", json_string(fb_abtest_method_name(row->method)));
	json_object_set_new(o, "statistic", fb_abtest_json_figure(t->statistic));
	json_object_set_new(o, "df", fb_abtest_json_figure(t->df));
	json_object_set_new(o, "p_value", fb_abtest_json_figure(t->p_value));
	json_object_set_new(o, "p_adjusted", fb_abtest_json_figure(row->p_adjusted));
	json_object_set_new(o, "decision", json_string(fb_abtest_decision_name(row->decision)));
	if (cfg->cuped && row->kind != FB_METRIC_RATIO) {
		json_object_set_new(o, "theta", fb_abtest_json_figure(row->theta));
		json_object_set_new(o, "variance_reduction",
		                    fb_abtest_json_figure(row->variance_reduction));
	}
	if (row->kind == FB_METRIC_BINARY) {
		json_object_set_new(o, "interval_control", pair(row->wilson_control));
		json_object_set_new(o, "interval_variant", pair(row->wilson_variant));
	}
	if (row->kind == FB_METRIC_BINARY || row->kind == FB_METRIC_MEAN) {
		json_object_set_new(o, "prob_variant_better",
		                    fb_abtest_json_figure(row->prob_variant_better));
		json_object_set_new(o, "expected_loss", fb_abtest_json_figure(row->expected_loss));
	}
	if (cfg->paired && row->kind == FB_METRIC_BINARY) {
		json_object_set_new(o, "control_only", json_integer((json_int_t)row->control_only));
		json_object_set_new(o, "variant_only", json_integer((json_int_t)row->variant_only));
	}
	if (sign && row->tested) {
		json_object_set_new(o, "win_share", fb_abtest_json_figure(t->estimate));
		json_object_set_new(o, "win_share_ci", pair(&t->ci_low));
	}
	if (wx && row->tested)
		json_object_set_new(o, "exact", json_boolean(t->method & FB_STATS_METHOD_EXACT));
	if (fisher) {
		json_object_set_new(o, "odds_ratio", fb_abtest_json_figure(t->estimate));
		json_object_set_new(o, "odds_ratio_ci", pair(&t->ci_low));
	}
	if (mw && row->tested) {
		json_object_set_new(o, "prob_superiority", fb_abtest_json_figure(t->estimate));
		json_object_set_new(o, "exact", json_boolean(t->method & FB_STATS_METHOD_EXACT));
	}
	fb_abtest_seqboot_json(o, row, cfg);
	if (!row->tested)
		json_object_set_new(o, "note", json_string(row->note));
	return o;
}

/* What the sample-ratio check counts for variant. */
static uint64_t srm_count(const struct fb_arms *arms, const struct fb_abtest_config *cfg,
                          size_t variant)
{
	return cfg->unit ? fb_arms_units_total(arms, variant)
	                 : fb_arms_records_total(arms, variant);
}

int fb_abtest_srm(const struct fb_arms *arms, const double *shares,
                  const struct fb_abtest_config *cfg, struct fb_abtest_srm *out,
                  struct fb_error *err)
{
	size_t k = fb_arms_nvariants(arms), i;
	uint64_t *counts;
	double *p, sum = 0;
	int rc = -1;

	clear_result(&out->test);
	out->mismatch = 0;
	if (k < 2) {
		fb_error_set(err, 0, 0, "needs two variants");
		return -1;
	}
	counts = fb_xcalloc(k, sizeof *counts);
	p = fb_xcalloc(k, sizeof *p);
	for (i = 0; i < k; i++) {
		counts[i] = srm_count(arms, cfg, i);
		p[i] = shares ? shares[i] : 1;
		if (!(p[i] > 0)) {
			fb_error_set(err, 0, 0, "variant '%s' has no share",
			             fb_arms_variant_name(arms, i));
			goto out;
		}
		sum += p[i];
	}
	/* Shares that already sum to 1 as R requires are used as given, so
	 * that the figures are R's to the last digit. */
	if (fabs(sum - 1) > 1.5e-8)
		for (i = 0; i < k; i++)
			p[i] /= sum;
	rc = fb_stats_chisq_gof(counts, p, k, &out->test, err);
	out->mismatch = rc == 0 && out->test.p_value < FB_ABTEST_SRM_ALPHA;
out:
	free(counts);
	free(p);
	return rc;
}

json_t *fb_abtest_srm_json(const struct fb_abtest_srm *srm, const struct fb_arms *arms,
                           const double *shares, const struct fb_abtest_config *cfg)
{
	json_t *o = json_object(), *counts = json_object(), *split = json_object();
	size_t k = fb_arms_nvariants(arms), i;
	double sum = 0;

	for (i = 0; i < k; i++)
		sum += shares ? shares[i] : 1;
	for (i = 0; i < k; i++) {
		json_object_set_new(counts, fb_arms_variant_name(arms, i),
		                    json_integer((json_int_t)srm_count(arms, cfg, i)));
		json_object_set_new(split, fb_arms_variant_name(arms, i),
		                    json_real((shares ? shares[i] : 1) / sum));
	}
	json_object_set_new(o, "record", json_string("srm"));
	json_object_set_new(o, "control", json_string(fb_arms_variant_name(arms, cfg->control)));
	if (cfg->unit)
		json_object_set_new(o, "counted", json_string("units"));
	json_object_set_new(o, "counts", counts);
	json_object_set_new(o, "expected_split", split);
	json_object_set_new(o, "statistic", fb_abtest_json_figure(srm->test.statistic));
	json_object_set_new(o, "df", fb_abtest_json_figure(srm->test.df));
	json_object_set_new(o, "p_value", fb_abtest_json_figure(srm->test.p_value));
	json_object_set_new(o, "mismatch", json_boolean(srm->mismatch));
	if (cfg->unit)
		json_object_set_new(o, "contaminated_units",
		                    json_integer((json_int_t)fb_arms_units_contaminated(arms)));
	return o;
}
