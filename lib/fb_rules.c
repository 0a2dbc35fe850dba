#include "fb_rules.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_prefilter.h"
#include "fb_regex.h"
#include "fb_ruleline.h"
#include "fb_text.h"

struct rule {
	char *lang;
	char *pattern;
	const char *source; /* borrowed from fb_rules.sources */
	long line;
	struct fb_regex *re;
	int joinable; /* may go into the signal's alternation */
	int anchored; /* matches only at the start of a message */
};

struct signal_rules {
	struct rule *v; /* in file order, sources in the order they were added */
	size_t n, cap;
	/* The signal's joinable rules as one alternation; NULL when there are
	 * none or when the alternation did not compile (each rule is then
	 * searched on its own). */
	struct fb_regex *joined;
	/* The joinable rules anchored at the start of the message, apart: in
	 * the alternation they would cost PCRE2 its start-of-match
	 * optimisation, alone they are tried at one position. */
	struct fb_regex *anchored;
	int join_failed; /* an alternation did not compile: search rule by rule */
	/* Whether the rules' prefilter (fb_rules.pre, with the signal as tag)
	 * speaks for the word-start alternation on ASCII text: it holds the
	 * texts one of which a message must hold at a word start for the
	 * alternation to match; 0 when some rule gives none (see
	 * fb_prefilter.h). */
	int filtered;
	/* The rules of the joined alternation that do not open with \b, for
	 * the messages the prefilter turns away; NULL when there are none. */
	struct fb_regex *other;
	/* The same for text that is not ASCII (fb_rules.pre_utf8; 0: such
	 * text is searched in full), and the rules it cannot speak for (those
	 * whose keys it cannot read, and those of other). */
	int filtered_utf8;
	struct fb_regex *other_utf8;
};

struct fb_rules {
	struct signal_rules sig[FB_RULE_NSIGNALS];
	/* The prefilters of all signals, one for ASCII text and one for the
	 * rest, so that one scan of a message serves them all. */
	struct fb_prefilter *pre, *pre_utf8;
	int no_prefilter;     /* set by fb_rules_set_prefilter, for tests */
	int borrowed_filters; /* a clone's prefilters are the original's */
	char **sources;
	size_t nsources, capsources;
};

/* A rule parsed from text but not yet added, so that an error later in the
 * text can still leave the set as it was. */
struct pending {
	enum fb_rule_signal signal;
	struct rule rule;
};

static const char *const signal_names[FB_RULE_NSIGNALS] = {
	"correction", "frustration", "gratitude", "acceptance",
	"escalation", "followup",    "refusal",   "apology",
};

/* Field text is quoted in messages up to this many bytes, so that a long
 * line still leaves room for the rest of the message. */
#define QUOTE_MAX 40

const char *fb_rules_signal_name(enum fb_rule_signal signal)
{
	if ((unsigned)signal >= FB_RULE_NSIGNALS)
		return NULL;
	return signal_names[signal];
}

int fb_rules_signal_from_name(const char *name, size_t len)
{
	int i;

	if (!name)
		return -1;
	for (i = 0; i < FB_RULE_NSIGNALS; i++)
		if (strlen(signal_names[i]) == len && memcmp(signal_names[i], name, len) == 0)
			return i;
	return -1;
}

struct fb_rules *fb_rules_new(void)
{
	return fb_xcalloc(1, sizeof(struct fb_rules));
}

static void rebuild_joined(struct signal_rules *s);
static void rebuild_filters(struct fb_rules *r);
static int has_other(const struct signal_rules *s);

static void rule_free(struct rule *rule)
{
	free(rule->lang);
	free(rule->pattern);
	fb_regex_free(rule->re);
}

void fb_rules_free(struct fb_rules *r)
{
	size_t i, j;

	if (!r)
		return;
	for (i = 0; i < FB_RULE_NSIGNALS; i++) {
		for (j = 0; j < r->sig[i].n; j++)
			rule_free(&r->sig[i].v[j]);
		free(r->sig[i].v);
		fb_regex_free(r->sig[i].joined);
		fb_regex_free(r->sig[i].anchored);
		fb_regex_free(r->sig[i].other);
		fb_regex_free(r->sig[i].other_utf8);
	}
	if (!r->borrowed_filters) {
		fb_prefilter_free(r->pre);
		fb_prefilter_free(r->pre_utf8);
	}
	for (i = 0; i < r->nsources; i++)
		free(r->sources[i]);
	free(r->sources);
	free(r);
}

