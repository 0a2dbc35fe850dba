#include "check.h"

#include <jansson.h>

#include "fb_time.h"

/* Expected values come from Python's datetime, which shares no code with
 * the calendar arithmetic under test. */
static void test_parse_valid(void)
{
	static const struct {
		const char *text;
		double want;
	} cases[] = {
		{ "2024-05-01T12:30:00Z", 1714566600 },
		{ "2024-05-01t12:30:00z", 1714566600 },
		{ "2024-05-01 12:30:00", 1714566600 },
		{ "2024-05-01T12:30:00", 1714566600 },
		{ "2024-05-01T12:30:00+00:00", 1714566600 },
		{ "2024-05-01T12:30:00-00:00", 1714566600 },
		{ "2024-05-01T12:30:00+02:00", 1714559400 },
		{ "2024-05-01T12:30:00+0200", 1714559400 },
		{ "2024-05-01T12:30:00-05:30", 1714586400 },
		{ "2024-05-01T12:30:00.250+02:00", 1714559400.25 },
		{ "2024-05-01T12:30:00.5Z", 1714566600.5 },
		{ "2024-05-01T12:30:00.123456789Z", 1714566600.123456789 },
		{ "2024-05-01T12:30:00.1234567891234567891234Z", 1714566600.123456789 },
		{ "2024-05-01T12:30:00.000Z", 1714566600 },
		/* Leap years: 2000 and 2024 have February 29, 1900 does not. */
		{ "2000-02-29T00:00:00Z", 951782400 },
		{ "2000-03-01T00:00:00Z", 951868800 },
		{ "1900-02-28T23:59:59Z", -2203891201 },
		{ "1900-03-01T00:00:00Z", -2203891200 },
		{ "2024-02-29T12:00:00Z", 1709208000 },
		{ "1600-02-29T00:00:00Z", -11670998400 },
		{ "2100-03-01T00:00:00Z", 4107542400 },
		{ "2023-12-31T23:59:59Z", 1704067199 },
		{ "1970-01-01T00:00:00Z", 0 },
		{ "1969-12-31T23:59:59Z", -1 },
		{ "1970-01-01T00:00:00+01:00", -3600 },
		{ "0001-01-01T00:00:00Z", -62135596800 },
		{ "0000-01-01T00:00:00Z", -62167219200 },
		{ "9999-12-31T23:59:59Z", 253402300799 },
		{ "9999-12-31T23:59:59-23:59", 253402300799 + 23 * 3600 + 59 * 60 },
		/* A leap second reads as the next minute's first second. */
		{ "2016-12-31T23:59:60Z", 1483228800 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double got = -12345;

		if (fb_time_parse_text(cases[i].text, &got) != 0) {
			fprintf(stderr, "%s:%d: rejected \"%s\"\n", __FILE__, __LINE__,
			        cases[i].text);
			check_failures++;
			continue;
		}
		/* Half a microsecond at these magnitudes is a few ulps. */
		CHECK_NEAR(got, cases[i].want, 5e-7);
	}
}

static void test_parse_invalid(void)
{
	static const char *const cases[] = {
		"",
		"2024",
		"2024-05-01",
		"2024-05-01T",
		"2024-05-01T12:30",
		"2024-05-01T12:30Z",
		"2024-05-01T12:30:0Z",
		"2024-5-01T12:30:00Z",
		"24-05-01T12:30:00Z",
		"20240501T123000Z",
		" 2024-05-01T12:30:00Z",
		"2024-05-01T12:30:00Z ",
		"2024-05-01T12:30:00ZZ",
		"2024-05-01T12:30:00Zjunk",
		"2024-05-01X12:30:00Z",
		"2024-05-01  12:30:00Z",
		"2024/05/01T12:30:00Z",
		"2024-05-01T12:30:00.Z",
		"2024-05-01T12:30:00.",
		"2024-05-01T12:30:00,5Z",
		"2024-05-01T12:30:00.5.5Z",
		"2024-05-01T12:30:00+2",
		"2024-05-01T12:30:00+02",
		"2024-05-01T12:30:00+02:0",
		"2024-05-01T12:30:00+02:000",
		"2024-05-01T12:30:00+24:00",
		"2024-05-01T12:30:00+02:60",
		"2024-05-01T12:30:00UTC",
		"+2024-05-01T12:30:00Z",
		"-001-05-01T12:30:00Z",
		/* Out of range fields. */
		"2024-00-01T12:30:00Z",
		"2024-13-01T12:30:00Z",
		"2024-05-00T12:30:00Z",
		"2024-05-32T12:30:00Z",
		"2024-04-31T12:30:00Z",
		"2024-06-31T12:30:00Z",
		"2024-09-31T12:30:00Z",
		"2024-11-31T12:30:00Z",
		"2024-02-30T00:00:00Z",
		"2023-02-29T00:00:00Z",
		"1900-02-29T00:00:00Z",
		"2100-02-29T00:00:00Z",
		"2024-05-01T24:00:00Z",
		"2024-05-01T25:00:00Z",
		"2024-05-01T12:60:00Z",
		"2024-05-01T12:30:61Z",
		"2024-05-01T12:30:99Z",
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double got = 42;

		if (fb_time_parse_text(cases[i], &got) != -1) {
			fprintf(stderr, "%s:%d: accepted \"%s\" as %.17g\n", __FILE__, __LINE__,
			        cases[i], got);
			check_failures++;
		}
		CHECK(got == 42);
	}
}

/* Every day of 1999-2001 and 2099-2101 against the month table, so the day
 * count steps by exactly one day across each month and year boundary. */
static void test_parse_consecutive_days(void)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	static const int starts[] = { 1999, 2099 };
	size_t k;

	for (k = 0; k < 2; k++) {
		double prev = 0;
		int first = 1;
		int y, m, d;

		for (y = starts[k]; y < starts[k] + 3; y++) {
			for (m = 1; m <= 12; m++) {
				int n = mdays[m - 1] +
				        (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));

				for (d = 1; d <= n; d++) {
					char buf[64];
					double t;

					snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00Z", y, m,
					         d);
					CHECK(fb_time_parse_text(buf, &t) == 0);
					if (!first)
						CHECK(t - prev == 86400);
					prev = t;
					first = 0;
				}
			}
		}
	}
}

