// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * *at() calls from a directory fd with paths that go above it, as ls -a's
 * ".." and relative paths do: fstatat(dfd, ".."), openat(dfd, "../f"),
 * unlinkat(dfd, "../f").  The module walks leading ".." itself, as the
 * syscalls do (the task's root stays, a mount's root goes up to where it
 * is mounted); a path that climbs later (sub/../../f) or through an
 * absolute symlink it does not walk, and the region runs as the program's
 * code.  Either way the program must print what its plain build prints.
 *
 * usage: dotdot DIR NAME...  (a NAME "-PATH": unlinkat(dfd, PATH) instead)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	char buf[64];
	struct stat st;
	int dfd, fd, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: dotdot DIR NAME...\n");
		return 2;
	}
	COSY_START(dotdot)
	dfd = open(argv[1], O_RDONLY | O_DIRECTORY);
	if (dfd < 0) {
		perror(argv[1]);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		const char *name = argv[i];
		long n = -1;

		if (name[0] == '-') {
			if (unlinkat(dfd, name + 1, 0) < 0) {
				printf("%s: unlink: %s\n", name + 1, strerror(errno));
				rc = 1;
			} else {
				printf("%s: unlinked\n", name + 1);
			}
			continue;
		}
		if (fstatat(dfd, name, &st, 0) < 0) {
			printf("%s: stat: %s\n", name, strerror(errno));
			rc = 1;
			continue;
		}
		fd = openat(dfd, name, O_RDONLY);
		if (fd >= 0) {
			n = read(fd, buf, sizeof(buf));
			close(fd);
		}
		printf("%s: ino %lu mode %x size %ld read %ld\n", name, (unsigned long)st.st_ino,
		       (unsigned)(st.st_mode & 07777), (long)st.st_size, n);
	}
	close(dfd);
	COSY_END()
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return rc;
}
