#include "fb_eval_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fb_alloc.h"
#include "fb_jsonl.h"
#include "fb_map.h"
#include "fb_stats.h"
#include "fb_time.h"

#define DAY 86400.0
/* The years 0000 to 9999, as fb_time reads them. */
#define MIN_SECONDS (-62167219200.0)
#define END_SECONDS 253402300800.0

struct group {
	enum fb_eval_report_group kind;
	long long id;
	char *label;
};

/* The sums of one group in one period. */
struct cell {
	struct group *g;
	long long period; /* day number of the day or of the week's Monday; 0 without */
	uint64_t n, explicit_n, positive, negative;
	struct fb_stats_moments score;
	uint64_t *sig; /* per signal name: negative interactions it was in */
	size_t nsig;
};

struct fb_eval_report {
	enum fb_eval_report_by by;
	struct fb_map *groups, *cells, *names;
	struct group *overall; /* all records */
	struct group **garr;
	struct cell **carr;
	char **name;
	size_t ngroups, gcap, ncells, ccap, nnames, ncap, nintents, nperiods;
	const char **scratch; /* signal names of the record being added */
	size_t scap;
};

const char *const fb_eval_report_fields[FB_EVAL_REPORT_NFIELDS] = {
	"rank",
	"n",
	"share",
	"explicit_rate",
	"positive_rate",
	"positive_rate_low",
	"positive_rate_high",
	"negative_rate",
	"negative_rate_low",
	"negative_rate_high",
	"mean_score",
	"impact",
	"previous_n",
	"delta_n",
	"delta_share",
	"delta_explicit_rate",
	"delta_positive_rate",
	"delta_negative_rate",
	"delta_mean_score",
};

int fb_eval_report_by_from_name(const char *name)
{
	if (strcmp(name, "day") == 0)
		return FB_EVAL_REPORT_DAY;
	if (strcmp(name, "week") == 0)
		return FB_EVAL_REPORT_WEEK;
	return -1;
}

struct fb_eval_report *fb_eval_report_new(enum fb_eval_report_by by)
{
	struct fb_eval_report *r = fb_xcalloc(1, sizeof *r);

	r->by = by;
	r->groups = fb_map_new();
	r->cells = fb_map_new();
	r->names = fb_map_new();
	return r;
}

void fb_eval_report_free(struct fb_eval_report *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->ngroups; i++) {
		free(r->garr[i]->label);
		free(r->garr[i]);
	}
	for (i = 0; i < r->ncells; i++) {
		free(r->carr[i]->sig);
		free(r->carr[i]);
	}
	for (i = 0; i < r->nnames; i++)
		free(r->name[i]);
	free(r->garr);
	free(r->carr);
	free(r->name);
	free(r->scratch);
	fb_map_free(r->groups);
	fb_map_free(r->cells);
	fb_map_free(r->names);
	free(r);
}

size_t fb_eval_report_nperiods(const struct fb_eval_report *r)
{
	return r->nperiods;
}

size_t fb_eval_report_nintents(const struct fb_eval_report *r)
{
	return r->nintents;
}

/* Map keys: the group's kind and id, and the period, as bytes. */
#define KEYSIZE (1 + 2 * sizeof(long long))

static size_t key_of(char *key, enum fb_eval_report_group kind, long long id, long long period)
{
	key[0] = (char)kind;
	memcpy(key + 1, &id, sizeof id);
	memcpy(key + 1 + sizeof id, &period, sizeof period);
	return KEYSIZE;
}

static struct group *group_get(struct fb_eval_report *r, enum fb_eval_report_group kind,
                               long long id, const char *label)
{
	char key[KEYSIZE];
	size_t len = key_of(key, kind, id, 0) - sizeof(long long);
	struct group *g = fb_map_get(r->groups, key, len);

	if (g)
		return g;
	g = fb_xcalloc(1, sizeof *g);
	g->kind = kind;
	g->id = id;
	g->label = label ? fb_xstrdup(label) : NULL;
	fb_map_put(r->groups, key, len, g);
	r->garr = fb_xgrow(r->garr, &r->gcap, r->ngroups + 1, sizeof *r->garr);
	r->garr[r->ngroups++] = g;
	r->nintents += kind == FB_EVAL_REPORT_INTENT;
	return g;
}

static struct cell *cell_find(const struct fb_eval_report *r, const struct group *g,
                              long long period)
{
	char key[KEYSIZE];

	return fb_map_get(r->cells, key, key_of(key, g->kind, g->id, period));
}

static struct cell *cell_get(struct fb_eval_report *r, struct group *g, long long period)
{
	char key[KEYSIZE];
	struct cell *c = cell_find(r, g, period);

