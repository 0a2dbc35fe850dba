/* fb-extract: conversation logs in, one scored feedback record per
 * interaction (or per conversation) out. See fb-extract(1). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_conv.h"
#include "fb_diag.h"
#include "fb_extract.h"
#include "fb_jsonl.h"
#include "fb_opt.h"
#include "fb_path.h"
#include "fb_report.h"
#include "fb_rules.h"
#include "fb_signals.h"

static const char *prog = "fb-extract";

enum {
	OPT_CLOSE_IDLE = CHAR_MAX + 1,
	OPT_DUMP_RULES,
	OPT_EXPLAIN,
	OPT_FIELD,
	OPT_FORMAT,
	OPT_IDLE_GAP,
	OPT_INPUT_FORMAT,
	OPT_LABEL_THRESHOLD,
	OPT_NO_DEFAULT_RULES,
	OPT_PER,
	OPT_REJECTS,
	OPT_REPETITION_THRESHOLD,
	OPT_REPHRASE_THRESHOLD,
	OPT_RULES,
	OPT_SKIP_INVALID,
	OPT_SORTED,
	OPT_STATS,
	OPT_THREADS,
	OPT_UNBUFFERED,
	OPT_WEIGHT,
};

static const char shortopts[] = ":ho:V";
static const struct option longopts[] = {
	{ "close-idle", no_argument, NULL, OPT_CLOSE_IDLE },
	{ "dump-rules", no_argument, NULL, OPT_DUMP_RULES },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "field", required_argument, NULL, OPT_FIELD },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ "idle-gap", required_argument, NULL, OPT_IDLE_GAP },
	{ "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
	{ "label-threshold", required_argument, NULL, OPT_LABEL_THRESHOLD },
	{ "no-default-rules", no_argument, NULL, OPT_NO_DEFAULT_RULES },
	{ "output", required_argument, NULL, 'o' },
	{ "per", required_argument, NULL, OPT_PER },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "repetition-threshold", required_argument, NULL, OPT_REPETITION_THRESHOLD },
	{ "rephrase-threshold", required_argument, NULL, OPT_REPHRASE_THRESHOLD },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "skip-invalid", no_argument, NULL, OPT_SKIP_INVALID },
	{ "sorted", no_argument, NULL, OPT_SORTED },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "unbuffered", no_argument, NULL, OPT_UNBUFFERED },
	{ "version", no_argument, NULL, 'V' },
	{ "weight", required_argument, NULL, OPT_WEIGHT },
	{ NULL, 0, NULL, 0 },
};

static void usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]...\n"
	       "Read LLM conversation logs (JSON Lines: OpenAI chat, ShareGPT or event streams)\n"
	       "and write one feedback record per interaction: explicit feedback, implicit\n"
	       "signals, a score in [-1, 1], a label and a confidence. With no FILE, or when\n"
	       "FILE is -, read standard input; .gz files are decompressed.\n"
	       "\n"
	       "Input:\n"
	       "      --input-format=FMT    auto (default), openai, sharegpt or events\n"
	       "      --field=NAME=PATH     read field NAME from PATH, e.g.\n"
	       "                            --field conversation_id=.session.id\n"
	       "      --sorted              records of one conversation are adjacent: stream\n"
	       "                            in constant memory\n"
	       "      --close-idle          a conversation quiet for the idle gap (by the\n"
	       "                            newest timestamp read) is complete: stream logs\n"
	       "                            written in time order in bounded memory\n"
	       "      --idle-gap=DURATION   quiet time after which a last response is\n"
	       "                            abandoned (default 30m)\n"
	       "Signals:\n"
	       "      --rules=FILE          add the phrase rules in FILE (repeatable)\n"
	       "      --no-default-rules    use only the rules given with --rules\n"
	       "      --dump-rules          print the default rules and exit\n"
	       "      --weight=NAME=VALUE   set the weight of a signal (repeatable)\n"
	       "      --rephrase-threshold=X  similarity at which the next message restates\n"
	       "                            the prompt (0 to 1, default 0.5)\n"
	       "      --repetition-threshold=X  similarity at which a response repeats an\n"
	       "                            earlier one (0 to 1, default 0.5)\n"
	       "      --label-threshold=X   |score| from which a label is not neutral\n"
	       "                            (0 to 1, default 0.2)\n"
	       "Output:\n"
	       "  -o, --output=FILE         write to FILE instead of standard output\n"
	       "      --format=FMT          jsonl (default), or for people: table, markdown\n"
	       "                            or csv (the main fields, one row per record)\n"
	       "      --per=UNIT            interaction (default) or conversation\n"
	       "      --explain             add the evidence: which rule matched which text\n"
	       "      --unbuffered          flush after every record, and read line by line\n"
	       "      --threads=N           work on N threads (default: the number\n"
	       "                            of processors, at most 8)\n"
	       "Bad records:\n"
	       "      --skip-invalid        report bad records and go on (default: stop)\n"
	       "      --rejects=FILE        write every rejected line to FILE, byte for byte\n"
	       "      --stats               print counts of records read, written and\n"
	       "                            rejected to standard error\n"
	       "  -h, --help                display this help and exit\n"
	       "  -V, --version             output version information and exit\n"
	       "\n"
	       "Exit status: 0 on success, 2 on a usage, input or write error.\n"
	       "See fb-extract(1) and fbloop(7).\n",
	       prog);
}

struct options {
	struct fb_conv_opts conv;
	const char **field_names;
	struct fb_path **field_paths;
	size_t nfields;
	const char **rule_files;
	size_t nrule_files;
	int default_rules, sorted, close_idle, explain, per_conversation, unbuffered, stats,
	    skip_invalid;
	int format; /* -1 for JSON Lines, else an enum fb_report_format */
	long threads;
	const char *output, *rejects;
	struct fb_signals_config cfg;
};

