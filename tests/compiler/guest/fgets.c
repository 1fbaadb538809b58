// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A line filter as written from fgets(3): fgets(line, SIZE, stdin) in a
 * region, at most LINES calls, each line printed with its length.  SIZE
 * may be smaller than a line (the rest comes in the next call), 1 (an
 * empty string, nothing read) or 0 (NULL at once).  Before the region
 * the program takes a line through stdio itself (x), or all of stdin, so
 * that stdio's EOF flag is set as the region begins (e), and the region
 * clears it with clearerr() first (c).  The region asks feof() and
 * ferror() at its end; after it the program prints what the buffer holds
 * (a NULL return leaves it as it was), and counts what is left of stdin
 * with getc() and feof(): every byte once, in order, and the flags as
 * the plain build sees them.
 *
 * usage: fgets SIZE LINES [x|e|c] < FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	char line[300], first[64];
	long calls = 0, whole = 0, bytes = 0, max, len, rest = 0;
	int size, c, got = 1, eof = -1, err = -1, clear;

	if (argc < 3 || atoi(argv[1]) < 0 || atoi(argv[1]) > (int)sizeof(line)) {
		fprintf(stderr, "usage: %s SIZE LINES [x] < FILE (SIZE at most %zu)\n", argv[0],
			sizeof(line));
		return 2;
	}
	size = atoi(argv[1]);
	max = atol(argv[2]);
	if (argc > 3 && argv[3][0] == 'x' && fgets(first, sizeof(first), stdin))
		printf("first: %zu bytes\n", strlen(first));
	if (argc > 3 && argv[3][0] != 'x') {
		while ((c = getchar()) != EOF)
			rest++;
		printf("before: %ld bytes, eof %d\n", rest, feof(stdin) != 0);
		rest = 0;
	}
	clear = argc > 3 && argv[3][0] == 'c';
	strcpy(line, "untouched");
	COSY_START(lines)
	if (clear)
		clearerr(stdin);
	while (calls < max) {
		if (fgets(line, size, stdin) == NULL) {
			got = 0;
			break;
		}
		calls++;
		len = strlen(line);
		bytes += len;
		if (len > 0 && line[len - 1] == '\n')
			whole++;
		printf("%ld:%s|\n", len, line);
	}
	eof = feof(stdin);
	err = ferror(stdin);
	COSY_END()
	printf("-- %ld calls, %ld whole lines, %ld bytes, last %s; buffer [%s]; eof %d (%d) "
	       "error %d\n", calls, whole, bytes, got ? "a line" : "NULL", line, feof(stdin) != 0,
	       eof != 0, err != 0);
	while ((c = getc(stdin)) != EOF)
		rest++;
	printf("-- %ld more bytes, eof %d error %d\n", rest, feof(stdin) != 0, ferror(stdin) != 0);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
