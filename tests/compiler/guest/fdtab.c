// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * fdtab IN OUT...: tee(1) from IN to every OUT, with the fds kept in
 * memory, as tee and paste keep them:
 * - an int array: the first OUT opened before the region (the program's
 *   fd, which the region closes), the others opened in the region;
 * - IN in a struct that a helper reads through a pointer (r->fd).
 * An OUT that fails a write is reported, closed and skipped.  Prints the
 * bytes, IN's lines, the outputs and whether the first OUT's fd was
 * closed.
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

#define MAX_OUT 8

struct reader {
	int fd;
	int eof;
	long lines;
	char buf[4096];
};

static long fill(struct reader *r)
{
	long n = read(r->fd, r->buf, sizeof(r->buf));

	if (n == 0)
		r->eof = 1;
	for (long i = 0; i < n; i++)
		if (r->buf[i] == '\n')
			r->lines++;
	return n;
}

static int write_all(int fd, const char *p, long n)
{
	while (n > 0) {
		long w = write(fd, p, n);

		if (w < 0)
			return -1;
		p += w;
		n -= w;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int outs[MAX_OUT], nout = 0, first, rc = 0;
	struct reader in;
	long total = 0;

	if (argc < 3 || argc - 2 > MAX_OUT) {
		fprintf(stderr, "usage: fdtab IN OUT... (at most %d)\n", MAX_OUT);
		return 2;
	}
	memset(&in, 0, sizeof(in));
	in.fd = -1;
	outs[nout++] = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (outs[0] < 0) {
		perror(argv[2]);
		return 1;
	}
	first = outs[0];

	COSY_START(fdtab)
	int i;

	in.fd = open(argv[1], O_RDONLY);
	if (in.fd < 0) {
		fprintf(stderr, "fdtab: %s: %s\n", argv[1], strerror(errno));
		rc = 1;
		goto out;
	}
	for (i = 3; i < argc; i++) {
		int fd = open(argv[i], O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0) {
			fprintf(stderr, "fdtab: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		outs[nout++] = fd;
	}
	while (!in.eof) {
		long n = fill(&in);

		if (n < 0) {
			fprintf(stderr, "fdtab: read: %s\n", strerror(errno));
			rc = 1;
			break;
		}
		for (i = 0; i < nout; i++)
			if (outs[i] >= 0 && write_all(outs[i], in.buf, n) < 0) {
				fprintf(stderr, "fdtab: write to output %d: %s\n", i, strerror(errno));
				close(outs[i]);
				outs[i] = -1;
				rc = 1;
			}
		total += n;
	}
	close(in.fd);
out:
	for (i = 0; i < nout; i++)
		if (outs[i] >= 0)
			close(outs[i]);
	COSY_END()

	printf("%ld bytes, %ld lines, %d outputs, first fd %s\n", total, in.lines, nout,
	       fcntl(first, F_GETFD) < 0 ? "closed" : "open");
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return rc;
}
