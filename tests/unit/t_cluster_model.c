/* Unit tests of lib/fb_cluster_model: a model written and read back assigns
 * every text as the one fitted; bad files are refused with their message. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_cluster_model.h"

static const char *const texts[] = {
	"reset my password",          "track my parcel",
	"cancel my subscription",     "password reset not working",
	"where is my parcel",         "cancel the subscription now",
	"forgot password reset link", "parcel tracking number",
	"how to cancel subscription", "je veux changer mon mot de passe",
	"unrelated words here",       "reset the parcel password",
};
#define NTEXTS (sizeof texts / sizeof texts[0])

/* A file holding data; the path is new. */
static char *temp_file(const char *data)
{
	char *path = fb_xstrdup("/tmp/t_cluster_model-XXXXXX");
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	CHECK(write(fd, data, strlen(data)) == (ssize_t)strlen(data));
	close(fd);
	return path;
}

static void test_round_trip(void)
{
	struct fb_tfidf_opts to;
	struct fb_tfidf_matrix mat;
	struct fb_cluster_model m = { 0 }, back;
	struct fb_sparse v = { 0 }, w = { 0 };
	struct fb_error err;
	uint32_t top[3 * 4];
	size_t lens[NTEXTS], i, t, c;
	float s1[3], s2[3];
	char *path = fb_xstrdup("/tmp/t_cluster_model-XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	fb_tfidf_opts_default(&to);
	to.min_df = 1;
	to.max_df = 1;
	for (i = 0; i < NTEXTS; i++)
		lens[i] = strlen(texts[i]);
	m.tfidf = fb_tfidf_new(&to);
	fb_tfidf_fit(m.tfidf, (const char *const *)texts, lens, NTEXTS, &mat);
	fb_cluster_opts_default(&m.cluster);
	m.cluster.k = 3;
	m.cluster.seed = 42;
	CHECK(fb_cluster_kmeans(&mat, &m.cluster, &m.res, NULL) == 0);
	fb_cluster_terms(&mat, m.tfidf, m.res.assign, m.res.k, 4, top);
	m.top = top;
	m.ntop = 4;
	m.nlabel = 3;
	m.min_similarity = 0.25;
	m.records = NTEXTS;
	CHECK(fb_cluster_model_write(&m, f) == 0);
	CHECK(fclose(f) == 0);

	CHECK(fb_cluster_model_read(path, &back, &err) == 0);
	CHECK(back.res.k == m.res.k && back.res.dim == m.res.dim);
	CHECK(back.ntop == 4 && back.nlabel == 3 && back.records == NTEXTS);
	CHECK(back.min_similarity == 0.25);
	CHECK(back.cluster.k == 3 && back.cluster.seed == 42);
	CHECK(back.cluster.restarts == m.cluster.restarts);
	CHECK(fb_tfidf_corpus_lang(back.tfidf) == fb_tfidf_corpus_lang(m.tfidf));
	CHECK(fb_tfidf_opts(back.tfidf)->ngrams == to.ngrams);
	CHECK(fb_tfidf_nterms(back.tfidf) == fb_tfidf_nterms(m.tfidf));
	for (t = 0; t < fb_tfidf_nterms(m.tfidf); t++) {
		CHECK_STR(fb_tfidf_term(back.tfidf, t), fb_tfidf_term(m.tfidf, t));
		CHECK_STR(fb_tfidf_surface(back.tfidf, t), fb_tfidf_surface(m.tfidf, t));
		CHECK(fb_tfidf_idf(back.tfidf, t) == fb_tfidf_idf(m.tfidf, t));
		CHECK(fb_tfidf_df(back.tfidf, t) == fb_tfidf_df(m.tfidf, t));
	}
	/* Exactly the same centroids, sizes and terms. */
	CHECK(memcmp(back.res.centroid, m.res.centroid,
	             m.res.dim * m.res.k * sizeof *m.res.centroid) == 0);
	for (c = 0; c < m.res.k; c++) {
		CHECK(back.res.size[c] == m.res.size[c]);
		for (t = 0; t < 4; t++)
			CHECK(back.top[c * 4 + t] == top[c * 4 + t]);
	}
	/* Every text: the same vector, the same intent as fitted, the same
	 * similarities, bit for bit. */
	for (i = 0; i < NTEXTS; i++) {
		fb_tfidf_transform(m.tfidf, texts[i], lens[i], &v);
		fb_tfidf_transform(back.tfidf, texts[i], lens[i], &w);
		CHECK(v.n == w.n && v.n == mat.rowptr[i + 1] - mat.rowptr[i]);
		CHECK(memcmp(w.idx, mat.idx + mat.rowptr[i], w.n * sizeof *w.idx) == 0);
		CHECK(memcmp(w.val, mat.val + mat.rowptr[i], w.n * sizeof *w.val) == 0);
		CHECK(fb_cluster_nearest(&back.res, w.idx, w.val, w.n, s2) == m.res.assign[i]);
		fb_cluster_nearest(&m.res, v.idx, v.val, v.n, s1);
		CHECK(memcmp(s1, s2, sizeof s1) == 0);
		if (m.res.assign[i] >= 0)
			CHECK(s2[m.res.assign[i]] == m.res.sim[i]);
	}
	fb_sparse_free(&v);
	fb_sparse_free(&w);
	fb_cluster_model_free(&back);
	fb_cluster_result_free(&m.res);
	fb_tfidf_matrix_free(&mat);
	fb_tfidf_free(m.tfidf);
	unlink(path);
	free(path);
}

/* A model fitted on embeddings: version 2, with the path and dimension;
 * the vocabulary (of the texts) only names the intents. */
static void test_embedding(void)
{
	static const float e[] = { 1, 0, 0.1f, 0.9f, 0.1f, 0, 0.2f, 0.1f, 1, 0, 1, 0.2f };
	struct fb_tfidf_opts to;
	struct fb_tfidf_matrix mat = { 4, 3, NULL, NULL, NULL };
	struct fb_cluster_model m = { 0 }, back;
	struct fb_error err;
	uint32_t top[2] = { UINT32_MAX, UINT32_MAX }, iota[3] = { 0, 1, 2 };
	size_t i, j;
	float s1[2], s2[2], n;
	char *path = fb_xstrdup("/tmp/t_cluster_model-XXXXXX"), *line = NULL;
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	size_t cap = 0;

	mat.rowptr = fb_xmalloc(5 * sizeof *mat.rowptr);
	mat.idx = fb_xmalloc(12 * sizeof *mat.idx);
	mat.val = fb_xmalloc(12 * sizeof *mat.val);
	for (i = 0; i < 4; i++) {
		mat.rowptr[i] = 3 * i;
		for (j = 0, n = 0; j < 3; j++)
			n += e[3 * i + j] * e[3 * i + j];
		for (j = 0; j < 3; j++) {
			mat.idx[3 * i + j] = (uint32_t)j;
			mat.val[3 * i + j] = e[3 * i + j] / sqrtf(n);
		}
	}
	mat.rowptr[4] = 12;
	fb_tfidf_opts_default(&to);
	m.tfidf = fb_tfidf_new(&to);
	fb_cluster_opts_default(&m.cluster);
	m.cluster.k = 2;
	CHECK(fb_cluster_kmeans(&mat, &m.cluster, &m.res, NULL) == 0);
	m.top = top;
	m.ntop = 1;
	m.nlabel = 1;
	m.records = 4;
	m.embedding_field = (char *)".vec";
	CHECK(fb_cluster_model_write(&m, f) == 0);
	CHECK(fclose(f) == 0);
	f = fopen(path, "r");
	CHECK(getline(&line, &cap, f) > 0);
	fclose(f);
	CHECK(strncmp(line, "{\"format\":\"fbloop-cluster-model\",\"version\":2,", 45) == 0);
	CHECK(strstr(line, "\"embedding_field\":\".vec\",\"dim\":3}") != NULL);
	free(line);
	CHECK(fb_cluster_model_read(path, &back, &err) == 0);
	CHECK_STR(back.embedding_field, ".vec");
	CHECK(back.res.dim == 3 && back.res.k == 2 && fb_tfidf_nterms(back.tfidf) == 0);
	CHECK(memcmp(back.res.centroid, m.res.centroid, 6 * sizeof *m.res.centroid) == 0);
	for (i = 0; i < 4; i++) {
		CHECK(fb_cluster_nearest(&back.res, iota, mat.val + 3 * i, 3, s2) ==
		      m.res.assign[i]);
		fb_cluster_nearest(&m.res, iota, mat.val + 3 * i, 3, s1);
		CHECK(memcmp(s1, s2, sizeof s1) == 0);
	}
	fb_cluster_model_free(&back);
	fb_cluster_result_free(&m.res);
	fb_tfidf_matrix_free(&mat);
	fb_tfidf_free(m.tfidf);
	unlink(path);
	free(path);
}

static void test_label(void)
{
	struct fb_tfidf_opts to;
	struct fb_tfidf *t;
	uint32_t top[] = { 1, 0, 2, UINT32_MAX, UINT32_MAX, UINT32_MAX };
	char buf[64];

	fb_tfidf_opts_default(&to);
	t = fb_tfidf_new(&to);
	CHECK(fb_tfidf_add_term(t, "pars", "parsing", 1.5, 2) == 0);
	CHECK(fb_tfidf_add_term(t, "reset", "resetting", 2.5, 1) == 0);
	CHECK(fb_tfidf_add_term(t, "word", "words", 3, 1) == 0);
	CHECK(fb_tfidf_add_term(t, "reset", "reset", 1, 1) == -1);
	CHECK(fb_tfidf_nterms(t) == 3);
	CHECK(fb_cluster_model_label(t, top, 3, 2, 0, buf, sizeof buf) == 19);
	CHECK_STR(buf, "resetting / parsing");
	CHECK(fb_cluster_model_label(t, top, 3, 3, 1, buf, sizeof buf) == 0);
	CHECK_STR(buf, "");
	/* A term that does not fit is left out. */
	CHECK(fb_cluster_model_label(t, top, 3, 3, 0, buf, 15) == 9);
	CHECK_STR(buf, "resetting");
	fb_tfidf_free(t);
}

#define HEAD "{\"format\":\"fbloop-cluster-model\",\"version\":1,"
#define PARAMS                                                                              \
	"\"parameters\":{\"lang\":\"en\",\"corpus_lang\":\"en\",\"ngrams\":1,\"min_df\":1," \
	"\"max_df\":1,\"max_terms\":10,\"k\":2,\"restarts\":1,\"max_iter\":10,\"seed\":1,"  \
	"\"min_similarity\":0,\"label_terms\":2},\"records\":2,"
#define VOCAB                                                                               \
	"\"vocabulary\":{\"terms\":[\"a\",\"b\"],\"surfaces\":[\"a\",\"b\"],\"idf\":[1,1]," \
	"\"df\":[1,1]},"

static void test_bad_files(void)
{
	static const struct {
		const char *data, *text;
		long line;
	} cases[] = {
		{ HEAD PARAMS VOCAB "\"intents\":[]}", NULL, 0 },
		{ "", "'[' or '{' expected near end of file", 1 },
		{ "{\"format\":\"x\",\"version\":1}", "not an fb-cluster model", 0 },
		{ "[]", "not an fb-cluster model", 0 },
		{ "{\"format\":\"fbloop-cluster-model\",\"version\":7}",
		  "unsupported model version 7", 0 },
		{ "{\"format\":\"fbloop-cluster-model\"}", "version: expected an integer", 0 },
		{ HEAD "\"records\":1}", "parameters: missing", 0 },
		{ HEAD PARAMS "\"vocabulary\":[]}", "vocabulary: expected an object", 0 },
		{ HEAD PARAMS VOCAB "\"intents\":{}}", "intents: expected an array", 0 },
		{ HEAD PARAMS
		  "\"vocabulary\":{\"terms\":[\"a\"],\"surfaces\":[\"a\",\"b\"],\"idf\":[1],"
		  "\"df\":[1]},\"intents\":[]}",
		  "vocabulary.surfaces has 2 values, expected 1", 0 },
		{ HEAD PARAMS VOCAB
		  "\"intents\":[{\"id\":0,\"size\":1,\"label\":\"a\",\"terms\":[0],"
		  "\"centroid\":{\"index\":[0,1],\"value\":[1]}}]}",
		  "centroid 0 has 1 values, expected 2", 0 },
		{ HEAD PARAMS VOCAB
		  "\"intents\":[{\"id\":0,\"size\":1,\"label\":\"a\",\"terms\":[0],"
		  "\"centroid\":{\"index\":[2],\"value\":[1]}}]}",
		  "centroid 0: index 0 is not a term number", 0 },
		{ HEAD PARAMS VOCAB "\"intents\":[{\"id\":0,\"size\":1,\"terms\":[0]}]}",
		  "intent 0: centroid: missing", 0 },
		{ HEAD PARAMS VOCAB "\"intents\":[{\"id\":0,\"size\":-1}]}",
		  "intent 0: size: -1 is out of range", 0 },
	};
	struct fb_cluster_model m;
	struct fb_error err;
	size_t i;
	char *path;
	int rc;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		path = temp_file(cases[i].data);
		memset(&err, 0, sizeof err);
		rc = fb_cluster_model_read(path, &m, &err);
		if (!cases[i].text) {
			CHECK(rc == 0);
			CHECK(m.res.k == 0 && fb_tfidf_nterms(m.tfidf) == 2);
		} else {
			CHECK(rc == -1);
			CHECK_STR(err.text, cases[i].text);
			CHECK(err.line == cases[i].line);
			CHECK(m.tfidf == NULL && m.top == NULL);
		}
		fb_cluster_model_free(&m);
		unlink(path);
		free(path);
	}
	CHECK(fb_cluster_model_read("/nonexistent/model.json", &m, &err) == -1);
	CHECK_STR(err.text, "No such file or directory");
}

int main(void)
{
	fb_alloc_init("t_cluster_model");
	RUN(test_round_trip);
	RUN(test_embedding);
	RUN(test_label);
	RUN(test_bad_files);
	return CHECK_DONE();
}
