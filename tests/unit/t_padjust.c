/* Pooled adjustment of p-values carried by records: which records count,
 * the families of a path, bad records, and the records rebuilt. The
 * expected values are R's p.adjust on the counted p-values. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fb_padjust.h"

/* Adds one line; returns fb_padjust_add's result. */
static int add(struct fb_padjust *a, const char *line, struct fb_error *err)
{
	json_t *rec = json_loads(line, 0, NULL);
	int rc;

	CHECK(rec != NULL);
	rc = fb_padjust_add(a, rec, line, strlen(line), err);
	json_decref(rec);
	return rc;
}

/* Record i as compact text, freed by the caller. */
static char *text(const struct fb_padjust *a, size_t i, const char *field)
{
	json_t *rec = fb_padjust_record(a, i, field, NULL);
	char *s = rec ? json_dumps(rec, JSON_COMPACT | JSON_REAL_PRECISION(6)) : NULL;

	json_decref(rec);
	return s;
}

static double adjusted(const struct fb_padjust *a, size_t i, const char *field)
{
	json_t *rec = fb_padjust_record(a, i, field, NULL);
	const json_t *v = json_object_get(rec, field);
	double d = json_is_real(v) ? json_real_value(v) : NAN;

	json_decref(rec);
	return d;
}

/* One family: p.adjust(c(0.01, 0.04, 0.03), "holm") is 0.03, 0.06, 0.06;
 * a null or missing p-value and an srm record do not count. */
static void test_pooled(void)
{
	struct fb_path *p = fb_path_compile("p_value", NULL);
	struct fb_padjust *a = fb_padjust_new(p, NULL);
	char *s;

	CHECK(add(a, "{\"p_value\":0.01,\"p_adjusted\":0.5,\"z\":1}", NULL) == 0);
	CHECK(add(a, "{\"record\":\"srm\",\"p_value\":0.001}", NULL) == 0);
	CHECK(add(a, "{\"p_value\":null}", NULL) == 0);
	CHECK(add(a, "{\"record\":\"comparison\",\"p_value\":0.04}", NULL) == 0);
	CHECK(add(a, "{\"q\":1}\r", NULL) == 0);
	CHECK(add(a, "{\"p_value\":0.03}", NULL) == 0);
	CHECK(fb_padjust_count(a) == 6);
	CHECK(fb_padjust_counted(a) == 3);
	CHECK(fb_padjust_families(a) == 1);
	CHECK(fb_padjust_run(a, FB_STATS_ADJUST_HOLM, NULL) == 0);
	CHECK(fb_padjust_kind(a, 0) == FB_PADJUST_COUNTED);
	CHECK(fb_padjust_kind(a, 1) == FB_PADJUST_OTHER);
	CHECK(fb_padjust_kind(a, 2) == FB_PADJUST_NONE);
	CHECK(fb_padjust_kind(a, 4) == FB_PADJUST_NONE);
	CHECK_NEAR(adjusted(a, 0, "p_adjusted"), 0.03, 1e-15);
	CHECK_NEAR(adjusted(a, 3, "p_adjusted"), 0.06, 1e-15);
	CHECK_NEAR(adjusted(a, 5, "p_adjusted"), 0.06, 1e-15);
	/* An existing field keeps its place; others are left as they were. */
	CHECK_STR(s = text(a, 0, "p_adjusted"), "{\"p_value\":0.01,\"p_adjusted\":0.03,\"z\":1}");
	free(s);
	CHECK_STR(s = text(a, 1, "p_adjusted"), "{\"record\":\"srm\",\"p_value\":0.001}");
	free(s);
	CHECK_STR(s = text(a, 2, "adj"), "{\"p_value\":null,\"adj\":null}");
	free(s);
	CHECK_STR(s = text(a, 4, "adj"), "{\"q\":1,\"adj\":null}");
	free(s);
	fb_padjust_free(a);
	fb_path_free(p);
}

