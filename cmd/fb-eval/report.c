/* fb-eval report: per-intent satisfaction from the records of fb-extract and
 * fb-cluster, ranked by impact, with a --fail-if gate. See fb-eval-report(1). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "fb_cond.h"
#include "fb_diag.h"
#include "fb_eval_report.h"
#include "fb_jsonl.h"
#include "fb_opt.h"
#include "fb_report.h"

static const char *prog = "fb-eval report";

enum {
	OPT_BY = CHAR_MAX + 1,
	OPT_CONF_LEVEL,
	OPT_FAIL_IF,
	OPT_FORMAT,
	OPT_MIN_N,
	OPT_REJECTS,
	OPT_SKIP_INVALID,
	OPT_STATS,
	OPT_THREADS,
	OPT_TOP_SIGNALS,
};

static const char shortopts[] = ":ho:V";
static const struct option longopts[] = {
	{ "by", required_argument, NULL, OPT_BY },
	{ "conf-level", required_argument, NULL, OPT_CONF_LEVEL },
	{ "fail-if", required_argument, NULL, OPT_FAIL_IF },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ "min-n", required_argument, NULL, OPT_MIN_N },
	{ "output", required_argument, NULL, 'o' },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "skip-invalid", no_argument, NULL, OPT_SKIP_INVALID },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "top-signals", required_argument, NULL, OPT_TOP_SIGNALS },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]...\n"
	       "Report, for each intent of the records of fb-extract | fb-cluster, how\n"
	       "satisfied users are, where they suffer most first; optionally per day or\n"
	       "week with the change since the one before, and a gate for cron or CI.\n"
	       "With no FILE, or when FILE is -, read standard input; .gz files are\n"
	       "decompressed.\n"
	       "\n"
	       "Report:\n"
	       "      --by=PERIOD           day or week (ISO, UTC): a report per period of\n"
	       "                            the timestamps, with the change since the\n"
	       "                            period before\n"
	       "      --top-signals=N       list the N signals found most in negatively\n"
	       "                            labelled interactions (default 3)\n"
	       "      --conf-level=X        of the Wilson intervals (default 0.95)\n"
	       "Gate:\n"
	       "      --fail-if=EXPR        exit 1 when EXPR holds for an intent, such as\n"
	       "                            negative_rate>0.25 (repeatable; ',' is or,\n"
	       "                            '&&' is and; with --by, the newest period)\n"
	       "      --min-n=N             judge only intents with at least N\n"
	       "                            interactions (default 30)\n"
	       "Output:\n"
	       "  -o, --output=FILE         write to FILE instead of standard output\n"
	       "      --format=FMT          jsonl (default; also json), table, markdown or\n"
	       "                            csv\n"
	       "      --threads=N           parse input on N threads (default 1)\n"
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
	       "See fb-eval-report(1) and fbloop(7).\n",
	       prog);
}

struct options {
	enum fb_eval_report_by by;
	struct fb_cond *fail_if;
	long min_n, top_signals, threads;
	double conf_level;
	int format; /* -1 for JSON Lines, else an enum fb_report_format */
	int skip_invalid, stats;
	const char *output, *rejects;
};

static int add_fail_if(struct options *o, const char *arg)
{
	struct fb_error err;

	if (fb_cond_add(o->fail_if, arg, &err) < 0)
		return fb_diag_usage(prog, "--fail-if: column %d of '%s': %s", err.column, arg,
		                     err.text);
	return 0;
}

