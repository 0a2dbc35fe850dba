/* The report's rows as JSON records, as values for conditions, and as table
 * cells. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fb_eval_report.h"

static const char *group_name(enum fb_eval_report_group g)
{
	return g == FB_EVAL_REPORT_INTENT     ? "intent"
	       : g == FB_EVAL_REPORT_OUTLIERS ? "outliers"
	                                      : "overall";
}

static json_t *real_or_null(double x)
{
	return isnan(x) ? json_null() : json_real(x);
}

json_t *fb_eval_report_row_json(const struct fb_eval_report_row *row, enum fb_eval_report_by by)
{
	json_t *rec = json_object(), *top = json_array();
	int intent = row->group == FB_EVAL_REPORT_INTENT, prev = row->previous_n > 0;
	size_t i;

	if (by != FB_EVAL_REPORT_ALL)
		json_object_set_new(rec, "period", json_string(row->period));
	json_object_set_new(rec, "group", json_string(group_name(row->group)));
	json_object_set_new(rec, "rank",
	                    intent ? json_integer((json_int_t)row->rank) : json_null());
	json_object_set_new(rec, "id", intent ? json_integer((json_int_t)row->id) : json_null());
	json_object_set_new(rec, "label",
	                    intent && row->label ? json_string(row->label) : json_null());
	json_object_set_new(rec, "n", json_integer((json_int_t)row->n));
	json_object_set_new(rec, "share", json_real(row->share));
	json_object_set_new(rec, "explicit_rate", json_real(row->explicit_rate));
	json_object_set_new(rec, "positive_rate", json_real(row->positive_rate));
	json_object_set_new(rec, "positive_rate_low", json_real(row->positive_low));
	json_object_set_new(rec, "positive_rate_high", json_real(row->positive_high));
	json_object_set_new(rec, "negative_rate", json_real(row->negative_rate));
	json_object_set_new(rec, "negative_rate_low", json_real(row->negative_low));
	json_object_set_new(rec, "negative_rate_high", json_real(row->negative_high));
	json_object_set_new(rec, "mean_score", json_real(row->mean_score));
	json_object_set_new(rec, "impact", json_integer((json_int_t)row->negative));
	for (i = 0; i < row->ntop; i++)
		json_array_append_new(top, json_pack("{s:s,s:I,s:f}", "name", row->top[i].name,
		                                     "count", (json_int_t)row->top[i].count,
		                                     "share", row->top[i].share));
	json_object_set_new(rec, "top_negative_signals", top);
	if (by == FB_EVAL_REPORT_ALL)
		return rec;
	json_object_set_new(rec, "previous_n", json_integer((json_int_t)row->previous_n));
	json_object_set_new(rec, "delta_n",
	                    prev ? json_integer((json_int_t)row->n - (json_int_t)row->previous_n)
	                         : json_null());
	json_object_set_new(rec, "delta_share", real_or_null(row->delta_share));
	json_object_set_new(rec, "delta_explicit_rate", real_or_null(row->delta_explicit_rate));
	json_object_set_new(rec, "delta_positive_rate", real_or_null(row->delta_positive_rate));
	json_object_set_new(rec, "delta_negative_rate", real_or_null(row->delta_negative_rate));
	json_object_set_new(rec, "delta_mean_score", real_or_null(row->delta_mean_score));
	return rec;
}

void fb_eval_report_row_values(const struct fb_eval_report_row *row, enum fb_eval_report_by by,
                               double *v)
{
	int prev = by != FB_EVAL_REPORT_ALL && row->previous_n > 0;

	v[FB_EVAL_REPORT_F_RANK] = row->rank ? (double)row->rank : NAN;
	v[FB_EVAL_REPORT_F_N] = (double)row->n;
	v[FB_EVAL_REPORT_F_SHARE] = row->share;
	v[FB_EVAL_REPORT_F_EXPLICIT_RATE] = row->explicit_rate;
	v[FB_EVAL_REPORT_F_POSITIVE_RATE] = row->positive_rate;
	v[FB_EVAL_REPORT_F_POSITIVE_RATE_LOW] = row->positive_low;
	v[FB_EVAL_REPORT_F_POSITIVE_RATE_HIGH] = row->positive_high;
	v[FB_EVAL_REPORT_F_NEGATIVE_RATE] = row->negative_rate;
	v[FB_EVAL_REPORT_F_NEGATIVE_RATE_LOW] = row->negative_low;
	v[FB_EVAL_REPORT_F_NEGATIVE_RATE_HIGH] = row->negative_high;
	v[FB_EVAL_REPORT_F_MEAN_SCORE] = row->mean_score;
	v[FB_EVAL_REPORT_F_IMPACT] = (double)row->negative;
	v[FB_EVAL_REPORT_F_PREVIOUS_N] = by != FB_EVAL_REPORT_ALL ? (double)row->previous_n : NAN;
	v[FB_EVAL_REPORT_F_DELTA_N] = prev ? (double)row->n - (double)row->previous_n : NAN;
	v[FB_EVAL_REPORT_F_DELTA_SHARE] = prev ? row->delta_share : NAN;
	v[FB_EVAL_REPORT_F_DELTA_EXPLICIT_RATE] = prev ? row->delta_explicit_rate : NAN;
	v[FB_EVAL_REPORT_F_DELTA_POSITIVE_RATE] = prev ? row->delta_positive_rate : NAN;
	v[FB_EVAL_REPORT_F_DELTA_NEGATIVE_RATE] = prev ? row->delta_negative_rate : NAN;
	v[FB_EVAL_REPORT_F_DELTA_MEAN_SCORE] = prev ? row->delta_mean_score : NAN;
}

/* The columns with periods; without, the first and the "Δneg" are left out. */
static const struct fb_report_col cols_by[] = {
	{ "period", 10, 0 },
	{ "rank", 4, 1 },
	{ "id", 5, 1 },
	{ "n", 7, 1 },
	{ "share", 6, 1 },
	{ "explicit", 8, 1 },
	{ "positive", 20, 1 },
	{ "negative", 20, 1 },
	{ "score", 6, 1 },
	{ "Δneg", 6, 1 },
	{ "top negative signals", 40, 0 },
	{ "label", 40, 0 },
};
static const struct fb_report_col cols_all[] = {
	{ "rank", 4, 1 },      { "id", 5, 1 },       { "n", 7, 1 },
	{ "share", 6, 1 },     { "explicit", 8, 1 }, { "positive", 20, 1 },
	{ "negative", 20, 1 }, { "score", 6, 1 },    { "top negative signals", 40, 0 },
	{ "label", 40, 0 },
};

