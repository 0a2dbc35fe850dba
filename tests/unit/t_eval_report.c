/* The per-intent report: sums, rates and Wilson intervals checked by hand
 * (the intervals against values computed to 40 digits with mpmath, which
 * R's prop.test(x, n, correct = FALSE)$conf.int gives too), the ranking and
 * its ties, periods and their changes, and the checks of records. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_eval_report.h"
#include "fb_time.h"

#define TOL 1e-12

static void add(struct fb_eval_report *r, long long id, const char *label,
                enum fb_eval_report_label rating, double score, int has_explicit, const char *when,
                const char *sig1, const char *sig2)
{
	const char *sigs[2] = { sig1, sig2 };
	struct fb_eval_report_item it = { 0 };
	struct fb_error err;

	it.outlier = id < 0;
	it.intent = id;
	it.label = label;
	it.rating = rating;
	it.score = score;
	it.has_explicit = has_explicit;
	it.signals = sigs;
	it.nsignals = sig2 ? 2 : sig1 ? 1 : 0;
	if (when)
		CHECK(fb_time_parse_text(when, &it.timestamp) == 0);
	CHECK(fb_eval_report_add(r, &it, &err) == 0);
}

#define POS FB_EVAL_REPORT_POSITIVE
#define NEG FB_EVAL_REPORT_NEGATIVE
#define NEU FB_EVAL_REPORT_NEUTRAL

/* Intent 5: 10 interactions, 3 negative (-0.5, -0.8, -0.2), 5 positive
 * (0.6, 0.8, 0.4, 1.0, 0.2), 2 neutral (0): mean 1.5 / 10; 4 explicit.
 * Intents 0 and 7: 4 each, 2 negative; intent 3: 10, 2 negative; two
 * outliers, one positive and one negative. 30 in all, 10 negative, 7
 * positive. */
static struct fb_eval_report *sample(void)
{
	struct fb_eval_report *r = fb_eval_report_new(FB_EVAL_REPORT_ALL);
	int i;

	add(r, 5, "billing", NEG, -0.5, 1, NULL, "rephrase", "correction");
	add(r, 5, "other label", NEG, -0.8, 0, NULL, "rephrase", NULL);
	add(r, 5, "billing", NEG, -0.2, 1, NULL, "frustration", NULL);
	add(r, 5, "billing", POS, 0.6, 1, NULL, "thanks", NULL);
	add(r, 5, "billing", POS, 0.8, 1, NULL, NULL, NULL);
	add(r, 5, "billing", POS, 0.4, 0, NULL, NULL, NULL);
	add(r, 5, "billing", POS, 1.0, 0, NULL, NULL, NULL);
	add(r, 5, "billing", POS, 0.2, 0, NULL, NULL, NULL);
	add(r, 5, "billing", NEU, 0, 0, NULL, NULL, NULL);
	add(r, 5, "billing", NEU, 0, 0, NULL, NULL, NULL);
	add(r, 7, "login", NEG, -1, 0, NULL, "refusal", NULL);
	add(r, 7, "login", NEG, -0.6, 0, NULL, NULL, NULL);
	add(r, 7, "login", POS, 0.4, 0, NULL, NULL, NULL);
	add(r, 7, "login", NEU, 0.2, 0, NULL, NULL, NULL);
	for (i = 0; i < 4; i++)
		add(r, 0, NULL, i < 2 ? NEG : NEU, 0, 0, NULL, NULL, NULL);
	for (i = 0; i < 10; i++)
		add(r, 3, "tracking", i < 2 ? NEG : NEU, 0, 0, NULL, NULL, NULL);
	add(r, -1, NULL, POS, 1, 1, NULL, NULL, NULL);
	add(r, -1, NULL, NEG, -1, 0, NULL, "apology", NULL);
	return r;
}

