#include "fb_jsonl.h"

#include <string.h>

#include "fb_alloc.h"

/* Names what jansson could not decode; its own text for invalid UTF-8
 * ("unable to decode byte 0xff") is kept but said plainly first. */
static void parse_error(const json_error_t *jerr, struct fb_error *err)
{
	if (strstr(jerr->text, "JSON_ALLOW_NUL"))
		fb_error_set(err, 0, jerr->column, "invalid JSON: \\u0000 in a string");
	else if (strncmp(jerr->text, "unable to decode byte", 21) == 0)
		fb_error_set(err, 0, jerr->column, "invalid UTF-8: %s", jerr->text + 17);
	else
		fb_error_set(err, 0, jerr->column, "invalid JSON: %s", jerr->text);
}

const char *fb_jsonl_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

json_t *fb_jsonl_parse(const char *line, size_t len, struct fb_error *err)
{
	json_error_t jerr;
	const char *nul;
	json_t *v;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len == 0) {
		fb_error_set(err, 0, 0, "blank line");
		return NULL;
	}
	if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
		fb_error_set(err, 0, 1, "byte order mark at start of line");
		return NULL;
	}
	nul = memchr(line, '\0', len);
	if (nul) {
		fb_error_set(err, 0, (int)(nul - line + 1), "NUL byte in line");
		return NULL;
	}
	v = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	if (!v) {
		parse_error(&jerr, err);
		return NULL;
	}
	if (!json_is_object(v)) {
		fb_error_set(err, 0, 0, "record is %s, not an object", fb_jsonl_type_name(v));
		json_decref(v);
		return NULL;
	}
	return v;
}
