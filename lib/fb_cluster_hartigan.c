/* Hartigan's refinement of spherical k-means (the contract is in
 * fb_cluster.h): the objective is the sum over clusters of the length of
 * their summed rows, and each row in turn moves to the cluster where that
 * gains most, the sums updated at once (Lloyd moves rows only against
 * centroids fixed for the round, and stops in local optima this escapes;
 * Telgarsky and Vattani 2010). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_cluster_work.h"

/* Which clusters a row must be scored against. A row's gain towards a
 * cluster depends only on that cluster's sum and on the row's own cluster:
 * a row that stayed put was at most the margin better off anywhere, and
 * stays so until one of them changes. Clusters carry the move that last
 * changed them, rows the move count when they were last weighed (0: never,
 * or they moved since), so a later pass weighs a row against the clusters
 * changed since, and skips it when there are none. */
struct clock {
	uint64_t now;      /* moves so far, plus 1 */
	uint64_t *cluster; /* per cluster: when it last changed */
	uint64_t *row;     /* per non-empty row: when it was last weighed */
	uint32_t *list;    /* the clusters to weigh a row against */
};

/* The dot products of a row with the sums of the n clusters in list, into
 * d[0..n), or with every cluster's when n is k (list is then 0, 1, ...,
 * and the loop runs along the sums instead of gathering from them). Each is
 * summed in the row's order whatever n is, so a partial weighing gives the
 * bits of a full one. Returns the row's squared length. */
FB_SIMD_CLONES
static double sums_dot(const struct work *w, size_t row, const uint32_t *list, size_t n, double *d)
{
	const struct fb_tfidf_matrix *m = w->m;
	const size_t k = w->k;
	double xx = 0;

	memset(d, 0, n * sizeof *d);
	for (size_t j = m->rowptr[row]; j < m->rowptr[row + 1]; j++) {
		const double *st = w->sum + (size_t)m->idx[j] * k;
		double v = m->val[j];
		xx += v * v;
		if (n == k)
			for (size_t q = 0; q < k; q++)
				d[q] += v * st[q];
		else
			for (size_t x = 0; x < n; x++)
				d[x] += v * st[list[x]];
	}
	return xx;
}

/* Moves a row from cluster a to b, with the sums, their squared lengths
 * and their lengths; da and db are its dot products with the sums of a and
 * b. */
static void move_row(struct work *w, size_t row, size_t a, size_t b, double da, double db,
                     double xx, double *norm2, double *len, double *half_inv)
{
	const struct fb_tfidf_matrix *m = w->m;

	for (size_t j = m->rowptr[row]; j < m->rowptr[row + 1]; j++) {
		double *st = w->sum + (size_t)m->idx[j] * w->k;
		st[a] -= m->val[j];
		st[b] += m->val[j];
	}
	norm2[a] = fmax(norm2[a] - 2 * da + xx, 0);
	norm2[b] += 2 * db + xx;
	len[a] = sqrt(norm2[a]);
	len[b] = sqrt(norm2[b]);
	half_inv[a] = len[a] > 0 ? 0.5 / len[a] : 0;
	half_inv[b] = len[b] > 0 ? 0.5 / len[b] : 0;
}

/* The clusters row i must be weighed against, in increasing number, its
 * own cluster a among them, into list, with a's place in *own; 0 when it
 * can be skipped. */
static size_t to_weigh(const struct work *w, const struct clock *ck, size_t i, size_t a,
                       size_t *own, uint32_t *list)
{
	uint64_t seen = ck->row[i];
	size_t q, n = 0;

	if (seen == 0 || ck->cluster[a] > seen) {
		for (q = 0; q < w->k; q++)
			list[n++] = (uint32_t)q;
		*own = a;
		return n;
	}
	for (q = 0; q < w->k; q++) {
		if (q == a)
			*own = n;
		if (q == a || ck->cluster[q] > seen)
			list[n++] = (uint32_t)q;
	}
	return n > 1 ? n : 0;
}

/* The place in list[0..n) of the cluster where row gains most by more than
 * a margin (which keeps rounding from moving rows back and forth), the
 * first on a tie, or own (its own cluster's) when none does. len holds the
 * square roots of norm2, half_inv 1 / (2 len) (0 where len is 0).
 *
 * Joining q gains √(|S_q|² + b) − |S_q| ≤ b / (2 |S_q|), the tangent of a
 * concave function, with b = 2 x·S_q + |x|²; a cluster whose bound leaves
 * no gain over the best so far is passed over without its square root.
 * The rounding of these sums stays far below the margin (a sum of a
 * million unit rows is at most 10^6 long, where a double's step is 10^-10),
 * so no cluster passed over would have been chosen: the choice is that of
 * weighing all. */
