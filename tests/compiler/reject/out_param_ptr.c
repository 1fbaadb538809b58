/*
 * An out-parameter reaches the compound only as *err: a pointer of the
 * region's that would hold err itself is refused by name, not lowered
 * into memory the compound has not.
 */
#include <cosy/cosy.h>
long f(int *err)
{
	long r = 0;
	int *p;

	COSY_START(f3)
	p = err;
	*p = 5;
	r = 1;
	COSY_END()
	return r;
}
// EXPECT: out_param_ptr.c:13:2: error: pointer 'p' cannot run in a compound: it would point where out-parameter 'err' points, into the program's memory, which the compound reaches only as *err
