/* An int helper that can fall off its end. */
#include <cosy/cosy.h>
static int sign(int v)
{
	if (v < 0)
		return -1;
	if (v > 0)
		return 1;
}
int f(int x)
{
	int s;

	COSY_START(r)
	s = sign(x);
	COSY_END()
	return s;
}
// EXPECT: helper_no_return.c:3:12: error: 'sign' cannot run in a compound: it can reach its end without returning a value
