// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * nlw WIDTH FILE: nl(1)'s numbering with the width from the command
 * line, the way nl prints it: printf("%*ld\t", width, n) before a
 * non-empty line, printf("%*s", width + 1, "") before an empty one.  A
 * negative WIDTH left-justifies the numbers, as printf() does; after the
 * lines, the widest line's length in a field of WIDTH ("%-*d|").
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	char buf[4096];
	int width, rc = 0;
	long n, end, lineno = 1, len = 0, widest = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: nlw WIDTH FILE\n");
		return 2;
	}
	width = atoi(argv[1]);

	COSY_START(nlw)
	int fd = open(argv[2], O_RDONLY), bol = 1;

	if (fd < 0) {
		perror(argv[2]);
		rc = 1;
		goto out;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i = end) {
			char *nl = memchr(buf + i, '\n', n - i);

			end = nl ? nl - buf + 1 : n;
			if (bol) {
				if (buf[i] == '\n')
					printf("%*s", width + 1, "");
				else
					printf("%*ld\t", width, lineno++);
			}
			fwrite(buf + i, 1, end - i, stdout);
			len += end - i;
			bol = nl != NULL;
			if (bol) {
				if (len - 1 > widest)
					widest = len - 1;
				len = 0;
			}
		}
	}
	printf("%-*d|\n", width, (int)widest);
	close(fd);
out:
	COSY_END()

#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return rc;
}
