/* fb-cluster: records with a text in, the same records with the intent of
 * the text out (or one summary record per intent). See fb-cluster(1). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_cluster.h"
#include "fb_cluster_assign.h"
#include "fb_cluster_auto.h"
#include "fb_cluster_fit.h"
#include "fb_cluster_input.h"
#include "fb_cluster_model.h"
#include "fb_cluster_sample.h"
#include "fb_cluster_summary.h"
#include "fb_diag.h"
#include "fb_jsonl.h"
#include "fb_opt.h"
#include "fb_path.h"
#include "fb_report.h"

static const char *prog = "fb-cluster";

enum {
	OPT_EMBEDDING_FIELD = CHAR_MAX + 1,
	OPT_FORMAT,
	OPT_K_RANGE,
	OPT_LANG,
	OPT_MAX_DF,
	OPT_MAX_TERMS,
	OPT_MIN_DF,
	OPT_MIN_SIMILARITY,
	OPT_MIN_USERS,
	OPT_MODEL,
	OPT_NGRAMS,
	OPT_REJECTS,
	OPT_RESTARTS,
	OPT_SAMPLE,
	OPT_SAVE_MODEL,
	OPT_SEED,
	OPT_SKIP_INVALID,
	OPT_STATS,
	OPT_STOP_WORDS,
	OPT_SUMMARY,
	OPT_TEXT_FIELD,
	OPT_THREADS,
	OPT_USER_FIELD,
};

static const char shortopts[] = ":hk:o:V";
static const struct option longopts[] = {
	{ "clusters", required_argument, NULL, 'k' },
	{ "embedding-field", required_argument, NULL, OPT_EMBEDDING_FIELD },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ "k-range", required_argument, NULL, OPT_K_RANGE },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "max-df", required_argument, NULL, OPT_MAX_DF },
	{ "max-terms", required_argument, NULL, OPT_MAX_TERMS },
	{ "min-df", required_argument, NULL, OPT_MIN_DF },
	{ "min-similarity", required_argument, NULL, OPT_MIN_SIMILARITY },
	{ "min-users", required_argument, NULL, OPT_MIN_USERS },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "ngrams", required_argument, NULL, OPT_NGRAMS },
	{ "output", required_argument, NULL, 'o' },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "restarts", required_argument, NULL, OPT_RESTARTS },
	{ "sample", required_argument, NULL, OPT_SAMPLE },
	{ "save-model", required_argument, NULL, OPT_SAVE_MODEL },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "skip-invalid", no_argument, NULL, OPT_SKIP_INVALID },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "stop-words", required_argument, NULL, OPT_STOP_WORDS },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "text-field", required_argument, NULL, OPT_TEXT_FIELD },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "user-field", required_argument, NULL, OPT_USER_FIELD },
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
	       "      --embedding-field=PATH  group by the vectors at PATH (arrays of\n"
	       "                            numbers) instead; the texts name the intents\n"
	       "      --lang=LANG           stop words and stemming: auto (default), none,\n"
	       "                            en, es, fr, de, it or pt\n"
	       "      --ngrams=N            1: words; 2: words and word pairs (default)\n"
	       "      --stop-words=WHAT     keep (as single words, not in pairs), drop,\n"
	       "                            or auto (default): keep in texts of one language\n"
	       "      --min-df=N            keep terms found in at least N texts (default 2)\n"
	       "      --max-df=X            and in at most this share of them (default 0.5)\n"
	       "      --max-terms=N         keep at most N terms, the most frequent\n"
	       "                            (default 50000)\n"
	       "Clustering:\n"
	       "  -k, --clusters=N          number of intents (default 10), or auto: the\n"
	       "                            k of the highest mean silhouette\n"
	       "      --k-range=MIN:MAX     the k that -k auto tries (default 2 to\n"
	       "                            2 sqrt(records), at most 300)\n"
	       "      --restarts=N          runs from different seeds; the best is kept\n"
	       "                            (default 1)\n"
	       "      --seed=N              seed of the random choices (default 1)\n"
	       "      --sample=N            fit on a random sample of N records, then\n"
	       "                            assign every record (input spooled to $TMPDIR)\n"
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
	       "      --min-users=N         in the summary, withhold the terms and exemplars\n"
	       "                            of intents seen from fewer than N users\n"
	       "      --user-field=PATH     who wrote a record (default user_id)\n"
	       "      --threads=N           parse input and fit on N threads (default: the\n"
	       "                            number of processors, at most 8)\n"
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
	struct fb_cluster_fit_opts fit;
	struct fb_path *text_field, *embedding_field, *user_field;
	int min_similarity_set, k_range_set;
	const char *fit_opt; /* the last option that only fitting takes */
	const char *model, *save_model;
	size_t sample, min_users;
	int summary, stats, skip_invalid;
	int format; /* -1 for JSON Lines, else an enum fb_report_format */
	long threads;
	const char *output, *rejects;
};

