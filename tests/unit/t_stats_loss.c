/* Expected loss and the normal approximation of P(b > a), against numeric
 * integration with scipy (quad to 1e-12 relative) and scipy.stats.norm. */
#include "check.h"
#include "fb_stats.h"

static void test_expected_loss(void)
{
	struct fb_stats_count a = { 40, 12 }, b = { 41, 18 }, c = { 10, 3 }, d = { 12, 1 };
	double loss;

	CHECK(fb_stats_expected_loss(&a, &b, 1, 1, &loss, NULL) == 0);
	CHECK_NEAR(loss, 0.00499410998440952, 1e-12);
	CHECK(fb_stats_expected_loss(&c, &d, 1, 1, &loss, NULL) == 0);
	CHECK_NEAR(loss, 0.199171842650103, 1e-12);
}

static void test_expected_loss_errors(void)
{
	struct fb_stats_count a = { 0, 0 }, b = { 10, 2 };
	struct fb_error err;
	double loss;

	CHECK(fb_stats_expected_loss(&a, &b, 1, 1, &loss, &err) == -1);
	CHECK_STR(err.text, "arm a is empty");
}

static void test_normal(void)
{
	struct fb_error err;
	double p, loss;

	CHECK(fb_stats_normal_prob_better(0.0625364437849914, 0.0358, &p, &loss, NULL) == 0);
	CHECK_NEAR(p, 0.959666414314973, 1e-12);
	CHECK_NEAR(loss, 0.000583586369847699, 1e-12);
	/* No difference: even odds, loss se φ(0). */
	CHECK(fb_stats_normal_prob_better(0, 2, &p, &loss, NULL) == 0);
	CHECK_NEAR(p, 0.5, 1e-15);
	CHECK_NEAR(loss, 2 * 0.398942280401432678, 1e-15);
	CHECK(fb_stats_normal_prob_better(1, 0, &p, &loss, &err) == -1);
	CHECK_STR(err.text, "the normal approximation needs a positive standard error");
}

int main(void)
{
	RUN(test_expected_loss);
	RUN(test_expected_loss_errors);
	RUN(test_normal);
	return CHECK_DONE();
}
