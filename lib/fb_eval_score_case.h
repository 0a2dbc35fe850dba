/* The cases of an eval set, as fb-eval score reads them: one JSON object per
 * line with "id", "intent", "reference", "rejected" and the optional regex
 * assertions "must_match" and "must_not_match" (a pattern or an array of
 * them). The other fields ("messages", "user_score", "weight") are not used.
 * See fb-eval-score(1). */
#ifndef FB_EVAL_SCORE_CASE_H
#define FB_EVAL_SCORE_CASE_H

#include <jansson.h>
#include <stddef.h>

#include "fb_error.h"

/* One regex assertion of a case. */
struct fb_eval_assert {
	int negate;    /* from must_not_match: the response must not match */
	long index;    /* the pattern's index in its array, -1 for a lone string */
	char *pattern; /* owned; checked to compile when the case is read */
};

struct fb_eval_case {
	json_t *id;      /* the id, a string or an integer; new reference */
	char *key;       /* the id as text: the string, or the integer in decimal */
	size_t keylen;   /* (so 7 and "7" are one id); owned */
	json_t *intent;  /* the "intent" value as it is; null when missing; new reference */
	char *reference; /* owned copy, NULL when null or missing */
	size_t reference_len;
	char *rejected; /* owned copy, NULL when null or missing */
	size_t rejected_len;
	struct fb_eval_assert *asserts; /* must_match first, then must_not_match */
	size_t nasserts;
};

/* The text by which an id is matched: *key and *len point into the string's
 * own storage, or for an integer into buf (size at least 24). Returns 0, or
 * -1 with err->text "id: expected a string or an integer, got a number"
 * (and "id: missing" when id is NULL). */
int fb_eval_case_id_key(const json_t *id, char *buf, size_t size, const char **key, size_t *len,
                        struct fb_error *err);

/* Reads a case from rec into *c (which is overwritten; free it with
 * fb_eval_case_free). Returns 0, or -1 with err->text saying which field is
 * wrong, such as "reference: expected a string or null, got a number",
 * "must_match[1]: expected a string, got null" or "must_not_match: invalid
 * pattern: missing closing parenthesis (at byte 7 of the pattern)"; *c then
 * holds nothing to free. */
int fb_eval_case_parse(const json_t *rec, struct fb_eval_case *c, struct fb_error *err);

/* Checks assertion i of c on response (len bytes of valid UTF-8): the
 * pattern is compiled case-sensitively, in UTF and UCP mode, searched, and
 * freed, since a compiled pattern keeps matching memory that would add up
 * to kilobytes per case. Returns 1 when it holds, 0 when it does not, -1
 * when the regex gave up on a match limit (which the caller counts as
 * failed). */
int fb_eval_case_check(const struct fb_eval_case *c, size_t i, const char *response, size_t len);

/* Names an assertion in messages and output: "must_match[1]", or
 * "must_not_match" for a lone string. Returns buf. */
const char *fb_eval_assert_name(const struct fb_eval_assert *a, char *buf, size_t size);

void fb_eval_case_free(struct fb_eval_case *c);

/* ---- the eval set, and which of its cases have been answered ---- */

struct fb_eval_cases; /* opaque */

struct fb_eval_cases *fb_eval_cases_new(void);
void fb_eval_cases_free(struct fb_eval_cases *cs);

/* Reads the case in rec, found on line of the cases file, and adds it.
 * Returns 0, or -1 with err->text from fb_eval_case_parse or, for an id seen
 * before, "id 'a': a second case with this id (first on line 3)". */
int fb_eval_cases_add(struct fb_eval_cases *cs, const json_t *rec, long line, struct fb_error *err);

/* Number of cases, and case i (borrowed). */
size_t fb_eval_cases_count(const struct fb_eval_cases *cs);
const struct fb_eval_case *fb_eval_cases_get(const struct fb_eval_cases *cs, size_t i);

/* Finds the case that answer rec ({"id", "response"}), found at file:line,
 * answers, and marks it answered. file is borrowed and must outlive cs.
 * Returns the case's index, or -1 with err->text: "id: missing", "id:
 * expected a string or an integer, got TYPE", "response: missing",
 * "response: expected a string, got TYPE", "id 'x': not in the cases" or
 * "id 'x': a second answer (first at FILE:LINE)". */
long fb_eval_cases_answer(struct fb_eval_cases *cs, const json_t *rec, const char *file, long line,
                          struct fb_error *err);

/* Whether case i has an answer, and how many have. */
int fb_eval_cases_answered(const struct fb_eval_cases *cs, size_t i);
size_t fb_eval_cases_nanswered(const struct fb_eval_cases *cs);

#endif
