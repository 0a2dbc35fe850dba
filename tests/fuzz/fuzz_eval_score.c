/* Fuzz target: fb-eval score's case reader and metrics. The input is a case
 * (one JSON line) and, after the first newline, an answer; the figures must
 * stay in their ranges and agree with each other. */
#include <jansson.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fb_eval_score.h"
#include "fb_eval_score_case.h"
#include "fb_jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_sim(const struct fb_eval_sim *s)
{
	if (s->overlap > s->words || s->overlap > s->target || s->lcs > s->overlap)
		abort();
	if (!(s->f1 >= 0 && s->f1 <= 1 && s->rouge_l >= 0 && s->rouge_l <= s->f1))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Made once: the refusal rules take milliseconds to compile. */
	static struct fb_eval_scorer *scorer;
	const char *text = (const char *)data, *nl = memchr(text, '\n', size);
	size_t caselen = nl ? (size_t)(nl - text) : size;
	struct fb_eval_result r;
	struct fb_eval_case c;
	json_t *rec, *answer, *out;

	if (!scorer && !(scorer = fb_eval_scorer_new(NULL)))
		abort();
	rec = fb_jsonl_parse(text, caselen, NULL);
	if (!rec)
		return 0;
	/* The answer must be valid UTF-8, as every JSON string is. */
	answer = nl ? json_stringn(nl + 1, size - caselen - 1) : json_string("");
	if (answer && fb_eval_case_parse(rec, &c, NULL) == 0) {
		fb_eval_score(scorer, &c, json_string_value(answer), json_string_length(answer),
		              &r);
		if (r.has_reference)
			check_sim(&r.reference);
		if (r.has_rejected)
			check_sim(&r.rejected);
		if (r.passed + r.failed != c.nasserts || r.limit_hits > r.failed)
			abort();
		if (!isnan(r.score) && !(r.score >= 0 && r.score <= 1))
			abort();
		out = fb_eval_score_record(&c, "v", &r);
		json_decref(out);
		fb_eval_case_free(&c);
	}
	json_decref(answer);
	json_decref(rec);
	return 0;
}
