/* The value of memcpy(), a pointer. */
#include <string.h>
#include <cosy/cosy.h>
int f(void)
{
	char a[8], b[8];
	int r;

	COSY_START(r)
	r = memcpy(a, b, 8) != 0;
	COSY_END()
	return r;
}
// EXPECT: memcpy_value.c:10:6: error: the value of memcpy() cannot be used in a compound: it is a pointer; call it as a statement
