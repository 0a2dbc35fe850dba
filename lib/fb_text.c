#include "fb_text.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "fb_alloc.h"

#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

static int is_word_char(utf8proc_int32_t c)
{
	utf8proc_category_t cat;

	if (c < 128)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	cat = utf8proc_category(c);
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO);
}

/* A word's hash is built from its folded characters: the ASCII ones packed
 * eight to a 64-bit chunk, each chunk and each other code point mixed into
 * the running hash by a step that is one-to-one in either input. One
 * multiplication per chunk instead of one per character took half the time
 * of tokenising an answer. */
struct word_hash {
	uint64_t h, chunk;
	unsigned nchunk;
};

static void mix(struct word_hash *w, uint64_t v)
{
	w->h = (w->h ^ v) * FNV_PRIME;
}

static void add_ascii(struct word_hash *w, unsigned char c)
{
	w->chunk = w->chunk << 8 | c;
	if (++w->nchunk == 8) {
		mix(w, w->chunk);
		w->chunk = 0;
		w->nchunk = 0;
	}
}

/* The hash of the word, which starts the next one afresh. */
static uint64_t word_end(struct word_hash *w)
{
	uint64_t h;

	if (w->nchunk)
		mix(w, w->chunk);
	/* MurmurHash3's finaliser, one-to-one: it spreads every input bit
	 * over the top bits, by which the hashes are sorted. */
	h = w->h;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	*w = (struct word_hash){ FNV_OFFSET, 0, 0 };
	return h;
}

/* Folds one code point outside ASCII and adds the result: ASCII letters
 * (an accent stripped) as ASCII, so that "École" and "ecole" agree. */
