#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fb_rules.h"

#define S(name) FB_RULE_##name

static void test_signal_names(void)
{
	static const char *const names[FB_RULE_NSIGNALS] = {
		"correction", "frustration", "gratitude", "acceptance",
		"escalation", "followup",    "refusal",   "apology",
	};
	int i;

	for (i = 0; i < FB_RULE_NSIGNALS; i++) {
		const char *name = fb_rules_signal_name((enum fb_rule_signal)i);

		CHECK_STR(name, names[i]);
		CHECK(fb_rules_signal_from_name(name, strlen(name)) == i);
	}
	CHECK(fb_rules_signal_name(FB_RULE_NSIGNALS) == NULL);
	CHECK(fb_rules_signal_from_name("thx", 3) == -1);
	CHECK(fb_rules_signal_from_name("correct", 7) == -1);
	CHECK(fb_rules_signal_from_name("Correction", 10) == -1);
	CHECK(fb_rules_signal_from_name("", 0) == -1);
	/* Only len bytes count. */
	CHECK(fb_rules_signal_from_name("refusals", 7) == S(REFUSAL));
	CHECK(fb_rules_signal_from_name(NULL, 0) == -1);
}

static void test_parse_errors(void)
{
	static const struct {
		const char *text;
		size_t len; /* 0: strlen(text) */
		long line;
		int column;
		const char *message;
	} cases[] = {
		{ "thx en \\bthanks\\b\n", 0, 1, 1, "unknown signal 'thx'" },
		{ "# header\n\ngratitude en \\bthanks\\b\n  Gratitude en x\n", 0, 4, 3,
		  "unknown signal 'Gratitude'" },
		{ "correctionnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn en x", 0, 1, 1,
		  "unknown signal 'correctionnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn'" },
		{ "correction\n", 0, 1, 11, "missing language" },
		{ "correction en\n", 0, 1, 14, "missing pattern" },
		{ "correction\ten\t \r\n", 0, 1, 14, "missing pattern" },
		{ "gratitude en (thanks\n", 0, 1, 21,
		  "invalid pattern: missing closing parenthesis" },
		{ "gratitude  en  thanks)", 0, 1, 22,
		  "invalid pattern: unmatched closing parenthesis" },
		{ "acceptance en ok\nacceptance en [é-\n", 0, 2, 19,
		  "invalid pattern: missing terminating ] for character class" },
		{ "apology \\bsorry\\b en\n", 0, 1, 9, "invalid language '\\bsorry\\b'" },
		{ "apology e sorry\n", 0, 1, 9, "invalid language 'e'" },
		{ "apology pt- sorry\n", 0, 1, 9, "invalid language 'pt-'" },
		{ "refusal en sorry|\n", 0, 1, 12, "pattern matches empty text" },
		{ "refusal en \\s*\n", 0, 1, 12, "pattern matches empty text" },
		{ "gratitude en \\bthanks\\b\nrefusal en a\0b\n", 37, 2, 13, "nul byte in rule" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fb_rules *r = fb_rules_new();
		struct fb_error err = { 0, 0, "" };
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].text);
		int s;

		CHECK(fb_rules_add(r, "<test>", cases[i].text, len, &err) == -1);
		if (err.line != cases[i].line || err.column != cases[i].column)
			fprintf(stderr, "case %zu: got %ld:%d\n", i, err.line, err.column);
		CHECK(err.line == cases[i].line);
		CHECK(err.column == cases[i].column);
		CHECK_STR(err.text, cases[i].message);
		for (s = 0; s < FB_RULE_NSIGNALS; s++)
			CHECK(fb_rules_count(r, (enum fb_rule_signal)s) == 0);
		fb_rules_free(r);
	}
}

static void test_accepted_forms(void)
{
	/* Blank and comment lines, tabs, CRLF, trailing blanks, a last line
	 * without a newline, language tags with a region, and "*". */
	static const char text[] = "# comment\r\n"
	                           "   \t\n"
	                           "  # indented comment\n"
	                           "gratitude\ten\t\\bthanks\\b  \r\n"
	                           "gratitude pt-BR \\bvaleu\\b\n"
	                           "frustration * [?!]{3}";
	struct fb_rules *r = fb_rules_new();
	struct fb_error err = { 0, 0, "" };
	struct fb_rule_match m;

	CHECK(fb_rules_add(r, "a.rules", text, strlen(text), &err) == 0);
	CHECK(fb_rules_count(r, S(GRATITUDE)) == 2);
	CHECK(fb_rules_count(r, S(FRUSTRATION)) == 1);
	CHECK(fb_rules_count(r, S(CORRECTION)) == 0);
	CHECK(fb_rules_search(r, S(GRATITUDE), "valeu!", 6, &m) == 1);
	CHECK_STR(m.lang, "pt-BR");
	CHECK(m.line == 5);
	/* The trailing blanks and \r are not part of the pattern. */
	CHECK(fb_rules_search(r, S(GRATITUDE), "thanks", 6, &m) == 1);
	CHECK_STR(m.pattern, "\\bthanks\\b");
	CHECK(m.line == 4);
	CHECK(fb_rules_search(r, S(FRUSTRATION), "what?!?", 7, &m) == 1);
	CHECK(m.line == 6 && m.start == 4 && m.end == 7);
	CHECK(fb_rules_search(r, S(CORRECTION), "thanks", 6, &m) == 0);
	CHECK(fb_rules_search(r, FB_RULE_NSIGNALS, "thanks", 6, &m) == 0);
	/* Empty text adds nothing and is no error. */
	CHECK(fb_rules_add(r, "empty", "", 0, &err) == 0);
	CHECK(fb_rules_count(r, S(GRATITUDE)) == 2);
	fb_rules_free(r);
}

static void test_nothing_added_on_error(void)
{
	static const char good[] = "gratitude en \\bthanks\\b\n";
	static const char bad[] = "gratitude en \\bcheers\\b\n"
	                          "correction en \\bwrong\\b\n"
	                          "escalation en (human\n";
	struct fb_rules *r = fb_rules_new();
	struct fb_error err = { 0, 0, "" };

	CHECK(fb_rules_add(r, "good", good, strlen(good), &err) == 0);
	CHECK(fb_rules_add(r, "bad", bad, strlen(bad), &err) == -1);
	CHECK(err.line == 3);
	CHECK(fb_rules_count(r, S(GRATITUDE)) == 1);
	CHECK(fb_rules_count(r, S(CORRECTION)) == 0);
	CHECK(fb_rules_count(r, S(ESCALATION)) == 0);
	CHECK(fb_rules_search(r, S(GRATITUDE), "cheers", 6, NULL) == 0);
	CHECK(fb_rules_search(r, S(GRATITUDE), "thanks", 6, NULL) == 1);
	CHECK(fb_rules_search(r, S(CORRECTION), "wrong", 5, NULL) == 0);
	fb_rules_free(r);
}

/* The reported rule is the first in file order among those matching at the
 * earliest position, whether it went into the alternation or not. */