static int parse_path(const char *opt, const char *arg, struct fb_path **p)
{
	struct fb_error err;

	fb_path_free(*p);
	*p = fb_path_compile(arg, &err);
	if (!*p)
		return fb_diag_usage(prog, "--%s: %s", opt, err.text);
	return 0;
}

/* --k-range MIN:MAX. */
static int parse_k_range(const char *arg, struct fb_cluster_auto_opts *a)
{
	const char *colon = strchr(arg, ':');
	char *min;
	long lo = 0, hi = 0;
	int rc;

	if (!colon)
		return fb_diag_usage(prog, "--k-range: expected MIN:MAX, got '%s'", arg);
	min = fb_xstrndup(arg, (size_t)(colon - arg));
	rc = fb_diag_opt_long(prog, "k-range", min, 2, 100000, &lo);
	free(min);
	if (rc == 0)
		rc = fb_diag_opt_long(prog, "k-range", colon + 1, 2, 100000, &hi);
	if (rc == 0 && lo > hi)
		rc = fb_diag_usage(prog, "--k-range: %ld is above %ld", lo, hi);
	a->kmin = (size_t)lo;
	a->kmax = (size_t)hi;
	return rc;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	struct fb_tfidf_opts *text = &o->fit.text;
	int c, rc = 0;
	long n;

	memset(o, 0, sizeof *o);
	o->format = -1;
	o->fit.nterms = NTERMS;
	opterr = 0;
	fb_tfidf_opts_default(text);
	fb_cluster_opts_default(&o->fit.cluster);
	fb_cluster_auto_opts_default(&o->fit.autok);
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
			o->fit.auto_k = strcmp(optarg, "auto") == 0;
			if (!o->fit.auto_k) {
				rc = fb_diag_opt_long(prog, "clusters", optarg, 1, 100000, &n);
				o->fit.cluster.k = (size_t)n;
			}
			break;
		case 'o':
			o->output = optarg;
			break;
		case OPT_EMBEDDING_FIELD:
			o->fit_opt = "--embedding-field";
			rc = parse_path("embedding-field", optarg, &o->embedding_field);
			break;
		case OPT_FORMAT:
			o->format =
			    strcmp(optarg, "jsonl") == 0 ? -1 : fb_report_format_from_name(optarg);
			if (o->format == -1 && strcmp(optarg, "jsonl") != 0)
				rc = fb_diag_usage(prog, "--format: unknown format '%s'", optarg);
			break;
		case OPT_K_RANGE:
			o->fit_opt = "--k-range";
			o->k_range_set = 1;
			rc = parse_k_range(optarg, &o->fit.autok);
			break;
		case OPT_LANG:
			o->fit_opt = "--lang";
			text->lang = strcmp(optarg, "auto") == 0 ? FB_TFIDF_LANG_AUTO
			                                         : fb_text_lang_from_name(optarg);
			if (text->lang == -1 && strcmp(optarg, "auto") != 0)
				rc = fb_diag_usage(prog, "--lang: unknown language '%s'", optarg);
			break;
		case OPT_MAX_DF:
			o->fit_opt = "--max-df";
			rc = fb_diag_opt_double(prog, "max-df", optarg, 0, 1, &text->max_df);
			if (rc == 0 && text->max_df <= 0)
				rc = fb_diag_usage(prog, "--max-df: '%s' is out of range (0 to 1)",
				                   optarg);
			break;
		case OPT_MAX_TERMS:
			o->fit_opt = "--max-terms";
			rc = fb_diag_opt_long(prog, "max-terms", optarg, 1, 10000000, &n);
			text->max_terms = (size_t)n;
			break;
		case OPT_MIN_DF:
			o->fit_opt = "--min-df";
			rc = fb_diag_opt_long(prog, "min-df", optarg, 1, LONG_MAX, &n);
			text->min_df = (size_t)n;
			break;
		case OPT_MIN_SIMILARITY:
			rc = fb_diag_opt_double(prog, "min-similarity", optarg, 0, 1,
			                        &o->fit.min_similarity);
			o->min_similarity_set = 1;
			break;
		case OPT_MIN_USERS:
			rc = fb_diag_opt_long(prog, "min-users", optarg, 1, 1000000, &n);
			o->min_users = (size_t)n;
			break;
		case OPT_MODEL:
			o->model = optarg;
			break;
		case OPT_NGRAMS:
			o->fit_opt = "--ngrams";
			rc = fb_diag_opt_long(prog, "ngrams", optarg, 1, 2, &n);
			text->ngrams = (int)n;
			break;
		case OPT_REJECTS:
			o->rejects = optarg;
			break;
		case OPT_STOP_WORDS:
			o->fit_opt = "--stop-words";
			text->stop_words = strcmp(optarg, "keep") == 0   ? 1
			                   : strcmp(optarg, "drop") == 0 ? 0
			                   : strcmp(optarg, "auto") == 0 ? FB_TFIDF_STOP_AUTO
			                                                 : -2;
			if (text->stop_words == -2)
				rc = fb_diag_usage(
				    prog, "--stop-words: '%s' is not auto, keep or drop", optarg);
			break;
		case OPT_RESTARTS:
			o->fit_opt = "--restarts";
			rc = fb_diag_opt_long(prog, "restarts", optarg, 1, 1000, &n);
			o->fit.cluster.restarts = (int)n;
			break;
		case OPT_SAMPLE:
			o->fit_opt = "--sample";
			rc = fb_diag_opt_long(prog, "sample", optarg, 1, 1000000000, &n);
			o->sample = (size_t)n;
			break;
		case OPT_SAVE_MODEL:
			o->save_model = optarg;
			o->fit_opt = "--save-model";
			break;
		case OPT_SEED:
			o->fit_opt = "--seed";
			rc = fb_diag_opt_long(prog, "seed", optarg, 0, LONG_MAX, &n);
			o->fit.cluster.seed = (uint64_t)n;
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
			rc = parse_path("text-field", optarg, &o->text_field);
			break;
		case OPT_THREADS:
			rc = fb_diag_opt_long(prog, "threads", optarg, 1, 8, &o->threads);
			break;
		case OPT_USER_FIELD:
			rc = parse_path("user-field", optarg, &o->user_field);
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
	if (rc == 0 && o->k_range_set && !o->fit.auto_k)
		rc = fb_diag_usage(prog, "--k-range needs -k auto");
	if (rc == 0 && !o->text_field)
		o->text_field = fb_path_compile("prompt", NULL);
	if (rc == 0 && !o->user_field)
		o->user_field = fb_path_compile("user_id", NULL);
	return rc;
}