struct fb_rules *fb_rules_clone(const struct fb_rules *r)
{
	struct fb_rules *c = fb_rules_new();
	const struct signal_rules *from;
	struct signal_rules *to;
	size_t i, j, k;

	*c = *r;
	c->borrowed_filters = 1;
	c->sources = fb_xcalloc(r->nsources + 1, sizeof *c->sources);
	for (i = 0; i < r->nsources; i++)
		c->sources[i] = fb_xstrdup(r->sources[i]);
	for (i = 0; i < FB_RULE_NSIGNALS; i++) {
		from = &r->sig[i];
		to = &c->sig[i];
		to->v = fb_xcalloc(from->n + 1, sizeof *to->v);
		to->cap = from->n + 1;
		for (j = 0; j < from->n; j++) {
			to->v[j] = from->v[j];
			to->v[j].lang = fb_xstrdup(from->v[j].lang);
			to->v[j].pattern = fb_xstrdup(from->v[j].pattern);
			for (k = 0; k < r->nsources; k++)
				if (r->sources[k] == from->v[j].source)
					to->v[j].source = c->sources[k];
			to->v[j].re = fb_regex_share(from->v[j].re);
		}
		to->joined = fb_regex_share(from->joined);
		to->anchored = fb_regex_share(from->anchored);
		to->other = fb_regex_share(from->other);
		to->other_utf8 = fb_regex_share(from->other_utf8);
	}
	return c;
}