static void test_match_details(void)
{
	static const char text[] = "# test rules\n"
	                           "gratitude en \\bthanks\\b\n"
	                           "gratitude en \\bthank\n"
	                           "gratitude *  \\bthx\\b\n"
	                           "correction en \\b(\\w+) \\1\\b\n"
	                           "correction en \\bwrong\\b\n";
	static const char extra[] = "gratitude de \\bdanke\\b\n";
	static const struct {
		enum fb_rule_signal signal;
		const char *subject;
		long line;
		const char *lang, *source;
		size_t start, end;
	} cases[] = {
		{ S(GRATITUDE), "ok thx and thanks", 4, "*", "<test>", 3, 6 },
		{ S(GRATITUDE), "thanks a lot", 2, "en", "<test>", 0, 6 },
		{ S(GRATITUDE), "thank you", 3, "en", "<test>", 0, 5 },
		{ S(GRATITUDE), "oh, danke", 1, "de", "extra.rules", 4, 9 },
		{ S(GRATITUDE), "danke, thanks", 1, "de", "extra.rules", 0, 5 },
		{ S(GRATITUDE), "thanks, danke", 2, "en", "<test>", 0, 6 },
		{ S(CORRECTION), "very very wrong", 5, "en", "<test>", 0, 9 },
		{ S(CORRECTION), "wrong, very very", 6, "en", "<test>", 0, 5 },
		{ S(CORRECTION), "it is wrong wrong", 5, "en", "<test>", 6, 17 },
		{ S(CORRECTION), "ça, c'est wrong", 6, "en", "<test>", 11, 16 },
	};
	struct fb_rules *r = fb_rules_new();
	struct fb_error err = { 0, 0, "" };
	size_t i;

	CHECK(fb_rules_add(r, "<test>", text, strlen(text), &err) == 0);
	CHECK(fb_rules_add(r, "extra.rules", extra, strlen(extra), &err) == 0);
	CHECK(fb_rules_count(r, S(GRATITUDE)) == 4);
	CHECK(fb_rules_count(r, S(CORRECTION)) == 2);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fb_rule_match m = { NULL, NULL, 0, NULL, 99, 99 };

		CHECK(fb_rules_search(r, cases[i].signal, cases[i].subject,
		                      strlen(cases[i].subject), &m) == 1);
		if (m.line != cases[i].line || m.start != cases[i].start)
			fprintf(stderr, "case %zu: line %ld, %zu-%zu\n", i, m.line, m.start, m.end);
		CHECK(m.line == cases[i].line);
		CHECK_STR(m.lang, cases[i].lang);
		CHECK_STR(m.source, cases[i].source);
		CHECK(m.start == cases[i].start);
		CHECK(m.end == cases[i].end);
	}
	{
		struct fb_rule_match m;

		CHECK(fb_rules_search(r, S(GRATITUDE), "thx", 3, &m) == 1);
		CHECK_STR(m.pattern, "\\bthx\\b");
		CHECK(fb_rules_search(r, S(GRATITUDE), "nothing here", 12, &m) == 0);
		CHECK(fb_rules_search(r, S(CORRECTION), "right", 5, &m) == 0);
	}
	fb_rules_free(r);
}

/* Constructs that would change meaning inside the alternation, and rules
 * whose alternation fails to compile, still match as written. */
static void test_unjoinable(void)
{
	static const char text[] = "acceptance en (?x) \\b great \\b  # extended, with a comment\n"
	                           "acceptance en \\Qa+b\n"
	                           "acceptance en (*LIMIT_MATCH=1000)\\bzzz\\b\n"
	                           "acceptance en \\bperfect\\b\n"
	                           "followup en (?<w>\\bwhat about\\b)\n"
	                           "followup en (?<w>\\bhow about\\b)\n"
	                           /* These two compile inside the alternation but
	                            * would mean something else there. */
	                           "refusal en (b)\n"
	                           "refusal en (a)(?1)x\n"
	                           "apology en \\bsorry\\b\n"
	                           "apology en (*COMMIT)zzz\n"
	                           /* Only the first of these can share the \\b
	                            * in front of the alternation. */
	                           "escalation en \\bhuman\\b|\\bagent\\b\n"
	                           "escalation en \\bperson|operator\n"
	                           "escalation en \\bsupport[|]\\b(?#a|b)|\\bcall\\|me\n"
	                           "escalation en \\bx\\|\\b\\.\n"
	                           "escalation en \\bzz[\\]|\\b]\n";
	static const struct {
		enum fb_rule_signal signal;
		const char *subject;
		long line;
	} cases[] = {
		{ S(ACCEPTANCE), "perfect", 4 },
		{ S(ACCEPTANCE), "that is great", 1 },
		{ S(ACCEPTANCE), "x a+b", 2 },
		{ S(ACCEPTANCE), "zzz", 3 },
		{ S(ACCEPTANCE), "ab", 0 },
		{ S(FOLLOWUP), "and how about now", 6 },
		{ S(FOLLOWUP), "what about now", 5 },
		{ S(FOLLOWUP), "nothing", 0 },
		{ S(REFUSAL), "aax", 8 },
		{ S(REFUSAL), "abx", 7 },
		{ S(REFUSAL), "aa", 0 },
		{ S(APOLOGY), "oh, sorry", 9 },
		{ S(APOLOGY), "zzz", 10 },
		{ S(ESCALATION), "an agent", 11 },
		{ S(ESCALATION), "secret agents", 0 },
		{ S(ESCALATION), "the teleoperator", 12 },
		{ S(ESCALATION), "superperson", 0 },
		{ S(ESCALATION), "support|x", 13 },
		{ S(ESCALATION), "support|", 0 },
		{ S(ESCALATION), "call|me", 13 },
		{ S(ESCALATION), "recall|me", 0 },
		{ S(ESCALATION), "x|.", 0 },
		/* In a class, \b is a backspace. */
		{ S(ESCALATION), "zz\b", 15 },
		{ S(ESCALATION), "zz]", 15 },
	};
	struct fb_rules *r = fb_rules_new();
	struct fb_error err = { 0, 0, "" };
	size_t i;

	CHECK(fb_rules_add(r, "<test>", text, strlen(text), &err) == 0);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fb_rule_match m = { NULL, NULL, 0, NULL, 0, 0 };
		int rc = fb_rules_search(r, cases[i].signal, cases[i].subject,
		                         strlen(cases[i].subject), &m);

		if (m.line != cases[i].line)
			fprintf(stderr, "case %zu: line %ld\n", i, m.line);
		CHECK(rc == (cases[i].line > 0));
		CHECK(m.line == cases[i].line);
	}
	fb_rules_free(r);
}

/* A rule that hits the match limit neither hangs the search nor hides the
 * other rules of its signal. */
