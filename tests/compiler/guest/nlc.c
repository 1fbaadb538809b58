// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * nlc FILE: cat -n written a byte at a time, as K&R would: a number
 * before each line (printf), then putchar() of every byte of the buffer.
 * It is here for 6.1's verifier: when putchar() was a bpf_snprintf() of
 * "%c" and a copy, clang spilled the checked index of buf[i] across those
 * calls before its test and reloaded it after, and 6.1 keeps no bounds for
 * an unbounded scalar it sees spilled: the compound was refused ("math
 * between mem pointer and register with unbounded min value").  putchar()
 * now stores its byte into the stdout buffer itself.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	char buf[4096];
	long n, i, line = 1;
	int bol = 1, fd, rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: nlc FILE\n");
		return 2;
	}

	COSY_START(nlc)
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		rc = 1;
		goto out;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i < n; i++) {
			if (bol) {
				printf("%6ld\t", line++);
				bol = 0;
			}
			putchar(buf[i]);
			if (buf[i] == '\n')
				bol = 1;
		}
	}
	close(fd);
out:
	COSY_END()

#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return rc;
}
