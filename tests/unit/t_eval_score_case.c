/* Unit tests of lib/fb_eval_score_case (the cases of an eval set: ids,
 * fields, regex assertions, duplicates, answers) and lib/fb_eval_score_summary (per intent). */
#include <jansson.h>
#include <stdlib.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_eval_score_case.h"
#include "fb_eval_score_summary.h"

static json_t *parse(const char *text)
{
	json_t *v = json_loads(text, 0, NULL);

	CHECK(v != NULL);
	return v;
}

static void test_parse_errors(void)
{
	static const struct {
		const char *rec, *want;
	} cases[] = {
		{ "{}", "id: missing" },
		{ "{\"id\":1.5}", "id: expected a string or an integer, got a number" },
		{ "{\"id\":null}", "id: expected a string or an integer, got null" },
		{ "{\"id\":\"a\",\"reference\":3}",
		  "reference: expected a string or null, got a number" },
		{ "{\"id\":\"a\",\"rejected\":[]}",
		  "rejected: expected a string or null, got an array" },
		{ "{\"id\":\"a\",\"must_match\":{}}",
		  "must_match: expected a string or an array of strings, got an object" },
		{ "{\"id\":\"a\",\"must_match\":[\"x\",null]}",
		  "must_match[1]: expected a string, got null" },
		{ "{\"id\":\"a\",\"must_not_match\":\"(ab\"}",
		  "must_not_match: invalid pattern: missing closing parenthesis (at byte 4 of the "
		  "pattern)" },
		{ "{\"id\":\"a\",\"must_match\":[\"ok\"],\"must_not_match\":[\"x\",\"[z\"]}",
		  "must_not_match[1]: invalid pattern: missing terminating ] for character class "
		  "(at "
		  "byte 3 of the pattern)" },
	};
	struct fb_eval_case c;
	struct fb_error err;
	json_t *rec;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rec = parse(cases[i].rec);
		err.text[0] = '\0';
		CHECK(fb_eval_case_parse(rec, &c, &err) == -1);
		CHECK_STR(err.text, cases[i].want);
		CHECK(c.id == NULL && c.asserts == NULL && c.key == NULL);
		json_decref(rec);
	}
}

static void test_parse(void)
{
	json_t *rec = parse("{\"id\":42,\"messages\":[],\"reference\":\"Yes.\",\"rejected\":null,"
	                    "\"must_match\":[\"Yes\",\"(?i)YES\"],\"must_not_match\":\"No\"}");
	struct fb_eval_case c;
	char name[48], buf[32];
	const char *key;
	size_t len;

	CHECK(fb_eval_case_parse(rec, &c, NULL) == 0);
	CHECK(c.keylen == 2 && memcmp(c.key, "42", 2) == 0);
	CHECK(json_is_null(c.intent)); /* missing is null */
	CHECK(c.reference_len == 4 && strcmp(c.reference, "Yes.") == 0);
	CHECK(c.rejected == NULL);
	CHECK(c.nasserts == 3);
	CHECK_STR(fb_eval_assert_name(&c.asserts[0], name, sizeof name), "must_match[0]");
	CHECK_STR(fb_eval_assert_name(&c.asserts[1], name, sizeof name), "must_match[1]");
	CHECK_STR(fb_eval_assert_name(&c.asserts[2], name, sizeof name), "must_not_match");
	CHECK_STR(c.asserts[1].pattern, "(?i)YES");
	/* Case-sensitive unless the pattern says (?i); must_not_match inverts. */
	CHECK(fb_eval_case_check(&c, 0, "Yes, sure", 9) == 1);
	CHECK(fb_eval_case_check(&c, 0, "yes, sure", 9) == 0);
	CHECK(fb_eval_case_check(&c, 1, "yes, sure", 9) == 1);
	CHECK(fb_eval_case_check(&c, 2, "Yes, sure", 9) == 1);
	CHECK(fb_eval_case_check(&c, 2, "No", 2) == 0);
	CHECK(fb_eval_case_check(&c, 2, "no", 2) == 1);
	fb_eval_case_free(&c);
	json_decref(rec);

	/* An integer id and a string id of the same digits are one id. */
	rec = parse("[\"7\",7,-3]");
	CHECK(fb_eval_case_id_key(json_array_get(rec, 0), buf, sizeof buf, &key, &len, NULL) == 0);
	CHECK(len == 1 && key[0] == '7');
	CHECK(fb_eval_case_id_key(json_array_get(rec, 1), buf, sizeof buf, &key, &len, NULL) == 0);
	CHECK(len == 1 && key[0] == '7' && key == buf);
	CHECK(fb_eval_case_id_key(json_array_get(rec, 2), buf, sizeof buf, &key, &len, NULL) == 0);
	CHECK(len == 2 && memcmp(key, "-3", 2) == 0);
	json_decref(rec);

	/* A match limit is reported, not taken as a match or a non-match. */
	rec = parse("{\"id\":\"x\",\"must_match\":\"(a+)+$\"}");
	CHECK(fb_eval_case_parse(rec, &c, NULL) == 0);
	{
		char subject[64];

		memset(subject, 'a', sizeof subject - 1);
		subject[sizeof subject - 2] = 'b';
		subject[sizeof subject - 1] = '\0';
		CHECK(fb_eval_case_check(&c, 0, subject, strlen(subject)) == -1);
	}
	fb_eval_case_free(&c);
	json_decref(rec);
}

