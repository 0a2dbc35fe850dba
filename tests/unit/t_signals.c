/* Unit tests of lib/fb_signals: which signals fire, and the score. */
#include "check.h"
#include "fb_alloc.h"
#include "fb_conv.h"
#include "fb_signals.h"

struct fixture {
	struct fb_rules *rules;
	struct fb_signals_config cfg;
	struct fb_signals_result res;
	struct fb_conv *conv;
};

static void setup(struct fixture *fx, int default_rules)
{
	memset(fx, 0, sizeof *fx);
	fx->rules = fb_rules_new();
	if (default_rules)
		CHECK(fb_rules_add_defaults(fx->rules, NULL) == 0);
	fb_signals_config_default(&fx->cfg);
}

/* Analyses the conversation in the whole record json (OpenAI format). */
static void analyse(struct fixture *fx, const char *json)
{
	static const struct fb_conv_opts opts = { FB_FORMAT_AUTO, NULL, NULL, 0 };
	struct fb_conv_asm *a = fb_conv_asm_new(&opts, 0, fx->cfg.idle_gap);
	struct fb_conv_origin origin = { "t", 1, NULL, 0 };
	struct fb_error err;
	json_t *rec = json_loads(json, 0, NULL);

	CHECK(rec != NULL);
	CHECK(fb_conv_asm_add(a, rec, &origin, &err) == 0);
	json_decref(rec);
	fb_conv_asm_finish(a);
	fb_conv_free(fx->conv);
	fx->conv = fb_conv_asm_pop(a);
	fb_signals_analyse(&fx->cfg, fx->rules, fx->conv, 1, &fx->res);
	fb_conv_asm_free(a);
}

/* The fired signals of interaction i as a comma-separated list. */
static const char *fired(struct fixture *fx, size_t i)
{
	static char buf[256];
	size_t s;

	buf[0] = '\0';
	if (i >= fx->res.n)
		return "(no such interaction)";
	for (s = 0; s < FB_SIG_COUNT; s++) {
		if (!fx->res.items[i].fired[s])
			continue;
		if (buf[0])
			strcat(buf, ",");
		strcat(buf, fb_signals_name(s));
	}
	return buf;
}

#define U(text) "{\"role\":\"user\",\"content\":\"" text "\"}"
#define A(text) "{\"role\":\"assistant\",\"content\":\"" text "\"}"
#define CONV(msgs) "{\"id\":\"c\",\"messages\":[" msgs "]}"

static void test_phrases(void)
{
	static const struct {
		const char *json, *want;
	} cases[] = {
		{ CONV(
		      U("Where is my order?") "," A("It ships today.") "," U("thanks, that works")),
		  "gratitude,acceptance" },
		{ CONV(U("Where is my order?") "," A("It ships today.") "," U("that's wrong")),
		  "correction" },
		{ CONV(U("Where is my order?") "," A("Sorry, I can't help with that.") "," U(
		      "where is my order??")),
		  "rephrase,refusal" },
		{ CONV(U("Reset my password") "," A("Click reset.") "," U(
		      "I want to talk to a human")),
		  "escalation" },
		{ CONV(U("Reset my password") "," A("Click reset.") "," U(
		      "THIS DOES NOT WORK AT ALL")),
		  "correction,frustration" },
		{ CONV(U("Tell me about Lisbon") "," A("Lisbon is the capital of Portugal.") "," U(
		      "What about the museums?")),
		  "followup" },
		/* A question alone is no follow-up. */
		{ CONV(U("Tell me about Lisbon") "," A("Lisbon is the capital of Portugal.") "," U(
		      "Which museums in Lisbon are best for its history?")),
		  "" },
		{ CONV(U("¿Cómo cancelo?") "," A("En Ajustes.") "," U("muchas gracias")),
		  "gratitude" },
		{ CONV(U("Wie geht das?") "," A("So.") "," U("Das ist falsch.")), "correction" },
		/* The last answer, with nothing after it, was abandoned. */
		{ CONV(U("Reset my password") "," A("Click reset.")), "abandon" },
		/* A greeting before the first user message is no interaction. */
		{ CONV(
		      A("Hi!") "," U("Reset my password") "," A("Click reset.") "," U("ok thanks")),
		  "gratitude" },
	};
	struct fixture fx;
	size_t i;

	setup(&fx, 1);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		analyse(&fx, cases[i].json);
		CHECK(fx.res.n >= 1);
		CHECK_STR(fired(&fx, 0), cases[i].want);
	}
	fb_signals_result_free(&fx.res);
	fb_conv_free(fx.conv);
	fb_rules_free(fx.rules);
}

