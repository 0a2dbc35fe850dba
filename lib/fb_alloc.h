/* Allocation wrappers: on out-of-memory they print "prog: out of memory" and
 * exit 2, so callers never check for NULL. */
#ifndef FB_ALLOC_H
#define FB_ALLOC_H

#include <stddef.h>

/* Records the program name for the out-of-memory message and installs the
 * wrappers as jansson's allocator. Call once, first thing in main. */
void fb_alloc_init(const char *progname);

void *fb_xmalloc(size_t size);
void *fb_xcalloc(size_t nmemb, size_t size);
void *fb_xrealloc(void *ptr, size_t size);
/* Grows an array of *cap elements of elsize bytes to hold at least need. */
void *fb_xgrow(void *ptr, size_t *cap, size_t need, size_t elsize);
char *fb_xstrdup(const char *s);
char *fb_xstrndup(const char *s, size_t n);

#endif
