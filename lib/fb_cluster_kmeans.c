/* Spherical k-means: seeding, Lloyd's rounds and Hartigan's refinement
 * (the contract is in fb_cluster.h). */
#include "fb_cluster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_cluster_work.h"

void fb_cluster_opts_default(struct fb_cluster_opts *o)
{
	o->k = 10;
	o->restarts = 1;
	o->max_iter = 100;
	o->seed = 1;
	o->jobs = NULL;
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
 * Fills sc->dot and sc->touched; returns how many were touched. The caller
 * clears sc->mark of those. */
FB_SIMD_CLONES
static size_t cosines_to(const struct work *w, struct work_scratch *sc, size_t cand)
{
	const struct fb_tfidf_matrix *m = w->m;
	size_t row = w->rows[cand], n = 0, j, p;

	for (j = m->rowptr[row]; j < m->rowptr[row + 1]; j++) {
		uint32_t t = m->idx[j];
		double v = m->val[j];
		for (p = w->col_ptr[t]; p < w->col_ptr[t + 1]; p++) {
			uint32_t i = w->col_row[p];
			if (!sc->mark[i]) {
				sc->mark[i] = 1;
				sc->dot[i] = 0;
				sc->touched[n++] = i;
			}
			sc->dot[i] += v * w->col_val[p];
		}
	}
	return n;
}

static void clear_marks(struct work_scratch *sc, size_t n)
{
	for (size_t x = 0; x < n; x++)
		sc->mark[sc->touched[x]] = 0;
}

/* The distance of seeding: 1 − cos, within [0, 1] (vectors with negative
 * weights, such as embeddings, can point away, which counts as orthogonal),
 * so that a row sharing no term with a centre is at distance 1. */
static double distance(double cos)
{
	return cos >= 1 ? 0 : cos <= 0 ? 1 : 1 - cos;
}

/* Sets w->cum to the running sums of the distances (added in row order,
 * as one loop would) and returns their total. */
static double running_sums(struct work *w)
{
	double acc = 0;

	for (size_t i = 0; i < w->nrows; i++) {
		acc += w->dist[i];
		w->cum[i] = acc;
	}
	return acc;
}

/* The row drawn with probability proportional to its distance: the first
 * whose running sum passes r, found by bisection (the running sums never
 * fall), or the last. */
static size_t draw(const struct work *w, double total, uint64_t *rng)
{
	double r = next_unit(rng) * total;
	size_t lo = 0, hi = w->nrows - 1, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (w->cum[mid] > r)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* The candidates of one centre, and the total distance left if each
 * became it. */
struct candidates {
	struct work *w;
	size_t n;
	size_t row[64];
	double total[64];
	double before;
};

static void weigh_candidates(void *arg, size_t t)
{
	struct candidates *c = arg;
	struct work_scratch *sc = &c->w->scratch[t];

	for (size_t x = t; x < c->n; x += c->w->nthreads) {
		size_t n = cosines_to(c->w, sc, c->row[x]);
		double total = c->before;
		for (size_t y = 0; y < n; y++) {
			size_t i = sc->touched[y];
			double d = distance(sc->dot[i]);
			if (d < c->w->dist[i])
				total -= c->w->dist[i] - d;
		}
		clear_marks(sc, n);
		c->total[x] = total;
	}
}

/* Makes row i centre q: its weights become the centroid, and the rows it is
 * nearer to than their nearest centre so far take their distance to it. */
static void make_centre(struct work *w, size_t i, size_t q)
{
	const struct fb_tfidf_matrix *m = w->m;
	struct work_scratch *sc = &w->scratch[0];
	size_t n = cosines_to(w, sc, i), j;

	for (size_t x = 0; x < n; x++) {
		double d = distance(sc->dot[sc->touched[x]]);
		if (d < w->dist[sc->touched[x]])
			w->dist[sc->touched[x]] = d;
	}
	clear_marks(sc, n);
	for (j = m->rowptr[w->rows[i]]; j < m->rowptr[w->rows[i] + 1]; j++)
		w->c[(size_t)m->idx[j] * w->k + q] = m->val[j];
}

/* Greedy k-means++: centre q is the candidate, of 2 + ln k drawn, that
 * leaves the smallest total distance (the first drawn on a tie). The
 * candidates are weighed in parallel; the draws come first, in the order
 * one thread would make them. */
static void seed_centres(struct work *w, uint64_t *rng)
{
	struct candidates c = { .w = w, .n = 2 + (size_t)log((double)w->k) };
	size_t q, i, x, best;

	memset(w->c, 0, w->dim * w->k * sizeof *w->c);
	for (i = 0; i < w->nrows; i++)
		w->dist[i] = 1;
	if (c.n > 64)
		c.n = 64;
	make_centre(w, (size_t)(next_unit(rng) * (double)w->nrows), 0);
	for (q = 1; q < w->k; q++) {
		c.before = running_sums(w);
		for (x = 0; x < c.n; x++)
			c.row[x] = draw(w, c.before, rng);
		fb_jobs_run(w->jobs, w->nthreads, weigh_candidates, &c);
		for (x = 1, best = 0; x < c.n; x++)
			if (c.total[x] < c.total[best])
				best = x;
		make_centre(w, c.row[best], q);
	}
}

/* Similarities of a row to all k centroids, into s; returns the best (the
 * lowest number on a tie). */
static int score_row(const struct work *w, size_t row, float *restrict s)
{
	const struct fb_tfidf_matrix *m = w->m;
	size_t from = m->rowptr[row], x, best = 0;

	fb_cluster_similarities(w->c, w->k, m->idx + from, m->val + from, m->rowptr[row + 1] - from,
	                        s);
	for (x = 1; x < w->k; x++)
		if (s[x] > s[best])
			best = x;
	return (int)best;
}

/* The best cluster of a row whose own centroid a did not move: it was at
 * least as good as every other unmoved centroid, so only the n moved ones
 * need scoring, summed in the same order as score_row() does so that the
 * choice is the one it would make. *sim holds the row's similarity to a,
 * and gets that to the best. */
FB_SIMD_CLONES
static int rescore_row(const struct work *w, size_t row, int a, size_t n, float *sim,
                       float *restrict s)
{
	const struct fb_tfidf_matrix *m = w->m;
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

void work_add_row(struct work *w, size_t row, size_t q, double sign)
{
	const struct fb_tfidf_matrix *m = w->m;

	for (size_t j = m->rowptr[row]; j < m->rowptr[row + 1]; j++)
		w->sum[(size_t)m->idx[j] * w->k + q] += sign * m->val[j];
}

/* The centroids of the n clusters in list, one at a time: down the
 * columns of the term-major matrices, which pays when n is small. */
static void update_few(struct work *w, const uint32_t *list, size_t n)
{
	const size_t k = w->k;

	for (size_t x = 0; x < n; x++) {
		size_t q = list[x], t;
		double norm = 0;
		for (t = 0; t < w->dim; t++)
			norm += w->sum[t * k + q] * w->sum[t * k + q];
		norm = norm > 0 ? sqrt(norm) : 1;
		for (t = 0; t < w->dim; t++)
			w->c[t * k + q] = (float)(w->sum[t * k + q] / norm);
	}
}

/* The lengths of the sums of many clusters, along the rows of the
 * matrices; share t of the threads takes a range of clusters, so each
 * length is summed in term order whatever the threads. */
FB_SIMD_CLONES
static void lengths(void *arg, size_t t)
{
	struct work *w = arg;
	const size_t k = w->k, from = k * t / w->nthreads, to = k * (t + 1) / w->nthreads;
	double *norm = w->norm;
	size_t q, r;

	for (q = from; q < to; q++)
		norm[q] = 0;
	for (r = 0; r < w->dim; r++)
		for (q = from; q < to; q++)
			norm[q] += w->sum[r * k + q] * w->sum[r * k + q];
	for (q = from; q < to; q++)
		norm[q] = norm[q] > 0 ? sqrt(norm[q]) : 1;
}

/* Then the centroids of the moved ones (the others keep theirs: after
 * seeding, those are not yet their normalised sums); share t takes a range
 * of terms. */
FB_SIMD_CLONES
static void centroids(void *arg, size_t t)
{
	struct work *w = arg;
	const size_t k = w->k, from = w->dim * t / w->nthreads, to = w->dim * (t + 1) / w->nthreads;

	for (size_t r = from; r < to; r++)
		for (size_t q = 0; q < k; q++) {
			float c = (float)(w->sum[r * k + q] / w->norm[q]);
			w->c[r * k + q] = w->moved[q] ? c : w->c[r * k + q];
		}
}

void work_update_centroids(struct work *w)
{
	uint32_t *list = w->moved_list;
	size_t q, n = 0;

	for (q = 0; q < w->k; q++)
		if (w->moved[q])
			list[n++] = (uint32_t)q;
	if (n * 8 < w->k) {
		update_few(w, list, n);
		return;
	}
	fb_jobs_run(w->jobs, w->nthreads, lengths, w);
	fb_jobs_run(w->jobs, w->nthreads, centroids, w);
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
		work_add_row(w, row, (size_t)assign[row], -1);
		work_add_row(w, row, q, 1);
		*obj -= sim[row];
		assign[row] = (int32_t)q;
		sim[row] = 1;
		*obj += 1;
		size[q] = 1;
		w->moved[q] = 1;
	}
}

/* One round's scoring: share t of the rows, by weight, gets each row's
 * cluster and similarity in w->next and w->next_sim, reading assign and
 * sim only, so the shares run in parallel. */
struct round {
	struct work *w;
	const int32_t *assign;
	const float *sim;
	size_t nchanged;
};

static void score_share(void *arg, size_t t)
{
	const struct round *r = arg;
	struct work *w = r->w;
	float *s = w->scratch[t].scores;

	for (size_t i = w->share[t]; i < w->share[t + 1]; i++) {
		size_t row = w->rows[i];
		int a = r->assign[row];
		if (a >= 0 && !w->changed[a]) {
			w->next_sim[i] = r->sim[row];
			w->next[i] = rescore_row(w, row, a, r->nchanged, &w->next_sim[i], s);
		} else {
			w->next[i] = score_row(w, row, s);
			w->next_sim[i] = s[w->next[i]];
		}
	}
}

/* Lloyd's rounds from the centroids in w->c until no row changes cluster
 * or max_iter rounds. A centroid whose rows did not change is not moved,
 * and a row whose centroid did not move is scored against the moved ones
 * only: the same clusters as scoring every row against every centroid, in
 * a fraction of the time once few rows change. The rows are scored in
 * parallel and the sums updated in row order after, so the threads do not
 * change the result. Returns the rounds. */
static int lloyd(struct work *w, int max_iter, int32_t *assign, float *sim, size_t *size,
                 double *objective)
{
	struct round r = { w, assign, sim, 0 };
	size_t i, q;
	int it, changed, a, b;
	double obj = 0;

	for (i = 0; i < w->nrows; i++)
		assign[w->rows[i]] = -1;
	memset(w->sum, 0, w->dim * w->k * sizeof *w->sum);
	memset(w->changed, 1, w->k);
	for (it = 0;; it++) {
		for (q = 0, r.nchanged = 0; q < w->k; q++)
			if (w->changed[q])
				w->changed_list[r.nchanged++] = (uint32_t)q;
		fb_jobs_run(w->jobs, w->nthreads, score_share, &r);
		memset(w->moved, 0, w->k);
		memset(size, 0, w->k * sizeof *size);
		changed = 0;
		obj = 0;
		for (i = 0; i < w->nrows; i++) {
			size_t row = w->rows[i];
			a = assign[row];
			b = w->next[i];
			sim[row] = w->next_sim[i];
			if (b != a) {
				changed++;
				if (a >= 0) {
					w->moved[a] = 1;
					work_add_row(w, row, (size_t)a, -1);
				}
				w->moved[b] = 1;
				work_add_row(w, row, (size_t)b, 1);
			}
			assign[row] = b;
			obj += sim[row];
			size[b]++;
		}
		if (!changed || it + 1 >= max_iter)
			break;
		fill_empty(w, assign, sim, size, &obj);
		work_update_centroids(w);
		memcpy(w->changed, w->moved, w->k);
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

/* Threads pay off from a few thousand rows; below, one does it all. */
#define ROWS_PER_THREAD 2048

/* Splits the rows into shares of about equal weights (non-zeros). */
static void split_shares(struct work *w)
{
	const size_t *rp = w->m->rowptr;
	size_t t, i = 0, nnz = 0, total = 0;

	w->nthreads = w->jobs ? fb_jobs_threads(w->jobs) : 1;
	if (w->nthreads > w->nrows / ROWS_PER_THREAD)
		w->nthreads = w->nrows / ROWS_PER_THREAD ? w->nrows / ROWS_PER_THREAD : 1;
	for (i = 0; i < w->nrows; i++)
		total += rp[w->rows[i] + 1] - rp[w->rows[i]];
	for (t = 0, i = 0; t < w->nthreads; t++) {
		w->share[t] = i;
		while (i < w->nrows &&
		       (t + 1 == w->nthreads || nnz < total * (t + 1) / w->nthreads)) {
			nnz += rp[w->rows[i] + 1] - rp[w->rows[i]];
			i++;
		}
	}
	w->share[w->nthreads] = w->nrows;
}

static int work_init(struct work *w, const struct fb_tfidf_matrix *m, size_t k,
                     struct fb_jobs *jobs)
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
	w->jobs = jobs;
	split_shares(w);
	index_columns(w);
	w->c = fb_xmalloc((w->dim * w->k + 1) * sizeof *w->c);
	w->sum = fb_xcalloc(w->dim * w->k + 1, sizeof *w->sum);
	w->norm = fb_xmalloc(w->k * sizeof *w->norm);
	w->changed = fb_xmalloc(w->k);
	w->moved = fb_xmalloc(w->k);
	w->changed_list = fb_xmalloc(w->k * sizeof *w->changed_list);
	w->moved_list = fb_xmalloc(w->k * sizeof *w->moved_list);
	w->dist = fb_xmalloc(w->nrows * sizeof *w->dist);
	w->cum = fb_xmalloc(w->nrows * sizeof *w->cum);
	w->next = fb_xmalloc(w->nrows * sizeof *w->next);
	w->next_sim = fb_xmalloc(w->nrows * sizeof *w->next_sim);
	for (i = 0; i < w->nthreads; i++) {
		struct work_scratch *sc = &w->scratch[i];
		sc->scores = fb_xmalloc(w->k * sizeof *sc->scores);
		sc->dot = fb_xmalloc(w->nrows * sizeof *sc->dot);
		sc->mark = fb_xcalloc(w->nrows, 1);
		sc->touched = fb_xmalloc(w->nrows * sizeof *sc->touched);
	}
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
	free(w->norm);
	free(w->changed);
	free(w->moved);
	free(w->changed_list);
	free(w->moved_list);
	free(w->dist);
	free(w->cum);
	free(w->next);
	free(w->next_sim);
	for (size_t i = 0; i < w->nthreads; i++) {
		free(w->scratch[i].scores);
		free(w->scratch[i].dot);
		free(w->scratch[i].mark);
		free(w->scratch[i].touched);
	}
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
	if (work_hartigan(w, assign, size, max_iter) == 0)
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
	if (work_init(&w, m, o->k, o->jobs) < 0) {
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
