/* Wilcoxon rank tests as R's wilcox.test() computes them: the exact null
 * distribution for small samples without ties (and, for the signed-rank
 * test, without zero differences), otherwise the normal approximation with
 * the tie correction of the variance and an optional continuity correction.
 *
 * Both tests work on tie groups: the distinct values in ascending order with
 * how many observations of each kind share the value. The array entry points
 * sort and group; the _tab entry points take the groups as given. */
#include "fb_stats.h"
#include "fb_stats_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

static int cmp_abs(const void *pa, const void *pb)
{
	double a = fabs(*(const double *)pa), b = fabs(*(const double *)pb);

	return (a > b) - (a < b);
}

/* The null counts of the Mann–Whitney statistic for samples of m and n, up
 * to the centre: c[w] for w = 0..h, h = mn/2 rounded down. They are the
 * lower half of the coefficients of the Gaussian binomial [m+n choose k]_q,
 * the product over i = 1..k of (1 - q^(m+n-k+i)) / (1 - q^i), k = min(m, n).
 * A coefficient depends only on those of lower degree, so the lower half
 * is built alone; the upper half, which pwilcox() never needs (it sums the
 * shorter tail), would come from differences of the large central values
 * and keep no precision at all. The multiplications still cancel in the
 * centre: against exact integer counts the p-values agree to 1e-13 up to
 * FB_STATS_RANK_EXACT_MAX, and lose digits quickly past 150 × 200.
 * Returns h + 1 counts; the caller frees them. */
static double *wilcox_counts(unsigned m, unsigned n, size_t h)
{
	size_t deg = 0, top, j;
	unsigned k = m < n ? m : n, big = m + n - k, i;
	double *c = fb_xcalloc(h + 1, sizeof *c);

	c[0] = 1;
	for (i = 1; i <= k; i++) {
		size_t s = (size_t)big + i;

		deg += s;
		top = deg < h ? deg : h;
		for (j = top; j >= s; j--)
			c[j] -= c[j - s];
		for (j = i; j <= top; j++)
			c[j] += c[j - i];
		/* The division is exact: what lies past the new degree is
		 * rounding noise and must not feed the next step. */
		deg -= i;
		for (j = deg + 1; j <= top; j++)
			c[j] = 0;
	}
	return c;
}

/* pwilcox(q, m, n, lower.tail), summing over the shorter tail as R does;
 * the total, R's choose(m + n, n), comes from the symmetric halves. */
static double pwilcox(double q, unsigned m, unsigned n, int lower)
{
	double mn = (double)m * n, total = 0, p = 0;
	size_t i, h = (size_t)m * n / 2;
	double *c;

	q = floor(q + 1e-7);
	if (q < 0)
		return lower ? 0 : 1;
	if (q >= mn)
		return lower ? 1 : 0;
	c = wilcox_counts(m, n, h);
	for (i = 0; i <= h; i++)
		total += c[i];
	total = 2 * total - ((size_t)m * n % 2 == 0 ? c[h] : 0);
	if (q <= mn / 2) {
		for (i = 0; i <= (size_t)q; i++)
			p += c[i] / total;
	} else {
		q = mn - q;
		for (i = 0; i < (size_t)q; i++)
			p += c[i] / total;
		lower = !lower;
	}
	free(c);
	return lower ? p : 0.5 - p + 0.5;
}

/* psignrank(x, n, lower.tail): subset-sum counts of 1..n, only additions. */
static double psignrank(double x, unsigned n, int lower)
{
	double top = (double)n * (n + 1) / 2, f, p = 0;
	size_t len = (size_t)top + 1, i, j, v;
	double *w;

	x = nearbyint(x + 1e-7);
	if (x < 0)
		return lower ? 0 : 1;
	if (x >= top)
		return lower ? 1 : 0;
	w = fb_xcalloc(len, sizeof *w);
	w[0] = 1;
	for (j = 1; j <= n; j++)
		for (v = j * (j + 1) / 2; v >= j; v--)
			w[v] += w[v - j];
	f = exp(-(double)n * FB_STATS_LN2);
	if (x <= top / 2) {
		for (i = 0; i <= (size_t)x; i++)
			p += w[i] * f;
	} else {
		x = top - x;
		for (i = 0; i < (size_t)x; i++)
			p += w[i] * f;
		lower = !lower;
	}
	free(w);
	return lower ? p : 0.5 - p + 0.5;
}