static int parse_field(struct options *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	struct fb_error err;
	struct fb_path *p;
	char *name;

	if (!eq || eq == arg)
		return fb_diag_usage(prog, "--field: expected NAME=PATH, got '%s'", arg);
	p = fb_path_compile(eq + 1, &err);
	if (!p)
		return fb_diag_usage(prog, "--field: %s", err.text);
	name = fb_xstrndup(arg, (size_t)(eq - arg));
	o->field_names = fb_xrealloc(o->field_names, (o->nfields + 1) * sizeof *o->field_names);
	o->field_paths = fb_xrealloc(o->field_paths, (o->nfields + 1) * sizeof *o->field_paths);
	o->field_names[o->nfields] = name;
	o->field_paths[o->nfields++] = p;
	return 0;
}

static int parse_weight(struct options *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	struct fb_error err;
	int s;

	if (!eq)
		return fb_diag_usage(prog, "--weight: expected NAME=VALUE, got '%s'", arg);
	s = fb_signals_from_name(arg, (size_t)(eq - arg));
	if (s < 0)
		return fb_diag_usage(prog, "--weight: unknown signal '%.*s'", (int)(eq - arg), arg);
	if (fb_opt_double(eq + 1, -10, 10, &o->cfg.weight[s], &err) < 0)
		return fb_diag_usage(prog, "--weight: %s", err.text);
	return 0;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	struct fb_error err;
	int c, rc = 0, fmt;

	memset(o, 0, sizeof *o);
	o->format = -1;
	opterr = 0;
	o->default_rules = 1;
	fb_signals_config_default(&o->cfg);
	while (rc == 0 && (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage();
			return -1;
		case 'V':
			printf("%s (fbloop) %s\n", prog, FB_VERSION);
			return -1;
		case 'o':
			o->output = optarg;
			break;
		case OPT_CLOSE_IDLE:
			o->close_idle = 1;
			break;
		case OPT_DUMP_RULES:
			fputs(fb_rules_default_text(), stdout);
			return -1;
		case OPT_EXPLAIN:
			o->explain = 1;
			break;
		case OPT_FIELD:
			rc = parse_field(o, optarg);
			break;
		case OPT_FORMAT:
			o->format =
			    strcmp(optarg, "jsonl") == 0 ? -1 : fb_report_format_from_name(optarg);
			if (o->format == -1 && strcmp(optarg, "jsonl") != 0)
				rc = fb_diag_usage(prog, "--format: unknown format '%s'", optarg);
			break;
		case OPT_IDLE_GAP:
			if (fb_opt_duration(optarg, &o->cfg.idle_gap, &err) < 0 ||
			    o->cfg.idle_gap <= 0)
				rc = fb_diag_usage(
				    prog, "--idle-gap: '%s' is not a positive duration", optarg);
			break;
		case OPT_INPUT_FORMAT:
			fmt = fb_conv_format_from_name(optarg);
			if (fmt < 0)
				rc = fb_diag_usage(prog, "--input-format: unknown format '%s'",
				                   optarg);
			o->conv.format = (enum fb_conv_format)fmt;
			break;
		case OPT_LABEL_THRESHOLD:
			rc = fb_diag_opt_double(prog, "label-threshold", optarg, 0, 1,
			                        &o->cfg.label_threshold);
			break;
		case OPT_NO_DEFAULT_RULES:
			o->default_rules = 0;
			break;
		case OPT_PER:
			if (strcmp(optarg, "conversation") == 0)
				o->per_conversation = 1;
			else if (strcmp(optarg, "interaction") != 0)
				rc = fb_diag_usage(
				    prog, "--per: expected interaction or conversation, got '%s'",
				    optarg);
			break;
		case OPT_REJECTS:
			o->rejects = optarg;
			break;
		case OPT_REPETITION_THRESHOLD:
			rc = fb_diag_opt_double(prog, "repetition-threshold", optarg, 0, 1,
			                        &o->cfg.repetition_threshold);
			break;
		case OPT_REPHRASE_THRESHOLD:
			rc = fb_diag_opt_double(prog, "rephrase-threshold", optarg, 0, 1,
			                        &o->cfg.rephrase_threshold);
			break;
		case OPT_RULES:
			o->rule_files = fb_xrealloc(o->rule_files,
			                            (o->nrule_files + 1) * sizeof *o->rule_files);
			o->rule_files[o->nrule_files++] = optarg;
			break;
		case OPT_SKIP_INVALID:
			o->skip_invalid = 1;
			break;
		case OPT_SORTED:
			o->sorted = 1;
			break;
		case OPT_STATS:
			o->stats = 1;
			break;
		case OPT_THREADS:
			rc = fb_diag_opt_long(prog, "threads", optarg, 1, 8, &o->threads);
			break;
		case OPT_UNBUFFERED:
			o->unbuffered = 1;
			break;
		case OPT_WEIGHT:
			rc = parse_weight(o, optarg);
			break;
		case ':':
			return fb_diag_usage(prog, "option '%s' needs an argument",
			                     argv[optind - 1]);
		default:
			return fb_diag_usage(prog, "unknown option '%s'", argv[optind - 1]);
		}
	}
	o->conv.field_names = o->field_names;
	o->conv.field_paths = (struct fb_path *const *)o->field_paths;
	o->conv.nfields = o->nfields;
	return rc;
}

