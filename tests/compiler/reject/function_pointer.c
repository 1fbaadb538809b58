/* A call through a pointer. */
#include <cosy/cosy.h>
void f(int (*op)(int), int x)
{
	COSY_START(r)
	x = op(x);
	COSY_END()
	(void)x;
}
// EXPECT: function_pointer.c:6:6: error: calling through a pointer cannot run in a compound: only direct calls of the supported system calls can