static int parse_one(struct options *o, int c, const char *arg)
{
	int by;

	switch (c) {
	case 'o':
		o->output = arg;
		return 0;
	case OPT_BY:
		if ((by = fb_eval_report_by_from_name(arg)) < 0)
			return fb_diag_usage(prog, "--by: expected day or week, got '%s'", arg);
		o->by = (enum fb_eval_report_by)by;
		return 0;
	case OPT_CONF_LEVEL:
		if (fb_diag_opt_double(prog, "conf-level", arg, 0, 1, &o->conf_level))
			return 2;
		if (o->conf_level <= 0 || o->conf_level >= 1)
			return fb_diag_usage(prog, "--conf-level: '%s' is out of range (0 to 1)",
			                     arg);
		return 0;
	case OPT_FAIL_IF:
		return add_fail_if(o, arg);
	case OPT_FORMAT:
		o->format = strcmp(arg, "jsonl") == 0 || strcmp(arg, "json") == 0
		                ? -1
		                : fb_report_format_from_name(arg);
		if (o->format == -1 && strcmp(arg, "jsonl") != 0 && strcmp(arg, "json") != 0)
			return fb_diag_usage(prog, "--format: unknown format '%s'", arg);
		return 0;
	case OPT_MIN_N:
		return fb_diag_opt_long(prog, "min-n", arg, 0, 1000000000, &o->min_n);
	case OPT_REJECTS:
		o->rejects = arg;
		return 0;
	case OPT_SKIP_INVALID:
		o->skip_invalid = 1;
		return 0;
	case OPT_STATS:
		o->stats = 1;
		return 0;
	case OPT_THREADS:
		return fb_diag_opt_long(prog, "threads", arg, 1, 8, &o->threads);
	case OPT_TOP_SIGNALS:
		return fb_diag_opt_long(prog, "top-signals", arg, 0, 100, &o->top_signals);
	}
	return 2;
}

/* Returns 0 to go on, -1 after --help or --version, or 2 on a mistake. */
static int parse_options(int argc, char **argv, struct options *o)
{
	int c, rc = 0;
	size_t f;

	memset(o, 0, sizeof *o);
	o->format = -1;
	o->min_n = 30;
	o->top_signals = 3;
	o->threads = 1;
	o->conf_level = 0.95;
	o->fail_if = fb_cond_new(fb_eval_report_fields, FB_EVAL_REPORT_NFIELDS);
	opterr = 0;
	while (rc == 0 && (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage();
			return -1;
		case 'V':
			printf("fb-eval (fbloop) %s\n", FB_VERSION);
			return -1;
		case ':':
			return fb_diag_usage(prog, "option '%s' needs an argument",
			                     argv[optind - 1]);
		case '?':
			return fb_diag_usage(prog, "unknown option '%s'", argv[optind - 1]);
		default:
			rc = parse_one(o, c, optarg);
		}
	}
	if (rc != 0 || o->by != FB_EVAL_REPORT_ALL)
		return rc;
	for (f = FB_EVAL_REPORT_F_PREVIOUS_N; f < FB_EVAL_REPORT_NFIELDS; f++)
		if (fb_cond_uses(o->fail_if, f))
			return fb_diag_usage(prog, "--fail-if: %s needs --by",
			                     fb_eval_report_fields[f]);
	return 0;
}

