#include "check.h"

#include <stdint.h>
#include <stdlib.h>

#include "fb_map.h"

/* Values are small integers dressed as pointers; 0 would read as absent. */
#define VAL(i) ((void *)(uintptr_t)(i))
#define INT(p) ((size_t)(uintptr_t)(p))

static size_t key_of(char *buf, size_t size, size_t i)
{
	return (size_t)snprintf(buf, size, "key-%zu", i);
}

static void test_empty(void)
{
	struct fb_map *m = fb_map_new();
	size_t pos = 0, len = 99;
	const char *key = NULL;
	void *value = NULL;

	CHECK(fb_map_size(m) == 0);
	CHECK(fb_map_get(m, "a", 1) == NULL);
	CHECK(fb_map_get(m, NULL, 0) == NULL);
	CHECK(fb_map_del(m, "a", 1) == NULL);
	CHECK(fb_map_next(m, &pos, &key, &len, &value) == 0);
	CHECK(fb_map_next(m, &pos, &key, &len, &value) == 0);
	CHECK(key == NULL && len == 99);
	fb_map_free(m);
	fb_map_free(NULL);
}

static void test_put_get_replace(void)
{
	struct fb_map *m = fb_map_new();
	char key[] = "alpha";

	CHECK(fb_map_put(m, key, 5, VAL(1)) == NULL);
	/* The map keeps its own copy of the key. */
	key[0] = 'A';
	CHECK(fb_map_get(m, "alpha", 5) == VAL(1));
	CHECK(fb_map_get(m, key, 5) == NULL);
	CHECK(fb_map_get(m, "alph", 4) == NULL);
	CHECK(fb_map_get(m, "alphab", 6) == NULL);
	CHECK(fb_map_put(m, "alpha", 5, VAL(2)) == VAL(1));
	CHECK(fb_map_size(m) == 1);
	CHECK(fb_map_get(m, "alpha", 5) == VAL(2));
	CHECK(fb_map_del(m, "alpha", 5) == VAL(2));
	CHECK(fb_map_del(m, "alpha", 5) == NULL);
	CHECK(fb_map_size(m) == 0);
	CHECK(fb_map_get(m, "alpha", 5) == NULL);
	fb_map_free(m);
}

/* Keys are byte strings: a NUL byte is part of the key, and the empty key is
 * a key like any other. */
static void test_binary_keys(void)
{
	static const struct {
		const char *key;
		size_t len;
	} keys[] = {
		{ "", 0 },     { "\0", 1 },   { "\0\0", 2 }, { "a", 1 },        { "a\0", 2 },
		{ "a\0b", 3 }, { "a\0c", 3 }, { "\0a", 2 },  { "\xff\xfe", 2 },
	};
	size_t n = sizeof keys / sizeof keys[0];
	struct fb_map *m = fb_map_new();
	size_t i, pos, len, seen;
	const char *key;
	void *value;

	for (i = 0; i < n; i++)
		CHECK(fb_map_put(m, keys[i].key, keys[i].len, VAL(i + 1)) == NULL);
	CHECK(fb_map_size(m) == n);
	for (i = 0; i < n; i++)
		CHECK(fb_map_get(m, keys[i].key, keys[i].len) == VAL(i + 1));
	CHECK(fb_map_get(m, NULL, 0) == VAL(1));

	/* Iteration hands back each key once, with its length and a NUL
	 * after it. */
	pos = 0;
	seen = 0;
	while (fb_map_next(m, &pos, &key, &len, &value)) {
		i = INT(value) - 1;
		CHECK(i < n);
		if (i >= n)
			continue;
		CHECK(!(seen & (1u << i)));
		seen |= 1u << i;
		CHECK(len == keys[i].len);
		CHECK(memcmp(key, keys[i].key, len) == 0);
		CHECK(key[len] == '\0');
	}
	CHECK(seen == (1u << n) - 1);

	CHECK(fb_map_del(m, "a\0b", 3) == VAL(6));
	CHECK(fb_map_get(m, "a\0c", 3) == VAL(7));
	CHECK(fb_map_get(m, "a\0", 2) == VAL(5));
	CHECK(fb_map_get(m, "a\0b", 3) == NULL);
	CHECK(fb_map_del(m, "", 0) == VAL(1));
	CHECK(fb_map_get(m, "\0", 1) == VAL(2));
	CHECK(fb_map_size(m) == n - 2);
	fb_map_free(m);
}

