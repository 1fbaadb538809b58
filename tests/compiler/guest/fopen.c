// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Files read through stdio, as written from fopen(3), fgets(3), getc(3)
 * and fread(3): each FILE is opened, read and closed in the region.
 *
 *   l: grep -n -F: the lines (fgets() into SIZE bytes) holding PATTERN,
 *      numbered, a line longer than SIZE - 1 coming in parts;
 *   c: wc -l -c with getc();
 *   r: a sum of the bytes fread() takes in items of SIZE bytes, and the
 *      items it counts.
 *
 * Then feof(), ferror() and fclose()'s value, for every file: a missing
 * one fails fopen() (errno printed), a directory opens and fails its
 * first read (ferror()).
 *
 * usage: fopen l|c|r SIZE PATTERN FILE...
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	char line[512], chunk[8192];
	long lines, bytes, items, sum, total = 0, n, k;
	int size, mode, c, i, eof, err, left, rc;
	FILE *f;

	size = argc < 5 ? -1 : atoi(argv[2]);
	mode = argc < 5 ? 0 : argv[1][0];
	if (size < (mode == 'r') || size > (int)(mode == 'r' ? sizeof(chunk) : sizeof(line))) {
		fprintf(stderr, "usage: %s l|c|r SIZE PATTERN FILE... (SIZE at most %zu, or "
			"1 to %zu for r)\n", argv[0], sizeof(line), sizeof(chunk));
		return 2;
	}
	COSY_START(files)
	for (i = 4; i < argc; i++) {
		f = fopen(argv[i], "r");
		if (f == NULL) {
			printf("%s: fopen fails, errno %d\n", argv[i], errno);
			continue;
		}
		lines = bytes = items = sum = 0;
		if (mode == 'l') {
			while (fgets(line, size, f)) {
				lines++;
				if (strstr(line, argv[3]))
					printf("%s:%ld:%s", argv[i], lines, line);
				bytes += strlen(line);
			}
		} else if (mode == 'c') {
			while ((c = getc(f)) != EOF) {
				bytes++;
				lines += c == '\n';
			}
		} else {
			while ((n = fread(chunk, size, sizeof(chunk) / size, f)) > 0) {
				items += n;
				for (k = 0; k < n * size; k++)
					sum += (unsigned char)chunk[k];
			}
		}
		eof = feof(f) != 0;
		err = ferror(f) != 0;
		clearerr(f);
		left = feof(f) || ferror(f);
		rc = fclose(f);
		total += bytes;
		printf("%s: %ld lines %ld bytes %ld items sum %ld eof %d error %d (after clearerr %d) "
		       "fclose %d\n", argv[i], lines, bytes, items, sum, eof, err, left, rc);
	}
	COSY_END()
	printf("total %ld\n", total);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
