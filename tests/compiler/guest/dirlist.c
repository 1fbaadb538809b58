// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * ls -f of each DIR as a user writes it from opendir(3)'s man page: the
 * names readdir() returns (. and .. left out) with their d_type, d_ino
 * and size (fstatat() on dirfd()), a count per directory, a directory
 * that cannot be opened reported with perror() before the loop goes on,
 * and readdir()'s errno told apart from its end as POSIX has it.
 *
 * usage: dirlist DIR...
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	long total = 0, bytes = 0, reclens = 0;
	struct stat st;
	int rc = 0;

	COSY_START(dirlist)
	for (int i = 1; i < argc; i++) {
		DIR *d = opendir(argv[i]);
		struct dirent *e;
		long n = 0;

		if (d == NULL) {
			perror(argv[i]);
			rc = 1;
			continue;
		}
		for (;;) {
			errno = 0;
			e = readdir(d);
			if (!e)
				break;
			reclens += e->d_reclen;
			if (e->d_name[0] == '.' &&
			    (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
				continue;
			if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
				perror(e->d_name);
				rc = 1;
				continue;
			}
			printf("%s %d %lu %ld\n", e->d_name, e->d_type, (unsigned long)e->d_ino,
			       (long)st.st_size);
			bytes += st.st_size;
			n++;
		}
		if (errno) {
			perror("readdir");
			rc = 1;
		}
		printf("%s: %ld\n", argv[i], n);
		total += n;
		if (closedir(d) < 0) {
			perror("closedir");
			rc = 1;
		}
	}
	COSY_END()
	printf("dirlist: %ld entries, %ld bytes, %ld bytes of records\n", total, bytes, reclens);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return rc;
}
