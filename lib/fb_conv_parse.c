/* One record to the pieces of a conversation; see fb_conv.h for formats. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_conv_parse.h"
#include "fb_jsonl.h"
#include "fb_time.h"

/* Reads an optional identifier: a string, or a whole number written as
 * one (ids are often numeric in logs). Absent or null leaves *out NULL. */
static int get_id(json_t *obj, const char *key, const char *ctx, char **out, struct fb_error *err)
{
	json_t *v = json_object_get(obj, key);
	char buf[32];

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (json_is_string(v)) {
		*out = fb_xstrndup(json_string_value(v), json_string_length(v));
		return 0;
	}
	if (json_is_integer(v)) {
		snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		*out = fb_xstrdup(buf);
		return 0;
	}
	fb_error_set(err, 0, 0, "%s%s: expected a string, got %s", ctx, key, fb_jsonl_type_name(v));
	return -1;
}

/* Reads an optional timestamp under "timestamp" or "created_at". */
static int get_ts(json_t *obj, const char *ctx, double *out, double *max_ts, struct fb_error *err)
{
	static const char *const keys[] = { "timestamp", "created_at" };
	json_t *v;
	size_t i;

	*out = NAN;
	for (i = 0; i < 2; i++) {
		v = json_object_get(obj, keys[i]);
		if (!v || json_is_null(v))
			continue;
		if (fb_time_from_json(v, out) < 0) {
			if (json_is_string(v))
				fb_error_set(err, 0, 0, "%s%s: not a date-time: '%.60s'", ctx,
				             keys[i], json_string_value(v));
			else
				fb_error_set(err, 0, 0, "%s%s: expected a date-time, got %s", ctx,
				             keys[i], fb_jsonl_type_name(v));
			return -1;
		}
		if (isnan(*max_ts) || *out > *max_ts)
			*max_ts = *out;
		return 0;
	}
	return 0;
}

static const struct {
	const char *name;
	enum fb_conv_role role;
} role_names[] = {
	{ "user", FB_ROLE_USER },           { "human", FB_ROLE_USER },
	{ "assistant", FB_ROLE_ASSISTANT }, { "gpt", FB_ROLE_ASSISTANT },
	{ "bot", FB_ROLE_ASSISTANT },       { "model", FB_ROLE_ASSISTANT },
	{ "chatgpt", FB_ROLE_ASSISTANT },   { "system", FB_ROLE_SYSTEM },
	{ "developer", FB_ROLE_SYSTEM },    { "tool", FB_ROLE_TOOL },
	{ "function", FB_ROLE_TOOL },       { "observation", FB_ROLE_TOOL },
	{ "ipython", FB_ROLE_TOOL },
};

static int get_role(json_t *obj, const char *key, const char *ctx, enum fb_conv_role *out,
                    struct fb_error *err)
{
	json_t *v = json_object_get(obj, key);
	const char *s;
	size_t i;

	if (!v && *ctx) {
		/* ctx is "messages[3]." here: the message is named without the dot. */
		fb_error_set(err, 0, 0, "%.*s: missing %s", (int)strlen(ctx) - 1, ctx, key);
		return -1;
	}
	if (!v) {
		fb_error_set(err, 0, 0, "missing %s", key);
		return -1;
	}
	if (!json_is_string(v)) {
		fb_error_set(err, 0, 0, "%s%s: expected a string, got %s", ctx, key,
		             fb_jsonl_type_name(v));
		return -1;
	}
	s = json_string_value(v);
	for (i = 0; i < sizeof role_names / sizeof role_names[0]; i++) {
		if (strcmp(s, role_names[i].name) == 0) {
			*out = role_names[i].role;
			return 0;
		}
	}
	fb_error_set(err, 0, 0, "%s%s: unknown role '%.40s'", ctx, key, s);
	return -1;
}

/* Content is a string, or an array of parts of which the text parts count
 * (images and audio are not text), or null (an assistant's tool call). */
static int get_content(json_t *obj, const char *key, const char *ctx, struct fb_conv_msg *m,
                       struct fb_error *err)
{
	json_t *v = json_object_get(obj, key), *part, *text;
	size_t i, len = 0, cap = 0;
	char *buf = NULL;

