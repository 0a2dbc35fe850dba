/* A/A simulation of fb-abtest's tests ('make check-stats'): many simulated
 * experiments with no true difference between the arms. At alpha = 0.05 a
 * sound test calls about 5% of them significant: the count must lie within
 * the central 99.9% of Binomial(M, 0.05). A sequential test under repeated
 * looks must stay at or below 5% (below the upper bound). Two scenarios
 * show that the check can fail: a fixed-sample test under repeated looks,
 * and records of one user taken as independent, must come out above it.
 *
 * Most scenarios call the functions of lib/ that fb-abtest calls, which is
 * fast; the last ones write JSON Lines and run the fb-abtest binary given
 * as the first argument (one experiment per --by segment, --adjust none),
 * end to end. The generator is GSL's MT19937 with fixed seeds, so every run
 * gives the same counts. Prints one line per scenario and ends with "N
 * passed, N failed"; exits 1 when one failed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <jansson.h>

#include "fb_stats.h"

#define ALPHA 0.05
#define LOOKS 20

static int passed, failed;

enum expect {
	NOMINAL,  /* within the binomial bounds of 5% */
	AT_MOST,  /* at or below the upper bound */
	INFLATED, /* above the upper bound: the check has power */
};

/* The central 99.9% of Binomial(m, ALPHA): lo is the smallest k with
 * P(X ≤ k) > 0.0005, hi the smallest with P(X ≤ k) ≥ 0.9995. */
static void bounds(unsigned m, unsigned *lo, unsigned *hi)
{
	unsigned k = 0;

	while (gsl_cdf_binomial_P(k, ALPHA, m) <= 0.0005)
		k++;
	*lo = k;
	while (gsl_cdf_binomial_P(k, ALPHA, m) < 0.9995)
		k++;
	*hi = k;
}

static void report(const char *name, unsigned hits, unsigned m, enum expect e)
{
	unsigned lo, hi;
	int ok;
	const char *want;

	bounds(m, &lo, &hi);
	if (e == NOMINAL) {
		ok = hits >= lo && hits <= hi;
		want = "within";
	} else if (e == AT_MOST) {
		ok = hits <= hi;
		want = "at most the top of";
	} else {
		ok = hits > hi;
		want = "above";
	}
	printf("%s %s: %u/%u = %.2f%%, %s [%.2f%%, %.2f%%]\n", ok ? "ok  " : "FAIL", name, hits, m,
	       100.0 * hits / m, want, 100.0 * lo / m, 100.0 * hi / m);
	if (ok)
		passed++;
	else
		failed++;
}

/* Two-proportion test, R's prop.test, with and without continuity
 * correction. */
static void binary_fixed(gsl_rng *r, unsigned m, unsigned n, double p, int correct)
{
	struct fb_stats_opts o = FB_STATS_OPTS_DEFAULT;
	struct fb_stats_count a, b;
	struct fb_stats_result res;
	unsigned i, hits = 0;
	char name[96];

	o.correct = correct;
	for (i = 0; i < m; i++) {
		a.n = b.n = n;
		a.successes = gsl_ran_binomial(r, p, n);
		b.successes = gsl_ran_binomial(r, p, n);
		hits += fb_stats_prop_test(&a, &b, &o, &res, NULL) == 0 && res.p_value < ALPHA;
	}
	snprintf(name, sizeof name, "binary %s, p = %.2f, n = %u an arm",
	         correct ? "prop" : "prop-nocorrect", p, n);
	report(name, hits, m, NOMINAL);
}

static double draw(gsl_rng *r, int skewed)
{
	return skewed ? gsl_ran_lognormal(r, 0, 1) : gsl_ran_gaussian(r, 1);
}

/* Welch's t test on normal or log-normal values. */
static void mean_fixed(gsl_rng *r, unsigned m, unsigned n, int skewed)
{
	struct fb_stats_moments a, b, init = FB_STATS_MOMENTS_INIT;
	struct fb_stats_result res;
	unsigned i, j, hits = 0;
	char name[96];

	for (i = 0; i < m; i++) {
		a = b = init;
		for (j = 0; j < n; j++) {
			fb_stats_moments_add(&a, draw(r, skewed));
			fb_stats_moments_add(&b, draw(r, skewed));
		}
		hits += fb_stats_welch_t(&a, &b, NULL, &res, NULL) == 0 && res.p_value < ALPHA;
	}
	snprintf(name, sizeof name, "mean welch, %s, n = %u an arm",
	         skewed ? "log-normal" : "normal", n);
	report(name, hits, m, NOMINAL);
}

/* One arm of a clustered design: k units with 1 to 8 records each,
 * correlated within the unit (a unit effect); fills the per-unit sums and
 * the records' moments. */
static void cluster_arm(gsl_rng *r, unsigned k, int binary, struct fb_stats_ratio *units,
                        struct fb_stats_moments *records)
{
	struct fb_stats_ratio ri = FB_STATS_RATIO_INIT;
	struct fb_stats_moments mi = FB_STATS_MOMENTS_INIT;
	unsigned u, j, nrec;
	double effect, y, x;

