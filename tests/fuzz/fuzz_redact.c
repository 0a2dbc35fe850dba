/* Fuzz target: the redaction rules-file parser, then redaction of arbitrary
 * text with the built-in rules plus whatever rules were accepted. The input
 * is a rules file, a NUL byte, and the text (made valid UTF-8 first, as
 * fb_redact_text requires). The output must be valid UTF-8 of the length
 * reported. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "fb_redact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int valid_utf8(const uint8_t *s, size_t len)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t step;
	size_t i = 0;

	while (i < len) {
		step = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
		if (step <= 0)
			return 0;
		i += (size_t)step;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t rlen = nul ? (size_t)(nul - data) : size, tlen, i, outlen, *counts;
	struct fb_redact *r = fb_redact_new();
	utf8proc_int32_t c;
	utf8proc_ssize_t step;
	uint8_t *text;
	char *out;

	(void)fb_redact_add_rules(r, (const char *)data, rlen, NULL);
	tlen = nul ? size - rlen - 1 : 0;
	text = malloc(tlen + 1);
	memcpy(text, nul ? nul + 1 : data, tlen);
	for (i = 0; i < tlen;) {
		step = utf8proc_iterate(text + i, (utf8proc_ssize_t)(tlen - i), &c);
		if (step <= 0) {
			text[i] = '?';
			step = 1;
		}
		i += (size_t)step;
	}
	counts = calloc(fb_redact_ntypes(r), sizeof *counts);
	out = fb_redact_text(r, (const char *)text, tlen, &outlen, counts);
	if (out[outlen] != '\0' || !valid_utf8((const uint8_t *)out, outlen))
		abort();
	free(out);
	free(counts);
	free(text);
	fb_redact_free(r);
	return 0;
}