	if (!v || json_is_null(v)) {
		m->text = fb_xstrdup("");
		m->len = 0;
		return 0;
	}
	if (json_is_string(v)) {
		m->len = json_string_length(v);
		m->text = fb_xstrndup(json_string_value(v), m->len);
		return 0;
	}
	if (!json_is_array(v)) {
		fb_error_set(err, 0, 0, "%s%s: expected a string or an array of parts, got %s", ctx,
		             key, fb_jsonl_type_name(v));
		return -1;
	}
	json_array_foreach (v, i, part) {
		text = json_is_object(part) ? json_object_get(part, "text") : part;
		if (!json_is_string(text))
			continue;
		buf = fb_xgrow(buf, &cap, len + json_string_length(text) + 2, 1);
		if (len)
			buf[len++] = '\n';
		memcpy(buf + len, json_string_value(text), json_string_length(text));
		len += json_string_length(text);
	}
	m->text = buf ? buf : fb_xstrdup("");
	m->text[len] = '\0';
	m->len = len;
	return 0;
}

static int parse_thumbs(json_t *v, int *out)
{
	const char *s;

	if (json_is_boolean(v)) {
		*out = json_is_true(v) ? 1 : -1;
		return 0;
	}
	if (json_is_integer(v) && json_integer_value(v) >= -1 && json_integer_value(v) <= 1) {
		*out = json_integer_value(v) == 1 ? 1 : -1;
		return 0;
	}
	if (!json_is_string(v))
		return -1;
	s = json_string_value(v);
	if (strcmp(s, "up") == 0 || strcmp(s, "thumbs_up") == 0 || strcmp(s, "positive") == 0 ||
	    strcmp(s, "like") == 0)
		*out = 1;
	else if (strcmp(s, "down") == 0 || strcmp(s, "thumbs_down") == 0 ||
	         strcmp(s, "negative") == 0 || strcmp(s, "dislike") == 0)
		*out = -1;
	else
		return -1;
	return 0;
}

static int get_number(json_t *obj, const char *key, const char *ctx, double lo, double hi, int *has,
                      double *out, struct fb_error *err)
{
	json_t *v = json_object_get(obj, key);

	*has = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_number(v)) {
		fb_error_set(err, 0, 0, "%s%s: expected a number, got %s", ctx, key,
		             fb_jsonl_type_name(v));
		return -1;
	}
	*out = json_number_value(v);
	if (*out < lo || *out > hi) {
		fb_error_set(err, 0, 0, "%s%s: %g is outside %g to %g", ctx, key, *out, lo, hi);
		return -1;
	}
	*has = 1;
	return 0;
}

/* The feedback values of an event or of a message's "feedback" object. */
static int parse_feedback(json_t *obj, const char *ctx, struct fb_conv_event *e,
                          struct fb_error *err)
{
	json_t *v = json_object_get(obj, "thumbs"), *c;

	if (v && !json_is_null(v)) {
		if (parse_thumbs(v, &e->thumbs) < 0) {
			fb_error_set(err, 0, 0, "%sthumbs: expected \"up\" or \"down\"", ctx);
			return -1;
		}
		e->has_thumbs = 1;
	}
	if (get_number(obj, "rating", ctx, 1, 5, &e->has_rating, &e->rating, err) < 0 ||
	    get_number(obj, "score", ctx, -1, 1, &e->has_score, &e->score, err) < 0)
		return -1;
	c = json_object_get(obj, "comment");
	if (c && !json_is_null(c)) {
		if (!json_is_string(c)) {
			fb_error_set(err, 0, 0, "%scomment: expected a string, got %s", ctx,
			             fb_jsonl_type_name(c));
			return -1;
		}
		e->comment = fb_xstrndup(json_string_value(c), json_string_length(c));
	}
	if (!e->has_thumbs && !e->has_rating && !e->has_score && !e->comment) {
		fb_error_set(err, 0, 0, "%sfeedback has no thumbs, rating, score or comment", ctx);
		return -1;
	}
	return 0;
}

static const char *const event_names[] = { "feedback", "copy", "regenerate", "edit", "share" };

static int parse_event(json_t *obj, const char *ctx, struct fb_conv_event *e, double *max_ts,
                       struct fb_error *err)
{
	json_t *type = json_object_get(obj, "type"), *idx;
	size_t i;

