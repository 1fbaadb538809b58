// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Numbers read from a file, as a region parses them: each line through
 * strtol() with base 0, strtoul() with base 16, strtoll() with the base
 * from the command line (a variable: 1 and 37 fail with EINVAL and leave
 * the end pointer), atoi(), and the sum of its comma-separated fields.
 * Each value is printed with errno and where the end pointer stopped,
 * with the line's leading blanks (strspn), where its first x is (strpbrk)
 * and how long it is (strcspn of the newline), after a tag sprintf()
 * makes; the output must be the plain build's byte for byte.
 *
 * BASE is parsed in the region too, into an end pointer declared before
 * it: a BASE with anything after its digits is -1 (EINVAL).
 *
 * usage: numparse BASE FILE
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	char line[256], tag[32], *bend;
	long long sum = 0;
	long nbad = 0, lines = 0;
	int base, k, rc = 0;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: %s BASE FILE\n", argv[0]);
		return 2;
	}
	COSY_START(numparse)
	base = (int)strtol(argv[1], &bend, 10);
	if (*bend)
		base = -1;
	f = fopen(argv[2], "r");
	if (!f) {
		perror(argv[2]);
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *end = line, *p;
		long v;
		unsigned long u;
		long long w;

		k = sprintf(tag, "#%ld/", lines + 1);
		printf("%s%d len %zu ", tag, k, strcspn(line, "\n"));
		line[strcspn(line, "\n")] = 0;
		lines++;
		errno = 0;
		v = strtol(line, &end, 0);
		printf("%ld: strtol %ld errno %d end %ld", lines, v, errno, (long)(end - line));
		errno = 0;
		u = strtoul(line, &end, 16);
		printf(" | strtoul16 %lu errno %d end %ld", u, errno, (long)(end - line));
		errno = 0;
		end = line + 1;
		w = strtoll(line, &end, base);
		printf(" | strtoll%d %lld errno %d end %ld", base, w, errno, (long)(end - line));
		printf(" | atoi %d abs %d labs %ld llabs %lld", atoi(line), abs((int)v), labs(v),
		       llabs(w));
		p = strpbrk(line, "xX");
		printf(" | blanks %zu x at %ld\n", strspn(line, " \t+-"), p ? (long)(p - line) : -1L);
		/* the fields after the first: sum the numbers, count the rest */
		p = strchr(line, ',');
		while (p) {
			p++;
			errno = 0;
			v = strtol(p, &end, 10);
			if (end == p || errno || (*end != ',' && *end))
				nbad++;
			else
				sum += v;
			p = strchr(p, ',');
		}
	}
	if (ferror(f))
		rc = 1;
	fclose(f);
	COSY_END()
	printf("lines %ld sum %lld bad %ld\n", lines, sum, nbad);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return rc;
}
