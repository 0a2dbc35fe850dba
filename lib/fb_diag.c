#include "fb_diag.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>

static void vdiag(const char *prog, const char *kind, const char *file, long line, int col,
                  const char *fmt, va_list ap) FB_PRINTF(6, 0);

static void vdiag(const char *prog, const char *kind, const char *file, long line, int col,
                  const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", prog);
	if (file) {
		fputs(file, stderr);
		if (line > 0)
			fprintf(stderr, ":%ld", line);
		if (line > 0 && col > 0)
			fprintf(stderr, ":%d", col);
		fputs(": ", stderr);
	}
	fputs(kind, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void fb_diag_error(const char *prog, const char *file, long line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(prog, "", file, line, col, fmt, ap);
	va_end(ap);
}

void fb_diag_warn(const char *prog, const char *file, long line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(prog, "warning: ", file, line, col, fmt, ap);
	va_end(ap);
}

int fb_diag_usage(const char *prog, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(prog, "", NULL, 0, 0, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", prog);
	return 2;
}

void fb_diag_ignore_sigpipe(void)
{
	signal(SIGPIPE, SIG_IGN);
}

int fb_diag_is_epipe(int errnum)
{
	return errnum == EPIPE;
}

int fb_diag_close_stdout(const char *prog)
{
	int failed = fflush(stdout) != 0 || ferror(stdout);
	int errnum = errno;

	if (fclose(stdout) != 0 && !failed) {
		failed = 1;
		errnum = errno;
	}
	if (!failed || errnum == EPIPE)
		return 0;
	fprintf(stderr, "%s: write error: %s\n", prog, strerror(errnum));
	return 2;
}
