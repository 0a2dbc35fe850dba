#include "fb_report.h"

#include <string.h>
#include <utf8proc.h>

/* Cuts a string that snprintf may have cut inside a UTF-8 sequence back to
 * the last whole character. */
static void cut_utf8(char *buf, size_t size)
{
	size_t n = strlen(buf), lead = n, want;
	unsigned char c;

	if (n + 1 < size)
		return;
	while (lead > 0 && ((unsigned char)buf[lead - 1] & 0xC0) == 0x80)
		lead--;
	if (lead == 0)
		return;
	c = (unsigned char)buf[lead - 1];
	want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	if (n - (lead - 1) < want)
		buf[lead - 1] = '\0';
}

const char *fb_report_json_cell(const json_t *v, char *buf, size_t size)
{
	const char *key;
	size_t i, n = 0;
	json_t *e;
	char part[256];
	const char *s;

	buf[0] = '\0';
	if (!v || size == 0)
		return buf;
	switch (json_typeof(v)) {
	case JSON_STRING:
		return json_string_value(v);
	case JSON_INTEGER:
	case JSON_REAL:
		snprintf(buf, size, "%g", json_number_value(v));
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		snprintf(buf, size, "%s", json_is_true(v) ? "true" : "false");
		break;
	case JSON_OBJECT:
		json_object_foreach ((json_t *)v, key, e)
			n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s",
			                      n ? "," : "", key);
		break;
	case JSON_ARRAY:
		json_array_foreach (v, i, e) {
			s = fb_report_json_cell(e, part, sizeof part);
			n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s",
			                      n ? "," : "", s);
		}
		break;
	default:
		break;
	}
	cut_utf8(buf, size);
	return buf;
}

int fb_report_format_from_name(const char *name)
{
	if (strcmp(name, "table") == 0)
		return FB_REPORT_TABLE;
	if (strcmp(name, "markdown") == 0)
		return FB_REPORT_MARKDOWN;
	if (strcmp(name, "csv") == 0)
		return FB_REPORT_CSV;
	return -1;
}

static size_t width_of(utf8proc_int32_t c, int markdown)
{
	if (c < 32)
		return 1;
	if (c == '|' && markdown)
		return 2;
	return (size_t)utf8proc_charwidth(c);
}

/* Writes s in width terminal columns: padded (when pad), or cut with "…".
 * Control characters (a newline in a prompt) are shown as spaces so that a
 * row stays one line; markdown's pipe is escaped. */
static void cell(FILE *f, const char *s, size_t width, int right, int markdown, int pad)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s), step;
	utf8proc_int32_t c;
	size_t used = 0, total = 0, w;
	int cut = 0;

	for (step = 0; left > 0; p += step, left -= step) {
		step = utf8proc_iterate(p, left, &c);
		if (step <= 0)
			break;
		total += width_of(c, markdown);
	}
	cut = total > width;
	if (right && !cut)
		fprintf(f, "%*s", (int)(width - total), "");
	p = (const utf8proc_uint8_t *)s;
	left = (utf8proc_ssize_t)strlen(s);
	for (; left > 0; p += step, left -= step) {
		step = utf8proc_iterate(p, left, &c);
		if (step <= 0)
			break;
		w = width_of(c, markdown);
		if (cut && used + w > width - 1)
			break;
		if (c < 32)
			putc(' ', f);
		else if (c == '|' && markdown)
			fputs("\\|", f);
		else
			fwrite(p, 1, (size_t)step, f);
		used += w;
	}
	if (cut) {
		fputs("…", f);
		used++;
	}
	if (pad && !right && used < width)
		fprintf(f, "%*s", (int)(width - used), "");
}

static void csv_cell(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

int fb_report_row(FILE *f, enum fb_report_format fmt, const struct fb_report_col *cols,
                  size_t ncols, const char *const *cells)
{
	size_t i;
	const char *s;

	for (i = 0; i < ncols; i++) {
		s = cells[i] ? cells[i] : "";
		if (fmt == FB_REPORT_CSV) {
			if (i)
				putc(',', f);
			csv_cell(f, s);
			continue;
		}
		fputs(fmt == FB_REPORT_MARKDOWN ? (i ? " | " : "| ") : (i ? "  " : ""), f);
		/* A plain table's last column is not padded: no trailing blanks. */
		cell(f, s, cols[i].width, cols[i].right, fmt == FB_REPORT_MARKDOWN,
		     fmt == FB_REPORT_MARKDOWN || i + 1 < ncols);
	}
	fputs(fmt == FB_REPORT_MARKDOWN ? " |\n" : "\n", f);
	return ferror(f) ? -1 : 0;
}

int fb_report_header(FILE *f, enum fb_report_format fmt, const struct fb_report_col *cols,
                     size_t ncols)
{
	const char *titles[64];
	size_t i, j;

	for (i = 0; i < ncols && i < 64; i++)
		titles[i] = cols[i].title;
	if (fb_report_row(f, fmt, cols, i, titles) < 0)
		return -1;
	if (fmt != FB_REPORT_MARKDOWN)
		return 0;
	for (i = 0; i < ncols; i++) {
		fputs(i ? " | " : "| ", f);
		for (j = 0; j < cols[i].width; j++)
			putc(j + 1 == cols[i].width && cols[i].right ? ':' : '-', f);
	}
	fputs(" |\n", f);
	return ferror(f) ? -1 : 0;
}
