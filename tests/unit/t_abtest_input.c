/* Unit tests of lib/fb_abtest_input: records into arms (variant, segment,
 * pair, unit, covariate, metric values, and each way a record is refused),
 * the expected split in the arms' order, and the lower-is-better flags. */
#include "check.h"

#include <stdlib.h>

#include "fb_abtest_input.h"
#include "fb_alloc.h"

struct design {
	struct fb_path *variant, *by, *pair, *unit, *covariate;
	struct fb_metric *metrics[2];
	struct fb_abtest_design d;
};

static void design_init(struct design *x, const char *by, const char *pair, const char *unit,
                        const char *covariate)
{
	struct fb_error err;

	x->variant = fb_path_compile("variant", &err);
	x->by = by ? fb_path_compile(by, &err) : NULL;
	x->pair = pair ? fb_path_compile(pair, &err) : NULL;
	x->unit = unit ? fb_path_compile(unit, &err) : NULL;
	x->covariate = covariate ? fb_path_compile(covariate, &err) : NULL;
	x->metrics[0] = fb_metric_parse("score", &err);
	x->metrics[1] = fb_metric_parse("ok:binary", &err);
	x->d = (struct fb_abtest_design){ x->variant,   x->by,      x->pair, x->unit,
		                          x->covariate, x->metrics, 2 };
}

static void design_free(struct design *x)
{
	fb_path_free(x->variant);
	fb_path_free(x->by);
	fb_path_free(x->pair);
	fb_path_free(x->unit);
	fb_path_free(x->covariate);
	fb_metric_free(x->metrics[0]);
	fb_metric_free(x->metrics[1]);
}

/* Adds the record of JSON text s; returns what fb_abtest_input_add does,
 * with its message in err. */
static int add(struct design *x, struct fb_arms *a, const char *s, struct fb_error *err)
{
	json_t *rec = json_loads(s, 0, NULL);
	double values[4];
	int have[2], rc;

	err->text[0] = '\0';
	rc = fb_abtest_input_add(&x->d, a, rec, values, have, err);
	json_decref(rec);
	return rc;
}

static void test_unpaired(void)
{
	struct design x;
	struct fb_arms *a;
	struct fb_error err;

	design_init(&x, "intent", NULL, NULL, NULL);
	a = fb_arms_new(2, NULL);
	CHECK(add(&x, a, "{\"variant\":\"a\",\"intent\":\"x\",\"score\":1,\"ok\":1}", &err) == 0);
	CHECK(add(&x, a, "{\"variant\":\"a\",\"intent\":\"x\",\"score\":3}", &err) == 0);
	CHECK(add(&x, a, "{\"variant\":\"b\",\"intent\":7,\"ok\":0}", &err) == 0);
	CHECK(fb_arms_nvariants(a) == 2 && fb_arms_nsegments(a) == 2);
	CHECK_STR(fb_arms_segment_name(a, 1), "7");
	CHECK(fb_arms_records(a, 0, 0) == 2);
	CHECK(fb_arms_get(a, 0, 0, 0)->moments.n == 2);
	CHECK_NEAR(fb_arms_get(a, 0, 0, 0)->moments.mean, 2, 1e-15);
	CHECK(fb_arms_get(a, 0, 0, 1)->moments.n == 1);
	CHECK(fb_arms_get(a, 1, 1, 1)->moments.n == 1);
	/* Refused records add nothing. */
	CHECK(add(&x, a, "{\"intent\":\"x\"}", &err) == -1);
	CHECK_STR(err.text, "missing variant field 'variant'");
	CHECK(add(&x, a, "{\"variant\":1,\"intent\":\"x\"}", &err) == -1);
	CHECK_STR(err.text, "variant: expected a string");
	CHECK(add(&x, a, "{\"variant\":\"c\"}", &err) == -1);
	CHECK_STR(err.text, "missing segment field 'intent'");
	CHECK(add(&x, a, "{\"variant\":\"c\",\"intent\":[1]}", &err) == -1);
	CHECK_STR(err.text, "intent: expected a string, a number or a boolean");
	CHECK(add(&x, a, "{\"variant\":\"c\",\"intent\":\"x\",\"score\":\"high\"}", &err) == -1);
	CHECK(err.text[0] != '\0');
	CHECK(fb_arms_nvariants(a) == 2 && fb_arms_records(a, 0, 0) == 2);
	fb_arms_free(a);
	design_free(&x);
}

