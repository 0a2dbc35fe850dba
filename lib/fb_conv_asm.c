/* Groups records into conversations and decides when one is complete; see
 * fb_conv.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_conv_parse.h"
#include "fb_map.h"

struct fb_conv_asm {
	struct fb_conv_opts opts;
	int sorted;
	double idle_gap;
	struct fb_map *open;             /* id -> conversation */
	struct fb_conv *oldest, *newest; /* open ones with timestamps, by last activity */
	struct fb_conv *current;         /* sorted input: the one being read */
	struct fb_conv **ready;          /* complete, waiting to be popped */
	size_t nready, readycap, readypos;
	double watermark; /* newest timestamp seen in the input */
	unsigned long seq;
};

struct fb_conv_asm *fb_conv_asm_new(const struct fb_conv_opts *opts, int sorted, double idle_gap)
{
	struct fb_conv_asm *a = fb_xcalloc(1, sizeof *a);

	a->opts = *opts;
	a->sorted = sorted;
	a->idle_gap = idle_gap;
	a->open = fb_map_new();
	a->watermark = NAN;
	return a;
}

/* Conversations without an id (a whole record may lack one) get a key no
 * record can have, so each stands alone. */
static void conv_key(const struct fb_conv *c, char *buf, size_t size, const char **key, size_t *len)
{
	if (c->id) {
		*key = c->id;
		*len = strlen(c->id);
		return;
	}
	*len = (size_t)snprintf(buf, size, "%c%lu", '\0', c->first_seq);
	*key = buf;
}

static void unlink_activity(struct fb_conv_asm *a, struct fb_conv *c)
{
	if (c->prev)
		c->prev->next = c->next;
	else if (a->oldest == c)
		a->oldest = c->next;
	if (c->next)
		c->next->prev = c->prev;
	else if (a->newest == c)
		a->newest = c->prev;
	c->prev = c->next = NULL;
}

/* Keeps the list ordered by last activity; logs mostly arrive in time order,
 * so the walk from the newest end is short. */
static void link_activity(struct fb_conv_asm *a, struct fb_conv *c)
{
	struct fb_conv *after = a->newest;

	while (after && after->last_ts > c->last_ts)
		after = after->prev;
	c->prev = after;
	c->next = after ? after->next : a->oldest;
	if (c->next)
		c->next->prev = c;
	else
		a->newest = c;
	if (after)
		after->next = c;
	else
		a->oldest = c;
}

static int by_first_seq(const void *x, const void *y)
{
	const struct fb_conv *a = *(struct fb_conv *const *)x, *b = *(struct fb_conv *const *)y;

	return (a->first_seq > b->first_seq) - (a->first_seq < b->first_seq);
}

