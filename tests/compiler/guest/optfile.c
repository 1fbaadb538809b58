// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * optfile [FILE [OTHER]]: counts the bytes and lines of FILE, or of
 * stdin without one: a string from before the region that may be NULL
 * (`argc > 1 ? argv[1] : NULL`), tested in the region (`path ? open(path,
 * ...) : 0`, `if (path)`), printed by a ?: and as a bare %s ("(null)", as
 * glibc prints it), and an open() of a NULL OTHER that fails with EFAULT
 * as the kernel's does.
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

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : NULL;
	const char *other = argc > 2 ? argv[2] : NULL;
	char buf[8192];
	long n, bytes = 0, lines = 0;
	int fd, ofd, rc = 0;

	COSY_START(count)
	fd = path ? open(path, O_RDONLY) : 0;
	if (fd < 0) {
		printf("%s: cannot open (errno %d)\n", path, errno);
		rc = 1;
		goto out;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		bytes += n;
		for (long i = 0; i < n; i++)
			lines += buf[i] == '\n';
	}
	if (path)
		close(fd);
	printf("%s: %ld bytes, %ld lines\n", path ? path : "stdin", bytes, lines);
	printf("path %s, other %s\n", path, other);
	ofd = open(other, O_RDONLY);
	if (ofd < 0)
		printf("other: errno %d%s\n", errno, errno == EFAULT ? " (EFAULT)" : "");
	else
		close(ofd);
out:
	COSY_END()
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return rc;
}