static void test_pairs_units(void)
{
	struct design x, y;
	struct fb_arms *a;
	struct fb_error err;

	design_init(&x, NULL, "id", NULL, NULL);
	a = fb_arms_new(2, NULL);
	CHECK(add(&x, a, "{\"variant\":\"a\",\"id\":1,\"score\":1}", &err) == 0);
	CHECK(add(&x, a, "{\"variant\":\"b\",\"id\":1,\"score\":2}", &err) == 0);
	CHECK(add(&x, a, "{\"variant\":\"b\",\"id\":1,\"score\":3}", &err) == -1);
	CHECK_STR(err.text, "pair '1' has a second record of variant 'b'");
	CHECK(add(&x, a, "{\"variant\":\"b\"}", &err) == -1);
	CHECK_STR(err.text, "missing pair field 'id'");
	CHECK(fb_arms_records(a, 0, 1) == 1);
	fb_arms_free(a);
	design_free(&x);

	design_init(&y, NULL, NULL, "user", "pre");
	a = fb_arms_new(2, NULL);
	CHECK(add(&y, a, "{\"variant\":\"a\",\"user\":\"u\",\"pre\":1,\"score\":1}", &err) == 0);
	CHECK(add(&y, a, "{\"variant\":\"a\",\"user\":\"u\",\"pre\":2,\"score\":1}", &err) == -1);
	CHECK_STR(err.text, "unit 'u' has another covariate in an earlier record");
	CHECK(add(&y, a, "{\"variant\":\"a\",\"user\":\"v\"}", &err) == -1);
	CHECK_STR(err.text, "missing covariate field 'pre'");
	CHECK(add(&y, a, "{\"variant\":\"a\",\"pre\":1}", &err) == -1);
	CHECK_STR(err.text, "missing unit field 'user'");
	CHECK(fb_arms_records(a, 0, 0) == 1 && fb_arms_nunit_sums(a) == 1);
	fb_arms_free(a);
	design_free(&y);
}

static void test_shares_lower(void)
{
	static char b[] = "b", c[] = "c", a0[] = "a";
	char *names[] = { b, c, a0 };
	const double w[] = { 1, 2, 3 };
	const char *lower_names[] = { "ok", "latency" };
	struct fb_arms *a = fb_arms_new(1, NULL);
	struct fb_error err;
	struct design x;
	double *shares;
	int *lower;

	CHECK(fb_abtest_input_shares(a, names, w, 0, &shares, &err) == 0 && shares == NULL);
	fb_arms_variant(a, "a", 1);
	CHECK(fb_abtest_input_shares(a, names, w, 3, &shares, &err) == 0);
	/* The arms' order: a first, then the names not seen, as named. */
	CHECK(fb_arms_nvariants(a) == 3);
	CHECK_STR(fb_arms_variant_name(a, 1), "b");
	CHECK(shares[0] == 3 && shares[1] == 1 && shares[2] == 2);
	free(shares);
	fb_arms_variant(a, "d", 1);
	CHECK(fb_abtest_input_shares(a, names, w, 3, &shares, &err) == -1 && shares == NULL);
	CHECK_STR(err.text, "no share for variant 'd'");
	fb_arms_free(a);

	design_init(&x, NULL, NULL, NULL, NULL);
	lower = fb_abtest_input_lower(x.metrics, 2, lower_names, 2);
	CHECK(lower[0] == 0 && lower[1] == 1);
	free(lower);
	design_free(&x);
}

int main(void)
{
	fb_alloc_init("t_abtest_input");
	RUN(test_unpaired);
	RUN(test_pairs_units);
	RUN(test_shares_lower);
	return CHECK_DONE();
}
