/* fb-extract's last stage: complete conversations to output records, on
 * several threads. Conversations are independent once complete, and their
 * analysis (phrase rules above all) and serialisation are most of the work
 * after parsing; results come back in the order given. */
#ifndef FB_EXTRACT_H
#define FB_EXTRACT_H

#include <jansson.h>
#include <stddef.h>

#include "fb_conv.h"
#include "fb_rules.h"
#include "fb_signals.h"

struct fb_extract_opts {
	const struct fb_signals_config *cfg; /* borrowed */
	int explain;
	int per_conversation;
	int serialise; /* write JSON Lines into out; else keep the records */
	int threads;
};

/* One conversation and what became of it. */
struct fb_extract_item {
	struct fb_conv *conv; /* owned by the caller */
	char *out;            /* serialise: the records, one per line */
	size_t len, cap;
	json_t **records; /* otherwise: the records (new references) */
	size_t nrecords, reccap;
	struct fb_signals_note *notes; /* to report, in order */
	size_t nnotes;
};

struct fb_extract; /* opaque */

/* A stage using copies of rules (borrowed: only read here) for each
 * thread. */
struct fb_extract *fb_extract_new(const struct fb_extract_opts *opts, const struct fb_rules *rules);

/* Analyses items[0..n) and fills their output, records and notes (the
 * previous contents are dropped). */
void fb_extract_run(struct fb_extract *ex, struct fb_extract_item *items, size_t n);

/* Frees what an item holds except its conversation, and empties it. */
void fb_extract_item_clear(struct fb_extract_item *item);

void fb_extract_free(struct fb_extract *ex);

#endif
