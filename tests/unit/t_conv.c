/* Unit tests of lib/fb_conv: formats, assembly, closing. */
#include "check.h"
#include "fb_alloc.h"
#include "fb_conv.h"

struct feed {
	struct fb_conv_asm *a;
	long line;
	char err[240];
};

/* Adds one record given as JSON text; returns what fb_conv_asm_add did. */
static int add(struct feed *f, const char *json)
{
	struct fb_conv_origin origin = { "t", ++f->line, (char *)json, strlen(json) };
	struct fb_error err = { 0 };
	json_t *rec = json_loads(json, 0, NULL);
	int rc;

	CHECK(rec != NULL);
	rc = fb_conv_asm_add(f->a, rec, &origin, &err);
	memcpy(f->err, err.text, sizeof f->err);
	json_decref(rec);
	return rc;
}

static struct fb_conv_asm *new_asm(int sorted, double gap)
{
	static const struct fb_conv_opts opts = { FB_FORMAT_AUTO, NULL, NULL, 0 };

	return fb_conv_asm_new(&opts, sorted, gap);
}

static void test_openai(void)
{
	struct feed f = { new_asm(0, 1800), 0, "" };
	struct fb_conv *c;

	CHECK(add(&f,
	          "{\"id\":\"c1\",\"user_id\":7,\"variant\":\"b\",\"meta\":{\"k\":1},"
	          "\"messages\":[{\"role\":\"system\",\"content\":\"s\"},"
	          "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
	          "{\"type\":\"image_url\",\"image_url\":{}},{\"type\":\"text\",\"text\":\"b\"}],"
	          "\"timestamp\":\"2026-01-01T00:00:00Z\"},"
	          "{\"role\":\"assistant\",\"content\":null,\"created_at\":1767225601000,"
	          "\"feedback\":{\"thumbs\":\"down\",\"comment\":\"meh\"}}],"
	          "\"events\":[{\"type\":\"copy\",\"message_index\":2}]}") == 0);
	CHECK(fb_conv_asm_pop(f.a) == NULL);
	fb_conv_asm_finish(f.a);
	c = fb_conv_asm_pop(f.a);
	CHECK(c != NULL);
	if (c) {
		CHECK_STR(c->id, "c1");
		CHECK_STR(c->user_id, "7");
		CHECK_STR(c->variant, "b");
		CHECK(c->nmsgs == 3);
		CHECK(c->msgs[0].role == FB_ROLE_SYSTEM);
		CHECK_STR(c->msgs[1].text, "a\nb");
		CHECK_NEAR(c->msgs[1].ts, 1767225600.0, 0);
		CHECK_STR(c->msgs[2].text, "");
		CHECK_NEAR(c->msgs[2].ts, 1767225601.0, 0);
		CHECK(c->nevents == 2);
		CHECK(c->events[0].type == FB_EVENT_FEEDBACK && c->events[0].msg_index == 2);
		CHECK(c->events[0].has_thumbs && c->events[0].thumbs == -1);
		CHECK_STR(c->events[0].comment, "meh");
		CHECK(c->events[1].type == FB_EVENT_COPY);
		CHECK(json_object_size(c->extra) == 1 && json_object_get(c->extra, "meta"));
		CHECK(c->at_eof == 1);
		fb_conv_free(c);
	}
	CHECK(fb_conv_asm_pop(f.a) == NULL);
	fb_conv_asm_free(f.a);
}

static void test_sharegpt(void)
{
	struct feed f = { new_asm(0, 1800), 0, "" };
	struct fb_conv *c;

	CHECK(add(&f, "{\"id\":\"s\",\"conversations\":[{\"from\":\"human\",\"value\":\"q\"},"
	              "{\"from\":\"gpt\",\"value\":\"r\"}]}") == 0);
	fb_conv_asm_finish(f.a);
	c = fb_conv_asm_pop(f.a);
	CHECK(c && c->nmsgs == 2 && c->msgs[0].role == FB_ROLE_USER &&
	      c->msgs[1].role == FB_ROLE_ASSISTANT);
	fb_conv_free(c);
	fb_conv_asm_free(f.a);
}

