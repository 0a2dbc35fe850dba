/* Output for people: aligned text tables, Markdown tables and CSV, written
 * row by row so that a table of a stream needs no memory. Column widths are
 * fixed in advance; longer cells are cut with an ellipsis. */
#ifndef FB_REPORT_H
#define FB_REPORT_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

enum fb_report_format { FB_REPORT_TABLE, FB_REPORT_MARKDOWN, FB_REPORT_CSV };

struct fb_report_col {
	const char *title;
	size_t width; /* in terminal columns, for table and markdown */
	int right;    /* right-aligned (numbers) */
};

/* Parses "table", "markdown" or "csv"; -1 when unknown. */
int fb_report_format_from_name(const char *name);

/* Writes the header (and, for markdown, the separator line). Returns 0, or
 * -1 on a write error. */
int fb_report_header(FILE *f, enum fb_report_format fmt, const struct fb_report_col *cols,
                     size_t ncols);

/* Writes one row of ncols cells (UTF-8; NULL is written as empty). Returns 0,
 * or -1 on a write error. */
int fb_report_row(FILE *f, enum fb_report_format fmt, const struct fb_report_col *cols,
                  size_t ncols, const char *const *cells);

/* Renders a JSON value as a cell: a string as it is (its own storage is
 * returned, uncut), numbers in %g, null as empty, an object as its keys
 * joined by ",", an array as its elements so rendered and joined. Other than
 * strings, the text goes into buf (size bytes, NUL included; cut on a
 * character boundary) and buf is returned. */
const char *fb_report_json_cell(const json_t *v, char *buf, size_t size);

#endif
