#include "fb_tfidf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_jobs.h"
#include "fb_map.h"
#include "fb_parallel.h"

#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL
#define EMPTY UINT32_MAX

/* Strings, NUL-terminated, one after another. */
struct strings {
	char *buf;
	size_t len, cap;
	size_t *off;
	size_t n, ncap;
};

/* Terms: key (stems) and surface (words as written, folded) strings, and an
 * open-addressing table from key to term number. */
struct vocab {
	struct strings key, surface;
	uint64_t *hash;
	size_t *df;
	unsigned char *stop; /* per term: a stop word */
	double *idf;
	size_t n, cap;
	uint32_t *slot;
	size_t nslots;
};

/* What reading texts needs, one per thread: a text's words and their
 * stop-word languages, its terms, and the caches. */
struct reader {
	struct fb_text_words words;
	unsigned *langs;
	size_t langcap;
	struct fb_text_stemmer *stemmer;
	/* The stop-word languages of the words seen (most words repeat, and
	 * looking them up in six lists was most of reading a corpus). */
	struct fb_map *stop_langs;
	struct strings tkey, tsurf;
	unsigned char *tstop; /* per term of tkey: a stop word */
	size_t tstopcap;
};

struct fb_tfidf {
	struct fb_tfidf_opts o;
	enum fb_text_lang corpus_lang;
	double corpus_share;
	struct vocab v;
	struct reader rd[FB_PARALLEL_MAX]; /* rd[0] for one text at a time */
	size_t nreaders;                   /* made so far */
	/* Scratch of one text: its term numbers. */
	uint32_t *ids;
	size_t nids, idcap;
	size_t idfcap; /* of v.idf, when terms are added one by one */
};

void fb_tfidf_opts_default(struct fb_tfidf_opts *o)
{
	o->lang = FB_TFIDF_LANG_AUTO;
	o->ngrams = 2;
	o->stop_words = FB_TFIDF_STOP_AUTO;
	o->min_df = 2;
	o->max_df = 0.5;
	o->max_terms = 50000;
	o->jobs = NULL;
}

static void strings_add(struct strings *s, const char *a, size_t alen)
{
	size_t need = alen + 1;

	s->off = fb_xgrow(s->off, &s->ncap, s->n + 1, sizeof *s->off);
	s->buf = fb_xgrow(s->buf, &s->cap, s->len + need, 1);
	s->off[s->n++] = s->len;
	memcpy(s->buf + s->len, a, alen);
	s->len += alen;
	s->buf[s->len++] = '\0';
}

/* Adds string i, a space and string i + 1 (both already in s, which may
 * move while it grows). */
static void strings_pair(struct strings *s, size_t i)
{
	size_t a = strlen(s->buf + s->off[i]), b = strlen(s->buf + s->off[i + 1]);

	s->off = fb_xgrow(s->off, &s->ncap, s->n + 1, sizeof *s->off);
	s->buf = fb_xgrow(s->buf, &s->cap, s->len + a + b + 2, 1);
	s->off[s->n++] = s->len;
	memcpy(s->buf + s->len, s->buf + s->off[i], a);
	s->buf[s->len + a] = ' ';
	memcpy(s->buf + s->len + a + 1, s->buf + s->off[i + 1], b);
	s->len += a + b + 1;
	s->buf[s->len++] = '\0';
}

static void strings_free(struct strings *s)
{
	free(s->buf);
	free(s->off);
	memset(s, 0, sizeof *s);
}

#define STR(s, i) ((s)->buf + (s)->off[i])

static uint64_t hash_str(const char *s)
{
	uint64_t h = FNV_OFFSET;

	while (*s)
		h = (h ^ (unsigned char)*s++) * FNV_PRIME;
	return h;
}

static void vocab_free(struct vocab *v)
{
	strings_free(&v->key);
	strings_free(&v->surface);
	free(v->hash);
	free(v->df);
	free(v->stop);
	free(v->idf);
	free(v->slot);
	memset(v, 0, sizeof *v);
}

