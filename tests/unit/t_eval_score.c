/* Unit tests of lib/fb_eval_score: token F1 and ROUGE-L against values
 * worked out by hand (and rouge-score's own example), the overall score,
 * refusals, length ratio and the output record. */
#include <jansson.h>
#include <stdlib.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_eval_score.h"

#define TOL 1e-15

static void test_overlap_lcs(void)
{
	/* Word ids: a b c d ... = 0 1 2 3 ... */
	static const struct {
		uint32_t a[12], b[12];
		size_t n, m, overlap, lcs;
	} cases[] = {
		{ { 0 }, { 0 }, 0, 0, 0, 0 },                   /* both empty */
		{ { 0, 1, 2 }, { 0 }, 3, 0, 0, 0 },             /* one empty */
		{ { 0, 1, 2, 3 }, { 0, 1, 2, 3 }, 4, 4, 4, 4 }, /* equal */
		{ { 0, 1, 2, 3 }, { 1, 3, 0, 2 }, 4, 4, 4, 2 }, /* shuffled */
		{ { 0, 0, 0 }, { 0, 1 }, 3, 2, 1, 1 },          /* repeats */
		{ { 0, 1, 0, 1, 0 }, { 1, 0, 1 }, 5, 3, 3, 3 }, /* a b a b a / b a b */
		{ { 0, 1, 2, 3 }, { 2, 3, 4, 0 }, 4, 4, 3, 2 }, /* Lin's gunman */
		{ { 0, 1, 2, 5, 4, 6, 0, 7, 3 }, { 0, 1, 2, 3, 4, 8, 0, 9 }, 9, 8, 6, 5 }, /* fox */
		{ { 5, 5, 6 }, { 7, 8 }, 3, 2, 0, 0 }, /* nothing shared */
	};
	size_t count[16] = { 0 }, row[16], i, j;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK(fb_eval_overlap(cases[i].a, cases[i].n, cases[i].b, cases[i].m, count) ==
		      cases[i].overlap);
		for (j = 0; j < 16; j++)
			CHECK(count[j] == 0);
		CHECK(fb_eval_lcs(cases[i].a, cases[i].n, cases[i].b, cases[i].m, row) ==
		      cases[i].lcs);
		/* Both are symmetric. */
		CHECK(fb_eval_overlap(cases[i].b, cases[i].m, cases[i].a, cases[i].n, count) ==
		      cases[i].overlap);
		CHECK(fb_eval_lcs(cases[i].b, cases[i].m, cases[i].a, cases[i].n, row) ==
		      cases[i].lcs);
	}
	CHECK_NEAR(fb_eval_fmeasure(0, 0, 0), 1, 0);
	CHECK_NEAR(fb_eval_fmeasure(0, 3, 0), 0, 0);
	CHECK_NEAR(fb_eval_fmeasure(5, 8, 9), 10.0 / 17, TOL);
}

static void test_similarity(void)
{
	static const struct {
		const char *cand, *target;
		double f1, rouge_l;
		size_t words, target_words;
	} cases[] = {
		{ "", "", 1, 1, 0, 0 },
		{ "!!! ...", "", 1, 1, 0, 0 }, /* no words on either side */
		{ "", "Reset it.", 0, 0, 0, 2 },
		{ "Reset it.", "", 0, 0, 2, 0 },
		{ "Open Settings.", "open settings", 1, 1, 2, 2 },
		/* Lin (2004): LCS "the gunman", shared police, the, gunman. */
		{ "the gunman kill police", "police killed the gunman", 0.75, 0.5, 4, 4 },
		/* rouge-score's README: rougeL fmeasure 0.5882352941176471; P 5/8, R 5/9. */
		{ "The quick brown dog jumps on the log.",
		  "The quick brown fox jumps over the lazy dog", 12.0 / 17, 10.0 / 17, 8, 9 },
		/* Repeated words count once per occurrence on each side. */
		{ "the the the", "the cat", 0.4, 0.4, 3, 2 },
		{ "a b a b a", "b a b", 0.75, 0.75, 5, 3 },
		/* Apostrophes split words, as in rouge-score: don t. */
		{ "I don't know", "don't", 4.0 / 6, 4.0 / 6, 4, 2 },
		/* Case folding of non-ASCII text; accents are kept. */
		{ "STRASSE und CAFÉ", "Straße und café", 1, 1, 3, 3 },
		{ "cafe", "café", 0, 0, 1, 1 },
		/* Han: a word per character; 我想退货 / 我要退货 share 我 退 货. */
		{ "我想退货", "我要退货", 0.75, 0.75, 4, 4 },
	};
	struct fb_eval_scorer *s = fb_eval_scorer_new(NULL);
	struct fb_eval_sim sim;
	size_t i;

	CHECK(s != NULL);
	for (i = 0; s && i < sizeof cases / sizeof cases[0]; i++) {
		fb_eval_similarity(s, cases[i].cand, strlen(cases[i].cand), cases[i].target,
		                   strlen(cases[i].target), &sim);
		CHECK_NEAR(sim.f1, cases[i].f1, TOL);
		CHECK_NEAR(sim.rouge_l, cases[i].rouge_l, TOL);
		CHECK(sim.words == cases[i].words);
		CHECK(sim.target == cases[i].target_words);
		if (sim.f1 != cases[i].f1 || sim.words != cases[i].words)
			fprintf(stderr, "  case %zu: '%s' / '%s'\n", i, cases[i].cand,
			        cases[i].target);
	}
	fb_eval_scorer_free(s);
}

