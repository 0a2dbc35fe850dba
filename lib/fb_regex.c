#define PCRE2_CODE_UNIT_WIDTH 8

#include "fb_regex.h"

#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_text.h"

/* A catastrophic pattern such as "(a+)+$" backtracks exponentially; the
 * match limit makes it give up within milliseconds. It bounds the work at
 * each start position (so a long subject still costs time in proportion to
 * its length), far above what a phrase rule needs. Deep
 * backtracking is bounded by memory: the heap limit in the interpreter (the
 * depth limit is a backstop above it) and the JIT stack under the JIT, which
 * ignores both. The two give up at a similar depth (a group repeated some
 * 30,000 times), so fb_rules' anchored second pass, which PCRE2 runs in the
 * interpreter, agrees with its first pass under the JIT. */
#define MATCH_LIMIT 100000u
#define DEPTH_LIMIT 100000u
#define HEAP_LIMIT_KIB 8192u
#define JIT_STACK_START (32u * 1024)
#define JIT_STACK_MAX (1024u * 1024)

struct fb_regex {
	pcre2_code *code;
	/* The same pattern without UCP, for subjects that are all ASCII: there
	 * Unicode and ASCII classes agree, and \b and \w cost a table lookup
	 * instead of a Unicode property search (several times faster). */
	pcre2_code *ascii;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit_stack; /* made on first need, when the default 32 KiB ran out */
	int backrefs;
	/* What may open a match (see fb_regex_may_start): the bytes set in
	 * first[], when known. */
	int first_known;
	uint8_t first[32];
	int shared; /* code and ascii belong to the regex this was shared from */
};

/* PCRE2 allocates through these, so running out of memory inside PCRE2
 * exits like every other allocation instead of surfacing as a match error. */
static void *xmalloc_cb(size_t size, void *data)
{
	(void)data;
	return fb_xmalloc(size);
}

static void free_cb(void *ptr, void *data)
{
	(void)data;
	free(ptr);
}

/* Reads what PCRE2 knows of the first byte of a match into re->first: its
 * bitmap of first bytes, or its first code unit. A caseless ASCII letter
 * may also open a match as its other case, and k and s as the Kelvin sign
 * and the long s (their first bytes 0xE2 and 0xC5; 0xC4 for the Turkish
 * i's, to be safe); a first code unit outside ASCII tells nothing here. */
static void set_first(struct fb_regex *re)
{
	const uint8_t *bitmap = NULL;
	uint32_t type = 0, unit = 0;

	pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTBITMAP, &bitmap);
	pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTCODETYPE, &type);
	if (type == 1)
		pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTCODEUNIT, &unit);
	if (bitmap) {
		memcpy(re->first, bitmap, sizeof re->first);
		re->first_known = 1;
	} else if (type == 1 && unit < 0x80) {
		re->first[unit / 8] |= (uint8_t)(1u << unit % 8);
		if ((unit | 0x20) >= 'a' && (unit | 0x20) <= 'z') {
			unit ^= 0x20;
			re->first[unit / 8] |= (uint8_t)(1u << unit % 8);
			re->first[0xe2 / 8] |= (uint8_t)(1u << 0xe2 % 8);
			re->first[0xc5 / 8] |= (uint8_t)(1u << 0xc5 % 8);
			re->first[0xc4 / 8] |= (uint8_t)(1u << 0xc4 % 8);
		}
		re->first_known = 1;
	}
}

/* The match data and limits of re, which are its own even when shared. */
static void add_match_state(struct fb_regex *re, pcre2_general_context *gctx)
{
	re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
	re->mctx = pcre2_match_context_create(gctx);
	pcre2_set_match_limit(re->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, DEPTH_LIMIT);
	pcre2_set_heap_limit(re->mctx, HEAP_LIMIT_KIB);
}

struct fb_regex *fb_regex_compile(const char *pattern, unsigned flags, struct fb_error *err)
{
	pcre2_general_context *gctx;
	pcre2_compile_context *cctx;
	struct fb_regex *re = NULL;
	pcre2_code *code;
	PCRE2_UCHAR msg[200];
	PCRE2_SIZE erroff;
	uint32_t options, backrefs;
	int errcode;

