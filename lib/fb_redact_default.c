/* The built-in redaction rules: PCRE2 patterns, and the checks in C that a
 * pattern cannot do (Luhn, mod-97, digit counts, entropy). fb_redact.h
 * describes them in words; each pattern is a macro so that the rules-file
 * text of fb_redact_default_text() is one string literal. */
#include <math.h>
#include <string.h>

#include "fb_redact.h"
#include "fb_redact_impl.h"

/* No letter, digit or joiner on either side, so that a pattern never cuts a
 * longer token. */
#define EMAIL "(?<![\\w.%+-])[\\w.%+-]+@[\\w-]+(?:\\.[\\w-]+)*\\.\\p{L}[\\p{L}\\p{N}-]*+(?![\\w-])"

#define KEY_NAMED                                                                                  \
	"(?-i)(?<![\\w-])(?:(?:sk|pk|rk)[-_](?:(?:live|test|proj|ant-api\\d\\d)[-_])?[A-Za-z0-9_-" \
	"]{20,}"                                                                                   \
	"|(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}"                                 \
	"|gh[pousr]_[A-Za-z0-9]{36,255}"                                                           \
	"|github_pat_[A-Za-z0-9_]{22,255}"                                                         \
	"|xox[abprs]-[A-Za-z0-9-]{10,}"                                                            \
	"|AIza[A-Za-z0-9_-]{35}"                                                                   \
	"|eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})(?![\\w-])"

#define KEY_HEX "(?-i)(?<![\\w-])[0-9a-fA-F]{32,}+(?![\\w-])"

#define KEY_BASE64 "(?-i)(?<![\\w+/=-])[A-Za-z0-9+/_-]{32,}+={0,2}(?![\\w+/=-])"

#define IBAN "(?-i)(?<!\\w)[A-Z]{2}\\d\\d(?: ?[A-Z0-9]){11,30}(?!\\w)"

#define CARD "(?<![\\w.,-])[2-6](?:\\d[ -]?){11,17}\\d(?![\\w-]|[.,]\\d)"

#define OCTET "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
#define IPV4 "(?<![\\w.])(?<!version\\s)(?:" OCTET "\\.){3}" OCTET "(?!\\w|\\.\\d)"

#define H "[0-9a-f]{1,4}"
#define IPV6                                                                                   \
	"(?<![\\w:.])(?:(?:" H ":){7}" H "|(?:" H ":){1,7}:|(?:" H ":){1,6}:" H "|(?:" H       \
	":){1,5}(?::" H "){1,2}|(?:" H ":){1,4}(?::" H "){1,3}|(?:" H ":){1,3}(?::" H "){1,4}" \
	"|(?:" H ":){1,2}(?::" H "){1,5}|" H ":(?::" H "){1,6}|::(?:" H ":){0,6}" H ")(?![\\w:])"

#define PHONE_INTL \
	"(?<![\\w+])\\+\\d{1,3}+(?:[ .-]?(?:\\(\\d{1,4}+\\)|\\d{1,5}+)){1,6}(?!\\w|[.,]\\d)"

#define PHONE_NANP                                                               \
	"(?<![\\w+.,/-])(?:1[ .-])?(?:\\(\\d{3}\\) ?\\d{3}[ .-]\\d{4}|\\d{3}([ " \
	".-])\\d{3}\\1\\d{4})"                                                   \
	"(?![\\w-]|[.,:]\\d)"

#define PHONE_NATIONAL \
	"(?<![\\w+.,/-])0\\d{1,4}+([ /.-])\\d{2,8}+(?:\\1\\d{2,4}+){0,4}(?![\\w-]|[.,:/]\\d)"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t count_digits(const char *s, size_t start, size_t end)
{
	size_t i, n = 0;

	for (i = start; i < end; i++)
		n += is_digit(s[i]);
	return n;
}

/* Secrets are random: a base64-like run of n characters needs both cases,
 * two digits, a character entropy of at least min(log2(n) - 1.1, 4.5) bits
 * (random runs reach it in more than 99.9% of cases) and less than 55% of
 * its characters in runs of three or more lower-case letters (words, as in
 * camel-case identifiers such as "AbstractSingletonProxyFactoryBean2"). */
static int check_base64(const char *s, size_t start, size_t *end)
{
	unsigned counts[256] = { 0 };
	size_t i, n = *end - start, upper = 0, digits = 0, run = 0, in_words = 0;
	double h = 0, p, need;

	for (i = start; i < *end; i++) {
		unsigned char c = (unsigned char)s[i];

		counts[c]++;
		upper += c >= 'A' && c <= 'Z';
		digits += is_digit((char)c);
		if (c >= 'a' && c <= 'z') {
			run++;
			continue;
		}
		if (run >= 3)
			in_words += run;
		run = 0;
	}
	if (run >= 3)
		in_words += run;
	if (!upper || upper + digits == n || digits < 2 || 100 * in_words >= 55 * n)
		return 0;
	for (i = 0; i < 256; i++) {
		if (!counts[i])
			continue;
		p = (double)counts[i] / (double)n;
		h -= p * log2(p);
	}
	need = log2((double)n) - 1.1;
	return h >= (need < 4.5 ? need : 4.5);
}

/* A long number is not a hex key: one letter and one digit at least. */
static int check_hex(const char *s, size_t start, size_t *end)
{
	size_t digits = count_digits(s, start, *end);

	return digits > 0 && digits < *end - start;
}

/* ISO 13616: the first four characters moved to the end, letters read as
 * 10..35, the number mod 97 is 1. */