struct out {
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

static void write_rows(const struct options *o, struct out *w,
                       const struct fb_eval_report_row *rows, size_t n)
{
	struct fb_eval_report_cells cells;
	const struct fb_report_col *cols;
	size_t ncols, i;
	json_t *rec;
	int rc;

	cols = fb_eval_report_cols(o->by, &ncols);
	if (o->format >= 0 &&
	    fb_report_header(stdout, (enum fb_report_format)o->format, cols, ncols) < 0)
		write_failed(w);
	for (i = 0; i < n && !w->failed; i++) {
		if (o->format < 0) {
			rec = fb_eval_report_row_json(&rows[i], o->by);
			rc = fb_jsonl_out_write(w->jsonl, rec);
			json_decref(rec);
		} else {
			fb_eval_report_row_cells(&rows[i], o->by, &cells);
			rc = fb_report_row(stdout, (enum fb_report_format)o->format, cols, ncols,
			                   cells.cell);
		}
		if (rc < 0)
			write_failed(w);
		else
			w->written++;
	}
}

/* Says which intents trip the gate, one line each. Returns 1 when one does. */
static int gate(const struct options *o, const struct fb_eval_report_row *rows, size_t n)
{
	double v[FB_EVAL_REPORT_NFIELDS];
	const struct fb_eval_report_row *row;
	size_t i, j, f;
	int hold = 0, has_n;
	long k;

	for (i = 0; i < n; i++) {
		row = &rows[i];
		if (row->group != FB_EVAL_REPORT_INTENT || !row->last_period ||
		    row->n < (uint64_t)o->min_n)
			continue;
		fb_eval_report_row_values(row, o->by, v);
		if ((k = fb_cond_eval(o->fail_if, v)) < 0)
			continue;
		hold = 1;
		fprintf(stderr, "%s: --fail-if %s holds for intent %lld", prog,
		        fb_cond_text(o->fail_if, (size_t)k), row->id);
		if (row->label)
			fprintf(stderr, " (%s)", row->label);
		if (o->by != FB_EVAL_REPORT_ALL)
			fprintf(stderr, " in %s", row->period);
		for (j = 0, has_n = 0; j < fb_cond_nterms(o->fail_if, (size_t)k); j++) {
			f = fb_cond_field(o->fail_if, (size_t)k, j);
			has_n |= f == FB_EVAL_REPORT_F_N;
			fprintf(stderr, "%s%s %g", j ? ", " : ": ", fb_eval_report_fields[f], v[f]);
		}
		if (!has_n)
			fprintf(stderr, ", n %llu", (unsigned long long)row->n);
		fputc('\n', stderr);
	}
	return hold;
}

static int add_record(void *r, struct fb_jsonl_in *in, const json_t *rec, struct fb_error *err)
{
	(void)in;
	return fb_eval_report_add_json(r, rec, err);
}

static int run(const struct options *o, int argc, char **argv, struct out *w)
{
	struct fb_jsonl_policy policy = { prog, 0, NULL, NULL };
	struct fb_eval_report *r = fb_eval_report_new(o->by);
	struct fb_eval_report_row *rows = NULL;
	struct fb_jsonl_in *in;
	struct fb_error err;
	FILE *rejects = NULL;
	int status, hold = 0;
	size_t n = 0;

	if (o->rejects && !(rejects = fopen(o->rejects, "w"))) {
		fb_diag_error(prog, o->rejects, 0, 0, "%s", strerror(errno));
		fb_eval_report_free(r);
		return 2;
	}
	policy.skip_invalid = o->skip_invalid;
	policy.rejects = rejects;
	policy.jobs = fb_jobs_for(o->threads);
	in = fb_jsonl_in_new(&policy, (const char *const *)argv + optind, (size_t)(argc - optind));
	fb_jsonl_in_each(in, add_record, r);
	status = fb_jsonl_in_status(in);
	if (!fb_jsonl_in_stopped(in)) {
		rows = fb_eval_report_rows(r, (size_t)o->top_signals, o->conf_level, &n, &err);
		if (!rows && n == 0 && fb_eval_report_nperiods(r) > 0) {
			fb_diag_error(prog, NULL, 0, 0, "%s", err.text);
			status = 2;
		} else {
			write_rows(o, w, rows, n);
			hold = gate(o, rows, n);
		}
	}
	if (w->failed == 2)
		status = 2;
	if (o->stats)
		fprintf(stderr, "%s: read %lu, written %lu, rejected %lu\n", prog,
		        fb_jsonl_in_read_count(in), w->written, fb_jsonl_in_rejected_count(in));
	fb_eval_report_rows_free(rows, n);
	fb_jsonl_in_free(in);
	fb_jobs_free(policy.jobs);
	fb_eval_report_free(r);
	if (rejects && fclose(rejects) != 0) {
		fb_diag_error(prog, o->rejects, 0, 0, "%s", strerror(errno));
		status = 2;
	}
	return status ? status : hold;
}

int eval_report_main(int argc, char **argv)
{
	struct options o;
	struct out w = { 0 };
	int status;

	status = parse_options(argc, argv, &o);
	if (status != 0) {
		fb_cond_free(o.fail_if);
		return status < 0 ? fb_diag_close_stdout(prog) : status;
	}
	if (o.output && !freopen(o.output, "w", stdout)) {
		/* stdout is closed now: nothing is left to flush. */
		fb_diag_error(prog, o.output, 0, 0, "%s", strerror(errno));
		fb_cond_free(o.fail_if);
		return 2;
	}
	w.jsonl = fb_jsonl_out_new(stdout, 0);
	status = run(&o, argc, argv, &w);
	fb_jsonl_out_free(w.jsonl);
	fb_cond_free(o.fail_if);
	if (w.failed == 1)
		return status;
	return fb_diag_close_stdout(prog) ? 2 : status;
}
