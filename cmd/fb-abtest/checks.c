/* fb-abtest: the checks that need all options: which go together, which
 * method a design takes, the defaults that depend on others. Each returns
 * 0, or 2 after a usage message. */
#include <string.h>

#include "abtest.h"
#include "fb_diag.h"

static const char *prog = ABTEST_PROG;

/* The metrics when none is given: what fb-extract writes. */
static const char *const default_metrics[] = { "label==positive", "score" };

/* A unit of randomisation has one method, the delta method, for unpaired
 * designs. */
static int check_unit(const struct options *o)
{
	if (o->cfg.paired)
		return fb_diag_usage(prog, "--unit-field: not for paired designs (--pair-field)");
	if (o->binary_given || (o->mean_given && o->cfg.mean_method != FB_ABTEST_BOOTSTRAP))
		return fb_diag_usage(prog,
		                     "--method: '%s' does not apply with --unit-field (the delta "
		                     "method is used)",
		                     o->binary_given ? o->binary_given : o->mean_given);
	return 0;
}

/* A ratio metric is a sum over records, which pairs do not have. */
static int check_ratio(const struct options *o)
{
	size_t i;

	for (i = 0; o->cfg.paired && i < o->nmetrics; i++)
		if (fb_metric_kind(o->metrics[i]) == FB_METRIC_RATIO)
			return fb_diag_usage(prog, "--pair-field: not for ratio metrics ('%s')",
			                     fb_metric_name(o->metrics[i]));
	return 0;
}

/* CUPED adjusts binary and mean metrics of unpaired designs and tests them
 * with a t test (or, with a unit, the delta method). */
static int check_covariate(const struct options *o)
{
	size_t i;

	if (o->cfg.paired)
		return fb_diag_usage(prog, "--covariate: not for paired designs (--pair-field)");
	if (o->binary_given)
		return fb_diag_usage(prog,
		                     "--method: '%s' does not apply with --covariate (binary "
		                     "metrics take the mean method)",
		                     o->binary_given);
	if (o->cfg.mean_method == FB_ABTEST_MANN_WHITNEY)
		return fb_diag_usage(prog,
		                     "--method: 'mann-whitney' does not apply with --covariate");
	for (i = 0; i < o->nmetrics; i++)
		if (fb_metric_kind(o->metrics[i]) == FB_METRIC_RATIO)
			return fb_diag_usage(prog, "--covariate: not for ratio metrics ('%s')",
			                     fb_metric_name(o->metrics[i]));
	return 0;
}

/* A paired design takes paired methods only, and defaults to McNemar's test
 * and the paired t test; other designs take no paired method. */
static int check_methods(struct options *o)
{
	const char *given[2] = { o->binary_given, o->mean_given };
	size_t i;

	for (i = 0; i < 2; i++) {
		enum fb_abtest_method m = i == 0 ? o->cfg.binary_method : o->cfg.mean_method;

		if (!given[i])
			continue;
		if (o->cfg.paired && !fb_abtest_method_is_paired(m))
			return fb_diag_usage(prog, "--method: '%s' is not for paired designs",
			                     given[i]);
		if (!o->cfg.paired && fb_abtest_method_is_paired(m))
			return fb_diag_usage(prog, "--method: '%s' needs --pair-field", given[i]);
	}
	if (o->cfg.paired && !o->binary_given)
		o->cfg.binary_method = FB_ABTEST_MCNEMAR;
	if (o->cfg.paired && !o->mean_given)
		o->cfg.mean_method = FB_ABTEST_PAIRED_T;
	return 0;
}

/* Whether a metric of the list is named name; returns its index or -1. */
static long metric_index(const struct options *o, const char *name)
{
	size_t i;

	for (i = 0; i < o->nmetrics; i++)
		if (strcmp(fb_metric_name(o->metrics[i]), name) == 0)
			return (long)i;
	return -1;
}

/* Partial statistics are sums: methods that need the values, and options
 * about the comparison's output, have no place there. */
static int check_emit_partial(const struct options *o)
{
	size_t i;

	if (o->cfg.paired)
		return fb_diag_usage(prog, "--emit-partial: paired designs (--pair-field) need "
		                           "every pair's values and cannot be merged");
	if (o->cfg.mean_method == FB_ABTEST_MANN_WHITNEY)
		return fb_diag_usage(prog, "--emit-partial: method 'mann-whitney' needs the "
		                           "values and cannot be merged");
	if (o->fail_if)
		return fb_diag_usage(prog,
		                     "--emit-partial: --fail-if belongs to 'fb-abtest merge'");
	if (o->format >= 0)
		return fb_diag_usage(prog, "--emit-partial: partials are JSON Lines, not --format");
	for (i = 0; i < o->nmetrics; i++)
		if (metric_index(o, fb_metric_name(o->metrics[i])) != (long)i)
			return fb_diag_usage(prog, "--emit-partial: two metrics named '%s'",
			                     fb_metric_name(o->metrics[i]));
	return 0;
}

