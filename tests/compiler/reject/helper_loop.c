/* A helper with a loop, called where it may not run first: a do's condition (after the body, where a continue would skip it). */
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
	do
		x /= 10;
	while (digits(x) > 1 && ++k);
	COSY_END()
	return k;
}
// EXPECT: helper_loop.c:20:9: error: call to 'digits' cannot run in a compound here: it has a loop or a switch, and cosy-cc inlines such a helper only where its call runs before its statement (in an expression statement, an initialiser, the condition of an if, a switch, a while or a for, not in a do's; on the right of &&, || or ?:, but not of two, one inside the other: a && (b || f())): call it in a statement of its own (x = digits(...);)
