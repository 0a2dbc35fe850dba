#include "fb_extract.h"

#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_parallel.h"
#include "fb_record.h"

#define MAX_THREADS FB_PARALLEL_MAX

struct worker {
	struct fb_extract *ex;
	struct fb_rules *rules; /* this thread's copy */
	struct fb_signals_result result;
	struct fb_extract_item *items;
	size_t from, to;
};

struct fb_extract {
	struct fb_extract_opts opts;
	struct worker w[MAX_THREADS];
	int nthreads;
};

struct fb_extract *fb_extract_new(const struct fb_extract_opts *opts, const struct fb_rules *rules)
{
	struct fb_extract *ex = fb_xcalloc(1, sizeof *ex);
	int t;

	ex->opts = *opts;
	ex->nthreads = opts->threads < 1             ? 1
	               : opts->threads > MAX_THREADS ? MAX_THREADS
	                                             : opts->threads;
	for (t = 0; t < ex->nthreads; t++) {
		ex->w[t].ex = ex;
		ex->w[t].rules = fb_rules_clone(rules);
	}
	return ex;
}

static void keep(struct fb_extract_item *it, json_t *rec)
{
	it->records = fb_xgrow(it->records, &it->reccap, it->nrecords + 1, sizeof *it->records);
	it->records[it->nrecords++] = rec;
}

static void analyse(struct worker *w, struct fb_extract_item *it)
{
	const struct fb_extract_opts *o = &w->ex->opts;
	struct fb_signals_result *r = &w->result;
	size_t i;

	fb_extract_item_clear(it);
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

static void work(void *arg, size_t t)
{
	struct worker *w = (struct worker *)arg + t;
	size_t i;

	for (i = w->from; i < w->to; i++)
		analyse(w, &w->items[i]);
}

/* Contiguous shares of about equal message counts, so that one long
 * conversation does not leave the other threads idle for long. */
void fb_extract_run(struct fb_extract *ex, struct fb_extract_item *items, size_t n)
{
	size_t total = 0, acc = 0, i = 0, t, nt = (size_t)ex->nthreads;

	if (nt > n)
		nt = n ? n : 1;
	for (t = 0; t < n; t++)
		total += items[t].conv->nmsgs + 1;
	for (t = 0; t < nt; t++) {
		ex->w[t].items = items;
		ex->w[t].from = i;
		while (i < n && (t + 1 == nt || acc < total * (t + 1) / nt))
			acc += items[i++].conv->nmsgs + 1;
		ex->w[t].to = i;
	}
	fb_parallel_run(nt, work, ex->w);
}

void fb_extract_item_clear(struct fb_extract_item *item)
{
	size_t i;

	for (i = 0; item->records && i < item->nrecords; i++)
		json_decref(item->records[i]);
	free(item->out);
	free(item->records);
	free(item->notes);
	item->out = NULL;
	item->records = NULL;
	item->notes = NULL;
	item->len = item->cap = item->nrecords = item->reccap = 0;
	item->nnotes = 0;
}

void fb_extract_free(struct fb_extract *ex)
{
	int t;

	if (!ex)
		return;
	for (t = 0; t < ex->nthreads; t++) {
		fb_rules_free(ex->w[t].rules);
		fb_signals_result_free(&ex->w[t].result);
	}
	free(ex);
}
