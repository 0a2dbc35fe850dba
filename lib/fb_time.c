#include "fb_time.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Epoch seconds of 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the
 * years a four-digit RFC 3339 date can hold. */
#define MIN_SECONDS (-62167219200LL)
#define END_SECONDS 253402300800LL

static int is_leap(long long y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int days_in_month(long long y, int m)
{
	static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date, after Howard
 * Hinnant's days_from_civil: years start in March, so the leap day is last
 * and eras of 400 years repeat exactly. mktime() and timegm() are avoided
 * because they depend on TZ or are not standard. */
static long long days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The inverse of days_from_civil(). */
static void civil_from_days(long long z, long long *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Reads exactly n decimal digits. */
static int digits(const char **p, int n, int *out)
{
	const char *s = *p;
	int v = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*p = s + n;
	*out = v;
	return 1;
}

static int expect(const char **p, char c)
{
	if (**p != c)
		return 0;
	(*p)++;
	return 1;
}

int fb_time_parse_text(const char *s, double *out)
{
	int year, mon, day, hour, min, sec;
	int oh = 0, om = 0, sign = 0;
	long ns = 0, scale = 100000000;
	long long t;
	const char *p = s;

	if (!digits(&p, 4, &year) || !expect(&p, '-') || !digits(&p, 2, &mon) || !expect(&p, '-') ||
	    !digits(&p, 2, &day))
		return -1;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	p++;
	if (!digits(&p, 2, &hour) || !expect(&p, ':') || !digits(&p, 2, &min) || !expect(&p, ':') ||
	    !digits(&p, 2, &sec))
		return -1;
	if (expect(&p, '.')) {
		/* Nanoseconds are already finer than a double holds for
		 * current dates; further digits are checked, then dropped. */
		if (*p < '0' || *p > '9')
			return -1;
		for (; *p >= '0' && *p <= '9'; p++) {
			ns += (*p - '0') * scale;
			scale /= 10;
		}
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		/* Besides RFC 3339's +hh:mm, take ISO 8601's basic +hhmm, which
		 * strftime's %z writes into many logs. */
		sign = *p++ == '-' ? -1 : 1;
		if (!digits(&p, 2, &oh))
			return -1;
		expect(&p, ':');
		if (!digits(&p, 2, &om))
			return -1;
	}
	if (*p != '\0')
		return -1;
	/* RFC 3339 allows second 60 for leap seconds; POSIX time has none, so
	 * it reads as the first second of the next minute. */
	if (mon < 1 || mon > 12 || day < 1 || day > days_in_month(year, mon) || hour > 23 ||
	    min > 59 || sec > 60 || oh > 23 || om > 59)
		return -1;
	t = days_from_civil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
	t -= sign * (oh * 3600 + om * 60);
	*out = (double)t + (double)ns / 1e9;
	return 0;
}

int fb_time_from_json(const json_t *v, double *out)
{
	double x;

	if (json_is_string(v)) {
		/* A "\u0000" inside would hide the rest of the text. */
		if (strlen(json_string_value(v)) != json_string_length(v))
			return -1;
		return fb_time_parse_text(json_string_value(v), out);
	}
	if (!json_is_number(v))
		return -1;
	x = json_number_value(v);
	if (!isfinite(x))
		return -1;
	if (fabs(x) > 1e11)
		x /= 1000;
	*out = x;
	return 0;
}

char *fb_time_format(double t, char *buf, size_t size)
{
	long long ms, secs, days, rem, y;
	int m, d, frac;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	/* The coarse test keeps llround() defined; the exact one follows. */
	if (!(fabs(t) < 1e15))
		return buf;
	ms = llround(t * 1000);
	if (ms < MIN_SECONDS * 1000 || ms >= END_SECONDS * 1000)
		return buf;
	secs = ms / 1000 - (ms % 1000 < 0);
	frac = (int)(ms - secs * 1000);
	days = secs / 86400 - (secs % 86400 < 0);
	rem = secs - days * 86400;
	civil_from_days(days, &y, &m, &d);
	if (frac)
		snprintf(buf, size, "%04lld-%02d-%02dT%02lld:%02lld:%02lld.%03dZ", y, m, d,
		         rem / 3600, rem / 60 % 60, rem % 60, frac);
	else
		snprintf(buf, size, "%04lld-%02d-%02dT%02lld:%02lld:%02lldZ", y, m, d, rem / 3600,
		         rem / 60 % 60, rem % 60);
	return buf;
}
