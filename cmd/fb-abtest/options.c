/* fb-abtest: the option table and the parsing of the command line into
 * struct options. */
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abtest.h"
#include "fb_alloc.h"
#include "fb_diag.h"
#include "fb_path.h"
#include "fb_report.h"

static const char *prog = ABTEST_PROG;

static const char shortopts[] = ":ho:V";
static const struct option longopts[] = {
	{ "adjust", required_argument, NULL, OPT_ADJUST },
	{ "alpha", required_argument, NULL, OPT_ALPHA },
	{ "alternative", required_argument, NULL, OPT_ALTERNATIVE },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "bootstrap", required_argument, NULL, OPT_BOOTSTRAP },
	{ "bt-prior", required_argument, NULL, OPT_BT_PRIOR },
	{ "by", required_argument, NULL, OPT_BY },
	{ "conf-level", required_argument, NULL, OPT_CONF_LEVEL },
	{ "control", required_argument, NULL, OPT_CONTROL },
	{ "covariate", required_argument, NULL, OPT_COVARIATE },
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
	{ "output-field", required_argument, NULL, OPT_OUTPUT_FIELD },
	{ "p-field", required_argument, NULL, OPT_P_FIELD },
	{ "pair-field", required_argument, NULL, OPT_PAIR_FIELD },
	{ "power", required_argument, NULL, OPT_POWER },
	{ "preferences", no_argument, NULL, OPT_PREFERENCES },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "sd", required_argument, NULL, OPT_SD },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "sequential", no_argument, NULL, OPT_SEQUENTIAL },
	{ "sequential-tuning", required_argument, NULL, OPT_SEQUENTIAL_TUNING },
	{ "skip-invalid", no_argument, NULL, OPT_SKIP_INVALID },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "unit-field", required_argument, NULL, OPT_UNIT_FIELD },
	{ "variant-field", required_argument, NULL, OPT_VARIANT_FIELD },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* Options that belong to some modes only, to refuse them in the others:
 * plan's; the analysis's (comparing and merging); the reading of records
 * (comparing and --emit-partial; merge takes them from the partials);
 * adjust's. */
#define ONLY_PLAN 0x1u
#define ONLY_COMPARE 0x2u
#define ONLY_RECORDS 0x4u
#define ONLY_PREFS 0x8u
#define ONLY_ADJUST 0x10u

/* The bits of the options given, to check them against --preferences. */
#define GIVEN(c) ((uint64_t)1 << ((c) - (CHAR_MAX + 1)))
_Static_assert(OPT_END - (CHAR_MAX + 1) <= 64, "too many options for GIVEN");

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
	case OPT_SEQUENTIAL:
	case OPT_SEQUENTIAL_TUNING:
	case OPT_SKIP_INVALID:
	case OPT_STATS:
		return ONLY_COMPARE;
	case OPT_BOOTSTRAP:
	case OPT_BY:
	case OPT_CONTROL:
	case OPT_COVARIATE:
	case OPT_EMIT_PARTIAL:
	case OPT_METHOD:
	case OPT_METRIC:
	case OPT_PAIR_FIELD:
	case OPT_SEED:
	case OPT_UNIT_FIELD:
	case OPT_VARIANT_FIELD:
		return ONLY_RECORDS;
	case OPT_BT_PRIOR:
	case OPT_PREFERENCES:
		return ONLY_PREFS;
	case OPT_OUTPUT_FIELD:
	case OPT_P_FIELD:
		return ONLY_ADJUST;
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

/* The options of --preferences: reading, the fit, output. */
static int prefs_option(int c)
{
	switch (c) {
	case OPT_ADJUST:
	case OPT_BOOTSTRAP:
	case OPT_BT_PRIOR:
	case OPT_CONF_LEVEL:
	case OPT_FORMAT:
	case OPT_PREFERENCES:
	case OPT_REJECTS:
	case OPT_SEED:
	case OPT_SKIP_INVALID:
	case OPT_STATS:
		return 1;
	default:
		return 0;
	}
}

/* The options of adjust: reading, the adjustment, output. */
static int adjust_option(int c)
{
	switch (c) {
	case OPT_ADJUST:
	case OPT_BY:
	case OPT_FORMAT:
	case OPT_OUTPUT_FIELD:
	case OPT_P_FIELD:
	case OPT_REJECTS:
	case OPT_SKIP_INVALID:
	case OPT_STATS:
		return 1;
	default:
		return 0;
	}
}

