/* fb-abtest adjust: records carrying p-values in (comparisons of several
 * fb-abtest runs, or any), every record out with its p-value adjusted over
 * all of them, or within each family of --by (lib/fb_padjust.h keeps the
 * records and adjusts). */
#include <stdio.h>

#include "abtest.h"
#include "fb_diag.h"
#include "fb_jsonl.h"
#include "fb_padjust.h"
#include "fb_report.h"

static const char *prog = ABTEST_PROG;

/* The table's columns: the fields of a comparison that tell which it is,
 * the family, the p-value and the adjusted one (titled by their fields). */
#define NCOLS 6
static const char *const id_fields[] = { "metric", "segment", "variant" };

static size_t table_cols(const struct options *o, struct fb_report_col *c)
{
	size_t n = 0;

	c[n++] = (struct fb_report_col){ "metric", 18, 0 };
	c[n++] = (struct fb_report_col){ "segment", 14, 0 };
	c[n++] = (struct fb_report_col){ "variant", 16, 0 };
	if (o->by_path)
		c[n++] = (struct fb_report_col){ fb_path_text(o->by_path), 14, 0 };
	c[n++] = (struct fb_report_col){ fb_path_text(o->p_path), 10, 1 };
	c[n++] = (struct fb_report_col){ o->output_field, 10, 1 };
	return n;
}

/* One row for a record that has an adjusted value (counted or not). */
static int write_row(const struct options *o, const struct fb_report_col *c, size_t ncols,
                     const json_t *rec)
{
	const char *cells[NCOLS];
	char bufs[NCOLS][80];
	size_t i, n = 0;

	for (i = 0; i < sizeof id_fields / sizeof id_fields[0]; i++, n++)
		cells[n] =
		    abtest_cell_num(json_object_get(rec, id_fields[i]), bufs[n], sizeof bufs[n]);
	if (o->by_path) {
		cells[n] = abtest_cell_num(fb_path_get(o->by_path, rec), bufs[n], sizeof bufs[n]);
		n++;
	}
	cells[n] = abtest_cell_num(fb_path_get(o->p_path, rec), bufs[n], sizeof bufs[n]);
	n++;
	cells[n] = abtest_cell_num(json_object_get(rec, o->output_field), bufs[n], sizeof bufs[n]);
	n++;
	return fb_report_row(stdout, (enum fb_report_format)o->format, c, ncols, cells);
}

/* Writes every record with its adjusted value: JSON Lines, or a table row
 * for each record but fb-abtest's non-comparisons. Returns 0, or 2 after a
 * message. */
static int write_all(const struct options *o, const struct fb_padjust *a, struct out *w)
{
	struct fb_report_col c[NCOLS];
	size_t ncols = table_cols(o, c), i;
	struct fb_error err;
	json_t *rec;

	if (o->format >= 0 &&
	    fb_report_header(stdout, (enum fb_report_format)o->format, c, ncols) < 0)
		abtest_write_failed(w);
	for (i = 0; i < fb_padjust_count(a) && !w->failed; i++) {
		if (!(rec = fb_padjust_record(a, i, o->output_field, &err))) {
			fb_diag_error(prog, NULL, 0, 0, "adjust: %s", err.text);
			return 2;
		}
		if (o->format < 0) {
			abtest_emit(w, rec);
			continue;
		}
		if (fb_padjust_kind(a, i) != FB_PADJUST_OTHER) {
			if (write_row(o, c, ncols, rec) < 0)
				abtest_write_failed(w);
			else
				w->written++;
		}
		json_decref(rec);
	}
	return 0;
}

static int add_record(void *a, struct fb_jsonl_in *in, const json_t *rec, struct fb_error *err)
{
	size_t len;
	const char *raw = fb_jsonl_in_raw(in, &len);

	return fb_padjust_add(a, rec, raw, len, err);
}

/* Adjusts over all records and writes them. */
static int finish(const struct options *o, void *a, struct out *w, int status)
{
	struct fb_error err;

	(void)status;
	if (fb_padjust_run(a, o->cfg.adjust, &err) < 0) {
		fb_diag_error(prog, NULL, 0, 0, "adjust: %s", err.text);
		return 2;
	}
	return write_all(o, a, w);
}

int abtest_run_adjust(const struct options *o, int argc, char **argv, struct out *w)
{
	static const struct abtest_reader reader = { add_record, finish };
	struct fb_padjust *a = fb_padjust_new(o->p_path, o->by_path);
	int status = abtest_read_then_write(o, argc, argv, w, &reader, a);

	fb_padjust_free(a);
	return status;
}
