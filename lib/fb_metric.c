#include "fb_metric.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_jsonl.h"
#include "fb_opt.h"
#include "fb_path.h"

enum op { OP_NONE, OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };

struct fb_metric {
	char *name;
	char *spec; /* canonical, with the type */
	enum fb_metric_kind kind;
	struct fb_path *path;
	struct fb_path *den; /* a ratio's denominator */
	enum op op;
	char *text;     /* the constant as written */
	double number;  /* the constant as a number, when it is one */
	int is_number;  /* whether the constant parses as a number */
	int is_boolean; /* whether the constant is true or false */
};

static const char *const op_names[] = { "", "==", "!=", "<", "<=", ">", ">=" };

/* The offset of the quote that closes the quoted key opening at s[i] (a
 * backslash escapes the next byte), or of the end of s. */
static size_t closing_quote(const char *s, size_t i)
{
	for (i++; s[i] && s[i] != '"'; i++)
		if (s[i] == '\\' && s[i + 1])
			i++;
	return i;
}

/* Finds the first operator outside a quoted key: returns its offset, or -1,
 * with its kind and length. A lone '=' is reported as OP_NONE with length 1
 * so that the caller can refuse it. */
static long find_op(const char *s, enum op *op, size_t *len)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		*len = 2;
		switch (s[i]) {
		case '"':
			i = closing_quote(s, i);
			if (!s[i])
				return -1;
			continue;
		case '=':
			*op = s[i + 1] == '=' ? OP_EQ : OP_NONE;
			*len = s[i + 1] == '=' ? 2 : 1;
			return (long)i;
		case '!':
			if (s[i + 1] != '=')
				continue;
			*op = OP_NE;
			return (long)i;
		case '<':
			*op = s[i + 1] == '=' ? OP_LE : OP_LT;
			*len = s[i + 1] == '=' ? 2 : 1;
			return (long)i;
		case '>':
			*op = s[i + 1] == '=' ? OP_GE : OP_GT;
			*len = s[i + 1] == '=' ? 2 : 1;
			return (long)i;
		default:
			continue;
		}
	}
	return -1;
}

/* The offset of the first ")/sum(" outside a quoted key in s, or -1. */
static long find_ratio_split(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		if (s[i] == '"') {
			i = closing_quote(s, i);
			if (!s[i])
				return -1;
		} else if (strncmp(s + i, ")/sum(", 6) == 0) {
			return (long)i;
		}
	}
	return -1;
}

/* Where the ratio "sum(X)/sum(Y)" starts in text: 0 without a name, one
 * past the '=' of "NAME=sum(", or -1 when text is not a ratio. */
static long ratio_start(const char *text)
{
	const char *p;

	if (strncmp(text, "sum(", 4) == 0)
		return 0;
	p = strstr(text, "=sum(");
	if (!p || strcspn(text, "\"=!<>") != (size_t)(p - text))
		return -1;
	return p - text + 1;
}

static struct fb_path *compile_part(const char *what, const char *s, size_t len,
                                    struct fb_error *err)
{
	char *field = fb_xstrndup(s, len);
	struct fb_path *p = fb_path_compile(field, err);

	free(field);
	if (!p && err) {
		char text[sizeof err->text];

		snprintf(text, sizeof text, "%s", err->text);
		fb_error_set(err, 0, 0, "%s: %s", what, text);
	}
	return p;
}

/* Parses text (the spec without its type) as [NAME=]sum(X)/sum(Y) from
 * offset at on. Returns 0, or -1 with err. */
static int parse_ratio(struct fb_metric *m, const char *text, long at, struct fb_error *err)
{
	const char *expr = text + at, *y;
	size_t len = strlen(expr);
	long split = strncmp(expr, "sum(", 4) == 0 ? find_ratio_split(expr + 4) : -1;

	if (at == 1) {
		fb_error_set(err, 0, 1, "empty metric name");
		return -1;
	}
	if (split < 0 || len < 4 + (size_t)split + 7 || expr[len - 1] != ')') {
		fb_error_set(err, 0, 0, "a ratio metric is [NAME=]sum(X)/sum(Y)");
		return -1;
	}
	y = expr + 4 + split + 6;
	m->path = compile_part("numerator", expr + 4, (size_t)split, err);
	if (!m->path)
		return -1;
	m->den = compile_part("denominator", y, (size_t)(expr + len - 1 - y), err);
	if (!m->den)
		return -1;
	m->kind = FB_METRIC_RATIO;
	if (at > 0)
		m->name[at - 1] = '\0';
	return 0;
}

