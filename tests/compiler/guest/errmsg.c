// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Error paths that format their message in the region: a file that
 * cannot be opened is reported with perror() of a message snprintf()
 * built in an array of the region's, and ends the program; a read that
 * fails (a directory) appends to a report with sprintf() and leaves the
 * loop.  Both blocks end by leaving (return, break) and stay in the
 * compound: snprintf and sprintf are calls it makes.
 *
 * usage: errmsg FILE...   prints the bytes read and the report
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	char buf[4096], report[256];
	long total = 0;
	int fd, i, len = 0;

	report[0] = 0;
	COSY_START(errmsg)
	for (i = 1; i < argc; i++) {
		char msg[128];
		ssize_t n;

		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			snprintf(msg, sizeof(msg), "cannot open %s", argv[i]);
			perror(msg);
			return 1;
		}
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			total += n;
		if (n < 0) {
			len += sprintf(report + len, "[%s: read error %d]", argv[i], errno);
			close(fd);
			break;
		}
		close(fd);
	}
	COSY_END()
	printf("%ld bytes, report %d bytes: %s\n", total, len, report);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
