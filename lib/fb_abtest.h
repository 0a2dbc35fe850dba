/* The comparisons of an A/B test: every variant against the control, per
 * segment and metric, with the test the metric's kind and the user's
 * choice call for, adjusted p-values over all comparisons, and a decision;
 * and the sample-ratio-mismatch check. The figures come from fb_stats,
 * which follows R; this module picks the test, handles empty and
 * degenerate arms, and shapes the result rows and their JSON. */
#ifndef FB_ABTEST_H
#define FB_ABTEST_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "fb_arms.h"
#include "fb_error.h"
#include "fb_metric.h"
#include "fb_stats.h"

enum fb_abtest_method {
	FB_ABTEST_AUTO,           /* binary: prop, or fisher for small counts */
	FB_ABTEST_PROP,           /* prop.test, continuity correction */
	FB_ABTEST_PROP_NOCORRECT, /* prop.test(correct = FALSE) */
	FB_ABTEST_FISHER,         /* fisher.test */
	FB_ABTEST_WELCH,          /* t.test(var.equal = FALSE) */
	FB_ABTEST_STUDENT,        /* t.test(var.equal = TRUE) */
	FB_ABTEST_MANN_WHITNEY,   /* wilcox.test */
	FB_ABTEST_BOOTSTRAP,      /* BCa interval of the difference (fb_abtest_seqboot) */
	/* Paired designs. */
	FB_ABTEST_PAIRED_T,          /* t.test(paired = TRUE) */
	FB_ABTEST_WILCOXON,          /* wilcox.test(paired = TRUE) */
	FB_ABTEST_MCNEMAR,           /* mcnemar.test */
	FB_ABTEST_MCNEMAR_NOCORRECT, /* mcnemar.test(correct = FALSE) */
	FB_ABTEST_SIGN,              /* binom.test on the discordant pairs */
	/* Designs with a unit of randomisation; not a name users give. */
	FB_ABTEST_DELTA, /* z test of ratios (per-record means over units, ratio
	                  * metrics), delta-method variance */
	/* With --sequential, for every metric; not a name users give. */
	FB_ABTEST_MSPRT, /* mixture SPRT (fb_abtest_seqboot) */
};

/* FB_ABTEST_AUTO uses Fisher's exact test when an expected count of the
 * 2×2 table (under equal proportions) is below this, the rule of thumb
 * under which R's chisq.test warns that its approximation may be poor. */
#define FB_ABTEST_FISHER_BELOW 5.0

/* A sample-ratio mismatch is flagged at p below this. */
#define FB_ABTEST_SRM_ALPHA 0.001

/* Parses "auto", "prop", "prop-nocorrect", "fisher", "welch", "student",
 * "mann-whitney", "bootstrap", "paired-t", "wilcoxon", "mcnemar",
 * "mcnemar-nocorrect" or "sign" (not "delta", which --unit-field implies, nor
 * "msprt", which --sequential does). Returns 0, or -1 with err->text "unknown method
 * 'x'". */
int fb_abtest_method_from_name(const char *name, enum fb_abtest_method *out, struct fb_error *err);

/* The name of a method, as parsed. */
const char *fb_abtest_method_name(enum fb_abtest_method m);

/* Whether a method is for binary metrics (auto counts as binary). */
int fb_abtest_method_is_binary(enum fb_abtest_method m);

/* Whether a method is for paired designs. */
int fb_abtest_method_is_paired(enum fb_abtest_method m);

struct fb_abtest_config {
	enum fb_abtest_method binary_method; /* auto, prop, prop-nocorrect or fisher */
	enum fb_abtest_method mean_method;   /* welch, student, mann-whitney or bootstrap */
	int paired; /* a paired design: the arms hold pairs, the methods are paired ones
	             * (binary: mcnemar, mcnemar-nocorrect or sign; mean: paired-t or
	             * wilcoxon) */
	int unit;   /* a unit of randomisation: the arms hold per-unit sums
	             * (fb_arms_unit_add), compared with FB_ABTEST_DELTA, and the
	             * sample-ratio check counts units */
	int cuped;  /* a covariate: binary and mean metrics are compared on CUPED-adjusted
	             * values (fb_cuped), from the arms' bivariate moments
	             * (fb_arms_add_xy) or, with unit, the units' covariates; the
	             * mean method (welch or student) tests them, or with unit the
	             * delta method */
	struct fb_stats_opts opts; /* alternative, conf_level, exact */
	double alpha;              /* for decisions, on adjusted p-values */
	enum fb_stats_adjust adjust;
	size_t control;             /* variant index */
	const int *lower_is_better; /* per metric; borrowed; NULL: higher is better */
	/* Bootstrap and sequential tests (fb_abtest_seqboot.h). */
	uint64_t resamples; /* mean method bootstrap: resamples per comparison */
	unsigned long seed; /* of each comparison's bootstrap generator */
	int sequential;     /* every metric by FB_ABTEST_MSPRT */
	double seq_tuning;  /* the mSPRT's tuning, fb_stats_seq_opts */
};

