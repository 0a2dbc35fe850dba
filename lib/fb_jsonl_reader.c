/* The line reader of the jsonl module; see fb_jsonl.h. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "fb_alloc.h"
#include "fb_jsonl.h"

#define READ_CHUNK (256 * 1024)
#define ZIN_CHUNK (64 * 1024)

/* Input is read with read(2), which returns what has arrived: a live
 * stream is answered line by line. (zlib's gzread, which reads plain text
 * too, waits until its buffer is full.) */
enum mode { UNKNOWN, PLAIN, GZIP };

struct fb_jsonl_reader {
	int fd;
	enum mode mode;
	z_stream z;
	unsigned char *zin; /* compressed bytes read, from z.next_in on */
	int zeof;           /* fd has no more */
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

	if (fd < 0) {
		fb_error_set(err, 0, 0, "%s", strerror(errno));
		return NULL;
	}
	r = fb_xcalloc(1, sizeof *r);
	r->fd = fd;
	r->name = fb_xstrdup(is_stdin ? "<stdin>" : path);
	r->cap = READ_CHUNK;
	r->buf = fb_xmalloc(r->cap);
	r->zin = fb_xmalloc(ZIN_CHUNK);
	return r;
}

/* read(2) into p, up to n bytes, again when a signal interrupts it. */
static ssize_t read_some(int fd, void *p, size_t n)
{
	ssize_t got;

	do
		got = read(fd, p, n);
	while (got < 0 && errno == EINTR);
	return got;
}

/* Reads compressed input until at least want bytes are unread or the input
 * ends. Returns 0, or -1 with err filled. */
static int zin_fill(struct fb_jsonl_reader *r, size_t want, struct fb_error *err)
{
	ssize_t n;

	if (r->z.avail_in > 0 && r->z.next_in != r->zin)
		memmove(r->zin, r->z.next_in, r->z.avail_in);
	r->z.next_in = r->zin;
	while (r->z.avail_in < want && !r->zeof) {
		n = read_some(r->fd, r->zin + r->z.avail_in, ZIN_CHUNK - r->z.avail_in);
		if (n < 0) {
			fb_error_set(err, 0, 0, "%s", strerror(errno));
			return -1;
		}
		r->zeof = n == 0;
		r->z.avail_in += (uInt)n;
	}
	return 0;
}

static int starts_gzip(const struct fb_jsonl_reader *r)
{
	return r->z.avail_in >= 2 && r->z.next_in[0] == 0x1f && r->z.next_in[1] == 0x8b;
}

/* Tells gzip from plain text by the first two bytes; plain text read so far
 * goes to the line buffer. */
static int detect(struct fb_jsonl_reader *r, struct fb_error *err)
{
	if (zin_fill(r, 2, err) < 0)
		return -1;
	if (starts_gzip(r)) {
		/* 16 + 15: a gzip header, and the largest window. */
		if (inflateInit2(&r->z, 16 + 15) != Z_OK) {
			fb_error_set(err, 0, 0, "%s", strerror(ENOMEM));
			return -1;
		}
		r->mode = GZIP;
		return 0;
	}
	r->mode = PLAIN;
	memcpy(r->buf + r->end, r->zin, r->z.avail_in);
	r->end += r->z.avail_in;
	r->eof = r->z.avail_in == 0 && r->zeof;
	r->z.avail_in = 0;
	return 0;
}

/* Decompresses into buf[end..cap) until some bytes come out or the input
 * ends. Members follow one another as in "cat a.gz b.gz"; what follows the
 * last one is ignored, as zlib's gzread does. */
static int inflate_some(struct fb_jsonl_reader *r, struct fb_error *err)
{
	size_t room = r->cap - r->end, made;
	int rc;

	for (;;) {
		if (r->z.avail_in == 0 && zin_fill(r, 1, err) < 0)
			return -1;
		r->z.next_out = (Bytef *)r->buf + r->end;
		r->z.avail_out = (uInt)(room < UINT_MAX ? room : UINT_MAX);
		rc = inflate(&r->z, Z_NO_FLUSH);
		made = (size_t)((Bytef *)r->z.next_out - ((Bytef *)r->buf + r->end));
		r->end += made;
		if (rc == Z_STREAM_END) {
			if (zin_fill(r, 2, err) < 0)
				return -1;
			if (!starts_gzip(r)) {
				r->eof = 1;
				return 0;
			}
			inflateReset(&r->z);
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			fb_error_set(err, 0, 0, "%s",
			             r->z.msg ? r->z.msg : "invalid compressed data");
			return -1;
		} else if (made == 0 && r->z.avail_in == 0 && r->zeof) {
			fb_error_set(err, 0, 0, "unexpected end of file");
			return -1;
		}
		if (made > 0)
			return 0;
	}
}

static int fill(struct fb_jsonl_reader *r, struct fb_error *err)
{
	ssize_t n;

	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (r->end == r->cap) {
		r->cap *= 2;
		r->buf = fb_xrealloc(r->buf, r->cap);
	}
	if (r->mode == UNKNOWN)
		return detect(r, err);
	if (r->mode == GZIP)
		return inflate_some(r, err);
	n = read_some(r->fd, r->buf + r->end, r->cap - r->end);
	if (n < 0) {
		fb_error_set(err, 0, 0, "%s", strerror(errno));
		return -1;
	}
	r->eof = n == 0;
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
	if (r->mode == GZIP)
		inflateEnd(&r->z);
	close(r->fd);
	free(r->name);
	free(r->buf);
	free(r->zin);
	free(r);
}