/* The exact p-value of wilcox.test() for a statistic s whose null
 * distribution is symmetric about centre; cdf is pwilcox or psignrank. */
static double exact_p(double s, double centre, enum fb_stats_alternative alt,
                      double (*cdf)(double, unsigned, unsigned, int), unsigned m, unsigned n)
{
	double p;

	switch (alt) {
	case FB_STATS_GREATER:
		return cdf(s - 1, m, n, 0);
	case FB_STATS_LESS:
		return cdf(s, m, n, 1);
	case FB_STATS_TWO_SIDED:
		break;
	}
	p = s > centre ? cdf(s - 1, m, n, 0) : cdf(s, m, n, 1);
	return fmin(2 * p, 1);
}

static double psignrank_n(double q, unsigned n, unsigned unused, int lower)
{
	(void)unused;
	return psignrank(q, n, lower);
}

/* The normal approximation's continuity correction, by alternative. */
static double correction(double z, const struct fb_stats_opts *o)
{
	if (!o->correct)
		return 0;
	switch (o->alternative) {
	case FB_STATS_GREATER:
		return 0.5;
	case FB_STATS_LESS:
		return -0.5;
	case FB_STATS_TWO_SIDED:
		break;
	}
	return z > 0 ? 0.5 : z < 0 ? -0.5 : 0;
}

int fb_stats_mann_whitney_tab(const uint64_t *count_a, const uint64_t *count_b, size_t nlevels,
                              const struct fb_stats_opts *opts, struct fb_stats_result *res,
                              struct fb_error *err)
{
	const struct fb_stats_opts *o = fb_stats_opts_check(opts, err);
	double nx = 0, ny = 0, cum = 0, rank_b = 0, ties = 0, w, z, sigma;
	int tied = 0, exact;
	size_t i;

	if (!o)
		return -1;
	/* R's call is wilcox.test(b, a): x is arm b and y arm a. */
	for (i = 0; i < nlevels; i++) {
		double t = (double)count_a[i] + (double)count_b[i];

		rank_b += (double)count_b[i] * (cum + (t + 1) / 2);
		cum += t;
		ties += t * t * t - t;
		tied |= t > 1;
		nx += (double)count_b[i];
		ny += (double)count_a[i];
	}
	if (nx == 0 || ny == 0) {
		fb_error_set(err, 0, 0, "rank-sum test needs a value in each arm");
		return -1;
	}
	fb_stats_result_clear(res);
	w = rank_b - nx * (nx + 1) / 2;
	res->statistic = w;
	res->estimate = w / (nx * ny);
	exact = !tied && o->exact != FB_STATS_EXACT_NEVER &&
	        (o->exact == FB_STATS_EXACT_ALWAYS || (nx < 50 && ny < 50)) &&
	        nx * ny <= FB_STATS_RANK_EXACT_MAX;
	if (exact) {
		res->method = FB_STATS_METHOD_EXACT;
		res->p_value =
		    exact_p(w, nx * ny / 2, o->alternative, pwilcox, (unsigned)nx, (unsigned)ny);
		return 0;
	}
	z = w - nx * ny / 2;
	sigma = sqrt((nx * ny / 12) * ((nx + ny + 1) - ties / ((nx + ny) * (nx + ny - 1))));
	if (!(sigma > 0)) {
		fb_error_set(err, 0, 0, "all values are tied");
		return -1;
	}
	if (o->correct)
		res->method = FB_STATS_METHOD_CORRECTED;
	z = (z - correction(z, o)) / sigma;
	res->p_value = fb_stats_normal_p(z, o->alternative);
	return 0;
}

int fb_stats_mann_whitney(const double *a, size_t na, const double *b, size_t nb,
                          const struct fb_stats_opts *opts, struct fb_stats_result *res,
                          struct fb_error *err)
{
	double *sa, *sb;
	uint64_t *ca, *cb;
	size_t i = 0, j = 0, k, nlev = 0;
	int rc;

