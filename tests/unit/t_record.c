/* Unit tests of lib/fb_record: the records written straight to bytes are
 * the bytes jansson writes for the records built as trees. */
#include <stdlib.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_record.h"

/* Conversations with what the writer must escape and format as jansson
 * does: control characters, quotes, text outside ASCII, carried-through
 * fields of every type, explicit feedback of every kind, timestamps with
 * and without fractions, events and phrases for the evidence. */
static const char *const logs[] = {
	"{\"id\":\"c\\\"1\\\\\",\"user_id\":\"u\\u0001\",\"variant\":\"b\\u001f\","
	"\"metadata\":{\"x\":[1,2.5,-0.1,1e300,true,null,\"\\t\"],\"\\n\":{}},\"n\":3,\"r\":0.1,"
	"\"messages\":[{\"role\":\"user\",\"content\":\"why?\\n\\r\\b\\f\\t\\u0007 ünïcode "
	"😀\",\"timestamp\":\"2024-05-01T00:00:00.250Z\"},"
	"{\"role\":\"assistant\",\"content\":\"I apologize, I can't help with that\","
	"\"timestamp\":\"2024-05-01T00:00:03Z\",\"feedback\":{\"thumbs\":\"down\","
	"\"rating\":3.5,\"score\":-0.25,\"comment\":\"bad \\\"answer\\\"\"}},"
	"{\"role\":\"user\",\"content\":\"that's wrong!!! TALK TO A HUMAN\","
	"\"timestamp\":\"2024-05-01T00:01:00Z\"},"
	"{\"role\":\"assistant\",\"content\":\"ok\",\"timestamp\":1714521700}],"
	"\"events\":[{\"type\":\"copy\",\"message_index\":3}]}",
	"{\"id\":7,\"messages\":[{\"role\":\"user\",\"content\":\"hola\"},"
	"{\"role\":\"assistant\",\"content\":\"¡Hola! ¿Qué tal?\"},"
	"{\"role\":\"user\",\"content\":\"gracias, perfecto\"},"
	"{\"role\":\"assistant\",\"content\":\"\\u2028 de nada\","
	"\"feedback\":{\"rating\":5}}]}",
	"{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},"
	"{\"role\":\"assistant\",\"content\":\"no prompt\"}]}",
	"{\"id\":\"c3\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
	"\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]},"
	"{\"role\":\"assistant\",\"content\":\"x\",\"feedback\":{\"comment\":\"thanks!\"}}]}",
};

static struct fb_conv *conversation(const char *json)
{
	static const struct fb_conv_opts opts = { FB_FORMAT_AUTO, NULL, NULL, 0 };
	struct fb_conv_asm *a = fb_conv_asm_new(&opts, 0, 1800);
	struct fb_conv_origin origin = { "t", 1, NULL, 0 };
	struct fb_conv *c;
	json_t *rec = json_loads(json, 0, NULL);

	CHECK(rec != NULL);
	CHECK(fb_conv_asm_add(a, rec, &origin, NULL) == 0);
	json_decref(rec);
	fb_conv_asm_finish(a);
	c = fb_conv_asm_pop(a);
	fb_conv_asm_free(a);
	return c;
}

/* Appends the tree's bytes as fb-extract wrote them before the writer. */
static void dump(struct fb_record_buf *b, json_t *rec)
{
	size_t n = json_dumpb(rec, NULL, 0, JSON_COMPACT | JSON_REAL_PRECISION(15));

	b->s = fb_xgrow(b->s, &b->cap, b->len + n + 1, 1);
	json_dumpb(rec, b->s + b->len, n, JSON_COMPACT | JSON_REAL_PRECISION(15));
	b->len += n;
	b->s[b->len++] = '\n';
	json_decref(rec);
}

static int same(const struct fb_record_buf *a, const struct fb_record_buf *b)
{
	if (a->len == b->len && memcmp(a->s, b->s, a->len) == 0)
		return 1;
	fprintf(stderr, "writer: %.*s\ntree:   %.*s\n", (int)a->len, a->s, (int)b->len, b->s);
	return 0;
}

static void test_same_bytes(void)
{
	struct fb_rules *rules = fb_rules_new();
	struct fb_signals_config cfg;
	struct fb_signals_result res = { 0 };
	size_t i, j;
	int explain, checked = 0;

	fb_signals_config_default(&cfg);
	cfg.weight[FB_SIG_COPY] = 0.123456789;
	CHECK(fb_rules_add_defaults(rules, NULL) == 0);
	for (i = 0; i < sizeof logs / sizeof logs[0]; i++) {
		struct fb_conv *c = conversation(logs[i]);

		CHECK(c != NULL);
		if (!c)
			continue;
		for (explain = 0; explain < 2; explain++) {
			struct fb_record_buf w = { 0 }, t = { 0 };

			fb_signals_analyse(&cfg, rules, c, explain, &res);
			for (j = 0; j < res.n; j++) {
				fb_record_write_interaction(&w, c, &res.items[j], &cfg, explain);
				dump(&t, fb_record_interaction(c, &res.items[j], &cfg, explain));
			}
			fb_record_write_conversation(&w, c, &res, &cfg, explain);
			dump(&t, fb_record_conversation(c, &res, &cfg, explain));
			CHECK(same(&w, &t));
			checked += (int)res.n + 1;
			free(w.s);
			free(t.s);
		}
		fb_conv_free(c);
	}
	CHECK(checked == 18);
	fb_signals_result_free(&res);
	fb_rules_free(rules);
}

int main(void)
{
	fb_alloc_init("t_record");
	RUN(test_same_bytes);
	return CHECK_DONE();
}
