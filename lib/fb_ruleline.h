/* One line of a rules file (fb-extract's --rules, fb-eval's
 * --redact-rules): blank-separated words, the last field being the rest of
 * the line (a pattern, which may hold blanks). Written once so that both
 * files read alike: blanks are spaces and tabs, trailing blanks and a \r are
 * dropped, and a line that is blank or whose first word starts with '#' is
 * a comment. */
#ifndef FB_RULELINE_H
#define FB_RULELINE_H

#include <stddef.h>

#include "fb_error.h"

#define FB_RULELINE_MAX_FIELDS 4

struct fb_ruleline {
	size_t n;                             /* fields found, at most the asked */
	size_t start[FB_RULELINE_MAX_FIELDS]; /* byte offsets into the line */
	size_t end[FB_RULELINE_MAX_FIELDS];
	size_t len; /* the line without its trailing blanks */
};

/* Splits s (len bytes, no newline) into at most nfields fields (1 to
 * FB_RULELINE_MAX_FIELDS): nfields − 1 words, then the rest. Returns 1 for a
 * line with fields, 0 for a comment or blank line, -1 with err ("nul byte in
 * rule", at its column, on line lineno) for a NUL byte. A missing field's
 * column is f->len + 1. */
int fb_ruleline_split(const char *s, size_t len, size_t nfields, long lineno, struct fb_ruleline *f,
                      struct fb_error *err);

#endif