size_t fb_rules_count(const struct fb_rules *r, enum fb_rule_signal signal)
{
	if ((unsigned)signal >= FB_RULE_NSIGNALS)
		return 0;
	return r->sig[signal].n;
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

/* A language is "*" or a tag shaped like BCP 47 ("en", "pt-BR"). Checking
 * the shape catches fields written in the wrong order, where a pattern would
 * otherwise pass for a language. */
static int valid_lang(const char *s, size_t len)
{
	size_t i = 0, n;

	if (len == 1 && s[0] == '*')
		return 1;
	while (i < len && is_alpha(s[i]))
		i++;
	if (i < 2 || i > 8)
		return 0;
	while (i < len) {
		if (s[i++] != '-')
			return 0;
		for (n = 0; i < len && is_alnum(s[i]); i++)
			n++;
		if (n < 1 || n > 8)
			return 0;
	}
	return 1;
}

/* Whether pattern means the same inside "(?:...)|(?:...)" as on its own.
 * Numbered conditions and subroutine calls would point into other rules,
 * verbs such as (*COMMIT) and \K act on the whole match, \Q would swallow
 * the rules after it, and under (?x) a "#" comment would run into them. The
 * test errs on the safe side: a rule it turns down is searched on its own,
 * which costs time, never a wrong answer. */
static int joinable(const char *p)
{
	const char *q;

	for (; *p; p++) {
		if (p[0] == '\\') {
			if (p[1] == 'Q' || p[1] == 'K' || p[1] == 'g')
				return 0;
			if (p[1])
				p++;
			continue;
		}
		if (p[0] != '(')
			continue;
		if (p[1] == '*')
			return 0;
		if (p[1] != '?')
			continue;
		q = p + 2;
		if (*q == '(' || *q == 'R' || *q == '&' || *q == '+' || (*q >= '0' && *q <= '9') ||
		    (q[0] == 'P' && q[1] == '>') || (q[0] == '-' && q[1] >= '0' && q[1] <= '9'))
			return 0;
		for (; *q && strchr("imnsxJU^-", *q); q++)
			if (*q == 'x')
				return 0;
	}
	return 1;
}

/* Parses one line (without its newline) into *out. Returns 1 for a rule, 0
 * for a blank or comment line, -1 on error. */
static int parse_line(const char *s, size_t len, long lineno, struct pending *out,
                      struct fb_error *err)
{
	struct fb_error rerr;
	struct fb_regex *re;
	struct fb_ruleline f;
	size_t f0, f1, l0, l1, p0;
	char *pattern;
	int sig, rc = fb_ruleline_split(s, len, 3, lineno, &f, err);

	if (rc <= 0)
		return rc;
	f0 = f.start[0];
	f1 = f.end[0];
	sig = fb_rules_signal_from_name(s + f0, f1 - f0);
	if (sig < 0) {
		fb_error_set(err, lineno, (int)f0 + 1, "unknown signal '%.*s'",
		             (int)(f1 - f0 < QUOTE_MAX ? f1 - f0 : QUOTE_MAX), s + f0);
		return -1;
	}
	if (f.n < 2) {
		fb_error_set(err, lineno, (int)f.len + 1, "missing language");
		return -1;
	}
	l0 = f.start[1];
	l1 = f.end[1];
	if (!valid_lang(s + l0, l1 - l0)) {
		fb_error_set(err, lineno, (int)l0 + 1, "invalid language '%.*s'",
		             (int)(l1 - l0 < QUOTE_MAX ? l1 - l0 : QUOTE_MAX), s + l0);
		return -1;
	}
	if (f.n < 3) {
		fb_error_set(err, lineno, (int)f.len + 1, "missing pattern");
		return -1;
	}
	p0 = f.start[2];
	len = f.len;

	/* A joinable rule is only ever matched anchored after the alternation
	 * hit, so it does without the JIT, which is most of the start-up time. */
	pattern = fb_xstrndup(s + p0, len - p0);
	re = fb_regex_compile(pattern, FB_REGEX_NOJIT, &rerr);
	if (!re) {
		fb_error_set(err, lineno, (int)p0 + rerr.column, "%s", rerr.text);
		free(pattern);
		return -1;
	}
	/* A rule that matches empty text ("thanks|") would flag every message. */
	if (fb_regex_search(re, "", 0, NULL, NULL) != 0) {
		fb_error_set(err, lineno, (int)p0 + 1, "pattern matches empty text");
		fb_regex_free(re);
		free(pattern);
		return -1;
	}
	out->signal = (enum fb_rule_signal)sig;
	out->rule.lang = fb_xstrndup(s + l0, l1 - l0);
	out->rule.pattern = pattern;
	out->rule.line = lineno;
	/* A rule PCRE2 must try at every position would make the whole
	 * alternation do so: such a rule is searched alone. */
	out->rule.joinable = fb_regex_backrefs(re) == 0 && joinable(pattern) &&
	                     fb_regex_start(re) != FB_REGEX_START_ANYWHERE;
	out->rule.anchored = fb_regex_start(re) == FB_REGEX_START_ANCHORED;
	if (!out->rule.joinable) {
		/* Searched in full on every message: worth the JIT. */
		fb_regex_free(re);
		re = fb_regex_compile(pattern, 0, NULL);
	}
	out->rule.re = re;
	return 1;
}

/* Returns a copy of pattern without the \b that opens each of its top-level
 * alternatives, or NULL when an alternative does not open with one. Only
 * joinable patterns come here, so there is no \Q or (?x) to account for. A
 * "(" or "|" in a (?#comment) can only make this answer NULL, which costs
 * speed, not correctness. */
static char *strip_word_start(const char *p)
{
	char *out = fb_xmalloc(strlen(p) + 1), *o = out;
	int depth = 0, alt_start = 1;

	while (*p) {
		if (alt_start) {
			if (p[0] != '\\' || p[1] != 'b')
				goto fail;
			p += 2;
			alt_start = 0;
			continue;
		}
		if (p[0] == '\\') {
			*o++ = *p++;
			if (*p)
				*o++ = *p++;
		} else if (p[0] == '[') {
			/* A class: "]" right after "[" or "[^" is a literal, and
			 * "[:alpha:]" may sit inside. */
			*o++ = *p++;
			if (*p == '^')
				*o++ = *p++;
			if (*p == ']')
				*o++ = *p++;
			while (*p && *p != ']') {
				if (p[0] == '\\' && p[1]) {
					*o++ = *p++;
				} else if (p[0] == '[' && p[1] == ':') {
					const char *e = strstr(p + 2, ":]");

					if (!e)
						goto fail;
					while (p < e + 1)
						*o++ = *p++;
				}
				*o++ = *p++;
			}
			if (!*p)
				goto fail;
			*o++ = *p++;
		} else {
			if (*p == '(')
				depth++;
			else if (*p == ')')
				depth--;
			else if (*p == '|' && depth == 0)
				alt_start = 1;
			*o++ = *p++;
		}
	}
	if (alt_start || depth != 0)
		goto fail;
	*o = '\0';
	return out;
fail:
	free(out);
	return NULL;
}

static char *append(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

/* Compiles the signal's joinable rules into one alternation, so that a
 * message is searched once per signal however many rules there are. A plain
 * alternation of many rules defeats PCRE2's start-of-match optimisations and
 * was slower than searching the rules one by one; most phrase rules open
 * with \b, so those are gathered behind a single \b, and the alternatives
 * are tried only at word boundaries:
 *
 *     \b(?:(?:rule1 without \b)|(?:rule2 ...))|(?:other rule)|...
 *
 * The alternation only finds the earliest position at which some rule
 * matches; which rule that was is settled afterwards, so the order of the
 * parts does not matter. sel[i] says whether rule i goes in. */
static struct fb_regex *join_some(const struct signal_rules *s, const unsigned char *sel)
{
	char **stripped, *buf, *p;
	size_t i, len = 0, nword = 0, nother = 0;
	struct fb_regex *re = NULL;

	stripped = fb_xcalloc(s->n ? s->n : 1, sizeof *stripped);
	for (i = 0; i < s->n; i++) {
		if (!sel[i])
			continue;
		stripped[i] = strip_word_start(s->v[i].pattern);
		if (stripped[i])
			nword++;
		else
			nother++;
		len += strlen(s->v[i].pattern) + sizeof "|(?:)";
	}
	if (nword + nother == 0)
		goto out;
	p = buf = fb_xmalloc(len + sizeof "\\b(?:)|");
	if (nword) {
		int first = 1;

		p = append(p, "\\b(?:");
		for (i = 0; i < s->n; i++) {
			if (!stripped[i])
				continue;
			if (!first)
				*p++ = '|';
			first = 0;
			p = append(p, "(?:");
			p = append(p, stripped[i]);
			*p++ = ')';
		}
		*p++ = ')';
	}
	for (i = 0; i < s->n; i++) {
		if (!sel[i] || stripped[i])
			continue;
		if (p != buf)
			*p++ = '|';
		p = append(p, "(?:");
		p = append(p, s->v[i].pattern);
		*p++ = ')';
	}
	*p = '\0';
	re = fb_regex_compile(buf, 0, NULL);
	free(buf);
out:
	for (i = 0; i < s->n; i++)
		free(stripped[i]);
	free(stripped);
	return re;
}

/* The alternation of the joinable rules anchored (or not); with only_other
 * set, only those that do not open with \b. */
static struct fb_regex *join(const struct signal_rules *s, int anchored, int only_other)
{
	unsigned char *sel = fb_xcalloc(s->n + 1, 1);
	struct fb_regex *re;
	size_t i;
	char *p;

	for (i = 0; i < s->n; i++) {
		if (!s->v[i].joinable || s->v[i].anchored != anchored)
			continue;
		p = only_other ? strip_word_start(s->v[i].pattern) : NULL;
		sel[i] = p == NULL;
		free(p);
	}
	re = join_some(s, sel);
	free(sel);
	return re;
}

/* Adds the keys of the signal's word-start rules to the prefilter pf under
 * tag; with sel, sel[i] tells whether rule i gave none (it opens with
 * something the reader cannot tell). Returns whether every rule gave keys. */
static int add_keys(const struct signal_rules *s, struct fb_prefilter *pf, unsigned tag,
                    unsigned char *sel)
{
	char *stripped;
	size_t i;
	int ok = 1;

	for (i = 0; i < s->n; i++) {
		if (!s->v[i].joinable || s->v[i].anchored)
			continue;
		stripped = strip_word_start(s->v[i].pattern);
		/* A key left behind by a failed add only lets more through. */
		if (stripped && fb_prefilter_add(pf, stripped, tag) < 0) {
			ok = 0;
			if (sel)
				sel[i] = 1;
		}
		free(stripped);
	}
	return ok;
}

/* For text that is not ASCII: the alternation of what the prefilter cannot
 * speak for, the rules that do not open with \b and those whose keys it
 * cannot read (one that opens with a letter outside ASCII). */
static void build_utf8(struct signal_rules *s, struct fb_prefilter *pf, unsigned tag)
{
	unsigned char *sel = fb_xcalloc(s->n + 1, 1);
	size_t i, nsel = 0;
	char *p;

	add_keys(s, pf, tag, sel);
	for (i = 0; i < s->n; i++) {
		if (!s->v[i].joinable || s->v[i].anchored)
			continue;
		p = strip_word_start(s->v[i].pattern);
		sel[i] |= p == NULL;
		nsel += sel[i];
		free(p);
	}
	fb_regex_free(s->other_utf8);
	s->other_utf8 = nsel ? join_some(s, sel) : NULL;
	s->filtered_utf8 = !nsel || s->other_utf8;
	free(sel);
}

/* The two prefilters of all signals, each signal's keys under its own tag. */
static void rebuild_filters(struct fb_rules *r)
{
	struct signal_rules *s;
	unsigned i;

	if (!r->borrowed_filters) {
		fb_prefilter_free(r->pre);
		fb_prefilter_free(r->pre_utf8);
	}
	r->borrowed_filters = 0;
	r->pre = fb_prefilter_new(0);
	r->pre_utf8 = fb_prefilter_new(FB_PREFILTER_UTF8);
	for (i = 0; i < FB_RULE_NSIGNALS; i++) {
		s = &r->sig[i];
		s->filtered = s->filtered_utf8 = 0;
		if (!s->joined)
			continue;
		s->filtered = add_keys(s, r->pre, i, NULL) && (s->other || !has_other(s));
		build_utf8(s, r->pre_utf8, i);
	}
}

static int has_members(const struct signal_rules *s, int anchored)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].joinable && s->v[i].anchored == anchored)
			return 1;
	return 0;
}

