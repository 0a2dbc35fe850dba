#include "fb_cluster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"

#define NONE UINT32_MAX

void fb_cluster_opts_default(struct fb_cluster_opts *o)
{
	o->k = 10;
	o->restarts = 3;
	o->max_iter = 100;
	o->seed = 1;
}

/* splitmix64 (Steele, Lea and Flood 2014): small, fast and the same on
 * every platform; this is picking rows, not drawing from a distribution,
 * so GSL's generators are not needed here. */
static uint64_t next_u64(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static double next_unit(uint64_t *s)
{
	return (double)(next_u64(s) >> 11) * 0x1.0p-53;
}

struct work {
	const struct fb_tfidf_matrix *m;
	size_t k, dim;
	size_t *rows; /* the non-empty rows */
	size_t nrows;
	float *c;      /* dim × k centroids */
	double *sum;   /* dim × k sums */
	float *scores; /* k */
	float *dense;  /* dim: a candidate centre */
	double *dist;  /* per non-empty row: 1 − cos to the nearest centre */
	double *trial; /* per non-empty row */
};

/* Similarities of row i to all k centroids, into s; returns the best. */
static int score_row(const struct work *w, const float *c, size_t k, size_t row, float *s)
{
	const struct fb_tfidf_matrix *m = w->m;
	size_t j, q, best = 0;
	const float *ct;
	float v;

	for (q = 0; q < k; q++)
		s[q] = 0;
	for (j = m->rowptr[row]; j < m->rowptr[row + 1]; j++) {
		ct = c + (size_t)m->idx[j] * k;
		v = m->val[j];
		for (q = 0; q < k; q++)
			s[q] += v * ct[q];
	}
	for (q = 1; q < k; q++)
		if (s[q] > s[best])
			best = q;
	return (int)best;
}

static double dot_dense(const struct fb_tfidf_matrix *m, size_t row, const float *dense)
{
	double d = 0;
	size_t j;

	for (j = m->rowptr[row]; j < m->rowptr[row + 1]; j++)
		d += (double)m->val[j] * dense[m->idx[j]];
	return d;
}

static void set_dense(const struct fb_tfidf_matrix *m, size_t row, float *dense, float value)
{
	size_t j;

	for (j = m->rowptr[row]; j < m->rowptr[row + 1]; j++)
		dense[m->idx[j]] = value ? m->val[j] : 0;
}

/* Greedy k-means++: centre q is the candidate, of 2 + ln k drawn, that
 * leaves the smallest total distance. */
static void seed_centres(struct work *w, uint64_t *rng)
{
	size_t ncand = 2 + (size_t)log((double)w->k), q, i, t, best_i = 0, cand;
	double total, best_total, r, acc, d;

	memset(w->c, 0, w->dim * w->k * sizeof *w->c);
	for (q = 0; q < w->k; q++) {
		if (q == 0) {
			best_i = (size_t)(next_unit(rng) * (double)w->nrows);
		} else {
			total = 0;
			for (i = 0; i < w->nrows; i++)
				total += w->dist[i];
			best_total = INFINITY;
			for (t = 0; t < ncand; t++) {
				r = next_unit(rng) * total;
				for (cand = 0, acc = 0; cand + 1 < w->nrows; cand++) {
					acc += w->dist[cand];
					if (acc > r)
						break;
				}
				set_dense(w->m, w->rows[cand], w->dense, 1);
				acc = 0;
				for (i = 0; i < w->nrows; i++) {
					d = 1 - dot_dense(w->m, w->rows[i], w->dense);
					w->trial[i] = d < w->dist[i] ? d : w->dist[i];
					acc += w->trial[i];
				}
				set_dense(w->m, w->rows[cand], w->dense, 0);
				if (acc < best_total) {
					best_total = acc;
					best_i = cand;
				}
			}
		}
		set_dense(w->m, w->rows[best_i], w->dense, 1);
		for (i = 0; i < w->nrows; i++) {
			d = 1 - dot_dense(w->m, w->rows[i], w->dense);
			if (d < 0)
				d = 0;
			if (q == 0 || d < w->dist[i])
				w->dist[i] = d;
		}
		for (i = w->m->rowptr[w->rows[best_i]]; i < w->m->rowptr[w->rows[best_i] + 1]; i++)
			w->c[(size_t)w->m->idx[i] * w->k + q] = w->m->val[i];
		set_dense(w->m, w->rows[best_i], w->dense, 0);
	}
}

/* One k-means run from seeded centres. Returns the number of rounds. */
static int lloyd(struct work *w, int max_iter, int32_t *assign, float *sim, size_t *size,
                 double *objective)
{
	const struct fb_tfidf_matrix *m = w->m;
	size_t i, j, q, t, row, worst;
	int it, changed, b;
	double norm, obj = 0;
	float *col;

	for (i = 0; i < w->nrows; i++)
		assign[w->rows[i]] = -1;
	for (it = 0;; it++) {
		changed = 0;
		obj = 0;
		memset(size, 0, w->k * sizeof *size);
		for (i = 0; i < w->nrows; i++) {
			row = w->rows[i];
			b = score_row(w, w->c, w->k, row, w->scores);
			changed += assign[row] != b;
			assign[row] = b;
			sim[row] = w->scores[b];
			obj += sim[row];
			size[b]++;
		}
		if (!changed || it + 1 >= max_iter)
			break;
		/* An empty cluster takes the row that fits its own worst. */
		for (q = 0; q < w->k; q++) {
			if (size[q] > 0)
				continue;
			worst = SIZE_MAX;
			for (i = 0; i < w->nrows; i++)
				if (size[assign[w->rows[i]]] > 1 &&
				    (worst == SIZE_MAX || sim[w->rows[i]] < sim[w->rows[worst]]))
					worst = i;
			if (worst == SIZE_MAX)
				continue;
			row = w->rows[worst];
			size[assign[row]]--;
			obj -= sim[row];
			assign[row] = (int32_t)q;
			sim[row] = 1;
			obj += 1;
			size[q] = 1;
		}
		memset(w->sum, 0, w->dim * w->k * sizeof *w->sum);
		for (i = 0; i < w->nrows; i++) {
			row = w->rows[i];
			for (j = m->rowptr[row]; j < m->rowptr[row + 1]; j++)
				w->sum[(size_t)m->idx[j] * w->k + (size_t)assign[row]] += m->val[j];
		}
		for (q = 0; q < w->k; q++) {
			norm = 0;
			for (t = 0; t < w->dim; t++)
				norm += w->sum[t * w->k + q] * w->sum[t * w->k + q];
			norm = norm > 0 ? sqrt(norm) : 1;
			for (t = 0; t < w->dim; t++) {
				col = w->c + t * w->k + q;
				*col = (float)(w->sum[t * w->k + q] / norm);
			}
		}
	}
	*objective = obj;
	return it + 1;
}

struct by_size {
	size_t size, first;
	size_t q;
};

static int cmp_size(const void *a, const void *b)
{
	const struct by_size *x = a, *y = b;

	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return (x->first > y->first) - (x->first < y->first);
}

/* Numbers the clusters by size, largest first. */
static void renumber(struct fb_cluster_result *r, size_t nrows)
{
	struct by_size *s = fb_xmalloc(r->k * sizeof *s);
	size_t *to = fb_xmalloc(r->k * sizeof *to), i, q, t;
	float *c = fb_xmalloc((r->dim * r->k + 1) * sizeof *c);

	for (q = 0; q < r->k; q++) {
		s[q].size = r->size[q];
		s[q].first = SIZE_MAX;
		s[q].q = q;
	}
	for (i = nrows; i-- > 0;)
		if (r->assign[i] >= 0)
			s[r->assign[i]].first = i;
	qsort(s, r->k, sizeof *s, cmp_size);
	for (q = 0; q < r->k; q++) {
		to[s[q].q] = q;
		r->size[q] = s[q].size;
	}
	for (i = 0; i < nrows; i++)
		if (r->assign[i] >= 0)
			r->assign[i] = (int32_t)to[r->assign[i]];
	for (t = 0; t < r->dim; t++)
		for (q = 0; q < r->k; q++)
			c[t * r->k + to[q]] = r->centroid[t * r->k + q];
	free(r->centroid);
	r->centroid = c;
	free(to);
	free(s);
}

int fb_cluster_kmeans(const struct fb_tfidf_matrix *m, const struct fb_cluster_opts *o,
                      struct fb_cluster_result *r, struct fb_error *err)
{
	struct work w = { 0 };
	size_t i, *size;
	int32_t *assign;
	float *sim, *c;
	double obj;
	uint64_t rng;
	int rs, it;

	memset(r, 0, sizeof *r);
	w.m = m;
	w.dim = m->ncols;
	w.rows = fb_xmalloc((m->nrows + 1) * sizeof *w.rows);
	for (i = 0; i < m->nrows; i++)
		if (m->rowptr[i + 1] > m->rowptr[i])
			w.rows[w.nrows++] = i;
	if (w.nrows == 0) {
		free(w.rows);
		fb_error_set(err, 0, 0, "no text has a term in the vocabulary");
		return -1;
	}
	w.k = o->k < w.nrows ? o->k : w.nrows;
	w.c = fb_xmalloc((w.dim * w.k + 1) * sizeof *w.c);
	w.sum = fb_xmalloc((w.dim * w.k + 1) * sizeof *w.sum);
	w.scores = fb_xmalloc(w.k * sizeof *w.scores);
	w.dense = fb_xcalloc(w.dim + 1, sizeof *w.dense);
	w.dist = fb_xmalloc(w.nrows * sizeof *w.dist);
	w.trial = fb_xmalloc(w.nrows * sizeof *w.trial);
	assign = fb_xmalloc((m->nrows + 1) * sizeof *assign);
	sim = fb_xcalloc(m->nrows + 1, sizeof *sim);
	size = fb_xmalloc(w.k * sizeof *size);
	r->k = w.k;
	r->dim = w.dim;
	r->assign = fb_xmalloc((m->nrows + 1) * sizeof *r->assign);
	r->sim = fb_xcalloc(m->nrows + 1, sizeof *r->sim);
	r->size = fb_xmalloc(w.k * sizeof *r->size);
	r->centroid = fb_xmalloc((w.dim * w.k + 1) * sizeof *r->centroid);
	r->objective = -INFINITY;
	for (i = 0; i < m->nrows; i++)
		assign[i] = -1;
	for (rs = 0; rs < (o->restarts > 0 ? o->restarts : 1); rs++) {
		rng = o->seed + (uint64_t)rs;
		next_u64(&rng);
		seed_centres(&w, &rng);
		it = lloyd(&w, o->max_iter > 0 ? o->max_iter : 1, assign, sim, size, &obj);
		if (obj > r->objective) {
			r->objective = obj;
			r->iterations = it;
			r->best_restart = rs;
			memcpy(r->assign, assign, m->nrows * sizeof *assign);
			memcpy(r->sim, sim, m->nrows * sizeof *sim);
			memcpy(r->size, size, w.k * sizeof *size);
			c = r->centroid;
			r->centroid = w.c;
			w.c = c;
		}
	}
	renumber(r, m->nrows);
	free(w.rows);
	free(w.c);
	free(w.sum);
	free(w.scores);
	free(w.dense);
	free(w.dist);
	free(w.trial);
	free(assign);
	free(sim);
	free(size);
	return 0;
}

int fb_cluster_nearest(const struct fb_cluster_result *r, const uint32_t *idx, const float *val,
                       size_t n, float *sims)
{
	size_t j, q, best = 0;
	const float *ct;

	for (q = 0; q < r->k; q++)
		sims[q] = 0;
	if (n == 0)
		return -1;
	for (j = 0; j < n; j++) {
		ct = r->centroid + (size_t)idx[j] * r->k;
		for (q = 0; q < r->k; q++)
			sims[q] += val[j] * ct[q];
	}
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
			if (dfc[q * dim + j] > 0) {
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
