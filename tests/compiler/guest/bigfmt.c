// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * snprintf() and sprintf() of more than 4096 bytes at once, into arrays
 * large enough (8 KiB and 16 KiB) and one that cuts (100 bytes): what is
 * stored, and the values, must be the plain build's.  The region's sink
 * is as large as its largest destination.
 *
 * usage: bigfmt LEN    (LEN < 12000: the string formatted, "<%s>")
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

static char src[12000], mid[8192], big[16384], small[100];

int main(int argc, char **argv)
{
	int len = argc > 1 ? atoi(argv[1]) : -1, a = 0, b = 0, c = 0;
	unsigned long sum = 0;

	if (len < 0 || len >= (int)sizeof(src)) {
		fprintf(stderr, "usage: %s LEN (< %zu)\n", argv[0], sizeof(src));
		return 2;
	}
	COSY_START(bigfmt)
	for (int i = 0; i < len; i++)
		src[i] = (char)('a' + i % 26);
	src[len] = 0;
	a = snprintf(mid, sizeof(mid), "<%s>", src);
	b = sprintf(big, "<%s>", src);
	c = snprintf(small, sizeof(small), "[%s]", src);
	for (int i = 0; i < (int)sizeof(mid); i++)
		sum = sum * 31 + (unsigned char)mid[i];
	COSY_END()
	printf("snprintf %d stored %zu last %c | sprintf %d stored %zu last %c | small %d %zu %s"
	       " | sum %lu\n", a, strlen(mid), mid[strlen(mid) - 1], b, strlen(big),
	       big[strlen(big) - 1], c, strlen(small), small + 95, sum);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
