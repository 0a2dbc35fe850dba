/* The case model and the selection of fb-eval build: cases from attempts,
 * --min-confidence, messages, per-intent sampling and balance, dedup,
 * preference pairs, determinism, and the bad records. */
#include "check.h"

#include <stdint.h>
#include <stdlib.h>

#include "fb_alloc.h"
#include "fb_dataset.h"

/* An interaction record as fb-extract | fb-cluster write it; conv NULL for
 * a null conversation id, intent -1 for an outlier. */
static json_t *rec(const char *conv, int turn, int attempt, const char *prompt,
                   const char *response, double score, const char *label, double conf, int intent)
{
	char il[32];

	snprintf(il, sizeof il, "intent %d", intent);
	return json_pack("{s:o,s:i,s:i,s:s,s:s,s:f,s:s,s:f,s:{s:o,s:o}}", "conversation_id",
	                 conv ? json_string(conv) : json_null(), "turn", turn, "attempt", attempt,
	                 "prompt", prompt, "response", response, "score", score, "label", label,
	                 "confidence", conf, "intent", "id",
	                 intent >= 0 ? json_integer(intent) : json_null(), "label",
	                 intent >= 0 ? json_string(il) : json_null());
}

static int add(struct fb_dataset *d, json_t *r)
{
	struct fb_error err;
	int rc = fb_dataset_add(d, r, &err);

	json_decref(r);
	return rc;
}

