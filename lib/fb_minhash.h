/* Near-duplicate detection: MinHash signatures over word shingles, an LSH
 * index with banding, and a greedy first-wins deduplicator.
 *
 * A text's words are those of fb_text_words() (NFKC case folding), with
 * accents also stripped, so "Über", "uber" and "ＵＢＥＲ" are one word and
 * punctuation never matters. A shingle is a run of `shingle` consecutive
 * words; a text with fewer words than that has one shingle, all its words;
 * a text without words has none. The signature is, for each of k hash
 * functions h_i(x) = (a_i * x + b_i) >> 32 (64-bit multiply-shift with odd
 * a_i, seeded), the minimum of h_i over the 64-bit hashes x of the text's
 * distinct shingles; for two texts, the share of equal minima estimates the
 * Jaccard similarity of their shingle sets (standard error about
 * sqrt(J(1-J)/k), 0.035 at J = 0.8 and k = 128). The signature of a text
 * without words is all 0xffffffff, so two such texts are duplicates
 * (similarity 1) and one never matches a text with words.
 *
 * LSH banding splits the k minima into `bands` bands of `rows` rows; two
 * texts become candidates when all rows of at least one band agree, which
 * happens with probability P(J) = 1 - (1 - J^rows)^bands: an S-curve whose
 * midpoint is about (1/bands)^(1/rows). The defaults (k 128, 16 bands of 8
 * rows) put the midpoint at 0.71, below the default threshold 0.8 on
 * purpose, so that candidates are found with P = 0.947 at J = 0.8, 0.994 at
 * 0.85 and 0.9999 at 0.9, while pairs at J = 0.5 become candidates with
 * P = 0.06 and at 0.3 with P = 0.001; candidates are then verified against
 * the threshold with the full signature. fb_minhash_params_for_threshold()
 * picks bands and rows for another threshold the same way.
 *
 * Everything is seeded and deterministic: same seed, texts and order, same
 * results. No global state. */
#ifndef FB_MINHASH_H
#define FB_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#include "fb_error.h"

#define FB_MINHASH_K 128         /* hash functions (signature length) */
#define FB_MINHASH_SHINGLE 3     /* words per shingle */
#define FB_MINHASH_BANDS 16      /* LSH bands ... */
#define FB_MINHASH_ROWS 8        /* ... of this many rows each; bands * rows <= k */
#define FB_MINHASH_THRESHOLD 0.8 /* the Jaccard threshold the defaults are for */
#define FB_MINHASH_SEED 42u

/* One band bucket (the items whose band agrees) holds at most this many
 * items; later ones are left out of that bucket only (they stay in their
 * other bands). It bounds the work of a query when many texts share a band
 * without being duplicates (templates), keeping dedup near-linear; it can
 * only lose candidates that are later than the first
 * FB_MINHASH_BUCKET_MAX with the same band. */
#define FB_MINHASH_BUCKET_MAX 64

struct fb_minhash_params {
	size_t k;       /* 1 .. 1024 */
	size_t shingle; /* 1 .. 16 */
	size_t bands;   /* >= 1 */
	size_t rows;    /* >= 1, bands * rows <= k */
	uint64_t seed;
};

/* Fills *p with the defaults above. */
void fb_minhash_params_default(struct fb_minhash_params *p);

/* Sets p->bands and p->rows for a Jaccard threshold in (0, 1] and the given
 * p->k: the largest rows for which pairs at the threshold are candidates
 * with probability >= 0.9, bands = k / rows. For 0.8 and k 128 these are the
 * defaults (16 x 8); for 0.9, 9 x 14; for 0.5, 42 x 3. */
void fb_minhash_params_for_threshold(struct fb_minhash_params *p, double threshold);

/* The probability 1 - (1 - j^rows)^bands that two texts of Jaccard
 * similarity j become LSH candidates (for documentation and tests). */
double fb_minhash_candidate_probability(size_t bands, size_t rows, double j);

/* A set of k hash functions, made from the seed. Read-only once made, so one
 * hasher can serve several threads. */
struct fb_minhash; /* opaque */

/* Returns a new hasher, or NULL with err->text "invalid minhash parameters:
 * ..." when p is out of range. Free with fb_minhash_free. */
struct fb_minhash *fb_minhash_new(const struct fb_minhash_params *p, struct fb_error *err);
void fb_minhash_free(struct fb_minhash *mh);