static void rehash(struct vocab *v, size_t nslots)
{
	size_t i, j;

	free(v->slot);
	v->nslots = nslots;
	v->slot = fb_xmalloc(nslots * sizeof *v->slot);
	for (i = 0; i < nslots; i++)
		v->slot[i] = EMPTY;
	for (i = 0; i < v->n; i++) {
		for (j = v->hash[i] & (nslots - 1); v->slot[j] != EMPTY; j = (j + 1) & (nslots - 1))
			;
		v->slot[j] = (uint32_t)i;
	}
}

/* The number of term key, or EMPTY when absent and add is 0. A term added
 * is a stop word when stop is. */
static uint32_t vocab_find(struct vocab *v, const char *key, const char *surface, int add, int stop)
{
	uint64_t h = hash_str(key);
	size_t j;

	if (v->nslots == 0)
		rehash(v, 1024);
	for (j = h & (v->nslots - 1); v->slot[j] != EMPTY; j = (j + 1) & (v->nslots - 1))
		if (v->hash[v->slot[j]] == h && strcmp(STR(&v->key, v->slot[j]), key) == 0)
			return v->slot[j];
	if (!add)
		return EMPTY;
	if (v->n + 1 > v->cap) {
		v->cap = v->cap ? 2 * v->cap : 1024;
		v->hash = fb_xrealloc(v->hash, v->cap * sizeof *v->hash);
		v->df = fb_xrealloc(v->df, v->cap * sizeof *v->df);
		v->stop = fb_xrealloc(v->stop, v->cap * sizeof *v->stop);
	}
	v->hash[v->n] = h;
	v->df[v->n] = 0;
	v->stop[v->n] = (unsigned char)stop;
	strings_add(&v->key, key, strlen(key));
	strings_add(&v->surface, surface, strlen(surface));
	v->slot[j] = (uint32_t)v->n++;
	if (2 * v->n > v->nslots)
		rehash(v, 2 * v->nslots);
	return (uint32_t)(v->n - 1);
}

/* The first n readers, made when first needed. */
static void need_readers(struct fb_tfidf *t, size_t n)
{
	for (; t->nreaders < n; t->nreaders++) {
		t->rd[t->nreaders].stemmer = fb_text_stemmer_new();
		t->rd[t->nreaders].stop_langs = fb_map_new();
	}
}

static void reader_free(struct reader *r)
{
	fb_text_words_free(&r->words);
	fb_map_free(r->stop_langs);
	free(r->langs);
	fb_text_stemmer_free(r->stemmer);
	strings_free(&r->tkey);
	strings_free(&r->tsurf);
	free(r->tstop);
}

struct fb_tfidf *fb_tfidf_new(const struct fb_tfidf_opts *o)
{
	struct fb_tfidf *t = fb_xcalloc(1, sizeof *t);

	t->o = *o;
	t->corpus_lang = o->lang >= 0 ? (enum fb_text_lang)o->lang : FB_TEXT_LANG_NONE;
	t->corpus_share = 1;
	need_readers(t, 1);
	return t;
}

/* Past this many words, a cache stops growing. */
#define STOP_CACHE_MAX (1u << 20)

/* Splits a text into r->words, with their stop-word languages in
 * r->langs. */
static void text_words(struct reader *r, const char *text, size_t len)
{
	const char *w;
	size_t i, n;
	void *v;

	fb_text_words(text, len, &r->words);
	r->langs = fb_xgrow(r->langs, &r->langcap, r->words.n + 1, sizeof *r->langs);
	for (i = 0; i < r->words.n; i++) {
		w = r->words.buf + r->words.off[i];
		n = strlen(w);
		/* Stored with bit 31 set, so that no value is NULL. */
		v = fb_map_get(r->stop_langs, w, n);
		if (v) {
			r->langs[i] = (unsigned)(uintptr_t)v & ~(1u << 31);
			continue;
		}
		r->langs[i] = fb_text_stopword_langs(w);
		if (fb_map_size(r->stop_langs) < STOP_CACHE_MAX)
			fb_map_put(r->stop_langs, w, n,
			           (void *)(uintptr_t)(r->langs[i] | 1u << 31));
	}
}

/* The language to stem a text in, its words in r->words. */
static enum fb_text_lang text_lang(const struct fb_tfidf *t, const struct reader *r)
{
	enum fb_text_lang l;

