#include "fb_cluster_model.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fb_alloc.h"

#define JSON_INTEGER_MAX ((json_int_t)INT64_MAX)

size_t fb_cluster_model_label(const struct fb_tfidf *t, const uint32_t *top, size_t ntop,
                              size_t nlabel, size_t c, char *buf, size_t size)
{
	size_t j, len = 0;
	int n;

	buf[0] = '\0';
	for (j = 0; j < nlabel && j < ntop && top[c * ntop + j] != UINT32_MAX; j++) {
		n = snprintf(buf + len, size - len, "%s%s", j ? " / " : "",
		             fb_tfidf_surface(t, top[c * ntop + j]));
		if (n < 0 || (size_t)n >= size - len) {
			buf[len] = '\0';
			break;
		}
		len += (size_t)n;
	}
	return len;
}

static const char *lang_name(int lang)
{
	return lang == FB_TFIDF_LANG_AUTO ? "auto" : fb_text_lang_name((enum fb_text_lang)lang);
}

static json_t *parameters(const struct fb_cluster_model *m)
{
	const struct fb_tfidf_opts *o = fb_tfidf_opts(m->tfidf);
	json_t *p;

	p = json_pack("{s:s,s:s,s:i,s:I,s:f,s:I,s:I,s:i,s:i,s:I,s:f,s:I}", "lang",
	              lang_name(o->lang), "corpus_lang",
	              fb_text_lang_name(fb_tfidf_corpus_lang(m->tfidf)), "ngrams", o->ngrams,
	              "min_df", (json_int_t)o->min_df, "max_df", o->max_df, "max_terms",
	              (json_int_t)o->max_terms, "k", (json_int_t)m->cluster.k, "restarts",
	              m->cluster.restarts, "max_iter", m->cluster.max_iter, "seed",
	              (json_int_t)m->cluster.seed, "min_similarity", m->min_similarity,
	              "label_terms", (json_int_t)m->nlabel);
	json_object_set_new(p, "stop_words", json_string(o->stop_words ? "keep" : "drop"));
	if (m->embedding_field) {
		json_object_set_new(p, "embedding_field", json_string(m->embedding_field));
		json_object_set_new(p, "dim", json_integer((json_int_t)m->res.dim));
	}
	return p;
}

static json_t *vocabulary(const struct fb_tfidf *t)
{
	json_t *terms = json_array(), *surfaces = json_array(), *idf = json_array(),
	       *df = json_array();
	size_t i, n = fb_tfidf_nterms(t);

	for (i = 0; i < n; i++) {
		json_array_append_new(terms, json_string(fb_tfidf_term(t, i)));
		json_array_append_new(surfaces, json_string(fb_tfidf_surface(t, i)));
		json_array_append_new(idf, json_real(fb_tfidf_idf(t, i)));
		json_array_append_new(df, json_integer((json_int_t)fb_tfidf_df(t, i)));
	}
	return json_pack("{s:o,s:o,s:o,s:o}", "terms", terms, "surfaces", surfaces, "idf", idf,
	                 "df", df);
}

static json_t *intent(const struct fb_cluster_model *m, size_t c)
{
	json_t *terms = json_array(), *index = json_array(), *value = json_array();
	size_t j, k = m->res.k;
	char label[512];
	float v;

	for (j = 0; j < m->ntop && m->top[c * m->ntop + j] != UINT32_MAX; j++)
		json_array_append_new(terms, json_integer(m->top[c * m->ntop + j]));
	for (j = 0; j < m->res.dim; j++) {
		v = m->res.centroid[j * k + c];
		if (v != 0) {
			json_array_append_new(index, json_integer((json_int_t)j));
			json_array_append_new(value, json_real(v));
		}
	}
	return json_pack(
	    "{s:I,s:I,s:o,s:o,s:{s:o,s:o}}", "id", (json_int_t)c, "size",
	    (json_int_t)m->res.size[c], "label",
	    fb_cluster_model_label(m->tfidf, m->top, m->ntop, m->nlabel, c, label, sizeof label)
	        ? json_string(label)
	        : json_null(),
	    "terms", terms, "centroid", "index", index, "value", value);
}