	if (c)
		return c;
	c = fb_xcalloc(1, sizeof *c);
	c->g = g;
	c->period = period;
	fb_map_put(r->cells, key, key_of(key, g->kind, g->id, period), c);
	r->carr = fb_xgrow(r->carr, &r->ccap, r->ncells + 1, sizeof *r->carr);
	r->carr[r->ncells++] = c;
	r->nperiods += g->kind == FB_EVAL_REPORT_OVERALL;
	return c;
}

static size_t name_index(struct fb_eval_report *r, const char *name)
{
	size_t len = strlen(name);
	void *v = fb_map_get(r->names, name, len);

	if (v)
		return (size_t)(uintptr_t)v - 1;
	r->name = fb_xgrow(r->name, &r->ncap, r->nnames + 1, sizeof *r->name);
	r->name[r->nnames] = fb_xstrdup(name);
	fb_map_put(r->names, name, len, (void *)(uintptr_t)(r->nnames + 1));
	return r->nnames++;
}

static void cell_add(struct fb_eval_report *r, struct cell *c, const struct fb_eval_report_item *it,
                     const size_t *sigidx)
{
	size_t i, cap;

	c->n++;
	c->explicit_n += it->has_explicit != 0;
	c->positive += it->rating == FB_EVAL_REPORT_POSITIVE;
	c->negative += it->rating == FB_EVAL_REPORT_NEGATIVE;
	fb_stats_moments_add(&c->score, it->score);
	if (it->rating != FB_EVAL_REPORT_NEGATIVE)
		return;
	for (i = 0; i < it->nsignals; i++) {
		if (sigidx[i] >= c->nsig) {
			cap = c->nsig;
			c->sig = fb_xgrow(c->sig, &cap, r->nnames, sizeof *c->sig);
			memset(c->sig + c->nsig, 0, (cap - c->nsig) * sizeof *c->sig);
			c->nsig = cap;
		}
		c->sig[sigidx[i]]++;
	}
}

/* The period of epoch seconds t: the day number of the day, or of the
 * Monday of its ISO week (1970-01-01, day 0, was a Thursday). */
static long long period_of(enum fb_eval_report_by by, double t)
{
	long long day = (long long)floor(t / DAY), wd;

	if (by != FB_EVAL_REPORT_WEEK)
		return day;
	wd = ((day + 3) % 7 + 7) % 7; /* 0 on Monday */
	return day - wd;
}

int fb_eval_report_add(struct fb_eval_report *r, const struct fb_eval_report_item *it,
                       struct fb_error *err)
{
	long long period = 0;
	size_t small[16], *sigidx = small, i;
	struct group *g;

	if (r->by != FB_EVAL_REPORT_ALL) {
		if (!(it->timestamp >= MIN_SECONDS && it->timestamp < END_SECONDS)) {
			fb_error_set(err, 0, 0, "timestamp: out of range");
			return -1;
		}
		period = period_of(r->by, it->timestamp);
	}
	if (it->rating == FB_EVAL_REPORT_NEGATIVE) {
		if (it->nsignals > sizeof small / sizeof small[0])
			sigidx = fb_xmalloc(it->nsignals * sizeof *sigidx);
		for (i = 0; i < it->nsignals; i++)
			sigidx[i] = name_index(r, it->signals[i]);
	}
	g = it->outlier ? group_get(r, FB_EVAL_REPORT_OUTLIERS, 0, NULL)
	                : group_get(r, FB_EVAL_REPORT_INTENT, it->intent, it->label);
	cell_add(r, cell_get(r, g, period), it, sigidx);
	if (!r->overall)
		r->overall = group_get(r, FB_EVAL_REPORT_OVERALL, 0, NULL);
	cell_add(r, cell_get(r, r->overall, period), it, sigidx);
	if (sigidx != small)
		free(sigidx);
	return 0;
}

/* ---- reading records ---- */

static int check_intent(const json_t *rec, struct fb_eval_report_item *it, struct fb_error *err)
{
	const json_t *intent = json_object_get(rec, "intent"), *id, *label;

	if (!intent) {
		fb_error_set(err, 0, 0, "intent: missing");
		return -1;
	}
	if (!json_is_object(intent)) {
		fb_error_set(err, 0, 0, "intent: expected an object, got %s",
		             fb_jsonl_type_name(intent));
		return -1;
	}
	id = json_object_get(intent, "id");
	label = json_object_get(intent, "label");
	if (!id) {
		fb_error_set(err, 0, 0, "intent.id: missing");
		return -1;
	}
	if (!json_is_integer(id) && !json_is_null(id)) {
		fb_error_set(err, 0, 0, "intent.id: expected an integer or null, got %s",
		             fb_jsonl_type_name(id));
		return -1;
	}
	if (label && !json_is_string(label) && !json_is_null(label)) {
		fb_error_set(err, 0, 0, "intent.label: expected a string or null, got %s",
		             fb_jsonl_type_name(label));
		return -1;
	}
	it->outlier = json_is_null(id);
	it->intent = it->outlier ? 0 : (long long)json_integer_value(id);
	it->label = json_is_string(label) ? json_string_value(label) : NULL;
	return 0;
}