	if (t->o.lang >= 0)
		return (enum fb_text_lang)t->o.lang;
	l = fb_text_guess_lang(r->langs, r->words.n, t->corpus_lang, NULL);
	return l == FB_TEXT_LANG_NONE ? t->corpus_lang : l;
}

/* Adds a word (folded, len bytes) of language lang to the text's terms. */
static void add_word(struct reader *r, enum fb_text_lang lang, const char *w, size_t len, int stop)
{
	size_t slen;
	const char *stem = fb_text_stem(r->stemmer, lang, w, len, &slen);

	strings_add(&r->tkey, stem, slen);
	strings_add(&r->tsurf, w, len);
	r->tstop = fb_xgrow(r->tstop, &r->tstopcap, r->tkey.n, 1);
	r->tstop[r->tkey.n - 1] = (unsigned char)stop;
}

/* Splits a text into terms: r->tkey, r->tsurf and r->tstop. The words
 * other than stop words come first, then their pairs, then the stop words.
 * Reads only the options and corpus language of t. */
static void text_terms(const struct fb_tfidf *t, struct reader *r, const char *text, size_t len)
{
	enum fb_text_lang lang;
	const char *w;
	size_t i, n, first;

	text_words(r, text, len);
	lang = text_lang(t, r);
	r->tkey.n = r->tkey.len = r->tsurf.n = r->tsurf.len = 0;
	for (i = 0; i < r->words.n; i++) {
		w = r->words.buf + r->words.off[i];
		if (strlen(w) >= 2 && !((r->langs[i] >> lang) & 1))
			add_word(r, lang, w, strlen(w), 0);
	}
	n = r->tkey.n;
	for (first = 0; t->o.ngrams >= 2 && first + 1 < n; first++) {
		strings_pair(&r->tkey, first);
		strings_pair(&r->tsurf, first);
	}
	r->tstop = fb_xgrow(r->tstop, &r->tstopcap, r->tkey.n + 1, 1);
	memset(r->tstop + n, 0, r->tkey.n - n);
	for (i = 0; t->o.stop_words == 1 && i < r->words.n; i++) {
		w = r->words.buf + r->words.off[i];
		if (strlen(w) >= 2 && ((r->langs[i] >> lang) & 1))
			add_word(r, lang, w, strlen(w), 1);
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Looks terms first .. first + n of key, surf and stop up (adding them
 * when add), sorted, with repeats, into t->ids. */
static void lookup_terms(struct fb_tfidf *t, const struct strings *key, const struct strings *surf,
                         const unsigned char *stop, size_t first, size_t n, int add)
{
	uint32_t id;
	size_t i;

	t->nids = 0;
	t->ids = fb_xgrow(t->ids, &t->idcap, n + 1, sizeof *t->ids);
	for (i = first; i < first + n; i++) {
		id = vocab_find(&t->v, STR(key, i), STR(surf, i), add, stop[i]);
		if (id != EMPTY)
			t->ids[t->nids++] = id;
	}
	qsort(t->ids, t->nids, sizeof *t->ids, cmp_u32);
}

/* Texts are read on threads in blocks of this many; their terms are then
 * looked up in order, so the vocabulary is numbered as by one thread. */
#define BLOCK 4096

/* The texts of one share of a block, read: their terms one text after
 * another, and each text's count of them. */
struct share_terms {
	struct strings key, surf;
	unsigned char *stop;
	size_t stopcap;
	size_t *count;
	size_t countcap, ntexts;
};

struct block {
	struct fb_tfidf *t;
	const char *const *texts;
	const size_t *lens;
	size_t from, to, nshares;
	struct fb_jobs *jobs;                          /* NULL on one thread */
	size_t langs[FB_PARALLEL_MAX][FB_TEXT_NLANGS]; /* guess_corpus_lang's counts */
	struct share_terms sh[FB_PARALLEL_MAX];
};

static void share_range(const struct block *b, size_t s, size_t *lo, size_t *hi)
{
	size_t n = b->to - b->from;

	*lo = b->from + n * s / b->nshares;
	*hi = b->from + n * (s + 1) / b->nshares;
}

static void read_share(void *arg, size_t s)
{
	struct block *b = arg;
	struct reader *r = &b->t->rd[s];
	struct share_terms *sh = &b->sh[s];
	size_t lo, hi, i, j, at;

	share_range(b, s, &lo, &hi);
	sh->key.n = sh->key.len = sh->surf.n = sh->surf.len = sh->ntexts = 0;
	for (i = lo; i < hi; i++) {
		text_terms(b->t, r, b->texts[i], b->lens[i]);
		at = sh->key.n;
		for (j = 0; j < r->tkey.n; j++) {
			strings_add(&sh->key, STR(&r->tkey, j), strlen(STR(&r->tkey, j)));
			strings_add(&sh->surf, STR(&r->tsurf, j), strlen(STR(&r->tsurf, j)));
		}
		sh->stop = fb_xgrow(sh->stop, &sh->stopcap, sh->key.n + 1, 1);
		memcpy(sh->stop + at, r->tstop, r->tkey.n);
		sh->count = fb_xgrow(sh->count, &sh->countcap, sh->ntexts + 1, sizeof *sh->count);
		sh->count[sh->ntexts++] = r->tkey.n;
	}
}

static void guess_share(void *arg, size_t s)
{
	struct block *b = arg;
	struct reader *r = &b->t->rd[s];
	size_t lo, hi, i;

	share_range(b, s, &lo, &hi);
	memset(b->langs[s], 0, sizeof b->langs[s]);
	for (i = lo; i < hi; i++) {
		text_words(r, b->texts[i], b->lens[i]);
		b->langs[s][fb_text_guess_lang(r->langs, r->words.n, FB_TEXT_LANG_NONE, NULL)]++;
	}
}

/* Sets b up for texts [from, to), with as many shares as pay. */
static void block_range(struct block *b, size_t from, size_t to)
{
	size_t want = (to - from) / (BLOCK / 8) + 1;
	size_t max = b->jobs ? fb_jobs_threads(b->jobs) : 1;

	b->from = from;
	b->to = to;
	b->nshares = want < max ? want : max;
	if (b->nshares < 1)
		b->nshares = 1;
	if (b->nshares > FB_PARALLEL_MAX)
		b->nshares = FB_PARALLEL_MAX;
	need_readers(b->t, b->nshares);
}

static void block_free(struct block *b)
{
	for (size_t s = 0; s < FB_PARALLEL_MAX; s++) {
		strings_free(&b->sh[s].key);
		strings_free(&b->sh[s].surf);
		free(b->sh[s].stop);
		free(b->sh[s].count);
	}
}

static void guess_corpus_lang(struct block *b, size_t n)
{
	struct fb_tfidf *t = b->t;
	size_t count[FB_TEXT_NLANGS] = { 0 }, i, s, best = 0, with = 0;
	int l;

	t->corpus_lang = FB_TEXT_LANG_NONE;
	for (i = 0; i < n; i += BLOCK) {
		block_range(b, i, i + BLOCK < n ? i + BLOCK : n);
		fb_jobs_run(b->jobs, b->nshares, guess_share, b);
		for (s = 0; s < b->nshares; s++)
			for (l = 0; l < FB_TEXT_NLANGS; l++)
				count[l] += b->langs[s][l];
	}
	for (l = 1; l < FB_TEXT_NLANGS; l++) {
		with += count[l];
		if (count[l] > best) {
			best = count[l];
			t->corpus_lang = (enum fb_text_lang)l;
		}
	}
	t->corpus_share = with ? (double)best / (double)with : 1;
}

struct ranked {
	size_t df;
	const char *key;
	uint32_t id;
};

/* Most documents first, then first appearance. */
static int cmp_df(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->df != y->df)
		return x->df > y->df ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(((const struct ranked *)a)->key, ((const struct ranked *)b)->key);
}

/* Keeps the terms within the cut-offs, in the order of their keys, and
 * returns the map from old term numbers to new ones (EMPTY for those
 * dropped). */
static uint32_t *prune(struct fb_tfidf *t, size_t ndocs)
{
	struct vocab *v = &t->v, nv = { 0 };
	struct ranked *r = fb_xmalloc((v->n + 1) * sizeof *r);
	uint32_t *map = fb_xmalloc((v->n + 1) * sizeof *map);
	double max_df = t->o.max_df * (double)ndocs;
	size_t i, nr = 0;

	for (i = 0; i < v->n; i++) {
		map[i] = EMPTY;
		if (v->df[i] >= t->o.min_df && (double)v->df[i] <= max_df) {
			r[nr].df = v->df[i];
			r[nr].key = STR(&v->key, i);
			r[nr++].id = (uint32_t)i;
		}
	}
	if (nr > t->o.max_terms) {
		qsort(r, nr, sizeof *r, cmp_df);
		nr = t->o.max_terms;
	}
	qsort(r, nr, sizeof *r, cmp_key);
	for (i = 0; i < nr; i++) {
		map[r[i].id] = (uint32_t)i;
		vocab_find(&nv, r[i].key, STR(&v->surface, r[i].id), 1, v->stop[r[i].id]);
		nv.df[i] = r[i].df;
	}
	nv.idf = fb_xmalloc((nr + 1) * sizeof *nv.idf);
	for (i = 0; i < nr; i++)
		nv.idf[i] = log((1.0 + (double)ndocs) / (1.0 + (double)nv.df[i]));
	free(r);
	vocab_free(v);
	*v = nv;
	return map;
}

/* Weighs counted, sorted term numbers into a unit vector: idx and val get
 * the distinct terms; returns how many. */
static size_t weigh(const struct vocab *v, const uint32_t *ids, size_t n, uint32_t *idx, float *val)
{
	size_t i, j, k = 0;
	double norm = 0, tf;

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && ids[j] == ids[i]; j++)
			;
		tf = 1.0 + log((double)(j - i));
		idx[k] = ids[i];
		val[k] = (float)(tf * v->idf[ids[i]]);
		/* A term of every text (max_df 1) weighs nothing: left out. */
		if (val[k] > 0) {
			norm += (double)val[k] * val[k];
			k++;
		}
	}
	norm = sqrt(norm);
	for (i = 0; i < k; i++)
		val[i] = (float)(val[i] / norm);
	return k;
}

