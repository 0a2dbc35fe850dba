/* fb-abtest: the comparison once the arms are complete (after a pass over
 * records or a merge of partials): the control, the expected split, the
 * warnings, the rows, the --fail-if gates and --stats. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "abtest.h"
#include "fb_abtest.h"
#include "fb_abtest_input.h"
#include "fb_arms.h"
#include "fb_diag.h"
#include "fb_jsonl.h"
#include "fb_report.h"

static const char *prog = ABTEST_PROG;

/* Tells which --fail-if conditions hold; returns 1 when one does. */
static int gates(const struct options *o, const struct fb_abtest_row *rows, size_t n, int srm)
{
	size_t i, worse = 0, not_better = 0;
	int hold = 0;

	for (i = 0; i < n; i++) {
		worse += rows[i].decision == FB_ABTEST_WORSE;
		not_better += rows[i].decision != FB_ABTEST_BETTER;
	}
	if ((o->fail_if & FAIL_WORSE) && worse) {
		fprintf(stderr, "%s: --fail-if worse holds: %zu of %zu comparisons worse\n", prog,
		        worse, n);
		hold = 1;
	}
	if ((o->fail_if & FAIL_NOT_BETTER) && (not_better || n == 0)) {
		fprintf(stderr,
		        "%s: --fail-if not-better holds: %zu of %zu comparisons not better\n", prog,
		        not_better, n);
		hold = 1;
	}
	if ((o->fail_if & FAIL_SRM) && srm) {
		fprintf(stderr, "%s: --fail-if srm holds: sample ratio mismatch\n", prog);
		hold = 1;
	}
	return hold;
}

/* Compares and writes; returns the exit status so far (0, 1 or 2). */
static int compare(struct options *o, struct fb_arms *arms, struct out *w)
{
	const struct fb_metric *const *metrics = (const struct fb_metric *const *)o->metrics;
	struct fb_abtest_row *rows = NULL;
	struct fb_abtest_srm srm;
	struct fb_report_col c[ABTEST_NCOLS];
	struct fb_error err;
	double *shares;
	int status = 0;
	size_t n = 0, i;
	json_t *rec;
	long ctl = 0;

	if (o->control && (ctl = fb_arms_find_variant(arms, o->control)) < 0) {
		fb_diag_error(prog, NULL, 0, 0, "control variant '%s' is not in the input",
		              o->control);
		return 2;
	}
	if (fb_abtest_input_shares(arms, o->split_names, o->split_weights, o->nsplit, &shares,
	                           &err) < 0) {
		fb_diag_error(prog, NULL, 0, 0, "--expected-split: %s", err.text);
		return 2;
	}
	if (fb_arms_nvariants(arms) < 2) {
		fb_diag_error(prog, NULL, 0, 0, "nothing to compare: %zu variant%s in the input",
		              fb_arms_nvariants(arms), fb_arms_nvariants(arms) == 1 ? "" : "s");
		free(shares);
		return 2;
	}
	o->cfg.control = (size_t)ctl;
	o->cfg.lower_is_better =
	    fb_abtest_input_lower(o->metrics, o->nmetrics, o->lower, o->nlower);
	if (o->unit_path && fb_arms_units_contaminated(arms)) {
		uint64_t units = fb_arms_units_contaminated(arms);

		for (i = 0; i < fb_arms_nvariants(arms); i++)
			units += fb_arms_units_total(arms, i);
		fb_diag_warn(prog, NULL, 0, 0,
		             "contamination: %" PRIu64 " of %" PRIu64
		             " units seen under two or more variants, left out",
		             fb_arms_units_contaminated(arms), units);
	}
	if (fb_abtest_srm(arms, shares, &o->cfg, &srm, &err) < 0) {
		fb_diag_error(prog, NULL, 0, 0, "sample ratio check: %s", err.text);
		status = 2;
		goto out;
	}
	if (srm.mismatch)
		fb_diag_warn(prog, NULL, 0, 0, "sample ratio mismatch: p = %.3g < %g",
		             srm.test.p_value, FB_ABTEST_SRM_ALPHA);
	if (o->pair_path) {
		uint64_t pairs, incomplete;

		fb_arms_pair_counts(arms, &pairs, &incomplete);
		if (incomplete)
			fb_diag_warn(prog, NULL, 0, 0,
			             "%" PRIu64 " of %" PRIu64
			             " pairs lack a variant's record and are left out of its "
			             "comparisons",
			             incomplete, pairs);
	}
	rows = fb_abtest_compare(arms, metrics, &o->cfg, &n);
	rec = fb_abtest_srm_json(&srm, arms, shares, &o->cfg);
	if (o->format < 0) {
		abtest_emit(w, rec);
	} else {
		abtest_write_srm_line(w, rec);
		json_decref(rec);
		if (!w->failed && fb_report_header(stdout, (enum fb_report_format)o->format, c,
		                                   abtest_table_cols(o, c)) < 0)
			abtest_write_failed(w);
	}
	for (i = 0; i < n; i++)
		abtest_emit(
		    w, fb_abtest_row_json(&rows[i], arms, metrics, &o->cfg, o->by_path != NULL));
	status = gates(o, rows, n, srm.mismatch);
out:
	free(rows);
	free(shares);
	return status;
}

static void print_stats(const struct options *o, struct fb_jsonl_in *in, const struct out *w,
                        const struct fb_arms *arms)
{
	fprintf(stderr, "%s: read %lu, written %lu, rejected %lu", prog, fb_jsonl_in_read_count(in),
	        w->written, fb_jsonl_in_rejected_count(in));
	if (o->pair_path) {
		uint64_t pairs, incomplete;

		fb_arms_pair_counts(arms, &pairs, &incomplete);
		fprintf(stderr, ", pairs %" PRIu64 " (%" PRIu64 " incomplete)", pairs, incomplete);
	}
	fputc('\n', stderr);
}

/* The end of a pass or a merge: the comparison when wanted (not after a
 * strict stop, nor after an error with fewer than two variants to show),
 * the write status and --stats. Returns the gate's status; *status gets
 * errors. */
int abtest_conclude(struct options *o, struct fb_jsonl_in *in, struct fb_arms *arms, struct out *w,
                    int *status, int wanted)
{
	int gate = 0;

	if (wanted && !fb_jsonl_in_stopped(in) && !(*status && fb_arms_nvariants(arms) < 2)) {
		gate = compare(o, arms, w);
		if (gate == 2)
			*status = 2;
	}
	if (w->failed == 2)
		*status = 2;
	if (o->stats)
		print_stats(o, in, w, arms);
	return gate;
}
