// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A report with perror() and on to the next file, nothing printed to
 * stdout in the region: the error path of a program that counts the
 * files it can open.  glibc's perror() on a stderr not used yet goes
 * through an fdopen() of dup(2), which fails with EINVAL when fd 2 is
 * open for writing only (2>file) and leaves errno so; the compound's
 * leaves the open's ENOENT.  Check mode compares the two: the runtime
 * orients stderr before the run, as the region's first print would, so
 * both leave ENOENT and check mode agrees with the plain build.
 *
 * usage: perrno FILE...
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
	int i, fd, opened = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE...\n", argv[0]);
		return 2;
	}
	COSY_START(opens)
	for (i = 1; i < argc; i++) {
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			perror(argv[i]);
			continue;
		}
		opened++;
		close(fd);
	}
	COSY_END()
	printf("%d of %d opened\n", opened, argc - 1);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return opened == argc - 1 ? 0 : 1;
}
