/* The cases of an eval set: their fields checked, their assertions compiled. */
#include "fb_eval_score_case.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_jsonl.h"
#include "fb_map.h"
#include "fb_regex.h"

int fb_eval_case_id_key(const json_t *id, char *buf, size_t size, const char **key, size_t *len,
                        struct fb_error *err)
{
	int n;

	if (!id) {
		fb_error_set(err, 0, 0, "id: missing");
		return -1;
	}
	if (json_is_string(id)) {
		*key = json_string_value(id);
		*len = json_string_length(id);
		return 0;
	}
	if (json_is_integer(id)) {
		n = snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
		*key = buf;
		*len = n > 0 ? (size_t)n : 0;
		return 0;
	}
	fb_error_set(err, 0, 0, "id: expected a string or an integer, got %s",
	             fb_jsonl_type_name(id));
	return -1;
}

/* A text field that may be absent or null: *out gets a copy or NULL. */
static int text_field(const json_t *rec, const char *name, char **out, size_t *len,
                      struct fb_error *err)
{
	const json_t *v = json_object_get(rec, name);

	*out = NULL;
	*len = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		fb_error_set(err, 0, 0, "%s: expected a string or null, got %s", name,
		             fb_jsonl_type_name(v));
		return -1;
	}
	*len = json_string_length(v);
	*out = fb_xstrndup(json_string_value(v), *len);
	return 0;
}

const char *fb_eval_assert_name(const struct fb_eval_assert *a, char *buf, size_t size)
{
	const char *field = a->negate ? "must_not_match" : "must_match";

	if (a->index < 0)
		snprintf(buf, size, "%s", field);
	else
		snprintf(buf, size, "%s[%ld]", field, a->index);
	return buf;
}

/* Assertions test what the answer says, so case matters unless the pattern
 * says otherwise with (?i). Each pattern runs once per answer, too few times
 * for JIT compilation to pay off. */
static struct fb_regex *compile(const char *pattern, struct fb_error *err)
{
	return fb_regex_compile(pattern, FB_REGEX_CASE | FB_REGEX_NOJIT, err);
}

static int add_assert(struct fb_eval_case *c, size_t *cap, int negate, long index, const json_t *v,
                      struct fb_error *err)
{
	struct fb_eval_assert *a;
	struct fb_regex *re;
	struct fb_error rerr;
	char name[48];

	c->asserts = fb_xgrow(c->asserts, cap, c->nasserts + 1, sizeof *c->asserts);
	a = &c->asserts[c->nasserts];
	a->negate = negate;
	a->index = index;
	a->pattern = NULL;
	fb_eval_assert_name(a, name, sizeof name);
	if (!json_is_string(v)) {
		fb_error_set(err, 0, 0, "%s: expected a string, got %s", name,
		             fb_jsonl_type_name(v));
		return -1;
	}
	re = compile(json_string_value(v), &rerr);
	if (!re) {
		fb_error_set(err, 0, 0, "%s: %s (at byte %d of the pattern)", name, rerr.text,
		             rerr.column);
		return -1;
	}
	fb_regex_free(re);
	a->pattern = fb_xstrdup(json_string_value(v));
	c->nasserts++;
	return 0;
}

static int asserts_field(const json_t *rec, const char *name, int negate, struct fb_eval_case *c,
                         size_t *cap, struct fb_error *err)
{
	const json_t *v = json_object_get(rec, name), *p;
	size_t i;

	if (!v)
		return 0;
	if (json_is_string(v))
		return add_assert(c, cap, negate, -1, v, err);
	if (!json_is_array(v)) {
		fb_error_set(err, 0, 0, "%s: expected a string or an array of strings, got %s",
		             name, fb_jsonl_type_name(v));
		return -1;
	}
	json_array_foreach (v, i, p) {
		if (add_assert(c, cap, negate, (long)i, p, err) < 0)
			return -1;
	}
	return 0;
}

int fb_eval_case_parse(const json_t *rec, struct fb_eval_case *c, struct fb_error *err)
{
	const json_t *id = json_object_get(rec, "id"), *intent = json_object_get(rec, "intent");
	const char *key;
	size_t len, cap = 0;
	char buf[32];

	memset(c, 0, sizeof *c);
	if (fb_eval_case_id_key(id, buf, sizeof buf, &key, &len, err) < 0)
		return -1;
	c->id = json_incref((json_t *)id);
	c->key = fb_xstrndup(key, len);
	c->keylen = len;
	c->intent = intent ? json_incref((json_t *)intent) : json_null();
	if (text_field(rec, "reference", &c->reference, &c->reference_len, err) < 0 ||
	    text_field(rec, "rejected", &c->rejected, &c->rejected_len, err) < 0 ||
	    asserts_field(rec, "must_match", 0, c, &cap, err) < 0 ||
	    asserts_field(rec, "must_not_match", 1, c, &cap, err) < 0) {
		fb_eval_case_free(c);
		return -1;
	}
	return 0;
}

