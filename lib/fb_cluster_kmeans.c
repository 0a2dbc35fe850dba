/* Spherical k-means: seeding, Lloyd's rounds and Hartigan's refinement
 * (the contract is in fb_cluster.h). */
#include "fb_cluster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"

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
	/* The columns of the non-empty rows (an inverted index): the rows,
	 * as positions in rows[], holding term t are col_row[col_ptr[t] ..
	 * col_ptr[t + 1]), with their weights in col_val. */
	size_t *col_ptr;
	uint32_t *col_row;
	float *col_val;
	float *c;               /* dim × k centroids, term-major */
	double *sum;            /* dim × k sums */
	double *norm;           /* k: lengths of the sums */
	float *scores;          /* k */
	unsigned char *changed; /* per cluster: its centroid moved last round */
	unsigned char *moved;   /* per cluster: a row joined or left this round */
	uint32_t *changed_list; /* the clusters with changed set */
	double *dist;           /* per non-empty row: 1 − cos to the nearest centre */
	double *dot;            /* per non-empty row: cos to a candidate */
	unsigned char *mark;    /* per non-empty row: dot is set */
	size_t *touched;        /* the rows with dot set */
};

static void index_columns(struct work *w)
{
	const struct fb_tfidf_matrix *m = w->m;
	size_t i, j, t, *fill = fb_xcalloc(w->dim + 1, sizeof *fill);

	w->col_ptr = fb_xcalloc(w->dim + 1, sizeof *w->col_ptr);
	for (i = 0; i < w->nrows; i++)
		for (j = m->rowptr[w->rows[i]]; j < m->rowptr[w->rows[i] + 1]; j++)
			w->col_ptr[m->idx[j] + 1]++;
	for (t = 0; t < w->dim; t++)
		w->col_ptr[t + 1] += w->col_ptr[t];
	w->col_row = fb_xmalloc((w->col_ptr[w->dim] + 1) * sizeof *w->col_row);
	w->col_val = fb_xmalloc((w->col_ptr[w->dim] + 1) * sizeof *w->col_val);
	for (i = 0; i < w->nrows; i++)
		for (j = m->rowptr[w->rows[i]]; j < m->rowptr[w->rows[i] + 1]; j++) {
			t = m->idx[j];
			w->col_row[w->col_ptr[t] + fill[t]] = (uint32_t)i;
			w->col_val[w->col_ptr[t] + fill[t]++] = m->val[j];
		}
	free(fill);
}

/* The cosines of every row to row cand, through the inverted index: only
 * rows sharing a term with it are touched (the others are at cosine 0).
 * Fills w->dot and w->touched; returns how many were touched. The caller
 * clears w->dot of those. */
static size_t cosines_to(struct work *w, size_t cand)
{
	const struct fb_tfidf_matrix *m = w->m;
	size_t row = w->rows[cand], n = 0, j, p;

	for (j = m->rowptr[row]; j < m->rowptr[row + 1]; j++) {
		uint32_t t = m->idx[j];
		double v = m->val[j];
		for (p = w->col_ptr[t]; p < w->col_ptr[t + 1]; p++) {
			uint32_t i = w->col_row[p];
			if (!w->mark[i]) {
				w->mark[i] = 1;
				w->dot[i] = 0;
				w->touched[n++] = i;
			}
			w->dot[i] += v * w->col_val[p];
		}
	}
	return n;
}

static void clear_marks(struct work *w, size_t n)
{
	for (size_t x = 0; x < n; x++)
		w->mark[w->touched[x]] = 0;
}

/* The distance of seeding: 1 − cos, within [0, 1] (vectors with negative
 * weights, such as embeddings, can point away, which counts as orthogonal),
 * so that a row sharing no term with a centre is at distance 1. */
static double distance(double cos)
{
	return cos >= 1 ? 0 : cos <= 0 ? 1 : 1 - cos;
}

/* The row drawn with probability proportional to its distance. */
static size_t draw(const struct work *w, double total, uint64_t *rng)
{
	double r = next_unit(rng) * total, acc = 0;
	size_t cand;

	for (cand = 0; cand + 1 < w->nrows; cand++) {
		acc += w->dist[cand];
		if (acc > r)
			break;
	}
	return cand;
}