static void test_rows(void)
{
	struct fb_eval_report *r = sample();
	struct fb_error err;
	struct fb_eval_report_row *rows;
	size_t n;

	rows = fb_eval_report_rows(r, 2, 0.95, &n, &err);
	CHECK(rows != NULL);
	CHECK(n == 6);
	CHECK(fb_eval_report_nintents(r) == 4);
	CHECK(fb_eval_report_nperiods(r) == 1);
	if (!rows || n != 6)
		goto out;
	/* Ranked by negatives: 5 (3), then 0 and 7 (2 of 4: the smaller id),
	 * then 3 (2 of 10); outliers, then all. */
	CHECK(rows[0].group == FB_EVAL_REPORT_INTENT && rows[0].id == 5 && rows[0].rank == 1);
	CHECK(rows[1].id == 0 && rows[1].rank == 2);
	CHECK(rows[2].id == 7 && rows[2].rank == 3);
	CHECK(rows[3].id == 3 && rows[3].rank == 4);
	CHECK(rows[4].group == FB_EVAL_REPORT_OUTLIERS && rows[4].rank == 0);
	CHECK(rows[5].group == FB_EVAL_REPORT_OVERALL && rows[5].rank == 0);

	/* Intent 5: the first label wins. */
	CHECK_STR(rows[0].label, "billing");
	CHECK(rows[1].label == NULL);
	CHECK(rows[0].n == 10 && rows[0].negative == 3 && rows[0].positive == 5);
	CHECK(rows[0].neutral == 2 && rows[0].explicit_n == 4);
	CHECK_NEAR(rows[0].share, 1.0 / 3.0, 1e-15);
	CHECK_NEAR(rows[0].explicit_rate, 0.4, 1e-15);
	CHECK_NEAR(rows[0].negative_rate, 0.3, 1e-15);
	CHECK_NEAR(rows[0].positive_rate, 0.5, 1e-15);
	CHECK_NEAR(rows[0].mean_score, 0.15, 1e-15);
	CHECK_NEAR(rows[0].negative_low, 0.10779126740630102, TOL);
	CHECK_NEAR(rows[0].negative_high, 0.60322185253885468, TOL);
	CHECK_NEAR(rows[0].positive_low, 0.23659309051256398, TOL);
	CHECK_NEAR(rows[0].positive_high, 0.76340690948743602, TOL);
	/* Signals of negative interactions only: rephrase 2, then correction
	 * and frustration 1 each, the tie going by name; "thanks" was in a
	 * positive one. */
	CHECK(rows[0].ntop == 2);
	if (rows[0].ntop == 2) {
		CHECK_STR(rows[0].top[0].name, "rephrase");
		CHECK(rows[0].top[0].count == 2);
		CHECK_NEAR(rows[0].top[0].share, 2.0 / 3.0, 1e-15);
		CHECK_STR(rows[0].top[1].name, "correction");
		CHECK(rows[0].top[1].count == 1);
	}

	/* Intent 7: 2 of 4 negative, 1 positive; mean (-1 - 0.6 + 0.4 + 0.2) / 4. */
	CHECK_NEAR(rows[2].mean_score, -0.25, 1e-15);
	CHECK_NEAR(rows[2].negative_low, 0.15003898915214949, TOL);
	CHECK_NEAR(rows[2].negative_high, 0.84996101084785051, TOL);
	CHECK_NEAR(rows[2].positive_low, 0.045587260809700559, TOL);
	CHECK_NEAR(rows[2].positive_high, 0.69935815741759812, TOL);
	CHECK(rows[2].ntop == 1);

	/* Intent 3: no positive: the interval starts at 0. */
	CHECK(rows[3].positive == 0);
	CHECK(rows[3].positive_low == 0);
	CHECK_NEAR(rows[3].negative_low, 0.056682151454375255, TOL);
	CHECK_NEAR(rows[3].negative_high, 0.5098375284633583, TOL);
	CHECK(rows[3].ntop == 0);

	/* All 30: 10 negative, 7 positive. */
	CHECK(rows[5].n == 30 && rows[5].negative == 10 && rows[5].positive == 7);
	CHECK_NEAR(rows[5].share, 1.0, 0);
	CHECK(rows[5].ntop == 2);
	CHECK(rows[4].n == 2 && rows[4].negative == 1);
	CHECK_NEAR(rows[4].share, 2.0 / 30.0, 1e-15);
	CHECK(isnan(rows[0].delta_negative_rate) && rows[0].previous_n == 0);
	CHECK(rows[0].last_period && rows[5].last_period);
	CHECK_STR(rows[0].period, "");
out:
	fb_eval_report_rows_free(rows, n);
	fb_eval_report_free(r);
}

