/* The per-intent summary of fb-eval score: counts and sums per intent. */
#include "fb_eval_score_summary.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_map.h"

/* What is summed up per intent. */
struct tally {
	size_t cases, answered, refusals, passed, failed;
	size_t n_ref, n_rej, n_len, n_score;
	double f1_ref, rl_ref, f1_rej, rl_rej, len, score;
};

struct group {
	json_t *intent, *label; /* new references */
	struct tally t;
};

struct fb_eval_summary {
	char *variant;
	struct fb_map *index; /* group key -> index + 1 */
	struct group *g;
	size_t n, cap;
	struct tally all;
};

struct fb_eval_summary *fb_eval_summary_new(const char *variant)
{
	struct fb_eval_summary *s = fb_xcalloc(1, sizeof *s);

	s->variant = fb_xstrdup(variant);
	s->index = fb_map_new();
	return s;
}

void fb_eval_summary_free(struct fb_eval_summary *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n; i++) {
		json_decref(s->g[i].intent);
		json_decref(s->g[i].label);
	}
	free(s->g);
	fb_map_free(s->index);
	free(s->variant);
	free(s);
}

size_t fb_eval_summary_group(struct fb_eval_summary *s, const json_t *intent)
{
	const json_t *id = json_is_object(intent) ? json_object_get(intent, "id") : NULL;
	const json_t *label = id ? json_object_get(intent, "label") : NULL;
	const json_t *value = id ? id : intent ? intent : json_null();
	char *key = json_dumps(value, JSON_ENCODE_ANY | JSON_COMPACT | JSON_SORT_KEYS);
	size_t len = strlen(key);
	uintptr_t at = (uintptr_t)fb_map_get(s->index, key, len);
	struct group *g;

	if (at == 0) {
		s->g = fb_xgrow(s->g, &s->cap, s->n + 1, sizeof *s->g);
		g = &s->g[s->n];
		memset(g, 0, sizeof *g);
		g->intent = json_deep_copy(value);
		g->label = json_is_string(label) ? json_deep_copy(label) : json_null();
		at = ++s->n;
		fb_map_put(s->index, key, len, (void *)at);
	}
	free(key);
	return (size_t)at - 1;
}

static void tally_add(struct tally *t, const struct fb_eval_result *r)
{
	t->cases++;
	if (!r)
		return;
	t->answered++;
	t->refusals += (size_t)r->refusal;
	t->passed += r->passed;
	t->failed += r->failed;
	if (r->has_reference) {
		t->n_ref++;
		t->f1_ref += r->reference.f1;
		t->rl_ref += r->reference.rouge_l;
	}
	if (r->has_rejected) {
		t->n_rej++;
		t->f1_rej += r->rejected.f1;
		t->rl_rej += r->rejected.rouge_l;
	}
	if (!isnan(r->length_ratio)) {
		t->n_len++;
		t->len += r->length_ratio;
	}
	if (!isnan(r->score)) {
		t->n_score++;
		t->score += r->score;
	}
}

void fb_eval_summary_add(struct fb_eval_summary *s, size_t g, const struct fb_eval_result *r)
{
	tally_add(&s->g[g].t, r);
	tally_add(&s->all, r);
}

size_t fb_eval_summary_size(const struct fb_eval_summary *s)
{
	return s->n + 1;
}

static json_t *mean(double sum, size_t n)
{
	return n ? json_real(sum / (double)n) : json_null();
}

json_t *fb_eval_summary_record(const struct fb_eval_summary *s, size_t i)
{
	const struct tally *t = i < s->n ? &s->g[i].t : &s->all;
	json_t *rec = json_object();

	json_object_set_new(rec, "record", json_string(i < s->n ? "intent" : "overall"));
	json_object_set_new(rec, "variant", json_string(s->variant));
	json_object_set(rec, "intent", i < s->n ? s->g[i].intent : json_null());
	json_object_set(rec, "label", i < s->n ? s->g[i].label : json_null());
	json_object_set_new(rec, "cases", json_integer((json_int_t)t->cases));
	json_object_set_new(rec, "answered", json_integer((json_int_t)t->answered));
	json_object_set_new(rec, "f1_reference", mean(t->f1_ref, t->n_ref));
	json_object_set_new(rec, "rougeL_reference", mean(t->rl_ref, t->n_ref));
	json_object_set_new(rec, "f1_rejected", mean(t->f1_rej, t->n_rej));
	json_object_set_new(rec, "rougeL_rejected", mean(t->rl_rej, t->n_rej));
	json_object_set_new(rec, "refusal_rate", mean((double)t->refusals, t->answered));
	json_object_set_new(rec, "length_ratio", mean(t->len, t->n_len));
	json_object_set_new(rec, "assertions_passed", json_integer((json_int_t)t->passed));
	json_object_set_new(rec, "assertions_failed", json_integer((json_int_t)t->failed));
	json_object_set_new(rec, "score", mean(t->score, t->n_score));
	return rec;
}
