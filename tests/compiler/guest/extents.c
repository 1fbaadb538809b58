// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The data extents of a file, with SEEK_DATA and SEEK_HOLE: an innermost
 * loop of two lseek()s, each with its perror(), and a printf().  Its
 * prints are too much code to run 32 times a pass (sweep 21: the
 * compound passed the 32767 instructions a jump can cross, and the
 * kernel refused it): the loop runs one iteration a pass.
 *
 * usage: extents FILE    prints each extent, then their count and bytes
 */
#define _GNU_SOURCE	/* SEEK_DATA, SEEK_HOLE */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/dev/null";
	long long bytes = 0;
	int n = 0;

	COSY_START(extents)
	/* the region's own: the reports cannot run in user space after it */
	long long pos = 0, data, hole;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		perror(path);
		return 1;
	}
	for (;;) {
		data = lseek(fd, pos, SEEK_DATA);
		if (data < 0) {
			if (errno != ENXIO)
				perror("SEEK_DATA");
			break;
		}
		hole = lseek(fd, data, SEEK_HOLE);
		if (hole < 0) {
			perror("SEEK_HOLE");
			break;
		}
		printf("data %lld..%lld\n", data, hole);
		n++;
		bytes += hole - data;
		pos = hole;
	}
	close(fd);
	COSY_END()
	printf("%d extents, %lld bytes\n", n, bytes);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
