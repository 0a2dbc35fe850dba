/* A prefilter for the phrase rules: the texts a match of a word-start rule
 * can open with (keys), read off its pattern, in a trie. When no word start
 * of an ASCII message holds a key, none of the rules can match there, so
 * the message need not be searched. The filter may let a message through in
 * vain, never turn one away that matches. */
#ifndef FB_PREFILTER_H
#define FB_PREFILTER_H

#include <stddef.h>

struct fb_prefilter; /* opaque */

/* A new, empty filter (it lets nothing through until keys are added). */
struct fb_prefilter *fb_prefilter_new(void);

/* Adds the keys of pattern, a rule that opens at a word start, given
 * without its leading \b (PCRE2 syntax, matched caseless). Returns 0, or -1
 * when some match could open with no key the reader can tell (the caller
 * then cannot filter with this set). */
int fb_prefilter_add(struct fb_prefilter *pf, const char *pattern);

/* Whether the rules may match text (len bytes): 0 only when text is ASCII
 * and none of its words starts with a key. */
int fb_prefilter_pass(const struct fb_prefilter *pf, const char *text, size_t len);

void fb_prefilter_free(struct fb_prefilter *pf);

#endif
