/* A helper with a loop, called where it may not run first: a for's condition. */
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
	int k = 0;

	COSY_START(r)
	for (; digits(x) > 1; k++)
		x /= 10;
	COSY_END()
	return k;
}
// EXPECT: helper_loop.c:18:9: error: call to 'digits' cannot run in a compound here: it has a loop or a switch, and cosy-cc inlines such a helper only where its call runs on every path of a statement (an expression statement, an initialiser, the condition of an if, a switch or a while; not under &&, || or ?:, nor in a for's or a do's condition): call it in a statement of its own (x = digits(...);)
