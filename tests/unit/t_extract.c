/* Unit tests of lib/fb_extract: the last stage gives the same bytes on one
 * thread or several, and keeps the notes of each conversation. */
#include <stdlib.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_extract.h"

#define NCONV 40

static struct fb_conv *conversation(int i)
{
	static const struct fb_conv_opts opts = { FB_FORMAT_AUTO, NULL, NULL, 0 };
	struct fb_conv_asm *a = fb_conv_asm_new(&opts, 0, 1800);
	struct fb_conv_origin origin = { "t", i + 1, NULL, 0 };
	struct fb_conv *c;
	char json[512];
	json_t *rec;

	snprintf(json, sizeof json,
	         "{\"id\":\"c%d\",\"messages\":[{\"role\":\"user\",\"content\":\"question %d\"},"
	         "{\"role\":\"assistant\",\"content\":\"answer %d\"},"
	         "{\"role\":\"user\",\"content\":\"%s\"}],"
	         "\"events\":[{\"type\":\"feedback\",\"message_index\":1,\"thumbs\":\"up\"},"
	         "{\"type\":\"feedback\",\"message_index\":1,\"thumbs\":\"%s\"}]}",
	         i, i, i, i % 3 ? "thanks, that works" : "that's wrong", i % 5 ? "up" : "down");
	rec = json_loads(json, 0, NULL);
	CHECK(fb_conv_asm_add(a, rec, &origin, NULL) == 0);
	json_decref(rec);
	fb_conv_asm_finish(a);
	c = fb_conv_asm_pop(a);
	fb_conv_asm_free(a);
	return c;
}

/* Runs the stage on threads threads and returns all output joined. */
static char *run(const struct fb_rules *rules, int threads, size_t *nnotes)
{
	struct fb_signals_config cfg;
	struct fb_extract_opts opts = { &cfg, 1, 0, 1, threads };
	struct fb_extract_item items[NCONV];
	struct fb_extract *ex;
	char *all = NULL;
	size_t len = 0, cap = 0, i;

	fb_signals_config_default(&cfg);
	memset(items, 0, sizeof items);
	for (i = 0; i < NCONV; i++)
		items[i].conv = conversation((int)i);
	ex = fb_extract_new(&opts, rules);
	fb_extract_run(ex, items, NCONV);
	*nnotes = 0;
	for (i = 0; i < NCONV; i++) {
		all = fb_xgrow(all, &cap, len + items[i].len + 1, 1);
		memcpy(all + len, items[i].out, items[i].len);
		len += items[i].len;
		*nnotes += items[i].nnotes;
		fb_extract_item_clear(&items[i]);
		fb_conv_free(items[i].conv);
	}
	all = fb_xgrow(all, &cap, len + 1, 1);
	all[len] = '\0';
	fb_extract_free(ex);
	return all;
}

static void test_threads_agree(void)
{
	struct fb_rules *rules = fb_rules_new();
	size_t n1, n4;
	char *one, *four;

	CHECK(fb_rules_add_defaults(rules, NULL) == 0);
	one = run(rules, 1, &n1);
	four = run(rules, 4, &n4);
	CHECK(strlen(one) > 1000);
	CHECK_STR(four, one);
	/* Every fifth conversation turns its thumbs down: a conflict each. */
	CHECK(n1 == NCONV / 5 && n4 == n1);
	CHECK(strstr(one, "\"gratitude\":0.7") != NULL);
	CHECK(strstr(one, "\"correction\":-0.7") != NULL);
	free(one);
	free(four);
	fb_rules_free(rules);
}

/* A clone finds what the original finds, and reports the same rule. */
static void test_rules_clone(void)
{
	struct fb_rules *r = fb_rules_new(), *c;
	struct fb_rule_match m1, m2;
	const char *text = "no, that's wrong";

	CHECK(fb_rules_add(r, "mine", "correction en \\bwrong\\b\n", 24, NULL) == 0);
	CHECK(fb_rules_add_defaults(r, NULL) == 0);
	c = fb_rules_clone(r);
	fb_rules_free(r);
	r = fb_rules_new();
	CHECK(fb_rules_add(r, "mine", "correction en \\bwrong\\b\n", 24, NULL) == 0);
	CHECK(fb_rules_add_defaults(r, NULL) == 0);
	CHECK(fb_rules_search(r, FB_RULE_CORRECTION, text, strlen(text), &m1) == 1);
	CHECK(fb_rules_search(c, FB_RULE_CORRECTION, text, strlen(text), &m2) == 1);
	CHECK(m1.line == m2.line && m1.start == m2.start && m1.end == m2.end);
	CHECK_STR(m2.source, m1.source);
	CHECK(fb_rules_count(c, FB_RULE_APOLOGY) == fb_rules_count(r, FB_RULE_APOLOGY));
	fb_rules_free(r);
	fb_rules_free(c);
}

int main(void)
{
	fb_alloc_init("t_extract");
	RUN(test_threads_agree);
	RUN(test_rules_clone);
	return CHECK_DONE();
}