/* Families by the value's JSON text: "a" (0.01, 0.02), "b" (0.5), 1 (0.2),
 * "1" (0.3) and null (0.1); Bonferroni within each. */
static void test_families(void)
{
	struct fb_path *p = fb_path_compile(".t.p", NULL), *by = fb_path_compile("m", NULL);
	struct fb_padjust *a = fb_padjust_new(p, by);
	static const double want[] = { 0.02, 0.5, 0.04, 0.2, 0.3, NAN, 0.1 };
	size_t i;

	CHECK(add(a, "{\"m\":\"a\",\"t\":{\"p\":0.01}}", NULL) == 0);
	CHECK(add(a, "{\"m\":\"b\",\"t\":{\"p\":0.5}}", NULL) == 0);
	CHECK(add(a, "{\"m\":\"a\",\"t\":{\"p\":0.02}}", NULL) == 0);
	CHECK(add(a, "{\"m\":1,\"t\":{\"p\":0.2}}", NULL) == 0);
	CHECK(add(a, "{\"m\":\"1\",\"t\":{\"p\":0.3}}", NULL) == 0);
	/* Not counted, so it needs no family. */
	CHECK(add(a, "{\"t\":{\"p\":null}}", NULL) == 0);
	CHECK(add(a, "{\"m\":null,\"t\":{\"p\":0.1}}", NULL) == 0);
	CHECK(fb_padjust_families(a) == 5);
	CHECK(fb_padjust_run(a, FB_STATS_ADJUST_BONFERRONI, NULL) == 0);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		if (isnan(want[i]))
			CHECK(isnan(adjusted(a, i, "adj")));
		else
			CHECK_NEAR(adjusted(a, i, "adj"), want[i], 1e-15);
	}
	fb_padjust_free(a);
	fb_path_free(p);
	fb_path_free(by);
}

/* Bad records are not kept, and their reasons name the path. */
static void test_bad(void)
{
	struct fb_path *p = fb_path_compile("p", NULL), *by = fb_path_compile("g", NULL);
	struct fb_padjust *a = fb_padjust_new(p, by);
	struct fb_error err;

	CHECK(add(a, "{\"p\":\"0.1\",\"g\":1}", &err) < 0);
	CHECK_STR(err.text, "p: expected a number or null, got a string");
	CHECK(add(a, "{\"p\":1.5,\"g\":1}", &err) < 0);
	CHECK_STR(err.text, "p: p-value 1.5 is not between 0 and 1");
	CHECK(add(a, "{\"p\":-0.01,\"g\":1}", &err) < 0);
	CHECK_STR(err.text, "p: p-value -0.01 is not between 0 and 1");
	CHECK(add(a, "{\"p\":0.1}", &err) < 0);
	CHECK_STR(err.text, "missing family field 'g'");
	CHECK(add(a, "{\"p\":0.1,\"g\":[1]}", &err) < 0);
	CHECK_STR(err.text, "g: expected a string, a number, a boolean or null");
	CHECK(fb_padjust_count(a) == 0);
	/* 0 and 1 are p-values; an empty collection adjusts to nothing. */
	CHECK(fb_padjust_run(a, FB_STATS_ADJUST_BH, NULL) == 0);
	CHECK(add(a, "{\"p\":0,\"g\":true}", NULL) == 0);
	CHECK(add(a, "{\"p\":1,\"g\":true}", NULL) == 0);
	CHECK(fb_padjust_run(a, FB_STATS_ADJUST_BH, NULL) == 0);
	CHECK_NEAR(adjusted(a, 0, "q"), 0, 0);
	CHECK_NEAR(adjusted(a, 1, "q"), 1, 0);
	fb_padjust_free(a);
	fb_path_free(p);
	fb_path_free(by);
}

int main(void)
{
	RUN(test_pooled);
	RUN(test_families);
	RUN(test_bad);
	return CHECK_DONE();
}
