// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A region that appends records to a log it opens with O_APPEND: in the
 * kernel as in user space; COSY_MODE=check runs it twice, so the log
 * grows twice, and check says so instead of pretending to compare.
 *
 * usage: append DIR   (DIR/append.log grows by 3 records)
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cosy/cosy.h>

int main(int argc, char **argv)
{
	char path[4096];
	struct stat st;
	long w = 0;
	int fd, i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/append.log", argv[1]);
	COSY_START(append)
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
	for (i = 0; fd >= 0 && i < 3; i++)
		w += write(fd, "record\n", 7);
	if (fd >= 0)
		close(fd);
	COSY_END()
	if (stat(path, &st))
		return 1;
	printf("append: wrote %ld, log %ld bytes\n", w, (long)st.st_size);
	return 0;
}