	*units = ri;
	*records = mi;
	for (u = 0; u < k; u++) {
		nrec = 1 + (unsigned)gsl_rng_uniform_int(r, 8);
		/* Binary: the unit's own rate, Beta(2, 6), mean 0.25. */
		effect = binary ? gsl_ran_beta(r, 2, 6) : gsl_ran_gaussian(r, 1);
		y = 0;
		for (j = 0; j < nrec; j++) {
			x = binary ? (double)gsl_ran_bernoulli(r, effect)
			           : effect + gsl_ran_gaussian(r, 1);
			y += x;
			fb_stats_moments_add(records, x);
		}
		fb_stats_ratio_add(units, y, nrec);
	}
}

/* Clustered units: the delta method over units holds the level; Welch on
 * the records as if independent does not. */
static void clustered(gsl_rng *r, unsigned m, unsigned k, int binary, int naive)
{
	struct fb_stats_ratio ua, ub;
	struct fb_stats_moments ma, mb;
	struct fb_stats_result res;
	unsigned i, hits = 0;
	char name[96];
	int rc;

	for (i = 0; i < m; i++) {
		cluster_arm(r, k, binary, &ua, &ma);
		cluster_arm(r, k, binary, &ub, &mb);
		rc = naive ? fb_stats_welch_t(&ma, &mb, NULL, &res, NULL)
		           : fb_stats_ratio_z(&ua, &ub, NULL, &res, NULL);
		hits += rc == 0 && res.p_value < ALPHA;
	}
	snprintf(name, sizeof name, "clustered %s, %u units of 1-8 records an arm, %s",
	         binary ? "binary" : "mean", k,
	         naive ? "welch on records (must be inflated)" : "delta method");
	report(name, hits, m, naive ? INFLATED : NOMINAL);
}

/* LOOKS looks at growing data, step values an arm each; an experiment is a
 * false positive when any look has p < ALPHA. Sequential: the mSPRT;
 * otherwise Welch's t (peeking, which must be inflated). */
static void looks(gsl_rng *r, unsigned m, unsigned step, int binary, int sequential)
{
	struct fb_stats_seq_opts so = { FB_STATS_SEQ_TUNING_DEFAULT, ALPHA, 1 - ALPHA };
	struct fb_stats_moments a, b, init = FB_STATS_MOMENTS_INIT;
	struct fb_stats_count ca, cb;
	struct fb_stats_result res;
	unsigned i, l, j, hits = 0;
	char name[128];
	int hit, rc;

	for (i = 0; i < m; i++) {
		a = b = init;
		ca.n = ca.successes = cb.n = cb.successes = 0;
		hit = 0;
		for (l = 0; l < LOOKS; l++) {
			for (j = 0; j < step; j++) {
				if (binary) {
					ca.successes += gsl_ran_bernoulli(r, 0.2);
					cb.successes += gsl_ran_bernoulli(r, 0.2);
				} else {
					fb_stats_moments_add(&a, gsl_ran_gaussian(r, 1));
					fb_stats_moments_add(&b, gsl_ran_gaussian(r, 1));
				}
			}
			ca.n += step;
			cb.n += step;
			if (sequential && binary)
				rc = fb_stats_msprt_prop(&ca, &cb, &so, &res, NULL, NULL);
			else if (sequential)
				rc = fb_stats_msprt_mean(&a, &b, &so, &res, NULL, NULL);
			else
				rc = fb_stats_welch_t(&a, &b, NULL, &res, NULL);
			hit |= rc == 0 && res.p_value < ALPHA;
		}
		hits += hit;
	}
	snprintf(name, sizeof name, "%s %s, %d looks of %u an arm%s",
	         sequential ? "sequential msprt" : "fixed welch", binary ? "binary" : "mean", LOOKS,
	         step, sequential ? "" : " (peeking, must be inflated)");
	report(name, hits, m, sequential ? AT_MOST : INFLATED);
}

/* The bootstrap's BCa p-value (the interval inverted) on normal values. */
static void bootstrap(gsl_rng *r, unsigned m, unsigned n, unsigned resamples)
{
	struct fb_stats_boot_opts o = { resamples, 0, 1 - ALPHA, FB_STATS_TWO_SIDED };
	struct fb_stats_boot_info info;
	struct fb_stats_result res;
	double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
	unsigned i, j, hits = 0;
	char name[96];

	for (i = 0; i < m; i++) {
		for (j = 0; j < n; j++) {
			a[j] = gsl_ran_gaussian(r, 1);
			b[j] = gsl_ran_gaussian(r, 1);
		}
		o.seed = i + 1;
		hits += fb_stats_boot_means(a, NULL, n, b, NULL, n, &o, &res, &info, NULL) == 0 &&
		        res.p_value < ALPHA;
	}
	snprintf(name, sizeof name, "mean bootstrap BCa, normal, n = %u an arm, B = %u", n,
	         resamples);
	report(name, hits, m, NOMINAL);
	free(a);
	free(b);
}

