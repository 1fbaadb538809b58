// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A loop with no system call in it: in the kernel, only the guard's check
 * at every iteration can stop it.  `spin N` runs N iterations; with a
 * budget smaller than N calls the compound must stop with the budget's
 * error (tests/kernel/t_cosycc.sh).
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
	long n = argc > 1 ? atol(argv[1]) : 1000, i, sum = 0;

	errno = 0;
	COSY_START(spin)
	for (i = 0; i < n; i++)
		sum += i & 7;
	COSY_END()
	printf("spin: i=%ld sum=%ld errno=%s\n", i, sum, errno ? strerror(errno) : "0");
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s%s%s\n", cosy_region_path_str(cosy_region_last_path()),
		*cosy_region_last_why() ? ": " : "", cosy_region_last_why());
#endif
	return 0;
}
