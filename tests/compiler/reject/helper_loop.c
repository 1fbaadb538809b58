/* A helper with a loop: cosy-cc inlines straight-line helpers only. */
#include <cosy/cosy.h>
static int digits(long v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}
int f(long x)
{
	int d;

	COSY_START(r)
	d = digits(x);
	COSY_END()
	return d;
}
// EXPECT: helper_loop.c:7:2: error: this statement in 'digits' cannot run in a compound: cosy-cc inlines a helper made of declarations, expressions, if/else and return (no loop, switch or goto)
