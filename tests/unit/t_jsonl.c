/* Unit tests of lib/fb_jsonl: the line reader and the record parser. */
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_jsonl.h"

static char *temp_file(const char *data, size_t len, int gzip)
{
	char *path = fb_xstrdup("/tmp/t_jsonl-XXXXXX");
	int fd = mkstemp(path);
	gzFile gz;

	if (gzip) {
		gz = gzdopen(fd, "wb");
		gzwrite(gz, data, (unsigned)len);
		gzclose(gz);
	} else {
		CHECK(write(fd, data, len) == (ssize_t)len);
		close(fd);
	}
	return path;
}

/* Reads every line of data and joins them with '|' for comparison. */
static char *lines_of(const char *data, size_t len, int gzip)
{
	char *path = temp_file(data, len, gzip), *out = NULL;
	struct fb_jsonl_reader *r = fb_jsonl_reader_open(path, NULL);
	size_t n = 0, cap = 0, linelen;
	const char *line;

	CHECK(r != NULL);
	while (r && fb_jsonl_reader_next(r, &line, &linelen, NULL) > 0) {
		out = fb_xgrow(out, &cap, n + linelen + 2, 1);
		memcpy(out + n, line, linelen);
		n += linelen;
		out[n++] = '|';
	}
	out = fb_xgrow(out, &cap, n + 1, 1);
	out[n] = '\0';
	fb_jsonl_reader_close(r);
	unlink(path);
	free(path);
	return out;
}

static void test_lines(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "", "" },       { "a\nb\n", "a|b|" },         { "a\nb", "a|b|" },
		{ "\n\n", "||" }, { "a\r\nb\r\n", "a\r|b\r|" }, { "x", "x|" },
	};
	size_t i;
	char *got;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = lines_of(cases[i].in, strlen(cases[i].in), 0);
		CHECK_STR(got, cases[i].want);
		free(got);
		got = lines_of(cases[i].in, strlen(cases[i].in), 1);
		CHECK_STR(got, cases[i].want);
		free(got);
	}
}

/* A line much longer than the read buffer comes back whole, and the line
 * number counts on. */
static void test_long_line(void)
{
	size_t big = 3 * 1024 * 1024 + 17, i;
	char *data = fb_xmalloc(big + 8), *path;
	struct fb_jsonl_reader *r;
	const char *line;
	size_t len;

	for (i = 0; i < big; i++)
		data[i] = (char)('a' + i % 26);
	memcpy(data + big, "\nend\n", 5);
	path = temp_file(data, big + 5, 0);
	r = fb_jsonl_reader_open(path, NULL);
	CHECK(fb_jsonl_reader_next(r, &line, &len, NULL) == 1);
	CHECK(len == big && memcmp(line, data, big) == 0);
	CHECK(fb_jsonl_reader_lineno(r) == 1);
	CHECK(fb_jsonl_reader_next(r, &line, &len, NULL) == 1);
	CHECK(len == 3 && memcmp(line, "end", 3) == 0);
	CHECK(fb_jsonl_reader_lineno(r) == 2);
	CHECK(fb_jsonl_reader_next(r, &line, &len, NULL) == 0);
	fb_jsonl_reader_close(r);
	unlink(path);
	free(path);
	free(data);
}

static void test_open_errors(void)
{
	struct fb_error err;

	CHECK(fb_jsonl_reader_open("/nonexistent/x.jsonl", &err) == NULL);
	CHECK_STR(err.text, "No such file or directory");
}

static void test_parse(void)
{
	static const struct {
		const char *line;
		const char *error; /* NULL: parses */
		int column;
	} cases[] = {
		{ "{\"a\":1}", NULL, 0 },
		{ "{\"a\":1}\r", NULL, 0 },
		{ "  {\"a\":[1,2]}  ", NULL, 0 },
		{ "", "blank line", 0 },
		{ "\r", "blank line", 0 },
		{ "\xEF\xBB\xBF{}", "byte order mark at start of line", 1 },
		{ "[1]", "record is an array, not an object", 0 },
		{ "3", "record is a number, not an object", 0 },
		{ "null", "record is null, not an object", 0 },
		{ "{\"a\":1,\"a\":2}", "invalid JSON: duplicate object key near '\"a\"'", 10 },
		{ "{\"a\":\"\\u0000\"}", "invalid JSON: \\u0000 in a string", 13 },
		{ "{\"a\":\"\xFF\"}", "invalid UTF-8: byte 0xff near '\"'", 6 },
		{ "{\"a\":1} {}", "invalid JSON: end of file expected near '{'", 9 },
		{ "{\"a\":NaN}", "invalid JSON: invalid token near 'NaN'", 8 },
	};
	struct fb_error err;
	size_t i;
	json_t *v;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(&err, 0, sizeof err);
		v = fb_jsonl_parse(cases[i].line, strlen(cases[i].line), &err);
		if (!cases[i].error) {
			CHECK(v != NULL);
		} else {
			CHECK(v == NULL);
			CHECK_STR(err.text, cases[i].error);
			CHECK(err.column == cases[i].column);
		}
		json_decref(v);
	}
	memset(&err, 0, sizeof err);
	CHECK(fb_jsonl_parse("{\"a\":\0}", 7, &err) == NULL);
	CHECK_STR(err.text, "NUL byte in line");
	CHECK(err.column == 6);
}

