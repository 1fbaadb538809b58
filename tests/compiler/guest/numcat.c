// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cat -n over its arguments ("-", or none: standard input), in the shape
 * most utilities' file loop has:
 * - the path chosen by ?: between argv[i] and a literal, a name for the
 *   reports that is NULL for standard input, then tested;
 * - output through put(), a helper without a loop that calls flush_out(),
 *   a helper with one;
 * - a seek on the left of || before a helper with a loop, which runs
 *   only if the seek worked, the seek once.
 *
 * usage: numcat [FILE]...
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

static char out[4096];
static size_t olen;
static long seeks;

static void flush_out(void)
{
	size_t off = 0;

	while (off < olen) {
		ssize_t w = write(STDOUT_FILENO, out + off, olen - off);

		if (w <= 0)
			break;
		off += w;
	}
	olen = 0;
}

static void put(char c)
{
	out[olen++] = c;
	if (olen == sizeof(out))
		flush_out();
}

/* n right-aligned in 6 columns and a tab, as cat -n prints it (n < 10^6) */
static void put_num(long n)
{
	put(n >= 100000 ? '0' + n / 100000 % 10 : ' ');
	put(n >= 10000 ? '0' + n / 10000 % 10 : ' ');
	put(n >= 1000 ? '0' + n / 1000 % 10 : ' ');
	put(n >= 100 ? '0' + n / 100 % 10 : ' ');
	put(n >= 10 ? '0' + n / 10 % 10 : ' ');
	put('0' + n % 10);
	put('\t');
}

/* the bytes of fd, each line numbered; -1 on a read error */
static int number(int fd, long *line, int *bol)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++) {
			if (*bol)
				put_num(++*line);
			put(buf[i]);
			*bol = buf[i] == '\n';
		}
	return n < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	long line = 0;
	int rc = 0, bol = 1;

	COSY_START(numcat)
	for (int i = 1; i < argc || i == 1; i++) {
		const char *path = i < argc ? argv[i] : "-";
		const char *name = i < argc ? argv[i] : NULL;
		int fd = strcmp(path, "-") ? open(path, O_RDONLY) : STDIN_FILENO;

		if (fd < 0) {
			fprintf(stderr, "numcat: %s: %s\n", path, strerror(errno));
			rc = 1;
			continue;
		}
		if ((fd != STDIN_FILENO && ++seeks && lseek(fd, 0, SEEK_SET) < 0) ||
		    number(fd, &line, &bol) < 0) {
			if (name)
				fprintf(stderr, "numcat: %s: %s\n", name, strerror(errno));
			else
				fprintf(stderr, "numcat: standard input: %s\n", strerror(errno));
			rc = 1;
		}
		if (fd != STDIN_FILENO)
			close(fd);
	}
	flush_out();
	COSY_END()
	fprintf(stderr, "%ld lines, %ld seeks\n", line, seeks);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return rc;
}
