/* Unit tests of lib/fb_cluster_auto: the silhouette on hand-checked
 * points, and the choice of k on well-separated groups. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_cluster_auto.h"

/* A matrix of n dense rows of d values each (already unit vectors). */
static void dense(struct fb_tfidf_matrix *m, const float *v, size_t n, size_t d)
{
	size_t i, j;

	m->nrows = n;
	m->ncols = d;
	m->rowptr = fb_xmalloc((n + 1) * sizeof *m->rowptr);
	m->idx = fb_xmalloc((n * d + 1) * sizeof *m->idx);
	m->val = fb_xmalloc((n * d + 1) * sizeof *m->val);
	for (i = 0; i <= n; i++)
		m->rowptr[i] = i * d;
	for (i = 0; i < n; i++)
		for (j = 0; j < d; j++) {
			m->idx[i * d + j] = (uint32_t)j;
			m->val[i * d + j] = v[i * d + j];
		}
}

static void test_silhouette(void)
{
	/* Two points along x, two along y: distances 0 within, 1 across. */
	static const float v[] = { 1, 0, 1, 0, 0, 1, 0, 1 };
	static const size_t rows[] = { 0, 1, 2, 3 };
	static const int32_t good[] = { 0, 0, 1, 1 }, bad[] = { 0, 1, 0, 1 },
	                     one[] = { 0, 0, 0, 0 }, alone[] = { 0, 0, 1, -1 };
	struct fb_tfidf_matrix m;

	dense(&m, v, 4, 2);
	/* a = 0, b = 1: s = 1 for each. */
	CHECK_NEAR(fb_cluster_auto_silhouette(&m, rows, 4, good), 1, 1e-12);
	/* Row 0: a = d(0, 2) = 1, b = mean of d(0, 1) = 0 and d(0, 3) = 1,
	 * 0.5: s = (0.5 - 1) / 1 = -0.5; the same for each. */
	CHECK_NEAR(fb_cluster_auto_silhouette(&m, rows, 4, bad), -0.5, 1e-12);
	/* One cluster: no silhouette. */
	CHECK_NEAR(fb_cluster_auto_silhouette(&m, rows, 4, one), 0, 0);
	/* Row 3 left out; row 2 alone in its cluster counts 0; rows 0 and 1
	 * have a = 0, b = d(., 2) = 1: (1 + 1 + 0) / 3. */
	CHECK_NEAR(fb_cluster_auto_silhouette(&m, rows, 4, alone), 2.0 / 3, 1e-12);
	fb_tfidf_matrix_free(&m);
}

static void test_choose(void)
{
	/* Three groups of five near the three axes. */
	float v[15 * 3];
	struct fb_tfidf_matrix m;
	struct fb_cluster_auto_opts o;
	struct fb_cluster_auto a, b;
	size_t i, g, j;
	float e, n;

	for (i = 0; i < 15; i++) {
		g = i / 5;
		e = 0.05f * (float)(i % 5);
		for (j = 0; j < 3; j++)
			v[i * 3 + j] = j == g ? 1 : e * (float)(j + 1) / 3;
		n = 0;
		for (j = 0; j < 3; j++)
			n += v[i * 3 + j] * v[i * 3 + j];
		for (j = 0; j < 3; j++)
			v[i * 3 + j] /= sqrtf(n);
	}
	dense(&m, v, 15, 3);
	fb_cluster_auto_opts_default(&o);
	o.kmax = 8;
	CHECK(fb_cluster_auto_choose(&m, &o, &a, NULL) == 0);
	CHECK(a.k == 3);
	CHECK(a.sample == 15 && a.fit_rows == 15);
	/* The grid 2, 3, 5 (4.5 rounded), 7 (6.75), and 8; then 4 and 6 around
	 * 5 are not needed: 3 has neighbours 2 and 5, 5 - 3 > max(1, 3/20),
	 * so 4 is tried; 3 - 2 is 1: done. */
	CHECK(a.nsteps == 6);
	CHECK(a.steps[0].k == 2 && a.steps[1].k == 3 && a.steps[2].k == 5);
	CHECK(a.steps[3].k == 7 && a.steps[4].k == 8 && a.steps[5].k == 4);
	for (i = 0; i < a.nsteps; i++)
		CHECK(a.steps[i].k == 3 || a.steps[i].silhouette < a.steps[1].silhouette);
	/* Deterministic. */
	CHECK(fb_cluster_auto_choose(&m, &o, &b, NULL) == 0);
	CHECK(b.nsteps == a.nsteps && memcmp(a.steps, b.steps, a.nsteps * sizeof *a.steps) == 0);
	fb_cluster_auto_free(&b);
	fb_cluster_auto_free(&a);
	/* A range of one. */
	o.kmin = 5;
	o.kmax = 5;
	CHECK(fb_cluster_auto_choose(&m, &o, &a, NULL) == 0);
	CHECK(a.k == 5 && a.nsteps == 1);
	fb_cluster_auto_free(&a);
	/* Default range: 2 sqrt(15) = 7.7, 8. */
	CHECK(fb_cluster_auto_kmax(15) == 8);
	CHECK(fb_cluster_auto_kmax(1) == 2);
	CHECK(fb_cluster_auto_kmax(22500) == 300);
	CHECK(fb_cluster_auto_kmax(400) == 40);
	fb_tfidf_matrix_free(&m);
}

static void test_too_few(void)
{
	static const float v[] = { 1, 0 };
	struct fb_tfidf_matrix m;
	struct fb_cluster_auto_opts o;
	struct fb_cluster_auto a;
	struct fb_error err;

	dense(&m, v, 1, 2);
	fb_cluster_auto_opts_default(&o);
	CHECK(fb_cluster_auto_choose(&m, &o, &a, &err) == -1);
	CHECK_STR(err.text, "fewer than two texts have a term in the vocabulary");
	fb_tfidf_matrix_free(&m);
}

int main(void)
{
	fb_alloc_init("t_cluster_auto");
	RUN(test_silhouette);
	RUN(test_choose);
	RUN(test_too_few);
	return CHECK_DONE();
}
