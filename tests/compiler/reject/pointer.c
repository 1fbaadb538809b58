/* A pointer other than a buffer or a path string. */
#include <cosy/cosy.h>
void f(int *p)
{
	int y;

	COSY_START(r)
	y = *p;
	COSY_END()
	(void)y;
}
// EXPECT: pointer.c:8:6: error: dereferencing a pointer cannot run in a compound: pointers other than buffers and strings cannot
