#include "fb_record.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fb_alloc.h"
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

/* The figures of a whole conversation: its user turns, its first time,
 * and the mean score and confidence of its interactions, with the label. */
static enum fb_label totals(const struct fb_conv *c, const struct fb_signals_result *r,
                            const struct fb_signals_config *cfg, int *turns, double *ts,
                            double *score, double *conf)
{
	size_t i;

	for (i = 0; i < c->nmsgs; i++) {
		*turns += c->msgs[i].role == FB_ROLE_USER;
		if (isnan(*ts))
			*ts = c->msgs[i].ts;
	}
	for (i = 0; i < r->n; i++) {
		*score += r->items[i].score;
		*conf += r->items[i].confidence;
	}
	if (!r->n)
		return FB_LABEL_NEUTRAL;
	*score /= (double)r->n;
	*conf /= (double)r->n;
	return *score >= cfg->label_threshold    ? FB_LABEL_POSITIVE
	       : *score <= -cfg->label_threshold ? FB_LABEL_NEGATIVE
	                                         : FB_LABEL_NEUTRAL;
}

json_t *fb_record_conversation(const struct fb_conv *c, const struct fb_signals_result *r,
                               const struct fb_signals_config *cfg, int explain)
{
	json_t *rec = json_object(), *signals = json_object(), *evidence, *e, *one;
	double score = 0, conf = 0, ts = NAN;
	int turns = 0;
	size_t i, j, k, count;
	enum fb_label label = FB_LABEL_NEUTRAL;

	label = totals(c, r, cfg, &turns, &ts, &score, &conf);
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

/* ---- the same records, written straight into a buffer ---- */

static void put(struct fb_record_buf *b, const char *s, size_t n)
{
	b->s = fb_xgrow(b->s, &b->cap, b->len + n, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
}

static void put_str(struct fb_record_buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* Whether one of the eight bytes at p is a control character, '"' or
 * '\\' (the usual test for a byte below n, and for a zero byte after
 * xor). */
static int needs_escape8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t v, q, b;

	memcpy(&v, p, 8);
	q = v ^ (ones * '"');
	b = v ^ (ones * '\\');
	return (((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((b - ones) & ~b)) & high ? 1 : 0;
}

/* A JSON string as jansson dumps it without JSON_ENSURE_ASCII or
 * JSON_ESCAPE_SLASH: '"', '\\' and control characters escaped, the rest
 * (valid UTF-8) as it is. */
static void put_json_string(struct fb_record_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;
	size_t i, from = 0;
	char esc[6];

	/* Room for the usual case, where nothing needs escaping. */
	b->s = fb_xgrow(b->s, &b->cap, b->len + n + 2, 1);
	b->s[b->len++] = '"';
	for (i = 0; i < n; i++) {
		unsigned char c;
		size_t elen = 2;

		/* Eight bytes at a time while none of them needs escaping. */
		while (i + 8 <= n && !needs_escape8(p + i))
			i += 8;
		if (i == n)
			break;
		c = p[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(b, s + from, i - from);
		from = i + 1;
		esc[0] = '\\';
		switch (c) {
		case '"':
		case '\\':
			esc[1] = (char)c;
			break;
		case '\b':
			esc[1] = 'b';
			break;
		case '\f':
			esc[1] = 'f';
			break;
		case '\n':
			esc[1] = 'n';
			break;
		case '\r':
			esc[1] = 'r';
			break;
		case '\t':
			esc[1] = 't';
			break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			elen = 6;
		}
		put(b, esc, elen);
	}
	put(b, s + from, n - from);
	put(b, "\"", 1);
}

static void put_key(struct fb_record_buf *b, int *first, const char *key)
{
	if (!*first)
		put(b, ",", 1);
	*first = 0;
	put(b, "\"", 1);
	put_str(b, key);
	put(b, "\":", 2);
}

static void put_int(struct fb_record_buf *b, json_int_t v)
{
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, v);

	put(b, buf, (size_t)n);
}

/* A real as jansson writes it with JSON_REAL_PRECISION(15): "%.15g", with
 * ".0" added when that looks like an integer, and the exponent without its
 * "+" and leading zeros. */
static void put_real(struct fb_record_buf *b, double v)
{
	char buf[40], *e, *d;
	int n = snprintf(buf, sizeof buf - 3, "%.15g", v);

	if (!strchr(buf, '.') && !strchr(buf, 'e')) {
		memcpy(buf + n, ".0", 3);
		n += 2;
	}
	e = strchr(buf, 'e');
	if (e) {
		e++;
		d = e + 1;
		if (*e == '-')
			e++;
		while (*d == '0')
			d++;
		if (d != e) {
			memmove(e, d, (size_t)(buf + n - d) + 1);
			n -= (int)(d - e);
		}
	}
	put(b, buf, (size_t)n);
}

/* x rounded to 1/scale, as rounded() makes it and jansson writes it. With
 * scale a power of ten of d digits and fewer than 15 digits in all,
 * "%.15g" of k / scale (k whole) gives back the decimal k / scale exactly,
 * so it is written from k directly: the digits of k with the point d from
 * the right, trailing zeros dropped, ".0" when nothing is left after it. */
static void put_rounded(struct fb_record_buf *b, double x, double scale)
{
	char buf[40], *p = buf + sizeof buf;
	long long k, ip;
	int d = scale == 1e4 ? 4 : scale == 1e3 ? 3 : -1, frac, i, any = 0;

	if (isnan(x) || isinf(x)) {
		put(b, "null", 4);
		return;
	}
	x = round(x * scale);
	if (d < 0 || fabs(x) >= 1e13) {
		x /= scale;
		put_real(b, x == 0 ? 0 : x);
		return;
	}
	k = (long long)x;
	ip = (k < 0 ? -k : k);
	frac = (int)(ip % (d == 4 ? 10000 : 1000));
	ip /= d == 4 ? 10000 : 1000;
	for (i = 0; i < d; i++, frac /= 10) {
		if (!any && frac % 10 == 0)
			continue;
		any = 1;
		*--p = (char)('0' + frac % 10);
	}
	if (!any)
		*--p = '0';
	*--p = '.';
	do {
		*--p = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	if (k < 0)
		*--p = '-';
	put(b, p, (size_t)(buf + sizeof buf - p));
}

static void put_number(struct fb_record_buf *b, double x)
{
	if (x == floor(x) && fabs(x) < 1e15)
		put_int(b, (json_int_t)x);
	else
		put_real(b, x);
}

static void put_string_or_null(struct fb_record_buf *b, const char *s)
{
	if (s)
		put_json_string(b, s, strlen(s));
	else
		put(b, "null", 4);
}

static void put_time_or_null(struct fb_record_buf *b, double t)
{
	char buf[FB_TIME_BUFSIZE];

	if (isnan(t) || !*fb_time_format(t, buf, sizeof buf))
		put(b, "null", 4);
	else
		put_json_string(b, buf, strlen(buf));
}

/* The carried-through fields, as add_extra sets them. */
static void put_extra(struct fb_record_buf *b, const struct fb_conv *c, const char *const *ours,
                      size_t n)
{
	const size_t flags = JSON_COMPACT | JSON_REAL_PRECISION(15) | JSON_ENCODE_ANY;
	const char *key;
	json_t *v;
	size_t i, len;

	if (!c->extra)
		return;
	json_object_foreach (c->extra, key, v) {
		for (i = 0; i < n; i++)
			if (strcmp(key, ours[i]) == 0)
				break;
		if (i < n)
			continue;
		put(b, ",", 1);
		put_json_string(b, key, strlen(key));
		put(b, ":", 1);
		b->s = fb_xgrow(b->s, &b->cap, b->len + 256, 1);
		len = json_dumpb(v, b->s + b->len, b->cap - b->len, flags);
		if (len > b->cap - b->len) {
			b->s = fb_xgrow(b->s, &b->cap, b->len + len, 1);
			len = json_dumpb(v, b->s + b->len, len, flags);
		}
		b->len += len;
	}
}

static void put_explicit(struct fb_record_buf *b, const struct fb_explicit *x)
{
	int first = 1;

	if (!x->has_thumbs && !x->has_rating && !x->has_score && !x->comment) {
		put(b, "null", 4);
		return;
	}
	put(b, "{", 1);
	put_key(b, &first, "value");
	put_rounded(b, x->value, 1e4);
	if (x->has_thumbs) {
		put_key(b, &first, "thumbs");
		put_str(b, x->thumbs > 0 ? "\"up\"" : "\"down\"");
	}
	if (x->has_rating) {
		put_key(b, &first, "rating");
		put_number(b, x->rating);
	}
	if (x->has_score) {
		put_key(b, &first, "score");
		put_number(b, x->score);
	}
	if (x->comment) {
		put_key(b, &first, "comment");
		put_json_string(b, x->comment, strlen(x->comment));
	}
	put(b, "}", 1);
}

/* Whether s is valid UTF-8 as jansson checks it: a string that is not (a
 * rule name cut inside a character) never made it into the record. */
static int valid_utf8(const char *s, size_t n)
{
	json_t *j = json_stringn(s, n);

	json_decref(j);
	return j != NULL;
}

/* The objects of evidence_json; with turn > 0, each ends with "turn". */
static void put_evidence_items(struct fb_record_buf *b, const struct fb_conv *c,
                               const struct fb_interaction *it, int turn, int *first_item)
{
	const struct fb_evidence *e;
	size_t i;
	int first;

	for (i = 0; i < it->nevidence; i++) {
		e = &it->evidence[i];
		first = 1;
		if (!*first_item)
			put(b, ",", 1);
		*first_item = 0;
		put(b, "{", 1);
		put_key(b, &first, "signal");
		put_string_or_null(b, fb_signals_name(e->signal));
		put_key(b, &first, "where");
		put_string_or_null(b, e->where);
		put_key(b, &first, "message");
		put_int(b, (json_int_t)e->msg);
		if (e->end > e->start) {
			put_key(b, &first, "text");
			put_json_string(b, c->msgs[e->msg].text + e->start, e->end - e->start);
		}
		if (valid_utf8(e->rule, strlen(e->rule))) {
			put_key(b, &first, "rule");
			put_json_string(b, e->rule, strlen(e->rule));
		}
		if (turn > 0) {
			put_key(b, &first, "turn");
			put_int(b, turn);
		}
		put(b, "}", 1);
	}
}

void fb_record_write_interaction(struct fb_record_buf *b, const struct fb_conv *c,
                                 const struct fb_interaction *it,
                                 const struct fb_signals_config *cfg, int explain)
{
	double ts = c->msgs[it->prompt].ts;
	const struct fb_conv_msg *p = &c->msgs[it->prompt], *r = &c->msgs[it->response];
	int first = 1, first_sig = 1, first_item = 1;
	size_t i;

	put(b, "{", 1);
	put_key(b, &first, "conversation_id");
	put_string_or_null(b, c->id);
	put_key(b, &first, "turn");
	put_int(b, it->turn);
	put_key(b, &first, "attempt");
	put_int(b, it->attempt);
	put_key(b, &first, "user_id");
	put_string_or_null(b, c->user_id);
	put_key(b, &first, "variant");
	put_string_or_null(b, c->variant);
	put_key(b, &first, "timestamp");
	put_time_or_null(b, isnan(ts) ? c->start_ts : ts);
	put_key(b, &first, "prompt");
	put_json_string(b, p->text, p->len);
	put_key(b, &first, "response");
	put_json_string(b, r->text, r->len);
	put_extra(b, c, interaction_keys, sizeof interaction_keys / sizeof interaction_keys[0]);
	put_key(b, &first, "explicit");
	put_explicit(b, &it->expl);
	put_key(b, &first, "signals");
	put(b, "{", 1);
	for (i = 0; i < FB_SIG_COUNT; i++) {
		if (!it->fired[i])
			continue;
		put_key(b, &first_sig, fb_signals_name(i));
		put_rounded(b, cfg->weight[i], 1e4);
	}
	put(b, "}", 1);
	put_key(b, &first, "latency");
	put_rounded(b, it->latency, 1e3);
	put_key(b, &first, "reply_time");
	put_rounded(b, it->reply_time, 1e3);
	put_key(b, &first, "score");
	put_rounded(b, it->score, 1e4);
	put_key(b, &first, "label");
	put_string_or_null(b, fb_signals_label_name(it->label));
	put_key(b, &first, "confidence");
	put_rounded(b, it->confidence, 1e4);
	if (explain) {
		put_key(b, &first, "evidence");
		put(b, "[", 1);
		put_evidence_items(b, c, it, 0, &first_item);
		put(b, "]", 1);
	}
	put(b, "}\n", 2);
}

void fb_record_write_conversation(struct fb_record_buf *b, const struct fb_conv *c,
                                  const struct fb_signals_result *r,
                                  const struct fb_signals_config *cfg, int explain)
{
	double score = 0, conf = 0, ts = NAN, sum = 0;
	int turns = 0, first = 1, first_sig = 1, first_item = 1;
	size_t i, k, count, n = 0, rated = 0;
	enum fb_label label = FB_LABEL_NEUTRAL;

	label = totals(c, r, cfg, &turns, &ts, &score, &conf);
	put(b, "{", 1);
	put_key(b, &first, "conversation_id");
	put_string_or_null(b, c->id);
	put_key(b, &first, "user_id");
	put_string_or_null(b, c->user_id);
	put_key(b, &first, "variant");
	put_string_or_null(b, c->variant);
	put_key(b, &first, "timestamp");
	put_time_or_null(b, isnan(c->start_ts) ? ts : c->start_ts);
	put_key(b, &first, "turns");
	put_int(b, turns);
	put_key(b, &first, "interactions");
	put_int(b, (json_int_t)r->n);
	put_extra(b, c, conversation_keys, sizeof conversation_keys / sizeof conversation_keys[0]);
	put_key(b, &first, "explicit");
	for (i = 0; i < r->n; i++) {
		if (!isnan(r->items[i].expl.value))
			sum += r->items[i].expl.value, n++;
		if (r->items[i].expl.has_thumbs || r->items[i].expl.has_rating ||
		    r->items[i].expl.has_score || r->items[i].expl.comment)
			rated++;
	}
	if (rated) {
		put(b, "{\"value\":", 9);
		if (n)
			put_rounded(b, sum / (double)n, 1e4);
		else
			put(b, "null", 4);
		put(b, ",\"count\":", 9);
		put_int(b, (json_int_t)rated);
		put(b, "}", 1);
	} else {
		put(b, "null", 4);
	}
	put_key(b, &first, "signals");
	put(b, "{", 1);
	for (k = 0; k < FB_SIG_COUNT; k++) {
		for (i = 0, count = 0; i < r->n; i++)
			count += (size_t)r->items[i].fired[k];
		if (!count)
			continue;
		put_key(b, &first_sig, fb_signals_name(k));
		put_int(b, (json_int_t)count);
	}
	put(b, "}", 1);
	put_key(b, &first, "score");
	if (r->n)
		put_rounded(b, score, 1e4);
	else
		put(b, "null", 4);
	put_key(b, &first, "label");
	put_string_or_null(b, fb_signals_label_name(label));
	put_key(b, &first, "confidence");
	put_rounded(b, r->n ? conf : 0, 1e4);
	if (explain) {
		put_key(b, &first, "evidence");
		put(b, "[", 1);
		for (i = 0; i < r->n; i++)
			put_evidence_items(b, c, &r->items[i], r->items[i].turn, &first_item);
		put(b, "]", 1);
	}
	put(b, "}\n", 2);
}
