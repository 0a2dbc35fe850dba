/* Preference pairs for DPO-style training: a chosen (positively rated) and
 * a rejected (negatively rated) answer to one prompt. First from one turn
 * whose answer was regenerated and rated both ways; then from
 * near-identical prompts of one intent, one rated up and the other down. */
#include <stdlib.h>

#include "fb_alloc.h"
#include "fb_dataset_impl.h"

/* Single-sided cases by near-duplicate group, part, side and key: the runs
 * that are zipped into pairs. */
static int cmp_side(const struct fb_dataset *d, uint32_t a, uint32_t b)
{
	const struct ds_case *x = &d->cases[a], *y = &d->cases[b];

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->part != y->part)
		return x->part < y->part ? -1 : 1;
	if (ds_positive(x) != ds_positive(y))
		return ds_positive(x) ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (a > b) - (a < b);
}

/* Pairs by group and part, the regenerated first, then by key: the first of
 * each group and part is the one dedup keeps. */
static int cmp_group(const struct fb_dataset *d, uint32_t a, uint32_t b)
{
	const struct ds_pair *x = &d->pairs[a], *y = &d->pairs[b];
	const struct ds_case *cx = &d->cases[x->chosen], *cy = &d->cases[y->chosen];

	if (cx->group != cy->group)
		return cx->group < cy->group ? -1 : 1;
	if (cx->part != cy->part)
		return cx->part < cy->part ? -1 : 1;
	if (x->similar != y->similar)
		return x->similar < y->similar ? -1 : 1;
	if (cx->key != cy->key)
		return cx->key < cy->key ? -1 : 1;
	return (a > b) - (a < b);
}

static int same_group(const struct fb_dataset *d, uint32_t a, uint32_t b)
{
	const struct ds_case *cx = &d->cases[d->pairs[a].chosen],
	                     *cy = &d->cases[d->pairs[b].chosen];

	return cx->group == cy->group && cx->part == cy->part;
}

/* Pairs by intent, the regenerated first, then by key: the order of the
 * selection per intent. */
static int cmp_intent(const struct fb_dataset *d, uint32_t a, uint32_t b)
{
	const struct ds_pair *x = &d->pairs[a], *y = &d->pairs[b];
	const struct ds_case *cx = &d->cases[x->chosen], *cy = &d->cases[y->chosen];

	if (cx->intent != cy->intent)
		return (uint32_t)cx->intent < (uint32_t)cy->intent ? -1 : 1;
	if (x->similar != y->similar)
		return x->similar < y->similar ? -1 : 1;
	if (cx->key != cy->key)
		return cx->key < cy->key ? -1 : 1;
	return (a > b) - (a < b);
}

/* The output order: by the chosen case, then the rejected. */
static int cmp_out(const struct fb_dataset *d, uint32_t a, uint32_t b)
{
	const struct ds_pair *x = &d->pairs[a], *y = &d->pairs[b];
	int c = ds_case_cmp_out(d, x->chosen, y->chosen);

	return c ? c : ds_case_cmp_out(d, x->rejected, y->rejected);
}

static void add_pair(struct fb_dataset *d, uint32_t chosen, uint32_t rejected, int similar)
{
	d->pairs[d->npairs].chosen = chosen;
	d->pairs[d->npairs].rejected = rejected;
	d->pairs[d->npairs].similar = (unsigned char)similar;
	d->npairs++;
	if (similar)
		d->stats.pairs_similar++;
	else
		d->stats.pairs_regenerated++;
}

/* Zips the positive and the negative cases of each group and part. */
static void similar_pairs(struct fb_dataset *d)
{
	uint32_t *v = fb_xmalloc((d->ncases + 1) * sizeof *v);
	const struct ds_case *a, *b;
	size_t n = 0, i, j, p, q, np;

	for (i = 0; i < d->ncases; i++)
		if ((d->cases[i].ref == DS_NONE) != (d->cases[i].rej == DS_NONE))
			v[n++] = (uint32_t)i;
	ds_sort(d, v, n, cmp_side);
	for (i = 0; i < n; i = j) {
		a = &d->cases[v[i]];
		np = 0;
		for (j = i; j < n; j++) {
			b = &d->cases[v[j]];
			if (b->group != a->group || b->part != a->part)
				break;
			np += ds_positive(b);
		}
		for (p = i, q = i + np; p < i + np && q < j; p++, q++)
			add_pair(d, v[p], v[q], 1);
	}
	free(v);
}

int ds_select_pairs(struct fb_dataset *d, struct fb_error *err)
{
	size_t i, j, n = 0, m;
	uint32_t *v;

	if (ds_group(d, NULL, err) < 0)
		return -1;
	d->pairs = fb_xmalloc((d->ncases + 1) * sizeof *d->pairs);
	for (i = 0; i < d->ncases; i++)
		if (d->cases[i].ref != DS_NONE && d->cases[i].rej != DS_NONE)
			add_pair(d, (uint32_t)i, (uint32_t)i, 0);
	similar_pairs(d);
	v = fb_xmalloc((d->npairs + 1) * sizeof *v);
	for (i = 0; i < d->npairs; i++)
		v[i] = (uint32_t)i;
	if (d->opts.dedup) {
		/* One pair for each group of near-identical prompts and part. */
		ds_sort(d, v, d->npairs, cmp_group);
		for (i = 0; i < d->npairs; i++)
			if (i == 0 || !same_group(d, v[i - 1], v[i]))
				v[n++] = v[i];
			else
				d->stats.duplicates++;
	} else {
		n = d->npairs;
	}
	ds_sort(d, v, n, cmp_intent);
	d->sel = fb_xmalloc((n + 1) * sizeof *d->sel);
	for (i = 0; i < n; i = j) {
		m = 0;
		for (j = i; j < n && d->cases[d->pairs[v[j]].chosen].intent ==
		                         d->cases[d->pairs[v[i]].chosen].intent;
		     j++)
			if (d->opts.per_intent == 0 || m < d->opts.per_intent) {
				d->sel[d->nsel++] = v[j];
				m++;
			}
	}
	ds_sort(d, d->sel, d->nsel, cmp_out);
	free(v);
	return 0;
}