/* Item i rendered (the first record), compact; free the result. */
static char *render(const struct fb_dataset *d, size_t i, size_t *n)
{
	json_t *out[2] = { NULL, NULL };
	char *s;

	*n = fb_dataset_render(d, i, out);
	s = json_dumps(out[0], JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_decref(out[0]);
	json_decref(out[1]);
	return s;
}

/* Every item of d, one line each. */
static char *render_all(const struct fb_dataset *d)
{
	size_t cap = 0, len = 0, i, j, n;
	json_t *out[2];
	char *all = NULL, *s;

	for (i = 0; i < fb_dataset_count(d); i++) {
		n = fb_dataset_render(d, i, out);
		for (j = 0; j < n; j++) {
			s = json_dumps(out[j], JSON_COMPACT | JSON_REAL_PRECISION(15));
			all = fb_xgrow(all, &cap, len + strlen(s) + 2, 1);
			memcpy(all + len, s, strlen(s));
			len += strlen(s);
			all[len++] = '\n';
			free(s);
			json_decref(out[j]);
		}
	}
	all = fb_xgrow(all, &cap, len + 1, 1);
	all[len] = '\0';
	return all;
}

static struct fb_dataset *build(struct fb_dataset *d, const struct fb_dataset_opts *o)
{
	struct fb_error err;

	CHECK(fb_dataset_build(d, o, &err) == 0);
	return d;
}

/* Three attempts at one turn: the best positive is the reference, the
 * worst negative the rejected; user_score and weight are the means over the
 * rated attempts. */
static void test_case_from_attempts(void)
{
	struct fb_dataset *d = fb_dataset_new(NULL, NULL);
	struct fb_dataset_opts o;
	struct fb_dataset_stats st;
	size_t n;
	char *s;

	fb_dataset_opts_default(&o);
	CHECK(add(d, rec("c1", 1, 3, "reset password", "best", 0.9, "positive", 0.8, 0)) == 0);
	CHECK(add(d, rec("c1", 1, 1, "reset password", "bad", -0.9, "negative", 0.9, 0)) == 0);
	CHECK(add(d, rec("c1", 1, 2, "reset password", "good", 0.7, "positive", 0.7, 0)) == 0);
	CHECK(add(d, rec("c1", 1, 4, "reset password", "meh", 0.0, "neutral", 0.0, 0)) == 0);
	build(d, &o);
	CHECK(fb_dataset_count(d) == 1);
	s = render(d, 0, &n);
	CHECK(n == 1);
	CHECK_STR(s, "{\"id\":\"c1:1\",\"intent\":{\"id\":0,\"label\":\"intent 0\"},\"messages\":"
	             "[{\"role\":\"user\",\"content\":\"reset password\"}],\"reference\":\"best\","
	             "\"rejected\":\"bad\",\"user_score\":0.2333,\"weight\":0.8}");
	free(s);
	fb_dataset_stats(d, &st);
	CHECK(st.records == 4 && st.conversations == 1 && st.turns == 1 && st.cases == 1);
	CHECK(st.positive == 0 && st.negative == 1 && st.selected == 1);
	fb_dataset_free(d);
}

/* Attempts rated with less than --min-confidence count as unrated; a turn
 * with no rated attempt is no case. */
static void test_min_confidence(void)
{
	struct fb_dataset *d = fb_dataset_new(NULL, NULL);
	struct fb_dataset_opts o;
	size_t n;
	char *s;

	fb_dataset_opts_default(&o);
	o.min_confidence = 0.75;
	add(d, rec("c1", 1, 1, "reset password", "bad", -0.9, "negative", 0.9, 0));
	add(d, rec("c1", 1, 2, "reset password", "good", 0.95, "positive", 0.7, 0));
	add(d, rec("c1", 1, 3, "reset password", "best", 0.9, "positive", 0.75, 0));
	add(d, rec("c2", 1, 1, "cancel my plan", "weak", 0.3, "positive", 0.2, 0));
	build(d, &o);
	CHECK(fb_dataset_count(d) == 1);
	s = render(d, 0, &n);
	CHECK_STR(s, "{\"id\":\"c1:1\",\"intent\":{\"id\":0,\"label\":\"intent 0\"},\"messages\":"
	             "[{\"role\":\"user\",\"content\":\"reset password\"}],\"reference\":\"best\","
	             "\"rejected\":\"bad\",\"user_score\":0.0,\"weight\":0.825}");
	free(s);
	fb_dataset_free(d);
}

/* The messages are the conversation up to the user turn, whatever order the
 * records come in: each earlier turn with its last attempt's answer. */
static void test_messages(void)
{
	struct fb_dataset *d = fb_dataset_new(NULL, NULL);
	struct fb_dataset_opts o;
	size_t n;
	char *s;

	fb_dataset_opts_default(&o);
	o.format = FB_DATASET_CHAT;
	add(d, rec("c1", 3, 1, "third", "a3", 0.8, "positive", 0.8, 1));
	add(d, rec("other", 1, 1, "elsewhere", "x", 0.0, "neutral", 0, 1));
	add(d, rec("c1", 1, 2, "first", "a1 again", 0.0, "neutral", 0.0, 1));
	add(d, rec("c1", 2, 1, "second", "a2", 0.0, "neutral", 0.0, 1));
	add(d, rec("c1", 1, 1, "first", "a1", -0.5, "negative", 0.5, 1));
	build(d, &o);
	CHECK(fb_dataset_count(d) == 1);
	s = render(d, 0, &n);
	CHECK_STR(s, "{\"messages\":[{\"role\":\"user\",\"content\":\"first\"},"
	             "{\"role\":\"assistant\",\"content\":\"a1 again\"},"
	             "{\"role\":\"user\",\"content\":\"second\"},"
	             "{\"role\":\"assistant\",\"content\":\"a2\"},"
	             "{\"role\":\"user\",\"content\":\"third\"},"
	             "{\"role\":\"assistant\",\"content\":\"a3\"}]}");
	free(s);
	fb_dataset_free(d);
}

static const char *const words[] = {
	"alpha",  "bravo",  "charlie", "delta", "echo",    "foxtrot",  "golf",    "hotel",
	"india",  "juliet", "kilo",    "lima",  "mike",    "november", "oscar",   "papa",
	"quebec", "romeo",  "sierra",  "tango", "uniform", "victor",   "whiskey", "xray",
};
#define NWORDS (sizeof words / sizeof *words)

/* A prompt of four words that shares no 3-word shingle with another. */
static void prompt_of(char *buf, size_t size, size_t i)
{
	snprintf(buf, size, "%s %s %s %s %zu", words[i % NWORDS], words[(i / NWORDS) % NWORDS],
	         words[(i * 7 + 3) % NWORDS], words[(i * 5 + 1) % NWORDS], i);
}

/* Adds npos positive and nneg negative one-turn conversations to intent. */
static void add_rated(struct fb_dataset *d, int intent, size_t npos, size_t nneg, size_t base)
{
	char conv[32], prompt[128];
	size_t i;

	for (i = 0; i < npos + nneg; i++) {
		snprintf(conv, sizeof conv, "i%d-%zu", intent, base + i);
		prompt_of(prompt, sizeof prompt, base + i);
		if (i < npos)
			add(d, rec(conv, 1, 1, prompt, "good", 0.8, "positive", 0.8, intent));
		else
			add(d, rec(conv, 1, 1, prompt, "bad", -0.8, "negative", 0.8, intent));
	}
}

/* How many selected items are negatively rated (have a rejected response),
 * and how many are in intent 0. */
static void count(const struct fb_dataset *d, size_t *neg, size_t *in0)
{
	json_t *out[2];
	size_t i, n, j;

	*neg = *in0 = 0;
	for (i = 0; i < fb_dataset_count(d); i++) {
		n = fb_dataset_render(d, i, out);
		*neg += !json_is_null(json_object_get(out[0], "rejected"));
		*in0 += json_integer_value(
		            json_object_get(json_object_get(out[0], "intent"), "id")) == 0;
		for (j = 0; j < n; j++)
			json_decref(out[j]);
	}
}

static size_t select_count(size_t per_intent, int balance, size_t *neg, size_t *in0)
{
	struct fb_dataset *d = fb_dataset_new(NULL, NULL);
	struct fb_dataset_opts o;
	size_t n;

	fb_dataset_opts_default(&o);
	o.per_intent = per_intent;
	o.balance = balance;
	add_rated(d, 0, 10, 3, 0);
	add_rated(d, 1, 2, 6, 100);
	build(d, &o);
	n = fb_dataset_count(d);
	count(d, neg, in0);
	fb_dataset_free(d);
	return n;
}

static void test_per_intent_balance(void)
{
	size_t neg, in0;

	/* Everything. */
	CHECK(select_count(0, 0, &neg, &in0) == 21 && neg == 9 && in0 == 13);
	/* At most 4 per intent. */
	CHECK(select_count(4, 0, &neg, &in0) == 8 && in0 == 4);
	/* Balanced: as many of each, at most 2 + 2 per intent. */
	CHECK(select_count(4, 1, &neg, &in0) == 8 && neg == 4 && in0 == 4);
	/* Balanced without a cap: the smaller side of each intent sets it. */
	CHECK(select_count(0, 1, &neg, &in0) == 10 && neg == 5 && in0 == 6);
	/* An odd cap leaves the odd one out. */
	CHECK(select_count(5, 1, &neg, &in0) == 8 && neg == 4);
}

static char *build_order(int reversed, uint64_t seed, size_t per_intent)
{
	struct fb_dataset *d = fb_dataset_new(NULL, NULL);
	struct fb_dataset_opts o;
	json_t *recs[40];
	char conv[32], prompt[128], *s;
	size_t i, k;

	for (i = 0; i < 40; i++) {
		snprintf(conv, sizeof conv, "c%zu", i / 2);
		prompt_of(prompt, sizeof prompt, i);
		recs[i] = rec(conv, (int)(i % 2) + 1, 1, prompt, i % 3 ? "good" : "bad",
		              i % 3 ? 0.5 : -0.5, i % 3 ? "positive" : "negative", 0.6,
		              (int)(i % 4 == 3 ? -1 : (int)(i % 2)));
	}
	for (k = 0; k < 40; k++)
		add(d, recs[reversed ? 39 - k : k]);
	fb_dataset_opts_default(&o);
	o.seed = seed;
	o.per_intent = per_intent;
	build(d, &o);
	s = render_all(d);
	fb_dataset_free(d);
	return s;
}

/* The same records and seed give the same output, in any input order; other
 * seeds sample other cases. */
static void test_determinism(void)
{
	char *a = build_order(0, 7, 3), *b = build_order(1, 7, 3), *c = build_order(0, 7, 3), *e;
	uint64_t seed;
	int differs = 0;

	CHECK_STR(a, b);
	CHECK_STR(a, c);
	CHECK(strlen(a) > 0);
	for (seed = 8; seed < 16; seed++) {
		e = build_order(0, seed, 3);
		differs |= strcmp(a, e) != 0;
		free(e);
	}
	CHECK(differs);
	free(a);
	free(b);
	free(c);
}

/* Near-identical prompts of one intent are one case; the same prompt in
 * another intent is not a duplicate. */
static void test_dedup(void)
{
	static const char *const same[] = {
		"How do I reset my password?",  "how do i reset my password",
		"HOW DO I RESET MY PASSWORD!!", "How do I reset my password",
		"how do I reset my password ?",
	};
	struct fb_dataset_opts o;
	struct fb_dataset_stats st;
	struct fb_dataset *d;
	char conv[16];
	size_t i, dedup;

	for (dedup = 0; dedup < 2; dedup++) {
		d = fb_dataset_new(NULL, NULL);
		for (i = 0; i < 5; i++) {
			snprintf(conv, sizeof conv, "u%zu", i);
			add(d, rec(conv, 1, 1, same[i], "no", -0.8, "negative", 0.8, 0));
		}
		add(d, rec("v1", 1, 1, same[0], "no", -0.8, "negative", 0.8, 1));
		add_rated(d, 0, 3, 0, 0);
		fb_dataset_opts_default(&o);
		o.dedup = (int)dedup;
		build(d, &o);
		fb_dataset_stats(d, &st);
		CHECK(fb_dataset_count(d) == (dedup ? 5 : 9));
		CHECK(st.duplicates == (dedup ? 4 : 0));
		fb_dataset_free(d);
	}
}

/* Pairs: a regenerated turn rated both ways, then near-identical prompts of
 * one intent with opposite ratings; never across intents or parts. */
static void test_preference(void)
{
	struct fb_dataset *d = fb_dataset_new(NULL, NULL);
	struct fb_dataset_opts o;
	struct fb_dataset_stats st;
	size_t n;
	char *s;

	add(d, rec("a", 1, 1, "reset my password now", "no", -0.9, "negative", 0.9, 0));
	add(d, rec("a", 1, 2, "reset my password now", "yes", 0.9, "positive", 0.9, 0));
	add(d, rec("b", 1, 1, "refund my broken headphones", "sure", 0.8, "positive", 0.8, 1));
	add(d, rec("c", 1, 1, "Refund my broken headphones!", "nope", -0.8, "negative", 0.8, 1));
	add(d, rec("e", 1, 1, "refund my broken headphones", "nah", -0.8, "negative", 0.8, 2));
	fb_dataset_opts_default(&o);
	o.format = FB_DATASET_PREFERENCE;
	build(d, &o);
	fb_dataset_stats(d, &st);
	CHECK(st.pairs_regenerated == 1 && st.pairs_similar == 1);
	CHECK(fb_dataset_count(d) == 2);
	s = render(d, 0, &n);
	CHECK_STR(s, "{\"prompt\":[{\"role\":\"user\",\"content\":\"reset my password now\"}],"
	             "\"chosen\":[{\"role\":\"assistant\",\"content\":\"yes\"}],"
	             "\"rejected\":[{\"role\":\"assistant\",\"content\":\"no\"}]}");
	free(s);
	s = render(d, 1, &n);
	CHECK_STR(s,
	          "{\"prompt\":[{\"role\":\"user\",\"content\":\"refund my broken headphones\"}],"
	          "\"chosen\":[{\"role\":\"assistant\",\"content\":\"sure\"}],"
	          "\"rejected\":[{\"role\":\"assistant\",\"content\":\"nope\"}]}");
	free(s);
	fb_dataset_free(d);
}

/* Every selected item lands in its conversation's part. */
static void test_split_items(void)
{
	struct fb_dataset *d = fb_dataset_new(NULL, NULL);
	struct fb_dataset_opts o;
	struct fb_dataset_stats st;
	struct fb_error err;
	json_t *out[2];
	const char *id;
	size_t i, n, j, part;

	add_rated(d, 0, 30, 30, 0);
	fb_dataset_opts_default(&o);
	CHECK(fb_dataset_split_parse("test=0.5", &o.split, &err) == 0);
	build(d, &o);
	fb_dataset_stats(d, &st);
	CHECK(st.part[0] + st.part[1] == 60 && st.part[1] > 10 && st.part[0] > 10);
	for (i = 0; i < fb_dataset_count(d); i++) {
		n = fb_dataset_render(d, i, out);
		id = json_string_value(json_object_get(out[0], "id"));
		part = fb_dataset_split_part(&o.split, o.seed, id, strcspn(id, ":"));
		CHECK(part == fb_dataset_item_part(d, i));
		for (j = 0; j < n; j++)
			json_decref(out[j]);
	}
	fb_dataset_free(d);
}

static void test_bad_records(void)
{
	static const struct {
		const char *json, *message;
	} cases[] = {
		{ "{}", "conversation_id: missing" },
		{ "{\"conversation_id\":1}",
		  "conversation_id: expected a string or null, got a number" },
		{ "{\"conversation_id\":\"a\"}", "turn: missing" },
		{ "{\"conversation_id\":\"a\",\"turn\":1.0}",
		  "turn: expected a positive integer, got a number" },
		{ "{\"conversation_id\":\"a\",\"turn\":-1}",
		  "turn: expected a positive integer, got -1" },
		{ "{\"conversation_id\":\"a\",\"turn\":1,\"attempt\":0}",
		  "attempt: expected a positive integer, got 0" },
		{ "{\"conversation_id\":\"a\",\"turn\":1,\"attempt\":1,\"prompt\":null}",
		  "prompt: expected a string, got null" },
		{ "{\"conversation_id\":\"a\",\"turn\":1,\"attempt\":1,\"prompt\":\"p\"}",
		  "response: missing" },
		{ "{\"conversation_id\":\"a\",\"turn\":1,\"attempt\":1,\"prompt\":\"p\","
		  "\"response\":"
		  "\"r\",\"score\":true}",
		  "score: expected a number, got a boolean" },
		{ "{\"conversation_id\":\"a\",\"turn\":1,\"attempt\":1,\"prompt\":\"p\","
		  "\"response\":"
		  "\"r\",\"score\":-1.5}",
		  "score: -1.5 is out of range (-1 to 1)" },
		{ "{\"conversation_id\":\"a\",\"turn\":1,\"attempt\":1,\"prompt\":\"p\","
		  "\"response\":"
		  "\"r\",\"score\":0,\"label\":\"good\"}",
		  "label: unknown label 'good' (positive, negative, neutral)" },
		{ "{\"conversation_id\":\"a\",\"turn\":1,\"attempt\":1,\"prompt\":\"p\","
		  "\"response\":"
		  "\"r\",\"score\":0,\"label\":\"neutral\",\"confidence\":2}",
		  "confidence: 2 is out of range (0 to 1)" },
		{ "{\"conversation_id\":\"a\",\"turn\":1,\"attempt\":1,\"prompt\":\"p\","
		  "\"response\":"
		  "\"r\",\"score\":0,\"label\":\"neutral\",\"confidence\":0}",
		  "intent: missing (run fb-cluster first)" },
		{ "{\"conversation_id\":\"a\",\"turn\":1,\"attempt\":1,\"prompt\":\"p\","
		  "\"response\":"
		  "\"r\",\"score\":0,\"label\":\"neutral\",\"confidence\":0,\"intent\":\"x\"}",
		  "intent: expected an object, got a string" },
		{ "{\"conversation_id\":\"a\",\"turn\":1,\"attempt\":1,\"prompt\":\"p\","
		  "\"response\":"
		  "\"r\",\"score\":0,\"label\":\"neutral\",\"confidence\":0,\"intent\":{\"id\":"
		  "1000001}}",
		  "intent.id: 1000001 is out of range (0 to 1000000)" },
		{ "{\"conversation_id\":\"d\",\"turn\":1,\"attempt\":1,\"prompt\":\"p\","
		  "\"response\":"
		  "\"r\",\"score\":0,\"label\":\"neutral\",\"confidence\":0,\"intent\":{\"id\":0}}",
		  "conversation 'd' has turn 1 attempt 1 twice" },
	};
	struct fb_dataset *d = fb_dataset_new(NULL, NULL);
	struct fb_dataset_stats st;
	struct fb_error err;
	json_t *r;
	size_t i;

	add(d, rec("d", 1, 1, "p", "r", 0, "neutral", 0, 0));
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		r = json_loads(cases[i].json, 0, NULL);
		CHECK(r != NULL);
		err.text[0] = '\0';
		CHECK(fb_dataset_add(d, r, &err) == -1);
		CHECK_STR(err.text, cases[i].message);
		json_decref(r);
	}
	/* Null conversations are never the same conversation. */
	CHECK(add(d, rec(NULL, 1, 1, "p", "r", 0.5, "positive", 0.5, -1)) == 0);
	CHECK(add(d, rec(NULL, 1, 1, "p", "r", 0.5, "positive", 0.5, -1)) == 0);
	fb_dataset_stats(d, &st);
	CHECK(st.records == 3 && st.conversations == 3);
	fb_dataset_free(d);
}

int main(void)
{
	fb_alloc_init("t_dataset");
	RUN(test_case_from_attempts);
	RUN(test_min_confidence);
	RUN(test_messages);
	RUN(test_per_intent_balance);
	RUN(test_determinism);
	RUN(test_dedup);
	RUN(test_preference);
	RUN(test_split_items);
	RUN(test_bad_records);
	return CHECK_DONE();
}
