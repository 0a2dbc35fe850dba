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
#include "fb_jsonl.h"
#include "fb_opt.h"
#include "fb_path.h"
#include "fb_record.h"
#include "fb_rules.h"
#include "fb_signals.h"

static const char *prog = "fb-extract";

enum {
	OPT_DUMP_RULES = CHAR_MAX + 1,
	OPT_EXPLAIN,
	OPT_FIELD,
	OPT_IDLE_GAP,
	OPT_INPUT_FORMAT,
	OPT_LABEL_THRESHOLD,
	OPT_NO_DEFAULT_RULES,
	OPT_PER,
	OPT_REJECTS,
	OPT_REPHRASE_THRESHOLD,
	OPT_RULES,
	OPT_SKIP_INVALID,
	OPT_SORTED,
	OPT_STATS,
	OPT_UNBUFFERED,
	OPT_WEIGHT,
};

static const char shortopts[] = ":ho:V";
static const struct option longopts[] = {
	{"dump-rules", no_argument, NULL, OPT_DUMP_RULES},
	{"explain", no_argument, NULL, OPT_EXPLAIN},
	{"field", required_argument, NULL, OPT_FIELD},
	{"help", no_argument, NULL, 'h'},
	{"idle-gap", required_argument, NULL, OPT_IDLE_GAP},
	{"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
	{"label-threshold", required_argument, NULL, OPT_LABEL_THRESHOLD},
	{"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT_RULES},
	{"output", required_argument, NULL, 'o'},
	{"per", required_argument, NULL, OPT_PER},
	{"rejects", required_argument, NULL, OPT_REJECTS},
	{"rephrase-threshold", required_argument, NULL, OPT_REPHRASE_THRESHOLD},
	{"rules", required_argument, NULL, OPT_RULES},
	{"skip-invalid", no_argument, NULL, OPT_SKIP_INVALID},
	{"sorted", no_argument, NULL, OPT_SORTED},
	{"stats", no_argument, NULL, OPT_STATS},
	{"unbuffered", no_argument, NULL, OPT_UNBUFFERED},
	{"version", no_argument, NULL, 'V'},
	{"weight", required_argument, NULL, OPT_WEIGHT},
	{NULL, 0, NULL, 0},
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
	       "      --idle-gap=DURATION   a conversation quiet this long has ended, and an\n"
	       "                            unanswered last response is abandoned (default 30m)\n"
	       "Signals:\n"
	       "      --rules=FILE          add the phrase rules in FILE (repeatable)\n"
	       "      --no-default-rules    use only the rules given with --rules\n"
	       "      --dump-rules          print the default rules and exit\n"
	       "      --weight=NAME=VALUE   set the weight of a signal (repeatable)\n"
	       "      --rephrase-threshold=X  similarity at which the next message restates\n"
	       "                            the prompt (0 to 1, default 0.5)\n"
	       "      --label-threshold=X   |score| from which a label is not neutral\n"
	       "                            (0 to 1, default 0.2)\n"
	       "Output:\n"
	       "  -o, --output=FILE         write to FILE instead of standard output\n"
	       "      --per=UNIT            interaction (default) or conversation\n"
	       "      --explain             add the evidence: which rule matched which text\n"
	       "      --unbuffered          flush after every record\n"
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
	int default_rules, sorted, explain, per_conversation, unbuffered, stats, skip_invalid;
	double idle_gap;
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

static int parse_number(const char *opt, const char *arg, double *out)
{
	struct fb_error err;

	if (fb_opt_double(arg, 0, 1, out, &err) < 0)
		return fb_diag_usage(prog, "--%s: %s", opt, err.text);
	return 0;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	struct fb_error err;
	int c, rc = 0, fmt;

	memset(o, 0, sizeof *o);
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
		case OPT_DUMP_RULES:
			fputs(fb_rules_default_text(), stdout);
			return -1;
		case OPT_EXPLAIN:
			o->explain = 1;
			break;
		case OPT_FIELD:
			rc = parse_field(o, optarg);
			break;
		case OPT_IDLE_GAP:
			if (fb_opt_duration(optarg, &o->cfg.idle_gap, &err) < 0 || o->cfg.idle_gap <= 0)
				rc = fb_diag_usage(prog, "--idle-gap: '%s' is not a positive duration",
				                   optarg);
			break;
		case OPT_INPUT_FORMAT:
			fmt = fb_conv_format_from_name(optarg);
			if (fmt < 0)
				rc = fb_diag_usage(prog, "--input-format: unknown format '%s'", optarg);
			o->conv.format = (enum fb_conv_format)fmt;
			break;
		case OPT_LABEL_THRESHOLD:
			rc = parse_number("label-threshold", optarg, &o->cfg.label_threshold);
			break;
		case OPT_NO_DEFAULT_RULES:
			o->default_rules = 0;
			break;
		case OPT_PER:
			if (strcmp(optarg, "conversation") == 0)
				o->per_conversation = 1;
			else if (strcmp(optarg, "interaction") != 0)
				rc = fb_diag_usage(prog, "--per: expected interaction or conversation, got '%s'",
				                   optarg);
			break;
		case OPT_REJECTS:
			o->rejects = optarg;
			break;
		case OPT_REPHRASE_THRESHOLD:
			rc = parse_number("rephrase-threshold", optarg, &o->cfg.rephrase_threshold);
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
		case OPT_UNBUFFERED:
			o->unbuffered = 1;
			break;
		case OPT_WEIGHT:
			rc = parse_weight(o, optarg);
			break;
		case ':':
			return fb_diag_usage(prog, "option '%s' needs an argument", argv[optind - 1]);
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
	struct fb_rules *rules;
	struct fb_jsonl_in *in;
	struct fb_jsonl_out *out;
	struct fb_signals_result result;
	int write_failed;
};

static int emit(struct run *r, json_t *rec)
{
	int rc = fb_jsonl_out_write(r->out, rec);

	json_decref(rec);
	if (rc < 0 && !r->write_failed) {
		r->write_failed = fb_diag_is_epipe(errno) ? 1 : 2;
		if (r->write_failed == 2)
			fb_diag_error(prog, NULL, 0, 0, "write error: %s", strerror(errno));
	}
	return rc;
}

/* Tells what the signals found wrong with the conversation's events; an
 * event that cannot be used is rejected like a bad record. */
static int report_notes(struct run *r)
{
	const struct fb_signals_note *n;
	const struct fb_conv_origin *o;
	size_t i;

	for (i = 0; i < r->result.nnotes; i++) {
		n = &r->result.notes[i];
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

static int process(struct run *r, struct fb_conv *c)
{
	const struct options *o = r->opts;
	size_t i;
	int rc = 0;

	fb_signals_analyse(&o->cfg, r->rules, c, o->explain, &r->result);
	if (report_notes(r) < 0) {
		rc = -1;
	} else if (o->per_conversation) {
		rc = emit(r, fb_record_conversation(c, &r->result, &o->cfg, o->explain));
	} else {
		for (i = 0; i < r->result.n && rc == 0; i++)
			rc = emit(r, fb_record_interaction(c, &r->result.items[i], &o->cfg,
			                                   o->explain));
	}
	fb_conv_free(c);
	return rc;
}

static int drain(struct run *r, struct fb_conv_asm *a)
{
	struct fb_conv *c;

	while ((c = fb_conv_asm_pop(a)))
		if (process(r, c) < 0)
			return -1;
	return 0;
}

static int run(struct run *r, struct fb_conv_asm *a)
{
	struct fb_conv_origin origin = {0};
	struct fb_error err;
	json_t *rec;
	int rc = 0;

	while (rc == 0 && (rec = fb_jsonl_in_next(r->in))) {
		origin.file = fb_jsonl_in_file(r->in);
		origin.line = fb_jsonl_in_line(r->in);
		origin.raw = (char *)fb_jsonl_in_raw(r->in, &origin.rawlen);
		if (fb_conv_asm_add(a, rec, &origin, &err) < 0)
			rc = fb_jsonl_in_reject(r->in, err.column, "%s", err.text);
		json_decref(rec);
		if (rc == 0)
			rc = drain(r, a);
	}
	if (rc == 0 && !fb_jsonl_in_stopped(r->in)) {
		fb_conv_asm_finish(a);
		rc = drain(r, a);
	}
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
	struct fb_jsonl_policy policy = {prog, 0, NULL};
	struct run r = {0};
	struct fb_conv_asm *a = NULL;
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
		fb_diag_error(prog, o.output, 0, 0, "%s", strerror(errno));
		goto out;
	}
	if (o.rejects && !(rejects = open_or_die(o.rejects, "w")))
		goto out;
	r.rules = load_rules(&o);
	if (!r.rules)
		goto out;
	policy.skip_invalid = o.skip_invalid;
	policy.rejects = rejects;
	r.in = fb_jsonl_in_new(&policy, (const char *const *)argv + optind, (size_t)(argc - optind));
	r.out = fb_jsonl_out_new(stdout, o.unbuffered);
	a = fb_conv_asm_new(&o.conv, o.sorted, o.cfg.idle_gap);
	run(&r, a);
	status = r.write_failed == 2 ? 2 : fb_jsonl_in_status(r.in);
	if (o.stats)
		fprintf(stderr, "%s: read %lu, written %lu, rejected %lu\n", prog,
		        fb_jsonl_in_read_count(r.in), fb_jsonl_out_count(r.out),
		        fb_jsonl_in_rejected_count(r.in));
out:
	fb_conv_asm_free(a);
	fb_signals_result_free(&r.result);
	fb_jsonl_in_free(r.in);
	fb_jsonl_out_free(r.out);
	fb_rules_free(r.rules);
	if (rejects && fclose(rejects) != 0) {
		fb_diag_error(prog, o.rejects, 0, 0, "%s", strerror(errno));
		status = 2;
	}
	free_options(&o);
	if (r.write_failed == 1)
		return status;
	return fb_diag_close_stdout(prog) ? 2 : status;
}
