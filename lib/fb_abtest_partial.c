#include "fb_abtest_partial.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"

/* The options every partial has, then those it has when given. */
static const char *const option_keys[] = { "variant_field", "by",         "control",  "metrics",
	                                   "methods",       "unit_field", "covariate" };
#define NKEYS (sizeof option_keys / sizeof option_keys[0])
#define NREQUIRED 5

static const char *const type_names[] = { "binary", "mean", "ratio" };

static json_t *string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *fb_abtest_partial_options(const char *variant_field, const char *by, const char *control,
                                  const struct fb_metric *const *metrics, size_t nmetrics,
                                  const struct fb_abtest_config *cfg, const char *unit_field,
                                  const char *covariate)
{
	json_t *o = json_object(), *specs = json_array();
	size_t i;

	for (i = 0; i < nmetrics; i++)
		json_array_append_new(specs, json_string(fb_metric_spec(metrics[i])));
	json_object_set_new(o, "variant_field", json_string(variant_field));
	json_object_set_new(o, "by", string_or_null(by));
	json_object_set_new(o, "control", string_or_null(control));
	json_object_set_new(o, "metrics", specs);
	json_object_set_new(o, "methods",
	                    json_pack("[ss]", fb_abtest_method_name(cfg->binary_method),
	                              fb_abtest_method_name(cfg->mean_method)));
	if (unit_field)
		json_object_set_new(o, "unit_field", json_string(unit_field));
	if (covariate)
		json_object_set_new(o, "covariate", json_string(covariate));
	return o;
}

/* A double as a hexadecimal string, exact; "inf" and "nan" as printf has
 * them (an overflowing M2 stays visible and the tests refuse it). */
static json_t *hex(double x)
{
	char buf[64];

	snprintf(buf, sizeof buf, "%a", x);
	return json_string(buf);
}

json_t *fb_abtest_partial_json(const struct fb_arms *arms, size_t i, size_t metric,
                               const json_t *options, const struct fb_metric *const *metrics,
                               int segmented)
{
	const struct fb_arm *arm;
	json_t *o = json_object();
	size_t s, v;
	enum fb_metric_kind kind = fb_metric_kind(metrics[metric]);
	int binary = kind == FB_METRIC_BINARY;

	fb_arms_cell(arms, i, &s, &v);
	arm = fb_arms_get(arms, s, v, metric);
	json_object_set_new(o, "record", json_string("partial"));
	json_object_set_new(o, "format", json_string(FB_ABTEST_PARTIAL_FORMAT));
	json_object_set_new(o, "version", json_integer(FB_ABTEST_PARTIAL_VERSION));
	json_object_set(o, "options", (json_t *)options);
	json_object_set_new(o, "segment",
	                    segmented ? json_string(fb_arms_segment_name(arms, s)) : json_null());
	json_object_set_new(o, "variant", json_string(fb_arms_variant_name(arms, v)));
	json_object_set_new(o, "metric", json_string(fb_metric_name(metrics[metric])));
	json_object_set_new(o, "type", json_string(type_names[kind]));
	json_object_set_new(o, "records", json_integer((json_int_t)fb_arms_records(arms, s, v)));
	json_object_set_new(o, "n", json_integer((json_int_t)arm->moments.n));
	if (binary)
		json_object_set_new(o, "successes", json_integer((json_int_t)arm->count.successes));
	json_object_set_new(o, "mean", hex(arm->moments.mean));
	json_object_set_new(o, "m2", hex(arm->moments.m2));
	/* With units, the units' sums stand for the arms'. */
	if ((kind == FB_METRIC_RATIO || json_is_string(json_object_get(options, "covariate"))) &&
	    !json_object_get(options, "unit_field"))
		json_object_set_new(o, "xy",
		                    json_pack("{s:I,s:o,s:o,s:o,s:o,s:o}", "k",
		                              (json_int_t)arm->xy.k, "mean_x", hex(arm->xy.mean_y),
		                              "mean_y", hex(arm->xy.mean_n), "m2_x",
		                              hex(arm->xy.m2_y), "m2_y", hex(arm->xy.m2_n), "c_xy",
		                              hex(arm->xy.c_yn)));
	return o;
}

