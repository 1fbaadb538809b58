// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * strings - print the sequences of printable characters in files
 *
 * usage: strings [-n MIN] [FILE]...
 *
 * For each FILE (standard input if none, or -), print the character
 * sequences that are at least MIN (default 4) characters long and are
 * followed by an unprintable character.  Printable characters are those
 * isprint() accepts, and TAB.  Each sequence is printed on a line of its
 * own.  The whole file is scanned.
 *
 * Written from the man page for the tenth sweep.  On 6.1 its compound was
 * refused, "combined stack size of 6 calls is 544. Too large": 6.1 rounds
 * each frame up to 32 bytes, and the entry kept a spill slot for each
 * slice of the segment besides the frame's own copy.
 */
#include <ctype.h>
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

#define MAXMIN 1024

int main(int argc, char **argv)
{
	long min = 4;
	int opt, rc = 0;
	unsigned char buf[16384];
	char run[MAXMIN];
	char *end;

	while ((opt = getopt(argc, argv, "n:")) != -1) {
		switch (opt) {
		case 'n':
			min = strtol(optarg, &end, 10);
			if (*end || min < 1 || min > MAXMIN) {
				fprintf(stderr, "strings: invalid minimum string length '%s'\n", optarg);
				return 1;
			}
			break;
		default:
			fprintf(stderr, "usage: strings [-n MIN] [FILE]...\n");
			return 1;
		}
	}

	COSY_START(strings)
	int i = optind;

	do {
		const char *name = i < argc ? argv[i] : "-";
		long len = 0;		/* length of the current run */
		int fd;
		ssize_t n;

		if (strcmp(name, "-") == 0)
			fd = STDIN_FILENO;
		else
			fd = open(name, O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "strings: '%s': %s\n", name, strerror(errno));
			rc = 1;
			continue;
		}
		while ((n = read(fd, buf, sizeof(buf))) > 0) {
			for (ssize_t k = 0; k < n; k++) {
				int c = buf[k];

				if (isprint(c) || c == '\t') {
					if (len < min) {
						run[len] = c;
						if (len + 1 == min)
							fwrite(run, 1, min, stdout);
					} else {
						putchar(c);
					}
					len++;
				} else {
					if (len >= min)
						putchar('\n');
					len = 0;
				}
			}
		}
		if (n < 0) {
			fprintf(stderr, "strings: %s: %s\n", name, strerror(errno));
			rc = 1;
		}
		if (len >= min)
			putchar('\n');
		if (fd != STDIN_FILENO)
			close(fd);
	} while (++i < argc);
	COSY_END()

#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return rc;
}
