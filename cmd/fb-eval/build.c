/* fb-eval build: scored, clustered interactions in; an evaluation set or a
 * training set out, selected per intent, deduplicated, redacted and split
 * by conversation. The logic is in lib/fb_dataset*.c. See fb-eval-build(1). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "fb_alloc.h"
#include "fb_dataset.h"
#include "fb_diag.h"
#include "fb_jsonl.h"
#include "fb_opt.h"
#include "fb_redact.h"

static const char *prog = "fb-eval build";

enum {
	OPT_BALANCE = CHAR_MAX + 1,
	OPT_DEDUP_THRESHOLD,
	OPT_FORMAT,
	OPT_MIN_CONFIDENCE,
	OPT_NO_DEDUP,
	OPT_OUTPUT_PREFIX,
	OPT_PER_INTENT,
	OPT_REDACT,
	OPT_REDACT_RULES,
	OPT_REJECTS,
	OPT_SEED,
	OPT_SKIP_INVALID,
	OPT_SPLIT,
	OPT_STATS,
	OPT_THREADS,
};

static const char shortopts[] = ":ho:V";
static const struct option longopts[] = {
	{ "balance", no_argument, NULL, OPT_BALANCE },
	{ "dedup-threshold", required_argument, NULL, OPT_DEDUP_THRESHOLD },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ "min-confidence", required_argument, NULL, OPT_MIN_CONFIDENCE },
	{ "no-dedup", no_argument, NULL, OPT_NO_DEDUP },
	{ "output", required_argument, NULL, 'o' },
	{ "output-prefix", required_argument, NULL, OPT_OUTPUT_PREFIX },
	{ "per-intent", required_argument, NULL, OPT_PER_INTENT },
	{ "redact", no_argument, NULL, OPT_REDACT },
	{ "redact-rules", required_argument, NULL, OPT_REDACT_RULES },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "skip-invalid", no_argument, NULL, OPT_SKIP_INVALID },
	{ "split", required_argument, NULL, OPT_SPLIT },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]...\n"
	       "Select user-rated cases per intent from scored, clustered interactions\n"
	       "(fb-extract | fb-cluster) and write an evaluation or training set. Reads\n"
	       "all input before writing. With no FILE, or when FILE is -, read standard\n"
	       "input; .gz files are decompressed.\n"
	       "\n"
	       "Selection:\n"
	       "      --per-intent=N        at most N cases (pairs with preference) per\n"
	       "                            intent (default: all)\n"
	       "      --balance             as many negatively as positively rated cases\n"
	       "                            per intent\n"
	       "      --min-confidence=X    answers rated with less confidence count as\n"
	       "                            unrated (default 0)\n"
	       "      --seed=N              seed of the sampling and the split (default 1)\n"
	       "Near-duplicates:\n"
	       "      --dedup-threshold=X   prompts of one intent this similar (Jaccard of\n"
	       "                            word 3-shingles, MinHash) are near-duplicates;\n"
	       "                            one is kept (default 0.8)\n"
	       "      --no-dedup            keep near-duplicates\n"
	       "Privacy:\n"
	       "      --redact              replace e-mail addresses, phone numbers, card\n"
	       "                            numbers, IBANs, IP addresses and API keys with\n"
	       "                            placeholders such as [EMAIL]\n"
	       "      --redact-rules=FILE   add the rules of FILE (implies --redact)\n"
	       "Output:\n"
	       "      --format=FMT          cases (default), chat, preference, kto,\n"
	       "                            openai-evals or promptfoo\n"
	       "  -o, --output=FILE         write to FILE instead of standard output\n"
	       "      --split=NAME=X[,...]  hold out a share X of the conversations as\n"
	       "                            NAME (e.g. test=0.2); the rest is train\n"
	       "      --output-prefix=P     with --split: write P-train.jsonl and\n"
	       "                            P-NAME.jsonl\n"
	       "      --threads=N           parse input on N threads (default: the number\n"
	       "                            of processors, at most 8)\n"
	       "Bad records:\n"
	       "      --skip-invalid        report bad records and go on (default: stop)\n"
	       "      --rejects=FILE        write every rejected line to FILE, byte for byte\n"
	       "      --stats               print counts of records read, written and\n"
	       "                            rejected, and of the selection, to standard error\n"
	       "  -h, --help                display this help and exit\n"
	       "  -V, --version             output version information and exit\n"
	       "\n"
	       "Exit status: 0 on success, 2 on a usage, input or write error.\n"
	       "See fb-eval-build(1) and fbloop(7).\n",
	       prog);
}

struct options {
	struct fb_dataset_opts ds;
	const char **rules; /* --redact-rules files */
	size_t nrules;
	int redact, stats, skip_invalid, balance_set;
	long threads;
	const char *output, *prefix, *rejects;
};