int fb_cluster_model_write(const struct fb_cluster_model *m, FILE *f)
{
	json_t *root, *intents = json_array();
	size_t c;
	int rc;

	for (c = 0; c < m->res.k; c++)
		json_array_append_new(intents, intent(m, c));
	root = json_pack("{s:s,s:i,s:o,s:I,s:o,s:o}", "format", FB_CLUSTER_MODEL_FORMAT, "version",
	                 m->embedding_field ? FB_CLUSTER_MODEL_VERSION_EMBEDDING
	                                    : FB_CLUSTER_MODEL_VERSION,
	                 "parameters", parameters(m), "records", (json_int_t)m->records,
	                 "vocabulary", vocabulary(m->tfidf), "intents", intents);
	rc = json_dumpf(root, f, JSON_COMPACT | JSON_REAL_PRECISION(17));
	json_decref(root);
	if (rc == 0 && fputc('\n', f) == EOF)
		rc = -1;
	return rc;
}

/* Member key of object obj (named ctx in messages) of the given type;
 * JSON_REAL stands for any number. NULL with err filled when missing or of
 * another type. */
static json_t *member(const json_t *obj, const char *ctx, const char *key, json_type type,
                      struct fb_error *err)
{
	static const char *const names[] = {
		[JSON_OBJECT] = "an object", [JSON_ARRAY] = "an array",
		[JSON_STRING] = "a string",  [JSON_INTEGER] = "an integer",
		[JSON_REAL] = "a number",
	};
	json_t *v = json_object_get(obj, key);

	if (!v) {
		fb_error_set(err, 0, 0, "%s%s: missing", ctx, key);
		return NULL;
	}
	if (type == JSON_REAL ? !json_is_number(v) : json_typeof(v) != type) {
		fb_error_set(err, 0, 0, "%s%s: expected %s", ctx, key, names[type]);
		return NULL;
	}
	return v;
}

/* An integer member in [min, max]. */
static int member_int(const json_t *obj, const char *ctx, const char *key, json_int_t min,
                      json_int_t max, json_int_t *out, struct fb_error *err)
{
	json_t *v = member(obj, ctx, key, JSON_INTEGER, err);

	if (!v)
		return -1;
	*out = json_integer_value(v);
	if (*out < min || *out > max) {
		fb_error_set(err, 0, 0, "%s%s: %" JSON_INTEGER_FORMAT " is out of range", ctx, key,
		             *out);
		return -1;
	}
	return 0;
}

/* A number member in [min, max]. */
static int member_real(const json_t *obj, const char *ctx, const char *key, double min, double max,
                       double *out, struct fb_error *err)
{
	json_t *v = member(obj, ctx, key, JSON_REAL, err);

	if (!v)
		return -1;
	*out = json_number_value(v);
	if (!(*out >= min && *out <= max)) {
		fb_error_set(err, 0, 0, "%s%s: %g is out of range", ctx, key, *out);
		return -1;
	}
	return 0;
}

/* Models saved before stop words could be kept have no stop_words: they
 * dropped them. */
static int read_stop_words(const json_t *p, struct fb_tfidf_opts *o, struct fb_error *err)
{
	const json_t *v = json_object_get(p, "stop_words");
	const char *s = json_string_value(v);

	o->stop_words = 0;
	if (!v)
		return 0;
	if (s && (strcmp(s, "keep") == 0 || strcmp(s, "drop") == 0)) {
		o->stop_words = strcmp(s, "keep") == 0;
		return 0;
	}
	fb_error_set(err, 0, 0, "parameters.stop_words: expected \"keep\" or \"drop\"");
	return -1;
}