static void test_limit(void)
{
	static const char text[] = "frustration en (a+)+$\n"
	                           "frustration en \\bugh\\b\n";
	char subject[64];
	struct fb_rules *r = fb_rules_new();
	struct fb_error err = { 0, 0, "" };
	struct fb_rule_match m;

	memset(subject, 'a', 40);
	strcpy(subject + 40, "! ugh");
	CHECK(fb_rules_add(r, "<test>", text, strlen(text), &err) == 0);
	CHECK(fb_rules_search(r, S(FRUSTRATION), subject, strlen(subject), &m) == 1);
	CHECK(m.line == 2);
	CHECK(m.start == 42 && m.end == 45);
	subject[41] = '\0';
	CHECK(fb_rules_search(r, S(FRUSTRATION), subject, 41, &m) == 0);
	fb_rules_free(r);
}

static const char *const langs[] = { "en", "es", "fr", "de", "it", "pt" };

/* The default text parses, every rule is counted, and every signal has
 * rules in each of the six languages. */
static void test_defaults_load(void)
{
	const char *text = fb_rules_default_text();
	struct fb_rules *r = fb_rules_new();
	struct fb_error err = { 0, 0, "" };
	int seen[FB_RULE_NSIGNALS][6] = { { 0 } };
	size_t lines = 0, total = 0;
	const char *p;
	int s, l;

	CHECK(text != NULL && text[strlen(text) - 1] == '\n');
	CHECK(fb_rules_add_defaults(r, &err) == 0);
	if (err.text[0])
		fprintf(stderr, "defaults: %ld:%d: %s\n", err.line, err.column, err.text);
	for (p = text; *p; p = strchr(p, '\n') + 1) {
		char sig[16], lang[16];

		if (*p == '#' || *p == '\n')
			continue;
		lines++;
		if (sscanf(p, "%15s %15s", sig, lang) != 2)
			continue;
		s = fb_rules_signal_from_name(sig, strlen(sig));
		CHECK(s >= 0);
		for (l = 0; l < 6; l++)
			if (s >= 0 && strcmp(lang, langs[l]) == 0)
				seen[s][l]++;
	}
	for (s = 0; s < FB_RULE_NSIGNALS; s++) {
		total += fb_rules_count(r, (enum fb_rule_signal)s);
		CHECK(fb_rules_count(r, (enum fb_rule_signal)s) >= 10);
		for (l = 0; l < 6; l++) {
			if (seen[s][l] == 0)
				fprintf(stderr, "no %s rule for %s\n", langs[l],
				        fb_rules_signal_name((enum fb_rule_signal)s));
			CHECK(seen[s][l] > 0);
		}
	}
	CHECK(total == lines);
	CHECK(total >= 150 && total <= 400);
	fb_rules_free(r);
}

