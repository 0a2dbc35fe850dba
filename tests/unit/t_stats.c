/* lib/fb_stats against R: every case of the shared reference file
 * (../shared/reference/abtest/cases.jsonl, computed by R 4.2.2), every
 * expected figure, within 1e-9 relative or 1e-12 absolute. One line per
 * kind of case; a miss names the case and the figure with got/want. Without
 * the file the test prints a skip line. Edge cases are in t_stats_edge.c. */
#include "check.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>

#include "fb_alloc.h"
#include "fb_stats.h"

#define CASES_PATH "../shared/reference/abtest/cases.jsonl"
#define REL_TOL 1e-9
#define ABS_TOL 1e-12

static json_t *cases; /* array of case objects */

/* The figures a kind computes, under the names the reference uses. */
struct figures {
	size_t n;
	struct {
		const char *name;
		double value;
	} f[8];
};

static void put(struct figures *g, const char *name, double value)
{
	g->f[g->n].name = name;
	g->f[g->n].value = value;
	g->n++;
}

static int near(double got, double want)
{
	if (isinf(want) || isinf(got))
		return got == want;
	return fabs(got - want) <= REL_TOL * fabs(want) || fabs(got - want) <= ABS_TOL;
}

/* A number, or the strings "inf" and "-inf". */
static double number(const json_t *v)
{
	const char *s = json_string_value(v);

	if (s)
		return strcmp(s, "inf") == 0 ? INFINITY : strcmp(s, "-inf") == 0 ? -INFINITY : NAN;
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static const char *name_of(const json_t *c)
{
	return json_string_value(json_object_get(c, "case"));
}

static void miss(const json_t *c, const char *field, double got, double want)
{
	fprintf(stderr, "%s: %s: got %.17g, want %.17g\n", name_of(c), field, got, want);
	check_failures++;
}

/* Compares every expected figure of case c with g; an expected figure the
 * kind did not compute is a failure too. */
static void compare(const json_t *c, const struct figures *g)
{
	const json_t *expect = json_object_get(c, "expect");
	const char *key;
	json_t *v;
	size_t i;

	json_object_foreach ((json_t *)expect, key, v) {
		for (i = 0; i < g->n; i++)
			if (strcmp(g->f[i].name, key) == 0)
				break;
		if (i == g->n) {
			fprintf(stderr, "%s: %s: not computed\n", name_of(c), key);
			check_failures++;
		} else if (!near(g->f[i].value, number(v))) {
			miss(c, key, g->f[i].value, number(v));
		}
	}
}

static void failed(const json_t *c, const struct fb_error *err)
{
	fprintf(stderr, "%s: error: %s\n", name_of(c), err->text);
	check_failures++;
}

/* The doubles of array field name of object o; the caller frees them. */
static double *doubles(const json_t *o, const char *name, size_t *n)
{
	const json_t *arr = json_object_get(o, name);
	double *v;
	size_t i;

	*n = json_array_size(arr);
	v = fb_xmalloc((*n + 1) * sizeof *v);
	for (i = 0; i < *n; i++)
		v[i] = number(json_array_get(arr, i));
	return v;
}

static uint64_t count_field(const json_t *o, const char *name)
{
	return (uint64_t)json_integer_value(json_object_get(o, name));
}

static struct fb_stats_count count_of(const json_t *o)
{
	struct fb_stats_count c;

	c.n = count_field(o, "n");
	c.successes = count_field(o, "successes");
	return c;
}

static double param(const json_t *c, const char *name)
{
	return number(json_object_get(json_object_get(c, "params"), name));
}

/* The options of case c, R's defaults where the case gives none. */
static struct fb_stats_opts opts_of(const json_t *c)
{
	const json_t *o = json_object_get(c, "options"), *v;
	struct fb_stats_opts opts = FB_STATS_OPTS_DEFAULT;
	struct fb_error err;

	if ((v = json_object_get(o, "alternative")))
		CHECK(fb_stats_alternative_from_name(json_string_value(v), &opts.alternative,
		                                     &err) == 0);
	if ((v = json_object_get(o, "conf_level")))
		opts.conf_level = json_number_value(v);
	if ((v = json_object_get(o, "continuity_correction")))
		opts.correct = json_is_true(v);
	if ((v = json_object_get(o, "exact")))
		opts.exact = json_is_true(v) ? FB_STATS_EXACT_ALWAYS : FB_STATS_EXACT_NEVER;
	return opts;
}

/* Runs fn on every case of the kind; returns how many there were. */
static size_t each(const char *kind, void (*fn)(const json_t *c))
{
	size_t i, n = 0;

	for (i = 0; i < json_array_size(cases); i++) {
		const json_t *c = json_array_get(cases, i);

		if (strcmp(json_string_value(json_object_get(c, "kind")), kind) == 0) {
			fn(c);
			n++;
		}
	}
	if (n == 0) {
		fprintf(stderr, "no cases of kind %s\n", kind);
		check_failures++;
	}
	return n;
}

static void put_test(struct figures *g, const struct fb_stats_result *r)
{
	put(g, "statistic", r->statistic);
	put(g, "df", r->df);
	put(g, "p_value", r->p_value);
	put(g, "ci_low", r->ci_low);
	put(g, "ci_high", r->ci_high);
}

static void two_sample_t(const json_t *c, int pooled)
{
	struct fb_stats_moments a = FB_STATS_MOMENTS_INIT, b = FB_STATS_MOMENTS_INIT;
	struct fb_stats_opts opts = opts_of(c);
	struct fb_stats_result r;
	struct fb_error err;
	struct figures g = { 0 };
	size_t na, nb, i;
	double *va = doubles(c, "a", &na), *vb = doubles(c, "b", &nb);

	for (i = 0; i < na; i++)
		fb_stats_moments_add(&a, va[i]);
	for (i = 0; i < nb; i++)
		fb_stats_moments_add(&b, vb[i]);
	if ((pooled ? fb_stats_student_t : fb_stats_welch_t)(&a, &b, &opts, &r, &err) < 0) {
		failed(c, &err);
	} else {
		put_test(&g, &r);
		put(&g, "mean_a", r.estimate_a);
		put(&g, "mean_b", r.estimate_b);
		compare(c, &g);
	}
	free(va);
	free(vb);
}

static void welch_case(const json_t *c)
{
	two_sample_t(c, 0);
}

static void student_case(const json_t *c)
{
	two_sample_t(c, 1);
}

static void paired_case(const json_t *c)
{
	struct fb_stats_moments d = FB_STATS_MOMENTS_INIT;
	struct fb_stats_opts opts = opts_of(c);
	struct fb_stats_result r;
	struct fb_error err;
	struct figures g = { 0 };
	size_t na, nb, i;
	double *va = doubles(c, "a", &na), *vb = doubles(c, "b", &nb);

	CHECK(na == nb);
	/* t.test(b, a, paired = TRUE) works on b - a. */
	for (i = 0; i < na; i++)
		fb_stats_moments_add(&d, vb[i] - va[i]);
	if (fb_stats_paired_t(&d, &opts, &r, &err) < 0) {
		failed(c, &err);
	} else {
		put_test(&g, &r);
		compare(c, &g);
	}
	free(va);
	free(vb);
}

static void prop_case(const json_t *c)
{
	struct fb_stats_count a = count_of(json_object_get(c, "a"));
	struct fb_stats_count b = count_of(json_object_get(c, "b"));
	struct fb_stats_opts opts = opts_of(c);
	struct fb_stats_result r;
	struct fb_error err;
	struct figures g = { 0 };

	if (fb_stats_prop_test(&a, &b, &opts, &r, &err) < 0) {
		failed(c, &err);
		return;
	}
	put_test(&g, &r);
	compare(c, &g);
}

static void fisher_case(const json_t *c)
{
	struct fb_stats_count a = count_of(json_object_get(c, "a"));
	struct fb_stats_count b = count_of(json_object_get(c, "b"));
	struct fb_stats_opts opts = opts_of(c);
	struct fb_stats_result r;
	struct fb_error err;
	struct figures g = { 0 };

	if (fb_stats_fisher_exact(&a, &b, &opts, &r, &err) < 0) {
		failed(c, &err);
		return;
	}
	put(&g, "p_value", r.p_value);
	put(&g, "odds_ratio", r.estimate);
	compare(c, &g);
}

static void mann_whitney_case(const json_t *c)
{
	struct fb_stats_opts opts = opts_of(c);
	struct fb_stats_result r;
	struct fb_error err;
	struct figures g = { 0 };
	size_t na, nb;
	double *va = doubles(c, "a", &na), *vb = doubles(c, "b", &nb);

	if (fb_stats_mann_whitney(va, na, vb, nb, &opts, &r, &err) < 0) {
		failed(c, &err);
	} else {
		/* The exact cases must have used the exact distribution. */
		CHECK(!!(r.method & FB_STATS_METHOD_EXACT) ==
		      (opts.exact == FB_STATS_EXACT_ALWAYS));
		put(&g, "statistic", r.statistic);
		put(&g, "p_value", r.p_value);
		compare(c, &g);
	}
	free(va);
	free(vb);
}

static void signed_rank_case(const json_t *c)
{
	struct fb_stats_opts opts = opts_of(c);
	struct fb_stats_result r;
	struct fb_error err;
	struct figures g = { 0 };
	size_t na, nb;
	double *va = doubles(c, "a", &na), *vb = doubles(c, "b", &nb);

	/* The source call says exact = FALSE, correct = TRUE. */
	if (!json_object_get(json_object_get(c, "options"), "exact"))
		opts.exact = FB_STATS_EXACT_NEVER;
	CHECK(na == nb);
	if (fb_stats_signed_rank(va, vb, na, &opts, &r, &err) < 0) {
		failed(c, &err);
	} else {
		put(&g, "statistic", r.statistic);
		put(&g, "p_value", r.p_value);
		compare(c, &g);
	}
	free(va);
	free(vb);
}

static void mcnemar_case(const json_t *c)
{
	const json_t *k = json_object_get(c, "counts");
	struct fb_stats_pairs p;
	struct fb_stats_opts opts = opts_of(c);
	struct fb_stats_result corrected, plain;
	struct fb_error err;
	struct figures g = { 0 };

	p.both = count_field(k, "both");
	p.a_only = count_field(k, "a_only");
	p.b_only = count_field(k, "b_only");
	p.neither = count_field(k, "neither");
	opts.correct = 1;
	if (fb_stats_mcnemar(&p, &opts, &corrected, &err) < 0) {
		failed(c, &err);
		return;
	}
	opts.correct = 0;
	if (fb_stats_mcnemar(&p, &opts, &plain, &err) < 0) {
		failed(c, &err);
		return;
	}
	put(&g, "statistic_corrected", corrected.statistic);
	put(&g, "p_value_corrected", corrected.p_value);
	put(&g, "statistic", plain.statistic);
	put(&g, "p_value", plain.p_value);
	compare(c, &g);
}

static void sign_case(const json_t *c)
{
	const json_t *k = json_object_get(c, "counts");
	struct fb_stats_opts opts = opts_of(c);
	struct fb_stats_result r;
	struct fb_error err;
	struct figures g = { 0 };

	if (fb_stats_sign_test(count_field(k, "wins"), count_field(k, "losses"), &opts, &r, &err) <
	    0) {
		failed(c, &err);
		return;
	}
	put(&g, "p_value", r.p_value);
	put(&g, "ci_low", r.ci_low);
	put(&g, "ci_high", r.ci_high);
	compare(c, &g);
}

static void srm_case(const json_t *c)
{
	struct fb_stats_result r;
	struct fb_error err;
	struct figures g = { 0 };
	size_t k, ks, i;
	double *counts = doubles(c, "counts", &k), *shares = doubles(c, "expected_share", &ks);
	uint64_t *n = fb_xmalloc((k + 1) * sizeof *n);

	CHECK(k == ks);
	for (i = 0; i < k; i++)
		n[i] = (uint64_t)counts[i];
	if (fb_stats_chisq_gof(n, shares, k, &r, &err) < 0) {
		failed(c, &err);
	} else {
		put(&g, "statistic", r.statistic);
		put(&g, "df", r.df);
		put(&g, "p_value", r.p_value);
		compare(c, &g);
	}
	free(counts);
	free(shares);
	free(n);
}

static void wilson_case(const json_t *c)
{
	struct fb_stats_count x = count_of(json_object_get(c, "counts"));
	struct fb_error err;
	struct figures g = { 0 };
	double lo, hi;

	if (fb_stats_wilson(&x, 0.95, &lo, &hi, &err) < 0) {
		failed(c, &err);
		return;
	}
	put(&g, "ci_low", lo);
	put(&g, "ci_high", hi);
	compare(c, &g);
}

static void power_prop_case(const json_t *c)
{
	struct fb_error err;
	struct figures g = { 0 };
	double n;

	if (fb_stats_power_prop_n(param(c, "p1"), param(c, "p2"), param(c, "alpha"),
	                          param(c, "power"), 0, &n, &err) < 0) {
		failed(c, &err);
		return;
	}
	put(&g, "n_per_arm", n);
	compare(c, &g);
}

static void power_t_case(const json_t *c)
{
	struct fb_error err;
	struct figures g = { 0 };
	double n;

	if (fb_stats_power_t_n(param(c, "delta"), param(c, "sd"), param(c, "alpha"),
	                       param(c, "power"), 0, &n, &err) < 0) {
		failed(c, &err);
		return;
	}
	put(&g, "n_per_arm", n);
	compare(c, &g);
}

static void adjust_case(const json_t *c)
{
	const json_t *method = json_object_get(json_object_get(c, "options"), "method");
	const json_t *want = json_object_get(json_object_get(c, "expect"), "adjusted");
	enum fb_stats_adjust m;
	struct fb_error err;
	size_t n, i;
	double *p = doubles(c, "p_values", &n), *out = fb_xmalloc((n + 1) * sizeof *out);

	CHECK(json_object_size(json_object_get(c, "expect")) == 1);
	CHECK(json_array_size(want) == n);
	if (fb_stats_adjust_from_name(json_string_value(method), &m, &err) < 0 ||
	    fb_stats_p_adjust(p, n, m, out, &err) < 0) {
		failed(c, &err);
	} else {
		for (i = 0; i < n && i < json_array_size(want); i++)
			if (!near(out[i], number(json_array_get(want, i))))
				miss(c, "adjusted", out[i], number(json_array_get(want, i)));
	}
	free(p);
	free(out);
}

static void bayes_case(const json_t *c)
{
	const json_t *o = json_object_get(c, "options");
	struct fb_stats_count a = count_of(json_object_get(c, "a"));
	struct fb_stats_count b = count_of(json_object_get(c, "b"));
	struct fb_error err;
	struct figures g = { 0 };
	double prob;

	if (fb_stats_prob_b_better(&a, &b, number(json_object_get(o, "prior_alpha")),
	                           number(json_object_get(o, "prior_beta")), &prob, &err) < 0) {
		failed(c, &err);
		return;
	}
	put(&g, "prob_b_better", prob);
	compare(c, &g);
}

static const struct {
	const char *kind;
	void (*fn)(const json_t *c);
} kinds[] = {
	{ "welch_t", welch_case },
	{ "student_t", student_case },
	{ "paired_t", paired_case },
	{ "two_proportion", prop_case },
	{ "fisher_exact", fisher_case },
	{ "mann_whitney", mann_whitney_case },
	{ "wilcoxon_signed_rank", signed_rank_case },
	{ "mcnemar", mcnemar_case },
	{ "binomial_sign", sign_case },
	{ "srm_chisq", srm_case },
	{ "wilson_interval", wilson_case },
	{ "power_proportion", power_prop_case },
	{ "power_t", power_t_case },
	{ "p_adjust", adjust_case },
	{ "beta_binomial_prob_b_better", bayes_case },
};

#define KIND_TEST(name, i)                                   \
	static void name(void)                               \
	{                                                    \
		covered += each(kinds[i].kind, kinds[i].fn); \
	}

static size_t covered;

KIND_TEST(test_welch_t, 0)
KIND_TEST(test_student_t, 1)
KIND_TEST(test_paired_t, 2)
KIND_TEST(test_two_proportion, 3)
KIND_TEST(test_fisher_exact, 4)
KIND_TEST(test_mann_whitney, 5)
KIND_TEST(test_wilcoxon_signed_rank, 6)
KIND_TEST(test_mcnemar, 7)
KIND_TEST(test_binomial_sign, 8)
KIND_TEST(test_srm_chisq, 9)
KIND_TEST(test_wilson_interval, 10)
KIND_TEST(test_power_proportion, 11)
KIND_TEST(test_power_t, 12)
KIND_TEST(test_p_adjust, 13)
KIND_TEST(test_beta_binomial_prob_b_better, 14)

/* Every case belongs to a kind tested above: none is silently skipped. */
static void test_all_cases_covered(void)
{
	if (covered != json_array_size(cases)) {
		fprintf(stderr, "%zu of %zu cases have a known kind\n", covered,
		        json_array_size(cases));
		check_failures++;
	}
}

static int load_cases(void)
{
	FILE *fp = fopen(CASES_PATH, "r");
	char line[1 << 16];
	long lineno = 0;

	if (!fp)
		return -1;
	cases = json_array();
	while (fgets(line, sizeof line, fp)) {
		json_error_t jerr;
		json_t *c;

		lineno++;
		if (!strchr(line, '\n') && !feof(fp)) {
			fprintf(stderr, "%s:%ld: line too long\n", CASES_PATH, lineno);
			check_failures++;
			break;
		}
		c = json_loads(line, JSON_REJECT_DUPLICATES, &jerr);
		if (!c || !json_is_object(c) || !json_is_string(json_object_get(c, "kind"))) {
			fprintf(stderr, "%s:%ld: %s\n", CASES_PATH, lineno,
			        c ? "not a case" : jerr.text);
			check_failures++;
			json_decref(c);
			continue;
		}
		json_array_append_new(cases, c);
	}
	fclose(fp);
	return 0;
}

int main(void)
{
	fb_alloc_init("t_stats");
	if (load_cases() < 0) {
		printf("skip %s: no %s\n", __FILE__, CASES_PATH);
		return 0;
	}
	RUN(test_welch_t);
	RUN(test_student_t);
	RUN(test_paired_t);
	RUN(test_two_proportion);
	RUN(test_fisher_exact);
	RUN(test_mann_whitney);
	RUN(test_wilcoxon_signed_rank);
	RUN(test_mcnemar);
	RUN(test_binomial_sign);
	RUN(test_srm_chisq);
	RUN(test_wilson_interval);
	RUN(test_power_proportion);
	RUN(test_power_t);
	RUN(test_p_adjust);
	RUN(test_beta_binomial_prob_b_better);
	RUN(test_all_cases_covered);
	json_decref(cases);
	return CHECK_DONE();
}