static int read_parameters(const json_t *root, struct fb_cluster_model *m, struct fb_tfidf_opts *o,
                           int *corpus_lang, int embedding, struct fb_error *err)
{
	const char *ctx = "parameters.";
	json_t *p = member(root, "", "parameters", JSON_OBJECT, err), *v;
	json_int_t n;

	if (!p)
		return -1;
	if (!(v = member(p, ctx, "lang", JSON_STRING, err)))
		return -1;
	o->lang = strcmp(json_string_value(v), "auto") == 0
	              ? FB_TFIDF_LANG_AUTO
	              : fb_text_lang_from_name(json_string_value(v));
	if (o->lang == -1 && strcmp(json_string_value(v), "auto") != 0) {
		fb_error_set(err, 0, 0, "parameters.lang: unknown language '%s'",
		             json_string_value(v));
		return -1;
	}
	if (!(v = member(p, ctx, "corpus_lang", JSON_STRING, err)))
		return -1;
	*corpus_lang = fb_text_lang_from_name(json_string_value(v));
	if (*corpus_lang < 0) {
		fb_error_set(err, 0, 0, "parameters.corpus_lang: unknown language '%s'",
		             json_string_value(v));
		return -1;
	}
	if (member_int(p, ctx, "ngrams", 1, 2, &n, err) < 0)
		return -1;
	o->ngrams = (int)n;
	if (read_stop_words(p, o, err) < 0)
		return -1;
	if (member_int(p, ctx, "min_df", 1, JSON_INTEGER_MAX, &n, err) < 0)
		return -1;
	o->min_df = (size_t)n;
	if (member_real(p, ctx, "max_df", 0, 1, &o->max_df, err) < 0)
		return -1;
	if (member_int(p, ctx, "max_terms", 1, JSON_INTEGER_MAX, &n, err) < 0)
		return -1;
	o->max_terms = (size_t)n;
	if (member_int(p, ctx, "k", 1, JSON_INTEGER_MAX, &n, err) < 0)
		return -1;
	m->cluster.k = (size_t)n;
	if (member_int(p, ctx, "restarts", 1, 1000000, &n, err) < 0)
		return -1;
	m->cluster.restarts = (int)n;
	if (member_int(p, ctx, "max_iter", 1, 1000000, &n, err) < 0)
		return -1;
	m->cluster.max_iter = (int)n;
	if (member_int(p, ctx, "seed", 0, JSON_INTEGER_MAX, &n, err) < 0)
		return -1;
	m->cluster.seed = (uint64_t)n;
	if (member_real(p, ctx, "min_similarity", 0, 1, &m->min_similarity, err) < 0)
		return -1;
	if (member_int(p, ctx, "label_terms", 1, 1000, &n, err) < 0)
		return -1;
	m->nlabel = (size_t)n;
	if (!embedding)
		return 0;
	if (!(v = member(p, ctx, "embedding_field", JSON_STRING, err)))
		return -1;
	m->embedding_field = fb_xstrdup(json_string_value(v));
	if (member_int(p, ctx, "dim", 1, 65536, &n, err) < 0)
		return -1;
	m->res.dim = (size_t)n;
	return 0;
}

/* Array member key of obj with n elements (when n is not SIZE_MAX). */
static json_t *array_of(const json_t *obj, const char *ctx, const char *key, size_t n,
                        struct fb_error *err)
{
	json_t *a = member(obj, ctx, key, JSON_ARRAY, err);

	if (a && n != SIZE_MAX && json_array_size(a) != n) {
		fb_error_set(err, 0, 0, "%s%s has %zu values, expected %zu", ctx, key,
		             json_array_size(a), n);
		return NULL;
	}
	return a;
}

static int read_vocabulary(const json_t *root, struct fb_tfidf *t, struct fb_error *err)
{
	const char *ctx = "vocabulary.";
	json_t *v = member(root, "", "vocabulary", JSON_OBJECT, err), *terms, *surfaces, *idf, *df;
	json_t *a, *b, *c, *d;
	size_t i, n;

	if (!v || !(terms = array_of(v, ctx, "terms", SIZE_MAX, err)))
		return -1;
	n = json_array_size(terms);
	if (n > UINT32_MAX - 1) {
		fb_error_set(err, 0, 0, "vocabulary.terms: too many terms");
		return -1;
	}
	if (!(surfaces = array_of(v, ctx, "surfaces", n, err)) ||
	    !(idf = array_of(v, ctx, "idf", n, err)) || !(df = array_of(v, ctx, "df", n, err)))
		return -1;
	for (i = 0; i < n; i++) {
		a = json_array_get(terms, i);
		b = json_array_get(surfaces, i);
		c = json_array_get(idf, i);
		d = json_array_get(df, i);
		if (!json_is_string(a) || !json_is_string(b) ||
		    strlen(json_string_value(a)) != json_string_length(a) ||
		    strlen(json_string_value(b)) != json_string_length(b)) {
			fb_error_set(err, 0, 0, "vocabulary: term %zu is not a string", i);
			return -1;
		}
		if (!json_is_number(c) || !(json_number_value(c) > 0) ||
		    !isfinite(json_number_value(c))) {
			fb_error_set(err, 0, 0,
			             "vocabulary: idf of term %zu is not a positive number", i);
			return -1;
		}
		if (!json_is_integer(d) || json_integer_value(d) < 0) {
			fb_error_set(err, 0, 0, "vocabulary: df of term %zu is not a count", i);
			return -1;
		}
		if (fb_tfidf_add_term(t, json_string_value(a), json_string_value(b),
		                      json_number_value(c), (size_t)json_integer_value(d)) < 0) {
			fb_error_set(err, 0, 0, "vocabulary: term '%s' appears twice",
			             json_string_value(a));
			return -1;
		}
	}
	return 0;
}