static void free_options(struct options *o)
{
	size_t i;

	for (i = 0; i < o->nfields; i++) {
		free((char *)o->field_names[i]);
		fb_path_free(o->field_paths[i]);
	}
	free(o->field_names);
	free(o->field_paths);
	free(o->rule_files);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n;

	*len = 0;
	if (!f)
		return NULL;
	do {
		buf = fb_xgrow(buf, &cap, *len + 65536, 1);
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
	} while (n > 0);
	if (ferror(f)) {
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	return buf;
}

static struct fb_rules *load_rules(const struct options *o)
{
	struct fb_rules *rules = fb_rules_new();
	struct fb_error err;
	char *text;
	size_t i, len;

	if (o->default_rules && fb_rules_add_defaults(rules, &err) < 0) {
		fb_diag_error(prog, "<default rules>", err.line, err.column, "%s", err.text);
		goto fail;
	}
	for (i = 0; i < o->nrule_files; i++) {
		text = slurp(o->rule_files[i], &len);
		if (!text) {
			fb_diag_error(prog, o->rule_files[i], 0, 0, "%s", strerror(errno));
			goto fail;
		}
		if (fb_rules_add(rules, o->rule_files[i], text, len, &err) < 0) {
			fb_diag_error(prog, o->rule_files[i], err.line, err.column, "%s", err.text);
			free(text);
			goto fail;
		}
		free(text);
	}
	return rules;
fail:
	fb_rules_free(rules);
	return NULL;
}

struct run {
	const struct options *opts;
	struct fb_jsonl_in *in;
	struct fb_extract *stage;
	unsigned long written;
	int write_failed;
};

/* The columns of --format table, markdown and csv: fields of the record. */
static const struct fb_report_col interaction_cols[] = {
	{ "conversation_id", 16, 0 },
	{ "turn", 4, 1 },
	{ "variant", 12, 0 },
	{ "label", 8, 0 },
	{ "score", 7, 1 },
	{ "confidence", 10, 1 },
	{ "signals", 30, 0 },
	{ "prompt", 40, 0 },
};
static const struct fb_report_col conversation_cols[] = {
	{ "conversation_id", 16, 0 },
	{ "variant", 12, 0 },
	{ "turns", 5, 1 },
	{ "label", 8, 0 },
	{ "score", 7, 1 },
	{ "confidence", 10, 1 },
	{ "signals", 50, 0 },
};
#define NCOLS(a) (sizeof a / sizeof a[0])

static int write_row(struct run *r, const json_t *rec)
{
	const struct fb_report_col *cols =
	    r->opts->per_conversation ? conversation_cols : interaction_cols;
	size_t n = r->opts->per_conversation ? NCOLS(conversation_cols) : NCOLS(interaction_cols);
	char bufs[8][512];
	const char *cells[8];
	size_t i;

	for (i = 0; i < n; i++)
		cells[i] = fb_report_json_cell(json_object_get(rec, cols[i].title), bufs[i],
		                               sizeof bufs[i]);
	return fb_report_row(stdout, (enum fb_report_format)r->opts->format, cols, n, cells);
}

static int write_header(struct run *r)
{
	if (r->opts->format < 0)
		return 0;
	if (r->opts->per_conversation)
		return fb_report_header(stdout, (enum fb_report_format)r->opts->format,
		                        conversation_cols, NCOLS(conversation_cols));
	return fb_report_header(stdout, (enum fb_report_format)r->opts->format, interaction_cols,
	                        NCOLS(interaction_cols));
}

/* Writes what became of one conversation: JSON Lines as they are, or rows
 * for people. */
static int emit(struct run *r, const struct fb_extract_item *it)
{
	size_t i;
	int rc = 0;

	if (r->opts->format < 0 && it->len > 0)
		rc = fwrite(it->out, 1, it->len, stdout) == it->len ? 0 : -1;
	for (i = 0; rc == 0 && r->opts->format >= 0 && i < it->nrecords; i++)
		rc = write_row(r, it->records[i]);
	if (rc == 0 && r->opts->unbuffered)
		rc = fflush(stdout);
	if (rc == 0)
		r->written += it->nrecords;
	if (rc < 0 && !r->write_failed) {
		r->write_failed = fb_diag_is_epipe(errno) ? 1 : 2;
		if (r->write_failed == 2)
			fb_diag_error(prog, NULL, 0, 0, "write error: %s", strerror(errno));
	}
	return rc;
}

/* Tells what the signals found wrong with the conversation's events; an
 * event that cannot be used is rejected like a bad record. */
static int report_notes(struct run *r, const struct fb_extract_item *it)
{
	const struct fb_signals_note *n;
	const struct fb_conv_origin *o;
	size_t i;

	for (i = 0; i < it->nnotes; i++) {
		n = &it->notes[i];
		o = n->origin;
		if (!n->reject) {
			fb_diag_warn(prog, o->file, o->line, 0, "%s", n->text);
			continue;
		}
		if (fb_jsonl_in_reject_at(r->in, o->file, o->line, o->raw ? o->raw : "", o->rawlen,
		                          "%s", n->text) < 0)
			return -1;
	}
	return 0;
}

/* Reports what the signals found wrong with a conversation and writes
 * its records; a rejected event under the strict policy stops the output
 * there. */
static int emit_item(void *ctx, const struct fb_extract_item *it)
{
	struct run *r = ctx;

	if (report_notes(r, it) < 0)
		return -1;
	return emit(r, it);
}

static int drain(struct run *r, struct fb_conv_asm *a)
{
	struct fb_conv *c;

	while ((c = fb_conv_asm_pop(a)))
		if (fb_extract_add(r->stage, c) < 0)
			return -1;
	return 0;
}

/* Records are read into the conversation model on the parse threads. */
static void *parse_record(json_t *rec, const char *file, long line, const char *raw, size_t len,
                          void *ctx)
{
	struct fb_conv_origin origin = { file, line, (char *)raw, len };
	struct fb_conv_parsed *p = fb_conv_parse(ctx, rec, &origin);

	json_decref(rec);
	return p;
}

static void free_parsed(void *p)
{
	fb_conv_parsed_free(p);
}

static int run(struct run *r, struct fb_conv_asm *a)
{
	const struct fb_error *err;
	struct fb_conv_parsed *p;
	int rc = 0;

	while (rc == 0 && (p = fb_jsonl_in_next_item(r->in))) {
		err = fb_conv_parsed_error(p);
		if (err) {
			rc = fb_jsonl_in_reject(r->in, err->column, "%s", err->text);
			fb_conv_parsed_free(p);
		} else {
			fb_conv_asm_add_parsed(a, p);
		}
		if (rc == 0)
			rc = drain(r, a);
	}
	if (rc == 0 && !fb_jsonl_in_stopped(r->in)) {
		fb_conv_asm_finish(a);
		rc = drain(r, a);
	}
	/* What was complete before a stop goes out too, as it would have
	 * one conversation at a time. */
	if (fb_extract_finish(r->stage) < 0)
		rc = -1;
	return rc;
}

static FILE *open_or_die(const char *path, const char *mode)
{
	FILE *f = fopen(path, mode);

	if (!f)
		fb_diag_error(prog, path, 0, 0, "%s", strerror(errno));
	return f;
}

int main(int argc, char **argv)
{
	struct options o;
	struct fb_jsonl_policy policy = { prog, 0, NULL, NULL };
	struct run r = { 0 };
	struct fb_conv_asm *a = NULL;
	struct fb_extract_opts stage = { 0 };
	struct fb_rules *rules = NULL;
	struct fb_jsonl_stage parse = { parse_record, free_parsed, NULL };
	struct fb_jobs *jobs = NULL;
	FILE *rejects = NULL;
	int status;

	fb_alloc_init(prog);
	fb_diag_ignore_sigpipe();
	status = parse_options(argc, argv, &o);
	if (status != 0) {
		free_options(&o);
		return status < 0 ? fb_diag_close_stdout(prog) : status;
	}
	r.opts = &o;
	status = 2;
	if (o.output && !freopen(o.output, "w", stdout)) {
		/* stdout is closed now: nothing is left to flush. */
		fb_diag_error(prog, o.output, 0, 0, "%s", strerror(errno));
		free_options(&o);
		return 2;
	}
	if (o.rejects && !(rejects = open_or_die(o.rejects, "w")))
		goto out;
	rules = load_rules(&o);
	if (!rules)
		goto out;
	stage.cfg = &o.cfg;
	stage.explain = o.explain;
	stage.per_conversation = o.per_conversation;
	stage.serialise = o.format < 0;
	jobs = fb_jobs_for(o.unbuffered ? 1 : o.threads);
	stage.jobs = jobs;
	r.stage = fb_extract_new(&stage, rules, emit_item, &r);
	policy.skip_invalid = o.skip_invalid;
	policy.jobs = jobs;
	policy.rejects = rejects;
	r.in =
	    fb_jsonl_in_new(&policy, (const char *const *)argv + optind, (size_t)(argc - optind));
	parse.ctx = &o.conv;
	fb_jsonl_in_set_stage(r.in, &parse);
	a = fb_conv_asm_new(&o.conv, o.sorted, o.close_idle ? o.cfg.idle_gap : INFINITY);
	if (write_header(&r) == 0)
		run(&r, a);
	else
		r.write_failed = fb_diag_is_epipe(errno) ? 1 : 2;
	status = r.write_failed == 2 ? 2 : fb_jsonl_in_status(r.in);
	if (o.stats)
		fprintf(stderr, "%s: read %lu, written %lu, rejected %lu\n", prog,
		        fb_jsonl_in_read_count(r.in), r.written, fb_jsonl_in_rejected_count(r.in));
out:
	fb_conv_asm_free(a);
	fb_extract_free(r.stage);
	fb_jsonl_in_free(r.in);
	fb_jobs_free(jobs);
	fb_rules_free(rules);
	if (rejects && fclose(rejects) != 0) {
		fb_diag_error(prog, o.rejects, 0, 0, "%s", strerror(errno));
		status = 2;
	}
	free_options(&o);
	if (r.write_failed == 1)
		return status;
	return fb_diag_close_stdout(prog) ? 2 : status;
}
