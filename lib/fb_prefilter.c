/* The literal-prefix prefilter of the phrase rules; see fb_prefilter.h. */
#include "fb_prefilter.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"

/* A trie of keys over letters (caseless), digits, "_" and a few marks,
 * and with FB_PREFILTER_UTF8 the lower-case letters of Latin-1 and the
 * typographic apostrophe U+2019 as well (a key holds the letters as Latin-1
 * bytes, 0xE0 to 0xFE, and the apostrophe as 0x80). Keys carry the tag
 * of their rule set (0 to 7, one per signal), so that one scan of a
 * message serves every set: next[i][NSYMS] holds the tags of the keys that
 * end at node i (bit t for a KEY_PREFIX key of tag t, bit 8 + t for a
 * KEY_WORD one), and 0 stands for "no child" (the root is no one's child). */
#define NASCII 44
#define NSYMS (NASCII + 31)
#define APOSTROPHE 0x80
/* Longer keys are cut: a shorter prefix only lets more through. Twelve
 * characters tell the default phrases apart as well as sixteen did (no
 * more time searching the texts let through), in tries of 18,219 and
 * 24,508 nodes instead of 33,534 and 42,565, which took a third of the
 * program's start. */
#define KEY_MAX 12
#define KEY_PREFIX 1 /* a match starts with the key */
#define KEY_WORD 2   /* ... and a non-word character or the end follows it */

struct fb_prefilter {
	uint16_t (*next)[NSYMS + 1];
	size_t n, cap;
	signed char sym[256]; /* sym_index of each byte, looked up once */
	int utf8;             /* FB_PREFILTER_UTF8 */
};

/* The prefilter. For each rule of the word-start alternation, the texts a
 * match can open with (keys) are read off the pattern: "\b(?:stupid|dumb)
 * (?:bot|ai)\b" gives "stupid bot", "stupid ai", "dumb bot" and "dumb ai",
 * each to be followed by a non-word character (KEY_WORD). When no word start
 * of a message holds a key, the alternation is not run, and only the rules
 * of the signal's alternation that do not open with \b are searched.
 *
 * The keys hold only what the pattern spells out: letters, digits and a
 * few marks, through groups, alternatives, optional parts, and single
 * character classes. They end (KEY_PREFIX) at the first thing the reader
 * does not follow (a repeat, a class with a range, most escapes...), and a
 * lookbehind or a negative lookahead, which only turns matches down, is
 * stepped over. So every match starts with one of its rule's keys: the
 * filter may let a message through in vain, never turn one away that
 * matches. A rule that gives an empty key leaves the signal unfiltered.
 *
 * Without FB_PREFILTER_UTF8, only ASCII messages are filtered. There,
 * caseless matching is plain ASCII case folding, \b sits between
 * [A-Za-z0-9_] and the rest, and a pattern letter outside ASCII cannot match
 * at all, so the keys through it are dropped; but a letter that may fold to
 * an ASCII one (U+017F to s, U+212A to k; U+0130, U+0131 and U+212B to be
 * safe) ends the keys instead.
 *
 * With FB_PREFILTER_UTF8 any text is filtered. Keys then hold the Latin-1
 * letters whose only caseless partner is their other case (see
 * latin_letter); every other letter outside ASCII ends them. A text that
 * holds one of the five characters above is let through whole: they are
 * the only ones outside ASCII that may match an ASCII letter caselessly.
 * Any other character outside ASCII and Latin-1 can only stand where the
 * keys have ended, and is taken for a non-word character both before a key
 * (so there are more word starts) and after one (more word ends). */

#define WORDS_MAX 512 /* more keys for one rule than this: no filter */
#define OPEN 0        /* a key that the next item may extend */

struct words {
	struct {
		char s[KEY_MAX];
		uint32_t hash; /* of s, len and state: most duplicates fail here */
		unsigned char len;
		unsigned char state; /* OPEN, or how it ended: KEY_PREFIX, KEY_WORD */
	} v[WORDS_MAX];
	size_t n;
	int overflow;
};

static int is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* The Latin-1 letters (as Latin-1 bytes) keys may hold under
 * FB_PREFILTER_UTF8: the lower-case ones whose caseless match is only their
 * upper-case form, and the sharp s (whose is U+1E9E, read as the same).
 * Left out: y with diaeresis (U+0178) and a with ring (U+212B), which have
 * a second partner, and the division sign. */