/* Checks what needs all options. */
static int check_options(const struct options *o)
{
	enum fb_dataset_format f = o->ds.format;

	if (o->ds.split.n && !o->prefix)
		return fb_diag_usage(prog, "--split needs --output-prefix");
	if (o->prefix && !o->ds.split.n)
		return fb_diag_usage(prog, "--output-prefix needs --split");
	if (o->ds.split.n && o->output)
		return fb_diag_usage(prog, "--output cannot be used with --split");
	if (o->ds.balance && (f == FB_DATASET_CHAT || f == FB_DATASET_PREFERENCE))
		return fb_diag_usage(prog, "--balance cannot be used with --format %s",
		                     fb_dataset_format_name(f));
	return 0;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	struct fb_error err;
	int c, rc = 0, fmt;
	long n;

	memset(o, 0, sizeof *o);
	fb_dataset_opts_default(&o->ds);
	o->rules = fb_xcalloc((size_t)argc + 1, sizeof *o->rules);
	opterr = 0;
	optind = 1;
	while (rc == 0 && (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage();
			return -1;
		case 'V':
			printf("fb-eval (fbloop) %s\n", FB_VERSION);
			return -1;
		case 'o':
			o->output = optarg;
			break;
		case OPT_BALANCE:
			o->ds.balance = 1;
			break;
		case OPT_DEDUP_THRESHOLD:
			rc = fb_diag_opt_double(prog, "dedup-threshold", optarg, 0, 1,
			                        &o->ds.dedup_threshold);
			if (rc == 0 && o->ds.dedup_threshold <= 0)
				rc = fb_diag_usage(
				    prog, "--dedup-threshold: '%s' is out of range (0 to 1)",
				    optarg);
			break;
		case OPT_FORMAT:
			fmt = fb_dataset_format_from_name(optarg);
			if (fmt < 0)
				rc = fb_diag_usage(prog, "--format: unknown format '%s'", optarg);
			else
				o->ds.format = (enum fb_dataset_format)fmt;
			break;
		case OPT_MIN_CONFIDENCE:
			rc = fb_diag_opt_double(prog, "min-confidence", optarg, 0, 1,
			                        &o->ds.min_confidence);
			break;
		case OPT_NO_DEDUP:
			o->ds.dedup = 0;
			break;
		case OPT_OUTPUT_PREFIX:
			o->prefix = optarg;
			break;
		case OPT_PER_INTENT:
			rc = fb_diag_opt_long(prog, "per-intent", optarg, 1, LONG_MAX, &n);
			o->ds.per_intent = (size_t)n;
			break;
		case OPT_REDACT:
			o->redact = 1;
			break;
		case OPT_REDACT_RULES:
			o->redact = 1;
			o->rules[o->nrules++] = optarg;
			break;
		case OPT_REJECTS:
			o->rejects = optarg;
			break;
		case OPT_SEED:
			rc = fb_diag_opt_long(prog, "seed", optarg, 0, LONG_MAX, &n);
			o->ds.seed = (uint64_t)n;
			break;
		case OPT_SKIP_INVALID:
			o->skip_invalid = 1;
			break;
		case OPT_SPLIT:
			if (fb_dataset_split_parse(optarg, &o->ds.split, &err) < 0)
				rc = fb_diag_usage(prog, "--split: %s", err.text);
			break;
		case OPT_STATS:
			o->stats = 1;
			break;
		case OPT_THREADS:
			rc = fb_diag_opt_long(prog, "threads", optarg, 1, 8, &o->threads);
			break;
		case ':':
			return fb_diag_usage(prog, "option '%s' needs an argument",
			                     argv[optind - 1]);
		default:
			return fb_diag_usage(prog, "unknown option '%s'", argv[optind - 1]);
		}
	}
	return rc ? rc : check_options(o);
}

