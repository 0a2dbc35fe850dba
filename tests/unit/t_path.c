#include "check.h"

#include <jansson.h>

#include "fb_path.h"

static const char record[] =
    "{\"session\": {\"id\": \"s1\", \"n\": 3},"
    " \"messages\": [{\"content\": \"hi\"}, {\"content\": \"bye\", \"tags\": [\"x\", \"y\"]}],"
    " \"meta\": {\"a.b\": 1, \"a\": {\"b\": 2}, \"x[0]\": 3, \"q\\\"k\": 4, \"b\\\\s\": 5,"
    " \"\": 6, \"sp ace\": 7, \"caf\\u00e9\": 8},"
    " \"intent.id\": \"flat\", \"intent\": {\"id\": \"nested\"}, \"n\": null}";

/* Each path, looked up in the record above, and the compact JSON it gives
 * (NULL when absent). */
static void test_get(void)
{
	static const struct {
		const char *path;
		const char *want;
		const char *first_key;
	} cases[] = {
		{ ".session.id", "\"s1\"", "session" },
		{ "session.id", "\"s1\"", "session" },
		{ ".session", "{\"id\":\"s1\",\"n\":3}", "session" },
		{ ".messages[0].content", "\"hi\"", "messages" },
		{ "messages[1].content", "\"bye\"", "messages" },
		{ ".messages[1].tags[1]", "\"y\"", "messages" },
		{ ".messages.[1].tags.[0]", "\"x\"", "messages" },
		{ ".messages[01].content", "\"bye\"", "messages" },
		{ ".messages[2]", NULL, "messages" },
		{ ".messages[2].content", NULL, "messages" },
		{ ".messages[99999999999999]", NULL, "messages" },
		{ ".meta.\"a.b\"", "1", "meta" },
		{ ".meta[\"a.b\"]", "1", "meta" },
		{ "meta.a.b", "2", "meta" },
		{ ".meta.\"x[0]\"", "3", "meta" },
		{ ".meta.\"q\\\"k\"", "4", "meta" },
		{ ".meta.\"b\\\\s\"", "5", "meta" },
		{ ".meta.\"\"", "6", "meta" },
		{ ".meta.sp ace", "7", "meta" },
		{ ".meta.caf\xc3\xa9", "8", "meta" },
		{ "\"meta\".\"a\".b", "2", "meta" },
		{ "intent.id", "\"nested\"", "intent" },
		{ "\"intent.id\"", "\"flat\"", "intent.id" },
		{ ".n", "null", "n" },
		/* Missing keys and wrong types. */
		{ ".nope", NULL, "nope" },
		{ ".session.id.more", NULL, "session" },
		{ ".session[0]", NULL, "session" },
		{ ".messages.content", NULL, "messages" },
		{ ".n.x", NULL, "n" },
		{ ".session.ID", NULL, "session" },
		{ "[0]", NULL, NULL },
		{ ".[0]", NULL, NULL },
	};
	json_t *v = json_loads(record, 0, NULL);
	size_t i;

	CHECK(v != NULL);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fb_error err = { 0, 0, "" };
		struct fb_path *p = fb_path_compile(cases[i].path, &err);
		json_t *got;
		char *dump;

		if (!p) {
			fprintf(stderr, "%s:%d: \"%s\": %s\n", __FILE__, __LINE__, cases[i].path,
			        err.text);
			check_failures++;
			continue;
		}
		CHECK_STR(fb_path_text(p), cases[i].path);
		if (cases[i].first_key)
			CHECK_STR(fb_path_first_key(p), cases[i].first_key);
		else
			CHECK(fb_path_first_key(p) == NULL);
		got = fb_path_get(p, v);
		if (cases[i].want) {
			dump = got ? json_dumps(got, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
			CHECK_STR(dump, cases[i].want);
			free(dump);
		} else {
			CHECK(got == NULL);
		}
		CHECK(fb_path_get(p, NULL) == NULL);
		fb_path_free(p);
	}
	json_decref(v);
}

/* A top-level array is reachable through a leading index. */
static void test_get_array_root(void)
{
	json_t *v = json_loads("[10, [20, 30]]", 0, NULL);
	struct fb_path *p = fb_path_compile("[1][0]", NULL);

	CHECK(p != NULL);
	CHECK(json_integer_value(fb_path_get(p, v)) == 20);
	fb_path_free(p);
	json_decref(v);
}

