/* Fuzz target: what fb-cluster takes from a record (text, embedding, user,
 * score, label) on a line of JSON, the first good embedding fixing the
 * dimension for the lines after it, and the intent of the record under a
 * small fixed model of two centroids. */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fb_cluster_assign.h"
#include "fb_cluster_input.h"
#include "fb_jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static float vec[FB_CLUSTER_MAX_DIM];
	static float centroid[2 * 2] = { 1, 0, 0, 1 };
	struct fb_cluster_result res = { 0 };
	struct fb_path *text = fb_path_compile("prompt", NULL), *emb = fb_path_compile(".e", NULL),
	               *user = fb_path_compile("user_id", NULL);
	struct fb_cluster_fields f = { text, emb, user };
	struct fb_cluster_assigner a;
	struct fb_cluster_item it;
	const char *p = (const char *)data, *end = p + size, *nl;
	size_t dim = 0;
	float sim;
	json_t *rec;

	res.k = 2;
	res.dim = 2;
	res.centroid = centroid;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		rec = fb_jsonl_parse(p, (size_t)(nl - p), NULL);
		if (rec && fb_cluster_item_get(&f, rec, &it, vec, &dim, NULL) == 0 && dim == 2) {
			fb_cluster_assigner_init(&a, NULL, &res, 0.5, 1);
			fb_cluster_assign(&a, &it, vec, &sim);
			fb_cluster_assigner_free(&a);
		}
		json_decref(rec);
		p = nl + 1;
	}
	fb_path_free(text);
	fb_path_free(emb);
	fb_path_free(user);
	return 0;
}
