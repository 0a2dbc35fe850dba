/* Log formats to one conversation model.
 *
 * Three formats are understood, detected per record (or forced):
 *   openai    {"id"|"conversation_id", "messages": [{"role", "content"}], ...}
 *   sharegpt  {"id", "conversations": [{"from", "value"}]}
 *   events    one message or event per line:
 *             {"conversation_id", "role", "content", "timestamp"},
 *             {"conversation_id", "type": "feedback", "message_id"|"message_index",
 *              "thumbs"|"rating"|"score"|"comment"},
 *             {"conversation_id", "type": "copy"|"regenerate"|"edit"|"share", ...}
 * Whole-conversation records may carry feedback inline (a message's
 * "feedback" object) and behaviour events (a top-level "events" array).
 *
 * An assembler groups records into conversations. A conversation is complete
 * when the input ends, so records may come in any order; with sorted input,
 * when a record of another conversation arrives (constant memory); and, when
 * asked, once the newest timestamp seen in the input is more than an idle
 * gap past its last activity (bounded memory for logs written as things
 * happen). So memory holds only the conversations still open. */
#ifndef FB_CONV_H
#define FB_CONV_H

#include <jansson.h>
#include <stddef.h>

#include "fb_error.h"
#include "fb_path.h"

enum fb_conv_role { FB_ROLE_SYSTEM, FB_ROLE_USER, FB_ROLE_ASSISTANT, FB_ROLE_TOOL };

enum fb_conv_format { FB_FORMAT_AUTO, FB_FORMAT_OPENAI, FB_FORMAT_SHAREGPT, FB_FORMAT_EVENTS };

enum fb_conv_event_type {
	FB_EVENT_FEEDBACK,
	FB_EVENT_COPY,
	FB_EVENT_REGENERATE,
	FB_EVENT_EDIT,
	FB_EVENT_SHARE
};

/* Where a record came from, for messages about it later. */
struct fb_conv_origin {
	const char *file; /* borrowed; must outlive the conversation */
	long line;
	char *raw; /* the line's bytes (owned), kept only for events */
	size_t rawlen;
};

struct fb_conv_msg {
	enum fb_conv_role role;
	char *text; /* owned, UTF-8, NUL-terminated */
	size_t len;
	double ts;         /* epoch seconds, NAN when the log has none */
	char *id;          /* owned, or NULL */
	unsigned long seq; /* arrival order in the input */
};

struct fb_conv_event {
	enum fb_conv_event_type type;
	long msg_index; /* index into msgs, -1 when given by id */
	char *msg_id;   /* owned, or NULL */
	double ts;      /* NAN when none */
	unsigned long seq;
	/* feedback: which of the values are present, and them */
	int has_thumbs, has_rating, has_score;
	int thumbs;    /* +1 up, -1 down */
	double rating; /* 1..5 */
	double score;  /* -1..1 */
	char *comment; /* owned, or NULL */
	struct fb_conv_origin origin;
};

struct fb_conv {
	char *id;        /* owned; NULL when the record had none */
	char *user_id;   /* owned, or NULL */
	char *variant;   /* owned, or NULL */
	double start_ts; /* a top-level created_at or timestamp, NAN when none */
	json_t *extra;   /* fields not understood, carried through: an object (owned) */
	struct fb_conv_msg *msgs;
	size_t nmsgs, msgcap;
	struct fb_conv_event *events;
	size_t nevents, evcap;
	int has_whole;                /* a whole-conversation record was seen */
	double last_ts;               /* newest timestamp in it, NAN when none */
	double end_ts;                /* newest timestamp of the input when it was closed */
	int at_eof;                   /* closed because the input ended */
	struct fb_conv_origin origin; /* its first record */
	/* the assembler's bookkeeping */
	struct fb_conv *prev, *next;
	unsigned long first_seq;
};

/* How to read records. */
struct fb_conv_opts {
	enum fb_conv_format format;
	/* --field NAME=PATH: fields[i] holds NAME, paths[i] where it really is. */
	const char *const *field_names;
	struct fb_path *const *field_paths;
	size_t nfields;
};

struct fb_conv_asm; /* opaque */

/* A new assembler: sorted says records of one conversation are adjacent;
 * idle_gap (seconds, > 0) closes conversations quiet for that long by
 * the input's clock; INFINITY waits for the end of input. */
struct fb_conv_asm *fb_conv_asm_new(const struct fb_conv_opts *opts, int sorted, double idle_gap);

/* Adds one record (borrowed; fields may be moved out of it). origin->raw is
 * copied when needed. Returns 0, or -1 when the record is not of a known
 * format or has a bad field: err->text says which, e.g.
 * "messages[2].role: unknown role 'narrator'". */
int fb_conv_asm_add(struct fb_conv_asm *a, json_t *rec, const struct fb_conv_origin *origin,
                    struct fb_error *err);

/* fb_conv_asm_add in two steps, so that the first, most of the work, can
 * run on other threads: fb_conv_parse reads rec (borrowed; fields may be
 * moved out of it) into a new record, which is never NULL and which
 * fb_conv_parsed_error tells the fate of (NULL when it is good, else what
 * fb_conv_asm_add would have said); fb_conv_asm_add_parsed adds a good one,
 * which it takes over. origin->file must outlive the conversation; origin->raw
 * is copied when needed. The records must be added in input order. */
struct fb_conv_parsed; /* opaque */
struct fb_conv_parsed *fb_conv_parse(const struct fb_conv_opts *opts, json_t *rec,
                                     const struct fb_conv_origin *origin);
const struct fb_error *fb_conv_parsed_error(const struct fb_conv_parsed *p);
void fb_conv_asm_add_parsed(struct fb_conv_asm *a, struct fb_conv_parsed *p);
void fb_conv_parsed_free(struct fb_conv_parsed *p);

/* Marks the end of input: every open conversation becomes complete. */
void fb_conv_asm_finish(struct fb_conv_asm *a);

/* Takes the next complete conversation (the caller owns it: fb_conv_free),
 * or NULL when none is ready. Conversations come out in the order they were
 * completed, and in order of first appearance among those completed
 * together. */
struct fb_conv *fb_conv_asm_pop(struct fb_conv_asm *a);

/* Conversations currently open (for --stats and tests). */
size_t fb_conv_asm_open_count(const struct fb_conv_asm *a);

void fb_conv_asm_free(struct fb_conv_asm *a);
void fb_conv_free(struct fb_conv *c);

/* Names for messages and output. */
const char *fb_conv_role_name(enum fb_conv_role role);
const char *fb_conv_event_name(enum fb_conv_event_type type);

/* Parses a format name ("auto", "openai", "sharegpt", "events"); -1 if unknown. */
int fb_conv_format_from_name(const char *name);

#endif
