/* Words for TF-IDF: folding that keeps accents (the stemmers need them),
 * the language of a text by its stop words, and Snowball stems. */
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "fb_alloc.h"
#include "fb_text.h"

static const char *const lang_names[FB_TEXT_NLANGS] = {
	"none", "en", "es", "fr", "de", "it", "pt"
};
static const char *const snowball_names[FB_TEXT_NLANGS] = { NULL,        "english", "spanish",
	                                                    "french",    "german",  "italian",
	                                                    "portuguese" };

int fb_text_lang_from_name(const char *name)
{
	int i;

	for (i = 0; i < FB_TEXT_NLANGS; i++)
		if (strcmp(name, lang_names[i]) == 0)
			return i;
	return -1;
}

const char *fb_text_lang_name(enum fb_text_lang lang)
{
	return lang < FB_TEXT_NLANGS ? lang_names[lang] : "none";
}

static int is_word_char(utf8proc_int32_t c)
{
	utf8proc_category_t cat;

	if (c < 128)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	cat = utf8proc_category(c);
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
}

/* Scripts written without spaces between words: each character stands
 * alone, and bigrams then pair neighbouring characters. */
static int is_unspaced(utf8proc_int32_t c)
{
	return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x3FFFF);
}

static void add_word(struct fb_text_words *w, const char *s, size_t len)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n = -1;
	size_t i, ascii = 1;

	for (i = 0; i < len && ascii; i++)
		ascii = (unsigned char)s[i] < 128;
	if (!ascii)
		n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &folded,
		                 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
		                     UTF8PROC_CASEFOLD);
	if (n >= 0) {
		s = (const char *)folded;
		len = (size_t)n;
	}
	w->off = fb_xgrow(w->off, &w->ncap, w->n + 1, sizeof *w->off);
	w->buf = fb_xgrow(w->buf, &w->cap, w->len + len + 1, 1);
	w->off[w->n++] = w->len;
	for (i = 0; i < len; i++)
		w->buf[w->len + i] = ascii && s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	w->len += len;
	w->buf[w->len++] = '\0';
	free(folded);
}

void fb_text_words(const char *text, size_t len, struct fb_text_words *out)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	utf8proc_ssize_t left = (utf8proc_ssize_t)len, step;
	utf8proc_int32_t c;
	const char *start = NULL;

	out->n = out->len = 0;
	while (left > 0) {
		step = utf8proc_iterate(p, left, &c);
		if (step <= 0) {
			step = 1;
			c = -1;
		}
		if (c >= 0 && is_word_char(c) && !is_unspaced(c)) {
			if (!start)
				start = (const char *)p;
		} else {
			if (start)
				add_word(out, start, (size_t)((const char *)p - start));
			start = NULL;
			if (c >= 0 && is_unspaced(c))
				add_word(out, (const char *)p, (size_t)step);
		}
		p += step;
		left -= step;
	}
	if (start)
		add_word(out, start, (size_t)((const char *)p - start));
}

void fb_text_words_free(struct fb_text_words *w)
{
	free(w->buf);
	free(w->off);
	memset(w, 0, sizeof *w);
}

/* The language of the most hits in count (see fb_text_guess_lang). */
static enum fb_text_lang most_hits(const size_t *count, enum fb_text_lang prefer, size_t *hits)
{
	size_t best = 0;
	int l, pick = FB_TEXT_LANG_NONE;

	for (l = 1; l < FB_TEXT_NLANGS; l++)
		if (count[l] > best) {
			best = count[l];
			pick = l;
		}
	if (best > 0 && prefer > FB_TEXT_LANG_NONE && prefer < FB_TEXT_NLANGS &&
	    count[prefer] == best)
		pick = (int)prefer;
	if (hits)
		*hits = best;
	return (enum fb_text_lang)pick;
}

enum fb_text_lang fb_text_guess_lang(const unsigned *langs, size_t n, enum fb_text_lang prefer,
                                     size_t *hits)
{
	size_t count[FB_TEXT_NLANGS] = { 0 }, i;

	for (i = 0; i < n; i++)
		for (int l = 1; l < FB_TEXT_NLANGS; l++)
			count[l] += (langs[i] >> l) & 1;
	return most_hits(count, prefer, hits);
}

struct fb_text_stemmer {
	struct sb_stemmer *sb[FB_TEXT_NLANGS];
	int failed[FB_TEXT_NLANGS];
	char *buf;
	size_t cap;
};

struct fb_text_stemmer *fb_text_stemmer_new(void)
{
	return fb_xcalloc(1, sizeof(struct fb_text_stemmer));
}

const char *fb_text_stem(struct fb_text_stemmer *s, enum fb_text_lang lang, const char *word,
                         size_t len, size_t *stem_len)
{
	const sb_symbol *stem = NULL;
	size_t n = len;

	if (lang > FB_TEXT_LANG_NONE && lang < FB_TEXT_NLANGS && !s->failed[lang]) {
		if (!s->sb[lang])
			s->sb[lang] = sb_stemmer_new(snowball_names[lang], "UTF_8");
		s->failed[lang] = !s->sb[lang];
		if (s->sb[lang])
			stem = sb_stemmer_stem(s->sb[lang], (const sb_symbol *)word, (int)len);
		if (stem)
			n = (size_t)sb_stemmer_length(s->sb[lang]);
	}
	s->buf = fb_xgrow(s->buf, &s->cap, n + 1, 1);
	memcpy(s->buf, stem ? (const char *)stem : word, n);
	s->buf[n] = '\0';
	*stem_len = n;
	return s->buf;
}

void fb_text_stemmer_free(struct fb_text_stemmer *s)
{
	int l;

	if (!s)
		return;
	for (l = 0; l < FB_TEXT_NLANGS; l++)
		if (s->sb[l])
			sb_stemmer_delete(s->sb[l]);
	free(s->buf);
	free(s);
}
