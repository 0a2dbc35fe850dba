/* Unit tests of the TF-IDF words of lib/fb_text: folding, scripts without
 * spaces, stop words, language guessing, stemming. */
#include "check.h"
#include "fb_alloc.h"
#include "fb_text.h"

static void test_words(void)
{
	static const struct {
		const char *text;
		const char *want; /* words joined by '|' */
	} cases[] = {
		{ "", "" },
		{ "  ,,, !!", "" },
		{ "Hello, World", "hello|world" },
		{ "Straße CAFÉ Ǆemal", "strasse|café|džemal" }, /* NFKC + case folding */
		{ "ﬁle ①", "file|1" },                          /* compatibility forms */
		{ "l'adresse d'été", "l|adresse|d|été" },       /* apostrophes split */
		{ "Привет МИР", "привет|мир" },                 /* Cyrillic */
		{ "Γειά σου Κόσμε", "γειά|σου|κόσμε" },         /* Greek */
		{ "مرحبا بالعالم", "مرحبا|بالعالم" },           /* Arabic */
		{ "नमस्ते दुनिया", "नमस्ते|दुनिया" },                 /* Devanagari with marks */
		{ "我想退货", "我|想|退|货" },                  /* Han: one word a character */
		{ "パスワードをリセット", "パ|ス|ワ|ー|ド|を|リ|セ|ッ|ト" }, /* kana */
		{ "abc\xff"
		  "def",
		  "abc|def" }, /* invalid byte separates */
	};
	struct fb_text_words w = { 0 };
	char got[256];
	size_t i, j, len;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fb_text_words(cases[i].text, strlen(cases[i].text), &w);
		got[0] = '\0';
		for (j = 0, len = 0; j < w.n; j++)
			len += (size_t)snprintf(got + len, sizeof got - len, "%s%s", j ? "|" : "",
			                        w.buf + w.off[j]);
		CHECK_STR(got, cases[i].want);
	}
	fb_text_words_free(&w);
}

/* Every stop word is one word that folds to itself, and the lists are
 * sorted, as bsearch needs. */
static void test_stopword_lists(void)
{
	struct fb_text_words w = { 0 };
	const char *const *list;
	size_t n, i;
	int l;

	for (l = 1; l < FB_TEXT_NLANGS; l++) {
		list = fb_text_stopwords((enum fb_text_lang)l, &n);
		CHECK(n >= 90);
		for (i = 0; i < n; i++) {
			fb_text_words(list[i], strlen(list[i]), &w);
			CHECK(w.n == 1 && strcmp(w.buf, list[i]) == 0);
			CHECK(i == 0 || strcmp(list[i - 1], list[i]) < 0);
			CHECK(fb_text_is_stopword((enum fb_text_lang)l, list[i]));
		}
	}
	CHECK(fb_text_is_stopword(FB_TEXT_LANG_EN, "the"));
	CHECK(!fb_text_is_stopword(FB_TEXT_LANG_EN, "password"));
	CHECK(fb_text_is_stopword(FB_TEXT_LANG_DE, "dass"));
	CHECK(!fb_text_is_stopword(FB_TEXT_LANG_NONE, "the"));
	CHECK(fb_text_stopwords(FB_TEXT_LANG_NONE, &n) == NULL && n == 0);
	fb_text_words_free(&w);
}

static void test_guess_lang(void)
{
	static const struct {
		const char *text;
		enum fb_text_lang prefer, want;
	} cases[] = {
		{ "how do I reset my password", FB_TEXT_LANG_NONE, FB_TEXT_LANG_EN },
		{ "¿cómo puedo cambiar la dirección de envío?", FB_TEXT_LANG_NONE,
		  FB_TEXT_LANG_ES },
		{ "je voudrais annuler mon abonnement", FB_TEXT_LANG_NONE, FB_TEXT_LANG_FR },
		{ "ich möchte mein Passwort zurücksetzen", FB_TEXT_LANG_NONE, FB_TEXT_LANG_DE },
		{ "vorrei annullare il mio ordine", FB_TEXT_LANG_NONE, FB_TEXT_LANG_IT },
		{ "quero falar com um humano", FB_TEXT_LANG_NONE, FB_TEXT_LANG_PT },
		{ "SN-12345", FB_TEXT_LANG_EN, FB_TEXT_LANG_NONE },
		/* "a" is a stop word of es, fr, it and pt: the preference wins. */
		{ "a", FB_TEXT_LANG_PT, FB_TEXT_LANG_PT },
		{ "a", FB_TEXT_LANG_NONE, FB_TEXT_LANG_EN },
	};
	struct fb_text_words w = { 0 };
	unsigned langs[16];
	size_t i, j, hits;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fb_text_words(cases[i].text, strlen(cases[i].text), &w);
		for (j = 0; j < w.n; j++)
			langs[j] = fb_text_stopword_langs(w.buf + w.off[j]);
		CHECK(fb_text_guess_lang(langs, w.n, cases[i].prefer, NULL) == cases[i].want);
	}
	fb_text_words_free(&w);
	CHECK(fb_text_stopword_langs("a") ==
	      (1u << FB_TEXT_LANG_EN | 1u << FB_TEXT_LANG_ES | 1u << FB_TEXT_LANG_FR |
	       1u << FB_TEXT_LANG_IT | 1u << FB_TEXT_LANG_PT));
	CHECK(fb_text_stopword_langs("password") == 0);
	langs[0] = 1u << FB_TEXT_LANG_DE;
	langs[1] = 1u << FB_TEXT_LANG_DE | 1u << FB_TEXT_LANG_EN;
	CHECK(fb_text_guess_lang(langs, 2, FB_TEXT_LANG_NONE, &hits) == FB_TEXT_LANG_DE);
	CHECK(hits == 2);
}

static void test_stem(void)
{
	static const struct {
		enum fb_text_lang lang;
		const char *word, *want;
	} cases[] = {
		{ FB_TEXT_LANG_EN, "passwords", "password" },
		{ FB_TEXT_LANG_EN, "cancelling", "cancel" },
		{ FB_TEXT_LANG_ES, "contraseñas", "contraseñ" },
		{ FB_TEXT_LANG_FR, "abonnements", "abon" },
		{ FB_TEXT_LANG_DE, "bestellungen", "bestell" },
		{ FB_TEXT_LANG_IT, "ordini", "ordin" },
		{ FB_TEXT_LANG_PT, "senhas", "senh" },
		{ FB_TEXT_LANG_NONE, "passwords", "passwords" },
	};
	struct fb_text_stemmer *s = fb_text_stemmer_new();
	size_t i, n;
	const char *got;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = fb_text_stem(s, cases[i].lang, cases[i].word, strlen(cases[i].word), &n);
		CHECK_STR(got, cases[i].want);
		CHECK(n == strlen(cases[i].want));
	}
	CHECK(fb_text_lang_from_name("pt") == FB_TEXT_LANG_PT);
	CHECK(fb_text_lang_from_name("none") == FB_TEXT_LANG_NONE);
	CHECK(fb_text_lang_from_name("auto") == -1);
	CHECK_STR(fb_text_lang_name(FB_TEXT_LANG_DE), "de");
	fb_text_stemmer_free(s);
}

int main(void)
{
	fb_alloc_init("t_text_words");
	RUN(test_words);
	RUN(test_stopword_lists);
	RUN(test_guess_lang);
	RUN(test_stem);
	return CHECK_DONE();
}
