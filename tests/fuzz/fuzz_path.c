/* Fuzz target: the field-path parser (--field, and later --by and
 * --text-field) and the date-time parser, on the same bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fb_path.h"
#include "fb_time.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct fb_path *p;
	json_t *doc;
	double t;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	p = fb_path_compile(text, NULL);
	if (p) {
		doc = json_pack("{s:{s:[i,{s:s}]}}", "a", "b", 1, "c", "d");
		fb_path_get(p, doc);
		fb_path_del(p, doc);
		json_decref(doc);
		fb_path_free(p);
	}
	fb_time_parse_text(text, &t);
	free(text);
	return 0;
}