static size_t best_move(const uint32_t *list, size_t n, size_t own, const double *d, double xx,
                        const double *norm2, const double *len, const double *half_inv)
{
	size_t a = list[own], best = own, x;
	double gain = 0, leave = sqrt(fmax(norm2[a] - 2 * d[own] + xx, 0)) - len[a];

	for (x = 0; x < n; x++) {
		size_t q = list[x];
		double g;
		if (half_inv[q] > 0 && leave + (2 * d[x] + xx) * half_inv[q] <= gain)
			continue;
		g = leave + sqrt(norm2[q] + 2 * d[x] + xx) - len[q];
		if (x != own && g > gain + 1e-9) {
			gain = g;
			best = x;
		}
	}
	return best;
}

/* The state of the refinement. Rows are taken in chunks: the rows of a
 * chunk due a weighing are weighed first, on threads, against the sums as
 * the chunk starts; at its turn, a row has only the clusters changed since
 * weighed again, which gives the bits of weighing it then. */
struct refine {
	struct work *w;
	struct clock ck;
	int32_t *assign;
	size_t *size;
	double *norm2, *len; /* per cluster: the squared length of its sum, and the length */
	double *half_inv;    /* per cluster: 1 / (2 len), 0 where len is 0 */
	double *d;           /* k: one row's dot products, in its list's order */
	size_t chunk;        /* rows of a chunk */
	size_t from, to;     /* the chunk: rows[from .. to) */
	double *ahead;       /* chunk × k: the dot products weighed ahead, by cluster */
	double *ahead_xx;    /* per row of the chunk: its squared length */
	unsigned char *done; /* per row of the chunk: weighed ahead, 2 against all */
	uint32_t *since;     /* the clusters changed since the chunk started */
	size_t nsince;
	unsigned char *in_since;
	struct {
		uint32_t *list;
		double *d;
	} scratch[FB_PARALLEL_MAX]; /* of the threads weighing ahead */
};

static void weigh_ahead(void *arg, size_t t)
{
	struct refine *h = arg;
	struct work *w = h->w;
	size_t n = h->to - h->from, nt = w->nthreads, k = w->k, i, x, m, own;
	size_t lo = h->from + n * t / nt, hi = h->from + n * (t + 1) / nt;
	uint32_t *list = h->scratch[t].list;
	double *slot;

	for (i = lo; i < hi; i++) {
		size_t a = (size_t)h->assign[w->rows[i]];
		slot = h->ahead + (i - h->from) * k;
		m = h->size[a] < 2 ? 0 : to_weigh(w, &h->ck, i, a, &own, list);
		h->done[i - h->from] = m == k ? 2 : m > 0;
		if (m == k) {
			h->ahead_xx[i - h->from] = sums_dot(w, w->rows[i], list, k, slot);
		} else if (m > 0) {
			h->ahead_xx[i - h->from] =
			    sums_dot(w, w->rows[i], list, m, h->scratch[t].d);
			for (x = 0; x < m; x++)
				slot[list[x]] = h->scratch[t].d[x];
		}
	}
}

/* A chunk of fewer rows (the last) is not worth handing out. */
#define AHEAD_MIN 64

/* Starts the chunk of rows from i, weighing ahead. */
static void start_chunk(struct refine *h, size_t i)
{
	size_t x;

	h->from = i;
	h->to = i + h->chunk < h->w->nrows ? i + h->chunk : h->w->nrows;
	for (x = 0; x < h->nsince; x++)
		h->in_since[h->since[x]] = 0;
	h->nsince = 0;
	if (h->w->nthreads < 2 || h->to - h->from < AHEAD_MIN) {
		memset(h->done, 0, h->to - h->from);
		return;
	}
	fb_jobs_run(h->w->jobs, h->w->nthreads, weigh_ahead, h);
}

/* The dot products of row i with the sums of the n clusters in ck.list, in
 * that order, and the row's squared length in *xx. A row weighed ahead
 * has the clusters in its list then, and the clusters changed since, which
 * are the rest of its list now, unless its own cluster changed since and it
 * must now be weighed against all. */
static double *weigh(struct refine *h, size_t i, size_t n, double *xx)
{
	struct work *w = h->w;
	size_t row = w->rows[i], x;
	double *slot;

	if (!h->done[i - h->from] || (n == w->k && h->done[i - h->from] != 2)) {
		*xx = sums_dot(w, row, h->ck.list, n, h->d);
		return h->d;
	}
	slot = h->ahead + (i - h->from) * w->k;
	*xx = h->ahead_xx[i - h->from];
	if (h->nsince > 0) {
		sums_dot(w, row, h->since, h->nsince, h->d);
		for (x = 0; x < h->nsince; x++)
			slot[h->since[x]] = h->d[x];
	}
	if (n == w->k)
		return slot;
	for (x = 0; x < n; x++)
		h->d[x] = slot[h->ck.list[x]];
	return h->d;
}

