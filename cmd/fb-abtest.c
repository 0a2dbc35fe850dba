/* fb-abtest: did the change make things better for users? Records of an
 * experiment in, one comparison per metric, segment and variant against the
 * control out; "fb-abtest plan" gives the sample size, "fb-abtest merge"
 * compares on partial statistics, "fb-abtest adjust" adjusts the p-values
 * of records pooled from several runs, --preferences ranks models from
 * pairwise preferences. This file only picks the mode; each lives in
 * cmd/fb-abtest/. See fb-abtest(1). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fb-abtest/abtest.h"
#include "fb_alloc.h"
#include "fb_diag.h"
#include "fb_jsonl.h"

static const char *prog = ABTEST_PROG;

int main(int argc, char **argv)
{
	struct options o;
	struct out w = { 0 };
	int status;

	fb_alloc_init(prog);
	fb_diag_ignore_sigpipe();
	status = abtest_parse_options(argc, argv, &o);
	if (status != 0) {
		abtest_free_options(&o);
		return status < 0 ? fb_diag_close_stdout(prog) : status;
	}
	if (o.output && !freopen(o.output, "w", stdout)) {
		/* stdout is closed now: nothing is left to flush. */
		fb_diag_error(prog, o.output, 0, 0, "%s", strerror(errno));
		abtest_free_options(&o);
		return 2;
	}
	w.opts = &o;
	w.jsonl = fb_jsonl_out_new(stdout, 0);
	if (o.plan)
		status = abtest_run_plan(&o, &w);
	else if (o.merge)
		status = abtest_run_merge(&o, argc, argv, &w);
	else if (o.adjust_mode)
		status = abtest_run_adjust(&o, argc, argv, &w);
	else if (o.preferences)
		status = abtest_run_preferences(&o, argc, argv, &w);
	else
		status = abtest_run_compare(&o, argc, argv, &w);
	fb_jsonl_out_free(w.jsonl);
	abtest_free_options(&o);
	if (w.failed == 1)
		return status;
	if (fb_diag_close_stdout(prog))
		return 2;
	return status;
}
