#include "fb_signals.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_diag.h"
#include "fb_text.h"

/* The one table of signal names and default weights (fb-extract(1) lists
 * the same). Negative weights are evidence of dissatisfaction. */
static const struct {
	const char *name;
	double weight;
} signal_table[FB_SIG_COUNT] = {
	[FB_SIG_REPHRASE] = { "rephrase", -0.5 },
	[FB_SIG_CORRECTION] = { "correction", -0.7 },
	[FB_SIG_FRUSTRATION] = { "frustration", -0.7 },
	[FB_SIG_GRATITUDE] = { "gratitude", 0.7 },
	[FB_SIG_ACCEPTANCE] = { "acceptance", 0.6 },
	[FB_SIG_ESCALATION] = { "escalation", -0.8 },
	[FB_SIG_FOLLOWUP] = { "followup", 0.2 },
	[FB_SIG_REFUSAL] = { "refusal", -0.5 },
	[FB_SIG_APOLOGY] = { "apology", -0.3 },
	[FB_SIG_REPETITION] = { "repetition", -0.5 },
	[FB_SIG_COPY] = { "copy", 0.5 },
	[FB_SIG_SHARE] = { "share", 0.6 },
	[FB_SIG_EDIT] = { "edit", -0.2 },
	[FB_SIG_REGENERATE] = { "regenerate", -0.7 },
	[FB_SIG_ABANDON] = { "abandon", -0.2 },
};

void fb_signals_config_default(struct fb_signals_config *cfg)
{
	size_t i;

	for (i = 0; i < FB_SIG_COUNT; i++)
		cfg->weight[i] = signal_table[i].weight;
	cfg->rephrase_threshold = 0.5;
	cfg->idle_gap = 1800;
	cfg->label_threshold = 0.2;
	cfg->explicit_weight = 0.8;
	cfg->repetition_threshold = 0.5;
}

const char *fb_signals_name(enum fb_signal s)
{
	return signal_table[s].name;
}

int fb_signals_from_name(const char *name, size_t len)
{
	int i;

	for (i = 0; i < FB_SIG_COUNT; i++)
		if (strlen(signal_table[i].name) == len &&
		    memcmp(signal_table[i].name, name, len) == 0)
			return i;
	return -1;
}

const char *fb_signals_label_name(enum fb_label label)
{
	return label > 0 ? "positive" : label < 0 ? "negative" : "neutral";
}

/* Working state for one conversation. */
struct analysis {
	const struct fb_signals_config *cfg;
	struct fb_rules *rules;
	const struct fb_conv *conv;
	int explain;
	struct fb_signals_result *out;
	struct fb_text_tokens a, b;
	long a_msg, b_msg; /* the messages a and b hold the words of, or -1 */
	/* the words of the responses so far, for repetition */
	struct fb_text_tokens *seen;
	size_t nseen, seencap;
};

/* Fires signal s, once per interaction. Only --explain keeps the evidence:
 * where, and the rule, which is formatted from fmt then only. */
static void fire(struct analysis *an, struct fb_interaction *it, enum fb_signal s,
                 const char *where, size_t msg, size_t start, size_t end, const char *fmt, ...)
    FB_PRINTF(8, 9);

static void fire(struct analysis *an, struct fb_interaction *it, enum fb_signal s,
                 const char *where, size_t msg, size_t start, size_t end, const char *fmt, ...)
{
	struct fb_evidence *e;
	char rule[160];
	va_list ap;

	if (it->fired[s])
		return;
	it->fired[s] = 1;
	if (!an->explain)
		return;
	va_start(ap, fmt);
	vsnprintf(rule, sizeof rule, fmt, ap);
	va_end(ap);
	it->evidence = fb_xgrow(it->evidence, &it->evcap, it->nevidence + 1, sizeof *it->evidence);
	e = &it->evidence[it->nevidence++];
	e->signal = s;
	e->where = where;
	e->msg = msg;
	e->start = start;
	e->end = end;
	e->rule = fb_xstrdup(rule);
}

