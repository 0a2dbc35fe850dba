/* Scores of an answer to an eval case: token F1, ROUGE-L, refusal, length,
 * assertions and the overall score. See fb_eval_score.h for definitions. */
#include "fb_eval_score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_rules.h"
#include "fb_signals.h"
#include "fb_text.h"

struct word {
	const char *text;
	uint32_t *slot;
};

struct fb_eval_scorer {
	struct fb_rules *rules;
	struct fb_text_words wa, wb;
	struct word *items;
	uint32_t *ida, *idb;
	size_t *count, *row, *failures;
	size_t icap, acap, bcap, ccap, rcap, fcap;
};

size_t fb_eval_overlap(const uint32_t *a, size_t n, const uint32_t *b, size_t m, size_t *count)
{
	size_t i, hits = 0;

	for (i = 0; i < n; i++)
		count[a[i]]++;
	for (i = 0; i < m; i++)
		if (count[b[i]] > 0) {
			count[b[i]]--;
			hits++;
		}
	for (i = 0; i < n; i++)
		count[a[i]] = 0;
	return hits;
}

size_t fb_eval_lcs(const uint32_t *a, size_t n, const uint32_t *b, size_t m, size_t *row)
{
	size_t i, j, diag, up;

	for (j = 0; j <= m; j++)
		row[j] = 0;
	for (i = 0; i < n; i++) {
		diag = 0;
		for (j = 1; j <= m; j++) {
			up = row[j];
			if (a[i] == b[j - 1])
				row[j] = diag + 1;
			else if (row[j - 1] > row[j])
				row[j] = row[j - 1];
			diag = up;
		}
	}
	return row[m];
}

double fb_eval_fmeasure(size_t hits, size_t n, size_t m)
{
	if (n == 0 && m == 0)
		return 1;
	return 2.0 * (double)hits / (double)(n + m);
}

struct fb_eval_scorer *fb_eval_scorer_new(struct fb_error *err)
{
	struct fb_eval_scorer *s = fb_xcalloc(1, sizeof *s);

	s->rules = fb_rules_new();
	if (fb_rules_add_defaults(s->rules, err) < 0) {
		fb_eval_scorer_free(s);
		return NULL;
	}
	return s;
}

void fb_eval_scorer_free(struct fb_eval_scorer *s)
{
	if (!s)
		return;
	fb_rules_free(s->rules);
	fb_text_words_free(&s->wa);
	fb_text_words_free(&s->wb);
	free(s->items);
	free(s->ida);
	free(s->idb);
	free(s->count);
	free(s->row);
	free(s->failures);
	free(s);
}

static int cmp_word(const void *x, const void *y)
{
	return strcmp(((const struct word *)x)->text, ((const struct word *)y)->text);
}

/* Numbers the words of both texts: equal words get equal ids, from 0.
 * Returns the number of distinct words. */
static uint32_t intern(struct fb_eval_scorer *s)
{
	size_t n = s->wa.n + s->wb.n, i;
	uint32_t id = 0;

	s->items = fb_xgrow(s->items, &s->icap, n + 1, sizeof *s->items);
	s->ida = fb_xgrow(s->ida, &s->acap, s->wa.n + 1, sizeof *s->ida);
	s->idb = fb_xgrow(s->idb, &s->bcap, s->wb.n + 1, sizeof *s->idb);
	for (i = 0; i < s->wa.n; i++)
		s->items[i] = (struct word){ s->wa.buf + s->wa.off[i], &s->ida[i] };
	for (i = 0; i < s->wb.n; i++)
		s->items[s->wa.n + i] = (struct word){ s->wb.buf + s->wb.off[i], &s->idb[i] };
	qsort(s->items, n, sizeof *s->items, cmp_word);
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(s->items[i - 1].text, s->items[i].text) != 0)
			id++;
		*s->items[i].slot = id;
	}
	return n ? id + 1 : 0;
}

void fb_eval_similarity(struct fb_eval_scorer *s, const char *candidate, size_t clen,
                        const char *target, size_t tlen, struct fb_eval_sim *out)
{
	uint32_t nids;
	size_t old;

	fb_text_words(candidate, clen, &s->wa);
	fb_text_words(target, tlen, &s->wb);
	nids = intern(s);
	old = s->ccap;
	s->count = fb_xgrow(s->count, &s->ccap, (size_t)nids + 1, sizeof *s->count);
	memset(s->count + old, 0, (s->ccap - old) * sizeof *s->count);
	s->row = fb_xgrow(s->row, &s->rcap, s->wb.n + 1, sizeof *s->row);
	out->words = s->wa.n;
	out->target = s->wb.n;
	out->overlap = fb_eval_overlap(s->ida, s->wa.n, s->idb, s->wb.n, s->count);
	out->lcs = fb_eval_lcs(s->ida, s->wa.n, s->idb, s->wb.n, s->row);
	out->f1 = fb_eval_fmeasure(out->overlap, out->words, out->target);
	out->rouge_l = fb_eval_fmeasure(out->lcs, out->words, out->target);
}

