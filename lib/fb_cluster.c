/* Nearest centroids, labels and the order of rows, over the result of
 * fb_cluster_kmeans() (lib/fb_cluster_kmeans.c). */
#include "fb_cluster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_parallel.h"

#define NONE UINT32_MAX

#if defined(__GNUC__)
/* Eight floats, as one AVX register; loaded from any float's address,
 * as the intrinsics' types are. */
typedef float lanes8 __attribute__((vector_size(32), aligned(4), may_alias));
#define BLOCK 64 /* clusters summed at a time, in eight lanes8 */

/* The similarities to clusters q .. q + BLOCK, kept in registers over the
 * vector's terms instead of going to memory and back for each. */
FB_SIMD_CLONES
static void block_sims(const float *centroid, size_t k, const uint32_t *idx, const float *val,
                       size_t n, size_t q, float *sims)
{
	lanes8 acc[BLOCK / 8] = { { 0 } };
	size_t j, x;

	for (j = 0; j < n; j++) {
		const lanes8 *ct = (const lanes8 *)(centroid + (size_t)idx[j] * k + q);
		for (x = 0; x < BLOCK / 8; x++)
			acc[x] += val[j] * ct[x];
	}
	memcpy(sims + q, acc, sizeof acc);
}
#else
#define BLOCK 0
#endif

/* The rest of the clusters, q .. k, through memory. */
FB_SIMD_CLONES
static void rest_sims(const float *centroid, size_t k, const uint32_t *idx, const float *val,
                      size_t n, size_t q, float *restrict sims)
{
	size_t j, x;

	for (x = q; x < k; x++)
		sims[x] = 0;
	for (j = 0; j < n; j++) {
		const float *restrict ct = centroid + (size_t)idx[j] * k;
		for (x = q; x < k; x++)
			sims[x] += val[j] * ct[x];
	}
}

void fb_cluster_similarities(const float *centroid, size_t k, const uint32_t *idx, const float *val,
                             size_t n, float *sims)
{
	size_t q = 0;

#if BLOCK
	for (; q + BLOCK <= k; q += BLOCK)
		block_sims(centroid, k, idx, val, n, q, sims);
#endif
	rest_sims(centroid, k, idx, val, n, q, sims);
}

int fb_cluster_nearest(const struct fb_cluster_result *r, const uint32_t *idx, const float *val,
                       size_t n, float *sims)
{
	size_t q, best = 0;

	fb_cluster_similarities(r->centroid, r->k, idx, val, n, sims);
	if (n == 0)
		return -1;
	for (q = 1; q < r->k; q++)
		if (sims[q] > sims[best])
			best = q;
	return (int)best;
}

struct scored {
	double w;
	uint32_t t;
};

static int cmp_scored(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	return (x->t > y->t) - (x->t < y->t);
}

/* Whether the word w (len bytes) is one of the two words of pair p. */
static int in_pair(const char *p, const char *w, size_t len)
{
	const char *sp = strchr(p, ' ');

	if (!sp)
		return 0;
	return ((size_t)(sp - p) == len && memcmp(p, w, len) == 0) || strcmp(sp + 1, w) == 0;
}

/* Whether term cand says nothing the terms chosen so far did not. */
static int redundant(const struct fb_tfidf *t, const uint32_t *chosen, size_t n, uint32_t cand)
{
	const char *c = fb_tfidf_term(t, cand), *sp = strchr(c, ' '), *o;
	int first = 0, second = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		o = fb_tfidf_term(t, chosen[i]);
		if (!sp && in_pair(o, c, strlen(c)))
			return 1;
		if (sp && !strchr(o, ' ')) {
			first |= (size_t)(sp - c) == strlen(o) && memcmp(c, o, strlen(o)) == 0;
			second |= strcmp(sp + 1, o) == 0;
		}
	}
	return first && second;
}

void fb_cluster_terms(const struct fb_tfidf_matrix *m, const struct fb_tfidf *t,
                      const int32_t *assign, size_t k, size_t ntop, uint32_t *top)
{
	size_t dim = m->ncols, i, j, q, n, used = 0, nsc;
	uint32_t *dfc = fb_xcalloc(dim * k + 1, sizeof *dfc);
	size_t *df = fb_xcalloc(dim + 1, sizeof *df), *nc = fb_xcalloc(k + 1, sizeof *nc);
	struct scored *sc = fb_xmalloc((dim + 1) * sizeof *sc);
	double mean;

	for (i = 0; i < m->nrows; i++) {
		if (assign[i] < 0)
			continue;
		used++;
		nc[assign[i]]++;
		for (j = m->rowptr[i]; j < m->rowptr[i + 1]; j++) {
			dfc[(size_t)assign[i] * dim + m->idx[j]]++;
			df[m->idx[j]]++;
		}
	}
	mean = k ? (double)used / (double)k : 0;
	for (q = 0; q < k; q++) {
		for (j = 0; j < ntop; j++)
			top[q * ntop + j] = NONE;
		for (j = 0, nsc = 0; j < dim && nc[q] > 0; j++)
			if (dfc[q * dim + j] > 0 && !fb_tfidf_is_stop(t, j)) {
				sc[nsc].w = (double)dfc[q * dim + j] / (double)nc[q] *
				            log(1 + mean / (double)df[j]);
				sc[nsc++].t = (uint32_t)j;
			}
		qsort(sc, nsc, sizeof *sc, cmp_scored);
		for (j = 0, n = 0; j < nsc && n < ntop; j++)
			if (!redundant(t, top + q * ntop, n, sc[j].t))
				top[q * ntop + n++] = sc[j].t;
	}
	free(dfc);
	free(df);
	free(nc);
	free(sc);
}

struct ordered {
	int32_t c;
	float sim;
	size_t row;
};

static int cmp_ordered(const void *a, const void *b)
{
	const struct ordered *x = a, *y = b;

	if (x->c != y->c) {
		if (x->c < 0 || y->c < 0)
			return x->c < 0 ? 1 : -1;
		return x->c < y->c ? -1 : 1;
	}
	if (x->sim != y->sim)
		return x->sim > y->sim ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

void fb_cluster_order(size_t nrows, const int32_t *assign, const float *sim, size_t *order)
{
	struct ordered *o = fb_xmalloc((nrows + 1) * sizeof *o);
	size_t i;

	for (i = 0; i < nrows; i++) {
		o[i].c = assign[i];
		o[i].sim = sim[i];
		o[i].row = i;
	}
	qsort(o, nrows, sizeof *o, cmp_ordered);
	for (i = 0; i < nrows; i++)
		order[i] = o[i].row;
	free(o);
}

void fb_cluster_result_free(struct fb_cluster_result *r)
{
	free(r->centroid);
	free(r->assign);
	free(r->sim);
	free(r->size);
	memset(r, 0, sizeof *r);
}
