/* Fuzz target: log records through format detection, conversation
 * assembly, signals and the output records. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fb_conv.h"
#include "fb_jsonl.h"
#include "fb_record.h"
#include "fb_rules.h"
#include "fb_signals.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The record written straight to bytes must be the tree's dump. */
static void check_same(json_t *rec, const struct fb_record_buf *b)
{
	char *want = json_dumps(rec, JSON_COMPACT | JSON_REAL_PRECISION(15));
	size_t n = want ? strlen(want) : 0;

	if (!want || b->len != n + 1 || memcmp(b->s, want, n) != 0)
		abort();
	free(want);
	json_decref(rec);
}

static void analyse_ready(struct fb_conv_asm *a, struct fb_rules *rules,
                          const struct fb_signals_config *cfg, struct fb_signals_result *res)
{
	struct fb_record_buf b = { NULL, 0, 0 };
	struct fb_conv *c;
	size_t i;

	while ((c = fb_conv_asm_pop(a))) {
		fb_signals_analyse(cfg, rules, c, 1, res);
		for (i = 0; i < res->n; i++) {
			b.len = 0;
			fb_record_write_interaction(&b, c, &res->items[i], cfg, 1);
			check_same(fb_record_interaction(c, &res->items[i], cfg, 1), &b);
		}
		b.len = 0;
		fb_record_write_conversation(&b, c, res, cfg, 1);
		check_same(fb_record_conversation(c, res, cfg, 1), &b);
		fb_conv_free(c);
	}
	free(b.s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *nl;
	struct fb_conv_opts opts = { 0 };
	struct fb_conv_origin origin = { "fuzz", 0, NULL, 0 };
	struct fb_signals_config cfg;
	struct fb_signals_result res = { 0 };
	/* Compiling the default rules takes longer than a run: once is enough. */
	static struct fb_rules *rules;
	struct fb_conv_asm *a;
	struct fb_error err;
	json_t *rec;

	if (!rules) {
		rules = fb_rules_new();
		fb_rules_add_defaults(rules, &err);
	}
	fb_signals_config_default(&cfg);
	/* The first byte picks the sorted mode and the idle gap. */
	a = fb_conv_asm_new(&opts, size && (data[0] & 1), size && (data[0] & 2) ? 5 : 1800);
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		origin.line++;
		origin.raw = (char *)p;
		origin.rawlen = (size_t)(nl - p);
		rec = fb_jsonl_parse(p, (size_t)(nl - p), &err);
		if (rec) {
			fb_conv_asm_add(a, rec, &origin, &err);
			json_decref(rec);
		}
		analyse_ready(a, rules, &cfg, &res);
		p = nl + 1;
	}
	fb_conv_asm_finish(a);
	analyse_ready(a, rules, &cfg, &res);
	fb_conv_asm_free(a);
	fb_signals_result_free(&res);
	return 0;
}