static const struct {
	const char *lang;
	enum fb_rule_signal signal;
	const char *text;
	int hit;
} phrases[] = {
	/* English */
	{ "en", S(CORRECTION), "That's wrong.", 1 },
	{ "en", S(CORRECTION), "thanks but that's wrong", 1 },
	{ "en", S(CORRECTION), "this is not what I asked for", 1 },
	{ "en", S(CORRECTION), "No, I meant the other file", 1 },
	{ "en", S(CORRECTION), "try again please", 1 },
	{ "en", S(CORRECTION), "you misunderstood me", 1 },
	{ "en", S(CORRECTION), "It still doesn’t work", 1 },
	{ "en", S(CORRECTION), "incorrect", 1 },
	{ "en", S(CORRECTION), "That's right", 0 },
	{ "en", S(CORRECTION), "It's not right now, maybe later", 0 },
	{ "en", S(CORRECTION), "What's wrong with my code?", 0 },
	{ "en", S(CORRECTION), "You got the date wrong, it was 1969.", 1 },
	{ "en", S(CORRECTION), "That doesn't answer my question.", 1 },
	{ "en", S(CORRECTION), "Does not work", 1 },
	{ "en", S(CORRECTION), "Let me rephrase. How do I cancel?", 1 },
	{ "en", S(CORRECTION), "The water doesn't run into their lungs", 0 },
	{ "en", S(CORRECTION), "What would you do if that didn't work?", 0 },
	{ "en", S(FRUSTRATION), "this is useless", 1 },
	{ "en", S(FRUSTRATION), "are you stupid", 1 },
	{ "en", S(FRUSTRATION), "WTF", 1 },
	{ "en", S(FRUSTRATION), "this is ridiculous", 1 },
	{ "en", S(FRUSTRATION), "thanks for nothing", 1 },
	{ "en", S(FRUSTRATION), "what???", 1 },
	{ "en", S(FRUSTRATION), "Great!!!", 0 },
	{ "en", S(FRUSTRATION), "Sorry if this is a stupid question", 0 },
	{ "en", S(FRUSTRATION), "Seriously? This is the third time.", 1 },
	{ "en", S(GRATITUDE), "thanks!", 1 },
	{ "en", S(GRATITUDE), "Thank you so much", 1 },
	{ "en", S(GRATITUDE), "thx", 1 },
	{ "en", S(GRATITUDE), "thanks but that's wrong", 1 },
	{ "en", S(GRATITUDE), "no thanks", 0 },
	{ "en", S(GRATITUDE), "No, thank you.", 0 },
	{ "en", S(GRATITUDE), "thanks for nothing", 0 },
	{ "en", S(GRATITUDE), "Thank God it works", 0 },
	{ "en", S(GRATITUDE), "Appreciate it.", 1 },
	{ "en", S(GRATITUDE), "I would appreciate it if you could hurry", 0 },
	{ "en", S(ACCEPTANCE), "Perfect, that works!", 1 },
	{ "en", S(ACCEPTANCE), "great", 1 },
	{ "en", S(ACCEPTANCE), "ok", 1 },
	{ "en", S(ACCEPTANCE), "Exactly.", 1 },
	{ "en", S(ACCEPTANCE), "sounds good", 1 },
	{ "en", S(ACCEPTANCE), "not great", 0 },
	{ "en", S(ACCEPTANCE), "That's not great", 0 },
	{ "en", S(ACCEPTANCE), "this isn't great at all", 0 },
	{ "en", S(ACCEPTANCE), "Nice try", 0 },
	{ "en", S(ACCEPTANCE), "ok?", 0 },
	{ "en", S(ACCEPTANCE), "Exactly how do I do that?", 0 },
	{ "en", S(ACCEPTANCE), "What do you mean exactly?", 0 },
	{ "en", S(ACCEPTANCE), "That worked perfectly, thanks.", 1 },
	{ "en", S(ACCEPTANCE), "Can you also explain how it works?", 0 },
	{ "en", S(ACCEPTANCE), "it doesn't work now", 0 },
	{ "en", S(ESCALATION), "can I talk to a human please", 1 },
	{ "en", S(ESCALATION), "I want to speak with a real person", 1 },
	{ "en", S(ESCALATION), "agent", 1 },
	{ "en", S(ESCALATION), "I am a human being", 0 },
	{ "en", S(ESCALATION), "What is a user agent string?", 0 },
	{ "en", S(ESCALATION), "I need to talk to customer service.", 1 },
	{ "en", S(FOLLOWUP), "what about Python?", 1 },
	{ "en", S(FOLLOWUP), "and if it fails?", 1 },
	{ "en", S(FOLLOWUP), "can you also add tests", 1 },
	{ "en", S(FOLLOWUP), "tell me more", 1 },
	{ "en", S(FOLLOWUP), "more details please", 1 },
	{ "en", S(FOLLOWUP), "How about tomorrow", 1 },
	{ "en", S(FOLLOWUP), "Thanks", 0 },
	{ "en", S(FOLLOWUP), "Could you give me an example?", 1 },
	{ "en", S(REFUSAL), "I can't help with that.", 1 },
	{ "en", S(REFUSAL), "I cannot assist with this request", 1 },
	{ "en", S(REFUSAL), "I'm not able to browse the web", 1 },
	{ "en", S(REFUSAL), "As an AI, I don't have opinions", 1 },
	{ "en", S(REFUSAL), "I can't help but notice a typo", 0 },
	{ "en", S(REFUSAL), "Here is the code you asked for", 0 },
	{ "en", S(REFUSAL), "I won't be able to help with that.", 1 },
	{ "en", S(APOLOGY), "I apologize for the confusion", 1 },
	{ "en", S(APOLOGY), "Oh, I've made a mistake there.", 1 },
	{ "en", S(APOLOGY), "I made an error in the last step", 1 },
	{ "en", S(APOLOGY), "Sorry for the confusion", 1 },
	{ "en", S(APOLOGY), "My mistake, here is the fix", 1 },
	{ "en", S(APOLOGY), "You're right, I missed that", 1 },
	{ "en", S(APOLOGY), "I'm sorry to hear that", 0 },
	{ "en", S(APOLOGY), "You're right that it is late", 0 },
	/* Spanish */
	{ "es", S(CORRECTION), "eso está mal", 1 },
	{ "es", S(CORRECTION), "Gracias, pero no es lo que pedí", 1 },
	{ "es", S(CORRECTION), "inténtalo de nuevo", 1 },
	{ "es", S(CORRECTION), "te equivocaste", 1 },
	{ "es", S(CORRECTION), "no está mal", 0 },
	{ "es", S(CORRECTION), "Esto no me ayuda", 1 },
	{ "es", S(FRUSTRATION), "eres un inútil", 1 },
	{ "es", S(FRUSTRATION), "qué estupidez", 1 },
	{ "es", S(FRUSTRATION), "esto es ridículo", 1 },
	{ "es", S(FRUSTRATION), "gracias por nada", 1 },
	{ "es", S(FRUSTRATION), "muy bien", 0 },
	{ "es", S(FRUSTRATION), "Ya es la tercera vez que te lo pido", 1 },
	{ "es", S(GRATITUDE), "¡Muchas gracias!", 1 },
	{ "es", S(GRATITUDE), "no gracias", 0 },
	{ "es", S(GRATITUDE), "No, gracias.", 0 },
	{ "es", S(GRATITUDE), "gracias por nada", 0 },
	{ "es", S(ACCEPTANCE), "¡Perfecto!", 1 },
	{ "es", S(ACCEPTANCE), "eso es lo que necesitaba", 1 },
	{ "es", S(ACCEPTANCE), "ya funciona", 1 },
	{ "es", S(ACCEPTANCE), "vale", 1 },
	{ "es", S(ACCEPTANCE), "no es perfecto", 0 },
	{ "es", S(ACCEPTANCE), "no es lo que necesitaba", 0 },
	{ "es", S(ACCEPTANCE), "no funciona bien", 0 },
	{ "es", S(ESCALATION), "quiero hablar con una persona", 1 },
	{ "es", S(ESCALATION), "¿Puedo hablar con un agente?", 1 },
	{ "es", S(ESCALATION), "¿puedo hablar contigo?", 0 },
	{ "es", S(FOLLOWUP), "¿y si llueve?", 1 },
	{ "es", S(FOLLOWUP), "¿puedes también traducirlo?", 1 },
	{ "es", S(FOLLOWUP), "dame más detalles", 1 },
	{ "es", S(FOLLOWUP), "sí", 0 },
	{ "es", S(FOLLOWUP), "¿Me puedes dar un ejemplo?", 1 },
	{ "es", S(REFUSAL), "Lo siento, no puedo ayudarte con eso.", 1 },
	{ "es", S(REFUSAL), "Como IA, no tengo opiniones", 1 },
	{ "es", S(REFUSAL), "Aquí tienes el código", 0 },
	{ "es", S(APOLOGY), "Pido disculpas por la confusión", 1 },
	{ "es", S(APOLOGY), "Tienes razón, me equivoqué", 1 },
	{ "es", S(APOLOGY), "Lo siento mucho por tu pérdida.", 0 },
	/* French */
	{ "fr", S(CORRECTION), "c'est faux", 1 },
	{ "fr", S(CORRECTION), "C’est pas ça", 1 },
	{ "fr", S(CORRECTION), "ce n'est pas correct", 1 },
	{ "fr", S(CORRECTION), "tu t'es trompé", 1 },
	{ "fr", S(CORRECTION), "c'est juste", 0 },
	{ "fr", S(CORRECTION), "Ça n'a rien à voir avec ma question.", 1 },
	{ "fr", S(FRUSTRATION), "t'es nul", 1 },
	{ "fr", S(FRUSTRATION), "c'est n'importe quoi", 1 },
	{ "fr", S(FRUSTRATION), "merci pour rien", 1 },
	{ "fr", S(FRUSTRATION), "je ne le trouve nulle part", 0 },
	{ "fr", S(GRATITUDE), "merci beaucoup", 1 },
	{ "fr", S(GRATITUDE), "Je vous remercie", 1 },
	{ "fr", S(GRATITUDE), "non merci", 0 },
	{ "fr", S(GRATITUDE), "Non, merci.", 0 },
	{ "fr", S(ACCEPTANCE), "parfait", 1 },
	{ "fr", S(ACCEPTANCE), "c'est exactement ça", 1 },
	{ "fr", S(ACCEPTANCE), "ça marche", 1 },
	{ "fr", S(ACCEPTANCE), "pas parfait", 0 },
	{ "fr", S(ACCEPTANCE), "ça marche pas", 0 },
	{ "fr", S(ACCEPTANCE), "ça ne marche pas", 0 },
	{ "fr", S(ACCEPTANCE), "Comment ça marche ?", 0 },
	{ "fr", S(ESCALATION), "je veux parler à un humain", 1 },
	{ "fr", S(ESCALATION), "parler avec un conseiller", 1 },
	{ "fr", S(ESCALATION), "parler de la météo", 0 },
	{ "fr", S(FOLLOWUP), "et si on ajoutait un test ?", 1 },
	{ "fr", S(FOLLOWUP), "peux-tu aussi traduire ?", 1 },
	{ "fr", S(FOLLOWUP), "dis-m'en plus", 1 },
	{ "fr", S(FOLLOWUP), "Peux-tu me donner un exemple ?", 1 },
	{ "fr", S(REFUSAL), "Je ne peux pas vous aider avec cela.", 1 },
	{ "fr", S(REFUSAL), "En tant qu'IA, je n'ai pas d'avis", 1 },
	{ "fr", S(APOLOGY), "Je m'excuse pour l'erreur", 1 },
	{ "fr", S(APOLOGY), "Désolé pour la confusion", 1 },
	{ "fr", S(APOLOGY), "Vous avez raison, je me suis trompé", 1 },
	{ "fr", S(APOLOGY), "Désolé d'apprendre cela.", 0 },
	/* German */
	{ "de", S(CORRECTION), "Das ist falsch", 1 },
	{ "de", S(CORRECTION), "Das ist nicht, was ich gefragt habe", 1 },
	{ "de", S(CORRECTION), "versuch es nochmal", 1 },
	{ "de", S(CORRECTION), "das stimmt nicht", 1 },
	{ "de", S(CORRECTION), "das ist richtig", 0 },
	{ "de", S(CORRECTION), "DAS HILFT MIR NICHT", 1 },
	{ "de", S(CORRECTION), "Das hat nichts mit meiner Frage zu tun.", 1 },
	{ "de", S(FRUSTRATION), "du bist so dumm", 1 },
	{ "de", S(FRUSTRATION), "das ist nutzlos", 1 },
	{ "de", S(FRUSTRATION), "so ein Mist", 1 },
	{ "de", S(FRUSTRATION), "danke für nichts", 1 },
	{ "de", S(FRUSTRATION), "Das ist eine gute Idee", 0 },
	{ "de", S(FRUSTRATION), "Ich frage zum dritten Mal!", 1 },
	{ "de", S(GRATITUDE), "Danke!", 1 },
	{ "de", S(GRATITUDE), "vielen Dank", 1 },
	{ "de", S(GRATITUDE), "Dankeschön", 1 },
	{ "de", S(GRATITUDE), "nein danke", 0 },
	{ "de", S(GRATITUDE), "Nein, danke.", 0 },
	{ "de", S(ACCEPTANCE), "perfekt", 1 },
	{ "de", S(ACCEPTANCE), "genau!", 1 },
	{ "de", S(ACCEPTANCE), "das funktioniert", 1 },
	{ "de", S(ACCEPTANCE), "nicht perfekt", 0 },
	{ "de", S(ACCEPTANCE), "Was meinst du genau?", 0 },
	{ "de", S(ACCEPTANCE), "das funktioniert nicht", 0 },
	{ "de", S(ACCEPTANCE), "das funktioniert immer noch nicht", 0 },
	{ "de", S(ACCEPTANCE), "Ich weiß nicht, wie das funktioniert.", 0 },
	{ "de", S(ESCALATION), "Ich möchte mit einem Menschen sprechen", 1 },
	{ "de", S(ESCALATION), "bitte mit einem Mitarbeiter verbinden", 1 },
	{ "de", S(ESCALATION), "Ich spreche mit meinem Hund", 0 },
	{ "de", S(FOLLOWUP), "und wenn es regnet?", 1 },
	{ "de", S(FOLLOWUP), "Kannst du auch Tests schreiben?", 1 },
	{ "de", S(FOLLOWUP), "erzähl mir mehr", 1 },
	{ "de", S(FOLLOWUP), "Kannst du mir ein Beispiel geben?", 1 },
	{ "de", S(REFUSAL), "Ich kann dir dabei leider nicht helfen.", 1 },
	{ "de", S(REFUSAL), "Als KI habe ich keine Meinung", 1 },
	{ "de", S(REFUSAL), "Ich kann das gerne erklären", 0 },
	{ "de", S(REFUSAL), "Es tut mir leid, aber dabei kann ich nicht helfen.", 1 },
	{ "de", S(APOLOGY), "Entschuldigung für die Verwirrung", 1 },
	{ "de", S(APOLOGY), "Es tut mir leid", 1 },
	{ "de", S(APOLOGY), "Du hast recht, ich habe mich geirrt", 1 },
	{ "de", S(APOLOGY), "Es tut mir leid, das zu hören.", 0 },
	/* Italian */
	{ "it", S(CORRECTION), "non è corretto", 1 },
	{ "it", S(CORRECTION), "è sbagliato", 1 },
	{ "it", S(CORRECTION), "hai frainteso", 1 },
	{ "it", S(CORRECTION), "riprova", 1 },
	{ "it", S(CORRECTION), "non è sbagliato", 0 },
	{ "it", S(CORRECTION), "Ripeto: non trovo dove si disdice", 1 },
	{ "it", S(FRUSTRATION), "sei proprio inutile", 1 },
	{ "it", S(FRUSTRATION), "che palle", 1 },
	{ "it", S(FRUSTRATION), "grazie per niente", 1 },
	{ "it", S(FRUSTRATION), "va bene", 0 },
	{ "it", S(GRATITUDE), "grazie mille", 1 },
	{ "it", S(GRATITUDE), "ti ringrazio", 1 },
	{ "it", S(GRATITUDE), "no grazie", 0 },
	{ "it", S(GRATITUDE), "No, grazie.", 0 },
	{ "it", S(ACCEPTANCE), "perfetto", 1 },
	{ "it", S(ACCEPTANCE), "funziona perfettamente", 1 },
	{ "it", S(ACCEPTANCE), "va bene", 1 },
	{ "it", S(ACCEPTANCE), "non è perfetto", 0 },
	{ "it", S(ACCEPTANCE), "non funziona perfettamente", 0 },
	{ "it", S(ACCEPTANCE), "non va bene", 0 },
	{ "it", S(ESCALATION), "vorrei parlare con un operatore", 1 },
	{ "it", S(ESCALATION), "parlare con una persona vera", 1 },
	{ "it", S(FOLLOWUP), "e se piove?", 1 },
	{ "it", S(FOLLOWUP), "puoi anche tradurlo?", 1 },
	{ "it", S(FOLLOWUP), "dammi più dettagli", 1 },
	{ "it", S(REFUSAL), "Mi dispiace, non posso aiutarti", 1 },
	{ "it", S(REFUSAL), "In quanto IA non ho opinioni", 1 },
	{ "it", S(APOLOGY), "Mi scuso per l'errore", 1 },
	{ "it", S(APOLOGY), "Hai ragione, ho sbagliato", 1 },
	{ "it", S(APOLOGY), "Mi dispiace sentire questo.", 0 },
	/* Portuguese */
	{ "pt", S(CORRECTION), "está errado", 1 },
	{ "pt", S(CORRECTION), "não é o que eu pedi", 1 },
	{ "pt", S(CORRECTION), "tente de novo", 1 },
	{ "pt", S(CORRECTION), "você entendeu errado", 1 },
	{ "pt", S(CORRECTION), "não está errado", 0 },
	{ "pt", S(CORRECTION), "Não foi isso que eu pedi.", 1 },
	{ "pt", S(CORRECTION), "O que você quis dizer?", 0 },
	{ "pt", S(CORRECTION), "Isso não me ajudou", 1 },
	{ "pt", S(FRUSTRATION), "você é inútil", 1 },
	{ "pt", S(FRUSTRATION), "que droga", 1 },
	{ "pt", S(FRUSTRATION), "obrigado por nada", 1 },
	{ "pt", S(FRUSTRATION), "tudo bem", 0 },
	{ "pt", S(GRATITUDE), "obrigado!", 1 },
	{ "pt", S(GRATITUDE), "muito obrigada", 1 },
	{ "pt", S(GRATITUDE), "valeu", 1 },
	{ "pt", S(GRATITUDE), "não, obrigado", 0 },
	{ "pt", S(GRATITUDE), "não obrigado", 0 },
	{ "pt", S(GRATITUDE), "valeu a pena", 0 },
	{ "pt", S(ACCEPTANCE), "perfeito", 1 },
	{ "pt", S(ACCEPTANCE), "funcionou!", 1 },
	{ "pt", S(ACCEPTANCE), "era o que eu precisava", 1 },
	{ "pt", S(ACCEPTANCE), "não é perfeito", 0 },
	{ "pt", S(ACCEPTANCE), "não funcionou", 0 },
	{ "pt", S(ACCEPTANCE), "não era o que eu precisava", 0 },
	{ "pt", S(ESCALATION), "quero falar com um atendente", 1 },
	{ "pt", S(ESCALATION), "falar com uma pessoa real", 1 },
	{ "pt", S(FOLLOWUP), "e se chover?", 1 },
	{ "pt", S(FOLLOWUP), "pode também traduzir?", 1 },
	{ "pt", S(FOLLOWUP), "me fale mais", 1 },
	{ "pt", S(FOLLOWUP), "Pode me dar um exemplo?", 1 },
	{ "pt", S(REFUSAL), "Desculpe, não posso ajudar com isso", 1 },
	{ "pt", S(REFUSAL), "Como uma IA, não tenho opiniões", 1 },
	{ "pt", S(APOLOGY), "Peço desculpas pelo erro", 1 },
	{ "pt", S(APOLOGY), "Você tem razão, eu errei", 1 },
	{ "pt", S(APOLOGY), "Lamento ouvir isso.", 0 },
	/* Any language */
	{ "*", S(FRUSTRATION), "😡", 1 },
	{ "*", S(ACCEPTANCE), "👍", 1 },
	{ "*", S(GRATITUDE), "🙏", 1 },
};

