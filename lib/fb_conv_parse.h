/* Private to the conv module: one record to the pieces of a conversation. */
#ifndef FB_CONV_PARSE_H
#define FB_CONV_PARSE_H

#include "fb_conv.h"

enum record_kind { RECORD_WHOLE, RECORD_MESSAGE, RECORD_EVENT };

/* What one record holds: a whole conversation, or one message or event of
 * one. conv is always filled (id, user, variant, extra; for a whole record
 * its messages and events too). */
struct conv_record {
	enum record_kind kind;
	struct fb_conv *conv;
	struct fb_conv_msg msg;     /* RECORD_MESSAGE */
	struct fb_conv_event event; /* RECORD_EVENT */
	double max_ts;              /* newest timestamp in the record, NAN if none */
};

/* Parses rec (fields may be moved out of it) into *out, numbering its
 * messages and events from *seq on. Returns 0, or -1 with err->text; nothing
 * is left allocated on error. */
int conv_record_parse(const struct fb_conv_opts *opts, json_t *rec,
                      const struct fb_conv_origin *origin, unsigned long *seq,
                      struct conv_record *out, struct fb_error *err);

void conv_msg_clear(struct fb_conv_msg *m);
void conv_event_clear(struct fb_conv_event *e);

#endif