/* The names of --lower-is-better are metrics. */
int abtest_check_lower(const struct options *o, int usage)
{
	size_t i;

	for (i = 0; i < o->nlower; i++)
		if (metric_index(o, o->lower[i]) < 0) {
			if (usage)
				return fb_diag_usage(prog, "--lower-is-better: no metric '%s'",
				                     o->lower[i]);
			fb_diag_error(prog, NULL, 0, 0,
			              "--lower-is-better: no metric '%s' in the partials",
			              o->lower[i]);
			return 2;
		}
	return 0;
}

/* The bootstrap's options go with --method bootstrap, which --bootstrap
 * alone selects; --sequential replaces every method, in unpaired designs,
 * two-sided. Bootstrap and the sequential test leave CUPED out. */
static int check_seqboot(struct options *o)
{
	int boot;

	if (o->boot_given && o->mean_given && o->cfg.mean_method != FB_ABTEST_BOOTSTRAP)
		return fb_diag_usage(prog, "--bootstrap: needs --method bootstrap, not '%s'",
		                     o->mean_given);
	if (o->boot_given && !o->mean_given) {
		o->mean_given = "bootstrap";
		o->cfg.mean_method = FB_ABTEST_BOOTSTRAP;
	}
	boot = o->cfg.mean_method == FB_ABTEST_BOOTSTRAP;
	if (o->seed_given && !boot)
		return fb_diag_usage(prog, "--seed: only with --method bootstrap");
	if (boot && o->cfg.cuped)
		return fb_diag_usage(prog, "--method: 'bootstrap' does not apply with --covariate");
	if (boot && o->emit_partial)
		return fb_diag_usage(prog,
		                     "--emit-partial: method 'bootstrap' needs the values and "
		                     "cannot be merged");
	if (!o->cfg.sequential) {
		if (o->tuning_given)
			return fb_diag_usage(prog, "--sequential-tuning: needs --sequential");
		return 0;
	}
	if (o->binary_given || o->mean_given)
		return fb_diag_usage(prog,
		                     "--sequential: not with --method (every metric uses msprt)");
	if (o->cfg.paired)
		return fb_diag_usage(prog, "--sequential: not for paired designs (--pair-field)");
	if (o->cfg.cuped)
		return fb_diag_usage(prog, "--sequential: not with --covariate");
	if (o->cfg.opts.alternative != FB_STATS_TWO_SIDED)
		return fb_diag_usage(prog, "--sequential: two-sided only (--alternative)");
	if (o->emit_partial)
		return fb_diag_usage(prog,
		                     "--emit-partial: --sequential belongs to 'fb-abtest merge'");
	return 0;
}

/* Checks what needs all options: the lower-is-better names, the plan's. */
int abtest_check_options(struct options *o)
{
	size_t i;

	if (!o->conf_given)
		o->cfg.opts.conf_level = 1 - o->cfg.alpha;
	if (o->preferences) {
		if (!o->boot_given)
			o->cfg.resamples = ABTEST_PREFS_BOOTSTRAP;
		return 0;
	}
	if (o->boot_arg && o->cfg.resamples < 100) {
		long n;

		/* The message of the range of the other modes. */
		return fb_diag_opt_long(prog, "bootstrap", o->boot_arg, 100, 100000000, &n);
	}
	if (o->plan) {
		if ((o->baseline > 0) == (o->sd > 0))
			return fb_diag_usage(prog, "plan: give one of --baseline and --sd");
		if (o->mde == 0)
			return fb_diag_usage(prog, "plan: --mde is needed");
		if (o->baseline > 0 && !(o->baseline + o->mde > 0 && o->baseline + o->mde < 1))
			return fb_diag_usage(prog, "plan: --baseline plus --mde must be in (0, 1)");
		return 0;
	}
	if (check_seqboot(o) != 0)
		return 2;
	/* merge takes the metrics and methods from the partials. */
	if (o->merge)
		return 0;
	if (o->cfg.unit && check_unit(o) != 0)
		return 2;
	if (check_methods(o) != 0)
		return 2;
	if (o->nmetrics == 0)
		for (i = 0; i < sizeof default_metrics / sizeof default_metrics[0]; i++)
			if (abtest_add_metric(o, default_metrics[i]) != 0)
				return 2;
	if (check_ratio(o) != 0 || (o->cfg.cuped && check_covariate(o) != 0))
		return 2;
	if (o->emit_partial && check_emit_partial(o) != 0)
		return 2;
	return abtest_check_lower(o, 1);
}
