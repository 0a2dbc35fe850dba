/* Diagnostics of the command-line programs, in one shape everywhere:
 * "prog: file:line[:col]: message", lowercase, no final full stop. */
#ifndef FB_DIAG_H
#define FB_DIAG_H

#include <stdio.h>

#if defined(__GNUC__)
#define FB_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define FB_PRINTF(a, b)
#endif

/* Prints "prog: file:line:col: message" to stderr; file may be NULL, line
 * and col 0 when not known (those parts are then left out). */
void fb_diag_error(const char *prog, const char *file, long line, int col, const char *fmt, ...)
    FB_PRINTF(5, 6);

/* The same with "warning: " before the message. */
void fb_diag_warn(const char *prog, const char *file, long line, int col, const char *fmt, ...)
    FB_PRINTF(5, 6);

/* Prints "prog: message" and "Try 'prog --help' for more information." for a
 * command-line mistake. Returns 2, the exit status for it. */
int fb_diag_usage(const char *prog, const char *fmt, ...) FB_PRINTF(2, 3);

/* Parse the argument of option --opt as fb_opt_long() and fb_opt_double()
 * do. On a mistake they print "prog: --opt: message" and the usage hint, as
 * fb_diag_usage(), and return 2; otherwise 0. */
int fb_diag_opt_long(const char *prog, const char *opt, const char *arg, long min, long max,
                     long *out);
int fb_diag_opt_double(const char *prog, const char *opt, const char *arg, double min, double max,
                       double *out);

/* Makes writes to a closed pipe fail with EPIPE instead of killing the
 * program, so that "| head" can end it quietly with status 0. */
void fb_diag_ignore_sigpipe(void);

/* Whether the last failed write was to a closed pipe. */
int fb_diag_is_epipe(int errnum);

/* Flushes and closes stdout. Returns 0 on success or when the reader had
 * closed the pipe; otherwise prints "prog: write error: ..." and returns 2. */
int fb_diag_close_stdout(const char *prog);

#endif
