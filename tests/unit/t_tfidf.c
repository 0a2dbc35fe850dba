/* Unit tests of lib/fb_tfidf: vocabulary, cut-offs and weights on a corpus
 * small enough to check by hand. */
#include <stdlib.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_tfidf.h"

static void fit(const struct fb_tfidf_opts *o, const char *const *texts, size_t n,
                struct fb_tfidf **t, struct fb_tfidf_matrix *m)
{
	size_t lens[16], i;

	for (i = 0; i < n; i++)
		lens[i] = strlen(texts[i]);
	*t = fb_tfidf_new(o);
	fb_tfidf_fit(*t, texts, lens, n, m);
}

/* idf(apple) = idf(banana) = ln(4/3) + 1, idf(cherry) = ln 2 + 1; text 1
 * has apple twice: tf 1 + ln 2. */
static void test_weights(void)
{
	static const char *const texts[] = { "apple banana", "Apple APPLE cherry", "banana" };
	struct fb_tfidf_opts o;
	struct fb_tfidf *t;
	struct fb_tfidf_matrix m;
	struct fb_sparse v = { 0 };

	fb_tfidf_opts_default(&o);
	o.lang = FB_TEXT_LANG_NONE;
	o.ngrams = 1;
	o.min_df = 1;
	o.max_df = 1;
	fit(&o, texts, 3, &t, &m);
	CHECK(fb_tfidf_nterms(t) == 3);
	CHECK_STR(fb_tfidf_term(t, 0), "apple");
	CHECK_STR(fb_tfidf_term(t, 2), "cherry");
	CHECK_NEAR(fb_tfidf_idf(t, 0), 0.28768207245178093, 1e-12); /* ln(4 / 3) */
	CHECK_NEAR(fb_tfidf_idf(t, 2), 0.69314718055994531, 1e-12); /* ln(4 / 2) */
	CHECK(fb_tfidf_df(t, 1) == 2);
	CHECK(m.nrows == 3 && m.ncols == 3);
	CHECK(m.rowptr[1] == 2 && m.rowptr[2] == 4 && m.rowptr[3] == 5);
	CHECK_NEAR(m.val[0], 0.70710678118654752, 1e-7);
	CHECK(m.idx[2] == 0 && m.idx[3] == 2);
	/* (1 + ln 2) ln(4/3) and ln 2, scaled to length 1. */
	CHECK_NEAR(m.val[2], 0.57495474815368652, 1e-7);
	CHECK_NEAR(m.val[3], 0.81818521022796631, 1e-7);
	CHECK_NEAR(m.val[4], 1, 1e-7);
	/* A new text: unknown words are left out. */
	fb_tfidf_transform(t, "cherry durian", 13, &v);
	CHECK(v.n == 1 && v.idx[0] == 2);
	CHECK_NEAR(v.val[0], 1, 1e-7);
	fb_tfidf_transform(t, "durian", 6, &v);
	CHECK(v.n == 0);
	fb_sparse_free(&v);
	fb_tfidf_matrix_free(&m);
	fb_tfidf_free(t);
}

/* Stop words and one-byte words go, stems and pairs come, and the
 * document-frequency cut-offs hold. */
static void test_terms(void)
{
	static const char *const texts[] = {
		"How do I reset my password?",
		"I forgot my passwords, reset please",
		"reset password",
		"track my order",
		"where is my order? Track it!",
		"x",
	};
	struct fb_tfidf_opts o;
	struct fb_tfidf *t;
	struct fb_tfidf_matrix m;
	size_t i;

	fb_tfidf_opts_default(&o);
	o.max_df = 0.6;
	fit(&o, texts, 6, &t, &m);
	CHECK(fb_tfidf_corpus_lang(t) == FB_TEXT_LANG_EN);
	/* df ≥ 2 and ≤ 3.6: order (2), password (3), reset (3), reset
	 * password (2), track (2); "forgot" (1) and "my" (stop) are out. */
	CHECK(fb_tfidf_nterms(t) == 5);
	for (i = 0; i < fb_tfidf_nterms(t) && i < 5; i++)
		CHECK_STR(fb_tfidf_term(t, i), ((const char *[]){ "order", "password", "reset",
		                                                  "reset password", "track" })[i]);
	CHECK_STR(fb_tfidf_surface(t, 1), "password");
	CHECK(m.rowptr[6] == m.rowptr[5]); /* "x": nothing left */
	fb_tfidf_matrix_free(&m);
	fb_tfidf_free(t);

	o.max_terms = 2; /* the two in the most texts, ties by first seen */
	fit(&o, texts, 6, &t, &m);
	CHECK(fb_tfidf_nterms(t) == 2);
	CHECK_STR(fb_tfidf_term(t, 0), "password");
	CHECK_STR(fb_tfidf_term(t, 1), "reset");
	fb_tfidf_matrix_free(&m);
	fb_tfidf_free(t);
}

/* The number of the term whose stems are key, or -1. */
static long term(const struct fb_tfidf *t, const char *key)
{
	for (size_t i = 0; i < fb_tfidf_nterms(t); i++)
		if (strcmp(fb_tfidf_term(t, i), key) == 0)
			return (long)i;
	return -1;
}

/* Stop words: single words (never in pairs, never weighing when in every
 * text), or dropped; auto keeps them in one language only. */
