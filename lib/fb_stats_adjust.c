/* Multiple-comparison adjustment of p-values, as R's p.adjust(). */
#include "fb_stats.h"
#include "fb_stats_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"

int fb_stats_adjust_from_name(const char *name, enum fb_stats_adjust *out, struct fb_error *err)
{
	static const struct {
		const char *name;
		enum fb_stats_adjust method;
	} names[] = {
		{ "none", FB_STATS_ADJUST_NONE }, { "bonferroni", FB_STATS_ADJUST_BONFERRONI },
		{ "holm", FB_STATS_ADJUST_HOLM }, { "hochberg", FB_STATS_ADJUST_HOCHBERG },
		{ "BH", FB_STATS_ADJUST_BH },     { "bh", FB_STATS_ADJUST_BH },
		{ "fdr", FB_STATS_ADJUST_BH },    { "BY", FB_STATS_ADJUST_BY },
		{ "by", FB_STATS_ADJUST_BY },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i].name) == 0) {
			*out = names[i].method;
			return 0;
		}
	fb_error_set(err, 0, 0,
	             "unknown adjustment '%s' (none, bonferroni, holm, hochberg, BH, BY)", name);
	return -1;
}

struct ranked {
	double p;
	size_t index;
};

/* Ascending p; equal p keep their input order, as R's order() does. */
static int cmp_ranked(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;

	if (a->p != b->p)
		return a->p < b->p ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

int fb_stats_p_adjust(const double *p, size_t n, enum fb_stats_adjust method, double *out,
                      struct fb_error *err)
{
	struct ranked *r;
	double dn = (double)n, acc, q = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (!(p[i] >= 0 && p[i] <= 1)) {
			fb_error_set(err, 0, 0, "p-value %zu is not between 0 and 1", i + 1);
			return -1;
		}
	switch (method) {
	case FB_STATS_ADJUST_NONE:
	case FB_STATS_ADJUST_BONFERRONI:
	case FB_STATS_ADJUST_HOLM:
	case FB_STATS_ADJUST_HOCHBERG:
	case FB_STATS_ADJUST_BH:
	case FB_STATS_ADJUST_BY:
		break;
	default:
		fb_error_set(err, 0, 0, "unknown adjustment method");
		return -1;
	}
	/* R returns a single p-value unchanged. */
	if (n <= 1 || method == FB_STATS_ADJUST_NONE) {
		if (out != p && n > 0)
			memmove(out, p, n * sizeof *out);
		return 0;
	}
	if (method == FB_STATS_ADJUST_BONFERRONI) {
		for (i = 0; i < n; i++)
			out[i] = fmin(1, dn * p[i]);
		return 0;
	}
	r = fb_xmalloc(n * sizeof *r);
	for (i = 0; i < n; i++) {
		r[i].p = p[i];
		r[i].index = i;
	}
	qsort(r, n, sizeof *r, cmp_ranked);
	if (method == FB_STATS_ADJUST_HOLM) {
		/* cummax((n - i + 1) * p[o]) over ascending p, i from 1. */
		acc = 0;
		for (i = 0; i < n; i++) {
			acc = fmax(acc, (dn - (double)i) * r[i].p);
			out[r[i].index] = fmin(1, acc);
		}
	} else {
		/* cummin over descending p, where i counts down from n. */
		if (method == FB_STATS_ADJUST_BY)
			for (i = 1; i <= n; i++)
				q += 1 / (double)i;
		acc = INFINITY;
		for (i = n; i-- > 0;) {
			double rank = (double)(i + 1), v;

			if (method == FB_STATS_ADJUST_HOCHBERG)
				v = (dn + 1 - rank) * r[i].p;
			else if (method == FB_STATS_ADJUST_BH)
				v = dn / rank * r[i].p;
			else
				v = q * dn / rank * r[i].p;
			acc = fmin(acc, v);
			out[r[i].index] = fmin(1, acc);
		}
	}
	free(r);
	return 0;
}