static int iban_ok(const char *s, size_t start, size_t end)
{
	char buf[34];
	size_t i, n = 0;
	unsigned rem = 0;

	for (i = start; i < end; i++) {
		if (s[i] == ' ')
			continue;
		if (n == sizeof buf)
			return 0;
		buf[n++] = s[i];
	}
	if (n < 15)
		return 0;
	for (i = 0; i < n; i++) {
		char c = buf[(i + 4) % n];

		if (is_digit(c))
			rem = (rem * 10 + (unsigned)(c - '0')) % 97;
		else
			rem = (rem * 100 + (unsigned)(c - 'A' + 10)) % 97;
	}
	return rem == 1;
}

/* The pattern runs on over following upper-case words ("... 00 BIC"):
 * the longest prefix that passes and ends at a group boundary wins. */
static int check_iban(const char *s, size_t start, size_t *end)
{
	size_t e;

	for (e = *end; e > start; e--) {
		if (e != *end && s[e] != ' ')
			continue;
		if (iban_ok(s, start, e)) {
			*end = e;
			return 1;
		}
	}
	return 0;
}

/* 13 to 19 digits; when grouped, one kind of separator and groups of 3 to 6
 * digits (the last one 2 to 6, as in 14-digit Diners numbers); Luhn. */
static int check_card(const char *s, size_t start, size_t *end)
{
	size_t i, n = 0, group = 0, sum = 0;
	char sep = 0;
	int d;

	for (i = start; i < *end; i++) {
		if (!is_digit(s[i])) {
			if ((sep && s[i] != sep) || group < 3 || group > 6)
				return 0;
			sep = s[i];
			group = 0;
			continue;
		}
		group++;
		n++;
	}
	if (n < 13 || n > 19 || (sep && (group < 2 || group > 6)))
		return 0;
	/* Luhn: from the right, every second digit doubled. */
	for (i = *end, n = 0; i > start; i--) {
		if (!is_digit(s[i - 1]))
			continue;
		d = s[i - 1] - '0';
		if (n++ % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += (size_t)d;
	}
	return sum % 10 == 0;
}

/* "a::" and "add::" are not addresses: a digit and two colons at least. */
static int check_ipv6(const char *s, size_t start, size_t *end)
{
	size_t i, colons = 0;

	for (i = start; i < *end; i++)
		colons += s[i] == ':';
	return colons >= 2 && count_digits(s, start, *end) > 0;
}

static int check_phone_intl(const char *s, size_t start, size_t *end)
{
	size_t n = count_digits(s, start, *end);

	return n >= 8 && n <= 15;
}

static int check_phone_national(const char *s, size_t start, size_t *end)
{
	size_t n = count_digits(s, start, *end);

	return n >= 9 && n <= 12;
}

const struct fb_redact_builtin fb_redact_builtins[] = {
	{ FB_REDACT_EMAIL, FB_REDACT_NEEDS_AT, EMAIL, NULL },
	{ FB_REDACT_KEY, 0, KEY_NAMED, NULL },
	{ FB_REDACT_KEY, FB_REDACT_NEEDS_DIGIT, KEY_HEX, check_hex },
	{ FB_REDACT_KEY, FB_REDACT_NEEDS_DIGIT, KEY_BASE64, check_base64 },
	{ FB_REDACT_IBAN, FB_REDACT_NEEDS_DIGIT, IBAN, check_iban },
	{ FB_REDACT_CARD, FB_REDACT_NEEDS_DIGIT, CARD, check_card },
	{ FB_REDACT_IP, FB_REDACT_NEEDS_DIGIT, IPV4, NULL },
	{ FB_REDACT_IP, FB_REDACT_NEEDS_DIGIT, IPV6, check_ipv6 },
	{ FB_REDACT_PHONE, FB_REDACT_NEEDS_DIGIT, PHONE_INTL, check_phone_intl },
	{ FB_REDACT_PHONE, FB_REDACT_NEEDS_DIGIT, PHONE_NANP, NULL },
	{ FB_REDACT_PHONE, FB_REDACT_NEEDS_DIGIT, PHONE_NATIONAL, check_phone_national },
};

const size_t fb_redact_nbuiltins = sizeof fb_redact_builtins / sizeof fb_redact_builtins[0];

const char *fb_redact_default_text(void)
{
	return "# The built-in redaction rules (see fb_redact.h). Rules files extend them\n"
	       "# in this format; the checks in C noted here apply to built-in rules only.\n"
	       "EMAIL\t" EMAIL "\n"
	       "KEY\t" KEY_NAMED "\n"
	       "# needs a letter and a digit\n"
	       "KEY\t" KEY_HEX "\n"
	       "# needs both cases, two digits, entropy >= min(log2(length) - 1.1, 4.5) bits\n"
	       "# and under 55% of it in runs of 3+ lower-case letters\n"
	       "KEY\t" KEY_BASE64 "\n"
	       "# 15 to 34 characters, mod-97 check\n"
	       "IBAN\t" IBAN "\n"
	       "# 13 to 19 digits, one separator kind, groups of 3 to 6, Luhn check\n"
	       "CARD\t" CARD "\n"
	       "IP\t" IPV4 "\n"
	       "# needs a digit and two colons\n"
	       "IP\t" IPV6 "\n"
	       "# 8 to 15 digits\n"
	       "PHONE\t" PHONE_INTL "\n"
	       "PHONE\t" PHONE_NANP "\n"
	       "# 9 to 12 digits\n"
	       "PHONE\t" PHONE_NATIONAL "\n";
}
