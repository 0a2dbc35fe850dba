#include "fb_arms.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_map.h"

struct cell {
	uint64_t records;
	struct fb_arm arm[]; /* one per metric */
};

/* One pair id of a paired design: the variants it has a record of and,
 * per variant, one value per metric (NaN for none). */
struct pair {
	size_t nsides, cap;
	size_t *variant;
	double *values; /* nsides × nmetrics */
};

/* The pairs of one segment, in the order first seen. */
struct pairlist {
	struct pair **p;
	size_t n, cap;
};

/* A unit of randomisation: the variant it was first seen under, whether
 * it was seen under another too, its covariate and its id. */
struct unit {
	size_t variant;
	int contaminated;
	double covariate;
	size_t len;
	char id[];
};

/* The sums of one unit in one segment: per metric, the sum of its values,
 * the sum of their denominators and their number. */
struct unitsums {
	const struct unit *unit;
	size_t variant;
	double v[];
};

/* The unit sums of one segment, in the order first seen. */
struct unitlist {
	struct unitsums **u;
	size_t n, cap;
};

/* Names numbered in the order first seen. */
struct names {
	struct fb_map *index; /* name → index + 1 */
	char **name;
	size_t n, cap;
};

struct fb_arms {
	size_t nmetrics;
	int *keep;
	struct names variants, segments;
	struct fb_map *cells; /* (segment, variant) → struct cell */
	size_t *order;        /* segment, variant of each cell, first seen first */
	size_t ncells, order_cap;
	struct fb_arm empty;
	struct fb_map *pair_index; /* (segment, id) → struct pair */
	struct pairlist *pairs;    /* per segment */
	size_t npairlists;
	struct fb_map *unit_index; /* id → struct unit */
	struct unit **units;
	size_t nunits, units_cap;
	uint64_t contaminated;
	struct fb_map *sums_index; /* (segment, id) → struct unitsums */
	struct unitlist *sums;     /* per segment */
	size_t nsumlists;
};

struct fb_arms *fb_arms_new(size_t nmetrics, const int *keep_values)
{
	struct fb_arms *a = fb_xcalloc(1, sizeof *a);
	size_t i;

	a->nmetrics = nmetrics;
	a->keep = fb_xcalloc(nmetrics ? nmetrics : 1, sizeof *a->keep);
	for (i = 0; keep_values && i < nmetrics; i++)
		a->keep[i] = keep_values[i];
	a->variants.index = fb_map_new();
	a->segments.index = fb_map_new();
	a->cells = fb_map_new();
	a->pair_index = fb_map_new();
	a->unit_index = fb_map_new();
	a->sums_index = fb_map_new();
	return a;
}

static void free_names(struct names *n)
{
	size_t i;

	for (i = 0; i < n->n; i++)
		free(n->name[i]);
	free(n->name);
	fb_map_free(n->index);
}

void fb_arms_free(struct fb_arms *a)
{
	size_t pos = 0, len, i;
	const char *key;
	void *v;
	struct cell *c;

	if (!a)
		return;
	while (fb_map_next(a->cells, &pos, &key, &len, &v)) {
		c = v;
		for (i = 0; i < a->nmetrics; i++)
			free(c->arm[i].values);
		free(c);
	}
	fb_map_free(a->cells);
	free(a->order);
	for (i = 0; i < a->npairlists; i++) {
		for (pos = 0; pos < a->pairs[i].n; pos++) {
			free(a->pairs[i].p[pos]->variant);
			free(a->pairs[i].p[pos]->values);
			free(a->pairs[i].p[pos]);
		}
		free(a->pairs[i].p);
	}
	free(a->pairs);
	fb_map_free(a->pair_index);
	for (i = 0; i < a->nsumlists; i++) {
		for (pos = 0; pos < a->sums[i].n; pos++)
			free(a->sums[i].u[pos]);
		free(a->sums[i].u);
	}
	free(a->sums);
	fb_map_free(a->sums_index);
	for (i = 0; i < a->nunits; i++)
		free(a->units[i]);
	free(a->units);
	fb_map_free(a->unit_index);
	free_names(&a->variants);
	free_names(&a->segments);
	free(a->keep);
	free(a);
}

static size_t intern(struct names *n, const char *name, size_t len)
{
	void *v = fb_map_get(n->index, name, len);

	if (v)
		return (size_t)(uintptr_t)v - 1;
	n->name = fb_xgrow(n->name, &n->cap, n->n + 1, sizeof *n->name);
	n->name[n->n] = fb_xstrndup(name, len);
	fb_map_put(n->index, name, len, (void *)(uintptr_t)(n->n + 1));
	return n->n++;
}

size_t fb_arms_variant(struct fb_arms *a, const char *name, size_t len)
{
	return intern(&a->variants, name, len);
}

