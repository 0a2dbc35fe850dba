/* The case model of fb-eval build: records in, cases out, and the selection
 * per intent; see fb_dataset.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_dataset_impl.h"
#include "fb_jsonl.h"
#include "fb_redact.h"

void fb_dataset_opts_default(struct fb_dataset_opts *o)
{
	memset(o, 0, sizeof *o);
	o->format = FB_DATASET_CASES;
	o->dedup = 1;
	o->dedup_threshold = FB_DATASET_DEFAULT_THRESHOLD;
	o->seed = FB_DATASET_DEFAULT_SEED;
}

struct fb_dataset *fb_dataset_new(struct fb_redact *redact, size_t *counts)
{
	struct fb_dataset *d = fb_xcalloc(1, sizeof *d);

	d->redact = redact;
	d->redact_counts = counts;
	d->convmap = fb_map_new();
	return d;
}

void fb_dataset_free(struct fb_dataset *d)
{
	if (!d)
		return;
	free(d->text);
	free(d->rec);
	free(d->conv);
	fb_map_free(d->convmap);
	free(d->intent_label);
	free(d->intent_len);
	free(d->order);
	free(d->cases);
	free(d->pairs);
	free(d->sel);
	free(d);
}

/* ---- adding records ---- */

static int missing(struct fb_error *err, const char *field)
{
	fb_error_set(err, 0, 0, "%s: missing", field);
	return -1;
}

static int wrong(struct fb_error *err, const char *field, const char *want, const json_t *v)
{
	fb_error_set(err, 0, 0, "%s: expected %s, got %s", field, want, fb_jsonl_type_name(v));
	return -1;
}

/* A positive integer field (turn, attempt). */
static int count_field(const json_t *rec, const char *field, int32_t *out, struct fb_error *err)
{
	const json_t *v = json_object_get(rec, field);
	json_int_t n;

	if (!v)
		return missing(err, field);
	if (!json_is_integer(v))
		return wrong(err, field, "a positive integer", v);
	n = json_integer_value(v);
	if (n < 1 || n > INT32_MAX) {
		fb_error_set(err, 0, 0, "%s: expected a positive integer, got %lld", field,
		             (long long)n);
		return -1;
	}
	*out = (int32_t)n;
	return 0;
}

/* A number field in [lo, hi] (score, confidence). */
static int number_field(const json_t *rec, const char *field, double lo, double hi, double *out,
                        struct fb_error *err)
{
	const json_t *v = json_object_get(rec, field);
	double x;

	if (!v)
		return missing(err, field);
	if (!json_is_number(v))
		return wrong(err, field, "a number", v);
	x = json_number_value(v);
	if (!(x >= lo && x <= hi)) {
		fb_error_set(err, 0, 0, "%s: %g is out of range (%g to %g)", field, x, lo, hi);
		return -1;
	}
	*out = x;
	return 0;
}

static const json_t *string_field(const json_t *rec, const char *field, struct fb_error *err)
{
	const json_t *v = json_object_get(rec, field);

	if (!v)
		return missing(err, field), NULL;
	if (!json_is_string(v))
		return wrong(err, field, "a string", v), NULL;
	return v;
}

static int label_field(const json_t *rec, signed char *out, struct fb_error *err)
{
	const json_t *v = string_field(rec, "label", err);
	const char *s;

	if (!v)
		return -1;
	s = json_string_value(v);
	if (strcmp(s, "positive") == 0)
		*out = DS_POSITIVE;
	else if (strcmp(s, "negative") == 0)
		*out = DS_NEGATIVE;
	else if (strcmp(s, "neutral") == 0)
		*out = DS_NEUTRAL;
	else {
		fb_error_set(err, 0, 0,
		             "label: unknown label '%.40s' (positive, negative, neutral)", s);
		return -1;
	}
	return 0;
}

/* The intent object of fb-cluster: {"id": integer or null, "label": string
 * or null, ...}. */
