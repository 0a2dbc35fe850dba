/* Conditions of --fail-if: the grammar, evaluation (with values that are
 * not there), and the messages and columns of mistakes. */
#include <math.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_cond.h"

static const char *const fields[] = { "n", "negative_rate", "mean_score", "delta_x" };
#define NF (sizeof fields / sizeof fields[0])

/* Parses text alone and evaluates it on values; -2 when it does not parse. */
static long eval1(const char *text, double n, double neg, double score, double dx)
{
	struct fb_cond *c = fb_cond_new(fields, NF);
	double v[NF] = { n, neg, score, dx };
	long k = -2;

	if (fb_cond_add(c, text, NULL) == 0)
		k = fb_cond_eval(c, v);
	fb_cond_free(c);
	return k;
}

static void test_eval(void)
{
	static const struct {
		const char *text;
		long want; /* on n 40, negative_rate 0.25, mean_score -0.1, delta_x NaN */
	} cases[] = {
		{ "negative_rate>0.25", -1 },
		{ "negative_rate>=0.25", 0 },
		{ "negative_rate<0.25", -1 },
		{ "negative_rate<=0.25", 0 },
		{ "negative_rate==0.25", 0 },
		{ "negative_rate!=0.25", -1 },
		{ "mean_score<0", 0 },
		{ "mean_score < -0.05", 0 },
		{ "\tmean_score\t<=\t-1e-1 ", 0 },
		{ "n>=40 && negative_rate>0.2", 0 },
		{ "n>40 && negative_rate>0.2", -1 },
		{ "n>40, negative_rate>0.2", 1 },
		{ "n>40,negative_rate>0.3,mean_score<+0", 2 },
		{ "n>=1,n>=2", 0 },
		{ "n==4e1", 0 },
		{ "n>.5", 0 },
		/* No value: false whatever the operator. */
		{ "delta_x>0", -1 },
		{ "delta_x<=0", -1 },
		{ "delta_x!=0", -1 },
		{ "delta_x!=0, n>1", 1 },
		{ "n>1 && delta_x==0", -1 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		long got = eval1(cases[i].text, 40, 0.25, -0.1, NAN);

		if (got != cases[i].want) {
			fprintf(stderr, "%s: got %ld, want %ld\n", cases[i].text, got,
			        cases[i].want);
			CHECK(0);
		}
	}
}

static void test_errors(void)
{
	static const struct {
		const char *text, *msg;
		int column;
	} cases[] = {
		{ "", "empty condition", 1 },
		{ "   ", "empty condition", 4 },
		{ "n>1,", "empty condition", 5 },
		{ ",n>1", "empty condition", 1 },
		{ "n>1, ,n<3", "empty condition", 6 },
		{ ">1", "expected a field name", 1 },
		{ "0.2<n", "expected a field name", 1 },
		{ "n>1 && ", "expected a field name", 8 },
		{ "negativ_rate>0.2", "unknown field 'negativ_rate'", 1 },
		{ "n>1 && N>2", "unknown field 'N'", 8 },
		{ "n", "expected <, <=, >, >=, == or != after 'n'", 2 },
		{ "n =1", "expected <, <=, >, >=, == or != after 'n'", 3 },
		{ "n=>1", "expected <, <=, >, >=, == or != after 'n'", 2 },
		{ "n>", "expected a number after '>'", 3 },
		{ "n>=abc", "expected a number after '>='", 4 },
		{ "n>1e", "'1e' is not a number", 3 },
		{ "n>1.2.3", "'1.2.3' is not a number", 3 },
		{ "n>--1", "'--1' is not a number", 3 },
		{ "n>1%", "unexpected '%'", 4 },
		{ "n>1 & n<2", "unexpected '&'", 5 },
		{ "n>1 || n<2", "unexpected '|'", 5 },
		{ "n>1 n<2", "unexpected 'n'", 5 },
		{ "n>1\x01", "unexpected byte 0x01", 4 },
		{ "n>1\xc3\xa9", "unexpected byte 0xC3", 4 },
	};
	struct fb_cond *c = fb_cond_new(fields, NF);
	struct fb_error err;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		err.text[0] = '\0';
		err.column = -1;
		CHECK(fb_cond_add(c, cases[i].text, &err) == -1);
		CHECK_STR(err.text, cases[i].msg);
		if (err.column != cases[i].column) {
			fprintf(stderr, "'%s': column %d, want %d\n", cases[i].text, err.column,
			        cases[i].column);
			CHECK(0);
		}
	}
	/* A failed add leaves the condition as it was. */
	CHECK(fb_cond_count(c) == 0);
	fb_cond_free(c);
}

static void test_several(void)
{
	struct fb_cond *c = fb_cond_new(fields, NF);
	double v[NF] = { 10, 0.5, 0, NAN };

	CHECK(fb_cond_eval(c, v) == -1);
	CHECK(fb_cond_add(c, "  n > 100 ,  mean_score<0 && negative_rate >0.4  ", NULL) == 0);
	CHECK(fb_cond_add(c, "n>1, x", NULL) == -1);
	CHECK(fb_cond_add(c, "negative_rate>=0.5", NULL) == 0);
	CHECK(fb_cond_count(c) == 3);
	CHECK_STR(fb_cond_text(c, 0), "n > 100");
	CHECK_STR(fb_cond_text(c, 1), "mean_score<0 && negative_rate >0.4");
	CHECK_STR(fb_cond_text(c, 2), "negative_rate>=0.5");
	CHECK(fb_cond_nterms(c, 1) == 2);
	CHECK(fb_cond_field(c, 1, 0) == 2 && fb_cond_field(c, 1, 1) == 1);
	CHECK(fb_cond_uses(c, 0) && fb_cond_uses(c, 1) && fb_cond_uses(c, 2));
	CHECK(!fb_cond_uses(c, 3));
	CHECK(fb_cond_eval(c, v) == 2);
	v[2] = -0.5;
	CHECK(fb_cond_eval(c, v) == 1);
	v[0] = 101;
	CHECK(fb_cond_eval(c, v) == 0);
	fb_cond_free(c);
	fb_cond_free(NULL);
}

int main(void)
{
	fb_alloc_init("t_cond");
	RUN(test_eval);
	RUN(test_errors);
	RUN(test_several);
	return CHECK_DONE();
}