/* Whether some rule of the word-start alternation's part does not open
 * with \b. */
static int has_other(const struct signal_rules *s)
{
	size_t i;
	char *p;

	for (i = 0; i < s->n; i++) {
		if (!s->v[i].joinable || s->v[i].anchored)
			continue;
		p = strip_word_start(s->v[i].pattern);
		free(p);
		if (!p)
			return 1;
	}
	return 0;
}

static void rebuild_joined(struct signal_rules *s)
{
	fb_regex_free(s->joined);
	fb_regex_free(s->anchored);
	fb_regex_free(s->other);
	s->joined = join(s, 0, 0);
	s->anchored = join(s, 1, 0);
	s->other = s->joined ? join(s, 0, 1) : NULL;
	/* Each part compiled alone, so a failure here is a limit of the whole
	 * (its size, a group name used twice); searching rule by rule still
	 * gives the right answer. */
	s->join_failed = (!s->joined && has_members(s, 0)) || (!s->anchored && has_members(s, 1));
}

int fb_rules_add(struct fb_rules *r, const char *source, const char *text, size_t len,
                 struct fb_error *err)
{
	struct pending *pend = NULL;
	size_t npend = 0, cappend = 0, pos = 0, i;
	int touched[FB_RULE_NSIGNALS] = { 0 };
	const char *src;
	long lineno = 0;
	int rc = -1;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		int got;

