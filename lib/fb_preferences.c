/* The tally of pairwise preferences and its leaderboard. */
#include "fb_preferences.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_jsonl.h"
#include "fb_map.h"

/* Models are numbered in order of first appearance; wins and ties are
 * cap × cap matrices (ties only above the diagonal). */
struct fb_prefs {
	struct fb_map *index; /* name → number + 1 */
	char **name;
	size_t n, cap;
	uint64_t *wins, *ties;
};

struct fb_prefs *fb_prefs_new(void)
{
	struct fb_prefs *p = fb_xcalloc(1, sizeof *p);
	p->index = fb_map_new();
	return p;
}

void fb_prefs_free(struct fb_prefs *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		free(p->name[i]);
	free(p->name);
	free(p->wins);
	free(p->ties);
	fb_map_free(p->index);
	free(p);
}

static void grow(struct fb_prefs *p)
{
	size_t cap = p->cap ? 2 * p->cap : 8;
	uint64_t *wins = fb_xcalloc(cap * cap, sizeof *wins),
	         *ties = fb_xcalloc(cap * cap, sizeof *ties);
	for (size_t i = 0; i < p->n; i++)
		for (size_t j = 0; j < p->n; j++) {
			wins[i * cap + j] = p->wins[i * p->cap + j];
			ties[i * cap + j] = p->ties[i * p->cap + j];
		}
	free(p->wins);
	free(p->ties);
	p->wins = wins;
	p->ties = ties;
	p->name = fb_xrealloc(p->name, cap * sizeof *p->name);
	p->cap = cap;
}

static size_t model(struct fb_prefs *p, const char *name, size_t len)
{
	void *v = fb_map_get(p->index, name, len);
	if (v)
		return (size_t)(uintptr_t)v - 1;
	if (p->n == p->cap)
		grow(p);
	p->name[p->n] = fb_xstrndup(name, len);
	fb_map_put(p->index, name, len, (void *)(uintptr_t)(p->n + 1));
	return p->n++;
}

static const json_t *string_field(const json_t *rec, const char *key, struct fb_error *err)
{
	const json_t *v = json_object_get(rec, key);
	if (!v || json_is_null(v))
		fb_error_set(err, 0, 0, "%s: missing", key);
	else if (!json_is_string(v))
		fb_error_set(err, 0, 0, "%s: expected a string, got %s", key,
		             fb_jsonl_type_name(v));
	else
		return v;
	return NULL;
}

static int same(const json_t *s, const char *text)
{
	return json_string_length(s) == strlen(text) &&
	       !memcmp(json_string_value(s), text, strlen(text));
}

/* 0 when a won, 1 when b won, 2 for a tie, -1 when winner says none. */
static int outcome(const json_t *w, const json_t *a, const json_t *b)
{
	static const char *const ties[] = { "tie", "tie (bothbad)", "both_bad" };
	if (same(w, "model_a") || same(w, "a") || json_equal(w, a))
		return 0;
	if (same(w, "model_b") || same(w, "b") || json_equal(w, b))
		return 1;
	for (size_t i = 0; i < sizeof ties / sizeof *ties; i++)
		if (same(w, ties[i]))
			return 2;
	return -1;
}

int fb_prefs_add(struct fb_prefs *p, const json_t *rec, struct fb_error *err)
{
	const json_t *a = string_field(rec, "model_a", err), *b, *w;
	int o;
	if (!a || !(b = string_field(rec, "model_b", err)) ||
	    !(w = string_field(rec, "winner", err)))
		return -1;
	if (json_equal(a, b)) {
		fb_error_set(err, 0, 0, "model_a and model_b are both '%s'", json_string_value(a));
		return -1;
	}
	o = outcome(w, a, b);
	if (o < 0) {
		fb_error_set(err, 0, 0,
		             "winner: '%s' is not model_a, model_b, one of the models or a tie",
		             json_string_value(w));
		return -1;
	}
	size_t i = model(p, json_string_value(a), json_string_length(a));
	size_t j = model(p, json_string_value(b), json_string_length(b));
	if (o == 2)
		p->ties[i < j ? i * p->cap + j : j * p->cap + i]++;
	else
		p->wins[o == 0 ? i * p->cap + j : j * p->cap + i]++;
	return 0;
}

/* The tally as dense n × n matrices, as fb_stats_bt_fit() takes them. */
static void dense(const struct fb_prefs *p, uint64_t *wins, uint64_t *ties)
{
	for (size_t i = 0; i < p->n; i++)
		for (size_t j = 0; j < p->n; j++) {
			wins[i * p->n + j] = p->wins[i * p->cap + j];
			ties[i * p->n + j] = p->ties[i * p->cap + j];
		}
}

struct ranked {
	double strength;
	size_t model;
};

/* Strongest first; the first seen first among equals. */
static int by_strength(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;
	if (a->strength != b->strength)
		return a->strength > b->strength ? -1 : 1;
	return a->model < b->model ? -1 : a->model > b->model;
}

