// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * tac FILE: the file read whole into a buffer, then its lines written
 * last first, each found with memrchr() over what is left before it.
 * memrchr() scans from the end back, so the walk costs what the lines
 * cost: a megabyte of short lines in the kernel, where a scan from the
 * front would go over the rest each line (a square of the size).
 *
 * usage: tac FILE    (FILE at most 2 MiB)
 */
#define _GNU_SOURCE	/* memrchr() */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	static char buf[2 << 20];
	char *end, *nl, *start;
	long have = 0, n = 1, lines = 0;
	int fd, rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	COSY_START(tac)
	while (have < (long)sizeof(buf) && (n = read(fd, buf + have, sizeof(buf) - have)) > 0)
		have += n;
	if (n < 0) {
		rc = 1;
	} else {
		end = buf + have;
		while (end > buf) {
			/* the newline that ends the line before this one */
			nl = end - buf > 1 ? memrchr(buf, '\n', end - buf - 1) : NULL;
			start = nl ? nl + 1 : buf;
			if (write(1, start, end - start) < 0) {
				rc = 1;
				break;
			}
			lines++;
			end = start;
		}
	}
	COSY_END()
	close(fd);
	fprintf(stderr, "%ld lines\n", lines);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return rc;
}
