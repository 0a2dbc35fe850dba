/* fb-abtest: writing: JSON Lines or table rows, the sample-ratio line
 * above a table, write errors. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "abtest.h"
#include "fb_diag.h"
#include "fb_jsonl.h"
#include "fb_report.h"

static const char *prog = ABTEST_PROG;

void abtest_write_failed(struct out *w)
{
	if (w->failed)
		return;
	w->failed = fb_diag_is_epipe(errno) ? 1 : 2;
	if (w->failed == 2)
		fb_diag_error(prog, NULL, 0, 0, "write error: %s", strerror(errno));
}

static const struct fb_report_col cols[] = {
	{ "metric", 18, 0 },     { "segment", 14, 0 },    { "variant", 16, 0 },
	{ "n_control", 9, 1 },   { "n_variant", 9, 1 },   { "control", 8, 1 },
	{ "variant", 8, 1 },     { "difference", 10, 1 }, { "interval", 22, 0 },
	{ "p_adjusted", 10, 1 }, { "decision", 12, 0 },
};
_Static_assert(sizeof cols / sizeof cols[0] == ABTEST_NCOLS, "ABTEST_NCOLS");

/* The column list without "segment" when there are no segments. */
size_t abtest_table_cols(const struct options *o, struct fb_report_col *c)
{
	size_t i, n = 0;

	for (i = 0; i < ABTEST_NCOLS; i++)
		if (i != 1 || o->by_path)
			c[n++] = cols[i];
	return n;
}

const char *abtest_cell_num(const json_t *v, char *buf, size_t size)
{
	if (json_is_real(v))
		snprintf(buf, size, "%.4g", json_real_value(v));
	else
		return fb_report_json_cell(v, buf, size);
	return buf;
}

static int write_table_row(struct out *w, const json_t *rec)
{
	static const char *const fields[] = {
		"metric",    "segment",          "variant",          "n_control",
		"n_variant", "estimate_control", "estimate_variant", "difference",
		NULL,        "p_adjusted",       "decision",
	};
	struct fb_report_col c[ABTEST_NCOLS];
	const char *cells[ABTEST_NCOLS];
	char bufs[ABTEST_NCOLS][80], lo[32], hi[32];
	const json_t *l = json_object_get(rec, "ci_low"), *h = json_object_get(rec, "ci_high");
	size_t i, n = 0;

	for (i = 0; i < ABTEST_NCOLS; i++) {
		if (i == 1 && !w->opts->by_path)
			continue;
		if (!fields[i]) {
			bufs[i][0] = '\0';
			if (!json_is_null(l) && !json_is_null(h))
				snprintf(bufs[i], sizeof bufs[i], "[%s, %s]",
				         abtest_cell_num(l, lo, sizeof lo),
				         abtest_cell_num(h, hi, sizeof hi));
			cells[n++] = bufs[i];
		} else {
			cells[n++] = abtest_cell_num(json_object_get(rec, fields[i]), bufs[i],
			                             sizeof bufs[i]);
		}
	}
	abtest_table_cols(w->opts, c);
	return fb_report_row(stdout, (enum fb_report_format)w->opts->format, c, n, cells);
}

void abtest_emit(struct out *w, json_t *rec)
{
	int rc;

	if (w->failed) {
		json_decref(rec);
		return;
	}
	rc = w->opts->format < 0 ? fb_jsonl_out_write(w->jsonl, rec) : write_table_row(w, rec);
	json_decref(rec);
	if (rc < 0)
		abtest_write_failed(w);
	else
		w->written++;
}

/* For people, the check of the split is a line above the table. */
void abtest_write_srm_line(struct out *w, const json_t *rec)
{
	const char *key;
	json_t *v;
	int sep = 0, rc;

	if (w->failed)
		return;
	rc = printf("%ssample ratio%s: ", w->opts->format == FB_REPORT_MARKDOWN ? "**" : "",
	            w->opts->unit_path ? " of units" : "");
	json_object_foreach (json_object_get(rec, "counts"), key, v) {
		if (rc >= 0)
			rc = printf("%s%s %" JSON_INTEGER_FORMAT, sep++ ? ", " : "", key,
			            json_integer_value(v));
	}
	if (rc >= 0)
		rc = printf("; p = %.4g: %s", json_real_value(json_object_get(rec, "p_value")),
		            json_is_true(json_object_get(rec, "mismatch")) ? "MISMATCH" : "ok");
	if (rc >= 0 && w->opts->unit_path)
		rc = printf("; %" JSON_INTEGER_FORMAT " contaminated units left out",
		            json_integer_value(json_object_get(rec, "contaminated_units")));
	if (rc >= 0)
		rc = printf("%s\n\n", w->opts->format == FB_REPORT_MARKDOWN ? "**" : "");
	if (rc < 0)
		abtest_write_failed(w);
}

FILE *abtest_open_or_die(const char *path, const char *mode)
{
	FILE *f = fopen(path, mode);

	if (!f)
		fb_diag_error(prog, path, 0, 0, "%s", strerror(errno));
	return f;
}

struct fb_jsonl_in *abtest_open_input(const struct options *o, int argc, char **argv,
                                      FILE **rejects)
{
	struct fb_jsonl_policy policy = { prog, 0, NULL, NULL };

	*rejects = NULL;
	if (o->rejects && !(*rejects = abtest_open_or_die(o->rejects, "w")))
		return NULL;
	policy.skip_invalid = o->skip_invalid;
	policy.rejects = *rejects;
	return fb_jsonl_in_new(&policy, (const char *const *)argv + optind,
	                       (size_t)(argc - optind));
}

void abtest_close_rejects(const struct options *o, FILE *rejects, int *status)
{
	if (rejects && fclose(rejects) != 0) {
		fb_diag_error(prog, o->rejects, 0, 0, "%s", strerror(errno));
		*status = 2;
	}
}

int abtest_read_then_write(const struct options *o, int argc, char **argv, struct out *w,
                           const struct abtest_reader *r, void *ctx)
{
	struct fb_jsonl_in *in;
	FILE *rejects = NULL;
	int status;

	if (!(in = abtest_open_input(o, argc, argv, &rejects)))
		return 2;
	fb_jsonl_in_each(in, r->add, ctx);
	status = fb_jsonl_in_status(in);
	/* After a strict stop nothing is written; after a file that could
	 * not be read, the rest is, with status 2. */
	if (!fb_jsonl_in_stopped(in) && r->finish(o, ctx, w, status) != 0)
		status = 2;
	if (w->failed == 2)
		status = 2;
	if (o->stats)
		fprintf(stderr, "%s: read %lu, written %lu, rejected %lu\n", prog,
		        fb_jsonl_in_read_count(in), w->written, fb_jsonl_in_rejected_count(in));
	fb_jsonl_in_free(in);
	abtest_close_rejects(o, rejects, &status);
	return status;
}