static const char *const kind_names[] = { "binary", "mean", "ratio" };

struct fb_metric *fb_metric_parse(const char *spec, struct fb_error *err)
{
	struct fb_metric *m = fb_xcalloc(1, sizeof *m);
	const char *colon = strrchr(spec, ':');
	int kind = -1;
	char *field = NULL;
	size_t oplen = 0;
	long at;

	m->name = fb_xstrdup(spec);
	if (colon && (strcmp(colon, ":binary") == 0 || strcmp(colon, ":mean") == 0 ||
	              strcmp(colon, ":ratio") == 0)) {
		kind = colon[1] == 'b'   ? FB_METRIC_BINARY
		       : colon[1] == 'm' ? FB_METRIC_MEAN
		                         : FB_METRIC_RATIO;
		m->name[colon - spec] = '\0';
	}
	at = ratio_start(m->name);
	if (at >= 0 || kind == FB_METRIC_RATIO) {
		if (at >= 0 && kind >= 0 && kind != FB_METRIC_RATIO) {
			fb_error_set(err, 0, 0, "sum(X)/sum(Y) is a ratio, not %s",
			             kind_names[kind]);
			goto fail;
		}
		/* The spec before the name is cut off. */
		m->spec = fb_xmalloc(strlen(m->name) + sizeof ":ratio");
		sprintf(m->spec, "%s:ratio", m->name);
		if (parse_ratio(m, m->name, at < 0 ? 0 : at, err) < 0)
			goto fail;
		return m;
	}
	at = find_op(m->name, &m->op, &oplen);
	if (at >= 0 && m->op == OP_NONE) {
		fb_error_set(err, 0, (int)at + 1, "'=' is not an operator (use '==')");
		goto fail;
	}
	field = at >= 0 ? fb_xstrndup(m->name, (size_t)at) : fb_xstrdup(m->name);
	m->path = fb_path_compile(field, err);
	if (!m->path)
		goto fail;
	if (m->op != OP_NONE) {
		m->text = fb_xstrdup(m->name + at + (long)oplen);
		if (!*m->text) {
			fb_error_set(err, 0, 0, "missing constant after '%s'", op_names[m->op]);
			goto fail;
		}
		m->is_number = fb_opt_double(m->text, -HUGE_VAL, HUGE_VAL, &m->number, NULL) == 0;
		m->is_boolean = strcmp(m->text, "true") == 0 || strcmp(m->text, "false") == 0;
		if (m->op != OP_EQ && m->op != OP_NE && !m->is_number) {
			fb_error_set(err, 0, 0, "'%s' is not a number", m->text);
			goto fail;
		}
		if (kind == FB_METRIC_MEAN) {
			fb_error_set(err, 0, 0, "a comparison is binary, not mean");
			goto fail;
		}
		kind = FB_METRIC_BINARY;
	}
	m->kind = kind < 0 ? FB_METRIC_MEAN : (enum fb_metric_kind)kind;
	m->spec = fb_xmalloc(strlen(m->name) + sizeof ":binary");
	sprintf(m->spec, "%s:%s", m->name, kind_names[m->kind]);
	free(field);
	return m;
fail:
	free(field);
	fb_metric_free(m);
	return NULL;
}

const char *fb_metric_name(const struct fb_metric *m)
{
	return m->name;
}

enum fb_metric_kind fb_metric_kind(const struct fb_metric *m)
{
	return m->kind;
}

const char *fb_metric_spec(const struct fb_metric *m)
{
	return m->spec;
}

static int wrong_type_at(const struct fb_path *p, const char *want, const json_t *v,
                         struct fb_error *err)
{
	fb_error_set(err, 0, 0, "%s: expected %s, got %s", fb_path_text(p), want,
	             fb_jsonl_type_name(v));
	return -1;
}

static int wrong_type(const struct fb_metric *m, const char *want, const json_t *v,
                      struct fb_error *err)
{
	return wrong_type_at(m->path, want, v, err);
}

