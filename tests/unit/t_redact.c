#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fb_redact.h"

struct redact_case {
	const char *in, *want;
};

static void run_cases(struct fb_redact *r, const struct redact_case *c, size_t n)
{
	size_t i, outlen;
	char *got;

	for (i = 0; i < n; i++) {
		got = fb_redact_text(r, c[i].in, strlen(c[i].in), &outlen, NULL);
		CHECK_STR(got, c[i].want);
		CHECK(outlen == strlen(got));
		free(got);
	}
}

/* Every built-in rule finds what it is for. */
static void test_true_positives(void)
{
	static const struct redact_case cases[] = {
		/* EMAIL */
		{ "mail me at john.doe+tag@example.co.uk.", "mail me at [EMAIL]." },
		{ "<Ann_B@mail-server.example.com>", "<[EMAIL]>" },
		{ "jürgen@müller.de schrieb", "[EMAIL] schrieb" },
		/* KEY */
		{ "key sk-proj-abcDEF1234567890ghijKLMN ok", "key [KEY] ok" },
		{ "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "[KEY]" },
		{ "aws AKIAIOSFODNN7EXAMPLE here", "aws [KEY] here" },
		{ "ghp_0123456789abcdefghijABCDEFGHIJ012345", "[KEY]" },
		{ "token xoxb-123456789012-abcdefghij", "token [KEY]" },
		{ "AIzaSyA-1234567890abcdefghijklmnopqrstu", "[KEY]" },
		{ "jwt "
		  "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r",
		  "jwt [KEY]" },
		{ "secret 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		  "secret [KEY]" },
		{ "Authorization: Bearer Zx9Qm2LpT7vR4kWc8YhN3bJd6FgS1aEu0OiKyHt5",
		  "Authorization: "
		  "Bearer [KEY]" },
		/* IBAN */
		{ "IBAN DE89 3704 0044 0532 0130 00, thanks", "IBAN [IBAN], thanks" },
		{ "GB82WEST12345698765432", "[IBAN]" },
		{ "DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX", "[IBAN] BIC COBADEFFXXX" },
		/* CARD */
		{ "card 4111 1111 1111 1111 exp 12/27", "card [CARD] exp 12/27" },
		{ "5500-0000-0000-0004", "[CARD]" },
		{ "my amex is 378282246310005.", "my amex is [CARD]." },
		{ "3782 822463 10005", "[CARD]" },
		/* IP */
		{ "server 192.168.1.20:8080 down", "server [IP]:8080 down" },
		{ "from 10.0.0.1.", "from [IP]." },
		{ "ping 2001:db8::8a2e:370:7334 now", "ping [IP] now" },
		{ "fe80::1 and ::1", "[IP] and [IP]" },
		{ "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "[IP]" },
		/* A four-part version number is an address unless marked as one. */
		{ "build 1.2.3.4", "build [IP]" },
		/* PHONE */
		{ "call +1 (415) 555-2671 today", "call [PHONE] today" },
		{ "+44 20 7946 0958", "[PHONE]" },
		{ "ruf an: +4915123456789", "ruf an: [PHONE]" },
		{ "(415) 555-2671 or 415-555-2671 or 415.555.2671",
		  "[PHONE] or [PHONE] or [PHONE]" },
		{ "1-800-555-0199", "[PHONE]" },
		{ "020 7946 0958", "[PHONE]" },
		{ "07700 900123", "[PHONE]" },
		{ "appelez le 01 23 45 67 89", "appelez le [PHONE]" },
		{ "Tel. 030/1234567", "Tel. [PHONE]" },
		{ "+49 (0) 30 1234567", "[PHONE]" },
	};
	struct fb_redact *r = fb_redact_new();

	run_cases(r, cases, sizeof cases / sizeof cases[0]);
	CHECK(fb_redact_limit_hits(r) == 0);
	fb_redact_free(r);
}

/* Ordinary numbers and words stay as they are. */
static void test_no_mangling(void)
{
	static const char *const keep[] = {
		"In 2024 we sold 1,299 units at $1,299.99 each (EUR 1.299,00).",
		"Meeting on 2024-01-15 at 12:30:45, or 15/01/2024, or 01.02.2024 12:30.",
		"Upgrade to version 1.2.3 or v1.2.3.4, or version 10.0.19041.1234.",
		"Order #12345, ticket 987654, invoice 2023-0042, order 123456789.",
		"4111 1111 1111 1112 fails Luhn; so does 1234567812345678.",
		"7111 1111 1111 1111 passes Luhn but no card starts with 7.",
		"12 34 56 78 90 12 34",
		"skill, skeleton, ask-me-anything, task_list_for_the_whole_team_2024",
		"Supercalifragilisticexpialidocious and Donaudampfschifffahrtsgesellschaft",
		"AbstractSingletonProxyFactoryBean2023Version1 is a long identifier",
		"ThisIsMyVeryLongJavaClassNameForTesting123 and getUserAccountSettingsById2024v2",
		"ISBN 978-3-16-148410-0 and 0-306-40615-2, seasons 2024-2025, steps 1-2-3-4",
		"10 20 30 40 50, coordinates 48.8566, 2.3522, call 555-1234",
		"Upgrade from version 1.2.3.4 today",
		"/usr/local/share/applications/org.example.App.desktop",
		"https://example.com/api/v1/users/12345/orders/67890/items",
		"uuid 123e4567-e89b-12d3-a456-426614174000",
		"std::vector<int> and Foo::bar() and a::b",
		"MAC 00:1a:2b:3c:4d:5e",
		"scores 0.25 0.50 0.75; pi 3.14159265358979",
		"DE12 3456 7890 1234 5678 90 is not a valid IBAN",
		"12345678901234567890123456789012345 is a long number",
		"call 1234567890 or 4155552671",
		"+1 555",
		"Größe 38, Preis 49,95 €, Ärger über 1.000 Einträge",
		"東京タワーは333メートルです",
		"",
	};
	struct fb_redact *r = fb_redact_new();
	size_t i, counts[FB_REDACT_NBUILTIN] = { 0 }, total = 0;
	char *got;

	for (i = 0; i < sizeof keep / sizeof keep[0]; i++) {
		got = fb_redact_text(r, keep[i], strlen(keep[i]), NULL, counts);
		CHECK_STR(got, keep[i]);
		free(got);
	}
	for (i = 0; i < FB_REDACT_NBUILTIN; i++)
		total += counts[i];
	CHECK(total == 0);
	fb_redact_free(r);
}

/* Overlaps: the earliest start wins, then the longest match. */
static void test_overlaps(void)
{
	static const struct redact_case cases[] = {
		/* An e-mail whose local part looks like a phone number. */
		{ "write to 415-555-2671@example.com", "write to [EMAIL]" },
		/* The IBAN starts before the digits that could be a card or phone. */
		{ "DE89370400440532013000", "[IBAN]" },
		/* Adjacent matches. */
		{ "a@b.io,c@d.io 10.0.0.1/10.0.0.2", "[EMAIL],[EMAIL] [IP]/[IP]" },
		{ "sk-abcdefghij0123456789ABCD@example.com", "[EMAIL]" },
	};
	struct fb_redact *r = fb_redact_new();

	run_cases(r, cases, sizeof cases / sizeof cases[0]);
	fb_redact_free(r);
}

static void test_utf8_and_counts(void)
{
	static const char in[] = "Grüße 👋 an jörg@beispiel.de, Tel. +49 30 1234567 — "
	                         "IP 10.1.2.3 ✓ und 10.1.2.4";
	struct fb_redact *r = fb_redact_new();
	size_t counts[FB_REDACT_NBUILTIN] = { 0 }, outlen;
	char *got;

	got = fb_redact_text(r, in, sizeof in - 1, &outlen, counts);
	CHECK_STR(got, "Grüße 👋 an [EMAIL], Tel. [PHONE] — IP [IP] ✓ und [IP]");
	CHECK(counts[FB_REDACT_EMAIL] == 1);
	CHECK(counts[FB_REDACT_PHONE] == 1);
	CHECK(counts[FB_REDACT_IP] == 2);
	CHECK(counts[FB_REDACT_CARD] == 0);
	free(got);
	/* Counts add up over calls. */
	got = fb_redact_text(r, "1.2.3.4", 7, NULL, counts);
	CHECK(counts[FB_REDACT_IP] == 3);
	free(got);
	/* Length, not NUL, ends the text. */
	got = fb_redact_text(r, "10.0.0.1 and more", 8, &outlen, NULL);
	CHECK_STR(got, "[IP]");
	CHECK(outlen == 4);
	free(got);
	got = fb_redact_text(r, NULL, 0, &outlen, NULL);
	CHECK_STR(got, "");
	CHECK(outlen == 0);
	free(got);
	fb_redact_free(r);
}

static void test_names(void)
{
	struct fb_redact *r = fb_redact_new();

	CHECK(fb_redact_ntypes(r) == FB_REDACT_NBUILTIN);
	CHECK_STR(fb_redact_type_name(r, FB_REDACT_EMAIL), "EMAIL");
	CHECK_STR(fb_redact_type_name(r, FB_REDACT_KEY), "KEY");
	CHECK_STR(fb_redact_type_name(r, FB_REDACT_IBAN), "IBAN");
	CHECK_STR(fb_redact_type_name(r, FB_REDACT_CARD), "CARD");
	CHECK_STR(fb_redact_type_name(r, FB_REDACT_IP), "IP");
	CHECK_STR(fb_redact_type_name(r, FB_REDACT_PHONE), "PHONE");
	CHECK(fb_redact_type_name(r, FB_REDACT_NBUILTIN) == NULL);
	fb_redact_free(r);
}

static void test_rules_file(void)
{
	static const char rules[] = "# customer numbers\n"
	                            "\n"
	                            "customer_id\tCUST-\\d{6}\n"
	                            "  # indented comment\r\n"
	                            "EMAIL   \\b[a-z]+ at [a-z]+ dot com\\b  \r\n"
	                            "Ticket (?-i)TKT\\d+\n"
	                            "CUSTOMER_ID  cid:\\d+";
	struct fb_redact *r = fb_redact_new();
	struct fb_error err = { 0 };
	size_t counts[16] = { 0 };
	char *got;

	CHECK(fb_redact_add_rules(r, rules, sizeof rules - 1, &err) == 0);
	CHECK(fb_redact_ntypes(r) == FB_REDACT_NBUILTIN + 2);
	CHECK_STR(fb_redact_type_name(r, FB_REDACT_NBUILTIN), "CUSTOMER_ID");
	CHECK_STR(fb_redact_type_name(r, FB_REDACT_NBUILTIN + 1), "TICKET");
	got = fb_redact_text(r, "cust-123456, TKT42, tkt43, cid:7, bob at example dot com", 56,
	                     NULL, counts);
	CHECK_STR(got, "[CUSTOMER_ID], [TICKET], tkt43, [CUSTOMER_ID], [EMAIL]");
	CHECK(counts[FB_REDACT_NBUILTIN] == 2);
	CHECK(counts[FB_REDACT_NBUILTIN + 1] == 1);
	CHECK(counts[FB_REDACT_EMAIL] == 1);
	free(got);
	/* The default text is a valid rules file with the same rules. */
	CHECK(fb_redact_add_rules(r, fb_redact_default_text(), strlen(fb_redact_default_text()),
	                          &err) == 0);
	CHECK(fb_redact_ntypes(r) == FB_REDACT_NBUILTIN + 2);
	fb_redact_free(r);
}

static void test_rules_errors(void)
{
	static const struct {
		const char *text;
		long line;
		int column;
		const char *msg;
	} bad[] = {
		{ "OK a\n1BAD x\n", 2, 1, "invalid rule name '1BAD'" },
		{ "A-B x", 1, 1, "invalid rule name 'A-B'" },
		{ "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456 x", 1, 1,
		  "invalid rule name 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456'" },
		{ "# c\n  NAME\n", 2, 7, "missing pattern" },
		{ "NAME  (abc\n", 1, 11, "invalid pattern: missing closing parenthesis" },
		{ "NAME x*", 1, 6, "pattern matches empty text" },
		{ "NAME a\nNAME b\0c", 2, 7, "nul byte in rule" },
	};
	struct fb_redact *r = fb_redact_new();
	struct fb_error err;
	size_t i, len;
	char *got;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&err, 0, sizeof err);
		len = strlen(bad[i].text);
		if (strcmp(bad[i].msg, "nul byte in rule") == 0)
			len = 15;
		CHECK(fb_redact_add_rules(r, bad[i].text, len, &err) == -1);
		CHECK(err.line == bad[i].line);
		CHECK(err.column == bad[i].column);
		CHECK_STR(err.text, bad[i].msg);
	}
	/* Nothing was added by the failed files. */
	CHECK(fb_redact_ntypes(r) == FB_REDACT_NBUILTIN);
	got = fb_redact_text(r, "a b", 3, NULL, NULL);
	CHECK_STR(got, "a b");
	free(got);
	CHECK(fb_redact_add_rules(r, "", 0, NULL) == 0);
	fb_redact_free(r);
}

/* A rule that can match empty text somewhere (not at the start of an empty
 * subject) does not loop or insert placeholders for empty matches. */
static void test_empty_matches(void)
{
	struct fb_redact *r = fb_redact_new();
	char *got;

	CHECK(fb_redact_add_rules(r, "W (?<=a)x?", 10, NULL) == 0);
	got = fb_redact_text(r, "ab ax é", 8, NULL, NULL);
	CHECK_STR(got, "ab a[W] é");
	free(got);
	fb_redact_free(r);
}

int main(void)
{
	RUN(test_true_positives);
	RUN(test_no_mangling);
	RUN(test_overlaps);
	RUN(test_utf8_and_counts);
	RUN(test_names);
	RUN(test_rules_file);
	RUN(test_rules_errors);
	RUN(test_empty_matches);
	return CHECK_DONE();
}
