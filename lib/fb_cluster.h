/* Grouping unit vectors by direction: spherical k-means (cosine similarity)
 * with k-means++ seeding and restarts, and labels for the groups.
 *
 * Centroids are dense unit vectors. Each round assigns every non-empty row
 * to the centroid it is most similar to (the lowest number on a tie), then
 * sets each centroid to the normalised sum of its rows; a centroid left
 * without rows is moved to the row least similar to its own centroid. It
 * stops when no row changes cluster or after max_iter rounds. Of the
 * restarts, the one with the highest sum of similarities wins (the first on
 * a tie). That one is then refined by Hartigan's method: each row in turn
 * moves to the cluster where the objective (the sum over clusters of the
 * length of their summed rows, which equals the sum of similarities at a
 * fixed point) gains most, the sums updated at once, in passes until one
 * moves no row (at most max_iter); Lloyd's rounds then run again from the
 * result. Lloyd's rounds stop in local optima that single moves escape,
 * which on short texts costs intents. Seeding is greedy k-means++ with 2 + ln k candidates per
 * centre, drawn with probability proportional to 1 − cos to the nearest centre (at most 1: pointing
 * away counts as orthogonal). Randomness comes from a splitmix64 generator seeded with seed +
 * restart, so the same rows and options give the same clusters everywhere. Clusters are numbered by
 * size, largest first (by first row on a tie). */
#ifndef FB_CLUSTER_H
#define FB_CLUSTER_H

#include <stddef.h>
#include <stdint.h>

#include "fb_error.h"
#include "fb_tfidf.h"

struct fb_cluster_opts {
	size_t k;     /* at least 1; fewer when fewer non-empty rows */
	int restarts; /* at least 1 */
	int max_iter; /* at least 1 */
	uint64_t seed;
	struct fb_jobs *jobs; /* borrowed: the threads to fit on, NULL for the
	                       * caller's alone; the result does not depend on it */
};

/* Sets the defaults: k 10, 1 restart, 100 rounds, seed 1, 1 thread. */
void fb_cluster_opts_default(struct fb_cluster_opts *o);

struct fb_cluster_result {
	size_t k, dim;    /* clusters found, and the dimension */
	float *centroid;  /* dim × k, term-major: centroid[t * k + c] */
	int32_t *assign;  /* per row: its cluster, -1 for an empty row */
	float *sim;       /* per row: cosine similarity to its centroid, 0 if empty */
	size_t *size;     /* per cluster: rows */
	double objective; /* sum of sim of the best restart */
	int iterations;   /* rounds of the best restart */
	int best_restart; /* 0-based */
};

/* Clusters the rows of m (unit vectors or empty). Fills r (free with
 * fb_cluster_result_free). Returns 0, or -1 with err->text when no row is
 * non-empty. */
int fb_cluster_kmeans(const struct fb_tfidf_matrix *m, const struct fb_cluster_opts *o,
                      struct fb_cluster_result *r, struct fb_error *err);

/* The similarities of a sparse vector, n pairs (idx, val), to k centroids
 * stored term-major (centroid[t * k + c]): sims[0..k). Each is summed over
 * the pairs in order, so that fitting and assigning get the same bits. */
void fb_cluster_similarities(const float *centroid, size_t k, const uint32_t *idx, const float *val,
                             size_t n, float *sims);

/* The similarities of a sparse vector to every centroid: sims[0..r->k).
 * Returns the most similar cluster (the lowest number on a tie), or -1 for
 * an empty vector. */
int fb_cluster_nearest(const struct fb_cluster_result *r, const uint32_t *idx, const float *val,
                       size_t n, float *sims);

/* The most distinctive terms of each cluster, by class-based TF-IDF: for
 * term t and cluster c, (df_c(t) / n_c) × ln(1 + A / df(t)), with df_c(t)
 * the rows of c holding t, n_c the rows of c, df(t) the rows of any cluster
 * holding t and A the mean cluster size. Stop words are passed over, and
 * so are a word that is part of a pair already chosen and a pair whose words
 * were both chosen. assign gives each row's cluster in [0, k), or -1 for rows left out (empty
 * rows, outliers). Fills top[c * ntop + j] with term numbers, best first,
 * UINT32_MAX where a cluster has fewer terms. */
void fb_cluster_terms(const struct fb_tfidf_matrix *m, const struct fb_tfidf *t,
                      const int32_t *assign, size_t k, size_t ntop, uint32_t *top);

/* Orders rows by cluster (as in assign; -1 last), then by sim, most similar
 * first, then by row: fills order[0..m->nrows). */
void fb_cluster_order(size_t nrows, const int32_t *assign, const float *sim, size_t *order);

void fb_cluster_result_free(struct fb_cluster_result *r);

#endif