int fb_eval_case_check(const struct fb_eval_case *c, size_t i, const char *response, size_t len)
{
	const struct fb_eval_assert *a = &c->asserts[i];
	struct fb_regex *re = compile(a->pattern, NULL);
	int m;

	/* It compiled when the case was read. */
	if (!re)
		return -1;
	m = fb_regex_search(re, response, len, NULL, NULL);
	fb_regex_free(re);
	if (m < 0)
		return -1;
	return a->negate ? !m : m;
}

void fb_eval_case_free(struct fb_eval_case *c)
{
	size_t i;

	json_decref(c->id);
	json_decref(c->intent);
	free(c->key);
	free(c->reference);
	free(c->rejected);
	for (i = 0; i < c->nasserts; i++)
		free(c->asserts[i].pattern);
	free(c->asserts);
	memset(c, 0, sizeof *c);
}

struct fb_eval_cases {
	struct fb_eval_case *c;
	long *line;               /* the case's line */
	long *answer_line;        /* the answer's line, 0 while unanswered */
	const char **answer_file; /* borrowed */
	size_t n, cap, answered;
	struct fb_map *index; /* key -> index + 1 */
};

struct fb_eval_cases *fb_eval_cases_new(void)
{
	struct fb_eval_cases *cs = fb_xcalloc(1, sizeof *cs);

	cs->index = fb_map_new();
	return cs;
}

void fb_eval_cases_free(struct fb_eval_cases *cs)
{
	size_t i;

	if (!cs)
		return;
	for (i = 0; i < cs->n; i++)
		fb_eval_case_free(&cs->c[i]);
	free(cs->c);
	free(cs->line);
	free(cs->answer_line);
	free(cs->answer_file);
	fb_map_free(cs->index);
	free(cs);
}

int fb_eval_cases_add(struct fb_eval_cases *cs, const json_t *rec, long line, struct fb_error *err)
{
	struct fb_eval_case c;
	uintptr_t first;

	if (fb_eval_case_parse(rec, &c, err) < 0)
		return -1;
	if ((first = (uintptr_t)fb_map_get(cs->index, c.key, c.keylen))) {
		fb_error_set(err, 0, 0, "id '%s': a second case with this id (first on line %ld)",
		             c.key, cs->line[first - 1]);
		fb_eval_case_free(&c);
		return -1;
	}
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? 2 * cs->cap : 64;
		cs->c = fb_xrealloc(cs->c, cs->cap * sizeof *cs->c);
		cs->line = fb_xrealloc(cs->line, cs->cap * sizeof *cs->line);
		cs->answer_line = fb_xrealloc(cs->answer_line, cs->cap * sizeof *cs->answer_line);
		cs->answer_file = fb_xrealloc(cs->answer_file, cs->cap * sizeof *cs->answer_file);
	}
	cs->c[cs->n] = c;
	cs->line[cs->n] = line;
	cs->answer_line[cs->n] = 0;
	cs->answer_file[cs->n] = NULL;
	cs->n++;
	fb_map_put(cs->index, c.key, c.keylen, (void *)(uintptr_t)cs->n);
	return 0;
}

size_t fb_eval_cases_count(const struct fb_eval_cases *cs)
{
	return cs->n;
}

const struct fb_eval_case *fb_eval_cases_get(const struct fb_eval_cases *cs, size_t i)
{
	return &cs->c[i];
}

long fb_eval_cases_answer(struct fb_eval_cases *cs, const json_t *rec, const char *file, long line,
                          struct fb_error *err)
{
	const json_t *resp = json_object_get(rec, "response");
	const char *key;
	char buf[32];
	size_t len, i;

	if (fb_eval_case_id_key(json_object_get(rec, "id"), buf, sizeof buf, &key, &len, err) < 0)
		return -1;
	if (!resp) {
		fb_error_set(err, 0, 0, "response: missing");
		return -1;
	}
	if (!json_is_string(resp)) {
		fb_error_set(err, 0, 0, "response: expected a string, got %s",
		             fb_jsonl_type_name(resp));
		return -1;
	}
	i = (size_t)(uintptr_t)fb_map_get(cs->index, key, len);
	if (i == 0) {
		fb_error_set(err, 0, 0, "id '%.*s': not in the cases", (int)len, key);
		return -1;
	}
	i--;
	if (cs->answer_line[i]) {
		fb_error_set(err, 0, 0, "id '%.*s': a second answer (first at %s:%ld)", (int)len,
		             key, cs->answer_file[i], cs->answer_line[i]);
		return -1;
	}
	cs->answer_line[i] = line;
	cs->answer_file[i] = file;
	cs->answered++;
	return (long)i;
}

int fb_eval_cases_answered(const struct fb_eval_cases *cs, size_t i)
{
	return cs->answer_line[i] != 0;
}

size_t fb_eval_cases_nanswered(const struct fb_eval_cases *cs)
{
	return cs->answered;
}
