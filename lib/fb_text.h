/* Text normalisation for comparing what people write: Unicode case folding
 * with accents stripped (utf8proc), and word tokens. */
#ifndef FB_TEXT_H
#define FB_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* A set of word tokens, each kept as a 64-bit hash of its folded form. */
struct fb_text_tokens {
	uint64_t *hash;
	size_t n, cap;
};

/* Splits text (len bytes of valid UTF-8) into words — maximal runs of
 * letters, digits and combining marks — folds each (case, compatibility
 * forms, accents: "Über" and "uber" are one word) and stores the distinct
 * ones, sorted, in *out, replacing what it held. Words shorter than
 * min_chars code points are left out. */
void fb_text_tokenize(const char *text, size_t len, size_t min_chars, struct fb_text_tokens *out);

/* Dice similarity of two token sets, 2|A∩B| / (|A|+|B|), in [0, 1]; 0 when
 * both are empty. */
double fb_text_dice(const struct fb_text_tokens *a, const struct fb_text_tokens *b);

/* Number of tokens the two sets share. */
size_t fb_text_shared(const struct fb_text_tokens *a, const struct fb_text_tokens *b);

/* Whether text is shouted: at least 6 cased letters, of which at least 80%
 * upper case, in at least two words. */
int fb_text_is_shouting(const char *text, size_t len);

/* Frees the token array (not the struct itself). */
void fb_text_tokens_free(struct fb_text_tokens *t);

#endif