json_t *fb_abtest_partial_unit_json(const struct fb_arms *arms, size_t i, const json_t *options,
                                    int segmented)
{
	struct fb_arms_unit_sums u;
	json_t *o = json_object(), *sums = json_array();
	size_t m;

	fb_arms_unit_sums(arms, i, &u);
	for (m = 0; m < fb_arms_nmetrics(arms); m++)
		json_array_append_new(sums,
		                      json_pack("[ooI]", hex(u.sums[3 * m]), hex(u.sums[3 * m + 1]),
		                                (json_int_t)u.sums[3 * m + 2]));
	json_object_set_new(o, "record", json_string("partial"));
	json_object_set_new(o, "format", json_string(FB_ABTEST_PARTIAL_FORMAT));
	json_object_set_new(o, "version", json_integer(FB_ABTEST_PARTIAL_VERSION));
	json_object_set(o, "options", (json_t *)options);
	json_object_set_new(o, "segment",
	                    segmented ? json_string(fb_arms_segment_name(arms, u.segment))
	                              : json_null());
	json_object_set_new(o, "variant", json_string(fb_arms_variant_name(arms, u.variant)));
	json_object_set_new(o, "unit", json_stringn(u.id, u.len));
	json_object_set_new(o, "contaminated", json_boolean(u.contaminated));
	json_object_set_new(o, "covariate", isnan(u.covariate) ? json_null() : hex(u.covariate));
	json_object_set_new(o, "sums", sums);
	return o;
}

static int count_of(const json_t *rec, const char *key, uint64_t *out, struct fb_error *err)
{
	const json_t *v = json_object_get(rec, key);

	if (!json_is_integer(v) || json_integer_value(v) < 0) {
		fb_error_set(err, 0, 0, "partial: '%s' must be a count", key);
		return -1;
	}
	*out = (uint64_t)json_integer_value(v);
	return 0;
}

static int hex_value(const json_t *v, const char *key, double *out, struct fb_error *err)
{
	const char *s = json_string_value(v);
	char *end;

	/* No check of errno: a subnormal is exact in hexadecimal, though
	 * strtod may call it a range error. */
	if (s) {
		*out = strtod(s, &end);
		if (end != s && !*end)
			return 0;
	}
	fb_error_set(err, 0, 0, "partial: '%s' must be a hexadecimal number", key);
	return -1;
}

static int hex_of(const json_t *rec, const char *key, double *out, struct fb_error *err)
{
	return hex_value(json_object_get(rec, key), key, out, err);
}

static const char *string_of(const json_t *rec, const char *key, int nullable, struct fb_error *err)
{
	const json_t *v = json_object_get(rec, key);

	if (json_is_string(v) || (nullable && json_is_null(v)))
		return json_string_value(v);
	fb_error_set(err, 0, 0, "partial: '%s' must be a string%s", key,
	             nullable ? " or null" : "");
	return NULL;
}

/* The bivariate moments of a partial record. */
static int parse_xy(const json_t *xy, struct fb_abtest_partial *out, struct fb_error *err)
{
	if (!json_is_object(xy) || count_of(xy, "k", &out->xy.k, err) < 0 ||
	    hex_of(xy, "mean_x", &out->xy.mean_y, err) < 0 ||
	    hex_of(xy, "mean_y", &out->xy.mean_n, err) < 0 ||
	    hex_of(xy, "m2_x", &out->xy.m2_y, err) < 0 ||
	    hex_of(xy, "m2_y", &out->xy.m2_n, err) < 0 ||
	    hex_of(xy, "c_xy", &out->xy.c_yn, err) < 0) {
		if (!json_is_object(xy))
			fb_error_set(err, 0, 0, "partial: 'xy' must be an object");
		return -1;
	}
	out->has_xy = 1;
	return 0;
}

