#include "fb_cluster_sample.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fb_alloc.h"

uint64_t fb_cluster_rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

size_t fb_cluster_rng_below(uint64_t *s, size_t n)
{
	uint64_t x = fb_cluster_rng_next(s);

	/* The high 32 bits times n, over 2^32: exact for n < 2^32. */
	if (n <= UINT32_MAX)
		return (size_t)(((x >> 32) * (uint64_t)n) >> 32);
	return (size_t)(x % n);
}

static int cmp_size_t(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

size_t fb_cluster_sample_rows(size_t n, size_t m, uint64_t seed, size_t *out)
{
	uint64_t s = seed;
	size_t i, j;

	if (m >= n) {
		for (i = 0; i < n; i++)
			out[i] = i;
		return n;
	}
	/* Algorithm R over 0..n-1. */
	for (i = 0; i < m; i++)
		out[i] = i;
	for (i = m; i < n; i++) {
		j = fb_cluster_rng_below(&s, i + 1);
		if (j < m)
			out[j] = i;
	}
	qsort(out, m, sizeof *out, cmp_size_t);
	return m;
}

void fb_cluster_reservoir_init(struct fb_cluster_reservoir *r, size_t cap, uint64_t seed)
{
	memset(r, 0, sizeof *r);
	r->cap = cap ? cap : 1;
	r->rng = seed;
}

static void put(struct fb_cluster_reservoir *r, size_t slot, const char *text, size_t len)
{
	r->text[slot] = fb_xstrndup(text, len);
	r->len[slot] = len;
	r->index[slot] = r->seen;
}

void fb_cluster_reservoir_add(struct fb_cluster_reservoir *r, const char *text, size_t len)
{
	size_t j, cap0;

	if (r->n < r->cap) {
		if (r->n == 0 || (r->n & (r->n - 1)) == 0) {
			/* Grow by doubling up to cap, so a small input costs little. */
			cap0 = r->n ? 2 * r->n : 16;
			if (cap0 > r->cap)
				cap0 = r->cap;
			r->text = fb_xrealloc(r->text, cap0 * sizeof *r->text);
			r->len = fb_xrealloc(r->len, cap0 * sizeof *r->len);
			r->index = fb_xrealloc(r->index, cap0 * sizeof *r->index);
		}
		put(r, r->n++, text, len);
	} else {
		j = fb_cluster_rng_below(&r->rng, r->seen + 1);
		if (j < r->cap) {
			free(r->text[j]);
			put(r, j, text, len);
		}
	}
	r->seen++;
}

struct held {
	size_t index, len;
	char *text;
};

static int cmp_held(const void *a, const void *b)
{
	const struct held *x = a, *y = b;

	return (x->index > y->index) - (x->index < y->index);
}

void fb_cluster_reservoir_sort(struct fb_cluster_reservoir *r)
{
	struct held *h = fb_xmalloc((r->n + 1) * sizeof *h);
	size_t i;

	for (i = 0; i < r->n; i++) {
		h[i].index = r->index[i];
		h[i].len = r->len[i];
		h[i].text = r->text[i];
	}
	qsort(h, r->n, sizeof *h, cmp_held);
	for (i = 0; i < r->n; i++) {
		r->index[i] = h[i].index;
		r->len[i] = h[i].len;
		r->text[i] = h[i].text;
	}
	free(h);
}

void fb_cluster_reservoir_free(struct fb_cluster_reservoir *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->text[i]);
	free(r->text);
	free(r->len);
	free(r->index);
	memset(r, 0, sizeof *r);
}

int fb_cluster_spool_open(struct fb_cluster_spool *s, const char *dir, size_t sample, uint64_t seed)
{
	char *path = fb_xmalloc(strlen(dir) + 32);
	int fd, e;

	memset(s, 0, sizeof *s);
	sprintf(path, "%s/fb-cluster.XXXXXX", dir);
	fd = mkstemp(path);
	if (fd >= 0) {
		unlink(path);
		if (!(s->f = fdopen(fd, "w+"))) {
			e = errno;
			close(fd);
			errno = e;
		}
	}
	free(path);
	if (!s->f)
		return -1;
	fb_cluster_reservoir_init(&s->res, sample, seed);
	return 0;
}

int fb_cluster_spool_add(struct fb_cluster_spool *s, const char *line, size_t len)
{
	if (fwrite(line, 1, len, s->f) != len || putc('\n', s->f) == EOF)
		return -1;
	fb_cluster_reservoir_add(&s->res, line, len);
	s->n++;
	return 0;
}

int fb_cluster_spool_rewind(struct fb_cluster_spool *s)
{
	if (fflush(s->f) != 0)
		return -1;
	rewind(s->f);
	return 0;
}

const char *fb_cluster_spool_next(struct fb_cluster_spool *s, size_t *len)
{
	ssize_t n = getline(&s->line, &s->cap, s->f);

	if (n <= 0)
		return NULL;
	*len = (size_t)n;
	return s->line;
}

void fb_cluster_spool_close(struct fb_cluster_spool *s)
{
	if (s->f)
		fclose(s->f);
	fb_cluster_reservoir_free(&s->res);
	free(s->line);
	memset(s, 0, sizeof *s);
}