static int intent_field(const json_t *rec, int32_t *id, const json_t **label, struct fb_error *err)
{
	const json_t *it = json_object_get(rec, "intent"), *v;
	json_int_t n;

	if (!it) {
		fb_error_set(err, 0, 0, "intent: missing (run fb-cluster first)");
		return -1;
	}
	if (!json_is_object(it))
		return wrong(err, "intent", "an object", it);
	v = json_object_get(it, "id");
	if (!v)
		return missing(err, "intent.id");
	if (json_is_null(v)) {
		*id = -1;
	} else if (!json_is_integer(v)) {
		return wrong(err, "intent.id", "an integer or null", v);
	} else {
		n = json_integer_value(v);
		if (n < 0 || n > FB_DATASET_MAX_INTENT) {
			fb_error_set(err, 0, 0, "intent.id: %lld is out of range (0 to %d)",
			             (long long)n, FB_DATASET_MAX_INTENT);
			return -1;
		}
		*id = (int32_t)n;
	}
	v = json_object_get(it, "label");
	if (v && !json_is_string(v) && !json_is_null(v))
		return wrong(err, "intent.label", "a string or null", v);
	*label = json_is_string(v) ? v : NULL;
	return 0;
}

/* Appends s[0..n) to the arena, redacted when asked, and returns its offset;
 * *outlen gets its length. */
static size_t arena_add(struct fb_dataset *d, const char *s, size_t n, size_t *outlen)
{
	char *red = NULL;
	size_t off = d->textlen;

	if (d->redact) {
		red = fb_redact_text(d->redact, s, n, &n, d->redact_counts);
		s = red;
	}
	d->text = fb_xgrow(d->text, &d->textcap, d->textlen + n + 1, 1);
	memcpy(d->text + d->textlen, s, n);
	d->textlen += n;
	d->text[d->textlen++] = '\0';
	free(red);
	*outlen = n;
	return off;
}

static void intent_add(struct fb_dataset *d, int32_t id, const json_t *label)
{
	size_t n = (size_t)id + 1, len;

	if (n > d->nintent) {
		d->intent_label = fb_xrealloc(d->intent_label, n * sizeof *d->intent_label);
		d->intent_len = fb_xrealloc(d->intent_len, n * sizeof *d->intent_len);
		memset(d->intent_label + d->nintent, 0, (n - d->nintent) * sizeof *d->intent_label);
		memset(d->intent_len + d->nintent, 0, (n - d->nintent) * sizeof *d->intent_len);
		d->nintent = n;
	}
	/* The first label given for an id is its label. */
	if (label && d->intent_label[id] == 0) {
		d->intent_label[id] =
		    arena_add(d, json_string_value(label), json_string_length(label), &len) + 1;
		d->intent_len[id] = len;
	}
}

/* The conversation of id (a string or null), made when new; *is_new is set
 * when it was. */
static uint32_t conv_of(struct fb_dataset *d, const json_t *id, int *is_new)
{
	struct ds_conv *c;
	char buf[32];
	void *v;
	size_t len;

	if (json_is_string(id)) {
		v = fb_map_get(d->convmap, json_string_value(id), json_string_length(id));
		if (v) {
			*is_new = 0;
			return (uint32_t)((uintptr_t)v - 1);
		}
	}
	*is_new = 1;
	d->conv = fb_xgrow(d->conv, &d->convcap, d->nconv + 1, sizeof *d->conv);
	c = &d->conv[d->nconv];
	memset(c, 0, sizeof *c);
	c->head = DS_NONE;
	if (json_is_string(id)) {
		/* Ids are kept as they are: they are keys, not text to redact. */
		c->id = d->textlen;
		len = json_string_length(id);
		d->text = fb_xgrow(d->text, &d->textcap, d->textlen + len + 1, 1);
		memcpy(d->text + d->textlen, json_string_value(id), len + 1);
		d->textlen += len + 1;
		c->id_len = len;
		fb_map_put(d->convmap, json_string_value(id), len,
		           (void *)(uintptr_t)(d->nconv + 1));
	} else {
		/* A record without a conversation is a conversation of its own,
		 * named by its number among the records. */
		len = (size_t)snprintf(buf, sizeof buf, "#%zu", d->nrec + 1);
		c->id = d->textlen;
		d->text = fb_xgrow(d->text, &d->textcap, d->textlen + len + 1, 1);
		memcpy(d->text + d->textlen, buf, len + 1);
		d->textlen += len + 1;
		c->id_len = len;
	}
	return (uint32_t)d->nconv++;
}

