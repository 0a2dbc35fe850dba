/* The input side of fb-abtest: records into arms. See fb_abtest_input.h. */
#include "fb_abtest_input.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"

/* The segment, pair id or unit of a record (what names it), as text: a
 * string as it is, other scalars as JSON. Returns a new string of *len
 * bytes, or NULL with the reason in err. */
static char *key_of(const struct fb_path *path, const char *what, const json_t *rec, size_t *len,
                    struct fb_error *err)
{
	const json_t *v = fb_path_get(path, rec);
	char *s;

	if (!v || json_is_null(v)) {
		fb_error_set(err, 0, 0, "missing %s field '%s'", what, fb_path_text(path));
		return NULL;
	}
	if (json_is_string(v)) {
		*len = json_string_length(v);
		return fb_xstrndup(json_string_value(v), *len);
	}
	if (json_is_object(v) || json_is_array(v)) {
		fb_error_set(err, 0, 0, "%s: expected a string, a number or a boolean",
		             fb_path_text(path));
		return NULL;
	}
	s = json_dumps(v, JSON_ENCODE_ANY);
	*len = strlen(s);
	return s;
}

/* The record's covariate, segment, pair id and unit. Returns 0, or -1 with
 * err filled and nothing left allocated. */
static int parts(const struct fb_abtest_design *d, const json_t *rec, double *cov, char **seg,
                 size_t *seglen, char **id, size_t *idlen, char **unit, size_t *unitlen,
                 struct fb_error *err)
{
	int rc;

	if (d->covariate && (rc = fb_metric_field_number(d->covariate, rec, cov, err)) <= 0) {
		if (rc == 0)
			fb_error_set(err, 0, 0, "missing covariate field '%s'",
			             fb_path_text(d->covariate));
		return -1;
	}
	if (d->by && !(*seg = key_of(d->by, "segment", rec, seglen, err)))
		return -1;
	if ((d->pair && !(*id = key_of(d->pair, "pair", rec, idlen, err))) ||
	    (d->unit && !(*unit = key_of(d->unit, "unit", rec, unitlen, err)))) {
		free(*seg);
		*seg = NULL;
		return -1;
	}
	return 0;
}

/* The metrics' values (NaN when the record has none) and a ratio's
 * denominators. Returns 0, or -1 with err filled. */
static int metric_values(const struct fb_abtest_design *d, const json_t *rec, double *values,
                         double *dens, int *have, struct fb_error *err)
{
	size_t i;
	int rc;

	for (i = 0; i < d->nmetrics; i++) {
		rc = fb_metric_eval_ratio(d->metrics[i], rec, &values[i], &dens[i], err);
		if (rc < 0)
			return -1;
		have[i] = rc;
		if (!rc)
			values[i] = NAN;
	}
	return 0;
}

static void add_values(const struct fb_abtest_design *d, struct fb_arms *arms, size_t s, size_t var,
                       const double *values, const double *dens, const int *have, double cov)
{
	size_t i;

	for (i = 0; i < d->nmetrics; i++) {
		if (!have[i])
			continue;
		if (fb_metric_kind(d->metrics[i]) == FB_METRIC_RATIO)
			fb_arms_add_xy(arms, s, var, i, values[i], dens[i]);
		else if (d->covariate)
			fb_arms_add_xy(arms, s, var, i, values[i], cov);
		else
			fb_arms_add(arms, s, var, i, values[i]);
	}
}

int fb_abtest_input_add(const struct fb_abtest_design *d, struct fb_arms *arms, const json_t *rec,
                        double *values, int *have, struct fb_error *err)
{
	const json_t *v = fb_path_get(d->variant, rec);
	char *seg = NULL, *id = NULL, *unit = NULL;
	size_t s, var, seglen = 0, idlen = 0, unitlen = 0;
	double cov = NAN, *dens = values + d->nmetrics;
	int rc = 0;

	if (!v || json_is_null(v)) {
		fb_error_set(err, 0, 0, "missing variant field '%s'", fb_path_text(d->variant));
		return -1;
	}
	if (!json_is_string(v)) {
		fb_error_set(err, 0, 0, "%s: expected a string", fb_path_text(d->variant));
		return -1;
	}
	if (parts(d, rec, &cov, &seg, &seglen, &id, &idlen, &unit, &unitlen, err) < 0)
		return -1;
	if (metric_values(d, rec, values, dens, have, err) < 0) {
		free(seg);
		free(id);
		free(unit);
		return -1;
	}
	var = fb_arms_variant(arms, json_string_value(v), json_string_length(v));
	s = fb_arms_segment(arms, seg ? seg : "", seglen);
	free(seg);
	if (id) {
		/* The pair holds the values; the arms count records only, for
		 * the sample-ratio check. */
		if (fb_arms_pair_add(arms, s, id, idlen, var, values) < 0) {
			fb_error_set(err, 0, 0, "pair '%s' has a second record of variant '%s'", id,
			             fb_arms_variant_name(arms, var));
			rc = -1;
		} else {
			fb_arms_count_record(arms, s, var);
		}
	} else if (unit) {
		if (fb_arms_unit_add(arms, s, unit, unitlen, var, values, dens, cov) < 0) {
			fb_error_set(err, 0, 0,
			             "unit '%s' has another covariate in an earlier record", unit);
			rc = -1;
		} else {
			fb_arms_count_record(arms, s, var);
		}
	} else {
		fb_arms_count_record(arms, s, var);
		add_values(d, arms, s, var, values, dens, have, cov);
	}
	free(id);
	free(unit);
	return rc;
}

int fb_abtest_input_shares(struct fb_arms *arms, char *const *names, const double *weights,
                           size_t n, double **shares, struct fb_error *err)
{
	double *w;
	size_t i;

	*shares = NULL;
	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		fb_arms_variant(arms, names[i], strlen(names[i]));
	w = fb_xcalloc(fb_arms_nvariants(arms), sizeof *w);
	for (i = 0; i < n; i++)
		w[fb_arms_find_variant(arms, names[i])] = weights[i];
	for (i = 0; i < fb_arms_nvariants(arms); i++)
		if (w[i] == 0) {
			fb_error_set(err, 0, 0, "no share for variant '%s'",
			             fb_arms_variant_name(arms, i));
			free(w);
			return -1;
		}
	*shares = w;
	return 0;
}

int *fb_abtest_input_lower(struct fb_metric *const *metrics, size_t nmetrics,
                           const char *const *names, size_t n)
{
	int *lower = fb_xcalloc(nmetrics ? nmetrics : 1, sizeof *lower);
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < nmetrics; j++)
			lower[j] |= strcmp(fb_metric_name(metrics[j]), names[i]) == 0;
	return lower;
}