static int latin_letter(unsigned char c)
{
	return c == 0xdf || (c >= 0xe0 && c <= 0xfe && c != 0xe5 && c != 0xf7);
}

/* A key's character: a word character, ASCII or Latin-1. */
static int key_word(unsigned char c)
{
	return is_word(c) || latin_letter(c);
}

/* The trie's symbol for a character of a key (ASCII, or Latin-1 as above). */
static int key_sym(unsigned char c);

/* The trie's symbol for c, or -1. */
static int sym_index(unsigned char c)
{
	static const char marks[] = "_ '-,.!?";
	const char *m;

	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= '0' && c <= '9')
		return 26 + c - '0';
	m = c && c < 0x80 ? strchr(marks, c) : NULL;
	return m ? 36 + (int)(m - marks) : -1;
}

static int key_sym(unsigned char c)
{
	if (c == APOSTROPHE)
		return NSYMS - 1;
	if (c == 0xdf)
		return NSYMS - 2;
	return latin_letter(c) ? NASCII + (c - 0xe0) - (c > 0xe5) - (c > 0xf7) : sym_index(c);
}

/* The byte keys hold for the UTF-8 character at p outside ASCII (a Latin-1
 * letter in lower case, or APOSTROPHE), or 0 when they cannot hold it. */
static unsigned char latin_at(const unsigned char *p)
{
	unsigned char c;

	if (p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0x99)
		return APOSTROPHE;
	if (p[0] == 0xe1 && p[1] == 0xba && p[2] == 0x9e)
		return 0xdf;
	if (p[0] != 0xc3 || (p[1] & 0xc0) != 0x80)
		return 0;
	c = (unsigned char)(p[1] + 0x40);
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		c = (unsigned char)(c + 0x20);
	return latin_letter(c) ? c : 0;
}

static void words_add(struct words *w, const char *s, size_t len, int state)
{
	uint32_t h = 2166136261u;
	size_t i;

	if (len > KEY_MAX) {
		len = KEY_MAX;
		state = KEY_PREFIX;
	} else if (len == KEY_MAX && state == OPEN) {
		state = KEY_PREFIX;
	}
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	h = (h ^ (uint32_t)state) * 16777619u;
	for (i = 0; i < w->n; i++)
		if (w->v[i].hash == h && w->v[i].len == len && w->v[i].state == state &&
		    memcmp(w->v[i].s, s, len) == 0)
			return;
	if (w->n == WORDS_MAX) {
		w->overflow = 1;
		return;
	}
	memcpy(w->v[w->n].s, s, len);
	w->v[w->n].hash = h;
	w->v[w->n].len = (unsigned char)len;
	w->v[w->n++].state = (unsigned char)state;
}

/* Adds the entries of from to w; with close set, the open ones end there
 * (as KEY_PREFIX). */
static void words_merge(struct words *w, const struct words *from, int close)
{
	size_t i;

	for (i = 0; i < from->n; i++)
		words_add(w, from->v[i].s, from->v[i].len,
		          from->v[i].state == OPEN && close ? KEY_PREFIX : from->v[i].state);
	w->overflow |= from->overflow;
}

/* Adds the entries of open to w, ended by a non-word character: KEY_WORD
 * when they end with a word character. */
static void words_end(struct words *w, const struct words *open)
{
	size_t i;

	for (i = 0; i < open->n; i++) {
		size_t len = open->v[i].len;

		words_add(w, open->v[i].s, len,
		          len > 0 && key_word((unsigned char)open->v[i].s[len - 1]) ? KEY_WORD
		                                                                    : KEY_PREFIX);
	}
}

/* Splits w into its closed entries (left in w) and its open ones. */
static void words_split(struct words *w, struct words *open)
{
	size_t i, n = 0;

	open->n = 0;
	open->overflow = 0;
	for (i = 0; i < w->n; i++) {
		if (w->v[i].state == OPEN)
			words_add(open, w->v[i].s, w->v[i].len, OPEN);
		else
			w->v[n++] = w->v[i];
	}
	w->n = n;
}

/* Returns p past a class that starts at p ("[" right after "[" or "[^" is
 * a literal), or NULL when it does not end. */