/* Adds the term numbers of the texts of block b, with repeats, after
 * those of the texts before (row i of ids is ids[rowptr[i] ..
 * rowptr[i + 1])), and counts their document frequencies. */
static void add_block(struct block *b, uint32_t **ids, size_t *cap, size_t *rowptr)
{
	struct fb_tfidf *t = b->t;
	size_t s, x, j, first, i = b->from;
	uint32_t last;

	for (s = 0; s < b->nshares; s++) {
		struct share_terms *sh = &b->sh[s];
		for (x = 0, first = 0; x < sh->ntexts; x++, i++) {
			lookup_terms(t, &sh->key, &sh->surf, sh->stop, first, sh->count[x], 1);
			first += sh->count[x];
			*ids = fb_xgrow(*ids, cap, rowptr[i] + t->nids + 1, sizeof **ids);
			last = EMPTY;
			for (j = 0; j < t->nids; j++) {
				(*ids)[rowptr[i] + j] = t->ids[j];
				if (t->ids[j] != last)
					t->v.df[t->ids[j]]++;
				last = t->ids[j];
			}
			rowptr[i + 1] = rowptr[i] + t->nids;
		}
	}
}

void fb_tfidf_fit(struct fb_tfidf *t, const char *const *texts, const size_t *lens, size_t n,
                  struct fb_tfidf_matrix *m)
{
	size_t *rowptr = fb_xmalloc((n + 1) * sizeof *rowptr), cap = 0, i, j, k, nnz = 0;
	struct block b = { .t = t, .texts = texts, .lens = lens };
	uint32_t *ids = NULL, *map;

