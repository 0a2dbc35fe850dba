/* The preference tally: parsing of records, the leaderboard rows and the
 * per-pair binomial tests. */
#include <jansson.h>
#include <string.h>

#include "check.h"
#include "fb_preferences.h"

static int add(struct fb_prefs *p, const char *a, const char *b, const char *winner, int times)
{
	int rc = 0;
	for (int i = 0; i < times && rc == 0; i++) {
		json_t *rec =
		    json_pack("{s:s, s:s, s:s}", "model_a", a, "model_b", b, "winner", winner);
		rc = fb_prefs_add(p, rec, NULL);
		json_decref(rec);
	}
	return rc;
}

static double num(const json_t *row, const char *key)
{
	return json_number_value(json_object_get(row, key));
}

static const char *str(const json_t *row, const char *key)
{
	return json_string_value(json_object_get(row, key));
}

/* The four-model tally of t_stats_bt, written as records in every spelling
 * of winner. */
static struct fb_prefs *tally4(void)
{
	struct fb_prefs *p = fb_prefs_new();
	CHECK(add(p, "m1", "m2", "model_a", 7) == 0);
	CHECK(add(p, "m2", "m1", "model_a", 3) == 0);
	CHECK(add(p, "m1", "m2", "tie", 2) == 0);
	CHECK(add(p, "m1", "m3", "m1", 4) == 0);
	CHECK(add(p, "m3", "m1", "a", 2) == 0);
	CHECK(add(p, "m1", "m4", "a", 9) == 0);
	CHECK(add(p, "m4", "m1", "model_a", 1) == 0);
	CHECK(add(p, "m2", "m3", "a", 6) == 0);
	CHECK(add(p, "m2", "m3", "b", 4) == 0);
	CHECK(add(p, "m4", "m2", "model_b", 5) == 0);
	CHECK(add(p, "m4", "m2", "m4", 5) == 0);
	CHECK(add(p, "m2", "m4", "tie (bothbad)", 1) == 0);
	CHECK(add(p, "m3", "m4", "model_a", 8) == 0);
	CHECK(add(p, "m3", "m4", "model_b", 2) == 0);
	CHECK(add(p, "m4", "m3", "both_bad", 3) == 0);
	return p;
}

static void test_leaderboard(void)
{
	struct fb_prefs_opts o = { { 0, 0, 1, 0.95 }, FB_STATS_ADJUST_NONE };
	struct fb_prefs *p = tally4();
	json_t *rows = fb_prefs_result(p, &o, NULL);
	CHECK(rows && json_array_size(rows) == 4 + 6);
	if (!rows || json_array_size(rows) != 10)
		goto out;
	/* m1 first, then m3, m2, m4 (strengths of t_stats_bt). */
	CHECK_STR(str(json_array_get(rows, 0), "model"), "m1");
	CHECK_STR(str(json_array_get(rows, 1), "model"), "m3");
	CHECK_STR(str(json_array_get(rows, 2), "model"), "m2");
	CHECK_STR(str(json_array_get(rows, 3), "model"), "m4");
	CHECK_NEAR(num(json_array_get(rows, 0), "strength"), 0.826672955927539, 1e-12);
	CHECK_NEAR(num(json_array_get(rows, 0), "rating"), 1000 + 400 * 0.826672955927539 / log(10),
	           1e-9);
	CHECK(num(json_array_get(rows, 0), "games") == 28);
	CHECK(num(json_array_get(rows, 0), "wins") == 20);
	CHECK(num(json_array_get(rows, 0), "losses") == 6);
	CHECK(num(json_array_get(rows, 0), "ties") == 2);
	CHECK(json_is_null(json_object_get(json_array_get(rows, 0), "rating_low")));
	/* The first pair: m1 against m3, 4 wins to 2: binom.test(4, 6). */
	json_t *pair = json_array_get(rows, 4);
	CHECK_STR(str(pair, "kind"), "pair");
	CHECK_STR(str(pair, "model_a"), "m1");
	CHECK_STR(str(pair, "model_b"), "m3");
	CHECK(num(pair, "wins_a") == 4 && num(pair, "wins_b") == 2 && num(pair, "ties") == 0);
	CHECK_NEAR(num(pair, "p_value"), 0.6875, 1e-12);
	CHECK_NEAR(num(pair, "expected_a"), 1 / (1 + exp(-0.036306143995845 - 0.826672955927539)),
	           1e-12);
	/* m1 against m2: 7 to 3, ties left out: binom.test(7, 10). */
	pair = json_array_get(rows, 5);
	CHECK_STR(str(pair, "model_b"), "m2");
	CHECK_NEAR(num(pair, "p_value"), 0.34375, 1e-12);
	CHECK(num(pair, "ties") == 2);
out:
	json_decref(rows);
	fb_prefs_free(p);
}

