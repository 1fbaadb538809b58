// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * fold WIDTH FILE: breaks lines longer than WIDTH bytes, as fold -b -w
 * does: a per-byte loop that reads buf[i] three times, in an if/else and
 * after it.  Unrolled 32 times a pass, clang computes the 17th
 * iteration's index as i + 17, spills it before its bounds check and
 * fills it after; 6.1's verifier refused that ("R2 max value is outside
 * of the allowed memory range") until the check's index carried an id
 * (COSY_RGN_IDX's move).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

static char buf[8192];

int main(int argc, char **argv)
{
	long width, col = 0;
	ssize_t n;
	int fd, rc = 0;

	if (argc != 3 || (width = atol(argv[1])) < 1) {
		fprintf(stderr, "usage: fold WIDTH FILE\n");
		return 2;
	}
	COSY_START(fold)
	fd = open(argv[2], O_RDONLY);
	if (fd < 0) {
		perror(argv[2]);
		rc = 1;
	} else {
		while ((n = read(fd, buf, sizeof(buf))) > 0) {
			for (ssize_t i = 0; i < n; i++) {
				if (buf[i] == '\n') {
					col = 0;
				} else if (col >= width) {
					putchar('\n');
					col = 0;
				}
				putchar(buf[i]);
				if (buf[i] != '\n')
					col++;
			}
		}
		close(fd);
	}
	COSY_END()
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return rc;
}
