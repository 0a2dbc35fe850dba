/* fb-abtest: single options and their arguments (numbers, metrics, paths,
 * --expected-split, --fail-if, --method). Each returns 0, or 2 after a
 * usage message. */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "abtest.h"
#include "fb_alloc.h"
#include "fb_diag.h"
#include "fb_opt.h"
#include "fb_report.h"
#include "fb_stats.h"

static const char *prog = ABTEST_PROG;

int abtest_opt_fraction(const char *opt, const char *arg, double *out)
{
	if (fb_diag_opt_double(prog, opt, arg, 0, 1, out) != 0)
		return 2;
	if (*out == 0 || *out == 1)
		return fb_diag_usage(prog, "--%s: '%s' is out of range (0 to 1, exclusive)", opt,
		                     arg);
	return 0;
}

int abtest_add_metric(struct options *o, const char *spec)
{
	struct fb_error err;
	struct fb_metric *m = fb_metric_parse(spec, &err);

	if (!m)
		return fb_diag_usage(prog, "--metric: '%s': %s", spec, err.text);
	o->metrics = fb_xrealloc(o->metrics, (o->nmetrics + 1) * sizeof *o->metrics);
	o->metrics[o->nmetrics++] = m;
	return 0;
}

int abtest_set_path(struct fb_path **p, const char *opt, const char *arg)
{
	struct fb_error err;

	fb_path_free(*p);
	*p = fb_path_compile(arg, &err);
	if (!*p)
		return fb_diag_usage(prog, "--%s: %s", opt, err.text);
	return 0;
}

/* NAME=W[,NAME=W]...: positive weights, divided by their sum later. */
int abtest_parse_split(struct options *o, const char *arg)
{
	const char *s = arg, *comma, *eq;
	struct fb_error err;
	char *item;
	double w;
	int rc = 0;

	while (rc == 0 && *s) {
		comma = strchr(s, ',');
		item = comma ? fb_xstrndup(s, (size_t)(comma - s)) : fb_xstrdup(s);
		eq = strrchr(item, '=');
		if (!eq || eq == item)
			rc = fb_diag_usage(prog, "--expected-split: expected NAME=WEIGHT, got '%s'",
			                   item);
		else if (fb_opt_double(eq + 1, 0, HUGE_VAL, &w, &err) < 0 || w == 0)
			rc = fb_diag_usage(prog, "--expected-split: '%s' is not a positive weight",
			                   eq + 1);
		if (rc == 0) {
			o->split_names =
			    fb_xrealloc(o->split_names, (o->nsplit + 1) * sizeof *o->split_names);
			o->split_weights = fb_xrealloc(o->split_weights,
			                               (o->nsplit + 1) * sizeof *o->split_weights);
			o->split_names[o->nsplit] = fb_xstrndup(item, (size_t)(eq - item));
			o->split_weights[o->nsplit++] = w;
		}
		free(item);
		s = comma ? comma + 1 : s + strlen(s);
	}
	return rc;
}

int abtest_parse_fail_if(struct options *o, const char *arg)
{
	if (strcmp(arg, "worse") == 0)
		o->fail_if |= FAIL_WORSE;
	else if (strcmp(arg, "not-better") == 0)
		o->fail_if |= FAIL_NOT_BETTER;
	else if (strcmp(arg, "srm") == 0)
		o->fail_if |= FAIL_SRM;
	else
		return fb_diag_usage(prog, "--fail-if: expected worse, not-better or srm, got '%s'",
		                     arg);
	return 0;
}

int abtest_parse_method(struct options *o, const char *arg)
{
	enum fb_abtest_method m;
	struct fb_error err;

	if (fb_abtest_method_from_name(arg, &m, &err) < 0)
		return fb_diag_usage(prog, "--method: %s", err.text);
	if (fb_abtest_method_is_binary(m)) {
		o->cfg.binary_method = m;
		o->binary_given = arg;
	} else {
		o->cfg.mean_method = m;
		o->mean_given = arg;
	}
	return 0;
}