/* A finite number at p: 1 with *x, -1 with err. */
static int finite_at(const struct fb_path *p, const json_t *v, double *x, struct fb_error *err)
{
	if (!json_is_number(v))
		return wrong_type_at(p, "a number", v, err);
	*x = json_number_value(v);
	if (!isfinite(*x)) {
		fb_error_set(err, 0, 0, "%s: not a finite number", fb_path_text(p));
		return -1;
	}
	return 1;
}

/* A ratio's two fields: 1, 0 when either is missing or null, or -1. */
static int eval_ratio(const struct fb_metric *m, const json_t *rec, double *x, double *y,
                      struct fb_error *err)
{
	const json_t *a = fb_path_get(m->path, rec), *b = fb_path_get(m->den, rec);

	if (!a || json_is_null(a) || !b || json_is_null(b))
		return 0;
	if (finite_at(m->path, a, x, err) < 0 || finite_at(m->den, b, y, err) < 0)
		return -1;
	return 1;
}

static int compare(const struct fb_metric *m, double x)
{
	switch (m->op) {
	case OP_EQ:
		return x == m->number;
	case OP_NE:
		return x != m->number;
	case OP_LT:
		return x < m->number;
	case OP_LE:
		return x <= m->number;
	case OP_GT:
		return x > m->number;
	case OP_GE:
		return x >= m->number;
	default:
		return 0;
	}
}

/* == and != against a string, a number or a boolean, as the constant
 * allows: a string field compares with the constant's text. */
static int equality(const struct fb_metric *m, const json_t *v, double *value, struct fb_error *err)
{
	int eq;

	if (json_is_string(v)) {
		eq = json_string_length(v) == strlen(m->text) &&
		     memcmp(json_string_value(v), m->text, strlen(m->text)) == 0;
	} else if (json_is_number(v) && m->is_number) {
		eq = json_number_value(v) == m->number;
	} else if (json_is_boolean(v) && m->is_boolean) {
		eq = json_is_true(v) == (strcmp(m->text, "true") == 0);
	} else {
		return wrong_type(m,
		                  m->is_number    ? "a string or a number"
		                  : m->is_boolean ? "a string or a boolean"
		                                  : "a string",
		                  v, err);
	}
	*value = (m->op == OP_EQ) == eq;
	return 1;
}

int fb_metric_eval(const struct fb_metric *m, const json_t *rec, double *value,
                   struct fb_error *err)
{
	const json_t *v = fb_path_get(m->path, rec);
	double x, y;

	if (m->kind == FB_METRIC_RATIO)
		return eval_ratio(m, rec, value, &y, err);
	if (!v || json_is_null(v))
		return 0;
	if (m->op == OP_EQ || m->op == OP_NE)
		return equality(m, v, value, err);
	if (m->op != OP_NONE) {
		if (!json_is_number(v))
			return wrong_type(m, "a number", v, err);
		*value = compare(m, json_number_value(v));
		return 1;
	}
	if (m->kind == FB_METRIC_BINARY) {
		if (json_is_boolean(v)) {
			*value = json_is_true(v);
			return 1;
		}
		if (!json_is_number(v))
			return wrong_type(m, "a boolean or 0 or 1", v, err);
		x = json_number_value(v);
		if (x != 0 && x != 1) {
			fb_error_set(err, 0, 0, "%s: expected 0 or 1, got %g",
			             fb_path_text(m->path), x);
			return -1;
		}
		*value = x;
		return 1;
	}
	return finite_at(m->path, v, value, err);
}

int fb_metric_eval_ratio(const struct fb_metric *m, const json_t *rec, double *value, double *den,
                         struct fb_error *err)
{
	if (m->kind == FB_METRIC_RATIO)
		return eval_ratio(m, rec, value, den, err);
	*den = 1;
	return fb_metric_eval(m, rec, value, err);
}

int fb_metric_field_number(const struct fb_path *p, const json_t *rec, double *x,
                           struct fb_error *err)
{
	const json_t *v = fb_path_get(p, rec);

	if (!v || json_is_null(v))
		return 0;
	return finite_at(p, v, x, err);
}

void fb_metric_free(struct fb_metric *m)
{
	if (!m)
		return;
	free(m->name);
	free(m->spec);
	free(m->text);
	fb_path_free(m->path);
	fb_path_free(m->den);
	free(m);
}
