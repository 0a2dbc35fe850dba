/* Seeded sampling for fb-cluster: a splitmix64 generator, a uniform sample
 * of rows, and a reservoir sample of a stream of texts (Vitter's Algorithm
 * R), so that the same input and seed pick the same records everywhere. */
#ifndef FB_CLUSTER_SAMPLE_H
#define FB_CLUSTER_SAMPLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The next number of the splitmix64 generator (Steele, Lea and Flood 2014)
 * whose state is *s. */
uint64_t fb_cluster_rng_next(uint64_t *s);

/* A number in [0, n), n > 0, from *s (by the high bits times n: the bias
 * is below n / 2^64). */
size_t fb_cluster_rng_below(uint64_t *s, size_t n);

/* Picks m of the n numbers [0, n) uniformly at random with the generator
 * seeded with seed, and writes them to out[0..m) in increasing order; m
 * greater than n is n. Returns the number written. */
size_t fb_cluster_sample_rows(size_t n, size_t m, uint64_t seed, size_t *out);

/* A reservoir of at most cap texts out of a stream (Algorithm R): after
 * fb_cluster_reservoir_add has seen records 0..i, every one of them is in
 * the reservoir with probability cap / (i + 1). */
struct fb_cluster_reservoir {
	size_t cap, seen, n; /* capacity, records offered, texts held */
	char **text;         /* n texts, NUL-terminated, owned */
	size_t *len;         /* their lengths */
	size_t *index;       /* the record number of each */
	uint64_t rng;
};

/* An empty reservoir of capacity cap (at least 1) with the generator seeded
 * with seed. */
void fb_cluster_reservoir_init(struct fb_cluster_reservoir *r, size_t cap, uint64_t seed);

/* Offers the next record's text (len bytes, copied when kept). */
void fb_cluster_reservoir_add(struct fb_cluster_reservoir *r, const char *text, size_t len);

/* Puts the texts held in the order the records came in, so that a sample
 * as large as the input is the input. */
void fb_cluster_reservoir_sort(struct fb_cluster_reservoir *r);

void fb_cluster_reservoir_free(struct fb_cluster_reservoir *r);

/* The input of --sample: every good record's line is copied to a temporary
 * file as it is read, and offered to a reservoir; after the fit, the lines
 * are read back to be assigned. */
struct fb_cluster_spool {
	FILE *f;
	struct fb_cluster_reservoir res;
	size_t n; /* lines written */
	char *line;
	size_t cap;
};

/* Opens s: a new temporary file in dir, removed at once (so that nothing
 * is left behind, whatever happens), and a reservoir of sample lines seeded
 * with seed. Returns 0, or -1 with errno set. */
int fb_cluster_spool_open(struct fb_cluster_spool *s, const char *dir, size_t sample,
                          uint64_t seed);

/* Appends line[0..len) (without its line end). Returns 0, or -1 on a write
 * error (errno set). */
int fb_cluster_spool_add(struct fb_cluster_spool *s, const char *line, size_t len);

/* Flushes the file and goes back to its start. Returns 0, or -1 (errno). */
int fb_cluster_spool_rewind(struct fb_cluster_spool *s);

/* The next line, with its newline, and its length in *len; NULL at the end
 * or on a read error (then ferror(s->f)). Valid until the next call. */
const char *fb_cluster_spool_next(struct fb_cluster_spool *s, size_t *len);

void fb_cluster_spool_close(struct fb_cluster_spool *s);

#endif
