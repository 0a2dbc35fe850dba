#include "fb_map.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"

/* Open addressing with linear probing. A deletion shifts the rest of its
 * cluster back instead of leaving a tombstone, so lookups never wade through
 * dead slots however many keys come and go. */

#define MIN_SLOTS 16

struct slot {
	uint64_t hash;
	char *key; /* NULL marks an empty slot */
	size_t len;
	void *value;
};

struct fb_map {
	struct slot *slots;
	size_t mask; /* slot count - 1; the count is a power of two */
	size_t size;
};

/* FNV-1a, then MurmurHash3's finaliser: FNV's low bits, which pick the slot,
 * mix poorly on their own for keys that differ only at the end. */
static uint64_t hash_bytes(const char *key, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* The slot holding key, or the empty slot that ends its probe sequence. */
static size_t find(const struct fb_map *m, uint64_t h, const char *key, size_t len)
{
	size_t i = (size_t)h & m->mask;
	const struct slot *s;

	for (;; i = (i + 1) & m->mask) {
		s = &m->slots[i];
		if (!s->key)
			return i;
		if (s->hash == h && s->len == len && (len == 0 || memcmp(s->key, key, len) == 0))
			return i;
	}
}

struct fb_map *fb_map_new(void)
{
	struct fb_map *m = fb_xmalloc(sizeof *m);

	m->slots = fb_xcalloc(MIN_SLOTS, sizeof *m->slots);
	m->mask = MIN_SLOTS - 1;
	m->size = 0;
	return m;
}

void fb_map_free(struct fb_map *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i <= m->mask; i++)
		free(m->slots[i].key);
	free(m->slots);
	free(m);
}

void *fb_map_get(const struct fb_map *m, const char *key, size_t len)
{
	return m->slots[find(m, hash_bytes(key, len), key, len)].value;
}

/* Doubles the table; the stored hashes spare rehashing the keys. */
static void grow(struct fb_map *m)
{
	struct slot *old = m->slots;
	size_t n = m->mask + 1;
	size_t i, j;

	m->slots = fb_xcalloc(n * 2, sizeof *m->slots);
	m->mask = n * 2 - 1;
	for (i = 0; i < n; i++) {
		if (!old[i].key)
			continue;
		for (j = (size_t)old[i].hash & m->mask; m->slots[j].key; j = (j + 1) & m->mask)
			;
		m->slots[j] = old[i];
	}
	free(old);
}

void *fb_map_put(struct fb_map *m, const char *key, size_t len, void *value)
{
	uint64_t h = hash_bytes(key, len);
	struct slot *s = &m->slots[find(m, h, key, len)];
	void *old;
	char *copy;

	if (s->key) {
		old = s->value;
		s->value = value;
		return old;
	}
	/* Keep the load at or below 70%, so probe sequences stay short. */
	if ((m->size + 1) * 10 > (m->mask + 1) * 7) {
		grow(m);
		s = &m->slots[find(m, h, key, len)];
	}
	/* The copy ends in a NUL, so keys that are text can be used as C
	 * strings by whoever iterates. */
	copy = fb_xmalloc(len + 1);
	if (len)
		memcpy(copy, key, len);
	copy[len] = '\0';
	s->hash = h;
	s->key = copy;
	s->len = len;
	s->value = value;
	m->size++;
	return NULL;
}

void *fb_map_del(struct fb_map *m, const char *key, size_t len)
{
	size_t i = find(m, hash_bytes(key, len), key, len);
	size_t j, home;
	void *value;

	if (!m->slots[i].key)
		return NULL;
	value = m->slots[i].value;
	free(m->slots[i].key);
	/* Backward shift: move each later entry of the cluster into the hole
	 * unless its home slot lies cyclically in (hole, entry], where a probe
	 * would no longer reach it. */
	for (j = (i + 1) & m->mask; m->slots[j].key; j = (j + 1) & m->mask) {
		home = (size_t)m->slots[j].hash & m->mask;
		if (((j - home) & m->mask) < ((j - i) & m->mask))
			continue;
		m->slots[i] = m->slots[j];
		i = j;
	}
	memset(&m->slots[i], 0, sizeof m->slots[i]);
	m->size--;
	return value;
}

size_t fb_map_size(const struct fb_map *m)
{
	return m->size;
}

int fb_map_next(const struct fb_map *m, size_t *pos, const char **key, size_t *len, void **value)
{
	size_t i;

	for (i = *pos; i <= m->mask; i++) {
		if (m->slots[i].key) {
			*key = m->slots[i].key;
			*len = m->slots[i].len;
			*value = m->slots[i].value;
			*pos = i + 1;
			return 1;
		}
	}
	*pos = i;
	return 0;
}
