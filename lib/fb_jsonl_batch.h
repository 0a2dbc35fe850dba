/* Private to the jsonl module: the operands read ahead in batches of lines,
 * each parsed as a job while the caller works on the batches before it, and
 * handed out in input order. Parsing is most of the cost of a filter over
 * JSON Lines, and lines parse independently. */
#ifndef FB_JSONL_BATCH_H
#define FB_JSONL_BATCH_H

#include <jansson.h>
#include <stddef.h>

#include "fb_error.h"
#include "fb_jobs.h"
#include "fb_jsonl.h"

struct jsonl_item {
	size_t off, len; /* the raw line in the batch's data */
	long line;
	json_t *rec; /* the parsed record, or NULL with err filled */
	void *out;   /* with a stage: what it made of rec (rec is then NULL) */
	struct fb_error err;
};

/* Lines of one operand, and what ended them when it was not the next batch:
 * an operand that could not be opened (no lines then) or read. */
struct jsonl_batch {
	char *data;
	size_t len, cap;
	struct jsonl_item *items;
	size_t n, itemcap, pos; /* pos: the next item to hand out */
	const char *file;       /* the operand, as messages name it */
	const char *failed;     /* NULL, or the operand that failed, with err */
	struct fb_error err;
	const struct fb_jsonl_stage *stage; /* borrowed, or NULL */
	struct fb_job job;
	int queued; /* job submitted and not yet waited for */
};

struct jsonl_ahead; /* opaque */

/* Reads paths[0..n) (borrowed; "-" is standard input). With jobs (borrowed)
 * several batches of many lines are read ahead and parsed there; without,
 * a batch is one line, read when it is asked for, so that a live stream is
 * answered line by line. stage (borrowed) may be NULL. */
struct jsonl_ahead *jsonl_ahead_new(const char *const *paths, size_t n, struct fb_jobs *jobs,
                                    const struct fb_jsonl_stage *stage);

/* The next batch, parsed (the previous one is released), or NULL when every
 * operand has been read. */
struct jsonl_batch *jsonl_ahead_next(struct jsonl_ahead *a);

/* Waits for the jobs under way and releases everything. NULL is allowed. */
void jsonl_ahead_free(struct jsonl_ahead *a);

#endif