static json_t *number_or_null(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

static double rating(double beta)
{
	return 1000 + 400 * beta / log(10);
}

static json_t *model_row(const struct fb_prefs *p, const struct fb_stats_bt_result *r, size_t i,
                         size_t rank)
{
	uint64_t wins = 0, losses = 0, ties = 0;
	for (size_t j = 0; j < p->n; j++) {
		wins += p->wins[i * p->cap + j];
		losses += p->wins[j * p->cap + i];
		ties += p->ties[i < j ? i * p->cap + j : j * p->cap + i];
	}
	return json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:f, s:f, s:o, s:o}", "kind", "model",
	                 "model", p->name[i], "rank", (json_int_t)rank, "games",
	                 (json_int_t)(wins + losses + ties), "wins", (json_int_t)wins, "losses",
	                 (json_int_t)losses, "ties", (json_int_t)ties, "strength", r->strength[i],
	                 "rating", rating(r->strength[i]), "rating_low",
	                 number_or_null(rating(r->ci_low[i])), "rating_high",
	                 number_or_null(rating(r->ci_high[i])));
}

struct pair {
	size_t a, b;
	uint64_t wins_a, wins_b, ties;
	double p_value;
};

/* The pairs that met, better-ranked model first, in rank order. */
static size_t pairs_of(const struct fb_prefs *p, const size_t *order, struct pair *out,
                       struct fb_error *err)
{
	size_t n = 0;
	for (size_t x = 0; x < p->n; x++)
		for (size_t y = x + 1; y < p->n; y++) {
			size_t a = order[x], b = order[y];
			struct pair q = { a,
				          b,
				          p->wins[a * p->cap + b],
				          p->wins[b * p->cap + a],
				          p->ties[a < b ? a * p->cap + b : b * p->cap + a],
				          NAN };
			struct fb_stats_result res;
			if (q.wins_a + q.wins_b + q.ties == 0)
				continue;
			if (q.wins_a + q.wins_b > 0) {
				if (fb_stats_sign_test(q.wins_a, q.wins_b, NULL, &res, err) < 0)
					return (size_t)-1;
				q.p_value = res.p_value;
			}
			out[n++] = q;
		}
	return n;
}

static int add_pairs(const struct fb_prefs *p, const struct fb_prefs_opts *o,
                     const struct fb_stats_bt_result *r, const size_t *order, json_t *rows,
                     struct fb_error *err)
{
	struct pair *pairs = fb_xmalloc((p->n * (p->n - 1) / 2 + 1) * sizeof *pairs);
	double *pv = fb_xmalloc((p->n * (p->n - 1) / 2 + 1) * sizeof *pv);
	size_t n = pairs_of(p, order, pairs, err), k = 0;
	int rc = -1;
	if (n == (size_t)-1)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (!isnan(pairs[i].p_value))
			pv[k++] = pairs[i].p_value;
	if (fb_stats_p_adjust(pv, k, o->adjust, pv, err) < 0)
		goto out;
	k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct pair *q = &pairs[i];
		double expected = 1 / (1 + exp(r->strength[q->b] - r->strength[q->a]));
		int tested = !isnan(q->p_value);
		json_array_append_new(
		    rows, json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:f, s:o, s:o}", "kind",
		                    "pair", "model_a", p->name[q->a], "model_b", p->name[q->b],
		                    "games", (json_int_t)(q->wins_a + q->wins_b + q->ties),
		                    "wins_a", (json_int_t)q->wins_a, "wins_b",
		                    (json_int_t)q->wins_b, "ties", (json_int_t)q->ties,
		                    "expected_a", expected, "p_value", number_or_null(q->p_value),
		                    "p_adjusted", tested ? json_real(pv[k++]) : json_null()));
	}
	rc = 0;
out:
	free(pairs);
	free(pv);
	return rc;
}

json_t *fb_prefs_result(const struct fb_prefs *p, const struct fb_prefs_opts *o,
                        struct fb_error *err)
{
	size_t n = p->n;
	uint64_t *wins = fb_xmalloc((n * n + 1) * sizeof *wins);
	uint64_t *ties = fb_xmalloc((n * n + 1) * sizeof *ties);
	size_t *order = fb_xmalloc((n + 1) * sizeof *order);
	struct ranked *ranked = fb_xmalloc((n + 1) * sizeof *ranked);
	struct fb_stats_bt_result r;
	json_t *rows = NULL;
	dense(p, wins, ties);
	if (fb_stats_bt_fit(n, wins, ties, &o->bt, &r, err) < 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		ranked[i] = (struct ranked){ r.strength[i], i };
	qsort(ranked, n, sizeof *ranked, by_strength);
	for (size_t i = 0; i < n; i++)
		order[i] = ranked[i].model;
	rows = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(rows, model_row(p, &r, order[i], i + 1));
	if (add_pairs(p, o, &r, order, rows, err) < 0) {
		json_decref(rows);
		rows = NULL;
	}
	fb_stats_bt_result_free(&r);
out:
	free(wins);
	free(ties);
	free(order);
	free(ranked);
	return rows;
}
