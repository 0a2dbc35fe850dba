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

/* Whether all len bytes of s are ASCII (below 0x80). */
int fb_text_is_ascii(const char *s, size_t len);

/* Frees the token array (not the struct itself). */
void fb_text_tokens_free(struct fb_text_tokens *t);

/* ---- words, stop words and stems, for TF-IDF (lib/fb_text_words.c) ---- */

/* The languages with stop words and a Snowball stemmer. */
enum fb_text_lang {
	FB_TEXT_LANG_NONE, /* no stop words, no stemming */
	FB_TEXT_LANG_EN,
	FB_TEXT_LANG_ES,
	FB_TEXT_LANG_FR,
	FB_TEXT_LANG_DE,
	FB_TEXT_LANG_IT,
	FB_TEXT_LANG_PT,
	FB_TEXT_NLANGS
};

/* Parses "none", "en", "es", "fr", "de", "it" or "pt"; -1 when unknown. */
int fb_text_lang_from_name(const char *name);

/* The short name of a language ("none", "en", ...). Static storage. */
const char *fb_text_lang_name(enum fb_text_lang lang);

/* The words of a text, in order and with repeats, each folded to its NFKC
 * case-folded form (accents kept, so that stemmers see them: "Straße" is
 * "strasse", "Café" is "café"). A word is a maximal run of letters, digits
 * and combining marks; in scripts written without spaces (Han, Hiragana,
 * Katakana) every character is a word of its own. Words are NUL-terminated
 * in buf, word i starting at buf + off[i]. */
struct fb_text_words {
	char *buf;
	size_t len, cap;
	size_t *off;
	size_t n, ncap;
};

/* Splits text (len bytes of UTF-8; invalid bytes separate words) into *out,
 * replacing what it held. */
void fb_text_words(const char *text, size_t len, struct fb_text_words *out);

/* Frees the arrays (not the struct itself). */
void fb_text_words_free(struct fb_text_words *w);

/* Whether word (folded, NUL-terminated) is a stop word of lang; never for
 * FB_TEXT_LANG_NONE. */
int fb_text_is_stopword(enum fb_text_lang lang, const char *word);

/* The languages of which word (folded, NUL-terminated) is a stop word: bit
 * l set for language l (never bit FB_TEXT_LANG_NONE). */
unsigned fb_text_stopword_langs(const char *word);

/* The sorted stop-word list of lang (static storage) and its length in *n. */
const char *const *fb_text_stopwords(enum fb_text_lang lang, size_t *n);

/* The language whose stop words are the most of n words, given by the
 * languages each is a stop word of (fb_text_stopword_langs): the one with the
 * most hits, ties broken in favour of prefer when it is among the best, else
 * in the order of enum fb_text_lang. FB_TEXT_LANG_NONE when no word is a stop
 * word. hits, when not NULL, gets the count of the language chosen. */
enum fb_text_lang fb_text_guess_lang(const unsigned *langs, size_t n, enum fb_text_lang prefer,
                                     size_t *hits);

/* Snowball stemmers (libstemmer), one per language, made on first use. Not
 * to be shared between threads. */
struct fb_text_stemmer; /* opaque */

struct fb_text_stemmer *fb_text_stemmer_new(void);

/* Stems word (folded, len bytes) in lang. Returns the stem, NUL-terminated,
 * in storage owned by the stemmer and valid until the next call; the word
 * itself for FB_TEXT_LANG_NONE. *stem_len gets its length. */
const char *fb_text_stem(struct fb_text_stemmer *s, enum fb_text_lang lang, const char *word,
                         size_t len, size_t *stem_len);

void fb_text_stemmer_free(struct fb_text_stemmer *s);

#endif
