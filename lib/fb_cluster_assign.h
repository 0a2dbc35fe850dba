/* Assigning records one at a time to fixed intents (those of a model
 * file, or those fitted on a sample): the nearest centroid by cosine, an
 * outlier below a similarity. Constant memory: nothing is kept between
 * records. */
#ifndef FB_CLUSTER_ASSIGN_H
#define FB_CLUSTER_ASSIGN_H

#include <stdint.h>

#include "fb_cluster.h"
#include "fb_cluster_input.h"
#include "fb_tfidf.h"

struct fb_cluster_assigner {
	struct fb_tfidf *tfidf;              /* borrowed: the texts' vocabulary */
	const struct fb_cluster_result *res; /* borrowed: k, dim and centroids */
	double min_sim;
	float *sims;    /* k */
	uint32_t *iota; /* 0 .. dim-1, the indices of an embedding; NULL for TF-IDF */
	struct fb_sparse v;
};

/* Sets a up to assign to the centroids of res, by the TF-IDF vectors of
 * tfidf or, when embedding, by embeddings of res->dim values; a record
 * less similar than min_sim to its nearest centroid is an outlier. Both
 * pointers are borrowed. */
void fb_cluster_assigner_init(struct fb_cluster_assigner *a, struct fb_tfidf *tfidf,
                              const struct fb_cluster_result *res, double min_sim, int embedding);

/* The intent of a record: its text it, or its embedding vec (unit length,
 * res->dim values). Returns the intent, or -1 for an outlier (no term of
 * the vocabulary, or too far); *sim gets the similarity to the nearest
 * centroid (0 for an empty vector). */
int32_t fb_cluster_assign(struct fb_cluster_assigner *a, const struct fb_cluster_item *it,
                          const float *vec, float *sim);

void fb_cluster_assigner_free(struct fb_cluster_assigner *a);

#endif
