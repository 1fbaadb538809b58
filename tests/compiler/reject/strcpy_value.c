/* strcpy() returns its destination, a pointer: only as a statement. */
#include <string.h>
#include <cosy/cosy.h>
int f(const char *s)
{
	char buf[16];
	int n;

	COSY_START(r)
	n = strcpy(buf, s) != 0;
	COSY_END()
	return n;
}
// EXPECT: strcpy_value.c:10:6: error: the value of strcpy() cannot be used in a compound: it is a pointer; call it as a statement
