/* Private to the jsonl module: lines read ahead in batches and parsed by
 * several threads, handed out one by one in input order. Parsing is most of
 * the cost of a filter over JSON Lines, and lines parse independently. */
#ifndef FB_JSONL_BATCH_H
#define FB_JSONL_BATCH_H

#include <jansson.h>
#include <stddef.h>

#include "fb_error.h"
#include "fb_jsonl.h"

struct jsonl_item {
	size_t off, len; /* the raw line in the batch's data */
	long line;
	json_t *rec; /* the parsed record, or NULL with err filled */
	void *out;   /* with a stage: what it made of rec (rec is then NULL) */
	struct fb_error err;
};

struct jsonl_batch {
	char *data;
	size_t len, cap;
	struct jsonl_item *items;
	size_t n, itemcap, pos;
	const struct fb_jsonl_stage *stage; /* borrowed, or NULL */
	const char *file;                   /* for the stage */
};

/* Empties b and reads lines from r into it until max_lines lines or
 * max_bytes bytes are in, or r ends. Returns 1 when r has more, 0 when it
 * ended, -1 on a read error (err filled; the lines before it are in b). */
int jsonl_batch_fill(struct jsonl_batch *b, struct fb_jsonl_reader *r, size_t max_lines,
                     size_t max_bytes, struct fb_error *err);

/* Parses every line of b, on up to threads threads, and runs b->stage on
 * each good record there. */
void jsonl_batch_parse(struct jsonl_batch *b, int threads);

/* Releases the records not handed out, and the memory. */
void jsonl_batch_free(struct jsonl_batch *b);

#endif
