/* The six output formats of fb-eval build; see fb-eval-build(1), FORMATS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_alloc.h"
#include "fb_dataset_impl.h"

static const char *const names[] = {
	[FB_DATASET_CASES] = "cases",
	[FB_DATASET_CHAT] = "chat",
	[FB_DATASET_PREFERENCE] = "preference",
	[FB_DATASET_KTO] = "kto",
	[FB_DATASET_OPENAI_EVALS] = "openai-evals",
	[FB_DATASET_PROMPTFOO] = "promptfoo",
};

int fb_dataset_format_from_name(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i]) == 0)
			return (int)i;
	return -1;
}

const char *fb_dataset_format_name(enum fb_dataset_format f)
{
	return names[f];
}

static json_t *text(const struct fb_dataset *d, size_t off, size_t len)
{
	return json_stringn(ds_text(d, off), len);
}

static json_t *message(const char *role, json_t *content)
{
	json_t *m = json_object();

	json_object_set_new(m, "role", json_string(role));
	json_object_set_new(m, "content", content);
	return m;
}

static json_t *response(const struct fb_dataset *d, uint32_t rec)
{
	return rec == DS_NONE ? json_null()
	                      : text(d, d->rec[rec].response, d->rec[rec].response_len);
}

json_t *ds_messages(const struct fb_dataset *d, const struct ds_case *c)
{
	const struct ds_conv *cv = &d->conv[c->conv];
	const struct ds_rec *r;
	json_t *a = json_array();
	uint32_t i;

	/* An earlier turn is the prompt and the answer the user went on with:
	 * that of its last attempt. */
	for (i = cv->start; i < c->first; i++) {
		r = &d->rec[d->order[i]];
		if (i + 1 < c->first && d->rec[d->order[i + 1]].turn == r->turn)
			continue;
		json_array_append_new(a, message("user", text(d, r->prompt, r->prompt_len)));
		json_array_append_new(a,
		                      message("assistant", text(d, r->response, r->response_len)));
	}
	r = &d->rec[d->order[c->first]];
	json_array_append_new(a, message("user", text(d, r->prompt, r->prompt_len)));
	return a;
}

json_t *ds_intent(const struct fb_dataset *d, int32_t intent)
{
	json_t *o = json_object();
	size_t off = intent >= 0 ? d->intent_label[intent] : 0;

	json_object_set_new(o, "id", intent >= 0 ? json_integer(intent) : json_null());
	json_object_set_new(o, "label",
	                    off ? text(d, off - 1, d->intent_len[intent]) : json_null());
	return o;
}

json_t *ds_case_id(const struct fb_dataset *d, const struct ds_case *c)
{
	const struct ds_conv *cv = &d->conv[c->conv];
	char num[16];
	json_t *s;
	char *buf;
	int n = snprintf(num, sizeof num, ":%d", (int)c->turn);

	buf = fb_xmalloc(cv->id_len + (size_t)n + 1);
	memcpy(buf, ds_text(d, cv->id), cv->id_len);
	memcpy(buf + cv->id_len, num, (size_t)n + 1);
	s = json_stringn(buf, cv->id_len + (size_t)n);
	free(buf);
	return s;
}

/* An answer as the completion of a conversational dataset. */
static json_t *assistant(const struct fb_dataset *d, uint32_t rec)
{
	json_t *a = json_array();

	json_array_append_new(a, message("assistant", response(d, rec)));
	return a;
}

static json_t *render_case(const struct fb_dataset *d, const struct ds_case *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", ds_case_id(d, c));
	json_object_set_new(o, "intent", ds_intent(d, c->intent));
	json_object_set_new(o, "messages", ds_messages(d, c));
	json_object_set_new(o, "reference", response(d, c->ref));
	json_object_set_new(o, "rejected", response(d, c->rej));
	json_object_set_new(o, "user_score", json_real(c->user_score));
	json_object_set_new(o, "weight", json_real(c->weight));
	return o;
}