	memset(e, 0, sizeof *e);
	e->msg_index = -1;
	if (!json_is_string(type)) {
		fb_error_set(err, 0, 0, "%stype: expected a string, got %s", ctx,
		             type ? fb_jsonl_type_name(type) : "nothing");
		return -1;
	}
	for (i = 0; i < sizeof event_names / sizeof event_names[0]; i++)
		if (strcmp(json_string_value(type), event_names[i]) == 0)
			break;
	if (i == sizeof event_names / sizeof event_names[0]) {
		fb_error_set(err, 0, 0, "%stype: unknown event type '%.40s'", ctx,
		             json_string_value(type));
		return -1;
	}
	e->type = (enum fb_conv_event_type)i;
	idx = json_object_get(obj, "message_index");
	if (idx && !json_is_null(idx)) {
		if (!json_is_integer(idx) || json_integer_value(idx) < 0) {
			fb_error_set(err, 0, 0, "%smessage_index: expected a whole number >= 0",
			             ctx);
			return -1;
		}
		e->msg_index = (long)json_integer_value(idx);
	}
	if (get_id(obj, "message_id", ctx, &e->msg_id, err) < 0 ||
	    get_ts(obj, ctx, &e->ts, max_ts, err) < 0)
		goto fail;
	if (e->type == FB_EVENT_FEEDBACK && parse_feedback(obj, ctx, e, err) < 0)
		goto fail;
	if (e->type != FB_EVENT_FEEDBACK && e->msg_index < 0 && !e->msg_id) {
		fb_error_set(err, 0, 0, "%s%s event needs message_index or message_id", ctx,
		             event_names[i]);
		goto fail;
	}
	return 0;
fail:
	conv_event_clear(e);
	return -1;
}

void conv_msg_clear(struct fb_conv_msg *m)
{
	free(m->text);
	free(m->id);
	memset(m, 0, sizeof *m);
}

void conv_event_clear(struct fb_conv_event *e)
{
	free(e->msg_id);
	free(e->comment);
	free(e->origin.raw);
	memset(e, 0, sizeof *e);
}

static void push_msg(struct fb_conv *c, struct fb_conv_msg *m)
{
	c->msgs = fb_xgrow(c->msgs, &c->msgcap, c->nmsgs + 1, sizeof *c->msgs);
	c->msgs[c->nmsgs++] = *m;
}

static void push_event(struct fb_conv *c, struct fb_conv_event *e)
{
	c->events = fb_xgrow(c->events, &c->evcap, c->nevents + 1, sizeof *c->events);
	c->events[c->nevents++] = *e;
}

/* One message of a whole record: messages[i] or conversations[i]. */
static int parse_message(json_t *obj, const char *role_key, const char *text_key, const char *ctx,
                         struct fb_conv_msg *m, double *max_ts, struct fb_error *err)
{
	memset(m, 0, sizeof *m);
	if (!json_is_object(obj)) {
		fb_error_set(err, 0, 0, "%.*s: expected an object, got %s", (int)strlen(ctx) - 1,
		             ctx, fb_jsonl_type_name(obj));
		return -1;
	}
	if (get_role(obj, role_key, ctx, &m->role, err) < 0 ||
	    get_content(obj, text_key, ctx, m, err) < 0 ||
	    get_ts(obj, ctx, &m->ts, max_ts, err) < 0)
		goto fail;
	if (json_object_get(obj, "id"))
		return get_id(obj, "id", ctx, &m->id, err) < 0 ? (conv_msg_clear(m), -1) : 0;
	if (get_id(obj, "message_id", ctx, &m->id, err) < 0)
		goto fail;
	return 0;
fail:
	conv_msg_clear(m);
	return -1;
}

static int parse_inline_feedback(json_t *msg, size_t index, const char *ctx, struct fb_conv *c,
                                 const struct fb_conv_origin *origin, unsigned long *seq,
                                 double *max_ts, struct fb_error *err)
{
	json_t *fb = json_object_get(msg, "feedback");
	struct fb_conv_event e;
	char fctx[96];

	if (!fb || json_is_null(fb))
		return 0;
	snprintf(fctx, sizeof fctx, "%sfeedback.", ctx);
	if (!json_is_object(fb)) {
		fb_error_set(err, 0, 0, "%sfeedback: expected an object, got %s", ctx,
		             fb_jsonl_type_name(fb));
		return -1;
	}
	memset(&e, 0, sizeof e);
	e.type = FB_EVENT_FEEDBACK;
	e.msg_index = (long)index;
	if (parse_feedback(fb, fctx, &e, err) < 0 || get_ts(fb, fctx, &e.ts, max_ts, err) < 0) {
		conv_event_clear(&e);
		return -1;
	}
	e.seq = (*seq)++;
	e.origin.file = origin->file;
	e.origin.line = origin->line;
	push_event(c, &e);
	return 0;
}

