/* What code run on threads shares: how many threads at most (work goes to
 * them through fb_jobs), and loops compiled for the CPU they run on.
 *
 * FB_SIMD_CLONES before a function compiles it twice, for AVX2 and for the
 * baseline, and the loader picks by the CPU (GCC's and Clang's
 * target_clones). Use it on loops whose lanes are independent sums: the
 * build turns off contraction (-ffp-contract=off), so both versions give
 * the same bits and output does not depend on the machine. */
#ifndef FB_PARALLEL_H
#define FB_PARALLEL_H

#define FB_PARALLEL_MAX 8

/* Off under the sanitizers, whose runtimes are not set up yet when the
 * loader runs the resolvers. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__) && \
    !defined(__SANITIZE_THREAD__)
#define FB_SIMD_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define FB_SIMD_CLONES
#endif

#endif
