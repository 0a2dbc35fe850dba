/* The six output formats of fb-eval build, each against its exact output,
 * and redaction of what is written. */
#include "check.h"

#include <stdlib.h>

#include "fb_alloc.h"
#include "fb_dataset.h"
#include "fb_redact.h"

/* One conversation: turn 1 unrated, turn 2 answered badly, regenerated and
 * answered well; and an outlier rated down. */
static const char *const input[] = {
	"{\"conversation_id\":\"c7\",\"turn\":2,\"attempt\":2,\"prompt\":\"Mail me at "
	"ann@example.com\",\"response\":\"Done.\",\"score\":0.9,\"label\":\"positive\","
	"\"confidence\":0.9,\"intent\":{\"id\":3,\"label\":\"mail / send\",\"terms\":[],"
	"\"similarity\":0.5}}",
	"{\"conversation_id\":\"c7\",\"turn\":1,\"attempt\":1,\"prompt\":\"Hi\",\"response\":"
	"\"Hello!\",\"score\":0.0,\"label\":\"neutral\",\"confidence\":0.0,\"intent\":{\"id\":3,"
	"\"label\":\"mail / send\"}}",
	"{\"conversation_id\":\"c7\",\"turn\":2,\"attempt\":1,\"prompt\":\"Mail me at "
	"ann@example.com\",\"response\":\"I can't.\",\"score\":-0.7,\"label\":\"negative\","
	"\"confidence\":0.5,\"intent\":{\"id\":3,\"label\":\"mail / send\"}}",
	"{\"conversation_id\":\"c1\",\"turn\":1,\"attempt\":1,\"prompt\":\"Sing\",\"response\":"
	"\"No.\",\"score\":-0.5,\"label\":\"negative\",\"confidence\":0.6,\"intent\":{\"id\":null,"
	"\"label\":null}}",
};

static const char *const want[] = {
	[FB_DATASET_CASES] =
	    "{\"id\":\"c7:2\",\"intent\":{\"id\":3,\"label\":\"mail / send\"},\"messages\":["
	    "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello!\"}"
	    ","
	    "{\"role\":\"user\",\"content\":\"Mail me at [EMAIL]\"}],\"reference\":\"Done.\","
	    "\"rejected\":\"I can't.\",\"user_score\":0.1,\"weight\":0.7}\n"
	    "{\"id\":\"c1:1\",\"intent\":{\"id\":null,\"label\":null},\"messages\":[{\"role\":"
	    "\"user\",\"content\":\"Sing\"}],\"reference\":null,\"rejected\":\"No.\","
	    "\"user_score\":-0.5,\"weight\":0.6}\n",
	[FB_DATASET_CHAT] =
	    "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\","
	    "\"content\":\"Hello!\"},{\"role\":\"user\",\"content\":\"Mail me at [EMAIL]\"},"
	    "{\"role\":\"assistant\",\"content\":\"Done.\"}]}\n",
	[FB_DATASET_PREFERENCE] =
	    "{\"prompt\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\","
	    "\"content\":\"Hello!\"},{\"role\":\"user\",\"content\":\"Mail me at [EMAIL]\"}],"
	    "\"chosen\":[{\"role\":\"assistant\",\"content\":\"Done.\"}],\"rejected\":[{\"role\":"
	    "\"assistant\",\"content\":\"I can't.\"}]}\n",
	[FB_DATASET_KTO] =
	    "{\"prompt\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\","
	    "\"content\":\"Hello!\"},{\"role\":\"user\",\"content\":\"Mail me at [EMAIL]\"}],"
	    "\"completion\":[{\"role\":\"assistant\",\"content\":\"Done.\"}],\"label\":true}\n"
	    "{\"prompt\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\","
	    "\"content\":\"Hello!\"},{\"role\":\"user\",\"content\":\"Mail me at [EMAIL]\"}],"
	    "\"completion\":[{\"role\":\"assistant\",\"content\":\"I can't.\"}],\"label\":false}\n"
	    "{\"prompt\":[{\"role\":\"user\",\"content\":\"Sing\"}],\"completion\":[{\"role\":"
	    "\"assistant\",\"content\":\"No.\"}],\"label\":false}\n",
	[FB_DATASET_OPENAI_EVALS] =
	    "{\"input\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\","
	    "\"content\":\"Hello!\"},{\"role\":\"user\",\"content\":\"Mail me at [EMAIL]\"}],"
	    "\"ideal\":\"Done.\"}\n",
	[FB_DATASET_PROMPTFOO] =
	    "{\"description\":\"c7:2\",\"vars\":{\"prompt\":\"Mail me at [EMAIL]\",\"messages\":["
	    "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello!\"}"
	    ","
	    "{\"role\":\"user\",\"content\":\"Mail me at [EMAIL]\"}]},\"assert\":[{\"type\":"
	    "\"rouge-n\",\"value\":\"Done.\"},{\"type\":\"not-rouge-n\",\"value\":\"I can't.\"}],"
	    "\"metadata\":{\"id\":\"c7:2\",\"intent_id\":3,\"intent\":\"mail / send\","
	    "\"user_score\":0.1,\"weight\":0.7}}\n"
	    "{\"description\":\"c1:1\",\"vars\":{\"prompt\":\"Sing\",\"messages\":[{\"role\":"
	    "\"user\",\"content\":\"Sing\"}]},\"assert\":[{\"type\":\"not-rouge-n\",\"value\":"
	    "\"No.\"}],\"metadata\":{\"id\":\"c1:1\",\"intent_id\":null,\"intent\":null,"
	    "\"user_score\":-0.5,\"weight\":0.6}}\n",
};

