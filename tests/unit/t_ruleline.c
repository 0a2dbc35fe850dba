/* Unit tests of lib/fb_ruleline: fields, comments, blanks and NUL bytes. */
#include "check.h"
#include "fb_ruleline.h"

static void test_fields(void)
{
	static const char line[] = "  thanks\ten  (?i)thank you \t\r";
	struct fb_ruleline f;

	CHECK(fb_ruleline_split(line, sizeof line - 1, 3, 1, &f, NULL) == 1);
	CHECK(f.n == 3 && f.len == sizeof line - 4);
	CHECK(f.start[0] == 2 && f.end[0] == 8);
	CHECK(f.start[1] == 9 && f.end[1] == 11);
	CHECK(f.start[2] == 13 && f.end[2] == f.len); /* the rest, blanks inside */
	/* Two fields: a word and the rest of the line. */
	CHECK(fb_ruleline_split(line, sizeof line - 1, 2, 1, &f, NULL) == 1);
	CHECK(f.n == 2 && f.start[1] == 9 && f.end[1] == f.len);
}

static void test_missing_and_comments(void)
{
	struct fb_ruleline f;
	struct fb_error err;

	CHECK(fb_ruleline_split("EMAIL  ", 7, 2, 1, &f, NULL) == 1);
	CHECK(f.n == 1 && f.len == 5);
	CHECK(fb_ruleline_split("  # note", 8, 2, 1, &f, NULL) == 0);
	CHECK(fb_ruleline_split(" \t\r", 3, 2, 1, &f, NULL) == 0);
	CHECK(fb_ruleline_split("", 0, 2, 1, &f, NULL) == 0);
	CHECK(fb_ruleline_split("A b\0c", 5, 2, 7, &f, &err) == -1);
	CHECK(err.line == 7 && err.column == 4);
	CHECK_STR(err.text, "nul byte in rule");
}

int main(void)
{
	RUN(test_fields);
	RUN(test_missing_and_comments);
	return CHECK_DONE();
}