static int check_rating(const json_t *rec, struct fb_eval_report_item *it, struct fb_error *err)
{
	static const char *const names[] = { "positive", "negative", "neutral" };
	const json_t *label = json_object_get(rec, "label"), *score = json_object_get(rec, "score");
	size_t i;

	if (!label) {
		fb_error_set(err, 0, 0, "label: missing");
		return -1;
	}
	if (!json_is_string(label)) {
		fb_error_set(err, 0, 0, "label: expected a string, got %s",
		             fb_jsonl_type_name(label));
		return -1;
	}
	for (i = 0; i < 3 && strcmp(json_string_value(label), names[i]) != 0; i++)
		;
	if (i == 3) {
		fb_error_set(err, 0, 0, "label: expected positive, negative or neutral, got '%s'",
		             json_string_value(label));
		return -1;
	}
	it->rating = (enum fb_eval_report_label)i;
	if (!score) {
		fb_error_set(err, 0, 0, "score: missing");
		return -1;
	}
	if (!json_is_number(score)) {
		fb_error_set(err, 0, 0, "score: expected a number, got %s",
		             fb_jsonl_type_name(score));
		return -1;
	}
	it->score = json_number_value(score);
	return 0;
}

static int check_timestamp(const json_t *rec, double *t, struct fb_error *err)
{
	const json_t *v = json_object_get(rec, "timestamp");

	if (!v || json_is_null(v)) {
		fb_error_set(err, 0, 0, "timestamp: missing");
		return -1;
	}
	if (!json_is_string(v) && !json_is_number(v)) {
		fb_error_set(err, 0, 0, "timestamp: expected a string or a number, got %s",
		             fb_jsonl_type_name(v));
		return -1;
	}
	if (fb_time_from_json(v, t) < 0) {
		if (json_is_string(v))
			fb_error_set(err, 0, 0, "timestamp: '%s' is not a date-time",
			             json_string_value(v));
		else
			fb_error_set(err, 0, 0, "timestamp: out of range");
		return -1;
	}
	return 0;
}

int fb_eval_report_add_json(struct fb_eval_report *r, const json_t *rec, struct fb_error *err)
{
	struct fb_eval_report_item it = { 0 };
	const json_t *ex = json_object_get(rec, "explicit"), *sig = json_object_get(rec, "signals");
	const char *key;
	json_t *v;

	if (check_intent(rec, &it, err) < 0 || check_rating(rec, &it, err) < 0)
		return -1;
	if (ex && !json_is_object(ex) && !json_is_null(ex)) {
		fb_error_set(err, 0, 0, "explicit: expected an object or null, got %s",
		             fb_jsonl_type_name(ex));
		return -1;
	}
	it.has_explicit = json_is_object(ex);
	if (sig && !json_is_object(sig)) {
		fb_error_set(err, 0, 0, "signals: expected an object, got %s",
		             fb_jsonl_type_name(sig));
		return -1;
	}
	if (r->by != FB_EVAL_REPORT_ALL && check_timestamp(rec, &it.timestamp, err) < 0)
		return -1;
	if (sig) {
		r->scratch =
		    fb_xgrow(r->scratch, &r->scap, json_object_size(sig) + 1, sizeof *r->scratch);
		json_object_foreach ((json_t *)sig, key, v)
			r->scratch[it.nsignals++] = key;
		it.signals = r->scratch;
	}
	return fb_eval_report_add(r, &it, err);
}

/* ---- rows ---- */

static int cmp_cells(const void *a, const void *b)
{
	const struct cell *x = *(const struct cell *const *)a, *y = *(const struct cell *const *)b;

	if (x->period != y->period)
		return x->period < y->period ? -1 : 1;
	if (x->g->kind != y->g->kind)
		return x->g->kind < y->g->kind ? -1 : 1;
	if (x->negative != y->negative)
		return x->negative > y->negative ? -1 : 1;
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return (x->g->id > y->g->id) - (x->g->id < y->g->id);
}

struct sigcount {
	const char *name;
	uint64_t count;
};

