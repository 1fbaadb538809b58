// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Files written through stdio, as written from fopen(3), fprintf(3),
 * fputs(3), putc(3), fwrite(3), fflush(3) and fclose(3): the region opens
 * OUT for writing, copies each FILE into it, and closes it.
 *
 *   c: the lines (fgets() into 512 bytes) with fputs(), then a trailer
 *      line per file with fprintf();
 *   n: cat -n: fprintf("%6ld\t%s") per line;
 *   p: a byte at a time, getc() and putc(), upper-cased;
 *   b: fread() of SIZE-byte items, fwrite() of what it read, fflush()
 *      after each file;
 *   u: as b, with fread_unlocked() and fwrite_unlocked(), which glibc
 *      defines (with -O) as macros choosing by __builtin_constant_p()
 *      between a loop over a copy of the FILE * and the call;
 *   a: as c, OUT opened "a" (appended to);
 *   o: as c, OUT left open: the region's end writes what is buffered,
 *      as exit() would (stdout says nothing of fclose()).
 *
 * Then ferror() and fclose()'s value (and errno if it failed): a write
 * past RLIMIT_FSIZE fails with EFBIG, and a missing directory fails
 * fopen().
 *
 * usage: fwrite c|n|p|b|u|a|o SIZE OUT FILE...
 */
#include <ctype.h>
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
	long lines, total = 0, n;
	int size, mode, c, i, err, rc, files = 0;
	FILE *in, *out;

	size = argc < 5 ? -1 : atoi(argv[2]);
	mode = argc < 5 ? 0 : argv[1][0];
	if (size < 1 || size > (int)sizeof(chunk) || !strchr("cnpbuao", mode)) {
		fprintf(stderr, "usage: %s c|n|p|b|u|a|o SIZE OUT FILE... (SIZE 1 to %zu)\n",
			argv[0], sizeof(chunk));
		return 2;
	}
	COSY_START(copyout)
	out = fopen(argv[3], mode == 'a' ? "a" : "w");
	if (!out) {
		printf("%s: fopen fails, errno %d\n", argv[3], errno);
		return 1;
	}
	for (i = 4; i < argc; i++) {
		in = fopen(argv[i], "r");
		if (in == NULL) {
			fprintf(out, "%s: cannot open (errno %d)\n", argv[i], errno);
			continue;
		}
		files++;
		lines = 0;
		if (mode == 'p') {
			while ((c = getc(in)) != EOF) {
				putc(toupper(c), out);
				lines += c == '\n';
			}
		} else if (mode == 'b') {
			while ((n = fread(chunk, size, sizeof(chunk) / size, in)) > 0) {
				fwrite(chunk, size, n, out);
				lines += n;
			}
			fflush(out);
		} else if (mode == 'u') {
			while ((n = fread_unlocked(chunk, size, sizeof(chunk) / size, in)) > 0) {
				fwrite_unlocked(chunk, size, n, out);
				lines += n;
			}
			fflush(out);
		} else {
			while (fgets(line, sizeof(line), in)) {
				lines++;
				if (mode == 'n')
					fprintf(out, "%6ld\t%s", lines, line);
				else
					fputs(line, out);
			}
			if (mode != 'n')
				fprintf(out, "-- %s: %ld lines\n", argv[i], lines);
		}
		fclose(in);
		total += lines;
	}
	fputc('.', out);
	fputs("\n", out);
	err = ferror(out) != 0;
	if (mode != 'o') {
		errno = 0;
		rc = fclose(out);
		printf("ferror %d fclose %d errno %d\n", err, rc, rc ? errno : 0);
	}
	COSY_END()
	printf("%d files, %ld lines or items\n", files, total);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
