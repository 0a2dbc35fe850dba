#include "fb_cluster_assign.h"

#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"

void fb_cluster_assigner_init(struct fb_cluster_assigner *a, struct fb_tfidf *tfidf,
                              const struct fb_cluster_result *res, double min_sim, int embedding)
{
	size_t i;

	memset(a, 0, sizeof *a);
	a->tfidf = tfidf;
	a->res = res;
	a->min_sim = min_sim;
	a->sims = fb_xmalloc((res->k + 1) * sizeof *a->sims);
	if (embedding) {
		a->iota = fb_xmalloc((res->dim + 1) * sizeof *a->iota);
		for (i = 0; i < res->dim; i++)
			a->iota[i] = (uint32_t)i;
	}
}

int32_t fb_cluster_assign(struct fb_cluster_assigner *a, const struct fb_cluster_item *it,
                          const float *vec, float *sim)
{
	int32_t c = -1;

	if (a->res->k == 0) {
		*sim = 0;
		return -1;
	}
	if (a->iota) {
		c = fb_cluster_nearest(a->res, a->iota, vec, a->res->dim, a->sims);
	} else {
		fb_tfidf_transform(a->tfidf, it->text, it->len, &a->v);
		c = fb_cluster_nearest(a->res, a->v.idx, a->v.val, a->v.n, a->sims);
	}
	*sim = c >= 0 ? a->sims[c] : 0;
	return c >= 0 && *sim < a->min_sim ? -1 : c;
}

void fb_cluster_assigner_free(struct fb_cluster_assigner *a)
{
	fb_sparse_free(&a->v);
	free(a->sims);
	free(a->iota);
	memset(a, 0, sizeof *a);
}
