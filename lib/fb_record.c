#include "fb_record.h"

#include <math.h>
#include <string.h>

#include "fb_time.h"

/* Scores are rounded so that output is short and stable across platforms. */
static json_t *rounded(double x, double scale)
{
	if (isnan(x) || isinf(x))
		return json_null();
	x = round(x * scale) / scale;
	return json_real(x == 0 ? 0 : x);
}

/* Ratings are kept as given: 4 stays 4, 3.5 stays 3.5. */
static json_t *number(double x)
{
	if (x == floor(x) && fabs(x) < 1e15)
		return json_integer((json_int_t)x);
	return json_real(x);
}

static json_t *string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *time_or_null(double t)
{
	char buf[FB_TIME_BUFSIZE];

	if (isnan(t) || !*fb_time_format(t, buf, sizeof buf))
		return json_null();
	return json_string(buf);
}

static json_t *text(const struct fb_conv_msg *m)
{
	return json_stringn(m->text, m->len);
}

/* Carried-through fields go after the identifying ones; a field of the
 * same name as one fb-extract writes is left to fb-extract's value. */
static void add_extra(json_t *rec, const struct fb_conv *c, const char *const *ours, size_t n)
{
	const char *key;
	json_t *v;
	size_t i;

	if (!c->extra)
		return;
	json_object_foreach (c->extra, key, v) {
		for (i = 0; i < n; i++)
			if (strcmp(key, ours[i]) == 0)
				break;
		if (i == n)
			json_object_set(rec, key, v);
	}
}

static json_t *explicit_json(const struct fb_explicit *x)
{
	json_t *o;

	if (!x->has_thumbs && !x->has_rating && !x->has_score && !x->comment)
		return json_null();
	o = json_object();
	json_object_set_new(o, "value", rounded(x->value, 1e4));
	if (x->has_thumbs)
		json_object_set_new(o, "thumbs", json_string(x->thumbs > 0 ? "up" : "down"));
	if (x->has_rating)
		json_object_set_new(o, "rating", number(x->rating));
	if (x->has_score)
		json_object_set_new(o, "score", number(x->score));
	if (x->comment)
		json_object_set_new(o, "comment", json_string(x->comment));
	return o;
}

static json_t *signals_json(const struct fb_interaction *it, const struct fb_signals_config *cfg)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < FB_SIG_COUNT; i++)
		if (it->fired[i])
			json_object_set_new(o, fb_signals_name(i), rounded(cfg->weight[i], 1e4));
	return o;
}

static json_t *evidence_json(const struct fb_conv *c, const struct fb_interaction *it)
{
	json_t *list = json_array(), *o;
	const struct fb_evidence *e;
	size_t i;

	for (i = 0; i < it->nevidence; i++) {
		e = &it->evidence[i];
		o = json_object();
		json_object_set_new(o, "signal", json_string(fb_signals_name(e->signal)));
		json_object_set_new(o, "where", json_string(e->where));
		json_object_set_new(o, "message", json_integer((json_int_t)e->msg));
		if (e->end > e->start)
			json_object_set_new(
			    o, "text",
			    json_stringn(c->msgs[e->msg].text + e->start, e->end - e->start));
		json_object_set_new(o, "rule", json_string(e->rule));
		json_array_append_new(list, o);
	}
	return list;
}

static const char *const interaction_keys[] = {
	"conversation_id", "turn",     "attempt",    "user_id",  "variant", "timestamp",
	"prompt",          "response", "explicit",   "signals",  "latency", "reply_time",
	"score",           "label",    "confidence", "evidence",
};

json_t *fb_record_interaction(const struct fb_conv *c, const struct fb_interaction *it,
                              const struct fb_signals_config *cfg, int explain)
{
	json_t *rec = json_object();
	double ts = c->msgs[it->prompt].ts;

	json_object_set_new(rec, "conversation_id", string_or_null(c->id));
	json_object_set_new(rec, "turn", json_integer(it->turn));
	json_object_set_new(rec, "attempt", json_integer(it->attempt));
	json_object_set_new(rec, "user_id", string_or_null(c->user_id));
	json_object_set_new(rec, "variant", string_or_null(c->variant));
	json_object_set_new(rec, "timestamp", time_or_null(isnan(ts) ? c->start_ts : ts));
	json_object_set_new(rec, "prompt", text(&c->msgs[it->prompt]));
	json_object_set_new(rec, "response", text(&c->msgs[it->response]));
	add_extra(rec, c, interaction_keys, sizeof interaction_keys / sizeof interaction_keys[0]);
	json_object_set_new(rec, "explicit", explicit_json(&it->expl));
	json_object_set_new(rec, "signals", signals_json(it, cfg));
	json_object_set_new(rec, "latency", rounded(it->latency, 1e3));
	json_object_set_new(rec, "reply_time", rounded(it->reply_time, 1e3));
	json_object_set_new(rec, "score", rounded(it->score, 1e4));
	json_object_set_new(rec, "label", json_string(fb_signals_label_name(it->label)));
	json_object_set_new(rec, "confidence", rounded(it->confidence, 1e4));
	if (explain)
		json_object_set_new(rec, "evidence", evidence_json(c, it));
	return rec;
}

