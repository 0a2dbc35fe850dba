/* Fuzz target: the line reader (buffer refills, lines of any length, no
 * final newline, gzip detection) and the record parser. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "fb_jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/fb-fuzz-jsonl-XXXXXX";
	struct fb_jsonl_reader *r;
	struct fb_error err;
	const char *line;
	size_t len;
	json_t *rec;
	int fd = mkstemp(path);

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	r = fb_jsonl_reader_open(path, &err);
	while (r && fb_jsonl_reader_next(r, &line, &len, &err) > 0) {
		rec = fb_jsonl_parse(line, len, &err);
		json_decref(rec);
	}
	fb_jsonl_reader_close(r);
	unlink(path);
	return 0;
}
