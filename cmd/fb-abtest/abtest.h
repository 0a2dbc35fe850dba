/* The parts of fb-abtest, shared by the files of cmd/fb-abtest/: the
 * options, the output state and the functions that wire them. Messages name
 * the program ABTEST_PROG; functions that can fail print their message and
 * return 2 (or the exit status). */
#ifndef FB_ABTEST_CMD_H
#define FB_ABTEST_CMD_H

#include <limits.h>
#include <stdio.h>

#include <jansson.h>

#include "fb_abtest.h"
#include "fb_jsonl.h"
#include "fb_metric.h"
#include "fb_path.h"
#include "fb_report.h"

#define ABTEST_PROG "fb-abtest"

/* The conditions of --fail-if, bits of struct options' fail_if. */
#define FAIL_WORSE 0x1u
#define FAIL_NOT_BETTER 0x2u
#define FAIL_SRM 0x4u

struct fb_arms;

/* The long-only options, numbered from CHAR_MAX + 1 in the order of the
 * option table (options.c). */
enum abtest_opt {
	OPT_ADJUST = CHAR_MAX + 1,
	OPT_ALPHA,
	OPT_ALTERNATIVE,
	OPT_BASELINE,
	OPT_BOOTSTRAP,
	OPT_BT_PRIOR,
	OPT_BY,
	OPT_CONF_LEVEL,
	OPT_CONTROL,
	OPT_COVARIATE,
	OPT_EMIT_PARTIAL,
	OPT_EXPECTED_SPLIT,
	OPT_FAIL_IF,
	OPT_FORMAT,
	OPT_LOWER_IS_BETTER,
	OPT_MDE,
	OPT_METHOD,
	OPT_METRIC,
	OPT_OUTPUT_FIELD,
	OPT_P_FIELD,
	OPT_PAIR_FIELD,
	OPT_POWER,
	OPT_PREFERENCES,
	OPT_REJECTS,
	OPT_SD,
	OPT_SEED,
	OPT_SEQUENTIAL,
	OPT_SEQUENTIAL_TUNING,
	OPT_SKIP_INVALID,
	OPT_STATS,
	OPT_UNIT_FIELD,
	OPT_VARIANT_FIELD,
	OPT_END,
};

struct options {
	int plan, merge, adjust_mode, emit_partial;
	struct fb_metric **metrics;
	size_t nmetrics;
	const char **lower; /* --lower-is-better names */
	size_t nlower;
	struct fb_path *variant_path, *by_path, *pair_path, *unit_path, *covariate_path;
	const char *binary_given, *mean_given; /* --method names given */
	const char *control;
	char **split_names;
	double *split_weights;
	size_t nsplit;
	struct fb_abtest_config cfg;
	int conf_given;
	int boot_given, seed_given, tuning_given; /* --bootstrap, --seed, --sequential-tuning */
	unsigned fail_if;
	double baseline, sd, mde, power;
	int format;           /* -1 for JSON Lines, else an enum fb_report_format */
	int preferences;      /* --preferences */
	double bt_prior;      /* --bt-prior */
	const char *boot_arg; /* --bootstrap's argument, checked once the mode is known */
	int skip_invalid, stats;
	const char *output, *rejects;
	struct fb_path *p_path;   /* adjust: --p-field */
	const char *output_field; /* adjust: --output-field */
};

struct out {
	const struct options *opts;
	struct fb_jsonl_out *jsonl;
	unsigned long written;
	int failed; /* 1 the reader went away, 2 a write error */
};

/* The columns of a comparison's table, "segment" included. */
#define ABTEST_NCOLS 11

/* The resamples of --preferences' bootstrap when --bootstrap is not given. */
#define ABTEST_PREFS_BOOTSTRAP 1000

/* options.c: parses argv (plan, merge and adjust as argv[1]) into o, which it
 * clears first. Returns 0, -1 after --help or --version (written to
 * stdout), or 2 after a usage message; optind is the first operand. Free o
 * with abtest_free_options() in every case. */
