// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cc-cp SRC DST CHUNK: copy SRC to DST, CHUNK bytes per read, as
 * cosy-bench's cp loop does; prints the bytes copied.  The region is the
 * whole copy: both opens, the read/write loop, both closes.
 *
 *   cc-cp [-n RUNS] [-T] [-v] SRC DST CHUNK     (CHUNK: 1..65536)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cosy/cosy.h>
#include "cc_bench.h"

enum { OK, OPEN_SRC, OPEN_DST, READ, WRITE };

static long long copy(const char *src, const char *dst, size_t chunk, int *failed)
{
	long long copied = 0;
	ssize_t n = 0, w, done;
	int in = -1, out = -1, step = OK;

	COSY_START(cp)
	char buf[65536];

	in = open(src, O_RDONLY);
	if (in < 0) {
		step = OPEN_SRC;
		goto out;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0) {
		step = OPEN_DST;
		goto out;
	}
	while ((n = read(in, buf, chunk)) > 0) {
		/* a write may be short: the rest goes in the next one */
		for (done = 0; done < n; done += w) {
			w = write(out, buf + done, n - done);
			if (w < 0) {
				step = WRITE;
				goto out;
			}
		}
		copied += n;
	}
	if (n < 0)
		step = READ;
out:
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	COSY_END()
	region_ran();
	*failed = step;
	return copied;
}

static void usage(void)
{
	fprintf(stderr, "usage: cc-cp [-n RUNS] [-T] [-v] SRC DST CHUNK   (CHUNK 1..65536)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct run_opts o;
	long long copied = 0;
	unsigned long chunk;
	int failed;
	double t0;
	char *end;
	long r;

	if (parse_opts(argc, argv, &o, 0) || argc - optind != 3)
		usage();
	chunk = strtoul(argv[optind + 2], &end, 0);
	if (*end || !chunk || chunk > 65536)
		usage();
	for (r = 0; r < o.runs; r++) {
		t0 = now_ms();
		copied = copy(argv[optind], argv[optind + 1], chunk, &failed);
		run_done(&o, t0);
		if (failed) {
			perror(failed == OPEN_SRC ? argv[optind] : failed == OPEN_DST ?
			       argv[optind + 1] : failed == READ ? "read" : "write");
			return 1;
		}
	}
	printf("bytes %lld\n", copied);
	return 0;
}
