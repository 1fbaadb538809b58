// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * mixout FILE N [line|1000]: printf() and write(1, ...) on one stdout with no fflush(),
 * as small tools mix them (sweep 21's headcat).  stdio holds what printf()
 * prints until its buffer is full, and writes it then, whole; a write(1)
 * overtakes what it holds.  The plain build's bytes, in its order, are the
 * test: a title printed before the region and held; in the region, N
 * times, a header by printf() of 60 bytes of FILE and "W\n" by write(1),
 * a %*d padded past the buffer's end now and then, and a fwrite() of more
 * than two buffers' worth once; after the region, a printf() held and a
 * write(1) that overtakes it.  "1000": stdout's buffer is a 1000-byte
 * array of the program's (setvbuf()); "line": stdout is line-buffered,
 * which the compound does not imitate (the region runs in user space).
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
	static char big[20000], obuf[1000];
	char head[64];
	long reps, r, n = 0;
	int fd, k;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: %s FILE N [line|1000]\n", argv[0]);
		return 2;
	}
	if (argc == 4 && !strcmp(argv[3], "line"))
		setvbuf(stdout, NULL, _IOLBF, 0);
	else if (argc == 4)
		setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	reps = strtol(argv[2], NULL, 10);
	printf("title %s\n", argv[1]);
	COSY_START(mix)
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n < 0)
		n = 0;
	for (k = 0; k < (int)sizeof(big); k++)
		big[k] = k % 100 == 99 ? '\n' : 'a' + k % 26;
	for (r = 0; r < reps; r++) {
		printf("== %3ld: %.*s ==\n", r, (int)n, head);
		if (write(1, "W\n", 2) != 2)
			return 1;
		if (r % 7 == 3)
			printf("%*ld|\n", 300, r);
		if (r == 25)
			fwrite(big, 1, sizeof(big), stdout);
	}
	COSY_END()
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	printf("after %ld\n", reps);
	if (write(1, "end\n", 4) != 4)
		return 1;
	return 0;
}