static void test_combine(void)
{
	struct fb_eval_result r;

	memset(&r, 0, sizeof r);
	r.words = 5;
	CHECK(isnan(fb_eval_combine(&r))); /* nothing to score against */

	r.has_reference = 1;
	r.reference.f1 = 0.8;
	r.reference.rouge_l = 0.6;
	CHECK_NEAR(fb_eval_combine(&r), 0.7, TOL);

	r.has_rejected = 1;
	r.rejected.f1 = 0.3;
	r.rejected.rouge_l = 0.1;
	CHECK_NEAR(fb_eval_combine(&r), (1 + 0.7 - 0.2) / 2, TOL); /* 0.75 */

	r.passed = 1;
	r.failed = 3;
	CHECK_NEAR(fb_eval_combine(&r), (0.75 + 0.25) / 2, TOL);

	r.has_reference = 0;
	CHECK_NEAR(fb_eval_combine(&r), ((1 - 0.2) + 0.25) / 2, TOL);

	r.has_rejected = 0;
	CHECK_NEAR(fb_eval_combine(&r), 0.25, TOL); /* assertions alone */

	/* A refusal scores 0, unless the reference refuses too. */
	r.has_reference = 1;
	r.refusal = 1;
	CHECK_NEAR(fb_eval_combine(&r), 0, 0);
	r.reference_refusal = 1;
	CHECK_NEAR(fb_eval_combine(&r), (0.7 + 0.25) / 2, TOL);

	/* An answer without a word scores 0. */
	r.refusal = r.reference_refusal = 0;
	r.words = 0;
	CHECK_NEAR(fb_eval_combine(&r), 0, 0);
}

static void test_refusal(void)
{
	static const struct {
		const char *text;
		int want;
	} cases[] = {
		{ "I can't help with that request.", 1 },
		{ "As an AI language model, I have no opinion.", 1 },
		{ "Lo siento, pero no puedo ayudarte con eso.", 1 },
		{ "Je ne peux pas répondre.", 1 },
		{ "Open Settings and click Reset password.", 0 },
		{ "", 0 },
	};
	struct fb_eval_scorer *s = fb_eval_scorer_new(NULL);
	char late[600];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK(fb_eval_refusal(s, cases[i].text, strlen(cases[i].text)) == cases[i].want);
	/* As in fb-extract, only the first 400 bytes are searched. */
	memset(late, 'x', sizeof late);
	memcpy(late + 300, " I can't help with that.", 24);
	CHECK(fb_eval_refusal(s, late, 330) == 1);
	memset(late + 300, 'x', 24);
	memcpy(late + 500, " I can't help with that.", 24);
	CHECK(fb_eval_refusal(s, late, sizeof late) == 0);
	fb_eval_scorer_free(s);
}

static json_t *parse(const char *text)
{
	json_t *v = json_loads(text, 0, NULL);

	CHECK(v != NULL);
	return v;
}

static char *dump(const json_t *v)
{
	return json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(15));
}

