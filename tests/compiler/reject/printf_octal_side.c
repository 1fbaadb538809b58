/* %lo of x++: the region reads the argument once per group of octal digits. */
#include <stdio.h>
#include <cosy/cosy.h>
void f(long x)
{
	COSY_START(r)
	printf("%lo\n", x++);
	COSY_END()
}
// EXPECT: printf_octal_side.c:7:18: error: this argument of printf()'s conversion '%lo' cannot run in a compound: the region reads it more than once, so it may not assign, ++ or call
