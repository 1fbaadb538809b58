// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * An fd variable from outside the region that the region closes: started
 * at -1 and opened by the region, it runs in the kernel; holding an fd the
 * program opened, the run takes the fallback (the guard lets a compound
 * close only what it opened), which closes it as the program asked.
 *
 * usage: closefd FILE   (made if missing)
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

int main(int argc, char **argv)
{
	int mine, r1, r2, gone;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE\n", argv[0]);
		return 2;
	}
	mine = open(argv[1], O_RDWR | O_CREAT, 0600);
	if (mine < 0) {
		perror(argv[1]);
		return 1;
	}
	r1 = closer(argv[1], -1, 1);
	PATH("minus1");
	r2 = closer(argv[1], mine, 0);
	PATH("mine");
	gone = fcntl(mine, F_GETFD) < 0 && errno == EBADF;
	printf("closefd: r1=%d r2=%d gone=%d\n", r1, r2, gone);
	return 0;
}
