/* The bad-record policy over all operands; see fb_jsonl.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_jsonl.h"
#include "fb_jsonl_batch.h"

struct fb_jsonl_in {
	struct fb_jsonl_policy policy;
	const char *const *paths;
	size_t npaths;
	const struct fb_jsonl_stage *stage;
	struct jsonl_ahead *ahead; /* made at the first read */
	struct jsonl_batch *batch; /* the batch being handed out */
	const char *file;          /* its operand, as messages name it */
	const char *raw;           /* the line last returned */
	size_t rawlen;
	long line;
	unsigned long nread, nrejected;
	int status;
	int stopped;
};

struct fb_jsonl_in *fb_jsonl_in_new(const struct fb_jsonl_policy *policy, const char *const *paths,
                                    size_t n)
{
	static const char *const stdin_path[] = { "-" };
	struct fb_jsonl_in *in = fb_xcalloc(1, sizeof *in);

	in->policy = *policy;
	in->paths = n ? paths : stdin_path;
	in->npaths = n ? n : 1;
	return in;
}

static void keep_rejected(struct fb_jsonl_in *in, const char *raw, size_t len)
{
	FILE *f = in->policy.rejects;

	if (!f)
		return;
	if (fwrite(raw, 1, len, f) != len || putc('\n', f) == EOF) {
		fb_diag_error(in->policy.prog, NULL, 0, 0, "cannot write rejected line: %s",
		              strerror(errno));
		in->status = 2;
		in->stopped = 1;
	}
}

static int vreject(struct fb_jsonl_in *in, const char *file, long line, int col, const char *raw,
                   size_t len, const char *fmt, va_list ap) FB_PRINTF(7, 0);

static int vreject(struct fb_jsonl_in *in, const char *file, long line, int col, const char *raw,
                   size_t len, const char *fmt, va_list ap)
{
	char msg[512];

	vsnprintf(msg, sizeof msg, fmt, ap);
	fb_diag_error(in->policy.prog, file, line, col, "%s", msg);
	in->nrejected++;
	keep_rejected(in, raw, len);
	if (!in->policy.skip_invalid) {
		in->status = 2;
		in->stopped = 1;
	}
	return in->stopped ? -1 : 0;
}

int fb_jsonl_in_reject(struct fb_jsonl_in *in, int col, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vreject(in, in->file, in->line, col, in->raw, in->rawlen, fmt, ap);
	va_end(ap);
	return rc;
}

int fb_jsonl_in_reject_at(struct fb_jsonl_in *in, const char *file, long line, const char *raw,
                          size_t len, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vreject(in, file, line, 0, raw, len, fmt, ap);
	va_end(ap);
	return rc;
}

void fb_jsonl_in_warn(struct fb_jsonl_in *in, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fb_diag_warn(in->policy.prog, in->file, in->line, 0, "%s", msg);
}

/* Moves to the next batch, having reported how the last one ended when an
 * operand could not be opened or read (as cat and grep do, reading goes on
 * with the next operand). Returns 0 when no operand is left. */
static int next_batch(struct fb_jsonl_in *in)
{
	struct jsonl_batch *b = in->batch;

	if (b && b->failed) {
		fb_diag_error(in->policy.prog, b->failed, 0, 0, "%s", b->err.text);
		in->status = 2;
	}
	if (!in->ahead)
		in->ahead = jsonl_ahead_new(in->paths, in->npaths, in->policy.jobs, in->stage);
	in->batch = b = jsonl_ahead_next(in->ahead);
	if (b)
		in->file = b->file;
	return b != NULL;
}

/* The next good item, or NULL. */
static struct jsonl_item *next_item(struct fb_jsonl_in *in)
{
	struct jsonl_item *it;

	while (!in->stopped) {
		if ((!in->batch || in->batch->pos == in->batch->n) && !next_batch(in))
			return NULL;
		if (in->batch->pos == in->batch->n)
			continue;
		it = &in->batch->items[in->batch->pos++];
		in->raw = in->batch->data + it->off;
		in->rawlen = it->len;
		in->line = it->line;
		in->nread++;
		if (it->rec || it->out)
			return it;
		fb_jsonl_in_reject(in, it->err.column, "%s", it->err.text);
	}
	return NULL;
}

