// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cc-tr IN OUT: tr a-z A-Z, a byte at a time, as a first C course writes
 * it: the loop over the buffer is the work, the reads and writes few
 * (64 KiB each).  Prints the bytes copied.  What a per-byte loop costs in
 * a compound against the same loop in user space.
 *
 *   cc-tr [-n RUNS] [-T] [-v] IN OUT
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cosy/cosy.h>
#include "cc_bench.h"

static long upcase(const char *in, const char *out, int *failed)
{
	static char buf[65536];
	long n = 0, i, total = 0;
	int ifd, ofd = -1;

	COSY_START(tr)
	ifd = open(in, O_RDONLY);
	if (ifd >= 0)
		ofd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (ifd >= 0 && ofd >= 0) {
		while ((n = read(ifd, buf, sizeof(buf))) > 0) {
			for (i = 0; i < n; i++)
				if (buf[i] >= 'a' && buf[i] <= 'z')
					buf[i] -= 'a' - 'A';
			if (write(ofd, buf, n) != n) {
				n = -1;
				break;
			}
			total += n;
		}
	}
	if (ifd >= 0)
		close(ifd);
	if (ofd >= 0)
		close(ofd);
	COSY_END()
	region_ran();
	*failed = ifd < 0 ? 1 : ofd < 0 ? 2 : n < 0 ? 3 : 0;
	return total;
}

static void usage(void)
{
	fprintf(stderr, "usage: cc-tr [-n RUNS] [-T] [-v] IN OUT\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct run_opts o;
	long total = 0, r;
	int failed;
	double t0;

	if (parse_opts(argc, argv, &o, 0) || argc - optind != 2)
		usage();
	for (r = 0; r < o.runs; r++) {
		t0 = now_ms();
		total = upcase(argv[optind], argv[optind + 1], &failed);
		run_done(&o, t0);
		if (failed) {
			perror(failed == 1 ? argv[optind] : failed == 2 ? argv[optind + 1] : "read/write");
			return 1;
		}
	}
	printf("bytes %ld\n", total);
	return 0;
}
