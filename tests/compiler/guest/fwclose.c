// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * fclose() in the branches that leave the region, as programs written
 * from the man pages close what they opened before they give up: FILE...
 * are copied line by line into OUT; a FILE that cannot be opened closes
 * OUT and returns 2, a line that begins with '#' closes both and returns
 * 6 from inside the loop; after each file OUT is flushed, and an fflush()
 * that fails (past RLIMIT_FSIZE) closes OUT and returns 3.  Those
 * branches stay in the compound (fclose() of the region's FILEs is its
 * own call).
 *
 * usage: fwclose OUT FILE...
 */
#include <errno.h>
#include <stdio.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	char line[256];
	long lines = 0;
	FILE *in, *out;
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: %s OUT FILE...\n", argv[0]);
		return 2;
	}
	COSY_START(fwclose)
	out = fopen(argv[1], "w");
	if (!out) {
		perror(argv[1]);
		return 1;
	}
	for (i = 2; i < argc; i++) {
		in = fopen(argv[i], "r");
		if (!in) {
			printf("%s: errno %d after %ld lines\n", argv[i], errno, lines);
			fclose(out);
			return 2;
		}
		while (fgets(line, sizeof(line), in)) {
			if (line[0] == '#') {
				fclose(in);
				fclose(out);
				printf("%s: a comment after %ld lines\n", argv[i], lines);
				return 6;
			}
			fputs(line, out);
			lines++;
		}
		fclose(in);
		if (fflush(out) != 0) {
			printf("%s: fflush fails, errno %d\n", argv[i], errno);
			fclose(out);
			return 3;
		}
	}
	printf("%ld lines, fclose %d\n", lines, fclose(out));
	COSY_END()
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
