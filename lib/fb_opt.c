#include "fb_opt.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* strtod() also reads "nan", "inf", hexadecimal floats and leading spaces;
 * allowing only the characters of a decimal number rules all of them out
 * before it runs. */
static int decimal_chars(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!strchr("0123456789+-.eE", s[i]))
			return 0;
	return 1;
}

int fb_opt_long(const char *s, long min, long max, long *out, struct fb_error *err)
{
	char *end;
	long v;

	/* strtol() skips leading white space and takes a lone sign as zero
	 * digits, so the first character must start the number itself. */
	if (!(s[0] >= '0' && s[0] <= '9') && s[0] != '-' && s[0] != '+')
		goto not_whole;
	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0')
		goto not_whole;
	if (errno == ERANGE || v < min || v > max) {
		fb_error_set(err, 0, 0, "'%s' is out of range (%ld to %ld)", s, min, max);
		return -1;
	}
	*out = v;
	return 0;

not_whole:
	fb_error_set(err, 0, 0, "'%s' is not a whole number", s);
	return -1;
}

int fb_opt_double(const char *s, double min, double max, double *out, struct fb_error *err)
{
	char *end;
	double v;

	if (!decimal_chars(s, strlen(s)))
		goto not_number;
	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0')
		goto not_number;
	/* On underflow strtod() returns the nearest representable value, which
	 * is fine; only overflow to HUGE_VAL is out of range. */
	if ((errno == ERANGE && isinf(v)) || !(v >= min && v <= max)) {
		fb_error_set(err, 0, 0, "'%s' is out of range (%g to %g)", s, min, max);
		return -1;
	}
	*out = v;
	return 0;

not_number:
	fb_error_set(err, 0, 0, "'%s' is not a number", s);
	return -1;
}

int fb_opt_duration(const char *s, double *out, struct fb_error *err)
{
	size_t n = strlen(s);
	double unit = 1;
	char *end;
	double v;

	if (n > 0) {
		switch (s[n - 1]) {
		case 's':
			n--;
			break;
		case 'm':
			unit = 60;
			n--;
			break;
		case 'h':
			unit = 3600;
			n--;
			break;
		case 'd':
			unit = 86400;
			n--;
			break;
		}
	}
	if (!decimal_chars(s, n) || s[0] == '-')
		goto bad;
	errno = 0;
	v = strtod(s, &end);
	if (end != s + n || (errno == ERANGE && isinf(v)))
		goto bad;
	v *= unit;
	if (!isfinite(v))
		goto bad;
	*out = v;
	return 0;

bad:
	fb_error_set(err, 0, 0, "'%s' is not a duration", s);
	return -1;
}
