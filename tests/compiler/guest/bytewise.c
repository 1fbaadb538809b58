// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * read(fd, &c, 1) until the end: one system call per byte, the way a
 * simple tokenizer reads.  `bytewise FILE` over a file of more than 2^20
 * bytes makes more calls than the module's default call budget: the
 * region must finish all the same (tests/kernel/t_cosycc.sh).
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	unsigned long sum = 0;
	long n = 0;
	char c;
	int fd;

	COSY_START(bytes)
	fd = open(argc > 1 ? argv[1] : "/dev/null", O_RDONLY);
	while (fd >= 0 && read(fd, &c, 1) == 1) {
		n++;
		sum = sum * 31 + (unsigned char)c;
	}
	if (fd >= 0)
		close(fd);
	COSY_END()
	printf("bytewise: n=%ld sum=%lx\n", n, sum);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s%s%s\n", cosy_region_path_str(cosy_region_last_path()),
		*cosy_region_last_why() ? ": " : "", cosy_region_last_why());
#endif
	return 0;
}
