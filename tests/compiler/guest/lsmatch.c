// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * ls of the names in DIR that contain PATTERN, with their sizes, written
 * as getdents(2)'s example and the man pages have it: the raw
 * syscall(SYS_getdents64, ...), strstr() on each name, fstatat() on the
 * directory fd, an empty pattern tested as pattern[0], each line printed
 * with printf() and fwrite(), and a name that fails to stat reported with
 * perror() before the loop goes on.
 *
 * usage: lsmatch DIR [PATTERN]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	const char *pat = argc > 2 ? argv[2] : "";
	long nread, bpos, shown = 0, bytes = 0;
	char buf[4096];
	struct stat st;
	int dfd, rc = 0;

	COSY_START(lsmatch)
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd < 0) {
		perror(dir);
		return 2;
	}
	for (;;) {
		nread = syscall(SYS_getdents64, dfd, buf, sizeof(buf));
		if (nread <= 0) {
			if (nread < 0) {
				perror("getdents64");
				rc = 1;
			}
			break;
		}
		for (bpos = 0; bpos < nread;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + bpos);

			bpos += d->d_reclen;
			if (d->d_name[0] == '.')
				continue;
			if (pat[0] && !strstr(d->d_name, pat))
				continue;
			if (fstatat(dfd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
				perror(d->d_name);
				rc = 1;
				continue;
			}
			printf("%c %8ld ", S_ISDIR(st.st_mode) ? 'd' : '-', (long)st.st_size);
			fwrite(d->d_name, 1, strlen(d->d_name), stdout);
			putchar('\n');
			shown++;
			bytes += st.st_size;
		}
	}
	close(dfd);
	COSY_END()
	printf("lsmatch: %ld shown, %ld bytes\n", shown, bytes);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return rc;
}
