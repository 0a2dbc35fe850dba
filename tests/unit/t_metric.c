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
	};
	static const char *const bad[] = { "score:ratio", "latency<abc",
		                           "label==", "label==positive:mean", ".a[" };
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
	return CHECK_DONE();
}
