#include "fb_minhash.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "fb_alloc.h"
#include "fb_text.h"

#define MAX_K 1024
#define MAX_SHINGLE 16
#define EMPTY_ID UINT32_MAX

struct fb_minhash {
	struct fb_minhash_params p;
	uint64_t *a, *b; /* the k multiply-shift hash functions; a odd */
	uint64_t word_seed, shingle_seed, band_seed;
};

/* splitmix64: the seed expands into the hash functions' constants. */
static uint64_t splitmix(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* The murmur3 finaliser: every input bit reaches every output bit. */
static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDULL;
	h ^= h >> 33;
	h *= 0xC4CEB9FE1A85EC53ULL;
	return h ^ (h >> 33);
}

void fb_minhash_params_default(struct fb_minhash_params *p)
{
	p->k = FB_MINHASH_K;
	p->shingle = FB_MINHASH_SHINGLE;
	p->bands = FB_MINHASH_BANDS;
	p->rows = FB_MINHASH_ROWS;
	p->seed = FB_MINHASH_SEED;
}

double fb_minhash_candidate_probability(size_t bands, size_t rows, double j)
{
	return 1.0 - pow(1.0 - pow(j, (double)rows), (double)bands);
}

void fb_minhash_params_for_threshold(struct fb_minhash_params *p, double threshold)
{
	size_t r;

	for (r = p->k; r > 1; r--)
		if (fb_minhash_candidate_probability(p->k / r, r, threshold) >= 0.9)
			break;
	p->rows = r;
	p->bands = p->k / r;
}

struct fb_minhash *fb_minhash_new(const struct fb_minhash_params *p, struct fb_error *err)
{
	struct fb_minhash *mh;
	uint64_t state;
	size_t i;

	if (p->k < 1 || p->k > MAX_K || p->shingle < 1 || p->shingle > MAX_SHINGLE ||
	    p->bands < 1 || p->rows < 1 || p->rows > p->k || p->bands > p->k / p->rows) {
		fb_error_set(err, 0, 0,
		             "invalid minhash parameters: k %zu, shingle %zu, bands %zu, rows %zu",
		             p->k, p->shingle, p->bands, p->rows);
		return NULL;
	}
	mh = fb_xcalloc(1, sizeof *mh);
	mh->p = *p;
	mh->a = fb_xmalloc(p->k * sizeof *mh->a);
	mh->b = fb_xmalloc(p->k * sizeof *mh->b);
	state = p->seed;
	mh->word_seed = splitmix(&state);
	mh->shingle_seed = splitmix(&state);
	mh->band_seed = splitmix(&state);
	for (i = 0; i < p->k; i++) {
		mh->a[i] = splitmix(&state) | 1;
		mh->b[i] = splitmix(&state);
	}
	return mh;
}

void fb_minhash_free(struct fb_minhash *mh)
{
	if (!mh)
		return;
	free(mh->a);
	free(mh->b);
	free(mh);
}

const struct fb_minhash_params *fb_minhash_params(const struct fb_minhash *mh)
{
	return &mh->p;
}

/* Hashes one word (already NFKC case-folded by fb_text_words), stripping
 * accents on the way so that "café" and "cafe" are one word. */
static uint64_t hash_word(uint64_t seed, const char *w, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)w;
	utf8proc_ssize_t left = (utf8proc_ssize_t)len, step, n, i;
	utf8proc_int32_t c, out[8];
	uint64_t h = seed;
	int last;

	while (left > 0) {
		step = utf8proc_iterate(p, left, &c);
		if (step <= 0) {
			step = 1;
			c = *p;
		}
		if (c < 128) {
			h = (h ^ (uint64_t)c) * 0x100000001B3ULL;
		} else {
			last = 0;
			n = utf8proc_decompose_char(
			    c, out, 8, UTF8PROC_COMPAT | UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE,
			    &last);
			if (n < 0 || n > 8) {
				out[0] = c;
				n = 1;
			}
			for (i = 0; i < n; i++)
				h = (h ^ (uint64_t)out[i]) * 0x100000001B3ULL;
		}
		p += step;
		left -= step;
	}
	return mix(h);
}

static void update_minima(const struct fb_minhash *mh, uint64_t x, uint32_t *sig)
{
	size_t i;
	uint32_t v;

	for (i = 0; i < mh->p.k; i++) {
		v = (uint32_t)((mh->a[i] * x + mh->b[i]) >> 32);
		if (v < sig[i])
			sig[i] = v;
	}
}

void fb_minhash_sign(const struct fb_minhash *mh, const char *text, size_t len, uint32_t *sig)
{
	struct fb_text_words w = { 0 };
	uint64_t *wh, h;
	size_t i, j, n, s = mh->p.shingle, wlen;

	for (i = 0; i < mh->p.k; i++)
		sig[i] = UINT32_MAX;
	fb_text_words(text, len, &w);
	n = w.n;
	if (n == 0)
		goto out;
	wh = fb_xmalloc(n * sizeof *wh);
	for (i = 0; i < n; i++) {
		wlen = (i + 1 < n ? w.off[i + 1] - 1 : w.len - 1) - w.off[i];
		wh[i] = hash_word(mh->word_seed, w.buf + w.off[i], wlen);
	}
	if (s > n)
		s = n;
	for (i = 0; i + s <= n; i++) {
		h = mh->shingle_seed;
		for (j = 0; j < s; j++)
			h = mix(h ^ wh[i + j]);
		update_minima(mh, h, sig);
	}
	free(wh);
out:
	fb_text_words_free(&w);
}