static void test_from_json(void)
{
	static const struct {
		const char *json;
		int ok;
		double want;
	} cases[] = {
		{ "\"2024-05-01T12:30:00Z\"", 0, 1714566600 },
		{ "1714566600", 0, 1714566600 },
		{ "1714566600.25", 0, 1714566600.25 },
		{ "1714566600250", 0, 1714566600.25 },
		{ "1714566600250.0", 0, 1714566600.25 },
		{ "0", 0, 0 },
		{ "-5", 0, -5 },
		/* 1e11 itself is still seconds; just above it, milliseconds. */
		{ "100000000000", 0, 1e11 },
		{ "100000000001", 0, 100000000.001 },
		{ "-100000000001", 0, -100000000.001 },
		{ "99999999999.5", 0, 99999999999.5 },
		{ "\"not a date\"", -1, 0 },
		{ "\"\"", -1, 0 },
		{ "\"2024-05-01T12:30:00Z\\u0000x\"", -1, 0 },
		{ "true", -1, 0 },
		{ "null", -1, 0 },
		{ "[1714566600]", -1, 0 },
		{ "{}", -1, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *v = json_loads(cases[i].json, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
		double got = 42;

		CHECK(v != NULL);
		CHECK(fb_time_from_json(v, &got) == cases[i].ok);
		if (cases[i].ok == 0)
			CHECK_NEAR(got, cases[i].want, 1e-6);
		else
			CHECK(got == 42);
		json_decref(v);
	}
	CHECK(fb_time_from_json(NULL, &(double){ 0 }) == -1);
}

static void test_format(void)
{
	static const struct {
		double t;
		const char *want;
	} cases[] = {
		{ 1714566600, "2024-05-01T12:30:00Z" },
		{ 1714566600.25, "2024-05-01T12:30:00.250Z" },
		{ 1714566600.0004, "2024-05-01T12:30:00Z" },
		{ 1714566600.0006, "2024-05-01T12:30:00.001Z" },
		{ 1714566600.9996, "2024-05-01T12:30:01Z" },
		{ 0, "1970-01-01T00:00:00Z" },
		{ -1, "1969-12-31T23:59:59Z" },
		{ -0.5, "1969-12-31T23:59:59.500Z" },
		{ -86400, "1969-12-31T00:00:00Z" },
		{ 951782400, "2000-02-29T00:00:00Z" },
		{ -2203891201, "1900-02-28T23:59:59Z" },
		{ 1709208000, "2024-02-29T12:00:00Z" },
		{ -62167219200, "0000-01-01T00:00:00Z" },
		{ 253402300799, "9999-12-31T23:59:59Z" },
		{ 253402300799.999, "9999-12-31T23:59:59.999Z" },
		/* Outside four-digit years, or not a number: nothing. */
		{ 253402300800, "" },
		{ 253402300799.9996, "" },
		{ -62167219200.001, "" },
		{ 1e300, "" },
		{ NAN, "" },
		{ INFINITY, "" },
		{ -INFINITY, "" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[FB_TIME_BUFSIZE] = "junk";

		CHECK(fb_time_format(cases[i].t, buf, sizeof buf) == buf);
		CHECK_STR(buf, cases[i].want);
	}
}

static void test_format_small_buffer(void)
{
	char buf[8] = "xxxxxxx";

	CHECK_STR(fb_time_format(1714566600, buf, sizeof buf), "2024-05");
	CHECK(fb_time_format(1714566600, buf, 0) == buf);
	CHECK_STR(buf, "2024-05");
}

/* Formatting then parsing gives back the same time, to the millisecond. */
static void test_round_trip(void)
{
	double t;

	for (t = -62167219200.0; t < 253402300800.0; t += 987654321.125) {
		char buf[FB_TIME_BUFSIZE];
		double back;

		CHECK(fb_time_parse_text(fb_time_format(t, buf, sizeof buf), &back) == 0);
		CHECK(back == t);
	}
}

int main(void)
{
	RUN(test_parse_valid);
	RUN(test_parse_invalid);
	RUN(test_parse_consecutive_days);
	RUN(test_from_json);
	RUN(test_format);
	RUN(test_format_small_buffer);
	RUN(test_round_trip);
	return CHECK_DONE();
}
