/* Internal to the stats module (lib/fb_stats_*.c): shared helpers that are
 * not part of the public interface in fb_stats.h. */
#ifndef FB_STATS_IMPL_H
#define FB_STATS_IMPL_H

#include "fb_error.h"
#include "fb_stats.h"

/* R's default tolerance for uniroot(), .Machine$double.eps^0.25 = 2^-13. */
#define FB_STATS_UNIROOT_TOL 0x1p-13
#define FB_STATS_UNIROOT_MAXIT 1000

/* log(2), as R's M_LN2; <math.h> has it only under XSI. */
#define FB_STATS_LN2 0.693147180559945309417232121458

/* A port of R's R_zeroin2() (src/library/stats/src/zeroin.c, Brent's method
 * after Forsythe, Malcolm and Moler), operation for operation, so that roots
 * R finds with uniroot() at a coarse tolerance come out the same here. fa
 * and fb are f(ax) and f(bx), of opposite signs or zero. Returns the root
 * estimate; *iter gets the number of iterations, or -1 when maxit ran out. */
double fb_stats_zeroin(double ax, double bx, double fa, double fb,
                       double (*f)(double x, void *info), void *info, double tol, int maxit,
                       int *iter);

/* Sets every figure of res to NaN and method to 0. */
void fb_stats_result_clear(struct fb_stats_result *res);

/* Checks opts (NULL means FB_STATS_OPTS_DEFAULT) and returns the options to
 * use, or NULL with err filled. */
const struct fb_stats_opts *fb_stats_opts_check(const struct fb_stats_opts *opts,
                                                struct fb_error *err);

/* Standard normal tails, through GSL. */
double fb_stats_pnorm(double z);
double fb_stats_pnorm_upper(double z);

/* The normal-approximation p-value R's rank and proportion tests share:
 * pnorm(z) for "less", the upper tail for "greater", and twice the smaller
 * tail for "two.sided". */
double fb_stats_normal_p(double z, enum fb_stats_alternative alt);

#endif