size_t fb_arms_segment(struct fb_arms *a, const char *name, size_t len)
{
	return intern(&a->segments, name, len);
}

long fb_arms_find_variant(const struct fb_arms *a, const char *name)
{
	void *v = fb_map_get(a->variants.index, name, strlen(name));

	return v ? (long)(uintptr_t)v - 1 : -1;
}

size_t fb_arms_nvariants(const struct fb_arms *a)
{
	return a->variants.n;
}

size_t fb_arms_nsegments(const struct fb_arms *a)
{
	return a->segments.n;
}

size_t fb_arms_nmetrics(const struct fb_arms *a)
{
	return a->nmetrics;
}

const char *fb_arms_variant_name(const struct fb_arms *a, size_t variant)
{
	return a->variants.name[variant];
}

const char *fb_arms_segment_name(const struct fb_arms *a, size_t segment)
{
	return a->segments.name[segment];
}

static struct cell *cell(const struct fb_arms *a, size_t segment, size_t variant)
{
	size_t key[2] = { segment, variant };

	return fb_map_get(a->cells, (const char *)key, sizeof key);
}

/* The cell, added when new. */
static struct cell *cell_add(struct fb_arms *a, size_t segment, size_t variant)
{
	size_t key[2] = { segment, variant };
	struct cell *c = cell(a, segment, variant);

	if (!c) {
		c = fb_xcalloc(1, sizeof *c + a->nmetrics * sizeof c->arm[0]);
		fb_map_put(a->cells, (const char *)key, sizeof key, c);
		a->order = fb_xgrow(a->order, &a->order_cap, 2 * (a->ncells + 1), sizeof *a->order);
		a->order[2 * a->ncells] = segment;
		a->order[2 * a->ncells + 1] = variant;
		a->ncells++;
	}
	return c;
}

void fb_arms_count_record(struct fb_arms *a, size_t segment, size_t variant)
{
	cell_add(a, segment, variant)->records++;
}

void fb_arms_add(struct fb_arms *a, size_t segment, size_t variant, size_t metric, double value)
{
	struct fb_arm *arm = &cell_add(a, segment, variant)->arm[metric];

	arm->count.n++;
	arm->count.successes += value != 0;
	fb_stats_moments_add(&arm->moments, value);
	if (a->keep[metric]) {
		arm->values =
		    fb_xgrow(arm->values, &arm->cap, arm->nvalues + 1, sizeof *arm->values);
		arm->values[arm->nvalues++] = value;
	}
}

void fb_arms_add_xy(struct fb_arms *a, size_t segment, size_t variant, size_t metric, double x,
                    double y)
{
	fb_arms_add(a, segment, variant, metric, x);
	fb_stats_ratio_add(&cell_add(a, segment, variant)->arm[metric].xy, x, y);
}

void fb_arms_add_records(struct fb_arms *a, size_t segment, size_t variant, uint64_t records)
{
	cell_add(a, segment, variant)->records += records;
}

void fb_arms_merge(struct fb_arms *a, size_t segment, size_t variant, size_t metric,
                   const struct fb_stats_count *count, const struct fb_stats_moments *moments)
{
	struct fb_arm *arm = &cell_add(a, segment, variant)->arm[metric];

	arm->count.n += count->n;
	arm->count.successes += count->successes;
	fb_stats_moments_merge(&arm->moments, moments);
}

void fb_arms_merge_xy(struct fb_arms *a, size_t segment, size_t variant, size_t metric,
                      const struct fb_stats_ratio *xy)
{
	fb_stats_ratio_merge(&cell_add(a, segment, variant)->arm[metric].xy, xy);
}

size_t fb_arms_ncells(const struct fb_arms *a)
{
	return a->ncells;
}

void fb_arms_cell(const struct fb_arms *a, size_t i, size_t *segment, size_t *variant)
{
	*segment = a->order[2 * i];
	*variant = a->order[2 * i + 1];
}

uint64_t fb_arms_records(const struct fb_arms *a, size_t segment, size_t variant)
{
	const struct cell *c = cell(a, segment, variant);

	return c ? c->records : 0;
}

uint64_t fb_arms_records_total(const struct fb_arms *a, size_t variant)
{
	uint64_t n = 0;
	size_t s;

	for (s = 0; s < a->segments.n; s++)
		n += fb_arms_records(a, s, variant);
	return n;
}

const struct fb_arm *fb_arms_get(const struct fb_arms *a, size_t segment, size_t variant,
                                 size_t metric)
{
	const struct cell *c = cell(a, segment, variant);

	return c ? &c->arm[metric] : &a->empty;
}

/* The side of variant in pair p, or -1. */
static long side(const struct pair *p, size_t variant)
{
	size_t i;

	for (i = 0; i < p->nsides; i++)
		if (p->variant[i] == variant)
			return (long)i;
	return -1;
}

