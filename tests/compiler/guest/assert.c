// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * assert() in a region: true, the region goes on; false, it stops right
 * there (nothing after it happens: no output file) and the program prints
 * glibc's message and aborts, as the plain build does.
 *
 * usage: assert DIR SIZE   (DIR/in is made, 100 bytes; DIR/out is its copy
 *                           if it has SIZE bytes)
 */
#include <assert.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#define PATH(what) fprintf(stderr, "%s: %s\n", what, cosy_region_path_str(cosy_region_last_path()))
#else
#define PATH(what) fprintf(stderr, "%s: plain\n", what)
#endif

static long copy_checked(const char *in, const char *out, long want)
{
	char buf[256];
	long n = -1;
	int ifd, ofd;

	COSY_START(copy_checked)
	ifd = open(in, O_RDONLY);
	assert(ifd >= 0);
	n = read(ifd, buf, sizeof(buf));
	close(ifd);
	assert(n == want && "the input has the size asked for");
	ofd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert(ofd >= 0);
	if (write(ofd, buf, n) != n)
		n = -1;
	close(ofd);
	COSY_END()
	return n;
}

int main(int argc, char **argv)
{
	char in[4096], out[4096], data[100];
	long n;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: %s DIR SIZE\n", argv[0]);
		return 2;
	}
	snprintf(in, sizeof(in), "%s/in", argv[1]);
	snprintf(out, sizeof(out), "%s/out", argv[1]);
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)('a' + i % 26);
	fd = open(in, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, data, sizeof(data)) != (ssize_t)sizeof(data) || close(fd)) {
		perror(in);
		return 1;
	}
	n = copy_checked(in, out, atol(argv[2]));
	PATH("copy_checked");
	printf("assert: copied %ld\n", n);
	return 0;
}
