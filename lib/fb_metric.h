/* Metrics of an A/B comparison, as users write them on the command line:
 * NAME[:binary|mean], where NAME is a field path ("score", "explicit.rating")
 * or a comparison of a field with a constant ("label==positive",
 * "explicit.rating>0", "latency<=2.5"). The operators are ==, !=, <, <=, >
 * and >=; the first one outside a quoted key splits the field path from the
 * constant. A comparison is a binary metric; a bare field is a mean unless
 * ":binary" is given, in which case the field holds true/false or 0/1. */
#ifndef FB_METRIC_H
#define FB_METRIC_H

#include <jansson.h>

#include "fb_error.h"

enum fb_metric_kind {
	FB_METRIC_BINARY, /* a success or not: 1 or 0 */
	FB_METRIC_MEAN,   /* a number */
};

struct fb_metric; /* opaque, immutable once parsed */

/* Parses a metric spec. Returns a new metric (free with fb_metric_free), or
 * NULL with err->text such as "':ratio' is not a metric type (binary or
 * mean)", "'x' is not a number" (the constant of <, <=, > or >=), "missing
 * constant after '=='", "a comparison is binary, not mean", or the field
 * path's own error. */
struct fb_metric *fb_metric_parse(const char *spec, struct fb_error *err);

/* The spec without its ":binary" or ":mean" suffix, the name used in
 * output. Borrowed. */
const char *fb_metric_name(const struct fb_metric *m);

enum fb_metric_kind fb_metric_kind(const struct fb_metric *m);

/* Evaluates m on the record rec. Returns 1 with *value (1 or 0 for a binary
 * metric, the number for a mean), 0 when the field is missing or null (the
 * record does not count for this metric), or -1 with err->text such as
 * "label: expected a string, got a number" or "done: expected 0 or 1, got 2"
 * when the field has a type or value the metric cannot use. */
int fb_metric_eval(const struct fb_metric *m, const json_t *rec, double *value,
                   struct fb_error *err);

/* Frees m; NULL is allowed. */
void fb_metric_free(struct fb_metric *m);

#endif
