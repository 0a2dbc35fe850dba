#include "fb_cluster_auto.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_cluster_sample.h"

void fb_cluster_auto_opts_default(struct fb_cluster_auto_opts *o)
{
	o->kmin = 2;
	o->kmax = 0;
	o->sample = 2000;
	o->fit_rows = 20000;
	fb_cluster_opts_default(&o->cluster);
}

size_t fb_cluster_auto_kmax(size_t nrows)
{
	double k = floor(2 * sqrt((double)nrows) + 0.5);

	return k < 2 ? 2 : k > 300 ? 300 : (size_t)k;
}

/* The cosine similarities of the sampled rows, n × n, row-major. */
static float *similarities(const struct fb_tfidf_matrix *m, const size_t *rows, size_t n)
{
	float *s = fb_xmalloc((n * n + 1) * sizeof *s), *dense;
	size_t i, j, p;
	double d;

	dense = fb_xcalloc(m->ncols + 1, sizeof *dense);
	for (i = 0; i < n; i++) {
		for (p = m->rowptr[rows[i]]; p < m->rowptr[rows[i] + 1]; p++)
			dense[m->idx[p]] = m->val[p];
		for (j = 0; j < n; j++) {
			d = 0;
			for (p = m->rowptr[rows[j]]; p < m->rowptr[rows[j] + 1]; p++)
				d += (double)m->val[p] * dense[m->idx[p]];
			s[i * n + j] = (float)d;
		}
		for (p = m->rowptr[rows[i]]; p < m->rowptr[rows[i] + 1]; p++)
			dense[m->idx[p]] = 0;
	}
	free(dense);
	return s;
}

/* The mean silhouette from the similarities sim (n × n) and the clusters
 * lab[0..n) in [0, k) or -1. */
static double silhouette(const float *sim, size_t n, const int32_t *lab, size_t k)
{
	double *sum = fb_xmalloc((k + 1) * sizeof *sum), total = 0, a, b, d;
	size_t *cnt = fb_xmalloc((k + 1) * sizeof *cnt), i, j, c, used = 0, present = 0;

	memset(cnt, 0, (k + 1) * sizeof *cnt);
	for (i = 0; i < n; i++)
		if (lab[i] >= 0 && cnt[lab[i]]++ == 0)
			present++;
	if (present < 2)
		goto out;
	for (i = 0; i < n; i++) {
		if (lab[i] < 0)
			continue;
		used++;
		if (cnt[lab[i]] < 2)
			continue; /* alone in its cluster: s = 0 */
		memset(sum, 0, (k + 1) * sizeof *sum);
		for (j = 0; j < n; j++) {
			if (j == i || lab[j] < 0)
				continue;
			d = 1 - (double)sim[i * n + j];
			sum[lab[j]] += d < 0 ? 0 : d;
		}
		a = sum[lab[i]] / (double)(cnt[lab[i]] - 1);
		b = INFINITY;
		for (c = 0; c < k; c++)
			if (c != (size_t)lab[i] && cnt[c] > 0 && sum[c] / (double)cnt[c] < b)
				b = sum[c] / (double)cnt[c];
		if (a > 0 || b > 0)
			total += (b - a) / (a > b ? a : b);
	}
out:
	free(sum);
	free(cnt);
	return used ? total / (double)used : 0;
}

/* The clusters of the rows, -1 for rows outside [0, k). */
static size_t max_label(const int32_t *assign, const size_t *rows, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (assign[rows[i]] >= 0 && (size_t)assign[rows[i]] + 1 > k)
			k = (size_t)assign[rows[i]] + 1;
	return k;
}

double fb_cluster_auto_silhouette(const struct fb_tfidf_matrix *m, const size_t *rows, size_t n,
                                  const int32_t *assign)
{
	float *sim = similarities(m, rows, n);
	int32_t *lab = fb_xmalloc((n + 1) * sizeof *lab);
	size_t i;
	double s;

	for (i = 0; i < n; i++)
		lab[i] = assign[rows[i]];
	s = silhouette(sim, n, lab, max_label(assign, rows, n));
	free(lab);
	free(sim);
	return s;
}

struct state {
	const struct fb_tfidf_matrix *m;
	const struct fb_cluster_auto_opts *o;
	struct fb_cluster_auto *a;
	const float *sim;
	const size_t *rows;
	size_t n;
	int32_t *lab;
};

/* The silhouette of k, evaluated once. */
static double score(struct state *st, size_t k)
{
	struct fb_cluster_opts co = st->o->cluster;
	struct fb_cluster_result r;
	size_t i;
	double s;

	for (i = 0; i < st->a->nsteps; i++)
		if (st->a->steps[i].k == k)
			return st->a->steps[i].silhouette;
	co.k = k;
	co.restarts = 1;
	if (fb_cluster_kmeans(st->m, &co, &r, NULL) < 0)
		return 0;
	for (i = 0; i < st->n; i++)
		st->lab[i] = r.assign[st->rows[i]];
	s = silhouette(st->sim, st->n, st->lab, r.k);
	fb_cluster_result_free(&r);
	st->a->steps = fb_xrealloc(st->a->steps, (st->a->nsteps + 1) * sizeof *st->a->steps);
	st->a->steps[st->a->nsteps].k = k;
	st->a->steps[st->a->nsteps].silhouette = s;
	st->a->nsteps++;
	return s;
}