static void test_errors(void)
{
	static const struct {
		const char *json, *error;
	} cases[] = {
		{ "{\"x\":1}", "unknown record format: expected \"messages\", \"conversations\", "
		               "\"role\" or \"type\"" },
		{ "{\"messages\":{}}", "messages: expected an array, got an object" },
		{ "{\"messages\":[{\"content\":\"x\"}]}", "messages[0]: missing role" },
		{ "{\"messages\":[{\"role\":\"x\"}]}", "messages[0].role: unknown role 'x'" },
		{ "{\"messages\":[{\"role\":\"user\",\"content\":1.5}]}",
		  "messages[0].content: expected a string or an array of parts, got a number" },
		{ "{\"messages\":[],\"events\":[{\"type\":\"copy\",\"message_index\":0}]}",
		  "copy event refers to message 0, but there are 0" },
		{ "{\"messages\":[],\"events\":[{\"type\":\"zap\"}]}",
		  "events[0].type: unknown event type 'zap'" },
		{ "{\"conversation_id\":\"c\",\"role\":\"user\",\"content\":\"x\",\"timestamp\":"
		  "true}",
		  "timestamp: expected a date-time, got a boolean" },
		{ "{\"conversation_id\":\"c\",\"type\":\"feedback\",\"score\":2}",
		  "score: 2 is outside -1 to 1" },
		{ "{\"conversation_id\":\"c\",\"type\":\"feedback\",\"message_index\":-1,"
		  "\"thumbs\":1}",
		  "message_index: expected a whole number >= 0" },
		{ "{\"conversation_id\":{},\"role\":\"user\"}",
		  "conversation_id: expected a string, got an object" },
	};
	struct feed f = { new_asm(0, 1800), 0, "" };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK(add(&f, cases[i].json) == -1);
		CHECK_STR(f.err, cases[i].error);
	}
	CHECK(fb_conv_asm_open_count(f.a) == 0);
	fb_conv_asm_free(f.a);
}

/* Lines of several conversations interleave; each closes once the input's
 * clock is past its last activity by the idle gap. */
static void test_idle_close(void)
{
	struct feed f = { new_asm(0, 100), 0, "" };
	struct fb_conv *c;

	add(&f,
	    "{\"conversation_id\":\"a\",\"role\":\"user\",\"content\":\"1\",\"timestamp\":1000}");
	add(&f,
	    "{\"conversation_id\":\"b\",\"role\":\"user\",\"content\":\"2\",\"timestamp\":1050}");
	add(&f, "{\"conversation_id\":\"a\",\"role\":\"assistant\",\"content\":\"3\",\"timestamp\":"
	        "1010}");
	CHECK(fb_conv_asm_open_count(f.a) == 2);
	CHECK(fb_conv_asm_pop(f.a) == NULL);
	add(&f,
	    "{\"conversation_id\":\"c\",\"role\":\"user\",\"content\":\"4\",\"timestamp\":1111}");
	c = fb_conv_asm_pop(f.a);
	CHECK(c && strcmp(c->id, "a") == 0 && c->nmsgs == 2 && c->at_eof == 0);
	CHECK(c && c->end_ts == 1111);
	fb_conv_free(c);
	CHECK(fb_conv_asm_pop(f.a) == NULL);
	add(&f,
	    "{\"conversation_id\":\"c\",\"role\":\"user\",\"content\":\"5\",\"timestamp\":1200}");
	c = fb_conv_asm_pop(f.a);
	CHECK(c && strcmp(c->id, "b") == 0);
	fb_conv_free(c);
	CHECK(fb_conv_asm_open_count(f.a) == 1);
	fb_conv_asm_free(f.a);
}

/* Messages of an event stream are put in time order; message_index counts
 * in that order. */
