/* Floating point. */
#include <cosy/cosy.h>
void f(double d)
{
	COSY_START(r)
	d = d * 2;
	COSY_END()
	(void)d;
}
// EXPECT: float.c:6:2: error: variable 'd' cannot run in a compound: floating point cannot (only integer scalars, char buffers and path strings)
