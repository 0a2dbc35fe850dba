/* Unit tests of lib/fb_jobs: every job runs once, on a thread whose index
 * is in range, the owner's being 0, and waiting returns only once the job
 * is done, whatever order the jobs are waited for in. */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "fb_alloc.h"
#include "fb_jobs.h"
#include "fb_parallel.h"

#define NJOBS 200

struct work {
	atomic_int runs;
	size_t thread;
	pthread_t tid;
	long sum;
	long from;
};

/* Sums 1000 numbers, slowly enough that jobs overlap. */
static void sum_job(void *arg, size_t t)
{
	struct work *w = arg;
	volatile long sum = 0;
	long i;

	atomic_fetch_add(&w->runs, 1);
	w->thread = t;
	w->tid = pthread_self();
	for (i = w->from; i < w->from + 1000; i++)
		sum += i;
	w->sum = sum;
}

static void run_all(size_t nthreads, int backwards)
{
	struct fb_jobs *jobs = fb_jobs_new(nthreads);
	static struct work w[NJOBS];
	static struct fb_job job[NJOBS];
	size_t i, k, elsewhere = 0;
	long total = 0;

	CHECK(fb_jobs_threads(jobs) == nthreads);
	for (i = 0; i < NJOBS; i++) {
		atomic_store(&w[i].runs, 0);
		w[i].from = (long)i * 1000 + 1;
		w[i].sum = 0;
		fb_jobs_submit(jobs, &job[i], sum_job, &w[i]);
	}
	for (k = 0; k < NJOBS; k++) {
		i = backwards ? NJOBS - 1 - k : k;
		fb_jobs_wait(jobs, &job[i]);
		CHECK(fb_jobs_done(jobs, &job[i]));
		CHECK(atomic_load(&w[i].runs) == 1);
		CHECK(w[i].thread < nthreads);
		/* Index 0 is the owner's, and only the owner's. */
		CHECK((w[i].thread == 0) == pthread_equal(w[i].tid, pthread_self()));
		elsewhere += w[i].thread != 0;
		total += w[i].sum;
	}
	CHECK(total == (long)NJOBS * 1000 * (NJOBS * 1000 + 1) / 2);
	if (nthreads == 1)
		CHECK(elsewhere == 0);
	fb_jobs_free(jobs);
}

static void test_one_thread(void)
{
	run_all(1, 0);
	run_all(1, 1);
}

static void test_threads(void)
{
	run_all(2, 0);
	run_all(4, 1);
	run_all(8, 0);
}

struct shares {
	size_t calls[FB_PARALLEL_MAX + 1];
	pthread_t tid[FB_PARALLEL_MAX + 1];
	long sum[FB_PARALLEL_MAX + 1];
};

/* Share s sums its own slice of 1..8000. */
static void sum_share(void *arg, size_t s)
{
	struct shares *sh = arg;
	long i;

	sh->calls[s]++;
	sh->tid[s] = pthread_self();
	for (i = (long)s * 1000 + 1; i <= (long)(s + 1) * 1000; i++)
		sh->sum[s] += i;
}

/* Every share runs once, the first on the caller; more shares than
 * FB_PARALLEL_MAX run FB_PARALLEL_MAX; without jobs all run here. */
static void test_run_shares(void)
{
	struct fb_jobs *jobs = fb_jobs_new(3);
	struct shares sh = { 0 };
	long total = 0;
	size_t s;

	fb_jobs_run(jobs, 8, sum_share, &sh);
	for (s = 0; s < 8; s++) {
		CHECK(sh.calls[s] == 1);
		total += sh.sum[s];
	}
	CHECK(total == 8000L * 8001 / 2);
	CHECK(pthread_equal(sh.tid[0], pthread_self()));
	memset(&sh, 0, sizeof sh);
	fb_jobs_run(jobs, FB_PARALLEL_MAX + 1, sum_share, &sh);
	CHECK(sh.calls[FB_PARALLEL_MAX - 1] == 1 && sh.calls[FB_PARALLEL_MAX] == 0);
	memset(&sh, 0, sizeof sh);
	fb_jobs_run(NULL, 4, sum_share, &sh);
	for (s = 0; s < 4; s++)
		CHECK(sh.calls[s] == 1 && pthread_equal(sh.tid[s], pthread_self()));
	CHECK(sh.calls[4] == 0);
	fb_jobs_free(jobs);
}

static atomic_int ran_elsewhere;
static pthread_t owner;

/* Share 0 (the owner's) waits, up to 10 s, until another share has run on
 * another thread: the queue's threads take the shares the owner cannot. */
static void wait_for_others(void *arg, size_t s)
{
	time_t until = time(NULL) + 10;

	(void)arg;
	if (s > 0) {
		if (!pthread_equal(pthread_self(), owner))
			atomic_store(&ran_elsewhere, 1);
		return;
	}
	while (!atomic_load(&ran_elsewhere) && time(NULL) < until)
		sched_yield();
}

/* Shares split again and again, as k-means splits its work: each runs once
 * per call, with the context of that call; the queue's threads take shares
 * while the owner is busy; a queue of one runs everything on the owner. */
static void test_run_repeated(void)
{
	struct fb_jobs *jobs = fb_jobs_new(3), *one = fb_jobs_new(1);
	static struct shares sh[50];
	size_t r;
	int ok = 1;

	memset(sh, 0, sizeof sh);
	for (r = 0; r < 50; r++)
		fb_jobs_run(jobs, 3, sum_share, &sh[r]);
	for (r = 0; r < 50; r++)
		ok &= sh[r].calls[0] == 1 && sh[r].calls[1] == 1 && sh[r].calls[2] == 1 &&
		      sh[r].calls[3] == 0 &&
		      sh[r].sum[0] + sh[r].sum[1] + sh[r].sum[2] == 3000L * 3001 / 2;
	CHECK(ok);
	owner = pthread_self();
	atomic_store(&ran_elsewhere, 0);
	fb_jobs_run(jobs, 3, wait_for_others, NULL);
	CHECK(atomic_load(&ran_elsewhere));
	memset(sh, 0, sizeof sh[0]);
	fb_jobs_run(one, 2, sum_share, &sh[0]);
	CHECK(sh[0].calls[0] == 1 && sh[0].calls[1] == 1 && sh[0].calls[2] == 0);
	CHECK(pthread_equal(sh[0].tid[1], pthread_self()));
	fb_jobs_free(jobs);
	fb_jobs_free(one);
}

/* A queue that got no jobs ends cleanly; NULL is a no-op. */
static void test_idle(void)
{
	struct fb_jobs *any = fb_jobs_for(0);

	/* --threads 1 needs no queue; 0 takes the processors, at most the
	 * most there can be. */
	CHECK(fb_jobs_for(1) == NULL);
	CHECK(!any || (fb_jobs_threads(any) >= 2 && fb_jobs_threads(any) <= FB_PARALLEL_MAX));
	fb_jobs_free(any);
	fb_jobs_free(fb_jobs_new(3));
	fb_jobs_free(NULL);
}

int main(void)
{
	fb_alloc_init("t_jobs");
	RUN(test_one_thread);
	RUN(test_threads);
	RUN(test_run_shares);
	RUN(test_run_repeated);
	RUN(test_idle);
	return CHECK_DONE();
}
