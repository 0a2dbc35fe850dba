/* fb-cluster: records with a text in, the same records with the intent of
 * the text out (or one summary record per intent). See fb-cluster(1). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fb_alloc.h"
#include "fb_cluster.h"
#include "fb_cluster_model.h"
#include "fb_diag.h"
#include "fb_jsonl.h"
#include "fb_opt.h"
#include "fb_path.h"
#include "fb_report.h"
#include "fb_stats.h"
#include "fb_tfidf.h"

static const char *prog = "fb-cluster";

enum {
	OPT_FORMAT = CHAR_MAX + 1,
	OPT_LANG,
	OPT_MAX_DF,
	OPT_MAX_TERMS,
	OPT_MIN_DF,
	OPT_MIN_SIMILARITY,
	OPT_MODEL,
	OPT_NGRAMS,
	OPT_REJECTS,
	OPT_RESTARTS,
	OPT_SAVE_MODEL,
	OPT_SEED,
	OPT_SKIP_INVALID,
	OPT_STATS,
	OPT_SUMMARY,
	OPT_TEXT_FIELD,
	OPT_THREADS,
};

static const char shortopts[] = ":hk:o:V";
static const struct option longopts[] = {
	{ "clusters", required_argument, NULL, 'k' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "max-df", required_argument, NULL, OPT_MAX_DF },
	{ "max-terms", required_argument, NULL, OPT_MAX_TERMS },
	{ "min-df", required_argument, NULL, OPT_MIN_DF },
	{ "min-similarity", required_argument, NULL, OPT_MIN_SIMILARITY },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "ngrams", required_argument, NULL, OPT_NGRAMS },
	{ "output", required_argument, NULL, 'o' },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "restarts", required_argument, NULL, OPT_RESTARTS },
	{ "save-model", required_argument, NULL, OPT_SAVE_MODEL },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "skip-invalid", no_argument, NULL, OPT_SKIP_INVALID },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "text-field", required_argument, NULL, OPT_TEXT_FIELD },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* How many terms an intent shows, how many make its label, and how many
 * prompts the summary quotes. */
#define NTERMS 5
#define NLABEL 3
#define NEXEMPLARS 3

static void usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]...\n"
	       "Group records by the intent of their text (TF-IDF and spherical k-means) and\n"
	       "write each record with an \"intent\" added, or one summary record per intent.\n"
	       "Reads all input before writing, except with --model. With no FILE, or when\n"
	       "FILE is -, read standard input; .gz files are decompressed.\n"
	       "\n"
	       "Text:\n"
	       "      --text-field=PATH     the text to group by (default prompt)\n"
	       "      --lang=LANG           stop words and stemming: auto (default), none,\n"
	       "                            en, es, fr, de, it or pt\n"
	       "      --ngrams=N            1: words; 2: words and word pairs (default)\n"
	       "      --min-df=N            keep terms found in at least N texts (default 2)\n"
	       "      --max-df=X            and in at most this share of them (default 0.5)\n"
	       "      --max-terms=N         keep at most N terms, the most frequent\n"
	       "                            (default 50000)\n"
	       "Clustering:\n"
	       "  -k, --clusters=N          number of intents (default 10)\n"
	       "      --restarts=N          runs from different seeds; the best is kept\n"
	       "                            (default 3)\n"
	       "      --seed=N              seed of the random choices (default 1)\n"
	       "      --min-similarity=X    a record less similar than X to its intent is an\n"
	       "                            outlier, with intent id null (default 0, or\n"
	       "                            the model's)\n"
	       "Models:\n"
	       "      --save-model=FILE     also write the fitted model to FILE\n"
	       "      --model=FILE          assign records to the intents of a saved model,\n"
	       "                            one at a time, without fitting\n"
	       "Output:\n"
	       "  -o, --output=FILE         write to FILE instead of standard output\n"
	       "      --summary             one record per intent instead of the records\n"
	       "      --format=FMT          jsonl (default), or the summary for people:\n"
	       "                            table, markdown or csv\n"
	       "      --threads=N           parse input on N threads (default: the number\n"
	       "                            of processors, at most 8)\n"
	       "Bad records:\n"
	       "      --skip-invalid        report bad records and go on (default: stop)\n"
	       "      --rejects=FILE        write every rejected line to FILE, byte for byte\n"
	       "      --stats               print counts of records read, written and\n"
	       "                            rejected, and the clustering, to standard error\n"
	       "  -h, --help                display this help and exit\n"
	       "  -V, --version             output version information and exit\n"
	       "\n"
	       "Exit status: 0 on success, 2 on a usage, input or write error.\n"
	       "See fb-cluster(1) and fbloop(7).\n",
	       prog);
}