int fb_dataset_add(struct fb_dataset *d, const json_t *rec, struct fb_error *err)
{
	const json_t *cid = json_object_get(rec, "conversation_id"), *prompt, *response;
	const json_t *ilabel = NULL;
	struct ds_rec r;
	uint32_t c, i;
	int is_new;

	memset(&r, 0, sizeof r);
	if (!cid)
		return missing(err, "conversation_id");
	if (!json_is_string(cid) && !json_is_null(cid))
		return wrong(err, "conversation_id", "a string or null", cid);
	if (count_field(rec, "turn", &r.turn, err) < 0 ||
	    count_field(rec, "attempt", &r.attempt, err) < 0)
		return -1;
	if (!(prompt = string_field(rec, "prompt", err)) ||
	    !(response = string_field(rec, "response", err)))
		return -1;
	if (number_field(rec, "score", -1, 1, &r.score, err) < 0 ||
	    label_field(rec, &r.label, err) < 0 ||
	    number_field(rec, "confidence", 0, 1, &r.confidence, err) < 0 ||
	    intent_field(rec, &r.intent, &ilabel, err) < 0)
		return -1;
	if (d->nrec >= UINT32_MAX - 1) {
		fb_error_set(err, 0, 0, "too many records (at most %lu)",
		             (unsigned long)(UINT32_MAX - 1));
		return -1;
	}
	if (json_is_string(cid) &&
	    (i = (uint32_t)(uintptr_t)fb_map_get(d->convmap, json_string_value(cid),
	                                         json_string_length(cid)))) {
		for (i = d->conv[i - 1].head; i != DS_NONE; i = d->rec[i].next)
			if (d->rec[i].turn == r.turn && d->rec[i].attempt == r.attempt) {
				fb_error_set(err, 0, 0,
				             "conversation '%.60s' has turn %d attempt %d twice",
				             json_string_value(cid), (int)r.turn, (int)r.attempt);
				return -1;
			}
	}
	c = conv_of(d, cid, &is_new);
	r.conv = c;
	r.next = d->conv[c].head;
	r.prompt =
	    arena_add(d, json_string_value(prompt), json_string_length(prompt), &r.prompt_len);
	r.response = arena_add(d, json_string_value(response), json_string_length(response),
	                       &r.response_len);
	if (r.intent >= 0)
		intent_add(d, r.intent, ilabel);
	d->rec = fb_xgrow(d->rec, &d->reccap, d->nrec + 1, sizeof *d->rec);
	d->conv[c].head = (uint32_t)d->nrec;
	d->rec[d->nrec++] = r;
	return 0;
}

/* ---- sorting with a context ---- */