static void test_cases(void)
{
	static const struct {
		const char *rec, *want; /* the error, NULL when it is an answer */
		long index;
	} answers[] = {
		{ "{\"id\":\"b\",\"response\":\"x\"}", NULL, 1 },
		{ "{\"id\":7,\"response\":\"\"}", NULL, 2 }, /* 7 is the case "7" */
		{ "{\"response\":\"x\"}", "id: missing", -1 },
		{ "{\"id\":true,\"response\":\"x\"}",
		  "id: expected a string or an integer, got a boolean", -1 },
		{ "{\"id\":\"a\"}", "response: missing", -1 },
		{ "{\"id\":\"a\",\"response\":{}}", "response: expected a string, got an object",
		  -1 },
		{ "{\"id\":\"zz\",\"response\":\"x\"}", "id 'zz': not in the cases", -1 },
		{ "{\"id\":\"b\",\"response\":\"y\"}", "id 'b': a second answer (first at f:10)",
		  -1 },
	};
	struct fb_eval_cases *cs = fb_eval_cases_new();
	struct fb_error err;
	json_t *rec;
	size_t i;
	long got;

	rec = parse("{\"id\":\"a\"}");
	CHECK(fb_eval_cases_add(cs, rec, 1, &err) == 0);
	json_decref(rec);
	rec = parse("{\"id\":\"b\",\"intent\":5}");
	CHECK(fb_eval_cases_add(cs, rec, 2, &err) == 0);
	json_decref(rec);
	rec = parse("{\"id\":\"7\"}");
	CHECK(fb_eval_cases_add(cs, rec, 4, &err) == 0);
	json_decref(rec);
	rec = parse("{\"id\":\"b\"}");
	CHECK(fb_eval_cases_add(cs, rec, 6, &err) == -1);
	CHECK_STR(err.text, "id 'b': a second case with this id (first on line 2)");
	json_decref(rec);
	rec = parse("{\"id\":\"c\",\"reference\":false}");
	CHECK(fb_eval_cases_add(cs, rec, 7, &err) == -1);
	CHECK_STR(err.text, "reference: expected a string or null, got a boolean");
	json_decref(rec);
	CHECK(fb_eval_cases_count(cs) == 3);
	CHECK(json_integer_value(fb_eval_cases_get(cs, 1)->intent) == 5);

	for (i = 0; i < sizeof answers / sizeof answers[0]; i++) {
		rec = parse(answers[i].rec);
		err.text[0] = '\0';
		got = fb_eval_cases_answer(cs, rec, "f", (long)(10 + i), &err);
		CHECK(got == answers[i].index);
		if (answers[i].want)
			CHECK_STR(err.text, answers[i].want);
		json_decref(rec);
	}
	CHECK(!fb_eval_cases_answered(cs, 0));
	CHECK(fb_eval_cases_answered(cs, 1) && fb_eval_cases_answered(cs, 2));
	CHECK(fb_eval_cases_nanswered(cs) == 2);
	fb_eval_cases_free(cs);
}