/* The conversation-level fields every format shares; what is left of the
 * record afterwards is carried through. A whole record may name itself by
 * "id"; on a line of an event stream "id" is the message's. */
static int parse_common(json_t *rec, int whole, struct fb_conv *c, struct fb_error *err)
{
	int by_id = whole && !json_object_get(rec, "conversation_id");

	if (get_id(rec, by_id ? "id" : "conversation_id", "", &c->id, err) < 0 ||
	    get_id(rec, "user_id", "", &c->user_id, err) < 0 ||
	    get_id(rec, "variant", "", &c->variant, err) < 0)
		return -1;
	return 0;
}

static void carry_rest(json_t *rec, struct fb_conv *c, const char *const *consumed, size_t n)
{
	const char *key;
	json_t *v;
	size_t i;

	c->extra = json_object();
	json_object_foreach (rec, key, v) {
		for (i = 0; i < n; i++)
			if (strcmp(key, consumed[i]) == 0)
				break;
		if (i == n)
			json_object_set(c->extra, key, v);
	}
}

/* A whole record's own events must name its own messages; events on
 * separate lines are checked when their conversation is complete. */
static int check_event_targets(const struct fb_conv *c, struct fb_error *err)
{
	const struct fb_conv_event *e;
	size_t i, j;

	for (i = 0; i < c->nevents; i++) {
		e = &c->events[i];
		if (e->msg_index >= (long)c->nmsgs) {
			fb_error_set(err, 0, 0, "%s event refers to message %ld, but there are %zu",
			             fb_conv_event_name(e->type), e->msg_index, c->nmsgs);
			return -1;
		}
		if (e->msg_index >= 0 || !e->msg_id)
			continue;
		for (j = 0; j < c->nmsgs; j++)
			if (c->msgs[j].id && strcmp(c->msgs[j].id, e->msg_id) == 0)
				break;
		if (j == c->nmsgs) {
			fb_error_set(err, 0, 0,
			             "%s event refers to message '%.40s', which is not there",
			             fb_conv_event_name(e->type), e->msg_id);
			return -1;
		}
	}
	return 0;
}

static int parse_whole(json_t *rec, const char *list_key, const struct fb_conv_origin *origin,
                       unsigned long *seq, struct conv_record *out, struct fb_error *err)
{
	static const char *const consumed[] = { "conversation_id", "id",         "user_id",
		                                "variant",         "messages",   "conversations",
		                                "events",          "created_at", "timestamp" };
	int sharegpt = strcmp(list_key, "conversations") == 0;
	struct fb_conv *c = out->conv;
	json_t *list = json_object_get(rec, list_key), *m, *events;
	struct fb_conv_msg msg;
	struct fb_conv_event e;
	char ctx[64];
	size_t i;
	double ignored = NAN;

	out->kind = RECORD_WHOLE;
	c->has_whole = 1;
	if (parse_common(rec, 1, c, err) < 0 || get_ts(rec, "", &c->start_ts, &ignored, err) < 0)
		return -1;
	if (!list) {
		fb_error_set(err, 0, 0, "missing %s", list_key);
		return -1;
	}
	if (!json_is_array(list)) {
		fb_error_set(err, 0, 0, "%s: expected an array, got %s", list_key,
		             fb_jsonl_type_name(list));
		return -1;
	}
	json_array_foreach (list, i, m) {
		snprintf(ctx, sizeof ctx, "%s[%zu].", list_key, i);
		if (parse_message(m, sharegpt ? "from" : "role", sharegpt ? "value" : "content",
		                  ctx, &msg, &out->max_ts, err) < 0)
			return -1;
		msg.seq = (*seq)++;
		push_msg(c, &msg);
		if (parse_inline_feedback(m, i, ctx, c, origin, seq, &out->max_ts, err) < 0)
			return -1;
	}
	events = json_object_get(rec, "events");
	if (events && !json_is_null(events)) {
		if (!json_is_array(events)) {
			fb_error_set(err, 0, 0, "events: expected an array, got %s",
			             fb_jsonl_type_name(events));
			return -1;
		}
		json_array_foreach (events, i, m) {
			snprintf(ctx, sizeof ctx, "events[%zu].", i);
			if (!json_is_object(m)) {
				fb_error_set(err, 0, 0, "events[%zu]: expected an object, got %s",
				             i, fb_jsonl_type_name(m));
				return -1;
			}
			if (parse_event(m, ctx, &e, &out->max_ts, err) < 0)
				return -1;
			e.seq = (*seq)++;
			e.origin.file = origin->file;
			e.origin.line = origin->line;
			push_event(c, &e);
		}
	}
	if (check_event_targets(c, err) < 0)
		return -1;
	if (isnan(out->max_ts) && !isnan(c->start_ts))
		out->max_ts = c->start_ts;
	carry_rest(rec, c, consumed, sizeof consumed / sizeof consumed[0]);
	return 0;
}

