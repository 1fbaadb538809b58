// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * comm - compare two sorted files line by line
 *
 * usage: comm [-123] FILE1 FILE2
 *
 * Column one holds lines only in FILE1, column two lines only in FILE2,
 * column three lines in both; -1, -2, -3 suppress a column.  "comm -12"
 * prints only the lines the two files have in common.  Lines are compared
 * byte by byte, as in the C locale.
 *
 * Written from the man page for the ninth sweep, as a user would: each
 * file's name, fd, buffer and line in a struct, opened by name in the
 * region (open(f1.name)) while the region fills the struct's buffers.
 */
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

#define MAXLINE 2048

struct input {
	const char *name;
	int fd;
	char buf[4096];
	ssize_t len;		/* bytes in buf */
	ssize_t off;		/* next byte in buf */
	char line[MAXLINE];
	int have;		/* line holds a line */
};

static int show[4] = { 0, 1, 1, 1 };

/* Read the next line of in into in->line; in->have = 0 at end of file.
 * Returns -1 on a read error. */
static int advance(struct input *in)
{
	size_t n = 0;
	int any = 0;

	for (;;) {
		if (in->off == in->len) {
			in->len = read(in->fd, in->buf, sizeof(in->buf));
			in->off = 0;
			if (in->len < 0) {
				in->len = 0;
				return -1;
			}
			if (in->len == 0)
				break;
		}
		any = 1;
		if (in->buf[in->off] == '\n') {
			in->off++;
			break;
		}
		if (n < sizeof(in->line) - 1)
			in->line[n++] = in->buf[in->off];
		in->off++;
	}
	in->line[n] = '\0';
	in->have = any;
	return 0;
}

static void column(int col, const char *s)
{
	if (!show[col])
		return;
	if (col >= 2 && show[1])
		putchar('\t');
	if (col == 3 && show[2])
		putchar('\t');
	printf("%s\n", s);
}

int main(int argc, char **argv)
{
	struct input f1, f2;
	int opt, rc = 0;

	while ((opt = getopt(argc, argv, "123")) != -1) {
		switch (opt) {
		case '1': show[1] = 0; break;
		case '2': show[2] = 0; break;
		case '3': show[3] = 0; break;
		default:
			fprintf(stderr, "usage: comm [-123] FILE1 FILE2\n");
			return 1;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: comm [-123] FILE1 FILE2\n");
		return 1;
	}
	memset(&f1, 0, sizeof(f1));
	memset(&f2, 0, sizeof(f2));
	f1.name = argv[optind];
	f2.name = argv[optind + 1];

	COSY_START(comm)
	f1.fd = open(f1.name, O_RDONLY);
	if (f1.fd < 0) {
		fprintf(stderr, "comm: %s: %s\n", f1.name, strerror(errno));
		return 1;
	}
	f2.fd = open(f2.name, O_RDONLY);
	if (f2.fd < 0) {
		fprintf(stderr, "comm: %s: %s\n", f2.name, strerror(errno));
		close(f1.fd);
		return 1;
	}
	if (advance(&f1) < 0 || advance(&f2) < 0)
		goto read_error;
	while (f1.have && f2.have) {
		int c = strcmp(f1.line, f2.line);

		if (c == 0) {
			column(3, f1.line);
			if (advance(&f1) < 0 || advance(&f2) < 0)
				goto read_error;
		} else if (c < 0) {
			column(1, f1.line);
			if (advance(&f1) < 0)
				goto read_error;
		} else {
			column(2, f2.line);
			if (advance(&f2) < 0)
				goto read_error;
		}
	}
	while (f1.have) {
		column(1, f1.line);
		if (advance(&f1) < 0)
			goto read_error;
	}
	while (f2.have) {
		column(2, f2.line);
		if (advance(&f2) < 0)
			goto read_error;
	}
	goto done;
read_error:
	fprintf(stderr, "comm: read error: %s\n", strerror(errno));
	rc = 1;
done:
	close(f1.fd);
	close(f2.fd);
	COSY_END()

#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return rc;
}
