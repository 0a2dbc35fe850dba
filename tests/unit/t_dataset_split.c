/* The split by conversation: parsing --split, the shares of the parts, and
 * the property that matters, no leakage: over many conversations with many
 * turns, no conversation has items in two parts, whatever the seed. */
#include "check.h"

#include <stdint.h>
#include <stdlib.h>

#include "fb_alloc.h"
#include "fb_dataset.h"

static void test_parse(void)
{
	static const struct {
		const char *spec, *error; /* error NULL when valid */
	} cases[] = {
		{ "test=0.2", NULL },
		{ "valid=0.1,test=0.1", NULL },
		{ "a=0.5,b=0.5", NULL },
		{ "x_1-y=0.001", NULL },
		{ "test", "'test': expected NAME=FRACTION" },
		{ "=0.2", "'=0.2': a name is 1 to 31 lowercase letters, digits, '-' or '_'" },
		{ "Test=0.2",
		  "'Test=0.2': a name is 1 to 31 lowercase letters, digits, '-' or '_'" },
		{ "train=0.2", "'train=0.2': train is the rest, not a part to name" },
		{ "test=0.2,test=0.1", "'test=0.1': part named twice" },
		{ "test=x", "'test=x': 'x' is not a number" },
		{ "test=0.2x", "'test=0.2x': '0.2x' is not a number" },
		{ "test=nan", "'test=nan': 'nan' is not a number" },
		{ "test=0", "'test=0': fraction out of range (0 to 1, exclusive)" },
		{ "test=1", "'test=1': fraction out of range (0 to 1, exclusive)" },
		{ "a=0.6,b=0.5", "the fractions add up to more than 1" },
		{ "a=0.1,b=0.1,c=0.1,d=0.1,e=0.1", "at most 4 parts besides train" },
		{ "test=0.2,", "'': expected NAME=FRACTION" },
	};
	struct fb_dataset_split s;
	struct fb_error err;
	size_t i;
	int rc;

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		err.text[0] = '\0';
		rc = fb_dataset_split_parse(cases[i].spec, &s, &err);
		if (!cases[i].error) {
			CHECK(rc == 0);
		} else {
			CHECK(rc == -1);
			CHECK_STR(err.text, cases[i].error);
		}
	}
	CHECK(fb_dataset_split_parse("valid=0.1,test=0.25", &s, &err) == 0);
	CHECK(s.n == 2);
	CHECK_STR(s.name[0], "valid");
	CHECK_STR(s.name[1], "test");
	CHECK_NEAR(s.fraction[1], 0.25, 0);
}

/* Over 100000 ids each part gets its share (the standard error of a share
 * of 0.2 is 0.0013: 0.01 is more than 7 of them), the same id always the
 * same part, and another seed another assignment. */
static void test_shares(void)
{
	struct fb_dataset_split s;
	size_t n[3] = { 0, 0, 0 }, i, moved = 0, p;
	char id[32];
	int len;

	CHECK(fb_dataset_split_parse("valid=0.1,test=0.2", &s, NULL) == 0);
	for (i = 0; i < 100000; i++) {
		len = snprintf(id, sizeof id, "conv-%zu", i);
		p = fb_dataset_split_part(&s, 1, id, (size_t)len);
		CHECK(p < 3);
		n[p]++;
		CHECK(p == fb_dataset_split_part(&s, 1, id, (size_t)len));
		moved += p != fb_dataset_split_part(&s, 2, id, (size_t)len);
	}
	CHECK_NEAR((double)n[0] / 1e5, 0.7, 0.01);
	CHECK_NEAR((double)n[1] / 1e5, 0.1, 0.01);
	CHECK_NEAR((double)n[2] / 1e5, 0.2, 0.01);
	/* Two independent assignments differ for 1 - (0.49 + 0.01 + 0.04). */
	CHECK_NEAR((double)moved / 1e5, 0.46, 0.01);
	/* The hash is fixed: these values must never change between versions,
	 * or a saved test set would leak into a new training set. */
	CHECK(fb_dataset_hash(1, "", 0) == fb_dataset_hash(1, "", 0));
	CHECK(fb_dataset_hash(1, "a", 1) != fb_dataset_hash(2, "a", 1));
	CHECK(fb_dataset_hash(1, "ab", 2) != fb_dataset_hash(1, "ba", 2));
}

static json_t *rec(const char *conv, int turn, int attempt, const char *prompt, double score,
                   int intent)
{
	return json_pack("{s:s,s:i,s:i,s:s,s:s,s:f,s:s,s:f,s:{s:i,s:n}}", "conversation_id", conv,
	                 "turn", turn, "attempt", attempt, "prompt", prompt, "response",
	                 score > 0 ? "fine" : "wrong", "score", score, "label",
	                 score > 0 ? "positive" : "negative", "confidence", 0.8, "intent", "id",
	                 intent, "label");
}

/* splitmix64, for the test's own random conversations. */
static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* 600 conversations of 1 to 6 turns, some regenerated, in a shuffled order,
 * built in every format under several seeds and splits: every item of a
 * conversation is in one part (for a pair of two conversations, both are in
 * the part of the pair). */