static int cmp_sig(const void *a, const void *b)
{
	const struct sigcount *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void top_signals(const struct fb_eval_report *r, const struct cell *c, size_t k,
                        struct fb_eval_report_row *row)
{
	struct sigcount *s;
	size_t i, n = 0;

	if (k == 0 || c->negative == 0)
		return;
	s = fb_xmalloc((c->nsig + 1) * sizeof *s);
	for (i = 0; i < c->nsig; i++)
		if (c->sig[i] > 0) {
			s[n].name = r->name[i];
			s[n++].count = c->sig[i];
		}
	qsort(s, n, sizeof *s, cmp_sig);
	row->ntop = n < k ? n : k;
	row->top = fb_xmalloc((row->ntop + 1) * sizeof *row->top);
	for (i = 0; i < row->ntop; i++) {
		row->top[i].name = s[i].name;
		row->top[i].count = s[i].count;
		row->top[i].share = (double)s[i].count / (double)c->negative;
	}
	free(s);
}

static void period_name(enum fb_eval_report_by by, long long period, char *buf, size_t size)
{
	time_t t = (time_t)(period * 86400LL);
	struct tm tm;

	buf[0] = '\0';
	if (by == FB_EVAL_REPORT_ALL || !gmtime_r(&t, &tm))
		return;
	strftime(buf, size, by == FB_EVAL_REPORT_DAY ? "%Y-%m-%d" : "%G-W%V", &tm);
}

static int fill_row(const struct fb_eval_report *r, const struct cell *c, size_t k,
                    double conf_level, struct fb_eval_report_row *row, struct fb_error *err)
{
	struct fb_stats_count pos = { c->n, c->positive }, neg = { c->n, c->negative };
	const struct cell *all = cell_find(r, r->overall, c->period);
	const struct cell *prev = NULL, *prev_all;
	double n = (double)c->n, pn;

	row->group = c->g->kind;
	row->id = c->g->id;
	row->label = c->g->label;
	period_name(r->by, c->period, row->period, sizeof row->period);
	row->n = c->n;
	row->explicit_n = c->explicit_n;
	row->positive = c->positive;
	row->negative = c->negative;
	row->neutral = c->n - c->positive - c->negative;
	row->share = n / (double)all->n;
	row->explicit_rate = (double)c->explicit_n / n;
	row->positive_rate = (double)c->positive / n;
	row->negative_rate = (double)c->negative / n;
	row->mean_score = c->score.mean;
	if (fb_stats_wilson(&pos, conf_level, &row->positive_low, &row->positive_high, err) < 0 ||
	    fb_stats_wilson(&neg, conf_level, &row->negative_low, &row->negative_high, err) < 0)
		return -1;
	top_signals(r, c, k, row);
	row->delta_share = row->delta_explicit_rate = row->delta_positive_rate =
	    row->delta_negative_rate = row->delta_mean_score = NAN;
	if (r->by == FB_EVAL_REPORT_ALL)
		return 0;
	prev = cell_find(r, c->g, c->period - (r->by == FB_EVAL_REPORT_WEEK ? 7 : 1));
	if (!prev)
		return 0;
	prev_all = cell_find(r, r->overall, prev->period);
	pn = (double)prev->n;
	row->previous_n = prev->n;
	row->delta_share = row->share - pn / (double)prev_all->n;
	row->delta_explicit_rate = row->explicit_rate - (double)prev->explicit_n / pn;
	row->delta_positive_rate = row->positive_rate - (double)prev->positive / pn;
	row->delta_negative_rate = row->negative_rate - (double)prev->negative / pn;
	row->delta_mean_score = row->mean_score - prev->score.mean;
	return 0;
}

struct fb_eval_report_row *fb_eval_report_rows(const struct fb_eval_report *r, size_t top_signals_k,
                                               double conf_level, size_t *n, struct fb_error *err)
{
	struct cell **order;
	struct fb_eval_report_row *rows;
	size_t i, rank = 0;
	long long last;

	*n = 0;
	if (r->ncells == 0)
		return NULL;
	order = fb_xmalloc(r->ncells * sizeof *order);
	memcpy(order, r->carr, r->ncells * sizeof *order);
	qsort(order, r->ncells, sizeof *order, cmp_cells);
	last = order[r->ncells - 1]->period;
	rows = fb_xcalloc(r->ncells, sizeof *rows);
	for (i = 0; i < r->ncells; i++) {
		if (fill_row(r, order[i], top_signals_k, conf_level, &rows[i], err) < 0) {
			fb_eval_report_rows_free(rows, i + 1);
			free(order);
			return NULL;
		}
		if (i == 0 || order[i]->period != order[i - 1]->period)
			rank = 0;
		if (rows[i].group == FB_EVAL_REPORT_INTENT)
			rows[i].rank = ++rank;
		rows[i].last_period = order[i]->period == last;
	}
	free(order);
	*n = r->ncells;
	return rows;
}

void fb_eval_report_rows_free(struct fb_eval_report_row *rows, size_t n)
{
	size_t i;

	for (i = 0; rows && i < n; i++)
		free(rows[i].top);
	free(rows);
}
