/* The records fb-extract writes: one per interaction or per conversation.
 * The schema is described in fbloop(7). */
#ifndef FB_RECORD_H
#define FB_RECORD_H

#include <jansson.h>

#include "fb_conv.h"
#include "fb_signals.h"

/* Builds the record of interaction it of conversation c. With explain, the
 * evidence is included. Returns a new reference. */
json_t *fb_record_interaction(const struct fb_conv *c, const struct fb_interaction *it,
                              const struct fb_signals_config *cfg, int explain);

/* Builds the one record of a whole conversation from its interactions.
 * Returns a new reference. */
json_t *fb_record_conversation(const struct fb_conv *c, const struct fb_signals_result *r,
                               const struct fb_signals_config *cfg, int explain);

/* A growable buffer the writers below append to. */
struct fb_record_buf {
	char *s; /* owned; not NUL-terminated */
	size_t len, cap;
};

/* Append the record of interaction it (or of the whole conversation), and a
 * newline, to b: the same bytes as json_dumpb(JSON_COMPACT |
 * JSON_REAL_PRECISION(15)) of the record the builders above return, written
 * without building it (most of the time the output took went into the
 * tree). */
void fb_record_write_interaction(struct fb_record_buf *b, const struct fb_conv *c,
                                 const struct fb_interaction *it,
                                 const struct fb_signals_config *cfg, int explain);
void fb_record_write_conversation(struct fb_record_buf *b, const struct fb_conv *c,
                                  const struct fb_signals_result *r,
                                  const struct fb_signals_config *cfg, int explain);

#endif
