/* A helper that writes a global: two such calls in one expression would not be ordered. */
#include <cosy/cosy.h>
static long calls;
static int twice(int v)
{
	calls++;
	return 2 * v;
}
int f(int x)
{
	int d;

	COSY_START(r)
	d = twice(x) + twice(x + 1);
	COSY_END()
	return d;
}
// EXPECT: helper_global.c:6:2: error: this assignment in 'twice' cannot run in a compound: a helper called inside an expression may change only its own parameters and locals (call it as a statement of its own)