static char *run(enum fb_dataset_format f)
{
	struct fb_redact *r = fb_redact_new();
	struct fb_dataset *d = fb_dataset_new(r, NULL);
	struct fb_dataset_opts o;
	size_t i, j, n, len = 0, cap = 0;
	json_t *rec, *out[2];
	char *all = NULL, *s;

	for (i = 0; i < sizeof input / sizeof *input; i++) {
		rec = json_loads(input[i], 0, NULL);
		CHECK(rec && fb_dataset_add(d, rec, NULL) == 0);
		json_decref(rec);
	}
	fb_dataset_opts_default(&o);
	o.format = f;
	CHECK(fb_dataset_build(d, &o, NULL) == 0);
	for (i = 0; i < fb_dataset_count(d); i++) {
		n = fb_dataset_render(d, i, out);
		for (j = 0; j < n; j++) {
			s = json_dumps(out[j], JSON_COMPACT | JSON_REAL_PRECISION(15));
			all = fb_xgrow(all, &cap, len + strlen(s) + 2, 1);
			memcpy(all + len, s, strlen(s));
			len += strlen(s);
			all[len++] = '\n';
			free(s);
			json_decref(out[j]);
		}
	}
	all = fb_xgrow(all, &cap, len + 1, 1);
	all[len] = '\0';
	fb_dataset_free(d);
	fb_redact_free(r);
	return all;
}

static void test_formats(void)
{
	char *got;
	int f;

	for (f = 0; f <= FB_DATASET_PROMPTFOO; f++) {
		got = run((enum fb_dataset_format)f);
		CHECK_STR(got, want[f]);
		free(got);
	}
}

static void test_names(void)
{
	static const char *const names[] = { "cases", "chat",         "preference",
		                             "kto",   "openai-evals", "promptfoo" };
	int f;

	for (f = 0; f <= FB_DATASET_PROMPTFOO; f++) {
		CHECK(fb_dataset_format_from_name(names[f]) == f);
		CHECK_STR(fb_dataset_format_name((enum fb_dataset_format)f), names[f]);
	}
	CHECK(fb_dataset_format_from_name("jsonl") == -1);
	CHECK(fb_dataset_format_from_name("") == -1);
}

int main(void)
{
	fb_alloc_init("t_dataset_format");
	RUN(test_formats);
	RUN(test_names);
	return CHECK_DONE();
}
