#include "fb_cluster_fit.h"

#include <string.h>

#include "fb_alloc.h"

/* The embeddings of r as rows of a sparse matrix with every index. */
static void embeddings(const struct fb_cluster_records *r, struct fb_tfidf_matrix *e)
{
	size_t i, j, d = r->dim;

	e->nrows = r->n;
	e->ncols = d;
	e->rowptr = fb_xmalloc((r->n + 1) * sizeof *e->rowptr);
	e->idx = fb_xmalloc((r->n * d + 1) * sizeof *e->idx);
	e->val = fb_xmalloc((r->n * d + 1) * sizeof *e->val);
	for (i = 0; i <= r->n; i++)
		e->rowptr[i] = i * d;
	for (i = 0; i < r->n; i++)
		for (j = 0; j < d; j++)
			e->idx[i * d + j] = (uint32_t)j;
	if (r->n > 0 && d > 0)
		memcpy(e->val, r->vec, r->n * d * sizeof *e->val);
}

int fb_cluster_fit_run(const struct fb_cluster_fit_opts *o, const struct fb_cluster_records *r,
                       struct fb_cluster_fit *f)
{
	const char **texts = fb_xmalloc((r->n + 1) * sizeof *texts);
	size_t *lens = fb_xmalloc((r->n + 1) * sizeof *lens), i;
	const struct fb_tfidf_matrix *space;
	struct fb_cluster_auto_opts ao;
	int rc = 0;

	memset(f, 0, sizeof *f);
	for (i = 0; i < r->n; i++)
		texts[i] = fb_cluster_records_text(r, i, &lens[i]);
	f->tfidf = fb_tfidf_new(&o->text);
	fb_tfidf_fit(f->tfidf, texts, lens, r->n, &f->m);
	free(texts);
	free(lens);
	space = &f->m;
	if (r->dim) {
		embeddings(r, &f->emb);
		space = &f->emb;
	}
	f->cluster = o->cluster;
	if (o->auto_k) {
		ao = o->autok;
		ao.cluster = o->cluster;
		if (fb_cluster_auto_choose(space, &ao, &f->chosen, NULL) == 0)
			f->cluster.k = f->chosen.k;
		else
			f->cluster.k = 1;
	}
	f->id = fb_xmalloc((r->n + 1) * sizeof *f->id);
	if (fb_cluster_kmeans(space, &f->cluster, &f->res, NULL) < 0) {
		f->res.sim = fb_xcalloc(r->n + 1, sizeof *f->res.sim);
		f->res.dim = space->ncols;
		rc = -1;
	}
	for (i = 0; i < r->n; i++) {
		f->id[i] =
		    f->res.assign && f->res.sim[i] >= o->min_similarity ? f->res.assign[i] : -1;
		f->outliers += f->id[i] < 0;
	}
	f->top = fb_xmalloc((f->res.k * o->nterms + 1) * sizeof *f->top);
	fb_cluster_terms(&f->m, f->tfidf, f->id, f->res.k, o->nterms, f->top);
	f->order = fb_xmalloc((r->n + 1) * sizeof *f->order);
	fb_cluster_order(r->n, f->id, f->res.sim, f->order);
	return rc;
}

void fb_cluster_fit_free(struct fb_cluster_fit *f)
{
	fb_tfidf_free(f->tfidf);
	fb_tfidf_matrix_free(&f->m);
	fb_tfidf_matrix_free(&f->emb);
	fb_cluster_result_free(&f->res);
	fb_cluster_auto_free(&f->chosen);
	free(f->id);
	free(f->top);
	free(f->order);
	memset(f, 0, sizeof *f);
}