static void test_conf_level(void)
{
	struct fb_eval_report *r = sample();
	struct fb_eval_report_row *rows;
	size_t n;

	rows = fb_eval_report_rows(r, 0, 0.9, &n, NULL);
	CHECK(rows && n == 6);
	if (rows && n == 6) {
		CHECK_NEAR(rows[0].negative_low, 0.12687658390319784, TOL);
		CHECK_NEAR(rows[0].negative_high, 0.55830020413016499, TOL);
		CHECK(rows[0].ntop == 0 && rows[0].top == NULL);
	}
	fb_eval_report_rows_free(rows, n);
	fb_eval_report_free(r);
}

static void test_empty(void)
{
	struct fb_eval_report *r = fb_eval_report_new(FB_EVAL_REPORT_DAY);
	struct fb_eval_report_row *rows;
	size_t n = 99;

	rows = fb_eval_report_rows(r, 3, 0.95, &n, NULL);
	CHECK(rows == NULL && n == 0);
	CHECK(fb_eval_report_nperiods(r) == 0 && fb_eval_report_nintents(r) == 0);
	fb_eval_report_free(r);
}

/* Day 1: intent 1 has 4, 1 negative. Day 2: intent 1 has 5, 3 negative,
 * intent 2 has 2, none negative. Day 4: intent 1 has 1, negative (day 3
 * had none: no change to tell). */
static void test_days(void)
{
	struct fb_eval_report *r = fb_eval_report_new(FB_EVAL_REPORT_DAY);
	struct fb_eval_report_row *rows;
	size_t n;
	int i;

	add(r, 1, "a", NEG, -1, 0, "2026-10-01T00:00:00Z", NULL, NULL);
	for (i = 0; i < 3; i++)
		add(r, 1, "a", POS, 1, 0, "2026-10-01T23:59:59.999Z", NULL, NULL);
	for (i = 0; i < 5; i++)
		add(r, 1, "a", i < 3 ? NEG : NEU, i < 3 ? -0.5 : 0, 1, "2026-10-02T12:00:00+02:00",
		    NULL, NULL);
	add(r, 2, "b", POS, 0.5, 0, "2026-10-02T22:00:00-02:00", NULL, NULL);
	add(r, 2, "b", NEU, 0, 0, "2026-10-02T00:00:00Z", NULL, NULL);
	add(r, 1, "a", NEG, -1, 0, "2026-10-04T08:00:00Z", NULL, NULL);
	rows = fb_eval_report_rows(r, 3, 0.95, &n, NULL);
	CHECK(fb_eval_report_nperiods(r) == 4);
	CHECK(rows && n == 9);
	if (!rows || n != 9)
		goto out;
	CHECK_STR(rows[0].period, "2026-10-01");
	CHECK(rows[0].id == 1 && rows[0].n == 4 && rows[0].previous_n == 0);
	CHECK(isnan(rows[0].delta_negative_rate));
	CHECK_STR(rows[1].period, "2026-10-01");
	CHECK(rows[1].group == FB_EVAL_REPORT_OVERALL);
	/* Day 2 has intent 1 at 10:00Z and intent 2 at 00:00Z; 22:00-02:00 is
	 * day 3. */
	CHECK_STR(rows[2].period, "2026-10-02");
	CHECK(rows[2].id == 1 && rows[2].rank == 1 && rows[2].n == 5 && rows[2].previous_n == 4);
	CHECK_NEAR(rows[2].delta_negative_rate, 3.0 / 5.0 - 1.0 / 4.0, 1e-15);
	CHECK_NEAR(rows[2].delta_positive_rate, 0.0 - 3.0 / 4.0, 1e-15);
	CHECK_NEAR(rows[2].delta_explicit_rate, 1.0, 1e-15);
	CHECK_NEAR(rows[2].delta_share, 5.0 / 6.0 - 1.0, 1e-15);
	CHECK_NEAR(rows[2].delta_mean_score, -0.3 - 0.5, 1e-15);
	CHECK(rows[3].id == 2 && rows[3].rank == 2 && rows[3].n == 1 && rows[3].previous_n == 0);
	CHECK(rows[4].group == FB_EVAL_REPORT_OVERALL && rows[4].n == 6 && !rows[4].last_period);
	CHECK(rows[4].previous_n == 4);
	CHECK_STR(rows[5].period, "2026-10-03");
	CHECK(rows[5].id == 2 && rows[5].n == 1 && rows[5].previous_n == 1 && rows[5].rank == 1);
	CHECK_NEAR(rows[5].delta_positive_rate, 1.0, 1e-15);
	CHECK(rows[6].group == FB_EVAL_REPORT_OVERALL && !rows[6].last_period);
	/* Day 4: day 3 had nothing of intent 1. */
	CHECK_STR(rows[7].period, "2026-10-04");
	CHECK(rows[7].id == 1 && rows[7].previous_n == 0 && rows[7].last_period);
	CHECK(isnan(rows[7].delta_negative_rate) && isnan(rows[7].delta_share));
	CHECK(rows[8].group == FB_EVAL_REPORT_OVERALL && rows[8].last_period);
	CHECK(rows[8].previous_n == 1);
	CHECK_NEAR(rows[8].delta_negative_rate, 1.0, 0);
out:
	fb_eval_report_rows_free(rows, n);
	fb_eval_report_free(r);
}

