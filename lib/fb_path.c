#include "fb_path.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"

struct step {
	char *key; /* NULL when the step is an array index */
	size_t index;
};

struct fb_path {
	char *text;
	struct step *steps;
	size_t n;
};

/* Reads a quoted key at *s (the opening quote) into a new string, or returns
 * NULL and points *why and *at at the problem. */
static char *quoted_key(const char **s, const char **why, const char **at)
{
	const char *open = *s;
	const char *p = open + 1;
	char *key = fb_xmalloc(strlen(p) + 1);
	size_t n = 0;

	for (; *p != '"'; p++) {
		if (*p == '\0') {
			*why = "unclosed quote";
			*at = open;
			free(key);
			return NULL;
		}
		if (*p == '\\') {
			if (p[1] != '"' && p[1] != '\\') {
				*why = "invalid escape in quoted key";
				*at = p;
				free(key);
				return NULL;
			}
			p++;
		}
		key[n++] = *p;
	}
	key[n] = '\0';
	*s = p + 1;
	return key;
}

/* Reads the digits of an index at *s, up to the closing bracket. */
static int index_digits(const char **s, const char *open, size_t *out, const char **why,
                        const char **at)
{
	const char *p = *s;
	size_t v = 0;

	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (SIZE_MAX - (size_t)(*p - '0')) / 10) {
			*why = "array index too large";
			*at = *s;
			return -1;
		}
		v = v * 10 + (size_t)(*p - '0');
	}
	if (*p == '\0') {
		*why = "unclosed bracket";
		*at = open;
		return -1;
	}
	if (p == *s || *p != ']') {
		*why = "invalid array index";
		*at = *s;
		return -1;
	}
	*s = p + 1;
	*out = v;
	return 0;
}

static void push(struct fb_path *p, size_t *cap, char *key, size_t index)
{
	p->steps = fb_xgrow(p->steps, cap, p->n + 1, sizeof *p->steps);
	p->steps[p->n].key = key;
	p->steps[p->n].index = index;
	p->n++;
}

struct fb_path *fb_path_compile(const char *text, struct fb_error *err)
{
	struct fb_path *p = fb_xcalloc(1, sizeof *p);
	const char *s = text;
	const char *why = NULL;
	const char *at = NULL;
	char unexpected[40];
	size_t cap = 0;
	char *key;

	p->text = fb_xstrdup(text);
	if (*s == '.')
		s++;
	if (*s == '\0') {
		why = "empty path";
		at = s;
		goto fail;
	}
	for (;;) {
		if (*s == '[') {
			const char *open = s++;
			size_t index = 0;

			/* ["a.b"] is the same step as ."a.b", as in jq. */
			if (*s == '"') {
				key = quoted_key(&s, &why, &at);
				if (!key)
					goto fail;
				push(p, &cap, key, 0);
				if (*s == '\0') {
					why = "unclosed bracket";
					at = open;
					goto fail;
				}
				if (*s != ']')
					goto unexpected;
				s++;
			} else {
				if (index_digits(&s, open, &index, &why, &at) < 0)
					goto fail;
				push(p, &cap, NULL, index);
			}
		} else if (*s == '"') {
			key = quoted_key(&s, &why, &at);
			if (!key)
				goto fail;
			push(p, &cap, key, 0);
		} else {
			size_t n = strcspn(s, ".[]\"");

			if (n == 0) {
				if (*s == ']')
					goto unexpected;
				why = "empty key";
				at = s;
				goto fail;
			}
			push(p, &cap, fb_xstrndup(s, n), 0);
			s += n;
		}
		/* A dot may also come before a bracket: ".a.[0]" is ".a[0]". */
		if (*s == '\0')
			break;
		if (*s == '.')
			s++;
		else if (*s != '[')
			goto unexpected;
	}
	return p;

unexpected:
	if (*s > ' ' && *s < 0x7f)
		snprintf(unexpected, sizeof unexpected, "unexpected character '%c'", *s);
	else
		snprintf(unexpected, sizeof unexpected, "unexpected byte 0x%02x",
		         (unsigned char)*s);
	why = unexpected;
	at = s;
fail:
	fb_error_set(err, 0, (int)(at - text) + 1, "invalid field path '%s': %s", text, why);
	fb_path_free(p);
	return NULL;
}

/* Follows the first n steps from v; NULL when one is missing or the value
 * has the wrong type for it. */
static json_t *walk(const struct fb_path *p, size_t n, const json_t *v)
{
	size_t i;

	for (i = 0; i < n && v; i++) {
		const struct step *st = &p->steps[i];

		if (st->key)
			v = json_is_object(v) ? json_object_get(v, st->key) : NULL;
		else
			v = json_is_array(v) ? json_array_get(v, st->index) : NULL;
	}
	/* jansson's getters take const and return non-const; so does this. */
	return (json_t *)v;
}

json_t *fb_path_get(const struct fb_path *p, const json_t *v)
{
	return walk(p, p->n, v);
}

int fb_path_del(const struct fb_path *p, json_t *v)
{
	const struct step *last = &p->steps[p->n - 1];
	json_t *parent = walk(p, p->n - 1, v);

	if (last->key)
		return json_is_object(parent) ? json_object_del(parent, last->key) : -1;
	return json_is_array(parent) ? json_array_remove(parent, last->index) : -1;
}

const char *fb_path_text(const struct fb_path *p)
{
	return p->text;
}

const char *fb_path_first_key(const struct fb_path *p)
{
	return p->steps[0].key;
}

void fb_path_free(struct fb_path *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++)
		free(p->steps[i].key);
	free(p->steps);
	free(p->text);
	free(p);
}
