/* Phrase rules: which words in a message are evidence of which feedback
 * signal. A rules file is UTF-8 text, one rule per line:
 *
 *     # comment; blank lines are ignored
 *     SIGNAL  LANG  PATTERN
 *
 * fields separated by spaces or tabs, PATTERN the rest of the line (PCRE2,
 * caseless, UTF, UCP) without its trailing blanks; "#" starts a comment only
 * at the start of a line, and \r\n line ends are accepted. SIGNAL is one of
 * the names below; LANG a language code (en, es, fr, de, it, pt-BR, ...) or
 * "*", which only labels the rule: every rule is tried on every message.
 * Each signal's rules are joined into one alternation so a message is
 * searched once per signal. */
#ifndef FB_RULES_H
#define FB_RULES_H

#include <stddef.h>

#include "fb_error.h"

/* The signals that phrase rules feed. The first group is looked for in the
 * user's next message, the last two in the assistant's response. */
enum fb_rule_signal {
	FB_RULE_CORRECTION,  /* "that's wrong", "not what I asked", "try again" */
	FB_RULE_FRUSTRATION, /* "useless", "are you stupid", swearing, "???" */
	FB_RULE_GRATITUDE,   /* "thanks", "thank you", "merci", "danke" */
	FB_RULE_ACCEPTANCE,  /* "perfect", "that works", "exactly", "great" */
	FB_RULE_ESCALATION,  /* "talk to a human", "real person", "agent" */
	FB_RULE_FOLLOWUP,    /* "what about", "can you also", "tell me more" */
	FB_RULE_REFUSAL,     /* assistant: "I can't help with", "as an AI" */
	FB_RULE_APOLOGY,     /* assistant: "I apologize", "sorry for the confusion" */
	FB_RULE_NSIGNALS
};

struct fb_rules; /* opaque */

struct fb_rule_match {
	const char *lang;    /* the rule's language, borrowed */
	const char *pattern; /* the rule's pattern text, borrowed */
	long line;           /* the rule's line in its source */
	const char *source;  /* "<default>" or the file name given, borrowed */
	size_t start, end;   /* byte offsets of the match in the subject */
};

/* Returns a new, empty rule set. */
struct fb_rules *fb_rules_new(void);
void fb_rules_free(struct fb_rules *r);

/* Adds the rules in text (len bytes) read from source (a name used in
 * matches; copied). Returns 0, or -1 with err->line, err->column (1-based,
 * in bytes) and err->text: "unknown signal 'thx'", "missing language",
 * "invalid language 'x'", "missing pattern", "invalid pattern: <pcre2
 * message>" (the column then points at the error inside the pattern),
 * "pattern matches empty text" (such a rule would flag every message) or
 * "nul byte in rule". Nothing is added on error. */
int fb_rules_add(struct fb_rules *r, const char *source, const char *text, size_t len,
                 struct fb_error *err);

/* A copy of r that searches the same way, for another thread: a rule set
 * holds match state and serves one thread at a time. The copy shares r's
 * compiled patterns and prefilters, which only get read: r must outlive it
 * and get no rules added meanwhile. */
struct fb_rules *fb_rules_clone(const struct fb_rules *r);

/* Adds the compiled-in default rules (en, es, fr, de, it, pt). */
int fb_rules_add_defaults(struct fb_rules *r, struct fb_error *err);

/* The default rules as rules-file text (for --dump-rules). Static storage. */
const char *fb_rules_default_text(void);

/* Searches text (len bytes of valid UTF-8) with the rules of signal. Returns
 * 1 and fills *m (when m is not NULL) with the rule whose match starts
 * earliest in text, the first in file order when several start there; 0 when
 * none matches (also when a match limit was hit). */
int fb_rules_search(struct fb_rules *r, enum fb_rule_signal signal, const char *text, size_t len,
                    struct fb_rule_match *m);

/* One scan of text (as for fb_rules_search) for the signals in signals (bit
 * 1u << signal each), whose answer fb_rules_search_scanned takes: several
 * signals searched in one message cost one pass of the prefilter. */
unsigned fb_rules_scan(const struct fb_rules *r, unsigned signals, const char *text, size_t len);

/* fb_rules_search, with scanned the answer of fb_rules_scan for the same
 * text and a set of signals that held signal. */
int fb_rules_search_scanned(struct fb_rules *r, enum fb_rule_signal signal, const char *text,
                            size_t len, unsigned scanned, struct fb_rule_match *m);

/* For tests: with on 0, searches run every alternation on every message,
 * without the prefilter that skips those that cannot match; the results
 * are the same either way. Copied by fb_rules_clone. On by default. */
void fb_rules_set_prefilter(struct fb_rules *r, int on);

/* Number of rules for signal. */
size_t fb_rules_count(const struct fb_rules *r, enum fb_rule_signal signal);

/* The signal's name ("correction", ...), and the reverse lookup (-1 when the
 * name is unknown). */
const char *fb_rules_signal_name(enum fb_rule_signal signal);
int fb_rules_signal_from_name(const char *name, size_t len);

#endif