/* Reads the rules files into r. Returns 0, or -1 after a message. */
static int load_rules(const struct options *o, struct fb_redact *r)
{
	struct fb_error err;
	char *text = NULL;
	size_t len, cap = 0, got, i;
	FILE *f;
	int rc = 0;

	for (i = 0; rc == 0 && i < o->nrules; i++) {
		if (!(f = fopen(o->rules[i], "r"))) {
			fb_diag_error(prog, o->rules[i], 0, 0, "%s", strerror(errno));
			rc = -1;
			break;
		}
		len = 0;
		do {
			text = fb_xgrow(text, &cap, len + 65536, 1);
			got = fread(text + len, 1, cap - len, f);
			len += got;
		} while (got > 0);
		if (ferror(f)) {
			fb_diag_error(prog, o->rules[i], 0, 0, "%s", strerror(errno));
			rc = -1;
		} else if (fb_redact_add_rules(r, text, len, &err) < 0) {
			fb_diag_error(prog, o->rules[i], err.line, err.column, "%s", err.text);
			rc = -1;
		}
		fclose(f);
	}
	free(text);
	return rc;
}

static int add_record(void *d, struct fb_jsonl_in *in, const json_t *rec, struct fb_error *err)
{
	(void)in;
	return fb_dataset_add(d, rec, err);
}

/* Where the items go: standard output, or one file per part of the split. */
struct sink {
	FILE *f[FB_DATASET_MAX_PARTS + 1];
	char *name[FB_DATASET_MAX_PARTS + 1]; /* NULL for standard output */
	struct fb_jsonl_out *out[FB_DATASET_MAX_PARTS + 1];
	size_t n;
	unsigned long written;
};

/* Opens the outputs. Returns 0, or 2 after a message (stdout is then closed
 * when it was the -o file that failed). */
static int sink_open(const struct options *o, struct sink *s)
{
	size_t k, len;

	memset(s, 0, sizeof *s);
	if (!o->ds.split.n) {
		if (o->output && !freopen(o->output, "w", stdout)) {
			fb_diag_error(prog, o->output, 0, 0, "%s", strerror(errno));
			return 2;
		}
		s->n = 1;
		s->f[0] = stdout;
		s->out[0] = fb_jsonl_out_new(stdout, 0);
		return 0;
	}
	for (k = 0; k <= o->ds.split.n; k++) {
		len = strlen(o->prefix) + FB_DATASET_PART_NAME + 8;
		s->name[k] = fb_xmalloc(len);
		snprintf(s->name[k], len, "%s-%s.jsonl", o->prefix,
		         k ? o->ds.split.name[k - 1] : "train");
		s->n = k + 1;
		if (!(s->f[k] = fopen(s->name[k], "w"))) {
			fb_diag_error(prog, s->name[k], 0, 0, "%s", strerror(errno));
			return 2;
		}
		s->out[k] = fb_jsonl_out_new(s->f[k], 0);
	}
	return 0;
}

/* Closes the files of the split. Returns 0, or 2 after a message. */
static int sink_close(struct sink *s)
{
	int status = 0;
	size_t k;

	for (k = 0; k < s->n; k++) {
		if (s->out[k])
			fb_jsonl_out_free(s->out[k]);
		if (s->name[k] && s->f[k] && fclose(s->f[k]) != 0) {
			fb_diag_error(prog, s->name[k], 0, 0, "write error: %s", strerror(errno));
			status = 2;
		}
		free(s->name[k]);
	}
	return status;
}

/* Writes the selection. Returns 0, 1 when the reader of standard output went
 * away, or 2 after a message. */
static int write_all(struct fb_dataset *d, struct sink *s)
{
	json_t *recs[2];
	size_t i, j, n, k = 0;
	int rc = 0;

	for (i = 0; rc == 0 && i < fb_dataset_count(d); i++) {
		k = s->n > 1 ? fb_dataset_item_part(d, i) : 0;
		n = fb_dataset_render(d, i, recs);
		for (j = 0; j < n; j++) {
			if (rc == 0 && fb_jsonl_out_write(s->out[k], recs[j]) < 0)
				rc = -1;
			s->written += rc == 0;
			json_decref(recs[j]);
		}
	}
	if (rc == 0)
		return 0;
	if (!s->name[k] && fb_diag_is_epipe(errno))
		return 1;
	fb_diag_error(prog, s->name[k], 0, 0, "write error: %s", strerror(errno));
	return 2;
}