int fb_arms_pair_add(struct fb_arms *a, size_t segment, const char *id, size_t len, size_t variant,
                     const double *values)
{
	char *key = fb_xmalloc(sizeof segment + len + 1);
	struct pairlist *l;
	struct pair *p;
	size_t i;

	memcpy(key, &segment, sizeof segment);
	memcpy(key + sizeof segment, id, len);
	p = fb_map_get(a->pair_index, key, sizeof segment + len);
	if (p && side(p, variant) >= 0) {
		free(key);
		return -1;
	}
	if (!p) {
		if (segment >= a->npairlists) {
			a->pairs = fb_xrealloc(a->pairs, (segment + 1) * sizeof *a->pairs);
			memset(a->pairs + a->npairlists, 0,
			       (segment + 1 - a->npairlists) * sizeof *a->pairs);
			a->npairlists = segment + 1;
		}
		l = &a->pairs[segment];
		p = fb_xcalloc(1, sizeof *p);
		l->p = fb_xgrow(l->p, &l->cap, l->n + 1, sizeof *l->p);
		l->p[l->n++] = p;
		fb_map_put(a->pair_index, key, sizeof segment + len, p);
	}
	free(key);
	if (p->nsides == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 2;
		p->variant = fb_xrealloc(p->variant, p->cap * sizeof *p->variant);
		p->values = fb_xrealloc(p->values, p->cap * (a->nmetrics ? a->nmetrics : 1) *
		                                       sizeof *p->values);
	}
	p->variant[p->nsides] = variant;
	for (i = 0; i < a->nmetrics; i++)
		p->values[p->nsides * a->nmetrics + i] = values[i];
	p->nsides++;
	return 0;
}

size_t fb_arms_pairs(const struct fb_arms *a, size_t segment, size_t control, size_t variant,
                     size_t metric, double **ctl, double **var, uint64_t *unpaired)
{
	const struct pairlist *l = segment < a->npairlists ? &a->pairs[segment] : NULL;
	size_t n = 0, i, m = a->nmetrics;
	long sc, sv;
	double x, y;

	*ctl = fb_xcalloc(l && l->n ? l->n : 1, sizeof **ctl);
	*var = fb_xcalloc(l && l->n ? l->n : 1, sizeof **var);
	*unpaired = 0;
	for (i = 0; l && i < l->n; i++) {
		sc = side(l->p[i], control);
		sv = side(l->p[i], variant);
		if ((sc < 0) != (sv < 0))
			(*unpaired)++;
		if (sc < 0 || sv < 0)
			continue;
		x = l->p[i]->values[(size_t)sc * m + metric];
		y = l->p[i]->values[(size_t)sv * m + metric];
		if (isnan(x) || isnan(y))
			continue;
		(*ctl)[n] = x;
		(*var)[n++] = y;
	}
	return n;
}

void fb_arms_pair_counts(const struct fb_arms *a, uint64_t *pairs, uint64_t *incomplete)
{
	size_t s, i;

	*pairs = *incomplete = 0;
	for (s = 0; s < a->npairlists; s++)
		for (i = 0; i < a->pairs[s].n; i++) {
			(*pairs)++;
			*incomplete += a->pairs[s].p[i]->nsides < a->variants.n;
		}
}

/* The unit id, added when new with the covariate; NULL when it has
 * another covariate. */
static struct unit *unit_get(struct fb_arms *a, const char *id, size_t len, size_t variant,
                             double covariate)
{
	struct unit *u = fb_map_get(a->unit_index, id, len);

	if (!u) {
		u = fb_xcalloc(1, sizeof *u + len + 1);
		u->variant = variant;
		u->covariate = covariate;
		u->len = len;
		memcpy(u->id, id, len);
		a->units = fb_xgrow(a->units, &a->units_cap, a->nunits + 1, sizeof *a->units);
		a->units[a->nunits++] = u;
		fb_map_put(a->unit_index, id, len, u);
	} else if (!(u->covariate == covariate || (isnan(u->covariate) && isnan(covariate)))) {
		return NULL;
	}
	return u;
}

/* Marks u contaminated when seen under a second variant or when told. */
static void unit_mark(struct fb_arms *a, struct unit *u, size_t variant, int contaminated)
{
	if ((u->variant != variant || contaminated) && !u->contaminated) {
		u->contaminated = 1;
		a->contaminated++;
	}
}

