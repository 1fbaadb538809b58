// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Error paths after which the program goes on, as one writes them: report
 * with perror() or fprintf(stderr), then `goto out` to the cleanup, `break`
 * out of the loop, or just the end of the if's branch.  The compound stops
 * where the report begins; the report and the rest of the region run in
 * user space, as written, with what the compound assigned.
 *
 * usage: tails_on goto FILE           count FILE's bytes and lines; a failed
 *                                     open jumps to out:, a failed read to
 *                                     out_close: (the compound's fd closed
 *                                     in user space)
 *        tails_on break OUT FILE...   append each FILE to OUT, naming each
 *                                     (printf in the kernel); the first one
 *                                     that cannot be opened ends the loop
 *        tails_on branch FILE         the first 16 bytes of FILE, or a report
 *                                     in the open's else-less branch
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

static void say_path(void)
{
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
}

static int count(const char *path)
{
	char buf[4096];
	long total = 0, lines = 0;
	ssize_t n;
	int fd, rc = 0;

	COSY_START(on_goto)
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		rc = 1;
		goto out;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
		total += n;
	}
	if (n < 0) {
		perror("read");
		rc = 2;
		goto out_close;
	}
out_close:
	close(fd);
out:
	printf("%s: %ld bytes, %ld lines, rc %d\n", path, total, lines, rc);
	COSY_END()
	return rc;
}

static int head16(const char *path)
{
	char buf[16];
	ssize_t n = 0;
	int fd, rc = 0;

	COSY_START(on_branch)
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "tails_on: no %s\n", path);
		rc = 1;
	} else {
		n = read(fd, buf, sizeof(buf));
		close(fd);
	}
	if (!rc && n < 0)
		rc = 2;
	COSY_END()
	if (n > 0)
		fwrite(buf, 1, n, stdout);
	return rc;
}

int main(int argc, char **argv)
{
	char buf[4096];
	int ofd, fd, k, rc = 0, done = 0;
	ssize_t n;

	atexit(say_path);
	if (argc == 3 && !strcmp(argv[1], "goto"))
		return count(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "branch"))
		return head16(argv[2]);
	if (argc < 3 || strcmp(argv[1], "break")) {
		fprintf(stderr, "usage: tails_on goto FILE | break OUT FILE... | branch FILE\n");
		return 2;
	}
	COSY_START(on_break)
	ofd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (ofd < 0) {
		perror(argv[2]);
		return 1;
	}
	for (k = 3; k < argc; k++) {
		fd = open(argv[k], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "tails_on: %s: cannot open\n", argv[k]);
			rc = 1;
			break;
		}
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			write(ofd, buf, n);
		close(fd);
		printf("%s\n", argv[k]);
		done++;
	}
	close(ofd);
	printf("%d of %d appended\n", done, argc - 3);
	COSY_END()
	return rc;
}
