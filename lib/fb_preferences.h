/* Pairwise preferences, as arena leaderboards collect them: records
 * {"model_a", "model_b", "winner"} in, Bradley–Terry strengths per model and
 * a binomial test per pair out. The tally holds one count per pair of models
 * and outcome, so memory grows with models², not with records.
 *
 * winner is "model_a" or "a", "model_b" or "b", the name of either model,
 * or a tie: "tie", "tie (bothbad)" or "both_bad" (a tie whatever its
 * quality: it says neither answer was preferred). */
#ifndef FB_PREFERENCES_H
#define FB_PREFERENCES_H

#include <jansson.h>

#include "fb_error.h"
#include "fb_stats.h"
#include "fb_stats_bt.h"

struct fb_prefs; /* opaque */

struct fb_prefs_opts {
	struct fb_stats_bt_opts bt;
	enum fb_stats_adjust adjust; /* of the pairs' p-values */
};

/* A new, empty tally. */
struct fb_prefs *fb_prefs_new(void);

/* Counts one record. Returns 0, or -1 with err->text such as "model_a:
 * missing", "model_b: expected a string, got a number", "model_a and model_b
 * are both 'x'" or "winner: 'c' is not model_a, model_b, one of the models
 * or a tie"; the tally is then unchanged. */
int fb_prefs_add(struct fb_prefs *p, const json_t *rec, struct fb_error *err);

/* Fits the tally. Returns a new array of new records: one per model, best
 * first, {"kind": "model", "model", "rank", "games", "wins", "losses",
 * "ties", "strength", "rating", "rating_low", "rating_high"}, then one per
 * pair that met, the better-ranked model as model_a, {"kind": "pair",
 * "model_a", "model_b", "games", "wins_a", "wins_b", "ties", "expected_a",
 * "p_value", "p_adjusted"}. The rating is 1000 + 400 β / ln 10, the
 * Elo-style scale of arena leaderboards; rating_low and rating_high are the
 * bootstrap interval (null without bootstrap). expected_a is the fitted
 * probability that model_a wins; p_value is the two-sided exact binomial
 * test of wins_a against wins_b (ties left out; null when every game was a
 * tie), adjusted over the pairs. Returns NULL with err filled when the fit
 * fails (see fb_stats_bt_fit). */
json_t *fb_prefs_result(const struct fb_prefs *p, const struct fb_prefs_opts *o,
                        struct fb_error *err);

/* Frees p; NULL is allowed. */
void fb_prefs_free(struct fb_prefs *p);

#endif
