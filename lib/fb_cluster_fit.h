/* Fitting fb-cluster's intents to a set of records: the vectors (TF-IDF of
 * the texts, or the records' embeddings), k (given, or chosen by
 * lib/fb_cluster_auto.h), spherical k-means, outliers by similarity, the
 * terms of each intent (class-based TF-IDF over the texts, whichever the
 * vectors) and the records in order of centrality. */
#ifndef FB_CLUSTER_FIT_H
#define FB_CLUSTER_FIT_H

#include <stddef.h>
#include <stdint.h>

#include "fb_cluster.h"
#include "fb_cluster_auto.h"
#include "fb_cluster_input.h"
#include "fb_tfidf.h"

struct fb_cluster_fit_opts {
	struct fb_tfidf_opts text;
	struct fb_cluster_opts cluster; /* k is ignored with auto_k */
	int auto_k;
	struct fb_cluster_auto_opts autok; /* its cluster member is ignored */
	double min_similarity;
	size_t nterms; /* terms kept per intent */
};

struct fb_cluster_fit {
	struct fb_tfidf *tfidf;         /* the texts' vocabulary */
	struct fb_tfidf_matrix m;       /* the texts' TF-IDF vectors */
	struct fb_tfidf_matrix emb;     /* the embeddings, when the records have them */
	struct fb_cluster_result res;   /* of k-means; res.k 0 when it could not run */
	struct fb_cluster_auto chosen;  /* with auto_k */
	struct fb_cluster_opts cluster; /* as run: k is the k asked or chosen */
	int32_t *id;                    /* per record: intent, -1 for an outlier */
	uint32_t *top;                  /* res.k × nterms terms */
	size_t *order;                  /* records by intent, most central first */
	size_t outliers;
};

/* Fits the records r (at least one) with options o into f (free with
 * fb_cluster_fit_free). Returns 0, or -1 when no vector is non-empty (no
 * term is in min_df texts): every record is then an outlier, and f is
 * still filled. */
int fb_cluster_fit_run(const struct fb_cluster_fit_opts *o, const struct fb_cluster_records *r,
                       struct fb_cluster_fit *f);

void fb_cluster_fit_free(struct fb_cluster_fit *f);

#endif