int fb_eval_refusal(struct fb_eval_scorer *s, const char *text, size_t len)
{
	return fb_signals_refusal(s->rules, text, len, NULL);
}

static double sim(const struct fb_eval_sim *x)
{
	return (x->f1 + x->rouge_l) / 2;
}

double fb_eval_combine(const struct fb_eval_result *r)
{
	double sum = 0;
	int parts = 0;

	if (r->has_reference && r->has_rejected)
		sum += (1 + sim(&r->reference) - sim(&r->rejected)) / 2;
	else if (r->has_reference)
		sum += sim(&r->reference);
	else if (r->has_rejected)
		sum += 1 - sim(&r->rejected);
	parts += r->has_reference || r->has_rejected;
	if (r->passed + r->failed > 0) {
		sum += (double)r->passed / (double)(r->passed + r->failed);
		parts++;
	}
	if (parts == 0)
		return NAN;
	if (r->words == 0 || (r->refusal && !r->reference_refusal))
		return 0;
	return sum / parts;
}

void fb_eval_score(struct fb_eval_scorer *s, const struct fb_eval_case *c, const char *response,
                   size_t len, struct fb_eval_result *out)
{
	size_t i;
	int ok;

	memset(out, 0, sizeof *out);
	out->has_reference = c->reference != NULL;
	out->has_rejected = c->rejected != NULL;
	if (out->has_reference)
		fb_eval_similarity(s, response, len, c->reference, c->reference_len,
		                   &out->reference);
	if (out->has_rejected)
		fb_eval_similarity(s, response, len, c->rejected, c->rejected_len, &out->rejected);
	if (out->has_reference || out->has_rejected) {
		out->words = out->has_reference ? out->reference.words : out->rejected.words;
	} else {
		fb_text_words(response, len, &s->wa);
		out->words = s->wa.n;
	}
	out->length_ratio = out->has_reference && out->reference.target > 0
	                        ? (double)out->words / (double)out->reference.target
	                        : NAN;
	out->refusal = fb_eval_refusal(s, response, len);
	out->reference_refusal =
	    out->has_reference && fb_eval_refusal(s, c->reference, c->reference_len);
	s->failures = fb_xgrow(s->failures, &s->fcap, c->nasserts + 1, sizeof *s->failures);
	for (i = 0; i < c->nasserts; i++) {
		ok = fb_eval_case_check(c, i, response, len);
		if (ok == 1) {
			out->passed++;
			continue;
		}
		out->limit_hits += ok < 0;
		s->failures[out->failed++] = i;
	}
	out->failures = s->failures;
	out->score = fb_eval_combine(out);
}

static json_t *real_or_null(double x)
{
	return isnan(x) ? json_null() : json_real(x);
}

json_t *fb_eval_score_record(const struct fb_eval_case *c, const char *variant,
                             const struct fb_eval_result *r)
{
	json_t *rec = json_object(), *failed;
	const struct fb_eval_sim *ref, *rej;
	char name[48];
	size_t i;

	json_object_set(rec, "id", c->id);
	json_object_set(rec, "intent", c->intent);
	json_object_set_new(rec, "variant", json_string(variant));
	json_object_set_new(rec, "answered", json_boolean(r != NULL));
	ref = r && r->has_reference ? &r->reference : NULL;
	rej = r && r->has_rejected ? &r->rejected : NULL;
	json_object_set_new(rec, "f1_reference", ref ? json_real(ref->f1) : json_null());
	json_object_set_new(rec, "rougeL_reference", ref ? json_real(ref->rouge_l) : json_null());
	json_object_set_new(rec, "f1_rejected", rej ? json_real(rej->f1) : json_null());
	json_object_set_new(rec, "rougeL_rejected", rej ? json_real(rej->rouge_l) : json_null());
	if (!r) {
		static const char *const rest[] = { "refusal",
			                            "length_ratio",
			                            "assertions_passed",
			                            "assertions_failed",
			                            "assertions_ok",
			                            "failed_assertions",
			                            "score" };
		for (i = 0; i < sizeof rest / sizeof rest[0]; i++)
			json_object_set_new(rec, rest[i], json_null());
		return rec;
	}
	json_object_set_new(rec, "refusal", json_boolean(r->refusal));
	json_object_set_new(rec, "length_ratio", real_or_null(r->length_ratio));
	json_object_set_new(rec, "assertions_passed", json_integer((json_int_t)r->passed));
	json_object_set_new(rec, "assertions_failed", json_integer((json_int_t)r->failed));
	json_object_set_new(rec, "assertions_ok",
	                    c->nasserts ? json_boolean(r->failed == 0) : json_null());
	failed = json_array();
	for (i = 0; i < r->failed; i++)
		json_array_append_new(failed, json_string(fb_eval_assert_name(
		                                  &c->asserts[r->failures[i]], name, sizeof name)));
	json_object_set_new(rec, "failed_assertions", failed);
	json_object_set_new(rec, "score", real_or_null(r->score));
	return rec;
}
