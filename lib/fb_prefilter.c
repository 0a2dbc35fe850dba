/* The literal-prefix prefilter of the phrase rules; see fb_prefilter.h. */
#include "fb_prefilter.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"

/* A trie of keys over letters (caseless), digits, "_" and a few marks;
 * next[i][NSYMS] holds the flags of the key that ends at node i, and 0
 * stands for "no child" (the root is no one's child). */
#define NSYMS 44
#define KEY_MAX 16   /* longer keys are cut: a shorter prefix only lets more through */
#define KEY_PREFIX 1 /* a match starts with the key */
#define KEY_WORD 2   /* ... and a non-word character or the end follows it */

struct fb_prefilter {
	uint16_t (*next)[NSYMS + 1];
	size_t n, cap;
	signed char sym[256]; /* sym_index of each byte, looked up once */
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
 * Only ASCII messages are filtered. There, caseless matching is plain ASCII
 * case folding, \b sits between [A-Za-z0-9_] and the rest, and a pattern
 * letter outside ASCII cannot match at all, so the keys through it are
 * dropped; but a letter that may fold to an ASCII one (U+017F to s, U+212A
 * to k; U+0130, U+0131 and U+212B to be safe) ends the keys instead. */

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
	m = c ? strchr(marks, c) : NULL;
	return m ? 36 + (int)(m - marks) : -1;
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
		          len > 0 && is_word((unsigned char)open->v[i].s[len - 1]) ? KEY_WORD
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
		memcpy(s, open->v[i].s, open->v[i].len);
		s[open->v[i].len] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		words_add(got, s, open->v[i].len + 1u, OPEN);
	}
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

static const char *parse_alts(const char *p, const struct words *in, struct words *out);

/* Extends the open entries of w with the sequence at p, up to the "|" or
 * ")" that ends it; returns where it stopped, or NULL when the pattern is
 * beyond this reader. */
static const char *parse_seq(const char *p, struct words *w)
{
	struct words *open = fb_xmalloc(sizeof *open), *got = fb_xmalloc(sizeof *got);

	while (p && *p && *p != '|' && *p != ')') {
		const char *q, *m;
		int lookahead = 0, close_all = 0;
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
			q = p + 1;
		} else if (c == '\\' && p[1] && strchr(" '-,.!?", p[1])) {
			words_extend(got, open, (unsigned char)p[1]);
			q = p + 2;
		} else if (c == '\\' && p[1] && strchr("bsW", p[1])) {
			/* \b after a word character, \s and \W: a non-word character
			 * (or, for \b, the end) comes next. */
			words_end(got, open);
			q = p + 2;
		} else if (c >= 0x80) {
			/* A non-ASCII letter: it drops the entries, or stops them
			 * when it may fold to ASCII. */
			if (folds_to_ascii(p))
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
				else if (folds_to_ascii(m))
					words_merge(got, open, 1);
			}
		} else if (c == '(' && (p[1] != '?' || p[2] == ':' || p[2] == '=')) {
			const char *body = p[1] != '?' ? p + 1 : p + 3;

			lookahead = p[1] == '?' && p[2] == '=';
			q = parse_alts(body, open, got);
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
		if (close_all) {
			/* Something this reader does not follow: the keys end here. */
			words_merge(w, open, 1);
			p = skip_seq(q);
			break;
		}
		if (*q == '*' || *q == '{' || (lookahead && (*q == '?' || *q == '+'))) {
			/* Repeated from zero times, or a count that may be zero. */
			words_merge(w, open, 1);
			p = skip_seq(q);
			break;
		} else if (*q == '?') {
			words_merge(w, open, 0);
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
static const char *parse_alts(const char *p, const struct words *in, struct words *out)
{
	struct words *w = fb_xmalloc(sizeof *w);

	for (;;) {
		w->n = 0;
		w->overflow = 0;
		words_merge(w, in, 0);
		p = parse_seq(p, w);
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
static int prefilter_insert(struct fb_prefilter *pf, const char *key, size_t len, int flags)
{
	size_t i, node = 0;

	for (i = 0; i < len; i++) {
		int c = sym_index((unsigned char)key[i]);

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
	return pf->sym[c] >= 0 && pf->sym[c] <= 36;
}

/* Whether the word-start alternation may match text: 0 only when text is
 * ASCII and none of its words starts with a key. */
int fb_prefilter_pass(const struct fb_prefilter *pf, const char *text, size_t len)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t i, k;
	int prev_word = 0;

	for (i = 0; i < len; i++) {
		size_t node = 0;
		int word = word_sym(pf, t[i]);

		if (t[i] >= 0x80)
			return 1;
		if (!word || prev_word) {
			prev_word = word;
			continue;
		}
		prev_word = 1;
		for (k = i; k < len && pf->sym[t[k]] >= 0; k++) {
			node = pf->next[node][pf->sym[t[k]]];
			if (!node)
				break;
			if (pf->next[node][NSYMS] & KEY_PREFIX)
				return 1;
			if ((pf->next[node][NSYMS] & KEY_WORD) &&
			    (k + 1 == len || !word_sym(pf, t[k + 1])))
				return 1;
		}
	}
	return 0;
}

struct fb_prefilter *fb_prefilter_new(void)
{
	struct fb_prefilter *pf = fb_xcalloc(1, sizeof *pf);
	size_t i;

	pf->next = fb_xgrow(NULL, &pf->cap, 1, sizeof *pf->next);
	memset(pf->next[0], 0, sizeof *pf->next);
	pf->n = 1;
	for (i = 0; i < 256; i++)
		pf->sym[i] = (signed char)sym_index((unsigned char)i);
	return pf;
}

int fb_prefilter_add(struct fb_prefilter *pf, const char *pattern)
{
	struct words *start = fb_xcalloc(1, sizeof *start), *keys = fb_xcalloc(1, sizeof *keys);
	const char *end;
	size_t j;
	int ok = plain_groups(pattern);

	words_add(start, "", 0, OPEN);
	if (ok) {
		end = parse_alts(pattern, start, keys);
		ok = end && *end == '\0' && !keys->overflow;
	}
	for (j = 0; ok && j < keys->n; j++) {
		/* A key still open ran to the end of the pattern: anything may
		 * follow it. */
		int flags = keys->v[j].state == OPEN ? KEY_PREFIX : keys->v[j].state;

		/* The scan tries keys at word starts only: after \b, a match
		 * that opens with a mark starts at a word's end. */
		ok = keys->v[j].len > 0 && is_word((unsigned char)keys->v[j].s[0]) &&
		     prefilter_insert(pf, keys->v[j].s, keys->v[j].len, flags) == 0;
	}
	free(start);
	free(keys);
	return ok ? 0 : -1;
}
