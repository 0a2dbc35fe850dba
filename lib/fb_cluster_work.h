/* The state of one spherical k-means run, shared by its steps
 * (fb_cluster_kmeans.c: seeding and Lloyd's rounds; fb_cluster_hartigan.c:
 * Hartigan's refinement). Internal to those files. */
#ifndef FB_CLUSTER_WORK_H
#define FB_CLUSTER_WORK_H

#include <stddef.h>
#include <stdint.h>

#include "fb_jobs.h"
#include "fb_parallel.h"
#include "fb_tfidf.h"

/* What one thread writes: scores of a row against the centroids, and
 * cosines of rows to a candidate centre. */
struct work_scratch {
	float *scores;       /* k */
	double *dot;         /* per non-empty row: cos to a candidate */
	unsigned char *mark; /* per non-empty row: dot is set */
	size_t *touched;     /* the rows with dot set */
};

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
	unsigned char *changed; /* per cluster: its centroid moved last round */
	unsigned char *moved;   /* per cluster: a row joined or left this round */
	uint32_t *changed_list; /* the clusters with changed set */
	uint32_t *moved_list;   /* the clusters with moved set */
	double *dist;           /* per non-empty row: 1 − cos to the nearest centre */
	double *cum;            /* per non-empty row: the running sums of dist */
	int32_t *next;          /* per non-empty row: its cluster this round */
	float *next_sim;        /* per non-empty row: its similarity to that */
	size_t nthreads;
	struct fb_jobs *jobs;              /* borrowed; NULL: the caller alone */
	size_t share[FB_PARALLEL_MAX + 1]; /* thread t scores rows[share[t] .. share[t + 1]) */
	struct work_scratch scratch[FB_PARALLEL_MAX];
};

/* Adds a row to the sum of cluster q (sign 1), or takes it out (-1). */
void work_add_row(struct work *w, size_t row, size_t q, double sign);

/* Sets the centroids of the clusters marked in w->moved to their
 * normalised sums. */
void work_update_centroids(struct work *w);

/* Hartigan's refinement (see fb_cluster.h) of the clusters in assign and
 * size, at most max_passes passes; leaves the centroids in w->c. Returns the
 * rows moved. */
size_t work_hartigan(struct work *w, int32_t *assign, size_t *size, int max_passes);

#endif
