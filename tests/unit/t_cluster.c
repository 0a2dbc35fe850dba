/* Unit tests of lib/fb_cluster: spherical k-means on inputs small enough to
 * check by hand, determinism, labels. */
#include <math.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_cluster.h"

/* Four unit vectors in the plane: two near x, two near y. */
static void test_kmeans_plane(void)
{
	size_t rowptr[] = { 0, 1, 3, 4, 6, 6 };
	uint32_t idx[] = { 0, 0, 1, 1, 0, 1 };
	float val[] = { 1, 0.8f, 0.6f, 1, 0.6f, 0.8f };
	struct fb_tfidf_matrix m = { 5, 2, rowptr, idx, val };
	struct fb_cluster_opts o;
	struct fb_cluster_result r;
	float sims[2];
	uint32_t q[] = { 1 };
	float w[] = { 1 };

	fb_cluster_opts_default(&o);
	o.k = 2;
	CHECK(fb_cluster_kmeans(&m, &o, &r, NULL) == 0);
	CHECK(r.k == 2);
	CHECK(r.assign[0] == 0 && r.assign[1] == 0 && r.assign[2] == 1 && r.assign[3] == 1);
	CHECK(r.assign[4] == -1); /* the empty row */
	CHECK(r.size[0] == 2 && r.size[1] == 2);
	/* Centroid 0 is (0.9, 0.3) / |(0.9, 0.3)|. */
	CHECK_NEAR(r.centroid[0 * 2 + 0], 0.9486832980505139, 1e-6);
	CHECK_NEAR(r.sim[0], 0.9486832980505139, 1e-6);
	CHECK_NEAR(r.objective, 4 * 0.9486832980505139, 1e-5);
	CHECK(fb_cluster_nearest(&r, q, w, 1, sims) == 1);
	CHECK_NEAR(sims[0], 0.3162277660168379, 1e-6);
	CHECK(fb_cluster_nearest(&r, q, w, 0, sims) == -1);
	fb_cluster_result_free(&r);

	/* More clusters than rows: one per row. */
	o.k = 9;
	CHECK(fb_cluster_kmeans(&m, &o, &r, NULL) == 0);
	CHECK(r.k == 4);
	CHECK_NEAR(r.objective, 4, 1e-6);
	fb_cluster_result_free(&r);
}

static void test_empty(void)
{
	size_t rowptr[] = { 0, 0 };
	struct fb_tfidf_matrix m = { 1, 3, rowptr, NULL, NULL };
	struct fb_cluster_opts o;
	struct fb_cluster_result r;
	struct fb_error err;

	fb_cluster_opts_default(&o);
	CHECK(fb_cluster_kmeans(&m, &o, &r, &err) == -1);
	CHECK_STR(err.text, "no text has a term in the vocabulary");
}

/* Texts of three intents, in a mixed order. */
static const char *const texts[] = {
	"reset my password",          "track my parcel",        "cancel my subscription",
	"password reset not working", "where is my parcel",     "cancel the subscription now",
	"forgot password reset link", "parcel tracking number", "how to cancel subscription",
	"password reset email",       "track parcel delivery",  "subscription cancel refund",
};

static void fit(uint64_t seed, struct fb_tfidf **t, struct fb_tfidf_matrix *m,
                struct fb_cluster_result *r)
{
	struct fb_tfidf_opts to;
	struct fb_cluster_opts co;
	size_t lens[12], i;

	for (i = 0; i < 12; i++)
		lens[i] = strlen(texts[i]);
	fb_tfidf_opts_default(&to);
	to.max_df = 0.9;
	*t = fb_tfidf_new(&to);
	fb_tfidf_fit(*t, texts, lens, 12, m);
	fb_cluster_opts_default(&co);
	co.k = 3;
	co.seed = seed;
	CHECK(fb_cluster_kmeans(m, &co, r, NULL) == 0);
}

static void test_intents_and_labels(void)
{
	struct fb_tfidf *t, *t2;
	struct fb_tfidf_matrix m, m2;
	struct fb_cluster_result r, r2;
	uint32_t top[3 * 3];
	size_t order[12], i;
	int same = 1;

	fit(1, &t, &m, &r);
	/* Rows i, i + 3, i + 6, i + 9 are one intent; the largest is first,
	 * and sizes tie, so the intent of row 0 is 0. */
	for (i = 0; i < 12; i++)
		CHECK(r.assign[i] == (int32_t)(i % 3));
	fb_cluster_terms(&m, t, r.assign, r.k, 3, top);
	/* In all four texts of intent 0: "password" and "reset"; then the
	 * pair "password reset" (in three) says nothing new and is passed
	 * over, and no other term is in two texts. */
	CHECK_STR(fb_tfidf_term(t, top[0]), "password");
	CHECK_STR(fb_tfidf_term(t, top[1]), "reset");
	CHECK(top[2] == UINT32_MAX);
	CHECK_STR(fb_tfidf_term(t, top[3]), "parcel");
	fb_cluster_order(12, r.assign, r.sim, order);
	CHECK(r.assign[order[0]] == 0 && r.assign[order[11]] == 2);
	for (i = 1; i < 4; i++)
		CHECK(r.sim[order[i]] <= r.sim[order[i - 1]]);

	/* The same seed, the same bits. */
	fit(1, &t2, &m2, &r2);
	same = memcmp(r.centroid, r2.centroid, r.dim * r.k * sizeof *r.centroid) == 0 &&
	       memcmp(r.sim, r2.sim, 12 * sizeof *r.sim) == 0;
	CHECK(same);
	fb_cluster_result_free(&r2);
	fb_tfidf_matrix_free(&m2);
	fb_tfidf_free(t2);
	fb_cluster_result_free(&r);
	fb_tfidf_matrix_free(&m);
	fb_tfidf_free(t);
}