/* End to end: m experiments as segments of one JSON Lines file, n records
 * an arm (with units: k units of 1-8 records), through the binary. */
static int write_input(gsl_rng *r, const char *path, unsigned m, unsigned n, int units)
{
	FILE *f = fopen(path, "w");
	unsigned e, v, i, j, nrec;
	double effect;

	if (!f)
		return -1;
	for (e = 0; e < m; e++)
		for (v = 0; v < 2; v++)
			for (i = 0; i < n; i++) {
				if (!units) {
					fprintf(f,
					        "{\"exp\":%u,\"variant\":\"%s\",\"ok\":%s,"
					        "\"x\":%.6f}\n",
					        e, v ? "b" : "a",
					        gsl_ran_bernoulli(r, 0.3) ? "true" : "false",
					        gsl_ran_gaussian(r, 1));
					continue;
				}
				nrec = 1 + (unsigned)gsl_rng_uniform_int(r, 8);
				effect = gsl_ran_gaussian(r, 1);
				for (j = 0; j < nrec; j++)
					fprintf(
					    f,
					    "{\"exp\":%u,\"variant\":\"%s\",\"user\":\"e%uv%uu%u\","
					    "\"x\":%.6f}\n",
					    e, v ? "b" : "a", e, v, i,
					    effect + gsl_ran_gaussian(r, 1));
			}
	return fclose(f);
}

/* Runs the binary on path with args and counts, per metric name, the
 * comparisons with p_value below ALPHA, and all comparisons. */
static int run_binary(const char *bin, const char *args, const char *path, const char **metrics,
                      unsigned *hits, unsigned *total, size_t nmetrics)
{
	char cmd[4096], line[8192];
	FILE *p;
	json_t *rec;
	size_t i;

	snprintf(cmd, sizeof cmd, "'%s' --by exp --adjust none %s '%s'", bin, args, path);
	if (!(p = popen(cmd, "r")))
		return -1;
	for (i = 0; i < nmetrics; i++)
		hits[i] = total[i] = 0;
	while (fgets(line, sizeof line, p)) {
		const char *metric;
		double pv;

		if (!(rec = json_loads(line, 0, NULL)))
			continue;
		metric = json_string_value(json_object_get(rec, "metric"));
		pv = json_number_value(json_object_get(rec, "p_value"));
		for (i = 0; metric && i < nmetrics; i++)
			if (strcmp(metric, metrics[i]) == 0) {
				total[i]++;
				hits[i] +=
				    json_is_number(json_object_get(rec, "p_value")) && pv < ALPHA;
			}
		json_decref(rec);
	}
	return pclose(p) == 0 ? 0 : -1;
}

static void end_to_end(gsl_rng *r, const char *bin, const char *dir)
{
	static const char *plain[] = { "ok", "x" }, *unit[] = { "x" };
	char path[4096];
	unsigned hits[2], total[2];

	snprintf(path, sizeof path, "%s/aa-plain.jsonl", dir);
	if (write_input(r, path, 2000, 200, 0) < 0 ||
	    run_binary(bin, "--method prop-nocorrect --metric ok:binary --metric x", path, plain,
	               hits, total, 2) < 0) {
		printf("FAIL fb-abtest end to end: could not run %s\n", bin);
		failed++;
	} else {
		report("fb-abtest binary prop-nocorrect, n = 200 an arm, end to end", hits[0],
		       total[0], NOMINAL);
		report("fb-abtest mean welch, n = 200 an arm, end to end", hits[1], total[1],
		       NOMINAL);
	}
	remove(path);
	snprintf(path, sizeof path, "%s/aa-units.jsonl", dir);
	if (write_input(r, path, 2000, 60, 1) < 0 ||
	    run_binary(bin, "--unit-field user --metric x", path, unit, hits, total, 1) < 0) {
		printf("FAIL fb-abtest end to end: could not run %s\n", bin);
		failed++;
	} else {
		report("fb-abtest clustered mean, 60 units of 1-8 records, delta, end to end",
		       hits[0], total[0], NOMINAL);
	}
	remove(path);
}

int main(int argc, char **argv)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	if (argc != 2) {
		fprintf(stderr, "usage: aa PATH-TO-fb-abtest\n");
		return 2;
	}
	gsl_rng_set(r, 20261129);
	binary_fixed(r, 4000, 1000, 0.2, 0);
	binary_fixed(r, 4000, 2000, 0.3, 1);
	mean_fixed(r, 4000, 50, 0);
	mean_fixed(r, 4000, 200, 1);
	clustered(r, 4000, 200, 0, 0);
	clustered(r, 4000, 200, 1, 0);
	clustered(r, 2000, 200, 0, 1);
	looks(r, 2000, 100, 1, 1);
	looks(r, 2000, 100, 0, 1);
	looks(r, 2000, 100, 0, 0);
	bootstrap(r, 1000, 100, 1000);
	end_to_end(r, argv[1], dir);
	gsl_rng_free(r);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
