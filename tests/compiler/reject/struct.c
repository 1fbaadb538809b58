/* A struct through a pointer. */
#include <cosy/cosy.h>
struct pair { int a, b; };
void f(struct pair *p)
{
	int s;

	COSY_START(r)
	s = p->a + p->b;
	COSY_END()
	(void)s;
}
// EXPECT: struct.c:9:9: error: '->' cannot run in a compound: pointers other than buffers and strings cannot; use the struct variable itself