const struct fb_report_col *fb_eval_report_cols(enum fb_eval_report_by by, size_t *ncols)
{
	if (by == FB_EVAL_REPORT_ALL) {
		*ncols = sizeof cols_all / sizeof cols_all[0];
		return cols_all;
	}
	*ncols = sizeof cols_by / sizeof cols_by[0];
	return cols_by;
}

static char *next(struct fb_eval_report_cells *c, size_t *n)
{
	c->cell[*n] = c->buf[*n];
	return c->buf[(*n)++];
}

size_t fb_eval_report_row_cells(const struct fb_eval_report_row *row, enum fb_eval_report_by by,
                                struct fb_eval_report_cells *c)
{
	const size_t size = sizeof c->buf[0];
	size_t n = 0, i, used;
	char *b;

	for (i = 0; i < FB_EVAL_REPORT_MAXCOLS; i++)
		c->buf[i][0] = '\0';
	if (by != FB_EVAL_REPORT_ALL)
		snprintf(next(c, &n), size, "%s", row->period);
	b = next(c, &n);
	if (row->rank)
		snprintf(b, size, "%zu", row->rank);
	b = next(c, &n);
	if (row->group == FB_EVAL_REPORT_INTENT)
		snprintf(b, size, "%lld", row->id);
	snprintf(next(c, &n), size, "%llu", (unsigned long long)row->n);
	snprintf(next(c, &n), size, "%.3f", row->share);
	snprintf(next(c, &n), size, "%.3f", row->explicit_rate);
	snprintf(next(c, &n), size, "%.3f [%.3f, %.3f]", row->positive_rate, row->positive_low,
	         row->positive_high);
	snprintf(next(c, &n), size, "%.3f [%.3f, %.3f]", row->negative_rate, row->negative_low,
	         row->negative_high);
	snprintf(next(c, &n), size, "%.3f", row->mean_score);
	if (by != FB_EVAL_REPORT_ALL) {
		b = next(c, &n);
		if (row->previous_n > 0)
			snprintf(b, size, "%+.3f", row->delta_negative_rate);
	}
	b = next(c, &n);
	for (i = 0, used = 0; i < row->ntop && used < size; i++)
		used += (size_t)snprintf(b + used, size - used, "%s%s %llu", i ? ", " : "",
		                         row->top[i].name, (unsigned long long)row->top[i].count);
	c->cell[n++] = row->group == FB_EVAL_REPORT_OUTLIERS  ? "(outliers)"
	               : row->group == FB_EVAL_REPORT_OVERALL ? "(all)"
	               : row->label                           ? row->label
	                                                      : "";
	return n;
}
