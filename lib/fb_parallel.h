/* Work split over threads, and loops compiled for the CPU they run on.
 *
 * A pool (fb_pool_*) keeps n - 1 threads waiting and runs fn(ctx, t) for
 * every t in [0, n), the caller taking t = 0: fn must write only to what
 * share t owns, and the call returns when every share is done. Its threads
 * poll for a while before they sleep, for work split many times over in
 * quick succession (k-means); coarse work that can wait in a queue goes to
 * fb_jobs.
 *
 * FB_SIMD_CLONES before a function compiles it twice, for AVX2 and for the
 * baseline, and the loader picks by the CPU (GCC's and Clang's
 * target_clones). Use it on loops whose lanes are independent sums: the
 * build turns off contraction (-ffp-contract=off), so both versions give
 * the same bits and output does not depend on the machine. */
#ifndef FB_PARALLEL_H
#define FB_PARALLEL_H

#include <stddef.h>

#define FB_PARALLEL_MAX 8

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__) && \
    !defined(__SANITIZE_THREAD__)
#define FB_SIMD_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define FB_SIMD_CLONES
#endif

/* n - 1 threads kept waiting for work (n at most FB_PARALLEL_MAX), the
 * caller being the n-th. A waiting thread spins briefly before it sleeps,
 * so that work handed out in quick succession starts at once. */
struct fb_pool; /* opaque */

struct fb_pool *fb_pool_new(size_t n);

/* Runs fn(ctx, t) for every t below the pool's n, as above. Not reentrant:
 * one caller at a time. */
void fb_pool_run(struct fb_pool *p, void (*fn)(void *ctx, size_t t), void *ctx);

/* Ends the threads. NULL is allowed. */
void fb_pool_free(struct fb_pool *p);

#endif
