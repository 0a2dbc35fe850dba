/* The per-intent report of fb-eval: how satisfied users are with the
 * answers to each intent, where they suffer most, and how that changed
 * since the previous day or week.
 *
 * Records are the interactions of fb-extract with the intent of
 * fb-cluster. They are added one at a time to sums kept per intent and
 * period (and for all records per period), so memory grows with intents ×
 * periods × distinct signal names, never with records. At the end the sums
 * become rows: one per intent and period, one for the outliers (intent id
 * null) and one for all records of the period.
 *
 * Definitions (each row, over its interactions):
 *   n                 the interactions;
 *   share             n over the interactions of the period;
 *   explicit_rate     the share with explicit feedback (explicit not null);
 *   positive_rate     the share labelled positive, with its Wilson score
 *                     interval [positive_rate_low, positive_rate_high];
 *   negative_rate     the same for negative;
 *   mean_score        the mean of score;
 *   impact            n × negative_rate: the negatively labelled
 *                     interactions;
 *   top signals       the signals found in the most negatively labelled
 *                     interactions, each with that count and its share of
 *                     the negative interactions; ties by name (bytes);
 *   rank              intents by impact, the highest first; ties go to the
 *                     higher negative rate (the smaller n), then the
 *                     smaller id. Outliers and all records have no rank.
 * With periods, each row also has the figures of the same intent in the
 * period just before (the calendar day, or the ISO week, before): previous_n
 * and delta_X = X − X of then for n, share, explicit_rate, positive_rate,
 * negative_rate and mean_score; the deltas are NaN when previous_n is 0. */
#ifndef FB_EVAL_REPORT_H
#define FB_EVAL_REPORT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "fb_error.h"
#include "fb_report.h"

enum fb_eval_report_by {
	FB_EVAL_REPORT_ALL,  /* one period: the whole input */
	FB_EVAL_REPORT_DAY,  /* calendar days, UTC */
	FB_EVAL_REPORT_WEEK, /* ISO weeks, Monday to Sunday, UTC */
};

/* Parses "day" or "week"; -1 when neither. */
int fb_eval_report_by_from_name(const char *name);

enum fb_eval_report_label {
	FB_EVAL_REPORT_POSITIVE,
	FB_EVAL_REPORT_NEGATIVE,
	FB_EVAL_REPORT_NEUTRAL,
};

/* One interaction, as the sums need it. Pointers are borrowed for the call. */
struct fb_eval_report_item {
	int outlier;       /* intent id null */
	long long intent;  /* the intent's id, when not an outlier */
	const char *label; /* the intent's label, or NULL */
	double timestamp;  /* epoch seconds; used only with periods */
	enum fb_eval_report_label rating;
	double score;
	int has_explicit;           /* explicit feedback is there */
	const char *const *signals; /* the names of the signals found */
	size_t nsignals;
};

struct fb_eval_report; /* opaque */

/* Returns new, empty sums for periods of by. */
struct fb_eval_report *fb_eval_report_new(enum fb_eval_report_by by);

void fb_eval_report_free(struct fb_eval_report *r);

/* Adds one interaction. Returns 0, or -1 with err->text "timestamp: out of
 * range" when the period of the timestamp cannot be told (nothing is added
 * then). The label of an intent is the one of its first interaction. */
int fb_eval_report_add(struct fb_eval_report *r, const struct fb_eval_report_item *it,
                       struct fb_error *err);

/* Checks a record of fb-extract and fb-cluster and adds it. Returns 0, or -1
 * with err->text the reason and nothing added: "intent: missing",
 * "intent: expected an object, got a string", "intent.id: missing",
 * "intent.id: expected an integer or null, got ...", "intent.label:
 * expected a string or null, got ...", "label: missing", "label: expected
 * a string, got ...", "label: expected positive, negative or neutral, got
 * 'x'", "score: missing", "score: expected a number, got ...", "explicit:
 * expected an object or null, got ...", "signals: expected an object, got
 * ...", and with periods "timestamp: missing" (also when null),
 * "timestamp: expected a string or a number, got ...", "timestamp: 'x' is
 * not a date-time", "timestamp: out of range". A missing explicit is no
 * explicit feedback, missing signals none. */
int fb_eval_report_add_json(struct fb_eval_report *r, const json_t *rec, struct fb_error *err);

enum fb_eval_report_group {
	FB_EVAL_REPORT_INTENT,
	FB_EVAL_REPORT_OUTLIERS,
	FB_EVAL_REPORT_OVERALL,
};

struct fb_eval_report_signal {
	const char *name; /* borrowed from the sums */
	uint64_t count;   /* negative interactions it was found in */
	double share;     /* count over the negative interactions */
};

/* The fields of a row that conditions can test, in this order: the index
 * into the values of fb_eval_report_row_values(). */
