/* Unit tests of lib/fb_text: folding, tokens, similarity, shouting. */
#include "check.h"
#include "fb_alloc.h"
#include "fb_text.h"

static size_t ntokens(const char *s, size_t min_chars)
{
	struct fb_text_tokens t = { 0 };
	size_t n;

	fb_text_tokenize(s, strlen(s), min_chars, &t);
	n = t.n;
	fb_text_tokens_free(&t);
	return n;
}

static double dice(const char *a, const char *b)
{
	struct fb_text_tokens x = { 0 }, y = { 0 };
	double d;

	fb_text_tokenize(a, strlen(a), 1, &x);
	fb_text_tokenize(b, strlen(b), 1, &y);
	d = fb_text_dice(&x, &y);
	fb_text_tokens_free(&x);
	fb_text_tokens_free(&y);
	return d;
}

static void test_tokens(void)
{
	static const struct {
		const char *text;
		size_t min_chars, want;
	} cases[] = {
		{ "", 1, 0 },
		{ "   ,,, !!!", 1, 0 },
		{ "hello world", 1, 2 },
		{ "Hello hello HELLO", 1, 1 },       /* one word, folded */
		{ "don't stop", 1, 3 },              /* don, t, stop */
		{ "don't stop", 2, 2 },              /* t is too short */
		{ "Über uber ÜBER", 1, 1 },          /* accents and case fold away */
		{ "straße STRASSE", 1, 1 },          /* full case folding */
		{ "ﬁle file", 1, 1 },                /* compatibility ligature */
		{ "東京 に 行く", 1, 3 },            /* CJK runs between spaces */
		{ "Привет, мир! ПРИВЕТ", 1, 2 },     /* Cyrillic */
		{ "مرحبا بالعالم", 1, 2 },           /* Arabic */
		{ "order #1234, order 1234", 1, 2 }, /* digits are word characters */
		{ "café\xCC\x81", 1, 1 },            /* a combining mark stays in the word */
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (ntokens(cases[i].text, cases[i].min_chars) != cases[i].want)
			fprintf(stderr, "case %zu: '%s'\n", i, cases[i].text);
		CHECK(ntokens(cases[i].text, cases[i].min_chars) == cases[i].want);
	}
}

static void test_dice(void)
{
	CHECK_NEAR(dice("", ""), 0.0, 0);
	CHECK_NEAR(dice("a b", "a b"), 1.0, 0);
	CHECK_NEAR(dice("a b", "c d"), 0.0, 0);
	/* {where is my order} vs {where is my order number}: 2*4/(4+5) */
	CHECK_NEAR(dice("Where is my order?", "where is my ORDER number??"), 8.0 / 9.0, 1e-15);
	CHECK_NEAR(dice("Ça coûte combien ?", "ca coute combien"), 1.0, 0);
}

static void test_shouting(void)
{
	static const struct {
		const char *text;
		int want;
	} cases[] = {
		{ "THIS IS USELESS", 1 },
		{ "THIS IS USELESS, let me TALK", 0 }, /* 17 of 22 letters upper: 77% */
		{ "This is useless", 0 },
		{ "NASA", 0 },  /* one word */
		{ "OK OK", 0 }, /* too few letters */
		{ "ÇA NE MARCHE PAS", 1 },
		{ "12345 !!!", 0 },
		{ "I need the API KEY for AWS", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK(fb_text_is_shouting(cases[i].text, strlen(cases[i].text)) == cases[i].want);
	/* ASCII: every byte below 0x80, only the len bytes counted. */
	CHECK(fb_text_is_ascii("reset my password!", 18));
	CHECK(fb_text_is_ascii("", 0));
	CHECK(!fb_text_is_ascii("caf\xc3\xa9", 5));
	CHECK(fb_text_is_ascii("caf\xc3\xa9", 3));
	CHECK(!fb_text_is_ascii("\x7f\x80", 2));
}

int main(void)
{
	fb_alloc_init("t_text");
	RUN(test_tokens);
	RUN(test_dice);
	RUN(test_shouting);
	return CHECK_DONE();
}
