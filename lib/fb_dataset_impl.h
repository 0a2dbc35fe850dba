/* Internal to the dataset module (lib/fb_dataset*.c): the compact model of
 * records, conversations, cases and pairs that the public interface in
 * fb_dataset.h hides. */
#ifndef FB_DATASET_IMPL_H
#define FB_DATASET_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "fb_dataset.h"
#include "fb_map.h"

#define DS_NONE UINT32_MAX

enum { DS_NEGATIVE = -1, DS_NEUTRAL = 0, DS_POSITIVE = 1 };

/* One record: an attempt at a user turn. Texts live in the arena. */
struct ds_rec {
	size_t prompt, response; /* offsets into the arena */
	size_t prompt_len, response_len;
	uint32_t conv, next;           /* next: the conversation's next record, as read */
	int32_t turn, attempt, intent; /* intent -1 for an outlier */
	double score, confidence;
	signed char label;
};

struct ds_conv {
	size_t id, id_len; /* the id in the arena ("#N" for a null id) */
	uint32_t head;     /* the first record read, then the list via next */
	uint32_t start, n; /* after the build: its records in d->order */
};

/* A case: one user turn with a rated attempt. */
struct ds_case {
	uint32_t conv;
	uint32_t first;    /* position in d->order of the turn's first attempt */
	uint32_t ref, rej; /* records giving the reference and rejected, or DS_NONE */
	int32_t turn, intent;
	double user_score, weight; /* rounded to 4 decimals */
	uint64_t key;              /* seeded sampling key */
	uint32_t group;            /* near-duplicate group: the case that represents it */
	unsigned char part;
};

/* A preference pair: chosen's reference against rejected's rejected. */
struct ds_pair {
	uint32_t chosen, rejected; /* cases */
	unsigned char similar;     /* 0: regenerated in one turn; 1: near-identical prompts */
};

struct fb_dataset {
	struct fb_redact *redact;
	size_t *redact_counts;
	char *text;
	size_t textlen, textcap;
	struct ds_rec *rec;
	size_t nrec, reccap;
	struct ds_conv *conv;
	size_t nconv, convcap;
	struct fb_map *convmap; /* id → index + 1 */
	size_t *intent_label;   /* per intent id: arena offset + 1 of "len:label", 0 when null */
	size_t *intent_len;
	size_t nintent;
	uint32_t *order; /* records by conversation, turn and attempt */
	struct ds_case *cases;
	size_t ncases;
	struct ds_pair *pairs;
	size_t npairs;
	uint32_t *sel; /* the selected items: cases, or pairs for preference */
	size_t nsel;
	struct fb_dataset_opts opts;
	struct fb_dataset_stats stats;
};

/* The text at offset off of the arena. */
static inline const char *ds_text(const struct fb_dataset *d, size_t off)
{
	return d->text + off;
}

static inline int ds_positive(const struct ds_case *c)
{
	return c->rej == DS_NONE;
}

/* Finds near-duplicate prompts among the cases (fb_dataset_dedup.c): sets
 * every case's group to the case that represents it, the first in the order
 * of (intent, key) of those with a prompt at least o->dedup_threshold
 * similar; with only, just the cases with only[i] set take part (the others
 * are their own group). Returns 0, or -1 with err filled. */
int ds_group(struct fb_dataset *d, const unsigned char *only, struct fb_error *err);

/* The cases ordered by (intent, key): a new array of d->ncases indices. */
uint32_t *ds_by_intent_key(const struct fb_dataset *d);

/* Finds the preference pairs and selects them (fb_dataset_pairs.c). */
int ds_select_pairs(struct fb_dataset *d, struct fb_error *err);

/* Renders case or pair i of the selection (fb_dataset_format.c). */
size_t ds_render(const struct fb_dataset *d, uint32_t item, json_t *out[2]);

/* The messages of case c: the conversation's earlier turns (each with the
 * last attempt's response) and the turn's prompt. A new array. */
json_t *ds_messages(const struct fb_dataset *d, const struct ds_case *c);

/* The intent of case c as {"id", "label"}. A new object. */
json_t *ds_intent(const struct fb_dataset *d, int32_t intent);

/* The id of case c: "CONVERSATION:TURN". A new string. */
json_t *ds_case_id(const struct fb_dataset *d, const struct ds_case *c);

/* Compares cases by (intent, outliers last), conversation id and turn: the
 * output order. */
int ds_case_cmp_out(const struct fb_dataset *d, uint32_t a, uint32_t b);

/* Sorts n indices with a comparator that takes d (a merge sort: qsort has
 * no context argument, and a stable sort keeps ties in a known order). */
void ds_sort(const struct fb_dataset *d, uint32_t *v, size_t n,
             int (*cmp)(const struct fb_dataset *, uint32_t, uint32_t));

#endif
