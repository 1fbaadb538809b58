/* A pointer declared inside the region. */
#include <cosy/cosy.h>
void f(const char *s)
{
	COSY_START(r)
	const char *p = s;
	(void)p;
	COSY_END()
}
// EXPECT: pointer_decl.c:6:14: error: pointer 'p' declared in a region cannot run in a compound: pointers other than buffers and strings from outside cannot
