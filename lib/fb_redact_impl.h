/* Internal to the redaction module (lib/fb_redact*.c): the built-in rules
 * and their checks, which fb_redact.c compiles. */
#ifndef FB_REDACT_IMPL_H
#define FB_REDACT_IMPL_H

#include <stddef.h>

/* What a text must contain for a pattern to have a chance: most texts have
 * no "@" and many no digit, and skipping a search is cheaper than running
 * one. */
#define FB_REDACT_NEEDS_AT 1u
#define FB_REDACT_NEEDS_DIGIT 2u

struct fb_redact_builtin {
	unsigned type;  /* an enum fb_redact_type */
	unsigned needs; /* FB_REDACT_NEEDS_* */
	const char *pattern;
	/* A check run on a match s[start, *end): returns 1 to keep it (possibly
	 * moving *end back to a shorter match), 0 to drop it; NULL when the
	 * pattern alone decides. */
	int (*check)(const char *s, size_t start, size_t *end);
};

extern const struct fb_redact_builtin fb_redact_builtins[];
extern const size_t fb_redact_nbuiltins;

#endif