static const char *skip_class(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p && *p != ']') {
		if (p[0] == '\\' && p[1]) {
			p += 2;
		} else if (p[0] == '[' && p[1] == ':') {
			const char *e = strstr(p + 2, ":]");

			if (!e)
				return NULL;
			p = e + 2;
		} else {
			p++;
		}
	}
	return *p ? p + 1 : NULL;
}

/* Returns p moved to the "|" or ")" that ends the sequence at p, or to the
 * end of the pattern; NULL when a class does not end. */
static const char *skip_seq(const char *p)
{
	int depth = 0;

	while (p && *p) {
		if (p[0] == '\\') {
			p += p[1] ? 2 : 1;
		} else if (p[0] == '[') {
			p = skip_class(p);
		} else if (p[0] == '(') {
			depth++;
			p++;
		} else if (p[0] == ')' || p[0] == '|') {
			if (depth == 0)
				return p;
			depth -= p[0] == ')';
			p++;
		} else {
			p++;
		}
	}
	return p;
}

/* How a non-ASCII letter at p acts in an ASCII subject: 1 when it may match
 * an ASCII letter under caseless matching, else 0 (it cannot match). */
static int folds_to_ascii(const char *p)
{
	static const char *const folding[] = { "\xc4\xb0", "\xc4\xb1", "\xc5\xbf", "\xe2\x84\xaa",
		                               "\xe2\x84\xab" };
	size_t i;

	for (i = 0; i < sizeof folding / sizeof folding[0]; i++)
		if (strncmp(p, folding[i], strlen(folding[i])) == 0)
			return 1;
	return 0;
}

/* Adds to got the open entries of open followed by c (a trie symbol),
 * lowercased. */
static void words_extend(struct words *got, const struct words *open, unsigned char c)
{
	char s[KEY_MAX + 1];
	size_t i;

	for (i = 0; i < open->n; i++) {
		size_t len = open->v[i].len;

		memcpy(s, open->v[i].s, len);
		/* A run of white space is one symbol in the scanned text. */
		if (c == ' ' && len > 0 && s[len - 1] == ' ') {
			words_add(got, s, len, OPEN);
			continue;
		}
		s[len] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		words_add(got, s, len + 1u, OPEN);
	}
}

/* words_extend with a character outside ASCII (see latin_at); returns
 * its UTF-8 length less one. */
static int add_char(struct words *got, const struct words *open, unsigned char lc)
{
	words_extend(got, open, lc);
	return lc == APOSTROPHE ? 2 : 1;
}

/* Whether every "(?" in p opens a group, a lookahead or a lookbehind: an
 * option setting such as "(?-i)" would reach into the alternatives after
 * it, which the reader does not track. */
static int plain_groups(const char *p)
{
	while ((p = strstr(p, "(?")) != NULL) {
		p += 2;
		if (*p != ':' && *p != '=' && *p != '!' &&
		    !(p[0] == '<' && (p[1] == '=' || p[1] == '!')))
			return 0;
	}
	return 1;
}

static const char *parse_alts(const char *p, const struct words *in, struct words *out, int utf8);

/* Extends the open entries of w with the sequence at p, up to the "|" or
 * ")" that ends it; returns where it stopped, or NULL when the pattern is
 * beyond this reader. */
