// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Paths built with snprintf(), as a program walking a directory builds
 * them: "%s/%s" of the directory and each name from getdents64, then
 * lstat() on the path.  A short buffer shows snprintf()'s truncation and
 * its value (the whole length), "%s.%03d" a name with a number; a path
 * too long for its buffer is reported and skipped.
 *
 * usage: paths DIR
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	char buf[2048], path[64], small[8], name[32];
	long nread, bpos, total = 0, sizes = 0, cut = 0;
	struct stat st;
	int dfd, len, k = 0;

	COSY_START(paths)
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd < 0) {
		perror(dir);
		return 1;
	}
	while ((nread = getdents64(dfd, buf, sizeof(buf))) > 0) {
		for (bpos = 0; bpos < nread;) {
			struct dirent64 *d = (struct dirent64 *)(buf + bpos);

			bpos += d->d_reclen;
			if (d->d_name[0] == '.')
				continue;
			len = snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
			if (len >= (int)sizeof(path)) {
				fprintf(stderr, "paths: %s/%s: name too long (%d bytes)\n", dir,
					d->d_name, len);
				cut++;
				continue;
			}
			if (lstat(path, &st) < 0) {
				perror(path);
				continue;
			}
			total += snprintf(small, sizeof(small), "%s", d->d_name);
			k++;
			snprintf(name, sizeof(name), "%s.%03d|%-4d|", "n", k, k * 7);
			printf("%c %6ld %s [%s] [%s]\n", S_ISDIR(st.st_mode) ? 'd' : '-',
			       (long)st.st_size, path, small, name);
			sizes += st.st_size;
		}
	}
	close(dfd);
	COSY_END()
	printf("paths: %d names, %ld bytes, total %ld, cut %ld, empty %d\n", k, sizes, total, cut,
	       snprintf(small, 0, "x"));
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
