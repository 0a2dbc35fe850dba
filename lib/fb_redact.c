#include "fb_redact.h"

#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_redact_impl.h"
#include "fb_regex.h"
#include "fb_ruleline.h"

#define NAME_MAX_LEN 32
#define QUOTE_MAX 40

/* Where a rule stands in the text being redacted. */
enum scan { SCAN_NEED, SCAN_HAVE, SCAN_DONE };

struct rule {
	struct fb_regex *re;
	size_t type;
	unsigned needs; /* FB_REDACT_NEEDS_* */
	int (*check)(const char *s, size_t start, size_t *end);
	enum scan scan;
	size_t start, end; /* the rule's next match, when SCAN_HAVE */
};

struct fb_redact {
	struct rule *rules;
	size_t nrules, rcap;
	char **names; /* type names, upper case */
	size_t ntypes, ncap;
	size_t limit_hits;
};

static const char *const builtin_names[FB_REDACT_NBUILTIN] = { "EMAIL", "KEY", "IBAN",
	                                                       "CARD",  "IP",  "PHONE" };

static void add_rule(struct fb_redact *r, struct fb_regex *re, size_t type, unsigned needs,
                     int (*check)(const char *, size_t, size_t *))
{
	r->rules = fb_xgrow(r->rules, &r->rcap, r->nrules + 1, sizeof *r->rules);
	r->rules[r->nrules].re = re;
	r->rules[r->nrules].type = type;
	r->rules[r->nrules].needs = needs;
	r->rules[r->nrules].check = check;
	r->nrules++;
}

struct fb_redact *fb_redact_new(void)
{
	struct fb_redact *r = fb_xcalloc(1, sizeof *r);
	struct fb_regex *re;
	size_t i;

	for (i = 0; i < FB_REDACT_NBUILTIN; i++) {
		r->names = fb_xgrow(r->names, &r->ncap, r->ntypes + 1, sizeof *r->names);
		r->names[r->ntypes++] = fb_xstrdup(builtin_names[i]);
	}
	/* The built-in patterns are tested: they always compile. */
	for (i = 0; i < fb_redact_nbuiltins; i++) {
		re = fb_regex_compile(fb_redact_builtins[i].pattern, 0, NULL);
		if (re)
			add_rule(r, re, fb_redact_builtins[i].type, fb_redact_builtins[i].needs,
			         fb_redact_builtins[i].check);
	}
	return r;
}

void fb_redact_free(struct fb_redact *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nrules; i++)
		fb_regex_free(r->rules[i].re);
	for (i = 0; i < r->ntypes; i++)
		free(r->names[i]);
	free(r->rules);
	free(r->names);
	free(r);
}

size_t fb_redact_ntypes(const struct fb_redact *r)
{
	return r->ntypes;
}

const char *fb_redact_type_name(const struct fb_redact *r, size_t type)
{
	return type < r->ntypes ? r->names[type] : NULL;
}

size_t fb_redact_limit_hits(const struct fb_redact *r)
{
	return r->limit_hits;
}

/* ---- rules files ---- */

struct pending {
	char name[NAME_MAX_LEN + 1];
	struct fb_regex *re;
};

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int valid_name(const char *s, size_t len)
{
	size_t i;

	if (len < 1 || len > NAME_MAX_LEN || !is_alpha(s[0]))
		return 0;
	for (i = 1; i < len; i++)
		if (!is_alpha(s[i]) && !(s[i] >= '0' && s[i] <= '9') && s[i] != '_')
			return 0;
	return 1;
}

/* Parses one line (without its newline) into *out. Returns 1 for a rule, 0
 * for a blank or comment line, -1 on error. */
static int parse_line(const char *s, size_t len, long lineno, struct pending *out,
                      struct fb_error *err)
{
	struct fb_error rerr;
	struct fb_ruleline f;
	size_t n0, n1, p0, j;
	char *pattern;
	int rc = fb_ruleline_split(s, len, 2, lineno, &f, err);

	if (rc <= 0)
		return rc;
	n0 = f.start[0];
	n1 = f.end[0];
	if (!valid_name(s + n0, n1 - n0)) {
		fb_error_set(err, lineno, (int)n0 + 1, "invalid rule name '%.*s'",
		             (int)(n1 - n0 < QUOTE_MAX ? n1 - n0 : QUOTE_MAX), s + n0);
		return -1;
	}
	if (f.n < 2) {
		fb_error_set(err, lineno, (int)f.len + 1, "missing pattern");
		return -1;
	}
	p0 = f.start[1];
	len = f.len;
	pattern = fb_xstrndup(s + p0, len - p0);
	out->re = fb_regex_compile(pattern, 0, &rerr);
	free(pattern);
	if (!out->re) {
		fb_error_set(err, lineno, (int)p0 + rerr.column, "%s", rerr.text);
		return -1;
	}
	/* Such a rule would put a placeholder between every two characters. */
	if (fb_regex_search(out->re, "", 0, NULL, NULL) != 0) {
		fb_error_set(err, lineno, (int)p0 + 1, "pattern matches empty text");
		fb_regex_free(out->re);
		return -1;
	}
	for (j = 0; j < n1 - n0; j++) {
		char c = s[n0 + j];

		out->name[j] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
	}
	out->name[j] = '\0';
	return 1;
}

