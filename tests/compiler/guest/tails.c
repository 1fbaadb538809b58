// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A region's error paths as a program writes them: statements that end
 * their block by leaving the region (return, exit(), err()) and call what
 * a compound cannot (fprintf, perror, strerror, err).  The compound stops
 * where they begin; they run in user space, as written, after the
 * region's variables are back.
 *
 * usage: tails ret IN OUT    copy IN to OUT in copy(): report and return
 *        tails exit IN       read IN in main(): report and exit(3) or err(4);
 *                            usage() and exit(2) for a name over 200 bytes
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

static long copied;

static void say_path(void)
{
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
}

/* The program's own way out: a call of it leaves the region too. */
static void usage(void)
{
	fprintf(stderr, "usage: tails ret IN OUT | tails exit IN (IN of at most 200 bytes)\n");
	exit(2);
}

static int copy(const char *in, const char *out)
{
	char buf[1000];
	ssize_t n;
	int ifd, ofd;

	COSY_START(tail_copy)
	ifd = open(in, O_RDONLY);
	if (ifd < 0) {
		if (errno == ENOENT)
			fprintf(stderr, "tails: %s: no such file\n", in);
		else
			perror(in);
		return -1;
	}
	ofd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (ofd < 0) {
		close(ifd);	/* in the kernel, before the tail */
		perror(out);
		return -2;
	}
	while ((n = read(ifd, buf, sizeof(buf))) != 0) {
		if (n < 0 || write(ofd, buf, n) != n) {
			fprintf(stderr, "tails: %s to %s after %ld bytes: %s\n",
				n < 0 ? "read" : "write", out, copied, strerror(errno));
			return -3;
		}
		copied += n;
	}
	close(ifd);
	close(ofd);
	COSY_END()
	return 0;
}

int main(int argc, char **argv)
{
	char buf[512];
	long total = 0;
	ssize_t n;
	int r, fd;

	atexit(say_path);
	if (argc == 4 && !strcmp(argv[1], "ret")) {
		r = copy(argv[2], argv[3]);
		printf("copy %d, %ld bytes, errno %s\n", r, copied, r ? strerror(errno) : "-");
		return r ? 1 : 0;
	}
	if (argc != 3 || strcmp(argv[1], "exit"))
		return 2;
	COSY_START(tail_exit)
	if (strlen(argv[2]) > 200)
		usage();
	fd = open(argv[2], O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "tails: cannot open %s\n", argv[2]);
		exit(3);
	}
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0)
			err(4, "read %s after %ld bytes", argv[2], total);
		total += n;
	}
	close(fd);
	COSY_END()
	printf("read %ld bytes\n", total);
	return 0;
}