static void test_events_and_score(void)
{
	struct fixture fx;
	const struct fb_interaction *it;

	setup(&fx, 1);
	/* Regenerated: two answers to one prompt; the first is marked. */
	analyse(&fx,
	        "{\"id\":\"c\",\"messages\":[" U("Translate hi") "," A("Hola mundo") "," A(
	            "Hola") "," U("great, thanks") "],"
	                                           "\"events\":[{\"type\":\"regenerate\",\"message_"
	                                           "index\":1},"
	                                           "{\"type\":\"copy\",\"message_index\":2}]}");
	CHECK(fx.res.n == 2);
	CHECK_STR(fired(&fx, 0), "regenerate");
	CHECK(fx.res.items[0].attempt == 1 && fx.res.items[1].attempt == 2);
	CHECK(fx.res.items[0].next == -1 && fx.res.items[1].next == 3);
	CHECK_STR(fired(&fx, 1), "gratitude,acceptance,copy");
	/* score = tanh(0.7 + 0.6 + 0.5); confidence = 0.7 (1 - exp(-1.8)) */
	it = &fx.res.items[1];
	CHECK_NEAR(it->score, tanh(1.8), 1e-15);
	CHECK_NEAR(it->confidence, 0.7 * (1 - exp(-1.8)), 1e-15);
	CHECK(it->label == FB_LABEL_POSITIVE);
	/* Explicit feedback outweighs: a thumbs down over thanks. */
	analyse(&fx, "{\"id\":\"c\",\"messages\":[" U(
	                 "Translate hi") ","
	                                 "{\"role\":\"assistant\",\"content\":\"Hola\","
	                                 "\"feedback\":{\"thumbs\":\"down\"}}," U("thanks") "]}");
	it = &fx.res.items[0];
	CHECK_NEAR(it->expl.value, -1, 0);
	CHECK_NEAR(it->score, 0.8 * -1 + 0.2 * tanh(0.7), 1e-15);
	CHECK_NEAR(it->confidence, 0.8 + 0.2 * (1 - exp(-0.7)), 1e-15);
	CHECK(it->label == FB_LABEL_NEGATIVE);
	/* Ratings map 1..5 to -1..1; a comment alone reads as half a vote. */
	analyse(
	    &fx,
	    "{\"id\":\"c\",\"messages\":[" U(
	        "q") ","
	             "{\"role\":\"assistant\",\"content\":\"a\",\"feedback\":{\"rating\":4}}," U(
	                 "q2") ","
	                       "{\"role\":\"assistant\",\"content\":\"b\",\"feedback\":{"
	                       "\"comment\":\"that is wrong\"}}"
	                       "]}");
	CHECK_NEAR(fx.res.items[0].expl.value, 0.5, 0);
	CHECK_NEAR(fx.res.items[1].expl.value, -0.5, 0);
	fb_signals_result_free(&fx.res);
	fb_conv_free(fx.conv);
	fb_rules_free(fx.rules);
}

/* The bot says again what it said: the second answer is a repetition. */
static void test_repetition(void)
{
	static const char json[] =
	    "{\"id\":\"c\",\"messages\":["
	    "{\"role\":\"user\",\"content\":\"Where is my parcel?\"},"
	    "{\"role\":\"assistant\",\"content\":\"Your parcel is on its way to you.\"},"
	    "{\"role\":\"user\",\"content\":\"When will it arrive?\"},"
	    "{\"role\":\"assistant\",\"content\":\"Your parcel is on its way to you now!\"},"
	    "{\"role\":\"user\",\"content\":\"Hm.\"},"
	    "{\"role\":\"assistant\",\"content\":\"It should arrive on Monday morning.\"}]}";
	struct fixture fx;

	setup(&fx, 0);
	analyse(&fx, json);
	CHECK(fx.res.n == 3);
	CHECK_STR(fired(&fx, 0), "");
	CHECK_STR(fired(&fx, 1), "repetition");
	CHECK_STR(fired(&fx, 2), "abandon");
	/* {your, parcel, its, way, you} against the same and "now": 10/11. */
	fx.cfg.repetition_threshold = 0.91;
	fb_signals_analyse(&fx.cfg, fx.rules, fx.conv, 1, &fx.res);
	CHECK_STR(fired(&fx, 1), "");
	fx.cfg.repetition_threshold = 0.909;
	fb_signals_analyse(&fx.cfg, fx.rules, fx.conv, 1, &fx.res);
	CHECK_STR(fired(&fx, 1), "repetition");
	fb_signals_result_free(&fx.res);
	fb_conv_free(fx.conv);
	fb_rules_free(fx.rules);
}

static void test_timing(void)
{
	struct fixture fx;

	setup(&fx, 0);
	fx.cfg.idle_gap = 60;
	analyse(&fx, "{\"id\":\"c\",\"messages\":["
	             "{\"role\":\"user\",\"content\":\"q\",\"timestamp\":100},"
	             "{\"role\":\"assistant\",\"content\":\"a\",\"timestamp\":102.5},"
	             "{\"role\":\"user\",\"content\":\"q2\",\"timestamp\":130},"
	             "{\"role\":\"assistant\",\"content\":\"b\",\"timestamp\":131}]}");
	CHECK(fx.res.n == 2);
	CHECK_NEAR(fx.res.items[0].latency, 2.5, 0);
	CHECK_NEAR(fx.res.items[0].reply_time, 27.5, 0);
	CHECK(isnan(fx.res.items[1].reply_time));
	/* The input ended 0 s after the last answer: not yet abandoned. */
	CHECK_STR(fired(&fx, 1), "");
	fb_signals_result_free(&fx.res);
	fb_conv_free(fx.conv);
	fb_rules_free(fx.rules);
}

static void test_names(void)
{
	size_t i;

	for (i = 0; i < FB_SIG_COUNT; i++)
		CHECK(fb_signals_from_name(fb_signals_name(i), strlen(fb_signals_name(i))) ==
		      (int)i);
	CHECK(fb_signals_from_name("thanks", 6) == -1);
}

int main(void)
{
	fb_alloc_init("t_signals");
	RUN(test_phrases);
	RUN(test_events_and_score);
	RUN(test_repetition);
	RUN(test_timing);
	RUN(test_names);
	return CHECK_DONE();
}
