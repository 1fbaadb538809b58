// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * COSY_MODE=check on a region that reads stdin (a granted fd) and, given a
 * path, creates it with O_EXCL.  Check runs the region twice: stdin, a
 * file, is read again from where the compound began, so the runs agree;
 * the second O_EXCL create fails, so they differ, and check must fail
 * loudly naming `made` and the pointer `at` (tests/kernel/t_cosycc.sh).
 *
 * usage: stdin [PATH] < FILE
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cosy/cosy.h>

int main(int argc, char **argv)
{
	char buf[16], *at = NULL;	/* where it made the file: a pointer that differs */
	const char *path = argc > 1 ? argv[1] : "";	/* a NULL string would not run */
	int fd, made = -1;
	long n;

	COSY_START(head)
	n = read(0, buf, sizeof(buf));
	if (argc > 1) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		made = fd >= 0;
		if (fd >= 0) {
			at = buf + 3;
			close(fd);
		}
	}
	COSY_END()
	printf("n=%ld %.*s made=%d at=%ld\n", n, (int)(n > 0 ? n : 0), buf, made,
	       at ? (long)(at - buf) : -1L);
	return 0;
}