static void note(struct analysis *an, const struct fb_conv_origin *origin, int reject,
                 const char *fmt, ...) FB_PRINTF(4, 5);

static void note(struct analysis *an, const struct fb_conv_origin *origin, int reject,
                 const char *fmt, ...)
{
	struct fb_signals_result *r = an->out;
	struct fb_signals_note *n;
	va_list ap;

	r->notes = fb_xgrow(r->notes, &r->notecap, r->nnotes + 1, sizeof *r->notes);
	n = &r->notes[r->nnotes++];
	n->origin = origin;
	n->reject = reject;
	va_start(ap, fmt);
	vsnprintf(n->text, sizeof n->text, fmt, ap);
	va_end(ap);
}

static struct fb_interaction *new_interaction(struct analysis *an)
{
	struct fb_signals_result *r = an->out;
	struct fb_interaction *it;

	r->items = fb_xgrow(r->items, &r->cap, r->n + 1, sizeof *r->items);
	it = &r->items[r->n++];
	memset(it, 0, sizeof *it);
	it->latency = it->reply_time = NAN;
	it->expl.value = NAN;
	return it;
}

/* An interaction is a user message and an assistant message that answers
 * it. A second answer to the same prompt is another attempt; whether the
 * user asked for it (regenerate) only an event says: bots also answer in
 * two messages. */
static void find_interactions(struct analysis *an)
{
	const struct fb_conv *c = an->conv;
	long user = -1;
	int turn = 0, attempt = 0;
	struct fb_interaction *it, *last = NULL;
	size_t i;

	for (i = 0; i < c->nmsgs; i++) {
		if (c->msgs[i].role == FB_ROLE_USER) {
			if (last && last->next < 0)
				last->next = (long)i;
			user = (long)i;
			turn++;
			attempt = 0;
			last = NULL;
		} else if (c->msgs[i].role == FB_ROLE_ASSISTANT && user >= 0 &&
		           c->msgs[i].len > 0) {
			it = new_interaction(an);
			it->prompt = (size_t)user;
			it->response = i;
			it->next = -1;
			it->turn = turn;
			it->attempt = ++attempt;
			last = it;
		}
	}
}

