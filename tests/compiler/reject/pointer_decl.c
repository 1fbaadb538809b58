/*
 * A pointer from outside the region that it never sets: not followed
 * (but a const char *, a string, is read where it was copied in: a write
 * through a char * would change the copy, not the program's string).
 */
#include <cosy/cosy.h>
void f(char *s)
{
	COSY_START(r)
	char *p = s;
	(void)p;
	COSY_END()
}
// EXPECT: pointer_decl.c:10:12: error: pointer 's' cannot be followed in a compound: it is neither declared nor assigned in the region, so cosy-cc cannot tell which memory it points into