/* ISO weeks: 2021-01-01 (a Friday) and 2021-01-03 are in 2020-W53, 2021-01-04
 * starts 2021-W01; 2026-12-31 and 2027-01-01 are in 2026-W53; 1969-12-31 is in
 * 1970-W01, whose Monday is 1969-12-29. */
static void test_weeks(void)
{
	static const struct {
		const char *when, *week, *day;
	} cases[] = {
		{ "2021-01-01T10:00:00Z", "2020-W53", "2021-01-01" },
		{ "2021-01-03T23:59:59Z", "2020-W53", "2021-01-03" },
		{ "2021-01-04T00:00:00Z", "2021-W01", "2021-01-04" },
		{ "2026-12-31T12:00:00Z", "2026-W53", "2026-12-31" },
		{ "2027-01-01T12:00:00Z", "2026-W53", "2027-01-01" },
		{ "1969-12-31T23:00:00Z", "1970-W01", "1969-12-31" },
		{ "1969-12-28T23:00:00Z", "1969-W52", "1969-12-28" },
	};
	struct fb_eval_report_row *rows;
	struct fb_eval_report *r;
	size_t i, n;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		r = fb_eval_report_new(FB_EVAL_REPORT_WEEK);
		add(r, 1, NULL, POS, 1, 0, cases[i].when, NULL, NULL);
		rows = fb_eval_report_rows(r, 3, 0.95, &n, NULL);
		CHECK(rows && n == 2);
		if (rows)
			CHECK_STR(rows[0].period, cases[i].week);
		fb_eval_report_rows_free(rows, n);
		fb_eval_report_free(r);
		r = fb_eval_report_new(FB_EVAL_REPORT_DAY);
		add(r, 1, NULL, POS, 1, 0, cases[i].when, NULL, NULL);
		rows = fb_eval_report_rows(r, 3, 0.95, &n, NULL);
		if (rows)
			CHECK_STR(rows[0].period, cases[i].day);
		fb_eval_report_rows_free(rows, n);
		fb_eval_report_free(r);
	}

	/* 2020-W53 then 2021-W01 are neighbours: a change is told. */
	r = fb_eval_report_new(FB_EVAL_REPORT_WEEK);
	add(r, 1, NULL, NEG, -1, 0, "2021-01-03T10:00:00Z", NULL, NULL);
	add(r, 1, NULL, POS, 1, 0, "2021-01-10T10:00:00Z", NULL, NULL);
	add(r, 1, NULL, POS, 1, 0, "2021-01-11T10:00:00Z", NULL, NULL);
	rows = fb_eval_report_rows(r, 3, 0.95, &n, NULL);
	CHECK(rows && n == 6);
	if (rows && n == 6) {
		CHECK_STR(rows[2].period, "2021-W01");
		CHECK(rows[2].previous_n == 1);
		CHECK_NEAR(rows[2].delta_negative_rate, -1.0, 0);
		CHECK_STR(rows[4].period, "2021-W02");
		CHECK(rows[4].previous_n == 1 && rows[4].last_period && !rows[2].last_period);
		CHECK_NEAR(rows[4].delta_negative_rate, 0.0, 0);
	}
	fb_eval_report_rows_free(rows, n);
	fb_eval_report_free(r);
}