static long find_msg_by_id(const struct fb_conv *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->nmsgs; i++)
		if (c->msgs[i].id && strcmp(c->msgs[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* The interaction an event is about: the one whose response it names, or
 * the last one answering the prompt it names. */
static struct fb_interaction *event_target(struct analysis *an, const struct fb_conv_event *e)
{
	const struct fb_conv *c = an->conv;
	struct fb_signals_result *r = an->out;
	const char *what = fb_conv_event_name(e->type);
	long idx = e->msg_index;
	size_t i;

	if (idx < 0 && e->msg_id) {
		idx = find_msg_by_id(c, e->msg_id);
		if (idx < 0) {
			note(an, &e->origin, 1,
			     "%s event refers to message '%.40s', which is not in conversation "
			     "'%.60s'",
			     what, e->msg_id, c->id ? c->id : "");
			return NULL;
		}
	}
	if (idx < 0)
		return r->n ? &r->items[r->n - 1] : NULL;
	if (c->nmsgs == 0) {
		note(an, &e->origin, 1, "%s event for conversation '%.60s', which has no messages",
		     what, c->id ? c->id : "");
		return NULL;
	}
	if (idx >= (long)c->nmsgs) {
		note(an, &e->origin, 1,
		     "%s event refers to message %ld, but conversation '%.60s' has %zu", what, idx,
		     c->id ? c->id : "", c->nmsgs);
		return NULL;
	}
	for (i = r->n; i-- > 0;)
		if ((long)r->items[i].response == idx ||
		    ((long)r->items[i].prompt == idx && c->msgs[idx].role == FB_ROLE_USER))
			return &r->items[i];
	note(an, &e->origin, 0,
	     "%s event refers to message %ld of conversation '%.60s', which is %s; ignored", what,
	     idx, c->id ? c->id : "",
	     c->msgs[idx].role == FB_ROLE_ASSISTANT ? "an answer to no user message"
	                                            : "not a user or assistant message");
	return NULL;
}

static int later(const struct fb_conv_event *a, const struct fb_conv_event *b)
{
	if (!isnan(a->ts) && !isnan(b->ts) && a->ts != b->ts)
		return a->ts > b->ts;
	return a->seq > b->seq;
}

enum { KIND_THUMBS, KIND_RATING, KIND_SCORE, KIND_COMMENT, KINDS };

static int has_kind(const struct fb_conv_event *e, int kind)
{
	switch (kind) {
	case KIND_THUMBS:
		return e->has_thumbs;
	case KIND_RATING:
		return e->has_rating;
	case KIND_SCORE:
		return e->has_score;
	default:
		return e->comment != NULL;
	}
}

/* Feedback on one response: of each kind (thumbs, rating, score, comment)
 * the latest value counts, so a user who changes their mind is heard. */
static void apply_feedback(struct analysis *an, struct fb_interaction *it,
                           const struct fb_conv_event *e, const struct fb_conv_event **latest)
{
	struct fb_explicit *x = &it->expl;
	int k;

	for (k = 0; k < KINDS; k++) {
		if (!has_kind(e, k))
			continue;
		if (k == KIND_THUMBS && latest[k] && latest[k]->thumbs != e->thumbs)
			note(an, &e->origin, 0,
			     "conflicting thumbs on message %zu of conversation '%.60s': the later "
			     "one is kept",
			     it->response, an->conv->id ? an->conv->id : "");
		if (latest[k] && !later(e, latest[k]))
			continue;
		latest[k] = e;
	}
	if (latest[KIND_THUMBS])
		x->has_thumbs = 1, x->thumbs = latest[KIND_THUMBS]->thumbs;
	if (latest[KIND_RATING])
		x->has_rating = 1, x->rating = latest[KIND_RATING]->rating;
	if (latest[KIND_SCORE])
		x->has_score = 1, x->score = latest[KIND_SCORE]->score;
	if (latest[KIND_COMMENT])
		x->comment = latest[KIND_COMMENT]->comment;
}

static void apply_events(struct analysis *an)
{
	static const enum fb_signal behaviour[] = { [FB_EVENT_COPY] = FB_SIG_COPY,
		                                    [FB_EVENT_REGENERATE] = FB_SIG_REGENERATE,
		                                    [FB_EVENT_EDIT] = FB_SIG_EDIT,
		                                    [FB_EVENT_SHARE] = FB_SIG_SHARE };
	const struct fb_conv *c = an->conv;
	const struct fb_conv_event **latest = fb_xcalloc((an->out->n + 1) * KINDS, sizeof *latest);
	struct fb_interaction *it;
	const struct fb_conv_event *e;
	size_t i;

	for (i = 0; i < c->nevents; i++) {
		e = &c->events[i];
		it = event_target(an, e);
		if (!it)
			continue;
		if (e->type == FB_EVENT_FEEDBACK)
			apply_feedback(an, it, e, &latest[(size_t)(it - an->out->items) * KINDS]);
		else
			fire(an, it, behaviour[e->type], "event", it->response, 0, 0, "%s",
			     fb_conv_event_name(e->type));
	}
	free(latest);
}

/* Searches text with the rules of rs; scanned is fb_rules_scan's answer
 * for the text. */
static int search(struct analysis *an, struct fb_interaction *it, enum fb_rule_signal rs,
                  enum fb_signal s, const char *where, size_t msg, const char *text, size_t len,
                  unsigned scanned)
{
	struct fb_rule_match m;

	if (!fb_rules_search_scanned(an->rules, rs, text, len, scanned, &m))
		return 0;
	fire(an, it, s, where, msg, m.start, m.end, "%s:%ld %s", m.source, m.line, m.lang);
	return 1;
}

/* Puts the words of user message msg in *t (noting it in *t_msg), taken
 * from *o when that holds them already: the next message of one
 * interaction is the prompt of the next, and regenerated answers share
 * both. */
static void user_words(struct analysis *an, size_t msg, struct fb_text_tokens *t, long *t_msg,
                       struct fb_text_tokens *o, long *o_msg)
{
	const struct fb_conv_msg *m = &an->conv->msgs[msg];
	struct fb_text_tokens swap;

	if (*t_msg == (long)msg)
		return;
	if (*o_msg == (long)msg) {
		swap = *t;
		*t = *o;
		*o = swap;
		*o_msg = *t_msg;
		*t_msg = (long)msg;
		return;
	}
	fb_text_tokenize(m->text, m->len, 1, t);
	*t_msg = (long)msg;
}

/* The user's next message says most about the answer they just got. */
static void next_message_signals(struct analysis *an, struct fb_interaction *it)
{
	static const struct {
		enum fb_rule_signal rule;
		enum fb_signal signal;
	} phrase[] = {
		{ FB_RULE_CORRECTION, FB_SIG_CORRECTION },
		{ FB_RULE_FRUSTRATION, FB_SIG_FRUSTRATION },
		{ FB_RULE_GRATITUDE, FB_SIG_GRATITUDE },
		{ FB_RULE_ACCEPTANCE, FB_SIG_ACCEPTANCE },
		{ FB_RULE_ESCALATION, FB_SIG_ESCALATION },
	};
	const struct fb_conv *c = an->conv;
	const struct fb_conv_msg *next = &c->msgs[it->next];
	size_t i, nx = (size_t)it->next;
	unsigned want = 1u << FB_RULE_FOLLOWUP, scanned;
	double sim;

	for (i = 0; i < sizeof phrase / sizeof phrase[0]; i++)
		want |= 1u << phrase[i].rule;
	scanned = fb_rules_scan(an->rules, want, next->text, next->len);
	for (i = 0; i < sizeof phrase / sizeof phrase[0]; i++)
		search(an, it, phrase[i].rule, phrase[i].signal, "next_message", nx, next->text,
		       next->len, scanned);
	if (fb_text_is_shouting(next->text, next->len))
		fire(an, it, FB_SIG_FRUSTRATION, "next_message", nx, 0, next->len, "shouting");
	user_words(an, it->prompt, &an->a, &an->a_msg, &an->b, &an->b_msg);
	user_words(an, nx, &an->b, &an->b_msg, &an->a, &an->a_msg);
	sim = fb_text_dice(&an->a, &an->b);
	if (an->a.n >= 2 && sim >= an->cfg->rephrase_threshold) {
		fire(an, it, FB_SIG_REPHRASE, "next_message", nx, 0, next->len, "similarity %.2f",
		     sim);
		return;
	}
	search(an, it, FB_RULE_FOLLOWUP, FB_SIG_FOLLOWUP, "next_message", nx, next->text, next->len,
	       scanned);
}

/* Refusals and apologies open an answer; searching only its first bytes
 * keeps long answers (code, documents) from costing time in proportion to
 * their length. */
#define RESPONSE_HEAD 400

static size_t head_len(const char *text, size_t len)
{
	if (len <= RESPONSE_HEAD)
		return len;
	len = RESPONSE_HEAD;
	while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
		len--;
	return len;
}

int fb_signals_refusal(struct fb_rules *rules, const char *text, size_t len,
                       struct fb_rule_match *m)
{
	return fb_rules_search(rules, FB_RULE_REFUSAL, text, head_len(text, len), m);
}

/* Only the most recent responses are compared, so that a long conversation
 * costs time in proportion to its length. */
#define REPETITION_WINDOW 8

/* A bot that says again what it said before is not helping. */
static void repetition(struct analysis *an, struct fb_interaction *it)
{
	const struct fb_conv_msg *resp = &an->conv->msgs[it->response];
	struct fb_text_tokens *now;
	size_t j, from = an->nseen > REPETITION_WINDOW ? an->nseen - REPETITION_WINDOW : 0;
	double sim;

	an->seen = fb_xgrow(an->seen, &an->seencap, an->nseen + 1, sizeof *an->seen);
	now = &an->seen[an->nseen];
	memset(now, 0, sizeof *now);
	fb_text_tokenize(resp->text, resp->len, 3, now);
	for (j = from; j < an->nseen && now->n >= 3; j++) {
		sim = fb_text_dice(now, &an->seen[j]);
		if (an->seen[j].n >= 3 && sim >= an->cfg->repetition_threshold) {
			fire(an, it, FB_SIG_REPETITION, "response", it->response, 0, 0,
			     "similarity %.2f to an earlier response", sim);
			break;
		}
	}
	an->nseen++;
}

static void response_signals(struct analysis *an, struct fb_interaction *it)
{
	const struct fb_conv_msg *resp = &an->conv->msgs[it->response];
	size_t len = head_len(resp->text, resp->len);
	unsigned scanned = fb_rules_scan(an->rules, 1u << FB_RULE_REFUSAL | 1u << FB_RULE_APOLOGY,
	                                 resp->text, len);

	search(an, it, FB_RULE_REFUSAL, FB_SIG_REFUSAL, "response", it->response, resp->text, len,
	       scanned);
	search(an, it, FB_RULE_APOLOGY, FB_SIG_APOLOGY, "response", it->response, resp->text, len,
	       scanned);
	repetition(an, it);
}

/* A comment alone is read with the same phrase rules, at half strength. */
static void comment_value(struct analysis *an, struct fb_interaction *it)
{
	struct fb_explicit *x = &it->expl;
	size_t len = strlen(x->comment);
	struct fb_rule_match m;
	int neg, pos;

	neg = fb_rules_search(an->rules, FB_RULE_CORRECTION, x->comment, len, &m) ||
	      fb_rules_search(an->rules, FB_RULE_FRUSTRATION, x->comment, len, &m);
	pos = fb_rules_search(an->rules, FB_RULE_GRATITUDE, x->comment, len, &m) ||
	      fb_rules_search(an->rules, FB_RULE_ACCEPTANCE, x->comment, len, &m);
	if (neg != pos)
		x->value = pos ? 0.5 : -0.5;
}

static void explicit_value(struct analysis *an, struct fb_interaction *it)
{
	struct fb_explicit *x = &it->expl;
	double sum = 0;
	int n = 0;

	if (x->has_thumbs)
		sum += x->thumbs, n++;
	if (x->has_rating)
		sum += (x->rating - 3) / 2, n++;
	if (x->has_score)
		sum += x->score, n++;
	if (n)
		x->value = sum / n;
	else if (x->comment)
		comment_value(an, it);
}

static int has_positive_sign(const struct fb_interaction *it)
{
	return it->fired[FB_SIG_GRATITUDE] || it->fired[FB_SIG_ACCEPTANCE] ||
	       it->fired[FB_SIG_COPY] || it->fired[FB_SIG_SHARE] ||
	       (!isnan(it->expl.value) && it->expl.value > 0);
}

/* The conversation stopped after this answer: for long enough when the log
 * has times, or for good when the input ended without them. */
static void abandonment(struct analysis *an, struct fb_interaction *it)
{
	const struct fb_conv *c = an->conv;
	double resp_ts = c->msgs[it->response].ts;

	if (it->next >= 0 || it->response + 1 < c->nmsgs || has_positive_sign(it) ||
	    it->fired[FB_SIG_REGENERATE])
		return;
	if (!isnan(resp_ts) && !isnan(c->end_ts)) {
		if (c->end_ts - resp_ts < an->cfg->idle_gap)
			return;
		fire(an, it, FB_SIG_ABANDON, "timing", it->response, 0, 0, "quiet for %.0f s",
		     c->end_ts - resp_ts);
	} else {
		fire(an, it, FB_SIG_ABANDON, "timing", it->response, 0, 0,
		     "last message of the conversation");
	}
}

static void out_of_order(struct analysis *an, size_t msg)
{
	note(an, &an->conv->origin, 0,
	     "message %zu of conversation '%.60s' is timed before the message it follows; "
	     "its timing is left out",
	     msg, an->conv->id ? an->conv->id : "");
}

static void timing(struct analysis *an, struct fb_interaction *it)
{
	const struct fb_conv *c = an->conv;
	double p = c->msgs[it->prompt].ts, r = c->msgs[it->response].ts;

	double n = it->next >= 0 ? c->msgs[it->next].ts : NAN;

	if (!isnan(p) && !isnan(r)) {
		if (r >= p)
			it->latency = r - p;
		else
			out_of_order(an, it->response);
	}
	if (!isnan(r) && !isnan(n)) {
		if (n >= r)
			it->reply_time = n - r;
		else
			out_of_order(an, (size_t)it->next);
	}
}

#define IMPLICIT_CONFIDENCE_MAX 0.7

static void score(const struct fb_signals_config *cfg, struct fb_interaction *it)
{
	double sum = 0, mass = 0, implicit_conf, ew = cfg->explicit_weight;
	size_t i;

	for (i = 0; i < FB_SIG_COUNT; i++) {
		if (!it->fired[i])
			continue;
		sum += cfg->weight[i];
		mass += fabs(cfg->weight[i]);
	}
	it->implicit = tanh(sum);
	/* More evidence, more confidence; but implicit evidence alone is never
	 * as sure as a user's own rating. */
	implicit_conf = 1 - exp(-mass);
	if (!isnan(it->expl.value)) {
		it->score = ew * it->expl.value + (1 - ew) * it->implicit;
		it->confidence = ew + (1 - ew) * implicit_conf;
	} else {
		it->score = it->implicit;
		it->confidence = IMPLICIT_CONFIDENCE_MAX * implicit_conf;
	}
	if (it->score >= cfg->label_threshold)
		it->label = FB_LABEL_POSITIVE;
	else if (it->score <= -cfg->label_threshold)
		it->label = FB_LABEL_NEGATIVE;
	else
		it->label = FB_LABEL_NEUTRAL;
}

static void reset(struct fb_signals_result *r)
{
	size_t i, j;

	for (i = 0; i < r->n; i++) {
		for (j = 0; j < r->items[i].nevidence; j++)
			free((char *)r->items[i].evidence[j].rule);
		free(r->items[i].evidence);
	}
	r->n = 0;
	r->nnotes = 0;
}

void fb_signals_analyse(const struct fb_signals_config *cfg, struct fb_rules *rules,
                        const struct fb_conv *c, int explain, struct fb_signals_result *out)
{
	struct analysis an = { cfg, rules, c, explain, out, { 0 }, { 0 }, -1, -1, NULL, 0, 0 };
	struct fb_interaction *it;
	size_t i;

	reset(out);
	find_interactions(&an);
	apply_events(&an);
	for (i = 0; i < out->n; i++) {
		it = &out->items[i];
		response_signals(&an, it);
		if (it->next >= 0)
			next_message_signals(&an, it);
		explicit_value(&an, it);
		timing(&an, it);
		abandonment(&an, it);
		score(cfg, it);
	}
	fb_text_tokens_free(&an.a);
	fb_text_tokens_free(&an.b);
	for (i = 0; i < an.nseen; i++)
		fb_text_tokens_free(&an.seen[i]);
	free(an.seen);
}

void fb_signals_result_free(struct fb_signals_result *r)
{
	reset(r);
	free(r->items);
	free(r->notes);
	memset(r, 0, sizeof *r);
}