static json_t *render_chat(const struct fb_dataset *d, const struct ds_case *c)
{
	json_t *o = json_object(), *m = ds_messages(d, c);

	json_array_append_new(m, message("assistant", response(d, c->ref)));
	json_object_set_new(o, "messages", m);
	return o;
}

static json_t *render_kto(const struct fb_dataset *d, const struct ds_case *c, uint32_t rec,
                          int label)
{
	json_t *o = json_object();

	json_object_set_new(o, "prompt", ds_messages(d, c));
	json_object_set_new(o, "completion", assistant(d, rec));
	json_object_set_new(o, "label", json_boolean(label));
	return o;
}

static json_t *render_openai_evals(const struct fb_dataset *d, const struct ds_case *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "input", ds_messages(d, c));
	json_object_set_new(o, "ideal", response(d, c->ref));
	return o;
}

static json_t *assertion(const char *type, json_t *value)
{
	json_t *a = json_object();

	json_object_set_new(a, "type", json_string(type));
	json_object_set_new(a, "value", value);
	return a;
}

/* A promptfoo test: the conversation in vars, and ROUGE-N assertions that
 * the answer is like the reference and not like the rejected answer. */
static json_t *render_promptfoo(const struct fb_dataset *d, const struct ds_case *c)
{
	const struct ds_rec *r = &d->rec[d->order[c->first]];
	json_t *o = json_object(), *vars = json_object(), *as = json_array(), *meta = json_object();
	json_t *intent = ds_intent(d, c->intent);

	json_object_set_new(o, "description", ds_case_id(d, c));
	json_object_set_new(vars, "prompt", text(d, r->prompt, r->prompt_len));
	json_object_set_new(vars, "messages", ds_messages(d, c));
	json_object_set_new(o, "vars", vars);
	if (c->ref != DS_NONE)
		json_array_append_new(as, assertion("rouge-n", response(d, c->ref)));
	if (c->rej != DS_NONE)
		json_array_append_new(as, assertion("not-rouge-n", response(d, c->rej)));
	json_object_set_new(o, "assert", as);
	json_object_set_new(meta, "id", ds_case_id(d, c));
	json_object_set(meta, "intent_id", json_object_get(intent, "id"));
	json_object_set(meta, "intent", json_object_get(intent, "label"));
	json_object_set_new(meta, "user_score", json_real(c->user_score));
	json_object_set_new(meta, "weight", json_real(c->weight));
	json_object_set_new(o, "metadata", meta);
	json_decref(intent);
	return o;
}

static json_t *render_pair(const struct fb_dataset *d, const struct ds_pair *p)
{
	json_t *o = json_object();

	json_object_set_new(o, "prompt", ds_messages(d, &d->cases[p->chosen]));
	json_object_set_new(o, "chosen", assistant(d, d->cases[p->chosen].ref));
	json_object_set_new(o, "rejected", assistant(d, d->cases[p->rejected].rej));
	return o;
}

size_t ds_render(const struct fb_dataset *d, uint32_t item, json_t *out[2])
{
	/* For preference, item is a pair. */
	const struct ds_case *c = d->opts.format == FB_DATASET_PREFERENCE ? NULL : &d->cases[item];
	size_t n = 0;

	switch (d->opts.format) {
	case FB_DATASET_CASES:
		out[n++] = render_case(d, c);
		break;
	case FB_DATASET_CHAT:
		out[n++] = render_chat(d, c);
		break;
	case FB_DATASET_PREFERENCE:
		out[n++] = render_pair(d, &d->pairs[item]);
		break;
	case FB_DATASET_KTO:
		if (c->ref != DS_NONE)
			out[n++] = render_kto(d, c, c->ref, 1);
		if (c->rej != DS_NONE)
			out[n++] = render_kto(d, c, c->rej, 0);
		break;
	case FB_DATASET_OPENAI_EVALS:
		out[n++] = render_openai_evals(d, c);
		break;
	case FB_DATASET_PROMPTFOO:
		out[n++] = render_promptfoo(d, c);
		break;
	}
	return n;
}