/* The sums of unit u in segment, added when new. */
static struct unitsums *sums_get(struct fb_arms *a, size_t segment, const struct unit *u,
                                 size_t variant)
{
	char *key = fb_xmalloc(sizeof segment + u->len + 1);
	struct unitsums *us;
	struct unitlist *l;

	memcpy(key, &segment, sizeof segment);
	memcpy(key + sizeof segment, u->id, u->len);
	us = fb_map_get(a->sums_index, key, sizeof segment + u->len);
	if (!us) {
		if (segment >= a->nsumlists) {
			a->sums = fb_xrealloc(a->sums, (segment + 1) * sizeof *a->sums);
			memset(a->sums + a->nsumlists, 0,
			       (segment + 1 - a->nsumlists) * sizeof *a->sums);
			a->nsumlists = segment + 1;
		}
		l = &a->sums[segment];
		us = fb_xcalloc(1, sizeof *us + 3 * a->nmetrics * sizeof us->v[0]);
		us->unit = u;
		us->variant = variant;
		l->u = fb_xgrow(l->u, &l->cap, l->n + 1, sizeof *l->u);
		l->u[l->n++] = us;
		fb_map_put(a->sums_index, key, sizeof segment + u->len, us);
	}
	free(key);
	return us;
}

int fb_arms_unit_add(struct fb_arms *a, size_t segment, const char *id, size_t len, size_t variant,
                     const double *values, const double *dens, double covariate)
{
	struct unit *u = unit_get(a, id, len, variant, covariate);
	struct unitsums *us;
	size_t i;

	if (!u)
		return -1;
	unit_mark(a, u, variant, 0);
	us = sums_get(a, segment, u, variant);
	for (i = 0; i < a->nmetrics; i++)
		if (!isnan(values[i])) {
			us->v[3 * i] += values[i];
			us->v[3 * i + 1] += dens ? dens[i] : 1;
			us->v[3 * i + 2]++;
		}
	return 0;
}

int fb_arms_unit_merge(struct fb_arms *a, const struct fb_arms_unit_sums *from)
{
	struct unit *u = unit_get(a, from->id, from->len, from->variant, from->covariate);
	struct unitsums *us;
	size_t i;

	if (!u)
		return -1;
	unit_mark(a, u, from->variant, from->contaminated);
	us = sums_get(a, from->segment, u, from->variant);
	for (i = 0; i < 3 * a->nmetrics; i++)
		us->v[i] += from->sums[i];
	return 0;
}

/* Whether us counts for metric in variant's arm. */
static int unit_counts(const struct unitsums *us, size_t variant, size_t metric)
{
	return !us->unit->contaminated && us->variant == variant && us->v[3 * metric + 2] != 0;
}

void fb_arms_units(const struct fb_arms *a, size_t segment, size_t variant, size_t metric,
                   struct fb_stats_ratio *out, uint64_t *records)
{
	const struct unitlist *l = segment < a->nsumlists ? &a->sums[segment] : NULL;
	struct fb_stats_ratio init = FB_STATS_RATIO_INIT;
	size_t i;

	*out = init;
	*records = 0;
	for (i = 0; l && i < l->n; i++) {
		const double *v = l->u[i]->v + 3 * metric;

		if (!unit_counts(l->u[i], variant, metric))
			continue;
		fb_stats_ratio_add(out, v[0], v[1]);
		*records += (uint64_t)v[2];
	}
}

size_t fb_arms_unit_values(const struct fb_arms *a, size_t segment, size_t variant, size_t metric,
                           double **x, double **y, double **cov)
{
	const struct unitlist *l = segment < a->nsumlists ? &a->sums[segment] : NULL;
	size_t n = 0, i, cap = l && l->n ? l->n : 1;

	*x = fb_xcalloc(cap, sizeof **x);
	*y = fb_xcalloc(cap, sizeof **y);
	*cov = fb_xcalloc(cap, sizeof **cov);
	for (i = 0; l && i < l->n; i++) {
		if (!unit_counts(l->u[i], variant, metric))
			continue;
		(*x)[n] = l->u[i]->v[3 * metric];
		(*y)[n] = l->u[i]->v[3 * metric + 1];
		(*cov)[n++] = l->u[i]->unit->covariate;
	}
	return n;
}

uint64_t fb_arms_units_total(const struct fb_arms *a, size_t variant)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < a->nunits; i++)
		n += !a->units[i]->contaminated && a->units[i]->variant == variant;
	return n;
}

uint64_t fb_arms_units_contaminated(const struct fb_arms *a)
{
	return a->contaminated;
}

size_t fb_arms_nunit_sums(const struct fb_arms *a)
{
	size_t n = 0, s;

	for (s = 0; s < a->nsumlists; s++)
		n += a->sums[s].n;
	return n;
}

void fb_arms_unit_sums(const struct fb_arms *a, size_t i, struct fb_arms_unit_sums *out)
{
	size_t s = 0;
	const struct unitsums *us;

	while (i >= a->sums[s].n)
		i -= a->sums[s++].n;
	us = a->sums[s].u[i];
	out->segment = s;
	out->variant = us->variant;
	out->id = us->unit->id;
	out->len = us->unit->len;
	out->contaminated = us->unit->contaminated;
	out->covariate = us->unit->covariate;
	out->sums = us->v;
}