static void test_score_record(void)
{
	struct fb_eval_scorer *s = fb_eval_scorer_new(NULL);
	json_t *rec = parse("{\"id\":\"c1\",\"intent\":{\"id\":3},\"reference\":\"Open the "
	                    "Settings page now\",\"rejected\":\"I cannot help with that.\","
	                    "\"must_match\":\"Settings\",\"must_not_match\":[\"(?i)sorry\","
	                    "\"Open\"]}");
	struct fb_eval_case c;
	struct fb_eval_result r;
	json_t *out;
	char *text;
	const char *resp = "Open Settings";

	CHECK(fb_eval_case_parse(rec, &c, NULL) == 0);
	fb_eval_score(s, &c, resp, strlen(resp), &r);
	/* 2 of 5 reference words, in order: F1 = ROUGE-L = 4/7; none of the
	 * rejected; assertions 2 of 3; s = (1 + 4/7) / 2 = 11/14. */
	CHECK_NEAR(r.reference.f1, 4.0 / 7, TOL);
	CHECK_NEAR(r.reference.rouge_l, 4.0 / 7, TOL);
	CHECK_NEAR(r.rejected.f1, 0, 0);
	CHECK_NEAR(r.length_ratio, 0.4, TOL);
	CHECK(r.passed == 2 && r.failed == 1 && r.failures[0] == 2);
	CHECK(!r.refusal && !r.reference_refusal);
	CHECK_NEAR(r.score, (11.0 / 14 + 2.0 / 3) / 2, TOL);
	out = fb_eval_score_record(&c, "base", &r);
	text = dump(out);
	CHECK_STR(text,
	          "{\"id\":\"c1\",\"intent\":{\"id\":3},\"variant\":\"base\",\"answered\":true,"
	          "\"f1_reference\":0.571428571428571,\"rougeL_reference\":0.571428571428571,"
	          "\"f1_rejected\":0.0,\"rougeL_rejected\":0.0,\"refusal\":false,"
	          "\"length_ratio\":0.4,\"assertions_passed\":2,\"assertions_failed\":1,"
	          "\"assertions_ok\":false,\"failed_assertions\":[\"must_not_match[1]\"],"
	          "\"score\":0.726190476190476}");
	free(text);
	json_decref(out);

	/* Unanswered: everything that needs an answer is null. */
	out = fb_eval_score_record(&c, "base", NULL);
	text = dump(out);
	CHECK_STR(text,
	          "{\"id\":\"c1\",\"intent\":{\"id\":3},\"variant\":\"base\",\"answered\":false,"
	          "\"f1_reference\":null,\"rougeL_reference\":null,\"f1_rejected\":null,"
	          "\"rougeL_rejected\":null,\"refusal\":null,\"length_ratio\":null,"
	          "\"assertions_passed\":null,\"assertions_failed\":null,"
	          "\"assertions_ok\":null,\"failed_assertions\":null,\"score\":null}");
	free(text);
	json_decref(out);
	fb_eval_case_free(&c);
	json_decref(rec);

	/* No reference, no rejected, no assertions: nothing to score; the
	 * length ratio needs a reference with words. */
	rec = parse("{\"id\":5,\"reference\":\"...\"}");
	CHECK(fb_eval_case_parse(rec, &c, NULL) == 0);
	fb_eval_score(s, &c, "One two three", 13, &r);
	CHECK(isnan(r.length_ratio));
	CHECK(r.words == 3);
	CHECK_NEAR(r.score, 0, 0); /* a reference without words: F1 0 */
	fb_eval_case_free(&c);
	json_decref(rec);
	rec = parse("{\"id\":5,\"intent\":null}");
	CHECK(fb_eval_case_parse(rec, &c, NULL) == 0);
	fb_eval_score(s, &c, "I can't help with that.", 23, &r);
	CHECK(r.refusal && r.words == 6 && isnan(r.score) && isnan(r.length_ratio));
	out = fb_eval_score_record(&c, "v", &r);
	text = dump(out);
	CHECK_STR(text, "{\"id\":5,\"intent\":null,\"variant\":\"v\",\"answered\":true,"
	                "\"f1_reference\":null,\"rougeL_reference\":null,\"f1_rejected\":null,"
	                "\"rougeL_rejected\":null,\"refusal\":true,\"length_ratio\":null,"
	                "\"assertions_passed\":0,\"assertions_failed\":0,\"assertions_ok\":null,"
	                "\"failed_assertions\":[],\"score\":null}");
	free(text);
	json_decref(out);
	fb_eval_case_free(&c);
	json_decref(rec);
	fb_eval_scorer_free(s);
}

int main(void)
{
	fb_alloc_init("t_eval_score");
	RUN(test_overlap_lcs);
	RUN(test_similarity);
	RUN(test_combine);
	RUN(test_refusal);
	RUN(test_score_record);
	return CHECK_DONE();
}