/* The record of a unit's sums. */
static int parse_unit(const json_t *rec, struct fb_abtest_partial *out, struct fb_error *err)
{
	const json_t *unit = json_object_get(rec, "unit"), *sums = json_object_get(rec, "sums");
	const json_t *cov = json_object_get(rec, "covariate"), *m;
	const json_t *contaminated = json_object_get(rec, "contaminated");
	double count;
	size_t i;

	if (!json_is_string(unit)) {
		fb_error_set(err, 0, 0, "partial: 'unit' must be a string");
		return -1;
	}
	out->unit = json_string_value(unit);
	out->unit_len = json_string_length(unit);
	if (!json_is_boolean(contaminated)) {
		fb_error_set(err, 0, 0, "partial: 'contaminated' must be a boolean");
		return -1;
	}
	out->contaminated = json_is_true(contaminated);
	out->covariate = NAN;
	if (!json_is_null(cov) && hex_value(cov, "covariate", &out->covariate, err) < 0)
		return -1;
	if (!json_is_array(sums)) {
		fb_error_set(err, 0, 0, "partial: 'sums' must be an array");
		return -1;
	}
	out->nsums = json_array_size(sums);
	out->sums = fb_xcalloc(3 * out->nsums + 1, sizeof *out->sums);
	json_array_foreach (sums, i, m) {
		if (!json_is_array(m) || json_array_size(m) != 3 ||
		    hex_value(json_array_get(m, 0), "sums", &out->sums[3 * i], err) < 0 ||
		    hex_value(json_array_get(m, 1), "sums", &out->sums[3 * i + 1], err) < 0 ||
		    !json_is_integer(json_array_get(m, 2)) ||
		    json_integer_value(json_array_get(m, 2)) < 0) {
			fb_error_set(err, 0, 0,
			             "partial: 'sums' must hold [sum, sum, count] per metric");
			return -1;
		}
		count = (double)json_integer_value(json_array_get(m, 2));
		out->sums[3 * i + 2] = count;
	}
	return 0;
}

void fb_abtest_partial_clear(struct fb_abtest_partial *p)
{
	free(p->sums);
	p->sums = NULL;
	p->nsums = 0;
}

int fb_abtest_partial_parse(const json_t *rec, struct fb_abtest_partial *out, struct fb_error *err)
{
	const json_t *format = json_object_get(rec, "format");
	const json_t *version = json_object_get(rec, "version");
	const json_t *type;
	size_t i;
	int binary;

	memset(out, 0, sizeof *out);
	if (!json_is_string(json_object_get(rec, "record")) ||
	    strcmp(json_string_value(json_object_get(rec, "record")), "partial") != 0 ||
	    !json_is_string(format) ||
	    strcmp(json_string_value(format), FB_ABTEST_PARTIAL_FORMAT) != 0) {
		fb_error_set(err, 0, 0, "not a partial record of fb-abtest");
		return -1;
	}
	if (!json_is_integer(version)) {
		fb_error_set(err, 0, 0, "partial: 'version' must be an integer");
		return -1;
	}
	if (json_integer_value(version) != FB_ABTEST_PARTIAL_VERSION) {
		fb_error_set(err, 0, 0,
		             "partial format version %" JSON_INTEGER_FORMAT
		             " is not supported (%d is)",
		             json_integer_value(version), FB_ABTEST_PARTIAL_VERSION);
		return -1;
	}
	out->options = json_object_get(rec, "options");
	for (i = 0; json_is_object(out->options) && i < NREQUIRED; i++)
		if (!json_object_get(out->options, option_keys[i]))
			break;
	if (!json_is_object(out->options) || i < NREQUIRED) {
		fb_error_set(err, 0, 0, "partial: 'options' must be an object with %s",
		             "variant_field, by, control, metrics and methods");
		return -1;
	}
	out->segment = string_of(rec, "segment", 1, err);
	if (!out->segment && !json_is_null(json_object_get(rec, "segment")))
		return -1;
	if (!(out->variant = string_of(rec, "variant", 0, err)))
		return -1;
	if (json_object_get(rec, "unit"))
		return parse_unit(rec, out, err);
	type = json_object_get(rec, "type");
	for (i = 0; i < 3; i++)
		if (json_is_string(type) && strcmp(json_string_value(type), type_names[i]) == 0)
			break;
	if (i == 3) {
		fb_error_set(err, 0, 0,
		             "partial: 'type' must be \"binary\", \"mean\" or \"ratio\"");
		return -1;
	}
	out->kind = (enum fb_metric_kind)i;
	binary = out->kind == FB_METRIC_BINARY;
	out->binary = binary;
	if (!(out->metric = string_of(rec, "metric", 0, err)))
		return -1;
	if (json_object_get(rec, "xy") && parse_xy(json_object_get(rec, "xy"), out, err) < 0)
		return -1;
	if (count_of(rec, "records", &out->records, err) < 0 ||
	    count_of(rec, "n", &out->moments.n, err) < 0 ||
	    hex_of(rec, "mean", &out->moments.mean, err) < 0 ||
	    hex_of(rec, "m2", &out->moments.m2, err) < 0)
		return -1;
	out->count.n = out->moments.n;
	if (binary && count_of(rec, "successes", &out->count.successes, err) < 0)
		return -1;
	if (out->count.successes > out->count.n || out->moments.n > out->records) {
		fb_error_set(err, 0, 0, "partial: counts out of order (successes <= n <= records)");
		return -1;
	}
	return 0;
}

