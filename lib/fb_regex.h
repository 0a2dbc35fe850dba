/* Regular expressions: the only module that includes <pcre2.h>. Patterns are
 * compiled in UTF and UCP mode, caseless, JIT-compiled when the platform has
 * a JIT, and matched under match, depth and memory limits so that a
 * catastrophic pattern gives up instead of hanging the program. */
#ifndef FB_REGEX_H
#define FB_REGEX_H

#include <stddef.h>

#include "fb_error.h"

struct fb_regex; /* opaque; holds its own match data, so serves one thread
                  * at a time (fb_regex_share makes one for another) */

/* Flags for fb_regex_compile: FB_REGEX_CASE matches case-sensitively (the
 * default is caseless); FB_REGEX_NOJIT skips the JIT, for a pattern searched
 * rarely or only with fb_regex_match_at, which PCRE2 runs in the interpreter
 * anyway. */
#define FB_REGEX_CASE 1u
#define FB_REGEX_NOJIT 2u

/* Compiles pattern (NUL-terminated, UTF-8). Returns a new regex (free with
 * fb_regex_free) or NULL with err->text "invalid pattern: <pcre2 message>"
 * and err->column the 1-based byte offset of the error in the pattern. */
struct fb_regex *fb_regex_compile(const char *pattern, unsigned flags, struct fb_error *err);

/* Searches subject (len bytes of valid UTF-8; not checked again) for the
 * first match. Returns 1 and the byte offsets of the match in *start, *end
 * (either may be NULL); 0 when there is no match; -1 when a match, depth or
 * memory limit was hit (the caller treats it as no match and may warn). */
int fb_regex_search(struct fb_regex *re, const char *subject, size_t len, size_t *start,
                    size_t *end);

/* Like fb_regex_search, but the search starts at byte offset (a character
 * boundary, <= len); lookbehinds and \b still see the text before offset.
 * The match offsets are in the whole subject. */
int fb_regex_search_from(struct fb_regex *re, const char *subject, size_t len, size_t offset,
                         size_t *start, size_t *end);

/* Like fb_regex_search, but only a match that starts exactly at byte offset
 * (a character boundary) counts; lookbehinds and \b still see the text before
 * offset. Returns 1 and the match's end in *end (may be NULL), 0 or -1. */
int fb_regex_match_at(struct fb_regex *re, const char *subject, size_t len, size_t offset,
                      size_t *end);

/* Number of back-references in the pattern (0 for most phrase rules): a
 * pattern with back-references cannot be joined into an alternation. */
int fb_regex_backrefs(const struct fb_regex *re);

/* What PCRE2 knows of where a match can start, which decides whether the
 * pattern can join an alternation without slowing it down. */
enum fb_regex_start {
	FB_REGEX_START_ANYWHERE, /* no start information: every position is tried */
	FB_REGEX_START_KNOWN,    /* a first character or set of first characters */
	FB_REGEX_START_ANCHORED, /* only at the start of the subject */
};

enum fb_regex_start fb_regex_start(const struct fb_regex *re);

/* Whether a match may start at a character whose first byte is c, by what
 * PCRE2 knows of the first character (1 when it knows nothing): a cheap
 * test before fb_regex_match_at. */
int fb_regex_may_start(const struct fb_regex *re, unsigned char c);

/* A regex searching with re's compiled pattern and match state of its own,
 * for another thread (NULL for NULL). re must outlive it. */
struct fb_regex *fb_regex_share(const struct fb_regex *re);

void fb_regex_free(struct fb_regex *re);

#endif
