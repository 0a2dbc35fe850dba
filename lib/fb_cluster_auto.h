/* Choosing the number of clusters of spherical k-means (lib/fb_cluster.h)
 * by the mean silhouette (Rousseeuw 1987) with cosine distance.
 *
 * A sample of at most o->sample non-empty rows, drawn once with the seed,
 * is where silhouettes are measured: for row i of cluster A, a(i) is its
 * mean distance 1 − cos to the other sampled rows of A, b(i) the lowest mean
 * distance to the sampled rows of another cluster, s(i) = (b − a) / max(a,
 * b), and 0 when i is alone in A within the sample. The criterion of k is
 * the mean of s over the sample, clustering all rows with k clusters (one
 * run, o->cluster.restarts being what the caller then fits with).
 *
 * Candidates: a geometric grid from kmin to kmax, each about 1.5 times the
 * one before (kmin and kmax included), then a refinement around the best:
 * the midpoints between it and its nearest candidates on either side, again
 * and again, until those are within max(1, k / 20) of it. The best is the
 * highest mean silhouette, the smallest k on a tie. */
#ifndef FB_CLUSTER_AUTO_H
#define FB_CLUSTER_AUTO_H

#include <stddef.h>

#include "fb_cluster.h"
#include "fb_error.h"
#include "fb_tfidf.h"

struct fb_cluster_auto_opts {
	size_t kmin, kmax;              /* 2 <= kmin <= kmax; kmax 0: the default */
	size_t sample;                  /* rows the silhouette is measured on */
	size_t fit_rows;                /* rows the runs are on (0: all) */
	struct fb_cluster_opts cluster; /* seed and max_iter of the runs */
};

/* Sets the defaults: kmin 2, kmax 0, sample 2000, fit_rows 20000,
 * fb_cluster_opts_default. */
void fb_cluster_auto_opts_default(struct fb_cluster_auto_opts *o);

/* The default kmax for nrows rows: 2 √nrows, rounded, within [2, 300]. */
size_t fb_cluster_auto_kmax(size_t nrows);

struct fb_cluster_auto_step {
	size_t k;          /* clusters asked for */
	double silhouette; /* mean over the sample */
};

struct fb_cluster_auto {
	size_t k;                           /* the choice */
	struct fb_cluster_auto_step *steps; /* in the order evaluated */
	size_t nsteps;
	size_t sample;   /* rows of the silhouette sample */
	size_t fit_rows; /* rows of the runs */
};

/* Chooses k for the rows of m (unit vectors or empty) as above, kmax cut
 * to the number of non-empty rows. Fills a (free with fb_cluster_auto_free).
 * Returns 0, or -1 with err->text when fewer than two rows are non-empty. */
int fb_cluster_auto_choose(const struct fb_tfidf_matrix *m, const struct fb_cluster_auto_opts *o,
                           struct fb_cluster_auto *a, struct fb_error *err);

/* The mean silhouette of rows[0..n) of m with cosine distance, given each
 * one's cluster in assign[rows[i]] (rows of cluster -1 are left out). 0
 * when fewer than two clusters are present. */
double fb_cluster_auto_silhouette(const struct fb_tfidf_matrix *m, const size_t *rows, size_t n,
                                  const int32_t *assign);

void fb_cluster_auto_free(struct fb_cluster_auto *a);

#endif