static void merge_sort(const struct fb_dataset *d, uint32_t *v, uint32_t *tmp, size_t n,
                       int (*cmp)(const struct fb_dataset *, uint32_t, uint32_t))
{
	size_t h = n / 2, i = 0, j = h, k = 0;

	if (n < 2)
		return;
	merge_sort(d, v, tmp, h, cmp);
	merge_sort(d, v + h, tmp, n - h, cmp);
	while (i < h && j < n)
		tmp[k++] = cmp(d, v[j], v[i]) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

void ds_sort(const struct fb_dataset *d, uint32_t *v, size_t n,
             int (*cmp)(const struct fb_dataset *, uint32_t, uint32_t))
{
	uint32_t *tmp = fb_xmalloc((n + 1) * sizeof *tmp);

	merge_sort(d, v, tmp, n, cmp);
	free(tmp);
}

/* Intents in order of their id, the outliers (-1) last. */
static uint32_t intent_rank(int32_t intent)
{
	return (uint32_t)intent;
}

static int cmp_intent_key(const struct fb_dataset *d, uint32_t a, uint32_t b)
{
	const struct ds_case *x = &d->cases[a], *y = &d->cases[b];

	if (x->intent != y->intent)
		return intent_rank(x->intent) < intent_rank(y->intent) ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (a > b) - (a < b);
}

uint32_t *ds_by_intent_key(const struct fb_dataset *d)
{
	uint32_t *v = fb_xmalloc((d->ncases + 1) * sizeof *v);
	size_t i;

	for (i = 0; i < d->ncases; i++)
		v[i] = (uint32_t)i;
	ds_sort(d, v, d->ncases, cmp_intent_key);
	return v;
}

static int cmp_conv_id(const struct fb_dataset *d, uint32_t a, uint32_t b)
{
	const struct ds_conv *x = &d->conv[a], *y = &d->conv[b];
	size_t n = x->id_len < y->id_len ? x->id_len : y->id_len;
	int c = memcmp(ds_text(d, x->id), ds_text(d, y->id), n);

	if (c != 0)
		return c;
	return (x->id_len > y->id_len) - (x->id_len < y->id_len);
}

int ds_case_cmp_out(const struct fb_dataset *d, uint32_t a, uint32_t b)
{
	const struct ds_case *x = &d->cases[a], *y = &d->cases[b];
	int c;

	if (x->intent != y->intent)
		return intent_rank(x->intent) < intent_rank(y->intent) ? -1 : 1;
	if (x->conv != y->conv && (c = cmp_conv_id(d, x->conv, y->conv)) != 0)
		return c;
	return (x->turn > y->turn) - (x->turn < y->turn);
}

/* ---- building the cases ---- */

struct okey {
	uint32_t conv;
	int32_t turn, attempt;
	uint32_t rec;
};

static int cmp_okey(const void *a, const void *b)
{
	const struct okey *x = a, *y = b;

	if (x->conv != y->conv)
		return x->conv < y->conv ? -1 : 1;
	if (x->turn != y->turn)
		return x->turn < y->turn ? -1 : 1;
	return (x->attempt > y->attempt) - (x->attempt < y->attempt);
}

/* Orders the records by conversation, turn and attempt into d->order. */
static void order_records(struct fb_dataset *d)
{
	struct okey *k = fb_xmalloc((d->nrec + 1) * sizeof *k);
	size_t i;

	for (i = 0; i < d->nrec; i++) {
		k[i].conv = d->rec[i].conv;
		k[i].turn = d->rec[i].turn;
		k[i].attempt = d->rec[i].attempt;
		k[i].rec = (uint32_t)i;
	}
	qsort(k, d->nrec, sizeof *k, cmp_okey);
	d->order = fb_xmalloc((d->nrec + 1) * sizeof *d->order);
	for (i = 0; i < d->nrec; i++) {
		d->order[i] = k[i].rec;
		if (i == 0 || k[i].conv != k[i - 1].conv)
			d->conv[k[i].conv].start = (uint32_t)i;
		d->conv[k[i].conv].n++;
	}
	free(k);
}

/* Rounded to 4 decimals, as fb-extract writes scores; never -0. */
static double round4(double x)
{
	return round(x * 1e4) / 1e4 + 0.0;
}

/* Makes the case of the turn whose attempts are d->order[from..to), when
 * one of them is rated. */
static void add_case(struct fb_dataset *d, uint32_t from, uint32_t to, unsigned char part)
{
	const struct ds_rec *r, *first = &d->rec[d->order[from]];
	struct ds_case c;
	double sum = 0, conf = 0;
	size_t nrated = 0;
	uint32_t i;

	memset(&c, 0, sizeof c);
	c.ref = c.rej = DS_NONE;
	for (i = from; i < to; i++) {
		r = &d->rec[d->order[i]];
		if (r->label == DS_NEUTRAL || r->confidence < d->opts.min_confidence)
			continue;
		nrated++;
		sum += r->score;
		conf += r->confidence;
		/* The best positive and the worst negative; the earliest on a tie. */
		if (r->label == DS_POSITIVE && (c.ref == DS_NONE || r->score > d->rec[c.ref].score))
			c.ref = d->order[i];
		if (r->label == DS_NEGATIVE && (c.rej == DS_NONE || r->score < d->rec[c.rej].score))
			c.rej = d->order[i];
	}
	if (nrated == 0)
		return;
	c.conv = first->conv;
	c.first = from;
	c.turn = first->turn;
	c.intent = first->intent;
	c.user_score = round4(sum / (double)nrated);
	c.weight = round4(conf / (double)nrated);
	c.key = fb_dataset_hash(d->opts.seed + 0x9E3779B97F4A7C15ULL * (uint64_t)c.turn,
	                        ds_text(d, d->conv[c.conv].id), d->conv[c.conv].id_len);
	c.group = (uint32_t)d->ncases;
	c.part = part;
	d->cases[d->ncases++] = c;
	if (ds_positive(&c))
		d->stats.positive++;
	else
		d->stats.negative++;
}

static void make_cases(struct fb_dataset *d)
{
	const struct ds_conv *cv;
	unsigned char part;
	uint32_t i, j;
	size_t k;

	d->cases = fb_xmalloc((d->nrec + 1) * sizeof *d->cases);
	for (k = 0; k < d->nconv; k++) {
		cv = &d->conv[k];
		part = (unsigned char)fb_dataset_split_part(&d->opts.split, d->opts.seed,
		                                            ds_text(d, cv->id), cv->id_len);
		for (i = cv->start; i < cv->start + cv->n; i = j) {
			for (j = i + 1; j < cv->start + cv->n &&
			                d->rec[d->order[j]].turn == d->rec[d->order[i]].turn;
			     j++)
				;
			d->stats.turns++;
			add_case(d, i, j, part);
		}
	}
	d->stats.cases = d->ncases;
}

/* ---- selecting cases ---- */

static int eligible(const struct fb_dataset *d, const struct ds_case *c)
{
	/* Fine-tuning data and evals with an ideal answer need a good answer. */
	if (d->opts.format == FB_DATASET_CHAT || d->opts.format == FB_DATASET_OPENAI_EVALS)
		return c->ref != DS_NONE;
	return 1;
}

/* Takes up to max items of v[0..n) (already in key order) into the
 * selection. */
static void take(struct fb_dataset *d, const uint32_t *v, size_t n, size_t max)
{
	size_t i;

	for (i = 0; i < n && i < max; i++)
		d->sel[d->nsel++] = v[i];
}

static int select_cases(struct fb_dataset *d, struct fb_error *err)
{
	unsigned char *ok = fb_xcalloc(d->ncases + 1, 1);
	uint32_t *by = NULL, *pos = NULL, *neg = NULL;
	size_t i, j, t, np, nn, m, max = d->opts.per_intent ? d->opts.per_intent : SIZE_MAX;
	int rc = -1;

	for (i = 0; i < d->ncases; i++)
		ok[i] = (unsigned char)eligible(d, &d->cases[i]);
	if (d->opts.dedup && ds_group(d, ok, err) < 0)
		goto out;
	for (i = 0; i < d->ncases; i++)
		if (ok[i] && d->cases[i].group != i) {
			ok[i] = 0;
			d->stats.duplicates++;
		}
	by = ds_by_intent_key(d);
	pos = fb_xmalloc((d->ncases + 1) * sizeof *pos);
	neg = fb_xmalloc((d->ncases + 1) * sizeof *neg);
	d->sel = fb_xmalloc((d->ncases + 1) * sizeof *d->sel);
	for (i = 0; i < d->ncases; i = j) {
		np = nn = 0;
		for (j = i; j < d->ncases && d->cases[by[j]].intent == d->cases[by[i]].intent;
		     j++) {
			if (!ok[by[j]])
				continue;
			if (ds_positive(&d->cases[by[j]]))
				pos[np++] = by[j];
			else
				neg[nn++] = by[j];
		}
		if (d->opts.balance) {
			m = np < nn ? np : nn;
			if (d->opts.per_intent && m > d->opts.per_intent / 2)
				m = d->opts.per_intent / 2;
			take(d, pos, np, m);
			take(d, neg, nn, m);
		} else {
			/* Without balance, the first in key order of both. */
			for (m = 0, t = i; t < j && m < max; t++)
				if (ok[by[t]]) {
					d->sel[d->nsel++] = by[t];
					m++;
				}
		}
	}
	ds_sort(d, d->sel, d->nsel, ds_case_cmp_out);
	rc = 0;
out:
	free(ok);
	free(by);
	free(pos);
	free(neg);
	return rc;
}

int fb_dataset_build(struct fb_dataset *d, const struct fb_dataset_opts *o, struct fb_error *err)
{
	size_t i;
	int rc;

	d->opts = *o;
	d->stats.records = d->nrec;
	d->stats.conversations = d->nconv;
	order_records(d);
	make_cases(d);
	if (o->format == FB_DATASET_PREFERENCE)
		rc = ds_select_pairs(d, err);
	else
		rc = select_cases(d, err);
	if (rc < 0)
		return -1;
	d->stats.selected = d->nsel;
	for (i = 0; i < d->nsel; i++)
		d->stats.part[fb_dataset_item_part(d, i)]++;
	return 0;
}

size_t fb_dataset_count(const struct fb_dataset *d)
{
	return d->nsel;
}

size_t fb_dataset_item_part(const struct fb_dataset *d, size_t i)
{
	const struct ds_case *c = d->opts.format == FB_DATASET_PREFERENCE
	                              ? &d->cases[d->pairs[d->sel[i]].chosen]
	                              : &d->cases[d->sel[i]];

	return c->part;
}

size_t fb_dataset_render(const struct fb_dataset *d, size_t i, json_t *out[2])
{
	return ds_render(d, d->sel[i], out);
}

void fb_dataset_stats(const struct fb_dataset *d, struct fb_dataset_stats *st)
{
	*st = d->stats;
	st->records = d->nrec;
	st->conversations = d->nconv;
}