static void test_out_of_range(void)
{
	struct fb_eval_report *r = fb_eval_report_new(FB_EVAL_REPORT_DAY);
	struct fb_eval_report_item it = { 0 };
	struct fb_error err;

	it.timestamp = 1e15;
	CHECK(fb_eval_report_add(r, &it, &err) == -1);
	CHECK_STR(err.text, "timestamp: out of range");
	it.timestamp = NAN;
	CHECK(fb_eval_report_add(r, &it, &err) == -1);
	CHECK(fb_eval_report_nperiods(r) == 0);
	fb_eval_report_free(r);
}

static void test_json_errors(void)
{
	static const struct {
		const char *rec, *msg;
	} cases[] = {
		{ "{\"label\":\"negative\",\"score\":-1}", "intent: missing" },
		{ "{\"intent\":3}", "intent: expected an object, got a number" },
		{ "{\"intent\":{}}", "intent.id: missing" },
		{ "{\"intent\":{\"id\":\"3\"}}",
		  "intent.id: expected an integer or null, got a string" },
		{ "{\"intent\":{\"id\":3.5}}",
		  "intent.id: expected an integer or null, got a number" },
		{ "{\"intent\":{\"id\":3,\"label\":[]}}",
		  "intent.label: expected a string or null, got an array" },
		{ "{\"intent\":{\"id\":3},\"score\":1}", "label: missing" },
		{ "{\"intent\":{\"id\":3},\"label\":null}", "label: expected a string, got null" },
		{ "{\"intent\":{\"id\":3},\"label\":\"bad\"}",
		  "label: expected positive, negative or neutral, got 'bad'" },
		{ "{\"intent\":{\"id\":3},\"label\":\"neutral\"}", "score: missing" },
		{ "{\"intent\":{\"id\":3},\"label\":\"neutral\",\"score\":\"1\"}",
		  "score: expected a number, got a string" },
		{ "{\"intent\":{\"id\":3},\"label\":\"neutral\",\"score\":0,\"explicit\":1}",
		  "explicit: expected an object or null, got a number" },
		{ "{\"intent\":{\"id\":3},\"label\":\"neutral\",\"score\":0,\"signals\":[]}",
		  "signals: expected an object, got an array" },
		{ "{\"intent\":{\"id\":3},\"label\":\"neutral\",\"score\":0}",
		  "timestamp: missing" },
		{ "{\"intent\":{\"id\":3},\"label\":\"neutral\",\"score\":0,\"timestamp\":null}",
		  "timestamp: missing" },
		{ "{\"intent\":{\"id\":3},\"label\":\"neutral\",\"score\":0,\"timestamp\":true}",
		  "timestamp: expected a string or a number, got a boolean" },
		{ "{\"intent\":{\"id\":3},\"label\":\"neutral\",\"score\":0,\"timestamp\":"
		  "\"noon\"}",
		  "timestamp: 'noon' is not a date-time" },
		{ "{\"intent\":{\"id\":3},\"label\":\"neutral\",\"score\":0,\"timestamp\":-1e20}",
		  "timestamp: out of range" },
	};
	struct fb_eval_report *r = fb_eval_report_new(FB_EVAL_REPORT_WEEK);
	struct fb_error err;
	size_t i;
	json_t *rec;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rec = json_loads(cases[i].rec, 0, NULL);
		CHECK(rec != NULL);
		err.text[0] = '\0';
		CHECK(fb_eval_report_add_json(r, rec, &err) == -1);
		CHECK_STR(err.text, cases[i].msg);
		json_decref(rec);
	}
	CHECK(fb_eval_report_nperiods(r) == 0);
	fb_eval_report_free(r);
}

