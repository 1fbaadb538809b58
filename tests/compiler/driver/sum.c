/* A region in a file compiled apart (-c), linked with main.o. */
#include <cosy/cosy.h>
#include "common.h"

long sum_to(long n)
{
	long i, s = 0;

	COSY_START(sum)
#ifdef TWICE
	for (i = 0; i < n; i++)
		s += 2 * i;
#else
	for (i = 0; i < n; i++)
		s += i;
#endif
	COSY_END()
	return s;
}
