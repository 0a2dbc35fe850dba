/* A hash map from byte strings to pointers, for grouping records by an id
 * (conversations, users, variants). Keys are copied; values are borrowed. */
#ifndef FB_MAP_H
#define FB_MAP_H

#include <stddef.h>

struct fb_map; /* opaque */

/* Returns a new, empty map. */
struct fb_map *fb_map_new(void);

/* Frees the map and its key copies, not the values. NULL is allowed. */
void fb_map_free(struct fb_map *m);

/* The value stored under key (len bytes, may hold any byte, NULL allowed when
 * len is 0), or NULL. A NULL value cannot be told from an absent key. */
void *fb_map_get(const struct fb_map *m, const char *key, size_t len);

/* Stores value under key, replacing any previous value (returned, or NULL). */
void *fb_map_put(struct fb_map *m, const char *key, size_t len, void *value);

/* Removes key; returns its value or NULL when absent. */
void *fb_map_del(struct fb_map *m, const char *key, size_t len);

/* Number of keys. */
size_t fb_map_size(const struct fb_map *m);

/* Iterates: start with *pos = 0; each call returns 1 and sets *key, *len,
 * *value for the next entry, or 0 at the end. *key is the map's copy
 * (borrowed), followed by a NUL byte. The order is the slot order, not
 * insertion order; do not modify the map while iterating. */
int fb_map_next(const struct fb_map *m, size_t *pos, const char **key, size_t *len, void **value);

#endif
