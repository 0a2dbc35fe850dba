/* Unit tests of lib/fb_extract: the last stage gives the same bytes on one
 * thread or several, and keeps the notes of each conversation. */
#include <stdlib.h>
#include <string.h>

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

struct sink {
	char *all;
	size_t len, cap, nnotes, emitted, stop_after;
};

/* Joins the output in the order it comes; asks for no more after
 * stop_after items when that is set. */
static int collect(void *ctx, const struct fb_extract_item *it)
{
	struct sink *s = ctx;

	s->all = fb_xgrow(s->all, &s->cap, s->len + it->len + 1, 1);
	memcpy(s->all + s->len, it->out, it->len);
	s->len += it->len;
	s->all[s->len] = '\0';
	s->nnotes += it->nnotes;
	s->emitted++;
	return s->stop_after && s->emitted == s->stop_after ? -1 : 0;
}

/* Runs the stage on threads threads (no jobs for 1) over nconv
 * conversations and returns all output joined. */
static char *run(const struct fb_rules *rules, size_t threads, size_t nconv, struct sink *s)
{
	struct fb_signals_config cfg;
	struct fb_jobs *jobs = threads > 1 ? fb_jobs_new(threads) : NULL;
	struct fb_extract_opts opts = { &cfg, 1, 0, 1, jobs };
	struct fb_extract *ex;
	size_t i;
	int rc = 0;

	fb_signals_config_default(&cfg);
	ex = fb_extract_new(&opts, rules, collect, s);
	for (i = 0; i < nconv && rc == 0; i++)
		rc = fb_extract_add(ex, conversation((int)i));
	if (rc == 0)
		rc = fb_extract_finish(ex);
	CHECK(rc == (s->stop_after ? -1 : 0));
	fb_extract_free(ex);
	fb_jobs_free(jobs);
	return s->all;
}

static void test_threads_agree(void)
{
	struct fb_rules *rules = fb_rules_new();
	struct sink s1 = { 0 }, s4 = { 0 };
	char *one, *four;

	CHECK(fb_rules_add_defaults(rules, NULL) == 0);
	one = run(rules, 1, NCONV, &s1);
	four = run(rules, 4, NCONV, &s4);
	CHECK(strlen(one) > 1000);
	CHECK_STR(four, one);
	CHECK(s1.emitted == NCONV && s4.emitted == NCONV);
	/* Every fifth conversation turns its thumbs down: a conflict each. */
	CHECK(s1.nnotes == NCONV / 5 && s4.nnotes == s1.nnotes);
	CHECK(strstr(one, "\"gratitude\":0.7") != NULL);
	CHECK(strstr(one, "\"correction\":-0.7") != NULL);
	free(one);
	free(four);
	fb_rules_free(rules);
}

/* Many groups in flight come back in order; once emit asks for no more,
 * nothing else is emitted and what is under way is freed (ASan). */
static void test_order_and_stop(void)
{
	struct fb_rules *rules = fb_rules_new();
	struct sink all1 = { 0 }, all2 = { 0 }, part = { 0 };
	char *a, *b, *c;

	CHECK(fb_rules_add_defaults(rules, NULL) == 0);
	a = run(rules, 1, 2000, &all1);
	b = run(rules, 2, 2000, &all2);
	CHECK(all1.emitted == 2000 && all2.emitted == 2000);
	CHECK_STR(b, a);
	part.stop_after = 700;
	c = run(rules, 3, 2000, &part);
	CHECK(part.emitted == 700);
	CHECK(strncmp(a, c, part.len) == 0 && part.len > 0 && a[part.len] == '{');
	free(a);
	free(b);
	free(c);
	fb_rules_free(rules);
}

/* A clone finds what the original finds, and reports the same rule; each
 * keeps its own match state, so searches in turn do not disturb the other. */
static void test_rules_clone(void)
{
	struct fb_rules *r = fb_rules_new(), *c;
	struct fb_rule_match m1, m2;
	const char *text = "the zorblax again", *other = "thanks a lot";

	CHECK(fb_rules_add(r, "mine", "correction en \\bzorblax\\b\n", 26, NULL) == 0);
	CHECK(fb_rules_add_defaults(r, NULL) == 0);
	c = fb_rules_clone(r);
	CHECK(fb_rules_search(r, FB_RULE_CORRECTION, text, strlen(text), &m1) == 1);
	CHECK(fb_rules_search(c, FB_RULE_GRATITUDE, other, strlen(other), &m2) == 1);
	CHECK(m2.start == 0 && m2.end == 6);
	CHECK(fb_rules_search(c, FB_RULE_CORRECTION, text, strlen(text), &m2) == 1);
	CHECK(m1.line == 1 && m1.line == m2.line && m1.start == m2.start && m1.end == m2.end);
	CHECK(m1.start == 4 && m1.end == 11);
	CHECK_STR(m2.source, "mine");
	CHECK(fb_rules_count(c, FB_RULE_APOLOGY) == fb_rules_count(r, FB_RULE_APOLOGY));
	fb_rules_free(c);
	fb_rules_free(r);
}

int main(void)
{
	fb_alloc_init("t_extract");
	RUN(test_threads_agree);
	RUN(test_order_and_stop);
	RUN(test_rules_clone);
	return CHECK_DONE();
}
