/* A struct. */
#include <cosy/cosy.h>
struct pair { int a, b; };
void f(struct pair p)
{
	int s;

	COSY_START(r)
	s = p.a + p.b;
	COSY_END()
	(void)s;
}
// EXPECT: struct.c:9:8: error: a struct or union member cannot run in a compound: only integer variables, char buffers and path strings can