static void add_folded(struct word_hash *w, utf8proc_int32_t c)
{
	utf8proc_int32_t out[8];
	utf8proc_ssize_t n, i;
	int last = 0;

	n = utf8proc_decompose_char(
	    c, out, 8,
	    UTF8PROC_CASEFOLD | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE, &last);
	if (n < 0 || n > 8) {
		out[0] = c;
		n = 1;
	}
	for (i = 0; i < n; i++) {
		if (out[i] < 128 && out[i] > 0) {
			add_ascii(w, (unsigned char)(out[i] >= 'A' && out[i] <= 'Z' ? out[i] + 32
			                                                            : out[i]));
			continue;
		}
		if (w->nchunk) {
			mix(w, w->chunk);
			w->chunk = 0;
			w->nchunk = 0;
		}
		mix(w, (uint64_t)(uint32_t)out[i] | 1ull << 63);
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Sorts v[0..n) ascending: a quicksort with the comparison inlined, and
 * insertion sort for short runs (qsort's indirect calls took most of the
 * time of tokenising an answer). Past depth levels of partitioning, which
 * only crafted input reaches, qsort takes over, so the worst case stays
 * n log n. */
static void sort_u64(uint64_t *v, size_t n, int depth)
{
	ptrdiff_t i, j, k;
	uint64_t x, pivot;

	while (n > 16) {
		if (depth-- == 0) {
			qsort(v, n, sizeof *v, cmp_u64);
			return;
		}
		pivot = v[n / 2];
		i = 0;
		j = (ptrdiff_t)n - 1;
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				x = v[i];
				v[i++] = v[j];
				v[j--] = x;
			}
		}
		/* Now v[0..j] <= pivot <= v[i..n): recurse into the smaller
		 * part and go on with the larger. */
		if (j + 1 < (ptrdiff_t)n - i) {
			sort_u64(v, (size_t)(j + 1), depth);
			v += i;
			n -= (size_t)i;
		} else {
			sort_u64(v + i, n - (size_t)i, depth);
			n = (size_t)(j + 1);
		}
	}
	for (k = 1; k < (ptrdiff_t)n; k++) {
		x = v[k];
		for (j = k; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* Sorts v[0..n) with the help of tmp[0..n): one pass spreads the values
 * over buckets by their top bits, a handful to a bucket on average (the
 * hashes are spread evenly), and each bucket is sorted on its own, which
 * took half the time of sorting the whole. */
static void sort_hashes(uint64_t *v, uint64_t *tmp, size_t n)
{
	size_t start[(1u << 12) + 1], pos, i, b, nb;
	unsigned bits = 4;

	if (n < 64) {
		sort_u64(v, n, 2 * 64);
		return;
	}
	while (bits < 12 && (size_t)4 << bits < n)
		bits++;
	nb = (size_t)1 << bits;
	memset(start, 0, (nb + 1) * sizeof *start);
	for (i = 0; i < n; i++)
		start[(v[i] >> (64 - bits)) + 1]++;
	for (b = 1; b <= nb; b++)
		start[b] += start[b - 1];
	for (i = 0; i < n; i++) {
		pos = start[v[i] >> (64 - bits)]++;
		tmp[pos] = v[i];
	}
	/* start[b] is now where bucket b ends. */
	for (b = 0, pos = 0; b < nb; pos = start[b++])
		sort_u64(tmp + pos, start[b] - pos, 2 * 64);
	memcpy(v, tmp, n * sizeof *v);
}

/* ASCII letters and digits folded (to lower case), 0 for the other ASCII
 * characters: most text is ASCII, and a table lookup per byte replaced the
 * tests that took most of tokenising an answer. */
static const unsigned char ascii_fold[128] = {
	0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
	0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
	0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
	48,  49,  50,  51,  52,  53,  54,  55,  56,  57,  0,   0,   0,   0,   0,   0,
	0,   97,  98,  99,  100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
	112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0,   0,   0,   0,   0,
	0,   97,  98,  99,  100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
	112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0,   0,   0,   0,   0,
};

static void keep(struct fb_text_tokens *t, uint64_t h)
{
	if (t->n == t->cap)
		t->hash = fb_xgrow(t->hash, &t->cap, t->n + 1, sizeof *t->hash);
	t->hash[t->n++] = h;
}

void fb_text_tokenize(const char *text, size_t len, size_t min_chars, struct fb_text_tokens *out)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text, *end = p + len;
	struct word_hash w = { FNV_OFFSET, 0, 0 };
	utf8proc_ssize_t step;
	utf8proc_int32_t c;
	size_t chars = 0, i, j;
	uint64_t h;
	int word;

	/* Room for a word every six bytes, about what prose holds. */
	out->hash = fb_xgrow(out->hash, &out->cap, len / 6 + 8, sizeof *out->hash);
	out->n = 0;
	while (p < end) {
		if (*p < 0x80) {
			c = ascii_fold[*p++];
			word = c != 0;
			if (word)
				add_ascii(&w, (unsigned char)c);
		} else {
			step = utf8proc_iterate(p, end - p, &c);
			p += step > 0 ? step : 1;
			word = step > 0 && is_word_char(c);
			if (word)
				add_folded(&w, c);
		}
		if (word) {
			chars++;
			continue;
		}
		h = word_end(&w);
		if (chars >= min_chars && chars > 0)
			keep(out, h);
		chars = 0;
	}
	h = word_end(&w);
	if (chars >= min_chars && chars > 0)
		keep(out, h);
	if (out->n < 2)
		return;
	/* The second half is room for sorting. */
	out->hash = fb_xgrow(out->hash, &out->cap, 2 * out->n, sizeof *out->hash);
	sort_hashes(out->hash, out->hash + out->n, out->n);
	for (i = 1, j = 1; i < out->n; i++)
		if (out->hash[i] != out->hash[j - 1])
			out->hash[j++] = out->hash[i];
	out->n = j;
}

size_t fb_text_shared(const struct fb_text_tokens *a, const struct fb_text_tokens *b)
{
	size_t i = 0, j = 0, shared = 0;

	while (i < a->n && j < b->n) {
		if (a->hash[i] < b->hash[j]) {
			i++;
		} else if (a->hash[i] > b->hash[j]) {
			j++;
		} else {
			shared++;
			i++;
			j++;
		}
	}
	return shared;
}

double fb_text_dice(const struct fb_text_tokens *a, const struct fb_text_tokens *b)
{
	if (a->n + b->n == 0)
		return 0.0;
	return 2.0 * (double)fb_text_shared(a, b) / (double)(a->n + b->n);
}

int fb_text_is_ascii(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char any = 0;

	for (size_t i = 0; i < len; i++)
		any |= p[i];
	return any < 0x80;
}

int fb_text_is_shouting(const char *text, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	utf8proc_ssize_t left = (utf8proc_ssize_t)len, step;
	utf8proc_int32_t c;
	size_t upper = 0, lower = 0, words = 0;
	int in_word = 0;
	utf8proc_category_t cat;

	while (left > 0) {
		if (*p < 0x80) {
			/* ASCII: no need to ask utf8proc. */
			step = 1;
			c = *p;
			cat = c >= 'A' && c <= 'Z'   ? UTF8PROC_CATEGORY_LU
			      : c >= 'a' && c <= 'z' ? UTF8PROC_CATEGORY_LL
			                             : UTF8PROC_CATEGORY_CN;
		} else {
			step = utf8proc_iterate(p, left, &c);
			if (step <= 0)
				step = 1, c = ' ';
			cat = utf8proc_category(c);
		}
		if (cat == UTF8PROC_CATEGORY_LU)
			upper++;
		else if (cat == UTF8PROC_CATEGORY_LL)
			lower++;
		if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
			words += !in_word;
			in_word = 1;
		} else {
			in_word = 0;
		}
		p += step;
		left -= step;
		/* Each byte left is at most one more capital: past this point
		 * they cannot reach four in five letters. */
		if (upper + (size_t)left < 4 * lower)
			return 0;
	}
	return upper + lower >= 6 && words >= 2 && upper * 5 >= (upper + lower) * 4;
}

void fb_text_tokens_free(struct fb_text_tokens *t)
{
	free(t->hash);
	t->hash = NULL;
	t->n = t->cap = 0;
}
