// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cc-burst N: N zero-byte reads of an empty regular file (burst.empty in
 * the working directory, as cosy-bench's burst makes it), what one call
 * costs; prints how many were done.  The region is the loop of reads.
 *
 *   cc-burst [-n RUNS] [-T] [-v] N
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#include "cc_bench.h"

static long burst(int fd, long n)
{
	long i, done = 0;
	char c;

	COSY_START(burst)
	for (i = 0; i < n; i++) {
		if (read(fd, &c, 0) != 0)
			break;
		done++;
	}
	COSY_END()
	region_ran();
	return done;
}

static void usage(void)
{
	fprintf(stderr, "usage: cc-burst [-n RUNS] [-T] [-v] N\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct run_opts o;
	long n, done = 0, r;
	double t0;
	char *end;
	int fd;

	if (parse_opts(argc, argv, &o, 0) || argc - optind != 1)
		usage();
	n = strtol(argv[optind], &end, 0);
	if (*end || n < 1)
		usage();
	/* Empty: every read returns 0 at once, whoever makes it. */
	fd = open("burst.empty", O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		perror("burst.empty");
		return 1;
	}
	for (r = 0; r < o.runs; r++) {
		t0 = now_ms();
		errno = 0;
		done = burst(fd, n);
		run_done(&o, t0);
		if (done != n) {
			fprintf(stderr, "read: %s\n", errno ? strerror(errno) : "burst.empty is not empty");
			return 1;
		}
	}
	close(fd);
	printf("reads %ld\n", done);
	return 0;
}