static const char *parse_seq(const char *p, struct words *w, int utf8)
{
	struct words *open = fb_xmalloc(sizeof *open), *got = fb_xmalloc(sizeof *got);

	while (p && *p && *p != '|' && *p != ')') {
		const char *q, *m;
		unsigned char lc;
		int lookahead = 0, close_all = 0, space = 0;
		unsigned char c = (unsigned char)*p;

		words_split(w, open);
		if (open->n == 0) {
			p = skip_seq(p);
			break;
		}
		got->n = 0;
		got->overflow = 0;
		if (sym_index(c) >= 0 && c != '.' && c != '?') {
			words_extend(got, open, c);
			space = c == ' ';
			q = p + 1;
		} else if (c == '\\' && p[1] && strchr(" '-,.!?", p[1])) {
			words_extend(got, open, (unsigned char)p[1]);
			q = p + 2;
		} else if (c == '\\' && p[1] == 's') {
			/* White space, which the scan reads as a space. */
			words_extend(got, open, ' ');
			space = 1;
			q = p + 2;
		} else if (c == '\\' && p[1] && strchr("bW", p[1])) {
			/* \b after a word character and \W: a non-word character
			 * (or, for \b, the end) comes next. */
			words_end(got, open);
			q = p + 2;
		} else if (c >= 0x80) {
			/* A character outside ASCII: under FB_PREFILTER_UTF8 it
			 * goes into the keys (see latin_at) or ends them; else it
			 * drops them, or ends them when it may fold to ASCII. */
			if (utf8 && (lc = latin_at((const unsigned char *)p)) != 0)
				words_extend(got, open, lc);
			else if (utf8 || folds_to_ascii(p))
				words_merge(got, open, 1);
			q = p + 1;
			while (((unsigned char)*q & 0xc0) == 0x80)
				q++;
		} else if (c == '[' && p[1] != '^') {
			/* A class of single characters, each taken as above;
			 * ranges and escapes are not followed. */
			q = skip_class(p);
			if (!q)
				goto fail;
			for (m = p + 1; m < q - 1; m++)
				if (*m == '\\' || *m == '-' || *m == '[')
					close_all = 1;
			for (m = p + 1; m < q - 1 && !close_all; m++) {
				if (sym_index((unsigned char)*m) >= 0)
					words_extend(got, open, (unsigned char)*m);
				else if ((unsigned char)*m < 0x80)
					words_end(got, open);
				else if (utf8 && (lc = latin_at((const unsigned char *)m)) != 0)
					m += add_char(got, open, lc);
				else if (utf8 || folds_to_ascii(m))
					words_merge(got, open, 1);
			}
		} else if (c == '(' && (p[1] != '?' || p[2] == ':' || p[2] == '=')) {
			const char *body = p[1] != '?' ? p + 1 : p + 3;

			lookahead = p[1] == '?' && p[2] == '=';
			q = parse_alts(body, open, got, utf8);
			if (!q || *q != ')')
				goto fail;
			q++;
		} else if (c == '(' && p[1] == '?' &&
		           (p[2] == '!' || (p[2] == '<' && (p[3] == '=' || p[3] == '!')))) {
			/* A lookbehind or a negative lookahead only turns matches
			 * down: the keys go on as if it were not there. */
			q = skip_seq(p + (p[2] == '!' ? 3 : 4));
			while (q && *q == '|')
				q = skip_seq(q + 1);
			if (!q || *q != ')')
				goto fail;
			q++;
			if (*q == '?' || *q == '*' || *q == '+' || *q == '{') {
				close_all = 1;
			} else {
				words_merge(w, open, 0);
				p = q;
				continue;
			}
		} else {
			close_all = 1;
			q = p;
		}
		if (!close_all && (got->overflow || w->n + open->n + got->n > WORDS_MAX)) {
			/* Too many keys through this item: they end before it. */
			got->n = 0;
			close_all = 1;
			q = p;
		}
		if (close_all) {
			/* Something this reader does not follow: the keys end here. */
			words_merge(w, open, 1);
			p = skip_seq(q);
			break;
		}
		if (*q == '*' && !lookahead && !space) {
			/* None (the keys go on past it) or some (they end after
			 * the first). */
			words_merge(w, open, 0);
			words_merge(w, got, 1);
			q++;
		} else if (*q == '*' || *q == '{' || (lookahead && (*q == '?' || *q == '+'))) {
			/* Repeated from zero times, or a count that may be zero. */
			words_merge(w, open, 1);
			p = skip_seq(q);
			break;
		} else if (*q == '?') {
			words_merge(w, open, 0);
			words_merge(w, got, 0);
			q++;
		} else if (*q == '+' && space) {
			/* One run of white space or more is one space to the scan. */
			words_merge(w, got, 0);
			q++;
		} else if (*q == '+') {
			words_merge(w, got, 1);
			q++;
		} else {
			/* A lookahead does not move on: what follows it starts at
			 * the same place again, so the keys end with it. */
			words_merge(w, got, lookahead);
		}
		if (*q == '?' || *q == '+')
			q++; /* lazy or possessive: the same text may match */
		p = q;
	}
	free(open);
	free(got);
	return p;
fail:
	free(open);
	free(got);
	return NULL;
}

/* Reads the alternatives at p, each from the entries of in, into out. */
static const char *parse_alts(const char *p, const struct words *in, struct words *out, int utf8)
{
	struct words *w = fb_xmalloc(sizeof *w);

	for (;;) {
		w->n = 0;
		w->overflow = 0;
		words_merge(w, in, 0);
		p = parse_seq(p, w, utf8);
		if (!p)
			break;
		words_merge(out, w, 0);
		if (*p != '|')
			break;
		p++;
	}
	free(w);
	return p;
}