/* One option c, with its argument in optarg. */
int abtest_parse_one(struct options *o, int c, char **argv)
{
	struct fb_error err;
	long n;

	switch (c) {
	case 'o':
		o->output = optarg;
		return 0;
	case OPT_ADJUST:
		if (fb_stats_adjust_from_name(optarg, &o->cfg.adjust, &err) < 0)
			return fb_diag_usage(prog, "--adjust: %s", err.text);
		return 0;
	case OPT_ALPHA:
		return abtest_opt_fraction("alpha", optarg, &o->cfg.alpha);
	case OPT_ALTERNATIVE:
		if (fb_stats_alternative_from_name(optarg, &o->cfg.opts.alternative, &err) < 0)
			return fb_diag_usage(prog, "--alternative: %s", err.text);
		return 0;
	case OPT_BASELINE:
		return abtest_opt_fraction("baseline", optarg, &o->baseline);
	case OPT_BOOTSTRAP:
		/* --preferences takes fewer resamples, down to none; the
		 * others' range is checked once the mode is known. */
		o->boot_given = 1;
		if (fb_diag_opt_long(prog, "bootstrap", optarg, 0, 100000000, &n) != 0)
			return 2;
		o->cfg.resamples = (uint64_t)n;
		o->boot_arg = optarg;
		return 0;
	case OPT_BT_PRIOR:
		return fb_diag_opt_double(prog, "bt-prior", optarg, 0, 1e9, &o->bt_prior);
	case OPT_BY:
		return abtest_set_path(&o->by_path, "by", optarg);
	case OPT_CONF_LEVEL:
		o->conf_given = 1;
		return abtest_opt_fraction("conf-level", optarg, &o->cfg.opts.conf_level);
	case OPT_CONTROL:
		o->control = optarg;
		return 0;
	case OPT_COVARIATE:
		o->cfg.cuped = 1;
		return abtest_set_path(&o->covariate_path, "covariate", optarg);
	case OPT_EMIT_PARTIAL:
		o->emit_partial = 1;
		return 0;
	case OPT_EXPECTED_SPLIT:
		return abtest_parse_split(o, optarg);
	case OPT_FAIL_IF:
		return abtest_parse_fail_if(o, optarg);
	case OPT_FORMAT:
		o->format = strcmp(optarg, "jsonl") == 0 ? -1 : fb_report_format_from_name(optarg);
		if (o->format == -1 && strcmp(optarg, "jsonl") != 0)
			return fb_diag_usage(prog, "--format: unknown format '%s'", optarg);
		return 0;
	case OPT_LOWER_IS_BETTER:
		o->lower = fb_xrealloc(o->lower, (o->nlower + 1) * sizeof *o->lower);
		o->lower[o->nlower++] = optarg;
		return 0;
	case OPT_MDE:
		if (fb_diag_opt_double(prog, "mde", optarg, -1e300, 1e300, &o->mde) != 0)
			return 2;
		if (o->mde == 0)
			return fb_diag_usage(prog, "--mde: must not be 0");
		return 0;
	case OPT_METHOD:
		return abtest_parse_method(o, optarg);
	case OPT_METRIC:
		return abtest_add_metric(o, optarg);
	case OPT_OUTPUT_FIELD:
		if (!*optarg)
			return fb_diag_usage(prog, "--output-field: empty name");
		o->output_field = optarg;
		return 0;
	case OPT_P_FIELD:
		return abtest_set_path(&o->p_path, "p-field", optarg);
	case OPT_PAIR_FIELD:
		o->cfg.paired = 1;
		return abtest_set_path(&o->pair_path, "pair-field", optarg);
	case OPT_POWER:
		return abtest_opt_fraction("power", optarg, &o->power);
	case OPT_PREFERENCES:
		o->preferences = 1;
		return 0;
	case OPT_REJECTS:
		o->rejects = optarg;
		return 0;
	case OPT_SD:
		if (fb_diag_opt_double(prog, "sd", optarg, 0, 1e300, &o->sd) != 0)
			return 2;
		if (o->sd == 0)
			return fb_diag_usage(prog, "--sd: must be positive");
		return 0;
	case OPT_SEED:
		o->seed_given = 1;
		if (fb_diag_opt_long(prog, "seed", optarg, 0, LONG_MAX, &n) != 0)
			return 2;
		o->cfg.seed = (unsigned long)n;
		return 0;
	case OPT_SEQUENTIAL:
		o->cfg.sequential = 1;
		return 0;
	case OPT_SEQUENTIAL_TUNING:
		o->tuning_given = 1;
		return fb_diag_opt_double(prog, "sequential-tuning", optarg, 1, 1e15,
		                          &o->cfg.seq_tuning);
	case OPT_SKIP_INVALID:
		o->skip_invalid = 1;
		return 0;
	case OPT_STATS:
		o->stats = 1;
		return 0;
	case OPT_UNIT_FIELD:
		o->cfg.unit = 1;
		return abtest_set_path(&o->unit_path, "unit-field", optarg);
	case OPT_VARIANT_FIELD:
		return abtest_set_path(&o->variant_path, "variant-field", optarg);
	case ':':
		return fb_diag_usage(prog, "option '%s' needs an argument", argv[optind - 1]);
	default:
		return fb_diag_usage(prog, "unknown option '%s'", argv[optind - 1]);
	}
}
