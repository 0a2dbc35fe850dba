/* Conditions over named numbers, as users write them for a gate such as
 * --fail-if: "negative_rate>0.25", "n>=100 && delta_negative_rate>0.05",
 * "mean_score<0, negative_rate_low>0.3".
 *
 *   conditions  := conjunction { "," conjunction }     true when any is
 *   conjunction := comparison { "&&" comparison }      true when all are
 *   comparison  := field op number
 *   op          := "<" | "<=" | ">" | ">=" | "==" | "!="
 *
 * A field is a name of letters, digits and '_' (not starting with a digit)
 * from the caller's list; a number is a decimal real as fb_opt_double()
 * reads it ("0.25", "-1", "1e3"; no hex, NaN or inf). Spaces and tabs may
 * stand between the tokens. A comparison whose field has no value (NaN: a
 * rate of nothing, a change with no previous period) is false whatever the
 * operator, "!=" included. */
#ifndef FB_COND_H
#define FB_COND_H

#include <stddef.h>

#include "fb_error.h"

struct fb_cond; /* opaque: a list of conjunctions, any of which holds */

/* Returns a new, empty condition (which never holds) over the fields
 * fields[0..nfields), which are borrowed and must outlive it. */
struct fb_cond *fb_cond_new(const char *const *fields, size_t nfields);

/* Parses text and appends its conjunctions. Returns 0, or -1 with c
 * unchanged, err->column the 1-based byte offset of the problem in text
 * and err->text one of: "empty condition", "expected a field name",
 * "unknown field 'x'", "expected <, <=, >, >=, == or != after 'x'",
 * "expected a number after '>'", "'1e' is not a number", "unexpected 'x'"
 * (or "unexpected byte 0xNN"). */
int fb_cond_add(struct fb_cond *c, const char *text, struct fb_error *err);

/* The number of conjunctions added. */
size_t fb_cond_count(const struct fb_cond *c);

/* Evaluates c with values[i] the value of field i (NaN for none). Returns
 * the index of the first conjunction that holds, or -1 when none does. */
long fb_cond_eval(const struct fb_cond *c, const double *values);

/* Conjunction i as written, without surrounding blanks. Borrowed. */
const char *fb_cond_text(const struct fb_cond *c, size_t i);

/* The fields conjunction i compares, in order of writing: their number, and
 * the index of the j-th. */
size_t fb_cond_nterms(const struct fb_cond *c, size_t i);
size_t fb_cond_field(const struct fb_cond *c, size_t i, size_t j);

/* Whether any conjunction compares field. */
int fb_cond_uses(const struct fb_cond *c, size_t field);

/* Frees c; NULL is allowed. */
void fb_cond_free(struct fb_cond *c);

#endif