void fb_prefilter_free(struct fb_prefilter *pf)
{
	if (!pf)
		return;
	free(pf->next);
	free(pf);
}

/* Adds key to the trie; -1 when the trie is full. */
static int prefilter_insert(struct fb_prefilter *pf, const char *key, size_t len, unsigned flags)
{
	size_t i, node = 0;

	for (i = 0; i < len; i++) {
		int c = key_sym((unsigned char)key[i]);

		if (!pf->next[node][c]) {
			if (pf->n > UINT16_MAX)
				return -1;
			pf->next = fb_xgrow(pf->next, &pf->cap, pf->n + 1, sizeof *pf->next);
			memset(pf->next[pf->n], 0, sizeof *pf->next);
			pf->next[node][c] = (uint16_t)pf->n++;
		}
		node = pf->next[node][c];
	}
	pf->next[node][NSYMS] |= (uint16_t)flags;
	return 0;
}

/* The symbols up to "_" are the word characters. */
static int word_sym(const struct fb_prefilter *pf, unsigned char c)
{
	return (unsigned char)pf->sym[c] <= 36;
}

/* Whether the bytes at t (up to end) open a character that may match an
 * ASCII letter of a pattern under caseless matching (see folds_to_ascii). */
static int folds_at(const unsigned char *t, const unsigned char *end)
{
	if (t[0] == 0xc4 || t[0] == 0xc5)
		return end - t >= 2 && ((t[0] == 0xc4 && (t[1] == 0xb0 || t[1] == 0xb1)) ||
		                        (t[0] == 0xc5 && t[1] == 0xbf));
	return t[0] == 0xe2 && end - t >= 3 && t[1] == 0x84 && (t[2] == 0xaa || t[2] == 0xab);
}

/* One character of a text under FB_PREFILTER_UTF8: its trie symbol (-1
 * when no key holds it), its length, and whether it surely is a word
 * character under UCP (a character it cannot tell counts as not: that
 * makes more word starts and more word ends, so it lets more through). */
struct tchar {
	int sym;
	size_t len;
	int word;
};

static int is_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The length of the run of ASCII white space at t. */
static size_t space_run(const unsigned char *t, size_t left)
{
	size_t n = 0;

	while (n < left && is_space(t[n]))
		n++;
	return n;
}

static inline struct tchar text_char(const struct fb_prefilter *pf, const unsigned char *t,
                                     size_t left)
{
	struct tchar tc = { -1, 1, 0 };
	unsigned char c = t[0];

	if (c < 0x80 && c > ' ') {
		tc.sym = pf->sym[c];
		tc.word = is_word(c);
	} else if (is_space(c)) {
		tc.sym = pf->sym[' '];
		tc.len = space_run(t, left);
	} else if (c < 0x80) {
		tc.sym = pf->sym[c];
		tc.word = is_word(c);
	} else if ((c == 0xe2 || c == 0xe1) && left >= 3 && latin_at(t) != 0) {
		/* The apostrophe, or the capital sharp s (a letter). */
		tc.len = 3;
		tc.sym = key_sym(latin_at(t));
		tc.word = c == 0xe1;
	} else if (c == 0xc3 && left >= 2) {
		/* Latin-1: every character from U+00C0 on is a letter but the
		 * multiplication and division signs. */
		c = latin_at(t);
		tc.len = 2;
		tc.sym = c ? key_sym(c) : -1;
		tc.word = t[1] != 0x97 && t[1] != 0xb7;
	}
	return tc;
}

/* The tags of the keys that end at node, given whether a non-word character
 * (or the end) may follow. */
static unsigned tags_at(const struct fb_prefilter *pf, size_t node, int word_end)
{
	unsigned f = pf->next[node][NSYMS];

	return (f & 0xffu) | (word_end ? f >> 8 : 0);
}