enum fb_eval_report_field {
	FB_EVAL_REPORT_F_RANK,
	FB_EVAL_REPORT_F_N,
	FB_EVAL_REPORT_F_SHARE,
	FB_EVAL_REPORT_F_EXPLICIT_RATE,
	FB_EVAL_REPORT_F_POSITIVE_RATE,
	FB_EVAL_REPORT_F_POSITIVE_RATE_LOW,
	FB_EVAL_REPORT_F_POSITIVE_RATE_HIGH,
	FB_EVAL_REPORT_F_NEGATIVE_RATE,
	FB_EVAL_REPORT_F_NEGATIVE_RATE_LOW,
	FB_EVAL_REPORT_F_NEGATIVE_RATE_HIGH,
	FB_EVAL_REPORT_F_MEAN_SCORE,
	FB_EVAL_REPORT_F_IMPACT,
	FB_EVAL_REPORT_F_PREVIOUS_N,
	FB_EVAL_REPORT_F_DELTA_N,
	FB_EVAL_REPORT_F_DELTA_SHARE,
	FB_EVAL_REPORT_F_DELTA_EXPLICIT_RATE,
	FB_EVAL_REPORT_F_DELTA_POSITIVE_RATE,
	FB_EVAL_REPORT_F_DELTA_NEGATIVE_RATE,
	FB_EVAL_REPORT_F_DELTA_MEAN_SCORE,
	FB_EVAL_REPORT_NFIELDS
};

/* The names of the fields, as in the JSON records (static storage); the
 * fields from FB_EVAL_REPORT_F_PREVIOUS_N on exist only with periods. */
extern const char *const fb_eval_report_fields[FB_EVAL_REPORT_NFIELDS];

#define FB_EVAL_REPORT_PERIOD_SIZE 16

struct fb_eval_report_row {
	enum fb_eval_report_group group;
	long long id;      /* the intent's, for FB_EVAL_REPORT_INTENT */
	const char *label; /* the intent's label or NULL; borrowed from the sums */
	char period[FB_EVAL_REPORT_PERIOD_SIZE]; /* "2026-10-01", "2026-W40"; "" without */
	int last_period;                         /* the row is of the newest period */
	size_t rank;                             /* from 1; 0 for no rank */
	uint64_t n, explicit_n, positive, negative, neutral;
	double share, explicit_rate, positive_rate, positive_low, positive_high;
	double negative_rate, negative_low, negative_high, mean_score;
	struct fb_eval_report_signal *top; /* the top signals (owned by the row) */
	size_t ntop;
	uint64_t previous_n; /* with periods */
	double delta_share, delta_explicit_rate, delta_positive_rate, delta_negative_rate,
	    delta_mean_score; /* NaN when previous_n is 0 */
};

/* The rows, in the order of the report: periods from the oldest, and in each
 * the intents by rank, then the outliers, then all records. top_signals is
 * how many signals a row lists at most; conf_level (in (0, 1)) that of the
 * intervals. Returns a new array of *n rows (free with
 * fb_eval_report_rows_free; borrowed strings live as long as r), or NULL
 * with err filled when the intervals cannot be computed. No rows (NULL or
 * not, *n 0) when nothing was added. */
struct fb_eval_report_row *fb_eval_report_rows(const struct fb_eval_report *r, size_t top_signals,
                                               double conf_level, size_t *n, struct fb_error *err);

void fb_eval_report_rows_free(struct fb_eval_report_row *rows, size_t n);

/* The number of periods and of intents (outliers not counted) seen. */
size_t fb_eval_report_nperiods(const struct fb_eval_report *r);
size_t fb_eval_report_nintents(const struct fb_eval_report *r);

/* ---- output (fb_eval_report_out.c) ---- */

/* The row as a JSON record: [period,] group, rank, id, label, n, share,
 * explicit_rate, positive_rate, positive_rate_low, positive_rate_high,
 * negative_rate, negative_rate_low, negative_rate_high, mean_score, impact,
 * top_negative_signals [{name, count, share}] and, with periods,
 * previous_n and the deltas. Unknown figures are null. Returns a new
 * reference. */
json_t *fb_eval_report_row_json(const struct fb_eval_report_row *row, enum fb_eval_report_by by);

/* Fills values[FB_EVAL_REPORT_NFIELDS] with the row's fields (NaN for none:
 * a rank outside the intents, the deltas without a previous period or
 * without periods). */
void fb_eval_report_row_values(const struct fb_eval_report_row *row, enum fb_eval_report_by by,
                               double *values);

/* The columns of the tables for people (static storage). */
const struct fb_report_col *fb_eval_report_cols(enum fb_eval_report_by by, size_t *ncols);

#define FB_EVAL_REPORT_MAXCOLS 12

/* The text of a row's cells for the columns of fb_eval_report_cols(). */
struct fb_eval_report_cells {
	char buf[FB_EVAL_REPORT_MAXCOLS][160];
	const char *cell[FB_EVAL_REPORT_MAXCOLS];
};

/* Fills cells (whose pointers may point into row) and returns their number. */
size_t fb_eval_report_row_cells(const struct fb_eval_report_row *row, enum fb_eval_report_by by,
                                struct fb_eval_report_cells *cells);

#endif