static size_t type_of(struct fb_redact *r, const char *name)
{
	size_t t;

	for (t = 0; t < r->ntypes; t++)
		if (strcmp(r->names[t], name) == 0)
			return t;
	r->names = fb_xgrow(r->names, &r->ncap, r->ntypes + 1, sizeof *r->names);
	r->names[r->ntypes] = fb_xstrdup(name);
	return r->ntypes++;
}

int fb_redact_add_rules(struct fb_redact *r, const char *text, size_t len, struct fb_error *err)
{
	struct pending *pend = NULL;
	size_t npend = 0, pcap = 0, pos = 0, eol, i;
	long lineno = 0;
	int rc = 0, got;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);

		eol = nl ? (size_t)(nl - text) : len;
		lineno++;
		pend = fb_xgrow(pend, &pcap, npend + 1, sizeof *pend);
		got = parse_line(text + pos, eol - pos, lineno, &pend[npend], err);
		if (got < 0) {
			rc = -1;
			goto out;
		}
		npend += (size_t)got;
		pos = eol + 1;
	}
	for (i = 0; i < npend; i++) {
		add_rule(r, pend[i].re, type_of(r, pend[i].name), 0, NULL);
		pend[i].re = NULL;
	}
out:
	for (i = 0; i < npend; i++)
		fb_regex_free(pend[i].re);
	free(pend);
	return rc;
}

/* ---- redaction ---- */

static size_t next_char(const char *s, size_t len, size_t i)
{
	i++;
	while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/* Finds the rule's first kept match at or after from. Returns 1 when a
 * pattern gave up on a limit. */
static int find(struct rule *rule, const char *s, size_t len, size_t from)
{
	size_t start, end;
	int rc;

	while (from <= len) {
		rc = fb_regex_search_from(rule->re, s, len, from, &start, &end);
		if (rc <= 0) {
			rule->scan = SCAN_DONE;
			return rc < 0;
		}
		if (end > start && (!rule->check || rule->check(s, start, &end))) {
			rule->scan = SCAN_HAVE;
			rule->start = start;
			rule->end = end;
			return 0;
		}
		if (start >= len)
			break;
		from = next_char(s, len, start);
	}
	rule->scan = SCAN_DONE;
	return 0;
}

struct buf {
	char *p;
	size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	b->p = fb_xgrow(b->p, &b->cap, b->len + n + 1, 1);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

char *fb_redact_text(struct fb_redact *r, const char *s, size_t len, size_t *outlen, size_t *counts)
{
	struct buf out = { NULL, 0, 0 };
	struct rule *best, *rule;
	size_t pos = 0, i, nlen;
	unsigned has = 0;
	int limited = 0;

	if (!s)
		s = "";
	for (i = 0; i < len; i++) {
		if (s[i] == '@')
			has |= FB_REDACT_NEEDS_AT;
		else if (s[i] >= '0' && s[i] <= '9')
			has |= FB_REDACT_NEEDS_DIGIT;
	}
	for (i = 0; i < r->nrules; i++)
		r->rules[i].scan = (r->rules[i].needs & ~has) ? SCAN_DONE : SCAN_NEED;
	for (;;) {
		best = NULL;
		for (i = 0; i < r->nrules; i++) {
			rule = &r->rules[i];
			if (rule->scan == SCAN_HAVE && rule->start < pos)
				rule->scan = SCAN_NEED;
			if (rule->scan == SCAN_NEED)
				limited |= find(rule, s, len, pos);
			if (rule->scan != SCAN_HAVE)
				continue;
			/* Earliest start, then longest, then the first rule. */
			if (!best || rule->start < best->start ||
			    (rule->start == best->start && rule->end > best->end))
				best = rule;
		}
		if (!best)
			break;
		put(&out, s + pos, best->start - pos);
		nlen = strlen(r->names[best->type]);
		put(&out, "[", 1);
		put(&out, r->names[best->type], nlen);
		put(&out, "]", 1);
		if (counts)
			counts[best->type]++;
		pos = best->end;
	}
	put(&out, s + pos, len - pos);
	out.p[out.len] = '\0';
	if (limited)
		r->limit_hits++;
	if (outlen)
		*outlen = out.len;
	return out.p;
}
