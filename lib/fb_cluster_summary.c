#include "fb_cluster_summary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_cluster_model.h"
#include "fb_stats.h"

static json_t *terms_of(const struct fb_cluster_labels *l, int32_t c)
{
	json_t *a = json_array();
	size_t j;

	for (j = 0; c >= 0 && j < l->ntop && l->top[(size_t)c * l->ntop + j] != UINT32_MAX; j++)
		json_array_append_new(
		    a, json_string(fb_tfidf_surface(l->tfidf, l->top[(size_t)c * l->ntop + j])));
	return a;
}

static json_t *label_of(const struct fb_cluster_labels *l, int32_t c)
{
	char buf[512];

	if (c < 0 || fb_cluster_model_label(l->tfidf, l->top, l->ntop, l->nlabel, (size_t)c, buf,
	                                    sizeof buf) == 0)
		return json_null();
	return json_string(buf);
}

static double round4(double x)
{
	return round(x * 1e4) / 1e4;
}

json_t *fb_cluster_intent_json(const struct fb_cluster_labels *l, int32_t c, float sim)
{
	return json_pack("{s:o,s:o,s:o,s:f}", "id", c >= 0 ? json_integer(c) : json_null(), "label",
	                 label_of(l, c), "terms", terms_of(l, c), "similarity", round4(sim));
}

#define SIM_STEPS 10000 /* similarities are rounded to 1 / SIM_STEPS */

struct fb_cluster_intent_text {
	size_t k;
	char **head;    /* k + 1: the outliers' last */
	char **sim;     /* 2 SIM_STEPS + 1, made when first met */
	char other[64]; /* a similarity not kept in sim */
};

/* The JSON text of x as fbloop writes reals in records. */
static void real_text(double x, char *buf, size_t size)
{
	json_t *v = json_real(x);
	char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_REAL_PRECISION(15));

	snprintf(buf, size, "%s", s ? s : "null");
	free(s);
	json_decref(v);
}

struct fb_cluster_intent_text *fb_cluster_intent_text_new(const struct fb_cluster_labels *l,
                                                          size_t k)
{
	struct fb_cluster_intent_text *t = fb_xcalloc(1, sizeof *t);
	json_t *intent;
	char *s;

	t->k = k;
	t->head = fb_xcalloc(k + 1, sizeof *t->head);
	t->sim = fb_xcalloc(2 * SIM_STEPS + 1, sizeof *t->sim);
	for (size_t c = 0; c <= k; c++) {
		intent = fb_cluster_intent_json(l, c < k ? (int32_t)c : -1, 0);
		s = json_dumps(intent, JSON_COMPACT | JSON_REAL_PRECISION(15));
		json_decref(intent);
		/* The similarity is the last member: cut its value, "0.0}". */
		s[strlen(s) - 4] = '\0';
		t->head[c] = s;
	}
	return t;
}

void fb_cluster_intent_text(struct fb_cluster_intent_text *t, int32_t c, float sim,
                            const char **head, const char **sim_text)
{
	double step = round((double)sim * SIM_STEPS);
	char buf[64];
	long i;

	*head = t->head[c >= 0 && (size_t)c < t->k ? (size_t)c : t->k];
	/* Outside [-1, 1], and -0 (which shares its step with 0), are not kept. */
	if (!(step >= -SIM_STEPS && step <= SIM_STEPS) || (step == 0 && signbit(step))) {
		real_text(round4(sim), t->other, sizeof t->other);
		*sim_text = t->other;
		return;
	}
	i = (long)step + SIM_STEPS;
	if (!t->sim[i]) {
		real_text(round4(sim), buf, sizeof buf);
		t->sim[i] = fb_xstrdup(buf);
	}
	*sim_text = t->sim[i];
}

void fb_cluster_intent_text_free(struct fb_cluster_intent_text *t)
{
	if (!t)
		return;
	for (size_t c = 0; c <= t->k; c++)
		free(t->head[c]);
	for (size_t i = 0; i <= 2 * SIM_STEPS; i++)
		free(t->sim[i]);
	free(t->head);
	free(t->sim);
	free(t);
}

struct exemplar {
	char *text;
	size_t len;
	float sim;
};

struct tally {
	size_t n, nscore;
	double sum;
	struct fb_stats_count cnt;
	struct exemplar *ex;
	size_t nex;
	uint64_t *users; /* distinct, up to min_users */
	size_t nusers;
};

struct fb_cluster_summary {
	struct tally *t; /* k + 1: the last for the outliers */
	size_t k, total, maxex, min_users;
	int any_score, any_label;
};

struct fb_cluster_summary *fb_cluster_summary_new(size_t k, size_t nexemplars, size_t min_users)
{
	struct fb_cluster_summary *s = fb_xcalloc(1, sizeof *s);
	size_t c;

	s->k = k;
	s->maxex = nexemplars;
	s->min_users = min_users;
	s->t = fb_xcalloc(k + 1, sizeof *s->t);
	for (c = 0; c <= k; c++) {
		s->t[c].ex = fb_xcalloc(nexemplars + 1, sizeof *s->t[c].ex);
		s->t[c].users = min_users ? fb_xcalloc(min_users, sizeof *s->t[c].users) : NULL;
	}
	return s;
}

