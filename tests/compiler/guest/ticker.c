// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A program with an interval timer (a progress tick, a profiler) whose
 * handler runs while the region's compound is verified: the load must
 * not give up on it.  `ticker USEC FILE` ticks every USEC microseconds
 * and sums FILE's size in the region (tests/kernel/t_cosycc.sh).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
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

int main(int argc, char **argv)
{
	long usec = argc > 1 ? atol(argv[1]) : 1000, n, size = 0;
	struct itimerval it = { { 0, usec }, { 0, usec } };
	struct sigaction sa;
	char buf[512];
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tick;	/* no SA_RESTART: a tick interrupts what it can */
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
	COSY_START(ticked)
	fd = open(argc > 2 ? argv[2] : "/dev/null", O_RDONLY);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		size += n;
	if (fd >= 0)
		close(fd);
	COSY_END()
	printf("ticker: size=%ld\n", size);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s%s%s\n", cosy_region_path_str(cosy_region_last_path()),
		*cosy_region_last_why() ? ": " : "", cosy_region_last_why());
#endif
	return 0;
}
