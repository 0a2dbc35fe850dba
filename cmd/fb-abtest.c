/* fb-abtest: did the change make things better for users? Records of an
 * experiment in, one comparison per metric, segment and variant against the
 * control out; "fb-abtest plan" gives the sample size. See fb-abtest(1). */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_abtest.h"
#include "fb_abtest_partial.h"
#include "fb_alloc.h"
#include "fb_arms.h"
#include "fb_diag.h"
#include "fb_jsonl.h"
#include "fb_metric.h"
#include "fb_opt.h"
#include "fb_path.h"
#include "fb_report.h"
#include "fb_stats.h"

static const char *prog = "fb-abtest";

enum {
	OPT_ADJUST = CHAR_MAX + 1,
	OPT_ALPHA,
	OPT_ALTERNATIVE,
	OPT_BASELINE,
	OPT_BY,
	OPT_CONF_LEVEL,
	OPT_CONTROL,
	OPT_EMIT_PARTIAL,
	OPT_EXPECTED_SPLIT,
	OPT_FAIL_IF,
	OPT_FORMAT,
	OPT_LOWER_IS_BETTER,
	OPT_MDE,
	OPT_METHOD,
	OPT_METRIC,
	OPT_PAIR_FIELD,
	OPT_POWER,
	OPT_REJECTS,
	OPT_SD,
	OPT_SKIP_INVALID,
	OPT_STATS,
	OPT_UNIT_FIELD,
	OPT_VARIANT_FIELD,
};

static const char shortopts[] = ":ho:V";
static const struct option longopts[] = {
	{ "adjust", required_argument, NULL, OPT_ADJUST },
	{ "alpha", required_argument, NULL, OPT_ALPHA },
	{ "alternative", required_argument, NULL, OPT_ALTERNATIVE },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "by", required_argument, NULL, OPT_BY },
	{ "conf-level", required_argument, NULL, OPT_CONF_LEVEL },
	{ "control", required_argument, NULL, OPT_CONTROL },
	{ "emit-partial", no_argument, NULL, OPT_EMIT_PARTIAL },
	{ "expected-split", required_argument, NULL, OPT_EXPECTED_SPLIT },
	{ "fail-if", required_argument, NULL, OPT_FAIL_IF },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ "lower-is-better", required_argument, NULL, OPT_LOWER_IS_BETTER },
	{ "mde", required_argument, NULL, OPT_MDE },
	{ "method", required_argument, NULL, OPT_METHOD },
	{ "metric", required_argument, NULL, OPT_METRIC },
	{ "output", required_argument, NULL, 'o' },
	{ "pair-field", required_argument, NULL, OPT_PAIR_FIELD },
	{ "power", required_argument, NULL, OPT_POWER },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "sd", required_argument, NULL, OPT_SD },
	{ "skip-invalid", no_argument, NULL, OPT_SKIP_INVALID },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "unit-field", required_argument, NULL, OPT_UNIT_FIELD },
	{ "variant-field", required_argument, NULL, OPT_VARIANT_FIELD },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* The metrics when none is given: what fb-extract writes. */
static const char *const default_metrics[] = { "label==positive", "score" };

static void usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]...\n"
	       "  or:  %s --emit-partial [OPTION]... [FILE]...\n"
	       "  or:  %s merge [OPTION]... [FILE]...\n"
	       "  or:  %s plan (--baseline=P | --sd=SD) --mde=D [OPTION]...\n"
	       "Compare the variants of an experiment on JSON Lines records: for each metric\n"
	       "(and segment), every variant against the control, with the test, the\n"
	       "interval, the p-value adjusted over all comparisons and a decision. With\n"
	       "'plan', give the sample size per arm instead. With --emit-partial, write\n"
	       "the partial statistics of this part of the input; 'merge' compares on\n"
	       "partial statistics as if on all the input. With no FILE, or when FILE\n"
	       "is -, read standard input; .gz files are decompressed.\n"
	       "\n"
	       "Experiment:\n"
	       "      --variant-field=PATH  the field naming the variant (default variant)\n"
	       "      --control=NAME        the control variant (default: the first seen)\n"
	       "      --metric=SPEC         PATH[:binary|mean] or PATH OP VALUE, OP one of\n"
	       "                            == != < <= > >= (repeatable; default\n"
	       "                            label==positive and score)\n"
	       "      --lower-is-better=METRIC  a decrease of METRIC is better (repeatable)\n"
	       "      --by=PATH             compare within each value of PATH\n"
	       "      --pair-field=PATH     a paired design: records with the same value\n"
	       "                            of PATH are one pair, one record per variant\n"
	       "      --unit-field=PATH     the unit of randomisation (a user): compare\n"
	       "                            per-record means over units with the delta\n"
	       "                            method; units seen under two variants are\n"
	       "                            left out\n"
	       "      --expected-split=NAME=W[,NAME=W]...  expected shares of the\n"
	       "                            variants (default equal)\n"
	       "      --emit-partial        write partial statistics for 'fb-abtest merge'\n"
	       "                            (unpaired designs, methods other than\n"
	       "                            mann-whitney)\n"
	       "Tests:\n"
	       "      --method=NAME         binary: auto (default), prop, prop-nocorrect,\n"
	       "                            fisher; mean: welch (default), student,\n"
	       "                            mann-whitney (repeatable, one of each);\n"
	       "                            paired binary: mcnemar (default),\n"
	       "                            mcnemar-nocorrect, sign; paired mean:\n"
	       "                            paired-t (default), wilcoxon\n"
	       "      --alternative=ALT     two.sided (default), less or greater\n"
	       "      --alpha=X             significance level (default 0.05)\n"
	       "      --conf-level=X        of the intervals (default 1 - alpha)\n"
	       "      --adjust=NAME         holm (default), bonferroni, hochberg, BH, BY\n"
	       "                            or none\n"
	       "      --fail-if=COND        exit 1 when COND holds: worse, not-better or\n"
	       "                            srm (repeatable)\n"
	       "Planning (fb-abtest plan):\n"
	       "      --baseline=P          the control's proportion\n"
	       "      --sd=SD               the standard deviation of a mean metric\n"
	       "      --mde=D               the smallest difference worth detecting\n"
	       "      --power=X             wanted power (default 0.8)\n"
	       "Output:\n"
	       "  -o, --output=FILE         write to FILE instead of standard output\n"
	       "      --format=FMT          jsonl (default), table or markdown\n"
	       "Bad records:\n"
	       "      --skip-invalid        report bad records and go on (default: stop)\n"
	       "      --rejects=FILE        write every rejected line to FILE, byte for byte\n"
	       "      --stats               print counts of records read, written and\n"
	       "                            rejected to standard error\n"
	       "  -h, --help                display this help and exit\n"
	       "  -V, --version             output version information and exit\n"
	       "\n"
	       "Exit status: 0 on success, 1 when a --fail-if condition holds, 2 on a\n"
	       "usage, input or write error.\n"
	       "See fb-abtest(1) and fbloop(7).\n",
	       prog, prog, prog, prog);
}

