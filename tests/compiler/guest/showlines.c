// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * showlines PATTERN FILE...: grep -n with a header per file, printed the
 * way a user prints slices of a buffer: each line holding PATTERN as
 * "N: text" with printf("%.*s"), its first bytes again with "%.20s", a
 * header written with write(2) after fflush(stdout) so that it lands in
 * order, the name cut to 12 bytes ("%-12.12s"), a precision of 0 and a
 * negative one (no precision), and a cut string literal ("%.3s").
 */
#define _GNU_SOURCE
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
	static char buf[65536];
	const char *pat, *p, *e, *end;
	long n, lineno, hits;
	size_t plen;
	int fd, i;

	if (argc < 3) {
		fprintf(stderr, "usage: %s PATTERN FILE...\n", argv[0]);
		return 2;
	}
	pat = argv[1];
	plen = strlen(pat);
	printf("pattern %s\n", pat);
	COSY_START(show)
	for (i = 2; i < argc; i++) {
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			perror(argv[i]);
			continue;
		}
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n < 0)
			n = 0;
		buf[n] = 0;
		fflush(stdout);
		write(1, "==>\n", 4);
		lineno = 0;
		hits = 0;
		end = buf + n;
		for (p = buf; p < end; p = e + 1) {
			e = memchr(p, '\n', end - p);
			if (!e)
				e = end;
			lineno++;
			if (memmem(p, e - p, pat, plen)) {
				hits++;
				printf("%4ld: %.*s\n", lineno, (int)(e - p), p);
				printf("      [%.20s] [%-6.3s] [%.*s]\n", p, p, -1, "all");
			}
		}
		printf("%-12.12s|%5ld lines|%3ld hits|%.0s|%.3s|\n", argv[i], lineno, hits,
		       argv[i], "abcdef");
		/* the end of the buffer, one past its last byte: nothing to read */
		printf("[%.*s]\n", 0, buf + sizeof(buf));
	}
	fflush(stderr);
	COSY_END()
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	printf("done\n");
	return 0;
}
