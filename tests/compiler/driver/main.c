/* No region here: compiled by the host cc as it is. */
#include <stdio.h>
#include <unistd.h>
#include <cosy/cosy.h>
#include "common.h"
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	long n;

	(void)!write(1, GREETING, sizeof(GREETING) - 1);
	printf("%ld %d\n", sum_to(100), count_bytes(argc > 1 ? argv[1] : argv[0]) > 0);
#ifdef __COSY_CC__
	n = cosy_region_last_path();
	printf("last path: %s\n", cosy_region_path_str((int)n));
#endif
	return 0;
}
