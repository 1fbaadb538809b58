// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A table of file names (const char *files[]) indexed by the region's own
 * loop counter: the host copies each string into a slot of the segment
 * before the run.  One name is missing (open fails, as in C); strlen()
 * and memcmp() read the slots too.  Given ARG, files[3] = ARG before the
 * region: a name longer than a slot (255 bytes) makes the region run in
 * user space, saying so, with the same output.
 *
 * usage: table DIR [ARG]   (DIR holds a, b; c is missing)
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
	const char *files[] = { "a", "b", "c", "a" };
	char buf[512];
	long n, total = 0, names = 0;
	int i, fd, dfd, missing = 0, as = 0;

	if (argc < 2 || (dfd = open(argv[1], O_RDONLY | O_DIRECTORY)) < 0) {
		fprintf(stderr, "usage: %s DIR [ARG]\n", argv[0]);
		return 2;
	}
	if (argc > 2)
		files[3] = argv[2];
	COSY_START(table)
	for (i = 0; i < 4; i++) {
		names += (long)strlen(files[i]);
		if (memcmp(files[i], "a", 2) == 0)
			as++;
		fd = openat(dfd, files[i], O_RDONLY);
		if (fd < 0) {
			missing++;
			continue;
		}
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			total += n;
		close(fd);
	}
	COSY_END()
	printf("table: total %ld missing %d names %ld as %d\n", total, missing, names, as);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	close(dfd);
	return 0;
}