/* The total distance left if row cand became a centre. */
static double total_with(struct work *w, size_t cand, double total)
{
	size_t n = cosines_to(w, cand);

	for (size_t x = 0; x < n; x++) {
		size_t i = w->touched[x];
		double d = distance(w->dot[i]);
		if (d < w->dist[i])
			total -= w->dist[i] - d;
	}
	clear_marks(w, n);
	return total;
}

/* Greedy k-means++: centre q is the candidate, of 2 + ln k drawn, that
 * leaves the smallest total distance. */
static void seed_centres(struct work *w, uint64_t *rng)
{
	size_t ncand = 2 + (size_t)log((double)w->k), q, i, t, best_i = 0, cand, n;
	double total, best_total, acc;

	memset(w->c, 0, w->dim * w->k * sizeof *w->c);
	for (i = 0; i < w->nrows; i++)
		w->dist[i] = 1;
	for (q = 0; q < w->k; q++) {
		if (q == 0) {
			best_i = (size_t)(next_unit(rng) * (double)w->nrows);
		} else {
			total = 0;
			for (i = 0; i < w->nrows; i++)
				total += w->dist[i];
			best_total = INFINITY;
			for (t = 0; t < ncand; t++) {
				cand = draw(w, total, rng);
				acc = total_with(w, cand, total);
				if (acc < best_total) {
					best_total = acc;
					best_i = cand;
				}
			}
		}
		n = cosines_to(w, best_i);
		for (size_t x = 0; x < n; x++) {
			double d = distance(w->dot[w->touched[x]]);
			if (d < w->dist[w->touched[x]])
				w->dist[w->touched[x]] = d;
		}
		clear_marks(w, n);
		for (i = w->m->rowptr[w->rows[best_i]]; i < w->m->rowptr[w->rows[best_i] + 1]; i++)
			w->c[(size_t)w->m->idx[i] * w->k + q] = w->m->val[i];
	}
}

/* Similarities of a row to all k centroids, into w->scores; returns the
 * best (the lowest number on a tie). */
static int score_row(const struct work *w, size_t row)
{
	const struct fb_tfidf_matrix *m = w->m;
	const size_t k = w->k;
	float *restrict s = w->scores;
	size_t j, q, best = 0;

	for (q = 0; q < k; q++)
		s[q] = 0;
	for (j = m->rowptr[row]; j < m->rowptr[row + 1]; j++) {
		const float *restrict ct = w->c + (size_t)m->idx[j] * k;
		const float v = m->val[j];
		for (q = 0; q < k; q++)
			s[q] += v * ct[q];
	}
	for (q = 1; q < k; q++)
		if (s[q] > s[best])
			best = q;
	return (int)best;
}

/* The best cluster of a row whose own centroid a did not move: it was at
 * least as good as every other unmoved centroid, so only the n moved ones
 * need scoring, summed in the same order as score_row() does so that the
 * choice is the one it would make. *sim holds the row's similarity to a,
 * and gets that to the best. */
static int rescore_row(const struct work *w, size_t row, int a, size_t n, float *sim)
{
	const struct fb_tfidf_matrix *m = w->m;
	float *s = w->scores;
	size_t j, x;
	int best = a;

	for (x = 0; x < n; x++)
		s[x] = 0;
	for (j = m->rowptr[row]; j < m->rowptr[row + 1]; j++) {
		const float *ct = w->c + (size_t)m->idx[j] * w->k;
		float v = m->val[j];
		for (x = 0; x < n; x++)
			s[x] += v * ct[w->changed_list[x]];
	}
	for (x = 0; x < n; x++) {
		int q = (int)w->changed_list[x];
		if (s[x] > *sim || (s[x] == *sim && q < best)) {
			best = q;
			*sim = s[x];
		}
	}
	return best;
}

/* Adds a row to the sum of cluster q (sign 1), or takes it out (-1). */
static void add_row(struct work *w, size_t row, size_t q, double sign)
{
	const struct fb_tfidf_matrix *m = w->m;

	for (size_t j = m->rowptr[row]; j < m->rowptr[row + 1]; j++)
		w->sum[(size_t)m->idx[j] * w->k + q] += sign * m->val[j];
}

