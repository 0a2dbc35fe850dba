#include "fb_parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "fb_alloc.h"

/* How long a waiting thread polls before it sleeps: waking a sleeping
 * thread took some 100 µs on the virtual machines this was measured on,
 * more than most shares of work, so a thread polls through the gaps
 * between shares (as OpenMP runtimes do), for at most this long. */
#define SPIN_NS 2000000L

static long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* Polls until done(p, arg) or SPIN_NS pass; returns done(p, arg). */
static int spin(struct fb_pool *p, int (*done)(struct fb_pool *p, unsigned long arg),
                unsigned long arg)
{
	long until = now_ns() + SPIN_NS;

	for (unsigned i = 1;; i++) {
		if (done(p, arg))
			return 1;
		if (i % 256 == 0 && now_ns() > until)
			return 0;
	}
}

struct worker {
	struct fb_pool *pool;
	size_t t;
};

struct fb_pool {
	size_t n;
	pthread_t tid[FB_PARALLEL_MAX];
	int started[FB_PARALLEL_MAX];
	struct worker workers[FB_PARALLEL_MAX];
	pthread_mutex_t mu;
	pthread_cond_t wake, done;
	atomic_ulong gen;      /* work handed out so far */
	atomic_size_t pending; /* started threads still at the current work */
	atomic_int quit;
	void (*fn)(void *ctx, size_t t);
	void *ctx;
};

static int has_work(struct fb_pool *p, unsigned long seen)
{
	return atomic_load(&p->gen) != seen || atomic_load(&p->quit);
}

static int all_done(struct fb_pool *p, unsigned long unused)
{
	(void)unused;
	return atomic_load(&p->pending) == 0;
}

/* Waits until gen moves past seen or quit is set; returns quit. */
static int wait_work(struct fb_pool *p, unsigned long seen)
{
	if (spin(p, has_work, seen))
		return atomic_load(&p->quit);
	pthread_mutex_lock(&p->mu);
	while (atomic_load(&p->gen) == seen && !atomic_load(&p->quit))
		pthread_cond_wait(&p->wake, &p->mu);
	pthread_mutex_unlock(&p->mu);
	return atomic_load(&p->quit);
}

static void *pool_thread(void *arg)
{
	struct worker *w = arg;
	struct fb_pool *p = w->pool;
	unsigned long seen = 0;

	while (!wait_work(p, seen)) {
		seen = atomic_load(&p->gen);
		p->fn(p->ctx, w->t);
		if (atomic_fetch_sub(&p->pending, 1) == 1) {
			pthread_mutex_lock(&p->mu);
			pthread_cond_signal(&p->done);
			pthread_mutex_unlock(&p->mu);
		}
	}
	return NULL;
}

struct fb_pool *fb_pool_new(size_t n)
{
	struct fb_pool *p = fb_xcalloc(1, sizeof *p);

	p->n = n < 1 ? 1 : n > FB_PARALLEL_MAX ? FB_PARALLEL_MAX : n;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->wake, NULL);
	pthread_cond_init(&p->done, NULL);
	for (size_t t = 1; t < p->n; t++) {
		p->workers[t] = (struct worker){ p, t };
		p->started[t] = pthread_create(&p->tid[t], NULL, pool_thread, &p->workers[t]) == 0;
	}
	return p;
}

void fb_pool_run(struct fb_pool *p, void (*fn)(void *ctx, size_t t), void *ctx)
{
	size_t t, started = 0;

	for (t = 1; t < p->n; t++)
		started += (size_t)p->started[t];
	p->fn = fn;
	p->ctx = ctx;
	atomic_store(&p->pending, started);
	pthread_mutex_lock(&p->mu);
	atomic_fetch_add(&p->gen, 1);
	pthread_cond_broadcast(&p->wake);
	pthread_mutex_unlock(&p->mu);
	fn(ctx, 0);
	for (t = 1; t < p->n; t++)
		if (!p->started[t])
			fn(ctx, t);
	if (spin(p, all_done, 0))
		return;
	pthread_mutex_lock(&p->mu);
	while (atomic_load(&p->pending) > 0)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

void fb_pool_free(struct fb_pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	atomic_store(&p->quit, 1);
	pthread_cond_broadcast(&p->wake);
	pthread_mutex_unlock(&p->mu);
	for (size_t t = 1; t < p->n; t++)
		if (p->started[t])
			pthread_join(p->tid[t], NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->wake);
	pthread_cond_destroy(&p->done);
	free(p);
}