static void test_adjusted(void)
{
	struct fb_prefs_opts o = { { 0, 0, 1, 0.95 }, FB_STATS_ADJUST_BONFERRONI };
	struct fb_prefs *p = tally4();
	json_t *rows = fb_prefs_result(p, &o, NULL);
	json_t *pair = json_array_get(rows, 5);
	CHECK_NEAR(num(pair, "p_adjusted"), 1.0, 1e-15);
	pair = json_array_get(rows, 6); /* m1 against m2's successor m4: 9 to 1 */
	CHECK_STR(str(pair, "model_b"), "m4");
	CHECK_NEAR(num(pair, "p_adjusted"), 6 * 0.021484375, 1e-12);
	json_decref(rows);
	fb_prefs_free(p);
}

static void test_bad_records(void)
{
	struct fb_prefs *p = fb_prefs_new();
	struct fb_error err;
	json_t *rec = json_pack("{s:s, s:i, s:s}", "model_a", "x", "model_b", 3, "winner", "a");
	CHECK(fb_prefs_add(p, rec, &err) == -1);
	CHECK_STR(err.text, "model_b: expected a string, got a number");
	json_decref(rec);
	rec = json_pack("{s:s, s:s}", "model_a", "x", "model_b", "y");
	CHECK(fb_prefs_add(p, rec, &err) == -1);
	CHECK_STR(err.text, "winner: missing");
	json_decref(rec);
	rec = json_pack("{s:s, s:s, s:s}", "model_a", "x", "model_b", "x", "winner", "a");
	CHECK(fb_prefs_add(p, rec, &err) == -1);
	CHECK_STR(err.text, "model_a and model_b are both 'x'");
	json_decref(rec);
	rec = json_pack("{s:s, s:s, s:s}", "model_a", "x", "model_b", "y", "winner", "z");
	CHECK(fb_prefs_add(p, rec, &err) == -1);
	CHECK_STR(err.text, "winner: 'z' is not model_a, model_b, one of the models or a tie");
	json_decref(rec);
	fb_prefs_free(p);
}

/* Only ties between two models: equal strengths, no test. */
static void test_all_ties(void)
{
	struct fb_prefs_opts o = { { 0, 0, 1, 0.95 }, FB_STATS_ADJUST_HOLM };
	struct fb_prefs *p = fb_prefs_new();
	json_t *rows;
	CHECK(add(p, "x", "y", "tie", 3) == 0);
	rows = fb_prefs_result(p, &o, NULL);
	CHECK(json_array_size(rows) == 3);
	CHECK_NEAR(num(json_array_get(rows, 0), "strength"), 0, 1e-15);
	CHECK_STR(str(json_array_get(rows, 0), "model"), "x");
	CHECK(json_is_null(json_object_get(json_array_get(rows, 2), "p_value")));
	CHECK(json_is_null(json_object_get(json_array_get(rows, 2), "p_adjusted")));
	json_decref(rows);
	fb_prefs_free(p);
}

int main(void)
{
	RUN(test_leaderboard);
	RUN(test_adjusted);
	RUN(test_bad_records);
	RUN(test_all_ties);
	return CHECK_DONE();
}
