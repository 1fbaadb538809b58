// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cc-reverse IN OUT BLOCK: OUT gets IN's blocks in reverse order (the last
 * block first), with fstat for the size, pread from the end and pwrite
 * from the start; the bytes inside a block keep their order.  Prints the
 * bytes copied.  Positioned I/O with arithmetic between the calls.
 *
 *   cc-reverse [-n RUNS] [-T] [-v] IN OUT BLOCK    (BLOCK 1..65536)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cosy/cosy.h>
#include "cc_bench.h"

static long reverse(const char *in, const char *out, long block, int *failed)
{
	static char buf[65536];
	struct stat st;
	long size = 0, pos, len, n = 0, total = 0;
	int ifd, ofd = -1, step = 0;

	COSY_START(reverse)
	ifd = open(in, O_RDONLY);
	if (ifd < 0 || fstat(ifd, &st) < 0) {
		step = 1;
		goto out;
	}
	ofd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (ofd < 0) {
		step = 2;
		goto out;
	}
	size = st.st_size;
	for (pos = size; pos > 0; pos -= len) {
		len = pos % block ? pos % block : block;	/* the short block is the last */
		n = pread(ifd, buf, len, pos - len);
		if (n != len || pwrite(ofd, buf, len, size - pos) != len) {
			step = 3;
			goto out;
		}
		total += len;
	}
out:
	if (ifd >= 0)
		close(ifd);
	if (ofd >= 0)
		close(ofd);
	COSY_END()
	region_ran();
	*failed = step;
	return total;
}

static void usage(void)
{
	fprintf(stderr, "usage: cc-reverse [-n RUNS] [-T] [-v] IN OUT BLOCK   (BLOCK 1..65536)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct run_opts o;
	long total = 0, block, r;
	int failed;
	double t0;
	char *end;

	if (parse_opts(argc, argv, &o, 0) || argc - optind != 3)
		usage();
	block = strtol(argv[optind + 2], &end, 0);
	if (*end || block < 1 || block > 65536)
		usage();
	for (r = 0; r < o.runs; r++) {
		t0 = now_ms();
		total = reverse(argv[optind], argv[optind + 1], block, &failed);
		run_done(&o, t0);
		if (failed) {
			perror(failed == 1 ? argv[optind] : failed == 2 ? argv[optind + 1] :
			       "pread/pwrite");
			return 1;
		}
	}
	printf("bytes %ld\n", total);
	return 0;
}
