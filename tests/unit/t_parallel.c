/* Unit tests of lib/fb_parallel's pool: every share runs once per call, on
 * its own thread, and the call returns when all are done. */
#include <pthread.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_parallel.h"

struct shares {
	size_t calls[FB_PARALLEL_MAX + 1];
	pthread_t tid[FB_PARALLEL_MAX + 1];
	long sum[FB_PARALLEL_MAX + 1];
};

/* Share t sums its own slice of 1..8000, slowly enough to overlap. */
static void sum_share(void *arg, size_t t)
{
	struct shares *s = arg;
	long i;

	s->calls[t]++;
	s->tid[t] = pthread_self();
	for (i = (long)t * 1000 + 1; i <= (long)(t + 1) * 1000; i++)
		s->sum[t] += i;
}

/* A pool runs each share once per call, call after call, with the context
 * of that call; a pool of one runs everything on the caller. */
static void test_pool(void)
{
	struct fb_pool *p = fb_pool_new(3), *one = fb_pool_new(1);
	struct shares s[50];
	int ok = 1;

	memset(s, 0, sizeof s);
	for (size_t r = 0; r < 50; r++)
		fb_pool_run(p, sum_share, &s[r]);
	for (size_t r = 0; r < 50; r++)
		ok &= s[r].calls[0] == 1 && s[r].calls[1] == 1 && s[r].calls[2] == 1 &&
		      s[r].calls[3] == 0 &&
		      s[r].sum[0] + s[r].sum[1] + s[r].sum[2] == 3000L * 3001 / 2;
	CHECK(ok);
	CHECK(!pthread_equal(s[49].tid[2], pthread_self()));
	memset(s, 0, sizeof s[0]);
	fb_pool_run(one, sum_share, &s[0]);
	CHECK(s[0].calls[0] == 1 && s[0].calls[1] == 0);
	fb_pool_free(p);
	fb_pool_free(one);
	fb_pool_free(NULL);
}

int main(void)
{
	fb_alloc_init("t_parallel");
	RUN(test_pool);
	return CHECK_DONE();
}
