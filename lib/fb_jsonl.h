/* JSON Lines in and out, and the bad-record policy every binary shares.
 *
 * Reading: operands are files, "-" for standard input, or none (standard
 * input); gzip-compressed input (one or more members) is decompressed
 * transparently, and a line is handed out as soon as it has arrived. Lines
 * may be of any length; "\r\n" endings and a last line without "\n" are accepted. A
 * record is one JSON object per line, parsed with duplicate keys rejected;
 * blank lines, a byte order mark, NUL bytes, invalid UTF-8 and non-objects are
 * bad records.
 *
 * Policy: strict by default (the first bad record is reported as
 * "prog: file:line[:col]: reason" and reading stops: the caller exits 2);
 * with skip_invalid reading goes on; with a rejects stream every rejected line
 * is written there byte for byte, so nothing is lost. */
#ifndef FB_JSONL_H
#define FB_JSONL_H

#include <jansson.h>
#include <stdio.h>

#include "fb_diag.h"
#include "fb_error.h"
#include "fb_jobs.h"

/* ---- one file, line by line ---- */

struct fb_jsonl_reader; /* opaque */

/* Opens path ("-" for standard input). Returns a new reader, or NULL with
 * err->text the system's reason ("No such file or directory"). */
struct fb_jsonl_reader *fb_jsonl_reader_open(const char *path, struct fb_error *err);

/* Reads the next line. Returns 1 with *line and *len the raw bytes without the
 * "\n" (a "\r" before it is kept; the pointer is valid until the next call),
 * 0 at the end, -1 on a read or decompression error (err->text says which). */
int fb_jsonl_reader_next(struct fb_jsonl_reader *r, const char **line, size_t *len,
                         struct fb_error *err);

/* The name for messages ("<stdin>" for standard input; borrowed) and the
 * 1-based number of the line last read. */
const char *fb_jsonl_reader_name(const struct fb_jsonl_reader *r);
long fb_jsonl_reader_lineno(const struct fb_jsonl_reader *r);

void fb_jsonl_reader_close(struct fb_jsonl_reader *r);

/* Parses one line (raw bytes as read; a final "\r" is ignored) into a JSON
 * object. Returns a new reference, or NULL with err->text the reason and
 * err->column the 1-based byte column where known. */
json_t *fb_jsonl_parse(const char *line, size_t len, struct fb_error *err);

/* How a JSON value's type is named in messages: "an object", "an array",
 * "a string", "a number", "a boolean" or "null". Static storage. */
const char *fb_jsonl_type_name(const json_t *v);

/* ---- all operands, with the bad-record policy ---- */

struct fb_jsonl_in; /* opaque */

struct fb_jsonl_policy {
	const char *prog;     /* for messages */
	int skip_invalid;     /* go on after a bad record */
	FILE *rejects;        /* where rejected lines go, or NULL; borrowed */
	struct fb_jobs *jobs; /* borrowed: read ahead in batches and parse them
	                       * there; NULL reads and parses line by line */
};

/* Prepares to read paths[0..n) in order (standard input when n is 0). The
 * policy is copied; the paths are borrowed. */
struct fb_jsonl_in *fb_jsonl_in_new(const struct fb_jsonl_policy *policy, const char *const *paths,
                                    size_t n);

/* Returns the next good record (new reference), or NULL at the end of input
 * or when reading stopped under the strict policy. Bad lines are reported,
 * counted and kept per the policy. A file that cannot be opened or read is
 * reported and makes the final status 2, and reading goes on with the next. */
json_t *fb_jsonl_in_next(struct fb_jsonl_in *in);

/* Reads every good record and hands it to add, which borrows it (and may
 * ask in for the record's line or raw bytes); a record add refuses,
 * returning -1 with err->text the reason, is rejected per the policy.
 * Returns 0, or -1 when reading stopped under the strict policy. */
