/* fb-abtest plan: the sample size per arm for a difference worth
 * detecting. */
#include <math.h>
#include <stdio.h>

#include "abtest.h"
#include "fb_diag.h"
#include "fb_report.h"
#include "fb_stats.h"

static const char *prog = ABTEST_PROG;

static const struct fb_report_col plan_cols[] = {
	{ "test", 10, 0 }, { "baseline", 9, 1 }, { "sd", 9, 1 },         { "mde", 9, 1 },
	{ "alpha", 7, 1 }, { "power", 7, 1 },    { "n_per_arm", 12, 1 }, { "n_total", 10, 1 },
};
#define NPLAN (sizeof plan_cols / sizeof plan_cols[0])

int abtest_run_plan(const struct options *o, struct out *w)
{
	unsigned flags =
	    o->cfg.opts.alternative == FB_STATS_TWO_SIDED ? 0 : FB_STATS_POWER_ONE_SIDED;
	const char *cells[NPLAN];
	char bufs[NPLAN][64];
	struct fb_error err;
	double n;
	json_t *rec;
	size_t i;
	int rc;

	if (o->baseline > 0)
		rc = fb_stats_power_prop_n(o->baseline, o->baseline + o->mde, o->cfg.alpha,
		                           o->power, flags, &n, &err);
	else
		rc = fb_stats_power_t_n(o->mde, o->sd, o->cfg.alpha, o->power, flags, &n, &err);
	if (rc < 0) {
		fb_diag_error(prog, NULL, 0, 0, "plan: %s", err.text);
		return 2;
	}
	rec = json_pack("{s:s,s:s,s:o,s:o,s:f,s:f,s:f,s:s,s:f,s:I,s:I}", "record", "plan", "test",
	                o->baseline > 0 ? "proportion" : "t", "baseline",
	                o->baseline > 0 ? json_real(o->baseline) : json_null(), "sd",
	                o->sd > 0 ? json_real(o->sd) : json_null(), "mde", o->mde, "alpha",
	                o->cfg.alpha, "power", o->power, "alternative",
	                flags ? "one.sided" : "two.sided", "n_per_arm", n, "n_per_arm_ceil",
	                (json_int_t)ceil(n), "n_total", (json_int_t)(2 * ceil(n)));
	if (o->format < 0) {
		abtest_emit(w, rec);
		return w->failed == 2 ? 2 : 0;
	}
	for (i = 0; i < NPLAN; i++)
		cells[i] = abtest_cell_num(json_object_get(rec, plan_cols[i].title), bufs[i],
		                           sizeof bufs[i]);
	snprintf(bufs[6], sizeof bufs[6], "%" JSON_INTEGER_FORMAT,
	         json_integer_value(json_object_get(rec, "n_per_arm_ceil")));
	cells[6] = bufs[6];
	if (fb_report_header(stdout, (enum fb_report_format)o->format, plan_cols, NPLAN) < 0 ||
	    fb_report_row(stdout, (enum fb_report_format)o->format, plan_cols, NPLAN, cells) < 0)
		abtest_write_failed(w);
	/* The cells of strings point into rec. */
	json_decref(rec);
	return w->failed == 2 ? 2 : 0;
}