int abtest_parse_options(int argc, char **argv, struct options *o);
void abtest_free_options(struct options *o);

/* usage.c: writes --help to stdout. */
void abtest_usage(void);

/* optargs.c: the arguments of single options. Each returns 0, or 2 after a
 * usage message. abtest_opt_fraction takes a number in (0, 1). */
int abtest_opt_fraction(const char *opt, const char *arg, double *out);
int abtest_add_metric(struct options *o, const char *spec);
int abtest_set_path(struct fb_path **p, const char *opt, const char *arg);
int abtest_parse_split(struct options *o, const char *arg);
int abtest_parse_fail_if(struct options *o, const char *arg);
int abtest_parse_method(struct options *o, const char *arg);
/* Takes option c (an enum abtest_opt, 'o', ':' or '?') of getopt_long. */
int abtest_parse_one(struct options *o, int c, char **argv);

/* checks.c: the checks and defaults that need all options (0, or 2 after
 * a usage message); abtest_check_lower checks the --lower-is-better names
 * against the metrics, as a usage error when usage is set, else as an
 * error about the partials. */
int abtest_check_options(struct options *o);
int abtest_check_lower(const struct options *o, int usage);

/* output.c: writing. abtest_emit writes rec (stolen) as JSON Lines or a
 * table row; a write error is kept in w->failed (and printed once by
 * abtest_write_failed, which reads errno). */
void abtest_write_failed(struct out *w);
void abtest_emit(struct out *w, json_t *rec);
size_t abtest_table_cols(const struct options *o, struct fb_report_col *c);
const char *abtest_cell_num(const json_t *v, char *buf, size_t size);
void abtest_write_srm_line(struct out *w, const json_t *rec);
FILE *abtest_open_or_die(const char *path, const char *mode);
void abtest_close_rejects(const struct options *o, FILE *rejects, int *status);
/* The input of a mode: the file arguments under the shared bad-record
 * policy, with --rejects opened into *rejects; NULL after a message when
 * that cannot be opened. */
struct fb_jsonl_in *abtest_open_input(const struct options *o, int argc, char **argv,
                                      FILE **rejects);
/* A mode that reads every record before it writes anything: add takes
 * each good record (see fb_jsonl_in_each); then, unless reading stopped at
 * a bad one, finish writes the result (status is the reading's so far)
 * and returns 0, or non-zero for status 2. */
struct abtest_reader {
	int (*add)(void *ctx, struct fb_jsonl_in *in, const json_t *rec, struct fb_error *err);
	int (*finish)(const struct options *o, void *ctx, struct out *w, int status);
};

/* Runs such a mode over the file arguments, with the --stats line ("read N,
 * written N, rejected N") and --rejects; returns the exit status. */
int abtest_read_then_write(const struct options *o, int argc, char **argv, struct out *w,
                           const struct abtest_reader *r, void *ctx);

/* compare.c: the end of a pass or a merge (comparison when wanted, write
 * status, --stats). Returns the gate's status (0 or 1); *status gets
 * errors. */
int abtest_conclude(struct options *o, struct fb_jsonl_in *in, struct fb_arms *arms, struct out *w,
                    int *status, int wanted);

/* The modes; each returns the exit status. records.c: a pass over the
 * records (with or without --emit-partial); merge.c: merge; plan.c: plan;
 * preferences.c: --preferences, Bradley–Terry strengths of models;
 * adjust.c: adjust, p-values of records adjusted over all of them. */
int abtest_run_compare(struct options *o, int argc, char **argv, struct out *w);
int abtest_run_merge(struct options *o, int argc, char **argv, struct out *w);
int abtest_run_plan(const struct options *o, struct out *w);
int abtest_run_preferences(const struct options *o, int argc, char **argv, struct out *w);
int abtest_run_adjust(const struct options *o, int argc, char **argv, struct out *w);

#endif