/* 100k keys through several doublings, every second one deleted, then all
 * put back with new values. */
static void test_many(void)
{
	enum { N = 100000 };
	struct fb_map *m = fb_map_new();
	size_t i, len, pos, count, sum;
	const char *key;
	void *value;
	char buf[32];

	for (i = 0; i < N; i++) {
		len = key_of(buf, sizeof buf, i);
		CHECK(fb_map_put(m, buf, len, VAL(i + 1)) == NULL);
	}
	CHECK(fb_map_size(m) == N);
	for (i = 0; i < N; i++) {
		len = key_of(buf, sizeof buf, i);
		if (fb_map_get(m, buf, len) != VAL(i + 1)) {
			CHECK(fb_map_get(m, buf, len) == VAL(i + 1));
			break;
		}
	}
	CHECK(fb_map_get(m, "key-100000", 10) == NULL);
	CHECK(fb_map_get(m, "key-", 4) == NULL);

	for (i = 0; i < N; i += 2) {
		len = key_of(buf, sizeof buf, i);
		CHECK(fb_map_del(m, buf, len) == VAL(i + 1));
	}
	CHECK(fb_map_size(m) == N / 2);
	for (i = 0; i < N; i++) {
		len = key_of(buf, sizeof buf, i);
		if (fb_map_get(m, buf, len) != (i % 2 ? VAL(i + 1) : NULL)) {
			CHECK(fb_map_get(m, buf, len) == (i % 2 ? VAL(i + 1) : NULL));
			break;
		}
	}

	for (i = 0; i < N; i++) {
		len = key_of(buf, sizeof buf, i);
		CHECK(fb_map_put(m, buf, len, VAL(i + 1 + N)) == (i % 2 ? VAL(i + 1) : NULL));
	}
	CHECK(fb_map_size(m) == N);

	pos = 0;
	count = 0;
	sum = 0;
	while (fb_map_next(m, &pos, &key, &len, &value)) {
		count++;
		sum += INT(value);
		CHECK(fb_map_get(m, key, len) == value);
	}
	CHECK(count == N);
	CHECK(sum == (size_t)N * (N + 1) / 2 + (size_t)N * N);
	fb_map_free(m);
}

/* Random puts and deletes over a small key space, against a plain array:
 * clusters form, wrap around the table's end and are cut by deletions in
 * every order, which is where a backward shift goes wrong if it does. */
static void test_random_against_model(void)
{
	enum { KEYS = 600, OPS = 200000 };
	static size_t model[KEYS];
	struct fb_map *m = fb_map_new();
	uint64_t rng = 0x9e3779b97f4a7c15ULL;
	size_t i, k, len, live = 0;
	int bad = 0;
	char buf[32];

	memset(model, 0, sizeof model);
	for (i = 0; i < OPS && !bad; i++) {
		rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
		k = (size_t)(rng >> 33) % KEYS;
		len = key_of(buf, sizeof buf, k);
		/* Favour deletions now and then, so the table also shrinks to
		 * a few keys and refills. */
		if ((rng >> 20) % 100 < ((i / 20000) % 2 ? 70u : 35u)) {
			bad |= fb_map_del(m, buf, len) != (model[k] ? VAL(model[k]) : NULL);
			live -= model[k] != 0;
			model[k] = 0;
		} else {
			bad |= fb_map_put(m, buf, len, VAL(i + 1)) !=
			       (model[k] ? VAL(model[k]) : NULL);
			live += model[k] == 0;
			model[k] = i + 1;
		}
		bad |= fb_map_size(m) != live;
		if (i % 1000 == 0) {
			for (k = 0; k < KEYS; k++) {
				len = key_of(buf, sizeof buf, k);
				bad |= fb_map_get(m, buf, len) != (model[k] ? VAL(model[k]) : NULL);
			}
		}
	}
	CHECK(!bad);
	CHECK(i == OPS);
	fb_map_free(m);
}

int main(void)
{
	RUN(test_empty);
	RUN(test_put_get_replace);
	RUN(test_binary_keys);
	RUN(test_many);
	RUN(test_random_against_model);
	return CHECK_DONE();
}
