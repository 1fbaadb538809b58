/* A helper that calls itself. */
#include <cosy/cosy.h>
static long fact(long n)
{
	if (n <= 1)
		return 1;
	return n * fact(n - 1);
}
long f(long x)
{
	long d;

	COSY_START(r)
	d = fact(x);
	COSY_END()
	return d;
}
// EXPECT: helper_recursive.c:7:13: error: call to 'fact' cannot run in a compound: cosy-cc inlines the program's functions, and this one calls itself
