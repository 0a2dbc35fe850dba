#include "fb_jsonl.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "fb_alloc.h"

#define READ_CHUNK (256 * 1024)

struct fb_jsonl_reader {
	gzFile gz;
	char *name;
	char *buf;
	size_t cap, start, end; /* unread bytes are buf[start..end) */
	int eof;
	long lineno;
};

struct fb_jsonl_reader *fb_jsonl_reader_open(const char *path, struct fb_error *err)
{
	struct fb_jsonl_reader *r;
	int is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY);
	gzFile gz;

	if (fd < 0) {
		fb_error_set(err, 0, 0, "%s", strerror(errno));
		return NULL;
	}
	/* zlib reads plain text transparently, so one path serves both. */
	gz = gzdopen(fd, "rb");
	if (!gz) {
		close(fd);
		fb_error_set(err, 0, 0, "%s", strerror(errno ? errno : ENOMEM));
		return NULL;
	}
	gzbuffer(gz, READ_CHUNK);
	r = fb_xcalloc(1, sizeof *r);
	r->gz = gz;
	r->name = fb_xstrdup(is_stdin ? "<stdin>" : path);
	r->cap = READ_CHUNK;
	r->buf = fb_xmalloc(r->cap);
	return r;
}

/* zlib's messages name the descriptor ("<fd:3>: unexpected end of file");
 * the caller names the file. */
static const char *zlib_message(const char *msg)
{
	const char *colon = strncmp(msg, "<fd:", 4) == 0 ? strstr(msg, ": ") : NULL;

	return colon ? colon + 2 : msg;
}

static int fill(struct fb_jsonl_reader *r, struct fb_error *err)
{
	int n, errnum;
	const char *msg;
	size_t room;

	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (r->end == r->cap) {
		r->cap *= 2;
		r->buf = fb_xrealloc(r->buf, r->cap);
	}
	room = r->cap - r->end;
	if (room > INT_MAX)
		room = INT_MAX;
	n = gzread(r->gz, r->buf + r->end, (unsigned)room);
	if (n < 0) {
		msg = gzerror(r->gz, &errnum);
		fb_error_set(err, 0, 0, "%s",
		             errnum == Z_ERRNO ? strerror(errno) : zlib_message(msg));
		return -1;
	}
	if (n == 0) {
		/* A damaged or cut gzip stream ends reading too; zlib says so only
		 * when asked. */
		msg = gzerror(r->gz, &errnum);
		if (errnum != Z_OK) {
			fb_error_set(err, 0, 0, "%s",
			             errnum == Z_ERRNO ? strerror(errno) : zlib_message(msg));
			return -1;
		}
		r->eof = 1;
	}
	r->end += (size_t)n;
	return 0;
}

int fb_jsonl_reader_next(struct fb_jsonl_reader *r, const char **line, size_t *len,
                         struct fb_error *err)
{
	size_t scanned = 0;
	char *nl;

	for (;;) {
		nl = memchr(r->buf + r->start + scanned, '\n', r->end - r->start - scanned);
		if (nl)
			break;
		scanned = r->end - r->start;
		if (r->eof) {
			if (scanned == 0)
				return 0;
			*line = r->buf + r->start;
			*len = scanned;
			r->start = r->end;
			r->lineno++;
			return 1;
		}
		if (fill(r, err) < 0)
			return -1;
	}
	*line = r->buf + r->start;
	*len = (size_t)(nl - *line);
	r->start += *len + 1;
	r->lineno++;
	return 1;
}

const char *fb_jsonl_reader_name(const struct fb_jsonl_reader *r)
{
	return r->name;
}

long fb_jsonl_reader_lineno(const struct fb_jsonl_reader *r)
{
	return r->lineno;
}

void fb_jsonl_reader_close(struct fb_jsonl_reader *r)
{
	if (!r)
		return;
	gzclose(r->gz);
	free(r->name);
	free(r->buf);
	free(r);
}

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