static void test_default_phrases(void)
{
	struct fb_rules *r = fb_rules_new();
	struct fb_error err = { 0, 0, "" };
	size_t i, n = sizeof phrases / sizeof phrases[0];
	int covered[6] = { 0 };

	CHECK(fb_rules_add_defaults(r, &err) == 0);
	for (i = 0; i < n; i++) {
		struct fb_rule_match m = { NULL, NULL, 0, NULL, 0, 0 };
		size_t len = strlen(phrases[i].text);
		int hit = fb_rules_search(r, phrases[i].signal, phrases[i].text, len, &m);
		int l;

		if (hit != phrases[i].hit)
			fprintf(stderr, "%s %s \"%s\": got %s %s\n", phrases[i].lang,
			        fb_rules_signal_name(phrases[i].signal), phrases[i].text,
			        hit ? "a hit on" : "a miss", hit ? m.pattern : "");
		CHECK(hit == phrases[i].hit);
		if (hit) {
			CHECK_STR(m.source, "<default>");
			CHECK(m.line > 0);
			CHECK(m.start < m.end && m.end <= len);
		}
		for (l = 0; l < 6; l++)
			if (strcmp(phrases[i].lang, langs[l]) == 0)
				covered[l]++;
	}
	CHECK(n >= 60);
	for (i = 0; i < 6; i++)
		CHECK(covered[i] >= 10);
	fb_rules_free(r);
}

