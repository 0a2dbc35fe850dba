/* Work split over threads, and loops compiled for the CPU they run on.
 *
 * fb_parallel_run(n, fn, ctx) calls fn(ctx, t) for every t in [0, n), each
 * on its own thread: the calling thread takes t = 0, and a thread that
 * cannot be started leaves its share to the caller, so the work always gets
 * done. fn must write only to what share t owns; the call returns when every
 * share is done. It starts threads each time: for work split many times
 * over, a pool (fb_pool_*) keeps them, since starting a thread can cost
 * more than a share.
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

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__)
#define FB_SIMD_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define FB_SIMD_CLONES
#endif

/* n is at most FB_PARALLEL_MAX; n < 2 runs fn(ctx, 0) here. */
void fb_parallel_run(size_t n, void (*fn)(void *ctx, size_t t), void *ctx);

/* n - 1 threads kept waiting for work (n at most FB_PARALLEL_MAX), the
 * caller being the n-th. A waiting thread spins briefly before it sleeps,
 * so that work handed out in quick succession starts at once. */
struct fb_pool; /* opaque */

struct fb_pool *fb_pool_new(size_t n);

/* As fb_parallel_run(n, fn, ctx) with the pool's n. Not reentrant: one
 * caller at a time. */
void fb_pool_run(struct fb_pool *p, void (*fn)(void *ctx, size_t t), void *ctx);

/* Ends the threads. NULL is allowed. */
void fb_pool_free(struct fb_pool *p);

#endif