/* Sets the sums from the assignment of every row. */
static void sums_from(struct work *w, const int32_t *assign)
{
	memset(w->sum, 0, w->dim * w->k * sizeof *w->sum);
	for (size_t i = 0; i < w->nrows; i++)
		add_row(w, w->rows[i], (size_t)assign[w->rows[i]], 1);
}

/* Sets the centroids of the clusters marked in w->moved to their
 * normalised sums. The loops run along the term-major rows of the
 * matrices, not down their columns. */
static void update_centroids(struct work *w)
{
	double *norm = w->norm;
	size_t q, t;

	memset(norm, 0, w->k * sizeof *norm);
	for (t = 0; t < w->dim; t++)
		for (q = 0; q < w->k; q++)
			if (w->moved[q])
				norm[q] += w->sum[t * w->k + q] * w->sum[t * w->k + q];
	for (q = 0; q < w->k; q++)
		norm[q] = norm[q] > 0 ? sqrt(norm[q]) : 1;
	for (t = 0; t < w->dim; t++)
		for (q = 0; q < w->k; q++)
			if (w->moved[q])
				w->c[t * w->k + q] = (float)(w->sum[t * w->k + q] / norm[q]);
}

/* An empty cluster takes the row that fits its own worst. */
static void fill_empty(struct work *w, int32_t *assign, float *sim, size_t *size, double *obj)
{
	for (size_t q = 0; q < w->k; q++) {
		size_t worst = SIZE_MAX, i, row;
		if (size[q] > 0)
			continue;
		for (i = 0; i < w->nrows; i++)
			if (size[assign[w->rows[i]]] > 1 &&
			    (worst == SIZE_MAX || sim[w->rows[i]] < sim[w->rows[worst]]))
				worst = i;
		if (worst == SIZE_MAX)
			continue;
		row = w->rows[worst];
		size[assign[row]]--;
		w->moved[assign[row]] = 1;
		add_row(w, row, (size_t)assign[row], -1);
		add_row(w, row, q, 1);
		*obj -= sim[row];
		assign[row] = (int32_t)q;
		sim[row] = 1;
		*obj += 1;
		size[q] = 1;
		w->moved[q] = 1;
	}
}

/* Lloyd's rounds from the centroids in w->c until no row changes cluster
 * or max_iter rounds. A centroid whose rows did not change is not moved,
 * and a row whose centroid did not move is scored against the moved ones
 * only: the same clusters as scoring every row against every centroid, in
 * a fraction of the time once few rows change. Returns the rounds. */
static int lloyd(struct work *w, int max_iter, int32_t *assign, float *sim, size_t *size,
                 double *objective)
{
	size_t i, q, nchanged;
	int it, changed, b;
	double obj = 0;

	for (i = 0; i < w->nrows; i++)
		assign[w->rows[i]] = -1;
	memset(w->sum, 0, w->dim * w->k * sizeof *w->sum);
	memset(w->changed, 1, w->k);
	for (it = 0;; it++) {
		for (q = 0, nchanged = 0; q < w->k; q++)
			if (w->changed[q])
				w->changed_list[nchanged++] = (uint32_t)q;
		memset(w->moved, 0, w->k);
		memset(size, 0, w->k * sizeof *size);
		changed = 0;
		obj = 0;
		for (i = 0; i < w->nrows; i++) {
			size_t row = w->rows[i];
			int a = assign[row];
			if (a >= 0 && !w->changed[a]) {
				b = rescore_row(w, row, a, nchanged, &sim[row]);
			} else {
				b = score_row(w, row);
				sim[row] = w->scores[b];
			}
			if (b != a) {
				changed++;
				if (a >= 0) {
					w->moved[a] = 1;
					add_row(w, row, (size_t)a, -1);
				}
				w->moved[b] = 1;
				add_row(w, row, (size_t)b, 1);
			}
			assign[row] = b;
			obj += sim[row];
			size[b]++;
		}
		if (!changed || it + 1 >= max_iter)
			break;
		fill_empty(w, assign, sim, size, &obj);
		update_centroids(w);
		memcpy(w->changed, w->moved, w->k);
	}
	*objective = obj;
	return it + 1;
}

