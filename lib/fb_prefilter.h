/* A prefilter for the phrase rules: the texts a match of a word-start rule
 * can open with (keys), read off its pattern, in a trie. When no word start
 * of a message holds a key, none of the rules can match there, so the
 * message need not be searched. The filter may let a message through in
 * vain, never turn one away that matches. */
#ifndef FB_PREFILTER_H
#define FB_PREFILTER_H

#include <stddef.h>

struct fb_prefilter; /* opaque */

/* A new, empty filter (it lets nothing through until keys are added). With
 * FB_PREFILTER_UTF8 it filters any text, ASCII or not: keys then hold
 * Latin-1 letters and the apostrophe U+2019 too, and end at any other
 * character outside ASCII (so a key may be shorter, and a rule that opens
 * with such a character has none); without, it filters only ASCII text and
 * lets the rest through. */
#define FB_PREFILTER_UTF8 1u
struct fb_prefilter *fb_prefilter_new(unsigned flags);

/* Adds the keys of pattern, a rule that opens at a word start, given
 * without its leading \b (PCRE2 syntax, matched caseless), to the rules of
 * tag (0 to 7). Returns 0, or -1 when some match could open with no key the
 * reader can tell (the caller then cannot filter that tag's rules; keys
 * added before the failure stay, which only lets more through). */
int fb_prefilter_add(struct fb_prefilter *pf, const char *pattern, unsigned tag);

/* Which tags of want (bit t for tag t) may have rules matching text (len
 * bytes of valid UTF-8): a tag is left out only when none of the words of
 * text starts with one of its keys (and, without FB_PREFILTER_UTF8, text is
 * ASCII). One scan serves all the tags asked for. */
unsigned fb_prefilter_pass(const struct fb_prefilter *pf, const char *text, size_t len,
                           unsigned want);

void fb_prefilter_free(struct fb_prefilter *pf);

#endif