static void test_write(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct fb_jsonl_out *out = fb_jsonl_out_new(f, 0);
	json_t *v = json_pack("{s:s, s:f, s:f, s:i}", "text", "héllo \"wörld\"", "x", 0.1, "y",
	                      0.98939999999999994, "n", 3);

	CHECK(fb_jsonl_out_write(out, v) == 0);
	CHECK(fb_jsonl_out_count(out) == 1);
	fclose(f);
	CHECK_STR(buf, "{\"text\":\"héllo \\\"wörld\\\"\",\"x\":0.1,\"y\":0.9894,\"n\":3}\n");
	json_decref(v);
	fb_jsonl_out_free(out);
	free(buf);
}

/* A stage that turns each record into "file:line:n:raw" on the parse
 * threads. */
static void *stage_fn(json_t *rec, const char *file, long line, const char *raw, size_t len,
                      void *ctx)
{
	char *out = fb_xmalloc(len + 64);

	snprintf(out, len + 64, "%s:%ld:%lld:%.*s", file, line,
	         (long long)json_integer_value(json_object_get(rec, "n")), (int)len, raw);
	json_decref(rec);
	/* The threads count together. */
	atomic_fetch_add((atomic_int *)ctx, 1);
	return out;
}

/* Items come back in input order on any number of threads, bad lines are
 * rejected as without a stage, and what is not taken is freed (ASan). */
static void test_stage(void)
{
	char data[64 * 1024], *path, *item, *got = NULL;
	size_t len = 0, i, n = 0, cap = 0;
	int threads, taken;
	atomic_int calls;

	for (i = 1; i <= 1000; i++)
		len += (size_t)snprintf(data + len, sizeof data - len,
		                        i % 250 ? "{\"n\":%zu}\n" : "bad %zu\n", i);
	path = temp_file(data, len, 0);
	for (threads = 1; threads <= 4; threads *= 2) {
		const char *paths[1] = { path };
		struct fb_jobs *jobs = threads > 1 ? fb_jobs_new((size_t)threads) : NULL;
		struct fb_jsonl_policy policy = { "t", 1, NULL, jobs };
		struct fb_jsonl_stage stage = { stage_fn, free, &calls };
		struct fb_jsonl_in *in;
		char want[64];

		atomic_store(&calls, 0);
		taken = 0;
		in = fb_jsonl_in_new(&policy, paths, 1);
		fb_jsonl_in_set_stage(in, &stage);
		for (i = 1; i <= 1000; i++) {
			if (i % 250 == 0)
				continue;
			item = fb_jsonl_in_next_item(in);
			snprintf(want, sizeof want, "%s:%zu:%zu:{\"n\":%zu}", path, i, i, i);
			CHECK(item != NULL);
			if (!item)
				break;
			n += strcmp(item, want) != 0;
			if (i == 10 && threads == 1) {
				got = fb_xgrow(got, &cap, strlen(item) + 1, 1);
				strcpy(got, item);
			}
			free(item);
			taken++;
			/* Stop early once, leaving parsed items behind. */
			if (threads == 4 && i == 499)
				break;
		}
		if (threads < 4)
			CHECK(fb_jsonl_in_next_item(in) == NULL);
		CHECK(fb_jsonl_in_rejected_count(in) == (threads < 4 ? 4 : 1));
		CHECK(atomic_load(&calls) >= taken);
		fb_jsonl_in_free(in);
		fb_jobs_free(jobs);
	}
	CHECK(n == 0);
	CHECK(got && strstr(got, ":10:10:{\"n\":10}") != NULL);
	free(got);
	unlink(path);
	free(path);
}

/* Takes records whose "n" is odd, refuses the others; keeps the lines. */
static int take_odd(void *ctx, struct fb_jsonl_in *in, const json_t *rec, struct fb_error *err)
{
	long *sum = ctx;
	json_int_t n = json_integer_value(json_object_get(rec, "n"));

	if (n % 2 == 0) {
		fb_error_set(err, 0, 0, "even %d", (int)n);
		return -1;
	}
	*sum += n * 100 + fb_jsonl_in_line(in);
	return 0;
}

/* Every good record goes to add in order; a refused one is rejected per the
 * policy: counted and read past, or the end of reading. */
static void test_each(void)
{
	static const char data[] = "{\"n\":1}\n{\"n\":2}\nbad\n{\"n\":3}\n";
	char *path = temp_file(data, sizeof data - 1, 0);
	const char *paths[1] = { path };
	struct fb_jsonl_policy skip = { "t", 1, NULL, NULL }, strict = { "t", 0, NULL, NULL };
	struct fb_jsonl_in *in;
	long sum = 0;

	in = fb_jsonl_in_new(&skip, paths, 1);
	CHECK(fb_jsonl_in_each(in, take_odd, &sum) == 0);
	/* n 1 on line 1, n 3 on line 4. */
	CHECK(sum == 101 + 304);
	CHECK(fb_jsonl_in_read_count(in) == 4 && fb_jsonl_in_rejected_count(in) == 2);
	fb_jsonl_in_free(in);
	sum = 0;
	in = fb_jsonl_in_new(&strict, paths, 1);
	CHECK(fb_jsonl_in_each(in, take_odd, &sum) == -1);
	CHECK(sum == 101 && fb_jsonl_in_rejected_count(in) == 1 && fb_jsonl_in_stopped(in));
	fb_jsonl_in_free(in);
	unlink(path);
	free(path);
}

int main(void)
{
	fb_alloc_init("t_jsonl");
	RUN(test_lines);
	RUN(test_long_line);
	RUN(test_open_errors);
	RUN(test_parse);
	RUN(test_write);
	RUN(test_stage);
	RUN(test_each);
	return CHECK_DONE();
}
