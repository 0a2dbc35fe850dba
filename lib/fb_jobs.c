#include "fb_jobs.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "fb_alloc.h"
#include "fb_parallel.h"

enum { QUEUED, RUNNING, DONE };

struct thread {
	struct fb_jobs *jobs;
	size_t t;
};

struct fb_jobs {
	size_t n;
	pthread_t tid[FB_PARALLEL_MAX];
	int started[FB_PARALLEL_MAX];
	struct thread threads[FB_PARALLEL_MAX];
	pthread_mutex_t mu;
	pthread_cond_t queued, done;
	struct fb_job *head, *tail;
	atomic_size_t nqueued; /* jobs in the queue, for threads that poll */
	atomic_int quit;
};

/* How long a thread with nothing to do polls before it sleeps: waking a
 * sleeping thread took some 100 µs on the virtual machines this was
 * measured on, more than many shares of k-means, so a thread polls through
 * the gaps between jobs (as OpenMP runtimes do), for at most this long. */
#define SPIN_NS 2000000L

static long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* Polls, without the lock, until a job is queued or quit is set, or job
 * (when not NULL) is done, or SPIN_NS pass. */
static void poll_for(struct fb_jobs *jobs, const struct fb_job *job)
{
	long until = now_ns() + SPIN_NS;

	for (unsigned i = 1;; i++) {
		if (atomic_load(&jobs->nqueued) > 0 || atomic_load(&jobs->quit) ||
		    (job && atomic_load(&job->state) == DONE))
			return;
		if (i % 256 == 0 && now_ns() > until)
			return;
	}
}

/* Takes the next job off the queue; called with the lock held. */
static struct fb_job *pop(struct fb_jobs *jobs)
{
	struct fb_job *job = jobs->head;

	if (job) {
		jobs->head = job->next;
		if (!jobs->head)
			jobs->tail = NULL;
		atomic_fetch_sub(&jobs->nqueued, 1);
		atomic_store(&job->state, RUNNING);
	}
	return job;
}

/* Runs job on thread t; called with the lock held, which it lets go of
 * meanwhile. */
static void run(struct fb_jobs *jobs, struct fb_job *job, size_t t)
{
	pthread_mutex_unlock(&jobs->mu);
	job->fn(job->arg, t);
	pthread_mutex_lock(&jobs->mu);
	atomic_store(&job->state, DONE);
	pthread_cond_broadcast(&jobs->done);
}

static void *thread_main(void *arg)
{
	struct thread *th = arg;
	struct fb_jobs *jobs = th->jobs;
	struct fb_job *job;
	int polled = 0;

	pthread_mutex_lock(&jobs->mu);
	for (;;) {
		job = pop(jobs);
		if (job) {
			run(jobs, job, th->t);
			polled = 0;
			continue;
		}
		if (atomic_load(&jobs->quit))
			break;
		if (!polled) {
			pthread_mutex_unlock(&jobs->mu);
			poll_for(jobs, NULL);
			pthread_mutex_lock(&jobs->mu);
			polled = 1;
			continue;
		}
		pthread_cond_wait(&jobs->queued, &jobs->mu);
	}
	pthread_mutex_unlock(&jobs->mu);
	return NULL;
}

struct fb_jobs *fb_jobs_new(size_t n)
{
	struct fb_jobs *jobs = fb_xcalloc(1, sizeof *jobs);

	jobs->n = n < 1 ? 1 : n > FB_PARALLEL_MAX ? FB_PARALLEL_MAX : n;
	pthread_mutex_init(&jobs->mu, NULL);
	pthread_cond_init(&jobs->queued, NULL);
	pthread_cond_init(&jobs->done, NULL);
	for (size_t t = 1; t < jobs->n; t++) {
		jobs->threads[t] = (struct thread){ jobs, t };
		jobs->started[t] =
		    pthread_create(&jobs->tid[t], NULL, thread_main, &jobs->threads[t]) == 0;
	}
	return jobs;
}

struct fb_jobs *fb_jobs_for(long n)
{
	if (n == 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n > FB_PARALLEL_MAX)
		n = FB_PARALLEL_MAX;
	return n > 1 ? fb_jobs_new((size_t)n) : NULL;
}

size_t fb_jobs_threads(const struct fb_jobs *jobs)
{
	return jobs->n;
}

void fb_jobs_submit(struct fb_jobs *jobs, struct fb_job *job, void (*fn)(void *arg, size_t t),
                    void *arg)
{
	job->fn = fn;
	job->arg = arg;
	job->next = NULL;
	pthread_mutex_lock(&jobs->mu);
	atomic_store(&job->state, QUEUED);
	atomic_fetch_add(&jobs->nqueued, 1);
	if (jobs->tail)
		jobs->tail->next = job;
	else
		jobs->head = job;
	jobs->tail = job;
	pthread_cond_signal(&jobs->queued);
	pthread_mutex_unlock(&jobs->mu);
}

int fb_jobs_done(struct fb_jobs *jobs, const struct fb_job *job)
{
	(void)jobs;
	return atomic_load(&job->state) == DONE;
}

/* A thread that could not be started leaves its jobs to the owner, who runs
 * whatever is queued while it waits: the work always gets done. */
void fb_jobs_wait(struct fb_jobs *jobs, struct fb_job *job)
{
	struct fb_job *next;
	int polled = 0;

	pthread_mutex_lock(&jobs->mu);
	while (atomic_load(&job->state) != DONE) {
		next = pop(jobs);
		if (next) {
			run(jobs, next, 0);
			polled = 0;
		} else if (!polled) {
			pthread_mutex_unlock(&jobs->mu);
			poll_for(jobs, job);
			pthread_mutex_lock(&jobs->mu);
			polled = 1;
		} else {
			pthread_cond_wait(&jobs->done, &jobs->mu);
		}
	}
	pthread_mutex_unlock(&jobs->mu);
}

struct share {
	struct fb_job job;
	void (*fn)(void *ctx, size_t s);
	void *ctx;
	size_t s;
};

static void run_share(void *arg, size_t t)
{
	struct share *sh = arg;

	(void)t;
	sh->fn(sh->ctx, sh->s);
}

void fb_jobs_run(struct fb_jobs *jobs, size_t n, void (*fn)(void *ctx, size_t s), void *ctx)
{
	struct share sh[FB_PARALLEL_MAX];
	size_t s;

	if (n > FB_PARALLEL_MAX)
		n = FB_PARALLEL_MAX;
	if (!jobs) {
		for (s = 0; s < n; s++)
			fn(ctx, s);
		return;
	}
	for (s = 1; s < n; s++) {
		sh[s] = (struct share){ .fn = fn, .ctx = ctx, .s = s };
		fb_jobs_submit(jobs, &sh[s].job, run_share, &sh[s]);
	}
	if (n > 0)
		fn(ctx, 0);
	for (s = 1; s < n; s++)
		fb_jobs_wait(jobs, &sh[s].job);
}

void fb_jobs_free(struct fb_jobs *jobs)
{
	if (!jobs)
		return;
	pthread_mutex_lock(&jobs->mu);
	atomic_store(&jobs->quit, 1);
	pthread_cond_broadcast(&jobs->queued);
	pthread_mutex_unlock(&jobs->mu);
	for (size_t t = 1; t < jobs->n; t++)
		if (jobs->started[t])
			pthread_join(jobs->tid[t], NULL);
	pthread_mutex_destroy(&jobs->mu);
	pthread_cond_destroy(&jobs->queued);
	pthread_cond_destroy(&jobs->done);
	free(jobs);
}