static void test_errors(void)
{
	static const struct {
		const char *path;
		int column;
		const char *reason;
	} cases[] = {
		{ "", 1, "empty path" },
		{ ".", 2, "empty path" },
		{ "..a", 2, "empty key" },
		{ ".a..b", 4, "empty key" },
		{ ".a.", 4, "empty key" },
		{ "a.", 3, "empty key" },
		{ ".a[0].", 7, "empty key" },
		{ ".a[", 3, "unclosed bracket" },
		{ ".a[0", 3, "unclosed bracket" },
		{ ".a[12", 3, "unclosed bracket" },
		{ ".a[\"b\"", 3, "unclosed bracket" },
		{ ".a[]", 4, "invalid array index" },
		{ ".a[x]", 4, "invalid array index" },
		{ ".a[-1]", 4, "invalid array index" },
		{ ".a[1x]", 4, "invalid array index" },
		{ ".a[ 1]", 4, "invalid array index" },
		{ ".a[1.5]", 4, "invalid array index" },
		{ ".a[99999999999999999999999]", 4, "array index too large" },
		{ ".meta.\"a.b", 7, "unclosed quote" },
		{ "\"", 1, "unclosed quote" },
		{ ".a[\"b]", 4, "unclosed quote" },
		{ ".meta.\"a\\nb\"", 9, "invalid escape in quoted key" },
		{ ".meta.\"a\\", 9, "invalid escape in quoted key" },
		{ ".a]", 3, "unexpected character ']'" },
		{ "]", 1, "unexpected character ']'" },
		{ ".a.]", 4, "unexpected character ']'" },
		{ ".a[0]b", 6, "unexpected character 'b'" },
		{ ".a[0] ", 6, "unexpected byte 0x20" },
		{ ".meta.\"a\"b", 10, "unexpected character 'b'" },
		{ ".a[\"b\"x]", 7, "unexpected character 'x'" },
		{ "a\"b\"", 2, "unexpected character '\"'" },
		{ ".a[0]\xc3\xa9", 6, "unexpected byte 0xc3" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fb_error err = { 0, 0, "" };
		char want[sizeof err.text];

		CHECK(fb_path_compile(cases[i].path, &err) == NULL);
		snprintf(want, sizeof want, "invalid field path '%s': %s", cases[i].path,
		         cases[i].reason);
		CHECK_STR(err.text, want);
		if (err.column != cases[i].column) {
			fprintf(stderr, "%s:%d: \"%s\": column %d, want %d\n", __FILE__, __LINE__,
			        cases[i].path, err.column, cases[i].column);
			check_failures++;
		}
		CHECK(err.line == 0);
	}
	CHECK(fb_path_compile(".a[", NULL) == NULL);
}

static void test_del(void)
{
	static const struct {
		const char *path;
		int ret;
		const char *after;
	} cases[] = {
		{ ".a", 0, "{\"b\":{\"c\":1,\"d\":[1,2,3]},\"e.f\":2}" },
		{ ".b.c", 0, "{\"a\":0,\"b\":{\"d\":[1,2,3]},\"e.f\":2}" },
		{ ".b.d[0]", 0, "{\"a\":0,\"b\":{\"c\":1,\"d\":[2,3]},\"e.f\":2}" },
		{ ".b.d[2]", 0, "{\"a\":0,\"b\":{\"c\":1,\"d\":[1,2]},\"e.f\":2}" },
		{ ".b.d", 0, "{\"a\":0,\"b\":{\"c\":1},\"e.f\":2}" },
		{ ".\"e.f\"", 0, "{\"a\":0,\"b\":{\"c\":1,\"d\":[1,2,3]}}" },
		{ ".b.d[3]", -1, NULL },
		{ ".b.x", -1, NULL },
		{ ".x.c", -1, NULL },
		{ ".a.c", -1, NULL },
		{ ".b[0]", -1, NULL },
		{ ".b.d.x", -1, NULL },
		{ ".e.f", -1, NULL },
	};
	static const char before[] = "{\"a\":0,\"b\":{\"c\":1,\"d\":[1,2,3]},\"e.f\":2}";
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *v = json_loads(before, 0, NULL);
		struct fb_path *p = fb_path_compile(cases[i].path, NULL);
		char *dump;

		CHECK(p != NULL && v != NULL);
		CHECK(fb_path_del(p, v) == cases[i].ret);
		dump = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
		CHECK_STR(dump, cases[i].after ? cases[i].after : before);
		free(dump);
		fb_path_free(p);
		json_decref(v);
	}
}

/* Deleting twice: the second time there is nothing left to remove. */
static void test_del_twice(void)
{
	json_t *v = json_loads("{\"a\":{\"b\":1}}", 0, NULL);
	struct fb_path *p = fb_path_compile("a.b", NULL);

	CHECK(fb_path_del(p, v) == 0);
	CHECK(fb_path_del(p, v) == -1);
	CHECK(fb_path_get(p, v) == NULL);
	CHECK(json_object_size(json_object_get(v, "a")) == 0);
	fb_path_free(p);
	json_decref(v);
}

int main(void)
{
	fb_path_free(NULL);
	RUN(test_get);
	RUN(test_get_array_root);
	RUN(test_errors);
	RUN(test_del);
	RUN(test_del_twice);
	return CHECK_DONE();
}
