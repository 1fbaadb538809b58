// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A line filter as written from fgets(3): fgets(line, SIZE, stdin) in a
 * region, at most LINES calls, each line printed with its length.  SIZE
 * may be smaller than a line (the rest comes in the next call), 1 (an
 * empty string, nothing read) or 0 (NULL at once).  With an x the program
 * first takes a line through stdio itself; after the region it prints
 * what the buffer holds (a NULL return leaves it as it was), and counts
 * what is left of stdin with getc() and feof(): every byte once, in
 * order, as the plain build sees them.
 *
 * usage: fgets SIZE LINES [x] < FILE
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
	int size, c, got = 1;

	if (argc < 3 || atoi(argv[1]) < 0 || atoi(argv[1]) > (int)sizeof(line)) {
		fprintf(stderr, "usage: %s SIZE LINES [x] < FILE (SIZE at most %zu)\n", argv[0],
			sizeof(line));
		return 2;
	}
	size = atoi(argv[1]);
	max = atol(argv[2]);
	if (argc > 3 && fgets(first, sizeof(first), stdin))
		printf("first: %zu bytes\n", strlen(first));
	strcpy(line, "untouched");
	COSY_START(lines)
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
	COSY_END()
	printf("-- %ld calls, %ld whole lines, %ld bytes, last %s; buffer [%s]; eof %d\n", calls,
	       whole, bytes, got ? "a line" : "NULL", line, feof(stdin) != 0);
	while ((c = getc(stdin)) != EOF)
		rest++;
	printf("-- %ld more bytes, eof %d error %d\n", rest, feof(stdin) != 0, ferror(stdin) != 0);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
