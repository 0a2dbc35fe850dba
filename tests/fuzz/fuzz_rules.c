/* Fuzz target: the phrase-rules file parser and pattern checks, then a
 * search with whatever rules were accepted. */
#include <stddef.h>
#include <stdint.h>

#include "fb_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char text[] = "thanks, but that's wrong!!! can I talk to a human?";
	struct fb_rules *r = fb_rules_new();
	struct fb_rule_match m;
	int s;

	if (fb_rules_add(r, "fuzz", (const char *)data, size, NULL) == 0)
		for (s = 0; s < FB_RULE_NSIGNALS; s++)
			fb_rules_search(r, (enum fb_rule_signal)s, text, sizeof text - 1, &m);
	fb_rules_free(r);
	return 0;
}
