/* A pointer made from an integer. */
#include <cosy/cosy.h>
void f(long x)
{
	char *p;

	COSY_START(r)
	p = (char *)x;
	COSY_END()
	(void)p;
}
// EXPECT: cast_pointer.c:8:6: error: this pointer cannot run in a compound: a pointer must point into an array or struct the region uses (buf, &s, buf + k, p + k), or be NULL