/* Good records: a missing explicit is none, missing signals none; an
 * explicit object counts; the timestamp is not needed without periods. */
static void test_json_good(void)
{
	static const char *const recs[] = {
		"{\"intent\":{\"id\":2,\"label\":\"x\"},\"label\":\"negative\",\"score\":-1,"
		"\"explicit\":{\"value\":-1},\"signals\":{\"rephrase\":-0.5,\"refusal\":-0.5}}",
		"{\"intent\":{\"id\":2,\"label\":null},\"label\":\"negative\",\"score\":-0.5}",
		"{\"intent\":{\"id\":null},\"label\":\"positive\",\"score\":0.5,\"explicit\":null,"
		"\"signals\":{},\"timestamp\":\"garbage\"}",
	};
	struct fb_eval_report *r = fb_eval_report_new(FB_EVAL_REPORT_ALL);
	struct fb_eval_report_row *rows;
	struct fb_error err;
	size_t i, n;
	json_t *rec;

	for (i = 0; i < sizeof recs / sizeof recs[0]; i++) {
		rec = json_loads(recs[i], 0, NULL);
		CHECK(fb_eval_report_add_json(r, rec, &err) == 0);
		json_decref(rec);
	}
	rows = fb_eval_report_rows(r, 5, 0.95, &n, NULL);
	CHECK(rows && n == 3);
	if (rows && n == 3) {
		CHECK(rows[0].id == 2 && rows[0].n == 2 && rows[0].explicit_n == 1);
		CHECK_STR(rows[0].label, "x");
		CHECK_NEAR(rows[0].mean_score, -0.75, 0);
		CHECK(rows[0].ntop == 2);
		if (rows[0].ntop == 2) {
			CHECK_STR(rows[0].top[0].name, "refusal");
			CHECK_STR(rows[0].top[1].name, "rephrase");
			CHECK_NEAR(rows[0].top[1].share, 0.5, 0);
		}
		CHECK(rows[1].group == FB_EVAL_REPORT_OUTLIERS && rows[1].positive == 1);
		CHECK(rows[2].n == 3 && rows[2].explicit_n == 1);
	}
	fb_eval_report_rows_free(rows, n);
	fb_eval_report_free(r);
}

