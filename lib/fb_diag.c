#include "fb_diag.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>

#include "fb_opt.h"

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

int fb_diag_opt_long(const char *prog, const char *opt, const char *arg, long min, long max,
                     long *out)
{
	struct fb_error err;

	if (fb_opt_long(arg, min, max, out, &err) < 0)
		return fb_diag_usage(prog, "--%s: %s", opt, err.text);
	return 0;
}

int fb_diag_opt_double(const char *prog, const char *opt, const char *arg, double min, double max,
                       double *out)
{
	struct fb_error err;

	if (fb_opt_double(arg, min, max, out, &err) < 0)
		return fb_diag_usage(prog, "--%s: %s", opt, err.text);
	return 0;
}
