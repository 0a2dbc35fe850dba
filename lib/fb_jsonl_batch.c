#include "fb_jsonl_batch.h"

#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"

/* A batch is large enough that queueing it costs nothing much, and small
 * enough that the threads share the work evenly and it stays in cache. */
#define BATCH_LINES 1024
#define BATCH_BYTES (1u << 20)

/* Batches read ahead per thread: enough that a thread never waits for the
 * reader, few enough to bound the memory. */
#define AHEAD_PER_THREAD 2

struct jsonl_ahead {
	const char *const *paths;
	size_t npaths, next_path;
	struct fb_jsonl_reader *reader;
	const char *file; /* the operand being read, as messages name it */
	struct fb_jobs *jobs;
	const struct fb_jsonl_stage *stage;
	struct jsonl_batch *ring;
	size_t nring, head, count; /* count batches from head are read */
	int ended;
};

static void release(struct jsonl_batch *b)
{
	size_t i;

	for (i = b->pos; i < b->n; i++) {
		json_decref(b->items[i].rec);
		if (b->items[i].out)
			b->stage->free(b->items[i].out);
	}
	b->n = b->pos = b->len = 0;
	b->failed = NULL;
}

/* Reads lines from r into b until max_lines lines or BATCH_BYTES bytes are
 * in, or r ends. Returns 1 when r has more, 0 when it ended, -1 on a read
 * error (b->err filled; the lines before it are in b). */
static int fill(struct jsonl_batch *b, struct fb_jsonl_reader *r, size_t max_lines)
{
	struct jsonl_item *it;
	const char *line;
	size_t len;
	int rc;

	while (b->n < max_lines && b->len < BATCH_BYTES) {
		rc = fb_jsonl_reader_next(r, &line, &len, &b->err);
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

static void parse(void *arg, size_t t)
{
	struct jsonl_batch *b = arg;
	struct jsonl_item *it;
	size_t i;

	(void)t;
	for (i = 0; i < b->n; i++) {
		it = &b->items[i];
		it->err.text[0] = '\0';
		it->rec = fb_jsonl_parse(b->data + it->off, it->len, &it->err);
		if (it->rec && b->stage) {
			it->out = b->stage->fn(it->rec, b->file, it->line, b->data + it->off,
			                       it->len, b->stage->ctx);
			it->rec = NULL;
		}
	}
}

struct jsonl_ahead *jsonl_ahead_new(const char *const *paths, size_t n, struct fb_jobs *jobs,
                                    const struct fb_jsonl_stage *stage)
{
	struct jsonl_ahead *a = fb_xcalloc(1, sizeof *a);
	size_t i;

	a->paths = paths;
	a->npaths = n;
	a->jobs = jobs;
	a->stage = stage;
	a->nring = jobs ? AHEAD_PER_THREAD * fb_jobs_threads(jobs) + 1 : 1;
	a->ring = fb_xcalloc(a->nring, sizeof *a->ring);
	for (i = 0; i < a->nring; i++)
		a->ring[i].stage = stage;
	return a;
}

/* Reads the next batch of the operands into b: lines, or the failure to
 * open or read an operand. Returns 0 when every operand has been read. */
static int read_batch(struct jsonl_ahead *a, struct jsonl_batch *b)
{
	const char *path;
	int rc;

	release(b);
	if (!a->reader) {
		if (a->next_path == a->npaths)
			return 0;
		path = a->paths[a->next_path++];
		a->reader = fb_jsonl_reader_open(path, &b->err);
		if (!a->reader) {
			b->failed = path;
			return 1;
		}
		a->file = strcmp(path, "-") == 0 ? "<stdin>" : path;
	}
	b->file = a->file;
	rc = fill(b, a->reader, a->jobs ? BATCH_LINES : 1);
	if (rc <= 0) {
		if (rc < 0)
			b->failed = a->file;
		fb_jsonl_reader_close(a->reader);
		a->reader = NULL;
	}
	return 1;
}

/* Fills the ring: reads batches and queues their parsing. */
static void read_ahead(struct jsonl_ahead *a)
{
	struct jsonl_batch *b;

	while (!a->ended && a->count < a->nring) {
		b = &a->ring[(a->head + a->count) % a->nring];
		if (!read_batch(a, b)) {
			a->ended = 1;
			return;
		}
		a->count++;
		if (a->jobs && b->n > 0) {
			fb_jobs_submit(a->jobs, &b->job, parse, b);
			b->queued = 1;
		} else {
			parse(b, 0);
		}
	}
}

struct jsonl_batch *jsonl_ahead_next(struct jsonl_ahead *a)
{
	struct jsonl_batch *b;

	if (a->count > 0) {
		release(&a->ring[a->head]);
		a->head = (a->head + 1) % a->nring;
		a->count--;
	}
	read_ahead(a);
	if (a->count == 0)
		return NULL;
	b = &a->ring[a->head];
	if (b->queued) {
		fb_jobs_wait(a->jobs, &b->job);
		b->queued = 0;
	}
	return b;
}

void jsonl_ahead_free(struct jsonl_ahead *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->nring; i++) {
		if (a->ring[i].queued)
			fb_jobs_wait(a->jobs, &a->ring[i].job);
		release(&a->ring[i]);
		free(a->ring[i].data);
		free(a->ring[i].items);
	}
	fb_jsonl_reader_close(a->reader);
	free(a->ring);
	free(a);
}