double fb_minhash_similarity(const struct fb_minhash *mh, const uint32_t *a, const uint32_t *b)
{
	size_t i, eq = 0;

	for (i = 0; i < mh->p.k; i++)
		eq += a[i] == b[i];
	return (double)eq / (double)mh->p.k;
}

/* ---- the LSH index ---- */

/* One band's table: a multimap from 32-bit band keys to item ids with
 * linear probing, entries of one key anywhere in the probe run from its
 * home slot to the next empty slot. */
struct band_table {
	uint32_t *key, *id;
	size_t cap, n; /* cap a power of two */
};

struct fb_minhash_index {
	const struct fb_minhash *mh;
	struct band_table *bands;
	uint16_t *fp; /* k fingerprints per item */
	size_t n, fpcap;
	uint32_t *cand; /* query results */
	size_t candcap;
	uint64_t *bh; /* band hashes of the signature being worked on */
};

static void table_init(struct band_table *t, size_t cap)
{
	size_t i;

	t->cap = cap;
	t->n = 0;
	t->key = fb_xmalloc(cap * sizeof *t->key);
	t->id = fb_xmalloc(cap * sizeof *t->id);
	for (i = 0; i < cap; i++)
		t->id[i] = EMPTY_ID;
}

/* Band keys come from a good hash, so their low bits pick the home slot,
 * and a table can grow without the full hash. */
static size_t home(const struct band_table *t, uint32_t key)
{
	return (size_t)key & (t->cap - 1);
}

/* Puts an entry in the first empty slot of its probe run. With capped set,
 * returns 0 without adding when the key already has FB_MINHASH_BUCKET_MAX
 * entries. */
static int table_put(struct band_table *t, uint32_t key, uint32_t id, int capped)
{
	size_t i = home(t, key), same = 0;

	while (t->id[i] != EMPTY_ID) {
		if (capped && t->key[i] == key && ++same >= FB_MINHASH_BUCKET_MAX)
			return 0;
		i = (i + 1) & (t->cap - 1);
	}
	t->key[i] = key;
	t->id[i] = id;
	t->n++;
	return 1;
}

/* Doubles the table before it gets more than 3/4 full. */
static void table_reserve(struct band_table *t)
{
	struct band_table old = *t;
	size_t i;

	if (4 * (t->n + 1) <= 3 * t->cap)
		return;
	table_init(t, old.cap * 2);
	for (i = 0; i < old.cap; i++)
		if (old.id[i] != EMPTY_ID)
			(void)table_put(t, old.key[i], old.id[i], 0);
	free(old.key);
	free(old.id);
}

static void table_free(struct band_table *t)
{
	free(t->key);
	free(t->id);
}

struct fb_minhash_index *fb_minhash_index_new(const struct fb_minhash *mh)
{
	struct fb_minhash_index *ix = fb_xcalloc(1, sizeof *ix);
	size_t b;

	ix->mh = mh;
	ix->bands = fb_xmalloc(mh->p.bands * sizeof *ix->bands);
	for (b = 0; b < mh->p.bands; b++)
		table_init(&ix->bands[b], 16);
	ix->bh = fb_xmalloc(mh->p.bands * sizeof *ix->bh);
	return ix;
}

void fb_minhash_index_free(struct fb_minhash_index *ix)
{
	size_t b;

	if (!ix)
		return;
	for (b = 0; b < ix->mh->p.bands; b++)
		table_free(&ix->bands[b]);
	free(ix->bands);
	free(ix->fp);
	free(ix->cand);
	free(ix->bh);
	free(ix);
}

/* The band keys of sig, each hashed with its band number so that equal rows
 * in different bands do not meet (they live in different tables anyway). */
static void band_keys(struct fb_minhash_index *ix, const uint32_t *sig)
{
	const struct fb_minhash *mh = ix->mh;
	size_t b, r;
	uint64_t h;

	for (b = 0; b < mh->p.bands; b++) {
		h = mh->band_seed ^ b;
		for (r = 0; r < mh->p.rows; r++)
			h = mix(h ^ sig[b * mh->p.rows + r]);
		ix->bh[b] = h;
	}
}

/* A 16-bit fingerprint of a minimum. The minima's high bits are mostly
 * zero, so the fingerprint mixes all 32 bits. */
static uint16_t fingerprint(uint32_t v)
{
	return (uint16_t)(((uint64_t)v * 0x9E3779B97F4A7C15ULL) >> 48);
}

