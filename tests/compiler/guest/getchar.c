// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * K&R's filter in a region: getchar() until EOF, putchar(toupper(c)),
 * stopping after LINES lines.  With an argument the program first takes a
 * line through stdio itself (stdin's buffer then holds more), and after
 * the region it counts what is left with getc(stdin) and asks feof():
 * every byte of stdin once, in order, and the EOF flag as the plain build
 * sees them.  A pipe on stdin runs the region in user space (the bytes
 * read ahead could not go back).
 *
 * usage: getchar LINES [x] < FILE
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	long n = 0, lines = 0, max;
	int c;

	if (argc < 2) {
		fprintf(stderr, "usage: %s LINES [x] < FILE\n", argv[0]);
		return 2;
	}
	max = atol(argv[1]);
	if (argc > 2) {
		while ((c = getchar()) != EOF && c != '\n')
			n++;
		printf("first line: %ld bytes\n", n);
	}
	COSY_START(upper)
	while (lines < max && (c = getchar()) != EOF) {
		putchar(toupper(c));
		if (c == '\n')
			lines++;
	}
	COSY_END()
	printf("-- %ld lines; eof %d:", lines, feof(stdin) != 0);
	n = 0;
	while ((c = getc(stdin)) != EOF)
		n++;
	printf(" %ld more bytes, eof %d error %d\n", n, feof(stdin) != 0, ferror(stdin) != 0);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