/* Intent c: its size, terms and centroid into m (allocated already). */
static int read_intent(const json_t *in, size_t c, struct fb_cluster_model *m, struct fb_error *err)
{
	char ctx[64];
	json_t *terms, *cen, *index, *value, *x, *y;
	json_int_t n;
	size_t j, k = m->res.k, dim = m->res.dim, nterms = fb_tfidf_nterms(m->tfidf), last = 0;

	snprintf(ctx, sizeof ctx, "intent %zu: ", c);
	if (!json_is_object(in)) {
		fb_error_set(err, 0, 0, "intent %zu: expected an object", c);
		return -1;
	}
	if (member_int(in, ctx, "id", 0, JSON_INTEGER_MAX, &n, err) < 0)
		return -1;
	if ((size_t)n != c) {
		fb_error_set(err, 0, 0, "intent %zu: id is %" JSON_INTEGER_FORMAT ", expected %zu",
		             c, n, c);
		return -1;
	}
	if (member_int(in, ctx, "size", 0, JSON_INTEGER_MAX, &n, err) < 0)
		return -1;
	m->res.size[c] = (size_t)n;
	if (!(terms = array_of(in, ctx, "terms", SIZE_MAX, err)))
		return -1;
	if (json_array_size(terms) > m->ntop) {
		fb_error_set(err, 0, 0, "intent %zu: more than %zu terms", c, m->ntop);
		return -1;
	}
	for (j = 0; j < m->ntop; j++) {
		x = json_array_get(terms, j);
		if (x && (!json_is_integer(x) || json_integer_value(x) < 0 ||
		          (size_t)json_integer_value(x) >= nterms)) {
			fb_error_set(err, 0, 0, "intent %zu: term %zu is not in the vocabulary", c,
			             j);
			return -1;
		}
		m->top[c * m->ntop + j] = x ? (uint32_t)json_integer_value(x) : UINT32_MAX;
	}
	if (!(cen = member(in, ctx, "centroid", JSON_OBJECT, err)) ||
	    !(index = array_of(cen, ctx, "index", SIZE_MAX, err)) ||
	    !(value = array_of(cen, ctx, "value", SIZE_MAX, err)))
		return -1;
	if (json_array_size(value) != json_array_size(index)) {
		fb_error_set(err, 0, 0, "centroid %zu has %zu values, expected %zu", c,
		             json_array_size(value), json_array_size(index));
		return -1;
	}
	for (j = 0; j < json_array_size(index); j++) {
		x = json_array_get(index, j);
		y = json_array_get(value, j);
		if (!json_is_integer(x) || json_integer_value(x) < 0 ||
		    (size_t)json_integer_value(x) >= dim) {
			fb_error_set(err, 0, 0, "centroid %zu: index %zu is not a term number", c,
			             j);
			return -1;
		}
		if (j > 0 && (size_t)json_integer_value(x) <= last) {
			fb_error_set(err, 0, 0, "centroid %zu: indices are not increasing", c);
			return -1;
		}
		if (!json_is_number(y) || !isfinite(json_number_value(y))) {
			fb_error_set(err, 0, 0, "centroid %zu: value %zu is not a number", c, j);
			return -1;
		}
		last = (size_t)json_integer_value(x);
		m->res.centroid[last * k + c] = (float)json_number_value(y);
	}
	return 0;
}