/* The parameters the hasher was made with. */
const struct fb_minhash_params *fb_minhash_params(const struct fb_minhash *mh);

/* Computes the signature of text (len bytes of UTF-8; invalid bytes separate
 * words) into sig, which has room for k values. Thread-safe. */
void fb_minhash_sign(const struct fb_minhash *mh, const char *text, size_t len, uint32_t *sig);

/* The share of the k positions where two signatures agree: the estimated
 * Jaccard similarity, in [0, 1]. */
double fb_minhash_similarity(const struct fb_minhash *mh, const uint32_t *a, const uint32_t *b);

/* An LSH index of signatures. Items get ids 0, 1, 2, ... in the order they
 * are added. It keeps per item a compact copy of the signature (k 16-bit
 * fingerprints of the minima, 2k bytes; two different minima agree by
 * chance with probability 2^-16, a bias of at most 0.00002 in the
 * similarity, which is ignored) and one 8-byte entry per band in tables kept
 * at most 3/4 full: about 2k + 14 * bands bytes per item, 480 with the
 * defaults. Add and query take time linear in k plus the candidates found.
 * Not thread-safe. */
struct fb_minhash_index; /* opaque */

/* Returns a new, empty index for signatures of mh (which must outlive it). */
struct fb_minhash_index *fb_minhash_index_new(const struct fb_minhash *mh);
void fb_minhash_index_free(struct fb_minhash_index *ix);

/* Adds sig as the next item and returns its id. At most 2^32 - 1 items. */
uint32_t fb_minhash_index_add(struct fb_minhash_index *ix, const uint32_t *sig);

/* Number of items added. */
size_t fb_minhash_index_count(const struct fb_minhash_index *ix);

/* Finds the items that share at least one band with sig (see
 * FB_MINHASH_BUCKET_MAX). Returns their number and sets *ids to them,
 * distinct and in ascending order, in storage owned by the index and valid
 * until its next call. Candidates only: verify with
 * fb_minhash_index_similarity. */
size_t fb_minhash_index_query(struct fb_minhash_index *ix, const uint32_t *sig,
                              const uint32_t **ids);

/* Estimated Jaccard similarity of sig and item id, from the item's compact
 * signature: the share of the k positions where they agree. */
double fb_minhash_index_similarity(const struct fb_minhash_index *ix, const uint32_t *sig,
                                   uint32_t id);

/* Greedy deduplication, first wins: items are offered in order and numbered
 * 0, 1, 2, ...; an item is a duplicate of the earliest kept item whose
 * estimated similarity to it is >= threshold among its LSH candidates, and
 * kept otherwise. Only kept items are indexed, so memory grows with the kept
 * items (the index's bytes per item plus 8) and duplicates cost one query.
 * The same items in the same order give the same answers. Not thread-safe. */
struct fb_minhash_dedup; /* opaque */

/* Returns a new deduplicator (mh must outlive it). threshold in (0, 1]; use
 * a hasher whose bands and rows suit it (fb_minhash_params_for_threshold). */
struct fb_minhash_dedup *fb_minhash_dedup_new(const struct fb_minhash *mh, double threshold);
void fb_minhash_dedup_free(struct fb_minhash_dedup *d);

/* Offers the next item's text. Returns 1 when the item is kept, 0 when it
 * is a duplicate, with *dup_of (may be NULL) the number of the kept item it
 * duplicates (an earlier item, itself kept). */
int fb_minhash_dedup_offer(struct fb_minhash_dedup *d, const char *text, size_t len,
                           size_t *dup_of);

/* The same with a signature computed by fb_minhash_sign (for a caller that
 * signs texts in several threads). */
int fb_minhash_dedup_offer_sig(struct fb_minhash_dedup *d, const uint32_t *sig, size_t *dup_of);

/* Numbers of items offered and kept so far. */
size_t fb_minhash_dedup_offered(const struct fb_minhash_dedup *d);
size_t fb_minhash_dedup_kept(const struct fb_minhash_dedup *d);

/* Deduplicates n texts in one go: dup_of[i] = i for a kept text, else the
 * index of the earlier kept text it duplicates. */
void fb_minhash_dedup_all(const struct fb_minhash *mh, double threshold, const char *const *texts,
                          const size_t *lens, size_t n, size_t *dup_of);

#endif