	/* \C could split a UTF-8 character and break the no-check matching below. */
	options = PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C;
	if (!(flags & FB_REGEX_CASE))
		options |= PCRE2_CASELESS;
	gctx = pcre2_general_context_create(xmalloc_cb, free_cb, NULL);
	cctx = pcre2_compile_context_create(gctx);
	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, options, &errcode, &erroff,
	                     cctx);
	if (!code) {
		if (pcre2_get_error_message(errcode, msg, sizeof msg) < 0)
			msg[0] = '\0';
		fb_error_set(err, 0, (int)erroff + 1, "invalid pattern: %s", (const char *)msg);
		goto out;
	}
	/* Without a JIT (or on an unsupported platform) the interpreter runs the
	 * same pattern, only slower, so a JIT failure is not an error. */
	re = fb_xcalloc(1, sizeof *re);
	re->code = code;
	re->ascii = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, options & ~PCRE2_UCP,
	                          &errcode, &erroff, cctx);
	if (!(flags & FB_REGEX_NOJIT)) {
		(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
		if (re->ascii)
			(void)pcre2_jit_compile(re->ascii, PCRE2_JIT_COMPLETE);
	}
	pcre2_pattern_info(code, PCRE2_INFO_BACKREFMAX, &backrefs);

	re->backrefs = (int)backrefs;
	set_first(re);
	add_match_state(re, gctx);
out:
	pcre2_compile_context_free(cctx);
	pcre2_general_context_free(gctx);
	return re;
}

/* One pcre2_match call with the limits; a JIT stack overflow gets one retry
 * with a larger stack. Returns 1, 0 or -1 as fb_regex_search does. */
static int run(struct fb_regex *re, const char *subject, size_t len, size_t offset,
               uint32_t options, size_t *start, size_t *end)
{
	pcre2_code *code;
	PCRE2_SIZE *ov;
	int rc;

	if (!subject)
		subject = "";
	code = re->ascii && fb_text_is_ascii(subject, len) ? re->ascii : re->code;
	options |= PCRE2_NO_UTF_CHECK;
	rc = pcre2_match(code, (PCRE2_SPTR)subject, len, offset, options, re->md, re->mctx);
	if (rc == PCRE2_ERROR_JIT_STACKLIMIT && !re->jit_stack) {
		re->jit_stack = pcre2_jit_stack_create(JIT_STACK_START, JIT_STACK_MAX, NULL);
		if (re->jit_stack) {
			pcre2_jit_stack_assign(re->mctx, NULL, re->jit_stack);
			rc = pcre2_match(code, (PCRE2_SPTR)subject, len, offset, options, re->md,
			                 re->mctx);
		}
	}
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0)
		return -1;
	ov = pcre2_get_ovector_pointer(re->md);
	if (start)
		*start = ov[0];
	if (end)
		*end = ov[1];
	return 1;
}

int fb_regex_search(struct fb_regex *re, const char *subject, size_t len, size_t *start,
                    size_t *end)
{
	return run(re, subject, len, 0, 0, start, end);
}

int fb_regex_search_from(struct fb_regex *re, const char *subject, size_t len, size_t offset,
                         size_t *start, size_t *end)
{
	if (offset > len)
		return 0;
	return run(re, subject, len, offset, 0, start, end);
}

int fb_regex_match_at(struct fb_regex *re, const char *subject, size_t len, size_t offset,
                      size_t *end)
{
	if (offset > len)
		return 0;
	return run(re, subject, len, offset, PCRE2_ANCHORED, NULL, end);
}

enum fb_regex_start fb_regex_start(const struct fb_regex *re)
{
	uint32_t options = 0, first = 0;
	const uint8_t *bitmap = NULL;

	pcre2_pattern_info(re->code, PCRE2_INFO_ALLOPTIONS, &options);
	if (options & PCRE2_ANCHORED)
		return FB_REGEX_START_ANCHORED;
	pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTCODETYPE, &first);
	pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTBITMAP, &bitmap);
	return first || bitmap ? FB_REGEX_START_KNOWN : FB_REGEX_START_ANYWHERE;
}

int fb_regex_may_start(const struct fb_regex *re, unsigned char c)
{
	return !re->first_known || (re->first[c / 8] >> (c % 8) & 1);
}

int fb_regex_backrefs(const struct fb_regex *re)
{
	return re->backrefs;
}

/* PCRE2 matches with a compiled pattern from several threads at once; only
 * the match data and JIT stack must be each thread's own. */
struct fb_regex *fb_regex_share(const struct fb_regex *re)
{
	pcre2_general_context *gctx;
	struct fb_regex *copy;

	if (!re)
		return NULL;
	copy = fb_xmalloc(sizeof *copy);
	*copy = *re;
	copy->jit_stack = NULL;
	copy->shared = 1;
	gctx = pcre2_general_context_create(xmalloc_cb, free_cb, NULL);
	add_match_state(copy, gctx);
	pcre2_general_context_free(gctx);
	return copy;
}

void fb_regex_free(struct fb_regex *re)
{
	if (!re)
		return;
	pcre2_jit_stack_free(re->jit_stack);
	pcre2_match_context_free(re->mctx);
	pcre2_match_data_free(re->md);
	if (!re->shared) {
		pcre2_code_free(re->code);
		pcre2_code_free(re->ascii);
	}
	free(re);
}
