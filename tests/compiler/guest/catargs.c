// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cat's loop over its arguments, inside the region: argv[i] with i the
 * region's own counter.  The host copies argv's strings, up to its NULL,
 * into slots of the segment before the run; a string longer than a slot
 * (255 bytes), or more than 256 of them, make the region run in user
 * space, saying so, with the same output.
 *
 * usage: catargs FILE...   (a missing FILE is counted, as cat reports it)
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
	unsigned long sum = 0;
	long n, bytes = 0, lines = 0, names = 0;
	int i, fd, missing = 0;
	char buf[1024];

	COSY_START(catargs)
	for (i = 1; i < argc; i++) {
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			missing++;
			continue;
		}
		names += (long)strlen(argv[i]);
		while ((n = read(fd, buf, sizeof(buf))) > 0) {
			for (long k = 0; k < n; k++) {
				sum = sum * 31 + (unsigned char)buf[k];
				lines += buf[k] == '\n';
			}
			bytes += n;
		}
		close(fd);
	}
	COSY_END()
	printf("catargs: %d files, %d missing, %ld bytes, %ld lines, names %ld, sum %lx\n",
	       argc - 1, missing, bytes, lines, names, sum);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return missing != 0;
}