static void print_stats(const struct options *o, const struct fb_dataset *d,
                        const struct fb_redact *r, const size_t *counts)
{
	struct fb_dataset_stats st;
	size_t k;

	fb_dataset_stats(d, &st);
	fprintf(stderr,
	        "%s: conversations %zu, turns %zu, cases %zu (positive %zu, negative %zu), "
	        "near-duplicates %zu",
	        prog, st.conversations, st.turns, st.cases, st.positive, st.negative,
	        st.duplicates);
	if (o->ds.format == FB_DATASET_PREFERENCE)
		fprintf(stderr, ", pairs %zu (regenerated %zu, similar prompts %zu)",
		        st.pairs_regenerated + st.pairs_similar, st.pairs_regenerated,
		        st.pairs_similar);
	fprintf(stderr, ", selected %zu", st.selected);
	for (k = 0; o->ds.split.n && k <= o->ds.split.n; k++)
		fprintf(stderr, ", %s %zu", k ? o->ds.split.name[k - 1] : "train", st.part[k]);
	fputc('\n', stderr);
	if (r) {
		fprintf(stderr, "%s: redacted", prog);
		for (k = 0; k < fb_redact_ntypes(r); k++)
			fprintf(stderr, "%s %s %zu", k ? "," : "", fb_redact_type_name(r, k),
			        counts[k]);
		fputc('\n', stderr);
	}
}

int eval_build_main(int argc, char **argv)
{
	struct options o;
	struct fb_jsonl_policy policy = { prog, 0, NULL, NULL };
	struct fb_jsonl_in *in = NULL;
	struct fb_dataset *d = NULL;
	struct fb_redact *redact = NULL;
	struct sink sink = { 0 };
	struct fb_error err;
	size_t *counts = NULL;
	FILE *rejects = NULL;
	int status, wrc = 0, stdout_closed = 0, built = 0;

	status = parse_options(argc, argv, &o);
	if (status != 0) {
		free(o.rules);
		return status < 0 ? fb_diag_close_stdout(prog) : status;
	}
	status = 2;
	if (o.redact) {
		redact = fb_redact_new();
		if (load_rules(&o, redact) < 0)
			goto out;
		counts = fb_xcalloc(fb_redact_ntypes(redact) + 1, sizeof *counts);
	}
	if (o.rejects && !(rejects = fopen(o.rejects, "w"))) {
		fb_diag_error(prog, o.rejects, 0, 0, "%s", strerror(errno));
		goto out;
	}
	if (sink_open(&o, &sink) != 0) {
		/* A failed freopen closed stdout: nothing is left to flush. */
		stdout_closed = o.output && !o.ds.split.n;
		goto out;
	}
	policy.skip_invalid = o.skip_invalid;
	policy.jobs = fb_jobs_for(o.threads);
	policy.rejects = rejects;
	in = fb_jsonl_in_new(&policy, (const char *const *)argv + optind, (size_t)(argc - optind));
	d = fb_dataset_new(redact, counts);
	if (fb_jsonl_in_each(in, add_record, d) == 0) {
		if (fb_dataset_build(d, &o.ds, &err) < 0) {
			fb_diag_error(prog, NULL, 0, 0, "%s", err.text);
			wrc = 2;
		} else {
			built = 1;
			wrc = write_all(d, &sink);
		}
	}
	status = wrc == 2 ? 2 : fb_jsonl_in_status(in);
	if (redact && fb_redact_limit_hits(redact) > 0)
		fb_diag_warn(prog, NULL, 0, 0,
		             "redaction stopped early in %zu texts (PCRE2 match limit): check them",
		             fb_redact_limit_hits(redact));
	if (o.stats) {
		fprintf(stderr, "%s: read %lu, written %lu, rejected %lu\n", prog,
		        fb_jsonl_in_read_count(in), sink.written, fb_jsonl_in_rejected_count(in));
		if (built)
			print_stats(&o, d, redact, counts);
	}
out:
	if (sink_close(&sink) != 0)
		status = 2;
	fb_dataset_free(d);
	fb_jsonl_in_free(in);
	fb_jobs_free(policy.jobs);
	if (redact)
		fb_redact_free(redact);
	free(counts);
	free(o.rules);
	if (rejects && fclose(rejects) != 0) {
		fb_diag_error(prog, o.rejects, 0, 0, "%s", strerror(errno));
		status = 2;
	}
	if (wrc == 1 || stdout_closed)
		return status;
	return fb_diag_close_stdout(prog) ? 2 : status;
}