enum fb_abtest_decision {
	FB_ABTEST_INCONCLUSIVE,
	FB_ABTEST_BETTER,
	FB_ABTEST_WORSE,
};

/* One comparison: the variant against the control on a metric in a
 * segment. Figures that do not apply are NaN. */
struct fb_abtest_row {
	size_t segment, metric, variant;
	enum fb_metric_kind kind;
	enum fb_abtest_method method;          /* the one used: never auto */
	uint64_t n_control, n_variant;         /* paired: both the number of pairs */
	uint64_t n_unpaired;                   /* paired: pairs with a record of one side only */
	uint64_t units_control, units_variant; /* with a unit: the units with a value */
	uint64_t control_only, variant_only;   /* paired binary: the discordant pairs */
	double null_statistic;                 /* wilcoxon: the mean of V under the null */
	double estimate_control, estimate_variant;   /* proportion or mean */
	double difference, relative_difference;      /* variant − control, and / control */
	double wilson_control[2], wilson_variant[2]; /* binary: Wilson intervals */
	double prob_variant_better;       /* P(variant > control): binary, Beta(1, 1) priors;
	                                   * mean (t tests), the normal approximation */
	double expected_loss;             /* of choosing the variant, the same way */
	double theta, variance_reduction; /* CUPED: θ, and 1 − (adjusted / plain) variance
	                                   * of the difference */
	struct fb_stats_result test;      /* the test's own figures */
	double p_adjusted;
	int tested; /* the test ran; otherwise note says why not */
	enum fb_abtest_decision decision;
	char note[240];
	struct fb_stats_boot_info boot; /* bootstrap: its own figures */
	double mixing_variance;         /* msprt: τ² */
};

/* Compares every variant but the control with the control, for every
 * segment and metric (metrics[i] matches metric i of arms), in the order
 * segment, metric, variant; then adjusts the p-values of the comparisons
 * that could be tested and decides. With cfg->paired, the comparisons use
 * the pairs of the arms (fb_arms_pair_add) with both sides, and the arms'
 * per-arm summaries are not used; so with cfg->unit, which uses the units'
 * sums (fb_arms_units) and the delta method. Ratio metrics always use the
 * delta method: over units with cfg->unit, else over records (the arms'
 * bivariate moments). Returns a new array of *nrows rows
 * (free with free()). A comparison that cannot be tested (an empty arm,
 * constant data) is a row with tested 0 and a note, not an error. */
struct fb_abtest_row *fb_abtest_compare(const struct fb_arms *arms,
                                        const struct fb_metric *const *metrics,
                                        const struct fb_abtest_config *cfg, size_t *nrows);

/* A figure as fbloop writes it in records: a number, "inf" or "-inf", or
 * null when it does not apply (NaN). */
json_t *fb_abtest_json_figure(double x);

/* The JSON record of a row (new reference): "record": "comparison",
 * metric, type, segment (null when segmented is 0), control, variant, n
 * per arm (with cfg->paired, then "design": "paired", n_pairs and
 * n_unpaired; with cfg->unit, "design": "unit", units_control and
 * units_variant), estimates, differences, interval, method, statistic, df,
 * p_value, p_adjusted, decision, and the method's extras (with cfg->cuped,
 * theta and variance_reduction on binary and mean rows). Infinite bounds
 * are the strings "inf" and "-inf"; what does not apply is null. */
json_t *fb_abtest_row_json(const struct fb_abtest_row *row, const struct fb_arms *arms,
                           const struct fb_metric *const *metrics,
                           const struct fb_abtest_config *cfg, int segmented);

/* The name of a decision: "better", "worse" or "inconclusive". */
const char *fb_abtest_decision_name(enum fb_abtest_decision d);

/* The sample-ratio-mismatch check over all segments: chisq.test(records
 * per variant, p = shares); with cfg->unit, units that are not
 * contaminated per variant. shares has one weight per variant (NULL for
 * equal shares); weights are divided by their sum. */
struct fb_abtest_srm {
	struct fb_stats_result test;
	int mismatch; /* p_value < FB_ABTEST_SRM_ALPHA */
};

/* Returns 0, or -1 with err->text when the check cannot be made (fewer
 * than two variants, a weight that is not positive). */
int fb_abtest_srm(const struct fb_arms *arms, const double *shares,
                  const struct fb_abtest_config *cfg, struct fb_abtest_srm *out,
                  struct fb_error *err);

/* The JSON record of the check (new reference): "record": "srm", the
 * counts and expected shares per variant, statistic, df, p_value and
 * mismatch; with cfg->unit, "counted": "units" after the control, and
 * contaminated_units at the end. */
json_t *fb_abtest_srm_json(const struct fb_abtest_srm *srm, const struct fb_arms *arms,
                           const double *shares, const struct fb_abtest_config *cfg);

#endif
