/* A pointer the region does not set, dereferenced. */
#include <cosy/cosy.h>
void f(int *p)
{
	int y;

	COSY_START(r)
	y = *p;
	COSY_END()
	(void)y;
}
// EXPECT: pointer.c:8:6: error: dereferencing this pointer cannot run in a compound: cosy-cc follows only pointers the region sets (declared or assigned in it) into its own memory