static void options_free(struct options *o)
{
	fb_path_free(o->text_field);
	fb_path_free(o->embedding_field);
	fb_path_free(o->user_field);
}

static int summarising(const struct options *o)
{
	return o->summary || o->format >= 0;
}

struct out {
	struct fb_jsonl_out *jsonl;
	unsigned long written;
};

/* Writes a record, raw[0..len), in intent c at similarity sim: the line
 * with the intent added before the closing brace, or, when it holds an
 * intent already, the parsed record with that replaced. */
static int write_record(struct out *w, struct fb_cluster_intent_text *text,
                        const struct fb_cluster_labels *l, const char *raw, size_t len,
                        int has_intent, int32_t c, float sim)
{
	const char *head, *sim_text;
	json_t *rec;
	int rc = 0;

	if (has_intent) {
		rec = fb_jsonl_parse(raw, len, NULL);
		json_object_set_new(rec, "intent", fb_cluster_intent_json(l, c, sim));
		rc = fb_jsonl_out_write(w->jsonl, rec);
		json_decref(rec);
	} else {
		while (len > 0 && strchr(" \t\r\n", raw[len - 1]))
			len--;
		fb_cluster_intent_text(text, c, sim, &head, &sim_text);
		/* A record holds at least its text or embedding: never "{}". */
		if (fwrite(raw, 1, len - 1, stdout) != len - 1 ||
		    printf(",\"intent\":%s%s}}\n", head, sim_text) < 0)
			rc = -1;
	}
	w->written += rc == 0;
	return rc;
}

