#include "fb_alloc.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The one piece of process-wide state in lib/: set once at start-up, read
 * only on the way out. */
static const char *oom_progname = "fbloop";

static void oom(void)
{
	fprintf(stderr, "%s: out of memory\n", oom_progname);
	exit(2);
}

void fb_alloc_init(const char *progname)
{
	oom_progname = progname;
	json_set_alloc_funcs(fb_xmalloc, free);
}

void *fb_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *fb_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *fb_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *fb_xgrow(void *ptr, size_t *cap, size_t need, size_t elsize)
{
	size_t n = *cap;
	if (need <= n)
		return ptr;
	if (n < 8)
		n = 8;
	while (n < need) {
		if (n > SIZE_MAX / 2 / elsize)
			oom();
		n *= 2;
	}
	*cap = n;
	return fb_xrealloc(ptr, n * elsize);
}

char *fb_xstrdup(const char *s)
{
	return fb_xstrndup(s, strlen(s));
}

char *fb_xstrndup(const char *s, size_t n)
{
	char *p = fb_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
