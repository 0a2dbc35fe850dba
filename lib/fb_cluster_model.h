/* Model files of fb-cluster: the fitted vocabulary and intents, saved so
 * later records can be assigned to the same intents without refitting.
 *
 * A model file is one JSON object (fb-cluster(1), MODEL FILE):
 *   {"format":"fbloop-cluster-model","version":1,
 *    "parameters":{"lang":"auto","corpus_lang":"en","ngrams":2,"min_df":2,
 *                  "max_df":0.5,"max_terms":50000,"k":10,"restarts":3,
 *                  "max_iter":100,"seed":1,"min_similarity":0,"label_terms":3},
 *    "records":1234,
 *    "vocabulary":{"terms":[...],"surfaces":[...],"idf":[...],"df":[...]},
 *    "intents":[{"id":0,"size":321,"label":"reset / password","terms":[17,4],
 *                "centroid":{"index":[4,17,...],"value":[0.5,...]}},...]}
 * The vocabulary lists terms (stems, in the order of their numbers), their
 * surface forms, idf and document frequencies; an intent's terms are term
 * numbers, its most distinctive first, and its centroid the non-zero
 * weights of a unit vector by increasing term number. Reals are written with
 * 17 significant digits, so a model read back assigns exactly as the one
 * written. */
#ifndef FB_CLUSTER_MODEL_H
#define FB_CLUSTER_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fb_cluster.h"
#include "fb_error.h"
#include "fb_tfidf.h"

#define FB_CLUSTER_MODEL_FORMAT "fbloop-cluster-model"
#define FB_CLUSTER_MODEL_VERSION 1
/* A model fitted on embeddings: version 1 plus parameters.embedding_field
 * and parameters.dim; centroids are then over the dim values of the
 * embedding, and the vocabulary only names the intents. */
#define FB_CLUSTER_MODEL_VERSION_EMBEDDING 2

struct fb_cluster_model {
	struct fb_tfidf *tfidf;         /* vocabulary, idf, options, languages */
	struct fb_cluster_result res;   /* k, dim, centroid and size; no rows */
	size_t ntop;                    /* terms per intent */
	uint32_t *top;                  /* k × ntop, UINT32_MAX past the last */
	size_t nlabel;                  /* terms of top that make the label */
	struct fb_cluster_opts cluster; /* as fitted */
	double min_similarity;
	size_t records;        /* texts fitted */
	char *embedding_field; /* the path of the embeddings, NULL for TF-IDF */
};

/* Writes model m to f as one line of JSON, version 2 when it has an
 * embedding field (res.dim is then the dimension), else 1. Returns 0, or -1 on a write
 * error (errno set). m is not changed. */
int fb_cluster_model_write(const struct fb_cluster_model *m, FILE *f);

/* Reads the model file at path (version 1 or 2) into m, whose tfidf,
 * res.centroid, res.size, top and embedding_field are new (free with fb_cluster_model_free).
 * Returns 0, or -1 with err filled: the line and column of a JSON syntax error, else 0 and the text
 * (for example "not an fb-cluster model", "unsupported model version 2", "centroid 3 has 4 values,
 * expected 5"); m is then empty. */
int fb_cluster_model_read(const char *path, struct fb_cluster_model *m, struct fb_error *err);

/* The label of intent c into buf: the surface forms of its first nlabel
 * terms, joined by " / ", cut at a term that does not fit. Returns the
 * length, 0 when the intent has no term. */
size_t fb_cluster_model_label(const struct fb_tfidf *t, const uint32_t *top, size_t ntop,
                              size_t nlabel, size_t c, char *buf, size_t size);

/* Frees what fb_cluster_model_read allocated, and empties m. */
void fb_cluster_model_free(struct fb_cluster_model *m);

#endif
