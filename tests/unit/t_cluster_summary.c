/* Unit tests of lib/fb_cluster_summary: counts, exemplars, the order of
 * the summaries, and intents withheld for too few users. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_cluster_summary.h"

static char *dump(const json_t *v)
{
	return json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(15));
}

/* The text in parts is the dump of the object, for every intent, the
 * outliers, and similarities in and out of [-1, 1], met twice. */
static void check_text(const struct fb_cluster_labels *l)
{
	static const float sims[] = { 0.98766f, 1,     -1, 0,        -0.00004f, 0.0001f,
		                      0.5f,     1.01f, -3, 0.98766f, 1.01f,     0.33333f };
	struct fb_cluster_intent_text *t = fb_cluster_intent_text_new(l, 2);
	const char *head, *sim_text;
	char joined[512], *want;
	json_t *intent;
	int ok = 1;

	for (int32_t c = -1; c < 2; c++)
		for (size_t i = 0; i < sizeof sims / sizeof sims[0]; i++) {
			intent = fb_cluster_intent_json(l, c, sims[i]);
			want = dump(intent);
			fb_cluster_intent_text(t, c, sims[i], &head, &sim_text);
			snprintf(joined, sizeof joined, "%s%s}", head, sim_text);
			if (strcmp(joined, want) != 0) {
				fprintf(stderr, "got %s, want %s\n", joined, want);
				ok = 0;
			}
			free(want);
			json_decref(intent);
		}
	CHECK(ok);
	fb_cluster_intent_text(t, 1, 1, &head, &sim_text);
	CHECK_STR(sim_text, "1.0");
	fb_cluster_intent_text(t, 0, -0.00004f, &head, &sim_text);
	CHECK_STR(sim_text, "-0.0");
	fb_cluster_intent_text_free(t);
}

static void test_summary(void)
{
	static const char *const texts[] = { "reset password", "parcel track" };
	struct fb_tfidf_opts o;
	struct fb_tfidf_matrix m;
	struct fb_tfidf *t;
	size_t lens[2] = { 14, 12 };
	uint32_t top[2 * 2] = { UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX };
	struct fb_cluster_labels l;
	struct fb_cluster_summary *s;
	json_t *recs, *intent;
	char *out;

	fb_tfidf_opts_default(&o);
	o.min_df = 1;
	o.max_df = 1;
	o.ngrams = 1;
	t = fb_tfidf_new(&o);
	fb_tfidf_fit(t, (const char *const *)texts, lens, 2, &m);
	/* Terms: parcel, password, reset, track. */
	CHECK(fb_tfidf_nterms(t) == 4);
	top[0] = 1;
	top[1] = 2;
	top[2] = 0;
	l.tfidf = t;
	l.top = top;
	l.ntop = 2;
	l.nlabel = 2;
	intent = fb_cluster_intent_json(&l, 0, 0.98766f);
	out = dump(intent);
	CHECK_STR(out, "{\"id\":0,\"label\":\"password / reset\",\"terms\":[\"password\","
	               "\"reset\"],\"similarity\":0.9877}");
	free(out);
	json_decref(intent);
	intent = fb_cluster_intent_json(&l, -1, 0);
	out = dump(intent);
	CHECK_STR(out, "{\"id\":null,\"label\":null,\"terms\":[],\"similarity\":0.0}");
	free(out);
	json_decref(intent);
	check_text(&l);

	/* Intent 0 from two users, intent 1 from one (three records), one
	 * outlier; at least two users to be shown. */
	s = fb_cluster_summary_new(2, 2, 2);
	fb_cluster_summary_add(s, 0, "a", 1, 0.5f, -1, 1, 11);
	fb_cluster_summary_add(s, 0, "b", 1, 0.9f, 1, 0, 12);
	fb_cluster_summary_add(s, 0, "b", 1, 0.9f, NAN, -1, 12);
	fb_cluster_summary_add(s, 1, "c", 1, 0.7f, NAN, 0, 13);
	fb_cluster_summary_add(s, 1, "d", 1, 0.8f, NAN, 0, 13);
	fb_cluster_summary_add(s, 1, "e", 1, 0.6f, NAN, 0, 0);
	fb_cluster_summary_add(s, -1, "f", 1, 0, NAN, 1, 14);
	CHECK(fb_cluster_summary_total(s) == 7);
	recs = fb_cluster_summary_records(s, &l);
	CHECK(json_array_size(recs) == 3);
	/* Size × negative rate: intent 0, 3 × 1/2; intent 1, 0; outliers last. */
	out = dump(json_array_get(recs, 0));
	CHECK_STR(out, "{\"id\":0,\"label\":\"password / reset\",\"terms\":[\"password\","
	               "\"reset\"],\"exemplars\":[\"b\",\"a\"],\"size\":3,\"share\":0.4286,"
	               "\"score_mean\":0.0,\"negative_rate\":0.5,\"negative_ci\":[0.0945,0.9055],"
	               "\"withheld\":false}");
	free(out);
	out = dump(json_array_get(recs, 1));
	CHECK_STR(out, "{\"id\":1,\"label\":null,\"terms\":[],\"exemplars\":[],\"size\":3,"
	               "\"share\":0.4286,\"score_mean\":null,\"negative_rate\":0.0,"
	               "\"negative_ci\":[0.0,0.5615],\"withheld\":true}");
	free(out);
	out = dump(json_array_get(recs, 2));
	CHECK(strncmp(out, "{\"id\":null,\"label\":null,\"terms\":[],\"exemplars\":[]", 49) == 0);
	CHECK(strstr(out, "\"withheld\":false") != NULL);
	free(out);
	json_decref(recs);
	fb_cluster_summary_free(s);

	/* Without min_users: no "withheld", everything shown. */
	s = fb_cluster_summary_new(2, 1, 0);
	fb_cluster_summary_add(s, 1, "c", 1, 0.7f, NAN, -1, 13);
	fb_cluster_summary_add(s, 1, "d", 1, 0.8f, NAN, -1, 13);
	recs = fb_cluster_summary_records(s, &l);
	out = dump(json_array_get(recs, 0));
	CHECK_STR(out, "{\"id\":1,\"label\":\"parcel\",\"terms\":[\"parcel\"],\"exemplars\":"
	               "[\"d\"],\"size\":2,\"share\":1.0}");
	free(out);
	json_decref(recs);
	fb_cluster_summary_free(s);
	fb_tfidf_matrix_free(&m);
	fb_tfidf_free(t);
}

int main(void)
{
	fb_alloc_init("t_cluster_summary");
	RUN(test_summary);
	return CHECK_DONE();
}
