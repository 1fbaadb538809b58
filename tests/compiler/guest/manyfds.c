// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * N files of DIR (f0, f1, ...) open at once in a region, as a walk with a
 * stack of directory fds holds them: opened in turn, then a byte read
 * from each and each closed.  A compound may hold 64 fds: more, and the
 * region runs in user space instead, as written, when it has done
 * nothing that shows yet; with OUT it has first written a byte to OUT,
 * and it stops loudly.  Never an EMFILE the plain build would not see.
 *
 * usage: manyfds N DIR [OUT]    (N at most 200)
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	const char *dir;
	char name[256], c;
	int n, i = 0, k, out = -1, rc = 0;
	long sum = 0;

	if (argc < 3 || atoi(argv[1]) < 0 || atoi(argv[1]) > 200) {
		fprintf(stderr, "usage: %s N DIR [OUT]   (N at most 200)\n", argv[0]);
		return 2;
	}
	n = atoi(argv[1]);
	dir = argv[2];
	COSY_START(many)
	int fds[200];

	if (argc > 3) {
		out = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (out < 0 || write(out, "x", 1) != 1)
			rc = 1;
	}
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%s/f%d", dir, i);
		fds[i] = open(name, O_RDONLY);
		if (fds[i] < 0) {
			perror(name);
			rc = 1;
			break;
		}
	}
	for (k = 0; k < i; k++) {
		if (read(fds[k], &c, 1) == 1)
			sum += c;
		close(fds[k]);
	}
	if (out >= 0)
		close(out);
	COSY_END()
	printf("%d opened, sum %ld\n", i, sum);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return rc;
}
