/* The error convention of lib/: functions return -1 or NULL and, when the
 * caller passes a struct fb_error, fill it. lib/ never prints or exits. */
#ifndef FB_ERROR_H
#define FB_ERROR_H

struct fb_error {
	long line;      /* 1-based line of the input, 0 when not known */
	int column;     /* 1-based column, 0 when not known */
	char text[240]; /* lowercase, no final full stop */
};

/* Fills err (which may be NULL) with a printf-style message; line and column
 * may be 0. */
void fb_error_set(struct fb_error *err, long line, int column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#endif
