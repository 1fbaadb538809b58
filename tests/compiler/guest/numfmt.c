// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * What bpf_snprintf() cannot print, printed by a region as printf(3)
 * does: the # flag (%#x, %#o), a number's precision (%.3d, %8.3d) and a
 * long's %o (%lo, %024lo), over values at the edges
 * of each (0, the signs, 2^32, 2^33, the widest longs).  The output must
 * be the plain build's byte for byte, and snprintf()'s value its.
 *
 * usage: numfmt MASK    (each value is printed XORed with MASK: 0 or -1)
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

static const long vals[] = {
	0, 1, 7, 8, 9, 63, 64, 255, 256, 4095, 077777, 0x7fffffff, INT_MIN, 1L << 32,
	(1L << 33) - 1, 1L << 33, 0123456701234567L, LONG_MAX, 0x123456789abcdefL, -2,
};

int main(int argc, char **argv)
{
	long mask, v;
	char sb[16];
	int i, n;

	if (argc != 2) {
		fprintf(stderr, "usage: %s MASK\n", argv[0]);
		return 2;
	}
	mask = strtol(argv[1], NULL, 0);
	COSY_START(numfmt)
	for (i = 0; i < (int)(sizeof(vals) / sizeof(vals[0])); i++) {
		v = vals[i] ^ mask;
		printf("%2d %#x|%#X|%#o|%#08x|%#8x|%-#8x|%#.4x|%#.0x|\n", i, (unsigned)v,
		       (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v,
		       (unsigned)v, (unsigned)v);
		printf("   %.0d|%.3d|%+.3d|% .3d|%8.3d|%-8.3d|%.1d|%+.0d|% .0d|\n", (int)v,
		       (int)v, (int)v, (int)v, (int)v, (int)v, (int)v, (int)v, (int)v);
		printf("   %lo|%07lo|%-24lo|%024lo|%#lo|%#.12lo|%#.30lo|%#025lo|\n", v, v, v, v,
		       v, v, v, v);
		printf("   %.5o|%#.5o|%#.1o|%#.0o|%#.11o|%#.12o|%5.0x|%-5.0o|%#5.0o|\n",
		       (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v,
		       (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v);
		printf("   %#llx|%.20lld|%+.25lld|%#.3lX|%.3ld|%hho|%#hx|%.0u|%#.22lo|%#.23lo|\n",
		       (unsigned long long)v, (long long)v, (long long)v, (unsigned long)v, v,
		       (unsigned char)v, (unsigned short)v, (unsigned)v, v, v);
		/* snprintf()'s value counts what the picked pieces print, cut or not */
		n = snprintf(sb, sizeof(sb), "%#.5lo|%#X", v, (unsigned)v);
		printf("   %d %s\n", n, sb);
	}
	COSY_END()
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