/* Searches text with and without the prefilter and checks that the two
 * agree on everything a match reports. */
static int same_either_way(struct fb_rules *r, const char *text, size_t len)
{
	int s, differ = 0;
	/* One scan for all signals answers as one per signal does. */
	unsigned all = fb_rules_scan(r, (1u << FB_RULE_NSIGNALS) - 1, text, len);

	for (s = 0; s < FB_RULE_NSIGNALS; s++) {
		struct fb_rule_match a = { NULL, NULL, 0, NULL, 0, 0 }, b = a, c = a;
		int ha, hb, hc;

		hc = fb_rules_search_scanned(r, (enum fb_rule_signal)s, text, len, all, &c);
		fb_rules_set_prefilter(r, 1);
		ha = fb_rules_search(r, (enum fb_rule_signal)s, text, len, &a);
		if (ha != hc || a.line != c.line || a.start != c.start || a.end != c.end) {
			fprintf(stderr,
			        "%s \"%.*s\": %d line %ld alone, %d line %ld scanned with all\n",
			        fb_rules_signal_name((enum fb_rule_signal)s), (int)len, text, ha,
			        a.line, hc, c.line);
			differ = 1;
		}

		fb_rules_set_prefilter(r, 1);
		ha = fb_rules_search(r, (enum fb_rule_signal)s, text, len, &a);
		fb_rules_set_prefilter(r, 0);
		hb = fb_rules_search(r, (enum fb_rule_signal)s, text, len, &b);
		if (ha != hb || a.line != b.line || a.start != b.start || a.end != b.end) {
			fprintf(stderr,
			        "%s \"%.*s\": %d line %ld [%zu,%zu) with the prefilter, "
			        "%d line %ld [%zu,%zu) without\n",
			        fb_rules_signal_name((enum fb_rule_signal)s), (int)len, text, ha,
			        a.line, a.start, a.end, hb, b.line, b.start, b.end);
			differ = 1;
		}
	}
	fb_rules_set_prefilter(r, 1);
	return !differ;
}

/* Checks text, its ASCII letters alone (only ASCII text is filtered), and
 * every run of up to five words of the latter, so that phrases are cut
 * right before, inside and after the words the prefilter keys on. */
static int same_on_variants(struct fb_rules *r, const char *text, size_t *count)
{
	size_t len = strlen(text), n = 0, i, w, a, b;
	char *ascii = malloc(len + 1);
	size_t starts[64], nstarts = 0;
	int ok;

	for (i = 0; i < len; i++)
		if ((unsigned char)text[i] < 0x80)
			ascii[n++] = text[i];
	ascii[n] = '\0';
	ok = same_either_way(r, text, len) && same_either_way(r, ascii, n);
	*count += 2;
	for (i = 0; i < n && nstarts < 64; i++)
		if (ascii[i] != ' ' && (i == 0 || ascii[i - 1] == ' '))
			starts[nstarts++] = i;
	for (a = 0; a < nstarts && ok; a++) {
		for (w = 1; w <= 5 && a + w <= nstarts; w++) {
			b = a + w < nstarts ? starts[a + w] - 1 : n;
			ok = same_either_way(r, ascii + starts[a], b - starts[a]) && ok;
			(*count)++;
		}
	}
	free(ascii);
	return ok;
}

