/* Adjustment of p-values pooled from records; see fb_padjust.h. */
#include "fb_padjust.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_jsonl.h"

struct item {
	size_t off, len; /* the raw line in the buffer */
	double p, adjusted;
	size_t family;
	enum fb_padjust_kind kind;
};

struct fb_padjust {
	const struct fb_path *p_path, *by;
	struct item *items;
	size_t n, cap;
	char *buf;
	size_t used, bufcap;
	json_t *families; /* family's JSON text -> its index */
	size_t counted;
};

struct fb_padjust *fb_padjust_new(const struct fb_path *p_path, const struct fb_path *by)
{
	struct fb_padjust *a = fb_xcalloc(1, sizeof *a);

	a->p_path = p_path;
	a->by = by;
	a->families = json_object();
	return a;
}

/* The family of a counted record: its index, a new one for a new value.
 * Returns 0, or -1 with err filled. */
static int family_of(struct fb_padjust *a, const json_t *rec, size_t *out, struct fb_error *err)
{
	const json_t *v, *known;
	char *text;

	if (!a->by) {
		*out = 0;
		if (json_object_size(a->families) == 0)
			json_object_set_new(a->families, "", json_integer(0));
		return 0;
	}
	if (!(v = fb_path_get(a->by, rec))) {
		fb_error_set(err, 0, 0, "missing family field '%s'", fb_path_text(a->by));
		return -1;
	}
	if (json_is_object(v) || json_is_array(v)) {
		fb_error_set(err, 0, 0, "%s: expected a string, a number, a boolean or null",
		             fb_path_text(a->by));
		return -1;
	}
	text = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	if ((known = json_object_get(a->families, text))) {
		*out = (size_t)json_integer_value(known);
	} else {
		*out = json_object_size(a->families);
		json_object_set_new(a->families, text, json_integer((json_int_t)*out));
	}
	free(text);
	return 0;
}

/* What rec is, with its p-value when counted. Returns 0, or -1 with err
 * filled. */
static int classify(const struct fb_padjust *a, const json_t *rec, enum fb_padjust_kind *kind,
                    double *p, struct fb_error *err)
{
	const json_t *r = json_object_get(rec, "record"), *v;

	*p = NAN;
	if (json_is_string(r) && strcmp(json_string_value(r), "comparison") != 0) {
		*kind = FB_PADJUST_OTHER;
		return 0;
	}
	v = fb_path_get(a->p_path, rec);
	if (!v || json_is_null(v)) {
		*kind = FB_PADJUST_NONE;
		return 0;
	}
	if (!json_is_number(v)) {
		fb_error_set(err, 0, 0, "%s: expected a number or null, got %s",
		             fb_path_text(a->p_path), fb_jsonl_type_name(v));
		return -1;
	}
	*p = json_number_value(v);
	if (!(*p >= 0 && *p <= 1)) {
		fb_error_set(err, 0, 0, "%s: p-value %g is not between 0 and 1",
		             fb_path_text(a->p_path), *p);
		return -1;
	}
	*kind = FB_PADJUST_COUNTED;
	return 0;
}

int fb_padjust_add(struct fb_padjust *a, const json_t *rec, const char *line, size_t len,
                   struct fb_error *err)
{
	struct item it = { 0, len, NAN, NAN, 0, FB_PADJUST_NONE };

	if (classify(a, rec, &it.kind, &it.p, err) < 0)
		return -1;
	if (it.kind == FB_PADJUST_COUNTED && family_of(a, rec, &it.family, err) < 0)
		return -1;
	a->buf = fb_xgrow(a->buf, &a->bufcap, a->used + len + 1, 1);
	memcpy(a->buf + a->used, line, len);
	it.off = a->used;
	a->used += len;
	a->items = fb_xgrow(a->items, &a->cap, a->n + 1, sizeof *a->items);
	a->items[a->n++] = it;
	a->counted += it.kind == FB_PADJUST_COUNTED;
	return 0;
}

size_t fb_padjust_count(const struct fb_padjust *a)
{
	return a->n;
}

size_t fb_padjust_counted(const struct fb_padjust *a)
{
	return a->counted;
}

size_t fb_padjust_families(const struct fb_padjust *a)
{
	return json_object_size(a->families);
}

int fb_padjust_run(struct fb_padjust *a, enum fb_stats_adjust method, struct fb_error *err)
{
	size_t nf = fb_padjust_families(a), f, i, k, *start, *pos, *members;
	double *p;
	int rc = 0;

	/* The counted records by family, in input order within each: a
	 * counting sort. */
	start = fb_xcalloc(nf + 1, sizeof *start);
	pos = fb_xcalloc(nf + 1, sizeof *pos);
	members = fb_xmalloc((a->counted + 1) * sizeof *members);
	p = fb_xmalloc((a->counted + 1) * sizeof *p);
	for (i = 0; i < a->n; i++)
		if (a->items[i].kind == FB_PADJUST_COUNTED)
			start[a->items[i].family + 1]++;
	for (f = 0; f < nf; f++)
		start[f + 1] += start[f];
	memcpy(pos, start, (nf + 1) * sizeof *pos);
	for (i = 0; i < a->n; i++)
		if (a->items[i].kind == FB_PADJUST_COUNTED)
			members[pos[a->items[i].family]++] = i;
	for (f = 0; rc == 0 && f < nf; f++) {
		size_t m = start[f + 1] - start[f];

		for (k = 0; k < m; k++)
			p[k] = a->items[members[start[f] + k]].p;
		rc = fb_stats_p_adjust(p, m, method, p, err);
		for (k = 0; rc == 0 && k < m; k++)
			a->items[members[start[f] + k]].adjusted = p[k];
	}
	free(start);
	free(pos);
	free(members);
	free(p);
	return rc;
}

enum fb_padjust_kind fb_padjust_kind(const struct fb_padjust *a, size_t i)
{
	return a->items[i].kind;
}

json_t *fb_padjust_record(const struct fb_padjust *a, size_t i, const char *field,
                          struct fb_error *err)
{
	const struct item *it = &a->items[i];
	json_t *rec = fb_jsonl_parse(a->buf + it->off, it->len, err);

	if (!rec || it->kind == FB_PADJUST_OTHER)
		return rec;
	json_object_set_new(rec, field,
	                    it->kind == FB_PADJUST_COUNTED ? json_real(it->adjusted) : json_null());
	return rec;
}

void fb_padjust_free(struct fb_padjust *a)
{
	if (!a)
		return;
	free(a->items);
	free(a->buf);
	json_decref(a->families);
	free(a);
}
