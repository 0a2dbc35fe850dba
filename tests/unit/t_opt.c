#include "check.h"

#include <limits.h>

#include "fb_opt.h"

static void test_long(void)
{
	static const struct {
		const char *s;
		long min, max;
		int ok;
		long want;
		const char *msg;
	} cases[] = {
		{ "0", 0, 10, 0, 0, NULL },
		{ "10", 0, 10, 0, 10, NULL },
		{ "+7", 0, 10, 0, 7, NULL },
		{ "-3", -5, 5, 0, -3, NULL },
		{ "007", 0, 10, 0, 7, NULL },
		{ "0", 1, 100, -1, 0, "'0' is out of range (1 to 100)" },
		{ "101", 1, 100, -1, 0, "'101' is out of range (1 to 100)" },
		{ "-1", 0, 10, -1, 0, "'-1' is out of range (0 to 10)" },
		{ "-99999999999999999999", 0, 10, -1, 0,
		  "'-99999999999999999999' is out of range (0 to 10)" },
		{ "12x", 0, 100, -1, 0, "'12x' is not a whole number" },
		{ "", 0, 100, -1, 0, "'' is not a whole number" },
		{ " 1", 0, 100, -1, 0, "' 1' is not a whole number" },
		{ "\t1", 0, 100, -1, 0, "'\t1' is not a whole number" },
		{ "1 ", 0, 100, -1, 0, "'1 ' is not a whole number" },
		{ "1.0", 0, 100, -1, 0, "'1.0' is not a whole number" },
		{ "1e3", 0, 10000, -1, 0, "'1e3' is not a whole number" },
		{ "0x10", 0, 100, -1, 0, "'0x10' is not a whole number" },
		{ "-", 0, 100, -1, 0, "'-' is not a whole number" },
		{ "+", 0, 100, -1, 0, "'+' is not a whole number" },
		{ "- 1", -10, 100, -1, 0, "'- 1' is not a whole number" },
		{ "+-1", -10, 100, -1, 0, "'+-1' is not a whole number" },
		{ "abc", 0, 100, -1, 0, "'abc' is not a whole number" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fb_error err = { 0, 0, "" };
		long got = 12345;

		CHECK(fb_opt_long(cases[i].s, cases[i].min, cases[i].max, &got, &err) ==
		      cases[i].ok);
		if (cases[i].ok == 0) {
			CHECK(got == cases[i].want);
			CHECK_STR(err.text, "");
		} else {
			CHECK(got == 12345);
			CHECK_STR(err.text, cases[i].msg);
		}
	}
	/* A NULL error struct is allowed. */
	CHECK(fb_opt_long("x", 0, 1, &(long){ 0 }, NULL) == -1);
}

/* The limits of long, written out for whatever width long has here. */
static void test_long_limits(void)
{
	struct fb_error err = { 0, 0, "" };
	char s[64], want[sizeof err.text];
	long got = 0;

	snprintf(s, sizeof s, "%ld", LONG_MAX);
	CHECK(fb_opt_long(s, LONG_MIN, LONG_MAX, &got, &err) == 0 && got == LONG_MAX);
	snprintf(s, sizeof s, "%ld", LONG_MIN);
	CHECK(fb_opt_long(s, LONG_MIN, LONG_MAX, &got, &err) == 0 && got == LONG_MIN);
	/* One past LONG_MAX: its last digit is never 9, so adding one to the
	 * last digit does not carry. */
	snprintf(s, sizeof s, "%ld", LONG_MAX);
	s[strlen(s) - 1]++;
	CHECK(fb_opt_long(s, LONG_MIN, LONG_MAX, &got, &err) == -1);
	snprintf(want, sizeof want, "'%s' is out of range (%ld to %ld)", s, LONG_MIN, LONG_MAX);
	CHECK_STR(err.text, want);
	CHECK(got == LONG_MIN);
}

static void test_double(void)
{
	static const struct {
		const char *s;
		double min, max;
		int ok;
		double want;
		const char *msg;
	} cases[] = {
		{ "0", 0, 1, 0, 0, NULL },
		{ "1", 0, 1, 0, 1, NULL },
		{ "0.05", 0, 1, 0, 0.05, NULL },
		{ ".5", 0, 1, 0, 0.5, NULL },
		{ "5.", 0, 10, 0, 5, NULL },
		{ "+0.25", 0, 1, 0, 0.25, NULL },
		{ "-2.5", -10, 10, 0, -2.5, NULL },
		{ "1e-3", 0, 1, 0, 0.001, NULL },
		{ "2.5E2", 0, 1000, 0, 250, NULL },
		{ "1e-400", 0, 1, 0, 0, NULL },
		{ "2", 0, 1, -1, 0, "'2' is out of range (0 to 1)" },
		{ "-0.001", 0, 1, -1, 0, "'-0.001' is out of range (0 to 1)" },
		{ "1.0000001", 0, 1, -1, 0, "'1.0000001' is out of range (0 to 1)" },
		{ "0.5", 0.95, 0.999, -1, 0, "'0.5' is out of range (0.95 to 0.999)" },
		{ "1e999", -1e300, 1e300, -1, 0, "'1e999' is out of range (-1e+300 to 1e+300)" },
		{ "-1e999", -1e300, 1e300, -1, 0, "'-1e999' is out of range (-1e+300 to 1e+300)" },
		/* Overflow stays out of range even when the bounds are open. */
		{ "1e999", 0, INFINITY, -1, 0, "'1e999' is out of range (0 to inf)" },
		{ "-1e999", -INFINITY, 0, -1, 0, "'-1e999' is out of range (-inf to 0)" },
		{ "1e308", 0, INFINITY, 0, 1e308, NULL },
		{ "abc", 0, 1, -1, 0, "'abc' is not a number" },
		{ "", 0, 1, -1, 0, "'' is not a number" },
		{ " 0.5", 0, 1, -1, 0, "' 0.5' is not a number" },
		{ "0.5 ", 0, 1, -1, 0, "'0.5 ' is not a number" },
		{ "0.5x", 0, 1, -1, 0, "'0.5x' is not a number" },
		{ "0,5", 0, 1, -1, 0, "'0,5' is not a number" },
		{ ".", 0, 1, -1, 0, "'.' is not a number" },
		{ "1e", 0, 10, -1, 0, "'1e' is not a number" },
		{ "1e+", 0, 10, -1, 0, "'1e+' is not a number" },
		{ "--1", -10, 10, -1, 0, "'--1' is not a number" },
		{ "1.2.3", 0, 10, -1, 0, "'1.2.3' is not a number" },
		{ "nan", 0, 1, -1, 0, "'nan' is not a number" },
		{ "NaN", 0, 1, -1, 0, "'NaN' is not a number" },
		{ "inf", 0, 1e300, -1, 0, "'inf' is not a number" },
		{ "-infinity", -1e300, 0, -1, 0, "'-infinity' is not a number" },
		{ "0x1p-2", 0, 1, -1, 0, "'0x1p-2' is not a number" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fb_error err = { 0, 0, "" };
		double got = 12345;

		CHECK(fb_opt_double(cases[i].s, cases[i].min, cases[i].max, &got, &err) ==
		      cases[i].ok);
		if (cases[i].ok == 0) {
			CHECK(got == cases[i].want);
			CHECK_STR(err.text, "");
		} else {
			CHECK(got == 12345);
			CHECK_STR(err.text, cases[i].msg);
		}
	}
	CHECK(fb_opt_double("x", 0, 1, &(double){ 0 }, NULL) == -1);
}

static void test_duration(void)
{
	static const struct {
		const char *s;
		int ok;
		double want;
	} cases[] = {
		{ "90", 0, 90 },     { "90s", 0, 90 },    { "30m", 0, 1800 },  { "2h", 0, 7200 },
		{ "1d", 0, 86400 },  { "1.5h", 0, 5400 }, { ".5m", 0, 30 },    { "0", 0, 0 },
		{ "0s", 0, 0 },      { "+5m", 0, 300 },   { "1e3s", 0, 1000 }, { "", -1, 0 },
		{ "s", -1, 0 },      { "m", -1, 0 },      { "-5m", -1, 0 },    { "-0", -1, 0 },
		{ "5 m", -1, 0 },    { " 5m", -1, 0 },    { "5m ", -1, 0 },    { "5M", -1, 0 },
		{ "5ms", -1, 0 },    { "5min", -1, 0 },   { "5w", -1, 0 },     { "5mm", -1, 0 },
		{ "1em", -1, 0 },    { "infd", -1, 0 },   { "nan", -1, 0 },    { "1e999", -1, 0 },
		{ "1e308d", -1, 0 }, { "0x10s", -1, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fb_error err = { 0, 0, "" };
		double got = 12345;
		char want_msg[sizeof err.text];

		CHECK(fb_opt_duration(cases[i].s, &got, &err) == cases[i].ok);
		if (cases[i].ok == 0) {
			CHECK(got == cases[i].want);
		} else {
			CHECK(got == 12345);
			snprintf(want_msg, sizeof want_msg, "'%s' is not a duration", cases[i].s);
			CHECK_STR(err.text, want_msg);
		}
	}
	CHECK(fb_opt_duration("x", &(double){ 0 }, NULL) == -1);
}

int main(void)
{
	RUN(test_long);
	RUN(test_long_limits);
	RUN(test_double);
	RUN(test_duration);
	return CHECK_DONE();
}
