// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cc-head FILE BYTES: reads the first BYTES (at most 4096) of FILE and
 * prints how many it got.  A short program: one region of three calls,
 * so that process start, the region's attach and exit are most of its
 * time (cosy-bench's startup workload runs it whole, many times).
 *
 *   cc-head [-n RUNS] [-T] [-v] FILE BYTES
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cosy/cosy.h>
#include "cc_bench.h"

static long head(const char *path, long want)
{
	char buf[4096];
	long got = -1;
	int fd;

	COSY_START(head)
	fd = open(path, O_RDONLY);
	if (fd >= 0) {
		got = read(fd, buf, want);
		close(fd);
	}
	COSY_END()
	region_ran();
	return got;
}

int main(int argc, char **argv)
{
	struct run_opts o;
	long want, got = 0, r;
	double t0;
	char *end;

	if (parse_opts(argc, argv, &o, 0) || argc - optind != 2) {
		fprintf(stderr, "usage: cc-head [-n RUNS] [-T] [-v] FILE BYTES   (BYTES <= 4096)\n");
		return 2;
	}
	want = strtol(argv[optind + 1], &end, 10);
	if (*end || want < 0 || want > 4096) {
		fprintf(stderr, "cc-head: BYTES must be 0..4096\n");
		return 2;
	}
	for (r = 0; r < o.runs; r++) {
		t0 = now_ms();
		got = head(argv[optind], want);
		run_done(&o, t0);
		if (got < 0) {
			perror(argv[optind]);
			return 1;
		}
	}
	printf("bytes %ld\n", got);
	return 0;
}
