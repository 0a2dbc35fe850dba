/* fb-eval score: a candidate's answers to an eval set in, one record of
 * scores per case out (or one per intent). See fb-eval-score(1). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "fb_alloc.h"
#include "fb_diag.h"
#include "fb_eval_score.h"
#include "fb_eval_score_case.h"
#include "fb_eval_score_summary.h"
#include "fb_jsonl.h"
#include "fb_report.h"

static const char *prog = "fb-eval score";

enum {
	OPT_ALL_CASES = CHAR_MAX + 1,
	OPT_FORMAT,
	OPT_REJECTS,
	OPT_SKIP_INVALID,
	OPT_STATS,
	OPT_SUMMARY,
	OPT_UNBUFFERED,
	OPT_VARIANT,
};

static const char shortopts[] = ":c:ho:V";
static const struct option longopts[] = {
	{ "all-cases", no_argument, NULL, OPT_ALL_CASES },
	{ "cases", required_argument, NULL, 'c' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ "output", required_argument, NULL, 'o' },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "skip-invalid", no_argument, NULL, OPT_SKIP_INVALID },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "unbuffered", no_argument, NULL, OPT_UNBUFFERED },
	{ "variant", required_argument, NULL, OPT_VARIANT },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void usage(void)
{
	printf("Usage: %s --cases=CASES [OPTION]... [FILE]...\n"
	       "Score a candidate's answers, JSON Lines records {\"id\", \"response\"}, against\n"
	       "the cases of an eval set (fb-eval build): token F1 and ROUGE-L against the\n"
	       "reference and the rejected answer, refusal, length ratio, the cases' regex\n"
	       "assertions, and an overall score; one record per answer, ready for\n"
	       "'fb-abtest --pair-field id'. With no FILE, or when FILE is -, read standard\n"
	       "input; .gz files are decompressed.\n"
	       "\n"
	       "  -c, --cases=FILE          the eval set (required)\n"
	       "      --variant=NAME        the name of the candidate in every record\n"
	       "                            (default candidate)\n"
	       "      --all-cases           also write a record for each case without an\n"
	       "                            answer, with answered false\n"
	       "      --summary             one record per intent, and one overall, instead\n"
	       "                            of one per case\n"
	       "      --format=FMT          jsonl (default), or the summary for people:\n"
	       "                            table, markdown or csv\n"
	       "  -o, --output=FILE         write to FILE instead of standard output\n"
	       "      --unbuffered          flush the output after every record\n"
	       "Bad records:\n"
	       "      --skip-invalid        report bad records and go on (default: stop)\n"
	       "      --rejects=FILE        write every rejected line to FILE, byte for byte\n"
	       "      --stats               print counts of records read, written and\n"
	       "                            rejected, and of cases answered, to standard error\n"
	       "  -h, --help                display this help and exit\n"
	       "  -V, --version             output version information and exit\n"
	       "\n"
	       "Exit status: 0 on success, 2 on a usage, input or write error.\n"
	       "See fb-eval-score(1) and fbloop(7).\n",
	       prog);
}

struct options {
	const char *cases, *variant, *output, *rejects;
	int all_cases, summary, skip_invalid, stats, unbuffered;
	int format; /* -1 for JSON Lines, else an enum fb_report_format */
};

