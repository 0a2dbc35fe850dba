/* Unit tests of lib/fb_metric: metric specs and their values on records. */
#include "check.h"
#include "fb_alloc.h"
#include "fb_metric.h"

static void test_parse(void)
{
	static const struct {
		const char *spec, *name;
		enum fb_metric_kind kind;
	} good[] = {
		{ "score", "score", FB_METRIC_MEAN },
		{ "score:mean", "score", FB_METRIC_MEAN },
		{ "done:binary", "done", FB_METRIC_BINARY },
		{ "label==positive", "label==positive", FB_METRIC_BINARY },
		{ "explicit.rating>0", "explicit.rating>0", FB_METRIC_BINARY },
		{ "latency<=2.5:binary", "latency<=2.5", FB_METRIC_BINARY },
		{ "sum(tokens)/sum(turns)", "sum(tokens)/sum(turns)", FB_METRIC_RATIO },
		{ "tpt=sum(usage.tokens)/sum(turns):ratio", "tpt", FB_METRIC_RATIO },
		{ "sum(.\"a)/sum(b\")/sum(c)", "sum(.\"a)/sum(b\")/sum(c)", FB_METRIC_RATIO },
		{ "a.b=sum(x)/sum(y)", "a.b", FB_METRIC_RATIO },
		/* Operators inside quoted keys, escaped quotes too, are keys. */
		{ ".\"a==b\">1", ".\"a==b\">1", FB_METRIC_BINARY },
		{ ".\"x\\\"<y\"", ".\"x\\\"<y\"", FB_METRIC_MEAN },
	};
	static const char *const bad[] = {
		"score:ratio",
		"latency<abc",
		"label==",
		"label==positive:mean",
		".a[",
		"=sum(a)/sum(b)",
		"sum(a)/sum(b):mean",
		"sum(a)/sum(b):binary",
		"sum(a)/b",
		"sum(a)/sum(b",
		"sum(a[)/sum(b)",
		"sum(a)/sum()",
		"sum()/sum(b)",
		"x:ratio",
		"s:ratio",
		"label=positive",
	};
	struct fb_error err;
	struct fb_metric *m;
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		m = fb_metric_parse(good[i].spec, &err);
		CHECK(m != NULL);
		if (!m)
			continue;
		CHECK_STR(fb_metric_name(m), good[i].name);
		CHECK(fb_metric_kind(m) == good[i].kind);
		fb_metric_free(m);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err.text[0] = '\0';
		m = fb_metric_parse(bad[i], &err);
		if (m)
			fprintf(stderr, "'%s' parsed\n", bad[i]);
		CHECK(m == NULL && err.text[0] != '\0');
		fb_metric_free(m);
	}
}

static void test_spec(void)
{
	static const struct {
		const char *spec, *canonical;
	} cases[] = {
		{ "score", "score:mean" },
		{ "ok:binary", "ok:binary" },
		{ "label==positive", "label==positive:binary" },
		{ "sum(a)/sum(b)", "sum(a)/sum(b):ratio" },
		{ "r=sum(a)/sum(b):ratio", "r=sum(a)/sum(b):ratio" },
	};
	struct fb_metric *m, *again;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		m = fb_metric_parse(cases[i].spec, NULL);
		CHECK(m != NULL);
		if (!m)
			continue;
		CHECK_STR(fb_metric_spec(m), cases[i].canonical);
		/* The canonical spec gives the same metric back. */
		again = fb_metric_parse(fb_metric_spec(m), NULL);
		CHECK(again && fb_metric_kind(again) == fb_metric_kind(m));
		if (again)
			CHECK_STR(fb_metric_name(again), fb_metric_name(m));
		fb_metric_free(again);
		fb_metric_free(m);
	}
}

