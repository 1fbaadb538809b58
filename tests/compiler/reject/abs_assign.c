// abs() of an argument that assigns: the region reads it more than once
#include <stdlib.h>
#include <cosy/cosy.h>

int f(int a)
{
	int r;

	COSY_START(ab)
	r = abs(a++);
	COSY_END()
	return r + a;
}
// EXPECT: abs_assign.c:10:10: error: abs()'s argument cannot run in a compound: a region reads it more than once, so it may not assign, ++ or call