/* The columns of --format table, markdown and csv: fields of the summary. */
static const struct fb_report_col summary_cols[] = {
	{ "id", 4, 1 },          { "size", 6, 1 },           { "share", 6, 1 },
	{ "score_mean", 10, 1 }, { "negative_rate", 13, 1 }, { "label", 36, 0 },
	{ "exemplars", 50, 0 },
};
#define NCOLS (sizeof summary_cols / sizeof summary_cols[0])

static int write_summary(const struct options *o, struct out *w, const struct fb_cluster_summary *s,
                         const struct fb_cluster_labels *l)
{
	json_t *recs = fb_cluster_summary_records(s, l), *rec;
	char bufs[NCOLS][512];
	const char *cells[NCOLS];
	size_t i, c;
	int rc = 0;

	if (o->format >= 0)
		rc =
		    fb_report_header(stdout, (enum fb_report_format)o->format, summary_cols, NCOLS);
	for (i = 0; rc == 0 && i < json_array_size(recs); i++) {
		rec = json_array_get(recs, i);
		if (o->format < 0) {
			rc = fb_jsonl_out_write(w->jsonl, rec);
		} else {
			for (c = 0; c < NCOLS; c++)
				cells[c] =
				    fb_report_json_cell(json_object_get(rec, summary_cols[c].title),
				                        bufs[c], sizeof bufs[c]);
			rc = fb_report_row(stdout, (enum fb_report_format)o->format, summary_cols,
			                   NCOLS, cells);
		}
		w->written += rc == 0;
	}
	json_decref(recs);
	return rc;
}

/* Writes the fitted intents: the records with theirs, or the summary. */
static int write_fitted(const struct options *o, struct out *w, const struct fb_cluster_records *r,
                        const struct fb_cluster_fit *f)
{
	struct fb_cluster_labels l = { f->tfidf, f->top, NTERMS, NLABEL };
	struct fb_cluster_intent_text *text;
	struct fb_cluster_summary *s;
	const char *p;
	size_t i, row, len;
	int rc = 0;

	if (summarising(o)) {
		s = fb_cluster_summary_new(f->res.k, NEXEMPLARS, o->min_users);
		for (i = 0; i < r->n; i++) {
			row = f->order[i];
			p = fb_cluster_records_text(r, row, &len);
			fb_cluster_summary_add(s, f->id[row], len ? p : NULL, len, f->res.sim[row],
			                       r->score[row], r->negative[row], r->user[row]);
		}
		rc = write_summary(o, w, s, &l);
		fb_cluster_summary_free(s);
		return rc;
	}
	text = fb_cluster_intent_text_new(&l, f->res.k);
	for (i = 0; rc == 0 && i < r->n; i++) {
		p = fb_cluster_records_raw(r, i, &len);
		rc = write_record(w, text, &l, p, len, r->has_intent[i], f->id[i], f->res.sim[i]);
	}
	fb_cluster_intent_text_free(text);
	return rc;
}

/* Records assigned one at a time to fixed intents (those of a model
 * file, or those fitted on a sample), written or counted. */
struct assigning {
	const struct options *o;
	struct fb_cluster_assigner a;
	struct fb_cluster_labels labels;
	struct fb_cluster_summary *sum;      /* NULL: write the records */
	struct fb_cluster_intent_text *text; /* when writing them */
	struct out *w;
	size_t outliers;
};

static void assigning_init(struct assigning *g, const struct options *o, struct out *w,
                           struct fb_tfidf *tfidf, const struct fb_cluster_result *res,
                           const struct fb_cluster_labels *l, double min_sim, int embedding)
{
	memset(g, 0, sizeof *g);
	g->o = o;
	g->w = w;
	g->labels = *l;
	fb_cluster_assigner_init(&g->a, tfidf, res, min_sim, embedding);
	if (summarising(o))
		g->sum = fb_cluster_summary_new(res->k, NEXEMPLARS, o->min_users);
	else
		g->text = fb_cluster_intent_text_new(&g->labels, res->k);
}

