// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * strtok() and strtok_r() in a region: each line of FILE (fgets() into a
 * buffer of LEN bytes, so a long line comes in pieces) split into fields
 * at commas and blanks with strtok(), each field into key and value at
 * '=' with strtok_r(), nested in the strtok() loop.  Runs of delimiters,
 * delimiters at both ends, lines of nothing else, a piece that fills the
 * buffer and a last line with no newline are the cases; the tokens are
 * printed between brackets, then the counts.
 *
 * usage: strtok LEN FILE     (LEN 2..256)
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
	char line[256];
	long fields = 0, pairs = 0, empty = 0, bytes = 0;
	int len = argc > 2 ? atoi(argv[1]) : 0;
	const char *path = argc > 2 ? argv[2] : "/dev/null";
	FILE *f;

	if (len < 2 || len > (int)sizeof(line))
		return 2;
	COSY_START(tok)
	f = fopen(path, "r");
	if (!f) {
		perror(path);
		return 1;
	}
	while (fgets(line, len, f)) {
		char *field = strtok(line, ", \t\n");

		if (!field)
			empty++;
		while (field) {
			char *save, *key = strtok_r(field, "=", &save), *val;

			fields++;
			bytes += strlen(field);
			val = strtok_r(NULL, "=", &save);
			if (val) {
				pairs++;
				printf("[%s]=[%s]", key, val);
			} else {
				printf("[%s]", key ? key : "(none)");
			}
			field = strtok(NULL, ", \t\n");
		}
		printf("|\n");
	}
	fclose(f);
	COSY_END()
	printf("fields %ld pairs %ld empty %ld bytes %ld\n", fields, pairs, empty, bytes);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
