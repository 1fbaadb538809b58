// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * assert() in strict ISO C: compiler/build.mk builds this file with
 * -std=c11, where glibc's assert() is a conditional of type void,
 * ((c) ? (void) (0) : __assert_fail (...)), not GNU C's statement
 * expression.  The region reads FILE and asserts it read at most LIMIT
 * bytes; past the assert it writes nothing, so a false one leaves no
 * trace but glibc's message and the abort.
 *
 * usage: assert_strict FILE LIMIT   prints how many bytes it read
 */
#include <assert.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/dev/null";
	long limit = argc > 2 ? atol(argv[2]) : 0, n = -1, total = 0;
	char buf[512];
	int fd;

	COSY_START(bounded)
	fd = open(path, O_RDONLY);
	assert(fd >= 0);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		total += n;
	close(fd);
	assert(total <= limit && "the file is no longer than the limit");
	COSY_END()
	printf("assert_strict: read %ld\n", total);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
