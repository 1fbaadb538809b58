// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Errors reported and the loop goes on, in the kernel: cat's loop over
 * its arguments, where a name that does not open is reported with
 * perror() and skipped (continue), a read that fails (a directory) with
 * fprintf(stderr, ...) and strerror(errno), and a summary on stderr with
 * fputs() and putc().  Its stderr must be the plain build's, byte for
 * byte, message for message.
 *
 * usage: report FILE...
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
	long n, bytes = 0;
	int i, fd, bad = 0;
	char buf[512];

	COSY_START(report)
	for (i = 1; i < argc; i++) {
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			perror(argv[i]);
			errno = ENOENT;	/* glibc's perror() may have changed it */
			perror("");	/* the message alone */
			bad++;
			continue;
		}
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			bytes += n;
		if (n < 0) {
			fprintf(stderr, "report: %s: read: %s (errno %d)\n", argv[i], strerror(errno),
				errno);
			bad++;
		}
		close(fd);
		if (bytes > 1000000) {
			errno = 1000;	/* past every errno: strerror() says "Unknown error 1000" */
			perror("");
			fputs("report: more than a megabyte, stopping\n", stderr);
			break;
		}
	}
	if (bad) {
		fputs("report: ", stderr);
		putc('0' + bad % 10, stderr);
		fputc('\n', stderr);
	}
	COSY_END()
	printf("report: %d files, %d bad, %ld bytes\n", argc - 1, bad, bytes);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return bad != 0;
}
