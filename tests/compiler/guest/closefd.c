// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * An fd variable from outside the region that the region may close.
 * Started at -1 and opened by the region, it is the region's own.
 * Holding an fd the program opened, it is handed over to the compound and
 * put in its fd table as if the region had opened it: closed there, it is
 * gone; left open (the close not taken), it is the program's again, at
 * the offset the region left; closed and its number reused by an open in
 * the region, the new file is the program's after it.  Handed over to a
 * region that yields, it goes back to each of its runs.
 *
 * usage: closefd DIR   (DIR/closefd.dat is made)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#define PATH(what) fprintf(stderr, "%s: %s\n", what, cosy_region_path_str(cosy_region_last_path()))
#else
#define PATH(what) fprintf(stderr, "%s: plain\n", what)
#endif

static int closer(const char *path, int fd, int want)
{
	int r = -2;

	COSY_START(closer)
	if (want)
		fd = open(path, O_RDONLY);
	if (fd >= 0)
		r = close(fd);
	COSY_END()
	return r;
}

/* Reads 4 bytes; closes fd only if asked, then maybe opens path again. */
static int maybe(const char *path, int *fdp, int shut, int reopen)
{
	char b[4];
	int fd = *fdp, r = -2;

	COSY_START(maybe)
	r = (int)read(fd, b, sizeof(b));
	if (shut) {
		r = close(fd);
		if (reopen)
			fd = open(path, O_RDONLY);
	}
	COSY_END()
	*fdp = fd;
	return r;
}

/* Reads fd to its end a byte at a time (a loop that may yield), then closes it. */
static long drain(int fd)
{
	long total = 0, n;
	char c;

	COSY_START(drain)
	while ((n = read(fd, &c, 1)) > 0)
		total += n;
	close(fd);
	COSY_END()
	return total;
}

int main(int argc, char **argv)
{
	char path[4096], b[4];
	int mine, r1, r2, r3, r4, gone, fd;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/closefd.dat", argv[1]);
	mine = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	for (int i = 0; i < 100; i++)	/* 1000 bytes: drain's loop yields */
		if (mine < 0 || write(mine, "0123456789", 10) != 10) {
			perror(path);
			return 1;
		}
	r1 = closer(path, -1, 1);
	PATH("minus1");
	r2 = closer(path, mine, 0);
	PATH("mine");
	gone = fcntl(mine, F_GETFD) < 0 && errno == EBADF;
	printf("closefd: r1=%d r2=%d gone=%d\n", r1, r2, gone);

	/* left open: the program's again, 4 bytes on */
	fd = open(path, O_RDONLY);
	r3 = maybe(path, &fd, 0, 0);
	PATH("kept");
	printf("kept: r=%d read=%zd", r3, read(fd, b, 3));
	printf(" \"%.3s\" open=%d\n", b, fcntl(fd, F_GETFD) >= 0);
	/* closed, and the number taken by the region's own open */
	r4 = maybe(path, &fd, 1, 1);
	PATH("reused");
	printf("reused: r=%d fd>=0:%d read=%zd", r4, fd >= 0, read(fd, b, 2));
	printf(" \"%.2s\"\n", b);
	close(fd);
	/* handed over across the runs of a region that yields */
	fd = open(path, O_RDONLY);
	printf("drain: %ld", drain(fd));
	printf(" gone=%d\n", fcntl(fd, F_GETFD) < 0 && errno == EBADF);
	PATH("drain");
	return 0;
}
