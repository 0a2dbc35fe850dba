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
	OPT_NGRAMS,
	OPT_REJECTS,
	OPT_RESTARTS,
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
	{ "ngrams", required_argument, NULL, OPT_NGRAMS },
	{ "output", required_argument, NULL, 'o' },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "restarts", required_argument, NULL, OPT_RESTARTS },
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
	       "Reads all input before writing. With no FILE, or when FILE is -, read\n"
	       "standard input; .gz files are decompressed.\n"
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
	       "                            outlier, with intent id null (default 0)\n"
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
			o->text.lang = strcmp(optarg, "auto") == 0 ? FB_TFIDF_LANG_AUTO
			                                           : fb_text_lang_from_name(optarg);
			if (o->text.lang == -1 && strcmp(optarg, "auto") != 0)
				rc = fb_diag_usage(prog, "--lang: unknown language '%s'", optarg);
			break;
		case OPT_MAX_DF:
			rc = parse_double("max-df", optarg, 0, 1, &o->text.max_df);
			if (rc == 0 && o->text.max_df <= 0)
				rc = fb_diag_usage(prog, "--max-df: '%s' is out of range (0 to 1)",
				                   optarg);
			break;
		case OPT_MAX_TERMS:
			rc = parse_long("max-terms", optarg, 1, 10000000, &n);
			o->text.max_terms = (size_t)n;
			break;
		case OPT_MIN_DF:
			rc = parse_long("min-df", optarg, 1, LONG_MAX, &n);
			o->text.min_df = (size_t)n;
			break;
		case OPT_MIN_SIMILARITY:
			rc = parse_double("min-similarity", optarg, 0, 1, &o->min_similarity);
			break;
		case OPT_NGRAMS:
			rc = parse_long("ngrams", optarg, 1, 2, &n);
			o->text.ngrams = (int)n;
			break;
		case OPT_REJECTS:
			o->rejects = optarg;
			break;
		case OPT_RESTARTS:
			rc = parse_long("restarts", optarg, 1, 1000, &n);
			o->cluster.restarts = (int)n;
			break;
		case OPT_SEED:
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
	if (rc == 0 && !o->text_field)
		o->text_field = fb_path_compile("prompt", NULL);
	return rc;
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
	const json_t *score = json_object_get(rec, "score"), *label = json_object_get(rec, "label");

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
	r->score[r->n] = json_is_number(score) ? json_number_value(score) : NAN;
	r->negative[r->n] =
	    json_is_string(label) ? strcmp(json_string_value(label), "negative") == 0 : -1;
	r->any_score |= json_is_number(score);
	r->any_label |= json_is_string(label);
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

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

static int blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

/* Reads every record, keeping the good ones. Returns 0, or -1 when reading
 * stopped. */
static int read_all(const struct options *o, struct fb_jsonl_in *in, struct records *r)
{
	const char *path = fb_path_text(o->text_field), *raw;
	json_t *rec, *text;
	size_t rawlen;
	int rc = 0;

	while (rc == 0 && (rec = fb_jsonl_in_next(in))) {
		text = fb_path_get(o->text_field, rec);
		if (!text)
			rc = fb_jsonl_in_reject(in, 0, "%s: missing", path);
		else if (!json_is_string(text))
			rc = fb_jsonl_in_reject(in, 0, "%s: expected a string, got %s", path,
			                        type_name(text));
		else if (blank(json_string_value(text), json_string_length(text)))
			rc = fb_jsonl_in_reject(in, 0, "%s: empty text", path);
		else {
			raw = fb_jsonl_in_raw(in, &rawlen);
			records_add(r, raw, rawlen, json_string_value(text),
			            json_string_length(text), rec);
		}
		json_decref(rec);
	}
	return rc == 0 && !fb_jsonl_in_stopped(in) ? 0 : -1;
}

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

static json_t *terms_of(const struct intents *it, int32_t c)
{
	json_t *a = json_array();
	size_t j;

	for (j = 0; c >= 0 && j < NTERMS && it->top[(size_t)c * NTERMS + j] != UINT32_MAX; j++)
		json_array_append_new(
		    a, json_string(fb_tfidf_surface(it->tfidf, it->top[(size_t)c * NTERMS + j])));
	return a;
}

static json_t *label_of(const struct intents *it, int32_t c)
{
	char buf[512];
	size_t j, len = 0;
	const char *s;
	int n;

	for (j = 0; c >= 0 && j < NLABEL && it->top[(size_t)c * NTERMS + j] != UINT32_MAX; j++) {
		s = fb_tfidf_surface(it->tfidf, it->top[(size_t)c * NTERMS + j]);
		n = snprintf(buf + len, sizeof buf - len, "%s%s", j ? " / " : "", s);
		if (n < 0 || (size_t)n >= sizeof buf - len)
			break;
		len += (size_t)n;
	}
	return len ? json_string(buf) : json_null();
}

static double round4(double x)
{
	return round(x * 1e4) / 1e4;
}

static json_t *intent_of(const struct intents *it, size_t i)
{
	int32_t c = it->id[i];

	return json_pack("{s:o,s:o,s:o,s:f}", "id", c >= 0 ? json_integer(c) : json_null(), "label",
	                 label_of(it, c), "terms", terms_of(it, c), "similarity",
	                 round4(it->res.sim[i]));
}