static void changed(struct refine *h, size_t q)
{
	h->ck.cluster[q] = h->ck.now;
	if (!h->in_since[q]) {
		h->in_since[q] = 1;
		h->since[h->nsince++] = (uint32_t)q;
	}
}

/* One pass over the rows; returns the rows moved. */
static size_t pass(struct refine *h)
{
	struct work *w = h->w;
	size_t i, n, own, x, best, moves = 0;
	double xx, *d;

	for (i = 0; i < w->nrows; i++) {
		size_t row = w->rows[i], a = (size_t)h->assign[row];
		if (i == h->to || i == 0)
			start_chunk(h, i);
		if (h->size[a] < 2 || (n = to_weigh(w, &h->ck, i, a, &own, h->ck.list)) == 0)
			continue;
		d = weigh(h, i, n, &xx);
		x = best_move(h->ck.list, n, own, d, xx, h->norm2, h->len, h->half_inv);
		if (x == own) {
			h->ck.row[i] = h->ck.now;
			continue;
		}
		best = h->ck.list[x];
		move_row(w, row, a, best, d[own], d[x], xx, h->norm2, h->len, h->half_inv);
		h->size[a]--;
		h->size[best]++;
		h->assign[row] = (int32_t)best;
		h->ck.now++;
		changed(h, a);
		changed(h, best);
		h->ck.row[i] = 0;
		moves++;
	}
	return moves;
}

/* Rows of a chunk: few enough that few clusters change in one, and
 * enough to keep the threads busy. */
#define CHUNK 512

size_t work_hartigan(struct work *w, int32_t *assign, size_t *size, int max_passes)
{
	struct refine h = { .w = w, .assign = assign, .size = size };
	size_t i, q, t, total = 0, moves = 1;

	h.chunk = CHUNK;
	h.ck.now = 1;
	h.ck.cluster = fb_xcalloc(w->k, sizeof *h.ck.cluster);
	h.ck.row = fb_xcalloc(w->nrows + 1, sizeof *h.ck.row);
	h.ck.list = fb_xmalloc(w->k * sizeof *h.ck.list);
	h.norm2 = fb_xcalloc(w->k, sizeof *h.norm2);
	h.len = fb_xmalloc(w->k * sizeof *h.len);
	h.half_inv = fb_xmalloc(w->k * sizeof *h.half_inv);
	h.d = fb_xmalloc(w->k * sizeof *h.d);
	h.ahead = fb_xmalloc(h.chunk * w->k * sizeof *h.ahead);
	h.ahead_xx = fb_xmalloc(h.chunk * sizeof *h.ahead_xx);
	h.done = fb_xmalloc(h.chunk);
	h.since = fb_xmalloc(w->k * sizeof *h.since);
	h.in_since = fb_xcalloc(w->k, 1);
	for (t = 0; t < w->nthreads; t++) {
		h.scratch[t].list = fb_xmalloc(w->k * sizeof *h.scratch[t].list);
		h.scratch[t].d = fb_xmalloc(w->k * sizeof *h.scratch[t].d);
	}
	memset(w->moved, 1, w->k);
	memset(w->sum, 0, w->dim * w->k * sizeof *w->sum);
	for (i = 0; i < w->nrows; i++)
		work_add_row(w, w->rows[i], (size_t)assign[w->rows[i]], 1);
	for (t = 0; t < w->dim; t++)
		for (q = 0; q < w->k; q++)
			h.norm2[q] += w->sum[t * w->k + q] * w->sum[t * w->k + q];
	for (q = 0; q < w->k; q++) {
		h.len[q] = sqrt(h.norm2[q]);
		h.half_inv[q] = h.len[q] > 0 ? 0.5 / h.len[q] : 0;
	}
	for (int p = 0; p < max_passes && moves > 0; p++) {
		moves = pass(&h);
		total += moves;
	}
	work_update_centroids(w);
	free(h.ck.cluster);
	free(h.ck.row);
	free(h.ck.list);
	free(h.norm2);
	free(h.len);
	free(h.half_inv);
	free(h.d);
	free(h.ahead);
	free(h.ahead_xx);
	free(h.done);
	free(h.since);
	free(h.in_since);
	for (t = 0; t < w->nthreads; t++) {
		free(h.scratch[t].list);
		free(h.scratch[t].d);
	}
	return total;
}
