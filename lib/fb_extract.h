/* fb-extract's last stage: complete conversations to output records, as
 * jobs. Conversations are independent once complete, and their analysis
 * (phrase rules above all) and serialisation are most of the work after
 * parsing: groups of them are analysed on the jobs' threads while the
 * caller reads on, and the results come back in the order given. */
#ifndef FB_EXTRACT_H
#define FB_EXTRACT_H

#include <jansson.h>
#include <stddef.h>

#include "fb_conv.h"
#include "fb_jobs.h"
#include "fb_rules.h"
#include "fb_signals.h"

struct fb_extract_opts {
	const struct fb_signals_config *cfg; /* borrowed */
	int explain;
	int per_conversation;
	int serialise;        /* write JSON Lines into out; else keep the records */
	struct fb_jobs *jobs; /* borrowed; NULL analyses each conversation as it
	                       * is added */
};

/* One conversation and what became of it. */
struct fb_extract_item {
	struct fb_conv *conv;
	char *out; /* serialise: the records, one per line */
	size_t len, cap;
	json_t **records; /* otherwise: the records (new references) */
	size_t nrecords, reccap;
	struct fb_signals_note *notes; /* to report, in order */
	size_t nnotes;
};

/* Gets the items in the order their conversations were added; returns 0 to
 * go on, or -1 to have no more (the stage then only frees them). */
typedef int (*fb_extract_emit_fn)(void *ctx, const struct fb_extract_item *item);

struct fb_extract; /* opaque */

/* A stage using a copy of rules (borrowed: only read here) for each thread
 * of the jobs, handing the results to emit(ctx, item). */
struct fb_extract *fb_extract_new(const struct fb_extract_opts *opts, const struct fb_rules *rules,
                                  fb_extract_emit_fn emit, void *ctx);

/* Takes conv (owned now) to analyse, and emits the items before it that are
 * done. Returns 0, or -1 once emit asked for no more. */
int fb_extract_add(struct fb_extract *ex, struct fb_conv *conv);

/* Waits for every conversation added and emits what is left. Returns 0, or
 * -1 when emit asked for no more. */
int fb_extract_finish(struct fb_extract *ex);

/* Waits for the work under way and drops what was not emitted. NULL is
 * allowed. */
void fb_extract_free(struct fb_extract *ex);

#endif
