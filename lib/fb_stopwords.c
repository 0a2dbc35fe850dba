/* Stop words of the languages fbloop stems: short lists of the function
 * words (articles, pronouns, prepositions, auxiliaries) and the greetings and
 * politeness that open prompts, folded as fb_text_words folds (NFKC, case
 * folded, accents kept), sorted by bytes for bsearch. They are for grouping
 * and for guessing the language, not linguistics: a word that carries intent
 * in some prompts ("help", "order") is not here. */
#include <string.h>

#include "fb_text.h"

static const char *const en_words[] = {
	"a",       "about",   "above",      "after",      "again",   "against", "all",     "also",
	"am",      "an",      "and",        "any",        "are",     "aren",    "as",      "at",
	"be",      "because", "been",       "before",     "being",   "below",   "between", "both",
	"but",     "by",      "can",        "cannot",     "cant",    "could",   "couldn",  "did",
	"didn",    "do",      "does",       "doesn",      "doing",   "don",     "dont",    "down",
	"during",  "each",    "few",        "for",        "from",    "further", "get",     "got",
	"had",     "hadn",    "has",        "hasn",       "have",    "haven",   "having",  "he",
	"hello",   "her",     "here",       "hers",       "herself", "hey",     "hi",      "him",
	"himself", "his",     "how",        "i",          "id",      "if",      "im",      "in",
	"into",    "is",      "isn",        "isnt",       "it",      "its",     "itself",  "ive",
	"just",    "let",     "ll",         "me",         "might",   "more",    "most",    "must",
	"mustn",   "my",      "myself",     "no",         "nor",     "not",     "now",     "of",
	"off",     "ok",      "okay",       "on",         "once",    "only",    "or",      "other",
	"ought",   "our",     "ours",       "ourselves",  "out",     "over",    "own",     "please",
	"re",      "same",    "shall",      "shan",       "she",     "should",  "shouldn", "so",
	"some",    "such",    "than",       "thank",      "thanks",  "that",    "the",     "their",
	"theirs",  "them",    "themselves", "then",       "there",   "these",   "they",    "this",
	"those",   "through", "to",         "too",        "under",   "until",   "up",      "us",
	"ve",      "very",    "was",        "wasn",       "we",      "were",    "weren",   "what",
	"when",    "where",   "which",      "while",      "who",     "whom",    "why",     "will",
	"with",    "won",     "would",      "wouldn",     "yeah",    "yes",     "you",     "your",
	"youre",   "yours",   "yourself",   "yourselves",
};
static const char *const es_words[] = {
	"a",      "al",      "algo",    "algunas",  "algunos",  "ante",   "antes", "como",
	"con",    "contra",  "cual",    "cuando",   "cuál",     "cómo",   "de",    "del",
	"desde",  "donde",   "durante", "dónde",    "e",        "el",     "ella",  "ellas",
	"ellos",  "en",      "entre",   "era",      "erais",    "eran",   "eras",  "eres",
	"es",     "esa",     "esas",    "ese",      "eso",      "esos",   "esta",  "estaba",
	"estado", "estamos", "estan",   "estar",    "estas",    "este",   "esto",  "estos",
	"estoy",  "está",    "están",   "favor",    "fue",      "fueron", "fui",   "gracias",
	"ha",     "haber",   "habéis",  "había",    "han",      "has",    "hasta", "hay",
	"he",     "hola",    "la",      "las",      "le",       "les",    "lo",    "los",
	"me",     "mi",      "mis",     "mucho",    "muchos",   "muy",    "más",   "mí",
	"mía",    "mío",     "nada",    "necesito", "ni",       "no",     "nos",   "nosotros",
	"o",      "os",      "otra",    "otro",     "para",     "pero",   "poco",  "por",
	"porque", "puedes",  "puedo",   "que",      "quien",    "quiero", "qué",   "se",
	"sea",    "ser",     "si",      "sido",     "sin",      "sobre",  "son",   "soy",
	"su",     "sus",     "sí",      "también",  "tanto",    "te",     "tengo", "tiene",
	"tienen", "todo",    "todos",   "tu",       "tus",      "tú",     "un",    "una",
	"uno",    "unos",    "usted",   "ustedes",  "vosotros", "y",      "ya",    "yo",
	"él",
};
static const char *const fr_words[] = {
	"a",      "ai",   "aie",      "ait",    "as",    "au",       "aux",     "avais",
	"avait",  "avec", "avez",     "avoir",  "avons", "bonjour",  "c",       "ce",
	"ceci",   "cela", "ces",      "cet",    "cette", "comme",    "comment", "d",
	"dans",   "de",   "des",      "du",     "elle",  "elles",    "en",      "es",
	"est",    "et",   "eu",       "eux",    "faire", "fait",     "il",      "ils",
	"j",      "je",   "l",        "la",     "le",    "les",      "leur",    "leurs",
	"lui",    "m",    "ma",       "mais",   "me",    "merci",    "mes",     "moi",
	"mon",    "même", "n",        "ne",     "nos",   "notre",    "nous",    "on",
	"ont",    "ou",   "où",       "par",    "pas",   "peu",      "peut",    "peux",
	"plus",   "pour", "pourquoi", "pouvez", "qu",    "quand",    "que",     "quel",
	"quelle", "qui",  "s",        "sa",     "sans",  "se",       "ses",     "si",
	"sommes", "son",  "sont",     "suis",   "sur",   "svp",      "t",       "ta",
	"te",     "tes",  "toi",      "ton",    "tous",  "tout",     "très",    "tu",
	"un",     "une",  "veux",     "vos",    "votre", "voudrais", "vous",    "y",
	"à",      "ça",   "étaient",  "était",  "étant", "été",      "êtes",    "être",
};
static const char *const de_words[] = {
	"aber",     "alle",   "allem",  "allen",   "aller",  "alles",  "als",   "also",  "am",
	"an",       "ander",  "andere", "anderen", "auch",   "auf",    "aus",   "bei",   "bin",
	"bis",      "bist",   "bitte",  "da",      "damit",  "danke",  "dann",  "das",   "dass",
	"dein",     "deine",  "dem",    "den",     "denn",   "der",    "des",   "dich",  "die",
	"dir",      "doch",   "dort",   "du",      "durch",  "ein",    "eine",  "einem", "einen",
	"einer",    "eines",  "er",     "es",      "etwas",  "euch",   "euer",  "für",   "gegen",
	"gewesen",  "hab",    "habe",   "haben",   "hallo",  "hat",    "hatte", "hier",  "hin",
	"ich",      "ihm",    "ihn",    "ihnen",   "ihr",    "ihre",   "im",    "in",    "ist",
	"ja",       "jede",   "jeder",  "jetzt",   "kann",   "kannst", "kein",  "keine", "können",
	"könnte",   "man",    "mein",   "meine",   "mich",   "mir",    "mit",   "muss",  "möchte",
	"nach",     "nicht",  "nichts", "noch",    "nun",    "nur",    "ob",    "oder",  "ohne",
	"sehr",     "sein",   "seine",  "sich",    "sie",    "sind",   "so",    "soll",  "um",
	"und",      "uns",    "unser",  "unter",   "viel",   "vom",    "von",   "vor",   "war",
	"waren",    "warum",  "was",    "weil",    "welche", "wenn",   "wer",   "werde", "werden",
	"wie",      "wieder", "wir",    "wird",    "wo",     "wurde",  "zu",    "zum",   "zur",
	"zwischen", "über",
};
static const char *const it_words[] = {
	"a",      "abbiamo", "ad",     "agli",   "ai",     "al",     "alla",   "alle",   "allo",
	"anche",  "avere",   "aveva",  "c",      "che",    "chi",    "ci",     "ciao",   "come",
	"con",    "cosa",    "così",   "da",     "dal",    "dalla",  "dalle",  "dei",    "del",
	"della",  "delle",   "dello",  "di",     "dove",   "e",      "ed",     "era",    "erano",
	"essere", "fa",      "fare",   "fino",   "gli",    "grazie", "ha",     "hai",    "hanno",
	"ho",     "i",       "il",     "in",     "io",     "la",     "le",     "lei",    "li",
	"lo",     "loro",    "lui",    "ma",     "me",     "mi",     "mia",    "mie",    "miei",
	"mio",    "molto",   "ne",     "nei",    "nel",    "nella",  "nelle",  "no",     "noi",
	"non",    "nostro",  "o",      "per",    "perché", "più",    "poi",    "posso",  "puoi",
	"può",    "quale",   "quando", "quanto", "quella", "quelle", "quelli", "quello", "questa",
	"queste", "questi",  "questo", "qui",    "se",     "sei",    "si",     "sia",    "siamo",
	"siete",  "sono",    "sta",    "stato",  "su",     "sua",    "sue",    "sui",    "sul",
	"sulla",  "suo",     "suoi",   "ti",     "tra",    "tu",     "tua",    "tuo",    "tutti",
	"tutto",  "un",      "una",    "uno",    "vi",     "voi",    "vorrei", "è",
};
static const char *const pt_words[] = {
	"a",    "ao",     "aos",    "aquela", "aquele", "aquilo",   "as",       "até",   "com",
	"como", "da",     "das",    "de",     "dela",   "dele",     "deles",    "do",    "dos",
	"e",    "ela",    "elas",   "ele",    "eles",   "em",       "entre",    "era",   "essa",
	"esse", "esta",   "este",   "está",   "estão",  "eu",       "foi",      "for",   "foram",
	"há",   "isso",   "isto",   "já",     "lhe",    "mais",     "mas",      "me",    "meu",
	"meus", "minha",  "minhas", "muito",  "na",     "nas",      "nem",      "no",    "nos",
	"num",  "numa",   "não",    "nós",    "o",      "obrigada", "obrigado", "olá",   "os",
	"ou",   "para",   "pela",   "pelo",   "pode",   "por",      "porque",   "posso", "preciso",
	"qual", "quando", "que",    "quem",   "quero",  "se",       "sem",      "ser",   "seu",
	"seus", "sua",    "suas",   "também", "te",     "tem",      "tenho",    "ter",   "teu",
	"tu",   "tua",    "têm",    "um",     "uma",    "você",     "vocês",    "vos",   "é",
};