static void test_prefilter(void)
{
	/* Texts near the default rules: each rule's pattern with the regex
	 * syntax taken out, which leaves its words side by side. */
	static const char *const extra[] = {
		"that works",
		"It works!",
		"if it works",
		"THAT'S WRONG",
		"that's  wrong",
		"that's\twrong",
		"no, wrong",
		"No,wrong",
		"nope... I meant",
		"I've made a mistake",
		"I 've made a mistake",
		"talk to a human",
		"TALK TO A REAL PERSON please",
		"speak with an agent",
		"agent",
		"agent please",
		"i  meant",
		"I\tmeant",
		"i meant",
		"im grateful",
		"thx!",
		"THX",
		"ty",
		"tyvm",
		"nul part",
		"c'est nul",
		"nul",
		"so stupid",
		"you are so stupid",
		"such an idiot",
		"this is the 3rd time",
		"this is the 22nd time",
		"what about tomorrow",
		"and?",
		"also",
		"why",
		"go on",
		"cheers mate",
		"ok",
		"okay",
		"great",
		"not great",
		"not so great",
		"perfect try",
		"exactly what i needed",
		"wtf",
		"ugh",
		"ughhh",
		"argh",
		"damnit",
		"fucking useless",
		"x thanks",
		"xthanks",
		"thanks_",
		"_thanks",
		"thanks2",
		"2thanks",
		"thank-you",
		"e se",
		"e",
		"y si",
		"et si",
		"und wenn",
		"dis-moi plus",
		"dis moi plus",
		"dismoi plus",
		"follow-up",
		"follow up",
		"followup",
		"for example?",
		"for example ?",
		"as an AI",
		"I cannot help",
		"I can't help",
		"I can not help",
		"lo siento",
		"my bad",
		"sorry for the confusion",
		"you're right, I",
		"you are right",
		"",
		" ",
		"a",
		"?!?",
		"??",
		"!!!???",
		"stop",
		"ok.",
		"K",
		"s",
		"sorry",
		/* Text that is not ASCII goes through the other prefilter. */
		"ÇA NE MARCHE PAS",
		"ça ne marche pas",
		"c’est faux",
		"C’EST FAUX",
		"c’est\u00a0faux",
		"Das ist\xc2\xa0"
		"falsch",
		"das ist \xe2\x80\x83 falsch",
		"GROẞARTIG",
		"großartig",
		"GROSSARTIG",
		"no\xc2\xa0"
		"es lo que pedí",
		"NO ES LO QUE PEDÍ",
		"NO ES LO QUE PEDI",
		"ça marche pas 😀",
		"😀 thanks",
		"thanks😀",
		"thank\xc5\xbf",
		"than\xe2\x84\xaas",
		"\xe2\x84\xaa"
		"eep going",
		"that\xcc\x81s wrong",
		"thaté wrong",
		"¿qué?",
		"¡gracias!",
		"Merci beaucoup ×",
		"danke÷",
		"é",
		"Ü",
		"it’s not working",
		"it’s  not  working",
		"you’re wrong",
		"YOU’RE WRONG",
		"eso no es lo que pedí",
		"non è corretto",
		"NON È CORRETTO",
		"não é isso",
		"NÃO É ISSO",
	};
	struct fb_rules *r = fb_rules_new(), *c;
	struct fb_error err = { 0, 0, "" };
	const char *text = fb_rules_default_text(), *p, *nl;
	size_t i, count = 0;
	int ok = 1;

	CHECK(fb_rules_add_defaults(r, &err) == 0);
	for (i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
		ok = same_on_variants(r, phrases[i].text, &count) && ok;
	for (i = 0; i < sizeof extra / sizeof extra[0]; i++)
		ok = same_on_variants(r, extra[i], &count) && ok;
	for (p = text; *p; p = nl + 1) {
		char line[1024], *o = line;
		const char *q;
		int field = 0;

		nl = strchr(p, '\n');
		if (!nl)
			break;
		if (*p == '#' || nl == p)
			continue;
		for (q = p; q < nl && field < 2; q++)
			if ((*q == ' ' || *q == '\t') && q[1] != ' ' && q[1] != '\t')
				field++;
		for (; q < nl && o < line + sizeof line - 1; q++)
			if (!strchr("\\()?:|[]*+{}^$!<=", *q))
				*o++ = *q;
		*o = '\0';
		ok = same_on_variants(r, line, &count) && ok;
	}
	CHECK(ok);
	CHECK(count > 10000);

	/* A copy filters as the original does. */
	c = fb_rules_clone(r);
	CHECK(same_either_way(c, "talk to a human", 15));
	fb_rules_free(c);
	fb_rules_free(r);
}

/* Rules shaped to trip the prefilter's reading of patterns: it must never
 * turn away a message that matches. */
static void test_prefilter_shapes(void)
{
	/* Acceptance opens with letters that fold to ASCII ones, which leave
	 * no key (the signal goes unfiltered); gratitude has them inside. */
	static const char rules[] = "acceptance * \\bſuper\\b\n"
	                            "acceptance * \\b\xe2\x84\xaa"
	                            "elvin\\b\n"
	                            "gratitude * \\bpoſt\\b\n"
	                            "gratitude * \\bbac\xe2\x84\xaa\\b\n"
	                            "gratitude * \\b(?:é|e)lan\\b\n"
	                            "gratitude * \\b[ée]tat\\b\n"
	                            "gratitude * \\bab(?<!xab)cd\\b\n"
	                            "gratitude * \\bfoo(?!bar)\\w+\n"
	                            "gratitude * \\b(?:very )?nice one\\b\n"
	                            "gratitude * \\bzz+top\\b\n"
	                            "gratitude * \\bqq*rr\\b\n"
	                            "gratitude * \\bmm{0,2}nn\\b\n"
	                            "gratitude * \\bcase\\s+closed\\b\n"
	                            "gratitude * \\babcdefghijklmnopqrstuvwxyz\\b\n"
	                            "gratitude * \\b(word|other)\\b\n"
	                            "gratitude * \\bdot\\.com\\b\n"
	                            "gratitude * \\bx[-y]z\\b\n"
	                            "gratitude * \\b(?=(?:lead|led)\\b)\\w+\n"
	                            "gratitude * \\bend\n"
	                            "gratitude * \\bap['’]?ost\\b\n"
	                            "gratitude * \\bhi\\b|\\bbye\\b\n"
	                            "gratitude * [!?]{4}\n"
	                            "escalation * \\b-x\n"
	                            "escalation * \\bplain\\b\n";
	static const struct {
		enum fb_rule_signal signal;
		const char *text;
		long line; /* 0: no match */
	} cases[] = {
		{ S(ACCEPTANCE), "super", 1 },
		{ S(ACCEPTANCE), "SUPER!", 1 },
		{ S(ACCEPTANCE), "kelvin", 2 },
		{ S(ACCEPTANCE), "KELVIN", 2 },
		{ S(GRATITUDE), "post", 3 },
		{ S(GRATITUDE), "BACK", 4 },
		{ S(GRATITUDE), "elan", 5 },
		{ S(GRATITUDE), "etat", 6 },
		{ S(GRATITUDE), "abcd", 7 },
		{ S(GRATITUDE), "xabcd", 0 },
		{ S(GRATITUDE), "foobaz", 8 },
		{ S(GRATITUDE), "foobar", 0 },
		{ S(GRATITUDE), "nice one", 9 },
		{ S(GRATITUDE), "very nice one", 9 },
		{ S(GRATITUDE), "zztop", 10 },
		{ S(GRATITUDE), "zzzzztop", 10 },
		{ S(GRATITUDE), "rr", 0 },
		{ S(GRATITUDE), "qrr", 11 },
		{ S(GRATITUDE), "qqqrr", 11 },
		{ S(GRATITUDE), "nn", 0 },
		{ S(GRATITUDE), "mnn", 12 },
		{ S(GRATITUDE), "mmmnn", 12 },
		{ S(GRATITUDE), "case closed", 13 },
		{ S(GRATITUDE), "case \t closed", 13 },
		{ S(GRATITUDE), "abcdefghijklmnopqrstuvwxyz", 14 },
		{ S(GRATITUDE), "abcdefghijklmnopq", 0 },
		{ S(GRATITUDE), "other", 15 },
		{ S(GRATITUDE), "word", 15 },
		{ S(GRATITUDE), "dot.com", 16 },
		{ S(GRATITUDE), "dotxcom", 0 },
		{ S(GRATITUDE), "xyz", 17 },
		{ S(GRATITUDE), "x-z", 17 },
		{ S(GRATITUDE), "lead on", 18 },
		{ S(GRATITUDE), "leader", 0 },
		{ S(GRATITUDE), "endless", 19 },
		{ S(GRATITUDE), "apost", 20 },
		{ S(GRATITUDE), "ap'ost", 20 },
		{ S(GRATITUDE), "oh hi", 21 },
		{ S(GRATITUDE), "bye", 21 },
		{ S(GRATITUDE), "what????", 22 },
		{ S(GRATITUDE), "nothing here", 0 },
		{ S(GRATITUDE), "oh byes", 0 },
		{ S(ESCALATION), "a-x", 23 },
		{ S(ESCALATION), "plain", 24 },
		{ S(ESCALATION), "-x", 0 },
	};
	struct fb_rules *r = fb_rules_new();
	struct fb_error err = { 0, 0, "" };
	size_t i;

	CHECK(fb_rules_add(r, "<test>", rules, strlen(rules), &err) == 0);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fb_rule_match m = { NULL, NULL, 0, NULL, 0, 0 };
		size_t len = strlen(cases[i].text);
		int hit = fb_rules_search(r, cases[i].signal, cases[i].text, len, &m);

		if (hit != (cases[i].line > 0) || m.line != cases[i].line)
			fprintf(stderr, "\"%s\": got line %ld, want %ld\n", cases[i].text, m.line,
			        cases[i].line);
		CHECK(hit == (cases[i].line > 0));
		CHECK(m.line == cases[i].line);
		CHECK(same_either_way(r, cases[i].text, len));
	}
	fb_rules_free(r);
}

