// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cat through stdio in a region: fread(buf, SIZE, NMEMB, stdin) at most
 * CALLS times, each chunk summed and fwrite()n to stdout.  A request of
 * 4 KiB or more goes straight into buf, a smaller one through stdin's
 * buffer; the last item may be partial (its bytes are taken, not
 * counted).  With an x the program first takes a line through stdio
 * itself; after the region it counts what is left of stdin with getc()
 * and feof(): every byte once, in order, as the plain build sees them.
 *
 * usage: fread SIZE NMEMB CALLS [x] < FILE    (SIZE * NMEMB at most 20000)
 */
#include <stdio.h>
#include <stdlib.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	static unsigned char buf[20000];
	unsigned long size, nmemb, n, items = 0, sum = 0, i;
	long calls = 0, max, rest = 0;
	int c;

	if (argc < 4 || atol(argv[1]) < 0 || atol(argv[2]) < 0 ||
	    atol(argv[1]) * atol(argv[2]) > (long)sizeof(buf)) {
		fprintf(stderr, "usage: %s SIZE NMEMB CALLS [x] < FILE\n", argv[0]);
		return 2;
	}
	size = strtoul(argv[1], NULL, 10);
	nmemb = strtoul(argv[2], NULL, 10);
	max = atol(argv[3]);
	if (argc > 4) {
		while ((c = getchar()) != EOF && c != '\n')
			rest++;
		printf("first line: %ld bytes\n", rest);
		rest = 0;
	}
	COSY_START(chunks)
	while (calls < max && (n = fread(buf, size, nmemb, stdin)) > 0) {
		calls++;
		items += n;
		for (i = 0; i < n * size; i++)
			sum = sum * 31 + buf[i];
		fwrite(buf, size, n, stdout);
	}
	COSY_END()
	printf("\n-- %ld calls, %lu items, sum %lu; eof %d\n", calls, items, sum, feof(stdin) != 0);
	while ((c = getc(stdin)) != EOF)
		rest++;
	printf("-- %ld more bytes, eof %d error %d\n", rest, feof(stdin) != 0, ferror(stdin) != 0);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
