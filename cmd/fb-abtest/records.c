/* fb-abtest: the pass over the records: each record into the arms, then
 * the comparison or, with --emit-partial, the partial statistics. */
#include <stdlib.h>

#include "abtest.h"
#include "fb_abtest_input.h"
#include "fb_abtest_partial.h"
#include "fb_alloc.h"
#include "fb_arms.h"
#include "fb_jsonl.h"
#include "fb_metric.h"
#include "fb_path.h"

/* Adds one record to the arms, or rejects it. Returns what
 * fb_jsonl_in_reject does: 0 to go on, -1 to stop. */
static int add_record(const struct options *o, struct fb_jsonl_in *in, struct fb_arms *arms,
                      const json_t *rec, double *values, int *have)
{
	const struct fb_abtest_design d = {
		o->variant_path,   o->by_path, o->pair_path, o->unit_path,
		o->covariate_path, o->metrics, o->nmetrics,
	};
	struct fb_error err;

	if (fb_abtest_input_add(&d, arms, rec, values, have, &err) < 0)
		return fb_jsonl_in_reject(in, 0, "%s", err.text);
	return 0;
}

/* Writes the partial statistics of the arms: for each (segment, variant)
 * cell in the order first seen, one record per metric; then, with a unit,
 * one record per segment and unit. */
static void emit_partials(const struct options *o, const struct fb_arms *arms, struct out *w)
{
	const struct fb_metric *const *metrics = (const struct fb_metric *const *)o->metrics;
	json_t *opts = fb_abtest_partial_options(
	    fb_path_text(o->variant_path), o->by_path ? fb_path_text(o->by_path) : NULL, o->control,
	    metrics, o->nmetrics, &o->cfg, o->unit_path ? fb_path_text(o->unit_path) : NULL,
	    o->covariate_path ? fb_path_text(o->covariate_path) : NULL);
	size_t i, m;

	for (i = 0; i < fb_arms_ncells(arms); i++)
		for (m = 0; m < o->nmetrics; m++)
			abtest_emit(w, fb_abtest_partial_json(arms, i, m, opts, metrics,
			                                      o->by_path != NULL));
	for (i = 0; i < fb_arms_nunit_sums(arms); i++)
		abtest_emit(w, fb_abtest_partial_unit_json(arms, i, opts, o->by_path != NULL));
	json_decref(opts);
}

int abtest_run_compare(struct options *o, int argc, char **argv, struct out *w)
{
	struct fb_jsonl_in *in;
	struct fb_arms *arms;
	FILE *rejects = NULL;
	int *keep, *have, status, gate = 0;
	double *values;
	json_t *rec;
	size_t i;

	if (!(in = abtest_open_input(o, argc, argv, &rejects)))
		return 2;
	keep = fb_xcalloc(o->nmetrics, sizeof *keep);
	have = fb_xcalloc(o->nmetrics, sizeof *have);
	values = fb_xcalloc(2 * o->nmetrics, sizeof *values);
	for (i = 0; i < o->nmetrics; i++)
		keep[i] = (o->cfg.mean_method == FB_ABTEST_MANN_WHITNEY ||
		           (o->cfg.mean_method == FB_ABTEST_BOOTSTRAP && !o->cfg.unit)) &&
		          fb_metric_kind(o->metrics[i]) == FB_METRIC_MEAN;
	arms = fb_arms_new(o->nmetrics, keep);
	while ((rec = fb_jsonl_in_next(in))) {
		int rc = add_record(o, in, arms, rec, values, have);

		json_decref(rec);
		if (rc < 0)
			break;
	}
	status = fb_jsonl_in_status(in);
	/* After a file that could not be read, fewer than two variants is
	 * no news. */
	if (o->emit_partial && !fb_jsonl_in_stopped(in))
		emit_partials(o, arms, w);
	gate = abtest_conclude(o, in, arms, w, &status, !o->emit_partial);
	fb_jsonl_in_free(in);
	fb_arms_free(arms);
	free(keep);
	free(have);
	free(values);
	abtest_close_rejects(o, rejects, &status);
	return status ? status : gate;
}