static void test_eval_ratio(void)
{
	static const struct {
		const char *spec, *record;
		int rc;
		double x, y;
	} cases[] = {
		{ "sum(t)/sum(n)", "{\"t\":12,\"n\":3}", 1, 12, 3 },
		{ "sum(t)/sum(n)", "{\"t\":-1.5,\"n\":0}", 1, -1.5, 0 },
		{ "sum(t)/sum(n)", "{\"t\":12}", 0, 0, 0 },
		{ "sum(t)/sum(n)", "{\"n\":3,\"t\":null}", 0, 0, 0 },
		{ "sum(t)/sum(n)", "{\"t\":\"12\",\"n\":3}", -1, 0, 0 },
		{ "sum(t)/sum(n)", "{\"t\":1,\"n\":true}", -1, 0, 0 },
		{ "r=sum(u.t)/sum(u.n)", "{\"u\":{\"t\":4,\"n\":2}}", 1, 4, 2 },
		{ "score", "{\"score\":0.5}", 1, 0.5, 1 },
		{ "label==positive", "{\"label\":\"positive\"}", 1, 1, 1 },
	};
	struct fb_error err;
	struct fb_metric *m;
	struct fb_path *p;
	json_t *rec;
	double x, y;
	size_t i;
	int rc;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		m = fb_metric_parse(cases[i].spec, &err);
		rec = json_loads(cases[i].record, 0, NULL);
		CHECK(m && rec);
		if (!m || !rec) {
			fb_metric_free(m);
			json_decref(rec);
			continue;
		}
		x = y = 0;
		rc = fb_metric_eval_ratio(m, rec, &x, &y, &err);
		if (rc != cases[i].rc)
			fprintf(stderr, "case %zu: %s on %s: rc %d\n", i, cases[i].spec,
			        cases[i].record, rc);
		CHECK(rc == cases[i].rc);
		if (rc == 1) {
			CHECK(x == cases[i].x && y == cases[i].y);
			/* fb_metric_eval gives the numerator. */
			CHECK(fb_metric_eval(m, rec, &x, &err) == 1 && x == cases[i].x);
		}
		fb_metric_free(m);
		json_decref(rec);
	}
	m = fb_metric_parse("sum(t)/sum(n)", &err);
	rec = json_loads("{\"t\":\"x\",\"n\":1}", 0, NULL);
	CHECK(fb_metric_eval_ratio(m, rec, &x, &y, &err) == -1);
	CHECK_STR(err.text, "t: expected a number, got a string");
	json_decref(rec);
	fb_metric_free(m);
	/* A covariate's field. */
	p = fb_path_compile("pre", NULL);
	rec = json_loads("{\"pre\":2.5}", 0, NULL);
	CHECK(fb_metric_field_number(p, rec, &x, &err) == 1 && x == 2.5);
	json_object_set_new(rec, "pre", json_null());
	CHECK(fb_metric_field_number(p, rec, &x, &err) == 0);
	json_object_set_new(rec, "pre", json_true());
	CHECK(fb_metric_field_number(p, rec, &x, &err) == -1);
	CHECK_STR(err.text, "pre: expected a number, got a boolean");
	json_decref(rec);
	fb_path_free(p);
}

static void test_errors(void)
{
	static const struct {
		const char *spec, *text;
	} cases[] = {
		{ "=sum(a)/sum(b)", "empty metric name" },
		{ "sum(a)/sum(b):mean", "sum(X)/sum(Y) is a ratio, not mean" },
		{ "x:ratio", "a ratio metric is [NAME=]sum(X)/sum(Y)" },
		{ "sum(a[)/sum(b)", "numerator: invalid field path 'a[': unclosed bracket" },
		{ "sum(a)/sum()", "denominator: invalid field path '': empty path" },
		{ "label=positive", "'=' is not an operator (use '==')" },
	};
	struct fb_error err;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		err.text[0] = '\0';
		CHECK(fb_metric_parse(cases[i].spec, &err) == NULL);
		CHECK_STR(err.text, cases[i].text);
	}
}

static void test_eval(void)
{
	static const struct {
		const char *spec, *record;
		int rc;
		double value;
	} cases[] = {
		{ "score", "{\"score\":-0.25}", 1, -0.25 },
		{ "score", "{\"score\":null}", 0, 0 },
		{ "score", "{}", 0, 0 },
		{ "score", "{\"score\":\"high\"}", -1, 0 },
		{ "label==positive", "{\"label\":\"positive\"}", 1, 1 },
		{ "label==positive", "{\"label\":\"negative\"}", 1, 0 },
		{ "label!=negative", "{\"label\":\"neutral\"}", 1, 1 },
		{ "explicit.rating>3", "{\"explicit\":{\"rating\":4}}", 1, 1 },
		{ "explicit.rating>3", "{\"explicit\":{\"rating\":3}}", 1, 0 },
		{ "explicit.rating>=3", "{\"explicit\":{\"rating\":3}}", 1, 1 },
		{ "explicit.rating>3", "{\"explicit\":null}", 0, 0 },
		{ "done:binary", "{\"done\":true}", 1, 1 },
		{ "done:binary", "{\"done\":0}", 1, 0 },
		{ "done:binary", "{\"done\":2}", -1, 0 },
	};
	struct fb_error err;
	struct fb_metric *m;
	json_t *rec;
	double v;
	size_t i;
	int rc;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		m = fb_metric_parse(cases[i].spec, &err);
		rec = json_loads(cases[i].record, 0, NULL);
		CHECK(m && rec);
		if (!m || !rec) {
			fb_metric_free(m);
			json_decref(rec);
			continue;
		}
		v = 0;
		rc = fb_metric_eval(m, rec, &v, &err);
		if (rc != cases[i].rc || (rc == 1 && v != cases[i].value))
			fprintf(stderr, "case %zu: %s on %s: rc %d value %g\n", i, cases[i].spec,
			        cases[i].record, rc, v);
		CHECK(rc == cases[i].rc);
		if (rc == 1)
			CHECK_NEAR(v, cases[i].value, 0);
		fb_metric_free(m);
		json_decref(rec);
	}
}

int main(void)
{
	fb_alloc_init("t_metric");
	RUN(test_parse);
	RUN(test_eval);
	RUN(test_spec);
	RUN(test_eval_ratio);
	RUN(test_errors);
	return CHECK_DONE();
}
