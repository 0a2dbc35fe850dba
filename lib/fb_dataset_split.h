/* The train/test split of fb-eval build: by conversation, never by
 * interaction, so that no conversation has turns on both sides (no
 * leakage). A conversation's part follows from a seeded 64-bit hash of its
 * id alone, so it does not depend on the other conversations, on the input
 * order or on the selection: the same id and seed always land in the same
 * part, in every run and every format. */
#ifndef FB_DATASET_SPLIT_H
#define FB_DATASET_SPLIT_H

#include <stddef.h>
#include <stdint.h>

#include "fb_error.h"

/* At most this many held-out parts besides train, with names of at most
 * FB_DATASET_PART_NAME - 1 bytes. */
#define FB_DATASET_MAX_PARTS 4
#define FB_DATASET_PART_NAME 32

struct fb_dataset_split {
	size_t n; /* held-out parts; 0 for no split */
	char name[FB_DATASET_MAX_PARTS][FB_DATASET_PART_NAME];
	double fraction[FB_DATASET_MAX_PARTS];
};

/* Parses a split such as "test=0.2" or "valid=0.1,test=0.1": comma-separated
 * NAME=FRACTION, each name of lowercase letters, digits, '-' and '_', not
 * "train" and not given twice, each fraction in (0, 1) and their sum at
 * most 1; train gets the rest. Returns 0, or -1 with err->text such as
 * "'test=2': fraction out of range (0 to 1, exclusive)". */
int fb_dataset_split_parse(const char *spec, struct fb_dataset_split *s, struct fb_error *err);

/* The seeded 64-bit hash of len bytes (FNV-1a, then the splitmix64
 * finaliser so that every bit depends on every byte and on the seed). */
uint64_t fb_dataset_hash(uint64_t seed, const char *s, size_t len);

/* The part of the conversation with id id (len bytes): 0 for train, k for
 * s->name[k - 1]. With u = the top 53 bits of the hash of the id under the
 * seed, as a fraction in [0, 1), part k (k >= 1) holds the ids with u in
 * [f_1 + ... + f_(k-1), f_1 + ... + f_k), and train the rest. */
size_t fb_dataset_split_part(const struct fb_dataset_split *s, uint64_t seed, const char *id,
                             size_t len);

#endif