static int parse_line(json_t *rec, const struct fb_conv_origin *origin, unsigned long *seq,
                      struct conv_record *out, struct fb_error *err)
{
	static const char *const consumed[] = {
		"conversation_id", "user_id",    "variant", "role",      "content",
		"timestamp",       "created_at", "id",      "message_id"
	};
	struct fb_conv *c = out->conv;

	if (parse_common(rec, 0, c, err) < 0)
		return -1;
	if (!c->id) {
		fb_error_set(err, 0, 0, "missing conversation_id");
		return -1;
	}
	if (json_object_get(rec, "type")) {
		out->kind = RECORD_EVENT;
		if (parse_event(rec, "", &out->event, &out->max_ts, err) < 0)
			return -1;
		out->event.seq = (*seq)++;
		out->event.origin.file = origin->file;
		out->event.origin.line = origin->line;
		out->event.origin.raw = fb_xstrndup(origin->raw ? origin->raw : "", origin->rawlen);
		out->event.origin.rawlen = origin->rawlen;
		return 0;
	}
	out->kind = RECORD_MESSAGE;
	if (parse_message(rec, "role", "content", "", &out->msg, &out->max_ts, err) < 0)
		return -1;
	out->msg.seq = (*seq)++;
	carry_rest(rec, c, consumed, sizeof consumed / sizeof consumed[0]);
	return 0;
}

static void apply_fields(const struct fb_conv_opts *opts, json_t *rec)
{
	json_t *v;
	size_t i;

	for (i = 0; i < opts->nfields; i++) {
		v = fb_path_get(opts->field_paths[i], rec);
		if (!v)
			continue;
		json_incref(v);
		fb_path_del(opts->field_paths[i], rec);
		json_object_set_new(rec, opts->field_names[i], v);
	}
}

static enum fb_conv_format detect(json_t *rec)
{
	if (json_object_get(rec, "messages"))
		return FB_FORMAT_OPENAI;
	if (json_object_get(rec, "conversations"))
		return FB_FORMAT_SHAREGPT;
	if (json_object_get(rec, "role") || json_object_get(rec, "type") ||
	    json_object_get(rec, "content"))
		return FB_FORMAT_EVENTS;
	return FB_FORMAT_AUTO;
}

int conv_record_parse(const struct fb_conv_opts *opts, json_t *rec,
                      const struct fb_conv_origin *origin, unsigned long *seq,
                      struct conv_record *out, struct fb_error *err)
{
	enum fb_conv_format format;
	int rc;

	memset(out, 0, sizeof *out);
	out->max_ts = NAN;
	apply_fields(opts, rec);
	format = opts->format == FB_FORMAT_AUTO ? detect(rec) : opts->format;
	out->conv = fb_xcalloc(1, sizeof *out->conv);
	out->conv->start_ts = out->conv->last_ts = out->conv->end_ts = NAN;
	switch (format) {
	case FB_FORMAT_OPENAI:
		rc = parse_whole(rec, "messages", origin, seq, out, err);
		break;
	case FB_FORMAT_SHAREGPT:
		rc = parse_whole(rec, "conversations", origin, seq, out, err);
		break;
	case FB_FORMAT_EVENTS:
		rc = parse_line(rec, origin, seq, out, err);
		break;
	default:
		fb_error_set(err, 0, 0,
		             "unknown record format: expected \"messages\", \"conversations\", "
		             "\"role\" or \"type\"");
		rc = -1;
	}
	if (rc < 0) {
		conv_msg_clear(&out->msg);
		conv_event_clear(&out->event);
		fb_conv_free(out->conv);
		out->conv = NULL;
	}
	return rc;
}