uint32_t fb_minhash_index_add(struct fb_minhash_index *ix, const uint32_t *sig)
{
	size_t k = ix->mh->p.k, b, i;
	uint32_t id = (uint32_t)ix->n;

	band_keys(ix, sig);
	for (b = 0; b < ix->mh->p.bands; b++) {
		table_reserve(&ix->bands[b]);
		(void)table_put(&ix->bands[b], (uint32_t)ix->bh[b], id, 1);
	}
	ix->fp = fb_xgrow(ix->fp, &ix->fpcap, (ix->n + 1) * k, sizeof *ix->fp);
	for (i = 0; i < k; i++)
		ix->fp[ix->n * k + i] = fingerprint(sig[i]);
	ix->n++;
	return id;
}

size_t fb_minhash_index_count(const struct fb_minhash_index *ix)
{
	return ix->n;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

size_t fb_minhash_index_query(struct fb_minhash_index *ix, const uint32_t *sig,
                              const uint32_t **ids)
{
	const struct band_table *t;
	size_t b, i, n = 0, out;
	uint32_t key;

	band_keys(ix, sig);
	for (b = 0; b < ix->mh->p.bands; b++) {
		t = &ix->bands[b];
		key = (uint32_t)ix->bh[b];
		for (i = home(t, key); t->id[i] != EMPTY_ID; i = (i + 1) & (t->cap - 1)) {
			if (t->key[i] != key)
				continue;
			ix->cand = fb_xgrow(ix->cand, &ix->candcap, n + 1, sizeof *ix->cand);
			ix->cand[n++] = t->id[i];
		}
	}
	if (n > 1)
		qsort(ix->cand, n, sizeof *ix->cand, cmp_u32);
	for (i = out = 0; i < n; i++)
		if (out == 0 || ix->cand[i] != ix->cand[out - 1])
			ix->cand[out++] = ix->cand[i];
	*ids = ix->cand;
	return out;
}

double fb_minhash_index_similarity(const struct fb_minhash_index *ix, const uint32_t *sig,
                                   uint32_t id)
{
	size_t k = ix->mh->p.k, i, eq = 0;
	const uint16_t *fp = ix->fp + (size_t)id * k;

	for (i = 0; i < k; i++)
		eq += fp[i] == fingerprint(sig[i]);
	return (double)eq / (double)k;
}

/* ---- greedy deduplication ---- */

struct fb_minhash_dedup {
	const struct fb_minhash *mh;
	struct fb_minhash_index *ix;
	double threshold;
	size_t *ord; /* the item number of each kept item, by index id */
	size_t ordcap, offered;
	uint32_t *sig;
};

struct fb_minhash_dedup *fb_minhash_dedup_new(const struct fb_minhash *mh, double threshold)
{
	struct fb_minhash_dedup *d = fb_xcalloc(1, sizeof *d);

	d->mh = mh;
	d->ix = fb_minhash_index_new(mh);
	d->threshold = threshold;
	d->sig = fb_xmalloc(mh->p.k * sizeof *d->sig);
	return d;
}

void fb_minhash_dedup_free(struct fb_minhash_dedup *d)
{
	if (!d)
		return;
	fb_minhash_index_free(d->ix);
	free(d->ord);
	free(d->sig);
	free(d);
}

int fb_minhash_dedup_offer_sig(struct fb_minhash_dedup *d, const uint32_t *sig, size_t *dup_of)
{
	const uint32_t *ids;
	size_t n, i, kept = fb_minhash_index_count(d->ix);

	n = fb_minhash_index_query(d->ix, sig, &ids);
	for (i = 0; i < n; i++) {
		if (fb_minhash_index_similarity(d->ix, sig, ids[i]) >= d->threshold) {
			if (dup_of)
				*dup_of = d->ord[ids[i]];
			d->offered++;
			return 0;
		}
	}
	(void)fb_minhash_index_add(d->ix, sig);
	d->ord = fb_xgrow(d->ord, &d->ordcap, kept + 1, sizeof *d->ord);
	d->ord[kept] = d->offered++;
	return 1;
}

int fb_minhash_dedup_offer(struct fb_minhash_dedup *d, const char *text, size_t len, size_t *dup_of)
{
	fb_minhash_sign(d->mh, text, len, d->sig);
	return fb_minhash_dedup_offer_sig(d, d->sig, dup_of);
}

size_t fb_minhash_dedup_offered(const struct fb_minhash_dedup *d)
{
	return d->offered;
}

size_t fb_minhash_dedup_kept(const struct fb_minhash_dedup *d)
{
	return fb_minhash_index_count(d->ix);
}

void fb_minhash_dedup_all(const struct fb_minhash *mh, double threshold, const char *const *texts,
                          const size_t *lens, size_t n, size_t *dup_of)
{
	struct fb_minhash_dedup *d = fb_minhash_dedup_new(mh, threshold);
	size_t i;

	for (i = 0; i < n; i++)
		if (fb_minhash_dedup_offer(d, texts[i], lens[i], &dup_of[i]))
			dup_of[i] = i;
	fb_minhash_dedup_free(d);
}
