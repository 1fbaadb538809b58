// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * An fd variable from outside the region that the region closes: started
 * at -1 and opened by the region, it runs in the kernel; holding an fd the
 * program opened, the run takes the fallback (the guard lets a compound
 * close only what it opened), which closes it as the program asked.
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

int main(int argc, char **argv)
{
	char path[4096];
	int mine, r1, r2, gone;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/closefd.dat", argv[1]);
	mine = open(path, O_RDWR | O_CREAT, 0600);
	if (mine < 0) {
		perror(path);
		return 1;
	}
	r1 = closer(path, -1, 1);
	PATH("minus1");
	r2 = closer(path, mine, 0);
	PATH("mine");
	gone = fcntl(mine, F_GETFD) < 0 && errno == EBADF;
	printf("closefd: r1=%d r2=%d gone=%d\n", r1, r2, gone);
	return 0;
}