		lineno++;
		pend = fb_xgrow(pend, &cappend, npend + 1, sizeof *pend);
		got = parse_line(text + pos, end - pos, lineno, &pend[npend], err);
		if (got < 0)
			goto out;
		npend += (size_t)got;
		pos = end + 1;
	}
	rc = 0;
	if (npend == 0)
		goto out;

	r->sources = fb_xgrow(r->sources, &r->capsources, r->nsources + 1, sizeof *r->sources);
	src = r->sources[r->nsources++] = fb_xstrdup(source ? source : "<rules>");
	for (i = 0; i < npend; i++) {
		struct signal_rules *s = &r->sig[pend[i].signal];

		s->v = fb_xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
		s->v[s->n] = pend[i].rule;
		s->v[s->n++].source = src;
		touched[pend[i].signal] = 1;
	}
	npend = 0;
	for (i = 0; i < FB_RULE_NSIGNALS; i++)
		if (touched[i])
			rebuild_joined(&r->sig[i]);
	rebuild_filters(r);
out:
	for (i = 0; i < npend; i++)
		rule_free(&pend[i].rule);
	free(pend);
	return rc;
}

int fb_rules_add_defaults(struct fb_rules *r, struct fb_error *err)
{
	const char *text = fb_rules_default_text();

	return fb_rules_add(r, "<default>", text, strlen(text), err);
}