/* The dot products of a row with every cluster's sum, into d. */
static double sums_dot(const struct work *w, size_t row, double *d)
{
	const struct fb_tfidf_matrix *m = w->m;
	double xx = 0;

	memset(d, 0, w->k * sizeof *d);
	for (size_t j = m->rowptr[row]; j < m->rowptr[row + 1]; j++) {
		const double *st = w->sum + (size_t)m->idx[j] * w->k;
		double v = m->val[j];
		xx += v * v;
		for (size_t q = 0; q < w->k; q++)
			d[q] += v * st[q];
	}
	return xx;
}

/* Moves a row from cluster a to b, with the sums and their squared
 * lengths. */
static void move_row(struct work *w, size_t row, size_t a, size_t b, const double *d, double xx,
                     double *norm2)
{
	const struct fb_tfidf_matrix *m = w->m;

	for (size_t j = m->rowptr[row]; j < m->rowptr[row + 1]; j++) {
		double *st = w->sum + (size_t)m->idx[j] * w->k;
		st[a] -= m->val[j];
		st[b] += m->val[j];
	}
	norm2[a] = fmax(norm2[a] - 2 * d[a] + xx, 0);
	norm2[b] += 2 * d[b] + xx;
}

/* Hartigan's refinement of Lloyd's result: the objective is the sum over
 * clusters of the length of their summed rows, and each row in turn moves
 * to the cluster where that gains most, the sums updated at once (Lloyd
 * moves rows only against centroids fixed for the round, and stops in
 * local optima this escapes; Telgarsky and Vattani 2010). Runs passes over
 * the rows until one moves none, at most max_passes; leaves the centroids
 * in w->c. Returns the rows moved. */
