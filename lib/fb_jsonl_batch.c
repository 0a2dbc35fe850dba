#include "fb_jsonl_batch.h"

#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_parallel.h"

static void release(struct jsonl_batch *b)
{
	size_t i;

	for (i = b->pos; i < b->n; i++) {
		json_decref(b->items[i].rec);
		if (b->items[i].out)
			b->stage->free(b->items[i].out);
	}
	b->n = b->pos = b->len = 0;
}

int jsonl_batch_fill(struct jsonl_batch *b, struct fb_jsonl_reader *r, size_t max_lines,
                     size_t max_bytes, struct fb_error *err)
{
	struct jsonl_item *it;
	const char *line;
	size_t len;
	int rc;

	release(b);
	while (b->n < max_lines && b->len < max_bytes) {
		rc = fb_jsonl_reader_next(r, &line, &len, err);
		if (rc <= 0)
			return rc;
		b->data = fb_xgrow(b->data, &b->cap, b->len + len + 1, 1);
		memcpy(b->data + b->len, line, len);
		b->items = fb_xgrow(b->items, &b->itemcap, b->n + 1, sizeof *b->items);
		it = &b->items[b->n++];
		it->off = b->len;
		it->len = len;
		it->line = fb_jsonl_reader_lineno(r);
		it->rec = NULL;
		it->out = NULL;
		b->len += len;
	}
	return 1;
}

struct span {
	struct jsonl_batch *b;
	size_t from, to;
};

static void parse_span(void *arg, size_t t)
{
	struct span *s = (struct span *)arg + t;
	struct jsonl_item *it;
	size_t i;

	for (i = s->from; i < s->to; i++) {
		it = &s->b->items[i];
		it->err.text[0] = '\0';
		it->rec = fb_jsonl_parse(s->b->data + it->off, it->len, &it->err);
		if (it->rec && s->b->stage) {
			it->out = s->b->stage->fn(it->rec, s->b->file, it->line,
			                          s->b->data + it->off, it->len, s->b->stage->ctx);
			it->rec = NULL;
		}
	}
}

/* Spans of about equal bytes, one per thread. */
void jsonl_batch_parse(struct jsonl_batch *b, int threads)
{
	struct span spans[FB_PARALLEL_MAX];
	size_t i = 0, t, share;

	if (threads > FB_PARALLEL_MAX)
		threads = FB_PARALLEL_MAX;
	if (threads < 2 || b->n < 16) {
		spans[0] = (struct span){ b, 0, b->n };
		parse_span(spans, 0);
		return;
	}
	share = b->len / (size_t)threads + 1;
	for (t = 0; t < (size_t)threads; t++) {
		spans[t].b = b;
		spans[t].from = i;
		while (i < b->n && (t + 1 == (size_t)threads || b->items[i].off < share * (t + 1)))
			i++;
		spans[t].to = i;
	}
	fb_parallel_run((size_t)threads, parse_span, spans);
}

void jsonl_batch_free(struct jsonl_batch *b)
{
	release(b);
	free(b->data);
	free(b->items);
	memset(b, 0, sizeof *b);
}
