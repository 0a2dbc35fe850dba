#include "fb_arms.h"

#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_map.h"

struct cell {
	uint64_t records;
	struct fb_arm arm[]; /* one per metric */
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
	struct fb_arm empty;
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

static struct cell *cell(const struct fb_arms *a, size_t segment, size_t variant, int add)
{
	size_t key[2] = { segment, variant };
	struct cell *c = fb_map_get(a->cells, (const char *)key, sizeof key);

	if (!c && add) {
		c = fb_xcalloc(1, sizeof *c + a->nmetrics * sizeof c->arm[0]);
		fb_map_put(a->cells, (const char *)key, sizeof key, c);
	}
	return c;
}

void fb_arms_count_record(struct fb_arms *a, size_t segment, size_t variant)
{
	cell(a, segment, variant, 1)->records++;
}

void fb_arms_add(struct fb_arms *a, size_t segment, size_t variant, size_t metric, double value)
{
	struct fb_arm *arm = &cell(a, segment, variant, 1)->arm[metric];

	arm->count.n++;
	arm->count.successes += value != 0;
	fb_stats_moments_add(&arm->moments, value);
	if (a->keep[metric]) {
		arm->values =
		    fb_xgrow(arm->values, &arm->cap, arm->nvalues + 1, sizeof *arm->values);
		arm->values[arm->nvalues++] = value;
	}
}

uint64_t fb_arms_records(const struct fb_arms *a, size_t segment, size_t variant)
{
	const struct cell *c = cell(a, segment, variant, 0);

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
	const struct cell *c = cell(a, segment, variant, 0);

	return c ? &c->arm[metric] : &a->empty;
}