/* Assigns one record (its line raw[0..len), its fields it and embedding
 * vec), and writes it or counts it. Returns 0, or -1 on a write error. */
static int assign_one(struct assigning *g, const struct fb_cluster_item *it, const float *vec,
                      const char *raw, size_t len)
{
	float sim;
	int32_t c = fb_cluster_assign(&g->a, it, vec, &sim);

	g->outliers += c < 0;
	if (g->sum) {
		fb_cluster_summary_add(g->sum, c, it->text, it->len, sim, it->score, it->negative,
		                       it->user);
		return 0;
	}
	return write_record(g->w, g->text, &g->labels, raw, len, it->has_intent, c, sim);
}

/* Writes the summary, when there is one and write is set, and frees g.
 * Returns 0, or -1 on a write error. */
static int assigning_finish(struct assigning *g, int write)
{
	int rc = 0;

	if (write && g->sum && fb_cluster_summary_total(g->sum) > 0)
		rc = write_summary(g->o, g->w, g->sum, &g->labels);
	fb_cluster_summary_free(g->sum);
	fb_cluster_intent_text_free(g->text);
	fb_cluster_assigner_free(&g->a);
	return rc;
}

static void fields_of(const struct options *o, struct fb_cluster_fields *f)
{
	f->text = o->text_field;
	f->embedding = o->embedding_field;
	f->user = o->min_users ? o->user_field : NULL;
}

/* The fields of the next good record of in, into *it and vec; NULL at the
 * end, or when reading stopped. */
static json_t *next_item(struct fb_jsonl_in *in, const struct fb_cluster_fields *f,
                         struct fb_cluster_item *it, float *vec, size_t *dim, int *rc)
{
	struct fb_error err;
	json_t *rec;

	while (*rc == 0 && (rec = fb_jsonl_in_next(in))) {
		if (fb_cluster_item_get(f, rec, it, vec, dim, &err) == 0)
			return rec;
		*rc = fb_jsonl_in_reject(in, 0, "%s", err.text);
		json_decref(rec);
	}
	return NULL;
}

/* Assigns the records of in to the intents of model m. Returns 0, -1 when
 * reading stopped, or -2 on a write error. */
static int assign_model(const struct options *o, struct fb_jsonl_in *in, struct fb_cluster_model *m,
                        struct out *w, size_t *outliers)
{
	struct fb_cluster_labels l = { m->tfidf, m->top, m->ntop, m->nlabel };
	struct fb_cluster_fields f;
	struct fb_cluster_item it;
	struct assigning g;
	struct fb_path *emb = NULL;
	float *vec = NULL;
	size_t dim = m->res.dim, rawlen;
	const char *raw;
	json_t *rec;
	int rc = 0, wrc = 0;

	fields_of(o, &f);
	if (m->embedding_field) {
		emb = fb_path_compile(m->embedding_field, NULL);
		f.embedding = emb;
		vec = fb_xmalloc((dim + 1) * sizeof *vec);
	}
	assigning_init(&g, o, w, m->tfidf, &m->res, &l,
	               o->min_similarity_set ? o->fit.min_similarity : m->min_similarity,
	               m->embedding_field != NULL);
	while (wrc == 0 && (rec = next_item(in, &f, &it, vec, &dim, &rc))) {
		raw = fb_jsonl_in_raw(in, &rawlen);
		wrc = assign_one(&g, &it, vec, raw, rawlen);
		json_decref(rec);
	}
	if (wrc == 0)
		wrc = assigning_finish(&g, 1);
	else
		assigning_finish(&g, 0);
	*outliers = g.outliers;
	fb_path_free(emb);
	free(vec);
	if (wrc < 0)
		return -2;
	return rc == 0 && !fb_jsonl_in_stopped(in) ? 0 : -1;
}

/* Reads every good record into r, or, with --sample, into the spool s.
 * Returns 0, -1 when reading stopped, or -2 after a message. */
