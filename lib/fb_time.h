/* Timestamps found in logs, as seconds since the Unix epoch (UTC). */
#ifndef FB_TIME_H
#define FB_TIME_H

#include <jansson.h>

/* Parses an RFC 3339 / ISO 8601 date-time: "2024-05-01T12:30:00Z",
 * "2024-05-01T12:30:00.250+02:00", also a space or "t" instead of "T", "z"
 * for "Z", a basic offset "+0200", no zone (taken as UTC), and fractional
 * seconds of any length (kept to the nanosecond). Seconds are required;
 * second 60 (a leap second) reads as the next minute's first. Returns 0 and
 * seconds (with fraction) in *out, or -1 when the text is not such a
 * date-time or a field is out of range (month 13, February 29 outside a leap
 * year, hour 24, offset +24:00, ...). */
int fb_time_parse_text(const char *s, double *out);

/* Reads a JSON timestamp: a string as above, or a number of epoch seconds,
 * or of epoch milliseconds when its magnitude is above 1e11 (that is, later
 * than the year 5138 in seconds). Returns 0 and seconds in *out, -1 when the
 * value is neither (including NaN or infinite). */
int fb_time_from_json(const json_t *v, double *out);

/* Enough for any string fb_time_format() writes, with its NUL. */
#define FB_TIME_BUFSIZE 32

/* Formats epoch seconds as RFC 3339 UTC into buf: "2024-05-01T12:30:00Z", or
 * with milliseconds "2024-05-01T12:30:00.250Z" when t, rounded to the
 * millisecond, has a fraction. Writes an empty string when t is not finite or
 * falls outside the years 0000 to 9999, and truncates when size is below
 * FB_TIME_BUFSIZE. Returns buf. */
char *fb_time_format(double t, char *buf, size_t size);

#endif
