/* Privacy redaction: replaces personal data and secrets in text with typed
 * placeholders such as "[EMAIL]". The built-in rules (PCRE2 patterns, in
 * lib/fb_redact_default.c; fb_redact_default_text() lists them) are, in
 * order of priority:
 *
 *   EMAIL  local@domain.tld: a run of word characters, dots, %, + and -, an
 *          @, and a domain of at least two dot-separated labels.
 *   KEY    API keys and tokens: sk-/pk-/rk- and sk_live_/sk_test_-style
 *          keys with at least 20 more characters (OpenAI, Stripe,
 *          Anthropic), AWS access key ids (AKIA, ASIA, ... + 16 upper-case
 *          letters or digits), GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_
 *          + 36 or more, github_pat_), Slack tokens (xoxb-, xoxp-, xoxa-,
 *          xoxr-, xoxs-), Google API keys (AIza + 35), JSON web tokens
 *          (eyJ...eyJ...sig), runs of 32 or more hex digits (this includes
 *          MD5/SHA digests and git object ids, which cannot be told from
 *          hex secrets; UUIDs, with their dashes, are not matched), and
 *          base64-like runs of 32 or more letters, digits, +, /, _ and -
 *          (and = padding) with both cases, at least two digits, a
 *          character entropy of at least min(log2(length) - 1.1, 4.5) bits
 *          and less than 55% of the run in runs of three or more
 *          lower-case letters (so long words, paths and camel-case names
 *          such as "AbstractSingletonProxyFactoryBean2023" stay).
 *   IBAN   two upper-case letters, two check digits and 11 to 30 upper-case
 *          letters or digits, optionally in space-separated groups; kept
 *          only when 15 to 34 characters long and the ISO 13616 mod-97
 *          check passes (the longest passing prefix that ends at a group
 *          boundary is taken).
 *   CARD   13 to 19 digits, optionally grouped with spaces or dashes (one
 *          kind of separator, groups of 3 to 6 digits, the last 2 to 6),
 *          first digit 2 to 6 (the card networks' ranges), and a passing
 *          Luhn check. A 16-digit number that fails Luhn is left alone.
 *   IP     IPv4 dotted quads with every part 0-255 and no leading zeros,
 *          not inside a longer dotted number; a four-part version number
 *          such as "1.2.3.4" is an address too unless written "v1.2.3.4"
 *          or after "version ". IPv6 addresses in full or "::" compressed
 *          form with at least one digit and two colons ("fe80::1",
 *          "2001:db8::8a2e:370:7334"; "12:30:45" is not one).
 *   PHONE  a "+" and 8 to 15 digits in groups (+1 (415) 555-2671,
 *          +44 20 7946 0958, +4915123456789); North American (415)
 *          555-2671, 415-555-2671, 415.555.2671, 415 555 2671 with an
 *          optional leading 1; and national numbers with a trunk 0 in
 *          groups split by one kind of separator (space, /, . or -) with 9
 *          to 12 digits in all (020 7946 0958, 07700 900123, 01 23 45 67 89,
 *          030/1234567). Digits without separators and without "+" are not
 *          phone numbers (they are as likely order numbers), nor are years,
 *          prices, dates (2024-01-15, 01.02.2024), times or versions.
 *
 * Every pattern needs a boundary on both sides (no letter, digit or joiner
 * it would cut through). Where matches overlap, the earliest start wins,
 * then the longest, then the rule listed first (built-ins before file rules,
 * file rules in file order); text is scanned once, left to right, and
 * placeholders are never scanned again.
 *
 * A rules file (--redact-rules) adds rules. It is UTF-8 text, one rule per
 * line:
 *
 *     # comment; blank lines are ignored
 *     NAME  PATTERN
 *
 * NAME is 1 to 32 ASCII letters, digits and underscores starting with a
 * letter; it is upper-cased and the placeholder is "[NAME]". A NAME may be
 * one of the built-in types (adding a pattern to it, without its C check)
 * or a new type. NAME and PATTERN are separated by spaces or tabs; PATTERN
 * is the rest of the line without its trailing blanks, PCRE2 in UTF and UCP
 * mode, caseless unless it starts with (?-i). A line whose first non-blank
 * character is "#" is a comment ("#" later in a line is part of the
 * pattern); \r\n line ends are accepted. */
#ifndef FB_REDACT_H
#define FB_REDACT_H

#include <stddef.h>

#include "fb_error.h"

/* The built-in types; rules files may add more, numbered from
 * FB_REDACT_NBUILTIN in order of first appearance. */
enum fb_redact_type {
	FB_REDACT_EMAIL,
	FB_REDACT_KEY,
	FB_REDACT_IBAN,
	FB_REDACT_CARD,
	FB_REDACT_IP,
	FB_REDACT_PHONE,
	FB_REDACT_NBUILTIN
};

struct fb_redact; /* opaque; holds match state: one thread at a time */

/* Returns a new redactor with the built-in rules. Free with
 * fb_redact_free. */
struct fb_redact *fb_redact_new(void);
void fb_redact_free(struct fb_redact *r);

/* Adds the rules in text (len bytes), the contents of a rules file; the
 * caller names the file in messages. Returns 0, or -1 with err->line, err->column
 * (1-based, in bytes) and err->text: "missing pattern", "invalid rule name 'x'" (NAME not as
 * above), "invalid pattern: <pcre2 message>" (the column then points at the
 * error inside the pattern), "pattern matches empty text" or "nul byte in
 * rule". Nothing is added on error. */
int fb_redact_add_rules(struct fb_redact *r, const char *text, size_t len, struct fb_error *err);

/* Number of types (FB_REDACT_NBUILTIN plus the new names from rules
 * files): the size of the counts array of fb_redact_text. */
size_t fb_redact_ntypes(const struct fb_redact *r);

/* The name of a type ("EMAIL", ...; the placeholder is "[" name "]"), or
 * NULL when type >= fb_redact_ntypes. Owned by r. */
const char *fb_redact_type_name(const struct fb_redact *r, size_t type);

/* The built-in rules as rules-file text ("NAME<TAB>PATTERN" lines; their C
 * checks are described in comments). Static storage. */
const char *fb_redact_default_text(void);

/* Returns a new NUL-terminated copy of s (len bytes of valid UTF-8, as
 * jansson strings are) with every match replaced by its placeholder, its
 * length in *outlen (may be NULL). When counts is not NULL, counts[t] is
 * increased by the number of replacements of type t (an array of
 * fb_redact_ntypes entries; it is added to, not reset, so a caller can sum
 * over records). Free the result with free(). */
char *fb_redact_text(struct fb_redact *r, const char *s, size_t len, size_t *outlen,
                     size_t *counts);

/* Number of texts so far in which a pattern hit PCRE2's match limit and so
 * stopped matching for the rest of that text (which may then keep some of
 * what it should have lost); the caller may warn when it is not 0. */
size_t fb_redact_limit_hits(const struct fb_redact *r);

#endif