static void test_json_and_values(void)
{
	struct fb_eval_report *r = sample();
	struct fb_eval_report_row *rows;
	struct fb_eval_report_cells cells;
	double v[FB_EVAL_REPORT_NFIELDS];
	json_t *rec;
	char *s;
	size_t n, nc, ncols;

	rows = fb_eval_report_rows(r, 2, 0.95, &n, NULL);
	if (!rows || n != 6) {
		CHECK(0);
		goto out;
	}
	rec = fb_eval_report_row_json(&rows[2], FB_EVAL_REPORT_ALL);
	s = json_dumps(rec, JSON_COMPACT | JSON_REAL_PRECISION(6) | JSON_PRESERVE_ORDER);
	json_decref(rec);
	CHECK_STR(s,
	          "{\"group\":\"intent\",\"rank\":3,\"id\":7,\"label\":\"login\",\"n\":4,"
	          "\"share\":0.133333,\"explicit_rate\":0.0,\"positive_rate\":0.25,"
	          "\"positive_rate_low\":0.0455873,\"positive_rate_high\":0.699358,"
	          "\"negative_rate\":0.5,\"negative_rate_low\":0.150039,"
	          "\"negative_rate_high\":0.849961,\"mean_score\":-0.25,\"impact\":2,"
	          "\"top_negative_signals\":[{\"name\":\"refusal\",\"count\":1,\"share\":0.5}]}");
	free(s);
	rec = fb_eval_report_row_json(&rows[5], FB_EVAL_REPORT_DAY);
	s = json_dumps(rec, JSON_COMPACT | JSON_REAL_PRECISION(6) | JSON_PRESERVE_ORDER);
	json_decref(rec);
	CHECK(s && strstr(s, "{\"period\":\"\",\"group\":\"overall\",\"rank\":null,\"id\":null,"
	                     "\"label\":null,\"n\":30,"));
	CHECK(s && strstr(s, ",\"previous_n\":0,\"delta_n\":null,\"delta_share\":null,"
	                     "\"delta_explicit_rate\":null,\"delta_positive_rate\":null,"
	                     "\"delta_negative_rate\":null,\"delta_mean_score\":null}"));
	free(s);

	fb_eval_report_row_values(&rows[0], FB_EVAL_REPORT_ALL, v);
	CHECK(v[FB_EVAL_REPORT_F_RANK] == 1 && v[FB_EVAL_REPORT_F_N] == 10);
	CHECK(v[FB_EVAL_REPORT_F_IMPACT] == 3);
	CHECK_NEAR(v[FB_EVAL_REPORT_F_NEGATIVE_RATE_LOW], 0.10779126740630102, TOL);
	CHECK(isnan(v[FB_EVAL_REPORT_F_PREVIOUS_N]) && isnan(v[FB_EVAL_REPORT_F_DELTA_N]));
	fb_eval_report_row_values(&rows[4], FB_EVAL_REPORT_ALL, v);
	CHECK(isnan(v[FB_EVAL_REPORT_F_RANK]));
	CHECK_STR(fb_eval_report_fields[FB_EVAL_REPORT_F_DELTA_NEGATIVE_RATE],
	          "delta_negative_rate");

	fb_eval_report_cols(FB_EVAL_REPORT_ALL, &ncols);
	nc = fb_eval_report_row_cells(&rows[0], FB_EVAL_REPORT_ALL, &cells);
	CHECK(nc == ncols && nc == 10);
	CHECK_STR(cells.cell[0], "1");
	CHECK_STR(cells.cell[1], "5");
	CHECK_STR(cells.cell[2], "10");
	CHECK_STR(cells.cell[3], "0.333");
	CHECK_STR(cells.cell[6], "0.300 [0.108, 0.603]");
	CHECK_STR(cells.cell[8], "rephrase 2, correction 1");
	CHECK_STR(cells.cell[9], "billing");
	nc = fb_eval_report_row_cells(&rows[4], FB_EVAL_REPORT_DAY, &cells);
	fb_eval_report_cols(FB_EVAL_REPORT_DAY, &ncols);
	CHECK(nc == ncols && nc == 12);
	CHECK_STR(cells.cell[1], "");
	CHECK_STR(cells.cell[2], "");
	CHECK_STR(cells.cell[9], "");
	CHECK_STR(cells.cell[11], "(outliers)");
out:
	fb_eval_report_rows_free(rows, n);
	fb_eval_report_free(r);
}

int main(void)
{
	fb_alloc_init("t_eval_report");
	RUN(test_rows);
	RUN(test_conf_level);
	RUN(test_empty);
	RUN(test_days);
	RUN(test_weeks);
	RUN(test_out_of_range);
	RUN(test_json_errors);
	RUN(test_json_good);
	RUN(test_json_and_values);
	return CHECK_DONE();
}