/* Rules with letters outside ASCII, for the prefilter of such text. */
static void test_prefilter_utf8(void)
{
	static const char rules[] = "gratitude * \\bdéjà vu\\b\n"
	                            "gratitude * \\bgroß\\b\n"
	                            "gratitude * \\bc’est top\\b\n"
	                            "gratitude * \\bmerci\\s+bien\\b\n"
	                            "gratitude * \\bπάρα\\b\n"
	                            "gratitude * \\béclair\\b\n"
	                            "gratitude * \\bna[iï]ve\\b\n"
	                            "gratitude * \\bstraße\\b\n"
	                            "gratitude * \\bnein,*\\s+danke\\b\n"
	                            "gratitude * \\bÅngström\\b\n";
	static const struct {
		const char *text;
		long line; /* 0: no match */
	} cases[] = {
		{ "déjà vu", 1 },
		{ "DÉJÀ VU", 1 },
		{ "Déjà Vu!", 1 },
		{ "deja vu", 0 },
		{ "groß", 2 },
		{ "GROẞ", 2 },
		{ "gross", 0 },
		{ "c’est top", 3 },
		{ "C’EST TOP", 3 },
		{ "c'est top", 0 },
		{ "merci bien", 4 },
		{ "merci\xc2\xa0"
		  "bien",
		  4 },
		{ "merci \xe2\x80\x83\tbien", 4 },
		{ "merci\n\nbien", 4 },
		{ "mercibien", 0 },
		{ "πάρα", 5 },
		{ "ΠΆΡΑ", 5 },
		{ "para", 0 },
		{ "éclair", 6 },
		{ "ÉCLAIR", 6 },
		{ "eclair", 0 },
		{ "naïve", 7 },
		{ "NAÏVE", 7 },
		{ "naive", 7 },
		{ "STRASSE", 0 },
		{ "STRAẞE", 8 },
		{ "nein,,, danke é", 9 },
		{ "nein danke", 9 },
		{ "nein\xc2\xa0"
		  "danke",
		  9 },
		{ "Ångström", 10 },
		{ "\xe2\x84\xabngström", 10 },
		{ "ÅNGSTRÖM", 10 },
		{ "nothing à voir", 0 },
		{ "merci", 0 },
	};
	struct fb_rules *r = fb_rules_new();
	struct fb_error err = { 0, 0, "" };
	size_t i;

	CHECK(fb_rules_add(r, "<test>", rules, strlen(rules), &err) == 0);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fb_rule_match m = { NULL, NULL, 0, NULL, 0, 0 };
		size_t len = strlen(cases[i].text);
		int hit = fb_rules_search(r, S(GRATITUDE), cases[i].text, len, &m);

		if (hit != (cases[i].line > 0) || m.line != cases[i].line)
			fprintf(stderr, "\"%s\": got line %ld, want %ld\n", cases[i].text, m.line,
			        cases[i].line);
		CHECK(hit == (cases[i].line > 0));
		CHECK(m.line == cases[i].line);
		CHECK(same_either_way(r, cases[i].text, len));
	}
	fb_rules_free(r);
}

int main(void)
{
	RUN(test_signal_names);
	RUN(test_parse_errors);
	RUN(test_accepted_forms);
	RUN(test_nothing_added_on_error);
	RUN(test_match_details);
	RUN(test_unjoinable);
	RUN(test_limit);
	RUN(test_defaults_load);
	RUN(test_default_phrases);
	RUN(test_prefilter);
	RUN(test_prefilter_shapes);
	RUN(test_prefilter_utf8);
	return CHECK_DONE();
}