static void add_user(struct fb_cluster_summary *s, struct tally *t, uint64_t user)
{
	size_t j;

	if (!user || t->nusers >= s->min_users)
		return;
	for (j = 0; j < t->nusers; j++)
		if (t->users[j] == user)
			return;
	t->users[t->nusers++] = user;
}

void fb_cluster_summary_add(struct fb_cluster_summary *s, int32_t c, const char *text, size_t len,
                            float sim, double score, int negative, uint64_t user)
{
	struct tally *t = &s->t[c >= 0 ? (size_t)c : s->k];
	size_t j, p;

	s->total++;
	s->any_score |= !isnan(score);
	s->any_label |= negative >= 0;
	t->n++;
	if (!isnan(score)) {
		t->sum += score;
		t->nscore++;
	}
	if (negative >= 0) {
		t->cnt.n++;
		t->cnt.successes += (uint64_t)negative;
	}
	add_user(s, t, user);
	if (c < 0 || !text)
		return;
	for (j = 0; j < t->nex; j++)
		if (t->ex[j].len == len && memcmp(t->ex[j].text, text, len) == 0)
			return;
	for (p = 0; p < t->nex && t->ex[p].sim >= sim; p++)
		;
	if (p >= s->maxex)
		return;
	if (t->nex == s->maxex)
		free(t->ex[--t->nex].text);
	memmove(t->ex + p + 1, t->ex + p, (t->nex - p) * sizeof *t->ex);
	t->ex[p].text = fb_xstrndup(text, len);
	t->ex[p].len = len;
	t->ex[p].sim = sim;
	t->nex++;
}

size_t fb_cluster_summary_total(const struct fb_cluster_summary *s)
{
	return s->total;
}

struct group {
	json_t *rec;
	double key; /* size × negative rate */
	int32_t id;
};

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	if ((x->id < 0) != (y->id < 0))
		return x->id < 0 ? 1 : -1;
	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* The summary record of intent c. */
static json_t *summary_of(const struct fb_cluster_summary *s, const struct fb_cluster_labels *l,
                          int32_t c, double *key)
{
	const struct tally *t = &s->t[c >= 0 ? (size_t)c : s->k];
	int withheld = s->min_users > 0 && c >= 0 && t->nusers < s->min_users;
	json_t *rec = json_object(), *ex = json_array(), *ci;
	double lo, hi;
	size_t j;

	for (j = 0; j < t->nex && !withheld; j++)
		json_array_append_new(ex, json_stringn(t->ex[j].text, t->ex[j].len));
	json_object_set_new(rec, "id", c >= 0 ? json_integer(c) : json_null());
	json_object_set_new(rec, "label", withheld ? json_null() : label_of(l, c));
	json_object_set_new(rec, "terms", withheld ? json_array() : terms_of(l, c));
	json_object_set_new(rec, "exemplars", ex);
	json_object_set_new(rec, "size", json_integer((json_int_t)t->n));
	json_object_set_new(rec, "share", json_real(round4((double)t->n / (double)s->total)));
	if (s->any_score)
		json_object_set_new(rec, "score_mean",
		                    t->nscore ? json_real(round4(t->sum / (double)t->nscore))
		                              : json_null());
	*key = (double)t->n;
	if (s->any_label) {
		if (t->cnt.n > 0 && fb_stats_wilson(&t->cnt, 0.95, &lo, &hi, NULL) == 0) {
			*key = (double)t->n * (double)t->cnt.successes / (double)t->cnt.n;
			json_object_set_new(
			    rec, "negative_rate",
			    json_real(round4((double)t->cnt.successes / (double)t->cnt.n)));
			ci = json_pack("[f,f]", round4(lo), round4(hi));
		} else {
			*key = 0;
			json_object_set_new(rec, "negative_rate", json_null());
			ci = json_null();
		}
		json_object_set_new(rec, "negative_ci", ci);
	}
	if (s->min_users > 0)
		json_object_set_new(rec, "withheld", json_boolean(withheld));
	return rec;
}

json_t *fb_cluster_summary_records(const struct fb_cluster_summary *s,
                                   const struct fb_cluster_labels *l)
{
	struct group *g = fb_xmalloc((s->k + 2) * sizeof *g);
	json_t *out = json_array();
	size_t ng = 0, i, c;

	for (c = 0; c <= s->k; c++) {
		if (s->t[c].n == 0)
			continue;
		g[ng].id = c < s->k ? (int32_t)c : -1;
		g[ng].rec = summary_of(s, l, g[ng].id, &g[ng].key);
		ng++;
	}
	qsort(g, ng, sizeof *g, cmp_group);
	for (i = 0; i < ng; i++)
		json_array_append_new(out, g[i].rec);
	free(g);
	return out;
}

void fb_cluster_summary_free(struct fb_cluster_summary *s)
{
	size_t c, j;

	if (!s)
		return;
	for (c = 0; c <= s->k; c++) {
		for (j = 0; j < s->t[c].nex; j++)
			free(s->t[c].ex[j].text);
		free(s->t[c].ex);
		free(s->t[c].users);
	}
	free(s->t);
	free(s);
}
