/* An array of int: only char arrays are buffers. */
#include <cosy/cosy.h>
void f(void)
{
	int v[4];
	int s;

	v[0] = 1;
	COSY_START(r)
	s = v[0];
	COSY_END()
	(void)s;
}
// EXPECT: int_array.c:10:6: error: array 'v' cannot run in a compound: only char arrays (I/O buffers) can