static int read_all(const struct options *o, struct fb_jsonl_in *in, struct fb_cluster_records *r,
                    struct fb_cluster_spool *s)
{
	struct fb_cluster_fields f;
	struct fb_cluster_item it;
	float *vec = o->embedding_field ? fb_xmalloc(FB_CLUSTER_MAX_DIM * sizeof *vec) : NULL;
	const char *raw;
	size_t rawlen;
	json_t *rec;
	int rc = 0, wrc = 0;

	fields_of(o, &f);
	while (wrc == 0 && (rec = next_item(in, &f, &it, vec, &r->dim, &rc))) {
		raw = fb_jsonl_in_raw(in, &rawlen);
		if (s) {
			while (rawlen > 0 && (raw[rawlen - 1] == '\n' || raw[rawlen - 1] == '\r'))
				rawlen--;
			wrc = fb_cluster_spool_add(s, raw, rawlen);
		} else {
			fb_cluster_records_add(r, raw, rawlen, &it, vec);
		}
		json_decref(rec);
	}
	free(vec);
	if (wrc == 0 && s && fb_cluster_spool_rewind(s) < 0)
		wrc = -1;
	if (wrc < 0) {
		fb_diag_error(prog, NULL, 0, 0, "temporary file: write error: %s", strerror(errno));
		return -2;
	}
	return rc == 0 && !fb_jsonl_in_stopped(in) ? 0 : -1;
}

/* The records of the reservoir of s, in input order, into r (whose dim is
 * set). */
static void sample_records(const struct options *o, struct fb_cluster_spool *s,
                           struct fb_cluster_records *r)
{
	struct fb_cluster_fields f;
	struct fb_cluster_item it;
	float *vec = fb_xmalloc((r->dim + 1) * sizeof *vec);
	json_t *rec;
	size_t i;

	fields_of(o, &f);
	fb_cluster_reservoir_sort(&s->res);
	for (i = 0; i < s->res.n; i++) {
		/* These records were read and checked already. */
		rec = fb_jsonl_parse(s->res.text[i], s->res.len[i], NULL);
		fb_cluster_item_get(&f, rec, &it, vec, &r->dim, NULL);
		fb_cluster_records_add(r, s->res.text[i], s->res.len[i], &it, vec);
		json_decref(rec);
	}
	free(vec);
}

/* Assigns the spooled records to the intents fitted on the sample.
 * Returns 0, -1 on a write error, or -2 on a read error of the spool,
 * after a message. */
static int assign_spool(const struct options *o, struct fb_cluster_spool *s,
                        const struct fb_cluster_fit *fit, struct out *w)
{
	struct fb_cluster_labels l = { fit->tfidf, fit->top, NTERMS, NLABEL };
	struct fb_cluster_fields f;
	struct fb_cluster_item it;
	struct assigning g;
	float *vec = fb_xmalloc((fit->emb.ncols + 1) * sizeof *vec);
	size_t dim = fit->emb.ncols, len;
	const char *line;
	json_t *rec;
	int rc = 0;

	fields_of(o, &f);
	assigning_init(&g, o, w, fit->tfidf, &fit->res, &l, o->fit.min_similarity, dim > 0);
	while (rc == 0 && (line = fb_cluster_spool_next(s, &len))) {
		rec = fb_jsonl_parse(line, len, NULL);
		fb_cluster_item_get(&f, rec, &it, vec, &dim, NULL);
		rc = assign_one(&g, &it, vec, line, len);
		json_decref(rec);
	}
	if (rc == 0 && ferror(s->f)) {
		fb_diag_error(prog, NULL, 0, 0, "temporary file: read error: %s", strerror(errno));
		rc = -2;
	}
	if (rc == 0)
		rc = assigning_finish(&g, 1);
	else
		assigning_finish(&g, 0);
	free(vec);
	return rc;
}

/* Writes the fitted model to path. Returns 0, or -1 after a message. */
static int save_model(const struct options *o, const struct fb_cluster_records *r,
                      const struct fb_cluster_fit *f)
{
	struct fb_cluster_model m = { 0 };
	FILE *out = fopen(o->save_model, "w");
	int rc;

	if (!out) {
		fb_diag_error(prog, o->save_model, 0, 0, "%s", strerror(errno));
		return -1;
	}
	m.tfidf = f->tfidf;
	m.res = f->res;
	m.ntop = NTERMS;
	m.top = f->top;
	m.nlabel = NLABEL;
	m.cluster = f->cluster;
	m.min_similarity = o->fit.min_similarity;
	m.records = r->n;
	if (o->embedding_field)
		m.embedding_field = (char *)fb_path_text(o->embedding_field);
	rc = fb_cluster_model_write(&m, out);
	if (fclose(out) != 0)
		rc = -1;
	if (rc < 0)
		fb_diag_error(prog, o->save_model, 0, 0, "write error: %s", strerror(errno));
	return rc;
}