int fb_jsonl_in_each(struct fb_jsonl_in *in,
                     int (*add)(void *ctx, struct fb_jsonl_in *in, const json_t *rec,
                                struct fb_error *err),
                     void *ctx);

/* Work on each good record that a caller may have done on the parse threads
 * instead of its own: fn gets the record (a reference it must release),
 * the file name as fb_jsonl_in_file gives it, the line number and the raw
 * line (borrowed, valid during the call), and returns what
 * fb_jsonl_in_next_item hands out (not NULL). free releases what is not
 * handed out. fn runs on several threads at once. */
struct fb_jsonl_stage {
	void *(*fn)(json_t *rec, const char *file, long line, const char *raw, size_t len,
	            void *ctx);
	void (*free)(void *out);
	void *ctx;
};

/* Sets the stage (borrowed; it must outlive in) before the first read. */
void fb_jsonl_in_set_stage(struct fb_jsonl_in *in, const struct fb_jsonl_stage *stage);

/* fb_jsonl_in_next for a reader with a stage: returns what the stage made
 * of the next good record (the caller owns it), or NULL as
 * fb_jsonl_in_next does. */
void *fb_jsonl_in_next_item(struct fb_jsonl_in *in);

/* Rejects the record last returned, for a reason found by the caller (a
 * missing field, a wrong type): reports "file:line: message" (with ":col"
 * when col > 0), writes the raw line to the rejects stream and counts it.
 * Returns 0 when the caller should go on, -1 when it must stop (strict). */
int fb_jsonl_in_reject(struct fb_jsonl_in *in, int col, const char *fmt, ...) FB_PRINTF(3, 4);

/* The same for an earlier line the caller kept (file and raw bytes borrowed). */
int fb_jsonl_in_reject_at(struct fb_jsonl_in *in, const char *file, long line, const char *raw,
                          size_t len, const char *fmt, ...) FB_PRINTF(6, 7);

/* Prints a warning about the record last returned. */
void fb_jsonl_in_warn(struct fb_jsonl_in *in, const char *fmt, ...) FB_PRINTF(2, 3);

/* Where the record last returned came from: file name (borrowed, valid as
 * long as in) and line,
 * and its raw bytes (valid until the next call of fb_jsonl_in_next). */
const char *fb_jsonl_in_file(const struct fb_jsonl_in *in);
long fb_jsonl_in_line(const struct fb_jsonl_in *in);
const char *fb_jsonl_in_raw(const struct fb_jsonl_in *in, size_t *len);

/* Lines read and rejected so far. */
unsigned long fb_jsonl_in_read_count(const struct fb_jsonl_in *in);
unsigned long fb_jsonl_in_rejected_count(const struct fb_jsonl_in *in);

/* 0 while all is well, 2 after a strict stop, a file error or a write error
 * on the rejects stream. */
int fb_jsonl_in_status(const struct fb_jsonl_in *in);

/* Whether reading stopped early (a bad record under the strict policy, or a
 * failed write of the rejects stream): what is still pending is not to be
 * written. A file that could not be opened does not stop reading. */
int fb_jsonl_in_stopped(const struct fb_jsonl_in *in);

void fb_jsonl_in_free(struct fb_jsonl_in *in);

/* ---- output ---- */

struct fb_jsonl_out; /* opaque */

/* Writes compact records, one per line, UTF-8 unescaped, keys in insertion
 * order, reals with 15 significant digits (enough for any measured value, and 0.1 stays 0.1).
 * unbuffered flushes each record. */
struct fb_jsonl_out *fb_jsonl_out_new(FILE *f, int unbuffered);

/* Writes rec and a newline. Returns 0, or -1 on a write error (errno set;
 * EPIPE when the reader has gone away). */
int fb_jsonl_out_write(struct fb_jsonl_out *out, const json_t *rec);

/* Records written so far. */
unsigned long fb_jsonl_out_count(const struct fb_jsonl_out *out);

void fb_jsonl_out_free(struct fb_jsonl_out *out);

#endif