#define FAIL_WORSE 0x1u
#define FAIL_NOT_BETTER 0x2u
#define FAIL_SRM 0x4u

/* Options that belong to some modes only, to refuse them in the others:
 * plan's; the analysis's (comparing and merging); the reading of records
 * (comparing and --emit-partial; merge takes them from the partials). */
#define ONLY_PLAN 0x1u
#define ONLY_COMPARE 0x2u
#define ONLY_RECORDS 0x4u

struct options {
	int plan, merge, emit_partial;
	struct fb_metric **metrics;
	size_t nmetrics;
	const char **lower; /* --lower-is-better names */
	size_t nlower;
	struct fb_path *variant_path, *by_path, *pair_path, *unit_path;
	const char *binary_given, *mean_given; /* --method names given */
	const char *control;
	char **split_names;
	double *split_weights;
	size_t nsplit;
	struct fb_abtest_config cfg;
	int conf_given;
	unsigned fail_if;
	double baseline, sd, mde, power;
	int format; /* -1 for JSON Lines, else an enum fb_report_format */
	int skip_invalid, stats;
	const char *output, *rejects;
};

static int number(const char *opt, const char *arg, double lo, double hi, int open, double *out)
{
	struct fb_error err;

	if (fb_opt_double(arg, lo, hi, out, &err) < 0)
		return fb_diag_usage(prog, "--%s: %s", opt, err.text);
	if (open && (*out == lo || *out == hi))
		return fb_diag_usage(prog, "--%s: '%s' is out of range (%g to %g, exclusive)", opt,
		                     arg, lo, hi);
	return 0;
}

static int add_metric(struct options *o, const char *spec)
{
	struct fb_error err;
	struct fb_metric *m = fb_metric_parse(spec, &err);

	if (!m)
		return fb_diag_usage(prog, "--metric: '%s': %s", spec, err.text);
	o->metrics = fb_xrealloc(o->metrics, (o->nmetrics + 1) * sizeof *o->metrics);
	o->metrics[o->nmetrics++] = m;
	return 0;
}

static int set_path(struct fb_path **p, const char *opt, const char *arg)
{
	struct fb_error err;

	fb_path_free(*p);
	*p = fb_path_compile(arg, &err);
	if (!*p)
		return fb_diag_usage(prog, "--%s: %s", opt, err.text);
	return 0;
}

/* NAME=W[,NAME=W]...: positive weights, divided by their sum later. */
static int parse_split(struct options *o, const char *arg)
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

static int parse_fail_if(struct options *o, const char *arg)
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

static int parse_method(struct options *o, const char *arg)
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

/* The mode an option belongs to, for those that belong to one. */
static unsigned option_mode(int c)
{
	switch (c) {
	case OPT_BASELINE:
	case OPT_MDE:
	case OPT_POWER:
	case OPT_SD:
		return ONLY_PLAN;
	case OPT_ADJUST:
	case OPT_CONF_LEVEL:
	case OPT_EXPECTED_SPLIT:
	case OPT_FAIL_IF:
	case OPT_LOWER_IS_BETTER:
	case OPT_REJECTS:
	case OPT_SKIP_INVALID:
	case OPT_STATS:
		return ONLY_COMPARE;
	case OPT_BY:
	case OPT_CONTROL:
	case OPT_EMIT_PARTIAL:
	case OPT_METHOD:
	case OPT_METRIC:
	case OPT_PAIR_FIELD:
	case OPT_UNIT_FIELD:
	case OPT_VARIANT_FIELD:
		return ONLY_RECORDS;
	default:
		return 0;
	}
}

static const char *long_name(int c)
{
	const struct option *lo;

	for (lo = longopts; lo->name; lo++)
		if (lo->val == c)
			return lo->name;
	return "?";
}

