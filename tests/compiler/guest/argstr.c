// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The program's strings as memory a call only reads: memcmp() against
 * argv[2] at every offset of a file, memcpy() from it into a buffer, and
 * write() of it and of a const char * set before the region.  Each is
 * copied into a string slot of the segment, as a path is.
 *
 * usage: argstr FILE WORD   (WORD at most 32 bytes)
 */
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
	char buf[4096], word[64];
	const char *sep = " <- ";
	long n, i, len, hits = 0, wrote = 0;
	int fd;

	if (argc != 3 || strlen(argv[2]) > 32) {
		fprintf(stderr, "usage: %s FILE WORD (at most 32 bytes)\n", argv[0]);
		return 2;
	}
	len = (long)strlen(argv[2]);
	COSY_START(argstr)
	fd = open(argv[1], O_RDONLY);
	if (fd >= 0) {
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			for (i = 0; i + len <= n; i++)
				if (memcmp(buf + i, argv[2], len) == 0)
					hits++;
		close(fd);
	}
	memcpy(word, argv[2], len);
	word[len] = 0;
	wrote = write(1, argv[2], strlen(argv[2]));
	wrote += write(1, sep, strlen(sep));
	COSY_END()
	printf("%s: %ld hits, wrote %ld\n", word, hits, wrote);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
