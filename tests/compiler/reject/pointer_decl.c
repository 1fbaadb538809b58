/* A pointer from outside the region that it never sets: not followed. */
#include <cosy/cosy.h>
void f(const char *s)
{
	COSY_START(r)
	const char *p = s;
	(void)p;
	COSY_END()
}
// EXPECT: pointer_decl.c:6:18: error: pointer 's' cannot be followed in a compound: it is neither declared nor assigned in the region, so cosy-cc cannot tell which memory it points into