static int by_time_then_seq(const void *x, const void *y)
{
	const struct fb_conv_msg *a = x, *b = y;

	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

/* Messages that arrived one per line are put in time order when they all
 * have a time; a whole record's order is the log's own. */
static void order_messages(struct fb_conv *c)
{
	size_t i;

	if (c->has_whole || c->nmsgs < 2)
		return;
	for (i = 0; i < c->nmsgs; i++)
		if (isnan(c->msgs[i].ts))
			return;
	qsort(c->msgs, c->nmsgs, sizeof *c->msgs, by_time_then_seq);
}

static void close_conv(struct fb_conv_asm *a, struct fb_conv *c, int at_eof)
{
	char buf[32];
	const char *key;
	size_t len;

	conv_key(c, buf, sizeof buf, &key, &len);
	fb_map_del(a->open, key, len);
	unlink_activity(a, c);
	if (a->current == c)
		a->current = NULL;
	c->end_ts = a->watermark;
	c->at_eof = at_eof;
	order_messages(c);
	a->ready = fb_xgrow(a->ready, &a->readycap, a->nready + 1, sizeof *a->ready);
	a->ready[a->nready++] = c;
}

/* Closes every conversation quiet for longer than the idle gap. */
static void close_idle(struct fb_conv_asm *a)
{
	size_t first = a->nready;

	while (a->oldest && a->watermark - a->oldest->last_ts >= a->idle_gap)
		close_conv(a, a->oldest, 0);
	if (a->nready - first > 1)
		qsort(a->ready + first, a->nready - first, sizeof *a->ready, by_first_seq);
}

/* Notes activity at time ts in c; the activity list is kept only when idle
 * conversations are to be closed. */
static void touch(struct fb_conv_asm *a, struct fb_conv *c, double ts)
{
	int newer = isnan(c->last_ts) || ts > c->last_ts;

	if (newer && !isinf(a->idle_gap))
		unlink_activity(a, c);
	if (newer)
		c->last_ts = ts;
	if (newer && !isinf(a->idle_gap))
		link_activity(a, c);
	if (isnan(a->watermark) || ts > a->watermark)
		a->watermark = ts;
	if (!isinf(a->idle_gap))
		close_idle(a);
}

static void free_msgs(struct fb_conv *c)
{
	size_t i;

	for (i = 0; i < c->nmsgs; i++)
		conv_msg_clear(&c->msgs[i]);
	c->nmsgs = 0;
}

/* Events that came inside a whole record (they keep no raw line) go with
 * it when a later snapshot replaces it: the snapshot carries its own. */
static void drop_inline_events(struct fb_conv *c)
{
	size_t i, j;

	for (i = j = 0; i < c->nevents; i++) {
		if (c->events[i].origin.raw)
			c->events[j++] = c->events[i];
		else
			conv_event_clear(&c->events[i]);
	}
	c->nevents = j;
}

/* A later whole record of a conversation replaces the earlier one's
 * messages and inline events (logs often snapshot a conversation as it
 * grows); events of their own lines and the fields seen first are kept. */
static void merge(struct fb_conv *into, struct fb_conv *from, enum record_kind kind)
{
	size_t i;
	const char *key;
	json_t *v;

	if (kind == RECORD_WHOLE) {
		drop_inline_events(into);
		free_msgs(into);
		free(into->msgs);
		into->msgs = from->msgs;
		into->nmsgs = from->nmsgs;
		into->msgcap = from->msgcap;
		from->msgs = NULL;
		from->nmsgs = from->msgcap = 0;
		into->has_whole = 1;
		if (isnan(into->start_ts))
			into->start_ts = from->start_ts;
	}
	for (i = 0; i < from->nevents; i++) {
		into->events =
		    fb_xgrow(into->events, &into->evcap, into->nevents + 1, sizeof *into->events);
		into->events[into->nevents++] = from->events[i];
	}
	from->nevents = 0;
	if (!into->user_id) {
		into->user_id = from->user_id;
		from->user_id = NULL;
	}
	if (!into->variant) {
		into->variant = from->variant;
		from->variant = NULL;
	}
	if (from->extra) {
		if (!into->extra)
			into->extra = json_object();
		json_object_foreach (from->extra, key, v)
			if (!json_object_get(into->extra, key))
				json_object_set(into->extra, key, v);
	}
}

static struct fb_conv *find_or_open(struct fb_conv_asm *a, struct conv_record *r,
                                    const struct fb_conv_origin *origin)
{
	struct fb_conv *c;
	char buf[32];
	const char *key;
	size_t len;

	r->conv->first_seq = a->seq;
	conv_key(r->conv, buf, sizeof buf, &key, &len);
	c = fb_map_get(a->open, key, len);
	if (a->sorted && a->current && a->current != c)
		close_conv(a, a->current, 0);
	if (!c) {
		c = r->conv;
		r->conv = NULL;
		c->origin.file = origin->file;
		c->origin.line = origin->line;
		fb_map_put(a->open, key, len, c);
	} else {
		merge(c, r->conv, r->kind);
	}
	a->current = c;
	return c;
}

struct fb_conv_parsed {
	struct conv_record r;
	unsigned long nseq; /* sequence numbers used, from 0 */
	struct fb_conv_origin origin;
	struct fb_error err;
	int failed;
};

struct fb_conv_parsed *fb_conv_parse(const struct fb_conv_opts *opts, json_t *rec,
                                     const struct fb_conv_origin *origin)
{
	struct fb_conv_parsed *p = fb_xcalloc(1, sizeof *p);

	p->origin.file = origin->file;
	p->origin.line = origin->line;
	p->failed = conv_record_parse(opts, rec, origin, &p->nseq, &p->r, &p->err) < 0;
	return p;
}

const struct fb_error *fb_conv_parsed_error(const struct fb_conv_parsed *p)
{
	return p->failed ? &p->err : NULL;
}

void fb_conv_parsed_free(struct fb_conv_parsed *p)
{
	if (!p)
		return;
	if (!p->failed) {
		conv_msg_clear(&p->r.msg);
		conv_event_clear(&p->r.event);
		fb_conv_free(p->r.conv);
	}
	free(p);
}

/* Numbers the record's messages and events on from the assembler's count,
 * as if it had been parsed here. */
static void renumber(struct fb_conv_asm *a, struct conv_record *r)
{
	size_t i;

	r->msg.seq += a->seq;
	r->event.seq += a->seq;
	for (i = 0; i < r->conv->nmsgs; i++)
		r->conv->msgs[i].seq += a->seq;
	for (i = 0; i < r->conv->nevents; i++)
		r->conv->events[i].seq += a->seq;
}

void fb_conv_asm_add_parsed(struct fb_conv_asm *a, struct fb_conv_parsed *p)
{
	struct conv_record *r = &p->r;
	struct fb_conv *c;

	renumber(a, r);
	a->seq += p->nseq;
	c = find_or_open(a, r, &p->origin);
	fb_conv_free(r->conv);
	if (r->kind == RECORD_MESSAGE) {
		c->msgs = fb_xgrow(c->msgs, &c->msgcap, c->nmsgs + 1, sizeof *c->msgs);
		c->msgs[c->nmsgs++] = r->msg;
	} else if (r->kind == RECORD_EVENT) {
		c->events = fb_xgrow(c->events, &c->evcap, c->nevents + 1, sizeof *c->events);
		c->events[c->nevents++] = r->event;
	}
	if (!isnan(r->max_ts))
		touch(a, c, r->max_ts);
	free(p);
}

int fb_conv_asm_add(struct fb_conv_asm *a, json_t *rec, const struct fb_conv_origin *origin,
                    struct fb_error *err)
{
	struct fb_conv_parsed *p = fb_conv_parse(&a->opts, rec, origin);

	if (p->failed) {
		if (err)
			*err = p->err;
		fb_conv_parsed_free(p);
		return -1;
	}
	fb_conv_asm_add_parsed(a, p);
	return 0;
}

void fb_conv_asm_finish(struct fb_conv_asm *a)
{
	size_t pos = 0, n = 0, i;
	struct fb_conv **all = fb_xcalloc(fb_map_size(a->open) + 1, sizeof *all);
	const char *key;
	size_t len;
	void *v;

	while (fb_map_next(a->open, &pos, &key, &len, &v))
		all[n++] = v;
	qsort(all, n, sizeof *all, by_first_seq);
	for (i = 0; i < n; i++)
		close_conv(a, all[i], 1);
	free(all);
}

struct fb_conv *fb_conv_asm_pop(struct fb_conv_asm *a)
{
	if (a->readypos == a->nready) {
		a->readypos = a->nready = 0;
		return NULL;
	}
	return a->ready[a->readypos++];
}

size_t fb_conv_asm_open_count(const struct fb_conv_asm *a)
{
	return fb_map_size(a->open);
}

void fb_conv_asm_free(struct fb_conv_asm *a)
{
	struct fb_conv *c;

	if (!a)
		return;
	fb_conv_asm_finish(a);
	while ((c = fb_conv_asm_pop(a)))
		fb_conv_free(c);
	fb_map_free(a->open);
	free(a->ready);
	free(a);
}

void fb_conv_free(struct fb_conv *c)
{
	size_t i;

	if (!c)
		return;
	free_msgs(c);
	for (i = 0; i < c->nevents; i++)
		conv_event_clear(&c->events[i]);
	free(c->msgs);
	free(c->events);
	free(c->id);
	free(c->user_id);
	free(c->variant);
	json_decref(c->extra);
	free(c);
}

const char *fb_conv_role_name(enum fb_conv_role role)
{
	static const char *const names[] = { "system", "user", "assistant", "tool" };

	return names[role];
}

const char *fb_conv_event_name(enum fb_conv_event_type type)
{
	static const char *const names[] = { "feedback", "copy", "regenerate", "edit", "share" };

	return names[type];
}

int fb_conv_format_from_name(const char *name)
{
	static const char *const names[] = { "auto", "openai", "sharegpt", "events" };
	size_t i;

	for (i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0)
			return (int)i;
	return -1;
}
