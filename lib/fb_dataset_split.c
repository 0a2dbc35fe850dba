/* The split by conversation; see fb_dataset_split.h. */
#include "fb_dataset_split.h"

#include <stdio.h>
#include <string.h>

#include "fb_opt.h"

/* The splitmix64 finaliser (Steele, Lea and Flood 2014). */
static uint64_t mix(uint64_t z)
{
	z += 0x9E3779B97F4A7C15ULL;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

uint64_t fb_dataset_hash(uint64_t seed, const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ mix(seed);
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return mix(h ^ len);
}

/* The split hashes under a seed of its own, so that which conversations are
 * held out does not follow which cases the sampling picks first. */
#define SPLIT_SALT 0x73706c6974ULL /* "split" */

size_t fb_dataset_split_part(const struct fb_dataset_split *s, uint64_t seed, const char *id,
                             size_t len)
{
	double u = (double)(fb_dataset_hash(seed ^ SPLIT_SALT, id, len) >> 11) * 0x1.0p-53, lo = 0;
	size_t k;

	for (k = 0; k < s->n; k++) {
		lo += s->fraction[k];
		if (u < lo)
			return k + 1;
	}
	return 0;
}

static int valid_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n >= FB_DATASET_PART_NAME)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		      s[i] == '_'))
			return 0;
	return 1;
}

int fb_dataset_split_parse(const char *spec, struct fb_dataset_split *s, struct fb_error *err)
{
	const char *p = spec, *comma, *eq;
	char item[64], num[64];
	double f, sum = 0;
	size_t n, k;

	memset(s, 0, sizeof *s);
	for (;;) {
		comma = strchr(p, ',');
		n = comma ? (size_t)(comma - p) : strlen(p);
		if (n >= sizeof item) {
			fb_error_set(err, 0, 0, "'%.*s...': too long", 20, p);
			return -1;
		}
		memcpy(item, p, n);
		item[n] = '\0';
		eq = strchr(item, '=');
		if (!eq) {
			fb_error_set(err, 0, 0, "'%s': expected NAME=FRACTION", item);
			return -1;
		}
		if (!valid_name(item, (size_t)(eq - item))) {
			fb_error_set(
			    err, 0, 0,
			    "'%s': a name is 1 to %d lowercase letters, digits, '-' or '_'", item,
			    FB_DATASET_PART_NAME - 1);
			return -1;
		}
		if ((size_t)(eq - item) == 5 && memcmp(item, "train", 5) == 0) {
			fb_error_set(err, 0, 0, "'%s': train is the rest, not a part to name",
			             item);
			return -1;
		}
		for (k = 0; k < s->n; k++)
			if (strlen(s->name[k]) == (size_t)(eq - item) &&
			    memcmp(s->name[k], item, (size_t)(eq - item)) == 0) {
				fb_error_set(err, 0, 0, "'%s': part named twice", item);
				return -1;
			}
		if (s->n == FB_DATASET_MAX_PARTS) {
			fb_error_set(err, 0, 0, "at most %d parts besides train",
			             FB_DATASET_MAX_PARTS);
			return -1;
		}
		snprintf(num, sizeof num, "%s", eq + 1);
		if (fb_opt_double(num, -1e308, 1e308, &f, NULL) < 0) {
			fb_error_set(err, 0, 0, "'%s': '%s' is not a number", item, num);
			return -1;
		}
		if (f <= 0 || f >= 1) {
			fb_error_set(err, 0, 0, "'%s': fraction out of range (0 to 1, exclusive)",
			             item);
			return -1;
		}
		memcpy(s->name[s->n], item, (size_t)(eq - item));
		s->name[s->n][eq - item] = '\0';
		s->fraction[s->n++] = f;
		sum += f;
		if (!comma)
			break;
		p = comma + 1;
	}
	/* A little slack, so that 0.1 + 0.2 + 0.7 adds up. */
	if (sum > 1 + 1e-9) {
		fb_error_set(err, 0, 0, "the fractions add up to more than 1");
		return -1;
	}
	return 0;
}