struct options {
	struct fb_tfidf_opts text;
	struct fb_cluster_opts cluster;
	struct fb_path *text_field;
	double min_similarity;
	int min_similarity_set;
	const char *fit_opt; /* the last option that only fitting takes */
	const char *model, *save_model;
	int summary, stats, skip_invalid;
	int format; /* -1 for JSON Lines, else an enum fb_report_format */
	long threads;
	const char *output, *rejects;
};

static int parse_long(const char *opt, const char *arg, long min, long max, long *out)
{
	struct fb_error err;

	if (fb_opt_long(arg, min, max, out, &err) < 0)
		return fb_diag_usage(prog, "--%s: %s", opt, err.text);
	return 0;
}

static int parse_double(const char *opt, const char *arg, double min, double max, double *out)
{
	struct fb_error err;

	if (fb_opt_double(arg, min, max, out, &err) < 0)
		return fb_diag_usage(prog, "--%s: %s", opt, err.text);
	return 0;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	struct fb_error err;
	int c, rc = 0;
	long n;

	memset(o, 0, sizeof *o);
	o->format = -1;
	opterr = 0;
	fb_tfidf_opts_default(&o->text);
	fb_cluster_opts_default(&o->cluster);
	while (rc == 0 && (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage();
			return -1;
		case 'V':
			printf("%s (fbloop) %s\n", prog, FB_VERSION);
			return -1;
		case 'k':
			o->fit_opt = "--clusters";
			rc = parse_long("clusters", optarg, 1, 100000, &n);
			o->cluster.k = (size_t)n;
			break;
		case 'o':
			o->output = optarg;
			break;
		case OPT_FORMAT:
			o->format =
			    strcmp(optarg, "jsonl") == 0 ? -1 : fb_report_format_from_name(optarg);
			if (o->format == -1 && strcmp(optarg, "jsonl") != 0)
				rc = fb_diag_usage(prog, "--format: unknown format '%s'", optarg);
			break;
		case OPT_LANG:
			o->fit_opt = "--lang";
			o->text.lang = strcmp(optarg, "auto") == 0 ? FB_TFIDF_LANG_AUTO
			                                           : fb_text_lang_from_name(optarg);
			if (o->text.lang == -1 && strcmp(optarg, "auto") != 0)
				rc = fb_diag_usage(prog, "--lang: unknown language '%s'", optarg);
			break;
		case OPT_MAX_DF:
			o->fit_opt = "--max-df";
			rc = parse_double("max-df", optarg, 0, 1, &o->text.max_df);
			if (rc == 0 && o->text.max_df <= 0)
				rc = fb_diag_usage(prog, "--max-df: '%s' is out of range (0 to 1)",
				                   optarg);
			break;
		case OPT_MAX_TERMS:
			o->fit_opt = "--max-terms";
			rc = parse_long("max-terms", optarg, 1, 10000000, &n);
			o->text.max_terms = (size_t)n;
			break;
		case OPT_MIN_DF:
			o->fit_opt = "--min-df";
			rc = parse_long("min-df", optarg, 1, LONG_MAX, &n);
			o->text.min_df = (size_t)n;
			break;
		case OPT_MIN_SIMILARITY:
			rc = parse_double("min-similarity", optarg, 0, 1, &o->min_similarity);
			o->min_similarity_set = 1;
			break;
		case OPT_MODEL:
			o->model = optarg;
			break;
		case OPT_NGRAMS:
			o->fit_opt = "--ngrams";
			rc = parse_long("ngrams", optarg, 1, 2, &n);
			o->text.ngrams = (int)n;
			break;
		case OPT_REJECTS:
			o->rejects = optarg;
			break;
		case OPT_RESTARTS:
			o->fit_opt = "--restarts";
			rc = parse_long("restarts", optarg, 1, 1000, &n);
			o->cluster.restarts = (int)n;
			break;
		case OPT_SAVE_MODEL:
			o->save_model = optarg;
			o->fit_opt = "--save-model";
			break;
		case OPT_SEED:
			o->fit_opt = "--seed";
			rc = parse_long("seed", optarg, 0, LONG_MAX, &n);
			o->cluster.seed = (uint64_t)n;
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
		case OPT_TEXT_FIELD:
			fb_path_free(o->text_field);
			o->text_field = fb_path_compile(optarg, &err);
			if (!o->text_field)
				rc = fb_diag_usage(prog, "--text-field: %s", err.text);
			break;
		case OPT_THREADS:
			rc = parse_long("threads", optarg, 1, 8, &o->threads);
			break;
		case ':':
			return fb_diag_usage(prog, "option '%s' needs an argument",
			                     argv[optind - 1]);
		default:
			return fb_diag_usage(prog, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (rc == 0 && o->model && o->fit_opt)
		rc = fb_diag_usage(prog, "%s cannot be used with --model", o->fit_opt);
	if (rc == 0 && !o->text_field)
		o->text_field = fb_path_compile("prompt", NULL);
	return rc;
}

/* Whether a record has a score, and whether its label is negative (-1 when
 * it has no label). */
static void score_label(const json_t *rec, double *score, int *negative)
{
	const json_t *v = json_object_get(rec, "score"), *label = json_object_get(rec, "label");

	*score = json_is_number(v) ? json_number_value(v) : NAN;
	*negative = json_is_string(label) ? strcmp(json_string_value(label), "negative") == 0 : -1;
}

/* The records, compactly: raw lines and texts one after another, and what
 * the summary needs of each. */
struct records {
	char *raw, *text;
	size_t rawlen, rawcap, textlen, textcap;
	size_t *raw_off, *text_off; /* n + 1 each */
	double *score;              /* NaN when absent */
	signed char *negative;      /* -1 when no label */
	unsigned char *has_intent;  /* the record has an "intent" already */
	size_t n, cap;
	int any_score, any_label;
};

static void records_add(struct records *r, const char *raw, size_t rawlen, const char *text,
                        size_t textlen, const json_t *rec)
{
	double score;
	int negative;

	score_label(rec, &score, &negative);

	if (r->n + 2 > r->cap) {
		r->cap = r->cap ? 2 * r->cap : 1024;
		r->raw_off = fb_xrealloc(r->raw_off, r->cap * sizeof *r->raw_off);
		r->text_off = fb_xrealloc(r->text_off, r->cap * sizeof *r->text_off);
		r->score = fb_xrealloc(r->score, r->cap * sizeof *r->score);
		r->negative = fb_xrealloc(r->negative, r->cap * sizeof *r->negative);
		r->has_intent = fb_xrealloc(r->has_intent, r->cap * sizeof *r->has_intent);
	}
	r->raw = fb_xgrow(r->raw, &r->rawcap, r->rawlen + rawlen + 1, 1);
	r->text = fb_xgrow(r->text, &r->textcap, r->textlen + textlen + 1, 1);
	r->raw_off[r->n] = r->rawlen;
	r->text_off[r->n] = r->textlen;
	memcpy(r->raw + r->rawlen, raw, rawlen);
	memcpy(r->text + r->textlen, text, textlen);
	r->rawlen += rawlen;
	r->textlen += textlen;
	r->raw_off[r->n + 1] = r->rawlen;
	r->text_off[r->n + 1] = r->textlen;
	r->score[r->n] = score;
	r->negative[r->n] = (signed char)negative;
	r->any_score |= !isnan(score);
	r->any_label |= negative >= 0;
	r->has_intent[r->n] = json_object_get(rec, "intent") != NULL;
	r->n++;
}

static void records_free(struct records *r)
{
	free(r->raw);
	free(r->text);
	free(r->raw_off);
	free(r->text_off);
	free(r->score);
	free(r->negative);
	free(r->has_intent);
}

static int blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

/* The text of record rec, or NULL when the record was rejected; *rc then
 * gets what the bad-record policy says (0: go on). */
static const json_t *text_of(const struct options *o, struct fb_jsonl_in *in, json_t *rec, int *rc)
{
	const char *path = fb_path_text(o->text_field);
	const json_t *text = fb_path_get(o->text_field, rec);

	if (!text)
		*rc = fb_jsonl_in_reject(in, 0, "%s: missing", path);
	else if (!json_is_string(text))
		*rc = fb_jsonl_in_reject(in, 0, "%s: expected a string, got %s", path,
		                         fb_jsonl_type_name(text));
	else if (blank(json_string_value(text), json_string_length(text)))
		*rc = fb_jsonl_in_reject(in, 0, "%s: empty text", path);
	else
		return text;
	return NULL;
}

/* Reads every record, keeping the good ones. Returns 0, or -1 when reading
 * stopped. */
static int read_all(const struct options *o, struct fb_jsonl_in *in, struct records *r)
{
	const json_t *text;
	const char *raw;
	json_t *rec;
	size_t rawlen;
	int rc = 0;

	while (rc == 0 && (rec = fb_jsonl_in_next(in))) {
		if ((text = text_of(o, in, rec, &rc))) {
			raw = fb_jsonl_in_raw(in, &rawlen);
			records_add(r, raw, rawlen, json_string_value(text),
			            json_string_length(text), rec);
		}
		json_decref(rec);
	}
	return rc == 0 && !fb_jsonl_in_stopped(in) ? 0 : -1;
}

/* What the intents are called: the vocabulary and each intent's top terms. */
struct labels {
	struct fb_tfidf *tfidf;
	const uint32_t *top; /* k × ntop */
	size_t ntop, nlabel;
};

/* The fitted intents. */
struct intents {
	struct fb_tfidf *tfidf;
	struct fb_tfidf_matrix m;
	struct fb_cluster_result res;
	int32_t *id;   /* per record: intent, -1 for an outlier */
	uint32_t *top; /* k × NTERMS terms */
	size_t *order; /* records by intent, most central first */
	size_t outliers;
};

static void fit(const struct options *o, const struct records *r, struct intents *it)
{
	const char **texts = fb_xmalloc((r->n + 1) * sizeof *texts);
	size_t *lens = fb_xmalloc((r->n + 1) * sizeof *lens), i;

	for (i = 0; i < r->n; i++) {
		texts[i] = r->text + r->text_off[i];
		lens[i] = r->text_off[i + 1] - r->text_off[i];
	}
	it->tfidf = fb_tfidf_new(&o->text);
	fb_tfidf_fit(it->tfidf, texts, lens, r->n, &it->m);
	free(texts);
	free(lens);
	it->id = fb_xmalloc((r->n + 1) * sizeof *it->id);
	if (fb_cluster_kmeans(&it->m, &o->cluster, &it->res, NULL) < 0) {
		fb_diag_warn(prog, NULL, 0, 0,
		             "no term is in at least %zu texts: every record is an outlier",
		             o->text.min_df);
		it->res.sim = fb_xcalloc(r->n + 1, sizeof *it->res.sim);
	}
	for (i = 0; i < r->n; i++) {
		it->id[i] =
		    it->res.assign && it->res.sim[i] >= o->min_similarity ? it->res.assign[i] : -1;
		it->outliers += it->id[i] < 0;
	}
	it->top = fb_xmalloc((it->res.k * NTERMS + 1) * sizeof *it->top);
	fb_cluster_terms(&it->m, it->tfidf, it->id, it->res.k, NTERMS, it->top);
	it->order = fb_xmalloc((r->n + 1) * sizeof *it->order);
	fb_cluster_order(r->n, it->id, it->res.sim, it->order);
}

static void intents_free(struct intents *it)
{
	fb_tfidf_free(it->tfidf);
	fb_tfidf_matrix_free(&it->m);
	fb_cluster_result_free(&it->res);
	free(it->id);
	free(it->top);
	free(it->order);
}

/* Writes the fitted model to path. Returns 0, or -1 after a message. */
static int save_model(const struct options *o, const struct records *r, const struct intents *it)
{
	struct fb_cluster_model m = { 0 };
	FILE *f = fopen(o->save_model, "w");
	int rc;

	if (!f) {
		fb_diag_error(prog, o->save_model, 0, 0, "%s", strerror(errno));
		return -1;
	}
	m.tfidf = it->tfidf;
	m.res = it->res;
	m.ntop = NTERMS;
	m.top = it->top;
	m.nlabel = NLABEL;
	m.cluster = o->cluster;
	m.min_similarity = o->min_similarity;
	m.records = r->n;
	rc = fb_cluster_model_write(&m, f);
	if (fclose(f) != 0)
		rc = -1;
	if (rc < 0)
		fb_diag_error(prog, o->save_model, 0, 0, "write error: %s", strerror(errno));
	return rc;
}

static json_t *terms_of(const struct labels *l, int32_t c)
{
	json_t *a = json_array();
	size_t j;

	for (j = 0; c >= 0 && j < l->ntop && l->top[(size_t)c * l->ntop + j] != UINT32_MAX; j++)
		json_array_append_new(
		    a, json_string(fb_tfidf_surface(l->tfidf, l->top[(size_t)c * l->ntop + j])));
	return a;
}

static json_t *label_of(const struct labels *l, int32_t c)
{
	char buf[512];

	if (c < 0 || fb_cluster_model_label(l->tfidf, l->top, l->ntop, l->nlabel, (size_t)c, buf,
	                                    sizeof buf) == 0)
		return json_null();
	return json_string(buf);
}

static double round4(double x)
{
	return round(x * 1e4) / 1e4;
}

static json_t *intent_of(const struct labels *l, int32_t c, float sim)
{
	return json_pack("{s:o,s:o,s:o,s:f}", "id", c >= 0 ? json_integer(c) : json_null(), "label",
	                 label_of(l, c), "terms", terms_of(l, c), "similarity", round4(sim));
}

struct out {
	struct fb_jsonl_out *jsonl;
	unsigned long written;
};

/* Writes a record, raw[0..len): the line with intent (stolen) added before
 * the closing brace, or, when it holds an intent already, the parsed record
 * with that replaced. */
static int write_record(struct out *w, const char *raw, size_t len, int has_intent, json_t *intent)
{
	json_t *rec;
	char *s;
	int rc = 0;

	if (has_intent) {
		rec = fb_jsonl_parse(raw, len, NULL);
		json_object_set_new(rec, "intent", intent);
		rc = fb_jsonl_out_write(w->jsonl, rec);
		json_decref(rec);
	} else {
		while (len > 0 && strchr(" \t\r\n", raw[len - 1]))
			len--;
		s = json_dumps(intent, JSON_COMPACT | JSON_REAL_PRECISION(15));
		json_decref(intent);
		/* A record holds at least the text: it is never "{}". */
		if (fwrite(raw, 1, len - 1, stdout) != len - 1 ||
		    printf(",\"intent\":%s}\n", s) < 0)
			rc = -1;
		free(s);
	}
	w->written += rc == 0;
	return rc;
}

/* What the summary needs of each intent: counters, and the most central
 * distinct texts. */
struct exemplar {
	char *text;
	size_t len;
	float sim;
};

struct tally {
	size_t n, nscore;
	double sum;
	struct fb_stats_count cnt;
	struct exemplar ex[NEXEMPLARS];
	size_t nex;
};

struct summary {
	struct tally *t; /* k + 1: the last for the outliers */
	size_t k, total;
	int any_score, any_label;
};

static void summary_init(struct summary *s, size_t k)
{
	memset(s, 0, sizeof *s);
	s->k = k;
	s->t = fb_xcalloc(k + 1, sizeof *s->t);
}

/* Counts a record of intent c (-1 for an outlier). Records of an intent
 * arriving in order of falling similarity give the first distinct texts;
 * in any other order, the texts most similar (the earliest on a tie). */
static void summary_add(struct summary *s, int32_t c, const char *text, size_t len, float sim,
                        double score, int negative)
{
	struct tally *t = &s->t[c >= 0 ? (size_t)c : s->k];
	size_t j, p;

	s->total++;
	t->n++;
	if (!isnan(score)) {
		t->sum += score;
		t->nscore++;
	}
	if (negative >= 0) {
		t->cnt.n++;
		t->cnt.successes += (uint64_t)negative;
	}
	if (c < 0)
		return;
	for (j = 0; j < t->nex; j++)
		if (t->ex[j].len == len && memcmp(t->ex[j].text, text, len) == 0)
			return;
	for (p = 0; p < t->nex && t->ex[p].sim >= sim; p++)
		;
	if (p >= NEXEMPLARS)
		return;
	if (t->nex == NEXEMPLARS)
		free(t->ex[--t->nex].text);
	memmove(t->ex + p + 1, t->ex + p, (t->nex - p) * sizeof *t->ex);
	t->ex[p].text = fb_xmalloc(len + 1);
	memcpy(t->ex[p].text, text, len);
	t->ex[p].len = len;
	t->ex[p].sim = sim;
	t->nex++;
}

static void summary_free(struct summary *s)
{
	size_t c, j;

	for (c = 0; s->t && c <= s->k; c++)
		for (j = 0; j < s->t[c].nex; j++)
			free(s->t[c].ex[j].text);
	free(s->t);
}

struct group {
	json_t *rec;
	double key; /* size × negative rate */
	int32_t id;
};

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	if ((x->id < 0) != (y->id < 0))
		return x->id < 0 ? 1 : -1;
	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* The summary record of intent c. */
static json_t *summary_of(const struct summary *s, const struct labels *l, int32_t c, double *key)
{
	const struct tally *t = &s->t[c >= 0 ? (size_t)c : s->k];
	json_t *rec = json_object(), *ex = json_array(), *ci;
	double lo, hi;
	size_t j;

	for (j = 0; j < t->nex; j++)
		json_array_append_new(ex, json_stringn(t->ex[j].text, t->ex[j].len));
	json_object_set_new(rec, "id", c >= 0 ? json_integer(c) : json_null());
	json_object_set_new(rec, "label", label_of(l, c));
	json_object_set_new(rec, "terms", terms_of(l, c));
	json_object_set_new(rec, "exemplars", ex);
	json_object_set_new(rec, "size", json_integer((json_int_t)t->n));
	json_object_set_new(rec, "share", json_real(round4((double)t->n / (double)s->total)));
	if (s->any_score)
		json_object_set_new(rec, "score_mean",
		                    t->nscore ? json_real(round4(t->sum / (double)t->nscore))
		                              : json_null());
	*key = (double)t->n;
	if (s->any_label) {
		if (t->cnt.n > 0 && fb_stats_wilson(&t->cnt, 0.95, &lo, &hi, NULL) == 0) {
			*key = (double)t->n * (double)t->cnt.successes / (double)t->cnt.n;
			json_object_set_new(
			    rec, "negative_rate",
			    json_real(round4((double)t->cnt.successes / (double)t->cnt.n)));
			ci = json_pack("[f,f]", round4(lo), round4(hi));
		} else {
			*key = 0;
			json_object_set_new(rec, "negative_rate", json_null());
			ci = json_null();
		}
		json_object_set_new(rec, "negative_ci", ci);
	}
	return rec;
}

/* The columns of --format table, markdown and csv: fields of the summary. */
static const struct fb_report_col summary_cols[] = {
	{ "id", 4, 1 },          { "size", 6, 1 },           { "share", 6, 1 },
	{ "score_mean", 10, 1 }, { "negative_rate", 13, 1 }, { "label", 36, 0 },
	{ "exemplars", 50, 0 },
};
#define NCOLS (sizeof summary_cols / sizeof summary_cols[0])

static int write_summary(const struct options *o, struct out *w, const struct summary *s,
                         const struct labels *l)
{
	struct group *g = fb_xmalloc((s->k + 2) * sizeof *g);
	size_t ng = 0, i, c;
	char bufs[NCOLS][512];
	const char *cells[NCOLS];
	int rc = 0;

	for (c = 0; c <= s->k; c++) {
		if (s->t[c].n == 0)
			continue;
		g[ng].id = c < s->k ? (int32_t)c : -1;
		g[ng].rec = summary_of(s, l, g[ng].id, &g[ng].key);
		ng++;
	}
	qsort(g, ng, sizeof *g, cmp_group);
	if (o->format >= 0)
		rc =
		    fb_report_header(stdout, (enum fb_report_format)o->format, summary_cols, NCOLS);
	for (i = 0; i < ng; i++) {
		if (rc == 0 && o->format < 0) {
			rc = fb_jsonl_out_write(w->jsonl, g[i].rec);
		} else if (rc == 0) {
			for (c = 0; c < NCOLS; c++)
				cells[c] = fb_report_json_cell(
				    json_object_get(g[i].rec, summary_cols[c].title), bufs[c],
				    sizeof bufs[c]);
			rc = fb_report_row(stdout, (enum fb_report_format)o->format, summary_cols,
			                   NCOLS, cells);
		}
		w->written += rc == 0;
		json_decref(g[i].rec);
	}
	free(g);
	return rc;
}

/* Writes the fitted intents: the records with theirs, or the summary. */
static int write_fitted(const struct options *o, struct out *w, const struct records *r,
                        const struct intents *it)
{
	struct labels l = { it->tfidf, it->top, NTERMS, NLABEL };
	struct summary s;
	size_t i, row;
	int rc = 0;

	if (o->summary || o->format >= 0) {
		summary_init(&s, it->res.k);
		s.any_score = r->any_score;
		s.any_label = r->any_label;
		for (i = 0; i < r->n; i++) {
			row = it->order[i];
			summary_add(&s, it->id[row], r->text + r->text_off[row],
			            r->text_off[row + 1] - r->text_off[row], it->res.sim[row],
			            r->score[row], r->negative[row]);
		}
		rc = write_summary(o, w, &s, &l);
		summary_free(&s);
		return rc;
	}
	for (i = 0; rc == 0 && i < r->n; i++)
		rc = write_record(w, r->raw + r->raw_off[i], r->raw_off[i + 1] - r->raw_off[i],
		                  r->has_intent[i], intent_of(&l, it->id[i], it->res.sim[i]));
	return rc;
}

/* Assigns the records one at a time to the intents of model m, writing
 * each, or counting them for the summary. Returns 0, -1 when reading
 * stopped, or -2 on a write error. */
static int assign_all(const struct options *o, struct fb_jsonl_in *in, struct fb_cluster_model *m,
                      struct out *w, size_t *outliers)
{
	struct labels l = { m->tfidf, m->top, m->ntop, m->nlabel };
	double min_sim = o->min_similarity_set ? o->min_similarity : m->min_similarity, score;
	int summary = o->summary || o->format >= 0, rc = 0, wrc = 0, negative;
	float *sims = fb_xmalloc((m->res.k + 1) * sizeof *sims), sim;
	struct fb_sparse v = { 0 };
	const json_t *text;
	struct summary s;
	const char *raw;
	size_t rawlen;
	json_t *rec;
	int32_t c;

	summary_init(&s, m->res.k);
	while (rc == 0 && wrc == 0 && (rec = fb_jsonl_in_next(in))) {
		if ((text = text_of(o, in, rec, &rc))) {
			fb_tfidf_transform(m->tfidf, json_string_value(text),
			                   json_string_length(text), &v);
			c = m->res.k ? fb_cluster_nearest(&m->res, v.idx, v.val, v.n, sims) : -1;
			sim = c >= 0 ? sims[c] : 0;
			if (c >= 0 && sim < min_sim)
				c = -1;
			*outliers += c < 0;
			score_label(rec, &score, &negative);
			s.any_score |= !isnan(score);
			s.any_label |= negative >= 0;
			if (summary) {
				summary_add(&s, c, json_string_value(text),
				            json_string_length(text), sim, score, negative);
			} else {
				raw = fb_jsonl_in_raw(in, &rawlen);
				wrc = write_record(w, raw, rawlen,
				                   json_object_get(rec, "intent") != NULL,
				                   intent_of(&l, c, sim));
			}
		}
		json_decref(rec);
	}
	if (wrc == 0 && summary && s.total > 0)
		wrc = write_summary(o, w, &s, &l);
	summary_free(&s);
	fb_sparse_free(&v);
	free(sims);
	if (wrc < 0)
		return -2;
	return rc == 0 && !fb_jsonl_in_stopped(in) ? 0 : -1;
}

static void print_stats(const struct options *o, const struct intents *it)
{
	fprintf(stderr,
	        "%s: k %zu, terms %zu, language %s, rounds %d, best of %d restarts: %d, "
	        "mean similarity %.4f, outliers %zu\n",
	        prog, it->res.k, fb_tfidf_nterms(it->tfidf),
	        o->text.lang == FB_TFIDF_LANG_AUTO
	            ? "auto"
	            : fb_text_lang_name((enum fb_text_lang)o->text.lang),
	        it->res.iterations, o->cluster.restarts, it->res.best_restart + 1,
	        it->m.nrows ? (it->res.k ? it->res.objective : 0) / (double)it->m.nrows : 0,
	        it->outliers);
	if (o->text.lang == FB_TFIDF_LANG_AUTO)
		fprintf(stderr, "%s: corpus language %s\n", prog,
		        fb_text_lang_name(fb_tfidf_corpus_lang(it->tfidf)));
}

static int default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

int main(int argc, char **argv)
{
	struct options o;
	struct fb_jsonl_policy policy = { prog, 0, NULL, 1 };
	struct fb_jsonl_in *in = NULL;
	struct fb_cluster_model model = { 0 };
	struct records r = { 0 };
	struct intents it = { 0 };
	struct out w = { 0 };
	struct fb_error err;
	FILE *rejects = NULL;
	int status, write_failed = 0, rc = 0;
	size_t outliers = 0;

	fb_alloc_init(prog);
	fb_diag_ignore_sigpipe();
	status = parse_options(argc, argv, &o);
	if (status != 0) {
		fb_path_free(o.text_field);
		return status < 0 ? fb_diag_close_stdout(prog) : status;
	}
	status = 2;
	/* A bad model stops before the output is opened, which it would empty. */
	if (o.model && fb_cluster_model_read(o.model, &model, &err) < 0) {
		fb_diag_error(prog, o.model, err.line, err.column, "%s", err.text);
		goto out;
	}
	if (o.output && !freopen(o.output, "w", stdout)) {
		/* stdout is closed now: nothing is left to flush. */
		fb_diag_error(prog, o.output, 0, 0, "%s", strerror(errno));
		fb_cluster_model_free(&model);
		fb_path_free(o.text_field);
		return 2;
	}
	if (o.rejects && !(rejects = fopen(o.rejects, "w"))) {
		fb_diag_error(prog, o.rejects, 0, 0, "%s", strerror(errno));
		goto out;
	}
	policy.skip_invalid = o.skip_invalid;
	policy.threads = o.threads ? (int)o.threads : default_threads();
	policy.rejects = rejects;
	in = fb_jsonl_in_new(&policy, (const char *const *)argv + optind, (size_t)(argc - optind));
	w.jsonl = fb_jsonl_out_new(stdout, 0);
	if (o.model) {
		rc = assign_all(&o, in, &model, &w, &outliers) == -2 ? -1 : 0;
	} else if (read_all(&o, in, &r) == 0 && r.n > 0) {
		fit(&o, &r, &it);
		if (o.save_model && save_model(&o, &r, &it) < 0)
			write_failed = 2;
		else
			rc = write_fitted(&o, &w, &r, &it);
	} else if (o.save_model && !fb_jsonl_in_stopped(in)) {
		fb_diag_error(prog, o.save_model, 0, 0, "no records to fit a model on");
		write_failed = 2;
	}
	if (rc < 0) {
		write_failed = fb_diag_is_epipe(errno) ? 1 : 2;
		if (write_failed == 2)
			fb_diag_error(prog, NULL, 0, 0, "write error: %s", strerror(errno));
	}
	status = write_failed == 2 ? 2 : fb_jsonl_in_status(in);
	if (o.stats) {
		fprintf(stderr, "%s: read %lu, written %lu, rejected %lu\n", prog,
		        fb_jsonl_in_read_count(in), w.written, fb_jsonl_in_rejected_count(in));
		if (it.tfidf)
			print_stats(&o, &it);
		if (o.model)
			fprintf(stderr, "%s: model k %zu, terms %zu, outliers %zu\n", prog,
			        model.res.k, fb_tfidf_nterms(model.tfidf), outliers);
	}
out:
	fb_cluster_model_free(&model);
	intents_free(&it);
	records_free(&r);
	fb_jsonl_in_free(in);
	fb_jsonl_out_free(w.jsonl);
	if (rejects && fclose(rejects) != 0) {
		fb_diag_error(prog, o.rejects, 0, 0, "%s", strerror(errno));
		status = 2;
	}
	fb_path_free(o.text_field);
	if (write_failed == 1)
		return status;
	return fb_diag_close_stdout(prog) ? 2 : status;
}
