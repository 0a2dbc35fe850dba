#include "fb_cond.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_diag.h"
#include "fb_opt.h"

enum op { OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE };

struct term {
	size_t field;
	enum op op;
	double value;
};

struct conj {
	char *text;
	struct term *terms;
	size_t nterms;
};

struct fb_cond {
	const char *const *fields;
	size_t nfields;
	struct conj *conj;
	size_t n, cap;
};

struct fb_cond *fb_cond_new(const char *const *fields, size_t nfields)
{
	struct fb_cond *c = fb_xcalloc(1, sizeof *c);

	c->fields = fields;
	c->nfields = nfields;
	return c;
}

static void conj_free(struct conj *k)
{
	free(k->text);
	free(k->terms);
}

void fb_cond_free(struct fb_cond *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++)
		conj_free(&c->conj[i]);
	free(c->conj);
	free(c);
}

/* The parser's state: the text, where it is, and the error. */
struct parser {
	const struct fb_cond *c;
	const char *text, *p;
	struct fb_error *err;
};

static int fail(struct parser *ps, const char *at, const char *fmt, ...) FB_PRINTF(3, 4);

static int fail(struct parser *ps, const char *at, const char *fmt, ...)
{
	char msg[sizeof ps->err->text];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fb_error_set(ps->err, 0, (int)(at - ps->text) + 1, "%s", msg);
	return -1;
}

static int unexpected(struct parser *ps)
{
	unsigned char b = (unsigned char)*ps->p;

	if (b >= 0x20 && b < 0x7f) {
		fb_error_set(ps->err, 0, (int)(ps->p - ps->text) + 1, "unexpected '%c'", b);
		return -1;
	}
	fb_error_set(ps->err, 0, (int)(ps->p - ps->text) + 1, "unexpected byte 0x%02X", b);
	return -1;
}

static void blanks(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t')
		ps->p++;
}

static int is_name_start(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
}

static int is_name(char ch)
{
	return is_name_start(ch) || (ch >= '0' && ch <= '9');
}

static int parse_op(struct parser *ps, enum op *op)
{
	static const struct {
		const char *s;
		enum op op;
	} ops[] = {
		{ "<=", OP_LE }, { ">=", OP_GE }, { "==", OP_EQ },
		{ "!=", OP_NE }, { "<", OP_LT },  { ">", OP_GT },
	};
	size_t i;

	for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strncmp(ps->p, ops[i].s, strlen(ops[i].s)) == 0) {
			*op = ops[i].op;
			ps->p += strlen(ops[i].s);
			return 0;
		}
	return -1;
}

static int parse_term(struct parser *ps, struct term *t)
{
	const char *start, *opstart;
	char name[64], num[64];
	struct fb_error nerr;
	size_t len, i;

	blanks(ps);
	start = ps->p;
	if (!is_name_start(*ps->p))
		return fail(ps, start, "expected a field name");
	while (is_name(*ps->p))
		ps->p++;
	len = (size_t)(ps->p - start);
	snprintf(name, sizeof name, "%.*s", (int)len, start);
	for (i = 0; i < ps->c->nfields; i++)
		if (strlen(ps->c->fields[i]) == len && memcmp(ps->c->fields[i], start, len) == 0)
			break;
	if (i == ps->c->nfields)
		return fail(ps, start, "unknown field '%s'", name);
	t->field = i;
	blanks(ps);
	opstart = ps->p;
	if (parse_op(ps, &t->op) < 0)
		return fail(ps, ps->p, "expected <, <=, >, >=, == or != after '%s'", name);
	snprintf(num, sizeof num, "%.*s", (int)(ps->p - opstart), opstart);
	blanks(ps);
	start = ps->p;
	while (*ps->p && strchr("0123456789.eE+-", *ps->p))
		ps->p++;
	if (ps->p == start)
		return fail(ps, start, "expected a number after '%s'", num);
	len = (size_t)(ps->p - start);
	snprintf(num, sizeof num, "%.*s", (int)len, start);
	if (len >= sizeof num || fb_opt_double(num, -DBL_MAX, DBL_MAX, &t->value, &nerr) < 0)
		return fail(ps, start, "'%s' is not a number", num);
	return 0;
}

/* Parses one conjunction, up to a ',' or the end, into k. */
static int parse_conj(struct parser *ps, struct conj *k)
{
	const char *start, *end;
	size_t cap = 0;

	blanks(ps);
	start = ps->p;
	if (*ps->p == ',' || *ps->p == '\0')
		return fail(ps, ps->p, "empty condition");
	for (;;) {
		k->terms = fb_xgrow(k->terms, &cap, k->nterms + 1, sizeof *k->terms);
		if (parse_term(ps, &k->terms[k->nterms]) < 0)
			return -1;
		k->nterms++;
		end = ps->p;
		blanks(ps);
		if (ps->p[0] == '&' && ps->p[1] == '&') {
			ps->p += 2;
			continue;
		}
		if (*ps->p == ',' || *ps->p == '\0')
			break;
		return unexpected(ps);
	}
	k->text = fb_xstrndup(start, (size_t)(end - start));
	return 0;
}

int fb_cond_add(struct fb_cond *c, const char *text, struct fb_error *err)
{
	struct parser ps = { c, text, text, err };
	struct conj *add = NULL;
	size_t n = 0, cap = 0, i;

	for (;;) {
		add = fb_xgrow(add, &cap, n + 1, sizeof *add);
		memset(&add[n], 0, sizeof add[n]);
		if (parse_conj(&ps, &add[n]) < 0) {
			for (i = 0; i <= n; i++)
				conj_free(&add[i]);
			free(add);
			return -1;
		}
		n++;
		if (*ps.p == '\0')
			break;
		ps.p++; /* the ',' */
	}
	c->conj = fb_xgrow(c->conj, &c->cap, c->n + n, sizeof *c->conj);
	memcpy(c->conj + c->n, add, n * sizeof *add);
	c->n += n;
	free(add);
	return 0;
}

size_t fb_cond_count(const struct fb_cond *c)
{
	return c->n;
}

static int holds(const struct term *t, double v)
{
	if (isnan(v))
		return 0;
	switch (t->op) {
	case OP_LT:
		return v < t->value;
	case OP_LE:
		return v <= t->value;
	case OP_GT:
		return v > t->value;
	case OP_GE:
		return v >= t->value;
	case OP_EQ:
		return v == t->value;
	case OP_NE:
		return v != t->value;
	}
	return 0;
}

long fb_cond_eval(const struct fb_cond *c, const double *values)
{
	size_t i, j;

	for (i = 0; i < c->n; i++) {
		for (j = 0; j < c->conj[i].nterms; j++)
			if (!holds(&c->conj[i].terms[j], values[c->conj[i].terms[j].field]))
				break;
		if (j == c->conj[i].nterms)
			return (long)i;
	}
	return -1;
}

const char *fb_cond_text(const struct fb_cond *c, size_t i)
{
	return c->conj[i].text;
}

size_t fb_cond_nterms(const struct fb_cond *c, size_t i)
{
	return c->conj[i].nterms;
}

size_t fb_cond_field(const struct fb_cond *c, size_t i, size_t j)
{
	return c->conj[i].terms[j].field;
}

int fb_cond_uses(const struct fb_cond *c, size_t field)
{
	size_t i, j;

	for (i = 0; i < c->n; i++)
		for (j = 0; j < c->conj[i].nterms; j++)
			if (c->conj[i].terms[j].field == field)
				return 1;
	return 0;
}
