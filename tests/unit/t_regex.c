#include <string.h>
#include <time.h>

#include "check.h"
#include "fb_regex.h"

static void test_compile_errors(void)
{
	static const struct {
		const char *pattern;
		int column;
		const char *text;
	} cases[] = {
		{ "abc(", 5, "invalid pattern: missing closing parenthesis" },
		{ "a)b", 2, "invalid pattern: unmatched closing parenthesis" },
		{ "[a-", 4, "invalid pattern: missing terminating ] for character class" },
		{ "*a", 1, "invalid pattern: quantifier does not follow a repeatable item" },
		{ "ab\\", 4, "invalid pattern: \\ at end of pattern" },
		{ "a{2,1}", 6, "invalid pattern: numbers out of order in {} quantifier" },
		/* The column counts bytes: "é" is two. */
		{ "é(", 4, "invalid pattern: missing closing parenthesis" },
		/* Invalid UTF-8 in the pattern is a compile error, not a crash. */
		{ "a\xff", 2, "invalid pattern: UTF-8 error: illegal byte (0xfe or 0xff)" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fb_error err = { 0, 0, "" };
		struct fb_regex *re = fb_regex_compile(cases[i].pattern, 0, &err);

		CHECK(re == NULL);
		CHECK(err.column == cases[i].column);
		CHECK_STR(err.text, cases[i].text);
		fb_regex_free(re);
	}
	/* A NULL error struct is allowed. */
	CHECK(fb_regex_compile("(", 0, NULL) == NULL);
}

static void test_search(void)
{
	static const struct {
		const char *pattern;
		unsigned flags;
		const char *subject;
		int rc;
		size_t start, end;
	} cases[] = {
		{ "world", 0, "hello world", 1, 6, 11 },
		{ "WORLD", 0, "hello world", 1, 6, 11 },
		{ "WORLD", FB_REGEX_CASE, "hello world", 0, 0, 0 },
		{ "x", 0, "", 0, 0, 0 },
		{ "^$", 0, "", 1, 0, 0 },
		/* Caseless matching folds letters outside ASCII. */
		{ "échec", 0, "ÉCHEC TOTAL", 1, 0, 6 },
		{ "ÉCHEC", 0, "un échec", 1, 3, 9 },
		{ "échec", FB_REGEX_CASE, "ÉCHEC", 0, 0, 0 },
		{ "straße", 0, "STRAẞE", 1, 0, 8 },
		{ "ça", 0, "ÇA MARCHE", 1, 0, 3 },
		{ "ΣΟΦΊΑ", 0, "σοφία", 1, 0, 10 },
		/* UCP: accented letters are word characters, so \b does not
		 * fall inside "unété" or "cafés". */
		{ "\\bété\\b", 0, "un été chaud", 1, 3, 8 },
		{ "\\bété\\b", 0, "unété", 0, 0, 0 },
		{ "\\bcafé\\b", 0, "deux cafés", 0, 0, 0 },
		{ "\\bcafé\\b", 0, "un café.", 1, 3, 8 },
		{ "\\w+", 0, "¿naïve?", 1, 2, 8 },
		{ "\\bnão\\b", 0, "eu não sei", 1, 3, 7 },
		{ "\\bnão\\b", 0, "nãos", 0, 0, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fb_regex *re = fb_regex_compile(cases[i].pattern, cases[i].flags, NULL);
		size_t start = 99, end = 99;
		int rc;

		CHECK(re != NULL);
		if (!re)
			continue;
		rc = fb_regex_search(re, cases[i].subject, strlen(cases[i].subject), &start, &end);
		if (rc != cases[i].rc)
			fprintf(stderr, "case %zu: /%s/ on \"%s\": rc %d\n", i, cases[i].pattern,
			        cases[i].subject, rc);
		CHECK(rc == cases[i].rc);
		if (rc == 1) {
			CHECK(start == cases[i].start);
			CHECK(end == cases[i].end);
		}
		/* Searching again reuses the match data and gives the same answer;
		 * start and end may be NULL. */
		CHECK(fb_regex_search(re, cases[i].subject, strlen(cases[i].subject), NULL, NULL) ==
		      cases[i].rc);
		fb_regex_free(re);
	}
}

static void test_subject_length(void)
{
	struct fb_regex *re = fb_regex_compile("b", 0, NULL);
	size_t start, end;

	/* Only len bytes are searched, and a NUL inside them is a character. */
	CHECK(fb_regex_search(re, "aab", 2, &start, &end) == 0);
	CHECK(fb_regex_search(re, "a\0b", 3, &start, &end) == 1);
	CHECK(start == 2 && end == 3);
	fb_regex_free(re);
}

static void test_match_at(void)
{
	struct fb_regex *re = fb_regex_compile("(?<!\\bno )thanks\\b", 0, NULL);
	size_t end = 0;

	/* The lookbehind sees the text before the offset. */
	CHECK(fb_regex_match_at(re, "no thanks", 9, 3, &end) == 0);
	CHECK(fb_regex_match_at(re, "ok thanks", 9, 3, &end) == 1);
	CHECK(end == 9);
	/* Anchored: a later match does not count. */
	CHECK(fb_regex_match_at(re, "ok thanks", 9, 2, &end) == 0);
	CHECK(fb_regex_match_at(re, "ok thanks", 9, 10, &end) == 0);
	CHECK(fb_regex_match_at(re, "ok thanks", 9, 3, NULL) == 1);
	fb_regex_free(re);
}

/* Exponential backtracking ends at the match limit instead of hanging, with
 * and without the JIT. */
static void test_catastrophic(void)
{
	static const char *const patterns[] = { "(a+)+$", "(a|aa)+$", "(\\w+\\s?)+$" };
	char subject[64];
	size_t i;
	int jit;

	memset(subject, 'a', 40);
	subject[40] = '!';
	subject[41] = '\0';
	for (i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
		for (jit = 0; jit < 2; jit++) {
			struct fb_regex *re =
			    fb_regex_compile(patterns[i], jit ? 0 : FB_REGEX_NOJIT, NULL);
			clock_t t0 = clock();
			int rc = fb_regex_search(re, subject, 41, NULL, NULL);
			double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;

			CHECK(rc == -1);
			/* Milliseconds in practice; the bound only catches a hang
			 * and leaves room for sanitizers and valgrind. */
			CHECK(secs < 5.0);
			fb_regex_free(re);
		}
	}
}

/* A group repeated thousands of times needs deep backtracking: the JIT
 * grows its stack and succeeds; far beyond, both engines give up with -1,
 * never a wrong "no match". */
static void test_deep(void)
{
	static char subject[200002];
	static const struct {
		size_t n;
		int rc;
	} cases[] = { { 1000, 1 }, { 10000, 1 }, { 150000, -1 } };
	size_t i;
	int jit;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(subject, 'a', cases[i].n);
		subject[cases[i].n] = 'c';
		for (jit = 0; jit < 2; jit++) {
			struct fb_regex *re =
			    fb_regex_compile("(a|b)*c", jit ? 0 : FB_REGEX_NOJIT, NULL);
			size_t start = 99, end = 99;
			int rc = fb_regex_search(re, subject, cases[i].n + 1, &start, &end);

			CHECK(rc == cases[i].rc);
			if (rc == 1) {
				CHECK(start == 0);
				CHECK(end == cases[i].n + 1);
			}
			fb_regex_free(re);
		}
	}
}

static void test_backrefs(void)
{
	static const struct {
		const char *pattern;
		int backrefs;
	} cases[] = {
		{ "abc", 0 },
		{ "(a)(b)", 0 },
		{ "(a)\\1", 1 },
		{ "(a)(b)\\2", 2 },
		{ "(?<w>\\w+) \\k<w>", 1 },
		{ "(a)(b)\\g{-1}", 2 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fb_regex *re = fb_regex_compile(cases[i].pattern, 0, NULL);

		CHECK(re != NULL);
		if (re)
			CHECK(fb_regex_backrefs(re) == cases[i].backrefs);
		fb_regex_free(re);
	}
	fb_regex_free(NULL);
}

/* What PCRE2 knows of where a match starts; ASCII and non-ASCII subjects
 * (two compiled forms inside) find the same matches. */
static void test_start_and_ascii(void)
{
	static const struct {
		const char *pattern;
		enum fb_regex_start want;
	} cases[] = {
		{ "\\bthanks\\b", FB_REGEX_START_KNOWN },
		{ "^\\W*(?:wrong|incorrect)", FB_REGEX_START_ANCHORED },
		{ "\\b\\w+ kann ich", FB_REGEX_START_ANYWHERE },
		{ "\\beu quis\\b|^\\W*quis", FB_REGEX_START_ANYWHERE },
	};
	struct fb_regex *re;
	size_t i, start = 0, end = 0;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		re = fb_regex_compile(cases[i].pattern, 0, NULL);
		CHECK(re && fb_regex_start(re) == cases[i].want);
		fb_regex_free(re);
	}
	re = fb_regex_compile("\\bcafe\\b", 0, NULL);
	CHECK(fb_regex_search(re, "a CAFE here", 11, &start, &end) == 1 && start == 2 && end == 6);
	/* "é" is a word character: no boundary before "cafe" in "écafe". */
	CHECK(fb_regex_search(re,
	                      "\xC3\xA9"
	                      "cafe",
	                      6, NULL, NULL) == 0);
	CHECK(fb_regex_search(re,
	                      "\xC3\xA9"
	                      " cafe",
	                      7, &start, NULL) == 1 &&
	      start == 3);
	fb_regex_free(re);
}

int main(void)
{
	RUN(test_compile_errors);
	RUN(test_search);
	RUN(test_subject_length);
	RUN(test_match_at);
	RUN(test_catastrophic);
	RUN(test_deep);
	RUN(test_backrefs);
	RUN(test_start_and_ascii);
	return CHECK_DONE();
}