/* Refuses the options --preferences does not take, and those only it
 * takes without it. */
static int check_given(const struct options *o, uint64_t given)
{
	int c;

	for (c = CHAR_MAX + 1; o->preferences && c < OPT_END; c++)
		if ((given & GIVEN(c)) && !prefs_option(c))
			return fb_diag_usage(prog, "--%s: not an option of --preferences",
			                     long_name(c));
	if (!o->preferences && (given & GIVEN(OPT_BT_PRIOR)))
		return fb_diag_usage(prog, "--bt-prior: only with --preferences");
	if (!o->preferences && !o->adjust_mode && o->format == FB_REPORT_CSV)
		return fb_diag_usage(
		    prog, "--format: 'csv' only with --preferences and 'fb-abtest adjust'");
	return 0;
}

int abtest_parse_options(int argc, char **argv, struct options *o)
{
	struct fb_stats_opts defaults = FB_STATS_OPTS_DEFAULT;
	uint64_t given = 0;
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
	o->cfg.resamples = 10000;
	o->cfg.seed = 1;
	o->cfg.seq_tuning = FB_STATS_SEQ_TUNING_DEFAULT;
	o->bt_prior = 1;
	opterr = 0;
	if (argc > 1 && strcmp(argv[1], "plan") == 0)
		o->plan = 1;
	else if (argc > 1 && strcmp(argv[1], "merge") == 0)
		o->merge = 1;
	else if (argc > 1 && strcmp(argv[1], "adjust") == 0)
		o->adjust_mode = 1;
	if (o->plan || o->merge || o->adjust_mode) {
		argc--;
		argv++;
	}
	while (rc == 0 && (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (c == 'h') {
			abtest_usage();
			return -1;
		}
		if (c == 'V') {
			printf("%s (fbloop) %s\n", prog, FB_VERSION);
			return -1;
		}
		mode = option_mode(c);
		if (o->adjust_mode && c > CHAR_MAX && !adjust_option(c))
			return fb_diag_usage(prog, "--%s: not an option of 'fb-abtest adjust'",
			                     long_name(c));
		if (mode == ONLY_ADJUST && !o->adjust_mode)
			return fb_diag_usage(prog, "--%s: only for 'fb-abtest adjust'",
			                     long_name(c));
		if (o->adjust_mode) {
			rc = abtest_parse_one(o, c, argv);
			continue;
		}
		if (mode == ONLY_PLAN && !o->plan)
			return fb_diag_usage(prog, "--%s: only for 'fb-abtest plan'", long_name(c));
		if (mode != ONLY_PLAN && mode != 0 && o->plan)
			return fb_diag_usage(prog, "--%s: not an option of 'fb-abtest plan'",
			                     long_name(c));
		if (mode == ONLY_PREFS && o->merge)
			return fb_diag_usage(prog, "--%s: not an option of 'fb-abtest merge'",
			                     long_name(c));
		if (mode == ONLY_RECORDS && o->merge)
			return fb_diag_usage(prog,
			                     "--%s: not an option of 'fb-abtest merge' (the "
			                     "partials carry it)",
			                     long_name(c));
		if (c > CHAR_MAX)
			given |= GIVEN(c);
		rc = abtest_parse_one(o, c, argv);
	}
	if (rc == 0 && o->plan && optind < argc)
		return fb_diag_usage(prog, "plan: unexpected operand '%s'", argv[optind]);
	if (rc == 0)
		rc = check_given(o, given);
	if (rc == 0 && o->adjust_mode) {
		if (!o->p_path)
			rc = abtest_set_path(&o->p_path, "p-field", "p_value");
		if (!o->output_field)
			o->output_field = "p_adjusted";
	} else if (rc == 0) {
		if (!o->variant_path)
			rc = abtest_set_path(&o->variant_path, "variant-field", "variant");
		if (rc == 0)
			rc = abtest_check_options(o);
	}
	/* getopt_long ran on argv shifted by one for plan, merge and adjust. */
	optind += o->plan || o->merge || o->adjust_mode;
	return rc;
}

void abtest_free_options(struct options *o)
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
	fb_path_free(o->covariate_path);
	fb_path_free(o->p_path);
}