/* The flag fb_rules_scan adds to its answer when text is ASCII. */
#define SCAN_ASCII (1u << FB_RULE_NSIGNALS)

unsigned fb_rules_scan(const struct fb_rules *r, unsigned signals, const char *text, size_t len)
{
	unsigned want = 0, i;
	int ascii = fb_text_is_ascii(text, len);

	signals &= SCAN_ASCII - 1;
	for (i = 0; i < FB_RULE_NSIGNALS; i++)
		if ((signals >> i & 1) && (ascii ? r->sig[i].filtered : r->sig[i].filtered_utf8))
			want |= 1u << i;
	if (want && !r->no_prefilter)
		want = fb_prefilter_pass(ascii ? r->pre : r->pre_utf8, text, len, want);
	/* What the prefilter does not speak for may match. */
	for (i = 0; i < FB_RULE_NSIGNALS; i++)
		if ((signals >> i & 1) && !(ascii ? r->sig[i].filtered : r->sig[i].filtered_utf8))
			want |= 1u << i;
	return want | (ascii ? SCAN_ASCII : 0) | (r->no_prefilter ? (SCAN_ASCII - 1) : 0);
}

int fb_rules_search(struct fb_rules *r, enum fb_rule_signal signal, const char *text, size_t len,
                    struct fb_rule_match *m)
{
	if ((unsigned)signal >= FB_RULE_NSIGNALS)
		return 0;
	return fb_rules_search_scanned(r, signal, text, len,
	                               fb_rules_scan(r, 1u << signal, text, len), m);
}

/* Finds the earliest position where any rule matches, with the alternation
 * standing in for the joinable rules, then reports the first rule in file
 * order that matches there. The second pass runs only on a hit. */
int fb_rules_search_scanned(struct fb_rules *r, enum fb_rule_signal signal, const char *text,
                            size_t len, unsigned scanned, struct fb_rule_match *m)
{
	struct signal_rules *s;
	size_t best = SIZE_MAX, start, end, i;
	int use_joined;

	if ((unsigned)signal >= FB_RULE_NSIGNALS)
		return 0;
	s = &r->sig[signal];
	use_joined = !s->join_failed;
	if (use_joined && s->joined) {
		struct fb_regex *re = s->joined;
		int rc = 0;

		/* Where no word-start rule can match, the earliest match of the
		 * alternation is that of its other rules. */
		if (!(scanned >> signal & 1))
			re = scanned & SCAN_ASCII ? s->other : s->other_utf8;
		if (re)
			rc = fb_regex_search(re, text, len, &start, NULL);

		if (rc == 1)
			best = start;
		/* One rule hitting a limit must not hide the others, so on a
		 * limit each rule is tried on its own, with its own budget. */
		else if (rc < 0)
			use_joined = 0;
	}
	if (use_joined && s->anchored) {
		int rc = fb_regex_search(s->anchored, text, len, &start, NULL);

		if (rc == 1 && start < best)
			best = start;
		else if (rc < 0)
			use_joined = 0;
	}
	for (i = 0; i < s->n; i++) {
		if (use_joined && s->v[i].joinable)
			continue;
		if (fb_regex_search(s->v[i].re, text, len, &start, NULL) == 1 && start < best)
			best = start;
	}
	if (best == SIZE_MAX)
		return 0;

	for (i = 0; i < s->n; i++) {
		struct rule *rule = &s->v[i];
		int hit;

		if (use_joined && rule->joinable) {
			hit = (best == len ||
			       fb_regex_may_start(rule->re, (unsigned char)text[best])) &&
			      fb_regex_match_at(rule->re, text, len, best, &end) == 1;
			start = best;
		} else {
			hit = fb_regex_search(rule->re, text, len, &start, &end) == 1 &&
			      start == best;
		}
		if (!hit)
			continue;
		if (m) {
			m->lang = rule->lang;
			m->pattern = rule->pattern;
			m->line = rule->line;
			m->source = rule->source;
			m->start = start;
			m->end = end;
		}
		return 1;
	}
	/* The alternation matches exactly where its rules do, so this is
	 * reached only when the match limit stopped the second pass. */
	return 0;
}

void fb_rules_set_prefilter(struct fb_rules *r, int on)
{
	r->no_prefilter = !on;
}