static int parse_options(int argc, char **argv, struct options *o)
{
	int c, i, stdin_answers;

	memset(o, 0, sizeof *o);
	o->format = -1;
	o->variant = "candidate";
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			o->cases = optarg;
			break;
		case 'h':
			usage();
			return -1;
		case 'o':
			o->output = optarg;
			break;
		case 'V':
			printf("fb-eval (fbloop) %s\n", FB_VERSION);
			return -1;
		case OPT_ALL_CASES:
			o->all_cases = 1;
			break;
		case OPT_FORMAT:
			o->format =
			    strcmp(optarg, "jsonl") == 0 ? -1 : fb_report_format_from_name(optarg);
			if (o->format == -1 && strcmp(optarg, "jsonl") != 0)
				return fb_diag_usage(prog, "--format: unknown format '%s'", optarg);
			break;
		case OPT_REJECTS:
			o->rejects = optarg;
			break;
		case OPT_SKIP_INVALID:
			o->skip_invalid = 1;
			break;
		case OPT_STATS:
			o->stats = 1;
			break;
		case OPT_SUMMARY:
			o->summary = 1;
			break;
		case OPT_UNBUFFERED:
			o->unbuffered = 1;
			break;
		case OPT_VARIANT:
			if (optarg[0] == '\0')
				return fb_diag_usage(prog, "--variant: empty name");
			o->variant = optarg;
			break;
		case ':':
			return fb_diag_usage(prog, "option '%s' needs an argument",
			                     argv[optind - 1]);
		default:
			return fb_diag_usage(prog, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (!o->cases)
		return fb_diag_usage(prog, "missing --cases");
	if (o->format >= 0)
		o->summary = 1;
	/* Standard input cannot be read twice. */
	if (strcmp(o->cases, "-") == 0) {
		stdin_answers = optind == argc;
		for (i = optind; i < argc; i++)
			stdin_answers |= strcmp(argv[i], "-") == 0;
		if (stdin_answers)
			return fb_diag_usage(prog, "--cases: standard input holds the answers; "
			                           "give the cases as a file");
	}
	return 0;
}

struct reading_cases {
	struct fb_eval_cases *cs;
	struct fb_eval_summary *sum;
};

/* Adds a case of the eval set, and registers its intent in the order of the
 * cases. */
static int add_case(void *ctx, struct fb_jsonl_in *in, const json_t *rec, struct fb_error *err)
{
	struct reading_cases *r = ctx;

	if (fb_eval_cases_add(r->cs, rec, fb_jsonl_in_line(in), err) < 0)
		return -1;
	fb_eval_summary_group(r->sum,
	                      fb_eval_cases_get(r->cs, fb_eval_cases_count(r->cs) - 1)->intent);
	return 0;
}

/* Reads the eval set. Returns 0, or -1 when reading stopped. */
static int read_cases(struct fb_jsonl_in *in, struct fb_eval_cases *cs, struct fb_eval_summary *sum)
{
	struct reading_cases r = { cs, sum };

	return fb_jsonl_in_each(in, add_case, &r);
}

struct out {
	struct fb_jsonl_out *jsonl;
	unsigned long written;
	int failed; /* 1 the reader went away, 2 a write error */
};

static void write_failed(struct out *w)
{
	w->failed = fb_diag_is_epipe(errno) ? 1 : 2;
	if (w->failed == 2)
		fb_diag_error(prog, NULL, 0, 0, "write error: %s", strerror(errno));
}

static void write_record(struct out *w, const json_t *rec)
{
	if (w->failed)
		return;
	if (fb_jsonl_out_write(w->jsonl, rec) == 0)
		w->written++;
	else
		write_failed(w);
}

/* The answer's other fields follow the scores, unless the scores have a
 * field of that name. */
static void pass_through(json_t *out, const json_t *rec)
{
	const char *key;
	json_t *v;

	json_object_foreach ((json_t *)rec, key, v) {
		if (strcmp(key, "id") != 0 && strcmp(key, "response") != 0 &&
		    !json_object_get(out, key))
			json_object_set(out, key, v);
	}
}

/* Scores every answer. Returns 0, or -1 when reading stopped. */
static int score_all(const struct options *o, struct fb_jsonl_in *in, struct fb_eval_cases *cs,
                     struct fb_eval_scorer *sc, struct fb_eval_summary *sum, struct out *w)
{
	const struct fb_eval_case *c;
	struct fb_eval_result r;
	struct fb_error err;
	const json_t *resp;
	json_t *rec, *out;
	int rc = 0;
	long i;

	while (rc == 0 && w->failed == 0 && (rec = fb_jsonl_in_next(in))) {
		i = fb_eval_cases_answer(cs, rec, fb_jsonl_in_file(in), fb_jsonl_in_line(in), &err);
		if (i < 0) {
			rc = fb_jsonl_in_reject(in, 0, "%s", err.text);
			json_decref(rec);
			continue;
		}
		c = fb_eval_cases_get(cs, (size_t)i);
		resp = json_object_get(rec, "response");
		fb_eval_score(sc, c, json_string_value(resp), json_string_length(resp), &r);
		if (r.limit_hits)
			fb_jsonl_in_warn(
			    in, "%zu assertion%s gave up on a match limit, counted as failed",
			    r.limit_hits, r.limit_hits > 1 ? "s" : "");
		fb_eval_summary_add(sum, fb_eval_summary_group(sum, c->intent), &r);
		if (!o->summary) {
			out = fb_eval_score_record(c, o->variant, &r);
			pass_through(out, rec);
			write_record(w, out);
			json_decref(out);
		}
		json_decref(rec);
	}
	return rc == 0 && !fb_jsonl_in_stopped(in) ? 0 : -1;
}

/* Counts the cases without an answer, and writes them with --all-cases. */
static void unanswered(const struct options *o, const struct fb_eval_cases *cs,
                       struct fb_eval_summary *sum, struct out *w)
{
	const struct fb_eval_case *c;
	json_t *out;
	size_t i;

	for (i = 0; i < fb_eval_cases_count(cs); i++) {
		if (fb_eval_cases_answered(cs, i))
			continue;
		c = fb_eval_cases_get(cs, i);
		fb_eval_summary_add(sum, fb_eval_summary_group(sum, c->intent), NULL);
		if (o->all_cases && !o->summary) {
			out = fb_eval_score_record(c, o->variant, NULL);
			write_record(w, out);
			json_decref(out);
		}
	}
}

/* The columns of --format table, markdown and csv: fields of the summary. */
static const struct fb_report_col cols[] = {
	{ "intent", 8, 0 },
	{ "label", 24, 0 },
	{ "cases", 5, 1 },
	{ "answered", 8, 1 },
	{ "f1_reference", 12, 1 },
	{ "rougeL_reference", 16, 1 },
	{ "f1_rejected", 11, 1 },
	{ "rougeL_rejected", 15, 1 },
	{ "refusal_rate", 12, 1 },
	{ "length_ratio", 12, 1 },
	{ "assertions_failed", 17, 1 },
	{ "score", 8, 1 },
};
#define NCOLS (sizeof cols / sizeof cols[0])

static void write_summary(const struct options *o, const struct fb_eval_summary *sum, struct out *w)
{
	enum fb_report_format fmt = (enum fb_report_format)o->format;
	size_t i, j, n = fb_eval_summary_size(sum);
	const char *cells[NCOLS];
	char bufs[NCOLS][64];
	json_t *rec;

	if (o->format >= 0 && fb_report_header(stdout, fmt, cols, NCOLS) < 0) {
		write_failed(w);
		return;
	}
	for (i = 0; i < n && !w->failed; i++) {
		rec = fb_eval_summary_record(sum, i);
		if (o->format < 0) {
			write_record(w, rec);
		} else {
			for (j = 0; j < NCOLS; j++)
				cells[j] = fb_report_json_cell(json_object_get(rec, cols[j].title),
				                               bufs[j], sizeof bufs[j]);
			if (i == n - 1)
				cells[0] = "all";
			if (fb_report_row(stdout, fmt, cols, NCOLS, cells) < 0)
				write_failed(w);
			else
				w->written++;
		}
		json_decref(rec);
	}
}

int eval_score_main(int argc, char **argv)
{
	struct fb_jsonl_policy policy = { prog, 0, NULL, NULL };
	struct fb_jsonl_in *cin = NULL, *in = NULL;
	struct fb_eval_summary *sum = NULL;
	struct fb_eval_scorer *sc = NULL;
	struct fb_eval_cases *cs = NULL;
	struct out w = { 0 };
	struct options o;
	struct fb_error err;
	FILE *rejects = NULL;
	int status;

	status = parse_options(argc, argv, &o);
	if (status != 0)
		return status < 0 ? fb_diag_close_stdout(prog) : status;
	status = 2;
	if (o.rejects && !(rejects = fopen(o.rejects, "w"))) {
		fb_diag_error(prog, o.rejects, 0, 0, "%s", strerror(errno));
		goto out;
	}
	if (!(sc = fb_eval_scorer_new(&err))) {
		fb_diag_error(prog, NULL, 0, 0, "default refusal rules: %s", err.text);
		goto out;
	}
	policy.skip_invalid = o.skip_invalid;
	policy.rejects = rejects;
	sum = fb_eval_summary_new(o.variant);
	cs = fb_eval_cases_new();
	/* The eval set is read first: a bad one stops before the output is
	 * opened, which would empty it. */
	cin = fb_jsonl_in_new(&policy, &o.cases, 1);
	if (read_cases(cin, cs, sum) < 0 || fb_jsonl_in_status(cin) != 0)
		goto out;
	if (o.output && !freopen(o.output, "w", stdout)) {
		fb_diag_error(prog, o.output, 0, 0, "%s", strerror(errno));
		w.failed = 1; /* stdout is closed: nothing is left to flush */
		goto out;
	}
	w.jsonl = fb_jsonl_out_new(stdout, o.unbuffered);
	in = fb_jsonl_in_new(&policy, (const char *const *)argv + optind, (size_t)(argc - optind));
	if (score_all(&o, in, cs, sc, sum, &w) == 0 && !w.failed) {
		unanswered(&o, cs, sum, &w);
		if (fb_eval_cases_nanswered(cs) < fb_eval_cases_count(cs))
			fb_diag_warn(prog, NULL, 0, 0, "%zu of %zu cases have no answer",
			             fb_eval_cases_count(cs) - fb_eval_cases_nanswered(cs),
			             fb_eval_cases_count(cs));
		if (o.summary)
			write_summary(&o, sum, &w);
	}
	status = w.failed == 2 ? 2 : fb_jsonl_in_status(in);
	if (o.stats) {
		fprintf(stderr, "%s: read %lu, written %lu, rejected %lu\n", prog,
		        fb_jsonl_in_read_count(in), w.written, fb_jsonl_in_rejected_count(in));
		fprintf(stderr, "%s: cases %zu (rejected %lu), answered %zu, unanswered %zu\n",
		        prog, fb_eval_cases_count(cs), fb_jsonl_in_rejected_count(cin),
		        fb_eval_cases_nanswered(cs),
		        fb_eval_cases_count(cs) - fb_eval_cases_nanswered(cs));
	}
out:
	fb_jsonl_in_free(in);
	fb_jsonl_in_free(cin);
	fb_jsonl_out_free(w.jsonl);
	fb_eval_summary_free(sum);
	fb_eval_scorer_free(sc);
	fb_eval_cases_free(cs);
	if (rejects && fclose(rejects) != 0) {
		fb_diag_error(prog, o.rejects, 0, 0, "%s", strerror(errno));
		status = 2;
	}
	if (w.failed == 1)
		return status;
	return fb_diag_close_stdout(prog) ? 2 : status;
}
