/* fb-abtest merge: partial statistics in, the comparison on all of them
 * out. The first partial's options (metrics, methods, segments, control,
 * unit, covariate) hold for all. */
#include <stdlib.h>

#include "abtest.h"
#include "fb_abtest.h"
#include "fb_abtest_partial.h"
#include "fb_alloc.h"
#include "fb_arms.h"
#include "fb_diag.h"
#include "fb_jsonl.h"
#include "fb_metric.h"
#include "fb_path.h"

static const char *prog = ABTEST_PROG;

/* Takes an optional path of the options, key, when it is there. Returns 0,
 * or 2 after a message. */
static int adopt_path(struct fb_path **path, const json_t *opts, const char *key,
                      struct fb_jsonl_in *in)
{
	const json_t *v = json_object_get(opts, key);
	struct fb_error err;

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		fb_error_set(&err, 0, 0, "expected a string");
	} else if ((*path = fb_path_compile(json_string_value(v), &err))) {
		return 0;
	}
	fb_diag_error(prog, fb_jsonl_in_file(in), fb_jsonl_in_line(in), 0,
	              "partial options: %s: %s", key, err.text);
	return 2;
}

/* Takes the metrics, methods, segments, control, unit and covariate from
 * the options of the first partial (borrowed until the end). Returns 0, or
 * 2 after a message. */
static int adopt_options(struct options *o, const json_t *opts, struct fb_jsonl_in *in)
{
	const json_t *methods = json_object_get(opts, "methods"), *v;
	const json_t *by = json_object_get(opts, "by"), *control = json_object_get(opts, "control");
	const char *file = fb_jsonl_in_file(in);
	long line = fb_jsonl_in_line(in);
	struct fb_metric *m;
	struct fb_error err;
	enum fb_abtest_method b, mean;
	size_t i;

	json_array_foreach (json_object_get(opts, "metrics"), i, v) {
		if (!(m = fb_metric_parse(json_string_value(v) ? json_string_value(v) : "",
		                          &err))) {
			fb_diag_error(prog, file, line, 0, "partial options: metric: %s", err.text);
			return 2;
		}
		o->metrics = fb_xrealloc(o->metrics, (o->nmetrics + 1) * sizeof *o->metrics);
		o->metrics[o->nmetrics++] = m;
	}
	if (!json_is_array(methods) || json_array_size(methods) != 2 ||
	    !json_is_string(json_array_get(methods, 0)) ||
	    !json_is_string(json_array_get(methods, 1)) ||
	    fb_abtest_method_from_name(json_string_value(json_array_get(methods, 0)), &b, &err) <
	        0 ||
	    fb_abtest_method_from_name(json_string_value(json_array_get(methods, 1)), &mean, &err) <
	        0 ||
	    !fb_abtest_method_is_binary(b) || fb_abtest_method_is_binary(mean) ||
	    fb_abtest_method_is_paired(b) || fb_abtest_method_is_paired(mean) ||
	    mean == FB_ABTEST_MANN_WHITNEY) {
		fb_diag_error(prog, file, line, 0,
		              "partial options: methods: expected a mergeable binary and mean "
		              "method");
		return 2;
	}
	o->cfg.binary_method = b;
	o->cfg.mean_method = mean;
	if (json_is_string(by) && !(o->by_path = fb_path_compile(json_string_value(by), &err))) {
		fb_diag_error(prog, file, line, 0, "partial options: by: %s", err.text);
		return 2;
	}
	if ((!json_is_string(by) && !json_is_null(by)) ||
	    (!json_is_string(control) && !json_is_null(control)) ||
	    !json_is_array(json_object_get(opts, "metrics")) || o->nmetrics == 0) {
		fb_diag_error(prog, file, line, 0,
		              "partial options: expected by and control as strings or null, and "
		              "a list of metrics");
		return 2;
	}
	o->control = json_string_value(control);
	if (adopt_path(&o->unit_path, opts, "unit_field", in) != 0 ||
	    adopt_path(&o->covariate_path, opts, "covariate", in) != 0)
		return 2;
	o->cfg.unit = o->unit_path != NULL;
	o->cfg.cuped = o->covariate_path != NULL;
	return abtest_check_lower(o, 0);
}

/* Adds one partial record to the arms, or rejects it. Returns what
 * fb_jsonl_in_reject does: 0 to go on, -1 to stop. */
static int merge_partial(const struct options *o, struct fb_jsonl_in *in, struct fb_arms *arms,
                         const struct fb_abtest_partial *p)
{
	unsigned design = (o->by_path ? FB_ABTEST_PARTIAL_BY : 0) |
	                  (o->unit_path ? FB_ABTEST_PARTIAL_UNIT : 0) |
	                  (o->covariate_path ? FB_ABTEST_PARTIAL_COVARIATE : 0);
	struct fb_error err;

	if (fb_abtest_partial_merge(arms, (const struct fb_metric *const *)o->metrics, o->nmetrics,
	                            design, p, &err) < 0)
		return fb_jsonl_in_reject(in, 0, "%s", err.text);
	return 0;
}

int abtest_run_merge(struct options *o, int argc, char **argv, struct out *w)
{
	struct fb_abtest_partial p;
	struct fb_jsonl_in *in;
	struct fb_arms *arms = NULL;
	struct fb_error err;
	FILE *rejects = NULL;
	json_t *rec, *first = NULL;
	char *first_file = NULL;
	long first_line = 0;
	const char *key;
	int status = 0, gate = 0, rc, wanted;

	if (!(in = abtest_open_input(o, argc, argv, &rejects)))
		return 2;
	while (status == 0 && (rec = fb_jsonl_in_next(in))) {
		if (fb_abtest_partial_parse(rec, &p, &err) < 0) {
			rc = fb_jsonl_in_reject(in, 0, "%s", err.text);
		} else if (!first) {
			first = json_incref((json_t *)p.options);
			first_file = fb_xstrdup(fb_jsonl_in_file(in));
			first_line = fb_jsonl_in_line(in);
			status = adopt_options(o, first, in);
			arms = fb_arms_new(o->nmetrics, NULL);
			rc = status ? 0 : merge_partial(o, in, arms, &p);
		} else if ((key = fb_abtest_partial_options_diff(first, p.options))) {
			fb_diag_error(prog, fb_jsonl_in_file(in), fb_jsonl_in_line(in), 0,
			              "partial options differ from those of %s:%ld: %s", first_file,
			              first_line, key);
			status = 2;
			rc = 0;
		} else {
			rc = merge_partial(o, in, arms, &p);
		}
		fb_abtest_partial_clear(&p);
		json_decref(rec);
		if (rc < 0)
			break;
	}
	if (!arms)
		arms = fb_arms_new(o->nmetrics, NULL);
	wanted = status == 0;
	if (wanted)
		status = fb_jsonl_in_status(in);
	gate = abtest_conclude(o, in, arms, w, &status, wanted);
	fb_jsonl_in_free(in);
	fb_arms_free(arms);
	json_decref(first);
	free(first_file);
	abtest_close_rejects(o, rejects, &status);
	return status ? status : gate;
}
