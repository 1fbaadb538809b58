// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cc-append LOG N: N records appended to LOG (O_APPEND), each formatted in
 * place -- "record NNNNNNN\n", the number's digits by division -- and
 * written alone, as a logger writes a line at a time.  Prints the bytes
 * written.  Many small writes and a little logic between them.
 *
 *   cc-append [-n RUNS] [-T] [-v] LOG N
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cosy/cosy.h>
#include "cc_bench.h"

static long append(const char *log, long count, int *failed)
{
	char rec[16] = "record 0000000\n";
	long i, k, v, w = 0, total = 0;
	int fd;

	COSY_START(append)
	fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
	for (i = 0; fd >= 0 && i < count; i++) {
		v = i;
		for (k = 13; k >= 7; k--) {
			rec[k] = (char)('0' + v % 10);
			v /= 10;
		}
		w = write(fd, rec, 15);
		if (w != 15)
			break;
		total += w;
	}
	if (fd >= 0)
		close(fd);
	COSY_END()
	region_ran();
	*failed = fd < 0 ? 1 : w != 15 && count ? 2 : 0;
	return total;
}

static void usage(void)
{
	fprintf(stderr, "usage: cc-append [-n RUNS] [-T] [-v] LOG N   (N < 10000000)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct run_opts o;
	long total = 0, n, r;
	int failed;
	double t0;
	char *end;

	if (parse_opts(argc, argv, &o, 0) || argc - optind != 2)
		usage();
	n = strtol(argv[optind + 1], &end, 0);
	if (*end || n < 0 || n >= 10000000)
		usage();
	for (r = 0; r < o.runs; r++) {
		t0 = now_ms();
		total = append(argv[optind], n, &failed);
		run_done(&o, t0);
		if (failed) {
			perror(failed == 1 ? argv[optind] : "write");
			return 1;
		}
	}
	printf("bytes %ld\n", total);
	return 0;
}
