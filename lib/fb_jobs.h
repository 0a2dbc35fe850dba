/* Work on threads: a queue of jobs for a few threads kept waiting. One
 * thread (the owner) submits jobs and waits for them in the order it needs
 * their results, and runs queued jobs itself while it waits, so that
 * reading, parsing, analysing and writing overlap; or it splits work into
 * shares (fb_jobs_run), as k-means does many times a second. Jobs run in
 * the order submitted. A thread that finds the queue empty polls it for a
 * moment, since waking a sleeping thread can cost more than a share, then
 * sleeps until a job comes. */
#ifndef FB_JOBS_H
#define FB_JOBS_H

#include <stdatomic.h>
#include <stddef.h>

struct fb_jobs; /* opaque */

/* A job: fn(arg, t) runs on thread t, which is 0 for the owner and 1 to
 * n - 1 for the others, so that fn can use scratch space of its own. The
 * caller keeps the job in place from submission until it is done. */
struct fb_job {
	void (*fn)(void *arg, size_t t);
	void *arg;
	struct fb_job *next; /* private */
	atomic_int state;    /* private */
};

/* A queue run by n threads (at most FB_PARALLEL_MAX), the owner being one
 * of them: with n < 2, jobs run while the owner waits for them. */
struct fb_jobs *fb_jobs_new(size_t n);

/* The queue for a --threads option: of n threads (0: the number of
 * processors, at most FB_PARALLEL_MAX), or NULL for one, since a program on
 * one thread reads and works as it goes, with no queue. */
struct fb_jobs *fb_jobs_for(long n);

/* How many threads run jobs, the owner included. */
size_t fb_jobs_threads(const struct fb_jobs *jobs);

/* Queues job to run fn(arg, t). */
void fb_jobs_submit(struct fb_jobs *jobs, struct fb_job *job, void (*fn)(void *arg, size_t t),
                    void *arg);

/* Whether job is done (it is then no longer the queue's). */
int fb_jobs_done(struct fb_jobs *jobs, const struct fb_job *job);

/* Returns once job is done, running queued jobs in the meantime. */
void fb_jobs_wait(struct fb_jobs *jobs, struct fb_job *job);

/* Calls fn(ctx, s) for every share s in [0, n) (n at most FB_PARALLEL_MAX),
 * share 0 on the caller and the others as jobs, and returns when all are
 * done: work split in a few coarse shares. With jobs NULL every share runs
 * here, in order. */
void fb_jobs_run(struct fb_jobs *jobs, size_t n, void (*fn)(void *ctx, size_t s), void *ctx);

/* Ends the threads; every job submitted must be done. NULL is allowed. */
void fb_jobs_free(struct fb_jobs *jobs);

#endif