static void test_no_leakage(void)
{
	static const char *const specs[] = { "test=0.2", "valid=0.15,test=0.35" };
	static const char *const topics[] = { "reset my password", "refund my order",
		                              "cancel my plan", "track my parcel" };
	enum { NCONV = 600, MAXREC = NCONV * 6 * 2 };
	json_t **recs = fb_xmalloc(MAXREC * sizeof *recs), *out[2], *t;
	struct fb_dataset_opts o;
	struct fb_dataset *d;
	char conv[32], prompt[96];
	size_t nrec = 0, i, j, k, n, f, sp, seed, parts[NCONV], bad = 0, items = 0;
	int turns, turn, a, na;
	uint64_t rng = 42;
	const char *id;

	for (i = 0; i < NCONV; i++) {
		snprintf(conv, sizeof conv, "conv%04zu", i);
		turns = (int)(next(&rng) % 6) + 1;
		for (turn = 1; turn <= turns; turn++) {
			/* Many prompts repeat across conversations, so that there are
			 * near-duplicate pairs to make. */
			snprintf(prompt, sizeof prompt, "please %s number %u",
			         topics[next(&rng) % 4], (unsigned)(next(&rng) % 40));
			na = next(&rng) % 4 == 0 ? 2 : 1;
			for (a = 1; a <= na; a++)
				recs[nrec++] =
				    rec(conv, turn, a, prompt, next(&rng) % 2 ? 0.7 : -0.7,
				        (int)(next(&rng) % 3));
		}
	}
	for (i = nrec - 1; i > 0; i--) {
		j = next(&rng) % (i + 1);
		t = recs[i];
		recs[i] = recs[j];
		recs[j] = t;
	}
	for (f = 0; f <= FB_DATASET_PROMPTFOO; f++)
		for (sp = 0; sp < 2; sp++)
			for (seed = 1; seed <= 3; seed++) {
				d = fb_dataset_new(NULL, NULL);
				for (i = 0; i < nrec; i++)
					CHECK(fb_dataset_add(d, recs[i], NULL) == 0);
				fb_dataset_opts_default(&o);
				o.format = (enum fb_dataset_format)f;
				o.seed = seed;
				o.dedup = seed != 3;
				CHECK(fb_dataset_split_parse(specs[sp], &o.split, NULL) == 0);
				CHECK(fb_dataset_build(d, &o, NULL) == 0);
				for (i = 0; i < NCONV; i++)
					parts[i] = SIZE_MAX;
				for (i = 0; i < fb_dataset_count(d); i++) {
					n = fb_dataset_render(d, i, out);
					/* The cases format names its conversation; for the
					 * others the part must be that of the hash of the
					 * conversation, which cases checks. */
					if (f == FB_DATASET_CASES) {
						id = json_string_value(
						    json_object_get(out[0], "id"));
						k = (size_t)atoi(id + 4);
						if (parts[k] == SIZE_MAX)
							parts[k] = fb_dataset_item_part(d, i);
						bad += parts[k] != fb_dataset_item_part(d, i);
						bad += fb_dataset_item_part(d, i) !=
						       fb_dataset_split_part(&o.split, seed, id, 8);
					}
					items++;
					for (k = 0; k < n; k++)
						json_decref(out[k]);
				}
				fb_dataset_free(d);
			}
	CHECK(bad == 0);
	CHECK(items > 1000);
	for (i = 0; i < nrec; i++)
		json_decref(recs[i]);
	free(recs);
}

/* Pairs of near-identical prompts come from two conversations of one part:
 * with every conversation held out as train or test, no pair joins them. */
static void test_pairs_within_part(void)
{
	struct fb_dataset_opts o;
	struct fb_dataset_stats st;
	struct fb_dataset *d;
	char conv[32];
	size_t i, c, pairs_one_part = 0;
	json_t *r;

	for (i = 0; i < 2; i++) {
		d = fb_dataset_new(NULL, NULL);
		/* 40 conversations asking the same, half rated up. */
		for (c = 0; c < 40; c++) {
			snprintf(conv, sizeof conv, "c%zu", c);
			r = rec(conv, 1, 1, "where is my parcel today", c % 2 ? 0.7 : -0.7, 0);
			fb_dataset_add(d, r, NULL);
			json_decref(r);
		}
		fb_dataset_opts_default(&o);
		o.format = FB_DATASET_PREFERENCE;
		o.dedup = 0;
		if (i == 1)
			CHECK(fb_dataset_split_parse("test=0.5", &o.split, NULL) == 0);
		CHECK(fb_dataset_build(d, &o, NULL) == 0);
		fb_dataset_stats(d, &st);
		if (i == 0) {
			CHECK(st.pairs_similar == 20);
			pairs_one_part = st.pairs_similar;
		} else {
			/* Fewer: the two sides of the split are paired apart. */
			CHECK(st.pairs_similar < pairs_one_part);
			CHECK(st.part[0] + st.part[1] == st.pairs_similar);
		}
		fb_dataset_free(d);
	}
}

int main(void)
{
	fb_alloc_init("t_dataset_split");
	RUN(test_parse);
	RUN(test_shares);
	RUN(test_no_leakage);
	RUN(test_pairs_within_part);
	return CHECK_DONE();
}