static void test_stop_words(void)
{
	static const char *const en[] = {
		"how do I reset my password",
		"how do I track my order",
		"why did you reset my password",
		"why did you cancel my order",
	};
	static const char *const mixed[] = {
		"how do I reset my password",
		"why did you cancel my order",
		"¿cómo cambio mi contraseña?",
		"¿por qué cancelaron mi pedido?",
	};
	struct fb_tfidf_opts o;
	struct fb_tfidf *t;
	struct fb_tfidf_matrix m;
	long how, my, reset;

	fb_tfidf_opts_default(&o);
	o.max_df = 1;
	fit(&o, en, 4, &t, &m);
	CHECK(fb_tfidf_opts(t)->stop_words == 1);
	CHECK_NEAR(fb_tfidf_corpus_share(t), 1, 0);
	how = term(t, "how");
	my = term(t, "my");
	reset = term(t, "reset");
	CHECK(how >= 0 && my >= 0 && reset >= 0);
	CHECK(term(t, "reset password") >= 0);
	CHECK(term(t, "do reset") < 0 && term(t, "my password") < 0);
	CHECK(how >= 0 && fb_tfidf_is_stop(t, (size_t)how));
	CHECK(reset >= 0 && !fb_tfidf_is_stop(t, (size_t)reset));
	/* "my" is in every text: idf 0, so no vector holds it. */
	CHECK_NEAR(fb_tfidf_idf(t, (size_t)my), 0, 0);
	for (size_t j = 0; j < m.rowptr[4]; j++)
		CHECK(m.idx[j] != (uint32_t)my);
	fb_tfidf_matrix_free(&m);
	fb_tfidf_free(t);

	o.stop_words = 0;
	fit(&o, en, 4, &t, &m);
	CHECK(term(t, "how") < 0 && term(t, "reset password") >= 0);
	fb_tfidf_matrix_free(&m);
	fb_tfidf_free(t);

	o.stop_words = FB_TFIDF_STOP_AUTO;
	fit(&o, mixed, 4, &t, &m);
	CHECK_NEAR(fb_tfidf_corpus_share(t), 0.5, 0);
	CHECK(fb_tfidf_opts(t)->stop_words == 0);
	CHECK(term(t, "how") < 0 && term(t, "mi") < 0);
	fb_tfidf_matrix_free(&m);
	fb_tfidf_free(t);
}

/* Texts are read on threads in blocks; the terms are looked up in order
 * after, so 1 or 3 threads give the same vocabulary, numbers and weights,
 * over more texts than a block, in several languages. */
static void test_threads_same_result(void)
{
	static const char *const words[] = {
		"reset",    "password", "the",          "my",     "parcel",       "where", "is",
		"el",       "pedido",   "donde",        "está",   "mon",          "colis", "où",
		"passwort", "mein",     "zurücksetzen", "cancel", "subscription", "how",   "do",
	};
	size_t nw = sizeof words / sizeof words[0], n = 9000, i, j;
	char **texts = fb_xmalloc(n * sizeof *texts);
	size_t *lens = fb_xmalloc(n * sizeof *lens);
	struct fb_tfidf_opts o;
	struct fb_tfidf *t1, *t3;
	struct fb_tfidf_matrix m1, m3;
	uint64_t x = 7;
	int same;

	for (i = 0; i < n; i++) {
		char buf[256] = "";
		for (j = 0; j < 3 + i % 5; j++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			strcat(buf, words[(x >> 33) % nw]);
			strcat(buf, " ");
		}
		texts[i] = fb_xstrdup(buf);
		lens[i] = strlen(buf);
	}
	fb_tfidf_opts_default(&o);
	t1 = fb_tfidf_new(&o);
	fb_tfidf_fit(t1, (const char *const *)texts, lens, n, &m1);
	o.jobs = fb_jobs_new(3);
	t3 = fb_tfidf_new(&o);
	fb_tfidf_fit(t3, (const char *const *)texts, lens, n, &m3);
	fb_jobs_free(o.jobs);
	CHECK(fb_tfidf_nterms(t1) > 20 && fb_tfidf_nterms(t1) == fb_tfidf_nterms(t3));
	same = fb_tfidf_corpus_lang(t1) == fb_tfidf_corpus_lang(t3);
	for (i = 0; same && i < fb_tfidf_nterms(t1); i++)
		same = strcmp(fb_tfidf_term(t1, i), fb_tfidf_term(t3, i)) == 0 &&
		       fb_tfidf_df(t1, i) == fb_tfidf_df(t3, i);
	CHECK(same);
	CHECK(m1.rowptr[n] == m3.rowptr[n]);
	CHECK(memcmp(m1.rowptr, m3.rowptr, (n + 1) * sizeof *m1.rowptr) == 0);
	CHECK(memcmp(m1.idx, m3.idx, m1.rowptr[n] * sizeof *m1.idx) == 0);
	CHECK(memcmp(m1.val, m3.val, m1.rowptr[n] * sizeof *m1.val) == 0);
	fb_tfidf_matrix_free(&m1);
	fb_tfidf_matrix_free(&m3);
	fb_tfidf_free(t1);
	fb_tfidf_free(t3);
	for (i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(lens);
}

int main(void)
{
	fb_alloc_init("t_tfidf");
	RUN(test_weights);
	RUN(test_terms);
	RUN(test_stop_words);
	RUN(test_threads_same_result);
	return CHECK_DONE();
}
