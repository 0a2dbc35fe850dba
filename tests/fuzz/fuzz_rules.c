/* Fuzz target: the phrase-rules file parser and pattern checks, then
 * searches with whatever rules were accepted, with and without the
 * prefilter, which must agree. The input is a rules file, optionally
 * followed by a line "--" and a text to search besides the fixed ones. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fb_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void search_both_ways(struct fb_rules *r, const char *text, size_t len)
{
	struct fb_rule_match a, b;
	unsigned all = fb_rules_scan(r, (1u << FB_RULE_NSIGNALS) - 1, text, len);
	int s, ha, hb, hc;

	for (s = 0; s < FB_RULE_NSIGNALS; s++) {
		memset(&a, 0, sizeof a);
		memset(&b, 0, sizeof b);
		fb_rules_set_prefilter(r, 1);
		ha = fb_rules_search(r, (enum fb_rule_signal)s, text, len, &a);
		hc = fb_rules_search_scanned(r, (enum fb_rule_signal)s, text, len, all, NULL);
		fb_rules_set_prefilter(r, 0);
		hb = fb_rules_search(r, (enum fb_rule_signal)s, text, len, &b);
		if (ha != hb || ha != hc || a.line != b.line || a.start != b.start ||
		    a.end != b.end)
			abort();
	}
	fb_rules_set_prefilter(r, 1);
}

/* Whether s (len bytes) is valid UTF-8 without NUL, as the searches
 * require (jansson checks it). */
static int valid_utf8(const char *s, size_t len)
{
	json_t *j = json_stringn(s, len);

	json_decref(j);
	return j != NULL && !memchr(s, '\0', len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const texts[] = {
		"thanks, but that's wrong!!! can I talk to a human?",
		"ÇA NE MARCHE PAS, c’est faux\xc2\xa0!",
		"GROẞARTIG, danke ſchön \xe2\x84\xaa",
	};
	const char *sep = NULL, *p = (const char *)data;
	struct fb_rules *r = fb_rules_new();
	size_t i, rules_len = size;

	for (i = 0; i + 3 <= size; i++) {
		if ((i == 0 || p[i - 1] == '\n') && p[i] == '-' && p[i + 1] == '-' &&
		    p[i + 2] == '\n') {
			sep = p + i + 3;
			rules_len = i;
			break;
		}
	}
	if (fb_rules_add(r, "fuzz", p, rules_len, NULL) == 0) {
		for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
			search_both_ways(r, texts[i], strlen(texts[i]));
		if (sep && valid_utf8(sep, (size_t)(p + size - sep)))
			search_both_ways(r, sep, (size_t)(p + size - sep));
	}
	fb_rules_free(r);
	return 0;
}
