// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * File names the way programs hold them: a row of a table the region walks
 * (names[i]), a struct's char array (job.out), a pointer the region sets
 * (p = names[i] + 2), &name[0], an array plus an offset the region changes,
 * and getdents64(2)'s own struct linux_dirent64, whose d_name[] has no
 * size, as a path for fstatat().  Everything it prints is independent of
 * the directory's order.  A second region returns on every path.
 *
 * usage: names DIR   (DIR holds t.0 .. t.2; the region writes DIR/out)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

struct job {
	int mode;
	char out[16];
};

/* A region every path of which returns: t.1 starts with a digit? */
static int first_digit(int dfd)
{
	char c = 0;
	int fd;

	COSY_START(first_digit)
	fd = openat(dfd, "t.1", O_RDONLY);
	if (fd < 0)
		return -1;
	if (read(fd, &c, 1) != 1) {
		close(fd);
		return -2;
	}
	close(fd);
	return c >= '0' && c <= '9' ? c - '0' : 10;
	COSY_END()
}

int main(int argc, char **argv)
{
	char names[3][8] = { "t.0", "t.1", "t.2" }, flat[12] = "t.1\0xxt.2", one[8] = "xxt.0";
	char buf[64], dbuf[2048] __attribute__((aligned(8)));
	struct job job = { 0644, "out" };
	long got = 0, opened = 0, entries = 0, dots = 0, bytes = 0, wrote = -1, k;
	int dfd, fd, i;
	char *p;
	struct stat st;

	dfd = open(argc > 1 ? argv[1] : ".", O_RDONLY | O_DIRECTORY);
	if (dfd < 0) {
		perror("names: open");
		return 1;
	}
	COSY_START(names)
	for (i = 0; i < 3; i++) {
		fd = openat(dfd, names[i], O_RDONLY);
		if (fd >= 0) {
			opened++;
			got += read(fd, buf, sizeof(buf));
			close(fd);
		}
		p = names[i] + 2;	/* "0", "1", "2": no such files */
		fd = openat(dfd, p, O_RDONLY);
		if (fd >= 0) {
			opened += 100;
			close(fd);
		}
	}
	for (k = 0; k < 12; k += 6) {
		fd = openat(dfd, flat + k, O_RDONLY);
		if (fd >= 0) {
			opened++;
			close(fd);
		}
	}
	fd = openat(dfd, &one[2], O_RDONLY);
	if (fd >= 0) {
		opened++;
		close(fd);
	}
	fd = openat(dfd, &one[0], O_RDONLY);	/* "xxt.0": none */
	if (fd >= 0)
		opened += 100;
	fd = openat(dfd, job.out, O_WRONLY | O_CREAT | O_TRUNC, job.mode);
	if (fd >= 0) {
		wrote = write(fd, "done\n", 5);
		close(fd);
	}
	long n = getdents64(dfd, dbuf, sizeof(dbuf));
	struct linux_dirent64 *d;
	for (long pos = 0; pos < n; pos += d->d_reclen) {
		d = (struct linux_dirent64 *)(dbuf + pos);
		entries++;
		if (d->d_name[0] == '.') {
			dots++;
			continue;
		}
		if (fstatat(dfd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
			bytes += st.st_size;
	}
	COSY_END()
	printf("names: opened %ld read %ld wrote %ld entries %ld dots %ld bytes %ld digit %d\n",
	       opened, got, wrote, entries, dots, bytes, first_digit(dfd));
	close(dfd);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s%s%s\n", cosy_region_path_str(cosy_region_last_path()),
		*cosy_region_last_why() ? ": " : "", cosy_region_last_why());
#endif
	return 0;
}
