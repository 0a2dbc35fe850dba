/* Evaluation and training sets from scored, clustered interactions (the
 * records of fb-extract | fb-cluster), as fb-eval-build(1) describes them.
 *
 * The records are added one by one (in any order: a conversation's turns may
 * come in any order and interleaved with other conversations); the dataset
 * keeps what it needs of each compactly (texts in one arena, a few numbers),
 * not the parsed JSON. fb_dataset_build() then
 *
 *   1. groups the records of each user turn (conversation, turn) into a case:
 *      its attempts (regenerated answers) give the reference (the best
 *      positively rated response) and the rejected response (the worst
 *      negatively rated one); a turn without a rated attempt is no case;
 *   2. finds near-duplicate prompts of one intent (MinHash, fb_minhash.h);
 *   3. assigns every conversation to a part of the split (fb_dataset_split.h);
 *   4. selects per intent, with balance and seeded sampling, the cases (or,
 *      for the preference format, the pairs) to write.
 *
 * Everything is deterministic under the seed, and the selection does not
 * depend on the order of the input records (but for records without a
 * conversation id, which are named by their number). */
#ifndef FB_DATASET_H
#define FB_DATASET_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "fb_dataset_split.h"
#include "fb_error.h"

struct fb_redact; /* fb_redact.h */

enum fb_dataset_format {
	FB_DATASET_CASES,      /* {id, intent, messages, reference, rejected, user_score, weight} */
	FB_DATASET_CHAT,       /* {messages}: positively rated answers only */
	FB_DATASET_PREFERENCE, /* {prompt, chosen, rejected} pairs */
	FB_DATASET_KTO,        /* {prompt, completion, label} */
	FB_DATASET_OPENAI_EVALS, /* {input, ideal} */
	FB_DATASET_PROMPTFOO,    /* {description, vars, assert, metadata} */
};

/* The format named name ("cases", "chat", "preference", "kto",
 * "openai-evals", "promptfoo"), or -1. */
int fb_dataset_format_from_name(const char *name);

/* The name of format f. Static storage. */
const char *fb_dataset_format_name(enum fb_dataset_format f);

/* The largest intent id accepted (fb-cluster allows k up to 100000). */
#define FB_DATASET_MAX_INTENT 1000000

#define FB_DATASET_DEFAULT_THRESHOLD 0.8
#define FB_DATASET_DEFAULT_SEED 1

struct fb_dataset_opts {
	enum fb_dataset_format format;
	double min_confidence;         /* attempts below it count as unrated (default 0) */
	size_t per_intent;             /* at most this many per intent; 0: all (default) */
	int balance;                   /* as many negatively as positively rated cases */
	int dedup;                     /* leave out near-duplicate prompts (default 1) */
	double dedup_threshold;        /* Jaccard similarity of near-duplicates, (0, 1] */
	uint64_t seed;                 /* of the sampling and of the split */
	struct fb_dataset_split split; /* n == 0: no split */
};

/* Fills *o with the defaults: cases, no minimum confidence, every case, no
 * balance, dedup at 0.8, seed 1, no split. */
void fb_dataset_opts_default(struct fb_dataset_opts *o);

/* What the build found, for --stats. */
struct fb_dataset_stats {
	size_t records;       /* records added */
	size_t conversations; /* distinct conversations */
	size_t turns;         /* distinct user turns */
	size_t cases;         /* turns with a rated attempt */
	size_t positive;      /* of those, positively rated (no rejected response) */
	size_t negative;      /* negatively rated (a rejected response) */
	size_t duplicates;    /* left out as near-duplicates */
	size_t pairs_regenerated, pairs_similar; /* preference pairs found */
	size_t selected;                         /* items selected */
	size_t part[FB_DATASET_MAX_PARTS + 1];   /* selected items in each part */
};

struct fb_dataset; /* opaque */

/* Returns a new, empty dataset. With redact (borrowed; may be NULL) every
 * text is redacted as it is added (fb_redact_text, with counts, which may be
 * NULL, added to), so that near-duplicates are found on the redacted texts
 * and nothing unredacted is kept. */
struct fb_dataset *fb_dataset_new(struct fb_redact *redact, size_t *counts);

/* Frees d; NULL is allowed. */
void fb_dataset_free(struct fb_dataset *d);

/* Adds one record. Checks the fields it reads (conversation_id, turn,
 * attempt, prompt, response, score, label, confidence, intent) and that no
 * earlier record had the same conversation, turn and attempt. Returns 0, or
 * -1 with err->text a message such as "turn: expected a positive integer,
 * got a string" (the dataset is then unchanged). */
int fb_dataset_add(struct fb_dataset *d, const json_t *rec, struct fb_error *err);

/* Builds the cases and selects what to write, under o (copied). Call once,
 * after the last fb_dataset_add. Returns 0, or -1 with err->text when the
 * MinHash parameters for o->dedup_threshold cannot be made. */
int fb_dataset_build(struct fb_dataset *d, const struct fb_dataset_opts *o, struct fb_error *err);

/* Number of items selected (cases, or pairs for the preference format). */
size_t fb_dataset_count(const struct fb_dataset *d);

/* The part of item i: 0 for train (the rest), k for o->split.name[k - 1]. */
size_t fb_dataset_item_part(const struct fb_dataset *d, size_t i);

/* The output records of item i in the format of the build: one, or two for
 * a kto case with both a reference and a rejected response. Stores new
 * references in out[] and returns their number. */
size_t fb_dataset_render(const struct fb_dataset *d, size_t i, json_t *out[2]);

/* Fills *st. */
void fb_dataset_stats(const struct fb_dataset *d, struct fb_dataset_stats *st);

#endif
