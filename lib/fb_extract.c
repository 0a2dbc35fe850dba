#include "fb_extract.h"

#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_parallel.h"
#include "fb_record.h"

/* A group of conversations is one job: large enough that queueing it costs
 * nothing much, small enough that one long conversation does not hold the
 * output back for long. */
#define GROUP_CONVS 128
#define GROUP_MSGS 2048

/* Groups queued per thread, the open one aside: enough to keep the threads
 * busy while the caller reads, few enough to bound the memory. */
#define GROUPS_PER_THREAD 2

struct worker {
	struct fb_rules *rules; /* this thread's copy */
	struct fb_signals_result result;
};

struct group {
	struct fb_extract *ex;
	struct fb_extract_item items[GROUP_CONVS];
	size_t n, msgs;
	struct fb_job job;
	int queued; /* job submitted and not yet waited for */
};

struct fb_extract {
	struct fb_extract_opts opts;
	fb_extract_emit_fn emit;
	void *ctx;
	struct worker w[FB_PARALLEL_MAX];
	size_t nthreads;
	struct group *ring; /* head..head+count queued, then the open group */
	size_t nring, head, count;
	int stopped; /* emit asked for no more */
};

struct fb_extract *fb_extract_new(const struct fb_extract_opts *opts, const struct fb_rules *rules,
                                  fb_extract_emit_fn emit, void *ctx)
{
	struct fb_extract *ex = fb_xcalloc(1, sizeof *ex);
	size_t t;

	ex->opts = *opts;
	ex->emit = emit;
	ex->ctx = ctx;
	ex->nthreads = opts->jobs ? fb_jobs_threads(opts->jobs) : 1;
	for (t = 0; t < ex->nthreads; t++)
		ex->w[t].rules = fb_rules_clone(rules);
	ex->nring = opts->jobs ? GROUPS_PER_THREAD * ex->nthreads + 1 : 1;
	ex->ring = fb_xcalloc(ex->nring, sizeof *ex->ring);
	for (t = 0; t < ex->nring; t++)
		ex->ring[t].ex = ex;
	return ex;
}

static void keep(struct fb_extract_item *it, json_t *rec)
{
	it->records = fb_xgrow(it->records, &it->reccap, it->nrecords + 1, sizeof *it->records);
	it->records[it->nrecords++] = rec;
}

/* Frees what an item holds, its conversation too. */
static void clear(struct fb_extract_item *it)
{
	size_t i;

	for (i = 0; it->records && i < it->nrecords; i++)
		json_decref(it->records[i]);
	fb_conv_free(it->conv);
	free(it->out);
	free(it->records);
	free(it->notes);
	memset(it, 0, sizeof *it);
}

static void analyse(const struct fb_extract_opts *o, struct worker *w, struct fb_extract_item *it)
{
	struct fb_signals_result *r = &w->result;
	size_t i;

	fb_signals_analyse(o->cfg, w->rules, it->conv, o->explain, r);
	if (r->nnotes) {
		it->notes = fb_xcalloc(r->nnotes, sizeof *it->notes);
		memcpy(it->notes, r->notes, r->nnotes * sizeof *it->notes);
		it->nnotes = r->nnotes;
	}
	if (o->serialise) {
		/* Written straight to bytes: building json_t trees only to dump
		 * them took most of the output's time. */
		struct fb_record_buf b = { it->out, it->len, it->cap };

		if (o->per_conversation)
			fb_record_write_conversation(&b, it->conv, r, o->cfg, o->explain);
		for (i = 0; !o->per_conversation && i < r->n; i++)
			fb_record_write_interaction(&b, it->conv, &r->items[i], o->cfg, o->explain);
		it->out = b.s;
		it->len = b.len;
		it->cap = b.cap;
		it->nrecords = o->per_conversation ? 1 : r->n;
		return;
	}
	if (o->per_conversation) {
		keep(it, fb_record_conversation(it->conv, r, o->cfg, o->explain));
		return;
	}
	for (i = 0; i < r->n; i++)
		keep(it, fb_record_interaction(it->conv, &r->items[i], o->cfg, o->explain));
}

static void analyse_group(void *arg, size_t t)
{
	struct group *g = arg;
	size_t i;

	for (i = 0; i < g->n; i++)
		analyse(&g->ex->opts, &g->ex->w[t], &g->items[i]);
}

/* Hands the group at the head to emit, unless emit asked for no more, and
 * frees it. */
static void emit_head(struct fb_extract *ex)
{
	struct group *g = &ex->ring[ex->head];
	size_t i;

	if (g->queued) {
		fb_jobs_wait(ex->opts.jobs, &g->job);
		g->queued = 0;
	}
	for (i = 0; i < g->n; i++) {
		if (!ex->stopped && ex->emit(ex->ctx, &g->items[i]) < 0)
			ex->stopped = 1;
		clear(&g->items[i]);
	}
	g->n = g->msgs = 0;
	ex->head = (ex->head + 1) % ex->nring;
	ex->count--;
}

/* Queues the open group, or analyses it here without jobs. */
static void close_group(struct fb_extract *ex)
{
	struct group *g = &ex->ring[(ex->head + ex->count) % ex->nring];

	if (ex->opts.jobs) {
		fb_jobs_submit(ex->opts.jobs, &g->job, analyse_group, g);
		g->queued = 1;
	} else {
		analyse_group(g, 0);
	}
	ex->count++;
}

int fb_extract_add(struct fb_extract *ex, struct fb_conv *conv)
{
	struct group *g = &ex->ring[(ex->head + ex->count) % ex->nring];

	g->items[g->n++].conv = conv;
	g->msgs += conv->nmsgs;
	if (!ex->opts.jobs || g->n == GROUP_CONVS || g->msgs >= GROUP_MSGS)
		close_group(ex);
	/* Groups done go out; a full ring waits for the oldest, so that there
	 * is a place for the next open group. */
	while (ex->count > 0 && (!ex->opts.jobs || ex->count == ex->nring ||
	                         fb_jobs_done(ex->opts.jobs, &ex->ring[ex->head].job)))
		emit_head(ex);
	return ex->stopped ? -1 : 0;
}

int fb_extract_finish(struct fb_extract *ex)
{
	if (ex->ring[(ex->head + ex->count) % ex->nring].n > 0)
		close_group(ex);
	while (ex->count > 0)
		emit_head(ex);
	return ex->stopped ? -1 : 0;
}

void fb_extract_free(struct fb_extract *ex)
{
	size_t t, i;

	if (!ex)
		return;
	for (t = 0; t < ex->nring; t++) {
		if (ex->ring[t].queued)
			fb_jobs_wait(ex->opts.jobs, &ex->ring[t].job);
		for (i = 0; i < ex->ring[t].n; i++)
			clear(&ex->ring[t].items[i]);
	}
	for (t = 0; t < ex->nthreads; t++) {
		fb_rules_free(ex->w[t].rules);
		fb_signals_result_free(&ex->w[t].result);
	}
	free(ex->ring);
	free(ex);
}