struct out {
	struct fb_jsonl_out *jsonl;
	unsigned long written;
};

/* Writes record i: its raw line with the intent added before the closing
 * brace, or, when it holds an intent already, the parsed record with that
 * replaced. */
static int write_record(struct out *w, const struct records *r, const struct intents *it, size_t i)
{
	const char *raw = r->raw + r->raw_off[i];
	size_t len = r->raw_off[i + 1] - r->raw_off[i];
	json_t *intent = intent_of(it, i), *rec;
	char *s;
	int rc = 0;

	if (r->has_intent[i]) {
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

/* The summary record of the records order[from..to), all of intent c. */
static json_t *summary_of(const struct records *r, const struct intents *it, int32_t c, size_t from,
                          size_t to, double *key)
{
	json_t *rec = json_object(), *ex = json_array(), *ci;
	struct fb_stats_count cnt = { 0, 0 };
	double sum = 0, lo, hi;
	size_t i, j, nscore = 0, row, n = to - from, len;
	const char *text;
	int dup;

	for (i = from; i < to; i++) {
		row = it->order[i];
		if (!isnan(r->score[row])) {
			sum += r->score[row];
			nscore++;
		}
		if (r->negative[row] >= 0) {
			cnt.n++;
			cnt.successes += (uint64_t)r->negative[row];
		}
		if (c < 0 || json_array_size(ex) >= NEXEMPLARS)
			continue;
		text = r->text + r->text_off[row];
		len = r->text_off[row + 1] - r->text_off[row];
		for (j = 0, dup = 0; j < json_array_size(ex) && !dup; j++)
			dup = json_string_length(json_array_get(ex, j)) == len &&
			      memcmp(json_string_value(json_array_get(ex, j)), text, len) == 0;
		if (!dup)
			json_array_append_new(ex, json_stringn(text, len));
	}
	json_object_set_new(rec, "id", c >= 0 ? json_integer(c) : json_null());
	json_object_set_new(rec, "label", label_of(it, c));
	json_object_set_new(rec, "terms", terms_of(it, c));
	json_object_set_new(rec, "exemplars", ex);
	json_object_set_new(rec, "size", json_integer((json_int_t)n));
	json_object_set_new(rec, "share", json_real(round4((double)n / (double)r->n)));
	if (r->any_score)
		json_object_set_new(rec, "score_mean",
		                    nscore ? json_real(round4(sum / (double)nscore)) : json_null());
	*key = (double)n;
	if (r->any_label) {
		if (cnt.n > 0 && fb_stats_wilson(&cnt, 0.95, &lo, &hi, NULL) == 0) {
			*key = (double)n * (double)cnt.successes / (double)cnt.n;
			json_object_set_new(
			    rec, "negative_rate",
			    json_real(round4((double)cnt.successes / (double)cnt.n)));
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

static int write_summary(const struct options *o, struct out *w, const struct records *r,
                         const struct intents *it)
{
	struct group *g = fb_xmalloc((it->res.k + 2) * sizeof *g);
	size_t ng = 0, i, j, c;
	char bufs[NCOLS][512];
	const char *cells[NCOLS];
	int rc = 0;

	for (i = 0; i < r->n; i = j) {
		for (j = i + 1; j < r->n && it->id[it->order[j]] == it->id[it->order[i]]; j++)
			;
		g[ng].id = it->id[it->order[i]];
		g[ng].rec = summary_of(r, it, g[ng].id, i, j, &g[ng].key);
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
	struct records r = { 0 };
	struct intents it = { 0 };
	struct out w = { 0 };
	FILE *rejects = NULL;
	int status, write_failed = 0, rc = 0;
	size_t i;

	fb_alloc_init(prog);
	fb_diag_ignore_sigpipe();
	status = parse_options(argc, argv, &o);
	if (status != 0) {
		fb_path_free(o.text_field);
		return status < 0 ? fb_diag_close_stdout(prog) : status;
	}
	status = 2;
	if (o.output && !freopen(o.output, "w", stdout)) {
		/* stdout is closed now: nothing is left to flush. */
		fb_diag_error(prog, o.output, 0, 0, "%s", strerror(errno));
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
	if (read_all(&o, in, &r) == 0 && r.n > 0) {
		fit(&o, &r, &it);
		if (o.summary || o.format >= 0)
			rc = write_summary(&o, &w, &r, &it);
		for (i = 0; rc == 0 && !(o.summary || o.format >= 0) && i < r.n; i++)
			rc = write_record(&w, &r, &it, i);
		if (rc < 0) {
			write_failed = fb_diag_is_epipe(errno) ? 1 : 2;
			if (write_failed == 2)
				fb_diag_error(prog, NULL, 0, 0, "write error: %s", strerror(errno));
		}
	}
	status = write_failed == 2 ? 2 : fb_jsonl_in_status(in);
	if (o.stats) {
		fprintf(stderr, "%s: read %lu, written %lu, rejected %lu\n", prog,
		        fb_jsonl_in_read_count(in), w.written, fb_jsonl_in_rejected_count(in));
		if (it.tfidf)
			print_stats(&o, &it);
	}
out:
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
