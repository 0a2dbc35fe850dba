/* Fuzz target: the dataset of fb-eval build. The first byte picks the
 * format and the options, the rest is JSON Lines records; each line that
 * parses is added (bad ones are refused), then the selection is built and
 * every item rendered. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fb_dataset.h"
#include "fb_jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fb_dataset *d = fb_dataset_new(NULL, NULL);
	const char *p, *end, *nl;
	struct fb_dataset_opts o;
	json_t *rec, *out[2];
	size_t i, j, n;

	fb_dataset_opts_default(&o);
	if (size > 0) {
		o.format = (enum fb_dataset_format)(data[0] % 6);
		o.balance = (data[0] >> 3) & 1;
		o.dedup = (data[0] >> 4) & 1;
		o.per_intent = (data[0] >> 5) & 3;
		if (data[0] & 0x80)
			fb_dataset_split_parse("test=0.5", &o.split, NULL);
		data++;
		size--;
	}
	for (p = (const char *)data, end = p + size; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if ((rec = fb_jsonl_parse(p, (size_t)(nl - p), NULL))) {
			fb_dataset_add(d, rec, NULL);
			json_decref(rec);
		}
	}
	if (fb_dataset_build(d, &o, NULL) == 0)
		for (i = 0; i < fb_dataset_count(d); i++) {
			n = fb_dataset_render(d, i, out);
			for (j = 0; j < n; j++)
				json_decref(out[j]);
		}
	fb_dataset_free(d);
	return 0;
}
