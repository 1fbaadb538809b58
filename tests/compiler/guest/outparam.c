// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A region in a function that reports through pointer parameters (int
 * *err, long *bytes): each file's lines, its bytes added to *bytes and to
 * a global total, errno into *err when open() or read() fails, if err is
 * not NULL ("null" passes NULL).  "alias" passes &total as bytes: then
 * *bytes and total are the same memory, the original adds each read
 * twice, and the region must run the original's code (COSY_MODE=kernel
 * refuses, naming both).
 *
 * usage: outparam apart|alias|null FILE...
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

static long total;

static long count_lines(const char *path, int *err, long *bytes)
{
	char buf[4096];
	long lines = 0;
	ssize_t n;
	int fd;

	COSY_START(outparam)
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		if (err)
			*err = errno;
		lines = -1;
	} else {
		while ((n = read(fd, buf, sizeof(buf))) > 0) {
			*bytes += n;
			total += n;
			for (ssize_t i = 0; i < n; i++)
				lines += buf[i] == '\n';
		}
		if (n < 0 && err != NULL)
			*err = errno;
		close(fd);
	}
	COSY_END()
	return lines;
}

int main(int argc, char **argv)
{
	int alias;

	if (argc < 2) {
		fprintf(stderr, "usage: %s apart|alias|null FILE...\n", argv[0]);
		return 2;
	}
	alias = !strcmp(argv[1], "alias");
	for (int i = 2; i < argc; i++) {
		int err = -1;
		long bytes = 1000;
		long lines = count_lines(argv[i], strcmp(argv[1], "null") ? &err : NULL,
					 alias ? &total : &bytes);

		printf("%s: %ld lines, %ld bytes, err %d\n", argv[i], lines, bytes, err);
	}
	printf("total %ld\n", total);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