static char *dump(const json_t *v)
{
	return json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(15));
}

static void test_summary(void)
{
	struct fb_eval_summary *s = fb_eval_summary_new("base");
	json_t *in = parse("[{\"id\":0,\"label\":\"reset\",\"similarity\":0.5},"
	                   "{\"id\":0,\"label\":\"reset\",\"similarity\":0.9},"
	                   "\"billing\",null,{\"label\":\"no id\"}]");
	struct fb_eval_result r;
	size_t g[5], i;
	char *text;
	json_t *rec;

	for (i = 0; i < 5; i++)
		g[i] = fb_eval_summary_group(s, json_array_get(in, i));
	/* Intents group by id; other values by themselves. */
	CHECK(g[0] == 0 && g[1] == 0 && g[2] == 1 && g[3] == 2 && g[4] == 3);
	CHECK(fb_eval_summary_size(s) == 5);
	CHECK(fb_eval_summary_group(s, NULL) == 2); /* missing is null */

	memset(&r, 0, sizeof r);
	r.has_reference = 1;
	r.reference.f1 = 0.5;
	r.reference.rouge_l = 0.25;
	r.length_ratio = 2;
	r.passed = 1;
	r.score = 0.5;
	fb_eval_summary_add(s, 0, &r);
	r.reference.f1 = 1;
	r.reference.rouge_l = 1;
	r.length_ratio = NAN;
	r.refusal = 1;
	r.failed = 2;
	r.score = 0;
	fb_eval_summary_add(s, 0, &r);
	fb_eval_summary_add(s, 0, NULL);
	fb_eval_summary_add(s, 2, NULL);

	rec = fb_eval_summary_record(s, 0);
	text = dump(rec);
	CHECK_STR(text,
	          "{\"record\":\"intent\",\"variant\":\"base\",\"intent\":0,\"label\":\"reset\","
	          "\"cases\":3,\"answered\":2,\"f1_reference\":0.75,\"rougeL_reference\":0.625,"
	          "\"f1_rejected\":null,\"rougeL_rejected\":null,\"refusal_rate\":0.5,"
	          "\"length_ratio\":2.0,\"assertions_passed\":2,\"assertions_failed\":2,"
	          "\"score\":0.25}");
	free(text);
	json_decref(rec);
	rec = fb_eval_summary_record(s, 2);
	text = dump(rec);
	CHECK_STR(text,
	          "{\"record\":\"intent\",\"variant\":\"base\",\"intent\":null,\"label\":null,"
	          "\"cases\":1,\"answered\":0,\"f1_reference\":null,\"rougeL_reference\":null,"
	          "\"f1_rejected\":null,\"rougeL_rejected\":null,\"refusal_rate\":null,"
	          "\"length_ratio\":null,\"assertions_passed\":0,\"assertions_failed\":0,"
	          "\"score\":null}");
	free(text);
	json_decref(rec);
	rec = fb_eval_summary_record(s, 4);
	text = dump(rec);
	CHECK_STR(text,
	          "{\"record\":\"overall\",\"variant\":\"base\",\"intent\":null,\"label\":null,"
	          "\"cases\":4,\"answered\":2,\"f1_reference\":0.75,\"rougeL_reference\":0.625,"
	          "\"f1_rejected\":null,\"rougeL_rejected\":null,\"refusal_rate\":0.5,"
	          "\"length_ratio\":2.0,\"assertions_passed\":2,\"assertions_failed\":2,"
	          "\"score\":0.25}");
	free(text);
	json_decref(rec);
	rec = fb_eval_summary_record(s, 3);
	CHECK(json_is_object(json_object_get(rec, "intent"))); /* an object without id */
	json_decref(rec);
	json_decref(in);
	fb_eval_summary_free(s);
}

int main(void)
{
	fb_alloc_init("t_eval_score_case");
	RUN(test_parse_errors);
	RUN(test_parse);
	RUN(test_cases);
	RUN(test_summary);
	return CHECK_DONE();
}
