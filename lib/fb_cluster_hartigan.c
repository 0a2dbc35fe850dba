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
                     double xx, double *norm2, double *len)
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
}

/* The clusters row i must be weighed against, in increasing number, its
 * own cluster a among them, into ck->list, with a's place in *own; 0 when
 * it can be skipped. */
static size_t to_weigh(const struct work *w, const struct clock *ck, size_t i, size_t a,
                       size_t *own)
{
	uint64_t seen = ck->row[i];
	size_t q, n = 0;

	if (seen == 0 || ck->cluster[a] > seen) {
		for (q = 0; q < w->k; q++)
			ck->list[n++] = (uint32_t)q;
		*own = a;
		return n;
	}
	for (q = 0; q < w->k; q++) {
		if (q == a)
			*own = n;
		if (q == a || ck->cluster[q] > seen)
			ck->list[n++] = (uint32_t)q;
	}
	return n > 1 ? n : 0;
}

/* The place in list[0..n) of the cluster where row gains most by more than
 * a margin (which keeps rounding from moving rows back and forth), the
 * first on a tie, or own (its own cluster's) when none does. len holds the
 * square roots of norm2. */
static size_t best_move(const uint32_t *list, size_t n, size_t own, const double *d, double xx,
                        const double *norm2, const double *len)
{
	size_t a = list[own], best = own, x;
	double gain = 0, leave = sqrt(fmax(norm2[a] - 2 * d[own] + xx, 0)) - len[a];

	for (x = 0; x < n; x++) {
		size_t q = list[x];
		double g = leave + sqrt(norm2[q] + 2 * d[x] + xx) - len[q];
		if (x != own && g > gain + 1e-9) {
			gain = g;
			best = x;
		}
	}
	return best;
}

/* One pass over the rows; returns the rows moved. */
static size_t pass(struct work *w, struct clock *ck, int32_t *assign, size_t *size, double *norm2,
                   double *len, double *d)
{
	size_t i, n, own, x, best, moves = 0;

	for (i = 0; i < w->nrows; i++) {
		size_t row = w->rows[i], a = (size_t)assign[row];
		double xx;
		if (size[a] < 2 || (n = to_weigh(w, ck, i, a, &own)) == 0)
			continue;
		xx = sums_dot(w, row, ck->list, n, d);
		x = best_move(ck->list, n, own, d, xx, norm2, len);
		if (x == own) {
			ck->row[i] = ck->now;
			continue;
		}
		best = ck->list[x];
		move_row(w, row, a, best, d[own], d[x], xx, norm2, len);
		size[a]--;
		size[best]++;
		assign[row] = (int32_t)best;
		ck->now++;
		ck->cluster[a] = ck->cluster[best] = ck->now;
		ck->row[i] = 0;
		moves++;
	}
	return moves;
}

size_t work_hartigan(struct work *w, int32_t *assign, size_t *size, int max_passes)
{
	double *norm2 = fb_xcalloc(w->k, sizeof *norm2), *d = fb_xmalloc(w->k * sizeof *d);
	double *len = fb_xmalloc(w->k * sizeof *len);
	struct clock ck;
	size_t i, q, t, total = 0, moves = 1;

	ck.now = 1;
	ck.cluster = fb_xcalloc(w->k, sizeof *ck.cluster);
	ck.row = fb_xcalloc(w->nrows + 1, sizeof *ck.row);
	ck.list = fb_xmalloc(w->k * sizeof *ck.list);
	memset(w->moved, 1, w->k);
	memset(w->sum, 0, w->dim * w->k * sizeof *w->sum);
	for (i = 0; i < w->nrows; i++)
		work_add_row(w, w->rows[i], (size_t)assign[w->rows[i]], 1);
	for (t = 0; t < w->dim; t++)
		for (q = 0; q < w->k; q++)
			norm2[q] += w->sum[t * w->k + q] * w->sum[t * w->k + q];
	for (q = 0; q < w->k; q++)
		len[q] = sqrt(norm2[q]);
	for (int p = 0; p < max_passes && moves > 0; p++) {
		moves = pass(w, &ck, assign, size, norm2, len, d);
		total += moves;
	}
	work_update_centroids(w);
	free(ck.cluster);
	free(ck.row);
	free(ck.list);
	free(norm2);
	free(len);
	free(d);
	return total;
}
