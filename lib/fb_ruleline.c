#include "fb_ruleline.h"

#include <string.h>

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

int fb_ruleline_split(const char *s, size_t len, size_t nfields, long lineno, struct fb_ruleline *f,
                      struct fb_error *err)
{
	const char *nul = memchr(s, '\0', len);
	size_t i = 0;

	f->n = 0;
	if (nul) {
		fb_error_set(err, lineno, (int)(nul - s) + 1, "nul byte in rule");
		return -1;
	}
	while (len > 0 && (is_blank(s[len - 1]) || s[len - 1] == '\r'))
		len--;
	f->len = len;
	while (i < len && is_blank(s[i]))
		i++;
	if (i == len || s[i] == '#')
		return 0;
	while (i < len && f->n < nfields) {
		f->start[f->n] = i;
		if (f->n + 1 < nfields)
			while (i < len && !is_blank(s[i]))
				i++;
		else
			i = len;
		f->end[f->n++] = i;
		while (i < len && is_blank(s[i]))
			i++;
	}
	return 1;
}
