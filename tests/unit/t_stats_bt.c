/* Bradley–Terry fits against R: glm(cbind(w_ij, w_ji) ~ X - 1, family =
 * binomial) with ties as half wins, centred (R 4.2.2 and a fixed-point
 * solution in numpy agree to 1e-15); the prior against that fixed point; and
 * bootstrap behaviour. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "fb_stats_bt.h"

/* Four models; ties between 1–2, 2–4 and 3–4. */
static const uint64_t wins4[16] = { 0, 7, 4, 9, 3, 0, 6, 5, 2, 4, 0, 8, 1, 5, 2, 0 };
static const uint64_t ties4[16] = { 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 0 };

static void test_plain_mle(void)
{
	static const double want[4] = { 0.826672955927539, -0.082136683420223, -0.036306143995845,
		                        -0.708230128511471 };
	struct fb_stats_bt_opts o = { 0, 0, 1, 0.95 };
	struct fb_stats_bt_result r;
	CHECK(fb_stats_bt_fit(4, wins4, ties4, &o, &r, NULL) == 0);
	for (int i = 0; i < 4; i++) {
		CHECK_NEAR(r.strength[i], want[i], 1e-12);
		CHECK(isnan(r.ci_low[i]) && isnan(r.ci_high[i]));
	}
	CHECK(r.iterations > 0 && r.iterations < 20);
	fb_stats_bt_result_free(&r);
}

static void test_prior(void)
{
	static const double want[4] = { 0.798351688375976, -0.080136805769221, -0.030799102593162,
		                        -0.687415780013593 };
	struct fb_stats_bt_opts o = { 1, 0, 1, 0.95 };
	struct fb_stats_bt_result r;
	CHECK(fb_stats_bt_fit(4, wins4, ties4, &o, &r, NULL) == 0);
	for (int i = 0; i < 4; i++)
		CHECK_NEAR(r.strength[i], want[i], 1e-12);
	fb_stats_bt_result_free(&r);
}

/* With two models the estimate is closed-form: β1 − β0 = ln(w10 / w01). */
static void test_two_models(void)
{
	static const uint64_t wins[4] = { 0, 1, 3, 0 }, ties[4] = { 0, 0, 0, 0 };
	struct fb_stats_bt_opts o = { 0, 0, 1, 0.95 };
	struct fb_stats_bt_result r;
	CHECK(fb_stats_bt_fit(2, wins, ties, &o, &r, NULL) == 0);
	CHECK_NEAR(r.strength[1] - r.strength[0], log(3.0), 1e-13);
	CHECK_NEAR(r.strength[0] + r.strength[1], 0, 1e-15);
	fb_stats_bt_result_free(&r);
}

/* A model that never lost has no finite plain estimate; a prior gives one. */
static void test_unbeaten(void)
{
	static const uint64_t wins[9] = { 0, 3, 2, 0, 0, 1, 0, 1, 0 }, ties[9] = { 0 };
	struct fb_stats_bt_opts o = { 0, 0, 1, 0.95 };
	struct fb_stats_bt_result r;
	struct fb_error err;
	CHECK(fb_stats_bt_fit(3, wins, ties, &o, &r, &err) == -1);
	CHECK(strstr(err.text, "no finite strengths") != NULL);
	CHECK(r.strength == NULL);
	o.prior = 1;
	CHECK(fb_stats_bt_fit(3, wins, ties, &o, &r, &err) == 0);
	CHECK(r.strength[0] > r.strength[1] && r.strength[0] > r.strength[2]);
	CHECK(isfinite(r.strength[0]));
	fb_stats_bt_result_free(&r);
}

static void test_bad_input(void)
{
	static const uint64_t wins[9] = { 0, 3, 0, 1, 0, 0, 0, 0, 0 }, ties[9] = { 0 };
	struct fb_stats_bt_opts o = FB_STATS_BT_OPTS_DEFAULT;
	struct fb_stats_bt_result r;
	struct fb_error err;
	CHECK(fb_stats_bt_fit(3, wins, ties, &o, &r, &err) == -1);
	CHECK_STR(err.text, "model 3 has no games");
	CHECK(fb_stats_bt_fit(1, wins, ties, &o, &r, &err) == -1);
	CHECK_STR(err.text, "need at least two models");
	o.conf_level = 1;
	CHECK(fb_stats_bt_fit(2, wins, ties, &o, &r, &err) == -1);
}

static void test_bootstrap(void)
{
	struct fb_stats_bt_opts o = { 1, 500, 7, 0.95 };
	struct fb_stats_bt_result r, again;
	CHECK(fb_stats_bt_fit(4, wins4, ties4, &o, &r, NULL) == 0);
	CHECK(fb_stats_bt_fit(4, wins4, ties4, &o, &again, NULL) == 0);
	for (int i = 0; i < 4; i++) {
		CHECK(r.ci_low[i] < r.strength[i] && r.strength[i] < r.ci_high[i]);
		CHECK(r.ci_low[i] == again.ci_low[i] && r.ci_high[i] == again.ci_high[i]);
	}
	/* The best model is clearly ahead of the worst in 65 games. */
	CHECK(r.ci_low[0] > r.ci_high[3]);
	CHECK(r.dropped == 0);
	fb_stats_bt_result_free(&again);
	o.seed = 8;
	CHECK(fb_stats_bt_fit(4, wins4, ties4, &o, &again, NULL) == 0);
	CHECK(r.ci_low[0] != again.ci_low[0]);
	fb_stats_bt_result_free(&r);
	fb_stats_bt_result_free(&again);
}

int main(void)
{
	RUN(test_plain_mle);
	RUN(test_prior);
	RUN(test_two_models);
	RUN(test_unbeaten);
	RUN(test_bad_input);
	RUN(test_bootstrap);
	return CHECK_DONE();
}
