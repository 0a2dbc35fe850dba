#include "fb_parallel.h"

#include <pthread.h>

struct share {
	void (*fn)(void *ctx, size_t t);
	void *ctx;
	size_t t;
};

static void *run_share(void *arg)
{
	struct share *s = arg;

	s->fn(s->ctx, s->t);
	return NULL;
}

void fb_parallel_run(size_t n, void (*fn)(void *ctx, size_t t), void *ctx)
{
	struct share s[FB_PARALLEL_MAX];
	pthread_t tid[FB_PARALLEL_MAX];
	int started[FB_PARALLEL_MAX] = { 0 };
	size_t t;

	if (n > FB_PARALLEL_MAX)
		n = FB_PARALLEL_MAX;
	for (t = 0; t < n; t++)
		s[t] = (struct share){ fn, ctx, t };
	for (t = 1; t < n; t++)
		started[t] = pthread_create(&tid[t], NULL, run_share, &s[t]) == 0;
	fn(ctx, 0);
	for (t = 1; t < n; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			fn(ctx, t);
	}
}