json_t *fb_jsonl_in_next(struct fb_jsonl_in *in)
{
	struct jsonl_item *it = next_item(in);
	json_t *rec;

	if (!it)
		return NULL;
	rec = it->rec;
	it->rec = NULL;
	return rec;
}

int fb_jsonl_in_each(struct fb_jsonl_in *in,
                     int (*add)(void *ctx, struct fb_jsonl_in *in, const json_t *rec,
                                struct fb_error *err),
                     void *ctx)
{
	struct fb_error err;
	json_t *rec;
	int rc = 0;

	while (rc == 0 && (rec = fb_jsonl_in_next(in))) {
		if (add(ctx, in, rec, &err) < 0)
			rc = fb_jsonl_in_reject(in, 0, "%s", err.text);
		json_decref(rec);
	}
	return rc == 0 && !in->stopped ? 0 : -1;
}

void fb_jsonl_in_set_stage(struct fb_jsonl_in *in, const struct fb_jsonl_stage *stage)
{
	in->stage = stage;
}

void *fb_jsonl_in_next_item(struct fb_jsonl_in *in)
{
	struct jsonl_item *it = next_item(in);
	void *out;

	if (!it)
		return NULL;
	out = it->out;
	it->out = NULL;
	return out;
}

const char *fb_jsonl_in_file(const struct fb_jsonl_in *in)
{
	return in->file;
}

long fb_jsonl_in_line(const struct fb_jsonl_in *in)
{
	return in->line;
}

const char *fb_jsonl_in_raw(const struct fb_jsonl_in *in, size_t *len)
{
	*len = in->rawlen;
	return in->raw;
}

unsigned long fb_jsonl_in_read_count(const struct fb_jsonl_in *in)
{
	return in->nread;
}

unsigned long fb_jsonl_in_rejected_count(const struct fb_jsonl_in *in)
{
	return in->nrejected;
}

int fb_jsonl_in_status(const struct fb_jsonl_in *in)
{
	return in->status;
}

int fb_jsonl_in_stopped(const struct fb_jsonl_in *in)
{
	return in->stopped;
}

void fb_jsonl_in_free(struct fb_jsonl_in *in)
{
	if (!in)
		return;
	jsonl_ahead_free(in->ahead);
	free(in);
}

struct fb_jsonl_out {
	FILE *f;
	int unbuffered;
	char *buf;
	size_t cap;
	unsigned long count;
};

struct fb_jsonl_out *fb_jsonl_out_new(FILE *f, int unbuffered)
{
	struct fb_jsonl_out *out = fb_xcalloc(1, sizeof *out);

	out->f = f;
	out->unbuffered = unbuffered;
	out->cap = 64 * 1024;
	out->buf = fb_xmalloc(out->cap);
	return out;
}

int fb_jsonl_out_write(struct fb_jsonl_out *out, const json_t *rec)
{
	const size_t flags = JSON_COMPACT | JSON_REAL_PRECISION(15);
	size_t n = json_dumpb(rec, out->buf, out->cap - 1, flags);

	if (n >= out->cap) {
		out->cap = n + 1;
		out->buf = fb_xrealloc(out->buf, out->cap);
		n = json_dumpb(rec, out->buf, out->cap - 1, flags);
	}
	out->buf[n++] = '\n';
	if (fwrite(out->buf, 1, n, out->f) != n)
		return -1;
	if (out->unbuffered && fflush(out->f) != 0)
		return -1;
	out->count++;
	return 0;
}

unsigned long fb_jsonl_out_count(const struct fb_jsonl_out *out)
{
	return out->count;
}

void fb_jsonl_out_free(struct fb_jsonl_out *out)
{
	if (!out)
		return;
	free(out->buf);
	free(out);
}
