// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cc-cat-many DIR N OUT: DIR/f00000 .. DIR/f(N-1), five digits each (as
 * bench-guest.sh names them), concatenated into OUT, as cosy-bench's
 * cat-many loop does; prints the bytes written.  The region opens OUT and
 * every input, copies each through a 64 KiB buffer and closes it; it
 * writes each file's digits into the path itself.
 *
 *   cc-cat-many [-n RUNS] [-T] [-v] DIR N OUT     (N: 1..100000)
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#include "cc_bench.h"

enum { OK, OPEN_OUT, OPEN_IN, READ, WRITE };

static char path[PATH_MAX];	/* the file that failed, for the message */

static long long cat_many(const char *dir, long nfiles, const char *outp, int *failed)
{
	long long copied = 0;
	ssize_t n = 0, w, done;
	int in = -1, out = -1, step = OK;
	long i;
	int len;

	/* "DIR/f00000": the region writes each file's number into the last five bytes */
	len = snprintf(path, sizeof(path), "%s/f00000", dir);
	if (len < 0 || len >= (int)sizeof(path)) {
		errno = ENAMETOOLONG;
		*failed = OPEN_IN;
		return 0;
	}
	COSY_START(cat_many)
	char buf[65536];

	out = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0) {
		step = OPEN_OUT;
		goto out;
	}
	for (i = 0; i < nfiles; i++) {
		path[len - 5] = '0' + i / 10000 % 10;
		path[len - 4] = '0' + i / 1000 % 10;
		path[len - 3] = '0' + i / 100 % 10;
		path[len - 2] = '0' + i / 10 % 10;
		path[len - 1] = '0' + i % 10;
		in = open(path, O_RDONLY);
		if (in < 0) {
			step = OPEN_IN;
			goto out;
		}
		while ((n = read(in, buf, sizeof(buf))) > 0) {
			for (done = 0; done < n; done += w) {
				w = write(out, buf + done, n - done);
				if (w < 0) {
					step = WRITE;
					goto out;
				}
			}
			copied += n;
		}
		if (n < 0) {
			step = READ;
			goto out;
		}
		close(in);
		in = -1;
	}
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
	fprintf(stderr, "usage: cc-cat-many [-n RUNS] [-T] [-v] DIR N OUT   (N 1..100000)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	long long copied = 0;
	struct run_opts o;
	long nfiles, r;
	int failed;
	double t0;
	char *end;

	if (parse_opts(argc, argv, &o, 0) || argc - optind != 3)
		usage();
	nfiles = strtol(argv[optind + 1], &end, 0);
	if (*end || nfiles < 1 || nfiles > 100000)
		usage();
	for (r = 0; r < o.runs; r++) {
		t0 = now_ms();
		copied = cat_many(argv[optind], nfiles, argv[optind + 2], &failed);
		run_done(&o, t0);
		if (failed) {
			if (failed == OPEN_IN)
				perror(path);
			else if (failed == OPEN_OUT)
				perror(argv[optind + 2]);
			else
				fprintf(stderr, "%s: %s %s\n", path, failed == READ ? "read" : "write",
					strerror(errno));
			return 1;
		}
	}
	printf("bytes %lld\n", copied);
	return 0;
}