static int read_intents(const json_t *root, struct fb_cluster_model *m, struct fb_error *err)
{
	json_t *a = array_of(root, "", "intents", SIZE_MAX, err), *terms;
	size_t c, n;

	if (!a)
		return -1;
	m->res.k = json_array_size(a);
	if (!m->embedding_field)
		m->res.dim = fb_tfidf_nterms(m->tfidf);
	if (m->res.k > 1000000) {
		fb_error_set(err, 0, 0, "intents: too many intents");
		return -1;
	}
	m->ntop = m->nlabel;
	for (c = 0; c < m->res.k; c++) {
		terms = json_object_get(json_array_get(a, c), "terms");
		n = json_is_array(terms) ? json_array_size(terms) : 0;
		if (n > m->ntop)
			m->ntop = n;
	}
	m->res.size = fb_xcalloc(m->res.k + 1, sizeof *m->res.size);
	m->top = fb_xmalloc((m->res.k * m->ntop + 1) * sizeof *m->top);
	m->res.centroid = fb_xcalloc(m->res.dim * m->res.k + 1, sizeof *m->res.centroid);
	for (c = 0; c < m->res.k; c++)
		if (read_intent(json_array_get(a, c), c, m, err) < 0)
			return -1;
	return 0;
}

int fb_cluster_model_read(const char *path, struct fb_cluster_model *m, struct fb_error *err)
{
	struct fb_tfidf_opts o;
	json_error_t jerr;
	json_t *root = NULL, *v;
	struct stat st;
	FILE *f;
	int corpus_lang = 0, rc = -1;

	memset(m, 0, sizeof *m);
	if (!(f = fopen(path, "r"))) {
		fb_error_set(err, 0, 0, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fb_error_set(err, 0, 0, "%s", strerror(EISDIR));
		goto out;
	}
	root = json_loadf(f, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		fb_error_set(err, jerr.line > 0 ? jerr.line : 0, jerr.column > 0 ? jerr.column : 0,
		             "%s", jerr.text);
		goto out;
	}
	v = json_object_get(root, "format");
	if (!json_is_string(v) || strcmp(json_string_value(v), FB_CLUSTER_MODEL_FORMAT) != 0) {
		fb_error_set(err, 0, 0, "not an fb-cluster model");
		goto out;
	}
	v = json_object_get(root, "version");
	if (!json_is_integer(v) || (json_integer_value(v) != FB_CLUSTER_MODEL_VERSION &&
	                            json_integer_value(v) != FB_CLUSTER_MODEL_VERSION_EMBEDDING)) {
		if (json_is_integer(v))
			fb_error_set(err, 0, 0, "unsupported model version %" JSON_INTEGER_FORMAT,
			             json_integer_value(v));
		else
			fb_error_set(err, 0, 0, "version: expected an integer");
		goto out;
	}
	fb_tfidf_opts_default(&o);
	if (read_parameters(root, m, &o, &corpus_lang,
	                    json_integer_value(v) == FB_CLUSTER_MODEL_VERSION_EMBEDDING, err) < 0)
		goto out;
	v = member(root, "", "records", JSON_INTEGER, err);
	if (!v || json_integer_value(v) < 0) {
		if (v)
			fb_error_set(err, 0, 0, "records: expected a count");
		goto out;
	}
	m->records = (size_t)json_integer_value(v);
	m->tfidf = fb_tfidf_new(&o);
	fb_tfidf_set_corpus_lang(m->tfidf, (enum fb_text_lang)corpus_lang);
	if (read_vocabulary(root, m->tfidf, err) < 0 || read_intents(root, m, err) < 0)
		goto out;
	rc = 0;
out:
	json_decref(root);
	fclose(f);
	if (rc < 0)
		fb_cluster_model_free(m);
	return rc;
}

void fb_cluster_model_free(struct fb_cluster_model *m)
{
	fb_tfidf_free(m->tfidf);
	free(m->res.centroid);
	free(m->res.size);
	free(m->top);
	free(m->embedding_field);
	memset(m, 0, sizeof *m);
}
