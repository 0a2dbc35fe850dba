/* Unit tests of lib/fb_cluster_sample: the generator, a sample of rows and
 * the reservoir (in order, complete when large enough, uniform). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_cluster_sample.h"

static void test_rng(void)
{
	uint64_t s = 1, t = 1;
	size_t i, x;

	/* splitmix64 from state 0: the first output is the reference one. */
	s = 0;
	CHECK(fb_cluster_rng_next(&s) == 0xE220A8397B1DCDAFULL);
	s = 7;
	t = 7;
	for (i = 0; i < 1000; i++) {
		x = fb_cluster_rng_below(&s, 10);
		CHECK(x < 10);
		CHECK(x == fb_cluster_rng_below(&t, 10));
	}
	CHECK(fb_cluster_rng_below(&s, 1) == 0);
}

static void test_rows(void)
{
	size_t out[10], i;

	CHECK(fb_cluster_sample_rows(5, 10, 1, out) == 5);
	for (i = 0; i < 5; i++)
		CHECK(out[i] == i);
	CHECK(fb_cluster_sample_rows(100, 10, 1, out) == 10);
	for (i = 0; i < 10; i++) {
		CHECK(out[i] < 100);
		CHECK(i == 0 || out[i] > out[i - 1]);
	}
}

static void test_reservoir(void)
{
	static const char *const words[] = { "a", "bb", "ccc", "dddd", "e" };
	struct fb_cluster_reservoir r;
	size_t i, seed, hits[10] = { 0 };
	char item[2];

	/* Large enough: everything, in order. */
	fb_cluster_reservoir_init(&r, 8, 3);
	for (i = 0; i < 5; i++)
		fb_cluster_reservoir_add(&r, words[i], strlen(words[i]));
	fb_cluster_reservoir_sort(&r);
	CHECK(r.n == 5 && r.seen == 5);
	for (i = 0; i < 5; i++) {
		CHECK_STR(r.text[i], words[i]);
		CHECK(r.len[i] == strlen(words[i]) && r.index[i] == i);
	}
	fb_cluster_reservoir_free(&r);
	/* 3 of 10, many seeds: each item in about 30% of the samples. */
	for (seed = 0; seed < 3000; seed++) {
		fb_cluster_reservoir_init(&r, 3, seed);
		for (i = 0; i < 10; i++) {
			item[0] = (char)('0' + i);
			item[1] = 0;
			fb_cluster_reservoir_add(&r, item, 1);
		}
		fb_cluster_reservoir_sort(&r);
		CHECK(r.n == 3);
		CHECK(r.index[0] < r.index[1] && r.index[1] < r.index[2]);
		for (i = 0; i < 3; i++) {
			CHECK(r.text[i][0] == (char)('0' + r.index[i]));
			hits[r.index[i]]++;
		}
		fb_cluster_reservoir_free(&r);
	}
	/* Binomial(3000, 0.3): sd 25; 5 sd either side. */
	for (i = 0; i < 10; i++)
		CHECK(hits[i] > 900 - 125 && hits[i] < 900 + 125);
}

int main(void)
{
	fb_alloc_init("t_cluster_sample");
	RUN(test_rng);
	RUN(test_rows);
	RUN(test_reservoir);
	return CHECK_DONE();
}