	b.jobs = t->o.jobs;
	vocab_free(&t->v);
	t->idfcap = 0;
	t->corpus_share = 1;
	if (t->o.lang < 0)
		guess_corpus_lang(&b, n);
	if (t->o.stop_words == FB_TFIDF_STOP_AUTO)
		t->o.stop_words = t->corpus_share >= FB_TFIDF_ONE_LANG;
	/* First the term numbers of every text, with repeats, and the
	 * document frequencies. */
	rowptr[0] = 0;
	for (i = 0; i < n; i += BLOCK) {
		block_range(&b, i, i + BLOCK < n ? i + BLOCK : n);
		fb_jobs_run(b.jobs, b.nshares, read_share, &b);
		add_block(&b, &ids, &cap, rowptr);
	}
	block_free(&b);
	map = prune(t, n);
	/* Then renumber in place (the order of keys keeps each row sorted
	 * after a sort) and weigh. */
	m->nrows = n;
	m->ncols = t->v.n;
	m->rowptr = fb_xmalloc((n + 1) * sizeof *m->rowptr);
	m->idx = fb_xmalloc((rowptr[n] + 1) * sizeof *m->idx);
	m->val = fb_xmalloc((rowptr[n] + 1) * sizeof *m->val);
	m->rowptr[0] = 0;
	for (i = 0; i < n; i++) {
		for (j = rowptr[i], k = rowptr[i]; j < rowptr[i + 1]; j++)
			if (map[ids[j]] != EMPTY)
				ids[k++] = map[ids[j]];
		qsort(ids + rowptr[i], k - rowptr[i], sizeof *ids, cmp_u32);
		nnz += weigh(&t->v, ids + rowptr[i], k - rowptr[i], m->idx + nnz, m->val + nnz);
		m->rowptr[i + 1] = nnz;
	}
	free(map);
	free(ids);
	free(rowptr);
}