static int cmp_step(const void *x, const void *y)
{
	const struct fb_cluster_auto_step *p = x, *q = y;

	return (p->k > q->k) - (p->k < q->k);
}

/* -k auto: the silhouette of each k tried, and the choice. */
static void print_auto(const struct fb_cluster_auto *a)
{
	struct fb_cluster_auto_step *s = fb_xmalloc((a->nsteps + 1) * sizeof *s);
	size_t i;

	memcpy(s, a->steps, a->nsteps * sizeof *s);
	qsort(s, a->nsteps, sizeof *s, cmp_step);
	fprintf(stderr, "%s: -k auto: mean silhouette over %zu records, clusters fitted on %zu\n",
	        prog, a->sample, a->fit_rows);
	for (i = 0; i < a->nsteps; i++)
		fprintf(stderr, "%s: k %zu: silhouette %.4f%s\n", prog, s[i].k, s[i].silhouette,
		        s[i].k == a->k ? " (chosen: the highest)" : "");
	if (a->nsteps > 0 && a->k == s[a->nsteps - 1].k)
		fprintf(stderr,
		        "%s: k %zu is the top of the range: a wider --k-range may find "
		        "more intents\n",
		        prog, a->k);
	free(s);
}

static void print_stats(const struct options *o, const struct fb_cluster_fit *f, size_t sample,
                        size_t total)
{
	if (sample)
		fprintf(stderr, "%s: fitted on a sample of %zu of %zu records\n", prog, sample,
		        total);
	if (o->fit.auto_k && f->chosen.nsteps)
		print_auto(&f->chosen);
	fprintf(stderr,
	        "%s: k %zu, %s %zu, language %s, rounds %d, best of %d restarts: %d, "
	        "mean similarity %.4f, outliers %zu\n",
	        prog, f->res.k, o->embedding_field ? "dimension" : "terms",
	        o->embedding_field ? f->emb.ncols : fb_tfidf_nterms(f->tfidf),
	        o->fit.text.lang == FB_TFIDF_LANG_AUTO
	            ? "auto"
	            : fb_text_lang_name((enum fb_text_lang)o->fit.text.lang),
	        f->res.iterations, f->cluster.restarts, f->res.best_restart + 1,
	        f->m.nrows ? (f->res.k ? f->res.objective : 0) / (double)f->m.nrows : 0,
	        f->outliers);
	if (o->fit.text.lang == FB_TFIDF_LANG_AUTO)
		fprintf(stderr, "%s: corpus language %s (%.0f%% of texts with stop words)\n", prog,
		        fb_text_lang_name(fb_tfidf_corpus_lang(f->tfidf)),
		        100 * fb_tfidf_corpus_share(f->tfidf));
	if (!o->embedding_field)
		fprintf(stderr, "%s: stop words %s\n", prog,
		        fb_tfidf_opts(f->tfidf)->stop_words ? "kept" : "dropped");
}

/* Fits (on every record, or on a sample of *sampled of *total) and writes.
 * Returns 0, -1 on a write error of the output, or -2 after a message. */
