/* Fuzz target: the condition parser of --fail-if, over the fields of the
 * per-intent report, and the evaluation of what it accepts. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fb_cond.h"
#include "fb_eval_report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fb_cond *c = fb_cond_new(fb_eval_report_fields, FB_EVAL_REPORT_NFIELDS);
	double v[FB_EVAL_REPORT_NFIELDS];
	struct fb_error err;
	char *text = malloc(size + 1);
	size_t i, j;
	long k;

	if (!text) {
		fb_cond_free(c);
		return 0;
	}
	memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0; i < FB_EVAL_REPORT_NFIELDS; i++)
		v[i] = i % 5 == 4 ? NAN : (double)i / 7.0 - 1.0;
	if (fb_cond_add(c, text, &err) == 0) {
		k = fb_cond_eval(c, v);
		if (k >= 0 && (size_t)k >= fb_cond_count(c))
			abort();
		for (i = 0; i < fb_cond_count(c); i++) {
			if (strlen(fb_cond_text(c, i)) > size)
				abort();
			for (j = 0; j < fb_cond_nterms(c, i); j++)
				if (fb_cond_field(c, i, j) >= FB_EVAL_REPORT_NFIELDS)
					abort();
		}
	} else if (err.column < 1 || (size_t)err.column > strlen(text) + 1) {
		abort();
	}
	fb_cond_free(c);
	free(text);
	return 0;
}