#define NWORDS(a) (sizeof a / sizeof a[0])

static const struct {
	const char *const *words;
	size_t n;
} lists[FB_TEXT_NLANGS] = {
	{ NULL, 0 },
	{ en_words, NWORDS(en_words) },
	{ es_words, NWORDS(es_words) },
	{ fr_words, NWORDS(fr_words) },
	{ de_words, NWORDS(de_words) },
	{ it_words, NWORDS(it_words) },
	{ pt_words, NWORDS(pt_words) },
};

/* A binary search that settles most steps on the first byte, without
 * calling strcmp (bsearch's indirect calls took most of guessing the
 * language of a corpus). */
static int find(const char *const *words, size_t n, const char *word)
{
	size_t lo = 0, hi = n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = (unsigned char)word[0] - (unsigned char)words[mid][0];
		if (c == 0 && word[0] != '\0')
			c = strcmp(word + 1, words[mid] + 1);
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

int fb_text_is_stopword(enum fb_text_lang lang, const char *word)
{
	if (lang <= FB_TEXT_LANG_NONE || lang >= FB_TEXT_NLANGS)
		return 0;
	return find(lists[lang].words, lists[lang].n, word);
}

unsigned fb_text_stopword_langs(const char *word)
{
	unsigned langs = 0;

	for (int l = FB_TEXT_LANG_NONE + 1; l < FB_TEXT_NLANGS; l++)
		if (find(lists[l].words, lists[l].n, word))
			langs |= 1u << l;
	return langs;
}

const char *const *fb_text_stopwords(enum fb_text_lang lang, size_t *n)
{
	if (lang <= FB_TEXT_LANG_NONE || lang >= FB_TEXT_NLANGS) {
		*n = 0;
		return NULL;
	}
	*n = lists[lang].n;
	return lists[lang].words;
}
