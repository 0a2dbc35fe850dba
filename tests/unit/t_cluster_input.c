/* Unit tests of lib/fb_cluster_input: the fields of a record, embeddings
 * scaled to length 1 and their bad forms, and the record store. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_cluster_input.h"

static struct fb_path *text_p, *emb_p, *user_p;

/* The message of fields of line, or "ok". */
static const char *get(const char *line, int embedding, float *vec, size_t *dim,
                       struct fb_cluster_item *it)
{
	static char msg[256];
	struct fb_cluster_fields f = { text_p, embedding ? emb_p : NULL, user_p };
	struct fb_error err;
	json_t *rec = json_loads(line, 0, NULL);
	int rc = fb_cluster_item_get(&f, rec, it, vec, dim, &err);

	snprintf(msg, sizeof msg, "%s", rc == 0 ? "ok" : err.text);
	json_decref(rec);
	return msg;
}

static void test_text(void)
{
	struct fb_cluster_item it, it2;
	size_t dim = 0;

	CHECK_STR(get("{\"prompt\":\"hi there\",\"score\":0.5,\"label\":\"negative\","
	              "\"user_id\":\"u1\",\"intent\":1}",
	              0, NULL, &dim, &it),
	          "ok");
	CHECK(it.len == 8 && it.score == 0.5 && it.negative == 1 && it.has_intent);
	CHECK(it.user != 0);
	CHECK_STR(get("{\"prompt\":\"x\",\"user_id\":\"u1\",\"label\":\"positive\"}", 0, NULL, &dim,
	              &it2),
	          "ok");
	CHECK(it2.user == it.user && it2.negative == 0 && isnan(it2.score) && !it2.has_intent);
	CHECK_STR(get("{\"prompt\":\"x\",\"user_id\":7}", 0, NULL, &dim, &it2), "ok");
	CHECK(it2.user != 0 && it2.user != it.user && it2.negative == -1);
	CHECK_STR(get("{\"prompt\":\"x\"}", 0, NULL, &dim, &it2), "ok");
	CHECK(it2.user == 0);
	CHECK_STR(get("{\"q\":1}", 0, NULL, &dim, &it), "prompt: missing");
	CHECK_STR(get("{\"prompt\":[1]}", 0, NULL, &dim, &it),
	          "prompt: expected a string, got an array");
	CHECK_STR(get("{\"prompt\":\" \\t\"}", 0, NULL, &dim, &it), "prompt: empty text");
}

static void test_embedding(void)
{
	struct fb_cluster_item it;
	float vec[8];
	size_t dim = 0;

	CHECK_STR(get("{\"e\":[3,4]}", 1, vec, &dim, &it), "ok");
	CHECK(dim == 2 && it.text == NULL);
	CHECK_NEAR(vec[0], 0.6, 1e-7);
	CHECK_NEAR(vec[1], 0.8, 1e-7);
	/* Huge values do not overflow. */
	CHECK_STR(get("{\"prompt\":\"\",\"e\":[3e300,-4e300]}", 1, vec, &dim, &it), "ok");
	CHECK(it.text == NULL);
	CHECK_NEAR(vec[1], -0.8, 1e-7);
	CHECK_STR(get("{\"e\":[1,2,3]}", 1, vec, &dim, &it), "e: has 3 values, expected 2");
	CHECK_STR(get("{\"prompt\":\"a\"}", 1, vec, &dim, &it), "e: missing");
	CHECK_STR(get("{\"e\":{}}", 1, vec, &dim, &it),
	          "e: expected an array of numbers, got an object");
	CHECK_STR(get("{\"e\":[]}", 1, vec, &dim, &it),
	          "e: expected an array of numbers, got an empty array");
	CHECK_STR(get("{\"e\":[1,null]}", 1, vec, &dim, &it),
	          "e: value 1: expected a number, got null");
	CHECK_STR(get("{\"e\":[0,-0.0]}", 1, vec, &dim, &it), "e: zero vector");
	CHECK_STR(get("{\"prompt\":3,\"e\":[1,1]}", 1, vec, &dim, &it),
	          "prompt: expected a string, got a number");
}

static void test_records(void)
{
	struct fb_cluster_records r = { 0 };
	struct fb_cluster_item it = { "abc", 3, 0.25, 1, 9, 0 }, none = { NULL, 0, NAN, -1, 0, 1 };
	float v[2] = { 1, 0 }, w[2] = { 0, 1 };
	const char *p;
	size_t len;

	r.dim = 2;
	fb_cluster_records_add(&r, "{\"a\":1}\n", 8, &it, v);
	fb_cluster_records_add(&r, "{\"b\":2}", 7, &none, w);
	CHECK(r.n == 2 && r.any_score && r.any_label);
	p = fb_cluster_records_raw(&r, 1, &len);
	CHECK(len == 7 && memcmp(p, "{\"b\":2}", 7) == 0);
	p = fb_cluster_records_text(&r, 0, &len);
	CHECK(len == 3 && memcmp(p, "abc", 3) == 0);
	fb_cluster_records_text(&r, 1, &len);
	CHECK(len == 0);
	CHECK(r.vec[0] == 1 && r.vec[3] == 1 && r.user[0] == 9 && r.has_intent[1] == 1);
	CHECK(r.negative[1] == -1 && isnan(r.score[1]));
	fb_cluster_records_free(&r);
}

int main(void)
{
	fb_alloc_init("t_cluster_input");
	text_p = fb_path_compile("prompt", NULL);
	emb_p = fb_path_compile("e", NULL);
	user_p = fb_path_compile("user_id", NULL);
	RUN(test_text);
	RUN(test_embedding);
	RUN(test_records);
	fb_path_free(text_p);
	fb_path_free(emb_p);
	fb_path_free(user_p);
	return CHECK_DONE();
}
