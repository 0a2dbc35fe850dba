/* TF-IDF vectors of short texts, the geometry fb-cluster groups prompts in.
 *
 * A text's terms are its words (lib/fb_text.h: NFKC case folded) other than
 * one-byte words, stemmed with the Snowball stemmer of its language, and,
 * with ngrams = 2, the pairs of neighbouring words that are not stop words
 * ("reset password"). Stop words are kept as single words or dropped: in
 * short requests they carry intent ("how do I" against "why did you"), but
 * a pair with one is noise. The language is fixed, none (no stop words, no
 * stemming) or auto: per text, the language with the most stop words in it;
 * on a tie, or when a text has none, the corpus language (the one chosen
 * for the most texts when fitting).
 *
 * The vocabulary keeps terms found in at least min_df texts and at most
 * max_df of them, and of those the max_terms found in the most texts. The
 * weight of a term in a text is (1 + ln tf) × idf with the classic smoothed
 * idf = ln((1 + n) / (1 + df)) (scikit-learn adds 1 to it, which lets the
 * words of most texts, stop words above all, weigh too much); each vector
 * is scaled to unit length (L2), and a text with no weighed term left is
 * the empty vector. */
#ifndef FB_TFIDF_H
#define FB_TFIDF_H

#include <stddef.h>
#include <stdint.h>

#include "fb_jobs.h"
#include "fb_text.h"

#define FB_TFIDF_LANG_AUTO (-1)

/* Stop words kept when the fitted texts are of one language (at least
 * FB_TFIDF_ONE_LANG of those with stop words in the corpus language, or a
 * fixed language), dropped otherwise: across languages they tell languages
 * apart rather than intents. The fit settles it: fb_tfidf_opts() then says
 * 0 or 1. */
#define FB_TFIDF_STOP_AUTO (-1)
#define FB_TFIDF_ONE_LANG 0.9

struct fb_tfidf_opts {
	int lang;             /* an enum fb_text_lang, or FB_TFIDF_LANG_AUTO */
	int ngrams;           /* 1 or 2 */
	int stop_words;       /* 1: kept as single words; 0: dropped; FB_TFIDF_STOP_AUTO */
	size_t min_df;        /* at least 1 */
	double max_df;        /* a share, in (0, 1] */
	size_t max_terms;     /* at least 1 */
	struct fb_jobs *jobs; /* borrowed: texts are read on its threads when
	                       * fitting (NULL: on the caller's alone). The
	                       * result does not depend on it. */
};

/* Sets the defaults: auto, 2, auto, 2, 0.5, 50000, 1 thread. */
void fb_tfidf_opts_default(struct fb_tfidf_opts *o);

/* A sparse vector: n (index, weight) pairs, indices increasing. */
struct fb_sparse {
	uint32_t *idx;
	float *val;
	size_t n, cap;
};

void fb_sparse_free(struct fb_sparse *v);

/* Sparse rows: row i is idx[rowptr[i] .. rowptr[i + 1]), with val alike. */
struct fb_tfidf_matrix {
	size_t nrows, ncols;
	size_t *rowptr;
	uint32_t *idx;
	float *val;
};

void fb_tfidf_matrix_free(struct fb_tfidf_matrix *m);

struct fb_tfidf; /* opaque */

/* A new, empty model with options o (copied). */
struct fb_tfidf *fb_tfidf_new(const struct fb_tfidf_opts *o);

/* Learns the vocabulary and idf from texts[0..n) (lens[i] bytes each) and
 * fills m with their vectors (m's previous contents are not freed). Replaces
 * a vocabulary learnt before. */
void fb_tfidf_fit(struct fb_tfidf *t, const char *const *texts, const size_t *lens, size_t n,
                  struct fb_tfidf_matrix *m);

/* The vector of one text in the fitted vocabulary, into *out. */
void fb_tfidf_transform(struct fb_tfidf *t, const char *text, size_t len, struct fb_sparse *out);

/* Adds a term to the vocabulary of a model read back from a file (see
 * lib/fb_cluster_model.h) instead of fitted: its stems, its surface form (both
 * copied), idf and document frequency; it gets the next number. Returns 0,
 * or -1 when the term is there already. */
int fb_tfidf_add_term(struct fb_tfidf *t, const char *term, const char *surface, double idf,
                      size_t df);

/* Sets the corpus language that auto falls back on, as fb_tfidf_fit would. */
void fb_tfidf_set_corpus_lang(struct fb_tfidf *t, enum fb_text_lang lang);

/* The vocabulary: number of terms; term i as stems ("reset password") and as
 * first written ("resetting passwords"), both borrowed; its idf and its
 * document frequency in the fitted texts. */
size_t fb_tfidf_nterms(const struct fb_tfidf *t);
const char *fb_tfidf_term(const struct fb_tfidf *t, size_t i);
const char *fb_tfidf_surface(const struct fb_tfidf *t, size_t i);
double fb_tfidf_idf(const struct fb_tfidf *t, size_t i);
size_t fb_tfidf_df(const struct fb_tfidf *t, size_t i);

/* Whether term i is a stop word (kept as a single word), which labels pass
 * over. Known for fitted vocabularies only: 0 for terms added with
 * fb_tfidf_add_term. */
int fb_tfidf_is_stop(const struct fb_tfidf *t, size_t i);

/* The corpus language of auto (FB_TEXT_LANG_NONE when no text had a stop
 * word), or the fixed language. */
enum fb_text_lang fb_tfidf_corpus_lang(const struct fb_tfidf *t);

/* Of the fitted texts with stop words, the share in the corpus language (1
 * for a fixed language, or when none had any). */
double fb_tfidf_corpus_share(const struct fb_tfidf *t);

/* The options in force. Borrowed. */
const struct fb_tfidf_opts *fb_tfidf_opts(const struct fb_tfidf *t);

void fb_tfidf_free(struct fb_tfidf *t);

#endif
