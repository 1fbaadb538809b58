// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * paste FILE1 FILE2 ("-": stdin): the lines of both side by side, a tab
 * between, the shorter file giving empty fields.  A helper inlined twice
 * refills a struct's buffer through a pointer.  6.12's verifier refused
 * this compound ("R1 invalid mem access 'scalar'"): the lines up to the
 * region's end are kept as they were then, for the same BPF; do not move
 * them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
static void report_path(void);
#include <cosy/cosy.h>

#define LINE_MAX_P 4096

struct reader {
	int eof;
	size_t pos, len;
	char buf[8192];
};

/*
 * Copy the next line of r (without its newline) into line, at most
 * size - 1 bytes, NUL-terminated.  Returns its length, or -1 at end of
 * file, or -2 on a read error.
 */
static long next_line(struct reader *r, int fd, char *line, size_t size)
{
	size_t n = 0;
	int got = 0;

	for (;;) {
		if (r->pos == r->len) {
			ssize_t k;

			if (r->eof)
				break;
			k = read(fd, r->buf, sizeof(r->buf));
			if (k < 0)
				return -2;
			if (k == 0) {
				r->eof = 1;
				break;
			}
			r->pos = 0;
			r->len = k;
		}
		got = 1;
		char c = r->buf[r->pos++];
		if (c == '\n')
			break;
		if (n < size - 1)
			line[n++] = c;
	}
	line[n] = '\0';
	return got ? (long)n : -1;
}

int main(int argc, char **argv)
{
	struct reader a, b;
	char la[LINE_MAX_P], lb[LINE_MAX_P];
	int rc = 0, fda, fdb;

	if (argc != 3) {
		fprintf(stderr, "usage: paste FILE1 FILE2\n");
		return 1;
	}
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));

	COSY_START(paste)
	long na, nb;

	fda = strcmp(argv[1], "-") == 0 ? STDIN_FILENO : open(argv[1], O_RDONLY);
	if (fda < 0) {
		fprintf(stderr, "paste: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	fdb = strcmp(argv[2], "-") == 0 ? STDIN_FILENO : open(argv[2], O_RDONLY);
	if (fdb < 0) {
		fprintf(stderr, "paste: %s: %s\n", argv[2], strerror(errno));
		rc = 1;
		goto close_a;
	}
	for (;;) {
		na = next_line(&a, fda, la, sizeof(la));
		nb = next_line(&b, fdb, lb, sizeof(lb));
		if (na == -2 || nb == -2) {
			fprintf(stderr, "paste: read error: %s\n", strerror(errno));
			rc = 1;
			break;
		}
		if (na < 0 && nb < 0)
			break;
		printf("%s\t%s\n", na < 0 ? "" : la, nb < 0 ? "" : lb);
	}
	if (fdb != STDIN_FILENO)
		close(fdb);
close_a:
	if (fda != STDIN_FILENO)
		close(fda);
	COSY_END()
	report_path();

	return rc;
}

#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

static void report_path(void)
{
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
}