static int fit_and_write(const struct options *o, struct fb_jsonl_in *in, struct out *w,
                         struct fb_cluster_fit *fit, size_t *sampled, size_t *total)
{
	const char *tmpdir = getenv("TMPDIR");
	struct fb_cluster_records r = { 0 };
	struct fb_cluster_spool s = { 0 };
	int rc = 0;

	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	if (o->sample && fb_cluster_spool_open(&s, tmpdir, o->sample, o->fit.cluster.seed) < 0) {
		fb_diag_error(prog, NULL, 0, 0, "temporary file in %s: %s", tmpdir,
		              strerror(errno));
		return -2;
	}
	rc = read_all(o, in, &r, o->sample ? &s : NULL);
	if (rc == 0 && o->sample && s.n > 0)
		sample_records(o, &s, &r);
	if (rc == 0 && r.n > 0) {
		if (fb_cluster_fit_run(&o->fit, &r, fit) < 0)
			fb_diag_warn(prog, NULL, 0, 0,
			             "no term is in at least %zu texts: every record is an outlier",
			             o->fit.text.min_df);
		*sampled = o->sample ? r.n : 0;
		*total = o->sample ? s.n : r.n;
		if (o->save_model && save_model(o, &r, fit) < 0)
			rc = -2;
		else if (o->sample)
			rc = assign_spool(o, &s, fit, w);
		else
			rc = write_fitted(o, w, &r, fit);
	} else if (rc == 0 && o->save_model) {
		fb_diag_error(prog, o->save_model, 0, 0, "no records to fit a model on");
		rc = -2;
	} else if (rc == -1) {
		rc = 0; /* reading stopped: the status says so */
	}
	fb_cluster_spool_close(&s);
	fb_cluster_records_free(&r);
	return rc;
}

int main(int argc, char **argv)
{
	struct options o;
	struct fb_jsonl_policy policy = { prog, 0, NULL, NULL };
	struct fb_jsonl_in *in = NULL;
	struct fb_cluster_model model = { 0 };
	struct fb_cluster_fit fit = { 0 };
	struct out w = { 0 };
	struct fb_error err;
	FILE *rejects = NULL;
	int status, write_failed = 0, rc = 0;
	size_t outliers = 0, sampled = 0, total = 0;

	fb_alloc_init(prog);
	fb_diag_ignore_sigpipe();
	status = parse_options(argc, argv, &o);
	if (status != 0) {
		options_free(&o);
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
		options_free(&o);
		return 2;
	}
	if (o.rejects && !(rejects = fopen(o.rejects, "w"))) {
		fb_diag_error(prog, o.rejects, 0, 0, "%s", strerror(errno));
		goto out;
	}
	policy.skip_invalid = o.skip_invalid;
	policy.jobs = fb_jobs_for(o.threads);
	o.fit.cluster.jobs = policy.jobs;
	o.fit.text.jobs = policy.jobs;
	policy.rejects = rejects;
	in = fb_jsonl_in_new(&policy, (const char *const *)argv + optind, (size_t)(argc - optind));
	w.jsonl = fb_jsonl_out_new(stdout, 0);
	if (o.model)
		rc = assign_model(&o, in, &model, &w, &outliers) == -2 ? -1 : 0;
	else
		rc = fit_and_write(&o, in, &w, &fit, &sampled, &total);
	if (rc == -2)
		write_failed = 2;
	if (rc == -1) {
		write_failed = fb_diag_is_epipe(errno) ? 1 : 2;
		if (write_failed == 2)
			fb_diag_error(prog, NULL, 0, 0, "write error: %s", strerror(errno));
	}
	status = write_failed == 2 ? 2 : fb_jsonl_in_status(in);
	if (o.stats) {
		fprintf(stderr, "%s: read %lu, written %lu, rejected %lu\n", prog,
		        fb_jsonl_in_read_count(in), w.written, fb_jsonl_in_rejected_count(in));
		if (fit.tfidf)
			print_stats(&o, &fit, sampled, total);
		if (o.model)
			fprintf(stderr, "%s: model k %zu, %s %zu, outliers %zu\n", prog,
			        model.res.k, model.embedding_field ? "dimension" : "terms",
			        model.embedding_field ? model.res.dim
			                              : fb_tfidf_nterms(model.tfidf),
			        outliers);
	}
out:
	fb_cluster_model_free(&model);
	fb_cluster_fit_free(&fit);
	fb_jsonl_in_free(in);
	fb_jobs_free(policy.jobs);
	fb_jsonl_out_free(w.jsonl);
	if (rejects && fclose(rejects) != 0) {
		fb_diag_error(prog, o.rejects, 0, 0, "%s", strerror(errno));
		status = 2;
	}
	options_free(&o);
	if (write_failed == 1)
		return status;
	if (write_failed == 2) {
		/* Said already: the close would fail and say it again. */
		fclose(stdout);
		return 2;
	}
	return fb_diag_close_stdout(prog) ? 2 : status;
}
