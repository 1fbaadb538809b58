// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * N strchr()s of a 512 KiB string in a region's loop, for a byte it does
 * not hold (so each ends at the NUL, and strchr() gives NULL): each byte
 * scan takes longer than the module's slice (20 ms under TCG), and a
 * scan cannot yield in the middle of its expression, so the loop around
 * it yields at its next iteration: about one yield per scan, where the
 * loop's own guard, every 256 iterations, would hold the CPU for 256
 * scans.  (strlen() was such a scan too; it is a memchr kfunc now.)
 *
 * usage: longscan N
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
	static char s[512 << 10];
	long n, i, total = 0;

	if (argc != 2 || (n = atol(argv[1])) < 0) {
		fprintf(stderr, "usage: %s N\n", argv[0]);
		return 2;
	}
	memset(s, 'x', sizeof(s) - 1);
	COSY_START(scan)
	for (i = 0; i < n; i++)
		total += strchr(s, 'y') == NULL ? (long)sizeof(s) - 1 : 0;
	COSY_END()
	printf("%ld bytes\n", total);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