/* The similarities, blocked or not, are the float sums of a plain loop
 * over the pairs in order, bit for bit, for k below, at and above a block. */
static void test_similarities(void)
{
	static const size_t ks[] = { 1, 63, 64, 150, 200 };
	uint32_t idx[7] = { 0, 3, 4, 9, 10, 17, 19 };
	float val[7], c[20 * 200], sims[200], want[200];
	uint64_t x = 99;
	int same = 1;

	for (size_t i = 0; i < 20 * 200; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		c[i] = (float)((double)(x >> 40) / (double)(1 << 24)) - 0.5f;
	}
	for (size_t j = 0; j < 7; j++)
		val[j] = 0.1f * (float)(j + 1);
	for (size_t t = 0; t < sizeof ks / sizeof ks[0]; t++) {
		size_t k = ks[t];
		for (size_t q = 0; q < k; q++) {
			want[q] = 0;
			for (size_t j = 0; j < 7; j++)
				want[q] += val[j] * c[idx[j] * k + q];
		}
		fb_cluster_similarities(c, k, idx, val, 7, sims);
		same &= memcmp(sims, want, k * sizeof *sims) == 0;
	}
	CHECK(same);
}

/* Rows of 3 to 8 terms of 300, drawn around 30 topics, unit length. */
static void random_rows(size_t n, struct fb_tfidf_matrix *m)
{
	uint64_t x = 12345;
	size_t i, j, nnz, topic;

	m->nrows = n;
	m->ncols = 300;
	m->rowptr = fb_xmalloc((n + 1) * sizeof *m->rowptr);
	m->idx = fb_xmalloc(n * 8 * sizeof *m->idx);
	m->val = fb_xmalloc(n * 8 * sizeof *m->val);
	m->rowptr[0] = 0;
	for (i = 0; i < n; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		topic = (x >> 33) % 30;
		nnz = 3 + (x >> 40) % 6;
		for (j = 0; j < nnz; j++) {
			m->idx[m->rowptr[i] + j] = (uint32_t)(topic * 10 + j);
			m->val[m->rowptr[i] + j] = 1 / sqrtf((float)nnz);
		}
		/* One term of another topic, in the place of the last. */
		m->idx[m->rowptr[i] + nnz - 1] = (uint32_t)(((x >> 20) % 30) * 10 + 9);
		if (m->idx[m->rowptr[i] + nnz - 1] <= m->idx[m->rowptr[i] + nnz - 2])
			nnz--;
		m->rowptr[i + 1] = m->rowptr[i] + nnz;
	}
}

/* Threads score rows and weigh candidates; the sums are updated in row
 * order after, so 1, 2 or 5 threads give the same bits. */
static void test_threads_same_result(void)
{
	struct fb_tfidf_matrix m;
	struct fb_cluster_opts o;
	struct fb_cluster_result r1, r;
	int threads[] = { 2, 5 };

	random_rows(12000, &m);
	fb_cluster_opts_default(&o);
	o.k = 40;
	CHECK(fb_cluster_kmeans(&m, &o, &r1, NULL) == 0);
	CHECK(r1.k == 40);
	for (size_t t = 0; t < 2; t++) {
		o.jobs = fb_jobs_new((size_t)threads[t]);
		CHECK(fb_cluster_kmeans(&m, &o, &r, NULL) == 0);
		fb_jobs_free(o.jobs);
		CHECK(r.objective == r1.objective);
		CHECK(memcmp(r.assign, r1.assign, m.nrows * sizeof *r.assign) == 0);
		CHECK(memcmp(r.sim, r1.sim, m.nrows * sizeof *r.sim) == 0);
		CHECK(memcmp(r.centroid, r1.centroid, r.dim * r.k * sizeof *r.centroid) == 0);
		fb_cluster_result_free(&r);
	}
	fb_cluster_result_free(&r1);
	fb_tfidf_matrix_free(&m);
}

int main(void)
{
	fb_alloc_init("t_cluster");
	RUN(test_kmeans_plane);
	RUN(test_empty);
	RUN(test_intents_and_labels);
	RUN(test_threads_same_result);
	RUN(test_similarities);
	return CHECK_DONE();
}
