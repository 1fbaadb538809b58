// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A region that reads /proc/self: status and stat are seq_files, cmdline
 * has a plain ->read; none has the iterator a kernel buffer needs, so the
 * module reads them its own way (cosy_user_io()).  stat goes 7 bytes at a
 * time, so the file position must carry over between reads.  It prints
 * only what is the same for every build: the line count of status, the
 * field count of stat, and the arguments.
 *
 * usage: procread ARG...
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(void)
{
	char buf[4096];
	long n, i, lines = 0, fields = 0, args = 0, len = 0;
	int fd;

	COSY_START(procread)
	fd = open("/proc/self/status", O_RDONLY);
	if (fd < 0)
		lines = -1;
	while (fd >= 0 && (n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			lines = -2;
			break;
		}
		for (i = 0; i < n; i++)
			if (buf[i] == '\n')
				lines++;
	}
	if (fd >= 0)
		close(fd);
	fd = open("/proc/self/stat", O_RDONLY);
	if (fd < 0)
		fields = -1;
	while (fd >= 0 && (n = read(fd, buf, 7)) != 0) {
		if (n < 0) {
			fields = -2;
			break;
		}
		for (i = 0; i < n; i++)
			if (buf[i] == ' ' || buf[i] == '\n')
				fields++;
	}
	if (fd >= 0)
		close(fd);
	memset(buf, 0, sizeof(buf));	/* status is not the same twice (check mode) */
	fd = open("/proc/self/cmdline", O_RDONLY);
	if (fd >= 0) {
		len = read(fd, buf, sizeof(buf) - 1);
		for (i = 0; i < len; i++)
			if (buf[i] == 0)
				args++;
		close(fd);
	}
	COSY_END()
	printf("status lines %ld, stat fields %ld, cmdline args %ld", lines, fields, args);
	for (i = 0, n = 0; i < len; i++)	/* the arguments after the program's name */
		if (buf[i] == 0 && i + 1 < len)
			printf("%s %s", n++ ? "" : ":", buf + i + 1);
	printf("\n");
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
