/* What fb-cluster takes from each record, and the compact store of the
 * records it fits on: the raw lines (to write them back byte for byte),
 * the texts, the embeddings and a few numbers, not parsed JSON. */
#ifndef FB_CLUSTER_INPUT_H
#define FB_CLUSTER_INPUT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "fb_error.h"
#include "fb_path.h"

/* The fields read. */
struct fb_cluster_fields {
	const struct fb_path *text;      /* required, unless embedding is set */
	const struct fb_path *embedding; /* NULL: the text's TF-IDF vector */
	const struct fb_path *user;      /* NULL: users are not counted */
};

/* One record's part, borrowed from the record. */
struct fb_cluster_item {
	const char *text; /* NULL when the record has none (embeddings only) */
	size_t len;
	double score;   /* fb-extract's score, NaN when absent */
	int negative;   /* 1 when label is "negative", 0 another label, -1 none */
	uint64_t user;  /* a 64-bit hash of the user field, 0 when absent */
	int has_intent; /* the record has an "intent" member */
};

/* Reads the fields of rec into *it. With an embedding field, its values,
 * scaled to length 1, go to vec[0..*dim): *dim 0 takes the length of this
 * vector (vec must then hold FB_CLUSTER_MAX_DIM values), otherwise the
 * vector must have *dim values. Returns 0, or -1 with err->text, the
 * message of a bad record ("PATH: missing", "PATH: expected a string, got
 * TYPE", "PATH: empty text", "PATH: expected an array of numbers, got TYPE",
 * "PATH: value N: expected a number, got TYPE", "PATH: has N values,
 * expected M", "PATH: zero vector"). With an embedding field a text is
 * optional, but must be a string when present. */
int fb_cluster_item_get(const struct fb_cluster_fields *f, const json_t *rec,
                        struct fb_cluster_item *it, float *vec, size_t *dim, struct fb_error *err);

#define FB_CLUSTER_MAX_DIM 65536

/* The records kept for fitting. */
struct fb_cluster_records {
	char *raw, *text;
	size_t rawlen, rawcap, textlen, textcap;
	size_t *raw_off, *text_off; /* n + 1 each */
	double *score;
	signed char *negative;
	unsigned char *has_intent;
	uint64_t *user;
	float *vec; /* n × dim embeddings, when dim > 0 */
	size_t dim, veccap;
	size_t n, cap;
	int any_score, any_label;
};

/* Appends a record: its line raw[0..rawlen), *it, and vec[0..r->dim) when
 * r->dim > 0 (set dim before the first record). Copies everything. */
void fb_cluster_records_add(struct fb_cluster_records *r, const char *raw, size_t rawlen,
                            const struct fb_cluster_item *it, const float *vec);

/* Record i's raw line and text (the empty string when it had none). */
const char *fb_cluster_records_raw(const struct fb_cluster_records *r, size_t i, size_t *len);
const char *fb_cluster_records_text(const struct fb_cluster_records *r, size_t i, size_t *len);

void fb_cluster_records_free(struct fb_cluster_records *r);

#endif
