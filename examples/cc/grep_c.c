// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cc-grep-c FILE PATTERN: the number of lines of FILE that contain
 * PATTERN, as grep -c -F prints it, the way cosy-bench's grep loop finds
 * them: read a 256 KiB chunk, memmem() to the next occurrence, memchr() to
 * the end of its line, memmove() the unfinished tail to the front for the
 * next read.  The region is the whole of it, open to close.
 *
 *   cc-grep-c [-n RUNS] [-T] [-v] FILE PATTERN     (PATTERN: at most 1024 bytes)
 */
#define _GNU_SOURCE	/* memmem() */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#include "cc_bench.h"

#define PAT_MAX 1024

enum { OK, OPEN, READ };

static long grep_c(const char *file, const char *pattern, int *failed)
{
	char pat[PAT_MAX];	/* the region reads the pattern as memory */
	size_t m = strlen(pattern), have = 0;
	int fd, step = OK, matched = 0, eof = 0;
	long matches = 0;
	ssize_t n;

	memcpy(pat, pattern, m);
	COSY_START(grep_c)
	char buf[256 << 10], *p, *end, *occ, *nl;

	fd = open(file, O_RDONLY);
	if (fd < 0) {
		step = OPEN;
		goto out;
	}
	while (!eof) {
		n = read(fd, buf + have, sizeof(buf) - have);
		if (n < 0) {
			step = READ;
			break;
		}
		eof = n == 0;
		have += n;
		p = buf;
		end = buf + have;
		if (matched) {
			/* the line that matched in the last chunk ends here, or later */
			nl = memchr(p, '\n', end - p);
			if (nl) {
				matches++;
				matched = 0;
				p = nl + 1;
			} else {
				p = end;
			}
		}
		while (!matched && p < end && (occ = memmem(p, end - p, pat, m))) {
			nl = memchr(occ, '\n', end - occ);
			if (nl) {
				matches++;
				p = nl + 1;
			} else {
				matched = 1;	/* counted where its line ends */
				p = end;
			}
		}
		/* keep what an occurrence across the end of this chunk needs */
		if (!matched && (size_t)(end - p) >= m)
			p = end - (m ? m - 1 : 0);
		memmove(buf, p, end - p);
		have = end - p;
	}
	matches += matched;	/* the last line had no newline */
	close(fd);
out:
	COSY_END()
	region_ran();
	*failed = step;
	return matches;
}

static void usage(void)
{
	fprintf(stderr, "usage: cc-grep-c [-n RUNS] [-T] [-v] FILE PATTERN   (PATTERN <= %d bytes)\n",
		PAT_MAX);
	exit(2);
}

int main(int argc, char **argv)
{
	struct run_opts o;
	long matches = 0, r;
	int failed;
	double t0;

	if (parse_opts(argc, argv, &o, 0) || argc - optind != 2 ||
	    strlen(argv[optind + 1]) > PAT_MAX)
		usage();
	for (r = 0; r < o.runs; r++) {
		t0 = now_ms();
		matches = grep_c(argv[optind], argv[optind + 1], &failed);
		run_done(&o, t0);
		if (failed) {
			perror(failed == OPEN ? argv[optind] : "read");
			return 1;
		}
	}
	printf("matches %ld\n", matches);
	return 0;
}
