/* Unit tests of lib/fb_report: cells cut and padded by terminal width, CSV
 * quoting, Markdown escaping, JSON values as cells. */
#include <stdlib.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_report.h"

static char *render(enum fb_report_format fmt, const char *a, const char *b)
{
	static const struct fb_report_col cols[] = { { "name", 6, 0 }, { "n", 4, 1 } };
	const char *cells[] = { a, b };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	CHECK(fb_report_row(f, fmt, cols, 2, cells) == 0);
	fclose(f);
	return buf;
}

static void test_rows(void)
{
	static const struct {
		enum fb_report_format fmt;
		const char *a, *b, *want;
	} cases[] = {
		{ FB_REPORT_TABLE, "ab", "1", "ab         1\n" },
		{ FB_REPORT_TABLE, "abcdefgh", "12", "abcde…    12\n" },
		{ FB_REPORT_TABLE, "東京東京", "1", "東京…      1\n" }, /* wide: 2 columns each */
		{ FB_REPORT_TABLE, "a\nb", "1", "a b        1\n" },
		{ FB_REPORT_TABLE, "ab", "123456", "ab      123…\n" },
		{ FB_REPORT_MARKDOWN, "a|b", "1", "| a\\|b   |    1 |\n" },
		{ FB_REPORT_CSV, "a,b", "say \"hi\"", "\"a,b\",\"say \"\"hi\"\"\"\n" },
		{ FB_REPORT_CSV, NULL, "1", ",1\n" },
	};
	size_t i;
	char *got;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = render(cases[i].fmt, cases[i].a, cases[i].b);
		CHECK_STR(got, cases[i].want);
		free(got);
	}
}

static void test_header(void)
{
	static const struct fb_report_col cols[] = { { "name", 4, 0 }, { "n", 3, 1 } };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	CHECK(fb_report_header(f, FB_REPORT_MARKDOWN, cols, 2) == 0);
	fclose(f);
	CHECK_STR(buf, "| name |   n |\n| ---- | --: |\n");
	free(buf);
	CHECK(fb_report_format_from_name("csv") == FB_REPORT_CSV);
	CHECK(fb_report_format_from_name("html") == -1);
}

static void test_json_cells(void)
{
	json_t *v = json_loads("{\"s\":\"x\",\"n\":0.25,\"o\":{\"a\":1,\"b\":2},\"l\":[1,\"y\"],"
	                       "\"z\":null}",
	                       0, NULL);
	char buf[64];

	CHECK_STR(fb_report_json_cell(json_object_get(v, "s"), buf, sizeof buf), "x");
	CHECK_STR(fb_report_json_cell(json_object_get(v, "n"), buf, sizeof buf), "0.25");
	CHECK_STR(fb_report_json_cell(json_object_get(v, "o"), buf, sizeof buf), "a,b");
	CHECK_STR(fb_report_json_cell(json_object_get(v, "l"), buf, sizeof buf), "1,y");
	CHECK_STR(fb_report_json_cell(json_object_get(v, "z"), buf, sizeof buf), "");
	CHECK_STR(fb_report_json_cell(NULL, buf, sizeof buf), "");
	json_decref(v);
	/* Cut on a character boundary: "é" is two bytes. */
	v = json_loads("{\"o\":{\"ab\":1,\"é\":2}}", 0, NULL);
	CHECK_STR(fb_report_json_cell(json_object_get(v, "o"), buf, 5), "ab,");
	json_decref(v);
}

int main(void)
{
	fb_alloc_init("t_report");
	RUN(test_rows);
	RUN(test_header);
	RUN(test_json_cells);
	return CHECK_DONE();
}