	for (k = 0; k < na; k++)
		if (!isfinite(a[k])) {
			fb_error_set(err, 0, 0, "arm a has a non-finite value");
			return -1;
		}
	for (k = 0; k < nb; k++)
		if (!isfinite(b[k])) {
			fb_error_set(err, 0, 0, "arm b has a non-finite value");
			return -1;
		}
	sa = fb_xmalloc((na + 1) * sizeof *sa);
	sb = fb_xmalloc((nb + 1) * sizeof *sb);
	ca = fb_xcalloc(na + nb + 1, sizeof *ca);
	cb = fb_xcalloc(na + nb + 1, sizeof *cb);
	if (na)
		memcpy(sa, a, na * sizeof *sa);
	if (nb)
		memcpy(sb, b, nb * sizeof *sb);
	qsort(sa, na, sizeof *sa, cmp_double);
	qsort(sb, nb, sizeof *sb, cmp_double);
	/* Merge the sorted arms into tie groups; R ranks on exact equality. */
	while (i < na || j < nb) {
		double v = j == nb || (i < na && sa[i] < sb[j]) ? sa[i] : sb[j];

		while (i < na && sa[i] == v) {
			ca[nlev]++;
			i++;
		}
		while (j < nb && sb[j] == v) {
			cb[nlev]++;
			j++;
		}
		nlev++;
	}
	rc = fb_stats_mann_whitney_tab(ca, cb, nlev, opts, res, err);
	free(sa);
	free(sb);
	free(ca);
	free(cb);
	return rc;
}

int fb_stats_signed_rank_tab(const uint64_t *neg, const uint64_t *pos, size_t nlevels,
                             uint64_t nzero, const struct fb_stats_opts *opts,
                             struct fb_stats_result *res, struct fb_error *err)
{
	const struct fb_stats_opts *o = fb_stats_opts_check(opts, err);
	double n = 0, cum = 0, v = 0, ties = 0, z, sigma;
	int tied = 0, exact;
	size_t i;

	if (!o)
		return -1;
	for (i = 0; i < nlevels; i++) {
		double t = (double)neg[i] + (double)pos[i];

		v += (double)pos[i] * (cum + (t + 1) / 2);
		cum += t;
		ties += t * t * t - t;
		tied |= t > 1;
	}
	n = cum;
	if (n == 0) {
		fb_error_set(err, 0, 0, "signed-rank test needs a nonzero difference");
		return -1;
	}
	fb_stats_result_clear(res);
	res->statistic = v;
	exact = !tied && nzero == 0 && o->exact != FB_STATS_EXACT_NEVER &&
	        (o->exact == FB_STATS_EXACT_ALWAYS || n < 50) &&
	        n * (n + 1) / 2 <= FB_STATS_RANK_EXACT_MAX;
	if (exact) {
		res->method = FB_STATS_METHOD_EXACT;
		res->p_value =
		    exact_p(v, n * (n + 1) / 4, o->alternative, psignrank_n, (unsigned)n, 0);
		return 0;
	}
	z = v - n * (n + 1) / 4;
	sigma = sqrt(n * (n + 1) * (2 * n + 1) / 24 - ties / 48);
	if (o->correct)
		res->method = FB_STATS_METHOD_CORRECTED;
	z = (z - correction(z, o)) / sigma;
	res->p_value = fb_stats_normal_p(z, o->alternative);
	return 0;
}

int fb_stats_signed_rank(const double *a, const double *b, size_t n,
                         const struct fb_stats_opts *opts, struct fb_stats_result *res,
                         struct fb_error *err)
{
	double *d;
	uint64_t *neg, *pos, nzero = 0;
	size_t i, k, m = 0, nlev = 0;
	int rc;

	d = fb_xmalloc((n + 1) * sizeof *d);
	for (i = 0; i < n; i++) {
		/* R's paired test ranks x - y with x = b, y = a. */
		double diff = b[i] - a[i];

		if (!isfinite(diff)) {
			fb_error_set(err, 0, 0, "pair %zu has a non-finite value", i + 1);
			free(d);
			return -1;
		}
		if (diff == 0)
			nzero++;
		else
			d[m++] = diff;
	}
	neg = fb_xcalloc(m + 1, sizeof *neg);
	pos = fb_xcalloc(m + 1, sizeof *pos);
	qsort(d, m, sizeof *d, cmp_abs);
	for (i = 0; i < m; i = k) {
		for (k = i; k < m && fabs(d[k]) == fabs(d[i]); k++) {
			if (d[k] < 0)
				neg[nlev]++;
			else
				pos[nlev]++;
		}
		nlev++;
	}
	rc = fb_stats_signed_rank_tab(neg, pos, nlev, nzero, opts, res, err);
	free(d);
	free(neg);
	free(pos);
	return rc;
}