static const char *const conversation_keys[] = {
	"conversation_id", "user_id", "variant", "timestamp", "turns",      "interactions",
	"explicit",        "signals", "score",   "label",     "confidence", "evidence",
};

static json_t *conversation_explicit(const struct fb_signals_result *r)
{
	double sum = 0;
	size_t i, n = 0, rated = 0;
	json_t *o;

	for (i = 0; i < r->n; i++) {
		if (!isnan(r->items[i].expl.value))
			sum += r->items[i].expl.value, n++;
		if (r->items[i].expl.has_thumbs || r->items[i].expl.has_rating ||
		    r->items[i].expl.has_score || r->items[i].expl.comment)
			rated++;
	}
	if (!rated)
		return json_null();
	o = json_object();
	json_object_set_new(o, "value", n ? rounded(sum / (double)n, 1e4) : json_null());
	json_object_set_new(o, "count", json_integer((json_int_t)rated));
	return o;
}

json_t *fb_record_conversation(const struct fb_conv *c, const struct fb_signals_result *r,
                               const struct fb_signals_config *cfg, int explain)
{
	json_t *rec = json_object(), *signals = json_object(), *evidence, *e, *one;
	double score = 0, conf = 0, ts = NAN;
	int turns = 0;
	size_t i, j, k, count;
	enum fb_label label = FB_LABEL_NEUTRAL;

	for (i = 0; i < c->nmsgs; i++) {
		turns += c->msgs[i].role == FB_ROLE_USER;
		if (isnan(ts))
			ts = c->msgs[i].ts;
	}
	for (i = 0; i < r->n; i++) {
		score += r->items[i].score;
		conf += r->items[i].confidence;
	}
	if (r->n) {
		score /= (double)r->n;
		conf /= (double)r->n;
		label = score >= cfg->label_threshold    ? FB_LABEL_POSITIVE
		        : score <= -cfg->label_threshold ? FB_LABEL_NEGATIVE
		                                         : FB_LABEL_NEUTRAL;
	}
	for (k = 0; k < FB_SIG_COUNT; k++) {
		for (i = 0, count = 0; i < r->n; i++)
			count += (size_t)r->items[i].fired[k];
		if (count)
			json_object_set_new(signals, fb_signals_name(k),
			                    json_integer((json_int_t)count));
	}
	json_object_set_new(rec, "conversation_id", string_or_null(c->id));
	json_object_set_new(rec, "user_id", string_or_null(c->user_id));
	json_object_set_new(rec, "variant", string_or_null(c->variant));
	json_object_set_new(rec, "timestamp", time_or_null(isnan(c->start_ts) ? ts : c->start_ts));
	json_object_set_new(rec, "turns", json_integer(turns));
	json_object_set_new(rec, "interactions", json_integer((json_int_t)r->n));
	add_extra(rec, c, conversation_keys,
	          sizeof conversation_keys / sizeof conversation_keys[0]);
	json_object_set_new(rec, "explicit", conversation_explicit(r));
	json_object_set_new(rec, "signals", signals);
	json_object_set_new(rec, "score", r->n ? rounded(score, 1e4) : json_null());
	json_object_set_new(rec, "label", json_string(fb_signals_label_name(label)));
	json_object_set_new(rec, "confidence", rounded(r->n ? conf : 0, 1e4));
	if (explain) {
		evidence = json_array();
		for (i = 0; i < r->n; i++) {
			one = evidence_json(c, &r->items[i]);
			json_array_foreach (one, j, e) {
				json_object_set_new(e, "turn", json_integer(r->items[i].turn));
				json_array_append(evidence, e);
			}
			json_decref(one);
		}
		json_object_set_new(rec, "evidence", evidence);
	}
	return rec;
}