static int cmp_step(const void *x, const void *y)
{
	const struct fb_cluster_auto_step *p = x, *q = y;

	return (p->k > q->k) - (p->k < q->k);
}

/* The index of the best of the steps evaluated so far, sorted by k into
 * sorted[0..n). */
static size_t best_of(const struct fb_cluster_auto *a, struct fb_cluster_auto_step *sorted)
{
	size_t i, b = 0;

	memcpy(sorted, a->steps, a->nsteps * sizeof *sorted);
	qsort(sorted, a->nsteps, sizeof *sorted, cmp_step);
	for (i = 1; i < a->nsteps; i++)
		if (sorted[i].silhouette > sorted[b].silhouette)
			b = i;
	return b;
}

/* The rows rows[0..n) of m as a matrix of their own, into z. */
static void submatrix(const struct fb_tfidf_matrix *m, const size_t *rows, size_t n,
                      struct fb_tfidf_matrix *z)
{
	size_t i, nnz = 0, a, len;

	for (i = 0; i < n; i++)
		nnz += m->rowptr[rows[i] + 1] - m->rowptr[rows[i]];
	z->nrows = n;
	z->ncols = m->ncols;
	z->rowptr = fb_xmalloc((n + 1) * sizeof *z->rowptr);
	z->idx = fb_xmalloc((nnz + 1) * sizeof *z->idx);
	z->val = fb_xmalloc((nnz + 1) * sizeof *z->val);
	z->rowptr[0] = 0;
	for (i = 0; i < n; i++) {
		a = m->rowptr[rows[i]];
		len = m->rowptr[rows[i] + 1] - a;
		memcpy(z->idx + z->rowptr[i], m->idx + a, len * sizeof *z->idx);
		memcpy(z->val + z->rowptr[i], m->val + a, len * sizeof *z->val);
		z->rowptr[i + 1] = z->rowptr[i] + len;
	}
}

int fb_cluster_auto_choose(const struct fb_tfidf_matrix *m, const struct fb_cluster_auto_opts *o,
                           struct fb_cluster_auto *a, struct fb_error *err)
{
	struct state st = { NULL, o, a, NULL, NULL, 0, NULL };
	struct fb_cluster_auto_step *sorted = NULL;
	struct fb_tfidf_matrix sub;
	size_t *rows = fb_xmalloc((m->nrows + 1) * sizeof *rows), *pick;
	size_t i, nne = 0, nfit, kmin, kmax, k, b, lo, hi, tol;
	double x;

	memset(a, 0, sizeof *a);
	for (i = 0; i < m->nrows; i++)
		if (m->rowptr[i + 1] > m->rowptr[i])
			rows[nne++] = i;
	if (nne < 2) {
		free(rows);
		fb_error_set(err, 0, 0, "fewer than two texts have a term in the vocabulary");
		return -1;
	}
	kmax = o->kmax ? o->kmax : fb_cluster_auto_kmax(nne);
	/* The runs: on a sample of the non-empty rows, when there are many. */
	pick = fb_xmalloc((nne + 1) * sizeof *pick);
	nfit = fb_cluster_sample_rows(nne, o->fit_rows ? o->fit_rows : nne, o->cluster.seed, pick);
	for (i = 0; i < nfit; i++)
		pick[i] = rows[pick[i]];
	submatrix(m, pick, nfit, &sub);
	st.m = &sub;
	kmax = kmax < nfit ? kmax : nfit;
	kmin = o->kmin < 2 ? 2 : o->kmin;
	kmin = kmin < kmax ? kmin : kmax;
	/* The silhouettes: on a sample of those. */
	st.n = fb_cluster_sample_rows(nfit, o->sample ? o->sample : 1, o->cluster.seed + 1, rows);
	st.rows = rows;
	st.sim = similarities(&sub, rows, st.n);
	st.lab = fb_xmalloc((st.n + 1) * sizeof *st.lab);
	a->sample = st.n;
	a->fit_rows = nfit;
	/* The grid: each about 1.5 times the one before. */
	for (x = (double)kmin;; x *= 1.5) {
		k = (size_t)floor(x + 0.5);
		if (k >= kmax)
			break;
		score(&st, k);
	}
	score(&st, kmax);
	/* The refinement: halve the gaps around the best. */
	for (;;) {
		sorted = fb_xrealloc(sorted, a->nsteps * sizeof *sorted);
		b = best_of(a, sorted);
		k = sorted[b].k;
		tol = k / 20 > 1 ? k / 20 : 1;
		lo = b > 0 ? sorted[b - 1].k : k;
		hi = b + 1 < a->nsteps ? sorted[b + 1].k : k;
		if (k - lo <= tol && hi - k <= tol)
			break;
		if (k - lo > tol)
			score(&st, lo + (k - lo) / 2);
		if (hi - k > tol)
			score(&st, k + (hi - k + 1) / 2);
	}
	a->k = k;
	free(sorted);
	free(st.lab);
	free((void *)st.sim);
	fb_tfidf_matrix_free(&sub);
	free(pick);
	free(rows);
	return 0;
}

void fb_cluster_auto_free(struct fb_cluster_auto *a)
{
	free(a->steps);
	memset(a, 0, sizeof *a);
}
