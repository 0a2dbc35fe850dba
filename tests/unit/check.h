/* A minimal unit-test harness: CHECK() records a failure with file:line and
 * goes on; RUN() prints one "ok"/"FAIL" line per test function, which
 * tests/run.sh counts. */
#ifndef FB_TEST_CHECK_H
#define FB_TEST_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond)                                                                              \
	do {                                                                                     \
		if (!(cond)) {                                                                   \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			check_failures++;                                                        \
		}                                                                                \
	} while (0)

#define CHECK_STR(got, want)                                                                    \
	do {                                                                                    \
		const char *g_ = (got), *w_ = (want);                                           \
		if (!g_ || !w_ || strcmp(g_, w_) != 0) {                                        \
			fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
			        g_ ? g_ : "(null)", w_ ? w_ : "(null)");                        \
			check_failures++;                                                       \
		}                                                                               \
	} while (0)

#define CHECK_NEAR(got, want, tol)                                                                \
	do {                                                                                      \
		double g_ = (got), w_ = (want);                                                   \
		if (!(fabs(g_ - w_) <= (tol))) {                                                  \
			fprintf(stderr, "%s:%d: got %.17g, want %.17g\n", __FILE__, __LINE__, g_, \
			        w_);                                                              \
			check_failures++;                                                         \
		}                                                                                 \
	} while (0)

#define RUN(fn)                                                                                    \
	do {                                                                                       \
		int before_ = check_failures;                                                      \
		fn();                                                                              \
		printf("%s %s: %s\n", check_failures == before_ ? "ok  " : "FAIL", __FILE__, #fn); \
	} while (0)

#define CHECK_DONE() (check_failures ? 1 : 0)

#endif
