// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * stdinmix MODE < FILE: stdin read by stdio before the region, in it and
 * after it, and by read(0, ...) and ftell() after it (sweep 22): every
 * byte where the plain build finds it.  glibc reads a regular file 4096
 * bytes at a time into its buffer, so a read(0) after the region gets the
 * bytes past what stdio read ahead, not the next line.  MODE:
 *   line   the region reads three lines with getchar() and one with fgets();
 *   peek   the same after a getchar() and an ungetc() of that byte;
 *   two    the same after two lines read with fgets() before the region;
 *   other  an ungetc() of another byte before: the region runs in user space.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "line";
	unsigned long sum = 0;
	long n = 0, lines = 0, after = 0, k;
	char line[128], raw[64];
	int c, first = 0;

	if (!strcmp(mode, "peek") || !strcmp(mode, "other")) {
		first = getchar();
		ungetc(!strcmp(mode, "other") ? 'X' : first, stdin);
	} else if (!strcmp(mode, "two")) {
		if (fgets(line, sizeof(line), stdin))
			lines++;
		if (fgets(line, sizeof(line), stdin))
			lines++;
	}
	COSY_START(mixin)
	while ((c = getchar()) != EOF) {
		n++;
		sum = (sum * 31 + (unsigned long)c) % 1000003;
		if (c == '\n' && ++lines == 3)
			break;
	}
	if (fgets(line, sizeof(line), stdin))
		lines++;
	COSY_END()
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	printf("first %d: %ld bytes, %ld lines, sum %lu, ftell %ld\n", first, n, lines, sum,
	       ftell(stdin));
	k = read(0, raw, sizeof(raw));
	printf("read(0) %ld: [%.*s]\n", k, (int)(k > 12 ? 12 : k < 0 ? 0 : k), raw);
	while ((c = getchar()) != EOF)
		after++;
	printf("then %ld bytes by getchar(), eof %d\n", after, feof(stdin) != 0);
	return 0;
}