/* fb_prefilter_pass for any text: see this file's opening comment. */
static unsigned pass_utf8(const struct fb_prefilter *pf, const unsigned char *t, size_t len,
                          unsigned want)
{
	size_t i, k;
	int prev_word = 0;
	unsigned got = 0;
	struct tchar tc, kc = { -1, 1, 0 }, after;

	for (i = 0; i < len && (got & want) != want; i += tc.len) {
		size_t node = 0;

		if (t[i] >= 0xc4 && folds_at(t + i, t + len))
			return want;
		tc = text_char(pf, t + i, len - i);
		if (!tc.word || prev_word || tc.sym < 0) {
			prev_word = tc.word;
			continue;
		}
		prev_word = 1;
		for (k = i; k < len; k += kc.len) {
			int was_space = k > i && kc.sym == pf->sym[(unsigned char)' '];

			kc = text_char(pf, t + k, len - k);
			/* A character it cannot tell may be white space. */
			if (kc.sym < 0 && t[k] >= 0x80 &&
			    (was_space || pf->next[node][pf->sym[' ']]))
				return want;
			if (kc.sym < 0)
				break;
			node = pf->next[node][kc.sym];
			if (!node)
				break;
			if (!pf->next[node][NSYMS])
				continue;
			after.word = 0;
			if (k + kc.len < len)
				after = text_char(pf, t + k + kc.len, len - k - kc.len);
			got |= tags_at(pf, node, !after.word);
		}
	}
	return got & want;
}

/* Walks the trie from the word start at t[i]; returns the tags of the keys
 * found there. */
static unsigned keys_at(const struct fb_prefilter *pf, const unsigned char *t, size_t len, size_t i)
{
	size_t node = 0, k;
	unsigned got = 0;

	for (k = i; k < len;) {
		int sym = pf->sym[t[k]];

		if (is_space(t[k])) {
			sym = pf->sym[' '];
			k += space_run(t + k, len - k);
		} else {
			k++;
		}
		if (sym < 0)
			break;
		node = pf->next[node][sym];
		if (!node)
			break;
		if (pf->next[node][NSYMS])
			got |= tags_at(pf, node, k == len || !word_sym(pf, t[k]));
	}
	return got;
}

unsigned fb_prefilter_pass(const struct fb_prefilter *pf, const char *text, size_t len,
                           unsigned want)
{
	const unsigned char *t = (const unsigned char *)text;
	unsigned char any = 0;
	unsigned got = 0;
	size_t i;

	if (pf->utf8)
		return pass_utf8(pf, t, len, want);
	for (i = 0; i < len; i++)
		any |= t[i];
	if (any >= 0x80)
		return want;
	/* From word start to word start, skipping the rest of each word. */
	for (i = 0; i < len && (got & want) != want;) {
		while (i < len && !word_sym(pf, t[i]))
			i++;
		if (i == len)
			break;
		got |= keys_at(pf, t, len, i);
		while (i < len && word_sym(pf, t[i]))
			i++;
	}
	return got & want;
}

struct fb_prefilter *fb_prefilter_new(unsigned flags)
{
	struct fb_prefilter *pf = fb_xcalloc(1, sizeof *pf);
	size_t i;

	pf->utf8 = (flags & FB_PREFILTER_UTF8) != 0;
	pf->next = fb_xgrow(NULL, &pf->cap, 1, sizeof *pf->next);
	memset(pf->next[0], 0, sizeof *pf->next);
	pf->n = 1;
	for (i = 0; i < 256; i++)
		pf->sym[i] = (signed char)sym_index((unsigned char)i);
	return pf;
}

int fb_prefilter_add(struct fb_prefilter *pf, const char *pattern, unsigned tag)
{
	struct words *start = fb_xcalloc(1, sizeof *start), *keys = fb_xcalloc(1, sizeof *keys);
	const char *end;
	size_t j;
	int ok = plain_groups(pattern);

	words_add(start, "", 0, OPEN);
	if (ok) {
		end = parse_alts(pattern, start, keys, pf->utf8);
		ok = end && *end == '\0' && !keys->overflow;
	}
	for (j = 0; ok && j < keys->n; j++) {
		/* A key still open ran to the end of the pattern: anything may
		 * follow it. */
		int state = keys->v[j].state == OPEN ? KEY_PREFIX : keys->v[j].state;
		unsigned flags = state == KEY_WORD ? 0x100u << tag : 1u << tag;

		/* The scan tries keys at word starts only: after \b, a match
		 * that opens with a mark starts at a word's end. */
		ok = keys->v[j].len > 0 && key_word((unsigned char)keys->v[j].s[0]) &&
		     prefilter_insert(pf, keys->v[j].s, keys->v[j].len, flags) == 0;
	}
	free(start);
	free(keys);
	return ok ? 0 : -1;
}
