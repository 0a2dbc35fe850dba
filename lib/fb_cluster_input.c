#include "fb_cluster_input.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_jsonl.h"

static int blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

/* FNV-1a: a user is only compared with other users, never stored. */
static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h ? h : 1;
}

static uint64_t user_of(const json_t *v)
{
	uint64_t h;
	char *s;

	if (!v || json_is_null(v))
		return 0;
	if (json_is_string(v))
		return hash(json_string_value(v), json_string_length(v));
	s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_SORT_KEYS);
	h = s ? hash(s, strlen(s)) : 0;
	free(s);
	return h;
}

static int embedding(const struct fb_path *p, const json_t *rec, float *vec, size_t *dim,
                     struct fb_error *err)
{
	const char *path = fb_path_text(p);
	const json_t *a = fb_path_get(p, rec), *x;
	double big = 0, norm = 0, v;
	size_t i, n;

	if (!a) {
		fb_error_set(err, 0, 0, "%s: missing", path);
		return -1;
	}
	if (!json_is_array(a) || json_array_size(a) == 0) {
		fb_error_set(err, 0, 0, "%s: expected an array of numbers, got %s", path,
		             json_is_array(a) ? "an empty array" : fb_jsonl_type_name(a));
		return -1;
	}
	n = json_array_size(a);
	if (*dim ? n != *dim : n > FB_CLUSTER_MAX_DIM) {
		fb_error_set(err, 0, 0, "%s: has %zu values, expected %zu", path, n,
		             *dim ? *dim : (size_t)FB_CLUSTER_MAX_DIM);
		return -1;
	}
	for (i = 0; i < n; i++) {
		x = json_array_get(a, i);
		if (!json_is_number(x)) {
			fb_error_set(err, 0, 0, "%s: value %zu: expected a number, got %s", path, i,
			             fb_jsonl_type_name(x));
			return -1;
		}
		v = fabs(json_number_value(x));
		big = v > big ? v : big;
	}
	if (!(big > 0) || !isfinite(big)) {
		fb_error_set(err, 0, 0, "%s: zero vector", path);
		return -1;
	}
	/* Scaled by the largest value first, so that squares cannot overflow. */
	for (i = 0; i < n; i++) {
		v = json_number_value(json_array_get(a, i)) / big;
		norm += v * v;
	}
	norm = sqrt(norm);
	for (i = 0; i < n; i++)
		vec[i] = (float)(json_number_value(json_array_get(a, i)) / big / norm);
	*dim = n;
	return 0;
}

int fb_cluster_item_get(const struct fb_cluster_fields *f, const json_t *rec,
                        struct fb_cluster_item *it, float *vec, size_t *dim, struct fb_error *err)
{
	const char *path = fb_path_text(f->text);
	const json_t *text = fb_path_get(f->text, rec), *v;

	memset(it, 0, sizeof *it);
	if (text && !json_is_string(text)) {
		fb_error_set(err, 0, 0, "%s: expected a string, got %s", path,
		             fb_jsonl_type_name(text));
		return -1;
	}
	if (text && !blank(json_string_value(text), json_string_length(text))) {
		it->text = json_string_value(text);
		it->len = json_string_length(text);
	} else if (!f->embedding) {
		fb_error_set(err, 0, 0, text ? "%s: empty text" : "%s: missing", path);
		return -1;
	}
	if (f->embedding && embedding(f->embedding, rec, vec, dim, err) < 0)
		return -1;
	v = json_object_get(rec, "score");
	it->score = json_is_number(v) ? json_number_value(v) : NAN;
	v = json_object_get(rec, "label");
	it->negative = json_is_string(v) ? strcmp(json_string_value(v), "negative") == 0 : -1;
	it->user = f->user ? user_of(fb_path_get(f->user, rec)) : 0;
	it->has_intent = json_object_get(rec, "intent") != NULL;
	return 0;
}

void fb_cluster_records_add(struct fb_cluster_records *r, const char *raw, size_t rawlen,
                            const struct fb_cluster_item *it, const float *vec)
{
	if (r->n + 2 > r->cap) {
		r->cap = r->cap ? 2 * r->cap : 1024;
		r->raw_off = fb_xrealloc(r->raw_off, r->cap * sizeof *r->raw_off);
		r->text_off = fb_xrealloc(r->text_off, r->cap * sizeof *r->text_off);
		r->score = fb_xrealloc(r->score, r->cap * sizeof *r->score);
		r->negative = fb_xrealloc(r->negative, r->cap * sizeof *r->negative);
		r->has_intent = fb_xrealloc(r->has_intent, r->cap * sizeof *r->has_intent);
		r->user = fb_xrealloc(r->user, r->cap * sizeof *r->user);
	}
	r->raw = fb_xgrow(r->raw, &r->rawcap, r->rawlen + rawlen + 1, 1);
	r->text = fb_xgrow(r->text, &r->textcap, r->textlen + it->len + 1, 1);
	if (r->n == 0) {
		r->raw_off[0] = 0;
		r->text_off[0] = 0;
	}
	memcpy(r->raw + r->rawlen, raw, rawlen);
	if (it->len)
		memcpy(r->text + r->textlen, it->text, it->len);
	r->rawlen += rawlen;
	r->textlen += it->len;
	r->raw_off[r->n + 1] = r->rawlen;
	r->text_off[r->n + 1] = r->textlen;
	r->score[r->n] = it->score;
	r->negative[r->n] = (signed char)it->negative;
	r->has_intent[r->n] = (unsigned char)it->has_intent;
	r->user[r->n] = it->user;
	r->any_score |= !isnan(it->score);
	r->any_label |= it->negative >= 0;
	if (r->dim) {
		r->vec = fb_xgrow(r->vec, &r->veccap, (r->n + 1) * r->dim, sizeof *r->vec);
		memcpy(r->vec + r->n * r->dim, vec, r->dim * sizeof *vec);
	}
	r->n++;
}

const char *fb_cluster_records_raw(const struct fb_cluster_records *r, size_t i, size_t *len)
{
	*len = r->raw_off[i + 1] - r->raw_off[i];
	return r->raw + r->raw_off[i];
}

const char *fb_cluster_records_text(const struct fb_cluster_records *r, size_t i, size_t *len)
{
	*len = r->text_off[i + 1] - r->text_off[i];
	return r->text ? r->text + r->text_off[i] : "";
}

void fb_cluster_records_free(struct fb_cluster_records *r)
{
	free(r->raw);
	free(r->text);
	free(r->raw_off);
	free(r->text_off);
	free(r->score);
	free(r->negative);
	free(r->has_intent);
	free(r->user);
	free(r->vec);
	memset(r, 0, sizeof *r);
}
