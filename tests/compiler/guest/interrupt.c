// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Signals during a long region, as during the C loop it replaces: the
 * compound yields within a slice when a signal waits, the handler runs,
 * and the region goes on (tests/kernel/t_cosycc.sh).
 *
 *   interrupt tick    a 10 ms interval timer counts its ticks while the
 *                     region runs (grown until it lasts 200 ms, after a
 *                     first run that loads the compound); prints
 *                     "timer ran" when it counted at least a third of them
 *   interrupt forever a region that never ends, and a 300 ms alarm whose
 *                     handler prints "interrupted" and exits 0
 *   interrupt passes N a loop of N passes, each with an unrolled inner
 *                     loop: more than bpf_loop()'s 2^23 goes on after a
 *                     yield; prints the sum
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

static volatile sig_atomic_t ticks;

static void tick(int sig)
{
	(void)sig;
	ticks++;
}

static void leave(int sig)
{
	static const char msg[] = "interrupted\n";

	(void)sig;
	if (write(1, msg, sizeof(msg) - 1) < 0)
		_exit(2);
	_exit(0);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void path(void)
{
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s%s%s\n", cosy_region_path_str(cosy_region_last_path()),
		*cosy_region_last_why() ? ": " : "", cosy_region_last_why());
#endif
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "tick";
	struct sigaction sa;
	long n, i, k, sum = 0, t0, dt;

	memset(&sa, 0, sizeof(sa));
	if (!strcmp(what, "tick")) {
		struct itimerval it = { { 0, 10000 }, { 0, 10000 } };

		sa.sa_handler = tick;
		sa.sa_flags = SA_RESTART;
		sigaction(SIGALRM, &sa, NULL);
		setitimer(ITIMER_REAL, &it, NULL);
		for (n = 1 << 16;; n *= 2) {
			ticks = 0;
			t0 = now_ms();
			COSY_START(ticking)
			for (i = 0; i < n; i++)
				sum += i & 7;
			COSY_END()
			dt = now_ms() - t0;
			/* not the first: its time is mostly the load, signals held */
			if ((dt >= 200 && n > 1 << 16) || n >= 1L << 34)
				break;
		}
		path();
		if (ticks * 30 >= dt)
			printf("timer ran\n");
		else
			printf("timer held off: %d ticks in %ld ms\n", (int)ticks, dt);
		return 0;
	}
	if (!strcmp(what, "forever")) {
		sa.sa_handler = leave;
		sigaction(SIGALRM, &sa, NULL);
		alarm(1);
		COSY_START(forever)
		for (;;)
			sum++;
		COSY_END()
		printf("the loop ended: %ld\n", sum);
		return 1;
	}
	n = argc > 2 ? atol(argv[2]) : 1000;
	COSY_START(passes)
	for (i = 0; i < n; i++)
		for (k = 0; k < 2; k++)
			sum += (i ^ k) & 3;
	COSY_END()
	path();
	printf("passes: i=%ld sum=%ld\n", i, sum);
	return 0;
}
