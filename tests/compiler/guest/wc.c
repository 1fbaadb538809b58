// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * wc(1) with a checksum: a read loop with a byte loop inside it, buf[i]
 * on every byte.  Each byte is one loop iteration, and each iteration one
 * guard check: a region over N bytes needs a calls budget above N.
 *
 * usage: wc FILE
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cosy/cosy.h>

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/dev/null";
	char buf[4096];
	long n, i, lines = 0, words = 0, bytes = 0;
	int fd, inword = 0;
	unsigned sum = 0;

	COSY_START(wc)
	fd = open(path, O_RDONLY);
	if (fd >= 0) {
		while ((n = read(fd, buf, sizeof(buf))) > 0) {
			bytes += n;
			for (i = 0; i < n; i++) {
				char c = buf[i];

				sum = sum * 31 + (unsigned char)c;
				if (c == '\n')
					lines++;
				if (c == ' ' || c == '\n' || c == '\t') {
					inword = 0;
				} else if (!inword) {
					inword = 1;
					words++;
				}
			}
		}
		close(fd);
	}
	COSY_END()
	printf("%ld %ld %ld %08x %s\n", lines, words, bytes, sum, fd < 0 ? "error" : path);
	return fd < 0;
}