static int parse_one(struct options *o, int c, char **argv)
{
	struct fb_error err;

	switch (c) {
	case 'o':
		o->output = optarg;
		return 0;
	case OPT_ADJUST:
		if (fb_stats_adjust_from_name(optarg, &o->cfg.adjust, &err) < 0)
			return fb_diag_usage(prog, "--adjust: %s", err.text);
		return 0;
	case OPT_ALPHA:
		return number("alpha", optarg, 0, 1, 1, &o->cfg.alpha);
	case OPT_ALTERNATIVE:
		if (fb_stats_alternative_from_name(optarg, &o->cfg.opts.alternative, &err) < 0)
			return fb_diag_usage(prog, "--alternative: %s", err.text);
		return 0;
	case OPT_BASELINE:
		return number("baseline", optarg, 0, 1, 1, &o->baseline);
	case OPT_BY:
		return set_path(&o->by_path, "by", optarg);
	case OPT_CONF_LEVEL:
		o->conf_given = 1;
		return number("conf-level", optarg, 0, 1, 1, &o->cfg.opts.conf_level);
	case OPT_CONTROL:
		o->control = optarg;
		return 0;
	case OPT_EMIT_PARTIAL:
		o->emit_partial = 1;
		return 0;
	case OPT_EXPECTED_SPLIT:
		return parse_split(o, optarg);
	case OPT_FAIL_IF:
		return parse_fail_if(o, optarg);
	case OPT_FORMAT:
		o->format = strcmp(optarg, "table") == 0      ? FB_REPORT_TABLE
		            : strcmp(optarg, "markdown") == 0 ? FB_REPORT_MARKDOWN
		                                              : -1;
		if (o->format == -1 && strcmp(optarg, "jsonl") != 0)
			return fb_diag_usage(prog, "--format: unknown format '%s'", optarg);
		return 0;
	case OPT_LOWER_IS_BETTER:
		o->lower = fb_xrealloc(o->lower, (o->nlower + 1) * sizeof *o->lower);
		o->lower[o->nlower++] = optarg;
		return 0;
	case OPT_MDE:
		if (number("mde", optarg, -1e300, 1e300, 0, &o->mde) != 0)
			return 2;
		if (o->mde == 0)
			return fb_diag_usage(prog, "--mde: must not be 0");
		return 0;
	case OPT_METHOD:
		return parse_method(o, optarg);
	case OPT_METRIC:
		return add_metric(o, optarg);
	case OPT_PAIR_FIELD:
		o->cfg.paired = 1;
		return set_path(&o->pair_path, "pair-field", optarg);
	case OPT_POWER:
		return number("power", optarg, 0, 1, 1, &o->power);
	case OPT_REJECTS:
		o->rejects = optarg;
		return 0;
	case OPT_SD:
		if (number("sd", optarg, 0, 1e300, 0, &o->sd) != 0)
			return 2;
		if (o->sd == 0)
			return fb_diag_usage(prog, "--sd: must be positive");
		return 0;
	case OPT_SKIP_INVALID:
		o->skip_invalid = 1;
		return 0;
	case OPT_STATS:
		o->stats = 1;
		return 0;
	case OPT_UNIT_FIELD:
		o->cfg.unit = 1;
		return set_path(&o->unit_path, "unit-field", optarg);
	case OPT_VARIANT_FIELD:
		return set_path(&o->variant_path, "variant-field", optarg);
	case ':':
		return fb_diag_usage(prog, "option '%s' needs an argument", argv[optind - 1]);
	default:
		return fb_diag_usage(prog, "unknown option '%s'", argv[optind - 1]);
	}
}

/* A unit of randomisation has one method, the delta method, for unpaired
 * designs, and its sums are not partial statistics yet. */
