/* Strict parsing of numbers given on the command line: the whole string must
 * be the number, in range, and finite. A leading '+' or '-' is allowed,
 * white space, hexadecimal, "nan" and "inf" are not. On error *out is left
 * alone and err (which may be NULL) gets the message, with line and column
 * 0; the caller adds the option name. */
#ifndef FB_OPT_H
#define FB_OPT_H

#include "fb_error.h"

/* Parses a decimal integer in [min, max] into *out. Returns 0, or -1 with
 * err->text such as "'12x' is not a whole number" or "'0' is out of range
 * (1 to 100)". */
int fb_opt_long(const char *s, long min, long max, long *out, struct fb_error *err);

/* Parses a finite real number in [min, max] into *out (no NaN, no inf, no
 * trailing junk, no leading space). Returns 0, or -1 with err->text such as
 * "'abc' is not a number" or "'2' is out of range (0 to 1)". */
int fb_opt_double(const char *s, double min, double max, double *out, struct fb_error *err);

/* Parses a duration: a number with an optional unit s, m, h or d (seconds
 * when none), for example "30m" or "90". Returns 0 and seconds in *out, or
 * -1 with err->text "'x' is not a duration". Negative durations are refused. */
int fb_opt_duration(const char *s, double *out, struct fb_error *err);

#endif
