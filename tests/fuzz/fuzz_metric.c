/* Fuzz target: the metric spec parser (--metric, and the specs that travel
 * in partial statistics). A spec that parses is evaluated on a few records,
 * and its canonical spec must parse back to the same name and kind. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fb_metric.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const records[] = {
	"{\"score\":0.5,\"label\":\"positive\",\"a\":{\"b\":[1,true,\"x\"]},\"t\":3,\"n\":0}",
	"{\"score\":null,\"label\":2,\"a\":{\"b\":{\"c\":false}},\"t\":\"3\"}",
	"{\"a)/sum(b\":1,\"c\":-2.5,\"\":1e300}",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct fb_metric *m, *again;
	struct fb_error err;
	double x, y;
	size_t i;
	json_t *rec;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	m = fb_metric_parse(text, &err);
	if (m) {
		again = fb_metric_parse(fb_metric_spec(m), &err);
		if (!again || fb_metric_kind(again) != fb_metric_kind(m) ||
		    strcmp(fb_metric_name(again), fb_metric_name(m)) != 0)
			abort();
		fb_metric_free(again);
		for (i = 0; i < sizeof records / sizeof records[0]; i++) {
			rec = json_loads(records[i], 0, NULL);
			fb_metric_eval(m, rec, &x, &err);
			fb_metric_eval_ratio(m, rec, &x, &y, &err);
			json_decref(rec);
		}
		fb_metric_free(m);
	}
	free(text);
	return 0;
}
