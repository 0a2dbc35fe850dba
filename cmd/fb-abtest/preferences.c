/* fb-abtest --preferences: pairwise preference records {model_a, model_b,
 * winner} in, Bradley–Terry ratings of the models and a test per pair out
 * (lib/fb_preferences.h does the tally and the fit). */
#include <stdio.h>
#include <string.h>

#include "abtest.h"
#include "fb_diag.h"
#include "fb_jsonl.h"
#include "fb_preferences.h"
#include "fb_report.h"

static const char *prog = ABTEST_PROG;

static const struct fb_report_col board_cols[] = {
	{ "rank", 4, 1 },  { "model", 24, 0 }, { "rating", 7, 1 }, { "interval", 16, 0 },
	{ "games", 7, 1 }, { "wins", 6, 1 },   { "losses", 6, 1 }, { "ties", 6, 1 },
};
#define NBOARD (sizeof board_cols / sizeof board_cols[0])

static const struct fb_report_col pair_cols[] = {
	{ "model_a", 24, 0 },    { "model_b", 24, 0 }, { "games", 7, 1 },
	{ "wins_a", 6, 1 },      { "wins_b", 6, 1 },   { "ties", 6, 1 },
	{ "expected_a", 10, 1 }, { "p_value", 10, 1 }, { "p_adjusted", 10, 1 },
};
#define NPAIR (sizeof pair_cols / sizeof pair_cols[0])

/* A rating as the leaderboards show it, to a tenth. */
static const char *rating_cell(const json_t *v, char *buf, size_t size)
{
	if (!json_is_number(v))
		return fb_report_json_cell(v, buf, size);
	snprintf(buf, size, "%.1f", json_number_value(v));
	return buf;
}

static int write_model(const struct options *o, const json_t *rec)
{
	static const char *const fields[] = {
		"rank", "model", "rating", NULL, "games", "wins", "losses", "ties",
	};
	const json_t *l = json_object_get(rec, "rating_low"),
	             *h = json_object_get(rec, "rating_high");
	char bufs[NBOARD][80], lo[32], hi[32];
	const char *cells[NBOARD];
	size_t i;

	for (i = 0; i < NBOARD; i++) {
		bufs[i][0] = '\0';
		if (fields[i] && strcmp(fields[i], "rating") == 0)
			cells[i] =
			    rating_cell(json_object_get(rec, fields[i]), bufs[i], sizeof bufs[i]);
		else if (fields[i])
			cells[i] = abtest_cell_num(json_object_get(rec, fields[i]), bufs[i],
			                           sizeof bufs[i]);
		else {
			if (json_is_number(l) && json_is_number(h))
				snprintf(bufs[i], sizeof bufs[i], "[%s, %s]",
				         rating_cell(l, lo, sizeof lo),
				         rating_cell(h, hi, sizeof hi));
			cells[i] = bufs[i];
		}
	}
	return fb_report_row(stdout, (enum fb_report_format)o->format, board_cols, NBOARD, cells);
}

static int write_pair(const struct options *o, const json_t *rec)
{
	const char *cells[NPAIR];
	char bufs[NPAIR][64];
	size_t i;

	for (i = 0; i < NPAIR; i++)
		cells[i] = abtest_cell_num(json_object_get(rec, pair_cols[i].title), bufs[i],
		                           sizeof bufs[i]);
	return fb_report_row(stdout, (enum fb_report_format)o->format, pair_cols, NPAIR, cells);
}

/* The rows as tables: the leaderboard, a blank line, the pairs. */
static void write_tables(const struct options *o, const json_t *rows, struct out *w)
{
	enum fb_report_format fmt = (enum fb_report_format)o->format;
	const json_t *rec;
	int pairs = 0, rc;
	size_t i;

	rc = fb_report_header(stdout, fmt, board_cols, NBOARD);
	json_array_foreach (rows, i, rec) {
		if (rc < 0)
			break;
		if (!pairs &&
		    strcmp(json_string_value(json_object_get(rec, "kind")), "pair") == 0) {
			pairs = 1;
			rc = putchar('\n') == EOF ? -1
			                          : fb_report_header(stdout, fmt, pair_cols, NPAIR);
			if (rc < 0)
				break;
		}
		rc = pairs ? write_pair(o, rec) : write_model(o, rec);
		if (rc == 0)
			w->written++;
	}
	if (rc < 0)
		abtest_write_failed(w);
}

/* Fits and writes; returns 0, or 2 after a message. Without a fit after an
 * input error (a file that could not be read), says nothing more. */
static int write_result(const struct options *o, void *p, struct out *w, int status)
{
	struct fb_prefs_opts po = { FB_STATS_BT_OPTS_DEFAULT, o->cfg.adjust };
	struct fb_error err;
	json_t *rows;
	size_t i;

	po.bt.prior = o->bt_prior;
	po.bt.bootstrap = (size_t)o->cfg.resamples;
	po.bt.seed = o->cfg.seed;
	po.bt.conf_level = o->cfg.opts.conf_level;
	if (!(rows = fb_prefs_result(p, &po, &err))) {
		if (status == 0)
			fb_diag_error(prog, NULL, 0, 0, "preferences: %s", err.text);
		return 2;
	}
	if (o->format >= 0)
		write_tables(o, rows, w);
	else
		for (i = 0; i < json_array_size(rows); i++)
			abtest_emit(w, json_incref(json_array_get(rows, i)));
	json_decref(rows);
	return 0;
}

static int add_preference(void *p, struct fb_jsonl_in *in, const json_t *rec, struct fb_error *err)
{
	(void)in;
	return fb_prefs_add(p, rec, err);
}

int abtest_run_preferences(const struct options *o, int argc, char **argv, struct out *w)
{
	static const struct abtest_reader reader = { add_preference, write_result };
	struct fb_prefs *p = fb_prefs_new();
	int status = abtest_read_then_write(o, argc, argv, w, &reader, p);

	fb_prefs_free(p);
	return status;
}
