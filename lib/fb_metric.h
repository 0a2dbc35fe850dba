/* Metrics of an A/B comparison, as users write them on the command line:
 *
 *   SPEC  := FIELD [":binary" | ":mean"]
 *          | FIELD OP CONSTANT [":binary"]
 *          | [NAME "="] "sum(" FIELD ")/sum(" FIELD ")" [":ratio"]
 *
 * FIELD is a field path ("score", "explicit.rating"). A comparison of a
 * field with a constant ("label==positive", "explicit.rating>0",
 * "latency<=2.5") is binary; the operators are ==, !=, <, <=, > and >=, and
 * the first one outside a quoted key splits the field path from the
 * constant. A bare field is a mean unless ":binary" is given, in which case
 * the field holds true/false or 0/1. "sum(X)/sum(Y)" is a ratio metric, the
 * sum of X over the sum of Y (tokens per turn), which may be named:
 * "tokens_per_turn=sum(usage.tokens)/sum(turns)"; a NAME holds none of the
 * characters " = ! < > and is not empty. The name of a metric, used in
 * output, is the spec without its type suffix, or the NAME of a ratio. */
#ifndef FB_METRIC_H
#define FB_METRIC_H

#include <jansson.h>

#include "fb_error.h"
#include "fb_path.h"

enum fb_metric_kind {
	FB_METRIC_BINARY, /* a success or not: 1 or 0 */
	FB_METRIC_MEAN,   /* a number */
	FB_METRIC_RATIO,  /* sum(x)/sum(y): a pair of numbers per record */
};

struct fb_metric; /* opaque, immutable once parsed */

/* Parses a metric spec. Returns a new metric (free with fb_metric_free), or
 * NULL with err->text such as "'x' is not a number" (the constant of <, <=,
 * > or >=), "missing constant after '=='", "a comparison is binary, not
 * mean", "a ratio metric is [NAME=]sum(X)/sum(Y)", "sum(X)/sum(Y) is a
 * ratio, not binary", "empty metric name", or the field path's own error
 * (prefixed with "numerator: " or "denominator: " in a ratio). */
struct fb_metric *fb_metric_parse(const char *spec, struct fb_error *err);

/* The spec without its ":binary" or ":mean" suffix, the name used in
 * output. Borrowed. */
const char *fb_metric_name(const struct fb_metric *m);

enum fb_metric_kind fb_metric_kind(const struct fb_metric *m);

/* The spec in a form that fb_metric_parse gives this metric back from,
 * with its type: "score:mean", "label==positive:binary",
 * "tpt=sum(tokens)/sum(turns):ratio". Borrowed. */
const char *fb_metric_spec(const struct fb_metric *m);

/* Evaluates m on the record rec. Returns 1 with *value (1 or 0 for a binary
 * metric, the number for a mean, the numerator for a ratio), 0 when the
 * field is missing or null (the record does not count for this metric; for
 * a ratio, when either field is), or -1 with err->text such as "label:
 * expected a string, got a number", "done: expected 0 or 1, got 2" or
 * "score: not a finite number" when a field has a type or value the metric
 * cannot use. */
int fb_metric_eval(const struct fb_metric *m, const json_t *rec, double *value,
                   struct fb_error *err);

/* As fb_metric_eval, and *den gets the ratio's denominator (a finite
 * number of any sign), or 1 for a binary or mean metric. */
int fb_metric_eval_ratio(const struct fb_metric *m, const json_t *rec, double *value, double *den,
                         struct fb_error *err);

/* The finite number at path p of rec, for a field that is not a metric
 * (a covariate): 1 with *x, 0 when missing or null, or -1 with err->text
 * such as "pre: expected a number, got a string". */
int fb_metric_field_number(const struct fb_path *p, const json_t *rec, double *x,
                           struct fb_error *err);

/* Frees m; NULL is allowed. */
void fb_metric_free(struct fb_metric *m);

#endif
