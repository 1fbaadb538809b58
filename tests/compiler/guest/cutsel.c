// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cutsel LIST FILE...: cut -c LIST, as one writes it from the man page:
 * LIST (N, N-M, N-, joined by commas) read into a table before the region,
 * then a per-line loop that asks a two-return helper, selected(k + 1),
 * whether to putchar() each byte; the helper that prints a line is
 * inlined twice (at a newline and for a last line without one).  Its
 * iterations leave the counter with a range per path: the verifier walked
 * past its million insns on 6.12 and 6.1 until cosy-cc had it forget them
 * at each iteration (regs_diverge()).
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

static char buf[4096];
static char line[512];
static char sel[65];
static long open_from;

static int selected(long k)
{
	if (open_from && k >= open_from)
		return 1;
	return k <= 64 && sel[k];
}

static void emit(long len)
{
	for (long k = 0; k < len; k++)
		if (selected(k + 1))
			putchar(line[k]);
	putchar('\n');
}

/* LIST into sel[] and open_from; -1 if it is not one */
static int parse_list(const char *s)
{
	while (*s) {
		char *e;
		long a = strtol(s, &e, 10), b = a;

		if (e == s || a < 1)
			return -1;
		if (*e == '-') {
			s = e + 1;
			if (*s == ',' || !*s) {
				if (!open_from || a < open_from)
					open_from = a;
				b = 0;
				e = (char *)s;
			} else {
				b = strtol(s, &e, 10);
				if (e == s || b < a)
					return -1;
			}
		}
		for (long k = a; k <= b && k <= 64; k++)
			sel[k] = 1;
		if (b > 64)
			return -1;
		s = e;
		if (*s == ',')
			s++;
		else if (*s)
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	long len = 0, truncated = 0;
	ssize_t n;
	int fd, rc = 0;

	if (argc < 3 || parse_list(argv[1])) {
		fprintf(stderr, "usage: cutsel LIST FILE...\n");
		return 2;
	}
	for (int a = 2; a < argc; a++) {
		const char *path = argv[a];

		COSY_START(cutsel)
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "cutsel: %s: %s\n", path, strerror(errno));
			rc = 1;
		} else {
			while ((n = read(fd, buf, sizeof(buf))) > 0) {
				for (ssize_t j = 0; j < n; j++) {
					if (buf[j] == '\n') {
						emit(len);
						len = 0;
						continue;
					}
					if (len < (long)sizeof(line))
						line[len++] = buf[j];
					else
						truncated++;
				}
			}
			if (len > 0)
				emit(len);
			len = 0;
			close(fd);
		}
		COSY_END()
#ifdef __COSY_CC__
		fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	}
	if (truncated)
		fprintf(stderr, "cutsel: %ld bytes past %zu in a line not read\n", truncated,
			sizeof(line));
	return rc;
}
