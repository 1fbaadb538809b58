/* A cast to a pointer type. */
#include <cosy/cosy.h>
void f(long x)
{
	char *p;

	COSY_START(r)
	p = (char *)x;
	COSY_END()
	(void)p;
}
// EXPECT: cast_pointer.c:8:2: error: pointer 'p' cannot run in a compound here: pointers other than buffers and strings cannot: a string pointer can only be the path argument of open/openat/creat
