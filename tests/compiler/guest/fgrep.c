// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * grep -n -F as written from fopen(3) and fgets(3): a helper opens each
 * file, numbers its lines and prints those holding PATTERN, says why a
 * file does not open (perror()) and closes it; the region calls it for
 * every file and totals the matches.  Exit status as grep's: 0 if some
 * line matched, 1 if none, 2 on a usage error.
 *
 * usage: fgrep PATTERN FILE...
 */
#include <stdio.h>
#include <string.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

static long count(const char *path, const char *pat)
{
	char line[256];
	long n = 0, ln = 0;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL) {
		perror(path);
		return -1;
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		ln++;
		if (strstr(line, pat) != NULL) {
			printf("%s:%ld:%s", path, ln, line);
			n++;
		}
	}
	if (ferror(fp))
		fprintf(stderr, "%s: read error\n", path);
	fclose(fp);
	return n;
}
int main(int argc, char **argv)
{
	long total = 0, r;
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: %s PATTERN FILE...\n", argv[0]);
		return 2;
	}
	COSY_START(grepn)
	for (i = 2; i < argc; i++) {
		r = count(argv[i], argv[1]);
		if (r > 0)
			total += r;
	}
	COSY_END()
	printf("%ld\n", total);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return total ? 0 : 1;
}