void fb_tfidf_transform(struct fb_tfidf *t, const char *text, size_t len, struct fb_sparse *out)
{
	struct reader *r = &t->rd[0];

	text_terms(t, r, text, len);
	lookup_terms(t, &r->tkey, &r->tsurf, r->tstop, 0, r->tkey.n, 0);
	if (out->cap < t->nids + 1) {
		out->cap = t->nids + 1;
		out->idx = fb_xrealloc(out->idx, out->cap * sizeof *out->idx);
		out->val = fb_xrealloc(out->val, out->cap * sizeof *out->val);
	}
	out->n = weigh(&t->v, t->ids, t->nids, out->idx, out->val);
}

int fb_tfidf_add_term(struct fb_tfidf *t, const char *term, const char *surface, double idf,
                      size_t df)
{
	size_t n = t->v.n;
	uint32_t id = vocab_find(&t->v, term, surface, 1, 0);

	if (t->v.n == n)
		return -1;
	if (t->idfcap < t->v.cap) {
		t->idfcap = t->v.cap;
		t->v.idf = fb_xrealloc(t->v.idf, t->idfcap * sizeof *t->v.idf);
	}
	t->v.idf[id] = idf;
	t->v.df[id] = df;
	return 0;
}

void fb_tfidf_set_corpus_lang(struct fb_tfidf *t, enum fb_text_lang lang)
{
	t->corpus_lang = lang;
}

size_t fb_tfidf_nterms(const struct fb_tfidf *t)
{
	return t->v.n;
}

const char *fb_tfidf_term(const struct fb_tfidf *t, size_t i)
{
	return STR(&t->v.key, i);
}

const char *fb_tfidf_surface(const struct fb_tfidf *t, size_t i)
{
	return STR(&t->v.surface, i);
}

double fb_tfidf_idf(const struct fb_tfidf *t, size_t i)
{
	return t->v.idf[i];
}

size_t fb_tfidf_df(const struct fb_tfidf *t, size_t i)
{
	return t->v.df[i];
}

int fb_tfidf_is_stop(const struct fb_tfidf *t, size_t i)
{
	return t->v.stop[i];
}

double fb_tfidf_corpus_share(const struct fb_tfidf *t)
{
	return t->corpus_share;
}

enum fb_text_lang fb_tfidf_corpus_lang(const struct fb_tfidf *t)
{
	return t->corpus_lang;
}

const struct fb_tfidf_opts *fb_tfidf_opts(const struct fb_tfidf *t)
{
	return &t->o;
}

void fb_tfidf_free(struct fb_tfidf *t)
{
	if (!t)
		return;
	vocab_free(&t->v);
	for (size_t i = 0; i < t->nreaders; i++)
		reader_free(&t->rd[i]);
	free(t->ids);
	free(t);
}

void fb_sparse_free(struct fb_sparse *v)
{
	free(v->idx);
	free(v->val);
	memset(v, 0, sizeof *v);
}

void fb_tfidf_matrix_free(struct fb_tfidf_matrix *m)
{
	free(m->rowptr);
	free(m->idx);
	free(m->val);
	memset(m, 0, sizeof *m);
}