static void test_event_order(void)
{
	struct feed f = { new_asm(0, 1800), 0, "" };
	struct fb_conv *c;

	add(&f,
	    "{\"conversation_id\":\"z\",\"role\":\"assistant\",\"content\":\"r\",\"timestamp\":5}");
	add(&f, "{\"conversation_id\":\"z\",\"role\":\"user\",\"content\":\"q\",\"timestamp\":4}");
	add(&f, "{\"conversation_id\":\"z\",\"role\":\"user\",\"content\":\"q2\",\"timestamp\":5}");
	fb_conv_asm_finish(f.a);
	c = fb_conv_asm_pop(f.a);
	CHECK(c && c->nmsgs == 3);
	if (c) {
		CHECK_STR(c->msgs[0].text, "q");
		CHECK_STR(c->msgs[1].text, "r"); /* same time: arrival order */
		CHECK_STR(c->msgs[2].text, "q2");
	}
	fb_conv_free(c);
	fb_conv_asm_free(f.a);
}

/* Sorted input: a record of another conversation completes the current one;
 * a later snapshot of a whole conversation replaces its messages. */
static void test_sorted_and_snapshots(void)
{
	struct feed f = { new_asm(1, 1800), 0, "" };
	struct fb_conv *c;

	add(&f, "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"1\"}]}");
	add(&f, "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"1\"},"
	        "{\"role\":\"assistant\",\"content\":\"2\"}]}");
	CHECK(fb_conv_asm_pop(f.a) == NULL);
	add(&f, "{\"id\":\"b\",\"messages\":[]}");
	c = fb_conv_asm_pop(f.a);
	CHECK(c && strcmp(c->id, "a") == 0 && c->nmsgs == 2);
	fb_conv_free(c);
	CHECK(fb_conv_asm_open_count(f.a) == 1);
	fb_conv_asm_free(f.a);
}

/* Whole records without an id each stand alone, and come out in input
 * order at the end. */
static void test_no_id(void)
{
	struct feed f = { new_asm(0, 1800), 0, "" };
	struct fb_conv *c;

	add(&f, "{\"messages\":[{\"role\":\"user\",\"content\":\"first\"}]}");
	add(&f, "{\"messages\":[{\"role\":\"user\",\"content\":\"second\"}]}");
	CHECK(fb_conv_asm_open_count(f.a) == 2);
	fb_conv_asm_finish(f.a);
	c = fb_conv_asm_pop(f.a);
	CHECK(c && c->id == NULL && strcmp(c->msgs[0].text, "first") == 0);
	fb_conv_free(c);
	c = fb_conv_asm_pop(f.a);
	CHECK(c && strcmp(c->msgs[0].text, "second") == 0);
	fb_conv_free(c);
	fb_conv_asm_free(f.a);
}

/* --field moves a value from where a log keeps it to the name fb uses. */
static void test_field_map(void)
{
	struct fb_error err;
	struct fb_path *p = fb_path_compile(".session.id", &err);
	const char *names[] = { "conversation_id" };
	struct fb_conv_opts opts = { FB_FORMAT_AUTO, names, &p, 1 };
	struct feed f = { fb_conv_asm_new(&opts, 0, 1800), 0, "" };
	struct fb_conv *c;

	add(&f, "{\"session\":{\"id\":\"m\",\"x\":1},\"role\":\"user\",\"content\":\"hi\"}");
	fb_conv_asm_finish(f.a);
	c = fb_conv_asm_pop(f.a);
	CHECK(c && strcmp(c->id, "m") == 0);
	CHECK(c && json_object_size(json_object_get(c->extra, "session")) == 1);
	fb_conv_free(c);
	fb_conv_asm_free(f.a);
	fb_path_free(p);
}

int main(void)
{
	fb_alloc_init("t_conv");
	RUN(test_openai);
	RUN(test_sharegpt);
	RUN(test_errors);
	RUN(test_idle_close);
	RUN(test_event_order);
	RUN(test_sorted_and_snapshots);
	RUN(test_no_id);
	RUN(test_field_map);
	return CHECK_DONE();
}
