#include "fb_abtest_seqboot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* The stats functions leave NaN in every figure when they fail. */
static void failed(struct fb_abtest_row *row, const struct fb_error *err)
{
	snprintf(row->note, sizeof row->note, "%s", err->text);
}

static void boot(struct fb_abtest_row *row, const double *ya, const double *na, size_t ka,
                 const double *yb, const double *nb, size_t kb, const struct fb_abtest_config *cfg)
{
	struct fb_stats_boot_opts o;
	struct fb_error err;

	o.resamples = cfg->resamples;
	o.seed = cfg->seed;
	o.conf_level = cfg->opts.conf_level;
	o.alternative = cfg->opts.alternative;
	row->method = FB_ABTEST_BOOTSTRAP;
	if (fb_stats_boot_means(ya, na, ka, yb, nb, kb, &o, &row->test, &row->boot, &err) < 0) {
		failed(row, &err);
		return;
	}
	row->tested = 1;
}

void fb_abtest_boot_values(struct fb_abtest_row *row, const struct fb_arm *a,
                           const struct fb_arm *b, const struct fb_abtest_config *cfg)
{
	boot(row, a->values, NULL, a->nvalues, b->values, NULL, b->nvalues, cfg);
}

void fb_abtest_boot_units(struct fb_abtest_row *row, const struct fb_arms *arms,
                          const struct fb_abtest_config *cfg)
{
	double *xa, *ya, *ca, *xb, *yb, *cb;
	size_t ka =
	    fb_arms_unit_values(arms, row->segment, cfg->control, row->metric, &xa, &ya, &ca);
	size_t kb =
	    fb_arms_unit_values(arms, row->segment, row->variant, row->metric, &xb, &yb, &cb);

	boot(row, xa, ya, ka, xb, yb, kb, cfg);
	free(xa);
	free(ya);
	free(ca);
	free(xb);
	free(yb);
	free(cb);
}

static struct fb_stats_seq_opts seq_opts(const struct fb_abtest_config *cfg)
{
	struct fb_stats_seq_opts o;

	o.tuning = cfg->seq_tuning;
	o.alpha = cfg->alpha;
	o.conf_level = cfg->opts.conf_level;
	return o;
}

void fb_abtest_binary_extras(struct fb_abtest_row *row, const struct fb_arm *a,
                             const struct fb_arm *b, double conf_level)
{
	double lo, hi;

	if (fb_stats_wilson(&a->count, conf_level, &lo, &hi, NULL) == 0) {
		row->wilson_control[0] = lo;
		row->wilson_control[1] = hi;
	}
	if (fb_stats_wilson(&b->count, conf_level, &lo, &hi, NULL) == 0) {
		row->wilson_variant[0] = lo;
		row->wilson_variant[1] = hi;
	}
	if (fb_stats_prob_b_better(&a->count, &b->count, 1, 1, &lo, NULL) == 0)
		row->prob_variant_better = lo;
	if (fb_stats_expected_loss(&a->count, &b->count, 1, 1, &lo, NULL) == 0)
		row->expected_loss = lo;
}

void fb_abtest_seq_arms(struct fb_abtest_row *row, const struct fb_arm *a, const struct fb_arm *b,
                        const struct fb_abtest_config *cfg)
{
	struct fb_stats_seq_opts o = seq_opts(cfg);
	struct fb_error err;
	int rc;

	row->method = FB_ABTEST_MSPRT;
	if (row->kind == FB_METRIC_BINARY)
		fb_abtest_binary_extras(row, a, b, cfg->opts.conf_level);
	if (row->kind == FB_METRIC_BINARY)
		rc = fb_stats_msprt_prop(&a->count, &b->count, &o, &row->test,
		                         &row->mixing_variance, &err);
	else
		rc = fb_stats_msprt_mean(&a->moments, &b->moments, &o, &row->test,
		                         &row->mixing_variance, &err);
	if (rc < 0) {
		failed(row, &err);
		return;
	}
	row->tested = 1;
}

void fb_abtest_seq_units(struct fb_abtest_row *row, const struct fb_stats_ratio *a,
                         const struct fb_stats_ratio *b, const struct fb_abtest_config *cfg)
{
	struct fb_stats_seq_opts o = seq_opts(cfg);
	struct fb_error err;

	row->method = FB_ABTEST_MSPRT;
	if (fb_stats_msprt_ratio(a, b, &o, &row->test, &row->mixing_variance, &err) < 0) {
		failed(row, &err);
		return;
	}
	row->tested = 1;
}

void fb_abtest_seqboot_json(json_t *o, const struct fb_abtest_row *row,
                            const struct fb_abtest_config *cfg)
{
	if (row->method == FB_ABTEST_BOOTSTRAP) {
		json_object_set_new(o, "resamples", json_integer((json_int_t)cfg->resamples));
		json_object_set_new(o, "seed", json_integer((json_int_t)cfg->seed));
		if (!row->tested)
			return;
		json_object_set_new(o, "percentile_ci",
		                    json_pack("[oo]", fb_abtest_json_figure(row->boot.pct_low),
		                              fb_abtest_json_figure(row->boot.pct_high)));
		json_object_set_new(o, "z0", fb_abtest_json_figure(row->boot.z0));
		json_object_set_new(o, "acceleration", fb_abtest_json_figure(row->boot.accel));
		json_object_set_new(o, "bootstrap_se", fb_abtest_json_figure(row->test.std_error));
	} else if (row->method == FB_ABTEST_MSPRT) {
		json_object_set_new(o, "tuning", json_real(cfg->seq_tuning));
		json_object_set_new(o, "mixing_variance",
		                    fb_abtest_json_figure(row->mixing_variance));
	}
}