static int check_unit(const struct options *o)
{
	if (o->cfg.paired)
		return fb_diag_usage(prog, "--unit-field: not for paired designs (--pair-field)");
	if (o->binary_given || o->mean_given)
		return fb_diag_usage(prog,
		                     "--method: '%s' does not apply with --unit-field (the delta "
		                     "method is used)",
		                     o->binary_given ? o->binary_given : o->mean_given);
	if (o->emit_partial)
		return fb_diag_usage(prog, "--emit-partial does not support --unit-field yet");
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
static int check_lower(const struct options *o, int usage)
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

/* Checks what needs all options: the lower-is-better names, the plan's. */
static int check_options(struct options *o)
{
	size_t i;

	if (!o->conf_given)
		o->cfg.opts.conf_level = 1 - o->cfg.alpha;
	if (o->plan) {
		if ((o->baseline > 0) == (o->sd > 0))
			return fb_diag_usage(prog, "plan: give one of --baseline and --sd");
		if (o->mde == 0)
			return fb_diag_usage(prog, "plan: --mde is needed");
		if (o->baseline > 0 && !(o->baseline + o->mde > 0 && o->baseline + o->mde < 1))
			return fb_diag_usage(prog, "plan: --baseline plus --mde must be in (0, 1)");
		return 0;
	}
	/* merge takes the metrics and methods from the partials. */
	if (o->merge)
		return 0;
	if (o->cfg.unit && check_unit(o) != 0)
		return 2;
	if (check_methods(o) != 0)
		return 2;
	if (o->nmetrics == 0)
		for (i = 0; i < sizeof default_metrics / sizeof default_metrics[0]; i++)
			if (add_metric(o, default_metrics[i]) != 0)
				return 2;
	if (o->emit_partial && check_emit_partial(o) != 0)
		return 2;
	return check_lower(o, 1);
}

static int parse_options(int argc, char **argv, struct options *o)
{
	struct fb_stats_opts defaults = FB_STATS_OPTS_DEFAULT;
	unsigned mode;
	int c, rc = 0;

	memset(o, 0, sizeof *o);
	o->format = -1;
	o->power = 0.8;
	o->cfg.opts = defaults;
	o->cfg.alpha = 0.05;
	o->cfg.adjust = FB_STATS_ADJUST_HOLM;
	o->cfg.binary_method = FB_ABTEST_AUTO;
	o->cfg.mean_method = FB_ABTEST_WELCH;
	opterr = 0;
	if (argc > 1 && strcmp(argv[1], "plan") == 0)
		o->plan = 1;
	else if (argc > 1 && strcmp(argv[1], "merge") == 0)
		o->merge = 1;
	if (o->plan || o->merge) {
		argc--;
		argv++;
	}
	while (rc == 0 && (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (c == 'h') {
			usage();
			return -1;
		}
		if (c == 'V') {
			printf("%s (fbloop) %s\n", prog, FB_VERSION);
			return -1;
		}
		mode = option_mode(c);
		if (mode == ONLY_PLAN && !o->plan)
			return fb_diag_usage(prog, "--%s: only for 'fb-abtest plan'", long_name(c));
		if (mode != ONLY_PLAN && mode != 0 && o->plan)
			return fb_diag_usage(prog, "--%s: not an option of 'fb-abtest plan'",
			                     long_name(c));
		if (mode == ONLY_RECORDS && o->merge)
			return fb_diag_usage(prog,
			                     "--%s: not an option of 'fb-abtest merge' (the "
			                     "partials carry it)",
			                     long_name(c));
		rc = parse_one(o, c, argv);
	}
	if (rc == 0 && o->plan && optind < argc)
		return fb_diag_usage(prog, "plan: unexpected operand '%s'", argv[optind]);
	if (rc == 0 && !o->variant_path)
		rc = set_path(&o->variant_path, "variant-field", "variant");
	if (rc == 0)
		rc = check_options(o);
	/* getopt_long ran on argv shifted by one for plan and merge. */
	optind += o->plan || o->merge;
	return rc;
}

static void free_options(struct options *o)
{
	size_t i;

	for (i = 0; i < o->nmetrics; i++)
		fb_metric_free(o->metrics[i]);
	for (i = 0; i < o->nsplit; i++)
		free(o->split_names[i]);
	free(o->metrics);
	free(o->lower);
	free(o->split_names);
	free(o->split_weights);
	free((int *)o->cfg.lower_is_better);
	fb_path_free(o->variant_path);
	fb_path_free(o->by_path);
	fb_path_free(o->pair_path);
	fb_path_free(o->unit_path);
}

/* ---- output ---- */

struct out {
	const struct options *opts;
	struct fb_jsonl_out *jsonl;
	unsigned long written;
	int failed; /* 1 the reader went away, 2 a write error */
};

static void write_failed(struct out *w)
{
	if (w->failed)
		return;
	w->failed = fb_diag_is_epipe(errno) ? 1 : 2;
	if (w->failed == 2)
		fb_diag_error(prog, NULL, 0, 0, "write error: %s", strerror(errno));
}

static const struct fb_report_col cols[] = {
	{ "metric", 18, 0 },     { "segment", 14, 0 },    { "variant", 16, 0 },
	{ "n_control", 9, 1 },   { "n_variant", 9, 1 },   { "control", 8, 1 },
	{ "variant", 8, 1 },     { "difference", 10, 1 }, { "interval", 22, 0 },
	{ "p_adjusted", 10, 1 }, { "decision", 12, 0 },
};
#define NCOLS (sizeof cols / sizeof cols[0])

/* The column list without "segment" when there are no segments. */
static size_t table_cols(const struct options *o, struct fb_report_col *c)
{
	size_t i, n = 0;

	for (i = 0; i < NCOLS; i++)
		if (i != 1 || o->by_path)
			c[n++] = cols[i];
	return n;
}

static const char *cell_num(const json_t *v, char *buf, size_t size)
{
	if (json_is_real(v))
		snprintf(buf, size, "%.4g", json_real_value(v));
	else
		return fb_report_json_cell(v, buf, size);
	return buf;
}

static int write_table_row(struct out *w, const json_t *rec)
{
	static const char *const fields[] = {
		"metric",    "segment",          "variant",          "n_control",
		"n_variant", "estimate_control", "estimate_variant", "difference",
		NULL,        "p_adjusted",       "decision",
	};
	struct fb_report_col c[NCOLS];
	const char *cells[NCOLS];
	char bufs[NCOLS][80], lo[32], hi[32];
	const json_t *l = json_object_get(rec, "ci_low"), *h = json_object_get(rec, "ci_high");
	size_t i, n = 0;

	for (i = 0; i < NCOLS; i++) {
		if (i == 1 && !w->opts->by_path)
			continue;
		if (!fields[i]) {
			bufs[i][0] = '\0';
			if (!json_is_null(l) && !json_is_null(h))
				snprintf(bufs[i], sizeof bufs[i], "[%s, %s]",
				         cell_num(l, lo, sizeof lo), cell_num(h, hi, sizeof hi));
			cells[n++] = bufs[i];
		} else {
			cells[n++] =
			    cell_num(json_object_get(rec, fields[i]), bufs[i], sizeof bufs[i]);
		}
	}
	table_cols(w->opts, c);
	return fb_report_row(stdout, (enum fb_report_format)w->opts->format, c, n, cells);
}

static void emit(struct out *w, json_t *rec)
{
	int rc;

	if (w->failed) {
		json_decref(rec);
		return;
	}
	rc = w->opts->format < 0 ? fb_jsonl_out_write(w->jsonl, rec) : write_table_row(w, rec);
	json_decref(rec);
	if (rc < 0)
		write_failed(w);
	else
		w->written++;
}

/* For people, the check of the split is a line above the table. */
static void write_srm_line(struct out *w, const json_t *rec)
{
	const char *key;
	json_t *v;
	int sep = 0, rc;

	if (w->failed)
		return;
	rc = printf("%ssample ratio%s: ", w->opts->format == FB_REPORT_MARKDOWN ? "**" : "",
	            w->opts->unit_path ? " of units" : "");
	json_object_foreach (json_object_get(rec, "counts"), key, v) {
		if (rc >= 0)
			rc = printf("%s%s %" JSON_INTEGER_FORMAT, sep++ ? ", " : "", key,
			            json_integer_value(v));
	}
	if (rc >= 0)
		rc = printf("; p = %.4g: %s", json_real_value(json_object_get(rec, "p_value")),
		            json_is_true(json_object_get(rec, "mismatch")) ? "MISMATCH" : "ok");
	if (rc >= 0 && w->opts->unit_path)
		rc = printf("; %" JSON_INTEGER_FORMAT " contaminated units left out",
		            json_integer_value(json_object_get(rec, "contaminated_units")));
	if (rc >= 0)
		rc = printf("%s\n\n", w->opts->format == FB_REPORT_MARKDOWN ? "**" : "");
	if (rc < 0)
		write_failed(w);
}

/* ---- comparing ---- */

/* The segment, pair id or unit of a record (what names it), as text: a string as
 * it is, other scalars as JSON. Returns a new string of *len bytes, or NULL
 * with the reason in err. */
static char *key_of(const struct fb_path *path, const char *what, const json_t *rec, size_t *len,
                    struct fb_error *err)
{
	const json_t *v = fb_path_get(path, rec);
	char *s;

	if (!v || json_is_null(v)) {
		fb_error_set(err, 0, 0, "missing %s field '%s'", what, fb_path_text(path));
		return NULL;
	}
	if (json_is_string(v)) {
		*len = json_string_length(v);
		return fb_xstrndup(json_string_value(v), *len);
	}
	if (json_is_object(v) || json_is_array(v)) {
		fb_error_set(err, 0, 0, "%s: expected a string, a number or a boolean",
		             fb_path_text(path));
		return NULL;
	}
	s = json_dumps(v, JSON_ENCODE_ANY);
	*len = strlen(s);
	return s;
}

/* Adds one record to the arms, or rejects it. Returns what
 * fb_jsonl_in_reject does: 0 to go on, -1 to stop. */
static int add_record(const struct options *o, struct fb_jsonl_in *in, struct fb_arms *arms,
                      const json_t *rec, double *values, int *have)
{
	const json_t *v = fb_path_get(o->variant_path, rec);
	struct fb_error err;
	char *seg = NULL, *id = NULL, *unit = NULL;
	size_t i, s, var, seglen = 0, idlen = 0, unitlen = 0;
	int rc;

	if (!v || json_is_null(v))
		return fb_jsonl_in_reject(in, 0, "missing variant field '%s'",
		                          fb_path_text(o->variant_path));
	if (!json_is_string(v))
		return fb_jsonl_in_reject(in, 0, "%s: expected a string",
		                          fb_path_text(o->variant_path));
	if (o->by_path && !(seg = key_of(o->by_path, "segment", rec, &seglen, &err)))
		return fb_jsonl_in_reject(in, 0, "%s", err.text);
	if (o->pair_path && !(id = key_of(o->pair_path, "pair", rec, &idlen, &err))) {
		free(seg);
		return fb_jsonl_in_reject(in, 0, "%s", err.text);
	}
	if (o->unit_path && !(unit = key_of(o->unit_path, "unit", rec, &unitlen, &err))) {
		free(seg);
		return fb_jsonl_in_reject(in, 0, "%s", err.text);
	}
	for (i = 0; i < o->nmetrics; i++) {
		rc = fb_metric_eval(o->metrics[i], rec, &values[i], &err);
		if (rc < 0) {
			free(seg);
			free(id);
			free(unit);
			return fb_jsonl_in_reject(in, 0, "%s", err.text);
		}
		have[i] = rc;
		if (!rc)
			values[i] = NAN;
	}
	var = fb_arms_variant(arms, json_string_value(v), json_string_length(v));
	s = fb_arms_segment(arms, seg ? seg : "", seglen);
	free(seg);
	rc = 0;
	if (id) {
		/* The pair holds the values; the arms count records only, for
		 * the sample-ratio check. */
		if (fb_arms_pair_add(arms, s, id, idlen, var, values) < 0)
			rc = fb_jsonl_in_reject(in, 0,
			                        "pair '%s' has a second record of variant '%s'", id,
			                        fb_arms_variant_name(arms, var));
		else
			fb_arms_count_record(arms, s, var);
		free(id);
		return rc;
	}
	fb_arms_count_record(arms, s, var);
	if (unit) {
		fb_arms_unit_add(arms, s, unit, unitlen, var, values);
		free(unit);
		return 0;
	}
	for (i = 0; i < o->nmetrics; i++)
		if (have[i])
			fb_arms_add(arms, s, var, i, values[i]);
	return 0;
}

/* The weights of --expected-split per variant, in the arms' order; named
 * variants not seen are added to the arms with no records. Returns a new
 * array, NULL when there is no split, or NULL with *bad set on error. */
static double *split_shares(const struct options *o, struct fb_arms *arms, int *bad)
{
	double *w;
	size_t i;
	long v;

	*bad = 0;
	if (!o->nsplit)
		return NULL;
	for (i = 0; i < o->nsplit; i++)
		fb_arms_variant(arms, o->split_names[i], strlen(o->split_names[i]));
	w = fb_xcalloc(fb_arms_nvariants(arms), sizeof *w);
	for (i = 0; i < o->nsplit; i++) {
		v = fb_arms_find_variant(arms, o->split_names[i]);
		w[v] = o->split_weights[i];
	}
	for (i = 0; i < fb_arms_nvariants(arms); i++)
		if (w[i] == 0) {
			fb_diag_error(prog, NULL, 0, 0,
			              "--expected-split: no share for variant '%s'",
			              fb_arms_variant_name(arms, i));
			*bad = 1;
			free(w);
			return NULL;
		}
	return w;
}

/* Tells which --fail-if conditions hold; returns 1 when one does. */
static int gates(const struct options *o, const struct fb_abtest_row *rows, size_t n, int srm)
{
	size_t i, worse = 0, not_better = 0;
	int hold = 0;

	for (i = 0; i < n; i++) {
		worse += rows[i].decision == FB_ABTEST_WORSE;
		not_better += rows[i].decision != FB_ABTEST_BETTER;
	}
	if ((o->fail_if & FAIL_WORSE) && worse) {
		fprintf(stderr, "%s: --fail-if worse holds: %zu of %zu comparisons worse\n", prog,
		        worse, n);
		hold = 1;
	}
	if ((o->fail_if & FAIL_NOT_BETTER) && (not_better || n == 0)) {
		fprintf(stderr,
		        "%s: --fail-if not-better holds: %zu of %zu comparisons not better\n", prog,
		        not_better, n);
		hold = 1;
	}
	if ((o->fail_if & FAIL_SRM) && srm) {
		fprintf(stderr, "%s: --fail-if srm holds: sample ratio mismatch\n", prog);
		hold = 1;
	}
	return hold;
}

/* Compares and writes; returns the exit status so far (0, 1 or 2). */
static int compare(struct options *o, struct fb_arms *arms, struct out *w)
{
	const struct fb_metric *const *metrics = (const struct fb_metric *const *)o->metrics;
	struct fb_abtest_row *rows = NULL;
	struct fb_abtest_srm srm;
	struct fb_report_col c[NCOLS];
	struct fb_error err;
	double *shares;
	int *lower, bad, status = 0;
	size_t n = 0, i, j;
	json_t *rec;
	long ctl = 0;

	if (o->control && (ctl = fb_arms_find_variant(arms, o->control)) < 0) {
		fb_diag_error(prog, NULL, 0, 0, "control variant '%s' is not in the input",
		              o->control);
		return 2;
	}
	shares = split_shares(o, arms, &bad);
	if (bad)
		return 2;
	if (fb_arms_nvariants(arms) < 2) {
		fb_diag_error(prog, NULL, 0, 0, "nothing to compare: %zu variant%s in the input",
		              fb_arms_nvariants(arms), fb_arms_nvariants(arms) == 1 ? "" : "s");
		free(shares);
		return 2;
	}
	o->cfg.control = (size_t)ctl;
	lower = fb_xcalloc(o->nmetrics, sizeof *lower);
	for (i = 0; i < o->nlower; i++)
		for (j = 0; j < o->nmetrics; j++)
			lower[j] |= strcmp(fb_metric_name(o->metrics[j]), o->lower[i]) == 0;
	o->cfg.lower_is_better = lower;
	if (o->unit_path && fb_arms_units_contaminated(arms)) {
		uint64_t units = fb_arms_units_contaminated(arms);

		for (i = 0; i < fb_arms_nvariants(arms); i++)
			units += fb_arms_units_total(arms, i);
		fb_diag_warn(prog, NULL, 0, 0,
		             "contamination: %" PRIu64 " of %" PRIu64
		             " units seen under two or more variants, left out",
		             fb_arms_units_contaminated(arms), units);
	}
	if (fb_abtest_srm(arms, shares, &o->cfg, &srm, &err) < 0) {
		fb_diag_error(prog, NULL, 0, 0, "sample ratio check: %s", err.text);
		status = 2;
		goto out;
	}
	if (srm.mismatch)
		fb_diag_warn(prog, NULL, 0, 0, "sample ratio mismatch: p = %.3g < %g",
		             srm.test.p_value, FB_ABTEST_SRM_ALPHA);
	if (o->pair_path) {
		uint64_t pairs, incomplete;

		fb_arms_pair_counts(arms, &pairs, &incomplete);
		if (incomplete)
			fb_diag_warn(prog, NULL, 0, 0,
			             "%" PRIu64 " of %" PRIu64
			             " pairs lack a variant's record and are left out of its "
			             "comparisons",
			             incomplete, pairs);
	}
	rows = fb_abtest_compare(arms, metrics, &o->cfg, &n);
	rec = fb_abtest_srm_json(&srm, arms, shares, &o->cfg);
	if (o->format < 0) {
		emit(w, rec);
	} else {
		write_srm_line(w, rec);
		json_decref(rec);
		if (!w->failed && fb_report_header(stdout, (enum fb_report_format)o->format, c,
		                                   table_cols(o, c)) < 0)
			write_failed(w);
	}
	for (i = 0; i < n; i++)
		emit(w, fb_abtest_row_json(&rows[i], arms, metrics, &o->cfg, o->by_path != NULL));
	status = gates(o, rows, n, srm.mismatch);
out:
	free(rows);
	free(shares);
	return status;
}

static FILE *open_or_die(const char *path, const char *mode)
{
	FILE *f = fopen(path, mode);

	if (!f)
		fb_diag_error(prog, path, 0, 0, "%s", strerror(errno));
	return f;
}

/* Writes the partial statistics of the arms: for each (segment, variant)
 * cell in the order first seen, one record per metric. */
static void emit_partials(const struct options *o, const struct fb_arms *arms, struct out *w)
{
	const struct fb_metric *const *metrics = (const struct fb_metric *const *)o->metrics;
	json_t *opts = fb_abtest_partial_options(fb_path_text(o->variant_path),
	                                         o->by_path ? fb_path_text(o->by_path) : NULL,
	                                         o->control, metrics, o->nmetrics, &o->cfg);
	size_t i, m;

	for (i = 0; i < fb_arms_ncells(arms); i++)
		for (m = 0; m < o->nmetrics; m++)
			emit(w,
			     fb_abtest_partial_json(arms, i, m, opts, metrics, o->by_path != NULL));
	json_decref(opts);
}

static void print_stats(const struct options *o, struct fb_jsonl_in *in, const struct out *w,
                        const struct fb_arms *arms)
{
	fprintf(stderr, "%s: read %lu, written %lu, rejected %lu", prog, fb_jsonl_in_read_count(in),
	        w->written, fb_jsonl_in_rejected_count(in));
	if (o->pair_path) {
		uint64_t pairs, incomplete;

		fb_arms_pair_counts(arms, &pairs, &incomplete);
		fprintf(stderr, ", pairs %" PRIu64 " (%" PRIu64 " incomplete)", pairs, incomplete);
	}
	fputc('\n', stderr);
}

/* The end of a pass or a merge: the comparison when wanted (not after a
 * strict stop, nor after an error with fewer than two variants to show),
 * the write status and --stats. Returns the gate's status; *status gets
 * errors. */
static int conclude(struct options *o, struct fb_jsonl_in *in, struct fb_arms *arms, struct out *w,
                    int *status, int wanted)
{
	int gate = 0;

	if (wanted && !fb_jsonl_in_stopped(in) && !(*status && fb_arms_nvariants(arms) < 2)) {
		gate = compare(o, arms, w);
		if (gate == 2)
			*status = 2;
	}
	if (w->failed == 2)
		*status = 2;
	if (o->stats)
		print_stats(o, in, w, arms);
	return gate;
}

static void close_rejects(const struct options *o, FILE *rejects, int *status)
{
	if (rejects && fclose(rejects) != 0) {
		fb_diag_error(prog, o->rejects, 0, 0, "%s", strerror(errno));
		*status = 2;
	}
}

static int run_compare(struct options *o, int argc, char **argv, struct out *w)
{
	struct fb_jsonl_policy policy = { prog, 0, NULL, 1 };
	struct fb_jsonl_in *in;
	struct fb_arms *arms;
	FILE *rejects = NULL;
	int *keep, *have, status, gate = 0;
	double *values;
	json_t *rec;
	size_t i;

	if (o->rejects && !(rejects = open_or_die(o->rejects, "w")))
		return 2;
	keep = fb_xcalloc(o->nmetrics, sizeof *keep);
	have = fb_xcalloc(o->nmetrics, sizeof *have);
	values = fb_xcalloc(o->nmetrics, sizeof *values);
	for (i = 0; i < o->nmetrics; i++)
		keep[i] = o->cfg.mean_method == FB_ABTEST_MANN_WHITNEY &&
		          fb_metric_kind(o->metrics[i]) == FB_METRIC_MEAN;
	arms = fb_arms_new(o->nmetrics, keep);
	policy.skip_invalid = o->skip_invalid;
	policy.rejects = rejects;
	in = fb_jsonl_in_new(&policy, (const char *const *)argv + optind, (size_t)(argc - optind));
	while ((rec = fb_jsonl_in_next(in))) {
		int rc = add_record(o, in, arms, rec, values, have);

		json_decref(rec);
		if (rc < 0)
			break;
	}
	status = fb_jsonl_in_status(in);
	/* After a file that could not be read, fewer than two variants is
	 * no news. */
	if (o->emit_partial && !fb_jsonl_in_stopped(in))
		emit_partials(o, arms, w);
	gate = conclude(o, in, arms, w, &status, !o->emit_partial);
	fb_jsonl_in_free(in);
	fb_arms_free(arms);
	free(keep);
	free(have);
	free(values);
	close_rejects(o, rejects, &status);
	return status ? status : gate;
}

/* ---- merging ---- */

/* Takes the metrics, methods, segments and control from the options of the
 * first partial (borrowed until the end). Returns 0, or 2 after a message. */
static int adopt_options(struct options *o, const json_t *opts, struct fb_jsonl_in *in)
{
	const json_t *methods = json_object_get(opts, "methods"), *v;
	const json_t *by = json_object_get(opts, "by"), *control = json_object_get(opts, "control");
	const char *file = fb_jsonl_in_file(in);
	long line = fb_jsonl_in_line(in);
	struct fb_metric *m;
	struct fb_error err;
	enum fb_abtest_method b, mean;
	size_t i;

	json_array_foreach (json_object_get(opts, "metrics"), i, v) {
		if (!(m = fb_metric_parse(json_string_value(v) ? json_string_value(v) : "",
		                          &err))) {
			fb_diag_error(prog, file, line, 0, "partial options: metric: %s", err.text);
			return 2;
		}
		o->metrics = fb_xrealloc(o->metrics, (o->nmetrics + 1) * sizeof *o->metrics);
		o->metrics[o->nmetrics++] = m;
	}
	if (!json_is_array(methods) || json_array_size(methods) != 2 ||
	    !json_is_string(json_array_get(methods, 0)) ||
	    !json_is_string(json_array_get(methods, 1)) ||
	    fb_abtest_method_from_name(json_string_value(json_array_get(methods, 0)), &b, &err) <
	        0 ||
	    fb_abtest_method_from_name(json_string_value(json_array_get(methods, 1)), &mean, &err) <
	        0 ||
	    !fb_abtest_method_is_binary(b) || fb_abtest_method_is_binary(mean) ||
	    fb_abtest_method_is_paired(b) || fb_abtest_method_is_paired(mean) ||
	    mean == FB_ABTEST_MANN_WHITNEY) {
		fb_diag_error(prog, file, line, 0,
		              "partial options: methods: expected a mergeable binary and mean "
		              "method");
		return 2;
	}
	o->cfg.binary_method = b;
	o->cfg.mean_method = mean;
	if (json_is_string(by) && !(o->by_path = fb_path_compile(json_string_value(by), &err))) {
		fb_diag_error(prog, file, line, 0, "partial options: by: %s", err.text);
		return 2;
	}
	if ((!json_is_string(by) && !json_is_null(by)) ||
	    (!json_is_string(control) && !json_is_null(control)) ||
	    !json_is_array(json_object_get(opts, "metrics")) || o->nmetrics == 0) {
		fb_diag_error(prog, file, line, 0,
		              "partial options: expected by and control as strings or null, and "
		              "a list of metrics");
		return 2;
	}
	o->control = json_string_value(control);
	return check_lower(o, 0);
}

/* Adds one partial record to the arms, or rejects it. Returns what
 * fb_jsonl_in_reject does: 0 to go on, -1 to stop. */
static int merge_partial(const struct options *o, struct fb_jsonl_in *in, struct fb_arms *arms,
                         const struct fb_abtest_partial *p)
{
	long m = metric_index(o, p->metric);
	size_t s, v;

	if (m < 0)
		return fb_jsonl_in_reject(in, 0, "partial: no metric '%s' in its options",
		                          p->metric);
	if (p->binary != (fb_metric_kind(o->metrics[m]) == FB_METRIC_BINARY))
		return fb_jsonl_in_reject(in, 0, "partial: metric '%s' is not of type %s",
		                          p->metric, p->binary ? "binary" : "mean");
	if (!p->segment != !o->by_path)
		return fb_jsonl_in_reject(in, 0, "partial: 'segment' must be %s",
		                          o->by_path ? "a string (options have 'by')"
		                                     : "null (options have no 'by')");
	v = fb_arms_variant(arms, p->variant, strlen(p->variant));
	s = fb_arms_segment(arms, p->segment ? p->segment : "",
	                    p->segment ? strlen(p->segment) : 0);
	/* Each metric's record repeats the count of records: take the first
	 * metric's. */
	if (m == 0)
		fb_arms_add_records(arms, s, v, p->records);
	fb_arms_merge(arms, s, v, (size_t)m, &p->count, &p->moments);
	return 0;
}

static int run_merge(struct options *o, int argc, char **argv, struct out *w)
{
	struct fb_jsonl_policy policy = { prog, 0, NULL, 1 };
	struct fb_abtest_partial p;
	struct fb_jsonl_in *in;
	struct fb_arms *arms = NULL;
	struct fb_error err;
	FILE *rejects = NULL;
	json_t *rec, *first = NULL;
	char *first_file = NULL;
	long first_line = 0;
	const char *key;
	int status = 0, gate = 0, rc, wanted;

	if (o->rejects && !(rejects = open_or_die(o->rejects, "w")))
		return 2;
	policy.skip_invalid = o->skip_invalid;
	policy.rejects = rejects;
	in = fb_jsonl_in_new(&policy, (const char *const *)argv + optind, (size_t)(argc - optind));
	while (status == 0 && (rec = fb_jsonl_in_next(in))) {
		if (fb_abtest_partial_parse(rec, &p, &err) < 0) {
			rc = fb_jsonl_in_reject(in, 0, "%s", err.text);
		} else if (!first) {
			first = json_incref((json_t *)p.options);
			first_file = fb_xstrdup(fb_jsonl_in_file(in));
			first_line = fb_jsonl_in_line(in);
			status = adopt_options(o, first, in);
			arms = fb_arms_new(o->nmetrics, NULL);
			rc = status ? 0 : merge_partial(o, in, arms, &p);
		} else if ((key = fb_abtest_partial_options_diff(first, p.options))) {
			fb_diag_error(prog, fb_jsonl_in_file(in), fb_jsonl_in_line(in), 0,
			              "partial options differ from those of %s:%ld: %s", first_file,
			              first_line, key);
			status = 2;
			rc = 0;
		} else {
			rc = merge_partial(o, in, arms, &p);
		}
		json_decref(rec);
		if (rc < 0)
			break;
	}
	if (!arms)
		arms = fb_arms_new(o->nmetrics, NULL);
	wanted = status == 0;
	if (wanted)
		status = fb_jsonl_in_status(in);
	gate = conclude(o, in, arms, w, &status, wanted);
	fb_jsonl_in_free(in);
	fb_arms_free(arms);
	json_decref(first);
	free(first_file);
	close_rejects(o, rejects, &status);
	return status ? status : gate;
}

/* ---- planning ---- */

static const struct fb_report_col plan_cols[] = {
	{ "test", 10, 0 }, { "baseline", 9, 1 }, { "sd", 9, 1 },         { "mde", 9, 1 },
	{ "alpha", 7, 1 }, { "power", 7, 1 },    { "n_per_arm", 12, 1 }, { "n_total", 10, 1 },
};
#define NPLAN (sizeof plan_cols / sizeof plan_cols[0])

static int run_plan(const struct options *o, struct out *w)
{
	unsigned flags =
	    o->cfg.opts.alternative == FB_STATS_TWO_SIDED ? 0 : FB_STATS_POWER_ONE_SIDED;
	const char *cells[NPLAN];
	char bufs[NPLAN][64];
	struct fb_error err;
	double n;
	json_t *rec;
	size_t i;
	int rc;

	if (o->baseline > 0)
		rc = fb_stats_power_prop_n(o->baseline, o->baseline + o->mde, o->cfg.alpha,
		                           o->power, flags, &n, &err);
	else
		rc = fb_stats_power_t_n(o->mde, o->sd, o->cfg.alpha, o->power, flags, &n, &err);
	if (rc < 0) {
		fb_diag_error(prog, NULL, 0, 0, "plan: %s", err.text);
		return 2;
	}
	rec = json_pack("{s:s,s:s,s:o,s:o,s:f,s:f,s:f,s:s,s:f,s:I,s:I}", "record", "plan", "test",
	                o->baseline > 0 ? "proportion" : "t", "baseline",
	                o->baseline > 0 ? json_real(o->baseline) : json_null(), "sd",
	                o->sd > 0 ? json_real(o->sd) : json_null(), "mde", o->mde, "alpha",
	                o->cfg.alpha, "power", o->power, "alternative",
	                flags ? "one.sided" : "two.sided", "n_per_arm", n, "n_per_arm_ceil",
	                (json_int_t)ceil(n), "n_total", (json_int_t)(2 * ceil(n)));
	if (o->format < 0) {
		emit(w, rec);
		return w->failed == 2 ? 2 : 0;
	}
	for (i = 0; i < NPLAN; i++)
		cells[i] =
		    cell_num(json_object_get(rec, plan_cols[i].title), bufs[i], sizeof bufs[i]);
	snprintf(bufs[6], sizeof bufs[6], "%" JSON_INTEGER_FORMAT,
	         json_integer_value(json_object_get(rec, "n_per_arm_ceil")));
	cells[6] = bufs[6];
	if (fb_report_header(stdout, (enum fb_report_format)o->format, plan_cols, NPLAN) < 0 ||
	    fb_report_row(stdout, (enum fb_report_format)o->format, plan_cols, NPLAN, cells) < 0)
		write_failed(w);
	/* The cells of strings point into rec. */
	json_decref(rec);
	return w->failed == 2 ? 2 : 0;
}

int main(int argc, char **argv)
{
	struct options o;
	struct out w = { 0 };
	int status;

	fb_alloc_init(prog);
	fb_diag_ignore_sigpipe();
	status = parse_options(argc, argv, &o);
	if (status != 0) {
		free_options(&o);
		return status < 0 ? fb_diag_close_stdout(prog) : status;
	}
	if (o.output && !freopen(o.output, "w", stdout)) {
		/* stdout is closed now: nothing is left to flush. */
		fb_diag_error(prog, o.output, 0, 0, "%s", strerror(errno));
		free_options(&o);
		return 2;
	}
	w.opts = &o;
	w.jsonl = fb_jsonl_out_new(stdout, 0);
	status = o.plan    ? run_plan(&o, &w)
	         : o.merge ? run_merge(&o, argc, argv, &w)
	                   : run_compare(&o, argc, argv, &w);
	fb_jsonl_out_free(w.jsonl);
	free_options(&o);
	if (w.failed == 1)
		return status;
	if (fb_diag_close_stdout(prog))
		return 2;
	return status;
}
