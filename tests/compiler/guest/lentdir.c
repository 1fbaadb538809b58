// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A DIR * the program opens before the region, as ls is written from its
 * man page when only the loop is marked: the program reads SKIP names
 * first (glibc's buffer then holds the rest of a batch), the region prints
 * the next TAKE names with their sizes (fstatat() on dirfd()), and the
 * program reads and counts the rest.  Every name once, in the order
 * readdir() gives them, as the plain build: the stream is where the
 * region left it.  A directory that does not open is a NULL DIR *, which
 * the region tests.
 *
 * usage: lentdir SKIP TAKE DIR...
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	long skip, take, taken, rest, size;
	struct dirent *e, *r;
	struct stat st;
	int i, k;
	DIR *d;

	if (argc < 4) {
		fprintf(stderr, "usage: %s SKIP TAKE DIR...\n", argv[0]);
		return 2;
	}
	skip = atol(argv[1]);
	take = atol(argv[2]);
	for (i = 3; i < argc; i++) {
		d = opendir(argv[i]);
		for (k = 0; d && k < skip && readdir(d); k++)
			;
		taken = size = 0;
		COSY_START(lentdir)
		if (d == NULL) {
			printf("%s: not opened\n", argv[i]);
		} else {
			while (taken < take && (e = readdir(d)) != NULL) {
				taken++;
				if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
					size += st.st_size;
				printf("%s\n", e->d_name);
			}
		}
		COSY_END()
		rest = 0;
		while (d && (r = readdir(d)) != NULL)
			rest++;
		printf("%s: %d skipped, %ld taken (%ld bytes), %ld after\n", argv[i], k, taken, size,
		       rest);
		if (d)
			closedir(d);
	}
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