static size_t hartigan(struct work *w, int32_t *assign, size_t *size, int max_passes)
{
	double *norm2 = fb_xcalloc(w->k, sizeof *norm2), *d = fb_xmalloc(w->k * sizeof *d);
	size_t i, q, t, total = 0, moves = 1;

	memset(w->moved, 1, w->k);
	sums_from(w, assign);
	for (t = 0; t < w->dim; t++)
		for (q = 0; q < w->k; q++)
			norm2[q] += w->sum[t * w->k + q] * w->sum[t * w->k + q];
	for (int p = 0; p < max_passes && moves > 0; p++) {
		for (i = 0, moves = 0; i < w->nrows; i++) {
			size_t row = w->rows[i], a = (size_t)assign[row], best = a;
			double xx, leave, gain = 0;
			if (size[a] < 2)
				continue;
			xx = sums_dot(w, row, d);
			leave = sqrt(fmax(norm2[a] - 2 * d[a] + xx, 0)) - sqrt(norm2[a]);
			for (q = 0; q < w->k; q++) {
				double g = leave + sqrt(norm2[q] + 2 * d[q] + xx) - sqrt(norm2[q]);
				/* A margin keeps rounding from moving rows back and forth. */
				if (q != a && g > gain + 1e-9) {
					gain = g;
					best = q;
				}
			}
			if (best == a)
				continue;
			move_row(w, row, a, best, d, xx, norm2);
			size[a]--;
			size[best]++;
			assign[row] = (int32_t)best;
			moves++;
		}
		total += moves;
	}
	update_centroids(w);
	free(norm2);
	free(d);
	return total;
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

static int work_init(struct work *w, const struct fb_tfidf_matrix *m, size_t k)
{
	size_t i;

	memset(w, 0, sizeof *w);
	w->m = m;
	w->dim = m->ncols;
	w->rows = fb_xmalloc((m->nrows + 1) * sizeof *w->rows);
	for (i = 0; i < m->nrows; i++)
		if (m->rowptr[i + 1] > m->rowptr[i])
			w->rows[w->nrows++] = i;
	if (w->nrows == 0)
		return -1;
	w->k = k < w->nrows ? k : w->nrows;
	index_columns(w);
	w->c = fb_xmalloc((w->dim * w->k + 1) * sizeof *w->c);
	w->sum = fb_xcalloc(w->dim * w->k + 1, sizeof *w->sum);
	w->scores = fb_xmalloc(w->k * sizeof *w->scores);
	w->norm = fb_xmalloc(w->k * sizeof *w->norm);
	w->changed = fb_xmalloc(w->k);
	w->moved = fb_xmalloc(w->k);
	w->changed_list = fb_xmalloc(w->k * sizeof *w->changed_list);
	w->dist = fb_xmalloc(w->nrows * sizeof *w->dist);
	w->dot = fb_xmalloc(w->nrows * sizeof *w->dot);
	w->mark = fb_xcalloc(w->nrows, 1);
	w->touched = fb_xmalloc(w->nrows * sizeof *w->touched);
	return 0;
}

static void work_free(struct work *w)
{
	free(w->rows);
	free(w->col_ptr);
	free(w->col_row);
	free(w->col_val);
	free(w->c);
	free(w->sum);
	free(w->scores);
	free(w->norm);
	free(w->changed);
	free(w->moved);
	free(w->changed_list);
	free(w->dist);
	free(w->dot);
	free(w->mark);
	free(w->touched);
}

static void result_init(struct fb_cluster_result *r, const struct work *w)
{
	size_t n = w->m->nrows;

	r->k = w->k;
	r->dim = w->dim;
	r->assign = fb_xmalloc((n + 1) * sizeof *r->assign);
	r->sim = fb_xcalloc(n + 1, sizeof *r->sim);
	r->size = fb_xmalloc(w->k * sizeof *r->size);
	r->centroid = fb_xmalloc((w->dim * w->k + 1) * sizeof *r->centroid);
	r->objective = -INFINITY;
}

/* Keeps the run in assign, sim, size and w->c as the best so far. */
static void keep(struct fb_cluster_result *r, struct work *w, const int32_t *assign,
                 const float *sim, const size_t *size, double obj)
{
	float *c = r->centroid;

	r->objective = obj;
	memcpy(r->assign, assign, w->m->nrows * sizeof *assign);
	memcpy(r->sim, sim, w->m->nrows * sizeof *sim);
	memcpy(r->size, size, w->k * sizeof *size);
	r->centroid = w->c;
	w->c = c;
}

/* Refines the best run: Hartigan's moves, then Lloyd's rounds again. */
static void refine(struct fb_cluster_result *r, struct work *w, int max_iter, int32_t *assign,
                   float *sim, size_t *size)
{
	double obj;

	memcpy(assign, r->assign, w->m->nrows * sizeof *assign);
	memcpy(size, r->size, w->k * sizeof *size);
	if (hartigan(w, assign, size, max_iter) == 0)
		return;
	r->iterations += lloyd(w, max_iter, assign, sim, size, &obj);
	keep(r, w, assign, sim, size, obj);
}

int fb_cluster_kmeans(const struct fb_tfidf_matrix *m, const struct fb_cluster_opts *o,
                      struct fb_cluster_result *r, struct fb_error *err)
{
	int max_iter = o->max_iter > 0 ? o->max_iter : 1, rs, it;
	struct work w;
	size_t *size;
	int32_t *assign;
	float *sim;
	double obj;
	uint64_t rng;

	memset(r, 0, sizeof *r);
	if (work_init(&w, m, o->k) < 0) {
		work_free(&w);
		fb_error_set(err, 0, 0, "no text has a term in the vocabulary");
		return -1;
	}
	assign = fb_xmalloc((m->nrows + 1) * sizeof *assign);
	sim = fb_xcalloc(m->nrows + 1, sizeof *sim);
	size = fb_xmalloc(w.k * sizeof *size);
	result_init(r, &w);
	for (size_t i = 0; i < m->nrows; i++)
		assign[i] = -1;
	for (rs = 0; rs < (o->restarts > 0 ? o->restarts : 1); rs++) {
		rng = o->seed + (uint64_t)rs;
		next_u64(&rng);
		seed_centres(&w, &rng);
		it = lloyd(&w, max_iter, assign, sim, size, &obj);
		if (obj > r->objective) {
			keep(r, &w, assign, sim, size, obj);
			r->iterations = it;
			r->best_restart = rs;
		}
	}
	memcpy(w.c, r->centroid, w.dim * w.k * sizeof *w.c);
	refine(r, &w, max_iter, assign, sim, size);
	renumber(r, m->nrows);
	work_free(&w);
	free(assign);
	free(sim);
	free(size);
	return 0;
}
