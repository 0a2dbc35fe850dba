#include "fb_error.h"

#include <stdarg.h>
#include <stdio.h>

void fb_error_set(struct fb_error *err, long line, int column, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	err->line = line;
	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->text, sizeof err->text, fmt, ap);
	va_end(ap);
}