const char *fb_abtest_partial_options_diff(const json_t *a, const json_t *b)
{
	size_t i;

	const json_t *x, *y;

	for (i = 0; i < NKEYS; i++) {
		x = json_object_get(a, option_keys[i]);
		y = json_object_get(b, option_keys[i]);
		/* An option given in neither is equal, as json_equal has it not. */
		if ((x || y) && !json_equal(x, y))
			return option_keys[i];
	}
	return NULL;
}

/* A unit's record. */
static int merge_unit(struct fb_arms *arms, size_t nmetrics, unsigned design,
                      const struct fb_abtest_partial *p, struct fb_error *err)
{
	int cov = (design & FB_ABTEST_PARTIAL_COVARIATE) != 0;
	struct fb_arms_unit_sums u;

	if (!(design & FB_ABTEST_PARTIAL_UNIT)) {
		fb_error_set(err, 0, 0,
		             "partial: a unit's sums, but its options have no 'unit_field'");
		return -1;
	}
	if (p->nsums != nmetrics) {
		fb_error_set(err, 0, 0, "partial: 'sums' must have one entry per metric");
		return -1;
	}
	if (isnan(p->covariate) == cov) {
		fb_error_set(err, 0, 0, "partial: 'covariate' must be %s",
		             cov ? "a number (options have 'covariate')"
		                 : "null (options have no 'covariate')");
		return -1;
	}
	u.variant = fb_arms_variant(arms, p->variant, strlen(p->variant));
	u.segment = fb_arms_segment(arms, p->segment ? p->segment : "",
	                            p->segment ? strlen(p->segment) : 0);
	u.id = p->unit;
	u.len = p->unit_len;
	u.contaminated = p->contaminated;
	u.covariate = p->covariate;
	u.sums = p->sums;
	if (fb_arms_unit_merge(arms, &u) < 0) {
		fb_error_set(err, 0, 0, "unit '%s' has another covariate in an earlier partial",
		             p->unit);
		return -1;
	}
	return 0;
}

int fb_abtest_partial_merge(struct fb_arms *arms, const struct fb_metric *const *metrics,
                            size_t nmetrics, unsigned design, const struct fb_abtest_partial *p,
                            struct fb_error *err)
{
	int by = (design & FB_ABTEST_PARTIAL_BY) != 0;
	size_t m, s, v;

	if (!p->segment != !by) {
		fb_error_set(err, 0, 0, "partial: 'segment' must be %s",
		             by ? "a string (options have 'by')" : "null (options have no 'by')");
		return -1;
	}
	if (p->unit)
		return merge_unit(arms, nmetrics, design, p, err);
	for (m = 0; m < nmetrics; m++)
		if (strcmp(fb_metric_name(metrics[m]), p->metric) == 0)
			break;
	if (m == nmetrics) {
		fb_error_set(err, 0, 0, "partial: no metric '%s' in its options", p->metric);
		return -1;
	}
	if (p->kind != fb_metric_kind(metrics[m])) {
		fb_error_set(err, 0, 0, "partial: metric '%s' is not of type %s", p->metric,
		             type_names[p->kind]);
		return -1;
	}
	/* With units, the units' sums stand for the arms'. */
	if (!p->has_xy && !(design & FB_ABTEST_PARTIAL_UNIT) &&
	    (p->kind == FB_METRIC_RATIO || (design & FB_ABTEST_PARTIAL_COVARIATE))) {
		fb_error_set(err, 0, 0, "partial: metric '%s' needs 'xy'", p->metric);
		return -1;
	}
	v = fb_arms_variant(arms, p->variant, strlen(p->variant));
	s = fb_arms_segment(arms, p->segment ? p->segment : "",
	                    p->segment ? strlen(p->segment) : 0);
	/* Each metric's record repeats the count of records: take the first
	 * metric's. */
	if (m == 0)
		fb_arms_add_records(arms, s, v, p->records);
	fb_arms_merge(arms, s, v, m, &p->count, &p->moments);
	if (p->has_xy)
		fb_arms_merge_xy(arms, s, v, m, &p->xy);
	return 0;
}
