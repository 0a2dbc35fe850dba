#include "fb_abtest_partial.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"

static const char *const option_keys[] = { "variant_field", "by", "control", "metrics", "methods" };
#define NKEYS (sizeof option_keys / sizeof option_keys[0])

static json_t *string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *fb_abtest_partial_options(const char *variant_field, const char *by, const char *control,
                                  const struct fb_metric *const *metrics, size_t nmetrics,
                                  const struct fb_abtest_config *cfg)
{
	json_t *o = json_object(), *specs = json_array();
	size_t i;
	char *spec;

	for (i = 0; i < nmetrics; i++) {
		const char *name = fb_metric_name(metrics[i]);
		int binary = fb_metric_kind(metrics[i]) == FB_METRIC_BINARY;

		spec = fb_xmalloc(strlen(name) + sizeof ":binary");
		sprintf(spec, "%s:%s", name, binary ? "binary" : "mean");
		json_array_append_new(specs, json_string(spec));
		free(spec);
	}
	json_object_set_new(o, "variant_field", json_string(variant_field));
	json_object_set_new(o, "by", string_or_null(by));
	json_object_set_new(o, "control", string_or_null(control));
	json_object_set_new(o, "metrics", specs);
	json_object_set_new(o, "methods",
	                    json_pack("[ss]", fb_abtest_method_name(cfg->binary_method),
	                              fb_abtest_method_name(cfg->mean_method)));
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
	int binary = fb_metric_kind(metrics[metric]) == FB_METRIC_BINARY;

	fb_arms_cell(arms, i, &s, &v);
	arm = fb_arms_get(arms, s, v, metric);
	json_object_set_new(o, "record", json_string("partial"));
	json_object_set_new(o, "format", json_string(FB_ABTEST_PARTIAL_FORMAT));
	json_object_set_new(o, "version", json_integer(FB_ABTEST_PARTIAL_VERSION));
	json_object_set_new(o, "options", json_deep_copy(options));
	json_object_set_new(o, "segment",
	                    segmented ? json_string(fb_arms_segment_name(arms, s)) : json_null());
	json_object_set_new(o, "variant", json_string(fb_arms_variant_name(arms, v)));
	json_object_set_new(o, "metric", json_string(fb_metric_name(metrics[metric])));
	json_object_set_new(o, "type", json_string(binary ? "binary" : "mean"));
	json_object_set_new(o, "records", json_integer((json_int_t)fb_arms_records(arms, s, v)));
	json_object_set_new(o, "n", json_integer((json_int_t)arm->moments.n));
	if (binary)
		json_object_set_new(o, "successes", json_integer((json_int_t)arm->count.successes));
	json_object_set_new(o, "mean", hex(arm->moments.mean));
	json_object_set_new(o, "m2", hex(arm->moments.m2));
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

static int hex_of(const json_t *rec, const char *key, double *out, struct fb_error *err)
{
	const json_t *v = json_object_get(rec, key);
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

static const char *string_of(const json_t *rec, const char *key, int nullable, struct fb_error *err)
{
	const json_t *v = json_object_get(rec, key);

	if (json_is_string(v) || (nullable && json_is_null(v)))
		return json_string_value(v);
	fb_error_set(err, 0, 0, "partial: '%s' must be a string%s", key,
	             nullable ? " or null" : "");
	return NULL;
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
	for (i = 0; json_is_object(out->options) && i < NKEYS; i++)
		if (!json_object_get(out->options, option_keys[i]))
			break;
	if (!json_is_object(out->options) || i < NKEYS) {
		fb_error_set(err, 0, 0, "partial: 'options' must be an object with %s",
		             "variant_field, by, control, metrics and methods");
		return -1;
	}
	type = json_object_get(rec, "type");
	binary = json_is_string(type) && strcmp(json_string_value(type), "binary") == 0;
	if (!binary && !(json_is_string(type) && strcmp(json_string_value(type), "mean") == 0)) {
		fb_error_set(err, 0, 0, "partial: 'type' must be \"binary\" or \"mean\"");
		return -1;
	}
	out->binary = binary;
	out->segment = string_of(rec, "segment", 1, err);
	if (!out->segment && !json_is_null(json_object_get(rec, "segment")))
		return -1;
	if (!(out->variant = string_of(rec, "variant", 0, err)) ||
	    !(out->metric = string_of(rec, "metric", 0, err)))
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

	for (i = 0; i < NKEYS; i++)
		if (!json_equal(json_object_get(a, option_keys[i]),
		                json_object_get(b, option_keys[i])))
			return option_keys[i];
	return NULL;
}
